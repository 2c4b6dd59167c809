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

mod appendix;
pub mod checks;
mod choose;
mod item;
pub mod ladder;
mod notes;
mod session;
pub mod types;

pub use item::estimate_minutes;

use crate::model::{Dose, Exercise, Frequency, Library, Phase, Program, Slot};
use choose::{choose, related};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeSet;
use types::{Item, Plan, Session, SessionKind, Week};

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

/// The id of walk-run items (they are not library exercises).
pub const RUN_ID: &str = "walk-run";

/// Build the plan: the training days, then week by week the phase, the sessions and each
/// slot's exercise and dose; then the appendix of exercises, the clinician's notes, the
/// walk-run ladder and the dates of the progress checks.
pub fn plan(library: &Library, program: &Program, opts: &Options) -> Plan {
    let program_weeks = program.weeks().max(1);
    let total_weeks = opts.weeks.unwrap_or(program_weeks).clamp(1, MAX_WEEKS);
    let mut planner = Planner {
        library,
        program,
        opts,
        days: training_days(program, opts),
        program_weeks,
        warnings: Vec::new(),
        used: Vec::new(),
    };
    let weeks: Vec<Week> = (1..=total_weeks).map(|w| planner.week(w)).collect();
    let Planner {
        days,
        mut warnings,
        used,
        ..
    } = planner;
    if total_weeks > program_weeks {
        warnings.push(maintenance_warning(program_weeks, total_weeks));
    }

    let exercises = appendix::exercises(library, program, &used);
    let phases_used: BTreeSet<usize> = weeks.iter().map(|w: &Week| w.phase_number).collect();
    let clinician_notes = notes::clinician_notes(library, program, &phases_used);
    let end = opts.start + Duration::days(7 * total_weeks as i64 - 1);
    let check_points = if program.checks.is_empty() {
        Vec::new()
    } else {
        checks::points(&weeks, &program.checks, &opts.check_results)
    };
    Plan {
        patient: opts.name.clone().filter(|n| !n.trim().is_empty()),
        program: program.clone(),
        clinician_notes,
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

/// The training days: those asked for, else the program's sessions spread over the week; in
/// week order, each once.
fn training_days(program: &Program, opts: &Options) -> Vec<Weekday> {
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
    days
}

/// Says that the plan runs past the program's end and repeats its last week.
fn maintenance_warning(program_weeks: u32, total_weeks: u32) -> String {
    let extra = if total_weeks == program_weeks + 1 {
        format!("week {total_weeks} repeats")
    } else {
        format!("weeks {}-{total_weeks} repeat", program_weeks + 1)
    };
    format!("the program has {program_weeks} weeks; {extra} its last week as maintenance")
}

/// Adds a warning unless it was given already.
fn warn(warnings: &mut Vec<String>, w: String) {
    if !warnings.contains(&w) {
        warnings.push(w);
    }
}

/// The planner's state while it goes through the weeks: what it plans from, and what it
/// gathers on the way (the warnings, the exercises used in order of first use).
struct Planner<'a> {
    library: &'a Library,
    program: &'a Program,
    opts: &'a Options,
    days: Vec<Weekday>,
    program_weeks: u32,
    warnings: Vec<String>,
    used: Vec<String>,
}

/// Where a plan week is in the program: the phase, the program week whose doses it uses
/// (`index` into each slot's weeks) and whether it is a maintenance week.
struct PhaseWeek<'p> {
    phase: &'p Phase,
    program_week: u32,
    index: usize,
    maintenance: bool,
}

