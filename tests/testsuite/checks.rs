//! Progress checks: dated at the start, halfway and the end of the plan, printed with their
//! instructions and boxes (text, JSON, PDF, German too), recorded with `log --check` and
//! reported by `adjust`; a bad `[[check]]` table is refused at its place.

use crate::{json, run_in, scratch, CAUSES};
use serde_json::Value;

/// A plan of `cause` from Monday 2026-12-07 on Mon/Wed/Fri, screened, in `format`.
fn plan_args<'a>(cause: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec![
        "plan",
        "--cause",
        cause,
        "--start",
        "2026-12-07",
        "--days",
        "mon,wed,fri",
        "--no",
        "all",
    ];
    a.extend_from_slice(extra);
    a
}

/// The first and last training dates of plan week `n` (1-based), from the JSON.
fn training_dates(plan: &Value, n: usize) -> (String, String) {
    let dates: Vec<String> = plan["weeks"][n - 1]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "training")
        .map(|s| s["date"].as_str().unwrap().to_string())
        .collect();
    (dates[0].clone(), dates.last().unwrap().clone())
}

#[test]
fn pfps_checks_fall_on_the_first_halfway_and_last_sessions() {
    let dir = scratch("checks-pfps-dates");
    let plan = json(&run_in(&dir, &plan_args("pfps", &["--format", "json"])));
    let days: Vec<(String, u64, String)> = plan["checks"]
        .as_array()
        .expect("the plan has check days")
        .iter()
        .map(|c| {
            (
                c["when"].as_str().unwrap().to_string(),
                c["week"].as_u64().unwrap(),
                c["date"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // 6 weeks: Monday of week 1, Monday of week 4 (after the first 3 weeks), Friday of week 6.
    assert_eq!(
        days,
        [
            ("start".to_string(), 1, "2026-12-07".to_string()),
            ("middle".to_string(), 4, "2026-12-28".to_string()),
            ("end".to_string(), 6, "2027-01-15".to_string()),
        ]
    );
    let ids: Vec<&str> = plan["program"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["worst-pain", "single-leg-squat"]);
}

#[test]
fn every_cause_shows_its_dated_checks_in_text_json_and_pdf() {
    let dir = scratch("checks-every-cause");
    let functional = [
        ("adductor-strain", "Single-leg squats to a chair"),
        ("hamstring-strain", "Single-leg bridges"),
        ("itbs", "Single-leg squats to a chair"),
        ("knee-oa", "30-second chair stand"),
        ("meniscus", "Single-leg squats to a chair"),
        ("pes-anserine", "30-second chair stand"),
        ("pfps", "Single-leg squats to a chair"),
    ];
    assert_eq!(functional.map(|(c, _)| c), CAUSES);
    for (cause, test) in functional {
        let plan = json(&run_in(&dir, &plan_args(cause, &["--format", "json"])));
        let weeks = plan["weeks"].as_array().unwrap().len();
        let checks = plan["program"]["checks"].as_array().unwrap();
        let names: Vec<&str> = checks.iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Worst pain in the last week", test], "{cause}");
        // Each check is cited: its reference is one of the program's.
        let refs: Vec<&str> = plan["program"]["references"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        for c in checks {
            let r = c["reference"].as_str().unwrap();
            assert!(
                refs.contains(&r),
                "{cause}: check reference {r} not in {refs:?}"
            );
            assert!(!c["steps"].as_array().unwrap().is_empty(), "{cause}");
        }
        let dates: Vec<&str> = plan["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["date"].as_str().unwrap())
            .collect();
        let start = training_dates(&plan, 1).0;
        let middle = training_dates(&plan, weeks / 2 + 1).0;
        let end = training_dates(&plan, weeks).1;
        assert_eq!(dates, [&start, &middle, &end], "{cause}");

        // Text: the instructions once, then a row of boxes in each check's week.
        let r = run_in(&dir, &plan_args(cause, &[]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout.matches("Progress checks\n").count(), 1, "{cause}");
        assert!(
            r.stdout
                .contains("Progress check (start): Monday 7 December 2026:\n"),
            "{cause}: {}",
            r.stdout
        );
        assert_eq!(r.stdout.matches("[_____] /10").count(), 3, "{cause}");
        let step = checks[1]["steps"][0].as_str().unwrap();
        assert!(r.stdout.contains(&step[..30]), "{cause}: step missing");

        // PDF: the instructions in the log, a row of boxes for each day, the later ones
        // pointing back to week 1; the clinician's rationale only in the therapist's section.
        let file = format!("{cause}.pdf");
        let r = run_in(&dir, &plan_args(cause, &["-o", &file]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let Some(text) = crate::pdf::text_of(&dir.join(&file)) else {
            continue;
        };
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("Progress checks Do these checks"), "{cause}");
        assert!(flat.contains(
            &step
                .split_whitespace()
                .take(8)
                .collect::<Vec<_>>()
                .join(" ")
        ));
        for (when, date) in [("start", &start), ("halfway", &middle), ("end", &end)] {
            let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
            let line = format!("Progress check ({when}): {}", d.format("%a %-d %b"));
            assert_eq!(flat.matches(&line).count(), 1, "{cause}: {line}");
        }
        assert_eq!(
            flat.matches("How to do the checks: see week 1.").count(),
            2,
            "{cause}"
        );
        assert!(
            flat.contains(&format!("2. {test}: ")),
            "{cause}: {test} in the box"
        );
        let unit = checks[1]["unit"].as_str().unwrap();
        let row = format!("Worst pain in the last week /10 {test} {unit}");
        assert_eq!(flat.matches(&row).count(), 3, "{cause}: {row}");
        let therapist = flat.rfind("For your therapist").expect("therapist section");
        let extrapolated = flat.find("simple numeric check").expect("check rationale");
        assert!(
            extrapolated > therapist,
            "{cause}: rationale on a patient page"
        );
    }
}

#[test]
fn german_plans_print_the_checks_in_german() {
    let dir = scratch("checks-de");
    for cause in CAUSES {
        let file = format!("{cause}-de.pdf");
        let r = run_in(&dir, &plan_args(cause, &["--template", "de", "-o", &file]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            !r.stderr.contains("not translated"),
            "{cause}: {}",
            r.stderr
        );
        let Some(text) = crate::pdf::text_of(&dir.join(&file)) else {
            continue;
        };
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        // The patient's pages: the therapist's section stays in English (the rationale).
        let therapist = flat
            .rfind("Für Ihre Therapeutin oder Ihren Therapeuten")
            .expect("therapist section");
        let flat = &flat[..therapist];
        assert!(flat.contains("Fortschrittstests"), "{cause}");
        assert!(
            flat.contains("Stärkster Schmerz der letzten Woche"),
            "{cause}"
        );
        assert!(flat.contains("Fortschrittstest (Halbzeit)"), "{cause}");
        for english in ["Worst pain", "Progress check", "How to do the checks"] {
            assert!(
                !flat.contains(english),
                "{cause}: English {english:?} in German PDF"
            );
        }
    }
}

#[test]
fn log_records_check_results_and_adjust_reports_them() {
    let dir = scratch("checks-log");
    let log = |args: &[&str]| {
        let mut a = vec!["log", "pain.toml", "--cause", "knee-oa"];
        a.extend_from_slice(args);
        run_in(&dir, &a)
    };
    let r = log(&[
        "--date",
        "2026-12-07",
        "--check",
        "worst-pain=6",
        "--check",
        "chair-stand=9",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A session's scores and a result a day late for the halfway check (Monday 4 January).
    let r = log(&[
        "--date",
        "2026-12-10",
        "--during",
        "2",
        "--morning",
        "1",
        "--completed",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = log(&["--date", "2027-01-05", "--check", "chair-stand=12"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = std::fs::read_to_string(dir.join("pain.toml")).unwrap();
    assert!(
        written.contains("[[check]]\ndate = \"2026-12-07\"\nid = \"chair-stand\"\nvalue = 9\n"),
        "{written}"
    );
    let adjust = |extra: &[&str]| {
        let mut a = vec![
            "adjust",
            "--cause",
            "knee-oa",
            "--start",
            "2026-12-07",
            "--days",
            "mon,thu",
            "--no",
            "all",
            "--log",
            "pain.toml",
        ];
        a.extend_from_slice(extra);
        run_in(&dir, &a)
    };
    let plan = json(&adjust(&["--format", "json"]));
    let results: Vec<Vec<(String, u64, String)>> = plan["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c["results"]
                .as_array()
                .map(|rs| {
                    rs.iter()
                        .map(|r| {
                            (
                                r["check"].as_str().unwrap().to_string(),
                                r["value"].as_u64().unwrap(),
                                r["date"].as_str().unwrap().to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        results,
        [
            vec![
                ("worst-pain".to_string(), 6, "2026-12-07".to_string()),
                ("chair-stand".to_string(), 9, "2026-12-07".to_string()),
            ],
            vec![("chair-stand".to_string(), 12, "2027-01-05".to_string())],
            vec![],
        ]
    );
    // The check results are not sessions: week 1's one session was green, so week 2 moves on.
    assert_eq!(plan["weeks"][1]["program_week"], 2);

    let r = adjust(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("Worst pain in the last week  [  6  ] /10"),
        "{}",
        r.stdout
    );
    assert!(r
        .stdout
        .contains("30-second chair stand        [  9  ] stands"));
    assert!(r
        .stdout
        .contains("30-second chair stand        [ 12  ] stands"));
    let r = adjust(&["-o", "adjusted.pdf"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    if let Some(text) = crate::pdf::text_of(&dir.join("adjusted.pdf")) {
        let line = text
            .lines()
            .find(|l| l.contains("Worst pain in the last week") && l.contains("/10"))
            .unwrap();
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            &words[..8],
            ["Worst", "pain", "in", "the", "last", "week", "6", "/10"]
        );
    }
}

#[test]
fn log_refuses_bad_check_results() {
    let dir = scratch("checks-log-errors");
    let cases: [(&[&str], &str); 5] = [
        (
            &["--check", "worst-pain=4"],
            "error: invalid value for --check: a progress check needs the cause\n  hint: add --cause CAUSE: each program has its own checks (`rehabplan plan --cause CAUSE --format json` lists their ids under program.checks)\n",
        ),
        (
            &["--cause", "pfps", "--check", "worst-pan=4"],
            "error: invalid value for --check: `worst-pan` is not a progress check of the pfps program\n  hint: did you mean `worst-pain`?\n",
        ),
        (
            &["--cause", "knee-oa", "--check", "single-leg-squat=4"],
            "error: invalid value for --check: `single-leg-squat` is not a progress check of the knee-oa program\n  hint: its checks are: worst-pain, chair-stand\n",
        ),
        (
            &["--cause", "pfps", "--check", "single-leg-squat=31"],
            "error: invalid value for --check: 31 is out of range for `single-leg-squat`\n  hint: Squats on the sore leg in 30 seconds, without pain above 2/10: a whole number from 0 to 30\n",
        ),
        (
            &["--cause", "pfps", "--check", "worst-pain"],
            "error: invalid value for --check: `worst-pain` is not ID=N\n  hint: write the check's id, `=` and the number, e.g. --check worst-pain=4\n",
        ),
    ];
    for (args, message) in cases {
        let mut a = vec!["log", "pain.toml"];
        a.extend_from_slice(args);
        let r = run_in(&dir, &a);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_eq!(r.stderr, message, "{args:?}");
        assert!(!dir.join("pain.toml").exists(), "{args:?} wrote the log");
    }
    // A hand-edited log with a negative value is refused at its place.
    std::fs::write(
        dir.join("pain.toml"),
        "[[check]]\ndate = \"2026-12-07\"\nid = \"worst-pain\"\nvalue = -1\n",
    )
    .unwrap();
    let r = run_in(
        &dir,
        &[
            "adjust",
            "--cause",
            "pfps",
            "--start",
            "2026-12-07",
            "--no",
            "all",
            "--log",
            "pain.toml",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("pain.toml:4:9: the check's value is -1; it must be 0 or more"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_bad_check_table_is_refused_at_its_place() {
    let dir = scratch("checks-bad-table");
    let programs = dir.join("programs");
    std::fs::create_dir_all(&programs).unwrap();
    std::fs::write(
        programs.join("mine.toml"),
        r#"id = "my-knee"
extends = "pfps"

[[check]]
id = "Hop Test"
name = " "
steps = []
record = "Hops"
max = 0
reference = "silbernagel2070"

[[check]]
id = "worst-pain"
name = "Worst pain"
steps = ["Pick a number."]
record = "Worst pain"
max = 10
"#,
    )
    .unwrap();
    let r = run_in(&dir, &["--programs", "programs", "validate"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    for line in [
        "programs/mine.toml:5:6: invalid check id `Hop Test`",
        "programs/mine.toml:6:8: the check's `name` is empty",
        "programs/mine.toml:7:9: check `Hop Test` has no steps",
        "programs/mine.toml:9:7: max = 0 is out of range",
        "programs/mine.toml:10:13: unknown reference `silbernagel2070`",
        "  hint: did you mean `silbernagel2007`?",
        "programs/mine.toml:13:6: check `worst-pain` has no `reference`",
    ] {
        assert!(
            r.stderr.contains(line),
            "missing {line:?} in:\n{}",
            r.stderr
        );
    }
    // An unknown key, with the keys a check accepts.
    std::fs::write(
        programs.join("mine.toml"),
        "id = \"my-knee\"\nextends = \"pfps\"\n\n[[check]]\nid = \"hops\"\nname = \"Hops\"\nsteps = [\"Hop.\"]\nrecord = \"Hops\"\nunits = \"hops\"\nmax = 10\nreference = \"silbernagel2007\"\n",
    )
    .unwrap();
    let r = run_in(&dir, &["--programs", "programs", "validate"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("programs/mine.toml:9:1: unknown field `units`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("did you mean `unit`?"), "{}", r.stderr);
    // A type error in a check does not hide one elsewhere in the file.
    std::fs::write(
        programs.join("mine.toml"),
        "id = \"my-knee\"\nextends = \"pfps\"\ntitle = 5\n\n[[check]]\nid = \"hops\"\nname = \"Hops\"\nsteps = [\"Hop.\"]\nrecord = \"Hops\"\nmax = \"ten\"\nreference = \"silbernagel2007\"\n",
    )
    .unwrap();
    let r = run_in(&dir, &["--programs", "programs", "validate"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    for line in [
        "error: programs/mine.toml:3:9: `title` must be text in quotes, not 5\n",
        "error: programs/mine.toml:10:7: `max` must be a whole number, not \"ten\"\n",
        "2 problems found in the input files\n",
    ] {
        assert!(
            r.stderr.contains(line),
            "missing {line:?} in:\n{}",
            r.stderr
        );
    }
}

#[test]
fn short_plans_merge_check_days_that_fall_together() {
    let dir = scratch("checks-short");
    let days = |weeks: &str| -> Vec<(String, u64, String)> {
        let plan = json(&run_in(
            &dir,
            &plan_args("pfps", &["--weeks", weeks, "--format", "json"]),
        ));
        plan["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["when"].as_str().unwrap().to_string(),
                    c["week"].as_u64().unwrap(),
                    c["date"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let d = |w: &str, n: u64, date: &str| (w.to_string(), n, date.to_string());
    // One week: its first and last session (the halfway day would be the first again).
    assert_eq!(
        days("1"),
        [d("start", 1, "2026-12-07"), d("end", 1, "2026-12-11")]
    );
    // Two weeks: halfway is the first session of week 2.
    assert_eq!(
        days("2"),
        [
            d("start", 1, "2026-12-07"),
            d("middle", 2, "2026-12-14"),
            d("end", 2, "2026-12-18"),
        ]
    );
}

#[test]
fn research_words_in_a_checks_patient_text_are_warned_about() {
    let dir = scratch("checks-patient-text");
    std::fs::create_dir_all(dir.join("programs")).unwrap();
    std::fs::write(
        dir.join("programs/mine.toml"),
        "id = \"my-knee\"\nextends = \"pfps\"\n\n[[check]]\nid = \"hops\"\nname = \"Hops\"\nsteps = [\"Hop as in the trial.\"]\nrecord = \"Hops\"\nmax = 10\nreference = \"silbernagel2007\"\nrationale = \"As in the trial.\"\n",
    )
    .unwrap();
    let r = run_in(&dir, &["--programs", "programs", "validate"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "warning: programs/mine.toml:7:25: patient-facing `steps` uses the word \"trial\"
  |
7 | steps = [\"Hop as in the trial.\"]
  |                         ^^^^^^^
  hint: move this to `rationale`, which only the therapist's section prints
"
    );
}
