//! Output that never harms a file, and inputs that are not regular files.
//!
//! `-o` replaces regular files atomically and writes into anything else (devices, FIFOs,
//! standard output) without replacing it; an input is never overwritten by the output; a FIFO
//! or a link to a device among the inputs is skipped or refused, never read forever.

use super::*;
use std::os::unix::fs::FileTypeExt;
use std::process::Stdio;

const PLAN: [&str; 5] = ["plan", "--cause", "pfps", "--start", "2027-01-04"];

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs")
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn dash_is_standard_output_for_every_format() {
    let dir = scratch("stdout-dash");
    for (format, start) in [
        ("pdf", &b"%PDF-"[..]),
        ("json", b"{\n  \"format_version\": 1"),
        ("ics", b"BEGIN:VCALENDAR\r\n"),
        ("text", b"Rehab plan: "),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_rehabplan"))
            .args(PLAN)
            .args(["--format", format, "-o", "-"])
            .current_dir(&dir)
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.starts_with(start), "{format}");
        assert!(
            out.stderr.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(!dir.join("-").exists(), "a file named `-` was written");
    // Without --format, `-o -` is the terminal view.
    let r = run_in(&dir, &[&PLAN[..], &["-o", "-"]].concat());
    assert!(r.stdout.starts_with("Rehab plan: "), "{}", r.stdout);
}

#[test]
fn devices_are_written_into_never_replaced() {
    let dir = scratch("devices");
    let r = run_in(
        &dir,
        &[&PLAN[..], &["--format", "json", "-o", "/dev/null"]].concat(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "wrote /dev/null (6 weeks, 2027-01-04 to 2027-02-14)\n"
    );
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");

    // A full device: a clear failure, and still a device.
    if Path::new("/dev/full").exists() {
        let r = run_in(
            &dir,
            &[&PLAN[..], &["--format", "json", "-o", "/dev/full"]].concat(),
        );
        assert_eq!(r.code, 1);
        assert!(
            r.stderr
                .starts_with("error: cannot write /dev/full: No space left on device"),
            "{}",
            r.stderr
        );
        let meta = std::fs::metadata("/dev/full").unwrap();
        assert!(meta.file_type().is_char_device(), "/dev/full was replaced");
    }

    // /dev/stdout is standard output, whatever it is connected to.
    let r = run_in(
        &dir,
        &[&PLAN[..], &["--format", "ics", "-o", "/dev/stdout"]].concat(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("BEGIN:VCALENDAR"), "{}", r.stdout);
}

#[test]
fn a_fifo_is_written_into_not_replaced() {
    let dir = scratch("fifo-out");
    let fifo = dir.join("plan.json");
    mkfifo(&fifo);
    let child = Command::new(env!("CARGO_BIN_EXE_rehabplan"))
        .args(PLAN)
        .args(["-o", "plan.json"])
        .current_dir(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader: what rehabplan writes into the FIFO arrives here.
    let read = std::fs::read_to_string(&fifo).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(read.starts_with("{\n  \"format_version\": 1"), "{read}");
    let meta = std::fs::symlink_metadata(&fifo).unwrap();
    assert!(meta.file_type().is_fifo(), "the FIFO was replaced");
}

#[test]
fn a_regular_file_keeps_its_permissions_and_a_link_stays_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("keep-mode");
    std::fs::write(dir.join("plan.json"), "old").unwrap();
    std::fs::set_permissions(
        dir.join("plan.json"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    std::os::unix::fs::symlink("plan.json", dir.join("link.json")).unwrap();
    let r = run_in(&dir, &[&PLAN[..], &["-o", "link.json"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::symlink_metadata(dir.join("link.json"))
        .unwrap()
        .file_type()
        .is_symlink());
    let meta = std::fs::metadata(dir.join("plan.json")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(std::fs::read_to_string(dir.join("plan.json"))
        .unwrap()
        .starts_with('{'));
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_output_is_never_one_of_the_inputs() {
    let dir = scratch("input-as-output");
    let log = "[[entry]]\ndate = \"2027-01-05\"\npain_during = 2\npain_next_morning = 0\ncompleted = true\n";
    std::fs::write(dir.join("pain.toml"), log).unwrap();
    for extra in [
        &["-o", "pain.toml"][..],
        &["--format", "json", "-o", "./pain.toml"],
    ] {
        let r = run_in(
            &dir,
            &[
                &[
                    "adjust",
                    "--cause",
                    "pfps",
                    "--start",
                    "2027-01-04",
                    "--log",
                    "pain.toml",
                ][..],
                extra,
            ]
            .concat(),
        );
        assert_eq!(r.code, 2, "{}", r.stderr);
        let shown = extra.last().unwrap();
        assert_eq!(
            r.stderr,
            format!("error: invalid value for -o: {shown} is the file given with --log; writing there would replace it\n  hint: write the output to another file\n")
        );
        assert_eq!(std::fs::read_to_string(dir.join("pain.toml")).unwrap(), log);
    }
    std::fs::write(dir.join("answers.toml"), "locking = false\n").unwrap();
    let r = run_in(
        &dir,
        &[
            &PLAN[..],
            &[
                "--answers",
                "answers.toml",
                "--no",
                "all",
                "--format",
                "json",
                "-o",
                "answers.toml",
            ],
        ]
        .concat(),
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("is the file given with --answers"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("answers.toml")).unwrap(),
        "locking = false\n"
    );
}

#[test]
fn a_fifo_or_a_device_among_the_programs_is_skipped_not_read() {
    let dir = scratch("fifo-in");
    let clinic = dir.join("clinic");
    std::fs::create_dir_all(&clinic).unwrap();
    mkfifo(&clinic.join("waiting.toml"));
    std::os::unix::fs::symlink("/dev/zero", clinic.join("zero.toml")).unwrap();
    std::fs::copy(repo().join("programs/pfps.toml"), clinic.join("pfps.toml")).unwrap();
    // Neither blocks nor reads forever: the run ends, with a warning for each.
    let r = run_in(&dir, &["validate", "clinic"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "warning: clinic/waiting.toml: skipped: it is a FIFO (named pipe), not a regular file\n\
         warning: clinic/zero.toml: skipped: it is a device, not a regular file\n"
    );
    assert!(r.stdout.starts_with("ok: 7 programs"), "{}", r.stdout);

    // Named on their own, they are refused with the reason.
    for (file, what) in [
        ("clinic/waiting.toml", "a FIFO (named pipe)"),
        ("clinic/zero.toml", "a device"),
    ] {
        let r = run_in(&dir, &["validate", file]);
        assert_eq!(r.code, 2);
        assert_eq!(
            r.stderr,
            format!("error: {file}: cannot read: it is {what}, not a regular file\n  hint: give the path of a text file\n1 problem found in the input files\n")
        );
    }
    let r = run_in(&dir, &[&PLAN[..], &["--log", "clinic/zero.toml"]].concat());
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("it is a device, not a regular file"),
        "{}",
        r.stderr
    );
}

#[test]
fn dates_come_from_source_date_epoch_or_the_clock() {
    let dir = scratch("dates");
    let ics = |env: &[(&str, &str)], unset: &[&str]| {
        let r = run_env(
            &dir,
            &[&PLAN[..], &["--format", "ics"]].concat(),
            env,
            unset,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
            .lines()
            .find(|l| l.starts_with("DTSTAMP:"))
            .unwrap()
            .to_string()
    };
    assert_eq!(ics(&[], &[]), "DTSTAMP:20260101T000000Z");
    let now = ics(&[], &["SOURCE_DATE_EPOCH"]);
    assert_ne!(now, "DTSTAMP:19700101T000000Z");
    let year: i32 = now["DTSTAMP:".len()..][..4].parse().unwrap();
    assert!(year >= 2025, "{now}");
    let r = run_env(
        &dir,
        &[&PLAN[..], &["--format", "ics"]].concat(),
        &[("SOURCE_DATE_EPOCH", "yesterday")],
        &[],
    );
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: invalid value for SOURCE_DATE_EPOCH: `yesterday` is not a time\n  hint: set it to seconds since 1970-01-01 UTC (e.g. `date +%s`), or unset it\n");
}
