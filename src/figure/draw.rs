//! From rested poses to a drawing: the camera, the body's strokes and fills in depth order,
//! the ghost start pose or the second panel, the motion arrow, and the frame fitted to the
//! content.

use super::body::{self, v3, Skel};
use super::props;
use super::sketch::{hull, Camera, Drawing, Ink, Mark, Sketch, HALO, THIN, UNIT};
use super::solve::{self, Posed};
use super::spec::*;

/// How one body is inked.
#[derive(Clone, Copy)]
pub struct Inks {
    pub ghost: bool,
}

/// Draw one rested body (its far limbs, trunk and head, then its near limbs).
pub fn body_marks(
    out: &mut Sketch,
    fig: &Figure,
    cam: &Camera,
    k: &Skel,
    inks: Inks,
    between: &mut dyn FnMut(&mut Sketch),
) {
    let near = fig.near;
    let far = near.other();
    let ink = |limb: Limb, side: Side| {
        if inks.ghost {
            Ink::Ghost
        } else if fig.accent.contains(&limb) {
            Ink::Accent
        } else if side == near {
            Ink::Near
        } else {
            Ink::Far
        }
    };
    let trunk_ink = if inks.ghost { Ink::Ghost } else { Ink::Near };
    let [back, front] = legs_back_to_front(fig, cam, k);
    arm(out, cam, k, far, ink(Limb::Arm(far), far), false);
    leg(out, cam, k, back, ink(Limb::Leg(back), back), false);
    between(out);
    trunk(out, cam, k, trunk_ink);
    leg(out, cam, k, front, ink(Limb::Leg(front), front), true);
    arm(out, cam, k, near, ink(Limb::Arm(near), near), true);
}

/// The order the legs are drawn in, the one behind first. From the side the near leg is in
/// front. Seen from the front, an upright body's leg that steps or crosses behind the other
/// (the cross-over stretch, the skater's swinging leg) is further from the camera whichever its
/// side, so the legs go by depth: the mean depth of knee, ankle and foot.
pub fn legs_back_to_front(fig: &Figure, cam: &Camera, k: &Skel) -> [Side; 2] {
    let (near, far) = (fig.near, fig.near.other());
    if fig.view != View::Front || !fig.start.lie.upright() {
        return [far, near];
    }
    let depth = |s: Side| {
        let l = &k.limbs[s.index()];
        let pts = [l.knee, l.ankle, l.foot[FOOT_MID]];
        pts.iter().map(|p| cam.see(*p).2).sum::<f32>() / pts.len() as f32
    };
    // A margin, so legs side by side keep the usual order.
    if depth(near) < depth(far) - 0.02 {
        [near, far]
    } else {
        [far, near]
    }
}

/// A point of the foot for its depth: under the heel.
const FOOT_MID: usize = 2 * body::FOOT_HEEL;

fn arm(out: &mut Sketch, cam: &Camera, k: &Skel, s: Side, ink: Ink, halo: bool) {
    let l = &k.limbs[s.index()];
    let pts: Vec<(f32, f32)> = [l.shoulder, l.elbow, l.wrist]
        .iter()
        .map(|p| cam.pt(*p))
        .collect();
    let hand = vec![cam.pt(l.wrist), cam.pt(l.knuckles)];
    if halo {
        out.stroke(pts.clone(), body::LIMB_W + HALO, Ink::Paper);
        out.stroke(hand.clone(), body::LIMB_W * 0.9 + HALO, Ink::Paper);
    }
    out.stroke(pts, body::LIMB_W, ink);
    out.stroke(hand, body::LIMB_W * 0.9, ink);
}

fn leg(out: &mut Sketch, cam: &Camera, k: &Skel, s: Side, ink: Ink, halo: bool) {
    let l = &k.limbs[s.index()];
    let pts: Vec<(f32, f32)> = [l.hip, l.knee, l.ankle]
        .iter()
        .map(|p| cam.pt(*p))
        .collect();
    let foot = hull(l.foot.iter().map(|p| cam.pt(*p)).collect());
    if halo {
        out.stroke(pts.clone(), body::LIMB_W + HALO, Ink::Paper);
        out.closed(foot.clone(), HALO, Ink::Paper);
    }
    out.stroke(pts, body::LIMB_W, ink);
    out.fill(foot.clone(), ink);
    out.closed(foot, 0.012, ink);
}

