//! Print templates: paper, margins, font size, colours, the clinic's name and logo, and every
//! printed word ([`Wording`]), read from a TOML file and checked into a [`Template`].
//!
//! Parse, then validate: the file is deserialized into raw structs (`deny_unknown_fields`, with
//! spans), then checked field by field; every problem becomes a [`Diagnostic`] with
//! file:line:col and a hint. A template may set only what it changes: every key it leaves out
//! comes from the template named by `extends` (default: the built-in English template, `en`).
//! The safety text (the disclaimer and the warning signs) can be reworded but never removed.
//!
//! The only I/O is reading the clinic's logo (PNG or JPEG) named by the file, relative to the
//! template's folder. Built-in templates (`templates/*.toml`) are embedded in the binary.

mod fields;
mod wording;

pub use fields::{fill, Spec};
pub use wording::{Wording, TEXT_KEYS};

use crate::diag::{suggest, Diagnostic};
use fields::Cx;
use serde::Deserialize;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use toml::Spanned;
use wording::RawText;

/// The built-in templates: (name, file as shown in messages, contents).
const BUILTINS: &[(&str, &str, &str)] = &[
    (
        "en",
        "builtin:templates/en.toml",
        include_str!("../../templates/en.toml"),
    ),
    (
        "large-print",
        "builtin:templates/large-print.toml",
        include_str!("../../templates/large-print.toml"),
    ),
    (
        "de",
        "builtin:templates/de.toml",
        include_str!("../../templates/de.toml"),
    ),
];

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

/// A decoded-once, checked logo image.
#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    /// The path as written in the template.
    pub path: PathBuf,
    /// The file's bytes (PNG or JPEG).
    pub bytes: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
}

// ------------------------------------------------------------------------------------------
// Raw TOML

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    extends: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    page: Option<RawPage>,
    style: Option<RawStyle>,
    clinic: Option<Spanned<RawClinic>>,
    text: Option<RawText>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    paper: Option<Spanned<String>>,
    margin: Option<Spanned<f64>>,
    margin_top: Option<Spanned<f64>>,
    margin_bottom: Option<Spanned<f64>>,
    margin_left: Option<Spanned<f64>>,
    margin_right: Option<Spanned<f64>>,
    font_size: Option<Spanned<f64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    accent: Option<Spanned<String>>,
    green: Option<Spanned<String>>,
    amber: Option<Spanned<String>>,
    red: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClinic {
    name: Option<Spanned<String>>,
    address: Option<Spanned<String>>,
    phone: Option<Spanned<String>>,
    logo: Option<Spanned<String>>,
}

// ------------------------------------------------------------------------------------------
// Public API

/// The names of the built-in templates.
pub fn builtin_names() -> &'static [&'static str] {
    &["en", "large-print", "de"]
}

/// A built-in template by name.
pub fn builtin(name: &str) -> Option<Template> {
    static CACHE: OnceLock<Vec<Template>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        let mut done: Vec<Template> = Vec::new();
        for (name, file, source) in BUILTINS {
            let base = match *name {
                "en" => None,
                _ => Some(
                    done.iter()
                        .find(|t| t.name == "en")
                        .expect("en is first")
                        .clone(),
                ),
            };
            match parse_with_base(source, file, None, base.as_ref()) {
                Ok(t) => done.push(t),
                Err(diags) => panic!(
                    "built-in template {file} is invalid:\n{}",
                    diags
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("\n")
                ),
            }
        }
        done
    });
    all.iter().find(|t| t.name == name).cloned()
}

/// The built-in template read from `file` (`builtin:templates/de.toml`), if it is one: the
/// loader takes it from here instead of parsing the file a second time.
pub fn builtin_file(file: &str) -> Option<Template> {
    let (name, _, _) = BUILTINS.iter().find(|(_, f, _)| *f == file)?;
    builtin(name)
}

