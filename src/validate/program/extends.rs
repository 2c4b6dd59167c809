//! `extends`: a program laid over its base, then its [[change]], [[add]] and [[remove]] entries.

use super::*;

/// The program `p` with `extends` applied: its base (itself resolved the same way), then its
/// own values, its own phases, and its [[change]], [[add]] and [[remove]] entries.
pub(super) fn effective(
    sources: &Sources,
    src: usize,
    p: &RawProgram,
    all: &RawPrograms,
    builtin: &BuiltinPrograms,
    chain: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Option<Eff> {
    let mut eff = match &p.extends {
        None => empty(src, p),
        Some(base_id) => base(sources, src, p, base_id, all, builtin, chain, diags)?,
    };
    lay_own_values(&mut eff, src, p);
    lay_own_phases(sources, &mut eff, src, p, diags);
    apply_entries(sources, &mut eff, src, p, diags);
    Some(eff)
}

/// A program that extends nothing starts from nothing.
fn empty(src: usize, p: &RawProgram) -> Eff {
    Eff {
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
    }
}

/// The base named by `extends`, resolved: known, not too deep, not in a cycle. A program that
/// extends its own id extends the built-in of that id.
#[allow(clippy::too_many_arguments)]
fn base(
    sources: &Sources,
    src: usize,
    p: &RawProgram,
    base_id: &Spanned<String>,
    all: &RawPrograms,
    builtin: &BuiltinPrograms,
    chain: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Option<Eff> {
    let depth = chain.len();
    let id = p.id.get_ref().clone();
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
    if b != &id && is_cycle(sources, src, base_id, chain, diags) {
        return None;
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
    Some(e)
}

/// Whether extending `base_id` closes a cycle; a cycle is reported once, while checking its
/// first member in id order.
fn is_cycle(
    sources: &Sources,
    src: usize,
    base_id: &Spanned<String>,
    chain: &[String],
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let b = base_id.get_ref();
    if let Some(at) = chain.iter().position(|c| c == b) {
        // A cycle: reported once, while checking its first member in id order.
        let members = &chain[at..];
        if at == 0 && members.iter().all(|m| m >= &chain[0]) {
            let mut names: Vec<String> = members.iter().map(|m| format!("`{m}`")).collect();
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
        return true;
    }
    false
}

/// The program's own values replace the base's; its references replace those of the same id.
fn lay_own_values(eff: &mut Eff, src: usize, p: &RawProgram) {
    let id = p.id.get_ref().clone();
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
}

/// Own phases replace the base's entirely.
fn lay_own_phases(
    sources: &Sources,
    eff: &mut Eff,
    src: usize,
    p: &RawProgram,
    diags: &mut Vec<Diagnostic>,
) {
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
}

/// [[change]], [[add]] and [[remove]] apply to the base, so they need `extends`.
fn apply_entries(
    sources: &Sources,
    eff: &mut Eff,
    src: usize,
    p: &RawProgram,
    diags: &mut Vec<Diagnostic>,
) {
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
        if let Some(slot) = find_slot(sources, src, eff, &r.phase, &r.slot, diags) {
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
        let n = phase_index(sources, src, eff, ph, diags);
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
        if let Some(i) = phase_index(sources, src, eff, &r.phase, diags) {
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
}

pub(super) fn phase_index(
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

pub(super) fn find_slot<'a>(
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
