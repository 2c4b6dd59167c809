//! Measuring and wrapping text with the embedded font's advances.

use super::{Colour, Frame, Prim, BLACK, LEADING};
use crate::render::pdf::fonts::{Fonts, ASCENT, DESCENT};
use std::cell::RefCell;
use std::collections::HashMap;
use unicode_linebreak::{linebreaks, BreakOpportunity};

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

/// Where one style of text may break: each piece's width, its width without trailing
/// spaces, and whether a newline ends the line after it ([`Measure::breaks`]).
pub struct Breaks(Vec<(f32, f32, bool)>);

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
        let mut lines: Vec<Vec<Piece>> = Vec::new();
        let mut line: Vec<(Style, String)> = Vec::new();
        let mut line_w = 0.0f32;
        let limit = |n: usize| if n == 0 { first_width } else { width };
        for (style, seg, mandatory) in self.break_pieces(runs) {
            let seg_w = self.width(&seg, style);
            let seg_trim_w = self.width(seg.trim_end(), style);
            if line_w + seg_trim_w <= limit(lines.len()) + 0.01
                || (line.is_empty() && seg_trim_w <= 0.0)
            {
                line.push((style, seg));
                line_w += seg_w;
            } else {
                if !line.is_empty() {
                    self.finish_line(&mut line, &mut lines);
                }
                // The segment alone may still be too wide: break it between characters.
                let mut rest = seg;
                while self.width(rest.trim_end(), style) > limit(lines.len()) + 0.01 {
                    let cut = self.cut(&rest, style, limit(lines.len()));
                    if cut >= rest.len() {
                        break;
                    }
                    line.push((style, rest[..cut].to_string()));
                    self.finish_line(&mut line, &mut lines);
                    rest = rest[cut..].to_string();
                }
                line_w = self.width(&rest, style);
                line.push((style, rest));
            }
            if mandatory {
                self.finish_line(&mut line, &mut lines);
                line_w = 0.0;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            self.finish_line(&mut line, &mut lines);
        }
        lines
    }

    /// The runs cut into pieces: text between break opportunities, each with its style and
    /// whether a mandatory break (newline) ends the line after it.
    fn break_pieces(&self, runs: &[(Style, &str)]) -> Vec<(Style, String, bool)> {
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
        pieces
    }

    /// Ends `line`: its pieces joined where the style is the same, each with its x offset,
    /// the last one's trailing space dropped; pushed onto `lines`.
    fn finish_line(&self, line: &mut Vec<(Style, String)>, lines: &mut Vec<Vec<Piece>>) {
        let mut out: Vec<Piece> = Vec::new();
        let mut x = 0.0;
        let n = line.len();
        for (k, (s, t)) in line.drain(..).enumerate() {
            let t = if k + 1 == n {
                t.trim_end().to_string()
            } else {
                t
            };
            let w = self.width(&t, s);
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
    }

    /// Where to break a word wider than `max` between characters: the byte length of the
    /// longest start that fits (at least one character).
    fn cut(&self, rest: &str, style: Style, max: f32) -> usize {
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
        cut
    }

    /// `text` cut where it may break, each piece measured once, for counting its lines at
    /// many widths ([`Measure::line_count`]).
    pub fn breaks(&self, text: &str, style: Style) -> Breaks {
        Breaks(
            self.break_pieces(&[(style, text)])
                .into_iter()
                .map(|(s, seg, mandatory)| {
                    (
                        self.width(&seg, s),
                        self.width(seg.trim_end(), s),
                        mandatory,
                    )
                })
                .collect(),
        )
    }

    /// How many lines [`Measure::wrap`] gives for the text of `breaks` at `width`, without
    /// building them; `None` when a word is wider than the line and would be cut.
    pub fn line_count(&self, breaks: &Breaks, width: f32) -> Option<usize> {
        let (mut lines, mut pieces, mut line_w) = (0usize, 0usize, 0.0f32);
        for &(seg_w, trim_w, mandatory) in &breaks.0 {
            if line_w + trim_w <= width + 0.01 || (pieces == 0 && trim_w <= 0.0) {
                pieces += 1;
                line_w += seg_w;
            } else {
                if trim_w > width + 0.01 {
                    return None;
                }
                if pieces > 0 {
                    lines += 1;
                }
                pieces = 1;
                line_w = seg_w;
            }
            if mandatory {
                lines += 1;
                pieces = 0;
                line_w = 0.0;
            }
        }
        Some(if pieces > 0 || lines == 0 {
            lines + 1
        } else {
            lines
        })
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
