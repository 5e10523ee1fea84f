//! The Marketo simulator as a standalone server, for any SOAP client.
//!
//! ```sh
//! cargo run -p mktows --example simulator -- --port 8080 --user-id U --secret-key K
//! ```
//!
//! Prints its endpoint URL on the first line, then serves until Ctrl-C. Credentials come from
//! the flags, else `MKTOWS_USER_ID` / `MKTOWS_SECRET_KEY`, else the sample credentials from
//! Marketo's documentation. `--port 0` (the default) picks a free port. It starts with
//! what Marketo's documented examples name (`SimState::documented()`, campaign 4496
//! requestable from source MKTOWS included). `GET <endpoint>?WSDL` serves `--wsdl PATH`, by default
//! `../shared/wsdl/marketo/mktows-2_2.wsdl` next to the workspace when it exists.
//! `--marketo-limits` enforces Marketo's limits: 10 calls in flight (20024) and 100 calls per
//! 20 seconds (20023). `--state FILE` keeps the data in a JSON fixture (format in
//! `mktows::simulator`): loaded at start when the file exists, saved atomically (write, then
//! rename) after every change and on Ctrl-C, so stopping loses nothing. `--help` lists it all.
//!
//! Hostile clients cannot lock it out: it raises its soft open-file limit to the hard limit and
//! keeps at most 4,096 connections open (fewer if that limit is lower). A connection that takes
//! more than 30 s to send a request head (idle or trickling) is closed, a body that takes more
//! than 30 s is answered 408, and at the cap the longest-idle connection is closed to make room.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use mktows::limits::MARKETO_MAX_CONCURRENT_CALLS;
use mktows::simulator::{DEFAULT_SECRET_KEY, DEFAULT_USER_ID, SimState, Simulator};

/// The Marketo simulator as a standalone SOAP server on loopback.
#[derive(Debug, clap::Parser)]
#[command(
    name = "simulator",
    about = "The Marketo simulator: a SOAP server on loopback that any Marketo client can call"
)]
struct Options {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The `mktowsUserId` accepted (default: $MKTOWS_USER_ID, else the documentation's sample).
    #[arg(long)]
    user_id: Option<String>,
    /// The encryption key signatures are checked with (default: $MKTOWS_SECRET_KEY, else the
    /// documentation's sample).
    #[arg(long)]
    secret_key: Option<String>,
    /// The WSDL served at `GET <endpoint>?WSDL` (default: ../shared/wsdl/marketo/mktows-2_2.wsdl
    /// next to the workspace, when present).
    #[arg(long)]
    wsdl: Option<PathBuf>,
    /// State file (JSON fixture): loaded at start when it exists (else the documented examples'
    /// data), saved atomically after every change and on Ctrl-C.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Enforce Marketo's limits: 10 calls in flight (20024), 100 calls per 20 s (20023).
    #[arg(long)]
    marketo_limits: bool,
}

/// A non-empty environment variable.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Raises the soft open-file limit to the hard limit, so thousands of client connections fit
/// (the simulator caps its connections below whatever limit is in force). Returns the limit now
/// in force.
#[cfg(unix)]
fn raise_open_file_limit() -> Option<u64> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    let raised = rustix::process::Rlimit {
        current: limit.maximum,
        ..limit
    };
    match setrlimit(Resource::Nofile, raised) {
        Ok(()) => limit.maximum,
        Err(_) => limit.current,
    }
}

async fn run() -> Result<(), String> {
    let options = <Options as clap::Parser>::parse();
    #[cfg(unix)]
    let open_file_limit = raise_open_file_limit();
    #[cfg(not(unix))]
    let open_file_limit: Option<u64> = None;
    let user_id = options.user_id.or_else(|| env("MKTOWS_USER_ID"));
    let secret_key = options.secret_key.or_else(|| env("MKTOWS_SECRET_KEY"));
    let documented_credentials = user_id.is_none() && secret_key.is_none();
    let wsdl = options.wsdl.or_else(|| {
        let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/wsdl/marketo/mktows-2_2.wsdl");
        shared.canonicalize().ok().filter(|path| path.is_file())
    });
    let mut state = match &options.state {
        Some(path) if path.exists() => SimState::load(path).map_err(|e| e.to_string())?,
        _ => SimState::documented(),
    };
    if let Some(path) = &options.state {
        // Written at once, so a fresh file holds the starting data even before any change.
        state.save(path).map_err(|e| e.to_string())?;
        state.persist_to(path);
    }
    let mut builder = Simulator::builder()
        .port(options.port)
        .state(state)
        .user_id(user_id.unwrap_or_else(|| DEFAULT_USER_ID.to_owned()))
        .secret_key(secret_key.unwrap_or_else(|| DEFAULT_SECRET_KEY.to_owned()));
    if let Some(path) = &wsdl {
        builder = builder.wsdl_path(path);
    }
    if options.marketo_limits {
        builder = builder
            .concurrency_limit(MARKETO_MAX_CONCURRENT_CALLS)
            .rate_limit(100, Duration::from_secs(20));
    }
    let simulator = builder.start().await.map_err(|e| e.to_string())?;
    println!("{}", simulator.endpoint());
    println!("user id: {}", simulator.user_id());
    if documented_credentials {
        println!("secret key: {DEFAULT_SECRET_KEY} (the sample key from Marketo's documentation)");
    }
    match &wsdl {
        Some(path) => println!(
            "WSDL: {}?WSDL (from {})",
            simulator.endpoint(),
            path.display()
        ),
        None => println!("WSDL: not available (pass --wsdl PATH)"),
    }
    if options.marketo_limits {
        println!("limits: 10 calls in flight (20024), 100 calls per 20 s (20023)");
    }
    if let Some(limit) = open_file_limit {
        println!("open-file limit: {limit} (connections are capped below it)");
    }
    if let Some(path) = &options.state {
        println!("state: {} (saved after every change)", path.display());
    }
    println!("campaign 4496 is requestable from MKTOWS; press Ctrl-C to stop");
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| format!("cannot wait for Ctrl-C: {e}"))?;
    if let Some(path) = &options.state {
        let saved = simulator.state().save(path);
        saved.map_err(|e| format!("cannot save the state to {}: {e}", path.display()))?;
    }
    simulator.shutdown().await;
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