/// The trunk as a smooth outline through its projected cross-sections, the neck and the head.
fn trunk(out: &mut Sketch, cam: &Camera, k: &Skel, ink: Ink) {
    let n = k.trunk.len();
    let c: Vec<(f32, f32)> = k.trunk.iter().map(|l| cam.pt(l[0])).collect();
    let mut left = Vec::new();
    let mut right = Vec::new();
    for i in 0..n {
        let (a, b) = (c[i.saturating_sub(1)], c[(i + 1).min(n - 1)]);
        let t = unit((b.0 - a.0, b.1 - a.1));
        let nrm = (-t.1, t.0);
        let u = sub(cam.pt(k.trunk[i][1]), c[i]);
        let v = sub(cam.pt(k.trunk[i][2]), c[i]);
        let w = (dot(u, nrm).powi(2) + dot(v, nrm).powi(2)).sqrt();
        left.push((c[i].0 + w * nrm.0, c[i].1 + w * nrm.1));
        right.push((c[i].0 - w * nrm.0, c[i].1 - w * nrm.1));
    }
    right.reverse();
    left.extend(right);
    let outline = chaikin(chaikin(left));
    out.stroke(vec![cam.pt(k.neck), cam.pt(k.head)], 0.045, ink);
    out.fill(outline.clone(), ink);
    out.closed(outline, 0.01, ink);
    out.disc(cam.pt(k.head), body::HEAD_R, ink);
}

fn sub(a: (f32, f32), b: (f32, f32)) -> (f32, f32) {
    (a.0 - b.0, a.1 - b.1)
}
fn dot(a: (f32, f32), b: (f32, f32)) -> f32 {
    a.0 * b.0 + a.1 * b.1
}
fn unit(a: (f32, f32)) -> (f32, f32) {
    let l = dot(a, a).sqrt();
    if l < 1e-9 {
        (0.0, 1.0)
    } else {
        (a.0 / l, a.1 / l)
    }
}

/// One round of Chaikin corner cutting on a closed polygon.
fn chaikin(p: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    let n = p.len();
    let mut out = Vec::with_capacity(2 * n);
    for i in 0..n {
        let (a, b) = (p[i], p[(i + 1) % n]);
        out.push((0.75 * a.0 + 0.25 * b.0, 0.75 * a.1 + 0.25 * b.1));
        out.push((0.25 * a.0 + 0.75 * b.0, 0.25 * a.1 + 0.75 * b.1));
    }
    out
}

/// Draw a checked figure.
pub fn draw(fig: &Figure) -> Drawing {
    let (env, posed) = solve::solve_all(fig);
    let cam = Camera::new(fig);
    let mut sk = Sketch::default();
    if fig.travel && posed.len() == 2 {
        panels(&mut sk, fig, &env, &cam, &posed);
    } else {
        let main = posed.last().expect("a start pose");
        props::back(&mut sk, fig, &env, &cam, &posed, main);
        if posed.len() == 2 {
            one_body(&mut sk, fig, &env, &cam, (&posed[0], main), true);
        }
        one_body(&mut sk, fig, &env, &cam, (main, main), false);
        if posed.len() == 2 {
            super::arrow::motion(&mut sk, fig, &cam, &posed[0], &posed[1]);
        }
    }
    fit(sk, fig, &cam, &posed)
}

/// One body with the props in front of it; `main` is the pose the props were placed for.
fn one_body(
    sk: &mut Sketch,
    fig: &Figure,
    env: &solve::Env,
    cam: &Camera,
    (p, main): (&Posed, &Posed),
    ghost: bool,
) {
    let mut between = |s: &mut Sketch| props::between(s, fig, env, cam, p, ghost);
    body_marks(sk, fig, cam, &p.skel, Inks { ghost }, &mut between);
    props::front(sk, fig, cam, p, main, ghost);
}

/// The start and end pose side by side, with an arrow between them.
fn panels(sk: &mut Sketch, fig: &Figure, env: &solve::Env, cam: &Camera, posed: &[Posed]) {
    let (_, x1) = extent(&{
        let mut s = Sketch::default();
        props::back(&mut s, fig, env, cam, posed, &posed[0]);
        one_body(&mut s, fig, env, cam, (&posed[0], &posed[0]), false);
        s
    });
    let mut second = Sketch::default();
    props::back(&mut second, fig, env, cam, posed, &posed[1]);
    one_body(&mut second, fig, env, cam, (&posed[1], &posed[1]), false);
    let (x0, _) = extent(&second);
    let shift = x1 - x0 + 0.3;
    props::back(sk, fig, env, cam, posed, &posed[0]);
    one_body(sk, fig, env, cam, (&posed[0], &posed[0]), false);
    for m in second.marks {
        sk.marks.push(shift_mark(m, shift, 0.0));
    }
    let y = 0.45 * body_top(cam, &posed[0].skel);
    super::arrow::straight(sk, (x1 + 0.06, y), (x1 + 0.24, y));
}

fn body_top(cam: &Camera, k: &Skel) -> f32 {
    solve::candidates(k)
        .iter()
        .chain(std::iter::once(&k.head))
        .map(|p| cam.pt(*p).1)
        .fold(0.0, f32::max)
}

