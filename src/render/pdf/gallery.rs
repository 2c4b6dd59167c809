//! The exercise gallery (`rehabplan exercises --gallery`): every exercise's figure with its
//! name and id, three to a row, for a therapist to review the drawings.

use super::cards::figure_frame;
use super::doc::colour;
use super::fonts::Fonts;
use super::layout::{paginate, stack, Block, Frame, Measure, PlacedPage, Prim, Style, GREY};
use super::{write, PdfError, PdfOptions, MM};
use crate::model::Exercise;
use crate::template::Template;

/// The gallery of `exercises` (in the order given) as a PDF.
pub fn gallery(
    exercises: &[&Exercise],
    title: &str,
    template: &Template,
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::get().map_err(PdfError::Font)?;
    let created = super::created(options.created)?;
    let m = Measure::new(fonts);
    let paper = options.paper.unwrap_or(template.page.paper);
    let (page_w, page_h) = paper.size_pt();
    let pg = &template.page;
    let fs = pg.font_size;
    let width = page_w - (pg.margin_left + pg.margin_right) * MM;
    let accent = colour(template.style.accent);

    let mut blocks = vec![Block::heading(m.para(
        title,
        Style::new(fs * 1.6).bold().colour(accent),
        0.0,
        width,
    ))];
    blocks.extend(tile_rows(&m, exercises, template, width));
    let top = page_h - pg.margin_top * MM;
    let footer_h = fs * 1.5;
    let avail = top - pg.margin_bottom * MM - footer_h;
    let mut pages = paginate(blocks, avail, avail);
    number_pages(&m, &mut pages, template, width, avail, footer_h);
    let seed = format!(
        "gallery|{title}|{}|{paper}|{}",
        exercises.len(),
        options.created
    );
    let meta = write::Meta {
        title: title.to_string(),
        subject: title.to_string(),
        author: String::new(),
        language: template.language.as_str(),
        created,
        id_seed: seed.as_bytes(),
    };
    let geometry = write::Geometry {
        page_w,
        page_h,
        x0: pg.margin_left * MM,
        top,
        logo_px: None,
    };
    write::document(&pages, &geometry, None, &meta)
}

/// The exercises three to a row, each tile its figure (or an empty frame), name and id.
fn tile_rows(m: &Measure, exercises: &[&Exercise], template: &Template, width: f32) -> Vec<Block> {
    let fs = template.page.font_size;
    let cols = 3;
    let gap = fs;
    let tile_w = (width - gap * (cols as f32 - 1.0)) / cols as f32;
    let fig_h = tile_w * 0.62;
    let name = Style::new(fs * 0.9).bold();
    let id = Style::new(fs * 0.75).colour(GREY);
    let mut blocks = Vec::new();
    for row in exercises.chunks(cols) {
        let tiles: Vec<Frame> = row
            .iter()
            .map(|e| {
                let mut t = vec![match &e.figure {
                    Some(f) => figure_frame(
                        &crate::figure::draw(f),
                        tile_w,
                        fig_h,
                        template.style.accent,
                        fs * 0.4,
                    ),
                    None => Frame::new(fig_h),
                }];
                t.push(Frame::new(fs * 0.2));
                t.extend(m.para(&e.name, name, 0.0, tile_w));
                t.extend(m.para(&e.id, id, 0.0, tile_w));
                stack(t)
            })
            .collect();
        let h = tiles.iter().map(|t| t.h).fold(0.0, f32::max);
        let mut f = Frame::new(h + fs);
        for (i, t) in tiles.into_iter().enumerate() {
            f.overlay(t, i as f32 * (tile_w + gap), 0.0);
        }
        blocks.push(Block::together(vec![f]));
    }
    blocks
}

/// "Page X of Y" at the bottom right of each page, `avail` from the top.
fn number_pages(
    m: &Measure,
    pages: &mut [PlacedPage],
    template: &Template,
    width: f32,
    avail: f32,
    footer_h: f32,
) {
    let fs = template.page.font_size;
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let mut foot = Frame::new(footer_h);
        let text = template.text.page_of(i + 1, count);
        let s = Style::new(fs * 0.8);
        foot.push(Prim::Text {
            x: width - m.width(&text, s),
            baseline: fs,
            text,
            bold: false,
            size: s.size,
            colour: GREY,
        });
        page.push((avail, foot));
    }
}
