//! Hand-written request and response documents for the corpus harness
//! (`cargo xtask codegen-compat --corpus`).
//!
//! `xtask/corpus-documents/<entry>/*.xml` hold realistic SOAP body elements of our own for each
//! corpus WSDL: a file is one operation's request or response element, named
//! `<operation>-request.xml` or `<operation>-response.xml` (a `-2`, … suffix for more). The
//! harness finds each document's operation from its root element among the generated
//! operations, takes the Rust type from the client method (its parameter for a request, its
//! result for a response), and writes `tests/documents.rs` into the generated crate. Per
//! document the test:
//! 1. wraps the document in a SOAP envelope of the operation's version and decodes it
//!    strictly (an element or attribute the schema does not allow fails);
//! 2. re-encodes the value with the generated encoder;
//! 3. compares the re-encoding with the document in a canonical form
//!    (`canonical::canonical_trees`: names by namespace, prefixes free, attributes as a set,
//!    `xsi:type` resolved, text exact; an `xsi:type` naming the declared type and schema
//!    location hints, which the encoder does not write back, left out), so nothing was lost
//!    or changed, `any` content included;
//! 4. decodes the re-encoding and checks it writes the same bytes again (not `==`: a `NaN`
//!    double is not equal to itself).

use std::path::{Path, PathBuf};

use crate::corpus;
use crate::paths;

/// Compiled here for its unit tests; the generated tests include its source.
#[cfg(test)]
#[path = "documents/canonical.rs"]
mod canonical;

/// The canonical-form source, compiled into each generated `tests/documents.rs` as well.
const CANONICAL_SOURCE: &str = include_str!("documents/canonical.rs");

/// Which message of its operation a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The operation's input body element.
    Request,
    /// The operation's output body element.
    Response,
}

impl Direction {
    /// The direction a file name says: a `request` or `response` part between dashes.
    fn of_file(stem: &str) -> Option<Self> {
        let parts: Vec<&str> = stem.split('-').collect();
        match (parts.contains(&"request"), parts.contains(&"response")) {
            (true, false) => Some(Direction::Request),
            (false, true) => Some(Direction::Response),
            _ => None,
        }
    }
}

/// One hand-written document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The file name (`GetPresets-response.xml`).
    pub file: String,
    /// The file's text.
    pub text: String,
    /// The root element's namespace.
    pub namespace: Option<String>,
    /// The root element's local name.
    pub local: String,
    /// What the file name says it is.
    pub direction: Direction,
}

impl Document {
    /// Reads a document from its text; `file` names it in errors and gives its direction.
    pub fn parse(file: &str, text: String) -> Result<Self, String> {
        let stem = file.strip_suffix(".xml").unwrap_or(file);
        let direction = Direction::of_file(stem).ok_or_else(|| {
            format!(
                "{file}: the name must say `-request` or `-response` (e.g. getLead-response.xml)"
            )
        })?;
        let (namespace, local) = {
            let doc = roxmltree::Document::parse(&text)
                .map_err(|e| format!("{file}: not well-formed XML: {e}"))?;
            let root = doc.root_element().tag_name();
            (root.namespace().map(str::to_owned), root.name().to_owned())
        };
        Ok(Self {
            file: file.to_owned(),
            text,
            namespace,
            local,
            direction,
        })
    }
}

/// The folder of an entry's documents.
pub fn entry_dir(entry: &str) -> PathBuf {
    paths::workspace_root()
        .join("xtask")
        .join("corpus-documents")
        .join(entry)
}

/// The documents in `dir` (`*.xml`, by name); none when the folder does not exist.
pub fn load(dir: &Path) -> Result<Vec<Document>, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", dir.display())),
    };
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    paths.retain(|p| p.extension().is_some_and(|ext| ext == "xml"));
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let file = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            Document::parse(&file, text)
        })
        .collect()
}

/// What the generated test does with one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentCheck {
    /// The document's file name.
    pub file: String,
    /// The binding submodule of the operation (`None` with one binding).
    pub module: Option<String>,
    /// The operation constant in `operations` (`GET_PRESETS`).
    pub operation: String,
    /// The body element's local name.
    pub element: String,
    /// A response document (read in the operation's response namespace).
    pub response: bool,
    /// The generated type's name in `types` (`GetPresetsResponse`).
    pub rust_type: String,
    /// The Cargo feature the operation is behind, in a crate with feature-gated groups.
    pub feature: Option<String>,
}

