//! [`ClientBuilder`]: the settings of a [`Client`], checked all at once.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::redirect::Policy as RedirectPolicy;
use tokio::sync::Semaphore;

use crate::client::{Client, ClientInner};
use crate::config_error::ConfigError;
use crate::endpoint::validate_endpoint;
use crate::error::Error;
use crate::header::{FaultPolicy, HeaderProvider, StandardFaultPolicy};
use crate::limits::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_REQUEST_TIMEOUT};
use crate::raw_exchange::{RawExchange, RawExchangeHook};
use crate::retry::RetryPolicy;
use crate::xml::DecodeOptions;

/// Settings for a [`Client`]; [`ClientBuilder::build`] checks them all.
pub struct ClientBuilder {
    service: &'static str,
    endpoint: String,
    connect_timeout: Duration,
    request_timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: u64,
    max_concurrent_calls: Option<usize>,
    http: Option<reqwest::Client>,
    headers: Option<Arc<dyn HeaderProvider>>,
    faults: Arc<dyn FaultPolicy>,
    raw_exchange: Option<RawExchangeHook>,
    allow_insecure_http: bool,
    decode_options: DecodeOptions,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("service", &self.service)
            .field("endpoint", &self.endpoint)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_concurrent_calls", &self.max_concurrent_calls)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    pub(crate) fn new(endpoint: String) -> Self {
        Self {
            service: "SOAP",
            endpoint,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_concurrent_calls: None,
            http: None,
            headers: None,
            faults: Arc::new(StandardFaultPolicy),
            raw_exchange: None,
            allow_insecure_http: false,
            decode_options: DecodeOptions::default(),
        }
    }

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

    /// Largest response body accepted after decompression (default 64 MiB). Unless
    /// [`DecodeOptions::max_decoded_bytes`] is set, the same number also bounds what the
    /// body's repeated elements take once decoded.
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// At most `limit` calls of this client (and its clones) on the wire at once (services often
    /// cap concurrent calls per account); default: no cap. Calls beyond wait for a free slot
    /// before their headers are written, so a time-based signature is fresh when sent.
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

    /// How the service is named in error messages (`"Marketo call `getLead` failed: …"`;
    /// default `"SOAP"`).
    pub fn service_name(mut self, name: &'static str) -> Self {
        self.service = name;
        self
    }

    /// Writes SOAP headers into every attempt (credentials, session ids…); see
    /// [`HeaderProvider`].
    pub fn header_provider(mut self, provider: impl HeaderProvider) -> Self {
        self.headers = Some(Arc::new(provider));
        self
    }

    /// Classifies the service's faults for retries (default [`StandardFaultPolicy`]).
    pub fn fault_policy(mut self, policy: impl FaultPolicy) -> Self {
        self.faults = Arc::new(policy);
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
                .tls_backend_rustls()
                .gzip(true)
                .connect_timeout(self.connect_timeout)
                .redirect(RedirectPolicy::none())
                .build()
                .map_err(ConfigError::HttpClient)?,
        };
        Ok(Client::from_inner(ClientInner {
            service: self.service,
            endpoint,
            http,
            request_timeout: self.request_timeout,
            retry: self.retry,
            max_response_bytes: self.max_response_bytes,
            concurrency,
            headers: self.headers,
            faults: self.faults,
            raw_exchange: self.raw_exchange,
            decode_options: DecodeOptions {
                max_decoded_bytes: self
                    .decode_options
                    .max_decoded_bytes
                    .or(Some(self.max_response_bytes)),
                ..self.decode_options
            },
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn build_error(builder: ClientBuilder) -> ConfigError {
        match builder.build().map_err(Error::into_kind) {
            Err(ErrorKind::Config(config)) => config,
            Err(other) => panic!("unexpected {other:?}"),
            Ok(client) => panic!("accepted: {client:?}"),
        }
    }

    fn builder() -> ClientBuilder {
        Client::builder("https://soap.example.com/service")
    }

    #[test]
    fn valid_settings_build() {
        let client = builder()
            .max_concurrent_calls(10)
            .service_name("Example")
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(client.endpoint().host_str(), Some("soap.example.com"));
        let debug = format!("{client:?}");
        assert!(debug.contains("\"Example\""), "{debug}");
    }

    #[test]
    fn invalid_settings_are_typed_errors() {
        assert!(matches!(
            build_error(Client::builder("http://soap.example.com/soap")),
            ConfigError::InsecureEndpoint { .. }
        ));
        assert!(matches!(
            build_error(Client::builder("https://x.example/soap?wsdl")),
            ConfigError::InvalidEndpoint { .. }
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
        let client = Client::builder("http://soap.example.com/soap")
            .allow_insecure_http(true)
            .build();
        assert!(client.is_ok());
    }
}
