//! Checks that stop requests Marketo would reject or silently truncate, before any I/O.
//!
//! `requestCampaign` (from the operation's reference page):
//! - exactly two parameter sets are accepted: `campaignId` alone, or `campaignName` +
//!   `programName` (+ optional `programTokenList`); "any other combination throws a bad
//!   parameter exception", and `campaignId` with `campaignName` is named explicitly;
//! - at most 100 lead keys per call, and "additional keys are ignored": the campaign would
//!   silently not run for the rest, so more than 100 is refused here.
//!
//! `campaignId` with `programTokenList` is *not* refused: the reference page forbids it, but
//! Marketo's own blog shows that call working.
//!
//! Long lead lists are split explicitly with [`chunk_lead_keys`] or
//! [`request_campaign_batches`], one call per chunk, so no key is ever dropped.
//!
//! Batch maxima (one constant each in [`crate::limits`], shared with the simulator): more than
//! 300 records in a `syncMultipleLeads`, 1,000 leads in a `listOperation`, 100 objects in a
//! `syncMObjects` / `syncCustomObjects` call, or 100 keys in the `LeadKeySelector` of a
//! `getMultipleLeads` (Marketo ignores the rest) or `getLeadChanges` (Marketo faults) is
//! refused before sending.

use crate::generated::types::{
    ArrayOfLeadKey, LeadKey, LeadKeyRef, LeadSelector, ParamsGetLeadChanges,
    ParamsGetMultipleLeads, ParamsListOperation, ParamsRequestCampaign, ParamsSyncCustomObjects,
    ParamsSyncMObjects, ParamsSyncMultipleLeads, ReqCampSourceType,
};
use crate::limits::{
    MAX_LIST_OPERATION_LEADS, MAX_OBJECTS_BATCH, MAX_REQUEST_CAMPAIGN_LEADS,
    MAX_SELECTOR_LEAD_KEYS, MAX_SYNC_LEADS_BATCH,
};
use crate::xml::Nillable;

/// The syncMultipleLeads check: at most 300 lead records per call.
pub fn sync_multiple_leads(params: &ParamsSyncMultipleLeads) -> Result<(), String> {
    let records = params.lead_record_list.lead_record.len();
    batch_within(
        "syncMultipleLeads",
        "lead records",
        records,
        MAX_SYNC_LEADS_BATCH,
    )
}

/// The listOperation check: at most 1,000 leads per call.
pub fn list_operation(params: &ParamsListOperation) -> Result<(), String> {
    let leads = params.list_member_list.lead_key.len();
    batch_within("listOperation", "leads", leads, MAX_LIST_OPERATION_LEADS)
}

/// The syncMObjects check: at most 100 objects per call.
pub fn sync_m_objects(params: &ParamsSyncMObjects) -> Result<(), String> {
    let objects = params.m_object_list.m_object.len();
    batch_within("syncMObjects", "objects", objects, MAX_OBJECTS_BATCH)
}

/// The syncCustomObjects check: at most 100 objects per call.
pub fn sync_custom_objects(params: &ParamsSyncCustomObjects) -> Result<(), String> {
    let objects = params.custom_obj_list.custom_obj.len();
    batch_within("syncCustomObjects", "objects", objects, MAX_OBJECTS_BATCH)
}

/// The getMultipleLeads check: at most 100 keys in a `LeadKeySelector`.
pub fn get_multiple_leads(params: &ParamsGetMultipleLeads) -> Result<(), String> {
    selector_keys_within("getMultipleLeads", params.lead_selector.as_ref())
}

/// The getLeadChanges check: at most 100 keys in a `LeadKeySelector`.
pub fn get_lead_changes(params: &ParamsGetLeadChanges) -> Result<(), String> {
    selector_keys_within("getLeadChanges", params.lead_selector.as_ref())
}

/// At most 100 keys in a `LeadKeySelector`.
fn selector_keys_within(operation: &str, selector: Option<&LeadSelector>) -> Result<(), String> {
    match selector {
        Some(LeadSelector::LeadKeySelector(keys)) => batch_within(
            operation,
            "LeadKeySelector keys",
            keys.key_values.string_item.len(),
            MAX_SELECTOR_LEAD_KEYS,
        ),
        _ => Ok(()),
    }
}

/// `Err` naming the operation and the limit when `count` exceeds `max`.
pub(crate) fn batch_within(
    operation: &str,
    what: &str,
    count: usize,
    max: usize,
) -> Result<(), String> {
    if count > max {
        Err(format!(
            "{operation} takes at most {max} {what} per call ({count} given); split the batch"
        ))
    } else {
        Ok(())
    }
}

/// The value of an optional, nillable element when it is present and not `xsi:nil`: the one
/// place the client guards and the simulator decide whether a parameter was given.
pub fn present<T>(value: &Option<Nillable<T>>) -> Option<&T> {
    value.as_ref().and_then(Nillable::value)
}

