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
}

#[test]
fn broken_files_give_one_message_each_with_place_and_hint() {
    let r = run(&["validate", "tests/fixtures/broken"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "\
error: tests/fixtures/broken/exercises.toml:4:1: unknown field `categroy`
  hint: did you mean `category`?
error: tests/fixtures/broken/program.toml:9:12: unknown exercise id `clamshel`
  hint: did you mean `clamshell`?
error: tests/fixtures/broken/program.toml:15:12: exercise `copenhagen-long-lever` is contraindicated for `meniscus`
  hint: use a safe variant such as `copenhagen-short-lever`, or another exercise
error: tests/fixtures/broken/program.toml:22:8: sets is 0
  hint: sets must be from 1 to 10; typical: 2-3
error: tests/fixtures/broken/syntax.toml:2:35: invalid basic string, expected `\"`
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
