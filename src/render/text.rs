//! The terminal view: the plan as plain text, grouped by week and session.
//!
//! Pure: a plan and the template's wording in, a `String` out. Exercises in a session are
//! grouped by position (lying, kneeling, sitting, standing) like the printout, so the reader
//! does the floor work together.

use crate::plan::types::{Item, Plan, Session, SessionKind, Week};
use crate::template::Wording;
use chrono::NaiveDate;
use std::fmt::Write;

/// What to show.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// Show only this week (1-based).
    pub week: Option<u32>,
}

/// "Tue 29 Dec 2026".
pub fn date(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

pub fn render(plan: &Plan, wording: &Wording, opts: TextOptions) -> String {
    let mut o = String::new();
    header(&mut o, plan, wording);
    for (i, w) in plan.weeks.iter().enumerate() {
        if opts.week.is_some_and(|n| w.number != n) {
            continue;
        }
        week(&mut o, w, wording);
        let last_of_phase = plan
            .weeks
            .get(i + 1)
            .is_none_or(|next| next.phase_number != w.phase_number);
        if last_of_phase && !w.progress_when.is_empty() && !w.maintenance {
            let _ = writeln!(o, "Move on to the next phase when:");
            for c in &w.progress_when {
                let _ = writeln!(o, "  - {c}");
            }
            o.push('\n');
        }
    }
    footer(&mut o, plan, wording);
    o
}

fn header(o: &mut String, plan: &Plan, wording: &Wording) {
    let title = format!("Rehab plan: {}", plan.program.title);
    let _ = writeln!(o, "{title}");
    let _ = writeln!(o, "{}", "=".repeat(title.chars().count()));
    if let Some(name) = &plan.patient {
        let _ = writeln!(o, "For:      {name}");
    }
    let _ = writeln!(o, "Cause:    {} ({})", plan.cause.title, plan.cause.id);
    let _ = writeln!(
        o,
        "Dates:    {} to {} ({} weeks)",
        date(plan.start),
        date(plan.end),
        plan.weeks.len()
    );
    let days: Vec<String> = plan.training_days.iter().map(|d| d.to_string()).collect();
    let _ = writeln!(o, "Training: {}", days.join(", "));
    if plan.level != "intermediate" {
        let _ = writeln!(o, "Level:    {}", plan.level);
    }
    if !plan.program.location_note.is_empty() {
        let _ = writeln!(o, "\nNote: {}", plan.program.location_note);
    }
    if !plan.program.evidence_note.is_empty() {
        let _ = writeln!(o, "\nEvidence: {}", plan.program.evidence_note);
    }
    let _ = writeln!(o, "\nPain rule (0-10 scale) during and after exercise:");
    let [g, a, r] = wording.pain_rule_lines(&plan.program.pain_rule);
    let _ = writeln!(o, "  GREEN  {g}\n  AMBER  {a}\n  RED    {r}");
    if let Some(r) = &plan.program.return_to_run {
        let _ = writeln!(
            o,
            "\nReturn to running (walk-run days from program week {}):",
            r.start_week
        );
        let _ = writeln!(o, "  Start only when:");
        for c in &r.entry_criteria {
            let _ = writeln!(o, "    - {c}");
        }
        let _ = writeln!(o, "  Rules:");
        for c in &r.rules {
            let _ = writeln!(o, "    - {c}");
        }
    }
    for w in &plan.warnings {
        let _ = writeln!(o, "warning: {w}");
    }
    o.push('\n');
}

fn week(o: &mut String, w: &Week, wording: &Wording) {
    let maint = if w.maintenance { ", maintenance" } else { "" };
    let head = format!(
        "Week {}: {} (phase {}{maint}), {} to {}",
        w.number,
        w.phase,
        w.phase_number,
        date(w.start),
        date(w.end)
    );
    let _ = writeln!(o, "{head}\n{}", "-".repeat(head.chars().count()));
    if !w.adjustment.is_empty() {
        let _ = writeln!(o, "Adjusted from your pain log: {}", w.adjustment);
    } else if w.program_week != w.number && !w.maintenance {
        let _ = writeln!(o, "Doses of program week {}", w.program_week);
    }
    if !w.goals.is_empty() {
        let _ = writeln!(o, "Goals:");
        for g in &w.goals {
            let _ = writeln!(o, "  - {g}");
        }
    }
    for s in &w.sessions {
        session(o, s, wording);
    }
    if w.sessions.is_empty() {
        let _ = writeln!(o, "(no sessions this week)");
    }
    o.push('\n');
}

fn session(o: &mut String, s: &Session, wording: &Wording) {
    let kind = match s.kind {
        SessionKind::Training => "training",
        SessionKind::Daily => "rest day: daily exercises only",
        SessionKind::Run => "walk-run day",
    };
    let _ = writeln!(
        o,
        "\n{}  {} (about {} min)",
        date(s.date),
        kind,
        fmt_minutes(s.minutes)
    );
    let mut items: Vec<&Item> = s.exercises.iter().collect();
    items.sort_by_key(|i| i.position); // stable: program order within a position
    let width = items
        .iter()
        .map(|i| i.name.chars().count())
        .max()
        .unwrap_or(0);
    for it in items {
        let mut line = format!("  [ ] {:width$}  {}", it.name, wording.dose(it));
        if let Some(l) = &it.load {
            let _ = write!(line, ", {l}");
        }
        if let Some(t) = &it.tempo {
            let _ = write!(line, ", tempo {t}");
        }
        let _ = writeln!(o, "{line}");
        if !it.note.is_empty() {
            let _ = writeln!(o, "      note: {}", it.note);
        }
        if !it.caution.is_empty() {
            let _ = writeln!(o, "      caution: {}", it.caution);
        }
        for e in &it.explain {
            let _ = writeln!(o, "      why: {e}");
        }
    }
    if !s.left_out.is_empty() {
        let _ = writeln!(
            o,
            "      left out to fit the time: {}",
            s.left_out.join(", ")
        );
    }
}

fn fmt_minutes(m: f64) -> String {
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

fn footer(o: &mut String, plan: &Plan, wording: &Wording) {
    let _ = writeln!(o, "{}:", wording.red_flags_title);
    for f in wording.red_flags.iter().chain(&plan.program.red_flags) {
        let _ = writeln!(o, "  ! {f}");
    }
    let _ = writeln!(o, "\n{}", wording.disclaimer);
}
