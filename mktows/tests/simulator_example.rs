//! The standalone simulator example as a separate process: it prints its endpoint on the first
//! line and answers SOAP clients there. `cargo test` builds examples next to the test binaries;
//! when the binary is not there (e.g. `cargo test --test simulator_example` alone) the test
//! prints a notice and returns.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use mktows::Client;
use mktows::generated::types::{ParamsGetCampaignsForSource, ReqCampSourceType};

/// `target/<profile>/examples/simulator`, found from this test binary's own path.
fn example_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let profile_dir = exe.parent()?.parent()?;
    let binary = profile_dir
        .join("examples")
        .join(format!("simulator{}", std::env::consts::EXE_SUFFIX));
    binary.is_file().then_some(binary)
}

/// Kills the child when the test ends, pass or fail.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the example with `extra` arguments; returns the process and its first output line.
async fn start(binary: &PathBuf, extra: &[&str]) -> (KillOnDrop, String) {
    let child = Command::new(binary)
        .args([
            "--port",
            "0",
            "--user-id",
            "example_user",
            "--secret-key",
            "example-key-123",
        ])
        .args(extra)
        .env_remove("MKTOWS_USER_ID")
        .env_remove("MKTOWS_SECRET_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start the simulator example: {e}"));
    let mut child = KillOnDrop(child);
    let stdout = child.0.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let first_line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map(|_| line)
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"))
    .unwrap_or_else(|e| panic!("{e}"));
    (child, first_line)
}

#[tokio::test]
async fn the_standalone_simulator_prints_its_endpoint_first_and_serves_it() {
    let Some(binary) = example_binary() else {
        eprintln!("notice: the simulator example is not built; skipping");
        return;
    };
    let (_child, first_line) = start(&binary, &[]).await;
    let endpoint = first_line.trim().to_owned();
    assert!(
        endpoint.starts_with("http://127.0.0.1:") && endpoint.ends_with("/soap/mktows/2_2"),
        "first line: {first_line:?}"
    );

    let client = Client::builder(&endpoint, "example_user", "example-key-123")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let campaigns = client
        .get_campaigns_for_source(&ParamsGetCampaignsForSource::new(ReqCampSourceType::Mktows))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<i32> = campaigns
        .result
        .campaign_record_list
        .and_then(|l| l.into_option())
        .unwrap_or_default()
        .campaign_record
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, vec![4496]);
}

#[tokio::test]
async fn state_file_is_saved_on_change_and_loaded_at_the_next_start() {
    use mktows::generated::types::{
        ArrayOfLeadRecord, LeadKey, LeadKeyRef, LeadRecord, ParamsGetLead, ParamsSyncMultipleLeads,
    };
    let Some(binary) = example_binary() else {
        eprintln!("notice: the simulator example is not built; skipping");
        return;
    };
    let dir = std::env::temp_dir().join(format!("mktows-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let state = dir.join("state.json");
    let state_arg = state.display().to_string();
    let email = "fixture.lead@example.com";
    {
        let (_child, first_line) = start(&binary, &["--state", &state_arg]).await;
        let client = Client::builder(first_line.trim(), "example_user", "example-key-123")
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        let record = LeadRecord::new().with_email(email.to_owned());
        client
            .sync_multiple_leads(&ParamsSyncMultipleLeads::new(
                ArrayOfLeadRecord::new().with_lead_record(vec![record]),
            ))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let saved = std::fs::read_to_string(&state).unwrap_or_else(|e| panic!("{e}"));
        assert!(saved.contains(email), "saved right after the change");
    }
    let (_child, first_line) = start(&binary, &["--state", &state_arg]).await;
    let client = Client::builder(first_line.trim(), "example_user", "example-key-123")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let lead = client
        .get_lead(&ParamsGetLead::new(LeadKey::new(
            LeadKeyRef::Email,
            email.to_owned(),
        )))
        .await
        .unwrap_or_else(|e| panic!("the lead survives a restart: {e}"));
    assert_eq!(lead.result.count, 1);
    let _ = std::fs::remove_dir_all(&dir);
}
