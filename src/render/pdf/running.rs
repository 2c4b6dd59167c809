//! Back to running, for programs with a walk-run ladder: the entry checklist ("start when you
//! can tick all of these"), one row per run in order with no planned date (a box
//! and a line for the date it was done), a stage's own checklist before its first run, then
//! the rules, the 110% rule among them.

use super::cards::glue;
use super::doc::{tint, Builder};
use super::layout::{stack, Block, Frame, Prim, BLACK, LIGHT};

impl Builder<'_> {
    pub fn running(&mut self) {
        let Some(rtr) = self.plan.program.return_to_run.clone() else {
            return;
        };
        let runs = self.plan.runs.clone();
        if runs.is_empty() {
            return;
        }
        let w = self.w;
        self.title(&w.run_title, self.h2(), false);
        let from = crate::template::Wording::fill(
            &w.run_from_week,
            &[("week", &rtr.start_week.to_string())],
        );
        let mut intro = w.run_intro.trim().to_string();
        if !intro.is_empty() {
            intro.push(' ');
        }
        intro.push_str(&format!("({from})"));
        self.paragraph(&intro, self.small());
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

        let s = self.small();
        // One row per run, in order and without a date: number, the stage and distance, a
        // box and a line for the date it was done. A stage's own checklist (a test before
        // sprinting) comes before its first run.
        let pad = self.fs * 0.3;
        let tick = (self.fs * 0.95).max(8.0);
        // Runs that are the same (stage and distance) share a row, with a box and a date line
        // for each of them.
        let mut groups: Vec<Vec<&crate::plan::types::LadderRun>> = Vec::new();
        for run in &runs {
            match groups.last_mut() {
                Some(g)
                    if run.check.is_empty()
                        && g[0].stage == run.stage
                        && g[0].distance_m == run.distance_m =>
                {
                    g.push(run)
                }
                _ => groups.push(vec![run]),
            }
        }
        let slots = groups.iter().map(Vec::len).max().unwrap_or(1) as f32;
        let num_w = self.m.width("88-88", s.bold()) + 2.0 * pad;
        let slot_w = tick + pad + self.fs * 5.0;
        let done_w = (self.m.width(&w.run_done, s) + 2.0 * pad).max(slots * slot_w);
        let what_x = num_w;
        let what_w = self.width - what_x - done_w - 2.0 * pad;
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
        let mut seen = 0;
        for group in &groups {
            let run = group[0];
            if !run.check.is_empty() {
                // Close the table so far, print the checklist, open the table again.
                frames.push(Frame::space(self.fs * 0.4));
                self.push(Block {
                    frames: std::mem::take(&mut frames),
                    header: Some(header.clone()),
                    ..Block::default()
                });
                let title = crate::template::Wording::fill(
                    &w.run_stage_check,
                    &[("number", &run.number.to_string())],
                );
                let mut f = self.m.para(&title, self.body().bold(), 0.0, self.width);
                f.push(Frame::new(self.fs * 0.2));
                for c in &run.check {
                    f.extend(self.check_item(c, self.width));
                }
                f.push(Frame::space(self.fs * 0.4));
                self.push(Block::together(f));
                frames.push(header.clone());
            }
            let stage = crate::template::Wording::fill(
                &w.run_stage,
                &[
                    ("stage", &run.stage.to_string()),
                    ("stages", &run.stages.to_string()),
                ],
            );
            // What the stage is, on the first row of the stage; then the stage and distance.
            let first_of_stage = seen != run.stage;
            seen = run.stage;
            let mut line = if first_of_stage {
                format!(
                    "{stage}: {} · {}",
                    run.what,
                    glue(&w.distance(run.distance_m))
                )
            } else {
                format!("{stage} · {}", glue(&w.distance(run.distance_m)))
            };
            if let Some(full) = run.shortened_from_m {
                line.push_str(&format!(
                    " ({})",
                    crate::template::Wording::fill(
                        &w.run_shortened,
                        &[("distance", &glue(&w.distance(full)))]
                    )
                ));
            }
            if first_of_stage && !run.effort.is_empty() {
                line.push_str(&format!("; {}", run.effort));
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
                text: match group.last() {
                    Some(last) if last.number != run.number => {
                        format!("{}-{}", run.number, last.number)
                    }
                    _ => run.number.to_string(),
                },
                bold: true,
                size: s.size,
                colour: BLACK,
            });
            f.overlay(what, what_x + pad, pad);
            for i in 0..group.len() {
                let x = self.width - done_w + i as f32 * slot_w;
                f.push(Builder::tick_box(x, (h - tick) / 2.0, tick));
                f.push(Prim::Line {
                    x1: x + tick + pad,
                    y1: h - pad * 1.5,
                    x2: x + slot_w - pad,
                    y2: h - pad * 1.5,
                    colour: LIGHT,
                    width: 0.5,
                });
            }
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
                f.extend(self.list_item("•", r, self.small(), 0.0, self.width));
            }
            self.push(Block::together(f));
        }
    }
}
