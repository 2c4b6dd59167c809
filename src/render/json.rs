//! The plan as JSON: every field of the plan, plus the safety text a consumer must show.

use crate::plan::types::Plan;
use crate::template::Wording;
use serde::Serialize;

#[derive(Serialize)]
struct JsonPlan<'a> {
    disclaimer: &'a str,
    see_a_doctor_if: Vec<&'a str>,
    #[serde(flatten)]
    plan: &'a Plan,
}

pub fn render(plan: &Plan, wording: &Wording) -> Vec<u8> {
    let doc = JsonPlan {
        disclaimer: &wording.disclaimer,
        see_a_doctor_if: wording
            .red_flags
            .iter()
            .chain(&plan.program.red_flags)
            .map(String::as_str)
            .collect(),
        plan,
    };
    let mut out = serde_json::to_vec_pretty(&doc).expect("a plan is plain data");
    out.push(b'\n');
    out
}
