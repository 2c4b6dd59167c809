//! Back to running, for programs with a walk-run ladder: the entry checklist ("start when you
//! can tick all of these"), one row per run in order with no planned date (a box
//! and a line for the date it was done), a stage's own checklist before its first run, then
//! the rules, the 110% rule among them.

use super::cards::glue;
use super::doc::{tint, Builder};
use super::layout::{stack, Block, Frame, Prim, Style, BLACK, LIGHT};
use crate::plan::types::LadderRun;
use crate::template::Wording;

/// The run table's columns: number, what to run, and a box and date line per run.
struct RunTable {
    s: Style,
    pad: f32,
    tick: f32,
    slot_w: f32,
    done_w: f32,
    what_x: f32,
    what_w: f32,
    /// The header row, repeated on each page the table continues onto.
    header: Frame,
}

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
        self.run_intro(rtr.start_week);
        if !rtr.entry_criteria.is_empty() {
            let f = self.checklist(&w.run_entry_title, &rtr.entry_criteria, 0.5);
            self.push(Block::together(f));
        }
        self.run_table(&runs);
        if !rtr.rules.is_empty() {
            let mut f = self
                .m
                .para(&w.run_rules_title, self.body().bold(), 0.0, self.width);
            f.push(Frame::new(self.fs * 0.2));
            self.push(Block::heading(f));
            // The list may continue on the next page between two rules.
            for r in &rtr.rules {
                let item = self.list_item("•", r, self.small(), 0.0, self.width);
                self.push(Block::together(item));
            }
        }
    }

    /// The intro line, ending with the week the runs may start from.
    fn run_intro(&mut self, start_week: u32) {
        let w = self.w;
        let from = Wording::fill(&w.run_from_week, &[("week", &start_week.to_string())]);
        let mut intro = w.run_intro.trim().to_string();
        if !intro.is_empty() {
            intro.push(' ');
        }
        intro.push_str(&format!("({from})"));
        self.paragraph(&intro, self.small());
    }

    /// A bold title and a tick box per item, then `space_after` body sizes of space.
    fn checklist(&self, title: &str, items: &[String], space_after: f32) -> Vec<Frame> {
        let mut f = self.m.para(title, self.body().bold(), 0.0, self.width);
        f.push(Frame::new(self.fs * 0.2));
        for c in items {
            f.extend(self.check_item(c, self.width));
        }
        f.push(Frame::space(self.fs * space_after));
        f
    }

    /// One row per run, in order and without a date: number, the stage and distance, a box
    /// and a line for the date it was done. A stage's own checklist (a test before
    /// sprinting) comes before its first run.
    fn run_table(&mut self, runs: &[LadderRun]) {
        let groups = run_groups(runs);
        let slots = groups.iter().map(Vec::len).max().unwrap_or(1) as f32;
        let t = self.run_columns(slots);
        let mut frames = vec![t.header.clone()];
        let mut seen = 0;
        for group in &groups {
            let run = group[0];
            if !run.check.is_empty() {
                // Close the table so far, print the checklist, open the table again.
                frames.push(Frame::space(self.fs * 0.4));
                self.push(Block {
                    frames: std::mem::take(&mut frames),
                    header: Some(t.header.clone()),
                    ..Block::default()
                });
                let title = Wording::fill(
                    &self.w.run_stage_check,
                    &[("number", &run.number.to_string())],
                );
                let f = self.checklist(&title, &run.check, 0.4);
                self.push(Block::together(f));
                frames.push(t.header.clone());
            }
            // What the stage is, on the first row of the stage; then the stage and distance.
            let first_of_stage = seen != run.stage;
            seen = run.stage;
            frames.push(self.run_row(&t, group, first_of_stage));
        }
        frames.push(Frame::space(self.fs * 0.6));
        self.push(Block {
            frames,
            header: Some(t.header),
            ..Block::default()
        });
    }

    /// The run table's column widths for `slots` runs in a row, and its header row.
    fn run_columns(&self, slots: f32) -> RunTable {
        let w = self.w;
        let s = self.small();
        let pad = self.fs * 0.3;
        let tick = (self.fs * 0.95).max(8.0);
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
        RunTable {
            s,
            pad,
            tick,
            slot_w,
            done_w,
            what_x,
            what_w,
            header,
        }
    }

    /// One row of the run table: the run's number (or range), what to run, and a box and a
    /// date line for each run of the group.
    fn run_row(&self, t: &RunTable, group: &[&LadderRun], first_of_stage: bool) -> Frame {
        let (s, pad, tick) = (t.s, t.pad, t.tick);
        let run = group[0];
        let what = stack(
            self.m
                .para(&self.run_what(run, first_of_stage), s, 0.0, t.what_w),
        );
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
        f.overlay(what, t.what_x + pad, pad);
        for i in 0..group.len() {
            let x = self.width - t.done_w + i as f32 * t.slot_w;
            f.push(Builder::tick_box(x, (h - tick) / 2.0, tick));
            f.push(Prim::Line {
                x1: x + tick + pad,
                y1: h - pad * 1.5,
                x2: x + t.slot_w - pad,
                y2: h - pad * 1.5,
                colour: LIGHT,
                width: 0.5,
            });
        }
        f
    }

    /// What to run: the stage (with what it is and the effort on its first row) and the
    /// distance, and the full distance when it was shortened.
    fn run_what(&self, run: &LadderRun, first_of_stage: bool) -> String {
        let w = self.w;
        let stage = Wording::fill(
            &w.run_stage,
            &[
                ("stage", &run.stage.to_string()),
                ("stages", &run.stages.to_string()),
            ],
        );
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
                Wording::fill(&w.run_shortened, &[("distance", &glue(&w.distance(full)))])
            ));
        }
        if first_of_stage && !run.effort.is_empty() {
            line.push_str(&format!("; {}", run.effort));
        }
        line
    }
}

/// Runs that are the same (stage and distance) share a row, with a box and a date line for
/// each of them; a run with its own checklist starts a new row.
fn run_groups(runs: &[LadderRun]) -> Vec<Vec<&LadderRun>> {
    let mut groups: Vec<Vec<&LadderRun>> = Vec::new();
    for run in runs {
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
    groups
}
