//! The layout engine: measured, wrapped text in frames, frames in blocks, blocks on pages.
//!
//! A [`Frame`] is a strip of the text column with a fixed height and drawing primitives
//! positioned inside it (x from the column's left edge, y downward from the frame's top). A
//! [`Block`] is a run of frames with pagination rules: kept together on one page when it fits,
//! kept with the following block (headings), started on a new page, or given a header frame
//! repeated on each page it continues onto (tables). [`paginate`] places blocks top-down and
//! starts a new page whenever the next frame would reach the footer, so nothing is cut off and
//! nothing overlaps; a heading never ends a page alone.

mod measure;
mod paginate;
#[cfg(test)]
mod tests;

pub use measure::{Measure, Style};
pub use paginate::paginate;

/// An RGB colour with components from 0 to 1.
pub type Colour = [f32; 3];
pub const BLACK: Colour = [0.0, 0.0, 0.0];
pub const GREY: Colour = [0.33, 0.33, 0.33];
pub const LIGHT: Colour = [0.55, 0.55, 0.55];
pub const WHITE: Colour = [1.0, 1.0, 1.0];

/// Line height as a multiple of the font size: DejaVu Sans's own line height (1.16) and a
/// little air, enough for reading short instructions at 8 to 10 pt.
pub const LEADING: f32 = 1.2;

/// One drawing instruction, positioned inside its frame.
#[derive(Debug, Clone)]
pub enum Prim {
    /// `baseline` is measured down from the frame's top.
    Text {
        x: f32,
        baseline: f32,
        text: String,
        bold: bool,
        size: f32,
        colour: Colour,
    },
    /// "p. 5": the page of an exercise's card (`card`, its index in `Plan::exercises`), which
    /// is known only once the pages are laid out; [`resolve_page_refs`] turns it into text,
    /// starting at `x` or, with `right`, ending there.
    PageRef {
        x: f32,
        right: bool,
        baseline: f32,
        card: usize,
        size: f32,
        colour: Colour,
    },
    /// `y` is the rectangle's top, measured down from the frame's top.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Colour>,
        stroke: Option<(Colour, f32)>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        colour: Colour,
        width: f32,
    },
    /// The clinic's logo.
    Image { x: f32, y: f32, w: f32, h: f32 },
    /// A polyline or polygon (exercise figures): filled, stroked with round caps and joins,
    /// or both.
    Path {
        points: Vec<(f32, f32)>,
        closed: bool,
        fill: Option<Colour>,
        stroke: Option<(Colour, f32)>,
    },
}

impl Prim {
    fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Prim::Text { x, baseline, .. } | Prim::PageRef { x, baseline, .. } => {
                *x += dx;
                *baseline += dy;
            }
            Prim::Rect { x, y, .. } | Prim::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Prim::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
            Prim::Path { points, .. } => {
                for (x, y) in points {
                    *x += dx;
                    *y += dy;
                }
            }
        }
    }
}

impl Prim {
    /// A tick box stretched to `w` (the pain boxes are wider than tall).
    pub fn with_width(self, w: f32) -> Prim {
        match self {
            Prim::Rect {
                x,
                y,
                h,
                fill,
                stroke,
                ..
            } => Prim::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            },
            other => other,
        }
    }
}

/// A horizontal strip of the text column.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    pub h: f32,
    pub prims: Vec<Prim>,
    /// Pure vertical space: dropped at the top of a page.
    pub space: bool,
    /// Set by [`paginate`] on the frames of headings (`keep_with_next` blocks), so tests can
    /// check that no page ends with one.
    pub heading: bool,
    /// Marks the frame of an exercise card (the exercise's index in `Plan::exercises`), so
    /// the page it lands on can be named in the log.
    pub anchor: Option<usize>,
    /// The header row of a log grid: repeated when its table continues on the next page.
    pub table_header: bool,
}

impl Frame {
    pub fn new(h: f32) -> Frame {
        Frame {
            h,
            prims: Vec::new(),
            space: false,
            heading: false,
            anchor: None,
            table_header: false,
        }
    }

    pub fn space(h: f32) -> Frame {
        Frame {
            h,
            prims: Vec::new(),
            space: true,
            heading: false,
            anchor: None,
            table_header: false,
        }
    }

    pub fn push(&mut self, p: Prim) {
        self.prims.push(p);
    }

    /// Appends `other`'s primitives, moved by (dx, dy).
    pub fn overlay(&mut self, other: Frame, dx: f32, dy: f32) {
        for mut p in other.prims {
            p.shift(dx, dy);
            self.prims.push(p);
        }
    }
}

/// Stacks frames into one frame (the parts of a table cell, a row of the traffic light).
pub fn stack(frames: Vec<Frame>) -> Frame {
    let mut out = Frame::new(0.0);
    for f in frames {
        let h = f.h;
        out.overlay(f, 0.0, out.h);
        out.h += h;
    }
    out
}

