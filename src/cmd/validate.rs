//! `rehabplan validate [PATH...]`: check files and report every problem at once, as text or as
//! JSON (`--format json`: each problem with file, line, column, message and hint).

use crate::cli::{Global, ListFormat, ValidateArgs};
use crate::error::{Error, Result, EXIT_INVALID};
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
}

pub fn execute(global: &Global, args: &ValidateArgs) -> Result<u8> {
    let v = super::load_and_validate(global, &args.paths);
    let c = &v.catalog;
    if args.format == ListFormat::Json {
        let report = Report {
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
        };
        let mut out = serde_json::to_string_pretty(&report).expect("plain data serializes");
        out.push('\n');
        super::write_stdout(out.as_bytes())?;
        return Ok(if report.ok { 0 } else { EXIT_INVALID });
    }
    if !v.diagnostics.is_empty() {
        return Err(Error::Invalid(v.diagnostics));
    }
    println!(
        "ok: {} programs, {} exercises, {} templates checked",
        c.programs.len(),
        c.library.exercises.len(),
        v.template_names().len()
    );
    Ok(0)
}
