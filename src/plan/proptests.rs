//! Property tests of the planner over generated libraries, programs and options.
//!
//! The model values are built directly (its fields are open on purpose, see ARCHITECTURE.md,
//! "Plan"), keeping the validator's rules by construction: no slot uses an exercise
//! contraindicated for the cause, phases cover weeks 1..N, doses come from
//! `validate::progress`.

use super::*;
use crate::model::{
    Category, Dose, DoseKind, Evidence, Exercise, Frequency, Library, PainRule, Phase, Position,
    Program, Progression, Slot,
};
use crate::validate::progress;
use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;
use std::collections::BTreeSet;

const CAUSES: [&str; 3] = ["c1", "c2", "c3"];
const KINDS: [DoseKind; 3] = [DoseKind::Reps, DoseKind::Hold, DoseKind::Time];
const EQUIP: [&str; 3] = ["band", "step", "ball"];
/// Strength work (hip, core), stretches (flexibility) and aerobic work (cardio).
const CATEGORIES: [Category; 4] = [
    Category::Hip,
    Category::Core,
    Category::Flexibility,
    Category::Cardio,
];

fn exercise(
    i: usize,
    cat: u8,
    kind: u8,
    equip: u8,
    contra: u8,
    easier: Option<usize>,
    harder: Option<usize>,
) -> Exercise {
    Exercise {
        id: format!("e{i}"),
        name: format!("Exercise {i}"),
        category: CATEGORIES[(cat % 4) as usize],
        muscles: vec![],
        equipment: EQUIP
            .iter()
            .enumerate()
            .filter(|(b, _)| equip & (1 << b) != 0)
            .map(|(_, e)| e.to_string())
            .collect(),
        position: Position::ALL[i % 4],
        dose: KINDS[(kind % 3) as usize],
        per_side: i.is_multiple_of(2),
        instructions: vec!["Do it.".into()],
        cues: vec![],
        mistakes: vec![],
        easier: easier.map(|e| vec![format!("e{e}")]).unwrap_or_default(),
        harder: harder.map(|e| vec![format!("e{e}")]).unwrap_or_default(),
        contraindicated: CAUSES
            .iter()
            .enumerate()
            .filter(|(b, _)| contra & (1 << b) != 0)
            .map(|(_, c)| c.to_string())
            .collect(),
        caution: vec![],
        caution_note: String::new(),
        source: String::new(),
        license: String::new(),
        origin: String::new(),
        figure: None,
    }
}

prop_compose! {
    fn library()(specs in prop::collection::vec((any::<u8>(), any::<u8>(), 0u8..8, 0u8..8, any::<u8>(), any::<u8>()), 3..20)) -> Library {
        let n = specs.len();
        let mut lib = Library::default();
        for (i, (cat, kind, equip, contra, e, h)) in specs.into_iter().enumerate() {
            let easier = (e % 3 == 0).then_some((e as usize) % n).filter(|&x| x != i);
            let harder = (h % 3 == 0).then_some((h as usize) % n).filter(|&x| x != i);
            // Exercise 0 is safe for c1, needs nothing: every program has something to schedule.
            let (equip, contra) = if i == 0 { (0, 0) } else { (equip, contra) };
            let ex = exercise(i, cat, kind, equip, contra, easier, harder);
            lib.exercises.insert(ex.id.clone(), ex);
        }
        lib
    }
}

/// A slot spec: exercise pick, frequency, start dose, progression steps.
type SlotSpec = (usize, u8, u8, u8, u8, u8);

