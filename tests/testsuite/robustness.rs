//! Malformed input: every file gives a clear, placed error and exit code 2, never a panic.

use super::*;

fn check(r: &Run, file: &str) {
    assert_eq!(r.code, 2, "{file}: {}", r.stderr);
    assert!(
        r.stderr.starts_with(&format!("error: {file}")),
        "{file}: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains("  hint: "),
        "{file}: no hint: {}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{file}: {}", r.stderr);
}

#[test]
fn every_malformed_fixture_is_rejected_cleanly() {
    let dir = fixture("malformed");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let rel = format!(
            "tests/fixtures/malformed/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        check(&run(&["validate", &rel]), &rel);
        n += 1;
    }
    assert!(n >= 7);
}

#[test]
fn exact_messages_for_types_and_sizes() {
    let cases = [
        ("huge-number.toml", "10:12: this number is too large\n   |\n10 | per_side = 99999999999999999999999\n   |            ^^^^^^^^^^^^^^^^^^^^^^^\n  hint: the numbers in these files are small: sets 1-10, reps 1-100, seconds up to 7200\n"),
        ("wrong-types.toml", "6:13: `red_flags` must be a list, not \"not a list\"\n  |\n6 | red_flags = \"not a list\"\n  |             ^^^^^^^^^^^^\n  hint: this key takes a list, e.g. [\"first\", \"second\"]\n"),
        ("invalid-utf8.toml", "1:11: the file is not valid UTF-8\n  hint: save it as UTF-8 text\n"),
        ("deep-nesting.toml", "1:37: arrays and tables are nested more than 32 deep\n  |\n1 | ...[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[...]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]...\n  |       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^...^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  hint: program files need only a few levels; check for a runaway bracket\n"),
    ];
    for (file, expected) in cases {
        let rel = format!("tests/fixtures/malformed/{file}");
        let r = run(&["validate", &rel]);
        assert_eq!(
            r.stderr,
            format!("error: {rel}:{expected}1 problem found in the input files\n")
        );
    }
}

#[test]
fn a_ten_megabyte_string_is_refused_by_size() {
    let dir = scratch("big-string");
    let big = format!(
        "id = \"big\"\ntitle = \"{}\"\n",
        "x".repeat(10 * 1024 * 1024)
    );
    std::fs::write(dir.join("big.toml"), &big).unwrap();
    let r = run_in(&dir, &["validate", "big.toml"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        format!(
            "error: big.toml: the file is {} bytes; the limit is 1048576 bytes (1 MiB)\n  hint: split it into several files, or check that it is the right file\n1 problem found in the input files\n",
            big.len()
        )
    );
}

#[test]
fn missing_files_and_folders() {
    let r = run(&["validate", "no/such/file.toml"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: no/such/file.toml: cannot read: no such file or folder\n  hint: check the path; give a .toml file or a folder of them\n1 problem found in the input files\n");
    let r = run(&["--programs", "no/such/dir", "causes"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: no/such/dir: cannot read: no such file or folder\n"),
        "{}",
        r.stderr
    );
    let r = run(&["plan", "--cause", "pfps", "--log", "no/such/log.toml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: no/such/log.toml: cannot read: no such file or folder"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_unwritable_output_is_a_failure_not_a_panic() {
    let r = run(&["plan", "--cause", "pfps", "-o", "no/such/dir/plan.json"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: cannot write no/such/dir/plan.json: the folder no/such/dir does not exist\n"
    );
}

#[test]
fn an_unreadable_logo_is_named_with_its_place() {
    let dir = scratch("bad-logo");
    std::fs::write(dir.join("logo.png"), "not a png").unwrap();
    std::fs::write(
        dir.join("clinic.toml"),
        "extends = \"en\"\nname = \"clinic\"\n[clinic]\nname = \"Clinic\"\nlogo = \"logo.png\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("plan.pdf"), "old").unwrap();
    let r = run_in(
        &dir,
        &[
            "plan",
            "--cause",
            "pfps",
            "--template",
            "clinic.toml",
            "-o",
            "plan.pdf",
        ],
    );
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: clinic.toml:5:8: cannot use the logo `./logo.png`: it is not a PNG or JPEG file\n  |\n5 | logo = \"logo.png\"\n  |        ^^^^^^^^^^\n  hint: the logo must be a PNG or JPEG image\n1 problem found in the input files\n");
    assert_eq!(
        std::fs::read_to_string(dir.join("plan.pdf")).unwrap(),
        "old"
    );
    std::fs::write(
        dir.join("c2.toml"),
        "extends = \"en\"\n[clinic]\nname = \"Clinic\"\nlogo = \"missing.png\"\n",
    )
    .unwrap();
    let r = run_in(&dir, &["validate", "c2.toml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: c2.toml:4:8: cannot read the logo `./missing.png`: "),
        "{}",
        r.stderr
    );
}

/// The full output of `validate` on each broken and malformed fixture, one snapshot per file
/// (`tests/testsuite/snapshots/`), reviewed as a therapist reads it: the first line names the
/// place, the source line shows the mistake, the hint says what to write instead. A change of
/// any message shows up as a diff to review (`cargo insta review`, or `INSTA_UPDATE=always`).
#[test]
fn snapshots_of_every_broken_and_malformed_fixture() {
    for folder in ["broken", "malformed", "recovery"] {
        let mut files: Vec<_> = std::fs::read_dir(fixture(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{folder}");
        for path in files {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let rel = format!("tests/fixtures/{folder}/{name}.toml");
            let r = run(&["validate", &rel]);
            assert_eq!(r.code, 2, "{rel} is accepted: {}", r.stdout);
            insta::assert_snapshot!(format!("{folder}-{name}"), r.stderr, &rel);
        }
    }
}
