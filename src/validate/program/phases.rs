//! The weeks of each phase: readable, in order, covering the program from week 1 with no gap.

use super::*;

fn parse_weeks(
    sources: &Sources,
    w: &F<RawWeeks>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(u32, u32)> {
    let bad = |diags: &mut Vec<Diagnostic>, msg: String| {
        diags.push(sources.at(w.src, w.span(), msg).hint(format!(
            "write weeks = \"1-4\" (an inclusive range) or weeks = 3 (one week), within {}-{}",
            PROGRAM_WEEKS.start(),
            PROGRAM_WEEKS.end()
        )));
        None
    };
    let (a, b) = match w.get() {
        RawWeeks::One(n) => (*n, *n),
        RawWeeks::Range(s) => {
            let parts: Vec<&str> = s.split('-').map(str::trim).collect();
            let nums: Option<Vec<i64>> = parts.iter().map(|p| p.parse::<i64>().ok()).collect();
            match (parts.len(), nums) {
                (1, Some(n)) => (n[0], n[0]),
                (2, Some(n)) => (n[0], n[1]),
                _ => return bad(diags, format!("cannot read weeks = \"{s}\"")),
            }
        }
    };
    if !PROGRAM_WEEKS.contains(&a) || !PROGRAM_WEEKS.contains(&b) {
        return bad(
            diags,
            format!(
                "weeks {a}-{b} are outside 1-{}: a program runs at most {} weeks",
                PROGRAM_WEEKS.end(),
                PROGRAM_WEEKS.end()
            ),
        );
    }
    if b < a {
        return bad(diags, format!("weeks \"{a}-{b}\" ends before it starts"));
    }
    Some((a as u32, b as u32))
}

/// The weeks of every phase, as (first, last, index in the file) for the phases whose weeks
/// could be read; each phase also has 1 to 7 sessions a week and at least one slot. The phases
/// are listed in week order and cover the weeks from 1 on, each week once.
pub(super) fn check_phase_weeks(
    missing: &Missing,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(u32, u32, usize)> {
    let (sources, eff) = (missing.sources, missing.eff);
    if eff.phases.is_empty() {
        diags.push(missing.diagnostic(
            "[[phase]]",
            "tables, each with name, weeks, sessions_per_week and slots",
        ));
    }
    let mut ranges: Vec<(u32, u32, usize)> = Vec::new();
    for (i, ph) in eff.phases.iter().enumerate() {
        if let Some((a, b)) = parse_weeks(sources, &ph.weeks, diags) {
            ranges.push((a, b, i));
        }
        let s = *ph.sessions.get();
        if !SESSIONS.contains(&s) {
            diags.push(
                sources
                    .at(
                        ph.sessions.src,
                        ph.sessions.span(),
                        format!("sessions_per_week is {s}; it must be from 1 to 7"),
                    )
                    .hint("the number of training days a week, typically 2 or 3"),
            );
        }
        if ph.slots.is_empty() {
            diags.push(
                sources
                    .at(
                        ph.src,
                        ph.weeks.span(),
                        format!("phase `{}` has no exercises", ph.name),
                    )
                    .hint("add [[phase.slot]] tables with an exercise and its dose"),
            );
        }
    }
    check_phase_order(sources, eff, &ranges, diags);
    check_phase_coverage(sources, eff, &ranges, diags);
    ranges
}

fn check_phase_order(
    sources: &Sources,
    eff: &Eff,
    ranges: &[(u32, u32, usize)],
    diags: &mut Vec<Diagnostic>,
) {
    // Phases are listed in week order: [[change]], [[add]] and [[remove]] number them that way.
    for pair in ranges.windows(2) {
        let (a, _, _) = pair[0];
        let (b, _, j) = pair[1];
        if b < a {
            let ph = &eff.phases[j];
            diags.push(
                sources
                    .at(ph.src, ph.weeks.span(), format!("phase `{}` (from week {b}) is listed after a phase that starts at week {a}", ph.name))
                    .hint("list the phases in week order"),
            );
        }
    }
}

fn check_phase_coverage(
    sources: &Sources,
    eff: &Eff,
    ranges: &[(u32, u32, usize)],
    diags: &mut Vec<Diagnostic>,
) {
    let mut sorted = ranges.to_vec();
    sorted.sort();
    let mut expect = 1u32;
    for (a, b, i) in &sorted {
        let ph = &eff.phases[*i];
        if *a > expect {
            let gap = if *a - 1 == expect {
                format!("week {expect} is")
            } else {
                format!("weeks {expect}-{} are", a - 1)
            };
            diags.push(
                sources
                    .at(
                        ph.src,
                        ph.weeks.span(),
                        format!("{gap} in no phase (phase `{}` starts at week {a})", ph.name),
                    )
                    .hint("phases must cover the weeks from 1 on with no gap"),
            );
        } else if *a < expect {
            diags.push(
                sources
                    .at(ph.src, ph.weeks.span(), format!("weeks {a}-{b} of phase `{}` overlap an earlier phase (which runs to week {})", ph.name, expect - 1))
                    .hint(format!("start this phase at week {expect}")),
            );
        }
        expect = expect.max(b + 1);
    }
}
