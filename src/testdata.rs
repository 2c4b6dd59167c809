//! Hand-built plans for tests: a realistic hip-and-core program for patellofemoral pain with
//! three phases, training on Monday, Wednesday and Friday, daily stretches on the other days,
//! and from week 9 walk-run days (return to running) on Tuesdays and Saturdays.

use crate::model::{Category, Evidence, PainRule, Position, Reference, ReturnToRun, RunStage};
use crate::plan::types::{
    CauseRef, ClinicianNote, ExerciseInfo, Item, Plan, ProgramInfo, Session, SessionKind, Week,
};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

struct Ex {
    id: &'static str,
    name: &'static str,
    category: Category,
    position: Position,
    equipment: &'static [&'static str],
    per_side: bool,
    /// (sets, reps, hold, time) in week 1.
    dose: (u32, Option<u32>, Option<u32>, Option<u32>),
    load: Option<&'static str>,
    tempo: Option<&'static str>,
}

const EXERCISES: &[Ex] = &[
    Ex {
        id: "clamshell",
        name: "Clamshell",
        category: Category::Hip,
        position: Position::Lying,
        equipment: &["band"],
        per_side: true,
        dose: (2, Some(10), None, None),
        load: Some("light band"),
        tempo: Some("2-1-2"),
    },
    Ex {
        id: "side-lying-hip-abduction",
        name: "Side-lying hip abduction",
        category: Category::Hip,
        position: Position::Lying,
        equipment: &[],
        per_side: true,
        dose: (2, Some(10), None, None),
        load: None,
        tempo: Some("2-1-3"),
    },
    Ex {
        id: "glute-bridge",
        name: "Glute bridge",
        category: Category::Hip,
        position: Position::Lying,
        equipment: &[],
        per_side: false,
        dose: (3, Some(10), None, None),
        load: Some("bodyweight"),
        tempo: None,
    },
    Ex {
        id: "side-plank",
        name: "Side plank on knees",
        category: Category::Core,
        position: Position::Lying,
        equipment: &[],
        per_side: true,
        dose: (2, None, Some(20), None),
        load: None,
        tempo: None,
    },
    Ex {
        id: "bird-dog",
        name: "Bird dog",
        category: Category::Core,
        position: Position::Kneeling,
        equipment: &[],
        per_side: true,
        dose: (2, Some(8), Some(5), None),
        load: None,
        tempo: None,
    },
    Ex {
        id: "hip-flexor-stretch",
        name: "Kneeling hip flexor stretch",
        category: Category::Flexibility,
        position: Position::Kneeling,
        equipment: &[],
        per_side: true,
        dose: (2, None, Some(30), None),
        load: None,
        tempo: None,
    },
    Ex {
        id: "seated-knee-extension",
        name: "Seated knee extension",
        category: Category::Knee,
        position: Position::Sitting,
        equipment: &["ankle-weight"],
        per_side: true,
        dose: (3, Some(12), None, None),
        load: Some("1 kg"),
        tempo: Some("3-1-3"),
    },
    Ex {
        id: "standing-hip-abduction",
        name: "Standing hip abduction with band",
        category: Category::Hip,
        position: Position::Standing,
        equipment: &["band"],
        per_side: true,
        dose: (2, Some(12), None, None),
        load: Some("medium band"),
        tempo: None,
    },
    Ex {
        id: "calf-stretch",
        name: "Calf stretch at a wall",
        category: Category::Flexibility,
        position: Position::Standing,
        equipment: &[],
        per_side: true,
        dose: (2, None, Some(30), None),
        load: None,
        tempo: None,
    },
    Ex {
        id: "exercise-bike",
        name: "Easy cycling",
        category: Category::Cardio,
        position: Position::Sitting,
        equipment: &["bike"],
        per_side: false,
        dose: (1, None, None, Some(300)),
        load: None,
        tempo: None,
    },
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
        .find(|e| e.id == id)
        .expect("known exercise")
}

