//! `rehabplan batch patients.csv --out-dir DIR`: one plan per CSV row, on all cores.
//!
//! Columns (a header row names them, in any order): `name`, `cause` (required), `start`,
//! `days`, `weeks`, `level`, `equipment`, `minutes`. A bad row (a bad value, or more or fewer
//! fields than the header, as an unquoted `mon,wed,fri` gives) is reported with its line number
//! and the other rows go on; the exit code is 2 when any row failed.

use super::plan::{options, paper, produce, Job, Request};
use crate::cli::{BatchArgs, Global};
use crate::error::{Error, Result};
use crate::plan::types::Screening;
use crate::plan::Level;
use crate::render::{Format, RenderOptions};
use std::collections::BTreeSet;
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
    /// Why the row cannot be used as it is (its fields do not match the header).
    malformed: Option<String>,
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
    let created = super::created()?;
    if !args.out_dir.is_dir() {
        std::fs::create_dir_all(&args.out_dir).map_err(|e| Error::Write {
            path: args.out_dir.display().to_string(),
            reason: crate::load::io_reason(&e),
        })?;
    }
    let prepared = super::lang::prepare(global, args.template.as_deref(), None)?;
    let (v, template) = (prepared.v, prepared.template);
    let today = super::today();

    let names = output_names(&rows);
    let problems = plan_rows(global, &rows, &names, |row, name| {
        one(
            &v,
            &template,
            row,
            &args.out_dir.join(name),
            args,
            today,
            created,
        )
    });
    let mut problems = problems;
    problems.sort();
    for (line, message) in &problems {
        eprintln!("error: {shown}:{line}: {message}");
    }
    let ok = rows.len() - problems.len();
    if !global.quiet {
        eprintln!(
            "wrote {ok} of {} plans to {}",
            rows.len(),
            args.out_dir.display()
        );
    }
    Ok(if problems.is_empty() {
        0
    } else {
        crate::error::EXIT_INVALID
    })
}

/// Output file stems, one a row, fixed before the work is shared out so that they are unique
/// and stable: `name-cause`, with the row's line added when two rows would share it.
fn output_names(rows: &[Row]) -> Vec<String> {
    let mut taken = BTreeSet::new();
    rows.iter()
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
        .collect()
}

/// Runs `job` for every row on one thread per core (each plan keeps to its own thread), with a
/// progress bar on a terminal; the problems, by line, in no particular order.
fn plan_rows(
    global: &Global,
    rows: &[Row],
    names: &[String],
    job: impl Fn(&Row, &str) -> std::result::Result<(), String> + Sync,
) -> Vec<(u64, String)> {
    let next = AtomicUsize::new(0);
    let problems: Mutex<Vec<(u64, String)>> = Mutex::new(Vec::new());
    // indicatif draws only on a terminal; --quiet hides it there too.
    let progress = if global.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(rows.len() as u64)
    };
    progress.set_style(
        indicatif::ProgressStyle::with_template("{wide_bar} {pos}/{len} plans, {eta} left")
            .expect("a valid template"),
    );
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
                let result = match &row.malformed {
                    Some(m) => Err(m.clone()),
                    None => job(row, &names[i]),
                };
                if let Err(message) = result {
                    problems
                        .lock()
                        .expect("no worker panics")
                        .push((row.line, message));
                }
                progress.inc(1);
            });
        }
    });
    progress.finish_and_clear();
    problems.into_inner().expect("no worker panics")
}

/// The header row: every column known (with a suggestion for a misspelt one), `cause` there.
fn check_headers(headers: &[String], text: &str, shown: &str) -> Result<()> {
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
    Ok(())
}

fn read_rows(text: &str, shown: &str) -> Result<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::Invalid(vec![csv_diag(shown, &e)]))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    check_headers(&headers, text, shown)?;
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| Error::Invalid(vec![csv_diag(shown, &e)]))?;
        let line = rec.position().map_or(0, |p| line_at(text, p.byte()));
        let malformed = (rec.len() != headers.len()).then(|| {
            format!(
                "this row has {} fields; the header has {} (quote a value that has commas in it, e.g. \"mon,wed,fri\")",
                rec.len(),
                headers.len()
            )
        });
        rows.push(Row {
            line,
            fields: headers
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect(),
            malformed,
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

/// The 1-based line a record starting at byte `byte` is on. The csv crate's own line numbers
/// are one short in CRLF files: it ends a record at the `\r` and puts the next one's start
/// before the `\n`. So the line is counted here from the text, past any line ends at `byte`.
fn line_at(text: &str, byte: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut end = (byte as usize).min(bytes.len());
    while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
        end += 1;
    }
    bytes[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
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
        weeks: row.get("weeks"),
        days: row.get("days"),
        level,
        equipment: row.get("equipment"),
        minutes: row.get("minutes"),
        name: row.get("name"),
    };
    let opts = options(&request, today).map_err(column_error)?;
    let cause = row.get("cause").ok_or("column `cause` is empty")?;
    let program = super::find_program(v, cause).map_err(column_error)?;
    let job = Job {
        opts,
        screening: Screening::NotScreened,
        render: RenderOptions {
            paper: args.paper.map(paper),
            created,
            ..RenderOptions::default()
        },
    };
    let mut formats = vec![(Format::Pdf, "pdf")];
    if args.ics {
        formats.push((Format::Ics, "ics"));
    }
    if args.json {
        formats.push((Format::Json, "json"));
    }
    let asked: Vec<Format> = formats.iter().map(|(f, _)| *f).collect();
    let (_, outputs) =
        produce(&v.catalog.library, program, template, &job, &asked).map_err(|e| e.to_string())?;
    for ((_, ext), bytes) in formats.iter().zip(outputs) {
        let path: PathBuf = stem.with_extension(ext);
        if super::same_file(&path, &args.csv) {
            return Err(format!(
                "{} is the CSV file being read; not replaced",
                path.display()
            ));
        }
        super::write_output(&path, &bytes).map_err(|e| e.to_string())?;
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
    fn lines_are_counted_past_crlf() {
        let text = "h\r\na\r\nb\n";
        assert_eq!(super::line_at(text, 3), 2);
        // Where the csv crate puts the third record's start: at the `\n` after `a\r`.
        assert_eq!(super::line_at(text, 5), 3);
        assert_eq!(super::line_at(text, 6), 3);
    }

    #[test]
    fn slugs_keep_letters() {
        assert_eq!(super::slug("Zoë Łukasiewicz-pfps"), "zoë-łukasiewicz-pfps");
        assert_eq!(super::slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(super::slug("  "), "plan");
    }
}
