//! listMObjects, describeMObject, syncMObjects, getMObjects, deleteMObjects.

use chrono::{DateTime, Utc};

use super::convert::count;
use crate::generated::types::{
    ArrayOfMObjFieldMetadata, ArrayOfMObjStatus, ArrayOfMObject, MObjFieldMetadata,
    MObjectMetadata, ParamsDeleteMObjects, ParamsDescribeMObject, ParamsGetMObjects,
    ParamsSyncMObjects, ResultDeleteMObjects, ResultDescribeMObject, ResultGetMObjects,
    ResultListMObjects, ResultSyncMObjects, SuccessDeleteMObjects, SuccessDescribeMObject,
    SuccessGetMObjects, SuccessListMObjects, SuccessSyncMObjects,
};
use crate::guards;
use crate::limits::{MAX_OBJECTS_BATCH, MAX_SYNC_LEADS_BATCH};
use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::state::{
    MObjectType, OPPORTUNITY_FIELDS, PERSON_ROLE_FIELDS, SimState, meets,
};
use crate::simulator::stream_position::StreamPosition;
use crate::xml::Nillable;

/// The objects listMObjects names and describeMObject describes.
const DESCRIBABLE: [&str; 4] = [
    "ActivityRecord",
    "LeadRecord",
    "Opportunity",
    "OpportunityPersonRole",
];

/// listMObjects: the describable objects, as in the documented response.
pub(super) fn list_mobjects() -> SuccessListMObjects {
    SuccessListMObjects {
        result: ResultListMObjects {
            objects: DESCRIBABLE.iter().map(|s| (*s).to_owned()).collect(),
        },
    }
}

/// One field's metadata: `(name, dataType, read-only)`.
fn field(name: &str, data_type: &str, readonly: bool, source: &str) -> MObjFieldMetadata {
    MObjFieldMetadata {
        name: name.to_owned(),
        description: Nillable::Nil,
        display_name: Nillable::Nil,
        source_object: Nillable::Value(source.to_owned()),
        data_type: data_type.to_owned(),
        size: Nillable::Nil,
        is_readonly: readonly,
        is_update_blocked: readonly,
        is_name: Nillable::Value(name == "Name"),
        is_primary_key: name == "id" || name == "Id",
        is_custom: false,
        is_dynamic: false,
        dynamic_field_ref: Nillable::Nil,
        updated_at: DateTime::UNIX_EPOCH.fixed_offset().into(),
    }
}

/// describeMObject: the fields of ActivityRecord (as documented), LeadRecord, Opportunity or
/// OpportunityPersonRole; any other name is 20110.
pub(super) fn describe_mobject(
    params: &ParamsDescribeMObject,
) -> Result<SuccessDescribeMObject, ServiceFault> {
    let name = params.object_name.as_str();
    let (description, is_virtual, fields): (&str, bool, Vec<MObjFieldMetadata>) = match name {
        "ActivityRecord" => (
            "Composite object composed of fields from Event, Campaign, Lead, and Company",
            true,
            [
                ("id", "integer"),
                ("activityDateTime", "dateTime"),
                ("activityType", "string"),
                ("mktgAssetName", "string"),
                ("activityAttributes", "Array"),
                ("campaign", "string"),
                ("personName", "string"),
                ("mktPersonId", "integer"),
                ("foreignSysId", "string"),
                ("orgName", "string"),
                ("foreignSysOrgId", "string"),
            ]
            .iter()
            .map(|(n, t)| field(n, t, true, "Event"))
            .collect(),
        ),
        "LeadRecord" => (
            "Lead with its identity fields and attributes",
            true,
            [
                ("Id", "integer"),
                ("Email", "string"),
                ("ForeignSysPersonId", "string"),
                ("ForeignSysType", "string"),
                ("leadAttributeList", "Array"),
            ]
            .iter()
            .map(|(n, t)| field(n, t, *n == "Id", "Lead"))
            .collect(),
        ),
        "Opportunity" | "OpportunityPersonRole" => {
            let names = if name == "Opportunity" {
                OPPORTUNITY_FIELDS
            } else {
                PERSON_ROLE_FIELDS
            };
            let mut fields = vec![field("Id", "integer", true, name)];
            fields.extend(names.iter().map(|n| field(n, "string", false, name)));
            (name, false, fields)
        }
        other => {
            return Err(ServiceFault::with_detail(
                codes::BAD_PARAMETER,
                format!("{other:?} cannot be described (use one of listMObjects)"),
            ));
        }
    };
    Ok(SuccessDescribeMObject {
        result: ResultDescribeMObject {
            metadata: MObjectMetadata {
                name: name.to_owned(),
                description: Nillable::Value(description.to_owned()),
                is_custom: false,
                is_virtual,
                field_list: ArrayOfMObjFieldMetadata { field: fields },
                updated_at: DateTime::UNIX_EPOCH.fixed_offset().into(),
            },
        },
    })
}

