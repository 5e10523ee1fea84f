//! [`Builder`]: generation from a `build.rs`, the way `tonic-build` and `prost-build` are used.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::{Declarations, InputInfo};

/// Generates a client from a WSDL file into a directory (by default `OUT_DIR`), as one file of
/// inline modules to `include!`.
///
/// `build.rs`:
/// ```no_run
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     let declarations = codegen::Declarations::from_toml(
///         "provided_headers = [\"SessionHeader\"]\nidempotent = [\"getQuote\"]\n",
///     )?;
///     codegen::Builder::new("wsdl/quotes.wsdl")
///         .declarations(declarations)
///         .map("http://example.com/schemas/common.xsd", "wsdl/common.xsd")
///         .generate()?;
///     println!("cargo:rerun-if-changed=wsdl");
///     Ok(())
/// }
/// ```
/// `src/lib.rs` (the crate depends on `soap-runtime`):
/// ```text
/// pub mod quotes {
///     include!(concat!(env!("OUT_DIR"), "/quotes.rs"));
/// }
/// ```
/// The file holds `pub mod types`, `pub mod operations` and `pub mod client` (with
/// `pub use client::Client` when the description has one SOAP binding).
#[derive(Debug, Clone)]
pub struct Builder {
    wsdl: PathBuf,
    declarations: Declarations,
    mappings: Vec<(String, PathBuf)>,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
}

impl Builder {
    /// Generation from the WSDL file at `wsdl` (imports are read relative to its directory).
    pub fn new(wsdl: impl Into<PathBuf>) -> Self {
        Self {
            wsdl: wsdl.into(),
            declarations: Declarations::default(),
            mappings: Vec::new(),
            out_dir: None,
            file_name: None,
        }
    }

    /// The service's [`Declarations`] (headers a header provider writes, read-only operations).
    pub fn declarations(mut self, declarations: Declarations) -> Self {
        self.declarations = declarations;
        self
    }

    /// Whether generated structs and enums are `#[non_exhaustive]` (default `true`; see
    /// [`Declarations::non_exhaustive`]). Call after [`Builder::declarations`], which sets it too.
    pub fn non_exhaustive(mut self, on: bool) -> Self {
        self.declarations.non_exhaustive = on;
        self
    }

    /// Feature-gated operation groups (see [`Declarations::feature_groups`]): operations are
    /// grouped by their name's prefix before the first `separator`, and each operation and
    /// each type only some groups reach get `#[cfg(feature = "group")]` attributes. The crate
    /// that includes the file declares the features (one per group, snake_case of the prefix).
    /// Call after [`Builder::declarations`], which sets it too.
    pub fn feature_groups(mut self, separator: impl Into<String>) -> Self {
        self.declarations.feature_groups = Some(separator.into());
        self
    }

    /// Reads the document imported as `location` (typically an absolute URL) from the local
    /// `file` instead (relative to the WSDL's directory, or absolute); a `location` ending in
    /// `/` maps everything below it (see [`wsdl::MapResolver`]).
    pub fn map(mut self, location: impl Into<String>, file: impl Into<PathBuf>) -> Self {
        self.mappings.push((location.into(), file.into()));
        self
    }

    /// Where the file is written (default: the `OUT_DIR` environment variable cargo sets for
    /// build scripts).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The file name written (default: the WSDL's file stem, `-` and `.` as `_`, plus `.rs`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Loads, generates and writes; returns the path written. The file is only rewritten when
    /// its contents change, so dependent builds are not invalidated needlessly.
    pub fn generate(self) -> Result<PathBuf, BuildError> {
        let out_dir = match self.out_dir {
            Some(dir) => dir,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(BuildError::NoOutDir)?,
        };
        let text = std::fs::read(&self.wsdl).map_err(|e| BuildError::Io(self.wsdl.clone(), e))?;
        let directory = match self.wsdl.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let entry = self
            .wsdl
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut resolver = wsdl::MapResolver::new(&directory);
        for (location, file) in &self.mappings {
            resolver.insert(location.clone(), file);
        }
        let defs = wsdl::load_with(&entry, &resolver).map_err(BuildError::Load)?;
        let input = InputInfo::from_bytes(entry.clone(), &text);
        let generated = crate::generate_single_file(&defs, &input, &self.declarations)
            .map_err(BuildError::Generate)?;
        let file_name = self.file_name.unwrap_or_else(|| default_file_name(&entry));
        let path = out_dir.join(file_name);
        let unchanged = std::fs::read_to_string(&path).is_ok_and(|old| old == generated);
        if !unchanged {
            std::fs::create_dir_all(&out_dir).map_err(|e| BuildError::Io(out_dir.clone(), e))?;
            std::fs::write(&path, generated).map_err(|e| BuildError::Io(path.clone(), e))?;
        }
        Ok(path)
    }
}

/// `quotes-v2.wsdl` → `quotes_v2.rs`.
fn default_file_name(entry: &str) -> String {
    let stem = Path::new(entry).file_stem().map_or_else(
        || "service".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let clean: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("{clean}.rs")
}

/// Why [`Builder::generate`] failed.
#[derive(Debug)]
pub enum BuildError {
    /// No output directory was set and `OUT_DIR` is not set (not running as a build script).
    NoOutDir,
    /// A file could not be read or written.
    Io(PathBuf, std::io::Error),
    /// The description could not be read (with the file:line:col of the problem).
    Load(wsdl::Error),
    /// The generator refused the description (`unsupported: …`, with where).
    Generate(crate::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::NoOutDir => {
                f.write_str("no output directory: call `out_dir` or run as a build script")
            }
            BuildError::Io(path, e) => write!(f, "{}: {e}", path.display()),
            BuildError::Load(e) => write!(f, "cannot read the description: {e}"),
            BuildError::Generate(e) => write!(f, "generation failed: {e}"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::NoOutDir => None,
            BuildError::Io(_, e) => Some(e),
            BuildError::Load(e) => Some(e),
            BuildError::Generate(e) => Some(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_file_name_is_a_clean_stem() {
        assert_eq!(default_file_name("quotes-v2.wsdl"), "quotes_v2.rs");
        assert_eq!(default_file_name("blz_service.wsdl"), "blz_service.rs");
    }
}
