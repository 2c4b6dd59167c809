//! The plan as JSON: every field of the plan, plus the safety text a consumer must show.
//!
//! The top level is an object with `format_version` ([`FORMAT_VERSION`]), so fields can be
//! added without breaking readers; a change that would break them raises the version.
//! [`schema`] is its JSON Schema (`rehabplan schema plan`); a test checks real output against it.

use crate::model::{Category, Position};
use crate::plan::types::Plan;
use crate::template::Wording;
use serde::Serialize;
use serde_json::{json, Value};

/// The version of the JSON layout of `plan`, `adjust`, `causes`, `exercises` and `validate`.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonPlan<'a> {
    format_version: u32,
    disclaimer: &'a str,
    see_a_doctor_if: Vec<&'a str>,
    /// The same signs grouped by urgency, most urgent first, with the printed headings.
    warning_signs: Vec<WarningSigns<'a>>,
    /// Set when the plan was made without screening answers: what the patient must do first.
    #[serde(skip_serializing_if = "Option::is_none")]
    not_screened: Option<&'a str>,
    #[serde(flatten)]
    plan: &'a Plan,
}

#[derive(Serialize)]
struct WarningSigns<'a> {
    urgency: &'static str,
    heading: &'a str,
    signs: Vec<&'a str>,
}

pub fn render(plan: &Plan, wording: &Wording) -> Vec<u8> {
    let groups = wording.red_flag_groups(&plan.program);
    let doc = JsonPlan {
        format_version: FORMAT_VERSION,
        disclaimer: &wording.disclaimer,
        see_a_doctor_if: groups
            .iter()
            .flat_map(|(_, _, signs)| signs.iter().copied())
            .collect(),
        warning_signs: groups
            .into_iter()
            .map(|(u, heading, signs)| WarningSigns {
                urgency: u.as_str(),
                heading,
                signs,
            })
            .collect(),
        not_screened: (plan.screening == crate::plan::types::Screening::NotScreened)
            .then_some(wording.not_screened.as_str()),
        plan,
    };
    let mut out = serde_json::to_vec_pretty(&doc).expect("a plan is plain data");
    out.push(b'\n');
    out
}

/// An object: every key in `required` must be there, those in `optional` may be; no others.
fn object(required: &[(&str, Value)], optional: &[(&str, Value)]) -> Value {
    let mut props = serde_json::Map::new();
    for (k, v) in required.iter().chain(optional) {
        props.insert(k.to_string(), v.clone());
    }
    json!({
        "type": "object",
        "required": required.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
        "properties": props,
        "additionalProperties": false,
    })
}

fn string() -> Value {
    json!({"type": "string"})
}
fn strings() -> Value {
    json!({"type": "array", "items": {"type": "string"}})
}
fn count() -> Value {
    json!({"type": "integer", "minimum": 0})
}
fn maybe_count() -> Value {
    json!({"type": ["integer", "null"], "minimum": 0})
}
fn maybe_string() -> Value {
    json!({"type": ["string", "null"]})
}
fn date() -> Value {
    json!({"type": "string", "format": "date"})
}
fn boolean() -> Value {
    json!({"type": "boolean"})
}
fn one_of(values: &[&str]) -> Value {
    json!({"type": "string", "enum": values})
}
fn array(items: Value) -> Value {
    json!({"type": "array", "items": items})
}

/// The JSON Schema (draft 2020-12) of `rehabplan plan --format json`.
pub fn schema() -> Value {
    let mut plan = object(
        &[
            ("format_version", json!({"const": FORMAT_VERSION})),
            ("disclaimer", string()),
            ("see_a_doctor_if", strings()),
            ("warning_signs", array(warning_signs())),
            (
                "screening",
                one_of(&["not-screened", "screened", "cleared-by-clinician"]),
            ),
            ("patient", maybe_string()),
            (
                "cause",
                object(&[("id", string()), ("title", string())], &[]),
            ),
            ("program", program()),
            ("start", date()),
            ("end", date()),
            ("training_days", array(weekday())),
            ("level", one_of(&["beginner", "intermediate", "advanced"])),
            ("weeks", array(week())),
            ("warnings", strings()),
            ("exercises", array(library_exercise())),
        ],
        &[
            ("not_screened", string()),
            ("runs", array(run())),
            ("checks", array(check_point())),
        ],
    );
    let top = plan.as_object_mut().expect("an object");
    let mut head = serde_json::Map::new();
    head.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    head.insert(
        "$id".into(),
        json!(format!("rehabplan-plan-v{FORMAT_VERSION}.json")),
    );
    head.insert("title".into(), json!("rehabplan plan --format json"));
    head.insert(
        "description".into(),
        json!("A dated rehab plan. Show `disclaimer` and `see_a_doctor_if` wherever the plan is shown."),
    );
    head.append(top);
    Value::Object(head)
}

