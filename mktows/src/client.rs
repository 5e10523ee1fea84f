//! [`Client`]: one Marketo instance, its credentials, and the policy for calling it.
//!
//! Every generated operation method ends in [`Client::invoke`], which signs, posts, reads,
//! classifies failures and retries according to [`RetryPolicy`]. Nothing else in the crate
//! performs I/O.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Url;
use reqwest::redirect::Policy as RedirectPolicy;
use tokio::sync::Semaphore;

use crate::auth::{AUTHENTICATION_HEADER, SignedHeader};
use crate::clock::{Clock, SystemClock};
use crate::config_error::ConfigError;
use crate::endpoint::validate_endpoint;
use crate::envelope::{self, EnvelopeError, HeaderBlock};
use crate::error::{Error, ErrorKind};
use crate::fault_code::FaultCode;
use crate::limits::{
    BODY_EXCERPT_CHARS, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_REQUEST_TIMEOUT,
};
use crate::operation::OperationMeta;
use crate::raw_exchange::{RawExchange, RawExchangeHook};
use crate::retry::{OperationKind, RetryDecision, RetryPolicy};
use crate::secret::SecretKey;
use crate::transport::{HttpReply, SoapPost};
use crate::xml::{DecodeOptions, XmlDecode, XmlEncode, XmlWriter};

/// A client for one Marketo instance. Cheap to clone (shared state behind an `Arc`);
/// clones share the connection pool and the concurrency cap.
#[derive(Clone)]
pub struct Client {
    inner: Arc<ClientInner>,
}

