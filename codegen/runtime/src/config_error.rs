//! Why a [`ClientBuilder`](crate::ClientBuilder) refused its settings.
//!
//! Like every runtime error, the message is complete and `source()` is `None` (see
//! [`Error`](crate::Error)).

/// A setting the client builder rejected (reported before any network I/O).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The endpoint URL is unusable.
    #[error("invalid endpoint `{endpoint}`: {reason}")]
    InvalidEndpoint {
        /// The endpoint as given (any `user:password@` part removed).
        endpoint: String,
        /// What is wrong with it.
        reason: String,
    },
    /// `http://` to a host that is not loopback, without `allow_insecure_http(true)`.
    #[error(
        "refusing plain http to `{host}`: use https, or allow_insecure_http(true) if the network is trusted"
    )]
    InsecureEndpoint {
        /// The host of the rejected endpoint.
        host: String,
    },
    /// A numeric setting is out of range (e.g. a zero timeout or zero concurrent calls).
    #[error("invalid setting `{setting}`: {reason}")]
    InvalidSetting {
        /// The builder method.
        setting: &'static str,
        /// Why the value was rejected.
        reason: &'static str,
    },
    /// The HTTP client could not be built (e.g. TLS backend initialisation failed).
    #[error("could not build the HTTP client: {}", crate::error::root_cause(.0))]
    HttpClient(reqwest::Error),
}
