//! Which translated field goes over which source field: an exercise's, a program's and those
//! of its red flags, phases, slots, schedule steps, return-to-run stages and checks.

use super::fit::{At, Cx};
use super::{RawTranslation, TrCheck, TrExercise, TrPhase, TrRedFlag, TrReturnToRun, TrSlot};
use crate::load::raw::{
    RawCheck, RawExercise, RawPhase, RawProgram, RawRedFlag, RawReturnToRun, RawSlot,
};
use crate::load::Source;
use toml::Spanned;

/// The translation of an entry, with the file it is in (`None`: no translation).
type Tr<'a, T> = Option<(&'a Source, &'a T)>;

/// The translation of one part of an entry (a field, a list entry), with the file it is in.
fn part<'a, T, U>(tr: Tr<'a, T>, field: impl FnOnce(&'a T) -> Option<&'a U>) -> Tr<'a, U> {
    tr.and_then(|(s, t)| field(t).map(|u| (s, u)))
}

/// An exercise's name, instructions, cues, mistakes and caution.
pub(super) fn exercise(cx: &mut Cx, at: &At, e: &mut RawExercise, tr: Tr<TrExercise>) {
    let mut name = e.name.get_ref().clone();
    cx.one(at, "name", &mut name, part(tr, |t| t.name.as_ref()));
    *e.name.get_mut() = name;
    let instructions = part(tr, |t| t.instructions.as_ref());
    cx.list(at, "instructions", e.instructions.get_mut(), instructions);
    cx.list(at, "cues", &mut e.cues, part(tr, |t| t.cues.as_ref()));
    cx.list(
        at,
        "mistakes",
        &mut e.mistakes,
        part(tr, |t| t.mistakes.as_ref()),
    );
    let caution = part(tr, |t| t.caution_note.as_ref());
    cx.one(at, "caution_note", &mut e.caution_note, caution);
}

/// A program's text, table by table in the file's order.
pub(super) fn program(cx: &mut Cx, at: &At, p: &mut RawProgram, tr: Tr<RawTranslation>) {
    cx.opt(at, "title", &mut p.title, part(tr, |t| t.title.as_ref()));
    cx.opt(
        at,
        "summary",
        &mut p.summary,
        part(tr, |t| t.summary.as_ref()),
    );
    let description = part(tr, |t| t.description.as_ref());
    cx.opt(at, "description", &mut p.description, description);
    let location = part(tr, |t| t.location_note.as_ref());
    cx.opt(at, "location_note", &mut p.location_note, location);
    if let Some(flags) = &mut p.red_flags {
        red_flags(cx, at, flags, tr);
    }
    if let Some(rule) = &mut p.pain_rule {
        let inner = at.within(rule.span());
        let note = part(tr, |t| t.pain_rule.as_ref().and_then(|r| r.note.as_ref()));
        cx.one(&inner, "pain_rule.note", &mut rule.get_mut().note, note);
    }
    if let Some(phases) = &mut p.phase {
        for (i, ph) in phases.iter_mut().enumerate() {
            let inner = at.within(ph.span());
            let tp = part(tr, |t| t.phase.get(i).map(|p| p.get_ref()));
            phase(cx, &inner, i + 1, ph.get_mut(), tp);
        }
    }
    if let Some(run) = &mut p.return_to_run {
        let inner = at.within(run.span());
        let tr = part(tr, |t| t.return_to_run.as_ref());
        return_to_run(cx, &inner, run.get_mut(), tr);
    }
    if let Some(checks) = &mut p.check {
        for c in checks.iter_mut() {
            let inner = at.within(c.span());
            check(cx, &inner, c.get_mut(), tr);
        }
    }
    extension(cx, at, p);
}

/// The program's own warning signs, matched to the translation's by their place in the list.
fn red_flags(cx: &mut Cx, at: &At, flags: &mut [Spanned<RawRedFlag>], tr: Tr<RawTranslation>) {
    for (i, f) in flags.iter_mut().enumerate() {
        let inner = at.within(f.span());
        let tf: Tr<TrRedFlag> = part(tr, |t| t.red_flags.get(i).map(|f| f.get_ref()));
        let f = f.get_mut();
        let what = format!("red flag {}: ", i + 1);
        let sign = part(tf, |t| t.sign.as_ref());
        cx.one(&inner, &format!("{what}sign"), f.sign.get_mut(), sign);
        let question = part(tf, |t| t.question.as_ref());
        cx.one(
            &inner,
            &format!("{what}question"),
            f.question.get_mut(),
            question,
        );
        let why = part(tf, |t| t.why.as_ref());
        cx.one(&inner, &format!("{what}why"), &mut f.why, why);
    }
}

