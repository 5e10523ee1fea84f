//! One HTTP exchange: POST a SOAP envelope, read the reply within the size limit.
//!
//! Knows nothing about retries or XML: it reports what happened on the wire, classified by
//! whether the request could have reached the server.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Frame, SizeHint};
use reqwest::header::{CONTENT_TYPE, HeaderValue};
use reqwest::{Body, Response, Url};

use crate::envelope::SoapVersion;
use crate::error::{ErrorKind, TransportError};

/// `Content-Type` of a SOAP 1.1 request.
pub const SOAP11_CONTENT_TYPE: &str = "text/xml; charset=utf-8";

/// `Content-Type` of a SOAP 1.2 request without an action (with one, `; action="…"` follows).
pub const SOAP12_CONTENT_TYPE: &str = "application/soap+xml; charset=utf-8";

/// The HTTP headers that frame a request of `version` with `action`: SOAP 1.1 sends
/// `Content-Type: text/xml; charset=utf-8` and `SOAPAction: "{action}"`; SOAP 1.2 sends
/// `Content-Type: application/soap+xml; charset=utf-8; action="{action}"` (no `action`
/// parameter when the action is empty) and no `SOAPAction` header.
pub(crate) fn request_headers(
    version: SoapVersion,
    action: &str,
) -> Result<Vec<(&'static str, HeaderValue)>, String> {
    let invalid = || {
        format!(
            "SOAP action `{}` is not a valid header value",
            action.escape_debug()
        )
    };
    match version {
        SoapVersion::Soap11 => {
            let action = HeaderValue::from_str(&format!("\"{action}\"")).map_err(|_| invalid())?;
            Ok(vec![
                (
                    "content-type",
                    HeaderValue::from_static(SOAP11_CONTENT_TYPE),
                ),
                ("accept", HeaderValue::from_static("text/xml")),
                ("soapaction", action),
            ])
        }
        SoapVersion::Soap12 => {
            let content_type = if action.is_empty() {
                HeaderValue::from_static(SOAP12_CONTENT_TYPE)
            } else if action.contains('"') {
                return Err(invalid());
            } else {
                HeaderValue::from_str(&format!("{SOAP12_CONTENT_TYPE}; action=\"{action}\""))
                    .map_err(|_| invalid())?
            };
            Ok(vec![
                ("content-type", content_type),
                ("accept", HeaderValue::from_static("application/soap+xml")),
            ])
        }
    }
}

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
    pub version: SoapVersion,
    pub envelope: String,
    /// Bound on the whole exchange, first byte sent to last byte read.
    pub timeout: Duration,
    /// Largest body accepted.
    pub max_response_bytes: u64,
}

impl SoapPost<'_> {
    /// Sends the envelope and reads the reply.
    ///
    /// A failure (the request timeout included) before the HTTP client asked for the body is
    /// reported as [`TransportPhase::Connect`](crate::TransportPhase::Connect): the
    /// connection (TCP, then TLS) was never ready, so the server cannot have the request.
    pub(crate) async fn send(self) -> Result<HttpReply, ErrorKind> {
        let timeout = self.timeout;
        let body_requested = Arc::new(AtomicBool::new(false));
        let outcome = tokio::time::timeout(timeout, self.exchange(Arc::clone(&body_requested)));
        let sent = || body_requested.load(Ordering::Acquire);
        match outcome.await {
            Ok(Err(ErrorKind::Transport(failure))) if !sent() => {
                Err(ErrorKind::Transport(failure.before_sending()))
            }
            Ok(result) => result,
            Err(_) if !sent() => Err(ErrorKind::Transport(TransportError::connect_timed_out(
                timeout,
            ))),
            Err(_) => Err(ErrorKind::Transport(TransportError::timed_out(timeout))),
        }
    }

    async fn exchange(self, body_requested: Arc<AtomicBool>) -> Result<HttpReply, ErrorKind> {
        let headers =
            request_headers(self.version, self.soap_action).map_err(ErrorKind::InvalidRequest)?;
        let mut request = self.http.post(self.url.clone());
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let response = request
            .body(Body::wrap(EnvelopeBody {
                bytes: Some(Bytes::from(self.envelope)),
                requested: body_requested,
            }))
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

/// The request body, which records when the HTTP client first asks for it. The client asks
/// only once the connection is established (TCP connect and TLS handshake done) and the
/// request head is being written; until then nothing of the request can have reached the
/// server, and without its body the server cannot act on it.
struct EnvelopeBody {
    bytes: Option<Bytes>,
    requested: Arc<AtomicBool>,
}

impl http_body::Body for EnvelopeBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.requested.store(true, Ordering::Release);
        Poll::Ready(self.bytes.take().map(|bytes| Ok(Frame::data(bytes))))
    }

    fn is_end_stream(&self) -> bool {
        self.bytes.is_none()
    }

    /// Exact, so the request carries a `Content-Length` rather than chunked encoding.
    fn size_hint(&self) -> SizeHint {
        let len = self.bytes.as_ref().map_or(0, Bytes::len);
        SizeHint::with_exact(u64::try_from(len).unwrap_or(u64::MAX))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(version: SoapVersion, action: &str) -> Vec<(&'static str, String)> {
        request_headers(version, action)
            .expect("valid")
            .into_iter()
            .map(|(name, value)| (name, value.to_str().unwrap_or("?").to_owned()))
            .collect()
    }

    #[test]
    fn soap11_sends_text_xml_and_a_quoted_soapaction() {
        assert_eq!(
            headers(SoapVersion::Soap11, "urn:getPrice"),
            [
                ("content-type", "text/xml; charset=utf-8".to_owned()),
                ("accept", "text/xml".to_owned()),
                ("soapaction", "\"urn:getPrice\"".to_owned()),
            ]
        );
    }

    #[test]
    fn soap12_puts_the_action_in_the_content_type_and_sends_no_soapaction() {
        assert_eq!(
            headers(SoapVersion::Soap12, "urn:getPrice"),
            [
                (
                    "content-type",
                    "application/soap+xml; charset=utf-8; action=\"urn:getPrice\"".to_owned()
                ),
                ("accept", "application/soap+xml".to_owned()),
            ]
        );
        assert_eq!(
            headers(SoapVersion::Soap12, ""),
            [
                (
                    "content-type",
                    "application/soap+xml; charset=utf-8".to_owned()
                ),
                ("accept", "application/soap+xml".to_owned()),
            ]
        );
    }

    #[test]
    fn actions_that_cannot_be_framed_are_refused() {
        assert!(request_headers(SoapVersion::Soap11, "a\nb").is_err());
        let quoted = request_headers(SoapVersion::Soap12, "a\"b");
        assert!(quoted.is_err_and(|e| e.contains("not a valid header value")));
    }
}
