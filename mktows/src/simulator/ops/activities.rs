//! getLeadActivity and getLeadChanges over the activity log.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::convert::{count, present};
use super::leads::{batch_size, selector_selection};
use crate::generated::types::{
    ActivityRecord, ActivityTypeFilter, ArrayOfActivityRecord, ArrayOfAttribute,
    ArrayOfLeadChangeRecord, Attribute, LeadActivityList, LeadChangeRecord, LeadSelector,
    ParamsGetLeadActivity, ParamsGetLeadChanges, ResultGetLeadChanges, StreamPosition,
    SuccessGetLeadActivity, SuccessGetLeadChanges,
};
use crate::limits::{MAX_LEAD_ACTIVITY_BATCH, MAX_LEAD_CHANGES_BATCH, MAX_SELECTOR_LEAD_KEYS};
use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::state::{Activity, ActivityFilter, ActivityWindow, SimState, display_name};
use crate::xml::Nillable;

/// getLeadChanges page size when the request has no `batchSize`.
const DEFAULT_CHANGES_BATCH: usize = 100;

/// The filter an `activityFilter` describes.
fn filter(value: &Option<Nillable<ActivityTypeFilter>>) -> Result<ActivityFilter, ServiceFault> {
    let Some(filter) = present(value) else {
        return Ok(ActivityFilter::All);
    };
    ActivityFilter::new(
        filter
            .include_types
            .as_ref()
            .map(|t| t.activity_type.clone()),
        filter
            .exclude_types
            .as_ref()
            .map(|t| t.activity_type.clone()),
    )
}

/// `offset`: `ID:<activity id>` (what the simulator returns) or a plain id; empty is none.
fn offset(position: &StreamPosition) -> Result<Option<i32>, ServiceFault> {
    let Some(text) = present(&position.offset)
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    else {
        return Ok(None);
    };
    let digits = text.strip_prefix("ID:").unwrap_or(text);
    digits.parse::<i32>().map(Some).map_err(|_| {
        ServiceFault::with_detail(
            codes::BAD_STREAM_POSITION,
            format!("offset {text:?} is not ID:<number>"),
        )
    })
}

/// The window a `startPosition` describes: `oldestCreatedAt` as the lower bound (getLeadChanges
/// also takes `activityCreatedAt` when it is missing; getLeadActivity reads newest first, so
/// there the position's `activityCreatedAt` is informational), `latestCreatedAt` as the upper
/// one, `offset` as the resume point.
fn window(position: &StreamPosition, oldest_first: bool) -> Result<ActivityWindow, ServiceFault> {
    let utc = |t: &crate::xml::XsdDateTime| super::convert::instant(t);
    let activity_created = present(&position.activity_created_at).filter(|_| oldest_first);
    Ok(ActivityWindow {
        oldest: present(&position.oldest_created_at)
            .or(activity_created)
            .map(utc),
        latest: present(&position.latest_created_at).map(utc),
        offset: offset(position)?,
    })
}

/// The position after a page: the request's time bounds, the last activity's time and id.
fn next_position(request: &StreamPosition, last: Option<&Activity>) -> StreamPosition {
    match last {
        None => request.clone(),
        Some(last) => StreamPosition {
            latest_created_at: Some(Nillable::from_option(
                present(&request.latest_created_at).copied(),
            )),
            oldest_created_at: Some(Nillable::from_option(
                present(&request.oldest_created_at).copied(),
            )),
            activity_created_at: Some(Nillable::Value(last.created_at.fixed_offset().into())),
            offset: Some(Nillable::Value(format!("ID:{}", last.id))),
        },
    }
}

fn attributes(activity: &Activity) -> Option<Nillable<ArrayOfAttribute>> {
    Some(Nillable::Value(ArrayOfAttribute {
        attribute: activity
            .attributes
            .iter()
            .map(|(name, value)| Attribute {
                attr_name: name.clone(),
                attr_type: Some(Nillable::Nil),
                attr_value: value.clone(),
            })
            .collect(),
    }))
}

