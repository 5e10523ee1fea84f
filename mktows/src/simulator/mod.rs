//! A local Marketo SOAP API: a real HTTP server on 127.0.0.1 that speaks the mktows dialect.
//!
//! Marketo switched its SOAP API off on 2026-07-31, so this is where clients (ours and any
//! other) can run. It decodes requests and encodes responses with the same generated codecs
//! the client uses, checks the `AuthenticationHeader` signature, and answers with
//! Marketo-shaped results and faults from an in-memory instance ([`SimState`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), mktows::simulator::SimulatorError> {
//! use mktows::simulator::{Campaign, Simulator};
//! let sim = Simulator::builder()
//!     .seed(|s| {
//!         s.add_campaign(Campaign::requestable(4496, "Web Service Trigger", "Demo Program"));
//!         s.add_lead_with_email("lead@company.com");
//!     })
//!     .start()
//!     .await?;
//! println!("{}", sim.endpoint()); // http://127.0.0.1:PORT/soap/mktows/2_2
//! # Ok(()) }
//! ```
//!
//! # Behaviour and choices (where Marketo's documentation is silent)
//! - Authentication: a wrong user id or signature is 20014 "Authentication failed"; a
//!   timestamp more than ±5 minutes ([`DEFAULT_SIGNATURE_WINDOW`], configurable, and relative to
//!   an injectable clock) from the simulator's clock is 20016 "Request Expired".
//! - A SOAPAction header naming another operation than the body is 20012; a request without
//!   a SOAPAction is accepted.
//! - Faults are HTTP 500 with `faultcode` `SOAP-ENV:Client` (`SOAP-ENV:Server` for 10001 /
//!   20011), `faultstring` `"<code> - <message>"` and `detail/ns1:serviceException`.
//! - requestCampaign: `campaignId` alone (program tokens allowed, as Marketo's own example
//!   does) or `campaignName` + `programName`; other combinations are 20110. More than 100 lead
//!   keys: only the first 100 are used, like Marketo ("additional keys are ignored"); the
//!   recorded [`CampaignRun`] counts the ignored ones.
//! - getMultipleLeads pages by lead id with an opaque `streamPosition`; `batchSize` defaults
//!   to 100 and is capped at 1000; a position from another selector, or made up, is 20122.
//! - syncLead / syncMultipleLeads match Marketo ID, then ForeignSysPersonId, then cookie, then
//!   Email (unless `dedupEnabled` is false); an unknown Marketo ID is 20103.
//! - listOperation names lists by `MKTOLISTNAME` (plain or `Program.List`) and members by
//!   `IDNUM`; an unknown list is 20111; `strict` fails the whole call with 20103.
//! - Requests are counted per operation, with the peak number in flight
//!   ([`RunningSimulator::stats`]); [`SimulatorBuilder::concurrency_limit`] and
//!   [`SimulatorBuilder::rate_limit`] make the simulator answer 20024 / 20023 like Marketo
//!   (10 in flight, 100 calls per 20 s), and [`RunningSimulator::inject`] makes upcoming
//!   requests fail in chosen ways.
//! - Simulated operations: getLead, getMultipleLeads, syncLead, syncMultipleLeads,
//!   requestCampaign, scheduleCampaign, getCampaignsForSource, listOperation. Every other
//!   operation answers 20019 "Unsupported Operation".

mod auth;
mod builder;
mod fault;
mod injection;
mod ops;
mod rate_limit;
mod responses;
mod running;
mod server;
mod sniff;
mod state;
mod stats;
mod stream_position;

pub use auth::DEFAULT_SIGNATURE_WINDOW;
pub use builder::{
    DEFAULT_MAX_REQUEST_BYTES, DEFAULT_SECRET_KEY, DEFAULT_USER_ID, ENDPOINT_PATH, Simulator,
    SimulatorBuilder, SimulatorError,
};
pub use fault::{ServiceFault, codes, standard_message};
pub use injection::{Injection, InjectionRule};
pub use running::RunningSimulator;
pub use state::{
    Activity, ActivityFilter, ActivityPage, ActivityWindow, Campaign, CampaignRun, Channel,
    ChannelStatus, CustomObject, CustomObjectType, ImportRequest, ImportRun, LEAD_LINK_FIELD, Lead,
    LeadAttribute, LeadPage, LeadSelection, LeadUpsert, ListMembership, MObjectType,
    OPPORTUNITY_FIELDS, PERSON_ROLE_FIELDS, Program, ProgramCost, RunKind, SimState, StaticList,
    StoredMObject, SyncRules, TagType, UpsertOutcome, display_name,
};
pub use stats::{RecordedRequest, StatsSnapshot};
