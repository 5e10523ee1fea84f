//! The crate guide's first program (syncLead, getLead, requestCampaign, paging), written with
//! the prelude, constructors and setters only, run against the simulator: what the guide shows
//! compiles from outside the crate and does what it says.

use mktows::prelude::*;
use mktows::simulator::{Campaign, Simulator};
use mktows::types::{
    ArrayOfAttribute, Attribute, LeadKey, LeadKeyRef, LeadRecord, LeadSyncStatus, ParamsGetLead,
    ParamsGetMultipleLeads, ParamsSyncLead, ReqCampSourceType,
};

#[tokio::test]
async fn the_guide_program_runs_against_the_simulator() -> Result<(), Box<dyn std::error::Error>> {
    let sim = Simulator::builder()
        .seed(|state| {
            state.add_campaign(Campaign::requestable(
                4496,
                "Web Service Trigger",
                "Demo Program",
            ));
            for n in 0..3 {
                state.add_lead_with_email(format!("seeded{n}@example.com"));
            }
        })
        .start()
        .await?;
    let client = Client::builder(sim.endpoint(), sim.user_id(), sim.secret_key()).build()?;

    // syncLead: a new lead by email, with one attribute.
    let attributes = ArrayOfAttribute::new()
        .with_attribute(vec![Attribute::new("FirstName".into(), "Ada".into())]);
    let lead = LeadRecord::new()
        .with_email("ada@example.com".into())
        .with_lead_attribute_list(attributes);
    let synced = client.sync_lead(&ParamsSyncLead::new(lead, true)).await?;
    assert_eq!(synced.result.sync_status.status, LeadSyncStatus::Created);
    let returned = synced
        .result
        .lead_record
        .into_value()
        .ok_or("the lead is returned")?;
    assert_eq!(
        returned.email.value().map(String::as_str),
        Some("ada@example.com")
    );

    // getLead: the stored record, read through `OptionNillable`.
    let key = LeadKey::new(LeadKeyRef::Email, "ada@example.com".into());
    let found = client.get_lead(&ParamsGetLead::new(key)).await?;
    let records = found
        .result
        .lead_record_list
        .into_value()
        .unwrap_or_default();
    let [record] = records.lead_record.as_slice() else {
        panic!("one record: {records:?}");
    };
    assert_eq!(record.id.value(), Some(&synced.result.lead_id));
    assert!(!record.email.is_nil());

    // An unknown lead is a typed fault, read with the prelude's `MarketoError`.
    let nobody = LeadKey::new(LeadKeyRef::Email, "nobody@example.com".into());
    let missing = client.get_lead(&ParamsGetLead::new(nobody)).await;
    let error = missing.err().ok_or("an unknown lead is a fault")?;
    assert_eq!(error.fault_code(), Some(FaultCode::LeadNotFound));

    // requestCampaign through the checked constructor.
    let params = mktows::guards::request_campaign_by_id(
        ReqCampSourceType::Mktows,
        4496,
        &["ada@example.com"],
    );
    assert!(client.request_campaign(&params).await?.result.success);

    // Paging: two leads per page over the four leads.
    let mut pages = client.pages(ParamsGetMultipleLeads::new().with_batch_size(2));
    let mut sizes = Vec::new();
    while let Some(page) = pages.next_page().await {
        let leads = page?
            .result
            .lead_record_list
            .into_value()
            .unwrap_or_default();
        sizes.push(leads.lead_record.len());
    }
    assert_eq!(sizes.iter().sum::<usize>(), 4, "{sizes:?}");
    assert!(sizes.iter().all(|&size| size <= 2), "{sizes:?}");
    sim.shutdown().await;
    Ok(())
}
