//! The reference data in `../shared` (next to the repository): the workspace-wide helper, plus
//! readers for the files these tests use.

#[path = "../../../xtask/test-support/shared_data.rs"]
mod common;

/// The reference data directory; fails the test when it is missing (see the workspace helper).
pub fn shared_dir() -> std::path::PathBuf {
    common::shared_dir()
}

/// Reads a file under the shared directory, naming it in the panic message when it cannot be read.
pub fn read_shared(dir: &std::path::Path, relative: &str) -> String {
    let path = dir.join(relative);
    match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    }
}

/// The main WSDL (`mktows-2_2.wsdl`), loaded and resolved by the `wsdl` crate.
pub fn load_main_wsdl(dir: &std::path::Path) -> wsdl::Definitions {
    let path = dir.join("wsdl/marketo/mktows-2_2.wsdl");
    match wsdl::load(&path) {
        Ok(defs) => defs,
        Err(e) => panic!("cannot load {}: {e}", path.display()),
    }
}
