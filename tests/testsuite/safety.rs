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
        "error: bad.toml:1:1: unknown question `lockin`\n  hint: did you mean `locking`?\nerror: bad.toml:2:14: the answer to `giving-way` must be true or false\n  hint: giving-way = true (yes) or giving-way = false (no)\n2 problems found in the input files\n"
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
    assert_eq!(r.stderr, "error: log.toml:3:15: pain_during is 12; pain is scored 0 to 10\n  hint: 0 = no pain, 10 = the worst pain imaginable\n1 problem found in the input files\n");
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
fn walk_run_days_follow_the_ladder_rules() {
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
    let mut runs: Vec<(chrono::NaiveDate, u64)> = Vec::new();
    for w in p["weeks"].as_array().unwrap() {
        for s in w["sessions"].as_array().unwrap() {
            let date =
                chrono::NaiveDate::parse_from_str(s["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
            let run = s["exercises"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["id"] == "walk-run");
            if let Some(r) = run {
                assert_eq!(s["kind"], "run");
                assert!(
                    w["program_week"].as_u64().unwrap() >= 5,
                    "run before the ladder starts"
                );
                assert!(
                    !["mon", "wed", "fri"].contains(&s["weekday"].as_str().unwrap()),
                    "run on a strength day"
                );
                runs.push((date, r["distance_m"].as_u64().unwrap()));
            }
        }
    }
    assert!(runs.len() >= 10, "{runs:?}");
    assert_eq!(runs[0].1, 1609);
    for (i, (d, m)) in runs.iter().enumerate() {
        if i > 0 {
            assert!(
                (*d - runs[i - 1].0).num_days() >= 2,
                "no rest day before {d}"
            );
        }
        let longest = runs[..i]
            .iter()
            .filter(|(p, _)| (*d - *p).num_days() <= 30)
            .map(|(_, m)| *m)
            .max();
        if let Some(l) = longest {
            assert!(*m * 10 <= l * 11, "{d}: {m} m is more than 110% of {l} m");
        }
    }
    assert!(
        p["program"]["return_to_run"]["entry_criteria"]
            .as_array()
            .unwrap()
            .len()
            >= 2
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
