//! Validate one program: resolve `extends`, check phases, slots and doses, and compute each
//! slot's dose for every week of its phase.

use super::{check_id, Sources};
use crate::diag::{suggest, Diagnostic};
use crate::load::raw::{
    RawChange, RawPainRule, RawProgram, RawProgression, RawSlot, RawStep, RawWeeks,
};
use crate::load::Layer;
use crate::model::{
    Dose, DoseKind, Evidence, Frequency, Library, PainRule, Phase, Program, Progression, Reference,
    Slot, StepRationale, Tempo,
};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::{Range, RangeInclusive};
use toml::Spanned;

pub const SETS: RangeInclusive<i64> = 1..=10;
pub const REPS: RangeInclusive<i64> = 1..=100;
pub const HOLD: RangeInclusive<i64> = 1..=600;
pub const TIME: RangeInclusive<i64> = 1..=7200;
pub const DISTANCE: RangeInclusive<i64> = 1..=50_000;
pub const REST: RangeInclusive<i64> = 0..=600;
pub const PROGRAM_WEEKS: RangeInclusive<i64> = 1..=104;
pub const SESSIONS: RangeInclusive<i64> = 1..=7;
pub const PRIORITY: RangeInclusive<i64> = 1..=9;
pub const EVERY: RangeInclusive<i64> = 1..=26;
pub const DEFAULT_REST: u32 = 60;
pub const DEFAULT_PRIORITY: u8 = 3;
const MAX_EXTENDS_DEPTH: usize = 8;

type RawPrograms = BTreeMap<String, (usize, RawProgram, Layer)>;
type BuiltinPrograms = BTreeMap<String, (usize, RawProgram)>;

mod dose;
mod extends;
mod phases;
mod progression;
mod safety;
mod slot;
#[cfg(test)]
mod tests;

use dose::{range_check, week_dose};
use extends::effective;
use phases::check_phase_weeks;
pub use progression::progress;
use progression::{check_progression, describe_rule};
use safety::{check_pain_rule, check_red_flags, check_run};
use slot::check_slot;

/// A value with the file it came from (a program that extends another mixes two files).
#[derive(Debug, Clone)]
struct F<T> {
    src: usize,
    v: Spanned<T>,
}

impl<T: Clone> F<T> {
    fn new(src: usize, v: &Spanned<T>) -> Self {
        F { src, v: v.clone() }
    }
    fn get(&self) -> &T {
        self.v.get_ref()
    }
    fn span(&self) -> Range<usize> {
        self.v.span()
    }
}

/// The dose fields of a slot, a step or a change, each with its file.
#[derive(Debug, Clone, Default)]
struct Fields {
    sets: Option<F<i64>>,
    reps: Option<F<i64>>,
    hold: Option<F<i64>>,
    time: Option<F<i64>>,
    distance: Option<F<i64>>,
    load: Option<String>,
    tempo: Option<F<String>>,
    rest: Option<F<i64>>,
}

impl Fields {
    fn from_raw(src: usize, d: &crate::load::raw::RawDoseFields) -> Self {
        let f = |o: &Option<Spanned<i64>>| o.as_ref().map(|v| F::new(src, v));
        Fields {
            sets: f(&d.sets),
            reps: f(&d.reps),
            hold: f(&d.hold),
            time: f(&d.time),
            distance: f(&d.distance),
            load: d.load.clone(),
            tempo: d.tempo.as_ref().map(|v| F::new(src, v)),
            rest: f(&d.rest),
        }
    }
    /// Fields given in `over` replace ours.
    fn overlay(&mut self, over: &Fields) {
        macro_rules! take {
            ($($f:ident),*) => {$( if over.$f.is_some() { self.$f = over.$f.clone(); } )*};
        }
        take!(sets, reps, hold, time, distance, load, tempo, rest);
    }
    fn all_numbers(&self) -> impl Iterator<Item = (&'static str, &F<i64>)> {
        [
            ("sets", &self.sets),
            ("reps", &self.reps),
            ("hold", &self.hold),
            ("time", &self.time),
            ("distance", &self.distance),
            ("rest", &self.rest),
        ]
        .into_iter()
        .filter_map(|(n, f)| f.as_ref().map(|f| (n, f)))
    }
}

