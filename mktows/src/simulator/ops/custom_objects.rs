//! syncCustomObjects, getCustomObjects, deleteCustomObjects.

use chrono::{DateTime, Utc};

use super::convert::{attribute_list, attribute_pairs, count, present};
use super::leads::batch_size;
use crate::generated::types::{
    ArrayOfAttribute, ArrayOfCustomObj, ArrayOfSyncCustomObjStatus, CustomObj,
    ParamsDeleteCustomObjects, ParamsGetCustomObjects, ParamsSyncCustomObjects,
    ResultDeleteCustomObjects, ResultGetCustomObjects, ResultSyncCustomObjects,
    SuccessDeleteCustomObjects, SuccessGetCustomObjects, SuccessSyncCustomObjects,
    SyncCustomObjStatus, SyncOperationEnum, SyncStatusEnum,
};
use crate::guards;
use crate::limits::{MAX_OBJECTS_BATCH, MAX_SYNC_LEADS_BATCH};
use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::state::SimState;
use crate::simulator::stream_position::StreamPosition;
use crate::xml::Nillable;

/// The status of one record: the outcome, or FAILED with the reason.
fn status(
    type_name: &str,
    keys: Option<Nillable<ArrayOfAttribute>>,
    outcome: Result<SyncStatusEnum, String>,
) -> SyncCustomObjStatus {
    let (status, error) = match outcome {
        Ok(status) => (status, Nillable::Nil),
        Err(why) => (SyncStatusEnum::Failed, Nillable::Value(why)),
    };
    SyncCustomObjStatus {
        obj_type_name: type_name.to_owned(),
        custom_obj_key_list: keys,
        status,
        error: Some(error),
    }
}

/// syncCustomObjects: ≤ 100 records (more is 20110); `operation` defaults to UPSERT; an
/// unknown type is 20110; per-record problems are a FAILED status.
pub(super) fn sync_custom_objects(
    state: &mut SimState,
    params: &ParamsSyncCustomObjects,
    now: DateTime<Utc>,
) -> Result<SuccessSyncCustomObjects, ServiceFault> {
    let objects = &params.custom_obj_list.custom_obj;
    guards::batch_within(
        "syncCustomObjects",
        "objects",
        objects.len(),
        MAX_OBJECTS_BATCH,
    )
    .map_err(|why| ServiceFault::with_detail(codes::BAD_PARAMETER, why))?;
    let name = state
        .custom_object_type(&params.obj_type_name)?
        .name
        .clone();
    let operation = present(&params.operation)
        .cloned()
        .unwrap_or(SyncOperationEnum::Upsert);
    let statuses = objects
        .iter()
        .map(|object| {
            let keys = attribute_pairs(&object.custom_obj_key_list);
            let attributes = attribute_pairs(&object.custom_obj_attribute_list);
            let outcome = state.sync_custom_object(&name, &keys, &attributes, &operation, now);
            status(&name, object.custom_obj_key_list.clone(), outcome)
        })
        .collect();
    Ok(SuccessSyncCustomObjects {
        result: ResultSyncCustomObjects {
            sync_custom_obj_status_list: ArrayOfSyncCustomObjStatus {
                sync_custom_obj_status: statuses,
            },
        },
    })
}

/// deleteCustomObjects: one DELETED / FAILED status per key list (batch ≤ 300).
pub(super) fn delete_custom_objects(
    state: &mut SimState,
    params: &ParamsDeleteCustomObjects,
    now: DateTime<Utc>,
) -> Result<SuccessDeleteCustomObjects, ServiceFault> {
    let key_lists = &params.custom_obj_key_lists.key_list;
    guards::batch_within(
        "deleteCustomObjects",
        "objects",
        key_lists.len(),
        MAX_SYNC_LEADS_BATCH,
    )
    .map_err(|why| ServiceFault::with_detail(codes::BAD_PARAMETER, why))?;
    let name = state
        .custom_object_type(&params.obj_type_name)?
        .name
        .clone();
    let statuses = key_lists
        .iter()
        .map(|keys| {
            let pairs: Vec<(String, String)> = keys
                .attribute
                .iter()
                .map(|a| (a.attr_name.clone(), a.attr_value.clone()))
                .collect();
            let outcome = state.delete_custom_object(&name, &pairs, now);
            status(&name, Some(Nillable::Value(keys.clone())), outcome)
        })
        .collect();
    Ok(SuccessDeleteCustomObjects {
        result: ResultDeleteCustomObjects {
            delete_custom_obj_status_list: ArrayOfSyncCustomObjStatus {
                sync_custom_obj_status: statuses,
            },
        },
    })
}

/// getCustomObjects: records whose keys match `customObjKeyList` (all when empty), in
/// insertion order, `batchSize` ≤ 100 (default 100); `includeAttributes` names the fields to
/// return (empty: all). The last page still returns a position (as the documented response
/// does); continuing from it is 20123.
pub(super) fn get_custom_objects(
    state: &SimState,
    params: &ParamsGetCustomObjects,
) -> Result<SuccessGetCustomObjects, ServiceFault> {
    let object_type = state.custom_object_type(&params.obj_type_name)?;
    let filter = attribute_pairs(&params.custom_obj_key_list);
    let batch = batch_size(
        present(&params.batch_size).copied(),
        MAX_OBJECTS_BATCH,
        MAX_OBJECTS_BATCH,
    )?;
    let canonical = format!(
        "customobjects:{}:{filter:?}",
        object_type.name.to_lowercase()
    );
    let fingerprint = StreamPosition::fingerprint(&canonical);
    let start = match present(&params.stream_position).map(|s| s.trim()) {
        Some(text) if !text.is_empty() => {
            Some(StreamPosition::decode_continuing(text, fingerprint)?)
        }
        _ => None,
    };
    let mut matching = object_type.records_after(start.map(|p| p.last_id), &filter);
    let page: Vec<_> = matching.by_ref().take(batch).collect();
    let remaining = matching.count();
    let include = &params.include_attributes.string_item;
    let records: Vec<CustomObj> = page
        .iter()
        .map(|record| CustomObj {
            custom_obj_key_list: Some(Nillable::Value(attribute_list(
                object_type.key_fields.iter().zip(&record.keys),
            ))),
            custom_obj_attribute_list: Some(Nillable::Value(attribute_list(
                record
                    .attributes
                    .iter()
                    .filter(|(name, _)| include.is_empty() || include.contains(name)),
            ))),
        })
        .collect();
    let new_stream_position = StreamPosition {
        last_id: page
            .last()
            .map(|r| r.seq)
            .or(start.map(|p| p.last_id))
            .unwrap_or(0),
        returned: start.map_or(0, |p| p.returned) + page.len() as u64,
        fingerprint,
        at_end: remaining == 0,
    }
    .encode();
    Ok(SuccessGetCustomObjects {
        result: ResultGetCustomObjects {
            obj_type_name: object_type.name.clone(),
            return_count: count(records.len()),
            remaining_count: count(remaining),
            new_stream_position,
            custom_obj_list: Some(Nillable::Value(ArrayOfCustomObj {
                custom_obj: records,
            })),
        },
    })
}
