//! Recovery after a type error: serde stops at the first problem of a file, so a file that
//! fails is read again table by table (each `[[exercise]]`, `[[phase]]`, `[[phase.slot]]`...)
//! to report every independent problem in one run, and to keep the exercises that are fine.

use super::raw::{
    ExerciseFile, RawChange, RawCheck, RawExercise, RawPainRule, RawPhase, RawProgram,
    RawReference, RawRemove, RawReturnToRun, RawSlot,
};
use super::{toml_diagnostic, Source};
use crate::diag::Diagnostic;
use serde::de::DeserializeOwned;
use toml::de::{DeArray, DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

fn de<T: DeserializeOwned>(v: &Spanned<DeValue<'_>>) -> Result<T, toml::de::Error> {
    T::deserialize(ValueDeserializer::from(v.clone()))
}

fn entries<'a, 'i>(t: &'a DeTable<'i>, key: &str) -> Vec<&'a Spanned<DeValue<'i>>> {
    match t.get(key).map(|v| v.get_ref()) {
        Some(DeValue::Array(a)) => a.iter().collect(),
        Some(DeValue::Table(_)) => vec![t.get(key).expect("present")],
        _ => Vec::new(),
    }
}

/// The exercises of a library file one entry at a time: the good ones, a problem for each bad
/// one, and the ids of the bad ones (so that programs using them get no "unknown exercise").
pub fn exercises(
    source: &Source,
    first: toml::de::Error,
) -> (Option<ExerciseFile>, Vec<Diagnostic>, Vec<String>) {
    let Ok(root) = DeTable::parse(&source.text) else {
        return (None, vec![toml_diagnostic(source, &first)], Vec::new());
    };
    let mut good = Vec::new();
    let mut diags = Vec::new();
    let mut broken = Vec::new();
    for e in entries(root.get_ref(), "exercise") {
        match de::<RawExercise>(e) {
            Ok(x) => good.push(Spanned::new(e.span(), x)),
            Err(err) => {
                diags.push(toml_diagnostic(source, &err));
                if let Some(id) = e.get_ref().get("id").and_then(|v| v.get_ref().as_str()) {
                    broken.push(id.to_string());
                }
            }
        }
    }
    // Problems outside the entries (an unknown top-level key).
    let mut rest = root.clone();
    rest.get_mut().remove("exercise");
    rest.get_mut().insert(
        Spanned::new(0..0, "exercise".into()),
        Spanned::new(0..0, DeValue::Array(Default::default())),
    );
    if let Err(err) = ExerciseFile::deserialize_from(rest) {
        diags.push(toml_diagnostic(source, &err));
    }
    if diags.is_empty() {
        diags.push(toml_diagnostic(source, &first));
    }
    (Some(ExerciseFile { exercise: good }), diags, broken)
}

impl ExerciseFile {
    fn deserialize_from(t: Spanned<DeTable<'_>>) -> Result<Self, toml::de::Error> {
        let span = t.span();
        de(&Spanned::new(span, DeValue::Table(t.into_inner())))
    }
}

/// What a program read back after a type error lost. Validation checks the rest, and drops
/// the problems that only come from what is missing here (a dropped phase leaves a gap).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holes {
    /// Top-level keys and tables that could not be read (`title`, `pain_rule`...).
    pub keys: Vec<String>,
    /// A `[[phase]]` could not be read: its weeks are unknown.
    pub phase: bool,
    /// A `[[phase.slot]]` or `[[add]]` could not be read.
    pub slot: bool,
    /// Ids of `[[reference]]` entries that could not be read.
    pub references: Vec<String>,
}

