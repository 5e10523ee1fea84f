//! When a failed call is tried again, and how long to wait first.
//!
//! The rule that matters: a retry must never run a side effect twice. So every failure is
//! first classified by what it says about the server ([`RetryClass`]), every operation by
//! whether it only reads ([`OperationKind`]), and [`RetryPolicy::decide`] combines the two
//! with the attempt budget. Nothing else in the crate decides about retries.
//!
//! | failure ([`RetryClass`])                              | read-only call | any other call |
//! | ----------------------------------------------------- | -------------- | -------------- |
//! | `NotSent` (connect/TLS failed before sending)          | backoff        | backoff        |
//! | `Expired` (credentials too old, e.g. a stale signature) | re-sign, now   | re-sign, now   |
//! | `Throttled` (rate or concurrency limit)                | backoff        | backoff        |
//! | `MaybeProcessed` (timeout, 5xx, internal-error fault)  | backoff        | **never**      |
//! | `Permanent` (auth, bad parameter, decode, too large…)  | never          | never          |

use std::time::Duration;

/// What a failure tells us about whether the server processed the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RetryClass {
    /// The request never left this process (connection refused, DNS, TLS handshake, connect
    /// timeout): retrying cannot duplicate anything.
    NotSent,
    /// The credentials expired before processing (Marketo: fault 20016); retry at once with
    /// fresh headers (a new timestamp and signature).
    Expired,
    /// A rate or concurrency limit (Marketo: faults 20023/20024) rejected the request before
    /// processing; retry after an exponential backoff.
    Throttled,
    /// The request may have been processed (timeout after sending, connection lost, HTTP 5xx,
    /// an internal-error fault): only calls that merely read may be retried.
    MaybeProcessed,
    /// Retrying gives the same answer (authentication, bad parameters, quota, decode errors…).
    Permanent,
}

impl RetryClass {
    /// True when the server certainly did not act on the request, so a retry is safe for
    /// every operation.
    pub fn is_retry_safe(self) -> bool {
        matches!(self, Self::NotSent | Self::Expired | Self::Throttled)
    }
}

/// Whether an operation only reads data (from [`OperationMeta::idempotent`](crate::OperationMeta::idempotent)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OperationKind {
    /// Only reads: safe to repeat.
    ReadOnly,
    /// May change data on the server (the default for an operation nothing is declared for).
    SideEffecting,
}

