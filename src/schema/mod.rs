//! JSON Schemas for the input files, for editor completion and checking (Taplo / Even Better
//! TOML read a `#:schema path.json` line at the top of a TOML file).
//!
//! The schemas are written out here rather than derived, because the raw types carry spans;
//! a test checks that each schema lists exactly the keys the raw types accept. One module per
//! kind of file, one function per table.

mod exercises;
mod program;
mod template;
#[cfg(test)]
mod tests;
mod translation;

use exercises::exercises;
use program::program;
use serde_json::{json, Map, Value};
use template::template;
use translation::translation;

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

/// A whole file's schema: draft-07, with its title.
fn file(mut s: Value, title: &str) -> Value {
    s["$schema"] = json!("http://json-schema.org/draft-07/schema#");
    s["title"] = json!(title);
    s
}

fn obj(props: Vec<(&str, Value)>, required: &[&str]) -> Value {
    let mut m = Map::new();
    for (k, v) in props {
        m.insert(k.to_string(), v);
    }
    json!({ "type": "object", "additionalProperties": false, "required": required, "properties": m })
}

/// An array of tables.
fn tables(items: Value) -> Value {
    json!({ "type": "array", "items": items })
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

/// A clinician-only text field.
fn rationale(what: &str) -> Value {
    text(&format!(
        "{what} Clinician-only: printed only in the therapist's section, never on the patient's pages."
    ))
}
