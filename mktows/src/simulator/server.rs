//! The HTTP side: one endpoint path, SOAP over POST, the WSDL over `GET ?WSDL`, 404 / 405 for
//! everything else, fault injection, and request accounting; and the connection loop that keeps
//! slow, idle or too many clients from locking the server out.
//!
//! Connections are served by hyper's HTTP/1.1 connection driver (not `axum::serve`, which has no
//! timeouts), with three bounds:
//! - at most `max_connections` open at once, so the process never runs out of file descriptors;
//!   at the cap the connection idle longest is closed to make room for a new client, and when
//!   every connection is answering a request the new client waits for one to finish;
//! - a connection must deliver each complete request head within the idle timeout (hyper's
//!   `header_read_timeout`, counted from when the connection starts waiting for a request, so it
//!   closes idle connections, fresh or kept alive, and byte-trickled heads alike);
//! - a request body must arrive in full within the body timeout (HTTP 408 otherwise) and may not
//!   exceed `max_request_bytes` (HTTP 413 with a SOAP fault).
//!
//! Operations run on Tokio's blocking pool, so however long one holds the state lock, the async
//! workers keep answering other connections (`GET ?WSDL` among them).

use std::borrow::Cow;
use std::convert::Infallible;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

use crate::simulator::auth::Credentials;
use crate::simulator::connections::Connections;
use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::injection::{Injection, InjectionQueue};
use crate::simulator::ops;
use crate::simulator::rate_limit::RateLimit;
use crate::simulator::responses;
use crate::simulator::sniff;
use crate::simulator::state::SimState;
use crate::simulator::stats::{RecordedRequest, Stats};

/// A clock the simulator reads "now" from (signature window, timestamps it records).
pub(crate) type ClockFn = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// `Content-Type` of the served WSDL.
const XML_CONTENT_TYPE: &str = "text/xml; charset=utf-8";
/// How long the accept loop pauses after `accept` fails (e.g. the process is out of file
/// descriptors), instead of spinning.
const ACCEPT_ERROR_PAUSE: Duration = Duration::from_millis(50);
/// At the connection cap, how often the longest-idle connection is asked to close again while
/// no slot is free (a connection asked just as a request arrived stays open).
const EVICTION_RETRY: Duration = Duration::from_millis(50);

/// What `GET <endpoint>?WSDL` answers, prepared once at start.
#[derive(Debug, Clone)]
pub(crate) enum ServedWsdl {
    /// No WSDL file was configured.
    NotConfigured,
    /// The configured file could not be read at start; the text says why.
    Unreadable(String),
    /// The WSDL text, `soap:address` already pointing at this simulator.
    Document(Bytes),
}

/// Everything the request handlers share.
pub(crate) struct Shared {
    /// The endpoint path (`/soap/mktows/2_2`).
    pub path: String,
    /// The accepted user id and secret.
    pub credentials: Credentials,
    /// Accepted distance between a request timestamp and [`Shared::now`].
    pub signature_window: Duration,
    /// More SOAP requests than this in flight at once are answered 20024 (None: no limit).
    pub concurrency_limit: Option<usize>,
    /// Calls beyond this rate are answered 20023 (None: no limit).
    pub rate_limit: Option<RateLimit>,
    /// The simulator's clock.
    pub clock: ClockFn,
    /// Served for `GET <endpoint>?WSDL`.
    pub wsdl: ServedWsdl,
    /// Largest request body read (HTTP 413 beyond it).
    pub max_request_bytes: usize,
    /// How long a request body may take to arrive in full (HTTP 408 beyond it).
    pub body_timeout: Duration,
    /// The simulated instance.
    pub state: Mutex<SimState>,
    /// Pending fault injections.
    pub injections: Mutex<InjectionQueue>,
    /// Request accounting.
    pub stats: Stats,
    /// The open connections.
    pub connections: Arc<Connections>,
}

