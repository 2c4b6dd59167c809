//! The exercise cards, one set per phase: the phase's heading, weeks and goals, then one card
//! per exercise new in that phase (illustration frame, name, steps, tips, mistakes, the dose
//! week by week) and a short table of the exercises whose card is on an earlier page, with
//! their new doses. The criteria for moving on close the phase.

use super::doc::{tint, Builder};
use super::layout::{boxed, stack, Block, Colour, Frame, Prim, Style, GREY, LIGHT};
use super::outline::{Card, Often, PhaseGroup};
use crate::plan::types::ExerciseInfo;
use crate::template::Wording;

/// Space for glueing a dose together: no line break inside "3 x 10" or "1 min".
pub const NBSP: char = '\u{a0}';

/// `text` with its spaces next to digits made non-breaking, so a number stays with its unit
/// and its "x": "3 x 10 each side" can only break after "10". A short word that opens the text
/// stays with the number after it ("wk 1-2", "Wo. 3").
pub fn glue(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        let digitish = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let x = |c: Option<char>| c == Some('x') || c == Some('×');
        if *c == ' '
            && (digitish(prev) && (next.is_some_and(|n| n.is_alphabetic() || n == '%') || x(next))
                || x(prev) && digitish(next)
                || digitish(next) && prev.is_some_and(char::is_alphabetic) && i < 8)
        {
            out.push(NBSP);
        } else {
            out.push(*c);
        }
    }
    out
}

