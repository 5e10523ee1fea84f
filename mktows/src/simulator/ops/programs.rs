//! getChannels, getTags, importToList, getImportToListStatus.

use chrono::{DateTime, Utc};

use crate::generated::types::ImportToListStatusEnum;
use crate::generated::types::{
    ArrayOfAttrib, ArrayOfProgressionStatus, ArrayOfString, ArrayOfTag, ArrayOfTagStatus, Attrib,
    ParamsGetChannels, ParamsGetImportToListStatus, ParamsGetTags, ParamsImportToList,
    ProgressionStatus, ResultGetChannels, ResultGetImportToListStatus, ResultGetTags,
    ResultImportToList, SuccessGetChannels, SuccessGetImportToListStatus, SuccessGetTags,
    SuccessImportToList, Tag, TagStatus,
};
use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::state::{ImportRequest, SimState};
use crate::xml::Nillable;

fn attrib(name: &str, value: String) -> Attrib {
    Attrib {
        name: name.to_owned(),
        value,
    }
}

/// getChannels: the channels named in `tag/values` (all without a `tag`), by name, each with
/// its progression statuses (`Status`, `Step`, `Success`). Unknown names are left out.
pub(super) fn get_channels(state: &SimState, params: &ParamsGetChannels) -> SuccessGetChannels {
    let wanted = params
        .tag
        .as_ref()
        .and_then(|t| t.values.as_ref())
        .map(|v| v.string_item.as_slice())
        .filter(|v| !v.is_empty());
    let tag_status = state
        .channels()
        .iter()
        .filter(|c| wanted.is_none_or(|names| names.contains(&c.name)))
        .map(|c| TagStatus {
            tag_value: c.name.clone(),
            status_list: ArrayOfProgressionStatus {
                progression_status_item: c
                    .statuses
                    .iter()
                    .map(|s| ProgressionStatus {
                        progression_status: Some(ArrayOfAttrib {
                            attrib: vec![
                                attrib("Status", s.name.clone()),
                                attrib("Step", s.step.to_string()),
                                attrib("Success", s.success.to_string()),
                            ],
                        }),
                    })
                    .collect(),
            },
        })
        .collect();
    SuccessGetChannels {
        result: ResultGetChannels {
            tags: ArrayOfTagStatus { tag_status },
        },
    }
}

/// getTags: the tag types named in `tagList` (all without one); a tag with `values` returns
/// only those of its values that exist. Unknown types are left out.
pub(super) fn get_tags(state: &SimState, params: &ParamsGetTags) -> SuccessGetTags {
    let requested = params
        .tag_list
        .as_ref()
        .map(|l| l.tag.as_slice())
        .filter(|l| !l.is_empty());
    let tag = state
        .tag_types()
        .iter()
        .filter_map(|t| {
            let values = match requested {
                None => t.values.clone(),
                Some(tags) => {
                    let wanted = tags.iter().find(|r| r.r#type.as_deref() == Some(&t.name))?;
                    match wanted.values.as_ref().map(|v| &v.string_item) {
                        Some(names) if !names.is_empty() => t
                            .values
                            .iter()
                            .filter(|v| names.contains(v))
                            .cloned()
                            .collect(),
                        _ => t.values.clone(),
                    }
                }
            };
            Some(Tag {
                r#type: Some(t.name.clone()),
                values: Some(ArrayOfString {
                    string_item: values,
                }),
            })
        })
        .collect();
    SuccessGetTags {
        result: ResultGetTags {
            tag_list: ArrayOfTag { tag },
        },
    }
}

/// importToList: runs the import (rules in [`SimState::import_to_list`]) and answers
/// PROCESSING, like Marketo's asynchronous import.
pub(super) fn import_to_list(
    state: &mut SimState,
    params: &ParamsImportToList,
    now: DateTime<Utc>,
) -> Result<SuccessImportToList, ServiceFault> {
    let request = ImportRequest {
        program: &params.program_name,
        list: &params.list_name,
        header: &params.import_file_header,
        rows: &params.import_file_rows.string_item,
        mode: &params.import_list_mode,
        clear_list: params.clear_list,
        campaign: params.campaign_name.value().map(String::as_str),
    };
    state.import_to_list(&request, now)?;
    Ok(SuccessImportToList {
        result: ResultImportToList {
            import_status: ImportToListStatusEnum::Processing,
        },
    })
}

/// getImportToListStatus: the final status of the last import into the list, with its row
/// counts; `programName` and `listName` are required (20109).
pub(super) fn get_import_to_list_status(
    state: &SimState,
    params: &ParamsGetImportToListStatus,
) -> Result<SuccessGetImportToListStatus, ServiceFault> {
    let (Some(program), Some(list)) = (&params.program_name, &params.list_name) else {
        return Err(ServiceFault::with_detail(
            codes::PARAMETER_REQUIRED,
            "programName and listName are required",
        ));
    };
    let run = state.import_status(program, list)?;
    let number = |n: usize| Some(Nillable::Value(i32::try_from(n).unwrap_or(i32::MAX)));
    Ok(SuccessGetImportToListStatus {
        result: ResultGetImportToListStatus {
            status: run.status.clone(),
            started_time: Some(Nillable::Value(run.started_at.fixed_offset().into())),
            ended_time: Some(Nillable::Value(run.started_at.fixed_offset().into())),
            estimated_time: Some(Nillable::Value(0)),
            estimated_rows: number(run.rows),
            rows_imported: number(run.imported),
            rows_failed: number(run.failed),
            rows_ignored: number(run.ignored),
            import_summary: Some(Nillable::Value(run.summary.clone())),
        },
    })
}
