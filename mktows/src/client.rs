//! [`Client`]: one Marketo instance, its credentials, and the policy for calling it.
//!
//! Every generated operation method ends in [`Client::invoke`], which signs, posts, reads,
//! classifies failures and retries according to [`RetryPolicy`]. Nothing else in the client
//! performs I/O.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Url;
use tokio::sync::Semaphore;

use crate::auth::SignedHeader;
use crate::client_builder::ClientBuilder;
use crate::clock::Clock;
use crate::envelope::HeaderBlock;
use crate::error::{Error, ErrorKind};
use crate::guards;
use crate::operation::OperationMeta;
use crate::prepared_call::PreparedCall;
use crate::raw_exchange::{RawExchange, RawExchangeHook};
use crate::retry::{OperationKind, RetryDecision, RetryPolicy};
use crate::secret::SecretKey;
use crate::soap_reply::interpret_reply;
use crate::transport::SoapPost;
use crate::xml::{DecodeOptions, XmlDecode, XmlEncode};

/// A client for one Marketo instance. Cheap to clone (shared state behind an `Arc`);
/// clones share the connection pool and the concurrency cap.
#[derive(Clone)]
pub struct Client {
    inner: Arc<ClientInner>,
}

/// Everything a client needs for a call, checked by [`ClientBuilder::build`].
pub(crate) struct ClientInner {
    pub(crate) endpoint: Url,
    pub(crate) user_id: String,
    pub(crate) key: SecretKey,
    pub(crate) http: reqwest::Client,
    pub(crate) request_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_bytes: u64,
    pub(crate) concurrency: Option<Semaphore>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) raw_exchange: Option<RawExchangeHook>,
    pub(crate) decode_options: DecodeOptions,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Client")
            .field("endpoint", &inner.endpoint.as_str())
            .field("user_id", &inner.user_id)
            .field("key", &inner.key)
            .field("request_timeout", &inner.request_timeout)
            .field("retry", &inner.retry)
            .field("max_response_bytes", &inner.max_response_bytes)
            .field(
                "max_concurrent_calls",
                &inner.concurrency.as_ref().map(|_| "capped"),
            )
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client.
    ///
    /// - `endpoint`: the instance's SOAP endpoint from Admin > Integration > Web Services,
    ///   e.g. `https://100-AEK-913.mktoapi.com/soap/mktows/2_2` (never the address in the WSDL);
    /// - `user_id`: the "Access Key" sent as `mktowsUserId`;
    /// - `encryption_key`: the shared secret that signs requests (never sent).
    pub fn builder(
        endpoint: impl Into<String>,
        user_id: impl Into<String>,
        encryption_key: impl Into<SecretKey>,
    ) -> ClientBuilder {
        ClientBuilder::new(endpoint.into(), user_id.into(), encryption_key.into())
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

    /// The `mktowsUserId` sent with every request.
    pub fn user_id(&self) -> &str {
        &self.inner.user_id
    }

    /// Calls one operation: signs, posts, decodes, and retries as [`RetryPolicy`] allows.
    ///
    /// `extra` holds the operation's optional SOAP headers other than `AuthenticationHeader`
    /// (which the client writes itself). Requests Marketo would reject or silently truncate
    /// (see the `requestCampaign` guard) fail with [`ErrorKind::InvalidRequest`] before any I/O. Everything borrowed is serialised before the first
    /// `.await`, so the returned future owns its data and is `Send`.
    pub fn invoke<'s, P: XmlEncode + Sync + 'static, R: XmlDecode>(
        &'s self,
        op: &'static OperationMeta,
        params: &P,
        extra: &[HeaderBlock<'_>],
    ) -> impl Future<Output = Result<R, Error>> + Send + use<'s, P, R> {
        let prepared =
            guards::check(params as &dyn Any).and_then(|()| PreparedCall::new(op, params, extra));
        async move {
            let prepared = prepared.map_err(|reason| {
                Error::new(Some(op.name), 0, ErrorKind::InvalidRequest(reason))
            })?;
            self.run_with_retries(&prepared).await
        }
    }

    async fn run_with_retries<R: XmlDecode>(&self, call: &PreparedCall) -> Result<R, Error> {
        let inner = &*self.inner;
        let kind = OperationKind::of(call.op.name);
        let started = Instant::now();
        let mut attempt: u32 = 0;
        loop {
            attempt = attempt.saturating_add(1);
            let failure = match self.attempt(call, attempt).await {
                Ok(value) => return Ok(value),
                Err(failure) => failure,
            };
            let decision = inner.retry.decide(
                kind,
                failure.retry_class(),
                attempt,
                started.elapsed(),
                fastrand::f64(),
            );
            match decision {
                RetryDecision::RetryAfter(delay) => {
                    if !delay.is_zero() {
                        tokio::time::sleep(delay).await;
                    }
                }
                RetryDecision::GiveUp => {
                    return Err(Error::new(Some(call.op.name), attempt, failure));
                }
            }
        }
    }

    /// One signed exchange, holding a concurrency permit only while on the wire.
    async fn attempt<R: XmlDecode>(
        &self,
        call: &PreparedCall,
        attempt: u32,
    ) -> Result<R, ErrorKind> {
        let inner = &*self.inner;
        let signed = SignedHeader::new(&inner.key, &inner.user_id, &inner.clock.now());
        let envelope = call.envelope(&signed);
        let request_copy = inner.raw_exchange.as_ref().map(|_| envelope.clone());
        let reply = {
            // The semaphore is never closed, so acquiring only fails if it were; then the
            // call simply proceeds uncapped.
            let _permit = match &inner.concurrency {
                Some(semaphore) => semaphore.acquire().await.ok(),
                None => None,
            };
            SoapPost {
                http: &inner.http,
                url: &inner.endpoint,
                soap_action: call.op.soap_action,
                envelope,
                timeout: inner.request_timeout,
                max_response_bytes: inner.max_response_bytes,
            }
            .send()
            .await
        };
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
        interpret_reply(call.op, reply?, &inner.decode_options)
    }
}
