//! [`Client`]: one Marketo instance, its credentials, and the policy for calling it.
//!
//! A thin layer over [`soap_runtime::Client`]: the runtime owns the envelope, transport, retries
//! and errors; this layer adds Marketo's rules, all declared here once: the signed
//! `AuthenticationHeader` on every attempt ([`MarketoSigner`]), what Marketo's fault codes mean
//! for retries ([`MarketoFaultPolicy`]), and errors named "Marketo call …".

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Timelike};

use reqwest::Url;
use soap_runtime::envelope::HeaderBlock;
use soap_runtime::xml::{DecodeOptions, XmlDecode, XmlEncode};
use soap_runtime::{
    ConfigError, Error, HeaderProvider, HeaderSink, OperationMeta, Pages, Paginated, RawExchange,
    RetryPolicy, Validate,
};

use crate::auth::{AUTHENTICATION_HEADER, SignedHeader};
use crate::clock::{Clock, SystemClock};
use crate::fault::MarketoFaultPolicy;
use crate::secret::SecretKey;

/// A client for one Marketo instance. Cheap to clone (shared state behind an `Arc`); clones
/// share the connection pool and the concurrency cap.
#[derive(Clone)]
pub struct Client {
    runtime: soap_runtime::Client,
    user_id: Arc<str>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("user_id", &self.user_id)
            .field("runtime", &self.runtime)
            .finish()
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
            runtime: soap_runtime::Client::builder(endpoint).service_name("Marketo"),
            user_id: user_id.into(),
            key: encryption_key.into(),
            clock: None,
        }
    }

    /// The endpoint requests are posted to.
    pub fn endpoint(&self) -> &Url {
        self.runtime.endpoint()
    }

    /// The `mktowsUserId` sent with every request.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    /// The generic SOAP client underneath.
    pub fn runtime(&self) -> &soap_runtime::Client {
        &self.runtime
    }

    /// Calls one operation (what every generated port method ends in): checks the request
    /// against Marketo's guards, then signs, posts, decodes and retries as the
    /// [`RetryPolicy`] allows.
    ///
    /// `extra` holds the operation's optional SOAP headers other than `AuthenticationHeader`
    /// (which the client writes itself). Requests Marketo would reject or silently truncate
    /// (see [`crate::guards`]) fail with [`soap_runtime::ErrorKind::InvalidRequest`] before any
    /// I/O.
    pub fn invoke<'s, P: XmlEncode + Validate + Sync, R: XmlDecode>(
        &'s self,
        op: &'static OperationMeta,
        params: &P,
        extra: &[HeaderBlock<'_>],
    ) -> impl Future<Output = Result<R, Error>> + Send + use<'s, P, R> {
        self.runtime.invoke(op, params, extra, Some(P::validate))
    }

    /// Pages through a paged read (`getMultipleLeads`, `getLeadChanges`, `getLeadActivity`,
    /// `getMObjects`, `getCustomObjects`; declared in `mktows/codegen.toml`), starting from
    /// `first` as given. [`Pages`] is a `Stream`; [`Pages::next_page`] reads it page by page.
    ///
    /// ```no_run
    /// # async fn demo(client: &mktows::Client) -> Result<(), mktows::Error> {
    /// use mktows::generated::types::ParamsGetMultipleLeads;
    /// let mut pages = client.pages(ParamsGetMultipleLeads::default());
    /// while let Some(page) = pages.next_page().await {
    ///     println!("{} leads", page?.result.return_count);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn pages<'c, R: Paginated<Client = Client> + 'c>(&'c self, first: R) -> Pages<'c, R> {
        Pages::new(self, first)
    }
}

/// Writes the signed `AuthenticationHeader` into every attempt, right before it is sent.
///
/// The timestamp has whole seconds, so every attempt within one second carries the same
/// header: it is signed once per second and reused (the signature is a function of the key,
/// the timestamp and the user id only, so the bytes on the wire are the same either way).
pub struct MarketoSigner {
    user_id: String,
    key: SecretKey,
    clock: Arc<dyn Clock>,
    /// The last header signed, with the whole-second time it was signed for.
    last: Mutex<Option<(DateTime<FixedOffset>, Arc<SignedHeader>)>>,
}

