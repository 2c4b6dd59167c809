//! The log: a grid for two weeks of a phase side by side (one week where the phase or the
//! columns do not allow two). Rows are the exercises (each naming the page of its card and its
//! dose, each week's where they differ), columns the training sessions' dates, with a tick
//! box per set; then rows for pain during and the next morning (0-10) and for notes.
//! Exercises done on other days too (daily stretches, every-second-day work) get a compact
//! grid of each week's seven days.

use super::cards::glue;
use super::doc::{tint, Builder};
use super::layout::{stack, Block, Colour, Frame, Prim, Style, BLACK, GREY, LIGHT};
use super::outline::LogWeek;
use crate::plan::types::{Item, Week};
use crate::template::Wording;
use chrono::Duration;

/// One cell of a grid row: tick boxes (how many), a box to write a number in, or nothing.
#[derive(Clone, Copy)]
enum Cell {
    Ticks(u32),
    /// Boxes to write numbers in (pain during, next morning).
    Numbers(u32),
    Empty,
    Off,
}

impl Builder<'_> {
    pub fn log(&mut self, weeks: Vec<LogWeek>) {
        let w = self.w;
        self.title(&w.log_title, self.h2(), false);
        if !w.log_intro.trim().is_empty() {
            let mut f = self.m.para(&w.log_intro, self.body(), 0.0, self.width);
            f.push(Frame::space(self.fs * 0.3));
            self.push(Block::together(f));
        }
        self.check_instructions();
        // Two weeks share a grid when their sessions' columns, in half the width, each hold
        // three tick boxes: the default print does, large print does not (its weeks keep a
        // grid each, with room for the names).
        let columns = (self.width * 0.5 / self.session_column()).floor() as usize;
        for grid in super::outline::log_grids(weeks, columns) {
            self.log_grid(&grid);
        }
    }

    /// The width of a column that holds `boxes` tick boxes.
    fn column_for(&self, boxes: u32) -> f32 {
        let tick = (self.fs * 0.9).max(8.0);
        boxes as f32 * tick * 1.35 + tick * 0.35 + 2.0 * self.fs * 0.16
    }

    /// The width of a session's column that holds three tick boxes.
    fn session_column(&self) -> f32 {
        self.column_for(3)
    }

    /// "Week 3 of 12".
    fn week_title(&self, week: &Week) -> String {
        Wording::fill(
            &self.w.week_heading,
            &[
                ("week", &week.number.to_string()),
                ("weeks", &self.plan.weeks.len().to_string()),
            ],
        )
    }

    /// One grid of one week or two (see `outline::log_grids`): its heading, a row per
    /// exercise with a column per session, the pain and notes rows; then each week's
    /// seven-day grid for daily work.
    fn log_grid(&mut self, weeks: &[LogWeek]) {
        let titles: Vec<String> = weeks.iter().map(|lw| self.week_title(lw.week)).collect();
        let (mut frames, title) = self.log_grid_heading(weeks, &titles);
        let sessions: usize = weeks.iter().map(|lw| lw.sessions.len()).sum();
        if sessions > 0 {
            frames.extend(self.session_grid(weeks, &titles, sessions));
        }
        let daily: Vec<&LogWeek> = weeks.iter().filter(|lw| !lw.daily.is_empty()).collect();
        if daily.is_empty() {
            self.push_grid(frames, Some(&title));
            return;
        }
        // A daily grid is a block of its own, so that it can start the next page when the
        // session grid has filled this one: a page then never stays half empty for want of
        // room for both. Printed on a new page, it says which week it belongs to.
        if sessions > 0 {
            self.push_grid(std::mem::take(&mut frames), Some(&title));
        }
        for lw in daily {
            self.daily_grid(lw, std::mem::take(&mut frames));
        }
    }

    /// A grid's heading: the weeks, their dates and the phase, each week's adjustment and
    /// its progress checks. Also returns the line that names the grid on a page it
    /// continues onto.
    fn log_grid_heading(&self, weeks: &[LogWeek], titles: &[String]) -> (Vec<Frame>, String) {
        let w = self.w;
        let (first, last) = (weeks[0].week, weeks[weeks.len() - 1].week);
        let heading = titles.join(" · ");
        let phase = if first.maintenance {
            w.maintenance_title.clone()
        } else {
            Wording::fill(
                &w.phase_name,
                &[
                    ("number", &first.phase_number.to_string()),
                    ("name", &first.phase),
                ],
            )
        };
        let dates = w.date_range(&w.date_short(first.start), &w.date_short(last.end));
        let title = format!("{heading} · {dates}");
        let mut frames = vec![Frame::space(self.fs * 0.5)];
        frames.extend(self.m.rich(
            &[
                (self.body().bold().colour(self.accent), &heading),
                (self.small().colour(GREY), &format!("   {dates} · {phase}")),
            ],
            0.0,
            self.width,
        ));
        for lw in weeks {
            if !lw.week.adjustment.trim().is_empty() {
                let text = if weeks.len() > 1 {
                    format!(
                        "{}{}",
                        w.label(&self.week_title(lw.week)),
                        lw.week.adjustment
                    )
                } else {
                    lw.week.adjustment.clone()
                };
                frames.extend(self.m.para(&text, self.small().bold(), 0.0, self.width));
            }
        }
        for lw in weeks {
            frames.extend(self.check_rows(lw.week.number));
        }
        frames.push(Frame::new(self.fs * 0.3));
        (frames, title)
    }

    /// The grid of the training sessions: a row per exercise with tick boxes in the sessions
    /// it is done in, then the pain and notes rows.
    fn session_grid(&self, weeks: &[LogWeek], titles: &[String], sessions: usize) -> Vec<Frame> {
        let w = self.w;
        let s = self.small();
        // Columns: the exercise and its card's page, its dose, then one per session.
        // A week of its own: the name column leaves each session room for three tick
        // boxes (large print needs it), and is never wider than two thirds.
        let name_w = if weeks.len() > 1 {
            self.width * 0.5
        } else {
            (self.width - sessions as f32 * self.session_column())
                .clamp(self.width * 0.45, self.width * 0.66)
        };
        let labels: Vec<(&Item, String)> = grid_rows(weeks)
            .into_iter()
            .map(|(_, items)| {
                let item = *items.iter().flatten().next().expect("a row has an item");
                (item, self.grid_dose(weeks, &items))
            })
            .collect();
        let dose_x = self.dose_split(&labels, name_w);
        let cols: Vec<String> = weeks
            .iter()
            .flat_map(|lw| lw.sessions.iter().map(|d| w.date_short(*d)))
            .collect();
        let groups: Vec<(String, usize)> = if weeks.len() > 1 {
            weeks
                .iter()
                .zip(titles)
                .map(|(lw, t)| (t.clone(), lw.sessions.len()))
                .collect()
        } else {
            Vec::new()
        };
        let mut rows: Vec<(Vec<Frame>, Vec<Cell>)> = Vec::new();
        for ((id, items), (item, dose)) in grid_rows(weeks).into_iter().zip(&labels) {
            let cells = session_cells(weeks, id, &items, sessions);
            rows.push((self.log_label(item, dose, dose_x, name_w), cells));
        }
        // Pain during the session and the next morning: two boxes in one row.
        let f = self.m.para(&w.log_pain_row, s.bold(), 0.0, name_w);
        rows.push((f, vec![Cell::Numbers(2); sessions]));
        let mut notes = self.m.para(&w.notes_label, s.bold(), 0.0, name_w);
        notes.push(Frame::new(self.fs * 0.4));
        rows.push((notes, vec![Cell::Empty; sessions]));
        self.grid(&w.exercise_column, &groups, &cols, rows, name_w)
    }

    /// A week's seven-day grid of the work done on other days too, after `frames` (the
    /// week's heading when it has no session grid).
    fn daily_grid(&mut self, lw: &LogWeek, mut frames: Vec<Frame>) {
        let w = self.w;
        let week = lw.week;
        let dates = w.date_range(&w.date_short(week.start), &w.date_short(week.end));
        let title = format!("{} · {dates}", self.week_title(week));
        let s = self.small();
        let section = self.context.take();
        self.set_context(Some(&title));
        // Seven day columns, each with room for its ticks (twice-daily work has two).
        let most = lw
            .daily
            .iter()
            .map(|(i, _)| i.times_a_day.max(1))
            .max()
            .unwrap_or(1);
        let daily_name_w = (self.width - 7.0 * self.column_for(most.min(3)))
            .clamp(self.width * 0.3, self.width * 0.44);
        let labels: Vec<(&Item, String)> = lw
            .daily
            .iter()
            .map(|(item, _)| (*item, glue(&w.dose(item))))
            .collect();
        let daily_dose_x = self.dose_split(&labels, daily_name_w);
        frames.push(Frame::space(self.fs * 0.5));
        let head = format!("{} · {}", self.week_title(week), w.daily_grid_title);
        frames.extend(self.m.para(&head, s.bold(), 0.0, self.width));
        frames.push(Frame::new(self.fs * 0.2));
        let cols: Vec<String> = (0..7)
            .map(|d| {
                let date = week.start + Duration::days(d);
                w.format_date("{weekday_short} {day}", date)
            })
            .collect();
        let rows = lw
            .daily
            .iter()
            .zip(&labels)
            .map(|((item, days), (_, dose))| {
                let cells = days
                    .iter()
                    .map(|on| {
                        if *on {
                            // Twice-daily work gets a box for each time.
                            Cell::Ticks(item.times_a_day.max(1))
                        } else {
                            Cell::Off
                        }
                    })
                    .collect();
                (
                    self.log_label(item, dose, daily_dose_x, daily_name_w),
                    cells,
                )
            })
            .collect();
        frames.extend(self.grid(&w.exercise_column, &[], &cols, rows, daily_name_w));
        // Its context line already names the week on a new page.
        self.push_grid(frames, None);
        self.context = section;
    }

    /// A row's dose: the same in every week of the grid, or each week's ("wk 3: 3 x 10").
    fn grid_dose(&self, weeks: &[LogWeek], items: &[Option<&Item>]) -> String {
        let w = self.w;
        let doses: Vec<Option<String>> = items.iter().map(|i| i.map(|i| w.dose(i))).collect();
        let first = doses.iter().flatten().next();
        if weeks.len() == 1 || doses.iter().all(|d| d.is_some() && d.as_ref() == first) {
            return glue(first.map(String::as_str).unwrap_or(""));
        }
        weeks
            .iter()
            .zip(doses)
            .filter_map(|(lw, d)| {
                let wk = Wording::fill(&w.dose_week, &[("week", &lw.week.number.to_string())]);
                d.map(|d| glue(&format!("{}{d}", w.label(&wk))))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A week's heading and grid as one table block. Where it continues on the next page,
    /// that page starts with the grid's header row, under "`title` (continued)" when given
    /// (a block whose context line already names the week gives none).
    fn push_grid(&mut self, frames: Vec<Frame>, title: Option<&str>) {
        match frames.iter().position(|f| f.table_header) {
            Some(i) => {
                let row = frames[i].clone();
                let header = match title {
                    Some(t) => stack(vec![self.context_line(t), row]),
                    None => row,
                };
                self.push(Block::table(frames, header));
            }
            None => self.push(Block::together(frames)),
        }
    }

    /// Where the dose column starts in a label column `name_w` wide: the split, between two
    /// fifths and four fifths, that gives the rows the fewest lines in all, so a long name or a
    /// long dose takes the room the other does not need.
    pub(super) fn dose_split(&self, labels: &[(&Item, String)], name_w: f32) -> f32 {
        // Each name and dose is measured once and counted at every split; a word that
        // would be cut between characters is wrapped for real.
        let s = self.small();
        let measured: Vec<_> = labels
            .iter()
            .map(|(item, dose)| (self.m.breaks(&item.name, s.bold()), self.m.breaks(dose, s)))
            .collect();
        let lines = |dose_x: f32| -> usize {
            let (_, name_text_w, dose_w) = self.label_widths(dose_x, name_w);
            labels
                .iter()
                .zip(&measured)
                .map(|((item, dose), (name_b, dose_b))| {
                    let name_lines = self.m.line_count(name_b, name_text_w);
                    let dose_lines = self.m.line_count(dose_b, dose_w);
                    match (name_lines, dose_lines) {
                        (Some(n), Some(d)) => n.max(d),
                        _ => {
                            let (name, dose) = self.label_parts(item, dose, dose_x, name_w);
                            name.len().max(dose.len())
                        }
                    }
                })
                .sum()
        };
        // Every row on one line at the usual split: nothing to gain. Otherwise twenty-one
        // splits; on a tie the one nearest the usual.
        let usual = name_w * USUAL_SPLIT;
        if lines(usual) == labels.len() {
            return usual;
        }
        (0..=20)
            .map(|i| name_w * (0.4 + 0.02 * i as f32))
            .map(|x| {
                (
                    lines(x),
                    ((x / name_w - USUAL_SPLIT).abs() * 1000.0) as u32,
                    x,
                )
            })
            .min_by_key(|&(n, off, _)| (n, off))
            .map_or(usual, |(_, _, x)| x)
    }

    /// A label's widths in a label column `name_w` wide with the dose column `dose_x` from
    /// the left: the name's column (the card's page at its right end), the name's text, and
    /// the dose.
    fn label_widths(&self, dose_x: f32, name_w: f32) -> (f32, f32, f32) {
        let left_w = dose_x - self.fs * 0.5;
        let page_w = self.page_ref_width(self.small()) + self.fs * 0.3;
        (left_w, left_w - page_w, name_w - dose_x)
    }

    /// A label's name lines and dose lines, with the dose column `dose_x` from the left.
    pub(super) fn label_parts(
        &self,
        item: &Item,
        dose: &str,
        dose_x: f32,
        name_w: f32,
    ) -> (Vec<Frame>, Vec<Frame>) {
        let s = self.small();
        let (_, name_text_w, dose_w) = self.label_widths(dose_x, name_w);
        let name = self.m.para(&item.name, s.bold(), 0.0, name_text_w);
        let dose = self.m.para(dose, s, 0.0, dose_w);
        (name, dose)
    }

    /// An exercise row's label: its name and card page, and its dose (`dose`, glued) in a
    /// column of its own, `dose_x` from the left.
    fn log_label(&self, item: &Item, dose: &str, dose_x: f32, name_w: f32) -> Vec<Frame> {
        let s = self.small();
        let (left_w, _, _) = self.label_widths(dose_x, name_w);
        // The card has the load and tempo; the log keeps to the count.
        let (mut name, dose) = self.label_parts(item, dose, dose_x, name_w);
        // The card's page after the name's last line: "with band   p. 5".
        if let Some(last) = name.last_mut() {
            last.prims.extend(self.page_ref(&item.id, left_w, true, s));
        }
        let dose = stack(dose);
        let mut f = stack(name);
        f.h = f.h.max(dose.h);
        f.overlay(dose, dose_x, 0.0);
        vec![f]
    }

    /// A grid: a header row (first column title, then `cols`), then each row's label frames
    /// and cells. Returns its frames (the header first).
    /// `groups` (label, number of columns) head runs of columns with a band above the
    /// header, with a stronger line between them: the weeks of a two-week grid.
    fn grid(
        &self,
        first: &str,
        groups: &[(String, usize)],
        cols: &[String],
        rows: Vec<(Vec<Frame>, Vec<Cell>)>,
        name_w: f32,
    ) -> Vec<Frame> {
        let pad = self.fs * 0.16;
        let col_w = (self.width - name_w - pad) / cols.len().max(1) as f32;
        let col_w = col_w.min(self.fs * 7.0);
        let g = GridColumns {
            pad,
            s: self.small(),
            name_w,
            col_w,
            total_w: name_w + pad + col_w * cols.len() as f32,
            line: (LIGHT, 0.5),
        };
        let mut header = self.grid_header(first, groups, cols, &g);
        // Where a group of columns starts: a stronger line in every row.
        let group_starts: Vec<usize> = groups
            .iter()
            .scan(0, |at, (_, n)| {
                let start = *at;
                *at += n;
                Some(start)
            })
            .skip(1)
            .collect();
        header.table_header = true;
        let mut out = vec![header];
        for (label, cells) in rows {
            out.push(self.grid_row(&g, label, &cells, &group_starts));
        }
        out
    }

    /// The grid's header row: the first column's title, the band over the column groups
    /// and the column heads.
    fn grid_header(
        &self,
        first: &str,
        groups: &[(String, usize)],
        cols: &[String],
        g: &GridColumns,
    ) -> Frame {
        let (pad, s) = (g.pad, g.s);
        // Column heads on one line, shrunk to fit; large print keeps 14 pt and wraps them.
        let head_style = fit(self, s.bold(), cols, g.col_w - 2.0 * pad);
        let head_style = Style {
            size: head_style.size.max(self.min_size()),
            ..head_style
        };
        let heads: Vec<Vec<String>> = cols
            .iter()
            .map(|c| self.m.wrap(c, head_style, g.col_w - 2.0 * pad + 0.5))
            .collect();
        let lines = heads.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let band = self.grid_band(groups, g);
        let band_lines = band.iter().map(|(_, _, l)| l.len()).max().unwrap_or(0);
        let band_h = if band_lines > 0 {
            s.lh() * band_lines as f32 + pad
        } else {
            0.0
        };
        let mut header =
            Frame::new(band_h + (head_style.lh() * lines as f32).max(s.lh()) + 2.0 * pad);
        header.push(Prim::Rect {
            x: 0.0,
            y: 0.0,
            w: g.total_w,
            h: header.h,
            fill: Some(tint(self.accent, 0.1)),
            stroke: Some(g.line),
        });
        header.overlay(
            stack(self.m.para(first, s.bold(), pad, g.name_w - pad)),
            0.0,
            band_h + pad,
        );
        self.draw_band(&mut header, band, g);
        for (i, head) in heads.into_iter().enumerate() {
            let x = g.name_w + pad + i as f32 * g.col_w;
            for (k, text) in head.into_iter().enumerate() {
                let tw = self.m.width(&text, head_style);
                header.push(Prim::Text {
                    x: x + (g.col_w - tw) / 2.0,
                    baseline: band_h + pad + k as f32 * head_style.lh() + head_style.baseline(),
                    text,
                    bold: true,
                    size: head_style.size,
                    colour: BLACK,
                });
            }
        }
        header
    }

    /// The band over the column groups: each group's left edge, width and label wrapped to
    /// that width.
    fn grid_band(
        &self,
        groups: &[(String, usize)],
        g: &GridColumns,
    ) -> Vec<(f32, f32, Vec<String>)> {
        let mut x = g.name_w + g.pad;
        groups
            .iter()
            .map(|(label, n)| {
                let gw = g.col_w * *n as f32;
                let lines = self.m.wrap(label, g.s.bold(), gw - 2.0 * g.pad);
                let out = (x, gw, lines);
                x += gw;
                out
            })
            .collect()
    }

    /// Draws the band's labels, centred over their groups, and a line where each starts.
    fn draw_band(&self, header: &mut Frame, band: Vec<(f32, f32, Vec<String>)>, g: &GridColumns) {
        let s = g.s;
        for (x, gw, lines) in band {
            for (k, text) in lines.into_iter().enumerate() {
                let tw = self.m.width(&text, s.bold());
                header.push(Prim::Text {
                    x: x + (gw - tw) / 2.0,
                    baseline: g.pad + k as f32 * s.lh() + s.baseline(),
                    text,
                    bold: true,
                    size: s.size,
                    colour: BLACK,
                });
            }
            header.push(Prim::Line {
                x1: x,
                y1: 0.0,
                x2: x,
                y2: header.h,
                colour: g.line.0,
                width: g.line.1,
            });
        }
    }

    /// One row of a grid: its label, then its cells, with a stronger line where a group of
    /// columns starts.
    fn grid_row(
        &self,
        g: &GridColumns,
        label: Vec<Frame>,
        cells: &[Cell],
        group_starts: &[usize],
    ) -> Frame {
        let (pad, col_w, line) = (g.pad, g.col_w, g.line);
        let tick = (self.fs * 0.9).max(8.0);
        let label = stack(label);
        let h = label.h.max(tick) + 2.0 * pad;
        let mut f = Frame::new(h);
        f.push(Prim::Rect {
            x: 0.0,
            y: 0.0,
            w: g.total_w,
            h,
            fill: None,
            stroke: Some(line),
        });
        f.overlay(label, pad, pad);
        for (i, cell) in cells.iter().enumerate() {
            let x = g.name_w + pad + i as f32 * col_w;
            let strong = group_starts.contains(&i);
            f.push(Prim::Line {
                x1: x,
                y1: 0.0,
                x2: x,
                y2: h,
                colour: if strong { BLACK } else { line.0 },
                width: if strong { 1.2 } else { line.1 },
            });
            self.cell(&mut f, *cell, x, col_w, h, tick);
        }
        f
    }

    fn cell(&self, f: &mut Frame, cell: Cell, x: f32, col_w: f32, h: f32, tick: f32) {
        let y = (h - tick) / 2.0;
        match cell {
            Cell::Ticks(n) => {
                let gap = tick * 0.35;
                let n_fit = ((col_w - gap) / (tick + gap)).floor().max(1.0) as u32;
                let shown = if n <= n_fit { n } else { 1 };
                let row_w = shown as f32 * tick + (shown.saturating_sub(1)) as f32 * gap;
                let mut bx = x + (col_w - row_w) / 2.0;
                if shown < n {
                    // Too many sets to draw: one box and the count.
                    let label = format!("×{n}");
                    let s = self.tiny();
                    let lw = self.m.width(&label, s);
                    bx = x + (col_w - tick - lw - gap) / 2.0;
                    f.push(Prim::Text {
                        x: bx + tick + gap,
                        baseline: y + (tick + s.size * 0.7) / 2.0,
                        text: label,
                        bold: false,
                        size: s.size,
                        colour: GREY,
                    });
                }
                for _ in 0..shown {
                    f.push(Builder::tick_box(bx, y, tick));
                    bx += tick + gap;
                }
            }
            Cell::Numbers(n) => {
                let gap = tick * 0.6;
                let bw = ((col_w - gap * (n as f32 + 1.0)) / n as f32).min(tick * 2.2);
                let row_w = n as f32 * bw + (n as f32 - 1.0) * gap;
                let mut bx = x + (col_w - row_w) / 2.0;
                for _ in 0..n {
                    f.push(Builder::tick_box(bx, y, tick).with_width(bw));
                    bx += bw + gap;
                }
            }
            Cell::Empty => {}
            Cell::Off => f.push(Prim::Rect {
                x,
                y: 0.0,
                w: col_w,
                h,
                fill: Some(tint(LIGHT, 0.25)),
                stroke: None,
            }),
        }
    }
}

/// The names' usual share of a log's label column (the rest is the dose's).
const USUAL_SPLIT: f32 = 0.62;

/// A grid's columns: the label column's width, each session column's, and the lines.
struct GridColumns {
    pad: f32,
    s: Style,
    name_w: f32,
    col_w: f32,
    total_w: f32,
    line: (Colour, f32),
}

/// An exercise row's cells: in each week's sessions, tick boxes for its sets where it is
/// done that session, otherwise shaded.
fn session_cells(
    weeks: &[LogWeek],
    id: &str,
    items: &[Option<&Item>],
    sessions: usize,
) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(sessions);
    for (lw, item) in weeks.iter().zip(items) {
        let on = lw.rows.iter().find(|(i, _)| i.id == id).map(|(_, on)| on);
        for k in 0..lw.sessions.len() {
            cells.push(match (item, on) {
                (Some(item), Some(on)) if on[k] => Cell::Ticks(item.sets),
                _ => Cell::Off,
            });
        }
    }
    cells
}

/// `style`, shrunk until the widest of `texts` fits `width` (not below 6 pt).
fn fit(b: &Builder, style: Style, texts: &[String], width: f32) -> Style {
    let widest = texts
        .iter()
        .map(|t| b.m.width(t, style))
        .fold(0.0, f32::max);
    if widest <= width {
        style
    } else {
        Style {
            size: (style.size * width / widest).max(6.0),
            ..style
        }
    }
}

/// The rows of a grid: each exercise of its weeks' session rows once, in the first week's
/// order and then the new ones of the next, with its item in each week (none where the week
/// does not have it).
fn grid_rows<'a>(weeks: &[LogWeek<'a>]) -> Vec<(&'a str, Vec<Option<&'a Item>>)> {
    let mut out: Vec<(&'a str, Vec<Option<&'a Item>>)> = Vec::new();
    for (k, lw) in weeks.iter().enumerate() {
        for (item, _) in &lw.rows {
            let row = match out.iter_mut().position(|(id, _)| *id == item.id) {
                Some(i) => &mut out[i].1,
                None => {
                    out.push((item.id.as_str(), vec![None; weeks.len()]));
                    &mut out.last_mut().expect("just pushed").1
                }
            };
            row[k] = Some(*item);
        }
    }
    out
}
