//! The command layer: one module per subcommand. This is the only layer that reads the clock,
//! reads files given on the command line and writes files.

mod batch;
mod causes;
mod exercises;
mod figure;
mod init;
mod lang;
mod log;
mod plan;
mod screen;
mod validate;
mod watch;

use crate::cli::{Cli, Command, Global};
use crate::error::{Error, Result};
use crate::load;
use crate::validate::Validated;
use std::path::Path;

/// Run one command; `Ok` carries the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Causes(a) => causes::execute(&cli.global, &a),
        Command::Exercises(a) => exercises::execute(&cli.global, &a),
        Command::Validate(a) => validate::execute(&cli.global, &a),
        Command::Figure(a) => figure::execute(&cli.global, &a),
        Command::Plan(a) => plan::execute(&cli.global, &a),
        Command::Watch(a) => watch::execute(&cli.global, &a),
        Command::Init(a) => init::execute(&cli.global, &a),
        Command::Screen(a) => screen::execute(&cli.global, &a),
        Command::Log(a) => log::execute(&cli.global, &a),
        Command::Batch(a) => batch::execute(&cli.global, &a),
        Command::Completions(a) => {
            write_stdout(&completion_script(a.shell)?)?;
            Ok(0)
        }
        Command::Man(a) => man(&cli.global, a.dir.as_deref()),
        Command::Adjust(a) => {
            if a.log.is_none() {
                return Err(Error::usage(
                    "--log",
                    "adjust needs the pain log",
                    "add --log FILE (made with `rehabplan log`)",
                ));
            }
            plan::execute(&cli.global, &a)
        }
        Command::Schema(a) => {
            let s = match a.kind {
                crate::cli::SchemaKind::Program => crate::schema::schema("program"),
                crate::cli::SchemaKind::Exercises => crate::schema::schema("exercises"),
                crate::cli::SchemaKind::Template => crate::schema::schema("template"),
                crate::cli::SchemaKind::Translation => crate::schema::schema("translation"),
                crate::cli::SchemaKind::Plan => Some(crate::render::json::schema()),
            }
            .expect("every kind has a schema");
            write_stdout(
                format!("{}\n", serde_json::to_string_pretty(&s).expect("JSON")).as_bytes(),
            )?;
            Ok(0)
        }
    }
}

/// The shell's completion script. It calls `rehabplan` back with `COMPLETE=<shell>` for each
/// completion, so causes, days, templates and the like come from the real values
/// (`crate::complete`); the same as `COMPLETE=bash rehabplan` prints.
fn completion_script(shell: clap_complete::Shell) -> Result<Vec<u8>> {
    use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Elvish => &Elvish,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::PowerShell => &Powershell,
        clap_complete::Shell::Zsh => &Zsh,
        other => {
            return Err(Error::usage(
                "SHELL",
                format!("no completion for {other}"),
                "use bash, zsh, fish, elvish or powershell",
            ))
        }
    };
    let mut out = Vec::new();
    completer
        .write_registration("COMPLETE", "rehabplan", "rehabplan", "rehabplan", &mut out)
        .map_err(|e| Error::Render(e.to_string()))?;
    Ok(out)
}

/// `rehabplan man`: the main page on standard output, or with `--dir` every page
/// (`rehabplan.1`, `rehabplan-plan.1`, ...), the ones the main page refers to.
fn man(global: &Global, dir: Option<&Path>) -> Result<u8> {
    use clap::CommandFactory;
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = dir else {
        write_stdout(&man_page(&cmd)?)?;
        return Ok(0);
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.display().to_string(),
        reason: load::io_reason(&e),
    })?;
    let mut pages = vec![cmd.clone()];
    pages.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    for page in &pages {
        let name = page.get_display_name().unwrap_or(page.get_name());
        write_output(&dir.join(format!("{name}.1")), &man_page(page)?)?;
    }
    if !global.quiet {
        eprintln!("wrote {} manual pages to {}", pages.len(), dir.display());
    }
    Ok(0)
}

