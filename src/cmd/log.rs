//! `rehabplan log FILE`: add one session's pain scores to a pain log.

use crate::cli::LogArgs;
use crate::error::{Error, Result};
use crate::painlog::{self, Entry};

pub fn execute(args: &LogArgs) -> Result<u8> {
    let date = match &args.date {
        Some(d) => super::plan::parse_date(d, "--date")?,
        None => super::today(),
    };
    for (flag, v) in [("--during", args.during), ("--morning", args.morning)] {
        if let Some(p) = v {
            if p > 10 {
                return Err(Error::usage(
                    flag,
                    format!("{p} is not a pain score"),
                    "score pain from 0 (none) to 10 (worst imaginable)",
                ));
            }
        }
    }
    let completed = match (args.completed, args.not_completed) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    if args.during.is_none() && args.morning.is_none() && completed.is_none() && args.note.is_none()
    {
        return Err(Error::usage(
            "--during",
            "nothing to log",
            "give --during N, --morning N, --completed or --not-completed (and --note)",
        ));
    }
    let entry = Entry {
        date,
        exercise: args.exercise.clone(),
        pain_during: args.during,
        pain_next_morning: args.morning,
        completed,
        note: args.note.clone().unwrap_or_default(),
    };
    let existing = if args.file.exists() {
        let text = crate::load::read_text(&args.file).map_err(|d| Error::Invalid(vec![d]))?;
        // Refuse to append to a log that does not parse: the user should fix it first.
        painlog::parse(&text, &args.file.display().to_string()).map_err(Error::Invalid)?;
        text
    } else {
        "# rehabplan pain log: one [[entry]] per session. Pain is 0 (none) to 10 (worst imaginable).\n".to_string()
    };
    let mut text = existing;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&painlog::entry_text(&entry));
    super::write_atomic(&args.file, text.as_bytes())?;
    eprintln!("logged {} in {}", date, args.file.display());
    Ok(0)
}
