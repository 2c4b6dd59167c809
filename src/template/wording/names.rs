//! The template's names for the model's values: body positions, levels, exercise categories
//! and equipment.

use super::Wording;
use crate::model::{Category, Position};

impl Wording {
    /// The group heading of a body position.
    pub fn position(&self, position: Position) -> &str {
        match position {
            Position::Lying => &self.position_lying,
            Position::Kneeling => &self.position_kneeling,
            Position::Sitting => &self.position_sitting,
            Position::Standing => &self.position_standing,
        }
    }

    /// The name of a level (`beginner`, `intermediate`, `advanced`); other values as they are.
    pub fn level<'a>(&'a self, level: &'a str) -> &'a str {
        match level {
            "beginner" => &self.level_beginner,
            "intermediate" => &self.level_intermediate,
            "advanced" => &self.level_advanced,
            other => other,
        }
    }

    /// The name of an exercise category.
    pub fn category(&self, category: Category) -> &str {
        match category {
            Category::Hip => &self.category_hip,
            Category::Core => &self.category_core,
            Category::Flexibility => &self.category_flexibility,
            Category::Knee => &self.category_knee,
            Category::Calf => &self.category_calf,
            Category::Balance => &self.category_balance,
            Category::Cardio => &self.category_cardio,
        }
    }

    /// The name of a piece of equipment (its id when the template has no word for it).
    pub fn equipment(&self, id: &str) -> String {
        let word = match id {
            "band" => &self.equipment_band,
            "dumbbell" => &self.equipment_dumbbell,
            "ankle-weight" => &self.equipment_ankle_weight,
            "step" => &self.equipment_step,
            "ball" => &self.equipment_ball,
            "exercise-ball" => &self.equipment_exercise_ball,
            "bench" => &self.equipment_bench,
            "bike" => &self.equipment_bike,
            "slider" => &self.equipment_slider,
            "balance-board" => &self.equipment_balance_board,
            "strap" => &self.equipment_strap,
            "foam-roller" => &self.equipment_foam_roller,
            other => return other.to_string(),
        };
        word.clone()
    }
}
