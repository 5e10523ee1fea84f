//! Structures that must keep their content: `fixtures/structures.wsdl` generates
//! `generated/structures_types.rs` (checked in, and checked here to be exactly what the generator
//! writes today). A choice whose branches are optional fields rejects two branches in strict
//! decoding; an element containing itself through `ref=` is a `Vec` of itself; `xs:list` is
//! `xml::List<T>`; an `xs:union` keeps its text.

use soap_runtime::xml::{self, DecodeOptions, List, XmlReader, XmlWriter};

#[path = "support/checked_in.rs"]
mod checked_in;

// Generated output is compared byte for byte: `cargo fmt` must leave it as written.
#[rustfmt::skip]
#[allow(dead_code, clippy::all)]
#[path = "generated/structures_types.rs"]
mod types;

use types::{Lookup, Node};

const FIXTURE: &str = "tests/fixtures/structures.wsdl";
const GENERATED: &str = "tests/generated/structures_types.rs";
const NS: &str = "urn:example:structures";

/// The checked-in generated types are what the generator produces from the fixture now
/// (`CODEGEN_BLESS=1 cargo test -p codegen --test structures` rewrites them).
#[test]
fn checked_in_types_are_current() {
    checked_in::assert_current(FIXTURE, "structures.wsdl", GENERATED);
}

fn encode(lookup: &Lookup) -> String {
    let mut w = XmlWriter::new(NS);
    w.root("lookup", lookup);
    w.into_string()
}

fn decode(doc: &str, options: DecodeOptions) -> Result<Lookup, xml::DecodeError> {
    let mut r = XmlReader::new(doc, options);
    r.root(NS, "lookup")
}

fn wrap(content: &str) -> String {
    format!(r#"<s:lookup xmlns:s="{NS}">{content}</s:lookup>"#)
}

#[test]
fn a_document_of_our_own_round_trips() {
    let doc = wrap(concat!(
        "<s:first>Ada</s:first><s:last>Lovelace</s:last><s:hint>a</s:hint><s:hint>b</s:hint>",
        "<s:scores> 3\n 14 15</s:scores><s:size>auto</s:size>",
        "<s:node><s:label>root</s:label><s:node><s:label>child</s:label>",
        "<s:node><s:label>grandchild</s:label></s:node></s:node><s:node><s:label>second</s:label></s:node></s:node>"
    ));
    let value = decode(&doc, DecodeOptions::strict()).expect("decodes");
    assert_eq!(value.by_id, None);
    assert_eq!(
        (value.first.as_deref(), value.last.as_deref()),
        (Some("Ada"), Some("Lovelace"))
    );
    assert_eq!(value.hint, ["a", "b"]);
    assert_eq!(value.scores, Some(List(vec![3, 14, 15])));
    assert_eq!(value.size.as_deref(), Some("auto"));
    let root = value.node.as_ref().expect("node");
    assert_eq!(root.node.len(), 2);
    assert_eq!(root.node[0].node[0].label, "grandchild");
    let written = encode(&value);
    assert!(
        written.contains("<ns1:scores>3 14 15</ns1:scores>"),
        "{written}"
    );
    assert_eq!(
        decode(&written, DecodeOptions::strict()).expect("again"),
        value
    );
}

#[test]
fn encode_then_decode_gives_the_same_value() {
    let value = Lookup {
        by_id: Some(7),
        first: None,
        last: None,
        hint: Vec::new(),
        scores: Some(List(vec![-1, 0])),
        size: Some("12".to_owned()),
        node: Some(Node {
            label: "n".to_owned(),
            node: vec![Node {
                label: "m".to_owned(),
                node: Vec::new(),
            }],
        }),
    };
    let written = encode(&value);
    assert_eq!(
        written,
        concat!(
            r#"<ns1:lookup xmlns:ns1="urn:example:structures" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<ns1:byId>7</ns1:byId><ns1:scores>-1 0</ns1:scores><ns1:size>12</ns1:size>",
            "<ns1:node><ns1:label>n</ns1:label><ns1:node><ns1:label>m</ns1:label></ns1:node></ns1:node></ns1:lookup>"
        )
    );
    assert_eq!(
        decode(&written, DecodeOptions::strict()).expect("decodes"),
        value
    );
}

#[test]
fn strict_decoding_rejects_two_branches_of_one_choice() {
    let doc = wrap("<s:byId>1</s:byId><s:first>A</s:first><s:last>B</s:last>");
    let error = decode(&doc, DecodeOptions::strict()).expect_err("two branches");
    assert!(error.to_string().contains("xs:choice"), "{error}");
    // Lenient decoding keeps what was sent.
    let lenient = decode(&doc, DecodeOptions::default()).expect("lenient");
    assert_eq!(
        (lenient.by_id, lenient.first.as_deref()),
        (Some(1), Some("A"))
    );
    // Both members of the sequence branch together are one branch.
    assert!(
        decode(
            &wrap("<s:first>A</s:first><s:last>B</s:last>"),
            DecodeOptions::strict()
        )
        .is_ok()
    );
    // A list item that is not an int.
    let error = decode(
        &wrap("<s:byId>1</s:byId><s:scores>1 x</s:scores>"),
        DecodeOptions::strict(),
    )
    .expect_err("bad list");
    assert!(error.to_string().contains("scores"), "{error}");
}