/// Every independent problem of a program file that failed to load (each table on its own,
/// then the top level without them), and the program without the parts that failed, so that
/// its values can be checked in the same run. `None` when too little is left (no `id`).
pub fn program(
    source: &Source,
    first: toml::de::Error,
) -> (Vec<Diagnostic>, Option<(RawProgram, Holes)>) {
    let Ok(root) = DeTable::parse(&source.text) else {
        return (vec![toml_diagnostic(source, &first)], None);
    };
    let mut r = Reading {
        source,
        diags: Vec::new(),
        holes: Holes::default(),
    };
    let t = root.get_ref();
    let mut kept = t.clone();
    if t.contains_key("phase") {
        let phases = r.phases(t);
        replace(&mut kept, "phase", phases);
    }
    r.entry_arrays(t, &mut kept);
    r.single_tables(t, &mut kept);
    let whole = r.top_level(&root, &mut kept);
    let Reading {
        mut diags, holes, ..
    } = r;
    if diags.is_empty() {
        diags.push(toml_diagnostic(source, &first));
    }
    let partial = whole
        .then(|| de::<RawProgram>(&Spanned::new(root.span(), DeValue::Table(kept))).ok())
        .flatten()
        .map(|p| (p, holes));
    (diags, partial)
}

/// A program file being read back: its problems so far and what it lost.
struct Reading<'s> {
    source: &'s Source,
    diags: Vec<Diagnostic>,
    holes: Holes,
}

impl Reading<'_> {
    /// Whether `r` is fine; its problem is reported when not.
    fn push(&mut self, r: Result<(), toml::de::Error>) -> bool {
        match r {
            Ok(()) => true,
            Err(e) => {
                self.report(&e);
                false
            }
        }
    }

    fn report(&mut self, e: &toml::de::Error) {
        self.diags.push(toml_diagnostic(self.source, e));
    }

    /// The phases that can be read: a broken slot is left out; a phase whose own keys are
    /// broken is left out.
    fn phases<'i>(&mut self, t: &DeTable<'i>) -> DeArray<'i> {
        let mut phases = DeArray::new();
        for phase in entries(t, "phase") {
            if de::<RawPhase>(phase).is_ok() {
                phases.push(phase.clone());
                continue;
            }
            let DeValue::Table(pt) = phase.get_ref() else {
                self.push(de::<RawPhase>(phase).map(|_| ()));
                self.holes.phase = true;
                continue;
            };
            match self.broken_phase(phase.span(), pt) {
                Some(p) => phases.push(p),
                None => self.holes.phase = true,
            }
        }
        phases
    }

    /// A phase that failed, without its broken text and slots; `None` when its name, weeks or
    /// sessions are broken.
    fn broken_phase<'i>(
        &mut self,
        span: std::ops::Range<usize>,
        pt: &DeTable<'i>,
    ) -> Option<Spanned<DeValue<'i>>> {
        let mut rest = pt.clone();
        rest.remove("slot");
        // Text the checks do not read (goals, criteria, rationale) is left out when broken;
        // a broken name, weeks or sessions leave the phase out.
        let mut own_ok = false;
        for _ in 0..8 {
            let Err(e) = de::<RawPhase>(&Spanned::new(span.clone(), DeValue::Table(rest.clone())))
            else {
                own_ok = true;
                break;
            };
            self.report(&e);
            let key = key_at(&rest, &e);
            match key {
                Some(k) if ["goals", "progress_when", "rationale"].contains(&k.as_str()) => {
                    rest.remove(k.as_str());
                }
                _ => break,
            }
        }
        let mut slots = DeArray::new();
        for slot in entries(pt, "slot") {
            if self.push(de::<RawSlot>(slot).map(|_| ())) {
                slots.push(slot.clone());
            } else {
                self.holes.slot = true;
            }
        }
        own_ok.then(|| {
            rest.insert(
                Spanned::new(0..0, "slot".into()),
                Spanned::new(0..0, DeValue::Array(slots)),
            );
            Spanned::new(span, DeValue::Table(rest))
        })
    }

    /// The other arrays of tables (`[[add]]`, `[[change]]`, `[[remove]]`, `[[reference]]`,
    /// `[[check]]`): each entry on its own, the broken ones left out.
    fn entry_arrays<'i>(&mut self, t: &DeTable<'i>, kept: &mut DeTable<'i>) {
        let mut dropped = |v: &Spanned<DeValue<'_>>, e: toml::de::Error, reference: bool| {
            self.report(&e);
            if reference {
                if let Some(id) = v.get_ref().get("id").and_then(|v| v.get_ref().as_str()) {
                    self.holes.references.push(id.to_string());
                }
            } else {
                self.holes.slot = true;
            }
        };
        keep_good::<RawSlot>(t, kept, "add", |v, e| dropped(v, e, false));
        keep_good::<RawChange>(t, kept, "change", |v, e| dropped(v, e, false));
        keep_good::<RawRemove>(t, kept, "remove", |v, e| dropped(v, e, false));
        keep_good::<RawReference>(t, kept, "reference", |v, e| dropped(v, e, true));
        // A broken progress check is left out; nothing else depends on it.
        keep_good::<RawCheck>(t, kept, "check", |_, e| self.report(&e));
    }

    /// `[pain_rule]` and `[return_to_run]`: left out whole when broken.
    fn single_tables<'i>(&mut self, t: &DeTable<'i>, kept: &mut DeTable<'i>) {
        for (key, shown) in [
            ("pain_rule", "[pain_rule]"),
            ("return_to_run", "[return_to_run]"),
        ] {
            let Some(v) = t.get(key) else { continue };
            let r = match key {
                "pain_rule" => de::<RawPainRule>(v).map(|_| ()),
                _ => de::<RawReturnToRun>(v).map(|_| ()),
            };
            if !self.push(r) {
                kept.remove(key);
                self.holes.keys.push(shown.to_string());
            }
        }
    }

    /// The top level without the tables, one broken key at a time, each left out of `kept`.
    /// False when it is not one key (a missing `id`): nothing more can be read.
    fn top_level<'i>(&mut self, root: &Spanned<DeTable<'i>>, kept: &mut DeTable<'i>) -> bool {
        let mut rest = root.get_ref().clone();
        for k in TABLES {
            rest.remove(k);
        }
        for _ in 0..64 {
            let Err(e) = de::<RawProgram>(&Spanned::new(root.span(), DeValue::Table(rest.clone())))
            else {
                break;
            };
            self.report(&e);
            match key_at(&rest, &e) {
                Some(k) if k != "id" => {
                    rest.remove(k.as_str());
                    kept.remove(k.as_str());
                    self.holes.keys.push(k);
                }
                _ => return false,
            }
        }
        true
    }
}

