//! PDF tests: render hand-built plans, read them back with lopdf (page count, page size,
//! text), check the layout's invariants (nothing past the margins or into the footer, nothing
//! overlapping), reproducibility, size, and `qpdf --check` when qpdf is installed.
//!
//! This file holds the shared helpers; the tests are in `handout.rs` (what the handout says),
//! `log.rs` (the log and the cards' doses), `pages.rs` (pagination and layout) and `file.rs`
//! (the PDF file itself).

mod file;
mod handout;
mod log;
mod pages;

use super::layout::Prim;
use super::*;
use crate::plan::types::SessionKind;
use crate::template::Wording;
use crate::testdata::{sample_plan, sample_plan_for};
use crate::validate::template::{builtin, parse};

/// Writes `bytes` to $PDF_OUT_DIR/name when that variable is set (to look at the output).
fn keep(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("PDF_OUT_DIR") {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
    }
}

/// Text without any whitespace: lopdf joins runs without spaces and wrapped lines split
/// words, so both sides of a comparison are squashed.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

struct Read {
    doc: lopdf::Document,
    /// Squashed text of each page.
    pages: Vec<String>,
}

impl Read {
    fn new(bytes: &[u8]) -> Read {
        let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the PDF");
        let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
        let pages = numbers
            .iter()
            .map(|n| squash(&doc.extract_text(&[*n]).expect("text")))
            .collect();
        Read { doc, pages }
    }
    fn all(&self) -> String {
        self.pages.concat()
    }
    fn has(&self, needle: &str) -> bool {
        self.all().contains(&squash(needle))
    }
    fn media_boxes(&self) -> Vec<Vec<f32>> {
        self.doc
            .get_pages()
            .values()
            .map(|id| {
                let page = self.doc.get_dictionary(*id).unwrap();
                page.get(b"MediaBox")
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o.as_float().unwrap())
                    .collect()
            })
            .collect()
    }
}

fn en() -> Template {
    builtin("en").unwrap()
}

/// Every built-in program at its own length, trained Tuesday, Thursday and Saturday.
fn builtin_plans() -> Vec<Plan> {
    let v = crate::validate::check(crate::load::parse_all(crate::load::builtin_sources()), true);
    assert!(v.diagnostics.is_empty(), "{:?}", v.diagnostics);
    let start = chrono::NaiveDate::from_ymd_opt(2026, 12, 28).unwrap();
    v.catalog
        .programs
        .values()
        .map(|p| {
            let mut o = crate::plan::Options::new(start);
            o.days = Some(vec![
                chrono::Weekday::Tue,
                chrono::Weekday::Thu,
                chrono::Weekday::Sat,
            ]);
            crate::plan::plan(&v.catalog.library, p, &o)
        })
        .collect()
}

/// The first words on a page's first content frame (after the running header).
fn first_text(page: &PlacedPage, skip: usize) -> String {
    page.iter()
        .skip(skip)
        .flat_map(|(_, f)| f.prims.iter())
        .find_map(|p| match p {
            Prim::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// The options for `paper`, everything else as by default (created at 0).
fn on_paper(paper: Paper) -> PdfOptions {
    PdfOptions {
        paper: Some(paper),
        ..PdfOptions::default()
    }
}

/// Composes every built-in plan in every built-in template on A4 and Letter, and hands each
/// to `check` (with a label for its messages).
fn for_every_layout(mut check: impl FnMut(&str, &super::Composed, &Template)) {
    for t in [
        en(),
        builtin("de").unwrap(),
        builtin("large-print").unwrap(),
    ] {
        for plan in builtin_plans() {
            for paper in [Paper::A4, Paper::Letter] {
                let c = compose(&plan, &t, &on_paper(paper)).unwrap();
                check(
                    &format!("{} ({}, {paper})", plan.program.id, t.name),
                    &c,
                    &t,
                );
            }
        }
    }
}

/// In CI (`CI` set to anything but "", "0" or "false") a missing PDF tool fails the test.
fn in_ci() -> bool {
    std::env::var("CI")
        .is_ok_and(|v| !matches!(v.trim().to_lowercase().as_str(), "" | "0" | "false"))
}

/// Every frame inside the page's text area, above the footer, not overlapping the next; every
/// text run inside the column.
fn assert_layout_fits(plan: &Plan, t: &Template, opts: &PdfOptions) {
    let c = compose(plan, t, opts).unwrap();
    let fonts = Fonts::get().unwrap();
    for (n, page) in c.pages.iter().enumerate() {
        let (footer, body) = page.split_last().unwrap();
        assert!((footer.0 - c.footer_top).abs() < 0.01);
        let mut last_end = 0.0f32;
        for (y, f) in body {
            assert!(*y + 0.01 >= last_end, "page {}: frames overlap", n + 1);
            assert!(
                y + f.h <= c.footer_top - t.page.font_size * 0.5 + 0.01,
                "page {}: a frame reaches the footer",
                n + 1
            );
            last_end = y + f.h;
        }
        for (_, f) in page {
            for p in &f.prims {
                if let Prim::Text {
                    x,
                    text,
                    bold,
                    size,
                    baseline,
                    ..
                } = p
                {
                    let w = fonts.face(*bold).width(text, *size);
                    assert!(
                        *x >= -0.01 && x + w <= c.width + 0.05,
                        "page {}: {text:?} sticks out ({x} + {w} > {})",
                        n + 1,
                        c.width
                    );
                    assert!(
                        *baseline <= f.h + 0.01,
                        "page {}: {text:?} is below its frame",
                        n + 1
                    );
                }
            }
        }
    }
}
