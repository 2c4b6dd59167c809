//! JSON Schemas for the input files, for editor completion and checking (Taplo / Even Better
//! TOML read a `#:schema path.json` line at the top of a TOML file).
//!
//! The schemas are written out here rather than derived, because the raw types carry spans;
//! a test checks that each schema lists exactly the keys the raw types accept.

use crate::model::{Category, DoseKind, Position, EQUIPMENT};
use serde_json::{json, Map, Value};

/// The kinds of file a schema exists for.
pub const KINDS: [&str; 4] = ["program", "exercises", "template", "translation"];

pub fn schema(kind: &str) -> Option<Value> {
    match kind {
        "program" => Some(program()),
        "exercises" => Some(exercises()),
        "template" => Some(template()),
        "translation" => Some(translation()),
        _ => None,
    }
}

fn obj(props: Vec<(&str, Value)>, required: &[&str]) -> Value {
    let mut m = Map::new();
    for (k, v) in props {
        m.insert(k.to_string(), v);
    }
    json!({ "type": "object", "additionalProperties": false, "required": required, "properties": m })
}

fn text(desc: &str) -> Value {
    json!({ "type": "string", "description": desc })
}

fn texts(desc: &str) -> Value {
    json!({ "type": "array", "items": { "type": "string" }, "description": desc })
}

fn int(desc: &str, min: i64, max: i64) -> Value {
    json!({ "type": "integer", "minimum": min, "maximum": max, "description": desc })
}