/// Frames with pagination rules.
#[derive(Debug, Clone, Default)]
pub struct Block {
    pub frames: Vec<Frame>,
    /// Move the whole block to the next page when it does not fit on this one (and fits on one).
    pub keep_together: bool,
    /// Never end a page with this block: it moves to the next page with the start of the next.
    pub keep_with_next: bool,
    /// Start on a fresh page.
    pub new_page: bool,
    /// A table kept together when it fits the rest of the page, which otherwise continues
    /// on the next page (repeating `header`) rather than leave a third of a page or more empty.
    pub split_when_short: bool,
    /// May break after its first frame wherever that frame fits the rest of the page (an
    /// exercise card: its figure, name, dose and steps here, its tips on the next page).
    pub split_after_first: bool,
    /// May wait for the top of the next page when it does not fit the rest of this one,
    /// the whole blocks after it filling the page first (kept together; the box of warning
    /// signs, never split, does not leave the front page a third empty).
    pub float: bool,
    /// Repeated at the top of every page the block continues onto.
    pub header: Option<Frame>,
    /// Printed first when a page break falls inside or before this block (not for `new_page`
    /// blocks): says which section continues, e.g. "Week 2 · Session 1 of 3 (continued)".
    pub context: Option<Frame>,
}

impl Block {
    pub fn flow(frames: Vec<Frame>) -> Block {
        Block {
            frames,
            ..Block::default()
        }
    }
    pub fn together(frames: Vec<Frame>) -> Block {
        Block {
            frames,
            keep_together: true,
            ..Block::default()
        }
    }
    /// A table: kept together where it fits, split between rows (its header row repeated)
    /// where moving it whole would leave a third of the page or more empty.
    pub fn table(frames: Vec<Frame>, header: Frame) -> Block {
        Block {
            frames,
            keep_together: true,
            split_when_short: true,
            header: Some(header),
            ..Block::default()
        }
    }
    pub fn heading(frames: Vec<Frame>) -> Block {
        Block {
            frames,
            keep_together: true,
            keep_with_next: true,
            ..Block::default()
        }
    }
    pub fn height(&self) -> f32 {
        self.frames.iter().map(|f| f.h).sum()
    }
}

/// A page's frames with their offset from the top of the text column.
pub type PlacedPage = Vec<(f32, Frame)>;

/// Draws a box around frames laid out `pad` narrower than `width` on each side: side rules
/// on every frame (so the box can continue on the next page), top and bottom rules, and an
/// optional background.
pub fn boxed(
    frames: Vec<Frame>,
    width: f32,
    pad: f32,
    stroke: (Colour, f32),
    fill: Option<Colour>,
) -> Vec<Frame> {
    let mut all = Vec::with_capacity(frames.len() + 2);
    all.push(Frame::new(pad));
    for f in frames {
        let mut g = Frame::new(f.h);
        g.overlay(f, pad, 0.0);
        all.push(g);
    }
    all.push(Frame::new(pad));
    let n = all.len();
    let (colour, lw) = stroke;
    all.into_iter()
        .enumerate()
        .map(|(i, f)| {
            let mut g = Frame::new(f.h);
            if let Some(fill) = fill {
                g.push(Prim::Rect {
                    x: 0.0,
                    y: 0.0,
                    w: width,
                    h: f.h,
                    fill: Some(fill),
                    stroke: None,
                });
            }
            g.push(Prim::Line {
                x1: 0.0,
                y1: 0.0,
                x2: 0.0,
                y2: f.h,
                colour,
                width: lw,
            });
            g.push(Prim::Line {
                x1: width,
                y1: 0.0,
                x2: width,
                y2: f.h,
                colour,
                width: lw,
            });
            if i == 0 {
                g.push(Prim::Line {
                    x1: -lw / 2.0,
                    y1: 0.0,
                    x2: width + lw / 2.0,
                    y2: 0.0,
                    colour,
                    width: lw,
                });
            }
            if i + 1 == n {
                g.push(Prim::Line {
                    x1: -lw / 2.0,
                    y1: f.h,
                    x2: width + lw / 2.0,
                    y2: f.h,
                    colour,
                    width: lw,
                });
            }
            g.overlay(f, 0.0, 0.0);
            g
        })
        .collect()
}

/// Replaces every [`Prim::PageRef`] with its text, now that the page of each card is known.
/// `text` gives the reference's text for a page number, `width` its width at a size.
pub fn resolve_page_refs(
    pages: &mut [PlacedPage],
    card_pages: &std::collections::HashMap<usize, usize>,
    text: impl Fn(usize) -> String,
    width: impl Fn(&str, f32) -> f32,
) {
    for page in pages.iter_mut() {
        for (_, f) in page.iter_mut() {
            for p in f.prims.iter_mut() {
                if let Prim::PageRef {
                    x,
                    right,
                    baseline,
                    card,
                    size,
                    colour,
                } = *p
                {
                    let t = card_pages.get(&card).map(|n| text(*n)).unwrap_or_default();
                    let x = if right { x - width(&t, size) } else { x };
                    *p = Prim::Text {
                        x,
                        baseline,
                        text: t,
                        bold: false,
                        size,
                        colour,
                    };
                }
            }
        }
    }
}
