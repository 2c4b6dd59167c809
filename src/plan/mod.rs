//! The planner: a pure function of (exercise library, program, options) to a dated [`Plan`].
//!
//! It reads no clock and no files: the start date comes in with the options. Invariants that
//! the property tests check:
//! - a training session falls only on a chosen training day, inside the plan's dates;
//! - an exercise contraindicated for the program's cause is never scheduled, even as a
//!   substitute;
//! - within a slot the dose never falls from one week to the next unless the program says so;
//! - with `--equipment`, no scheduled exercise needs equipment the user does not have.
//! - no exercise is twice in a session, and a level or equipment stand-in is never beside
//!   one of its easier or harder variants;
//! - a stand-in never carries the note written for the exercise it replaces;
//! - a beginner never gets an exercise harder than the program's own;
//! - a session runs warm-up (aerobic work), strength work grouped by position, then the
//!   stretches; a held stretch has no rest between sets.

pub mod checks;
pub mod ladder;
pub mod types;

use crate::model::{Dose, DoseKind, Exercise, Frequency, Library, Program};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeSet;
use types::{
    CauseRef, ClinicianNote, ExerciseInfo, Item, Plan, ProgramInfo, Session, SessionKind, Week,
};

/// Longest plan, in weeks.
pub const MAX_WEEKS: u32 = 104;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Beginner => "beginner",
            Level::Intermediate => "intermediate",
            Level::Advanced => "advanced",
        }
    }
}

/// Checked planning options (the command layer builds them from the flags).
#[derive(Debug, Clone)]
pub struct Options {
    pub start: NaiveDate,
    /// `None`: the program's own length.
    pub weeks: Option<u32>,
    /// `None`: the program's sessions spread over the week.
    pub days: Option<Vec<Weekday>>,
    pub level: Level,
    /// `None`: all equipment is available.
    pub equipment: Option<BTreeSet<String>>,
    pub minutes: Option<u32>,
    pub name: Option<String>,
    pub explain: bool,
    /// From a pain log (`adjust`): the program week each plan week uses, and why it changed.
    pub adjust: Option<(Vec<u32>, Vec<crate::painlog::Adjustment>)>,
    /// The words of a walk-run day (the template's; English by default).
    pub run_words: RunWords,
    /// Progress-check results from the pain log (`log --check`), given to the check day
    /// nearest each date.
    pub check_results: Vec<crate::painlog::LoggedCheck>,
}

/// The words the planner writes for what a walk-run stage is, from the template
/// (`run_intervals`, `run_continuous`), so that a German plan says "2 min gehen / 3 min laufen".
#[derive(Debug, Clone, PartialEq)]
pub struct RunWords {
    /// {walk}, {run}.
    pub intervals: String,
    pub continuous: String,
}

impl Default for RunWords {
    fn default() -> Self {
        RunWords {
            intervals: "walk {walk} / run {run}, repeated".into(),
            continuous: "run continuously".into(),
        }
    }
}

impl RunWords {
    /// The template's words.
    pub fn from_wording(w: &crate::template::Wording) -> Self {
        RunWords {
            intervals: w.run_intervals.clone(),
            continuous: w.run_continuous.clone(),
        }
    }
}

impl Options {
    pub fn new(start: NaiveDate) -> Self {
        Options {
            start,
            weeks: None,
            days: None,
            level: Level::Intermediate,
            equipment: None,
            minutes: None,
            name: None,
            explain: false,
            adjust: None,
            run_words: RunWords::default(),
            check_results: Vec::new(),
        }
    }
}

/// Training days for `n` sessions a week, spread evenly.
pub fn default_days(n: u32) -> Vec<Weekday> {
    use Weekday::*;
    match n {
        0 | 1 => vec![Wed],
        2 => vec![Mon, Thu],
        3 => vec![Mon, Wed, Fri],
        4 => vec![Mon, Tue, Thu, Fri],
        5 => vec![Mon, Tue, Wed, Thu, Fri],
        6 => vec![Mon, Tue, Wed, Thu, Fri, Sat],
        _ => vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun],
    }
}

/// `k` of the `dates`, spread evenly (first and last kept).
fn spread<T: Copy>(dates: &[T], k: usize) -> Vec<T> {
    if k >= dates.len() {
        return dates.to_vec();
    }
    if k == 1 {
        return vec![dates[0]];
    }
    let n = dates.len() - 1;
    (0..k)
        .map(|i| dates[(i * n + (k - 1) / 2) / (k - 1)])
        .collect()
}

