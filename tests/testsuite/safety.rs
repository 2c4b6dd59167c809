//! Red-flag screening, the pain log, `adjust`, and the return-to-run ladder.

use super::*;
use serde_json::Value;

#[test]
fn any_red_flag_stops_the_plan_with_exit_code_3() {
    let dir = scratch("red-flag");
    let r = run_in(
        &dir,
        &[
            "plan", "--cause", "meniscus", "--no", "all", "--yes", "locking", "-o", "plan.pdf",
        ],
    );
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("SEE A DOCTOR FIRST: do not start this exercise program yet.\n"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("Does the knee lock or get stuck"));
    assert!(r.stderr.contains("Why: A locked knee"));
    assert!(!dir.join("plan.pdf").exists());
    // A program's own red flags are questions too.
    let r = run_in(
        &dir,
        &[
            "plan",
            "--cause",
            "meniscus",
            "--no",
            "all",
            "--yes",
            "meniscus-1",
            "--format",
            "json",
        ],
    );
    assert_eq!((r.code, r.stdout.as_str()), (3, ""));
    // The clinician's override plans anyway, and says so.
    let r = run_in(
        &dir,
        &[
            "plan",
            "--cause",
            "meniscus",
            "--no",
            "all",
            "--yes",
            "locking",
            "--cleared-by-clinician",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r
        .stderr
        .contains("planning anyway because a clinician cleared the patient"));
}

#[test]
fn screen_from_a_file_and_from_flags() {
    let dir = scratch("screen");
    let list = run(&["screen", "--list"]);
    let ids: Vec<&str> = list
        .stdout
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty() && !l.ends_with(':'))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert!(
        ids.contains(&"locking")
            && ids.contains(&"hot-swollen-fever")
            && ids.contains(&"night-rest-pain")
            && ids.contains(&"giving-way"),
        "{ids:?}"
    );
    let answers: String = ids.iter().map(|id| format!("{id} = false\n")).collect();
    std::fs::write(dir.join("answers.toml"), &answers).unwrap();
    let r = run_in(&dir, &["screen", "--answers", "answers.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("No red flags"));
    std::fs::write(
        dir.join("answers.toml"),
        answers.replace("giving-way = false", "giving-way = true"),
    )
    .unwrap();
    let r = run_in(&dir, &["screen", "--answers", "answers.toml"]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("truly give way"));
    // Missing answers without a terminal: a clear usage error, not a guess.
    let r = run_in(&dir, &["screen", "--no", "locking"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with(
            "error: invalid value for --answers: 11 screening questions not answered: calf-breathless, hot-swollen-fever, injury-xray, "
        ),
        "{}",
        r.stderr
    );
    std::fs::write(
        dir.join("bad.toml"),
        "lockin = false\ngiving-way = \"no\"\n",
    )
    .unwrap();
    let r = run_in(&dir, &["screen", "--answers", "bad.toml"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: bad.toml:1:1: unknown question `lockin`\n  |\n1 | lockin = false\n  | ^^^^^^\n  hint: did you mean `locking`?\nerror: bad.toml:2:14: the answer to `giving-way` must be true or false\n  |\n2 | giving-way = \"no\"\n  |              ^^^^\n  hint: giving-way = true (yes) or giving-way = false (no)\n2 problems found in the input files\n"
    );
}

fn plan_with_log(dir: &std::path::Path) -> Value {
    let r = run_in(
        dir,
        &[
            "adjust",
            "--cause",
            "pfps",
            "--start",
            "2027-01-04",
            "--days",
            "mon,wed,fri",
            "--log",
            "log.toml",
            "--format",
            "json",
        ],
    );
    json(&r)
}

#[test]
fn a_painful_week_steps_back_and_a_clean_one_progresses() {
    let dir = scratch("adjust");
    let log = |args: &[&str]| {
        let mut a = vec!["log", "log.toml"];
        a.extend_from_slice(args);
        let r = run_in(&dir, &a);
        assert_eq!(r.code, 0, "{}", r.stderr);
    };
    // Week 1 (4-10 Jan 2027): clean.
    log(&[
        "--date",
        "2027-01-04",
        "--during",
        "2",
        "--morning",
        "1",
        "--completed",
    ]);
    log(&[
        "--date",
        "2027-01-06",
        "--during",
        "3",
        "--morning",
        "0",
        "--completed",
    ]);
    // Week 2: pain 7/10 during one session.
    log(&["--date", "2027-01-11", "--during", "7", "--completed"]);
    log(&["--date", "2027-01-11", "--morning", "4"]);
    let p = plan_with_log(&dir);
    let weeks = p["weeks"].as_array().unwrap();
    let pw: Vec<u64> = weeks
        .iter()
        .map(|w| w["program_week"].as_u64().unwrap())
        .collect();
    // Week 1 as planned, week 2 progressed to program week 2, week 3 steps back to 1, then on.
    assert_eq!(&pw[..5], &[1, 2, 1, 2, 3]);
    assert_eq!(weeks[1]["adjustment"], "progress: week 1: every session stayed at 3/10 or below and had settled by the next morning (program week 2)");
    assert_eq!(weeks[2]["adjustment"], "step back: week 2: pain reached 7/10 during the session on 2027-01-11, above 5/10 (program week 1)");
    // The doses follow: week 3 repeats week 1's doses.
    let first = |w: &Value| w["sessions"][0]["exercises"].clone();
    assert_eq!(first(&weeks[2]), first(&weeks[0]));
    // The text view says what changed and why.
    let r = run_in(
        &dir,
        &[
            "adjust",
            "--cause",
            "pfps",
            "--start",
            "2027-01-04",
            "--days",
            "mon,wed,fri",
            "--log",
            "log.toml",
            "--week",
            "3",
        ],
    );
    assert!(
        r.stdout
            .contains("Adjusted from your pain log: step back: week 2: pain reached 7/10"),
        "{}",
        r.stdout
    );
}

#[test]
fn log_errors_are_placed() {
    let dir = scratch("log-errors");
    std::fs::write(
        dir.join("log.toml"),
        "[[entry]]\ndate = \"2027-01-04\"\npain_during = 12\n",
    )
    .unwrap();
    let r = run_in(
        &dir,
        &["log", "log.toml", "--date", "2027-01-05", "--during", "2"],
    );
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: log.toml:3:15: pain_during is 12; pain is scored 0 to 10\n  |\n3 | pain_during = 12\n  |               ^^\n  hint: 0 = no pain, 10 = the worst pain imaginable\n1 problem found in the input files\n");
    // The log was left as it was.
    assert_eq!(
        std::fs::read_to_string(dir.join("log.toml")).unwrap(),
        "[[entry]]\ndate = \"2027-01-04\"\npain_during = 12\n"
    );
    let r = run_in(&dir, &["log", "new.toml", "--during", "11"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: invalid value for --during: 11 is not a pain score\n  hint: score pain from 0 (none) to 10 (worst imaginable)\n");
    let r = run_in(&dir, &["log", "new.toml", "--during", "-1"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: invalid value for --during: -1 is not a pain score\n  hint: score pain from 0 (none) to 10 (worst imaginable)\n");
    let r = run_in(&dir, &["log", "new.toml", "--morning", "-4"]);
    assert_eq!(r.stderr, "error: invalid value for --morning: -4 is not a pain score\n  hint: score pain from 0 (none) to 10 (worst imaginable)\n");
    assert!(!dir.join("new.toml").exists());
    let r = run(&["adjust", "--cause", "pfps"]);
    assert_eq!((r.code, r.stderr.as_str()), (2, "error: invalid value for --log: adjust needs the pain log\n  hint: add --log FILE (made with `rehabplan log`)\n"));
}

#[test]
fn walk_runs_are_gated_on_the_checklist_not_dated() {
    let p = plan_json_args(&[
        "--cause",
        "itbs",
        "--start",
        "2027-01-04",
        "--days",
        "mon,wed,fri",
        "--weeks",
        "16",
    ]);
    // No session of any week is a run: the runs start when the checklist is ticked.
    for w in p["weeks"].as_array().unwrap() {
        for s in w["sessions"].as_array().unwrap() {
            assert_ne!(s["kind"], "run", "{s}");
            assert!(
                s["exercises"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|e| e["id"] != "walk-run"),
                "a dated run: {s}"
            );
        }
    }
    let runs = p["runs"].as_array().expect("the ladder's runs");
    assert!(runs.len() >= 12, "{runs:?}");
    assert_eq!(runs[0]["distance_m"], 1609);
    assert_eq!(runs[0]["stage"], 1);
    let mut longest = 0;
    for (i, r) in runs.iter().enumerate() {
        assert_eq!(r["number"], i as u64 + 1);
        assert!(r.get("date").is_none(), "{r}");
        let m = r["distance_m"].as_u64().unwrap();
        if longest > 0 {
            assert!(
                m * 10 <= longest * 11,
                "run {}: {m} m is more than 110% of {longest} m",
                i + 1
            );
        }
        longest = longest.max(m);
    }
    // Each stage is done twice at its full distance before the next.
    let full: Vec<u64> = runs
        .iter()
        .filter(|r| r.get("shortened_from_m").is_none())
        .map(|r| r["stage"].as_u64().unwrap())
        .collect();
    assert_eq!(full, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
    assert!(
        p["program"]["return_to_run"]["entry_criteria"]
            .as_array()
            .unwrap()
            .len()
            >= 2
    );
}

/// Every cause a runner has comes with a walk-run ladder, gated on a checklist; the text view
/// prints the checklist with boxes and every run with a line for its date, and no run day.
#[test]
fn every_running_cause_has_a_gated_ladder() {
    for cause in [
        "pfps",
        "itbs",
        "pes-anserine",
        "meniscus",
        "adductor-strain",
        "hamstring-strain",
    ] {
        let p = plan_json_args(&["--cause", cause, "--start", "2027-01-04"]);
        let runs = p["runs"]
            .as_array()
            .unwrap_or_else(|| panic!("{cause}: no runs"));
        assert!(runs.len() >= 6, "{cause}: {runs:?}");
        let rtr = &p["program"]["return_to_run"];
        assert!(
            rtr["entry_criteria"].as_array().unwrap().len() >= 2,
            "{cause}"
        );
        assert!(
            rtr["rules"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r.as_str().unwrap().contains("110%")),
            "{cause}: the 110% rule"
        );
        let r = run(&["plan", "--cause", cause, "--start", "2027-01-04"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let text = &r.stdout;
        let at = text
            .find("Back to running (checklist from program week")
            .unwrap_or_else(|| panic!("{cause}: {text}"));
        let section = &text[at..];
        assert!(
            section.contains("Start running when you can tick all of these, not on a set date:"),
            "{cause}"
        );
        assert!(section.contains("  [ ] "), "{cause}");
        assert!(
            section.contains("   1. Stage 1 of ") || section.contains("  1. Stage 1 of "),
            "{cause}: {section}"
        );
        assert!(section.contains("Done on: ________"), "{cause}");
        assert!(
            !text.contains("  walk-run day ("),
            "{cause}: a dated run day"
        );
        let ics = run(&[
            "plan",
            "--cause",
            cause,
            "--start",
            "2027-01-04",
            "--format",
            "ics",
        ]);
        assert_eq!(ics.code, 0, "{}", ics.stderr);
        assert!(
            !ics.stdout.contains("Walk-run"),
            "{cause}: a run in the calendar"
        );
    }
    // Knee osteoarthritis has no ladder.
    let p = plan_json_args(&["--cause", "knee-oa", "--start", "2027-01-04"]);
    assert!(p.get("runs").is_none());
}

/// The hamstring ladder ends with Askling's sprint steps, after a checklist with the H-test.
#[test]
fn hamstring_sprints_wait_for_the_h_test() {
    let r = run(&[
        "plan",
        "--cause",
        "hamstring-strain",
        "--start",
        "2027-01-04",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let at = r.stdout.find("Back to running").unwrap();
    let section = &r.stdout[at..];
    let check = section
        .find("tick all of these:\n    [ ] ")
        .expect("a stage checklist");
    let sprint = section.find("sprint").expect("sprint steps");
    assert!(check < sprint, "{section}");
    assert!(
        section.contains("fast straight-leg raise test (the H-test)"),
        "{section}"
    );
}

fn plan_json_args(args: &[&str]) -> Value {
    let mut all = vec!["plan", "--format", "json"];
    all.extend_from_slice(args);
    json(&run(&all))
}

#[test]
fn itbs_says_its_pain_is_usually_on_the_outside() {
    let r = run(&[
        "plan",
        "--cause",
        "itbs",
        "--start",
        "2027-01-04",
        "--week",
        "1",
    ]);
    assert!(
        r.stdout
            .contains("ITBS pain is usually on the OUTSIDE of the knee"),
        "{}",
        r.stdout
    );
}

#[test]
fn one_painful_exercise_holds_the_week_and_is_named() {
    let dir = scratch("adjust-exercise");
    for args in [
        &[
            "--date",
            "2027-01-04",
            "--exercise",
            "clamshell",
            "--during",
            "2",
            "--morning",
            "1",
            "--completed",
        ][..],
        &[
            "--date",
            "2027-01-04",
            "--exercise",
            "straight-leg-raise",
            "--during",
            "5",
            "--morning",
            "2",
            "--completed",
        ][..],
    ] {
        let mut a = vec!["log", "log.toml"];
        a.extend_from_slice(args);
        assert_eq!(run_in(&dir, &a).code, 0);
    }
    let text = std::fs::read_to_string(dir.join("log.toml")).unwrap();
    assert!(
        text.contains("exercise = \"straight-leg-raise\"\npain_during = 5\n"),
        "{text}"
    );
    let p = plan_with_log(&dir);
    assert_eq!(p["weeks"][1]["program_week"], 1);
    assert_eq!(p["weeks"][1]["adjustment"], "hold: week 1: pain reached 5/10 during the session on 2027-01-04 (straight-leg-raise) (acceptable, 4-5/10) (program week 1)");
}

/// Whitespace squashed to single spaces (the PDF's text is laid out in lines and columns).
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const NOT_SCREENED: &str = "Not screened: this plan was made without the red-flag questions. Answer them before you start (rehabplan screen, or the \"Before you start\" page of the printed plan); with any \"yes\", see a doctor first.";

#[test]
fn a_plan_without_screening_says_so_and_carries_the_questions() {
    let dir = scratch("not-screened");
    let base = ["plan", "--cause", "meniscus", "--start", "2027-01-04"];
    fn join<'a>(base: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
        let mut a = base.to_vec();
        a.extend_from_slice(more);
        a
    }
    let with = |more: &[&'static str]| join(&base, more);
    // Text: the line under the header.
    let r = run_in(&dir, &with(&["--week", "1"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        squash(&r.stdout).contains(&format!("! {NOT_SCREENED}")),
        "{}",
        r.stdout
    );
    // JSON: the status and the sentence.
    let p = json(&run_in(&dir, &with(&["--format", "json"])));
    assert_eq!(p["screening"], "not-screened");
    assert_eq!(p["not_screened"], NOT_SCREENED);
    // PDF: "Before you start" with every question and a Yes and a No box for each.
    let r = run_in(&dir, &with(&["-o", "plan.pdf"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    if let Some(text) = super::pdf::text_of(&dir.join("plan.pdf")) {
        let front = text.split('\u{c}').next().unwrap();
        let s = squash(front);
        assert!(s.contains("Before you start Answer each question before your first session. Tick \"no\" only if it is not true for you. If you tick \"yes\" to any question, stop: do not start the exercises, and see a doctor first"), "{s}");
        let list = run(&["screen", "--cause", "meniscus", "--list"]);
        let questions = list
            .stdout
            .lines()
            .filter(|l| !l.starts_with(' ') && !l.is_empty() && !l.ends_with(':'))
            .count();
        assert_eq!(questions, 13, "{}", list.stdout);
        let rows = front
            .lines()
            .filter(|l| squash(l).ends_with("Yes No"))
            .count();
        assert_eq!(rows, 13, "{front}");
        assert!(
            s.contains(
                "Did the pain start with a clear twisting injury of the knee in the last 8 weeks?"
            ),
            "{s}"
        );
        assert!(s.contains(
            "Is the knee hot, red and swollen, with a fever or feeling generally unwell?"
        ));
    }
    // Answers (all no), `--no all` or a clinician's clearance remove the page and the marks.
    std::fs::write(
        dir.join("answers.toml"),
        run(&["screen", "--cause", "meniscus", "--print-answers-template"])
            .stdout
            .replace("\"?\"", "false"),
    )
    .unwrap();
    for (more, status) in [
        (&["--answers", "answers.toml"][..], "screened"),
        (&["--no", "all"][..], "screened"),
        (&["--cleared-by-clinician"][..], "cleared-by-clinician"),
    ] {
        let p = json(&run_in(
            &dir,
            &with(&[more, &["--format", "json"]].concat()),
        ));
        assert_eq!(p["screening"], status, "{more:?}");
        assert!(p.get("not_screened").is_none(), "{more:?}");
        let r = run_in(&dir, &with(&[more, &["--week", "1"]].concat()));
        assert!(!r.stdout.contains("Not screened"), "{more:?}");
        let r = run_in(&dir, &with(&[more, &["-o", "screened.pdf"]].concat()));
        assert_eq!(r.code, 0, "{}", r.stderr);
        if let Some(text) = super::pdf::text_of(&dir.join("screened.pdf")) {
            assert!(!text.contains("Before you start"), "{more:?}");
            assert!(text.contains("Stop and see a doctor if..."));
        }
    }
}

#[test]
fn a_yes_wins_over_unanswered_questions() {
    let dir = scratch("yes-first");
    std::fs::write(dir.join("answers.toml"), "hot-swollen-fever = true\n").unwrap();
    let r = run_in(&dir, &["screen", "--answers", "answers.toml"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "SEE A DOCTOR FIRST: do not start this exercise program yet.\n\nYou answered yes to:\n\nCall emergency services now if:\n  - Is the knee hot, red and swollen, with a fever or feeling generally unwell?\n    Why: A hot, swollen joint with fever can be an infection of the joint: this is an emergency.\n\nCall emergency services now.\n(A clinician who has examined you and cleared you for exercise can plan with --cleared-by-clinician.)\n"
    );
    // The same through `plan`, with one question answered no and the rest missing.
    let r = run_in(
        &dir,
        &[
            "plan",
            "--cause",
            "pfps",
            "--no",
            "giving-way",
            "--yes",
            "locking",
            "--format",
            "json",
        ],
    );
    assert_eq!((r.code, r.stdout.as_str()), (3, ""));
    assert!(
        r.stderr
            .contains("\nGet seen by a doctor the same day if:\n  - Does the knee lock"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("\nGet seen by a doctor today: an urgent care centre, an emergency department or an acute knee clinic.\n"));
}

#[test]
fn red_flags_are_graded_the_same_way_everywhere() {
    let headings = [
        "Call emergency services now if:",
        "Get seen by a doctor the same day if:",
        "See a doctor within a few days if:",
    ];
    // The screen command's list.
    let list = run(&["screen", "--list"]).stdout;
    let found: Vec<&str> = list.lines().filter(|l| l.ends_with(':')).collect();
    assert_eq!(found, headings);
    let emergency = list.split(headings[1]).next().unwrap();
    assert!(emergency.contains("hot-swollen-fever") && emergency.contains("calf-breathless"));
    let same_day = list
        .split(headings[1])
        .nth(1)
        .unwrap()
        .split(headings[2])
        .next()
        .unwrap();
    for id in ["locking", "injury-xray", "cannot-bear-weight"] {
        assert!(same_day.contains(&format!("\n{id}\n")), "{id}: {same_day}");
    }
    // Text: the headings in the same order, each sign under its grade; no "soon" or "at once".
    let text = run(&[
        "plan",
        "--cause",
        "pes-anserine",
        "--start",
        "2027-01-04",
        "--week",
        "1",
    ])
    .stdout;
    let box_ = text.split("Stop and see a doctor if...").nth(1).unwrap();
    let at: Vec<usize> = headings.iter().map(|h| box_.find(h).unwrap()).collect();
    assert!(at[0] < at[1] && at[1] < at[2], "{box_}");
    let fever = box_
        .find("the joint is hot, red and swollen and you have a fever")
        .unwrap();
    assert!(at[0] < fever && fever < at[1], "{box_}");
    let locks = box_
        .find("your knee locks and you cannot straighten it fully")
        .unwrap();
    assert!(at[1] < locks && locks < at[2]);
    let hop = squash(&box_[at[2]..]);
    assert!(
        hop.contains("! it hurts to hop on the leg, or one spot on the bone is tender to press"),
        "{hop}"
    );
    assert!(
        hop.contains("! the sore spot below the inner knee hurts when you hop"),
        "{hop}"
    );
    assert!(
        !text.contains(" soon ") && !text.contains("at once"),
        "{text}"
    );
    // JSON: the same groups, urgency first.
    let p = plan_json_args(&["--cause", "pes-anserine", "--start", "2027-01-04"]);
    let groups = p["warning_signs"].as_array().unwrap();
    let got: Vec<(&str, &str)> = groups
        .iter()
        .map(|g| {
            (
                g["urgency"].as_str().unwrap(),
                g["heading"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("emergency", headings[0]),
            ("same-day", headings[1]),
            ("days", headings[2])
        ]
    );
    assert_eq!(
        groups[0]["signs"][1],
        "the joint is hot, red and swollen and you have a fever or feel generally unwell"
    );
    // PDF: the box's headings in order.
    let dir = scratch("graded-pdf");
    let r = run_in(
        &dir,
        &[
            "plan",
            "--cause",
            "pes-anserine",
            "--no",
            "all",
            "-o",
            "p.pdf",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    if let Some(t) = super::pdf::text_of(&dir.join("p.pdf")) {
        let t = squash(&t);
        let at: Vec<usize> = headings.iter().map(|h| t.find(h).unwrap()).collect();
        assert!(at[0] < at[1] && at[1] < at[2]);
        assert!(t.contains("if a warning sign appears, get medical help as fast as its heading in the warning-signs box says"));
    }
}

#[test]
fn groin_and_hamstring_programs_have_their_own_flags() {
    for (cause, own) in [
        ("hamstring-strain", "you felt a pop high in the back of the thigh, then saw large bruising down the thigh, or it hurts to sit on the sitting bone"),
        ("adductor-strain", "pain deep in the groin or the front of the hip gets worse when you hop or at the end of a run, or wakes you at night"),
    ] {
        let p = plan_json_args(&["--cause", cause, "--start", "2027-01-04"]);
        let signs: Vec<&str> = p["see_a_doctor_if"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(signs.contains(&own), "{cause}: {signs:?}");
        assert!(
            !signs.contains(&"your knee locks and you cannot straighten it fully"),
            "{cause} prints a knee-only sign"
        );
        assert!(signs.contains(&"your calf is painful or swollen and you are short of breath or have chest pain"));
        let list = run(&["screen", "--cause", cause, "--list"]).stdout;
        assert!(!list.contains("\nlocking\n"), "{list}");
    }
    // The femoral neck is a same-day sign, the avulsion within days.
    let p = plan_json_args(&["--cause", "adductor-strain", "--start", "2027-01-04"]);
    assert!(p["warning_signs"][1]["signs"][0]
        .as_str()
        .unwrap()
        .starts_with("pain deep in the groin"));
    // The clinician's section gives the evidence for each flag.
    let notes = p["program"]["clinician_notes"].to_string();
    assert!(
        notes.contains("Red flag: pain deep in the groin")
            && notes.contains("femoral neck stress fracture"),
        "{notes}"
    );
    assert!(notes.contains("no source was found for these signs"));
}

#[test]
fn every_cause_specific_flag_is_a_question() {
    for cause in CAUSES {
        let list = run(&["screen", "--cause", cause, "--list"]);
        assert_eq!(list.code, 0);
        let text = squash(&list.stdout);
        assert!(!text.contains("Does this apply to you"), "{cause}");
        for block in list.stdout.split(&format!("\n{cause}-")).skip(1) {
            let q = squash(
                block
                    .split_once('\n')
                    .unwrap()
                    .1
                    .split("\n\n")
                    .next()
                    .unwrap(),
            );
            let q = q.split(&format!(" {cause}-")).next().unwrap();
            assert!(q.ends_with('?'), "{cause}: {q}");
        }
    }
    // ITBS's "pain on the inside" is an information note, not a see-a-doctor question.
    let list = run(&["screen", "--cause", "itbs", "--list"]).stdout;
    assert!(!list.contains("inner side"), "{list}");
    let r = run(&[
        "plan",
        "--cause",
        "itbs",
        "--no",
        "all",
        "--start",
        "2027-01-04",
        "--week",
        "1",
    ]);
    assert!(!r
        .stdout
        .split("Stop and see a doctor")
        .nth(1)
        .unwrap()
        .contains("inner side"));
}

#[test]
fn a_program_s_red_flags_are_checked_where_they_are_written() {
    let dir = scratch("red-flag-fields");
    let base = std::fs::read_to_string(repo().join("programs/pfps.toml")).unwrap();
    let at = base.find("red_flags = [").unwrap();
    let end = at + base[at..].find("\n]\n").unwrap() + 3;
    let bad = format!(
        "{}general_red_flags = \"swap\"\nred_flags = [\n  {{ urgency = \"soon\", sign = \"x\", question = \"y?\" }},\n]\n{}",
        &base[..at],
        &base[end..]
    );
    std::fs::create_dir_all(dir.join("clinic")).unwrap();
    std::fs::write(dir.join("clinic/pfps.toml"), &bad).unwrap();
    let r = run_in(&dir, &["validate", "clinic"]);
    assert_eq!(r.code, 2);
    let line = base[..at].lines().count() + 1;
    assert!(
        r.stderr.starts_with(&format!("error: clinic/pfps.toml:{line}:21: unknown variant `swap`\n{}|\n{line} | general_red_flags = \"swap\"\n{}|                     ^^^^^^\n  hint: allowed values here: `extend`, `replace`\n", " ".repeat(line.to_string().len() + 1), " ".repeat(line.to_string().len() + 1))),
        "{}",
        r.stderr
    );
    let bad = format!(
        "{}red_flags = [\n  {{ urgency = \"days\", sign = \"\", question = \"The knee hurts.\" }},\n]\n{}",
        &base[..at],
        &base[end..]
    );
    std::fs::write(dir.join("clinic/pfps.toml"), &bad).unwrap();
    let r = run_in(&dir, &["validate", "clinic"]);
    assert_eq!(r.code, 2);
    let line = base[..at].lines().count() + 2;
    assert_eq!(line, 13, "the gutter below is drawn for a two-digit line");
    assert_eq!(
        r.stderr,
        format!("error: clinic/pfps.toml:{line}:30: the red flag's `sign` is empty\n   |\n{line} |   {{ urgency = \"days\", sign = \"\", question = \"The knee hurts.\" }},\n   |                              ^^\n  hint: write the warning sign as the patient would notice it, e.g. sign = \"you felt a pop at the back of the thigh\"\nerror: clinic/pfps.toml:{line}:45: the red flag's `question` is not a question\n   |\n{line} |   {{ urgency = \"days\", sign = \"\", question = \"The knee hurts.\" }},\n   |                                             ^^^^^^^^^^^^^^^^^\n  hint: write it as a yes/no question ending in \"?\"; a \"yes\" means: see a doctor first\n2 problems found in the input files\n")
    );
}

fn log_weeks(dir: &std::path::Path, scores: &[(&str, &str, &str)]) {
    for (date, during, morning) in scores {
        let r = run_in(
            dir,
            &[
                "log",
                "log.toml",
                "--date",
                date,
                "--during",
                during,
                "--morning",
                morning,
                "--completed",
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
}

const ADJUST: [&str; 9] = [
    "adjust",
    "--cause",
    "pfps",
    "--start",
    "2027-01-04",
    "--days",
    "mon,wed,fri",
    "--log",
    "log.toml",
];

#[test]
fn four_weeks_at_8_escalate_instead_of_stepping_back() {
    let dir = scratch("escalate-red");
    log_weeks(
        &dir,
        &[
            ("2027-01-04", "8", "6"),
            ("2027-01-11", "8", "6"),
            ("2027-01-18", "8", "6"),
            ("2027-01-25", "8", "6"),
        ],
    );
    let r = run_in(&dir, &[&ADJUST[..], &["--format", "json"]].concat());
    assert_eq!((r.code, r.stdout.as_str()), (3, ""));
    assert_eq!(
        r.stderr,
        "SEE YOUR CLINICIAN BEFORE GOING ON: the pain log shows that the exercises are not settling the pain.\nReason: weeks 1 and 2 were both in the red zone (week 1: pain reached 8/10 during the session on 2027-01-04, above 5/10; week 2: pain reached 8/10 during the session on 2027-01-11, above 5/10).\nStepping back again on your own is not enough: ask your doctor or physiotherapist to examine the leg and to review the plan. Get help sooner if a warning sign appears.\n(A clinician who has reviewed the plan can go on with --cleared-by-clinician.)\n"
    );
    // A clinician who has seen the patient can re-plan; the warning stays.
    let r = run_in(
        &dir,
        &[&ADJUST[..], &["--cleared-by-clinician", "--format", "json"]].concat(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("warning: weeks 1 and 2 were both in the red zone"),
        "{}",
        r.stderr
    );
}

#[test]
fn pain_rising_for_two_weeks_escalates() {
    let dir = scratch("escalate-rising");
    log_weeks(
        &dir,
        &[
            ("2027-01-04", "2", "1"),
            ("2027-01-11", "3", "2"),
            ("2027-01-18", "5", "3"),
        ],
    );
    let r = run_in(&dir, &ADJUST);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("SEE YOUR CLINICIAN BEFORE GOING ON"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("\nReason: pain has risen for two weeks: the worst score was 2/10 in week 1, 3/10 in week 2 and 5/10 in week 3.\n"), "{}", r.stderr);
}

#[test]
fn log_entries_that_do_not_fit_the_plan_are_named() {
    let dir = scratch("log-outside");
    log_weeks(
        &dir,
        &[
            ("2027-01-01", "2", "1"),
            ("2027-01-05", "2", "1"),
            ("2027-03-01", "2", "1"),
        ],
    );
    let r = run_in(&dir, &[&ADJUST[..], &["--format", "json"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning: log.toml: the entry of 2027-01-01 is outside the plan (2027-01-04 to 2027-02-14) and was not used\n"), "{}", r.stderr);
    assert!(r.stderr.contains("warning: log.toml: the entry of 2027-03-01 is outside the plan (2027-01-04 to 2027-02-14) and was not used\n"));
    // An exercise id the program does not have: refused by `log --cause`, with a hint.
    let r = run_in(
        &dir,
        &[
            "log",
            "log.toml",
            "--cause",
            "pfps",
            "--exercise",
            "clamshel",
            "--during",
            "2",
        ],
    );
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "error: invalid value for --exercise: `clamshel` is not an exercise of the pfps program\n  hint: did you mean `clamshell`?\n")
    );
    let r = run_in(
        &dir,
        &[
            "log",
            "log.toml",
            "--cause",
            "pfps",
            "--exercise",
            "copenhagen-adduction",
            "--during",
            "2",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error: invalid value for --exercise: `copenhagen-adduction` is not an exercise of the pfps program\n"), "{}", r.stderr);
    let r = run_in(
        &dir,
        &["log", "log.toml", "--exercise", "clamshel", "--during", "2"],
    );
    assert_eq!(r.stderr, "error: invalid value for --exercise: `clamshel` is not in the exercise library\n  hint: did you mean `clamshell`?\n");
    let before = std::fs::read_to_string(dir.join("log.toml")).unwrap();
    assert!(!before.contains("clamshel"));
    // An entry written by hand for another program's exercise is named by `adjust`.
    std::fs::write(
        dir.join("log.toml"),
        format!("{before}\n[[entry]]\ndate = \"2027-01-06\"\nexercise = \"copenhagen-adduction\"\npain_during = 2\n"),
    )
    .unwrap();
    let r = run_in(&dir, &[&ADJUST[..], &["--format", "json"]].concat());
    assert!(r.stderr.contains("warning: log.toml: the entry of 2027-01-06 is for `copenhagen-adduction`, which is not an exercise of the pfps program; its scores still count\n"), "{}", r.stderr);
}

#[test]
fn knee_oa_moves_up_on_a_green_week_as_its_traffic_light_says() {
    let p = plan_json_args(&["--cause", "knee-oa", "--start", "2027-01-04"]);
    let green = p["program"]["pain_rule"]["green_max"].as_u64().unwrap();
    assert_eq!(green, 3);
    let mut pain_lines = 0;
    for w in p["weeks"].as_array().unwrap() {
        for c in w["progress_when"].as_array().unwrap() {
            let c = c.as_str().unwrap();
            assert!(!c.contains("5/10"), "{c}");
            if c.contains("/10") {
                pain_lines += 1;
                assert!(c.contains(&format!("{green}/10 or less (green)")), "{c}");
            }
        }
    }
    assert!(pain_lines > 0);
}

/// Askling's extender is done twice a day: the plan says so on every day it is due.
#[test]
fn the_extender_is_twice_a_day() {
    let p = plan_json_args(&["--cause", "hamstring-strain", "--start", "2027-01-04"]);
    let mut days = 0;
    for w in p["weeks"].as_array().unwrap() {
        for s in w["sessions"].as_array().unwrap() {
            for e in s["exercises"].as_array().unwrap() {
                if e["id"] == "askling-extender" {
                    assert_eq!(e["times_a_day"], 2, "{}", s["date"]);
                    days += 1;
                } else {
                    assert!(e.get("times_a_day").is_none(), "{e}");
                }
            }
        }
    }
    assert_eq!(days, 42);
}

/// The contradictions of the built-ins the clinical review found (issue 13), read from what
/// the patient sees.
#[test]
fn built_ins_follow_their_own_cautions() {
    let sessions = |p: &Value, week: u64| -> Vec<Value> {
        p["weeks"].as_array().unwrap()[week as usize - 1]["sessions"]
            .as_array()
            .unwrap()
            .clone()
    };
    let items = |p: &Value, week: u64, id: &str| -> Vec<Value> {
        sessions(p, week)
            .iter()
            .flat_map(|s| s["exercises"].as_array().unwrap().clone())
            .filter(|e| e["id"] == id)
            .collect()
    };
    // Adductor: the butterfly stretch waits for week 3 (its caution: not in the first days);
    // the long-lever Copenhagen reaches 3 x 15; Holmich's "5 x 10, twice" is scheduled as such.
    let a = plan_json_args(&["--cause", "adductor-strain", "--start", "2027-01-04"]);
    for week in 1..=2 {
        assert!(
            items(&a, week, "adductor-stretch").is_empty(),
            "week {week}"
        );
    }
    assert!(!items(&a, 3, "adductor-stretch").is_empty());
    let cop = &items(&a, 12, "copenhagen-long-lever")[0];
    assert_eq!(
        (cop["sets"].as_u64(), cop["reps"].as_u64()),
        (Some(3), Some(15))
    );
    let add = &items(&a, 3, "side-lying-hip-adduction")[0];
    assert_eq!(
        (add["sets"].as_u64(), add["reps"].as_u64()),
        (Some(10), Some(10))
    );
    assert!(add["note"]
        .as_str()
        .unwrap()
        .contains("Two rounds of 5 sets of 10"));
    let text = flat(
        &run(&[
            "plan",
            "--cause",
            "adductor-strain",
            "--start",
            "2027-01-04",
        ])
        .stdout,
    );
    assert!(!text.contains("Sit-ups") && text.contains("Curl-ups and the wobble board"));
    assert!(text.contains("the ball between your feet"));
    // Meniscus: the front-of-thigh stretch stops at a right angle, as its caution asks, and
    // the ankle weight rises by about 0.5 kg, not from 2 to 4.5 kg in one step.
    let m = flat(&run(&["plan", "--cause", "meniscus", "--start", "2027-01-04"]).stdout);
    assert!(
        m.contains("Bend the knee only to a right angle, no further"),
        "{m}"
    );
    assert!(!m.contains("2.5-4.5 kg"));
    assert!(
        m.contains("last\n      week's ankle weight plus about 0.5 kg")
            || m.contains("last week's ankle weight plus about 0.5 kg")
    );
    // pfps: the running checklist (single-leg squats) is offered from week 5, the week the
    // single-leg squat is taught, and the last weeks point to it instead of a separate rule.
    let p = plan_json_args(&["--cause", "pfps", "--start", "2027-01-04"]);
    assert_eq!(p["program"]["return_to_run"]["start_week"], 5);
    assert!(items(&p, 4, "single-leg-squat").is_empty());
    assert!(!items(&p, 5, "single-leg-squat").is_empty());
    let t = flat(&run(&["plan", "--cause", "pfps", "--start", "2027-01-04"]).stdout);
    assert!(!t.contains("before you start a walk-run plan"));
    assert!(t.contains("Back to running (checklist from program week 5)"));
}

/// Items of the cited protocols that the built-ins now schedule (issue 13).
#[test]
fn built_ins_schedule_the_cited_protocols() {
    let ids = |cause: &str, week: u32| -> Vec<String> {
        let p = plan_json_args(&["--cause", cause, "--start", "2027-01-04"]);
        p["weeks"].as_array().unwrap()[week as usize - 1]["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["exercises"].as_array().unwrap().clone())
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    // pfps, Hoglund: week 1 prone buttock squeeze, week 2 prone hip extension, the band
    // turn-out with the band work; single-leg balance with arm raises in week 2.
    assert!(ids("pfps", 1).contains(&"prone-glute-squeeze".into()));
    assert!(ids("pfps", 2).contains(&"prone-hip-extension".into()));
    assert!(ids("pfps", 3).contains(&"seated-hip-external-rotation-band".into()));
    let t = flat(
        &run(&[
            "plan",
            "--cause",
            "pfps",
            "--start",
            "2027-01-04",
            "--week",
            "2",
        ])
        .stdout,
    );
    assert!(t.contains("raise the arm on the other side"), "{t}");
    // Adductor, Holmich module I: the sit-up with the ball and the sliding work.
    let a1 = ids("adductor-strain", 1);
    assert!(a1.contains(&"curl-up-ball".into()) && a1.contains(&"side-slide".into()));
    // Meniscus, Kise/Stensrud neuromuscular work: the wobble board from week 7.
    assert!(ids("meniscus", 7).contains(&"balance-board".into()));
    // Knee OA, GLA:D: balance work in every phase, and the pointer to education.
    for week in [1, 3, 5, 7] {
        assert!(
            ids("knee-oa", week).contains(&"single-leg-stance".into()),
            "week {week}"
        );
    }
    let oa = flat(
        &run(&[
            "plan",
            "--cause",
            "knee-oa",
            "--start",
            "2027-01-04",
            "--week",
            "1",
        ])
        .stdout,
    );
    assert!(
        oa.contains("short course on living with knee osteoarthritis"),
        "{oa}"
    );
}

/// Text with every run of whitespace made one space: the text view wraps long lines.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The terminal view keeps the clinician's evidence note out of the patient's instructions:
/// it comes last, under "For your therapist", after the warning signs and the disclaimer.
#[test]
fn the_text_view_puts_the_evidence_note_in_the_therapists_part() {
    let r = run(&[
        "plan",
        "--cause",
        "pes-anserine",
        "--start",
        "2027-01-04",
        "--no",
        "all",
        "--week",
        "1",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = flat(&r.stdout);
    let note =
        out.find("No randomised trial with an exercise dose for pes anserine pain was found.");
    let therapist = out
        .find("For your therapist Where this plan comes from, for the clinician who reviews it.");
    let disclaimer = out.find("This plan is not medical advice");
    let traffic = out.find("the traffic light").expect("the pain rule");
    let (note, therapist, disclaimer) = (
        note.expect("the note"),
        therapist.expect("the heading"),
        disclaimer.expect("the disclaimer"),
    );
    assert!(
        traffic < disclaimer && disclaimer < therapist && therapist < note,
        "{out}"
    );
}
