//! Command-line options of `cargo xtask bench`.

use super::compile_cost::Profile;
use std::path::PathBuf;

/// Usage text printed for `--help` and on bad arguments.
pub const USAGE: &str = "\
usage: cargo xtask bench [--quick] [--reps N] [--json PATH] [--write-payload PATH] [--wsdl PATH]
                         [--end-to-end] [--compile-cost] [--compile-profile debug|release]
                         [--shared DIR]

  --quick               small sizes (200-lead payload, 100-lead calls, few calls) and
                        2 repetitions: a smoke run for CI that exercises every measurement
  --reps N              repetitions per measurement, best one counts (default 5, quick 2)
  --json PATH           also write the figures as JSON
  --write-payload PATH  write the synthetic getMultipleLeads response to PATH
  --wsdl PATH           WSDL for the codegen timing (default ../shared/wsdl/marketo/mktows-2_2.wsdl)
  --end-to-end          only the end-to-end calls (generated client against the raw HTTP
                        floor), at the sizes of the mode (full, or --quick): the figures to
                        watch when changing the call path, in a minute rather than the
                        full run's many
  --compile-cost        only the compile cost of generated crates (economic whole and built
                        with one feature group, mktows-2_2 from ../shared, and a fixed
                        calibration crate); slow: minutes per
                        build on a loaded 2-core machine. The full run includes it, --quick
                        does not
  --compile-profile P   build the crates in profile P only (debug or release; default both)
  --shared DIR          for the compile cost: read the WSDLs from DIR instead of ../shared

Always measures a release build: a debug xtask builds the release binaries and re-runs itself
with `cargo run --release` (not for --compile-cost alone: it times cargo, not this binary).
Targets are reported as PASS/FAIL and never fail the command; only a
failed correctness check (decoders, scan placements, or client and raw exchanges disagreeing)
exits non-zero.";

/// What a benchmark run should do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BenchOptions {
    /// Small payloads and few repetitions.
    pub quick: bool,
    /// Repetitions per measurement; `None` for the mode's default.
    pub reps: Option<usize>,
    /// Where to write the figures as JSON.
    pub json: Option<PathBuf>,
    /// Where to write the synthetic response payload.
    pub write_payload: Option<PathBuf>,
    /// WSDL used for the codegen timing.
    pub wsdl: Option<PathBuf>,
    /// Measure only the end-to-end calls.
    pub end_to_end: bool,
    /// Measure only the compile cost of generated crates.
    pub compile_cost: bool,
    /// The profile to build the generated crates in; `None` for both.
    pub compile_profile: Option<Profile>,
    /// The reference data directory for the compile cost; `None` for `../shared`.
    pub shared: Option<PathBuf>,
    /// Internal: run as the memory-measuring child process.
    pub memory_probe: Option<ProbeRequest>,
    /// `--help` was given.
    pub help: bool,
}

/// Internal child mode: measure the peak memory of one parser over a payload file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeRequest {
    /// Which parser to run.
    pub parser: ProbeParser,
    /// The payload file.
    pub payload: PathBuf,
}

/// The parsers whose peak memory is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeParser {
    /// The generated typed decoder.
    TypedDecode,
    /// roxmltree's DOM parse (for comparison).
    Roxmltree,
    /// The raw quick-xml event scan (for profiling against the decoder).
    RawScan,
    /// quick-xml serde with derived types (for comparison).
    Serde,
}

impl ProbeParser {
    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ProbeParser::TypedDecode => "decode",
            ProbeParser::Roxmltree => "roxmltree",
            ProbeParser::RawScan => "raw-scan",
            ProbeParser::Serde => "serde",
        }
    }

    fn parse(text: &str) -> Result<Self, String> {
        match text {
            "decode" => Ok(ProbeParser::TypedDecode),
            "roxmltree" => Ok(ProbeParser::Roxmltree),
            "raw-scan" => Ok(ProbeParser::RawScan),
            "serde" => Ok(ProbeParser::Serde),
            other => Err(format!("unknown memory probe parser {other:?}")),
        }
    }
}

/// The hidden flag that selects the memory-probe child mode.
pub const MEMORY_PROBE_FLAG: &str = "--memory-probe";

