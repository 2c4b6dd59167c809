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

use super::raw::{RawExercise, RawPhase, RawProgram, RawReturnToRun, RawSlot};
use super::{Layer, Loaded, Source};
use crate::diag::Diagnostic;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
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
    // The files for this language; a more exact tag ("de-AT" over "de") and a later layer win.
    let mut files: Vec<&(Source, RawTranslation)> = loaded
        .translations
        .iter()
        .filter(|(_, t)| serves(t.translation.get_ref(), language))
        .collect();
    files.sort_by_key(|(s, t)| {
        (
            t.translation.get_ref().eq_ignore_ascii_case(language),
            s.layer,
        )
    });
    let mut exercises: BTreeMap<String, (&Source, &Spanned<TrExercise>)> = BTreeMap::new();
    let mut programs: BTreeMap<String, (&Source, &RawTranslation)> = BTreeMap::new();
    for (source, t) in &files {
        for e in &t.exercise {
            exercises.insert(e.get_ref().id.get_ref().clone(), (source, e));
        }
        if let Some(id) = &t.id {
            programs.insert(id.get_ref().clone(), (source, t));
        }
    }
    let mut cx = Cx {
        overlay: &mut overlay,
        decimal,
    };
    let mut used_ex = BTreeMap::new();
    for (source, file) in &mut loaded.exercises {
        for e in &mut file.exercise {
            let span = e.span();
            let id = e.get_ref().id.get_ref().clone();
            let tr = exercises
                .get(&id)
                .filter(|(s, _)| usable(s.layer, source.layer));
            if tr.is_some() {
                used_ex.insert(id.clone(), ());
            }
            let at = At {
                source,
                span,
                program: None,
                exercise: Some(id.clone()),
                prefix: format!("exercise `{id}`: "),
            };
            exercise(
                &mut cx,
                &at,
                e.get_mut(),
                tr.map(|(s, t)| (*s, t.get_ref())),
            );
        }
    }
    let mut used_pr = BTreeMap::new();
    for (source, p) in &mut loaded.programs {
        let id = p.id.get_ref().clone();
        let tr = programs
            .get(&id)
            .filter(|(s, _)| usable(s.layer, source.layer));
        if tr.is_some() {
            used_pr.insert(id.clone(), ());
        }
        let at = At {
            source,
            span: 0..source.text.len(),
            program: Some(id.clone()),
            exercise: None,
            prefix: String::new(),
        };
        program(&mut cx, &at, p, tr.map(|(s, t)| (*s, *t)));
    }
    // Translations of ids that are not there (renamed or removed).
    for (id, (source, e)) in &exercises {
        if !used_ex.contains_key(id) && !loaded_has_exercise(loaded, id) {
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
    for (id, (source, t)) in &programs {
        if !used_pr.contains_key(id) && !loaded.programs.iter().any(|(_, p)| p.id.get_ref() == id) {
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
    Diagnostic::sort_all(&mut overlay.warnings);
    overlay
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

struct Cx<'a> {
    overlay: &'a mut Overlay,
    decimal: Option<&'a str>,
}

/// Where a source string lives: its file and the span of the entry it is in.
struct At<'a> {
    source: &'a Source,
    span: Range<usize>,
    program: Option<String>,
    exercise: Option<String>,
    prefix: String,
}

impl At<'_> {
    fn within(&self, span: Range<usize>) -> At<'_> {
        At {
            source: self.source,
            span,
            program: self.program.clone(),
            exercise: self.exercise.clone(),
            prefix: self.prefix.clone(),
        }
    }
}

