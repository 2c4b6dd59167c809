//! The layout engine: measured, wrapped text in frames, frames in blocks, blocks on pages.
//!
//! A [`Frame`] is a strip of the text column with a fixed height and drawing primitives
//! positioned inside it (x from the column's left edge, y downward from the frame's top). A
//! [`Block`] is a run of frames with pagination rules: kept together on one page when it fits,
//! kept with the following block (headings), started on a new page, or given a header frame
//! repeated on each page it continues onto (tables). [`paginate`] places blocks top-down and
//! starts a new page whenever the next frame would reach the footer, so nothing is cut off and
//! nothing overlaps; a heading never ends a page alone.

use super::fonts::{Fonts, ASCENT, DESCENT};
use std::cell::RefCell;
use std::collections::HashMap;
use unicode_linebreak::{linebreaks, BreakOpportunity};

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

/// Space needed at the start of block `i` for it not to be separated from what follows.
fn lead(blocks: &[Block], i: usize, avail: f32, depth: usize, nested: bool) -> f32 {
    let Some(b) = blocks.get(i) else { return 0.0 };
    let total = b.height();
    // A block that may split needs only its first part here (its own check comes later).
    let own = if b.keep_together && total <= avail && !(b.split_when_short && nested) {
        total
    } else {
        // The frames up to and including the first that is not pure space: the space before
        // it is placed too when the block does not start a page.
        let mut h = 0.0;
        for f in &b.frames {
            h += f.h;
            if !f.space {
                break;
            }
        }
        h
    };
    if b.keep_with_next && depth < 8 {
        own + lead(blocks, i + 1, avail, depth + 1, true)
    } else {
        own
    }
}

/// A table or card that does not fit the rest of a page continues on the next one (its
/// header repeated) when at least this share of the page is left; below it, it moves whole.
pub const SPLIT_ROOM: f32 = 1.0 / 3.0;

