//! Where the raw-scan baseline runs, and why in more than one place.
//!
//! The same scan loop measured about 20% faster built into a small binary of its own than
//! inside the benchmark binary. The loop did not change; where the linker placed its code
//! did (alignment of the hot loop and its branch targets, and which other code shares its
//! instruction-cache sets). A baseline that moves by a fifth with unrelated code changes
//! would make "decode / raw scan" say more about the link than about the decoder, so every
//! round times the scan in two placements, built from the same source file
//! ([`super::raw_scan`]) and timed with the same clock ([`super::timing`]):
//!
//! * in process, interleaved with the decoders (`xtask bench`);
//! * in the stand-alone `bench-raw-scan` binary of this package
//!   (`xtask/src/bin/bench-raw-scan.rs`), run as a child process on the same payload file.
//!
//! The baseline is the fastest time seen in either placement. That errs against the decoder:
//! its ratio is taken against the best the plain loop has been seen to do. Both placements
//! must agree on the scan's checksum (they read the same bytes), or the run fails.

use super::timing::BestTime;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// File name of the stand-alone scan binary, next to the running `xtask` executable.
pub const SEPARATE_BINARY: &str = "bench-raw-scan";

/// The stand-alone scan binary built alongside this executable, if it is there.
pub fn separate_binary() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| format!("no current exe: {e}"))?;
    let path = exe
        .parent()
        .map(|dir| dir.join(format!("{SEPARATE_BINARY}{}", std::env::consts::EXE_SUFFIX)))
        .ok_or_else(|| format!("{} has no parent directory", exe.display()))?;
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "{} not built (cargo build --release -p xtask --bins)",
            path.display()
        ))
    }
}

/// Runs the stand-alone scan over the payload file `reps` times; its best time and checksum.
pub fn scan_in_separate_binary(
    binary: &Path,
    payload: &Path,
    reps: usize,
) -> Result<(BestTime, u64), String> {
    let output = Command::new(binary)
        .arg(payload)
        .arg(reps.max(1).to_string())
        .output()
        .map_err(|e| format!("could not start {}: {e}", binary.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "{} failed ({}): {}",
            binary.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    parse_answer(&stdout).ok_or_else(|| format!("unexpected answer {:?}", stdout.trim()))
}

/// Reads `cpu_ns=<n> wall_ns=<n> checksum=<n>`.
fn parse_answer(text: &str) -> Option<(BestTime, u64)> {
    let (mut cpu, mut wall, mut checksum) = (None, None, None);
    for field in text.split_whitespace() {
        match field.split_once('=') {
            Some(("cpu_ns", n)) => cpu = n.parse::<u64>().ok().map(Duration::from_nanos),
            Some(("wall_ns", n)) => wall = n.parse::<u64>().ok().map(Duration::from_nanos),
            Some(("checksum", n)) => checksum = n.parse::<u64>().ok(),
            _ => {}
        }
    }
    Some((
        BestTime {
            cpu: cpu?,
            wall: wall?,
        },
        checksum?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_answer_line_of_the_separate_binary() {
        let (time, checksum) = parse_answer("cpu_ns=1500 wall_ns=2000000 checksum=42\n")
            .unwrap_or_else(|| panic!("not parsed"));
        assert_eq!(time.cpu, Duration::from_nanos(1500));
        assert_eq!(time.wall, Duration::from_millis(2));
        assert_eq!(checksum, 42);
        assert_eq!(parse_answer("cpu_ns=1 wall_ns=2"), None);
        assert_eq!(parse_answer("cpu_ns=x wall_ns=2 checksum=3"), None);
    }

    #[test]
    fn a_missing_or_failing_binary_is_an_error_not_a_figure() {
        let error = scan_in_separate_binary(
            Path::new("/nonexistent/bench-raw-scan"),
            Path::new("p.xml"),
            1,
        )
        .err()
        .unwrap_or_default();
        assert!(error.contains("could not start"), "{error}");
        // `false` exits non-zero: reported with its status.
        let error = scan_in_separate_binary(Path::new("false"), Path::new("p.xml"), 1)
            .err()
            .unwrap_or_default();
        assert!(error.contains("failed"), "{error}");
    }
}