/// A slot after `extends` is applied.
#[derive(Debug, Clone)]
struct EffSlot {
    exercise: F<String>,
    fields: Fields,
    frequency: Option<F<String>>,
    priority: Option<F<i64>>,
    source: Option<F<String>>,
    note: String,
    progression: Option<F<RawProgression>>,
    steps: Option<(usize, Vec<Spanned<RawStep>>)>,
    /// The span of the whole slot table, for problems with no better place.
    span: Range<usize>,
    rationale: String,
    /// A `[[change]]` that swapped the exercise: the new exercise, the dose before the swap
    /// and the fields the change stated (checked by [`check_switch`] once the library is known).
    swapped: Option<(F<String>, Fields, Fields)>,
}

impl EffSlot {
    fn from_raw(src: usize, s: &Spanned<RawSlot>) -> Self {
        let r = s.get_ref();
        EffSlot {
            exercise: F::new(src, &r.exercise),
            fields: Fields::from_raw(src, &r.dose()),
            frequency: r.frequency.as_ref().map(|v| F::new(src, v)),
            priority: r.priority.as_ref().map(|v| F::new(src, v)),
            source: crate::load::raw::reference_id(&r.reference, &r.source).map(|v| F::new(src, v)),
            note: r.note.clone(),
            progression: r.progression.as_ref().map(|v| F::new(src, v)),
            steps: r.schedule.as_ref().map(|v| (src, v.clone())),
            span: s.span(),
            rationale: r.rationale.clone(),
            swapped: None,
        }
    }
    fn apply_change(&mut self, src: usize, c: &RawChange) {
        if let Some(e) = &c.exercise {
            if e.get_ref() != self.exercise.get() {
                // A new exercise starts from its own dose, as in a schedule step: only the
                // sets and the rest carry over; the old note no longer applies.
                self.swapped = Some((
                    F::new(src, e),
                    self.fields.clone(),
                    Fields::from_raw(src, &c.dose()),
                ));
                self.fields = Fields {
                    sets: self.fields.sets.clone(),
                    rest: self.fields.rest.clone(),
                    ..Fields::default()
                };
                self.note.clear();
                self.rationale.clear();
            }
            self.exercise = F::new(src, e);
        }
        if let Some(s) = crate::load::raw::reference_id(&c.reference, &c.source) {
            self.source = Some(F::new(src, s));
        }
        self.fields.overlay(&Fields::from_raw(src, &c.dose()));
        if let Some(v) = &c.frequency {
            self.frequency = Some(F::new(src, v));
        }
        if let Some(v) = &c.priority {
            self.priority = Some(F::new(src, v));
        }
        if let Some(n) = &c.note {
            self.note = n.clone();
        }
        if let Some(r) = &c.rationale {
            self.rationale = r.clone();
        }
        if let Some(p) = &c.progression {
            self.progression = Some(F::new(src, p));
            self.steps = None;
        }
        if let Some(s) = &c.schedule {
            self.steps = Some((src, s.clone()));
            self.progression = None;
        }
    }
}

#[derive(Debug, Clone)]
struct EffPhase {
    src: usize,
    name: String,
    weeks: F<RawWeeks>,
    sessions: F<i64>,
    goals: Vec<String>,
    progress_when: Vec<String>,
    slots: Vec<EffSlot>,
    rationale: String,
}

/// A program after `extends` is applied: every value knows its file.
#[derive(Debug, Clone)]
struct Eff {
    src: usize,
    id: F<String>,
    title: Option<String>,
    aliases: Vec<String>,
    summary: Option<String>,
    description: Option<String>,
    location_note: String,
    evidence: Option<Evidence>,
    evidence_note: String,
    red_flags: Vec<F<crate::load::raw::RawRedFlag>>,
    general_red_flags: crate::model::GeneralRedFlags,
    pain_rule: Option<F<RawPainRule>>,
    return_to_run: Option<F<crate::load::raw::RawReturnToRun>>,
    references: Vec<(usize, Spanned<crate::load::raw::RawReference>)>,
    phases: Vec<EffPhase>,
    causes: Vec<String>,
    rationale: String,
    checks: Option<(usize, Vec<Spanned<crate::load::raw::RawCheck>>)>,
}

