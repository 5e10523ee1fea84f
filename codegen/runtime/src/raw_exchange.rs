//! The raw-exchange hook: every request envelope and response body, as sent and received.
//!
//! Vendor support usually asks for the raw request and response of a failing call. The request
//! XML contains whatever the headers carry (e.g. a user id, timestamp and signature, sent in
//! clear anyway) but never a key that only signs.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// One attempt's request and (if one arrived) response.
#[derive(Debug, Clone, Copy)]
pub struct RawExchange<'a> {
    /// WSDL operation name.
    pub operation: &'static str,
    /// 1-based attempt number (retries re-sign, so each attempt's XML differs).
    pub attempt: u32,
    /// The SOAP envelope that was sent.
    pub request_xml: &'a str,
    /// HTTP status, when a response arrived.
    pub status: Option<u16>,
    /// Response body (after gzip decoding), when it was read completely.
    pub response_body: Option<&'a [u8]>,
}

impl RawExchange<'_> {
    /// The response body as text (invalid UTF-8 replaced), for logging.
    pub fn response_text(&self) -> Option<Cow<'_, str>> {
        self.response_body.map(String::from_utf8_lossy)
    }
}

/// A shareable callback receiving every [`RawExchange`].
#[derive(Clone)]
pub(crate) struct RawExchangeHook(pub(crate) Arc<dyn Fn(&RawExchange<'_>) + Send + Sync>);

impl fmt::Debug for RawExchangeHook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RawExchangeHook")
    }
}
