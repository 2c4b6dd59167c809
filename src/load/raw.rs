//! Raw types: a mirror of the TOML files, as serde reads them.
//!
//! Nothing here is checked beyond TOML syntax, types and unknown keys (`deny_unknown_fields`).
//! Values that a later check may complain about keep their byte span (`Spanned`), so that
//! `validate` can point at `file:line:col`. Numbers are read as `i64` so that a zero, a negative
//! or an absurd value gets our own message with the allowed range.

use crate::model::{Category, DoseKind, Evidence, Position};
use serde::Deserialize;
use toml::Spanned;

/// A file of `[[exercise]]` entries.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseFile {
    pub exercise: Vec<Spanned<RawExercise>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExercise {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub category: Category,
    #[serde(default)]
    pub muscles: Vec<String>,
    #[serde(default)]
    pub equipment: Vec<Spanned<String>>,
    pub position: Position,
    pub dose: DoseKind,
    #[serde(default)]
    pub per_side: bool,
    pub instructions: Spanned<Vec<String>>,
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub mistakes: Vec<String>,
    #[serde(default)]
    pub easier: Vec<Spanned<String>>,
    #[serde(default)]
    pub harder: Vec<Spanned<String>>,
    #[serde(default)]
    pub contraindicated: Vec<Spanned<String>>,
    #[serde(default)]
    pub caution: Vec<Spanned<String>>,
    #[serde(default)]
    pub caution_note: String,
    pub source: String,
    pub license: String,
    /// `[exercise.figure]`: the drawing, from pose data (docs/figures.md).
    pub figure: Option<Spanned<crate::figure::raw::RawFigure>>,
}

/// A program file: one cause, its phases and slots. Every field but `id` may be left out when
/// the program `extends` another one.
/// One cause-specific warning sign: `{ urgency = "same-day", sign = "...", question = "...?" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRedFlag {
    pub urgency: crate::model::Urgency,
    pub sign: Spanned<String>,
    pub question: Spanned<String>,
    #[serde(default)]
    pub why: String,
    /// Clinician-only: the evidence for this sign and its grade.
    #[serde(default)]
    pub rationale: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgram {
    pub id: Spanned<String>,
    pub extends: Option<Spanned<String>>,
    pub title: Option<String>,
    pub aliases: Option<Vec<Spanned<String>>>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub location_note: Option<String>,
    pub evidence: Option<Evidence>,
    pub evidence_note: Option<String>,
    pub red_flags: Option<Vec<Spanned<RawRedFlag>>>,
    pub general_red_flags: Option<crate::model::GeneralRedFlags>,
    pub pain_rule: Option<Spanned<RawPainRule>>,
    #[serde(default)]
    pub reference: Vec<Spanned<RawReference>>,
    pub phase: Option<Vec<Spanned<RawPhase>>>,
    /// A walk-run ladder scheduled on non-strength days.
    pub return_to_run: Option<Spanned<RawReturnToRun>>,
    /// With `extends`: changes to slots of the base program.
    #[serde(default)]
    pub change: Vec<Spanned<RawChange>>,
    /// With `extends`: slots added to phases of the base program.
    #[serde(default)]
    pub add: Vec<Spanned<RawSlot>>,
    /// With `extends`: slots removed from the base program.
    #[serde(default)]
    pub remove: Vec<Spanned<RawRemove>>,
    /// The program's clinical reasoning, for the therapist's section only (never the patient's pages).
    pub rationale: Option<String>,
    /// `[[check]]`: the progress checks done at the start, middle and end of the plan. Left
    /// out in a program that `extends` another: the base program's checks.
    pub check: Option<Vec<Spanned<RawCheck>>>,
}

