//! Snapshots of what the terminal shows, reviewed as a user reads them: the week view of one
//! plan, `causes`, `exercises` and `plan --explain`. A change shows up as a diff of the whole
//! screen; after checking it, accept it with `cargo insta review` (or `INSTA_UPDATE=always`).

use super::*;

/// Standard output of a successful run, the run's standard error checked to be empty.
fn screen(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "", "rehabplan {}", args.join(" "));
    r.stdout
}

#[test]
fn the_week_view_of_one_plan() {
    insta::assert_snapshot!(screen(&[
        "plan",
        "--cause",
        "pfps",
        "--start",
        "2026-11-23",
        "--days",
        "mon,wed,fri",
        "--week",
        "2",
        "--name",
        "Alex Example",
    ]));
}

#[test]
fn causes() {
    insta::assert_snapshot!(screen(&["causes"]));
}

#[test]
fn exercises() {
    insta::assert_snapshot!(screen(&["exercises"]));
}

#[test]
fn plan_explain() {
    insta::assert_snapshot!(screen(&[
        "plan",
        "--cause",
        "itbs",
        "--start",
        "2026-11-23",
        "--week",
        "1",
        "--level",
        "beginner",
        "--equipment",
        "none",
        "--explain",
    ]));
}
