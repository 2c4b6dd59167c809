//! The planner's output: a dated plan that every renderer (text, JSON, PDF, ICS) reads.
//!
//! It is self-contained: renderers need nothing but a `Plan` and a template.

use crate::model::{Category, Evidence, PainRule, Position, Reference};
use chrono::{NaiveDate, Weekday};
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// The patient's name, as given with `--name`.
    pub patient: Option<String>,
    pub cause: CauseRef,
    pub program: ProgramInfo,
    pub start: NaiveDate,
    /// The last day of the last week (inclusive).
    pub end: NaiveDate,
    #[serde(serialize_with = "weekdays")]
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<LadderRun>,
    /// The progress checks' dates (start, middle and end of the plan) and the results logged
    /// for them; the checks themselves are `program.checks`. Empty when the program has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
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

#[derive(Debug, Clone, Serialize)]
pub struct CauseRef {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgramInfo {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    /// E.g. "ITBS pain is usually on the outside of the knee"; empty when there is none.
    pub location_note: String,
    pub evidence: Evidence,
    pub evidence_note: String,
    /// The cause-specific warning signs (the general list comes from the template). JSON keeps
    /// them as the printed signs (text); their grades are in the top-level `warning_signs`.
    #[serde(serialize_with = "signs")]
    pub red_flags: Vec<crate::model::RedFlag>,
    /// `replace`: only the program's own warning signs apply, not the general knee list.
    pub general_red_flags: crate::model::GeneralRedFlags,
    pub pain_rule: PainRule,
    pub references: Vec<Reference>,
    /// The program's own length in weeks (the plan may be shorter or longer).
    pub weeks: u32,
    /// The walk-run ladder, when the program has one: entry criteria, rules, stages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_to_run: Option<crate::model::ReturnToRun>,
    /// Clinician-only text (the program's rationale and evidence note, the pain rule's, each
    /// phase's, slot's and schedule step's rationale), in program order, each text once. Only
    /// the therapist's section prints it; the patient's pages never do.
    pub clinician_notes: Vec<ClinicianNote>,
    /// The progress checks: what the patient does and writes down (dates in `Plan::checks`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<crate::model::Check>,
}

fn signs<S: Serializer>(flags: &[crate::model::RedFlag], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(flags.iter().map(|f| f.sign.as_str()))
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

/// What the appendix prints about an exercise.
#[derive(Debug, Clone, Serialize)]
pub struct ExerciseInfo {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub position: Position,
    pub equipment: Vec<String>,
    pub muscles: Vec<String>,
    pub instructions: Vec<String>,
    pub cues: Vec<String>,
    pub mistakes: Vec<String>,
    /// Names (not ids) of the easier and harder variants.
    pub easier: Vec<String>,
    pub harder: Vec<String>,
    pub source: String,
    pub license: String,
    /// The exercise's figure, when it has one (renderers draw it with `figure::draw`).
    #[serde(skip)]
    pub figure: Option<crate::figure::Figure>,
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

fn weekdays<S: Serializer>(days: &[Weekday], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(days.iter().map(|d| weekday_id(*d)))
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
