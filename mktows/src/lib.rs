//! Typed client for the Marketo SOAP API ("mktows").
#![forbid(unsafe_code)]

pub mod envelope;
pub mod xml;

mod auth;
mod clock;
mod config_error;
mod endpoint;
mod fault_code;
pub mod limits;
mod retry;
mod secret;

pub use auth::{AUTHENTICATION_HEADER, SignedHeader, format_timestamp, sign, verify_signature};
pub use clock::{Clock, SystemClock};
pub use config_error::ConfigError;
pub use endpoint::validate_endpoint;
pub use fault_code::FaultCode;
pub use retry::{OperationKind, RetryClass, RetryDecision, RetryPolicy};
pub use secret::SecretKey;
