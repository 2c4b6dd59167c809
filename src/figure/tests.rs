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
    let h = super::sketch::hull(vec![
        (0.0, 0.0),
        (1.0, 0.0),
        (0.5, 0.5),
        (1.0, 1.0),
        (0.0, 1.0),
    ]);
    assert_eq!(h.len(), 4);
}

#[test]
fn the_ghost_start_pose_shares_the_end_poses_fixed_point() {
    // A calf raise names no support in its start pose and the balls of the feet in its end
    // pose: the toes must not slide between the two.
    let fig = figure("calf-raise");
    let (_, posed) = solve::solve_all(&fig);
    let toes = |p: &solve::Posed| contact(&p.skel, Point::Toes(Side::Left)).x;
    assert!(
        (toes(&posed[0]) - toes(&posed[1])).abs() < 1e-4,
        "toes at {} and {}",
        toes(&posed[0]),
        toes(&posed[1])
    );
    // The terminal knee extension pushes the knee back with the heel on the floor: the
    // working foot stays where it stood, and the knee moves back, away from the band's post.
    let fig = figure("terminal-knee-extension-band");
    let (_, posed) = solve::solve_all(&fig);
    let foot = |p: &solve::Posed| contact(&p.skel, Point::Foot(Side::Right)).x;
    assert!((foot(&posed[0]) - foot(&posed[1])).abs() < 1e-4);
    let knee = |p: &solve::Posed| p.skel.limbs[1].knee.x - foot(p);
    assert!(
        knee(&posed[1]) < knee(&posed[0]) - 0.01,
        "knee from {} to {} before the foot",
        knee(&posed[0]),
        knee(&posed[1])
    );
}

#[test]
fn a_band_round_both_knees_sits_on_the_thighs_just_above_them() {
    let fig = figure("clamshell-band");
    let (_, posed) = solve::solve_all(&fig);
    let band = fig.props.iter().find(|p| p.kind == PropKind::Band).unwrap();
    for p in &posed {
        let (a, b) = super::props::line_ends(&fig, p, p, band).unwrap();
        for (end, s) in [(a, Side::Left), (b, Side::Right)] {
            let l = &p.skel.limbs[s.index()];
            let up = (l.hip - l.knee).unit();
            let d = end - l.knee;
            // Along the thigh towards the hip, by ABOVE_KNEE, and not beside it.
            assert!(
                (d.dot(up) - super::props::ABOVE_KNEE).abs() < 1e-4,
                "{:?}: {}",
                s,
                d.dot(up)
            );
            assert!((d - up * d.dot(up)).len() < 1e-4);
        }
    }
    // A band behind one knee (to a post) stays at the knee.
    let fig = figure("terminal-knee-extension-band");
    let (_, posed) = solve::solve_all(&fig);
    let band = fig.props.iter().find(|p| p.kind == PropKind::Band).unwrap();
    let (a, _) = super::props::line_ends(&fig, &posed[1], &posed[1], band).unwrap();
    assert!((a - posed[1].skel.limbs[Side::Right.index()].knee).len() < 1e-6);
}

#[test]
fn a_band_tied_to_a_post_runs_to_the_same_post_from_the_pale_start() {
    // The table leg stands still while the foot swings: in the seated hip turn-out the pale
    // start's band and the dark end's band meet the post at the same point.
    let fig = figure("seated-hip-external-rotation-band");
    let (_, posed) = solve::solve_all(&fig);
    let band = fig.props.iter().find(|p| p.kind == PropKind::Band).unwrap();
    let main = &posed[1];
    let (_, start) = super::props::line_ends(&fig, &posed[0], main, band).unwrap();
    let (_, end) = super::props::line_ends(&fig, main, main, band).unwrap();
    assert!((start - end).len() < 1e-6, "post end {start:?} and {end:?}");
    // While the ankle the band is looped round moves.
    let ankle = |p: &solve::Posed| p.skel.limbs[Side::Right.index()].ankle;
    assert!((ankle(&posed[0]) - ankle(main)).len() > 0.02);
}

