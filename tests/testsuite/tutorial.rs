//! The tutorial (docs/tutorial.md) works exactly as written: its commands give the output it
//! shows, and its final `clinic/` folder is `tests/fixtures/tutorial/`.
//!
//! When a test here fails after a change to the built-in `programs/pfps.toml` or to the planner,
//! run the tutorial again, paste the new output into docs/tutorial.md and refresh the fixture.

use super::*;
use serde_json::Value;

const START: &str = "2027-01-04";

/// The mini squat slot of the built-in pfps program, as `init` copies it (step 2 edits it).
const MINI_SQUAT_BEFORE: &str = "exercise = \"mini-squat\"\nsets = 3\nreps = 10\npriority = 2\n";

/// The same slot after the step-2 edit; `reps_key` is `rep` for the deliberate typo.
fn mini_squat_after(reps_key: &str) -> String {
    format!(
        "exercise = \"mini-squat\"\nsets = 2\n{reps_key} = 8\nprogression = {{ add_reps = 2, max_reps = 12 }}\npriority = 2\n"
    )
}

/// Steps 1 and 2 in a fresh folder: `init`, then the edit of the mini squat.
fn init_and_edit(name: &str, reps_key: &str) -> PathBuf {
    let dir = scratch(name);
    let r = run_in(&dir, &["init", "clinic", "--cause", "runners-knee"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "wrote 1 file to clinic\n\
         edit them, check them with `rehabplan validate clinic`, then plan with `rehabplan --programs clinic plan --cause ...`\n"
    );
    let path = dir.join("clinic/pfps.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches(MINI_SQUAT_BEFORE).count(),
        1,
        "the built-in pfps.toml changed: update step 2 of docs/tutorial.md and tests/fixtures/tutorial/pfps.toml"
    );
    std::fs::write(
        &path,
        text.replace(MINI_SQUAT_BEFORE, &mini_squat_after(reps_key)),
    )
    .unwrap();
    dir
}

fn clinic() -> String {
    fixture("tutorial").to_str().unwrap().to_string()
}

/// `plan --format json` for a cause of the tutorial's folder, from the tutorial's start date.
fn plan(cause: &str) -> Value {
    let clinic = clinic();
    json(&run(&[
        "--programs",
        &clinic,
        "plan",
        "--cause",
        cause,
        "--start",
        START,
        "--format",
        "json",
    ]))
}

fn session<'a>(plan: &'a Value, date: &str) -> &'a Value {
    plan["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["sessions"].as_array().unwrap())
        .find(|s| s["date"] == date)
        .unwrap_or_else(|| panic!("no session on {date}"))
}

/// A session's exercises in program order, as "id sets x reps [x hold s] [(load)]".
fn doses(session: &Value) -> Vec<String> {
    session["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let mut s = format!("{} {}", e["id"].as_str().unwrap(), e["sets"]);
            if let Some(r) = e["reps"].as_u64() {
                s.push_str(&format!("x{r}"));
            }
            if let Some(h) = e["hold_seconds"].as_u64() {
                s.push_str(&format!("x{h}s"));
            }
            if let Some(l) = e["load"].as_str() {
                s.push_str(&format!(" ({l})"));
            }
            s
        })
        .collect()
}

fn note<'a>(session: &'a Value, id: &str) -> &'a str {
    let e = session["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {session}"));
    e["note"].as_str().unwrap_or("")
}