fn shift_mark(m: Mark, dx: f32, dy: f32) -> Mark {
    let mv = |p: (f32, f32)| (p.0 + dx, p.1 + dy);
    match m {
        Mark::Stroke {
            points,
            width,
            ink,
            closed,
        } => Mark::Stroke {
            points: points.into_iter().map(mv).collect(),
            width,
            ink,
            closed,
        },
        Mark::Fill { points, ink } => Mark::Fill {
            points: points.into_iter().map(mv).collect(),
            ink,
        },
        Mark::Disc {
            centre,
            radius,
            ink,
        } => Mark::Disc {
            centre: mv(centre),
            radius,
            ink,
        },
    }
}

/// Left and right edges of everything drawn (strokes counted with their width).
fn extent(s: &Sketch) -> (f32, f32) {
    let b = bounds(&s.marks);
    (b.0, b.2)
}

/// (x0, y0, x1, y1) of marks, strokes counted with their width and discs with their radius.
pub fn bounds(marks: &[Mark]) -> (f32, f32, f32, f32) {
    let mut b = (
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    );
    let mut add = |p: (f32, f32), r: f32| {
        b.0 = b.0.min(p.0 - r);
        b.1 = b.1.min(p.1 - r);
        b.2 = b.2.max(p.0 + r);
        b.3 = b.3.max(p.1 + r);
    };
    for m in marks {
        match m {
            Mark::Stroke { points, width, .. } => points.iter().for_each(|p| add(*p, width / 2.0)),
            Mark::Fill { points, .. } => points.iter().for_each(|p| add(*p, 0.0)),
            Mark::Disc { centre, radius, .. } => add(*centre, *radius),
        }
    }
    b
}

/// Add the floor line, then move and scale everything into a frame that fits it, y down.
fn fit(mut sk: Sketch, fig: &Figure, cam: &Camera, posed: &[Posed]) -> Drawing {
    let b = bounds(&sk.marks);
    let near_z = posed
        .iter()
        .flat_map(|p| solve::candidates(&p.skel))
        .map(|p| p.z)
        .fold(f32::NEG_INFINITY, f32::max);
    let floor = cam.pt(v3(0.0, 0.0, near_z.max(0.0))).1;
    let pad = 0.06;
    // Seen from above, a mat is the floor: a line in front of it would float below the body.
    let mat = fig.props.iter().any(|p| p.kind == PropKind::Mat);
    if !(mat && fig.raise >= 15.0) {
        sk.marks.insert(
            0,
            Mark::Stroke {
                points: vec![
                    (b.0 - pad, floor - THIN / 2.0),
                    (b.2 + pad, floor - THIN / 2.0),
                ],
                width: THIN,
                ink: Ink::Floor,
                closed: false,
            },
        );
    }
    let b = bounds(&sk.marks);
    let m = 0.03;
    let (x0, y1) = (b.0 - m, b.3 + m);
    let marks = sk
        .marks
        .into_iter()
        .map(|mk| scale_mark(mk, |p| ((p.0 - x0) * UNIT, (y1 - p.1) * UNIT)))
        .collect();
    Drawing {
        width: (b.2 - b.0 + 2.0 * m) * UNIT,
        height: (b.3 - b.1 + 2.0 * m) * UNIT,
        marks,
    }
}

fn scale_mark(m: Mark, f: impl Fn((f32, f32)) -> (f32, f32)) -> Mark {
    match m {
        Mark::Stroke {
            points,
            width,
            ink,
            closed,
        } => Mark::Stroke {
            points: points.into_iter().map(&f).collect(),
            width: width * UNIT,
            ink,
            closed,
        },
        Mark::Fill { points, ink } => Mark::Fill {
            points: points.into_iter().map(&f).collect(),
            ink,
        },
        Mark::Disc {
            centre,
            radius,
            ink,
        } => Mark::Disc {
            centre: f(centre),
            radius: radius * UNIT,
            ink,
        },
    }
}

/// A polyline with the points dropped that lie within `tol` of the line through their
/// neighbours (Ramer-Douglas-Peucker). Renderers call it with the tolerance that one printed
/// hundredth of a millimetre is worth, so the shape on paper is unchanged while a smooth
/// outline of sixty points shrinks to a dozen. The first and last points are kept.
pub fn simplify(points: &[(f32, f32)], tol: f32) -> Vec<(f32, f32)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0usize, points.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (p, q) = (points[a], points[b]);
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let len = (dx * dx + dy * dy).sqrt();
        let dist = |r: (f32, f32)| {
            if len < 1e-9 {
                ((r.0 - p.0).powi(2) + (r.1 - p.1).powi(2)).sqrt()
            } else {
                ((r.0 - p.0) * dy - (r.1 - p.1) * dx).abs() / len
            }
        };
        let (far, d) = (a + 1..b)
            .map(|i| (i, dist(points[i])))
            .fold((a, -1.0f32), |m, x| if x.1 > m.1 { x } else { m });
        if d > tol {
            keep[far] = true;
            stack.push((a, far));
            stack.push((far, b));
        }
    }
    points
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(p, _)| *p)
        .collect()
}