impl BenchOptions {
    /// Parses the arguments that follow `bench`.
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut options = BenchOptions::default();
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let mut value = |flag: &str| {
                rest.next()
                    .cloned()
                    .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
            };
            match arg.as_str() {
                "--quick" => options.quick = true,
                "--help" | "-h" => options.help = true,
                "--reps" => {
                    let text = value("--reps")?;
                    let reps = text
                        .parse::<usize>()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| {
                            format!("--reps: expected a positive number, got {text:?}")
                        })?;
                    options.reps = Some(reps);
                }
                "--json" => options.json = Some(value("--json")?.into()),
                "--write-payload" => options.write_payload = Some(value("--write-payload")?.into()),
                "--wsdl" => options.wsdl = Some(value("--wsdl")?.into()),
                "--end-to-end" => options.end_to_end = true,
                "--compile-cost" => options.compile_cost = true,
                "--shared" => options.shared = Some(value("--shared")?.into()),
                "--compile-profile" => {
                    options.compile_profile = Some(Profile::parse(&value("--compile-profile")?)?);
                }
                MEMORY_PROBE_FLAG => {
                    let parser = ProbeParser::parse(&value(MEMORY_PROBE_FLAG)?)?;
                    let payload = value(MEMORY_PROBE_FLAG)?.into();
                    options.memory_probe = Some(ProbeRequest { parser, payload });
                }
                other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
            }
        }
        if options.end_to_end && options.compile_cost {
            return Err(format!(
                "--end-to-end and --compile-cost each select one measurement; give one\n{USAGE}"
            ));
        }
        Ok(options)
    }

    /// Whether the compile cost of generated crates is measured: with `--compile-cost`, and
    /// in a full run, not in a quick one.
    pub fn measures_compile_cost(&self) -> bool {
        self.compile_cost || !(self.quick || self.end_to_end)
    }

    /// The profiles the generated crates are built in.
    pub fn compile_profiles(&self) -> Vec<Profile> {
        self.compile_profile
            .map_or_else(|| vec![Profile::Debug, Profile::Release], |p| vec![p])
    }

    /// Repetitions per measurement.
    pub fn reps(&self) -> usize {
        self.reps.unwrap_or(if self.quick { 2 } else { 5 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<BenchOptions, String> {
        BenchOptions::parse(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn defaults_to_a_full_run_of_five_reps() {
        let options = parse(&[]).unwrap_or_default();
        assert!(!options.quick);
        assert_eq!(options.reps(), 5);
    }

    #[test]
    fn parses_every_flag() {
        let options = parse(&[
            "--quick",
            "--json",
            "out.json",
            "--write-payload",
            "p.xml",
            "--wsdl",
            "w.wsdl",
        ])
        .unwrap_or_default();
        assert!(options.quick);
        assert_eq!(options.reps(), 2);
        assert_eq!(options.json, Some(PathBuf::from("out.json")));
        assert_eq!(options.write_payload, Some(PathBuf::from("p.xml")));
        assert_eq!(options.wsdl, Some(PathBuf::from("w.wsdl")));
        assert_eq!(parse(&["--reps", "3"]).map(|o| o.reps()), Ok(3));
        let serde = parse(&["--memory-probe", "serde", "x.xml"]).unwrap_or_default();
        assert_eq!(serde.memory_probe.map(|p| p.parser.as_str()), Some("serde"));
        let probe = parse(&["--memory-probe", "roxmltree", "x.xml"]).unwrap_or_default();
        assert_eq!(
            probe.memory_probe,
            Some(ProbeRequest {
                parser: ProbeParser::Roxmltree,
                payload: PathBuf::from("x.xml")
            })
        );
    }

    #[test]
    fn rejects_bad_arguments() {
        assert!(parse(&["--json"]).is_err());
        assert!(parse(&["--reps", "0"]).is_err());
        assert!(parse(&["--reps", "x"]).is_err());
        assert!(parse(&["--fast"]).is_err());
        assert!(parse(&["--memory-probe", "dom", "x"]).is_err());
        assert!(parse(&["--compile-profile", "bench"]).is_err());
        assert!(parse(&["--compile-profile"]).is_err());
    }

    #[test]
    fn compile_cost_is_in_the_full_run_and_on_request_only() {
        let full = parse(&[]).unwrap_or_default();
        assert!(full.measures_compile_cost());
        assert_eq!(full.compile_profiles(), [Profile::Debug, Profile::Release]);
        assert!(
            !parse(&["--quick"])
                .unwrap_or_default()
                .measures_compile_cost()
        );
        let only = parse(&["--compile-cost", "--compile-profile", "debug"]).unwrap_or_default();
        assert!(only.compile_cost && only.measures_compile_cost());
        assert_eq!(only.compile_profiles(), [Profile::Debug]);
        let shared = parse(&["--shared", "/data"]).unwrap_or_default().shared;
        assert_eq!(shared, Some(PathBuf::from("/data")));
    }

    #[test]
    fn end_to_end_alone_skips_the_compile_cost_and_excludes_it() {
        let only = parse(&["--end-to-end", "--reps", "3"]).unwrap_or_default();
        assert!(only.end_to_end && !only.quick);
        assert!(!only.measures_compile_cost());
        assert_eq!(only.reps(), 3);
        assert!(parse(&["--end-to-end", "--compile-cost"]).is_err());
    }
}
