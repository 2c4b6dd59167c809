//! The least a PDF costs through printpdf's own API with rehabplan's two fonts: parse DejaVu
//! Sans regular and bold, write one A4 page with one line in each, subset both fonts and save.
//! No plan, no layout, no figures. `scripts/bench.py` times it beside the real plan, so the
//! share of the time that is printpdf's fixed cost can be read off (docs/performance.md).
//!
//! `cargo run --release --example pdf_floor > /dev/null` writes the PDF to standard output.

use printpdf::{
    FontId, Mm, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    TextItem, TextMatrix,
};
use std::io::Write;

static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

fn main() {
    let mut doc = PdfDocument::new("floor");
    let mut ops = vec![Op::StartTextSection];
    for (i, (id, bytes)) in [("F1", REGULAR), ("F2", BOLD)].into_iter().enumerate() {
        let mut warnings = Vec::new();
        let Some(font) = ParsedFont::from_bytes(bytes, 0, &mut warnings) else {
            eprintln!("error: the font {id} could not be read");
            std::process::exit(1);
        };
        doc.resources
            .fonts
            .map
            .insert(FontId(id.into()), PdfFont::new(font));
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(FontId(id.into())),
            size: Pt(10.0),
        });
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(50.0), Pt(700.0 - 20.0 * i as f32)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text("Week 1: 3 x 10 each side · Zoë".into())],
        });
    }
    ops.push(Op::EndTextSection);
    doc.pages = vec![PdfPage::new(Mm(210.0), Mm(297.0), ops)];
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let bytes = doc.save(&opts, &mut warnings);
    if std::io::stdout().write_all(&bytes).is_err() {
        std::process::exit(1);
    }
}
