//! The plan's values in the template's words: a dose (sets, repetitions, holds, times and
//! distances, tempo, load and rest) and when a progress check is done. Here, with the
//! renderers that print them, rather than in `template`, which does not know the plan's
//! types.

use crate::plan::types::{CheckWhen, Item};
use crate::template::{fill, Wording};

impl Wording {
    /// `check_start`, `check_middle` or `check_end`.
    pub fn check_when(&self, when: CheckWhen) -> &str {
        match when {
            CheckWhen::Start => &self.check_start,
            CheckWhen::Middle => &self.check_middle,
            CheckWhen::End => &self.check_end,
        }
    }

    /// The dose of one exercise on one day, e.g. "3 x 10 each side", "2 x 30 s hold", "1 x 5 min".
    pub fn dose(&self, item: &Item) -> String {
        let sets = item.sets.to_string();
        let one = item.sets == 1;
        let core = match (
            item.reps,
            item.hold_seconds,
            item.time_seconds,
            item.distance_m,
        ) {
            // One set of holds reads as "10 x 5 s hold", one bout of time or distance as "5 min".
            (Some(reps), Some(hold), _, _) if one => fill(
                &self.dose_hold,
                &[("sets", &reps.to_string()), ("hold", &self.duration(hold))],
            ),
            (None, None, Some(time), _) if one => self.duration(time),
            (None, None, None, Some(m)) if one => self.distance(m),
            (Some(reps), Some(hold), _, _) => fill(
                &self.dose_reps_hold,
                &[
                    ("sets", &sets),
                    ("reps", &reps.to_string()),
                    ("hold", &self.duration(hold)),
                ],
            ),
            (None, Some(hold), _, _) => fill(
                &self.dose_hold,
                &[("sets", &sets), ("hold", &self.duration(hold))],
            ),
            (Some(reps), None, _, _) => fill(
                &self.dose_reps,
                &[("sets", &sets), ("reps", &reps.to_string())],
            ),
            (None, None, Some(time), _) => fill(
                &self.dose_time,
                &[("sets", &sets), ("time", &self.duration(time))],
            ),
            (None, None, None, Some(m)) => fill(
                &self.dose_distance,
                &[("sets", &sets), ("distance", &self.distance(m))],
            ),
            (None, None, None, None) => fill(&self.dose_sets, &[("sets", &sets)]),
        };
        if item.per_side {
            fill(&self.dose_each_side, &[("dose", &core)])
        } else {
            core
        }
    }

    /// A tempo in words: "tempo (3 s up, 3 s down)", in the order written in the plan
    /// (down, pause, up, hold), parts of 0 s left out. Text it cannot read is printed as is
    /// (validation refuses it, so only a hand-made plan has it).
    pub fn tempo(&self, tempo: &str) -> String {
        let words = match crate::model::Tempo::parse(tempo) {
            Ok(t) => [
                (t.down, &self.tempo_down),
                (t.pause, &self.tempo_pause),
                (t.up, &self.tempo_up),
                (t.hold, &self.tempo_hold),
            ]
            .into_iter()
            .filter(|(s, _)| *s > 0)
            .map(|(s, text)| fill(text, &[("seconds", &s.to_string())]))
            .collect::<Vec<_>>()
            .join(&self.list_separator),
            Err(_) => tempo.to_string(),
        };
        fill(&self.dose_tempo, &[("tempo", &words)])
    }

