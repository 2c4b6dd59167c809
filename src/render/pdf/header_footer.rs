//! The running header (the clinic's name and phone, on every page after the cover) and the
//! footer (the plan's title, "page X of Y" and the short disclaimer, on every page).

use super::doc::Builder;
use super::layout::{self, stack, Frame, PlacedPage, Prim, Style, GREY};

/// The header and the parts of the footer that are the same on every page, measured once.
pub struct HeaderFooter {
    header: Option<Frame>,
    footer_lines: Vec<Frame>,
    disclaimer: Vec<Frame>,
    /// Height of the footer.
    pub footer_h: f32,
    small: Style,
}

impl HeaderFooter {
    pub fn new(b: &Builder) -> HeaderFooter {
        let (fs, w, width) = (b.fs, b.w, b.width);
        let small = Style::new((fs * 0.8).max(b.min_size()));
        let tiny = Style::new((fs * 0.7).max(b.min_size())).colour(GREY);
        let header = b.t.clinic.as_ref().map(|c| {
            let mut text = c.name.clone();
            if !c.phone.is_empty() {
                text.push_str(&format!(" · {}{}", w.label(&w.phone_label), c.phone));
            }
            let mut f = stack(b.m.para(&text, small.colour(GREY), 0.0, width));
            let y = f.h + fs * 0.2;
            f.push(Prim::Line {
                x1: 0.0,
                y1: y,
                x2: width,
                y2: y,
                colour: b.accent,
                width: 0.6,
            });
            f.h = y + fs * 0.8;
            f
        });
        let page_of_w =
            b.m.width(&b.m.fonts.clean(&w.page_of(888, 888)), small.bold()) + fs;
        let footer_text = w.footer(&b.plan.program.title, b.plan.patient.as_deref());
        let footer_lines = b.m.para(&footer_text, small, 0.0, width - page_of_w);
        let disclaimer = b.m.para(&w.disclaimer_short, tiny, 0.0, width);
        let footer_h = fs * 0.6
            + footer_lines
                .iter()
                .chain(disclaimer.iter())
                .map(|f| f.h)
                .sum::<f32>();
        HeaderFooter {
            header,
            footer_lines,
            disclaimer,
            footer_h,
            small,
        }
    }

    /// Height of the running header (none without a clinic).
    pub fn header_h(&self) -> f32 {
        self.header.as_ref().map(|h| h.h).unwrap_or(0.0)
    }

    /// Every page with its header (after the cover) and footer, at `footer_top`.
    pub fn apply(&self, pages: Vec<PlacedPage>, b: &Builder, footer_top: f32) -> Vec<PlacedPage> {
        let count = pages.len();
        let mut full = Vec::with_capacity(count);
        for (i, placed) in pages.into_iter().enumerate() {
            let mut all: PlacedPage = Vec::new();
            let content_top = if i == 0 { 0.0 } else { self.header_h() };
            if i > 0 {
                if let Some(h) = &self.header {
                    all.push((0.0, h.clone()));
                }
            }
            for (y, f) in placed {
                all.push((content_top + y, f));
            }
            all.push((footer_top, self.footer(b, i + 1, count)));
            full.push(all);
        }
        full
    }

    /// The footer of page `n` of `count`: a rule, the footer text with "page X of Y" on its
    /// first line, and the disclaimer.
    fn footer(&self, b: &Builder, n: usize, count: usize) -> Frame {
        let (fs, width, small) = (b.fs, b.width, self.small);
        let mut foot = Frame::new(self.footer_h);
        foot.push(Prim::Line {
            x1: 0.0,
            y1: fs * 0.2,
            x2: width,
            y2: fs * 0.2,
            colour: GREY,
            width: 0.4,
        });
        let mut fy = fs * 0.6;
        let page_of = b.m.fonts.clean(&b.w.page_of(n, count));
        let pw = b.m.width(&page_of, small.bold());
        for (k, line) in self.footer_lines.iter().enumerate() {
            let mut l = line.clone();
            if k == 0 {
                l.push(Prim::Text {
                    x: width - pw,
                    baseline: small.baseline(),
                    text: page_of.clone(),
                    bold: true,
                    size: small.size,
                    colour: layout::BLACK,
                });
            }
            foot.overlay(l, 0.0, fy);
            fy += line.h;
        }
        for line in &self.disclaimer {
            foot.overlay(line.clone(), 0.0, fy);
            fy += line.h;
        }
        foot
    }
}
