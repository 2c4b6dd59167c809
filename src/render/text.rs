//! The terminal view: the plan as plain text, grouped by week and session.
//!
//! Pure: a plan and the template's wording in, a `String` out, with every word from the
//! template (`--template de` gives German). Exercises in a session are grouped by position
//! (lying, kneeling, sitting, standing) like the printout, so the reader does the floor work
//! together. Lines are wrapped to `TextOptions::width`.

use crate::plan::types::{Item, Plan, Session, SessionKind, Week};
use crate::template::{Template, Wording};
use std::fmt::Write;

/// What to show.
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    /// Show only this week (1-based).
    pub week: Option<u32>,
    /// Wrap lines to this many characters (the terminal's width, or 80).
    pub width: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            week: None,
            width: 80,
        }
    }
}

/// The plan in the template's words.
pub fn render(plan: &Plan, template: &Template, opts: TextOptions) -> String {
    let wording = &template.text;
    let mut o = String::new();
    header(&mut o, plan, wording);
    checks(&mut o, plan, wording);
    for (i, w) in plan.weeks.iter().enumerate() {
        if opts.week.is_some_and(|n| w.number != n) {
            continue;
        }
        let mut days = String::new();
        for p in plan.checks.iter().filter(|p| p.week == w.number) {
            check_day(&mut days, plan, p, wording);
        }
        week(&mut o, w, plan.weeks.len(), &days, wording);
        let last_of_phase = plan
            .weeks
            .get(i + 1)
            .is_none_or(|next| next.phase_number != w.phase_number);
        if last_of_phase && !w.progress_when.is_empty() && !w.maintenance {
            let _ = writeln!(
                o,
                "{}",
                heading(&wording.progress_title, &wording.label_end)
            );
            for c in &w.progress_when {
                let _ = writeln!(o, "  - {c}");
            }
            o.push('\n');
        }
    }
    if opts.week.is_none() {
        running(&mut o, plan, wording);
    }
    footer(&mut o, plan, wording);
    wrap(&o, opts.width)
}

/// A title followed by a list: a colon is added unless it already ends in punctuation.
/// A title as a label: followed by the template's `label_end` ("Goals:", "Objectifs :"),
/// unless it already ends in a punctuation mark.
fn heading(title: &str, end: &str) -> String {
    let t = title.trim_end();
    if t.ends_with([':', '.', '?', '!', '…']) {
        t.to_string()
    } else {
        format!("{t}{}", end.trim_end())
    }
}

fn header(o: &mut String, plan: &Plan, wording: &Wording) {
    let title = Wording::fill(&wording.plan_title, &[("program", &plan.program.title)]);
    let _ = writeln!(o, "{title}");
    let _ = writeln!(o, "{}", "=".repeat(title.chars().count()));
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(name) = &plan.patient {
        rows.push((&wording.patient_label, name.clone()));
    }
    rows.push((
        &wording.cause_label,
        format!("{} ({})", plan.program.title, plan.program.id),
    ));
    let weeks = Wording::fill(
        &wording.length_value,
        &[("weeks", &plan.weeks.len().to_string())],
    );
    rows.push((
        &wording.dates_label,
        format!(
            "{} ({weeks})",
            wording.date_range(&wording.date_long(plan.start), &wording.date_long(plan.end))
        ),
    ));
    let days: Vec<&str> = plan
        .training_days
        .iter()
        .map(|d| wording.weekday(*d))
        .collect();
    rows.push((
        &wording.training_days_label,
        days.join(&wording.list_separator),
    ));
    if plan.level != "intermediate" {
        rows.push((&wording.level_label, wording.level(&plan.level).to_string()));
    }
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count() + 1)
        .max()
        .unwrap_or(0);
    for (label, value) in rows {
        let label = heading(label, &wording.label_end);
        let _ = writeln!(o, "{label:width$}  {value}");
    }
    if plan.screening == crate::plan::types::Screening::NotScreened {
        let _ = writeln!(o, "\n! {}", wording.not_screened);
    }
    if !plan.program.location_note.is_empty() {
        let _ = writeln!(
            o,
            "\n{} {}",
            heading(&wording.location_note_label, &wording.label_end),
            plan.program.location_note
        );
    }
    let _ = writeln!(o, "\n{}", heading(&wording.pain_title, &wording.label_end));
    let [g, a, r] = wording.pain_rule_lines(&plan.program.pain_rule);
    let labels = [
        &wording.pain_green_label,
        &wording.pain_amber_label,
        &wording.pain_red_label,
    ];
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    for (label, line) in labels.iter().zip([g, a, r]) {
        let _ = writeln!(o, "  {:width$}  {line}", label.to_uppercase());
    }
    for w in &plan.warnings {
        let _ = writeln!(o, "warning: {w}");
    }
    o.push('\n');
}

