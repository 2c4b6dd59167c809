//! A partner's support (the Copenhagen exercise with a partner): a second, pale person who
//! stands beside the patient, bends forward as far as needed, and holds the given point.

use super::body::{self, v3, V3};
use super::sketch::{Camera, Ink, Sketch};
use super::solve::Posed;
use super::spec::{Angles, Lie, Side, View, T_FLEX};

/// Arm reach from the shoulder to the middle of the hand.
const REACH: f32 = body::UPPER_ARM + body::FOREARM + 0.03;

/// Draw the partner holding the point `at` (world), standing on the side away from the body.
pub fn draw(sk: &mut Sketch, cam: &Camera, main: &Posed, at: V3) {
    let d = if at.x >= main.skel.pelvis.x {
        1.0
    } else {
        -1.0
    };
    let foot_x = at.x + d * 0.3;
    let mut a = Angles::default();
    a.side[0][super::spec::KNEE] = 15.0;
    a.side[1][super::spec::KNEE] = 15.0;
    let mut k = body::build(&a, Lie::Standing, View::Side, Side::Right);
    for flex in (0..=90).step_by(10) {
        a.trunk[T_FLEX] = flex as f32;
        k = body::build(&a, Lie::Standing, View::Side, Side::Right);
        let shoulder = place(k.limbs[1].shoulder, foot_x, -d);
        if (shoulder - at).len() <= REACH * 0.95 {
            break;
        }
    }
    k.map(|p| place(p, foot_x, -d));
    let ink = Ink::PropLight;
    let w = body::LIMB_W;
    for l in &k.limbs {
        sk.stroke(vec![cam.pt(l.hip), cam.pt(l.knee), cam.pt(l.ankle)], w, ink);
        sk.stroke(vec![cam.pt(l.ankle), cam.pt(l.foot[7])], w * 0.8, ink);
    }
    sk.stroke(vec![cam.pt(k.pelvis), cam.pt(k.neck)], 0.15, ink);
    sk.disc(cam.pt(k.head), body::HEAD_R, ink);
    for l in &k.limbs {
        let elbow = elbow(l.shoulder, at, d);
        sk.stroke(vec![cam.pt(l.shoulder), cam.pt(elbow), cam.pt(at)], w, ink);
    }
}

/// Stand the skeleton's feet at `x`, facing direction `face` (+1 right, -1 left).
fn place(p: V3, x: f32, face: f32) -> V3 {
    let ground = body::THIGH + body::SHANK + body::ANKLE_H;
    v3(x + face * p.x, p.y + ground, p.z)
}

/// The elbow of a two-segment arm from shoulder `s` to hand `t`, bending downwards.
fn elbow(s: V3, t: V3, d: f32) -> V3 {
    let (l1, l2) = (body::UPPER_ARM, REACH - body::UPPER_ARM);
    let v = t - s;
    let dist = v.len().clamp(0.05, l1 + l2 - 1e-3);
    let u = v.unit();
    // Distance along the shoulder-hand line to the elbow's foot, and the elbow's offset from it.
    let along = (l1 * l1 - l2 * l2 + dist * dist) / (2.0 * dist);
    let off = (l1 * l1 - along * along).max(0.0).sqrt();
    let n = v3(u.y * d, -u.x * d, 0.0);
    let n = if n.y > 0.0 { n * -1.0 } else { n };
    s + u * along + n * off
}