impl Builder<'_> {
    /// Every phase's cards. Returns nothing: page numbers of the cards are found after
    /// pagination through the frames' anchors (`Frame::anchor` = the exercise's index in
    /// `plan.exercises`).
    pub fn cards(&mut self, groups: &[PhaseGroup]) {
        let w = self.w;
        self.title(&w.cards_title, self.h2(), false);
        if !w.cards_intro.trim().is_empty() {
            let mut f = self.m.para(&w.cards_intro, self.body(), 0.0, self.width);
            f.push(Frame::space(self.fs * 0.3));
            self.push(Block::heading(f));
        }
        for g in groups {
            self.phase_heading(g);
            let earlier: Vec<&Card> = g.cards.iter().filter(|c| c.shown_before).collect();
            let new: Vec<&Card> = g.cards.iter().filter(|c| !c.shown_before).collect();
            for card in &new {
                self.card(card);
            }
            if !earlier.is_empty() {
                self.shown_before(&earlier);
            }
            self.progress(g);
        }
        self.set_context(None);
    }

    fn phase_heading(&mut self, g: &PhaseGroup) {
        let w = self.w;
        let title = if g.maintenance {
            w.maintenance_title.clone()
        } else {
            Wording::fill(
                &w.phase_name,
                &[("number", &g.number.to_string()), ("name", g.name)],
            )
        };
        let weeks = self.week_range(g.first_week, g.last_week, &w.phase_weeks, &w.phase_week);
        let mut frames = vec![self.gap(0.8)];
        frames.extend(self.m.rich(
            &[
                (self.h3(), &title),
                (self.body().colour(GREY), &format!("   {weeks}")),
            ],
            0.0,
            self.width,
        ));
        frames.push(self.rule(0.5, 0.2, 0.8));
        if g.maintenance {
            frames.extend(
                self.m
                    .para(&w.maintenance_note, self.small(), 0.0, self.width),
            );
        } else if !g.goals.is_empty() {
            let small = self.small();
            for goal in g.goals {
                frames.extend(self.list_item("•", goal, small, 0.0, self.width));
            }
        }
        frames.push(Frame::space(self.fs * 0.4));
        self.push(Block::heading(frames));
        self.set_context(Some(&title));
    }

    /// "p. 5" at `x` (or ending at `x` when `right`): the page of an exercise's card, filled
    /// in once the pages are laid out. Nothing for an exercise without a card.
    pub fn page_ref(&self, id: &str, x: f32, right: bool, s: Style) -> Option<Prim> {
        let card = self.plan.exercises.iter().position(|e| e.id == id)?;
        Some(Prim::PageRef {
            x,
            right,
            baseline: s.baseline(),
            card,
            size: s.size,
            colour: GREY,
        })
    }

    /// Room for the widest page reference.
    pub fn page_ref_width(&self, s: Style) -> f32 {
        self.m
            .width(&Wording::fill(&self.w.card_page, &[("page", "888")]), s)
    }

    /// "Weeks 3 to 4" or "Week 3".
    fn week_range(&self, first: u32, last: u32, range: &str, one: &str) -> String {
        if first == last {
            Wording::fill(one, &[("week", &first.to_string())])
        } else {
            Wording::fill(
                range,
                &[("first", &first.to_string()), ("last", &last.to_string())],
            )
        }
    }

    /// The card's dose table rows: "wk 1-2" and the dose.
    /// A load or tempo that every row shares is said once, after them (see `shared_parts`).
    fn dose_rows(&self, card: &Card) -> Vec<(String, String)> {
        let w = self.w;
        let shared = shared_parts(card);
        card.doses
            .iter()
            .map(|(a, b, parts)| {
                let own: Vec<&str> = parts
                    .iter()
                    .enumerate()
                    .filter(|(i, p)| *i == 0 || !shared.contains(p))
                    .map(|(_, p)| p.as_str())
                    .collect();
                (
                    glue(&self.week_range(*a, *b, &w.dose_weeks, &w.dose_week)),
                    glue(&own.join(&w.list_separator)),
                )
            })
            .collect()
    }

    /// Extra dose lines under the table: how often, and the rest between sets.
    fn dose_extras(&self, card: &Card) -> Vec<String> {
        let w = self.w;
        let mut out: Vec<String> = shared_parts(card).iter().map(|p| glue(p)).collect();
        match card.how_often {
            Some(Often::EveryDay) => out.push(w.often_every_day.clone()),
            Some(Often::PerWeek(n)) => out.push(Wording::fill(
                &w.often_per_week,
                &[("count", &n.to_string())],
            )),
            None => {}
        }
        if let Some(rest) = card.rest.filter(|r| *r > 0) {
            if card.item.sets > 1 || card.doses.len() > 1 {
                out.push(glue(&Wording::fill(
                    &w.dose_rest,
                    &[("rest", &w.duration(rest))],
                )));
            }
        }
        out
    }

    /// One exercise's card: its illustration with the name, the dose week by week and the
    /// steps beside it, then the tips, mistakes, note and caution, in a box.
    fn card(&mut self, card: &Card) {
        let Some((index, info)) = self
            .plan
            .exercises
            .iter()
            .enumerate()
            .find(|(_, e)| e.id == card.id)
        else {
            return;
        };
        let g = self.card_geometry(info);
        let mut text = self.card_head(card, info, &g);
        // Where the card may break when it does not fit the rest of a page: after the
        // steps, once the text is past the illustration.
        let steps_end = text.len();
        for runs in self.card_extras(card, info, &g) {
            let runs: Vec<(Style, &str)> = runs.iter().map(|(s, t)| (*s, t.as_str())).collect();
            text.push(Frame::new(self.fs * 0.2));
            let y: f32 = text.iter().map(|f| f.h).sum();
            text.extend(self.m.rich_around(&runs, g.narrow, g.full, y, g.fig_h));
        }
        let rest = stack(text.split_off(steps_end));
        let head = stack(text);
        let mut frames = self.card_frames(info, &g, head, rest);
        frames[0].anchor = Some(index);
        frames.push(Frame::space(self.fs * 0.3));
        self.push(Block {
            split_when_short: true,
            split_after_first: true,
            ..Block::together(frames)
        });
    }

    /// The card's measures: the illustration's frame is landscape, 22% of the column wide. A
    /// figure that stands upright (a front view of someone standing) gets a taller, narrower
    /// frame of about the same area, so that it does not print small.
    fn card_geometry(&self, info: &ExerciseInfo) -> CardGeometry {
        let pad = self.fs * 0.4;
        let base = (self.width * 0.22).round();
        let aspect = self
            .drawings
            .get(&info.id)
            .map(|d| d.height / d.width.max(1e-3))
            .unwrap_or(0.0)
            .clamp(0.62, 0.9);
        let fig_h = (base * aspect).round();
        let fig_w = (base * 0.62 / aspect).max(base * 0.68).round();
        let inner = self.width - 2.0 * pad;
        let text_x = fig_w + pad;
        // Card text is a little smaller than the body (never below 8 pt, or 14 pt in large
        // print): the cards are most of the handout.
        let small = Style::new((self.fs * 0.8).max(8.0).max(self.min_size()));
        CardGeometry {
            pad,
            fig_w,
            fig_h,
            text_x,
            narrow: (text_x, inner - text_x),
            full: (0.0, inner),
            small,
            bold: small.bold(),
        }
    }

    /// Beside the illustration: the name and the dose week by week; then the numbered steps,
    /// wrapping under the illustration once past it.
    fn card_head(&self, card: &Card, info: &ExerciseInfo, g: &CardGeometry) -> Vec<Frame> {
        let mut text = self.m.para(
            &info.name,
            Style::new((self.fs * 1.1).max(self.min_size())).bold(),
            g.text_x,
            g.narrow.1,
        );
        let doses: Vec<String> = self
            .dose_rows(card)
            .into_iter()
            .map(|(l, d)| format!("{}{d}", self.w.label(&l)))
            .chain(self.dose_extras(card))
            .collect();
        text.extend(self.m.para(
            &doses.join(" · "),
            Style::new((self.fs * 0.9).max(self.min_size())).bold(),
            g.text_x,
            g.narrow.1,
        ));
        text.push(Frame::new(self.fs * 0.25));
        let numbers: Vec<String> = (1..=info.instructions.len())
            .map(|i| format!("{i} "))
            .collect();
        let mut steps: Vec<(Style, &str)> = Vec::new();
        for (i, step) in info.instructions.iter().enumerate() {
            steps.push((g.bold.colour(self.accent), &numbers[i]));
            steps.push((g.small, step.as_str()));
            if i + 1 < info.instructions.len() {
                steps.push((g.small, "  "));
            }
        }
        let y: f32 = text.iter().map(|f| f.h).sum();
        text.extend(self.m.rich_around(&steps, g.narrow, g.full, y, g.fig_h));
        text
    }

    /// The paragraphs after the steps, as styled runs: tips and mistakes together, the
    /// plan's note, and its caution in red.
    fn card_extras(
        &self,
        card: &Card,
        info: &ExerciseInfo,
        g: &CardGeometry,
    ) -> Vec<Vec<(Style, String)>> {
        let w = self.w;
        let (small, bold) = (g.small, g.bold);
        let cues = info.cues.join(" ");
        let mistakes = info.mistakes.join(" ");
        let red = small.colour(super::doc::colour(self.t.style.red));
        let mut extra: Vec<Vec<(Style, String)>> = Vec::new();
        if !cues.is_empty() || !mistakes.is_empty() {
            let mut runs = Vec::new();
            if !cues.is_empty() {
                runs.extend([(bold, w.label(&w.cues_title)), (small, cues)]);
            }
            if !mistakes.is_empty() {
                if !runs.is_empty() {
                    runs.push((small, "  ".to_string()));
                }
                runs.extend([(bold, w.label(&w.mistakes_title)), (small, mistakes)]);
            }
            extra.push(runs);
        }
        let note = card.item.note.trim();
        if !note.is_empty() {
            extra.push(vec![
                (bold, w.label(&w.note_label)),
                (small, note.to_string()),
            ]);
        }
        let caution = card.item.caution.trim();
        if !caution.is_empty() {
            extra.push(vec![
                (red.bold(), w.label(&w.caution_label)),
                (red, caution.to_string()),
            ]);
        }
        extra
    }

    /// The card's box. When the text runs past the illustration, two frames that print as
    /// one box when together (the illustration, name, dose and steps; then the tips,
    /// mistakes, note and caution), so the card may break between them; otherwise one.
    fn card_frames(
        &self,
        info: &ExerciseInfo,
        g: &CardGeometry,
        head: Frame,
        rest: Frame,
    ) -> Vec<Frame> {
        let pad = g.pad;
        if head.h >= g.fig_h && rest.h > 0.0 {
            let mut a = Frame::new(head.h + pad);
            a.overlay(self.illustration(info, g.fig_w, g.fig_h), pad, pad);
            a.overlay(head, pad, pad);
            card_border(&mut a, self.width, true, false);
            let mut b = Frame::new(rest.h + pad);
            b.overlay(rest, pad, 0.0);
            card_border(&mut b, self.width, false, true);
            vec![a, b]
        } else {
            let text = stack(vec![head, rest]);
            let mut f = Frame::new(text.h.max(g.fig_h) + 2.0 * pad);
            f.overlay(self.illustration(info, g.fig_w, g.fig_h), pad, pad);
            f.overlay(text, pad, pad);
            card_border(&mut f, self.width, true, true);
            vec![f]
        }
    }

    /// The frame for the exercise's figure, drawn from its pose data; an exercise without a
    /// figure shows its position and equipment instead.
    fn illustration(&self, info: &ExerciseInfo, fw: f32, fh: f32) -> Frame {
        if let Some(d) = self.drawings.get(&info.id) {
            return figure_frame(d, fw, fh, self.t.style.accent, self.fs * 0.4);
        }
        let w = self.w;
        let mut f = Frame::new(fh);
        f.push(Prim::Rect {
            x: 0.0,
            y: 0.0,
            w: fw,
            h: fh,
            fill: Some(tint(self.accent, 0.06)),
            stroke: Some((tint(self.accent, 0.5), 0.6)),
        });
        let s = self.small().colour(GREY);
        let mut lines = self
            .m
            .para(w.position(info.position), s.bold(), 0.0, fw - self.fs);
        let equipment = if info.equipment.is_empty() {
            w.no_equipment.clone()
        } else {
            info.equipment
                .iter()
                .map(|e| w.equipment(e))
                .collect::<Vec<_>>()
                .join(&w.list_separator)
        };
        lines.extend(self.m.para(
            &format!("{}{equipment}", w.label(&w.equipment_label)),
            s,
            0.0,
            fw - self.fs,
        ));
        let text = stack(lines);
        let dy = ((fh - text.h) / 2.0).max(0.0);
        f.overlay(text, self.fs * 0.5, dy);
        f
    }

    /// The exercises of this phase whose card is earlier: name, card page, new dose.
    fn shown_before(&mut self, cards: &[&Card]) {
        let w = self.w;
        let s = self.small();
        let mut frames = vec![Frame::space(self.fs * 0.2)];
        frames.extend(
            self.m
                .para(&w.shown_before_title, s.bold(), 0.0, self.width),
        );
        frames.push(Frame::new(self.fs * 0.2));
        self.push(Block::heading(frames));
        let name_w = self.width * 0.34;
        let page_w = self.page_ref_width(s);
        let dose_x = name_w + page_w + self.fs;
        let dose_w = self.width - dose_x;
        for card in cards {
            let name = stack(self.m.para(&card.item.name, s.bold(), 0.0, name_w));
            let page = self.page_ref(card.id, name_w + self.fs * 0.5, false, s);
            let mut line: Vec<String> = self
                .dose_rows(card)
                .into_iter()
                .map(|(l, d)| format!("{}{d}", self.w.label(&l)))
                .collect();
            line.extend(self.dose_extras(card));
            let right = stack(self.m.para(&line.join(" · "), s, 0.0, dose_w));
            let h = name.h.max(right.h) + self.fs * 0.3;
            let mut f = Frame::new(h);
            f.overlay(name, 0.0, 0.0);
            f.prims.extend(page);
            f.overlay(right, dose_x, 0.0);
            f.push(Prim::Line {
                x1: 0.0,
                y1: h - self.fs * 0.1,
                x2: self.width,
                y2: h - self.fs * 0.1,
                colour: tint(LIGHT, 0.5),
                width: 0.4,
            });
            self.push(Block::together(vec![f]));
        }
        self.push(Block::flow(vec![Frame::space(self.fs * 0.5)]));
    }

    /// "Ready to move on when...", at the end of a phase.
    fn progress(&mut self, g: &PhaseGroup) {
        if g.progress_when.is_empty() || g.maintenance {
            return;
        }
        let w = self.w;
        let pad = self.fs * 0.6;
        let iw = self.width - 2.0 * pad;
        let mut inner = self.m.para(&w.progress_title, self.body().bold(), 0.0, iw);
        inner.push(Frame::new(self.fs * 0.2));
        for p in g.progress_when {
            inner.extend(self.check_item(p, iw));
        }
        let mut frames = boxed(
            inner,
            self.width,
            pad,
            (self.accent, 1.2),
            Some(tint(self.accent, 0.06)),
        );
        frames.push(Frame::space(self.fs * 0.6));
        self.push(Block::together(frames));
    }
}

