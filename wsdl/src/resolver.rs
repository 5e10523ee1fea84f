//! Turning import locations into documents: from the file system or from memory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind};

/// A loaded document: its display name and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Name used in positions and as the base for relative imports inside it
    /// (e.g. `mktows-2_2.wsdl` or `../include/onvif.xsd`). Two locations that name the
    /// same document must produce the same name: the loader reads each name once.
    pub name: String,
    /// The whole document text.
    pub text: String,
}

/// Produces documents for the entry and every `wsdl:import`, `xs:import` and `xs:include`.
///
/// Implement this to map URLs to local files, to read from an archive, etc.
pub trait Resolver {
    /// Load `location` as written in the document named `base` (`None` for the entry).
    fn resolve(&self, base: Option<&str>, location: &str) -> Result<Document, Error>;
}

/// Reads documents from the file system, relative to a root directory.
///
/// Document names are paths relative to the root (normalised, `/`-separated), so positions
/// stay short and stable whatever the current directory is. URLs are not fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileResolver {
    root: PathBuf,
}

impl FileResolver {
    /// A resolver reading names relative to `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        FileResolver { root: root.into() }
    }

    /// The directory names are relative to.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Default for FileResolver {
    /// Names relative to the current directory.
    fn default() -> Self {
        FileResolver::new(".")
    }
}

impl Resolver for FileResolver {
    fn resolve(&self, base: Option<&str>, location: &str) -> Result<Document, Error> {
        let fail = |reason: String| {
            Error::without_position(ErrorKind::Resolve {
                location: location.to_owned(),
                reason,
            })
        };
        let location = location.strip_prefix("file://").unwrap_or(location);
        if is_url(location) {
            return Err(fail(
                "URLs are not fetched; map them to local files with a MapResolver".to_owned(),
            ));
        }
        let name = join_location(base, location);
        let path = if Path::new(&name).is_absolute() {
            PathBuf::from(&name)
        } else {
            self.root.join(&name)
        };
        let text =
            std::fs::read_to_string(&path).map_err(|e| fail(format!("{}: {e}", path.display())))?;
        Ok(Document { name, text })
    }
}

/// Reads documents from the file system like [`FileResolver`], after mapping locations
/// (typically the absolute URLs of `xs:import schemaLocation="http://…"`, as WCF and many
/// other services publish them) to local files.
///
/// A location is looked up as written, then joined to the importing document's name (so a
/// relative import inside a document reached by URL maps too). An exact entry wins; else
/// the longest prefix entry whose key ends in `/` maps the rest of the location below its
/// directory (`http://example.com/schemas/` → `xsd/` maps
/// `http://example.com/schemas/common/types.xsd` to `xsd/common/types.xsd`). Anything not
/// mapped is read by the fallback [`FileResolver`], whose root is also where relative mapped
/// paths start. A mapped document's name is its (mapped) path, so positions in errors point
/// at the local file and relative imports inside it are read next to it.
///
/// ```
/// use wsdl::{MapResolver, Resolver};
/// let resolver = MapResolver::new("schemas")
///     .with_mapping("http://example.com/x.xsd", "x.xsd")
///     .with_mapping("http://example.com/common/", "common/");
/// // `resolver.resolve(Some("service.wsdl"), "http://example.com/x.xsd")` reads schemas/x.xsd.
/// # let _ = resolver.resolve(None, "http://example.com/x.xsd");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapResolver {
    mappings: BTreeMap<String, String>,
    files: FileResolver,
}

impl MapResolver {
    /// A resolver without mappings that reads (and maps relative paths) below `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        MapResolver {
            mappings: BTreeMap::new(),
            files: FileResolver::new(root),
        }
    }

    /// Adds a mapping (see [`Self::insert`]) and returns the resolver, for chaining.
    pub fn with_mapping(mut self, location: impl Into<String>, path: impl AsRef<Path>) -> Self {
        self.insert(location, path);
        self
    }

    /// Maps `location` (a URL or any location as written) to `path`, a file relative to the
    /// root (or absolute). A `location` ending in `/` maps every location below it to the same
    /// relative path below `path`, which should then name a directory.
    pub fn insert(&mut self, location: impl Into<String>, path: impl AsRef<Path>) {
        let path = path.as_ref().to_string_lossy().replace('\\', "/");
        self.mappings.insert(location.into(), path);
    }

    /// The fallback resolver for unmapped locations.
    pub fn files(&self) -> &FileResolver {
        &self.files
    }

    /// The local path `location` maps to, if any.
    fn mapped(&self, location: &str) -> Option<String> {
        if let Some(path) = self.mappings.get(location) {
            return Some(path.clone());
        }
        self.mappings
            .iter()
            .filter(|(key, _)| key.ends_with('/') && location.starts_with(key.as_str()))
            .max_by_key(|(key, _)| key.len())
            .and_then(|(key, path)| {
                let rest = location.get(key.len()..)?;
                let directory = path.trim_end_matches('/');
                Some(if directory.is_empty() {
                    rest.to_owned()
                } else {
                    format!("{directory}/{rest}")
                })
            })
    }
}

