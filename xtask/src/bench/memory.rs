//! Peak memory of a parser, measured as the resident-set high-water mark of a child process.
//!
//! The workspace forbids unsafe code, so no counting global allocator: instead the
//! benchmark writes the payload to a file and starts itself again in probe mode
//! (`bench --memory-probe <parser> <file>`). The child reads the file, warms the parser up
//! on a tiny payload (so first-touch code pages are not counted), resets the kernel's
//! high-water mark (`5` into `/proc/self/clear_refs`), notes `VmRSS`, parses, and reports
//! `VmHWM - VmRSS_before`: the extra memory the parse needed at its peak, allocator
//! overhead included. Without a resettable high-water mark the figure is an upper bound.
//!
//! The probe mode runs exactly one parse, so it is also the handle for profiling one parser
//! in isolation, e.g. `valgrind --tool=callgrind target/release/xtask bench --memory-probe
//! decode payload.xml` (parsers: `decode`, `roxmltree`, `raw-scan`).

use super::options::{MEMORY_PROBE_FLAG, ProbeParser, ProbeRequest};
use std::path::Path;
use std::process::Command;

/// Peak extra memory of one parse, as reported by the probe child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeakMemory {
    /// Bytes above the resident set before the parse.
    pub peak_bytes: u64,
    /// Whether the high-water mark could be reset before the parse (else an upper bound).
    pub exact: bool,
}

/// How the figure was obtained, for the report.
pub const METHOD: &str = "child process RSS high-water mark (VmHWM after parse - VmRSS before)";

/// Runs the probe child for `parser` over the payload in `payload` and reads its answer.
pub fn measure_in_child(parser: ProbeParser, payload: &Path) -> Result<PeakMemory, String> {
    let exe = std::env::current_exe().map_err(|e| format!("memory probe: no current exe: {e}"))?;
    let output = Command::new(exe)
        .arg("bench")
        .arg(MEMORY_PROBE_FLAG)
        .arg(parser.as_str())
        .arg(payload)
        .output()
        .map_err(|e| format!("memory probe: could not start: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "memory probe ({}) failed ({}): {}",
            parser.as_str(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    parse_probe_answer(&stdout)
        .ok_or_else(|| format!("memory probe: unexpected answer {:?}", stdout.trim()))
}

/// The probe child: parse the payload once and print `peak_bytes=<n> exact=<bool>`.
pub fn run_probe(
    request: &ProbeRequest,
    parse: impl Fn(&str) -> Result<(), String>,
) -> Result<(), String> {
    let xml = std::fs::read_to_string(&request.payload)
        .map_err(|e| format!("memory probe: reading {}: {e}", request.payload.display()))?;
    let warm_up = super::payload::get_multiple_leads_response(super::payload::PayloadShape {
        leads: 3,
        attributes: 25,
        seed: 1,
    });
    parse(&warm_up)?;
    let exact = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = read_status_kib("VmRSS")?;
    parse(&xml)?;
    let peak = read_status_kib("VmHWM")?;
    let peak_bytes = peak.saturating_sub(before) * 1024;
    println!("{}", format_probe_answer(PeakMemory { peak_bytes, exact }));
    Ok(())
}

fn format_probe_answer(peak: PeakMemory) -> String {
    format!("peak_bytes={} exact={}", peak.peak_bytes, peak.exact)
}

fn parse_probe_answer(text: &str) -> Option<PeakMemory> {
    let mut peak_bytes = None;
    let mut exact = None;
    for field in text.split_whitespace() {
        match field.split_once('=') {
            Some(("peak_bytes", n)) => peak_bytes = n.parse().ok(),
            Some(("exact", b)) => exact = b.parse().ok(),
            _ => {}
        }
    }
    Some(PeakMemory {
        peak_bytes: peak_bytes?,
        exact: exact?,
    })
}

/// A `kB` field of `/proc/self/status` (`VmRSS`, `VmHWM`).
fn read_status_kib(field: &str) -> Result<u64, String> {
    let status = std::fs::read_to_string("/proc/self/status")
        .map_err(|e| format!("memory probe: /proc/self/status: {e}"))?;
    status_field_kib(&status, field)
        .ok_or_else(|| format!("memory probe: no {field} in /proc/self/status"))
}

fn status_field_kib(status: &str, field: &str) -> Option<u64> {
    status.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        if name != field {
            return None;
        }
        value.trim().strip_suffix("kB")?.trim().parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kib_fields_from_proc_status_text() {
        let status = "Name:\txtask\nVmHWM:\t  20480 kB\nVmRSS:\t   1932 kB\n";
        assert_eq!(status_field_kib(status, "VmHWM"), Some(20480));
        assert_eq!(status_field_kib(status, "VmRSS"), Some(1932));
        assert_eq!(status_field_kib(status, "VmSwap"), None);
    }

    #[test]
    fn probe_answer_round_trips() {
        let peak = PeakMemory {
            peak_bytes: 4096,
            exact: true,
        };
        assert_eq!(parse_probe_answer(&format_probe_answer(peak)), Some(peak));
        assert_eq!(parse_probe_answer("garbage"), None);
    }
}
