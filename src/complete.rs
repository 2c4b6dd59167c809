//! Shell completion of values from the real data: causes, exercise ids, categories, training
//! days, equipment, templates and screening questions (clap_complete's dynamic completion).
//!
//! The shell calls `rehabplan` with `COMPLETE=<shell>` and the words typed so far; `main`
//! answers through `CompleteEnv` before anything else runs. Causes, exercises and templates
//! come from the built-ins plus the therapist's folder (`--programs DIR` among the words typed,
//! or `REHABPLAN_PROGRAMS`), loaded as for any command (a few milliseconds).

use crate::model::{Category, EQUIPMENT};
use crate::validate::Validated;
use clap_complete::engine::{CompletionCandidate, PathCompleter, ValueCompleter};
use std::ffi::OsStr;
use std::path::PathBuf;

/// The weekday names `--days` accepts.
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `--programs DIR` among the words being completed, else `REHABPLAN_PROGRAMS`.
fn programs_dir() -> Option<PathBuf> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    for (i, a) in args.iter().enumerate() {
        if a == "--programs" {
            return args.get(i + 1).map(PathBuf::from);
        }
        if let Some(dir) = a.to_str().and_then(|s| s.strip_prefix("--programs=")) {
            return Some(PathBuf::from(dir));
        }
    }
    std::env::var_os("REHABPLAN_PROGRAMS").map(PathBuf::from)
}

fn catalog() -> Validated {
    // Loaded as any command loads them, but quietly: whatever is valid is offered; skipped
    // files and problems are for `validate` to report.
    let mut sources = crate::load::builtin_sources();
    if let Some(dir) = programs_dir() {
        let (mut diags, mut skipped) = (Vec::new(), Vec::new());
        sources.extend(crate::load::read_user_paths(
            &[dir],
            &mut diags,
            &mut skipped,
        ));
    }
    crate::validate::validate(crate::load::parse_all(sources))
}

/// Cause ids (with their titles) and aliases.
pub fn causes() -> Vec<CompletionCandidate> {
    let v = catalog();
    let mut out = Vec::new();
    for p in v.catalog.programs.values() {
        out.push(CompletionCandidate::new(&p.id).help(Some(p.title.clone().into())));
        for a in &p.aliases {
            out.push(CompletionCandidate::new(a).help(Some(format!("same as {}", p.id).into())));
        }
    }
    out
}

/// Exercise ids, with their names.
pub fn exercises() -> Vec<CompletionCandidate> {
    catalog()
        .catalog
        .library
        .exercises
        .values()
        .map(|e| CompletionCandidate::new(&e.id).help(Some(e.name.clone().into())))
        .collect()
}

/// Exercise categories.
pub fn categories() -> Vec<CompletionCandidate> {
    Category::ALL
        .iter()
        .map(|c| CompletionCandidate::new(c.as_str()))
        .collect()
}

/// Template names (built-in and the folder's), and `.toml` files.
pub fn templates(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let mut names: Vec<String> = crate::template::builtin_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    if programs_dir().is_some() {
        names.extend(catalog().templates.into_iter().map(|(_, t)| t.name));
    }
    let mut seen = std::collections::BTreeSet::new();
    names.retain(|n| seen.insert(n.clone()));
    let mut out: Vec<CompletionCandidate> = names
        .into_iter()
        .filter(|n| n.starts_with(typed.as_ref()))
        .map(CompletionCandidate::new)
        .collect();
    out.extend(
        PathCompleter::any()
            .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "toml"))
            .complete(current),
    );
    out
}

/// A comma-separated list: the items before the last comma stay, the last is completed from
/// `items` (those not listed yet).
fn list(current: &OsStr, items: &[&str]) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let (done, last) = match typed.rfind(',') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed.as_ref()),
    };
    let listed: Vec<&str> = done.split(',').map(str::trim).collect();
    items
        .iter()
        .filter(|i| i.starts_with(last) && !listed.contains(i))
        .map(|i| CompletionCandidate::new(format!("{done}{i}")))
        .collect()
}

/// `--days mon,we<TAB>`.
pub fn days(current: &OsStr) -> Vec<CompletionCandidate> {
    list(current, &DAYS)
}

/// `--equipment band,st<TAB>`.
pub fn equipment(current: &OsStr) -> Vec<CompletionCandidate> {
    let mut items: Vec<&str> = vec!["none"];
    items.extend(EQUIPMENT);
    list(current, &items)
}

/// The general screening question ids (`--yes`, `--no`; `all` for `--no`).
pub fn questions(current: &OsStr) -> Vec<CompletionCandidate> {
    let ids: Vec<String> = crate::screen::questions(None)
        .into_iter()
        .map(|q| q.id)
        .collect();
    let mut items: Vec<&str> = ids.iter().map(String::as_str).collect();
    items.push("all");
    list(current, &items)
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    fn values(c: Vec<clap_complete::engine::CompletionCandidate>) -> Vec<String> {
        c.iter()
            .map(|c| c.get_value().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn lists_complete_their_last_item() {
        assert_eq!(
            values(super::days(OsStr::new("mon,t"))),
            ["mon,tue", "mon,thu"]
        );
        assert_eq!(values(super::days(OsStr::new("s"))), ["sat", "sun"]);
        assert!(values(super::equipment(OsStr::new("band,"))).contains(&"band,step".to_string()));
        assert!(!values(super::equipment(OsStr::new("band,"))).contains(&"band,band".to_string()));
    }
}
