//! Interleaved children end to end: `fixtures/interleaved.wsdl` generates
//! `generated/interleaved_types.rs` (checked in, and checked here to be exactly what the
//! generator writes today). Repeated `xs:choice`s become lists of an enum whose items keep the
//! document order of their elements; mixed content keeps its text between the elements.

#[path = "support/checked_in.rs"]
mod checked_in;

#[path = "../../xtask/test-support/shared_data.rs"]
mod shared_data;

// Generated output is compared byte for byte: `cargo fmt` must leave it as written.
#[rustfmt::skip]
#[allow(dead_code, clippy::all)]
#[path = "generated/interleaved_types.rs"]
mod types;

use proptest::prelude::*;
use soap_runtime::xml::{self, AnyNode, DecodeOptions, XmlReader, XmlWriter};

use types::{
    Envelope, Feed, FeedChoice, Frame, LogChoice, Pairs, PairsItem, Paragraph, ParagraphContent,
    Policy, PolicyItem, RemarkContent, Route, RouteItem, Stream, StreamChoice,
};

const FIXTURE: &str = "tests/fixtures/interleaved.wsdl";
const GENERATED: &str = "tests/generated/interleaved_types.rs";
const NS: &str = "urn:example:interleaved";

/// The checked-in generated types are what the generator produces from the fixture now
/// (`CODEGEN_BLESS=1 cargo test -p codegen --test interleaved` rewrites them).
#[test]
fn checked_in_types_are_current() {
    checked_in::assert_current(FIXTURE, "interleaved.wsdl", GENERATED);
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

/// Members of one repeated choice, written interleaved (and a member of another schema's
/// namespace among them), between two plain elements; as the writer writes it (the root
/// declares `xsi`).
const STREAM: &str = concat!(
    r#"<ns1:envelope xmlns:ns1="urn:example:interleaved" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    r#"<ns1:stream><ns1:header>h</ns1:header>"#,
    r#"<ns1:tilt>3</ns1:tilt><ns2:clip xmlns:ns2="urn:example:media">c1</ns2:clip><ns1:tilt>-4</ns1:tilt>"#,
    r#"<ns1:trailer>t</ns1:trailer></ns1:stream>"#,
    r#"<ns1:feed><ns1:count>1</ns1:count><ns1:frame><ns1:at>9</ns1:at></ns1:frame><ns1:word>w</ns1:word><ns1:count>2</ns1:count></ns1:feed>"#,
    r#"</ns1:envelope>"#
);

fn stream_envelope() -> Envelope {
    Envelope {
        stream: vec![Stream {
            header: "h".to_owned(),
            choice: vec![
                StreamChoice::Tilt(3),
                StreamChoice::Clip("c1".to_owned()),
                StreamChoice::Tilt(-4),
            ],
            trailer: Some("t".to_owned()),
        }],
        feed: Some(Feed {
            choice: vec![
                FeedChoice::Count(1),
                FeedChoice::Frame(Frame { at: 9 }),
                FeedChoice::Word("w".to_owned()),
                FeedChoice::Count(2),
            ],
        }),
        ..Envelope::default()
    }
}

#[test]
fn a_repeated_choice_is_written_item_by_item_in_order() {
    assert_eq!(encode(&stream_envelope()), STREAM);
}

#[test]
fn a_repeated_choice_decodes_in_document_order() {
    for options in [DecodeOptions::strict(), DecodeOptions::lenient()] {
        assert_eq!(decode(STREAM, options).expect("decodes"), stream_envelope());
    }
}

#[test]
fn a_nil_member_round_trips() {
    let mut value = stream_envelope();
    value.stream[0].choice = vec![
        StreamChoice::Note(xml::Nillable::Nil),
        StreamChoice::Frame(Frame { at: 1 }),
        StreamChoice::Note(xml::Nillable::Value("n".to_owned())),
    ];
    let written = encode(&value);
    assert!(
        written.contains(r#"<ns1:note xsi:nil="true"/><ns1:frame><ns1:at>1</ns1:at></ns1:frame><ns1:note>n</ns1:note>"#),
        "{written}"
    );
    assert_eq!(
        decode(&written, DecodeOptions::strict()).expect("decodes"),
        value
    );
}

/// `Stream` with `items` between its header and trailer.
fn stream_with(items: &str) -> String {
    format!(
        r#"<ns1:envelope xmlns:ns1="urn:example:interleaved"><ns1:stream><ns1:header>h</ns1:header>{items}<ns1:trailer>t</ns1:trailer></ns1:stream></ns1:envelope>"#
    )
}

#[test]
fn too_many_items_are_an_error_in_strict_mode_only() {
    let doc = stream_with(
        "<ns1:tilt>1</ns1:tilt><ns1:tilt>2</ns1:tilt><ns1:tilt>3</ns1:tilt><ns1:tilt>4</ns1:tilt>",
    );
    let error = decode(&doc, DecodeOptions::strict()).expect_err("maxOccurs=3");
    let message = error.to_string();
    assert!(
        message.contains(
            "4 items of `(frame | tilt | note | clip)` where the schema allows at most 3"
        ),
        "{message}"
    );
    assert!(message.contains("envelope/stream"), "{message}");
    let lenient = decode(&doc, DecodeOptions::lenient()).expect("lenient keeps them");
    assert_eq!(lenient.stream[0].choice.len(), 4);
    // Three is the most allowed.
    let three = stream_with("<ns1:tilt>1</ns1:tilt><ns1:tilt>2</ns1:tilt><ns1:tilt>3</ns1:tilt>");
    assert!(decode(&three, DecodeOptions::strict()).is_ok());
}

#[test]
fn too_few_items_are_a_missing_element() {
    let doc = stream_with("");
    for options in [DecodeOptions::strict(), DecodeOptions::lenient()] {
        let error = decode(&doc, options).expect_err("minOccurs=1");
        assert!(
            error
                .to_string()
                .contains("missing required element `(frame | tilt | note | clip)`"),
            "{error}"
        );
    }
}

/// Key/value pairs (a repeated sequence, the value optional) and a route (a bounded repeated
/// choice with a repeated member and a nested sequence).
fn pairs_and_route() -> Envelope {
    Envelope {
        pairs: Some(Pairs {
            items: vec![
                PairsItem::Key("colour".to_owned()),
                PairsItem::Value(3),
                PairsItem::Key("size".to_owned()),
                PairsItem::Key("weight".to_owned()),
                PairsItem::Value(-1),
            ],
        }),
        route: Some(Route {
            items: vec![
                RouteItem::Stop("Basel".to_owned()),
                RouteItem::Stop("Olten".to_owned()),
                RouteItem::From("Bern".to_owned()),
                RouteItem::To("Thun".to_owned()),
            ],
        }),
        ..Envelope::default()
    }
}

#[test]
fn other_repeated_groups_of_several_elements_are_one_list_of_items_in_document_order() {
    let envelope = pairs_and_route();
    let doc = encode(&envelope);
    assert!(
        doc.contains(concat!(
            "<ns1:pairs><ns1:key>colour</ns1:key><ns1:value>3</ns1:value><ns1:key>size</ns1:key>",
            "<ns1:key>weight</ns1:key><ns1:value>-1</ns1:value></ns1:pairs>",
            "<ns1:route><ns1:stop>Basel</ns1:stop><ns1:stop>Olten</ns1:stop>",
            "<ns1:from>Bern</ns1:from><ns1:to>Thun</ns1:to></ns1:route>"
        )),
        "{doc}"
    );
    for options in [DecodeOptions::strict(), DecodeOptions::lenient()] {
        assert_eq!(decode(&doc, options).expect("decodes"), envelope);
    }
}

#[test]
fn items_of_a_repeated_group_are_counted_against_its_bounds_in_strict_mode() {
    let pairs = |inner: &str| {
        format!(
            r#"<ns1:envelope xmlns:ns1="urn:example:interleaved"><ns1:pairs>{inner}</ns1:pairs></ns1:envelope>"#
        )
    };
    // Three passes of at most two elements each.
    let seven = pairs(&"<ns1:key>k</ns1:key>".repeat(7));
    let error = decode(&seven, DecodeOptions::strict()).expect_err("more than 3 × 2");
    assert!(
        error
            .to_string()
            .contains("7 items of `(key | value)` where the schema allows at most 6"),
        "{error}"
    );
    assert_eq!(
        decode(&seven, DecodeOptions::lenient())
            .expect("lenient keeps them")
            .pairs
            .map(|p| p.items.len()),
        Some(7)
    );
    // At least one pass, and a pass holds at least its key.
    let error = decode(&pairs(""), DecodeOptions::strict()).expect_err("no key");
    assert!(
        error
            .to_string()
            .contains("missing required element `(key | value)`"),
        "{error}"
    );
    // Members of other groups are not items of this one.
    let stranger = pairs("<ns1:key>k</ns1:key><ns1:stop>x</ns1:stop>");
    assert!(decode(&stranger, DecodeOptions::strict()).is_err());
}

#[test]
fn an_xs_any_among_a_repeated_groups_members_keeps_foreign_elements_as_items_in_order() {
    let doc = concat!(
        r#"<ns1:envelope xmlns:ns1="urn:example:interleaved"><ns1:policy>"#,
        r#"<ns1:rule>deny</ns1:rule>"#,
        r#"<sp:TransportBinding xmlns:sp="urn:example:security" sp:mode="strict"><sp:Token>x509</sp:Token></sp:TransportBinding>"#,
        r#"<ns1:rule>log</ns1:rule>"#,
        r#"</ns1:policy></ns1:envelope>"#
    );
    let envelope = decode(doc, DecodeOptions::strict()).expect("decodes");
    let items = envelope
        .policy
        .as_ref()
        .map(|p| p.items.as_slice())
        .unwrap_or_default();
    assert!(
        matches!(
            items,
            [PolicyItem::Rule(a), PolicyItem::Any(foreign), PolicyItem::Rule(b)]
                if a == "deny" && b == "log"
                    && foreign.local == "TransportBinding"
                    && foreign.namespace.as_deref() == Some("urn:example:security")
        ),
        "{items:?}"
    );
    let written = encode(&envelope);
    assert!(
        written.contains(concat!(
            r#"<ns1:policy><ns1:rule>deny</ns1:rule><sp:TransportBinding xmlns:sp="urn:example:security" sp:mode="strict">"#,
            r#"<sp:Token>x509</sp:Token></sp:TransportBinding><ns1:rule>log</ns1:rule></ns1:policy>"#
        )),
        "{written}"
    );
    assert_eq!(
        decode(&written, DecodeOptions::strict()).expect("again"),
        envelope
    );
    // `##other`: an unknown element of the target namespace is no item of the wildcard.
    let stranger = doc.replace("<ns1:rule>log</ns1:rule>", "<ns1:note>log</ns1:note>");
    assert!(decode(&stranger, DecodeOptions::strict()).is_err());
    let lenient = decode(&stranger, DecodeOptions::lenient()).expect("lenient skips it");
    assert_eq!(lenient.policy.map(|p: Policy| p.items.len()), Some(2));
}

#[test]
fn members_keep_their_place_in_the_sequence_and_their_namespace() {
    // A member after the trailer is out of order.
    let late = r#"<ns1:envelope xmlns:ns1="urn:example:interleaved"><ns1:stream><ns1:header>h</ns1:header><ns1:tilt>1</ns1:tilt><ns1:trailer>t</ns1:trailer><ns1:tilt>2</ns1:tilt></ns1:stream></ns1:envelope>"#;
    let error = decode(late, DecodeOptions::strict()).expect_err("out of order");
    assert!(error.to_string().contains("tilt"), "{error}");
    // `clip` belongs to the media namespace.
    let wrong = stream_with("<ns1:clip>c</ns1:clip>");
    assert!(decode(&wrong, DecodeOptions::strict()).is_err());
    assert!(decode(&wrong, DecodeOptions::lenient()).is_ok());
}

#[test]
fn a_repeated_sequence_around_one_choice_is_a_repeated_choice() {
    let log = |items: &str| {
        format!(
            r#"<ns1:envelope xmlns:ns1="urn:example:interleaved" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><ns1:log>{items}</ns1:log></ns1:envelope>"#
        )
    };
    let two = log("<ns1:warn>w</ns1:warn><ns1:info>i</ns1:info>");
    let value = decode(&two, DecodeOptions::strict()).expect("decodes");
    assert_eq!(
        value.log.as_ref().expect("log").choice,
        [
            LogChoice::Warn("w".to_owned()),
            LogChoice::Info("i".to_owned())
        ]
    );
    assert_eq!(encode(&value), two);
    // The sequence occurs at most twice, one choice each.
    let three = log("<ns1:warn>w</ns1:warn><ns1:info>i</ns1:info><ns1:info>j</ns1:info>");
    let error = decode(&three, DecodeOptions::strict()).expect_err("maxOccurs=2");
    assert!(error.to_string().contains("at most 2"), "{error}");
}

/// Mixed content: text around and between elements, entities and CDATA included.
const MIXED: &str = concat!(
    r#"<ns1:envelope xmlns:ns1="urn:example:interleaved">"#,
    r#"<ns1:doc>Read <b xmlns="urn:example:html">this</b> &amp; <i>that</i>, then stop.</ns1:doc>"#,
    r#"<ns1:doc/>"#,
    r#"<ns1:doc>only text</ns1:doc>"#,
    r#"<ns1:query Dialect="urn:dialect:xpath"> boolean(<q:path xmlns:q="urn:example:q">/a</q:path>) </ns1:query>"#,
    r#"<ns1:code dialect="urn:dialect:codes" extra="1">E<![CDATA[<42>]]></ns1:code>"#,
    r#"</ns1:envelope>"#
);

#[test]
fn mixed_content_keeps_its_text_between_the_elements() {
    let value = decode(MIXED, DecodeOptions::strict()).expect("decodes");
    let text: Vec<Option<&str>> = value.doc[0]
        .content
        .iter()
        .map(|node| match node {
            AnyNode::Text(t) => Some(t.as_str()),
            AnyNode::Element(_) => None,
        })
        .collect();
    assert_eq!(
        text,
        [Some("Read "), None, Some(" & "), None, Some(", then stop.")]
    );
    let AnyNode::Element(b) = &value.doc[0].content[1] else {
        panic!("{:?}", value.doc[0].content);
    };
    assert_eq!(
        (b.namespace.as_deref(), b.local.as_str()),
        (Some("urn:example:html"), "b")
    );
    assert!(value.doc[1].content.is_empty());
    assert_eq!(
        value.doc[2].content,
        [AnyNode::Text("only text".to_owned())]
    );
    let query = value.query.as_ref().expect("query");
    assert_eq!(query.dialect, "urn:dialect:xpath");
    assert_eq!(query.content.len(), 3);
    assert_eq!(query.content[0], AnyNode::Text(" boolean(".to_owned()));
    let code = value.code.as_ref().expect("code");
    assert_eq!(code.dialect, "urn:dialect:codes");
    assert_eq!(code.other_attributes.len(), 1);
    assert_eq!(code.content, [AnyNode::Text("E<42>".to_owned())]);
}

#[test]
fn mixed_content_round_trips() {
    let value = decode(MIXED, DecodeOptions::strict()).expect("decodes");
    let written = encode(&value);
    assert_eq!(
        written,
        concat!(
            r#"<ns1:envelope xmlns:ns1="urn:example:interleaved" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<ns1:doc>Read <b xmlns="urn:example:html">this</b> &amp; <i>that</i>, then stop.</ns1:doc>"#,
            r#"<ns1:doc/>"#,
            r#"<ns1:doc>only text</ns1:doc>"#,
            r#"<ns1:query Dialect="urn:dialect:xpath"> boolean(<q:path xmlns:q="urn:example:q">/a</q:path>) </ns1:query>"#,
            r#"<ns1:code dialect="urn:dialect:codes" extra="1">E&lt;42&gt;</ns1:code>"#,
            r#"</ns1:envelope>"#
        )
    );
    assert_eq!(
        decode(&written, DecodeOptions::strict()).expect("decodes again"),
        value
    );
}

#[test]
fn mixed_content_checks_its_wildcard_in_strict_mode() {
    let query = |content: &str| {
        format!(
            r#"<ns1:envelope xmlns:ns1="urn:example:interleaved"><ns1:query Dialect="d">{content}</ns1:query></ns1:envelope>"#
        )
    };
    // maxOccurs="1": a second element is too many.
    let two = query(r#"a<q:x xmlns:q="urn:q"/>b<q:y xmlns:q="urn:q"/>"#);
    let error = decode(&two, DecodeOptions::strict()).expect_err("one element at most");
    assert!(error.to_string().contains("at most 1"), "{error}");
    assert_eq!(
        decode(&two, DecodeOptions::lenient())
            .expect("lenient")
            .query
            .expect("query")
            .content
            .len(),
        4
    );
    // ##other: an element of the target namespace is unknown (skipped when lenient; the text
    // stays).
    let own = query("a<ns1:x/>b");
    assert!(decode(&own, DecodeOptions::strict()).is_err());
    let lenient = decode(&own, DecodeOptions::lenient()).expect("lenient");
    assert_eq!(
        lenient.query.expect("query").content,
        [AnyNode::Text("a".to_owned()), AnyNode::Text("b".to_owned())]
    );
    // The required attribute is still required.
    let bare = r#"<ns1:envelope xmlns:ns1="urn:example:interleaved"><ns1:query>x</ns1:query></ns1:envelope>"#;
    assert!(decode(bare, DecodeOptions::lenient()).is_err());
}

/// Mixed content with named children: text around, between and inside them, an element
/// more than once, a nil one, and a type that is text alone.
const PARAGRAPHS: &str = concat!(
    r#"<ns1:envelope xmlns:ns1="urn:example:interleaved" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    r#"<ns1:para lang="en">Say <ns1:em>this</ns1:em> &amp; <ns1:em>that</ns1:em> at <ns1:link><ns1:at>7</ns1:at></ns1:link>.<ns1:note xsi:nil="true"/></ns1:para>"#,
    r#"<ns1:para><ns1:em>bare</ns1:em></ns1:para>"#,
    r#"<ns1:remark>just &lt;text&gt;</ns1:remark>"#,
    r#"</ns1:envelope>"#
);

fn paragraphs() -> Envelope {
    let text = |t: &str| ParagraphContent::Text(t.to_owned());
    let em = |t: &str| ParagraphContent::Em(t.to_owned());
    Envelope {
        para: vec![
            Paragraph {
                lang: Some("en".to_owned()),
                content: vec![
                    text("Say "),
                    em("this"),
                    text(" & "),
                    em("that"),
                    text(" at "),
                    ParagraphContent::Link(Frame { at: 7 }),
                    text("."),
                    ParagraphContent::Note(xml::Nillable::Nil),
                ],
            },
            Paragraph {
                lang: None,
                content: vec![em("bare")],
            },
        ],
        remark: Some(vec![RemarkContent::Text("just <text>".to_owned())].into()),
        ..Envelope::default()
    }
}

#[test]
fn mixed_content_with_named_children_keeps_text_and_elements_in_order() {
    assert_eq!(encode(&paragraphs()), PARAGRAPHS);
    for options in [DecodeOptions::strict(), DecodeOptions::lenient()] {
        assert_eq!(decode(PARAGRAPHS, options).expect("decodes"), paragraphs());
    }
}

#[test]
fn mixed_content_with_named_children_rejects_strangers_in_strict_mode() {
    let doc = |para: &str| {
        format!(r#"<ns1:envelope xmlns:ns1="urn:example:interleaved">{para}</ns1:envelope>"#)
    };
    // An undeclared child: an error when strict, skipped (its text stays) when lenient.
    let stranger = doc("<ns1:para>a<ns1:strong>b</ns1:strong>c</ns1:para>");
    assert!(decode(&stranger, DecodeOptions::strict()).is_err());
    let lenient = decode(&stranger, DecodeOptions::lenient()).expect("lenient");
    assert_eq!(
        lenient.para[0].content,
        [
            ParagraphContent::Text("a".to_owned()),
            ParagraphContent::Text("c".to_owned())
        ]
    );
    // A declared child in the wrong namespace.
    let foreign = doc(r#"<ns1:para><em xmlns="urn:other">x</em></ns1:para>"#);
    assert!(decode(&foreign, DecodeOptions::strict()).is_err());
    // Text alone has no children at all.
    let child = doc("<ns1:remark>a<ns1:em>b</ns1:em></ns1:remark>");
    assert!(decode(&child, DecodeOptions::strict()).is_err());
    // A bad value names its item.
    let bad = doc("<ns1:para>x<ns1:link><ns1:at>seven</ns1:at></ns1:link></ns1:para>");
    let error = decode(&bad, DecodeOptions::lenient()).expect_err("not an int");
    assert!(error.to_string().contains("link[2]"), "{error}");
}

fn feed_item() -> impl Strategy<Value = FeedChoice> {
    prop_oneof![
        "[a-z &<>\"]{0,6}".prop_map(FeedChoice::Word),
        any::<i32>().prop_map(FeedChoice::Count),
        any::<i32>().prop_map(|at| FeedChoice::Frame(Frame { at })),
    ]
}

proptest! {
    /// Any sequence of choice items comes back as it was sent, in both modes.
    #[test]
    fn repeated_choices_round_trip(items in proptest::collection::vec(feed_item(), 0..12)) {
        let value = Envelope { feed: Some(Feed { choice: items }), ..Envelope::default() };
        let written = encode(&value);
        prop_assert_eq!(&decode(&written, DecodeOptions::strict()).expect("strict"), &value);
        prop_assert_eq!(&decode(&written, DecodeOptions::lenient()).expect("lenient"), &value);
    }
}

/// The generated `types.rs` of a corpus WSDL, whitespace collapsed.
fn corpus_types(path: &str) -> String {
    let path = shared_data::shared_dir().join(path);
    let bytes = std::fs::read(&path).expect("corpus WSDL");
    let defs = wsdl::load(&path).expect("loads");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("corpus.wsdl");
    let info = codegen::InputInfo::from_bytes(name, &bytes);
    let files = codegen::generate(&defs, &info).expect("generates");
    let types = files.get("types.rs").expect("types.rs");
    types.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ONVIF's metadata stream is a repeated choice, and its event and topic expressions are
/// mixed content: both generate as lists that keep their document order.
#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn onvif_metadata_streams_and_expressions_keep_their_order() {
    let devicemgmt = corpus_types("wsdl/corpus/onvif/devicemgmt.wsdl");
    for expected in [
        "pub struct MetadataStream { /// `xs:anyAttribute`: the attributes no declared one matches, kept as written. pub other_attributes: Vec<xml::AnyAttribute>, /// Repeated `xs:choice` of `<VideoAnalytics>`, `<PTZ>`, `<Event>`, `<Extension>`: repeated (0..unbounded); one item per element, in document order. pub choice: Vec<MetadataStreamChoice>, }",
        "pub enum MetadataStreamChoice { /// One `<VideoAnalytics>`. VideoAnalytics(VideoAnalyticsStream), /// One `<PTZ>`. Ptz(PtzStream), /// One `<Event>`. Event(EventStream), /// One `<Extension>`. Extension(MetadataStreamExtension), }",
        "pub struct QueryExpressionType { /// Attribute `Dialect`: required. pub dialect: String, /// Mixed content: text and `xs:any` elements (0 to 1 of them), in document order, kept as written. pub content: Vec<xml::AnyNode>, }",
    ] {
        assert!(devicemgmt.contains(expected), "missing `{expected}`");
    }
    let events = corpus_types("wsdl/corpus/onvif/events.wsdl");
    assert!(
        events.contains("pub struct Documentation { /// Mixed content: text and `xs:any` elements (any number of them), in document order, kept as written. pub content: Vec<xml::AnyNode>, }"),
        "WS-Topics documentation"
    );
}
