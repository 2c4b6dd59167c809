//! The pain log and symptom-guided adjustment.
//!
//! A log is a TOML file of `[[entry]]` tables mirroring the boxes on the printed plan: pain
//! during (0-10), pain the next morning (0-10), whether every set was done (the tick boxes) and
//! a note. An entry is for one exercise of a session (`exercise = "clamshell"`, as the PDF's
//! boxes are) or for the whole session (no `exercise`). Entries for the same date and exercise
//! merge: the next-morning score is often added a day later. `decide` looks at every entry of
//! the week, so one painful exercise is enough to hold or step back.
//!
//! `decide` applies the program's pain-monitoring rule to one week of entries (default after
//! Silbernagel 2007): progress when every session stayed in the green zone and pain had settled
//! by the next morning; hold in the amber zone or when sets were not completed; step back one
//! week when pain went above the amber ceiling or had not settled by the next morning.
//! `week_map` replays those decisions into the program week each plan week should use.
//!
//! Progress-check results (`log --check ID=N`) are `[[check]]` tables (date, id, value), read
//! by `parse_checks`; they are kept out of the entries, so a check day never counts as a
//! session without pain scores.

use crate::diag::Diagnostic;
use crate::model::PainRule;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLog {
    #[serde(default)]
    entry: Vec<Spanned<RawEntry>>,
    /// Progress-check results (`log --check`): kept apart from the sessions' entries, so a
    /// check day never counts as a session without pain scores.
    #[serde(default)]
    check: Vec<Spanned<RawLoggedCheck>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLoggedCheck {
    date: Spanned<String>,
    /// The program's `[[check]]` id.
    id: Spanned<String>,
    value: Spanned<i64>,
}

/// One progress-check result from the log: `[[check]]` with date, id and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedCheck {
    pub date: NaiveDate,
    pub check: String,
    pub value: u32,
}

/// The progress-check results of a log, by date (in file order within a day), each problem
/// with its place.
pub fn parse_checks(text: &str, file: &str) -> Result<Vec<LoggedCheck>, Vec<Diagnostic>> {
    let raw: RawLog = toml::from_str(text).map_err(|e| {
        vec![Diagnostic::at(file, text, e.span().unwrap_or(0..0), e.message().lines().next().unwrap_or("").to_string())
            .hint("each progress check is [[check]] with date = \"YYYY-MM-DD\", id = \"...\" and value = a whole number")]
    })?;
    let mut diags = Vec::new();
    let mut out = Vec::new();
    for c in raw.check {
        let c = c.into_inner();
        let date = NaiveDate::parse_from_str(c.date.get_ref().trim(), "%Y-%m-%d");
        if date.is_err() {
            diags.push(
                Diagnostic::at(
                    file,
                    text,
                    c.date.span(),
                    format!("`{}` is not a date", c.date.get_ref()),
                )
                .hint("write the date as \"YYYY-MM-DD\""),
            );
        }
        let v = *c.value.get_ref();
        if !(0..=i64::from(u32::MAX)).contains(&v) {
            diags.push(
                Diagnostic::at(
                    file,
                    text,
                    c.value.span(),
                    format!("the check's value is {v}; it must be 0 or more"),
                )
                .hint("write the number you counted or scored, e.g. value = 8"),
            );
        }
        let id = c.id.get_ref().trim().to_string();
        if id.is_empty() {
            diags.push(
                Diagnostic::at(file, text, c.id.span(), "the check's id is empty").hint(
                    "write the check's id as the plan's JSON lists it, e.g. id = \"worst-pain\"",
                ),
            );
        }
        if let (Ok(date), true) = (date, (0..=i64::from(u32::MAX)).contains(&v)) {
            out.push(LoggedCheck {
                date,
                check: id,
                value: v as u32,
            });
        }
    }
    if diags.is_empty() {
        out.sort_by_key(|c| c.date);
        Ok(out)
    } else {
        Diagnostic::sort_all(&mut diags);
        Err(diags)
    }
}

