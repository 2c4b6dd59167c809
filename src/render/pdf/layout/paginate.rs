//! Pagination: blocks placed top-down on pages, kept together, headings kept with what
//! follows, tables continued with their header repeated, floating blocks moved on.

use super::{Block, Frame, PlacedPage};

/// Space needed at the start of block `i` for it not to be separated from what follows.
fn lead(blocks: &[Block], i: usize, avail: f32, depth: usize, nested: bool) -> f32 {
    let Some(b) = blocks.get(i) else { return 0.0 };
    let total = b.height();
    // A block that may split needs only its first part here (its own check comes later).
    let own = if b.keep_together && total <= avail && !(b.split_when_short && nested) {
        total
    } else {
        // The frames up to and including the first that is not pure space: the space before
        // it is placed too when the block does not start a page.
        let mut h = 0.0;
        for f in &b.frames {
            h += f.h;
            if !f.space {
                break;
            }
        }
        h
    };
    if b.keep_with_next && depth < 8 {
        own + lead(blocks, i + 1, avail, depth + 1, true)
    } else {
        own
    }
}

/// A table or card that does not fit the rest of a page continues on the next one (its
/// header repeated) when at least this share of the page is left; below it, it moves whole.
pub const SPLIT_ROOM: f32 = 1.0 / 3.0;

/// Places blocks on pages. `first_avail` is the usable height of the first page, `avail` of
/// the others (the cover has no running header).
pub fn paginate(blocks: Vec<Block>, first_avail: f32, avail: f32) -> Vec<PlacedPage> {
    const EPS: f32 = 0.01;
    let mut pages: Vec<PlacedPage> = vec![Vec::new()];
    let mut y = 0.0f32;
    let room = |pages: &Vec<PlacedPage>| if pages.len() == 1 { first_avail } else { avail };
    // Starts a new page, with the block's context line when it has one.
    let new_page = |pages: &mut Vec<PlacedPage>, y: &mut f32, context: Option<&Frame>| {
        pages.push(Vec::new());
        *y = 0.0;
        if let Some(c) = context {
            pages.last_mut().expect("a page").push((0.0, c.clone()));
            *y = c.h;
        }
    };
    // A floating block waiting for the next page (see `Block::float`).
    let mut waiting: Option<usize> = None;
    let place_float = |pages: &mut Vec<PlacedPage>, y: &mut f32, f: &Block| {
        for frame in f.frames.iter().skip_while(|fr| fr.space) {
            pages.last_mut().expect("a page").push((*y, frame.clone()));
            *y += frame.h;
        }
    };
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if b.frames.is_empty() {
            continue;
        }
        if let Some(wi) = waiting {
            // The first block that does not fit whole ends the page: the floating block
            // starts the next one.
            if b.new_page || y + b.height() > room(&pages) + EPS {
                new_page(&mut pages, &mut y, None);
                place_float(&mut pages, &mut y, &blocks[wi]);
                waiting = None;
            }
        }
        if b.float
            && waiting.is_none()
            && y > 0.0
            && y + b.height() > room(&pages) + EPS
            && b.height() <= avail + EPS
        {
            waiting = Some(i);
            continue;
        }
        if b.new_page && y > 0.0 {
            new_page(&mut pages, &mut y, None);
        }
        let context = b.context.as_ref();
        let ctx_h = context.map(|c| c.h).unwrap_or(0.0);
        let need = lead(
            &blocks,
            i,
            avail - ctx_h,
            if b.keep_with_next { 0 } else { 8 },
            false,
        );
        // After a heading, the heading's own check already made room for the start of this
        // block: moving it now would leave the heading alone at the bottom.
        let after_heading =
            i > 0 && blocks[i - 1].keep_with_next && !blocks[i - 1].frames.is_empty();
        let left = room(&pages) - y;
        let short = b.split_when_short && left >= avail * SPLIT_ROOM
            || b.split_after_first && b.frames.len() > 2 && b.frames[0].h <= left + EPS;
        if y > 0.0 && y + need > room(&pages) + EPS && !after_heading && !short {
            if need <= avail - ctx_h + EPS {
                new_page(&mut pages, &mut y, context);
            } else if b.keep_with_next {
                // The heading and what follows fit on no page together: at least keep the
                // heading with the first line of what follows.
                let first = b.height()
                    + blocks
                        .get(i + 1)
                        .and_then(|n| n.frames.first())
                        .map(|f| f.h)
                        .unwrap_or(0.0);
                if y + first > room(&pages) + EPS {
                    new_page(&mut pages, &mut y, context);
                }
            }
        }
        for f in b.frames.iter() {
            if y + f.h > room(&pages) + EPS && y > 0.0 {
                new_page(&mut pages, &mut y, context);
                if let Some(h) = &b.header {
                    pages.last_mut().expect("a page").push((y, h.clone()));
                    y += h.h;
                }
            }
            if f.space
                && (y == 0.0
                    || pages
                        .last()
                        .is_some_and(|p| p.len() == 1 && y == ctx_h && ctx_h > 0.0))
            {
                continue;
            }
            let mut f = f.clone();
            f.heading = b.keep_with_next;
            pages.last_mut().expect("a page").push((y, f));
            y += pages
                .last()
                .and_then(|p| p.last())
                .map(|(_, f)| f.h)
                .unwrap_or(0.0);
        }
    }
    if let Some(wi) = waiting {
        if y + blocks[wi].height() > room(&pages) + EPS {
            new_page(&mut pages, &mut y, None);
        }
        place_float(&mut pages, &mut y, &blocks[wi]);
    }
    if pages.len() > 1 && pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}
