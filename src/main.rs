//! `rehabplan`: printable, progressive rehab programs for inside (medial) knee pain in runners.
//!
//! This file only parses the command line, runs one command and turns its result into an exit
//! code. The pipeline (load -> validate -> plan -> render) is in `lib.rs` and `cmd/`.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = rehabplan::cli::Cli::parse();
    match rehabplan::cmd::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprint!("{}", e.report());
            ExitCode::from(e.exit_code())
        }
    }
}
