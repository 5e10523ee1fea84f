//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared` relative to the repository root, or `None` (with a notice) when it is absent.
/// Panics instead when `MKTOWS_REQUIRE_SHARED=1`.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("MKTOWS_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!("{test}: shared data not found at {}", dir.display());
    }
    // Straight to stderr: the test harness captures `eprintln!`, and a skip must show.
    {
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "{test}: skipped, shared data not found at {}",
            dir.display()
        );
    }
    None
}

/// A file of the shared Marketo WSDL set.
pub fn marketo(test: &str, file: &str) -> Option<PathBuf> {
    shared_dir(test).map(|d| d.join("wsdl/marketo").join(file))
}

/// A fixture written for these tests.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
