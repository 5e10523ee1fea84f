//! One benchmark run: build the payloads, time every stage, collect the figures.

use super::baselines;
use super::codegen_time;
use super::memory::{self, PeakMemory};
use super::options::{BenchOptions, ProbeParser};
use super::oracle;
use super::payload::{self, DEFAULT_SEED, PayloadShape};
use super::report::{Figure, Report, Target};
use super::timing::{self, BestTime, best_of, megabytes_per_second};
use super::typed;
use mktows::generated::types::SuccessGetMultipleLeads;

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

/// Typed encode throughput goal, MB of output per second.
pub const ENCODE_TARGET: Target = Target::AtLeast(300.0);
/// Typed decode throughput relative to the raw quick-xml scan.
pub const DECODE_OVER_RAW_SCAN_TARGET: Target = Target::AtLeast(0.6);
/// Typed decode throughput relative to a roxmltree DOM parse.
pub const DECODE_OVER_ROXMLTREE_TARGET: Target = Target::AtLeast(1.5);
/// Peak extra memory of the typed decode relative to the input size.
pub const PEAK_MEMORY_TARGET: Target = Target::AtMost(3.0);
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

/// Runs every measurement and returns the report.
pub fn run(options: &BenchOptions) -> Result<Report, String> {
    let reps = options.reps();
    let (response_shape, request_shape) = shapes(options.quick);
    let response = payload::get_multiple_leads_response(response_shape);
    let request = payload::sync_multiple_leads_params(request_shape);
    if let Some(path) = &options.write_payload {
        std::fs::write(path, &response)
            .map_err(|e| format!("writing payload {}: {e}", path.display()))?;
        eprintln!("wrote {} ({} bytes)", path.display(), response.len());
    }
    let mut report = Report {
        parameters: parameters(
            options,
            reps,
            (response_shape, &response),
            (request_shape, &request),
        ),
        figures: Vec::new(),
    };

    eprintln!("measuring: raw quick-xml scan, roxmltree parse and typed decode, interleaved");
    let parsed = measure_parsers(&response, reps)?;
    let expected = (
        response_shape.leads,
        response_shape.leads * response_shape.attributes,
    );
    typed::check_counts(&parsed.decoded, expected)?;
    oracle::check_decoded_response(&parsed.decoded, &response)?;
    eprintln!("measuring: typed encode");
    let encoded = typed::measure_encoding(&parsed.decoded, &request, reps)?;
    report
        .figures
        .extend(parser_figures(&parsed, response.len(), &encoded));

    eprintln!("measuring: peak memory (child processes)");
    report.figures.extend(memory_figures(&response)?);

    eprintln!("measuring: codegen from the WSDL");
    report.figures.push(codegen_figure(options, reps)?);
    Ok(report)
}

