//! `rehabplan batch patients.csv --out-dir DIR`: one plan per CSV row, on all cores.
//!
//! Columns (a header row names them, in any order): `name`, `cause` (required), `start`,
//! `days`, `weeks`, `level`, `equipment`, `minutes`. A bad row is reported with its line number
//! and the other rows go on; the exit code is 2 when any row failed.

use super::plan::{options, Request};
use crate::cli::{BatchArgs, Global};
use crate::error::{Error, Result};
use crate::plan::Level;
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

const COLUMNS: [&str; 8] = [
    "name",
    "cause",
    "start",
    "days",
    "weeks",
    "level",
    "equipment",
    "minutes",
];
/// Rows in one batch at most.
pub const MAX_ROWS: usize = 100_000;

struct Row {
    line: u64,
    fields: Vec<(String, String)>,
}

impl Row {
    fn get(&self, col: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == col)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }
}

pub fn execute(global: &Global, args: &BatchArgs) -> Result<u8> {
    let shown = args.csv.display().to_string();
    let text = crate::load::read_text(&args.csv).map_err(|d| Error::Invalid(vec![d]))?;
    let rows = read_rows(&text, &shown)?;
    if !args.out_dir.is_dir() {
        std::fs::create_dir_all(&args.out_dir).map_err(|e| Error::Write {
            path: args.out_dir.display().to_string(),
            reason: crate::load::io_reason(&e),
        })?;
    }
    let v = super::catalog(global)?;
    let template = super::template(&v, args.template.as_deref())?;
    let today = super::today();
    let created = super::source_date_epoch();

    // Output names are fixed before the work is shared out, so they are unique and stable.
    let mut taken = BTreeSet::new();
    let names: Vec<String> = rows
        .iter()
        .map(|r| {
            let base = slug(&format!(
                "{}-{}",
                r.get("name").unwrap_or("patient"),
                r.get("cause").unwrap_or("plan")
            ));
            let mut name = base.clone();
            if !taken.insert(name.clone()) {
                name = format!("{base}-line{}", r.line);
                taken.insert(name.clone());
            }
            name
        })
        .collect();

    // One plan per core already: each render keeps to its own thread.
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let problems: Mutex<Vec<(u64, String)>> = Mutex::new(Vec::new());
    let progress = std::io::stderr().is_terminal();
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .min(rows.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= rows.len() {
                    break;
                }
                let row = &rows[i];
                if let Err(message) = one(
                    &v,
                    &template,
                    row,
                    &args.out_dir.join(&names[i]),
                    args,
                    today,
                    created,
                ) {
                    problems
                        .lock()
                        .expect("no worker panics")
                        .push((row.line, message));
                }
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if progress {
                    let width = 30;
                    let filled = n * width / rows.len();
                    eprint!(
                        "\r[{}{}] {n}/{} plans",
                        "#".repeat(filled),
                        " ".repeat(width - filled),
                        rows.len()
                    );
                }
            });
        }
    });
    if progress {
        eprintln!();
    }
    let mut problems = problems.into_inner().expect("no worker panics");
    problems.sort();
    for (line, message) in &problems {
        eprintln!("error: {shown}:{line}: {message}");
    }
    let ok = rows.len() - problems.len();
    eprintln!(
        "wrote {ok} of {} plans to {}",
        rows.len(),
        args.out_dir.display()
    );
    Ok(if problems.is_empty() {
        0
    } else {
        crate::error::EXIT_INVALID
    })
}