/// Build the plan.
pub fn plan(library: &Library, program: &Program, opts: &Options) -> Plan {
    let program_weeks = program.weeks().max(1);
    let total_weeks = opts.weeks.unwrap_or(program_weeks).clamp(1, MAX_WEEKS);
    let max_sessions = program
        .phases
        .iter()
        .map(|p| p.sessions_per_week)
        .max()
        .unwrap_or(3);
    let mut days = opts
        .days
        .clone()
        .unwrap_or_else(|| default_days(max_sessions));
    days.sort_by_key(|d| d.num_days_from_monday());
    days.dedup();

    let mut warnings: Vec<String> = Vec::new();
    let warn = |w: String, warnings: &mut Vec<String>| {
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    };
    let mut weeks = Vec::new();
    let mut used: Vec<String> = Vec::new();

    for w in 1..=total_weeks {
        let maintenance = w > program_weeks;
        let pw = match &opts.adjust {
            Some((map, _)) => map
                .get(w as usize - 1)
                .copied()
                .unwrap_or(program_weeks)
                .clamp(1, program_weeks),
            None => w.min(program_weeks),
        };
        let adjustment = opts
            .adjust
            .as_ref()
            .and_then(|(_, adj)| adj.iter().find(|a| a.plan_week == w))
            .map(|a| {
                format!(
                    "{}: {} (program week {})",
                    a.decision.as_str(),
                    a.reason,
                    a.program_week
                )
            });
        let phase = program.phase_for_week(pw);
        let idx = (pw - phase.first_week) as usize;
        let week_start = opts.start + Duration::days(7 * (w as i64 - 1));
        let week_end = week_start + Duration::days(6);
        let dates: Vec<NaiveDate> = (0..7).map(|i| week_start + Duration::days(i)).collect();
        let training: Vec<NaiveDate> = dates
            .iter()
            .copied()
            .filter(|d| days.contains(&d.weekday()))
            .collect();
        let sessions_wanted = phase.sessions_per_week as usize;
        if training.len() < sessions_wanted && opts.days.is_some() {
            warn(
                format!(
                    "phase {} ({}) asks for {} sessions a week; you chose {} training day{}",
                    phase.number,
                    phase.name,
                    sessions_wanted,
                    days.len(),
                    if days.len() == 1 { "" } else { "s" }
                ),
                &mut warnings,
            );
        }
        let session_dates = spread(&training, sessions_wanted);

        let mut sessions = Vec::new();
        for date in dates {
            let is_training = session_dates.contains(&date);
            let day_index = (date - opts.start).num_days();
            // The slots due today, and the exercise each was written for.
            let due: Vec<(&crate::model::Slot, &Dose)> = phase
                .slots
                .iter()
                .filter(|slot| match slot.frequency {
                    Frequency::Session => is_training,
                    Frequency::Daily | Frequency::TimesADay(_) => true,
                    Frequency::EveryDays(n) => day_index.rem_euclid(n as i64) == 0,
                })
                .map(|slot| (slot, &slot.weeks[idx.min(slot.weeks.len() - 1)]))
                .collect();
            let originals: Vec<&str> = due.iter().map(|(_, d)| d.exercise.as_str()).collect();
            // The exercises chosen so far today.
            let mut taken: Vec<String> = Vec::new();
            let mut items = Vec::new();
            for (k, (slot, dose)) in due.iter().enumerate() {
                if originals[..k].contains(&dose.exercise.as_str()) {
                    warn(
                        format!(
                            "{} is in phase {} twice on the same day; it is done once",
                            library
                                .get(&dose.exercise)
                                .map_or(dose.exercise.as_str(), |e| e.name.as_str()),
                            phase.number
                        ),
                        &mut warnings,
                    );
                    continue;
                }
                // A stand-in is never an exercise of today's session, nor an easier or harder
                // variant of one: the program's own exercises and those chosen so far.
                let conflict = |v: &Exercise| {
                    originals
                        .iter()
                        .copied()
                        .chain(taken.iter().map(String::as_str))
                        .filter(|y| *y != dose.exercise)
                        .any(|y| v.id == y || related(library, v, y))
                };
                let Some((ex, mut why)) = choose(
                    library,
                    program,
                    opts,
                    &dose.exercise,
                    &conflict,
                    &mut |m| warn(m, &mut warnings),
                ) else {
                    continue;
                };
                taken.push(ex.id.clone());
                // A note belongs to the exercise and dose it was written for: a stand-in
                // never inherits it.
                let written = dose.note.clone().unwrap_or_else(|| slot.note.clone());
                let note = if ex.id == dose.exercise {
                    written
                } else {
                    if !written.is_empty() {
                        why.push(format!(
                            "the note written for {} is left out",
                            library
                                .get(&dose.exercise)
                                .map_or(dose.exercise.as_str(), |e| e.name.as_str())
                        ));
                    }
                    String::new()
                };
                // A stand-in with other equipment does not inherit the load ("light band").
                let same_kit = library
                    .get(&dose.exercise)
                    .is_none_or(|o| o.equipment == ex.equipment);
                let mut item = item(ex, dose, program, note);
                if !same_kit {
                    item.load = None;
                }
                item.slot = (phase.number, slot.index);
                item.times_a_day = slot.frequency.per_day();
                if opts.explain {
                    let mut e = vec![format!(
                        "phase {} \"{}\", slot {}, program week {}{}; dose: {}{}",
                        phase.number,
                        phase.name,
                        slot.index,
                        pw,
                        if maintenance {
                            " (maintenance: the last week repeats)"
                        } else {
                            ""
                        },
                        slot.how,
                        slot.source
                            .as_ref()
                            .map(|s| format!(" (source: {s})"))
                            .unwrap_or_default()
                    )];
                    e.append(&mut why);
                    item.explain = e;
                }
                items.push((slot.priority, item));
            }
            // Runs are not dated: the walk-run ladder is gated on its entry criteria (`runs`).
            let kind = if is_training {
                SessionKind::Training
            } else {
                SessionKind::Daily
            };
            if items.is_empty() {
                continue;
            }
            let (mut kept, left_out) = fit(items, opts.minutes);
            session_order(&mut kept);
            if !left_out.is_empty() {
                warn(
                    format!(
                        "to fit {} minutes, left out: {}",
                        opts.minutes.unwrap_or(0),
                        left_out.join(", ")
                    ),
                    &mut warnings,
                );
            }
            for it in &kept {
                if it.id != RUN_ID && !used.contains(&it.id) {
                    used.push(it.id.clone());
                }
            }
            let minutes = round_half(kept.iter().map(|i| i.minutes).sum());
            sessions.push(Session {
                date,
                weekday: types::weekday_id(date.weekday()).to_string(),
                kind,
                exercises: kept,
                minutes,
                left_out,
            });
        }
        weeks.push(Week {
            number: w,
            program_week: pw,
            adjustment: adjustment.unwrap_or_default(),
            phase: phase.name.clone(),
            phase_number: phase.number,
            maintenance,
            start: week_start,
            end: week_end,
            goals: phase.goals.clone(),
            progress_when: phase.progress_when.clone(),
            sessions,
        });
    }
    if total_weeks > program_weeks {
        let extra = if total_weeks == program_weeks + 1 {
            format!("week {total_weeks} repeats")
        } else {
            format!("weeks {}-{total_weeks} repeat", program_weeks + 1)
        };
        warnings.push(format!(
            "the program has {program_weeks} weeks; {extra} its last week as maintenance"
        ));
    }

    let exercises = used
        .iter()
        .filter_map(|id| library.get(id))
        .map(|e| ExerciseInfo {
            id: e.id.clone(),
            name: e.name.clone(),
            category: e.category,
            position: e.position,
            equipment: e.equipment.clone(),
            muscles: e.muscles.clone(),
            instructions: e.instructions.clone(),
            cues: e.cues.clone(),
            mistakes: e.mistakes.clone(),
            easier: names(library, &e.easier, program),
            harder: names(library, &e.harder, program),
            source: e.source.clone(),
            license: e.license.clone(),
            figure: e.figure.clone(),
        })
        .collect();

    let phases_used: BTreeSet<usize> = weeks.iter().map(|w: &Week| w.phase_number).collect();
    let clinician_notes = clinician_notes(library, program, &phases_used);
    let end = opts.start + Duration::days(7 * total_weeks as i64 - 1);
    let check_points = if program.checks.is_empty() {
        Vec::new()
    } else {
        checks::points(&weeks, &program.checks, &opts.check_results)
    };
    Plan {
        patient: opts.name.clone().filter(|n| !n.trim().is_empty()),
        cause: CauseRef {
            id: program.id.clone(),
            title: program.title.clone(),
        },
        program: ProgramInfo {
            id: program.id.clone(),
            title: program.title.clone(),
            summary: program.summary.clone(),
            description: program.description.clone(),
            location_note: program.location_note.clone(),
            evidence: program.evidence,
            evidence_note: program.evidence_note.clone(),
            red_flags: program.red_flags.clone(),
            general_red_flags: program.general_red_flags,
            pain_rule: program.pain_rule.clone(),
            references: program.references.clone(),
            weeks: program_weeks,
            return_to_run: program.return_to_run.clone(),
            clinician_notes,
            checks: program.checks.clone(),
        },
        start: opts.start,
        end,
        training_days: days,
        level: opts.level.as_str().to_string(),
        weeks,
        warnings,
        exercises,
        screening: Default::default(),
        // The ladder is offered once the plan reaches the week its checklist may be tried.
        runs: program
            .return_to_run
            .as_ref()
            .filter(|r| r.start_week <= total_weeks)
            .map(|r| ladder::runs(r, &opts.run_words))
            .unwrap_or_default(),
        checks: check_points,
    }
}