/// The TOML text of one progress-check result, to append to a log.
pub fn check_text(c: &LoggedCheck) -> String {
    format!(
        "\n[[check]]\ndate = \"{}\"\nid = {}\nvalue = {}\n",
        c.date,
        toml::Value::String(c.check.clone()),
        c.value
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    date: Spanned<String>,
    /// The exercise the scores are for (the PDF has boxes per exercise); none: the session.
    exercise: Option<String>,
    pain_during: Option<Spanned<i64>>,
    pain_next_morning: Option<Spanned<i64>>,
    completed: Option<bool>,
    #[serde(default)]
    note: String,
}

/// One session's record (entries of the same date merged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub date: NaiveDate,
    /// The exercise id, when the scores are for one exercise (as the PDF's boxes are).
    pub exercise: Option<String>,
    pub pain_during: Option<u8>,
    pub pain_next_morning: Option<u8>,
    pub completed: Option<bool>,
    pub note: String,
}

/// Parse a log file, collecting every problem with its place.
pub fn parse(text: &str, file: &str) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    let raw: RawLog = toml::from_str(text).map_err(|e| {
        vec![Diagnostic::at(file, text, e.span().unwrap_or(0..0), e.message().lines().next().unwrap_or("").to_string())
            .hint("each entry is [[entry]] with date = \"YYYY-MM-DD\", pain_during, pain_next_morning (0-10) and completed = true|false")]
    })?;
    let mut diags = Vec::new();
    let mut by_date: BTreeMap<(NaiveDate, Option<String>), Entry> = BTreeMap::new();
    for e in raw.entry {
        let e = e.into_inner();
        let Ok(date) = NaiveDate::parse_from_str(e.date.get_ref().trim(), "%Y-%m-%d") else {
            diags.push(
                Diagnostic::at(
                    file,
                    text,
                    e.date.span(),
                    format!("`{}` is not a date", e.date.get_ref()),
                )
                .hint("write the date as \"YYYY-MM-DD\""),
            );
            continue;
        };
        let mut score = |v: &Option<Spanned<i64>>, name: &str| -> Option<u8> {
            let v = v.as_ref()?;
            let n = *v.get_ref();
            if !(0..=10).contains(&n) {
                diags.push(
                    Diagnostic::at(
                        file,
                        text,
                        v.span(),
                        format!("{name} is {n}; pain is scored 0 to 10"),
                    )
                    .hint("0 = no pain, 10 = the worst pain imaginable"),
                );
                return None;
            }
            Some(n as u8)
        };
        let during = score(&e.pain_during, "pain_during");
        let morning = score(&e.pain_next_morning, "pain_next_morning");
        let exercise = e
            .exercise
            .as_ref()
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty());
        let slot = by_date.entry((date, exercise.clone())).or_insert(Entry {
            date,
            exercise,
            pain_during: None,
            pain_next_morning: None,
            completed: None,
            note: String::new(),
        });
        slot.pain_during = during.or(slot.pain_during);
        slot.pain_next_morning = morning.or(slot.pain_next_morning);
        slot.completed = e.completed.or(slot.completed);
        if !e.note.trim().is_empty() {
            if !slot.note.is_empty() {
                slot.note.push_str("; ");
            }
            slot.note.push_str(e.note.trim());
        }
    }
    if diags.is_empty() {
        Ok(by_date.into_values().collect())
    } else {
        Diagnostic::sort_all(&mut diags);
        Err(diags)
    }
}

/// The TOML text of one new entry, to append to a log.
pub fn entry_text(e: &Entry) -> String {
    let mut s = format!("\n[[entry]]\ndate = \"{}\"\n", e.date);
    if let Some(x) = &e.exercise {
        s.push_str(&format!("exercise = {}\n", toml::Value::String(x.clone())));
    }
    if let Some(p) = e.pain_during {
        s.push_str(&format!("pain_during = {p}\n"));
    }
    if let Some(p) = e.pain_next_morning {
        s.push_str(&format!("pain_next_morning = {p}\n"));
    }
    if let Some(c) = e.completed {
        s.push_str(&format!("completed = {c}\n"));
    }
    if !e.note.is_empty() {
        s.push_str(&format!("note = {}\n", toml::Value::String(e.note.clone())));
    }
    s
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Progress,
    Hold,
    StepBack,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Progress => "progress",
            Decision::Hold => "hold",
            Decision::StepBack => "step back",
        }
    }
}