/// A card's measures, worked out once per card.
struct CardGeometry {
    /// Padding inside the box.
    pad: f32,
    fig_w: f32,
    fig_h: f32,
    /// Where the text beside the illustration starts.
    text_x: f32,
    /// The text's left edge and width beside the illustration, and below it.
    narrow: (f32, f32),
    full: (f32, f32),
    small: Style,
    bold: Style,
}

/// The card's side rules (so the box can continue on the next page) and, when asked, its
/// top and bottom rules.
fn card_border(f: &mut Frame, w: f32, top: bool, bottom: bool) {
    let h = f.h;
    let mut line = |x1, y1, x2, y2| {
        f.push(Prim::Line {
            x1,
            y1,
            x2,
            y2,
            colour: LIGHT,
            width: 0.6,
        })
    };
    line(0.0, 0.0, 0.0, h);
    line(w, 0.0, w, h);
    if top {
        line(0.0, 0.0, w, 0.0);
    }
    if bottom {
        line(0.0, h, w, h);
    }
}

/// Points closer than a tenth of a point to the line through their neighbours do not show
/// on paper: they are left out (a smooth trunk outline goes from 60 points to about 15).
const TOL: f32 = 0.1;

/// A figure's drawing scaled into a `fw` x `fh` frame (kept in proportion, centred), on
/// white so that the figure's paper-coloured outlines match.
pub fn figure_frame(
    d: &crate::figure::Drawing,
    fw: f32,
    fh: f32,
    accent: crate::template::Rgb,
    margin: f32,
) -> Frame {
    let mut f = Frame::new(fh);
    f.push(Prim::Rect {
        x: 0.0,
        y: 0.0,
        w: fw,
        h: fh,
        fill: None,
        stroke: Some((tint(super::doc::colour(accent), 0.5), 0.6)),
    });
    let scale =
        ((fw - 2.0 * margin) / d.width.max(1e-3)).min((fh - 2.0 * margin) / d.height.max(1e-3));
    let place = Placement {
        dx: (fw - d.width * scale) / 2.0,
        dy: (fh - d.height * scale) / 2.0,
        scale,
        accent: [accent.r, accent.g, accent.b],
    };
    for mark in &d.marks {
        f.push(place.mark(mark));
    }
    f
}

