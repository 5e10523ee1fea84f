//! What the simulator has seen: request counts per operation, peak concurrency and the most
//! recent request bodies (tests assert on these, e.g. "exactly one requestCampaign").

use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// How many request bodies are kept for inspection.
const RECORDED_REQUESTS: usize = 64;

/// One SOAP request as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The operation it was counted under (body root, else SOAPAction, else `"<unknown>"`).
    pub operation: String,
    /// The SOAPAction header, unquoted.
    pub soap_action: Option<String>,
    /// The request body as text (lossy for invalid UTF-8).
    pub body: String,
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
    recent: Mutex<VecDeque<RecordedRequest>>,
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

    /// Counts a request under its operation and keeps its body.
    pub fn record(&self, request: RecordedRequest) {
        let mut by_operation = self.by_operation.lock().unwrap_or_else(|e| e.into_inner());
        *by_operation.entry(request.operation.clone()).or_insert(0) += 1;
        drop(by_operation);
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        if recent.len() == RECORDED_REQUESTS {
            recent.pop_front();
        }
        recent.push_back(request);
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
