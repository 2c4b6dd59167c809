//! [`Wording`]: every word the printout shows (`[text]` in a template), and the renderer-neutral
//! helpers that turn plan values into sentences: doses (`dose.rs`), dates (`dates.rs`), the
//! warning signs and the pain traffic light (`safety.rs`), the names of positions, levels,
//! categories and equipment (`names.rs`); labels, page numbers and the footer here.
//!
//! Each key is declared once in the `wording!` list below, which generates the `Wording`
//! struct, the raw `[text]` table (`deny_unknown_fields`) and the table of [`Spec`]s (allowed
//! placeholders, whether a key may be empty, its help text). A template that leaves a key out
//! inherits it from the template it extends (English by default).

use super::fields::{fill, Cx, Field, Spec};
use serde::Deserialize;
use toml::Spanned;

mod dates;
mod names;
mod safety;

macro_rules! wording {
    ($( $(#[doc = $doc:literal])* $name:ident : $ty:ty { $($opt:ident : $val:expr),* $(,)? } ),* $(,)?) => {
        /// Every printed word of a template (`[text]`), validated.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Wording {
            $( $(#[doc = $doc])* pub $name: $ty, )*
        }

        /// `[text]` as written in the file.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct RawText {
            $( #[serde(default)] pub $name: Option<Spanned<<$ty as Field>::Raw>>, )*
        }

        /// What each `[text]` key allows, in declaration order.
        pub const TEXT_KEYS: &[Spec] = &[
            $( Spec { key: stringify!($name), help: concat!($($doc),*), list: <$ty as Field>::LIST, $($opt: $val,)* ..Spec::DEFAULT }, )*
        ];

        impl Wording {
            /// Every key with its value's Debug print (for tests comparing templates).
            #[cfg(test)]
            pub(crate) fn debug_fields(&self) -> Vec<(&'static str, String)> {
                vec![ $( (stringify!($name), format!("{:?}", self.$name)), )* ]
            }
        }

        impl RawText {
            /// The checked wording, or `None` when a problem was reported to `cx`.
            pub(crate) fn resolve(self, base: Option<&Wording>, cx: &mut Cx) -> Option<Wording> {
                let mut specs = TEXT_KEYS.iter();
                $(
                    let spec = specs.next().expect("one spec per key");
                    let $name = <$ty as Field>::resolve(self.$name, base.map(|b| &b.$name), spec, cx);
                )*
                Some(Wording { $( $name: $name?, )* })
            }
        }
    };
}

wording! {
    // ---- cover ----
    /// The big title on the cover, e.g. "Your exercise plan".
    document_title: String {},
    /// Label before the patient's name on the cover.
    patient_label: String {},
    /// Label before the suspected cause.
    cause_label: String {},
    /// Not printed: the cause's row names the program. Kept so that templates which set it still load.
    program_label: String {},
    /// Label before the plan's dates.
    dates_label: String {},
    /// A date range; {start} and {end} are dates written with `date_long` or `date_short`.
    date_range: String { allow: &["start", "end"], require: &["start", "end"] },
    /// Label before the training weekdays.
    training_days_label: String {},
    /// Label before the plan's length.
    length_label: String {},
    /// The plan's length; {weeks} is a number.
    length_value: String { allow: &["weeks"], require: &["weeks"] },
    /// Title above the plain-language description of the suspected cause.
    about_title: String {},
    /// Label of the highlighted box with the program's location note (where the pain usually is).
    location_note_label: String {},
    /// Title of the box shown when the program is extrapolated from related conditions.
    evidence_title: String {},
    /// First sentence of that box; the program's own evidence note follows it.
    evidence_extrapolated: String {},
    /// Title of the how-to-use steps.
    how_to_title: String {},
    /// The how-to-use steps, printed numbered.
    how_to_steps: Vec<String> {},
    /// Title of the pain traffic light.
    pain_title: String {},
    /// Sentence above the traffic light (how to rate pain).
    pain_intro: String { may_be_empty: true },
    /// Name of the green row.
    pain_green_label: String {},
    /// Name of the amber row.
    pain_amber_label: String {},
    /// Name of the red row.
    pain_red_label: String {},
    /// Green sentence. Placeholders: {green_max}, {amber_min}, {amber_max}, {red_min} (numbers 0-10).
    pain_green: String { allow: &["green_max", "amber_min", "amber_max", "red_min"], require: &["green_max"] },
    /// Amber sentence, for programs whose pain must settle by the next morning.
    pain_amber: String { allow: &["green_max", "amber_min", "amber_max", "red_min"], require: &["amber_max"] },
    /// Amber sentence, for programs without the next-morning rule.
    pain_amber_no_morning: String { allow: &["green_max", "amber_min", "amber_max", "red_min"], require: &["amber_max"] },
    /// Red sentence, for programs whose pain must settle by the next morning.
    pain_red: String { allow: &["green_max", "amber_min", "amber_max", "red_min"], require: &["amber_max"] },
    /// Red sentence, for programs without the next-morning rule.
    pain_red_no_morning: String { allow: &["green_max", "amber_min", "amber_max", "red_min"], require: &["amber_max"] },
    /// Title of the warning-signs box. Safety text: cannot be empty.
    red_flags_title: String {},
    /// Sentence under that title (may be empty).
    red_flags_intro: String { may_be_empty: true },
    /// Heading of the most urgent warning signs (call emergency services now). Safety text.
    red_flags_emergency_title: String {},
    /// The general warning signs that need emergency services now, one per line. Safety text: at least one.
    red_flags_emergency: Vec<String> {},
    /// Heading of the warning signs that need a doctor the same day. Safety text.
    red_flags_same_day_title: String {},
    /// The general warning signs that need a doctor the same day, one per line. Safety text: at least one.
    red_flags_same_day: Vec<String> {},
    /// Heading of the warning signs that need a doctor within a few days. Safety text.
    red_flags_days_title: String {},
    /// The general warning signs that need a doctor within a few days, one per line (the program adds its own). Safety text: at least one.
    red_flags: Vec<String> {},
    /// Title of the tick list of screening questions on the front page of a plan made without screening answers.
    before_you_start_title: String {},
    /// Sentence under that title: tick "no" to each question, or stop.
    before_you_start_intro: String {},
    /// The label of the "yes" box in that tick list.
    before_you_start_yes: String {},
    /// The label of the "no" box in that tick list.
    before_you_start_no: String {},
    /// The general screening questions of that tick list, one per line, in the order `rehabplan screen` asks them (12, from the calf with breathlessness to morning stiffness). Safety text.
    screen_questions: Vec<String> {},
    /// The line the text and JSON outputs print when the plan was made without screening answers.
    not_screened: String {},
    /// Title above the disclaimer.
    disclaimer_title: String {},
    /// The full disclaimer on the cover. Safety text: cannot be empty.
    disclaimer: String {},
    /// The one-line disclaimer in every page's footer. Safety text: cannot be empty.
    disclaimer_short: String {},
    /// Title of the reference list.
    references_title: String {},
    /// Marks a reference that has not been checked against the original.
    unverified: String {},
    /// Title of the planner's notes about this plan (shown only when there are any).
    plan_notes_title: String {},
    /// Label before a source or citation.
    source_label: String {},
    /// Label before a licence.
    licence_label: String {},
    /// Label before the clinic's phone number.
    phone_label: String {},
    /// What follows a label before its value ("Phone: 0123"): ": " in English, " : " in French ("Tél. : 0123").
    label_end: String {},

    // ---- overview calendar ----
    /// Title of the overview calendar.
    overview_title: String {},
    /// Sentence under that title (may be empty).
    overview_intro: String { may_be_empty: true },
    /// Header of the calendar's first column.
    week_column: String {},
    /// A week's short name; {week} is its number.
    week_short: String { allow: &["week"], require: &["week"] },
    /// A training day in words: the title of its calendar-file (ICS) event. The printed calendar marks training days by shading and a tick box only.
    calendar_training: String {},
    /// Word in a rest day with daily stretches.
    calendar_daily: String {},
    /// Legend: what a shaded cell means.
    legend_training: String {},
    /// Legend: what a cell with the daily word means.
    legend_daily: String {},
    /// Word in a walk-run day's calendar cell.
    calendar_run: String {},
    /// Legend: what a cell with the walk-run word means.
    legend_run: String {},

    // ---- week pages ----
    /// Heading of a week; {week} and {weeks} are numbers.
    week_heading: String { allow: &["week", "weeks"], require: &["week"] },
    /// A phase; {number} is its number, {name} its name.
    phase_name: String { allow: &["number", "name"], require: &["name"] },
    /// Shown on weeks past the program's end that repeat its last phase.
    maintenance_note: String {},
    /// Title of the phase's goals.
    goals_title: String {},
    /// Heading of a training session; {number}, {count} and {date}.
    session_heading: String { allow: &["number", "count", "date"], require: &["date"] },
    /// Heading of a walk-run day (return to running); {date}.
    run_heading: String { allow: &["date"], require: &["date"] },
    /// Title of the return-to-running section.
    run_title: String {},
    /// Above the entry criteria of the walk-run days (printed with tick boxes).
    run_entry_title: String {},
    /// Above the rules of the walk-run days.
    run_rules_title: String {},
    /// Estimated length of a session; {minutes} is a number.
    session_minutes: String { allow: &["minutes"], require: &["minutes"] },
    /// Exercises dropped to fit the time; {names} is a list.
    left_out: String { allow: &["names"], require: &["names"] },
    /// Group heading for exercises done lying down.
    position_lying: String {},
    /// Group heading for exercises done kneeling or on all fours.
    position_kneeling: String {},
    /// Group heading for exercises done sitting.
    position_sitting: String {},
    /// Group heading for exercises done standing.
    position_standing: String {},
    /// Label before the tick boxes, one per set.
    sets_done: String {},
    /// Label of the pain-during box.
    pain_during: String {},
    /// Label of the next-morning pain box.
    pain_next_morning: String {},
    /// Label of the line for the patient's notes.
    notes_label: String {},
    /// Label before an exercise's note.
    note_label: String {},
    /// Label before an exercise's caution.
    caution_label: String {},
    /// Title of the rest-day table (days with only the daily stretches).
    rest_days_title: String {},
    /// Sentence under that title (may be empty).
    rest_days_intro: String { may_be_empty: true },
    /// Header of the exercise column in tables.
    exercise_column: String {},
    /// Title of the criteria printed at the end of a phase's last week.
    progress_title: String {},
    /// Top of a page that continues a section; {title} names the section.
    continued: String { allow: &["title"], require: &["title"] },

    // ---- terminal (text) and calendar (ICS) output ----
    /// The plan's title in the terminal and the calendar's name; {program} is the program's title.
    plan_title: String { allow: &["program"], require: &["program"] },
    /// Label before the plan's level (shown when it is not the default).
    level_label: String {},
    /// Level name: beginner.
    level_beginner: String {},
    /// Level name: intermediate.
    level_intermediate: String {},
    /// Level name: advanced.
    level_advanced: String {},
    /// After `run_title`: the program week from which the entry checklist may be tried; {week} is a number.
    run_from_week: String { allow: &["week"], require: &["week"] },
    /// Label before what `adjust` changed in a week after reading the pain log.
    adjusted_label: String {},
    /// Shown when a week uses the doses of another program week; {week} is a number.
    program_week_note: String { allow: &["week"], require: &["week"] },
    /// Shown for a week without sessions.
    no_sessions: String {},
    /// What a training day is, after its date.
    session_training: String {},
    /// What a rest day with only the daily exercises is, after its date.
    session_daily: String {},
    /// What a walk-run day is, after its date.
    session_run: String {},
    /// Label before the reasons `--explain` gives for an exercise.
    why_label: String {},
    /// A calendar event's title; {week} is a number, {kind} is `calendar_training`, `calendar_daily` or `calendar_run`, {program} the program's title.
    event_summary: String { allow: &["week", "kind", "program"], require: &["week", "kind"] },

    // ---- doses ----
    /// Sets and repetitions.
    dose_reps: String { allow: &["sets", "reps"], require: &["reps"] },
    /// Sets of one hold; {hold} is a duration (`unit_seconds` or `unit_minutes`).
    dose_hold: String { allow: &["sets", "hold"], require: &["hold"] },
    /// Sets of several holds.
    dose_reps_hold: String { allow: &["sets", "reps", "hold"], require: &["reps", "hold"] },
    /// Sets of a duration; {time} is a duration.
    dose_time: String { allow: &["sets", "time"], require: &["time"] },
    /// Sets of a distance; {distance} is `unit_metres` or `unit_kilometres`.
    dose_distance: String { allow: &["sets", "distance"], require: &["distance"] },
    /// Only a number of sets (no count given).
    dose_sets: String { allow: &["sets"], require: &["sets"] },
    /// A dose done on each leg or side; {dose} is one of the dose sentences.
    dose_each_side: String { allow: &["dose"], require: &["dose"] },
    /// The load (band colour, weight); {load} as written in the program.
    dose_load: String { allow: &["load"], require: &["load"] },
    /// The tempo; {tempo} is its parts in words (`tempo_down`, `tempo_pause`, `tempo_up`, `tempo_hold`), joined with `list_separator`.
    dose_tempo: String { allow: &["tempo"], require: &["tempo"] },
    /// Seconds lowering (eccentric); {seconds} is a number.
    tempo_down: String { allow: &["seconds"], require: &["seconds"] },
    /// Seconds paused at the bottom; {seconds} is a number.
    tempo_pause: String { allow: &["seconds"], require: &["seconds"] },
    /// Seconds lifting (concentric); {seconds} is a number.
    tempo_up: String { allow: &["seconds"], require: &["seconds"] },
    /// Seconds held still at the top (isometric); {seconds} is a number.
    tempo_hold: String { allow: &["seconds"], require: &["seconds"] },
    /// Rest between sets; {rest} is a duration.
    dose_rest: String { allow: &["rest"], require: &["rest"] },
    /// Seconds; {n} is a number.
    unit_seconds: String { allow: &["n"], require: &["n"] },
    /// Minutes; {n} is a number.
    unit_minutes: String { allow: &["n"], require: &["n"] },
    /// Metres; {n} is a number.
    unit_metres: String { allow: &["n"], require: &["n"] },
    /// Kilometres; {n} is a number.
    unit_kilometres: String { allow: &["n"], require: &["n"] },
    /// Decimal separator, "." or ",".
    decimal_separator: String {},
    /// Separator between items of a list written on one line, e.g. ", ".
    list_separator: String {},

    // ---- dates ----
    /// The weekday names, Monday first.
    weekdays: [String; 7] {},
    /// Short weekday names, Monday first.
    weekdays_short: [String; 7] {},
    /// The month names, January first.
    months: [String; 12] {},
    /// Short month names, January first.
    months_short: [String; 12] {},
    /// A full date: {weekday}, {weekday_short}, {day}, {day2} (01-31), {month}, {month_short}, {month_number}, {month2} (01-12), {year}.
    date_long: String { allow: DATE_PARTS },
    /// A short date (session lists, tables); same placeholders as `date_long`.
    date_short: String { allow: DATE_PARTS },
    /// A date in a calendar cell; same placeholders as `date_long`.
    date_calendar: String { allow: DATE_PARTS },

    // ---- every page ----
    /// Page number in the footer; {page} and {pages} are numbers.
    page_of: String { allow: &["page", "pages"], require: &["page", "pages"] },
    /// Footer line; {program} is the program's title, {patient} the patient's name.
    footer: String { allow: &["program", "patient"], require: &["program"] },

    // ---- exercise appendix ----
    /// Title of the exercise guide at the back.
    appendix_title: String {},
    /// Sentence under that title (may be empty).
    appendix_intro: String { may_be_empty: true },
    /// Title of the numbered instructions.
    instructions_title: String {},
    /// Title of the coaching cues.
    cues_title: String {},
    /// Title of the common mistakes.
    mistakes_title: String {},
    /// Label before the easier variants.
    easier_label: String {},
    /// Label before the harder variants.
    harder_label: String {},
    /// Label before the equipment list.
    equipment_label: String {},
    /// Written when an exercise needs no equipment.
    no_equipment: String {},
    /// Label before the muscles worked.
    muscles_label: String {},
    /// Category name: hip.
    category_hip: String {},
    /// Category name: core.
    category_core: String {},
    /// Category name: flexibility.
    category_flexibility: String {},
    /// Category name: knee.
    category_knee: String {},
    /// Category name: calf.
    category_calf: String {},
    /// Category name: balance.
    category_balance: String {},
    /// Category name: cardio.
    category_cardio: String {},
    /// Equipment: band.
    equipment_band: String {},
    /// Equipment: dumbbell.
    equipment_dumbbell: String {},
    /// Equipment: ankle-weight.
    equipment_ankle_weight: String {},
    /// Equipment: step.
    equipment_step: String {},
    /// Equipment: ball.
    equipment_ball: String {},
    /// Equipment: exercise-ball.
    equipment_exercise_ball: String {},
    /// Equipment: bench.
    equipment_bench: String {},
    /// Equipment: bike.
    equipment_bike: String {},
    /// Equipment: slider.
    equipment_slider: String {},
    /// Equipment: balance-board.
    equipment_balance_board: String {},
    /// Equipment: strap.
    equipment_strap: String {},
    /// Equipment: foam-roller.
    equipment_foam_roller: String {},

    // ---- handout: front page, cards, log, running, therapist ----
    /// After the training days when the program uses fewer days than were given; {count} is how many it uses, {given} the days given.
    days_used_note: String { allow: &["count", "given"] },
    /// Title of the exercise cards.
    cards_title: String {},
    /// Sentence under that title (may be empty).
    cards_intro: String { may_be_empty: true },
    /// The weeks of a phase; {first} and {last} are week numbers.
    phase_weeks: String { allow: &["first", "last"], require: &["first", "last"] },
    /// A phase of one week; {week} is its number.
    phase_week: String { allow: &["week"], require: &["week"] },
    /// Title of the weeks after the program's end, which repeat its last phase.
    maintenance_title: String {},
    /// Weeks in a card's dose table; {first} and {last} are week numbers.
    dose_weeks: String { allow: &["first", "last"], require: &["first", "last"] },
    /// One week in a card's dose table; {week} is its number.
    dose_week: String { allow: &["week"], require: &["week"] },
    /// Under a card's doses: done every day.
    often_every_day: String {},
    /// Under a card's doses: done {count} times a week.
    often_per_week: String { allow: &["count"], require: &["count"] },
    /// Above the exercises of a phase whose card is on an earlier page.
    shown_before_title: String {},
    /// The page of an exercise's card; {page} is a number.
    card_page: String { allow: &["page"], require: &["page"] },
    /// Title of the log pages.
    log_title: String {},
    /// Sentence under that title (may be empty).
    log_intro: String { may_be_empty: true },
    /// Label of the log row with two boxes per session: pain during, and the next morning.
    log_pain_row: String {},
    /// Above a week's grid of exercises done on other days as well (daily stretches).
    daily_grid_title: String {},
    /// Sentence under the return-to-running title (may be empty).
    run_intro: String { may_be_empty: true },
    /// Above the list of what each walk-run stage is.
    run_stages_title: String {},
    /// Not printed any more: runs are not dated (they start when the entry checklist is ticked).
    run_planned: String {},
    /// Column of what a run is.
    run_what: String {},
    /// Column where the patient writes the date a run was done.
    run_done: String {},
    /// What a walk-run stage with walking breaks is; {walk} and {run} are durations.
    run_intervals: String { allow: &["walk", "run"], require: &["walk", "run"] },
    /// What a continuous run is.
    run_continuous: String {},
    /// A run's stage, before what the run is; {stage} and {stages} are numbers.
    run_stage: String { allow: &["stage", "stages"], require: &["stage"] },
    /// Above a checklist to tick before a run (e.g. a test before sprinting); {number} is the run's number.
    run_stage_check: String { allow: &["number"], require: &["number"] },
    /// After a run's distance when it is shorter than its stage's; {distance} is the stage's distance.
    run_shortened: String { allow: &["distance"], require: &["distance"] },
    /// Title of the progress checks (their instructions, and the list of days to do them).
    check_title: String {},
    /// Sentence under that title (may be empty).
    check_intro: String { may_be_empty: true },
    /// When the first progress check is done, in `check_day`'s {when}.
    check_start: String {},
    /// When the middle progress check is done.
    check_middle: String {},
    /// When the last progress check is done.
    check_end: String {},
    /// Above the boxes of a day's progress checks; {when} is `check_start`, `check_middle` or `check_end`, {date} a date.
    check_day: String { allow: &["when", "date"], require: &["date"] },
    /// Under the boxes of a later progress check: where the instructions are; {week} is a number.
    check_see: String { allow: &["week"], require: &["week"] },
    /// Title of the section for the therapist, always last.
    therapist_title: String {},
    /// Sentence under that title (may be empty).
    therapist_intro: String { may_be_empty: true },
    /// The evidence sentence for a program built on trials for this problem.
    evidence_trial: String {},
    /// Title of the pain rule's source in the therapist's section.
    pain_rule_title: String {},
    /// Title of the exercise descriptions' sources and licences.
    exercise_sources_title: String {},
}

const DATE_PARTS: &[&str] = &[
    "weekday",
    "weekday_short",
    "day",
    "day2",
    "month",
    "month_short",
    "month_number",
    "month2",
    "year",
];

impl Wording {
    /// A label followed by the template's own punctuation: "Phone: ", "Tél. : ".
    pub fn label(&self, label: &str) -> String {
        format!("{label}{}", self.label_end)
    }

    /// "page 2 of 9".
    pub fn page_of(&self, page: usize, pages: usize) -> String {
        fill(
            &self.page_of,
            &[("page", &page.to_string()), ("pages", &pages.to_string())],
        )
    }

    /// A session's length as the patient reads it: "about 42 min". The planner's estimate
    /// counts half minutes; a patient needs whole ones (at least 1), rounded half up, so a
    /// session planned within `--minutes 42` never reads as longer than that.
    pub fn session_length(&self, minutes: f64) -> String {
        let whole = (minutes.round() as i64).max(1);
        fill(&self.session_minutes, &[("minutes", &whole.to_string())])
    }

    /// The footer line with the program's title and, when given, the patient's name.
    pub fn footer(&self, program: &str, patient: Option<&str>) -> String {
        match patient.filter(|p| !p.trim().is_empty()) {
            Some(p) => fill(&self.footer, &[("program", program), ("patient", p)]),
            None => program.to_string(),
        }
    }

    /// Fills any sentence of this wording with named values (see [`fill`]).
    pub fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
        fill(pattern, args)
    }
}
