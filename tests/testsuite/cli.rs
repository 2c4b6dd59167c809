//! `causes`, `exercises`, help and usage errors.

use super::*;

// The text of `causes` (every built-in cause, its aliases, the caution) is a snapshot:
// `snapshots::causes`.

#[test]
fn causes_as_json() {
    let v = json(&run(&["causes", "--format", "json"]));
    assert_eq!(v["format_version"], 1);
    let list = v["causes"].as_array().unwrap();
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
    let n = all["exercises"].as_array().unwrap().len();
    assert!((30..=80).contains(&n), "{n} exercises");
    let hip = json(&run(&[
        "exercises",
        "--category",
        "hip",
        "--format",
        "json",
    ]));
    let hip = hip["exercises"].as_array().unwrap();
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

/// Bash completes `--cause` with the real causes (a therapist's folder included), `--days`
/// with day names, `--category` and `--template` with their values.
#[test]
fn bash_completes_real_values() {
    let dir = scratch("completions");
    let bash = run(&["completions", "bash"]);
    assert_eq!(bash.code, 0, "{}", bash.stderr);
    assert!(bash.stdout.contains("COMPLETE=\"bash\""), "{}", bash.stdout);
    std::fs::write(dir.join("rehabplan.bash"), &bash.stdout).unwrap();
    let clinic = dir.join("clinic");
    std::fs::create_dir_all(clinic.join("exercises")).unwrap();
    let tutorial = fixture("tutorial");
    std::fs::copy(
        tutorial.join("medial-plica.toml"),
        clinic.join("medial-plica.toml"),
    )
    .unwrap();
    for e in std::fs::read_dir(tutorial.join("exercises")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), clinic.join("exercises").join(e.file_name())).unwrap();
    }
    // Runs the completion function as bash does on <TAB> and prints the candidates.
    let complete = |words: &[&str]| -> Vec<String> {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let script = format!(
            "source ./rehabplan.bash\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_clap_complete_rehabplan rehabplan '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            quoted.join(" "),
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let bin_dir = Path::new(env!("CARGO_BIN_EXE_rehabplan")).parent().unwrap();
        let out = Command::new("bash")
            .arg("-c")
            .arg(script)
            .current_dir(&dir)
            .env(
                "PATH",
                format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap()),
            )
            .env_remove("REHABPLAN_PROGRAMS")
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    let causes = complete(&["rehabplan", "plan", "--cause", ""]);
    for id in CAUSES {
        assert!(causes.contains(&id.to_string()), "{id} not in {causes:?}");
    }
    assert!(causes.contains(&"runners-knee".to_string()), "{causes:?}");
    assert_eq!(
        complete(&["rehabplan", "plan", "--cause", "pes-anserine-"]),
        ["pes-anserine-bursitis"]
    );
    assert_eq!(
        complete(&["rehabplan", "plan", "--days", "mon,t"]),
        ["mon,tue", "mon,thu"]
    );
    assert_eq!(
        complete(&["rehabplan", "exercises", "--category", "c"]),
        ["core", "calf", "cardio"]
    );
    assert_eq!(complete(&["rehabplan", "plan", "--format", "p"]), ["pdf"]);
    assert_eq!(
        complete(&["rehabplan", "plan", "--template", "l"]),
        ["large-print"]
    );
    // A program in the therapist's folder is offered too.
    let mine = complete(&[
        "rehabplan",
        "--programs",
        "clinic",
        "plan",
        "--cause",
        "medial-p",
    ]);
    assert_eq!(mine, ["medial-plica"]);
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}");
        assert!(r.stdout.contains("rehabplan"), "{shell}");
    }
    let bad = run(&["completions", "tcsh"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("invalid value 'tcsh'"),
        "{}",
        bad.stderr
    );
}