fn weekday() -> Value {
    one_of(&["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
}

/// What an exercise is, as both a session's item and the library entry start.
fn exercise_head() -> [(&'static str, Value); 5] {
    let categories: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    let positions: Vec<&str> = Position::ALL.iter().map(|p| p.as_str()).collect();
    [
        ("id", string()),
        ("name", string()),
        ("category", one_of(&categories)),
        ("position", one_of(&positions)),
        ("equipment", strings()),
    ]
}

/// The signs of one urgency, with their printed heading.
fn warning_signs() -> Value {
    object(
        &[
            ("urgency", one_of(&["emergency", "same-day", "days"])),
            ("heading", string()),
            ("signs", strings()),
        ],
        &[],
    )
}

/// A week of the plan, with its sessions.
fn week() -> Value {
    object(
        &[
            ("number", count()),
            ("program_week", count()),
            ("phase", string()),
            ("phase_number", count()),
            ("maintenance", boolean()),
            ("start", date()),
            ("end", date()),
            ("goals", strings()),
            ("progress_when", strings()),
            ("sessions", array(session())),
        ],
        &[("adjustment", string())],
    )
}

/// A dated session and its exercises.
fn session() -> Value {
    object(
        &[
            ("date", date()),
            ("weekday", weekday()),
            ("kind", one_of(&["training", "daily", "run"])),
            ("exercises", array(session_exercise())),
            ("minutes", json!({"type": "number", "minimum": 0})),
        ],
        &[("left_out", strings())],
    )
}

/// An exercise of a session, with that day's dose.
fn session_exercise() -> Value {
    let dose = [
        ("sets", count()),
        ("reps", maybe_count()),
        ("hold_seconds", maybe_count()),
        ("time_seconds", maybe_count()),
        ("distance_m", maybe_count()),
        ("per_side", boolean()),
        ("load", maybe_string()),
        ("tempo", maybe_string()),
        ("rest_seconds", count()),
        ("minutes", json!({"type": "number", "minimum": 0})),
    ];
    object(
        &[exercise_head().as_slice(), &dose].concat(),
        &[
            ("times_a_day", json!({"type": "integer", "minimum": 2})),
            ("note", string()),
            ("caution", string()),
            ("explain", strings()),
        ],
    )
}

/// An exercise of the plan's library section.
fn library_exercise() -> Value {
    let text = [
        ("muscles", strings()),
        ("instructions", strings()),
        ("cues", strings()),
        ("mistakes", strings()),
        ("easier", strings()),
        ("harder", strings()),
        ("source", string()),
        ("license", string()),
    ];
    object(&[exercise_head().as_slice(), &text].concat(), &[])
}

/// The program the plan follows: its text, rules, references and clinician notes.
fn program() -> Value {
    let reference = object(
        &[
            ("id", string()),
            ("citation", string()),
            ("verified", boolean()),
        ],
        &[],
    );
    let clinician_note = object(&[("about", string()), ("text", string())], &[]);
    object(
        &[
            ("id", string()),
            ("title", string()),
            ("summary", string()),
            ("description", string()),
            ("location_note", string()),
            ("evidence", one_of(&["trial", "extrapolated"])),
            ("evidence_note", string()),
            ("red_flags", strings()),
            ("general_red_flags", one_of(&["extend", "replace"])),
            ("pain_rule", pain_rule()),
            ("references", array(reference)),
            ("weeks", count()),
            ("clinician_notes", array(clinician_note)),
        ],
        &[
            ("return_to_run", return_to_run()),
            ("checks", array(check())),
        ],
    )
}

fn pain_rule() -> Value {
    object(
        &[
            ("green_max", count()),
            ("amber_max", count()),
            ("settle_by_morning", boolean()),
            ("source", string()),
            ("note", string()),
            ("rationale", string()),
        ],
        &[],
    )
}

/// The run ladder and its stages.
fn return_to_run() -> Value {
    let stage = object(
        &[
            ("walk", count()),
            ("run", count()),
            ("distance", count()),
            ("effort", string()),
        ],
        &[("what", string()), ("check", strings())],
    );
    object(
        &[
            ("start_week", count()),
            ("repeat", count()),
            ("per_week", count()),
            ("source", string()),
            ("entry_criteria", strings()),
            ("rules", strings()),
            ("stages", array(stage)),
            ("rationale", string()),
        ],
        &[],
    )
}

/// A run of the ladder: undated, gated on the entry criteria.
fn run() -> Value {
    object(
        &[
            ("number", count()),
            ("stage", count()),
            ("stages", count()),
            ("what", string()),
            ("distance_m", count()),
        ],
        &[
            ("effort", string()),
            ("shortened_from_m", count()),
            ("check", strings()),
        ],
    )
}

/// A progress check: what to do and write down.
fn check() -> Value {
    object(
        &[
            ("id", string()),
            ("name", string()),
            ("steps", strings()),
            ("record", string()),
            ("max", count()),
        ],
        &[
            ("unit", string()),
            ("reference", string()),
            ("rationale", string()),
        ],
    )
}

/// A day the progress checks are done on, with the results logged.
fn check_point() -> Value {
    object(
        &[
            ("when", one_of(&["start", "middle", "end"])),
            ("week", count()),
            ("date", date()),
        ],
        &[(
            "results",
            array(object(
                &[("check", string()), ("value", count()), ("date", date())],
                &[],
            )),
        )],
    )
}
