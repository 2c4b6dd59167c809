//! Laid-out pages to PDF bytes, through printpdf's own API: each primitive becomes printpdf
//! operations (`Op`), printpdf writes the content streams and subsets the two fonts to the
//! glyphs the text uses. What printpdf would leave random (font ids, dates, the file `/ID`)
//! is fixed here, so the same inputs give the same bytes.

use super::fonts::Fonts;
use super::layout::{Colour, PlacedPage, Prim};
use super::{PdfError, FONT_BOLD, FONT_REGULAR, LOGO_ID};
use printpdf::{
    Color, FontId, ImageCompression, ImageOptimizationOptions, Line, LineCapStyle, LineJoinStyle,
    LinePoint, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Polygon, PolygonRing, Pt, RawImage, Rect, Rgb, TextItem, WindingOrder, XObject, XObjectId,
    XObjectTransform,
};

/// What the document needs besides its pages.
pub struct Meta<'a> {
    pub title: String,
    pub subject: String,
    pub author: String,
    pub language: &'a str,
    pub created: printpdf::OffsetDateTime,
    /// Seeds the file identifier (`/ID`): the same inputs give the same id.
    pub id_seed: &'a [u8],
}

/// The page geometry shared by every page.
pub struct Geometry {
    pub page_w: f32,
    pub page_h: f32,
    /// Left edge of the text column, in points.
    pub x0: f32,
    /// Top of the text area, in points from the bottom of the page.
    pub top: f32,
    /// The logo's size in pixels, when there is one.
    pub logo_px: Option<(f32, f32)>,
}

/// Builds the document and returns its bytes.
pub fn document(
    pages: &[PlacedPage],
    geometry: &Geometry,
    logo: Option<RawImage>,
    meta: &Meta,
) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::get().map_err(PdfError::Font)?;
    let mut pdf = PdfDocument::new(&meta.title);
    let info = &mut pdf.metadata.info;
    info.creation_date = meta.created;
    info.modification_date = meta.created;
    info.metadata_date = meta.created;
    info.creator = "rehabplan".to_string();
    info.producer = format!("rehabplan {}", env!("CARGO_PKG_VERSION"));
    info.subject = meta.subject.clone();
    info.author = meta.author.clone();
    // Fixed resource ids (printpdf's own come from a process-wide counter).
    pdf.resources.fonts.map.insert(
        FontId(FONT_REGULAR.into()),
        PdfFont::new(fonts.regular.font.clone()),
    );
    pdf.resources.fonts.map.insert(
        FontId(FONT_BOLD.into()),
        PdfFont::new(fonts.bold.font.clone()),
    );
    if let Some(image) = logo {
        pdf.resources
            .xobjects
            .map
            .insert(XObjectId(LOGO_ID.into()), XObject::Image(image));
    }
    pdf.pages = pages
        .iter()
        .map(|placed| pdf_page(placed, geometry))
        .collect();
    save(&pdf, meta)
}

/// One page with its operations, its boxes in exact points.
fn pdf_page(placed: &PlacedPage, geometry: &Geometry) -> PdfPage {
    let mut page = PdfPage::new(
        printpdf::Mm(geometry.page_w / super::MM),
        printpdf::Mm(geometry.page_h / super::MM),
        ops(placed, geometry),
    );
    // Exact sizes in points (the millimetre round trip is off by a thousandth).
    let rect = printpdf::Rect::from_wh(Pt(geometry.page_w), Pt(geometry.page_h));
    page.media_box = rect.clone();
    page.trim_box = rect.clone();
    page.crop_box = rect;
    page
}

/// The document's bytes: fonts subset, the logo compressed losslessly, what printpdf leaves
/// random pinned (see [`pin`]), streams deflated and small objects packed.
fn save(pdf: &PdfDocument, meta: &Meta) -> Result<Vec<u8>, PdfError> {
    // The logo is kept as it is (no resizing, no greyscale), compressed losslessly.
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: Some(ImageOptimizationOptions {
            quality: None,
            max_image_size: None,
            dither_greyscale: Some(false),
            convert_to_greyscale: Some(false),
            auto_optimize: Some(false),
            format: Some(ImageCompression::Flate),
        }),
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    pin(&mut lo, meta);
    // `to_lopdf_document` leaves the streams as they are (printpdf's own `save` would
    // compress them): deflate them, and pack the small objects into object streams.
    for object in lo.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object {
            deflate(stream);
        }
    }
    lo.version = "1.5".to_string();
    let save = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(6)
        .build();
    let mut out = Vec::new();
    lo.save_with_options(&mut out, save)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