impl Resolver for MapResolver {
    fn resolve(&self, base: Option<&str>, location: &str) -> Result<Document, Error> {
        let joined = join_location(base, location);
        match self.mapped(location).or_else(|| self.mapped(&joined)) {
            Some(path) => self.files.resolve(None, &path),
            None => self.files.resolve(base, location),
        }
    }
}

/// Documents held in memory, keyed by name (tests, embedded descriptions, URL mapping).
///
/// A location is looked up first joined to the importing document's name (so relative
/// imports work), then verbatim (so absolute URLs can be keys).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemoryResolver(pub BTreeMap<String, String>);

impl MemoryResolver {
    /// An empty resolver.
    pub fn new() -> Self {
        MemoryResolver::default()
    }

    /// Adds (or replaces) a document and returns the resolver, for chaining.
    pub fn with(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.insert(name, text);
        self
    }

    /// Adds (or replaces) a document.
    pub fn insert(&mut self, name: impl Into<String>, text: impl Into<String>) {
        self.0.insert(name.into(), text.into());
    }
}

impl Resolver for MemoryResolver {
    fn resolve(&self, base: Option<&str>, location: &str) -> Result<Document, Error> {
        let joined = join_location(base, location);
        for name in [joined.as_str(), location] {
            if let Some(text) = self.0.get(name) {
                return Ok(Document {
                    name: name.to_owned(),
                    text: text.clone(),
                });
            }
        }
        Err(Error::without_position(ErrorKind::Resolve {
            location: location.to_owned(),
            reason: format!("no document named `{joined}`"),
        }))
    }
}

/// Whether a location is an absolute URL (`scheme://…`).
pub(crate) fn is_url(location: &str) -> bool {
    match location.split_once("://") {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Joins `location` to the directory of `base` and removes `.` and `..` segments lexically.
///
/// `join_location(Some("wsdl/a.wsdl"), "../xsd/b.xsd") == "xsd/b.xsd"`. Absolute locations
/// (URLs, `/paths`) are not joined. Leading `..` segments that cannot be removed are kept.
pub(crate) fn join_location(base: Option<&str>, location: &str) -> String {
    let location = location.replace('\\', "/");
    let combined = match base {
        Some(base) if !is_url(&location) && !location.starts_with('/') => {
            let base = base.replace('\\', "/");
            let directory = base.rfind('/').and_then(|slash| base.get(..=slash));
            format!("{}{location}", directory.unwrap_or(""))
        }
        _ => location,
    };
    let mut segments: Vec<&str> = Vec::new();
    for segment in combined.split('/') {
        match segment {
            "." => {}
            ".." => match segments.last() {
                Some(last) if !last.is_empty() && *last != ".." && !last.ends_with(':') => {
                    segments.pop();
                }
                _ => segments.push(".."),
            },
            other => segments.push(other),
        }
    }
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_locations_to_the_base_directory() {
        assert_eq!(join_location(None, "a.wsdl"), "a.wsdl");
        assert_eq!(join_location(Some("a.wsdl"), "b.xsd"), "b.xsd");
        assert_eq!(join_location(Some("w/a.wsdl"), "b.xsd"), "w/b.xsd");
        assert_eq!(join_location(Some("w/a.wsdl"), "../x/./b.xsd"), "x/b.xsd");
        assert_eq!(join_location(Some("a.wsdl"), "../b.xsd"), "../b.xsd");
        assert_eq!(join_location(Some("../a.wsdl"), "../b.xsd"), "../../b.xsd");
        assert_eq!(
            join_location(Some("w/a.wsdl"), "http://h/x.xsd"),
            "http://h/x.xsd"
        );
        assert_eq!(
            join_location(Some("http://h/s/a.wsdl"), "../x.xsd"),
            "http://h/x.xsd"
        );
    }

    #[test]
    fn recognises_urls() {
        assert!(is_url("http://example.com/a.xsd"));
        assert!(is_url("https://example.com/a.xsd"));
        assert!(!is_url("a.xsd"));
        assert!(!is_url("../a://b"));
    }
}
