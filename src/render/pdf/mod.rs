//! The printable PDF schedule: cover, overview calendar, one section per week, exercise guide.
//!
//! [`render`] is a pure function of (plan, template, options) returning the PDF's bytes: it
//! reads no file and no clock (the creation date comes in through [`PdfOptions::created`]).
//! The same inputs give byte-identical output, also twice in one process: the font and image
//! resource ids are fixed, the dates come from `created`, and the trailer `/ID` is derived from
//! the inputs instead of printpdf's process-wide counter.
//!
//! Pipeline: `doc.rs` and the section files build `layout::Block`s of measured, wrapped
//! frames; `layout::paginate` places them on pages; this module draws the running header
//! and footer ("page X of Y" once the page count is known) and turns everything into printpdf
//! operations. Only this module and its children know printpdf.

mod appendix;
mod calendar;
mod content;
mod cover;
mod doc;
mod fonts;
mod layout;
#[cfg(test)]
mod tests;
mod weeks;

use crate::plan::types::Plan;
use crate::template::{Paper, Template};
use doc::{Builder, LogoBox};
use fonts::Fonts;
use layout::{paginate, stack, Frame, Measure, PlacedPage, Prim, Style, GREY};
use printpdf::{
    FontId, ImageCompression, ImageOptimizationOptions, Op, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfSaveOptions, Pt, RawImage, Rect, TextItem, XObject, XObjectId,
};

/// Millimetres to points.
const MM: f32 = 72.0 / 25.4;
const FONT_REGULAR: &str = "RPLANR";
const FONT_BOLD: &str = "RPLANB";
const LOGO_ID: &str = "Logo";

/// Options that are not part of the template.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfOptions {
    /// Overrides the template's paper (`--paper`).
    pub paper: Option<Paper>,
    /// Creation date written into the PDF, in Unix seconds (from SOURCE_DATE_EPOCH; 0 by default).
    pub created: i64,
}

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "the plan has no weeks, so there is nothing to print; give the plan at least one week"
    )]
    EmptyPlan,
    #[error(
        "the built-in font could not be loaded ({0}); this is a bug in rehabplan, please report it"
    )]
    Font(String),
    #[error("the clinic logo `{path}` cannot be embedded: {reason}; use a PNG or JPEG file")]
    Logo { path: String, reason: String },
    #[error(
        "the creation time {0} is not a valid date; set SOURCE_DATE_EPOCH to Unix seconds \
         between 0 and 253402300799 (e.g. 1700000000), or unset it"
    )]
    Created(i64),
    #[error("the PDF could not be written: {0}; this is a bug in rehabplan, please report it")]
    Write(String),
}

/// Checks that `bytes` are a PNG or JPEG image this renderer can embed; returns its size in
/// pixels. (The template module calls it to validate a clinic logo.)
pub fn check_image(bytes: &[u8]) -> Result<(u32, u32), String> {
    let png = bytes.starts_with(b"\x89PNG\r\n\x1a\n");
    let jpeg = bytes.starts_with(&[0xff, 0xd8, 0xff]);
    if !png && !jpeg {
        return Err("it is not a PNG or JPEG file".to_string());
    }
    let mut warnings = Vec::new();
    let image = RawImage::decode_from_bytes(bytes, &mut warnings).map_err(|e| {
        format!(
            "the {} data could not be decoded ({e})",
            if png { "PNG" } else { "JPEG" }
        )
    })?;
    if image.width == 0 || image.height == 0 {
        return Err("the image is empty".to_string());
    }
    Ok((image.width as u32, image.height as u32))
}

/// Reads the embedded fonts now (they are read once per process, on first use). A caller
/// that will render a PDF can run this on another thread while it loads the programs.
pub fn prepare() {
    let _ = Fonts::get();
}

