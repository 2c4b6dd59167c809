//! The exercises, checked and turned into the model: name and instructions, equipment,
//! easier and harder variants, the causes an exercise is contraindicated or a caution for, and
//! its figure.

use super::{check_id, RawExercises, Sources};
use crate::diag::{suggest, Diagnostic};
use crate::load::raw::RawExercise;
use crate::model::{Exercise, Library, EQUIPMENT};
use std::collections::BTreeSet;

/// Every exercise into the model (`check_exercise`).
pub(super) fn check_exercises(
    sources: &Sources,
    raw_ex: &RawExercises,
    cause_ids: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> Library {
    let mut library = Library::default();
    for (id, (src, ex, _)) in raw_ex {
        if let Some(e) = check_exercise(sources, *src, ex, raw_ex, cause_ids, diags) {
            library.exercises.insert(id.clone(), e);
        }
    }
    library
}

/// Check one exercise and turn it into the model. An exercise with problems is still
/// returned, so that programs using it do not get follow-on "unknown exercise" errors; its
/// problems stop any plan from being made.
fn check_exercise(
    sources: &Sources,
    src: usize,
    ex: &RawExercise,
    all: &RawExercises,
    causes: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Exercise> {
    let id = ex.id.get_ref();
    check_id(sources, src, &ex.id, "exercise", diags);
    check_exercise_text(sources, src, ex, diags);
    let equipment = checked_equipment(sources, src, ex, diags);
    check_variants(sources, src, ex, all, diags);
    check_cause_lists(sources, src, ex, causes, diags);
    check_caution_note(sources, src, ex, diags);
    Some(Exercise {
        id: id.clone(),
        name: ex.name.get_ref().trim().to_string(),
        category: ex.category,
        muscles: ex.muscles.clone(),
        equipment,
        position: ex.position,
        dose: ex.dose,
        per_side: ex.per_side,
        instructions: ex.instructions.get_ref().clone(),
        cues: ex.cues.clone(),
        mistakes: ex.mistakes.clone(),
        easier: ex.easier.iter().map(|s| s.get_ref().clone()).collect(),
        harder: ex.harder.iter().map(|s| s.get_ref().clone()).collect(),
        contraindicated: ex
            .contraindicated
            .iter()
            .map(|s| s.get_ref().clone())
            .collect(),
        caution: ex.caution.iter().map(|s| s.get_ref().clone()).collect(),
        caution_note: ex.caution_note.trim().to_string(),
        source: ex.source.clone(),
        license: ex.license.clone(),
        origin: sources.name(src).to_string(),
        figure: ex.figure.as_ref().and_then(|f| {
            let s = &sources.0[src];
            let builtin = s.name.starts_with("builtin:");
            crate::figure::check_with(f, &s.name, &s.text, !builtin)
                .map_err(|d| diags.extend(d))
                .ok()
        }),
    })
}

/// An exercise has a name and at least one instruction step that is not blank.
fn check_exercise_text(
    sources: &Sources,
    src: usize,
    ex: &RawExercise,
    diags: &mut Vec<Diagnostic>,
) {
    let id = ex.id.get_ref();
    if ex.name.get_ref().trim().is_empty() {
        diags.push(
            sources
                .at(src, ex.name.span(), "the exercise name is empty")
                .hint("give the name printed on the plan"),
        );
    }
    if ex
        .instructions
        .get_ref()
        .iter()
        .all(|s| s.trim().is_empty())
    {
        diags.push(
            sources
                .at(
                    src,
                    ex.instructions.span(),
                    format!("exercise `{id}` has no instructions"),
                )
                .hint("write the steps a patient follows, one string per step"),
        );
    }
}

/// The exercise's known equipment (`none` dropped); an unknown name is an error.
fn checked_equipment(
    sources: &Sources,
    src: usize,
    ex: &RawExercise,
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut equipment = Vec::new();
    for e in &ex.equipment {
        let name = e.get_ref();
        if name == "none" {
            continue;
        }
        if !EQUIPMENT.contains(&name.as_str()) {
            diags.push(
                sources
                    .at(src, e.span(), format!("unknown equipment `{name}`"))
                    .hint(suggest(
                        name,
                        EQUIPMENT,
                        &format!("use one of: {} (or [] for none)", EQUIPMENT.join(", ")),
                    )),
            );
        } else {
            equipment.push(name.clone());
        }
    }
    equipment
}

/// Every `easier` and `harder` variant names another exercise that exists.
fn check_variants(
    sources: &Sources,
    src: usize,
    ex: &RawExercise,
    all: &RawExercises,
    diags: &mut Vec<Diagnostic>,
) {
    let id = ex.id.get_ref();
    for (list, what) in [(&ex.easier, "easier"), (&ex.harder, "harder")] {
        for v in list {
            let vid = v.get_ref();
            if vid == id {
                diags.push(
                    sources
                        .at(
                            src,
                            v.span(),
                            format!("exercise `{id}` names itself as its own {what} variant"),
                        )
                        .hint("name another exercise"),
                );
            } else if !all.contains_key(vid) {
                diags.push(
                    sources
                        .at(
                            src,
                            v.span(),
                            format!("unknown exercise id `{vid}` in `{what}`"),
                        )
                        .hint(suggest(
                            vid,
                            all.keys().map(String::as_str),
                            "run `rehabplan exercises` to see the ids",
                        )),
                );
            }
        }
    }
}

/// Every cause in `contraindicated` and `caution` is a known program id.
fn check_cause_lists(
    sources: &Sources,
    src: usize,
    ex: &RawExercise,
    causes: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) {
    for (list, what) in [
        (&ex.contraindicated, "contraindicated"),
        (&ex.caution, "caution"),
    ] {
        for c in list {
            let cid = c.get_ref();
            if !causes.contains(cid) {
                diags.push(
                    sources
                        .at(src, c.span(), format!("unknown cause `{cid}` in `{what}`"))
                        .hint(suggest(
                            cid,
                            causes.iter().map(String::as_str),
                            "run `rehabplan causes` to see the cause ids",
                        )),
                );
            }
        }
    }
}

/// An exercise with a `caution` says what the patient should watch for (`caution_note`).
fn check_caution_note(
    sources: &Sources,
    src: usize,
    ex: &RawExercise,
    diags: &mut Vec<Diagnostic>,
) {
    if !ex.caution.is_empty() && ex.caution_note.trim().is_empty() {
        let id = ex.id.get_ref();
        diags.push(
            sources
                .at(
                    src,
                    ex.caution[0].span(),
                    format!("exercise `{id}` has a caution but no `caution_note`"),
                )
                .hint("add caution_note = \"...\": what the patient should watch for"),
        );
    }
}