impl Cx<'_> {
    fn missing(&mut self, at: &At, what: &str, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        let offset = locate(&at.source.text, at.span.clone(), text);
        let (line, col) = crate::diag::line_col(&at.source.text, offset);
        self.overlay.missing.push(Missing {
            file: at.source.name.clone(),
            line,
            col,
            what: format!("{}{what}", at.prefix),
            text: text.to_string(),
            program: at.program.clone(),
            exercise: at.exercise.clone(),
        });
    }

    /// One string: replaced when the translation fits, else counted as missing.
    fn one(
        &mut self,
        at: &At,
        what: &str,
        target: &mut String,
        tr: Option<(&Source, &Spanned<String>)>,
    ) {
        if target.trim().is_empty() {
            return;
        }
        match tr {
            Some((s, t)) if self.fits(s, t.span(), target, t.get_ref()) => {
                *target = t.get_ref().clone();
                self.overlay.translated += 1;
            }
            _ => {
                let text = target.clone();
                self.missing(at, what, &text);
            }
        }
    }

    fn opt(
        &mut self,
        at: &At,
        what: &str,
        target: &mut Option<String>,
        tr: Option<(&Source, &Spanned<String>)>,
    ) {
        if let Some(t) = target {
            self.one(at, what, t, tr);
        }
    }

    /// A list: replaced whole when the translation has as many entries and each fits.
    fn list(
        &mut self,
        at: &At,
        what: &str,
        target: &mut Vec<String>,
        tr: Option<(&Source, &Spanned<Vec<String>>)>,
    ) {
        if target.is_empty() {
            return;
        }
        if let Some((s, t)) = tr {
            if t.get_ref().len() != target.len() {
                self.overlay.warnings.push(
                    Diagnostic::at(
                        &s.name,
                        &s.text,
                        t.span(),
                        format!(
                            "`{what}` has {} entries here but {} in the source; the source's are used",
                            t.get_ref().len(),
                            target.len()
                        ),
                    )
                    .hint("translate the source's list entry by entry, in its order"),
                );
            } else if target
                .iter()
                .zip(t.get_ref())
                .all(|(a, b)| self.fits(s, t.span(), a, b))
            {
                self.overlay.translated += target.len();
                *target = t.get_ref().clone();
                return;
            }
        }
        for (i, text) in target.iter().enumerate() {
            self.missing(at, &format!("{what}[{}]", i + 1), text);
        }
    }

    /// Whether a translation still fits its source: the same numbers, and decimals written
    /// the language's way. A misfit is a warning at the translation.
    fn fits(&mut self, s: &Source, span: Range<usize>, source: &str, tr: &str) -> bool {
        if tr.trim().is_empty() {
            return false;
        }
        let (a, b) = (numbers(source), numbers(tr));
        // Every number of the translation must be one of the source's (a unit the language
        // does not use, such as pounds next to kilograms, may be left out).
        let mut left = a.clone();
        let fits = b.iter().all(|n| match left.iter().position(|m| m == n) {
            Some(i) => {
                left.remove(i);
                true
            }
            None => false,
        });
        if !fits {
            self.overlay.warnings.push(
                Diagnostic::at(
                    &s.name,
                    &s.text,
                    span,
                    format!(
                        "the numbers differ from the source's ({} here, {} in {:?}); the source text is used",
                        show(&b),
                        show(&a),
                        clip(source, 60)
                    ),
                )
                .hint("a dose or a limit may have changed in the source: translate the source text again"),
            );
            return false;
        }
        if self.decimal == Some(",") {
            if let Some(d) = point_decimal(tr) {
                self.overlay.warnings.push(
                    Diagnostic::at(
                        &s.name,
                        &s.text,
                        span,
                        format!(
                            "`{d}` is written with a point; {} writes decimals with a comma",
                            self.overlay.language
                        ),
                    )
                    .hint(format!("write `{}`", d.replace('.', ","))),
                );
            }
        }
        true
    }
}

fn show(ns: &[String]) -> String {
    if ns.is_empty() {
        "none".into()
    } else {
        ns.join(", ")
    }
}

fn clip(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

/// The numbers in a text, in order, decimals with a point ("1,6" and "1.6" are both "1.6").
fn numbers(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut n = String::new();
            while i < chars.len() {
                let c = chars[i];
                if c.is_ascii_digit() {
                    n.push(c);
                } else if (c == '.' || c == ',')
                    && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                    && !n.contains('.')
                {
                    n.push('.');
                } else {
                    break;
                }
                i += 1;
            }
            out.push(n);
        } else {
            i += 1;
        }
    }
    out.sort();
    out
}

