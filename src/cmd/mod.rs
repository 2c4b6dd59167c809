//! The command layer: one module per subcommand. This is the only layer that reads the clock,
//! reads files given on the command line and writes files.

mod batch;
mod causes;
mod exercises;
mod figure;
mod init;
mod log;
mod plan;
mod screen;
mod validate;

use crate::cli::{Cli, Command, Global};
use crate::error::{Error, Result};
use crate::load;
use crate::validate::Validated;

/// Run one command; `Ok` carries the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Causes(a) => causes::execute(&cli.global, &a),
        Command::Exercises(a) => exercises::execute(&cli.global, &a),
        Command::Validate(a) => validate::execute(&cli.global, &a),
        Command::Figure(a) => figure::execute(&cli.global, &a),
        Command::Plan(a) => plan::execute(&cli.global, &a),
        Command::Init(a) => init::execute(&cli.global, &a),
        Command::Screen(a) => screen::execute(&cli.global, &a),
        Command::Log(a) => log::execute(&a),
        Command::Batch(a) => batch::execute(&cli.global, &a),
        Command::Completions(a) => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_complete::generate(a.shell, &mut Cli::command(), "rehabplan", &mut out);
            write_stdout(&out)?;
            Ok(0)
        }
        Command::Man => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| Error::Render(e.to_string()))?;
            write_stdout(&out)?;
            Ok(0)
        }
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
            let kind = match a.kind {
                crate::cli::SchemaKind::Program => "program",
                crate::cli::SchemaKind::Exercises => "exercises",
                crate::cli::SchemaKind::Template => "template",
            };
            let s = crate::schema::schema(kind).expect("every kind has a schema");
            write_stdout(
                format!("{}\n", serde_json::to_string_pretty(&s).expect("JSON")).as_bytes(),
            )?;
            Ok(0)
        }
    }
}

/// Load and validate the built-ins plus the user's folder and paths.
pub fn load_and_validate(global: &Global, extra: &[std::path::PathBuf]) -> Validated {
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
    sources.extend(load::read_user_paths(&paths, &mut diags));
    let mut loaded = load::parse_all(sources);
    loaded.diagnostics.extend(diags);
    crate::validate::validate(loaded)
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
    let name = name.unwrap_or("en");
    if let Some((_, t)) = v.templates.iter().rev().find(|(_, t)| t.name == name) {
        return Ok(t.clone());
    }
    if let Some(t) = crate::template::builtin(name) {
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
        return crate::template::parse(&text, &path.display().to_string(), dir.as_deref())
            .map_err(Error::Invalid);
    }
    let mut names: Vec<&str> = crate::template::builtin_names().to_vec();
    names.extend(v.templates.iter().map(|(_, t)| t.name.as_str()));
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

/// Render a plan as PDF bytes, with SOURCE_DATE_EPOCH as the creation date when set.
pub fn render_pdf(
    plan: &crate::plan::types::Plan,
    template: &crate::template::Template,
    paper: Option<crate::cli::PaperArg>,
) -> Result<Vec<u8>> {
    render_pdf_with(plan, template, paper, source_date_epoch())
}

pub fn render_pdf_with(
    plan: &crate::plan::types::Plan,
    template: &crate::template::Template,
    paper: Option<crate::cli::PaperArg>,
    created: i64,
) -> Result<Vec<u8>> {
    use crate::template::Paper;
    let options = crate::render::pdf::PdfOptions {
        paper: paper.map(|p| match p {
            crate::cli::PaperArg::A4 => Paper::A4,
            crate::cli::PaperArg::Letter => Paper::Letter,
        }),
        created,
    };
    crate::render::pdf::render(plan, template, &options).map_err(|e| Error::Render(e.to_string()))
}

/// Write a file atomically: a temporary file in the same folder, then a rename, so that a file
/// already at `path` is replaced whole or left as it was.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let shown = path.display().to_string();
    let fail = |e: std::io::Error| Error::Write {
        path: shown.clone(),
        reason: load::io_reason(&e),
    };
    if path.is_dir() {
        return Err(Error::Write {
            path: shown,
            reason: "it is a folder; give a file name".into(),
        });
    }
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
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
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

/// SOURCE_DATE_EPOCH (unix seconds) for reproducible output dates; 0 when unset or invalid.
pub fn source_date_epoch() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}
