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
            exercise: e.clone(),
            easier_names: names(library, &e.easier, program),
            harder_names: names(library, &e.harder, program),
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
