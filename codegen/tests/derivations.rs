//! Derived types end to end: `fixtures/derivations.wsdl` generates
//! `generated/derivations_types.rs` (checked in, and checked here to be exactly what the
//! generator writes today).

#[path = "support/checked_in.rs"]
mod checked_in;

// Generated output is compared byte for byte: `cargo fmt` must leave it as written.
#[rustfmt::skip]
#[allow(dead_code, clippy::all)]
#[path = "generated/derivations_types.rs"]
mod types;

use soap_runtime::xml::{self, DecodeErrorKind, DecodeOptions, XmlReader, XmlWriter};

use types::{
    Camera, Device, DeviceBase, Entity, EntityBase, Invoice, List, PositiveAmountType,
    TaxAmountType, Version,
};

const FIXTURE: &str = "tests/fixtures/derivations.wsdl";
const GENERATED: &str = "tests/generated/derivations_types.rs";
const NS: &str = "urn:example:derivations";

/// The checked-in generated types are what the generator produces from the fixture now
/// (`CODEGEN_BLESS=1 cargo test -p mktows-codegen --test derivations` rewrites them).
#[test]
fn checked_in_types_are_current() {
    checked_in::assert_current(FIXTURE, "derivations.wsdl", GENERATED);
}

fn encode<T: xml::XmlEncode>(local: &str, value: &T) -> String {
    let mut w = XmlWriter::new(NS);
    w.root(local, value);
    w.into_string()
}

fn decode<T: xml::XmlDecode>(
    local: &str,
    doc: &str,
    options: DecodeOptions,
) -> Result<T, xml::DecodeError> {
    XmlReader::new(doc, options).root(NS, local)
}

/// A list naming the concrete base without `xsi:type`, with `xsi:type` naming itself, and
/// naming each extension; the `device` field (a concrete base too) holds the deepest one.
const LIST: &str = concat!(
    r#"<l:list xmlns:l="urn:example:derivations" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    r#"<l:entity token="e1"><l:name>plain</l:name></l:entity>"#,
    r#"<l:entity token="e2" xsi:type="l:Entity"><l:name>named</l:name></l:entity>"#,
    r#"<l:entity token="d1" xsi:type="l:Device"><l:name>hub</l:name><l:model>H2</l:model></l:entity>"#,
    r#"<l:entity token="c1" xsi:type="l:Camera"><l:name>cam</l:name><l:model>C9</l:model><l:resolution>1080</l:resolution></l:entity>"#,
    r#"<l:device token="c2" xsi:type="l:Camera"><l:name>door</l:name><l:model>C1</l:model><l:resolution>720</l:resolution></l:device>"#,
    "</l:list>"
);

fn camera(token: &str, name: &str, model: &str, resolution: i32) -> Camera {
    Camera {
        name: name.to_owned(),
        model: model.to_owned(),
        resolution,
        token: token.to_owned(),
    }
}

fn entity(token: &str, name: &str) -> EntityBase {
    EntityBase {
        name: name.to_owned(),
        token: token.to_owned(),
    }
}

/// An element declared with a concrete base type keeps the extension's content that
/// `xsi:type` announces, in strict and lenient decoding (it was dropped, or an error).
#[test]
fn concrete_base_dispatches_on_xsi_type() {
    let expected = List {
        entity: vec![
            Entity::EntityBase(entity("e1", "plain")),
            Entity::EntityBase(entity("e2", "named")),
            Entity::DeviceBase(DeviceBase {
                name: "hub".to_owned(),
                model: "H2".to_owned(),
                token: "d1".to_owned(),
            }),
            Entity::Camera(camera("c1", "cam", "C9", 1080)),
        ],
        device: Some(Device::Camera(camera("c2", "door", "C1", 720))),
    };
    for options in [DecodeOptions::strict(), DecodeOptions::default()] {
        let decoded: List = decode("list", LIST, options).expect("decodes");
        assert_eq!(decoded, expected);
    }
}