/// The progress checks: the days to do them, then each check's steps and what to write
/// down (the boxes are in the weeks of those days).
fn checks(o: &mut String, plan: &Plan, wording: &Wording) {
    if plan.checks.is_empty() || plan.program.checks.is_empty() {
        return;
    }
    let title = &wording.check_title;
    let _ = writeln!(o, "{title}\n{}", "-".repeat(title.chars().count()));
    if !wording.check_intro.trim().is_empty() {
        let _ = writeln!(o, "{}", wording.check_intro.trim());
    }
    for p in &plan.checks {
        let _ = writeln!(o, "  * {}", day_title(p, wording));
    }
    for (i, c) in plan.program.checks.iter().enumerate() {
        let _ = writeln!(o, "{}. {}", i + 1, c.name);
        for s in &c.steps {
            let _ = writeln!(o, "   - {s}");
        }
        let _ = writeln!(o, "   -> {}", c.record);
    }
    o.push('\n');
}

fn day_title(p: &crate::plan::types::CheckPoint, wording: &Wording) -> String {
    Wording::fill(
        &wording.check_day,
        &[
            ("when", wording.check_when(p.when)),
            ("date", &wording.date_long(p.date)),
        ],
    )
}

/// One day's progress checks in its week: a box per check, with the result when it was logged.
fn check_day(o: &mut String, plan: &Plan, p: &crate::plan::types::CheckPoint, wording: &Wording) {
    let _ = writeln!(
        o,
        "\n{}",
        heading(&day_title(p, wording), &wording.label_end)
    );
    let width = plan
        .program
        .checks
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(0);
    for c in &plan.program.checks {
        let value = p
            .results
            .iter()
            .find(|r| r.check == c.id)
            .map(|r| format!("{:^5}", r.value))
            .unwrap_or_else(|| "_____".to_string());
        let name = &c.name;
        let _ = writeln!(o, "  {name:width$}  [{value}] {}", c.unit);
    }
}

/// Back to running: the entry checklist, then every run in order without a date (a line to
/// write the date it was done), a stage's own checklist before its first run, and the rules.
fn running(o: &mut String, plan: &Plan, wording: &Wording) {
    let Some(r) = &plan.program.return_to_run else {
        return;
    };
    if plan.runs.is_empty() {
        return;
    }
    let from = Wording::fill(
        &wording.run_from_week,
        &[("week", &r.start_week.to_string())],
    );
    let title = format!("{} ({from})", wording.run_title);
    let _ = writeln!(o, "{title}\n{}", "-".repeat(title.chars().count()));
    if !wording.run_intro.trim().is_empty() {
        let _ = writeln!(o, "{}", wording.run_intro.trim());
    }
    if !r.entry_criteria.is_empty() {
        let _ = writeln!(
            o,
            "{}",
            heading(&wording.run_entry_title, &wording.label_end)
        );
        for c in &r.entry_criteria {
            let _ = writeln!(o, "  [ ] {c}");
        }
    }
    let _ = writeln!(
        o,
        "{}",
        heading(&wording.run_stages_title, &wording.label_end)
    );
    let width = plan.runs.len().to_string().len();
    for run in &plan.runs {
        if !run.check.is_empty() {
            let _ = writeln!(
                o,
                "  {}",
                heading(
                    &Wording::fill(
                        &wording.run_stage_check,
                        &[("number", &run.number.to_string())]
                    ),
                    &wording.label_end
                )
            );
            for c in &run.check {
                let _ = writeln!(o, "    [ ] {c}");
            }
        }
        let _ = writeln!(
            o,
            "  {:>width$}. {}  {}: ________",
            run.number,
            run_line(run, wording),
            wording.run_done
        );
    }
    if !r.rules.is_empty() {
        let _ = writeln!(
            o,
            "{}",
            heading(&wording.run_rules_title, &wording.label_end)
        );
        for c in &r.rules {
            let _ = writeln!(o, "  - {c}");
        }
    }
    o.push('\n');
}

