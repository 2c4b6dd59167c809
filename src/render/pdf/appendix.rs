//! The exercise guide: every exercise of the plan with numbered instructions, cues, common
//! mistakes, easier and harder variants, and its source and licence in small print.

use super::doc::Builder;
use super::layout::{Block, Frame, Prim, GREY, LIGHT};
use crate::plan::types::ExerciseInfo;

impl Builder<'_> {
    pub fn appendix(&mut self) {
        let w = self.w;
        if self.plan.exercises.is_empty() {
            return;
        }
        self.title(&w.appendix_title, self.h2(), true);
        if !w.appendix_intro.trim().is_empty() {
            let mut f = self.m.para(&w.appendix_intro, self.body(), 0.0, self.width);
            f.push(Frame::space(self.fs * 0.3));
            self.push(Block::heading(f));
        }
        for e in self.plan.exercises.iter() {
            self.guide(e);
        }
    }

    fn guide(&mut self, e: &ExerciseInfo) {
        let w = self.w;
        let body = self.body();
        let small = self.small();
        let mut head = vec![Frame::space(self.fs * 1.0)];
        head.extend(self.m.para(&e.name, self.h3(), 0.0, self.width));
        // Category · position · equipment · muscles.
        let equipment = if e.equipment.is_empty() {
            w.no_equipment.clone()
        } else {
            e.equipment
                .iter()
                .map(|q| w.equipment(q))
                .collect::<Vec<_>>()
                .join(&w.list_separator)
        };
        let mut meta = format!(
            "{} · {} · {}: {}",
            w.category(e.category),
            w.position(e.position),
            w.equipment_label,
            equipment
        );
        if !e.muscles.is_empty() {
            meta.push_str(&format!(
                " · {}: {}",
                w.muscles_label,
                e.muscles.join(&w.list_separator)
            ));
        }
        head.extend(self.m.para(&meta, small.colour(GREY), 0.0, self.width));
        head.push(Frame::new(self.fs * 0.3));
        self.push(Block::heading(head));

        let mut frames = Vec::new();
        let section = |b: &Builder, title: &str, frames: &mut Vec<Frame>| {
            frames.push(Frame::space(b.fs * 0.3));
            frames.extend(b.m.para(title, body.bold(), 0.0, b.width));
        };
        if !e.instructions.is_empty() {
            section(self, &w.instructions_title, &mut frames);
            for (i, s) in e.instructions.iter().enumerate() {
                frames.extend(self.list_item(&format!("{}.", i + 1), s, body, 0.0, self.width));
            }
        }
        if !e.cues.is_empty() {
            section(self, &w.cues_title, &mut frames);
            for s in &e.cues {
                frames.extend(self.list_item("•", s, body, 0.0, self.width));
            }
        }
        if !e.mistakes.is_empty() {
            section(self, &w.mistakes_title, &mut frames);
            for s in &e.mistakes {
                frames.extend(self.list_item("•", s, body, 0.0, self.width));
            }
        }
        let variants = |label: &str, names: &[String]| -> Option<(String, String)> {
            (!names.is_empty()).then(|| (format!("{label}: "), names.join(&w.list_separator)))
        };
        for (label, names) in [
            variants(&w.easier_label, &e.easier),
            variants(&w.harder_label, &e.harder),
        ]
        .into_iter()
        .flatten()
        {
            frames.push(Frame::space(self.fs * 0.2));
            frames.extend(
                self.m
                    .rich(&[(body.bold(), &label), (body, &names)], 0.0, self.width),
            );
        }
        let tiny = self.tiny();
        let mut fine = Vec::new();
        if !e.source.trim().is_empty() {
            fine.push(format!("{}: {}", w.source_label, e.source));
        }
        if !e.license.trim().is_empty() {
            fine.push(format!("{}: {}", w.licence_label, e.license));
        }
        if !fine.is_empty() {
            frames.push(Frame::space(self.fs * 0.3));
            frames.extend(self.m.para(&fine.join(" · "), tiny, 0.0, self.width));
        }
        let mut sep = Frame::new(self.fs * 0.8);
        sep.push(Prim::Line {
            x1: 0.0,
            y1: self.fs * 0.6,
            x2: self.width,
            y2: self.fs * 0.6,
            colour: LIGHT,
            width: 0.4,
        });
        frames.push(sep);
        self.push(Block::together(frames));
    }
}