/// One manual page. The examples after `--help` keep their lines (no filling).
fn man_page(cmd: &clap::Command) -> Result<Vec<u8>> {
    let after = cmd.get_after_help().map(|a| a.to_string());
    let man = clap_mangen::Man::new(cmd.clone().after_help(clap::builder::Resettable::Reset));
    let mut page = Vec::new();
    man.render(&mut page)
        .map_err(|e| Error::Render(e.to_string()))?;
    let Some(after) = after else {
        return Ok(page);
    };
    let mut examples = String::from(".SH EXAMPLES\n");
    let mut literal = false;
    for line in after.lines().filter(|l| *l != "Examples:") {
        let example = line.starts_with("  ");
        if example != literal {
            examples.push_str(if example { ".PP\n.nf\n" } else { ".fi\n" });
            literal = example;
        }
        if line.is_empty() {
            examples.push_str(".PP\n");
        } else {
            examples.push_str(&roff_line(line.strip_prefix("  ").unwrap_or(line)));
            examples.push('\n');
        }
    }
    if literal {
        examples.push_str(".fi\n");
    }
    // Before the version section, where clap_mangen puts the text after --help.
    let text = String::from_utf8_lossy(&page).into_owned();
    let at = text.find(".SH VERSION").unwrap_or(text.len());
    Ok(format!("{}{examples}{}", &text[..at], &text[at..]).into_bytes())
}

/// A line of text for roff: backslashes and hyphens escaped, no control character first.
fn roff_line(line: &str) -> String {
    let escaped = line.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// The colour setting for clap (help, usage errors) from `--color` among `args` and
/// NO_COLOR: the flag wins; `auto` means colour on a terminal unless NO_COLOR is set.
pub fn color_choice(args: impl IntoIterator<Item = std::ffi::OsString>) -> clap::ColorChoice {
    let mut args = args.into_iter().map(|a| a.to_string_lossy().into_owned());
    let mut chosen = None;
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--color" {
            args.next()
        } else {
            a.strip_prefix("--color=").map(str::to_string)
        };
        if let Some(v) = value {
            chosen = Some(v);
        }
    }
    match chosen.as_deref() {
        Some("always") => clap::ColorChoice::Always,
        Some("never") => clap::ColorChoice::Never,
        _ if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => {
            clap::ColorChoice::Never
        }
        _ => clap::ColorChoice::Auto,
    }
}

/// Whether our own messages on standard error are coloured.
pub fn stderr_color(choice: clap::ColorChoice) -> bool {
    use std::io::IsTerminal;
    match choice {
        clap::ColorChoice::Always => true,
        clap::ColorChoice::Never => false,
        clap::ColorChoice::Auto => std::io::stderr().is_terminal(),
    }
}

