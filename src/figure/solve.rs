//! Resting a pose on its supports: nothing floats, nothing sinks.
//!
//! Each pose is posed in 3D ([`super::body::build`]), then turned about the camera's axis until
//! it rests: an upright body (standing, kneeling) balances with its centre of mass over its
//! supports; a lying body rolls, like a rigid object on the floor, until the lowest points on
//! either side of its centre of mass touch (two supports, such as the upper back and the feet
//! of a bridge, come out of this); a lying body that lists two supports is first turned so both
//! touch their surfaces, at whatever heights (the hip thrust's back on a bench, its feet on the
//! floor), when that rest is stable and nothing else goes lower. Flat feet and hands then get the ankle or wrist angle that
//! lays them flat, a support with `solve` gets the joint angle that makes it touch, and the body
//! is lowered until its first support (its fixed point) touches, counting stroke thickness, the
//! trunk's outline and the head.

use super::body::{self, rz, Skel, V3};
use super::spec::*;

/// How far (H) a support may be from its surface and still count as touching: about 2 cm.
pub const TOUCH: f32 = 0.012;
/// Mat thickness (H).
pub const MAT: f32 = 0.01;

/// A pose rested on its supports.
#[derive(Debug, Clone)]
pub struct Posed {
    pub skel: Skel,
    pub angles: Angles,
    /// Per support: the gap between the point and its surface (H; + above it, - inside it).
    pub gaps: Vec<f32>,
    /// Supports that should lie flat but cannot: (support index, the angle they would need).
    pub not_flat: Vec<(usize, f32)>,
    /// The body would tip over: its centre of mass is outside its supports.
    pub tipped: bool,
    /// Lowest drawn point above the floor (H); negative when the body goes through it.
    pub lowest: f32,
}

/// The heights of the surfaces a figure's supports rest on.
#[derive(Debug, Clone)]
pub struct Env {
    pub floor: f32,
    /// Per prop: its surface height (H) above the floor, once known.
    pub heights: Vec<Option<f32>>,
}

impl Env {
    pub fn new(fig: &Figure) -> Env {
        let mat = fig.props.iter().any(|p| p.kind == PropKind::Mat);
        Env {
            floor: if mat { MAT } else { 0.0 },
            heights: fig
                .props
                .iter()
                .map(|p| p.height.or(p.kind.default_height()))
                .collect(),
        }
    }
    fn surface(&self, s: Surface) -> Option<f32> {
        match s {
            Surface::Floor => Some(self.floor),
            Surface::Prop(i) => self.heights[i],
        }
    }
}

fn r() -> f32 {
    body::LIMB_W / 2.0
}

/// The lowest point of a trunk level's cross-section.
fn level_low(l: &[V3; 3]) -> V3 {
    let (u, v) = (l[1] - l[0], l[2] - l[0]);
    let n = (u.y * u.y + v.y * v.y).sqrt();
    if n < 1e-9 {
        return l[0];
    }
    l[0] - u * (u.y / n) - v * (v.y / n)
}

fn lowest_of(pts: impl IntoIterator<Item = V3>) -> V3 {
    pts.into_iter()
        .fold(None, |m: Option<V3>, p| match m {
            Some(q) if q.y <= p.y => Some(q),
            _ => Some(p),
        })
        .unwrap_or_default()
}

fn down(p: V3, by: f32) -> V3 {
    p - body::v3(0.0, by, 0.0)
}