struct ClientInner {
    endpoint: Url,
    user_id: String,
    key: SecretKey,
    http: reqwest::Client,
    request_timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: u64,
    concurrency: Option<Semaphore>,
    clock: Arc<dyn Clock>,
    raw_exchange: Option<RawExchangeHook>,
    decode_options: DecodeOptions,
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

/// Settings for a [`Client`]; [`ClientBuilder::build`] checks them all.
pub struct ClientBuilder {
    endpoint: String,
    user_id: String,
    key: SecretKey,
    connect_timeout: Duration,
    request_timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: u64,
    max_concurrent_calls: Option<usize>,
    http: Option<reqwest::Client>,
    clock: Option<Arc<dyn Clock>>,
    raw_exchange: Option<RawExchangeHook>,
    allow_insecure_http: bool,
    decode_options: DecodeOptions,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("endpoint", &self.endpoint)
            .field("user_id", &self.user_id)
            .field("key", &self.key)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_concurrent_calls", &self.max_concurrent_calls)
            .field("allow_insecure_http", &self.allow_insecure_http)
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
        ClientBuilder {
            endpoint: endpoint.into(),
            user_id: user_id.into(),
            key: encryption_key.into(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_concurrent_calls: None,
            http: None,
            clock: None,
            raw_exchange: None,
            allow_insecure_http: false,
            decode_options: DecodeOptions::default(),
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
    /// (which the client writes itself). Everything borrowed is serialised before the first
    /// `.await`, so the returned future owns its data and is `Send`.
    pub fn invoke<'s, P: XmlEncode + Sync, R: XmlDecode>(
        &'s self,
        op: &'static OperationMeta,
        params: &P,
        extra: &[HeaderBlock<'_>],
    ) -> impl Future<Output = Result<R, Error>> + Send + use<'s, P, R> {
        let prepared = PreparedCall::new(op, params, extra);
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

/// Turns a complete HTTP reply into the decoded response or a classified failure.
fn interpret_reply<R: XmlDecode>(
    op: &OperationMeta,
    reply: HttpReply,
    options: &DecodeOptions,
) -> Result<R, ErrorKind> {
    let success_status = (200..300).contains(&reply.status);
    let xml_like = reply
        .content_type
        .as_deref()
        .is_none_or(|ct| ct.to_ascii_lowercase().contains("xml"));
    if !xml_like {
        return Err(http_status_error(reply));
    }
    let text = match std::str::from_utf8(&reply.body) {
        Ok(text) => text,
        Err(e) if success_status => return Err(ErrorKind::Decode(not_utf8(e))),
        Err(_) => return Err(http_status_error(reply)),
    };
    match envelope::read_response::<R>(text, op.namespace, op.response_element, options.clone()) {
        Ok(value) if success_status => Ok(value),
        Err(EnvelopeError::Fault(fault)) => {
            let code = fault_code_of(&fault);
            Err(ErrorKind::Fault { code, fault })
        }
        Err(EnvelopeError::Decode(error)) if success_status => Err(ErrorKind::Decode(error)),
        // An error status whose body is not a readable fault: report the status.
        _ => Err(http_status_error(reply)),
    }
}

fn fault_code_of(fault: &envelope::SoapFault) -> FaultCode {
    fault
        .code
        .map_or(FaultCode::Unknown(0), FaultCode::from_code)
}

fn http_status_error(reply: HttpReply) -> ErrorKind {
    ErrorKind::HttpStatus {
        status: reply.status,
        content_type: reply.content_type,
        body_excerpt: body_excerpt(&reply.body),
    }
}

/// The first [`BODY_EXCERPT_CHARS`] characters of a body, decoded lossily. At most four bytes
/// per character are looked at, so the cut never splits a character inside the excerpt.
pub(crate) fn body_excerpt(body: &[u8]) -> String {
    let window = body.get(..BODY_EXCERPT_CHARS * 4).unwrap_or(body);
    String::from_utf8_lossy(window)
        .chars()
        .take(BODY_EXCERPT_CHARS)
        .collect()
}

/// A call with everything borrowed already serialised: the body and the extra headers are
/// rendered once; each attempt only adds a freshly signed `AuthenticationHeader`.
struct PreparedCall {
    op: &'static OperationMeta,
    body: RenderedContent,
    headers: Vec<(String, RenderedContent)>,
}

impl PreparedCall {
    fn new<P: XmlEncode + ?Sized>(
        op: &'static OperationMeta,
        params: &P,
        extra: &[HeaderBlock<'_>],
    ) -> Result<Self, String> {
        let mut headers: Vec<(String, RenderedContent)> = Vec::with_capacity(extra.len());
        for block in extra {
            if block.local == AUTHENTICATION_HEADER {
                return Err(format!(
                    "`{AUTHENTICATION_HEADER}` is written by the client itself"
                ));
            }
            if !op.has_input_header(block.local) {
                return Err(format!(
                    "operation `{}` declares no SOAP header `{}`",
                    op.name, block.local
                ));
            }
            if headers.iter().any(|(local, _)| local == block.local) {
                return Err(format!("SOAP header `{}` given twice", block.local));
            }
            headers.push((
                block.local.to_owned(),
                RenderedContent::new(op.namespace, block.value),
            ));
        }
        Ok(Self {
            op,
            body: RenderedContent::new(op.namespace, params),
            headers,
        })
    }

    fn envelope(&self, signed: &SignedHeader) -> String {
        let mut blocks: Vec<HeaderBlock<'_>> = Vec::with_capacity(self.headers.len() + 1);
        blocks.push(HeaderBlock {
            local: AUTHENTICATION_HEADER,
            value: signed,
        });
        for (local, content) in &self.headers {
            blocks.push(HeaderBlock {
                local,
                value: content,
            });
        }
        envelope::write_request(
            self.op.namespace,
            &blocks,
            self.op.request_element,
            &self.body,
        )
    }
}

/// Element content rendered once and replayed verbatim into each attempt's envelope.
struct RenderedContent {
    content: String,
    xsi_type: Option<&'static str>,
}

impl RenderedContent {
    fn new<T: XmlEncode + ?Sized>(namespace: &'static str, value: &T) -> Self {
        let mut writer = XmlWriter::new(namespace);
        // Prefixes `ns1`/`xsi` are declared on the envelope's body and header roots; the
        // content only uses them.
        value.encode_content(&mut writer);
        Self {
            content: writer.into_string(),
            xsi_type: value.xsi_type(),
        }
    }
}

impl XmlEncode for RenderedContent {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.raw(&self.content);
    }

    fn xsi_type(&self) -> Option<&'static str> {
        self.xsi_type
    }
}

impl ClientBuilder {
    /// TCP + TLS connection setup limit (default 20 s). Ignored with [`Self::http_client`]
    /// (configure the injected client instead).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Limit for one attempt from sending to the last response byte (default 90 s).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// When and how failed calls are retried (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Largest response body accepted after decompression (default 64 MiB).
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// At most `limit` calls of this client (and its clones) on the wire at once. Marketo
    /// allows 10 per instance ([`MARKETO_MAX_CONCURRENT_CALLS`](crate::limits::MARKETO_MAX_CONCURRENT_CALLS));
    /// default: no cap.
    pub fn max_concurrent_calls(mut self, limit: usize) -> Self {
        self.max_concurrent_calls = Some(limit);
        self
    }

    /// Use this HTTP client (proxy, custom roots…) instead of building one. It should follow
    /// no redirects; its own timeouts apply in addition to [`Self::request_timeout`].
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Source of `requestTimestamp` (default [`SystemClock`], UTC).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// Receives every request envelope and response body (the docs' main debugging aid).
    pub fn on_raw_exchange(
        mut self,
        hook: impl Fn(&RawExchange<'_>) + Send + Sync + 'static,
    ) -> Self {
        self.raw_exchange = Some(RawExchangeHook(Arc::new(hook)));
        self
    }

    /// Accept `http://` endpoints on any host, not only loopback (default false).
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// How responses are decoded (default: lenient, unknown elements skipped).
    pub fn decode_options(mut self, options: DecodeOptions) -> Self {
        self.decode_options = options;
        self
    }

    /// Checks every setting and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let endpoint = validate_endpoint(&self.endpoint, self.allow_insecure_http)?;
        if self.user_id.is_empty() {
            return Err(ConfigError::InvalidUserId("it is empty").into());
        }
        if self
            .user_id
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(
                ConfigError::InvalidUserId("it contains whitespace or control characters").into(),
            );
        }
        if self.key.is_empty() {
            return Err(ConfigError::EmptyEncryptionKey.into());
        }
        let positive = |setting: &'static str, value: Duration| {
            if value.is_zero() {
                Err(ConfigError::InvalidSetting {
                    setting,
                    reason: "must be greater than zero",
                })
            } else {
                Ok(())
            }
        };
        positive("connect_timeout", self.connect_timeout)?;
        positive("request_timeout", self.request_timeout)?;
        if self.max_response_bytes == 0 {
            return Err(ConfigError::InvalidSetting {
                setting: "max_response_bytes",
                reason: "must be greater than zero",
            }
            .into());
        }
        if self.retry.max_attempts == 0 {
            return Err(ConfigError::InvalidSetting {
                setting: "retry_policy",
                reason: "max_attempts must be at least 1",
            }
            .into());
        }
        let concurrency = match self.max_concurrent_calls {
            Some(0) => {
                return Err(ConfigError::InvalidSetting {
                    setting: "max_concurrent_calls",
                    reason: "must be at least 1",
                }
                .into());
            }
            Some(limit) => Some(Semaphore::new(limit.min(Semaphore::MAX_PERMITS))),
            None => None,
        };
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .use_rustls_tls()
                .gzip(true)
                .connect_timeout(self.connect_timeout)
                .redirect(RedirectPolicy::none())
                .build()
                .map_err(ConfigError::HttpClient)?,
        };
        Ok(Client {
            inner: Arc::new(ClientInner {
                endpoint,
                user_id: self.user_id,
                key: self.key,
                http,
                request_timeout: self.request_timeout,
                retry: self.retry,
                max_response_bytes: self.max_response_bytes,
                concurrency,
                clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
                raw_exchange: self.raw_exchange,
                decode_options: self.decode_options,
            }),
        })
    }
}