/// Where a drawing goes in its frame, and the accent its inks are mixed from.
struct Placement {
    dx: f32,
    dy: f32,
    scale: f32,
    accent: [u8; 3],
}

impl Placement {
    fn ink(&self, i: crate::figure::Ink) -> Colour {
        let c = crate::figure::colour(i, self.accent);
        [
            c[0] as f32 / 255.0,
            c[1] as f32 / 255.0,
            c[2] as f32 / 255.0,
        ]
    }

    fn at(&self, (x, y): (f32, f32)) -> (f32, f32) {
        (self.dx + x * self.scale, self.dy + y * self.scale)
    }

    /// The points placed in the frame, simplified.
    fn path(&self, points: &[(f32, f32)]) -> Vec<(f32, f32)> {
        let placed: Vec<(f32, f32)> = points.iter().map(|p| self.at(*p)).collect();
        crate::figure::simplify(&placed, TOL)
    }

    /// One mark of the drawing as a path in the frame.
    fn mark(&self, mark: &crate::figure::Mark) -> Prim {
        use crate::figure::Mark;
        match mark {
            Mark::Stroke {
                points,
                width,
                ink: i,
                closed,
            } => Prim::Path {
                points: self.path(points),
                closed: *closed,
                fill: None,
                stroke: Some((self.ink(*i), width * self.scale)),
            },
            Mark::Fill { points, ink: i } => Prim::Path {
                points: self.path(points),
                closed: true,
                fill: Some(self.ink(*i)),
                stroke: None,
            },
            Mark::Disc {
                centre,
                radius,
                ink: i,
            } => Prim::Path {
                points: disc(self.at(*centre), radius * self.scale),
                closed: true,
                fill: Some(self.ink(*i)),
                stroke: None,
            },
        }
    }
}

/// A disc as a polygon with as many sides as keep it within a tenth of a point of the circle.
fn disc((cx, cy): (f32, f32), r: f32) -> Vec<(f32, f32)> {
    let n = ((std::f32::consts::PI / (1.0 - TOL / r.max(TOL)).clamp(-1.0, 1.0).acos()).ceil()
        as usize)
        .clamp(8, 24);
    (0..n)
        .map(|k| {
            let a = k as f32 / n as f32 * std::f32::consts::TAU;
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect()
}

/// The load and tempo that every dose row of a card has ("tempo 3-0-3 (seconds down, pause,
/// up)"): with more than one row they are printed once instead of on every week.
fn shared_parts(card: &Card) -> Vec<String> {
    let Some(((_, _, first), rest)) = card.doses.split_first() else {
        return Vec::new();
    };
    if rest.is_empty() {
        return Vec::new();
    }
    first
        .iter()
        .skip(1)
        .filter(|p| rest.iter().all(|(_, _, parts)| parts[1..].contains(p)))
        .cloned()
        .collect()
}