/// Whether our own messages on standard error are coloured, as `main` decided from `--color`
/// and NO_COLOR (for the warnings printed while a command runs).
static STDERR_COLOR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Set once by `main`, before the command runs.
pub fn set_stderr_color(on: bool) {
    STDERR_COLOR.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// An error's full text for standard error; each problem in a file shows its source line
/// with a caret under the problem ([`render_diagnostics`]). Here rather than on `Error`, so
/// that the error type does not reach up into the commands that read files.
pub fn report(e: &Error, color: bool) -> String {
    match e {
        Error::Invalid(diags) => {
            let mut s = render_diagnostics(diags, crate::diag::Severity::Error, color);
            s.push_str(&format!("{e}\n"));
            s
        }
        Error::Usage { hint, .. } | Error::Missing { hint, .. } if !hint.is_empty() => {
            format!("error: {e}\n  hint: {hint}\n")
        }
        Error::RedFlag(text) => format!("{text}\n"),
        _ => format!("error: {e}\n"),
    }
}

/// Diagnostics as printed: each with its source line and a caret under the problem when its
/// file can still be read (never for the built-in files, which the user cannot edit in place).
pub fn render_diagnostics(
    diags: &[crate::diag::Diagnostic],
    severity: crate::diag::Severity,
    color: bool,
) -> String {
    let mut texts: std::collections::HashMap<&str, Option<String>> = Default::default();
    let mut out = String::new();
    for d in diags {
        let text = match d.line {
            0 => None,
            _ => texts
                .entry(d.file.as_str())
                .or_insert_with(|| {
                    (!d.file.starts_with("builtin:"))
                        .then(|| load::read_text(std::path::Path::new(&d.file)).ok())
                        .flatten()
                })
                .as_deref(),
        };
        out.push_str(&crate::diag::render(d, severity, text, color));
    }
    out
}

/// Print warnings (diagnostics that do not stop the command) to standard error.
pub fn print_warnings(warnings: &[crate::diag::Diagnostic]) {
    if warnings.is_empty() {
        return;
    }
    let color = STDERR_COLOR.load(std::sync::atomic::Ordering::Relaxed);
    eprint!(
        "{}",
        render_diagnostics(warnings, crate::diag::Severity::Warning, color)
    );
}

/// An error report with `error:` in bold red and `hint:` in bold.
pub fn paint_report(report: &str) -> String {
    let mut out = String::with_capacity(report.len() + 32);
    for line in report.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("error:") {
            out.push_str("\x1b[1;31merror:\x1b[0m");
            out.push_str(rest);
        } else if let Some(rest) = line.strip_prefix("  hint:") {
            out.push_str("  \x1b[1mhint:\x1b[0m");
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Load and validate the built-ins plus the user's folder and paths.
pub fn load_and_validate(global: &Global, extra: &[std::path::PathBuf]) -> Validated {
    validate_loaded(load_files(global, extra))
}

/// Read and parse the built-ins plus the user's folder and paths (skipped files are warned
/// about here).
pub fn load_files(global: &Global, extra: &[std::path::PathBuf]) -> load::Loaded {
    let mut diags = Vec::new();
    let mut sources = load::builtin_sources();
    let mut paths: Vec<std::path::PathBuf> = Vec::new();
    // The same folder named twice (--programs and a path) is read once.
    for p in global.programs.iter().chain(extra) {
        let key = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        if !paths
            .iter()
            .any(|q| std::fs::canonicalize(q).unwrap_or_else(|_| q.clone()) == key)
        {
            paths.push(p.clone());
        }
    }
    let mut skipped = Vec::new();
    sources.extend(load::read_user_paths(&paths, &mut diags, &mut skipped));
    for s in skipped {
        eprintln!("warning: {s}");
    }
    let mut loaded = load::parse_all(sources);
    loaded.diagnostics.extend(diags);
    loaded
}

/// Validate loaded files; the warnings are printed here.
pub fn validate_loaded(loaded: load::Loaded) -> Validated {
    let v = crate::validate::validate(loaded);
    print_warnings(&v.warnings);
    v
}

/// The checked catalogue, or every problem found.
pub fn catalog(global: &Global) -> Result<Validated> {
    let v = load_and_validate(global, &[]);
    if v.diagnostics.is_empty() {
        Ok(v)
    } else {
        Err(Error::Invalid(v.diagnostics))
    }
}

/// A whole number given to `flag` (negative ones too, so that the range check can name them);
/// `hint` says which numbers are allowed.
pub fn whole_number(flag: &str, s: &str, hint: &str) -> Result<i64> {
    let t = s.trim();
    t.parse::<i64>().map_err(|_| {
        let digits = t.strip_prefix('-').unwrap_or(t);
        let message = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            format!("{t} is out of range")
        } else {
            format!("`{s}` is not a whole number")
        };
        Error::usage(flag, message, hint)
    })
}

/// The terminal's width in columns when standard output is one, else 80.
pub fn terminal_width() -> usize {
    terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .filter(|w| *w >= 20)
        .unwrap_or(80)
}

/// A date, or `today`.
pub fn parse_date_or_today(
    s: &str,
    flag: &str,
    today: chrono::NaiveDate,
) -> Result<chrono::NaiveDate> {
    if s.trim().eq_ignore_ascii_case("today") {
        Ok(today)
    } else {
        parse_date(s, flag)
    }
}

/// A date written YYYY-MM-DD.
pub fn parse_date(s: &str, flag: &str) -> Result<chrono::NaiveDate> {
    let d = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::usage(
            flag,
            format!("`{s}` is not a date"),
            "write the date as YYYY-MM-DD, e.g. 2026-12-28, or today",
        )
    })?;
    if !(1900..=2200).contains(&chrono::Datelike::year(&d)) {
        return Err(Error::usage(
            flag,
            format!("{d} is outside the years 1900 to 2200"),
            "check the year",
        ));
    }
    Ok(d)
}

