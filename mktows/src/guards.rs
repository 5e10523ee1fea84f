//! Checks the client makes before any I/O, for requests Marketo would reject or silently
//! truncate.
//!
//! requestCampaign takes either `campaignId` (program tokens allowed, as Marketo's own
//! example sends them) or `campaignName` + `programName`; "any other combination throws a
//! bad parameter exception". It reads at most 100 lead keys and *ignores* the rest without
//! saying so, so the client refuses more than 100 instead of losing leads: split them with
//! [`chunk_lead_keys`] or [`request_campaign_batches`] and make one call per chunk.

use std::any::Any;

use crate::generated::types::{ArrayOfLeadKey, LeadKey, ParamsRequestCampaign};
use crate::operation::OperationMeta;
use crate::xml::Nillable;

/// Most lead keys one requestCampaign call may carry.
pub const MAX_REQUEST_CAMPAIGN_LEAD_KEYS: usize = 100;

/// Checks the parameters of `op` before they are sent; `Err` holds the reason. Parameters of
/// operations without rules pass.
pub fn check(op: &OperationMeta, params: &dyn Any) -> Result<(), String> {
    match op.name {
        "requestCampaign" => params
            .downcast_ref::<ParamsRequestCampaign>()
            .map_or(Ok(()), check_request_campaign),
        _ => Ok(()),
    }
}

/// Whether an optional, nillable parameter carries a value.
fn given<T>(value: &Option<Nillable<T>>) -> bool {
    value.as_ref().is_some_and(|v| v.value().is_some())
}

/// The requestCampaign rules (see the module documentation).
pub fn check_request_campaign(params: &ParamsRequestCampaign) -> Result<(), String> {
    let id = given(&params.campaign_id);
    let name = given(&params.campaign_name);
    let program = given(&params.program_name);
    match (id, name, program) {
        (true, true, _) => {
            return Err(
                "requestCampaign: campaignId and campaignName cannot be combined; \
                        pass campaignId alone, or campaignName with programName"
                    .to_owned(),
            );
        }
        (true, false, true) => {
            return Err(
                "requestCampaign: programName goes with campaignName, not with \
                        campaignId; pass campaignId alone, or campaignName with programName"
                    .to_owned(),
            );
        }
        (false, true, false) => {
            return Err(
                "requestCampaign: campaignName needs programName (or pass campaignId instead)"
                    .to_owned(),
            );
        }
        (false, false, _) => {
            return Err(
                "requestCampaign: set campaignId, or campaignName together with programName"
                    .to_owned(),
            );
        }
        (true, false, false) | (false, true, true) => {}
    }
    let keys = params
        .lead_list
        .as_ref()
        .and_then(|l| l.value())
        .map_or(0, |l| l.lead_key.len());
    if keys > MAX_REQUEST_CAMPAIGN_LEAD_KEYS {
        return Err(format!(
            "requestCampaign: {keys} lead keys, but Marketo uses at most \
             {MAX_REQUEST_CAMPAIGN_LEAD_KEYS} per call and silently ignores the rest; split them \
             with mktows::guards::chunk_lead_keys (or request_campaign_batches) and call once per chunk"
        ));
    }
    Ok(())
}

/// Splits lead keys into lists of at most `size` keys (a `size` of 0 is treated as 1),
/// in order.
pub fn chunk_lead_keys(keys: &[LeadKey], size: usize) -> Vec<ArrayOfLeadKey> {
    keys.chunks(size.max(1))
        .map(|chunk| ArrayOfLeadKey {
            lead_key: chunk.to_vec(),
        })
        .collect()
}

