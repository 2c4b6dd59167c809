//! Props, placed where the body uses them: a step under the foot that stands on it, a bench
//! under the knee that rests on it, a wall at the hand that leans on it, a band between the two
//! points it joins. Heights come from the figure or are derived from the pose resting on them.

use super::body::{self, v3, V3};
use super::sketch::{Camera, Ink, Sketch, THIN};
use super::solve::{self, locate, Env, Posed};
use super::spec::*;

const HAND_GAP: f32 = body::LIMB_W / 2.0;

/// The prop's surface anchor: where a support rests on it (preferring `main`), else its `at`.
fn anchor(fig: &Figure, posed: &[Posed], main: &Posed, i: usize) -> Option<V3> {
    let poses: Vec<&Pose> = std::iter::once(&fig.start)
        .chain(fig.end.as_ref())
        .collect();
    let mut found = None;
    for (pose, p) in poses.iter().zip(posed) {
        for s in &pose.supports {
            if s.on == Surface::Prop(i) {
                // Under both feet (or knees, hands): centred between them, at the lower.
                let c = solve::contact(&p.skel, s.point);
                let m = locate(&p.skel, s.point);
                if std::ptr::eq(p, main) || found.is_none() {
                    found = Some(v3(m.x, c.y, m.z));
                }
            }
        }
    }
    let prop = &fig.props[i];
    found
        .or_else(|| prop.at.map(|a| locate(&main.skel, a)))
        .map(|p| p + v3(prop.x, 0.0, 0.0))
}

/// Where the start pose rests on prop `i`, when it does and there is an end pose.
fn start_on(fig: &Figure, posed: &[Posed], i: usize) -> Option<V3> {
    fig.end.as_ref()?;
    let p = posed.first()?;
    let s = fig
        .start
        .supports
        .iter()
        .find(|s| s.on == Surface::Prop(i))?;
    Some(locate(&p.skel, s.point))
}

/// Which way is away from the body, along the drawing's horizontal.
fn away(main: &Posed, x: f32) -> f32 {
    if x >= main.skel.pelvis.x {
        1.0
    } else {
        -1.0
    }
}

fn boxed(sk: &mut Sketch, cam: &Camera, a: V3, b: V3) {
    let lo = v3(a.x.min(b.x), a.y.min(b.y), a.z.min(b.z));
    let hi = v3(a.x.max(b.x), a.y.max(b.y), a.z.max(b.z));
    sk.solid(cam, lo, hi, Ink::PropLight, Ink::Prop);
}

fn circle(c: (f32, f32), r: f32) -> Vec<(f32, f32)> {
    (0..40)
        .map(|i| {
            let t = i as f32 / 40.0 * std::f32::consts::TAU;
            (c.0 + r * t.cos(), c.1 + r * t.sin())
        })
        .collect()
}

fn ball(sk: &mut Sketch, c: (f32, f32), r: f32, ghost: bool) {
    sk.disc(c, r, if ghost { Ink::Ghost } else { Ink::PropLight });
    sk.closed(
        circle(c, r),
        THIN,
        if ghost { Ink::Ghost } else { Ink::Prop },
    );
}

