//! Page content streams, written straight to bytes.
//!
//! printpdf builds the document around the pages (page tree, metadata, the logo, the two
//! subset fonts); the drawing on each page is written here. A 12-week plan has about 10,000
//! text runs, and going through printpdf's operation list, lopdf objects and hex strings for
//! each was about 40% of a render (docs/performance.md). This writer emits the same PDF
//! operators directly: numbers with at most three decimals, glyph codes as two-byte literal
//! strings.
//!
//! The glyph codes are those of the embedded subset fonts. They are read back from each font's
//! `/ToUnicode` map, the table every PDF reader uses to turn codes into text, so what is drawn
//! and what a reader copies out come from one table ([`Codes::from_document`]).

use super::fonts::Face;
use super::layout::{Colour, PlacedPage, Prim};
use std::collections::{BTreeSet, HashMap};

/// Characters below this are looked up in a table, the rest in a map.
const TABLE: usize = 0x600;

/// Character -> two-byte glyph code, for one embedded face.
pub struct Codes {
    table: Vec<Option<u16>>,
    other: HashMap<char, u16>,
}

impl Codes {
    /// The codes of the characters in `used`, from the `/ToUnicode` map of the font resource
    /// `name` in the document printpdf made. `face` is the font before subsetting: it tells
    /// which glyph each character is (two characters may share one glyph, such as the space
    /// and the no-break space, and the map lists each glyph once).
    pub fn from_document(
        lo: &lopdf::Document,
        name: &str,
        face: &Face,
        used: &BTreeSet<char>,
    ) -> Result<Codes, String> {
        let mut codes = Codes {
            table: vec![None; TABLE],
            other: HashMap::new(),
        };
        if used.is_empty() {
            // printpdf leaves out a font nothing is drawn with.
            return Ok(codes);
        }
        let to_unicode = to_unicode_stream(lo, name)
            .ok_or_else(|| format!("the font {name} has no /ToUnicode map"))?;
        let mut by_glyph: HashMap<u16, u16> = HashMap::new();
        for (code, target) in parse_bfchar(&to_unicode) {
            if let Some(gid) = target.chars().next().and_then(|c| face.glyph(c)) {
                by_glyph.entry(gid).or_insert(code);
            }
        }
        for &c in used {
            let code = face
                .glyph(c)
                .and_then(|g| by_glyph.get(&g).copied())
                .ok_or_else(|| format!("the font {name} has no code for {c:?}"))?;
            if (c as usize) < TABLE {
                codes.table[c as usize] = Some(code);
            } else {
                codes.other.insert(c, code);
            }
        }
        Ok(codes)
    }

    fn get(&self, c: char) -> Option<u16> {
        match self.table.get(c as usize) {
            Some(code) => *code,
            None => self.other.get(&c).copied(),
        }
    }
}

/// The decoded `/ToUnicode` stream of a font resource on the first page.
fn to_unicode_stream(lo: &lopdf::Document, name: &str) -> Option<Vec<u8>> {
    let (_, page) = lo.get_pages().into_iter().next()?;
    let fonts = lo.get_page_fonts(page).ok()?;
    let font = fonts.get(name.as_bytes())?;
    let id = font.get(b"ToUnicode").ok()?.as_reference().ok()?;
    let stream = lo.get_object(id).ok()?.as_stream().ok()?;
    if stream.dict.get(b"Filter").is_ok() {
        stream.decompressed_content().ok()
    } else {
        Some(stream.content.clone())
    }
}

/// The `<code> <UTF-16BE>` pairs of a CMap's `bfchar` sections.
pub(super) fn parse_bfchar(cmap: &[u8]) -> Vec<(u16, String)> {
    let text = String::from_utf8_lossy(cmap);
    let mut pairs = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            inside = true;
        } else if line == "endbfchar" {
            inside = false;
        } else if inside {
            let mut hex = line
                .split(['<', '>'])
                .map(str::trim)
                .filter(|s| !s.is_empty());
            let (Some(code), Some(target)) = (hex.next(), hex.next()) else {
                continue;
            };
            let Ok(code) = u16::from_str_radix(code, 16) else {
                continue;
            };
            let units: Vec<u16> = (0..target.len() / 4)
                .filter_map(|i| u16::from_str_radix(&target[i * 4..i * 4 + 4], 16).ok())
                .collect();
            pairs.push((code, String::from_utf16_lossy(&units)));
        }
    }
    pairs
}

