//! An item: a chosen exercise with its dose for the day, and the minutes it takes.

use super::types::Item;
use crate::model::{Dose, DoseKind, Exercise, Program};

/// The item for exercise `ex` at `dose`, with `note`; the slot and explanation are filled in
/// by the caller.
pub(super) fn item(ex: &Exercise, dose: &Dose, program: &Program, note: String) -> Item {
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
pub(super) fn rep_seconds(tempo: Option<&str>) -> f64 {
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

pub(super) fn round_half(m: f64) -> f64 {
    (m * 2.0).round() / 2.0
}
