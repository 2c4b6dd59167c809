//! Print templates: paper, margins, font size, colours, the clinic's name and logo, and every
//! printed word ([`Wording`]): the checked [`Template`] the renderers read, and the raw tables
//! a template file is parsed into.
//!
//! Parse, then validate, as programs are: [`parse_raw`] deserializes a file into raw structs
//! (`deny_unknown_fields`, with spans); `validate::template` checks them field by field, resolves
//! `extends` and reads the logo. Every problem becomes a [`Diagnostic`] with file:line:col and
//! a hint. A template may set only what it changes: every key it leaves out comes from the
//! template named by `extends` (default: the built-in English template, `en`). The safety text
//! (the disclaimer and the warning signs) can be reworded but never removed.
//!
//! This module reads no file. The built-in templates (`templates/*.toml`) are embedded with the
//! other built-in files by `build.rs`.

mod fields;
mod wording;

pub use fields::{fill, Spec};
pub use wording::{Wording, TEXT_KEYS};

pub(crate) use fields::Cx;
pub(crate) use wording::RawText;

use crate::diag::{suggest, Diagnostic};
use serde::Deserialize;
use std::path::PathBuf;
use toml::Spanned;

/// The built-in templates by name, each with the file it is embedded from. `en` comes first:
/// the others extend it.
pub const BUILTINS: &[(&str, &str)] = &[
    ("en", "templates/en.toml"),
    ("large-print", "templates/large-print.toml"),
    ("de", "templates/de.toml"),
];

/// The names of the built-in templates.
pub fn builtin_names() -> &'static [&'static str] {
    &["en", "large-print", "de"]
}

/// Allowed margins, in millimetres.
pub const MARGIN_MM: (f32, f32) = (5.0, 40.0);
/// Allowed body font sizes, in points.
pub const FONT_SIZE_PT: (f32, f32) = (8.0, 24.0);
/// Largest logo file accepted, in bytes.
pub const LOGO_MAX_BYTES: usize = 2 * 1024 * 1024;
/// Largest logo side accepted, in pixels.
pub const LOGO_MAX_PIXELS: u32 = 4000;

/// A checked print template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// Short name, e.g. "en" or "large-print".
    pub name: String,
    /// Language tag of the wording, e.g. "en" or "de" (also written into the PDF).
    pub language: String,
    pub page: Page,
    pub style: Style,
    /// The clinic's details for the header; `None` prints no header.
    pub clinic: Option<Clinic>,
    /// Every printed word.
    pub text: Wording,
    /// The file it was read from (`builtin:templates/en.toml` for built-ins).
    pub file: String,
}

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// ISO A4, 210 x 297 mm.
    A4,
    /// US Letter, 8.5 x 11 in (612 x 792 pt).
    Letter,
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::Letter];

    pub fn as_str(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }

    /// Parses `a4` or `letter` (any case).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Width and height in PDF points (1/72 in).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.2756, 841.8898),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

impl std::fmt::Display for Paper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Paper {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Paper::parse(s).ok_or_else(|| format!("unknown paper `{s}`: use `a4` or `letter`"))
    }
}

/// Page setup.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    pub paper: Paper,
    /// Margins in millimetres.
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
    /// Body text size in points; headings, boxes and small print scale with it.
    pub font_size: f32,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    /// Parses `#rrggbb`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let v = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb {
            r: v(0)?,
            g: v(2)?,
            b: v(4)?,
        })
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// Colours. The accent is used for headings and rules only; body text is always black.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub accent: Rgb,
    /// The traffic light's colours.
    pub green: Rgb,
    pub amber: Rgb,
    pub red: Rgb,
}

/// The clinic printed in the header.
#[derive(Debug, Clone, PartialEq)]
pub struct Clinic {
    pub name: String,
    /// Address lines (may be empty).
    pub address: Vec<String>,
    /// May be empty.
    pub phone: String,
    pub logo: Option<Logo>,
}

/// A checked logo: read, checked and decoded once, when the template is validated; the PDF
/// renderer only places `image`.
#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    /// The path as written in the template.
    pub path: PathBuf,
    /// The file's bytes (PNG or JPEG).
    pub bytes: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
    /// The decoded pixels.
    pub image: printpdf::RawImage,
}

impl Logo {
    /// Decodes a PNG or JPEG file's bytes; the error says why it is not a usable image.
    pub fn decode(path: PathBuf, bytes: Vec<u8>) -> Result<Logo, String> {
        let png = bytes.starts_with(b"\x89PNG\r\n\x1a\n");
        let jpeg = bytes.starts_with(&[0xff, 0xd8, 0xff]);
        if !png && !jpeg {
            return Err("it is not a PNG or JPEG file".to_string());
        }
        let mut warnings = Vec::new();
        let image = printpdf::RawImage::decode_from_bytes(&bytes, &mut warnings).map_err(|e| {
            format!(
                "the {} data could not be decoded ({e})",
                if png { "PNG" } else { "JPEG" }
            )
        })?;
        if image.width == 0 || image.height == 0 {
            return Err("the image is empty".to_string());
        }
        Ok(Logo {
            path,
            bytes,
            width_px: image.width as u32,
            height_px: image.height as u32,
            image,
        })
    }
}