/// Where a body point touches what is under it (its lowest drawn point).
pub fn contact(k: &Skel, p: Point) -> V3 {
    let l = |s: Side| &k.limbs[s.index()];
    match p {
        Point::Head => down(k.head, body::HEAD_R),
        Point::Back => lowest_of(k.trunk[4..7].iter().map(level_low)),
        Point::Pelvis => lowest_of(k.trunk[..PELVIS_LEVELS_].iter().map(level_low)),
        Point::Shoulder(s) => down(l(s).shoulder, r()),
        Point::Elbow(s) => down(l(s).elbow, r()),
        Point::Hand(s) => down(lowest_of([l(s).wrist, l(s).knuckles]), r()),
        Point::Hip(s) => down(l(s).hip, r()),
        Point::Knee(s) => down(l(s).knee, r()),
        Point::Thigh(s) => down((l(s).hip + l(s).knee) * 0.5, r()),
        Point::Shin(s) => down((l(s).knee + l(s).ankle) * 0.5, r()),
        Point::Ankle(s) => down(l(s).ankle, r()),
        Point::Heel(s) => lowest_of(l(s).foot[2..6].iter().copied()),
        Point::Toes(s) => lowest_of(l(s).foot[6..10].iter().copied()),
        Point::Foot(s) => down(l(s).ankle, body::ANKLE_H),
        Point::Knees | Point::Ankles | Point::Hands | Point::Feet => {
            let f = |s| match p {
                Point::Knees => Point::Knee(s),
                Point::Ankles => Point::Ankle(s),
                Point::Hands => Point::Hand(s),
                _ => Point::Foot(s),
            };
            lowest_of([contact(k, f(Side::Left)), contact(k, f(Side::Right))])
        }
    }
}
const PELVIS_LEVELS_: usize = body::PELVIS_LEVELS;

/// Where a body point is (its middle), for props, bands and arrows.
pub fn locate(k: &Skel, p: Point) -> V3 {
    let l = |s: Side| &k.limbs[s.index()];
    let mid = |a: V3, b: V3| (a + b) * 0.5;
    match p {
        Point::Head => k.head,
        Point::Back => k.trunk[5][0],
        Point::Pelvis => k.pelvis,
        Point::Shoulder(s) => l(s).shoulder,
        Point::Elbow(s) => l(s).elbow,
        Point::Hand(s) => mid(l(s).wrist, l(s).knuckles),
        Point::Hip(s) => l(s).hip,
        Point::Knee(s) => l(s).knee,
        Point::Thigh(s) => mid(l(s).hip, l(s).knee),
        Point::Shin(s) => mid(l(s).knee, l(s).ankle),
        Point::Ankle(s) => l(s).ankle,
        Point::Heel(s) => mid(l(s).foot[2], l(s).foot[5]),
        Point::Toes(s) => mid(l(s).foot[6], l(s).foot[9]),
        Point::Foot(s) => mid(l(s).foot[4], l(s).foot[7]),
        Point::Knees => mid(
            locate(k, Point::Knee(Side::Left)),
            locate(k, Point::Knee(Side::Right)),
        ),
        Point::Ankles => mid(l(Side::Left).ankle, l(Side::Right).ankle),
        Point::Hands => mid(
            locate(k, Point::Hand(Side::Left)),
            locate(k, Point::Hand(Side::Right)),
        ),
        Point::Feet => mid(
            locate(k, Point::Foot(Side::Left)),
            locate(k, Point::Foot(Side::Right)),
        ),
    }
}

/// Every point that could touch the floor: head, trunk outline, joints, hands, feet.
pub fn candidates(k: &Skel) -> Vec<V3> {
    let mut v = vec![down(k.head, body::HEAD_R)];
    v.extend(k.trunk.iter().map(level_low));
    for l in &k.limbs {
        for p in [
            l.shoulder, l.elbow, l.wrist, l.knuckles, l.hip, l.knee, l.ankle,
        ] {
            v.push(down(p, r()));
        }
        v.extend(l.foot.iter().copied());
    }
    v
}

fn turn(p: V3, deg: f32) -> V3 {
    rz(deg).apply(p)
}

/// Roll a lying body until it rests: returns the turn (degrees, about the camera axis), or
/// `None` when it would tip over. `pts` are (point, surface height).
fn rest(pts: &[(V3, f32)], com: V3) -> Option<f32> {
    let mut th = 0.0f32;
    for _ in 0..12 {
        let q: Vec<(f32, f32)> = pts
            .iter()
            .map(|(p, h)| {
                let t = turn(*p, th);
                (t.x, t.y - h)
            })
            .collect();
        let c = turn(com, th);
        let min = q.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
        let touching = q.iter().filter(|p| p.1 <= min + 1e-4);
        let (lo, hi) = touching.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.0), hi.max(p.0))
        });
        if c.x >= lo - 1e-4 && c.x <= hi + 1e-4 {
            return Some(th);
        }
        let s = if c.x > hi { 1.0 } else { -1.0 };
        let ax = if s > 0.0 { hi } else { lo };
        let best = q
            .iter()
            .filter(|p| s * (p.0 - ax) > 1e-4)
            .map(|p| (p.1 - min).atan2(s * (p.0 - ax)))
            .fold(f32::INFINITY, f32::min);
        if !best.is_finite() {
            return None;
        }
        th -= s * best.to_degrees().max(1e-3);
        if th.abs() > 120.0 {
            return None;
        }
    }
    Some(th)
}

