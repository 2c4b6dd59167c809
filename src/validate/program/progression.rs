//! Progression rules: checked, described in words, and applied week by week.

use super::*;

pub(super) fn check_progression(
    sources: &Sources,
    p: &F<RawProgression>,
    diags: &mut Vec<Diagnostic>,
) -> Progression {
    let r = p.get();
    let num = |o: &Option<Spanned<i64>>,
               name: &str,
               range: RangeInclusive<i64>,
               diags: &mut Vec<Diagnostic>|
     -> Option<u32> {
        let v = o.as_ref()?;
        let n = *v.get_ref();
        if !range.contains(&n) {
            diags.push(
                sources
                    .at(p.src, v.span(), format!("{name} = {n} is out of range"))
                    .hint(format!(
                        "{name} must be from {} to {}",
                        range.start(),
                        range.end()
                    )),
            );
            return None;
        }
        Some(n as u32)
    };
    let pr = Progression {
        every: num(&r.every, "every", EVERY, diags).unwrap_or(1),
        add_reps: num(&r.add_reps, "add_reps", 0..=20, diags).unwrap_or(0),
        max_reps: num(&r.max_reps, "max_reps", REPS, diags),
        add_sets: num(&r.add_sets, "add_sets", 0..=3, diags).unwrap_or(0),
        max_sets: num(&r.max_sets, "max_sets", SETS, diags),
        reset_reps: num(&r.reset_reps, "reset_reps", REPS, diags),
        add_hold: num(&r.add_hold, "add_hold", 0..=120, diags).unwrap_or(0),
        max_hold: num(&r.max_hold, "max_hold", HOLD, diags),
        add_time: num(&r.add_time, "add_time", 0..=1800, diags).unwrap_or(0),
        max_time: num(&r.max_time, "max_time", TIME, diags),
    };
    if pr.add_reps > 0 && pr.add_sets > 0 && pr.max_reps.is_none() {
        diags.push(
            sources
                .at(
                    p.src,
                    r.add_sets.as_ref().map(|v| v.span()).unwrap_or(p.span()),
                    "add_sets never applies: with add_reps, sets are added only when reps reach max_reps, and this rule has no max_reps",
                )
                .hint("add max_reps = ... (and reset_reps), or remove add_sets"),
        );
    }
    if pr.add_reps == 0 && pr.add_sets == 0 && pr.add_hold == 0 && pr.add_time == 0 {
        diags.push(
            sources
                .at(p.src, p.span(), "this progression never changes the dose")
                .hint("give at least one of add_reps, add_sets, add_hold, add_time"),
        );
    }
    pr
}

pub(super) fn describe_rule(p: &Progression) -> String {
    let mut parts = Vec::new();
    let every = if p.every == 1 {
        "a week".to_string()
    } else {
        format!("every {} weeks", p.every)
    };
    if p.add_reps > 0 {
        let mut s = format!("+{} reps {every}", p.add_reps);
        if let Some(m) = p.max_reps {
            s.push_str(&format!(" up to {m}"));
            if p.add_sets > 0 {
                s.push_str(&format!(
                    ", then +{} set and back to {} reps",
                    p.add_sets,
                    p.reset_reps
                        .map(|r| r.to_string())
                        .unwrap_or_else(|| "the start".into())
                ));
                if let Some(ms) = p.max_sets {
                    s.push_str(&format!(" (at most {ms} sets)"));
                }
            }
        }
        parts.push(s);
    } else if p.add_sets > 0 {
        parts.push(format!(
            "+{} set {every}{}",
            p.add_sets,
            p.max_sets
                .map(|m| format!(" up to {m}"))
                .unwrap_or_default()
        ));
    }
    if p.add_hold > 0 {
        parts.push(format!(
            "+{} s hold {every}{}",
            p.add_hold,
            p.max_hold
                .map(|m| format!(" up to {m} s"))
                .unwrap_or_default()
        ));
    }
    if p.add_time > 0 {
        parts.push(format!(
            "+{} s {every}{}",
            p.add_time,
            p.max_time
                .map(|m| format!(" up to {m} s"))
                .unwrap_or_default()
        ));
    }
    parts.join("; ")
}

/// Apply a progression rule `k` times to a starting dose.
pub fn progress(p: &Progression, mut d: Dose, k: u32) -> Dose {
    let start_reps = d.reps;
    for _ in 0..k {
        if p.add_reps > 0 {
            if let Some(r) = d.reps {
                let next = r + p.add_reps;
                match p.max_reps {
                    Some(max) if next > max => {
                        let max_sets = p.max_sets.unwrap_or(*SETS.end() as u32);
                        if p.add_sets > 0 && d.sets + p.add_sets <= max_sets {
                            d.sets += p.add_sets;
                            d.reps = Some(p.reset_reps.or(start_reps).unwrap_or(r));
                        } else {
                            d.reps = Some(max.max(r));
                        }
                    }
                    _ => d.reps = Some(next),
                }
            }
        } else if p.add_sets > 0 {
            d.sets = (d.sets + p.add_sets)
                .min(p.max_sets.unwrap_or(*SETS.end() as u32))
                .max(d.sets);
        }
        if p.add_hold > 0 {
            if let Some(h) = d.hold {
                d.hold = Some(
                    p.max_hold
                        .map(|m| (h + p.add_hold).min(m.max(h)))
                        .unwrap_or(h + p.add_hold),
                );
            }
        }
        if p.add_time > 0 {
            if let Some(t) = d.time {
                d.time = Some(
                    p.max_time
                        .map(|m| (t + p.add_time).min(m.max(t)))
                        .unwrap_or(t + p.add_time),
                );
            }
        }
    }
    d
}
