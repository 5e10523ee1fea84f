//! Shared setup for the simulator integration tests: a seeded simulator, a client for it
//! with fast retries, and the parameters of the seed scenario.
#![allow(dead_code)] // each test file uses its own subset

use std::time::Duration;

use mktows::generated::types::{ParamsRequestCampaign, ReqCampSourceType};
use mktows::simulator::{RunningSimulator, SimState, Simulator};
use mktows::{Client, ClientBuilder, RetryPolicy};

/// The two leads of the seed scenario.
pub const SEED_EMAILS: [&str; 2] = ["lead@company.com", "anotherlead@company.com"];

/// A simulator with campaign 4496 and the two seed leads.
pub async fn seeded_simulator() -> RunningSimulator {
    Simulator::builder()
        .state(SimState::demo())
        .seed(|s| {
            for email in SEED_EMAILS {
                s.add_lead_with_email(email);
            }
        })
        .start()
        .await
        .unwrap_or_else(|e| panic!("simulator did not start: {e}"))
}

/// Retries quickly so backoff tests stay fast.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(40),
        ..RetryPolicy::default()
    }
}

/// A client builder pointed at `sim` with its credentials and fast retries.
pub fn client_builder(sim: &RunningSimulator) -> ClientBuilder {
    Client::builder(sim.endpoint(), sim.user_id(), sim.secret_key()).retry_policy(fast_retries())
}

/// A client for `sim`.
pub fn client(sim: &RunningSimulator) -> Client {
    client_builder(sim)
        .build()
        .unwrap_or_else(|e| panic!("client did not build: {e}"))
}

/// requestCampaign for `campaign_id` and EMAIL keys.
pub fn request_campaign_params(campaign_id: i32, emails: &[&str]) -> ParamsRequestCampaign {
    mktows::guards::request_campaign_by_id(ReqCampSourceType::Mktows, campaign_id, emails)
}

/// The seed scenario's parameters: campaign 4496, the two seed leads.
pub fn seed_params() -> ParamsRequestCampaign {
    request_campaign_params(4496, &SEED_EMAILS)
}