/// The dose state while walking through the weeks of a slot.
#[derive(Debug, Clone)]
struct State {
    exercise: F<String>,
    fields: Fields,
    note: Option<String>,
}

pub(super) fn check_program(
    sources: &Sources,
    src: usize,
    p: &RawProgram,
    all: &RawPrograms,
    builtin: &BuiltinPrograms,
    library: &Library,
    diags: &mut Vec<Diagnostic>,
) -> Option<Program> {
    let before = diags.len();
    let eff = effective(
        sources,
        src,
        p,
        all,
        builtin,
        std::slice::from_ref(p.id.get_ref()),
        diags,
    )?;
    let missing = Missing { sources, eff: &eff };
    let title = missing.text(
        &eff.title,
        "title",
        "\"Patellofemoral pain (runner's knee)\"",
        diags,
    );
    let summary = missing.text(
        &eff.summary,
        "summary",
        "\"one line for `rehabplan causes`\"",
        diags,
    );
    let description = missing.text(
        &eff.description,
        "description",
        "\"\"\"plain-language description\"\"\"",
        diags,
    );
    let evidence = check_evidence(&missing, diags);
    let (refs, ref_ids) = check_references(sources, &eff, diags);
    let check_ref = |f: &F<String>, diags: &mut Vec<Diagnostic>| {
        check_reference_known(sources, &ref_ids, f, diags)
    };
    let pain_rule = check_pain_rule(&missing, &check_ref, diags);
    let ranges = check_phase_weeks(&missing, diags);
    let phases = check_phases(sources, &eff, &ranges, library, &check_ref, diags);
    let program_weeks = phases.last().map(|p| p.last_week).unwrap_or(0);
    let return_to_run = eff
        .return_to_run
        .as_ref()
        .and_then(|r| check_run(sources, r, program_weeks, &check_ref, diags));

    let red_flags = check_red_flags(sources, &eff.red_flags, diags);
    let checks = eff.checks.as_ref().map_or_else(Vec::new, |(csrc, c)| {
        super::checks::check_checks(sources, *csrc, c, &ref_ids, diags)
    });
    if diags.len() > before {
        return None;
    }
    Some(Program {
        return_to_run,
        id: eff.id.get().clone(),
        title: title.trim().to_string(),
        aliases: eff.aliases.clone(),
        summary: summary.trim().to_string(),
        description: description.trim().to_string(),
        location_note: eff.location_note.trim().to_string(),
        evidence,
        evidence_note: eff.evidence_note.trim().to_string(),
        red_flags,
        general_red_flags: eff.general_red_flags,
        pain_rule: pain_rule?,
        references: refs,
        phases,
        causes: eff.causes.clone(),
        origin: sources.name(src).to_string(),
        rationale: eff.rationale.trim().to_string(),
        checks,
    })
}

/// A part every program needs (its own or from the program it extends), reported at the id.
struct Missing<'a> {
    sources: &'a Sources,
    eff: &'a Eff,
}

impl Missing<'_> {
    fn at_id(&self, message: String) -> Diagnostic {
        let id = &self.eff.id;
        self.sources.at(self.eff.src, id.span(), message)
    }
    fn diagnostic(&self, field: &str, example: &str) -> Diagnostic {
        let id = self.eff.id.get();
        self.at_id(format!("program `{id}` has no `{field}`"))
            .hint(format!(
                "add {field} = {example} (or `extends` a program that has one)"
            ))
    }
    fn text(
        &self,
        v: &Option<String>,
        field: &str,
        example: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        v.clone().unwrap_or_else(|| {
            diags.push(self.diagnostic(field, example));
            String::new()
        })
    }
}

/// Every program says how strong its evidence is; an extrapolated one says from what.
fn check_evidence(missing: &Missing, diags: &mut Vec<Diagnostic>) -> Evidence {
    let eff = missing.eff;
    let evidence = eff.evidence.unwrap_or_else(|| {
        diags.push(missing.diagnostic("evidence", "\"trial\" or \"extrapolated\""));
        Evidence::Trial
    });
    if evidence == Evidence::Extrapolated && eff.evidence_note.trim().is_empty() {
        let id = eff.id.get();
        diags.push(
            missing
                .at_id(format!(
                    "program `{id}` is extrapolated but has no `evidence_note`"
                ))
                .hint("say which evidence the doses are borrowed from, and why"),
        );
    }
    evidence
}

