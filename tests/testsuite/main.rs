//! The one integration-test binary: runs the real `rehabplan` executable the way a user does
//! and checks what the user sees (stdout, stderr, exit code, files written).
//!
//! See README.md in this folder for how to add a test.

mod batch;
mod checks;
mod cli;
mod figure;
mod files;
mod i18n;
mod ics;
mod json;
mod pdf;
mod plan;
mod robustness;
mod safety;
mod snapshots;
mod tutorial;
mod validate;

use std::path::{Path, PathBuf};
use std::process::Command;

/// What a run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// "Today" for every test run, so that `--week current` and the default start are fixed.
pub const TODAY: &str = "2026-11-23";

/// Run `rehabplan` with `args` in `dir` (default: a fresh temporary folder).
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_env(dir, args, &[], &[])
}

/// `run_in` with more environment variables set (`set`) or removed (`unset`).
pub fn run_env(dir: &Path, args: &[&str], set: &[(&str, &str)], unset: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rehabplan"));
    cmd.args(args)
        .current_dir(dir)
        .env("REHABPLAN_TODAY", TODAY)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .env("NO_COLOR", "1")
        .env_remove("REHABPLAN_PROGRAMS")
        .env_remove("COMPLETE")
        .stdin(std::process::Stdio::null());
    for (k, v) in set {
        cmd.env(k, v);
    }
    for k in unset {
        cmd.env_remove(k);
    }
    let out = cmd.output().expect("the rehabplan binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run(args: &[&str]) -> Run {
    run_in(&repo(), args)
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// A fresh empty folder under the target dir, named for the test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Parse stdout as JSON.
pub fn json(r: &Run) -> serde_json::Value {
    assert_eq!(r.code, 0, "exit code; stderr: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout))
}

/// The built-in cause ids.
pub const CAUSES: [&str; 7] = [
    "adductor-strain",
    "hamstring-strain",
    "itbs",
    "knee-oa",
    "meniscus",
    "pes-anserine",
    "pfps",
];

/// Run a shell command line in a pseudo-terminal (`script` from util-linux), as a user at a
/// terminal would, with `rehabplan` on the PATH; the terminal's output (stdout and stderr
/// together). None, with a notice, where `script` is missing.
pub fn run_in_terminal(dir: &Path, command: &str) -> Option<String> {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_rehabplan")).parent().unwrap();
    let out = Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .current_dir(dir)
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin_dir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("REHABPLAN_TODAY", TODAY)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .env_remove("REHABPLAN_PROGRAMS")
        .stdin(std::process::Stdio::null())
        .output();
    match out {
        Ok(out) => Some(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")),
        Err(_) => {
            eprintln!("notice: `script` (util-linux) is not installed; skipping a terminal check");
            None
        }
    }
}

/// A `rehabplan watch` run in `dir`, its standard error collected as it comes (the tests read
/// what the therapist sees in the terminal).
#[cfg(unix)]
pub struct Watching {
    child: std::process::Child,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
    reader: std::thread::JoinHandle<()>,
}

#[cfg(unix)]
impl Watching {
    pub fn start(dir: &Path, args: &[&str]) -> Watching {
        use std::io::Read;
        use std::process::Stdio;
        let mut child = Command::new(env!("CARGO_BIN_EXE_rehabplan"))
            .args(args)
            .current_dir(dir)
            .env("REHABPLAN_TODAY", TODAY)
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .env("NO_COLOR", "1")
            .env_remove("REHABPLAN_PROGRAMS")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = std::sync::Arc::clone(&stderr);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Watching {
            child,
            stderr,
            reader,
        }
    }

    /// Everything it has printed to standard error so far.
    pub fn err(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits (at most 90 s) until standard error contains `what`; whether it did.
    pub fn wait_for(&self, what: &str) -> bool {
        poll(|| self.err().contains(what))
    }

    /// Ctrl-C: waits (at most 90 s) for it to exit; its exit status and all it printed.
    pub fn stop(mut self) -> (std::process::ExitStatus, String) {
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGINT);
        }
        let mut status = None;
        assert!(
            poll(|| {
                status = self.child.try_wait().unwrap();
                status.is_some()
            }),
            "watch did not stop"
        );
        self.reader.join().unwrap();
        let err = self.stderr.lock().unwrap().clone();
        (status.unwrap(), err)
    }
}

/// Polls `check` every 50 ms until it holds, for at most 90 s; whether it held.
pub fn poll(mut check: impl FnMut() -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(90) {
        if check() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    check()
}
