//! The planner's output: a dated plan that every renderer (text, JSON, PDF, ICS) reads.
//!
//! It is self-contained: renderers need nothing but a `Plan` and a template. Its JSON layout
//! (format 1, see `render::json`) is written out field by field at the end of this file, so
//! that it does not change when the model's types do.

use crate::model::{Category, Exercise, Position, Program};
use chrono::{NaiveDate, Weekday};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

#[derive(Debug, Clone)]
pub struct Plan {
    /// The patient's name, as given with `--name`.
    pub patient: Option<String>,
    /// The program the plan follows, as checked (its cause is the program's id and title).
    /// JSON shows it as `cause` (id and title) and `program` (without its phases, which the
    /// weeks carry, and with the `clinician_notes`).
    pub program: Program,
    /// Clinician-only text (the program's rationale and evidence note, the pain rule's, each
    /// phase's, slot's and schedule step's rationale), for the phases this plan uses, in program
    /// order, each text once. Only the therapist's section prints it; the patient's pages never
    /// do. JSON keeps it in `program`.
    pub clinician_notes: Vec<ClinicianNote>,
    pub start: NaiveDate,
    /// The last day of the last week (inclusive).
    pub end: NaiveDate,
    pub training_days: Vec<Weekday>,
    pub level: String,
    pub weeks: Vec<Week>,
    pub warnings: Vec<String>,
    /// Every exercise the plan uses, in order of first use: the PDF appendix.
    pub exercises: Vec<ExerciseInfo>,
    /// Whether the red-flag questions were answered before planning. Not screened: the PDF
    /// starts with the questions as a tick list ("Before you start"), text and JSON say so.
    pub screening: Screening,
    /// The walk-run ladder's runs, in order and without dates: they start when the patient can
    /// tick every entry criterion (`program.return_to_run`), not on a calendar week. Empty when
    /// the program has no ladder or the plan ends before the ladder's first week.
    pub runs: Vec<LadderRun>,
    /// The progress checks' dates (start, middle and end of the plan) and the results logged
    /// for them; the checks themselves are `program.checks`. Empty when the program has none.
    pub checks: Vec<CheckPoint>,
}

/// When the progress checks are done: at the start, halfway and at the end of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckWhen {
    Start,
    Middle,
    End,
}

impl CheckWhen {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckWhen::Start => "start",
            CheckWhen::Middle => "middle",
            CheckWhen::End => "end",
        }
    }
}

/// One day of progress checks: the first session of the first week, the first session of the
/// week after the plan's first half, the last session of the last week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckPoint {
    pub when: CheckWhen,
    /// The plan week (1-based).
    pub week: u32,
    pub date: NaiveDate,
    /// Results logged for this point (`log --check`), nearest to its date, in check order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<CheckResult>,
}

/// A progress check's result, from the pain log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    /// The check's id (`program.checks`).
    pub check: String,
    pub value: u32,
    /// The day it was logged.
    pub date: NaiveDate,
}

/// Whether the patient was screened for red flags before the plan was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Screening {
    /// No answers were given (`plan` without `--answers`, `--no all`, `--yes`/`--no`).
    #[default]
    NotScreened,
    /// Every question was answered no.
    Screened,
    /// A clinician examined the patient and cleared them (`--cleared-by-clinician`).
    ClearedByClinician,
}

impl Screening {
    pub fn as_str(self) -> &'static str {
        match self {
            Screening::NotScreened => "not-screened",
            Screening::Screened => "screened",
            Screening::ClearedByClinician => "cleared-by-clinician",
        }
    }
}

/// One run of the walk-run ladder. It has no date: the patient writes the date it was done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LadderRun {
    /// 1-based, in the order the runs are done.
    pub number: u32,
    /// The stage, 1-based, and how many stages the ladder has.
    pub stage: u32,
    pub stages: u32,
    /// E.g. "walk 2 min / run 3 min, repeated", or the stage's own words (`what`).
    pub what: String,
    pub distance_m: u32,
    /// E.g. "3/10, easy"; empty for none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub effort: String,
    /// The stage's distance when this run is shorter: no run is longer than 110% of the
    /// longest run before it (Frandsen et al. 2025).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shortened_from_m: Option<u32>,
    /// A checklist to tick before this run (the first run of a stage that has one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub check: Vec<String>,
}

