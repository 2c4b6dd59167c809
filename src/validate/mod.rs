//! Validate: turn the raw, parsed files into the checked model, collecting every problem.
//!
//! Rules checked here (each problem is a [`Diagnostic`] with file:line:col and a hint):
//! - ids: well formed, unique within a layer (a user's file may override a built-in by id),
//!   aliases unique across programs;
//! - references between things: exercise ids in slots, steps and variants, cause ids in
//!   contraindications, reference ids in `source`, the program a program `extends`;
//! - safety: no slot or schedule step uses an exercise contraindicated for the program's cause;
//! - doses: present for the exercise's dose kind, in range (no zero or absurd values), and a
//!   progression rule never runs past the limits;
//! - weeks: phases cover week 1..N with no gap and no overlap; schedule steps lie in their phase.
//!
//! Validation never stops at the first problem: it goes on with what it can check.
//!
//! Warnings (the file is still used) are kept apart from the problems: patient-facing text
//! that names a reference or talks about sources and trials (`patient_text`).

mod checks;
mod exercise;
mod patient_text;
mod program;
pub mod template;

pub use program::progress;

use crate::diag::Diagnostic;
use crate::load::raw::{ExerciseFile, RawExercise, RawProgram};
use crate::load::{Holes, Layer, Loaded, Source};
use crate::model::{Catalog, Library, Program};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use toml::Spanned;

/// The checked catalogue and every problem found. The catalogue holds whatever was valid,
/// so `causes` can still list the good programs; commands refuse to plan when there are errors.
pub struct Validated {
    pub catalog: Catalog,
    pub templates: Vec<(Source, crate::template::Template)>,
    pub diagnostics: Vec<Diagnostic>,
    /// Things to fix that do not stop a plan, sorted by place; `validate` has already printed
    /// them to standard error as `warning: file:line:col: ...`.
    pub warnings: Vec<Diagnostic>,
}

impl Validated {
    /// The templates by name, each once (a user's template may override a built-in one by
    /// name, as a program overrides one by id): the built-ins first, then the user's, in order.
    pub fn template_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = crate::template::builtin_names().to_vec();
        for (_, t) in &self.templates {
            if !names.contains(&t.name.as_str()) {
                names.push(&t.name);
            }
        }
        names
    }
}

/// Sources are kept by index so that spans can be turned into places.
pub(crate) struct Sources(pub Vec<Source>);

impl Sources {
    pub fn at(&self, src: usize, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let s = &self.0[src];
        Diagnostic::at(&s.name, &s.text, span, message)
    }
    pub fn name(&self, src: usize) -> &str {
        &self.0[src].name
    }
    pub fn place(&self, src: usize, span: Range<usize>) -> String {
        let s = &self.0[src];
        let (l, c) = crate::diag::line_col(&s.text, span.start);
        format!("{}:{}:{}", s.name, l, c)
    }
}

/// Check everything loaded; the warnings are in `Validated::warnings` for the caller to show.
pub fn validate(loaded: Loaded) -> Validated {
    check(loaded, false)
}

/// The raw exercises by id, each with its source index and layer.
type RawExercises = BTreeMap<String, (usize, RawExercise, Layer)>;
/// The raw programs by id, each with its source index and layer.
type RawPrograms = BTreeMap<String, (usize, RawProgram, Layer)>;
/// The built-in programs by id (what a user's program may extend), with their source index.
type BuiltinPrograms = BTreeMap<String, (usize, RawProgram)>;

/// Check everything loaded: the catalogue, every problem and every warning. The built-in
/// files' patient-facing text is checked only with `builtin_text` (a test does; they are fixed).
pub fn check(mut loaded: Loaded, builtin_text: bool) -> Validated {
    template::check_loaded(&mut loaded);
    let mut diags = loaded.diagnostics;
    let mut sources = Sources(Vec::new());
    // The program and exercise files, for the patient-text check: source, kind, the program's
    // own references and the program it extends.
    let mut text_files: Vec<TextFile> = Vec::new();
    // `source` as the old name of `reference` in programs: a warning (an error with both).
    let mut deprecations = Vec::new();

    let raw_ex = layer_exercises(loaded.exercises, &mut sources, &mut text_files, &mut diags);
    let (raw_prog, builtin_prog) = layer_programs(
        loaded.programs,
        &mut sources,
        &mut text_files,
        &mut diags,
        &mut deprecations,
    );
    let cause_ids: BTreeSet<String> = raw_prog.keys().cloned().collect();
    let library = exercise::check_exercises(&sources, &raw_ex, &cause_ids, &mut diags);
    // Aliases: unique across programs and distinct from every program id.
    check_aliases(&sources, &raw_prog, &mut diags);
    let programs = check_programs(
        &sources,
        &raw_prog,
        &builtin_prog,
        &library,
        &loaded.recovered,
        &mut diags,
    );
    drop_broken_exercise_errors(&mut diags, &loaded.broken_exercises);
    Diagnostic::sort_all(&mut diags);
    diags.dedup();

    let mut warnings = deprecations;
    warnings.extend(patient_text_warnings(
        &sources,
        &text_files,
        &programs,
        builtin_text,
    ));
    Diagnostic::sort_all(&mut warnings);

    Validated {
        catalog: Catalog { library, programs },
        templates: loaded.templates,
        diagnostics: diags,
        warnings,
    }
}

