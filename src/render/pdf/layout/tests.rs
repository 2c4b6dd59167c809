use super::*;
use crate::render::pdf::fonts::Fonts;

fn m() -> Measure {
    Measure::new(Fonts::get().unwrap())
}

#[test]
fn wrapping_never_exceeds_the_width() {
    let m = m();
    let s = Style::new(10.0);
    let text = "Lie on your side with hips and knees bent, heels together, and lift the top knee. \
                Supercalifragilisticexpialidociousandthensomemoreletterstomakeitlongerthanaline1234567890";
    for width in [40.0, 90.0, 200.0] {
        let lines = m.wrap(text, s, width);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(m.width(l, s) <= width + 0.01, "{l:?} is wider than {width}");
        }
        let joined: String = lines.concat().split_whitespace().collect();
        let orig: String = text.split_whitespace().collect();
        assert_eq!(joined, orig, "no character may be lost");
    }
}

#[test]
fn newlines_force_breaks_and_empty_text_gives_one_line() {
    let m = m();
    assert_eq!(m.wrap("a\nb", Style::new(10.0), 500.0), vec!["a", "b"]);
    assert_eq!(m.wrap("", Style::new(10.0), 500.0), vec![""]);
}

#[test]
fn counted_lines_are_the_lines_wrapping_gives() {
    let m = m();
    let texts = [
        "",
        "Clamshell with band",
        "3 x 10 each side, hold 2 s",
        "a\nb\n",
        "Side-lying hip abduction \u{2013} toes down, heel leads",
        "Supercalifragilisticexpialidocious",
    ];
    let mut cut = 0;
    for style in [Style::new(8.6), Style::new(14.0).bold()] {
        for text in texts {
            let breaks = m.breaks(text, style);
            for width in (4..=60).map(|w| w as f32 * 5.0) {
                match m.line_count(&breaks, width) {
                    Some(n) => {
                        assert_eq!(n, m.wrap(text, style, width).len(), "{text:?} at {width}")
                    }
                    None => cut += 1,
                }
            }
        }
    }
    // Only a word wider than the line is left to wrapping (it is cut between characters).
    assert!(cut > 0);
    assert_eq!(
        m.line_count(
            &m.breaks("Supercalifragilisticexpialidocious", Style::new(10.0)),
            400.0
        ),
        Some(1)
    );
}

#[test]
fn headings_are_kept_with_what_follows() {
    let line = |h| vec![Frame::new(h)];
    let blocks = vec![
        Block::flow(line(90.0)),
        Block::heading(line(5.0)),
        Block::together(vec![Frame::new(5.0), Frame::new(5.0)]),
    ];
    let pages = paginate(blocks, 100.0, 100.0);
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].len(), 1);
    assert_eq!(pages[1].len(), 3);
}

#[test]
fn a_heading_chain_taller_than_a_page_splits_after_the_headings() {
    let blocks = vec![
        Block::heading(vec![Frame::new(10.0)]),
        Block::heading(vec![Frame::new(10.0)]),
        Block::together((0..9).map(|_| Frame::new(10.0)).collect()),
    ];
    // Fits on a page alone (90) but not after the headings (110): it splits.
    let pages = paginate(blocks, 100.0, 100.0);
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].len(), 10);
}

#[test]
fn tall_blocks_split_and_nothing_passes_the_bottom() {
    let frames: Vec<Frame> = (0..50).map(|_| Frame::new(7.0)).collect();
    let pages = paginate(vec![Block::together(frames)], 100.0, 100.0);
    assert_eq!(pages.len(), 4);
    for p in &pages {
        for (y, f) in p {
            assert!(y + f.h <= 100.01);
        }
    }
}

#[test]
fn a_floating_block_waits_while_whole_blocks_fill_the_page() {
    let block = |h: f32| Block::together(vec![Frame::new(h)]);
    let blocks = vec![
        block(40.0),
        Block {
            float: true,
            ..block(70.0)
        },
        block(30.0),
        block(20.0),
        block(25.0),
    ];
    let pages = paginate(blocks, 100.0, 100.0);
    let heights: Vec<Vec<f32>> = pages
        .iter()
        .map(|p| p.iter().map(|(_, f)| f.h).collect())
        .collect();
    // The 70 does not fit under the 40: the 30 and 20 fill the page, the 25 does not fit
    // whole, so the 70 starts page 2 and the 25 follows it.
    assert_eq!(heights, [vec![40.0, 30.0, 20.0], vec![70.0, 25.0]]);
    // Without the float, page 1 keeps 60 points empty.
    let plain = paginate(
        vec![
            block(40.0),
            block(70.0),
            block(30.0),
            block(20.0),
            block(25.0),
        ],
        100.0,
        100.0,
    );
    assert_eq!(plain[0].len(), 1);
}