fn read_rows(text: &str, shown: &str) -> Result<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::Invalid(vec![csv_diag(shown, &e)]))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let mut diags = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if !COLUMNS.contains(&h.as_str()) {
            let col = text
                .lines()
                .next()
                .unwrap_or("")
                .split(',')
                .take(i)
                .map(|c| c.chars().count() + 1)
                .sum::<usize>()
                + 1;
            diags.push(
                crate::diag::Diagnostic {
                    file: shown.to_string(),
                    line: 1,
                    col,
                    message: format!("unknown column `{h}`"),
                    hint: String::new(),
                }
                .hint(crate::diag::suggest(
                    h,
                    COLUMNS,
                    &format!("the columns are: {}", COLUMNS.join(", ")),
                )),
            );
        }
    }
    if !headers.iter().any(|h| h == "cause") {
        diags.push(
            crate::diag::Diagnostic::file(shown, "there is no `cause` column").hint(format!(
                "the first row names the columns: {}",
                COLUMNS.join(", ")
            )),
        );
    }
    if !diags.is_empty() {
        return Err(Error::Invalid(diags));
    }
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| Error::Invalid(vec![csv_diag(shown, &e)]))?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        rows.push(Row {
            line,
            fields: headers
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect(),
        });
        if rows.len() > MAX_ROWS {
            return Err(Error::Invalid(vec![crate::diag::Diagnostic::file(
                shown,
                format!("more than {MAX_ROWS} rows"),
            )
            .hint("split the file into smaller batches")]));
        }
    }
    if rows.is_empty() {
        return Err(Error::Invalid(vec![crate::diag::Diagnostic::file(
            shown,
            "no rows after the header",
        )
        .hint("add one row per patient")]));
    }
    Ok(rows)
}

fn csv_diag(shown: &str, e: &csv::Error) -> crate::diag::Diagnostic {
    let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} fields; the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "the file is not valid UTF-8".to_string(),
        _ => e.to_string(),
    };
    crate::diag::Diagnostic {
        file: shown.to_string(),
        line,
        col: if line > 0 { 1 } else { 0 },
        message,
        hint: "check the commas and quotes of this row".into(),
    }
}

/// Plan and write one row; the error is the message for that row.
#[allow(clippy::too_many_arguments)]
fn one(
    v: &crate::validate::Validated,
    template: &crate::template::Template,
    row: &Row,
    stem: &Path,
    args: &BatchArgs,
    today: chrono::NaiveDate,
    created: i64,
) -> std::result::Result<(), String> {
    let column_error = |e: Error| match e {
        Error::Usage {
            flag,
            message,
            hint,
        } => {
            let col = flag.trim_start_matches('-');
            if hint.is_empty() {
                format!("column `{col}`: {message}")
            } else {
                format!("column `{col}`: {message} ({hint})")
            }
        }
        other => other.to_string(),
    };
    let num = |col: &str| -> std::result::Result<Option<u32>, String> {
        match row.get(col) {
            None => Ok(None),
            Some(s) => s
                .parse::<u32>()
                .map(Some)
                .map_err(|_| format!("column `{col}`: `{s}` is not a whole number")),
        }
    };
    let level = match row.get("level") {
        None => None,
        Some("beginner") => Some(Level::Beginner),
        Some("intermediate") => Some(Level::Intermediate),
        Some("advanced") => Some(Level::Advanced),
        Some(other) => {
            return Err(format!(
                "column `level`: unknown level `{other}` (use beginner, intermediate or advanced)"
            ))
        }
    };
    let request = Request {
        start: row.get("start"),
        weeks: num("weeks")?,
        days: row.get("days"),
        level,
        equipment: row.get("equipment"),
        minutes: num("minutes")?,
        name: row.get("name"),
    };
    let opts = options(&request, today).map_err(column_error)?;
    let cause = row.get("cause").ok_or("column `cause` is empty")?;
    let program = super::find_program(v, cause).map_err(column_error)?;
    let plan = crate::plan::plan(&v.catalog.library, program, &opts);
    let pdf =
        super::render_pdf_with(&plan, template, args.paper, created).map_err(|e| e.to_string())?;
    let write = |ext: &str, bytes: &[u8]| -> std::result::Result<(), String> {
        let path: PathBuf = stem.with_extension(ext);
        super::write_atomic(&path, bytes).map_err(|e| e.to_string())
    };
    write("pdf", &pdf)?;
    if args.ics {
        write(
            "ics",
            &crate::render::ics::render(&plan, &template.text, created),
        )?;
    }
    if args.json {
        write("json", &crate::render::json::render(&plan, &template.text))?;
    }
    Ok(())
}

/// A file-name-safe stem: letters and digits (any script) kept, lowercased, the rest `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(80).collect();
    if out.is_empty() {
        "plan".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_keep_letters() {
        assert_eq!(super::slug("Zoë Łukasiewicz-pfps"), "zoë-łukasiewicz-pfps");
        assert_eq!(super::slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(super::slug("  "), "plan");
    }
}
