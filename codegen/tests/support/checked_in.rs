//! Checked-in generated types: a fixture's `types.rs` is kept under `tests/generated/` so tests
//! can compile against it, and must stay exactly what the generator writes today
//! (`CODEGEN_BLESS=1` rewrites it).

use std::path::Path;

/// Fails unless `generated` (relative to the crate) is what the generator makes of `fixture`
/// (a WSDL under `tests/fixtures/`, loaded as `name`); rewrites it when `CODEGEN_BLESS` is set.
pub fn assert_current(fixture: &str, name: &str, generated: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(fixture)).expect("fixture");
    let resolver = wsdl::MemoryResolver::new().with(name, text.as_str());
    let defs = wsdl::load_with(name, &resolver).expect("fixture loads");
    let input = codegen::InputInfo::from_bytes(name, text.as_bytes());
    let files = codegen::generate(&defs, &input).expect("fixture generates");
    let fresh = files.get("types.rs").expect("types.rs");
    let path = root.join(generated);
    if std::env::var_os("CODEGEN_BLESS").is_some() {
        std::fs::write(&path, fresh).expect("write generated types");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == *fresh,
        "{generated} is stale: rerun with CODEGEN_BLESS=1"
    );
}
