//! Each simulated operation through the generated client: Marketo-shaped successes and the
//! documented faults.

mod simulator_support;

use mktows::FaultCode;
use mktows::MarketoError as _;
use mktows::generated::types::{
    ArrayOfAttrib, ArrayOfAttribute, ArrayOfLeadKey, ArrayOfLeadRecord, Attrib, Attribute, LeadKey,
    LeadKeyRef, LeadRecord, LeadSyncStatus, ListKey, ListKeyType, ListOperationType,
    ParamsGetCampaignsForSource, ParamsGetLead, ParamsGetMultipleLeads, ParamsListOperation,
    ParamsScheduleCampaign, ParamsSyncLead, ParamsSyncMultipleLeads, ReqCampSourceType,
};
use mktows::simulator::{Campaign, RunKind};
use mktows::xml::Nillable;
use simulator_support::*;

fn email_key(email: &str) -> LeadKey {
    LeadKey::new(LeadKeyRef::Email, email.to_owned())
}

fn id_key(id: i32) -> LeadKey {
    LeadKey::new(LeadKeyRef::Idnum, id.to_string())
}

fn record(email: &str, attributes: &[(&str, &str)]) -> LeadRecord {
    LeadRecord::new()
        .with_email(email.to_owned())
        .with_lead_attribute_list(
            ArrayOfAttribute::new().with_attribute(
                attributes
                    .iter()
                    .map(|(name, value)| Attribute::new((*name).to_owned(), (*value).to_owned()))
                    .collect(),
            ),
        )
}

#[tokio::test]
async fn get_lead_returns_the_record_or_20103() {
    let sim = seeded_simulator().await;
    sim.state().add_lead(
        mktows::simulator::Lead::new(65835, "formtest1@marketo.com")
            .with_attribute("FirstName", "Fname"),
    );
    let client = client(&sim);
    let found = client.get_lead(&ParamsGetLead::new(id_key(65835))).await;
    let result = found.unwrap_or_else(|e| panic!("{e}")).result;
    assert_eq!(result.count, 1);
    let records = result
        .lead_record_list
        .and_then(Nillable::into_option)
        .unwrap_or_default()
        .lead_record;
    let lead = records.first().unwrap_or_else(|| panic!("no record"));
    assert_eq!(
        lead.email,
        Some(Nillable::Value("formtest1@marketo.com".to_owned()))
    );
    assert_eq!(lead.foreign_sys_person_id, Some(Nillable::Nil));
    let attributes = lead
        .lead_attribute_list
        .clone()
        .and_then(Nillable::into_option)
        .unwrap_or_default();
    assert_eq!(
        attributes.attribute.first().map(|a| a.attr_value.as_str()),
        Some("Fname")
    );
    let missing = client
        .get_lead(&ParamsGetLead::new(email_key("ghost@company.com")))
        .await;
    assert_eq!(
        missing.err().and_then(|e| e.fault_code()),
        Some(FaultCode::LeadNotFound)
    );
}