/// Apply the pain rule to one week's entries; the reason names the deciding session.
pub fn decide(rule: &PainRule, week: &[Entry]) -> (Decision, String) {
    if week.is_empty() {
        return (
            Decision::Hold,
            "no sessions were logged, so the dose stays the same".into(),
        );
    }
    for e in week {
        if let Some(p) = e.pain_during.filter(|p| *p > rule.amber_max) {
            return (
                Decision::StepBack,
                format!(
                    "pain reached {p}/10 during the session on {}, above {}/10",
                    at(e),
                    rule.amber_max
                ),
            );
        }
    }
    if rule.settle_by_morning {
        for e in week {
            if let Some(p) = e.pain_next_morning.filter(|p| *p > rule.green_max) {
                return (
                    Decision::StepBack,
                    format!(
                        "pain was still {p}/10 the morning after {}: it had not settled",
                        at(e)
                    ),
                );
            }
        }
    }
    for e in week {
        if let Some(p) = e.pain_during.filter(|p| *p > rule.green_max) {
            return (
                Decision::Hold,
                format!(
                    "pain reached {p}/10 during the session on {} (acceptable, {}-{}/10)",
                    at(e),
                    rule.green_max + 1,
                    rule.amber_max
                ),
            );
        }
    }
    for e in week {
        if e.completed == Some(false) {
            return (
                Decision::Hold,
                format!("not every set was completed on {}", at(e)),
            );
        }
    }
    if week.iter().any(|e| e.pain_during.is_none()) {
        let e = week.iter().find(|e| e.pain_during.is_none()).unwrap();
        return (
            Decision::Hold,
            format!("no pain score was logged for {}", at(e)),
        );
    }
    (
        Decision::Progress,
        format!(
            "every session stayed at {}/10 or below and had settled by the next morning",
            rule.green_max
        ),
    )
}

/// "2027-01-11", or "2027-01-11 (clamshell)" for an exercise's entry.
fn at(e: &Entry) -> String {
    match &e.exercise {
        Some(x) => format!("{} ({x})", e.date),
        None => e.date.to_string(),
    }
}

/// One adjusted week: the program week it now uses, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    pub plan_week: u32,
    pub program_week: u32,
    pub decision: Decision,
    pub reason: String,
}

/// The worst score of a week: the highest pain during or the next morning; `None` when no
/// pain was scored.
fn worst(week: &[Entry]) -> Option<u8> {
    week.iter()
        .flat_map(|e| [e.pain_during, e.pain_next_morning])
        .flatten()
        .max()
}

/// When the log says the patient should see their clinician before going on, and why:
/// - two red weeks in a row (a step back in each: pain above the amber ceiling, or not settled
///   by the next morning), so stepping back again would only repeat it;
/// - pain rising over two weeks: the worst score went up from week to week twice running and
///   is now above the green zone (`clinical-evidence.md` §7.1: pain must not increase from
///   week to week [R]; regress, and refer when it persists).
///
/// Only logged weeks count (`weeks` are the plan weeks' entries, week 1 first). The first
/// week that triggers is reported.
pub fn escalation(rule: &PainRule, weeks: &[Vec<Entry>]) -> Option<String> {
    let mut last_red: Option<(usize, String)> = None;
    for (i, week) in weeks.iter().enumerate() {
        let n = i + 1;
        let (d, reason) = decide(rule, week);
        if d == Decision::StepBack {
            if let Some((prev, prev_reason)) = &last_red {
                if *prev + 1 == n {
                    return Some(format!(
                        "weeks {prev} and {n} were both in the red zone (week {prev}: {prev_reason}; week {n}: {reason})"
                    ));
                }
            }
            last_red = Some((n, reason));
        }
        if n >= 3 {
            if let (Some(a), Some(b), Some(c)) =
                (worst(&weeks[i - 2]), worst(&weeks[i - 1]), worst(week))
            {
                if a < b && b < c && c > rule.green_max {
                    return Some(format!(
                        "pain has risen for two weeks: the worst score was {a}/10 in week {}, {b}/10 in week {} and {c}/10 in week {n}",
                        n - 2,
                        n - 1
                    ));
                }
            }
        }
    }
    None
}