/// The first "1.6"-style decimal in a text.
fn point_decimal(s: &str) -> Option<String> {
    let b = s.as_bytes();
    for i in 1..b.len().saturating_sub(1) {
        if b[i] == b'.' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit() {
            let start = (0..i).rev().take_while(|&j| b[j].is_ascii_digit()).last()?;
            let end = (i + 1..b.len())
                .take_while(|&j| b[j].is_ascii_digit())
                .last()?;
            return Some(s[start..=end].to_string());
        }
    }
    None
}

/// The byte offset of a string's opening quote in the file, searched within `span` (the entry
/// it belongs to), else in the whole file, else the entry's start.
pub fn locate(text: &str, span: Range<usize>, s: &str) -> usize {
    let first = s.lines().next().unwrap_or(s);
    let needle: String = first
        .chars()
        .take(40)
        .collect::<String>()
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    let end = span.end.min(text.len());
    let start = span.start.min(end);
    // A match counts only where a string starts: after a quote, or on the line after `"""`
    // (so a comment that repeats the text is skipped).
    let opens = |i: &usize| {
        let before = &text[..*i];
        before.ends_with('"') || before.ends_with('\'') || before.ends_with("\"\"\"\n")
    };
    let find_in = |from: usize, to: usize| {
        text.get(from..to).and_then(|t| {
            t.match_indices(&needle)
                .map(|(i, _)| i + from)
                .find(|i| opens(i))
        })
    };
    match find_in(start, end).or_else(|| find_in(0, text.len())) {
        Some(i) => {
            if text[..i].ends_with("\"\"\"\n") {
                return i - 4;
            }
            let quotes = text[..i]
                .bytes()
                .rev()
                .take(3)
                .take_while(|&c| c == b'"' || c == b'\'')
                .count();
            i - quotes
        }
        None => start,
    }
}

fn exercise(cx: &mut Cx, at: &At, e: &mut RawExercise, tr: Option<(&Source, &TrExercise)>) {
    let s = tr.map(|(s, _)| s);
    let t = tr.map(|(_, t)| t);
    let mut name = e.name.get_ref().clone();
    cx.one(
        at,
        "name",
        &mut name,
        s.zip(t.and_then(|t| t.name.as_ref())),
    );
    *e.name.get_mut() = name;
    cx.list(
        at,
        "instructions",
        e.instructions.get_mut(),
        s.zip(t.and_then(|t| t.instructions.as_ref())),
    );
    cx.list(
        at,
        "cues",
        &mut e.cues,
        s.zip(t.and_then(|t| t.cues.as_ref())),
    );
    cx.list(
        at,
        "mistakes",
        &mut e.mistakes,
        s.zip(t.and_then(|t| t.mistakes.as_ref())),
    );
    cx.one(
        at,
        "caution_note",
        &mut e.caution_note,
        s.zip(t.and_then(|t| t.caution_note.as_ref())),
    );
}