#[test]
fn a_leg_crossed_behind_the_other_is_drawn_first_in_a_front_view() {
    // The cross-over stretch: the right leg (the near side's) crosses behind the left.
    let fig = figure("itb-crossover-stretch");
    let (_, posed) = solve::solve_all(&fig);
    let cam = super::sketch::Camera::new(&fig);
    let k = &posed[0].skel;
    let order = super::draw::legs_back_to_front(&fig, &cam, k);
    assert_eq!(order, [Side::Right, Side::Left]);
    // And it does cross: seen from the front its foot is past the other foot.
    let x = |s: Side| cam.pt(k.limbs[s.index()].ankle).0;
    assert!(
        x(Side::Right) > x(Side::Left),
        "{} {}",
        x(Side::Right),
        x(Side::Left)
    );
    // From the side the near leg stays in front.
    let fig = figure("mini-squat");
    let (_, posed) = solve::solve_all(&fig);
    let cam = super::sketch::Camera::new(&fig);
    assert_eq!(
        super::draw::legs_back_to_front(&fig, &cam, &posed[1].skel),
        [Side::Left, Side::Right]
    );
}

/// Knee flexion of a rested pose's side, measured on the skeleton (degrees).
fn knee_of(p: &solve::Posed, s: Side) -> f32 {
    let l = &p.skel.limbs[s.index()];
    angle(l.knee - l.hip, l.ankle - l.knee)
}