fn not_utf8(error: std::str::Utf8Error) -> crate::xml::DecodeError {
    let offset = u64::try_from(error.valid_up_to()).ok();
    crate::xml::DecodeError::other("the response is not UTF-8", offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "unit-test-key-9f8e7d6c5b";

    fn build_error(builder: ClientBuilder) -> ConfigError {
        match builder.build().map_err(Error::into_kind) {
            Err(ErrorKind::Config(config)) => config,
            Err(other) => panic!("unexpected {other:?}"),
            Ok(client) => panic!("accepted: {client:?}"),
        }
    }

    fn builder() -> ClientBuilder {
        Client::builder(
            "https://100-AEK-913.mktoapi.com/soap/mktows/2_2",
            "user_1",
            KEY,
        )
    }

    #[test]
    fn valid_settings_build() {
        let client = builder()
            .max_concurrent_calls(10)
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(client.user_id(), "user_1");
        assert_eq!(
            client.endpoint().host_str(),
            Some("100-aek-913.mktoapi.com")
        );
        let debug = format!("{client:?}");
        assert!(debug.contains("SecretKey(<redacted>)"), "{debug}");
        assert!(!debug.contains(KEY), "{debug}");
        assert!(!format!("{:?}", builder()).contains(KEY));
    }

    #[test]
    fn invalid_settings_are_typed_errors() {
        assert!(matches!(
            build_error(Client::builder("http://mktoapi.example/soap", "u", KEY)),
            ConfigError::InsecureEndpoint { .. }
        ));
        assert!(matches!(
            build_error(Client::builder("https://x.example/soap?wsdl", "u", KEY)),
            ConfigError::InvalidEndpoint { .. }
        ));
        assert!(matches!(
            build_error(Client::builder("https://x.example", "", KEY)),
            ConfigError::InvalidUserId(_)
        ));
        assert!(matches!(
            build_error(Client::builder("https://x.example", "a b", KEY)),
            ConfigError::InvalidUserId(_)
        ));
        assert!(matches!(
            build_error(Client::builder("https://x.example", "u", "")),
            ConfigError::EmptyEncryptionKey
        ));
        let invalid = |builder: ClientBuilder| match build_error(builder) {
            ConfigError::InvalidSetting { setting, .. } => setting,
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(
            invalid(builder().request_timeout(Duration::ZERO)),
            "request_timeout"
        );
        assert_eq!(
            invalid(builder().connect_timeout(Duration::ZERO)),
            "connect_timeout"
        );
        assert_eq!(
            invalid(builder().max_response_bytes(0)),
            "max_response_bytes"
        );
        assert_eq!(
            invalid(builder().max_concurrent_calls(0)),
            "max_concurrent_calls"
        );
        assert_eq!(
            invalid(builder().retry_policy(RetryPolicy {
                max_attempts: 0,
                ..RetryPolicy::default()
            })),
            "retry_policy"
        );
    }

    #[test]
    fn insecure_http_can_be_allowed() {
        let client = Client::builder("http://mktoapi.example/soap", "u", KEY)
            .allow_insecure_http(true)
            .build();
        assert!(client.is_ok());
    }

    #[test]
    fn body_excerpt_is_bounded_and_utf8_safe() {
        assert_eq!(body_excerpt(b"short"), "short");
        let long = "ж".repeat(1000);
        let excerpt = body_excerpt(long.as_bytes());
        assert_eq!(excerpt.chars().count(), BODY_EXCERPT_CHARS);
        assert!(excerpt.chars().all(|c| c == 'ж'));
        let cut = body_excerpt(&long.as_bytes()[..5]);
        assert_eq!(cut, "жж\u{FFFD}");
        assert_eq!(body_excerpt(&[0xff, b'a']), "\u{FFFD}a");
    }
}
