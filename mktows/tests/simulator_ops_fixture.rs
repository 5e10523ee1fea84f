//! A fixture kept in the repository (`tests/fixtures/simulator-state.json`) loaded with
//! `SimState::load`, served, changed through the generated client, saved with
//! `SimState::save` and read back.

mod simulator_support;

use std::path::Path;

use mktows::generated::types::{
    ArrayOfAttribute, ArrayOfString, Attribute, LeadRecord, LeadSelector, ParamsGetCustomObjects,
    ParamsGetMultipleLeads, ParamsGetTags, ParamsSyncLead, StaticListSelector,
};
use mktows::simulator::{SimState, Simulator};
use simulator_support::{client, request_campaign_params};

fn fixture_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/simulator-state.json")
}

#[tokio::test]
async fn a_repository_fixture_is_served_and_survives_save_and_load() {
    let state = SimState::load(fixture_path()).unwrap_or_else(|e| panic!("{e}"));
    let sim = Simulator::builder()
        .state(state)
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let client = client(&sim);

    // The list, the campaign, the tags and the custom object of the file are usable.
    let members = client
        .get_multiple_leads(&ParamsGetMultipleLeads::new().with_lead_selector(
            LeadSelector::StaticListSelector(
                StaticListSelector::new().with_static_list_name("Onboarding.Subscribers".into()),
            ),
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result;
    assert_eq!(members.return_count, 1);
    let ran = client
        .request_campaign(&request_campaign_params(7001, &["bob@example.com"]))
        .await;
    assert!(ran.is_ok(), "{ran:?}");
    let batch_only = client
        .request_campaign(&request_campaign_params(7002, &["bob@example.com"]))
        .await;
    assert!(batch_only.is_err(), "7002 is a batch campaign");
    let tags = client.get_tags(&ParamsGetTags::default()).await;
    assert_eq!(tags.map(|t| t.result.tag_list.tag.len()).ok(), Some(1));
    let purchases = client
        .get_custom_objects(&ParamsGetCustomObjects::new(
            "Purchase".into(),
            ArrayOfString::default(),
        ))
        .await;
    assert_eq!(purchases.map(|p| p.result.return_count).ok(), Some(1));
    let synced = client
        .sync_lead(&ParamsSyncLead::new(
            LeadRecord::new()
                .with_email("cy@example.com".into())
                .with_lead_attribute_list(
                    ArrayOfAttribute::new()
                        .with_attribute(vec![Attribute::new("FirstName".into(), "Cy".into())]),
                ),
            false,
        ))
        .await;
    assert!(synced.is_ok(), "{synced:?}");

    // Save, read back: the new lead, its activity and the typed attribute survive.
    let dir = std::env::temp_dir().join(format!("mktows-fixture-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let saved = dir.join("state.json");
    let text = {
        let state = sim.state();
        state.save(&saved).unwrap_or_else(|e| panic!("{e}"));
        state.to_fixture()
    };
    let loaded = SimState::load(&saved).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.to_fixture(), text);
    let cy = loaded
        .find_leads("EMAIL", "cy@example.com")
        .unwrap_or_default();
    assert_eq!(cy.len(), 1);
    let score = loaded
        .lead(3001)
        .and_then(|l| l.attributes.get("LeadScore").map(|a| a.attr_type.clone()));
    assert_eq!(score.as_deref(), Some("integer"));
    let logged = loaded
        .activities()
        .filter(|a| a.lead_id == 3002 && a.activity_type.as_str() == "RequestCampaign")
        .count();
    assert_eq!(logged, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_persisted_state_is_saved_after_each_changing_call() {
    let dir = std::env::temp_dir().join(format!("mktows-persist-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("state.json");
    let mut state = SimState::load(fixture_path()).unwrap_or_else(|e| panic!("{e}"));
    state.persist_to(&path);
    let sim = Simulator::builder()
        .state(state)
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let client = client(&sim);
    let read = client.get_tags(&ParamsGetTags::default()).await;
    assert!(read.is_ok(), "{read:?}");
    assert!(!path.exists(), "a read does not save");
    let ran = client
        .request_campaign(&request_campaign_params(7001, &["ann@example.com"]))
        .await;
    assert!(ran.is_ok(), "{ran:?}");
    let saved = SimState::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let requested = saved
        .activities()
        .filter(|a| a.lead_id == 3001 && a.activity_type.as_str() == "RequestCampaign")
        .count();
    assert_eq!(requested, 1);
    assert_eq!(sim.state().last_save_error(), None);
    let _ = std::fs::remove_dir_all(&dir);
}