// ------------------------------------------------------------------------------------------
// Raw TOML

/// A template file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTemplate {
    pub(crate) extends: Option<Spanned<String>>,
    pub(crate) name: Option<Spanned<String>>,
    pub(crate) language: Option<Spanned<String>>,
    pub(crate) page: Option<RawPage>,
    pub(crate) style: Option<RawStyle>,
    pub(crate) clinic: Option<Spanned<RawClinic>>,
    pub(crate) text: Option<RawText>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPage {
    pub(crate) paper: Option<Spanned<String>>,
    pub(crate) margin: Option<Spanned<f64>>,
    pub(crate) margin_top: Option<Spanned<f64>>,
    pub(crate) margin_bottom: Option<Spanned<f64>>,
    pub(crate) margin_left: Option<Spanned<f64>>,
    pub(crate) margin_right: Option<Spanned<f64>>,
    pub(crate) font_size: Option<Spanned<f64>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStyle {
    pub(crate) accent: Option<Spanned<String>>,
    pub(crate) green: Option<Spanned<String>>,
    pub(crate) amber: Option<Spanned<String>>,
    pub(crate) red: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawClinic {
    pub(crate) name: Option<Spanned<String>>,
    pub(crate) address: Option<Spanned<String>>,
    pub(crate) phone: Option<Spanned<String>>,
    pub(crate) logo: Option<Spanned<String>>,
}

/// A user's template file as parsed: its raw tables (`None` when it could not be parsed; the
/// problem was reported) and the name it goes by (its own, else the one it extends, default
/// `en`), so that templates extending a broken one are not told that it does not exist.
#[derive(Debug, Clone)]
pub struct RawTemplateFile {
    pub raw: Option<RawTemplate>,
    pub goes_by: String,
}

/// Parses a template file into its raw tables; a syntax or shape problem is returned with them.
pub fn parse_raw(source: &str, file: &str) -> (RawTemplateFile, Vec<Diagnostic>) {
    let mut cx = Cx::new(file, source);
    let raw = read_raw(source, &mut cx);
    let goes_by = match &raw {
        Some(r) => r
            .name
            .as_ref()
            .or(r.extends.as_ref())
            .map(|s| s.get_ref().clone())
            .unwrap_or_else(|| "en".to_string()),
        // A file with a type error or an unknown key still has a name.
        None => toml::from_str::<toml::Table>(source)
            .map(|t| {
                let key = |k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
                key("name")
                    .or_else(|| key("extends"))
                    .unwrap_or_else(|| "en".to_string())
            })
            .unwrap_or_default(),
    };
    (RawTemplateFile { raw, goes_by }, cx.diags)
}

/// TOML syntax and shape errors (the first one; serde stops there).
pub(crate) fn read_raw(source: &str, cx: &mut Cx) -> Option<RawTemplate> {
    match toml::from_str::<RawTemplate>(source) {
        Ok(raw) => Some(raw),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let written = source.get(span.clone()).unwrap_or("");
            let (message, hint) = explain_toml_error(e.message(), written);
            if e.span().is_some() {
                cx.at(span, message, hint);
            } else {
                cx.whole_file(message, hint);
            }
            None
        }
    }
}

/// Turns serde's "unknown field `x`, expected one of `a`, `b`" into a message plus a
/// did-you-mean hint; other messages pass through with a generic hint.
/// Our message and hint for a toml error `message` at the text `written` (what its span covers
/// in the file: the unknown key, read from the file rather than from the message). The kind of
/// error and the allowed keys come from serde's wording, pinned with the toml version by
/// `load::tests::toml_messages_we_read`.
fn explain_toml_error(message: &str, written: &str) -> (String, String) {
    let message = message.trim();
    if crate::diag::is_too_large_integer(written) {
        return (
            "this number is too large".into(),
            "see docs/templates.md for each value's range".into(),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some(end) = rest.find('`') {
            let key = match crate::diag::unquoted(written) {
                "" => &rest[..end],
                w => w,
            };
            let expected: Vec<&str> = rest[end..].split('`').skip(2).step_by(2).collect();
            let hint = suggest(
                key,
                expected.iter().copied(),
                "remove it, or see docs/templates.md for the keys a template can have",
            );
            return (format!("unknown key `{key}`"), hint);
        }
    }
    if message.starts_with("invalid type") {
        return (
            message.to_string(),
            "text is written in quotes (\"...\"), lists in brackets ([\"...\", \"...\"]), numbers without quotes"
                .into(),
        );
    }
    (
        message.to_string(),
        "see docs/templates.md for the template format".into(),
    )
}

#[cfg(test)]
pub(crate) mod tests;
