//! requestCampaign, scheduleCampaign, getCampaignsForSource.

use chrono::{DateTime, Offset, Utc};

use super::convert::{count, present, tokens};
use crate::generated::types::ReqCampSourceType;
use crate::generated::types::{
    ArrayOfCampaignRecord, CampaignRecord, ParamsGetCampaignsForSource, ParamsRequestCampaign,
    ParamsScheduleCampaign, ResultGetCampaignsForSource, ResultRequestCampaign,
    ResultScheduleCampaign, SuccessGetCampaignsForSource, SuccessRequestCampaign,
    SuccessScheduleCampaign,
};
use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::state::SimState;
use crate::xml::Nillable;

/// requestCampaign (rules in [`SimState::request_campaign`]).
pub(super) fn request_campaign(
    state: &mut SimState,
    params: ParamsRequestCampaign,
    now: DateTime<Utc>,
) -> Result<SuccessRequestCampaign, ServiceFault> {
    state.request_campaign(&params, now)?;
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
    if let ReqCampSourceType::Unknown(other) = &params.source {
        return Err(ServiceFault::with_detail(
            codes::BAD_PARAMETER,
            format!("unknown source {other:?}"),
        ));
    }
    let name = present(&params.name).map(String::as_str);
    let exact = present(&params.exact_name).copied().unwrap_or(false);
    let records: Vec<CampaignRecord> = state
        .campaigns_for_source(&params.source, name, exact)
        .into_iter()
        .map(|c| CampaignRecord {
            id: c.id,
            name: c.name.clone(),
            description: c.description.clone(),
        })
        .collect();
    Ok(SuccessGetCampaignsForSource {
        result: ResultGetCampaignsForSource {
            return_count: count(records.len()),
            campaign_record_list: Some(Nillable::Value(ArrayOfCampaignRecord {
                campaign_record: records,
            })),
        },
    })
}