/// The exercise files, layered: a user's exercise replaces a built-in with the same id; a
/// second exercise with one id in the same layer is an error.
fn layer_exercises(
    files: Vec<(Source, ExerciseFile)>,
    sources: &mut Sources,
    text_files: &mut Vec<TextFile>,
    diags: &mut Vec<Diagnostic>,
) -> RawExercises {
    let mut raw_ex = RawExercises::new();
    for (source, file) in files {
        let src = sources.0.len();
        let layer = source.layer;
        sources.0.push(source);
        text_files.push((src, patient_text::FileKind::Exercises, Vec::new(), None));
        for ex in file.exercise {
            let ex = ex.into_inner();
            let id = ex.id.get_ref().clone();
            if let Some((prev_src, prev, prev_layer)) = raw_ex.get(&id) {
                if *prev_layer == layer {
                    let first = sources.place(*prev_src, prev.id.span());
                    diags.push(
                        sources
                            .at(src, ex.id.span(), format!("duplicate exercise id `{id}`"))
                            .hint(format!(
                                "it is already defined at {first}; rename one of them"
                            )),
                    );
                    continue;
                }
            }
            raw_ex.insert(id, (src, ex, layer));
        }
    }
    raw_ex
}

/// The program files, layered the same way as the exercises; also the built-in programs
/// apart (what `extends` may name) and the old `source` keys of each (`old_source_keys`).
fn layer_programs(
    files: Vec<(Source, RawProgram)>,
    sources: &mut Sources,
    text_files: &mut Vec<TextFile>,
    diags: &mut Vec<Diagnostic>,
    deprecations: &mut Vec<Diagnostic>,
) -> (RawPrograms, BuiltinPrograms) {
    let mut raw_prog = RawPrograms::new();
    let mut builtin_prog = BuiltinPrograms::new();
    for (source, p) in files {
        let src = sources.0.len();
        let layer = source.layer;
        sources.0.push(source);
        text_files.push(program_text_file(src, &p));
        old_source_keys(&sources.0[src], &p, diags, deprecations);
        let id = p.id.get_ref().clone();
        if let Some((prev_src, prev, prev_layer)) = raw_prog.get(&id) {
            if *prev_layer == layer {
                let first = sources.place(*prev_src, prev.id.span());
                diags.push(
                    sources
                        .at(src, p.id.span(), format!("duplicate program id `{id}`"))
                        .hint(format!(
                            "it is already defined at {first}; give one of them another id"
                        )),
                );
                continue;
            }
        }
        if layer == Layer::Builtin {
            builtin_prog.insert(id.clone(), (src, p.clone()));
        }
        raw_prog.insert(id, (src, p, layer));
    }
    (raw_prog, builtin_prog)
}

/// A program file for the patient-text check: its own references and the program it extends.
fn program_text_file(src: usize, p: &RawProgram) -> TextFile {
    let own = p
        .reference
        .iter()
        .map(|r| {
            let r = r.get_ref();
            patient_text::Citation::new(r.id.get_ref(), &r.citation)
        })
        .collect();
    (
        src,
        patient_text::FileKind::Program,
        own,
        p.extends.as_ref().map(|e| e.get_ref().clone()),
    )
}