/// One operation method of a generated client.
struct Method {
    module: Option<String>,
    operation: String,
    request_type: String,
    response_type: Option<String>,
    feature: Option<String>,
}

/// One operation constant of `operations.rs`.
struct OperationElements {
    module: Option<String>,
    constant: String,
    request: String,
    response: String,
}

/// Matches each document to the first generated operation (in binding order) whose request
/// (or response, as its file name says) body element it is.
pub fn plan(
    files: &codegen::CrateFiles,
    documents: &[Document],
) -> Result<Vec<DocumentCheck>, String> {
    let methods = methods(files)?;
    let operations = operation_elements(files)?;
    documents
        .iter()
        .map(|document| {
            methods
                .iter()
                .find_map(|method| {
                    let op = operations
                        .iter()
                        .find(|op| op.module == method.module && op.constant == method.operation)?;
                    let rust_type = match document.direction {
                        Direction::Request if op.request == document.local => {
                            method.request_type.clone()
                        }
                        Direction::Response if op.response == document.local => {
                            method.response_type.clone()?
                        }
                        _ => return None,
                    };
                    Some(DocumentCheck {
                        file: document.file.clone(),
                        module: method.module.clone(),
                        operation: method.operation.clone(),
                        element: document.local.clone(),
                        response: document.direction == Direction::Response,
                        rust_type,
                        feature: method.feature.clone(),
                    })
                })
                .ok_or_else(|| {
                    format!(
                        "{}: no generated operation has the {} element `{}`",
                        document.file,
                        match document.direction {
                            Direction::Request => "request",
                            Direction::Response => "response",
                        },
                        document.local
                    )
                })
        })
        .collect()
}

fn parse(files: &codegen::CrateFiles, path: &str) -> Result<syn::File, String> {
    let text = files.get(path).ok_or_else(|| format!("no {path}"))?;
    syn::parse_file(text).map_err(|e| format!("{path} does not parse: {e}"))
}

/// The last identifier of a type path (`types::GetPresets` → `GetPresets`).
fn last_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => Some(path.path.segments.last()?.ident.to_string()),
        syn::Type::Reference(reference) => last_ident(&reference.elem),
        _ => None,
    }
}

/// The operation methods of every client in `src/client.rs`.
fn methods(files: &codegen::CrateFiles) -> Result<Vec<Method>, String> {
    let client = parse(files, "src/client.rs")?;
    let mut methods = Vec::new();
    for (module, items) in corpus::client_scopes(&client) {
        for item in items {
            let syn::Item::Impl(imp) = item else {
                continue;
            };
            for member in &imp.items {
                let syn::ImplItem::Fn(f) = member else {
                    continue;
                };
                let Some(syn::FnArg::Typed(param)) = f.sig.inputs.iter().nth(1) else {
                    continue;
                };
                let Some(result) = corpus::call_result(f) else {
                    continue;
                };
                let Some(operation) = operation_constant(&f.block) else {
                    continue;
                };
                let Some(request_type) = last_ident(&param.ty) else {
                    continue;
                };
                let syn::PathArguments::AngleBracketed(args) = &result
                    .path
                    .segments
                    .last()
                    .ok_or("an empty result path")?
                    .arguments
                else {
                    continue;
                };
                let response_type = args.args.iter().find_map(|a| match a {
                    syn::GenericArgument::Type(t) => last_ident(t),
                    _ => None,
                });
                methods.push(Method {
                    module: module.clone(),
                    operation,
                    request_type,
                    response_type,
                    feature: corpus::cfg_feature(&f.attrs),
                });
            }
        }
    }
    Ok(methods)
}

/// The `X` of the `operations::X` a method body passes to the runtime.
fn operation_constant(block: &syn::Block) -> Option<String> {
    let tokens: Vec<proc_macro2::TokenTree> = quote::quote!(#block).into_iter().collect();
    find_operation(&tokens)
}

fn find_operation(tokens: &[proc_macro2::TokenTree]) -> Option<String> {
    use proc_macro2::TokenTree;
    for (at, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Group(group) => {
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                if let Some(found) = find_operation(&inner) {
                    return Some(found);
                }
            }
            TokenTree::Ident(ident) if ident == "operations" => {
                if let [
                    TokenTree::Punct(a),
                    TokenTree::Punct(b),
                    TokenTree::Ident(constant),
                    ..,
                ] = &tokens[at + 1..]
                    && a.as_char() == ':'
                    && b.as_char() == ':'
                {
                    return Some(constant.to_string());
                }
            }
            _ => {}
        }
    }
    None
}

