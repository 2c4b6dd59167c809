//! The checked figure: what a figure may say, the names it may use, and the allowed joint
//! ranges.
//!
//! Joint ranges follow the American Academy of Orthopaedic Surgeons, *Joint Motion: Method of
//! Measuring and Recording* (1965), with a 10 degree margin for passive range and for the
//! spread between sources, except the knee, whose limit of 160 degrees of flexion (AAOS: 135
//! active, about 150 passive) is the one the figure issue asks for.

/// H in centimetres, for heights given in cm (a typical adult).
pub const H_CM: f32 = 175.0;

/// Anatomical side. The body frame's +Z is the right side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn index(self) -> usize {
        match self {
            Side::Left => 0,
            Side::Right => 1,
        }
    }
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }
    /// +1 for the right (+Z), -1 for the left.
    pub fn sign(self) -> f32 {
        match self {
            Side::Left => -1.0,
            Side::Right => 1.0,
        }
    }
    pub fn parse(s: &str) -> Option<Side> {
        match s {
            "left" => Some(Side::Left),
            "right" => Some(Side::Right),
            _ => None,
        }
    }
}

/// One joint motion of a side: name, lowest and highest allowed degrees, what + means.
pub struct JointSpec {
    pub name: &'static str,
    pub min: f32,
    pub max: f32,
    pub meaning: &'static str,
}

const fn j(name: &'static str, min: f32, max: f32, meaning: &'static str) -> JointSpec {
    JointSpec {
        name,
        min,
        max,
        meaning,
    }
}

/// Per-side joints, in the order of [`SideAngles`]. Ranges: AAOS 1965 plus 10 degrees (see
/// the module doc).
pub const SIDE_JOINTS: [JointSpec; 11] = [
    // AAOS: flexion 120, extension 30.
    j(
        "hip",
        -40.0,
        130.0,
        "flexion + (thigh forward), extension -",
    ),
    // AAOS: abduction 45, adduction 30.
    j(
        "hip_abduction",
        -40.0,
        55.0,
        "abduction + (thigh out), adduction -",
    ),
    // AAOS: internal and external rotation 45 each.
    j(
        "hip_rotation",
        -55.0,
        55.0,
        "external rotation + (knee turns out), internal -",
    ),
    // AAOS: flexion 135 active, about 150 passive; limit from the figure issue.
    j("knee", 0.0, 160.0, "flexion (0 = straight)"),
    // AAOS: dorsiflexion 20, plantarflexion 50.
    j(
        "ankle",
        -60.0,
        30.0,
        "dorsiflexion + (toes up), plantarflexion -",
    ),
    // AAOS: flexion 180, extension 60.
    j(
        "shoulder",
        -70.0,
        190.0,
        "flexion + (arm forward and up), extension -",
    ),
    // AAOS: abduction 180; adduction across the body about 45.
    j(
        "shoulder_abduction",
        -55.0,
        190.0,
        "abduction + (arm out to the side)",
    ),
    // AAOS: flexion 150.
    j("elbow", 0.0, 160.0, "flexion (0 = straight)"),
    // AAOS: wrist extension 70, flexion 80.
    j(
        "wrist",
        -90.0,
        80.0,
        "extension + (back of the hand up), flexion -",
    ),
    // Hip abduction 45 with external rotation 45 (AAOS) allow about 70 of opening.
    j(
        "open",
        0.0,
        70.0,
        "clamshell opening: the leg turns about the hip-to-ankle line",
    ),
    // AAOS: shoulder external rotation 90, internal rotation 70.
    j(
        "shoulder_rotation",
        -80.0,
        100.0,
        "external rotation + (a bent forearm turns out), internal - (it turns in across the body)",
    ),
];

/// Trunk joints, in the order of [`TrunkAngles`].
pub const TRUNK_JOINTS: [JointSpec; 4] = [
    // AAOS: thoracolumbar flexion 80, extension 25.
    j(
        "flexion",
        -35.0,
        90.0,
        "forward bend + (lumbar), back bend -",
    ),
    // AAOS: lateral bend 35.
    j("side_bend", -45.0, 45.0, "bend towards the right +"),
    // AAOS: rotation 45.
    j(
        "rotation",
        -55.0,
        55.0,
        "turn of the chest towards the right +",
    ),
    // AAOS: cervical flexion 45, extension 45.
    j("neck", -55.0, 55.0, "chin towards the chest +"),
];

