//! Time to generate the bindings from a WSDL: load + resolve + generate + format.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// `../shared/wsdl/marketo/mktows-2_2.wsdl` next to the repository.
pub fn default_wsdl() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/wsdl/marketo/mktows-2_2.wsdl")
}

/// Best of `reps` runs of the whole generation pipeline over `wsdl`.
pub fn measure(wsdl: &Path, _reps: usize) -> Result<Duration, String> {
    if !wsdl.is_file() {
        return Err(format!("{} not found", wsdl.display()));
    }
    Err("the codegen entry point is not part of this build yet".to_string())
}