#[tokio::test]
async fn sync_lead_creates_then_updates_by_email() {
    let sim = seeded_simulator().await;
    let client = client(&sim);
    let created = client
        .sync_lead(&ParamsSyncLead::new(
            record("new@company.com", &[("FirstName", "Ann")]),
            true,
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result;
    assert_eq!(created.sync_status.status, LeadSyncStatus::Created);
    assert_eq!(created.sync_status.error, Some(Nillable::Nil));
    let returned = created.lead_record.and_then(Nillable::into_option);
    assert_eq!(
        returned.and_then(|r| r.id).and_then(Nillable::into_option),
        Some(created.lead_id)
    );

    let updated = client
        .sync_lead(&ParamsSyncLead::new(
            record("NEW@company.com", &[("LastName", "Lee")]),
            false,
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result;
    assert_eq!(updated.sync_status.status, LeadSyncStatus::Updated);
    assert_eq!(updated.lead_id, created.lead_id);
    assert_eq!(
        updated.lead_record,
        Some(Nillable::Nil),
        "returnLead=false answers a nil leadRecord"
    );
    let state = sim.state();
    let lead = state
        .lead(created.lead_id)
        .unwrap_or_else(|| panic!("lead missing"));
    assert!(lead.attributes.contains_key("FirstName") && lead.attributes.contains_key("LastName"));
}

#[tokio::test]
async fn sync_multiple_leads_dedups_unless_disabled() {
    let sim = seeded_simulator().await;
    let client = client(&sim);
    let params = |dedup: bool| {
        ParamsSyncMultipleLeads::new(ArrayOfLeadRecord::new().with_lead_record(vec![
            record("lead@company.com", &[]),
            record("fresh@company.com", &[]),
        ]))
        .with_dedup_enabled(dedup)
    };
    let deduped = client
        .sync_multiple_leads(&params(true))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let statuses: Vec<LeadSyncStatus> = deduped
        .result
        .sync_status_list
        .sync_status
        .iter()
        .map(|s| s.status.clone())
        .collect();
    assert_eq!(
        statuses,
        vec![LeadSyncStatus::Updated, LeadSyncStatus::Created]
    );
    let duplicated = client
        .sync_multiple_leads(&params(false))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        duplicated
            .result
            .sync_status_list
            .sync_status
            .iter()
            .all(|s| s.status == LeadSyncStatus::Created)
    );
    assert_eq!(sim.state().lead_count(), 2 + 1 + 2);
}

#[tokio::test]
async fn list_operation_adds_checks_removes_and_reports_unknown_lists() {
    let sim = seeded_simulator().await;
    let (member, list) = {
        let mut state = sim.state();
        let member = state.add_lead_with_email("member@company.com");
        (
            member,
            state.add_static_list("Subscribers", Some("Newsletter")),
        )
    };
    let client = client(&sim);
    let call = |operation: ListOperationType, list_name: &str, ids: &[i32]| {
        ParamsListOperation::new(
            operation,
            ListKey::new(ListKeyType::Mktolistname, list_name.to_owned()),
            ArrayOfLeadKey::new().with_lead_key(ids.iter().map(|id| id_key(*id)).collect()),
        )
    };
    let added = client
        .list_operation(&call(
            ListOperationType::Addtolist,
            "Newsletter.Subscribers",
            &[member, 87710],
        ))
        .await;
    let added = added.unwrap_or_else(|e| panic!("{e}")).result;
    assert!(!added.success, "one of the leads does not exist");
    let statuses: Vec<bool> = added
        .status_list
        .and_then(Nillable::into_option)
        .unwrap_or_default()
        .lead_status
        .iter()
        .map(|s| s.status)
        .collect();
    assert_eq!(statuses, vec![true, false]);
    assert_eq!(
        sim.state().static_list(list).map(|l| l.members.len()),
        Some(1)
    );
    let check = client
        .list_operation(&call(
            ListOperationType::Ismemberoflist,
            "Subscribers",
            &[member],
        ))
        .await;
    assert!(check.is_ok_and(|r| r.result.success));
    let removed = client
        .list_operation(&call(
            ListOperationType::Removefromlist,
            "Subscribers",
            &[member],
        ))
        .await;
    assert!(removed.is_ok_and(|r| r.result.success));
    assert_eq!(
        sim.state().static_list(list).map(|l| l.members.len()),
        Some(0)
    );
    let unknown = client
        .list_operation(&call(ListOperationType::Addtolist, "Nope", &[member]))
        .await;
    assert_eq!(
        unknown.err().and_then(|e| e.fault_code()),
        Some(FaultCode::ListNotFound)
    );
}

#[tokio::test]
async fn campaigns_for_source_filter_by_name() {
    let sim = seeded_simulator().await;
    sim.state().add_campaign(Campaign::requestable(
        3374,
        "ER Demo.Triggered Campaign",
        "ER Demo",
    ));
    sim.state()
        .add_campaign(Campaign::batch(12, "Nightly Batch", "ER Demo"));
    let client = client(&sim);
    let query = |name: Option<&str>, exact: Option<bool>| {
        let mut value = ParamsGetCampaignsForSource::new(ReqCampSourceType::Mktows);
        value.name = name.map(|n| Nillable::Value(n.to_owned()));
        value.exact_name = exact.map(Nillable::Value);
        value
    };
    let all = client
        .get_campaigns_for_source(&query(None, None))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        all.result.return_count, 2,
        "the batch campaign is not requestable"
    );
    let ids: Vec<i32> = all
        .result
        .campaign_record_list
        .and_then(Nillable::into_option)
        .unwrap_or_default()
        .campaign_record
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, vec![3374, 4496]);
    let partial = client
        .get_campaigns_for_source(&query(Some("triggered"), Some(false)))
        .await;
    assert_eq!(partial.map(|r| r.result.return_count).ok(), Some(1));
    let exact = client
        .get_campaigns_for_source(&query(Some("triggered"), Some(true)))
        .await;
    assert_eq!(exact.map(|r| r.result.return_count).ok(), Some(0));
}

#[tokio::test]
async fn request_campaign_by_name_and_program_records_the_tokens() {
    let sim = seeded_simulator().await;
    let params = {
        let mut value = seed_params()
            .with_program_name("Demo Program".to_owned())
            .with_campaign_name("Web Service Trigger".to_owned())
            .with_program_token_list(ArrayOfAttrib::new().with_attrib(vec![Attrib::new(
                "{{my.message}}".to_owned(),
                "Hello & welcome".to_owned(),
            )]));
        value.campaign_id = None;
        value
    };
    let result = client(&sim).request_campaign(&params).await;
    assert!(result.is_ok_and(|r| r.result.success));
    let runs = sim.state().campaign_runs().to_vec();
    let tokens = runs.first().map(|r| r.tokens.clone()).unwrap_or_default();
    assert_eq!(
        tokens,
        vec![("{{my.message}}".to_owned(), "Hello & welcome".to_owned())]
    );
}

#[tokio::test]
async fn schedule_campaign_needs_an_existing_campaign() {
    let sim = seeded_simulator().await;
    sim.state()
        .add_campaign(Campaign::batch(12, "Nightly Batch", "Ops"));
    let client = client(&sim);
    let params =
        |campaign: &str| ParamsScheduleCampaign::new("Ops".to_owned(), campaign.to_owned());
    let scheduled = client.schedule_campaign(&params("Nightly Batch")).await;
    assert!(scheduled.is_ok_and(|r| r.result.success));
    assert_eq!(
        sim.state()
            .campaign_runs()
            .first()
            .map(|r| (r.campaign_id, r.kind.clone())),
        Some((12, RunKind::Scheduled(None)))
    );
    let missing = client.schedule_campaign(&params("Nope")).await;
    assert_eq!(
        missing.err().and_then(|e| e.fault_code()),
        Some(FaultCode::CampaignNotFound)
    );
}

#[tokio::test]
async fn a_made_up_stream_position_is_20122() {
    let sim = seeded_simulator().await;
    let params = ParamsGetMultipleLeads::new()
        .with_stream_position("id:1:rc:0:sel:0000000000000000".to_owned());
    let error = client(&sim).get_multiple_leads(&params).await.err();
    assert_eq!(
        error.and_then(|e| e.fault_code()),
        Some(FaultCode::BadStreamPosition)
    );
}
