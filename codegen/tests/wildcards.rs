//! Raw XML end to end: `fixtures/wildcards.wsdl` generates `generated/wildcards_types.rs`
//! (checked in, and checked here to be exactly what the generator writes today); documents of
//! our own with foreign elements, foreign attributes and `xs:anyType` content round-trip through
//! those types without losing anything, and strict decoding still rejects what no wildcard
//! admits.

use proptest::prelude::*;
use soap_runtime::xml::{
    self, AnyAttribute, AnyContent, AnyElement, AnyNode, DecodeOptions, NamespaceDeclaration,
    Nillable, XmlReader, XmlWriter,
};

#[path = "support/checked_in.rs"]
mod checked_in;

// Generated output is compared byte for byte: `cargo fmt` must leave it as written.
#[rustfmt::skip]
#[allow(dead_code, clippy::all)]
#[path = "generated/wildcards_types.rs"]
mod types;

use types::{Envelope, Record, RecordBase, SObject};

const FIXTURE: &str = "tests/fixtures/wildcards.wsdl";
const GENERATED: &str = "tests/generated/wildcards_types.rs";
const NS: &str = "urn:example:wild";

/// The checked-in generated types are what the generator produces from the fixture now
/// (`CODEGEN_BLESS=1 cargo test -p codegen --test wildcards` rewrites them).
#[test]
fn checked_in_types_are_current() {
    checked_in::assert_current(FIXTURE, "wildcards.wsdl", GENERATED);
}

fn encode(envelope: &Envelope) -> String {
    let mut w = XmlWriter::new(NS);
    w.root("envelope", envelope);
    w.into_string()
}

fn decode(doc: &str, options: DecodeOptions) -> Result<Envelope, xml::DecodeError> {
    let mut r = XmlReader::new(doc, options);
    r.root(NS, "envelope")
}

/// A record-style answer: the fields of each record live in another namespace, next to
/// attributes of that namespace, and the payloads are `xs:anyType` with `xsi:type`.
const DOC: &str = r#"<w:envelope xmlns:w="urn:example:wild" xmlns:f="urn:example:fields"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <w:record kind="customer" f:origin="crm"><w:id>17</w:id>
    <f:name lang="en">Ada &amp; co</f:name><f:ref type="f:Account">a-1</f:ref>
    <f:address><f:city>Paris</f:city><street xmlns="urn:example:streets">Rue <b/> 1</street></f:address>
    <w:checksum>x9</w:checksum></w:record>
  <w:tagged f:x="1"><w:id>18</w:id><w:tag>t</w:tag></w:tagged>
  <w:extension><other>anything<![CDATA[ <goes> ]]></other></w:extension>
  <w:listed a="1" w:b="2"/>
  <w:payload xsi:type="xs:int" f:unit="kg">42</w:payload>
  <w:maybe xsi:nil="true"/>
  <w:many><f:item>1</f:item></w:many><w:many/>
  <w:untyped>plain</w:untyped>
</w:envelope>"#;

