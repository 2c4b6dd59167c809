//! The checked model: exercises and programs after validation.
//!
//! These types are built only by `validate` from the raw TOML types, so every value here has
//! already been checked (ids resolve, doses are in range, weeks are contiguous, no exercise is
//! scheduled for a cause it is contraindicated for). The planner and renderers rely on that.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// What an exercise mainly trains; the printout and `exercises --category` use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Hip,
    Core,
    Flexibility,
    Knee,
    Calf,
    Balance,
    Cardio,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Hip,
        Category::Core,
        Category::Flexibility,
        Category::Knee,
        Category::Calf,
        Category::Balance,
        Category::Cardio,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Hip => "hip",
            Category::Core => "core",
            Category::Flexibility => "flexibility",
            Category::Knee => "knee",
            Category::Calf => "calf",
            Category::Balance => "balance",
            Category::Cardio => "cardio",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Body position; the printout groups a session's exercises by it (floor work first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    Lying,
    Kneeling,
    Sitting,
    Standing,
}

impl Position {
    pub const ALL: [Position; 4] = [
        Position::Lying,
        Position::Kneeling,
        Position::Sitting,
        Position::Standing,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Lying => "lying",
            Position::Kneeling => "kneeling",
            Position::Sitting => "sitting",
            Position::Standing => "standing",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What a dose counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DoseKind {
    Reps,
    Hold,
    Time,
    Distance,
}

impl DoseKind {
    pub const ALL: [DoseKind; 4] = [
        DoseKind::Reps,
        DoseKind::Hold,
        DoseKind::Time,
        DoseKind::Distance,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            DoseKind::Reps => "reps",
            DoseKind::Hold => "hold",
            DoseKind::Time => "time",
            DoseKind::Distance => "distance",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Equipment names an exercise may need. Household items (chair, wall, sofa, towel) are not equipment.
pub const EQUIPMENT: [&str; 12] = [
    "band",
    "dumbbell",
    "ankle-weight",
    "step",
    "ball",
    "exercise-ball",
    "bench",
    "bike",
    "slider",
    "balance-board",
    "strap",
    "foam-roller",
];

/// A checked exercise of the library. A plan's appendix holds it as
/// [`ExerciseInfo`](crate::plan::types::ExerciseInfo), which adds the one thing a plan needs
/// and the exercise lacks: the variants by name (these are ids), without those
/// contraindicated for the plan's cause.
#[derive(Debug, Clone, Serialize)]
pub struct Exercise {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub muscles: Vec<String>,
    pub equipment: Vec<String>,
    pub position: Position,
    pub dose: DoseKind,
    pub per_side: bool,
    pub instructions: Vec<String>,
    pub cues: Vec<String>,
    pub mistakes: Vec<String>,
    pub easier: Vec<String>,
    pub harder: Vec<String>,
    pub contraindicated: Vec<String>,
    pub caution: Vec<String>,
    pub caution_note: String,
    pub source: String,
    pub license: String,
    /// Where it was defined (for `explain` and error messages).
    #[serde(skip)]
    pub origin: String,
    /// The checked figure, when the exercise has one.
    #[serde(skip)]
    pub figure: Option<crate::figure::Figure>,
}

impl Exercise {
    pub fn is_contraindicated_for(&self, causes: &[String]) -> bool {
        self.contraindicated.iter().any(|c| causes.contains(c))
    }
    pub fn is_cautioned_for(&self, causes: &[String]) -> bool {
        self.caution.iter().any(|c| causes.contains(c))
    }
}

/// The checked exercise library, by id (sorted, so iteration is deterministic).
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub exercises: BTreeMap<String, Exercise>,
}

impl Library {
    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.exercises.get(id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    Trial,
    Extrapolated,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    pub id: String,
    pub citation: String,
    pub verified: bool,
}

/// The pain-monitoring rule as a traffic light.
#[derive(Debug, Clone, Serialize)]
pub struct PainRule {
    /// 0..=green_max: fine.
    pub green_max: u8,
    /// green_max+1..=amber_max: acceptable if settled by the next morning.
    pub amber_max: u8,
    pub settle_by_morning: bool,
    pub source: String,
    /// Read by the patient.
    pub note: String,
    /// Clinician-only: printed only in the therapist's section.
    pub rationale: String,
}

/// How often a slot's exercise is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    /// On each training session.
    Session,
    /// Every calendar day (typical for stretches).
    Daily,
    /// Every n-th day counted from the plan's start (Askling: every 2nd or 3rd day).
    EveryDays(u32),
    /// Every calendar day, this many times a day (Askling's extender: twice a day).
    TimesADay(u32),
}

impl Frequency {
    /// How many times a day the exercise is done on a day it is due.
    pub fn per_day(&self) -> u32 {
        match self {
            Frequency::TimesADay(n) => *n,
            _ => 1,
        }
    }
}

/// One week's prescription for a slot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dose {
    pub exercise: String,
    pub sets: u32,
    pub reps: Option<u32>,
    pub hold: Option<u32>,
    pub time: Option<u32>,
    pub distance: Option<u32>,
    pub load: Option<String>,
    pub tempo: Option<String>,
    pub rest: u32,
    /// A schedule step's note for this week: `None` prints the slot's note, `Some("")` none
    /// (a step that changes the exercise drops the old note).
    pub note: Option<String>,
}

/// A progression rule (validated: at least one step is non-zero).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Progression {
    pub every: u32,
    pub add_reps: u32,
    pub max_reps: Option<u32>,
    pub add_sets: u32,
    pub max_sets: Option<u32>,
    pub reset_reps: Option<u32>,
    pub add_hold: u32,
    pub max_hold: Option<u32>,
    pub add_time: u32,
    pub max_time: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Slot {
    /// 1-based position of the slot in its phase (for `--explain`).
    pub index: usize,
    pub frequency: Frequency,
    pub priority: u8,
    pub source: Option<String>,
    /// Read by the patient (a schedule step may replace it, see [`Dose::note`]).
    pub note: String,
    /// The dose for each week of the phase, index 0 = the phase's first week.
    pub weeks: Vec<Dose>,
    /// How the doses were given, for `--explain`: "rule: ..." or "schedule".
    pub how: String,
    /// Clinician-only: why this exercise and dose (the therapist's section).
    pub rationale: String,
    /// Clinician-only text of the slot's schedule steps, in week order.
    pub step_rationales: Vec<StepRationale>,
}

/// A schedule step's clinician-only text and the program week the step starts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepRationale {
    pub week: u32,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Phase {
    pub number: usize,
    pub name: String,
    pub first_week: u32,
    pub last_week: u32,
    pub sessions_per_week: u32,
    pub goals: Vec<String>,
    pub progress_when: Vec<String>,
    pub slots: Vec<Slot>,
    /// Clinician-only: why the phase looks as it does.
    pub rationale: String,
}

/// How urgently a warning sign needs a doctor. Ordered from the most urgent.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    /// Call emergency services now.
    Emergency,
    /// Get seen the same day.
    SameDay,
    /// See a doctor within a few days.
    Days,
}

impl Urgency {
    pub const ALL: [Urgency; 3] = [Urgency::Emergency, Urgency::SameDay, Urgency::Days];
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Emergency => "emergency",
            Urgency::SameDay => "same-day",
            Urgency::Days => "days",
        }
    }
}