// The index of each joint in its table, looked up by its name when compiling, so that an
// index cannot drift from the table's order.
pub const HIP: usize = joint_index(&SIDE_JOINTS, "hip");
pub const HIP_ABD: usize = joint_index(&SIDE_JOINTS, "hip_abduction");
pub const HIP_ROT: usize = joint_index(&SIDE_JOINTS, "hip_rotation");
pub const KNEE: usize = joint_index(&SIDE_JOINTS, "knee");
pub const ANKLE: usize = joint_index(&SIDE_JOINTS, "ankle");
pub const SHOULDER: usize = joint_index(&SIDE_JOINTS, "shoulder");
pub const SHOULDER_ABD: usize = joint_index(&SIDE_JOINTS, "shoulder_abduction");
pub const ELBOW: usize = joint_index(&SIDE_JOINTS, "elbow");
pub const WRIST: usize = joint_index(&SIDE_JOINTS, "wrist");
pub const OPEN: usize = joint_index(&SIDE_JOINTS, "open");
pub const SHOULDER_ROT: usize = joint_index(&SIDE_JOINTS, "shoulder_rotation");

pub const T_FLEX: usize = joint_index(&TRUNK_JOINTS, "flexion");
pub const T_SIDE: usize = joint_index(&TRUNK_JOINTS, "side_bend");
pub const T_ROT: usize = joint_index(&TRUNK_JOINTS, "rotation");
pub const T_NECK: usize = joint_index(&TRUNK_JOINTS, "neck");

/// The index of the joint called `name` in `joints`. Used in constants only: a name not in
/// the table stops the build.
const fn joint_index(joints: &[JointSpec], name: &str) -> usize {
    let mut i = 0;
    while i < joints.len() {
        if same_bytes(joints[i].name.as_bytes(), name.as_bytes()) {
            return i;
        }
        i += 1;
    }
    panic!("no joint of that name");
}

/// Byte for byte the same (`==` on slices cannot be used in a `const fn`).
const fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Degrees per side joint, in [`SIDE_JOINTS`] order.
pub type SideAngles = [f32; 11];
/// Degrees per trunk joint, in [`TRUNK_JOINTS`] order.
pub type TrunkAngles = [f32; 4];

/// All the angles of one pose.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Angles {
    pub trunk: TrunkAngles,
    /// Left, right.
    pub side: [SideAngles; 2],
}

/// An angle a support may solve: one joint of one side, both sides, or the trunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joint {
    Side(Side, usize),
    Both(usize),
    Trunk(usize),
}

impl Joint {
    pub fn range(self) -> (f32, f32) {
        let s = match self {
            Joint::Side(_, i) | Joint::Both(i) => &SIDE_JOINTS[i],
            Joint::Trunk(i) => &TRUNK_JOINTS[i],
        };
        (s.min, s.max)
    }
    pub fn get(self, a: &Angles) -> f32 {
        match self {
            Joint::Side(s, i) => a.side[s.index()][i],
            Joint::Both(i) => a.side[1][i],
            Joint::Trunk(i) => a.trunk[i],
        }
    }
    pub fn set(self, a: &mut Angles, v: f32) {
        match self {
            Joint::Side(s, i) => a.side[s.index()][i] = v,
            Joint::Both(i) => {
                a.side[0][i] = v;
                a.side[1][i] = v;
            }
            Joint::Trunk(i) => a.trunk[i] = v,
        }
    }
}

/// Declares a fieldless enum and the table of the names a figure file gives its values
/// (`NAME: [(name, value)]`), from one list, so that the two cannot drift apart. A value may
/// have more than one name; the table keeps the order of the list.
macro_rules! named_enum {
    ($(#[$meta:meta])* pub enum $name:ident, pub const $table:ident {
        $($variant:ident = [$($text:literal),+]),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($variant),+
        }

        pub const $table: &[(&str, $name)] = &[$($(($text, $name::$variant)),+),+];
    };
}

