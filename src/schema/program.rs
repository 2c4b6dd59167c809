//! The program file's schema: the top level, then one function per table (red flags, pain
//! rule, references, phases and their slots, doses and schedule steps, return to run, checks,
//! and the `[[add]]`, `[[change]]`, `[[remove]]` of a program that extends another).

use super::{file, id, int, obj, rationale, tables, text, texts};
use serde_json::{json, Value};

pub(super) fn program() -> Value {
    let s = obj(
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
            ("red_flags", red_flags()),
            (
                "general_red_flags",
                json!({ "enum": ["extend", "replace"], "description": "extend (default): the general knee warning signs and questions apply too; replace: only this program's own." }),
            ),
            ("pain_rule", pain_rule()),
            ("reference", tables(reference())),
            ("phase", tables(phase())),
            ("return_to_run", return_to_run()),
            ("check", checks()),
            ("change", tables(change())),
            (
                "add",
                tables(obj(slot_props("add"), &["phase", "exercise"])),
            ),
            ("remove", tables(remove())),
            (
                "rationale",
                rationale("The program's clinical reasoning."),
            ),
        ],
        &["id"],
    );
    file(s, "rehabplan program")
}

/// `[[red_flags]]`: the program's own warning signs.
fn red_flags() -> Value {
    let flag = obj(
        vec![
            (
                "urgency",
                json!({ "enum": ["emergency", "same-day", "days"], "description": "emergency: call emergency services now; same-day: get seen the same day; days: see a doctor within a few days." }),
            ),
            ("sign", text("The sign as printed in the warning box.")),
            (
                "question",
                text("The sign as a yes/no screening question, ending in \"?\"."),
            ),
            ("why", text("Why a yes needs a doctor (patient-facing).")),
            (
                "rationale",
                rationale("The evidence for the sign and its grade."),
            ),
        ],
        &["urgency", "sign", "question"],
    );
    json!({ "type": "array", "description": "Cause-specific warning signs, each graded by urgency; printed with the general list (unless general_red_flags = \"replace\") and asked as screening questions.", "items": flag })
}

/// `[pain_rule]`: the traffic light.
fn pain_rule() -> Value {
    obj(
        vec![
            ("green_max", int("0..=green_max: fine.", 0, 10)),
            (
                "amber_max",
                int("Up to this: acceptable if settled by next morning.", 0, 10),
            ),
            ("settle_by_morning", json!({ "type": "boolean" })),
            ("reference", text("Reference id.")),
            (
                "source",
                text("Old name of `reference` (accepted with a warning)."),
            ),
            ("note", text("An extra sentence, read by the patient.")),
            (
                "rationale",
                rationale("Why this rule, and where it comes from."),
            ),
        ],
        &["green_max", "amber_max"],
    )
}

/// One `[[reference]]`.
fn reference() -> Value {
    obj(
        vec![
            ("id", id("Reference id, used by `reference`.")),
            ("citation", text("Authors, year, journal, volume:pages.")),
            (
                "verified",
                json!({ "type": "boolean", "description": "false prints [unverified]." }),
            ),
        ],
        &["id", "citation"],
    )
}

/// One `[[phase]]`, with its slots.
fn phase() -> Value {
    let slot = obj(slot_props("slot"), &["exercise"]);
    obj(
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
            ("slot", tables(slot)),
            ("rationale", rationale("Why the phase looks as it does.")),
        ],
        &["name", "weeks", "sessions_per_week"],
    )
}

/// The keys of a slot (`kind` "slot"), an `[[add]]` ("add", with its phase) or a
/// `[[change]]` ("change", with its phase and the slot it changes).
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

/// The dose keys of a slot, or (`with_week`) of a schedule step, which also has its week, a
/// new exercise, a note and a rationale.
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

/// A slot's `progression` rule.
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

/// `[return_to_run]`: the run ladder and its stages.
fn return_to_run() -> Value {
    obj(
        vec![
            (
                "start_week",
                int(
                    "The program week from which the patient may try the entry checklist.",
                    1,
                    104,
                ),
            ),
            (
                "repeat",
                int("Runs at each stage before the next (default 2).", 1, 6),
            ),
            ("per_week", int("Runs a week at most (default 3).", 1, 4)),
            ("reference", text("Reference id.")),
            (
                "source",
                text("Old name of `reference` (accepted with a warning)."),
            ),
            (
                "entry_criteria",
                texts("When the patient may start, printed."),
            ),
            ("rules", texts("The ladder's rules, printed.")),
            ("stage", tables(stage())),
            (
                "rationale",
                rationale("Why this ladder, and where it comes from."),
            ),
        ],
        &["start_week", "stage"],
    )
}

/// One `[[return_to_run.stage]]`.
fn stage() -> Value {
    obj(
        vec![
            (
                "walk",
                int("Seconds of walking between runs (0 = continuous).", 0, 1800),
            ),
            ("run", int("Seconds of running per interval.", 0, 3600)),
            ("distance", int("Total metres.", 100, 42195)),
            ("effort", text("Effort, e.g. \"3/10, easy\".")),
            (
                "what",
                text("What the run is, instead of the walk/run pattern (e.g. strides), printed."),
            ),
            (
                "check",
                texts("A checklist to tick before this stage's first run, printed."),
            ),
        ],
        &["walk", "run", "distance"],
    )
}

/// `[[check]]`: the progress checks.
fn checks() -> Value {
    let check = obj(
        vec![
            (
                "id",
                id("The check's id, used by `rehabplan log --check ID=N`."),
            ),
            ("name", text("The check's short name, printed.")),
            ("steps", texts("How to do it, step by step, printed.")),
            ("record", text("What to write in the box, printed.")),
            (
                "unit",
                text("The number's unit, e.g. \"squats\" or \"/10\", printed."),
            ),
            (
                "max",
                int(
                    "The largest number that can be written (0 is the smallest).",
                    1,
                    1000,
                ),
            ),
            ("reference", id("The [[reference]] the check comes from.")),
            (
                "rationale",
                rationale("Where the check comes from and how far it is validated."),
            ),
        ],
        &["id", "name", "steps", "record", "max", "reference"],
    );
    json!({ "type": "array", "description": "Progress checks, done at the start, halfway and at the end of the plan; each a number the patient writes down.", "items": check })
}

/// One `[[change]]`: a slot's keys, its exercise a swap.
fn change() -> Value {
    let props = slot_props("change")
        .into_iter()
        .filter(|(k, _)| *k != "exercise")
        .chain([("exercise", id("Swap the slot's exercise for this one."))])
        .collect();
    obj(props, &["phase", "slot"])
}

/// One `[[remove]]`.
fn remove() -> Value {
    obj(
        vec![
            ("phase", int("Phase number.", 1, 104)),
            ("slot", id("The slot's exercise id.")),
        ],
        &["phase", "slot"],
    )
}
