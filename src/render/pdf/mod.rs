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
//! this module adds the running header and footer ("page X of Y" once the page count is
//! known) and `write.rs` hands each page to printpdf as drawing operations. Only `write.rs`
//! and `fonts.rs` know printpdf.

mod calendar;
mod cards;
mod checks;
mod doc;
mod fonts;
mod front;
mod gallery;
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
use layout::{paginate, stack, Frame, Measure, PlacedPage, Prim, Style, GREY};
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

fn compose(plan: &Plan, template: &Template, options: &PdfOptions) -> Result<Composed, PdfError> {
    if plan.weeks.is_empty() {
        return Err(PdfError::EmptyPlan);
    }
    let fonts = Fonts::get().map_err(PdfError::Font)?;
    let created = created(options.created)?;

    let paper = options.paper.unwrap_or(template.page.paper);
    let (page_w, page_h) = paper.size_pt();
    let pg = &template.page;
    let fs = pg.font_size;
    let margin_l = pg.margin_left * MM;
    let width = page_w - margin_l - pg.margin_right * MM;
    let w = &template.text;
    let accent = doc::colour(template.style.accent);

    // Logo: at most 22 mm high and a third of the column wide, keeping its shape.
    let logo = match template.clinic.as_ref().and_then(|c| c.logo.as_ref()) {
        Some(l) => {
            // Decoded once, when the template was checked.
            let image = l.image.clone();
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

    // Content, laid out once. Page references to the exercise cards sit in fixed-width slots
    // and are filled in once the pages are known.
    let groups = outline::phase_groups(plan, w);
    let log_weeks = outline::log_weeks(plan);
    let mut b = Builder {
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
        // Drawing a figure rests its poses on their supports: once per exercise.
        drawings: plan
            .exercises
            .iter()
            .filter_map(|e| Some((e.id.clone(), crate::figure::draw(e.figure.as_ref()?))))
            .collect(),
    };
    b.front();
    b.calendar();
    b.cards(&groups);
    b.log(log_weeks);
    b.running();
    b.therapist();
    let blocks = std::mem::take(&mut b.blocks);
    // Running header (pages after the cover) and footer (every page).
    let small = Style::new((fs * 0.8).max(b.min_size()));
    let tiny = Style::new((fs * 0.7).max(b.min_size())).colour(GREY);
    let header = template.clinic.as_ref().map(|c| {
        let mut text = c.name.clone();
        if !c.phone.is_empty() {
            text.push_str(&format!(" · {}{}", w.label(&w.phone_label), c.phone));
        }
        let mut f = stack(b.m.para(&text, small.colour(GREY), 0.0, width));
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
    let page_of_w =
        b.m.width(&b.m.fonts.clean(&w.page_of(888, 888)), small.bold()) + fs;
    let footer_text = w.footer(&plan.program.title, plan.patient.as_deref());
    let footer_lines = b.m.para(&footer_text, small, 0.0, width - page_of_w);
    let disclaimer = b.m.para(&w.disclaimer_short, tiny, 0.0, width);
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
    let mut pages = paginate(blocks, first_avail, avail);
    let refs = card_pages(&pages);
    layout::resolve_page_refs(
        &mut pages,
        &refs,
        |n| Wording::fill(&w.card_page, &[("page", &n.to_string())]),
        |t, size| b.m.width(t, Style::new(size)),
    );
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
        let page_of = b.m.fonts.clean(&w.page_of(i + 1, count));
        let pw = b.m.width(&page_of, small.bold());
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
