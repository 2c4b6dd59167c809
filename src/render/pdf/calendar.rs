//! The overview calendar: one row per week (number and phase), one column per day with its
//! date; training days shaded, rest days with daily stretches labelled, a tick box for each
//! day with work to do. The header row repeats when the table continues on another page.

use super::doc::{tint, Builder};
use super::layout::{stack, Block, Frame, Prim, Style, LIGHT};
use crate::plan::types::SessionKind;
use crate::template::Wording;
use chrono::Duration;

impl Builder<'_> {
    pub fn calendar(&mut self) {
        let w = self.w;
        let plan = self.plan;
        self.title(&w.overview_title, self.h2(), false);
        if !w.overview_intro.trim().is_empty() {
            let mut f = self.m.para(&w.overview_intro, self.body(), 0.0, self.width);
            f.push(Frame::space(self.fs * 0.4));
            self.push(Block::heading(f));
        }

        let pad = self.fs * 0.25;
        let first_w = (self.width * 0.2).max(self.fs * 6.0).min(self.width * 0.3);
        let day_w = (self.width - first_w) / 7.0;
        // The tick box sits beside the date; in large print, where the cells are too narrow
        // for both at 14 pt, below it.
        let tick = (self.tick() * 0.7).min(day_w * 0.3);
        let tick_beside = self.min_size() == 0.0;
        let cell_text_w = day_w - 2.5 * pad - if tick_beside { tick } else { 0.0 };
        // Day cells are narrow: shrink their text until the widest date and word fit on one
        // line (large print), and leave the word out if even 6 pt is too wide.
        let fit = |style: Style, texts: &[String]| -> Style {
            let widest = texts
                .iter()
                .map(|t| self.m.width(t, style))
                .fold(0.0, f32::max);
            if widest <= cell_text_w {
                style
            } else {
                Style {
                    size: (style.size * cell_text_w / widest)
                        .max(6.0)
                        .max(self.min_size()),
                    ..style
                }
            }
        };
        let dates: Vec<String> = plan
            .weeks
            .iter()
            .flat_map(|wk| (0..7).map(move |d| wk.start + Duration::days(d)))
            .map(|d| w.date_calendar(d))
            .collect();
        let small = fit(self.small(), &dates);
        let tiny = fit(
            self.tiny(),
            &[
                w.calendar_training.clone(),
                w.calendar_daily.clone(),
                w.calendar_run.clone(),
            ],
        );
        let show_words = [&w.calendar_training, &w.calendar_daily, &w.calendar_run]
            .iter()
            .all(|t| self.m.width(t, tiny.bold()) <= cell_text_w);
        let shade = tint(self.accent, 0.18);
        let grid = (LIGHT, 0.5);

        // Header: "Week", then the weekday names from the plan's first day.
        let start_day = plan.start;
        let mut header = Frame::new(0.0);
        let mut cells = vec![stack(self.m.para(
            &w.week_column,
            self.small().bold(),
            pad,
            first_w - 2.0 * pad,
        ))];
        for d in 0..7 {
            let day = start_day + Duration::days(d);
            cells.push(stack(self.m.para(
                w.weekday_short(chrono::Datelike::weekday(&day)),
                small.bold(),
                pad,
                cell_text_w,
            )));
        }
        header.h = cells.iter().map(|c| c.h).fold(0.0, f32::max) + 2.0 * pad;
        header.push(Prim::Rect {
            x: 0.0,
            y: 0.0,
            w: self.width,
            h: header.h,
            fill: Some(tint(self.accent, 0.08)),
            stroke: Some(grid),
        });
        for (i, c) in cells.into_iter().enumerate() {
            let x = if i == 0 {
                0.0
            } else {
                first_w + (i - 1) as f32 * day_w
            };
            header.overlay(c, x, pad);
        }

        let mut rows = Vec::new();
        let mut prev_phase = None;
        for week in &plan.weeks {
            let mut first = self.m.para(
                &Wording::fill(&w.week_short, &[("week", &week.number.to_string())]),
                self.small().bold(),
                pad,
                first_w - 2.0 * pad,
            );
            // The phase's name on its first week only.
            if prev_phase != Some((week.phase_number, week.maintenance)) {
                first.extend(
                    self.m
                        .para(&week.phase, self.tiny(), pad, first_w - 2.0 * pad),
                );
            }
            let first = stack(first);
            let mut day_cells = Vec::new();
            for d in 0..7 {
                let date = week.start + Duration::days(d);
                let session = week.sessions.iter().find(|s| s.date == date);
                let in_plan = date <= plan.end && date >= plan.start;
                let mut parts = self.m.para(
                    &w.date_calendar(date),
                    if in_plan { small } else { small.colour(LIGHT) },
                    pad,
                    cell_text_w,
                );
                match session.map(|s| s.kind).filter(|_| show_words) {
                    Some(SessionKind::Training) => parts.extend(self.m.para(
                        &w.calendar_training,
                        tiny.bold().colour(super::layout::BLACK),
                        pad,
                        cell_text_w,
                    )),
                    Some(SessionKind::Daily) => {
                        parts.extend(self.m.para(&w.calendar_daily, tiny, pad, cell_text_w))
                    }
                    Some(SessionKind::Run) => parts.extend(self.m.para(
                        &w.calendar_run,
                        tiny.bold().colour(super::layout::BLACK),
                        pad,
                        cell_text_w,
                    )),
                    None => {}
                }
                day_cells.push((stack(parts), session.map(|s| s.kind)));
            }
            let content_h = day_cells
                .iter()
                .map(|(c, k)| {
                    c.h + if k.is_some() && !tick_beside {
                        tick + pad * 0.5
                    } else {
                        0.0
                    }
                })
                .fold(first.h, f32::max);
            let h = content_h + 2.0 * pad;
            let mut row = Frame::new(h);
            row.push(Prim::Rect {
                x: 0.0,
                y: 0.0,
                w: first_w,
                h,
                fill: None,
                stroke: Some(grid),
            });
            for (d, (cell, kind)) in day_cells.into_iter().enumerate() {
                let x = first_w + d as f32 * day_w;
                let fill = (kind == Some(SessionKind::Training)).then_some(shade);
                row.push(Prim::Rect {
                    x,
                    y: 0.0,
                    w: day_w,
                    h,
                    fill,
                    stroke: Some(grid),
                });
                if kind.is_some() {
                    // Beside the date, top right of the cell.
                    let y = if tick_beside { pad } else { h - pad - tick };
                    row.push(Builder::tick_box(x + day_w - pad - tick, y, tick));
                }
                row.overlay(cell, x, pad);
            }
            row.overlay(first, 0.0, pad);
            // A thicker accent rule where a new phase starts.
            if prev_phase.is_some_and(|p| p != (week.phase_number, week.maintenance)) {
                row.push(Prim::Line {
                    x1: 0.0,
                    y1: 0.0,
                    x2: self.width,
                    y2: 0.0,
                    colour: self.accent,
                    width: 1.6,
                });
            }
            prev_phase = Some((week.phase_number, week.maintenance));
            rows.push(row);
        }
        // Legend.
        let mut legend = vec![Frame::space(self.fs * 0.6)];
        let sw = self.fs * 1.1;
        let small = self.small();
        let mut line = stack(self.m.para(
            &w.legend_training,
            small,
            sw + self.fs * 0.5,
            self.width - sw - self.fs * 0.5,
        ));
        line.push(Prim::Rect {
            x: 0.0,
            y: (small.lh() - sw) / 2.0,
            w: sw,
            h: sw,
            fill: Some(shade),
            stroke: Some(grid),
        });
        legend.push(line);
        let has = |k: SessionKind| {
            plan.weeks
                .iter()
                .flat_map(|wk| &wk.sessions)
                .any(|s| s.kind == k)
        };
        if show_words && has(SessionKind::Daily) {
            legend.extend(self.m.para(
                &w.legend_daily,
                small,
                sw + self.fs * 0.5,
                self.width - sw - self.fs * 0.5,
            ));
        }
        if show_words {
            if has(SessionKind::Run) {
                legend.extend(self.m.para(
                    &w.legend_run,
                    small,
                    sw + self.fs * 0.5,
                    self.width - sw - self.fs * 0.5,
                ));
            }
        }
        let mut frames = vec![header.clone()];
        frames.extend(rows);
        frames.extend(legend);
        self.push(Block {
            frames,
            keep_together: true,
            header: Some(header),
            ..Block::default()
        });
    }
}
