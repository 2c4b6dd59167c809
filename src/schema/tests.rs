//! The schemas list exactly the keys the raw types accept (read from serde's "unknown field"
//! messages), and every key the template schema lists parses.

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
    let mut slot_keys = accepted::<RawProgram>("id = \"a\"\n[[phase]]\n[[phase.slot]]\nzzz = 1");
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
        accepted::<RawProgram>("id = \"a\"\n[[phase]]\n[[phase.slot]]\nschedule = [{ zzz = 1 }]")
    );
    let prog = &phase["properties"]["slot"]["items"]["properties"]["progression"];
    assert_eq!(
        listed(prog),
        accepted::<RawProgram>("id = \"a\"\n[[phase]]\n[[phase.slot]]\nprogression = { zzz = 1 }")
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
    let full =
        crate::validate::template::parse(&doc, "t.toml", None).unwrap_or_else(|d| panic!("{d:?}"));
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
