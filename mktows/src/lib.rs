//! Typed client for the Marketo SOAP API ("mktows"), generated from its WSDL, with a local
//! simulator of the service.
//!
//! Marketo switched the SOAP API off on 2026-07-31, so the `simulator` module (feature `simulator`)
//! is the server applications develop and test against; the client works the same against
//! any endpoint that speaks the API.
//!
//! # A call
//! Every operation of the WSDL is one async method on [`Client`]; its parameters and result
//! are generated types in [`types`]. Optional elements are `Option`, nillable ones
//! [`xml::Nillable`] (both: `Option<Nillable<T>>`, so absent, `xsi:nil` and a value stay
//! distinct), enumerations keep unknown values in an `Unknown(String)` variant.
//!
//! ```no_run
//! use mktows::types::{LeadKey, LeadKeyRef, ParamsGetLead};
//! use mktows::{Client, SecretKey};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder(
//!     "https://123-ABC-456.mktoapi.com/soap/mktows/2_2", // Admin > Integration > Web Services
//!     "bigcorp1_461839624B16E06BA2D663",                 // the Access Key (mktowsUserId)
//!     SecretKey::new(std::env::var("MKTOWS_SECRET_KEY")?), // signs requests, never sent
//! )
//! .max_concurrent_calls(10) // Marketo's limit per instance
//! .build()?;
//! let found = client
//!     .get_lead(&ParamsGetLead {
//!         lead_key: LeadKey { key_type: LeadKeyRef::Email, key_value: "lead@company.com".into() },
//!     })
//!     .await?;
//! println!("{} lead(s)", found.result.count);
//! # Ok(()) }
//! ```
//!
//! # The simulator in a test
//! With the `simulator` feature (enable it in `[dev-dependencies]`), a test starts a real HTTP
//! server on loopback, seeds it, and points the client at it:
//!
//! ```
//! # #[cfg(feature = "simulator")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use mktows::simulator::{Campaign, Simulator};
//! use mktows::types::ReqCampSourceType;
//! use mktows::{Client, guards};
//!
//! let sim = Simulator::builder()
//!     .seed(|state| {
//!         state.add_campaign(Campaign::requestable(4496, "Web Service Trigger", "Demo Program"));
//!         state.add_lead_with_email("lead@company.com");
//!     })
//!     .start()
//!     .await?;
//! let client = Client::builder(sim.endpoint(), sim.user_id(), sim.secret_key()).build()?;
//! let params =
//!     guards::request_campaign_by_id(ReqCampSourceType::Mktows, 4496, &["lead@company.com"]);
//! let result = client.request_campaign(&params).await?;
//! assert!(result.result.success);
//! sim.shutdown().await;
//! # Ok(()) }
//! # #[cfg(not(feature = "simulator"))]
//! # fn main() {}
//! ```
//!
//! # Errors and retries
//! Every failure is one [`Error`]: it names the operation, says how many attempts were made and
//! whether retrying is safe ([`Error::is_retry_safe`]), and its [`ErrorKind`] says why
//! (transport, HTTP status, SOAP fault, decode error with the element path, invalid request).
//! Marketo's fault codes are typed: [`MarketoError::fault_code`] gives a [`FaultCode`].
//! The client retries by itself only when the request certainly was not processed (connect
//! failures, 20016 with a fresh signature, 20023/20024 after a backoff) or, for operations that
//! only read, after timeouts and 5xx ([`RetryPolicy`]). Requests Marketo would reject or
//! silently truncate (more than 100 lead keys in requestCampaign, oversized batches) fail with
//! [`ErrorKind::InvalidRequest`] before any I/O ([`guards`]).
//!
//! ```no_run
//! use mktows::{FaultCode, MarketoError};
//! # async fn demo(client: &mktows::Client, params: &mktows::types::ParamsGetLead) {
//! match client.get_lead(params).await {
//!     Ok(found) => println!("{} lead(s)", found.result.count),
//!     Err(e) if e.fault_code() == Some(FaultCode::LeadNotFound) => println!("no such lead"),
//!     Err(e) => eprintln!("{e}"),
//! }
//! # }
//! ```
//!
//! # Paging
//! The five stream-position reads (getMultipleLeads, getLeadChanges, getLeadActivity,
//! getMObjects, getCustomObjects) page with [`Client::pages`]: a [`Pages`] stream that passes
//! each page's position on, and stops at the last page or at a position it has seen before.
//!
//! ```no_run
//! # async fn demo(client: &mktows::Client) -> Result<(), mktows::Error> {
//! use mktows::types::ParamsGetMultipleLeads;
//! let mut pages = client.pages(ParamsGetMultipleLeads::default());
//! while let Some(page) = pages.next_page().await {
//!     for lead in page?.result.lead_record_list.and_then(|l| l.into_option()).unwrap_or_default().lead_record {
//!         println!("{:?}", lead.email);
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! # Features
//! - `simulator`: the `simulator` module (an axum/hyper server on loopback). Off by default.
#![forbid(unsafe_code)]

/// The generated schema types: the parameters and results of every operation.
pub use generated::types;

/// Date and time types of `xs:dateTime` values (re-exported so versions always match).
pub use chrono;

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

/// The signed `AuthenticationHeader`: signing, verifying and the Marketo timestamp form (the
/// client and the simulator use them; applications rarely need to).
pub mod auth;
mod client;
mod clock;
mod fault;
mod fault_code;
pub mod guards;
pub mod limits;
mod secret;

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
