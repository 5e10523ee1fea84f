//! Reading a complete HTTP reply: the decoded response, a typed fault, or why neither.

use crate::envelope::{self, EnvelopeError, ReplyHeaders};
use crate::error::ErrorKind;
use crate::limits::BODY_EXCERPT_CHARS;
use crate::operation::OperationMeta;
use crate::transport::HttpReply;
use crate::xml::{DecodeError, DecodeOptions, XmlDecode};

/// Turns a complete HTTP reply into the decoded response or a classified failure.
pub(crate) fn interpret_reply<R: XmlDecode>(
    op: &OperationMeta,
    reply: HttpReply,
    options: &DecodeOptions,
) -> Result<R, ErrorKind> {
    read_envelope(reply, |text| {
        envelope::read_response::<R>(
            text,
            op.response_namespace,
            op.response_element,
            options.clone(),
        )
    })
}

/// Like [`interpret_reply`], with the reply's declared SOAP headers decoded into `H`.
pub(crate) fn interpret_reply_with_headers<R: XmlDecode, H: ReplyHeaders + Default>(
    op: &OperationMeta,
    reply: HttpReply,
    options: &DecodeOptions,
) -> Result<(R, H), ErrorKind> {
    read_envelope(reply, |text| {
        envelope::read_response_with_headers::<R, H>(
            text,
            op.namespace,
            op.response_element,
            options.clone(),
        )
    })
}

/// Turns the reply to a one-way request into `()` or a classified failure. The server accepts
/// with a 2xx status (200 or 202) and an empty body; an envelope with an empty `Body` is
/// tolerated, and a SOAP fault comes back typed whatever the status.
pub(crate) fn interpret_one_way_reply(
    _op: &OperationMeta,
    reply: HttpReply,
    options: &DecodeOptions,
) -> Result<(), ErrorKind> {
    if reply.body.iter().all(u8::is_ascii_whitespace) {
        return if (200..300).contains(&reply.status) {
            Ok(())
        } else {
            Err(http_status_error(reply))
        };
    }
    read_envelope(reply, |text| {
        envelope::read_empty_response(text, options.clone())
    })
}

/// Reads the reply's envelope with `read` when the reply looks like XML: `read`'s value with a
/// 2xx status, its fault whatever the status, and otherwise a decode error (2xx) or the status.
fn read_envelope<T>(
    reply: HttpReply,
    read: impl FnOnce(&str) -> Result<T, EnvelopeError>,
) -> Result<T, ErrorKind> {
    let success_status = (200..300).contains(&reply.status);
    let xml_like = reply.content_type.as_deref().is_none_or(|ct| {
        ct.as_bytes()
            .windows(3)
            .any(|w| w.eq_ignore_ascii_case(b"xml"))
    });
    if !xml_like {
        return Err(http_status_error(reply));
    }
    let text = match std::str::from_utf8(&reply.body) {
        Ok(text) => text,
        Err(e) if success_status => return Err(ErrorKind::Decode(not_utf8(e))),
        Err(_) => return Err(http_status_error(reply)),
    };
    match read(text) {
        Ok(value) if success_status => Ok(value),
        Err(EnvelopeError::Fault(fault)) => Err(ErrorKind::Fault(fault)),
        Err(EnvelopeError::Decode(error)) if success_status => Err(ErrorKind::Decode(error)),
        // An error status whose body is not a readable fault: report the status.
        _ => Err(http_status_error(reply)),
    }
}

fn http_status_error(reply: HttpReply) -> ErrorKind {
    ErrorKind::HttpStatus {
        status: reply.status,
        content_type: reply.content_type,
        body_excerpt: body_excerpt(&reply.body),
    }
}

/// The first [`BODY_EXCERPT_CHARS`] characters of a body, decoded lossily. At most four bytes
/// per character are looked at, so the cut never splits a character inside the excerpt.
pub(crate) fn body_excerpt(body: &[u8]) -> String {
    let window = body.get(..BODY_EXCERPT_CHARS * 4).unwrap_or(body);
    String::from_utf8_lossy(window)
        .chars()
        .take(BODY_EXCERPT_CHARS)
        .collect()
}

