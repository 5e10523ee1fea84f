//! Marketo's documented request payloads for the operations beyond leads and campaigns,
//! posted verbatim (in the documentation's order, with the simulator's clock at each
//! request's timestamp so the sample signatures verify) to a simulator serving
//! `SimState::documented()`: every one is answered with a success that decodes strictly and
//! says what the documentation's response says.

#[path = "support/shared_data.rs"]
#[allow(dead_code)] // this test uses only `shared_dir`
mod shared_data;

use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use mktows::envelope::{self, EnvelopeError};
use mktows::generated::types::{
    ImportToListStatusEnum, MObjStatusEnum, SuccessDeleteCustomObjects, SuccessDeleteMObjects,
    SuccessDescribeMObject, SuccessGetChannels, SuccessGetCustomObjects,
    SuccessGetImportToListStatus, SuccessGetLeadChanges, SuccessGetMObjects, SuccessGetTags,
    SuccessImportToList, SuccessListMObjects, SuccessMergeLeads, SuccessSyncCustomObjects,
    SuccessSyncMObjects, SyncStatusEnum, TARGET_NAMESPACE,
};
use mktows::simulator::{RunningSimulator, SimState, Simulator};
use mktows::xml::{DecodeOptions, Nillable, XmlDecode};

/// Posts one documented request with the clock at its `requestTimestamp`; returns the body of
/// the HTTP 200 answer.
async fn post(
    sim: &RunningSimulator,
    clock: &Mutex<DateTime<Utc>>,
    dir: &Path,
    file: &str,
) -> String {
    let body = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let stamp = body
        .split("<requestTimestamp>")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_else(|| panic!("{file} has no requestTimestamp"));
    let at = DateTime::parse_from_rfc3339(stamp.trim()).unwrap_or_else(|e| panic!("{stamp}: {e}"));
    *clock.lock().unwrap_or_else(|e| e.into_inner()) = at.with_timezone(&Utc);
    let response = reqwest::Client::new()
        .post(sim.endpoint())
        .header("Content-Type", "text/xml; charset=utf-8")
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    assert_eq!(status, 200, "{file}: {text}");
    text
}

/// Decodes a success strictly (anything the schema does not allow fails).
fn decode<T: XmlDecode>(xml: &str, root: &str) -> T {
    match envelope::read_response::<T>(xml, TARGET_NAMESPACE, root, DecodeOptions::strict()) {
        Ok(value) => value,
        Err(EnvelopeError::Fault(fault)) => panic!("fault: {fault}"),
        Err(e) => panic!("{e}\n{xml}"),
    }
}