/// Places blocks on pages. `first_avail` is the usable height of the first page, `avail` of
/// the others (the cover has no running header).
pub fn paginate(blocks: Vec<Block>, first_avail: f32, avail: f32) -> Vec<PlacedPage> {
    const EPS: f32 = 0.01;
    let mut pages: Vec<PlacedPage> = vec![Vec::new()];
    let mut y = 0.0f32;
    let room = |pages: &Vec<PlacedPage>| if pages.len() == 1 { first_avail } else { avail };
    // Starts a new page, with the block's context line when it has one.
    let new_page = |pages: &mut Vec<PlacedPage>, y: &mut f32, context: Option<&Frame>| {
        pages.push(Vec::new());
        *y = 0.0;
        if let Some(c) = context {
            pages.last_mut().expect("a page").push((0.0, c.clone()));
            *y = c.h;
        }
    };
    // A floating block waiting for the next page (see `Block::float`).
    let mut waiting: Option<usize> = None;
    let place_float = |pages: &mut Vec<PlacedPage>, y: &mut f32, f: &Block| {
        for frame in f.frames.iter().skip_while(|fr| fr.space) {
            pages.last_mut().expect("a page").push((*y, frame.clone()));
            *y += frame.h;
        }
    };
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if b.frames.is_empty() {
            continue;
        }
        if let Some(wi) = waiting {
            // The first block that does not fit whole ends the page: the floating block
            // starts the next one.
            if b.new_page || y + b.height() > room(&pages) + EPS {
                new_page(&mut pages, &mut y, None);
                place_float(&mut pages, &mut y, &blocks[wi]);
                waiting = None;
            }
        }
        if b.float
            && waiting.is_none()
            && y > 0.0
            && y + b.height() > room(&pages) + EPS
            && b.height() <= avail + EPS
        {
            waiting = Some(i);
            continue;
        }
        if b.new_page && y > 0.0 {
            new_page(&mut pages, &mut y, None);
        }
        let context = b.context.as_ref();
        let ctx_h = context.map(|c| c.h).unwrap_or(0.0);
        let need = lead(
            &blocks,
            i,
            avail - ctx_h,
            if b.keep_with_next { 0 } else { 8 },
            false,
        );
        // After a heading, the heading's own check already made room for the start of this
        // block: moving it now would leave the heading alone at the bottom.
        let after_heading =
            i > 0 && blocks[i - 1].keep_with_next && !blocks[i - 1].frames.is_empty();
        let left = room(&pages) - y;
        let short = b.split_when_short && left >= avail * SPLIT_ROOM
            || b.split_after_first && b.frames.len() > 2 && b.frames[0].h <= left + EPS;
        if y > 0.0 && y + need > room(&pages) + EPS && !after_heading && !short {
            if need <= avail - ctx_h + EPS {
                new_page(&mut pages, &mut y, context);
            } else if b.keep_with_next {
                // The heading and what follows fit on no page together: at least keep the
                // heading with the first line of what follows.
                let first = b.height()
                    + blocks
                        .get(i + 1)
                        .and_then(|n| n.frames.first())
                        .map(|f| f.h)
                        .unwrap_or(0.0);
                if y + first > room(&pages) + EPS {
                    new_page(&mut pages, &mut y, context);
                }
            }
        }
        for f in b.frames.iter() {
            if y + f.h > room(&pages) + EPS && y > 0.0 {
                new_page(&mut pages, &mut y, context);
                if let Some(h) = &b.header {
                    pages.last_mut().expect("a page").push((y, h.clone()));
                    y += h.h;
                }
            }
            if f.space
                && (y == 0.0
                    || pages
                        .last()
                        .is_some_and(|p| p.len() == 1 && y == ctx_h && ctx_h > 0.0))
            {
                continue;
            }
            let mut f = f.clone();
            f.heading = b.keep_with_next;
            pages.last_mut().expect("a page").push((y, f));
            y += pages
                .last()
                .and_then(|p| p.last())
                .map(|(_, f)| f.h)
                .unwrap_or(0.0);
        }
    }
    if let Some(wi) = waiting {
        if y + blocks[wi].height() > room(&pages) + EPS {
            new_page(&mut pages, &mut y, None);
        }
        place_float(&mut pages, &mut y, &blocks[wi]);
    }
    if pages.len() > 1 && pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

/// A run of text with one style.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub colour: Colour,
}

impl Style {
    pub fn new(size: f32) -> Style {
        Style {
            size,
            bold: false,
            colour: BLACK,
        }
    }
    pub fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
    pub fn colour(self, colour: Colour) -> Style {
        Style { colour, ..self }
    }
    /// Line height.
    pub fn lh(self) -> f32 {
        self.size * LEADING
    }
    /// Baseline below the top of a line.
    pub fn baseline(self) -> f32 {
        let extra = self.lh() - (ASCENT + DESCENT) * self.size;
        extra / 2.0 + ASCENT * self.size
    }
}

/// A piece of a wrapped line: style, text and x offset.
pub type Piece = (Style, String, f32);

/// Text measuring and wrapping with the embedded fonts.
pub struct Measure {
    pub fonts: &'static Fonts,
    /// Wrapped lines by their runs and widths: a plan prints the same exercise texts week
    /// after week, and wrapping is most of the layout's time.
    wrapped: RefCell<HashMap<WrapKey, Vec<Vec<Piece>>>>,
}

/// What a wrap depends on: each run's style and text, and the two widths (as bits).
type WrapKey = (Vec<(u32, bool, [u32; 3], String)>, u32, u32);

impl Measure {
    pub fn new(fonts: &'static Fonts) -> Measure {
        Measure {
            fonts,
            wrapped: RefCell::new(HashMap::new()),
        }
    }

    pub fn width(&self, text: &str, style: Style) -> f32 {
        self.fonts.face(style.bold).width(text, style.size)
    }