fn parameters(
    options: &BenchOptions,
    reps: usize,
    (response_shape, response): (PayloadShape, &str),
    (request_shape, request): (PayloadShape, &str),
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
        ("clock", timing::CLOCK.to_string()),
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

/// Best times of the three parsers over the same document, and the decoded value.
struct ParserTimes {
    raw_scan: BestTime,
    roxmltree: BestTime,
    decode: BestTime,
    decoded: SuccessGetMultipleLeads,
}

/// Runs the raw scan, the roxmltree parse and the typed decode in turn, `reps` rounds, so
/// that a busy moment on the machine hits all three alike; keeps each one's best time.
fn measure_parsers(response: &str, reps: usize) -> Result<ParserTimes, String> {
    let mut raw_scan: Option<BestTime> = None;
    let mut roxmltree: Option<BestTime> = None;
    let mut decode: Option<BestTime> = None;
    let mut decoded = None;
    for _ in 0..reps.max(1) {
        let (time, checksum) = best_of(1, || baselines::raw_event_scan(response));
        checksum?;
        raw_scan = Some(raw_scan.map_or(time, |best| best.min(time)));
        let (time, document) = best_of(1, || baselines::roxmltree_parse(response));
        drop(document?);
        roxmltree = Some(roxmltree.map_or(time, |best| best.min(time)));
        drop(decoded.take());
        let (time, value) = best_of(1, || typed::decode_response(response));
        decoded = Some(value?);
        decode = Some(decode.map_or(time, |best| best.min(time)));
    }
    match (raw_scan, roxmltree, decode, decoded) {
        (Some(raw_scan), Some(roxmltree), Some(decode), Some(decoded)) => Ok(ParserTimes {
            raw_scan,
            roxmltree,
            decode,
            decoded,
        }),
        _ => Err("no parser round ran".to_string()),
    }
}

fn parser_figures(
    parsed: &ParserTimes,
    input_bytes: usize,
    encoded: &typed::EncodeTimings,
) -> Vec<Figure> {
    let raw = throughput(
        "raw_scan_mb_s",
        "raw quick-xml event scan",
        input_bytes,
        parsed.raw_scan,
    );
    let rox = throughput(
        "roxmltree_mb_s",
        "roxmltree DOM parse",
        input_bytes,
        parsed.roxmltree,
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
        raw,
        rox,
        decode.with_note(decode_note),
        encode_request
            .with_target(ENCODE_TARGET)
            .with_note(encode_request_note),
        encode_response
            .with_target(ENCODE_TARGET)
            .with_note(encode_response_note),
        over_raw,
        over_rox,
    ]
}

fn memory_figures(response: &str) -> Result<Vec<Figure>, String> {
    let path = std::env::temp_dir().join(format!("mktows-bench-{}.xml", std::process::id()));
    std::fs::write(&path, response).map_err(|e| format!("writing {}: {e}", path.display()))?;
    let decode = memory::measure_in_child(ProbeParser::TypedDecode, &path);
    let dom = memory::measure_in_child(ProbeParser::Roxmltree, &path);
    let _ = std::fs::remove_file(&path);
    let input = response.len() as f64;
    let figure = |key, label: &str, result: Result<PeakMemory, String>| match result {
        Ok(peak) => {
            Figure::info(key, label, peak.peak_bytes as f64 / input, "x").with_note(format!(
                "{} bytes; {}{}",
                peak.peak_bytes,
                memory::METHOD,
                if peak.exact {
                    ""
                } else {
                    "; high-water mark not resettable: upper bound"
                }
            ))
        }
        Err(why) => Figure::missing(key, label, "x", why),
    };
    Ok(vec![
        figure(
            "decode_peak_over_input",
            "typed decode peak memory / input",
            decode,
        )
        .with_target(PEAK_MEMORY_TARGET),
        figure(
            "roxmltree_peak_over_input",
            "roxmltree peak memory / input",
            dom,
        ),
    ])
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

    #[test]
    fn ratios_divide_the_decode_rate_by_the_baselines() {
        let time = |ms| BestTime {
            cpu: std::time::Duration::from_millis(ms),
            wall: std::time::Duration::from_millis(ms),
        };
        let parsed = ParserTimes {
            raw_scan: time(5),
            roxmltree: time(20),
            decode: time(10),
            decoded: typed::decode_response(&payload::get_multiple_leads_response(PayloadShape {
                leads: 0,
                attributes: 0,
                seed: 1,
            }))
            .unwrap_or_else(|e| panic!("{e}")),
        };
        let encoded = typed::EncodeTimings {
            request_bytes: 1_000_000,
            request: time(1),
            response_bytes: 2_000_000,
            response: time(10),
        };
        let figures = parser_figures(&parsed, 1_000_000, &encoded);
        let value = |key: &str| figures.iter().find(|f| f.key == key).and_then(|f| f.value);
        assert_eq!(value("raw_scan_mb_s"), Some(200.0));
        assert_eq!(value("decode_mb_s"), Some(100.0));
        assert_eq!(value("decode_over_raw_scan"), Some(0.5));
        assert_eq!(value("decode_over_roxmltree"), Some(2.0));
        assert_eq!(value("encode_request_mb_s"), Some(1000.0));
        assert_eq!(value("encode_response_mb_s"), Some(200.0));
        let verdicts: Vec<_> = figures.iter().map(Figure::verdict).collect();
        assert_eq!(
            verdicts,
            vec![
                None,
                None,
                None,
                Some(true),
                Some(false),
                Some(false),
                Some(true)
            ]
        );
    }
}