/// Turn a lying body so its first two listed supports both touch their surfaces, which may be
/// at different heights (the upper back on a bench and the feet on the floor of a hip thrust,
/// with the hips hanging low between them). `None` when the pose lists fewer than two, when its
/// centre of mass would not lie between them, or when another part of the body would then be
/// lower than its supports (the body would rest on that instead: [`rest`] finds where).
fn rest_on(env: &Env, pose: &Pose, k: &Skel) -> Option<f32> {
    let listed: Vec<(Point, f32)> = pose
        .supports
        .iter()
        .filter(|s| s.solve.is_none())
        .filter_map(|s| env.surface(s.on).map(|h| (s.point, h - env.floor)))
        .take(2)
        .collect();
    let [(pa, ha), (pb, hb)] = listed[..] else {
        return None;
    };
    let th = turn_to_touch(k, (pa, ha), (pb, hb))?;
    if th.abs() > 60.0 {
        return None;
    }
    let t = turned(k, th);
    let (a, b) = (contact(&t, pa), contact(&t, pb));
    let level = a.y - ha;
    if ((b.y - hb) - level).abs() > 1e-3 {
        return None;
    }
    let c = body::com(&t);
    if c.x < a.x.min(b.x) || c.x > a.x.max(b.x) {
        return None;
    }
    // A little give (about 1 cm): the head may rest on the floor beside the shoulders.
    if low_points(pose, &t).iter().any(|p| p.y < level - 0.005) {
        return None;
    }
    Some(th)
}

/// The skeleton `k` turned by `th` degrees.
fn turned(k: &Skel, th: f32) -> Skel {
    let mut t = *k;
    let r = rz(th);
    t.map(|p| r.apply(p));
    t
}

/// The turn (degrees) that brings two support points, each with the height of its surface,
/// to touch both; `None` when no turn can (the heights are further apart than the points).
fn turn_to_touch(k: &Skel, (pa, ha): (Point, f32), (pb, hb): (Point, f32)) -> Option<f32> {
    // The contacts move round the outline as the body turns: a few corrections converge.
    let mut th = 0.0f32;
    for _ in 0..6 {
        let t = turned(k, th);
        let d = contact(&t, pb) - contact(&t, pa);
        let len = (d.x * d.x + d.y * d.y).sqrt();
        if len < 1e-6 || ((hb - ha) / len).abs() > 1.0 {
            return None;
        }
        // Turning by dt moves d.y to len sin(phi + dt); it should become hb - ha.
        let phi = d.y.atan2(d.x);
        let want = ((hb - ha) / len).asin();
        let mut dt = want - phi;
        let alt = std::f32::consts::PI - want - phi;
        let wrap = |a: f32| {
            (a + std::f32::consts::PI).rem_euclid(std::f32::consts::TAU) - std::f32::consts::PI
        };
        dt = wrap(dt);
        if wrap(alt).abs() < dt.abs() {
            dt = wrap(alt);
        }
        th += dt.to_degrees();
        if dt.abs() < 1e-5 {
            break;
        }
    }
    Some(th)
}

