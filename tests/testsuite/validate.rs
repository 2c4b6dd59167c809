//! `validate`: the built-ins are clean; broken files give one exact message per problem.

use super::*;

#[test]
fn builtins_are_clean() {
    let r = run(&["validate"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("ok: 7 programs, "), "{}", r.stdout);
}

#[test]
fn the_programs_folder_validates_as_a_user_folder() {
    let r = run(&["validate", "programs", "templates"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Read as a user's folder, the built-ins' patient-facing text is checked too: no warning.
    assert_eq!(r.stderr, "");
}

#[test]
fn broken_files_give_one_message_each_with_place_and_hint() {
    let r = run(&["validate", "tests/fixtures/broken"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "\
error: tests/fixtures/broken/exercises.toml:4:1: unknown field `categroy`
  |
4 | categroy = \"hip\"
  | ^^^^^^^^
  hint: did you mean `category`?
error: tests/fixtures/broken/program.toml:9:12: unknown exercise id `clamshel`
  |
9 | exercise = \"clamshel\"
  |            ^^^^^^^^^^
  hint: did you mean `clamshell`?
error: tests/fixtures/broken/program.toml:15:12: exercise `copenhagen-long-lever` is contraindicated for `meniscus`
   |
15 | exercise = \"copenhagen-long-lever\"
   |            ^^^^^^^^^^^^^^^^^^^^^^^
  hint: use a safe variant such as `copenhagen-short-lever`, or another exercise
error: tests/fixtures/broken/program.toml:22:8: sets is 0
   |
22 | sets = 0
   |        ^
  hint: sets must be from 1 to 10; typical: 2-3
error: tests/fixtures/broken/syntax.toml:2:35: invalid basic string, expected `\"`
  |
2 | title = \"A quote that never closes
  |                                   ^
  hint: this is a TOML syntax error: check the quotes, brackets and `=` on this line
5 problems found in the input files
"
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn planning_with_a_broken_folder_refuses_and_writes_nothing() {
    let dir = scratch("broken-plan");
    let r = run_in(
        &dir,
        &[
            "--programs",
            fixture("broken").to_str().unwrap(),
            "plan",
            "--cause",
            "pfps",
            "-o",
            "plan.json",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.ends_with("5 problems found in the input files\n"),
        "{}",
        r.stderr
    );
    assert!(!dir.join("plan.json").exists());
}

#[test]
fn an_override_of_a_builtin_keeps_its_aliases_and_a_template_may_only_extend() {
    let dir = scratch("override-aliases");
    std::fs::write(
        dir.join("pfps.toml"),
        "id = \"pfps\"\nextends = \"pfps\"\ntitle = \"Runner's knee (our clinic)\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("clinic.toml"),
        "extends = \"de\"\nname = \"clinic-de\"\n[clinic]\nname = \"Praxis Nord\"\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let r = run(&["--programs", d, "validate", d]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "ok: 7 programs, 63 exercises, 4 templates checked\n"
    );
    let p = json(&run(&[
        "--programs",
        d,
        "plan",
        "--cause",
        "runners-knee",
        "--start",
        "2027-01-04",
        "--format",
        "json",
    ]));
    assert_eq!(p["program"]["title"], "Runner's knee (our clinic)");
}

#[test]
fn phases_must_be_listed_in_week_order() {
    let dir = scratch("phase-order");
    std::fs::write(
        dir.join("p.toml"),
        "id = \"p\"\ntitle = \"P\"\nsummary = \"s\"\ndescription = \"d\"\nevidence = \"trial\"\n[pain_rule]\ngreen_max = 3\namber_max = 5\n\
[[phase]]\nname = \"Two\"\nweeks = \"3-4\"\nsessions_per_week = 2\n[[phase.slot]]\nexercise = \"clamshell\"\nsets = 2\nreps = 10\n\
[[phase]]\nname = \"One\"\nweeks = \"1-2\"\nsessions_per_week = 2\n[[phase.slot]]\nexercise = \"clamshell\"\nsets = 2\nreps = 10\n",
    )
    .unwrap();
    let r = run_in(&dir, &["validate", "p.toml"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: p.toml:19:9: phase `One` (from week 1) is listed after a phase that starts at week 3\n   |\n19 | weeks = \"1-2\"\n   |         ^^^^^\n  hint: list the phases in week order\n1 problem found in the input files\n");
}

/// The warning text of `tests/fixtures/research-notes`: one per patient-facing string that
/// names a reference, an author of one, or uses a research word.
const RESEARCH_NOTE_WARNINGS: &str = "\
warning: tests/fixtures/research-notes/exercises.toml:10:34: patient-facing `instructions` uses the word \"unverified\"
   |
10 |   \"Hold, then relax. This is the unverified version.\",
   |                                  ^^^^^^^^^^
  hint: move this to `source`, which only the therapist's section prints
warning: tests/fixtures/research-notes/exercises.toml:12:20: patient-facing `cues` uses the word \"evidence\"
   |
12 | cues = [\"As in the evidence: press the back of your knee down.\"]
   |                    ^^^^^^^^^
  hint: move this to `source`, which only the therapist's section prints
warning: tests/fixtures/research-notes/program.toml:10:9: patient-facing `note` names Hoglund, the first author of reference `hoglund2018`
   |
10 | note = \"Hoglund's week-1 version was done lying face down.\"
   |         ^^^^^^^^^
  hint: move this to `rationale`, which only the therapist's section prints
warning: tests/fixtures/research-notes/program.toml:15:19: patient-facing `note` names the reference `fukuda2010`
   |
15 | note = \"Dose from fukuda2010.\"
   |                   ^^^^^^^^^^^^
  hint: move this to `rationale`, which only the therapist's section prints
warning: tests/fixtures/research-notes/program.toml:24:32: patient-facing `note` uses the word \"trial\"
   |
24 | note = \"Hold as long as in the trial.\"
   |                                ^^^^^^^
  hint: move this to `rationale`, which only the therapist's section prints
warning: tests/fixtures/research-notes/program.toml:27:38: patient-facing `note` uses the word \"source\"
   |
27 |   { week = 6, hold = 15, note = \"The source (Smith et al.) adds 5 seconds.\", rationale = \"fine\" },
   |                                      ^^^^^^
  hint: move this to `rationale`, which only the therapist's section prints
";

#[test]
fn research_remarks_in_patient_text_are_warnings_with_place_and_hint() {
    let r = run(&["validate", "tests/fixtures/research-notes"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, RESEARCH_NOTE_WARNINGS);
    assert_eq!(
        r.stdout,
        "ok: 8 programs, 64 exercises, 3 templates checked\n"
    );
}

#[test]
fn planning_warns_too_and_hands_the_rationale_to_the_therapist_only() {
    let r = run(&[
        "--programs",
        "tests/fixtures/research-notes",
        "plan",
        "--cause",
        "pfps-research-notes",
        "--format",
        "json",
    ]);
    assert_eq!(r.stderr, RESEARCH_NOTE_WARNINGS);
    let plan = json(&r);
    let notes = &plan["program"]["clinician_notes"];
    assert_eq!(
        notes[0],
        serde_json::json!({
            "about": "Program",
            "text": "Hoglund 2018 and Fukuda et al. 2010: the trial doses (fine here: clinician-only)."
        })
    );
    assert!(
        notes
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["about"] == "Phase 2 (weeks 3-4), Mini squat"
                && n["text"] == "From fukuda2010 (fine here)."),
        "{notes}"
    );
    // The rationale is nowhere on the patient's side of the plan.
    let weeks = plan["weeks"].to_string();
    assert!(!weeks.contains("fine here"), "{weeks}");
}

#[test]
fn every_builtin_plan_carries_its_clinician_notes() {
    for cause in CAUSES {
        let r = run(&["plan", "--cause", cause, "--format", "json"]);
        assert_eq!(r.stderr, "", "{cause}");
        let plan = json(&r);
        assert!(
            !plan["program"]["clinician_notes"]
                .as_array()
                .unwrap()
                .is_empty(),
            "{cause} has no clinician notes"
        );
    }
}

/// A one-phase program (weeks 1-8) around `slot`, the TOML of one `[[phase.slot]]`.
fn one_slot_program(slot: &str) -> String {
    format!(
        "id = \"p\"\ntitle = \"P\"\nsummary = \"s\"\ndescription = \"d\"\nevidence = \"trial\"\n\
[pain_rule]\ngreen_max = 3\namber_max = 5\n\
[[phase]]\nname = \"One\"\nweeks = \"1-8\"\nsessions_per_week = 2\n[[phase.slot]]\n{slot}"
    )
}

fn validate_one(name: &str, text: &str) -> Run {
    let dir = scratch(name);
    std::fs::write(dir.join("p.toml"), text).unwrap();
    run_in(&dir, &["validate", "p.toml"])
}

#[test]
fn a_step_that_switches_exercise_must_restate_the_hold_count() {
    // Six holds a set, then a switch that forgets `reps`: it used to print one hold a set.
    let r = validate_one(
        "switch-forgets-reps",
        &one_slot_program(
            "exercise = \"front-plank-knees\"\nsets = 2\nreps = 6\nhold = 10\n\
schedule = [\n  { week = 1 },\n  { week = 5, exercise = \"side-plank-knees\", hold = 20 },\n]\n",
        ),
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "error: p.toml:20:26: week 5 switches to `side-plank-knees` without stating `reps`; the dose before had reps = 6
   |
20 |   { week = 5, exercise = \"side-plank-knees\", hold = 20 },
   |                          ^^^^^^^^^^^^^^^^^^
  hint: a step that changes the exercise states its whole dose (only sets and rest carry over): add reps = 6 to keep it, or give the new values
1 problem found in the input files
"
    );
    // Stated, it validates and the plan keeps six holds a set.
    let fixed = validate_one(
        "switch-states-reps",
        &one_slot_program(
            "exercise = \"front-plank-knees\"\nsets = 2\nreps = 6\nhold = 10\n\
schedule = [\n  { week = 1 },\n  { week = 5, exercise = \"side-plank-knees\", reps = 6, hold = 20 },\n]\n",
        ),
    );
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
}

#[test]
fn a_switch_that_drops_the_load_must_say_so() {
    let r = validate_one(
        "switch-drops-load",
        &one_slot_program(
            "exercise = \"clamshell\"\nsets = 2\nreps = 10\nload = \"light band\"\n\
schedule = [\n  { week = 1 },\n  { week = 3, exercise = \"glute-bridge\", reps = 12 },\n]\n",
        ),
    );
    assert_eq!(
        r.stderr,
        "error: p.toml:20:26: week 3 switches to `glute-bridge` without stating `load`; the dose before had load = \"light band\"
   |
20 |   { week = 3, exercise = \"glute-bridge\", reps = 12 },
   |                          ^^^^^^^^^^^^^^
  hint: a step that changes the exercise states its whole dose (only sets and rest carry over): add load = \"light band\" to keep it, or give the new values (load = \"\" for none)
1 problem found in the input files
"
    );
}

#[test]
fn a_change_that_swaps_the_exercise_must_restate_the_dose_too() {
    let dir = scratch("change-swap");
    std::fs::write(
        dir.join("p.toml"),
        "id = \"q\"\nextends = \"pfps\"\n[[change]]\nphase = 1\nslot = \"clamshell\"\nexercise = \"side-plank-knees\"\nhold = 20\n",
    )
    .unwrap();
    let r = run_in(&dir, &["validate", "p.toml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "error: p.toml:6:12: this change switches to `side-plank-knees` without stating `reps`; the dose before had reps = 10
  |
6 | exercise = \"side-plank-knees\"
  |            ^^^^^^^^^^^^^^^^^^
  hint: a step that changes the exercise states its whole dose (only sets and rest carry over): add reps = 10 to keep it, or give the new values
1 problem found in the input files
"
    );
}

#[test]
fn a_progression_that_could_never_change_the_dose_is_refused() {
    let r = validate_one(
        "progression-no-reps",
        &one_slot_program(
            "exercise = \"side-plank-knees\"\nsets = 2\nhold = 20\nprogression = { add_reps = 2 }\n",
        ),
    );
    assert_eq!(
        r.stderr,
        "error: p.toml:17:15: this progression adds reps, but the dose of `side-plank-knees` has no `reps`, so it would never change
   |
17 | progression = { add_reps = 2 }
   |               ^^^^^^^^^^^^^^^^
  hint: give the slot a starting reps = ..., or remove add_reps
1 problem found in the input files
"
    );
    let r = validate_one(
        "progression-sets-ignored",
        &one_slot_program(
            "exercise = \"clamshell\"\nsets = 2\nreps = 10\nprogression = { add_reps = 2, add_sets = 1 }\n",
        ),
    );
    assert_eq!(
        r.stderr,
        "error: p.toml:17:42: add_sets never applies: with add_reps, sets are added only when reps reach max_reps, and this rule has no max_reps
   |
17 | progression = { add_reps = 2, add_sets = 1 }
   |                                          ^
  hint: add max_reps = ... (and reset_reps), or remove add_sets
1 problem found in the input files
"
    );
}

#[test]
fn a_template_extends_another_of_the_users_templates() {
    // The clinic's branding stays apart from its translation: branding -> translation -> de.
    let dir = scratch("template-chain");
    std::fs::write(
        dir.join("translation.toml"),
        "extends = \"de\"\nname = \"praxis-de\"\n[text]\nweek_heading = \"Trainingswoche {week} von {weeks}\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("branding.toml"),
        "extends = \"praxis-de\"\nname = \"praxis-nord\"\n[clinic]\nname = \"Praxis Nord\"\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let r = run(&["validate", d]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Two new names over the three built-ins: five, each counted once.
    assert_eq!(
        r.stdout,
        "ok: 7 programs, 63 exercises, 5 templates checked\n"
    );
    let r = run(&[
        "--programs",
        d,
        "plan",
        "--cause",
        "pfps",
        "--start",
        "2027-01-04",
        "--template",
        "praxis-nord",
        "-o",
        dir.join("plan.pdf").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let Some(text) = crate::pdf::text_of(&dir.join("plan.pdf")) else {
        return; // pdftotext is not installed
    };
    // The branding's clinic, the translation's heading and the built-in German words.
    assert!(text.contains("Praxis Nord"), "{text}");
    assert!(text.contains("Trainingswoche 1 von 6"), "{text}");
    assert!(text.contains("Übungsplan"), "{text}");
}

#[test]
fn an_extends_cycle_of_templates_is_one_problem_naming_its_members() {
    let dir = scratch("template-cycle");
    std::fs::write(dir.join("a.toml"), "extends = \"tb\"\nname = \"ta\"\n").unwrap();
    std::fs::write(dir.join("b.toml"), "extends = \"ta\"\nname = \"tb\"\n").unwrap();
    let r = run_in(&dir, &["validate", "."]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: ./b.toml:1:11: `extends` forms a cycle: `ta` extends `tb` extends `ta`
  |
1 | extends = \"ta\"
  |           ^^^^
  hint: one template of the cycle must extend a built-in one (or none: then it extends `en`)
1 problem found in the input files
"
    );
}

#[test]
fn an_extends_cycle_of_programs_is_one_problem_naming_its_members() {
    let dir = scratch("program-cycle");
    std::fs::write(dir.join("a.toml"), "id = \"pa\"\nextends = \"pb\"\n").unwrap();
    std::fs::write(dir.join("b.toml"), "id = \"pb\"\nextends = \"pc\"\n").unwrap();
    std::fs::write(dir.join("c.toml"), "id = \"pc\"\nextends = \"pa\"\n").unwrap();
    let r = run_in(&dir, &["validate", "."]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: ./c.toml:2:11: `extends` forms a cycle: `pa` extends `pb` extends `pc` extends `pa`
  |
2 | extends = \"pa\"
  |           ^^^^
  hint: one program of the cycle must stand on its own or extend a program outside it
1 problem found in the input files
"
    );
}

#[test]
fn did_you_mean_never_suggests_the_name_itself() {
    let dir = scratch("self-extends");
    std::fs::write(
        dir.join("p.toml"),
        "id = \"knee-pain\"\nextends = \"knee-pain\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("t.toml"), "extends = \"fr\"\n").unwrap();
    let r = run_in(&dir, &["validate", "."]);
    assert_eq!(
        r.stderr,
        "error: ./p.toml:2:11: `extends` names unknown program `knee-pain`
  |
2 | extends = \"knee-pain\"
  |           ^^^^^^^^^^^
  hint: a program extends a program of its own id only to change the built-in one, and there is no built-in `knee-pain`; remove `extends` or name another program
error: ./t.toml:1:11: unknown template `fr` in `extends`
  |
1 | extends = \"fr\"
  |           ^^^^
  hint: a template extends one of its own name only to change the built-in one, and there is no built-in `fr`; `extends` names a built-in template: en, large-print, de
2 problems found in the input files
"
    );
}

#[test]
fn the_list_of_templates_names_each_once() {
    // The built-in templates read again as a user's folder override themselves: still three.
    let r = run(&[
        "--programs",
        "templates",
        "plan",
        "--cause",
        "pfps",
        "--template",
        "fr",
    ]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: invalid value for --template: unknown template `fr`
  hint: use one of: en, large-print, de or the path of a .toml file
"
    );
    let r = run(&["validate", "templates"]);
    assert_eq!(
        r.stdout,
        "ok: 7 programs, 63 exercises, 3 templates checked\n"
    );
}

#[test]
fn the_template_owns_its_punctuation() {
    // French puts a space before the colon: "Tél. : 01 23 45 67 89".
    let dir = scratch("french-colon");
    std::fs::write(
        dir.join("fr.toml"),
        "name = \"cabinet-fr\"\nlanguage = \"fr\"\n[clinic]\nname = \"Cabinet Est\"\nphone = \"01 23 45 67 89\"\n\
[text]\nphone_label = \"Tél.\"\nlabel_end = \" : \"\nnote_label = \"Remarque\"\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let pdf = dir.join("plan.pdf");
    let r = run(&[
        "--programs",
        d,
        "plan",
        "--cause",
        "pfps",
        "--start",
        "2027-01-04",
        "--template",
        "cabinet-fr",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = run(&[
        "--programs",
        d,
        "plan",
        "--cause",
        "itbs",
        "--start",
        "2027-01-04",
        "--template",
        "cabinet-fr",
    ]);
    assert!(text.stdout.contains("Remarque :"), "{}", text.stdout);
    assert!(!text.stdout.contains("Remarque:"), "{}", text.stdout);
    let Some(t) = crate::pdf::text_of(&pdf) else {
        return; // pdftotext is not installed
    };
    assert!(t.contains("Tél. : 01 23 45 67 89"), "{t}");
    assert!(!t.contains("Tél.:"), "{t}");
}

#[test]
fn a_tempo_in_words_is_printed_in_words_and_unreadable_tempo_is_refused() {
    let r = validate_one(
        "tempo-slow",
        &one_slot_program("exercise = \"clamshell\"\nsets = 2\nreps = 10\ntempo = \"slow\"\n"),
    );
    assert_eq!(
        r.stderr,
        "error: p.toml:17:9: cannot read tempo `slow`
   |
17 | tempo = \"slow\"
   |         ^^^^^^
  hint: give seconds for each part: \"3-1-3\" (down-pause-up), \"3-1-3-2\" (then a hold at the top), or in words \"3 s up, 3 s down\" (parts: up, down, pause, hold; 0-60 s each)
1 problem found in the input files
"
    );
    // A published "3 s concentric + 3 s eccentric": printed in words, and the time estimate
    // counts 6 s a repetition (2 x 10 x 6 s + 60 s rest + 30 s = 3.5 min; 3 min at 4 s).
    let dir = scratch("tempo-words");
    std::fs::write(
        dir.join("p.toml"),
        one_slot_program(
            "exercise = \"glute-bridge\"\nsets = 2\nreps = 10\ntempo = \"3 s concentric + 3 s eccentric\"\n",
        ),
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let plan = json(&run(&[
        "--programs",
        d,
        "plan",
        "--cause",
        "p",
        "--start",
        "2027-01-04",
        "--format",
        "json",
    ]));
    let item = &plan["weeks"][0]["sessions"][0]["exercises"][0];
    assert_eq!(item["tempo"], "3-0-3", "{item}");
    assert_eq!(item["minutes"], 3.5, "{item}");
    let text = run(&[
        "--programs",
        d,
        "plan",
        "--cause",
        "p",
        "--start",
        "2027-01-04",
    ]);
    assert!(
        text.stdout.contains("tempo (3 s down, 3 s up)"),
        "{}",
        text.stdout
    );
}

#[test]
fn one_run_reports_every_type_error_of_a_file() {
    // Serde stops at the first; each table is read again on its own.
    let r = validate_one(
        "every-type-error",
        "id = \"pq\"\ntitle = \"P\"\nsummary = \"s\"\ndescription = \"d\"\nevidence = \"trial\"\ncolour = 3\n\
[pain_rule]\ngreen_max = 3\namber_max = \"5\"\n\
[[phase]]\nname = \"One\"\nweeks = 4.5\nsessions_per_week = 2\n\
[[phase.slot]]\nexercise = \"clamshell\"\nsets = \"2\"\nreps = 10\n\
[[phase.slot]]\nexercise = \"glute-bridge\"\nsets = 2\nrepz = 10\n",
    );
    assert_eq!(
        r.stderr,
        "error: p.toml:6:1: unknown field `colour`
  |
6 | colour = 3
  | ^^^^^^
  hint: allowed keys here: `id`, `extends`, `title`, `aliases`, `summary`, `description`, `location_note`, `evidence`, `evidence_note`, `red_flags`, `general_red_flags`, `pain_rule`, `reference`, `phase`, `return_to_run`, `change`, `add`, `remove`, `rationale`, `check`
error: p.toml:9:13: `amber_max` must be a whole number, not \"5\"
  |
9 | amber_max = \"5\"
  |             ^^^
  hint: write it without quotes, e.g. amber_max = 3
error: p.toml:12:9: `weeks` is neither a week number nor a range
   |
12 | weeks = 4.5
   |         ^^^
  hint: write weeks = \"1-4\" (an inclusive range) or weeks = 3 (one week)
error: p.toml:16:8: `sets` must be a whole number, not \"2\"
   |
16 | sets = \"2\"
   |        ^^^
  hint: write it without quotes, e.g. sets = 3
error: p.toml:21:1: unknown field `repz`
   |
21 | repz = 10
   | ^^^^
  hint: did you mean `reps`?
5 problems found in the input files
"
    );
}

#[test]
fn an_unknown_key_drops_one_exercise_not_its_file_and_programs_get_no_noise() {
    let dir = scratch("exercise-recovery");
    std::fs::write(
        dir.join("ex.toml"),
        "[[exercise]]\nid = \"good-one\"\nname = \"G\"\ncategory = \"hip\"\nposition = \"lying\"\ndose = \"reps\"\ninstructions = [\"x\"]\nsource = \"s\"\nlicense = \"l\"\n\
[[exercise]]\nid = \"bad-one\"\nname = \"B\"\ncategory = \"hip\"\nposition = \"lying\"\ndose = \"reps\"\ninstructions = [\"x\"]\nsource = \"s\"\nlicense = \"l\"\ncolor = 1\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("p.toml"),
        "id = \"pz\"\nextends = \"pfps\"\n[[add]]\nphase = 1\nexercise = \"good-one\"\nsets = 2\nreps = 10\n\
[[add]]\nphase = 1\nexercise = \"bad-one\"\nsets = 2\nreps = 10\n",
    )
    .unwrap();
    let r = run_in(&dir, &["validate", "."]);
    // One problem: the bad key. `good-one` loads; `bad-one` is not "unknown" in the program.
    assert_eq!(
        r.stderr,
        "error: ./ex.toml:19:1: unknown field `color`
   |
19 | color = 1
   | ^^^^^
  hint: allowed keys here: `id`, `name`, `category`, `muscles`, `equipment`, `position`, `dose`, `per_side`, `instructions`, `cues`, `mistakes`, `easier`, `harder`, `contraindicated`, `caution`, `caution_note`, `source`, `license`, `figure`
1 problem found in the input files
"
    );
}

#[test]
fn the_old_source_key_on_a_slot_loads_with_a_warning() {
    let r = validate_one(
        "old-source-key",
        &one_slot_program("exercise = \"clamshell\"\nsets = 2\nreps = 10\nsource = \"x\"\n")
            .replace(
                "[pain_rule]",
                "[[reference]]\nid = \"x\"\ncitation = \"X 2020\"\n[pain_rule]",
            ),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "warning: p.toml:20:1: `source` on a slot is now called `reference`
   |
20 | source = \"x\"
   | ^^^^^^
  hint: rename it: reference = \"x\" (the id of a [[reference]]); `source` still works for now
"
    );
    let r = validate_one(
        "both-source-keys",
        &one_slot_program(
            "exercise = \"clamshell\"\nsets = 2\nreps = 10\nsource = \"x\"\nreference = \"x\"\n",
        )
        .replace(
            "[pain_rule]",
            "[[reference]]\nid = \"x\"\ncitation = \"X 2020\"\n[pain_rule]",
        ),
    );
    assert_eq!(
        r.stderr,
        "error: p.toml:20:1: this slot has both `reference` and `source`
   |
20 | source = \"x\"
   | ^^^^^^
  hint: `source` is the old name of `reference`: keep only `reference`
1 problem found in the input files
"
    );
}

#[test]
fn a_program_with_type_errors_still_gets_its_values_checked() {
    // serde stops at `summary = 12`; the program is read again without its broken parts, so
    // the same run also finds the unknown exercise, the gap and the dose out of range. The
    // slot that could not be read is not reported again (no "has no summary" either).
    let r = run(&["validate", "tests/fixtures/recovery"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "\
error: tests/fixtures/recovery/program.toml:5:11: `summary` must be text in quotes, not 12
  |
5 | summary = 12
  |           ^^
  hint: put it in quotes, e.g. summary = \"...\"
error: tests/fixtures/recovery/program.toml:19:12: unknown exercise id `clamshel`
   |
19 | exercise = \"clamshel\"
   |            ^^^^^^^^^^
  hint: did you mean `clamshell`?
error: tests/fixtures/recovery/program.toml:25:8: `sets` must be a whole number, not \"three\"
   |
25 | sets = \"three\"
   |        ^^^^^^^
  hint: write it without quotes, e.g. sets = 3
error: tests/fixtures/recovery/program.toml:30:9: week 3 is in no phase (phase `Two` starts at week 4)
   |
30 | weeks = \"4-5\"
   |         ^^^^^
  hint: phases must cover the weeks from 1 on with no gap
error: tests/fixtures/recovery/program.toml:35:8: sets = 12 is out of range
   |
35 | sets = 12
   |        ^^
  hint: sets must be from 1 to 10; typical: 2-3
5 problems found in the input files
"
    );
    // A phase whose own keys cannot be read is left out with its slots: its weeks are
    // unknown, so no gap or overlap is reported for it; the other phases are still checked.
    let dir = scratch("recover-phase");
    let text = std::fs::read_to_string(fixture("recovery").join("program.toml"))
        .unwrap()
        .replace("summary = 12", "summary = \"s\"")
        .replace("sets = \"three\"", "sets = 3")
        .replace(
            "weeks = \"1-2\"\nsessions_per_week = 2",
            "weeks = \"1-2\"\nsessions_per_week = \"two\"",
        )
        .replace("weeks = \"4-5\"", "weeks = \"3-5\"");
    std::fs::write(dir.join("p.toml"), text).unwrap();
    let r = run_in(&dir, &["validate", "p.toml"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "\
error: p.toml:16:21: `sessions_per_week` must be a whole number, not \"two\"
   |
16 | sessions_per_week = \"two\"
   |                     ^^^^^
  hint: write it without quotes, e.g. sessions_per_week = 3
error: p.toml:35:8: sets = 12 is out of range
   |
35 | sets = 12
   |        ^^
  hint: sets must be from 1 to 10; typical: 2-3
2 problems found in the input files
"
    );
    // Broken text the checks do not read (a phase's goals) keeps the phase: its unknown
    // exercise is still found.
    let text = std::fs::read_to_string(fixture("recovery").join("program.toml"))
        .unwrap()
        .replace("summary = 12", "summary = \"s\"")
        .replace("sets = \"three\"", "sets = 3")
        .replace("sets = 12", "sets = 2")
        .replace("weeks = \"4-5\"", "weeks = \"3-5\"")
        .replace(
            "name = \"One\"\n",
            "name = \"One\"\ngoals = \"strong hips\"\n",
        );
    std::fs::write(dir.join("p.toml"), text).unwrap();
    let r = run_in(&dir, &["validate", "p.toml"]);
    assert_eq!(
        r.stderr,
        "\
error: p.toml:15:9: `goals` must be a list, not \"strong hips\"
   |
15 | goals = \"strong hips\"
   |         ^^^^^^^^^^^^^
  hint: this key takes a list, e.g. [\"first\", \"second\"]
error: p.toml:20:12: unknown exercise id `clamshel`
   |
20 | exercise = \"clamshel\"
   |            ^^^^^^^^^^
  hint: did you mean `clamshell`?
2 problems found in the input files
"
    );
}