/// Renders the plan as a PDF.
pub fn render(plan: &Plan, template: &Template, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::get().map_err(PdfError::Font)?;
    let c = compose(plan, template, options)?;
    let w = &template.text;
    let (regular_chars, bold_chars) = content::used_chars(&c.pages);

    // printpdf makes the document: pages with their boxes, metadata, the logo and the subset
    // fonts. It learns which characters each font needs from one text run per face on the
    // first page; every page's content stream is then written by `content`.
    let carrier = |name: &str, chars: &std::collections::BTreeSet<char>| {
        [
            Op::SetFont {
                font: PdfFontHandle::External(FontId(name.into())),
                size: Pt(10.0),
            },
            Op::ShowText {
                items: vec![TextItem::Text(chars.iter().collect())],
            },
        ]
    };
    let mut first_ops = vec![Op::StartTextSection];
    first_ops.extend(carrier(FONT_REGULAR, &regular_chars));
    first_ops.extend(carrier(FONT_BOLD, &bold_chars));
    first_ops.push(Op::EndTextSection);
    let page_box = || Rect::from_wh(Pt(c.page_w), Pt(c.page_h));
    let mut pdf_pages: Vec<PdfPage> = (0..c.pages.len())
        .map(|_| PdfPage {
            media_box: page_box(),
            trim_box: page_box(),
            crop_box: page_box(),
            ops: Vec::new(),
        })
        .collect();
    pdf_pages[0].ops = first_ops;

    // The document, with fixed resource ids so that two renders are identical.
    let title = match plan.patient.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(p) => format!("{}: {} ({})", w.document_title, plan.program.title, p),
        None => format!("{}: {}", w.document_title, plan.program.title),
    };
    let mut pdf = PdfDocument::new(&title);
    let info = &mut pdf.metadata.info;
    info.creation_date = c.created;
    info.modification_date = c.created;
    info.metadata_date = c.created;
    info.creator = "rehabplan".to_string();
    info.producer = format!("rehabplan {}", env!("CARGO_PKG_VERSION"));
    info.subject = plan.program.title.clone();
    info.author = template
        .clinic
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    pdf.resources.fonts.map.insert(
        FontId(FONT_REGULAR.into()),
        PdfFont::new(fonts.regular.font.clone()),
    );
    pdf.resources.fonts.map.insert(
        FontId(FONT_BOLD.into()),
        PdfFont::new(fonts.bold.font.clone()),
    );
    let has_logo = c.logo.is_some();
    if let Some(image) = c.logo {
        pdf.resources
            .xobjects
            .map
            .insert(XObjectId(LOGO_ID.into()), XObject::Image(image));
    }
    pdf.pages = pdf_pages;

    // The logo is kept as it is (no resizing, no greyscale), compressed losslessly.
    let image_optimization = ImageOptimizationOptions {
        quality: None,
        max_image_size: None,
        dither_greyscale: Some(false),
        convert_to_greyscale: Some(false),
        auto_optimize: Some(false),
        format: Some(ImageCompression::Flate),
    };
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: Some(image_optimization),
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);

    // The page content streams.
    let regular = content::Codes::from_document(&lo, FONT_REGULAR, &fonts.regular, &regular_chars)
        .map_err(PdfError::Font)?;
    let bold = content::Codes::from_document(&lo, FONT_BOLD, &fonts.bold, &bold_chars)
        .map_err(PdfError::Font)?;
    let page = content::Page {
        x0: c.margin_left,
        top: c.top,
        fonts: [(FONT_REGULAR, &regular), (FONT_BOLD, &bold)],
        logo: has_logo.then_some(LOGO_ID),
    };
    // Each page's content stream object (empty but for the first page's font hint) is
    // replaced by the one `content` writes.
    let mut contents = Vec::with_capacity(c.pages.len());
    for page_id in lo.get_pages().into_values() {
        let id = lo
            .get_dictionary(page_id)
            .and_then(|d| d.get(b"Contents"))
            .and_then(lopdf::Object::as_reference)
            .map_err(|e| PdfError::Write(e.to_string()))?;
        contents.push(id);
    }
    // All deflating happens here, on two threads: printpdf's streams (the fonts, their
    // /ToUnicode maps, the logo), largest first, then the pages.
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .iter_mut()
        .filter(|(id, _)| !contents.contains(id))
        .filter_map(|(_, o)| o.as_stream_mut().ok())
        .filter(|s| s.allows_compression && s.dict.get(b"Filter").is_err())
        .collect();
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let jobs: Vec<Job> = streams
        .into_iter()
        .map(Job::Stream)
        .chain(c.pages.iter().map(Job::Page))
        .collect();
    let written = crate::par::map(jobs, two_threads(), |job| match job {
        Job::Page(placed) => {
            let mut s = lopdf::Stream::new(lopdf::Dictionary::new(), content::page(placed, &page));
            deflate(&mut s);
            Some(s.with_compression(false))
        }
        Job::Stream(s) => {
            deflate(s);
            None
        }
    });
    for (id, stream) in contents.into_iter().zip(written.into_iter().flatten()) {
        lo.objects.insert(id, lopdf::Object::Stream(stream));
    }
    finish(&mut lo, plan, template, c.paper, options.created)
}