/// Which campaign a requestCampaign call names: one of the two documented parameter sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampaignTarget<'a> {
    /// `campaignId` alone (a `programTokenList` may come with it).
    ById(i32),
    /// `campaignName` + `programName`.
    ByName {
        /// `campaignName`.
        campaign: &'a str,
        /// `programName`.
        program: &'a str,
    },
}

/// The campaign a requestCampaign call names, or why the parameter combination is one Marketo
/// answers with "bad parameter" (20110). Empty names count as absent.
pub fn request_campaign_target(
    params: &ParamsRequestCampaign,
) -> Result<CampaignTarget<'_>, String> {
    let id = present(&params.campaign_id).copied();
    let name = present(&params.campaign_name).filter(|s| !s.is_empty());
    let program = present(&params.program_name).filter(|s| !s.is_empty());
    match (id, name, program) {
        (Some(id), None, None) => Ok(CampaignTarget::ById(id)),
        (None, Some(campaign), Some(program)) => Ok(CampaignTarget::ByName { campaign, program }),
        (Some(_), Some(_), _) => {
            Err("requestCampaign: campaignId and campaignName cannot be combined".to_owned())
        }
        (Some(_), None, Some(_)) => Err(
            "requestCampaign: programName goes with campaignName, not with campaignId".to_owned(),
        ),
        (None, Some(_), None) => Err("requestCampaign: campaignName needs programName".to_owned()),
        (None, None, _) => Err(
            "requestCampaign: give either campaignId, or campaignName with programName".to_owned(),
        ),
    }
}

/// The requestCampaign check. `Err` is the reason, reported as
/// [`ErrorKind::InvalidRequest`](crate::ErrorKind::InvalidRequest).
pub fn request_campaign(params: &ParamsRequestCampaign) -> Result<(), String> {
    let leads = present(&params.lead_list).map_or(0, |list| list.lead_key.len());
    if leads == 0 {
        return Err("requestCampaign needs at least one lead key in leadList".to_owned());
    }
    if leads > MAX_REQUEST_CAMPAIGN_LEADS {
        return Err(format!(
            "requestCampaign takes at most {MAX_REQUEST_CAMPAIGN_LEADS} lead keys per call \
             ({leads} given) and Marketo silently ignores the rest; split the list with \
             mktows::guards::request_campaign_batches or chunk_lead_keys"
        ));
    }
    request_campaign_target(params).map(|_| ())
}

