//! Raw figure to checked [`Figure`], collecting every problem with its file:line:col and a hint:
//! unknown names (views, joints, body points, props, limbs) with "did you mean", joint angles
//! outside the human range, a missing start pose, supports that cannot be reached, feet that
//! cannot stand flat, bodies that would tip over or sink into the floor.

use super::raw::{RawAngles, RawFigure, RawPose, RawProp, RawSupport};
use super::solve::{self, TOUCH};
use super::spec::H_CM;
use super::spec::*;
use crate::diag::{suggest, Diagnostic};
use toml::Spanned;

struct Ctx<'a> {
    file: &'a str,
    source: &'a str,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn err<T>(&mut self, v: &Spanned<T>, msg: String, hint: String) {
        self.diags
            .push(Diagnostic::at(self.file, self.source, v.span(), msg).hint(hint));
    }
}

/// Check one `[exercise.figure]` table of `file` (whose text is `source`).
pub fn check(
    raw: &Spanned<RawFigure>,
    file: &str,
    source: &str,
) -> Result<Figure, Vec<Diagnostic>> {
    check_with(raw, file, source, true)
}

/// As [`check`]; `reach: false` skips proving that every support is reached (the costly part:
/// it rests each pose). The built-in figures skip it at run time, because a test proves it for
/// each of them (`every_builtin_figure_rests_on_its_supports`).
pub fn check_with(
    raw: &Spanned<RawFigure>,
    file: &str,
    source: &str,
    reach_supports: bool,
) -> Result<Figure, Vec<Diagnostic>> {
    let mut cx = Ctx {
        file,
        source,
        diags: Vec::new(),
    };
    let r = raw.get_ref();
    let fig = figure(&mut cx, raw, r);
    if let (Some(fig), true) = (&fig, cx.diags.is_empty() && reach_supports) {
        reach(&mut cx, fig, r);
    }
    match fig {
        Some(f) if cx.diags.is_empty() => Ok(f),
        _ => Err(cx.diags),
    }
}

/// The figure's poses, camera and marks, each checked; `None` without a start pose.
fn figure(cx: &mut Ctx, raw: &Spanned<RawFigure>, r: &RawFigure) -> Option<Figure> {
    let props: Vec<Prop> = r.props.iter().filter_map(|p| prop(cx, p)).collect();
    let kinds: Vec<&str> = r
        .props
        .iter()
        .map(|p| p.get_ref().kind.get_ref().as_str())
        .collect();
    let start_raw = match &r.start {
        Some(s) => s,
        None => {
            cx.err(
                raw,
                "the figure has no start pose".into(),
                "add [exercise.figure.start] with at least `body = \"standing\"` (or supine, side-lying, ...)".into(),
            );
            return None;
        }
    };
    let start = pose(cx, start_raw.get_ref(), None, &kinds);
    let end = r
        .end
        .as_ref()
        .map(|e| pose(cx, e.get_ref(), Some((start_raw.get_ref(), &start)), &kinds));
    let view = view(cx, r, start.lie);
    let near = near_side(cx, r);
    let turn = number(
        cx,
        r.turn.as_ref(),
        "turn",
        -60.0,
        60.0,
        "degrees of camera turn",
    );
    let raise = number(
        cx,
        r.raise.as_ref(),
        "raise",
        -30.0,
        60.0,
        "degrees the camera looks down",
    );
    let accent = accent(cx, r);
    let arrow = match &r.arrow {
        None => Arrow::Auto,
        Some(a) if a.get_ref() == "none" => Arrow::None,
        Some(a) => point(cx, a).map(Arrow::Point).unwrap_or(Arrow::Auto),
    };
    Some(Figure {
        view,
        flip: r.flip,
        near,
        turn,
        raise,
        accent,
        travel: r.travel,
        arrow,
        props,
        start,
        end,
    })
}

