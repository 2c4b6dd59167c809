//! Hand-built plans for tests: a realistic hip-and-core program for patellofemoral pain with
//! three phases, training on Monday, Wednesday and Friday, daily stretches on the other days,
//! and from week 9 walk-run days (return to running) on Tuesdays and Saturdays.

use crate::model::Category::{self, *};
use crate::model::Position::{self, *};
use crate::model::{
    DoseKind, Evidence, Exercise, PainRule, Phase, Program, RedFlag, Reference, ReturnToRun,
    RunStage, Urgency,
};
use crate::plan::types::{ClinicianNote, ExerciseInfo, Item, Plan, Session, SessionKind, Week};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// An exercise of the sample: id, name, category, position, equipment, done per side.
type Ex = (
    &'static str,
    &'static str,
    Category,
    Position,
    &'static [&'static str],
    bool,
);

#[rustfmt::skip]
const EXERCISES: &[Ex] = &[
    ("clamshell",                "Clamshell",                        Hip,         Lying,    &["band"],         true),
    ("side-lying-hip-abduction", "Side-lying hip abduction",         Hip,         Lying,    &[],               true),
    ("glute-bridge",             "Glute bridge",                     Hip,         Lying,    &[],               false),
    ("side-plank",               "Side plank on knees",              Core,        Lying,    &[],               true),
    ("bird-dog",                 "Bird dog",                         Core,        Kneeling, &[],               true),
    ("hip-flexor-stretch",       "Kneeling hip flexor stretch",      Flexibility, Kneeling, &[],               true),
    ("seated-knee-extension",    "Seated knee extension",            Knee,        Sitting,  &["ankle-weight"], true),
    ("standing-hip-abduction",   "Standing hip abduction with band", Hip,         Standing, &["band"],         true),
    ("calf-stretch",             "Calf stretch at a wall",           Flexibility, Standing, &[],               true),
    ("exercise-bike",            "Easy cycling",                     Cardio,      Sitting,  &["bike"],         false),
];

/// An exercise's dose in week 1: id, sets, reps, hold, time, load, tempo.
type FirstDose = (
    &'static str,
    u32,
    Option<u32>,
    Option<u32>,
    Option<u32>,
    Option<&'static str>,
    Option<&'static str>,
);

#[rustfmt::skip]
const FIRST_DOSES: &[FirstDose] = &[
    ("clamshell",                2, Some(10), None,     None,      Some("light band"),  Some("2-1-2")),
    ("side-lying-hip-abduction", 2, Some(10), None,     None,      None,                Some("2-1-3")),
    ("glute-bridge",             3, Some(10), None,     None,      Some("bodyweight"),  None),
    ("side-plank",               2, None,     Some(20), None,      None,                None),
    ("bird-dog",                 2, Some(8),  Some(5),  None,      None,                None),
    ("hip-flexor-stretch",       2, None,     Some(30), None,      None,                None),
    ("seated-knee-extension",    3, Some(12), None,     None,      Some("1 kg"),        Some("3-1-3")),
    ("standing-hip-abduction",   2, Some(12), None,     None,      Some("medium band"), None),
    ("calf-stretch",             2, None,     Some(30), None,      None,                None),
    ("exercise-bike",            1, None,     None,     Some(300), None,                None),
];

/// Training-day exercises (ids), in the order the program lists them (positions mixed on
/// purpose: the printout must group them).
const TRAINING: &[&str] = &[
    "exercise-bike",
    "standing-hip-abduction",
    "clamshell",
    "seated-knee-extension",
    "glute-bridge",
    "bird-dog",
    "side-lying-hip-abduction",
    "side-plank",
    "calf-stretch",
];
/// Daily stretches (also on training days).
const DAILY: &[&str] = &["hip-flexor-stretch", "calf-stretch"];

fn ex(id: &str) -> &'static Ex {
    EXERCISES
        .iter()
        .find(|e| e.0 == id)
        .expect("known exercise")
}

fn first_dose(id: &str) -> &'static FirstDose {
    FIRST_DOSES
        .iter()
        .find(|d| d.0 == id)
        .expect("known exercise")
}

/// Exercise `id` in plan week `week`: the first dose grown every two weeks.
fn item(id: &str, week: u32) -> Item {
    let &(id, name, category, position, equipment, per_side) = ex(id);
    let &(_, sets, reps, hold, time, load, tempo) = first_dose(id);
    let grow = (week - 1) / 2;
    let sets = (sets + grow / 2).min(4);
    let reps = reps.map(|r| (r + 2 * (grow % 2)).min(15));
    let hold = hold.map(|h| (h + 5 * grow).min(45));
    let time = time.map(|t| t + 60 * grow);
    Item {
        slot: (1, 1),
        id: id.into(),
        name: name.into(),
        category,
        position,
        equipment: equipment.iter().map(|s| s.to_string()).collect(),
        sets,
        reps,
        hold_seconds: hold,
        time_seconds: time,
        distance_m: None,
        per_side,
        load: load.map(String::from),
        tempo: tempo.map(String::from),
        rest_seconds: if time.is_some() { 0 } else { 60 },
        times_a_day: 1,
        minutes: 2.5,
        note: if id == "clamshell" {
            "Keep your feet together throughout.".into()
        } else {
            String::new()
        },
        caution: if id == "seated-knee-extension" {
            "Stop short of full straightening if the front of the knee aches.".into()
        } else {
            String::new()
        },
        explain: Vec::new(),
    }
}