/// Props behind the body: mat, wall, step, bench, chair, bike, balls under it, posts.
pub fn back(sk: &mut Sketch, fig: &Figure, env: &Env, cam: &Camera, posed: &[Posed], main: &Posed) {
    for (i, prop) in fig.props.iter().enumerate() {
        let h = env.heights[i].unwrap_or(0.0);
        let at = anchor(fig, posed, main, i);
        match (prop.kind, at) {
            (PropKind::Mat, _) => mat(sk, cam, posed),
            (PropKind::Wall, Some(a)) => {
                let d = away(main, a.x);
                let x = a.x + d * HAND_GAP;
                boxed(sk, cam, v3(x, 0.0, -0.3), v3(x + d * 0.03, 1.12, 0.3));
            }
            (PropKind::Step, Some(a)) => {
                let (x0, x1) = step_span(fig, main, a);
                boxed(sk, cam, v3(x0, 0.0, -0.16), v3(x1, h, 0.16))
            }
            (PropKind::Slider, Some(a)) => boxed(
                sk,
                cam,
                v3(a.x - 0.07, 0.0, -0.05),
                v3(a.x + 0.07, h.max(0.008), 0.05),
            ),
            // A folded towel or cushion under the knees (or a hip): across the body, about a
            // hand's width along it.
            (PropKind::Pad, Some(a)) => boxed(
                sk,
                cam,
                v3(a.x - 0.07, 0.0, -0.15),
                v3(a.x + 0.07, h.max(0.01), 0.15),
            ),
            (PropKind::Bench, Some(a)) => {
                // Leant on with the upper back (a hip thrust), its edge is at the shoulder
                // blades so the hips hang free in front of it.
                let edge = if rests(fig, i, Point::Back) {
                    0.02
                } else {
                    0.08
                };
                bench(sk, cam, main, a, h, edge)
            }
            (PropKind::Chair, Some(a)) => chair(sk, cam, fig, main, i, a, h),
            (PropKind::ExerciseBall, Some(a)) => {
                // A ball that rolls (the hamstring curl) is drawn pale where the start had it.
                if let Some(b) = start_on(fig, posed, i).filter(|b| (b.x - a.x).abs() > 0.02) {
                    ball(sk, cam.pt(v3(b.x, h / 2.0, b.z)), h / 2.0, true);
                }
                ball(sk, cam.pt(v3(a.x, h / 2.0, a.z)), h / 2.0, false)
            }
            (PropKind::BalanceBoard, Some(a)) => {
                boxed(
                    sk,
                    cam,
                    v3(a.x - 0.17, h - 0.015, a.z - 0.17),
                    v3(a.x + 0.17, h, a.z + 0.17),
                );
                let c = cam.pt(v3(a.x, h - 0.015, a.z));
                let r = (h - 0.015).max(0.01);
                let dome: Vec<(f32, f32)> = (0..=16)
                    .map(|k| {
                        let t = std::f32::consts::PI * (1.0 + k as f32 / 16.0);
                        (c.0 + 1.6 * r * t.cos(), c.1 + r * t.sin())
                    })
                    .collect();
                sk.fill(dome.clone(), Ink::PropLight);
                sk.stroke(dome, THIN, Ink::Prop);
            }
            (PropKind::Post, Some(a)) => boxed(
                sk,
                cam,
                v3(a.x, 0.0, a.z - 0.02),
                v3(a.x + 0.035, h, a.z + 0.02),
            ),
            (PropKind::Bike, _) => bike(sk, cam, main),
            (PropKind::Partner, Some(a)) => super::partner::draw(sk, cam, main, a),
            _ => {}
        }
    }
}

/// The step's extent along the drawing's horizontal, for a step whose surface anchor is `a`.
/// From the side the foot stands on it from heel to toes. From the front it reaches out from the
/// foot on it, away from the other foot, and ends just inside it, so the other foot hangs past
/// its edge (the hip hike); under both feet it reaches past each.
pub fn step_span(fig: &Figure, main: &Posed, a: V3) -> (f32, f32) {
    if fig.view == View::Front {
        let feet = locate(&main.skel, Point::Feet).x;
        if (a.x - feet).abs() < 0.02 {
            return (a.x - 0.2, a.x + 0.2);
        }
        let d = if a.x > feet { 1.0 } else { -1.0 };
        // The foot on it: the one nearer the anchor. The edge is just past its inner side.
        let foot = |s: Side| main.skel.limbs[s.index()].foot;
        let dist = |s: Side| (locate(&main.skel, Point::Foot(s)).x - a.x).abs();
        let on = if dist(Side::Left) <= dist(Side::Right) {
            Side::Left
        } else {
            Side::Right
        };
        let inner = foot(on)
            .iter()
            .map(|q| d * (q.x - a.x))
            .fold(0.0f32, f32::min);
        let (inner, outer) = (a.x + d * (inner - 0.005), a.x + d * 0.2);
        (inner.min(outer), inner.max(outer))
    } else {
        (a.x - 0.1, a.x + 0.12)
    }
}