/// Reads a template file. `file` is the name used in messages; `base_dir` is the folder the
/// logo path is relative to (the template's folder; `None` for the current folder). Keys left
/// out come from the template named by `extends` (a built-in; default `en`).
pub fn parse(
    source: &str,
    file: &str,
    base_dir: Option<&Path>,
) -> Result<Template, Vec<Diagnostic>> {
    let mut cx = Cx::new(file, source);
    let raw = read_raw(source, &mut cx).ok_or_else(|| cx.diags.clone())?;
    let base_name = raw
        .extends
        .as_ref()
        .map(|e| (e.get_ref().clone(), e.span()));
    let base = match base_name {
        Some((name, span)) => match builtin(&name) {
            Some(t) => t,
            None => {
                cx.at(
                    span,
                    format!("unknown template `{name}` in `extends`"),
                    suggest(&name, builtin_names().iter().copied(), &builtin_hint()),
                );
                return Err(cx.diags);
            }
        },
        None => builtin("en").expect("the English template is built in"),
    };
    validate(raw, &mut cx, base_dir, Some(&base)).ok_or_else(|| sorted(cx.diags))
}

/// One template file for [`parse_all`]: its name in messages, its text and its folder.
pub struct TemplateFile<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub dir: Option<&'a Path>,
}

/// Reads several template files that may extend one another (a clinic's branding over its own
/// translation over a built-in). `extends` names a template by its `name`: one of these files
/// (a template without `name` takes the name of the one it extends) or else a built-in; a file
/// never extends itself, so `extends = "de"` in a file that changes `de` extends the built-in.
/// A cycle is one problem naming its members. Results are in the order of `files`.
pub fn parse_all(files: &[TemplateFile]) -> Vec<Result<Template, Vec<Diagnostic>>> {
    let n = files.len();
    let mut raws: Vec<Option<RawTemplate>> = Vec::with_capacity(n);
    let mut results: Vec<Option<Result<Template, Vec<Diagnostic>>>> = Vec::with_capacity(n);
    for f in files {
        let mut cx = Cx::new(f.file, f.text);
        let raw = read_raw(f.text, &mut cx);
        results.push(if raw.is_none() {
            Some(Err(cx.diags))
        } else {
            None
        });
        raws.push(raw);
    }
    // The name each file goes by: its own, else the one it extends (default `en`).
    let mut names: Vec<String> = raws
        .iter()
        .map(|r| match r {
            Some(r) => r
                .name
                .as_ref()
                .or(r.extends.as_ref())
                .map(|s| s.get_ref().clone())
                .unwrap_or_else(|| "en".to_string()),
            None => String::new(),
        })
        .collect();
    // A file with a type error or an unknown key still has a name, so that the templates
    // extending it are not told that it does not exist (its own problems are reported).
    for (name, f) in names.iter_mut().zip(files) {
        if name.is_empty() {
            if let Ok(t) = toml::from_str::<toml::Table>(f.text) {
                let key = |k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
                *name = key("name")
                    .or_else(|| key("extends"))
                    .unwrap_or_else(|| "en".to_string());
            }
        }
    }
    let mut stack = Vec::new();
    for i in 0..n {
        resolve(i, files, &mut raws, &names, &mut results, &mut stack);
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Vec::new())))
        .collect()
}

fn resolve(
    i: usize,
    files: &[TemplateFile],
    raws: &mut [Option<RawTemplate>],
    names: &[String],
    results: &mut [Option<Result<Template, Vec<Diagnostic>>>],
    stack: &mut Vec<usize>,
) {
    if results[i].is_some() {
        return;
    }
    let f = &files[i];
    let mut cx = Cx::new(f.file, f.text);
    let extends = raws[i]
        .as_ref()
        .and_then(|r| r.extends.as_ref())
        .map(|e| (e.get_ref().clone(), e.span()));
    // The last other file going by that name wins, as a user's file overrides a built-in.
    let user_base = extends.as_ref().and_then(|(e, _)| {
        (0..files.len())
            .rev()
            .find(|&j| j != i && !names[j].is_empty() && &names[j] == e)
    });
    let base = match (&extends, user_base) {
        (Some((_, span)), Some(j)) => {
            if let Some(at) = stack.iter().position(|&k| k == j) {
                let mut members: Vec<String> = stack[at..]
                    .iter()
                    .map(|&k| format!("`{}`", names[k]))
                    .collect();
                members.push(format!("`{}`", names[i]));
                members.push(format!("`{}`", names[j]));
                cx.at(
                    span.clone(),
                    format!("`extends` forms a cycle: {}", members.join(" extends ")),
                    "one template of the cycle must extend a built-in one (or none: then it extends `en`)",
                );
                results[i] = Some(Err(cx.diags));
                return;
            }
            stack.push(i);
            resolve(j, files, raws, names, results, stack);
            stack.pop();
            match &results[j] {
                Some(Ok(t)) => t.clone(),
                // The base's own problems are reported in its file.
                _ => {
                    results[i] = Some(Err(Vec::new()));
                    return;
                }
            }
        }
        (Some((name, span)), None) => match builtin(name) {
            Some(t) => t,
            None => {
                let mut known: Vec<&str> = builtin_names().to_vec();
                for (j, n) in names.iter().enumerate() {
                    if j != i && !n.is_empty() && !known.contains(&n.as_str()) {
                        known.push(n);
                    }
                }
                let hint = if names[i] == *name {
                    format!("a template extends one of its own name only to change the built-in one, and there is no built-in `{name}`; {}", builtin_hint())
                } else {
                    suggest(
                        name,
                        known.iter().copied(),
                        &format!(
                            "`extends` names a built-in template or one of yours: {}",
                            known.join(", ")
                        ),
                    )
                };
                cx.at(
                    span.clone(),
                    format!("unknown template `{name}` in `extends`"),
                    hint,
                );
                results[i] = Some(Err(cx.diags));
                return;
            }
        },
        (None, _) => builtin("en").expect("the English template is built in"),
    };
    let raw = raws[i].take().expect("parsed");
    results[i] = Some(validate(raw, &mut cx, f.dir, Some(&base)).ok_or_else(|| sorted(cx.diags)));
}

