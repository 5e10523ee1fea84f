//! Schemas across several target namespaces, end to end: `fixtures/namespaces.wsdl` generates
//! `generated/namespaces_types.rs` (checked in, and checked here to be exactly what the
//! generator writes today), and documents of our own go through those types: encode gives the
//! exact XML expected (each element, attribute and `xsi:type` in its own schema's namespace,
//! prefixes declared where they are first needed), decode gives the value back, and strict
//! decoding rejects a child in the wrong namespace.

use proptest::prelude::*;
use soap_runtime::envelope::{self, HeaderBlock};
use soap_runtime::xml::{self, DecodeErrorKind, DecodeOptions, XmlReader, XmlWriter};

#[path = "support/checked_in.rs"]
mod checked_in;

// Generated output is compared byte for byte: `cargo fmt` must leave it as written.
#[rustfmt::skip]
#[allow(dead_code, clippy::all)]
#[path = "generated/namespaces_types.rs"]
mod types;

use types::{Address, Audit, Company, Item, Item2, Order, Party, Person};

const FIXTURE: &str = "tests/fixtures/namespaces.wsdl";
const GENERATED: &str = "tests/generated/namespaces_types.rs";

/// The checked-in generated types are what the generator produces from the fixture now
/// (`CODEGEN_BLESS=1 cargo test -p mktows-codegen --test namespaces` rewrites them).
#[test]
fn checked_in_types_are_current() {
    checked_in::assert_current(FIXTURE, "namespaces.wsdl", GENERATED);
}

const ORDERS: &str = "urn:example:orders";
const COMMON: &str = "urn:example:common";
const AUDIT: &str = "urn:example:audit";

fn encode(order: &Order) -> String {
    let mut w = XmlWriter::new(ORDERS);
    w.root("order", order);
    w.into_string()
}

fn decode(doc: &str, options: DecodeOptions) -> Result<Order, xml::DecodeError> {
    XmlReader::new(doc, options).root(ORDERS, "order")
}

fn sample() -> Order {
    Order {
        id: 7,
        address: Address {
            street: "Main St 1".to_owned(),
            note: Some("ring twice".to_owned()),
        },
        item: vec![Item {
            sku: "A-1".to_owned(),
        }],
        common_item: Some(Item2 {
            label: "shared".to_owned(),
        }),
        party: vec![
            Party::Person(Person {
                name: "Ada".to_owned(),
                born: 1815,
            }),
            Party::Company(Company {
                name: "Acme".to_owned(),
                vat: "EU1".to_owned(),
            }),
        ],
        source: Some("web".to_owned()),
        channel: Some("api".to_owned()),
    }
}

/// What [`sample`] must look like on the wire.
const SAMPLE_XML: &str = concat!(
    r#"<ns1:order xmlns:ns1="urn:example:orders" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#,
    r#" xmlns:ns2="urn:example:common" ns2:source="web" channel="api">"#,
    r#"<ns1:id>7</ns1:id>"#,
    r#"<ns2:address><ns2:street>Main St 1</ns2:street><note>ring twice</note></ns2:address>"#,
    r#"<ns1:item><ns1:sku>A-1</ns1:sku></ns1:item>"#,
    r#"<ns1:commonItem><ns2:label>shared</ns2:label></ns1:commonItem>"#,
    r#"<ns1:party xsi:type="ns2:Person"><ns2:name>Ada</ns2:name><ns2:born>1815</ns2:born></ns1:party>"#,
    r#"<ns1:party xsi:type="ns1:Company"><ns2:name>Acme</ns2:name><ns1:vat>EU1</ns1:vat></ns1:party>"#,
    r#"</ns1:order>"#,
);

#[test]
fn each_name_is_written_in_its_own_namespace() {
    assert_eq!(encode(&sample()), SAMPLE_XML);
}

#[test]
fn decoding_gives_the_value_back_strictly_and_whatever_the_prefixes() {
    assert_eq!(decode(SAMPLE_XML, DecodeOptions::strict()), Ok(sample()));
    // The same document as another tool may write it: the service's namespace as the default,
    // other prefixes, declarations on the elements that use them.
    let other = concat!(
        r#"<order xmlns="urn:example:orders" xmlns:c="urn:example:common""#,
        r#" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" c:source="web" channel="api">"#,
        r#"<id>7</id><c:address><c:street>Main St 1</c:street><note xmlns="">ring twice</note></c:address>"#,
        r#"<item><sku>A-1</sku></item><commonItem><c:label>shared</c:label></commonItem>"#,
        r#"<party i:type="c:Person"><c:name>Ada</c:name><c:born>1815</c:born></party>"#,
        r#"<party i:type="Company"><c:name>Acme</c:name><vat>EU1</vat></party></order>"#,
    );
    assert_eq!(decode(other, DecodeOptions::strict()), Ok(sample()));
}