/// The appendix entry of an exercise: the same texts for every exercise of the sample.
fn info(e: &Ex) -> ExerciseInfo {
    let &(id, name, category, position, equipment, per_side) = e;
    let &(_, _, _, hold, time, _, _) = first_dose(id);
    let exercise = Exercise {
        id: id.into(),
        name: name.into(),
        category,
        muscles: vec!["gluteus medius".into(), "deep hip rotators".into()],
        equipment: equipment.iter().map(|s| s.to_string()).collect(),
        position,
        dose: match (hold, time) {
            (_, Some(_)) => DoseKind::Time,
            (Some(_), _) => DoseKind::Hold,
            _ => DoseKind::Reps,
        },
        per_side,
        instructions: vec![
            format!("Get into the starting position for the {} slowly and check that your back is relaxed.", name.to_lowercase()),
            "Breathe out as you do the hardest part of the movement, and keep the movement smooth and controlled from start to finish.".into(),
            "Pause for a moment at the end of the movement.".into(),
            "Return slowly to the start. Rest as long as you need before the next repetition.".into(),
        ],
        cues: vec!["Keep your hips level.".into(), "Think of moving from the hip, not the knee.".into()],
        mistakes: vec!["Rushing the lowering phase.".into(), "Holding your breath.".into()],
        easier: Vec::new(),
        harder: Vec::new(),
        contraindicated: Vec::new(),
        caution: Vec::new(),
        caution_note: String::new(),
        source: "Exercise as used in published hip-strengthening trials; description written for rehabplan.".into(),
        license: "CC0-1.0".into(),
        origin: String::new(),
        figure: None,
    };
    ExerciseInfo {
        exercise,
        easier_names: vec!["A smaller range of movement".into()],
        harder_names: vec!["The same movement with a stronger band".into()],
    }
}

/// The sample program: three phases of four weeks, a walk-run ladder from week 9.
fn program() -> Program {
    Program {
        id: "pfps".into(),
        title: "Patellofemoral pain (runner's knee)".into(),
        aliases: Vec::new(),
        summary: "Ache around or behind the kneecap, worse on stairs, squats and running.".into(),
        description: "The kneecap glides in a groove at the front of the thigh bone. When the muscles \
            around the hip and knee cannot control the leg well, the load on that groove rises and the \
            front of the knee starts to ache.\n\nStrengthening the hip and trunk muscles takes load off \
            the kneecap. Most people improve within six to twelve weeks."
            .into(),
        location_note: "This pain is usually around or behind the kneecap, not on the inside of the knee.".into(),
        evidence: Evidence::Extrapolated,
        evidence_note: "Trials tested this program in recreational runners with pain at the front of the knee."
            .into(),
        red_flags: vec![RedFlag {
            sign: "the kneecap slips out of place".into(),
            question: "Has the kneecap slipped out of place?".into(),
            why: String::new(),
            urgency: Urgency::Days,
            rationale: String::new(),
        }],
        general_red_flags: Default::default(),
        pain_rule: PainRule {
            green_max: 3,
            amber_max: 5,
            settle_by_morning: true,
            source: "silbernagel2007".into(),
            note: "Pain should not get worse from week to week.".into(),
            rationale: "The limits of the pain-monitoring model.".into(),
        },
        references: vec![
            Reference {
                id: "ferber2015".into(),
                citation: "Ferber R, Bolgla L, Earl-Boehm JE, et al. 2015. J Athl Train 50(4):366-377.".into(),
                verified: true,
            },
            Reference {
                id: "silbernagel2007".into(),
                citation: "Silbernagel KG, Thomeé R, Eriksson BI, Karlsson J. 2007. Am J Sports Med 35:897-906."
                    .into(),
                verified: false,
            },
        ],
        phases: phases(),
        return_to_run: Some(ladder()),
        causes: vec!["pfps".into()],
        origin: String::new(),
        rationale: String::new(),
        checks: Vec::new(),
    }
}

/// The program's phases (weeks 1-4, 5-8, 9-12) with their goals; their slots are left out,
/// as the sample's weeks are built by hand.
fn phases() -> Vec<Phase> {
    let phase = |number: usize, name: &str, goals: &[&str]| Phase {
        number,
        name: name.into(),
        first_week: 4 * number as u32 - 3,
        last_week: 4 * number as u32,
        sessions_per_week: 3,
        goals: goals.iter().map(|g| g.to_string()).collect(),
        progress_when: vec![
            "Every session this phase stayed at 3/10 pain or less".into(),
            "You can do all sets with good form".into(),
        ],
        slots: Vec::new(),
        rationale: String::new(),
    };
    vec![
        phase(
            1,
            "Activation",
            &["Wake up the hip muscles without knee pain"],
        ),
        phase(
            2,
            "Strength",
            &["Build hip and core strength", "Keep pain at 3/10 or less"],
        ),
        phase(3, "Return to running", &["Prepare for a walk-run program"]),
    ]
}