/// The file identifier from the inputs, the document language, and no PDF/X claim.
fn pin(lo: &mut lopdf::Document, meta: &Meta) {
    use lopdf::{Object, StringFormat};
    let id = format!(
        "{:016x}{:016x}",
        fnv1a(meta.id_seed, 0xcbf2_9ce4_8422_2325),
        fnv1a(meta.id_seed, 0x6c62_272e_07bb_0142)
    );
    let id = Object::String(id.into_bytes(), StringFormat::Hexadecimal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    // printpdf writes an empty /GTS_PDFXVersion, which makes viewers call the file PDF/X.
    if let Ok(info_id) = lo.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(info) = lo.get_object_mut(info_id).and_then(Object::as_dict_mut) {
            info.remove(b"GTS_PDFXVersion");
            info.remove(b"Identifier");
            info.remove(b"Keywords");
        }
    }
    // The document's language, for screen readers.
    if let Ok(root_id) = lo.trailer.get(b"Root").and_then(Object::as_reference) {
        if let Ok(root) = lo.get_object_mut(root_id).and_then(Object::as_dict_mut) {
            root.set("Lang", Object::string_literal(meta.language));
        }
    }
}

/// Deflates a stream at level 3, zlib's fast strategy: two thirds of level 6's time for
/// files about an eighth larger, every 12-week plan still far under 150 KB (docs/performance.md).
/// lopdf's own `compress` takes the slowest level. A stream already filtered stays as it is.
fn deflate(stream: &mut lopdf::Stream) {
    use std::io::Write;
    if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
        return;
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(3));
    if z.write_all(&stream.content).is_err() {
        return;
    }
    if let Ok(packed) = z.finish() {
        if packed.len() < stream.content.len() {
            stream
                .dict
                .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed);
        }
    }
}

fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    let mut h = seed;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn colour(c: Colour) -> Color {
    Color::Rgb(Rgb::new(c[0], c[1], c[2], None))
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point::new(printpdf::Mm(x / super::MM), printpdf::Mm(y / super::MM)),
        bezier: false,
    }
}

/// Colour and line-width state, so that each is set only when it changes.
#[derive(Default)]
struct Pen {
    fill: Option<Colour>,
    stroke: Option<Colour>,
    width: Option<f32>,
}

impl Pen {
    fn fill(&mut self, ops: &mut Vec<Op>, c: Colour) {
        if self.fill != Some(c) {
            ops.push(Op::SetFillColor { col: colour(c) });
            self.fill = Some(c);
        }
    }
    fn stroke(&mut self, ops: &mut Vec<Op>, c: Colour, w: f32) {
        if self.stroke != Some(c) {
            ops.push(Op::SetOutlineColor { col: colour(c) });
            self.stroke = Some(c);
        }
        if self.width != Some(w) {
            ops.push(Op::SetOutlineThickness { pt: Pt(w) });
            self.width = Some(w);
        }
    }
}

/// One page's operations: shapes first, then all text in one text section.
fn ops(placed: &PlacedPage, g: &Geometry) -> Vec<Op> {
    let mut ops = vec![
        Op::SetLineCapStyle {
            cap: LineCapStyle::Round,
        },
        Op::SetLineJoinStyle {
            join: LineJoinStyle::Round,
        },
    ];
    let mut pen = Pen::default();
    // Frame y (down from the text area's top) to page y (up from the bottom).
    let at = |fy: f32, y: f32| g.top - fy - y;
    for (fy, f) in placed {
        for prim in &f.prims {
            shape(&mut ops, &mut pen, prim, g.x0, g.logo_px, |y| at(*fy, y));
        }
    }
    let mut font: Option<(bool, f32)> = None;
    let mut in_text = false;
    // Where the current text line starts: the origin when the text section opens.
    let mut line_start = (0.0f64, 0.0f64);
    for (fy, f) in placed {
        for prim in &f.prims {
            let Prim::Text {
                x,
                baseline,
                text,
                bold,
                size,
                colour: c,
            } = prim
            else {
                continue;
            };
            if text.is_empty() {
                continue;
            }
            if !in_text {
                ops.push(Op::StartTextSection);
                in_text = true;
            }
            if font != Some((*bold, *size)) {
                let id = if *bold { FONT_BOLD } else { FONT_REGULAR };
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(FontId(id.into())),
                    size: Pt(*size),
                });
                font = Some((*bold, *size));
            }
            pen.fill(&mut ops, *c);
            // Each line starts relative to the one before (`Td`: two numbers instead of a
            // text matrix's six), the step rounded to a thousandth of a point and taken from
            // where the rounded steps so far have led, so that no error adds up.
            let step = |to: f32, from: f64| ((f64::from(to) - from) * 1000.0).round() / 1000.0;
            let (dx, dy) = (
                step(g.x0 + x, line_start.0),
                step(at(*fy, *baseline), line_start.1),
            );
            ops.push(Op::SetTextCursor {
                pos: Point {
                    x: Pt(dx as f32),
                    y: Pt(dy as f32),
                },
            });
            line_start = (line_start.0 + dx, line_start.1 + dy);
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// The operations for one non-text primitive.
fn shape(
    ops: &mut Vec<Op>,
    pen: &mut Pen,
    prim: &Prim,
    x0: f32,
    logo_px: Option<(f32, f32)>,
    y: impl Fn(f32) -> f32,
) {
    match prim {
        Prim::Rect {
            x,
            y: top,
            w,
            h,
            fill,
            stroke,
        } => {
            let mode = match (fill, stroke) {
                (Some(_), Some(_)) => PaintMode::FillStroke,
                (Some(_), None) => PaintMode::Fill,
                (None, Some(_)) => PaintMode::Stroke,
                (None, None) => return,
            };
            if let Some(c) = fill {
                pen.fill(ops, *c);
            }
            if let Some((c, lw)) = stroke {
                pen.stroke(ops, *c, *lw);
            }
            // One `re` operator: four numbers instead of a four-point path.
            let (l, b) = (x0 + x, y(top + h));
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(l),
                    y: Pt(b),
                    width: Pt(*w),
                    height: Pt(y(*top) - b),
                    mode: Some(mode),
                    winding_order: Some(WindingOrder::NonZero),
                },
            });
        }
        Prim::Line {
            x1,
            y1,
            x2,
            y2,
            colour: c,
            width,
        } => {
            pen.stroke(ops, *c, *width);
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(x0 + x1, y(*y1)), point(x0 + x2, y(*y2))],
                    is_closed: false,
                },
            });
        }
        Prim::Path {
            points,
            closed,
            fill,
            stroke,
        } => {
            let pts: Vec<LinePoint> = points
                .iter()
                .map(|(px, py)| point(x0 + px, y(*py)))
                .collect();
            path(ops, pen, pts, *closed, *fill, *stroke);
        }
        Prim::Image { x, y: top, w, h } => {
            let Some(logo_px) = logo_px else { return };
            ops.push(logo(x0 + x, y(top + h), *w, *h, logo_px));
        }
        // Page references are text by now (`layout::resolve_page_refs`).
        Prim::Text { .. } | Prim::PageRef { .. } => {}
    }
}

