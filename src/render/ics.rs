//! The plan as an iCalendar file (RFC 5545): one all-day event per session, with the session's
//! exercises and doses in the description. Built with the `icalendar` crate; the UIDs and the
//! DTSTAMP come from the plan and `created`, so the same inputs give the same bytes.

use crate::plan::types::{Plan, SessionKind};
use crate::template::Wording;
use chrono::{DateTime, Duration};
use icalendar::{Calendar, Component, Event, EventLike};

/// `created`: unix seconds for DTSTAMP (SOURCE_DATE_EPOCH, or 0).
pub fn render(plan: &Plan, wording: &Wording, created: i64) -> Vec<u8> {
    let stamp = DateTime::from_timestamp(created, 0)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut cal = Calendar::new();
    cal.name(&format!("Rehab plan: {}", plan.program.title));
    for week in &plan.weeks {
        for s in &week.sessions {
            let kind = match s.kind {
                SessionKind::Training => "training",
                SessionKind::Daily => "daily exercises",
                SessionKind::Run => "walk-run",
            };
            let summary = format!(
                "Rehab week {}: {} ({})",
                week.number, kind, plan.program.title
            );
            let mut desc = String::new();
            if let Some(name) = &plan.patient {
                desc.push_str(&format!("For {name}. "));
            }
            desc.push_str(&format!(
                "Week {} of {}, phase: {}. About {} min.\n",
                week.number,
                plan.weeks.len(),
                week.phase,
                s.minutes
            ));
            for it in &s.exercises {
                desc.push_str(&format!("- {}: {}", it.name, wording.dose(it)));
                if let Some(l) = &it.load {
                    desc.push_str(&format!(", {l}"));
                }
                if !it.note.is_empty() && it.id == crate::plan::RUN_ID {
                    desc.push_str(&format!(" ({})", it.note));
                }
                desc.push('\n');
            }
            let [g, a, r] = wording.pain_rule_lines(&plan.program.pain_rule);
            desc.push_str(&format!("Pain rule: {g} {a} {r}\n"));
            desc.push_str(&wording.disclaimer);
            let event = Event::new()
                .uid(&format!(
                    "{}-{}-{}@rehabplan",
                    plan.program.id,
                    s.date.format("%Y%m%d"),
                    kind.replace(' ', "-")
                ))
                .add_property("DTSTAMP", &stamp)
                .starts(s.date)
                .ends(s.date + Duration::days(1))
                .summary(&summary)
                .description(&desc)
                .done();
            cal.push(event);
        }
    }
    cal.done().to_string().into_bytes()
}
