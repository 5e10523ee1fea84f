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
//! # Hostile clients
//! The server is built so slow, idle or greedy clients cannot lock it out or grow it:
//! - at most [`DEFAULT_MAX_CONNECTIONS`] connections at once ([`SimulatorBuilder::max_connections`],
//!   lowered to leave [`RESERVED_FILE_DESCRIPTORS`] of the open-file limit free); at the cap the
//!   longest-idle connection is closed to make room, and a new client waits only while every
//!   connection is answering a request ([`RunningSimulator::open_connections`] counts them);
//! - a connection that does not deliver a complete request head within
//!   [`DEFAULT_IDLE_TIMEOUT`] of starting to wait for one (idle, kept alive, or trickling its
//!   headers) is closed ([`SimulatorBuilder::idle_timeout`]);
//! - a request body must arrive in full within [`DEFAULT_BODY_TIMEOUT`], else HTTP 408
//!   ([`SimulatorBuilder::body_timeout`]), and be at most [`DEFAULT_MAX_REQUEST_BYTES`], else
//!   HTTP 413 with a 20012 fault ([`SimulatorBuilder::max_request_bytes`]);
//! - operations run on Tokio's blocking pool, so a long one (or a held [`RunningSimulator::state`]
//!   guard) never stalls other connections, `GET ?WSDL` included;
//! - recorded requests ([`StatsSnapshot::recent_requests`]) are bounded: the last
//!   [`RECORDED_REQUESTS`], each body cut to [`RECORDED_BODY_BYTES`], at most
//!   [`RECORDED_TOTAL_BYTES`] in all;
//! - `GET <endpoint>?WSDL` serves the configured WSDL with its `soap:address` pointing at the
//!   simulator's own endpoint.
//!
//! # Behaviour and choices (where Marketo's documentation is silent)
//! - Authentication: a wrong user id or signature is 20014 "Authentication failed"; a
//!   timestamp more than ±5 minutes ([`DEFAULT_SIGNATURE_WINDOW`], configurable, and relative to
//!   an injectable clock) from the simulator's clock is 20016 "Request Expired".
//! - A SOAPAction header naming another operation than the body is 20012; a request without
//!   a SOAPAction is accepted.
//! - Faults are HTTP 500 with `faultcode` `SOAP-ENV:Client` (`SOAP-ENV:Server` for 10001 /
//!   20011), `faultstring` `"<code> - <message>"` and `detail/ns1:serviceException`.
//! - requestCampaign: the parameter sets of [`crate::guards::request_campaign_target`]
//!   (`campaignId` alone, program tokens allowed as Marketo's own example does, or
//!   `campaignName` + `programName`); other combinations are 20110. More than 100 lead keys:
//!   only the first 100 are used, like Marketo ("additional keys are ignored"); the recorded
//!   [`CampaignRun`] counts the ignored ones. Each lead gets a "Request Campaign" activity.
//!   scheduleCampaign logs no lead activity: a batch campaign's audience is its smart list,
//!   which is not simulated.
//! - getMultipleLeads pages by lead id with an opaque `streamPosition`; `batchSize` defaults
//!   to 100 and is capped at 1000; a position from another selector, or made up, is 20122.
//! - syncLead matches Marketo ID, then ForeignSysPersonId, then cookie, then Email, and writes
//!   the record's `<Email>`; syncMultipleLeads matches Marketo ID, then ForeignSysPersonId,
//!   then Email (unless `dedupEnabled` is false) and writes `<Email>` only for a new lead or
//!   when `Email` is in the attribute list ([`SyncRules`]). An unknown Marketo ID is 20103;
//!   more than 300 records in one syncMultipleLeads is 20110 (Marketo documents 300 as the
//!   maximum and no code; "Bad Parameter" is our choice). Lookups by email, foreign id and
//!   cookie are hash-indexed.
//! - listOperation names lists by `MKTOLISTNAME` (plain or `Program.List`) and members by
//!   `IDNUM`, at most 1,000 per call (20110 beyond); an unknown list is 20111; `strict` fails
//!   the whole call with 20103.
//! - Activity log: lead created ("New Lead"), field changed ("Change Data Value", one per
//!   field with Old/New Value), list membership ("Add to List" / "Remove from List"), campaign
//!   requested ("Request Campaign"), merge ("Merge Leads"; the losers' history moves to the
//!   winner), person role added or removed ("Add to Opportunity" / "Remove from Opportunity"),
//!   opportunity changed ("Update Opportunity" for its persons), custom object linked by its
//!   `MKTOID` key ("Add / Update / Delete Custom Object": Marketo documented no SOAP type for
//!   these). Filters take the enum tokens (`NewLead`), records carry display names ("New
//!   Lead"); an unknown token is 20107, include and exclude together 20110.
//! - getLeadActivity returns one lead's activities newest first, `batchSize` ≤ 100 (default
//!   100); getLeadChanges returns all (or the `leadSelector`'s) leads' activities oldest first
//!   from `oldestCreatedAt` (else `activityCreatedAt`) up to `latestCreatedAt`, `batchSize`
//!   ≤ 1,000 (default 100); a LeadKeySelector of more than 100 keys is 20110, a
//!   `startPosition` with none of its fields 20109. `newStartPosition.offset` is
//!   `ID:<last activity id>`; a made-up offset is 20122; `remainingCount` is exact.
//! - MObjects: listMObjects and describeMObject cover ActivityRecord, LeadRecord, Opportunity
//!   and OpportunityPersonRole; syncMObjects (≤ 100, INSERT / UPDATE / UPSERT keyed on id, else
//!   the newest object with the external key) answers CREATED / UPDATED / UNCHANGED / FAILED
//!   per object; Program accepts only UPDATE of `Cost` and `Tag` type attributes (existing
//!   tags and channels only). getMObjects filters by id, external key, criteria (EQ NE LT LE GT
//!   GE, numbers and dates compared as such; `Include Archive`, `Tag Type`, `Tag Value`, `CRM
//!   Id`, `Created At`, `Updated At` as documented) and Lead / Opportunity / Company
//!   associations, 100 per page; deleteMObjects deletes Opportunity (with its roles) and
//!   OpportunityPersonRole.
//! - Custom objects: types live in the state ([`CustomObjectType`]), matched
//!   case-insensitively and echoed with their defined name; records are identified by all key
//!   fields; INSERT of an existing record and UPDATE of a missing one are FAILED, as are unknown
//!   fields; an unknown type is 20110. getCustomObjects filters by any subset of the keys,
//!   `batchSize` ≤ 100 (default 100), `remainingCount` exact.
//! - getMObjects and getCustomObjects return a `newStreamPosition` with their last page too
//!   (as the documented responses do); continuing from it is 20123 "Stream at End".
//! - mergeLeads: key lists are `attribute{attrName=<key type>, attrValue}` naming exactly one
//!   lead each (none: 20103; several: 20110). The winner keeps its values, gains fields it
//!   lacks, the losers' list memberships and activities; the losers are deleted (getLead: 20103).
//! - importToList applies the rows at once (display-name header, `UPSERTLEADS` upserts by
//!   email, `LISTONLY` adds known leads and ignores the rest, `clearList` empties the list
//!   first) and answers PROCESSING; getImportToListStatus then answers the final COMPLETE (or
//!   FAILED when no row was imported) with the row counts; no import yet: 20111.
//! - getChannels / getTags answer from the seeded catalogue ([`SimState::add_channel`],
//!   [`SimState::add_tag_type`]), filtered by the names asked for.
//! - [`SimState::demo`] holds everything but the leads that the documented examples name;
//!   [`SimState::documented`] (what the standalone example serves) adds their leads and
//!   records, so each documented request works out of the box.
//! - Requests are counted per operation, with the peak number in flight
//!   ([`RunningSimulator::stats`]); [`SimulatorBuilder::concurrency_limit`] and
//!   [`SimulatorBuilder::rate_limit`] make the simulator answer 20024 / 20023 like Marketo
//!   (10 in flight, 100 calls per 20 s), and [`RunningSimulator::inject`] makes upcoming
//!   requests fail in chosen ways.
//! - All 23 operations of the WSDL are simulated.

