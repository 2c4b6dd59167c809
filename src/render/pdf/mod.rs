//! The printable PDF handout: front page, overview calendar, the exercise cards (one set per
//! phase), the weekly log, back to running, and the therapist's page.
//!
//! [`render`] is a pure function of (plan, template, options) returning the PDF's bytes: it
//! reads no file and no clock (the creation date comes in through [`PdfOptions::created`]).
//! The same inputs give byte-identical output, also twice in one process: the font and image
//! resource ids are fixed, the dates come from `created`, and the file `/ID` is derived from
//! the inputs.
//!
//! Pipeline: `outline.rs` works out what to show (phases, cards, log rows); the section files
//! build `layout::Block`s of measured, wrapped frames; `layout::paginate` places them on pages;
//! this module (with `header_footer.rs`) adds the running header and footer ("page X of Y"
//! once the page count is known) and `write.rs` hands each page to printpdf as drawing
//! operations. Only `write.rs` and `fonts.rs` know printpdf.

mod calendar;
mod cards;
mod checks;
mod doc;
mod fonts;
mod front;
mod gallery;
mod header_footer;
mod layout;
mod log;
mod outline;
mod running;
#[cfg(test)]
mod tests;
mod therapist;
mod write;

use crate::plan::types::Plan;
use crate::template::{Paper, Template, Wording};
use doc::{Builder, LogoBox};
use fonts::Fonts;
use header_footer::HeaderFooter;
use layout::{paginate, Measure, PlacedPage, Style};
use printpdf::RawImage;

pub use gallery::gallery;

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
    #[error(
        "the creation time {0} is not a valid date; set SOURCE_DATE_EPOCH to Unix seconds \
         between 0 and 253402300799 (e.g. 1700000000), or unset it"
    )]
    Created(i64),
    #[error("the PDF could not be written: {0}; this is a bug in rehabplan, please report it")]
    Write(String),
}

/// Reads the embedded fonts now (they are read once per process, on first use). A caller
/// that will render a PDF can run this on another thread while it loads the programs.
pub fn prepare() {
    let _ = Fonts::get();
}

/// Renders the plan as a PDF.
pub fn render(plan: &Plan, template: &Template, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let c = compose(plan, template, options)?;
    let w = &template.text;
    let title = match plan.patient.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(p) => format!(
            "{}{} ({})",
            w.label(&w.document_title),
            plan.program.title,
            p
        ),
        None => format!("{}{}", w.label(&w.document_title), plan.program.title),
    };
    let seed = id_seed(plan, template, c.paper, options.created)?;
    let meta = write::Meta {
        title,
        subject: plan.program.title.clone(),
        author: template
            .clinic
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        language: template.language.as_str(),
        created: c.created,
        id_seed: &seed,
    };
    let geometry = write::Geometry {
        page_w: c.page_w,
        page_h: c.page_h,
        x0: c.margin_left,
        top: c.top,
        logo_px: c
            .logo
            .as_ref()
            .map(|i| (i.width.max(1) as f32, i.height.max(1) as f32)),
    };
    write::document(&c.pages, &geometry, c.logo, &meta)
}

