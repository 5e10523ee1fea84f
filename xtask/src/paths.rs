//! Where things are: the workspace root and the default input/output locations.

use std::path::{Path, PathBuf};

/// The workspace root (the parent of this crate's manifest directory).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The shared reference data directory, `../shared` relative to the workspace root.
pub fn shared_dir() -> PathBuf {
    workspace_root().join("../shared")
}

/// The default WSDL: `../shared/wsdl/marketo/mktows-2_2.wsdl` relative to the workspace root.
pub fn default_wsdl() -> PathBuf {
    shared_dir().join("wsdl/marketo/mktows-2_2.wsdl")
}

/// The Marketo service declarations the checked-in bindings are generated with.
pub fn marketo_declarations() -> PathBuf {
    workspace_root().join("mktows/codegen.toml")
}

/// Where the generated code is checked in.
pub fn generated_dir() -> PathBuf {
    workspace_root().join("mktows/src/generated")
}
