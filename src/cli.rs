//! The command line, as clap reads it. Values are checked and turned into options in `cmd/`.

use crate::complete;
use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::{ArgValueCandidates, ArgValueCompleter};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  rehabplan causes
  rehabplan plan --cause runners-knee --days tue,thu,sat -o plan.pdf
  rehabplan plan --cause itbs --week current
  rehabplan validate my-clinic/
  rehabplan --programs my-clinic/ plan --cause my-program --name \"Zoë Łukasiewicz\" -o zoe.pdf

Exit codes: 0 ok, 1 failure, 2 invalid input or usage, 3 a red flag: see a doctor first.
This program is not medical advice.";

/// The `Examples:` section that ends a command's help, from its example command lines.
macro_rules! examples {
    ($($line:literal),+ $(,)?) => {
        concat!("Examples:" $(, "\n  ", $line)+)
    };
}

const BATCH_EXAMPLES: &str = "\
A CSV file, one patient a row; a value with commas in it is quoted (\"mon,wed,fri\"):
  name,cause,start,days,weeks
  Zoë Łukasiewicz,runners-knee,2026-12-28,\"tue,thu,sat\",8
  Ægir Þórsson,itbs,today,,

Examples:
  rehabplan batch patients.csv --out-dir plans/
  rehabplan batch patients.csv --out-dir plans/ --ics --json --template de";

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
    #[arg(long, global = true, value_name = "DIR", env = "REHABPLAN_PROGRAMS", value_hint = clap::ValueHint::DirPath, display_order = 900)]
    pub programs: Option<PathBuf>,
    /// Print only errors and warnings: no "wrote ..." lines, no progress bar.
    #[arg(long, short = 'q', global = true, display_order = 901)]
    pub quiet: bool,
    /// When to use colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value = "auto",
        display_order = 902
    )]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the causes (programs) you can plan for.
    #[command(after_help = examples!("rehabplan causes", "rehabplan causes --format json", "rehabplan --programs my-clinic/ causes"))]
    Causes(ListArgs),
    /// List the exercise library.
    #[command(after_help = examples!("rehabplan exercises", "rehabplan exercises --category hip", "rehabplan exercises --format json"))]
    Exercises(ExercisesArgs),
    /// Check program, exercise and template files and report every problem.
    #[command(after_help = examples!("rehabplan validate my-clinic/", "rehabplan validate my-clinic/pfps.toml templates/fr.toml", "rehabplan validate my-clinic/ --format json"))]
    Validate(ValidateArgs),
    /// Draw one exercise's figure as SVG or PDF, to preview it while editing.
    #[command(after_help = examples!("rehabplan figure clamshell -o clamshell.svg", "rehabplan figure copenhagen-long-lever -o copenhagen.pdf", "rehabplan --programs my-clinic figure my-bridge -o bridge.svg"))]
    Figure(FigureArgs),
    /// Build a dated plan for a cause: terminal text, JSON, a calendar or a printable PDF.
    #[command(after_help = examples!("rehabplan plan --cause runners-knee --days tue,thu,sat -o plan.pdf", "rehabplan plan --cause itbs --start today --week current", "rehabplan plan --cause meniscus --answers answers.toml --template de -o plan.ics"))]
    Plan(Box<PlanArgs>),
    /// Re-validate and re-render the plan on every save in the --programs folder (Ctrl-C stops).
    #[command(after_help = examples!("rehabplan --programs my-clinic watch --cause pfps -o plan.pdf", "rehabplan --programs my-clinic watch --cause pfps --template de -o plan.pdf"))]
    Watch(Box<PlanArgs>),
    /// Write an editable copy of the built-in programs, exercises and templates.
    #[command(after_help = examples!("rehabplan init my-clinic", "rehabplan init my-clinic --cause pfps", "rehabplan --programs my-clinic validate"))]
    Init(InitArgs),
    /// Print the JSON Schema of a file kind or of the plan JSON, for editors and tools.
    #[command(after_help = examples!("rehabplan schema program > program.schema.json", "rehabplan schema template", "rehabplan schema plan"))]
    Schema(SchemaArgs),
    /// Ask the red-flag questions that mean "see a doctor first" (exit code 3 on any yes).
    #[command(after_help = examples!("rehabplan screen --cause meniscus", "rehabplan screen --cause meniscus --print-answers-template > answers.toml", "rehabplan screen --cause meniscus --answers answers.toml"))]
    Screen(ScreenArgs),
    /// Add a session's pain scores to a pain log (TOML).
    #[command(after_help = examples!("rehabplan log pain.toml --during 3 --morning 1 --completed", "rehabplan log pain.toml --date 2026-11-03 --exercise mini-squat --during 5", "rehabplan log pain.toml --morning 2 --note \"stairs were fine\""))]
    Log(LogArgs),
    /// Re-plan the remaining weeks from a pain log, following the program's pain rule.
    #[command(after_help = examples!("rehabplan adjust --cause meniscus --start 2026-11-02 --log pain.toml --week current", "rehabplan adjust --cause pfps --start 2026-11-02 --log pain.toml -o plan.pdf"))]
    Adjust(Box<PlanArgs>),
    /// Write one plan per row of a CSV file (name, cause, start, days, ...), using all cores.
    #[command(after_help = BATCH_EXAMPLES)]
    Batch(BatchArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = examples!("rehabplan completions bash > ~/.local/share/bash-completion/completions/rehabplan", "echo 'source <(COMPLETE=bash rehabplan)' >> ~/.bashrc", "rehabplan completions fish > ~/.config/fish/completions/rehabplan.fish"))]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write every page with --dir.
    #[command(after_help = examples!("rehabplan man > rehabplan.1", "rehabplan man --dir man/", "man ./man/rehabplan-plan.1"))]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The patients: a CSV file whose header names the columns name, cause, start, days,
    /// weeks, level, equipment, minutes (only cause is required). Quote a value that has
    /// commas in it: "mon,wed,fri".
    #[arg(value_name = "CSV", value_hint = clap::ValueHint::FilePath)]
    pub csv: PathBuf,
    /// Where to write the plans (created if missing).
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub out_dir: PathBuf,
    /// Also write a calendar (.ics) per patient.
    #[arg(long)]
    pub ics: bool,
    /// Also write the plan as JSON per patient.
    #[arg(long)]
    pub json: bool,
    /// Print template: a built-in name (en, large-print, de) or a .toml file.
    #[arg(long, value_name = "NAME|PATH", add = ArgValueCompleter::new(complete::templates))]
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
    #[arg(value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// The session's date, YYYY-MM-DD or today [default: today].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Pain during the session, 0-10.
    #[arg(long, value_name = "0-10", allow_negative_numbers = true)]
    pub during: Option<String>,
    /// Pain the next morning, 0-10 (can be added the next day with the same --date).
    #[arg(long, value_name = "0-10", allow_negative_numbers = true)]
    pub morning: Option<String>,
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
    #[arg(long, value_name = "ID", add = ArgValueCandidates::new(complete::exercises))]
    pub exercise: Option<String>,
    /// The cause being treated: --exercise must then be one of its program's exercises (or
    /// their easier and harder variants). Without it, any exercise of the library.
    #[arg(long, value_name = "CAUSE", add = ArgValueCandidates::new(complete::causes))]
    pub cause: Option<String>,
    /// A progress check's result, e.g. --check worst-pain=4 (repeat for each check; the plan
    /// JSON lists them under program.checks). Needs --cause.
    #[arg(long = "check", value_name = "ID=N")]
    pub checks: Vec<String>,
}

