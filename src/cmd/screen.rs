//! `rehabplan screen`: the red-flag questions, asked in a terminal or answered by flags or a
//! file. Also used by `plan`, which refuses to plan after a "yes" unless a clinician cleared it.

use crate::cli::{AnswerArgs, Global, ScreenArgs};
use crate::diag::{suggest, Diagnostic};
use crate::error::{Error, Result};
use crate::load;
use crate::plan::types::Screening;
use crate::screen::{self, Question, Verdict};
use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};

pub fn execute(global: &Global, args: &ScreenArgs) -> Result<u8> {
    let program = match &args.cause {
        None => None,
        Some(c) => {
            let v = super::catalog(global)?;
            Some(super::find_program(&v, c)?.clone())
        }
    };
    let questions = screen::questions(program.as_ref());
    if args.print_answers_template {
        super::write_stdout(answers_template(&questions, args.cause.as_deref()).as_bytes())?;
        return Ok(0);
    }
    if args.list {
        // Grouped under the urgency headings of the printed warning-signs box.
        let mut out = String::new();
        for u in crate::model::Urgency::ALL {
            let group: Vec<&Question> = questions.iter().filter(|q| q.urgency == u).collect();
            if group.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(screen::urgency_heading(u));
            out.push('\n');
            for q in group {
                out.push_str(&format!(
                    "{}{}\n    {}\n",
                    q.id,
                    if q.verified {
                        ""
                    } else {
                        " [unverified source]"
                    },
                    q.text
                ));
            }
        }
        let out = crate::render::text::wrap(&out, super::terminal_width());
        super::write_stdout(out.as_bytes())?;
        return Ok(0);
    }
    match ask(&questions, &args.answers, true)? {
        Verdict::Clear => {
            println!("No red flags: you can start a self-guided program. Stop and see a doctor if any of these signs appear later.");
            Ok(0)
        }
        Verdict::SeeADoctor(yes) => Err(Error::RedFlag(screen::referral_message(&yes))),
    }
}

/// Screening for `plan`: only when answers were given; a "yes" stops the plan unless cleared.
/// Without answers (and without `--cleared-by-clinician`) the plan is "not screened": the PDF
/// then starts with the questions as a tick list, and text and JSON say so.
pub fn check_for_plan(
    program: &crate::model::Program,
    answers: &AnswerArgs,
    cleared: bool,
) -> Result<Screening> {
    if answers.answers.is_none() && answers.yes.is_empty() && answers.no.is_empty() {
        return Ok(if cleared {
            Screening::ClearedByClinician
        } else {
            Screening::NotScreened
        });
    }
    let questions = screen::questions(Some(program));
    match ask(&questions, answers, false)? {
        Verdict::Clear if cleared => Ok(Screening::ClearedByClinician),
        Verdict::Clear => Ok(Screening::Screened),
        Verdict::SeeADoctor(_) if cleared => {
            eprintln!("warning: red flags were answered yes; planning anyway because a clinician cleared the patient (--cleared-by-clinician)");
            Ok(Screening::ClearedByClinician)
        }
        Verdict::SeeADoctor(yes) => Err(Error::RedFlag(screen::referral_message(&yes))),
    }
}

/// The verdict on `questions`: from the answers given (`--answers`, `--yes`, `--no`), then,
/// when `interactive` and in a terminal, by asking the ones left.
fn ask(questions: &[Question], args: &AnswerArgs, interactive: bool) -> Result<Verdict> {
    let mut answers = given_answers(questions, args)?;
    // Safety before completeness: one "yes" is enough to see a doctor, whatever is missing.
    if let Ok(v @ Verdict::SeeADoctor(_)) = screen::judge(questions, &answers) {
        return Ok(v);
    }
    let unanswered: Vec<&Question> = questions
        .iter()
        .filter(|q| !answers.contains_key(&q.id))
        .collect();
    if !unanswered.is_empty() {
        let no_answers = args.answers.is_none() && args.yes.is_empty() && args.no.is_empty();
        if interactive && no_answers && !std::io::stdin().is_terminal() {
            return Err(Error::Missing {
                message: "screen asks its questions in a terminal, and standard input is not one".into(),
                hint: "give the answers instead: --answers FILE (make one with `rehabplan screen --print-answers-template`), --yes IDS, --no IDS or --no all".into(),
            });
        }
        if interactive && std::io::stdin().is_terminal() {
            if let Some(yes) = ask_in_terminal(&unanswered, &mut answers)? {
                return Ok(yes);
            }
        } else {
            return Err(not_answered(&unanswered));
        }
    }
    screen::judge(questions, &answers).map_err(|missing| {
        Error::usage(
            "--answers",
            format!("not answered: {}", missing.join(", ")),
            "answer every question",
        )
    })
}

