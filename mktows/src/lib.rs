//! Typed client for the Marketo SOAP API ("mktows").
#![forbid(unsafe_code)]

pub mod envelope;
pub mod xml;

mod auth;
mod client;
mod clock;
mod config_error;
mod endpoint;
mod error;
mod fault_code;
pub mod limits;
pub mod operation;
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

#[cfg(feature = "simulator")]
pub mod simulator;