/// "Stage 1 of 6: walk 2 min / run 3 min, repeated, 1.6 km; effort 3/10, easy".
pub fn run_line(run: &crate::plan::types::LadderRun, wording: &Wording) -> String {
    let stage = Wording::fill(
        &wording.run_stage,
        &[
            ("stage", &run.stage.to_string()),
            ("stages", &run.stages.to_string()),
        ],
    );
    let mut line = format!(
        "{stage}: {}, {}",
        run.what,
        wording.distance(run.distance_m)
    );
    if let Some(full) = run.shortened_from_m {
        line.push_str(&format!(
            " ({})",
            Wording::fill(
                &wording.run_shortened,
                &[("distance", &wording.distance(full))]
            )
        ));
    }
    if !run.effort.is_empty() {
        line.push_str(&format!("; {}", run.effort));
    }
    line
}

fn week(o: &mut String, w: &Week, weeks: usize, checks: &str, wording: &Wording) {
    let heading_text = Wording::fill(
        &wording.week_heading,
        &[
            ("week", &w.number.to_string()),
            ("weeks", &weeks.to_string()),
        ],
    );
    let phase = Wording::fill(
        &wording.phase_name,
        &[("number", &w.phase_number.to_string()), ("name", &w.phase)],
    );
    let dates = wording.date_range(&wording.date_short(w.start), &wording.date_short(w.end));
    let head = format!("{heading_text} - {phase} ({dates})");
    let _ = writeln!(o, "{head}\n{}", "-".repeat(head.chars().count()));
    if w.maintenance {
        let _ = writeln!(o, "{}", wording.maintenance_note);
    }
    if !w.adjustment.is_empty() {
        let _ = writeln!(
            o,
            "{} {}",
            heading(&wording.adjusted_label, &wording.label_end),
            w.adjustment
        );
    } else if w.program_week != w.number && !w.maintenance {
        let _ = writeln!(
            o,
            "{}",
            Wording::fill(
                &wording.program_week_note,
                &[("week", &w.program_week.to_string())]
            )
        );
    }
    if !w.goals.is_empty() {
        let _ = writeln!(o, "{}", heading(&wording.goals_title, &wording.label_end));
        for g in &w.goals {
            let _ = writeln!(o, "  - {g}");
        }
    }
    o.push_str(checks);
    for s in &w.sessions {
        session(o, s, wording);
    }
    if w.sessions.is_empty() {
        let _ = writeln!(o, "{}", wording.no_sessions);
    }
    o.push('\n');
}

fn session(o: &mut String, s: &Session, wording: &Wording) {
    let kind = match s.kind {
        SessionKind::Training => &wording.session_training,
        SessionKind::Daily => &wording.session_daily,
        SessionKind::Run => &wording.session_run,
    };
    let minutes = wording.session_length(s.minutes);
    let _ = writeln!(o, "\n{}  {kind} ({minutes})", wording.date_short(s.date));
    // In the planner's order: warm-up, strength work grouped by position, stretches.
    let items: Vec<&Item> = s.exercises.iter().collect();
    let width = items
        .iter()
        .map(|i| i.name.chars().count())
        .max()
        .unwrap_or(0);
    for it in items {
        // Each short phrase of the dose stays on one line ("rest 1 min between sets", not
        // "sets" alone on the next): its spaces are no-break spaces until `wrap` is done.
        let mut phrases = vec![wording.dose(it)];
        phrases.extend(wording.dose_details(it));
        let dose: Vec<String> = phrases
            .iter()
            .map(|p| {
                if p.chars().count() <= 32 {
                    p.replace(' ', NBSP)
                } else {
                    p.clone()
                }
            })
            .collect();
        let _ = writeln!(
            o,
            "  [ ] {:width$}  {}",
            it.name,
            dose.join(&wording.list_separator)
        );
        if !it.note.is_empty() {
            let _ = writeln!(
                o,
                "      {} {}",
                heading(&wording.note_label, &wording.label_end),
                it.note
            );
        }
        if !it.caution.is_empty() {
            let _ = writeln!(
                o,
                "      {} {}",
                heading(&wording.caution_label, &wording.label_end),
                it.caution
            );
        }
        for e in &it.explain {
            let _ = writeln!(
                o,
                "      {} {e}",
                heading(&wording.why_label, &wording.label_end)
            );
        }
    }
    if !s.left_out.is_empty() {
        let names = s.left_out.join(&wording.list_separator);
        let _ = writeln!(
            o,
            "      {}",
            Wording::fill(&wording.left_out, &[("names", &names)])
        );
    }
}

