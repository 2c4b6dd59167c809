//! The overview calendar: one row per week (number and phase), one column per day with its
//! date; training days shaded (no word: the shading and the box say it), rest days with daily
//! stretches and walk-run days labelled, a tick box for each day with work to do. The header
//! row repeats when the table continues on another page.

use super::doc::{tint, Builder};
use super::layout::{stack, Block, Colour, Frame, Prim, Style, BLACK, LIGHT};
use crate::plan::types::{SessionKind, Week};
use crate::template::Wording;
use chrono::Duration;

/// The calendar's measures, worked out once from the page width and the template's sizes.
struct Grid {
    pad: f32,
    first_w: f32,
    day_w: f32,
    tick: f32,
    tick_beside: bool,
    cell_text_w: f32,
    small: Style,
    tiny: Style,
    show_words: bool,
    shade: Colour,
    line: (Colour, f32),
}

impl Builder<'_> {
    pub fn calendar(&mut self) {
        let w = self.w;
        self.title(&w.overview_title, self.h2(), false);
        if !w.overview_intro.trim().is_empty() {
            let mut f = self.m.para(&w.overview_intro, self.body(), 0.0, self.width);
            f.push(Frame::space(self.fs * 0.4));
            self.push(Block::heading(f));
        }
        let g = self.calendar_grid();
        let header = self.calendar_header(&g);
        let mut frames = vec![header.clone()];
        let mut prev_phase = None;
        for week in &self.plan.weeks {
            let phase = (week.phase_number, week.maintenance);
            frames.push(self.calendar_row(&g, week, prev_phase.map(|p| p != phase)));
            prev_phase = Some(phase);
        }
        frames.extend(self.calendar_legend(&g));
        self.push(Block {
            frames,
            keep_together: true,
            header: Some(header),
            ..Block::default()
        });
    }

    fn calendar_grid(&self) -> Grid {
        let w = self.w;
        let pad = self.fs * 0.2;
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
        let dates: Vec<String> = self
            .plan
            .weeks
            .iter()
            .flat_map(|wk| (0..7).map(move |d| wk.start + Duration::days(d)))
            .map(|d| w.date_calendar(d))
            .collect();
        let words = [w.calendar_daily.clone(), w.calendar_run.clone()];
        let small = fit(self.small(), &dates);
        let tiny = fit(self.tiny(), &words);
        let show_words = words
            .iter()
            .all(|t| self.m.width(t, tiny.bold()) <= cell_text_w);
        Grid {
            pad,
            first_w,
            day_w,
            tick,
            tick_beside,
            cell_text_w,
            small,
            tiny,
            show_words,
            shade: tint(self.accent, 0.18),
            line: (LIGHT, 0.5),
        }
    }

    /// "Week", then the weekday names from the plan's first day.
    fn calendar_header(&self, g: &Grid) -> Frame {
        let mut header = Frame::new(0.0);
        let mut cells = vec![stack(self.m.para(
            &self.w.week_column,
            self.small().bold(),
            g.pad,
            g.first_w - 2.0 * g.pad,
        ))];
        for d in 0..7 {
            let day = self.plan.start + Duration::days(d);
            cells.push(stack(self.m.para(
                self.w.weekday_short(chrono::Datelike::weekday(&day)),
                g.small.bold(),
                g.pad,
                g.cell_text_w,
            )));
        }
        header.h = cells.iter().map(|c| c.h).fold(0.0, f32::max) + 2.0 * g.pad;
        header.push(Prim::Rect {
            x: 0.0,
            y: 0.0,
            w: self.width,
            h: header.h,
            fill: Some(tint(self.accent, 0.08)),
            stroke: Some(g.line),
        });
        for (i, c) in cells.into_iter().enumerate() {
            let x = if i == 0 {
                0.0
            } else {
                g.first_w + (i - 1) as f32 * g.day_w
            };
            header.overlay(c, x, g.pad);
        }
        header
    }

    /// One week's row. `new_phase` is None for the first week, Some(true) where a phase
    /// starts: the phase's name is printed on its first week, under a thicker accent rule.
    fn calendar_row(&self, g: &Grid, week: &Week, new_phase: Option<bool>) -> Frame {
        let mut first = self.m.para(
            &Wording::fill(&self.w.week_short, &[("week", &week.number.to_string())]),
            self.small().bold(),
            g.pad,
            g.first_w - 2.0 * g.pad,
        );
        if new_phase != Some(false) {
            first.extend(
                self.m
                    .para(&week.phase, self.tiny(), g.pad, g.first_w - 2.0 * g.pad),
            );
        }
        let first = stack(first);
        let day_cells: Vec<(Frame, Option<SessionKind>)> =
            (0..7).map(|d| self.calendar_day(g, week, d)).collect();
        let content_h = day_cells
            .iter()
            .map(|(c, k)| {
                c.h + if k.is_some() && !g.tick_beside {
                    g.tick + g.pad * 0.5
                } else {
                    0.0
                }
            })
            .fold(first.h, f32::max);
        let h = content_h + 2.0 * g.pad;
        let mut row = Frame::new(h);
        row.push(Prim::Rect {
            x: 0.0,
            y: 0.0,
            w: g.first_w,
            h,
            fill: None,
            stroke: Some(g.line),
        });
        for (d, (cell, kind)) in day_cells.into_iter().enumerate() {
            let x = g.first_w + d as f32 * g.day_w;
            let fill = (kind == Some(SessionKind::Training)).then_some(g.shade);
            row.push(Prim::Rect {
                x,
                y: 0.0,
                w: g.day_w,
                h,
                fill,
                stroke: Some(g.line),
            });
            if kind.is_some() {
                // Beside the date, top right of the cell.
                let y = if g.tick_beside {
                    g.pad
                } else {
                    h - g.pad - g.tick
                };
                row.push(Builder::tick_box(x + g.day_w - g.pad - g.tick, y, g.tick));
            }
            row.overlay(cell, x, g.pad);
        }
        row.overlay(first, 0.0, g.pad);
        if new_phase == Some(true) {
            row.push(Prim::Line {
                x1: 0.0,
                y1: 0.0,
                x2: self.width,
                y2: 0.0,
                colour: self.accent,
                width: 1.6,
            });
        }
        row
    }

    /// Day `d` of a week: its date (grey outside the plan) and the kind of work on it.
    fn calendar_day(&self, g: &Grid, week: &Week, d: i64) -> (Frame, Option<SessionKind>) {
        let w = self.w;
        let plan = self.plan;
        let date = week.start + Duration::days(d);
        let session = week.sessions.iter().find(|s| s.date == date);
        let in_plan = date <= plan.end && date >= plan.start;
        let mut parts = self.m.para(
            &w.date_calendar(date),
            if in_plan {
                g.small
            } else {
                g.small.colour(LIGHT)
            },
            g.pad,
            g.cell_text_w,
        );
        let kind = session.map(|s| s.kind);
        let word = match kind.filter(|_| g.show_words) {
            // A training day's shading and tick box say what it is: no word, so a week
            // without stretch or run days is one line high.
            Some(SessionKind::Training) => None,
            Some(SessionKind::Daily) => Some((&w.calendar_daily, g.tiny)),
            Some(SessionKind::Run) => Some((&w.calendar_run, g.tiny.bold().colour(BLACK))),
            None => None,
        };
        if let Some((text, style)) = word {
            parts.extend(self.m.para(text, style, g.pad, g.cell_text_w));
        }
        (stack(parts), kind)
    }

    /// The legend names only the kinds of day this plan has.
    fn calendar_legend(&self, g: &Grid) -> Vec<Frame> {
        let w = self.w;
        let mut legend = vec![Frame::space(self.fs * 0.4)];
        let sw = self.fs * 1.1;
        let small = self.small();
        let indent = sw + self.fs * 0.5;
        let text_w = self.width - indent;
        let mut line = stack(self.m.para(&w.legend_training, small, indent, text_w));
        line.push(Prim::Rect {
            x: 0.0,
            y: (small.lh() - sw) / 2.0,
            w: sw,
            h: sw,
            fill: Some(g.shade),
            stroke: Some(g.line),
        });
        legend.push(line);
        let has = |k: SessionKind| {
            self.plan
                .weeks
                .iter()
                .flat_map(|wk| &wk.sessions)
                .any(|s| s.kind == k)
        };
        if g.show_words && has(SessionKind::Daily) {
            legend.extend(self.m.para(&w.legend_daily, small, indent, text_w));
        }
        if g.show_words && has(SessionKind::Run) {
            legend.extend(self.m.para(&w.legend_run, small, indent, text_w));
        }
        legend
    }
}