/// One requestCampaign call per 100 lead keys, each with the same campaign and tokens.
/// Parameters without lead keys come back unchanged as the only batch.
pub fn request_campaign_batches(params: &ParamsRequestCampaign) -> Vec<ParamsRequestCampaign> {
    let keys = match params.lead_list.as_ref().and_then(|l| l.value()) {
        Some(list) if !list.lead_key.is_empty() => &list.lead_key,
        _ => return vec![params.clone()],
    };
    chunk_lead_keys(keys, MAX_REQUEST_CAMPAIGN_LEAD_KEYS)
        .into_iter()
        .map(|chunk| ParamsRequestCampaign {
            lead_list: Some(Nillable::Value(chunk)),
            ..params.clone()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::operations::REQUEST_CAMPAIGN;
    use crate::generated::types::{ArrayOfAttrib, Attrib, LeadKeyRef, ReqCampSourceType};

    fn keys(n: usize) -> Vec<LeadKey> {
        (0..n)
            .map(|i| LeadKey {
                key_type: LeadKeyRef::Email,
                key_value: format!("lead{i}@company.com"),
            })
            .collect()
    }

    fn params(
        id: Option<i32>,
        name: Option<&str>,
        program: Option<&str>,
        n: usize,
    ) -> ParamsRequestCampaign {
        ParamsRequestCampaign {
            source: ReqCampSourceType::Mktows,
            campaign_id: id.map(Nillable::Value),
            lead_list: Some(Nillable::Value(ArrayOfLeadKey { lead_key: keys(n) })),
            program_name: program.map(|p| Nillable::Value(p.to_owned())),
            campaign_name: name.map(|c| Nillable::Value(c.to_owned())),
            program_token_list: None,
        }
    }

    #[test]
    fn the_two_parameter_sets_pass() {
        assert_eq!(
            check_request_campaign(&params(Some(4496), None, None, 2)),
            Ok(())
        );
        assert_eq!(
            check_request_campaign(&params(None, Some("C"), Some("P"), 2)),
            Ok(())
        );
        let mut with_tokens = params(Some(4496), None, None, 100);
        with_tokens.program_token_list = Some(Nillable::Value(ArrayOfAttrib {
            attrib: vec![Attrib {
                name: "{{my.message}}".to_owned(),
                value: "hello".to_owned(),
            }],
        }));
        assert_eq!(
            check_request_campaign(&with_tokens),
            Ok(()),
            "tokens with campaignId are allowed"
        );
    }

    #[test]
    fn other_combinations_are_rejected_with_a_reason() {
        let both = check_request_campaign(&params(Some(1), Some("C"), Some("P"), 1));
        assert!(both.is_err_and(|e| e.contains("campaignId and campaignName")));
        let neither = check_request_campaign(&params(None, None, None, 1));
        assert!(neither.is_err_and(|e| e.contains("set campaignId")));
        let name_only = check_request_campaign(&params(None, Some("C"), None, 1));
        assert!(name_only.is_err_and(|e| e.contains("needs programName")));
        let id_and_program = check_request_campaign(&params(Some(1), None, Some("P"), 1));
        assert!(id_and_program.is_err());
        let mut nil_id = params(None, None, None, 1);
        nil_id.campaign_id = Some(Nillable::Nil);
        assert!(
            check_request_campaign(&nil_id).is_err(),
            "a nil campaignId is no campaignId"
        );
    }

    #[test]
    fn more_than_100_keys_point_at_the_chunking_helper() {
        let error = check(&REQUEST_CAMPAIGN, &params(Some(4496), None, None, 101));
        assert!(error.is_err_and(|e| e.contains("101 lead keys") && e.contains("chunk_lead_keys")));
        assert_eq!(
            check(&REQUEST_CAMPAIGN, &params(Some(4496), None, None, 100)),
            Ok(())
        );
        assert_eq!(
            check(&REQUEST_CAMPAIGN, &"not requestCampaign params"),
            Ok(())
        );
    }

    #[test]
    fn chunks_keep_order_and_batches_keep_the_campaign() {
        let chunks = chunk_lead_keys(&keys(250), 100);
        assert_eq!(
            chunks.iter().map(|c| c.lead_key.len()).collect::<Vec<_>>(),
            vec![100, 100, 50]
        );
        let flat: Vec<LeadKey> = chunks.into_iter().flat_map(|c| c.lead_key).collect();
        assert_eq!(flat, keys(250));
        assert_eq!(chunk_lead_keys(&keys(3), 0).len(), 3);
        let batches = request_campaign_batches(&params(Some(4496), None, None, 201));
        assert_eq!(batches.len(), 3);
        assert!(
            batches
                .iter()
                .all(|b| b.campaign_id == Some(Nillable::Value(4496)))
        );
        assert!(batches.iter().all(|b| check_request_campaign(b).is_ok()));
    }
}
