//! "For your therapist", always last: the program's evidence and rationale, the pain rule's
//! source, the planner's notes on this plan, the references (unverified ones marked) and the
//! exercise descriptions' sources and licences. The only pages that name papers, sources,
//! verification status or licences.

use super::doc::{paragraphs, Builder};
use super::layout::{Block, Frame};
use crate::model::Evidence;

type Style = super::layout::Style;

impl Builder<'_> {
    pub fn therapist(&mut self) {
        let w = self.w;
        self.title(&w.therapist_title, self.h2(), false);
        if !w.therapist_intro.trim().is_empty() {
            self.paragraph(&w.therapist_intro.clone(), self.small());
        }
        // The clinician's pages are set a little smaller than the patient's small text, as
        // the cards are.
        let s = Style::new((self.fs * 0.76).max(7.5).max(self.min_size()));
        self.evidence(s);
        self.planner_notes(s);
        self.references(s);
        self.exercise_sources();
    }

    /// The evidence behind the program, and the clinical notes (program, evidence, pain
    /// rule, phases, slots) in program order.
    fn evidence(&mut self, s: Style) {
        let w = self.w;
        let evidence = match self.plan.program.evidence {
            Evidence::Trial => w.evidence_trial.clone(),
            Evidence::Extrapolated => w.evidence_extrapolated.clone(),
        };
        self.subtitle(&w.evidence_title.clone(), self.h3(), 0.4);
        self.paragraph(&evidence, s);
        for note in self.plan.clinician_notes.clone() {
            let label = w.label(&note.about);
            let text = paragraphs(&note.text).join(" ");
            let mut f = self
                .m
                .rich(&[(s.bold(), &label), (s, &text)], 0.0, self.width);
            f.push(Frame::space(self.fs * 0.2));
            self.push(Block::together(f));
        }
    }

    /// The planner's notes (substitutions, shortened runs, ...).
    fn planner_notes(&mut self, s: Style) {
        if self.plan.warnings.is_empty() {
            return;
        }
        self.subtitle(&self.w.plan_notes_title.clone(), self.h3(), 0.5);
        for n in self.plan.warnings.clone() {
            let f = self.list_item("•", &n, s, 0.0, self.width);
            self.push(Block::together(f));
        }
    }

    /// The numbered references, the pain rule's source and the unverified ones marked.
    fn references(&mut self, s: Style) {
        let w = self.w;
        let p = &self.plan.program;
        if p.references.is_empty() {
            return;
        }
        self.subtitle(&w.references_title.clone(), self.h3(), 0.5);
        for (i, r) in p.references.iter().enumerate() {
            // The pain rule's source is marked in the list rather than cited twice, before
            // the "unverified" mark so that the two share a line where they can.
            let mut text = r.citation.clone();
            if r.id == p.pain_rule.source {
                text.push_str(&format!(" ({})", w.pain_rule_title));
            }
            if !r.verified {
                text.push_str(&format!(" {}", w.unverified));
            }
            let f = self.list_item(&format!("{}.", i + 1), &text, s, 0.0, self.width);
            self.push(Block::together(f));
        }
    }

    /// Where each exercise description comes from, and its licence: one run-on paragraph.
    /// A licence all share, and a closing clause all share ("description written for
    /// rehabplan"), are said once, after the list.
    fn exercise_sources(&mut self) {
        let w = self.w;
        let tiny = self.tiny();
        self.subtitle(&w.exercise_sources_title.clone(), self.h3(), 0.5);
        let exercises = &self.plan.exercises;
        let licences: std::collections::BTreeSet<&str> = exercises
            .iter()
            .map(|e| e.license.trim())
            .filter(|l| !l.is_empty())
            .collect();
        let one_licence = (licences.len() == 1)
            .then(|| licences.iter().next().copied())
            .flatten();
        let shared = shared_clause(exercises.iter().map(|e| e.source.as_str()));
        let mut runs: Vec<(Style, String)> = Vec::new();
        for e in exercises {
            let mut text = without_clause(&e.source, shared.as_deref());
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
        if let Some(c) = shared {
            runs.push((tiny.bold(), format!("{}.  ", capitalised(&c))));
        }
        if let Some(l) = one_licence {
            runs.push((tiny.bold(), w.label(&w.licence_label)));
            runs.push((tiny, l.to_string()));
        }
        let runs: Vec<(Style, &str)> = runs.iter().map(|(s, t)| (*s, t.as_str())).collect();
        let frames = self.m.rich(&runs, 0.0, self.width);
        self.push(Block::flow(frames));
    }
}

/// An exercise's source without the closing clause every source shares, ending in a full
/// stop.
fn without_clause(source: &str, shared: Option<&str>) -> String {
    let mut text = source.trim().trim_end_matches('.').to_string();
    if let Some(c) = shared {
        text = text
            .strip_suffix(c)
            .unwrap_or(&text)
            .trim_end_matches(['.', ';', ',', ' '])
            .to_string();
        if !text.is_empty() {
            text.push('.');
        }
    }
    text
}

/// The text with its first letter upper case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The last clause (after the last "; ") that every one of `sources` ends with, when there
/// are at least two of them.
fn shared_clause<'a>(sources: impl Iterator<Item = &'a str>) -> Option<String> {
    let lasts: Vec<&str> = sources
        .map(|s| {
            let s = s.trim().trim_end_matches('.');
            s.rsplit("; ").next().unwrap_or(s).trim()
        })
        .collect();
    let first = *lasts.first()?;
    (lasts.len() > 1 && !first.is_empty() && lasts.iter().all(|l| *l == first))
        .then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::shared_clause;

    #[test]
    fn a_clause_shared_by_every_source_is_found_once() {
        let all = ["Used in A; written here.", "Used in B and C; written here"];
        assert_eq!(
            shared_clause(all.into_iter()).as_deref(),
            Some("written here")
        );
        let not_all = ["Used in A; written here.", "Used in B"];
        assert_eq!(shared_clause(not_all.into_iter()), None);
        assert_eq!(shared_clause(["Only one; written here"].into_iter()), None);
    }
}
