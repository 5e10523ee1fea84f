//! Substitution groups end to end: `fixtures/substitution.wsdl` generates
//! `generated/substitution_types.rs` (checked in, and checked here to be exactly what the
//! generator writes today). A reference to a group's head becomes a field holding an enum with
//! one variant per element that may stand there: the head unless it is abstract, its members,
//! and their members in turn, from any namespace.

#[path = "support/checked_in.rs"]
mod checked_in;

// Generated output is compared byte for byte: `cargo fmt` must leave it as written.
#[rustfmt::skip]
#[allow(dead_code, clippy::all)]
#[path = "generated/substitution_types.rs"]
mod types;

use soap_runtime::xml::{self, DecodeErrorKind, DecodeOptions, XmlReader, XmlWriter};

use types::{
    AnyOf, AnyOfCondition, Equals, EqualsField, Field, FieldBase, Find, FindCondition, FindField,
    FindResponse, FindResponseField, IndexedField, Not, NotCondition,
};

const FIXTURE: &str = "tests/fixtures/substitution.wsdl";
const GENERATED: &str = "tests/generated/substitution_types.rs";
const NS: &str = "urn:example:filters";

/// The checked-in generated types are what the generator produces from the fixture now
/// (`CODEGEN_BLESS=1 cargo test -p mktows-codegen --test substitution` rewrites them).
#[test]
fn checked_in_types_are_current() {
    checked_in::assert_current(FIXTURE, "substitution.wsdl", GENERATED);
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

fn field(name: &str) -> Field {
    Field::FieldBase(FieldBase {
        name: name.to_owned(),
    })
}

/// Any of: subject equals "invoice" (an indexed field), or not (tag equals "draft", a field of
/// the second namespace); optionally one extended field, which joins the group through
/// `indexedField`.
fn find() -> Find {
    Find {
        condition: FindCondition::AnyOf(AnyOf {
            condition: vec![
                AnyOfCondition::Equals(Equals {
                    field: EqualsField::IndexedField(IndexedField {
                        name: "subject".to_owned(),
                        index: 2,
                    }),
                    value: "invoice".to_owned(),
                }),
                AnyOfCondition::Not(Not {
                    condition: NotCondition::Equals(Equals {
                        field: EqualsField::TaggedField(field("tag")),
                        value: "draft".to_owned(),
                    }),
                }),
            ],
        }),
        field: Some(FindField::ExtendedField(IndexedField {
            name: "received".to_owned(),
            index: 0,
        })),
        limit: 10,
    }
}

const FIND: &str = concat!(
    r#"<ns1:find xmlns:ns1="urn:example:filters" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    r#"<ns1:anyOf>"#,
    r#"<ns1:equals><ns1:indexedField name="subject" index="2"/><ns1:value>invoice</ns1:value></ns1:equals>"#,
    r#"<ns1:not><ns1:equals><ns2:taggedField xmlns:ns2="urn:example:extra" name="tag"/><ns1:value>draft</ns1:value></ns1:equals></ns1:not>"#,
    r#"</ns1:anyOf>"#,
    r#"<ns1:extendedField name="received" index="0"/>"#,
    r#"<ns1:limit>10</ns1:limit>"#,
    r#"</ns1:find>"#
);

#[test]
fn each_substitute_is_written_under_its_own_name_and_read_back() {
    assert_eq!(encode("find", &find()), FIND);
    for options in [DecodeOptions::strict(), DecodeOptions::lenient()] {
        assert_eq!(
            decode::<Find>("find", FIND, options).expect("decodes"),
            find()
        );
    }
}

#[test]
fn a_concrete_head_stands_for_itself_and_lists_keep_their_members_in_order() {
    let response = FindResponse {
        field: vec![
            FindResponseField::TaggedField(field("tag")),
            FindResponseField::Field(field("subject")),
            FindResponseField::IndexedField(IndexedField {
                name: "to".to_owned(),
                index: 1,
            }),
            FindResponseField::Field(field("from")),
        ],
    };
    let written = encode("findResponse", &response);
    assert!(
        written.contains(concat!(
            r#"<ns2:taggedField xmlns:ns2="urn:example:extra" name="tag"/><ns1:field name="subject"/>"#,
            r#"<ns1:indexedField name="to" index="1"/><ns1:field name="from"/>"#
        )),
        "{written}"
    );
    let read: FindResponse =
        decode("findResponse", &written, DecodeOptions::strict()).expect("decodes");
    assert_eq!(read, response);
}

#[test]
fn strict_decoding_rejects_the_abstract_head_a_second_substitute_and_a_missing_one() {
    let body = |inner: &str| {
        format!(r#"<find xmlns="urn:example:filters">{inner}<limit>1</limit></find>"#)
    };
    // The abstract head itself may not appear on the wire.
    let abstract_head = body(r#"<condition/>"#);
    let error =
        decode::<Find>("find", &abstract_head, DecodeOptions::strict()).expect_err("abstract head");
    assert!(
        matches!(error.kind(), DecodeErrorKind::UnknownElement),
        "{error}"
    );
    // Two substitutes where the reference allows one.
    let twice = body(
        r#"<equals><field name="a"/><value>1</value></equals><not><equals><field name="b"/><value>2</value></equals></not>"#,
    );
    let error = decode::<Find>("find", &twice, DecodeOptions::strict()).expect_err("two");
    assert_eq!(
        error.to_string(),
        "find/not: duplicate element (at byte 84)"
    );
    // None where one is required.
    let error = decode::<Find>("find", &body(""), DecodeOptions::strict()).expect_err("none");
    assert!(
        error.to_string().contains("equals | not | anyOf"),
        "the message names the elements that may stand there: {error}"
    );
    // A member in the wrong namespace is not that member.
    let foreign = body(
        r#"<x:equals xmlns:x="urn:example:extra"><field name="a"/><value>1</value></x:equals>"#,
    );
    assert!(decode::<Find>("find", &foreign, DecodeOptions::strict()).is_err());
}

#[test]
fn strict_decoding_rejects_an_xsi_type_naming_another_type_than_the_declared_one() {
    let with_type = |element: &str, xsi_type: &str| {
        format!(
            r#"<f:findResponse xmlns:f="urn:example:filters" xmlns:o="urn:example:other" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><f:{element} name="a" index="1" i:type="{xsi_type}"/></f:findResponse>"#
        )
    };
    let indexed = FindResponseField::IndexedField(IndexedField {
        name: "a".to_owned(),
        index: 1,
    });
    // The declared type itself, under any prefix: the same as no `xsi:type`.
    let own: FindResponse = decode(
        "findResponse",
        &with_type("indexedField", "f:IndexedField"),
        DecodeOptions::strict(),
    )
    .expect("its own type");
    assert_eq!(own.field, [indexed]);
    // Nothing derives from `IndexedField`: another name, its base's included, is an error in
    // strict mode and ignored in lenient mode.
    for other in ["f:Field", "o:IndexedField", "IndexedField"] {
        let doc = with_type("indexedField", other);
        let error = decode::<FindResponse>("findResponse", &doc, DecodeOptions::strict())
            .expect_err("another type");
        assert!(
            matches!(error.kind(), DecodeErrorKind::UndeclaredXsiType { .. }),
            "{other}: {error}"
        );
        assert!(
            error.to_string().contains(
                "on an element of type `{urn:example:filters}IndexedField`, which has no derived types"
            ),
            "{error}"
        );
        assert!(decode::<FindResponse>("findResponse", &doc, DecodeOptions::lenient()).is_ok());
    }
    // `Field` has a derived type, so its elements may name it in `xsi:type`: the value is the
    // derived type, its own content kept (and required).
    let derived: FindResponse = decode(
        "findResponse",
        &with_type("field", "f:IndexedField"),
        DecodeOptions::strict(),
    )
    .expect("a derived type");
    assert_eq!(
        derived.field,
        [FindResponseField::Field(Field::IndexedField(
            IndexedField {
                name: "a".to_owned(),
                index: 1,
            }
        ))]
    );
    let without_index = with_type("field", "f:IndexedField").replace(r#" index="1""#, "");
    assert!(
        decode::<FindResponse>("findResponse", &without_index, DecodeOptions::strict()).is_err()
    );
}