fn mat(sk: &mut Sketch, cam: &Camera, posed: &[Posed]) {
    let xs = posed
        .iter()
        .flat_map(|p| solve::candidates(&p.skel))
        .map(|p| p.x);
    let (lo, hi) = xs.fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), x| {
        (a.min(x), b.max(x))
    });
    boxed(
        sk,
        cam,
        v3(lo - 0.05, 0.0, -0.15),
        v3(hi + 0.05, solve::MAT, 0.15),
    );
}

/// A bench or sofa seat: a top on two legs, reaching out from where the body rests on it.
/// Whether a support at `point` rests on prop `i`, in either pose.
fn rests(fig: &Figure, i: usize, point: Point) -> bool {
    std::iter::once(&fig.start)
        .chain(fig.end.as_ref())
        .flat_map(|p| &p.supports)
        .any(|s| s.on == Surface::Prop(i) && s.point == point)
}

fn bench(sk: &mut Sketch, cam: &Camera, main: &Posed, a: V3, h: f32, edge: f32) {
    let d = away(main, a.x);
    let (x0, x1) = (a.x - d * edge, a.x + d * 0.3);
    boxed(sk, cam, v3(x0, h - 0.03, -0.14), v3(x1, h, 0.14));
    for x in [x0 + d * 0.02, x1 - d * 0.045] {
        boxed(sk, cam, v3(x, 0.0, 0.1), v3(x + d * 0.025, h - 0.03, 0.125));
    }
}

/// A chair: sat on (seat under the pelvis, back behind it) or held (back under the hand).
fn chair(sk: &mut Sketch, cam: &Camera, fig: &Figure, main: &Posed, i: usize, a: V3, h: f32) {
    let seated = fig
        .start
        .supports
        .iter()
        .chain(fig.end.iter().flat_map(|e| e.supports.iter()))
        .any(|s| s.on == Surface::Prop(i));
    let (back_x, dir, seat) = if seated {
        let knees = locate(&main.skel, Point::Knees).x;
        let front = if knees >= a.x { 1.0 } else { -1.0 };
        (a.x - front * 0.13, front, h)
    } else {
        let d = away(main, a.x);
        (a.x + d * HAND_GAP, d, (a.y - 0.27).max(0.2))
    };
    let front_x = back_x + dir * 0.25;
    boxed(
        sk,
        cam,
        v3(back_x, seat - 0.03, -0.13),
        v3(front_x, seat, 0.13),
    );
    let back_top = if seated { seat + 0.28 } else { a.y - 0.01 };
    boxed(
        sk,
        cam,
        v3(back_x, seat, -0.13),
        v3(back_x + dir * 0.025, back_top, -0.1),
    );
    for x in [back_x, front_x - dir * 0.025] {
        boxed(
            sk,
            cam,
            v3(x, 0.0, 0.1),
            v3(x + dir * 0.025, seat - 0.03, 0.125),
        );
    }
}

/// An exercise bike: saddle under the pelvis, flywheel between the feet, bars at the hands.
fn bike(sk: &mut Sketch, cam: &Camera, main: &Posed) {
    let k = &main.skel;
    let seat = solve::contact(k, Point::Pelvis);
    let crank = (k.limbs[0].ankle + k.limbs[1].ankle) * 0.5;
    let crank = v3(crank.x, crank.y, 0.0);
    let hands = locate(k, Point::Hands);
    let base = |x: f32| cam.pt(v3(x, 0.01, 0.0));
    let ink = Ink::Prop;
    sk.stroke(vec![base(seat.x - 0.2), base(hands.x + 0.08)], 0.025, ink);
    sk.stroke(
        vec![
            base(seat.x - 0.04),
            cam.pt(v3(seat.x - 0.02, seat.y - 0.02, 0.0)),
            cam.pt(crank),
        ],
        0.025,
        ink,
    );
    sk.stroke(
        vec![
            base(hands.x + 0.02),
            cam.pt(v3(hands.x + 0.02, hands.y, 0.0)),
            cam.pt(hands),
        ],
        0.025,
        ink,
    );
    let s = cam.pt(v3(seat.x, seat.y - 0.012, 0.0));
    sk.stroke(vec![(s.0 - 0.06, s.1), (s.0 + 0.05, s.1)], 0.03, ink);
    ball(sk, cam.pt(crank), 0.09, false);
}

