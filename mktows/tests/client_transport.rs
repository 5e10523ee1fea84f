//! The client against a scripted HTTP server on 127.0.0.1: signing on the wire, faults,
//! retries (and the calls that must never be retried), limits and decode failures.

mod support;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, TimeDelta};
use mktows::MarketoError as _;
use mktows::auth::{sign, verify_signature};
use mktows::envelope::HeaderBlock;
use mktows::xml::{
    DecodeError, ElementStart, Form, Name, XmlDecode, XmlEncode, XmlReader, XmlWriter,
};
use mktows::{
    Client, Clock, ErrorKind, FaultCode, OperationMeta, RetryClass, RetryPolicy, SecretKey,
    TransportPhase,
};
use support::scripted_server::{Reply, ScriptedServer};

const NS: &str = "http://www.marketo.com/mktows/";
const USER: &str = "demo17_1_809934544BFABAE58E5D27";
const KEY: &str = "27272727aa";

/// A read-only operation (retried on timeouts and 5xx).
static GET_CAMPAIGNS: OperationMeta = OperationMeta {
    name: "getCampaignsForSource",
    soap_action: "http://www.marketo.com/mktows/getCampaignsForSource",
    soap_version: mktows::envelope::SoapVersion::Soap11,
    namespace: NS,
    response_namespace: NS,
    request_element: "paramsGetCampaignsForSource",
    response_element: "successGetCampaignsForSource",
    input_headers: &["AuthenticationHeader"],
    idempotent: true,
};

/// A side-effecting operation (never retried once the request may have arrived).
static REQUEST_CAMPAIGN: OperationMeta = OperationMeta {
    name: "requestCampaign",
    soap_action: "http://www.marketo.com/mktows/requestCampaign",
    soap_version: mktows::envelope::SoapVersion::Soap11,
    namespace: NS,
    response_namespace: NS,
    request_element: "paramsRequestCampaign",
    response_element: "successRequestCampaign",
    input_headers: &["AuthenticationHeader"],
    idempotent: false,
};

static SYNC_LEAD: OperationMeta = OperationMeta {
    name: "syncLead",
    soap_action: "http://www.marketo.com/mktows/syncLead",
    soap_version: mktows::envelope::SoapVersion::Soap11,
    namespace: NS,
    response_namespace: NS,
    request_element: "paramsSyncLead",
    response_element: "successSyncLead",
    input_headers: &["AuthenticationHeader", "MktowsContextHeader"],
    idempotent: false,
};

/// `<source>MKTOWS</source>`
struct SourceParams {
    source: String,
}

impl XmlEncode for SourceParams {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.simple(Name::unqualified("source"), &self.source);
    }
}

impl mktows::Validate for SourceParams {}

/// `<targetWorkspace>…</targetWorkspace>`
struct ContextHeader {
    target_workspace: String,
}

impl XmlEncode for ContextHeader {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.simple(Name::unqualified("targetWorkspace"), &self.target_workspace);
    }
}

/// `<ns1:success…><result><returnCount>n</returnCount></result></ns1:success…>`
#[derive(Debug, PartialEq)]
struct CountResponse {
    return_count: i32,
}

#[derive(Debug)]
struct CountResult {
    return_count: i32,
}

impl XmlDecode for CountResponse {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut result: Option<CountResult> = None;
        while let Some(child) = r.next_child(Form::Unqualified)? {
            if child.local_name() == "result" {
                let value = r.complex::<CountResult>(&child)?;
                r.set_once(&mut result, &child, value)?;
            } else {
                r.unknown(&child)?;
            }
        }
        let result = r.require(result, "result")?;
        Ok(Self {
            return_count: result.return_count,
        })
    }
}

impl XmlDecode for CountResult {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut count: Option<i32> = None;
        while let Some(child) = r.next_child(Form::Unqualified)? {
            if child.local_name() == "returnCount" {
                let value = r.simple::<i32>(&child)?;
                r.set_once(&mut count, &child, value)?;
            } else {
                r.unknown(&child)?;
            }
        }
        Ok(Self {
            return_count: r.require(count, "returnCount")?,
        })
    }
}

fn success(element: &str, count: i32) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://www.marketo.com/mktows/"><SOAP-ENV:Body><ns1:{element}><result><returnCount>{count}</returnCount></result></ns1:{element}></SOAP-ENV:Body></SOAP-ENV:Envelope>"#
    )
}

