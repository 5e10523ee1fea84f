//! Attributes end to end: `fixtures/attributes.wsdl` generates `generated/attributes_types.rs`
//! (checked in, and checked here to be exactly what the generator writes today), and documents
//! of our own round-trip through those types: decode → encode gives the same XML, encode →
//! decode gives the same value, and strict decoding rejects what the schema does not allow.

use proptest::prelude::*;
use soap_runtime::xml::{self, DecodeOptions, XmlReader, XmlWriter};

#[path = "support/checked_in.rs"]
mod checked_in;

// Generated output is compared byte for byte: `cargo fmt` must leave it as written.
#[rustfmt::skip]
#[allow(dead_code, clippy::all)]
#[path = "generated/attributes_types.rs"]
mod types;

use types::{Amount, Catalog, Circle, Item, ItemBase, PlainRef, RecordRef, Shape, Square, Status};

const FIXTURE: &str = "tests/fixtures/attributes.wsdl";
const GENERATED: &str = "tests/generated/attributes_types.rs";

/// The checked-in generated types are what the generator produces from the fixture now
/// (`CODEGEN_BLESS=1 cargo test -p codegen --test attributes` rewrites them).
#[test]
fn checked_in_types_are_current() {
    checked_in::assert_current(FIXTURE, "attributes.wsdl", GENERATED);
}

const NS: &str = "urn:example:attributes";

fn encode(catalog: &Catalog) -> String {
    let mut w = XmlWriter::new(NS);
    w.root("catalog", catalog);
    w.into_string()
}

fn decode(doc: &str, options: DecodeOptions) -> Result<Catalog, xml::DecodeError> {
    let mut r = XmlReader::new(doc, options);
    r.root(NS, "catalog")
}

fn sample() -> Catalog {
    Catalog {
        generated: Some("2026-11-30".to_owned()),
        item: vec![Item::ItemBase(ItemBase {
            status: Some(Status::Active),
            version: Some("1.0".to_owned()),
            count: 3,
            flag: Some(true),
            note: Some("a \"quoted\" <note> & more\tand\nlines".to_owned()),
            name: "Widget".to_owned(),
            price: Some(Amount {
                currency: "EUR".to_owned(),
                precision: None,
                value_2: Some("list price".to_owned()),
                value: "12.50".to_owned(),
            }),
            r#ref: vec![
                RecordRef {
                    internal_id: Some("17".to_owned()),
                    external_id: None,
                    r#type: "customer".to_owned(),
                },
                RecordRef {
                    internal_id: None,
                    external_id: Some("ext-1".to_owned()),
                    r#type: "vendor".to_owned(),
                },
            ],
        })],
        special: None,
        plain: Some(PlainRef {
            internal_id: Some("9".to_owned()),
            r#type: "item".to_owned(),
        }),
        shape: vec![
            Shape::Circle(Circle {
                label: Some("c".to_owned()),
                radius: 1.5,
            }),
            Shape::Square(Square {
                label: None,
                side: 4,
            }),
        ],
    }
}

const SAMPLE_XML: &str = concat!(
    r#"<ns1:catalog xmlns:ns1="urn:example:attributes" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" generated="2026-11-30">"#,
    r#"<ns1:item status="active" version="1.0" count="3" ns1:flag="true" note="a &quot;quoted&quot; &lt;note&gt; &amp; more&#9;and&#10;lines">"#,
    r#"<ns1:name>Widget</ns1:name><ns1:price currency="EUR" value="list price">12.50</ns1:price>"#,
    r#"<ns1:ref internalId="17" type="customer"/><ns1:ref externalId="ext-1" type="vendor"/></ns1:item>"#,
    r#"<ns1:plain internalId="9" type="item"/>"#,
    r#"<ns1:shape xsi:type="ns1:Circle" label="c" radius="1.5"/>"#,
    r#"<ns1:shape xsi:type="ns1:Square"><ns1:side>4</ns1:side></ns1:shape>"#,
    r#"</ns1:catalog>"#
);

#[test]
fn attributes_are_written_in_the_start_tag_in_schema_order() {
    assert_eq!(encode(&sample()), SAMPLE_XML);
}

#[test]
fn encode_then_decode_gives_the_same_value_strictly() {
    let value = sample();
    let decoded = decode(&encode(&value), DecodeOptions::strict()).expect("decodes");
    assert_eq!(decoded, value);
}

