//! `rehabplan plan`: check the flags, build the plan, render it, write it.

use crate::cli::{Global, Level as LevelArg, PlanArgs, PlanFormat};
use crate::diag::suggest;
use crate::error::{Error, Result};
use crate::model::EQUIPMENT;
use crate::plan::{self, Level, Options, MAX_WEEKS};
use crate::render;
use chrono::{NaiveDate, Weekday};
use std::collections::BTreeSet;

/// The planning options as given, from flags or from a batch row.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    pub start: Option<&'a str>,
    pub weeks: Option<u32>,
    pub days: Option<&'a str>,
    pub level: Option<Level>,
    pub equipment: Option<&'a str>,
    pub minutes: Option<u32>,
    pub name: Option<&'a str>,
}

/// Check a request into planning options; each bad value is an error naming its flag.
pub fn options(r: &Request, today: NaiveDate) -> Result<Options> {
    let start = match r.start {
        Some(s) => parse_date(s, "--start")?,
        None => today,
    };
    let mut opts = Options::new(start);
    if let Some(w) = r.weeks {
        if w == 0 || w > MAX_WEEKS {
            return Err(Error::usage(
                "--weeks",
                format!("{w} weeks"),
                format!("give a number of weeks from 1 to {MAX_WEEKS}"),
            ));
        }
        opts.weeks = Some(w);
    }
    if let Some(d) = r.days {
        opts.days = Some(parse_days(d)?);
    }
    opts.level = r.level.unwrap_or(Level::Intermediate);
    if let Some(e) = r.equipment {
        opts.equipment = Some(parse_equipment(e)?);
    }
    if let Some(m) = r.minutes {
        if !(5..=240).contains(&m) {
            return Err(Error::usage(
                "--minutes",
                format!("{m} minutes"),
                "give a time budget per session from 5 to 240 minutes",
            ));
        }
        opts.minutes = Some(m);
    }
    if let Some(n) = r.name {
        if n.chars().count() > 200 {
            return Err(Error::usage(
                "--name",
                "the name is longer than 200 characters",
                "shorten it",
            ));
        }
        if !n.trim().is_empty() {
            // Tabs, newlines and runs of spaces become single spaces.
            opts.name = Some(n.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    Ok(opts)
}

pub fn level(l: LevelArg) -> Level {
    match l {
        LevelArg::Beginner => Level::Beginner,
        LevelArg::Intermediate => Level::Intermediate,
        LevelArg::Advanced => Level::Advanced,
    }
}

pub fn execute(global: &Global, args: &PlanArgs) -> Result<u8> {
    let today = super::today();
    let request = Request {
        start: args.start.as_deref(),
        weeks: args.weeks,
        days: args.days.as_deref(),
        level: Some(level(args.level)),
        equipment: args.equipment.as_deref(),
        minutes: args.minutes,
        name: args.name.as_deref(),
    };
    let mut opts = options(&request, today)?;
    let start = opts.start;
    opts.explain = args.explain;
    let format = output_format(args)?;

    // The PDF's fonts are read while the programs load: the two take about as long.
    if format == PlanFormat::Pdf {
        std::thread::spawn(render::pdf::prepare);
    }
    let v = super::catalog(global)?;
    let program = super::find_program(&v, &args.cause)?;
    super::screen::check_for_plan(program, &args.answers, args.cleared_by_clinician)?;
    let template = super::template(&v, args.template.as_deref())?;

    if let Some(log) = &args.log {
        let text = crate::load::read_text(log).map_err(|d| Error::Invalid(vec![d]))?;
        let entries =
            crate::painlog::parse(&text, &log.display().to_string()).map_err(Error::Invalid)?;
        let plan_weeks = opts.weeks.unwrap_or(program.weeks());
        let (map, adjustments) = crate::painlog::week_map(
            &program.pain_rule,
            &entries,
            start,
            plan_weeks,
            program.weeks(),
        );
        for a in &adjustments {
            eprintln!(
                "week {}: {} -> program week {} ({})",
                a.plan_week,
                a.decision.as_str(),
                a.program_week,
                a.reason
            );
        }
        if entries.is_empty() {
            eprintln!("warning: the log has no entries; the plan is unchanged");
        }
        opts.adjust = Some((map, adjustments));
    }
    let mut plan = plan::plan(&v.catalog.library, program, &opts);
    let week = match &args.week {
        None => None,
        Some(w) => Some(select_week(w, start, today, plan.weeks.len() as u32)?),
    };
    // The text view shows one week of the whole plan; the other formats hold just that week.
    if let (Some(n), false) = (week, format == PlanFormat::Text) {
        plan.weeks.retain(|w| w.number == n);
    }

    let bytes = match format {
        PlanFormat::Text => {
            render::text::render(&plan, &template.text, render::text::TextOptions { week })
                .into_bytes()
        }
        PlanFormat::Json => render::json::render(&plan, &template.text),
        PlanFormat::Pdf => super::render_pdf(&plan, &template, args.paper)?,
        PlanFormat::Ics => render::ics::render(&plan, &template.text, super::source_date_epoch()),
    };
    match &args.output {
        Some(path) => {
            super::write_atomic(path, &bytes)?;
            // One write: stderr is unbuffered, and formatting dates piece by piece into it
            // costs a system call per piece.
            let mut note = String::new();
            for w in &plan.warnings {
                note.push_str(&format!("warning: {w}\n"));
            }
            note.push_str(&format!(
                "wrote {} ({} weeks, {} to {})\n",
                path.display(),
                plan.weeks.len(),
                plan.start,
                plan.end
            ));
            eprint!("{note}");
        }
        None => {
            if format == PlanFormat::Pdf {
                return Err(Error::usage(
                    "--format",
                    "a PDF cannot be printed to the terminal",
                    "add -o plan.pdf",
                ));
            }
            if format == PlanFormat::Json {
                for w in &plan.warnings {
                    eprintln!("warning: {w}");
                }
            }
            super::write_stdout(&bytes)?;
        }
    }
    Ok(0)
}

fn output_format(args: &PlanArgs) -> Result<PlanFormat> {
    if let Some(f) = args.format {
        return Ok(f);
    }
    let Some(path) = &args.output else {
        return Ok(PlanFormat::Text);
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => Ok(PlanFormat::Pdf),
        "json" => Ok(PlanFormat::Json),
        "ics" | "ical" => Ok(PlanFormat::Ics),
        "txt" | "text" => Ok(PlanFormat::Text),
        _ => Err(Error::usage(
            "-o",
            format!(
                "cannot tell the format of `{}` from its extension",
                path.display()
            ),
            "name the file .pdf, .json, .ics or .txt, or add --format pdf|json|ics|text",
        )),
    }
}

pub fn parse_date(s: &str, flag: &str) -> Result<NaiveDate> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::usage(
            flag,
            format!("`{s}` is not a date"),
            "write the date as YYYY-MM-DD, e.g. 2026-12-28",
        )
    })?;
    if !(1900..=2200).contains(&chrono::Datelike::year(&d)) {
        return Err(Error::usage(
            flag,
            format!("{d} is outside the years 1900 to 2200"),
            "check the year",
        ));
    }
    Ok(d)
}