fn program(cx: &mut Cx, at: &At, p: &mut RawProgram, tr: Option<(&Source, &RawTranslation)>) {
    let s = tr.map(|(s, _)| s);
    let t = tr.map(|(_, t)| t);
    cx.opt(
        at,
        "title",
        &mut p.title,
        s.zip(t.and_then(|t| t.title.as_ref())),
    );
    cx.opt(
        at,
        "summary",
        &mut p.summary,
        s.zip(t.and_then(|t| t.summary.as_ref())),
    );
    cx.opt(
        at,
        "description",
        &mut p.description,
        s.zip(t.and_then(|t| t.description.as_ref())),
    );
    cx.opt(
        at,
        "location_note",
        &mut p.location_note,
        s.zip(t.and_then(|t| t.location_note.as_ref())),
    );
    if let Some(flags) = &mut p.red_flags {
        for (i, f) in flags.iter_mut().enumerate() {
            let inner = at.within(f.span());
            let tf = t.and_then(|t| t.red_flags.get(i)).map(|f| f.get_ref());
            let f = f.get_mut();
            let what = format!("red flag {}: ", i + 1);
            cx.one(
                &inner,
                &format!("{what}sign"),
                f.sign.get_mut(),
                s.zip(tf.and_then(|t| t.sign.as_ref())),
            );
            cx.one(
                &inner,
                &format!("{what}question"),
                f.question.get_mut(),
                s.zip(tf.and_then(|t| t.question.as_ref())),
            );
            cx.one(
                &inner,
                &format!("{what}why"),
                &mut f.why,
                s.zip(tf.and_then(|t| t.why.as_ref())),
            );
        }
    }
    if let Some(rule) = &mut p.pain_rule {
        let inner = at.within(rule.span());
        cx.one(
            &inner,
            "pain_rule.note",
            &mut rule.get_mut().note,
            s.zip(
                t.and_then(|t| t.pain_rule.as_ref())
                    .and_then(|r| r.note.as_ref()),
            ),
        );
    }
    if let Some(phases) = &mut p.phase {
        for (i, ph) in phases.iter_mut().enumerate() {
            let inner = at.within(ph.span());
            let tp = t.and_then(|t| t.phase.get(i)).map(|p| p.get_ref());
            phase(cx, &inner, i + 1, ph.get_mut(), s.zip(tp));
        }
    }
    if let Some(run) = &mut p.return_to_run {
        let inner = at.within(run.span());
        return_to_run(
            cx,
            &inner,
            run.get_mut(),
            s.zip(t.and_then(|t| t.return_to_run.as_ref())),
        );
    }
    if let Some(checks) = &mut p.check {
        for c in checks.iter_mut() {
            let inner = at.within(c.span());
            let c = c.get_mut();
            let id = c.id.get_ref().clone();
            let tc = t
                .and_then(|t| t.check.iter().find(|x| x.get_ref().id.get_ref() == &id))
                .map(|x| x.get_ref());
            let what = format!("check `{id}`: ");
            cx.one(
                &inner,
                &format!("{what}name"),
                c.name.get_mut(),
                s.zip(tc.and_then(|x| x.name.as_ref())),
            );
            cx.list(
                &inner,
                &format!("{what}steps"),
                c.steps.get_mut(),
                s.zip(tc.and_then(|x| x.steps.as_ref())),
            );
            cx.one(
                &inner,
                &format!("{what}record"),
                c.record.get_mut(),
                s.zip(tc.and_then(|x| x.record.as_ref())),
            );
            cx.one(
                &inner,
                &format!("{what}unit"),
                &mut c.unit,
                s.zip(tc.and_then(|x| x.unit.as_ref())),
            );
        }
    }
    // A program that extends another: its added and changed slots' text (no translation
    // structure for them yet: they fall back and are counted).
    for a in &mut p.add {
        let inner = at.within(a.span());
        let ex = a.get_ref().exercise.get_ref().clone();
        slot(cx, &inner, &format!("add `{ex}`"), a.get_mut(), None);
    }
    for c in &mut p.change {
        let inner = at.within(c.span());
        let c = c.get_mut();
        let what = format!("change `{}`", c.slot.get_ref());
        cx.opt(&inner, &format!("{what}: note"), &mut c.note, None);
        cx.opt(&inner, &format!("{what}: load"), &mut c.load, None);
    }
}

fn phase(cx: &mut Cx, at: &At, n: usize, p: &mut RawPhase, tr: Option<(&Source, &TrPhase)>) {
    let s = tr.map(|(s, _)| s);
    let t = tr.map(|(_, t)| t);
    let what = format!("phase {n}: ");
    cx.one(
        at,
        &format!("{what}name"),
        &mut p.name,
        s.zip(t.and_then(|t| t.name.as_ref())),
    );
    cx.list(
        at,
        &format!("{what}goals"),
        &mut p.goals,
        s.zip(t.and_then(|t| t.goals.as_ref())),
    );
    cx.list(
        at,
        &format!("{what}progress_when"),
        &mut p.progress_when,
        s.zip(t.and_then(|t| t.progress_when.as_ref())),
    );
    // Slots by the exercise they start with; a second slot of the same exercise takes the
    // second translated one.
    let mut taken = vec![false; t.map_or(0, |t| t.slot.len())];
    for sl in &mut p.slot {
        let inner = at.within(sl.span());
        let ex = sl.get_ref().exercise.get_ref().clone();
        let found = t.and_then(|t| {
            t.slot
                .iter()
                .enumerate()
                .find(|(i, x)| !taken[*i] && x.get_ref().exercise.get_ref() == &ex)
                .map(|(i, x)| {
                    taken[i] = true;
                    x.get_ref()
                })
        });
        slot(
            cx,
            &inner,
            &format!("{what}slot `{ex}`"),
            sl.get_mut(),
            s.zip(found),
        );
    }
}