#[test]
fn strict_decoding_rejects_a_child_in_the_wrong_namespace() {
    let cases = [
        // The imported schema's element in the service's namespace.
        (
            "<ns2:street>Main St 1</ns2:street>",
            "<ns1:street>Main St 1</ns1:street>",
        ),
        // An unqualified local element written qualified.
        ("<note>ring twice</note>", "<ns2:note>ring twice</ns2:note>"),
        // A service element in the imported namespace (the parent's children are mixed).
        ("<ns1:id>7</ns1:id>", "<ns2:id>7</ns2:id>"),
        // All children of `Item2` are in the imported namespace.
        (
            "<ns2:label>shared</ns2:label>",
            "<ns1:label>shared</ns1:label>",
        ),
    ];
    for (right, wrong) in cases {
        let doc = SAMPLE_XML.replace(right, wrong);
        assert_ne!(doc, SAMPLE_XML);
        let error = decode(&doc, DecodeOptions::strict()).expect_err(wrong);
        assert!(
            matches!(error.kind(), DecodeErrorKind::WrongNamespace { .. }),
            "{wrong}: {error}"
        );
        // Lenient decoding stays lenient about namespaces.
        assert_eq!(
            decode(&doc, DecodeOptions::lenient()),
            Ok(sample()),
            "{wrong}"
        );
    }
    // A qualified attribute is matched by namespace: unprefixed it is another attribute.
    let doc = SAMPLE_XML.replace("ns2:source=", "source=");
    let error = decode(&doc, DecodeOptions::strict()).expect_err("unqualified source");
    assert!(
        matches!(error.kind(), DecodeErrorKind::UnexpectedAttribute(_)),
        "{error}"
    );
}

#[test]
fn xsi_type_names_a_type_in_its_own_namespace() {
    // `Company` is the service's type: in the imported namespace it names nothing.
    let doc = SAMPLE_XML.replace("xsi:type=\"ns1:Company\"", "xsi:type=\"ns2:Company\"");
    let error = decode(&doc, DecodeOptions::lenient()).expect_err("no such type");
    assert!(
        matches!(error.kind(), DecodeErrorKind::UnknownXsiType(_)),
        "{error}"
    );
}

#[test]
fn same_local_names_in_two_namespaces_get_two_rust_types() {
    let text = std::fs::read_to_string(GENERATED).expect("generated types");
    assert!(text.contains("pub struct Item {"), "the service's Item");
    assert!(text.contains("pub struct Item2 {"), "the imported Item");
    assert!(text.contains("pub const NAMESPACE_1: &str = \"urn:example:common\";"));
    assert!(text.contains("pub const NAMESPACE_2: &str = \"urn:example:audit\";"));
}

#[test]
fn a_header_in_another_namespace_is_written_in_it() {
    let audit = Audit {
        user: "bob".to_owned(),
    };
    let order = Order {
        party: Vec::new(),
        common_item: None,
        ..sample()
    };
    let request = envelope::write_request(
        types::TARGET_NAMESPACE,
        &[HeaderBlock {
            namespace: types::NAMESPACE_2,
            local: "audit",
            value: &audit,
        }],
        "order",
        &order,
    );
    let expected_header = concat!(
        r#"<SOAP-ENV:Header><ns2:audit xmlns:ns2="urn:example:audit"><user>bob</user></ns2:audit>"#,
        r#"</SOAP-ENV:Header>"#,
    );
    assert!(request.contains(expected_header), "{request}");
    assert!(
        request.contains(r#"<SOAP-ENV:Body><ns1:order xmlns:ns2="urn:example:common""#),
        "{request}"
    );
    // The generated client passes the header's own namespace.
    let text = std::fs::read_to_string(FIXTURE).expect("fixture");
    let resolver = wsdl::MemoryResolver::new().with("namespaces.wsdl", text.as_str());
    let defs = wsdl::load_with("namespaces.wsdl", &resolver).expect("fixture loads");
    let input = codegen::InputInfo::from_bytes("namespaces.wsdl", text.as_bytes());
    let files = codegen::generate(&defs, &input).expect("fixture generates");
    let client: String = files
        .get("client.rs")
        .expect("client.rs")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        client.contains(
            "HeaderBlock { namespace: types::NAMESPACE_2, local: \"audit\", value: header, }"
        ),
        "{client}"
    );
    // And reading it back: the header element in its namespace, its child unqualified.
    let start = request.find("<ns2:audit").expect("header");
    let end = request.find("</ns2:audit>").expect("header end") + "</ns2:audit>".len();
    let header = &request[start..end];
    let decoded: Audit = XmlReader::new(header, DecodeOptions::strict())
        .root(AUDIT, "audit")
        .expect("header decodes");
    assert_eq!(decoded, audit);
    let _ = COMMON;
}

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 <>&\"']{0,12}"
}

fn party() -> impl Strategy<Value = Party> {
    prop_oneof![
        (text(), any::<i32>()).prop_map(|(name, born)| Party::Person(Person { name, born })),
        (text(), text()).prop_map(|(name, vat)| Party::Company(Company { name, vat })),
    ]
}

fn order() -> impl Strategy<Value = Order> {
    (
        any::<i32>(),
        (text(), proptest::option::of(text())),
        proptest::collection::vec(text(), 1..3),
        proptest::option::of(text()),
        proptest::collection::vec(party(), 0..3),
        (proptest::option::of(text()), proptest::option::of(text())),
    )
        .prop_map(
            |(id, (street, note), skus, label, party, (source, channel))| Order {
                id,
                address: Address { street, note },
                item: skus.into_iter().map(|sku| Item { sku }).collect(),
                common_item: label.map(|label| Item2 { label }),
                party,
                source,
                channel,
            },
        )
}

proptest! {
    /// Any order survives encode → strict decode unchanged.
    #[test]
    fn orders_round_trip(value in order()) {
        let doc = encode(&value);
        prop_assert_eq!(decode(&doc, DecodeOptions::strict()), Ok(value), "{}", doc);
    }
}