/// Answers to the red-flag screening questions.
#[derive(Debug, Args, Default, Clone)]
pub struct AnswerArgs {
    /// A TOML file of answers, one `question-id = true|false` line each (make one with
    /// `rehabplan screen --cause CAUSE --print-answers-template`).
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub answers: Option<PathBuf>,
    /// Questions answered yes, by id (see `rehabplan screen --list`).
    #[arg(long, value_name = "IDS", value_delimiter = ',', add = ArgValueCompleter::new(complete::questions))]
    pub yes: Vec<String>,
    /// Questions answered no, by id; `all` answers no to every question not answered otherwise.
    #[arg(long, value_name = "IDS", value_delimiter = ',', add = ArgValueCompleter::new(complete::questions))]
    pub no: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// Add this cause's own red flags to the general questions.
    #[arg(long, value_name = "CAUSE", add = ArgValueCandidates::new(complete::causes))]
    pub cause: Option<String>,
    /// List the questions and their ids instead of asking.
    #[arg(long)]
    pub list: bool,
    /// Print an answers file to fill in (every question, as a comment and an `id = ...` line)
    /// for --answers.
    #[arg(long, conflicts_with = "list")]
    pub print_answers_template: bool,
    #[command(flatten)]
    pub answers: AnswerArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A program file.
    Program,
    /// An exercise library file.
    Exercises,
    /// A print template.
    Template,
    /// A translation of programs and exercises (programs/lang/<language>/).
    Translation,
    /// The JSON that `rehabplan plan --format json` prints.
    Plan,
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
    #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: PathBuf,
    /// Copy only this program (an id or alias) instead of everything.
    #[arg(long, value_name = "CAUSE", add = ArgValueCandidates::new(complete::causes))]
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
    #[arg(long, value_name = "CATEGORY", add = ArgValueCandidates::new(complete::categories))]
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
    /// Print template for the gallery (built-in name or file); its language also translates
    /// the exercises.
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
    #[arg(value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Output format: text, or json (the problems with file, line, column, message and hint).
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
    /// Also check the translation to this language (e.g. de) and list every string that is
    /// not translated, at the file:line:col of its source text.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write every page (rehabplan.1, rehabplan-plan.1, ...) into this folder instead of
    /// printing the main page.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
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
    #[arg(long, value_name = "CAUSE", add = ArgValueCandidates::new(complete::causes))]
    pub cause: String,
    /// First day of the plan, YYYY-MM-DD or today [default: today].
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Number of weeks, 1-104 [default: the program's length]. Past the program's end the last
    /// phase continues as maintenance.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub weeks: Option<String>,
    /// Training days, e.g. mon,wed,fri [default: the program's sessions spread over the week].
    #[arg(long, value_name = "DAYS", add = ArgValueCompleter::new(complete::days))]
    pub days: Option<String>,
    /// Start with easier or harder variants.
    #[arg(long, value_enum, default_value = "intermediate")]
    pub level: Level,
    /// The equipment you have, e.g. none or band,step [default: everything].
    #[arg(long, value_name = "LIST", add = ArgValueCompleter::new(complete::equipment))]
    pub equipment: Option<String>,
    /// Time budget per session in minutes, 5-240; lower-priority exercises are left out to fit.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub minutes: Option<String>,
    /// The patient's name, printed on the plan.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Show one week only: a number, or `current` (counted from --start and today).
    #[arg(long, value_name = "N|current", allow_negative_numbers = true)]
    pub week: Option<String>,
    /// Output format [default: from the -o file's extension, else text].
    #[arg(long, value_enum)]
    pub format: Option<PlanFormat>,
    /// Write to this file (.pdf, .json, .ics or .txt) instead of the terminal; `-` is standard
    /// output (with --format, any format, the PDF too).
    #[arg(short = 'o', long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
    /// Say for each exercise why it is in the plan (slot, substitutions).
    #[arg(long)]
    pub explain: bool,
    /// Print template: a built-in name (en, large-print, de) or a .toml file. It sets every
    /// printed word, in the terminal and the calendar too.
    #[arg(long, value_name = "NAME|PATH", add = ArgValueCompleter::new(complete::templates))]
    pub template: Option<String>,
    /// Paper size, overriding the template's.
    #[arg(long, value_enum)]
    pub paper: Option<PaperArg>,
    /// Language of the program and exercise text, e.g. de [default: the template's]. Without
    /// --template it also picks the built-in template in that language. Strings without a
    /// translation print in English and are counted in a warning.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Red-flag screening answers: with any yes, no plan is made (exit code 3).
    #[command(flatten)]
    pub answers: AnswerArgs,
    /// A clinician has examined the patient and cleared them for exercise despite a red flag
    /// (with --log: has reviewed a plan whose pain log calls for a clinician).
    #[arg(long)]
    pub cleared_by_clinician: bool,
    /// A pain log: re-plan the weeks after the logged ones from it (what `adjust` does).
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
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