/// What the file identifier is derived from: the plan, the template and the options.
fn id_seed(
    plan: &Plan,
    template: &Template,
    paper: Paper,
    created: i64,
) -> Result<Vec<u8>, PdfError> {
    let mut seed = serde_json::to_vec(plan).map_err(|e| PdfError::Write(e.to_string()))?;
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
    Ok(seed)
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

/// Lays out the whole document: the sections in reading order, paginated, page references
/// filled in, then the running header and footer on each page.
fn compose(plan: &Plan, template: &Template, options: &PdfOptions) -> Result<Composed, PdfError> {
    if plan.weeks.is_empty() {
        return Err(PdfError::EmptyPlan);
    }
    let fonts = Fonts::get().map_err(PdfError::Font)?;
    let created = created(options.created)?;
    let paper = options.paper.unwrap_or(template.page.paper);
    let sheet = Sheet::new(template, paper);
    let (logo_image, logo_box) = logo(template, sheet.width);

    let mut b = builder(plan, template, Measure::new(fonts), sheet.width, logo_box);
    b.front();
    b.calendar();
    b.cards(&outline::phase_groups(plan, &template.text));
    b.log(outline::log_weeks(plan));
    b.running();
    b.therapist();
    let blocks = std::mem::take(&mut b.blocks);

    let hf = HeaderFooter::new(&b);
    let pg = &template.page;
    let bottom = pg.margin_bottom * MM + hf.footer_h + b.fs * 0.8;
    let first_avail = sheet.top - bottom;
    let mut pages = paginate(blocks, first_avail, first_avail - hf.header_h());
    fill_page_refs(&mut pages, &b);
    let footer_top = sheet.top - pg.margin_bottom * MM - hf.footer_h;
    Ok(Composed {
        pages: hf.apply(pages, &b, footer_top),
        paper,
        page_w: sheet.page_w,
        page_h: sheet.page_h,
        margin_left: sheet.margin_left,
        top: sheet.top,
        width: sheet.width,
        footer_top,
        logo: logo_image,
        created,
    })
}

/// The page and its text column, in points.
struct Sheet {
    page_w: f32,
    page_h: f32,
    margin_left: f32,
    /// Width of the text column.
    width: f32,
    /// Top of the text area, from the bottom of the page.
    top: f32,
}

impl Sheet {
    fn new(template: &Template, paper: Paper) -> Sheet {
        let (page_w, page_h) = paper.size_pt();
        let pg = &template.page;
        let margin_left = pg.margin_left * MM;
        Sheet {
            page_w,
            page_h,
            margin_left,
            width: page_w - margin_left - pg.margin_right * MM,
            top: page_h - pg.margin_top * MM,
        }
    }
}

/// The clinic's logo and its box on the cover: at most 22 mm high and a third of the column
/// wide, keeping its shape (decoded once, when the template was checked).
fn logo(template: &Template, width: f32) -> (Option<RawImage>, Option<LogoBox>) {
    let Some(l) = template.clinic.as_ref().and_then(|c| c.logo.as_ref()) else {
        return (None, None);
    };
    let image = l.image.clone();
    let (pw, ph) = (image.width.max(1) as f32, image.height.max(1) as f32);
    let mut h = 22.0 * MM;
    let mut lw = h * pw / ph;
    if lw > width / 3.0 {
        lw = width / 3.0;
        h = lw * ph / pw;
    }
    (Some(image), Some(LogoBox { w: lw, h }))
}

/// The section builder for one render. Content is laid out once: page references to the
/// exercise cards sit in fixed-width slots and are filled in once the pages are known.
fn builder<'a>(
    plan: &'a Plan,
    template: &'a Template,
    m: Measure,
    width: f32,
    logo: Option<LogoBox>,
) -> Builder<'a> {
    Builder {
        m,
        plan,
        t: template,
        w: &template.text,
        width,
        fs: template.page.font_size,
        accent: doc::colour(template.style.accent),
        logo,
        blocks: Vec::new(),
        context: None,
        // Drawing a figure rests its poses on their supports: once per exercise.
        drawings: plan
            .exercises
            .iter()
            .filter_map(|e| {
                Some((
                    e.id.clone(),
                    crate::figure::draw_remembered(e.figure.as_ref()?),
                ))
            })
            .collect(),
    }
}

/// Turns each reference to a card's page into its text, now that the pages are known.
fn fill_page_refs(pages: &mut [PlacedPage], b: &Builder) {
    let refs = card_pages(pages);
    layout::resolve_page_refs(
        pages,
        &refs,
        |n| Wording::fill(&b.w.card_page, &[("page", &n.to_string())]),
        |t, size| b.m.width(t, Style::new(size)),
    );
}

/// The PDF's creation date from Unix seconds.
fn created(seconds: i64) -> Result<printpdf::OffsetDateTime, PdfError> {
    printpdf::OffsetDateTime::from_unix_timestamp(seconds)
        .ok()
        .filter(|_| (0..=253_402_300_799).contains(&seconds))
        .ok_or(PdfError::Created(seconds))
}

/// The page (1-based) of each exercise card, by the card frame's anchor.
fn card_pages(pages: &[PlacedPage]) -> std::collections::HashMap<usize, usize> {
    let mut out = std::collections::HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        for (_, f) in page {
            if let Some(a) = f.anchor {
                out.entry(a).or_insert(i + 1);
            }
        }
    }
    out
}
