//! The plan's appendix: every exercise the plan uses, in order of first use.

use super::types::ExerciseInfo;
use crate::model::{Library, Program};

/// The appendix entries of the exercises `used` (ids, in order of first use).
pub(super) fn exercises(
    library: &Library,
    program: &Program,
    used: &[String],
) -> Vec<ExerciseInfo> {
    used.iter()
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
        .collect()
}

/// Variant names for the appendix, leaving out those contraindicated for this cause.
fn names(library: &Library, ids: &[String], program: &Program) -> Vec<String> {
    ids.iter()
        .filter_map(|id| library.get(id))
        .filter(|e| !e.is_contraindicated_for(&program.causes))
        .map(|e| e.name.clone())
        .collect()
}