impl<'a> Planner<'a> {
    /// Plan week `w`: its phase and a session on each day that has something due.
    fn week(&mut self, w: u32) -> Week {
        let program_week = self.program_week(w);
        let phase = self.program.phase_for_week(program_week);
        let at = PhaseWeek {
            phase,
            program_week,
            index: (program_week - phase.first_week) as usize,
            maintenance: w > self.program_weeks,
        };
        let week_start = self.opts.start + Duration::days(7 * (w as i64 - 1));
        let dates: Vec<NaiveDate> = (0..7).map(|i| week_start + Duration::days(i)).collect();
        let session_dates = self.session_dates(phase, &dates);
        let sessions = dates
            .iter()
            .filter_map(|&date| self.session(&at, date, session_dates.contains(&date)))
            .collect();
        Week {
            number: w,
            program_week,
            adjustment: self.adjustment(w),
            phase: phase.name.clone(),
            phase_number: phase.number,
            maintenance: at.maintenance,
            start: week_start,
            end: week_start + Duration::days(6),
            goals: phase.goals.clone(),
            progress_when: phase.progress_when.clone(),
            sessions,
        }
    }

    /// The program week whose doses plan week `w` uses: the same week, the last one in
    /// maintenance, or the one the pain log's adjustment gives.
    fn program_week(&self, w: u32) -> u32 {
        match &self.opts.adjust {
            Some((map, _)) => map
                .get(w as usize - 1)
                .copied()
                .unwrap_or(self.program_weeks)
                .clamp(1, self.program_weeks),
            None => w.min(self.program_weeks),
        }
    }

