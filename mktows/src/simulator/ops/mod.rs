//! The simulated operations: decode the request envelope with the generated codecs, check the
//! SOAPAction and the signature, run the operation against the state, encode the answer.

mod campaigns;
mod convert;
mod leads;
mod lists;

use crate::envelope;
use crate::generated::operations::Request;
use crate::generated::types::{AuthenticationHeaderInfo, TARGET_NAMESPACE};
use crate::operation::OperationMeta;
use crate::simulator::auth::{self, SignedFields};
use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::server::Shared;
use crate::simulator::sniff;
use crate::xml::{DecodeOptions, XmlEncode};

/// A decoded request envelope.
struct DecodedRequest {
    /// The `AuthenticationHeader`, when sent.
    auth: Option<AuthenticationHeaderInfo>,
    /// The body, by operation.
    request: Request,
}

/// Answers one SOAP request body with a response envelope or a service fault.
pub(crate) fn handle(
    shared: &Shared,
    soap_action: Option<&str>,
    body: &str,
) -> Result<String, ServiceFault> {
    let decoded = decode(body)?;
    let op = decoded.request.operation();
    check_soap_action(soap_action, op)?;
    let Some(header) = &decoded.auth else {
        return Err(ServiceFault::new(codes::AUTHENTICATION_FAILED));
    };
    auth::verify(
        &shared.credentials,
        shared.signature_window,
        shared.now(),
        SignedFields {
            user_id: &header.mktows_user_id,
            signature: &header.request_signature,
            timestamp: &header.request_timestamp,
        },
    )?;
    dispatch(shared, decoded.request, op)
}

/// Reads the envelope: the `AuthenticationHeader` (other headers are skipped) and the body.
/// Not an envelope, or not decodable: 20012; a body element of no operation: 20019.
fn decode(body: &str) -> Result<DecodedRequest, ServiceFault> {
    let not_understood =
        |e: crate::xml::DecodeError| ServiceFault::with_detail(codes::REQUEST_NOT_UNDERSTOOD, e);
    let mut reader =
        envelope::read_request(body, DecodeOptions::default()).map_err(not_understood)?;
    let mut auth = None;
    while let Some(header) = reader.next_header().map_err(not_understood)? {
        if header.local_name() == crate::AUTHENTICATION_HEADER
            && header.namespace() == Some(TARGET_NAMESPACE)
        {
            let value = reader
                .reader()
                .complex::<AuthenticationHeaderInfo>(&header)
                .map_err(|e| not_understood(e.within("Header")))?;
            auth = Some(value);
        } else {
            reader.reader().skip(&header).map_err(not_understood)?;
        }
    }
    let root = reader.body().map_err(not_understood)?;
    let request = match Request::decode(reader.reader(), &root) {
        Ok(Some(request)) => request,
        Ok(None) => {
            return Err(ServiceFault::with_detail(
                codes::UNSUPPORTED_OPERATION,
                format!("no operation has the body element {}", root.expanded_name()),
            ));
        }
        Err(e) => return Err(not_understood(e)),
    };
    reader.finish().map_err(not_understood)?;
    Ok(DecodedRequest { auth, request })
}

/// A SOAPAction naming another operation than the body is 20012; none (or `""`) is accepted.
fn check_soap_action(soap_action: Option<&str>, op: &OperationMeta) -> Result<(), ServiceFault> {
    let Some(named) = soap_action.and_then(sniff::soap_action_operation) else {
        return Ok(());
    };
    if named == op.name {
        Ok(())
    } else {
        Err(ServiceFault::with_detail(
            codes::REQUEST_NOT_UNDERSTOOD,
            format!(
                "SOAPAction names {named} but the body is {}",
                op.request_element
            ),
        ))
    }
}

/// Runs one operation and writes its response envelope.
fn dispatch(shared: &Shared, request: Request, op: &OperationMeta) -> Result<String, ServiceFault> {
    let now = shared.now();
    let respond = |body: &dyn XmlEncode| {
        envelope::write_response(TARGET_NAMESPACE, op.response_element, body)
    };
    let mut state = shared.state();
    match request {
        Request::GetLead(p) => Ok(respond(&leads::get_lead(&state, &p)?)),
        Request::GetMultipleLeads(p) => Ok(respond(&leads::get_multiple_leads(&state, &p, now)?)),
        Request::SyncLead(p) => Ok(respond(&leads::sync_lead(&mut state, p, now)?)),
        Request::SyncMultipleLeads(p) => {
            Ok(respond(&leads::sync_multiple_leads(&mut state, p, now)))
        }
        Request::RequestCampaign(p) => {
            Ok(respond(&campaigns::request_campaign(&mut state, p, now)?))
        }
        Request::ScheduleCampaign(p) => {
            Ok(respond(&campaigns::schedule_campaign(&mut state, p, now)?))
        }
        Request::GetCampaignsForSource(p) => {
            Ok(respond(&campaigns::campaigns_for_source(&state, &p)?))
        }
        Request::ListOperation(p) => Ok(respond(&lists::list_operation(&mut state, &p)?)),
        _ => Err(ServiceFault::with_detail(
            codes::UNSUPPORTED_OPERATION,
            format!("{} is not simulated", op.name),
        )),
    }
}