/// Today's date: the one place that reads the clock. `REHABPLAN_TODAY=YYYY-MM-DD` fixes it
/// (for tests and for reproducing a plan made on another day).
pub fn today() -> chrono::NaiveDate {
    std::env::var("REHABPLAN_TODAY")
        .ok()
        .and_then(|s| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The print template: a built-in name, a template the user's folder defines, or a file path.
pub fn template(v: &Validated, name: Option<&str>) -> Result<crate::template::Template> {
    template_in(&v.templates, name.unwrap_or("en"))
}

/// The print template `name` among the loaded `templates`, the built-ins or a file path.
pub fn template_in(
    templates: &[(load::Source, crate::template::Template)],
    name: &str,
) -> Result<crate::template::Template> {
    if let Some((_, t)) = templates.iter().rev().find(|(_, t)| t.name == name) {
        return Ok(t.clone());
    }
    if let Some(t) = crate::validate::template::builtin(name) {
        return Ok(t);
    }
    let path = std::path::Path::new(name);
    if name.ends_with(".toml") || path.exists() {
        let text = load::read_text(path).map_err(|d| Error::Invalid(vec![d]))?;
        let dir = path.parent().map(|p| {
            if p.as_os_str().is_empty() {
                std::path::PathBuf::from(".")
            } else {
                p.to_path_buf()
            }
        });
        return crate::validate::template::parse(
            &text,
            &path.display().to_string(),
            dir.as_deref(),
        )
        .map_err(Error::Invalid);
    }
    let mut names: Vec<&str> = crate::template::builtin_names().to_vec();
    for (_, t) in templates {
        if !names.contains(&t.name.as_str()) {
            names.push(&t.name);
        }
    }
    Err(Error::usage(
        "--template",
        format!("unknown template `{name}`"),
        crate::diag::suggest(
            name,
            names.iter().copied(),
            &format!(
                "use one of: {} or the path of a .toml file",
                names.join(", ")
            ),
        ),
    ))
}

/// Write a command's output to `path`, never harming what is there:
/// - `-` and `/dev/stdout` are standard output (any format, the PDF too);
/// - a regular file (or a new one) is written atomically: a temporary file in the same folder,
///   then a rename, so a file already at `path` is replaced whole or left as it was, and keeps
///   its permissions; a symbolic link to a regular file stays a link, its target is replaced;
/// - anything else (a device such as `/dev/null`, a FIFO, a terminal) is written into directly,
///   never replaced.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.as_os_str() == "-" || path == Path::new("/dev/stdout") {
        return write_stdout(bytes);
    }
    let shown = path.display().to_string();
    let fail = |e: std::io::Error| Error::Write {
        path: shown.clone(),
        reason: load::io_reason(&e),
    };
    let folder = || Error::Write {
        path: shown.clone(),
        reason: "it is a folder; give a file name".into(),
    };
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => write_atomic(path, bytes, None),
        Err(e) => Err(fail(e)),
        Ok(m) if m.is_dir() => Err(folder()),
        Ok(m) if m.is_file() => write_atomic(path, bytes, Some(m.permissions())),
        Ok(m) if m.file_type().is_symlink() => match std::fs::metadata(path) {
            Ok(t) if t.is_dir() => Err(folder()),
            // /dev/stderr, /dev/fd/N, /proc/self/fd/N: the file behind a descriptor is the
            // caller's to manage (it may be open for appending); write through the link.
            Ok(t) if t.is_file() && !under_dev_or_proc(path) => {
                let target = std::fs::canonicalize(path).map_err(fail)?;
                write_atomic(&target, bytes, Some(t.permissions())).map_err(|e| match e {
                    Error::Write { reason, .. } => Error::Write {
                        path: shown.clone(),
                        reason,
                    },
                    other => other,
                })
            }
            Ok(_) => write_direct(path, bytes, false).map_err(fail),
            // A link to nothing: the file it names is created.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                write_direct(path, bytes, true).map_err(fail)
            }
            Err(e) => Err(fail(e)),
        },
        // A device, FIFO or socket: written into, never replaced.
        Ok(_) => write_direct(path, bytes, false).map_err(fail),
    }
}

