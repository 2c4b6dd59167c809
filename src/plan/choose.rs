//! Which exercise a slot gets: the program's own, its easier or harder variant for the level,
//! or a stand-in without missing equipment, never one contraindicated for the cause.

use super::{Level, Options};
use crate::model::{Exercise, Library, Program};
use std::collections::BTreeSet;

pub(super) fn usable(e: &Exercise, program: &Program, opts: &Options) -> bool {
    !e.is_contraindicated_for(&program.causes) && has_equipment(e, opts)
}

pub(super) fn has_equipment(e: &Exercise, opts: &Options) -> bool {
    match &opts.equipment {
        None => true,
        Some(have) => e.equipment.iter().all(|q| have.contains(q)),
    }
}

/// True when `a` and the exercise `b` are variants of each other: one lists the other as
/// easier or harder.
pub(super) fn related(library: &Library, a: &Exercise, b: &str) -> bool {
    a.easier.iter().chain(&a.harder).any(|v| v == b)
        || library
            .get(b)
            .is_some_and(|b| b.easier.iter().chain(&b.harder).any(|v| *v == a.id))
}

/// The exercise to schedule for a slot's exercise id, after the level and equipment choices,
/// with the reasons. `None`: dropped (a warning says why). A stand-in is never one for which
/// `conflict` is true (an exercise of the same session or a variant of one), and a beginner's
/// stand-in is never harder than the program's exercise.
pub(super) fn choose<'a>(
    library: &'a Library,
    program: &Program,
    opts: &Options,
    id: &str,
    conflict: &dyn Fn(&Exercise) -> bool,
    warn: &mut dyn FnMut(String),
) -> Option<(&'a Exercise, Vec<String>)> {
    let mut why = Vec::new();
    let mut ex = library.get(id)?;
    if ex.is_contraindicated_for(&program.causes) {
        // Validation refuses this; never schedule it even if a caller skipped validation.
        warn(format!(
            "left out {}: contraindicated for {}",
            ex.name, program.id
        ));
        return None;
    }
    let variants = match opts.level {
        Level::Beginner => &ex.easier,
        Level::Advanced => &ex.harder,
        Level::Intermediate => &Vec::new() as &Vec<String>,
    };
    // A level variant is never one that carries a caution for this cause.
    if let Some(v) = variants.iter().filter_map(|v| library.get(v)).find(|v| {
        usable(v, program, opts)
            && v.dose == ex.dose
            && !v.is_cautioned_for(&program.causes)
            && !conflict(v)
    }) {
        why.push(format!(
            "{} level: {} instead of {}",
            opts.level.as_str(),
            v.name,
            ex.name
        ));
        ex = v;
    }
    if has_equipment(ex, opts) {
        return Some((ex, why));
    }
    let missing: Vec<&str> = ex
        .equipment
        .iter()
        .filter(|q| !opts.equipment.as_ref().is_some_and(|h| h.contains(*q)))
        .map(String::as_str)
        .collect();
    match substitute(library, program, opts, ex, conflict) {
        Some(s) => {
            why.push(format!(
                "{} needs {}, which you do not have: {} instead",
                ex.name,
                missing.join(" and "),
                s.name
            ));
            Some((s, why))
        }
        None => {
            let easier = if opts.level == Level::Beginner {
                "easier "
            } else {
                ""
            };
            if substitute(library, program, opts, ex, &|_| false).is_some() {
                warn(format!(
                    "left out {}: it needs {}, and each {easier}safe variant without it is in the same session already or is a variant of an exercise in it",
                    ex.name,
                    missing.join(" and ")
                ));
            } else {
                warn(format!(
                    "left out {}: it needs {} and no {easier}safe variant without it exists in the same category",
                    ex.name,
                    missing.join(" and ")
                ));
            }
            None
        }
    }
}

/// A stand-in without the missing equipment: the nearest of the exercise's own variants
/// (easier, then harder, breadth first; for a beginner easier ones only) of the same category
/// and dose kind, for which `conflict` is false. An unrelated exercise is never brought in:
/// without a variant, the exercise is dropped with a warning.
fn substitute<'a>(
    library: &'a Library,
    program: &Program,
    opts: &Options,
    ex: &Exercise,
    conflict: &dyn Fn(&Exercise) -> bool,
) -> Option<&'a Exercise> {
    // A beginner never gets a harder variant than the program's own exercise.
    let next = |e: &Exercise| -> Vec<String> {
        if opts.level == Level::Beginner {
            e.easier.clone()
        } else {
            e.easier.iter().chain(&e.harder).cloned().collect()
        }
    };
    let mut seen = BTreeSet::from([ex.id.clone()]);
    let mut queue: Vec<String> = next(ex);
    let mut i = 0;
    while i < queue.len() {
        let id = queue[i].clone();
        i += 1;
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(v) = library.get(&id) else { continue };
        if v.category == ex.category
            && v.dose == ex.dose
            && usable(v, program, opts)
            && (!v.is_cautioned_for(&program.causes) || ex.is_cautioned_for(&program.causes))
            && !conflict(v)
        {
            return Some(v);
        }
        queue.extend(next(v));
    }
    None
}
