//! Best-of-N timing on the measuring thread's CPU clock.
//!
//! The benchmark shares a small machine with compilers and test runs, so wall-clock time
//! mostly measures the run queue. `CLOCK_THREAD_CPUTIME_ID` counts only the time this
//! thread ran (user and kernel, page faults included), which keeps the ratios between
//! stages meaningful under load. Wall-clock time is kept alongside for the report.
//!
//! Like [`super::raw_scan`], this file is also compiled into the stand-alone
//! `bench-raw-scan` binary, so both placements of the scan are timed the same way.

use rustix::time::{ClockId, Timespec, clock_gettime};
use std::time::{Duration, Instant};

/// The fastest of several runs, on both clocks (each minimum taken on its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BestTime {
    /// CPU time of the measuring thread.
    pub cpu: Duration,
    /// Elapsed wall-clock time.
    pub wall: Duration,
}

impl BestTime {
    /// The faster of two measurements, clock by clock.
    pub fn min(self, other: BestTime) -> BestTime {
        BestTime {
            cpu: self.cpu.min(other.cpu),
            wall: self.wall.min(other.wall),
        }
    }
}

/// Runs `work` `reps` times (at least once) and returns the fastest times and the last result.
///
/// The result is returned rather than dropped inside the timed region, so the cost of
/// freeing a large decoded value is not charged to the parser; the previous result is
/// dropped before the next run starts.
pub fn best_of<T>(reps: usize, mut work: impl FnMut() -> T) -> (BestTime, T) {
    let (mut best, mut last) = timed(&mut work);
    for _ in 1..reps {
        drop(last);
        let (time, result) = timed(&mut work);
        best = best.min(time);
        last = result;
    }
    (best, last)
}

fn timed<T>(work: &mut impl FnMut() -> T) -> (BestTime, T) {
    let cpu_start = thread_cpu_time();
    let wall_start = Instant::now();
    let result = std::hint::black_box(work());
    let wall = wall_start.elapsed();
    let cpu = thread_cpu_time().saturating_sub(cpu_start);
    (BestTime { cpu, wall }, result)
}

fn thread_cpu_time() -> Duration {
    let Timespec { tv_sec, tv_nsec } = clock_gettime(ClockId::ThreadCPUTime);
    let seconds = u64::try_from(tv_sec).unwrap_or(0);
    let nanos = u32::try_from(tv_nsec).unwrap_or(0);
    Duration::new(seconds, 0).saturating_add(Duration::from_nanos(u64::from(nanos)))
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
    fn the_cpu_clock_counts_work_and_not_sleep() {
        // Semantics of the two clocks, not performance thresholds.
        let (busy, sum) = best_of(1, || {
            (0..2_000_000u64).map(std::hint::black_box).sum::<u64>()
        });
        assert_eq!(sum, 1_999_999_000_000);
        assert!(busy.cpu > Duration::ZERO, "{busy:?}");
        let nap = Duration::from_millis(30);
        let (asleep, ()) = best_of(1, || std::thread::sleep(nap));
        assert!(asleep.wall >= nap, "{asleep:?}");
        assert!(asleep.cpu < asleep.wall, "{asleep:?}");
    }
}