/// Every page laid out: frames placed with their offset from the top of the text area
/// (`top`), running header and footer included.
struct Composed {
    pages: Vec<PlacedPage>,
    paper: Paper,
    page_w: f32,
    page_h: f32,
    margin_left: f32,
    /// Top of the text area, in points from the bottom of the page.
    top: f32,
    /// Width of the text column (read by the layout tests).
    #[cfg_attr(not(test), allow(dead_code))]
    width: f32,
    /// Offset of the footer's top from `top` (read by the layout tests).
    #[cfg_attr(not(test), allow(dead_code))]
    footer_top: f32,
    logo: Option<RawImage>,
    created: printpdf::OffsetDateTime,
}

fn compose(plan: &Plan, template: &Template, options: &PdfOptions) -> Result<Composed, PdfError> {
    if plan.weeks.is_empty() {
        return Err(PdfError::EmptyPlan);
    }
    let fonts = Fonts::get().map_err(PdfError::Font)?;
    let created = printpdf::OffsetDateTime::from_unix_timestamp(options.created)
        .ok()
        .filter(|_| (0..=253_402_300_799).contains(&options.created))
        .ok_or(PdfError::Created(options.created))?;

    let paper = options.paper.unwrap_or(template.page.paper);
    let (page_w, page_h) = paper.size_pt();
    let pg = &template.page;
    let fs = pg.font_size;
    let margin_l = pg.margin_left * MM;
    let width = page_w - margin_l - pg.margin_right * MM;
    let m = Measure::new(fonts);
    let w = &template.text;
    let accent = doc::colour(template.style.accent);

    // Logo: at most 22 mm high and a third of the column wide, keeping its shape.
    let logo = match template.clinic.as_ref().and_then(|c| c.logo.as_ref()) {
        Some(l) => {
            let mut warnings = Vec::new();
            let image = RawImage::decode_from_bytes(&l.bytes, &mut warnings).map_err(|reason| {
                PdfError::Logo {
                    path: l.path.display().to_string(),
                    reason,
                }
            })?;
            let (pw, ph) = (image.width.max(1) as f32, image.height.max(1) as f32);
            let mut h = 22.0 * MM;
            let mut lw = h * pw / ph;
            if lw > width / 3.0 {
                lw = width / 3.0;
                h = lw * ph / pw;
            }
            Some((image, LogoBox { w: lw, h }))
        }
        None => None,
    };
    let (logo_image, logo_box) = match logo {
        Some((i, b)) => (Some(i), Some(b)),
        None => (None, None),
    };

    // Content.
    // Built in two halves on two threads, each with its own wrap cache: the cover, calendar
    // and first weeks; the other weeks and the exercise guide (the heavier end).
    let builder = || Builder {
        m: Measure::new(fonts),
        plan,
        t: template,
        w,
        width,
        fs,
        accent,
        logo: logo_box,
        blocks: Vec::new(),
        context: None,
    };
    let n = plan.weeks.len();
    let split = (n * 3).div_ceil(5);
    let halves = crate::par::map(vec![true, false], two_threads(), |first| {
        let mut b = builder();
        if first {
            b.cover();
            b.calendar();
            b.weeks(0..split);
        } else {
            b.weeks(split..n);
            b.appendix();
        }
        b.blocks
    });
    let blocks = halves.concat();

    // Running header (pages after the cover) and footer (every page).
    let small = Style::new(fs * 0.8);
    let tiny = Style::new(fs * 0.7).colour(GREY);
    let header = template.clinic.as_ref().map(|c| {
        let mut text = c.name.clone();
        if !c.phone.is_empty() {
            text.push_str(&format!(" · {}: {}", w.phone_label, c.phone));
        }
        let mut f = stack(m.para(&text, small.colour(GREY), 0.0, width));
        let y = f.h + fs * 0.2;
        f.push(Prim::Line {
            x1: 0.0,
            y1: y,
            x2: width,
            y2: y,
            colour: accent,
            width: 0.6,
        });
        f.h = y + fs * 0.8;
        f
    });
    let page_of_w = m.width(&m.fonts.clean(&w.page_of(888, 888)), small.bold()) + fs;
    let footer_text = w.footer(&plan.program.title, plan.patient.as_deref());
    let footer_lines = m.para(&footer_text, small, 0.0, width - page_of_w);
    let disclaimer = m.para(&w.disclaimer_short, tiny, 0.0, width);
    let footer_h = fs * 0.6
        + footer_lines
            .iter()
            .chain(disclaimer.iter())
            .map(|f| f.h)
            .sum::<f32>();

    let top = page_h - pg.margin_top * MM;
    let bottom = pg.margin_bottom * MM + footer_h + fs * 0.8;
    let first_avail = top - bottom;
    let header_h = header.as_ref().map(|h| h.h).unwrap_or(0.0);
    let avail = first_avail - header_h;
    let pages = paginate(blocks, first_avail, avail);
    let count = pages.len();

    // Header and footer on every page.
    let footer_top = top - pg.margin_bottom * MM - footer_h;
    let mut full = Vec::with_capacity(count);
    for (i, placed) in pages.into_iter().enumerate() {
        let mut all: PlacedPage = Vec::new();
        let content_top = if i == 0 { 0.0 } else { header_h };
        if i > 0 {
            if let Some(h) = &header {
                all.push((0.0, h.clone()));
            }
        }
        for (y, f) in placed {
            all.push((content_top + y, f));
        }
        let mut foot = Frame::new(footer_h);
        foot.push(Prim::Line {
            x1: 0.0,
            y1: fs * 0.2,
            x2: width,
            y2: fs * 0.2,
            colour: GREY,
            width: 0.4,
        });
        let mut fy = fs * 0.6;
        let page_of = m.fonts.clean(&w.page_of(i + 1, count));
        let pw = m.width(&page_of, small.bold());
        for (k, line) in footer_lines.iter().enumerate() {
            let mut l = line.clone();
            if k == 0 {
                l.push(Prim::Text {
                    x: width - pw,
                    baseline: small.baseline(),
                    text: page_of.clone(),
                    bold: true,
                    size: small.size,
                    colour: layout::BLACK,
                });
            }
            foot.overlay(l, 0.0, fy);
            fy += line.h;
        }
        for line in &disclaimer {
            foot.overlay(line.clone(), 0.0, fy);
            fy += line.h;
        }
        all.push((footer_top, foot));
        full.push(all);
    }
    Ok(Composed {
        pages: full,
        paper,
        page_w,
        page_h,
        margin_left: margin_l,
        top,
        width,
        footer_top,
        logo: logo_image,
        created,
    })
}

