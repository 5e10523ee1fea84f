//! Rates derived from measured times.

use std::time::Duration;

/// Which clock the throughput figures are based on, for the report.
pub const CLOCK: &str = "CPU time of the measuring thread (CLOCK_THREAD_CPUTIME_ID)";

/// Megabytes (10^6 bytes) per second for `bytes` processed in `elapsed`.
pub fn megabytes_per_second(bytes: usize, elapsed: Duration) -> f64 {
    per_second(bytes as f64 / 1e6, elapsed)
}

/// `amount` per second over `elapsed` (infinite for a zero duration).
pub fn per_second(amount: f64, elapsed: Duration) -> f64 {
    let seconds = elapsed.as_secs_f64();
    if seconds <= 0.0 {
        return f64::INFINITY;
    }
    amount / seconds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throughput_is_bytes_over_seconds() {
        let rate = megabytes_per_second(3_000_000, Duration::from_millis(1500));
        assert!((rate - 2.0).abs() < 1e-9, "{rate}");
        assert!(megabytes_per_second(1, Duration::ZERO).is_infinite());
        assert!((per_second(50.0, Duration::from_millis(250)) - 200.0).abs() < 1e-9);
    }
}
