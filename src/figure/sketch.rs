//! What a figure is drawn with: the renderer-neutral [`Drawing`] and its marks and inks, the
//! camera that projects the skeleton, and the [`Sketch`] that the body, the props, the partner
//! and the motion arrow are drawn into.

use super::body::{self, v3, V3};
use super::spec::*;

/// A renderer-neutral drawing. Y points down, the origin is the top-left corner, and every mark
/// lies inside `0..width` x `0..height` (units: hundredths of the figure's height).
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub width: f32,
    pub height: f32,
    pub marks: Vec<Mark>,
}

/// What a mark is drawn in; the renderer maps each to a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ink {
    /// The near side and the trunk: dark.
    Near,
    /// The far side: clearly lighter.
    Far,
    /// The start pose under the end pose: pale.
    Ghost,
    /// The template's accent: the working limb, a band, the motion arrow.
    Accent,
    /// Outlines of props.
    Prop,
    /// Fills of props.
    PropLight,
    /// The floor line.
    Floor,
    /// The paper colour: a thin gap drawn under a near limb so it stands out from what is behind.
    Paper,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A polyline with round caps and joins.
    Stroke {
        points: Vec<(f32, f32)>,
        width: f32,
        ink: Ink,
        closed: bool,
    },
    /// A filled polygon.
    Fill { points: Vec<(f32, f32)>, ink: Ink },
    Disc {
        centre: (f32, f32),
        radius: f32,
        ink: Ink,
    },
}

/// Drawing units per H.
pub const UNIT: f32 = 100.0;
/// Prop and arrow line width (H).
pub const THIN: f32 = 0.012;
/// The paper-coloured outline that parts a limb from what is behind it (H).
pub const HALO: f32 = 0.016;

/// World (H, y up) to the drawing plane (H, y up), as the camera sees it.
#[derive(Debug, Clone, Copy)]
pub struct Camera {
    turn: body::M3,
    raise: f32,
    flip: bool,
}

impl Camera {
    pub fn new(fig: &Figure) -> Camera {
        Camera {
            turn: body::ry(fig.turn),
            raise: fig.raise.to_radians(),
            flip: fig.flip,
        }
    }
    /// Drawing position and depth (larger is nearer).
    pub fn see(&self, p: V3) -> (f32, f32, f32) {
        let q = self.turn.apply(p);
        let (s, c) = self.raise.sin_cos();
        let x = if self.flip { -q.x } else { q.x };
        (x, q.y * c - q.z * s, q.z * c + q.y * s)
    }
    pub fn pt(&self, p: V3) -> (f32, f32) {
        let (x, y, _) = self.see(p);
        (x, y)
    }
}

/// Marks in the drawing plane (H, y up) before they are fitted into the frame.
#[derive(Default)]
pub struct Sketch {
    pub marks: Vec<Mark>,
}

impl Sketch {
    pub fn stroke(&mut self, points: Vec<(f32, f32)>, width: f32, ink: Ink) {
        self.marks.push(Mark::Stroke {
            points,
            width,
            ink,
            closed: false,
        });
    }
    pub fn closed(&mut self, points: Vec<(f32, f32)>, width: f32, ink: Ink) {
        self.marks.push(Mark::Stroke {
            points,
            width,
            ink,
            closed: true,
        });
    }
    pub fn fill(&mut self, points: Vec<(f32, f32)>, ink: Ink) {
        self.marks.push(Mark::Fill { points, ink });
    }
    pub fn disc(&mut self, centre: (f32, f32), radius: f32, ink: Ink) {
        self.marks.push(Mark::Disc {
            centre,
            radius,
            ink,
        });
    }
    /// A 3D box as the camera sees it: its outline filled, then outlined.
    pub fn solid(&mut self, cam: &Camera, lo: V3, hi: V3, fill: Ink, line: Ink) {
        let mut pts = Vec::new();
        for x in [lo.x, hi.x] {
            for y in [lo.y, hi.y] {
                for z in [lo.z, hi.z] {
                    pts.push(cam.pt(v3(x, y, z)));
                }
            }
        }
        let hull = hull(pts);
        self.fill(hull.clone(), fill);
        self.closed(hull, THIN, line);
    }
}

/// The convex hull of points, counter-clockwise (monotone chain).
pub fn hull(mut p: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    p.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    p.dedup();
    if p.len() < 3 {
        return p;
    }
    let cross = |o: (f32, f32), a: (f32, f32), b: (f32, f32)| {
        (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
    };
    let mut h: Vec<(f32, f32)> = Vec::new();
    for pass in 0..2 {
        let start = h.len();
        let iter: Box<dyn Iterator<Item = &(f32, f32)>> = if pass == 0 {
            Box::new(p.iter())
        } else {
            Box::new(p.iter().rev())
        };
        for &q in iter {
            while h.len() >= start + 2 && cross(h[h.len() - 2], h[h.len() - 1], q) <= 0.0 {
                h.pop();
            }
            h.push(q);
        }
        h.pop();
    }
    h
}