fn slot(cx: &mut Cx, at: &At, what: &str, sl: &mut RawSlot, tr: Option<(&Source, &TrSlot)>) {
    let s = tr.map(|(s, _)| s);
    let t = tr.map(|(_, t)| t);
    if !sl.note.is_empty() {
        cx.one(
            at,
            &format!("{what}: note"),
            &mut sl.note,
            s.zip(t.and_then(|t| t.note.as_ref())),
        );
    }
    cx.opt(
        at,
        &format!("{what}: load"),
        &mut sl.load,
        s.zip(t.and_then(|t| t.load.as_ref())),
    );
    if let Some(steps) = &mut sl.schedule {
        for st in steps.iter_mut() {
            let inner = at.within(st.span());
            let st = st.get_mut();
            let week = *st.week.get_ref();
            let ts = t.and_then(|t| t.schedule.iter().find(|x| x.get_ref().week == week));
            let ts = ts.map(|x| x.get_ref());
            cx.opt(
                &inner,
                &format!("{what}: week {week} note"),
                &mut st.note,
                s.zip(ts.and_then(|x| x.note.as_ref())),
            );
            cx.opt(
                &inner,
                &format!("{what}: week {week} load"),
                &mut st.load,
                s.zip(ts.and_then(|x| x.load.as_ref())),
            );
        }
    }
}

fn return_to_run(
    cx: &mut Cx,
    at: &At,
    r: &mut RawReturnToRun,
    tr: Option<(&Source, &TrReturnToRun)>,
) {
    let s = tr.map(|(s, _)| s);
    let t = tr.map(|(_, t)| t);
    cx.list(
        at,
        "return_to_run.entry_criteria",
        &mut r.entry_criteria,
        s.zip(t.and_then(|t| t.entry_criteria.as_ref())),
    );
    cx.list(
        at,
        "return_to_run.rules",
        &mut r.rules,
        s.zip(t.and_then(|t| t.rules.as_ref())),
    );
    for (i, st) in r.stage.iter_mut().enumerate() {
        let inner = at.within(st.span());
        let ts = t.and_then(|t| t.stage.get(i));
        let st = st.get_mut();
        cx.one(
            &inner,
            &format!("return_to_run.stage[{}]: effort", i + 1),
            &mut st.effort,
            s.zip(ts.and_then(|x| x.effort.as_ref())),
        );
        cx.one(
            &inner,
            &format!("return_to_run.stage[{}]: what", i + 1),
            &mut st.what,
            s.zip(ts.and_then(|x| x.what.as_ref())),
        );
        cx.list(
            &inner,
            &format!("return_to_run.stage[{}]: check", i + 1),
            &mut st.check,
            s.zip(ts.and_then(|x| x.check.as_ref())),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_decimals_either_way() {
        assert_eq!(numbers("3 x 10, 1.6 km"), vec!["1.6", "10", "3"]);
        assert_eq!(numbers("3 × 10, 1,6 km"), vec!["1.6", "10", "3"]);
        assert_eq!(numbers("Ja, 5 Sekunden"), vec!["5"]);
        assert_eq!(numbers("no numbers"), Vec::<String>::new());
    }

    #[test]
    fn a_point_decimal_is_found() {
        assert_eq!(point_decimal("etwa 1.6 km"), Some("1.6".into()));
        assert_eq!(point_decimal("etwa 1,6 km. Dann 3."), None);
    }

    #[test]
    fn locate_finds_the_opening_quote() {
        let text = "a = 1\nname = \"Clam \\\"shell\\\"\"\n";
        assert_eq!(locate(text, 0..text.len(), "Clam \"shell\""), 13);
        let text = "d = \"\"\"\nLong text\"\"\"\n";
        assert_eq!(locate(text, 0..text.len(), "Long text"), 4);
        // Not in a comment that repeats it.
        let text = "# Wall sit: a test\ntitle = \"Wall sit\"\n";
        assert_eq!(locate(text, 0..text.len(), "Wall sit"), 27);
    }
}