/// The logged weeks' entries, plan week 1 first, up to the last logged week; and the dates
/// of entries outside the plan (before its start or after its last week), which are not used.
pub fn logged_weeks(
    entries: &[Entry],
    start: NaiveDate,
    plan_weeks: u32,
) -> (Vec<Vec<Entry>>, Vec<NaiveDate>) {
    let mut weeks: Vec<Vec<Entry>> = Vec::new();
    let mut outside = Vec::new();
    for e in entries {
        let days = (e.date - start).num_days();
        let w = days.div_euclid(7) + 1;
        if days < 0 || w > i64::from(plan_weeks) {
            if !outside.contains(&e.date) {
                outside.push(e.date);
            }
            continue;
        }
        let w = w as usize;
        if weeks.len() < w {
            weeks.resize(w, Vec::new());
        }
        weeks[w - 1].push(e.clone());
    }
    outside.sort();
    (weeks, outside)
}

/// Replay the log week by week from the plan's start: the program week each plan week uses
/// (1-based, one entry per plan week) and the decisions taken. Weeks after the last logged week
/// continue one program week at a time from where the log left off.
pub fn week_map(
    rule: &PainRule,
    entries: &[Entry],
    start: NaiveDate,
    plan_weeks: u32,
    program_weeks: u32,
) -> (Vec<u32>, Vec<Adjustment>) {
    let week_of = |d: NaiveDate| -> Option<u32> {
        let days = (d - start).num_days();
        (days >= 0).then_some((days / 7) as u32 + 1)
    };
    let last_logged = entries
        .iter()
        .filter_map(|e| week_of(e.date))
        .filter(|w| *w <= plan_weeks)
        .max()
        .unwrap_or(0);
    let mut map = Vec::with_capacity(plan_weeks as usize);
    let mut adjustments = Vec::new();
    let mut current = 1u32;
    for w in 1..=plan_weeks {
        map.push(current.min(program_weeks));
        if w <= last_logged {
            let week: Vec<Entry> = entries
                .iter()
                .filter(|e| week_of(e.date) == Some(w))
                .cloned()
                .collect();
            let (d, reason) = decide(rule, &week);
            current = match d {
                Decision::Progress => current + 1,
                Decision::Hold => current,
                Decision::StepBack => current.saturating_sub(1).max(1),
            }
            .min(program_weeks);
            if w < plan_weeks {
                adjustments.push(Adjustment {
                    plan_week: w + 1,
                    program_week: current,
                    decision: d,
                    reason: format!("week {w}: {reason}"),
                });
            }
        } else {
            current += 1;
        }
    }
    (map, adjustments)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> PainRule {
        PainRule {
            green_max: 3,
            amber_max: 5,
            settle_by_morning: true,
            source: String::new(),
            note: String::new(),
            rationale: String::new(),
        }
    }

    fn e(date: &str, during: u8, morning: u8) -> Entry {
        Entry {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            exercise: None,
            pain_during: Some(during),
            pain_next_morning: Some(morning),
            completed: Some(true),
            note: String::new(),
        }
    }

    #[test]
    fn decisions_follow_the_traffic_light() {
        assert_eq!(
            decide(&rule(), &[e("2027-01-05", 2, 1), e("2027-01-07", 3, 0)]).0,
            Decision::Progress
        );
        assert_eq!(
            decide(&rule(), &[e("2027-01-05", 2, 1), e("2027-01-07", 5, 2)]).0,
            Decision::Hold
        );
        let (d, why) = decide(&rule(), &[e("2027-01-05", 6, 1)]);
        assert_eq!(d, Decision::StepBack);
        assert_eq!(
            why,
            "pain reached 6/10 during the session on 2027-01-05, above 5/10"
        );
        let (d, why) = decide(&rule(), &[e("2027-01-05", 3, 4)]);
        assert_eq!(d, Decision::StepBack);
        assert_eq!(
            why,
            "pain was still 4/10 the morning after 2027-01-05: it had not settled"
        );
    }

    #[test]
    fn week_map_replays_the_log() {
        let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        // Week 1 clean (progress), week 2 painful (step back), nothing logged after.
        let log = [e("2027-01-05", 2, 1), e("2027-01-12", 7, 5)];
        let (map, adj) = week_map(&rule(), &log, start, 5, 6);
        assert_eq!(map, vec![1, 2, 1, 2, 3]);
        assert_eq!(adj.len(), 2);
        assert_eq!(adj[1].decision, Decision::StepBack);
        assert_eq!(adj[1].plan_week, 3);
    }

    #[test]
    fn entries_of_a_date_merge_and_bad_scores_are_placed() {
        let text = "[[entry]]\ndate = \"2027-01-05\"\npain_during = 3\n\n[[entry]]\ndate = \"2027-01-05\"\npain_next_morning = 1\n";
        let got = parse(text, "log.toml").unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(
            (got[0].pain_during, got[0].pain_next_morning),
            (Some(3), Some(1))
        );
        let bad = parse(
            "[[entry]]\ndate = \"2027-01-05\"\npain_during = 11\n",
            "log.toml",
        )
        .unwrap_err();
        assert_eq!(bad[0].to_string(), "log.toml:3:15: pain_during is 11; pain is scored 0 to 10\n  hint: 0 = no pain, 10 = the worst pain imaginable");
    }

    fn week(date: &str, during: u8, morning: u8) -> Vec<Entry> {
        vec![e(date, during, morning)]
    }

    #[test]
    fn two_red_weeks_in_a_row_escalate() {
        // Four weeks at 8/10: the second one already ends the stepping back.
        let weeks: Vec<Vec<Entry>> = ["2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25"]
            .iter()
            .map(|d| week(d, 8, 6))
            .collect();
        assert_eq!(
            escalation(&rule(), &weeks).as_deref(),
            Some("weeks 1 and 2 were both in the red zone (week 1: pain reached 8/10 during the session on 2027-01-04, above 5/10; week 2: pain reached 8/10 during the session on 2027-01-11, above 5/10)")
        );
        // Red, then amber, then red: not in a row.
        let weeks = vec![
            week("2027-01-04", 6, 2),
            week("2027-01-11", 4, 2),
            week("2027-01-18", 6, 2),
        ];
        assert_eq!(escalation(&rule(), &weeks), None);
    }

    #[test]
    fn pain_rising_for_two_weeks_escalates() {
        let weeks = vec![
            week("2027-01-04", 2, 1),
            week("2027-01-11", 3, 2),
            week("2027-01-18", 5, 3),
        ];
        assert_eq!(
            escalation(&rule(), &weeks).as_deref(),
            Some("pain has risen for two weeks: the worst score was 2/10 in week 1, 3/10 in week 2 and 5/10 in week 3")
        );
        // Rising but still green: carry on.
        let weeks = vec![
            week("2027-01-04", 1, 0),
            week("2027-01-11", 2, 1),
            week("2027-01-18", 3, 2),
        ];
        assert_eq!(escalation(&rule(), &weeks), None);
        // A week without scores breaks the run.
        let weeks = vec![week("2027-01-04", 2, 1), vec![], week("2027-01-18", 5, 3)];
        assert_eq!(escalation(&rule(), &weeks), None);
    }

    #[test]
    fn entries_outside_the_plan_are_named() {
        let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        let log = [
            e("2027-01-03", 2, 1),
            e("2027-01-05", 2, 1),
            e("2027-02-15", 2, 1),
        ];
        let (weeks, outside) = logged_weeks(&log, start, 6);
        assert_eq!(weeks.len(), 1);
        assert_eq!(
            outside,
            [
                NaiveDate::from_ymd_opt(2027, 1, 3).unwrap(),
                NaiveDate::from_ymd_opt(2027, 2, 15).unwrap()
            ]
        );
    }
}
