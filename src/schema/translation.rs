//! The translation file's schema (`programs/lang/<language>/`): the source's patient-facing
//! keys, keyed by id (docs/program-format.md, "Translations"), one function per table.

use super::{id, int, obj, text, texts};
use serde_json::{json, Value};

pub(super) fn translation() -> Value {
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
                json!({ "type": "array", "description": "The program's own warning signs, in the program's order.", "items": red_flag() }),
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
                json!({ "type": "array", "items": phase(), "description": "Phases, in the source's order." }),
            ),
            ("return_to_run", return_to_run()),
            (
                "check",
                json!({ "type": "array", "description": "Progress checks, by id.", "items": check() }),
            ),
            (
                "exercise",
                json!({ "type": "array", "items": exercise(), "description": "Exercises, by id." }),
            ),
        ],
        &["translation"],
    );
    v["title"] = json!("rehabplan translation file");
    v
}

/// One of the program's own warning signs.
fn red_flag() -> Value {
    obj(
        vec![
            ("sign", text("The sign, as it is listed.")),
            ("question", text("The screening question.")),
            ("why", text("Why it needs a doctor.")),
        ],
        &[],
    )
}

/// One `[[phase]]`, with its slots.
fn phase() -> Value {
    obj(
        vec![
            ("name", text("The phase's name.")),
            ("goals", texts("The phase's goals, entry by entry.")),
            ("progress_when", texts("When to move on, entry by entry.")),
            (
                "slot",
                json!({ "type": "array", "items": slot(), "description": "Slots, by the exercise they start with." }),
            ),
        ],
        &[],
    )
}

/// One `[[phase.slot]]`, by the exercise the source slot starts with.
fn slot() -> Value {
    obj(
        vec![
            ("exercise", id("The exercise the source slot starts with.")),
            ("note", text("The slot's note.")),
            ("load", text("The slot's load.")),
            (
                "schedule",
                json!({ "type": "array", "items": step(), "description": "Schedule steps, by week." }),
            ),
        ],
        &["exercise"],
    )
}

/// One schedule step, by week.
fn step() -> Value {
    obj(
        vec![
            (
                "week",
                int("The week of the source's schedule step.", 1, 104),
            ),
            ("note", text("The step's note.")),
            ("load", text("The step's load.")),
        ],
        &["week"],
    )
}

/// `[return_to_run]` and its stages.
fn return_to_run() -> Value {
    obj(
        vec![
            ("entry_criteria", texts("Entry criteria, entry by entry.")),
            ("rules", texts("Rules, entry by entry.")),
            (
                "stage",
                json!({ "type": "array", "items": stage(), "description": "Stages, in order." }),
            ),
        ],
        &[],
    )
}

/// One `[[return_to_run.stage]]`, in order.
fn stage() -> Value {
    obj(
        vec![
            ("effort", text("How hard the stage should feel.")),
            ("what", text("What the run is (e.g. strides).")),
            (
                "check",
                texts("The checklist before the stage, entry by entry."),
            ),
        ],
        &[],
    )
}

/// One progress check, by id.
fn check() -> Value {
    obj(
        vec![
            ("id", id("The check this entry translates.")),
            ("name", text("The check's name.")),
            ("steps", texts("Its steps, entry by entry.")),
            ("record", text("What to write down.")),
            ("unit", text("The number's unit.")),
        ],
        &["id"],
    )
}

/// One `[[exercise]]`, by id.
fn exercise() -> Value {
    obj(
        vec![
            ("id", id("The exercise's id.")),
            ("name", text("The exercise's name.")),
            ("instructions", texts("The steps, entry by entry.")),
            ("cues", texts("The tips, entry by entry.")),
            ("mistakes", texts("The common mistakes, entry by entry.")),
            ("caution_note", text("The caution note.")),
        ],
        &["id"],
    )
}