/// The clinician-only texts of the program, in program order: the program's rationale and
/// evidence note, the pain rule's, then each phase the plan uses with its slots and schedule
/// steps, then the walk-run ladder's. A text given more than once appears once, with
/// everything it is about.
fn clinician_notes(
    library: &Library,
    program: &Program,
    phases_used: &BTreeSet<usize>,
) -> Vec<ClinicianNote> {
    let mut notes: Vec<ClinicianNote> = Vec::new();
    let mut add = |about: String, text: &str| {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match notes.iter_mut().find(|n| n.text == text) {
            Some(n) => {
                // "Phase 1 (weeks 1-4), A" then "Phase 1 (weeks 1-4), B" give
                // "Phase 1 (weeks 1-4), A, B"; anything else is added after "; ".
                let last = n.about.rsplit("; ").next().unwrap_or("");
                match (last.split_once(", "), about.split_once(", ")) {
                    (Some((l1, _)), Some((l2, rest))) if l1 == l2 => {
                        if !last.contains(rest) {
                            n.about.push_str(", ");
                            n.about.push_str(rest);
                        }
                    }
                    _ if n.about.split("; ").any(|a| a == about) => {}
                    _ => {
                        n.about.push_str("; ");
                        n.about.push_str(&about);
                    }
                }
            }
            None => notes.push(ClinicianNote {
                about,
                text: text.to_string(),
            }),
        }
    };
    let name = |id: &str| library.get(id).map_or(id, |e| e.name.as_str()).to_string();
    add("Program".into(), &program.rationale);
    add("Evidence".into(), &program.evidence_note);
    add("Pain rule".into(), &program.pain_rule.rationale);
    for f in &program.red_flags {
        add(format!("Red flag: {}", f.sign), &f.rationale);
    }
    for phase in program
        .phases
        .iter()
        .filter(|p| phases_used.contains(&p.number))
    {
        let weeks = if phase.first_week == phase.last_week {
            format!("week {}", phase.first_week)
        } else {
            format!("weeks {}-{}", phase.first_week, phase.last_week)
        };
        let label = format!("Phase {} ({weeks})", phase.number);
        add(label.clone(), &phase.rationale);
        for slot in &phase.slots {
            let Some(first) = slot.weeks.first() else {
                continue;
            };
            add(
                format!("{label}, {}", name(&first.exercise)),
                &slot.rationale,
            );
            for step in &slot.step_rationales {
                let i = step.week.saturating_sub(phase.first_week) as usize;
                let ex = slot.weeks.get(i).map_or(&first.exercise, |d| &d.exercise);
                add(
                    format!("{label}, week {}, {}", step.week, name(ex)),
                    &step.text,
                );
            }
        }
    }
    if let Some(r) = &program.return_to_run {
        add("Return to running".into(), &r.rationale);
    }
    for c in &program.checks {
        add(format!("Progress check: {}", c.name), &c.rationale);
    }
    notes
}

