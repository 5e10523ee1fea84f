//! Default limits of a [`Client`](crate::Client), with the reason for each value.

pub use soap_runtime::limits::{
    BODY_EXCERPT_CHARS, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_REQUEST_TIMEOUT,
};

/// Marketo allows at most 10 concurrent calls per instance (more yield fault 20024).
pub const MARKETO_MAX_CONCURRENT_CALLS: usize = 10;

/// Lead keys per `requestCampaign` call; Marketo silently ignores any beyond.
pub const MAX_REQUEST_CAMPAIGN_LEADS: usize = 100;
