//! The command layer's error: what `main` prints and which exit code it returns.
//!
//! Exit codes: 0 ok; 1 failure (cannot write, cannot render); 2 invalid input or usage;
//! 3 red-flag screening positive (see a doctor first).

use crate::diag::Diagnostic;
use thiserror::Error;

pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_INVALID: u8 = 2;
pub const EXIT_RED_FLAG: u8 = 3;

#[derive(Debug, Error)]
pub enum Error {
    /// Problems in input files, each with its place.
    #[error("{} problem{} found in the input files", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Invalid(Vec<Diagnostic>),
    /// A bad command-line value; `flag` names the option.
    #[error("invalid value for {flag}: {message}")]
    Usage {
        flag: String,
        message: String,
        hint: String,
    },
    /// Something the command needs is missing (not a bad value of one flag).
    #[error("{message}")]
    Missing { message: String, hint: String },
    /// Writing an output failed; the file already there (if any) is untouched.
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
    /// Reading an input that is not a program file (a log, a CSV, an answers file).
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    /// The renderer failed.
    #[error("{0}")]
    Render(String),
    /// A red flag was answered yes: exit code 3.
    #[error("see a doctor before starting this program")]
    RedFlag(String),
}

impl Error {
    pub fn usage(flag: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            flag: flag.to_string(),
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_)
            | Error::Usage { .. }
            | Error::Missing { .. }
            | Error::Read { .. } => EXIT_INVALID,
            Error::Write { .. } | Error::Render(_) => EXIT_FAILURE,
            Error::RedFlag(_) => EXIT_RED_FLAG,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
