//! What the handout shows, worked out from the plan before any layout: the phases with one
//! card per exercise and its dose week by week, and each week's log (training-session rows,
//! and the items done on other days as well, such as daily stretches).
//!
//! Pure functions of the [`Plan`]: the section files only lay these out.

use crate::plan::types::{Item, Plan, SessionKind, Week};
use crate::template::Wording;
use chrono::NaiveDate;

/// A run of plan weeks that shows one set of cards: a phase, or the maintenance weeks after
/// the program's end (which repeat its last phase).
#[derive(Debug, Clone)]
pub struct PhaseGroup<'a> {
    pub number: usize,
    pub name: &'a str,
    pub maintenance: bool,
    /// Plan week numbers, first and last (inclusive).
    pub first_week: u32,
    pub last_week: u32,
    pub goals: &'a [String],
    pub progress_when: &'a [String],
    pub cards: Vec<Card<'a>>,
}

/// One exercise in one phase group.
#[derive(Debug, Clone)]
pub struct Card<'a> {
    pub id: &'a str,
    /// The first item of it in the group (name, position, equipment, note, caution).
    pub item: &'a Item,
    /// The doses, consecutive weeks with the same dose merged: (first week, last week, dose).
    pub doses: Vec<(u32, u32, Vec<String>)>,
    /// How often, when not on every training session: "every day", "3 times a week".
    pub how_often: Option<Often>,
    /// Rest between sets, when the same in every week of the group.
    pub rest: Option<u32>,
    /// True when an earlier group already has this exercise's card.
    pub shown_before: bool,
}

/// How often an exercise is done in a week, when it differs from the training sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Often {
    EveryDay,
    PerWeek(usize),
}

/// The dose of an item in its parts, without the rest between sets (the card prints the rest
/// once): the count, then the load and the tempo when given.
pub fn dose_parts(w: &Wording, item: &Item) -> Vec<String> {
    let mut parts = vec![w.dose(item)];
    if let Some(load) = item.load.as_deref().filter(|l| !l.trim().is_empty()) {
        parts.push(Wording::fill(&w.dose_load, &[("load", load)]));
    }
    if let Some(tempo) = item.tempo.as_deref().filter(|t| !t.trim().is_empty()) {
        parts.push(w.tempo(tempo));
    }
    parts
}

/// Every strength, stretch and daily item of a week (not the walk-runs, which have their own
/// section), with the dates of the sessions that have it.
fn week_items(week: &Week) -> Vec<(&Item, Vec<NaiveDate>)> {
    let mut out: Vec<(&Item, Vec<NaiveDate>)> = Vec::new();
    for s in &week.sessions {
        for item in s.exercises.iter().filter(|i| i.id != crate::plan::RUN_ID) {
            match out.iter_mut().find(|(i, _)| i.id == item.id) {
                Some((_, dates)) => dates.push(s.date),
                None => out.push((item, vec![s.date])),
            }
        }
    }
    out
}

/// The phase groups with their cards, in plan order.
pub fn phase_groups<'a>(plan: &'a Plan, w: &Wording) -> Vec<PhaseGroup<'a>> {
    let mut groups: Vec<PhaseGroup<'a>> = Vec::new();
    for week in &plan.weeks {
        let same = groups
            .last()
            .is_some_and(|g| g.number == week.phase_number && g.maintenance == week.maintenance);
        if !same {
            groups.push(PhaseGroup {
                number: week.phase_number,
                name: &week.phase,
                maintenance: week.maintenance,
                first_week: week.number,
                last_week: week.number,
                goals: &week.goals,
                progress_when: &week.progress_when,
                cards: Vec::new(),
            });
        }
        let group = groups.last_mut().expect("a group was just pushed");
        group.last_week = week.number;
        let training = week
            .sessions
            .iter()
            .filter(|s| s.kind == SessionKind::Training)
            .count();
        for (item, dates) in week_items(week) {
            let dose = dose_parts(w, item);
            let often = if dates.len() == 7 {
                Some(Often::EveryDay)
            } else if dates.len() != training {
                Some(Often::PerWeek(dates.len()))
            } else {
                None
            };
            match group.cards.iter_mut().find(|c| c.id == item.id) {
                Some(card) => {
                    let last = card.doses.last_mut().expect("a card has a dose");
                    if last.2 == dose && last.1 + 1 == week.number {
                        last.1 = week.number;
                    } else {
                        card.doses.push((week.number, week.number, dose));
                    }
                    if card.rest != Some(item.rest_seconds) {
                        card.rest = None;
                    }
                    if card.how_often != often {
                        // Differs between weeks: print it with nothing rather than wrongly.
                        card.how_often = None;
                    }
                }
                None => group.cards.push(Card {
                    id: &item.id,
                    item,
                    doses: vec![(week.number, week.number, dose)],
                    how_often: often,
                    rest: Some(item.rest_seconds),
                    shown_before: false,
                }),
            }
        }
    }
    // A card already shown in an earlier group is referred back to.
    let mut seen: Vec<&str> = Vec::new();
    for g in &mut groups {
        for c in &mut g.cards {
            c.shown_before = seen.contains(&c.id);
        }
        for c in &g.cards {
            if !c.shown_before {
                seen.push(c.id);
            }
        }
    }
    groups
}