/// Bounds and pacing for retries.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in total, the first one included (default 4; 1 disables retries).
    pub max_attempts: u32,
    /// No retry is started once this much time has passed since the first attempt, nor one
    /// whose backoff would end after it (default 2 minutes).
    pub max_elapsed: Duration,
    /// Backoff before the first retry (default 1 s); doubles for each further retry.
    pub initial_backoff: Duration,
    /// Upper bound of a single backoff (default 20 s, a common rate-limit window).
    pub max_backoff: Duration,
    /// Randomise each backoff to between half and all of its nominal length (default true),
    /// so clients throttled together do not retry together.
    pub jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            max_elapsed: Duration::from_secs(120),
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
            jitter: true,
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Write fresh headers and retry after this delay (zero for expired credentials).
    RetryAfter(Duration),
    /// Report the failure.
    GiveUp,
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn never() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Decides about attempt `attempts_made + 1`. `elapsed` is the time since the first
    /// attempt started; `unit_random` is a number in `[0, 1)` used for jitter.
    pub fn decide(
        &self,
        kind: OperationKind,
        class: RetryClass,
        attempts_made: u32,
        elapsed: Duration,
        unit_random: f64,
    ) -> RetryDecision {
        let allowed = match class {
            RetryClass::NotSent | RetryClass::Expired | RetryClass::Throttled => true,
            RetryClass::MaybeProcessed => kind == OperationKind::ReadOnly,
            RetryClass::Permanent => false,
        };
        if !allowed || attempts_made >= self.max_attempts {
            return RetryDecision::GiveUp;
        }
        let delay = match class {
            RetryClass::Expired => Duration::ZERO,
            _ => self.backoff(attempts_made, unit_random),
        };
        match elapsed.checked_add(delay) {
            Some(end) if end <= self.max_elapsed => RetryDecision::RetryAfter(delay),
            _ => RetryDecision::GiveUp,
        }
    }

    /// The backoff before retry number `retry` (1-based): `initial * 2^(retry-1)`, capped at
    /// `max_backoff`, then with jitter scaled into `[half, full]` by `unit_random`.
    pub fn backoff(&self, retry: u32, unit_random: f64) -> Duration {
        let doublings = retry.saturating_sub(1).min(30);
        let nominal = self
            .initial_backoff
            .saturating_mul(1u32 << doublings)
            .min(self.max_backoff);
        if !self.jitter {
            return nominal;
        }
        let unit = if unit_random.is_finite() {
            unit_random.clamp(0.0, 1.0)
        } else {
            0.0
        };
        nominal.mul_f64(0.5 + unit / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OperationKind::{ReadOnly, SideEffecting};
    use RetryClass::*;

    fn no_jitter() -> RetryPolicy {
        RetryPolicy {
            jitter: false,
            ..RetryPolicy::default()
        }
    }

    #[test]
    fn decision_table() {
        let policy = no_jitter();
        let first = Duration::ZERO;
        let backoff = RetryDecision::RetryAfter(Duration::from_secs(1));
        let now = RetryDecision::RetryAfter(Duration::ZERO);
        let cases = [
            (ReadOnly, NotSent, backoff),
            (SideEffecting, NotSent, backoff),
            (ReadOnly, Expired, now),
            (SideEffecting, Expired, now),
            (ReadOnly, Throttled, backoff),
            (SideEffecting, Throttled, backoff),
            (ReadOnly, MaybeProcessed, backoff),
            (SideEffecting, MaybeProcessed, RetryDecision::GiveUp),
            (ReadOnly, Permanent, RetryDecision::GiveUp),
            (SideEffecting, Permanent, RetryDecision::GiveUp),
        ];
        for (kind, class, expected) in cases {
            assert_eq!(
                policy.decide(kind, class, 1, first, 0.0),
                expected,
                "{kind:?} {class:?}"
            );
        }
    }

    #[test]
    fn attempts_are_bounded() {
        let policy = no_jitter();
        assert!(matches!(
            policy.decide(ReadOnly, Throttled, 3, Duration::ZERO, 0.0),
            RetryDecision::RetryAfter(_)
        ));
        assert_eq!(
            policy.decide(ReadOnly, Throttled, 4, Duration::ZERO, 0.0),
            RetryDecision::GiveUp
        );
        assert_eq!(
            RetryPolicy::never().decide(ReadOnly, Expired, 1, Duration::ZERO, 0.0),
            RetryDecision::GiveUp
        );
    }

    #[test]
    fn total_time_is_bounded() {
        let policy = no_jitter();
        // 3rd retry waits 4 s: fine at 116 s, too late at 117 s.
        assert_eq!(
            policy.decide(ReadOnly, Throttled, 3, Duration::from_secs(116), 0.0),
            RetryDecision::RetryAfter(Duration::from_secs(4))
        );
        assert_eq!(
            policy.decide(ReadOnly, Throttled, 3, Duration::from_secs(117), 0.0),
            RetryDecision::GiveUp
        );
        assert_eq!(
            policy.decide(ReadOnly, Expired, 1, Duration::from_secs(121), 0.0),
            RetryDecision::GiveUp
        );
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let policy = no_jitter();
        let secs: Vec<u64> = (1..=7).map(|n| policy.backoff(n, 0.0).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 16, 20, 20]);
        assert_eq!(policy.backoff(u32::MAX, 0.0), Duration::from_secs(20));
    }

    #[test]
    fn jitter_stays_between_half_and_full() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff(2, 0.0), Duration::from_secs(1));
        assert_eq!(policy.backoff(2, 1.0), Duration::from_secs(2));
        assert_eq!(policy.backoff(2, 0.5), Duration::from_millis(1500));
        assert_eq!(policy.backoff(2, f64::NAN), Duration::from_secs(1));
        assert_eq!(policy.backoff(2, 7.0), Duration::from_secs(2));
    }

    #[test]
    fn retry_safety() {
        assert!(NotSent.is_retry_safe());
        assert!(Expired.is_retry_safe());
        assert!(Throttled.is_retry_safe());
        assert!(!MaybeProcessed.is_retry_safe());
        assert!(!Permanent.is_retry_safe());
    }
}
