//! Typed client for the Marketo SOAP API ("mktows").
#![forbid(unsafe_code)]

pub mod envelope;
pub mod operation;
pub mod xml;

mod auth;
mod client;
mod clock;
mod config_error;
mod endpoint;
mod error;
mod fault_code;
pub mod guards;
pub mod limits;
pub mod paging;
mod raw_exchange;
mod retry;
mod secret;
mod transport;

pub use auth::{AUTHENTICATION_HEADER, SignedHeader, format_timestamp, sign, verify_signature};
pub use client::{Client, ClientBuilder};
pub use clock::{Clock, SystemClock};
pub use config_error::ConfigError;
pub use endpoint::validate_endpoint;
pub use error::{Error, ErrorKind, TransportError, TransportPhase};
pub use fault_code::FaultCode;
pub use operation::OperationMeta;
pub use raw_exchange::RawExchange;
pub use retry::{OperationKind, RetryClass, RetryDecision, RetryPolicy};
pub use secret::SecretKey;
pub use transport::SOAP11_CONTENT_TYPE;

/// Code generated from the Marketo WSDL by `cargo xtask codegen` (never edited by hand):
/// schema types with their XML codecs (`types`) and operation metadata (`operations`).
// `rustfmt::skip`: `cargo fmt` must not reformat the generated files (`codegen --check` would fail).
#[rustfmt::skip]
pub mod generated {
    #[rustfmt::skip]
    pub mod operations;
    #[rustfmt::skip]
    pub mod types;
    /// Port methods on [`Client`](crate::Client), one per operation.
    #[rustfmt::skip]
    pub mod client;
}

#[cfg(feature = "simulator")]
pub mod simulator;
