//! The kinematics in numbers, and every built-in figure checked and drawn.

use super::body::V3;
use super::draw::bounds;
use super::solve::{self, contact};
use super::spec::*;
use crate::model::Library;

fn library() -> Library {
    let v = crate::validate::validate(crate::load::parse_all(crate::load::builtin_sources()));
    assert!(v.diagnostics.is_empty(), "{:?}", v.diagnostics);
    v.catalog.library
}

fn figure(id: &str) -> Figure {
    library().exercises[id].figure.clone().expect("a figure")
}

fn angle(a: V3, b: V3) -> f32 {
    (a.dot(b) / (a.len() * b.len()))
        .clamp(-1.0, 1.0)
        .acos()
        .to_degrees()
}

#[test]
fn mini_squat_end_pose_bends_the_knees_45_to_60_degrees() {
    let fig = figure("mini-squat");
    let (_, posed) = solve::solve_all(&fig);
    let end = &posed[1].skel;
    for l in &end.limbs {
        let knee = angle(l.knee - l.hip, l.ankle - l.knee);
        assert!((knee - 55.0).abs() < 0.5, "knee flexion {knee}");
    }
    // The start pose stands straight.
    let l = &posed[0].skel.limbs[1];
    assert!(angle(l.knee - l.hip, l.ankle - l.knee) < 0.5);
}

#[test]
fn a_standing_pose_rests_both_flat_feet_on_the_floor() {
    let fig = figure("mini-squat");
    let (_, posed) = solve::solve_all(&fig);
    for p in &posed {
        let lowest = solve::candidates(&p.skel)
            .iter()
            .map(|q| q.y)
            .fold(f32::INFINITY, f32::min);
        assert!(lowest.abs() < 1e-4, "lowest point {lowest}");
        for s in [Side::Left, Side::Right] {
            let foot = &p.skel.limbs[s.index()].foot;
            // Heel and ball (inner edge) both on the floor: the foot is flat.
            assert!(
                foot[4].y.abs() < 2e-3 && foot[6].y.abs() < 2e-3,
                "{:?}",
                (foot[4], foot[6])
            );
            assert!(contact(&p.skel, Point::Foot(s)).y.abs() < 1e-3);
        }
    }
}

#[test]
fn the_centre_of_mass_of_a_standing_pose_is_over_its_feet() {
    let fig = figure("mini-squat");
    let (_, posed) = solve::solve_all(&fig);
    for p in &posed {
        let c = super::body::com(&p.skel);
        let ankle = p.skel.limbs[1].ankle;
        assert!((c.x - ankle.x).abs() < 0.01, "{} vs {}", c.x, ankle.x);
    }
}

#[test]
fn every_builtin_exercise_has_a_figure_that_fits_its_drawing() {
    let lib = library();
    let mut missing = Vec::new();
    for (id, ex) in &lib.exercises {
        let Some(fig) = &ex.figure else {
            missing.push(id.as_str());
            continue;
        };
        let d = super::draw(fig);
        let (x0, y0, x1, y1) = bounds(&d.marks);
        let eps = 1e-3;
        assert!(
            x0 >= -eps && y0 >= -eps && x1 <= d.width + eps && y1 <= d.height + eps,
            "{id}: marks {:?} outside {} x {}",
            (x0, y0, x1, y1),
            d.width,
            d.height
        );
        assert!(
            d.width > 10.0 && d.height > 10.0,
            "{id}: {} x {}",
            d.width,
            d.height
        );
        assert!(super::svg(&d, [0x1f, 0x6f, 0x8b]).starts_with("<svg"));
    }
    let allowed: &[&str] = &MISSING;
    assert_eq!(missing, allowed, "exercises without a figure");
}

/// Exercises still without a figure (none when the content is complete).
const MISSING: [&str; 0] = [];

#[test]
fn every_builtin_figure_rests_on_its_supports() {
    for (id, ex) in &library().exercises {
        let Some(fig) = &ex.figure else { continue };
        let (_, posed) = solve::solve_all(fig);
        for p in &posed {
            assert!(!p.tipped, "{id}");
            assert!(p.lowest > -solve::TOUCH, "{id}: {}", p.lowest);
            for g in &p.gaps {
                assert!(g.abs() <= solve::TOUCH, "{id}: gap {g}");
            }
        }
    }
}

#[test]
fn the_hull_of_a_square_is_its_corners() {
    let h = super::draw::hull(vec![
        (0.0, 0.0),
        (1.0, 0.0),
        (0.5, 0.5),
        (1.0, 1.0),
        (0.0, 1.0),
    ]);
    assert_eq!(h.len(), 4);
}
