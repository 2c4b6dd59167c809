//! `rehabplan validate [PATH...]`: check files and report every problem at once, as text or as
//! JSON (`--format json`: each problem with file, line, column, message and hint).

use crate::cli::{Global, ListFormat, ValidateArgs};
use crate::error::{Error, Result, EXIT_INVALID};
use crate::load::translate::Overlay;
use crate::validate::Validated;
use serde::Serialize;

#[derive(Serialize)]
struct Problem<'a> {
    file: &'a str,
    /// 1-based; 0 when the problem is about the whole file.
    line: usize,
    /// 1-based, in characters; 0 when unknown.
    column: usize,
    message: &'a str,
    hint: &'a str,
}

#[derive(Serialize)]
struct Report<'a> {
    format_version: u32,
    ok: bool,
    programs: usize,
    exercises: usize,
    templates: usize,
    problems: Vec<Problem<'a>>,
    /// With `--lang`: the strings that are not translated, at their source text.
    #[serde(skip_serializing_if = "Option::is_none")]
    untranslated: Option<Vec<Untranslated<'a>>>,
}

#[derive(Serialize)]
struct Untranslated<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    what: &'a str,
    text: &'a str,
}

/// Check the files (with `--lang`, also what is not translated) and print the report.
pub fn execute(global: &Global, args: &ValidateArgs) -> Result<u8> {
    let (v, overlay) = match &args.lang {
        Some(l) => {
            let l = super::lang::check_lang(l)?;
            let (v, o) = super::lang::load_in(global, &args.paths, &l);
            (
                v,
                o.or(Some(Overlay {
                    language: l,
                    ..Default::default()
                })),
            )
        }
        None => (super::load_and_validate(global, &args.paths), None),
    };
    if args.format == ListFormat::Json {
        let report = json_report(&v, overlay.as_ref());
        let mut out = serde_json::to_string_pretty(&report).expect("plain data serializes");
        out.push('\n');
        super::write_stdout(out.as_bytes())?;
        return Ok(if report.ok { 0 } else { EXIT_INVALID });
    }
    if !v.diagnostics.is_empty() {
        return Err(Error::Invalid(v.diagnostics));
    }
    super::write_stdout(text_report(&v, overlay.as_ref()).as_bytes())?;
    Ok(0)
}

/// The `--format json` report: the counts, every problem, and with `--lang` every string
/// not translated.
fn json_report<'a>(v: &'a Validated, overlay: Option<&'a Overlay>) -> Report<'a> {
    let c = &v.catalog;
    Report {
        format_version: crate::render::json::FORMAT_VERSION,
        ok: v.diagnostics.is_empty(),
        programs: c.programs.len(),
        exercises: c.library.exercises.len(),
        templates: v.template_names().len(),
        problems: v
            .diagnostics
            .iter()
            .map(|d| Problem {
                file: &d.file,
                line: d.line,
                column: d.col,
                message: &d.message,
                hint: &d.hint,
            })
            .collect(),
        untranslated: overlay.map(|o| {
            o.missing
                .iter()
                .map(|m| Untranslated {
                    file: &m.file,
                    line: m.line,
                    column: m.col,
                    what: &m.what,
                    text: &m.text,
                })
                .collect()
        }),
    }
}

/// The text report of files without problems: with `--lang`, each string not translated at
/// its place, then the `ok:` line with the counts.
fn text_report(v: &Validated, overlay: Option<&Overlay>) -> String {
    let c = &v.catalog;
    let mut out = String::new();
    if let Some(o) = overlay {
        for m in &o.missing {
            out.push_str(&format!(
                "{}:{}:{}: not translated to {}: {}: {:?}\n",
                m.file,
                m.line,
                m.col,
                o.language,
                m.what,
                clip(&m.text, 60)
            ));
        }
    }
    out.push_str(&format!(
        "ok: {} programs, {} exercises, {} templates checked",
        c.programs.len(),
        c.library.exercises.len(),
        v.template_names().len()
    ));
    if let Some(o) = overlay {
        out.push_str(&match o.missing.len() {
            0 => format!("; every string is translated to {}", o.language),
            n => format!(
                "; {n} {} not translated to {} (printed in English)",
                if n == 1 { "string is" } else { "strings are" },
                o.language
            ),
        });
    }
    out.push('\n');
    out
}

/// The first `n` characters of a text, with "…" when it was longer.
fn clip(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}