/// The id of walk-run items (they are not library exercises).
pub const RUN_ID: &str = "walk-run";

/// Variant names for the appendix, leaving out those contraindicated for this cause.
fn names(library: &Library, ids: &[String], program: &Program) -> Vec<String> {
    ids.iter()
        .filter_map(|id| library.get(id))
        .filter(|e| !e.is_contraindicated_for(&program.causes))
        .map(|e| e.name.clone())
        .collect()
}

fn usable(e: &Exercise, program: &Program, opts: &Options) -> bool {
    !e.is_contraindicated_for(&program.causes) && has_equipment(e, opts)
}

fn has_equipment(e: &Exercise, opts: &Options) -> bool {
    match &opts.equipment {
        None => true,
        Some(have) => e.equipment.iter().all(|q| have.contains(q)),
    }
}

/// True when `a` and the exercise `b` are variants of each other: one lists the other as
/// easier or harder.
fn related(library: &Library, a: &Exercise, b: &str) -> bool {
    a.easier.iter().chain(&a.harder).any(|v| v == b)
        || library
            .get(b)
            .is_some_and(|b| b.easier.iter().chain(&b.harder).any(|v| *v == a.id))
}

/// The exercise to schedule for a slot's exercise id, after the level and equipment choices,
/// with the reasons. `None`: dropped (a warning says why). A stand-in is never one for which
/// `conflict` is true (an exercise of the same session or a variant of one), and a beginner's
/// stand-in is never harder than the program's exercise.
fn choose<'a>(
    library: &'a Library,
    program: &Program,
    opts: &Options,
    id: &str,
    conflict: &dyn Fn(&Exercise) -> bool,
    warn: &mut dyn FnMut(String),
) -> Option<(&'a Exercise, Vec<String>)> {
    let mut why = Vec::new();
    let mut ex = library.get(id)?;
    if ex.is_contraindicated_for(&program.causes) {
        // Validation refuses this; never schedule it even if a caller skipped validation.
        warn(format!(
            "left out {}: contraindicated for {}",
            ex.name, program.id
        ));
        return None;
    }
    let variants = match opts.level {
        Level::Beginner => &ex.easier,
        Level::Advanced => &ex.harder,
        Level::Intermediate => &Vec::new() as &Vec<String>,
    };
    // A level variant is never one that carries a caution for this cause.
    if let Some(v) = variants.iter().filter_map(|v| library.get(v)).find(|v| {
        usable(v, program, opts)
            && v.dose == ex.dose
            && !v.is_cautioned_for(&program.causes)
            && !conflict(v)
    }) {
        why.push(format!(
            "{} level: {} instead of {}",
            opts.level.as_str(),
            v.name,
            ex.name
        ));
        ex = v;
    }
    if has_equipment(ex, opts) {
        return Some((ex, why));
    }
    let missing: Vec<&str> = ex
        .equipment
        .iter()
        .filter(|q| !opts.equipment.as_ref().is_some_and(|h| h.contains(*q)))
        .map(String::as_str)
        .collect();
    match substitute(library, program, opts, ex, conflict) {
        Some(s) => {
            why.push(format!(
                "{} needs {}, which you do not have: {} instead",
                ex.name,
                missing.join(" and "),
                s.name
            ));
            Some((s, why))
        }
        None => {
            let easier = if opts.level == Level::Beginner {
                "easier "
            } else {
                ""
            };
            if substitute(library, program, opts, ex, &|_| false).is_some() {
                warn(format!(
                    "left out {}: it needs {}, and each {easier}safe variant without it is in the same session already or is a variant of an exercise in it",
                    ex.name,
                    missing.join(" and ")
                ));
            } else {
                warn(format!(
                    "left out {}: it needs {} and no {easier}safe variant without it exists in the same category",
                    ex.name,
                    missing.join(" and ")
                ));
            }
            None
        }
    }
}