fn make_slot(lib: &Library, index: usize, spec: SlotSpec, weeks: u32) -> Option<Slot> {
    let (pick, freq, sets, reps, add, rule) = spec;
    let allowed: Vec<&Exercise> = lib
        .exercises
        .values()
        .filter(|e| !e.contraindicated.contains(&"c1".to_string()))
        .collect();
    let ex = allowed[pick % allowed.len()];
    let base = Dose {
        exercise: ex.id.clone(),
        sets: 1 + (sets % 4) as u32,
        reps: matches!(ex.dose, DoseKind::Reps | DoseKind::Hold).then_some(5 + (reps % 10) as u32),
        hold: (ex.dose == DoseKind::Hold).then_some(10 + (reps % 30) as u32),
        time: (ex.dose == DoseKind::Time).then_some(60 * (1 + (reps % 10) as u32)),
        distance: None,
        load: None,
        tempo: None,
        rest: 30,
        // Every other slot has a note of its own for the week; the others print the slot's.
        note: (add % 2 == 0).then(|| format!("Week note for {}.", ex.id)),
    };
    let p = Progression {
        every: 1 + (rule % 2) as u32,
        add_reps: (add % 3) as u32,
        max_reps: Some(15),
        add_sets: 1,
        max_sets: Some(4),
        reset_reps: Some(8),
        add_hold: (add % 2) as u32 * 5,
        max_hold: Some(60),
        add_time: 30,
        max_time: Some(900),
    };
    let frequency = match freq % 4 {
        0 | 1 => Frequency::Session,
        2 => Frequency::Daily,
        _ => Frequency::EveryDays(2 + (freq as u32 % 2)),
    };
    Some(Slot {
        index,
        frequency,
        priority: 1 + freq % 5,
        source: None,
        note: format!("Note for {}.", ex.id),
        weeks: (0..weeks)
            .map(|k| progress(&p, base.clone(), k / p.every))
            .collect(),
        how: "rule".into(),
        rationale: String::new(),
        step_rationales: vec![],
    })
}

prop_compose! {
    fn program(lib: Library)(
        phases in prop::collection::vec((1u32..5, 1u32..8, prop::collection::vec(any::<SlotSpec>(), 1..6)), 1..4),
    ) -> (Library, Program) {
        let mut first = 1;
        let mut out = Vec::new();
        for (n, (len, sessions, slots)) in phases.into_iter().enumerate() {
            let slots = slots.into_iter().enumerate().filter_map(|(i, s)| make_slot(&lib, i + 1, s, len)).collect();
            out.push(Phase {
                number: n + 1,
                name: format!("P{}", n + 1),
                first_week: first,
                last_week: first + len - 1,
                sessions_per_week: sessions,
                goals: vec![],
                progress_when: vec![],
                slots,
                rationale: String::new(),
            });
            first += len;
        }
        let prog = Program {
            id: "c1".into(),
            title: "T".into(),
            aliases: vec![],
            summary: String::new(),
            description: String::new(),
            location_note: String::new(),
            evidence: Evidence::Trial,
            evidence_note: String::new(),
            red_flags: vec![],
            general_red_flags: Default::default(),
            pain_rule: PainRule { green_max: 3, amber_max: 5, settle_by_morning: true, source: String::new(), note: String::new(), rationale: String::new() },
            references: vec![],
            phases: out,
            causes: vec!["c1".into()],
            return_to_run: None,
            checks: vec![],
            origin: String::new(),
            rationale: String::new(),
        };
        (lib.clone(), prog)
    }
}

prop_compose! {
    fn options()(
        day in 0i64..4000,
        weeks in prop::option::of(1u32..30),
        days in prop::option::of(1u8..128),
        level in 0u8..3,
        equipment in prop::option::of(0u8..8),
        minutes in prop::option::of(5u32..60),
    ) -> Options {
        let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(day);
        let mut o = Options::new(start);
        o.weeks = weeks;
        o.days = days.map(|bits| (0..7).filter(|b| bits & (1 << b) != 0).map(|b| Weekday::try_from(b as u8).unwrap()).collect());
        o.level = [Level::Beginner, Level::Intermediate, Level::Advanced][level as usize];
        o.equipment = equipment.map(|bits| EQUIP.iter().enumerate().filter(|(b, _)| bits & (1 << b) != 0).map(|(_, e)| e.to_string()).collect::<BTreeSet<_>>());
        o.minutes = minutes;
        o
    }
}

