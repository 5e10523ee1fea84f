//! getLead, getMultipleLeads, syncLead, syncMultipleLeads, mergeLeads.

use chrono::{DateTime, Utc};

use super::convert::{count, instant, lead_record, lead_upsert, present};
use crate::generated::types::{
    ArrayOfAttribute, ArrayOfInteger, ArrayOfLeadRecord, ArrayOfSyncStatus, LeadKeyRef,
    LeadMergeStatusEnum, LeadSelector, LeadSyncStatus, MergeStatus, ParamsGetLead,
    ParamsGetMultipleLeads, ParamsMergeLeads, ParamsSyncLead, ParamsSyncMultipleLeads,
    ResultGetLead, ResultGetMultipleLeads, ResultMergeLeads, ResultSyncLead,
    ResultSyncMultipleLeads, SuccessGetLead, SuccessGetMultipleLeads, SuccessMergeLeads,
    SuccessSyncLead, SuccessSyncMultipleLeads, SyncStatus,
};
use crate::guards;
use crate::limits::{MAX_GET_MULTIPLE_LEADS_BATCH, MAX_SYNC_LEADS_BATCH};
use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::state::{LeadSelection, SimState, SyncRules, UpsertOutcome};
use crate::xml::Nillable;

/// getMultipleLeads page size when the request has no `batchSize`.
const DEFAULT_BATCH_SIZE: usize = 100;

