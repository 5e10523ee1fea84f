//! listOperation on static lists named by `MKTOLISTNAME`, members by `IDNUM`.

use chrono::{DateTime, Utc};

use super::convert::present;
use crate::generated::types::{
    ArrayOfLeadStatus, LeadKeyRef, LeadStatus, ListKeyType, ListOperationType, ParamsListOperation,
    ResultListOperation, SuccessListOperation,
};
use crate::limits::MAX_LIST_OPERATION_LEADS;
use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::state::{ListMembership, SimState};
use crate::xml::Nillable;

/// listOperation: ADDTOLIST / ISMEMBEROFLIST / REMOVEFROMLIST; `success` is true when every
/// lead's status is true.
pub(super) fn list_operation(
    state: &mut SimState,
    params: &ParamsListOperation,
    now: DateTime<Utc>,
) -> Result<SuccessListOperation, ServiceFault> {
    let operation = match &params.list_operation {
        ListOperationType::Addtolist => ListMembership::Add,
        ListOperationType::Ismemberoflist => ListMembership::Check,
        ListOperationType::Removefromlist => ListMembership::Remove,
        ListOperationType::Unknown(other) => {
            return Err(ServiceFault::with_detail(
                codes::BAD_PARAMETER,
                format!("unknown listOperation {other:?}"),
            ));
        }
    };
    if params.list_key.key_type != ListKeyType::Mktolistname {
        return Err(ServiceFault::with_detail(
            codes::BAD_PARAMETER,
            format!(
                "list key type {} is not simulated (use MKTOLISTNAME)",
                params.list_key.key_type.as_str()
            ),
        ));
    }
    let keys = &params.list_member_list.lead_key;
    if keys.len() > MAX_LIST_OPERATION_LEADS {
        return Err(ServiceFault::with_detail(
            codes::BAD_PARAMETER,
            format!(
                "{} leads in one call; the limit is {MAX_LIST_OPERATION_LEADS}",
                keys.len()
            ),
        ));
    }
    let mut ids = Vec::with_capacity(keys.len());
    for key in keys {
        if key.key_type != LeadKeyRef::Idnum {
            return Err(ServiceFault::with_detail(
                codes::LEAD_KEY_BAD,
                format!(
                    "list members are named by IDNUM, not {}",
                    key.key_type.as_str()
                ),
            ));
        }
        let id = key.key_value.trim().parse::<i32>().map_err(|_| {
            ServiceFault::with_detail(
                codes::LEAD_KEY_BAD,
                format!("IDNUM {:?} is not a number", key.key_value),
            )
        })?;
        ids.push(id);
    }
    let strict = present(&params.strict).copied().unwrap_or(false);
    let statuses =
        state.list_operation(&params.list_key.key_value, operation, &ids, strict, now)?;
    let success = statuses.iter().all(|ok| *ok);
    let lead_status = keys
        .iter()
        .zip(statuses)
        .map(|(key, status)| LeadStatus {
            lead_key: key.clone(),
            status,
        })
        .collect();
    Ok(SuccessListOperation {
        result: ResultListOperation {
            success,
            status_list: Some(Nillable::Value(ArrayOfLeadStatus { lead_status })),
        },
    })
}
