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

#[tokio::test]
async fn the_standalone_simulator_prints_its_endpoint_first_and_serves_it() {
    let Some(binary) = example_binary() else {
        eprintln!("notice: the simulator example is not built; skipping");
        return;
    };
    let child = Command::new(binary)
        .args([
            "--port",
            "0",
            "--user-id",
            "example_user",
            "--secret-key",
            "example-key-123",
        ])
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
    let endpoint = first_line.trim().to_owned();
    assert!(
        endpoint.starts_with("http://127.0.0.1:") && endpoint.ends_with("/soap/mktows/2_2"),
        "first line: {first_line:?}"
    );

    let client = Client::builder(&endpoint, "example_user", "example-key-123")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let campaigns = client
        .get_campaigns_for_source(&ParamsGetCampaignsForSource {
            source: ReqCampSourceType::Mktows,
            name: None,
            exact_name: None,
        })
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
