//! The exercise library's schema: an exercise's keys, and its `[exercise.figure]` (its poses,
//! their supports, and the props; docs/figures.md).

use super::{file, id, obj, tables, text, texts};
use crate::figure::spec::{JointSpec, Point, LIES, PROPS, SIDE_JOINTS, TRUNK_JOINTS};
use crate::model::{Category, DoseKind, Position, EQUIPMENT};
use serde_json::{json, Value};

pub(super) fn exercises() -> Value {
    let s = obj(vec![("exercise", tables(exercise()))], &["exercise"]);
    file(s, "rehabplan exercise library")
}

/// One `[[exercise]]`.
fn exercise() -> Value {
    let cats: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    let pos: Vec<&str> = Position::ALL.iter().map(|c| c.as_str()).collect();
    let kinds: Vec<&str> = DoseKind::ALL.iter().map(|c| c.as_str()).collect();
    let mut equipment: Vec<&str> = EQUIPMENT.to_vec();
    equipment.push("none");
    obj(
        vec![
            ("id", id("Unique exercise id.")),
            ("name", text("Printed name.")),
            ("category", json!({ "enum": cats })),
            ("muscles", texts("Target muscles.")),
            (
                "equipment",
                json!({ "type": "array", "items": { "enum": equipment }, "description": "[] for none." }),
            ),
            (
                "position",
                json!({ "enum": pos, "description": "The printout groups by position." }),
            ),
            (
                "dose",
                json!({ "enum": kinds, "description": "What the dose counts." }),
            ),
            ("per_side", json!({ "type": "boolean" })),
            ("instructions", texts("Steps, one string each.")),
            ("cues", texts("Key cues.")),
            ("mistakes", texts("Common mistakes.")),
            ("easier", ids("Regressions, by id.")),
            ("harder", ids("Progressions, by id.")),
            (
                "contraindicated",
                ids("Cause ids it must never be scheduled for."),
            ),
            (
                "caution",
                ids("Cause ids it is printed with a caution for."),
            ),
            ("caution_note", text("The caution.")),
            ("source", text("Where the exercise comes from.")),
            ("license", text("Licence of the text, e.g. CC0-1.0.")),
            ("figure", figure()),
        ],
        &[
            "id",
            "name",
            "category",
            "position",
            "dose",
            "instructions",
            "source",
            "license",
        ],
    )
}

/// A list of ids.
fn ids(d: &str) -> Value {
    json!({ "type": "array", "items": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" }, "description": d })
}

fn num(d: &str) -> Value {
    json!({ "type": "number", "description": d })
}

/// A body point.
fn point(d: &str) -> Value {
    json!({ "enum": Point::names(), "description": d })
}

/// A table of joint angles, by joint name.
fn joints(specs: &[JointSpec], d: &str) -> Value {
    let names: Vec<&str> = specs.iter().map(|s| s.name).collect();
    json!({ "type": "object", "propertyNames": { "enum": names }, "additionalProperties": { "type": "number" }, "description": d })
}

/// `[exercise.figure]`: the view, the camera, the props and the start and end poses.
fn figure() -> Value {
    let pose = pose();
    obj(
        vec![
            ("view", json!({ "enum": ["side", "front"] })),
            (
                "flip",
                json!({ "type": "boolean", "description": "Mirror the drawing left to right." }),
            ),
            (
                "near",
                json!({ "enum": ["left", "right"], "description": "The side towards the camera (on top, lying on the side)." }),
            ),
            (
                "turn",
                num("Camera turn about the vertical, degrees (-60..60)."),
            ),
            ("raise", num("Camera raise, degrees (-30..60).")),
            (
                "accent",
                json!({ "type": "array", "items": { "enum": ["left-arm", "right-arm", "left-leg", "right-leg"] } }),
            ),
            (
                "travel",
                json!({ "type": "boolean", "description": "Two panels with an arrow instead of an overlay." }),
            ),
            (
                "arrow",
                text("The body point the motion arrow follows, or none."),
            ),
            ("props", tables(prop())),
            ("start", pose.clone()),
            ("end", pose),
        ],
        &["start"],
    )
}

/// `[exercise.figure.start]` or `.end`: how the body lies, rests and bends.
fn pose() -> Value {
    let lies: Vec<&str> = LIES.iter().map(|(n, _)| *n).collect();
    obj(
        vec![
            (
                "body",
                json!({ "enum": lies, "description": "How the body lies." }),
            ),
            ("supports", tables(support())),
            (
                "tilt",
                num("Extra tilt of the whole body after it rests, degrees."),
            ),
            ("trunk", joints(&TRUNK_JOINTS, "Trunk angles, degrees.")),
            (
                "left",
                joints(&SIDE_JOINTS, "Left-side joint angles, degrees."),
            ),
            (
                "right",
                joints(&SIDE_JOINTS, "Right-side joint angles, degrees."),
            ),
            (
                "both",
                joints(&SIDE_JOINTS, "Angles for both sides, degrees."),
            ),
        ],
        &[],
    )
}

/// One `[[exercise.figure.start.supports]]`: a body point that rests on something.
fn support() -> Value {
    obj(
        vec![
            ("point", point("The body point that rests.")),
            (
                "on",
                text("floor (default) or a surface prop: step, chair, bench, ..."),
            ),
            (
                "solve",
                text("A joint angle found so the point touches, e.g. right.knee or both.hip."),
            ),
        ],
        &["point"],
    )
}

/// One `[[exercise.figure.props]]`.
fn prop() -> Value {
    let mut kinds: Vec<&str> = PROPS.iter().map(|(n, _)| *n).collect();
    kinds.push("towel");
    obj(
        vec![
            ("kind", json!({ "enum": kinds })),
            ("height", num("Centimetres.")),
            ("at", text("The body point it is placed at.")),
            (
                "x",
                num("Centimetres to the right of `at` in the unflipped drawing."),
            ),
            (
                "from",
                text("A band or strap's first end: a body point or post."),
            ),
            (
                "to",
                text("A band or strap's second end: a body point or post."),
            ),
        ],
        &["kind"],
    )
}