/// getLeadActivity: one lead's activities, newest first, `batchSize` ≤ 100; an unknown lead is
/// 20103. Paging continues with `newStartPosition` (its `offset` is `ID:<last id>`).
pub(super) fn get_lead_activity(
    state: &SimState,
    params: &ParamsGetLeadActivity,
) -> Result<SuccessGetLeadActivity, ServiceFault> {
    let key = &params.lead_key;
    let Some(lead_id) = state
        .find_leads_by(&key.key_type, &key.key_value)?
        .first()
        .copied()
    else {
        return Err(ServiceFault::with_detail(
            codes::LEAD_NOT_FOUND,
            format!("no lead with {} {:?}", key.key_type.as_str(), key.key_value),
        ));
    };
    let filter = filter(&params.activity_filter)?;
    let batch = batch_size(
        present(&params.batch_size).copied(),
        MAX_LEAD_ACTIVITY_BATCH,
        MAX_LEAD_ACTIVITY_BATCH,
    )?;
    let start = present(&params.start_position).cloned().unwrap_or_default();
    let page = state.lead_activity_page(lead_id, &filter, window(&start, false)?, batch);
    let records: Vec<ActivityRecord> = page
        .activities
        .iter()
        .map(|a| ActivityRecord {
            id: a.id,
            activity_date_time: a.created_at.fixed_offset().into(),
            activity_type: display_name(&a.activity_type),
            mktg_asset_name: Some(a.asset_name.clone()),
            activity_attributes: attributes(a),
            campaign: Some(Nillable::from_option(a.campaign.clone())),
            person_name: Some(Nillable::Nil),
            mkt_person_id: a.lead_id.to_string(),
            foreign_sys_id: Some(Nillable::Nil),
            org_name: Some(Nillable::Nil),
            foreign_sys_org_id: Some(Nillable::Nil),
        })
        .collect();
    Ok(SuccessGetLeadActivity {
        lead_activity_list: LeadActivityList {
            return_count: count(records.len()),
            remaining_count: count(page.remaining),
            new_start_position: next_position(&start, page.activities.last()),
            activity_record_list: Some(Nillable::Value(ArrayOfActivityRecord {
                activity_record: records,
            })),
        },
    })
}

/// The leads a getLeadChanges `leadSelector` limits the changes to; a LeadKeySelector of more
/// than 100 keys is 20110 (documented "bad parameter exception").
fn selected_leads(
    state: &SimState,
    selector: &LeadSelector,
    now: DateTime<Utc>,
) -> Result<BTreeSet<i32>, ServiceFault> {
    if let LeadSelector::LeadKeySelector(keys) = selector {
        let given = keys.key_values.string_item.len();
        if given > MAX_SELECTOR_LEAD_KEYS {
            return Err(ServiceFault::with_detail(
                codes::BAD_PARAMETER,
                format!(
                    "LeadKeySelector takes at most {MAX_SELECTOR_LEAD_KEYS} keys ({given} given)"
                ),
            ));
        }
    }
    Ok(state
        .select_leads(&selector_selection(selector), now)?
        .into_iter()
        .collect())
}

/// getLeadChanges: every lead's activities (or the selected leads'), oldest first from the
/// `startPosition`, `batchSize` ≤ 1,000. An empty `startPosition` is 20109.
pub(super) fn get_lead_changes(
    state: &SimState,
    params: &ParamsGetLeadChanges,
    now: DateTime<Utc>,
) -> Result<SuccessGetLeadChanges, ServiceFault> {
    let start = &params.start_position;
    if *start == StreamPosition::default()
        || (present(&start.oldest_created_at).is_none()
            && present(&start.activity_created_at).is_none()
            && present(&start.latest_created_at).is_none()
            && offset(start)?.is_none())
    {
        return Err(ServiceFault::with_detail(
            codes::PARAMETER_REQUIRED,
            "startPosition needs oldestCreatedAt, activityCreatedAt or offset",
        ));
    }
    let filter = filter(&params.activity_filter)?;
    let batch = batch_size(
        present(&params.batch_size).copied(),
        DEFAULT_CHANGES_BATCH,
        MAX_LEAD_CHANGES_BATCH,
    )?;
    let leads = match &params.lead_selector {
        Some(selector) => Some(selected_leads(state, selector, now)?),
        None => None,
    };
    let page = state.lead_changes_page(leads.as_ref(), &filter, window(start, true)?, batch);
    let records: Vec<LeadChangeRecord> = page
        .activities
        .iter()
        .map(|a| LeadChangeRecord {
            id: a.id,
            activity_date_time: a.created_at.fixed_offset().into(),
            activity_type: display_name(&a.activity_type),
            mktg_asset_name: Some(Nillable::Value(a.asset_name.clone())),
            activity_attributes: attributes(a),
            campaign: a.campaign.clone(),
            mkt_person_id: a.lead_id.to_string(),
        })
        .collect();
    Ok(SuccessGetLeadChanges {
        result: ResultGetLeadChanges {
            return_count: count(records.len()),
            remaining_count: count(page.remaining),
            new_start_position: next_position(start, page.activities.last()),
            lead_change_record_list: Some(Nillable::Value(ArrayOfLeadChangeRecord {
                lead_change_record: records,
            })),
        },
    })
}
