//! The walk-run ladder (return to running), gated on its entry criteria rather than dated.
//!
//! The runs come out in order, without dates: the patient starts when every entry criterion is
//! ticked, does each stage `repeat` times, and writes down the date of each run. No run is
//! longer than 110% of the longest run before it (Frandsen et al. 2025 measured against the
//! previous 30 days; with a rest day between runs the earlier runs of the ladder fall in that
//! window), so a big step between stages is reached over extra, shortened runs.

use super::types::LadderRun;
use crate::model::ReturnToRun;

/// Every run of the ladder, in order.
pub fn runs(rtr: &ReturnToRun, words: &super::RunWords) -> Vec<LadderRun> {
    let mut out: Vec<LadderRun> = Vec::new();
    let stages = rtr.stages.len() as u32;
    let mut longest: Option<u32> = None;
    for (i, stage) in rtr.stages.iter().enumerate() {
        let mut done = 0;
        let mut first = true;
        // `repeat` runs at the stage's full distance, after any shortened build-up runs.
        while done < rtr.repeat.max(1) {
            let distance = longest.map_or(stage.distance, |m| step(m, stage.distance));
            let full = distance == stage.distance;
            if full {
                done += 1;
            }
            longest = Some(longest.map_or(distance, |m| m.max(distance)));
            out.push(LadderRun {
                number: out.len() as u32 + 1,
                stage: i as u32 + 1,
                stages,
                what: pattern(stage, words),
                distance_m: distance,
                effort: stage.effort.clone(),
                shortened_from_m: (!full).then_some(stage.distance),
                check: if first {
                    stage.check.clone()
                } else {
                    Vec::new()
                },
            });
            first = false;
        }
    }
    out
}

/// The next run after a longest run of `longest` metres, towards `target`: the target itself when
/// it is at most 110% of `longest`, else an even step of the fewest 110% steps that reach it
/// (rounded down to 10 m), so the build-up runs grow evenly and the last one before the target
/// is not a few metres short of it.
fn step(longest: u32, target: u32) -> u32 {
    let within = |from: u64, to: u64| to * 10 <= from * 11;
    if within(longest as u64, target as u64) {
        return target;
    }
    let mut k = 1;
    let mut reach = longest as f64;
    while reach * 1.1 < target as f64 && k < 100 {
        reach *= 1.1;
        k += 1;
    }
    let ratio = (target as f64 / longest as f64).powf(1.0 / k as f64);
    let next = ((longest as f64 * ratio) as u32) / 10 * 10;
    // Never more than 110% (rounding), never less than the longest so far.
    next.min((longest * 11 / 10) / 10 * 10).max(longest)
}

/// "walk 2 min / run 3 min, repeated", "run continuously" (in the template's words), or the
/// stage's own words.
fn pattern(stage: &crate::model::RunStage, words: &super::RunWords) -> String {
    if !stage.what.is_empty() {
        stage.what.clone()
    } else if stage.walk == 0 {
        words.continuous.clone()
    } else {
        crate::template::fill(
            &words.intervals,
            &[("walk", &mmss(stage.walk)), ("run", &mmss(stage.run))],
        )
    }
}

/// "2 min", "1:30 min", "45 s".
fn mmss(s: u32) -> String {
    match (s / 60, s % 60) {
        (0, sec) => format!("{sec} s"),
        (m, 0) => format!("{m} min"),
        (m, sec) => format!("{m}:{sec:02} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RunStage;

    fn stage(walk: u32, run: u32, distance: u32) -> RunStage {
        RunStage {
            walk,
            run,
            distance,
            effort: String::new(),
            what: String::new(),
            check: Vec::new(),
        }
    }

    fn ladder(stages: Vec<RunStage>, repeat: u32) -> ReturnToRun {
        ReturnToRun {
            start_week: 1,
            repeat,
            per_week: 3,
            source: String::new(),
            entry_criteria: Vec::new(),
            rules: Vec::new(),
            stages,
            rationale: String::new(),
        }
    }

    #[test]
    fn each_stage_is_done_repeat_times_at_full_distance() {
        let r = runs(
            &ladder(vec![stage(120, 180, 1600), stage(60, 240, 1700)], 2),
            &Default::default(),
        );
        let d: Vec<(u32, u32)> = r.iter().map(|r| (r.stage, r.distance_m)).collect();
        assert_eq!(d, [(1, 1600), (1, 1600), (2, 1700), (2, 1700)]);
        assert_eq!(r[0].what, "walk 2 min / run 3 min, repeated");
        assert_eq!(r.last().unwrap().number, 4);
    }

    #[test]
    fn no_run_is_longer_than_110_percent_of_the_longest_before_it() {
        let r = runs(
            &ladder(vec![stage(120, 180, 1609), stage(0, 0, 3219)], 2),
            &Default::default(),
        );
        let d: Vec<u32> = r.iter().map(|r| r.distance_m).collect();
        // 1609 x2, then seven even steps of about 9% (none over 110%), then 3219 twice.
        assert_eq!(
            d,
            [1609, 1609, 1750, 1900, 2070, 2260, 2460, 2690, 2940, 3219, 3219]
        );
        let mut longest = 0;
        for run in &r {
            if longest > 0 {
                assert!(run.distance_m * 10 <= longest * 11, "{run:?}");
            }
            longest = longest.max(run.distance_m);
        }
        assert_eq!(r[2].shortened_from_m, Some(3219));
        assert_eq!(r[9].shortened_from_m, None);
    }

    #[test]
    fn a_stage_checklist_comes_with_its_first_run_only() {
        let mut s2 = stage(0, 0, 1600);
        s2.check = vec!["The fast leg-raise test feels safe.".into()];
        s2.what = "Jog, with 4 strides".into();
        let r = runs(
            &ladder(vec![stage(60, 60, 1600), s2], 2),
            &Default::default(),
        );
        assert!(r[1].check.is_empty());
        assert_eq!(r[2].check, ["The fast leg-raise test feels safe."]);
        assert!(r[3].check.is_empty());
        assert_eq!(r[2].what, "Jog, with 4 strides");
    }
}