/// The view: `side` or `front`; without one, from the front for a body lying on its side and
/// from the side otherwise. A body on its back or front is never drawn from the front.
fn view(cx: &mut Ctx, r: &RawFigure, lie: Lie) -> View {
    let view = match &r.view {
        None if lie == Lie::SideLying => View::Front,
        None => View::Side,
        Some(v) => match v.get_ref().as_str() {
            "side" => View::Side,
            "front" => View::Front,
            other => {
                let h = suggest(other, ["side", "front"], "use `side` or `front`");
                cx.err(v, format!("unknown view `{other}`"), h);
                View::Side
            }
        },
    };
    if view == View::Front && matches!(lie, Lie::Supine | Lie::Prone | Lie::Quadruped) {
        if let Some(v) = &r.view {
            cx.err(
                v,
                "a lying figure on its back or front is drawn from the side".into(),
                "use view = \"side\" with raise = 20 to see both knees".into(),
            );
        }
    }
    view
}

/// The side nearer the camera: `left` or `right` (the right without one).
fn near_side(cx: &mut Ctx, r: &RawFigure) -> Side {
    match &r.near {
        None => Side::Right,
        Some(n) => Side::parse(n.get_ref()).unwrap_or_else(|| {
            let h = suggest(n.get_ref(), ["left", "right"], "use `left` or `right`");
            cx.err(n, format!("unknown side `{}`", n.get_ref()), h);
            Side::Right
        }),
    }
}

/// The limbs drawn in the accent colour, each a known limb name.
fn accent(cx: &mut Ctx, r: &RawFigure) -> Vec<Limb> {
    r.accent
        .iter()
        .filter_map(|a| {
            Limb::parse(a.get_ref()).or_else(|| {
                let names = ["left-arm", "right-arm", "left-leg", "right-leg"];
                let h = suggest(
                    a.get_ref(),
                    names,
                    "use left-arm, right-arm, left-leg or right-leg",
                );
                cx.err(a, format!("unknown limb `{}`", a.get_ref()), h);
                None
            })
        })
        .collect()
}

fn number(cx: &mut Ctx, v: Option<&Spanned<f64>>, key: &str, lo: f32, hi: f32, what: &str) -> f32 {
    let Some(v) = v else { return 0.0 };
    let x = *v.get_ref() as f32;
    if !(lo..=hi).contains(&x) {
        cx.err(
            v,
            format!("`{key}` = {x} is out of range"),
            format!("use {lo} to {hi} {what}"),
        );
        return x.clamp(lo, hi);
    }
    x
}

fn point(cx: &mut Ctx, s: &Spanned<String>) -> Option<Point> {
    Point::parse(s.get_ref()).or_else(|| {
        let names = Point::names();
        let h = suggest(
            s.get_ref(),
            names.iter().map(String::as_str),
            "use a body point such as `right-knee`, `left-foot`, `pelvis` or `back`",
        );
        cx.err(s, format!("unknown body point `{}`", s.get_ref()), h);
        None
    })
}

fn prop(cx: &mut Ctx, p: &Spanned<RawProp>) -> Option<Prop> {
    let r = p.get_ref();
    let Some(kind) = PropKind::parse(r.kind.get_ref()) else {
        let mut names: Vec<&str> = PROPS.iter().map(|(n, _)| *n).collect();
        names.push("towel");
        let h = suggest(
            r.kind.get_ref(),
            names.iter().copied(),
            &format!("use one of: {}", names.join(", ")),
        );
        cx.err(&r.kind, format!("unknown prop `{}`", r.kind.get_ref()), h);
        return None;
    };
    let height = r
        .height
        .as_ref()
        .map(|h| number(cx, Some(h), "height", 1.0, 200.0, "centimetres") / H_CM);
    let at = r.at.as_ref().and_then(|a| point(cx, a));
    let end = |cx: &mut Ctx, e: &Option<Spanned<String>>| match e {
        Some(s) if s.get_ref() == "post" => Some(End::Post),
        Some(s) => point(cx, s).map(End::Body),
        None => None,
    };
    let (from, to) = (end(cx, &r.from), end(cx, &r.to));
    if kind.is_line() && (r.from.is_none() || r.to.is_none()) {
        cx.err(
            &r.kind,
            format!("a {} needs `from` and `to`", r.kind.get_ref()),
            "name the two points it joins, e.g. from = \"left-knee\", to = \"right-knee\"".into(),
        );
    }
    let needs_at = matches!(
        kind,
        PropKind::Wall
            | PropKind::AnkleWeight
            | PropKind::Ball
            | PropKind::Post
            | PropKind::Partner
    );
    if needs_at && r.at.is_none() {
        cx.err(
            &r.kind,
            format!("a {} needs `at`", r.kind.get_ref()),
            "name the body point it is at, e.g. at = \"right-hand\"".into(),
        );
    }
    let x =
        r.x.as_ref()
            .map(|x| number(cx, Some(x), "x", -200.0, 200.0, "centimetres") / H_CM)
            .unwrap_or(0.0);
    Some(Prop {
        kind,
        height,
        at,
        x,
        from,
        to,
    })
}

