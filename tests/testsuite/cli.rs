//! `causes`, `exercises`, help and usage errors.

use super::*;

#[test]
fn causes_lists_every_builtin_cause() {
    let r = run(&["causes"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for id in CAUSES {
        assert!(
            r.stdout.lines().any(|l| l.starts_with(&format!("{id}  ("))),
            "{id} missing in:\n{}",
            r.stdout
        );
    }
    assert!(r.stdout.contains("also: runners-knee"), "{}", r.stdout);
    assert!(r.stdout.contains("Not medical advice"));
}

#[test]
fn causes_as_json() {
    let v = json(&run(&["causes", "--format", "json"]));
    let list = v.as_array().unwrap();
    let ids: Vec<&str> = list.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, CAUSES);
    for c in list {
        let weeks = c["weeks"].as_u64().unwrap();
        assert!((6..=12).contains(&weeks), "{} runs {weeks} weeks", c["id"]);
        assert!(!c["title"].as_str().unwrap().is_empty());
        assert!(!c["summary"].as_str().unwrap().is_empty());
    }
    let pes = list.iter().find(|c| c["id"] == "pes-anserine").unwrap();
    assert_eq!(pes["evidence"], "extrapolated");
}

#[test]
fn exercises_by_category() {
    let all = json(&run(&["exercises", "--format", "json"]));
    let n = all.as_array().unwrap().len();
    assert!((30..=60).contains(&n), "{n} exercises");
    let hip = json(&run(&[
        "exercises",
        "--category",
        "hip",
        "--format",
        "json",
    ]));
    let hip = hip.as_array().unwrap();
    assert!(!hip.is_empty() && hip.len() < n);
    assert!(hip.iter().all(|e| e["category"] == "hip"));
    let text = run(&["exercises", "--category", "core"]);
    assert!(text.stdout.contains("side-plank"), "{}", text.stdout);
    assert!(
        !text.stdout.lines().any(|l| l.starts_with("clamshell ")),
        "{}",
        text.stdout
    );
}

#[test]
fn unknown_category_names_the_flag() {
    let r = run(&["exercises", "--category", "hips"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: invalid value for --category: unknown category `hips`\n  hint: did you mean `hip`?\n");
}

#[test]
fn help_has_examples_and_exit_codes() {
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("rehabplan plan --cause runners-knee"));
    assert!(r
        .stdout
        .contains("Exit codes: 0 ok, 1 failure, 2 invalid input or usage, 3"));
}

#[test]
fn shell_completions_and_man_page() {
    let dir = scratch("completions");
    let bash = run(&["completions", "bash"]);
    assert_eq!(bash.code, 0);
    assert!(
        bash.stdout.contains("_rehabplan()") && bash.stdout.contains("--cause"),
        "{}",
        &bash.stdout[..200]
    );
    std::fs::write(dir.join("rehabplan.bash"), &bash.stdout).unwrap();
    // The script is valid bash and defines the completion for the command.
    if let Ok(out) = std::process::Command::new("bash")
        .arg("-c")
        .arg("source ./rehabplan.bash && complete -p rehabplan")
        .current_dir(&dir)
        .output()
    {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("rehabplan"));
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}");
        assert!(r.stdout.contains("plan"), "{shell}");
    }
    let man = run(&["man"]);
    assert_eq!(man.code, 0);
    assert!(
        man.stdout.contains(".TH rehabplan 1") && man.stdout.contains("Exit codes"),
        "{}",
        &man.stdout[..300]
    );
    let bad = run(&["completions", "tcsh"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("invalid value 'tcsh'"),
        "{}",
        bad.stderr
    );
}

#[test]
fn init_copies_the_builtins_and_never_overwrites() {
    let dir = scratch("init");
    let r = run_in(&dir, &["init", "clinic"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("wrote 14 files to clinic\n"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("clinic/pfps.toml")).unwrap(),
        std::fs::read_to_string(repo().join("programs/pfps.toml")).unwrap()
    );
    assert!(
        dir.join("clinic/exercises/hip.toml").exists()
            && dir.join("clinic/templates/de.toml").exists()
    );
    std::fs::write(dir.join("clinic/pfps.toml"), "# my edits\n").unwrap();
    let r = run_in(&dir, &["init", "clinic"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr, "error: cannot write clinic/adductor-strain.toml: it already exists (and 13 more); nothing was written (choose an empty folder, or move your files first)\n");
    assert_eq!(
        std::fs::read_to_string(dir.join("clinic/pfps.toml")).unwrap(),
        "# my edits\n"
    );
    let r = run_in(&dir, &["init", "one", "--cause", "oa"]);
    assert_eq!(r.code, 0);
    let files: Vec<_> = std::fs::read_dir(dir.join("one"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, ["knee-oa.toml"]);
}