    /// Wraps styled runs into lines no wider than `width` (the first line `first_width`).
    /// Breaks at UAX #14 opportunities; a word wider than a line is broken between characters.
    pub fn wrap_runs(
        &self,
        runs: &[(Style, &str)],
        first_width: f32,
        width: f32,
    ) -> Vec<Vec<Piece>> {
        let key: WrapKey = (
            runs.iter()
                .map(|(s, t)| {
                    let c = s.colour.map(f32::to_bits);
                    (s.size.to_bits(), s.bold, c, t.to_string())
                })
                .collect(),
            first_width.to_bits(),
            width.to_bits(),
        );
        if let Some(lines) = self.wrapped.borrow().get(&key) {
            return lines.clone();
        }
        let lines = self.wrap_uncached(runs, first_width, width);
        self.wrapped.borrow_mut().insert(key, lines.clone());
        lines
    }

    fn wrap_uncached(
        &self,
        runs: &[(Style, &str)],
        first_width: f32,
        width: f32,
    ) -> Vec<Vec<Piece>> {
        // Pieces: text between break opportunities, each with its style; a mandatory break
        // (newline) ends a line.
        let mut pieces: Vec<(Style, String, bool)> = Vec::new();
        for (style, text) in runs {
            let text = self.fonts.clean(text);
            let mut start = 0;
            for (i, op) in linebreaks(&text) {
                let seg = &text[start..i];
                let mandatory = op == BreakOpportunity::Mandatory && i < text.len();
                let seg = seg.trim_end_matches(['\n', '\r']);
                if !seg.is_empty() || mandatory {
                    pieces.push((*style, seg.to_string(), mandatory));
                }
                start = i;
            }
        }
        let mut lines: Vec<Vec<Piece>> = Vec::new();
        let mut line: Vec<(Style, String)> = Vec::new();
        let mut line_w = 0.0f32;
        let limit = |n: usize| if n == 0 { first_width } else { width };
        let finish = |line: &mut Vec<(Style, String)>, lines: &mut Vec<Vec<Piece>>, m: &Measure| {
            let mut out: Vec<Piece> = Vec::new();
            let mut x = 0.0;
            let n = line.len();
            for (k, (s, t)) in line.drain(..).enumerate() {
                let t = if k + 1 == n {
                    t.trim_end().to_string()
                } else {
                    t
                };
                let w = m.width(&t, s);
                match out.last_mut() {
                    Some((ls, lt, _))
                        if ls.bold == s.bold && ls.size == s.size && ls.colour == s.colour =>
                    {
                        lt.push_str(&t)
                    }
                    _ => out.push((s, t, x)),
                }
                x += w;
            }
            out.retain(|(_, t, _)| !t.is_empty());
            lines.push(out);
        };
        for (style, seg, mandatory) in pieces {
            let seg_w = self.width(&seg, style);
            let seg_trim_w = self.width(seg.trim_end(), style);
            if line_w + seg_trim_w <= limit(lines.len()) + 0.01
                || (line.is_empty() && seg_trim_w <= 0.0)
            {
                line.push((style, seg));
                line_w += seg_w;
            } else {
                if !line.is_empty() {
                    finish(&mut line, &mut lines, self);
                }
                // The segment alone may still be too wide: break it between characters.
                let mut rest = seg;
                while self.width(rest.trim_end(), style) > limit(lines.len()) + 0.01 {
                    let max = limit(lines.len());
                    let mut w = 0.0;
                    let mut cut = 0;
                    for (idx, c) in rest.char_indices() {
                        let cw = self.fonts.face(style.bold).advance(c).unwrap_or(0.5) * style.size;
                        if w + cw > max && idx > 0 {
                            break;
                        }
                        w += cw;
                        cut = idx + c.len_utf8();
                    }
                    if cut >= rest.len() {
                        break;
                    }
                    line.push((style, rest[..cut].to_string()));
                    finish(&mut line, &mut lines, self);
                    rest = rest[cut..].to_string();
                }
                line_w = self.width(&rest, style);
                line.push((style, rest));
            }
            if mandatory {
                finish(&mut line, &mut lines, self);
                line_w = 0.0;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            finish(&mut line, &mut lines, self);
        }
        lines
    }

    /// Wraps one style of text.
    pub fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        self.wrap_runs(&[(style, text)], width, width)
            .into_iter()
            .map(|l| l.into_iter().map(|(_, t, _)| t).collect::<String>())
            .collect()
    }