/// The walk-run ladder: a walk-run stage, then a jog with strides after a check.
fn ladder() -> ReturnToRun {
    ReturnToRun {
        start_week: 9,
        repeat: 2,
        per_week: 2,
        source: "ferber2015".into(),
        entry_criteria: vec![
            "30 minutes of brisk walking without pain".into(),
            "10 single-leg hops on each side without pain".into(),
        ],
        rules: vec![
            "At least one rest day between walk-run days.".into(),
            "Do not progress if the knee is swollen, stiff or more painful.".into(),
        ],
        stages: vec![
            RunStage {
                walk: 120,
                run: 180,
                distance: 1600,
                effort: "3/10".into(),
                what: String::new(),
                check: Vec::new(),
            },
            RunStage {
                walk: 0,
                run: 0,
                distance: 2000,
                effort: "5/10".into(),
                what: "Jog, then 4 strides at about half speed".into(),
                check: vec!["The fast leg-raise test feels safe".into()],
            },
        ],
        rationale: "The ladder of the hip-and-core program.".into(),
    }
}

/// Plan week `n` from `start`: training on the `training_days`, the daily stretches on every
/// day; from week 13 the program's last week repeats.
fn week(program: &Program, start: NaiveDate, training_days: &[Weekday], n: u32) -> Week {
    let week_start = start + Duration::days(7 * i64::from(n - 1));
    let phase = program.phase_for_week(n.min(12));
    let sessions = (0..7)
        .map(|d| {
            let date = week_start + Duration::days(d);
            session(date, training_days.contains(&date.weekday()), n)
        })
        .collect();
    Week {
        number: n,
        program_week: n.min(12),
        adjustment: String::new(),
        phase: phase.name.clone(),
        phase_number: phase.number,
        maintenance: n > 12,
        start: week_start,
        end: week_start + Duration::days(6),
        goals: phase.goals.clone(),
        progress_when: phase.progress_when.clone(),
        sessions,
    }
}

/// The session on `date` of plan week `n`: the training exercises on a training day, then
/// the daily stretches not done already.
fn session(date: NaiveDate, training: bool, n: u32) -> Session {
    let mut items: Vec<Item> = if training {
        TRAINING.iter().map(|id| item(id, n)).collect()
    } else {
        Vec::new()
    };
    for id in DAILY {
        if !items.iter().any(|i| i.id == *id) {
            items.push(item(id, n));
        }
    }
    Session {
        date,
        weekday: crate::plan::types::weekday_id(date.weekday()).into(),
        kind: if training {
            SessionKind::Training
        } else {
            SessionKind::Daily
        },
        minutes: items.iter().map(|i| i.minutes).sum(),
        exercises: items,
        left_out: Vec::new(),
    }
}

/// A plan of `weeks` weeks starting Monday 3 March 2025, with `patient` as the name.
pub fn sample_plan_for(weeks: u32, patient: Option<&str>) -> Plan {
    let start = NaiveDate::from_ymd_opt(2025, 3, 3).expect("a date");
    let training_days = vec![Weekday::Mon, Weekday::Wed, Weekday::Fri];
    let program = program();
    let plan_weeks = (1..=weeks)
        .map(|n| week(&program, start, &training_days, n))
        .collect();
    let mut exercises = Vec::new();
    for id in TRAINING.iter().chain(DAILY.iter()) {
        if !exercises.iter().any(|x: &ExerciseInfo| x.id == *id) {
            exercises.push(info(ex(id)));
        }
    }
    // As the planner does: the ladder is offered once the plan reaches its first week.
    let runs = program
        .return_to_run
        .as_ref()
        .filter(|r| r.start_week <= weeks)
        .map(|r| crate::plan::ladder::runs(r, &Default::default()))
        .unwrap_or_default();
    Plan {
        patient: patient.map(String::from),
        program,
        clinician_notes: vec![
            ClinicianNote {
                about: "Program".into(),
                text: "Hip and core work first, as in the hip-and-core trial.".into(),
            },
            ClinicianNote {
                about: "Phase 1 (weeks 1-4), Clamshell".into(),
                text: "Done lying face down in the source's first week.".into(),
            },
        ],
        start,
        end: start + Duration::days(7 * i64::from(weeks) - 1),
        training_days,
        level: "standard".into(),
        weeks: plan_weeks,
        warnings: Vec::new(),
        exercises,
        screening: Default::default(),
        runs,
        checks: Vec::new(),
    }
}

/// [`sample_plan_for`] with the patient "Zoë Łukasiewicz".
pub fn sample_plan(weeks: u32) -> Plan {
    sample_plan_for(weeks, Some("Zoë Łukasiewicz"))
}