/// One clinician-only text and what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClinicianNote {
    /// E.g. "Program", "Pain rule", "Phase 2 (weeks 3-4), Side-lying leg lift (hip abduction)";
    /// a text given for several things lists them all, separated by "; ".
    pub about: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Week {
    /// 1-based.
    pub number: u32,
    /// The program week whose doses this week uses (differs from `number` after `adjust`, and
    /// in maintenance weeks).
    pub program_week: u32,
    /// Why `adjust` changed this week ("step back: pain reached 6/10 ..."); empty otherwise.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub adjustment: String,
    pub phase: String,
    /// 1-based phase number in the program.
    pub phase_number: usize,
    /// True when the plan runs past the program's end and repeats its last phase.
    pub maintenance: bool,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub goals: Vec<String>,
    pub progress_when: Vec<String>,
    pub sessions: Vec<Session>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionKind {
    /// A training day: the strength work plus any daily items.
    Training,
    /// A rest day that still has daily items (stretches) or every-n-days items.
    Daily,
    /// A walk-run day. The planner no longer dates runs (they are gated on the ladder's entry
    /// criteria, see `Plan::runs`); kept so renderers and old JSON readers stay valid.
    Run,
}

#[derive(Debug, Clone, Serialize)]
pub struct Session {
    pub date: NaiveDate,
    /// "mon", "tue", ...
    pub weekday: String,
    pub kind: SessionKind,
    pub exercises: Vec<Item>,
    /// Estimated total minutes.
    pub minutes: f64,
    /// What `--minutes` left out of this session.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<String>,
}

/// One exercise in one session, with its dose for that day.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// The program slot it comes from: (phase number, slot number), both 1-based.
    #[serde(skip)]
    pub slot: (usize, usize),
    pub id: String,
    pub name: String,
    pub category: Category,
    pub position: Position,
    pub equipment: Vec<String>,
    pub sets: u32,
    pub reps: Option<u32>,
    pub hold_seconds: Option<u32>,
    pub time_seconds: Option<u32>,
    pub distance_m: Option<u32>,
    pub per_side: bool,
    pub load: Option<String>,
    pub tempo: Option<String>,
    pub rest_seconds: u32,
    /// Times a day (1 for most; 2 for "twice-daily" work such as Askling's extender).
    #[serde(skip_serializing_if = "is_one")]
    pub times_a_day: u32,
    /// Estimated minutes, rounded to 0.5.
    pub minutes: f64,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// A caution printed with the exercise for this cause; empty when none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub caution: String,
    /// Why the exercise is here (slot, substitutions); filled with `--explain`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
}

/// An exercise of the plan, for the appendix: the library's exercise and what the plan adds
/// to it, the names (not ids) of its easier and harder variants, without those
/// contraindicated for the plan's cause, so that the plan reads without the library. That is
/// the one difference from [`Exercise`], which it derefs to (`info.name` is the exercise's
/// name). JSON shows the fields the patient reads, with the variants by name.
#[derive(Debug, Clone)]
pub struct ExerciseInfo {
    pub exercise: Exercise,
    /// Names of the easier variants (`exercise.easier` are their ids).
    pub easier_names: Vec<String>,
    /// Names of the harder variants (`exercise.harder` are their ids).
    pub harder_names: Vec<String>,
}

