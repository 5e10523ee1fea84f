//! One HTTP exchange: POST a SOAP envelope, read the reply within the size limit.
//!
//! Knows nothing about retries or XML: it reports what happened on the wire, classified by
//! whether the request could have reached the server.

use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use reqwest::{Response, Url};

use crate::error::{ErrorKind, TransportError};

/// `Content-Type` of a SOAP 1.1 request.
pub const SOAP11_CONTENT_TYPE: &str = "text/xml; charset=utf-8";

/// A complete HTTP reply (status, content type and the whole body, within the limit).
#[derive(Debug, Clone)]
pub(crate) struct HttpReply {
    /// HTTP status code.
    pub status: u16,
    /// `Content-Type` header, when present and readable.
    pub content_type: Option<String>,
    /// The body after content decoding (gzip).
    pub body: Vec<u8>,
}

/// What to send in one exchange.
pub(crate) struct SoapPost<'a> {
    pub http: &'a reqwest::Client,
    pub url: &'a Url,
    pub soap_action: &'a str,
    pub envelope: String,
    /// Bound on the whole exchange, first byte sent to last byte read.
    pub timeout: Duration,
    /// Largest body accepted.
    pub max_response_bytes: u64,
}

impl SoapPost<'_> {
    /// Sends the envelope and reads the reply.
    pub(crate) async fn send(self) -> Result<HttpReply, ErrorKind> {
        let timeout = self.timeout;
        match tokio::time::timeout(timeout, self.exchange()).await {
            Ok(result) => result,
            Err(_) => Err(ErrorKind::Transport(TransportError::timed_out(timeout))),
        }
    }

    async fn exchange(self) -> Result<HttpReply, ErrorKind> {
        let action = HeaderValue::from_str(&format!("\"{}\"", self.soap_action)).map_err(|_| {
            ErrorKind::InvalidRequest(format!(
                "SOAPAction `{}` is not a valid header value",
                self.soap_action.escape_debug()
            ))
        })?;
        let response = self
            .http
            .post(self.url.clone())
            .header(CONTENT_TYPE, SOAP11_CONTENT_TYPE)
            .header(ACCEPT, "text/xml")
            .header("SOAPAction", action)
            .body(self.envelope)
            .send()
            .await
            .map_err(|e| ErrorKind::Transport(TransportError::from_reqwest(e)))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = read_limited(response, self.max_response_bytes).await?;
        Ok(HttpReply {
            status,
            content_type,
            body,
        })
    }
}

/// Reads the body chunk by chunk, giving up as soon as it would exceed `limit` bytes (and
/// before reading anything when `Content-Length` already says so). Dropping the response
/// closes the connection, so the rest is never downloaded.
async fn read_limited(mut response: Response, limit: u64) -> Result<Vec<u8>, ErrorKind> {
    let too_large = || ErrorKind::ResponseTooLarge { limit };
    let declared = response.content_length();
    if declared.is_some_and(|len| len > limit) {
        return Err(too_large());
    }
    const INITIAL_CAPACITY: u64 = 64 * 1024;
    let capacity = declared.unwrap_or(INITIAL_CAPACITY).min(limit);
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| ErrorKind::Transport(TransportError::from_reqwest(e)))?
    {
        let total = u64::try_from(body.len())
            .ok()
            .and_then(|len| len.checked_add(u64::try_from(chunk.len()).ok()?));
        if total.is_none_or(|total| total > limit) {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
