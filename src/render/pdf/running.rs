//! Back to running, for programs with a walk-run ladder: the entry checklist ("start when you
//! can tick all of these"), one row per run to tick and date, then the rules, the 110% rule
//! among them.

use super::cards::glue;
use super::doc::{tint, Builder};
use super::layout::{stack, Block, Frame, Prim, BLACK, GREY, LIGHT};
use crate::plan::types::SessionKind;

impl Builder<'_> {
    pub fn running(&mut self) {
        let Some(rtr) = self.plan.program.return_to_run.clone() else {
            return;
        };
        let runs: Vec<_> = self
            .plan
            .weeks
            .iter()
            .flat_map(|w| &w.sessions)
            .filter(|s| s.kind == SessionKind::Run)
            .collect();
        if runs.is_empty() {
            return;
        }
        let w = self.w;
        self.title(&w.run_title, self.h2(), false);
        if !w.run_intro.trim().is_empty() {
            let intro = w.run_intro.clone();
            self.paragraph(&intro, self.body());
        }
        if !rtr.entry_criteria.is_empty() {
            let mut f = self
                .m
                .para(&w.run_entry_title, self.body().bold(), 0.0, self.width);
            f.push(Frame::new(self.fs * 0.2));
            for c in &rtr.entry_criteria {
                f.extend(self.check_item(c, self.width));
            }
            f.push(Frame::space(self.fs * 0.5));
            self.push(Block::together(f));
        }

        // What each stage is, from the first run at its full distance.
        let mut stages: Vec<(&str, &str)> = Vec::new();
        for run in &runs {
            for item in run.exercises.iter().filter(|i| i.id == crate::plan::RUN_ID) {
                let full = item.note.split("; shortened").next().unwrap_or("");
                if !stages.iter().any(|(n, _)| *n == item.name) {
                    stages.push((&item.name, full));
                }
            }
        }
        if !stages.is_empty() {
            let s = self.small();
            let mut f = self
                .m
                .para(&w.run_stages_title, self.body().bold(), 0.0, self.width);
            for (name, what) in &stages {
                f.extend(self.m.rich(
                    &[(s.bold(), &w.label(name)), (s, &glue(what))],
                    0.0,
                    self.width,
                ));
            }
            f.push(Frame::space(self.fs * 0.5));
            self.push(Block::together(f));
        }

        // One row per run: number, planned date, the stage and distance, a box and a line
        // for the date it was done.
        let s = self.small();
        let pad = self.fs * 0.3;
        let tick = (self.fs * 0.95).max(8.0);
        let num_w = self.m.width("88", s.bold()) + 2.0 * pad;
        let date_w = runs
            .iter()
            .map(|r| self.m.width(&w.date_short(r.date), s))
            .fold(0.0, f32::max)
            + 2.0 * pad;
        let done_w = (self.m.width(&w.run_done, s) + 2.0 * pad).max(self.fs * 8.0);
        let what_x = num_w + date_w;
        let what_w = self.width - what_x - done_w - tick - 3.0 * pad;
        let mut header = Frame::new(s.lh() + 2.0 * pad);
        header.push(Prim::Rect {
            x: 0.0,
            y: 0.0,
            w: self.width,
            h: header.h,
            fill: Some(tint(self.accent, 0.1)),
            stroke: Some((LIGHT, 0.5)),
        });
        let heads = [
            ("#", pad),
            (w.run_planned.as_str(), num_w + pad),
            (w.run_what.as_str(), what_x + pad),
            (w.run_done.as_str(), self.width - done_w + pad),
        ];
        for (t, x) in heads {
            header.push(Prim::Text {
                x,
                baseline: pad + s.baseline(),
                text: t.to_string(),
                bold: true,
                size: s.size,
                colour: BLACK,
            });
        }
        let mut frames = vec![header.clone()];
        for (i, run) in runs.iter().enumerate() {
            let Some(item) = run.exercises.iter().find(|i| i.id == crate::plan::RUN_ID) else {
                continue;
            };
            // The stage and the distance: what each stage means is listed above the table.
            let mut line = item.name.clone();
            if let Some(m) = item.distance_m {
                line.push_str(&format!(" · {}", glue(&w.distance(m))));
            }
            let what = stack(self.m.para(&line, s, 0.0, what_w));
            let h = what.h.max(tick) + 2.0 * pad;
            let mut f = Frame::new(h);
            f.push(Prim::Rect {
                x: 0.0,
                y: 0.0,
                w: self.width,
                h,
                fill: None,
                stroke: Some((LIGHT, 0.5)),
            });
            f.push(Prim::Text {
                x: pad,
                baseline: pad + s.baseline(),
                text: (i + 1).to_string(),
                bold: true,
                size: s.size,
                colour: BLACK,
            });
            f.push(Prim::Text {
                x: num_w + pad,
                baseline: pad + s.baseline(),
                text: w.date_short(run.date),
                bold: false,
                size: s.size,
                colour: GREY,
            });
            f.overlay(what, what_x + pad, pad);
            let bx = self.width - done_w - tick - pad;
            f.push(Builder::tick_box(bx, (h - tick) / 2.0, tick));
            f.push(Prim::Line {
                x1: self.width - done_w + pad,
                y1: h - pad * 1.5,
                x2: self.width - pad,
                y2: h - pad * 1.5,
                colour: LIGHT,
                width: 0.5,
            });
            frames.push(f);
        }
        frames.push(Frame::space(self.fs * 0.6));
        self.push(Block {
            frames,
            header: Some(header),
            ..Block::default()
        });

        if !rtr.rules.is_empty() {
            let mut f = self
                .m
                .para(&w.run_rules_title, self.body().bold(), 0.0, self.width);
            f.push(Frame::new(self.fs * 0.2));
            for r in &rtr.rules {
                f.extend(self.list_item("•", r, self.body(), 0.0, self.width));
            }
            self.push(Block::together(f));
        }
    }
}
