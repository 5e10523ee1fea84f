//! wsdl:import, xs:import and xs:include through the file system and memory resolvers.

mod common;

use std::collections::BTreeSet;

use wsdl::{Content, Definitions, ErrorKind, MemoryResolver, Particle, QName, TypeRef};

const TYPES: &str = "urn:example:types";

fn check_import_closure(d: &Definitions) {
    // messages.wsdl (wsdl:import) contributes the port type and messages.
    assert_eq!(d.target_namespace, "urn:example:main");
    assert_eq!(d.port_types.len(), 1);
    assert_eq!(d.port_types[0].name.namespace, "urn:example:messages");
    assert_eq!(d.messages.len(), 2);
    assert_eq!(d.bindings[0].port_type.namespace, "urn:example:messages");
    // types.xsd (xs:import) and chameleon.xsd (xs:include, no targetNamespace) share a
    // namespace; common (extension-less, relative ../) brings Id.
    let item = d.complex_type(&QName::new(TYPES, "Item")).expect("Item");
    assert_eq!(item.position.file_name(), "chameleon.xsd");
    assert!(d.simple_type(&QName::new(TYPES, "TagList")).is_some());
    assert!(
        d.simple_type(&QName::new("urn:example:common", "Id"))
            .is_some()
    );
    let get = d.element(&QName::new(TYPES, "get")).expect("get");
    let TypeRef::AnonymousComplex(complex) = &get.type_ref else {
        panic!("anonymous type expected: {:?}", get.type_ref);
    };
    let Content::Group(group) = &complex.content else {
        panic!("group expected");
    };
    let Particle::Element(id) = &group.particles[0] else {
        panic!("element expected");
    };
    // elementFormDefault="qualified" in types.xsd.
    assert_eq!(id.name, QName::new(TYPES, "id"));
    assert_eq!(
        id.type_ref,
        TypeRef::Named(QName::new("urn:example:common", "Id"))
    );
    // Each document is loaded once despite the cycles.
    let files: BTreeSet<&str> = d
        .schema
        .elements
        .iter()
        .map(|e| e.position.file.as_str())
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(d.schema.elements.len(), 2);
    assert_eq!(d.schema.complex_types.len(), 1);
    assert_eq!(d.schema.simple_types.len(), 2);
}

trait FileName {
    fn file_name(&self) -> &str;
}

impl FileName for wsdl::Position {
    fn file_name(&self) -> &str {
        self.file.rsplit('/').next().unwrap_or(&self.file)
    }
}

#[test]
fn file_resolver_follows_relative_imports_and_cycles() {
    let d = wsdl::load(&common::fixture("imports/main.wsdl")).unwrap_or_else(|e| panic!("{e}"));
    check_import_closure(&d);
    let item = d.complex_type(&QName::new(TYPES, "Item")).expect("Item");
    // Names are relative to the entry's directory.
    assert_eq!(item.position.file, "types/chameleon.xsd");
    let id = d
        .simple_type(&QName::new("urn:example:common", "Id"))
        .expect("Id");
    assert_eq!(id.position.file, "common/common");
}