/// Whether a program's warning signs add to the general knee list or replace it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GeneralRedFlags {
    #[default]
    Extend,
    Replace,
}

/// One cause-specific warning sign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RedFlag {
    /// The sign as printed in the warning box ("you felt a pop at the back of the thigh...").
    pub sign: String,
    /// The same sign as a yes/no screening question ("Did you feel a pop ...?").
    pub question: String,
    /// Why a "yes" needs a doctor (printed with the referral message); may be empty.
    pub why: String,
    pub urgency: Urgency,
    /// Clinician-only: the evidence for the sign and its grade (the therapist's section).
    pub rationale: String,
}

/// A checked program for one cause. A plan carries it as it is
/// ([`Plan::program`](crate::plan::types::Plan::program)), with no copy of its fields: what
/// the plan adds (the clinician notes of the phases it uses, the dates) are fields of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct Program {
    pub id: String,
    pub title: String,
    pub aliases: Vec<String>,
    pub summary: String,
    pub description: String,
    pub location_note: String,
    pub evidence: Evidence,
    /// Clinician-only: which evidence the doses rest on (the therapist's section).
    pub evidence_note: String,
    /// The cause's own warning signs, each graded by urgency and asked as a screening question.
    pub red_flags: Vec<RedFlag>,
    /// Whether the general (knee) warning signs and screening questions apply too (`extend`,
    /// the default) or only the program's own (`replace`: groin and hamstring programs).
    pub general_red_flags: GeneralRedFlags,
    pub pain_rule: PainRule,
    pub references: Vec<Reference>,
    pub phases: Vec<Phase>,
    pub return_to_run: Option<ReturnToRun>,
    /// The causes whose contraindications apply: its own id plus those of programs it extends.
    pub causes: Vec<String>,
    #[serde(skip)]
    pub origin: String,
    /// Clinician-only: the program's clinical reasoning (the therapist's section). Like
    /// `evidence_note`, which is clinician-only too, it is never printed on the patient's pages.
    pub rationale: String,
    /// The progress checks (`[[check]]`), done at the start, middle and end of the plan.
    pub checks: Vec<Check>,
}