fn campaigns_ok(count: i32) -> Reply {
    Reply::xml(&success("successGetCampaignsForSource", count))
}

/// A fault shaped like the one in the Marketo docs.
fn fault(code: u32, message: &str) -> Reply {
    Reply::status_xml(
        500,
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>{code} - {message}</faultstring><detail><ns1:serviceException xmlns:ns1="http://www.marketo.com/mktows/"><name>mktServiceException</name><message>{message} ({code})</message><code>{code}</code></ns1:serviceException></detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>"#
        ),
    )
}

/// Starts at 2013-08-02T15:47:06-07:00 and moves one second forward on every reading.
struct SteppingClock {
    start: DateTime<FixedOffset>,
    readings: AtomicI64,
}

impl SteppingClock {
    fn new() -> Self {
        Self {
            start: DateTime::parse_from_rfc3339("2013-08-02T15:47:06-07:00")
                .unwrap_or_else(|e| panic!("fixture: {e}")),
            readings: AtomicI64::new(0),
        }
    }
}

impl Clock for SteppingClock {
    fn now(&self) -> DateTime<FixedOffset> {
        let n = self.readings.fetch_add(1, Ordering::SeqCst);
        self.start + TimeDelta::seconds(n)
    }
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        max_elapsed: Duration::from_secs(10),
        initial_backoff: Duration::from_millis(60),
        max_backoff: Duration::from_millis(200),
        jitter: false,
    }
}

fn client(server: &ScriptedServer) -> Client {
    Client::builder(&server.url, USER, KEY)
        .clock(SteppingClock::new())
        .retry_policy(fast_retries())
        .request_timeout(Duration::from_secs(5))
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"))
}

async fn get_campaigns(client: &Client) -> Result<CountResponse, mktows::Error> {
    let params = SourceParams {
        source: "MKTOWS".into(),
    };
    client.invoke(&GET_CAMPAIGNS, &params, &[]).await
}

async fn request_campaign(client: &Client) -> Result<CountResponse, mktows::Error> {
    let params = SourceParams {
        source: "MKTOWS".into(),
    };
    client.invoke(&REQUEST_CAMPAIGN, &params, &[]).await
}

#[tokio::test]
async fn success_is_decoded_and_the_request_is_signed_soap_11() {
    let server = ScriptedServer::start(|_, _| campaigns_ok(7)).await;
    let response = get_campaigns(&client(&server)).await;
    assert_eq!(response.ok(), Some(CountResponse { return_count: 7 }));

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert!(
        request.head.starts_with("POST /soap/mktows/2_2 HTTP/1.1"),
        "{}",
        request.head
    );
    assert_eq!(
        request.header("soapaction").as_deref(),
        Some("\"http://www.marketo.com/mktows/getCampaignsForSource\"")
    );
    assert_eq!(
        request.header("content-type").as_deref(),
        Some("text/xml; charset=utf-8")
    );
    assert!(
        request
            .header("accept-encoding")
            .is_some_and(|v| v.contains("gzip")),
        "{}",
        request.head
    );
    // The documented vector: first clock reading is 2013-08-02T15:47:06-07:00.
    assert_eq!(
        request.element_text("requestTimestamp").as_deref(),
        Some("2013-08-02T15:47:06-07:00")
    );
    assert_eq!(
        request.element_text("requestSignature").as_deref(),
        Some("146ec93f4f1e2a45f7a545f7e42e2d053c0457e7")
    );
    assert_eq!(request.element_text("mktowsUserId").as_deref(), Some(USER));
    let body = &request.body;
    let user = body.find("<mktowsUserId>").unwrap_or(usize::MAX);
    let signature = body.find("<requestSignature>").unwrap_or(usize::MAX);
    let timestamp = body.find("<requestTimestamp>").unwrap_or(usize::MAX);
    assert!(user < signature && signature < timestamp, "{body}");
    assert!(body.contains("<ns1:AuthenticationHeader"), "{body}");
    assert!(body.contains("<ns1:paramsGetCampaignsForSource"), "{body}");
    assert!(body.contains("<source>MKTOWS</source>"), "{body}");
    assert!(!body.contains(KEY), "{body}");
}

