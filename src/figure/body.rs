//! The body in 3D: segment lengths, forward kinematics from joint angles, centre of mass.
//!
//! Lengths are fractions of standing height H (H = 1 here), from Winter DA, *Biomechanics and
//! Motor Control of Human Movement*, 4th ed. (2009), Fig. 4.1 after Drillis and Contini:
//! thigh 0.245, shank 0.246, upper arm 0.186, forearm 0.146, hand 0.108, foot 0.152, hip
//! (greater trochanter) 0.530 and shoulder 0.818 above the floor, so the trunk from hip to
//! shoulder is 0.288; ankle 0.039 above the floor. Joint centres sit inside the outer widths
//! Winter gives (shoulders 0.259, hips 0.191): shoulder joints at +-0.12, hip joints at +-0.08.
//! Segment masses and centres of mass are Dempster's, as tabulated by Winter (Table 4.1).
//!
//! Body frame: X forward (anterior), Y up (superior), Z to the body's right; origin at the
//! middle of the two hip joints. [`build`] poses the body in this frame, then turns it into the
//! world as the pose lies (`Lie`) and as the camera sees it (`View`): world X to the right of the
//! drawing, Y up, Z towards the camera.

use super::spec::*;

pub const THIGH: f32 = 0.245;
pub const SHANK: f32 = 0.246;
pub const UPPER_ARM: f32 = 0.186;
pub const FOREARM: f32 = 0.146;
/// Wrist to knuckles (Winter's hand, 0.108, reaches the fingertips).
pub const HAND: f32 = 0.075;
pub const TRUNK: f32 = 0.288;
pub const ANKLE_H: f32 = 0.039;
pub const HIP_HALF: f32 = 0.08;
pub const SHOULDER_HALF: f32 = 0.12;
/// Lumbar hinge above the hips: the trunk bends here.
pub const LUMBAR: f32 = 0.10;
pub const HEAD_R: f32 = 0.056;
/// Limb stroke width (one line weight, about 5% of H).
pub const LIMB_W: f32 = 0.05;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct V3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

pub const fn v3(x: f32, y: f32, z: f32) -> V3 {
    V3 { x, y, z }
}

impl std::ops::Add for V3 {
    type Output = V3;
    fn add(self, o: V3) -> V3 {
        v3(self.x + o.x, self.y + o.y, self.z + o.z)
    }
}
impl std::ops::Sub for V3 {
    type Output = V3;
    fn sub(self, o: V3) -> V3 {
        v3(self.x - o.x, self.y - o.y, self.z - o.z)
    }
}
impl std::ops::Mul<f32> for V3 {
    type Output = V3;
    fn mul(self, k: f32) -> V3 {
        v3(self.x * k, self.y * k, self.z * k)
    }
}

impl V3 {
    pub fn dot(self, o: V3) -> f32 {
        self.x * o.x + self.y * o.y + self.z * o.z
    }
    pub fn cross(self, o: V3) -> V3 {
        v3(
            self.y * o.z - self.z * o.y,
            self.z * o.x - self.x * o.z,
            self.x * o.y - self.y * o.x,
        )
    }
    pub fn len(self) -> f32 {
        self.dot(self).sqrt()
    }
    pub fn unit(self) -> V3 {
        let l = self.len();
        if l > 1e-9 {
            self * (1.0 / l)
        } else {
            self
        }
    }
}

/// A rotation, as the images of the X, Y and Z axes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct M3(pub [V3; 3]);

pub const I3: M3 = M3([v3(1.0, 0.0, 0.0), v3(0.0, 1.0, 0.0), v3(0.0, 0.0, 1.0)]);

impl M3 {
    pub fn apply(&self, p: V3) -> V3 {
        self.0[0] * p.x + self.0[1] * p.y + self.0[2] * p.z
    }
    pub fn then(&self, inner: &M3) -> M3 {
        M3([
            self.apply(inner.0[0]),
            self.apply(inner.0[1]),
            self.apply(inner.0[2]),
        ])
    }
}

fn sc(deg: f32) -> (f32, f32) {
    let r = deg.to_radians();
    (r.sin(), r.cos())
}
/// Rotation about X (Y towards Z).
pub fn rx(deg: f32) -> M3 {
    let (s, c) = sc(deg);
    M3([v3(1.0, 0.0, 0.0), v3(0.0, c, s), v3(0.0, -s, c)])
}
/// Rotation about Y (Z towards X).
pub fn ry(deg: f32) -> M3 {
    let (s, c) = sc(deg);
    M3([v3(c, 0.0, -s), v3(0.0, 1.0, 0.0), v3(s, 0.0, c)])
}
/// Rotation about Z (X towards Y).
pub fn rz(deg: f32) -> M3 {
    let (s, c) = sc(deg);
    M3([v3(c, s, 0.0), v3(-s, c, 0.0), v3(0.0, 0.0, 1.0)])
}
/// Rotation by `deg` about the unit axis `a` (Rodrigues).
pub fn rot_axis(a: V3, deg: f32, p: V3) -> V3 {
    let (s, c) = sc(deg);
    p * c + a.cross(p) * s + a * (a.dot(p) * (1.0 - c))
}

