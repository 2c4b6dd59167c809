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
