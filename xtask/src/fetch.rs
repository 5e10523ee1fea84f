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
            let definitions = wsdl::load(path).map_err(|e| {
                format!(
                    "cannot load the WSDL {}\n{}",
                    path.display(),
                    located(path, &e)
                )
            })?;
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

/// `path:line:col: message` for an error in the WSDL at `entry` or a document it imports, with
/// the document's path joined to the entry's directory as given (relative stays relative), so
/// terminals and editors can open it at the line.
fn located(entry: &Path, error: &Error) -> String {
    match &error.position {
        Some(position) => {
            let directory = entry.parent().unwrap_or(Path::new(""));
            format!(
                "{}:{}:{}: {}",
                directory.join(&position.file).display(),
                position.line,
                position.column,
                error.kind
            )
        }
        None => format!("{}: {}", entry.display(), error.kind),
    }
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

    /// A scratch directory with `main.wsdl` importing `types/broken.xsd`, whose line 3 names an
    /// undefined type.
    fn broken_import_tree(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-fetch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("types")).unwrap();
        std::fs::write(
            dir.join("main.wsdl"),
            ENTRY.replace("things.xsd", "broken.xsd"),
        )
        .unwrap();
        std::fs::write(
            dir.join("types/broken.xsd"),
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:tns=\"urn:t\" targetNamespace=\"urn:t\">\n\
             <xs:complexType name=\"Thing\"><xs:sequence>\n\
             <xs:element name=\"a\" type=\"tns:Missing\"/>\n\
             </xs:sequence></xs:complexType>\n</xs:schema>\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn wsdl_errors_start_a_line_with_a_clickable_path() {
        let dir = broken_import_tree("located");
        let entry = dir.join("main.wsdl");
        let err = load(&Source::File(entry.clone())).err().unwrap();
        let expected_path = dir.join("types/broken.xsd");
        let located_line = err
            .lines()
            .find(|line| line.starts_with(&format!("{}:3:", expected_path.display())))
            .unwrap_or_else(|| panic!("no line starts with the imported file's path:\n{err}"));
        let rest = located_line
            .strip_prefix(&format!("{}:3:", expected_path.display()))
            .unwrap();
        let (column, message) = rest.split_once(": ").unwrap();
        assert!(column.parse::<u32>().is_ok(), "{located_line}");
        assert!(message.contains("Missing"), "{located_line}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_relative_entry_path_stays_relative_in_the_location() {
        let dir = broken_import_tree("relative");
        let entry = dir.join("main.wsdl");
        let error = wsdl::load(&entry).unwrap_err();
        let relative = Path::new("some/dir/main.wsdl");
        let line = located(relative, &error);
        assert!(line.starts_with("some/dir/types/broken.xsd:3:"), "{line}");
        let unpositioned = Error::without_position(ErrorKind::Invalid("bad".to_owned()));
        assert_eq!(located(relative, &unpositioned), "some/dir/main.wsdl: bad");
        std::fs::remove_dir_all(&dir).unwrap();
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
