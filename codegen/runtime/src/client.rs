//! [`Client`]: one SOAP endpoint, the HTTP client that reaches it, and the policy for calling it.
//!
//! Every generated operation method ends in [`Client::invoke`] (or, for a one-way operation,
//! [`Client::invoke_one_way`]), which renders the request once, then for each attempt waits for
//! a concurrency permit, lets the [`HeaderProvider`] write the attempt's headers, posts, reads,
//! classifies failures and retries according to [`RetryPolicy`]. Nothing else in the runtime
//! performs I/O.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Url;
use tokio::sync::Semaphore;
use tracing::Instrument;

use crate::client_builder::ClientBuilder;
use crate::envelope::{HeaderBlock, ReplyHeaders};
use crate::error::{Error, ErrorKind};
use crate::header::{FaultPolicy, HeaderProvider};
use crate::operation::OperationMeta;
use crate::prepared_call::PreparedCall;
use crate::raw_exchange::{RawExchange, RawExchangeHook};
use crate::retry::{OperationKind, RetryDecision, RetryPolicy};
use crate::soap_reply::{interpret_one_way_reply, interpret_reply, interpret_reply_with_headers};
use crate::transport::{HttpReply, SoapPost};
use crate::xml::{DecodeOptions, XmlDecode, XmlEncode};

/// A service's check of a request before any I/O: `Err` is the reason it cannot be sent.
pub type RequestCheck<P> = fn(&P) -> Result<(), String>;

/// How a call reads a complete HTTP reply: the typed response, `()` for a one-way operation.
type ReadReply<R> = fn(&OperationMeta, HttpReply, &DecodeOptions) -> Result<R, ErrorKind>;

/// A client for one SOAP endpoint. Cheap to clone (shared state behind an `Arc`); clones share
/// the connection pool and the concurrency cap.
#[derive(Clone)]
pub struct Client {
    inner: Arc<ClientInner>,
}

/// Everything a client needs for a call, checked by [`ClientBuilder::build`].
pub(crate) struct ClientInner {
    pub(crate) service: &'static str,
    pub(crate) endpoint: Url,
    pub(crate) http: reqwest::Client,
    pub(crate) request_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_bytes: u64,
    pub(crate) concurrency: Option<Semaphore>,
    pub(crate) headers: Option<Arc<dyn HeaderProvider>>,
    pub(crate) faults: Arc<dyn FaultPolicy>,
    pub(crate) raw_exchange: Option<RawExchangeHook>,
    pub(crate) decode_options: DecodeOptions,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Client")
            .field("service", &inner.service)
            .field("endpoint", &inner.endpoint.as_str())
            .field("request_timeout", &inner.request_timeout)
            .field("retry", &inner.retry)
            .field("max_response_bytes", &inner.max_response_bytes)
            .field(
                "max_concurrent_calls",
                &inner.concurrency.as_ref().map(|_| "capped"),
            )
            .field("header_provider", &inner.headers.as_ref().map(|_| "set"))
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client for `endpoint` (the service's SOAP address, `https://…`).
    pub fn builder(endpoint: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(endpoint.into())
    }

    pub(crate) fn from_inner(inner: ClientInner) -> Self {
        Self {
            inner: Arc::new(inner),
        }
    }

    /// The endpoint requests are posted to.
    pub fn endpoint(&self) -> &Url {
        &self.inner.endpoint
    }

    /// Calls one operation: renders the request, then signs (through the header provider),
    /// posts, decodes, and retries as [`RetryPolicy`] allows.
    ///
    /// `extra` holds the caller's SOAP headers for this call (never those the header provider
    /// writes). `check` is the service's request check (run before any I/O; `Err` is the
    /// reason, reported as [`ErrorKind::InvalidRequest`]). Everything borrowed is serialised
    /// before the first `.await`, so the returned future owns its data and is `Send`.
    pub fn invoke<'s, P: XmlEncode + Sync + ?Sized, R: XmlDecode>(
        &'s self,
        op: &'static OperationMeta,
        params: &P,
        extra: &[HeaderBlock<'_>],
        check: Option<RequestCheck<P>>,
    ) -> impl Future<Output = Result<R, Error>> + Send + use<'s, P, R> {
        self.call(op, params, extra, check, interpret_reply::<R>)
    }