/// Every program into the model (`program::check_program`). A program read back after a
/// type error (`recovered`) is checked for its other problems, but never planned.
fn check_programs(
    sources: &Sources,
    raw_prog: &RawPrograms,
    builtin_prog: &BuiltinPrograms,
    library: &Library,
    recovered: &[(String, Holes)],
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Program> {
    let mut programs = BTreeMap::new();
    for (id, (src, p, _)) in raw_prog {
        let before = diags.len();
        let checked =
            program::check_program(sources, *src, p, raw_prog, builtin_prog, library, diags);
        // What a recovered program lost must not be reported a second time as missing.
        let name = &sources.0[*src].name;
        if let Some((_, holes)) = recovered.iter().find(|(n, _)| n == name) {
            let mut new = diags.split_off(before);
            new.retain(|d| !program::caused_by_holes(d, holes));
            diags.extend(new);
            continue;
        }
        if let Some(prog) = checked {
            programs.insert(id.clone(), prog);
        }
    }
    programs
}

/// An exercise whose entry could not be read is reported in its file, not in every program.
fn drop_broken_exercise_errors(diags: &mut Vec<Diagnostic>, broken: &[String]) {
    diags.retain(|d| {
        !broken.iter().any(|id| {
            d.message == format!("unknown exercise id `{id}`")
                || d.message
                    .starts_with(&format!("unknown exercise id `{id}` in "))
        })
    });
}

/// In a program, `source` is the old name of `reference` (the `[[reference]]` id a slot, a
/// change, the pain rule or the walk-run ladder comes from): it still works, with a warning, so
/// that existing files load. An exercise's `source` (free text) keeps its name.
fn old_source_keys(
    s: &Source,
    p: &RawProgram,
    diags: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    if s.layer == Layer::Builtin {
        return;
    }
    type Keys<'a> = (
        &'a Option<Spanned<String>>,
        &'a Option<Spanned<String>>,
        &'a str,
    );
    let mut pairs: Vec<Keys> = Vec::new();
    for ph in p.phase.iter().flatten() {
        for sl in &ph.get_ref().slot {
            pairs.push((&sl.get_ref().reference, &sl.get_ref().source, "slot"));
        }
    }
    for sl in &p.add {
        pairs.push((&sl.get_ref().reference, &sl.get_ref().source, "slot"));
    }
    for c in &p.change {
        pairs.push((&c.get_ref().reference, &c.get_ref().source, "change"));
    }
    if let Some(r) = &p.pain_rule {
        pairs.push((&r.get_ref().reference, &r.get_ref().source, "pain rule"));
    }
    if let Some(r) = &p.return_to_run {
        pairs.push((
            &r.get_ref().reference,
            &r.get_ref().source,
            "walk-run ladder",
        ));
    }
    for (reference, source, what) in pairs {
        let Some(old) = source else { continue };
        let span = old.span();
        // The key itself: `source` starts where its line's text does, before the value.
        let line_start = s.text[..span.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let key_at = s.text[line_start..span.start]
            .rfind("source")
            .map(|i| line_start + i)
            .unwrap_or(span.start);
        if reference.is_some() {
            diags.push(
                Diagnostic::at(
                    &s.name,
                    &s.text,
                    key_at..key_at,
                    format!("this {what} has both `reference` and `source`"),
                )
                .hint("`source` is the old name of `reference`: keep only `reference`"),
            );
        } else {
            warnings.push(
                Diagnostic::at(&s.name, &s.text, key_at..key_at, format!("`source` on a {what} is now called `reference`"))
                    .hint(format!("rename it: reference = {:?} (the id of a [[reference]]); `source` still works for now", old.get_ref())),
            );
        }
    }
}

/// Ids are lowercase ASCII letters, digits and single hyphens: they are typed on the command line.
pub(crate) fn check_id(
    sources: &Sources,
    src: usize,
    id: &Spanned<String>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let s = id.get_ref();
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--");
    if !ok {
        let fixed: String = s
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let hint = if fixed.is_empty() {
            "use lowercase letters, digits and hyphens, at most 64 characters".to_string()
        } else {
            format!("use lowercase letters, digits and hyphens, e.g. `{fixed}`")
        };
        diags.push(
            sources
                .at(src, id.span(), format!("invalid {what} id `{s}`"))
                .hint(hint),
        );
    }
    ok
}

/// Check one file's text on top of the built-ins: every problem found, then every warning, as
/// `validate` reports them. This is the fuzzing entry point: it must return, never panic, for any input.
pub fn check_text(name: &str, text: &str) -> Vec<Diagnostic> {
    // The built-ins are parsed once per process (the fuzzer calls this thousands of times).
    static BUILTINS: std::sync::OnceLock<Loaded> = std::sync::OnceLock::new();
    let mut loaded = BUILTINS
        .get_or_init(|| crate::load::parse_all(crate::load::builtin_sources()))
        .clone();
    let user = crate::load::parse_all(vec![crate::load::Source {
        name: name.to_string(),
        text: text.to_string(),
        dir: None,
        layer: Layer::User,
    }]);
    loaded.exercises.extend(user.exercises);
    loaded.programs.extend(user.programs);
    loaded.template_files.extend(user.template_files);
    loaded.diagnostics.extend(user.diagnostics);
    loaded.broken_exercises.extend(user.broken_exercises);
    loaded.recovered.extend(user.recovered);
    let v = check(loaded, false);
    let mut all = v.diagnostics;
    all.extend(v.warnings);
    all
}

/// A program or exercise file, for the patient-text check: its source, its kind, the program's
/// own references and the program it extends.
type TextFile = (
    usize,
    patient_text::FileKind,
    Vec<patient_text::Citation>,
    Option<String>,
);

/// Every alias is a well-formed id, names one program, and is no other program's id.
fn check_aliases(sources: &Sources, raw_prog: &RawPrograms, diags: &mut Vec<Diagnostic>) {
    let mut names: BTreeMap<String, (usize, Range<usize>, String)> = BTreeMap::new();
    for (id, (src, p, _)) in raw_prog {
        check_id(sources, *src, &p.id, "program", diags);
        names.insert(id.clone(), (*src, p.id.span(), id.clone()));
    }
    for (id, (src, p, _)) in raw_prog {
        for alias in p.aliases.iter().flatten() {
            let a = alias.get_ref();
            check_id(sources, *src, alias, "alias", diags);
            if let Some((osrc, ospan, owner)) = names.get(a) {
                if owner != id || a == id {
                    diags.push(
                        sources
                            .at(
                                *src,
                                alias.span(),
                                format!("alias `{a}` is already used by program `{owner}`"),
                            )
                            .hint(format!(
                                "see {}; every id and alias must name one program",
                                sources.place(*osrc, ospan.clone())
                            )),
                    );
                }
                continue;
            }
            names.insert(a.clone(), (*src, alias.span(), id.clone()));
        }
    }
}

/// The patient-text warnings of each file (the built-in files' only with `builtin_text`),
/// read against the references the file may cite.
fn patient_text_warnings(
    sources: &Sources,
    text_files: &[TextFile],
    programs: &BTreeMap<String, Program>,
    builtin_text: bool,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (src, kind, own, extends) in text_files {
        let s = &sources.0[*src];
        if s.layer == Layer::Builtin && !builtin_text {
            continue;
        }
        // A program's references after `extends`, when it validated; else its own.
        let checked = programs.values().find(|p| p.origin == s.name);
        let citations: Vec<patient_text::Citation> = match checked {
            Some(p) if *kind == patient_text::FileKind::Program => p
                .references
                .iter()
                .map(|r| patient_text::Citation::new(&r.id, &r.citation))
                .collect(),
            // Not valid: its own references and those of the program it extends.
            _ => {
                let mut c = own.clone();
                let base = extends.as_ref().and_then(|b| programs.get(b));
                for r in base.iter().flat_map(|p| &p.references) {
                    c.push(patient_text::Citation::new(&r.id, &r.citation));
                }
                c
            }
        };
        warnings.extend(patient_text::check(&s.name, &s.text, *kind, &citations));
    }
    warnings
}

#[cfg(test)]
mod tests {
    /// The built-in programs and exercises speak to the patient: no reference, author or
    /// research word in any patient-facing field (those remarks live in `rationale`).
    #[test]
    fn builtin_patient_text_has_no_research_talk() {
        let v = super::check(crate::load::parse_all(crate::load::builtin_sources()), true);
        assert!(v.diagnostics.is_empty(), "{:?}", v.diagnostics);
        let all: Vec<String> = v.warnings.iter().map(|w| w.to_string()).collect();
        assert!(all.is_empty(), "\n{}", all.join("\n"));
    }

    #[test]
    fn check_text_layers_one_file_over_the_builtins() {
        assert!(super::check_text("ok.toml", "id = \"x\"\nextends = \"pfps\"\n").is_empty());
        let d = super::check_text("bad.toml", "id = \"x\"\nextends = \"pfs\"\n");
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].to_string(),
            "bad.toml:2:11: `extends` names unknown program `pfs`\n  hint: did you mean `pfps`?"
        );
    }
}
