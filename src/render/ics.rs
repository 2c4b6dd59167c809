//! The plan as an iCalendar file (RFC 5545): one all-day event per session, with the session's
//! exercises and doses in the description, in the template's language. Built with the
//! `icalendar` crate. The same inputs give the same bytes: DTSTAMP is `created`, and each UID is
//! a hash of the patient's name, the program, the plan's start and the session, so two patients
//! on the same program never share a UID, and re-importing a plan updates its events.

use crate::plan::types::{Plan, Session, SessionKind, Week};
use crate::template::{Template, Wording};
use chrono::{DateTime, Duration};
use icalendar::{Calendar, Component, Event, EventLike};

/// `created`: unix seconds for DTSTAMP. The words and the language ("en", "de") are the
/// template's.
pub fn render(plan: &Plan, template: &Template, created: i64) -> Vec<u8> {
    let wording = &template.text;
    let stamp = DateTime::from_timestamp(created, 0)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut cal = calendar(plan, template);
    let pain = wording.pain_rule_lines(&plan.program.pain_rule);
    for week in &plan.weeks {
        for s in &week.sessions {
            cal.push(event(plan, wording, week, s, &stamp, &pain));
        }
    }
    cal.done().to_string().into_bytes()
}

/// The calendar itself: version, product id (with the language), and the plan's title.
fn calendar(plan: &Plan, template: &Template) -> Calendar {
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property((
        "PRODID",
        format!(
            "-//rehabplan//rehabplan {}//{}",
            env!("CARGO_PKG_VERSION"),
            template.language.as_str().to_uppercase()
        )
        .as_str(),
    ));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.name(&Wording::fill(
        &template.text.plan_title,
        &[("program", &plan.program.title)],
    ));
    cal
}

/// One session as an all-day event: its summary names the week, the kind and the program;
/// `pain` is the pain rule's green, amber and red lines.
fn event(
    plan: &Plan,
    wording: &Wording,
    week: &Week,
    s: &Session,
    stamp: &str,
    pain: &[String; 3],
) -> Event {
    let (kind, kind_id) = match s.kind {
        SessionKind::Training => (&wording.calendar_training, "training"),
        SessionKind::Daily => (&wording.calendar_daily, "daily"),
        SessionKind::Run => (&wording.calendar_run, "run"),
    };
    let summary = Wording::fill(
        &wording.event_summary,
        &[
            ("week", &week.number.to_string()),
            ("kind", kind),
            ("program", &plan.program.title),
        ],
    );
    Event::new()
        .uid(&format!(
            "{:016x}@rehabplan",
            uid_hash(plan, &s.date.format("%Y-%m-%d").to_string(), kind_id)
        ))
        .add_property("DTSTAMP", stamp)
        .starts(s.date)
        .ends(s.date + Duration::days(1))
        .summary(&summary)
        .description(&description(plan, wording, week, s, pain))
        .done()
}

/// An event's description: the patient, the week, phase and minutes, each exercise with its
/// dose, the pain rule and the disclaimer.
fn description(
    plan: &Plan,
    wording: &Wording,
    week: &Week,
    s: &Session,
    [green, amber, red]: &[String; 3],
) -> String {
    let weeks = plan.weeks.len().to_string();
    let mut desc = String::new();
    if let Some(name) = &plan.patient {
        desc.push_str(&format!(
            "{}{name}\n",
            wording.label(&wording.patient_label)
        ));
    }
    desc.push_str(&format!(
        "{}, {} ({})\n",
        Wording::fill(
            &wording.week_heading,
            &[("week", &week.number.to_string()), ("weeks", &weeks)]
        ),
        Wording::fill(
            &wording.phase_name,
            &[
                ("number", &week.phase_number.to_string()),
                ("name", &week.phase)
            ]
        ),
        wording.session_length(s.minutes),
    ));
    for it in &s.exercises {
        desc.push_str(&format!("- {}: {}", it.name, wording.dose_line(it)));
        if !it.note.is_empty() && it.id == crate::plan::RUN_ID {
            desc.push_str(&format!(" ({})", it.note));
        }
        desc.push('\n');
    }
    desc.push_str(&format!(
        "{}\n{}{green}\n{}{amber}\n{}{red}\n",
        wording.pain_title,
        wording.label(&wording.pain_green_label),
        wording.label(&wording.pain_amber_label),
        wording.label(&wording.pain_red_label)
    ));
    desc.push_str(&wording.disclaimer);
    desc
}

/// A stable hash of who and what an event is for: FNV-1a (64 bit) over the patient's name,
/// the program, the plan's start and the session's date and kind, each ended by a 0 byte.
/// (std's `DefaultHasher` may change between Rust versions; this never does.)
fn uid_hash(plan: &Plan, date: &str, kind: &str) -> u64 {
    let start = plan.start.format("%Y-%m-%d").to_string();
    let parts = [
        plan.patient.as_deref().unwrap_or(""),
        plan.program.id.as_str(),
        start.as_str(),
        date,
        kind,
    ];
    fnv1a(parts.iter().flat_map(|p| p.bytes().chain([0])))
}

/// FNV-1a, 64 bit.
fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    #[test]
    fn fnv1a_matches_the_reference_values() {
        // From the FNV reference test vectors.
        assert_eq!(super::fnv1a(*b""), 0xcbf29ce484222325);
        assert_eq!(super::fnv1a(*b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(super::fnv1a(*b"foobar"), 0x85944171f73967e8);
    }
}
