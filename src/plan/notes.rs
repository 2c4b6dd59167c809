//! The clinician-only texts of a plan (the therapist's section).

use super::types::ClinicianNote;
use crate::model::{Library, Phase, Program};
use std::collections::BTreeSet;

/// The clinician-only texts of the program, in program order: the program's rationale and
/// evidence note, the pain rule's, then each phase the plan uses with its slots and schedule
/// steps, then the walk-run ladder's. A text given more than once appears once, with
/// everything it is about.
pub(super) fn clinician_notes(
    library: &Library,
    program: &Program,
    phases_used: &BTreeSet<usize>,
) -> Vec<ClinicianNote> {
    let mut notes = Notes::default();
    notes.add("Program".into(), &program.rationale);
    notes.add("Evidence".into(), &program.evidence_note);
    notes.add("Pain rule".into(), &program.pain_rule.rationale);
    for f in &program.red_flags {
        notes.add(format!("Red flag: {}", f.sign), &f.rationale);
    }
    for phase in program
        .phases
        .iter()
        .filter(|p| phases_used.contains(&p.number))
    {
        phase_notes(&mut notes, library, phase);
    }
    if let Some(r) = &program.return_to_run {
        notes.add("Return to running".into(), &r.rationale);
    }
    for c in &program.checks {
        notes.add(format!("Progress check: {}", c.name), &c.rationale);
    }
    notes.0
}

/// A phase's texts: its own, then each slot's and each of the slot's schedule steps'.
fn phase_notes(notes: &mut Notes, library: &Library, phase: &Phase) {
    let name = |id: &str| library.get(id).map_or(id, |e| e.name.as_str()).to_string();
    let weeks = if phase.first_week == phase.last_week {
        format!("week {}", phase.first_week)
    } else {
        format!("weeks {}-{}", phase.first_week, phase.last_week)
    };
    let label = format!("Phase {} ({weeks})", phase.number);
    notes.add(label.clone(), &phase.rationale);
    for slot in &phase.slots {
        let Some(first) = slot.weeks.first() else {
            continue;
        };
        notes.add(
            format!("{label}, {}", name(&first.exercise)),
            &slot.rationale,
        );
        for step in &slot.step_rationales {
            let i = step.week.saturating_sub(phase.first_week) as usize;
            let ex = slot.weeks.get(i).map_or(&first.exercise, |d| &d.exercise);
            notes.add(
                format!("{label}, week {}, {}", step.week, name(ex)),
                &step.text,
            );
        }
    }
}

/// The notes so far, each text once.
#[derive(Default)]
struct Notes(Vec<ClinicianNote>);

impl Notes {
    /// Adds `text` (nothing when blank) about `about`; a text already there gets `about` added
    /// to what it is about instead.
    fn add(&mut self, about: String, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match self.0.iter_mut().find(|n| n.text == text) {
            Some(n) => {
                // "Phase 1 (weeks 1-4), A" then "Phase 1 (weeks 1-4), B" give
                // "Phase 1 (weeks 1-4), A, B"; anything else is added after "; ".
                let last = n.about.rsplit("; ").next().unwrap_or("");
                match (last.split_once(", "), about.split_once(", ")) {
                    (Some((l1, _)), Some((l2, rest))) if l1 == l2 => {
                        if !last.contains(rest) {
                            n.about.push_str(", ");
                            n.about.push_str(rest);
                        }
                    }
                    _ if n.about.split("; ").any(|a| a == about) => {}
                    _ => {
                        n.about.push_str("; ");
                        n.about.push_str(&about);
                    }
                }
            }
            None => self.0.push(ClinicianNote {
                about,
                text: text.to_string(),
            }),
        }
    }
}
