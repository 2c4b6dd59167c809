//! `plan`: dates, doses, options, the week view and the errors of each flag.

use super::*;
use serde_json::Value;

fn plan_json(args: &[&str]) -> Value {
    let mut all = vec!["plan", "--format", "json"];
    all.extend_from_slice(args);
    json(&run(&all))
}

fn sessions(plan: &Value) -> Vec<&Value> {
    plan["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["sessions"].as_array().unwrap())
        .collect()
}

/// The first training session of a plan week (a JSON week).
fn first_training(week: &Value) -> &Value {
    week["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "training")
        .expect("a training session")
}

/// An exercise of a session, by id.
fn exercise<'a>(session: &'a Value, id: &str) -> &'a Value {
    session["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no {id} on {}", session["date"]))
}

fn training(plan: &Value) -> Vec<&Value> {
    sessions(plan)
        .into_iter()
        .filter(|s| s["kind"] == "training")
        .collect()
}

#[test]
fn every_cause_plans_across_the_year_end() {
    for cause in CAUSES {
        let p = plan_json(&[
            "--cause",
            cause,
            "--start",
            "2026-12-28",
            "--days",
            "tue,thu,sat",
        ]);
        assert_eq!(p["cause"]["id"], cause);
        assert_eq!(p["start"], "2026-12-28");
        let weeks = p["weeks"].as_array().unwrap();
        let n = weeks.len() as i64;
        assert!((6..=12).contains(&n), "{cause}: {n} weeks");
        let end = chrono::NaiveDate::from_ymd_opt(2026, 12, 28).unwrap()
            + chrono::Duration::days(7 * n - 1);
        assert_eq!(p["end"], end.to_string(), "{cause}");
        assert_eq!(weeks[0]["start"], "2026-12-28");
        assert_eq!(weeks[1]["start"], "2027-01-04");
        let t = training(&p);
        assert!(!t.is_empty(), "{cause}: no training sessions");
        for s in &t {
            let wd = s["weekday"].as_str().unwrap();
            assert!(
                ["tue", "thu", "sat"].contains(&wd),
                "{cause}: session on {wd}"
            );
            let d = s["date"].as_str().unwrap();
            assert!(
                d >= "2026-12-28" && d <= p["end"].as_str().unwrap(),
                "{cause}: {d}"
            );
            for e in s["exercises"].as_array().unwrap() {
                for key in [
                    "id",
                    "name",
                    "category",
                    "sets",
                    "reps",
                    "hold_seconds",
                    "per_side",
                    "load",
                    "minutes",
                ] {
                    assert!(
                        e.get(key).is_some(),
                        "{cause}: exercise without `{key}`: {e}"
                    );
                }
                assert!(e["sets"].as_u64().unwrap() >= 1);
            }
        }
        // The first training days: Tue 29 Dec, Thu 31 Dec 2026, Sat 2 Jan 2027 for three sessions
        // a week; Tue and Sat for two (spread over the chosen days).
        let first: Vec<&str> = t
            .iter()
            .take(3)
            .map(|s| s["date"].as_str().unwrap())
            .collect();
        let per_week = t
            .iter()
            .filter(|s| s["date"].as_str().unwrap() <= "2027-01-03")
            .count();
        let expected_first: &[&str] = match per_week {
            3 => &["2026-12-29", "2026-12-31", "2027-01-02"],
            2 => &["2026-12-29", "2027-01-02", "2027-01-05"],
            n => panic!("{cause}: {n} sessions in week 1"),
        };
        assert_eq!(first, expected_first, "{cause}");
        assert!(
            p["program"]["references"].as_array().unwrap().len() >= 2,
            "{cause}: references"
        );
        assert!(
            p["disclaimer"]
                .as_str()
                .unwrap()
                .contains("not medical advice"),
            "{cause}"
        );
        assert!(
            p["see_a_doctor_if"].as_array().unwrap().len() >= 5,
            "{cause}"
        );
    }
}

#[test]
fn leap_day_and_month_ends() {
    // 2028 is a leap year: a Tuesday-only plan from Mon 21 Feb 2028 trains on the 22nd, the 29th, 7 Mar.
    let p = plan_json(&[
        "--cause",
        "pfps",
        "--start",
        "2028-02-21",
        "--days",
        "tue",
        "--weeks",
        "3",
    ]);
    let dates: Vec<&str> = training(&p)
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2028-02-22", "2028-02-29", "2028-03-07"]);
    assert_eq!(p["end"], "2028-03-12");
}

