//! Recovery after a type error: serde stops at the first problem of a file, so a file that
//! fails is read again table by table (each `[[exercise]]`, `[[phase]]`, `[[phase.slot]]`...)
//! to report every independent problem in one run, and to keep the exercises that are fine.

use super::raw::{
    ExerciseFile, RawChange, RawExercise, RawPainRule, RawPhase, RawProgram, RawReference,
    RawRemove, RawReturnToRun, RawSlot,
};
use super::{toml_diagnostic, Source};
use crate::diag::Diagnostic;
use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue, ValueDeserializer};
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

/// Every independent problem of a program file that failed to load: each table on its own,
/// then the top level without them.
pub fn program(source: &Source, first: toml::de::Error) -> Vec<Diagnostic> {
    let Ok(root) = DeTable::parse(&source.text) else {
        return vec![toml_diagnostic(source, &first)];
    };
    let mut diags = Vec::new();
    let push = |r: Result<(), toml::de::Error>, diags: &mut Vec<Diagnostic>| {
        if let Err(e) = r {
            diags.push(toml_diagnostic(source, &e));
        }
    };
    let t = root.get_ref();
    for phase in entries(t, "phase") {
        if de::<RawPhase>(phase).is_ok() {
            continue;
        }
        if let DeValue::Table(pt) = phase.get_ref() {
            let mut rest = pt.clone();
            rest.remove("slot");
            push(
                de::<RawPhase>(&Spanned::new(phase.span(), DeValue::Table(rest))).map(|_| ()),
                &mut diags,
            );
            for slot in entries(pt, "slot") {
                push(de::<RawSlot>(slot).map(|_| ()), &mut diags);
            }
        }
    }
    for v in entries(t, "add") {
        push(de::<RawSlot>(v).map(|_| ()), &mut diags);
    }
    for v in entries(t, "change") {
        push(de::<RawChange>(v).map(|_| ()), &mut diags);
    }
    for v in entries(t, "remove") {
        push(de::<RawRemove>(v).map(|_| ()), &mut diags);
    }
    for v in entries(t, "reference") {
        push(de::<RawReference>(v).map(|_| ()), &mut diags);
    }
    if let Some(v) = t.get("pain_rule") {
        push(de::<RawPainRule>(v).map(|_| ()), &mut diags);
    }
    if let Some(v) = t.get("return_to_run") {
        push(de::<RawReturnToRun>(v).map(|_| ()), &mut diags);
    }
    for v in entries(t, "check") {
        push(de::<super::raw::RawCheck>(v).map(|_| ()), &mut diags);
    }
    let mut rest = t.clone();
    for k in [
        "phase",
        "add",
        "change",
        "remove",
        "reference",
        "pain_rule",
        "return_to_run",
        "check",
    ] {
        rest.remove(k);
    }
    push(
        de::<RawProgram>(&Spanned::new(root.span(), DeValue::Table(rest))).map(|_| ()),
        &mut diags,
    );
    if diags.is_empty() {
        diags.push(toml_diagnostic(source, &first));
    }
    diags
}