    /// Why the pain log changed plan week `w`; empty when it did not.
    fn adjustment(&self, w: u32) -> String {
        self.opts
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
            })
            .unwrap_or_default()
    }

    /// The week's training sessions: the phase's sessions a week spread over the training
    /// days among `dates`, with a warning when the chosen days are too few.
    fn session_dates(&mut self, phase: &Phase, dates: &[NaiveDate]) -> Vec<NaiveDate> {
        let training: Vec<NaiveDate> = dates
            .iter()
            .copied()
            .filter(|d| self.days.contains(&d.weekday()))
            .collect();
        let sessions_wanted = phase.sessions_per_week as usize;
        if training.len() < sessions_wanted && self.opts.days.is_some() {
            let n = self.days.len();
            warn(
                &mut self.warnings,
                format!(
                    "phase {} ({}) asks for {} sessions a week; you chose {} training day{}",
                    phase.number,
                    phase.name,
                    sessions_wanted,
                    n,
                    if n == 1 { "" } else { "s" }
                ),
            );
        }
        spread(&training, sessions_wanted)
    }

    /// The session on `date`: the exercises of the slots due, fitted to the time budget and put
    /// in order. `None` when nothing is due.
    fn session(&mut self, at: &PhaseWeek, date: NaiveDate, is_training: bool) -> Option<Session> {
        let day_index = (date - self.opts.start).num_days();
        let due = due_slots(at, is_training, day_index);
        let items = self.items(at, &due);
        // Runs are not dated: the walk-run ladder is gated on its entry criteria (`runs`).
        let kind = if is_training {
            SessionKind::Training
        } else {
            SessionKind::Daily
        };
        if items.is_empty() {
            return None;
        }
        let (mut kept, left_out) = session::fit(items, self.opts.minutes);
        session::session_order(&mut kept);
        if !left_out.is_empty() {
            warn(
                &mut self.warnings,
                format!(
                    "to fit {} minutes, left out: {}",
                    self.opts.minutes.unwrap_or(0),
                    left_out.join(", ")
                ),
            );
        }
        for it in &kept {
            if it.id != RUN_ID && !self.used.contains(&it.id) {
                self.used.push(it.id.clone());
            }
        }
        let minutes = item::round_half(kept.iter().map(|i| i.minutes).sum());
        Some(Session {
            date,
            weekday: types::weekday_id(date.weekday()).to_string(),
            kind,
            exercises: kept,
            minutes,
            left_out,
        })
    }

    /// The items of the slots due in one session, with their priorities: an exercise the
    /// program gives twice that day is done once, and each slot's exercise is chosen
    /// (`choose`) so that a stand-in is never an exercise of the session, nor an easier or
    /// harder variant of one.
    fn items(&mut self, at: &PhaseWeek, due: &[(&Slot, &Dose)]) -> Vec<(u8, Item)> {
        let library = self.library;
        let originals: Vec<&str> = due.iter().map(|(_, d)| d.exercise.as_str()).collect();
        // The exercises chosen so far today.
        let mut taken: Vec<String> = Vec::new();
        let mut items = Vec::new();
        for (k, (slot, dose)) in due.iter().enumerate() {
            if originals[..k].contains(&dose.exercise.as_str()) {
                warn(
                    &mut self.warnings,
                    format!(
                        "{} is in phase {} twice on the same day; it is done once",
                        name(library, &dose.exercise),
                        at.phase.number
                    ),
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
            let warnings = &mut self.warnings;
            let Some((ex, why)) = choose(
                library,
                self.program,
                self.opts,
                &dose.exercise,
                &conflict,
                &mut |m| warn(warnings, m),
            ) else {
                continue;
            };
            taken.push(ex.id.clone());
            items.push((slot.priority, self.slot_item(at, slot, dose, ex, why)));
        }
        items
    }

    /// The item for `slot` at this week's `dose`, done with `ex` (the slot's exercise or a
    /// stand-in, `why` says which). A stand-in does not inherit the note or the load written
    /// for the exercise it replaces.
    fn slot_item(
        &self,
        at: &PhaseWeek,
        slot: &Slot,
        dose: &Dose,
        ex: &Exercise,
        mut why: Vec<String>,
    ) -> Item {
        // A note belongs to the exercise and dose it was written for: a stand-in never
        // inherits it.
        let written = dose.note.clone().unwrap_or_else(|| slot.note.clone());
        let note = if ex.id == dose.exercise {
            written
        } else {
            if !written.is_empty() {
                why.push(format!(
                    "the note written for {} is left out",
                    name(self.library, &dose.exercise)
                ));
            }
            String::new()
        };
        // A stand-in with other equipment does not inherit the load ("light band").
        let same_kit = self
            .library
            .get(&dose.exercise)
            .is_none_or(|o| o.equipment == ex.equipment);
        let mut item = item::item(ex, dose, self.program, note);
        if !same_kit {
            item.load = None;
        }
        item.slot = (at.phase.number, slot.index);
        item.times_a_day = slot.frequency.per_day();
        if self.opts.explain {
            item.explain = explain(at, slot, why);
        }
        item
    }
}

/// The slots of the phase due on a day (`day_index` days from the plan's start), each with
/// this week's dose.
fn due_slots<'p>(
    at: &PhaseWeek<'p>,
    is_training: bool,
    day_index: i64,
) -> Vec<(&'p Slot, &'p Dose)> {
    at.phase
        .slots
        .iter()
        .filter(|slot| match slot.frequency {
            Frequency::Session => is_training,
            Frequency::Daily | Frequency::TimesADay(_) => true,
            Frequency::EveryDays(n) => day_index.rem_euclid(n as i64) == 0,
        })
        .map(|slot| (slot, &slot.weeks[at.index.min(slot.weeks.len() - 1)]))
        .collect()
}

/// `--explain`: where the item comes from (phase, slot, program week, how the dose was
/// given), then the reasons for any stand-in.
fn explain(at: &PhaseWeek, slot: &Slot, mut why: Vec<String>) -> Vec<String> {
    let mut e = vec![format!(
        "phase {} \"{}\", slot {}, program week {}{}; dose: {}{}",
        at.phase.number,
        at.phase.name,
        slot.index,
        at.program_week,
        if at.maintenance {
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
    e
}

/// An exercise's name, or its id when the library does not have it.
fn name<'l>(library: &'l Library, id: &'l str) -> &'l str {
    library.get(id).map_or(id, |e| e.name.as_str())
}

#[cfg(test)]
mod proptests;

#[cfg(test)]
mod tests;
