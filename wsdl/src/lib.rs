//! WSDL 1.1 + XML Schema reader.
//!
//! Reads a service description (and everything it imports) into a resolved [`Definitions`]
//! model. Knows nothing about Rust or code generation.
//!
//! Loading happens in three steps: the entry document and its import closure are read
//! through a [`Resolver`] (each document once, so import cycles are harmless); every named
//! definition is indexed (duplicates are errors); then the model is built, resolving every
//! QName against the prefixes in scope where it was written. A reference to something that
//! is not defined fails with the position and the name as written:
//! `mktows-2_6-fragment.wsdl:17:11: type tns:StreamPosition is not defined`.
//!
//! Decisions worth knowing:
//! - SOAP 1.1 / 1.2 bindings are told apart by the namespace URI of their extension elements,
//!   never by prefix; HTTP (and other) bindings are kept as [`BindingProtocol::Other`].
//! - rpc style and `use="encoded"` bindings load (the model records them), but any reference
//!   to a SOAP-encoding type (`soapenc:Array`, `soapenc:string`, …) fails with
//!   `unsupported: SOAP encoding type …`: SOAP-encoded arrays are not modelled.
//! - `xs:group` and `xs:attributeGroup` references are expanded in place; element and
//!   attribute `ref=`s take the referenced global declaration (`is_ref` set).
//! - An `xs:import` whose absolute-URL `schemaLocation` cannot be resolved is accepted when
//!   a schema for its namespace is loaded from another document, or the namespace is well
//!   known (soapenc, wsdl, xml); otherwise loading fails at the import with the URL and how
//!   to map it to a local file ([`MapResolver`]). Imports without `schemaLocation` are
//!   accepted; references into a namespace that was never loaded fail as undefined.
//! - A `ref=` to a global element whose type is written inline is
//!   [`TypeRef::OfElement`]: the type stays on the global element, so elements may contain
//!   themselves. An element without a type is `TypeRef::BuiltIn("anyType")`, and a
//!   `complexContent` derivation from `xs:anyType` is recorded as no derivation.
//! - DTDs are rejected, and documents (and schema constructs expanded from references) may
//!   nest at most 256 levels deep.
#![forbid(unsafe_code)]

mod definitions;
mod error;
mod index;
mod loader;
mod lookup;
mod model;
mod namespaces;
mod resolver;
mod schema;
mod source;

use std::path::Path;

pub use error::{Error, ErrorKind};
pub use model::*;
pub use namespaces::{HTTP_NS, SOAP_ENC_NS, SOAP11_NS, SOAP12_NS, WSDL_NS, XML_NS, XS_NS, XSI_NS};
pub use resolver::{Document, FileResolver, MapResolver, MemoryResolver, Resolver};

use index::Index;
use schema::SchemaBuilder;
use source::SourceDoc;

/// Loads the WSDL file at `path` and everything it imports (relative to its directory).
///
/// Positions in errors name files relative to that directory (the entry is just its file
/// name).
pub fn load(path: &Path) -> Result<Definitions, Error> {
    let directory = path.parent().unwrap_or(Path::new("."));
    let directory = if directory.as_os_str().is_empty() {
        Path::new(".")
    } else {
        directory
    };
    let entry = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned());
    load_with(&entry, &FileResolver::new(directory))
}

/// Loads `entry` and everything it imports through `resolver`.
pub fn load_with(entry: &str, resolver: &dyn Resolver) -> Result<Definitions, Error> {
    let texts = loader::collect(entry, resolver)?;
    let sources = texts
        .iter()
        .map(|t| SourceDoc::parse(&t.name, &t.text))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(first) = sources.first() {
        let root = first.doc.root_element();
        if !source::is(root, WSDL_NS, "definitions") {
            return Err(first.error(
                root,
                ErrorKind::Invalid(format!(
                    "the entry document's root is <{}>, not wsdl:definitions",
                    root.tag_name().name()
                )),
            ));
        }
    }
    let index = Index::build(&sources, &texts)?;
    let mut definitions = Definitions {
        schema: SchemaBuilder::new(&index).build()?,
        ..Definitions::default()
    };
    definitions::build(&index, &mut definitions)?;
    definitions.namespace_prefixes = source::first_prefixes(&sources);
    Ok(definitions)
}
