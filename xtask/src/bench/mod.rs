//! `cargo xtask bench`: throughput and memory of the generated codec on Marketo-sized
//! payloads, against quick-xml and roxmltree baselines, plus the codegen time.
//!
//! The payloads are synthetic but deterministic and shaped like real `getMultipleLeads`
//! responses and `syncMultipleLeads` requests (see [`payload`]). Every figure is the best
//! of several repetitions of a release build; targets are reported as PASS/MISS, never
//! asserted, so the command succeeds on a slow machine.

mod baselines;
mod codegen_time;
mod memory;
mod options;
mod oracle;
mod payload;
mod prng;
mod relaunch;
mod report;
mod suite;
mod timing;
mod typed;

use options::{BenchOptions, ProbeParser, USAGE};
use std::process::ExitCode;

/// Entry point of `cargo xtask bench <args>`. Missed targets do not fail the command.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    run_bench(args)
        .map(|()| ExitCode::SUCCESS)
        .map_err(|message| format!("bench: {message}"))
}

fn run_bench(args: &[String]) -> Result<(), String> {
    let options = BenchOptions::parse(args)?;
    if options.help {
        println!("{USAGE}");
        return Ok(());
    }
    if let Some(request) = &options.memory_probe {
        return memory::run_probe(request, |xml| match request.parser {
            ProbeParser::TypedDecode => typed::decode_once(xml),
            ProbeParser::Roxmltree => baselines::roxmltree_parse(xml).map(drop),
            ProbeParser::RawScan => baselines::raw_event_scan(xml).map(drop),
        });
    }
    if relaunch::is_debug_build() {
        return relaunch::run_in_release(args);
    }
    let report = suite::run(&options)?;
    print!("{}", report.table());
    if let Some(path) = &options.json {
        std::fs::write(path, report.json())
            .map_err(|e| format!("writing {}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
