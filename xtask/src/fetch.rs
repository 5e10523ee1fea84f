//! Loading a WSDL from a file path or an http(s) URL (imports resolved the same way).

use std::cell::RefCell;
use std::collections::BTreeMap;
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

/// Fetches documents over http(s); relative imports are joined to the importing URL. Each URL
/// is fetched once (the entry is read for its hash and again by the loader).
struct UrlResolver {
    client: reqwest::blocking::Client,
    fetched: RefCell<BTreeMap<String, String>>,
}

impl UrlResolver {
    fn new() -> Result<Self, String> {
        let client = reqwest::blocking::Client::builder()
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Self {
            client,
            fetched: RefCell::new(BTreeMap::new()),
        })
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
        let name = url.to_string();
        if let Some(text) = self.fetched.borrow().get(&name) {
            return Ok(Document {
                name,
                text: text.clone(),
            });
        }
        let response = self
            .client
            .get(url.clone())
            .send()
            .and_then(reqwest::blocking::Response::error_for_status)
            .map_err(|e| fail(e.to_string()))?;
        let text = response.text().map_err(|e| fail(e.to_string()))?;
        self.fetched.borrow_mut().insert(name.clone(), text.clone());
        Ok(Document { name, text })
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;

    use super::*;

    const ENTRY: &str = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
        xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
      <wsdl:types>
        <xs:schema targetNamespace="urn:t">
          <xs:import namespace="urn:t" schemaLocation="types/things.xsd"/>
        </xs:schema>
      </wsdl:types>
    </wsdl:definitions>"#;

    const SCHEMA: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t">
      <xs:complexType name="Thing"><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence></xs:complexType>
    </xs:schema>"#;

    /// Serves `ENTRY` at `/svc/main?WSDL` and `SCHEMA` at `/svc/types/things.xsd` for `requests`
    /// connections; anything else is a 404. Returns the base URL.
    fn serve(requests: usize) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming().take(requests) {
                let Ok(mut stream) = stream else { continue };
                let mut line = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                reader.read_line(&mut line).unwrap();
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                }
                let path = line.split_whitespace().nth(1).unwrap_or("");
                let (status, body) = match path {
                    "/svc/main?WSDL" => ("200 OK", ENTRY),
                    "/svc/types/things.xsd" => ("200 OK", SCHEMA),
                    _ => ("404 Not Found", ""),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        base
    }

    #[test]
    fn url_inputs_fetch_relative_imports_over_http() {
        let base = serve(2);
        let loaded = load(&Source::parse(&format!("{base}/svc/main?WSDL"))).unwrap();
        assert_eq!(loaded.entry_text, ENTRY);
        let names: Vec<_> = loaded
            .definitions
            .schema
            .complex_types
            .iter()
            .filter_map(|t| t.name.as_ref().map(|n| n.local.as_str()))
            .collect();
        assert_eq!(names, ["Thing"]);
    }

    #[test]
    fn http_errors_and_other_schemes_are_reported() {
        let base = serve(1);
        let err = load(&Source::parse(&format!("{base}/nope"))).err().unwrap();
        assert!(err.contains("404"), "{err}");
        let resolver = UrlResolver::new().unwrap();
        let err = resolver
            .resolve(Some("http://example.com/a.wsdl"), "ftp://example.com/b.xsd")
            .unwrap_err();
        assert!(err.to_string().contains("only http(s)"), "{err}");
        assert_eq!(
            Source::parse("HTTPS://x/y"),
            Source::Url("HTTPS://x/y".to_owned())
        );
        assert_eq!(
            Source::parse("dir/x.wsdl"),
            Source::File("dir/x.wsdl".into())
        );
        assert_eq!(Source::parse("dir/x.wsdl").display_name(), "x.wsdl");
    }
}
