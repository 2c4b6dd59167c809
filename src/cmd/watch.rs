//! `rehabplan watch`: a live preview while editing, like `typst watch`. It makes the plan once,
//! then again after every save of a file in the `--programs` folder (and of a `--template`
//! file). A run that fails prints its errors and writes nothing: the output is only ever
//! replaced whole by `write_output`, so the last good PDF stays. Ctrl-C (SIGINT) stops it with
//! exit code 0.
//!
//! File events come from `notify` (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW
//! on Windows); the burst of events one save makes (write, rename, chmod) is gathered for a
//! short quiet time and answered with one run.

use crate::cli::{Global, PlanArgs};
use crate::error::{Error, Result};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// Set by the SIGINT handler; the loop checks it between events.
static STOP: AtomicBool = AtomicBool::new(false);

/// How long the files must be quiet after an event before the plan is made again.
const QUIET: Duration = Duration::from_millis(150);

#[cfg(unix)]
extern "C" fn on_sigint(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

fn catch_ctrl_c() {
    #[cfg(unix)]
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(
            libc::SIGINT,
            on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t,
        );
    }
}

pub fn execute(global: &Global, args: &PlanArgs) -> Result<u8> {
    let Some(dir) = global.programs.clone() else {
        return Err(Error::usage(
            "--programs",
            "watch needs the folder to watch",
            "add --programs DIR, the folder of your program, exercise and template files",
        ));
    };
    if !dir.is_dir() {
        return Err(Error::usage(
            "--programs",
            format!("{} is not a folder", dir.display()),
            "give the folder of your program, exercise and template files",
        ));
    }
    let Some(output) = args.output.clone().filter(|o| o.as_os_str() != "-") else {
        return Err(Error::usage(
            "-o",
            "watch needs a file to write",
            "add -o plan.pdf (or .txt, .json, .ics)",
        ));
    };
    catch_ctrl_c();
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(e) = event {
            if !matches!(e.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(e.paths);
            }
        }
    })
    .map_err(|e| watch_error(&dir, e))?;
    use notify::Watcher;
    watcher
        .watch(&dir, notify::RecursiveMode::Recursive)
        .map_err(|e| watch_error(&dir, e))?;
    let template_file = args
        .template
        .as_ref()
        .map(PathBuf::from)
        .filter(|p| p.is_file());
    if let Some(t) = &template_file {
        watcher
            .watch(t, notify::RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(t, e))?;
    }
    if !global.quiet {
        eprintln!(
            "watching {} for changes; {} is rewritten after each save (Ctrl-C stops)",
            dir.display(),
            output.display()
        );
    }
    build(global, args);
    while !STOP.load(Ordering::SeqCst) {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(paths) => {
                if !relevant(&paths, &output) {
                    continue;
                }
                // One save is several events: wait until the files are quiet.
                while let Ok(more) = rx.recv_timeout(QUIET) {
                    let _ = more;
                }
                if STOP.load(Ordering::SeqCst) {
                    break;
                }
                build(global, args);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    if !global.quiet {
        eprintln!("stopped watching");
    }
    Ok(0)
}

/// Whether an event concerns an input: a `.toml` file or a folder, not our own output or an
/// editor's backup and swap files.
fn relevant(paths: &[PathBuf], output: &std::path::Path) -> bool {
    paths.iter().any(|p| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        p.as_path() != output
            && !name.starts_with('.')
            && !name.ends_with('~')
            && (p.extension().is_some_and(|e| e == "toml") || p.extension().is_none())
    })
}

/// One run of the plan; a failure is printed and leaves the output as it was.
fn build(global: &Global, args: &PlanArgs) {
    if let Err(e) = super::plan::execute(global, args) {
        eprint!("{}", super::report(&e, false));
        if !global.quiet {
            eprintln!("not written: fix the problem above and save again");
        }
    }
}

fn watch_error(path: &std::path::Path, e: notify::Error) -> Error {
    Error::Write {
        path: path.display().to_string(),
        reason: format!("cannot watch it for changes: {e}"),
    }
}