/// The characters each face draws on `pages`: (regular, bold).
pub fn used_chars(pages: &[PlacedPage]) -> (BTreeSet<char>, BTreeSet<char>) {
    // Most characters are below TABLE: a flag each, then one set at the end.
    let mut seen = [vec![false; TABLE], vec![false; TABLE]];
    let mut rest = [BTreeSet::new(), BTreeSet::new()];
    for page in pages {
        for (_, frame) in page {
            for p in &frame.prims {
                if let Prim::Text { text, bold, .. } = p {
                    let face = usize::from(*bold);
                    for c in text.chars() {
                        match seen[face].get_mut(c as usize) {
                            Some(flag) => *flag = true,
                            None => {
                                rest[face].insert(c);
                            }
                        }
                    }
                }
            }
        }
    }
    let [mut regular, mut bold] = rest;
    for (set, flags) in [(&mut regular, &seen[0]), (&mut bold, &seen[1])] {
        set.extend(
            flags
                .iter()
                .enumerate()
                .filter(|(_, f)| **f)
                .filter_map(|(i, _)| char::from_u32(i as u32)),
        );
    }
    (regular, bold)
}

/// What a page's drawing needs besides its frames.
pub struct Page<'a> {
    /// Left edge of the text column, in points.
    pub x0: f32,
    /// Top of the text area, in points from the bottom of the page.
    pub top: f32,
    /// Resource names of the regular and bold fonts, and their codes.
    pub fonts: [(&'a str, &'a Codes); 2],
    /// Resource name of the logo image, if there is one.
    pub logo: Option<&'a str>,
}

/// The content stream of one page: all graphics first (backgrounds, boxes, rules, the logo),
/// then all text in one text object, setting font and colour only when they change.
pub fn page(placed: &PlacedPage, p: &Page) -> Vec<u8> {
    let mut o = Out(Vec::with_capacity(16 * 1024));
    let mut stroke: Option<(Colour, f32)> = None;
    let mut fill: Option<Colour> = None;
    let at = |fy: f32, y: f32| p.top - fy - y;
    for (fy, f) in placed {
        for prim in &f.prims {
            match prim {
                Prim::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill: rf,
                    stroke: rs,
                } => {
                    let paint: &[u8] = match (rf, rs) {
                        (Some(_), Some(_)) => b"B\n",
                        (Some(_), None) => b"f\n",
                        (None, Some(_)) => b"S\n",
                        (None, None) => continue,
                    };
                    if let Some(c) = rf {
                        o.fill(c, &mut fill);
                    }
                    if let Some(s) = rs {
                        o.stroke(s, &mut stroke);
                    }
                    o.nums(&[p.x0 + x, at(*fy, y + h), *w, *h], 1);
                    o.op(b"re\n");
                    o.op(paint);
                }
                Prim::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    colour,
                    width,
                } => {
                    o.stroke(&(*colour, *width), &mut stroke);
                    o.nums(&[p.x0 + x1, at(*fy, *y1)], 1);
                    o.op(b"m ");
                    o.nums(&[p.x0 + x2, at(*fy, *y2)], 1);
                    o.op(b"l S\n");
                }
                Prim::Image { x, y, w, h } => {
                    let Some(name) = p.logo else { continue };
                    // The image fills the unit square; `cm` scales and places it.
                    o.op(b"q ");
                    o.nums(&[*w, 0.0, 0.0, *h, p.x0 + x, at(*fy, y + h)], 1);
                    o.op(b"cm /");
                    o.op(name.as_bytes());
                    o.op(b" Do Q\n");
                }
                Prim::Text { .. } => {}
            }
        }
    }
    // Text. `Td` moves relative to the start of the previous line, so positions are rounded
    // first and the moves are differences of rounded values: no drift over a page.
    let mut in_text = false;
    let mut font: Option<(bool, f32)> = None;
    let mut last = (0i64, 0i64);
    for (fy, f) in placed {
        for prim in &f.prims {
            let Prim::Text {
                x,
                baseline,
                text,
                bold,
                size,
                colour,
            } = prim
            else {
                continue;
            };
            if text.is_empty() {
                continue;
            }
            if !in_text {
                o.op(b"BT\n");
                in_text = true;
            }
            let (name, codes) = p.fonts[usize::from(*bold)];
            if font != Some((*bold, *size)) {
                o.op(b"/");
                o.op(name.as_bytes());
                o.op(b" ");
                o.nums(&[*size], 1);
                o.op(b"Tf\n");
                font = Some((*bold, *size));
            }
            o.fill(colour, &mut fill);
            let pos = (tenths(p.x0 + x), tenths(at(*fy, *baseline)));
            o.fixed(pos.0 - last.0, 1);
            o.op(b" ");
            o.fixed(pos.1 - last.1, 1);
            o.op(b" Td ");
            last = pos;
            o.text(text, codes);
            o.op(b" Tj\n");
        }
    }
    if in_text {
        o.op(b"ET\n");
    }
    o.0
}

/// `v` in tenths, rounded.
fn tenths(v: f32) -> i64 {
    (f64::from(v) * 10.0).round() as i64
}

