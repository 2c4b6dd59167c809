//! One section per week: heading (week, phase, dates), the phase's goals, each training
//! session and walk-run day with its exercises grouped by position (tick box per set, pain
//! boxes, a notes line), the rest days as a compact tick table, and at the end of a phase's
//! last week the criteria for moving on. The week of the first walk-run day also gets the
//! return-to-running box (entry criteria and rules).

use super::doc::{tint, Builder};
use super::layout::{boxed, stack, Block, Frame, Prim, Style, BLACK, GREY, LIGHT};
use crate::model::Position;
use crate::plan::types::{Item, Session, SessionKind, Week};
use crate::template::Wording;

impl Builder<'_> {
    /// The sections of the plan's weeks in `range` (all weeks, in two parts built apart).
    pub fn weeks(&mut self, range: std::ops::Range<usize>) {
        let plan = self.plan;
        for (i, week) in plan
            .weeks
            .iter()
            .enumerate()
            .take(range.end)
            .skip(range.start)
        {
            let next = plan.weeks.get(i + 1);
            let phase_ends = next.is_none_or(|n| {
                n.phase_number != week.phase_number || n.maintenance != week.maintenance
            });
            self.week(week, phase_ends);
        }
        self.set_context(None);
    }

    fn week(&mut self, week: &Week, phase_ends: bool) {
        let w = self.w;
        let plan = self.plan;
        // Heading: "Week 3 of 12", phase, dates.
        let mut frames = self.m.para(
            &Wording::fill(
                &w.week_heading,
                &[
                    ("week", &week.number.to_string()),
                    ("weeks", &plan.weeks.len().to_string()),
                ],
            ),
            self.h2(),
            0.0,
            self.width,
        );
        let phase = Wording::fill(
            &w.phase_name,
            &[
                ("number", &week.phase_number.to_string()),
                ("name", &week.phase),
            ],
        );
        frames.extend(
            self.m
                .para(&phase, self.h3().colour(BLACK), 0.0, self.width),
        );
        frames.extend(self.m.para(
            &w.date_range(&w.date_long(week.start), &w.date_long(week.end)),
            self.body().colour(GREY),
            0.0,
            self.width,
        ));
        if week.maintenance {
            frames.extend(
                self.m
                    .para(&w.maintenance_note, self.small(), 0.0, self.width),
            );
        }
        if !week.adjustment.trim().is_empty() {
            frames.extend(
                self.m
                    .para(&week.adjustment, self.small().bold(), 0.0, self.width),
            );
        }
        let rule = self.rule(0.8, 0.3, 1.2);
        frames.push(rule);
        self.push(Block {
            frames,
            keep_together: true,
            keep_with_next: true,
            new_page: true,
            ..Block::default()
        });
        let week_title = Wording::fill(
            &w.week_heading,
            &[
                ("week", &week.number.to_string()),
                ("weeks", &plan.weeks.len().to_string()),
            ],
        );
        self.set_context(Some(&week_title));
        let week_short = Wording::fill(&w.week_short, &[("week", &week.number.to_string())]);

        if !week.goals.is_empty() {
            let mut f = self
                .m
                .para(&w.goals_title, self.body().bold(), 0.0, self.width);
            for g in &week.goals {
                f.extend(self.list_item("•", g, self.small(), 0.0, self.width));
            }
            f.push(self.gap(0.3));
            self.push(Block::together(f));
        }

        let first_run = plan
            .weeks
            .iter()
            .flat_map(|wk| &wk.sessions)
            .find(|s| s.kind == SessionKind::Run);
        if first_run.is_some_and(|r| r.date >= week.start && r.date <= week.end) {
            self.return_to_run();
        }

        // Training sessions and walk-run days in date order; rest days go in one table.
        let count = week
            .sessions
            .iter()
            .filter(|s| s.kind == SessionKind::Training)
            .count();
        let mut number = 0;
        for s in week
            .sessions
            .iter()
            .filter(|s| s.kind != SessionKind::Daily)
        {
            self.set_context(Some(&week_title));
            let heading = if s.kind == SessionKind::Training {
                number += 1;
                Wording::fill(
                    &w.session_heading,
                    &[
                        ("number", &number.to_string()),
                        ("count", &count.to_string()),
                        ("date", &w.date_long(s.date)),
                    ],
                )
            } else {
                Wording::fill(&w.run_heading, &[("date", &w.date_long(s.date))])
            };
            self.session(s, &heading, &week_short);
        }
        let rest: Vec<&Session> = week
            .sessions
            .iter()
            .filter(|s| s.kind == SessionKind::Daily)
            .collect();
        if !rest.is_empty() {
            self.set_context(Some(&week_title));
            self.rest_days(&rest, &week_short);
        }
        self.set_context(Some(&week_title));
        if phase_ends && !week.progress_when.is_empty() {
            let pad = self.fs * 0.7;
            let iw = self.width - 2.0 * pad;
            let mut inner = self
                .m
                .para(&w.progress_title, self.h3().colour(BLACK), 0.0, iw);
            inner.push(Frame::new(self.fs * 0.2));
            for p in &week.progress_when {
                inner.extend(self.check_item(p, iw));
            }
            let mut frames = vec![self.gap(1.0)];
            frames.extend(boxed(
                inner,
                self.width,
                pad,
                (self.accent, 1.5),
                Some(tint(self.accent, 0.06)),
            ));
            self.push(Block::together(frames));
        }
    }

    /// The return-to-running box: when to start the walk-run days and their rules.
    fn return_to_run(&mut self) {
        let w = self.w;
        let Some(rtr) = self.plan.program.return_to_run.as_ref() else {
            return;
        };
        let pad = self.fs * 0.7;
        let iw = self.width - 2.0 * pad;
        let mut inner = self.m.para(&w.run_title, self.h3().colour(BLACK), 0.0, iw);
        inner.push(Frame::new(self.fs * 0.2));
        if !rtr.entry_criteria.is_empty() {
            inner.extend(self.m.para(&w.run_entry_title, self.body().bold(), 0.0, iw));
            for c in &rtr.entry_criteria {
                inner.extend(self.check_item(c, iw));
            }
        }
        if !rtr.rules.is_empty() {
            inner.push(Frame::new(self.fs * 0.3));
            inner.extend(self.m.para(&w.run_rules_title, self.body().bold(), 0.0, iw));
            for r in &rtr.rules {
                inner.extend(self.list_item("•", r, self.body(), 0.0, iw));
            }
        }
        if !rtr.source.trim().is_empty() {
            let refs = &self.plan.program.references;
            let source = refs
                .iter()
                .find(|r| r.id == rtr.source)
                .map(|r| r.citation.as_str())
                .unwrap_or(&rtr.source);
            let s = self.tiny();
            inner.push(Frame::new(self.fs * 0.2));
            inner.extend(self.m.rich(
                &[(s.bold(), &format!("{}: ", w.source_label)), (s, source)],
                0.0,
                iw,
            ));
        }
        let mut frames = vec![self.gap(0.6)];
        frames.extend(boxed(inner, self.width, pad, (self.accent, 1.5), None));
        self.push(Block::together(frames));
    }

    /// A criterion with a tick box in front.
    fn check_item(&self, text: &str, width: f32) -> Vec<Frame> {
        let t = self.tick() * 0.75;
        let mut item = self.m.item(
            "",
            text,
            self.body(),
            0.0,
            self.tick() + self.fs * 0.6,
            width,
        );
        if let Some(first) = item.first_mut() {
            first.push(Builder::tick_box(0.0, (first.h - t) / 2.0, t));
        }
        item.push(Frame::space(self.fs * 0.25));
        item
    }

    fn session(&mut self, s: &Session, heading: &str, week_short: &str) {
        let w = self.w;
        let heading = heading.to_string();
        let minutes = if s.minutes > 0.0 {
            self.m.fonts.clean(&Wording::fill(
                &w.session_minutes,
                &[("minutes", &format!("{}", s.minutes.round() as i64))],
            ))
        } else {
            String::new()
        };
        let h3 = self.h3();
        let small = self.small().colour(GREY);
        let mw = self.m.width(&minutes, small);
        let mut frames = vec![self.gap(1.0)];
        let title_w = if mw > 0.0 {
            self.width - mw - self.fs
        } else {
            self.width
        };
        let mut lines = self.m.para(&heading, h3, 0.0, title_w);
        if let Some(first) = lines.first_mut() {
            if mw > 0.0 {
                first.push(Prim::Text {
                    x: self.width - mw,
                    baseline: h3.baseline(),
                    text: minutes.clone(),
                    bold: false,
                    size: small.size,
                    colour: GREY,
                });
            }
        }
        frames.extend(lines);
        let rule = self.rule(0.5, 0.15, 0.6);
        frames.push(rule);
        if !s.left_out.is_empty() {
            let text = Wording::fill(
                &w.left_out,
                &[("names", &s.left_out.join(&w.list_separator))],
            );
            frames.extend(
                self.m
                    .para(&text, self.small().colour(GREY), 0.0, self.width),
            );
        }
        self.push(Block::heading(frames));
        self.set_context(Some(&format!("{week_short} · {heading}")));

        for pos in Position::ALL {
            let items: Vec<&Item> = s.exercises.iter().filter(|i| i.position == pos).collect();
            if items.is_empty() {
                continue;
            }
            let mut label = vec![Frame::space(self.fs * 0.4)];
            label.extend(self.m.para(
                w.position(pos),
                self.body().bold().colour(self.accent),
                0.0,
                self.width,
            ));
            self.push(Block::heading(label));
            for item in items {
                self.exercise_item(item);
            }
        }
    }

    /// Name and dose (kept with the rest), then load/tempo/rest, note, caution, tick boxes,
    /// pain boxes and a notes line.
    fn exercise_item(&mut self, item: &Item) {
        let w = self.w;
        let indent = self.fs * 0.8;
        let iw = self.width - indent;
        let name = Style::new(self.fs * 1.05).bold();
        // The dose stays in one piece: no break inside it.
        let dose = format!("\u{2003}{}", w.dose(item).replace(' ', "\u{a0}"));
        let small = self.small();
        // Load, tempo and rest follow the dose on the same line (wrapping when long), which
        // keeps a week's pages few.
        let details = w.dose_details(item);
        let details = if details.is_empty() {
            String::new()
        } else {
            format!("\u{2003}{}", details.join(&w.list_separator))
        };
        let mut head = vec![Frame::space(self.fs * 0.45)];
        head.extend(self.m.rich(
            &[(name, &item.name), (name.bold(), &dose), (small, &details)],
            indent,
            iw,
        ));
        self.push(Block::heading(head));

        let mut frames = Vec::new();
        if !item.note.trim().is_empty() {
            let label = format!("{}: ", w.note_label);
            frames.extend(
                self.m
                    .rich(&[(small.bold(), &label), (small, &item.note)], indent, iw),
            );
        }
        if !item.caution.trim().is_empty() {
            let label = format!("{}: ", w.caution_label);
            let red = super::doc::colour(self.t.style.red);
            frames.extend(self.m.rich(
                &[(small.bold().colour(red), &label), (small, &item.caution)],
                indent,
                iw,
            ));
        }
        frames.push(Frame::new(self.fs * 0.3));
        let (mut rows, used) = self.record_boxes(item.sets, indent, iw);
        // When the boxes took two rows (large print), the notes line shares the last one if
        // it leaves enough room to write.
        let room = iw - used;
        let last_is_plain = rows
            .last()
            .is_some_and(|r| (r.h - self.row_h()).abs() < 0.01);
        if rows.len() > 1 && last_is_plain && room >= iw * 0.45 {
            let s = self.small();
            let baseline = (self.row_h() - self.tick()) / 2.0 + self.tick() / 2.0 + s.size * 0.35;
            let last = rows.last_mut().expect("a row");
            self.notes_segment(last, indent + used, room, baseline);
            frames.extend(rows);
            frames.push(Frame::new(self.fs * 0.4));
        } else {
            frames.extend(rows);
            frames.push(self.notes_line(indent, iw));
        }
        frames.push(Frame::space(self.fs * 0.3));
        self.push(Block::together(frames));
    }

    /// "Sets done [ ][ ][ ]   Pain during (0-10) [   ]   Next morning (0-10) [   ]", wrapped
    /// onto more rows when the column is too narrow.
    /// Height of a row of tick boxes.
    fn row_h(&self) -> f32 {
        self.tick() + self.fs * 0.45
    }

    /// The rows of boxes, and how much of the last row's width they use (with the spacing
    /// that would follow).
    fn record_boxes(&self, sets: u32, x0: f32, width: f32) -> (Vec<Frame>, f32) {
        let w = self.w;
        let s = self.small();
        let tick = self.tick();
        let gap = self.fs * 0.45;
        let pain_w = tick * 2.2;
        // Widgets: (label, number of boxes, box width).
        let widgets = [
            (&w.sets_done, sets.clamp(1, 20) as usize, tick),
            (&w.pain_during, 1, pain_w),
            (&w.pain_next_morning, 1, pain_w),
        ];
        let row_h = self.row_h();
        let mut rows: Vec<Frame> = vec![Frame::new(row_h)];
        let mut x = 0.0f32;
        let spacing = self.fs * 1.6;
        for (label, n, bw) in widgets {
            let label = &self.m.fonts.clean(label);
            let lw = self.m.width(label, s);
            let boxes_w = n as f32 * bw + (n as f32 - 1.0) * gap;
            let total = lw + self.fs * 0.5 + boxes_w;
            if x > 0.0 && x + total > width {
                rows.push(Frame::new(row_h));
                x = 0.0;
            }
            let row = rows.last_mut().expect("a row");
            // The label may be wider than the column on its own: wrap it above the boxes.
            if total > width {
                let label_frames = self.m.para(label, s, x0 + x, width);
                let lf = stack(label_frames);
                let mut f = Frame::new(lf.h + row_h);
                f.overlay(lf, 0.0, 0.0);
                let mut bx = x0;
                for _ in 0..n {
                    f.push(
                        Builder::tick_box(bx, f.h - row_h + (row_h - tick) / 2.0, tick)
                            .with_width(bw),
                    );
                    bx += bw + gap;
                    if bx + bw > x0 + width {
                        break;
                    }
                }
                *row = f;
                rows.push(Frame::new(row_h));
                x = 0.0;
                continue;
            }
            let top = (row_h - tick) / 2.0;
            row.push(Prim::Text {
                x: x0 + x,
                baseline: top + tick / 2.0 + s.size * 0.35,
                text: label.clone(),
                bold: false,
                size: s.size,
                colour: BLACK,
            });
            let mut bx = x0 + x + lw + self.fs * 0.5;
            for _ in 0..n {
                row.push(Builder::tick_box(bx, top, tick).with_width(bw));
                bx += bw + gap;
            }
            x += total + spacing;
        }
        rows.retain(|r| !r.prims.is_empty());
        (rows, x)
    }

    fn notes_line(&self, x0: f32, width: f32) -> Frame {
        let h = self.fs * 2.0;
        let mut f = Frame::new(h);
        self.notes_segment(&mut f, x0, width, h - self.fs * 0.45);
        f
    }

    /// "Notes: ______" from `x0` to `x0 + width`, on `baseline` of frame `f`.
    fn notes_segment(&self, f: &mut Frame, x0: f32, width: f32, baseline: f32) {
        let s = self.small();
        let label = self.m.fonts.clean(&format!("{}:", self.w.notes_label));
        let lw = self.m.width(&label, s);
        f.push(Prim::Text {
            x: x0,
            baseline,
            text: label,
            bold: false,
            size: s.size,
            colour: BLACK,
        });
        f.push(Prim::Line {
            x1: x0 + lw + self.fs * 0.4,
            y1: baseline + 1.5,
            x2: x0 + width,
            y2: baseline + 1.5,
            colour: GREY,
            width: 0.5,
        });
    }

    /// Rest days: a table with one row per daily exercise and one column per rest day.
    fn rest_days(&mut self, days: &[&Session], week_short: &str) {
        let w = self.w;
        let mut heading = vec![self.gap(1.2)];
        heading.extend(self.m.para(&w.rest_days_title, self.h3(), 0.0, self.width));
        let rule = self.rule(0.5, 0.15, 0.6);
        heading.push(rule);
        if !w.rest_days_intro.trim().is_empty() {
            heading.extend(
                self.m
                    .para(&w.rest_days_intro, self.small(), 0.0, self.width),
            );
            heading.push(Frame::new(self.fs * 0.3));
        }
        self.push(Block::heading(heading));
        self.set_context(Some(&format!("{week_short} · {}", w.rest_days_title)));

        // The exercises of all rest days, by position, in order of first appearance.
        let mut items: Vec<&Item> = Vec::new();
        for s in days {
            for it in &s.exercises {
                if !items.iter().any(|i| i.id == it.id) {
                    items.push(it);
                }
            }
        }
        items.sort_by_key(|i| i.position);

        let small = self.small();
        let pad = self.fs * 0.35;
        let tick = self.tick() * 0.85;
        let col_w = days
            .iter()
            .map(|s| self.m.width(&w.date_short(s.date), small.bold()))
            .fold(tick, f32::max)
            + 2.0 * pad;
        let name_min = (self.width * 0.4)
            .max(self.fs * 10.0)
            .min(self.width - col_w);
        let per_table = (((self.width - name_min) / col_w).floor() as usize).max(1);
        // Split into tables of even size (4 days as 2 + 2, not 3 + 1).
        let tables = days.len().div_ceil(per_table);
        let per_table = days.len().div_ceil(tables);
        for chunk in days.chunks(per_table) {
            let name_w = self.width - chunk.len() as f32 * col_w;
            let grid = (LIGHT, 0.5);
            // Header row: the dates.
            let mut cells = vec![stack(self.m.para(
                &w.exercise_column,
                small.bold(),
                pad,
                name_w - 2.0 * pad,
            ))];
            for s in chunk {
                cells.push(stack(self.m.para(
                    &w.date_short(s.date),
                    small.bold(),
                    pad,
                    col_w - 2.0 * pad,
                )));
            }
            let hh = cells.iter().map(|c| c.h).fold(0.0, f32::max) + 2.0 * pad;
            let mut header = Frame::new(hh);
            header.push(Prim::Rect {
                x: 0.0,
                y: 0.0,
                w: self.width,
                h: hh,
                fill: Some(tint(self.accent, 0.08)),
                stroke: Some(grid),
            });
            for (k, c) in cells.into_iter().enumerate() {
                let x = if k == 0 {
                    0.0
                } else {
                    name_w + (k - 1) as f32 * col_w
                };
                if k > 0 {
                    header.push(Prim::Line {
                        x1: x,
                        y1: 0.0,
                        x2: x,
                        y2: hh,
                        colour: grid.0,
                        width: grid.1,
                    });
                }
                header.overlay(c, x, pad);
            }
            let mut frames = vec![header.clone()];
            for it in &items {
                let mut parts = self.m.para(&it.name, small.bold(), pad, name_w - 2.0 * pad);
                parts.extend(
                    self.m
                        .para(&w.dose_line(it), small, pad, name_w - 2.0 * pad),
                );
                let name = stack(parts);
                let h = name.h.max(tick) + 2.0 * pad;
                let mut row = Frame::new(h);
                row.push(Prim::Rect {
                    x: 0.0,
                    y: 0.0,
                    w: self.width,
                    h,
                    fill: None,
                    stroke: Some(grid),
                });
                row.overlay(name, 0.0, pad);
                for (k, s) in chunk.iter().enumerate() {
                    let x = name_w + k as f32 * col_w;
                    row.push(Prim::Line {
                        x1: x,
                        y1: 0.0,
                        x2: x,
                        y2: h,
                        colour: grid.0,
                        width: grid.1,
                    });
                    if s.exercises.iter().any(|e| e.id == it.id) {
                        row.push(Builder::tick_box(
                            x + (col_w - tick) / 2.0,
                            (h - tick) / 2.0,
                            tick,
                        ));
                    } else {
                        let dash = "–";
                        let dw = self.m.width(dash, small);
                        row.push(Prim::Text {
                            x: x + (col_w - dw) / 2.0,
                            baseline: (h + small.size * 0.7) / 2.0,
                            text: dash.into(),
                            bold: false,
                            size: small.size,
                            colour: LIGHT,
                        });
                    }
                }
                frames.push(row);
            }
            frames.push(Frame::space(self.fs * 0.6));
            self.push(Block {
                frames,
                keep_together: true,
                keep_with_next: false,
                new_page: false,
                header: Some(header),
                ..Block::default()
            });
        }
    }
}
