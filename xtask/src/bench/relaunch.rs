//! Re-running the benchmark from a release build.
//!
//! `cargo xtask` builds xtask in the dev profile; timing unoptimised code would be
//! meaningless, so a debug xtask builds every binary of the package in release (the
//! benchmark also runs the stand-alone `bench-raw-scan`), then hands the same arguments to
//! `cargo run --release --package xtask --bin xtask -- bench …` and passes its exit status on.

use std::process::Command;

/// Whether this binary was built without optimisations (the dev profile).
pub fn is_debug_build() -> bool {
    cfg!(debug_assertions)
}

/// Builds the package's release binaries, then runs
/// `cargo run --release --package xtask --bin xtask -- bench <args>` and waits for it.
pub fn run_in_release(args: &[String]) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!("xtask bench: building and running the release build (cargo run --release)");
    let built = Command::new(&cargo)
        .args([
            "build",
            "--release",
            "--quiet",
            "--package",
            "xtask",
            "--bins",
        ])
        .status()
        .map_err(|e| format!("could not start {}: {e}", cargo.to_string_lossy()))?;
    if !built.success() {
        return Err(format!("release build failed ({built})"));
    }
    let status = Command::new(&cargo)
        .args([
            "run",
            "--release",
            "--quiet",
            "--package",
            "xtask",
            "--bin",
            "xtask",
            "--",
            "bench",
        ])
        .args(args)
        .status()
        .map_err(|e| format!("could not start {}: {e}", cargo.to_string_lossy()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("release benchmark run failed ({status})"))
    }
}
