//! Raw figure types: the `[exercise.figure]` table as serde reads it.
//!
//! Only TOML syntax, types and unknown top-level keys are checked here (`deny_unknown_fields`).
//! Joint names are map keys and prop kinds are strings, so that [`super::check`] can say
//! "unknown joint" or "unknown prop" with a "did you mean" hint; every value a later check may
//! complain about keeps its byte span.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A joint-angle table (`right = { knee = 45 }`): joint name to degrees.
pub type RawAngles = BTreeMap<Spanned<String>, Spanned<f64>>;

/// `[exercise.figure]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFigure {
    /// `side` or `front` (default: `front` for side-lying, else `side`).
    pub view: Option<Spanned<String>>,
    /// Mirror the drawing left to right.
    #[serde(default)]
    pub flip: bool,
    /// The body side towards the camera (in a side-lying front view, the side on top).
    pub near: Option<Spanned<String>>,
    /// Camera turn about the vertical, degrees (-60..60).
    pub turn: Option<Spanned<f64>>,
    /// Camera raise (looking down), degrees (-30..60).
    pub raise: Option<Spanned<f64>>,
    /// Limbs drawn in the accent colour: `left-leg`, `right-arm`, ...
    #[serde(default)]
    pub accent: Vec<Spanned<String>>,
    /// Two panels with an arrow (the body travels) instead of a ghost start under the end.
    #[serde(default)]
    pub travel: bool,
    /// The body point the motion arrow follows, or `none` (default: the point that moves most).
    pub arrow: Option<Spanned<String>>,
    #[serde(default)]
    pub props: Vec<Spanned<RawProp>>,
    pub start: Option<Spanned<RawPose>>,
    /// The end pose: the start pose with these changes. Without it the figure is a hold.
    pub end: Option<Spanned<RawPose>>,
}

/// One key pose.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPose {
    /// How the body lies: `standing`, `supine`, `prone`, `side-lying`, `sitting`, ...
    pub body: Option<Spanned<String>>,
    /// What the body rests on; the end pose's first one stays in place, the start lined up on it.
    pub supports: Option<Vec<Spanned<RawSupport>>>,
    /// Extra tilt of the whole body after it is rested, degrees (+ tips it forward).
    pub tilt: Option<Spanned<f64>>,
    /// `flexion`, `side_bend`, `rotation`, `neck`.
    #[serde(default)]
    pub trunk: RawAngles,
    #[serde(default)]
    pub left: RawAngles,
    #[serde(default)]
    pub right: RawAngles,
    /// Angles for both sides (`left` and `right` override them).
    #[serde(default)]
    pub both: RawAngles,
}

/// `{ point = "right-foot", on = "step", solve = "right.knee" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSupport {
    pub point: Spanned<String>,
    /// `floor` (default) or a prop kind: `step`, `chair`, `bench`, ...
    pub on: Option<Spanned<String>>,
    /// A joint angle changed until the point touches: `right.knee`, `both.hip`.
    pub solve: Option<Spanned<String>>,
}

/// `{ kind = "step", height = 20 }`, `{ kind = "band", from = "left-knee", to = "right-knee" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProp {
    pub kind: Spanned<String>,
    /// Centimetres (surfaces: the top; a post: its height).
    pub height: Option<Spanned<f64>>,
    /// The body point the prop is placed at (walls, chairs held, weights, balls).
    pub at: Option<Spanned<String>>,
    /// Centimetres along the drawing's horizontal from `at` (+ towards the way the body faces).
    pub x: Option<Spanned<f64>>,
    /// Bands and straps: the two ends (body points, or `post`).
    pub from: Option<Spanned<String>>,
    pub to: Option<Spanned<String>>,
}
