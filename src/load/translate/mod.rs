//! Translations of programs and exercises: files beside the programs that give the
//! patient-facing text in another language, keyed by id, laid over the raw files after loading
//! and before validation, so that validation, the planner and the renderers never know.
//!
//! A translation file starts with `translation = "<language>"` and uses the source's own field
//! names: `[[exercise]]` entries with an `id`, and/or one program (`id`, `title`, `[[phase]]`
//! in the source's order, `[[phase.slot]]` by `exercise`, `schedule` steps by `week`,
//! `[return_to_run]` with its `stage` list in order, `[[check]]` by `id`). The built-in ones are
//! `programs/lang/<language>/`.
//!
//! What it guarantees:
//! - a string without a translation keeps its source text and is counted ([`Missing`], with the
//!   file:line:col of the source string), so a plan says how many strings fell back;
//! - a translation is never used when it no longer fits its source: a list of another length,
//!   or a text with a number the source does not have ("3 x 10", "30 degrees"; "1,6 km" and
//!   "1.6 km" are the same number) is a warning and falls back, so a changed dose in the
//!   source is never hidden by an old translation;
//! - a built-in translation applies only to built-in files: a therapist's own program with a
//!   built-in id is not covered by the built-in translation of the program it replaces.

mod fields;
mod fit;

use super::raw::{ExerciseFile, RawProgram};
use super::{Layer, Loaded, Source};
use crate::diag::Diagnostic;
use fit::{At, Cx};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