/// One progress check (`[[check]]`): a number the patient writes down at the start, middle and
/// end of the plan, e.g. the worst pain of the last week or a count of pain-free squats.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    pub id: Spanned<String>,
    /// Read by the patient: the check's short name.
    pub name: Spanned<String>,
    /// Read by the patient: how to do it, step by step.
    pub steps: Spanned<Vec<String>>,
    /// Read by the patient: what to write in the box.
    pub record: Spanned<String>,
    /// Read by the patient: the unit of the number (e.g. "squats", "/10").
    #[serde(default)]
    pub unit: String,
    /// The largest number that can be written (0 is the smallest).
    pub max: Spanned<i64>,
    /// The `[[reference]]` id this check comes from.
    pub reference: Option<Spanned<String>>,
    /// Clinician-only: where the check comes from and how far it is validated.
    #[serde(default)]
    pub rationale: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPainRule {
    pub green_max: Spanned<i64>,
    pub amber_max: Spanned<i64>,
    #[serde(default = "yes")]
    pub settle_by_morning: bool,
    /// The `[[reference]]` id this comes from.
    pub reference: Option<Spanned<String>>,
    /// The old name of `reference` (accepted with a warning).
    pub source: Option<Spanned<String>>,
    /// Read by the patient.
    #[serde(default)]
    pub note: String,
    /// Clinician-only: why this rule, and where it comes from.
    #[serde(default)]
    pub rationale: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReturnToRun {
    /// The program week the ladder starts.
    pub start_week: Spanned<i64>,
    /// Runs done at each stage before moving on (default 2).
    pub repeat: Option<Spanned<i64>>,
    /// Runs a week at most (default 3); there is always a rest day between runs.
    pub per_week: Option<Spanned<i64>>,
    /// The `[[reference]]` id this comes from.
    pub reference: Option<Spanned<String>>,
    /// The old name of `reference` (accepted with a warning).
    pub source: Option<Spanned<String>>,
    #[serde(default)]
    pub entry_criteria: Vec<String>,
    #[serde(default)]
    pub rules: Vec<String>,
    pub stage: Vec<Spanned<RawRunStage>>,
    /// Clinician-only: why this ladder, and where it comes from.
    #[serde(default)]
    pub rationale: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRunStage {
    /// Seconds of walking between run intervals (0: a continuous run).
    pub walk: Spanned<i64>,
    /// Seconds of running per interval (0 with walk = 0: run the whole distance).
    pub run: Spanned<i64>,
    /// Total metres of the session.
    pub distance: Spanned<i64>,
    #[serde(default)]
    pub effort: String,
    /// Read by the patient: what the run is, instead of the walk/run pattern (e.g. strides).
    #[serde(default)]
    pub what: String,
    /// Read by the patient: a checklist to tick before the first run of this stage.
    #[serde(default)]
    pub check: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReference {
    pub id: Spanned<String>,
    pub citation: String,
    #[serde(default)]
    pub verified: bool,
}

/// `weeks = 3` or `weeks = "1-4"`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawWeeks {
    One(i64),
    Range(String),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPhase {
    pub name: String,
    pub weeks: Spanned<RawWeeks>,
    pub sessions_per_week: Spanned<i64>,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub progress_when: Vec<String>,
    #[serde(default)]
    pub slot: Vec<Spanned<RawSlot>>,
    /// Clinician-only: why this phase looks as it does.
    #[serde(default)]
    pub rationale: String,
}

/// The dose fields shared by a slot, a schedule step and a `[[change]]` (serde's `flatten`
/// cannot be combined with `deny_unknown_fields` or spans, so each of those lists them and
/// hands them over with `dose()`).
#[derive(Debug, Clone, Default)]
pub struct RawDoseFields {
    pub sets: Option<Spanned<i64>>,
    pub reps: Option<Spanned<i64>>,
    pub hold: Option<Spanned<i64>>,
    pub time: Option<Spanned<i64>>,
    pub distance: Option<Spanned<i64>>,
    pub load: Option<String>,
    pub tempo: Option<Spanned<String>>,
    pub rest: Option<Spanned<i64>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSlot {
    /// Only in `[[add]]`: the phase number the slot is added to.
    pub phase: Option<Spanned<i64>>,
    pub exercise: Spanned<String>,
    pub sets: Option<Spanned<i64>>,
    pub reps: Option<Spanned<i64>>,
    pub hold: Option<Spanned<i64>>,
    pub time: Option<Spanned<i64>>,
    pub distance: Option<Spanned<i64>>,
    pub load: Option<String>,
    pub tempo: Option<Spanned<String>>,
    pub rest: Option<Spanned<i64>>,
    pub frequency: Option<Spanned<String>>,
    pub priority: Option<Spanned<i64>>,
    /// The `[[reference]]` id this comes from.
    pub reference: Option<Spanned<String>>,
    /// The old name of `reference` (accepted with a warning).
    pub source: Option<Spanned<String>>,
    #[serde(default)]
    pub note: String,
    pub progression: Option<Spanned<RawProgression>>,
    pub schedule: Option<Vec<Spanned<RawStep>>>,
    /// Clinician-only: why this exercise and dose, where they come from. The patient reads `note`.
    #[serde(default)]
    pub rationale: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub week: Spanned<i64>,
    pub exercise: Option<Spanned<String>>,
    /// A note printed from this week on, instead of the slot's note.
    pub note: Option<String>,
    pub sets: Option<Spanned<i64>>,
    pub reps: Option<Spanned<i64>>,
    pub hold: Option<Spanned<i64>>,
    pub time: Option<Spanned<i64>>,
    pub distance: Option<Spanned<i64>>,
    pub load: Option<String>,
    pub tempo: Option<Spanned<String>>,
    pub rest: Option<Spanned<i64>>,
    /// Clinician-only: why this step (printed only in the therapist's section).
    pub rationale: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgression {
    pub every: Option<Spanned<i64>>,
    pub add_reps: Option<Spanned<i64>>,
    pub max_reps: Option<Spanned<i64>>,
    pub add_sets: Option<Spanned<i64>>,
    pub max_sets: Option<Spanned<i64>>,
    pub reset_reps: Option<Spanned<i64>>,
    pub add_hold: Option<Spanned<i64>>,
    pub max_hold: Option<Spanned<i64>>,
    pub add_time: Option<Spanned<i64>>,
    pub max_time: Option<Spanned<i64>>,
}

/// `[[change]]` in a program that extends another: new values for one slot.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChange {
    /// The phase number (1-based) in the base program.
    pub phase: Spanned<i64>,
    /// The slot, named by the exercise it starts with.
    pub slot: Spanned<String>,
    /// Swap the slot's exercise for another one.
    pub exercise: Option<Spanned<String>>,
    /// The `[[reference]]` id the changed dose comes from.
    pub reference: Option<Spanned<String>>,
    /// The old name of `reference` (accepted with a warning).
    pub source: Option<Spanned<String>>,
    pub sets: Option<Spanned<i64>>,
    pub reps: Option<Spanned<i64>>,
    pub hold: Option<Spanned<i64>>,
    pub time: Option<Spanned<i64>>,
    pub distance: Option<Spanned<i64>>,
    pub load: Option<String>,
    pub tempo: Option<Spanned<String>>,
    pub rest: Option<Spanned<i64>>,
    pub frequency: Option<Spanned<String>>,
    pub priority: Option<Spanned<i64>>,
    pub note: Option<String>,
    pub progression: Option<Spanned<RawProgression>>,
    pub schedule: Option<Vec<Spanned<RawStep>>>,
    /// Clinician-only: replaces the slot's rationale.
    pub rationale: Option<String>,
}

/// `[[remove]]` in a program that extends another.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRemove {
    pub phase: Spanned<i64>,
    pub slot: Spanned<String>,
}

macro_rules! dose_fields {
    ($($t:ty),*) => {$(
        impl $t {
            pub fn dose(&self) -> RawDoseFields {
                RawDoseFields {
                    sets: self.sets.clone(),
                    reps: self.reps.clone(),
                    hold: self.hold.clone(),
                    time: self.time.clone(),
                    distance: self.distance.clone(),
                    load: self.load.clone(),
                    tempo: self.tempo.clone(),
                    rest: self.rest.clone(),
                }
            }
        }
    )*};
}
dose_fields!(RawSlot, RawStep, RawChange);

/// The `[[reference]]` id a slot, change, pain rule or ladder names: `reference`, or the
/// old key `source` (`validate` warns about it).
pub fn reference_id<'a>(
    reference: &'a Option<Spanned<String>>,
    source: &'a Option<Spanned<String>>,
) -> Option<&'a Spanned<String>> {
    reference.as_ref().or(source.as_ref())
}