fn not_utf8(error: std::str::Utf8Error) -> DecodeError {
    let offset = u64::try_from(error.valid_up_to()).ok();
    DecodeError::other("the response is not UTF-8", offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::{DecodeError, ElementStart, Form, XmlReader};

    const REQUEST_CAMPAIGN: OperationMeta = OperationMeta {
        name: "requestCampaign",
        soap_action: "",
        soap_version: crate::envelope::SoapVersion::Soap11,
        namespace: "http://www.marketo.com/mktows/",
        response_namespace: "http://www.marketo.com/mktows/",
        request_element: "paramsRequestCampaign",
        response_element: "successRequestCampaign",
        input_headers: &[],
        idempotent: false,
    };

    /// `successRequestCampaign/result/success`, read by a small hand-written decoder.
    #[derive(Debug)]
    struct SuccessRequestCampaign {
        success: bool,
    }

    impl XmlDecode for SuccessRequestCampaign {
        fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
            let mut success = false;
            while let Some(child) = r.next_child(Form::Unqualified)? {
                match child.local_name() {
                    "result" => success = r.complex::<Self>(&child)?.success,
                    "success" => success = r.simple(&child)?,
                    _ => r.unknown(&child)?,
                }
            }
            Ok(Self { success })
        }
    }

    const SUCCESS: &str = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" \
        xmlns:ns1=\"http://www.marketo.com/mktows/\"><SOAP-ENV:Body><ns1:successRequestCampaign>\
        <result><success>true</success></result></ns1:successRequestCampaign></SOAP-ENV:Body>\
        </SOAP-ENV:Envelope>";
    const FAULT: &str = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\">\
        <SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode>\
        <faultstring>20113 - Campaign Not Found</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body>\
        </SOAP-ENV:Envelope>";

    fn interpret(
        status: u16,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<SuccessRequestCampaign, ErrorKind> {
        let reply = HttpReply {
            status,
            content_type: content_type.map(str::to_owned),
            body: body.to_vec(),
        };
        interpret_reply(&REQUEST_CAMPAIGN, reply, &DecodeOptions::default())
    }

    #[test]
    fn success_needs_a_2xx_status() {
        let ok = interpret(200, Some("text/xml;charset=UTF-8"), SUCCESS.as_bytes());
        assert!(ok.is_ok_and(|r| r.success));
        assert!(interpret(200, None, SUCCESS.as_bytes()).is_ok());
        // Media types are case-insensitive.
        let upper = interpret(200, Some("Application/SOAP+XML"), SUCCESS.as_bytes());
        assert!(upper.is_ok(), "{upper:?}");
        let odd = interpret(500, Some("text/xml"), SUCCESS.as_bytes());
        assert!(
            matches!(odd, Err(ErrorKind::HttpStatus { status: 500, .. })),
            "{odd:?}"
        );
    }

    #[test]
    fn faults_are_typed_whatever_the_status() {
        for status in [500, 200] {
            let fault = interpret(status, Some("text/xml"), FAULT.as_bytes());
            match fault {
                Err(ErrorKind::Fault(fault)) => {
                    assert_eq!(fault.fault_code_local(), "Client");
                    assert_eq!(fault.fault_string, "20113 - Campaign Not Found");
                }
                other => panic!("{status}: unexpected {other:?}"),
            }
        }
    }

    #[test]
    fn non_xml_answers_are_http_status_errors() {
        let html = interpret(200, Some("text/html"), b"<html>login</html>");
        assert!(
            matches!(html, Err(ErrorKind::HttpStatus { status: 200, .. })),
            "{html:?}"
        );
        let garbage = interpret(503, Some("text/xml"), b"<busy");
        assert!(
            matches!(garbage, Err(ErrorKind::HttpStatus { status: 503, .. })),
            "{garbage:?}"
        );
        let binary = interpret(502, Some("text/xml"), &[0xff, 0xfe]);
        assert!(
            matches!(binary, Err(ErrorKind::HttpStatus { status: 502, .. })),
            "{binary:?}"
        );
    }

    #[test]
    fn bad_bodies_with_a_success_status_are_decode_errors() {
        let binary = interpret(200, Some("text/xml"), &[b'<', 0xff]);
        match binary {
            Err(ErrorKind::Decode(error)) => assert_eq!(error.offset(), Some(1)),
            other => panic!("unexpected {other:?}"),
        }
        let wrong_body = SUCCESS.replace("successRequestCampaign", "successGetLead");
        let decode = interpret(200, Some("text/xml"), wrong_body.as_bytes());
        assert!(matches!(decode, Err(ErrorKind::Decode(_))), "{decode:?}");
    }

    const NOTIFY: OperationMeta = OperationMeta {
        name: "notify",
        response_element: "",
        ..REQUEST_CAMPAIGN
    };

    fn interpret_one_way(
        status: u16,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<(), ErrorKind> {
        let reply = HttpReply {
            status,
            content_type: content_type.map(str::to_owned),
            body: body.to_vec(),
        };
        interpret_one_way_reply(&NOTIFY, reply, &DecodeOptions::default())
    }

    const EMPTY_ENVELOPE: &str = "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\">\
        <e:Header/><e:Body/></e:Envelope>";

    #[test]
    fn one_way_is_accepted_by_a_2xx_status_with_no_body_or_an_empty_envelope() {
        assert!(interpret_one_way(202, None, b"").is_ok());
        assert!(interpret_one_way(200, Some("text/html"), b" \r\n").is_ok());
        assert!(interpret_one_way(200, Some("text/xml"), EMPTY_ENVELOPE.as_bytes()).is_ok());
        let soap12 = "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body>\
            </e:Body></e:Envelope>";
        assert!(interpret_one_way(202, Some("application/soap+xml"), soap12.as_bytes()).is_ok());
    }

    #[test]
    fn one_way_failures_keep_their_status_or_fault() {
        let refused = interpret_one_way(500, None, b"");
        assert!(
            matches!(refused, Err(ErrorKind::HttpStatus { status: 500, .. })),
            "{refused:?}"
        );
        let empty_envelope = interpret_one_way(503, Some("text/xml"), EMPTY_ENVELOPE.as_bytes());
        assert!(
            matches!(
                empty_envelope,
                Err(ErrorKind::HttpStatus { status: 503, .. })
            ),
            "{empty_envelope:?}"
        );
        for status in [500, 200] {
            match interpret_one_way(status, Some("text/xml"), FAULT.as_bytes()) {
                Err(ErrorKind::Fault(fault)) => {
                    assert_eq!(fault.fault_string, "20113 - Campaign Not Found");
                }
                other => panic!("{status}: unexpected {other:?}"),
            }
        }
        let html = interpret_one_way(200, Some("text/html"), b"<html>login</html>");
        assert!(
            matches!(html, Err(ErrorKind::HttpStatus { status: 200, .. })),
            "{html:?}"
        );
    }

    #[test]
    fn a_one_way_answer_with_a_body_element_is_a_decode_error() {
        match interpret_one_way(200, Some("text/xml"), SUCCESS.as_bytes()) {
            Err(ErrorKind::Decode(error)) => {
                let message = error.to_string();
                assert!(message.contains("one-way"), "{message}");
                assert!(message.contains("successRequestCampaign"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
        let broken = interpret_one_way(202, Some("text/xml"), b"<e:Envelope");
        assert!(matches!(broken, Err(ErrorKind::Decode(_))), "{broken:?}");
    }

    #[test]
    fn body_excerpt_is_bounded_and_utf8_safe() {
        assert_eq!(body_excerpt(b"short"), "short");
        let long = "ж".repeat(1000);
        let excerpt = body_excerpt(long.as_bytes());
        assert_eq!(excerpt.chars().count(), BODY_EXCERPT_CHARS);
        assert!(excerpt.chars().all(|c| c == 'ж'));
        let cut = body_excerpt(&long.as_bytes()[..5]);
        assert_eq!(cut, "жж\u{FFFD}");
        assert_eq!(body_excerpt(&[0xff, b'a']), "\u{FFFD}a");
    }
}
