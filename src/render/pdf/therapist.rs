//! "For your therapist", always last: the program's evidence and rationale, the pain rule's
//! source, the planner's notes on this plan, the references (unverified ones marked) and the
//! exercise descriptions' sources and licences. The only pages that name papers, sources,
//! verification status or licences.

use super::doc::{paragraphs, Builder};
use super::layout::{Block, Frame};
use crate::model::Evidence;

impl Builder<'_> {
    pub fn therapist(&mut self) {
        let w = self.w;
        let p = &self.plan.program;
        self.title(&w.therapist_title, self.h2(), false);
        if !w.therapist_intro.trim().is_empty() {
            self.paragraph(&w.therapist_intro.clone(), self.small());
        }
        // The clinician's pages are set a little smaller than the patient's small text, as
        // the cards are.
        let s = super::layout::Style::new((self.fs * 0.8).max(8.0).max(self.min_size()));

        // The evidence behind the program, and the clinical notes (program, evidence, pain
        // rule, phases, slots) in program order.
        let evidence = match p.evidence {
            Evidence::Trial => w.evidence_trial.clone(),
            Evidence::Extrapolated => w.evidence_extrapolated.clone(),
        };
        self.subtitle(&w.evidence_title.clone(), self.h3(), 0.4);
        self.paragraph(&evidence, s);
        for note in p.clinician_notes.clone() {
            let label = w.label(&note.about);
            let text = paragraphs(&note.text).join(" ");
            let mut f = self
                .m
                .rich(&[(s.bold(), &label), (s, &text)], 0.0, self.width);
            f.push(Frame::space(self.fs * 0.3));
            self.push(Block::together(f));
        }

        // The pain rule's source.
        let rule = &p.pain_rule;
        if let Some(r) = p.references.iter().find(|r| r.id == rule.source) {
            self.subtitle(&w.pain_rule_title.clone(), self.h3(), 0.6);
            let text = format!("{}{}", w.label(&w.source_label), r.citation);
            self.paragraph(&text, s);
        }

        // The planner's notes (substitutions, shortened runs, ...).
        if !self.plan.warnings.is_empty() {
            self.subtitle(&w.plan_notes_title.clone(), self.h3(), 0.6);
            for n in self.plan.warnings.clone() {
                let f = self.list_item("•", &n, s, 0.0, self.width);
                self.push(Block::together(f));
            }
        }

        // References.
        if !p.references.is_empty() {
            self.subtitle(&w.references_title.clone(), self.h3(), 0.6);
            for (i, r) in p.references.clone().iter().enumerate() {
                let text = if r.verified {
                    r.citation.clone()
                } else {
                    format!("{} {}", r.citation, w.unverified)
                };
                let f = self.list_item(&format!("{}.", i + 1), &text, s, 0.0, self.width);
                self.push(Block::together(f));
            }
        }

        // Where each exercise description comes from, and its licence: one run-on paragraph.
        let tiny = self.tiny();
        self.subtitle(&w.exercise_sources_title.clone(), self.h3(), 0.6);
        // One licence for all is said once, after the list.
        let licences: std::collections::BTreeSet<&str> = self
            .plan
            .exercises
            .iter()
            .map(|e| e.license.trim())
            .filter(|l| !l.is_empty())
            .collect();
        let one_licence = (licences.len() == 1)
            .then(|| licences.iter().next().copied())
            .flatten();
        let mut runs: Vec<(super::layout::Style, String)> = Vec::new();
        for e in &self.plan.exercises {
            let mut text = e.source.trim().to_string();
            if one_licence.is_none() && !e.license.trim().is_empty() {
                text.push_str(&format!(
                    " ({}{})",
                    w.label(&w.licence_label),
                    e.license.trim()
                ));
            }
            runs.push((tiny.bold(), w.label(&e.name)));
            runs.push((tiny, format!("{text}  ")));
        }
        if let Some(l) = one_licence {
            runs.push((tiny.bold(), w.label(&w.licence_label)));
            runs.push((tiny, l.to_string()));
        }
        let runs: Vec<(super::layout::Style, &str)> =
            runs.iter().map(|(s, t)| (*s, t.as_str())).collect();
        let frames = self.m.rich(&runs, 0.0, self.width);
        self.push(Block::flow(frames));
    }
}