#[test]
fn daily_items_land_on_rest_days_too() {
    let p = plan_json(&[
        "--cause",
        "hamstring-strain",
        "--start",
        "2027-03-01",
        "--days",
        "mon,thu",
    ]);
    let first_week: Vec<&Value> = p["weeks"][0]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    // The Askling extender is done every day: seven sessions in the first week.
    assert_eq!(first_week.len(), 7, "{first_week:?}");
    assert!(first_week.iter().any(|s| s["kind"] == "daily"));
}

#[test]
fn shorter_and_longer_plans() {
    let short = plan_json(&["--cause", "pfps", "--start", "2027-01-04", "--weeks", "2"]);
    assert_eq!(short["weeks"].as_array().unwrap().len(), 2);
    let long = plan_json(&["--cause", "pfps", "--start", "2027-01-04", "--weeks", "16"]);
    let weeks = long["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 16);
    assert_eq!(weeks[15]["maintenance"], true);
    assert_eq!(weeks[0]["maintenance"], false);
    assert!(long["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("as maintenance")));
}

#[test]
fn no_equipment_means_no_equipment() {
    for cause in CAUSES {
        let p = plan_json(&[
            "--cause",
            cause,
            "--start",
            "2027-01-04",
            "--equipment",
            "none",
        ]);
        for s in sessions(&p) {
            for e in s["exercises"].as_array().unwrap() {
                let eq = e["equipment"].as_array().unwrap();
                assert!(eq.is_empty(), "{cause}: {} needs {eq:?}", e["id"]);
            }
        }
    }
}

#[test]
/// The planner estimates a session in half minutes (pfps week 1: 41.5); the patient reads
/// whole minutes, in the terminal and in the calendar, in English and German.
fn a_session_length_reads_in_whole_minutes() {
    let args = [
        "--cause",
        "pfps",
        "--start",
        "2027-01-04",
        "--days",
        "tue,thu,sat",
    ];
    let p = plan_json(&args);
    assert_eq!(first_training(&p["weeks"][0])["minutes"], 41.5);
    let text = run(&[&["plan"][..], &args].concat());
    assert!(
        text.stdout.contains("Tue 5 Jan  training (about 42 min)\n"),
        "{}",
        text.stdout
    );
    assert!(!text.stdout.contains(".5 min"), "{}", text.stdout);
    let de = run(&[&["plan", "--template", "de"][..], &args].concat());
    assert!(!de.stdout.contains(",5 Min"), "{}", de.stdout);
    assert!(de.stdout.contains("42 Min"), "{}", de.stdout);
    let ics = run(&[&["plan", "--format", "ics", "-o", "-"][..], &args].concat());
    assert!(ics.stdout.contains("(about 42 min)"), "{}", ics.stdout);
}

#[test]
fn time_budget_leaves_out_low_priority_work_and_says_so() {
    let p = plan_json(&[
        "--cause",
        "pfps",
        "--start",
        "2027-01-04",
        "--minutes",
        "10",
    ]);
    let mut left_out = 0;
    for s in training(&p) {
        let n = s["exercises"].as_array().unwrap().len();
        let m = s["minutes"].as_f64().unwrap();
        assert!(m <= 10.0 || n == 1, "session of {m} min with {n} exercises");
        left_out += s
            .get("left_out")
            .map(|l| l.as_array().unwrap().len())
            .unwrap_or(0);
    }
    assert!(left_out > 0);
    assert!(p["warnings"].as_array().unwrap().iter().any(|w| w
        .as_str()
        .unwrap()
        .starts_with("to fit 10 minutes, left out: ")));
}

#[test]
fn one_week_in_the_terminal() {
    let r = run(&[
        "plan",
        "--cause",
        "runners-knee",
        "--start",
        "2026-12-28",
        "--days",
        "tue,thu,sat",
        "--week",
        "2",
        "--name",
        "Zoë Łukasiewicz",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("\nFor:              Zoë Łukasiewicz\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("\nWeek 2 of 6 - Phase 1: "),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("Week 1 of") && !r.stdout.contains("Week 3 of"));
    for day in ["Tue 5 Jan", "Thu 7 Jan", "Sat 9 Jan"] {
        assert!(
            r.stdout.contains(&format!("{day}  training")),
            "{day} missing:\n{}",
            r.stdout
        );
    }
    assert!(r.stdout.contains("[ ] "));
    assert!(r.stdout.contains(" x "));
    assert!(r.stdout.contains("not medical advice"));
    assert!(r.stdout.contains("GREEN  "));
}

#[test]
fn current_week_counts_from_start_and_today() {
    // Today is 2026-11-23, a Monday: a plan started on 2026-11-02 is in its week 4.
    let r = run(&[
        "plan",
        "--cause",
        "pfps",
        "--start",
        "2026-11-02",
        "--week",
        "current",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\nWeek 4 of 6 - "), "{}", r.stdout);
    let future = run(&[
        "plan",
        "--cause",
        "pfps",
        "--start",
        "2026-12-01",
        "--week",
        "current",
    ]);
    assert_eq!(future.code, 2);
    assert_eq!(
        future.stderr,
        "error: invalid value for --week: the plan starts on 2026-12-01, after today (2026-11-23)\n  hint: use --week 1 to see the first week, or a --start date in the past\n"
    );
}

#[test]
fn explain_says_where_each_exercise_comes_from() {
    let p = plan_json(&[
        "--cause",
        "pfps",
        "--start",
        "2027-01-04",
        "--explain",
        "--equipment",
        "none",
        "--level",
        "beginner",
    ]);
    let s = training(&p)[0];
    for e in s["exercises"].as_array().unwrap() {
        let why = e["explain"].as_array().unwrap();
        assert!(
            why[0].as_str().unwrap().starts_with("phase 1 \""),
            "{why:?}"
        );
    }
}

#[test]
fn flag_errors_name_the_flag() {
    let cases: &[(&[&str], &str)] = &[
        (&["--start", "2026-13-01"], "error: invalid value for --start: `2026-13-01` is not a date\n  hint: write the date as YYYY-MM-DD, e.g. 2026-12-28, or today\n"),
        (&["--start", "2301-01-01"], "error: invalid value for --start: 2301-01-01 is outside the years 1900 to 2200\n  hint: check the year\n"),
        (&["--days", "mon,wendesday"], "error: invalid value for --days: unknown day `wendesday`\n  hint: use mon, tue, wed, thu, fri, sat, sun, separated by commas\n"),
        (&["--days", "mon,wed,mon"], "error: invalid value for --days: `mon` is listed twice\n  hint: list each training day once\n"),
        (&["--weeks", "0"], "error: invalid value for --weeks: 0 weeks\n  hint: give a number of weeks from 1 to 104\n"),
        (&["--equipment", "bands"], "error: invalid value for --equipment: unknown equipment `bands`\n  hint: did you mean `band`?\n"),
        (&["--minutes", "2"], "error: invalid value for --minutes: 2 minutes\n  hint: give a time budget per session from 5 to 240 minutes\n"),
        (&["--week", "40"], "error: invalid value for --week: week 40 is not in this plan\n  hint: the plan has weeks 1 to 6\n"),
        // Negative numbers are values, named with their flag and range.
        (&["--weeks", "-3"], "error: invalid value for --weeks: -3 weeks\n  hint: give a number of weeks from 1 to 104\n"),
        (&["--minutes", "-20"], "error: invalid value for --minutes: -20 minutes\n  hint: give a time budget per session from 5 to 240 minutes\n"),
        (&["--week", "-1"], "error: invalid value for --week: week -1 is not in this plan\n  hint: the plan has weeks 1 to 6\n"),
        (&["--weeks", "many"], "error: invalid value for --weeks: `many` is not a whole number\n  hint: give a number of weeks from 1 to 104\n"),
        (&["--weeks", "99999999999999999999"], "error: invalid value for --weeks: 99999999999999999999 is out of range\n  hint: give a number of weeks from 1 to 104\n"),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["plan", "--cause", "pfps"];
        if !extra.contains(&"--start") {
            args.extend(["--start", "2027-01-04"]);
        }
        args.extend_from_slice(extra);
        let r = run(&args);
        assert_eq!((r.code, r.stderr.as_str()), (2, *expected), "{extra:?}");
    }
    let r = run(&["plan", "--cause", "runners-kne"]);
    assert_eq!((r.code, r.stderr.as_str()), (2, "error: invalid value for --cause: unknown cause `runners-kne`\n  hint: did you mean `runners-knee`?\n"));
}

#[test]
fn a_failed_run_leaves_the_existing_file_alone() {
    let dir = scratch("keep-existing");
    std::fs::write(dir.join("plan.json"), "keep me").unwrap();
    let r = run_in(
        &dir,
        &[
            "plan",
            "--cause",
            "pfps",
            "--days",
            "someday",
            "-o",
            "plan.json",
        ],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        std::fs::read_to_string(dir.join("plan.json")).unwrap(),
        "keep me"
    );
    let r = run_in(
        &dir,
        &[
            "plan",
            "--cause",
            "pfps",
            "--start",
            "2027-01-04",
            "-o",
            "plan.json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("plan.json")).unwrap()).unwrap();
    assert_eq!(v["cause"]["id"], "pfps");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "temporary files left: {leftovers:?}");
}

/// The ITBS program follows McKay et al. 2020, Table 2 (clinical-evidence.md §4.3) week by week.
#[test]
fn itbs_doses_follow_the_mckay_table() {
    let p = plan_json(&[
        "--cause",
        "itbs",
        "--start",
        "2026-12-28",
        "--days",
        "tue,thu,sat",
    ]);
    let weeks = p["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 8);
    // (week, exercise id, sets, reps, hold seconds, load)
    type Week<'a> = (
        usize,
        &'a str,
        u64,
        Option<u64>,
        Option<u64>,
        Option<&'a str>,
    );
    let expected: &[Week] = &[
        (1, "side-plank-knees", 2, None, Some(30), None),
        (2, "side-plank-knees", 2, None, Some(40), None),
        (
            3,
            "side-plank-clamshell",
            2,
            Some(10),
            None,
            Some("light band"),
        ),
        (
            4,
            "side-plank-clamshell",
            3,
            Some(15),
            None,
            Some("light band"),
        ),
        (5, "side-plank", 2, None, Some(15), None),
        (6, "side-plank", 3, None, Some(20), None),
        (7, "side-plank-hip-abduction", 2, Some(10), None, None),
        (8, "side-plank-hip-abduction", 3, Some(10), None, None),
        (1, "hip-hike", 3, Some(10), None, None),
        (2, "hip-hike", 3, Some(20), None, None),
        (3, "single-leg-squat", 2, Some(10), None, None),
        (4, "single-leg-squat", 3, Some(12), None, None),
        (
            1,
            "glute-bridge-band",
            3,
            Some(10),
            None,
            Some("medium band"),
        ),
        (
            2,
            "glute-bridge-band",
            3,
            Some(15),
            None,
            Some("medium band"),
        ),
    ];
    for &(week, id, sets, reps, hold, load) in expected {
        let e = exercise(first_training(&weeks[week - 1]), id);
        assert_eq!(e["sets"].as_u64().unwrap(), sets, "week {week} {id}");
        assert_eq!(e["reps"].as_u64(), reps, "week {week} {id}");
        assert_eq!(e["hold_seconds"].as_u64(), hold, "week {week} {id}");
        assert_eq!(e["load"].as_str(), load, "week {week} {id}");
        // The same dose on every training day of the week.
        for s in weeks[week - 1]["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["kind"] == "training")
        {
            let same = exercise(s, id);
            assert_eq!(same["sets"], e["sets"]);
            assert_eq!(same["reps"], e["reps"]);
        }
    }
    // The exercise changes every two weeks, as in the table.
    let ids = |w: usize| -> Vec<String> {
        first_training(&weeks[w])["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(0), ids(1));
    assert_ne!(ids(1), ids(2));
}

/// A rule-based slot grows as its rule says: the Copenhagen adduction in the adductor program,
/// `progression = { add_reps = 2, max_reps = 10, add_sets = 1, max_sets = 3, reset_reps = 8 }`
/// from 2 x 6 in week 3 (Ishoi 2016): 2x6, 2x8, 2x10, 3x8, 3x10.
#[test]
fn rule_based_doses_grow_week_by_week() {
    let p = plan_json(&[
        "--cause",
        "adductor-strain",
        "--start",
        "2027-01-04",
        "--explain",
    ]);
    let weeks = p["weeks"].as_array().unwrap();
    let dose = |w: usize| -> (u64, u64) {
        let e = exercise(first_training(&weeks[w - 1]), "copenhagen-short-lever");
        (e["sets"].as_u64().unwrap(), e["reps"].as_u64().unwrap())
    };
    let got: Vec<(u64, u64)> = (3..=7).map(dose).collect();
    assert_eq!(got, [(2, 6), (2, 8), (2, 10), (3, 8), (3, 10)]);
    let e = exercise(first_training(&weeks[2]), "copenhagen-short-lever");
    assert_eq!(e["tempo"], "3-0-3");
    let why = e["explain"][0].as_str().unwrap();
    assert!(why.contains("dose: rule: +2 reps a week up to 10, then +1 set and back to 8 reps (at most 3 sets) (source: ishoi2016)"), "{why}");
}

#[test]
fn a_stand_in_without_the_band_does_not_print_a_band_load() {
    let with = plan_json(&["--cause", "itbs", "--start", "2027-01-04", "--explain"]);
    let without = plan_json(&[
        "--cause",
        "itbs",
        "--start",
        "2027-01-04",
        "--equipment",
        "none",
        "--explain",
    ]);
    let banded = |p: &Value| -> Vec<(String, Option<String>)> {
        training(p)[0]["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["id"].as_str().unwrap().to_string(),
                    e["load"].as_str().map(str::to_string),
                )
            })
            .collect()
    };
    assert!(banded(&with)
        .iter()
        .any(|(id, load)| id == "glute-bridge-band" && load.as_deref() == Some("medium band")));
    for (id, load) in banded(&without) {
        assert!(
            load.as_deref().is_none_or(|l| !l.contains("band")),
            "{id} still says {load:?}"
        );
    }
    let swapped = training(&without)[0]["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "glute-bridge")
        .unwrap()
        .clone();
    assert!(
        swapped["explain"].as_array().unwrap().iter().any(|w| w
            .as_str()
            .unwrap()
            .contains("needs band, which you do not have")),
        "{swapped}"
    );
}

#[test]
fn names_are_kept_whole_but_tidied() {
    let p = plan_json(&[
        "--cause",
        "pfps",
        "--start",
        "2027-01-04",
        "--name",
        "  Zoë\tÅsa\nŁukasiewicz-Þórsson  ",
    ]);
    assert_eq!(p["patient"], "Zoë Åsa Łukasiewicz-Þórsson");
    let long = "A".repeat(201);
    let r = run(&["plan", "--cause", "pfps", "--name", &long]);
    assert_eq!((r.code, r.stderr.as_str()), (2, "error: invalid value for --name: the name is longer than 200 characters\n  hint: shorten it\n"));
}

#[test]
fn the_terminal_view_speaks_the_templates_language_in_80_columns() {
    let args = [
        "plan",
        "--cause",
        "itbs",
        "--start",
        "2027-01-04",
        "--name",
        "Zoë",
        "--level",
        "beginner",
    ];
    let de = run(&[&args[..], &["--template", "de"]].concat());
    assert_eq!(de.code, 0, "{}", de.stderr);
    for line in [
        "Übungsplan: ",
        "Für:                Zoë\n",
        "Trainingstage:      Montag, Mittwoch, Freitag\n",
        "Stufe:              Einsteiger\n",
        "\nWoche 5 von 8 - Phase 2: ",
        "\nMo, 01.02.  Trainingstag (etwa ",
        "Hören Sie auf und gehen Sie zum Arzt, wenn ...\n",
    ] {
        assert!(
            de.stdout.contains(line),
            "{line:?} missing in:\n{}",
            de.stdout
        );
    }
    for english in ["Week ", "training (about", "Training days", "Pain during"] {
        assert!(
            !de.stdout.contains(english),
            "{english:?} in:\n{}",
            de.stdout
        );
    }
    // Not a terminal: 80 columns. Only a single word longer than that may pass it.
    let en = run(&args);
    for out in [&de.stdout, &en.stdout] {
        for line in out.lines() {
            assert!(
                line.chars().count() <= 80 || !line.trim().contains(' '),
                "{} characters: {line}",
                line.chars().count()
            );
        }
    }
    assert!(
        en.stdout
            .contains("\nTraining days:    Monday, Wednesday, Friday\n"),
        "{}",
        en.stdout
    );
}

#[test]
fn the_terminal_view_fits_the_terminal() {
    let dir = scratch("terminal-width");
    let Some(out) = run_in_terminal(
        &dir,
        "stty rows 24 cols 60; rehabplan plan --cause pfps --start 2027-01-04 --week 1",
    ) else {
        return;
    };
    assert!(out.contains("Rehab plan: "), "{out}");
    let longest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(
        (50..=60).contains(&longest),
        "longest line {longest}:\n{out}"
    );
}

// The swap engine (`--level`, `--equipment`, `--minutes`): issue 13. Each test starts from an
// example the issue found in the output, then checks every built-in.

/// The text of one week of a plan, as the terminal shows it.
fn week_text(args: &[&str], week: &str) -> String {
    let mut all = vec![
        "plan",
        "--start",
        "2027-01-04",
        "--no",
        "all",
        "--color",
        "never",
        "--week",
        week,
    ];
    all.extend_from_slice(args);
    let r = run(&all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

/// The exercise lines of the first session of a week's text: (name, dose and details),
/// in printed order.
fn first_session_lines(text: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| !l.contains("(about "))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Every plan the swap engine can make from the built-ins: each cause at each level, with all
/// equipment, none, and a band only.
fn every_swap() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for cause in CAUSES {
        for level in ["beginner", "intermediate", "advanced"] {
            for kit in [None, Some("none"), Some("band")] {
                let mut args = vec![
                    "--cause",
                    cause,
                    "--level",
                    level,
                    "--start",
                    "2027-01-04",
                    "--no",
                    "all",
                ];
                if let Some(k) = kit {
                    args.extend(["--equipment", k]);
                }
                let tag = format!(
                    "{cause} --level {level} --equipment {}",
                    kit.unwrap_or("all")
                );
                out.push((tag, plan_json(&args)));
            }
        }
    }
    out
}

#[test]
fn a_stand_in_never_carries_the_note_written_for_the_original() {
    // ITBS week 3 swaps the banded bridge for the Cook hip lift, with a note for it; a
    // beginner gets the glute bridge instead, and the note is not for the glute bridge.
    let own = week_text(&["--cause", "itbs"], "3");
    assert!(own.contains("Cook hip lift"), "{own}");
    assert!(
        own.contains("Note: Cook hip lift: one leg at a time."),
        "{own}"
    );
    let beginner = week_text(&["--cause", "itbs", "--level", "beginner"], "3");
    assert!(beginner.contains("Glute bridge"), "{beginner}");
    assert!(!beginner.contains("Cook hip lift"), "{beginner}");
    // --explain tells the clinician why the note is missing.
    let why = week_text(
        &["--cause", "itbs", "--level", "beginner", "--explain"],
        "3",
    );
    assert!(
        why.contains("why: the note written for Cook hip lift is left out"),
        "{why}"
    );
    // PFPS week 5 without a step: sit to stand stands in for the step-up, without its note.
    let own = week_text(&["--cause", "pfps"], "5");
    assert!(own.contains("as you step up"), "{own}");
    let no_step = week_text(&["--cause", "pfps", "--equipment", "none"], "5");
    assert!(no_step.contains("Sit to stand"), "{no_step}");
    assert!(!no_step.contains("step up"), "{no_step}");
}

#[test]
fn no_exercise_twice_in_a_session() {
    // The examples of the issue: PFPS without equipment (side-lying leg lift twice in week 5),
    // ITBS without a strap (the cross-over stretch twice), the adductor program at advanced.
    let pfps = first_session_lines(&week_text(&["--cause", "pfps", "--equipment", "none"], "5"));
    let n = pfps
        .iter()
        .filter(|l| l.contains("Side-lying leg lift"))
        .count();
    assert_eq!(n, 1, "{pfps:#?}");
    let itbs = first_session_lines(&week_text(&["--cause", "itbs", "--equipment", "none"], "1"));
    let n = itbs
        .iter()
        .filter(|l| l.contains("Standing cross-over stretch"))
        .count();
    assert_eq!(n, 1, "{itbs:#?}");
    let add = first_session_lines(&week_text(
        &["--cause", "adductor-strain", "--level", "advanced"],
        "3",
    ));
    let n = add
        .iter()
        .filter(|l| l.contains("Standing hip adduction with band"))
        .count();
    assert_eq!(n, 1, "{add:#?}");
    for (tag, p) in every_swap() {
        for s in sessions(&p) {
            let mut ids: Vec<&str> = s["exercises"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_str().unwrap())
                .collect();
            let n = ids.len();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), n, "{tag}: {} has an exercise twice", s["date"]);
        }
    }
}

#[test]
fn a_beginner_never_gets_a_harder_exercise_than_the_program() {
    // ITBS without a band: the side plank with clamshell has no easier variant without a
    // band, and the harder side plank with leg lift is not one for a beginner.
    let p = plan_json(&[
        "--cause",
        "itbs",
        "--level",
        "beginner",
        "--equipment",
        "none",
        "--start",
        "2027-01-04",
        "--no",
        "all",
    ]);
    // Phase 1 (weeks 1-4): the program's own side plank is the one on knees, then with the
    // clamshell; the leg lift is phase 2's own, from week 7.
    for w in &p["weeks"].as_array().unwrap()[..4] {
        for s in w["sessions"].as_array().unwrap() {
            for e in s["exercises"].as_array().unwrap() {
                assert_ne!(e["id"], "side-plank-hip-abduction", "on {}", s["date"]);
            }
        }
    }
    let text = run(&[
        "plan",
        "--cause",
        "itbs",
        "--level",
        "beginner",
        "--equipment",
        "none",
        "--start",
        "2027-01-04",
        "--no",
        "all",
        "--color",
        "never",
    ]);
    let phase_1 = text.stdout.split("Week 5 of").next().unwrap();
    assert!(phase_1.contains("Week 4 of"), "{phase_1}");
    assert!(!phase_1.contains("Side plank with leg lift"), "{phase_1}");
    assert!(
        phase_1.contains("warning: left out Modified side plank with clamshell: it needs band and no\neasier safe variant"),
        "{phase_1}"
    );
}

#[test]
fn warm_up_first_then_strength_by_position_then_stretches() {
    // Knee OA: the bike came after the lying exercises.
    let lines = first_session_lines(&week_text(&["--cause", "knee-oa"], "1"));
    assert!(lines[0].contains("Exercise bike"), "{lines:#?}");
    let names: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("  [ ]"))
        .map(|l| l.as_str())
        .collect();
    assert!(names[names.len() - 1].contains("stretch"), "{names:#?}");
    assert!(names[names.len() - 2].contains("stretch"), "{names:#?}");
    // Every session of every swap: cardio, then the rest grouped by position, then stretches.
    for (tag, p) in every_swap() {
        for s in sessions(&p) {
            let ex = s["exercises"].as_array().unwrap();
            let rank = |e: &Value| match e["category"].as_str().unwrap() {
                "cardio" => 0,
                "flexibility" => 2,
                _ => 1,
            };
            let ranks: Vec<i32> = ex.iter().map(rank).collect();
            assert!(
                ranks.windows(2).all(|w| w[0] <= w[1]),
                "{tag}: {} {ranks:?}",
                s["date"]
            );
            // Within the strength work, a position once left is not come back to.
            let mut seen: Vec<&str> = Vec::new();
            for e in ex.iter().filter(|e| rank(e) == 1) {
                let pos = e["position"].as_str().unwrap();
                if seen.last() != Some(&pos) {
                    assert!(
                        !seen.contains(&pos),
                        "{tag}: {} goes back to {pos}",
                        s["date"]
                    );
                    seen.push(pos);
                }
            }
        }
    }
}

#[test]
fn no_rest_between_sets_of_a_stretch() {
    let lines = first_session_lines(&week_text(&["--cause", "knee-oa"], "1"));
    let i = lines
        .iter()
        .position(|l| l.contains("Calf stretch against a wall"))
        .expect("the calf stretch");
    let stretch = lines[i..]
        .iter()
        .take_while(|l| l.contains("Calf stretch") || !l.starts_with("  [ ]"))
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(stretch.contains("2 x 30 s hold each side"), "{stretch}");
    assert!(!stretch.contains("rest"), "{stretch}");
    // A strength exercise keeps its rest.
    assert!(
        lines.iter().any(|l| l.contains("rest 1 min between sets")),
        "{lines:#?}"
    );
    for (tag, p) in every_swap() {
        for s in sessions(&p) {
            for e in s["exercises"].as_array().unwrap() {
                if e["category"] == "flexibility" && e["hold_seconds"].is_number() {
                    assert_eq!(e["rest_seconds"], 0, "{tag}: {} on {}", e["id"], s["date"]);
                }
            }
        }
    }
}

#[test]
fn a_time_budget_for_knee_oa_keeps_the_bike_and_uses_the_time() {
    let full = plan_json(&["--cause", "knee-oa", "--start", "2027-01-04", "--no", "all"]);
    for budget in [15u32, 20, 30] {
        let b = budget.to_string();
        let p = plan_json(&[
            "--cause",
            "knee-oa",
            "--start",
            "2027-01-04",
            "--no",
            "all",
            "--minutes",
            &b,
        ]);
        for (s, whole) in training(&p).into_iter().zip(training(&full)) {
            assert_eq!(s["date"], whole["date"]);
            let ids: Vec<&str> = s["exercises"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_str().unwrap())
                .collect();
            assert_eq!(
                ids[0], "stationary-bike",
                "--minutes {budget} on {}",
                s["date"]
            );
            let used = s["minutes"].as_f64().unwrap();
            assert!(used <= budget as f64, "{used} min on {}", s["date"]);
            // Nothing left out would still have fitted.
            for name in s["left_out"].as_array().into_iter().flatten() {
                let m = whole["exercises"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|e| &e["name"] == name)
                    .unwrap()["minutes"]
                    .as_f64()
                    .unwrap();
                assert!(
                    used + m > budget as f64,
                    "--minutes {budget} on {}: {name} ({m} min) left out with {used} min used",
                    s["date"]
                );
            }
        }
    }
}

#[test]
fn the_handout_logs_the_warm_up_first_and_the_stretches_last_without_rest() {
    let dir = scratch("swap-order-pdf");
    let out = dir.join("oa.pdf");
    let r = run_in(
        &dir,
        &[
            "plan",
            "--cause",
            "knee-oa",
            "--start",
            "2027-01-04",
            "--no",
            "all",
            "-q",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let Some(text) = super::pdf::text_of(&out) else {
        return;
    };
    // The log of weeks 1 and 2 (one grid): one row per exercise, in the order of the session.
    let rows = log_rows(&text, "Week 1 of 8 · Week 2 of 8 Mon 4 Jan");
    assert_eq!(rows.first().map(String::as_str), Some("Exercise bike"));
    assert_eq!(
        rows.last().map(String::as_str),
        Some("Calf stretch against a wall")
    );
    assert_eq!(rows[rows.len() - 2], "Seated hamstring stretch on a chair");
    // Weeks 3 and 4: the standing work together (the program lists the calf raise and the
    // single-leg balance after the bridge and the bird dog, on the floor).
    assert_eq!(
        log_rows(&text, "Week 3 of 8 · Week 4 of 8 Mon 18 Jan"),
        [
            "Exercise bike",
            "Sit to stand",
            "Step-up",
            "Standing hip abduction with band",
            "Calf raise",
            "Single-leg balance",
            "Glute bridge with march",
            "Bird dog",
            "Seated hamstring stretch on a chair",
            "Calf stretch against a wall",
        ]
    );
    // The stretch's card gives its dose and no rest between sets.
    let card = text
        .split("Calf stretch against a wall\n")
        .nth(1)
        .expect("the calf stretch card");
    let dose = card.lines().next().unwrap().trim();
    assert_eq!(dose, "wk 1-2: 2 x 30 s hold each side");
}

/// The exercise rows of the log grid headed `heading`, as pdftotext lays them out: a name
/// may wrap over lines that start at the left edge, and its last line ends with its card's
/// page ("p. 3") before the dose.
fn log_rows(text: &str, heading: &str) -> Vec<String> {
    let log = text
        .split(heading)
        .nth(1)
        .unwrap_or_else(|| panic!("no log grid {heading:?}"));
    let log = &log[..log.find("Pain (0-10)").expect("the pain row")];
    let mut rows = Vec::new();
    let mut name: Vec<&str> = Vec::new();
    for line in log
        .lines()
        .skip_while(|l| !l.starts_with("Exercise"))
        .skip(1)
    {
        if line.starts_with(' ') || line.trim().is_empty() {
            continue;
        }
        name.push(line.split("  ").next().unwrap().trim());
        if line.contains(" p. ") {
            rows.push(name.join(" "));
            name.clear();
        }
    }
    rows
}
