//! Maintainer tasks for the mktows workspace.
#![forbid(unsafe_code)]

mod bench;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.split_first() {
        Some((cmd, rest)) if cmd == "bench" => bench::run(rest),
        _ => {
            eprintln!(
                "usage: cargo xtask codegen [--wsdl PATH|URL] [--check] | cargo xtask bench [--quick]"
            );
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
