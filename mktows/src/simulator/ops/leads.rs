//! getLead, getMultipleLeads, syncLead, syncMultipleLeads.

use chrono::{DateTime, Utc};

use super::convert::{instant, lead_record, lead_upsert, present};
use crate::generated::types::{
    ArrayOfLeadRecord, ArrayOfSyncStatus, LeadSelector, LeadSyncStatus, ParamsGetLead,
    ParamsGetMultipleLeads, ParamsSyncLead, ParamsSyncMultipleLeads, ResultGetLead,
    ResultGetMultipleLeads, ResultSyncLead, ResultSyncMultipleLeads, SuccessGetLead,
    SuccessGetMultipleLeads, SuccessSyncLead, SuccessSyncMultipleLeads, SyncStatus,
};
use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::state::{LeadSelection, SimState, UpsertOutcome};
use crate::xml::Nillable;

/// getMultipleLeads page size when the request has no `batchSize`.
const DEFAULT_BATCH_SIZE: usize = 100;
/// Largest getMultipleLeads page ("each call returns up to 1000 leads").
const MAX_BATCH_SIZE: usize = 1000;

/// Saturating `usize` → `i32` for counts on the wire.
fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// getLead: every lead matching the key; none is 20103.
pub(super) fn get_lead(
    state: &SimState,
    params: &ParamsGetLead,
) -> Result<SuccessGetLead, ServiceFault> {
    let key = &params.lead_key;
    let ids = state.find_leads(key.key_type.as_str(), &key.key_value)?;
    if ids.is_empty() {
        return Err(ServiceFault::with_detail(
            codes::LEAD_NOT_FOUND,
            format!("no lead with {} {:?}", key.key_type.as_str(), key.key_value),
        ));
    }
    let records: Vec<_> = ids
        .iter()
        .filter_map(|id| state.lead(*id))
        .map(|l| lead_record(l, None))
        .collect();
    Ok(SuccessGetLead {
        result: ResultGetLead {
            count: count(records.len()),
            lead_record_list: Some(Nillable::Value(ArrayOfLeadRecord {
                lead_record: records,
            })),
        },
    })
}

/// The selection a getMultipleLeads request describes.
fn selection(params: &ParamsGetMultipleLeads) -> LeadSelection {
    match &params.lead_selector {
        Some(LeadSelector::LeadKeySelector(s)) => LeadSelection::Keys {
            key_type: s.key_type.as_str().to_owned(),
            values: s.key_values.string_item.clone(),
        },
        Some(LeadSelector::StaticListSelector(s)) => LeadSelection::StaticList {
            name: present(&s.static_list_name),
            id: present(&s.static_list_id),
        },
        Some(LeadSelector::LastUpdateAtSelector(s)) => LeadSelection::UpdatedBetween {
            oldest: instant(&s.oldest_updated_at),
            latest: present(&s.latest_updated_at).map(|t| instant(&t)),
        },
        None => match params.last_updated_at {
            Some(since) => LeadSelection::UpdatedBetween {
                oldest: instant(&since),
                latest: None,
            },
            None => LeadSelection::All,
        },
    }
}

/// getMultipleLeads: one page of the selection.
pub(super) fn get_multiple_leads(
    state: &SimState,
    params: &ParamsGetMultipleLeads,
    now: DateTime<Utc>,
) -> Result<SuccessGetMultipleLeads, ServiceFault> {
    let batch_size = match present(&params.batch_size) {
        None => DEFAULT_BATCH_SIZE,
        Some(n) if n > 0 => usize::try_from(n)
            .unwrap_or(MAX_BATCH_SIZE)
            .min(MAX_BATCH_SIZE),
        Some(n) => {
            return Err(ServiceFault::with_detail(
                codes::BAD_PARAMETER,
                format!("batchSize must be positive, got {n}"),
            ));
        }
    };
    let position = present(&params.stream_position);
    let page = state.page_leads(&selection(params), position.as_deref(), batch_size, now)?;
    let include = params
        .include_attributes
        .as_ref()
        .map(|a| a.string_item.as_slice())
        .filter(|names| !names.is_empty());
    let records: Vec<_> = page.leads.iter().map(|l| lead_record(l, include)).collect();
    Ok(SuccessGetMultipleLeads {
        result: ResultGetMultipleLeads {
            return_count: count(records.len()),
            remaining_count: count(page.remaining),
            new_stream_position: page.next_position,
            lead_record_list: Some(Nillable::Value(ArrayOfLeadRecord {
                lead_record: records,
            })),
        },
    })
}

/// The wire status of an upsert.
fn sync_status(outcome: UpsertOutcome) -> SyncStatus {
    SyncStatus {
        lead_id: outcome.lead_id(),
        status: match outcome {
            UpsertOutcome::Created(_) => LeadSyncStatus::Created,
            UpsertOutcome::Updated(_) => LeadSyncStatus::Updated,
        },
        error: Some(Nillable::Nil),
    }
}

/// syncLead: upsert one lead (email dedup on); `returnLead` adds the record to the answer.
pub(super) fn sync_lead(
    state: &mut SimState,
    params: ParamsSyncLead,
    now: DateTime<Utc>,
) -> Result<SuccessSyncLead, ServiceFault> {
    let upsert = lead_upsert(&params.lead_record, present(&params.marketo_cookie));
    let outcome = state.upsert_lead(upsert, true, now)?;
    let lead_record = match state.lead(outcome.lead_id()) {
        Some(lead) if params.return_lead => Nillable::Value(lead_record(lead, None)),
        _ => Nillable::Nil,
    };
    Ok(SuccessSyncLead {
        result: ResultSyncLead {
            lead_id: outcome.lead_id(),
            sync_status: sync_status(outcome),
            lead_record: Some(lead_record),
        },
    })
}

/// syncMultipleLeads: upsert each record; a failing record gets status FAILED with the
/// reason in `error` and does not stop the others.
pub(super) fn sync_multiple_leads(
    state: &mut SimState,
    params: ParamsSyncMultipleLeads,
    now: DateTime<Utc>,
) -> SuccessSyncMultipleLeads {
    let dedup = present(&params.dedup_enabled).unwrap_or(true);
    let statuses = params
        .lead_record_list
        .lead_record
        .iter()
        .map(|record| {
            let upsert = lead_upsert(record, None);
            let requested_id = upsert.id.unwrap_or(0);
            match state.upsert_lead(upsert, dedup, now) {
                Ok(outcome) => sync_status(outcome),
                Err(fault) => SyncStatus {
                    lead_id: requested_id,
                    status: LeadSyncStatus::Failed,
                    error: Some(Nillable::Value(fault.to_string())),
                },
            }
        })
        .collect();
    SuccessSyncMultipleLeads {
        result: ResultSyncMultipleLeads {
            sync_status_list: ArrayOfSyncStatus {
                sync_status: statuses,
            },
        },
    }
}