/// The lowest points of each part of the turned body `t`, which must not lie below its
/// supports (the floor is under everything). Flat feet and hands are left out: they are laid
/// flat for this turn afterwards.
fn low_points(pose: &Pose, t: &Skel) -> Vec<V3> {
    let flat = |side: Side, hand: bool| {
        pose.supports.iter().any(|s| match s.point {
            Point::Foot(x) => !hand && x == side,
            Point::Hand(x) => hand && x == side,
            Point::Feet => !hand,
            Point::Hands => hand,
            _ => false,
        })
    };
    let mut low = vec![down(t.head, body::HEAD_R)];
    low.extend(t.trunk.iter().map(level_low));
    for side in [Side::Left, Side::Right] {
        let l = &t.limbs[side.index()];
        low.extend([l.shoulder, l.elbow, l.hip, l.knee, l.ankle].map(|p| down(p, r())));
        if !flat(side, true) {
            low.extend([l.wrist, l.knuckles].map(|p| down(p, r())));
        }
        if !flat(side, false) {
            low.extend(l.foot);
        }
    }
    low
}

/// The turn that puts an upright body's centre of mass over the middle of its supports.
fn balance(pts: &[V3], com: V3) -> f32 {
    if pts.is_empty() {
        return 0.0;
    }
    let m = pts.iter().fold(body::v3(0.0, 0.0, 0.0), |a, p| a + *p) * (1.0 / pts.len() as f32);
    let d = com - m;
    // Turning by th moves d.x to d.x cos th - d.y sin th; zero at tan th = d.x / d.y.
    d.x.atan2(d.y).to_degrees()
}

/// Rest a pose as the figure says, with `angles` (the pose's own, or a solve trial).
pub fn place(fig: &Figure, env: &Env, pose: &Pose, angles: &Angles) -> Posed {
    let mut a = *angles;
    let mut k = Skel::default();
    let mut tipped = false;
    let mut not_flat = Vec::new();
    for round in 0..3 {
        k = body::build(&a, pose.lie, fig.view, fig.near);
        let com = body::com(&k);
        let resting: Vec<(V3, f32)> = pose
            .supports
            .iter()
            .filter(|s| s.solve.is_none())
            .filter_map(|s| {
                env.surface(s.on)
                    .map(|h| (contact(&k, s.point), h - env.floor))
            })
            .collect();
        // A seated body and a body on a prop made to fit it keep their angle: the seat holds them.
        let placed =
            pose.lie == Lie::Sitting || pose.supports.iter().any(|s| env.surface(s.on).is_none());
        let th = if placed {
            0.0
        } else if pose.lie.upright() {
            // Balance over points that turn with the body: a flat foot's ankle, not its sole.
            let pts: Vec<V3> = pose
                .supports
                .iter()
                .filter(|s| s.solve.is_none())
                .map(|s| match s.point {
                    Point::Foot(side) => k.limbs[side.index()].ankle,
                    Point::Feet => locate(&k, Point::Ankles),
                    p => contact(&k, p),
                })
                .collect();
            balance(&pts, com)
        } else if let Some(t) = rest_on(env, pose, &k) {
            t
        } else {
            let mut pts: Vec<(V3, f32)> = candidates(&k).into_iter().map(|p| (p, 0.0)).collect();
            pts.extend(resting);
            match rest(&pts, com) {
                Some(t) => t,
                None => {
                    tipped = true;
                    0.0
                }
            }
        } + pose.tilt;
        let r = rz(th);
        k.map(|p| r.apply(p));
        if round < 2 {
            let before = a;
            not_flat = lay_flat(fig, pose, &mut a, th, &k);
            // Nothing to lay flat, or already flat: another round would build the same body.
            if a == before {
                break;
            }
        }
    }
    settle(env, pose, k, a, tipped, not_flat)
}