/// One progress check: a number the patient writes down at the start, middle and end of the
/// plan (the worst pain of the last week, a count of pain-free squats...).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub id: String,
    pub name: String,
    /// How to do it, step by step (read by the patient).
    pub steps: Vec<String>,
    /// What to write in the box.
    pub record: String,
    /// The unit of the number, e.g. "squats"; empty for none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// The largest number that can be written (0 is the smallest).
    pub max: u32,
    /// The `[[reference]]` id it comes from; empty for none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reference: String,
    /// Clinician-only: where the check comes from and how far it is validated.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rationale: String,
}

impl Program {
    pub fn weeks(&self) -> u32 {
        self.phases.last().map(|p| p.last_week).unwrap_or(0)
    }
    pub fn phase_for_week(&self, week: u32) -> &Phase {
        self.phases
            .iter()
            .find(|p| week >= p.first_week && week <= p.last_week)
            .unwrap_or_else(|| self.phases.last().expect("validated programs have phases"))
    }
    pub fn matches(&self, name: &str) -> bool {
        self.id == name || self.aliases.iter().any(|a| a == name)
    }
}

/// A walk-run ladder (return to running). It is gated on its entry criteria, not on a date:
/// from `start_week` the patient checks the criteria, then does the runs in order.
#[derive(Debug, Clone, Serialize)]
pub struct ReturnToRun {
    /// The program week from which the patient may try the entry checklist.
    pub start_week: u32,
    pub repeat: u32,
    pub per_week: u32,
    pub source: String,
    pub entry_criteria: Vec<String>,
    pub rules: Vec<String>,
    pub stages: Vec<RunStage>,
    /// Clinician-only: why this ladder (the therapist's section).
    pub rationale: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunStage {
    pub walk: u32,
    pub run: u32,
    pub distance: u32,
    pub effort: String,
    /// What the run is in the patient's words, replacing the walk/run pattern; empty for none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub what: String,
    /// A checklist to tick before the first run of this stage (e.g. a test before sprinting).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub check: Vec<String>,
}

/// Everything loaded and checked: the exercise library and the programs, by id.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub library: Library,
    pub programs: BTreeMap<String, Program>,
}

impl Catalog {
    /// A program by id or alias.
    pub fn find_program(&self, name: &str) -> Option<&Program> {
        let name = name.trim().to_lowercase();
        self.programs.values().find(|p| p.matches(&name))
    }
}

/// A repetition's tempo: seconds lowering (eccentric), paused at the bottom, lifting
/// (concentric) and held still at the top (isometric). Written as `"3-1-3"` (down-pause-up),
/// `"3-1-3-2"` (then the hold), or in words: `"3 s up, 3 s down"`, `"2 s down, 5 s hold"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tempo {
    pub down: u32,
    pub pause: u32,
    pub up: u32,
    pub hold: u32,
}

/// Longest part of a tempo, in seconds.
pub const TEMPO_PART_MAX: u32 = 60;

