//! The reference data kept beside the clone in `../shared` (third-party files, read in place and
//! never copied into the repository), for the tests of every crate in the workspace.
//!
//! Included with `#[path]` by each crate's build script and by its tests. The build script sets
//! `cfg(shared_data_absent)` when the data is missing and `MKTOWS_REQUIRE_SHARED` is not `1`;
//! tests that read the data carry
//! `#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]`, so
//! `cargo test` lists them as ignored instead of counting them as passed. With
//! `MKTOWS_REQUIRE_SHARED=1` (as in CI) the cfg is never set: the tests run, and
//! [`shared_dir`] fails them when the data is missing.
// Build scripts use the build half of this file, tests the other.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The file whose presence means the reference data is there.
const MARKER: &str = "wsdl/marketo/mktows-2_2.wsdl";

/// The environment variable that turns missing reference data into test failures.
const REQUIRE_VARIABLE: &str = "MKTOWS_REQUIRE_SHARED";

/// `../shared` beside the workspace root, seen from the including crate's directory.
fn location() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

/// Whether the reference data is there.
fn is_present() -> bool {
    location().join(MARKER).is_file()
}

/// Whether `MKTOWS_REQUIRE_SHARED=1` is set.
fn is_required() -> bool {
    std::env::var_os(REQUIRE_VARIABLE).is_some_and(|value| value == "1")
}

/// The reference data directory, for a test that the build did not mark as ignored.
///
/// Panics (failing the test) when the data is missing: either `MKTOWS_REQUIRE_SHARED=1` asked
/// for it, or it was removed after the crate was built.
pub fn shared_dir() -> PathBuf {
    let dir = location();
    if dir.join(MARKER).is_file() {
        return dir;
    }
    if is_required() {
        panic!(
            "the reference data is not at {} and {REQUIRE_VARIABLE}=1 requires it",
            dir.display()
        );
    }
    panic!(
        "the reference data is not at {} any more; rebuild so the tests that need it are \
         ignored, or put it back",
        dir.display()
    );
}

/// The build script's half: sets `cfg(shared_data_absent)` (declared in the workspace lints)
/// when the data is missing and not required. The build re-checks when the variable changes or the data is
/// removed (data added later is seen after a `cargo clean -p` of the crate, or with the
/// variable set).
pub fn configure_build() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=../xtask/test-support/shared_data.rs");
    println!("cargo::rerun-if-env-changed={REQUIRE_VARIABLE}");
    if is_present() {
        println!(
            "cargo::rerun-if-changed={}",
            location().join(MARKER).display()
        );
    } else if !is_required() {
        println!("cargo::rustc-cfg=shared_data_absent");
    }
}