#[test]
fn step_1_the_copy_validates() {
    let dir = scratch("tutorial-step-1");
    let r = run_in(&dir, &["init", "clinic", "--cause", "runners-knee"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.join("clinic/pfps.toml").is_file());
    let r = run_in(&dir, &["validate", "clinic"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("ok: "), "{}", r.stdout);
}

#[test]
fn step_2_the_typo_gives_its_place_and_a_hint() {
    let dir = init_and_edit("tutorial-typo", "rep");
    let r = run_in(&dir, &["validate", "clinic"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "\
error: clinic/pfps.toml:230:1: unknown field `rep`
    |
230 | rep = 8
    | ^^^
  hint: did you mean `reps`?
1 problem found in the input files
"
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn step_2_fixed_is_the_fixture_copy() {
    let dir = init_and_edit("tutorial-fixed", "reps");
    let r = run_in(&dir, &["validate", "clinic"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("ok: "), "{}", r.stdout);
    let made = std::fs::read_to_string(dir.join("clinic/pfps.toml")).unwrap();
    let kept = std::fs::read_to_string(fixture("tutorial/pfps.toml")).unwrap();
    assert!(
        made == kept,
        "tests/fixtures/tutorial/pfps.toml is not `init` plus the step-2 edit: refresh it"
    );
}

#[test]
fn the_final_folder_validates() {
    let r = run(&["validate", &clinic()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("ok:"), "{}", r.stdout);
    assert_eq!(r.stderr, "");
}

#[test]
fn step_2_mini_squats_start_lower_and_grow() {
    let p = plan("runners-knee");
    assert_eq!(p["cause"]["id"], "pfps");
    let week_3 = doses(session(&p, "2027-01-18"));
    assert!(week_3.contains(&"mini-squat 2x8".to_string()), "{week_3:?}");
    let week_4 = doses(session(&p, "2027-01-25"));
    assert!(
        week_4.contains(&"mini-squat 2x10".to_string()),
        "{week_4:?}"
    );
}

#[test]
fn step_3_no_face_down_exercises() {
    let p = plan("pfps-no-prone");
    assert_eq!(
        p["cause"]["title"],
        "Patellofemoral pain (runner's knee), no lying face down"
    );
    let monday = doses(session(&p, START));
    assert!(
        monday.contains(&"glute-bridge 3x10".to_string()),
        "{monday:?}"
    );
    assert!(
        monday.contains(&"quadriceps-stretch-standing 2x30s".to_string()),
        "{monday:?}"
    );
    for w in p["weeks"].as_array().unwrap() {
        for s in w["sessions"].as_array().unwrap() {
            for d in doses(s) {
                assert!(
                    !d.starts_with("prone-hip-extension"),
                    "{d} on {}",
                    s["date"]
                );
                assert!(
                    !d.starts_with("quadriceps-stretch-prone"),
                    "{d} on {}",
                    s["date"]
                );
            }
        }
    }
    // It extends the clinic's own pfps, so the step-2 mini squats come with it.
    assert!(doses(session(&p, "2027-01-18")).contains(&"mini-squat 2x8".to_string()));
}

#[test]
fn step_4_the_new_exercise_is_listed() {
    let r = run(&["--programs", &clinic(), "exercises", "--category", "knee"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("quad-set "))
        .unwrap_or_else(|| panic!("no quad-set in:\n{}", r.stdout));
    let words: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(
        words.join(" "),
        "quad-set knee sitting Thigh tightening (quad set) (no equipment, hold, each side)"
    );
}

#[test]
fn step_6_the_new_condition_plans_as_shown() {
    let p = plan("plica");
    assert_eq!(p["cause"]["id"], "medial-plica");
    assert_eq!(p["start"], START);
    assert_eq!(p["end"], "2027-02-14");
    assert_eq!(p["training_days"], serde_json::json!(["mon", "wed", "fri"]));
    assert_eq!(p["weeks"].as_array().unwrap().len(), 6);
    assert_eq!(p["warnings"], serde_json::json!([]));
    assert_eq!(p["program"]["evidence"], "extrapolated");
    let refs: Vec<(&str, bool)> = p["program"]["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["verified"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        refs,
        [
            ("silbernagel2007", false),
            ("acsm2009", true),
            ("bandy1997", false)
        ]
    );

    // Week 1: training on Mon, Wed, Fri; the daily exercises on the other days.
    let kinds: Vec<&str> = p["weeks"][0]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["training", "daily", "training", "daily", "training", "daily", "daily"]
    );
    let mon = session(&p, "2027-01-04");
    assert_eq!(
        doses(mon),
        [
            "quad-set 2x10x5s",
            "straight-leg-raise 2x10",
            "clamshell 2x10",
            "glute-bridge 2x10",
            "seated-hamstring-stretch 1x30s",
        ]
    );
    assert_eq!(
        note(mon, "quad-set"),
        "Every day, also on days without training."
    );
    assert_eq!(
        doses(session(&p, "2027-01-05")),
        ["quad-set 2x10x5s", "seated-hamstring-stretch 1x30s"]
    );
    // Week 2: the rule adds 2 reps.
    assert_eq!(
        doses(session(&p, "2027-01-11")),
        [
            "quad-set 2x10x5s",
            "straight-leg-raise 2x12",
            "clamshell 2x12",
            "glute-bridge 2x12",
            "seated-hamstring-stretch 1x30s",
        ]
    );
    // Weeks 3 and 4: phase 2 starts again from its own doses.
    let load = "bodyweight; add a light ankle weight (0.5-1 kg) when this feels easy";
    assert_eq!(
        doses(session(&p, "2027-01-18")),
        [
            "mini-squat 2x10".to_string(),
            format!("straight-leg-raise 3x10 ({load})"),
            "side-lying-hip-abduction 3x10".to_string(),
            "seated-hamstring-stretch 1x30s".to_string(),
        ]
    );
    assert_eq!(
        doses(session(&p, "2027-01-25")),
        [
            "mini-squat 2x12".to_string(),
            format!("straight-leg-raise 3x12 ({load})"),
            "side-lying-hip-abduction 3x12".to_string(),
            "seated-hamstring-stretch 1x30s".to_string(),
        ]
    );
    // Weeks 5 and 6: the schedule step swaps the step-up for the single-leg squat; sets carry
    // over, the load does not.
    assert_eq!(
        doses(session(&p, "2027-02-01")),
        [
            "step-up 3x10 (low step (10-15 cm))",
            "lateral-band-walk 3x10 (light band)",
            "glute-bridge-march 3x10",
            "seated-hamstring-stretch 1x30s",
        ]
    );
    let mon_6 = session(&p, "2027-02-08");
    assert_eq!(
        doses(mon_6),
        [
            "single-leg-squat 3x8",
            "lateral-band-walk 3x10 (light band)",
            "glute-bridge-march 3x10",
            "seated-hamstring-stretch 1x30s",
        ]
    );
    assert_eq!(
        note(mon_6, "single-leg-squat"),
        "Shallow only; touch a wall or chair for balance."
    );
}

#[test]
fn step_6_the_plan_is_written_to_a_file() {
    let dir = scratch("tutorial-plan-file");
    let r = run_in(
        &dir,
        &[
            "--programs",
            &clinic(),
            "plan",
            "--cause",
            "plica",
            "--start",
            START,
            "-o",
            "plan.json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "wrote plan.json (6 weeks, 2027-01-04 to 2027-02-14)\n"
    );
    let text = std::fs::read_to_string(dir.join("plan.json")).unwrap();
    let p: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(p["cause"]["id"], "medial-plica");
}

#[test]
fn step_6_the_pdf_is_written() {
    let dir = scratch("tutorial-plan-pdf");
    let r = run_in(
        &dir,
        &[
            "--programs",
            &clinic(),
            "plan",
            "--cause",
            "plica",
            "--start",
            START,
            "-o",
            "plan.pdf",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "wrote plan.pdf (6 weeks, 2027-01-04 to 2027-02-14)\n"
    );
    let bytes = std::fs::read(dir.join("plan.pdf")).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
}

/// A copy of the tutorial's final folder in a fresh scratch folder, as `clinic/`.
fn clinic_copy(name: &str) -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), &target).unwrap();
            }
        }
    }
    let dir = scratch(name);
    copy(&fixture("tutorial"), &dir.join("clinic"));
    dir
}

const PLAN_DE: [&str; 10] = [
    "--programs",
    "clinic",
    "plan",
    "--cause",
    "plica",
    "--template",
    "de",
    "--start",
    START,
    "-o",
];

#[test]
fn step_7_untranslated_text_falls_back_and_is_listed() {
    let dir = clinic_copy("tutorial-step-7-before");
    std::fs::remove_dir_all(dir.join("clinic/lang")).unwrap();
    let r = run_in(&dir, &[&PLAN_DE[..], &["plan-de.pdf"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "warning: 35 strings of this plan are not translated to de and print in English; run `rehabplan validate --lang de clinic` to list them\n\
         wrote plan-de.pdf (6 weeks, 2027-01-04 to 2027-02-14)\n"
    );
    let r = run_in(&dir, &["validate", "--lang", "de", "clinic"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "clinic/exercises/clinic.toml:5:8: not translated to de: exercise `quad-set`: name: \"Thigh tightening (quad set)\"",
            "clinic/exercises/clinic.toml:13:3: not translated to de: exercise `quad-set`: instructions[1]: \"Sit on the floor or on a bed with your legs straight out in …\"",
            "clinic/exercises/clinic.toml:14:3: not translated to de: exercise `quad-set`: instructions[2]: \"Put a rolled-up towel under the knee you are working.\"",
        ]
    );
    let plica: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("clinic/medial-plica.toml"))
        .take(2)
        .collect();
    assert_eq!(
        plica,
        [
            "clinic/medial-plica.toml:5:9: not translated to de: title: \"Medial plica irritation (plica syndrome)\"",
            "clinic/medial-plica.toml:7:11: not translated to de: summary: \"Ache, and sometimes a click, on the inner front of the knee …\"",
        ]
    );
    assert_eq!(
        lines.last().copied(),
        Some("ok: 9 programs, 64 exercises, 3 templates checked; 106 strings are not translated to de (printed in English)")
    );
}

#[test]
fn step_7_the_translation_is_the_one_shown_and_leaves_no_warning() {
    let doc = std::fs::read_to_string(repo().join("docs/tutorial.md")).unwrap();
    let file = std::fs::read_to_string(fixture("tutorial/lang/de/medial-plica.toml")).unwrap();
    assert!(
        doc.contains(&format!("```toml\n{file}```")),
        "docs/tutorial.md step 7 does not show tests/fixtures/tutorial/lang/de/medial-plica.toml"
    );
    let dir = clinic_copy("tutorial-step-7-after");
    let r = run_in(&dir, &["validate", "--lang", "de", "clinic"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert!(r.stdout.starts_with(
        "clinic/pfps-no-prone.toml:5:9: not translated to de: title: \"Patellofemoral pain (runner's knee), no lying face down\"\n"
    ), "{}", r.stdout);
    assert!(r.stdout.ends_with(
        "ok: 9 programs, 64 exercises, 3 templates checked; 71 strings are not translated to de (printed in English)\n"
    ), "{}", r.stdout);
    assert!(!r.stdout.contains("medial-plica.toml"), "{}", r.stdout);
    assert!(!r.stdout.contains("clinic.toml"), "{}", r.stdout);
    let r = run_in(&dir, &[&PLAN_DE[..], &["plan-de.pdf"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "wrote plan-de.pdf (6 weeks, 2027-01-04 to 2027-02-14)\n"
    );
    let r = run_in(&dir, &[&PLAN_DE[..8], &[START, "--week", "1"]].concat());
    assert!(
        r.stdout
            .starts_with("Übungsplan: Reizung der inneren Plica (Plica-Syndrom)\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Oberschenkel anspannen"), "{}", r.stdout);
}

#[cfg(unix)]
#[test]
fn step_8_watch_shows_each_save_and_keeps_the_last_good_pdf() {
    let dir = clinic_copy("tutorial-step-8");
    let w = crate::Watching::start(
        &dir,
        &[
            "--programs",
            "clinic",
            "watch",
            "--cause",
            "plica",
            "--template",
            "de",
            "--start",
            START,
            "-o",
            "plan-de.pdf",
        ],
    );
    let err = || w.err();
    let wait_for = |what: &str| assert!(w.wait_for(what), "no {what:?} in:\n{}", err());
    wait_for("wrote plan-de.pdf");
    assert_eq!(
        err(),
        "watching clinic for changes; plan-de.pdf is rewritten after each save (Ctrl-C stops)\n\
         wrote plan-de.pdf (6 weeks, 2027-01-04 to 2027-02-14)\n"
    );
    let good = std::fs::read(dir.join("plan-de.pdf")).unwrap();
    let program = dir.join("clinic/medial-plica.toml");
    let text = std::fs::read_to_string(&program).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[63..65],
        ["exercise = \"straight-leg-raise\"", "sets = 2"]
    );
    let broken: Vec<&str> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| if i == 64 { "sets = 0" } else { l })
        .collect();
    std::fs::write(&program, broken.join("\n") + "\n").unwrap();
    wait_for("not written");
    assert!(err().ends_with(
        "error: clinic/medial-plica.toml:65:8: sets is 0\n   |\n65 | sets = 0\n   |        ^\n  hint: sets must be from 1 to 10; typical: 2-3\n1 problem found in the input files\nnot written: fix the problem above and save again\n"
    ), "{}", err());
    assert_eq!(std::fs::read(dir.join("plan-de.pdf")).unwrap(), good);
    let (status, err) = w.stop();
    assert_eq!(status.code(), Some(0));
    assert!(err.ends_with("stopped watching\n"), "{err}");
}

/// The output the tutorial shows for `command` (a `$ rehabplan ...` line), in the pieces
/// between its `...` elisions; a line ending in ` ...` keeps what comes before.
fn shown_output(doc: &str, command: &str) -> Vec<String> {
    let start = doc
        .find(&format!("$ {command}\n"))
        .unwrap_or_else(|| panic!("docs/tutorial.md does not show `{command}`"));
    let block = &doc[start..];
    let block = &block[block.find('\n').unwrap() + 1..block.find("```").unwrap()];
    let mut pieces = vec![String::new()];
    for line in block.lines() {
        let cut = line.trim() == "..." || line.ends_with(" ...");
        let kept = if cut {
            line.strip_suffix("...").unwrap_or("").trim_end()
        } else {
            line
        };
        let piece = pieces.last_mut().unwrap();
        if !kept.is_empty() || !cut {
            piece.push_str(kept);
            piece.push('\n');
        }
        if cut {
            pieces.push(String::new());
        }
    }
    pieces
        .into_iter()
        .map(|p| p.trim_end_matches('\n').to_string())
        .filter(|p| !p.trim().is_empty())
        .collect()
}

#[test]
/// The plans, the week views and the list of causes that the tutorial prints are what the
/// commands print, line for line between its `...` elisions and in the same order.
fn the_outputs_shown_are_what_the_commands_print() {
    let doc = std::fs::read_to_string(repo().join("docs/tutorial.md")).unwrap();
    let step_2 = init_and_edit("tutorial-shown-2", "reps");
    let fin = clinic_copy("tutorial-shown-final");
    let weeks = format!("--start {START} --week");
    for (dir, command) in [
        (
            &step_2,
            format!("rehabplan --programs clinic plan --cause runners-knee {weeks} 3"),
        ),
        (
            &step_2,
            format!("rehabplan --programs clinic plan --cause runners-knee {weeks} 4 --explain"),
        ),
        (
            &fin,
            format!("rehabplan --programs clinic plan --cause pfps-no-prone {weeks} 1"),
        ),
        (
            &fin,
            format!("rehabplan --programs clinic plan --cause plica --start {START}"),
        ),
        (&fin, "rehabplan --programs clinic causes".to_string()),
    ] {
        let args: Vec<&str> = command.split(' ').skip(1).collect();
        let r = run_in(dir, &args);
        assert_eq!(r.code, 0, "{command}: {}", r.stderr);
        let mut from = 0;
        for piece in shown_output(&doc, &command) {
            match r.stdout[from..].find(&piece) {
                Some(at) => from += at + piece.len(),
                None => panic!(
                    "docs/tutorial.md shows for `{command}`:\n{piece}\n\nbut it prints:\n{}",
                    r.stdout
                ),
            }
        }
    }
}