/// The request and response element of every operation constant in `src/operations.rs`.
fn operation_elements(files: &codegen::CrateFiles) -> Result<Vec<OperationElements>, String> {
    let operations = parse(files, "src/operations.rs")?;
    let mut found = Vec::new();
    for (module, items) in corpus::module_scopes(&operations) {
        for item in items {
            let syn::Item::Const(constant) = item else {
                continue;
            };
            let syn::Expr::Struct(meta) = &*constant.expr else {
                continue;
            };
            let field = |name: &str| {
                meta.fields.iter().find_map(|f| match (&f.member, &f.expr) {
                    (
                        syn::Member::Named(member),
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(value),
                            ..
                        }),
                    ) if member == name => Some(value.value()),
                    _ => None,
                })
            };
            if let (Some(request), Some(response)) =
                (field("request_element"), field("response_element"))
            {
                found.push(OperationElements {
                    module: module.clone(),
                    constant: constant.ident.to_string(),
                    request,
                    response,
                });
            }
        }
    }
    Ok(found)
}

/// The features the checks need (their operations' groups).
pub fn features(checks: &[DocumentCheck]) -> impl Iterator<Item = &str> {
    checks.iter().filter_map(|check| check.feature.as_deref())
}

/// A test function name for a document file (`GetPresets-response-2.xml` →
/// `document_getpresets_response_2`).
fn test_name(file: &str) -> String {
    let stem = file.strip_suffix(".xml").unwrap_or(file);
    let mut name = String::from("document_");
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('_') {
            name.push('_');
        }
    }
    name
}