fn builtin_hint() -> String {
    format!(
        "`extends` names a built-in template: {}",
        builtin_names().join(", ")
    )
}

fn sorted(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    Diagnostic::sort_all(&mut diags);
    diags
}

fn parse_with_base(
    source: &str,
    file: &str,
    base_dir: Option<&Path>,
    base: Option<&Template>,
) -> Result<Template, Vec<Diagnostic>> {
    let mut cx = Cx::new(file, source);
    let raw = read_raw(source, &mut cx).ok_or_else(|| cx.diags.clone())?;
    validate(raw, &mut cx, base_dir, base).ok_or_else(|| sorted(cx.diags))
}

/// TOML syntax and shape errors (the first one; serde stops there).
fn read_raw(source: &str, cx: &mut Cx) -> Option<RawTemplate> {
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
    if crate::load::is_too_large_integer(written) {
        return (
            "this number is too large".into(),
            "see docs/templates.md for each value's range".into(),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some(end) = rest.find('`') {
            let key = match crate::load::unquoted(written) {
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

fn validate(
    raw: RawTemplate,
    cx: &mut Cx,
    base_dir: Option<&Path>,
    base: Option<&Template>,
) -> Option<Template> {
    let name = required_str(
        raw.name,
        base.map(|b| &b.name),
        "name",
        "a short name for the template, e.g. \"my-clinic\"",
        cx,
    );
    let language = match raw.language {
        Some(l) => {
            let ok = !l.get_ref().is_empty()
                && l.get_ref().len() <= 35
                && l.get_ref()
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !ok {
                cx.at(
                    l.span(),
                    format!(
                        "`language` must be a language tag like \"en\" or \"de-CH\", not {:?}",
                        l.get_ref()
                    ),
                    "letters, digits and `-` only",
                );
            }
            ok.then(|| l.into_inner())
        }
        None => required_str(
            None,
            base.map(|b| &b.language),
            "language",
            "a language tag, e.g. \"en\"",
            cx,
        ),
    };
    let page = validate_page(raw.page.unwrap_or_default(), base.map(|b| &b.page), cx);
    let style = validate_style(raw.style.unwrap_or_default(), base.map(|b| &b.style), cx);
    let clinic = match raw.clinic {
        Some(c) => validate_clinic(c, base_dir, cx),
        None => Some(base.and_then(|b| b.clinic.clone())),
    };
    // The general screening questions are worded by position: a list must have them all.
    let general = crate::screen::general().len();
    let screen_ok = match raw.text.as_ref().and_then(|t| t.screen_questions.as_ref()) {
        Some(list) if list.get_ref().len() != general => {
            cx.at(
                list.span(),
                format!(
                    "`text.screen_questions` needs exactly {general} questions, found {}",
                    list.get_ref().len()
                ),
                "list the general screening questions in the order of templates/en.toml",
            );
            false
        }
        _ => true,
    };
    let text = raw
        .text
        .unwrap_or_default()
        .resolve(base.map(|b| &b.text), cx)
        .filter(|_| screen_ok);
    Some(Template {
        name: name?,
        language: language?,
        page: page?,
        style: style?,
        clinic: clinic?,
        text: text?,
        file: cx.file.to_string(),
    })
}

fn required_str(
    raw: Option<Spanned<String>>,
    base: Option<&String>,
    key: &str,
    what: &str,
    cx: &mut Cx,
) -> Option<String> {
    match raw {
        Some(v) if v.get_ref().trim().is_empty() => {
            cx.at(
                v.span(),
                format!("`{key}` is empty"),
                format!("write {what}"),
            );
            None
        }
        Some(v) => Some(v.into_inner()),
        None => match base {
            Some(b) => Some(b.clone()),
            None => {
                cx.whole_file(
                    format!("missing key `{key}`"),
                    format!("add `{key} = ...`: {what}"),
                );
                None
            }
        },
    }
}

fn number(
    raw: Option<Spanned<f64>>,
    base: Option<f32>,
    key: &str,
    range: (f32, f32),
    unit: &str,
    cx: &mut Cx,
) -> Option<f32> {
    match raw {
        Some(v) => {
            let x = *v.get_ref();
            if !(x >= range.0 as f64 && x <= range.1 as f64) {
                cx.at(
                    v.span(),
                    format!(
                        "`page.{key}` is {x} {unit}, outside the allowed range {} to {} {unit}",
                        range.0, range.1
                    ),
                    format!("choose a value from {} to {} {unit}", range.0, range.1),
                );
                return None;
            }
            Some(x as f32)
        }
        None => match base {
            Some(b) => Some(b),
            None => {
                cx.whole_file(
                    format!("missing key `page.{key}`"),
                    format!(
                        "add `{key} = ...` to [page] ({} to {} {unit})",
                        range.0, range.1
                    ),
                );
                None
            }
        },
    }
}

fn validate_page(raw: RawPage, base: Option<&Page>, cx: &mut Cx) -> Option<Page> {
    let paper = match raw.paper {
        Some(p) => match Paper::parse(p.get_ref()) {
            Some(paper) => Some(paper),
            None => {
                cx.at(
                    p.span(),
                    format!("unknown paper {:?}", p.get_ref()),
                    suggest(
                        &p.get_ref().to_ascii_lowercase(),
                        ["a4", "letter"],
                        "use \"a4\" or \"letter\"",
                    ),
                );
                None
            }
        },
        None => match base {
            Some(b) => Some(b.paper),
            None => {
                cx.whole_file(
                    "missing key `page.paper`",
                    "add `paper = \"a4\"` (or \"letter\") to [page]",
                );
                None
            }
        },
    };
    // `margin` sets all four sides; a side's own key wins over it.
    let all = raw
        .margin
        .and_then(|m| number(Some(m), None, "margin", MARGIN_MM, "mm", cx));
    let side = |raw: Option<Spanned<f64>>, b: Option<f32>, key: &str, cx: &mut Cx| match raw {
        Some(v) => number(Some(v), None, key, MARGIN_MM, "mm", cx),
        None => all
            .or(b)
            .or_else(|| number(None, None, key, MARGIN_MM, "mm", cx)),
    };
    let top = side(raw.margin_top, base.map(|b| b.margin_top), "margin_top", cx);
    let bottom = side(
        raw.margin_bottom,
        base.map(|b| b.margin_bottom),
        "margin_bottom",
        cx,
    );
    let left = side(
        raw.margin_left,
        base.map(|b| b.margin_left),
        "margin_left",
        cx,
    );
    let right = side(
        raw.margin_right,
        base.map(|b| b.margin_right),
        "margin_right",
        cx,
    );
    let font_size = number(
        raw.font_size,
        base.map(|b| b.font_size),
        "font_size",
        FONT_SIZE_PT,
        "pt",
        cx,
    );
    Some(Page {
        paper: paper?,
        margin_top: top?,
        margin_bottom: bottom?,
        margin_left: left?,
        margin_right: right?,
        font_size: font_size?,
    })
}

fn colour(raw: Option<Spanned<String>>, base: Option<Rgb>, key: &str, cx: &mut Cx) -> Option<Rgb> {
    match raw {
        Some(v) => match Rgb::parse(v.get_ref().trim()) {
            Some(c) => Some(c),
            None => {
                cx.at(
                    v.span(),
                    format!("`style.{key}` is not a colour: {:?}", v.get_ref()),
                    "write a colour as \"#rrggbb\" with six hexadecimal digits, e.g. \"#1f6f8b\"",
                );
                None
            }
        },
        None => base.or_else(|| {
            cx.whole_file(
                format!("missing key `style.{key}`"),
                format!("add `{key} = \"#rrggbb\"` to [style]"),
            );
            None
        }),
    }
}

fn validate_style(raw: RawStyle, base: Option<&Style>, cx: &mut Cx) -> Option<Style> {
    let accent = colour(raw.accent, base.map(|b| b.accent), "accent", cx);
    let green = colour(raw.green, base.map(|b| b.green), "green", cx);
    let amber = colour(raw.amber, base.map(|b| b.amber), "amber", cx);
    let red = colour(raw.red, base.map(|b| b.red), "red", cx);
    Some(Style {
        accent: accent?,
        green: green?,
        amber: amber?,
        red: red?,
    })
}

/// `Some(None)`: no clinic; `None`: a problem was reported.
fn validate_clinic(
    raw: Spanned<RawClinic>,
    base_dir: Option<&Path>,
    cx: &mut Cx,
) -> Option<Option<Clinic>> {
    let span = raw.span();
    let raw = raw.into_inner();
    let name = match raw.name {
        Some(n) if !n.get_ref().trim().is_empty() => Some(n.into_inner()),
        Some(n) => {
            cx.at(
                n.span(),
                "`clinic.name` is empty",
                "write the clinic's name, or remove the [clinic] table",
            );
            None
        }
        None => {
            cx.at(
                span.start..span.start,
                "[clinic] has no `name`",
                "add `name = \"...\"`, or remove the [clinic] table",
            );
            None
        }
    };
    let address = raw
        .address
        .map(|a| {
            a.into_inner()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    let phone = raw
        .phone
        .map(|p| p.into_inner().trim().to_string())
        .unwrap_or_default();
    let logo = match raw.logo {
        None => Some(None),
        Some(l) => load_logo(l.get_ref(), l.span(), base_dir, cx).map(Some),
    };
    Some(Some(Clinic {
        name: name?,
        address,
        phone,
        logo: logo?,
    }))
}

/// Reads and checks the logo: the only I/O of this module.
fn load_logo(path: &str, span: Range<usize>, base_dir: Option<&Path>, cx: &mut Cx) -> Option<Logo> {
    let written = PathBuf::from(path);
    let full = match base_dir {
        Some(dir) if written.is_relative() => dir.join(&written),
        _ => written.clone(),
    };
    let shown = full.display().to_string();
    let bytes = match crate::load::read_limited(&full, LOGO_MAX_BYTES as u64) {
        Ok(b) => b,
        Err(e) => {
            cx.at(
                span,
                format!(
                    "cannot read the logo `{shown}`: {}",
                    crate::load::io_reason(&e)
                ),
                "the path is relative to the template's folder; the logo must be a PNG or JPEG file",
            );
            return None;
        }
    };
    if bytes.len() > LOGO_MAX_BYTES {
        cx.at(
            span,
            format!("the logo `{shown}` is over {} KB", LOGO_MAX_BYTES / 1024),
            "a PNG or JPEG of at most 1000 pixels wide is plenty for print; shrink it",
        );
        return None;
    }
    match crate::render::pdf::check_image(&bytes) {
        Ok((w, h)) if w > LOGO_MAX_PIXELS || h > LOGO_MAX_PIXELS => {
            cx.at(
                span,
                format!("the logo `{shown}` is {w} x {h} pixels, larger than {LOGO_MAX_PIXELS} pixels on a side"),
                "a PNG or JPEG of at most 1000 pixels wide is plenty for print; shrink it",
            );
            None
        }
        Ok((w, h)) => Some(Logo {
            path: written,
            bytes,
            width_px: w,
            height_px: h,
        }),
        Err(e) => {
            cx.at(
                span,
                format!("cannot use the logo `{shown}`: {e}"),
                "the logo must be a PNG or JPEG image",
            );
            None
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
