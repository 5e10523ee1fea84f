//! requestCampaign, scheduleCampaign, getCampaignsForSource.

use chrono::{DateTime, Offset, Utc};

use super::convert::{present, tokens};
use crate::generated::types::{
    ArrayOfCampaignRecord, CampaignRecord, ParamsGetCampaignsForSource, ParamsRequestCampaign,
    ParamsScheduleCampaign, ResultGetCampaignsForSource, ResultRequestCampaign,
    ResultScheduleCampaign, SuccessGetCampaignsForSource, SuccessRequestCampaign,
    SuccessScheduleCampaign,
};
use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::state::{CampaignRequest, CampaignSource, SimState};
use crate::xml::Nillable;

/// requestCampaign (rules in [`SimState::request_campaign`]).
pub(super) fn request_campaign(
    state: &mut SimState,
    params: ParamsRequestCampaign,
    now: DateTime<Utc>,
) -> Result<SuccessRequestCampaign, ServiceFault> {
    let lead_keys = present(&params.lead_list)
        .map(|list| {
            list.lead_key
                .into_iter()
                .map(|k| (k.key_type.as_str().to_owned(), k.key_value))
                .collect()
        })
        .unwrap_or_default();
    let request = CampaignRequest {
        source: params.source.as_str().to_owned(),
        campaign_id: present(&params.campaign_id),
        campaign_name: present(&params.campaign_name),
        program_name: present(&params.program_name),
        lead_keys,
        tokens: tokens(&params.program_token_list),
    };
    state.request_campaign(request, now)?;
    Ok(SuccessRequestCampaign {
        result: ResultRequestCampaign { success: true },
    })
}

/// scheduleCampaign (rules in [`SimState::schedule_campaign`]).
pub(super) fn schedule_campaign(
    state: &mut SimState,
    params: ParamsScheduleCampaign,
    now: DateTime<Utc>,
) -> Result<SuccessScheduleCampaign, ServiceFault> {
    state.schedule_campaign(
        &params.program_name,
        &params.campaign_name,
        present(&params.campaign_run_at).map(|t| t.and_offset(Utc.fix())),
        tokens(&params.program_token_list),
        now,
    )?;
    Ok(SuccessScheduleCampaign {
        result: ResultScheduleCampaign { success: true },
    })
}

/// getCampaignsForSource: the requestable campaigns of a source, optionally filtered by name.
pub(super) fn campaigns_for_source(
    state: &SimState,
    params: &ParamsGetCampaignsForSource,
) -> Result<SuccessGetCampaignsForSource, ServiceFault> {
    let source = CampaignSource::parse(params.source.as_str()).ok_or_else(|| {
        ServiceFault::with_detail(
            codes::BAD_PARAMETER,
            format!("unknown source {:?}", params.source.as_str()),
        )
    })?;
    let name = present(&params.name);
    let exact = present(&params.exact_name).unwrap_or(false);
    let records: Vec<CampaignRecord> = state
        .campaigns_for_source(source, name.as_deref(), exact)
        .into_iter()
        .map(|c| CampaignRecord {
            id: c.id,
            name: c.name.clone(),
            description: c.description.clone(),
        })
        .collect();
    Ok(SuccessGetCampaignsForSource {
        result: ResultGetCampaignsForSource {
            return_count: i32::try_from(records.len()).unwrap_or(i32::MAX),
            campaign_record_list: Some(Nillable::Value(ArrayOfCampaignRecord {
                campaign_record: records,
            })),
        },
    })
}