/// The angles of one table into `side` (or both sides, or the trunk).
fn angles(cx: &mut Ctx, table: &RawAngles, specs: &[JointSpec], set: &mut dyn FnMut(usize, f32)) {
    for (k, v) in table {
        let name = k.get_ref();
        let Some(i) = specs.iter().position(|s| s.name == name) else {
            let names: Vec<&str> = specs.iter().map(|s| s.name).collect();
            let h = suggest(
                name,
                names.iter().copied(),
                &format!("use one of: {}", names.join(", ")),
            );
            cx.err(k, format!("unknown joint `{name}`"), h);
            continue;
        };
        let s = &specs[i];
        let x = *v.get_ref() as f32;
        if !(s.min..=s.max).contains(&x) {
            cx.err(
                v,
                format!("`{name}` = {x} is outside the human range"),
                format!(
                    "{name}: {}, from {} to {} degrees (AAOS 1965)",
                    s.meaning, s.min, s.max
                ),
            );
            continue;
        }
        set(i, x);
    }
}

fn pose(cx: &mut Ctx, r: &RawPose, base: Option<(&RawPose, &Pose)>, kinds: &[&str]) -> Pose {
    let lie = match (&r.body, base) {
        (Some(b), _) => LIES
            .iter()
            .find(|(n, _)| n == b.get_ref())
            .map(|(_, l)| *l)
            .unwrap_or_else(|| {
                let names: Vec<&str> = LIES.iter().map(|(n, _)| *n).collect();
                let h = suggest(
                    b.get_ref(),
                    names.iter().copied(),
                    &format!("use one of: {}", names.join(", ")),
                );
                cx.err(b, format!("unknown body position `{}`", b.get_ref()), h);
                Lie::Standing
            }),
        (None, Some((_, p))) => p.lie,
        (None, None) => Lie::Standing,
    };
    let mut a = match base {
        Some((_, p)) => p.angles,
        None => lie.defaults(),
    };
    angles(cx, &r.trunk, &TRUNK_JOINTS, &mut |i, x| a.trunk[i] = x);
    angles(cx, &r.both, &SIDE_JOINTS, &mut |i, x| {
        a.side[0][i] = x;
        a.side[1][i] = x;
    });
    angles(cx, &r.left, &SIDE_JOINTS, &mut |i, x| a.side[0][i] = x);
    angles(cx, &r.right, &SIDE_JOINTS, &mut |i, x| a.side[1][i] = x);
    let supports = match (&r.supports, base) {
        (Some(s), _) => s.iter().filter_map(|s| support(cx, s, kinds)).collect(),
        (None, Some((_, p))) => p.supports.clone(),
        (None, None) if lie == Lie::Standing => {
            vec![Point::Foot(Side::Left), Point::Foot(Side::Right)]
                .into_iter()
                .map(|point| Support {
                    point,
                    on: Surface::Floor,
                    solve: None,
                })
                .collect()
        }
        (None, None) => Vec::new(),
    };
    let tilt = match (&r.tilt, base) {
        (Some(t), _) => number(cx, Some(t), "tilt", -90.0, 90.0, "degrees"),
        (None, Some((_, p))) => p.tilt,
        (None, None) => 0.0,
    };
    Pose {
        lie,
        supports,
        tilt,
        angles: a,
    }
}