#[test]
fn foreign_elements_attributes_and_any_type_content_are_kept() {
    let value = decode(DOC, DecodeOptions::strict()).expect("decodes");
    let Record::RecordBase(record) = &value.record[0] else {
        panic!(
            "a record without xsi:type is the base type: {:?}",
            value.record[0]
        );
    };
    assert_eq!(record.kind.as_deref(), Some("customer"));
    assert_eq!(record.id, "17");
    assert_eq!(record.checksum.as_deref(), Some("x9"));
    assert_eq!(
        record.other_attributes,
        vec![AnyAttribute {
            namespace: Some("urn:example:fields".to_owned()),
            prefix: Some("f".to_owned()),
            local: "origin".to_owned(),
            value: "crm".to_owned(),
        }]
    );
    let names: Vec<&str> = record.any.iter().map(|e| e.local.as_str()).collect();
    assert_eq!(names, ["name", "ref", "address"]);
    assert_eq!(record.any[0].content.text(), "Ada & co");
    // The QName in `type="f:Account"` stays meaningful: `f` is declared on the captured element.
    assert!(
        record.any[1]
            .content
            .namespace_declarations
            .contains(&NamespaceDeclaration {
                prefix: Some("f".to_owned()),
                uri: "urn:example:fields".to_owned(),
            })
    );
    assert_eq!(record.any[2].content.text(), "ParisRue  1");
    let tagged = value.tagged.as_ref().expect("tagged");
    assert_eq!(tagged.other_attributes.len(), 1, "inherited anyAttribute");
    let extension = value.extension.as_ref().expect("extension");
    assert_eq!(extension.any.namespace, None);
    assert_eq!(extension.any.content.text(), "anything <goes> ");
    let listed = value.listed.as_ref().expect("listed");
    assert_eq!(
        listed.other_attributes.len(),
        2,
        "##any takes target-namespace attributes too"
    );
    let payload_attributes: Vec<(&str, &str)> = value
        .payload
        .attributes
        .iter()
        .map(|a| (a.local.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(payload_attributes, [("type", "xs:int"), ("unit", "kg")]);
    assert_eq!(value.payload.text(), "42");
    assert_eq!(value.maybe, Some(Nillable::Nil));
    assert_eq!(value.many.len(), 2);
    assert_eq!(value.many[1], AnyContent::default());
    assert_eq!(
        value.untyped.as_ref().map(AnyContent::text).as_deref(),
        Some("plain")
    );

    // Written back and read again: the same value; written again: the same text.
    let written = encode(&value);
    let again = decode(&written, DecodeOptions::strict()).expect("re-decodes");
    assert_eq!(again, value, "{written}");
    assert_eq!(encode(&again), written);
}

#[test]
fn encode_then_decode_gives_the_same_value() {
    let value = Envelope {
        record: vec![Record::RecordBase(RecordBase {
            kind: None,
            other_attributes: vec![AnyAttribute {
                namespace: Some("urn:x".to_owned()),
                prefix: Some("x".to_owned()),
                local: "flag".to_owned(),
                value: "a \"b\" <c>".to_owned(),
            }],
            id: "1".to_owned(),
            any: vec![AnyElement {
                namespace: Some("urn:x".to_owned()),
                prefix: Some("x".to_owned()),
                local: "field".to_owned(),
                content: AnyContent {
                    namespace_declarations: vec![NamespaceDeclaration {
                        prefix: Some("x".to_owned()),
                        uri: "urn:x".to_owned(),
                    }],
                    attributes: Vec::new(),
                    children: vec![AnyNode::Text("v & w".to_owned())],
                },
            }],
            checksum: None,
        })],
        payload: AnyContent {
            children: vec![AnyNode::Text("p".to_owned())],
            ..AnyContent::default()
        },
        tagged: None,
        extension: None,
        listed: None,
        maybe: None,
        many: Vec::new(),
        untyped: None,
    };
    let written = encode(&value);
    assert_eq!(
        written,
        concat!(
            r#"<ns1:envelope xmlns:ns1="urn:example:wild" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<ns1:record xmlns:x="urn:x" x:flag="a &quot;b&quot; &lt;c&gt;"><ns1:id>1</ns1:id>"#,
            r#"<x:field xmlns:x="urn:x">v &amp; w</x:field></ns1:record><ns1:payload>p</ns1:payload></ns1:envelope>"#
        )
    );
    assert_eq!(
        decode(&written, DecodeOptions::strict()).expect("decodes"),
        value
    );
}

#[test]
fn strict_decoding_rejects_what_no_wildcard_admits() {
    let wrap =
        |record: &str| format!(r#"<w:envelope xmlns:w="{NS}">{record}<w:payload/></w:envelope>"#);
    for (record, needle) in [
        // ##other: an unknown element of the target namespace is not wildcard content.
        (r#"<w:record><w:id>1</w:id><w:bogus/></w:record>"#, "bogus"),
        // ##other: nor is an element in no namespace.
        (r#"<w:record><w:id>1</w:id><plain/></w:record>"#, "plain"),
        // ##other attributes: a target-namespace attribute is not admitted.
        (
            r#"<w:record w:kind="k"><w:id>1</w:id></w:record>"#,
            "w:kind",
        ),
        // The named field needs its own namespace: `id` in another one is not the field.
        (
            r#"<w:record><x:id xmlns:x="urn:x">1</x:id></w:record>"#,
            "id",
        ),
    ] {
        let doc = wrap(record);
        let error = decode(&doc, DecodeOptions::strict()).expect_err(&doc);
        assert!(error.to_string().contains(needle), "{doc}: {error}");
    }
}

/// Text without characters XML 1.0 cannot carry; never empty (an empty text node does not
/// survive a round trip: there is nothing to write).
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('&'),
            Just('<'),
            Just('>'),
            Just('"'),
            Just(' '),
            Just('\n'),
            proptest::char::range('a', 'z'),
            proptest::char::range('\u{a0}', '\u{2fff}'),
        ],
        1..8,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn local() -> impl Strategy<Value = String> {
    prop_oneof![Just("a"), Just("b"), Just("field"), Just("x1")].prop_map(str::to_owned)
}

/// Unprefixed elements in no namespace, with attributes and children that never put two text
/// nodes side by side (they would merge when read back).
fn nested(depth: u32) -> BoxedStrategy<AnyElement> {
    let attributes = proptest::collection::btree_map(local(), text(), 0..3).prop_map(|m| {
        m.into_iter()
            .map(|(local, value)| AnyAttribute {
                namespace: None,
                prefix: None,
                local,
                value,
            })
            .collect::<Vec<_>>()
    });
    let children: BoxedStrategy<Vec<AnyNode>> = if depth == 0 {
        proptest::option::of(text())
            .prop_map(|t| t.map(AnyNode::Text).into_iter().collect())
            .boxed()
    } else {
        proptest::collection::vec((proptest::option::of(text()), nested(depth - 1)), 0..3)
            .prop_map(|pairs| {
                pairs
                    .into_iter()
                    .flat_map(|(t, e)| {
                        t.map(AnyNode::Text)
                            .into_iter()
                            .chain([AnyNode::Element(e)])
                    })
                    .collect()
            })
            .boxed()
    };
    (local(), attributes, children)
        .prop_map(|(local, attributes, children)| AnyElement {
            namespace: None,
            prefix: None,
            local,
            content: AnyContent {
                namespace_declarations: Vec::new(),
                attributes,
                children,
            },
        })
        .boxed()
}

/// A top-level wildcard element: in `urn:p` with the prefix `p`, declared on itself.
fn foreign() -> impl Strategy<Value = AnyElement> {
    nested(2).prop_map(|mut e| {
        e.namespace = Some("urn:p".to_owned());
        e.prefix = Some("p".to_owned());
        e.content.namespace_declarations = vec![NamespaceDeclaration {
            prefix: Some("p".to_owned()),
            uri: "urn:p".to_owned(),
        }];
        e
    })
}

proptest! {
    #[test]
    fn any_content_and_any_attributes_round_trip(
        any in proptest::collection::vec(foreign(), 0..4),
        flag in proptest::option::of(text()),
        payload in nested(2),
    ) {
        let other_attributes = flag
            .map(|value| AnyAttribute {
                namespace: Some("urn:q".to_owned()),
                prefix: Some("q".to_owned()),
                local: "flag".to_owned(),
                value,
            })
            .into_iter()
            .collect();
        let value = Envelope {
            record: vec![Record::RecordBase(RecordBase {
                kind: None,
                other_attributes,
                id: "1".to_owned(),
                any,
                checksum: Some("c".to_owned()),
            })],
            payload: payload.content,
            tagged: None,
            extension: None,
            listed: None,
            maybe: None,
            many: Vec::new(),
            untyped: None,
        };
        let doc = encode(&value);
        let decoded = decode(&doc, DecodeOptions::strict());
        prop_assert_eq!(decoded.as_ref().ok(), Some(&value), "{}", doc);
    }
}

/// A record listing its fixed `Id` again among the fields (as Salesforce replies do): once the
/// `Id` slot is filled, the next `Id` is the following wildcard's, not a duplicate.
#[test]
fn a_field_name_after_its_filled_slot_goes_to_the_following_wildcard() {
    let doc = concat!(
        r#"<w:sObject xmlns:w="urn:example:wild">"#,
        "<w:type>Account</w:type><w:Id>001A</w:Id><w:Id>001A</w:Id><w:Name>Acme</w:Name>",
        "</w:sObject>"
    );
    for options in [DecodeOptions::strict(), DecodeOptions::default()] {
        let record: SObject = XmlReader::new(doc, options)
            .root(NS, "sObject")
            .expect("decodes");
        assert_eq!(record.r#type, "Account");
        assert_eq!(record.id, Nillable::Value("001A".to_owned()));
        let fields: Vec<(&str, String)> = record
            .any
            .iter()
            .map(|e| (e.local.as_str(), e.content.text()))
            .collect();
        assert_eq!(
            fields,
            [("Id", "001A".to_owned()), ("Name", "Acme".to_owned())]
        );
        // Written back: the fixed `Id`, then the wildcard's; read again, the same value.
        let mut w = XmlWriter::new(NS);
        w.root("sObject", &record);
        let written = w.into_string();
        assert!(
            written
                .contains(r#"<ns1:Id>001A</ns1:Id><w:Id xmlns:w="urn:example:wild">001A</w:Id>"#),
            "{written}"
        );
        let again: SObject = XmlReader::new(&written, DecodeOptions::strict())
            .root(NS, "sObject")
            .expect("re-decodes");
        assert_eq!(again, record);
    }
    // Before `Id`, a second `type` can be no wildcard's: strict decoding says it is out of
    // order.
    let early = doc.replace("<w:Id>001A</w:Id><w:Id>", "<w:type>B</w:type><w:Id>");
    assert!(
        XmlReader::new(&early, DecodeOptions::strict())
            .root::<SObject>(NS, "sObject")
            .is_err()
    );
}