/// Trunk cross-sections, bottom to top: height above the hips, forward offset, half depth,
/// half width (H). Levels at or above the lumbar hinge bend with the chest.
pub const TRUNK_LEVELS: [(f32, f32, f32, f32); 8] = [
    (-0.07, -0.004, 0.03, 0.06),
    (-0.03, -0.008, 0.056, 0.09),
    (0.04, -0.004, 0.052, 0.085),
    (0.10, 0.0, 0.046, 0.074),
    (0.18, 0.005, 0.058, 0.088),
    (0.25, 0.0, 0.058, 0.102),
    (0.292, -0.006, 0.042, 0.108),
    (0.312, -0.006, 0.022, 0.05),
];
/// Levels below this index belong to the pelvis (buttocks, a sitting support).
pub const PELVIS_LEVELS: usize = 3;

/// Foot outline in the foot frame (origin at the ankle joint, X to the toes, Y up): heel top,
/// heel back, heel under, ball, toe tip, toe top, instep. Half widths follow.
const FOOT: [(f32, f32, f32); 7] = [
    (-0.035, 0.012, 0.02),
    (-0.056, -0.018, 0.022),
    (-0.042, -0.039, 0.022),
    (0.075, -0.039, 0.03),
    (0.102, -0.028, 0.026),
    (0.085, -0.01, 0.028),
    (0.02, 0.025, 0.025),
];
pub const FOOT_HEEL: usize = 2;
pub const FOOT_BALL: usize = 3;

/// One side's points.
#[derive(Debug, Clone, Copy, Default)]
pub struct Limbs {
    pub shoulder: V3,
    pub elbow: V3,
    pub wrist: V3,
    pub knuckles: V3,
    pub hip: V3,
    pub knee: V3,
    pub ankle: V3,
    /// `FOOT` points at the inner and outer edge (14).
    pub foot: [V3; 14],
}

/// The posed body: every point that is drawn or touches something.
#[derive(Debug, Clone, Copy, Default)]
pub struct Skel {
    /// Per level: centre, centre + forward half depth, centre + rightward half width.
    pub trunk: [[V3; 3]; 8],
    pub pelvis: V3,
    pub neck: V3,
    pub head: V3,
    /// A point in front of the face (head centre + the face direction).
    pub nose: V3,
    /// Left, right.
    pub limbs: [Limbs; 2],
}

impl Skel {
    /// Apply `f` to every point (any affine map: rotation, translation, mirror).
    pub fn map(&mut self, f: impl Fn(V3) -> V3) {
        for l in &mut self.trunk {
            for p in l {
                *p = f(*p);
            }
        }
        for p in [
            &mut self.pelvis,
            &mut self.neck,
            &mut self.head,
            &mut self.nose,
        ] {
            *p = f(*p);
        }
        for l in &mut self.limbs {
            for p in [
                &mut l.shoulder,
                &mut l.elbow,
                &mut l.wrist,
                &mut l.knuckles,
                &mut l.hip,
                &mut l.knee,
                &mut l.ankle,
            ] {
                *p = f(*p);
            }
            for p in &mut l.foot {
                *p = f(*p);
            }
        }
    }
}

/// The pose's frame in the world before it is rested: how the body lies and where the camera is.
pub fn lie_frame(lie: Lie, view: View) -> M3 {
    let base = match lie {
        // Head to the left, face up: anterior -> +Y, superior -> -X.
        Lie::Supine => rz(90.0),
        // Head to the right, face down.
        Lie::Prone | Lie::Quadruped => rz(-90.0),
        // Face towards the camera, head to the right, right side up.
        Lie::SideLying => rz(-90.0).then(&ry(-90.0)),
        _ => I3,
    };
    match (lie, view) {
        (Lie::SideLying, _) | (_, View::Side) => base,
        (_, View::Front) => ry(-90.0).then(&base),
    }
}