mod auth;
mod builder;
mod connections;
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
    DEFAULT_BODY_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_REQUEST_BYTES,
    DEFAULT_SECRET_KEY, DEFAULT_USER_ID, ENDPOINT_PATH, RESERVED_FILE_DESCRIPTORS, Simulator,
    SimulatorBuilder, SimulatorError,
};
pub use fault::{ServiceFault, codes, standard_message};
pub use injection::{Injection, InjectionRule};
pub use running::RunningSimulator;
pub use state::{
    Activity, ActivityFilter, ActivityPage, ActivityWindow, Campaign, CampaignRun, Channel,
    ChannelStatus, CustomObject, CustomObjectType, FixtureError, ImportRequest, ImportRun,
    LEAD_LINK_FIELD, Lead, LeadAttribute, LeadPage, LeadSelection, LeadUpsert, ListMembership,
    MObjectType, OPPORTUNITY_FIELDS, PERSON_ROLE_FIELDS, Program, ProgramCost, RunKind, SimState,
    StaticList, StoredMObject, SyncRules, TagType, UpsertOutcome, display_name,
};
pub use stats::{
    RECORDED_BODY_BYTES, RECORDED_REQUESTS, RECORDED_TOTAL_BYTES, RecordedRequest, StatsSnapshot,
};
