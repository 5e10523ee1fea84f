//! What the simulator has seen: request counts per operation, peak concurrency and the most
//! recent request bodies (tests assert on these, e.g. "exactly one requestCampaign").
//!
//! The recorded bodies are bounded so a long run, or a client sending large requests, cannot
//! grow the simulator's memory: at most [`RECORDED_REQUESTS`] requests are kept, each body cut
//! to its first [`RECORDED_BODY_BYTES`], and older requests are dropped while the kept bodies
//! together exceed [`RECORDED_TOTAL_BYTES`]. So the buffer never holds more than 1 MiB of body
//! text, whatever is sent.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Most requests kept for inspection.
pub const RECORDED_REQUESTS: usize = 64;
/// Most bytes of one request body kept (the start of the body; [`RecordedRequest::body_len`]
/// gives the full size).
pub const RECORDED_BODY_BYTES: usize = 64 * 1024;
/// Most bytes of body text kept over all recorded requests; older requests are dropped first.
pub const RECORDED_TOTAL_BYTES: usize = 1024 * 1024;

/// One SOAP request as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The operation it was counted under (body root, else SOAPAction, else `"<unknown>"`).
    pub operation: String,
    /// The SOAPAction header, unquoted.
    pub soap_action: Option<String>,
    /// The request body as text (lossy for invalid UTF-8), cut to its first
    /// [`RECORDED_BODY_BYTES`] (at a character boundary).
    pub body: String,
    /// The size of the whole body text in bytes; larger than `body.len()` when it was cut.
    pub body_len: usize,
}

impl RecordedRequest {
    /// Records `body`, keeping at most its first [`RECORDED_BODY_BYTES`].
    pub fn new(operation: String, soap_action: Option<String>, body: &str) -> Self {
        let mut kept = RECORDED_BODY_BYTES.min(body.len());
        while !body.is_char_boundary(kept) {
            kept -= 1;
        }
        Self {
            operation,
            soap_action,
            body: body.get(..kept).unwrap_or_default().to_owned(),
            body_len: body.len(),
        }
    }

    /// Whether `body` holds only the start of the request body.
    pub fn is_truncated(&self) -> bool {
        self.body.len() < self.body_len
    }
}

/// A copy of the counters at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatsSnapshot {
    /// SOAP requests (POSTs to the endpoint) received, including injected failures.
    pub total_requests: u64,
    /// The same, per operation name.
    pub requests_by_operation: BTreeMap<String, u64>,
    /// The most SOAP requests ever handled at the same time.
    pub max_concurrency: usize,
    /// The most recent request bodies, oldest first.
    pub recent_requests: Vec<RecordedRequest>,
}

impl StatsSnapshot {
    /// Requests received for one operation.
    pub fn requests_for(&self, operation: &str) -> u64 {
        self.requests_by_operation
            .get(operation)
            .copied()
            .unwrap_or(0)
    }
}

/// Live counters shared by the request handlers.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    total: AtomicU64,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    by_operation: Mutex<BTreeMap<String, u64>>,
    recent: Mutex<Recent>,
}

/// The recorded requests and the bytes their bodies take.
#[derive(Debug, Default)]
struct Recent {
    requests: VecDeque<RecordedRequest>,
    body_bytes: usize,
}

impl Recent {
    /// Adds a request, dropping the oldest until both bounds hold.
    fn push(&mut self, request: RecordedRequest) {
        self.body_bytes += request.body.len();
        self.requests.push_back(request);
        while self.requests.len() > RECORDED_REQUESTS || self.body_bytes > RECORDED_TOTAL_BYTES {
            let Some(oldest) = self.requests.pop_front() else {
                break;
            };
            self.body_bytes -= oldest.body.len();
        }
        // Give back the ring's spare capacity after a burst shrank it.
        if self.requests.capacity() > 2 * RECORDED_REQUESTS {
            self.requests.shrink_to(RECORDED_REQUESTS);
        }
    }

    /// Forgets every request.
    fn clear(&mut self) {
        self.requests.clear();
        self.body_bytes = 0;
    }
}

/// Marks one request in flight until dropped; holds how many were in flight with it.
pub(crate) struct InFlight<'a>(&'a Stats, usize);

impl InFlight<'_> {
    /// Requests in flight when this one started, itself included.
    pub fn concurrent(&self) -> usize {
        self.1
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Stats {
    /// Counts a request as started; the guard ends it.
    pub fn enter(&self) -> InFlight<'_> {
        self.total.fetch_add(1, Ordering::SeqCst);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(self, now)
    }

    /// Counts a request under its operation and keeps (the start of) its body.
    pub fn record(&self, request: RecordedRequest) {
        let mut by_operation = self.by_operation.lock().unwrap_or_else(|e| e.into_inner());
        *by_operation.entry(request.operation.clone()).or_insert(0) += 1;
        drop(by_operation);
        self.recent
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(request);
    }

    /// A consistent-enough copy for assertions.
    pub fn snapshot(&self) -> StatsSnapshot {
        StatsSnapshot {
            total_requests: self.total.load(Ordering::SeqCst),
            requests_by_operation: self
                .by_operation
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
            max_concurrency: self.max_in_flight.load(Ordering::SeqCst),
            recent_requests: self
                .recent
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .requests
                .iter()
                .cloned()
                .collect(),
        }
    }

    /// Zeroes every counter (peak concurrency included) and forgets recorded requests.
    pub fn reset(&self) {
        self.total.store(0, Ordering::SeqCst);
        self.max_in_flight
            .store(self.in_flight.load(Ordering::SeqCst), Ordering::SeqCst);
        self.by_operation
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.recent
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(body: &str) -> RecordedRequest {
        RecordedRequest::new("getLead".into(), None, body)
    }

    #[test]
    fn bodies_are_cut_at_a_character_boundary() {
        let long = format!("{}é{}", "a".repeat(RECORDED_BODY_BYTES - 1), "b".repeat(10));
        let recorded = request(&long);
        assert_eq!(recorded.body.len(), RECORDED_BODY_BYTES - 1);
        assert_eq!(recorded.body_len, long.len());
        assert!(recorded.is_truncated());
        assert!(!request("short").is_truncated());
    }

    #[test]
    fn the_buffer_keeps_the_newest_within_both_bounds() {
        let stats = Stats::default();
        let big = "x".repeat(4 * 1024 * 1024);
        for _ in 0..70 {
            stats.record(request(&big));
        }
        let kept = stats.snapshot().recent_requests;
        assert_eq!(kept.len(), RECORDED_TOTAL_BYTES / RECORDED_BODY_BYTES);
        assert!(kept.iter().map(|r| r.body.len()).sum::<usize>() <= RECORDED_TOTAL_BYTES);
        for n in 0..100 {
            stats.record(request(&format!("small {n}")));
        }
        let kept = stats.snapshot().recent_requests;
        assert_eq!(kept.len(), RECORDED_REQUESTS);
        assert_eq!(kept.last().map(|r| r.body.as_str()), Some("small 99"));
        assert_eq!(kept.first().map(|r| r.body.as_str()), Some("small 36"));
        assert_eq!(stats.snapshot().requests_for("getLead"), 170);
    }
}