impl std::ops::Deref for ExerciseInfo {
    type Target = Exercise;
    fn deref(&self) -> &Exercise {
        &self.exercise
    }
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

/// "mon", "tue", ... as used on the command line and in JSON.
pub fn weekday_id(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// Writes `value` as `key`, or leaves the key out when `skip`.
fn field_unless<M: SerializeStruct, T: Serialize + ?Sized>(
    m: &mut M,
    key: &'static str,
    value: &T,
    skip: bool,
) -> Result<(), M::Error> {
    if skip {
        m.skip_field(key)
    } else {
        m.serialize_field(key, value)
    }
}

impl Serialize for Plan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let days: Vec<&str> = self.training_days.iter().map(|d| weekday_id(*d)).collect();
        let mut m = s.serialize_struct("Plan", 13)?;
        m.serialize_field("patient", &self.patient)?;
        m.serialize_field("cause", &Cause(&self.program))?;
        m.serialize_field("program", &ProgramJson(self))?;
        m.serialize_field("start", &self.start)?;
        m.serialize_field("end", &self.end)?;
        m.serialize_field("training_days", &days)?;
        m.serialize_field("level", &self.level)?;
        m.serialize_field("weeks", &self.weeks)?;
        m.serialize_field("warnings", &self.warnings)?;
        m.serialize_field("exercises", &self.exercises)?;
        m.serialize_field("screening", &self.screening)?;
        field_unless(&mut m, "runs", &self.runs, self.runs.is_empty())?;
        field_unless(&mut m, "checks", &self.checks, self.checks.is_empty())?;
        m.end()
    }
}

/// The plan's cause in JSON: the program's id and title.
struct Cause<'a>(&'a Program);

impl Serialize for Cause<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Cause", 2)?;
        m.serialize_field("id", &self.0.id)?;
        m.serialize_field("title", &self.0.title)?;
        m.end()
    }
}

/// The plan's program in JSON: what the renderers print of it, its length in weeks and the
/// plan's clinician notes (the phases are in the plan's weeks).
struct ProgramJson<'a>(&'a Plan);

impl Serialize for ProgramJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = &self.0.program;
        // The cause-specific warning signs as printed (their grades are in the top-level
        // `warning_signs`).
        let signs: Vec<&str> = p.red_flags.iter().map(|f| f.sign.as_str()).collect();
        let mut m = s.serialize_struct("Program", 15)?;
        m.serialize_field("id", &p.id)?;
        m.serialize_field("title", &p.title)?;
        m.serialize_field("summary", &p.summary)?;
        m.serialize_field("description", &p.description)?;
        m.serialize_field("location_note", &p.location_note)?;
        m.serialize_field("evidence", &p.evidence)?;
        m.serialize_field("evidence_note", &p.evidence_note)?;
        m.serialize_field("red_flags", &signs)?;
        m.serialize_field("general_red_flags", &p.general_red_flags)?;
        m.serialize_field("pain_rule", &p.pain_rule)?;
        m.serialize_field("references", &p.references)?;
        m.serialize_field("weeks", &p.weeks().max(1))?;
        let rtr = &p.return_to_run;
        field_unless(&mut m, "return_to_run", rtr, rtr.is_none())?;
        m.serialize_field("clinician_notes", &self.0.clinician_notes)?;
        field_unless(&mut m, "checks", &p.checks, p.checks.is_empty())?;
        m.end()
    }
}

impl Serialize for ExerciseInfo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = &self.exercise;
        let mut m = s.serialize_struct("Exercise", 13)?;
        m.serialize_field("id", &e.id)?;
        m.serialize_field("name", &e.name)?;
        m.serialize_field("category", &e.category)?;
        m.serialize_field("position", &e.position)?;
        m.serialize_field("equipment", &e.equipment)?;
        m.serialize_field("muscles", &e.muscles)?;
        m.serialize_field("instructions", &e.instructions)?;
        m.serialize_field("cues", &e.cues)?;
        m.serialize_field("mistakes", &e.mistakes)?;
        m.serialize_field("easier", &self.easier_names)?;
        m.serialize_field("harder", &self.harder_names)?;
        m.serialize_field("source", &e.source)?;
        m.serialize_field("license", &e.license)?;
        m.end()
    }
}
