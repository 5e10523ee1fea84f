//! `cargo xtask codegen-compat`: placeholder until the runtime lands.

use std::process::ExitCode;

/// Entry point.
pub fn run(_args: &[String]) -> Result<ExitCode, String> {
    Err("codegen-compat is not available yet".to_owned())
}