/// The generated crate's `tests/documents.rs`: one test per check, reading the document from
/// `tests/documents/<file>` (the harness writes the documents there).
pub fn test_source(package: &str, checks: &[DocumentCheck]) -> String {
    let mut out = DOCUMENTS_PRELUDE.replace("CRATE", package);
    out.push_str("\nmod canonical {\n");
    out.push_str(CANONICAL_SOURCE);
    out.push_str("}\n");
    for check in checks {
        let operations = match &check.module {
            Some(m) => format!("operations::{m}"),
            None => "operations".to_owned(),
        };
        let cfg = check
            .feature
            .as_deref()
            .map(|feature| format!("#[cfg(feature = \"{feature}\")]\n"))
            .unwrap_or_default();
        out.push_str(&format!(
            "
/// `{file}`: decodes strictly, re-encodes to the same XML, decodes again to the same value.
{cfg}#[test]
fn {test}() {{
    round_trip::<{package}::types::{rust_type}>(
        &{package}::{operations}::{operation},
        {response},
        \"{element}\",
        include_str!(\"documents/{file}\"),
    );
}}
",
            file = check.file,
            test = test_name(&check.file),
            rust_type = check.rust_type,
            operation = check.operation,
            element = check.element,
            response = check.response,
        ));
    }
    out
}

const DOCUMENTS_PRELUDE: &str = r#"//! Written by `cargo xtask codegen-compat --corpus`: the hand-written documents of
//! `xtask/corpus-documents/` round-trip through the generated codecs.

use CRATE::soap_runtime::envelope;
use CRATE::soap_runtime::xml::{DecodeOptions, XmlDecode, XmlEncode};
use CRATE::soap_runtime::OperationMeta;

/// Decodes `document` (a body element of `op`) strictly as `T` inside an envelope of the
/// operation's SOAP version, re-encodes it, and checks the re-encoding is the same XML in
/// canonical form and decodes to a value that writes the same again.
#[allow(dead_code)]
fn round_trip<T>(op: &OperationMeta, response: bool, element: &str, document: &str)
where
    T: XmlDecode + XmlEncode + std::fmt::Debug,
{
    let namespace = if response { op.response_namespace } else { op.namespace };
    let parsed = roxmltree::Document::parse(document).expect("the document is well-formed");
    let root = parsed.root_element();
    let body = &document[root.range()];
    let envelope_ns = op.soap_version.namespace();
    let wrapped = format!(
        "<soap:Envelope xmlns:soap=\"{envelope_ns}\"><soap:Body>{body}</soap:Body></soap:Envelope>"
    );
    let value: T = envelope::read_response(&wrapped, namespace, element, DecodeOptions::strict())
        .unwrap_or_else(|e| panic!("the document does not decode strictly: {e}"));
    let written = envelope::write_response_in(op.soap_version, namespace, element, &value);
    let reparsed = roxmltree::Document::parse(&written).expect("the re-encoding is well-formed");
    let written_body = reparsed
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .find(|n| n.tag_name().name() == "Body")
        .and_then(|b| b.children().find(|n| n.is_element()))
        .expect("the re-encoding has a body element");
    let (left, right) = canonical::canonical_trees(written_body, root);
    assert_eq!(
        left, right,
        "the re-encoding (left) differs from the document (right); written: {written}"
    );
    let again: T = envelope::read_response(&written, namespace, element, DecodeOptions::strict())
        .unwrap_or_else(|e| panic!("the re-encoding does not decode strictly: {e}\n{written}"));
    // Compared by what they write, not `==`: a `NaN` double is not equal to itself.
    let rewritten = envelope::write_response_in(op.soap_version, namespace, element, &again);
    assert_eq!(rewritten, written, "the re-encoding decodes to another value: {again:?}");
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_the_direction() {
        assert_eq!(
            Direction::of_file("GetPresets-response"),
            Some(Direction::Response)
        );
        assert_eq!(
            Direction::of_file("getLead-request-2"),
            Some(Direction::Request)
        );
        assert_eq!(Direction::of_file("getLead"), None);
        assert_eq!(Direction::of_file("request-response"), None);
        let error = Document::parse("getLead.xml", "<a/>".into()).expect_err("no direction");
        assert!(error.contains("-request"), "{error}");
        let error = Document::parse("x-request.xml", "<a>".into()).expect_err("not XML");
        assert!(error.contains("x-request.xml: not well-formed"), "{error}");
        assert_eq!(
            test_name("Get.Presets-response-2.xml"),
            "document_get_presets_response_2"
        );
    }

    fn tree(xml: &str) -> String {
        let doc = roxmltree::Document::parse(xml).expect("well-formed");
        canonical::canonical_tree(doc.root_element())
    }

    #[test]
    fn canonical_trees_ignore_prefixes_order_and_layout_but_not_content() {
        let a = r#"<a:r xmlns:a="urn:a" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
              xmlns:t="urn:types" k="1" j="2">
            <a:item xsi:type="t:Derived">x<!-- split -->y</a:item>
            <b xmlns="urn:b"><![CDATA[<raw>]]></b>
        </a:r>"#;
        let b = r#"<r xmlns="urn:a" j="2" k="1"><item xmlns:u="urn:types"
              xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="u:Derived">xy</item><n:b xmlns:n="urn:b">&lt;raw></n:b></r>"#;
        assert_eq!(tree(a), tree(b));
        assert_eq!(
            tree(b),
            "{urn:a}r\n  @j=\"2\"\n  @k=\"1\"\n  {urn:a}item\n    \
             @{http://www.w3.org/2001/XMLSchema-instance}type=\"{urn:types}Derived\"\n    \
             \"xy\"\n  {urn:b}b\n    \"<raw>\"\n"
        );
        // Each of these changes information, so the trees differ.
        for changed in [
            r#"<r xmlns="urn:a" j="2" k="1"><item>xy</item><n:b xmlns:n="urn:b">&lt;raw></n:b></r>"#,
            r#"<r xmlns="urn:a" j="2" k="1"><item xmlns:u="urn:other" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="u:Derived">xy</item><n:b xmlns:n="urn:b">&lt;raw></n:b></r>"#,
            r#"<r xmlns="urn:a" j="2"><item xmlns:u="urn:types" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="u:Derived">xy</item><n:b xmlns:n="urn:b">&lt;raw></n:b></r>"#,
            r#"<r xmlns="urn:a" j="2" k="1"><item xmlns:u="urn:types" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="u:Derived">x y</item><n:b xmlns:n="urn:b">&lt;raw></n:b></r>"#,
            r#"<r xmlns="urn:a" j="2" k="1"><item xmlns:u="urn:types" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="u:Derived">xy</item><b>&lt;raw></b></r>"#,
            r#"<r xmlns="urn:a" j="2" k="1"><n:b xmlns:n="urn:b">&lt;raw></n:b><item xmlns:u="urn:types" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="u:Derived">xy</item></r>"#,
        ] {
            assert_ne!(tree(changed), tree(b), "{changed}");
        }
        // An `xsi:type` or schema location hint the re-encoding leaves out at the same place
        // is not counted; one it writes, and `xsi:nil`, are.
        let doc = roxmltree::Document::parse(
            r#"<a xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:schemaLocation="urn:a a.xsd"><b i:type="T">x</b><c i:nil="true"/></a>"#,
        )
        .expect("well-formed");
        let plain = roxmltree::Document::parse("<a><b>x</b><c/></a>").expect("well-formed");
        let (left, right) = canonical::canonical_trees(plain.root_element(), doc.root_element());
        assert_ne!(left, right, "xsi:nil counts");
        assert!(
            !right.contains("schemaLocation") && !right.contains("}type"),
            "{right}"
        );
        let typed = roxmltree::Document::parse(
            r#"<a xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><b i:type="U">x</b><c i:nil="true"/></a>"#,
        )
        .expect("well-formed");
        let (left, right) = canonical::canonical_trees(typed.root_element(), doc.root_element());
        assert_ne!(left, right, "another written xsi:type counts");
        // A default namespace undeclared with `xmlns=""` is no namespace.
        assert_eq!(
            tree(r#"<a xmlns="urn:a"><b xmlns=""/></a>"#),
            tree(r#"<p:a xmlns:p="urn:a"><b/></p:a>"#)
        );
        // Whitespace is kept where it is the content.
        assert_ne!(tree("<a> </a>"), tree("<a/>"));
        assert_eq!(tree("<a><b/> </a>"), tree("<a><b/></a>"));
    }

    /// One operation whose request and response elements are `find` and `findResponse`.
    const SERVICE: &str = r###"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:find" targetNamespace="urn:find">
  <wsdl:types><xs:schema targetNamespace="urn:find" elementFormDefault="qualified">
    <xs:element name="find"><xs:complexType><xs:sequence>
      <xs:element name="name" type="xs:string"/></xs:sequence>
      <xs:attribute name="limit" type="xs:int"/></xs:complexType></xs:element>
    <xs:element name="findResponse"><xs:complexType><xs:sequence>
      <xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence></xs:complexType></xs:element>
  </xs:schema></wsdl:types>
  <wsdl:message name="In"><wsdl:part name="p" element="tns:find"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="p" element="tns:findResponse"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="find"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:P"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="find"><soap:operation soapAction="urn:find"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>"###;

    #[test]
    fn documents_find_their_operation_type_and_the_test_round_trips_them() {
        let files = corpus::test_crate("find", SERVICE, &codegen::Declarations::default());
        let request = Document::parse(
            "find-request.xml",
            r#"<f:find xmlns:f="urn:find" limit="5"><f:name>x</f:name></f:find>"#.into(),
        )
        .expect("a document");
        let response = Document::parse(
            "find-response.xml",
            r#"<findResponse xmlns="urn:find"/>"#.into(),
        )
        .expect("a document");
        let checks = plan(&files, &[request.clone(), response]).expect("both match");
        assert_eq!(
            checks,
            [
                DocumentCheck {
                    file: "find-request.xml".into(),
                    module: None,
                    operation: "FIND".into(),
                    element: "find".into(),
                    response: false,
                    rust_type: "Find".into(),
                    feature: None,
                },
                DocumentCheck {
                    file: "find-response.xml".into(),
                    module: None,
                    operation: "FIND".into(),
                    element: "findResponse".into(),
                    response: true,
                    rust_type: "FindResponse".into(),
                    feature: None,
                },
            ]
        );
        // A request document named as a response matches nothing.
        let misnamed = Document {
            file: "find-response-2.xml".into(),
            direction: Direction::Response,
            ..request
        };
        let error = plan(&files, &[misnamed]).expect_err("no such response element");
        assert!(
            error.contains(
                "find-response-2.xml: no generated operation has the response element `find`"
            ),
            "{error}"
        );
        let test = test_source("find", &checks);
        for expected in [
            "round_trip::<find::types::Find>(",
            "&find::operations::FIND,",
            "include_str!(\"documents/find-response.xml\"),",
            "fn document_find_response()",
            "pub fn canonical_tree(",
        ] {
            assert!(test.contains(expected), "missing `{expected}` in\n{test}");
        }
        syn::parse_file(&test).expect("the test parses");
    }
}
