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

fn events(text: &str) -> Vec<icalendar::Event> {
    let cal: Calendar = text.parse().expect("the calendar parses");
    cal.components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn uids_differ_between_patients_and_stay_the_same_for_one() {
    let ics = |name: &str| {
        let r = run(&[PLAN, &["--name", name, "--format", "ics"]].concat());
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };
    let uids = |text: &str| -> Vec<String> {
        events(text)
            .iter()
            .map(|e| e.get_uid().unwrap().to_string())
            .collect()
    };
    let ann = uids(&ics("Ann"));
    let bob = uids(&ics("Bob"));
    assert_eq!(ann.len(), bob.len());
    assert!(
        ann.iter()
            .all(|u| u.ends_with("@rehabplan") && u.len() == 16 + 10),
        "{ann:?}"
    );
    assert!(
        ann.iter().all(|u| !bob.contains(u)),
        "two patients share a UID"
    );
    assert_eq!(ann, uids(&ics("Ann")), "the same plan gives the same UIDs");
    let text = ics("Ann");
    assert!(
        text.contains("\r\nPRODID:-//rehabplan//rehabplan "),
        "{}",
        &text[..200]
    );
    assert!(text.contains("//EN\r\n"));
}

#[test]
fn german_template_gives_german_events() {
    let r = run(&[
        PLAN,
        &["--template", "de", "--format", "ics", "--name", "Zoë"],
    ]
    .concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("//DE\r\n"));
    let all = events(&r.stdout);
    let summaries: Vec<&str> = all.iter().map(|e| e.get_summary().unwrap()).collect();
    assert_eq!(
        summaries[0],
        "Reha-Woche 1: Dehnen (Iliotibialband-Syndrom (ITBS))"
    );
    let training = all
        .iter()
        .find(|e| {
            e.get_summary()
                .unwrap()
                .starts_with("Reha-Woche 1: Training (")
        })
        .unwrap_or_else(|| panic!("{summaries:?}"));
    let desc = training.get_description().unwrap();
    assert!(desc.starts_with("Für: Zoë\nWoche 1 von "), "{desc}");
    assert!(
        desc.contains("Schmerzen während und nach dem Training: die Ampel\nGrün: "),
        "{desc}"
    );
    assert!(!desc.contains("Pain rule"), "{desc}");
}
