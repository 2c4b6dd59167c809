//! Machine-readable output: `format_version` and an object at the top of every JSON document,
//! the plan's JSON Schema (`rehabplan schema plan`) checked against real output, and
//! `validate --format json`.

use super::*;
use serde_json::Value;

/// A small JSON Schema check, enough for the keywords `rehabplan schema plan` uses: type (one
/// or a list), enum, const, minimum, required, properties, additionalProperties: false, items.
/// Returns every violation with its JSON path.
fn check(schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let type_ok = |t: &str| match t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        other => panic!("the schema uses type {other}"),
    };
    match &schema["type"] {
        Value::String(t) if !type_ok(t) => errors.push(format!("{path}: not a {t}: {value}")),
        Value::Array(ts) if !ts.iter().any(|t| type_ok(t.as_str().unwrap())) => {
            errors.push(format!("{path}: not any of {ts:?}: {value}"))
        }
        _ => {}
    }
    if let Some(e) = schema.get("enum") {
        if !e.as_array().unwrap().contains(value) {
            errors.push(format!("{path}: {value} is not one of {e}"));
        }
    }
    if let Some(c) = schema.get("const") {
        if c != value {
            errors.push(format!("{path}: {value} is not {c}"));
        }
    }
    if let (Some(min), Some(n)) = (schema.get("minimum"), value.as_f64()) {
        if n < min.as_f64().unwrap() {
            errors.push(format!("{path}: {n} is below {min}"));
        }
    }
    if let Some(obj) = value.as_object() {
        for r in schema["required"].as_array().into_iter().flatten() {
            if !obj.contains_key(r.as_str().unwrap()) {
                errors.push(format!("{path}: `{r}` is missing"));
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (k, v) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => check(s, v, &format!("{path}.{k}"), errors),
                None if schema["additionalProperties"] == Value::Bool(false) => {
                    errors.push(format!("{path}: `{k}` is not in the schema"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(list)) = (schema.get("items"), value.as_array()) {
        for (i, v) in list.iter().enumerate() {
            check(items, v, &format!("{path}[{i}]"), errors);
        }
    }
}

#[test]
fn real_plans_match_the_plan_schema() {
    let schema = json(&run(&["schema", "plan"]));
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let dir = scratch("schema-plan");
    std::fs::write(
        dir.join("pain.toml"),
        "[[entry]]\ndate = \"2027-01-05\"\npain_during = 6\npain_next_morning = 4\ncompleted = true\n",
    )
    .unwrap();
    let mut plans = Vec::new();
    for cause in CAUSES {
        plans.push(json(&run(&[
            "plan",
            "--cause",
            cause,
            "--start",
            "2027-01-04",
            "--format",
            "json",
            "--explain",
        ])));
    }
    // Short sessions (left_out), maintenance weeks, a patient, an adjusted plan.
    plans.push(json(&run(&[
        "plan",
        "--cause",
        "itbs",
        "--minutes",
        "10",
        "--weeks",
        "16",
        "--name",
        "Zoë",
        "--level",
        "beginner",
        "--format",
        "json",
    ])));
    plans.push(json(&run_in(
        &dir,
        &[
            "adjust",
            "--cause",
            "meniscus",
            "--start",
            "2027-01-04",
            "--log",
            "pain.toml",
            "--format",
            "json",
        ],
    )));
    for plan in &plans {
        let mut errors = Vec::new();
        check(&schema, plan, "$", &mut errors);
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
    // The check would see a field the schema does not describe.
    let mut extra = plans[0].clone();
    extra["weeks"][0]["sessions"][0]["colour"] = "blue".into();
    let mut errors = Vec::new();
    check(&schema, &extra, "$", &mut errors);
    assert_eq!(
        errors,
        ["$.weeks[0].sessions[0]: `colour` is not in the schema"]
    );
}

#[test]
fn every_json_document_is_an_object_with_a_format_version() {
    let dir = scratch("format-version");
    std::fs::write(
        dir.join("pain.toml"),
        "[[entry]]\ndate = \"2027-01-05\"\npain_during = 2\n",
    )
    .unwrap();
    let docs = [
        (
            json(&run(&["plan", "--cause", "pfps", "--format", "json"])),
            "weeks",
        ),
        (
            json(&run_in(
                &dir,
                &[
                    "adjust",
                    "--cause",
                    "pfps",
                    "--start",
                    "2027-01-04",
                    "--log",
                    "pain.toml",
                    "--format",
                    "json",
                ],
            )),
            "weeks",
        ),
        (json(&run(&["causes", "--format", "json"])), "causes"),
        (json(&run(&["exercises", "--format", "json"])), "exercises"),
        (json(&run(&["validate", "--format", "json"])), "problems"),
    ];
    for (doc, key) in docs {
        assert_eq!(doc["format_version"], 1, "{doc}");
        assert!(doc.get(key).is_some(), "no `{key}` in {doc}");
    }
}

#[test]
fn validate_gives_its_problems_as_json() {
    let r = run(&[
        "validate",
        "tests/fixtures/malformed/wrong-types.toml",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["ok"], false);
    assert_eq!(
        doc["problems"],
        serde_json::json!([{
            "file": "tests/fixtures/malformed/wrong-types.toml",
            "line": 6,
            "column": 13,
            "message": "`red_flags` must be a list, not \"not a list\"",
            "hint": "this key takes a list, e.g. [\"first\", \"second\"]",
        }])
    );
    let ok = json(&run(&["validate", "--format", "json"]));
    assert_eq!(ok["ok"], true);
    assert_eq!(ok["programs"], 7);
    assert_eq!(ok["problems"], serde_json::json!([]));
}