impl Tempo {
    /// Reads a tempo, or says what is wrong with it (a message for `validate`).
    pub fn parse(text: &str) -> Result<Tempo, String> {
        let t = text.trim();
        let mut tempo = Tempo::default();
        let too_long = |n: u32| {
            (n > TEMPO_PART_MAX)
                .then(|| format!("a tempo part of {n} s is too long (at most {TEMPO_PART_MAX} s)"))
        };
        if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '-') {
            let parts: Vec<&str> = t.split('-').collect();
            let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
            match nums {
                Some(n) if n.len() == 3 || n.len() == 4 => {
                    if let Some(e) = n.iter().find_map(|&v| too_long(v)) {
                        return Err(e);
                    }
                    tempo = Tempo {
                        down: n[0],
                        pause: n[1],
                        up: n[2],
                        hold: n.get(3).copied().unwrap_or(0),
                    };
                }
                _ => return Err(format!("cannot read tempo `{t}`")),
            }
        } else {
            let mut seen: Vec<&str> = Vec::new();
            for part in t.split([',', '+']).map(str::trim) {
                let words: Vec<&str> = part.split_whitespace().collect();
                let (num, rest) = match words.as_slice() {
                    [n, rest @ ..] => (n.trim_end_matches('s'), rest),
                    _ => return Err(format!("cannot read tempo `{t}`")),
                };
                let Ok(n) = num.parse::<u32>() else {
                    return Err(format!("cannot read tempo `{t}`"));
                };
                let rest: Vec<&str> = rest
                    .iter()
                    .copied()
                    .filter(|w| !["s", "sec", "secs", "second", "seconds"].contains(w))
                    .collect();
                let key = match rest.as_slice() {
                    ["up"] | ["concentric"] | ["lift"] => "up",
                    ["down"] | ["eccentric"] | ["lower"] => "down",
                    ["pause"] => "pause",
                    ["hold"] | ["isometric"] | ["isometric", "hold"] => "hold",
                    _ => return Err(format!("cannot read tempo `{t}`")),
                };
                if seen.contains(&key) {
                    return Err(format!("tempo `{t}` gives `{key}` twice"));
                }
                seen.push(key);
                if let Some(e) = too_long(n) {
                    return Err(e);
                }
                match key {
                    "up" => tempo.up = n,
                    "down" => tempo.down = n,
                    "pause" => tempo.pause = n,
                    _ => tempo.hold = n,
                }
            }
        }
        if tempo.seconds() == 0 {
            return Err(format!("tempo `{t}` takes no time"));
        }
        Ok(tempo)
    }

    /// Seconds one repetition takes.
    pub fn seconds(&self) -> u32 {
        self.down + self.pause + self.up + self.hold
    }

    /// The short form kept in plans and JSON: `"3-1-3"`, or `"3-1-3-2"` with a hold.
    pub fn canonical(&self) -> String {
        if self.hold > 0 {
            format!("{}-{}-{}-{}", self.down, self.pause, self.up, self.hold)
        } else {
            format!("{}-{}-{}", self.down, self.pause, self.up)
        }
    }
}

#[cfg(test)]
mod tempo_tests {
    use super::Tempo;

    #[test]
    fn tempo_reads_numbers_and_words() {
        let t = |s: &str| Tempo::parse(s).map(|t| t.canonical());
        assert_eq!(t("3-1-3"), Ok("3-1-3".into()));
        assert_eq!(t("3-0-3-2"), Ok("3-0-3-2".into()));
        assert_eq!(t("3 s up, 3 s down"), Ok("3-0-3".into()));
        assert_eq!(
            t("2s eccentric + 1 s pause + 2 s concentric"),
            Ok("2-1-2".into())
        );
        assert_eq!(t("5 s isometric hold"), Ok("0-0-0-5".into()));
        assert_eq!(t("slow"), Err("cannot read tempo `slow`".into()));
        assert_eq!(
            t("3 s up, 2 s up"),
            Err("tempo `3 s up, 2 s up` gives `up` twice".into())
        );
        assert_eq!(t("0-0-0"), Err("tempo `0-0-0` takes no time".into()));
        assert_eq!(t("3-1"), Err("cannot read tempo `3-1`".into()));
        assert_eq!(Tempo::parse("3-1-3").unwrap().seconds(), 7);
    }
}