#[test]
fn every_subcommand_help_ends_with_examples() {
    use clap::CommandFactory;
    let cmd = rehabplan::cli::Cli::command();
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    assert!(names.len() >= 12, "{names:?}");
    for name in names {
        let r = run(&[&name, "--help"]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let tail = &r.stdout[r
            .stdout
            .rfind("Examples:\n")
            .unwrap_or_else(|| panic!("{name}: no examples"))..];
        let examples: Vec<&str> = tail.lines().skip(1).collect();
        assert!((2..=3).contains(&examples.len()), "{name}: {tail}");
        for e in examples {
            assert!(
                e.starts_with("  rehabplan ")
                    || e.starts_with("  echo ")
                    || e.starts_with("  man "),
                "{name}: {e}"
            );
        }
    }
    let batch = run(&["batch", "--help"]).stdout;
    assert!(batch.contains("\"tue,thu,sat\""), "{batch}");
}

#[test]
fn man_writes_every_page_it_refers_to() {
    let dir = scratch("man");
    let man = run(&["man"]);
    assert_eq!(man.code, 0);
    assert!(
        man.stdout.contains("\n.TH rehabplan 1 "),
        "{}",
        &man.stdout[..200]
    );
    let r = run_in(&dir, &["man", "--dir", "pages"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "wrote 15 manual pages to pages\n");
    let main = std::fs::read_to_string(dir.join("pages/rehabplan.1")).unwrap();
    assert_eq!(main, man.stdout);
    // Every page the main page names exists.
    let mut referred = 0;
    for word in main.split(|c: char| c.is_whitespace()) {
        if let Some(name) = word.strip_suffix("(1)") {
            let name = name.replace("\\-", "-");
            assert!(
                dir.join(format!("pages/{name}.1")).exists(),
                "{name}.1 missing"
            );
            referred += 1;
        }
    }
    assert!(referred >= 12, "{referred}");
    // The examples keep their lines: they are in a no-fill block.
    let plan = std::fs::read_to_string(dir.join("pages/rehabplan-plan.1")).unwrap();
    assert!(plan.contains("\n.TH rehabplan-plan 1 "), "{}", &plan[..200]);
    assert!(
        plan.contains(
            ".nf\nrehabplan plan \\-\\-cause runners\\-knee \\-\\-days tue,thu,sat \\-o plan.pdf\n"
        ),
        "{plan}"
    );
    if let Ok(out) = Command::new("man")
        .args(["-l", "-P", "cat"])
        .arg(dir.join("pages/rehabplan-plan.1"))
        .env("MANWIDTH", "80")
        .output()
    {
        if out.status.success() {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.contains("rehabplan plan --cause runners-knee --days tue,thu,sat -o plan.pdf"),
                "{text}"
            );
        }
    }
}

#[test]
fn quiet_silences_the_wrote_lines() {
    let dir = scratch("quiet");
    let r = run_in(
        &dir,
        &["plan", "--cause", "pfps", "-o", "plan.json", "--quiet"],
    );
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert!(dir.join("plan.json").exists());
    let r = run_in(&dir, &["-q", "log", "pain.toml", "--during", "2"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let r = run_in(&dir, &["--quiet", "init", "clinic"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    // Errors are still shown.
    let r = run_in(&dir, &["plan", "--cause", "nope", "-q"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
}

#[test]
fn color_follows_the_flag_then_no_color() {
    let dir = scratch("color");
    let esc = |r: &Run| r.stdout.contains('\x1b') || r.stderr.contains('\x1b');
    // The test harness sets NO_COLOR=1; --color always wins over it.
    let r = run_in(&dir, &["--color", "always", "plan", "--help"]);
    assert!(esc(&r), "{}", r.stdout);
    let r = run_in(&dir, &["--color=always", "plan", "--cause", "nope"]);
    assert!(
        r.stderr.starts_with("\x1b[1;31merror:\x1b[0m"),
        "{:?}",
        r.stderr
    );
    for args in [
        &["--color", "never", "plan", "--help"][..],
        &["plan", "--help"],
        &["--color", "auto", "plan", "--cause", "nope"],
    ] {
        let r = run_in(&dir, args);
        assert!(!esc(&r), "{args:?}: {:?}", r.stderr);
    }
    let r = run_in(&dir, &["--color", "sometimes", "causes"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("[possible values: auto, always, never]"),
        "{}",
        r.stderr
    );
}

#[test]
fn screen_without_a_terminal_says_how_to_answer() {
    let r = run(&["screen", "--cause", "meniscus"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: screen asks its questions in a terminal, and standard input is not one\n  hint: give the answers instead: --answers FILE (make one with `rehabplan screen --print-answers-template`), --yes IDS, --no IDS or --no all\n"
    );
}

#[test]
fn an_answers_template_must_be_filled_in() {
    let dir = scratch("answers-template");
    let r = run_in(
        &dir,
        &["screen", "--cause", "meniscus", "--print-answers-template"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\n# Does the knee lock or get stuck so that you cannot straighten it fully?\nlocking = \"?\"\n"), "{}", r.stdout);
    std::fs::write(dir.join("answers.toml"), &r.stdout).unwrap();
    // Unfilled, it is refused question by question.
    let r = run_in(
        &dir,
        &["screen", "--cause", "meniscus", "--answers", "answers.toml"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("the answer to `locking` must be true or false\n   |\n17 | locking = \"?\"\n   |           ^^^\n  hint: locking = true (yes) or locking = false (no)\n"),
        "{}",
        r.stderr
    );
    // Filled in with no to everything, the screening is clear.
    std::fs::write(
        dir.join("answers.toml"),
        r#"x"#.replace(
            'x',
            &std::fs::read_to_string(dir.join("answers.toml"))
                .unwrap()
                .replace("\"?\"", "false"),
        ),
    )
    .unwrap();
    let r = run_in(
        &dir,
        &["screen", "--cause", "meniscus", "--answers", "answers.toml"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("No red flags"), "{}", r.stdout);
}

#[test]
fn init_copies_the_builtins_and_never_overwrites() {
    let dir = scratch("init");
    let r = run_in(&dir, &["init", "clinic"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("wrote 25 files to clinic\n"),
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
    assert_eq!(r.stderr, "error: cannot write clinic/adductor-strain.toml: it already exists (and 24 more); nothing was written (choose an empty folder, or move your files first)\n");
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

/// The README lists every option of `plan` and of every command, shows the CSV quoting, and
/// installs before it uses a bare `rehabplan`.
#[test]
fn the_readme_lists_every_option() {
    use clap::CommandFactory;
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let cmd = rehabplan::cli::Cli::command();
    let plan = cmd.find_subcommand("plan").unwrap();
    for arg in plan.get_arguments().chain(cmd.get_arguments()) {
        let Some(long) = arg.get_long() else { continue };
        if ["help", "version"].contains(&long) {
            continue;
        }
        assert!(
            readme.contains(&format!("`--{long}")),
            "README does not list --{long}"
        );
    }
    assert!(readme.contains("\"tue,thu,sat\""));
    // The first command line that runs a bare `rehabplan` comes after the install step.
    let mut in_code = false;
    let mut first_bare = None;
    let mut install = None;
    for (i, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            in_code = !in_code;
        } else if in_code && line.starts_with("cargo install --path .") {
            install.get_or_insert(i);
        } else if in_code && line.starts_with("rehabplan ") {
            first_bare.get_or_insert(i);
        }
    }
    assert!(
        install.expect("an install step") < first_bare.unwrap(),
        "`rehabplan` is used before it is installed"
    );
    // Examples that do not age: no fixed start date with --week current.
    for line in readme.lines().filter(|l| l.contains("--week current")) {
        assert!(!line.contains("--start 20"), "{line}");
    }
}

/// `plan` checks its request before it loads, plans or renders anything: a PDF to the terminal,
/// a bad SOURCE_DATE_EPOCH or an output that is one of the inputs is refused even when the
/// cause does not exist and the programs folder is broken (those are found only by loading).
#[test]
fn plan_checks_the_request_before_any_work() {
    let dir = scratch("request-first");
    let broken = fixture("broken").display().to_string();
    let r = run_in(
        &dir,
        &[
            "--programs",
            &broken,
            "plan",
            "--cause",
            "nope",
            "--format",
            "pdf",
        ],
    );
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: invalid value for --format: a PDF cannot be printed to the terminal\n  hint: add -o plan.pdf, or -o - to write it to standard output\n");

    let r = run_env(
        &dir,
        &[
            "--programs",
            &broken,
            "plan",
            "--cause",
            "nope",
            "-o",
            "p.ics",
        ],
        &[("SOURCE_DATE_EPOCH", "soon")],
        &[],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: invalid value for SOURCE_DATE_EPOCH: `soon` is not a time"),
        "{}",
        r.stderr
    );

    std::fs::write(dir.join("log.toml"), "").unwrap();
    let r = run_in(
        &dir,
        &[
            "--programs",
            &broken,
            "plan",
            "--cause",
            "nope",
            "--log",
            "log.toml",
            "-o",
            "log.toml",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--log"), "{}", r.stderr);
    assert!(
        !r.stderr.contains("nope") && !r.stderr.contains("broken"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(dir.join("log.toml")).unwrap(), b"");
    assert!(!dir.join("p.ics").exists());
}