#[test]
fn a_document_of_our_own_decodes_and_re_encodes_equivalently() {
    // Other prefixes, single quotes, attribute order and whitespace differ from what the
    // writer produces; the infoset is the same.
    let doc = r#"<c:catalog xmlns:c="urn:example:attributes"
        xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
      <c:item c:flag='false' count='0' status="retired"><c:name>N</c:name>
        <c:price currency="USD" precision="4">1.0000</c:price>
        <c:ref type="x"/></c:item>
      <c:special count="1" special="-5"><c:name>S</c:name><c:ref type="y"/><c:extra>e</c:extra></c:special>
    </c:catalog>"#;
    let value = decode(doc, DecodeOptions::strict()).expect("decodes");
    let Item::ItemBase(item) = &value.item[0] else {
        panic!(
            "an item without xsi:type is the base type: {:?}",
            value.item[0]
        );
    };
    assert_eq!(item.flag, Some(false));
    assert_eq!(item.count, 0);
    assert_eq!(item.status, Some(Status::Retired));
    assert_eq!(item.price.as_ref().and_then(|p| p.precision), Some(4));
    let special = value.special.as_ref().expect("special");
    assert_eq!((special.count, special.special), (1, Some(-5)));
    let again = encode(&value);
    assert_eq!(
        again,
        concat!(
            r#"<ns1:catalog xmlns:ns1="urn:example:attributes" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<ns1:item status="retired" count="0" ns1:flag="false"><ns1:name>N</ns1:name>"#,
            r#"<ns1:price currency="USD" precision="4">1.0000</ns1:price><ns1:ref type="x"/></ns1:item>"#,
            r#"<ns1:special count="1" special="-5"><ns1:name>S</ns1:name><ns1:ref type="y"/><ns1:extra>e</ns1:extra></ns1:special>"#,
            r#"</ns1:catalog>"#
        )
    );
    assert_eq!(
        decode(&again, DecodeOptions::strict()).expect("again"),
        value
    );
}

#[test]
fn strict_decoding_rejects_what_the_schema_does_not_allow() {
    let wrap = |item: &str| format!(r#"<ns1:catalog xmlns:ns1="{NS}">{item}</ns1:catalog>"#);
    let cases = [
        // count is required.
        (
            r#"<ns1:item><ns1:name>N</ns1:name><ns1:ref type="x"/></ns1:item>"#,
            "@count",
        ),
        // An undeclared attribute.
        (
            r#"<ns1:item count="1" colour="red"><ns1:name>N</ns1:name><ns1:ref type="x"/></ns1:item>"#,
            "colour",
        ),
        // flag is qualified: unprefixed it is another attribute.
        (
            r#"<ns1:item count="1" flag="true"><ns1:name>N</ns1:name><ns1:ref type="x"/></ns1:item>"#,
            "flag",
        ),
        // version is fixed to 1.0.
        (
            r#"<ns1:item count="1" version="2.0"><ns1:name>N</ns1:name><ns1:ref type="x"/></ns1:item>"#,
            "@version",
        ),
        // Not an unsignedInt.
        (
            r#"<ns1:item count="-1"><ns1:name>N</ns1:name><ns1:ref type="x"/></ns1:item>"#,
            "@count",
        ),
        // The restriction prohibits externalId.
        (
            r#"<ns1:item count="1"><ns1:name>N</ns1:name><ns1:ref type="x"/></ns1:item><ns1:plain type="t" externalId="e"/>"#,
            "externalId",
        ),
    ];
    for (body, needle) in cases {
        let doc = wrap(body);
        let error = decode(&doc, DecodeOptions::strict()).expect_err(&doc);
        assert!(error.to_string().contains(needle), "{doc}: {error}");
    }
    // Lenient decoding ignores the undeclared attribute but still needs the required one.
    let lenient = decode(
        &wrap(r#"<ns1:item count="1" colour="red"><ns1:name>N</ns1:name><ns1:ref type="x"/></ns1:item>"#),
        DecodeOptions::default(),
    )
    .expect("lenient");
    assert!(
        matches!(&lenient.item[0], Item::ItemBase(item) if item.count == 1),
        "{:?}",
        lenient.item[0]
    );
    assert!(decode(&wrap(cases[0].0), DecodeOptions::default()).is_err());
}

/// Attribute text: anything XML 1.0 can carry (no C0 controls but tab/newline/CR).
fn attribute_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('"'),
            Just('\''),
            Just('&'),
            Just('<'),
            Just('>'),
            Just('\t'),
            Just('\n'),
            Just(' '),
            proptest::char::range('a', 'z'),
            proptest::char::range('\u{a0}', '\u{2fff}'),
        ],
        0..12,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn record_ref() -> impl Strategy<Value = RecordRef> {
    (
        proptest::option::of(attribute_text()),
        proptest::option::of(attribute_text()),
        attribute_text(),
    )
        .prop_map(|(internal_id, external_id, r#type)| RecordRef {
            internal_id,
            external_id,
            r#type,
        })
}

proptest! {
    #[test]
    fn attribute_values_round_trip(
        note in proptest::option::of(attribute_text()),
        count in any::<u32>(),
        flag in proptest::option::of(any::<bool>()),
        refs in proptest::collection::vec(record_ref(), 1..4),
        currency in attribute_text(),
        precision in proptest::option::of(any::<i32>()),
    ) {
        let value = Catalog {
            generated: None,
            item: vec![Item::ItemBase(ItemBase {
                status: None,
                version: None,
                count,
                flag,
                note,
                name: String::new(),
                price: Some(Amount { currency, precision, value_2: None, value: "1".to_owned() }),
                r#ref: refs,
            })],
            special: None,
            plain: None,
            shape: Vec::new(),
        };
        let doc = encode(&value);
        let decoded = decode(&doc, DecodeOptions::strict());
        prop_assert_eq!(decoded.as_ref().ok(), Some(&value), "{}", doc);
        prop_assert_eq!(encode(&value), doc);
    }
}
