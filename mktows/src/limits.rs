//! Default limits of a [`Client`](crate::Client), with the reason for each value.

use std::time::Duration;

/// TCP + TLS connection setup (20 s).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(20);

/// One whole attempt, from sending to the last response byte (90 s: Marketo calls are slow,
/// occasionally around 90 s, and the official samples use 90 s timeouts).
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(90);

/// Largest response body accepted, after gzip decompression (64 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// Marketo allows at most 10 concurrent calls per instance (more yield fault 20024).
pub const MARKETO_MAX_CONCURRENT_CALLS: usize = 10;

/// How much of a non-SOAP response body an error keeps (in characters).
pub const BODY_EXCERPT_CHARS: usize = 512;

/// Lead keys per `requestCampaign` call; Marketo silently ignores any beyond.
pub const MAX_REQUEST_CAMPAIGN_LEADS: usize = 100;