fn id(desc: &str) -> Value {
    json!({ "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 64, "description": desc })
}

fn dose_props(with_week: bool) -> Vec<(&'static str, Value)> {
    let mut v = vec![
        ("sets", int("Sets.", 1, 10)),
        (
            "reps",
            int(
                "Repetitions per set (for reps exercises; holds per set for hold exercises).",
                1,
                100,
            ),
        ),
        ("hold", int("Seconds held (hold exercises).", 1, 600)),
        ("time", int("Seconds (time exercises).", 1, 7200)),
        ("distance", int("Metres (distance exercises).", 1, 50_000)),
        (
            "load",
            text("Load as printed: band colour, kg, \"bodyweight\"."),
        ),
        ("tempo", text("Seconds down-pause-up, e.g. \"3-1-3\".")),
        (
            "rest",
            int("Seconds of rest between sets (default 60).", 0, 600),
        ),
    ];
    if with_week {
        v.insert(
            0,
            ("week", int("The program week this step starts.", 1, 104)),
        );
        v.insert(
            1,
            (
                "exercise",
                id("Switch the slot to this exercise from this week on."),
            ),
        );
        v.push((
            "note",
            text("A note printed from this week on, instead of the slot's note; read by the patient."),
        ));
        v.push(("rationale", rationale("Why this step.")));
    }
    v
}

fn progression() -> Value {
    obj(
        vec![
            ("every", int("Apply the rule every N weeks (default 1).", 1, 26)),
            ("add_reps", int("Reps added each step.", 0, 20)),
            ("max_reps", int("Reps ceiling; past it a set is added (add_sets) and reps go back to reset_reps.", 1, 100)),
            ("add_sets", int("Sets added (when reps pass max_reps, or each step when add_reps is 0).", 0, 3)),
            ("max_sets", int("Sets ceiling.", 1, 10)),
            ("reset_reps", int("Reps after a set is added (default: the starting reps).", 1, 100)),
            ("add_hold", int("Seconds added to holds each step.", 0, 120)),
            ("max_hold", int("Hold ceiling in seconds.", 1, 600)),
            ("add_time", int("Seconds added to timed work each step.", 0, 1800)),
            ("max_time", int("Time ceiling in seconds.", 1, 7200)),
        ],
        &[],
    )
}

fn slot_props(kind: &str) -> Vec<(&'static str, Value)> {
    let mut v = Vec::new();
    match kind {
        "add" => v.push((
            "phase",
            int("The phase number (1-based) of the base program.", 1, 104),
        )),
        "change" => {
            v.push((
                "phase",
                int("The phase number (1-based) of the base program.", 1, 104),
            ));
            v.push((
                "slot",
                id("The slot to change, named by the exercise it starts with."),
            ));
        }
        _ => {}
    }
    v.push(("exercise", id("An exercise id from the library.")));
    v.extend(dose_props(false));
    v.push(("frequency", json!({ "type": "string", "pattern": "^(session|daily|twice-daily|every-[2-7]-days)$", "description": "session (each training day, default), daily, twice-daily (two ticks a day in the log), or every-N-days." })));
    v.push((
        "priority",
        int(
            "1 = most important; used to fit --minutes (default 3).",
            1,
            9,
        ),
    ));
    v.push((
        "reference",
        text("The [[reference]] id the dose comes from."),
    ));
    v.push((
        "source",
        text("Old name of `reference` (accepted with a warning)."),
    ));
    v.push((
        "note",
        text("A note printed with the exercise, read by the patient: plain words, no sources."),
    ));
    v.push(("progression", progression()));
    v.push(("schedule", json!({ "type": "array", "description": "Week-by-week steps; each applies until the next.", "items": obj(dose_props(true), &["week"]) })));
    v.push((
        "rationale",
        rationale("Why this exercise and dose, and where they come from."),
    ));
    v
}

/// A clinician-only text field.
fn rationale(what: &str) -> Value {
    text(&format!(
        "{what} Clinician-only: printed only in the therapist's section, never on the patient's pages."
    ))
}

fn program() -> Value {
    let slot = obj(slot_props("slot"), &["exercise"]);
    let phase = obj(
        vec![
            ("name", text("The phase name, printed.")),
            (
                "weeks",
                json!({ "description": "Program weeks, \"1-4\" or 3.", "oneOf": [ { "type": "integer", "minimum": 1, "maximum": 104 }, { "type": "string", "pattern": "^\\s*[0-9]+\\s*(-\\s*[0-9]+\\s*)?$" } ] }),
            ),
            ("sessions_per_week", int("Training sessions a week.", 1, 7)),
            ("goals", texts("What this phase is for, printed.")),
            (
                "progress_when",
                texts("Criteria to move on, printed for the patient."),
            ),
            ("slot", json!({ "type": "array", "items": slot })),
            ("rationale", rationale("Why the phase looks as it does.")),
        ],
        &["name", "weeks", "sessions_per_week"],
    );
    let mut s = obj(
        vec![
            ("id", id("The cause id, typed after --cause.")),
            (
                "extends",
                id("Inherit everything from this program; change only what follows."),
            ),
            ("title", text("The cause and program title.")),
            (
                "aliases",
                json!({ "type": "array", "items": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" } }),
            ),
            ("summary", text("One line for `rehabplan causes`.")),
            (
                "description",
                text("Plain-language description of the cause."),
            ),
            (
                "location_note",
                text("E.g. where the pain usually is, when that matters."),
            ),
            ("evidence", json!({ "enum": ["trial", "extrapolated"] })),
            (
                "evidence_note",
                text("Required when extrapolated: from what, and why. Clinician-only: printed only in the therapist's section."),
            ),
            (
                "red_flags",
                json!({ "type": "array", "description": "Cause-specific warning signs, each graded by urgency; printed with the general list (unless general_red_flags = \"replace\") and asked as screening questions.", "items": obj(vec![
                    ("urgency", json!({ "enum": ["emergency", "same-day", "days"], "description": "emergency: call emergency services now; same-day: get seen the same day; days: see a doctor within a few days." })),
                    ("sign", text("The sign as printed in the warning box.")),
                    ("question", text("The sign as a yes/no screening question, ending in \"?\".")),
                    ("why", text("Why a yes needs a doctor (patient-facing).")),
                    ("rationale", rationale("The evidence for the sign and its grade.")),
                ], &["urgency", "sign", "question"]) }),
            ),
            (
                "general_red_flags",
                json!({ "enum": ["extend", "replace"], "description": "extend (default): the general knee warning signs and questions apply too; replace: only this program's own." }),
            ),
            (
                "pain_rule",
                obj(
                    vec![
                        ("green_max", int("0..=green_max: fine.", 0, 10)),
                        (
                            "amber_max",
                            int("Up to this: acceptable if settled by next morning.", 0, 10),
                        ),
                        ("settle_by_morning", json!({ "type": "boolean" })),
                        ("reference", text("Reference id.")),
                        ("source", text("Old name of `reference` (accepted with a warning).")),
                        ("note", text("An extra sentence, read by the patient.")),
                        ("rationale", rationale("Why this rule, and where it comes from.")),
                    ],
                    &["green_max", "amber_max"],
                ),
            ),
            (
                "reference",
                json!({ "type": "array", "items": obj(vec![("id", id("Reference id, used by `reference`.")), ("citation", text("Authors, year, journal, volume:pages.")), ("verified", json!({ "type": "boolean", "description": "false prints [unverified]." }))], &["id", "citation"]) }),
            ),
            ("phase", json!({ "type": "array", "items": phase })),
            (
                "return_to_run",
                obj(
                    vec![
                        (
                            "start_week",
                            int("The program week from which the patient may try the entry checklist.", 1, 104),
                        ),
                        (
                            "repeat",
                            int("Runs at each stage before the next (default 2).", 1, 6),
                        ),
                        ("per_week", int("Runs a week at most (default 3).", 1, 4)),
                        ("reference", text("Reference id.")),
                        ("source", text("Old name of `reference` (accepted with a warning).")),
                        (
                            "entry_criteria",
                            texts("When the patient may start, printed."),
                        ),
                        ("rules", texts("The ladder's rules, printed.")),
                        (
                            "stage",
                            json!({ "type": "array", "items": obj(vec![
                                ("walk", int("Seconds of walking between runs (0 = continuous).", 0, 1800)),
                                ("run", int("Seconds of running per interval.", 0, 3600)),
                                ("distance", int("Total metres.", 100, 42195)),
                                ("effort", text("Effort, e.g. \"3/10, easy\".")),
                                ("what", text("What the run is, instead of the walk/run pattern (e.g. strides), printed.")),
                                ("check", texts("A checklist to tick before this stage's first run, printed.")),
                            ], &["walk", "run", "distance"]) }),
                        ),
                        ("rationale", rationale("Why this ladder, and where it comes from.")),
                    ],
                    &["start_week", "stage"],
                ),
            ),
            (
                "check",
                json!({ "type": "array", "description": "Progress checks, done at the start, halfway and at the end of the plan; each a number the patient writes down.", "items": obj(vec![
                    ("id", id("The check's id, used by `rehabplan log --check ID=N`.")),
                    ("name", text("The check's short name, printed.")),
                    ("steps", texts("How to do it, step by step, printed.")),
                    ("record", text("What to write in the box, printed.")),
                    ("unit", text("The number's unit, e.g. \"squats\" or \"/10\", printed.")),
                    ("max", int("The largest number that can be written (0 is the smallest).", 1, 1000)),
                    ("reference", id("The [[reference]] the check comes from.")),
                    ("rationale", rationale("Where the check comes from and how far it is validated.")),
                ], &["id", "name", "steps", "record", "max", "reference"]) }),
            ),
            (
                "change",
                json!({ "type": "array", "items": obj(slot_props("change").into_iter().filter(|(k, _)| *k != "exercise").chain([("exercise", id("Swap the slot's exercise for this one."))]).collect(), &["phase", "slot"]) }),
            ),
            (
                "add",
                json!({ "type": "array", "items": obj(slot_props("add"), &["phase", "exercise"]) }),
            ),
            (
                "remove",
                json!({ "type": "array", "items": obj(vec![("phase", int("Phase number.", 1, 104)), ("slot", id("The slot's exercise id."))], &["phase", "slot"]) }),
            ),
            (
                "rationale",
                rationale("The program's clinical reasoning."),
            ),
        ],
        &["id"],
    );
    s["$schema"] = json!("http://json-schema.org/draft-07/schema#");
    s["title"] = json!("rehabplan program");
    s
}

fn exercises() -> Value {
    let cats: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    let pos: Vec<&str> = Position::ALL.iter().map(|c| c.as_str()).collect();
    let kinds: Vec<&str> = DoseKind::ALL.iter().map(|c| c.as_str()).collect();
    let mut equipment: Vec<&str> = EQUIPMENT.to_vec();
    equipment.push("none");
    let ids = |d: &str| json!({ "type": "array", "items": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" }, "description": d });
    let ex = obj(
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
    );
    let mut s = obj(
        vec![("exercise", json!({ "type": "array", "items": ex }))],
        &["exercise"],
    );
    s["$schema"] = json!("http://json-schema.org/draft-07/schema#");
    s["title"] = json!("rehabplan exercise library");
    s
}

/// `[exercise.figure]` (docs/figures.md).
fn figure() -> Value {
    use crate::figure::spec::{Point, LIES, PROPS, SIDE_JOINTS, TRUNK_JOINTS};
    let num = |d: &str| json!({ "type": "number", "description": d });
    let joints = |specs: &[crate::figure::spec::JointSpec], d: &str| {
        let names: Vec<&str> = specs.iter().map(|s| s.name).collect();
        json!({ "type": "object", "propertyNames": { "enum": names }, "additionalProperties": { "type": "number" }, "description": d })
    };
    let points = Point::names();
    let point = |d: &str| json!({ "enum": points, "description": d });
    let mut kinds: Vec<&str> = PROPS.iter().map(|(n, _)| *n).collect();
    kinds.push("towel");
    let lies: Vec<&str> = LIES.iter().map(|(n, _)| *n).collect();
    let support = obj(
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
    );
    let pose = obj(
        vec![
            (
                "body",
                json!({ "enum": lies, "description": "How the body lies." }),
            ),
            ("supports", json!({ "type": "array", "items": support })),
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
    );
    let prop = obj(
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
    );
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
            ("props", json!({ "type": "array", "items": prop })),
            ("start", pose.clone()),
            ("end", pose),
        ],
        &["start"],
    )
}

fn template() -> Value {
    let mut text = Vec::new();
    for spec in crate::template::TEXT_KEYS {
        let v = if spec.list {
            json!({ "type": "array", "items": { "type": "string" }, "description": spec.help.trim() })
        } else {
            json!({ "type": "string", "description": spec.help.trim() })
        };
        text.push((spec.key, v));
    }
    let mm = |d: &str| json!({ "type": "number", "minimum": crate::template::MARGIN_MM.0, "maximum": crate::template::MARGIN_MM.1, "description": d });
    let colour =
        |d: &str| json!({ "type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "description": d });
    let mut s = obj(
        vec![
            (
                "extends",
                text_desc(
                    "The built-in template this one changes (default en): en, large-print, de.",
                ),
            ),
            (
                "name",
                text_desc("The template's name, used with --template."),
            ),
            (
                "language",
                text_desc("Language tag of the wording, e.g. en or de."),
            ),
            (
                "page",
                obj(
                    vec![
                        ("paper", json!({ "enum": ["a4", "letter"] })),
                        ("margin", mm("All four margins, in mm.")),
                        ("margin_top", mm("Top margin, in mm.")),
                        ("margin_bottom", mm("Bottom margin, in mm.")),
                        ("margin_left", mm("Left margin, in mm.")),
                        ("margin_right", mm("Right margin, in mm.")),
                        (
                            "font_size",
                            json!({ "type": "number", "minimum": crate::template::FONT_SIZE_PT.0, "maximum": crate::template::FONT_SIZE_PT.1, "description": "Body text size in points." }),
                        ),
                    ],
                    &[],
                ),
            ),
            (
                "style",
                obj(
                    vec![
                        ("accent", colour("Headings and rules.")),
                        ("green", colour("The traffic light's green row.")),
                        ("amber", colour("The amber row.")),
                        ("red", colour("The red row.")),
                    ],
                    &[],
                ),
            ),
            (
                "clinic",
                obj(
                    vec![
                        ("name", text_desc("Clinic name in the header.")),
                        (
                            "address",
                            text_desc("Address; lines separated by newlines."),
                        ),
                        ("phone", text_desc("Phone number.")),
                        (
                            "logo",
                            text_desc("PNG or JPEG file, relative to the template file."),
                        ),
                    ],
                    &[],
                ),
            ),
            ("text", obj(text, &[])),
        ],
        &[],
    );
    s["$schema"] = json!("http://json-schema.org/draft-07/schema#");
    s["title"] = json!("rehabplan print template");
    s
}

fn text_desc(d: &str) -> Value {
    text(d)
}

/// A translation file (`programs/lang/<language>/`): the source's patient-facing keys, keyed
/// by id (docs/program-format.md, "Translations").
fn translation() -> Value {
    let step = obj(
        vec![
            (
                "week",
                int("The week of the source's schedule step.", 1, 104),
            ),
            ("note", text("The step's note.")),
            ("load", text("The step's load.")),
        ],
        &["week"],
    );
    let slot = obj(
        vec![
            ("exercise", id("The exercise the source slot starts with.")),
            ("note", text("The slot's note.")),
            ("load", text("The slot's load.")),
            (
                "schedule",
                json!({ "type": "array", "items": step, "description": "Schedule steps, by week." }),
            ),
        ],
        &["exercise"],
    );
    let phase = obj(
        vec![
            ("name", text("The phase's name.")),
            ("goals", texts("The phase's goals, entry by entry.")),
            ("progress_when", texts("When to move on, entry by entry.")),
            (
                "slot",
                json!({ "type": "array", "items": slot, "description": "Slots, by the exercise they start with." }),
            ),
        ],
        &[],
    );
    let stage = obj(
        vec![
            ("effort", text("How hard the stage should feel.")),
            ("what", text("What the run is (e.g. strides).")),
            (
                "check",
                texts("The checklist before the stage, entry by entry."),
            ),
        ],
        &[],
    );
    let exercise = obj(
        vec![
            ("id", id("The exercise's id.")),
            ("name", text("The exercise's name.")),
            ("instructions", texts("The steps, entry by entry.")),
            ("cues", texts("The tips, entry by entry.")),
            ("mistakes", texts("The common mistakes, entry by entry.")),
            ("caution_note", text("The caution note.")),
        ],
        &["id"],
    );
    let mut v = obj(
        vec![
            (
                "translation",
                json!({ "type": "string", "description": "The language tag, e.g. \"de\" or \"de-CH\"." }),
            ),
            ("id", id("The program this file translates.")),
            ("title", text("The program's title.")),
            ("summary", text("The program's summary.")),
            ("description", text("The program's description.")),
            ("location_note", text("The program's location note.")),
            (
                "red_flags",
                json!({ "type": "array", "description": "The program's own warning signs, in the program's order.", "items": obj(
                    vec![
                        ("sign", text("The sign, as it is listed.")),
                        ("question", text("The screening question.")),
                        ("why", text("Why it needs a doctor.")),
                    ],
                    &[],
                ) }),
            ),
            (
                "pain_rule",
                obj(
                    vec![("note", text("The note under the traffic light."))],
                    &[],
                ),
            ),
            (
                "phase",
                json!({ "type": "array", "items": phase, "description": "Phases, in the source's order." }),
            ),
            (
                "return_to_run",
                obj(
                    vec![
                        ("entry_criteria", texts("Entry criteria, entry by entry.")),
                        ("rules", texts("Rules, entry by entry.")),
                        (
                            "stage",
                            json!({ "type": "array", "items": stage, "description": "Stages, in order." }),
                        ),
                    ],
                    &[],
                ),
            ),
            (
                "check",
                json!({ "type": "array", "description": "Progress checks, by id.", "items": obj(
                    vec![
                        ("id", id("The check this entry translates.")),
                        ("name", text("The check's name.")),
                        ("steps", texts("Its steps, entry by entry.")),
                        ("record", text("What to write down.")),
                        ("unit", text("The number's unit.")),
                    ],
                    &["id"],
                ) }),
            ),
            (
                "exercise",
                json!({ "type": "array", "items": exercise, "description": "Exercises, by id." }),
            ),
        ],
        &["translation"],
    );
    v["title"] = json!("rehabplan translation file");
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::raw::{ExerciseFile, RawProgram};

    /// The keys serde accepts at a place, read from its "unknown field" message.
    fn accepted<T: serde::de::DeserializeOwned + std::fmt::Debug>(doc: &str) -> Vec<String> {
        let err = toml::from_str::<T>(doc).unwrap_err().message().to_string();
        let list = err
            .split("expected one of ")
            .nth(1)
            .or_else(|| err.split("expected ").nth(1))
            .unwrap_or_else(|| panic!("{err}"));
        let mut keys: Vec<String> = list
            .split(", ")
            .map(|k| k.trim().trim_matches('`').to_string())
            .collect();
        keys.sort();
        keys
    }

    fn listed(v: &Value) -> Vec<String> {
        let mut keys: Vec<String> = v["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn program_schema_lists_the_accepted_keys() {
        let s = program();
        assert_eq!(listed(&s), accepted::<RawProgram>("zzz = 1"));
        let phase = &s["properties"]["phase"]["items"];
        assert_eq!(
            listed(phase),
            accepted::<RawProgram>("id = \"a\"\n[[phase]]\nzzz = 1")
        );
        // `phase` is read in a slot only to say that it belongs in [[add]]: the schema leaves it out.
        let mut slot_keys =
            accepted::<RawProgram>("id = \"a\"\n[[phase]]\n[[phase.slot]]\nzzz = 1");
        slot_keys.retain(|k| k != "phase");
        assert_eq!(listed(&phase["properties"]["slot"]["items"]), slot_keys);
        assert_eq!(
            listed(&s["properties"]["pain_rule"]),
            accepted::<RawProgram>("id = \"a\"\n[pain_rule]\nzzz = 1")
        );
        assert_eq!(
            listed(&s["properties"]["return_to_run"]),
            accepted::<RawProgram>("id = \"a\"\n[return_to_run]\nzzz = 1")
        );
        assert_eq!(
            listed(&s["properties"]["return_to_run"]["properties"]["stage"]["items"]),
            accepted::<RawProgram>("id = \"a\"\n[return_to_run]\n[[return_to_run.stage]]\nzzz = 1")
        );
        assert_eq!(
            listed(&s["properties"]["change"]["items"]),
            accepted::<RawProgram>("id = \"a\"\n[[change]]\nzzz = 1")
        );
        assert_eq!(
            listed(&s["properties"]["check"]["items"]),
            accepted::<RawProgram>("id = \"a\"\n[[check]]\nzzz = 1")
        );
        assert_eq!(
            listed(&s["properties"]["add"]["items"]),
            accepted::<RawProgram>("id = \"a\"\n[[add]]\nzzz = 1")
        );
        let step = &phase["properties"]["slot"]["items"]["properties"]["schedule"]["items"];
        assert_eq!(
            listed(step),
            accepted::<RawProgram>(
                "id = \"a\"\n[[phase]]\n[[phase.slot]]\nschedule = [{ zzz = 1 }]"
            )
        );
        let prog = &phase["properties"]["slot"]["items"]["properties"]["progression"];
        assert_eq!(
            listed(prog),
            accepted::<RawProgram>(
                "id = \"a\"\n[[phase]]\n[[phase.slot]]\nprogression = { zzz = 1 }"
            )
        );
    }

    /// Every key the template schema lists is accepted by the template parser.
    #[test]
    fn template_schema_keys_parse() {
        let s = template();
        let mut doc = String::from("extends = \"en\"\nname = \"t\"\nlanguage = \"en\"\n[page]\n");
        for k in listed(&s["properties"]["page"]) {
            doc.push_str(&match k.as_str() {
                "paper" => "paper = \"a4\"\n".to_string(),
                "font_size" => "font_size = 11\n".to_string(),
                other => format!("{other} = 15\n"),
            });
        }
        doc.push_str("[style]\n");
        for k in listed(&s["properties"]["style"]) {
            doc.push_str(&format!("{k} = \"#123456\"\n"));
        }
        doc.push_str("[clinic]\nname = \"C\"\naddress = \"A\"\nphone = \"1\"\n[text]\n");
        let en = crate::validate::template::builtin("en").unwrap();
        let full = crate::validate::template::parse(&doc, "t.toml", None)
            .unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(full.text, en.text);
        assert_eq!(
            listed(&s["properties"]["text"]).len(),
            crate::template::TEXT_KEYS.len()
        );
    }

    #[test]
    fn translation_schema_lists_the_accepted_keys() {
        use crate::load::translate::RawTranslation as T;
        let s = translation();
        assert_eq!(listed(&s), accepted::<T>("zzz = 1"));
        let t = "translation = \"de\"\n";
        let at = |rest: &str| accepted::<T>(&format!("{t}{rest}\nzzz = 1"));
        assert_eq!(listed(&s["properties"]["pain_rule"]), at("[pain_rule]"));
        let phase = &s["properties"]["phase"]["items"];
        assert_eq!(listed(phase), at("[[phase]]"));
        let slot = &phase["properties"]["slot"]["items"];
        assert_eq!(
            listed(slot),
            at("[[phase]]\n[[phase.slot]]\nexercise = \"x\"")
        );
        assert_eq!(
            listed(&slot["properties"]["schedule"]["items"]),
            at("[[phase]]\n[[phase.slot]]\nexercise = \"x\"\n[[phase.slot.schedule]]\nweek = 1")
        );
        let run = &s["properties"]["return_to_run"];
        assert_eq!(listed(run), at("[return_to_run]"));
        assert_eq!(
            listed(&run["properties"]["stage"]["items"]),
            at("[return_to_run]\n[[return_to_run.stage]]")
        );
        assert_eq!(
            listed(&s["properties"]["exercise"]["items"]),
            at("[[exercise]]\nid = \"x\"")
        );
        assert_eq!(
            listed(&s["properties"]["check"]["items"]),
            at("[[check]]\nid = \"x\"")
        );
    }

    #[test]
    fn exercise_schema_lists_the_accepted_keys() {
        let s = exercises();
        let ex = &s["properties"]["exercise"]["items"];
        assert_eq!(
            listed(ex),
            accepted::<ExerciseFile>("[[exercise]]\nzzz = 1")
        );
        let fig = &ex["properties"]["figure"];
        let at = |table: &str| {
            accepted::<ExerciseFile>(&format!("[[exercise]]\n[exercise.figure{table}]\nzzz = 1"))
        };
        assert_eq!(listed(fig), at(""));
        assert_eq!(listed(&fig["properties"]["start"]), at(".start"));
        assert_eq!(listed(&fig["properties"]["end"]), at(".end"));
        assert_eq!(
            listed(&fig["properties"]["props"]["items"]),
            accepted::<ExerciseFile>("[[exercise]]\n[[exercise.figure.props]]\nzzz = 1")
        );
        assert_eq!(
            listed(&fig["properties"]["start"]["properties"]["supports"]["items"]),
            accepted::<ExerciseFile>("[[exercise]]\n[[exercise.figure.start.supports]]\nzzz = 1")
        );
    }
}