impl Shared {
    /// The simulator's current time.
    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Locks the state (a panic in another handler does not make it unusable).
    pub fn state(&self) -> std::sync::MutexGuard<'_, SimState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Locks the injection queue.
    pub fn injections(&self) -> std::sync::MutexGuard<'_, InjectionQueue> {
        self.injections.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The connection-level bounds of [`serve`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConnectionLimits {
    /// Most connections open at once.
    pub max_connections: usize,
    /// Deadline for each complete request head, counted from when the connection starts
    /// waiting for it (so also the longest a connection may sit idle).
    pub idle_timeout: Duration,
}

/// The axum application: a single fallback handler that routes by path and method itself, so
/// wrong paths and methods get explanatory 404 / 405 bodies.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

/// Accepts connections on `listener` until `stop` fires (or its sender is dropped), then lets
/// open connections finish their current request; dropping the returned future instead closes
/// them as soon as they are between requests.
///
/// At the connection cap, the connection idle longest (waiting for a request head, or still
/// receiving a head or body) is closed to make room; when every connection is answering a
/// request, the new one waits for a free slot.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    connections: Arc<Connections>,
    limits: ConnectionLimits,
    stop: oneshot::Receiver<()>,
) {
    let open_slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.idle_timeout);
    let mut stop = pin!(stop);
    loop {
        let stream = tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of descriptors or a connection reset before accept: nobody to
                    // answer; pause so a persistent error does not spin.
                    tokio::time::sleep(ACCEPT_ERROR_PAUSE).await;
                    continue;
                }
            },
        };
        let slot = match Arc::clone(&open_slots).try_acquire_owned() {
            Ok(slot) => slot,
            Err(_) => {
                let freed = tokio::select! {
                    _ = &mut stop => break,
                    slot = free_slot(&open_slots, &connections) => slot,
                };
                match freed {
                    Some(slot) => slot,
                    None => break,
                }
            }
        };
        // Small SOAP answers go out at once instead of waiting for Nagle's delayed ACK dance.
        let _ = stream.set_nodelay(true);
        let registered = connections.register();
        // A request is in progress until its response body has been sent (or dropped), and
        // receiving until its request body has been read: each body keeps its guard alive.
        let service = {
            let app = TowerToHyperService::new(app.clone());
            let connection = Arc::clone(registered.connection());
            hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                let in_progress = connection.begin_request();
                let receiving = connection.begin_receiving();
                let request = request.map(move |body| {
                    body.map_frame(move |frame| {
                        let _receiving_until_read = &receiving;
                        frame
                    })
                });
                let response = hyper::service::Service::call(&app, request);
                async move {
                    let response = response.await?;
                    Ok::<_, Infallible>(response.map(move |body| {
                        body.map_frame(move |frame| {
                            let _in_progress_until_sent = &in_progress;
                            frame
                        })
                    }))
                }
            })
        };
        let connection = http.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let mut connection = pin!(connection);
            loop {
                tokio::select! {
                    // A connection error (reset, timeout, malformed request) only ends it.
                    _ = &mut connection => break,
                    () = registered.connection().eviction_requested() => {
                        if registered.connection().is_idle() {
                            break;
                        }
                    }
                }
            }
            drop(registered);
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// Waits for a connection slot, asking the longest-idle connection to close every
/// [`EVICTION_RETRY`] until one is free. None when the semaphore is closed.
async fn free_slot(
    open_slots: &Arc<Semaphore>,
    connections: &Connections,
) -> Option<OwnedSemaphorePermit> {
    loop {
        connections.evict_longest_idle();
        tokio::select! {
            slot = Arc::clone(open_slots).acquire_owned() => return slot.ok(),
            () = tokio::time::sleep(EVICTION_RETRY) => {}
        }
    }
}

/// Routes one HTTP request.
async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    if parts.uri.path() != shared.path {
        return not_found(&shared, &parts.uri);
    }
    if parts.method == Method::GET && wants_wsdl(parts.uri.query()) {
        return wsdl(&shared);
    }
    if parts.method != Method::POST {
        let mut response = responses::text(
            StatusCode::METHOD_NOT_ALLOWED,
            "POST SOAP requests to this endpoint; GET it with ?WSDL for the WSDL\n",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST, GET"));
        return response;
    }
    match read_body(&shared, &parts.headers, body).await {
        Ok(body) => soap(shared, &parts.headers, body).await,
        Err(refusal) => refusal,
    }
}

/// 404 naming the endpoint.
fn not_found(shared: &Shared, uri: &Uri) -> Response {
    responses::text(
        StatusCode::NOT_FOUND,
        format!(
            "no endpoint at {}; the SOAP endpoint is {}\n",
            uri.path(),
            shared.path
        ),
    )
}

/// Reads the whole request body within the size cap and the body timeout. A declared
/// `Content-Length` over the cap is refused before reading anything.
async fn read_body(shared: &Shared, headers: &HeaderMap, body: Body) -> Result<Bytes, Response> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let cap = shared.max_request_bytes;
    if declared.is_some_and(|length| length > u64::try_from(cap).unwrap_or(u64::MAX)) {
        return Err(too_large(cap));
    }
    let collected =
        tokio::time::timeout(shared.body_timeout, Limited::new(body, cap).collect()).await;
    match collected {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(error)) if error.is::<LengthLimitError>() => Err(too_large(cap)),
        // The client went away or sent a malformed chunked body: the connection is over.
        Ok(Err(error)) => Err(closing(responses::text(
            StatusCode::BAD_REQUEST,
            format!("the request body could not be read: {error}\n"),
        ))),
        Err(_elapsed) => Err(closing(responses::text(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request body did not arrive within {} s\n",
                shared.body_timeout.as_secs_f64()
            ),
        ))),
    }
}