/// Props between the far limbs and the trunk: a ball between the knees.
pub fn between(sk: &mut Sketch, fig: &Figure, env: &Env, cam: &Camera, p: &Posed, ghost: bool) {
    for (i, prop) in fig.props.iter().enumerate() {
        if let (PropKind::Ball, Some(at)) = (prop.kind, prop.at) {
            let r = env.heights[i].unwrap_or(0.126) / 2.0;
            ball(sk, cam.pt(locate(&p.skel, at)), r, ghost);
        }
    }
}

/// One end of a band or strap in pose `p`. A post stands where it was put for the `main`
/// pose (the one drawn dark), so a pale start pose's band runs to the same post.
fn end(fig: &Figure, p: &Posed, main: &Posed, e: End, other: V3) -> V3 {
    match e {
        End::Body(pt) => locate(&p.skel, pt),
        End::Post => {
            // Where `back` draws the post (nothing rests on a post, so no pose but `main`
            // places it), tied at the middle of it and at the height of its `at` point.
            let post = fig.props.iter().position(|q| q.kind == PropKind::Post);
            let (at, h) = match post.map(|i| (anchor(fig, &[], main, i), &fig.props[i])) {
                Some((Some(a), q)) => (a + v3(0.0175, 0.0, 0.0), q.height.unwrap_or(0.34)),
                _ => (other + v3(0.3, 0.0, 0.0), 0.34),
            };
            v3(at.x, at.y.min(h - 0.01), at.z)
        }
    }
}

/// How far above the knee joint a band looped round both knees sits (H, about 6 cm): on the
/// thighs, just above the kneecaps, where the steps put it, never over the joint.
pub const ABOVE_KNEE: f32 = 0.035;

/// The two ends of a band or strap in the world. A band that joins the two knees is looped round
/// both legs, so it is drawn just above them; any other end is at its point (a band behind one
/// knee, round an ankle, to a post).
pub fn line_ends(fig: &Figure, p: &Posed, main: &Posed, prop: &Prop) -> Option<(V3, V3)> {
    let (a, b) = (prop.from?, prop.to?);
    let pa = end(fig, p, main, a, v3(0.0, 0.0, 0.0));
    let pb = end(fig, p, main, b, pa);
    let pa = end(fig, p, main, a, pb);
    let knee = |e: End| match e {
        End::Body(Point::Knee(s)) => Some(s),
        _ => None,
    };
    match (knee(a), knee(b)) {
        (Some(sa), Some(sb)) if sa != sb && prop.kind == PropKind::Band => {
            let up = |s: Side, q: V3| {
                let l = &p.skel.limbs[s.index()];
                q + (l.hip - l.knee).unit() * ABOVE_KNEE
            };
            Some((up(sa, pa), up(sb, pb)))
        }
        _ => Some((pa, pb)),
    }
}

/// Props in front of the body: bands, straps, ankle weights.
pub fn front(sk: &mut Sketch, fig: &Figure, cam: &Camera, p: &Posed, main: &Posed, ghost: bool) {
    for prop in &fig.props {
        match prop.kind {
            PropKind::Band | PropKind::Strap => {
                let Some((pa, pb)) = line_ends(fig, p, main, prop) else {
                    continue;
                };
                let ink = match (ghost, prop.kind) {
                    (true, _) => Ink::Ghost,
                    (false, PropKind::Band) => Ink::Accent,
                    _ => Ink::Prop,
                };
                let w = if prop.kind == PropKind::Band {
                    THIN * 1.3
                } else {
                    THIN * 1.6
                };
                sk.stroke(vec![cam.pt(pa), cam.pt(pb)], w, ink);
            }
            PropKind::AnkleWeight => {
                let s = prop.at.and_then(Point::side).unwrap_or(Side::Right);
                let l = &p.skel.limbs[s.index()];
                let u = (l.knee - l.ankle).unit();
                let seg = vec![cam.pt(l.ankle + u * 0.035), cam.pt(l.ankle + u * 0.085)];
                let ink = if ghost { Ink::Ghost } else { Ink::Prop };
                sk.stroke(seg, body::LIMB_W + 0.035, ink);
            }
            _ => {}
        }
    }
}
