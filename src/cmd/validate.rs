//! `rehabplan validate [PATH...]`: check files and report every problem at once.

use crate::cli::{Global, ValidateArgs};
use crate::error::{Error, Result};

pub fn execute(global: &Global, args: &ValidateArgs) -> Result<u8> {
    let v = super::load_and_validate(global, &args.paths);
    if !v.diagnostics.is_empty() {
        return Err(Error::Invalid(v.diagnostics));
    }
    let c = &v.catalog;
    println!(
        "ok: {} programs, {} exercises, {} templates checked",
        c.programs.len(),
        c.library.exercises.len(),
        v.templates.len()
    );
    Ok(0)
}
