//! Maintainer tasks for the mktows workspace: `cargo xtask <task>` (see `cargo xtask --help`).
//!
//! - `codegen`: regenerate `mktows/src/generated/` from a WSDL (default
//!   `../shared/wsdl/marketo/mktows-2_2.wsdl` relative to the workspace root), or `--check` it;
//!   with `--crate NAME --out DIR` (and `--declarations FILE`, `--map URL=FILE`), write a
//!   complete standalone crate on `soap-runtime` instead.
//! - `codegen-compat`: generate from older WSDL versions (and the generator's shape fixture)
//!   into scratch crates next to a copy of the runtime and check them with `-D warnings`;
//!   `--corpus` turns every corpus and Marketo WSDL into a standalone crate (clippy
//!   `-D warnings`, loopback calls per binding) or checks its pinned refusal.
//! - `bench`: throughput and memory of the generated codec against baselines.
//! - `msrv`: fail if a locked dependency declares a newer `rust-version` than the workspace.
#![forbid(unsafe_code)]

mod bare_runtime;
mod bench;
mod codegen_cmd;
mod compat;
mod corpus;
mod documents;
mod fetch;
mod msrv;
mod paths;
#[cfg(test)]
#[path = "../test-support/shared_data.rs"]
mod shared_data;
mod standalone;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Maintainer tasks for the mktows workspace.
#[derive(Debug, Parser)]
#[command(name = "xtask", bin_name = "cargo xtask")]
struct Cli {
    /// The task to run.
    #[command(subcommand)]
    task: Task,
}

/// The tasks `cargo xtask` knows.
#[derive(Debug, Subcommand)]
enum Task {
    /// Regenerate mktows/src/generated/ from a WSDL, or check that it is up to date.
    Codegen(codegen_cmd::Options),
    /// Generate code from other WSDL versions and check it compiles against the runtime.
    CodegenCompat(compat::Options),
    /// Measure the generated codec's throughput and memory against quick-xml and roxmltree
    /// (`cargo xtask bench --help` lists its options).
    #[command(disable_help_flag = true)]
    Bench {
        /// Options of the benchmark, passed on unchanged.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Check that the workspace's rust-version covers every locked dependency's declaration.
    Msrv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::Codegen(options) => codegen_cmd::run(&options),
        Task::CodegenCompat(options) => compat::run(&options),
        Task::Bench { args } => bench::run(&args),
        Task::Msrv => msrv::run(),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("xtask").chain(args.iter().copied()))
    }

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn help_lists_every_task() {
        let help = Cli::command().render_long_help().to_string();
        for task in ["codegen", "codegen-compat", "bench", "msrv"] {
            assert!(help.contains(task), "{task} missing from:\n{help}");
        }
        let error = parse(&["--help"]).expect_err("--help stops parsing");
        assert_eq!(error.kind(), clap::error::ErrorKind::DisplayHelp);
        let error = parse(&["codegen", "--help"]).expect_err("--help stops parsing");
        assert_eq!(error.kind(), clap::error::ErrorKind::DisplayHelp);
    }

    #[test]
    fn bench_receives_its_arguments_unchanged() {
        let cli = parse(&["bench", "--quick", "--reps", "3", "--help"]).expect("passes through");
        match cli.task {
            Task::Bench { args } => assert_eq!(args, ["--quick", "--reps", "3", "--help"]),
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn codegen_options_parse() {
        let cli = parse(&["codegen", "--wsdl", "x.wsdl", "--out", "gen", "--check"])
            .expect("valid arguments");
        match cli.task {
            Task::Codegen(options) => {
                assert_eq!(options.wsdl.as_deref(), Some("x.wsdl"));
                assert_eq!(options.out.as_deref(), Some(std::path::Path::new("gen")));
                assert!(options.check);
            }
            other => panic!("parsed as {other:?}"),
        }
        assert!(parse(&["codegen", "--bogus"]).is_err());
        assert!(parse(&["codegen", "--wsdl"]).is_err());
        assert!(parse(&["codegen-compat", "--wsdl"]).is_err());
        assert!(parse(&["msrv", "extra"]).is_err());
        assert!(parse(&[]).is_err(), "a task is required");
    }

    #[test]
    fn codegen_compat_keeps_full_and_bare_inputs_apart() {
        let cli = parse(&[
            "codegen-compat",
            "--wsdl",
            "a.wsdl",
            "--bare",
            "s.wsdl",
            "--wsdl",
            "b.wsdl",
        ])
        .expect("valid arguments");
        match cli.task {
            Task::CodegenCompat(options) => {
                assert_eq!(
                    options.wsdl,
                    ["a.wsdl", "b.wsdl"].map(std::path::PathBuf::from)
                );
                assert_eq!(options.bare, ["s.wsdl"].map(std::path::PathBuf::from));
            }
            other => panic!("parsed as {other:?}"),
        }
    }
}
