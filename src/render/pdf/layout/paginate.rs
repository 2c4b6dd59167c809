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

const EPS: f32 = 0.01;

/// Places blocks on pages. `first_avail` is the usable height of the first page, `avail` of
/// the others (the cover has no running header).
pub fn paginate(blocks: Vec<Block>, first_avail: f32, avail: f32) -> Vec<PlacedPage> {
    let mut p = Pager {
        pages: vec![Vec::new()],
        y: 0.0,
        first_avail,
        avail,
    };
    // A floating block waiting for the next page (see `Block::float`).
    let mut waiting: Option<usize> = None;
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if b.frames.is_empty() {
            continue;
        }
        if let Some(wi) = waiting {
            // The first block that does not fit whole ends the page: the floating block
            // starts the next one.
            if b.new_page || p.overflows(b.height()) {
                p.new_page(None);
                p.place_float(&blocks[wi]);
                waiting = None;
            }
        }
        if b.float
            && waiting.is_none()
            && p.y > 0.0
            && p.overflows(b.height())
            && b.height() <= avail + EPS
        {
            waiting = Some(i);
            continue;
        }
        if b.new_page && p.y > 0.0 {
            p.new_page(None);
        }
        p.keep_start(&blocks, i);
        p.place_frames(b);
    }
    if let Some(wi) = waiting {
        if p.overflows(blocks[wi].height()) {
            p.new_page(None);
        }
        p.place_float(&blocks[wi]);
    }
    let mut pages = p.pages;
    if pages.len() > 1 && pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

/// The pages so far and how far down the last one is filled.
struct Pager {
    pages: Vec<PlacedPage>,
    y: f32,
    first_avail: f32,
    avail: f32,
}

impl Pager {
    /// The usable height of the current page.
    fn room(&self) -> f32 {
        if self.pages.len() == 1 {
            self.first_avail
        } else {
            self.avail
        }
    }

    /// Whether `h` more points would reach past the current page.
    fn overflows(&self, h: f32) -> bool {
        self.y + h > self.room() + EPS
    }

    fn push(&mut self, y: f32, f: Frame) {
        self.pages.last_mut().expect("a page").push((y, f));
    }

    /// Starts a new page, with the block's context line when it has one.
    fn new_page(&mut self, context: Option<&Frame>) {
        self.pages.push(Vec::new());
        self.y = 0.0;
        if let Some(c) = context {
            self.push(0.0, c.clone());
            self.y = c.h;
        }
    }

    /// Places a floating block's frames, without the space it starts with.
    fn place_float(&mut self, f: &Block) {
        for frame in f.frames.iter().skip_while(|fr| fr.space) {
            self.push(self.y, frame.clone());
            self.y += frame.h;
        }
    }

    /// Starts a new page before block `i` when its start (see [`lead`]) does not fit the
    /// rest of this one, unless it follows a heading or may split here.
    fn keep_start(&mut self, blocks: &[Block], i: usize) {
        let b = &blocks[i];
        let avail = self.avail;
        let context = b.context.as_ref();
        let ctx_h = context.map(|c| c.h).unwrap_or(0.0);
        let need = lead(
            blocks,
            i,
            avail - ctx_h,
            if b.keep_with_next { 0 } else { 8 },
            false,
        );
        // After a heading, the heading's own check already made room for the start of this
        // block: moving it now would leave the heading alone at the bottom.
        let after_heading =
            i > 0 && blocks[i - 1].keep_with_next && !blocks[i - 1].frames.is_empty();
        let left = self.room() - self.y;
        let short = b.split_when_short && left >= avail * SPLIT_ROOM
            || b.split_after_first && b.frames.len() > 2 && b.frames[0].h <= left + EPS;
        if self.y > 0.0 && self.overflows(need) && !after_heading && !short {
            if need <= avail - ctx_h + EPS {
                self.new_page(context);
            } else if b.keep_with_next {
                // The heading and what follows fit on no page together: at least keep the
                // heading with the first line of what follows.
                let first = b.height()
                    + blocks
                        .get(i + 1)
                        .and_then(|n| n.frames.first())
                        .map(|f| f.h)
                        .unwrap_or(0.0);
                if self.overflows(first) {
                    self.new_page(context);
                }
            }
        }
    }

    /// Places a block's frames, starting a new page (its context line and header repeated)
    /// where the next frame does not fit; space is dropped at the top of a page.
    fn place_frames(&mut self, b: &Block) {
        let context = b.context.as_ref();
        let ctx_h = context.map(|c| c.h).unwrap_or(0.0);
        for f in b.frames.iter() {
            if self.overflows(f.h) && self.y > 0.0 {
                self.new_page(context);
                if let Some(h) = &b.header {
                    self.push(self.y, h.clone());
                    self.y += h.h;
                }
            }
            if f.space
                && (self.y == 0.0
                    || self
                        .pages
                        .last()
                        .is_some_and(|p| p.len() == 1 && self.y == ctx_h && ctx_h > 0.0))
            {
                continue;
            }
            let mut f = f.clone();
            f.heading = b.keep_with_next;
            let h = f.h;
            self.push(self.y, f);
            self.y += h;
        }
    }
}
