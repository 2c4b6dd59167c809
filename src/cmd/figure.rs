//! `rehabplan figure ID -o x.svg`: one exercise's figure, as SVG or a one-page PDF, so a
//! therapist can preview a figure while editing its TOML (with `--programs DIR`).

use crate::cli::{FigureArgs, Global};
use crate::error::{Error, Result};

pub fn execute(global: &Global, args: &FigureArgs) -> Result<u8> {
    // The format comes from the file name: refuse one we cannot write before any work.
    let ext = args
        .output
        .as_ref()
        .filter(|p| p.as_os_str() != "-")
        .map(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase()
        });
    if let Some(e) = ext.as_deref().filter(|e| *e != "svg" && *e != "pdf") {
        let path = args.output.as_ref().map(|p| p.display().to_string());
        return Err(Error::usage(
            "--output",
            format!(
                "`{}`: figures are drawn as SVG or PDF, not {}",
                path.unwrap_or_default(),
                if e.is_empty() {
                    "a file without an extension".to_string()
                } else {
                    format!(".{e}")
                }
            ),
            "give a file name ending in .svg (opens in a browser) or .pdf",
        ));
    }
    let v = super::catalog(global)?;
    let ex = v.catalog.library.get(&args.id).ok_or_else(|| {
        Error::usage(
            "ID",
            format!("unknown exercise id `{}`", args.id),
            crate::diag::suggest(
                &args.id,
                v.catalog.library.exercises.keys().map(String::as_str),
                "run `rehabplan exercises` to see the ids",
            ),
        )
    })?;
    let Some(fig) = &ex.figure else {
        return Err(Error::usage(
            "ID",
            format!("exercise `{}` has no figure", ex.id),
            "add an [exercise.figure] table to it (docs/figures.md)",
        ));
    };
    let t = super::template(&v, args.template.as_deref())?;
    let accent = [t.style.accent.r, t.style.accent.g, t.style.accent.b];
    let drawing = crate::figure::draw(fig);
    let pdf = ext.as_deref() == Some("pdf");
    let bytes = if pdf {
        crate::figure::pdf::pdf(&drawing, accent)
    } else {
        crate::figure::svg(&drawing, accent).into_bytes()
    };
    match &args.output {
        Some(path) => super::write_output(path, &bytes)?,
        None => super::write_stdout(&bytes)?,
    }
    Ok(0)
}
