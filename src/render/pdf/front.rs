//! The front page: clinic, title, who the plan is for, the cause in plain words, the dates and
//! the days actually trained on; "Before you start" for a plan made without screening; the
//! warning signs (a box never split across pages, floating to the next page when it does not
//! fit); what is going on; how to use the plan; the pain traffic light; the disclaimer. Papers, sources and the planner's
//! notes are for the therapist and print in that section (`therapist.rs`).

use super::doc::{colour, text_on, tint, Builder};
use super::layout::{boxed, stack, Block, Frame, Prim, Style, BLACK, GREY};
use crate::template::Wording;

impl Builder<'_> {
    pub fn front(&mut self) {
        self.clinic_block();
        self.cover_title();
        self.facts();
        self.before_you_start();
        // The warning signs first, right under who the plan is for (or its questions):
        // they are what must be read before anything else. Their box is never split; when
        // it does not fit the rest of the page, the text after it fills the page and the
        // box starts the next one.
        self.red_flags();
        self.about();
        self.how_to();
        self.traffic_light();
        self.disclaimer();
    }

    fn clinic_block(&mut self) {
        let Some(clinic) = self.t.clinic.clone() else {
            return;
        };
        let small = self.small();
        let (logo_w, logo_h) = self.logo.as_ref().map(|l| (l.w, l.h)).unwrap_or((0.0, 0.0));
        let gap = if logo_w > 0.0 { self.fs } else { 0.0 };
        let x = logo_w + gap;
        let tw = self.width - x;
        let mut lines = self.m.para(&clinic.name, small.bold(), x, tw);
        for a in &clinic.address {
            lines.extend(self.m.para(a, small, x, tw));
        }
        if !clinic.phone.is_empty() {
            lines.extend(self.m.rich(
                &[
                    (small.bold(), &self.w.label(&self.w.phone_label)),
                    (small, &clinic.phone),
                ],
                x,
                tw,
            ));
        }
        let text = stack(lines);
        let mut f = Frame::new(text.h.max(logo_h));
        if logo_w > 0.0 {
            f.push(Prim::Image {
                x: 0.0,
                y: 0.0,
                w: logo_w,
                h: logo_h,
            });
        }
        let dy = (f.h - text.h) / 2.0;
        f.overlay(text, 0.0, dy);
        let rule = self.rule(1.2, 0.5, 0.8);
        self.push(Block::together(vec![f, rule]));
    }

    fn cover_title(&mut self) {
        let mut frames = self
            .m
            .para(&self.w.document_title, self.h1(), 0.0, self.width);
        frames.extend(self.m.para(
            &self.plan.program.title,
            self.h2().colour(BLACK),
            0.0,
            self.width,
        ));
        if !self.plan.program.summary.is_empty() {
            frames.push(Frame::space(self.fs * 0.2));
            frames.extend(self.m.para(
                &self.plan.program.summary,
                self.body().colour(GREY),
                0.0,
                self.width,
            ));
        }
        frames.push(self.gap(0.8));
        self.push(Block::together(frames));
    }

    /// Label/value rows: patient, cause, dates, length, training days.
    fn facts(&mut self) {
        let w = self.w;
        let plan = self.plan;
        let body = self.body();
        let mut rows: Vec<(String, String, Style)> = Vec::new();
        if let Some(p) = plan.patient.as_deref().filter(|p| !p.trim().is_empty()) {
            rows.push((
                w.patient_label.clone(),
                p.to_string(),
                Style::new(self.fs * 1.3).bold(),
            ));
        }
        rows.push((
            w.cause_label.clone(),
            plan.program.title.clone(),
            body.bold(),
        ));
        rows.push((
            w.dates_label.clone(),
            w.date_range(&w.date_long(plan.start), &w.date_long(plan.end)),
            body,
        ));
        rows.push((
            w.length_label.clone(),
            Wording::fill(&w.length_value, &[("weeks", &plan.weeks.len().to_string())]),
            body,
        ));
        // The days actually trained on: a program with fewer sessions a week than the days
        // given uses only some of them, and says so.
        let used = super::outline::days_used(plan);
        let days: Vec<&str> = used.iter().map(|d| w.weekday(*d)).collect();
        let mut value = days.join(&w.list_separator);
        if used.len() < plan.training_days.len() {
            let given: Vec<&str> = plan
                .training_days
                .iter()
                .map(|d| w.weekday_short(*d))
                .collect();
            value.push(' ');
            value.push_str(&Wording::fill(
                &w.days_used_note,
                &[
                    ("count", &used.len().to_string()),
                    ("given", &given.join(&w.list_separator)),
                ],
            ));
        }
        rows.push((w.training_days_label.clone(), value, body));

        let label = body.bold().colour(GREY);
        let label_w = rows
            .iter()
            .map(|(l, _, _)| self.m.width(l, label))
            .fold(0.0, f32::max)
            .min(self.width * 0.35)
            + self.fs * 1.2;
        let mut frames = Vec::new();
        for (l, v, style) in rows {
            let left = stack(self.m.para(&l, label, 0.0, label_w - self.fs));
            let right = stack(self.m.para(&v, style, label_w, self.width - label_w));
            let h = left.h.max(right.h);
            let mut f = Frame::new(h + self.fs * 0.35);
            // Align the label's baseline with the value's first line.
            let dy = (style.baseline() - label.baseline()).max(0.0);
            f.overlay(left, 0.0, dy);
            f.overlay(right, 0.0, 0.0);
            frames.push(f);
        }
        frames.push(self.gap(0.6));
        self.push(Block::together(frames));
    }

    fn about(&mut self) {
        let p = &self.plan.program;
        if p.description.trim().is_empty() && p.location_note.trim().is_empty() {
            return;
        }
        self.subtitle(&self.w.about_title.clone(), self.h3(), 0.6);
        if !p.location_note.trim().is_empty() {
            // Prominent: it tells the patient whether this plan fits where it hurts.
            let pad = self.fs * 0.7;
            let s = Style::new(self.fs * 1.08);
            let label = self.w.label(&self.w.location_note_label);
            let inner = self.m.rich(
                &[(s.bold(), &label), (s.bold(), &p.location_note.clone())],
                0.0,
                self.width - 2.0 * pad,
            );
            let mut frames = boxed(
                inner,
                self.width,
                pad,
                (self.accent, 2.0),
                Some(tint(self.accent, 0.1)),
            );
            frames.push(self.gap(0.6));
            self.push(Block::together(frames));
        }
        let text = p.description.clone();
        self.paragraph(&text, self.body());
    }

    fn how_to(&mut self) {
        self.subtitle(&self.w.how_to_title.clone(), self.h3(), 0.8);
        let steps = self.w.how_to_steps.clone();
        for (i, s) in steps.iter().enumerate() {
            let f = self.list_item(&format!("{}.", i + 1), s, self.small(), 0.0, self.width);
            self.push(Block::together(f));
        }
    }

    fn traffic_light(&mut self) {
        let w = self.w;
        let rule = &self.plan.program.pain_rule;
        let lines = w.pain_rule_lines(rule);
        let style = self.t.style;
        let mut frames = vec![self.gap(0.8)];
        frames.extend(self.m.para(&w.pain_title, self.h3(), 0.0, self.width));
        frames.push(Frame::new(self.fs * 0.3));
        if !w.pain_intro.trim().is_empty() {
            frames.extend(self.m.para(&w.pain_intro, self.body(), 0.0, self.width));
            frames.push(Frame::new(self.fs * 0.4));
        }
        let labels = [
            (&w.pain_green_label, colour(style.green)),
            (&w.pain_amber_label, colour(style.amber)),
            (&w.pain_red_label, colour(style.red)),
        ];
        let lab = self.body().bold();
        let pad = self.fs * 0.4;
        let chip_w = labels
            .iter()
            .map(|(l, _)| self.m.width(l, lab))
            .fold(0.0, f32::max)
            + 2.0 * pad;
        let chip_w = chip_w.min(self.width * 0.3);
        let text_x = chip_w + self.fs * 0.8;
        for ((label, c), sentence) in labels.into_iter().zip(lines.iter()) {
            let text = stack(self.m.para(
                sentence,
                self.body(),
                text_x + pad,
                self.width - text_x - 2.0 * pad,
            ));
            let chip_text =
                stack(
                    self.m
                        .para(label, lab.colour(text_on(c)), pad, chip_w - 2.0 * pad),
                );
            let h = text.h.max(chip_text.h) + 2.0 * pad;
            let mut f = Frame::new(h);
            f.push(Prim::Rect {
                x: 0.0,
                y: 0.0,
                w: self.width,
                h,
                fill: Some(tint(c, 0.12)),
                stroke: None,
            });
            f.push(Prim::Rect {
                x: 0.0,
                y: 0.0,
                w: chip_w,
                h,
                fill: Some(c),
                stroke: None,
            });
            f.overlay(chip_text.clone(), 0.0, (h - chip_text.h) / 2.0);
            f.overlay(text.clone(), 0.0, (h - text.h) / 2.0);
            frames.push(f);
            frames.push(Frame::new(self.fs * 0.2));
        }
        if !rule.note.trim().is_empty() {
            frames.extend(self.m.para(&rule.note, self.small(), 0.0, self.width));
        }
        self.push(Block::together(frames));
    }

    /// A plan made without screening answers starts with the red-flag questions as a tick
    /// list: the patient ticks "no" to each, or stops and sees a doctor.
    fn before_you_start(&mut self) {
        if self.plan.screening != crate::plan::types::Screening::NotScreened {
            return;
        }
        let w = self.w;
        let p = &self.plan.program;
        let questions = crate::screen::worded(
            crate::screen::questions_for(&p.id, &p.red_flags, p.general_red_flags),
            &w.screen_questions,
        );
        self.subtitle(&w.before_you_start_title.clone(), self.h3(), 0.4);
        let intro = w.before_you_start_intro.clone();
        self.paragraph(&intro, self.body().bold());
        let style = self.small();
        let t = self.tick() * 0.75;
        let pad = self.fs * 0.2;
        let yes_w = self.m.width(&w.before_you_start_yes, style);
        let no_w = self.m.width(&w.before_you_start_no, style);
        // Right: "Yes [ ]  No [ ]"; left: the question.
        let boxes_w = yes_w + no_w + 2.0 * t + self.fs * 2.2;
        let text_w = self.width - boxes_w - self.fs;
        for q in &questions {
            let text = stack(self.m.para(&q.text, style, 0.0, text_w));
            let h = text.h.max(t) + 2.0 * pad;
            let mut f = Frame::new(h);
            f.push(Prim::Line {
                x1: 0.0,
                y1: h,
                x2: self.width,
                y2: h,
                colour: super::layout::LIGHT,
                width: 0.4,
            });
            f.overlay(text, 0.0, pad);
            let mut x = self.width - boxes_w + self.fs * 0.6;
            for (label, lw) in [
                (&w.before_you_start_yes, yes_w),
                (&w.before_you_start_no, no_w),
            ] {
                let l = stack(self.m.para(label, style, x, lw + 1.0));
                f.overlay(l, 0.0, pad);
                x += lw + self.fs * 0.3;
                f.push(Builder::tick_box(x, pad, t));
                x += t + self.fs * 1.0;
            }
            self.push(Block::together(vec![f]));
        }
        self.push(Block::flow(vec![self.gap(0.6)]));
    }

    fn red_flags(&mut self) {
        let w = self.w;
        let red = colour(self.t.style.red);
        let pad = self.fs * 0.8;
        let iw = self.width - 2.0 * pad;
        let mut inner = self
            .m
            .para(&w.red_flags_title, self.h3().colour(BLACK), 0.0, iw);
        inner.push(Frame::new(self.fs * 0.3));
        if !w.red_flags_intro.trim().is_empty() {
            inner.extend(self.m.para(&w.red_flags_intro, self.body(), 0.0, iw));
            inner.push(Frame::new(self.fs * 0.3));
        }
        // Large print sets the signs at its smallest size (14 pt), so that the box, which is
        // never split, fits a page.
        let flag_style = Style::new(self.fs.min(14.0));
        // Each urgency: its heading, then its signs in two columns, split where their heights
        // are closest, so the box stays short enough for one page.
        let gap = self.fs * 1.2;
        let cw = (iw - gap) / 2.0;
        for (_, title, flags) in w.red_flag_groups(&self.plan.program) {
            inner.extend(self.m.para(title, flag_style.bold().colour(red), 0.0, iw));
            inner.push(Frame::new(self.fs * 0.15));
            let items: Vec<Frame> = flags
                .iter()
                .map(|f| stack(self.list_item("•", f, flag_style, 0.0, cw)))
                .collect();
            let total: f32 = items.iter().map(|f| f.h).sum();
            let mut split = items.len();
            let mut acc = 0.0;
            for (i, f) in items.iter().enumerate() {
                if acc + f.h / 2.0 >= total / 2.0 {
                    split = i;
                    break;
                }
                acc += f.h;
            }
            // A single sign takes the left column.
            let split = split.max(1).min(items.len());
            let right: Vec<Frame> = items[split..].to_vec();
            let left = stack(items[..split].to_vec());
            let right = stack(right);
            let mut cols = Frame::new(left.h.max(right.h));
            cols.overlay(left, 0.0, 0.0);
            cols.overlay(right, cw + gap, 0.0);
            inner.push(cols);
            inner.push(Frame::new(self.fs * 0.2));
        }
        let mut frames = vec![self.gap(1.0)];
        frames.extend(boxed(inner, self.width, pad, (red, 2.0), None));
        self.push(Block {
            float: true,
            ..Block::together(frames)
        });
    }

    fn disclaimer(&mut self) {
        self.subtitle(&self.w.disclaimer_title.clone(), self.h3(), 1.0);
        let text = self.w.disclaimer.clone();
        self.paragraph(&text, self.small());
    }
}
