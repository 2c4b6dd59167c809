//! Motion arrows: an arc about the joint that turns (a leg lifting, a knee opening), or a
//! straight arrow beside a point that moves along a line (hips rising in a bridge); a straight
//! arrow between the two panels of a travelling exercise.

use super::sketch::{Camera, Ink, Sketch, THIN};
use super::solve::{locate, Posed};
use super::spec::*;

type P = (f32, f32);

fn sub(a: P, b: P) -> P {
    (a.0 - b.0, a.1 - b.1)
}
fn len(a: P) -> f32 {
    (a.0 * a.0 + a.1 * a.1).sqrt()
}

/// The body point the arrow follows: the figure's choice, or the one that moves most.
fn follow(fig: &Figure, cam: &Camera, a: &Posed, b: &Posed) -> Option<Point> {
    let moved = |p: Point| len(sub(cam.pt(locate(&b.skel, p)), cam.pt(locate(&a.skel, p))));
    let p = match fig.arrow {
        Arrow::None => return None,
        Arrow::Point(p) => p,
        Arrow::Auto => {
            let mut cands = vec![Point::Pelvis, Point::Head];
            for s in [Side::Left, Side::Right] {
                cands.extend([Point::Knee(s), Point::Ankle(s), Point::Hand(s)]);
            }
            // The hips and head first: when they move, the whole body moves with them.
            let weight = |p: Point| match p {
                Point::Pelvis | Point::Head => 1.5,
                _ => 1.0,
            };
            cands
                .into_iter()
                .max_by(|p, q| (weight(*p) * moved(*p)).total_cmp(&(weight(*q) * moved(*q))))?
        }
    };
    (moved(p) > 0.03).then_some(p)
}

/// The joint a point turns about, if it belongs to a limb.
fn pivot(p: Point, a: &Posed, b: &Posed) -> Option<Point> {
    match p {
        Point::Knee(s) | Point::Thigh(s) => Some(Point::Hip(s)),
        Point::Ankle(s) | Point::Foot(s) | Point::Heel(s) | Point::Toes(s) | Point::Shin(s) => {
            let knee = |x: &Posed| x.angles.side[s.index()][KNEE];
            if (knee(a) - knee(b)).abs() < 10.0 {
                Some(Point::Hip(s))
            } else {
                Some(Point::Knee(s))
            }
        }
        Point::Hand(s) | Point::Elbow(s) => Some(Point::Shoulder(s)),
        _ => None,
    }
}

/// The arrow for the movement from start pose `a` to end pose `b`.
pub fn motion(sk: &mut Sketch, fig: &Figure, cam: &Camera, a: &Posed, b: &Posed) {
    let Some(p) = follow(fig, cam, a, b) else {
        return;
    };
    let (p0, p1) = (cam.pt(locate(&a.skel, p)), cam.pt(locate(&b.skel, p)));
    if let Some(q) = pivot(p, a, b) {
        let (c0, c1) = (cam.pt(locate(&a.skel, q)), cam.pt(locate(&b.skel, q)));
        let (r0, r1) = (len(sub(p0, c1)), len(sub(p1, c1)));
        if len(sub(c0, c1)) < 0.03 && (r0 - r1).abs() < 0.25 * r0.max(r1) {
            arc(sk, c1, r0.max(r1) + 0.07, sub(p0, c1), sub(p1, c1));
            return;
        }
    }
    beside(sk, b, cam, p0, p1);
}

fn arc(sk: &mut Sketch, c: P, r: f32, d0: P, d1: P) {
    let a0 = d0.1.atan2(d0.0);
    let mut a1 = d1.1.atan2(d1.0);
    while a1 - a0 > std::f32::consts::PI {
        a1 -= std::f32::consts::TAU;
    }
    while a0 - a1 > std::f32::consts::PI {
        a1 += std::f32::consts::TAU;
    }
    let (a0, a1) = (a0 + (a1 - a0) * 0.08, a1 - (a1 - a0) * 0.02);
    let pts: Vec<P> = (0..=16)
        .map(|i| {
            let t = a0 + (a1 - a0) * i as f32 / 16.0;
            (c.0 + r * t.cos(), c.1 + r * t.sin())
        })
        .collect();
    head_on(sk, pts);
}

/// A straight arrow parallel to the motion, on the side of it farther from the body.
fn beside(sk: &mut Sketch, b: &Posed, cam: &Camera, p0: P, p1: P) {
    let d = sub(p1, p0);
    let l = len(d);
    let n = (-d.1 / l, d.0 / l);
    let body: Vec<P> = super::solve::candidates(&b.skel)
        .iter()
        .map(|p| cam.pt(*p))
        .collect();
    let clearance = |off: f32| {
        let m = (
            (p0.0 + p1.0) / 2.0 + n.0 * off,
            (p0.1 + p1.1) / 2.0 + n.1 * off,
        );
        body.iter()
            .map(|q| len(sub(*q, m)))
            .fold(f32::INFINITY, f32::min)
    };
    let off = if clearance(0.12) >= clearance(-0.12) {
        0.12
    } else {
        -0.12
    };
    let shift = |p: P, t: f32| (p.0 + n.0 * off + d.0 * t, p.1 + n.1 * off + d.1 * t);
    straight(sk, shift(p0, 0.1), shift(p1, 0.0));
}

/// A straight arrow from `a` to `b`.
pub fn straight(sk: &mut Sketch, a: P, b: P) {
    head_on(sk, vec![a, b]);
}

/// Stroke a path and put an arrowhead on its last point.
fn head_on(sk: &mut Sketch, mut pts: Vec<P>) {
    let n = pts.len();
    if n < 2 {
        return;
    }
    let tip = pts[n - 1];
    let d = sub(tip, pts[n - 2]);
    let l = len(d).max(1e-6);
    let u = (d.0 / l, d.1 / l);
    let size = 0.045;
    let base = (tip.0 - u.0 * size, tip.1 - u.1 * size);
    while pts.len() > 1 && len(sub(tip, pts[pts.len() - 1])) < size {
        pts.pop();
    }
    pts.push(base);
    sk.stroke(pts, THIN * 1.3, Ink::Accent);
    let w = size * 0.55;
    sk.fill(
        vec![
            tip,
            (base.0 - u.1 * w, base.1 + u.0 * w),
            (base.0 + u.1 * w, base.1 - u.0 * w),
        ],
        Ink::Accent,
    );
}
