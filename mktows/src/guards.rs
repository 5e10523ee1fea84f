//! Helpers for requests the client refuses before any I/O.
//!
//! requestCampaign takes either `campaignId` (program tokens allowed, as Marketo's own
//! example sends them) or `campaignName` + `programName`; "any other combination throws a
//! bad parameter exception". It reads at most 100 lead keys and *ignores* the rest without
//! saying so, so `Client::request_campaign` refuses more than 100 with
//! [`ErrorKind::InvalidRequest`](crate::ErrorKind::InvalidRequest) instead of losing leads.
//! Split long lists with [`chunk_lead_keys`] or [`request_campaign_batches`] and make one
//! call per chunk.

use crate::generated::types::{ArrayOfLeadKey, LeadKey, ParamsRequestCampaign};
use crate::limits::MAX_REQUEST_CAMPAIGN_LEADS;
use crate::xml::Nillable;

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
    chunk_lead_keys(keys, MAX_REQUEST_CAMPAIGN_LEADS)
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
    use crate::generated::types::{LeadKeyRef, ReqCampSourceType};

    fn keys(n: usize) -> Vec<LeadKey> {
        (0..n)
            .map(|i| LeadKey {
                key_type: LeadKeyRef::Email,
                key_value: format!("lead{i}@company.com"),
            })
            .collect()
    }

    #[test]
    fn chunks_keep_order_and_batches_keep_the_campaign() {
        let chunks = chunk_lead_keys(&keys(250), 100);
        let sizes: Vec<usize> = chunks.iter().map(|c| c.lead_key.len()).collect();
        assert_eq!(sizes, vec![100, 100, 50]);
        let flat: Vec<LeadKey> = chunks.into_iter().flat_map(|c| c.lead_key).collect();
        assert_eq!(flat, keys(250));
        assert_eq!(chunk_lead_keys(&keys(3), 0).len(), 3);
        let params = ParamsRequestCampaign {
            source: ReqCampSourceType::Mktows,
            campaign_id: Some(Nillable::Value(4496)),
            lead_list: Some(Nillable::Value(ArrayOfLeadKey {
                lead_key: keys(201),
            })),
            program_name: None,
            campaign_name: None,
            program_token_list: None,
        };
        let batches = request_campaign_batches(&params);
        assert_eq!(batches.len(), 3);
        assert!(
            batches
                .iter()
                .all(|b| b.campaign_id == Some(Nillable::Value(4496)))
        );
        let without_keys = ParamsRequestCampaign {
            lead_list: None,
            ..params
        };
        assert_eq!(
            request_campaign_batches(&without_keys),
            vec![without_keys.clone()]
        );
    }
}