/// One progress check, matched to the translation's by its id.
fn check(cx: &mut Cx, at: &At, c: &mut RawCheck, tr: Tr<RawTranslation>) {
    let id = c.id.get_ref().clone();
    let tc: Tr<TrCheck> = part(tr, |t| {
        t.check
            .iter()
            .find(|x| x.get_ref().id.get_ref() == &id)
            .map(|x| x.get_ref())
    });
    let what = format!("check `{id}`: ");
    let name = part(tc, |x| x.name.as_ref());
    cx.one(at, &format!("{what}name"), c.name.get_mut(), name);
    let steps = part(tc, |x| x.steps.as_ref());
    cx.list(at, &format!("{what}steps"), c.steps.get_mut(), steps);
    let record = part(tc, |x| x.record.as_ref());
    cx.one(at, &format!("{what}record"), c.record.get_mut(), record);
    let unit = part(tc, |x| x.unit.as_ref());
    cx.one(at, &format!("{what}unit"), &mut c.unit, unit);
}

/// A program that extends another: its added and changed slots' text (no translation
/// structure for them yet: they fall back and are counted).
fn extension(cx: &mut Cx, at: &At, p: &mut RawProgram) {
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

/// A phase's name, goals, progress criteria and slots.
fn phase(cx: &mut Cx, at: &At, n: usize, p: &mut RawPhase, tr: Tr<TrPhase>) {
    let what = format!("phase {n}: ");
    cx.one(
        at,
        &format!("{what}name"),
        &mut p.name,
        part(tr, |t| t.name.as_ref()),
    );
    let goals = part(tr, |t| t.goals.as_ref());
    cx.list(at, &format!("{what}goals"), &mut p.goals, goals);
    let progress = part(tr, |t| t.progress_when.as_ref());
    cx.list(
        at,
        &format!("{what}progress_when"),
        &mut p.progress_when,
        progress,
    );
    // Slots by the exercise they start with; a second slot of the same exercise takes the
    // second translated one.
    let mut taken = vec![false; tr.map_or(0, |(_, t)| t.slot.len())];
    for sl in &mut p.slot {
        let inner = at.within(sl.span());
        let ex = sl.get_ref().exercise.get_ref().clone();
        let found = part(tr, |t| {
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
            found,
        );
    }
}

/// A slot's note and load, and those of its schedule steps (matched by week).
fn slot(cx: &mut Cx, at: &At, what: &str, sl: &mut RawSlot, tr: Tr<TrSlot>) {
    if !sl.note.is_empty() {
        let note = part(tr, |t| t.note.as_ref());
        cx.one(at, &format!("{what}: note"), &mut sl.note, note);
    }
    cx.opt(
        at,
        &format!("{what}: load"),
        &mut sl.load,
        part(tr, |t| t.load.as_ref()),
    );
    if let Some(steps) = &mut sl.schedule {
        for st in steps.iter_mut() {
            let inner = at.within(st.span());
            let st = st.get_mut();
            let week = *st.week.get_ref();
            let ts = part(tr, |t| {
                t.schedule
                    .iter()
                    .find(|x| x.get_ref().week == week)
                    .map(|x| x.get_ref())
            });
            let note = part(ts, |x| x.note.as_ref());
            cx.opt(
                &inner,
                &format!("{what}: week {week} note"),
                &mut st.note,
                note,
            );
            let load = part(ts, |x| x.load.as_ref());
            cx.opt(
                &inner,
                &format!("{what}: week {week} load"),
                &mut st.load,
                load,
            );
        }
    }
}

/// The return-to-run entry criteria, rules and stages (matched by their place in the list).
fn return_to_run(cx: &mut Cx, at: &At, r: &mut RawReturnToRun, tr: Tr<TrReturnToRun>) {
    let criteria = part(tr, |t| t.entry_criteria.as_ref());
    cx.list(
        at,
        "return_to_run.entry_criteria",
        &mut r.entry_criteria,
        criteria,
    );
    cx.list(
        at,
        "return_to_run.rules",
        &mut r.rules,
        part(tr, |t| t.rules.as_ref()),
    );
    for (i, st) in r.stage.iter_mut().enumerate() {
        let inner = at.within(st.span());
        let ts = part(tr, |t| t.stage.get(i));
        let st = st.get_mut();
        let what = format!("return_to_run.stage[{}]: ", i + 1);
        let effort = part(ts, |x| x.effort.as_ref());
        cx.one(&inner, &format!("{what}effort"), &mut st.effort, effort);
        let said = part(ts, |x| x.what.as_ref());
        cx.one(&inner, &format!("{what}what"), &mut st.what, said);
        let check = part(ts, |x| x.check.as_ref());
        cx.list(&inner, &format!("{what}check"), &mut st.check, check);
    }
}
