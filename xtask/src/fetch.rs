//! Loading a WSDL from a file path or an http(s) URL (imports resolved the same way).

use std::path::Path;

use reqwest::Url;
use wsdl::{Document, Error, ErrorKind, Resolver};

/// Where the WSDL comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A local file.
    File(std::path::PathBuf),
    /// An `http://` or `https://` URL.
    Url(String),
}

impl Source {
    /// A URL when `arg` starts with `http://` or `https://`, a path otherwise.
    pub fn parse(arg: &str) -> Self {
        let lower = arg.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            Self::Url(arg.to_owned())
        } else {
            Self::File(arg.into())
        }
    }

    /// What the generated header names: the file name, or the whole URL.
    pub fn display_name(&self) -> String {
        match self {
            Self::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Self::Url(url) => url.clone(),
        }
    }
}

/// The loaded model and the entry document's bytes (hashed into the header).
pub struct Loaded {
    /// The model.
    pub definitions: wsdl::Definitions,
    /// The entry document's text.
    pub entry_text: String,
}

/// Loads the description and everything it imports.
pub fn load(source: &Source) -> Result<Loaded, String> {
    match source {
        Source::File(path) => {
            let entry_text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let definitions = wsdl::load(path).map_err(|e| format!("{}: {e}", dir_of(path)))?;
            Ok(Loaded {
                definitions,
                entry_text,
            })
        }
        Source::Url(url) => {
            let resolver = UrlResolver::new()?;
            let entry = resolver
                .resolve(None, url)
                .map_err(|e| format!("cannot fetch {url}: {e}"))?;
            let definitions = wsdl::load_with(url, &resolver).map_err(|e| e.to_string())?;
            Ok(Loaded {
                definitions,
                entry_text: entry.text,
            })
        }
    }
}

fn dir_of(path: &Path) -> String {
    path.parent()
        .map_or_else(String::new, |p| p.display().to_string())
}

/// Fetches documents over http(s); relative imports are joined to the importing URL.
struct UrlResolver {
    client: reqwest::blocking::Client,
}

impl UrlResolver {
    fn new() -> Result<Self, String> {
        let client = reqwest::blocking::Client::builder()
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Self { client })
    }
}

impl Resolver for UrlResolver {
    fn resolve(&self, base: Option<&str>, location: &str) -> Result<Document, Error> {
        let fail = |reason: String| {
            Error::without_position(ErrorKind::Resolve {
                location: location.to_owned(),
                reason,
            })
        };
        let url = match base {
            Some(base) => Url::parse(base)
                .and_then(|b| b.join(location))
                .map_err(|e| fail(format!("not a URL relative to {base}: {e}")))?,
            None => Url::parse(location).map_err(|e| fail(format!("not a URL: {e}")))?,
        };
        if !matches!(url.scheme(), "http" | "https") {
            return Err(fail(format!(
                "only http(s) is fetched, not {}:",
                url.scheme()
            )));
        }
        let response = self
            .client
            .get(url.clone())
            .send()
            .and_then(reqwest::blocking::Response::error_for_status)
            .map_err(|e| fail(e.to_string()))?;
        let text = response.text().map_err(|e| fail(e.to_string()))?;
        Ok(Document {
            name: url.to_string(),
            text,
        })
    }
}