fn support(cx: &mut Ctx, s: &Spanned<RawSupport>, kinds: &[&str]) -> Option<Support> {
    let r = s.get_ref();
    let point = point(cx, &r.point)?;
    let on = match &r.on {
        None => Surface::Floor,
        Some(o) if o.get_ref() == "floor" || o.get_ref() == "mat" => Surface::Floor,
        Some(o) => {
            let name = o.get_ref().as_str();
            let kind = PropKind::parse(name);
            match kinds
                .iter()
                .position(|k| PropKind::parse(k) == kind && kind.is_some())
            {
                Some(i) if kind.is_some_and(PropKind::is_surface) => Surface::Prop(i),
                _ => {
                    let mut names: Vec<&str> = kinds
                        .iter()
                        .copied()
                        .filter(|k| PropKind::parse(k).is_some_and(PropKind::is_surface))
                        .collect();
                    names.push("floor");
                    let h = suggest(name, names.iter().copied(), &format!("add {{ kind = \"{name}\" }} to the figure's props, or rest it on one of: {}", names.join(", ")));
                    cx.err(
                        o,
                        format!(
                            "`{}` rests on `{name}`, which is not a surface prop of this figure",
                            r.point.get_ref()
                        ),
                        h,
                    );
                    return None;
                }
            }
        }
    };
    let solve = match &r.solve {
        None => None,
        Some(j) => Some(joint(cx, j)?),
    };
    Some(Support { point, on, solve })
}

/// `right.knee`, `both.hip`, `trunk.flexion`.
fn joint(cx: &mut Ctx, j: &Spanned<String>) -> Option<Joint> {
    let s = j.get_ref();
    let (who, name) = s.split_once('.').unwrap_or(("", s));
    let side_index = SIDE_JOINTS.iter().position(|x| x.name == name);
    let found = match who {
        "left" => side_index.map(|i| Joint::Side(Side::Left, i)),
        "right" => side_index.map(|i| Joint::Side(Side::Right, i)),
        "both" => side_index.map(Joint::Both),
        "trunk" => TRUNK_JOINTS
            .iter()
            .position(|x| x.name == name)
            .map(Joint::Trunk),
        _ => None,
    };
    if found.is_none() {
        let mut names = Vec::new();
        for who in ["left", "right", "both"] {
            names.extend(SIDE_JOINTS.iter().map(|x| format!("{who}.{}", x.name)));
        }
        names.extend(TRUNK_JOINTS.iter().map(|x| format!("trunk.{}", x.name)));
        let h = suggest(
            s,
            names.iter().map(String::as_str),
            "write side.joint, e.g. `right.knee` or `both.hip`",
        );
        cx.err(j, format!("unknown joint `{s}`"), h);
    }
    found
}