/// Pose the body from its angles, lying as `lie` says, seen as `view` says, with `near` the side
/// towards the camera (or on top, lying on the side).
pub fn build(a: &Angles, lie: Lie, view: View, near: Side) -> Skel {
    let mut k = Skel::default();
    let t = &a.trunk;
    let thorax = rz(-t[T_FLEX]).then(&rx(t[T_SIDE])).then(&ry(-t[T_ROT]));
    let lumbar = v3(0.0, LUMBAR, 0.0);
    for (i, &(y, x, d, w)) in TRUNK_LEVELS.iter().enumerate() {
        let (c, fr) = if i < PELVIS_LEVELS {
            (v3(x, y, 0.0), I3)
        } else {
            (lumbar + thorax.apply(v3(x, y - LUMBAR, 0.0)), thorax)
        };
        k.trunk[i] = [
            c,
            c + fr.apply(v3(d, 0.0, 0.0)),
            c + fr.apply(v3(0.0, 0.0, w)),
        ];
    }
    k.neck = lumbar + thorax.apply(v3(0.0, TRUNK - LUMBAR, 0.0));
    let head_fr = thorax.then(&rz(-t[T_NECK]));
    let pivot = k.neck + thorax.apply(v3(0.0, 0.025, 0.0));
    k.head = pivot + head_fr.apply(v3(0.012, 0.088, 0.0));
    k.nose = k.head + head_fr.apply(v3(HEAD_R + 0.012, -0.012, 0.0));
    for side in [Side::Left, Side::Right] {
        k.limbs[side.index()] = limb(&a.side[side.index()], side, &thorax, k.neck);
    }
    // Into the world: as the body lies, then the near side towards the camera.
    let r = lie_frame(lie, view);
    k.map(|p| r.apply(p));
    if near == Side::Left {
        let n = r.apply(v3(0.0, 0.0, 1.0));
        k.map(|p: V3| p - n * (2.0 * p.dot(n)));
    }
    k
}

fn limb(a: &SideAngles, side: Side, thorax: &M3, neck: V3) -> Limbs {
    let s = side.sign();
    let mut l = Limbs {
        shoulder: neck + thorax.apply(v3(-0.006, -0.02, s * SHOULDER_HALF)),
        hip: v3(0.0, 0.0, s * HIP_HALF),
        ..Limbs::default()
    };
    // Rotation turns the arm about its own length: a bent elbow's forearm swings in (internal,
    // arms crossed over the chest) or out.
    let arm = thorax
        .then(&rz(a[SHOULDER]))
        .then(&rx(-s * a[SHOULDER_ABD]))
        .then(&ry(-s * a[SHOULDER_ROT]));
    l.elbow = l.shoulder + arm.apply(v3(0.0, -UPPER_ARM, 0.0));
    let fore = arm.then(&rz(a[ELBOW]));
    l.wrist = l.elbow + fore.apply(v3(0.0, -FOREARM, 0.0));
    let hand = fore.then(&rz(-a[WRIST]));
    l.knuckles = l.wrist + hand.apply(v3(0.0, -HAND, 0.0));
    let thigh = rz(a[HIP])
        .then(&rx(-s * a[HIP_ABD]))
        .then(&ry(-s * a[HIP_ROT]));
    l.knee = l.hip + thigh.apply(v3(0.0, -THIGH, 0.0));
    let shank = thigh.then(&rz(-a[KNEE]));
    l.ankle = l.knee + shank.apply(v3(0.0, -SHANK, 0.0));
    let foot = shank.then(&rz(a[ANKLE]));
    for (i, &(x, y, w)) in FOOT.iter().enumerate() {
        l.foot[2 * i] = l.ankle + foot.apply(v3(x, y, -w));
        l.foot[2 * i + 1] = l.ankle + foot.apply(v3(x, y, w));
    }
    if a[OPEN] != 0.0 {
        open_leg(&mut l, a[OPEN], s);
    }
    l
}

/// The clamshell: turn the knee, ankle and foot about the hip-to-ankle line, so the knee rises
/// to the side while the foot stays put.
fn open_leg(l: &mut Limbs, deg: f32, s: f32) {
    let axis = (l.ankle - l.hip).unit();
    let hip = l.hip;
    let turn = |p: V3, d: f32| hip + rot_axis(axis, d, p - hip);
    let d = if (turn(l.knee, deg) - l.knee).z * s >= 0.0 {
        deg
    } else {
        -deg
    };
    l.knee = turn(l.knee, d);
    l.ankle = turn(l.ankle, d);
    for p in &mut l.foot {
        *p = turn(*p, d);
    }
}

/// Centre of mass (Dempster's segment masses and centres, after Winter Table 4.1).
pub fn com(k: &Skel) -> V3 {
    let mut sum = v3(0.0, 0.0, 0.0);
    let mut add = |p: V3, m: f32| sum = sum + p * m;
    add(k.head, 0.081);
    add(k.pelvis + (k.neck - k.pelvis) * 0.5, 0.497);
    for l in &k.limbs {
        add(l.shoulder + (l.elbow - l.shoulder) * 0.436, 0.028);
        add(l.elbow + (l.wrist - l.elbow) * 0.43, 0.016);
        add(l.wrist + (l.knuckles - l.wrist) * 0.5, 0.006);
        add(l.hip + (l.knee - l.hip) * 0.433, 0.100);
        add(l.knee + (l.ankle - l.knee) * 0.433, 0.0465);
        add((l.foot[2] + l.foot[7]) * 0.5, 0.0145);
    }
    sum
}