/// A path's operations, its points already on the page: filled, then stroked.
fn path(
    ops: &mut Vec<Op>,
    pen: &mut Pen,
    pts: Vec<LinePoint>,
    closed: bool,
    fill: Option<Colour>,
    stroke: Option<(Colour, f32)>,
) {
    if let Some(c) = fill {
        pen.fill(ops, c);
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: pts.clone(),
                }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }
    if let Some((c, lw)) = stroke {
        pen.stroke(ops, c, lw);
        ops.push(Op::DrawLine {
            line: Line {
                points: pts,
                is_closed: closed,
            },
        });
    }
}

/// The logo drawn `w` x `h` points with its lower left corner at (`x`, `bottom`).
fn logo(x: f32, bottom: f32, w: f32, h: f32, logo_px: (f32, f32)) -> Op {
    Op::UseXobject {
        id: XObjectId(LOGO_ID.into()),
        transform: XObjectTransform {
            translate_x: Some(Pt(x)),
            translate_y: Some(Pt(bottom)),
            // At 72 dpi one pixel is one point: scale the pixels to the box.
            scale_x: Some(w / logo_px.0),
            scale_y: Some(h / logo_px.1),
            dpi: Some(72.0),
            rotate: None,
            no_auto_scale: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::layout::{Frame, BLACK};

    /// Where each text line of `ops` starts: the `Td` steps added up, as a viewer does.
    fn text_origins(ops: &[Op]) -> Vec<(f64, f64)> {
        let mut at = (0.0f64, 0.0f64);
        let mut out = Vec::new();
        for op in ops {
            match op {
                Op::StartTextSection => at = (0.0, 0.0),
                Op::SetTextCursor { pos } => {
                    at = (at.0 + f64::from(pos.x.0), at.1 + f64::from(pos.y.0));
                    out.push(at);
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn text_placed_step_by_step_lands_where_the_layout_put_it() {
        let g = Geometry {
            page_w: 612.0,
            page_h: 792.0,
            x0: 36.850_395,
            top: 755.149_6,
            logo_px: None,
        };
        // Two hundred lines at uneven heights and columns: rounding each step alone would
        // drift by up to half a thousandth of a point per line.
        let page: PlacedPage = (0..200)
            .map(|i| {
                let mut f = Frame::new(3.7);
                f.push(Prim::Text {
                    x: (i % 7) as f32 * 41.333_33,
                    baseline: 2.917_3,
                    text: format!("line {i}"),
                    bold: i % 3 == 0,
                    size: 8.6,
                    colour: BLACK,
                });
                (i as f32 * 3.700_7, f)
            })
            .collect();
        let origins = text_origins(&ops(&page, &g));
        assert_eq!(origins.len(), 200);
        for (i, (x, y)) in origins.into_iter().enumerate() {
            let want_x = f64::from(g.x0 + (i % 7) as f32 * 41.333_33);
            let want_y = f64::from(g.top - i as f32 * 3.700_7 - 2.917_3);
            assert!(
                (x - want_x).abs() <= 0.000_6,
                "line {i}: x {x} for {want_x}"
            );
            assert!(
                (y - want_y).abs() <= 0.000_6,
                "line {i}: y {y} for {want_y}"
            );
        }
    }
}
