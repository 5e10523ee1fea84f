//! Locating the reference data in `../shared` (next to the repository), with the project's skip rule.

use std::path::PathBuf;

/// `../shared` relative to the repository root, when it exists.
///
/// When it is absent this prints a notice and returns `None` so the caller can return early,
/// unless `MKTOWS_REQUIRE_SHARED=1` is set, in which case it panics (CI must not skip silently).
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    if dir.join("wsdl/marketo/mktows-2_2.wsdl").is_file() {
        return Some(dir);
    }
    if std::env::var("MKTOWS_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!(
            "{test}: reference data missing at {} and MKTOWS_REQUIRE_SHARED=1",
            dir.display()
        );
    }
    // Straight to stderr: the test harness captures `eprintln!`, and a skip must show.
    {
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "{test}: skipped, reference data not found at {} (set MKTOWS_REQUIRE_SHARED=1 to fail instead)",
            dir.display()
        );
    }
    None
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