impl fmt::Debug for MarketoSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MarketoSigner")
            .field("user_id", &self.user_id)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl MarketoSigner {
    /// Signs as `user_id` with `key`, taking timestamps from `clock`.
    pub fn new(user_id: impl Into<String>, key: SecretKey, clock: Arc<dyn Clock>) -> Self {
        Self {
            user_id: user_id.into(),
            key,
            clock,
            last: Mutex::new(None),
        }
    }

    /// The header for the clock's current second: the last one signed if it is for the same
    /// second (and offset), else a new signature.
    fn current_header(&self) -> Arc<SignedHeader> {
        let now = self.clock.now();
        let second = now.with_nanosecond(0).unwrap_or(now);
        // A poisoned lock only means another thread panicked mid-update; the cache is then
        // simply refilled.
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((signed_at, header)) = last.as_ref()
            && *signed_at == second
            && signed_at.offset() == second.offset()
        {
            return Arc::clone(header);
        }
        let header = Arc::new(SignedHeader::new(&self.key, &self.user_id, &second));
        *last = Some((second, Arc::clone(&header)));
        header
    }
}

impl HeaderProvider for MarketoSigner {
    fn provides(&self, local: &str) -> bool {
        local == AUTHENTICATION_HEADER
    }

    fn write_headers(&self, _op: &OperationMeta, out: &mut HeaderSink<'_>) -> Result<(), String> {
        out.block(AUTHENTICATION_HEADER, &*self.current_header());
        Ok(())
    }
}

/// Settings for a [`Client`]; [`ClientBuilder::build`] checks them all.
pub struct ClientBuilder {
    runtime: soap_runtime::ClientBuilder,
    user_id: String,
    key: SecretKey,
    clock: Option<Arc<dyn Clock>>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("user_id", &self.user_id)
            .field("key", &self.key)
            .field("runtime", &self.runtime)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    fn map(
        mut self,
        f: impl FnOnce(soap_runtime::ClientBuilder) -> soap_runtime::ClientBuilder,
    ) -> Self {
        self.runtime = f(self.runtime);
        self
    }

    /// TCP + TLS connection setup limit (default 20 s). Ignored with [`Self::http_client`].
    pub fn connect_timeout(self, timeout: Duration) -> Self {
        self.map(|b| b.connect_timeout(timeout))
    }

    /// Limit for one attempt from sending to the last response byte (default 90 s).
    pub fn request_timeout(self, timeout: Duration) -> Self {
        self.map(|b| b.request_timeout(timeout))
    }

    /// When and how failed calls are retried (default [`RetryPolicy::default`]).
    pub fn retry_policy(self, policy: RetryPolicy) -> Self {
        self.map(|b| b.retry_policy(policy))
    }

    /// Largest response body accepted after decompression (default 64 MiB).
    pub fn max_response_bytes(self, limit: u64) -> Self {
        self.map(|b| b.max_response_bytes(limit))
    }

    /// At most `limit` calls of this client (and its clones) on the wire at once. Marketo
    /// allows 10 per instance ([`MARKETO_MAX_CONCURRENT_CALLS`](crate::limits::MARKETO_MAX_CONCURRENT_CALLS));
    /// default: no cap. Waiting calls are signed only once they may go, so their timestamps
    /// are fresh.
    pub fn max_concurrent_calls(self, limit: usize) -> Self {
        self.map(|b| b.max_concurrent_calls(limit))
    }

    /// Use this HTTP client (proxy, custom roots…) instead of building one. It should follow
    /// no redirects; its own timeouts apply in addition to [`Self::request_timeout`].
    pub fn http_client(self, client: reqwest::Client) -> Self {
        self.map(|b| b.http_client(client))
    }

