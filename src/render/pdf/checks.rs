//! The progress checks in the log: their instructions once, in a small box before the first
//! week's grid, and in each week that has a check day a row of boxes to write the numbers in
//! (a later day's row names the week with the instructions). Results logged before an
//! `adjust` are printed in their boxes.

use super::doc::{tint, Builder};
use super::layout::{boxed, stack, Block, Frame, Prim, BLACK};
use crate::plan::types::CheckPoint;
use crate::template::Wording;

impl Builder<'_> {
    /// The instructions of the progress checks, once: the days, then each check's steps and
    /// what to write down, in a light box kept on one page.
    pub fn check_instructions(&mut self) {
        let checks = &self.plan.program.checks;
        if self.plan.checks.is_empty() || checks.is_empty() {
            return;
        }
        let w = self.w;
        let pad = self.fs * 0.5;
        let inner = self.width - 2.0 * pad;
        let s = self.small();
        let mut f = self.m.para(&w.check_title, self.body().bold(), 0.0, inner);
        if !w.check_intro.trim().is_empty() {
            f.extend(self.m.para(w.check_intro.trim(), s, 0.0, inner));
        }
        let days: Vec<String> = self
            .plan
            .checks
            .iter()
            .map(|p| format!("{} ({})", w.date_short(p.date), w.check_when(p.when)))
            .collect();
        f.extend(self.m.para(&days.join(" · "), s.bold(), 0.0, inner));
        // Each check in one paragraph: its name, its steps, then what to write down.
        for (i, c) in checks.iter().enumerate() {
            f.push(Frame::space(self.fs * 0.25));
            let name = format!("{}. {}: ", i + 1, c.name);
            let steps = format!("{} → {}", c.steps.join(" "), c.record);
            f.extend(self.m.rich(&[(s.bold(), &name), (s, &steps)], 0.0, inner));
        }
        let mut frames = boxed(
            f,
            self.width,
            pad,
            (tint(self.accent, 0.5), 0.6),
            Some(tint(self.accent, 0.06)),
        );
        frames.push(Frame::space(self.fs * 0.4));
        self.push(Block::together(frames));
    }

    /// The boxes of the check days in plan week `week` (none when it has none).
    pub fn check_rows(&self, week: u32) -> Vec<Frame> {
        let mut out = Vec::new();
        for p in self.plan.checks.iter().filter(|p| p.week == week) {
            out.extend(self.check_row(p));
        }
        out
    }

    fn check_row(&self, p: &CheckPoint) -> Vec<Frame> {
        let w = self.w;
        let s = self.small();
        let title = Wording::fill(
            &w.check_day,
            &[
                ("when", w.check_when(p.when)),
                ("date", &w.date_short(p.date)),
            ],
        );
        let mut frames = vec![Frame::space(self.fs * 0.2)];
        frames.extend(self.m.para(&title, s.bold(), 0.0, self.width));
        // One line of boxes: the check's name, a box for the number, its unit.
        let box_w = self.m.width("0000", s.bold()) + self.fs * 0.6;
        let box_h = s.lh() * 1.3;
        let gap = self.fs * 1.2;
        let mut line = Frame::new(box_h + self.fs * 0.2);
        let mut x = 0.0;
        let base = (box_h - s.lh()) / 2.0 + s.baseline();
        for c in &self.plan.program.checks {
            let name_w = self.m.width(&c.name, s);
            let unit_w = if c.unit.is_empty() {
                0.0
            } else {
                self.m.width(&c.unit, s) + self.fs * 0.3
            };
            let need = name_w + self.fs * 0.4 + box_w + self.fs * 0.3 + unit_w;
            if x > 0.0 && x + need > self.width {
                frames.push(std::mem::replace(
                    &mut line,
                    Frame::new(box_h + self.fs * 0.2),
                ));
                x = 0.0;
            }
            let text = |x: f32, t: &str, bold: bool| Prim::Text {
                x,
                baseline: base,
                text: t.to_string(),
                bold,
                size: s.size,
                colour: BLACK,
            };
            line.push(text(x, &c.name, false));
            let bx = x + name_w + self.fs * 0.4;
            line.push(Prim::Rect {
                x: bx,
                y: 0.0,
                w: box_w,
                h: box_h,
                fill: None,
                stroke: Some((BLACK, 0.8)),
            });
            if let Some(r) = p.results.iter().find(|r| r.check == c.id) {
                let v = r.value.to_string();
                let vw = self.m.width(&v, s.bold());
                line.push(text(bx + (box_w - vw) / 2.0, &v, true));
            }
            if !c.unit.is_empty() {
                line.push(text(bx + box_w + self.fs * 0.3, &c.unit, false));
            }
            x += need + gap;
        }
        frames.push(line);
        if let Some(first) = self.plan.checks.first().filter(|f| f.week != p.week) {
            let see = Wording::fill(&w.check_see, &[("week", &first.week.to_string())]);
            frames.extend(self.m.para(&see, self.tiny(), 0.0, self.width));
        }
        frames.push(Frame::space(self.fs * 0.3));
        vec![stack(frames)]
    }
}
