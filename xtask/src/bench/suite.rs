//! One benchmark run: build the payloads, time every stage, collect the figures.

use super::baselines;
use super::codegen_time;
use super::compile_cost;
use super::end_to_end::{self, CallKind, EndToEnd, EndToEndSettings, SideFigures};
use super::memory::{self, PeakMemory};
use super::options::{BenchOptions, ProbeParser};
use super::oracle;
use super::payload::{self, DEFAULT_SEED, PayloadShape};
use super::placement;
use super::rate::{self, megabytes_per_second};
use super::raw_scan;
use super::report::{Figure, Report, Section, Target};
use super::serde_alt;
use super::timing::{BestTime, best_of};
use super::typed;
use mktows::generated::types::SuccessGetMultipleLeads;
use std::path::{Path, PathBuf};

/// Lead records in the full-size response (the quick run uses [`QUICK_RESPONSE_LEADS`]).
pub const FULL_RESPONSE_LEADS: usize = 10_000;
/// Lead records in the quick-run response.
pub const QUICK_RESPONSE_LEADS: usize = 200;
/// Lead records in the full-size request.
pub const FULL_REQUEST_LEADS: usize = 1_000;
/// Lead records in the quick-run request.
pub const QUICK_REQUEST_LEADS: usize = 20;
/// Attributes per lead record.
pub const ATTRIBUTES_PER_LEAD: usize = 25;

/// Typed encode throughput goal, MB of output per second (1 GB/s).
pub const ENCODE_TARGET: Target = Target::AtLeast(1000.0);
/// Typed decode throughput relative to the raw quick-xml scan (best placement).
pub const DECODE_OVER_RAW_SCAN_TARGET: Target = Target::AtLeast(0.9);
/// Typed decode throughput relative to a roxmltree DOM parse.
pub const DECODE_OVER_ROXMLTREE_TARGET: Target = Target::AtLeast(2.0);
/// Typed decode throughput relative to quick-xml serde with derived types.
pub const DECODE_OVER_SERDE_TARGET: Target = Target::AtLeast(3.0);
/// Peak extra memory of the typed decode relative to the input size.
pub const PEAK_MEMORY_TARGET: Target = Target::AtMost(2.0);
/// Client calls per second relative to raw POSTs of the same envelopes.
pub const CLIENT_OVER_RAW_TARGET: Target = Target::AtLeast(0.85);
/// Time to generate the bindings, milliseconds.
pub const CODEGEN_TARGET: Target = Target::Below(200.0);

/// The shapes of the two payloads for a run.
pub fn shapes(quick: bool) -> (PayloadShape, PayloadShape) {
    let (response_leads, request_leads) = if quick {
        (QUICK_RESPONSE_LEADS, QUICK_REQUEST_LEADS)
    } else {
        (FULL_RESPONSE_LEADS, FULL_REQUEST_LEADS)
    };
    (
        PayloadShape {
            leads: response_leads,
            attributes: ATTRIBUTES_PER_LEAD,
            seed: DEFAULT_SEED,
        },
        PayloadShape {
            leads: request_leads,
            attributes: ATTRIBUTES_PER_LEAD,
            seed: DEFAULT_SEED ^ 1,
        },
    )
}

/// Decode and encode throughput, and the parsers the decoder is compared with.
pub const DECODE_SECTION: &str = "decode and encode (getMultipleLeads payload)";
/// Peak memory figures.
pub const MEMORY_SECTION: &str = "peak memory";
/// Client against raw HTTP on loopback.
pub const END_TO_END_SECTION: &str = "end-to-end calls (simulator on loopback)";
/// Code generation.
pub const CODEGEN_SECTION: &str = "codegen";
/// Compile cost of generated crates.
pub const COMPILE_COST_SECTION: &str = "compile cost of generated crates";

/// The payload written to a temporary file for the child processes, removed when dropped.
struct PayloadFile {
    path: PathBuf,
}

impl PayloadFile {
    fn write(response: &str) -> Result<Self, String> {
        let path = std::env::temp_dir().join(format!("mktows-bench-{}.xml", std::process::id()));
        std::fs::write(&path, response).map_err(|e| format!("writing {}: {e}", path.display()))?;
        Ok(Self { path })
    }
}

