//! `rehabplan plan`: check the flags (before any file is read), load the programs and the
//! template, screen, replay a pain log, then [`produce`] the plan's bytes and write them.
//! `batch` goes through [`options`] and [`produce`] for each row.

use crate::cli::{Global, Level as LevelArg, PaperArg, PlanArgs, PlanFormat};
use crate::diag::suggest;
use crate::error::{Error, Result};
use crate::model::{Library, Program, EQUIPMENT};
use crate::plan::types::{Plan, Screening};
use crate::plan::{self, Level, Options, MAX_WEEKS};
use crate::render::{self, Format, RenderOptions};
use crate::template::{Paper, Template};
use chrono::{NaiveDate, Weekday};
use std::collections::BTreeSet;
use std::path::Path;

/// The planning options as given, from flags or from a batch row.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    pub start: Option<&'a str>,
    pub weeks: Option<&'a str>,
    pub days: Option<&'a str>,
    pub level: Option<Level>,
    pub equipment: Option<&'a str>,
    pub minutes: Option<&'a str>,
    pub name: Option<&'a str>,
}

/// Check a request into planning options; each bad value is an error naming its flag.
pub fn options(r: &Request, today: NaiveDate) -> Result<Options> {
    let start = match r.start {
        Some(s) => super::parse_date_or_today(s, "--start", today)?,
        None => today,
    };
    let mut opts = Options::new(start);
    if let Some(w) = r.weeks {
        let hint = format!("give a number of weeks from 1 to {MAX_WEEKS}");
        let w = super::whole_number("--weeks", w, &hint)?;
        if w < 1 || w > i64::from(MAX_WEEKS) {
            return Err(Error::usage("--weeks", format!("{w} weeks"), hint));
        }
        opts.weeks = Some(w as u32);
    }
    if let Some(d) = r.days {
        opts.days = Some(parse_days(d)?);
    }
    opts.level = r.level.unwrap_or(Level::Intermediate);
    if let Some(e) = r.equipment {
        opts.equipment = Some(parse_equipment(e)?);
    }
    if let Some(m) = r.minutes {
        let hint = "give a time budget per session from 5 to 240 minutes";
        let m = super::whole_number("--minutes", m, hint)?;
        if !(5..=240).contains(&m) {
            return Err(Error::usage("--minutes", format!("{m} minutes"), hint));
        }
        opts.minutes = Some(m as u32);
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

/// A request checked into what planning and rendering need, before any file is read.
#[derive(Debug, Clone)]
pub struct Job {
    pub opts: Options,
    pub screening: Screening,
    pub render: RenderOptions,
}

/// The one path from a checked request to output, for `plan` and for each `batch` row: the
/// plan of `program` in the template's words, and its bytes in each of `formats`.
pub fn produce(
    library: &Library,
    program: &Program,
    template: &Template,
    job: &Job,
    formats: &[Format],
) -> Result<(Plan, Vec<Vec<u8>>)> {
    let mut opts = job.opts.clone();
    opts.run_words = plan::RunWords::from_wording(&template.text);
    let mut plan = plan::plan(library, program, &opts);
    plan.screening = job.screening;
    let bytes = formats
        .iter()
        .map(|f| {
            render::render(&plan, template, *f, &job.render)
                .map_err(|e| Error::Render(e.to_string()))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((plan, bytes))
}

/// The paper asked for with `--paper`.
pub fn paper(p: PaperArg) -> Paper {
    match p {
        PaperArg::A4 => Paper::A4,
        PaperArg::Letter => Paper::Letter,
    }
}

/// Where `plan` writes: `None` is standard output.
fn output_path(args: &PlanArgs) -> Option<&Path> {
    args.output.as_deref().filter(|p| p.as_os_str() != "-")
}

/// Everything `plan` can check from its flags alone: the output (never one of the inputs, a
/// PDF never to the terminal), the format, the planning options and the creation time.
fn check(global: &Global, args: &PlanArgs, today: NaiveDate) -> Result<(Job, Format)> {
    if let Some(out) = &args.output {
        // Never write the plan over a file this command reads.
        let mut inputs: Vec<(&str, &Path)> = Vec::new();
        if let Some(log) = &args.log {
            inputs.push(("--log", log));
        }
        if let Some(answers) = &args.answers.answers {
            inputs.push(("--answers", answers));
        }
        if let Some(t) = &args.template {
            inputs.push(("--template", Path::new(t)));
        }
        super::refuse_input_as_output(out, &inputs)?;
        if let Some(dir) = &global.programs {
            refuse_output_in_programs(out, dir)?;
        }
    }
    let request = Request {
        start: args.start.as_deref(),
        weeks: args.weeks.as_deref(),
        days: args.days.as_deref(),
        level: Some(level(args.level)),
        equipment: args.equipment.as_deref(),
        minutes: args.minutes.as_deref(),
        name: args.name.as_deref(),
    };
    let mut opts = options(&request, today)?;
    opts.explain = args.explain;
    let format = output_format(args)?;
    if format == Format::Pdf && args.output.is_none() {
        return Err(Error::usage(
            "--format",
            "a PDF cannot be printed to the terminal",
            "add -o plan.pdf, or -o - to write it to standard output",
        ));
    }
    let created = match format {
        Format::Pdf | Format::Ics => super::created()?,
        Format::Text | Format::Json => 0,
    };
    let render = RenderOptions {
        week: None,
        width: if output_path(args).is_none() {
            super::terminal_width()
        } else {
            80
        },
        paper: args.paper.map(paper),
        created,
    };
    let job = Job {
        opts,
        screening: Screening::NotScreened,
        render,
    };
    Ok((job, format))
}

pub fn execute(global: &Global, args: &PlanArgs) -> Result<u8> {
    let today = super::today();
    let (mut job, format) = check(global, args, today)?;
    // The PDF's fonts are read while the programs load: the two take about as long.
    if format == Format::Pdf {
        std::thread::spawn(render::pdf::prepare);
    }
    let prepared = super::lang::prepare(global, args.template.as_deref(), args.lang.as_deref())?;
    let (v, template) = (&prepared.v, &prepared.template);
    let program = super::find_program(v, &args.cause)?;
    let start = job.opts.start;
    let plan_weeks = job
        .opts
        .weeks
        .unwrap_or(program.weeks())
        .clamp(1, MAX_WEEKS);
    job.render.week = match &args.week {
        None => None,
        Some(w) => Some(select_week(w, start, today, plan_weeks)?),
    };
    job.screening =
        super::screen::check_for_plan(program, &args.answers, args.cleared_by_clinician)?;
    if let Some(log) = &args.log {
        job.opts.adjust = Some(adjust_from_log(log, v, program, &job.opts, args)?);
        // The progress checks' results recorded in the same log.
        let text = crate::load::read_text(log).map_err(|d| Error::Invalid(vec![d]))?;
        job.opts.check_results = crate::painlog::parse_checks(&text, &log.display().to_string())
            .map_err(Error::Invalid)?;
    }
    let (plan, mut bytes) = produce(&v.catalog.library, program, template, &job, &[format])?;
    let bytes = bytes.pop().expect("one format asked, one output");
    if let Some(w) = prepared
        .overlay
        .as_ref()
        .and_then(|o| super::lang::fallback_warning(o, &plan, program, global.programs.as_deref()))
    {
        eprintln!("warning: {w}");
    }
    match output_path(args) {
        Some(path) => {
            super::write_output(path, &bytes)?;
            // One write: stderr is unbuffered, and formatting dates piece by piece into it
            // costs a system call per piece.
            let mut note = String::new();
            for w in &plan.warnings {
                note.push_str(&format!("warning: {w}\n"));
            }
            if !global.quiet {
                note.push_str(&format!(
                    "wrote {} ({} weeks, {} to {})\n",
                    path.display(),
                    plan.weeks.len(),
                    plan.start,
                    plan.end
                ));
            }
            eprint!("{note}");
        }
        None => {
            if format != Format::Text {
                for w in &plan.warnings {
                    eprintln!("warning: {w}");
                }
            }
            super::write_stdout(&bytes)?;
        }
    }
    Ok(0)
}

/// `adjust`: reads the pain log and replays it into program weeks, with its warnings; stops
/// with the red-flag exit when the log calls for a clinician (unless one cleared the plan).
fn adjust_from_log(
    log: &Path,
    v: &crate::validate::Validated,
    program: &Program,
    opts: &Options,
    args: &PlanArgs,
) -> Result<(Vec<u32>, Vec<crate::painlog::Adjustment>)> {
    let start = opts.start;
    let text = crate::load::read_text(log).map_err(|d| Error::Invalid(vec![d]))?;
    let entries =
        crate::painlog::parse(&text, &log.display().to_string()).map_err(Error::Invalid)?;
    let plan_weeks = opts.weeks.unwrap_or(program.weeks());
    let (logged, outside) = crate::painlog::logged_weeks(&entries, start, plan_weeks);
    let end = start + chrono::Duration::days(7 * i64::from(plan_weeks) - 1);
    for d in &outside {
        eprintln!(
            "warning: {}: the entry of {d} is outside the plan ({start} to {end}) and was not used",
            log.display()
        );
    }
    let known = super::log::program_exercise_ids(&v.catalog.library, program);
    for e in &entries {
        if let Some(x) = e
            .exercise
            .as_deref()
            .filter(|x| !known.iter().any(|k| k == x))
        {
            eprintln!(
                "warning: {}: the entry of {} is for `{x}`, which is not an exercise of the {} program; its scores still count",
                log.display(),
                e.date,
                program.id
            );
        }
    }
    if let Some(reason) = crate::painlog::escalation(&program.pain_rule, &logged) {
        if args.cleared_by_clinician {
            eprintln!("warning: {reason}; planning anyway because a clinician reviewed the plan (--cleared-by-clinician)");
        } else {
            return Err(Error::RedFlag(escalation_message(&reason)));
        }
    }
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
    Ok((map, adjustments))
}

/// A `.toml` output inside the --programs folder would be read back as a program file.
fn refuse_output_in_programs(out: &std::path::Path, dir: &std::path::Path) -> Result<()> {
    let is_toml = out.extension().is_some_and(|e| e == "toml");
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    if let (true, Ok(parent), Ok(dir)) = (
        is_toml,
        std::fs::canonicalize(parent),
        std::fs::canonicalize(dir),
    ) {
        if parent.starts_with(&dir) {
            return Err(Error::usage(
                "-o",
                format!(
                    "{} is in the --programs folder {}; it would be read as one of its files",
                    out.display(),
                    dir.display()
                ),
                "write the output somewhere else",
            ));
        }
    }
    Ok(())
}

fn output_format(args: &PlanArgs) -> Result<Format> {
    if let Some(f) = args.format {
        return Ok(match f {
            PlanFormat::Text => Format::Text,
            PlanFormat::Json => Format::Json,
            PlanFormat::Pdf => Format::Pdf,
            PlanFormat::Ics => Format::Ics,
        });
    }
    let Some(path) = args.output.as_ref().filter(|p| p.as_os_str() != "-") else {
        return Ok(Format::Text);
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => Ok(Format::Pdf),
        "json" => Ok(Format::Json),
        "ics" | "ical" => Ok(Format::Ics),
        "txt" | "text" => Ok(Format::Text),
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
        let n = w.trim().parse::<i64>().map_err(|_| {
            Error::usage(
                "--week",
                format!("`{w}` is not a week number"),
                format!("give a week from 1 to {weeks}, or `current`"),
            )
        })?;
        if n < 1 || n > i64::from(weeks) {
            return Err(Error::usage(
                "--week",
                format!("week {n} is not in this plan"),
                format!("the plan has weeks 1 to {weeks}"),
            ));
        }
        n as u32
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

/// What `adjust` says when the pain log needs a clinician rather than another step back.
pub fn escalation_message(reason: &str) -> String {
    format!(
        "SEE YOUR CLINICIAN BEFORE GOING ON: the pain log shows that the exercises are not settling the pain.\n\
         Reason: {reason}.\n\
         Stepping back again on your own is not enough: ask your doctor or physiotherapist to examine the leg and to review the plan. Get help sooner if a warning sign appears.\n\
         (A clinician who has reviewed the plan can go on with --cleared-by-clinician.)"
    )
}