pub fn parse_days(s: &str) -> Result<Vec<Weekday>> {
    let mut days = Vec::new();
    for part in s
        .split(',')
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty())
    {
        let d = match part.as_str() {
            "mon" | "monday" | "mo" => Weekday::Mon,
            "tue" | "tuesday" | "tu" | "tues" => Weekday::Tue,
            "wed" | "wednesday" | "we" => Weekday::Wed,
            "thu" | "thursday" | "th" | "thur" | "thurs" => Weekday::Thu,
            "fri" | "friday" | "fr" => Weekday::Fri,
            "sat" | "saturday" | "sa" => Weekday::Sat,
            "sun" | "sunday" | "su" => Weekday::Sun,
            other => {
                return Err(Error::usage(
                    "--days",
                    format!("unknown day `{other}`"),
                    suggest(
                        other,
                        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                        "use mon, tue, wed, thu, fri, sat, sun, separated by commas",
                    ),
                ))
            }
        };
        if days.contains(&d) {
            return Err(Error::usage(
                "--days",
                format!("`{part}` is listed twice"),
                "list each training day once",
            ));
        }
        days.push(d);
    }
    if days.is_empty() {
        return Err(Error::usage(
            "--days",
            "no training days given",
            "e.g. --days mon,wed,fri",
        ));
    }
    Ok(days)
}

pub fn parse_equipment(s: &str) -> Result<BTreeSet<String>> {
    let mut set = BTreeSet::new();
    for part in s
        .split(',')
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty())
    {
        if part == "none" {
            continue;
        }
        if !EQUIPMENT.contains(&part.as_str()) {
            return Err(Error::usage(
                "--equipment",
                format!("unknown equipment `{part}`"),
                suggest(
                    &part,
                    EQUIPMENT,
                    &format!("use none or any of: {}", EQUIPMENT.join(", ")),
                ),
            ));
        }
        set.insert(part);
    }
    Ok(set)
}

fn select_week(w: &str, start: NaiveDate, today: NaiveDate, weeks: u32) -> Result<u32> {
    let n = if w.trim() == "current" {
        let days = (today - start).num_days();
        if days < 0 {
            return Err(Error::usage(
                "--week",
                format!("the plan starts on {start}, after today ({today})"),
                "use --week 1 to see the first week, or a --start date in the past",
            ));
        }
        (days / 7 + 1) as u32
    } else {
        w.trim().parse::<u32>().map_err(|_| {
            Error::usage(
                "--week",
                format!("`{w}` is not a week number"),
                "give a number like 3, or `current`",
            )
        })?
    };
    if n == 0 || n > weeks {
        return Err(Error::usage(
            "--week",
            format!("week {n} is not in this plan"),
            format!("the plan has weeks 1 to {weeks}"),
        ));
    }
    Ok(n)
}
