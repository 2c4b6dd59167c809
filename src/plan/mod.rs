//! The planner: a pure function of (exercise library, program, options) to a dated [`Plan`].
//!
//! It reads no clock and no files: the start date comes in with the options. Invariants that
//! the property tests check:
//! - a training session falls only on a chosen training day, inside the plan's dates;
//! - an exercise contraindicated for the program's cause is never scheduled, even as a
//!   substitute;
//! - within a slot the dose never falls from one week to the next unless the program says so;
//! - with `--equipment`, no scheduled exercise needs equipment the user does not have.

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
    let mut ladder = Ladder::default();

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
            let mut items = Vec::new();
            for slot in &phase.slots {
                let due = match slot.frequency {
                    Frequency::Session => is_training,
                    Frequency::Daily => true,
                    Frequency::EveryDays(n) => day_index.rem_euclid(n as i64) == 0,
                };
                if !due {
                    continue;
                }
                let dose = &slot.weeks[idx.min(slot.weeks.len() - 1)];
                let Some((ex, mut why)) =
                    choose(library, program, opts, &dose.exercise, &mut |m| {
                        warn(m, &mut warnings)
                    })
                else {
                    continue;
                };
                let note = dose.note.clone().unwrap_or_else(|| slot.note.clone());
                // A stand-in with other equipment does not inherit the load ("light band").
                let same_kit = library
                    .get(&dose.exercise)
                    .is_none_or(|o| o.equipment == ex.equipment);
                let mut item = item(ex, dose, program, note);
                if !same_kit {
                    item.load = None;
                }
                item.slot = (phase.number, slot.index);
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
            let mut kind = if is_training {
                SessionKind::Training
            } else {
                SessionKind::Daily
            };
            if let Some(rtr) = &program.return_to_run {
                if !is_training && pw >= rtr.start_week {
                    if let Some(run) = ladder.next(rtr, date, week_start) {
                        items.push((1, run));
                        kind = SessionKind::Run;
                    }
                }
            }
            if items.is_empty() {
                continue;
            }
            let (kept, left_out) = fit(items, opts.minutes);
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
            pain_rule: program.pain_rule.clone(),
            references: program.references.clone(),
            weeks: program_weeks,
            return_to_run: program.return_to_run.clone(),
            clinician_notes,
        },
        start: opts.start,
        end,
        training_days: days,
        level: opts.level.as_str().to_string(),
        weeks,
        warnings,
        exercises,
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
    notes
}

/// The id of walk-run items (they are not library exercises).
pub const RUN_ID: &str = "walk-run";

/// The walk-run ladder's progress through the plan.
#[derive(Debug, Default)]
struct Ladder {
    /// (date, metres) of every run so far.
    runs: Vec<(NaiveDate, u32)>,
    stage: usize,
    done_at_stage: u32,
}

