//! The request payloads from Marketo's documentation (`../shared/marketo/examples`), posted
//! verbatim to the simulator with its clock set to their timestamps: the signatures made with
//! the documentation's sample key verify, and the answers match the documented responses.

#[path = "../../xtask/test-support/shared_data.rs"]
mod shared_data;
mod simulator_support;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use mktows::envelope::{self, EnvelopeError};
use mktows::generated::types::{
    SuccessGetCampaignsForSource, SuccessGetMultipleLeads, SuccessListOperation,
    SuccessSyncMultipleLeads, TARGET_NAMESPACE,
};
use mktows::simulator::{Campaign, Lead, RunningSimulator, SimState, Simulator};
use mktows::xml::{DecodeOptions, Nillable, XmlDecode};
use shared_data::shared_dir;

/// Marketo's documented example payloads in the reference data.
fn examples_dir() -> PathBuf {
    shared_dir().join("marketo/examples")
}

/// A simulator whose clock reads `timestamp` (the documented request's), seeded by `seed`.
async fn simulator_at(timestamp: &str, seed: impl FnOnce(&mut SimState)) -> RunningSimulator {
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339(timestamp)
        .unwrap_or_else(|e| panic!("{timestamp}: {e}"))
        .with_timezone(&Utc);
    Simulator::builder()
        .clock(move || now)
        .seed(seed)
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Posts a documented request file (no SOAPAction, as the docs' samples) and returns the
/// HTTP status and body.
async fn post_example(sim: &RunningSimulator, dir: &Path, file: &str) -> (u16, String) {
    let body = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let response = reqwest::Client::new()
        .post(sim.endpoint())
        .header("Content-Type", "text/xml; charset=utf-8")
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// Decodes a success response strictly (anything the schema does not allow fails).
fn decode<T: XmlDecode>(xml: &str, root: &str) -> T {
    match envelope::read_response::<T>(xml, TARGET_NAMESPACE, root, DecodeOptions::strict()) {
        Ok(value) => value,
        Err(EnvelopeError::Fault(fault)) => panic!("fault: {fault}"),
        Err(e) => panic!("{e}\n{xml}"),
    }
}

#[tokio::test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
async fn documented_get_multiple_leads_is_answered_like_the_documented_response() {
    let dir = examples_dir();
    let sim = simulator_at("2013-08-02T15:47:06-07:00", |s| {
        s.add_lead(
            Lead::new(65835, "formtest1@marketo.com").with_attribute("Company", "Marketo Test"),
        );
        s.add_lead(Lead::new(67508, "joe@marketo.com").with_attribute("FirstName", "Joe"));
        s.add_lead(Lead::new(70000, "someone.else@marketo.com"));
    })
    .await;
    let (status, xml) = post_example(&sim, &dir, "getMultipleLeads.request.xml").await;
    assert_eq!(status, 200, "{xml}");
    let result = decode::<SuccessGetMultipleLeads>(&xml, "successGetMultipleLeads").result;
    assert_eq!((result.return_count, result.remaining_count), (2, 0));
    assert_eq!(result.new_stream_position, "");
    let ids: Vec<i32> = result
        .lead_record_list
        .and_then(Nillable::into_option)
        .unwrap_or_default()
        .lead_record
        .iter()
        .filter_map(|r| r.id.clone()?.into_option())
        .collect();
    assert_eq!(ids, vec![65835, 67508]);
}

#[tokio::test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
async fn documented_list_operation_reports_per_lead_membership() {
    let dir = examples_dir();
    let sim = simulator_at("2013-08-05T16:34:19-07:00", |s| {
        s.add_lead(Lead::new(87710, "a@marketo.com"));
        s.add_lead(Lead::new(1089946, "b@marketo.com"));
        let list = s.add_static_list("Trav-Test-List", None);
        s.add_list_members(list, &[1089946]);
    })
    .await;
    let (status, xml) = post_example(&sim, &dir, "listOperation.request.xml").await;
    assert_eq!(status, 200, "{xml}");
    let result = decode::<SuccessListOperation>(&xml, "successListOperation").result;
    assert!(
        !result.success,
        "the documented response says success=false"
    );
    let statuses: Vec<(String, bool)> = result
        .status_list
        .and_then(Nillable::into_option)
        .unwrap_or_default()
        .lead_status
        .into_iter()
        .map(|s| (s.lead_key.key_value, s.status))
        .collect();
    assert_eq!(
        statuses,
        vec![("87710".to_owned(), false), ("1089946".to_owned(), true)]
    );
}

#[tokio::test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
async fn documented_get_campaigns_for_source_filters_by_name() {
    let dir = examples_dir();
    let sim = simulator_at("2013-08-05T11:08:02-07:00", |s| {
        s.add_campaign(Campaign::requestable(
            3374,
            "ER Demo.Triggered Campaign",
            "ER Demo",
        ));
        s.add_campaign(Campaign::requestable(
            4240,
            "Fulfillment Email Trigger for Social App:",
            "Social",
        ));
        s.add_campaign(Campaign::requestable(9, "Welcome", "Social"));
    })
    .await;
    let (status, xml) = post_example(&sim, &dir, "getCampaignsForSource.request.xml").await;
    assert_eq!(status, 200, "{xml}");
    let result =
        decode::<SuccessGetCampaignsForSource>(&xml, "successGetCampaignsForSource").result;
    assert_eq!(result.return_count, 2);
}

#[tokio::test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
async fn documented_sync_multiple_leads_creates_the_leads() {
    let dir = examples_dir();
    let sim = simulator_at("2013-08-01T18:22:30-07:00", |_| {}).await;
    let (status, xml) = post_example(&sim, &dir, "syncMultipleLeads.request.xml").await;
    assert_eq!(status, 200, "{xml}");
    let result = decode::<SuccessSyncMultipleLeads>(&xml, "successSyncMultipleLeads").result;
    let created = result.sync_status_list.sync_status.len();
    assert!(created >= 2, "{xml}");
    assert_eq!(sim.state().lead_count(), created);
    let found = sim
        .state()
        .find_leads("EMAIL", "em1000@etestd.marketo.net")
        .map(|ids| ids.len());
    assert_eq!(found, Ok(1));
}

#[tokio::test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
async fn a_documented_request_outside_the_window_or_with_a_scrubbed_user_id_fails() {
    let dir = examples_dir();
    let sim = simulator_support::seeded_simulator().await;
    let (status, xml) = post_example(&sim, &dir, "getCampaignsForSource.request.xml").await;
    assert_eq!(status, 500);
    assert!(
        xml.contains("<code>20016</code>"),
        "a 2013 timestamp is expired today: {xml}"
    );
    let scrubbed = simulator_at("2013-08-01T12:31:14-07:00", |s| *s = SimState::demo()).await;
    let (status, xml) = post_example(&scrubbed, &dir, "requestCampaign.request.xml").await;
    assert_eq!(status, 500);
    assert!(
        xml.contains("<faultstring>20014 - Authentication failed</faultstring>"),
        "{xml}"
    );
}