/// The answers given on the command line: the `--answers` file, then `--yes IDS` and
/// `--no IDS` (`--no all` answers every question not answered otherwise with no). An
/// unknown id is an error naming its flag.
fn given_answers(questions: &[Question], args: &AnswerArgs) -> Result<BTreeMap<String, bool>> {
    let mut answers: BTreeMap<String, bool> = BTreeMap::new();
    let ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
    if let Some(path) = &args.answers {
        answers.extend(read_answers(path, &ids)?);
    }
    let known = |id: &str, flag: &str| -> Result<()> {
        if ids.contains(&id) {
            Ok(())
        } else {
            Err(Error::usage(
                flag,
                format!("unknown question `{id}`"),
                suggest(
                    id,
                    ids.iter().copied(),
                    "run `rehabplan screen --list` to see the question ids",
                ),
            ))
        }
    };
    for id in args.yes.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        known(id, "--yes")?;
        answers.insert(id.to_string(), true);
    }
    let mut no_all = false;
    for id in args.no.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if id == "all" {
            no_all = true;
            continue;
        }
        known(id, "--no")?;
        answers.insert(id.to_string(), false);
    }
    if no_all {
        for q in questions {
            answers.entry(q.id.clone()).or_insert(false);
        }
    }
    Ok(answers)
}

/// Ask the `unanswered` questions in the terminal, in order, into `answers`. The first "yes"
/// stops the questions: the most urgent come first, and the patient is not kept answering
/// after a reason to stop. `None` when every answer was no.
fn ask_in_terminal(
    unanswered: &[&Question],
    answers: &mut BTreeMap<String, bool>,
) -> Result<Option<Verdict>> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    println!("Answer each question with y (yes) or n (no).\n");
    for q in unanswered {
        loop {
            print!("{} [y/n] ", q.text);
            let _ = std::io::stdout().flush();
            let Some(Ok(line)) = lines.next() else {
                return Err(Error::usage(
                    "screen",
                    "the questions were not all answered",
                    "answer every question; a screening needs all of them",
                ));
            };
            match line.trim().to_lowercase().as_str() {
                "y" | "yes" => {
                    answers.insert(q.id.clone(), true);
                    return Ok(Some(Verdict::SeeADoctor(vec![(*q).clone()])));
                }
                "n" | "no" => {
                    answers.insert(q.id.clone(), false);
                    break;
                }
                _ => println!("Please answer y or n."),
            }
        }
    }
    Ok(None)
}

/// The error for questions left unanswered outside a terminal.
fn not_answered(unanswered: &[&Question]) -> Error {
    let list: Vec<&str> = unanswered.iter().map(|q| q.id.as_str()).collect();
    Error::usage(
        "--answers",
        format!("{} screening question{} not answered: {}", list.len(), if list.len() == 1 { "" } else { "s" }, list.join(", ")),
        "answer them in the --answers file, with --yes/--no IDS, or --no all; or run `rehabplan screen` in a terminal",
    )
}

/// An answers file to fill in: each question as a comment, then `id = "?"`, which `--answers`
/// refuses until it is replaced by true (yes) or false (no).
fn answers_template(questions: &[Question], cause: Option<&str>) -> String {
    let mut out = String::from(
        "# Red-flag screening answers for `rehabplan plan --answers FILE` or `rehabplan screen --answers FILE`.\n\
         # Answer every question: replace \"?\" with true (yes) or false (no).\n",
    );
    if let Some(c) = cause {
        out.push_str(&format!("# The general questions and those for `{c}`.\n"));
    }
    for q in questions {
        out.push('\n');
        for line in wrap_comment(&q.text, 96) {
            out.push_str(&format!("# {line}\n"));
        }
        out.push_str(&format!("{} = \"?\"\n", q.id));
    }
    out
}

/// Words of `text` in lines of at most `width` characters.
fn wrap_comment(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("one line");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// An answers file: `question-id = true|false` lines.
fn read_answers(path: &std::path::Path, ids: &[&str]) -> Result<BTreeMap<String, bool>> {
    let text = load::read_text(path).map_err(|d| Error::Invalid(vec![d]))?;
    let name = path.display().to_string();
    let doc: toml::Spanned<toml::Table> = toml::from_str(&text).map_err(|e| {
        Error::Invalid(vec![Diagnostic::at(
            &name,
            &text,
            e.span().unwrap_or(0..0),
            e.message().lines().next().unwrap_or("").to_string(),
        )
        .hint("write one line per question: locking = false")])
    })?;
    // Spans of keys: parse again as a map of spanned values.
    let spanned: BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>> =
        toml::from_str(&text).unwrap_or_default();
    let mut diags = Vec::new();
    let mut out = BTreeMap::new();
    for (k, v) in spanned {
        let key = k.get_ref();
        if !ids.contains(&key.as_str()) {
            diags.push(
                Diagnostic::at(&name, &text, k.span(), format!("unknown question `{key}`")).hint(
                    suggest(
                        key,
                        ids.iter().copied(),
                        "run `rehabplan screen --list` to see the question ids",
                    ),
                ),
            );
            continue;
        }
        match v.get_ref() {
            toml::Value::Boolean(b) => {
                out.insert(key.clone(), *b);
            }
            _ => diags.push(
                Diagnostic::at(
                    &name,
                    &text,
                    v.span(),
                    format!("the answer to `{key}` must be true or false"),
                )
                .hint(format!("{key} = true (yes) or {key} = false (no)")),
            ),
        }
    }
    let _ = doc;
    Diagnostic::sort_all(&mut diags);
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(diags))
    }
}
