//! The embedded fonts (DejaVu Sans regular and bold, `assets/fonts/`) and text measuring.
//!
//! Widths are the sum of the glyph advances (no kerning: printpdf does not shape), which is
//! exactly what the viewer draws, so measured lines never overflow. Characters the font has
//! no glyph for are replaced before drawing and measuring, so what is measured is what prints.

use printpdf::{ParsedFont, PdfFontParseWarning};
use std::collections::HashMap;
use std::sync::OnceLock;

static REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// DejaVu Sans vertical metrics, in em (hhea: ascender 1901, descender -483, 2048 units).
pub const ASCENT: f32 = 0.928;
pub const DESCENT: f32 = 0.236;

/// Drawn for a character neither face has.
const REPLACEMENT: char = '?';

pub struct Face {
    pub font: ParsedFont,
    units_per_em: f32,
    /// Advance (in em) of every character below U+0600, `NaN` when the font lacks it.
    table: Vec<f32>,
    /// Characters above the table, looked up once.
    other: HashMap<char, Option<f32>>,
}

impl Face {
    fn new(bytes: &[u8], what: &str) -> Result<Face, String> {
        let mut warnings: Vec<PdfFontParseWarning> = Vec::new();
        let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| format!("the embedded font {what} could not be read"))?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        let mut face = Face {
            font,
            units_per_em,
            table: Vec::new(),
            other: HashMap::new(),
        };
        face.table = (0u32..0x600)
            .map(|cp| {
                char::from_u32(cp)
                    .and_then(|c| face.lookup(c))
                    .unwrap_or(f32::NAN)
            })
            .collect();
        // Characters people type in names and programs beyond the table (dashes, quotes,
        // bullets, arrows, Greek and Cyrillic are below 0x600).
        for c in "\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2018}\u{2019}\u{201a}\u{201c}\u{201d}\u{201e}\u{2022}\u{2026}\u{2032}\u{2033}\u{2039}\u{203a}\u{20ac}\u{2122}\u{2190}\u{2192}\u{2264}\u{2265}\u{2212}\u{2713}\u{2714}\u{2715}\u{25cf}\u{25a0}\u{25a1}\u{fffd}".chars() {
            let adv = face.lookup(c);
            face.other.insert(c, adv);
        }
        Ok(face)
    }

    fn lookup(&self, c: char) -> Option<f32> {
        let gid = self.glyph(c)?;
        Some(f32::from(self.font.get_horizontal_advance(gid)) / self.units_per_em)
    }

    /// The glyph drawn for `c` (before subsetting), if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.font.lookup_glyph_index(c as u32).filter(|g| *g != 0)
    }

    /// Advance of `c` in em, if the font has it.
    pub fn advance(&self, c: char) -> Option<f32> {
        let cp = c as usize;
        if cp < self.table.len() {
            let a = self.table[cp];
            return (!a.is_nan()).then_some(a);
        }
        match self.other.get(&c) {
            Some(a) => *a,
            None => self.lookup(c),
        }
    }

    /// Width of `text` at `size` points (text already cleaned with [`Fonts::clean`]).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance(c).unwrap_or(0.5))
            .sum::<f32>()
            * size
    }
}

pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    /// The two faces, parsed once per process.
    pub fn get() -> Result<&'static Fonts, String> {
        static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Ok(Fonts {
                    regular: Face::new(REGULAR_TTF, "DejaVuSans.ttf")?,
                    bold: Face::new(BOLD_TTF, "DejaVuSans-Bold.ttf")?,
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    pub fn face(&self, bold: bool) -> &Face {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// Text as it will print: tabs and other control characters become spaces, and characters
    /// missing from either face become `?`, so that measuring and drawing agree.
    pub fn clean(&self, text: &str) -> String {
        text.chars()
            .map(|c| {
                if c == '\n' {
                    c
                } else if c.is_control() {
                    ' '
                } else if matches!(c, '\u{00ad}' | '\u{200b}' | '\u{feff}') {
                    // Invisible characters DejaVu draws as boxes.
                    '\u{200b}'
                } else if self.regular.advance(c).is_some() && self.bold.advance(c).is_some() {
                    c
                } else {
                    REPLACEMENT
                }
            })
            .filter(|c| *c != '\u{200b}')
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_diacritics_have_glyphs() {
        let f = Fonts::get().unwrap();
        for name in [
            "Zoë Łukasiewicz",
            "Ægir Þórsson",
            "Ελένη Παπαδοπούλου",
            "Юлия Смирнова",
            "× – · …",
        ] {
            assert_eq!(f.clean(name), name, "{name}");
        }
        assert_eq!(f.clean("王\tx"), "? x");
        assert!(f.regular.width("Wide", 10.0) > f.regular.width("iii", 10.0));
        assert!(f.bold.width("abc", 10.0) > f.regular.width("abc", 10.0));
    }
}
