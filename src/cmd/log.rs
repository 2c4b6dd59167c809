//! `rehabplan log FILE`: add one session's pain scores to a pain log.

use crate::cli::{Global, LogArgs};
use crate::error::{Error, Result};
use crate::painlog::{self, Entry};

pub fn execute(global: &Global, args: &LogArgs) -> Result<u8> {
    let date = match &args.date {
        Some(d) => super::parse_date_or_today(d, "--date", super::today())?,
        None => super::today(),
    };
    let hint = "score pain from 0 (none) to 10 (worst imaginable)";
    let score = |flag: &str, v: &Option<String>| -> Result<Option<u8>> {
        let Some(v) = v else { return Ok(None) };
        let p = super::whole_number(flag, v, hint)?;
        if !(0..=10).contains(&p) {
            return Err(Error::usage(flag, format!("{p} is not a pain score"), hint));
        }
        Ok(Some(p as u8))
    };
    let during = score("--during", &args.during)?;
    let morning = score("--morning", &args.morning)?;
    let completed = match (args.completed, args.not_completed) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    let session =
        during.is_some() || morning.is_some() || completed.is_some() || args.note.is_some();
    if !session && args.checks.is_empty() {
        return Err(Error::usage(
            "--during",
            "nothing to log",
            "give --during N, --morning N, --completed or --not-completed (and --note), or --check ID=N",
        ));
    }
    let checks = check_results(global, args, date)?;
    if let Some(x) = &args.exercise {
        check_exercise(global, x.trim(), args.cause.as_deref())?;
    } else if let Some(c) = &args.cause {
        let v = super::catalog(global)?;
        super::find_program(&v, c)?;
    }
    let entry = session.then(|| Entry {
        date,
        exercise: args.exercise.clone(),
        pain_during: during,
        pain_next_morning: morning,
        completed,
        note: args.note.clone().unwrap_or_default(),
    });
    let existing = if args.file.exists() {
        let text = crate::load::read_text(&args.file).map_err(|d| Error::Invalid(vec![d]))?;
        // Refuse to append to a log that does not parse: the user should fix it first.
        painlog::parse(&text, &args.file.display().to_string()).map_err(Error::Invalid)?;
        painlog::parse_checks(&text, &args.file.display().to_string()).map_err(Error::Invalid)?;
        text
    } else {
        "# rehabplan pain log: one [[entry]] per session. Pain is 0 (none) to 10 (worst imaginable).\n".to_string()
    };
    let mut text = existing;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    if let Some(entry) = &entry {
        text.push_str(&painlog::entry_text(entry));
    }
    for c in &checks {
        text.push_str(&painlog::check_text(c));
    }
    super::write_output(&args.file, text.as_bytes())?;
    if !global.quiet {
        eprintln!("logged {} in {}", date, args.file.display());
    }
    Ok(0)
}

/// The `--check ID=N` results: each id one of the program's checks (`--cause`), each number
/// from 0 to the check's `max`.
fn check_results(
    global: &Global,
    args: &LogArgs,
    date: chrono::NaiveDate,
) -> Result<Vec<painlog::LoggedCheck>> {
    if args.checks.is_empty() {
        return Ok(Vec::new());
    }
    let Some(cause) = &args.cause else {
        return Err(Error::usage(
            "--check",
            "a progress check needs the cause",
            "add --cause CAUSE: each program has its own checks (`rehabplan plan --cause CAUSE --format json` lists their ids under program.checks)",
        ));
    };
    let v = super::catalog(global)?;
    let program = super::find_program(&v, cause)?;
    let ids: Vec<&str> = program.checks.iter().map(|c| c.id.as_str()).collect();
    let mut out = Vec::new();
    for arg in &args.checks {
        let Some((id, n)) = arg.split_once('=') else {
            return Err(Error::usage(
                "--check",
                format!("`{arg}` is not ID=N"),
                format!(
                    "write the check's id, `=` and the number, e.g. --check {}=4",
                    ids.first().copied().unwrap_or("worst-pain")
                ),
            ));
        };
        let id = id.trim();
        let Some(check) = program.checks.iter().find(|c| c.id == id) else {
            let what = if ids.is_empty() {
                format!("the {} program has no progress checks", program.id)
            } else {
                format!(
                    "`{id}` is not a progress check of the {} program",
                    program.id
                )
            };
            return Err(Error::usage(
                "--check",
                what,
                crate::diag::suggest(
                    id,
                    ids.iter().copied(),
                    &format!("its checks are: {}", ids.join(", ")),
                ),
            ));
        };
        let range = format!("0 to {}", check.max);
        let hint = format!("{}: a whole number from {range}", check.record);
        let value = super::whole_number("--check", n.trim(), &hint)?;
        if !(0..=i64::from(check.max)).contains(&value) {
            return Err(Error::usage(
                "--check",
                format!("{value} is out of range for `{id}`"),
                hint,
            ));
        }
        out.push(painlog::LoggedCheck {
            date,
            check: id.to_string(),
            value: value as u32,
        });
    }
    Ok(out)
}

/// Refuse an exercise id the plan cannot have: with `--cause`, one not in the program (nor an
/// easier or harder variant of one of its exercises); without, one not in the library.
fn check_exercise(global: &Global, id: &str, cause: Option<&str>) -> Result<()> {
    let v = super::catalog(global)?;
    let library = &v.catalog.library;
    let (ids, what, hint): (Vec<String>, String, String) = match cause {
        Some(c) => {
            let program = super::find_program(&v, c)?;
            let ids = program_exercise_ids(library, program);
            (
                ids,
                format!("an exercise of the {} program", program.id),
                format!(
                    "use an exercise id printed in the plan (`rehabplan plan --cause {} --format json` lists them)",
                    program.id
                ),
            )
        }
        None => (
            library
                .exercises
                .keys()
                .cloned()
                .chain([crate::plan::RUN_ID.to_string()])
                .collect(),
            "in the exercise library".to_string(),
            "run `rehabplan exercises` to see the exercise ids".to_string(),
        ),
    };
    if ids.iter().any(|i| i == id) {
        return Ok(());
    }
    Err(Error::usage(
        "--exercise",
        format!("`{id}` is not {what}"),
        crate::diag::suggest(id, ids.iter().map(String::as_str), &hint),
    ))
}

/// The exercise ids a plan of `program` can show: its slots' exercises, their easier and
/// harder variants (what `--level` and `--equipment` swap in) and the walk-run days.
pub fn program_exercise_ids(
    library: &crate::model::Library,
    program: &crate::model::Program,
) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut add = |x: &str| {
        if !ids.iter().any(|i| i == x) {
            ids.push(x.to_string());
        }
    };
    for phase in &program.phases {
        for slot in &phase.slots {
            for dose in &slot.weeks {
                add(&dose.exercise);
                if let Some(e) = library.get(&dose.exercise) {
                    e.easier.iter().chain(&e.harder).for_each(|x| add(x));
                }
            }
        }
    }
    if program.return_to_run.is_some() {
        add(crate::plan::RUN_ID);
    }
    ids
}