/// A translation file, as serde reads it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTranslation {
    /// The language tag, e.g. "de" or "de-CH".
    pub translation: Spanned<String>,
    #[serde(default)]
    pub exercise: Vec<Spanned<TrExercise>>,
    /// The program this file translates (leave out for a file of exercises only).
    pub id: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub summary: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub location_note: Option<Spanned<String>>,
    /// The program's own warning signs, in the program's order.
    #[serde(default)]
    pub red_flags: Vec<Spanned<TrRedFlag>>,
    pub pain_rule: Option<TrPainRule>,
    #[serde(default)]
    pub phase: Vec<Spanned<TrPhase>>,
    pub return_to_run: Option<TrReturnToRun>,
    /// The progress checks, by id.
    #[serde(default)]
    pub check: Vec<Spanned<TrCheck>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrCheck {
    pub id: Spanned<String>,
    pub name: Option<Spanned<String>>,
    pub steps: Option<Spanned<Vec<String>>>,
    pub record: Option<Spanned<String>>,
    pub unit: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrExercise {
    pub id: Spanned<String>,
    pub name: Option<Spanned<String>>,
    pub instructions: Option<Spanned<Vec<String>>>,
    pub cues: Option<Spanned<Vec<String>>>,
    pub mistakes: Option<Spanned<Vec<String>>>,
    pub caution_note: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrRedFlag {
    pub sign: Option<Spanned<String>>,
    pub question: Option<Spanned<String>>,
    pub why: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrPainRule {
    pub note: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrPhase {
    pub name: Option<Spanned<String>>,
    pub goals: Option<Spanned<Vec<String>>>,
    pub progress_when: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub slot: Vec<Spanned<TrSlot>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrSlot {
    /// The exercise the source slot starts with.
    pub exercise: Spanned<String>,
    pub note: Option<Spanned<String>>,
    pub load: Option<Spanned<String>>,
    #[serde(default)]
    pub schedule: Vec<Spanned<TrStep>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrStep {
    pub week: i64,
    pub note: Option<Spanned<String>>,
    pub load: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrReturnToRun {
    pub entry_criteria: Option<Spanned<Vec<String>>>,
    pub rules: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub stage: Vec<TrStage>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrStage {
    pub effort: Option<Spanned<String>>,
    pub what: Option<Spanned<String>>,
    pub check: Option<Spanned<Vec<String>>>,
}

/// A source string that has no (usable) translation and prints in the source language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// What it is, e.g. "title" or "exercise `clamshell`: cues".
    pub what: String,
    pub text: String,
    /// The program it belongs to, or `None` for an exercise's text.
    pub program: Option<String>,
    /// The exercise it belongs to, or `None` for a program's text.
    pub exercise: Option<String>,
}

/// What laying one language over the loaded files did.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    pub language: String,
    /// Strings translated.
    pub translated: usize,
    /// Strings that fall back to the source text, in file order.
    pub missing: Vec<Missing>,
    /// Translations not used (unknown ids, lists of another length, numbers that differ).
    pub warnings: Vec<Diagnostic>,
}

impl Overlay {
    /// The strings that fall back in a plan of a program (`programs`: its id and those of
    /// the programs it extends, whose text it inherits) using `exercises`.
    pub fn missing_for<'a>(
        &'a self,
        programs: &'a [String],
        exercises: &'a [&'a str],
    ) -> impl Iterator<Item = &'a Missing> + 'a {
        self.missing.iter().filter(move |m| {
            m.program.as_ref().is_some_and(|p| programs.contains(p))
                || m.exercise
                    .as_deref()
                    .is_some_and(|e| exercises.contains(&e))
        })
    }
}

/// Whether `language` is the source language of the files (English): nothing to lay over.
pub fn is_source_language(language: &str) -> bool {
    primary(language) == "en"
}

/// The primary subtag, lower case: "de-CH" -> "de".
fn primary(language: &str) -> String {
    language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether a file's `translation` tag serves `language`: the same tag, or its primary subtag
/// ("de" serves "de-AT").
fn serves(tag: &str, language: &str) -> bool {
    tag.eq_ignore_ascii_case(language) || tag.eq_ignore_ascii_case(&primary(language))
}

/// Lay the translations to `language` over the loaded exercises and programs. `decimal` is
/// the language's decimal separator when known (a translation that writes "1.6" where the
/// language writes "1,6" is warned about).
pub fn apply(loaded: &mut Loaded, language: &str, decimal: Option<&str>) -> Overlay {
    let mut overlay = Overlay {
        language: language.to_string(),
        ..Overlay::default()
    };
    // The built-in translations are parsed now, and before the user's, as loading had them.
    let deferred = std::mem::take(&mut loaded.deferred_translations);
    let user = std::mem::take(&mut loaded.translations);
    for source in deferred {
        super::parse_translation(source, loaded);
    }
    loaded.translations.extend(user);
    let files = files_for(&loaded.translations, language);
    let (exercises, programs) = by_id(&files);
    let mut cx = Cx {
        overlay: &mut overlay,
        decimal,
    };
    let used_ex = overlay_exercises(&mut cx, &mut loaded.exercises, &exercises);
    let used_pr = overlay_programs(&mut cx, &mut loaded.programs, &programs);
    warn_unused(
        &mut overlay,
        loaded,
        &exercises,
        &used_ex,
        &programs,
        &used_pr,
    );
    Diagnostic::sort_all(&mut overlay.warnings);
    overlay
}

/// The translation of each exercise, by id, with the file it is in.
type ExerciseTranslations<'a> = BTreeMap<String, (&'a Source, &'a Spanned<TrExercise>)>;
/// The translation of each program, by id, with the file it is in.
type ProgramTranslations<'a> = BTreeMap<String, (&'a Source, &'a RawTranslation)>;

/// The files for `language`, those that win last: a more exact tag ("de-AT" over "de"), then
/// a later layer.
fn files_for<'a>(
    translations: &'a [(Source, RawTranslation)],
    language: &str,
) -> Vec<&'a (Source, RawTranslation)> {
    let mut files: Vec<&(Source, RawTranslation)> = translations
        .iter()
        .filter(|(_, t)| serves(t.translation.get_ref(), language))
        .collect();
    files.sort_by_key(|(s, t)| {
        (
            t.translation.get_ref().eq_ignore_ascii_case(language),
            s.layer,
        )
    });
    files
}

/// The translations of the files by exercise and program id; a later file's wins.
fn by_id<'a>(
    files: &[&'a (Source, RawTranslation)],
) -> (ExerciseTranslations<'a>, ProgramTranslations<'a>) {
    let mut exercises = BTreeMap::new();
    let mut programs = BTreeMap::new();
    for (source, t) in files {
        for e in &t.exercise {
            exercises.insert(e.get_ref().id.get_ref().clone(), (source, e));
        }
        if let Some(id) = &t.id {
            programs.insert(id.get_ref().clone(), (source, t));
        }
    }
    (exercises, programs)
}

/// Lay each exercise's translation over it; the ids whose translation was used.
fn overlay_exercises(
    cx: &mut Cx,
    files: &mut [(Source, ExerciseFile)],
    exercises: &ExerciseTranslations,
) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for (source, file) in files {
        for e in &mut file.exercise {
            let span = e.span();
            let id = e.get_ref().id.get_ref().clone();
            let tr = exercises
                .get(&id)
                .filter(|(s, _)| usable(s.layer, source.layer));
            if tr.is_some() {
                used.insert(id.clone());
            }
            let at = At {
                source,
                span,
                program: None,
                exercise: Some(id.clone()),
                prefix: format!("exercise `{id}`: "),
            };
            fields::exercise(cx, &at, e.get_mut(), tr.map(|(s, t)| (*s, t.get_ref())));
        }
    }
    used
}

/// Lay each program's translation over it; the ids whose translation was used.
fn overlay_programs(
    cx: &mut Cx,
    files: &mut [(Source, RawProgram)],
    programs: &ProgramTranslations,
) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for (source, p) in files {
        let id = p.id.get_ref().clone();
        let tr = programs
            .get(&id)
            .filter(|(s, _)| usable(s.layer, source.layer));
        if tr.is_some() {
            used.insert(id.clone());
        }
        let at = At {
            source,
            span: 0..source.text.len(),
            program: Some(id.clone()),
            exercise: None,
            prefix: String::new(),
        };
        fields::program(cx, &at, p, tr.map(|(s, t)| (*s, *t)));
    }
    used
}

/// A warning for each translation of an id that is not there (renamed or removed).
fn warn_unused(
    overlay: &mut Overlay,
    loaded: &Loaded,
    exercises: &ExerciseTranslations,
    used_ex: &BTreeSet<String>,
    programs: &ProgramTranslations,
    used_pr: &BTreeSet<String>,
) {
    for (id, (source, e)) in exercises {
        if !used_ex.contains(id) && !loaded_has_exercise(loaded, id) {
            overlay.warnings.push(
                Diagnostic::at(
                    &source.name,
                    &source.text,
                    e.get_ref().id.span(),
                    format!("translation of unknown exercise `{id}`; it is not used"),
                )
                .hint("check the id against the exercise library (`rehabplan exercises`)"),
            );
        }
    }
    for (id, (source, t)) in programs {
        if !used_pr.contains(id) && !loaded.programs.iter().any(|(_, p)| p.id.get_ref() == id) {
            let span = t.id.as_ref().map(|i| i.span()).unwrap_or(0..0);
            overlay.warnings.push(
                Diagnostic::at(
                    &source.name,
                    &source.text,
                    span,
                    format!("translation of unknown program `{id}`; it is not used"),
                )
                .hint("check the id against `rehabplan causes`"),
            );
        }
    }
}

fn loaded_has_exercise(loaded: &Loaded, id: &str) -> bool {
    loaded
        .exercises
        .iter()
        .any(|(_, f)| f.exercise.iter().any(|e| e.get_ref().id.get_ref() == id))
}

/// A built-in translation covers only built-in text; a therapist's covers both.
fn usable(translation: Layer, source: Layer) -> bool {
    translation == Layer::User || source == Layer::Builtin
}