/// Lower the rested body onto its first support and measure every support's gap.
fn settle(
    env: &Env,
    pose: &Pose,
    mut k: Skel,
    angles: Angles,
    tipped: bool,
    not_flat: Vec<(usize, f32)>,
) -> Posed {
    let anchor = pose
        .supports
        .iter()
        .find(|s| s.solve.is_none() && env.surface(s.on).is_some());
    // The pose's own fixed point: the first support (solved or not), else the pelvis; `align`
    // then lines the start up with the end.
    let dx = match pose.supports.first() {
        Some(s) => -contact(&k, s.point).x,
        None => -k.pelvis.x,
    };
    // Upright: the first support stands on its surface. Lying: the lowest point (counting
    // each support's surface) touches, so a support that does not reach shows as a gap.
    let dy = match anchor {
        Some(s)
            if pose.lie.upright() || (pose.lie == Lie::Sitting && env.surface(s.on).is_some()) =>
        {
            env.surface(s.on).unwrap_or(0.0) - contact(&k, s.point).y
        }
        _ => {
            let mut low = candidates(&k)
                .iter()
                .map(|p| p.y - env.floor)
                .fold(f32::INFINITY, f32::min);
            for s in pose.supports.iter().filter(|s| s.solve.is_none()) {
                if let Some(h) = env.surface(s.on) {
                    low = low.min(contact(&k, s.point).y - h);
                }
            }
            -low
        }
    };
    k.map(|p| p + body::v3(dx, dy, 0.0));
    let gaps = pose
        .supports
        .iter()
        .map(|s| match env.surface(s.on) {
            Some(h) => contact(&k, s.point).y - h,
            None => 0.0,
        })
        .collect();
    let lowest = candidates(&k)
        .iter()
        .map(|p| p.y)
        .fold(f32::INFINITY, f32::min)
        - env.floor;
    Posed {
        skel: k,
        angles,
        gaps,
        not_flat,
        tipped,
        lowest,
    }
}

/// Set the ankle (wrist) of every flat foot (hand) support so its sole (palm) lies level, for a
/// body turned by `th`. Returns the supports that cannot lie flat within the joint's range.
/// `k` is the body built from `a` and turned by `th`.
fn lay_flat(fig: &Figure, pose: &Pose, a: &mut Angles, th: f32, k: &Skel) -> Vec<(usize, f32)> {
    let mut bad = Vec::new();
    let built = *a;
    for (i, s) in pose.supports.iter().enumerate() {
        let (sides, joint) = match s.point {
            Point::Foot(side) => (vec![side], ANKLE),
            Point::Hand(side) => (vec![side], WRIST),
            Point::Feet => (vec![Side::Left, Side::Right], ANKLE),
            Point::Hands => (vec![Side::Left, Side::Right], WRIST),
            _ => continue,
        };
        for side in sides {
            // The first joint set starts from `k`; after it the body has changed.
            let k = (*a == built).then_some(k);
            if let Some(need) = flatten(fig, pose, a, th, side, joint, k) {
                bad.push((i, need));
            }
        }
    }
    bad
}

/// Set one ankle (wrist) so the sole (palm) lies level; `Some(angle)` when that angle is out of
/// the joint's range (the joint is left at its limit). `built` is the body for `a` as it is,
/// turned by `th`, when the caller has it.
fn flatten(
    fig: &Figure,
    pose: &Pose,
    a: &mut Angles,
    th: f32,
    side: Side,
    joint: usize,
    built: Option<&Skel>,
) -> Option<f32> {
    {
        let slope_of = |k: &Skel| {
            let l = &k.limbs[side.index()];
            let d = if joint == ANKLE {
                l.foot[6] - l.foot[4]
            } else {
                l.knuckles - l.wrist
            };
            d.y.atan2((d.x * d.x + d.z * d.z).sqrt()).to_degrees()
        };
        let slope = |a: &Angles| {
            let mut k = body::build(a, pose.lie, fig.view, fig.near);
            let r = rz(th);
            k.map(|p| r.apply(p));
            slope_of(&k)
        };
        // Two secant steps: the slope is close to linear in the angle.
        let j = Joint::Side(side, joint);
        let mut x0 = j.get(a);
        let mut f0 = built.map_or_else(|| slope(a), slope_of);
        let mut x1 = x0 + 5.0;
        for _ in 0..3 {
            j.set(a, x1);
            let f1 = slope(a);
            if (f1 - f0).abs() < 1e-6 {
                break;
            }
            let x2 = x1 - f1 * (x1 - x0) / (f1 - f0);
            (x0, f0, x1) = (x1, f1, x2);
        }
        let (lo, hi) = j.range();
        j.set(a, x1.clamp(lo, hi));
        (x1 < lo - 0.5 || x1 > hi + 0.5).then_some(x1)
    }
}

