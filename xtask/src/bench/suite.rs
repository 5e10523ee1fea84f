//! One benchmark run: build the payloads, time every stage, collect the figures.

use super::baselines;
use super::codegen_time;
use super::memory::{self, PeakMemory};
use super::options::{BenchOptions, ProbeParser};
use super::payload::{self, DEFAULT_SEED, PayloadShape};
use super::report::{Figure, Report, Target};
use super::timing::{best_of, megabytes_per_second};
use super::typed;
use std::time::Duration;

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

    let parameters = vec![
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
        ("MB", "10^6 bytes".to_string()),
    ];
    let mut report = Report {
        parameters,
        figures: Vec::new(),
    };

    eprintln!("measuring: raw quick-xml scan");
    let (raw_time, checksum) = best_of(reps, || baselines::raw_event_scan(&response));
    checksum?;
    let raw_rate = megabytes_per_second(response.len(), raw_time);

    eprintln!("measuring: roxmltree parse");
    let (rox_time, document) = best_of(reps, || {
        baselines::roxmltree_parse(&response).map(|d| d.descendants().count())
    });
    document?;
    let rox_rate = megabytes_per_second(response.len(), rox_time);

    report.figures.push(Figure::info(
        "raw_scan_mb_s",
        "raw quick-xml event scan",
        raw_rate,
        "MB/s",
    ));
    report.figures.push(Figure::info(
        "roxmltree_mb_s",
        "roxmltree DOM parse",
        rox_rate,
        "MB/s",
    ));

    eprintln!("measuring: typed decode and encode");
    match typed::measure(&response, &request, reps) {
        Ok(timings) => push_typed_figures(&mut report, &timings, raw_rate, rox_rate),
        Err(why) => {
            for (key, label, target) in [
                ("decode_mb_s", "typed decode (response)", None),
                (
                    "encode_request_mb_s",
                    "typed encode (request)",
                    Some(ENCODE_TARGET),
                ),
                (
                    "encode_response_mb_s",
                    "typed encode (decoded response)",
                    Some(ENCODE_TARGET),
                ),
            ] {
                report.figures.push(
                    Figure::missing(key, label, "MB/s", why.clone()).with_optional_target(target),
                );
            }
            for (key, label, target) in [
                (
                    "decode_over_raw_scan",
                    "decode / raw scan",
                    DECODE_OVER_RAW_SCAN_TARGET,
                ),
                (
                    "decode_over_roxmltree",
                    "decode / roxmltree",
                    DECODE_OVER_ROXMLTREE_TARGET,
                ),
            ] {
                report
                    .figures
                    .push(Figure::missing(key, label, "x", "no typed decode").with_target(target));
            }
        }
    }

    eprintln!("measuring: peak memory (child processes)");
    push_memory_figures(&mut report, &response)?;

    eprintln!("measuring: codegen from the WSDL");
    let wsdl = options
        .wsdl
        .clone()
        .unwrap_or_else(codegen_time::default_wsdl);
    let label = format!("codegen {} (load + generate + format)", file_name(&wsdl));
    match codegen_time::measure(&wsdl, reps) {
        Ok(best) => report.figures.push(
            Figure::info("codegen_ms", label, millis(best), "ms").with_target(CODEGEN_TARGET),
        ),
        Err(why) => {
            if std::env::var_os("MKTOWS_REQUIRE_SHARED").is_some_and(|v| v == "1") {
                return Err(why);
            }
            report
                .figures
                .push(Figure::missing("codegen_ms", label, "ms", why).with_target(CODEGEN_TARGET));
        }
    }
    Ok(report)
}

fn push_typed_figures(
    report: &mut Report,
    timings: &typed::TypedTimings,
    raw_rate: f64,
    rox_rate: f64,
) {
    let decode_rate = megabytes_per_second(timings.decode_input_bytes, timings.decode);
    let encode_request_rate =
        megabytes_per_second(timings.encode_request_bytes, timings.encode_request);
    let encode_response_rate =
        megabytes_per_second(timings.encode_response_bytes, timings.encode_response);
    report.figures.push(
        Figure::info(
            "decode_mb_s",
            "typed decode (response)",
            decode_rate,
            "MB/s",
        )
        .with_note(timings.decode_path),
    );
    report.figures.push(
        Figure::info(
            "encode_request_mb_s",
            "typed encode (request)",
            encode_request_rate,
            "MB/s",
        )
        .with_target(ENCODE_TARGET)
        .with_note(format!(
            "{} output bytes; {}",
            timings.encode_request_bytes, timings.encode_path
        )),
    );
    report.figures.push(
        Figure::info(
            "encode_response_mb_s",
            "typed encode (decoded response)",
            encode_response_rate,
            "MB/s",
        )
        .with_target(ENCODE_TARGET)
        .with_note(format!("{} output bytes", timings.encode_response_bytes)),
    );
    report.figures.push(
        Figure::info(
            "decode_over_raw_scan",
            "decode / raw scan",
            decode_rate / raw_rate,
            "x",
        )
        .with_target(DECODE_OVER_RAW_SCAN_TARGET),
    );
    report.figures.push(
        Figure::info(
            "decode_over_roxmltree",
            "decode / roxmltree",
            decode_rate / rox_rate,
            "x",
        )
        .with_target(DECODE_OVER_ROXMLTREE_TARGET),
    );
}

fn push_memory_figures(report: &mut Report, response: &str) -> Result<(), String> {
    let path = std::env::temp_dir().join(format!("mktows-bench-{}.xml", std::process::id()));
    std::fs::write(&path, response).map_err(|e| format!("writing {}: {e}", path.display()))?;
    let decode = memory::measure_in_child(ProbeParser::TypedDecode, &path);
    let dom = memory::measure_in_child(ProbeParser::Roxmltree, &path);
    let _ = std::fs::remove_file(&path);
    let input = response.len() as f64;
    let figure =
        |key, label: &str, target: Option<Target>, result: Result<PeakMemory, String>| match result
        {
            Ok(peak) => {
                let figure = Figure::info(key, label, peak.peak_bytes as f64 / input, "x")
                    .with_note(format!(
                        "{} bytes; {}{}",
                        peak.peak_bytes,
                        memory::METHOD,
                        if peak.exact {
                            ""
                        } else {
                            "; high-water mark not resettable: upper bound"
                        }
                    ));
                figure.with_optional_target(target)
            }
            Err(why) => Figure::missing(key, label, "x", why).with_optional_target(target),
        };
    report.figures.push(figure(
        "decode_peak_over_input",
        "typed decode peak memory / input",
        Some(PEAK_MEMORY_TARGET),
        decode,
    ));
    report.figures.push(figure(
        "roxmltree_peak_over_input",
        "roxmltree peak memory / input",
        None,
        dom,
    ));
    Ok(())
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
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
}
