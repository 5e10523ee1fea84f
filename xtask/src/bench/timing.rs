//! Best-of-N wall-clock timing.

use std::time::{Duration, Instant};

/// Runs `work` `reps` times (at least once) and returns the fastest run and its last result.
///
/// The result is returned rather than dropped inside the timed region, so the cost of
/// freeing a large decoded value is not charged to the parser; the previous result is
/// dropped before the next run starts.
pub fn best_of<T>(reps: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let start = Instant::now();
    let mut last = std::hint::black_box(work());
    let mut best = start.elapsed();
    for _ in 1..reps {
        drop(last);
        let start = Instant::now();
        last = std::hint::black_box(work());
        best = best.min(start.elapsed());
    }
    (best, last)
}

/// Megabytes (10^6 bytes) per second for `bytes` processed in `elapsed`.
pub fn megabytes_per_second(bytes: usize, elapsed: Duration) -> f64 {
    let seconds = elapsed.as_secs_f64();
    if seconds <= 0.0 {
        return f64::INFINITY;
    }
    bytes as f64 / 1e6 / seconds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_of_runs_the_work_reps_times_and_returns_its_result() {
        let mut calls = 0;
        let (_, result) = best_of(4, || {
            calls += 1;
            calls
        });
        assert_eq!(calls, 4);
        assert_eq!(result, 4);
        let (_, once) = best_of(0, || 9);
        assert_eq!(once, 9);
    }

    #[test]
    fn throughput_is_bytes_over_seconds() {
        let rate = megabytes_per_second(3_000_000, Duration::from_millis(1500));
        assert!((rate - 2.0).abs() < 1e-9, "{rate}");
        assert!(megabytes_per_second(1, Duration::ZERO).is_infinite());
    }
}
