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

fn effective(
    sources: &Sources,
    src: usize,
    p: &RawProgram,
    all: &RawPrograms,
    builtin: &BuiltinPrograms,
    chain: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Option<Eff> {
    let depth = chain.len();
    let id = p.id.get_ref().clone();
    let mut eff = match &p.extends {
        None => Eff {
            src,
            id: F::new(src, &p.id),
            title: None,
            aliases: Vec::new(),
            summary: None,
            description: None,
            location_note: String::new(),
            evidence: None,
            evidence_note: String::new(),
            red_flags: Vec::new(),
            general_red_flags: Default::default(),
            pain_rule: None,
            return_to_run: None,
            references: Vec::new(),
            phases: Vec::new(),
            causes: Vec::new(),
            rationale: String::new(),
            checks: None,
        },
        Some(base_id) => {
            let b = base_id.get_ref();
            if depth >= MAX_EXTENDS_DEPTH {
                diags.push(
                    sources
                        .at(
                            src,
                            base_id.span(),
                            format!("`extends` goes more than {MAX_EXTENDS_DEPTH} programs deep"),
                        )
                        .hint("check for programs that extend each other in a circle"),
                );
                return None;
            }
            // A program that extends its own id extends the built-in of that id.
            let base = if b == &id {
                builtin.get(b).map(|(s, r)| (*s, r))
            } else {
                all.get(b).map(|(s, r, _)| (*s, r))
            };
            if b != &id {
                if let Some(at) = chain.iter().position(|c| c == b) {
                    // A cycle: reported once, while checking its first member in id order.
                    let members = &chain[at..];
                    if at == 0 && members.iter().all(|m| m >= &chain[0]) {
                        let mut names: Vec<String> =
                            members.iter().map(|m| format!("`{m}`")).collect();
                        names.push(format!("`{b}`"));
                        diags.push(
                            sources
                                .at(
                                    src,
                                    base_id.span(),
                                    format!(
                                        "`extends` forms a cycle: {}",
                                        names.join(" extends ")
                                    ),
                                )
                                .hint("one program of the cycle must stand on its own or extend a program outside it"),
                        );
                    }
                    return None;
                }
            }
            let Some((bsrc, braw)) = base else {
                let hint = if b == &id {
                    format!("a program extends a program of its own id only to change the built-in one, and there is no built-in `{b}`; remove `extends` or name another program")
                } else {
                    suggest(
                        b,
                        all.keys().map(String::as_str).filter(|k| k != &id),
                        "run `rehabplan causes` to see the program ids",
                    )
                };
                diags.push(
                    sources
                        .at(
                            src,
                            base_id.span(),
                            format!("`extends` names unknown program `{b}`"),
                        )
                        .hint(hint),
                );
                return None;
            };
            let mut next = chain.to_vec();
            if b != &id {
                next.push(b.clone());
            }
            let mut e = effective(sources, bsrc, braw, all, builtin, &next, diags)?;
            if b != &id {
                // Aliases belong to the base program; an override of the same id keeps them.
                e.aliases.clear();
            }
            e
        }
    };
    eff.src = src;
    eff.id = F::new(src, &p.id);
    if !eff.causes.contains(&id) {
        eff.causes.insert(0, id.clone());
    }
    macro_rules! own {
        ($f:ident) => {
            if let Some(v) = &p.$f {
                eff.$f = Some(v.clone());
            }
        };
    }
    own!(title);
    own!(summary);
    own!(description);
    own!(evidence);
    if let Some(a) = &p.aliases {
        eff.aliases = a.iter().map(|s| s.get_ref().clone()).collect();
    }
    if let Some(v) = &p.location_note {
        eff.location_note = v.clone();
    }
    if let Some(v) = &p.evidence_note {
        eff.evidence_note = v.clone();
    }
    if let Some(v) = &p.rationale {
        eff.rationale = v.clone();
    }
    if let Some(v) = &p.red_flags {
        eff.red_flags = v.iter().map(|f| F::new(src, f)).collect();
    }
    if let Some(v) = p.general_red_flags {
        eff.general_red_flags = v;
    }
    if let Some(v) = &p.pain_rule {
        eff.pain_rule = Some(F::new(src, v));
    }
    if let Some(v) = &p.return_to_run {
        eff.return_to_run = Some(F::new(src, v));
    }
    if let Some(v) = &p.check {
        eff.checks = Some((src, v.clone()));
    }
    for r in &p.reference {
        let rid = r.get_ref().id.get_ref();
        eff.references
            .retain(|(_, x)| x.get_ref().id.get_ref() != rid);
        eff.references.push((src, r.clone()));
    }
    if let Some(phases) = &p.phase {
        if p.extends.is_some() {
            // Own phases replace the base's entirely.
            eff.phases.clear();
        }
        for ph in phases {
            let r = ph.get_ref();
            eff.phases.push(EffPhase {
                src,
                name: r.name.clone(),
                weeks: F::new(src, &r.weeks),
                sessions: F::new(src, &r.sessions_per_week),
                goals: r.goals.clone(),
                progress_when: r.progress_when.clone(),
                slots: r
                    .slot
                    .iter()
                    .map(|s| {
                        if let Some(ph) = &s.get_ref().phase {
                            diags.push(
                                sources
                                    .at(src, ph.span(), "`phase` belongs only in an [[add]] entry")
                                    .hint("a [[phase.slot]] is already inside its phase; remove this key"),
                            );
                        }
                        EffSlot::from_raw(src, s)
                    })
                    .collect(),
                rationale: r.rationale.clone(),
            });
        }
    }
    let without_extends = |what: &str, span: Range<usize>| {
        sources
            .at(src, span, format!("[[{what}]] needs `extends`"))
            .hint(
                "changes, additions and removals apply to the program named by `extends = \"...\"`",
            )
    };
    // [[change]], [[add]], [[remove]]
    for c in &p.change {
        let r = c.get_ref();
        if p.extends.is_none() {
            diags.push(without_extends("change", c.span()));
            continue;
        }
        if let Some(slot) = find_slot(sources, src, &mut eff, &r.phase, &r.slot, diags) {
            slot.apply_change(src, r);
        }
    }
    for a in &p.add {
        let r = a.get_ref();
        if p.extends.is_none() {
            diags.push(without_extends("add", a.span()));
            continue;
        }
        let Some(ph) = &r.phase else {
            diags.push(
                sources
                    .at(src, a.span(), "[[add]] needs `phase`")
                    .hint("say which phase gets the slot, e.g. phase = 1"),
            );
            continue;
        };
        let n = phase_index(sources, src, &eff, ph, diags);
        if let Some(i) = n {
            eff.phases[i].slots.push(EffSlot::from_raw(src, a));
        }
    }
    for rm in &p.remove {
        let r = rm.get_ref();
        if p.extends.is_none() {
            diags.push(without_extends("remove", rm.span()));
            continue;
        }
        if let Some(i) = phase_index(sources, src, &eff, &r.phase, diags) {
            let before = eff.phases[i].slots.len();
            eff.phases[i]
                .slots
                .retain(|s| s.exercise.get() != r.slot.get_ref());
            if eff.phases[i].slots.len() == before {
                let names: Vec<String> = eff.phases[i]
                    .slots
                    .iter()
                    .map(|s| s.exercise.get().clone())
                    .collect();
                diags.push(
                    sources
                        .at(
                            src,
                            r.slot.span(),
                            format!("phase {} has no slot `{}`", i + 1, r.slot.get_ref()),
                        )
                        .hint(suggest(
                            r.slot.get_ref(),
                            names.iter().map(String::as_str),
                            &format!("its slots are: {}", names.join(", ")),
                        )),
                );
            }
        }
    }
    Some(eff)
}

fn phase_index(
    sources: &Sources,
    src: usize,
    eff: &Eff,
    phase: &Spanned<i64>,
    diags: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let n = *phase.get_ref();
    if n < 1 || n as usize > eff.phases.len() {
        diags.push(
            sources
                .at(src, phase.span(), format!("phase {n} does not exist"))
                .hint(format!("the program has phases 1 to {}", eff.phases.len())),
        );
        return None;
    }
    Some(n as usize - 1)
}

fn find_slot<'a>(
    sources: &Sources,
    src: usize,
    eff: &'a mut Eff,
    phase: &Spanned<i64>,
    slot: &Spanned<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'a mut EffSlot> {
    let i = phase_index(sources, src, eff, phase, diags)?;
    let names: Vec<String> = eff.phases[i]
        .slots
        .iter()
        .map(|s| s.exercise.get().clone())
        .collect();
    match eff.phases[i]
        .slots
        .iter_mut()
        .find(|s| s.exercise.get() == slot.get_ref())
    {
        Some(s) => Some(s),
        None => {
            diags.push(
                sources
                    .at(
                        src,
                        slot.span(),
                        format!("phase {} has no slot `{}`", i + 1, slot.get_ref()),
                    )
                    .hint(suggest(
                        slot.get_ref(),
                        names.iter().map(String::as_str),
                        &format!("its slots are: {}", names.join(", ")),
                    )),
            );
            None
        }
    }
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
    let id = eff.id.get().clone();
    let id_span = eff.id.span();
    let missing = |field: &str, example: &str| {
        sources
            .at(
                src,
                id_span.clone(),
                format!("program `{id}` has no `{field}`"),
            )
            .hint(format!(
                "add {field} = {example} (or `extends` a program that has one)"
            ))
    };
    let title = eff.title.clone().unwrap_or_else(|| {
        diags.push(missing("title", "\"Patellofemoral pain (runner's knee)\""));
        String::new()
    });
    let summary = eff.summary.clone().unwrap_or_else(|| {
        diags.push(missing("summary", "\"one line for `rehabplan causes`\""));
        String::new()
    });
    let description = eff.description.clone().unwrap_or_else(|| {
        diags.push(missing(
            "description",
            "\"\"\"plain-language description\"\"\"",
        ));
        String::new()
    });
    let evidence = eff.evidence.unwrap_or_else(|| {
        diags.push(missing("evidence", "\"trial\" or \"extrapolated\""));
        Evidence::Trial
    });
    if evidence == Evidence::Extrapolated && eff.evidence_note.trim().is_empty() {
        diags.push(
            sources
                .at(
                    src,
                    id_span.clone(),
                    format!("program `{id}` is extrapolated but has no `evidence_note`"),
                )
                .hint("say which evidence the doses are borrowed from, and why"),
        );
    }

    // References.
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
    let check_ref = |f: &F<String>, diags: &mut Vec<Diagnostic>| {
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
    };

    // Pain rule.
    let pain_rule = match &eff.pain_rule {
        None => {
            diags.push(missing(
                "[pain_rule]",
                "{ green_max = 3, amber_max = 5, settle_by_morning = true }",
            ));
            None
        }
        Some(pr) => {
            let r = pr.get();
            let g = *r.green_max.get_ref();
            let a = *r.amber_max.get_ref();
            let mut ok = true;
            if !(0..=10).contains(&g) {
                diags.push(
                    sources
                        .at(
                            pr.src,
                            r.green_max.span(),
                            format!("green_max is {g}; pain is scored 0 to 10"),
                        )
                        .hint("use a value from 0 to 10, typically 3"),
                );
                ok = false;
            }
            if !(0..=10).contains(&a) || a < g {
                diags.push(
                    sources
                        .at(pr.src, r.amber_max.span(), format!("amber_max is {a}; it must be from green_max ({g}) to 10"))
                        .hint("typically 5: pain up to 5/10 is acceptable if it settles by the next morning"),
                );
                ok = false;
            }
            if let Some(s) = crate::load::raw::reference_id(&r.reference, &r.source) {
                check_ref(&F::new(pr.src, s), diags);
            }
            ok.then(|| PainRule {
                green_max: g as u8,
                amber_max: a as u8,
                settle_by_morning: r.settle_by_morning,
                source: crate::load::raw::reference_id(&r.reference, &r.source)
                    .map(|s| s.get_ref().clone())
                    .unwrap_or_default(),
                note: r.note.trim().to_string(),
                rationale: r.rationale.trim().to_string(),
            })
        }
    };

    // Phases: ranges, then coverage of 1..N.
    if eff.phases.is_empty() {
        diags.push(missing(
            "[[phase]]",
            "tables, each with name, weeks, sessions_per_week and slots",
        ));
    }
    let mut ranges: Vec<(u32, u32, usize)> = Vec::new();
    for (i, ph) in eff.phases.iter().enumerate() {
        if let Some((a, b)) = parse_weeks(sources, &ph.weeks, diags) {
            ranges.push((a, b, i));
        }
        let s = *ph.sessions.get();
        if !SESSIONS.contains(&s) {
            diags.push(
                sources
                    .at(
                        ph.sessions.src,
                        ph.sessions.span(),
                        format!("sessions_per_week is {s}; it must be from 1 to 7"),
                    )
                    .hint("the number of training days a week, typically 2 or 3"),
            );
        }
        if ph.slots.is_empty() {
            diags.push(
                sources
                    .at(
                        ph.src,
                        ph.weeks.span(),
                        format!("phase `{}` has no exercises", ph.name),
                    )
                    .hint("add [[phase.slot]] tables with an exercise and its dose"),
            );
        }
    }
    // Phases are listed in week order: [[change]], [[add]] and [[remove]] number them that way.
    for pair in ranges.windows(2) {
        let (a, _, _) = pair[0];
        let (b, _, j) = pair[1];
        if b < a {
            let ph = &eff.phases[j];
            diags.push(
                sources
                    .at(ph.src, ph.weeks.span(), format!("phase `{}` (from week {b}) is listed after a phase that starts at week {a}", ph.name))
                    .hint("list the phases in week order"),
            );
        }
    }
    let mut sorted = ranges.clone();
    sorted.sort();
    let mut expect = 1u32;
    for (a, b, i) in &sorted {
        let ph = &eff.phases[*i];
        if *a > expect {
            let gap = if *a - 1 == expect {
                format!("week {expect} is")
            } else {
                format!("weeks {expect}-{} are", a - 1)
            };
            diags.push(
                sources
                    .at(
                        ph.src,
                        ph.weeks.span(),
                        format!("{gap} in no phase (phase `{}` starts at week {a})", ph.name),
                    )
                    .hint("phases must cover the weeks from 1 on with no gap"),
            );
        } else if *a < expect {
            diags.push(
                sources
                    .at(ph.src, ph.weeks.span(), format!("weeks {a}-{b} of phase `{}` overlap an earlier phase (which runs to week {})", ph.name, expect - 1))
                    .hint(format!("start this phase at week {expect}")),
            );
        }
        expect = expect.max(b + 1);
    }

    // Slots.
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
            if let Some(slot) = check_slot(sources, &eff, s, j + 1, first, last, library, diags) {
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

    let program_weeks = phases.last().map(|p| p.last_week).unwrap_or(0);
    let return_to_run = eff
        .return_to_run
        .as_ref()
        .and_then(|r| check_run(sources, r, program_weeks, &|f, d| check_ref(f, d), diags));

    let red_flags = check_red_flags(sources, &eff.red_flags, diags);
    let checks = eff.checks.as_ref().map_or_else(Vec::new, |(csrc, c)| {
        super::checks::check_checks(sources, *csrc, c, &ref_ids, diags)
    });

    if diags.len() > before {
        return None;
    }
    Some(Program {
        return_to_run,
        id,
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

/// A program's own warning signs: each needs a sign and a yes/no question ending in "?".
fn check_red_flags(
    sources: &Sources,
    flags: &[F<crate::load::raw::RawRedFlag>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<crate::model::RedFlag> {
    let mut out = Vec::new();
    for f in flags {
        let raw = f.get();
        let sign = raw.sign.get_ref().trim();
        let question = raw.question.get_ref().trim();
        if sign.is_empty() {
            diags.push(
                sources
                    .at(f.src, raw.sign.span(), "the red flag's `sign` is empty")
                    .hint("write the warning sign as the patient would notice it, e.g. sign = \"you felt a pop at the back of the thigh\""),
            );
        }
        if question.is_empty() {
            diags.push(
                sources
                    .at(f.src, raw.question.span(), "the red flag's `question` is empty")
                    .hint("write the sign as a yes/no question, e.g. question = \"Did you feel a pop at the back of the thigh?\""),
            );
        } else if !question.ends_with('?') {
            diags.push(
                sources
                    .at(
                        f.src,
                        raw.question.span(),
                        "the red flag's `question` is not a question",
                    )
                    .hint("write it as a yes/no question ending in \"?\"; a \"yes\" means: see a doctor first"),
            );
        }
        out.push(crate::model::RedFlag {
            sign: sign.to_string(),
            question: question.to_string(),
            why: raw.why.trim().to_string(),
            urgency: raw.urgency,
            rationale: raw.rationale.trim().to_string(),
        });
    }
    out
}

fn check_run(
    sources: &Sources,
    r: &F<crate::load::raw::RawReturnToRun>,
    program_weeks: u32,
    check_ref: &dyn Fn(&F<String>, &mut Vec<Diagnostic>),
    diags: &mut Vec<Diagnostic>,
) -> Option<crate::model::ReturnToRun> {
    let src = r.src;
    let raw = r.get();
    let before = diags.len();
    let num = |v: &Spanned<i64>,
               name: &str,
               range: RangeInclusive<i64>,
               unit: &str,
               diags: &mut Vec<Diagnostic>|
     -> u32 {
        let n = *v.get_ref();
        if !range.contains(&n) {
            diags.push(
                sources
                    .at(src, v.span(), format!("{name} = {n} is out of range"))
                    .hint(format!(
                        "{name} must be from {} to {}{unit}",
                        range.start(),
                        range.end()
                    )),
            );
        }
        n.clamp(0, u32::MAX as i64) as u32
    };
    let start_week = num(
        &raw.start_week,
        "start_week",
        1..=program_weeks.max(1) as i64,
        " (a week of the program)",
        diags,
    );
    let repeat = raw
        .repeat
        .as_ref()
        .map(|v| num(v, "repeat", 1..=6, " runs", diags))
        .unwrap_or(2);
    let per_week = raw
        .per_week
        .as_ref()
        .map(|v| num(v, "per_week", 1..=4, " runs", diags))
        .unwrap_or(3);
    let mut stages = Vec::new();
    for st in &raw.stage {
        let s = st.get_ref();
        let walk = num(&s.walk, "walk", 0..=1800, " seconds", diags);
        let run = num(&s.run, "run", 0..=3600, " seconds", diags);
        let distance = num(&s.distance, "distance", 100..=42_195, " metres", diags);
        if walk > 0 && run == 0 {
            diags.push(sources.at(src, s.run.span(), "a stage with walking needs run intervals").hint("give run = seconds of running between the walks, or walk = 0 for a continuous run"));
        }
        stages.push(crate::model::RunStage {
            walk,
            run,
            distance,
            effort: s.effort.trim().to_string(),
            what: s.what.trim().to_string(),
            check: s
                .check
                .iter()
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect(),
        });
    }
    if stages.is_empty() {
        diags.push(
            sources
                .at(src, r.span(), "the walk-run ladder has no stages")
                .hint("add [[return_to_run.stage]] tables with walk, run and distance"),
        );
    }
    if let Some(s) = crate::load::raw::reference_id(&raw.reference, &raw.source) {
        check_ref(&F::new(src, s), diags);
    }
    if diags.len() > before {
        return None;
    }
    Some(crate::model::ReturnToRun {
        start_week,
        repeat,
        per_week,
        source: crate::load::raw::reference_id(&raw.reference, &raw.source)
            .map(|s| s.get_ref().clone())
            .unwrap_or_default(),
        entry_criteria: raw.entry_criteria.clone(),
        rules: raw.rules.clone(),
        stages,
        rationale: raw.rationale.trim().to_string(),
    })
}

fn parse_weeks(
    sources: &Sources,
    w: &F<RawWeeks>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(u32, u32)> {
    let bad = |diags: &mut Vec<Diagnostic>, msg: String| {
        diags.push(sources.at(w.src, w.span(), msg).hint(format!(
            "write weeks = \"1-4\" (an inclusive range) or weeks = 3 (one week), within {}-{}",
            PROGRAM_WEEKS.start(),
            PROGRAM_WEEKS.end()
        )));
        None
    };
    let (a, b) = match w.get() {
        RawWeeks::One(n) => (*n, *n),
        RawWeeks::Range(s) => {
            let parts: Vec<&str> = s.split('-').map(str::trim).collect();
            let nums: Option<Vec<i64>> = parts.iter().map(|p| p.parse::<i64>().ok()).collect();
            match (parts.len(), nums) {
                (1, Some(n)) => (n[0], n[0]),
                (2, Some(n)) => (n[0], n[1]),
                _ => return bad(diags, format!("cannot read weeks = \"{s}\"")),
            }
        }
    };
    if !PROGRAM_WEEKS.contains(&a) || !PROGRAM_WEEKS.contains(&b) {
        return bad(
            diags,
            format!(
                "weeks {a}-{b} are outside 1-{}: a program runs at most {} weeks",
                PROGRAM_WEEKS.end(),
                PROGRAM_WEEKS.end()
            ),
        );
    }
    if b < a {
        return bad(diags, format!("weeks \"{a}-{b}\" ends before it starts"));
    }
    Some((a as u32, b as u32))
}

fn range_check(sources: &Sources, name: &str, f: &F<i64>, diags: &mut Vec<Diagnostic>) -> bool {
    let (range, unit, typical) = limits(name);
    let v = *f.get();
    if !range.contains(&v) {
        let what = if v == 0 && *range.start() > 0 {
            format!("{name} is 0")
        } else {
            format!("{name} = {v} is out of range")
        };
        diags.push(sources.at(f.src, f.span(), what).hint(format!(
            "{name} must be from {} to {}{unit}; typical: {typical}",
            range.start(),
            range.end()
        )));
        return false;
    }
    true
}

fn limits(name: &str) -> (RangeInclusive<i64>, &'static str, &'static str) {
    match name {
        "sets" => (SETS, "", "2-3"),
        "reps" => (REPS, "", "8-15"),
        "hold" => (HOLD, " seconds", "30"),
        "time" => (TIME, " seconds", "300 (5 minutes)"),
        "distance" => (DISTANCE, " metres", "1600"),
        "rest" => (REST, " seconds", "60"),
        "priority" => (PRIORITY, "", "1 (most important) to 5"),
        "every" => (EVERY, " weeks", "1 or 2"),
        _ => (0..=1000, "", ""),
    }
}

/// The dose state while walking through the weeks of a slot.
#[derive(Debug, Clone)]
struct State {
    exercise: F<String>,
    fields: Fields,
    note: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn check_slot(
    sources: &Sources,
    eff: &Eff,
    s: &EffSlot,
    index: usize,
    first: u32,
    last: u32,
    library: &Library,
    diags: &mut Vec<Diagnostic>,
) -> Option<Slot> {
    let before = diags.len();
    for (name, f) in s.fields.all_numbers() {
        range_check(sources, name, f, diags);
    }
    let frequency = match &s.frequency {
        None => Frequency::Session,
        Some(f) => match parse_frequency(f.get()) {
            Some(fr) => fr,
            None => {
                diags.push(
                    sources
                        .at(f.src, f.span(), format!("unknown frequency `{}`", f.get()))
                        .hint(suggest(
                            f.get(),
                            ["session", "daily", "twice-daily", "every-2-days"],
                            "use session, daily, twice-daily or every-N-days (N 2-7)",
                        )),
                );
                Frequency::Session
            }
        },
    };
    let priority = match &s.priority {
        None => DEFAULT_PRIORITY,
        Some(p) => {
            range_check(sources, "priority", p, diags);
            (*p.get()).clamp(1, 9) as u8
        }
    };

    // Steps: in the phase, strictly increasing.
    let mut steps: Vec<(u32, usize, &RawStep, Range<usize>)> = Vec::new();
    if let Some((ssrc, list)) = &s.steps {
        if s.progression.is_some() {
            diags.push(
                sources
                    .at(
                        *ssrc,
                        s.span.clone(),
                        format!(
                            "slot `{}` has both `progression` and `schedule`",
                            s.exercise.get()
                        ),
                    )
                    .hint("use a rule (progression) or a week-by-week list (schedule), not both"),
            );
        }
        if list.is_empty() {
            diags.push(
                sources
                    .at(*ssrc, s.span.clone(), "`schedule` is empty")
                    .hint("list at least one step, or remove `schedule`"),
            );
        }
        let mut prev: Option<u32> = None;
        for st in list {
            let r = st.get_ref();
            let w = *r.week.get_ref();
            for (name, f) in Fields::from_raw(*ssrc, &r.dose()).all_numbers() {
                range_check(sources, name, f, diags);
            }
            if w < first as i64 || w > last as i64 {
                diags.push(
                    sources
                        .at(*ssrc, r.week.span(), format!("week {w} is outside this phase (weeks {first}-{last})"))
                        .hint("schedule weeks are program weeks; move the step to the phase that holds that week"),
                );
                continue;
            }
            let w = w as u32;
            if let Some(p) = prev {
                if w == p {
                    diags.push(sources.at(*ssrc, r.week.span(), format!("week {w} appears twice in the schedule")).hint("give each week at most one step; a step applies until the next one"));
                    continue;
                }
                if w < p {
                    diags.push(
                        sources
                            .at(
                                *ssrc,
                                r.week.span(),
                                format!("week {w} comes after week {p}"),
                            )
                            .hint("list the schedule steps in week order"),
                    );
                    continue;
                }
            }
            prev = Some(w);
            steps.push((w, *ssrc, r, st.span()));
        }
    }

    if let Some((e, before, stated)) = &s.swapped {
        check_switch(sources, library, e, before, stated, "this change", diags);
    }
    let progression = s
        .progression
        .as_ref()
        .map(|p| check_progression(sources, p, diags));

    // Walk the weeks.
    let mut weeks = Vec::new();
    let mut state = State {
        exercise: s.exercise.clone(),
        fields: s.fields.clone(),
        note: None,
    };
    for week in first..=last {
        for (_, ssrc, r, _) in steps.iter().filter(|st| st.0 == week) {
            let over = Fields::from_raw(*ssrc, &r.dose());
            if let Some(e) = &r.exercise {
                if e.get_ref() != state.exercise.get() {
                    check_switch(
                        sources,
                        library,
                        &F::new(*ssrc, e),
                        &state.fields,
                        &over,
                        &format!("week {week}"),
                        diags,
                    );
                    // A new exercise starts from its own dose: kind fields, load and tempo reset.
                    let keep_sets = state.fields.sets.clone();
                    let keep_rest = state.fields.rest.clone();
                    state.fields = Fields {
                        sets: keep_sets,
                        rest: keep_rest,
                        ..Fields::default()
                    };
                }
                state.exercise = F::new(*ssrc, e);
                state.note = Some(String::new());
            }
            if let Some(n) = &r.note {
                state.note = Some(n.trim().to_string());
            }
            state.fields.overlay(&over);
        }
        let k = (week - first) / progression.as_ref().map(|p| p.every.max(1)).unwrap_or(1);
        match week_dose(
            sources,
            eff,
            &state,
            progression.as_ref().map(|p| (p, k)),
            library,
            diags,
        ) {
            Some(d) => weeks.push(d),
            None => {
                // Stop at the first bad week of the slot: later weeks would repeat the problem.
                break;
            }
        }
    }
    // A progression that runs past the limits.
    if let (Some(_), Some(pf)) = (&progression, &s.progression) {
        for (name, cap, max) in [
            (
                "reps",
                weeks.iter().filter_map(|d| d.reps).max(),
                *REPS.end(),
            ),
            (
                "hold",
                weeks.iter().filter_map(|d| d.hold).max(),
                *HOLD.end(),
            ),
            (
                "time",
                weeks.iter().filter_map(|d| d.time).max(),
                *TIME.end(),
            ),
        ] {
            if let Some(v) = cap {
                if v as i64 > max {
                    diags.push(
                        sources
                            .at(pf.src, pf.span(), format!("this progression takes {name} to {v} by week {last}; the most is {max}"))
                            .hint(format!("set max_{name} in the rule")),
                    );
                }
            }
        }
    }
    // A rule that adds to a count the dose does not have would silently never change it.
    if let (Some(p), Some(pf), Some(d)) = (&progression, &s.progression, weeks.first()) {
        for (name, adds, has) in [
            ("reps", p.add_reps, d.reps.is_some()),
            ("hold", p.add_hold, d.hold.is_some()),
            ("time", p.add_time, d.time.is_some()),
        ] {
            if adds > 0 && !has {
                diags.push(
                    sources
                        .at(
                            pf.src,
                            pf.span(),
                            format!(
                                "this progression adds {name}, but the dose of `{}` has no `{name}`, so it would never change",
                                d.exercise
                            ),
                        )
                        .hint(format!(
                            "give the slot a starting {name} = ..., or remove add_{name}"
                        )),
                );
            }
        }
    }
    if diags.len() > before || weeks.len() != (last - first + 1) as usize {
        return None;
    }
    let how = match (&progression, steps.is_empty()) {
        (Some(p), _) => format!("rule: {}", describe_rule(p)),
        (None, false) => "week-by-week schedule".to_string(),
        (None, true) => "same dose every week".to_string(),
    };
    Some(Slot {
        index,
        frequency,
        priority,
        source: s.source.as_ref().map(|f| f.get().clone()),
        note: s.note.trim().to_string(),
        weeks,
        how,
        rationale: s.rationale.trim().to_string(),
        step_rationales: steps
            .iter()
            .filter_map(|(w, _, r, _)| {
                let text = r.rationale.as_deref().unwrap_or("").trim();
                (!text.is_empty()).then(|| StepRationale {
                    week: *w,
                    text: text.to_string(),
                })
            })
            .collect(),
    })
}

/// A step or change that swaps the exercise starts a new dose: only `sets` and `rest` carry
/// over. Every other key the dose had before and the new exercise takes (its count, the load,
/// the tempo) must be stated again, or a forgotten `reps = 6` silently becomes one hold a set.
#[allow(clippy::too_many_arguments)]
fn check_switch(
    sources: &Sources,
    library: &Library,
    to: &F<String>,
    before: &Fields,
    stated: &Fields,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(ex) = library.get(to.get()) else {
        return;
    };
    let takes: &[&str] = match ex.dose {
        DoseKind::Reps => &["reps"],
        DoseKind::Hold => &["hold", "reps"],
        DoseKind::Time => &["time"],
        DoseKind::Distance => &["distance"],
    };
    let num = |f: &Fields, k: &str| -> Option<i64> {
        match k {
            "reps" => f.reps.as_ref(),
            "hold" => f.hold.as_ref(),
            "time" => f.time.as_ref(),
            "distance" => f.distance.as_ref(),
            _ => None,
        }
        .map(|v| *v.get())
    };
    let mut missing: Vec<(&str, String)> = Vec::new();
    for k in takes {
        if let (Some(v), None) = (num(before, k), num(stated, k)) {
            missing.push((k, v.to_string()));
        }
    }
    for (k, b, st) in [
        ("load", &before.load, &stated.load),
        (
            "tempo",
            &before.tempo.as_ref().map(|t| t.get().clone()),
            &stated.tempo.as_ref().map(|t| t.get().clone()),
        ),
    ] {
        if let (Some(v), None) = (b, st) {
            if !v.trim().is_empty() {
                missing.push((k, format!("{v:?}")));
            }
        }
    }
    if missing.is_empty() {
        return;
    }
    let keys = missing
        .iter()
        .map(|(k, _)| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let had = missing
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join(", ");
    let none: Vec<String> = missing
        .iter()
        .filter(|(k, _)| *k == "load" || *k == "tempo")
        .map(|(k, _)| format!("{k} = \"\""))
        .collect();
    let drop = if none.is_empty() {
        String::new()
    } else {
        format!(" ({} for none)", none.join(", "))
    };
    diags.push(
        sources
            .at(
                to.src,
                to.span(),
                format!(
                    "{what} switches to `{}` without stating {keys}; the dose before had {had}",
                    to.get()
                ),
            )
            .hint(format!(
                "a step that changes the exercise states its whole dose (only sets and rest carry over): add {had} to keep it, or give the new values{drop}"
            )),
    );
}

fn parse_frequency(s: &str) -> Option<Frequency> {
    match s {
        "session" => Some(Frequency::Session),
        "daily" => Some(Frequency::Daily),
        "twice-daily" => Some(Frequency::TimesADay(2)),
        _ => {
            let n: u32 = s
                .strip_prefix("every-")?
                .strip_suffix("-days")?
                .parse()
                .ok()?;
            (2..=7).contains(&n).then_some(Frequency::EveryDays(n))
        }
    }
}

fn check_progression(
    sources: &Sources,
    p: &F<RawProgression>,
    diags: &mut Vec<Diagnostic>,
) -> Progression {
    let r = p.get();
    let num = |o: &Option<Spanned<i64>>,
               name: &str,
               range: RangeInclusive<i64>,
               diags: &mut Vec<Diagnostic>|
     -> Option<u32> {
        let v = o.as_ref()?;
        let n = *v.get_ref();
        if !range.contains(&n) {
            diags.push(
                sources
                    .at(p.src, v.span(), format!("{name} = {n} is out of range"))
                    .hint(format!(
                        "{name} must be from {} to {}",
                        range.start(),
                        range.end()
                    )),
            );
            return None;
        }
        Some(n as u32)
    };
    let pr = Progression {
        every: num(&r.every, "every", EVERY, diags).unwrap_or(1),
        add_reps: num(&r.add_reps, "add_reps", 0..=20, diags).unwrap_or(0),
        max_reps: num(&r.max_reps, "max_reps", REPS, diags),
        add_sets: num(&r.add_sets, "add_sets", 0..=3, diags).unwrap_or(0),
        max_sets: num(&r.max_sets, "max_sets", SETS, diags),
        reset_reps: num(&r.reset_reps, "reset_reps", REPS, diags),
        add_hold: num(&r.add_hold, "add_hold", 0..=120, diags).unwrap_or(0),
        max_hold: num(&r.max_hold, "max_hold", HOLD, diags),
        add_time: num(&r.add_time, "add_time", 0..=1800, diags).unwrap_or(0),
        max_time: num(&r.max_time, "max_time", TIME, diags),
    };
    if pr.add_reps > 0 && pr.add_sets > 0 && pr.max_reps.is_none() {
        diags.push(
            sources
                .at(
                    p.src,
                    r.add_sets.as_ref().map(|v| v.span()).unwrap_or(p.span()),
                    "add_sets never applies: with add_reps, sets are added only when reps reach max_reps, and this rule has no max_reps",
                )
                .hint("add max_reps = ... (and reset_reps), or remove add_sets"),
        );
    }
    if pr.add_reps == 0 && pr.add_sets == 0 && pr.add_hold == 0 && pr.add_time == 0 {
        diags.push(
            sources
                .at(p.src, p.span(), "this progression never changes the dose")
                .hint("give at least one of add_reps, add_sets, add_hold, add_time"),
        );
    }
    pr
}

fn describe_rule(p: &Progression) -> String {
    let mut parts = Vec::new();
    let every = if p.every == 1 {
        "a week".to_string()
    } else {
        format!("every {} weeks", p.every)
    };
    if p.add_reps > 0 {
        let mut s = format!("+{} reps {every}", p.add_reps);
        if let Some(m) = p.max_reps {
            s.push_str(&format!(" up to {m}"));
            if p.add_sets > 0 {
                s.push_str(&format!(
                    ", then +{} set and back to {} reps",
                    p.add_sets,
                    p.reset_reps
                        .map(|r| r.to_string())
                        .unwrap_or_else(|| "the start".into())
                ));
                if let Some(ms) = p.max_sets {
                    s.push_str(&format!(" (at most {ms} sets)"));
                }
            }
        }
        parts.push(s);
    } else if p.add_sets > 0 {
        parts.push(format!(
            "+{} set {every}{}",
            p.add_sets,
            p.max_sets
                .map(|m| format!(" up to {m}"))
                .unwrap_or_default()
        ));
    }
    if p.add_hold > 0 {
        parts.push(format!(
            "+{} s hold {every}{}",
            p.add_hold,
            p.max_hold
                .map(|m| format!(" up to {m} s"))
                .unwrap_or_default()
        ));
    }
    if p.add_time > 0 {
        parts.push(format!(
            "+{} s {every}{}",
            p.add_time,
            p.max_time
                .map(|m| format!(" up to {m} s"))
                .unwrap_or_default()
        ));
    }
    parts.join("; ")
}

/// Apply a progression rule `k` times to a starting dose.
pub fn progress(p: &Progression, mut d: Dose, k: u32) -> Dose {
    let start_reps = d.reps;
    for _ in 0..k {
        if p.add_reps > 0 {
            if let Some(r) = d.reps {
                let next = r + p.add_reps;
                match p.max_reps {
                    Some(max) if next > max => {
                        let max_sets = p.max_sets.unwrap_or(*SETS.end() as u32);
                        if p.add_sets > 0 && d.sets + p.add_sets <= max_sets {
                            d.sets += p.add_sets;
                            d.reps = Some(p.reset_reps.or(start_reps).unwrap_or(r));
                        } else {
                            d.reps = Some(max.max(r));
                        }
                    }
                    _ => d.reps = Some(next),
                }
            }
        } else if p.add_sets > 0 {
            d.sets = (d.sets + p.add_sets)
                .min(p.max_sets.unwrap_or(*SETS.end() as u32))
                .max(d.sets);
        }
        if p.add_hold > 0 {
            if let Some(h) = d.hold {
                d.hold = Some(
                    p.max_hold
                        .map(|m| (h + p.add_hold).min(m.max(h)))
                        .unwrap_or(h + p.add_hold),
                );
            }
        }
        if p.add_time > 0 {
            if let Some(t) = d.time {
                d.time = Some(
                    p.max_time
                        .map(|m| (t + p.add_time).min(m.max(t)))
                        .unwrap_or(t + p.add_time),
                );
            }
        }
    }
    d
}

#[allow(clippy::too_many_arguments)]
fn week_dose(
    sources: &Sources,
    eff: &Eff,
    state: &State,
    progression: Option<(&Progression, u32)>,
    library: &Library,
    diags: &mut Vec<Diagnostic>,
) -> Option<Dose> {
    let ex_f = &state.exercise;
    let ex_id = ex_f.get();
    let Some(ex) = library.get(ex_id) else {
        diags.push(
            sources
                .at(ex_f.src, ex_f.span(), format!("unknown exercise id `{ex_id}`"))
                .hint(suggest(ex_id, library.exercises.keys().map(String::as_str), "run `rehabplan exercises` to see the ids, or add the exercise to a library file")),
        );
        return None;
    };
    if ex.is_contraindicated_for(&eff.causes) {
        let cause = ex
            .contraindicated
            .iter()
            .find(|c| eff.causes.contains(c))
            .cloned()
            .unwrap_or_default();
        diags.push(
            sources
                .at(
                    ex_f.src,
                    ex_f.span(),
                    format!("exercise `{ex_id}` is contraindicated for `{cause}`"),
                )
                .hint(
                    match ex.easier.iter().chain(&ex.harder).find(|v| {
                        library
                            .get(v)
                            .is_some_and(|e| !e.is_contraindicated_for(&eff.causes))
                    }) {
                        Some(v) => format!("use a safe variant such as `{v}`, or another exercise"),
                        None => {
                            "use another exercise; `rehabplan exercises` lists them".to_string()
                        }
                    },
                ),
        );
        return None;
    }
    let f = &state.fields;
    let kind = ex.dose;
    let mut ok = true;
    let needed = match kind {
        DoseKind::Reps => "reps",
        DoseKind::Hold => "hold",
        DoseKind::Time => "time",
        DoseKind::Distance => "distance",
    };
    let allowed: &[&str] = match kind {
        DoseKind::Reps => &["reps"],
        DoseKind::Hold => &["hold", "reps"],
        DoseKind::Time => &["time"],
        DoseKind::Distance => &["distance"],
    };
    let unit = match kind {
        DoseKind::Reps => "repetitions",
        DoseKind::Hold => "seconds held",
        DoseKind::Time => "seconds",
        DoseKind::Distance => "metres",
    };
    for (name, field) in [
        ("reps", &f.reps),
        ("hold", &f.hold),
        ("time", &f.time),
        ("distance", &f.distance),
    ] {
        if let Some(v) = field {
            if !allowed.contains(&name) {
                diags.push(
                    sources
                        .at(v.src, v.span(), format!("`{name}` does not apply to `{ex_id}`, whose dose is counted in {unit}"))
                        .hint(format!("use `{needed}` instead")),
                );
                ok = false;
            }
        }
    }
    let has = |o: &Option<F<i64>>| o.is_some();
    let present = match kind {
        DoseKind::Reps => has(&f.reps),
        DoseKind::Hold => has(&f.hold),
        DoseKind::Time => has(&f.time),
        DoseKind::Distance => has(&f.distance),
    };
    if !present {
        let example = match kind {
            DoseKind::Reps => "reps = 10",
            DoseKind::Hold => "hold = 30",
            DoseKind::Time => "time = 300",
            DoseKind::Distance => "distance = 1600",
        };
        diags.push(
            sources
                .at(ex_f.src, ex_f.span(), format!("no `{needed}` for `{ex_id}`, whose dose is counted in {unit}"))
                .hint(format!("add {example} to the slot (or to the schedule step that brings in this exercise)")),
        );
        ok = false;
    }
    let sets_needed = matches!(kind, DoseKind::Reps | DoseKind::Hold);
    if sets_needed && f.sets.is_none() {
        diags.push(
            sources
                .at(ex_f.src, ex_f.span(), format!("no `sets` for `{ex_id}`"))
                .hint("add sets = 3 (from 1 to 10)"),
        );
        ok = false;
    }
    // Range problems were reported at their spans already; refuse the dose here.
    for (name, v) in f.all_numbers() {
        let (range, _, _) = limits(name);
        if !range.contains(v.get()) {
            ok = false;
        }
    }
    let tempo = match f.tempo.as_ref().filter(|t| !t.get().trim().is_empty()) {
        None => None,
        Some(t) => match Tempo::parse(t.get()) {
            Ok(tempo) => Some(tempo.canonical()),
            Err(message) => {
                diags.push(sources.at(t.src, t.span(), message).hint(
                    "give seconds for each part: \"3-1-3\" (down-pause-up), \"3-1-3-2\" (then a hold at the top), or in words \"3 s up, 3 s down\" (parts: up, down, pause, hold; 0-60 s each)",
                ));
                ok = false;
                None
            }
        },
    };
    if !ok {
        return None;
    }
    let n = |o: &Option<F<i64>>| o.as_ref().map(|v| *v.get() as u32);
    let base = Dose {
        exercise: ex_id.clone(),
        sets: n(&f.sets).unwrap_or(1),
        reps: n(&f.reps),
        hold: n(&f.hold),
        time: n(&f.time),
        distance: n(&f.distance),
        load: f
            .load
            .as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        tempo,
        rest: n(&f.rest).unwrap_or(DEFAULT_REST),
        note: state.note.clone(),
    };
    Some(match progression {
        Some((p, k)) => progress(p, base, k),
        None => base,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn dose(sets: u32, reps: u32) -> Dose {
        Dose {
            exercise: "x".into(),
            sets,
            reps: Some(reps),
            hold: None,
            time: None,
            distance: None,
            load: None,
            tempo: None,
            rest: 60,
            note: None,
        }
    }

    #[test]
    fn reps_grow_then_a_set_is_added() {
        let p = Progression {
            every: 1,
            add_reps: 2,
            max_reps: Some(15),
            add_sets: 1,
            max_sets: Some(3),
            reset_reps: Some(10),
            ..Default::default()
        };
        let got: Vec<(u32, u32)> = (0..6)
            .map(|k| progress(&p, dose(2, 10), k))
            .map(|d| (d.sets, d.reps.unwrap()))
            .collect();
        assert_eq!(
            got,
            vec![(2, 10), (2, 12), (2, 14), (3, 10), (3, 12), (3, 14)]
        );
        // At max sets the reps stop at the ceiling.
        let d = progress(&p, dose(2, 10), 12);
        assert_eq!((d.sets, d.reps), (3, Some(15)));
    }

    #[test]
    fn frequency_names() {
        assert_eq!(parse_frequency("daily"), Some(Frequency::Daily));
        assert_eq!(
            parse_frequency("twice-daily"),
            Some(Frequency::TimesADay(2))
        );
        assert_eq!(
            parse_frequency("every-3-days"),
            Some(Frequency::EveryDays(3))
        );
        assert_eq!(parse_frequency("every-9-days"), None);
        assert_eq!(parse_frequency("weekly"), None);
    }
}
