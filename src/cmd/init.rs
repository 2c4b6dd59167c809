//! `rehabplan init DIR [--cause X]`: an editable copy of the built-in files for a therapist.

use crate::cli::{Global, InitArgs};
use crate::error::{Error, Result};
use crate::load;
use std::path::PathBuf;

pub fn execute(global: &Global, args: &InitArgs) -> Result<u8> {
    let mut files: Vec<(PathBuf, &str)> = Vec::new();
    match &args.cause {
        Some(cause) => {
            let v = super::catalog(global)?;
            let p = super::find_program(&v, cause)?;
            let path = format!("programs/{}.toml", p.id);
            let text = load::builtin_file(&path).ok_or_else(|| {
                Error::usage(
                    "--cause",
                    format!("`{}` is not a built-in program", p.id),
                    "init copies built-in programs; your own files are already editable",
                )
            })?;
            files.push((PathBuf::from(format!("{}.toml", p.id)), text));
        }
        None => {
            for (path, text) in load::builtin_files() {
                let rel = path.strip_prefix("programs/").unwrap_or(path);
                files.push((PathBuf::from(rel), text));
            }
        }
    }
    // Refuse before writing anything if a file would be replaced.
    let existing: Vec<String> = files
        .iter()
        .map(|(p, _)| args.dir.join(p))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Write {
            path: existing[0].clone(),
            reason: format!(
                "it already exists{}; nothing was written (choose an empty folder, or move your files first)",
                if existing.len() > 1 { format!(" (and {} more)", existing.len() - 1) } else { String::new() }
            ),
        });
    }
    for (rel, text) in &files {
        let path = args.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::Write {
                path: parent.display().to_string(),
                reason: load::io_reason(&e),
            })?;
        }
        super::write_output(&path, text.as_bytes())?;
    }
    if global.quiet {
        return Ok(0);
    }
    eprintln!(
        "wrote {} file{} to {}",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        args.dir.display()
    );
    eprintln!("edit them, check them with `rehabplan validate {0}`, then plan with `rehabplan --programs {0} plan --cause ...`", args.dir.display());
    Ok(0)
}