/// The base itself is written without `xsi:type`, each extension with its own; what is
/// written decodes back to the same value.
#[test]
fn concrete_base_round_trips() {
    let value = List {
        entity: vec![
            Entity::EntityBase(entity("e1", "plain")),
            Entity::Camera(camera("c1", "cam", "C9", 1080)),
        ],
        device: Some(Device::DeviceBase(DeviceBase {
            name: "hub".to_owned(),
            model: "H2".to_owned(),
            token: "d1".to_owned(),
        })),
    };
    let xml = encode("list", &value);
    assert!(
        xml.contains(r#"<ns1:entity token="e1"><ns1:name>"#),
        "{xml}"
    );
    assert!(xml.contains(r#"xsi:type="ns1:Camera""#), "{xml}");
    assert!(!xml.contains(r#"xsi:type="ns1:Entity""#), "{xml}");
    assert!(!xml.contains(r#"xsi:type="ns1:Device""#), "{xml}");
    let back: List = decode("list", &xml, DecodeOptions::strict()).expect("decodes");
    assert_eq!(back, value);
}

/// An `xsi:type` naming no type derived from the declared one is still an error.
#[test]
fn concrete_base_refuses_unknown_xsi_type() {
    let doc = LIST.replace(r#"xsi:type="l:Device""#, r#"xsi:type="l:Gadget""#);
    let err = decode::<List>("list", &doc, DecodeOptions::strict()).expect_err("unknown type");
    assert!(
        matches!(err.kind(), DecodeErrorKind::UnknownXsiType(name) if name == "Gadget"),
        "{err}"
    );
}

/// Simple content derived from a complex type with simple content: the text type is the
/// base's (`xs:decimal`, kept as written), the attributes the base's plus the extension's (it
/// was refused, and the restriction said its base was undefined).
#[test]
fn simple_content_derived_from_simple_content_round_trips() {
    let doc = concat!(
        r#"<l:invoice xmlns:l="urn:example:derivations">"#,
        r#"<l:tax currencyID="EUR" taxScheme="VAT">1.50</l:tax>"#,
        r#"<l:total currencyID="EUR">11.50</l:total>"#,
        "</l:invoice>"
    );
    let expected = Invoice {
        tax: TaxAmountType {
            currency_id: "EUR".to_owned(),
            tax_scheme: Some("VAT".to_owned()),
            value: "1.50".to_owned(),
        },
        total: PositiveAmountType {
            currency_id: "EUR".to_owned(),
            value: "11.50".to_owned(),
        },
    };
    let decoded: Invoice = decode("invoice", doc, DecodeOptions::strict()).expect("decodes");
    assert_eq!(decoded, expected);
    let written = encode("invoice", &decoded);
    assert!(
        written.contains(r#"<ns1:tax currencyID="EUR" taxScheme="VAT">1.50</ns1:tax><ns1:total currencyID="EUR">11.50</ns1:total>"#),
        "{written}"
    );
    let again: Invoice = decode("invoice", &written, DecodeOptions::strict()).expect("re-decodes");
    assert_eq!(again, expected);
    // The base's required attribute stays required.
    let without_currency = doc.replace(r#" currencyID="EUR" taxScheme"#, " taxScheme");
    assert!(decode::<Invoice>("invoice", &without_currency, DecodeOptions::strict()).is_err());
}

/// A response body element of simple type is a struct holding its text (the operation was
/// refused): the reply decodes to it and it is written back as the same element.
#[test]
fn a_simple_typed_body_element_is_a_struct_with_its_text() {
    let reply = r#"<q:version xmlns:q="urn:example:derivations">1.2</q:version>"#;
    let version: Version = decode("version", reply, DecodeOptions::strict()).expect("decodes");
    assert_eq!(version, Version::new("1.2".to_owned()));
    assert_eq!(
        encode("version", &version),
        r#"<ns1:version xmlns:ns1="urn:example:derivations" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">1.2</ns1:version>"#
    );
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(FIXTURE)).expect("fixture");
    let resolver = wsdl::MemoryResolver::new().with("derivations.wsdl", text.as_str());
    let defs = wsdl::load_with("derivations.wsdl", &resolver).expect("fixture loads");
    let input = codegen::InputInfo::from_bytes("derivations.wsdl", text.as_bytes());
    let files = codegen::generate(&defs, &input).expect("generates");
    let client: String = files
        .get("client.rs")
        .expect("client.rs")
        .split_whitespace()
        .collect();
    assert!(
        client.contains("Output=Result<types::Version,soap_runtime::Error>"),
        "{client}"
    );
}