/// Rest a pose, first solving every support that has `solve`: its joint angle is changed,
/// within the joint's range, until the support touches. Returns the rested pose; a support
/// that cannot be reached keeps a gap (see [`Posed::gaps`]).
pub fn solve(fig: &Figure, env: &Env, pose: &Pose) -> Posed {
    let mut a = pose.angles;
    for (i, s) in pose.supports.iter().enumerate() {
        let Some(j) = s.solve else { continue };
        let gap = |v: f32, a: &Angles| {
            let mut t = *a;
            j.set(&mut t, v);
            place(fig, env, pose, &t).gaps[i]
        };
        let (lo, hi) = j.range();
        let start = j.get(&a).clamp(lo, hi);
        let n = 24;
        let xs: Vec<f32> = (0..=n)
            .map(|k| lo + (hi - lo) * k as f32 / n as f32)
            .collect();
        // The sign change nearest the given angle: the grid's cells are tried nearest first
        // (the lower on a tie), each grid point placed once and only when a cell needs it.
        let mut gs: Vec<Option<f32>> = vec![None; n + 1];
        let at = |k: usize, gs: &mut Vec<Option<f32>>| *gs[k].get_or_insert_with(|| gap(xs[k], &a));
        let mid = |w: usize| ((xs[w] + xs[w + 1]) / 2.0 - start).abs();
        let mut cells: Vec<usize> = (0..n).collect();
        cells.sort_by(|&p, &q| mid(p).total_cmp(&mid(q)).then(p.cmp(&q)));
        let best = cells.into_iter().find_map(|w| {
            let (g0, g1) = (at(w, &mut gs), at(w + 1, &mut gs));
            ((g0 <= 0.0) != (g1 <= 0.0)).then_some((xs[w], xs[w + 1], g0))
        });
        let v = match best {
            Some((mut x0, mut x1, g0)) => {
                let g0 = g0 <= 0.0;
                for _ in 0..10 {
                    let m = (x0 + x1) / 2.0;
                    if (gap(m, &a) <= 0.0) == g0 {
                        x0 = m;
                    } else {
                        x1 = m;
                    }
                }
                (x0 + x1) / 2.0
            }
            // Unreachable: keep the angle that comes closest, so the gap is reported.
            None => (0..=n)
                .map(|k| (xs[k], at(k, &mut gs)))
                .min_by(|p, q| p.1.abs().total_cmp(&q.1.abs()))
                .map(|p| p.0)
                .unwrap_or(start),
        };
        j.set(&mut a, v);
    }
    place(fig, env, pose, &a)
}

/// Rest the figure's poses in order, deriving the height of any prop a pose rests on whose
/// height is not given (a chair or bench made to fit the body).
pub fn solve_all(fig: &Figure) -> (Env, Vec<Posed>) {
    let mut env = Env::new(fig);
    let mut out = Vec::new();
    for pose in std::iter::once(&fig.start).chain(fig.end.as_ref()) {
        let p = solve(fig, &env, pose);
        let mut derived = false;
        for (s, &g) in pose.supports.iter().zip(&p.gaps) {
            if let Surface::Prop(i) = s.on {
                if env.heights[i].is_none() {
                    env.heights[i] = Some(contact(&p.skel, s.point).y - g);
                    derived = true;
                }
            }
        }
        out.push(if derived { solve(fig, &env, pose) } else { p });
    }
    align(fig, &mut out);
    (env, out)
}

/// Put the start pose where the end pose's fixed point (its first support, else the pelvis) was
/// in it, so the ghost start and the end pose share the point that stays: the balls of the feet
/// of a calf raise, the standing foot of a leg swing, the pelvis of a curl-up that lifts the feet.
/// Each pose alone is placed by its own first support; without this, a start and an end that
/// name different first supports (or none) are drawn shifted against each other.
fn align(fig: &Figure, out: &mut [Posed]) {
    let (Some(end), [start, last]) = (&fig.end, out) else {
        return;
    };
    let at = |k: &Skel| match end.supports.first() {
        Some(s) => contact(k, s.point).x,
        None => k.pelvis.x,
    };
    let dx = at(&last.skel) - at(&start.skel);
    start.skel.map(|p| p + body::v3(dx, 0.0, 0.0));
}
