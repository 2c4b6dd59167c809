//! The progress checks of a program (`[[check]]`): ids, names, steps, what to record and the
//! largest number, each problem at its `file:line:col`.

use super::{check_id, Sources};
use crate::diag::{suggest, Diagnostic};
use crate::load::raw::RawCheck;
use crate::model::Check;
use std::collections::BTreeSet;
use toml::Spanned;

/// The largest `max` a check may have: counts of squats or rises in 30 s stay far below it.
pub const MAX: std::ops::RangeInclusive<i64> = 1..=1000;

/// Check the `[[check]]` tables of one file (`src`); `ref_ids` are the program's references.
pub(super) fn check_checks(
    sources: &Sources,
    src: usize,
    raw: &[Spanned<RawCheck>],
    ref_ids: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Check> {
    let mut out = Vec::new();
    let mut ids = BTreeSet::new();
    for c in raw {
        let r = c.get_ref();
        let id = r.id.get_ref();
        check_id(sources, src, &r.id, "check", diags);
        if !ids.insert(id.clone()) {
            diags.push(
                sources
                    .at(src, r.id.span(), format!("duplicate check id `{id}`"))
                    .hint("give each [[check]] its own id"),
            );
        }
        let at = (sources, src);
        let name = checked_text(
            at,
            &r.name,
            "name",
            "\"Single-leg squat to a chair\"",
            diags,
        );
        let record = checked_text(
            at,
            &r.record,
            "record",
            "\"How many squats you did without pain\"",
            diags,
        );
        let steps = checked_steps(at, r, diags);
        let max = checked_max(at, r, diags);
        let reference = checked_reference(at, r, ref_ids, diags);
        out.push(Check {
            id: id.clone(),
            name,
            steps,
            record,
            unit: r.unit.trim().to_string(),
            max: max.clamp(0, i64::from(u32::MAX)) as u32,
            reference,
            rationale: r.rationale.trim().to_string(),
        });
    }
    out
}

/// The file a check is in: its sources and the index of its source.
type At<'a> = (&'a Sources, usize);

/// A patient-facing text field of a check, trimmed; an empty one is an error that shows an
/// `example`.
fn checked_text(
    (sources, src): At,
    v: &Spanned<String>,
    field: &str,
    example: &str,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let t = v.get_ref().trim().to_string();
    if t.is_empty() {
        diags.push(
            sources
                .at(src, v.span(), format!("the check's `{field}` is empty"))
                .hint(format!(
                    "write it for the patient, e.g. {field} = {example}"
                )),
        );
    }
    t
}

/// The check's steps that are not blank; a check needs at least one.
fn checked_steps((sources, src): At, r: &RawCheck, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let id = r.id.get_ref();
    let steps: Vec<String> = r
        .steps
        .get_ref()
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if steps.is_empty() {
        diags.push(
            sources
                .at(src, r.steps.span(), format!("check `{id}` has no steps"))
                .hint("say in plain words how to do it, e.g. steps = [\"Sit on a chair ...\", \"Count ...\"]"),
        );
    }
    steps
}

/// The largest number the patient can write, which must lie in [`MAX`].
fn checked_max((sources, src): At, r: &RawCheck, diags: &mut Vec<Diagnostic>) -> i64 {
    let max = *r.max.get_ref();
    if !MAX.contains(&max) {
        diags.push(
            sources
                .at(src, r.max.span(), format!("max = {max} is out of range"))
                .hint(format!(
                    "max is the largest number the patient can write, from {} to {} (e.g. 10 for a pain score)",
                    MAX.start(),
                    MAX.end()
                )),
        );
    }
    max
}

/// The reference a check comes from: required, and one of the program's references.
fn checked_reference(
    (sources, src): At,
    r: &RawCheck,
    ref_ids: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let id = r.id.get_ref();
    match &r.reference {
        None => {
            diags.push(
                sources
                    .at(src, r.id.span(), format!("check `{id}` has no `reference`"))
                    .hint(
                        "add reference = \"...\", the id of the [[reference]] the check comes from",
                    ),
            );
            String::new()
        }
        Some(rf) => {
            if !ref_ids.contains(rf.get_ref()) {
                diags.push(
                    sources
                        .at(
                            src,
                            rf.span(),
                            format!("unknown reference `{}`", rf.get_ref()),
                        )
                        .hint(suggest(
                            rf.get_ref(),
                            ref_ids.iter().map(String::as_str),
                            "add a [[reference]] with this id, or use one that exists",
                        )),
                );
            }
            rf.get_ref().clone()
        }
    }
}