/// HTTP 413 with a SOAP fault (20012) saying what the cap is, so SOAP tooling shows a reason.
fn too_large(cap: usize) -> Response {
    let fault = ServiceFault::with_detail(
        codes::REQUEST_NOT_UNDERSTOOD,
        format!("the request body is larger than {cap} bytes"),
    );
    let mut response = responses::soap_fault(&fault);
    *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
    closing(response)
}

/// Marks a response as the last on its connection (the rest of the body is not read).
fn closing(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// Whether the query string asks for the WSDL (`?WSDL`, `?wsdl`, `?wsdl=`).
fn wants_wsdl(query: Option<&str>) -> bool {
    query.is_some_and(|q| {
        q.split('&').any(|part| {
            let key = part.split('=').next().unwrap_or_default();
            key.eq_ignore_ascii_case("wsdl")
        })
    })
}

/// The WSDL prepared at start, or a 404 that says why there is none.
fn wsdl(shared: &Shared) -> Response {
    match &shared.wsdl {
        ServedWsdl::Document(text) => {
            ([(header::CONTENT_TYPE, XML_CONTENT_TYPE)], text.clone()).into_response()
        }
        ServedWsdl::NotConfigured => responses::text(
            StatusCode::NOT_FOUND,
            "no WSDL available: this simulator was started without a WSDL file \
             (the standalone simulator serves ../shared/wsdl/marketo/mktows-2_2.wsdl when it exists)\n",
        ),
        ServedWsdl::Unreadable(reason) => responses::text(
            StatusCode::NOT_FOUND,
            format!("no WSDL available: {reason}\n"),
        ),
    }
}

/// Handles one SOAP POST: accounting, injection, then the operation itself.
async fn soap(shared: Arc<Shared>, headers: &HeaderMap, body: Bytes) -> Response {
    let in_flight = shared.stats.enter();
    let soap_action = headers
        .get("SOAPAction")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().trim_matches('"').to_owned());
    let text = String::from_utf8_lossy(&body);
    // The lossy conversion borrows exactly when the body is valid UTF-8.
    let utf8 = matches!(text, Cow::Borrowed(_));
    let operation = operation_name(&text, soap_action.as_deref());
    shared.stats.record(RecordedRequest::new(
        operation.clone(),
        soap_action.clone(),
        &text,
    ));
    drop(text);
    if shared
        .concurrency_limit
        .is_some_and(|limit| in_flight.concurrent() > limit)
    {
        return responses::soap_fault(&ServiceFault::new(codes::CONCURRENCY_LIMIT_EXCEEDED));
    }
    if shared
        .rate_limit
        .as_ref()
        .is_some_and(|limit| !limit.admit(std::time::Instant::now()))
    {
        return responses::soap_fault(&ServiceFault::new(codes::RATE_LIMIT_EXCEEDED));
    }
    let injection = shared.injections().take(&operation);
    let mut truncate = false;
    match injection {
        Some(Injection::Fault(code)) => return responses::soap_fault(&ServiceFault::new(code)),
        Some(Injection::ServiceUnavailable) => {
            return responses::text(
                StatusCode::SERVICE_UNAVAILABLE,
                "Service Temporarily Unavailable\n",
            );
        }
        Some(Injection::Delay(delay)) => tokio::time::sleep(delay).await,
        Some(Injection::TruncatedBody) => truncate = true,
        Some(Injection::HtmlPage(status)) => return responses::html_page(status),
        Some(Injection::DoctypeBody) => return responses::doctype_body(),
        Some(Injection::OversizedBody(bytes)) => return responses::oversized_body(bytes),
        Some(Injection::MalformedXml) => return responses::malformed_body(),
        Some(Injection::Respond { status, body }) => {
            let mut response = responses::soap_ok(body);
            *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            return response;
        }
        None => {}
    }
    let result = if utf8 {
        run_operation(Arc::clone(&shared), soap_action, body).await
    } else {
        Err(ServiceFault::with_detail(
            codes::REQUEST_NOT_UNDERSTOOD,
            "the request body is not UTF-8",
        ))
    };
    let (status, envelope) = match result {
        Ok(envelope) => (StatusCode::OK, envelope),
        Err(fault) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            responses::fault_envelope(&fault),
        ),
    };
    let envelope = if truncate {
        responses::truncated(&envelope)
    } else {
        envelope
    };
    let mut response = responses::soap_ok(envelope);
    *response.status_mut() = status;
    response
}

