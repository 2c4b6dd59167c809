//! The command line, as clap reads it. Values are checked and turned into options in `cmd/`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  rehabplan causes
  rehabplan plan --cause runners-knee --start 2026-12-28 --days tue,thu,sat -o plan.pdf
  rehabplan plan --cause itbs --week current
  rehabplan validate my-clinic/
  rehabplan --programs my-clinic/ plan --cause my-program --name \"Zoë Łukasiewicz\" -o zoe.pdf

Exit codes: 0 ok, 1 failure, 2 invalid input or usage, 3 a red flag: see a doctor first.
This program is not medical advice.";

/// Printable, progressive hip, core and flexibility programs for inside (medial) knee pain.
#[derive(Debug, Parser)]
#[command(name = "rehabplan", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// A folder of your own program, exercise and template files; they add to the built-ins
    /// and override them by id.
    #[arg(long, global = true, value_name = "DIR", env = "REHABPLAN_PROGRAMS")]
    pub programs: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the causes (programs) you can plan for.
    Causes(ListArgs),
    /// List the exercise library.
    Exercises(ExercisesArgs),
    /// Check program, exercise and template files and report every problem.
    Validate(ValidateArgs),
    /// Draw one exercise's figure as SVG or PDF, to preview it while editing.
    Figure(FigureArgs),
    /// Build a dated plan for a cause: terminal text, JSON or a printable PDF.
    Plan(Box<PlanArgs>),
    /// Write an editable copy of the built-in programs, exercises and templates.
    Init(InitArgs),
    /// Print the JSON Schema of a file kind, for completion and checking in an editor.
    Schema(SchemaArgs),
    /// Ask the red-flag questions that mean "see a doctor first" (exit code 3 on any yes).
    Screen(ScreenArgs),
    /// Add a session's pain scores to a pain log (TOML).
    Log(LogArgs),
    /// Re-plan the remaining weeks from a pain log, following the program's pain rule.
    Adjust(Box<PlanArgs>),
    /// Write one plan per row of a CSV file (name, cause, start, days, ...), using all cores.
    Batch(BatchArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `rehabplan man > rehabplan.1`.
    Man,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The patients: a CSV file whose header names the columns name, cause, start, days,
    /// weeks, level, equipment, minutes (only cause is required).
    #[arg(value_name = "CSV")]
    pub csv: PathBuf,
    /// Where to write the plans (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    /// Also write a calendar (.ics) per patient.
    #[arg(long)]
    pub ics: bool,
    /// Also write the plan as JSON per patient.
    #[arg(long)]
    pub json: bool,
    /// Print template: a built-in name or a .toml file.
    #[arg(long, value_name = "NAME|PATH")]
    pub template: Option<String>,
    /// Paper size, overriding the template's.
    #[arg(long, value_enum)]
    pub paper: Option<PaperArg>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The pain log file; it is created if it does not exist.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The session's date, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Pain during the session, 0-10.
    #[arg(long, value_name = "0-10")]
    pub during: Option<u8>,
    /// Pain the next morning, 0-10 (can be added the next day with the same --date).
    #[arg(long, value_name = "0-10")]
    pub morning: Option<u8>,
    /// Every set was completed.
    #[arg(long, conflicts_with = "not_completed")]
    pub completed: bool,
    /// Not every set was completed.
    #[arg(long)]
    pub not_completed: bool,
    /// A note for the session.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The exercise these scores are for (the PDF has boxes per exercise); leave out for the
    /// whole session.
    #[arg(long, value_name = "ID")]
    pub exercise: Option<String>,
}

/// Answers to the red-flag screening questions.
#[derive(Debug, Args, Default, Clone)]
pub struct AnswerArgs {
    /// A TOML file of answers, one `question-id = true|false` line each.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Questions answered yes, by id (see `rehabplan screen --list`).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub yes: Vec<String>,
    /// Questions answered no, by id; `all` answers no to every question not answered otherwise.
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub no: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// Add this cause's own red flags to the general questions.
    #[arg(long, value_name = "CAUSE")]
    pub cause: Option<String>,
    /// List the questions and their ids instead of asking.
    #[arg(long)]
    pub list: bool,
    #[command(flatten)]
    pub answers: AnswerArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Program,
    Exercises,
    Template,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which kind of file.
    #[arg(value_enum)]
    pub kind: SchemaKind,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (it may exist, but no file in it is replaced).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Copy only this program (an id or alias) instead of everything.
    #[arg(long, value_name = "CAUSE")]
    pub cause: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExercisesArgs {
    /// Only this category: hip, core, flexibility, knee, calf, balance or cardio.
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
    /// Print every exercise's figure with its name as a PDF, for review (needs -o).
    #[arg(long, requires = "output")]
    pub gallery: bool,
    /// Where to write the gallery PDF.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Print template for the gallery (built-in name or file).
    #[arg(long, value_name = "NAME|PATH")]
    pub template: Option<String>,
}

#[derive(Debug, Args)]
pub struct FigureArgs {
    /// The exercise id (see `rehabplan exercises`).
    #[arg(value_name = "ID")]
    pub id: String,
    /// Write to this file: .svg (opens in a browser) or .pdf [default: SVG on the terminal].
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print template whose accent colour marks the working limb, bands and arrows.
    #[arg(long, value_name = "NAME|PATH")]
    pub template: Option<String>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files or folders to check, on top of the built-ins (default: the built-ins, plus
    /// --programs DIR when given).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Text,
    Json,
    Pdf,
    Ics,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The suspected cause: an id or alias from `rehabplan causes` (e.g. runners-knee).
    #[arg(long, value_name = "CAUSE")]
    pub cause: String,
    /// First day of the plan, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Number of weeks [default: the program's length]. Past the program's end the last
    /// phase continues as maintenance.
    #[arg(long, value_name = "N")]
    pub weeks: Option<u32>,
    /// Training days, e.g. mon,wed,fri [default: the program's sessions spread over the week].
    #[arg(long, value_name = "DAYS")]
    pub days: Option<String>,
    /// Start with easier or harder variants.
    #[arg(long, value_enum, default_value = "intermediate")]
    pub level: Level,
    /// The equipment you have, e.g. none or band,step [default: everything].
    #[arg(long, value_name = "LIST")]
    pub equipment: Option<String>,
    /// Time budget per session in minutes; lower-priority exercises are left out to fit.
    #[arg(long, value_name = "N")]
    pub minutes: Option<u32>,
    /// The patient's name, printed on the plan.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Show one week only: a number, or `current` (counted from --start and today).
    #[arg(long, value_name = "N|current")]
    pub week: Option<String>,
    /// Output format [default: from the -o file's extension, else text].
    #[arg(long, value_enum)]
    pub format: Option<PlanFormat>,
    /// Write to this file (.pdf, .json, .ics or .txt) instead of the terminal.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Say for each exercise why it is in the plan (slot, substitutions).
    #[arg(long)]
    pub explain: bool,
    /// Print template: a built-in name (en, large-print, de) or a .toml file.
    #[arg(long, value_name = "NAME|PATH")]
    pub template: Option<String>,
    /// Paper size, overriding the template's.
    #[arg(long, value_enum)]
    pub paper: Option<PaperArg>,
    /// Red-flag screening answers: with any yes, no plan is made (exit code 3).
    #[command(flatten)]
    pub answers: AnswerArgs,
    /// A clinician has examined the patient and cleared them for exercise despite a red flag.
    #[arg(long)]
    pub cleared_by_clinician: bool,
    /// A pain log: re-plan the weeks after the logged ones from it (what `adjust` does).
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn verify_cli() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
