//! Maintainer tasks for the mktows workspace.
#![forbid(unsafe_code)]

fn main() {
    eprintln!("usage: cargo xtask codegen [--wsdl PATH|URL] [--check]");
    std::process::exit(2);
}
