//! One week's dose of a slot: the limits of each number and the fields an exercise takes.

use super::*;

pub(super) fn range_check(
    sources: &Sources,
    name: &str,
    f: &F<i64>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
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

pub(super) fn limits(name: &str) -> (RangeInclusive<i64>, &'static str, &'static str) {
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

#[allow(clippy::too_many_arguments)]
pub(super) fn week_dose(
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
        diags.push(contraindicated(sources, eff, library, ex, ex_f));
        return None;
    }
    let f = &state.fields;
    let fields_ok = check_dose_fields(sources, ex_f, ex.dose, f, diags);
    let tempo = check_tempo(sources, f, diags);
    if !fields_ok {
        return None;
    }
    let base = base_dose(ex_id, f, tempo?, state);
    Some(match progression {
        Some((p, k)) => progress(p, base, k),
        None => base,
    })
}

/// An exercise contraindicated for one of the program's causes is refused, with a safe
/// variant to use instead when the library has one.
fn contraindicated(
    sources: &Sources,
    eff: &Eff,
    library: &Library,
    ex: &crate::model::Exercise,
    ex_f: &F<String>,
) -> Diagnostic {
    let ex_id = ex_f.get();
    let cause = ex
        .contraindicated
        .iter()
        .find(|c| eff.causes.contains(c))
        .cloned()
        .unwrap_or_default();
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
                None => "use another exercise; `rehabplan exercises` lists them".to_string(),
            },
        )
}

/// The dose states the count its exercise is measured in (and sets, for reps and holds), no
/// count of another kind, and every number within its limits.
fn check_dose_fields(
    sources: &Sources,
    ex_f: &F<String>,
    kind: DoseKind,
    f: &Fields,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let ex_id = ex_f.get();
    let mut ok = true;
    let needed = match kind {
        DoseKind::Reps => "reps",
        DoseKind::Hold => "hold",
        DoseKind::Time => "time",
        DoseKind::Distance => "distance",
    };
    let allowed = counts(kind);
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
    ok
}

/// The counts a dose of this kind may state: a hold is held for seconds, a number of times.
pub(super) fn counts(kind: DoseKind) -> &'static [&'static str] {
    match kind {
        DoseKind::Reps => &["reps"],
        DoseKind::Hold => &["hold", "reps"],
        DoseKind::Time => &["time"],
        DoseKind::Distance => &["distance"],
    }
}

/// A tempo is read into its canonical form; `None` if it cannot be read.
fn check_tempo(
    sources: &Sources,
    f: &Fields,
    diags: &mut Vec<Diagnostic>,
) -> Option<Option<String>> {
    Some(
        match f.tempo.as_ref().filter(|t| !t.get().trim().is_empty()) {
            None => None,
            Some(t) => match Tempo::parse(t.get()) {
                Ok(tempo) => Some(tempo.canonical()),
                Err(message) => {
                    diags.push(sources.at(t.src, t.span(), message).hint(
                    "give seconds for each part: \"3-1-3\" (down-pause-up), \"3-1-3-2\" (then a hold at the top), or in words \"3 s up, 3 s down\" (parts: up, down, pause, hold; 0-60 s each)",
                ));
                    return None;
                }
            },
        },
    )
}

/// The week's dose before any progression: counts as given, sets 1 and the default rest
/// when not given.
fn base_dose(ex_id: &str, f: &Fields, tempo: Option<String>, state: &State) -> Dose {
    let n = |o: &Option<F<i64>>| o.as_ref().map(|v| *v.get() as u32);
    Dose {
        exercise: ex_id.to_string(),
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
    }
}