/// One week of the log.
#[derive(Debug, Clone)]
pub struct LogWeek<'a> {
    pub week: &'a Week,
    /// The training sessions' dates (the grid's columns).
    pub sessions: Vec<NaiveDate>,
    /// Exercises done on the training sessions: the item, and on which of `sessions`.
    pub rows: Vec<(&'a Item, Vec<bool>)>,
    /// Exercises done on other days too (daily stretches, every-second-day work): the
    /// item and, for each of the week's seven days, whether it is done that day.
    pub daily: Vec<(&'a Item, [bool; 7])>,
}

/// The log of every week.
pub fn log_weeks(plan: &Plan) -> Vec<LogWeek<'_>> {
    plan.weeks.iter().map(log_week).collect()
}

/// The log's grids: two consecutive weeks of the same phase share one grid (a fortnight at a
/// glance, and half the rows to print) when their sessions fit `columns` columns; any other
/// week has a grid of its own. A week's seven-day grid (daily work) stays its own.
pub fn log_grids<'a>(weeks: Vec<LogWeek<'a>>, columns: usize) -> Vec<Vec<LogWeek<'a>>> {
    let mut out: Vec<Vec<LogWeek<'a>>> = Vec::new();
    for week in weeks {
        let pairs_with_last = out.last().is_some_and(|g| {
            let a = &g[0];
            g.len() == 1
                && a.week.phase_number == week.week.phase_number
                && a.week.maintenance == week.week.maintenance
                && a.week.number + 1 == week.week.number
                && !a.sessions.is_empty()
                && !week.sessions.is_empty()
                && a.sessions.len() + week.sessions.len() <= columns
        });
        match out.last_mut() {
            Some(g) if pairs_with_last => g.push(week),
            _ => out.push(vec![week]),
        }
    }
    out
}

fn log_week(week: &Week) -> LogWeek<'_> {
    let sessions: Vec<NaiveDate> = week
        .sessions
        .iter()
        .filter(|s| s.kind == SessionKind::Training)
        .map(|s| s.date)
        .collect();
    let mut rows: Vec<(&Item, Vec<bool>)> = Vec::new();
    let mut daily: Vec<(&Item, [bool; 7])> = Vec::new();
    for (item, dates) in week_items(week) {
        let off_day = dates.iter().any(|d| !sessions.contains(d));
        if off_day {
            let mut days = [false; 7];
            for d in &dates {
                let i = (*d - week.start).num_days();
                if (0..7).contains(&i) {
                    days[i as usize] = true;
                }
            }
            daily.push((item, days));
        } else {
            let on = sessions.iter().map(|d| dates.contains(d)).collect();
            rows.push((item, on));
        }
    }
    LogWeek {
        week,
        sessions,
        rows,
        daily,
    }
}

/// The weekdays actually trained on, in week order (a program may use fewer days than given).
pub fn days_used(plan: &Plan) -> Vec<chrono::Weekday> {
    use chrono::Datelike;
    plan.training_days
        .iter()
        .copied()
        .filter(|d| {
            plan.weeks.iter().any(|w| {
                w.sessions
                    .iter()
                    .any(|s| s.kind == SessionKind::Training && s.date.weekday() == *d)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata;

    #[test]
    fn each_exercise_has_one_card_per_group_with_merged_weeks() {
        let plan = testdata::sample_plan(12);
        let w = crate::validate::template::builtin("en").expect("en").text;
        let groups = phase_groups(&plan, &w);
        assert!(!groups.is_empty());
        for g in &groups {
            let mut ids: Vec<&str> = g.cards.iter().map(|c| c.id).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), g.cards.len(), "one card per exercise");
            for c in &g.cards {
                // Dose rows cover distinct, increasing weeks inside the group.
                let mut prev = g.first_week - 1;
                for (a, b, _) in &c.doses {
                    assert!(*a > prev && a <= b && *b <= g.last_week);
                    prev = *b;
                }
            }
        }
    }
}
