//! Renderers: pure functions from a plan and a template to bytes or text. Only `pdf` knows
//! printpdf; none of them touches files or the clock (the creation date comes in
//! [`RenderOptions`]).
//!
//! [`render`] is the one entry point the commands use: a [`Format`], and the plan cut to the
//! asked week there, in one place.

pub mod ics;
pub mod json;
pub mod pdf;
pub mod text;
mod words;

use crate::plan::types::Plan;
use crate::template::{Paper, Template};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The terminal view.
    Text,
    Json,
    /// The printable handout.
    Pdf,
    /// An iCalendar file.
    Ics,
}

/// What a render needs besides the plan and the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Only this week (1-based): the text view shows it within the whole plan, the other
    /// formats hold just that week.
    pub week: Option<u32>,
    /// The text view's width in characters.
    pub width: usize,
    /// Overrides the template's paper (the PDF).
    pub paper: Option<Paper>,
    /// Creation time in Unix seconds (the PDF's dates, the calendar's DTSTAMP).
    pub created: i64,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            week: None,
            width: 80,
            paper: None,
            created: 0,
        }
    }
}

/// Renders `plan` in `format`, in the template's words.
pub fn render(
    plan: &Plan,
    template: &Template,
    format: Format,
    options: &RenderOptions,
) -> Result<Vec<u8>, pdf::PdfError> {
    let week_only;
    let cut = match (options.week, format) {
        (Some(n), Format::Json | Format::Pdf | Format::Ics) => {
            let mut p = plan.clone();
            p.weeks.retain(|w| w.number == n);
            week_only = p;
            &week_only
        }
        _ => plan,
    };
    Ok(match format {
        Format::Text => text::render(
            cut,
            template,
            text::TextOptions {
                week: options.week,
                width: options.width,
            },
        )
        .into_bytes(),
        Format::Json => json::render(cut, &template.text),
        Format::Pdf => pdf::render(
            cut,
            template,
            &pdf::PdfOptions {
                paper: options.paper,
                created: options.created,
            },
        )?,
        Format::Ics => ics::render(cut, template, options.created),
    })
}
