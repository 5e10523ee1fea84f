//! Marketo's call-rate limit ("100 calls per 20 seconds per instance", 20023), optional.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A sliding-window limit: at most `calls` accepted calls within any `window`.
#[derive(Debug)]
pub(crate) struct RateLimit {
    calls: usize,
    window: Duration,
    accepted: Mutex<VecDeque<Instant>>,
}

impl RateLimit {
    /// A limit of `calls` per `window`.
    pub fn new(calls: usize, window: Duration) -> Self {
        Self {
            calls,
            window,
            accepted: Mutex::new(VecDeque::new()),
        }
    }

    /// Counts a call at `now`; false when it exceeds the limit (and is not counted).
    pub fn admit(&self, now: Instant) -> bool {
        let mut accepted = self.accepted.lock().unwrap_or_else(|e| e.into_inner());
        while accepted
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= self.window)
        {
            accepted.pop_front();
        }
        if accepted.len() >= self.calls {
            return false;
        }
        accepted.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_beyond_the_limit_wait_for_the_window() {
        let limit = RateLimit::new(2, Duration::from_secs(20));
        let start = Instant::now();
        assert!(limit.admit(start));
        assert!(limit.admit(start + Duration::from_secs(1)));
        assert!(!limit.admit(start + Duration::from_secs(2)));
        assert!(limit.admit(start + Duration::from_secs(20)));
        assert!(!limit.admit(start + Duration::from_secs(20)));
    }
}