/// A stand-in without the missing equipment: the nearest of the exercise's own variants
/// (easier, then harder, breadth first; for a beginner easier ones only) of the same category
/// and dose kind, for which `conflict` is false. An unrelated exercise is never brought in:
/// without a variant, the exercise is dropped with a warning.
fn substitute<'a>(
    library: &'a Library,
    program: &Program,
    opts: &Options,
    ex: &Exercise,
    conflict: &dyn Fn(&Exercise) -> bool,
) -> Option<&'a Exercise> {
    // A beginner never gets a harder variant than the program's own exercise.
    let next = |e: &Exercise| -> Vec<String> {
        if opts.level == Level::Beginner {
            e.easier.clone()
        } else {
            e.easier.iter().chain(&e.harder).cloned().collect()
        }
    };
    let mut seen = BTreeSet::from([ex.id.clone()]);
    let mut queue: Vec<String> = next(ex);
    let mut i = 0;
    while i < queue.len() {
        let id = queue[i].clone();
        i += 1;
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(v) = library.get(&id) else { continue };
        if v.category == ex.category
            && v.dose == ex.dose
            && usable(v, program, opts)
            && (!v.is_cautioned_for(&program.causes) || ex.is_cautioned_for(&program.causes))
            && !conflict(v)
        {
            return Some(v);
        }
        queue.extend(next(v));
    }
    None
}