fn under_dev_or_proc(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

fn write_direct(path: &Path, bytes: &[u8], create: bool) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(create)
        .truncate(create)
        .open(path)?;
    f.write_all(bytes)?;
    f.flush()
}

/// A temporary file in the same folder, then a rename over `path`.
fn write_atomic(path: &Path, bytes: &[u8], keep: Option<std::fs::Permissions>) -> Result<()> {
    use std::io::Write;
    let shown = path.display().to_string();
    let fail = |e: std::io::Error| Error::Write {
        path: shown.clone(),
        reason: load::io_reason(&e),
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::Write {
            path: shown,
            reason: format!("the folder {} does not exist", dir.display()),
        });
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    // A fresh name: never write through something already there (a stale file, a link).
    let (tmp, mut f) = (0..100)
        .find_map(|i| {
            let tmp = dir.join(format!(".{file_name}.{}.{i}.tmp", std::process::id()));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
            {
                Ok(f) => Some(Ok((tmp, f))),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
                Err(e) => Some(Err(e)),
            }
        })
        .unwrap_or_else(|| {
            Err(std::io::Error::other(
                "cannot make a temporary file next to it",
            ))
        })
        .map_err(fail)?;
    let result = (|| {
        f.write_all(bytes)?;
        if let Some(p) = keep {
            f.set_permissions(p)?;
        }
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}

/// Refuse to write the output over one of the command's inputs (`adjust --log pain.toml -o
/// pain.toml` would replace the patient's pain log with the plan). `inputs` are (flag, path).
pub fn refuse_input_as_output(output: &Path, inputs: &[(&str, &Path)]) -> Result<()> {
    if output.as_os_str() == "-" {
        return Ok(());
    }
    for (flag, input) in inputs {
        if same_file(output, input) {
            return Err(Error::usage(
                "-o",
                format!(
                    "{} is the file given with {flag}; writing there would replace it",
                    output.display()
                ),
                "write the output to another file",
            ));
        }
    }
    Ok(())
}

/// Whether two paths name the same existing file (through links, `..` and hard links too).
#[cfg(unix)]
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// Whether two paths name the same existing file (through links and `..` too).
#[cfg(not(unix))]
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// `{"format_version": 1, "<key>": value}`, pretty, with a final newline.
pub fn json_doc(key: &str, value: &impl serde::Serialize) -> String {
    let mut doc = serde_json::Map::new();
    doc.insert(
        "format_version".into(),
        crate::render::json::FORMAT_VERSION.into(),
    );
    doc.insert(
        key.into(),
        serde_json::to_value(value).expect("plain data serializes"),
    );
    let mut out = serde_json::to_string_pretty(&doc).expect("plain data serializes");
    out.push('\n');
    out
}

/// Write to standard output; a closed pipe (`| head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Write {
            path: "standard output".into(),
            reason: e.to_string(),
        }),
    }
}

/// A program by id or alias, or a usage error naming --cause with a suggestion.
pub fn find_program<'a>(v: &'a Validated, name: &str) -> Result<&'a crate::model::Program> {
    v.catalog.find_program(name).ok_or_else(|| {
        let mut names: Vec<&str> = Vec::new();
        for p in v.catalog.programs.values() {
            names.push(&p.id);
            names.extend(p.aliases.iter().map(String::as_str));
        }
        let ids: Vec<&str> = v.catalog.programs.keys().map(String::as_str).collect();
        Error::usage(
            "--cause",
            format!("unknown cause `{name}`"),
            crate::diag::suggest(
                name,
                names,
                &format!("use one of: {} (see `rehabplan causes`)", ids.join(", ")),
            ),
        )
    })
}

/// The creation time of an output (ICS DTSTAMP, the PDF's dates), in unix seconds:
/// SOURCE_DATE_EPOCH when it is set, for reproducible bytes, else the clock.
pub fn created() -> Result<i64> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) if !s.trim().is_empty() => s
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|t| (0..=253_402_300_799).contains(t))
            .ok_or_else(|| {
                Error::usage(
                    "SOURCE_DATE_EPOCH",
                    format!("`{s}` is not a time"),
                    "set it to seconds since 1970-01-01 UTC (e.g. `date +%s`), or unset it",
                )
            }),
        _ => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)),
    }
}
