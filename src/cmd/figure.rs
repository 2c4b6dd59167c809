//! `rehabplan figure ID -o x.svg`: one exercise's figure, as SVG or a one-page PDF, so a
//! therapist can preview a figure while editing its TOML (with `--programs DIR`).

use crate::cli::{FigureArgs, Global};
use crate::error::{Error, Result};

pub fn execute(global: &Global, args: &FigureArgs) -> Result<u8> {
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
    let pdf = args
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
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
