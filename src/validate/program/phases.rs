//! The weeks of each phase: readable, in order, covering the program from week 1 with no gap.

use super::*;

pub(super) fn parse_weeks(
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
