//! An SVG preview of a [`Drawing`]: one `<path>` or `<circle>` per mark, round caps and joins,
//! so it opens in any browser.

use super::sketch::{Drawing, Ink, Mark};
use std::fmt::Write;

/// The grey levels used for print: near dark, far clearly lighter, ghost pale.
pub fn colour(ink: Ink, accent: [u8; 3]) -> [u8; 3] {
    match ink {
        Ink::Near => [0x2b, 0x2b, 0x2b],
        Ink::Far => [0x9e, 0x9e, 0x9e],
        Ink::Ghost => [0xd2, 0xd2, 0xd2],
        Ink::Accent => accent,
        Ink::Prop => [0x70, 0x70, 0x70],
        Ink::PropLight => [0xf3, 0xf3, 0xf3],
        Ink::Floor => [0x55, 0x55, 0x55],
        Ink::Paper => [0xff, 0xff, 0xff],
    }
}

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn path(points: &[(f32, f32)], closed: bool) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { "M" } else { " L" }, x, y);
    }
    if closed {
        d.push_str(" Z");
    }
    d
}

/// The drawing as a standalone SVG document.
pub fn svg(d: &Drawing, accent: [u8; 3]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.1} {:.1}\" width=\"{:.0}\" height=\"{:.0}\">",
        d.width,
        d.height,
        d.width * 3.0,
        d.height * 3.0
    );
    let _ = writeln!(s, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
    for m in &d.marks {
        match m {
            Mark::Stroke {
                points,
                width,
                ink,
                closed,
            } => {
                let _ = writeln!(
                    s,
                    "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.2}\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>",
                    path(points, *closed),
                    hex(colour(*ink, accent)),
                    width
                );
            }
            Mark::Fill { points, ink } => {
                let _ = writeln!(
                    s,
                    "<path d=\"{}\" fill=\"{}\"/>",
                    path(points, true),
                    hex(colour(*ink, accent))
                );
            }
            Mark::Disc {
                centre,
                radius,
                ink,
            } => {
                let _ = writeln!(
                    s,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.2}\" fill=\"{}\"/>",
                    centre.0,
                    centre.1,
                    radius,
                    hex(colour(*ink, accent))
                );
            }
        }
    }
    s.push_str("</svg>\n");
    s
}