fn memory_fixtures() -> MemoryResolver {
    let mut resolver = MemoryResolver::new();
    for name in [
        "main.wsdl",
        "messages.wsdl",
        "types/types.xsd",
        "types/chameleon.xsd",
        "common/common",
    ] {
        let path = common::fixture(&format!("imports/{name}"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        resolver.insert(format!("svc/{name}"), text);
    }
    resolver
}

#[test]
fn memory_resolver_follows_relative_imports() {
    let d = wsdl::load_with("svc/main.wsdl", &memory_fixtures()).unwrap_or_else(|e| panic!("{e}"));
    check_import_closure(&d);
    let item = d.complex_type(&QName::new(TYPES, "Item")).expect("Item");
    assert_eq!(item.position.file, "svc/types/chameleon.xsd");
}

#[test]
fn memory_resolver_maps_urls_to_documents() {
    let main = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
        xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:m">
      <wsdl:types><xs:schema targetNamespace="urn:m">
        <xs:import namespace="urn:remote" schemaLocation="https://example.com/remote.xsd"/>
        <xs:element name="e" type="r:T" xmlns:r="urn:remote"/>
      </xs:schema></wsdl:types></wsdl:definitions>"#;
    let remote = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:remote">
        <xs:simpleType name="T"><xs:restriction base="xs:string"/></xs:simpleType></xs:schema>"#;
    let resolver = MemoryResolver::new()
        .with("main.wsdl", main)
        .with("https://example.com/remote.xsd", remote);
    let d = wsdl::load_with("main.wsdl", &resolver).unwrap_or_else(|e| panic!("{e}"));
    let t = d.simple_type(&QName::new("urn:remote", "T")).expect("T");
    assert_eq!(t.position.file, "https://example.com/remote.xsd");

    // Without the mapping the URL cannot be loaded and the namespace is unknown: error at
    // the import.
    let alone = MemoryResolver::new().with("main.wsdl", main);
    let error = wsdl::load_with("main.wsdl", &alone).expect_err("unresolvable import");
    assert!(
        matches!(&error.kind, ErrorKind::Resolve { location, .. } if location == "https://example.com/remote.xsd"),
        "{error}"
    );
    let position = error.position.expect("position");
    assert_eq!((position.file.as_str(), position.line), ("main.wsdl", 4));
}

#[test]
fn missing_relative_import_is_an_error_at_the_import() {
    let main = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
        targetNamespace="urn:m">
      <wsdl:import namespace="urn:x" location="nowhere.wsdl"/>
    </wsdl:definitions>"#;
    let resolver = MemoryResolver::new().with("dir/main.wsdl", main);
    let error = wsdl::load_with("dir/main.wsdl", &resolver).expect_err("missing import");
    assert_eq!(
        error.to_string(),
        "dir/main.wsdl:3:7: cannot load `nowhere.wsdl`: no document named `dir/nowhere.wsdl`"
    );
    let missing_entry = wsdl::load(&common::fixture("does-not-exist.wsdl")).expect_err("no file");
    assert!(matches!(missing_entry.kind, ErrorKind::Resolve { .. }));
    assert_eq!(missing_entry.position, None);
}

#[test]
fn entry_must_be_a_wsdl() {
    let resolver = MemoryResolver::new().with(
        "a.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>"#,
    );
    let error = wsdl::load_with("a.xsd", &resolver).expect_err("not a WSDL");
    assert!(matches!(error.kind, ErrorKind::Invalid(_)), "{error}");
    assert!(error.to_string().starts_with("a.xsd:1:1: "), "{error}");
}

#[test]
fn unreachable_url_imports_of_known_namespaces_are_tolerated() {
    // soapenc by URL (well known, never loaded), and urn:later by URL before the relative
    // import that actually loads it.
    let main = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
        xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:m">
      <wsdl:types>
        <xs:schema targetNamespace="urn:m">
          <xs:import namespace="http://schemas.xmlsoap.org/soap/encoding/"
              schemaLocation="http://schemas.xmlsoap.org/soap/encoding/"/>
          <xs:import namespace="urn:later" schemaLocation="http://example.com/later.xsd"/>
        </xs:schema>
        <xs:schema targetNamespace="urn:m2">
          <xs:import namespace="urn:later" schemaLocation="later.xsd"/>
        </xs:schema>
      </wsdl:types></wsdl:definitions>"#;
    let later = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:later">
        <xs:element name="x" type="xs:int"/></xs:schema>"#;
    let resolver = MemoryResolver::new()
        .with("main.wsdl", main)
        .with("later.xsd", later);
    let d = wsdl::load_with("main.wsdl", &resolver).unwrap_or_else(|e| panic!("{e}"));
    assert!(d.element(&QName::new("urn:later", "x")).is_some());
}