named_enum! {
    /// How the body lies, before the supports rest it.
    pub enum Lie, pub const LIES {
        Standing = ["standing"],
        Sitting = ["sitting"],
        Kneeling = ["kneeling"],
        HalfKneeling = ["half-kneeling"],
        Supine = ["supine"],
        Prone = ["prone"],
        SideLying = ["side-lying"],
        Quadruped = ["quadruped"],
    }
}

impl Lie {
    /// Upright bodies balance over their supports; lying ones roll until they rest.
    pub fn upright(self) -> bool {
        matches!(self, Lie::Standing | Lie::Kneeling | Lie::HalfKneeling)
    }
    /// The angles a pose of this kind starts from before its own.
    pub fn defaults(self) -> Angles {
        let mut a = Angles::default();
        let both = |a: &mut Angles, i: usize, v: f32| {
            a.side[0][i] = v;
            a.side[1][i] = v;
        };
        match self {
            Lie::Sitting => {
                both(&mut a, HIP, 90.0);
                both(&mut a, KNEE, 90.0);
            }
            Lie::Kneeling => both(&mut a, KNEE, 90.0),
            Lie::HalfKneeling => {
                a.side[1][HIP] = 90.0;
                a.side[1][KNEE] = 90.0;
                a.side[0][KNEE] = 90.0;
            }
            Lie::Quadruped => {
                both(&mut a, HIP, 90.0);
                both(&mut a, KNEE, 90.0);
                both(&mut a, SHOULDER, 90.0);
            }
            _ => {}
        }
        a
    }
}

/// The camera's side of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Side,
    Front,
}

/// Named places on the body (supports, props, bands, the arrow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    Head,
    /// Upper back, at the shoulder blades.
    Back,
    /// Pelvis; as a support, the buttocks or sitting bones.
    Pelvis,
    Shoulder(Side),
    Elbow(Side),
    Hand(Side),
    Hip(Side),
    Knee(Side),
    /// Middle of the thigh.
    Thigh(Side),
    /// Middle of the shank (lower leg).
    Shin(Side),
    Ankle(Side),
    Heel(Side),
    Toes(Side),
    /// A flat foot: the sole rests on its support.
    Foot(Side),
    /// The middle of both knees, ankles, hands or feet.
    Knees,
    Ankles,
    Hands,
    Feet,
}

