//! Finds which operation a request body is for, before (and independently of) decoding it,
//! so request counting and per-operation fault injection also work for bodies that later fail
//! to decode.

use quick_xml::Reader;
use quick_xml::events::Event;

/// The most events read while looking for the body root (hostile input guard).
const MAX_EVENTS: usize = 10_000;

/// The WSDL operation name of a request body: the local name of the first element inside
/// `Envelope/Body`, without its `params` prefix (`paramsRequestCampaign` → `requestCampaign`).
/// None for anything that is not shaped like a SOAP request or declares a DOCTYPE.
pub(crate) fn body_operation(body: &str) -> Option<String> {
    let mut reader = Reader::from_str(body);
    let mut depth = 0usize;
    let mut in_body = false;
    for _ in 0..MAX_EVENTS {
        match reader.read_event().ok()? {
            Event::Start(start) => {
                depth += 1;
                let local = start.local_name();
                if in_body && depth == 3 {
                    return operation_from_root(local.as_ref());
                }
                if depth == 2 && local.as_ref() == "Body" {
                    in_body = true;
                }
            }
            Event::Empty(start) if in_body && depth == 2 => {
                return operation_from_root(start.local_name().as_ref());
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth < 2 {
                    in_body = false;
                }
            }
            Event::DocType(_) | Event::Eof => return None,
            _ => {}
        }
    }
    None
}

/// `paramsGetLead` → `getLead`.
fn operation_from_root(name: &str) -> Option<String> {
    let rest = name.strip_prefix("params")?;
    let mut chars = rest.chars();
    let first = chars.next()?;
    Some(first.to_lowercase().chain(chars).collect())
}

/// The operation a SOAPAction header names: the part after the last `/`, unquoted
/// (`"http://www.marketo.com/mktows/requestCampaign"` → `requestCampaign`).
pub(crate) fn soap_action_operation(soap_action: &str) -> Option<&str> {
    let action = soap_action.trim().trim_matches('"');
    let name = action.rsplit('/').next()?;
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_body_root_operation() {
        let body = r#"<?xml version="1.0"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://www.marketo.com/mktows/"><S:Header><m:AuthenticationHeader><mktowsUserId>u</mktowsUserId></m:AuthenticationHeader></S:Header><S:Body><m:paramsRequestCampaign><source>MKTOWS</source></m:paramsRequestCampaign></S:Body></S:Envelope>"#;
        assert_eq!(body_operation(body).as_deref(), Some("requestCampaign"));
        let empty = r#"<S:Envelope xmlns:S="x"><S:Body><m:paramsListMObjects xmlns:m="y"/></S:Body></S:Envelope>"#;
        assert_eq!(body_operation(empty).as_deref(), Some("listMObjects"));
        assert_eq!(body_operation("<!DOCTYPE x><x/>"), None);
        assert_eq!(body_operation("not xml <<<"), None);
        assert_eq!(
            body_operation("<S:Envelope xmlns:S=\"x\"><S:Body><other/></S:Body></S:Envelope>"),
            None
        );
    }

    #[test]
    fn reads_the_soap_action() {
        assert_eq!(
            soap_action_operation("\"http://www.marketo.com/mktows/getLead\""),
            Some("getLead")
        );
        assert_eq!(soap_action_operation("\"\""), None);
    }
}
