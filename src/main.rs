//! `rehabplan`: printable, progressive rehab programs for inside (medial) knee pain in runners.
//!
//! This file only parses the command line, runs one command and turns its result into an exit
//! code. The pipeline (load -> validate -> plan -> render) is in `lib.rs` and `cmd/`.

use clap::{CommandFactory, FromArgMatches};
use rehabplan::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    // `COMPLETE=bash rehabplan ...`: the shell asks for completions (see `completions`).
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let color = rehabplan::cmd::color_choice(std::env::args_os());
    let matches = Cli::command().color(color).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let painted = rehabplan::cmd::stderr_color(color);
    rehabplan::cmd::set_stderr_color(painted);
    match rehabplan::cmd::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let report = rehabplan::cmd::report(&e, painted);
            let report = if painted {
                rehabplan::cmd::paint_report(&report)
            } else {
                report
            };
            eprint!("{report}");
            ExitCode::from(e.exit_code())
        }
    }
}