fn item(ex: &Exercise, dose: &Dose, program: &Program, note: String) -> Item {
    let mut it = Item {
        slot: (0, 0),
        id: ex.id.clone(),
        name: ex.name.clone(),
        category: ex.category,
        position: ex.position,
        equipment: ex.equipment.clone(),
        sets: dose.sets,
        reps: dose.reps,
        hold_seconds: None,
        time_seconds: None,
        distance_m: None,
        per_side: ex.per_side,
        load: dose.load.clone(),
        tempo: dose.tempo.clone(),
        rest_seconds: dose.rest,
        times_a_day: 1,
        minutes: 0.0,
        note,
        caution: if ex.is_cautioned_for(&program.causes) {
            ex.caution_note.clone()
        } else {
            String::new()
        },
        explain: Vec::new(),
    };
    match ex.dose {
        DoseKind::Reps => {}
        DoseKind::Hold => {
            it.hold_seconds = dose.hold;
            // A held stretch needs no rest between its sets (the other side, or the next
            // hold, follows).
            if ex.category == crate::model::Category::Flexibility {
                it.rest_seconds = 0;
            }
        }
        DoseKind::Time => {
            it.time_seconds = dose.time;
            it.reps = None;
        }
        DoseKind::Distance => {
            it.distance_m = dose.distance;
            it.reps = None;
        }
    }
    it.minutes = estimate_minutes(&it);
    it
}

/// Seconds per repetition from the tempo (down, pause, up and hold added up), else 4.
fn rep_seconds(tempo: Option<&str>) -> f64 {
    tempo
        .and_then(|t| crate::model::Tempo::parse(t).ok())
        .map(|t| t.seconds() as f64)
        .unwrap_or(4.0)
}

/// Estimated minutes for an item: work time for every set (both sides when per side), the rest
/// between sets, and half a minute to set up.
pub fn estimate_minutes(it: &Item) -> f64 {
    let sides = if it.per_side { 2.0 } else { 1.0 };
    let per_set = if let Some(h) = it.hold_seconds {
        it.reps.unwrap_or(1) as f64 * (h as f64 + 3.0)
    } else if let Some(t) = it.time_seconds {
        t as f64
    } else if let Some(d) = it.distance_m {
        d as f64 / 1.4
    } else {
        it.reps.unwrap_or(0) as f64 * rep_seconds(it.tempo.as_deref())
    };
    let rest = it.sets.saturating_sub(1) as f64 * it.rest_seconds as f64;
    round_half((it.sets as f64 * per_set * sides + rest + 30.0) / 60.0)
}

fn round_half(m: f64) -> f64 {
    (m * 2.0).round() / 2.0
}

