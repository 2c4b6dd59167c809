//! `rehabplan causes`: the programs one can plan for.

use crate::cli::{Global, ListArgs, ListFormat};
use crate::error::Result;
use serde::Serialize;

#[derive(Serialize)]
struct CauseRow<'a> {
    id: &'a str,
    aliases: &'a [String],
    title: &'a str,
    weeks: u32,
    summary: &'a str,
    evidence: crate::model::Evidence,
}

pub fn execute(global: &Global, args: &ListArgs) -> Result<u8> {
    let v = super::catalog(global)?;
    let rows: Vec<CauseRow> = v
        .catalog
        .programs
        .values()
        .map(|p| CauseRow {
            id: &p.id,
            aliases: &p.aliases,
            title: &p.title,
            weeks: p.weeks(),
            summary: &p.summary,
            evidence: p.evidence,
        })
        .collect();
    match args.format {
        ListFormat::Json => super::write_stdout(super::json_doc("causes", &rows).as_bytes())?,
        ListFormat::Text => {
            let mut out = String::new();
            for r in &rows {
                out.push_str(&format!("{}  ({} weeks)  {}\n", r.id, r.weeks, r.title));
                if !r.aliases.is_empty() {
                    out.push_str(&format!("    also: {}\n", r.aliases.join(", ")));
                }
                out.push_str(&format!("    {}\n", r.summary));
            }
            out.push_str("\nUse an id or alias with `rehabplan plan --cause ID`. Not medical advice: see a doctor for swelling, locking, giving way, fever or night pain.\n");
            let out = crate::render::text::wrap(&out, super::terminal_width());
            super::write_stdout(out.as_bytes())?;
        }
    }
    Ok(0)
}
