//! Typed client for the Marketo SOAP API ("mktows").
#![forbid(unsafe_code)]

pub mod envelope;
pub mod operation;
pub mod xml;

// `rustfmt::skip`: `cargo fmt` must not reformat the generated files (`codegen --check` would fail).
#[rustfmt::skip]
pub mod generated;

mod auth;
mod client;
mod client_builder;
mod clock;
mod config_error;
mod endpoint;
mod error;
mod fault_code;
pub mod guards;
pub mod limits;
mod paging;
mod prepared_call;
mod raw_exchange;
mod retry;
mod secret;
mod soap_reply;
mod transport;

pub use auth::{AUTHENTICATION_HEADER, SignedHeader, format_timestamp, sign, verify_signature};
pub use client::Client;
pub use client_builder::ClientBuilder;
pub use clock::{Clock, SystemClock};
pub use config_error::ConfigError;
pub use endpoint::validate_endpoint;
pub use error::{Error, ErrorKind, TransportError, TransportPhase};
pub use fault_code::FaultCode;
pub use operation::OperationMeta;
pub use paging::{PagedRequest, Pages};
pub use raw_exchange::RawExchange;
pub use retry::{OperationKind, RetryClass, RetryDecision, RetryPolicy};
pub use secret::SecretKey;
pub use transport::SOAP11_CONTENT_TYPE;

#[cfg(feature = "simulator")]
pub mod simulator;
