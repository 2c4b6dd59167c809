//! The log and the cards: each week's doses read back, the page of each card named, and a
//! tick box for each set.

use super::*;
use crate::plan::types::Item;

#[test]
fn each_weeks_doses_read_back_from_the_cards_and_the_log() {
    let plan = sample_plan(12);
    let t = en();
    let w = &t.text;
    let r = Read::new(&render(&plan, &t, &PdfOptions::default()).unwrap());
    let text = r.all();
    let log_start = text.find(&squash(&w.log_title)).expect("the log");
    let (cards, log) = text.split_at(log_start);
    let mut paired = 0;
    for week in &plan.weeks {
        // The log: the week's grid, with each exercise of its sessions and its dose.
        let (part, shared) = week_in_the_log(log, week.number, w);
        paired += usize::from(shared);
        assert_log_rows(part, week, w);
        assert_card_doses(cards, week, w);
    }
    assert!(paired > 0, "no two weeks share a grid");
}

/// "Week n of 12", squashed.
fn week_heading(w: &Wording, n: u32) -> String {
    squash(&Wording::fill(
        &w.week_heading,
        &[("week", &n.to_string()), ("weeks", "12")],
    ))
}

/// The part of the log's text that is week `n`'s grid, and whether that grid starts a pair:
/// two weeks of a phase share a grid, headed "Week 1 of 12 · Week 2 of 12".
fn week_in_the_log<'a>(log: &'a str, n: u32, w: &Wording) -> (&'a str, bool) {
    let heading = |n: u32| week_heading(w, n);
    let pair = |n: u32| format!("{}·{}", heading(n), heading(n + 1));
    let (at, next, paired) = if let Some(at) = (n > 1).then(|| log.find(&pair(n - 1))).flatten() {
        (at, n + 1, false)
    } else if let Some(at) = log.find(&pair(n)) {
        (at, n + 2, true)
    } else {
        (
            log.find(&heading(n)).expect("week heading in the log"),
            n + 1,
            false,
        )
    };
    let end = log[at..]
        .find(&heading(next))
        .map(|e| at + e)
        .unwrap_or(log.len());
    (&log[at..end], paired)
}

/// Each exercise of the week's training sessions has its row (name and card page) and its
/// dose in the week's grid.
fn assert_log_rows(part: &str, week: &crate::plan::types::Week, w: &Wording) {
    // Items done on other days too are in the week's seven-day grid, whose narrower name
    // column may wrap the name: they are checked by their dose below.
    let off_days: Vec<&str> = week
        .sessions
        .iter()
        .filter(|s| s.kind != SessionKind::Training)
        .flat_map(|s| s.exercises.iter().map(|i| i.id.as_str()))
        .collect();
    for s in week
        .sessions
        .iter()
        .filter(|s| s.kind == SessionKind::Training)
    {
        for item in s
            .exercises
            .iter()
            .filter(|i| !off_days.contains(&i.id.as_str()))
        {
            let row = squash(&format!("{} p.", item.name));
            assert!(
                part.contains(&row),
                "week {}: {} missing",
                week.number,
                item.name
            );
            assert!(
                part.contains(&squash(&w.dose(item))),
                "week {}: {} has no dose {}",
                week.number,
                item.name,
                w.dose(item)
            );
        }
    }
}

/// The cards: every dose of the week (a load or tempo shared by all weeks of a card is
/// printed once, so the parts are read back one by one).
fn assert_card_doses(cards: &str, week: &crate::plan::types::Week, w: &Wording) {
    for s in &week.sessions {
        for item in s.exercises.iter().filter(|i| i.id != "walk-run") {
            for part in super::outline::dose_parts(w, item) {
                assert!(
                    cards.contains(&squash(&part)),
                    "week {}: card dose part {part} missing",
                    week.number
                );
            }
        }
    }
}

#[test]
fn the_log_names_the_page_of_each_exercises_card() {
    let plan = sample_plan(12);
    let t = en();
    let r = Read::new(&render(&plan, &t, &PdfOptions::default()).unwrap());
    let log_page = r
        .pages
        .iter()
        .position(|p| p.contains(&squash(&t.text.log_title)))
        .expect("the log");
    let log = r.pages[log_page..].concat();
    for e in &plan.exercises {
        let name = squash(&e.name);
        let Some(card) = r.pages[..log_page].iter().position(|p| p.contains(&name)) else {
            continue;
        };
        let at = log
            .find(&name)
            .unwrap_or_else(|| panic!("{} not in the log", e.name));
        let near: String = log[at..].chars().take(name.chars().count() + 40).collect();
        assert!(
            near.contains(&format!("p.{}", card + 1)),
            "{}: card on page {}, log says {near}",
            e.name,
            card + 1
        );
    }
}