/// Rest every pose and report supports that are not reached, feet that cannot stand flat,
/// bodies that tip over or sink into the floor.
fn reach(cx: &mut Ctx, fig: &Figure, r: &RawFigure) {
    let (env, posed) = solve::solve_all(fig);
    let raws: Vec<&Spanned<RawPose>> = r.start.iter().chain(r.end.iter()).collect();
    let poses: Vec<&Pose> = std::iter::once(&fig.start)
        .chain(fig.end.as_ref())
        .collect();
    for (n, ((raw, pose), p)) in raws.iter().zip(&poses).zip(&posed).enumerate() {
        let which = if n == 0 { "start" } else { "end" };
        // The end pose's supports may be inherited: point at the start pose's then.
        let sup_raw = raw
            .get_ref()
            .supports
            .as_ref()
            .or(raws[0].get_ref().supports.as_ref());
        for (i, s) in pose.supports.iter().enumerate() {
            let at = |cx: &mut Ctx, msg: String, hint: String| match sup_raw.and_then(|v| v.get(i))
            {
                Some(sr) => cx.err(sr, msg, hint),
                None => cx.err(*raw, msg, hint),
            };
            let name = point_name(sup_raw, i);
            let surface = match s.on {
                Surface::Floor => "the floor".to_string(),
                Surface::Prop(k) => format!("the {}", prop_name(r, k)),
            };
            let gap = p.gaps[i];
            if gap.abs() > TOUCH {
                let cm = (gap.abs() * H_CM).round();
                let (msg, hint) = match s.solve {
                    Some(j) => {
                        let (lo, hi) = j.range();
                        (
                            format!("in the {which} pose `{name}` cannot reach {surface}: it misses by {cm} cm"),
                            format!("no angle of `{}` from {lo} to {hi} degrees reaches it; change the other angles{}", joint_name(j), surface_hint(s.on, &env)),
                        )
                    }
                    None => (
                        format!("in the {which} pose `{name}` does not reach {surface}: it is {cm} cm {}", if gap > 0.0 { "above it" } else { "below it" }),
                        "change the angles, or add solve = \"side.joint\" (e.g. \"right.knee\") to find the angle that reaches it".to_string(),
                    ),
                };
                at(cx, msg, hint);
            }
            // One problem per support: a foot that cannot reach is not also told to lie flat.
            if let Some((_, need)) = p
                .not_flat
                .iter()
                .find(|(k, _)| *k == i && gap.abs() <= TOUCH)
            {
                let (joint, lo, hi) = match s.point {
                    Point::Hand(_) => ("wrist", SIDE_JOINTS[WRIST].min, SIDE_JOINTS[WRIST].max),
                    _ => ("ankle", SIDE_JOINTS[ANKLE].min, SIDE_JOINTS[ANKLE].max),
                };
                at(
                    cx,
                    format!("in the {which} pose `{name}` cannot lie flat: its {joint} would need {} degrees", need.round()),
                    format!("the {joint} moves from {lo} to {hi} degrees; change the other angles, or rest on `{}` instead", name.replace("foot", "toes")),
                );
            }
        }
        if p.tipped {
            cx.err(
                *raw,
                format!("the {which} pose cannot rest on its supports: it would tip over"),
                "add a support on the side it falls to, or change the angles".into(),
            );
        } else if p.lowest < -TOUCH {
            cx.err(
                *raw,
                format!(
                    "the {which} pose goes {} cm into the floor",
                    (-p.lowest * H_CM).round()
                ),
                "change the angles, or list the supports it rests on (supports = [...])".into(),
            );
        }
    }
}

fn point_name(sup: Option<&Vec<Spanned<RawSupport>>>, i: usize) -> String {
    sup.and_then(|v| v.get(i))
        .map(|s| s.get_ref().point.get_ref().clone())
        .unwrap_or_else(|| {
            if i == 0 {
                "left-foot".into()
            } else {
                "right-foot".into()
            }
        })
}

fn prop_name(r: &RawFigure, k: usize) -> String {
    r.props
        .iter()
        .filter(|p| PropKind::parse(p.get_ref().kind.get_ref()).is_some())
        .nth(k)
        .map(|p| p.get_ref().kind.get_ref().clone())
        .unwrap_or_default()
}

fn joint_name(j: Joint) -> String {
    match j {
        Joint::Side(s, i) => format!(
            "{}.{}",
            if s == Side::Left { "left" } else { "right" },
            SIDE_JOINTS[i].name
        ),
        Joint::Both(i) => format!("both.{}", SIDE_JOINTS[i].name),
        Joint::Trunk(i) => format!("trunk.{}", TRUNK_JOINTS[i].name),
    }
}

fn surface_hint(on: Surface, env: &solve::Env) -> String {
    match on {
        Surface::Prop(i) => match env.heights[i] {
            Some(h) => format!(" or the height ({} cm)", (h * H_CM).round()),
            None => String::new(),
        },
        Surface::Floor => String::new(),
    }
}
