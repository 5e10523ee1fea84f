//! `bench-raw-scan PAYLOAD REPS`: the raw quick-xml event scan of `cargo xtask bench`, built
//! into a small binary of its own.
//!
//! The scan loop's speed depends on where the linker puts its code, so the benchmark times
//! the same loop in two placements, inside the benchmark binary and here, and takes the
//! faster as its baseline (see `xtask/src/bench/placement.rs`). This binary compiles the very
//! same source files as the benchmark (`bench/raw_scan.rs` for the loop, `bench/timing.rs`
//! for the clock), reads the payload file, scans it `REPS` times and prints one line:
//! `cpu_ns=<best CPU time> wall_ns=<best wall time> checksum=<scan checksum>`.
#![forbid(unsafe_code)]

#[path = "../bench/raw_scan.rs"]
mod raw_scan;
#[path = "../bench/timing.rs"]
mod timing;

use std::process::ExitCode;

const USAGE: &str = "usage: bench-raw-scan PAYLOAD REPS";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(answer) => {
            println!("{answer}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("bench-raw-scan: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Scans the payload file `reps` times; the answer line or why not.
fn run(args: &[String]) -> Result<String, String> {
    let [payload, reps] = args else {
        return Err(USAGE.to_string());
    };
    let reps = reps
        .parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("REPS must be a positive number, got {reps:?}\n{USAGE}"))?;
    let xml = std::fs::read_to_string(payload).map_err(|e| format!("reading {payload}: {e}"))?;
    let (best, checksum) = timing::best_of(reps, || raw_scan::raw_event_scan(&xml));
    Ok(format!(
        "cpu_ns={} wall_ns={} checksum={}",
        best.cpu.as_nanos(),
        best.wall.as_nanos(),
        checksum?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_a_payload_file_and_answers_on_one_line() {
        let path = std::env::temp_dir().join(format!("bench-raw-scan-{}.xml", std::process::id()));
        let written = std::fs::write(&path, "<a x=\"1\"><b>text</b><c/></a>");
        assert!(written.is_ok(), "{written:?}");
        let answer = run(&[path.display().to_string(), "2".to_string()]);
        let _ = std::fs::remove_file(&path);
        let answer = answer.unwrap_or_else(|e| panic!("{e}"));
        let expected = raw_scan::raw_event_scan("<a x=\"1\"><b>text</b><c/></a>")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(answer.starts_with("cpu_ns="), "{answer}");
        assert!(
            answer.ends_with(&format!(" checksum={expected}")),
            "{answer}"
        );
    }

    #[test]
    fn bad_arguments_are_errors() {
        assert!(run(&[]).is_err());
        assert!(run(&["p.xml".to_string(), "0".to_string()]).is_err());
        let missing = run(&["/nonexistent/p.xml".to_string(), "1".to_string()]);
        assert!(missing.is_err_and(|e| e.contains("reading")));
    }
}
