//! `xs:QName` values end to end: `fixtures/qnames.wsdl` generates `generated/qnames_types.rs`
//! (checked in, and checked here to be exactly what the generator writes today). A name is its
//! namespace and local part: decoding resolves the prefix where the text is, encoding declares
//! one where the value is written; an enumeration of names is a name.

#[path = "support/checked_in.rs"]
mod checked_in;

// Generated output is compared byte for byte: `cargo fmt` must leave it as written.
#[rustfmt::skip]
#[allow(dead_code, clippy::all)]
#[path = "generated/qnames_types.rs"]
mod types;

use soap_runtime::xml::{self, DecodeOptions, List, QName, XmlReader, XmlWriter};

use types::{Item, Topic};

const FIXTURE: &str = "tests/fixtures/qnames.wsdl";
const GENERATED: &str = "tests/generated/qnames_types.rs";
const NS: &str = "urn:example:names";
const FAULTS: &str = "urn:example:faults";
const XS: &str = "http://www.w3.org/2001/XMLSchema";

/// The checked-in generated types are what the generator produces from the fixture now
/// (`CODEGEN_BLESS=1 cargo test -p mktows-codegen --test qnames` rewrites them).
#[test]
fn checked_in_types_are_current() {
    checked_in::assert_current(FIXTURE, "qnames.wsdl", GENERATED);
}

fn item() -> Item {
    Item {
        code: QName::new(FAULTS, "INVALID_LOGIN"),
        related: Some(List(vec![
            QName::new(FAULTS, "REQUEST_LIMIT_EXCEEDED"),
            QName::new(NS, "item"),
            QName::unqualified("local"),
        ])),
        topic: Some(Topic {
            dialect: Some("http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet".to_owned()),
            value: QName::new("http://www.onvif.org/ver10/topics", "RuleEngine"),
        }),
        r#type: QName::new(XS, "string"),
    }
}

fn encode(item: &Item) -> String {
    let mut w = XmlWriter::new(NS);
    w.root("item", item);
    w.into_string()
}

fn decode(doc: &str, options: DecodeOptions) -> Result<Item, xml::DecodeError> {
    XmlReader::new(doc, options).root(NS, "item")
}

#[test]
fn names_are_written_with_their_namespaces_declared() {
    assert_eq!(
        encode(&item()),
        concat!(
            r#"<ns1:item xmlns:ns1="urn:example:names" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#,
            r#"xmlns:q1="http://www.w3.org/2001/XMLSchema" type="q1:string">"#,
            r#"<ns1:code xmlns:q1="urn:example:faults">q1:INVALID_LOGIN</ns1:code>"#,
            r#"<ns1:related xmlns:q1="urn:example:faults">q1:REQUEST_LIMIT_EXCEEDED ns1:item local</ns1:related>"#,
            r#"<ns1:topic xmlns:q1="http://www.onvif.org/ver10/topics" dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">q1:RuleEngine</ns1:topic>"#,
            r#"</ns1:item>"#
        )
    );
    for options in [DecodeOptions::strict(), DecodeOptions::lenient()] {
        assert_eq!(decode(&encode(&item()), options).expect("decodes"), item());
    }
}

#[test]
fn any_prefix_declared_in_scope_reads_as_the_same_name() {
    // The document's own prefixes, declared on the root, on the element, and as the default
    // namespace (which an unprefixed name in element text takes).
    let doc = concat!(
        r#"<n:item xmlns:n="urn:example:names" xmlns:sf="urn:example:faults" xmlns:xsd="http://www.w3.org/2001/XMLSchema" type="xsd:string">"#,
        r#"<n:code>sf:INVALID_LOGIN</n:code>"#,
        r#"<n:related xmlns:e="urn:example:faults"> e:REQUEST_LIMIT_EXCEEDED  n:item"#,
        "\n",
        r#"local</n:related>"#,
        r#"<topic xmlns="urn:example:names" xmlns:tns1="http://www.onvif.org/ver10/topics" dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:RuleEngine</topic>"#,
        r#"</n:item>"#
    );
    let mut expected = item();
    assert_eq!(
        decode(doc, DecodeOptions::strict()).expect("decodes"),
        expected
    );
    // In element text an unprefixed name takes the default namespace.
    let defaulted = doc.replace(
        r#"<n:code>sf:INVALID_LOGIN</n:code>"#,
        r#"<code xmlns="urn:example:names">LOCAL_CODE</code>"#,
    );
    expected.code = QName::new(NS, "LOCAL_CODE");
    assert_eq!(
        decode(&defaulted, DecodeOptions::strict()).expect("decodes"),
        expected
    );
}

#[test]
fn a_name_whose_prefix_is_not_declared_is_an_error() {
    let doc = r#"<n:item xmlns:n="urn:example:names" type="xsd:string"><n:code>sf:INVALID_LOGIN</n:code></n:item>"#;
    for options in [DecodeOptions::strict(), DecodeOptions::lenient()] {
        let error = decode(doc, options).expect_err("unbound prefixes");
        assert!(
            error
                .to_string()
                .contains("its prefix is not declared where the value is"),
            "{error}"
        );
    }
}

#[test]
fn a_name_read_from_a_document_keeps_its_prefix_where_that_prefix_is_free() {
    let doc = r#"<n:item xmlns:n="urn:example:names" xmlns:sf="urn:example:faults" xmlns:ns1="urn:other" type="ns1:string"><n:code>sf:INVALID_LOGIN</n:code></n:item>"#;
    let read = decode(doc, DecodeOptions::strict()).expect("decodes");
    assert_eq!(read.code.prefix.as_deref(), Some("sf"));
    let written = encode(&read);
    assert!(
        written.contains(r#"<ns1:code xmlns:sf="urn:example:faults">sf:INVALID_LOGIN</ns1:code>"#),
        "{written}"
    );
    // `ns1` is the writer's prefix for the target namespace: the type name gets another one.
    assert!(
        written.contains(r#"xmlns:q1="urn:other" type="q1:string">"#),
        "{written}"
    );
    assert_eq!(
        decode(&written, DecodeOptions::strict()).expect("again"),
        read
    );
}
