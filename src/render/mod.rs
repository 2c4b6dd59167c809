//! Renderers: pure functions from a plan (and the template's wording) to bytes or text.
//! Only `pdf` knows printpdf; none of them touches files or the clock.

pub mod ics;
pub mod json;
pub mod pdf;
pub mod text;