/// getLead: every lead matching the key; none is 20103.
pub(super) fn get_lead(
    state: &SimState,
    params: &ParamsGetLead,
) -> Result<SuccessGetLead, ServiceFault> {
    let key = &params.lead_key;
    let ids = state.find_leads_by(&key.key_type, &key.key_value)?;
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

/// The selection a `leadSelector` describes (None: no selector).
pub(super) fn selector_selection(selector: &LeadSelector) -> LeadSelection {
    match selector {
        LeadSelector::LeadKeySelector(s) => LeadSelection::Keys {
            key_type: s.key_type.clone(),
            values: s.key_values.string_item.clone(),
        },
        LeadSelector::StaticListSelector(s) => LeadSelection::StaticList {
            name: present(&s.static_list_name).cloned(),
            id: present(&s.static_list_id).copied(),
        },
        LeadSelector::LastUpdateAtSelector(s) => LeadSelection::UpdatedBetween {
            oldest: instant(&s.oldest_updated_at),
            latest: present(&s.latest_updated_at).map(instant),
        },
    }
}

/// The selection a getMultipleLeads request describes.
fn selection(params: &ParamsGetMultipleLeads) -> LeadSelection {
    match &params.lead_selector {
        Some(selector) => selector_selection(selector),
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
    let batch_size = batch_size(
        present(&params.batch_size).copied(),
        DEFAULT_BATCH_SIZE,
        MAX_GET_MULTIPLE_LEADS_BATCH,
    )?;
    let position = present(&params.stream_position).map(String::as_str);
    let page = state.page_leads(&selection(params), position, batch_size, now)?;
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

/// A `batchSize`: `default` when absent, at most `max`; zero or negative is 20110.
pub(super) fn batch_size(
    requested: Option<i32>,
    default: usize,
    max: usize,
) -> Result<usize, ServiceFault> {
    match requested {
        None => Ok(default),
        Some(n) if n > 0 => Ok(usize::try_from(n).unwrap_or(max).min(max)),
        Some(n) => Err(ServiceFault::with_detail(
            codes::BAD_PARAMETER,
            format!("batchSize must be positive, got {n}"),
        )),
    }
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
    let cookie = present(&params.marketo_cookie).cloned();
    let upsert = lead_upsert(&params.lead_record, cookie);
    let outcome = state.upsert_lead(upsert, SyncRules::SyncLead, now)?;
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
/// reason in `error` and does not stop the others. More than 300 records is 20110 (Marketo:
/// "Larger sizes are not supported").
pub(super) fn sync_multiple_leads(
    state: &mut SimState,
    params: ParamsSyncMultipleLeads,
    now: DateTime<Utc>,
) -> Result<SuccessSyncMultipleLeads, ServiceFault> {
    let records = params.lead_record_list.lead_record.len();
    guards::batch_within(
        "syncMultipleLeads",
        "lead records",
        records,
        MAX_SYNC_LEADS_BATCH,
    )
    .map_err(|why| ServiceFault::with_detail(codes::BAD_PARAMETER, why))?;
    let dedup = present(&params.dedup_enabled).copied().unwrap_or(true);
    let rules = SyncRules::SyncMultipleLeads { dedup };
    let statuses = params
        .lead_record_list
        .lead_record
        .iter()
        .map(|record| {
            let upsert = lead_upsert(record, None);
            let requested_id = upsert.id.unwrap_or(0);
            match state.upsert_lead(upsert, rules, now) {
                Ok(outcome) => sync_status(outcome),
                Err(fault) => SyncStatus {
                    lead_id: requested_id,
                    status: LeadSyncStatus::Failed,
                    error: Some(Nillable::Value(fault.to_string())),
                },
            }
        })
        .collect();
    Ok(SuccessSyncMultipleLeads {
        result: ResultSyncMultipleLeads {
            sync_status_list: ArrayOfSyncStatus {
                sync_status: statuses,
            },
        },
    })
}

/// The one lead a mergeLeads key list names (`attribute{attrName=<key type>, attrValue}`;
/// several attributes must all match). None or several: 20103 / 20110.
fn merge_key_lead(state: &SimState, keys: &ArrayOfAttribute) -> Result<i32, ServiceFault> {
    let mut candidates: Option<Vec<i32>> = None;
    for key in &keys.attribute {
        let key_type: LeadKeyRef = match key.attr_name.parse() {
            Ok(parsed) => parsed,
            Err(never) => match never {},
        };
        let found = state.find_leads_by(&key_type, &key.attr_value)?;
        candidates = Some(match candidates {
            None => found,
            Some(previous) => previous
                .into_iter()
                .filter(|id| found.contains(id))
                .collect(),
        });
    }
    match candidates.as_deref() {
        None => Err(ServiceFault::with_detail(
            codes::LEAD_KEY_REQUIRED,
            "a key list is empty",
        )),
        Some([id]) => Ok(*id),
        Some([]) => Err(ServiceFault::with_detail(
            codes::LEAD_NOT_FOUND,
            "a key list matches no lead",
        )),
        Some(_) => Err(ServiceFault::with_detail(
            codes::BAD_PARAMETER,
            "a key list matches more than one lead",
        )),
    }
}

/// mergeLeads: merge the losing leads into the winning lead (rules in
/// [`SimState::merge_leads`]).
pub(super) fn merge_leads(
    state: &mut SimState,
    params: &ParamsMergeLeads,
    now: DateTime<Utc>,
) -> Result<SuccessMergeLeads, ServiceFault> {
    let winner = merge_key_lead(state, &params.winning_lead_key_list)?;
    let lists = &params.losing_lead_key_lists.key_list;
    guards::batch_within(
        "mergeLeads",
        "losing leads",
        lists.len(),
        MAX_SYNC_LEADS_BATCH,
    )
    .map_err(|why| ServiceFault::with_detail(codes::BAD_PARAMETER, why))?;
    if lists.is_empty() {
        return Err(ServiceFault::with_detail(
            codes::PARAMETER_REQUIRED,
            "losingLeadKeyLists is empty",
        ));
    }
    let losers = lists
        .iter()
        .map(|keys| merge_key_lead(state, keys))
        .collect::<Result<Vec<i32>, ServiceFault>>()?;
    state.merge_leads(winner, &losers, now)?;
    Ok(SuccessMergeLeads {
        result: ResultMergeLeads {
            merge_status: MergeStatus {
                winning_lead_id: Some(Nillable::Value(winner)),
                losing_lead_id_list: Some(Nillable::Value(ArrayOfInteger {
                    integer_item: losers,
                })),
                status: LeadMergeStatusEnum::Merged,
                error: Some(Nillable::Nil),
            },
        },
    })
}
