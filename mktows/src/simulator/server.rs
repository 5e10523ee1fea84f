//! The HTTP side: one endpoint path, SOAP over POST, the WSDL over `GET ?WSDL`, 404 / 405 for
//! everything else, fault injection, and request accounting.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;
use chrono::{DateTime, Utc};

use crate::simulator::auth::Credentials;
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
    /// Served for `GET <endpoint>?WSDL` when set.
    pub wsdl_path: Option<PathBuf>,
    /// The simulated instance.
    pub state: Mutex<SimState>,
    /// Pending fault injections.
    pub injections: Mutex<InjectionQueue>,
    /// Request accounting.
    pub stats: Stats,
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

/// The axum application: a single fallback handler that routes by path and method itself, so
/// wrong paths and methods get explanatory 404 / 405 bodies.
pub(crate) fn router(shared: Arc<Shared>, max_request_bytes: usize) -> Router {
    Router::new()
        .fallback(handle)
        .layer(DefaultBodyLimit::max(max_request_bytes))
        .with_state(shared)
}

/// Routes one HTTP request.
async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if uri.path() != shared.path {
        return responses::text(
            StatusCode::NOT_FOUND,
            format!(
                "no endpoint at {}; the SOAP endpoint is {}\n",
                uri.path(),
                shared.path
            ),
        );
    }
    if method == Method::GET && wants_wsdl(uri.query()) {
        return wsdl(&shared);
    }
    if method != Method::POST {
        let mut response = responses::text(
            StatusCode::METHOD_NOT_ALLOWED,
            "POST SOAP requests to this endpoint; GET it with ?WSDL for the WSDL\n",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST, GET"));
        return response;
    }
    soap(&shared, &headers, &body).await
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

/// The configured WSDL file, or a 404 that says why it is not there.
fn wsdl(shared: &Shared) -> Response {
    let Some(path) = &shared.wsdl_path else {
        return responses::text(
            StatusCode::NOT_FOUND,
            "no WSDL available: this simulator was started without a WSDL file \
             (the standalone simulator serves ../shared/wsdl/marketo/mktows-2_2.wsdl when it exists)\n",
        );
    };
    match std::fs::read_to_string(path) {
        Ok(text) => responses::soap_ok(text),
        Err(error) => responses::text(
            StatusCode::NOT_FOUND,
            format!(
                "no WSDL available: cannot read {}: {error}\n",
                path.display()
            ),
        ),
    }
}

/// Handles one SOAP POST: accounting, injection, then the operation itself.
async fn soap(shared: &Shared, headers: &HeaderMap, body: &[u8]) -> Response {
    let in_flight = shared.stats.enter();
    let soap_action = headers
        .get("SOAPAction")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().trim_matches('"').to_owned());
    let utf8 = std::str::from_utf8(body).ok();
    let text = utf8.map_or_else(|| String::from_utf8_lossy(body), Cow::Borrowed);
    let body_operation = sniff::body_operation(&text);
    let operation = body_operation
        .clone()
        .or_else(|| {
            soap_action
                .as_deref()
                .and_then(sniff::soap_action_operation)
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "<unknown>".to_owned());
    shared.stats.record(RecordedRequest {
        operation: operation.clone(),
        soap_action: soap_action.clone(),
        body: text.clone().into_owned(),
    });
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
    let result = match utf8 {
        Some(text) => ops::handle(shared, soap_action.as_deref(), text),
        None => Err(ServiceFault::with_detail(
            codes::REQUEST_NOT_UNDERSTOOD,
            "the request body is not UTF-8",
        )),
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