#[tokio::test]
async fn extra_headers_are_sent_and_undeclared_ones_rejected_before_io() {
    let server = ScriptedServer::start(|_, _| Reply::xml(&success("successSyncLead", 1))).await;
    let client = client(&server);
    let params = SourceParams { source: "x".into() };
    let context = ContextHeader {
        target_workspace: "default".into(),
    };
    let extra = [HeaderBlock {
        namespace: mktows::types::TARGET_NAMESPACE,
        local: "MktowsContextHeader",
        value: &context,
    }];
    let response: Result<CountResponse, _> = client.invoke(&SYNC_LEAD, &params, &extra).await;
    assert!(response.is_ok(), "{response:?}");
    let body = &server.requests()[0].body;
    assert!(body.contains("<ns1:MktowsContextHeader"), "{body}");
    assert!(
        body.contains("<targetWorkspace>default</targetWorkspace>"),
        "{body}"
    );

    let rejected: Result<CountResponse, _> =
        client.invoke(&REQUEST_CAMPAIGN, &params, &extra).await;
    let error = rejected
        .err()
        .unwrap_or_else(|| panic!("undeclared header accepted"));
    assert!(
        matches!(error.kind(), ErrorKind::InvalidRequest(_)),
        "{error}"
    );
    assert_eq!(error.attempts(), 0);
    assert_eq!(server.requests().len(), 1, "no request may be sent");
}