    /// One frame per line of a paragraph, starting at `x` and `width` wide.
    pub fn para(&self, text: &str, style: Style, x: f32, width: f32) -> Vec<Frame> {
        self.rich(&[(style, text)], x, width)
    }

    /// One frame per line of styled runs (e.g. a bold label followed by text).
    pub fn rich(&self, runs: &[(Style, &str)], x: f32, width: f32) -> Vec<Frame> {
        line_frames(runs, self.wrap_runs(runs, width, width), x)
    }

    /// Styled runs wrapped around something on the left: lines start at `narrow.0` and are
    /// `narrow.1` wide while they are beside it (above `beside`, measured from `y`, the
    /// paragraph's top within its column); the rest take the full column (`full`).
    pub fn rich_around(
        &self,
        runs: &[(Style, &str)],
        narrow: (f32, f32),
        full: (f32, f32),
        y: f32,
        beside: f32,
    ) -> Vec<Frame> {
        let lh = runs.iter().map(|(s, _)| s.lh()).fold(0.0, f32::max);
        let lines = self.wrap_runs(runs, narrow.1, narrow.1);
        // A line goes full width only once its top is below the thing beside it.
        let fit = (((beside - y) / lh).ceil().max(0.0) as usize).min(lines.len());
        let frames = |lines: Vec<Vec<Piece>>, x: f32| line_frames(runs, lines, x);
        if fit == lines.len() {
            return frames(lines, narrow.0);
        }
        // The lines below: the rest of the text, joined back where the lines were broken
        // (at spaces, or after a hyphen), wrapped again at the full width.
        let mut rest: Vec<(Style, String)> = Vec::new();
        for line in &lines[fit..] {
            let ends_open = rest
                .last()
                .is_some_and(|(_, t)| !t.ends_with(['-', '/', '\u{2010}']));
            for (k, (s, t, _)) in line.iter().enumerate() {
                let text = if k == 0 && ends_open {
                    format!(" {t}")
                } else {
                    t.clone()
                };
                rest.push((*s, text));
            }
        }
        let rest_runs: Vec<(Style, &str)> = rest.iter().map(|(s, t)| (*s, t.as_str())).collect();
        let below = self.wrap_runs(&rest_runs, full.1, full.1);
        let mut out = frames(lines.into_iter().take(fit).collect(), narrow.0);
        out.extend(frames(below, full.0));
        out
    }

    /// A list item: `marker` (a number or bullet) at `x`, the text wrapped beside it.
    pub fn item(
        &self,
        marker: &str,
        text: &str,
        style: Style,
        x: f32,
        indent: f32,
        width: f32,
    ) -> Vec<Frame> {
        let mut frames = self.para(text, style, x + indent, width - indent);
        let marker = self.fonts.clean(marker);
        let marker = marker.as_str();
        if let Some(first) = frames.first_mut() {
            let mw = self.width(marker, style);
            // First in the frame, so that copied text reads "2. Text".
            first.prims.insert(
                0,
                Prim::Text {
                    x: x + (indent - mw - style.size * 0.35).max(0.0),
                    baseline: style.baseline(),
                    text: marker.to_string(),
                    bold: style.bold,
                    size: style.size,
                    colour: style.colour,
                },
            );
        }
        frames
    }
}

