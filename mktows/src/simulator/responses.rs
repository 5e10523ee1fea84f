//! HTTP responses the simulator sends: SOAP successes and faults, and the deliberately broken
//! bodies of [`Injection`](super::Injection).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::ServiceException;
use crate::envelope::{self, SoapFault};
use crate::simulator::fault::ServiceFault;

/// `Content-Type` of every SOAP 1.1 response.
const SOAP_CONTENT_TYPE: &str = "text/xml; charset=utf-8";
/// Marketo's target namespace.
const MKTOWS_NS: &str = "http://www.marketo.com/mktows/";

/// A body with a status and content type.
fn with_type(status: StatusCode, content_type: &'static str, body: String) -> Response {
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// HTTP 200 with a SOAP envelope.
pub(crate) fn soap_ok(envelope: String) -> Response {
    with_type(StatusCode::OK, SOAP_CONTENT_TYPE, envelope)
}

/// HTTP 500 with a Marketo-shaped SOAP fault.
pub(crate) fn soap_fault(fault: &ServiceFault) -> Response {
    with_type(
        StatusCode::INTERNAL_SERVER_ERROR,
        SOAP_CONTENT_TYPE,
        fault_envelope(fault),
    )
}

/// A plain-text response (404, 405, 503, …).
pub(crate) fn text(status: StatusCode, message: impl Into<String>) -> Response {
    with_type(status, "text/plain; charset=utf-8", message.into())
}

/// An HTML error page like a proxy or load balancer sends.
pub(crate) fn html_page(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    let reason = status.canonical_reason().unwrap_or("Error");
    let body = format!(
        "<!DOCTYPE html>\n<html><head><title>{code} {reason}</title></head>\
         <body><h1>{code} {reason}</h1><p>The upstream server did not answer.</p></body></html>\n",
        code = status.as_u16()
    );
    with_type(status, "text/html; charset=utf-8", body)
}

/// HTTP 200 whose XML declares an internal DTD subset with an entity.
pub(crate) fn doctype_body() -> Response {
    let body = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE SOAP-ENV:Envelope [<!ENTITY x \"true\">]>\n\
         <SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"{MKTOWS_NS}\">\
         <SOAP-ENV:Body><ns1:successRequestCampaign><result><success>&x;</success></result>\
         </ns1:successRequestCampaign></SOAP-ENV:Body></SOAP-ENV:Envelope>\n"
    );
    soap_ok(body)
}

/// HTTP 200 with XML whose end tags do not match.
pub(crate) fn malformed_body() -> Response {
    let body = format!(
        "<?xml version=\"1.0\"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"{MKTOWS_NS}\">\
         <SOAP-ENV:Body><ns1:successRequestCampaign><result><success>true</succes></result>\
         </ns1:successRequestCampaign></SOAP-ENV:Body></SOAP-ENV:Envelope>\n"
    );
    soap_ok(body)
}

/// HTTP 200 with a well-formed requestCampaign success padded by a comment to `bytes` bytes.
pub(crate) fn oversized_body(bytes: usize) -> Response {
    let head = format!(
        "<?xml version=\"1.0\"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"{MKTOWS_NS}\"><SOAP-ENV:Body><!--"
    );
    let tail = "--><ns1:successRequestCampaign><result><success>true</success></result></ns1:successRequestCampaign></SOAP-ENV:Body></SOAP-ENV:Envelope>\n";
    let padding = bytes.saturating_sub(head.len() + tail.len());
    let mut body = String::with_capacity(head.len() + padding + tail.len());
    body.push_str(&head);
    body.extend(std::iter::repeat_n(' ', padding));
    body.push_str(tail);
    soap_ok(body)
}

/// The first half of `body` (cut on a character boundary).
pub(crate) fn truncated(body: &str) -> String {
    let mut cut = body.len() / 2;
    while cut > 0 && !body.is_char_boundary(cut) {
        cut -= 1;
    }
    body.get(..cut).unwrap_or_default().to_owned()
}

/// The fault envelope, shaped exactly like the documented 20014 example.
pub(crate) fn fault_envelope(fault: &ServiceFault) -> String {
    let soap_fault = SoapFault {
        fault_code: fault.soap_fault_code().to_owned(),
        fault_string: fault.fault_string(),
        fault_actor: None,
        detail: vec![
            ServiceException {
                name: Some("mktServiceException".to_owned()),
                message: Some(fault.detail_message()),
                code: Some(fault.code.to_string()),
            }
            .to_detail_entry(MKTOWS_NS),
        ],
        ..SoapFault::default()
    };
    envelope::write_fault(&soap_fault)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_respects_character_boundaries() {
        assert_eq!(truncated("abcd"), "ab");
        assert_eq!(truncated("é"), "");
    }

    #[test]
    fn fault_envelope_carries_the_documented_fields() {
        let xml = fault_envelope(&ServiceFault::new(20014));
        assert!(xml.contains("<faultcode>SOAP-ENV:Client</faultcode>"));
        assert!(xml.contains("<faultstring>20014 - Authentication failed</faultstring>"));
        assert!(xml.contains("<message>Authentication failed (20014)</message><code>20014</code>"));
    }
}