#[tokio::test]
async fn authentication_fault_is_typed_and_not_retried() {
    let server = ScriptedServer::start(|_, _| fault(20014, "Authentication failed")).await;
    let error = get_campaigns(&client(&server))
        .await
        .err()
        .unwrap_or_else(|| panic!("fault expected"));
    assert_eq!(error.fault_code(), Some(FaultCode::AuthenticationFailed));
    assert_eq!(error.operation(), Some("getCampaignsForSource"));
    assert_eq!(error.attempts(), 1);
    assert!(!error.is_retry_safe());
    match error.kind() {
        ErrorKind::Fault(fault) => {
            assert_eq!(mktows::fault_code(fault).code(), 20014);
            assert_eq!(fault.fault_string, "20014 - Authentication failed");
        }
        other => panic!("unexpected {other:?}"),
    }
    let text = error.to_string();
    assert!(text.contains("getCampaignsForSource"), "{text}");
    assert!(text.contains("20014"), "{text}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn expired_request_is_resigned_and_retried_at_once() {
    let server = ScriptedServer::start(|n, _| match n {
        0 => fault(20016, "Request Expired"),
        _ => Reply::xml(&success("successRequestCampaign", 1)),
    })
    .await;
    // A 5 s backoff would show: 20016 must be retried without one.
    let client = Client::builder(&server.url, USER, KEY)
        .clock(SteppingClock::new())
        .retry_policy(RetryPolicy {
            initial_backoff: Duration::from_secs(5),
            max_backoff: Duration::from_secs(5),
            max_elapsed: Duration::from_secs(30),
            ..fast_retries()
        })
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let started = Instant::now();
    // Even a side-effecting call: 20016 means "not processed".
    let response = request_campaign(&client).await;
    assert_eq!(response.ok(), Some(CountResponse { return_count: 1 }));
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let stamps: Vec<String> = requests
        .iter()
        .filter_map(|r| r.element_text("requestTimestamp"))
        .collect();
    let signatures: Vec<String> = requests
        .iter()
        .filter_map(|r| r.element_text("requestSignature"))
        .collect();
    assert_eq!(
        stamps,
        ["2013-08-02T15:47:06-07:00", "2013-08-02T15:47:07-07:00"]
    );
    assert_ne!(signatures[0], signatures[1]);
    let key = SecretKey::new(KEY);
    for (stamp, signature) in stamps.iter().zip(&signatures) {
        assert!(verify_signature(&key, stamp, USER, signature));
        assert_eq!(&sign(&key, stamp, USER), signature);
    }
}

#[tokio::test]
async fn rate_limit_backs_off_then_succeeds() {
    let server = ScriptedServer::start(|n, _| match n {
        0 => fault(20023, "Rate Limit Exceeded"),
        1 => fault(20024, "Concurrency Limit Exceeded"),
        _ => Reply::xml(&success("successRequestCampaign", 3)),
    })
    .await;
    let started = Instant::now();
    let response = request_campaign(&client(&server)).await;
    assert_eq!(response.ok(), Some(CountResponse { return_count: 3 }));
    // Backoffs of 60 ms then 120 ms (no jitter).
    assert!(
        started.elapsed() >= Duration::from_millis(180),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn rate_limit_gives_up_after_max_attempts() {
    let server = ScriptedServer::start(|_, _| fault(20023, "Rate Limit Exceeded")).await;
    let error = get_campaigns(&client(&server))
        .await
        .err()
        .unwrap_or_else(|| panic!("fault expected"));
    assert_eq!(error.fault_code(), Some(FaultCode::RateLimitExceeded));
    assert_eq!(error.retry_class(), RetryClass::Throttled);
    assert_eq!(error.attempts(), 4);
    assert_eq!(server.requests().len(), 4);
    assert!(error.to_string().contains("after 4 attempts"), "{error}");
}

#[tokio::test]
async fn timeout_of_a_side_effecting_call_is_not_retried() {
    let server = ScriptedServer::start(|_, _| Reply::Hang).await;
    let client = Client::builder(&server.url, USER, KEY)
        .retry_policy(fast_retries())
        .request_timeout(Duration::from_millis(300))
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let error = request_campaign(&client)
        .await
        .err()
        .unwrap_or_else(|| panic!("timeout expected"));
    match error.kind() {
        ErrorKind::Transport(transport) => {
            assert_eq!(transport.phase(), TransportPhase::TimedOut);
            assert!(transport.request_may_have_been_sent());
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(error.retry_class(), RetryClass::MaybeProcessed);
    assert_eq!(error.attempts(), 1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        server.requests().len(),
        1,
        "requestCampaign must not be sent twice"
    );
}

#[tokio::test]
async fn timeout_of_a_read_is_retried() {
    let server = ScriptedServer::start(|n, _| match n {
        0 => Reply::Hang,
        _ => campaigns_ok(5),
    })
    .await;
    let client = Client::builder(&server.url, USER, KEY)
        .retry_policy(fast_retries())
        .request_timeout(Duration::from_millis(300))
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let response = get_campaigns(&client).await;
    assert_eq!(response.ok(), Some(CountResponse { return_count: 5 }));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn connection_refused_is_retried_even_for_side_effecting_calls() {
    // Bind then drop a listener: its port now refuses connections.
    let port = {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("bind: {e}"));
        listener
            .local_addr()
            .unwrap_or_else(|e| panic!("{e}"))
            .port()
    };
    let client = Client::builder(format!("http://127.0.0.1:{port}/soap"), USER, KEY)
        .retry_policy(RetryPolicy {
            max_attempts: 2,
            ..fast_retries()
        })
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let error = request_campaign(&client)
        .await
        .err()
        .unwrap_or_else(|| panic!("connect error expected"));
    match error.kind() {
        ErrorKind::Transport(transport) => {
            assert_eq!(transport.phase(), TransportPhase::Connect);
            assert!(!transport.request_may_have_been_sent());
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(error.is_retry_safe());
    assert_eq!(error.attempts(), 2);
}

#[tokio::test]
async fn html_gateway_page_is_an_http_status_error_with_excerpt() {
    let page = format!(
        "<html><head><title>502 Bad Gateway</title></head><body>{}</body></html>",
        "é".repeat(2000)
    );
    let server = ScriptedServer::start(move |_, _| Reply::Full {
        status: 502,
        content_type: "text/html",
        body: page.clone().into_bytes(),
    })
    .await;
    let error = request_campaign(&client(&server))
        .await
        .err()
        .unwrap_or_else(|| panic!("error expected"));
    match error.kind() {
        ErrorKind::HttpStatus {
            status,
            content_type,
            body_excerpt,
        } => {
            assert_eq!(*status, 502);
            assert_eq!(content_type.as_deref(), Some("text/html"));
            assert!(body_excerpt.starts_with("<html><head><title>502 Bad Gateway"));
            assert_eq!(body_excerpt.chars().count(), 512);
            assert!(body_excerpt.ends_with('é'));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(
        server.requests().len(),
        1,
        "not retried for requestCampaign"
    );
}

#[tokio::test]
async fn gateway_error_on_a_read_is_retried() {
    let server = ScriptedServer::start(|n, _| match n {
        0 => Reply::Full {
            status: 503,
            content_type: "text/html",
            body: b"<html>busy</html>".to_vec(),
        },
        _ => campaigns_ok(2),
    })
    .await;
    let response = get_campaigns(&client(&server)).await;
    assert_eq!(response.ok(), Some(CountResponse { return_count: 2 }));
    assert_eq!(server.requests().len(), 2);
}

async fn decode_failure(body: &str) -> mktows::Error {
    let body = body.to_owned();
    let server = ScriptedServer::start(move |_, _| Reply::xml(&body)).await;
    let error = get_campaigns(&client(&server))
        .await
        .err()
        .unwrap_or_else(|| panic!("decode error expected"));
    assert_eq!(server.requests().len(), 1, "decode errors are not retried");
    assert_eq!(error.retry_class(), RetryClass::Permanent);
    error
}

#[tokio::test]
async fn truncated_xml_is_a_decode_error() {
    let full = success("successGetCampaignsForSource", 1);
    let error = decode_failure(&full[..full.len() - 40]).await;
    assert!(matches!(error.kind(), ErrorKind::Decode(_)), "{error}");
}

#[tokio::test]
async fn malformed_xml_is_a_decode_error() {
    let error = decode_failure("<SOAP-ENV:Envelope><oops></SOAP-ENV:Envelope>").await;
    assert!(matches!(error.kind(), ErrorKind::Decode(_)), "{error}");
}

#[tokio::test]
async fn bad_value_names_the_element_path() {
    let body = success("successGetCampaignsForSource", 1).replace(">1<", ">abc<");
    let error = decode_failure(&body).await;
    let text = error.to_string();
    assert!(matches!(error.kind(), ErrorKind::Decode(_)), "{text}");
    assert!(text.contains("returnCount"), "{text}");
    assert!(text.contains("abc"), "{text}");
}

#[tokio::test]
async fn doctype_is_rejected() {
    let body = r#"<?xml version="1.0"?>
<!DOCTYPE lol [<!ENTITY lol "lol">]>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://www.marketo.com/mktows/"><SOAP-ENV:Body><ns1:successGetCampaignsForSource><result><returnCount>1</returnCount></result></ns1:successGetCampaignsForSource></SOAP-ENV:Body></SOAP-ENV:Envelope>"#;
    let error = decode_failure(body).await;
    match error.kind() {
        ErrorKind::Decode(decode) => assert_eq!(
            decode.kind(),
            &mktows::xml::DecodeErrorKind::Doctype,
            "{decode}"
        ),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn oversize_streamed_response_is_abandoned() {
    let server = ScriptedServer::start(|_, _| Reply::Stream {
        chunk: vec![b' '; 16 * 1024],
        chunks: 4096, // 64 MiB
    })
    .await;
    let client = Client::builder(&server.url, USER, KEY)
        .max_response_bytes(256 * 1024)
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let error = get_campaigns(&client)
        .await
        .err()
        .unwrap_or_else(|| panic!("size error expected"));
    assert!(
        matches!(error.kind(), ErrorKind::ResponseTooLarge { limit: 262_144 }),
        "{error}"
    );
    assert_eq!(error.attempts(), 1);
    // The server notices the client went away long before the 64 MiB are written.
    let deadline = Instant::now() + Duration::from_secs(5);
    while !server.stream_aborted.load(Ordering::SeqCst) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(server.stream_aborted.load(Ordering::SeqCst));
    assert!(server.streamed_bytes.load(Ordering::SeqCst) < 32 * 1024 * 1024);
}

#[tokio::test]
async fn oversize_content_length_is_rejected_up_front() {
    let server = ScriptedServer::start(|_, _| Reply::Declared {
        declared: 1 << 30,
        body: b"<x/>".to_vec(),
    })
    .await;
    let client = Client::builder(&server.url, USER, KEY)
        .max_response_bytes(1024)
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let error = get_campaigns(&client)
        .await
        .err()
        .unwrap_or_else(|| panic!("size error expected"));
    assert!(
        matches!(error.kind(), ErrorKind::ResponseTooLarge { limit: 1024 }),
        "{error}"
    );
}

#[tokio::test]
async fn gzip_responses_are_decoded() {
    let server = ScriptedServer::start(|_, _| Reply::Gzip {
        body: success("successGetCampaignsForSource", 9).into_bytes(),
    })
    .await;
    let response = get_campaigns(&client(&server)).await;
    assert_eq!(response.ok(), Some(CountResponse { return_count: 9 }));
}

#[tokio::test]
async fn size_limit_applies_after_decompression() {
    // 8 MiB of whitespace compresses to a few KiB.
    let mut body = success("successGetCampaignsForSource", 1).into_bytes();
    body.extend(std::iter::repeat_n(b' ', 8 * 1024 * 1024));
    let server = ScriptedServer::start(move |_, _| Reply::Gzip { body: body.clone() }).await;
    let client = Client::builder(&server.url, USER, KEY)
        .max_response_bytes(1024 * 1024)
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let error = get_campaigns(&client)
        .await
        .err()
        .unwrap_or_else(|| panic!("size error expected"));
    assert!(
        matches!(
            error.kind(),
            ErrorKind::ResponseTooLarge { limit: 1_048_576 }
        ),
        "{error}"
    );
}

#[tokio::test]
async fn connection_closed_mid_body_is_a_transport_error_and_not_retried_for_writes() {
    let full = success("successRequestCampaign", 1);
    let server = ScriptedServer::start(move |_, _| Reply::Declared {
        declared: u64::try_from(full.len()).unwrap_or(u64::MAX),
        body: full.as_bytes()[..full.len() / 2].to_vec(),
    })
    .await;
    let error = request_campaign(&client(&server))
        .await
        .err()
        .unwrap_or_else(|| panic!("error expected"));
    match error.kind() {
        ErrorKind::Transport(transport) => {
            assert_eq!(transport.phase(), TransportPhase::Exchange, "{error}");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn concurrency_cap_is_respected() {
    let server = ScriptedServer::start(|_, _| {
        Reply::Delayed(Duration::from_millis(80), Box::new(campaigns_ok(1)))
    })
    .await;
    let client = Client::builder(&server.url, USER, KEY)
        .max_concurrent_calls(3)
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let calls: Vec<_> = (0..12)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { get_campaigns(&client).await })
        })
        .collect();
    for call in calls {
        let result = call.await.unwrap_or_else(|e| panic!("join: {e}"));
        assert!(result.is_ok(), "{result:?}");
    }
    assert_eq!(server.requests().len(), 12);
    assert_eq!(server.max_in_flight(), 3);
}

/// attempt, request XML, HTTP status, response text
type SeenExchange = (u32, String, Option<u16>, Option<String>);

#[tokio::test]
async fn raw_exchange_hook_sees_request_and_response() {
    let server = ScriptedServer::start(|_, _| campaigns_ok(4)).await;
    let seen: Arc<Mutex<Vec<SeenExchange>>> = Arc::default();
    let sink = seen.clone();
    let client = Client::builder(&server.url, USER, KEY)
        .on_raw_exchange(move |exchange| {
            sink.lock().unwrap_or_else(|e| e.into_inner()).push((
                exchange.attempt,
                exchange.request_xml.to_owned(),
                exchange.status,
                exchange.response_text().map(|t| t.into_owned()),
            ));
        })
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    assert!(get_campaigns(&client).await.is_ok());
    let seen = seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert_eq!(seen.len(), 1);
    let (attempt, request, status, response) = &seen[0];
    assert_eq!(*attempt, 1);
    assert_eq!(request, &server.requests()[0].body);
    assert!(!request.contains(KEY));
    assert_eq!(*status, Some(200));
    assert!(
        response
            .as_deref()
            .is_some_and(|r| r.contains("<returnCount>4</returnCount>"))
    );
}

#[tokio::test]
async fn raw_exchange_hook_sees_every_attempt() {
    let server = ScriptedServer::start(|n, _| match n {
        0 => fault(20016, "Request Expired"),
        1 => Reply::Hang,
        _ => campaigns_ok(1),
    })
    .await;
    let seen: Arc<Mutex<Vec<SeenExchange>>> = Arc::default();
    let sink = seen.clone();
    let client = Client::builder(&server.url, USER, KEY)
        .clock(SteppingClock::new())
        .retry_policy(fast_retries())
        .request_timeout(Duration::from_millis(300))
        .on_raw_exchange(move |exchange| {
            sink.lock().unwrap_or_else(|e| e.into_inner()).push((
                exchange.attempt,
                exchange.request_xml.to_owned(),
                exchange.status,
                exchange.response_text().map(|t| t.into_owned()),
            ));
        })
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    assert!(get_campaigns(&client).await.is_ok());
    let seen = seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let summary: Vec<(u32, Option<u16>, bool)> = seen
        .iter()
        .map(|(attempt, _, status, response)| (*attempt, *status, response.is_some()))
        .collect();
    assert_eq!(
        summary,
        [(1, Some(500), true), (2, None, false), (3, Some(200), true)]
    );
    let requests: Vec<&String> = seen.iter().map(|(_, request, _, _)| request).collect();
    assert_ne!(requests[0], requests[1], "each attempt is signed afresh");
    assert_ne!(requests[1], requests[2]);
}

#[tokio::test]
async fn no_error_ever_shows_the_key() {
    const DISTINCT_KEY: &str = "k3y-that-must-never-leak-0xDEADBEEF";
    let server = ScriptedServer::start(|n, _| match n {
        0 => fault(20014, "Authentication failed"),
        1 => Reply::Full {
            status: 502,
            content_type: "text/html",
            body: b"<html>bad gateway</html>".to_vec(),
        },
        2 => Reply::xml("<not-soap/>"),
        3 => Reply::Declared {
            declared: 1 << 30,
            body: Vec::new(),
        },
        _ => Reply::Hang,
    })
    .await;
    let client = Client::builder(&server.url, USER, DISTINCT_KEY)
        .retry_policy(RetryPolicy::never())
        .request_timeout(Duration::from_millis(200))
        .max_response_bytes(1024)
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let mut errors = Vec::new();
    for _ in 0..5 {
        errors.push(request_campaign(&client).await.err());
    }
    let params = SourceParams { source: "x".into() };
    let auth = ContextHeader {
        target_workspace: "x".into(),
    };
    errors.push(
        client
            .invoke::<_, CountResponse>(
                &REQUEST_CAMPAIGN,
                &params,
                &[HeaderBlock {
                    namespace: mktows::types::TARGET_NAMESPACE,
                    local: "AuthenticationHeader",
                    value: &auth,
                }],
            )
            .await
            .err(),
    );
    errors.push(Client::builder("ftp://x", USER, DISTINCT_KEY).build().err());
    errors.push(
        Client::builder("https://x.example", "", DISTINCT_KEY)
            .build()
            .err(),
    );
    let refused = Client::builder("http://127.0.0.1:9/x", USER, DISTINCT_KEY)
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    errors.push(request_campaign(&refused).await.err());

    let kinds: Vec<String> = errors
        .iter()
        .map(|e| match e {
            Some(e) => format!("{:?}", std::mem::discriminant(e.kind())),
            None => "none".into(),
        })
        .collect();
    assert!(errors.iter().all(Option::is_some), "{kinds:?}");
    for error in errors.iter().flatten() {
        let mut texts = vec![
            error.to_string(),
            format!("{error:?}"),
            format!("{error:#?}"),
        ];
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            texts.push(cause.to_string());
            texts.push(format!("{cause:?}"));
            source = cause.source();
        }
        for text in texts {
            assert!(!text.contains(DISTINCT_KEY), "key leaked: {text}");
            assert!(!text.contains("0xDEADBEEF"), "key leaked: {text}");
        }
    }
    assert!(!format!("{client:?}").contains(DISTINCT_KEY));
    assert!(
        !format!("{:?}", Client::builder("https://x", USER, DISTINCT_KEY)).contains(DISTINCT_KEY)
    );
}

#[test]
fn call_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let client = Client::builder("https://example.com/soap/mktows/2_2", USER, KEY)
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let params = SourceParams { source: "x".into() };
    let context = ContextHeader {
        target_workspace: "w".into(),
    };
    let future = client.invoke::<_, CountResponse>(
        &SYNC_LEAD,
        &params,
        &[HeaderBlock {
            namespace: mktows::types::TARGET_NAMESPACE,
            local: "MktowsContextHeader",
            value: &context,
        }],
    );
    assert_send(&future);
}
