//! One slot: its frequency, priority and schedule, walked week by week.

use super::*;

/// A schedule step that passed its checks: its week, its file, the step and its span.
type Step<'a> = (u32, usize, &'a RawStep, Range<usize>);

#[allow(clippy::too_many_arguments)]
pub(super) fn check_slot(
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
    let frequency = slot_frequency(sources, s, diags);
    let priority = slot_priority(sources, s, diags);
    let steps = check_steps(sources, s, first, last, diags);
    if let Some((e, before, stated)) = &s.swapped {
        check_switch(sources, library, e, before, stated, "this change", diags);
    }
    let progression = s
        .progression
        .as_ref()
        .map(|p| check_progression(sources, p, diags));
    let walk = Walk {
        sources,
        eff,
        library,
        first,
        last,
    };
    let weeks = walk.weeks(s, &steps, progression.as_ref(), diags);
    if let (Some(p), Some(pf)) = (&progression, &s.progression) {
        check_progression_limits(sources, pf, &weeks, last, diags);
        if let Some(d) = weeks.first() {
            check_progression_counts(sources, p, pf, d, diags);
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
        step_rationales: step_rationales(&steps),
    })
}

/// `frequency` is one of the names [`parse_frequency`] reads; a slot without one is done
/// once a session.
fn slot_frequency(sources: &Sources, s: &EffSlot, diags: &mut Vec<Diagnostic>) -> Frequency {
    match &s.frequency {
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
    }
}

fn slot_priority(sources: &Sources, s: &EffSlot, diags: &mut Vec<Diagnostic>) -> u8 {
    match &s.priority {
        None => DEFAULT_PRIORITY,
        Some(p) => {
            range_check(sources, "priority", p, diags);
            (*p.get()).clamp(1, 9) as u8
        }
    }
}

/// Schedule steps lie in the phase, in strictly increasing weeks, and a slot has a schedule
/// or a progression rule, not both.
fn check_steps<'a>(
    sources: &Sources,
    s: &'a EffSlot,
    first: u32,
    last: u32,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Step<'a>> {
    let mut steps: Vec<Step> = Vec::new();
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
    steps
}

/// What a slot needs to walk its phase week by week.
struct Walk<'a> {
    sources: &'a Sources,
    eff: &'a Eff,
    library: &'a Library,
    first: u32,
    last: u32,
}

impl Walk<'_> {
    /// The dose of each week, up to the first week whose dose is wrong.
    fn weeks(
        &self,
        s: &EffSlot,
        steps: &[Step],
        progression: Option<&Progression>,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<Dose> {
        let (sources, eff, library, first) = (self.sources, self.eff, self.library, self.first);
        let mut weeks = Vec::new();
        let mut state = State {
            exercise: s.exercise.clone(),
            fields: s.fields.clone(),
            note: None,
        };
        for week in first..=self.last {
            for (_, ssrc, r, _) in steps.iter().filter(|st| st.0 == week) {
                self.apply_step(&mut state, week, *ssrc, r, diags);
            }
            let k = (week - first) / progression.map(|p| p.every.max(1)).unwrap_or(1);
            match week_dose(
                sources,
                eff,
                &state,
                progression.map(|p| (p, k)),
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
        weeks
    }

    /// A step in `week` overlays its dose; a step that swaps the exercise starts a new dose.
    fn apply_step(
        &self,
        state: &mut State,
        week: u32,
        ssrc: usize,
        r: &RawStep,
        diags: &mut Vec<Diagnostic>,
    ) {
        let (sources, library) = (self.sources, self.library);
        let over = Fields::from_raw(ssrc, &r.dose());
        if let Some(e) = &r.exercise {
            if e.get_ref() != state.exercise.get() {
                check_switch(
                    sources,
                    library,
                    &F::new(ssrc, e),
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
            state.exercise = F::new(ssrc, e);
            state.note = Some(String::new());
        }
        if let Some(n) = &r.note {
            state.note = Some(n.trim().to_string());
        }
        state.fields.overlay(&over);
    }
}

/// A progression that runs past the limits of reps, hold or time by the end of the phase.
fn check_progression_limits(
    sources: &Sources,
    pf: &F<RawProgression>,
    weeks: &[Dose],
    last: u32,
    diags: &mut Vec<Diagnostic>,
) {
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

/// A rule that adds to a count the dose does not have would silently never change it.
fn check_progression_counts(
    sources: &Sources,
    p: &Progression,
    pf: &F<RawProgression>,
    d: &Dose,
    diags: &mut Vec<Diagnostic>,
) {
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

/// The clinician's reasons given for the schedule's steps, by week.
fn step_rationales(steps: &[Step]) -> Vec<StepRationale> {
    steps
        .iter()
        .filter_map(|(w, _, r, _)| {
            let text = r.rationale.as_deref().unwrap_or("").trim();
            (!text.is_empty()).then(|| StepRationale {
                week: *w,
                text: text.to_string(),
            })
        })
        .collect()
}

/// A step or change that swaps the exercise starts a new dose: only `sets` and `rest` carry
/// over. Every other key the dose had before and the new exercise takes (its count, the load,
/// the tempo) must be stated again, or a forgotten `reps = 6` silently becomes one hold a set.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_switch(
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
    let takes = super::dose::counts(ex.dose);
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
    diags.push(switch_without(to, &missing, what, sources));
}

pub(super) fn parse_frequency(s: &str) -> Option<Frequency> {
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

/// "`what` switches to `to` without stating ...": the keys `missing` names, with the values the
/// dose had before.
fn switch_without(
    to: &F<String>,
    missing: &[(&str, String)],
    what: &str,
    sources: &Sources,
) -> Diagnostic {
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
            ))
}