#[tokio::test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
async fn documented_requests_of_the_other_operations_are_answered_as_documented() {
    let shared = shared_data::shared_dir();
    let dir = shared.join("marketo/examples");
    let clock = Arc::new(Mutex::new(Utc::now()));
    let reader = Arc::clone(&clock);
    let sim = Simulator::builder()
        .state(SimState::documented())
        .clock(move || *reader.lock().unwrap_or_else(|e| e.into_inner()))
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let xml = post(&sim, &clock, &dir, "listMObjects.request.xml").await;
    let objects = decode::<SuccessListMObjects>(&xml, "successListMObjects")
        .result
        .objects;
    assert_eq!(
        objects,
        [
            "ActivityRecord",
            "LeadRecord",
            "Opportunity",
            "OpportunityPersonRole"
        ]
    );

    let xml = post(&sim, &clock, &dir, "describeMObject.request.xml").await;
    let metadata = decode::<SuccessDescribeMObject>(&xml, "successDescribeMObject")
        .result
        .metadata;
    assert_eq!(
        (metadata.name.as_str(), metadata.field_list.field.len()),
        ("ActivityRecord", 11)
    );

    let xml = post(&sim, &clock, &dir, "getChannels.request.xml").await;
    let channels = decode::<SuccessGetChannels>(&xml, "successGetChannels")
        .result
        .tags
        .tag_status;
    let names: Vec<&str> = channels.iter().map(|t| t.tag_value.as_str()).collect();
    assert_eq!(
        names,
        ["Blog", "Tradeshow", "Webinar"],
        "as in the documented response"
    );

    let xml = post(&sim, &clock, &dir, "getTags.request.xml").await;
    let tags = decode::<SuccessGetTags>(&xml, "successGetTags")
        .result
        .tag_list
        .tag;
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].r#type.as_deref(), Some("Content Channel"));

    let xml = post(&sim, &clock, &dir, "getMObjects.request.xml").await;
    let programs = decode::<SuccessGetMObjects>(&xml, "successGetMObjects").result;
    assert_eq!((programs.return_count, programs.has_more), (6, false));
    assert!(!programs.new_stream_position.is_empty());

    let xml = post(&sim, &clock, &dir, "syncMObjects.request.xml").await;
    let statuses = decode::<SuccessSyncMObjects>(&xml, "successSyncMObjects").result;
    let statuses: Vec<(i32, MObjStatusEnum)> = statuses
        .m_obj_status_list
        .m_obj_status
        .into_iter()
        .map(|s| (s.id, s.status))
        .collect();
    assert_eq!(statuses, [(1970, MObjStatusEnum::Updated)]);

    let xml = post(&sim, &clock, &dir, "deleteMObjects.request.xml").await;
    let deleted = decode::<SuccessDeleteMObjects>(&xml, "successDeleteMObjects").result;
    let deleted: Vec<(i32, MObjStatusEnum)> = deleted
        .m_obj_status_list
        .m_obj_status
        .into_iter()
        .map(|s| (s.id, s.status))
        .collect();
    assert_eq!(
        deleted,
        [(4, MObjStatusEnum::Deleted), (7, MObjStatusEnum::Deleted)]
    );

    let xml = post(&sim, &clock, &dir, "importToList.request.xml").await;
    let import = decode::<SuccessImportToList>(&xml, "successImportToList").result;
    assert_eq!(import.import_status, ImportToListStatusEnum::Processing);

    let xml = post(&sim, &clock, &dir, "getImportToListStatus.request.xml").await;
    let status =
        decode::<SuccessGetImportToListStatus>(&xml, "successGetImportToListStatus").result;
    assert_eq!(status.status, ImportToListStatusEnum::Complete);
    assert_eq!(status.rows_imported, Some(Nillable::Value(2)));

    let xml = post(&sim, &clock, &dir, "syncCustomObjects.request.xml").await;
    let synced = decode::<SuccessSyncCustomObjects>(&xml, "successSyncCustomObjects").result;
    let synced: Vec<SyncStatusEnum> = synced
        .sync_custom_obj_status_list
        .sync_custom_obj_status
        .into_iter()
        .map(|s| s.status)
        .collect();
    assert_eq!(
        synced,
        [SyncStatusEnum::Updated],
        "rid1 exists in the documented instance"
    );

    let xml = post(&sim, &clock, &dir, "getCustomObjects.request.xml").await;
    let objects = decode::<SuccessGetCustomObjects>(&xml, "successGetCustomObjects").result;
    assert_eq!(objects.obj_type_name, "Roadshow");
    assert_eq!((objects.return_count, objects.remaining_count), (6, 0));

    let xml = post(&sim, &clock, &dir, "deleteCustomObjects.request.xml").await;
    let deleted = decode::<SuccessDeleteCustomObjects>(&xml, "successDeleteCustomObjects").result;
    let deleted: Vec<SyncStatusEnum> = deleted
        .delete_custom_obj_status_list
        .sync_custom_obj_status
        .into_iter()
        .map(|s| s.status)
        .collect();
    assert_eq!(deleted, [SyncStatusEnum::Deleted]);

    let xml = post(&sim, &clock, &dir, "mergeLeads.request.xml").await;
    let merged = decode::<SuccessMergeLeads>(&xml, "successMergeLeads")
        .result
        .merge_status;
    assert_eq!(merged.winning_lead_id, Some(Nillable::Value(2)));
    assert!(sim.state().lead(15).is_none() && sim.state().lead(16).is_none());

    let xml = post(&sim, &clock, &dir, "getLeadChanges.request.xml").await;
    let changes = decode::<SuccessGetLeadChanges>(&xml, "successGetLeadChanges").result;
    assert_eq!(changes.return_count, 10, "batchSize 10 of a longer log");
    assert!(changes.remaining_count > 0);
}

/// The documented getLeadActivity request, re-signed (its user id was altered after signing,
/// so its own signature cannot verify): empty `<latestCreatedAt />` and `<offset />` are
/// accepted and the filter returns only the web visits and the form fill of the lead.
#[tokio::test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
async fn documented_get_lead_activity_request_reads_the_filtered_history() {
    let shared = shared_data::shared_dir();
    let file = shared.join("marketo/examples/getLeadActivity.request.xml");
    let body = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
    let user = "demo17_1_809939874BFABAE58E5D27";
    let stamp = "2013-07-31T17:34:01-07:00";
    let key = mktows::SecretKey::new(mktows::simulator::DEFAULT_SECRET_KEY);
    let signature = mktows::auth::sign(&key, stamp, user);
    let body = body.replace("04c4f6df99a2271e0fc42dde67939defd2528a74", &signature);
    let at = DateTime::parse_from_rfc3339(stamp).unwrap_or_else(|e| panic!("{e}"));
    let sim = Simulator::builder()
        .state(SimState::documented())
        .user_id(user)
        .clock(move || at.with_timezone(&Utc))
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let response = reqwest::Client::new()
        .post(sim.endpoint())
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let status = response.status().as_u16();
    let xml = response.text().await.unwrap_or_default();
    assert_eq!(status, 200, "{xml}");
    let list =
        decode::<mktows::generated::types::SuccessGetLeadActivity>(&xml, "successGetLeadActivity")
            .lead_activity_list;
    let types: Vec<String> = list
        .activity_record_list
        .and_then(Nillable::into_option)
        .unwrap_or_default()
        .activity_record
        .into_iter()
        .map(|r| r.activity_type)
        .collect();
    assert_eq!(types, ["Fill Out Form", "Visit Webpage", "Visit Webpage"]);
    assert_eq!(list.remaining_count, 0);
}
