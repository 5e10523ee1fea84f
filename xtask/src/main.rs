//! Maintainer tasks for the mktows workspace.
//!
//! - `cargo xtask codegen [--wsdl PATH|URL] [--out DIR] [--check]`: regenerate
//!   `mktows/src/generated/` from the WSDL (default `../shared/wsdl/marketo/mktows-2_2.wsdl`
//!   relative to the workspace root); `--check` only compares and fails on drift.
//! - `cargo xtask codegen-compat [--wsdl PATH]... [--bare PATH]...`: generate from older WSDL
//!   versions (and the generator's shape fixture) into scratch crates next to a copy of the
//!   runtime and check them with `-D warnings`.
//! - `cargo xtask msrv`: fail if a locked dependency declares a newer `rust-version` than the
//!   workspace.
#![forbid(unsafe_code)]

mod bare_runtime;
mod bench;
mod codegen_cmd;
mod compat;
mod fetch;
mod msrv;
mod paths;

use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask codegen [--wsdl PATH|URL] [--out DIR] [--check]
  cargo xtask codegen-compat [--wsdl PATH]... [--bare PATH]...
  cargo xtask msrv";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.split_first() {
        Some((cmd, rest)) if cmd == "codegen" => codegen_cmd::run(rest),
        Some((cmd, rest)) if cmd == "codegen-compat" => compat::run(rest),
        Some((cmd, rest)) if cmd == "bench" => bench::run(rest),
        Some((cmd, rest)) if cmd == "msrv" && rest.is_empty() => msrv::run(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