impl Ladder {
    /// The run for `date`, if one is due: a rest day since the last run, at most `per_week` runs
    /// in the plan week starting `week_start`, and never longer than 110% of the longest run of
    /// the previous 30 days (Frandsen et al. 2025), so a big step between stages is split.
    fn next(
        &mut self,
        rtr: &crate::model::ReturnToRun,
        date: NaiveDate,
        week_start: NaiveDate,
    ) -> Option<Item> {
        if rtr.stages.is_empty() {
            return None;
        }
        if self
            .runs
            .last()
            .is_some_and(|(d, _)| (date - *d).num_days() < 2)
        {
            return None;
        }
        if self.runs.iter().filter(|(d, _)| *d >= week_start).count() as u32 >= rtr.per_week {
            return None;
        }
        let stage_i = self.stage.min(rtr.stages.len() - 1);
        let stage = &rtr.stages[stage_i];
        let longest = self
            .runs
            .iter()
            .filter(|(d, _)| (date - *d).num_days() <= 30)
            .map(|(_, m)| *m)
            .max();
        let cap = longest.map(|m| (m * 11 / 10) / 10 * 10);
        let distance = match cap {
            Some(c) if c < stage.distance => c,
            _ => stage.distance,
        };
        let full = distance == stage.distance;
        if full {
            self.done_at_stage += 1;
            if self.done_at_stage >= rtr.repeat && self.stage + 1 < rtr.stages.len() {
                self.stage += 1;
                self.done_at_stage = 0;
            }
        }
        self.runs.push((date, distance));
        let pattern = if stage.walk == 0 {
            "run continuously".to_string()
        } else {
            format!(
                "walk {} / run {}, repeated",
                mmss(stage.walk),
                mmss(stage.run)
            )
        };
        let mut note = format!("{pattern} to {:.1} km", distance as f64 / 1000.0);
        if !stage.effort.is_empty() {
            note.push_str(&format!("; effort {}", stage.effort));
        }
        if !full {
            note.push_str(&format!(
                "; shortened from {:.1} km: no run longer than 110% of your longest run in the last 30 days",
                stage.distance as f64 / 1000.0
            ));
        }
        let minutes = round_half(12.0 + distance as f64 / 2.0 / 60.0);
        Some(Item {
            slot: (0, 0),
            id: RUN_ID.into(),
            name: format!("Walk-run, stage {} of {}", stage_i + 1, rtr.stages.len()),
            category: crate::model::Category::Cardio,
            position: crate::model::Position::Standing,
            equipment: Vec::new(),
            sets: 1,
            reps: None,
            hold_seconds: None,
            time_seconds: None,
            distance_m: Some(distance),
            per_side: false,
            load: None,
            tempo: None,
            rest_seconds: 0,
            minutes,
            note,
            caution: String::new(),
            explain: Vec::new(),
        })
    }
}

/// "2 min", "1:30 min", "45 s".
fn mmss(s: u32) -> String {
    match (s / 60, s % 60) {
        (0, sec) => format!("{sec} s"),
        (m, 0) => format!("{m} min"),
        (m, sec) => format!("{m}:{sec:02} min"),
    }
}

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

/// The exercise to schedule for a slot's exercise id, after the level and equipment choices,
/// with the reasons. `None`: dropped (a warning says why).
fn choose<'a>(
    library: &'a Library,
    program: &Program,
    opts: &Options,
    id: &str,
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
        usable(v, program, opts) && v.dose == ex.dose && !v.is_cautioned_for(&program.causes)
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
    match substitute(library, program, opts, ex) {
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
            warn(format!(
                "left out {}: it needs {} and no safe variant without it exists in the same category",
                ex.name,
                missing.join(" and ")
            ));
            None
        }
    }
}

/// A stand-in without the missing equipment: the nearest of the exercise's own variants
/// (easier, then harder, breadth first) of the same category and dose kind. An unrelated
/// exercise is never brought in: without a variant, the exercise is dropped with a warning.
fn substitute<'a>(
    library: &'a Library,
    program: &Program,
    opts: &Options,
    ex: &Exercise,
) -> Option<&'a Exercise> {
    let mut seen = BTreeSet::from([ex.id.clone()]);
    let mut queue: Vec<String> = ex.easier.iter().chain(&ex.harder).cloned().collect();
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
        {
            return Some(v);
        }
        queue.extend(v.easier.iter().chain(&v.harder).cloned());
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
        DoseKind::Hold => it.hold_seconds = dose.hold,
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

/// Fit a session to the time budget: keep items by priority (1 first, then program order)
/// until one does not fit; the first item is always kept. Returns (kept in program order, left-out names).
fn fit(items: Vec<(u8, Item)>, budget: Option<u32>) -> (Vec<Item>, Vec<String>) {
    let Some(budget) = budget else {
        return (items.into_iter().map(|(_, i)| i).collect(), Vec::new());
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (items[i].0, i));
    let mut keep = vec![false; items.len()];
    let mut total = 0.0;
    // Strictly by priority: once an item does not fit, nothing of lower priority is kept in
    // its place (a budget never keeps a stretch while dropping the main exercise).
    for (n, &i) in order.iter().enumerate() {
        let m = items[i].1.minutes;
        if n == 0 || total + m <= budget as f64 {
            keep[i] = true;
            total += m;
        } else {
            break;
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