/// Pins what printpdf leaves random or wrong, then saves.
fn finish(
    lo: &mut lopdf::Document,
    plan: &Plan,
    template: &Template,
    paper: Paper,
    created: i64,
) -> Result<Vec<u8>, PdfError> {
    use lopdf::{Object, StringFormat};
    // The file identifier, derived from the inputs (printpdf uses a process-wide counter).
    let mut seed = serde_json::to_vec(plan).map_err(|e| PdfError::Write(e.to_string()))?;
    // The template without its logo's bytes in Debug form (they go in raw).
    let logo = template.clinic.as_ref().and_then(|c| c.logo.as_ref());
    seed.extend_from_slice(
        format!(
            "{}|{}|{:?}|{:?}|{:?}|{:?}|{paper}|{created}",
            template.name,
            template.language,
            template.page,
            template.style,
            template
                .clinic
                .as_ref()
                .map(|c| (&c.name, &c.address, &c.phone)),
            template.text,
        )
        .as_bytes(),
    );
    seed.extend_from_slice(logo.map(|l| l.bytes.as_slice()).unwrap_or_default());
    let id = format!(
        "{:016x}{:016x}",
        fnv1a(&seed, 0xcbf2_9ce4_8422_2325),
        fnv1a(&seed, 0x6c62_272e_07bb_0142)
    );
    let id = Object::String(id.into_bytes(), StringFormat::Hexadecimal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    // An empty /GTS_PDFXVersion makes viewers call the file PDF/X; it is not.
    if let Ok(info_id) = lo.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(info) = lo.get_object_mut(info_id).and_then(Object::as_dict_mut) {
            info.remove(b"GTS_PDFXVersion");
            info.remove(b"Identifier");
            info.remove(b"Keywords");
        }
    }
    // The document's language, for screen readers and hyphenation in viewers.
    if let Ok(root_id) = lo.trailer.get(b"Root").and_then(Object::as_reference) {
        if let Ok(root) = lo.get_object_mut(root_id).and_then(Object::as_dict_mut) {
            root.set("Lang", Object::string_literal(template.language.as_str()));
        }
    }
    share_page_resources(lo);
    // Object and cross-reference streams (PDF 1.5) compress the page dictionaries too.
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

/// printpdf gives every page its own copy of the same resource dictionary and repeats the
/// media box as trim and crop box. One shared dictionary and the media box alone (the other
/// two default to it) make the file smaller and quicker to write.
fn share_page_resources(lo: &mut lopdf::Document) {
    use lopdf::Object;
    let pages: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    let resources = |lo: &lopdf::Document, page| {
        lo.get_dictionary(page)
            .and_then(|d| d.get(b"Resources"))
            .and_then(Object::as_reference)
            .ok()
    };
    let Some(shared) = pages.first().and_then(|p| resources(lo, *p)) else {
        return;
    };
    let Ok(model) = lo.get_dictionary(shared).cloned() else {
        return;
    };
    for page in pages {
        if let Some(own) = resources(lo, page).filter(|r| *r != shared) {
            if lo.get_dictionary(own).is_ok_and(|d| *d == model) {
                lo.objects.remove(&own);
                if let Ok(d) = lo.get_object_mut(page).and_then(Object::as_dict_mut) {
                    d.set("Resources", Object::Reference(shared));
                }
            }
        }
        if let Ok(d) = lo.get_object_mut(page).and_then(Object::as_dict_mut) {
            let media = d.get(b"MediaBox").ok().cloned();
            for key in [b"TrimBox".as_slice(), b"CropBox"] {
                if d.get(key).ok() == media.as_ref() {
                    d.remove(key);
                }
            }
            if d.get(b"Annots")
                .and_then(Object::as_array)
                .is_ok_and(|a| a.is_empty())
            {
                d.remove(b"Annots");
            }
        }
    }
}

/// Whether a render may use a second thread (on by default). `batch`, which already renders
/// one plan per core, turns it off. It changes the time taken, never the bytes.
static TWO_THREADS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

pub fn set_two_threads(on: bool) {
    TWO_THREADS.store(on, std::sync::atomic::Ordering::Relaxed);
}

fn two_threads() -> bool {
    TWO_THREADS.load(std::sync::atomic::Ordering::Relaxed)
}

/// A piece of the work of writing the streams.
enum Job<'a> {
    /// Write and deflate a page's content stream.
    Page(&'a PlacedPage),
    /// Deflate a stream printpdf made.
    Stream(&'a mut lopdf::Stream),
}

fn deflate(s: &mut lopdf::Stream) {
    let packed = zlib(&s.content);
    if !packed.is_empty() && packed.len() < s.content.len() {
        s.dict
            .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
        s.set_content(packed);
    }
}

/// zlib-wrapped deflate, as PDF's `/FlateDecode` wants it. Each thread keeps one compressor
/// and resets it after each stream: setting one up clears about 256 KB, more than a page's text.
fn zlib(bytes: &[u8]) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    use std::cell::RefCell;
    thread_local! {
        static Z: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(COMPRESSION), true));
    }
    Z.with(|z| {
        let mut z = z.borrow_mut();
        let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
        let packed = loop {
            let done = z.total_in() as usize;
            match z.compress_vec(&bytes[done..], &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => break out,
                Ok(_) => out.reserve(out.capacity().max(4096)),
                // Compressing in memory does not fail; if it did, the stream stays as it is.
                Err(_) => break Vec::new(),
            }
        };
        z.reset();
        packed
    })
}

/// The deflate level: 9 is the smallest; see docs/performance.md for the measured trade-off.
const COMPRESSION: u32 = 6;

fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    let mut h = seed;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