/// A slot (phase, slot) and the exercise in it.
type SlotExercise = ((usize, usize), String);
/// Sets, reps, hold and time seconds of one dose (0 when the dose has none).
type DoseSeen = (u32, u32, u32, u32);

fn case() -> impl Strategy<Value = (Library, Program, Options)> {
    (library().prop_flat_map(program), options()).prop_map(|((l, p), o)| (l, p, o))
}

/// The exercise the program wrote an item's slot for, in the item's week.
fn original<'a>(prog: &'a Program, week: &Week, it: &Item) -> &'a str {
    let phase = &prog.phases[it.slot.0 - 1];
    let slot = phase.slots.iter().find(|s| s.index == it.slot.1).unwrap();
    let i = (week.program_week - phase.first_week) as usize;
    &slot.weeks[i.min(slot.weeks.len() - 1)].exercise
}

/// Exercises reachable from `id` through `easier` links only (`id` included).
fn easier_closure(lib: &Library, id: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::from([id.to_string()]);
    let mut queue = vec![id.to_string()];
    while let Some(x) = queue.pop() {
        for e in lib.get(&x).map(|e| e.easier.clone()).unwrap_or_default() {
            if seen.insert(e.clone()) {
                queue.push(e);
            }
        }
    }
    seen
}

/// 0: warm-up (aerobic), 1: strength, 2: stretch.
fn part(it: &Item) -> u8 {
    match it.category {
        Category::Cardio => 0,
        Category::Flexibility => 2,
        _ => 1,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn sessions_fall_on_training_days_inside_the_plan((lib, prog, opts) in case()) {
        let plan = plan(&lib, &prog, &opts);
        let expected_weeks = opts.weeks.unwrap_or(prog.weeks());
        prop_assert_eq!(plan.weeks.len() as u32, expected_weeks);
        prop_assert_eq!(plan.end, opts.start + chrono::Duration::days(7 * expected_weeks as i64 - 1));
        if let Some(days) = &opts.days {
            let mut d = days.clone();
            d.sort_by_key(|x| x.num_days_from_monday());
            prop_assert_eq!(&plan.training_days, &d);
        }
        let mut last = None;
        for w in &plan.weeks {
            for s in &w.sessions {
                prop_assert!(s.date >= plan.start && s.date <= plan.end, "{} outside {}..{}", s.date, plan.start, plan.end);
                prop_assert!(s.date >= w.start && s.date <= w.end);
                if s.kind == SessionKind::Training {
                    prop_assert!(plan.training_days.contains(&s.date.weekday()), "{} is a {} and not a training day", s.date, s.date.weekday());
                }
                prop_assert!(last.is_none_or(|l| s.date > l), "dates out of order");
                last = Some(s.date);
            }
        }
    }

    #[test]
    fn contraindicated_exercises_are_never_scheduled((lib, prog, opts) in case()) {
        let plan = plan(&lib, &prog, &opts);
        for w in &plan.weeks {
            for s in &w.sessions {
                for it in &s.exercises {
                    let ex = lib.get(&it.id).unwrap();
                    prop_assert!(!ex.contraindicated.iter().any(|c| prog.causes.contains(c)), "{} is contraindicated", it.id);
                }
            }
        }
    }

    #[test]
    fn equipment_filter_is_respected((lib, prog, opts) in case()) {
        let plan = plan(&lib, &prog, &opts);
        if let Some(have) = &opts.equipment {
            for w in &plan.weeks {
                for s in &w.sessions {
                    for it in &s.exercises {
                        prop_assert!(it.equipment.iter().all(|e| have.contains(e)), "{} needs {:?}; have {:?}", it.id, it.equipment, have);
                    }
                }
            }
        }
    }

    #[test]
    fn doses_never_fall_within_a_slot((lib, prog, opts) in case()) {
        let plan = plan(&lib, &prog, &opts);
        // The last dose seen for each (slot, exercise), in date order.
        let mut last: std::collections::BTreeMap<SlotExercise, DoseSeen> = Default::default();
        for w in &plan.weeks {
            for s in &w.sessions {
                for it in &s.exercises {
                    let key = (it.slot, it.id.clone());
                    let dose = (it.sets, it.reps.unwrap_or(0), it.hold_seconds.unwrap_or(0), it.time_seconds.unwrap_or(0));
                    if let Some(prev) = last.get(&key) {
                        let grew = dose.0 > prev.0 || (dose.0 == prev.0 && dose.1 >= prev.1 && dose.2 >= prev.2 && dose.3 >= prev.3);
                        prop_assert!(grew, "{} in slot {:?} fell from {:?} to {:?} on {}", it.id, it.slot, prev, dose, s.date);
                    }
                    last.insert(key, dose);
                }
            }
        }
    }

    #[test]
    fn no_exercise_twice_and_no_stand_in_beside_its_variant((lib, prog, opts) in case()) {
        let plan = plan(&lib, &prog, &opts);
        for w in &plan.weeks {
            for s in &w.sessions {
                for (i, a) in s.exercises.iter().enumerate() {
                    for (j, b) in s.exercises.iter().enumerate() {
                        if i == j {
                            continue;
                        }
                        prop_assert!(a.id != b.id, "{} twice on {}", a.id, s.date);
                        if a.id != original(&prog, w, a) {
                            let ex = lib.get(&a.id).unwrap();
                            prop_assert!(!related(&lib, ex, &b.id), "stand-in {} for {} beside its variant {} on {}", a.id, original(&prog, w, a), b.id, s.date);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_stand_in_never_inherits_a_note((lib, prog, opts) in case()) {
        let plan = plan(&lib, &prog, &opts);
        for w in &plan.weeks {
            for s in &w.sessions {
                for it in &s.exercises {
                    let own = [format!("Note for {}.", it.id), format!("Week note for {}.", it.id)];
                    prop_assert!(it.note.is_empty() || own.contains(&it.note), "{} on {} carries {:?}", it.id, s.date, it.note);
                }
            }
        }
    }

    #[test]
    fn a_beginner_never_gets_a_harder_exercise((lib, prog, mut opts) in case()) {
        opts.level = Level::Beginner;
        let plan = plan(&lib, &prog, &opts);
        for w in &plan.weeks {
            for s in &w.sessions {
                for it in &s.exercises {
                    let orig = original(&prog, w, it);
                    prop_assert!(easier_closure(&lib, orig).contains(&it.id), "a beginner got {} for {} on {}", it.id, orig, s.date);
                }
            }
        }
    }

    #[test]
    fn warm_up_first_strength_by_position_stretches_last((lib, prog, opts) in case()) {
        let plan = plan(&lib, &prog, &opts);
        for w in &plan.weeks {
            for s in &w.sessions {
                let parts: Vec<u8> = s.exercises.iter().map(part).collect();
                prop_assert!(parts.windows(2).all(|p| p[0] <= p[1]), "{:?} on {}", parts, s.date);
                // Within each part, a position once left is not come back to.
                let mut seen: Vec<(u8, Position)> = Vec::new();
                for it in &s.exercises {
                    let g = (part(it), it.position);
                    if seen.last() != Some(&g) {
                        prop_assert!(!seen.contains(&g), "back to {:?} on {}", g, s.date);
                        seen.push(g);
                    }
                }
                for it in s.exercises.iter().filter(|i| i.category == Category::Flexibility && i.hold_seconds.is_some()) {
                    prop_assert_eq!(it.rest_seconds, 0, "{} rests between sets", &it.id);
                }
            }
        }
    }
}
