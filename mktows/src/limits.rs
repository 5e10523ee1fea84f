//! Default limits of a [`Client`](crate::Client), with the reason for each value.

pub use soap_runtime::limits::{
    BODY_EXCERPT_CHARS, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_REQUEST_TIMEOUT,
};

/// Marketo allows at most 10 concurrent calls per instance (more yield fault 20024).
pub const MARKETO_MAX_CONCURRENT_CALLS: usize = 10;

/// Lead keys per `requestCampaign` call; Marketo silently ignores any beyond.
pub const MAX_REQUEST_CAMPAIGN_LEADS: usize = 100;

/// Lead records per `syncMultipleLeads` call, and Marketo's general SOAP batch size: "no larger
/// than 300. Larger sizes are not supported and may result in timeouts".
pub const MAX_SYNC_LEADS_BATCH: usize = 300;

/// Lead keys Marketo reads from one `LeadKeySelector` (getMultipleLeads ignores the rest,
/// getLeadChanges refuses more with a bad-parameter fault).
pub const MAX_SELECTOR_LEAD_KEYS: usize = 100;

/// Leads one `listOperation` call may name.
pub const MAX_LIST_OPERATION_LEADS: usize = 1000;

/// Largest `getMultipleLeads` page ("each call returns up to 1000 leads").
pub const MAX_GET_MULTIPLE_LEADS_BATCH: usize = 1000;

/// Largest `getLeadActivity` page ("System will limit to 100 or batchSize, whichever is less").
pub const MAX_LEAD_ACTIVITY_BATCH: usize = 100;

/// Largest `getLeadChanges` page (`batchSize` ≤ 1,000).
pub const MAX_LEAD_CHANGES_BATCH: usize = 1000;

/// Objects per `syncMObjects` / `syncCustomObjects` call and per `getMObjects` /
/// `getCustomObjects` page (≤ 100).
pub const MAX_OBJECTS_BATCH: usize = 100;

/// Longest `LastUpdateAtSelector` range in days (20022 beyond it).
pub const MAX_UPDATE_RANGE_DAYS: i64 = 30;
