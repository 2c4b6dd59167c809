//! The print template's schema: its name, `[page]`, `[style]`, `[clinic]` and the `[text]`
//! wording keys (from `template::TEXT_KEYS`).

use super::{file, obj, text};
use crate::template::{FONT_SIZE_PT, MARGIN_MM, TEXT_KEYS};
use serde_json::{json, Value};

pub(super) fn template() -> Value {
    let s = obj(
        vec![
            (
                "extends",
                text("The built-in template this one changes (default en): en, large-print, de."),
            ),
            ("name", text("The template's name, used with --template.")),
            (
                "language",
                text("Language tag of the wording, e.g. en or de."),
            ),
            ("page", page()),
            ("style", style()),
            ("clinic", clinic()),
            ("text", wording()),
        ],
        &[],
    );
    file(s, "rehabplan print template")
}

/// `[page]`: paper, margins and type size.
fn page() -> Value {
    let mm = |d: &str| json!({ "type": "number", "minimum": MARGIN_MM.0, "maximum": MARGIN_MM.1, "description": d });
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
                json!({ "type": "number", "minimum": FONT_SIZE_PT.0, "maximum": FONT_SIZE_PT.1, "description": "Body text size in points." }),
            ),
        ],
        &[],
    )
}

/// `[style]`: the colours.
fn style() -> Value {
    let colour =
        |d: &str| json!({ "type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "description": d });
    obj(
        vec![
            ("accent", colour("Headings and rules.")),
            ("green", colour("The traffic light's green row.")),
            ("amber", colour("The amber row.")),
            ("red", colour("The red row.")),
        ],
        &[],
    )
}

/// `[clinic]`: the header's name, address, phone and logo.
fn clinic() -> Value {
    obj(
        vec![
            ("name", text("Clinic name in the header.")),
            ("address", text("Address; lines separated by newlines.")),
            ("phone", text("Phone number.")),
            (
                "logo",
                text("PNG or JPEG file, relative to the template file."),
            ),
        ],
        &[],
    )
}

/// `[text]`: every wording key, a text or a list of texts.
fn wording() -> Value {
    let mut keys = Vec::new();
    for spec in TEXT_KEYS {
        let v = if spec.list {
            json!({ "type": "array", "items": { "type": "string" }, "description": spec.help.trim() })
        } else {
            json!({ "type": "string", "description": spec.help.trim() })
        };
        keys.push((spec.key, v));
    }
    obj(keys, &[])
}