struct Out(Vec<u8>);

impl Out {
    fn op(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    /// Numbers rounded to `decimals` places (at most 3), each followed by a space.
    fn nums(&mut self, values: &[f32], decimals: u32) {
        let scale = 10i64.pow(decimals);
        for v in values {
            self.fixed((f64::from(*v) * scale as f64).round() as i64, decimals);
            self.0.push(b' ');
        }
    }

    /// `n / 10^decimals`, without trailing zeros (`12.5`, `12`, `-0.3`).
    fn fixed(&mut self, n: i64, decimals: u32) {
        let scale = 10u64.pow(decimals);
        if n < 0 {
            self.0.push(b'-');
        }
        let n = n.unsigned_abs();
        self.uint(n / scale);
        let mut frac = n % scale;
        if frac != 0 {
            self.0.push(b'.');
            let mut div = scale / 10;
            while frac != 0 {
                self.0.push(b'0' + (frac / div) as u8);
                frac %= div;
                div /= 10;
            }
        }
    }

    fn uint(&mut self, n: u64) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut n = n;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.0.extend_from_slice(&digits[i..]);
    }

    fn colour(&mut self, c: &Colour) {
        self.nums(c, 3);
    }

    fn fill(&mut self, c: &Colour, current: &mut Option<Colour>) {
        if *current != Some(*c) {
            self.colour(c);
            self.op(b"rg\n");
            *current = Some(*c);
        }
    }

    fn stroke(&mut self, s: &(Colour, f32), current: &mut Option<(Colour, f32)>) {
        if *current != Some(*s) {
            self.colour(&s.0);
            self.op(b"RG ");
            self.nums(&[s.1], 2);
            self.op(b"w\n");
            *current = Some(*s);
        }
    }

    /// `text` as a literal string of two-byte glyph codes. Characters without a code were
    /// replaced before layout ([`super::fonts::Fonts::clean`]); any left print as code 0.
    fn text(&mut self, text: &str, codes: &Codes) {
        self.0.push(b'(');
        for c in text.chars() {
            let [hi, lo] = codes.get(c).unwrap_or(0).to_be_bytes();
            for b in [hi, lo] {
                match b {
                    b'(' | b')' | b'\\' => self.0.extend_from_slice(&[b'\\', b]),
                    // A reader turns a raw CR inside a string into LF.
                    b'\r' => self.0.extend_from_slice(b"\\r"),
                    b'\n' => self.0.extend_from_slice(b"\\n"),
                    _ => self.0.push(b),
                }
            }
        }
        self.0.push(b')');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_exact() {
        let mut o = Out(Vec::new());
        o.nums(&[12.5, 12.0, -0.3, 0.04, 595.276, 0.0], 1);
        o.nums(&[0.122, 0.4, 1.0], 3);
        assert_eq!(
            String::from_utf8(o.0).unwrap(),
            "12.5 12 -0.3 0 595.3 0 0.122 0.4 1 "
        );
    }

    #[test]
    fn glyph_codes_are_escaped_in_literal_strings() {
        let mut codes = Codes {
            table: vec![None; TABLE],
            other: HashMap::new(),
        };
        codes.table['a' as usize] = Some(0x0028); // "("
        codes.table['b' as usize] = Some(0x5c0d); // "\\" and CR
        codes.other.insert('\u{2192}', 0x0a29); // LF and ")"
        let mut o = Out(Vec::new());
        o.text("ab\u{2192}z", &codes);
        assert_eq!(o.0, b"(\0\\(\\\\\\r\\n\\)\0\0)".to_vec());
    }

    #[test]
    fn a_face_nothing_is_drawn_with_needs_no_codes() {
        // printpdf leaves such a font out of the document altogether.
        let face = &super::super::fonts::Fonts::get().unwrap().bold;
        let empty = lopdf::Document::with_version("1.5");
        assert!(Codes::from_document(&empty, "RPLANB", face, &BTreeSet::new()).is_ok());
        let used: BTreeSet<char> = "a".chars().collect();
        assert_eq!(
            Codes::from_document(&empty, "RPLANB", face, &used)
                .err()
                .as_deref(),
            Some("the font RPLANB has no /ToUnicode map")
        );
    }

    #[test]
    fn bfchar_sections_are_read() {
        let cmap = b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n\
                     2 beginbfchar\n<0003> <0020>\n<0024> <00E9>\nendbfchar\n\
                     1 beginbfchar\n<0100> <D83DDE00>\nendbfchar\nendcmap\n";
        assert_eq!(
            parse_bfchar(cmap),
            vec![
                (3, " ".to_string()),
                (0x24, "é".to_string()),
                (0x100, "\u{1f600}".to_string())
            ]
        );
    }
}