/// Each reference has a well-formed id of its own and a citation.
fn check_references(
    sources: &Sources,
    eff: &Eff,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Reference>, BTreeSet<String>) {
    let mut refs = Vec::new();
    let mut ref_ids = BTreeSet::new();
    for (rsrc, r) in &eff.references {
        let rr = r.get_ref();
        check_id(sources, *rsrc, &rr.id, "reference", diags);
        if !ref_ids.insert(rr.id.get_ref().clone()) {
            diags.push(
                sources
                    .at(
                        *rsrc,
                        rr.id.span(),
                        format!("duplicate reference id `{}`", rr.id.get_ref()),
                    )
                    .hint("give each reference its own id"),
            );
        }
        if rr.citation.trim().is_empty() {
            diags.push(
                sources
                    .at(
                        *rsrc,
                        r.span(),
                        format!("reference `{}` has an empty citation", rr.id.get_ref()),
                    )
                    .hint("write authors, year, journal, volume and pages"),
            );
        }
        refs.push(Reference {
            id: rr.id.get_ref().clone(),
            citation: rr.citation.trim().to_string(),
            verified: rr.verified,
        });
    }
    (refs, ref_ids)
}

/// A `source` names one of the program's references.
fn check_reference_known(
    sources: &Sources,
    ref_ids: &BTreeSet<String>,
    f: &F<String>,
    diags: &mut Vec<Diagnostic>,
) {
    if !ref_ids.contains(f.get()) {
        diags.push(
            sources
                .at(f.src, f.span(), format!("unknown reference `{}`", f.get()))
                .hint(suggest(
                    f.get(),
                    ref_ids.iter().map(String::as_str),
                    "add a [[reference]] with this id, or use one that exists",
                )),
        );
    }
}

/// The slots of each phase whose weeks could be read, in week order and numbered that way.
fn check_phases(
    sources: &Sources,
    eff: &Eff,
    ranges: &[(u32, u32, usize)],
    library: &Library,
    check_ref: &dyn Fn(&F<String>, &mut Vec<Diagnostic>),
    diags: &mut Vec<Diagnostic>,
) -> Vec<Phase> {
    let mut phases = Vec::new();
    for (i, ph) in eff.phases.iter().enumerate() {
        let Some(&(first, last, _)) = ranges.iter().find(|r| r.2 == i) else {
            continue;
        };
        let mut slots = Vec::new();
        for (j, s) in ph.slots.iter().enumerate() {
            if let Some(source) = &s.source {
                check_ref(source, diags);
            }
            if let Some(slot) = check_slot(sources, eff, s, j + 1, first, last, library, diags) {
                slots.push(slot);
            }
        }
        phases.push(Phase {
            number: i + 1,
            name: ph.name.clone(),
            first_week: first,
            last_week: last,
            sessions_per_week: (*ph.sessions.get()).clamp(1, 7) as u32,
            goals: ph.goals.clone(),
            progress_when: ph.progress_when.clone(),
            slots,
            rationale: ph.rationale.trim().to_string(),
        });
    }
    phases.sort_by_key(|p| p.first_week);
    for (i, p) in phases.iter_mut().enumerate() {
        p.number = i + 1;
    }

    phases
}

/// Whether a problem found in a program read back after a type error only says that a part
/// the type error already named is missing: a key that could not be read ("has no `title`"),
/// the weeks of a phase that could not be read (a gap or an overlap, the order of phases), an
/// empty phase whose slot could not be read, a reference whose entry could not be read.
pub fn caused_by_holes(d: &Diagnostic, holes: &crate::load::Holes) -> bool {
    let m = d.message.as_str();
    holes
        .keys
        .iter()
        .any(|k| m.ends_with(&format!(" has no `{k}`")))
        || (holes.phase
            && (m.contains(" in no phase (")
                || m.contains(" overlap an earlier phase ")
                || m.contains(" is listed after a phase ")
                || m.ends_with(" has no `[[phase]]`")))
        || (holes.slot && m.ends_with(" has no exercises"))
        || holes
            .references
            .iter()
            .any(|r| m == format!("unknown reference `{r}`"))
}