/// The operation a request is counted under: the body root, else the SOAPAction, else
/// `"<unknown>"`.
fn operation_name(text: &str, soap_action: Option<&str>) -> String {
    sniff::body_operation(text)
        .or_else(|| {
            soap_action
                .and_then(sniff::soap_action_operation)
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "<unknown>".to_owned())
}

/// Decodes and runs the operation on Tokio's blocking pool: decoding a large body and waiting
/// for the state lock never occupy an async worker. A panic in the operation is 20011.
async fn run_operation(
    shared: Arc<Shared>,
    soap_action: Option<String>,
    body: Bytes,
) -> Result<String, ServiceFault> {
    let work = tokio::task::spawn_blocking(move || {
        let text = std::str::from_utf8(&body).map_err(|_| {
            ServiceFault::with_detail(
                codes::REQUEST_NOT_UNDERSTOOD,
                "the request body is not UTF-8",
            )
        })?;
        ops::handle(&shared, soap_action.as_deref(), text)
    });
    match work.await {
        Ok(result) => result,
        Err(_) => Err(ServiceFault::with_detail(
            codes::INTERNAL_ERROR,
            "the simulator failed while handling this request",
        )),
    }
}

/// Points every `soap:address` (SOAP 1.1 or 1.2 binding) of a WSDL at `endpoint`; everything
/// else is kept byte for byte. Text that is not well-formed XML is returned unchanged.
pub(crate) fn with_soap_address(wsdl: &str, endpoint: &str) -> String {
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::name::ResolveResult;

    const SOAP_BINDINGS: [&str; 2] = [
        "http://schemas.xmlsoap.org/wsdl/soap/",
        "http://schemas.xmlsoap.org/wsdl/soap12/",
    ];
    let mut reader = quick_xml::NsReader::from_str(wsdl);
    // (start, end) byte offsets of each address tag, and its replacement.
    let mut replacements: Vec<(usize, usize, String)> = Vec::new();
    loop {
        let start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let (namespace, event) = match reader.read_resolved_event() {
            Ok((ResolveResult::Bound(ns), event)) => (Some(ns.into_inner().to_owned()), event),
            Ok((_, event)) => (None, event),
            Err(_) => return wsdl.to_owned(),
        };
        let (tag, empty) = match &event {
            Event::Start(tag) => (tag, false),
            Event::Empty(tag) => (tag, true),
            Event::Eof => break,
            _ => continue,
        };
        let is_address = tag.local_name().as_ref() == "address"
            && namespace
                .as_deref()
                .is_some_and(|ns| SOAP_BINDINGS.contains(&ns));
        if !is_address {
            continue;
        }
        let name = tag.name().as_ref().to_owned();
        let mut rewritten = BytesStart::new(name);
        for attribute in tag.attributes().flatten() {
            if attribute.key.as_ref() == "location" {
                rewritten.push_attribute(("location", endpoint));
            } else {
                rewritten.push_attribute(attribute);
            }
        }
        let mut out = quick_xml::Writer::new(Vec::new());
        let written = if empty {
            out.write_event(Event::Empty(rewritten))
        } else {
            out.write_event(Event::Start(rewritten))
        };
        if written.is_err() {
            return wsdl.to_owned();
        }
        let end = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        replacements.push((
            start,
            end,
            String::from_utf8_lossy(&out.into_inner()).into_owned(),
        ));
    }
    let mut result = String::with_capacity(wsdl.len());
    let mut copied = 0;
    for (start, end, tag) in replacements {
        let (Some(before), true) = (wsdl.get(copied..start), end <= wsdl.len()) else {
            return wsdl.to_owned();
        };
        result.push_str(before);
        result.push_str(&tag);
        copied = end;
    }
    result.push_str(wsdl.get(copied..).unwrap_or_default());
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soap_address_is_rewritten_and_nothing_else_changes() {
        let wsdl = r#"<?xml version="1.0"?>
<w:definitions xmlns:w="http://schemas.xmlsoap.org/wsdl/" xmlns:s="http://schemas.xmlsoap.org/wsdl/soap/">
  <w:service name="MktMktowsApiService">
    <w:port name="MktowsApiSoapPort"><s:address location="https://na-aba.marketo.com/soap/mktows/2_2" /></w:port>
    <w:documentation>address location="https://keep.me"</w:documentation>
  </w:service>
</w:definitions>"#;
        let out = with_soap_address(wsdl, "http://127.0.0.1:1234/soap/mktows/2_2");
        assert!(
            out.contains(r#"<s:address location="http://127.0.0.1:1234/soap/mktows/2_2"/>"#),
            "{out}"
        );
        assert!(!out.contains("na-aba.marketo.com"), "{out}");
        assert!(out.contains(r#"address location="https://keep.me""#));
        let before_port = wsdl.find("<s:address").unwrap_or_default();
        assert_eq!(out.get(..before_port), wsdl.get(..before_port));
        assert_eq!(with_soap_address("not xml <<", "x"), "not xml <<");
    }
}
