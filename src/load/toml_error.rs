//! The toml crate's syntax and type errors in words a therapist reads: a diagnostic at the
//! error's span, with our message and a hint for the common cases.

use super::Source;
use crate::diag::Diagnostic;
use crate::diag::{is_too_large_integer, unquoted};

/// A TOML syntax or type error as a diagnostic at its place, with a hint for the common cases.
pub fn toml_diagnostic(source: &Source, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let span = e.span().unwrap_or(0..0);
    let written = source.text.get(span.clone()).unwrap_or("");
    let wrong = (!is_too_large_integer(written))
        .then(|| wrong_type(&message, written, key_before(&source.text, span.start)))
        .flatten();
    let (message, hint) = wrong.unwrap_or_else(|| explain_toml(&message, written));
    Diagnostic::at(&source.name, &source.text, span, message).hint(hint)
}

/// The key a value at `at` is written for (`sets` in `sets = "three"`, also inside an inline
/// table), read from the file; `None` when the text before it is not `key =`.
fn key_before(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let head = line.trim_end().strip_suffix('=')?.trim_end();
    let start = head
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'))
        .map_or(0, |i| i + 1);
    let key = &head[start..];
    (!key.is_empty()).then_some(key)
}

/// serde's "invalid type: string \"three\", expected i64" in words a therapist reads: the
/// key and the value as written in the file, and the kind of value wanted. `None` for other
/// errors, or a type we have no words for.
fn wrong_type(message: &str, written: &str, key: Option<&str>) -> Option<(String, String)> {
    let expected = message
        .strip_prefix("invalid type: ")?
        .rsplit_once(", expected ")?
        .1;
    let expected = expected.lines().next().unwrap_or(expected).trim();
    let key = key?;
    let written = written.trim();
    if written.is_empty() || written.contains('\n') {
        return None;
    }
    let (wanted, example) = match expected {
        "i64" | "u64" | "i32" | "u32" | "u8" | "u16" | "integer" => (
            "a whole number",
            format!("write it without quotes, e.g. {key} = 3"),
        ),
        "f64" | "f32" | "float" => (
            "a number",
            format!("write it without quotes, e.g. {key} = 1.5"),
        ),
        "a string" => (
            "text in quotes",
            format!("put it in quotes, e.g. {key} = \"...\""),
        ),
        "a sequence" => (
            "a list",
            "this key takes a list, e.g. [\"first\", \"second\"]".to_string(),
        ),
        "a boolean" => (
            "true or false",
            format!("write {key} = true or {key} = false, without quotes"),
        ),
        _ => return None,
    };
    Some((format!("`{key}` must be {wanted}, not {written}"), example))
}