/// A sided point's name and how to make it for a side.
type SidedPoint = (&'static str, fn(Side) -> Point);

const SIDED: [SidedPoint; 11] = [
    ("shoulder", Point::Shoulder),
    ("elbow", Point::Elbow),
    ("hand", Point::Hand),
    ("hip", Point::Hip),
    ("knee", Point::Knee),
    ("thigh", Point::Thigh),
    ("shin", Point::Shin),
    ("ankle", Point::Ankle),
    ("heel", Point::Heel),
    ("toes", Point::Toes),
    ("foot", Point::Foot),
];

const UNSIDED: [(&str, Point); 7] = [
    ("head", Point::Head),
    ("back", Point::Back),
    ("pelvis", Point::Pelvis),
    ("knees", Point::Knees),
    ("ankles", Point::Ankles),
    ("hands", Point::Hands),
    ("feet", Point::Feet),
];

impl Point {
    pub fn parse(s: &str) -> Option<Point> {
        if let Some((_, p)) = UNSIDED.iter().find(|(n, _)| *n == s) {
            return Some(*p);
        }
        let (side, rest) = s.split_once('-')?;
        let side = Side::parse(side)?;
        SIDED.iter().find(|(n, _)| *n == rest).map(|(_, f)| f(side))
    }
    /// Every point name, for "did you mean".
    pub fn names() -> Vec<String> {
        let mut v: Vec<String> = UNSIDED.iter().map(|(n, _)| n.to_string()).collect();
        for side in ["left", "right"] {
            for (n, _) in SIDED {
                v.push(format!("{side}-{n}"));
            }
        }
        v
    }
    pub fn side(self) -> Option<Side> {
        use Point::*;
        match self {
            Shoulder(s) | Elbow(s) | Hand(s) | Hip(s) | Knee(s) | Thigh(s) | Shin(s) | Ankle(s)
            | Heel(s) | Toes(s) | Foot(s) => Some(s),
            _ => None,
        }
    }
    /// The same point on the other side of the body.
    pub fn mirrored(self) -> Point {
        use Point::*;
        match self {
            Shoulder(s) => Shoulder(s.other()),
            Elbow(s) => Elbow(s.other()),
            Hand(s) => Hand(s.other()),
            Hip(s) => Hip(s.other()),
            Knee(s) => Knee(s.other()),
            Thigh(s) => Thigh(s.other()),
            Shin(s) => Shin(s.other()),
            Ankle(s) => Ankle(s.other()),
            Heel(s) => Heel(s.other()),
            Toes(s) => Toes(s.other()),
            Foot(s) => Foot(s.other()),
            p => p,
        }
    }
}

named_enum! {
    /// What a prop is (a step is also called a box).
    pub enum PropKind, pub const PROPS {
        Mat = ["mat"],
        Wall = ["wall"],
        Chair = ["chair"],
        Step = ["step", "box"],
        Bench = ["bench"],
        Band = ["band"],
        Strap = ["strap"],
        AnkleWeight = ["ankle-weight"],
        Ball = ["ball"],
        ExerciseBall = ["exercise-ball"],
        Bike = ["bike"],
        Partner = ["partner"],
        Slider = ["slider"],
        BalanceBoard = ["balance-board"],
        Post = ["post"],
        Pad = ["folded-towel", "cushion"],
    }
}

impl PropKind {
    pub fn parse(s: &str) -> Option<PropKind> {
        if s == "towel" {
            return Some(PropKind::Strap);
        }
        PROPS.iter().find(|(n, _)| *n == s).map(|(_, k)| *k)
    }
    /// Props a body point can rest on.
    pub fn is_surface(self) -> bool {
        use PropKind::*;
        matches!(
            self,
            Chair
                | Step
                | Bench
                | Ball
                | ExerciseBall
                | Bike
                | Partner
                | Slider
                | BalanceBoard
                | Pad
        )
    }
    /// Props joining two points.
    pub fn is_line(self) -> bool {
        matches!(self, PropKind::Band | PropKind::Strap)
    }
    /// The surface height in H when not given (None: derived from the pose).
    pub fn default_height(self) -> Option<f32> {
        use PropKind::*;
        let cm = match self {
            Step => 18.0,
            Ball => 22.0,
            ExerciseBall => 60.0,
            Slider => 1.0,
            Pad => 4.0,
            BalanceBoard => 8.0,
            Post => 60.0,
            Chair | Bench | Bike | Partner => return None,
            _ => 0.0,
        };
        Some(cm / H_CM)
    }
}

/// One end of a band or strap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum End {
    Body(Point),
    Post,
}

/// A checked prop.
#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    pub kind: PropKind,
    /// Surface height in H; `None` when derived from the pose resting on it.
    pub height: Option<f32>,
    pub at: Option<Point>,
    /// Offset in H along the direction the body faces.
    pub x: f32,
    pub from: Option<End>,
    pub to: Option<End>,
}

/// Where a support rests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    Floor,
    /// Index into the figure's props.
    Prop(usize),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Support {
    pub point: Point,
    pub on: Surface,
    pub solve: Option<Joint>,
}

/// One checked key pose.
#[derive(Debug, Clone, PartialEq)]
pub struct Pose {
    pub lie: Lie,
    pub supports: Vec<Support>,
    /// Degrees.
    pub tilt: f32,
    pub angles: Angles,
}

/// A limb drawn in the accent colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limb {
    Arm(Side),
    Leg(Side),
}

impl Limb {
    pub fn parse(s: &str) -> Option<Limb> {
        let (side, what) = s.split_once('-')?;
        let side = Side::parse(side)?;
        match what {
            "arm" => Some(Limb::Arm(side)),
            "leg" => Some(Limb::Leg(side)),
            _ => None,
        }
    }
}

/// What the motion arrow follows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arrow {
    Auto,
    None,
    Point(Point),
}

/// A checked figure: built only by [`super::check`], so every name resolves, every angle is
/// in range and every support is reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub view: View,
    pub flip: bool,
    pub near: Side,
    /// Camera turn and raise, degrees.
    pub turn: f32,
    pub raise: f32,
    pub accent: Vec<Limb>,
    pub travel: bool,
    pub arrow: Arrow,
    pub props: Vec<Prop>,
    pub start: Pose,
    pub end: Option<Pose>,
}
