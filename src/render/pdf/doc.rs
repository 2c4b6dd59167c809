//! The document's content as blocks: shared sizes and styles, and helpers every section uses
//! (headings, paragraphs, lists, tick boxes). The sections themselves live in `front.rs`,
//! `calendar.rs`, `cards.rs`, `log.rs`, `running.rs` and `therapist.rs`.

use super::layout::{stack, Block, Colour, Frame, Measure, Prim, Style, BLACK, GREY, LIGHT, WHITE};
use crate::plan::types::Plan;
use crate::template::{Rgb, Template, Wording};

pub fn colour(c: Rgb) -> Colour {
    [
        f32::from(c.r) / 255.0,
        f32::from(c.g) / 255.0,
        f32::from(c.b) / 255.0,
    ]
}

/// `c` mixed with white: `amount` 0 is white, 1 is `c`.
pub fn tint(c: Colour, amount: f32) -> Colour {
    [
        1.0 - (1.0 - c[0]) * amount,
        1.0 - (1.0 - c[1]) * amount,
        1.0 - (1.0 - c[2]) * amount,
    ]
}

/// Black or white, whichever reads better on `bg`.
pub fn text_on(bg: Colour) -> Colour {
    let lum = 0.2126 * bg[0] + 0.7152 * bg[1] + 0.0722 * bg[2];
    if lum > 0.5 {
        BLACK
    } else {
        WHITE
    }
}

/// Splits program text into paragraphs: blank lines separate paragraphs, single line breaks
/// inside a paragraph are spaces.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The logo as placed on the cover.
#[derive(Debug, Clone, Copy)]
pub struct LogoBox {
    pub w: f32,
    pub h: f32,
}

pub struct Builder<'a> {
    pub m: Measure,
    pub plan: &'a Plan,
    pub t: &'a Template,
    pub w: &'a Wording,
    /// Width of the text column.
    pub width: f32,
    /// Body font size.
    pub fs: f32,
    pub accent: Colour,
    pub logo: Option<LogoBox>,
    pub blocks: Vec<Block>,
    /// The line printed at the top of a page that continues a section (see `Block::context`).
    pub context: Option<Frame>,
    /// Each exercise's figure, drawn once per render (by id).
    pub drawings: std::collections::HashMap<String, crate::figure::Drawing>,
}

impl<'a> Builder<'a> {
    pub fn body(&self) -> Style {
        Style::new(self.fs)
    }
    /// The smallest text size: large print (a body of 14 pt or more) prints nothing below
    /// 14 pt.
    pub fn min_size(&self) -> f32 {
        if self.fs >= 14.0 {
            14.0
        } else {
            0.0
        }
    }
    pub fn small(&self) -> Style {
        Style::new((self.fs * 0.86).max(self.min_size()))
    }
    pub fn tiny(&self) -> Style {
        Style::new((self.fs * 0.74).max(self.min_size())).colour(GREY)
    }
    pub fn h1(&self) -> Style {
        Style::new(self.fs * 2.1).bold().colour(self.accent)
    }
    pub fn h2(&self) -> Style {
        Style::new(self.fs * 1.55).bold().colour(self.accent)
    }
    pub fn h3(&self) -> Style {
        Style::new(self.fs * 1.2).bold().colour(self.accent)
    }
    /// Size of a tick box.
    pub fn tick(&self) -> f32 {
        (self.fs * 1.5).max(11.0)
    }
    /// A gap of `n` body lines.
    pub fn gap(&self, n: f32) -> Frame {
        Frame::space(self.fs * n)
    }

    /// Adds a block, with the current section's context line.
    pub fn push(&mut self, mut b: Block) {
        if b.context.is_none() && !b.new_page {
            b.context = self.context.clone();
        }
        self.blocks.push(b);
    }

    /// Sets the context line to "`title` (continued)".
    pub fn set_context(&mut self, title: Option<&str>) {
        self.context = title.map(|t| self.context_line(t));
    }

    /// The line "`title` (continued)" with a light rule under it.
    pub fn context_line(&self, t: &str) -> Frame {
        {
            let text = Wording::fill(&self.w.continued, &[("title", t)]);
            let s = self.small().bold().colour(GREY);
            let mut f = stack(self.m.para(&text, s, 0.0, self.width));
            let y = f.h + self.fs * 0.1;
            f.push(Prim::Line {
                x1: 0.0,
                y1: y,
                x2: self.width,
                y2: y,
                colour: LIGHT,
                width: 0.4,
            });
            f.h = y + self.fs * 0.6;
            f
        }
    }

    /// A full-width accent rule in a frame `h` font sizes high, `y` font sizes from its top,
    /// `line` points thick.
    pub fn rule(&self, h: f32, y: f32, line: f32) -> Frame {
        let mut rule = Frame::new(self.fs * h);
        rule.push(Prim::Line {
            x1: 0.0,
            y1: self.fs * y,
            x2: self.width,
            y2: self.fs * y,
            colour: self.accent,
            width: line,
        });
        rule
    }

    /// A section title: space above, the title, an accent rule below; kept with what follows.
    pub fn title(&mut self, text: &str, style: Style, new_page: bool) {
        let mut frames = vec![self.gap(if new_page { 0.0 } else { 0.8 })];
        frames.extend(self.m.para(text, style, 0.0, self.width));
        let rule = self.rule(0.7, 0.2, 1.2);
        frames.push(rule);
        self.push(Block {
            frames,
            keep_together: true,
            keep_with_next: true,
            new_page,
            ..Block::default()
        });
    }

    /// A smaller heading kept with what follows.
    pub fn subtitle(&mut self, text: &str, style: Style, space_above: f32) {
        let mut frames = vec![self.gap(space_above)];
        frames.extend(self.m.para(text, style, 0.0, self.width));
        frames.push(Frame::new(self.fs * 0.2));
        self.push(Block::heading(frames));
    }

    pub fn paragraph(&mut self, text: &str, style: Style) {
        for p in paragraphs(text) {
            let mut frames = self.m.para(&p, style, 0.0, self.width);
            frames.push(Frame::space(style.size * 0.45));
            self.push(Block::flow(frames));
        }
    }

    /// A numbered or bulleted list item's frames.
    pub fn list_item(
        &self,
        marker: &str,
        text: &str,
        style: Style,
        x: f32,
        width: f32,
    ) -> Vec<Frame> {
        let indent = self.m.width("00.", style) + style.size * 0.6;
        let mut f = self.m.item(marker, text, style, x, indent, width);
        f.push(Frame::space(style.size * 0.2));
        f
    }

    /// A line of a checklist: a tick box, then the text.
    pub fn check_item(&self, text: &str, width: f32) -> Vec<Frame> {
        let t = self.tick() * 0.75;
        let mut item = self.m.item(
            "",
            text,
            self.body(),
            0.0,
            self.tick() + self.fs * 0.6,
            width,
        );
        if let Some(first) = item.first_mut() {
            first.push(Builder::tick_box(0.0, (first.h - t) / 2.0, t));
        }
        item.push(Frame::space(self.fs * 0.25));
        item
    }

    /// An empty square to tick, `size` wide, with its top at `y`.
    pub fn tick_box(x: f32, y: f32, size: f32) -> Prim {
        Prim::Rect {
            x,
            y,
            w: size,
            h: size,
            fill: None,
            stroke: Some((BLACK, 0.8)),
        }
    }
}
