//! When the progress checks are done, and which logged results belong to each check day.
//!
//! Three days: the first training session of week 1 (before any training has changed
//! anything), the first training session of the week after the plan's first half, and the
//! last training session of the last week (after all of it). Days that fall together (a plan
//! of one or two weeks) are one day. Renderers only read the dates from the `Plan`.

use super::types::{CheckPoint, CheckResult, CheckWhen, SessionKind, Week};
use crate::model::Check;
use crate::painlog::LoggedCheck;

pub fn points(weeks: &[Week], checks: &[Check], logged: &[LoggedCheck]) -> Vec<CheckPoint> {
    let (Some(first), Some(last)) = (weeks.first(), weeks.last()) else {
        return Vec::new();
    };
    let n = weeks.len();
    let middle = &weeks[n / 2];
    let training = |w: &Week| {
        w.sessions
            .iter()
            .filter(|s| s.kind == SessionKind::Training)
            .map(|s| s.date)
            .collect::<Vec<_>>()
    };
    let first_day = |w: &Week| training(w).first().copied().unwrap_or(w.start);
    let last_day = |w: &Week| training(w).last().copied().unwrap_or(w.end);
    let mut out: Vec<CheckPoint> = Vec::new();
    for (when, week, date) in [
        (CheckWhen::Start, first, first_day(first)),
        (CheckWhen::Middle, middle, first_day(middle)),
        (CheckWhen::End, last, last_day(last)),
    ] {
        if out.iter().any(|p| p.date >= date) {
            continue;
        }
        out.push(CheckPoint {
            when,
            week: week.number,
            date,
            results: Vec::new(),
        });
    }
    // Each result goes to the check day nearest its date (the earlier one on a tie); a later
    // result for the same check and day replaces an earlier one.
    for r in logged {
        let Some(i) = (0..out.len()).min_by_key(|&i| (out[i].date - r.date).num_days().abs())
        else {
            continue;
        };
        let results = &mut out[i].results;
        results.retain(|x| x.check != r.check);
        results.push(CheckResult {
            check: r.check.clone(),
            value: r.value,
            date: r.date,
        });
    }
    let order = |id: &str| checks.iter().position(|c| c.id == id).unwrap_or(usize::MAX);
    for p in &mut out {
        p.results
            .sort_by_key(|r| (order(&r.check), r.check.clone()));
    }
    out
}
