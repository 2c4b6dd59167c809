//! `rehabplan exercises`: the exercise library.

use crate::cli::{ExercisesArgs, Global, ListFormat};
use crate::error::{Error, Result};
use crate::model::Category;

pub fn execute(global: &Global, args: &ExercisesArgs) -> Result<u8> {
    let category = match &args.category {
        None => None,
        Some(c) => Some(Category::parse(&c.to_lowercase()).ok_or_else(|| {
            let names: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
            Error::usage(
                "--category",
                format!("unknown category `{c}`"),
                crate::diag::suggest(
                    c,
                    names.iter().copied(),
                    &format!("use one of: {}", names.join(", ")),
                ),
            )
        })?),
    };
    // With a template (the gallery's), the exercises are in its language.
    let prepared = super::lang::prepare(global, args.template.as_deref(), None)?;
    let v = &prepared.v;
    let list: Vec<&crate::model::Exercise> = v
        .catalog
        .library
        .exercises
        .values()
        .filter(|e| category.is_none_or(|c| e.category == c))
        .collect();
    if args.gallery {
        let Some(out) = &args.output else {
            return Err(Error::usage(
                "--gallery",
                "the gallery is a PDF and needs a file".to_string(),
                "add -o gallery.pdf".to_string(),
            ));
        };
        let t = &prepared.template;
        let options = crate::render::pdf::PdfOptions {
            paper: None,
            created: super::created()?,
        };
        let title = format!("rehabplan: {} exercises", list.len());
        let bytes = crate::render::pdf::gallery(&list, &title, t, &options)
            .map_err(|e| Error::Render(e.to_string()))?;
        super::write_output(out, &bytes)?;
        eprintln!("wrote {} ({} exercises)", out.display(), list.len());
        return Ok(0);
    }
    match args.format {
        ListFormat::Json => super::write_stdout(super::json_doc("exercises", &list).as_bytes())?,
        ListFormat::Text => {
            let width = list.iter().map(|e| e.id.len()).max().unwrap_or(0);
            let mut out = String::new();
            for e in &list {
                let eq = if e.equipment.is_empty() {
                    "no equipment".to_string()
                } else {
                    e.equipment.join(", ")
                };
                out.push_str(&format!(
                    "{:width$}  {:11}  {:8}  {}  ({}, {}{})\n",
                    e.id,
                    e.category.as_str(),
                    e.position.as_str(),
                    e.name,
                    eq,
                    e.dose.as_str(),
                    if e.per_side { ", each side" } else { "" },
                ));
            }
            out.push_str(&format!("{} exercises\n", list.len()));
            // A table, one exercise a line (for grep): not wrapped.
            super::write_stdout(out.as_bytes())?;
        }
    }
    Ok(0)
}
