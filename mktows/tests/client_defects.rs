//! Client defects found by attacking it, each pinned by a test that failed before its fix.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, TimeDelta};
use mktows::generated::types::{LeadRecord, SuccessGetMultipleLeads};
use mktows::xml::{DecodeErrorKind, Nillable};
use mktows::{Client, Clock, ErrorKind, RetryPolicy};
use support::calls::{
    GET_CAMPAIGNS, GET_MULTIPLE_LEADS, KEY, ReturnCount, SourceParams, USER, campaigns_ok, fault,
};
use support::scripted_server::{Reply, ScriptedServer};

/// A clock whose n-th reading is `START + n seconds` and which remembers the real instant of
/// each reading, so a server can tell exactly how long ago a request was signed.
#[derive(Clone)]
struct RecordingClock {
    readings: Arc<Mutex<Vec<Instant>>>,
}

const START: &str = "2013-08-02T15:47:06-07:00";

fn start() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(START).unwrap_or_else(|e| panic!("fixture: {e}"))
}

impl Clock for RecordingClock {
    fn now(&self) -> DateTime<FixedOffset> {
        let mut readings = self.readings.lock().unwrap_or_else(|e| e.into_inner());
        readings.push(Instant::now());
        start() + TimeDelta::seconds(i64::try_from(readings.len() - 1).unwrap_or(i64::MAX))
    }
}

/// C1: the signature must be made after the concurrency permit is granted. A server with a
/// short signature window (300 ms here; Marketo's is minutes, queues can be longer) answers
/// each call after 400 ms, and the client lets one call through at a time: a call signed
/// before waiting arrives more than 300 ms after its signature.
#[tokio::test]
async fn calls_queued_behind_the_concurrency_permit_are_signed_when_they_leave() {
    const WINDOW: Duration = Duration::from_millis(300);
    let clock = RecordingClock {
        readings: Arc::default(),
    };
    let readings = Arc::clone(&clock.readings);
    let stale = Arc::new(AtomicUsize::new(0));
    let stale_seen = Arc::clone(&stale);
    let server = ScriptedServer::start(move |_, request| {
        let signed_at = request
            .element_text("requestTimestamp")
            .and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
            .and_then(|stamp| usize::try_from((stamp - start()).num_seconds()).ok())
            .and_then(|reading| {
                readings
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get(reading)
                    .copied()
            });
        match signed_at {
            Some(signed_at) if signed_at.elapsed() <= WINDOW => {
                Reply::Delayed(Duration::from_millis(400), Box::new(campaigns_ok(1)))
            }
            _ => {
                stale_seen.fetch_add(1, Ordering::SeqCst);
                fault(20016, "Request Expired")
            }
        }
    })
    .await;
    let client = Client::builder(&server.url, USER, KEY)
        .clock(clock)
        .max_concurrent_calls(1)
        .retry_policy(RetryPolicy::never())
        .request_timeout(Duration::from_secs(5))
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let calls: Vec<_> = (0..3)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .invoke::<_, ReturnCount>(&GET_CAMPAIGNS, &SourceParams::mktows(), &[])
                    .await
            })
        })
        .collect();
    for call in calls {
        match call.await.unwrap_or_else(|e| panic!("join: {e}")) {
            Ok(count) => assert_eq!(count, ReturnCount(1)),
            Err(error) => panic!("a queued call failed: {error}"),
        }
    }
    assert_eq!(stale.load(Ordering::SeqCst), 0, "stale signatures arrived");
    assert_eq!(server.requests().len(), 3);
    assert_eq!(server.max_in_flight(), 1);
}

/// C5: a value XML cannot carry (here a NUL) is refused before any I/O, naming the field,
/// instead of being sent altered (it used to go out as U+FFFD).
#[tokio::test]
async fn a_value_xml_cannot_carry_is_refused_before_sending() {
    let server = ScriptedServer::start(|_, _| campaigns_ok(1)).await;
    let client = Client::builder(&server.url, USER, KEY)
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    for (value, code) in [
        ("MKT\u{0}OWS", "U+0000"),
        ("\u{1b}[2J", "U+001B"),
        ("x\u{fffe}", "U+FFFE"),
    ] {
        let error = client
            .invoke::<_, ReturnCount>(&GET_CAMPAIGNS, &SourceParams(value.into()), &[])
            .await
            .err()
            .unwrap_or_else(|| panic!("{value:?} was sent"));
        assert!(
            matches!(error.kind(), ErrorKind::InvalidRequest(_)),
            "{error}"
        );
        assert_eq!(error.attempts(), 0, "{error}");
        let text = error.to_string();
        assert!(text.contains("`source`") && text.contains(code), "{text}");
    }
    assert_eq!(
        server.requests().len(),
        0,
        "a request left with an altered value"
    );
}

/// A `successGetMultipleLeads` body of `records` empty `<leadRecord/>` elements.
fn empty_lead_records(records: usize) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://www.marketo.com/mktows/"><SOAP-ENV:Body><ns1:successGetMultipleLeads><result><returnCount>1</returnCount><remainingCount>0</remainingCount><newStreamPosition>p</newStreamPosition><leadRecordList>{}</leadRecordList></result></ns1:successGetMultipleLeads></SOAP-ENV:Body></SOAP-ENV:Envelope>"#,
        "<leadRecord/>".repeat(records)
    )
}

