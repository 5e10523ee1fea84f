//! `cargo xtask bench`: throughput and memory of the generated codec on Marketo-sized
//! payloads, against a raw quick-xml scan, roxmltree and quick-xml serde with derived types;
//! the end-to-end overhead of the generated client against raw HTTP on loopback; the
//! codegen time; and the compile cost of large generated crates (see [`compile_cost`]).
//!
//! The payloads are synthetic but deterministic and shaped like real `getMultipleLeads`
//! responses and `syncMultipleLeads` requests (see [`payload`]). Every figure comes from a
//! release build, best of several interleaved repetitions; ratios are taken against
//! baselines measured in the same run. Targets are reported as PASS/FAIL, never asserted, so
//! the command succeeds on a slow or busy machine; a failed correctness check (the decoders,
//! the raw-scan placements or the client and raw exchanges disagreeing) is an error.
//!
//! The raw-scan baseline is timed in two code placements and the faster counts; see
//! [`placement`] for why.

mod baselines;
mod codegen_time;
mod compile_cost;
mod end_to_end;
mod memory;
mod options;
mod oracle;
mod payload;
mod placement;
mod prng;
mod rate;
mod raw_scan;
mod relaunch;
mod report;
mod serde_alt;
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
            ProbeParser::RawScan => raw_scan::raw_event_scan(xml).map(drop),
            ProbeParser::Serde => serde_alt::decode_once(xml),
        });
    }
    if relaunch::is_debug_build() && !options.compile_cost {
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
