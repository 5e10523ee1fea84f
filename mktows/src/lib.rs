//! Typed client for the Marketo SOAP API ("mktows").
#![forbid(unsafe_code)]

/// The XML codec the generated types use (from the generic SOAP runtime).
pub use soap_runtime::xml;

/// SOAP 1.1 envelopes and faults (from the generic SOAP runtime).
pub use soap_runtime::envelope;

/// Wire metadata of an operation (from the generic SOAP runtime).
pub mod operation {
    pub use soap_runtime::OperationMeta;
}

// `rustfmt::skip`: `cargo fmt` must not reformat the generated files (`codegen --check` would fail).
#[rustfmt::skip]
pub mod generated;

mod auth;
mod client;
mod clock;
mod fault;
mod fault_code;
pub mod guards;
pub mod limits;
mod secret;

pub use auth::{AUTHENTICATION_HEADER, SignedHeader, format_timestamp, sign, verify_signature};
pub use client::{Client, ClientBuilder, MarketoSigner};
pub use clock::{Clock, SystemClock};
pub use fault::{
    MarketoError, MarketoFaultPolicy, SERVICE_EXCEPTION, ServiceException, fault_code,
};
pub use fault_code::FaultCode;
pub use secret::SecretKey;
pub use soap_runtime::{
    ConfigError, Error, ErrorKind, OperationKind, OperationMeta, Pages, Paginated, RawExchange,
    RetryClass, RetryDecision, RetryPolicy, SOAP11_CONTENT_TYPE, TransportError, TransportPhase,
    Validate, validate_endpoint,
};

#[cfg(feature = "simulator")]
pub mod simulator;