/// Fit a session to the time budget: take items by priority (1 first, then program order),
/// keeping each one that still fits, so the session uses the time it is given; the first
/// item is always kept. Aerobic work (walking, cycling, walk-runs) counts as priority 1: it
/// is the warm-up the strength work needs, and for knee osteoarthritis a core part of the
/// care. Returns (kept in program order, left-out names).
fn fit(items: Vec<(u8, Item)>, budget: Option<u32>) -> (Vec<Item>, Vec<String>) {
    let Some(budget) = budget else {
        return (items.into_iter().map(|(_, i)| i).collect(), Vec::new());
    };
    let priority = |(p, it): &(u8, Item)| {
        if it.category == crate::model::Category::Cardio {
            1
        } else {
            *p
        }
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (priority(&items[i]), i));
    let mut keep = vec![false; items.len()];
    let mut total = 0.0;
    for (n, &i) in order.iter().enumerate() {
        let m = items[i].1.minutes;
        if n == 0 || total + m <= budget as f64 {
            keep[i] = true;
            total += m;
        }
    }
    let mut kept = Vec::new();
    let mut left = Vec::new();
    for (i, (_, it)) in items.into_iter().enumerate() {
        if keep[i] {
            kept.push(it);
        } else {
            left.push(it.name);
        }
    }
    (kept, left)
}

/// The order of a session: the warm-up (aerobic work) first, then the strength work grouped by
/// position (standing, sitting, lying...: the positions in the order the program first uses
/// them, so the patient does not get up and down), then the stretches (flexibility work) last.
/// Program order is kept within a group.
fn session_order(items: &mut [Item]) {
    use crate::model::Category;
    let part = |it: &Item| match it.category {
        Category::Cardio => 0,
        Category::Flexibility => 2,
        _ => 1,
    };
    let mut positions: Vec<(u8, crate::model::Position)> = Vec::new();
    for it in items.iter() {
        if !positions.contains(&(part(it), it.position)) {
            positions.push((part(it), it.position));
        }
    }
    let group = |it: &Item| {
        let p = part(it);
        (
            p,
            positions
                .iter()
                .position(|g| *g == (p, it.position))
                .unwrap_or(0),
        )
    };
    items.sort_by_key(group); // stable: program order within a group
}

#[cfg(test)]
mod proptests;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday::*;

    #[test]
    fn spread_keeps_first_and_last() {
        assert_eq!(spread(&[Mon, Wed, Fri], 2), vec![Mon, Fri]);
        assert_eq!(spread(&[Mon, Tue, Wed, Thu, Fri], 3), vec![Mon, Wed, Fri]);
        assert_eq!(spread(&[Mon, Wed], 3), vec![Mon, Wed]);
        assert_eq!(spread(&[Mon, Wed, Fri], 1), vec![Mon]);
    }

    /// The clinician-only texts come in program order, each once, with everything they are about.
    #[test]
    fn clinician_notes_in_program_order_each_text_once() {
        let v = crate::validate::check(
            crate::load::parse_all(crate::load::builtin_sources()),
            false,
        );
        let c = &v.catalog;
        let itbs = c.find_program("itbs").unwrap();
        let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        let p = plan(&c.library, itbs, &Options::new(start));
        let about: Vec<&str> = p
            .program
            .clinician_notes
            .iter()
            .map(|n| n.about.as_str())
            .collect();
        assert_eq!(
            about,
            [
                "Program",
                "Pain rule",
                "Phase 1 (weeks 1-4), week 2, Side plank on knees (modified side plank)",
                "Phase 1 (weeks 1-4), Standing cross-over stretch (outer hip), Lying outer-hip stretch with a strap; \
                 Phase 2 (weeks 5-8), Standing cross-over stretch (outer hip), Lying outer-hip stretch with a strap",
                "Phase 2 (weeks 5-8), week 5, Lateral band walk (side steps), week 5, Terminal knee extension with band",
                "Return to running",
                "Progress check: Worst pain in the last week",
                "Progress check: Single-leg squats to a chair",
            ]
        );
        assert!(p.program.clinician_notes[2]
            .text
            .starts_with("The week-2 set count in McKay 2020 is unreadable"));
        // A plan that stops in phase 1 leaves out the later phases' notes.
        let mut short = Options::new(start);
        short.weeks = Some(2);
        let p = plan(&c.library, itbs, &short);
        assert!(p
            .program
            .clinician_notes
            .iter()
            .all(|n| !n.about.contains("Phase 2")));
    }

    #[test]
    fn tempo_sets_rep_time() {
        assert_eq!(rep_seconds(Some("3-1-3")), 7.0);
        assert_eq!(rep_seconds(Some("3 s up, 3 s down")), 6.0);
        assert_eq!(rep_seconds(Some("3-0-3-2")), 8.0);
        assert_eq!(rep_seconds(Some("slow")), 4.0);
        assert_eq!(rep_seconds(None), 4.0);
    }
}