/// One frame per wrapped line of `runs`, starting at `x`; every line is as high as the
/// tallest style and shares its baseline.
fn line_frames(runs: &[(Style, &str)], lines: Vec<Vec<Piece>>, x: f32) -> Vec<Frame> {
    let lh = runs.iter().map(|(s, _)| s.lh()).fold(0.0, f32::max);
    let base = runs.iter().map(|(s, _)| s.baseline()).fold(0.0, f32::max);
    lines
        .into_iter()
        .map(|line| {
            let mut f = Frame::new(lh);
            for (s, t, dx) in line {
                f.push(Prim::Text {
                    x: x + dx,
                    baseline: base,
                    text: t,
                    bold: s.bold,
                    size: s.size,
                    colour: s.colour,
                });
            }
            f
        })
        .collect()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> Measure {
        Measure::new(Fonts::get().unwrap())
    }

    #[test]
    fn wrapping_never_exceeds_the_width() {
        let m = m();
        let s = Style::new(10.0);
        let text = "Lie on your side with hips and knees bent, heels together, and lift the top knee. \
                    Supercalifragilisticexpialidociousandthensomemoreletterstomakeitlongerthanaline1234567890";
        for width in [40.0, 90.0, 200.0] {
            let lines = m.wrap(text, s, width);
            assert!(lines.len() > 1);
            for l in &lines {
                assert!(m.width(l, s) <= width + 0.01, "{l:?} is wider than {width}");
            }
            let joined: String = lines.concat().split_whitespace().collect();
            let orig: String = text.split_whitespace().collect();
            assert_eq!(joined, orig, "no character may be lost");
        }
    }

    #[test]
    fn newlines_force_breaks_and_empty_text_gives_one_line() {
        let m = m();
        assert_eq!(m.wrap("a\nb", Style::new(10.0), 500.0), vec!["a", "b"]);
        assert_eq!(m.wrap("", Style::new(10.0), 500.0), vec![""]);
    }

    #[test]
    fn headings_are_kept_with_what_follows() {
        let line = |h| vec![Frame::new(h)];
        let blocks = vec![
            Block::flow(line(90.0)),
            Block::heading(line(5.0)),
            Block::together(vec![Frame::new(5.0), Frame::new(5.0)]),
        ];
        let pages = paginate(blocks, 100.0, 100.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 1);
        assert_eq!(pages[1].len(), 3);
    }

    #[test]
    fn a_heading_chain_taller_than_a_page_splits_after_the_headings() {
        let blocks = vec![
            Block::heading(vec![Frame::new(10.0)]),
            Block::heading(vec![Frame::new(10.0)]),
            Block::together((0..9).map(|_| Frame::new(10.0)).collect()),
        ];
        // Fits on a page alone (90) but not after the headings (110): it splits.
        let pages = paginate(blocks, 100.0, 100.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 10);
    }

    #[test]
    fn tall_blocks_split_and_nothing_passes_the_bottom() {
        let frames: Vec<Frame> = (0..50).map(|_| Frame::new(7.0)).collect();
        let pages = paginate(vec![Block::together(frames)], 100.0, 100.0);
        assert_eq!(pages.len(), 4);
        for p in &pages {
            for (y, f) in p {
                assert!(y + f.h <= 100.01);
            }
        }
    }

    #[test]
    fn a_floating_block_waits_while_whole_blocks_fill_the_page() {
        let block = |h: f32| Block::together(vec![Frame::new(h)]);
        let blocks = vec![
            block(40.0),
            Block {
                float: true,
                ..block(70.0)
            },
            block(30.0),
            block(20.0),
            block(25.0),
        ];
        let pages = paginate(blocks, 100.0, 100.0);
        let heights: Vec<Vec<f32>> = pages
            .iter()
            .map(|p| p.iter().map(|(_, f)| f.h).collect())
            .collect();
        // The 70 does not fit under the 40: the 30 and 20 fill the page, the 25 does not fit
        // whole, so the 70 starts page 2 and the 25 follows it.
        assert_eq!(heights, [vec![40.0, 30.0, 20.0], vec![70.0, 25.0]]);
        // Without the float, page 1 keeps 60 points empty.
        let plain = paginate(
            vec![
                block(40.0),
                block(70.0),
                block(30.0),
                block(20.0),
                block(25.0),
            ],
            100.0,
            100.0,
        );
        assert_eq!(plain[0].len(), 1);
    }
}