    /// Source of `requestTimestamp` (default [`SystemClock`], UTC).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// Receives every request envelope and response body (the docs' main debugging aid).
    pub fn on_raw_exchange(self, hook: impl Fn(&RawExchange<'_>) + Send + Sync + 'static) -> Self {
        self.map(|b| b.on_raw_exchange(hook))
    }

    /// Accept `http://` endpoints on any host, not only loopback (default false).
    pub fn allow_insecure_http(self, allow: bool) -> Self {
        self.map(|b| b.allow_insecure_http(allow))
    }

    /// How responses are decoded (default: lenient, unknown elements skipped).
    pub fn decode_options(self, options: DecodeOptions) -> Self {
        self.map(|b| b.decode_options(options))
    }

    /// Checks every setting and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let invalid = |setting: &'static str, reason: &'static str| {
            Error::config(ConfigError::InvalidSetting { setting, reason })
        };
        if self.user_id.is_empty() {
            return Err(invalid("user_id", "it is empty"));
        }
        if self
            .user_id
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(invalid(
                "user_id",
                "it contains whitespace or control characters",
            ));
        }
        if self.key.is_empty() {
            return Err(invalid("encryption_key", "it is empty"));
        }
        let clock = self.clock.unwrap_or_else(|| Arc::new(SystemClock));
        let signer = MarketoSigner::new(self.user_id.clone(), self.key, clock);
        let runtime = self
            .runtime
            .header_provider(signer)
            .fault_policy(MarketoFaultPolicy)
            .build()?;
        Ok(Client {
            runtime,
            user_id: self.user_id.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use soap_runtime::ErrorKind;

    const KEY: &str = "unit-test-key-9f8e7d6c5b";

    fn invalid_setting(builder: ClientBuilder) -> &'static str {
        match builder.build().map_err(Error::into_kind) {
            Err(ErrorKind::Config(ConfigError::InvalidSetting { setting, .. })) => setting,
            Err(other) => panic!("unexpected {other:?}"),
            Ok(client) => panic!("accepted: {client:?}"),
        }
    }

    #[test]
    fn valid_settings_build_and_never_print_the_key() {
        let builder = Client::builder(
            "https://100-AEK-913.mktoapi.com/soap/mktows/2_2",
            "user_1",
            KEY,
        );
        assert!(!format!("{builder:?}").contains(KEY));
        let client = builder
            .max_concurrent_calls(10)
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(client.user_id(), "user_1");
        assert_eq!(
            client.endpoint().host_str(),
            Some("100-aek-913.mktoapi.com")
        );
        let debug = format!("{client:?}");
        assert!(!debug.contains(KEY), "{debug}");
    }

    #[test]
    fn credentials_are_checked() {
        assert_eq!(
            invalid_setting(Client::builder("https://x.example", "", KEY)),
            "user_id"
        );
        assert_eq!(
            invalid_setting(Client::builder("https://x.example", "a b", KEY)),
            "user_id"
        );
        assert_eq!(
            invalid_setting(Client::builder("https://x.example", "u", "")),
            "encryption_key"
        );
    }

    /// A clock that hands out the given times in turn (then the last one).
    struct Times(Mutex<Vec<DateTime<FixedOffset>>>);

    impl Clock for Times {
        fn now(&self) -> DateTime<FixedOffset> {
            let mut times = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            if times.len() > 1 {
                times.remove(0)
            } else {
                times[0]
            }
        }
    }

    #[test]
    fn one_signature_per_second_and_offset() {
        let at = |text: &str| DateTime::parse_from_rfc3339(text).expect("fixture");
        let times = [
            "2013-08-02T15:47:06.100-07:00",
            "2013-08-02T15:47:06.900-07:00",
            "2013-08-02T22:47:06.950+00:00",
            "2013-08-02T15:47:07.000-07:00",
        ]
        .map(at);
        let key = SecretKey::new(KEY);
        let signer = MarketoSigner::new(
            "u",
            key.clone(),
            Arc::new(Times(Mutex::new(times.to_vec()))),
        );
        let headers: Vec<Arc<SignedHeader>> = (0..4).map(|_| signer.current_header()).collect();
        for (header, time) in headers.iter().zip(times) {
            let second = time.with_nanosecond(0).expect("valid");
            assert_eq!(**header, SignedHeader::new(&key, "u", &second), "{time}");
        }
        assert!(
            Arc::ptr_eq(&headers[0], &headers[1]),
            "same second: signed once"
        );
        assert_eq!(headers[1].timestamp, "2013-08-02T15:47:06-07:00");
        // The same instant with another offset is another timestamp on the wire.
        assert_eq!(headers[2].timestamp, "2013-08-02T22:47:06+00:00");
        assert_ne!(headers[2].signature, headers[1].signature);
        assert_eq!(headers[3].timestamp, "2013-08-02T15:47:07-07:00");
    }

    #[test]
    fn signer_owns_the_authentication_header() {
        let signer = MarketoSigner::new("u", SecretKey::new(KEY), Arc::new(SystemClock));
        assert!(signer.provides("AuthenticationHeader"));
        assert!(!signer.provides("MktowsContextHeader"));
        assert!(!format!("{signer:?}").contains(KEY));
    }
}
