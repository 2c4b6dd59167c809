//! Templates, checked: raw template tables (`template::parse_raw`) into a [`Template`], field by
//! field, with every problem at its file:line:col. Resolves `extends` (a built-in template or
//! another of the user's, cycles refused), keeps the safety text, and reads, checks and decodes
//! the clinic's logo once (the only file this module reads, relative to the template's folder).
//! The built-in templates are checked once per process ([`builtin`]).

use crate::diag::{suggest, Diagnostic};
use crate::load::Loaded;
pub use crate::template::builtin_names;
use crate::template::{
    read_raw, Clinic, Cx, Logo, Page, Paper, RawClinic, RawPage, RawStyle, RawTemplate,
    RawTemplateFile, Rgb, Style, Template, BUILTINS, FONT_SIZE_PT, LOGO_MAX_BYTES, LOGO_MAX_PIXELS,
    MARGIN_MM,
};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use toml::Spanned;

/// A built-in template by name.
pub fn builtin(name: &str) -> Option<Template> {
    static CACHE: OnceLock<Vec<Template>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        let mut done: Vec<Template> = Vec::new();
        for (name, path) in BUILTINS {
            let file = format!("builtin:{path}");
            let source = crate::load::builtin_file(path).expect("built-in templates are embedded");
            let base = match *name {
                "en" => None,
                _ => Some(
                    done.iter()
                        .find(|t| t.name == "en")
                        .expect("en is first")
                        .clone(),
                ),
            };
            match parse_with_base(source, &file, None, base.as_ref()) {
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
    let path = file.strip_prefix("builtin:")?;
    let (name, _) = BUILTINS.iter().find(|(_, p)| *p == path)?;
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

/// One of the user's template files for [`check_all`]: its name in messages, its text, its
/// folder and what [`crate::template::parse_raw`] made of it.
pub struct TemplateFile<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub dir: Option<&'a Path>,
    pub parsed: &'a RawTemplateFile,
}

/// Checks several template files that may extend one another (a clinic's branding over its own
/// translation over a built-in). `extends` names a template by its `name`: one of these files
/// (a template without `name` takes the name of the one it extends) or else a built-in; a file
/// never extends itself, so `extends = "de"` in a file that changes `de` extends the built-in.
/// A cycle is one problem naming its members. Results are in the order of `files`; a file that
/// could not be parsed gives no template and no further problem (its own was reported).
pub fn check_all(files: &[TemplateFile]) -> Vec<Result<Template, Vec<Diagnostic>>> {
    let mut raws: Vec<Option<RawTemplate>> = files.iter().map(|f| f.parsed.raw.clone()).collect();
    let mut results: Vec<Option<Result<Template, Vec<Diagnostic>>>> = raws
        .iter()
        .map(|r| r.is_none().then(|| Err(Vec::new())))
        .collect();
    let names: Vec<String> = files.iter().map(|f| f.parsed.goes_by.clone()).collect();
    let mut stack = Vec::new();
    for i in 0..files.len() {
        resolve(i, files, &mut raws, &names, &mut results, &mut stack);
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Vec::new())))
        .collect()
}

/// Checks the templates `load` parsed (`loaded.template_files`, which this empties) into
/// `loaded.templates`: the built-ins (checked once per process) in load order, then the user's,
/// read together as one may extend another. Their problems join `loaded.diagnostics`.
pub fn check_loaded(loaded: &mut Loaded) {
    let files = std::mem::take(&mut loaded.template_files);
    let mut user = Vec::new();
    for (source, parsed) in files {
        match parsed {
            None => match builtin_file(&source.name) {
                Some(t) => loaded.templates.push((source, t)),
                None => loaded.diagnostics.push(Diagnostic::file(
                    &source.name,
                    "this built-in template is not in the list of built-in templates; this is a bug in rehabplan, please report it",
                )),
            },
            Some(p) => user.push((source, p)),
        }
    }
    let inputs: Vec<TemplateFile> = user
        .iter()
        .map(|(s, p)| TemplateFile {
            file: &s.name,
            text: &s.text,
            dir: s.dir.as_deref(),
            parsed: p,
        })
        .collect();
    let results = check_all(&inputs);
    drop(inputs);
    for ((source, _), r) in user.into_iter().zip(results) {
        match r {
            Ok(t) => loaded.templates.push((source, t)),
            Err(ds) => loaded.diagnostics.extend(ds),
        }
    }
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
                cx.at(
                    span.clone(),
                    format!("unknown template `{name}` in `extends`"),
                    unknown_base_hint(i, name, names),
                );
                results[i] = Some(Err(cx.diags));
                return;
            }
        },
        (None, _) => builtin("en").expect("the English template is built in"),
    };
    let Some(raw) = raws[i].take() else {
        results[i] = Some(Err(Vec::new()));
        return;
    };
    results[i] = Some(validate(raw, &mut cx, f.dir, Some(&base)).ok_or_else(|| sorted(cx.diags)));
}

/// The hint for file `i`'s `extends = "name"` that names no template: the names it could use.
fn unknown_base_hint(i: usize, name: &str, names: &[String]) -> String {
    let mut known: Vec<&str> = builtin_names().to_vec();
    for (j, n) in names.iter().enumerate() {
        if j != i && !n.is_empty() && !known.contains(&n.as_str()) {
            known.push(n);
        }
    }
    if names[i] == name {
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
    }
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

pub(crate) fn parse_with_base(
    source: &str,
    file: &str,
    base_dir: Option<&Path>,
    base: Option<&Template>,
) -> Result<Template, Vec<Diagnostic>> {
    let mut cx = Cx::new(file, source);
    let raw = read_raw(source, &mut cx).ok_or_else(|| cx.diags.clone())?;
    validate(raw, &mut cx, base_dir, base).ok_or_else(|| sorted(cx.diags))
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
    match Logo::decode(written, bytes) {
        Ok(logo) if logo.width_px > LOGO_MAX_PIXELS || logo.height_px > LOGO_MAX_PIXELS => {
            let (w, h) = (logo.width_px, logo.height_px);
            cx.at(
                span,
                format!("the logo `{shown}` is {w} x {h} pixels, larger than {LOGO_MAX_PIXELS} pixels on a side"),
                "a PNG or JPEG of at most 1000 pixels wide is plenty for print; shrink it",
            );
            None
        }
        Ok(logo) => Some(logo),
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