/// syncMObjects: ≤ 100 objects (more is 20110), one status each.
pub(super) fn sync_mobjects(
    state: &mut SimState,
    params: &ParamsSyncMObjects,
    now: DateTime<Utc>,
) -> Result<SuccessSyncMObjects, ServiceFault> {
    let objects = &params.m_object_list.m_object;
    guards::batch_within("syncMObjects", "objects", objects.len(), MAX_OBJECTS_BATCH)
        .map_err(|why| ServiceFault::with_detail(codes::BAD_PARAMETER, why))?;
    let statuses = objects
        .iter()
        .map(|o| state.sync_mobject(o, &params.operation, now))
        .collect();
    Ok(SuccessSyncMObjects {
        result: ResultSyncMObjects {
            m_obj_status_list: ArrayOfMObjStatus {
                m_obj_status: statuses,
            },
        },
    })
}

/// deleteMObjects: one status each (batch ≤ 300, Marketo's general batch size).
pub(super) fn delete_mobjects(
    state: &mut SimState,
    params: &ParamsDeleteMObjects,
    now: DateTime<Utc>,
) -> Result<SuccessDeleteMObjects, ServiceFault> {
    let objects = &params.m_object_list.m_object;
    guards::batch_within(
        "deleteMObjects",
        "objects",
        objects.len(),
        MAX_SYNC_LEADS_BATCH,
    )
    .map_err(|why| ServiceFault::with_detail(codes::BAD_PARAMETER, why))?;
    let statuses = objects
        .iter()
        .map(|o| state.delete_mobject(o, now))
        .collect();
    Ok(SuccessDeleteMObjects {
        result: ResultDeleteMObjects {
            m_obj_status_list: ArrayOfMObjStatus {
                m_obj_status: statuses,
            },
        },
    })
}

/// A stable text form of a getMObjects request without its position.
fn canonical(params: &ParamsGetMObjects) -> String {
    let unpaged = ParamsGetMObjects {
        stream_position: None,
        ..params.clone()
    };
    format!("mobjects:{unpaged:?}")
}

/// getMObjects: objects of one type (Opportunity, OpportunityPersonRole, Program) matching
/// `id`, `externalKey`, every criterion and every association, 100 per page in id order.
/// `hasMore` says whether another page follows; the last page still returns a position,
/// and continuing from it is 20123.
pub(super) fn get_mobjects(
    state: &SimState,
    params: &ParamsGetMObjects,
) -> Result<SuccessGetMObjects, ServiceFault> {
    let Some(object_type) = MObjectType::parse(&params.r#type) else {
        return Err(ServiceFault::with_detail(
            codes::BAD_PARAMETER,
            format!("getMObjects does not read {:?}", params.r#type),
        ));
    };
    let fingerprint = StreamPosition::fingerprint(&canonical(params));
    let start = match params.stream_position.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => {
            Some(StreamPosition::decode_continuing(text, fingerprint)?)
        }
        _ => None,
    };
    let criteria = params
        .m_obj_criteria_list
        .as_ref()
        .map(|l| l.m_obj_criteria.as_slice())
        .unwrap_or_default();
    let include_archived = criteria
        .iter()
        .any(|c| c.attr_name == "Include Archive" && c.attr_value.eq_ignore_ascii_case("true"));
    let mut matching = Vec::new();
    for object in state.mobjects_of_type(object_type, include_archived) {
        let id = object.id.unwrap_or(0);
        if start.is_some_and(|p| id <= p.last_id)
            || params.id.is_some_and(|wanted| wanted != id)
            || params
                .external_key
                .as_ref()
                .is_some_and(|k| object.external_key.as_ref() != Some(k))
        {
            continue;
        }
        let mut keep = true;
        for criterion in criteria.iter().filter(|c| c.attr_name != "Include Archive") {
            if !meets(&object, criterion)? {
                keep = false;
                break;
            }
        }
        let associations = params
            .m_obj_association_list
            .iter()
            .flat_map(|l| &l.m_obj_association);
        for association in associations {
            let wanted = association.id.map(|id| id.to_string());
            let field = match association.m_obj_type.as_str() {
                "Lead" => "PersonId",
                "Opportunity" => "OpportunityId",
                _ => "",
            };
            let linked = object
                .attrib_list
                .iter()
                .flat_map(|l| &l.attrib)
                .any(|a| a.name == field && Some(&a.value) == wanted.as_ref())
                || object
                    .association_list
                    .iter()
                    .flat_map(|l| &l.m_obj_association)
                    .any(|a| a.m_obj_type == association.m_obj_type && a.id == association.id);
            keep &= linked;
        }
        if keep {
            matching.push(object);
        }
    }
    let has_more = matching.len() > MAX_OBJECTS_BATCH;
    matching.truncate(MAX_OBJECTS_BATCH);
    let returned_before = start.map_or(0, |p| p.returned);
    let new_stream_position = StreamPosition {
        last_id: matching
            .last()
            .and_then(|o| o.id)
            .or(start.map(|p| p.last_id))
            .unwrap_or(0),
        returned: returned_before + matching.len() as u64,
        fingerprint,
        at_end: !has_more,
    }
    .encode();
    Ok(SuccessGetMObjects {
        result: ResultGetMObjects {
            return_count: count(matching.len()),
            has_more,
            new_stream_position,
            m_object_list: Some(ArrayOfMObject { m_object: matching }),
        },
    })
}
