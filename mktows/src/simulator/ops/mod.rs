//! The simulated operations: decode the request envelope with the generated codecs, check the
//! SOAPAction and the signature, run the operation against the state, encode the answer.

mod activities;
mod campaigns;
mod convert;
mod custom_objects;
mod leads;
mod lists;
mod mobjects;
mod programs;

use chrono::{DateTime, Utc};

use crate::envelope;
use crate::generated::operations::Request;
use crate::generated::types::{AuthenticationHeaderInfo, TARGET_NAMESPACE};
use crate::operation::OperationMeta;
use crate::simulator::auth::{self, SignedFields};
use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::server::Shared;
use crate::simulator::sniff;
use crate::simulator::state::SimState;
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
    let body = without_empty_position_times(body);
    let decoded = decode(&body)?;
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

/// The `startPosition` time fields that Marketo's own getLeadActivity example sends empty
/// (`<latestCreatedAt />`): an empty one means "not given", so it is dropped before the
/// schema decoder (which rejects an empty `dateTime`) sees it.
const POSITION_TIMES: [&str; 3] = ["latestCreatedAt", "oldestCreatedAt", "activityCreatedAt"];

/// `body` without empty `startPosition` time elements (unchanged, and not copied, when it has
/// none).
fn without_empty_position_times(body: &str) -> std::borrow::Cow<'_, str> {
    if !body.contains("startPosition") {
        return std::borrow::Cow::Borrowed(body);
    }
    let empty_forms = |name: &str| {
        [
            format!("<{name}/>"),
            format!("<{name} />"),
            format!("<{name}></{name}>"),
        ]
    };
    let forms: Vec<String> = POSITION_TIMES.iter().flat_map(|n| empty_forms(n)).collect();
    if !forms.iter().any(|f| body.contains(f.as_str())) {
        return std::borrow::Cow::Borrowed(body);
    }
    let mut cleaned = body.to_owned();
    for form in &forms {
        cleaned = cleaned.replace(form.as_str(), "");
    }
    std::borrow::Cow::Owned(cleaned)
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
        if header.local_name() == crate::auth::AUTHENTICATION_HEADER
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

/// Runs one operation and writes its response envelope. Every one of the 23 operations is
/// simulated; all state work happens here, synchronously, under the state lock.
fn dispatch(shared: &Shared, request: Request, op: &OperationMeta) -> Result<String, ServiceFault> {
    let now = shared.now();
    let mut state = shared.state();
    let respond = |body: &dyn XmlEncode| {
        envelope::write_response(TARGET_NAMESPACE, op.response_element, body)
    };
    let changes_state = changes_state(&request);
    let answer = run(&mut state, request, now, &respond)?;
    if changes_state {
        state.persist_change();
    }
    Ok(answer)
}

/// Whether an operation can change what [`SimState::save`] writes (reads and
/// scheduleCampaign, whose run is not fixture data, cannot).
fn changes_state(request: &Request) -> bool {
    matches!(
        request,
        Request::SyncLead(_)
            | Request::SyncMultipleLeads(_)
            | Request::MergeLeads(_)
            | Request::RequestCampaign(_)
            | Request::ListOperation(_)
            | Request::ImportToList(_)
            | Request::SyncMObjects(_)
            | Request::DeleteMObjects(_)
            | Request::SyncCustomObjects(_)
            | Request::DeleteCustomObjects(_)
    )
}

/// Runs one decoded request against the state and encodes the answer with `respond`.
fn run(
    state: &mut SimState,
    request: Request,
    now: DateTime<Utc>,
    respond: &dyn Fn(&dyn XmlEncode) -> String,
) -> Result<String, ServiceFault> {
    Ok(match request {
        Request::GetLead(p) => respond(&leads::get_lead(state, &p)?),
        Request::GetMultipleLeads(p) => respond(&leads::get_multiple_leads(state, &p, now)?),
        Request::SyncLead(p) => respond(&leads::sync_lead(state, p, now)?),
        Request::SyncMultipleLeads(p) => respond(&leads::sync_multiple_leads(state, p, now)?),
        Request::MergeLeads(p) => respond(&leads::merge_leads(state, &p, now)?),
        Request::GetLeadActivity(p) => respond(&activities::get_lead_activity(state, &p)?),
        Request::GetLeadChanges(p) => respond(&activities::get_lead_changes(state, &p, now)?),
        Request::RequestCampaign(p) => respond(&campaigns::request_campaign(state, p, now)?),
        Request::ScheduleCampaign(p) => respond(&campaigns::schedule_campaign(state, p, now)?),
        Request::GetCampaignsForSource(p) => respond(&campaigns::campaigns_for_source(state, &p)?),
        Request::ListOperation(p) => respond(&lists::list_operation(state, &p, now)?),
        Request::ImportToList(p) => respond(&programs::import_to_list(state, &p, now)?),
        Request::GetImportToListStatus(p) => {
            respond(&programs::get_import_to_list_status(state, &p)?)
        }
        Request::GetChannels(p) => respond(&programs::get_channels(state, &p)),
        Request::GetTags(p) => respond(&programs::get_tags(state, &p)),
        Request::ListMObjects(_) => respond(&mobjects::list_mobjects()),
        Request::DescribeMObject(p) => respond(&mobjects::describe_mobject(&p)?),
        Request::SyncMObjects(p) => respond(&mobjects::sync_mobjects(state, &p, now)?),
        Request::GetMObjects(p) => respond(&mobjects::get_mobjects(state, &p)?),
        Request::DeleteMObjects(p) => respond(&mobjects::delete_mobjects(state, &p, now)?),
        Request::SyncCustomObjects(p) => {
            respond(&custom_objects::sync_custom_objects(state, &p, now)?)
        }
        Request::GetCustomObjects(p) => respond(&custom_objects::get_custom_objects(state, &p)?),
        Request::DeleteCustomObjects(p) => {
            respond(&custom_objects::delete_custom_objects(state, &p, now)?)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_position_times_are_dropped_and_other_bodies_are_untouched() {
        let body = "<startPosition><latestCreatedAt /><offset /><oldestCreatedAt/>\
                    <activityCreatedAt></activityCreatedAt></startPosition>";
        assert_eq!(
            without_empty_position_times(body),
            "<startPosition><offset /></startPosition>"
        );
        let plain = "<startPosition><oldestCreatedAt>2013-08-01T00:13:13+00:00</oldestCreatedAt>";
        assert!(matches!(
            without_empty_position_times(plain),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
