//! The client's tracing: a span per call and per attempt, never carrying the secret or the
//! signature. In a test binary of its own: the capturing subscriber is thread-local, and tests
//! running beside it on other threads could otherwise race its callsite registration.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mktows::{Client, RetryPolicy};
use support::calls::{GET_CAMPAIGNS, ReturnCount, SourceParams, USER, campaigns_ok};
use support::scripted_server::{Reply, ScriptedServer};

/// A subscriber that writes every span's and event's fields as `name=value` lines.
#[derive(Clone, Default)]
struct CapturedTrace {
    lines: Arc<Mutex<Vec<String>>>,
    next_span: Arc<AtomicUsize>,
}

impl CapturedTrace {
    fn text(&self) -> String {
        self.lines
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .join("\n")
    }

    fn push(&self, line: String) {
        self.lines
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(line);
    }
}

/// Writes `name=value` for each field it visits.
struct FieldText(String);

impl tracing::field::Visit for FieldText {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl tracing::Subscriber for CapturedTrace {
    /// "Sometimes": the callsite asks `enabled` each time instead of caching a verdict, so
    /// other tests' threads (without this thread-local subscriber) cannot switch it off.
    fn register_callsite(
        &self,
        _: &'static tracing::Metadata<'static>,
    ) -> tracing::subscriber::Interest {
        tracing::subscriber::Interest::sometimes()
    }

    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let id = self.next_span.fetch_add(1, Ordering::SeqCst) + 1;
        let mut fields = FieldText(format!("span {} #{id}:", span.metadata().name()));
        span.record(&mut fields);
        self.push(fields.0);
        tracing::span::Id::from_u64(id as u64)
    }

    fn record(&self, span: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut fields = FieldText(format!("record #{}:", span.into_u64()));
        values.record(&mut fields);
        self.push(fields.0);
    }

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = FieldText(format!("event {}:", event.metadata().level()));
        event.record(&mut fields);
        self.push(fields.0);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}

/// Each call is a span with the operation, and each attempt records its number, HTTP status,
/// elapsed time and the retry decision; neither the secret key nor a signature ever appears.
#[tokio::test]
async fn calls_are_traced_without_the_secret_or_the_signature() {
    const DISTINCT_KEY: &str = "0xTRACEDKEY5ecret";
    let trace = CapturedTrace::default();
    let _guard = tracing::subscriber::set_default(trace.clone());
    // Callsites registered by other tests' threads before this subscriber existed cached
    // "never"; recompute with it in place.
    tracing::callsite::rebuild_interest_cache();
    let server = ScriptedServer::start(|n, _| match n {
        0 => Reply::status_xml(503, "<html>busy</html>"),
        _ => campaigns_ok(2),
    })
    .await;
    let client = Client::builder(&server.url, USER, DISTINCT_KEY)
        .retry_policy(RetryPolicy {
            max_attempts: 3,
            max_elapsed: Duration::from_secs(10),
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(10),
            jitter: false,
        })
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let count = client
        .invoke::<_, ReturnCount>(&GET_CAMPAIGNS, &SourceParams::mktows(), &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count, ReturnCount(2));
    let text = trace.text();
    for expected in [
        "span soap_call",
        "operation=\"getCampaignsForSource\"",
        "span soap_attempt",
        "attempt=1",
        "attempt=2",
        "http_status=503",
        "http_status=200",
        "elapsed_ms=",
        "retry=after 10ms",
        "retry=\"done\"",
        "outcome=\"ok\"",
        "attempts=2",
    ] {
        assert!(text.contains(expected), "{expected} missing from\n{text}");
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        let signature = request
            .element_text("requestSignature")
            .unwrap_or_else(|| panic!("unsigned request: {}", request.body));
        assert!(!text.contains(&signature), "signature traced:\n{text}");
    }
    assert!(!text.contains(DISTINCT_KEY), "key traced:\n{text}");
    assert!(
        !text.contains("requestSignature"),
        "headers traced:\n{text}"
    );
}