/// C2: the response limit bounds the bytes on the wire, and the decoded-size budget (by
/// default the same number) bounds what they decode into: 13 bytes of `<leadRecord/>`
/// become a whole `LeadRecord`, so a body within the limit could take many times the limit
/// in memory.
#[tokio::test]
async fn a_body_of_empty_records_cannot_decode_beyond_the_response_limit() {
    const LIMIT: u64 = 1024 * 1024;
    let records = 1000 * 1024 / "<leadRecord/>".len();
    let decoded_size = records * std::mem::size_of::<LeadRecord>();
    assert!(decoded_size as u64 > 4 * LIMIT, "{decoded_size}");
    let body = empty_lead_records(records);
    assert!(body.len() as u64 <= LIMIT);
    let server = ScriptedServer::start(move |_, _| Reply::xml(&body)).await;
    let client = Client::builder(&server.url, USER, KEY)
        .max_response_bytes(LIMIT)
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let error = client
        .invoke::<_, SuccessGetMultipleLeads>(&GET_MULTIPLE_LEADS, &SourceParams::mktows(), &[])
        .await
        .err()
        .unwrap_or_else(|| panic!("{records} records decoded from a {LIMIT}-byte limit"));
    match error.kind() {
        ErrorKind::Decode(decode) => assert_eq!(
            decode.kind(),
            &DecodeErrorKind::DecodedTooLarge { limit: LIMIT },
            "{error}"
        ),
        other => panic!("not a decode error: {other:?}"),
    }

    // The same records within the budget decode.
    let few = empty_lead_records(100);
    let server = ScriptedServer::start(move |_, _| Reply::xml(&few)).await;
    let client = Client::builder(&server.url, USER, KEY)
        .max_response_bytes(LIMIT)
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let response = client
        .invoke::<_, SuccessGetMultipleLeads>(&GET_MULTIPLE_LEADS, &SourceParams::mktows(), &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let list = response.result.lead_record_list;
    assert!(
        matches!(&list, Some(Nillable::Value(list)) if list.lead_record.len() == 100),
        "{list:?}"
    );
}

/// C3 and the error chain, end to end: a Marketo fault reads `… failed: SOAP fault
/// SOAP-ENV:Client: 20103 - Lead Not Found` (its code once), and a hostile 1 MiB fault with
/// forged lines and a bidi override reaches the message capped and escaped, while the fault
/// value keeps every byte. (Terminal escapes cannot arrive inside XML at all: a raw ESC makes
/// the document not well-formed, so the answer is reported as an HTTP 500 with an escaped
/// excerpt.)
#[tokio::test]
async fn fault_text_reaches_the_message_once_capped_and_escaped() {
    let server = ScriptedServer::start(|n, _| match n {
        0 => fault(20103, "Lead Not Found"),
        1 => fault(
            20103,
            &format!(
                "Lead Not Found\nERROR forged line&#13;\u{202e}txt.exe{}",
                "A".repeat(1 << 20)
            ),
        ),
        _ => fault(20103, "Lead Not Found\u{1b}[2J\u{1b}]0;owned\u{7}"),
    })
    .await;
    let client = Client::builder(&server.url, USER, KEY)
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let call = || client.invoke::<_, ReturnCount>(&GET_CAMPAIGNS, &SourceParams::mktows(), &[]);

    let plain = call()
        .await
        .err()
        .unwrap_or_else(|| panic!("fault expected"));
    assert_eq!(
        plain.to_string(),
        "Marketo call `getCampaignsForSource` failed: SOAP fault SOAP-ENV:Client: 20103 - Lead Not Found"
    );
    assert!(std::error::Error::source(&plain).is_none());

    let hostile = call()
        .await
        .err()
        .unwrap_or_else(|| panic!("fault expected"));
    let text = hostile.to_string();
    assert!(text.len() < 2048, "{} bytes", text.len());
    assert!(!text.chars().any(char::is_control), "{text:?}");
    assert!(
        text.contains("Lead Not Found\\nERROR forged line\\r\\u{202e}txt.exe"),
        "{text}"
    );
    assert!(!text.contains('\u{202e}'), "{text}");
    let kept = hostile
        .fault()
        .map(|fault| fault.fault_string.len())
        .unwrap_or_default();
    assert!(kept > 1 << 20, "the fault value lost text: {kept} bytes");

    let escapes = call()
        .await
        .err()
        .unwrap_or_else(|| panic!("error expected"));
    // Not a SOAP fault any more: a 500 whose body is not XML, shown as an escaped excerpt.
    assert!(
        matches!(escapes.kind(), ErrorKind::HttpStatus { status: 500, .. }),
        "{escapes}"
    );
    let text = escapes.to_string();
    assert!(text.contains("\\u{1b}[2J"), "{text}");
    assert!(!text.chars().any(char::is_control), "{text:?}");
}
