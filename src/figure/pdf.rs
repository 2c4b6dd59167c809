//! A one-page PDF of a [`Drawing`], for `rehabplan figure ID -o x.pdf`: the marks as vector
//! paths (round caps and joins), the page the size of the drawing plus a margin.
//!
//! The plan's PDF renderer (`render/pdf/`) draws figures in its own cards; this page is only a
//! preview, so it stays apart from it.

use super::sketch::{Drawing, Mark};
use super::svg::colour;
use printpdf::{
    Color, Line, LineCapStyle, LineJoinStyle, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfPage,
    PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, WindingOrder,
};

/// Points per drawing unit: a standing figure (100 units) is 6 cm tall.
const SCALE: f32 = 1.7;
const MARGIN: f32 = 18.0;

fn rgb(c: [u8; 3]) -> Color {
    Color::Rgb(Rgb {
        r: c[0] as f32 / 255.0,
        g: c[1] as f32 / 255.0,
        b: c[2] as f32 / 255.0,
        icc_profile: None,
    })
}

/// The drawing as the bytes of a one-page PDF.
pub fn pdf(d: &Drawing, accent: [u8; 3]) -> Vec<u8> {
    let (w, h) = (
        d.width * SCALE + 2.0 * MARGIN,
        d.height * SCALE + 2.0 * MARGIN,
    );
    let at = |p: (f32, f32)| LinePoint {
        p: Point {
            x: Pt(MARGIN + p.0 * SCALE),
            y: Pt(h - MARGIN - p.1 * SCALE),
        },
        bezier: false,
    };
    let mut ops = vec![
        Op::SetLineCapStyle {
            cap: LineCapStyle::Round,
        },
        Op::SetLineJoinStyle {
            join: LineJoinStyle::Round,
        },
    ];
    let fill = |ops: &mut Vec<Op>, points: Vec<LinePoint>, col: Color| {
        ops.push(Op::SetFillColor { col });
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    };
    for m in &d.marks {
        match m {
            Mark::Stroke {
                points,
                width,
                ink,
                closed,
            } => {
                ops.push(Op::SetOutlineColor {
                    col: rgb(colour(*ink, accent)),
                });
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(width * SCALE),
                });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: points.iter().map(|p| at(*p)).collect(),
                        is_closed: *closed,
                    },
                });
            }
            Mark::Fill { points, ink } => fill(
                &mut ops,
                points.iter().map(|p| at(*p)).collect(),
                rgb(colour(*ink, accent)),
            ),
            Mark::Disc {
                centre,
                radius,
                ink,
            } => {
                let pts = (0..32)
                    .map(|i| {
                        let t = i as f32 / 32.0 * std::f32::consts::TAU;
                        at((centre.0 + radius * t.cos(), centre.1 + radius * t.sin()))
                    })
                    .collect();
                fill(&mut ops, pts, rgb(colour(*ink, accent)));
            }
        }
    }
    let mm = |pt: f32| Mm(pt * 25.4 / 72.0);
    let mut doc = PdfDocument::new("rehabplan figure");
    doc.with_pages(vec![PdfPage::new(mm(w), mm(h), ops)]);
    let mut warnings = Vec::new();
    doc.save(&PdfSaveOptions::default(), &mut warnings)
}
