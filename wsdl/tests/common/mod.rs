//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

#[path = "../../../xtask/test-support/shared_data.rs"]
mod shared_data;

pub use shared_data::shared_dir;

/// A file of the shared Marketo WSDL set.
pub fn marketo(file: &str) -> PathBuf {
    shared_dir().join("wsdl/marketo").join(file)
}

/// A fixture written for these tests.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
