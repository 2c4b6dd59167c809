//! A program's own warning signs and its walk-run ladder.

use super::*;

/// A program's own warning signs: each needs a sign and a yes/no question ending in "?".
pub(super) fn check_red_flags(
    sources: &Sources,
    flags: &[F<crate::load::raw::RawRedFlag>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<crate::model::RedFlag> {
    let mut out = Vec::new();
    for f in flags {
        let raw = f.get();
        let sign = raw.sign.get_ref().trim();
        let question = raw.question.get_ref().trim();
        if sign.is_empty() {
            diags.push(
                sources
                    .at(f.src, raw.sign.span(), "the red flag's `sign` is empty")
                    .hint("write the warning sign as the patient would notice it, e.g. sign = \"you felt a pop at the back of the thigh\""),
            );
        }
        if question.is_empty() {
            diags.push(
                sources
                    .at(f.src, raw.question.span(), "the red flag's `question` is empty")
                    .hint("write the sign as a yes/no question, e.g. question = \"Did you feel a pop at the back of the thigh?\""),
            );
        } else if !question.ends_with('?') {
            diags.push(
                sources
                    .at(
                        f.src,
                        raw.question.span(),
                        "the red flag's `question` is not a question",
                    )
                    .hint("write it as a yes/no question ending in \"?\"; a \"yes\" means: see a doctor first"),
            );
        }
        out.push(crate::model::RedFlag {
            sign: sign.to_string(),
            question: question.to_string(),
            why: raw.why.trim().to_string(),
            urgency: raw.urgency,
            rationale: raw.rationale.trim().to_string(),
        });
    }
    out
}

pub(super) fn check_run(
    sources: &Sources,
    r: &F<crate::load::raw::RawReturnToRun>,
    program_weeks: u32,
    check_ref: &dyn Fn(&F<String>, &mut Vec<Diagnostic>),
    diags: &mut Vec<Diagnostic>,
) -> Option<crate::model::ReturnToRun> {
    let src = r.src;
    let raw = r.get();
    let before = diags.len();
    let num = |v: &Spanned<i64>, name: &str, range, unit: &str, diags: &mut Vec<Diagnostic>| {
        in_range(sources, src, v, name, range, unit, diags)
    };
    let start_week = num(
        &raw.start_week,
        "start_week",
        1..=program_weeks.max(1) as i64,
        " (a week of the program)",
        diags,
    );
    let repeat = raw
        .repeat
        .as_ref()
        .map(|v| num(v, "repeat", 1..=6, " runs", diags))
        .unwrap_or(2);
    let per_week = raw
        .per_week
        .as_ref()
        .map(|v| num(v, "per_week", 1..=4, " runs", diags))
        .unwrap_or(3);
    let mut stages = Vec::new();
    for st in &raw.stage {
        let s = st.get_ref();
        let walk = num(&s.walk, "walk", 0..=1800, " seconds", diags);
        let run = num(&s.run, "run", 0..=3600, " seconds", diags);
        let distance = num(&s.distance, "distance", 100..=42_195, " metres", diags);
        if walk > 0 && run == 0 {
            diags.push(sources.at(src, s.run.span(), "a stage with walking needs run intervals").hint("give run = seconds of running between the walks, or walk = 0 for a continuous run"));
        }
        stages.push(crate::model::RunStage {
            walk,
            run,
            distance,
            effort: s.effort.trim().to_string(),
            what: s.what.trim().to_string(),
            check: s
                .check
                .iter()
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect(),
        });
    }
    if stages.is_empty() {
        diags.push(
            sources
                .at(src, r.span(), "the walk-run ladder has no stages")
                .hint("add [[return_to_run.stage]] tables with walk, run and distance"),
        );
    }
    if let Some(s) = crate::load::raw::reference_id(&raw.reference, &raw.source) {
        check_ref(&F::new(src, s), diags);
    }
    if diags.len() > before {
        return None;
    }
    Some(crate::model::ReturnToRun {
        start_week,
        repeat,
        per_week,
        source: crate::load::raw::reference_id(&raw.reference, &raw.source)
            .map(|s| s.get_ref().clone())
            .unwrap_or_default(),
        entry_criteria: raw.entry_criteria.clone(),
        rules: raw.rules.clone(),
        stages,
        rationale: raw.rationale.trim().to_string(),
    })
}

/// The pain rule: green up to `green_max`, amber up to `amber_max`, both on the 0-10 scale.
pub(super) fn check_pain_rule(
    missing: &Missing,
    check_ref: &dyn Fn(&F<String>, &mut Vec<Diagnostic>),
    diags: &mut Vec<Diagnostic>,
) -> Option<PainRule> {
    let sources = missing.sources;
    match &missing.eff.pain_rule {
        None => {
            diags.push(missing.diagnostic(
                "[pain_rule]",
                "{ green_max = 3, amber_max = 5, settle_by_morning = true }",
            ));
            None
        }
        Some(pr) => {
            let r = pr.get();
            let g = *r.green_max.get_ref();
            let a = *r.amber_max.get_ref();
            let mut ok = true;
            if !(0..=10).contains(&g) {
                diags.push(
                    sources
                        .at(
                            pr.src,
                            r.green_max.span(),
                            format!("green_max is {g}; pain is scored 0 to 10"),
                        )
                        .hint("use a value from 0 to 10, typically 3"),
                );
                ok = false;
            }
            if !(0..=10).contains(&a) || a < g {
                diags.push(
                    sources
                        .at(pr.src, r.amber_max.span(), format!("amber_max is {a}; it must be from green_max ({g}) to 10"))
                        .hint("typically 5: pain up to 5/10 is acceptable if it settles by the next morning"),
                );
                ok = false;
            }
            if let Some(s) = crate::load::raw::reference_id(&r.reference, &r.source) {
                check_ref(&F::new(pr.src, s), diags);
            }
            ok.then(|| PainRule {
                green_max: g as u8,
                amber_max: a as u8,
                settle_by_morning: r.settle_by_morning,
                source: crate::load::raw::reference_id(&r.reference, &r.source)
                    .map(|s| s.get_ref().clone())
                    .unwrap_or_default(),
                note: r.note.trim().to_string(),
                rationale: r.rationale.trim().to_string(),
            })
        }
    }
}

/// A number of the walk-run ladder within its range, reported with its unit when not.
fn in_range(
    sources: &Sources,
    src: usize,
    v: &Spanned<i64>,
    name: &str,
    range: RangeInclusive<i64>,
    unit: &str,
    diags: &mut Vec<Diagnostic>,
) -> u32 {
    let n = *v.get_ref();
    if !range.contains(&n) {
        diags.push(
            sources
                .at(src, v.span(), format!("{name} = {n} is out of range"))
                .hint(format!(
                    "{name} must be from {} to {}{unit}",
                    range.start(),
                    range.end()
                )),
        );
    }
    n.clamp(0, u32::MAX as i64) as u32
}
