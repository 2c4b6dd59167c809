//! (temporary stub until the template module lands)
use crate::diag::Diagnostic;
use crate::model::PainRule;
use crate::plan::types::Item;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub text: Wording,
}

#[derive(Debug, Clone, Default)]
pub struct Wording {
    pub disclaimer: String,
    pub red_flags_title: String,
    pub red_flags: Vec<String>,
}

impl Wording {
    pub fn dose(&self, item: &Item) -> String {
        let mut s = format!("{} x ", item.sets);
        if let Some(h) = item.hold_seconds {
            if let Some(r) = item.reps {
                s.push_str(&format!("{r} x "));
            }
            s.push_str(&format!("{h} s hold"));
        } else if let Some(t) = item.time_seconds {
            s.push_str(&format!("{} min", t / 60));
        } else if let Some(r) = item.reps {
            s.push_str(&r.to_string());
        }
        if item.per_side {
            s.push_str(" each side");
        }
        s
    }
    pub fn pain_rule_lines(&self, r: &PainRule) -> [String; 3] {
        [
            format!("0-{}: fine", r.green_max),
            format!(
                "{}-{}: acceptable if settled by next morning",
                r.green_max + 1,
                r.amber_max
            ),
            format!("above {}: stop", r.amber_max),
        ]
    }
}

pub fn builtin_names() -> &'static [&'static str] {
    &["en"]
}

pub fn builtin(_name: &str) -> Option<Template> {
    Some(Template {
        name: "en".into(),
        text: Wording {
            disclaimer: "This plan is not medical advice.".into(),
            red_flags_title: "Stop and see a doctor if".into(),
            red_flags: vec!["swelling".into(), "locking".into()],
        },
    })
}

pub fn parse(
    _source: &str,
    file: &str,
    _base_dir: Option<&Path>,
) -> Result<Template, Vec<Diagnostic>> {
    let mut t = builtin("en").unwrap();
    t.name = file.to_string();
    Ok(t)
}

pub fn schema() -> serde_json::Value {
    serde_json::json!({})
}