/// Twice-daily work (Askling's extender) gets two tick boxes a day in the log's seven-day grid:
/// one more box on each of the seven days of each week than once-daily work.
#[test]
fn twice_daily_work_has_two_ticks_a_day_in_the_log() {
    let boxes = |plan: &Plan| -> usize {
        let c = compose(plan, &en(), &PdfOptions::default()).unwrap();
        c.pages
            .iter()
            .flatten()
            .flat_map(|(_, f)| &f.prims)
            .filter(|p| {
                matches!(p, Prim::Rect { w, h, fill: None, stroke: Some((_, s)), .. }
                    if (w - h).abs() < 0.01 && (*s - 0.8).abs() < 0.01)
            })
            .count()
    };
    let once = sample_plan(2);
    let mut twice = once.clone();
    for s in twice.weeks.iter_mut().flat_map(|w| w.sessions.iter_mut()) {
        for it in s
            .exercises
            .iter_mut()
            .filter(|i| i.id == "hip-flexor-stretch")
        {
            it.times_a_day = 2;
        }
    }
    assert_eq!(boxes(&twice), boxes(&once) + 2 * 7);
}

/// Every set of up to three has its own tick box in the log, in every template and on both
/// papers: the default print puts two weeks side by side, large print keeps a grid a week with
/// room for the boxes (no "one box ×3" in place of three).
#[test]
fn the_log_has_a_tick_box_for_each_of_up_to_three_sets() {
    for_every_layout(|label, c, _| {
        let counts: Vec<&str> = c
            .pages
            .iter()
            .flatten()
            .flat_map(|(_, f)| &f.prims)
            .filter_map(|p| match p {
                Prim::Text { text, .. } if ["×1", "×2", "×3"].contains(&text.as_str()) => {
                    Some(text.as_str())
                }
                _ => None,
            })
            .collect();
        assert!(counts.is_empty(), "{label}: {counts:?}");
    });
}

#[test]
/// A log row's name and dose share its label column: a long name takes the room a short dose
/// leaves, a long dose the room a short name leaves, and rows already on one line keep the
/// usual 62% for the name.
fn the_log_splits_a_label_where_its_rows_take_the_fewest_lines() {
    let plan = sample_plan(4);
    let t = builtin("de").unwrap();
    let sheet = Sheet::new(&t, Paper::A4);
    let b = super::super::builder(
        &plan,
        &t,
        Measure::new(Fonts::get().unwrap()),
        sheet.width,
        None,
    );
    let item = &plan.weeks[0].sessions[0].exercises[0];
    let named = |name: &str| Item {
        name: name.to_string(),
        ..item.clone()
    };
    let name_w = sheet.width * 0.5;
    let lines = |labels: &[(&Item, String)], x: f32| -> usize {
        labels
            .iter()
            .map(|(i, d)| {
                let (n, d) = b.label_parts(i, d, x, name_w);
                n.len().max(d.len())
            })
            .sum()
    };
    let long_name = named("Bauchspannung mit Beingleiten und gestrecktem Arm");
    let short = named("Brücke");
    let cases: [Vec<(&Item, String)>; 2] = [
        vec![(&long_name, "3 × 10".to_string())],
        vec![(
            &short,
            "Wo. 1: 10 × 5 s halten je Seite · Wo. 2: 2 × 10 × 5 s halten je Seite".to_string(),
        )],
    ];
    for (labels, name_wider) in cases.iter().zip([true, false]) {
        let x = b.dose_split(labels, name_w);
        assert!(
            lines(labels, x) < lines(labels, name_w * 0.62),
            "{labels:?}: {} lines at the split, {} at 62%",
            lines(labels, x),
            lines(labels, name_w * 0.62)
        );
        assert_eq!(x > name_w * 0.62, name_wider, "{labels:?}: split at {x}");
    }
    let one_line = vec![(&short, "3 × 10".to_string())];
    assert_eq!(b.dose_split(&one_line, name_w), name_w * 0.62);
}