fn footer(o: &mut String, plan: &Plan, wording: &Wording) {
    let _ = writeln!(
        o,
        "{}",
        heading(&wording.red_flags_title, &wording.label_end)
    );
    if !wording.red_flags_intro.trim().is_empty() {
        let _ = writeln!(o, "  {}", wording.red_flags_intro);
    }
    for (_, title, signs) in wording.red_flag_groups(&plan.program) {
        let _ = writeln!(o, "  {}", heading(title, &wording.label_end));
        for f in signs {
            let _ = writeln!(o, "    ! {f}");
        }
    }
    let _ = writeln!(o, "\n{}", wording.disclaimer);
    // How strong the evidence is speaks to the clinician, as in the PDF: last, under its own
    // heading, never among the patient's instructions.
    if !plan.program.evidence_note.is_empty() {
        let _ = writeln!(
            o,
            "\n{}\n  {}\n\n{}\n  {}",
            wording.therapist_title,
            wording.therapist_intro,
            wording.evidence_title,
            plan.program.evidence_note
        );
    }
}

/// A space that `wrap` never breaks at (a no-break space, printed as a plain space).
const NBSP: &str = "\u{a0}";

/// Wrap every line longer than `width` characters at spaces. A continuation is indented like
/// the line's text: past its leading spaces and any list mark (`- `, `! `, `[ ] `).
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(20);
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        if body.chars().count() <= width {
            out.push_str(line);
            continue;
        }
        let lead = body.len() - body.trim_start_matches(' ').len();
        let rest = &body[lead..];
        let mark = ["[ ] ", "- ", "! "]
            .iter()
            .find(|m| rest.starts_with(*m))
            .map_or(0, |m| m.len());
        // Aligned columns ("Dates:   ...", "  GREEN  ..."): under the second column, when it
        // starts in the left half; else under the text after the mark.
        let column = rest
            .trim_end()
            .find("  ")
            .map(|i| lead + i + rest[i..].len() - rest[i..].trim_start_matches(' ').len())
            .map(|byte| body[..byte].chars().count())
            .filter(|c| *c <= width / 2 && mark == 0);
        let indent = " ".repeat(column.unwrap_or((lead + mark).min(width / 2)));
        let mut current = body[..lead + mark].to_string();
        let mut current_len = lead + mark;
        let mut fresh = true; // nothing but the indent on the current line yet
        for (i, word) in body[lead + mark..].split(' ').enumerate() {
            if word.is_empty() {
                // Runs of spaces (aligned columns) are kept, except at a line's start.
                if i > 0 && !fresh {
                    current.push(' ');
                    current_len += 1;
                }
                continue;
            }
            let wlen = word.chars().count();
            let gap = usize::from(i > 0 && !fresh);
            if !fresh && current_len + gap + wlen > width {
                out.push_str(current.trim_end());
                out.push('\n');
                current = indent.clone();
                current_len = indent.len();
            } else if gap == 1 {
                current.push(' ');
                current_len += 1;
            }
            current.push_str(word);
            current_len += wlen;
            fresh = false;
        }
        out.push_str(current.trim_end());
        out.push_str(newline);
    }
    out.replace(NBSP, " ")
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn long_lines_wrap_at_spaces_under_their_text() {
        let text = "  - one two three four five six seven eight nine ten eleven twelve\nshort\n";
        assert_eq!(
            wrap(text, 24),
            "  - one two three four\n    five six seven eight\n    nine ten eleven\n    twelve\nshort\n"
        );
        // A word longer than the width stays whole; aligned columns keep their spaces.
        assert_eq!(
            wrap("abcdefghijklmnopqrstuvwxyz-abc x\n", 20),
            "abcdefghijklmnopqrstuvwxyz-abc\nx\n"
        );
        assert_eq!(
            wrap("  [ ] Squat    3 x 10\n", 20),
            "  [ ] Squat    3 x\n      10\n"
        );
        // No-break spaces keep a phrase together, and print as spaces.
        assert_eq!(
            wrap(
                "  - 3 x 10, rest\u{a0}1\u{a0}min\u{a0}between\u{a0}sets\n",
                24
            ),
            "  - 3 x 10,\n    rest 1 min between sets\n"
        );
        assert_eq!(
            wrap("  GREEN  0 to 3: safe. Carry on.\n", 24),
            "  GREEN  0 to 3: safe.\n         Carry on.\n"
        );
    }
}