    /// The rest of an exercise's prescription, one phrase each: load, tempo, rest between sets.
    pub fn dose_details(&self, item: &Item) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(load) = item.load.as_deref().filter(|l| !l.trim().is_empty()) {
            out.push(fill(&self.dose_load, &[("load", load)]));
        }
        if let Some(tempo) = item.tempo.as_deref().filter(|t| !t.trim().is_empty()) {
            out.push(self.tempo(tempo));
        }
        if item.sets > 1 && item.rest_seconds > 0 {
            out.push(fill(
                &self.dose_rest,
                &[("rest", &self.duration(item.rest_seconds))],
            ));
        }
        out
    }

    /// The dose and its details on one line, e.g. "3 x 10 each side, load: light band".
    pub fn dose_line(&self, item: &Item) -> String {
        let mut parts = vec![self.dose(item)];
        parts.extend(self.dose_details(item));
        parts.join(&self.list_separator)
    }

    /// A duration: whole minutes as minutes, 90 s as "1.5 min", else seconds.
    pub fn duration(&self, seconds: u32) -> String {
        if seconds >= 60 && seconds.is_multiple_of(60) {
            fill(&self.unit_minutes, &[("n", &(seconds / 60).to_string())])
        } else if seconds > 60 && seconds.is_multiple_of(30) {
            let n = format!("{}{}5", seconds / 60, self.decimal_separator);
            fill(&self.unit_minutes, &[("n", &n)])
        } else {
            fill(&self.unit_seconds, &[("n", &seconds.to_string())])
        }
    }

    /// A distance: metres below 1 km, else kilometres with at most one decimal.
    pub fn distance(&self, metres: u32) -> String {
        if metres < 1000 {
            return fill(&self.unit_metres, &[("n", &metres.to_string())]);
        }
        let tenths = (metres + 50) / 100;
        let n = if tenths.is_multiple_of(10) {
            (tenths / 10).to_string()
        } else {
            format!("{}{}{}", tenths / 10, self.decimal_separator, tenths % 10)
        };
        fill(&self.unit_kilometres, &[("n", &n)])
    }
}

#[cfg(test)]
mod tests {
    use crate::testdata::sample_plan;
    use crate::validate::template::builtin;

    fn item(
        sets: u32,
        reps: Option<u32>,
        hold: Option<u32>,
        time: Option<u32>,
        distance: Option<u32>,
        per_side: bool,
    ) -> crate::plan::types::Item {
        let mut it = sample_plan(1).weeks[0].sessions[0].exercises[0].clone();
        it.sets = sets;
        it.reps = reps;
        it.hold_seconds = hold;
        it.time_seconds = time;
        it.distance_m = distance;
        it.per_side = per_side;
        it.load = None;
        it.tempo = None;
        it
    }

    #[test]
    fn doses_read_naturally() {
        let en = builtin("en").unwrap().text;
        let de = builtin("de").unwrap().text;
        let cases = [
            (
                item(3, Some(10), None, None, None, true),
                "3 x 10 each side",
                "3 × 10 je Seite",
            ),
            (
                item(2, None, Some(30), None, None, false),
                "2 x 30 s hold",
                "2 × 30 s halten",
            ),
            (
                item(1, None, None, Some(300), None, false),
                "5 min",
                "5 Min.",
            ),
            (
                item(2, Some(8), Some(5), None, None, true),
                "2 x 8 x 5 s hold each side",
                "2 × 8 × 5 s halten je Seite",
            ),
            (
                item(1, None, None, Some(90), None, false),
                "1.5 min",
                "1,5 Min.",
            ),
            (item(1, None, None, Some(45), None, false), "45 s", "45 s"),
            (
                item(1, None, None, None, Some(1600), false),
                "1.6 km",
                "1,6 km",
            ),
            (
                item(4, None, None, None, Some(400), false),
                "4 x 400 m",
                "4 × 400 m",
            ),
            (
                item(1, Some(10), Some(5), None, None, false),
                "10 x 5 s hold",
                "10 × 5 s halten",
            ),
            (item(2, None, None, None, None, false), "2 sets", "2 Serien"),
        ];
        for (it, e, d) in cases {
            assert_eq!(en.dose(&it), e);
            assert_eq!(de.dose(&it), d);
        }
        let mut it = item(3, Some(12), None, None, None, true);
        it.load = Some("1 kg".into());
        it.tempo = Some("3-1-3".into());
        it.rest_seconds = 60;
        assert_eq!(
            en.dose_line(&it),
            "3 x 12 each side, load: 1 kg, tempo (3 s down, 1 s pause, 3 s up), rest 1 min between sets"
        );
    }
}