impl Drop for PayloadFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Runs every measurement and returns the report. Errors are failed correctness checks (a
/// decoder or a placement disagreeing) or a stage that could not run at all.
pub fn run(options: &BenchOptions) -> Result<Report, String> {
    if options.compile_cost {
        let mut report = Report {
            parameters: vec![("mode", "compile cost only".to_string())],
            sections: Vec::new(),
        };
        report.sections.push(compile_cost_section(options)?);
        return Ok(report);
    }
    let reps = options.reps();
    if options.end_to_end {
        return end_to_end_only(options, reps);
    }
    let (response_shape, request_shape) = shapes(options.quick);
    let response = payload::get_multiple_leads_response(response_shape);
    let request = payload::sync_multiple_leads_params(request_shape);
    if let Some(path) = &options.write_payload {
        std::fs::write(path, &response)
            .map_err(|e| format!("writing payload {}: {e}", path.display()))?;
        eprintln!("wrote {} ({} bytes)", path.display(), response.len());
    }
    let payload_file = PayloadFile::write(&response)?;
    let end_to_end_settings = EndToEndSettings::for_run(options.quick, reps);
    let mut report = Report {
        parameters: parameters(
            options,
            reps,
            (response_shape, &response),
            (request_shape, &request),
            &end_to_end_settings,
        ),
        sections: Vec::new(),
    };

    eprintln!(
        "measuring: raw quick-xml scan (two placements), roxmltree, serde and typed decode, interleaved"
    );
    let parsed = measure_parsers(&response, &payload_file.path, reps)?;
    let expected = (
        response_shape.leads,
        response_shape.leads * response_shape.attributes,
    );
    typed::check_counts(&parsed.decoded, expected)?;
    oracle::check_decoded_response(&parsed.decoded, &response)?;
    eprintln!("measuring: typed encode");
    let encoded = typed::measure_encoding(&parsed.decoded, &request, reps)?;
    report.sections.push(Section {
        title: DECODE_SECTION,
        figures: parser_figures(&parsed, response.len(), &encoded),
    });

    eprintln!("measuring: peak memory (child processes)");
    report.sections.push(Section {
        title: MEMORY_SECTION,
        figures: memory_figures(&payload_file.path, response.len()),
    });

    eprintln!("measuring: end-to-end calls, client and raw HTTP floor interleaved");
    let measured = end_to_end::measure(&end_to_end_settings)?;
    report.sections.push(Section {
        title: END_TO_END_SECTION,
        figures: end_to_end_figures(&measured),
    });

    eprintln!("measuring: codegen from the WSDL");
    report.sections.push(Section {
        title: CODEGEN_SECTION,
        figures: vec![codegen_figure(options, reps)?],
    });
    if options.measures_compile_cost() {
        report.sections.push(compile_cost_section(options)?);
    }
    Ok(report)
}

/// `--end-to-end`: the end-to-end section alone, at the mode's sizes.
fn end_to_end_only(options: &BenchOptions, reps: usize) -> Result<Report, String> {
    let settings = EndToEndSettings::for_run(options.quick, reps);
    let mode = if options.quick { "quick" } else { "full" };
    let mut report = Report {
        parameters: vec![
            ("mode", format!("{mode}, end-to-end calls only")),
            ("repetitions", format!("{reps} (best counts)")),
            ("end-to-end", end_to_end_parameter(&settings)),
            ("end-to-end clock", END_TO_END_CLOCK.to_string()),
        ],
        sections: Vec::new(),
    };
    eprintln!("measuring: end-to-end calls, client and raw HTTP floor interleaved");
    let measured = end_to_end::measure(&settings)?;
    report.sections.push(Section {
        title: END_TO_END_SECTION,
        figures: end_to_end_figures(&measured),
    });
    Ok(report)
}

/// What the end-to-end measurement does, for the report's parameters.
fn end_to_end_parameter(settings: &EndToEndSettings) -> String {
    format!(
        "getLead (1 lead) and getMultipleLeads ({} leads), {} and {} in flight, {} rounds of {} / {} calls per side",
        settings.large_leads,
        end_to_end::IN_FLIGHT[0],
        end_to_end::IN_FLIGHT[1],
        settings.rounds,
        settings.small_calls,
        settings.large_calls
    )
}

/// Which clock the end-to-end figures use.
const END_TO_END_CLOCK: &str =
    "wall clock for calls/s and latency; process CPU time (all threads) for the CPU-second ratios";

/// Generates the economic (whole and with one feature group) and mktows-2_2 crates and builds them (see [`compile_cost`]).
/// Without the reference data the figures are missing (an error when
/// `MKTOWS_REQUIRE_SHARED=1`); a crate that fails to generate or build is an error.
fn compile_cost_section(options: &BenchOptions) -> Result<Section, String> {
    eprintln!("measuring: compile cost of generated crates (slow)");
    let shared = options
        .shared
        .clone()
        .unwrap_or_else(crate::paths::shared_dir);
    let subjects = compile_cost::default_subjects(&shared);
    let absent = subjects.iter().find(|s| !s.wsdl.is_file());
    let figures = match absent {
        Some(subject) => {
            let why = format!("{} not found", subject.wsdl.display());
            if std::env::var_os("MKTOWS_REQUIRE_SHARED").is_some_and(|v| v == "1") {
                return Err(why);
            }
            vec![Figure::missing(
                "compile_cost",
                "compile cost of generated crates",
                "s",
                why,
            )]
        }
        None => compile_cost::figures(&compile_cost::measure(
            &subjects,
            &options.compile_profiles(),
        )?),
    };
    Ok(Section {
        title: COMPILE_COST_SECTION,
        figures,
    })
}

fn parameters(
    options: &BenchOptions,
    reps: usize,
    (response_shape, response): (PayloadShape, &str),
    (request_shape, request): (PayloadShape, &str),
    end_to_end: &EndToEndSettings,
) -> Vec<(&'static str, String)> {
    vec![
        (
            "mode",
            if options.quick { "quick" } else { "full" }.to_string(),
        ),
        ("repetitions", format!("{reps} (best counts)")),
        (
            "response",
            format!(
                "successGetMultipleLeads envelope, {} leads x {} attributes, {} bytes",
                response_shape.leads,
                response_shape.attributes,
                response.len()
            ),
        ),
        (
            "request",
            format!(
                "paramsSyncMultipleLeads, {} leads x {} attributes, {} bytes as generated",
                request_shape.leads,
                request_shape.attributes,
                request.len()
            ),
        ),
        ("end-to-end", end_to_end_parameter(end_to_end)),
        ("clock", rate::CLOCK.to_string()),
        ("end-to-end clock", END_TO_END_CLOCK.to_string()),
        ("MB", "10^6 bytes".to_string()),
    ]
}

/// A throughput figure on the CPU clock, with the wall-clock rate in the note.
fn throughput(key: &'static str, label: &str, bytes: usize, time: BestTime) -> Figure {
    Figure::info(key, label, megabytes_per_second(bytes, time.cpu), "MB/s").with_note(format!(
        "wall clock {:.1} MB/s",
        megabytes_per_second(bytes, time.wall)
    ))
}

/// Best times of the parsers over the same document, and the typed decoder's value.
struct ParserTimes {
    /// The raw scan inside this binary.
    raw_scan_in_process: BestTime,
    /// The raw scan in the stand-alone binary, or why it did not run.
    raw_scan_separate: Result<BestTime, String>,
    roxmltree: BestTime,
    serde: BestTime,
    decode: BestTime,
    decoded: SuccessGetMultipleLeads,
}

impl ParserTimes {
    /// The raw-scan baseline: the faster placement (see [`placement`]).
    fn raw_scan(&self) -> BestTime {
        match &self.raw_scan_separate {
            Ok(separate) => self.raw_scan_in_process.min(*separate),
            Err(_) => self.raw_scan_in_process,
        }
    }
}

/// Keeps the faster of a best-so-far time and a new one.
fn keep_best(best: &mut Option<BestTime>, time: BestTime) {
    *best = Some(best.map_or(time, |b| b.min(time)));
}

/// Runs the raw scan (in process and in the stand-alone binary), the roxmltree parse, the
/// serde decode and the typed decode in turn, `reps` rounds, so that a busy moment on the
/// machine hits all of them alike; keeps each one's best time. The two scan placements must
/// agree on the checksum, and the serde decode must read the same data as the typed one.
fn measure_parsers(response: &str, payload: &Path, reps: usize) -> Result<ParserTimes, String> {
    let separate_binary = placement::separate_binary();
    let mut raw_scan: Option<BestTime> = None;
    let mut separate: Option<BestTime> = None;
    let mut roxmltree: Option<BestTime> = None;
    let mut serde: Option<BestTime> = None;
    let mut decode: Option<BestTime> = None;
    let mut decoded = None;
    for _ in 0..reps.max(1) {
        let (time, checksum) = best_of(1, || raw_scan::raw_event_scan(response));
        let checksum = checksum?;
        keep_best(&mut raw_scan, time);
        if let Ok(binary) = &separate_binary {
            let (time, other) = placement::scan_in_separate_binary(binary, payload, 2)
                .map_err(|e| format!("raw scan in the separate binary: {e}"))?;
            if other != checksum {
                return Err(format!(
                    "the raw scan placements disagree: checksum {checksum} in process, {other} in {}",
                    binary.display()
                ));
            }
            keep_best(&mut separate, time);
        }
        let (time, document) = best_of(1, || baselines::roxmltree_parse(response));
        drop(document?);
        keep_best(&mut roxmltree, time);
        drop(decoded.take());
        let (time, value) = best_of(1, || typed::decode_response(response));
        let value = value?;
        keep_best(&mut decode, time);
        let (time, by_serde) = best_of(1, || serde_alt::decode_response(response));
        serde_alt::check_same_data(&value, &by_serde?)?;
        keep_best(&mut serde, time);
        decoded = Some(value);
    }
    let raw_scan_separate = match (separate_binary, separate) {
        (Ok(_), Some(time)) => Ok(time),
        (Err(why), _) => Err(why),
        (Ok(_), None) => Err("no round ran".to_string()),
    };
    match (raw_scan, roxmltree, serde, decode, decoded) {
        (Some(raw_scan_in_process), Some(roxmltree), Some(serde), Some(decode), Some(decoded)) => {
            Ok(ParserTimes {
                raw_scan_in_process,
                raw_scan_separate,
                roxmltree,
                serde,
                decode,
                decoded,
            })
        }
        _ => Err("no parser round ran".to_string()),
    }
}

fn parser_figures(
    parsed: &ParserTimes,
    input_bytes: usize,
    encoded: &typed::EncodeTimings,
) -> Vec<Figure> {
    let in_process = throughput(
        "raw_scan_in_process_mb_s",
        "raw scan, in the bench binary",
        input_bytes,
        parsed.raw_scan_in_process,
    );
    let separate = match &parsed.raw_scan_separate {
        Ok(time) => throughput(
            "raw_scan_separate_binary_mb_s",
            "raw scan, in its own binary",
            input_bytes,
            *time,
        ),
        Err(why) => Figure::missing(
            "raw_scan_separate_binary_mb_s",
            "raw scan, in its own binary",
            "MB/s",
            why.clone(),
        ),
    };
    let raw = throughput(
        "raw_scan_mb_s",
        "raw quick-xml event scan (best placement)",
        input_bytes,
        parsed.raw_scan(),
    );
    let raw_note = format!(
        "baseline: the faster of the two placements (bench binary, bench-raw-scan binary); {}",
        raw.note.clone().unwrap_or_default()
    );
    let rox = throughput(
        "roxmltree_mb_s",
        "roxmltree DOM parse",
        input_bytes,
        parsed.roxmltree,
    );
    let serde = throughput(
        "serde_mb_s",
        "quick-xml serde, derived types",
        input_bytes,
        parsed.serde,
    );
    let serde_note = format!(
        "{}; same lead count and field checksum as the typed decode; {}",
        serde_alt::SERDE_PATH,
        serde.note.clone().unwrap_or_default()
    );
    let decode = throughput(
        "decode_mb_s",
        "typed decode (response)",
        input_bytes,
        parsed.decode,
    );
    let ratio = |key, label, baseline: &Figure, target| match (decode.value, baseline.value) {
        (Some(decode), Some(baseline)) => {
            Figure::info(key, label, decode / baseline, "x").with_target(target)
        }
        _ => Figure::missing(key, label, "x", "no rate to compare").with_target(target),
    };
    let over_raw = ratio(
        "decode_over_raw_scan",
        "decode / raw scan",
        &raw,
        DECODE_OVER_RAW_SCAN_TARGET,
    );
    let over_rox = ratio(
        "decode_over_roxmltree",
        "decode / roxmltree",
        &rox,
        DECODE_OVER_ROXMLTREE_TARGET,
    );
    let over_serde = ratio(
        "decode_over_serde",
        "decode / serde",
        &serde,
        DECODE_OVER_SERDE_TARGET,
    );
    let decode_note = format!(
        "{}; {}",
        typed::DECODE_PATH,
        decode.note.clone().unwrap_or_default()
    );
    let encode_request = throughput(
        "encode_request_mb_s",
        "typed encode (request)",
        encoded.request_bytes,
        encoded.request,
    );
    let encode_request_note = format!(
        "{} output bytes, {}; {}",
        encoded.request_bytes,
        typed::ENCODE_PATH,
        encode_request.note.clone().unwrap_or_default()
    );
    let encode_response = throughput(
        "encode_response_mb_s",
        "typed encode (decoded response)",
        encoded.response_bytes,
        encoded.response,
    );
    let encode_response_note = format!(
        "{} output bytes; {}",
        encoded.response_bytes,
        encode_response.note.clone().unwrap_or_default()
    );
    vec![
        raw.with_note(raw_note),
        in_process,
        separate,
        rox,
        serde.with_note(serde_note),
        decode.with_note(decode_note),
        encode_request
            .with_target(ENCODE_TARGET)
            .with_note(encode_request_note),
        encode_response
            .with_target(ENCODE_TARGET)
            .with_note(encode_response_note),
        over_raw,
        over_rox,
        over_serde,
    ]
}

fn memory_figures(payload: &Path, input_bytes: usize) -> Vec<Figure> {
    let input = input_bytes as f64;
    let figure = |key, label: &str, parser| match memory::measure_in_child(parser, payload) {
        Ok(PeakMemory { peak_bytes, exact }) => {
            Figure::info(key, label, peak_bytes as f64 / input, "x").with_note(format!(
                "{peak_bytes} bytes; {}{}",
                memory::METHOD,
                if exact {
                    ""
                } else {
                    "; high-water mark not resettable: upper bound"
                }
            ))
        }
        Err(why) => Figure::missing(key, label, "x", why),
    };
    vec![
        figure(
            "decode_peak_over_input",
            "typed decode peak memory / input",
            ProbeParser::TypedDecode,
        )
        .with_target(PEAK_MEMORY_TARGET),
        figure(
            "roxmltree_peak_over_input",
            "roxmltree peak memory / input",
            ProbeParser::Roxmltree,
        ),
        figure(
            "serde_peak_over_input",
            "serde decode peak memory / input",
            ProbeParser::Serde,
        ),
    ]
}

/// Where the client's extra CPU per call goes: the gap to the raw exchange, and how much of
/// it decoding the response alone explains.
fn cpu_gap_note(scenario: &end_to_end::Scenario) -> String {
    let per_call_ms = |rate: f64| 1000.0 / rate;
    let gap = per_call_ms(scenario.client.calls_per_cpu_second)
        - per_call_ms(scenario.raw.calls_per_cpu_second);
    format!(
        "process CPU time, all threads (not moved by other load); client costs {gap:.3} ms more CPU per call, decoding the {}-byte response alone takes {:.3} ms",
        scenario.response.bytes,
        scenario.response.decode.as_secs_f64() * 1000.0
    )
}

/// Ten figures per scenario: both sides' calls per second and p50/p99 latency, the
/// client / raw throughput ratio with its target, the client against the raw floor plus the
/// typed decode of the same body (wall clock, one call in flight; and CPU time), and the
/// client / raw ratio on process CPU time.
fn end_to_end_figures(measured: &EndToEnd) -> Vec<Figure> {
    let mut figures = Vec::new();
    for scenario in &measured.scenarios {
        let name = match scenario.call {
            CallKind::GetLead => "getLead".to_string(),
            CallKind::GetMultipleLeads => format!("getMultipleLeads {}", measured.large_leads),
        };
        let prefix = format!("e2e_{}_x{}", scenario.call.key(), scenario.in_flight);
        let label = |what: &str| format!("{name}, {} in flight: {what}", scenario.in_flight);
        let side = |side: &str, who: &str, figures: &SideFigures| {
            [
                Figure::info(
                    format!("{prefix}_{side}_calls_s"),
                    label(&format!("{who} calls/s")),
                    figures.calls_per_second,
                    "calls/s",
                )
                .with_note(format!(
                    "best round; {} calls timed, {} response bytes; {:.0} calls per process CPU-second",
                    figures.calls, scenario.response.bytes, figures.calls_per_cpu_second
                )),
                Figure::info(
                    format!("{prefix}_{side}_p50_ms"),
                    label(&format!("{who} p50")),
                    figures.p50.as_secs_f64() * 1000.0,
                    "ms",
                ),
                Figure::info(
                    format!("{prefix}_{side}_p99_ms"),
                    label(&format!("{who} p99")),
                    figures.p99.as_secs_f64() * 1000.0,
                    "ms",
                ),
            ]
        };
        figures.extend(side("client", "client", &scenario.client));
        figures.extend(side("raw", "raw POST", &scenario.raw));
        let ratio_key = format!("{prefix}_client_over_raw");
        let ratio_label = label("client / raw throughput");
        let ratio = if scenario.raw.calls_per_second > 0.0 {
            Figure::info(
                ratio_key,
                ratio_label,
                scenario.client.calls_per_second / scenario.raw.calls_per_second,
                "x",
            )
        } else {
            Figure::missing(ratio_key, ratio_label, "x", "no raw rate to compare")
        };
        figures.push(ratio.with_target(CLIENT_OVER_RAW_TARGET));
        figures.extend(client_over_raw_plus_decode(scenario, &prefix, label));
        let cpu_key = format!("{prefix}_client_over_raw_cpu");
        let cpu_label = label("client / raw, calls per CPU-second");
        figures.push(if scenario.raw.calls_per_cpu_second > 0.0 {
            Figure::info(
                cpu_key,
                cpu_label,
                scenario.client.calls_per_cpu_second / scenario.raw.calls_per_cpu_second,
                "x",
            )
            .with_note(cpu_gap_note(scenario))
        } else {
            Figure::missing(cpu_key, cpu_label, "x", "no raw CPU rate to compare")
        });
    }
    figures
}

/// The client's throughput against a floor that also decodes: the raw POST's time per call
/// plus the stand-alone typed decode of the same response body and the freeing of the decoded
/// value (the client side's timed call frees it too). The raw floor reads the bytes and
/// decodes nothing, while a typed call must decode, so on a large response the decode alone
/// keeps the ratio low; these figures say how much of the gap is left once the decode
/// is paid on both sides. Reported next to the ratio, never instead of it.
///
/// Two clocks: wall-clock time per call (1 / calls per second) with one call in flight only,
/// where calls run one after another so a decode's time adds to each; and process CPU time per
/// call at every concurrency, where it always adds.
fn client_over_raw_plus_decode(
    scenario: &end_to_end::Scenario,
    prefix: &str,
    scenario_label: impl Fn(&str) -> String,
) -> [Figure; 2] {
    let label = |what: &str| {
        scenario_label(&format!(
            "client / (raw POST + typed decode of the same body), {what}"
        ))
    };
    let decode_seconds = scenario.response.decode_and_free.as_secs_f64();
    let adjusted = |key: String, label: String, (client_rate, raw_rate): (f64, f64), per: &str| {
        if raw_rate <= 0.0 {
            return Figure::missing(key, label, "x", "no raw rate to compare");
        }
        let raw_seconds_per_call = 1.0 / raw_rate;
        let floor_with_decode_rate = 1.0 / (raw_seconds_per_call + decode_seconds);
        Figure::info(key, label, client_rate / floor_with_decode_rate, "x").with_note(format!(
            "floor + decode = 1 / ({:.3} ms raw {per} + {:.3} ms decoding the {}-byte body and freeing the value) = {:.1} calls {}; not the issue's ratio, which stays above",
            raw_seconds_per_call * 1000.0,
            decode_seconds * 1000.0,
            scenario.response.bytes,
            floor_with_decode_rate,
            if per == "per call" { "per second" } else { "per CPU-second" }
        ))
    };
    let wall_key = format!("{prefix}_client_over_raw_plus_decode");
    let wall_label = label("throughput");
    let wall = if scenario.in_flight == 1 {
        adjusted(
            wall_key,
            wall_label,
            (
                scenario.client.calls_per_second,
                scenario.raw.calls_per_second,
            ),
            "per call",
        )
    } else {
        Figure::missing(
            wall_key,
            wall_label,
            "x",
            "calls overlap, so a decode's time does not add to the wall time per call; see the CPU-second figure",
        )
    };
    let cpu = adjusted(
        format!("{prefix}_client_over_raw_plus_decode_cpu"),
        label("calls per CPU-second"),
        (
            scenario.client.calls_per_cpu_second,
            scenario.raw.calls_per_cpu_second,
        ),
        "CPU per call",
    );
    [wall, cpu]
}

fn codegen_figure(options: &BenchOptions, reps: usize) -> Result<Figure, String> {
    let wsdl = options
        .wsdl
        .clone()
        .unwrap_or_else(codegen_time::default_wsdl);
    let label = format!("codegen {} (load + generate + format)", file_name(&wsdl));
    match codegen_time::measure(&wsdl, reps) {
        Ok(best) => Ok(
            Figure::info("codegen_ms", label, best.cpu.as_secs_f64() * 1000.0, "ms")
                .with_target(CODEGEN_TARGET)
                .with_note(format!(
                    "wall clock {:.0} ms",
                    best.wall.as_secs_f64() * 1000.0
                )),
        ),
        Err(why) => {
            if std::env::var_os("MKTOWS_REQUIRE_SHARED").is_some_and(|v| v == "1") {
                return Err(why);
            }
            Ok(Figure::missing("codegen_ms", label, "ms", why).with_target(CODEGEN_TARGET))
        }
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_and_full_shapes_have_the_documented_sizes() {
        let (response, request) = shapes(false);
        assert_eq!((response.leads, response.attributes), (10_000, 25));
        assert_eq!(request.leads, 1_000);
        let (response, request) = shapes(true);
        assert_eq!((response.leads, request.leads), (200, 20));
    }

    fn time(ms: u64) -> BestTime {
        BestTime {
            cpu: std::time::Duration::from_millis(ms),
            wall: std::time::Duration::from_millis(ms),
        }
    }

    fn parser_times(separate: Result<BestTime, String>) -> ParserTimes {
        ParserTimes {
            raw_scan_in_process: time(5),
            raw_scan_separate: separate,
            roxmltree: time(20),
            serde: time(40),
            decode: time(10),
            decoded: typed::decode_response(&payload::get_multiple_leads_response(PayloadShape {
                leads: 0,
                attributes: 0,
                seed: 1,
            }))
            .unwrap_or_else(|e| panic!("{e}")),
        }
    }

    const ENCODED: typed::EncodeTimings = typed::EncodeTimings {
        request_bytes: 1_000_000,
        request: BestTime {
            cpu: std::time::Duration::from_millis(1),
            wall: std::time::Duration::from_millis(1),
        },
        response_bytes: 2_000_000,
        response: BestTime {
            cpu: std::time::Duration::from_millis(10),
            wall: std::time::Duration::from_millis(10),
        },
    };

    #[test]
    fn ratios_divide_the_decode_rate_by_the_baselines() {
        let parsed = parser_times(Ok(time(4)));
        let figures = parser_figures(&parsed, 1_000_000, &ENCODED);
        let value = |key: &str| figures.iter().find(|f| f.key == key).and_then(|f| f.value);
        // The faster placement (4 ms in the separate binary) is the baseline.
        assert_eq!(value("raw_scan_mb_s"), Some(250.0));
        assert_eq!(value("raw_scan_in_process_mb_s"), Some(200.0));
        assert_eq!(value("raw_scan_separate_binary_mb_s"), Some(250.0));
        assert_eq!(value("serde_mb_s"), Some(25.0));
        assert_eq!(value("decode_mb_s"), Some(100.0));
        assert_eq!(value("decode_over_raw_scan"), Some(0.4));
        assert_eq!(value("decode_over_roxmltree"), Some(2.0));
        assert_eq!(value("decode_over_serde"), Some(4.0));
        assert_eq!(value("encode_request_mb_s"), Some(1000.0));
        assert_eq!(value("encode_response_mb_s"), Some(200.0));
        let verdicts: Vec<_> = figures.iter().map(Figure::verdict).collect();
        assert_eq!(
            verdicts,
            vec![
                None,
                None,
                None,
                None,
                None,
                None,
                Some(true),
                Some(false),
                Some(false),
                Some(true),
                Some(true)
            ]
        );
    }

    #[test]
    fn parsers_are_measured_together_and_checked_against_each_other() {
        let shape = PayloadShape {
            leads: 8,
            attributes: 25,
            seed: 3,
        };
        let response = payload::get_multiple_leads_response(shape);
        let file = PayloadFile::write(&response).unwrap_or_else(|e| panic!("{e}"));
        let parsed = measure_parsers(&response, &file.path, 2).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(typed::check_counts(&parsed.decoded, (8, 200)), Ok(()));
        for time in [
            parsed.raw_scan(),
            parsed.roxmltree,
            parsed.serde,
            parsed.decode,
        ] {
            assert!(time.wall > std::time::Duration::ZERO, "{time:?}");
        }
        let path = file.path.clone();
        drop(file);
        assert!(!path.exists(), "the payload file outlived its guard");
    }

    #[test]
    fn without_the_separate_binary_the_in_process_scan_is_the_baseline() {
        let parsed = parser_times(Err("not built".to_string()));
        let figures = parser_figures(&parsed, 1_000_000, &ENCODED);
        let figure = |key: &str| figures.iter().find(|f| f.key == key);
        assert_eq!(figure("raw_scan_mb_s").and_then(|f| f.value), Some(200.0));
        let separate = figure("raw_scan_separate_binary_mb_s");
        assert_eq!(separate.and_then(|f| f.value), None);
        assert_eq!(separate.and_then(|f| f.note.as_deref()), Some("not built"));
        // A faster separate placement would have been taken over a slower in-process one.
        assert_eq!(parser_times(Ok(time(6))).raw_scan(), time(5));
    }

    fn figure_value(figures: &[Figure], key: &str) -> Option<f64> {
        figures.iter().find(|f| f.key == key).and_then(|f| f.value)
    }

    #[test]
    fn end_to_end_ratios_carry_the_target() {
        let side = |rate| SideFigures {
            calls_per_second: rate,
            calls_per_cpu_second: rate * 2.0,
            p50: std::time::Duration::from_millis(2),
            p99: std::time::Duration::from_millis(9),
            calls: 100,
        };
        let scenario = |call, in_flight, client| end_to_end::Scenario {
            call,
            in_flight,
            client: side(client),
            raw: side(100.0),
            response: end_to_end::ResponseCost {
                bytes: 1234,
                decode: std::time::Duration::from_micros(400),
                decode_and_free: std::time::Duration::from_micros(500),
            },
        };
        let measured = EndToEnd {
            large_leads: 1000,
            scenarios: vec![
                scenario(CallKind::GetLead, 1, 85.0),
                scenario(CallKind::GetMultipleLeads, 10, 80.0),
            ],
        };
        let figures = end_to_end_figures(&measured);
        assert_eq!(figures.len(), 20);
        // Floor + decode: 10 ms per raw call + 0.5 ms decode = 95.238 calls/s; 85 / 95.238.
        let with_decode = figure_value(&figures, "e2e_get_lead_x1_client_over_raw_plus_decode")
            .unwrap_or_default();
        assert!((with_decode - 0.8925).abs() < 1e-9, "{with_decode}");
        // On CPU time: 5 ms raw CPU per call + 0.5 ms = 181.818 calls per CPU-second; 160 / it.
        let on_cpu = figure_value(
            &figures,
            "e2e_get_multiple_leads_x10_client_over_raw_plus_decode_cpu",
        )
        .unwrap_or_default();
        assert!((on_cpu - 0.88).abs() < 1e-9, "{on_cpu}");
        let cpu_figure = figures
            .iter()
            .find(|f| f.key == "e2e_get_multiple_leads_x10_client_over_raw_plus_decode_cpu");
        assert_eq!(cpu_figure.and_then(|f| f.target), None);
        assert!(
            cpu_figure
                .and_then(|f| f.note.as_deref())
                .is_some_and(|n| n.contains("5.000 ms raw CPU per call + 0.500 ms")),
            "{cpu_figure:?}"
        );
        // Ten calls in flight overlap: no wall-clock sum.
        let overlapping = figures
            .iter()
            .find(|f| f.key == "e2e_get_multiple_leads_x10_client_over_raw_plus_decode");
        assert_eq!(overlapping.map(|f| f.value), Some(None));
        assert_eq!(
            overlapping.map(|f| f.label.as_str()),
            Some(
                "getMultipleLeads 1000, 10 in flight: client / (raw POST + typed decode of the same body), throughput"
            )
        );
        assert_eq!(
            figure_value(&figures, "e2e_get_lead_x1_client_over_raw_cpu"),
            Some(0.85)
        );
        // 170 vs 200 calls per CPU-second: 5.882 - 5.000 ms per call.
        let note = figures
            .iter()
            .find(|f| f.key == "e2e_get_lead_x1_client_over_raw_cpu")
            .and_then(|f| f.note.clone())
            .unwrap_or_default();
        assert!(
            note.contains("0.882 ms more CPU per call")
                && note.contains("1234-byte response alone takes 0.400 ms"),
            "{note}"
        );
        let figure = |key: &str| figures.iter().find(|f| f.key == key);
        let ratio = figure("e2e_get_lead_x1_client_over_raw");
        assert_eq!(ratio.and_then(|f| f.value), Some(0.85));
        assert_eq!(ratio.and_then(Figure::verdict), Some(true));
        let ratio = figure("e2e_get_multiple_leads_x10_client_over_raw");
        assert_eq!(ratio.and_then(Figure::verdict), Some(false));
        assert_eq!(
            ratio.map(|f| f.label.as_str()),
            Some("getMultipleLeads 1000, 10 in flight: client / raw throughput")
        );
        assert_eq!(
            figure("e2e_get_lead_x1_raw_p99_ms").and_then(|f| f.value),
            Some(9.0)
        );
        assert_eq!(
            figure("e2e_get_lead_x1_client_calls_s").and_then(|f| f.value),
            Some(85.0)
        );
    }
}
