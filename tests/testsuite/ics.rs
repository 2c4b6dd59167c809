//! `-o plan.ics`: one all-day event per session, readable by a calendar parser.

use super::*;
use icalendar::{Calendar, CalendarComponent, Component};

/// The plan every check here makes, as a calendar and as JSON.
const PLAN: &[&str] = &[
    "plan",
    "--cause",
    "itbs",
    "--start",
    "2026-12-28",
    "--days",
    "tue,thu,sat",
];

#[test]
fn one_event_per_session_with_the_exercises() {
    let dir = scratch("ics");
    let r = run_in(&dir, &[PLAN, &["-o", "plan.ics"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(dir.join("plan.ics")).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    let cal: Calendar = text.parse().expect("the calendar parses");
    let events: Vec<&icalendar::Event> = cal
        .components
        .iter()
        .filter_map(|c| {
            if let CalendarComponent::Event(e) = c {
                Some(e)
            } else {
                None
            }
        })
        .collect();

    let plan = json(&run(&[PLAN, &["--format", "json"]].concat()));
    let sessions: Vec<&serde_json::Value> = plan["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["sessions"].as_array().unwrap())
        .collect();
    assert_eq!(events.len(), sessions.len());
    let mut uids = std::collections::BTreeSet::new();
    for (e, s) in events.iter().zip(&sessions) {
        let date = s["date"].as_str().unwrap().replace('-', "");
        assert_eq!(e.property_value("DTSTART"), Some(date.as_str()));
        let desc = e.get_description().unwrap();
        for ex in s["exercises"].as_array().unwrap() {
            assert!(desc.contains(ex["name"].as_str().unwrap()), "{desc}");
        }
        assert!(desc.contains("not medical advice"));
        assert!(
            uids.insert(e.get_uid().unwrap().to_string()),
            "duplicate UID"
        );
    }
    // Reproducible: the same inputs give the same bytes.
    let again = run_in(&dir, &[PLAN, &["-o", "again.ics"]].concat());
    assert_eq!(again.code, 0);
    assert_eq!(
        std::fs::read(dir.join("again.ics")).unwrap(),
        text.as_bytes()
    );
}
