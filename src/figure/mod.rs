//! Exercise figures drawn from pose data: a few numbers per exercise in its TOML become a
//! line drawing (issue 12).
//!
//! ```text
//! [exercise.figure] --serde--> raw::RawFigure --check--> Figure --draw--> Drawing --svg / pdf
//!                                 (spans)      (names, ranges,   (rest on supports,   (any renderer)
//!                                               supports reached) project, fit)
//! ```
//!
//! - [`raw`]: the TOML mirror; [`check`]: raw to [`Figure`] with diagnostics;
//! - [`body`]: the 3D body (Winter 2009 proportions) and forward kinematics;
//! - [`solve`]: resting a pose on its supports (balance, rolling rest, flat feet, solved angles);
//! - [`draw`]: camera, depth order, ghost and panels, fitting the frame; [`props`], [`arrow`],
//!   [`partner`] draw what their names say; [`svg`] writes a preview.
//!
//! A figure is drawn in the same way every time: [`draw`] is a pure function, and a figure
//! that passed [`check`] always rests on its supports inside its frame.

pub mod arrow;
pub mod body;
mod check;
pub mod draw;
pub mod partner;
pub mod pdf;
pub mod props;
pub mod raw;
pub mod sketch;
pub mod solve;
pub mod spec;
mod svg;

#[cfg(test)]
mod tests;

pub use check::{check, check_with};
pub use draw::{draw, simplify};
pub use sketch::{Drawing, Ink, Mark};
pub use spec::Figure;
pub use svg::{colour, svg};

/// [`draw`], remembered for the rest of the process: a figure's drawing depends on the figure
/// alone, and a batch draws the same exercises for every row (solving the poses is about a
/// tenth of a plan's PDF). The same figure gives the same drawing, remembered or not.
pub fn draw_remembered(fig: &Figure) -> Drawing {
    static SEEN: std::sync::Mutex<Vec<(Figure, Drawing)>> = std::sync::Mutex::new(Vec::new());
    if let Some((_, d)) = SEEN
        .lock()
        .ok()
        .and_then(|seen| seen.iter().find(|(f, _)| f == fig).cloned())
    {
        return d;
    }
    let d = draw(fig);
    if let Ok(mut seen) = SEEN.lock() {
        // Bounded: a library larger than this is drawn afresh beyond it.
        if seen.len() < 1024 {
            seen.push((fig.clone(), d.clone()));
        }
    }
    d
}
