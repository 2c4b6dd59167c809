//! rehabplan as a library: the pipeline behind the `rehabplan` command.
//!
//! ```text
//! programs/*.toml --load--> raw types --validate--> model --plan--> Plan --render--> bytes --cmd--> file
//! ```
//!
//! `load` and `cmd` are the only modules that touch the file system; `cmd` alone reads the clock.

pub mod cli;
pub mod cmd;
pub mod complete;
pub mod diag;
pub mod error;
pub mod figure;
pub mod load;
pub mod model;
pub mod painlog;
pub mod par;
pub mod plan;
pub mod render;
pub mod schema;
pub mod screen;
pub mod template;
#[cfg(test)]
pub(crate) mod testdata;
pub mod validate;
