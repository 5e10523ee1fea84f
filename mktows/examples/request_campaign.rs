//! The main job: run two leads through smart campaign 4496 with requestCampaign.
//!
//! ```sh
//! cargo run -p mktows --example request_campaign
//! ```
//!
//! Without `MKTOWS_ENDPOINT` it starts the built-in simulator, seeds the two leads and the
//! campaign, and calls it. With `MKTOWS_ENDPOINT`, `MKTOWS_USER_ID` and `MKTOWS_SECRET_KEY`
//! set it calls that endpoint instead (your instance's SOAP endpoint, e.g.
//! `https://123-ABC-456.mktoapi.com/soap/mktows/2_2`). It prints the signed request it sends
//! and the typed result, and exits non-zero on failure.

use std::process::ExitCode;

use mktows::generated::types::{ParamsRequestCampaign, ReqCampSourceType};
use mktows::simulator::{RunningSimulator, SimState, Simulator};
use mktows::{Client, RawExchange, SecretKey};

/// The campaign of Marketo's requestCampaign example.
const CAMPAIGN_ID: i32 = 4496;
/// The two leads of Marketo's requestCampaign example.
const LEAD_EMAILS: [&str; 2] = ["lead@company.com", "anotherlead@company.com"];

/// Where to send the call, and the simulator when it is the built-in one.
struct Target {
    endpoint: String,
    user_id: String,
    secret_key: SecretKey,
    simulator: Option<RunningSimulator>,
}

/// Reads a required environment variable.
fn required_env(name: &str) -> Result<String, String> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| format!("MKTOWS_ENDPOINT is set, so {name} must be set too"))
}

/// The endpoint from the environment, or a freshly started simulator.
async fn target() -> Result<Target, String> {
    if let Some(endpoint) = std::env::var("MKTOWS_ENDPOINT")
        .ok()
        .filter(|v| !v.is_empty())
    {
        return Ok(Target {
            endpoint,
            user_id: required_env("MKTOWS_USER_ID")?,
            secret_key: SecretKey::new(required_env("MKTOWS_SECRET_KEY")?),
            simulator: None,
        });
    }
    let simulator = Simulator::builder()
        .state(SimState::demo())
        .seed(|state| {
            for email in LEAD_EMAILS {
                state.add_lead_with_email(email);
            }
        })
        .start()
        .await
        .map_err(|e| format!("cannot start the simulator: {e}"))?;
    println!(
        "MKTOWS_ENDPOINT is not set: using the built-in Marketo simulator at {}",
        simulator.endpoint()
    );
    println!(
        "(seeded with campaign {CAMPAIGN_ID} and the leads {})\n",
        LEAD_EMAILS.join(", ")
    );
    Ok(Target {
        endpoint: simulator.endpoint().to_owned(),
        user_id: simulator.user_id().to_owned(),
        secret_key: simulator.secret_key(),
        simulator: Some(simulator),
    })
}

/// Prints each request as sent (signed) and the answer's status.
fn print_exchange(exchange: &RawExchange<'_>) {
    println!(
        "--- {} request, attempt {} ---\n{}\n",
        exchange.operation, exchange.attempt, exchange.request_xml
    );
    match exchange.status {
        Some(status) => println!("--- HTTP {status} response ---"),
        None => println!("--- no response ---"),
    }
    if let Some(body) = exchange.response_text() {
        println!("{body}\n");
    }
}

/// The seed scenario's parameters.
fn params() -> ParamsRequestCampaign {
    mktows::guards::request_campaign_by_id(ReqCampSourceType::Mktows, CAMPAIGN_ID, &LEAD_EMAILS)
}

/// Runs the scenario; the error is the message to print.
async fn run() -> Result<(), String> {
    let target = target().await?;
    let client = Client::builder(&target.endpoint, &target.user_id, target.secret_key.clone())
        .on_raw_exchange(print_exchange)
        .build()
        .map_err(|e| format!("invalid client settings: {e}"))?;
    let result = client
        .request_campaign(&params())
        .await
        .map_err(|e| format!("requestCampaign failed: {e}"))?;
    println!("typed result:\n{result:#?}");
    if !result.result.success {
        return Err("Marketo answered success = false".to_owned());
    }
    if let Some(simulator) = target.simulator {
        let runs = simulator.state().campaign_runs().to_vec();
        println!("\ncampaign runs recorded by the simulator:\n{runs:#?}");
        simulator.shutdown().await;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
