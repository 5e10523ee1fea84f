//! Maintainer tasks for the mktows workspace.
#![forbid(unsafe_code)]

mod bench;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("bench") => bench::main(args.get(1..).unwrap_or_default()),
        _ => {
            eprintln!("usage: cargo xtask codegen [--wsdl PATH|URL] [--check]");
            std::process::ExitCode::from(2)
        }
    }
}
