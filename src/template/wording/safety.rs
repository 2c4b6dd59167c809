//! The safety text in words: the warning signs grouped by urgency, and the pain traffic
//! light with its thresholds filled in.

use super::Wording;
use crate::model::PainRule;
use crate::template::fill;

impl Wording {
    /// The warning signs of a plan grouped by urgency, most urgent first: each group's heading
    /// and its signs (the template's general ones, unless the program replaces them, then the
    /// program's own). Every renderer prints them in this order with these headings.
    pub fn red_flag_groups<'a>(
        &'a self,
        program: &'a crate::model::Program,
    ) -> Vec<(crate::model::Urgency, &'a str, Vec<&'a str>)> {
        use crate::model::{GeneralRedFlags, Urgency};
        let general = program.general_red_flags == GeneralRedFlags::Extend;
        Urgency::ALL
            .iter()
            .map(|&u| {
                let (title, list) = match u {
                    Urgency::Emergency => {
                        (&self.red_flags_emergency_title, &self.red_flags_emergency)
                    }
                    Urgency::SameDay => (&self.red_flags_same_day_title, &self.red_flags_same_day),
                    Urgency::Days => (&self.red_flags_days_title, &self.red_flags),
                };
                let mut signs: Vec<&str> = Vec::new();
                if general {
                    signs.extend(list.iter().map(String::as_str));
                }
                signs.extend(
                    program
                        .red_flags
                        .iter()
                        .filter(|f| f.urgency == u)
                        .map(|f| f.sign.as_str()),
                );
                (u, title.as_str(), signs)
            })
            .filter(|(_, _, signs)| !signs.is_empty())
            .collect()
    }

    /// The green, amber and red sentences of the pain traffic light, thresholds filled in.
    pub fn pain_rule_lines(&self, rule: &PainRule) -> [String; 3] {
        let green_max = rule.green_max.to_string();
        let amber_min = (rule.green_max.saturating_add(1)).min(10).to_string();
        let amber_max = rule.amber_max.to_string();
        let red_min = (rule.amber_max.saturating_add(1)).min(10).to_string();
        let args = [
            ("green_max", green_max.as_str()),
            ("amber_min", amber_min.as_str()),
            ("amber_max", amber_max.as_str()),
            ("red_min", red_min.as_str()),
        ];
        let (amber, red) = if rule.settle_by_morning {
            (&self.pain_amber, &self.pain_red)
        } else {
            (&self.pain_amber_no_morning, &self.pain_red_no_morning)
        };
        [
            fill(&self.pain_green, &args),
            fill(amber, &args),
            fill(red, &args),
        ]
    }
}