/// Our message and hint for the toml crate's error `message` at the text `written` (what the
/// error's span covers in the file). What can be read from the file is: the unknown key or
/// value (the span) and a number too large for 64 bits. The kind of error and the allowed
/// keys are only in the message: serde's wording ("unknown field `x`, expected one of `a`,
/// `b`", "invalid type", "missing field", "expected a sequence") and toml's ("duplicate
/// key"), pinned by `toml_messages_we_read` for the toml version in Cargo.lock.
pub fn explain_toml(message: &str, written: &str) -> (String, String) {
    let first = message.lines().next().unwrap_or(message).to_string();
    if is_too_large_integer(written) {
        return (
            "this number is too large".to_string(),
            "the numbers in these files are small: sets 1-10, reps 1-100, seconds up to 7200"
                .to_string(),
        );
    }
    let ticks = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    for (prefix, what) in [("unknown field", "key"), ("unknown variant", "value")] {
        if let Some(rest) = first.strip_prefix(prefix) {
            let (head, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
            let word = match unquoted(written) {
                "" => ticks(head).into_iter().next().unwrap_or_default(),
                w => w.to_string(),
            };
            let allowed = ticks(expected);
            let list = allowed
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = match crate::diag::did_you_mean(&word, allowed.iter().map(String::as_str)) {
                Some(c) => format!("did you mean `{c}`?"),
                None if !allowed.is_empty() => format!("allowed {what}s here: {list}"),
                None => format!("check the spelling of the {what}"),
            };
            return (format!("{prefix} `{word}`"), hint);
        }
    }
    if first.contains("untagged enum RawWeeks") {
        return (
            "`weeks` is neither a week number nor a range".to_string(),
            "write weeks = \"1-4\" (an inclusive range) or weeks = 3 (one week)".to_string(),
        );
    }
    let hint = if first.contains("expected a sequence") {
        "this key takes a list, e.g. [\"first\", \"second\"]"
    } else if first.starts_with("missing field") {
        "add it; docs/program-format.md lists what each table needs"
    } else if first.starts_with("invalid type") {
        "check the value's type: text needs quotes, numbers and true/false do not"
    } else if first.starts_with("duplicate key") {
        "each key may appear once per table; remove or rename one"
    } else {
        "this is a TOML syntax error: check the quotes, brackets and `=` on this line"
    };
    (first, hint.to_string())
}

#[cfg(test)]
mod tests {
    use crate::load::raw::{ExerciseFile, RawProgram};
    use crate::load::{parse_all, quick_kind, Kind, Layer, Source};

    /// A file with one error: its text, what toml says (the start of its message), and our
    /// message and hint for it.
    const CASES: [(&str, &str, &str, &str); 8] = [
        (
            "[[exercise]]\nid = \"a\"\ncategroy = 1\n",
            "unknown field `categroy`, expected one of",
            "unknown field `categroy`",
            "did you mean `category`?",
        ),
        (
            "id = \"p\"\nevidence = \"strong\"\n",
            "unknown variant `strong`, expected `trial` or `extrapolated`",
            "unknown variant `strong`",
            "allowed values here: `trial`, `extrapolated`",
        ),
        (
            "id = \"p\"\n[[phase]]\nname = \"x\"\nweeks = 1.5\nsessions_per_week = 2\n",
            "data did not match any variant of untagged enum RawWeeks",
            "`weeks` is neither a week number nor a range",
            "write weeks = \"1-4\" (an inclusive range) or weeks = 3 (one week)",
        ),
        (
            "id = \"p\"\naliases = \"x\"\n",
            "invalid type: string \"x\", expected a sequence",
            "`aliases` must be a list, not \"x\"",
            "this key takes a list, e.g. [\"first\", \"second\"]",
        ),
        (
            "id = \"p\"\n[[phase]]\nname = \"x\"\nweeks = 1\n",
            "missing field `sessions_per_week`",
            "missing field `sessions_per_week`",
            "add it; docs/program-format.md lists what each table needs",
        ),
        (
            "id = \"p\"\ntitle = 3\n",
            "invalid type: integer `3`, expected a string",
            "`title` must be text in quotes, not 3",
            "put it in quotes, e.g. title = \"...\"",
        ),
        (
            "id = \"p\"\nid = \"q\"\n",
            "duplicate key",
            "duplicate key",
            "each key may appear once per table; remove or rename one",
        ),
        (
            "id = \"p\"\ntitle = 99999999999999999999\n",
            "",
            "this number is too large",
            "the numbers in these files are small: sets 1-10, reps 1-100, seconds up to 7200",
        ),
    ];

    /// The toml crate gives an error's message and span, no kind: `explain_toml` reads the
    /// kind from these messages (serde's and toml's wording). They are pinned here for the
    /// toml version in Cargo.lock; when toml is updated and this fails, look at the new
    /// messages and update `explain_toml` (and `template::explain_toml_error`) to match.
    #[test]
    fn toml_messages_we_read() {
        let lock = include_str!("../../Cargo.lock");
        assert!(
            lock.contains("name = \"toml\"\nversion = \"1.2.1+spec-1.1.0\""),
            "toml was updated: check the messages below, then the version in this test"
        );
        let src = |name: &str, text: &str| Source {
            name: name.into(),
            text: text.into(),
            dir: None,
            layer: Layer::User,
        };
        for (text, toml_says, message, hint) in CASES {
            let loaded = parse_all(vec![src("t.toml", text)]);
            let e = match quick_kind(text) {
                Some(Kind::Exercises) => toml::from_str::<ExerciseFile>(text).err(),
                _ => toml::from_str::<RawProgram>(text).err(),
            }
            .expect("an error");
            assert!(
                e.message().starts_with(toml_says),
                "toml now says {:?} (was {toml_says:?})",
                e.message()
            );
            let d = loaded
                .diagnostics
                .iter()
                .find(|d| d.message == message)
                .unwrap_or_else(|| panic!("{text:?}: {:?}", loaded.diagnostics));
            assert_eq!(d.hint, hint, "{text:?}");
        }
    }
}