    /// Like [`Client::invoke`], and the reply's SOAP headers that the operation declares
    /// (`soap:header` in its binding `<output>`, e.g. Salesforce's `DebuggingInfo`) decoded
    /// into `H`, the operation's generated `<Op>ReplyHeaders`.
    pub fn invoke_with_reply_headers<
        's,
        P: XmlEncode + Sync + ?Sized,
        R: XmlDecode,
        H: ReplyHeaders + Default,
    >(
        &'s self,
        op: &'static OperationMeta,
        params: &P,
        extra: &[HeaderBlock<'_>],
        check: Option<RequestCheck<P>>,
    ) -> impl Future<Output = Result<(R, H), Error>> + Send + use<'s, P, R, H> {
        self.call(
            op,
            params,
            extra,
            check,
            interpret_reply_with_headers::<R, H>,
        )
    }

    /// Calls a one-way operation (a WSDL input without output): like [`Client::invoke`], and
    /// `Ok(())` once the server accepted the request, which it says with a 2xx status (200 or
    /// 202) and no body (an envelope with an empty `Body` is tolerated). A SOAP fault comes
    /// back as [`ErrorKind::Fault`], any other answer as an error. Retries follow
    /// [`RetryPolicy`] like any call: a one-way operation is side-effecting unless declared
    /// idempotent, so it is not repeated once the server may have received it.
    pub fn invoke_one_way<'s, P: XmlEncode + Sync + ?Sized>(
        &'s self,
        op: &'static OperationMeta,
        params: &P,
        extra: &[HeaderBlock<'_>],
        check: Option<RequestCheck<P>>,
    ) -> impl Future<Output = Result<(), Error>> + Send + use<'s, P> {
        self.call(op, params, extra, check, interpret_one_way_reply)
    }

    /// The call both kinds of operation make; `read` turns a reply into their result.
    fn call<'s, P: XmlEncode + Sync + ?Sized, R>(
        &'s self,
        op: &'static OperationMeta,
        params: &P,
        extra: &[HeaderBlock<'_>],
        check: Option<RequestCheck<P>>,
        read: ReadReply<R>,
    ) -> impl Future<Output = Result<R, Error>> + Send + use<'s, P, R> {
        let provided = self.inner.headers.as_deref();
        let prepared = check
            .map_or(Ok(()), |check| check(params))
            .and_then(|()| PreparedCall::new(op, params, extra, provided));
        async move {
            let prepared = prepared.map_err(|reason| {
                Error::new(
                    self.inner.service,
                    Some(op.name),
                    0,
                    crate::RetryClass::Permanent,
                    ErrorKind::InvalidRequest(reason),
                )
            })?;
            self.run_with_retries(&prepared, read).await
        }
    }

    /// The retry loop inside a `soap_call` span (service, operation; at the end the number
    /// of attempts, the outcome and the elapsed time), each attempt in a `soap_attempt` span
    /// (attempt number, HTTP status, elapsed time, retry decision). Spans never carry the
    /// request or its headers, so no secret or signature reaches a subscriber.
    async fn run_with_retries<R>(
        &self,
        call: &PreparedCall,
        read: ReadReply<R>,
    ) -> Result<R, Error> {
        let span = tracing::info_span!(
            "soap_call",
            service = self.inner.service,
            operation = call.op.name,
            attempts = tracing::field::Empty,
            outcome = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self
            .retry_loop(call, read, &span)
            .instrument(span.clone())
            .await;
        span.record("elapsed_ms", elapsed_ms(started));
        match &result {
            Ok(_) => span.record("outcome", "ok"),
            Err(error) => span
                .record("attempts", error.attempts())
                .record("outcome", tracing::field::display(error)),
        };
        result
    }

    async fn retry_loop<R>(
        &self,
        call: &PreparedCall,
        read: ReadReply<R>,
        span: &tracing::Span,
    ) -> Result<R, Error> {
        let inner = &*self.inner;
        let kind = if call.op.idempotent {
            OperationKind::ReadOnly
        } else {
            OperationKind::SideEffecting
        };
        let started = Instant::now();
        let mut attempt: u32 = 0;
        loop {
            attempt = attempt.saturating_add(1);
            let attempt_span = tracing::info_span!(
                "soap_attempt",
                attempt,
                http_status = tracing::field::Empty,
                elapsed_ms = tracing::field::Empty,
                retry = tracing::field::Empty,
            );
            let attempt_started = Instant::now();
            let failure = match self
                .attempt(call, read, attempt, &attempt_span)
                .instrument(attempt_span.clone())
                .await
            {
                Ok(value) => {
                    attempt_span
                        .record("elapsed_ms", elapsed_ms(attempt_started))
                        .record("retry", "done");
                    span.record("attempts", attempt);
                    return Ok(value);
                }
                Err(failure) => failure,
            };
            attempt_span.record("elapsed_ms", elapsed_ms(attempt_started));
            let class = failure.retry_class_with(&*inner.faults);
            let decision =
                inner
                    .retry
                    .decide(kind, class, attempt, started.elapsed(), fastrand::f64());
            match decision {
                RetryDecision::RetryAfter(delay) => {
                    attempt_span
                        .record("retry", tracing::field::display(format!("after {delay:?}")));
                    if !delay.is_zero() {
                        tokio::time::sleep(delay).await;
                    }
                }
                RetryDecision::GiveUp => {
                    attempt_span.record("retry", "give up");
                    return Err(Error::new(
                        inner.service,
                        Some(call.op.name),
                        attempt,
                        class,
                        failure,
                    ));
                }
            }
        }
    }

    /// One exchange: waits for a concurrency permit, then writes this attempt's headers (so a
    /// signature is made only when the request can leave at once), posts and reads.
    async fn attempt<R>(
        &self,
        call: &PreparedCall,
        read: ReadReply<R>,
        attempt: u32,
        span: &tracing::Span,
    ) -> Result<R, ErrorKind> {
        let inner = &*self.inner;
        // The semaphore is never closed, so acquiring only fails if it were; then the call
        // simply proceeds uncapped.
        let _permit = match &inner.concurrency {
            Some(semaphore) => semaphore.acquire().await.ok(),
            None => None,
        };
        let envelope = call
            .envelope(inner.headers.as_deref())
            .map_err(ErrorKind::InvalidRequest)?;
        let request_copy = inner.raw_exchange.as_ref().map(|_| envelope.clone());
        let reply = SoapPost {
            http: &inner.http,
            url: &inner.endpoint,
            soap_action: call.op.soap_action,
            version: call.op.soap_version,
            envelope,
            timeout: inner.request_timeout,
            max_response_bytes: inner.max_response_bytes,
        }
        .send()
        .await;
        if let Ok(reply) = &reply {
            span.record("http_status", reply.status);
        }
        if let (Some(hook), Some(request_xml)) = (&inner.raw_exchange, &request_copy) {
            let (status, response_body) = match &reply {
                Ok(reply) => (Some(reply.status), Some(reply.body.as_slice())),
                Err(_) => (None, None),
            };
            (hook.0)(&RawExchange {
                operation: call.op.name,
                attempt,
                request_xml,
                status,
                response_body,
            });
        }
        read(call.op, reply?, &inner.decode_options)
    }
}

/// Milliseconds since `started`, for span fields.
fn elapsed_ms(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}