fn item(id: &str, week: u32) -> Item {
    let e = ex(id);
    let (sets, reps, hold, time) = e.dose;
    let grow = (week - 1) / 2;
    let sets = (sets + grow / 2).min(4);
    let reps = reps.map(|r| (r + 2 * (grow % 2)).min(15));
    let hold = hold.map(|h| (h + 5 * grow).min(45));
    let time = time.map(|t| t + 60 * grow);
    Item {
        slot: (1, 1),
        id: e.id.into(),
        name: e.name.into(),
        category: e.category,
        position: e.position,
        equipment: e.equipment.iter().map(|s| s.to_string()).collect(),
        sets,
        reps,
        hold_seconds: hold,
        time_seconds: time,
        distance_m: None,
        per_side: e.per_side,
        load: e.load.map(String::from),
        tempo: e.tempo.map(String::from),
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

fn info(e: &Ex) -> ExerciseInfo {
    ExerciseInfo {
        id: e.id.into(),
        name: e.name.into(),
        category: e.category,
        position: e.position,
        equipment: e.equipment.iter().map(|s| s.to_string()).collect(),
        muscles: vec!["gluteus medius".into(), "deep hip rotators".into()],
        instructions: vec![
            format!("Get into the starting position for the {} slowly and check that your back is relaxed.", e.name.to_lowercase()),
            "Breathe out as you do the hardest part of the movement, and keep the movement smooth and controlled from start to finish.".into(),
            "Pause for a moment at the end of the movement.".into(),
            "Return slowly to the start. Rest as long as you need before the next repetition.".into(),
        ],
        cues: vec!["Keep your hips level.".into(), "Think of moving from the hip, not the knee.".into()],
        mistakes: vec!["Rushing the lowering phase.".into(), "Holding your breath.".into()],
        easier: vec!["A smaller range of movement".into()],
        harder: vec!["The same movement with a stronger band".into()],
        source: "Exercise as used in published hip-strengthening trials; description written for rehabplan.".into(),
        license: "CC0-1.0".into(),
        figure: None,
    }
}

/// A plan of `weeks` weeks starting Monday 3 March 2025, with `patient` as the name.
pub fn sample_plan_for(weeks: u32, patient: Option<&str>) -> Plan {
    let start = NaiveDate::from_ymd_opt(2025, 3, 3).expect("a date");
    let training_days = vec![Weekday::Mon, Weekday::Wed, Weekday::Fri];
    let phases = [
        (
            "Activation",
            vec!["Wake up the hip muscles without knee pain".to_string()],
        ),
        (
            "Strength",
            vec![
                "Build hip and core strength".to_string(),
                "Keep pain at 3/10 or less".to_string(),
            ],
        ),
        (
            "Return to running",
            vec!["Prepare for a walk-run program".to_string()],
        ),
    ];
    let mut plan_weeks = Vec::new();
    for n in 1..=weeks {
        let week_start = start + Duration::days(7 * i64::from(n - 1));
        let phase_number = match n {
            1..=4 => 1,
            5..=8 => 2,
            _ => 3,
        };
        let (phase, goals) = &phases[phase_number - 1];
        let mut sessions = Vec::new();
        for d in 0..7 {
            let date = week_start + Duration::days(d);
            let training = training_days.contains(&date.weekday());
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
            sessions.push(Session {
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
            });
        }
        plan_weeks.push(Week {
            number: n,
            program_week: n.min(12),
            adjustment: String::new(),
            phase: phase.to_string(),
            phase_number,
            maintenance: n > 12,
            start: week_start,
            end: week_start + Duration::days(6),
            goals: goals.clone(),
            progress_when: vec![
                "Every session this phase stayed at 3/10 pain or less".into(),
                "You can do all sets with good form".into(),
            ],
            sessions,
        });
    }
    let mut exercises = Vec::new();
    for id in TRAINING.iter().chain(DAILY.iter()) {
        let e = ex(id);
        if !exercises.iter().any(|x: &ExerciseInfo| x.id == e.id) {
            exercises.push(info(e));
        }
    }
    let mut plan = Plan {
        patient: patient.map(String::from),
        cause: CauseRef { id: "pfps".into(), title: "Patellofemoral pain (runner's knee)".into() },
        program: ProgramInfo {
            id: "pfps".into(),
            title: "Patellofemoral pain (runner's knee)".into(),
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
            red_flags: vec![crate::model::RedFlag {
                sign: "the kneecap slips out of place".into(),
                question: "Has the kneecap slipped out of place?".into(),
                why: String::new(),
                urgency: crate::model::Urgency::Days,
                rationale: String::new(),
            }],
            general_red_flags: Default::default(),
            return_to_run: Some(ReturnToRun {
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
            }),
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
            weeks: 12,
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
            checks: Vec::new(),
        },
        start,
        end: start + Duration::days(7 * i64::from(weeks) - 1),
        training_days,
        level: "standard".into(),
        weeks: plan_weeks,
        warnings: Vec::new(),
        exercises,
        screening: Default::default(),
        runs: Vec::new(),
        checks: Vec::new(),
    };
    // As the planner does: the ladder is offered once the plan reaches its first week.
    plan.runs = plan
        .program
        .return_to_run
        .as_ref()
        .filter(|r| r.start_week <= weeks)
        .map(|r| crate::plan::ladder::runs(r, &Default::default()))
        .unwrap_or_default();
    plan
}

/// [`sample_plan_for`] with the patient "Zoë Łukasiewicz".
pub fn sample_plan(weeks: u32) -> Plan {
    sample_plan_for(weeks, Some("Zoë Łukasiewicz"))
}