#[test]
fn each_figure_bends_its_knees_as_its_steps_say() {
    use Side::{Left, Right};
    // (exercise, pose: 0 start / 1 end, side, lowest, highest), from the numbers in its steps.
    let table: &[(&str, usize, Side, f32, f32)] = &[
        ("single-leg-squat", 1, Right, 30.0, 45.0), // "about 30 to 45 degrees"
        ("terminal-knee-extension-band", 0, Right, 20.0, 30.0), // "about 20 to 30 degrees"
        ("terminal-knee-extension-band", 1, Right, 0.0, 5.0), // "until the leg is straight"
        ("askling-diver", 0, Right, 10.0, 20.0),    // "about 10 to 20 degrees ... throughout"
        ("askling-diver", 1, Right, 10.0, 20.0),
        ("askling-glider", 0, Right, 10.0, 20.0),
        ("askling-glider", 1, Right, 10.0, 20.0),
        ("clamshell", 0, Left, 85.0, 95.0), // "knees to about 90 degrees"
        ("clamshell", 0, Right, 85.0, 95.0),
        ("clamshell-band", 0, Right, 85.0, 95.0),
        ("glute-bridge", 0, Right, 85.0, 95.0),
        ("glute-bridge-band", 0, Right, 85.0, 95.0),
        ("glute-bridge-march", 0, Right, 85.0, 95.0),
        ("single-leg-bridge", 0, Left, 85.0, 95.0),
        ("hip-thrust", 1, Right, 85.0, 95.0),
        ("dead-bug", 0, Right, 85.0, 95.0),
        ("side-plank-knees", 0, Left, 85.0, 95.0),
        ("side-plank-clamshell", 0, Left, 85.0, 95.0),
        ("hip-flexor-stretch", 0, Right, 85.0, 95.0), // the front knee
        ("prone-hip-extension", 0, Right, 85.0, 95.0),
        ("prone-glute-squeeze", 0, Right, 85.0, 95.0),
        ("seated-hip-external-rotation-band", 0, Right, 85.0, 95.0),
        // The meniscus program's note: "only to a right angle, no further".
        ("quadriceps-stretch-prone", 0, Right, 60.0, 90.5),
    ];
    let lib = library();
    let mut wrong = Vec::new();
    for &(id, pose, side, lo, hi) in table {
        let fig = lib.exercises[id].figure.clone().expect("a figure");
        let (_, posed) = solve::solve_all(&fig);
        let k = knee_of(&posed[pose], side);
        if !(lo..=hi).contains(&k) {
            wrong.push(format!(
                "{id} pose {pose} {side:?} knee {k:.1} not in {lo}..{hi}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_hip_hike_drops_and_lifts_the_hanging_hip_by_a_few_centimetres() {
    // Stance on the left foot, the right leg hangs: "let the hip of the hanging leg drop a few
    // centimetres", then "until your pelvis is level or slightly higher on the hanging side".
    let fig = figure("hip-hike");
    let (_, posed) = solve::solve_all(&fig);
    let drop = |p: &solve::Posed| {
        let (l, r) = (&p.skel.limbs[0], &p.skel.limbs[1]);
        (l.hip.y - r.hip.y) * super::spec::H_CM
    };
    let (start, end) = (drop(&posed[0]), drop(&posed[1]));
    assert!(
        (2.5..=6.0).contains(&start),
        "start: hanging hip {start:.1} cm lower"
    );
    assert!(
        (-3.0..=0.0).contains(&end),
        "end: hanging hip {:.1} cm higher",
        -end
    );
}

#[test]
fn a_side_lying_figure_works_the_leg_its_steps_name() {
    // Lying on the side, the near side is on top. The top leg works in these...
    for id in [
        "clamshell",
        "clamshell-band",
        "side-lying-hip-abduction",
        "side-lying-hip-abduction-weighted",
        "side-plank-hip-abduction",
        "side-plank-clamshell",
        "copenhagen-short-lever",
        "copenhagen-long-lever",
    ] {
        let fig = figure(id);
        let (_, posed) = solve::solve_all(&fig);
        let k = &posed.last().unwrap().skel;
        assert_eq!(fig.accent, [Limb::Leg(fig.near)], "{id}");
        assert!(
            k.limbs[fig.near.index()].hip.y > k.limbs[fig.near.other().index()].hip.y,
            "{id}: the worked leg is not on top"
        );
    }
    // ... and the bottom leg in the inner-thigh lift ("your bottom leg ... is the leg you will work").
    let fig = figure("side-lying-hip-adduction");
    assert_eq!(fig.accent, [Limb::Leg(fig.near.other())]);
}

#[test]
fn the_hip_hikes_hanging_foot_is_past_the_steps_edge() {
    // "Put one foot on the step and let the other foot hang off the edge."
    let fig = figure("hip-hike");
    let (_, posed) = solve::solve_all(&fig);
    for p in &posed {
        // The step is drawn from where the standing foot rests on it (props::anchor).
        let on = solve::locate(&p.skel, Point::Foot(Side::Left));
        let (x0, x1) = super::props::step_span(&fig, p, on);
        let xs = |s: Side| p.skel.limbs[s.index()].foot.map(|q| q.x);
        assert!(
            xs(Side::Left).iter().all(|x| (x0..=x1).contains(x)),
            "standing foot {:?} not on the step {x0}..{x1}",
            xs(Side::Left)
        );
        assert!(
            xs(Side::Right).iter().all(|x| !(x0..=x1).contains(x)),
            "hanging foot {:?} over the step {x0}..{x1}",
            xs(Side::Right)
        );
    }
    // With the hip dropped, the hanging foot is below the step's top (18 cm).
    let low = posed[0].skel.limbs[Side::Right.index()]
        .foot
        .iter()
        .map(|q| q.y)
        .fold(f32::INFINITY, f32::min);
    assert!(low < 18.0 / super::spec::H_CM, "hanging foot at {low} H");
}

#[test]
fn the_hip_thrust_starts_with_the_hips_low_and_ends_level_with_vertical_shins() {
    let fig = figure("hip-thrust");
    let (env, posed) = solve::solve_all(&fig);
    let bench = env.heights[0].unwrap();
    for p in &posed {
        // Upper back on the bench, feet on the floor, in both poses.
        assert!((contact(&p.skel, Point::Back).y - bench).abs() < solve::TOUCH);
        for s in [Side::Left, Side::Right] {
            assert!(contact(&p.skel, Point::Foot(s)).y.abs() < solve::TOUCH);
        }
    }
    // Start: the buttocks hang low, under 12 cm from the floor but off it.
    let low = contact(&posed[0].skel, Point::Pelvis).y;
    assert!(low > 0.0 && low < 12.0 / 175.0, "buttocks at {low}");
    // End: shoulders, hips and knees in a line (as drawn, from the side), level, with the
    // shins vertical.
    let l = &posed[1].skel.limbs[1];
    let flat = |v: V3| super::body::v3(v.x, v.y, 0.0);
    let bend = angle(flat(l.hip - l.shoulder), flat(l.knee - l.hip));
    assert!(bend < 8.0, "shoulder-hip-knee bend {bend}");
    let d = l.knee - l.shoulder;
    assert!(d.y.atan2(d.x).to_degrees().abs() < 8.0, "{d:?}");
    let shin = angle(l.knee - l.ankle, super::body::v3(0.0, 1.0, 0.0));
    assert!(shin < 8.0, "shin {shin} degrees off vertical");
    assert!(contact(&posed[1].skel, Point::Pelvis).y > low + 0.1);
    // The feet stay where they are on the floor (the ghost is lined up on the upper back).
    let heel = |p: &solve::Posed| contact(&p.skel, Point::Heel(Side::Right)).x;
    let moved = heel(&posed[1]) - heel(&posed[0]);
    assert!(moved.abs() < 2.0 / 175.0, "the feet move {moved}");
}

#[test]
fn the_ball_of_the_hamstring_curl_rolls_in_under_the_heels_while_the_shoulders_stay() {
    let fig = figure("ball-hamstring-curl");
    let (env, posed) = solve::solve_all(&fig);
    let ball = env.heights[0].unwrap();
    let heel = |p: &solve::Posed| contact(&p.skel, Point::Heel(Side::Right));
    let back = |p: &solve::Posed| contact(&p.skel, Point::Back);
    for p in &posed {
        assert!(back(p).y.abs() < solve::TOUCH, "shoulders {:?}", back(p));
        assert!(
            (heel(p).y - ball).abs() < solve::TOUCH,
            "heel {:?}",
            heel(p)
        );
    }
    // The shoulders stay where they were; the heel (and the ball under it) comes in 20 cm or more.
    assert!((back(&posed[0]).x - back(&posed[1]).x).abs() < 0.01);
    let d0 = heel(&posed[0]).x - back(&posed[0]).x;
    let d1 = heel(&posed[1]).x - back(&posed[1]).x;
    assert!(d0 - d1 > 20.0 / 175.0, "heel from {d0} to {d1}");
    // Hips up at the end.
    assert!(contact(&posed[1].skel, Point::Pelvis).y > 0.1);
}

#[test]
fn sit_to_stand_crosses_the_forearms_over_the_chest() {
    let fig = figure("sit-to-stand");
    let (_, posed) = solve::solve_all(&fig);
    for p in &posed {
        let k = &p.skel;
        for l in &k.limbs {
            // The hand is past the middle of the body, on the other side from its shoulder...
            let side = l.shoulder.z - k.neck.z;
            assert!(
                (l.wrist.z - k.neck.z) * side < 0.0,
                "{:?}",
                (l.shoulder, l.wrist)
            );
            // ...with the forearm lying across the chest: more across than up or forward,
            // and the hand at chest height, in front of the trunk.
            let f = l.wrist - l.elbow;
            assert!(
                f.z.abs() > f.y.abs() && f.z.abs() > f.x.abs(),
                "forearm {f:?}"
            );
            assert!(
                l.wrist.y > k.trunk[4][0].y && l.wrist.y < k.neck.y,
                "{:?}",
                l.wrist
            );
        }
    }
    // Standing, the hands are in front of the chest, not inside it.
    let k = &posed[1].skel;
    for l in &k.limbs {
        assert!(
            l.wrist.x > k.trunk[5][1].x,
            "{:?} vs {:?}",
            l.wrist,
            k.trunk[5][1]
        );
    }
}

#[test]
fn a_remembered_drawing_is_the_figures_own_drawing() {
    let lib = library();
    let figures: Vec<&Figure> = lib
        .exercises
        .values()
        .filter_map(|e| e.figure.as_ref())
        .take(6)
        .collect();
    assert!(figures.len() == 6);
    for _ in 0..2 {
        for f in &figures {
            assert_eq!(super::draw_remembered(f), super::draw(f));
        }
    }
}

#[test]
fn the_plank_on_knees_rests_the_knees_on_the_folded_towel_its_steps_name() {
    // "Put a folded towel under your knees": both knees on the towel (4 cm), the elbows on the
    // floor, and the towel drawn where the knees are.
    let fig = figure("front-plank-knees");
    let towel = fig
        .props
        .iter()
        .position(|p| p.kind == PropKind::Pad)
        .expect("a folded towel");
    let (env, posed) = solve::solve_all(&fig);
    let h = env.heights[towel].unwrap();
    assert!((h * H_CM - 4.0).abs() < 0.01, "towel {:.1} cm", h * H_CM);
    let p = &posed[0].skel;
    for side in [Side::Left, Side::Right] {
        let knee = contact(p, Point::Knee(side));
        assert!((knee.y - h).abs() < solve::TOUCH, "{side:?} knee {knee:?}");
        let elbow = contact(p, Point::Elbow(side));
        assert!(elbow.y.abs() < solve::TOUCH, "{side:?} elbow {elbow:?}");
    }
}
