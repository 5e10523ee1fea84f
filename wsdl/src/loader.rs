//! Collects the entry document and everything it imports, each document once.

use std::collections::{BTreeSet, VecDeque};

use roxmltree::Node;

use crate::error::{Error, ErrorKind};
use crate::model::Position;
use crate::namespaces::{WELL_KNOWN_NAMESPACES, WSDL_NS, XS_NS};
use crate::resolver::{Resolver, is_url};
use crate::source::{SourceDoc, children_named, is};

/// A document's text as the resolver produced it, with how it was reached.
pub(crate) struct LoadedText {
    /// Display name (identity: each name is loaded once).
    pub name: String,
    /// Whole text.
    pub text: String,
    /// For a schema reached through `xs:include` that has no `targetNamespace` of its own:
    /// the including schema's namespace ("chameleon" include).
    pub include_namespace: Option<String>,
}

/// Why a document is being loaded.
enum Reference {
    Entry,
    WsdlImport,
    SchemaImport { namespace: String },
    SchemaInclude { namespace: String },
}

struct Request {
    base: Option<String>,
    location: String,
    origin: Option<Position>,
    reference: Reference,
}

/// An `xs:import` of an absolute URL the resolver could not load. Acceptable if a schema
/// for the namespace turns out to be loaded from elsewhere, or the namespace is well known.
struct DeferredImport {
    namespace: String,
    location: String,
    origin: Option<Position>,
    error: Error,
}

/// Loads the entry and its import closure, in breadth-first order (entry first).
pub(crate) fn collect(entry: &str, resolver: &dyn Resolver) -> Result<Vec<LoadedText>, Error> {
    let mut queue = VecDeque::from([Request {
        base: None,
        location: entry.to_owned(),
        origin: None,
        reference: Reference::Entry,
    }]);
    let mut loaded: Vec<LoadedText> = Vec::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    // Target namespaces of the schemas loaded so far (not of WSDL documents: a WSDL's own
    // namespace says nothing about its element declarations).
    let mut namespaces: BTreeSet<String> = BTreeSet::new();
    let mut deferred: Vec<DeferredImport> = Vec::new();

    while let Some(request) = queue.pop_front() {
        if let Reference::SchemaImport { namespace } = &request.reference
            && is_url(&request.location)
            && namespaces.contains(namespace)
        {
            continue;
        }
        let document = match resolver.resolve(request.base.as_deref(), &request.location) {
            Ok(document) => document,
            Err(error) => match request.reference {
                Reference::SchemaImport { namespace } if is_url(&request.location) => {
                    deferred.push(DeferredImport {
                        namespace,
                        location: request.location,
                        origin: request.origin,
                        error,
                    });
                    continue;
                }
                _ => return Err(locate(error, request.origin)),
            },
        };
        if !names.insert(document.name.clone()) {
            continue;
        }
        let include_namespace = match request.reference {
            Reference::SchemaInclude { namespace } => Some(namespace),
            _ => None,
        };
        let found = scan(&document.name, &document.text, include_namespace.as_deref())?;
        namespaces.extend(found.namespaces);
        queue.extend(found.requests);
        loaded.push(LoadedText {
            name: document.name,
            text: document.text,
            include_namespace,
        });
    }

    for import in deferred {
        let known = namespaces.contains(&import.namespace)
            || WELL_KNOWN_NAMESPACES.contains(&import.namespace.as_str());
        if !known {
            let reason = match &import.error.kind {
                ErrorKind::Resolve { reason, .. } => reason.clone(),
                other => other.to_string(),
            };
            return Err(Error {
                position: import.origin.or(import.error.position),
                kind: ErrorKind::Resolve {
                    location: import.location,
                    reason: format!(
                        "the URL could not be resolved ({reason}) and no other document \
                         defines namespace `{}`; save the schema locally and map the URL to \
                         that file (command line: `--map URL=FILE`; library: wsdl::MapResolver)",
                        import.namespace
                    ),
                },
            });
        }
    }
    Ok(loaded)
}

/// Puts the position of the referring import on a resolver error that has none.
fn locate(mut error: Error, origin: Option<Position>) -> Error {
    if error.position.is_none() {
        error.position = origin;
    }
    error
}

struct Scan {
    /// Target namespaces of the schemas found.
    namespaces: Vec<String>,
    requests: Vec<Request>,
}

/// Parses one document and lists what it imports and which namespaces it defines.
fn scan(name: &str, text: &str, include_namespace: Option<&str>) -> Result<Scan, Error> {
    let source = SourceDoc::parse(name, text)?;
    let root = source.doc.root_element();
    let mut found = Scan {
        namespaces: Vec::new(),
        requests: Vec::new(),
    };
    if is(root, WSDL_NS, "definitions") {
        for import in children_named(root, WSDL_NS, "import") {
            // A wsdl:import without location only declares a namespace dependency.
            if let Some(location) = import.attribute("location") {
                found.requests.push(Request {
                    base: Some(name.to_owned()),
                    location: location.to_owned(),
                    origin: Some(source.position(import)),
                    reference: Reference::WsdlImport,
                });
            }
        }
        for types in children_named(root, WSDL_NS, "types") {
            for schema in children_named(types, XS_NS, "schema") {
                scan_schema(&source, schema, None, &mut found)?;
            }
        }
    } else if is(root, XS_NS, "schema") {
        scan_schema(&source, root, include_namespace, &mut found)?;
    } else {
        return Err(source.error(
            root,
            ErrorKind::Invalid(format!(
                "root element <{}> is neither wsdl:definitions nor xs:schema",
                root.tag_name().name()
            )),
        ));
    }
    Ok(found)
}

fn scan_schema(
    source: &SourceDoc<'_>,
    schema: Node<'_, '_>,
    include_namespace: Option<&str>,
    found: &mut Scan,
) -> Result<(), Error> {
    let target = schema
        .attribute("targetNamespace")
        .or(include_namespace)
        .unwrap_or("")
        .to_owned();
    found.namespaces.push(target.clone());
    for child in schema.children().filter(|c| c.is_element()) {
        let reference = if is(child, XS_NS, "import") {
            Reference::SchemaImport {
                namespace: child.attribute("namespace").unwrap_or("").to_owned(),
            }
        } else if is(child, XS_NS, "include") {
            Reference::SchemaInclude {
                namespace: target.clone(),
            }
        } else if is(child, XS_NS, "redefine") || is(child, XS_NS, "override") {
            return Err(source.error(
                child,
                ErrorKind::Unsupported(format!("xs:{}", child.tag_name().name())),
            ));
        } else {
            continue;
        };
        // An import without schemaLocation refers to a namespace loaded some other way (or a
        // well-known one); references into it are checked when the model is built.
        let Some(location) = child.attribute("schemaLocation") else {
            if matches!(reference, Reference::SchemaInclude { .. }) {
                return Err(source.error(
                    child,
                    ErrorKind::Invalid("xs:include has no schemaLocation".to_owned()),
                ));
            }
            continue;
        };
        found.requests.push(Request {
            base: Some(source.name.clone()),
            location: location.to_owned(),
            origin: Some(source.position(child)),
            reference,
        });
    }
    Ok(())
}
