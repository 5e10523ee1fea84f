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
//! distinct; [`xml::OptionNillable`] reads them with `.value()` and `.is_nil()`), enumerations
//! keep unknown values in an `Unknown(String)` variant. `use mktows::prelude::*;` brings in the
//! client, its key, the [`MarketoError`] extension (`err.fault_code()`), [`FaultCode`] and the
//! `Nillable` helpers.
//!
//! Generated types are `#[non_exhaustive]`, so that fields and values a later WSDL adds do not
//! break your code: build them with `Type::new(required fields…)` and the chained
//! `with_<field>(value)` setters of optional and repeated fields (every struct has `new`;
//! without required fields it equals `Default::default()`), and give `match`es on enumerations
//! a `_` arm. A nillable field's setter stores a value; to send `xsi:nil`, assign
//! `Some(Nillable::Nil)` to the public field.
//!
//! ```no_run
//! use mktows::prelude::*;
//! use mktows::types::{LeadKey, LeadKeyRef, ParamsGetLead};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder(
//!     "https://123-ABC-456.mktoapi.com/soap/mktows/2_2", // Admin > Integration > Web Services
//!     "bigcorp1_461839624B16E06BA2D663",                 // the Access Key (mktowsUserId)
//!     SecretKey::new(std::env::var("MKTOWS_SECRET_KEY")?), // signs requests, never sent
//! )
//! .max_concurrent_calls(10) // Marketo's limit per instance
//! .build()?;
//! let key = LeadKey::new(LeadKeyRef::Email, "lead@company.com".into());
//! let found = client.get_lead(&ParamsGetLead::new(key)).await?;
//! println!("{} lead(s)", found.result.count);
//! # Ok(()) }
//! ```
//!
//! # A first program
//! Create or update a lead, read it back, run it through a campaign, then page through leads:
//!
//! ```no_run
//! use mktows::prelude::*;
//! use mktows::types::{
//!     ArrayOfAttribute, Attribute, LeadKey, LeadKeyRef, LeadRecord, ParamsGetLead,
//!     ParamsGetMultipleLeads, ParamsSyncLead, ReqCampSourceType,
//! };
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder(
//!     "https://123-ABC-456.mktoapi.com/soap/mktows/2_2",
//!     "bigcorp1_461839624B16E06BA2D663",
//!     SecretKey::new(std::env::var("MKTOWS_SECRET_KEY")?),
//! )
//! .build()?;
//!
//! // syncLead: upsert by email, with one attribute; return the stored record.
//! let attributes = ArrayOfAttribute::new()
//!     .with_attribute(vec![Attribute::new("FirstName".into(), "Ada".into())]);
//! let lead = LeadRecord::new()
//!     .with_email("ada@example.com".into())
//!     .with_lead_attribute_list(attributes);
//! let synced = client.sync_lead(&ParamsSyncLead::new(lead, true)).await?;
//! println!("lead {} {}", synced.result.lead_id, synced.result.sync_status.status);
//!
//! // getLead: absent, nil and a value stay apart; `.value()` reads "a value, if any".
//! let key = LeadKey::new(LeadKeyRef::Email, "ada@example.com".into());
//! match client.get_lead(&ParamsGetLead::new(key)).await {
//!     Ok(found) => {
//!         let records = found.result.lead_record_list.into_value().unwrap_or_default();
//!         for record in records.lead_record {
//!             println!("id {:?}, email {:?}", record.id.value(), record.email.value());
//!         }
//!     }
//!     Err(e) if e.fault_code() == Some(FaultCode::LeadNotFound) => println!("no such lead"),
//!     Err(e) => return Err(e.into()),
//! }
//!
//! // requestCampaign: run the lead through trigger campaign 4496 (checked before sending).
//! let params = mktows::guards::request_campaign_by_id(
//!     ReqCampSourceType::Mktows,
//!     4496,
//!     &["ada@example.com"],
//! );
//! let requested = client.request_campaign(&params).await?;
//! println!("campaign requested: {}", requested.result.success);
//!
//! // Paging: getMultipleLeads, 100 per page, each page's position passed on.
//! let mut pages = client.pages(ParamsGetMultipleLeads::new().with_batch_size(100));
//! while let Some(page) = pages.next_page().await {
//!     let leads = page?.result.lead_record_list.into_value().unwrap_or_default();
//!     println!("{} lead(s) on this page", leads.lead_record.len());
//! }
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
//! use mktows::prelude::*;
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
//! use mktows::prelude::*;
//! use mktows::types::ParamsGetMultipleLeads;
//! let mut pages = client.pages(ParamsGetMultipleLeads::new());
//! while let Some(page) = pages.next_page().await {
//!     for lead in page?.result.lead_record_list.into_value().unwrap_or_default().lead_record {
//!         println!("{:?}", lead.email.value());
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! # Features
//! - `simulator`: the `simulator` module (an axum/hyper server on loopback). Off by default.
//!
//! There is deliberately no `serde` feature for the generated types. Measured on this crate,
//! `serde::Serialize` and `Deserialize` derives on them made the crate itself take about 1.8 times
//! as long to compile (debug build, non-incremental, five alternating runs: 4.5 s against 8.4 s on
//! average, 1.6 to 2.1 times per pair). And serde's data model has no specified place for what the
//! XML keeps apart: an absent element, an `xsi:nil` one and an empty one; raw `xs:any` content
//! with its namespace declarations; a dateTime without a time zone. A JSON form of these types
//! would be a second wire format with no specification behind it. To store or log a value, write
//! it as the XML it is ([`xml::XmlWriter`]) and read it back with [`xml::XmlReader`]: that form
//! round-trips.
#![forbid(unsafe_code)]

/// The names most programs need, in one import: `use mktows::prelude::*;`.
///
/// Holds the client and its key, the [`MarketoError`] extension trait (so `err.fault_code()`
/// works on [`Error`]), [`FaultCode`], and [`xml::Nillable`] with its reader
/// [`xml::OptionNillable`] (`.value()`, `.is_nil()` on `Option<Nillable<T>>`). The generated
/// types are not in it (there are over a hundred; import them from [`types`]), nor are
/// [`Error`] and [`ErrorKind`], whose names would clash with other crates' preludes.
pub mod prelude {
    pub use crate::xml::{Nillable, OptionNillable};
    pub use crate::{Client, FaultCode, MarketoError, SecretKey};
}

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
