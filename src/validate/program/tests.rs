use super::slot::parse_frequency;
use super::*;

fn dose(sets: u32, reps: u32) -> Dose {
    Dose {
        exercise: "x".into(),
        sets,
        reps: Some(reps),
        hold: None,
        time: None,
        distance: None,
        load: None,
        tempo: None,
        rest: 60,
        note: None,
    }
}

#[test]
fn reps_grow_then_a_set_is_added() {
    let p = Progression {
        every: 1,
        add_reps: 2,
        max_reps: Some(15),
        add_sets: 1,
        max_sets: Some(3),
        reset_reps: Some(10),
        ..Default::default()
    };
    let got: Vec<(u32, u32)> = (0..6)
        .map(|k| progress(&p, dose(2, 10), k))
        .map(|d| (d.sets, d.reps.unwrap()))
        .collect();
    assert_eq!(
        got,
        vec![(2, 10), (2, 12), (2, 14), (3, 10), (3, 12), (3, 14)]
    );
    // At max sets the reps stop at the ceiling.
    let d = progress(&p, dose(2, 10), 12);
    assert_eq!((d.sets, d.reps), (3, Some(15)));
}

#[test]
fn frequency_names() {
    assert_eq!(parse_frequency("daily"), Some(Frequency::Daily));
    assert_eq!(
        parse_frequency("twice-daily"),
        Some(Frequency::TimesADay(2))
    );
    assert_eq!(
        parse_frequency("every-3-days"),
        Some(Frequency::EveryDays(3))
    );
    assert_eq!(parse_frequency("every-9-days"), None);
    assert_eq!(parse_frequency("weekly"), None);
}