/// The tables of a program file, read back on their own before its top level.
const TABLES: [&str; 8] = [
    "phase",
    "add",
    "change",
    "remove",
    "reference",
    "pain_rule",
    "return_to_run",
    "check",
];

/// `key`'s entries in `kept` replaced by those of `t` that read as a `T`; `bad` is told of
/// the others.
fn keep_good<'i, T: DeserializeOwned>(
    t: &DeTable<'i>,
    kept: &mut DeTable<'i>,
    key: &str,
    mut bad: impl FnMut(&Spanned<DeValue<'i>>, toml::de::Error),
) {
    if !t.contains_key(key) {
        return;
    }
    let mut good = DeArray::new();
    for v in entries(t, key) {
        match de::<T>(v) {
            Ok(_) => good.push(v.clone()),
            Err(e) => bad(v, e),
        }
    }
    replace(kept, key, good);
}

/// `key` in `table` replaced by the array `entries`.
fn replace<'i>(table: &mut DeTable<'i>, key: &str, entries: DeArray<'i>) {
    table.remove(key);
    table.insert(
        Spanned::new(0..0, key.to_string().into()),
        Spanned::new(0..0, DeValue::Array(entries)),
    );
}

/// The key of `table` whose name or value holds the start of `e`'s span.
fn key_at(table: &DeTable<'_>, e: &toml::de::Error) -> Option<String> {
    let at = e.span()?.start;
    table
        .iter()
        .find(|(k, v)| k.span().contains(&at) || v.span().contains(&at))
        .map(|(k, _)| k.get_ref().to_string())
}
