//! The runtime every generated SOAP client calls.
//!
//! Generated code is thin glue: typed request and response structs with their XML codecs
//! ([`xml`]), one [`OperationMeta`] per operation, and port methods that end in
//! [`Client::invoke`] ([`Client::invoke_one_way`] for a one-way operation). Everything generic
//! lives here:
//! - the streaming XML codec ([`xml`]) and SOAP envelopes and faults ([`envelope`]);
//! - the HTTP transport (reqwest, rustls), with timeouts, a response size limit and an optional
//!   cap on calls in flight;
//! - retries that never repeat a side effect ([`RetryPolicy`], [`RetryClass`]);
//! - one error type that names the operation and says whether retrying is safe ([`Error`]);
//! - paging to the end of paged reads ([`Pages`], a `Stream`), and request checks
//!   ([`Validate`]), both generated from the service's declarations;
//! - hooks a service plugs its own rules into: per-attempt SOAP headers ([`HeaderProvider`],
//!   e.g. a signed authentication header or a session token) and how its faults are classified
//!   ([`FaultPolicy`]).
//!
//! The runtime knows no generated type and no particular service.
#![forbid(unsafe_code)]

pub mod envelope;
pub mod limits;
pub mod xml;

mod client;
mod client_builder;
mod config_error;
mod endpoint;
mod error;
mod header;
mod operation;
mod paging;
mod prepared_call;
mod raw_exchange;
mod retry;
mod soap_reply;
mod transport;
mod validate;

pub use client::{Client, RequestCheck};
pub use client_builder::ClientBuilder;
pub use config_error::ConfigError;
pub use endpoint::validate_endpoint;
pub use error::{Error, ErrorKind, TransportError, TransportPhase};
pub use header::{FaultPolicy, HeaderProvider, HeaderSink, StandardFaultPolicy};
pub use operation::{Binding, OperationMeta};
pub use paging::{Pages, Paginated};
pub use raw_exchange::RawExchange;
pub use retry::{OperationKind, RetryClass, RetryDecision, RetryPolicy};
pub use transport::{SOAP11_CONTENT_TYPE, SOAP12_CONTENT_TYPE};
pub use validate::Validate;
