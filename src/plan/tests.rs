//! Unit tests of the planner's helpers and of the clinician notes on a built-in program.

use super::item::rep_seconds;
use super::*;
use chrono::Weekday::*;

#[test]
fn spread_keeps_first_and_last() {
    assert_eq!(spread(&[Mon, Wed, Fri], 2), vec![Mon, Fri]);
    assert_eq!(spread(&[Mon, Tue, Wed, Thu, Fri], 3), vec![Mon, Wed, Fri]);
    assert_eq!(spread(&[Mon, Wed], 3), vec![Mon, Wed]);
    assert_eq!(spread(&[Mon, Wed, Fri], 1), vec![Mon]);
}

/// The clinician-only texts come in program order, each once, with everything they are about.
#[test]
fn clinician_notes_in_program_order_each_text_once() {
    let v = crate::validate::check(
        crate::load::parse_all(crate::load::builtin_sources()),
        false,
    );
    let c = &v.catalog;
    let itbs = c.find_program("itbs").unwrap();
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let p = plan(&c.library, itbs, &Options::new(start));
    let about: Vec<&str> = p.clinician_notes.iter().map(|n| n.about.as_str()).collect();
    assert_eq!(
        about,
        [
            "Program",
            "Pain rule",
            "Phase 1 (weeks 1-4), week 2, Side plank on knees (modified side plank)",
            "Phase 1 (weeks 1-4), Standing cross-over stretch (outer hip), Lying outer-hip stretch with a strap; \
             Phase 2 (weeks 5-8), Standing cross-over stretch (outer hip), Lying outer-hip stretch with a strap",
            "Phase 2 (weeks 5-8), week 5, Lateral band walk (side steps), week 5, Terminal knee extension with band",
            "Return to running",
            "Progress check: Worst pain in the last week",
            "Progress check: Single-leg squats to a chair",
        ]
    );
    assert!(p.clinician_notes[2]
        .text
        .starts_with("The week-2 set count in McKay 2020 is unreadable"));
    // A plan that stops in phase 1 leaves out the later phases' notes.
    let mut short = Options::new(start);
    short.weeks = Some(2);
    let p = plan(&c.library, itbs, &short);
    assert!(p
        .clinician_notes
        .iter()
        .all(|n| !n.about.contains("Phase 2")));
}

#[test]
fn tempo_sets_rep_time() {
    assert_eq!(rep_seconds(Some("3-1-3")), 7.0);
    assert_eq!(rep_seconds(Some("3 s up, 3 s down")), 6.0);
    assert_eq!(rep_seconds(Some("3-0-3-2")), 8.0);
    assert_eq!(rep_seconds(Some("slow")), 4.0);
    assert_eq!(rep_seconds(None), 4.0);
}