/// requestCampaign parameters in the `campaignId` form: run the leads with the given EMAIL
/// addresses through the trigger campaign `campaign_id`, requested from `source`.
pub fn request_campaign_by_id<S: AsRef<str>>(
    source: ReqCampSourceType,
    campaign_id: i32,
    emails: &[S],
) -> ParamsRequestCampaign {
    ParamsRequestCampaign {
        source,
        campaign_id: Some(Nillable::Value(campaign_id)),
        lead_list: Some(Nillable::Value(ArrayOfLeadKey {
            lead_key: emails
                .iter()
                .map(|email| LeadKey {
                    key_type: LeadKeyRef::Email,
                    key_value: email.as_ref().to_owned(),
                })
                .collect(),
        })),
        program_name: None,
        campaign_name: None,
        program_token_list: None,
    }
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
    let keys = match present(&params.lead_list) {
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
    use crate::generated::types::{
        ArrayOfAttrib, ArrayOfLeadKey, Attrib, LeadKey, LeadKeyRef, ReqCampSourceType,
    };

    fn leads(count: usize) -> Option<Nillable<ArrayOfLeadKey>> {
        let keys: Vec<LeadKey> = (0..count)
            .map(|n| LeadKey {
                key_type: LeadKeyRef::Idnum,
                key_value: n.to_string(),
            })
            .collect();
        Some(Nillable::Value(ArrayOfLeadKey::from(keys)))
    }

    fn by_id() -> ParamsRequestCampaign {
        ParamsRequestCampaign {
            source: ReqCampSourceType::Mktows,
            campaign_id: Some(Nillable::Value(4496)),
            lead_list: leads(2),
            program_name: None,
            campaign_name: None,
            program_token_list: None,
        }
    }

    fn by_name() -> ParamsRequestCampaign {
        ParamsRequestCampaign {
            campaign_id: None,
            campaign_name: Some(Nillable::Value("Send welcome".into())),
            program_name: Some(Nillable::Value("Onboarding".into())),
            program_token_list: Some(Nillable::Value(ArrayOfAttrib::from(vec![Attrib {
                name: "{{my.message}}".into(),
                value: "hi".into(),
            }]))),
            ..by_id()
        }
    }

    #[test]
    fn the_two_documented_parameter_sets_pass() {
        assert_eq!(request_campaign(&by_id()), Ok(()));
        assert_eq!(request_campaign(&by_name()), Ok(()));
        let no_tokens = ParamsRequestCampaign {
            program_token_list: None,
            ..by_name()
        };
        assert_eq!(request_campaign(&no_tokens), Ok(()));
        let id_with_tokens = ParamsRequestCampaign {
            program_token_list: by_name().program_token_list,
            ..by_id()
        };
        assert_eq!(request_campaign(&id_with_tokens), Ok(()));
    }

    #[test]
    fn other_combinations_are_refused() {
        let id_and_name = ParamsRequestCampaign {
            campaign_id: Some(Nillable::Value(1)),
            ..by_name()
        };
        let id_and_program = ParamsRequestCampaign {
            program_name: Some(Nillable::Value("P".into())),
            ..by_id()
        };
        let name_only = ParamsRequestCampaign {
            program_name: None,
            ..by_name()
        };
        let nothing = ParamsRequestCampaign {
            campaign_id: Some(Nillable::Nil),
            ..by_id()
        };
        let empty_name = ParamsRequestCampaign {
            campaign_name: Some(Nillable::Value(String::new())),
            ..by_name()
        };
        for (label, params) in [
            ("id+name", id_and_name),
            ("id+program", id_and_program),
            ("name only", name_only),
            ("nil id", nothing),
            ("empty name", empty_name),
        ] {
            let reason = request_campaign(&params).err();
            assert!(
                reason
                    .as_deref()
                    .is_some_and(|r| r.contains("requestCampaign")),
                "{label}: {reason:?}"
            );
        }
    }

    #[test]
    fn lead_count_is_bounded() {
        let hundred = ParamsRequestCampaign {
            lead_list: leads(100),
            ..by_id()
        };
        assert_eq!(request_campaign(&hundred), Ok(()));
        let too_many = ParamsRequestCampaign {
            lead_list: leads(101),
            ..by_id()
        };
        let reason = request_campaign(&too_many).err().unwrap_or_default();
        assert!(reason.contains("101 given"), "{reason}");
        assert!(reason.contains("request_campaign_batches"), "{reason}");
        for empty in [leads(0), None, Some(Nillable::Nil)] {
            let params = ParamsRequestCampaign {
                lead_list: empty,
                ..by_id()
            };
            assert!(request_campaign(&params).is_err());
        }
    }

    #[test]
    fn the_generated_validate_impl_runs_the_check() {
        use soap_runtime::Validate;
        let mut empty = by_id();
        empty.lead_list = None;
        assert_eq!(empty.validate(), request_campaign(&empty));
        assert!(empty.validate().is_err());
        assert_eq!(by_id().validate(), Ok(()));
        let other = crate::generated::types::ParamsGetLead {
            lead_key: LeadKey {
                key_type: LeadKeyRef::Email,
                key_value: String::new(),
            },
        };
        assert_eq!(other.validate(), Ok(()), "no check declared for getLead");
    }

    #[test]
    fn batch_maxima_are_refused_with_the_operation_named() {
        use crate::generated::types::{ArrayOfString, LeadKeySelector};
        use soap_runtime::Validate;
        let selector = |n: usize| {
            Some(LeadSelector::LeadKeySelector(LeadKeySelector {
                key_type: LeadKeyRef::Email,
                key_values: ArrayOfString {
                    string_item: (0..n).map(|i| format!("k{i}@x.com")).collect(),
                },
            }))
        };
        let leads = |n: usize| ParamsGetMultipleLeads {
            lead_selector: selector(n),
            ..ParamsGetMultipleLeads::default()
        };
        assert_eq!(leads(100).validate(), Ok(()));
        let reason = leads(101).validate().err().unwrap_or_default();
        assert!(
            reason.contains("getMultipleLeads") && reason.contains("101 given"),
            "{reason}"
        );
        let sync = |n: usize| ParamsSyncMultipleLeads {
            lead_record_list: crate::generated::types::ArrayOfLeadRecord {
                lead_record: vec![crate::generated::types::LeadRecord::default(); n],
            },
            dedup_enabled: None,
        };
        assert_eq!(sync(300).validate(), Ok(()));
        assert!(
            sync(301)
                .validate()
                .is_err_and(|r| r.contains("syncMultipleLeads"))
        );
    }

    fn keys(n: usize) -> Vec<LeadKey> {
        (0..n)
            .map(|i| LeadKey {
                key_type: LeadKeyRef::Email,
                key_value: format!("lead{i}@company.com"),
            })
            .collect()
    }

    #[test]
    fn by_id_constructor_passes_the_guard_with_email_keys() {
        let params = request_campaign_by_id(ReqCampSourceType::Mktows, 4496, &["a@b.c", "d@e.f"]);
        assert_eq!(request_campaign(&params), Ok(()));
        assert_eq!(params.campaign_id, Some(Nillable::Value(4496)));
        let keys = params
            .lead_list
            .as_ref()
            .and_then(Nillable::value)
            .map(|l| &l.lead_key);
        assert_eq!(
            keys.map(|k| k
                .iter()
                .map(|k| (k.key_type.clone(), k.key_value.as_str()))
                .collect::<Vec<_>>()),
            Some(vec![
                (LeadKeyRef::Email, "a@b.c"),
                (LeadKeyRef::Email, "d@e.f")
            ])
        );
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
