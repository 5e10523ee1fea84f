//! Property tests of the generated codecs, driven by the schema itself.
//!
//! For every global element of mktows-2_2 (the 23 `params*`, the 23 `success*` and the two
//! headers) `support::schema_docs` writes random valid documents; each must survive
//! decode → encode → decode unchanged (`v1 == v2`), re-encode byte-for-byte (`encode(v2) ==
//! encode(v1)`), and the first encoding must carry the same information as the random
//! document (`support::xml_equiv`); strict and lenient decoding must agree. The two types no
//! global element reaches (`ArrayOfVersionedItem` with the only `xs:integer`,
//! `ArrayOfBase64Binary`) get the same property under a made-up root. The converse property:
//! one schema-breaking edit (`support::schema_mutations`) makes strict decoding fail with the
//! element named. Explicit cases pin absent/nil/empty array wrappers, unknown enum values,
//! `]]>` and CR LF in strings, and line-end handling.
//!
//! Runs are deterministic (fixed seed per element, no failure files) and a failing case is
//! shrunk by proptest to a small document, which the failure message shows.

mod support;

use std::cell::{Cell, RefCell};

use mktows::generated::operations::{Request, Response};
use mktows::generated::types::{
    ArrayOfAttrib, ArrayOfBase64Binary, ArrayOfVersionedItem, Attrib, AuthenticationHeaderInfo,
    LeadKey, LeadKeyRef, MObjectTypeEnum, MktowsContextHeaderInfo, ParamsGetLead,
    ParamsScheduleCampaign,
};
use mktows::xml::{
    DecodeError, DecodeOptions, Nillable, SimpleValue, XmlDecode, XmlEncode, XmlReader, XmlWriter,
};
use proptest::collection::vec;
use proptest::prelude::any;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};

use support::schema_docs::{Choices, random_document, random_type_document};
use support::schema_mutations::{MUTATION_KINDS, mutate};
use support::schema_view::SchemaView;
use support::shared_data::{load_main_wsdl, shared_dir};
use support::xml_equiv;

const TARGET_NS: &str = "http://www.marketo.com/mktows/";

/// Random documents per global element. 48 elements × this many cases (plus the shrinking of a
/// failure) keeps the whole file within a few seconds in a debug build.
const CASES_PER_ELEMENT: u32 = 48;
/// Global elements in mktows-2_2: 23 params, 23 success, 2 headers.
const GLOBAL_ELEMENTS: usize = 48;

/// Decisions per document: enough for the largest types to fill several levels of nesting.
const MAX_CHOICES: usize = 600;

/// A deterministic runner per element (the seed is derived from the element name, so adding an
/// element does not change the documents of the others). No failure files are written.
fn runner_for(element: &str, cases: u32) -> TestRunner {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in element.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut seed = [0u8; 32];
    for (i, chunk) in seed.chunks_mut(8).enumerate() {
        let word = hash.rotate_left(u32::try_from(i * 16).unwrap_or(0)) ^ (i as u64);
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed))
}

/// A decoded global element (or a type-rooted document), whatever its Rust type.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Request(Box<Request>),
    Response(Box<Response>),
    Authentication(AuthenticationHeaderInfo),
    Context(MktowsContextHeaderInfo),
    VersionedItems(ArrayOfVersionedItem),
    Base64Items(ArrayOfBase64Binary),
}

/// Root element names for the type-rooted documents (no global element uses these types).
const VERSIONED_ITEMS_ROOT: &str = "versionedItems";
const BASE64_ITEMS_ROOT: &str = "base64Items";

/// Decodes a whole document (strict mode) into the generated type for its root element.
fn decode(xml: &str) -> Result<Value, DecodeError> {
    decode_with(xml, DecodeOptions::strict())
}

fn decode_with(xml: &str, options: DecodeOptions) -> Result<Value, DecodeError> {
    let mut r = XmlReader::new(xml, options);
    let start = r.root_element()?;
    if let Some(ns) = start.namespace() {
        r.set_target_namespace(ns);
    }
    let value = match start.local_name() {
        AuthenticationHeaderInfo::ELEMENT => Value::Authentication(decode_root(&mut r, &start)?),
        MktowsContextHeaderInfo::ELEMENT => Value::Context(decode_root(&mut r, &start)?),
        VERSIONED_ITEMS_ROOT => Value::VersionedItems(decode_root(&mut r, &start)?),
        BASE64_ITEMS_ROOT => Value::Base64Items(decode_root(&mut r, &start)?),
        local if local.starts_with("params") => Value::Request(Box::new(
            Request::decode(&mut r, &start)?
                .ok_or_else(|| DecodeError::other(format!("no request body {local}"), None))?,
        )),
        local => Value::Response(Box::new(
            Response::decode(&mut r, &start)?
                .ok_or_else(|| DecodeError::other(format!("no response body {local}"), None))?,
        )),
    };
    r.finish()?;
    Ok(value)
}

fn decode_root<'a, T: XmlDecode>(
    r: &mut XmlReader<'a>,
    start: &mktows::xml::ElementStart<'a>,
) -> Result<T, DecodeError> {
    r.complex::<T>(start)
}

/// Encodes a value as a whole document with the generated encoder.
fn encode(value: &Value) -> String {
    let mut w = XmlWriter::new(TARGET_NS);
    let root = |w: &mut XmlWriter, local: &str, v: &dyn XmlEncode| w.root(local, v);
    match value {
        Value::Request(v) => v.encode(&mut w),
        Value::Response(v) => v.encode(&mut w),
        Value::Authentication(v) => root(&mut w, AuthenticationHeaderInfo::ELEMENT, v),
        Value::Context(v) => root(&mut w, MktowsContextHeaderInfo::ELEMENT, v),
        Value::VersionedItems(v) => root(&mut w, VERSIONED_ITEMS_ROOT, v),
        Value::Base64Items(v) => root(&mut w, BASE64_ITEMS_ROOT, v),
    }
    w.into_string()
}

/// The property for one random document: strict and lenient decoding agree, decode → encode
/// keeps the document's information, decode(encode(v1)) == v1, and encoding is byte-stable.
fn check_round_trip(
    doc: &str,
    same_information: impl Fn(
        roxmltree::Node<'_, '_>,
        roxmltree::Node<'_, '_>,
    ) -> Result<(), xml_equiv::Difference>,
) -> Result<(), TestCaseError> {
    let v1 =
        decode(doc).map_err(|e| TestCaseError::fail(format!("valid document rejected: {e}")))?;
    let lenient = decode_with(doc, DecodeOptions::lenient())
        .map_err(|e| TestCaseError::fail(format!("lenient decoding rejected it: {e}")))?;
    if lenient != v1 {
        return Err(TestCaseError::fail(format!(
            "lenient and strict decoding differ:\n{lenient:?}\n{v1:?}"
        )));
    }
    let xml2 = encode(&v1);
    let doc_text = xml_equiv::normalize_line_ends(doc);
    let (original, encoded) = match (
        roxmltree::Document::parse(&doc_text),
        roxmltree::Document::parse(&xml2),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) => return Err(TestCaseError::fail(format!("generated document: {e}"))),
        (_, Err(e)) => {
            return Err(TestCaseError::fail(format!(
                "encoder wrote malformed XML: {e}\n{xml2}"
            )));
        }
    };
    same_information(original.root_element(), encoded.root_element()).map_err(|d| {
        TestCaseError::fail(format!(
            "re-encoding lost information at {d}\nre-encoded: {xml2}"
        ))
    })?;
    let v2 = decode(&xml2)
        .map_err(|e| TestCaseError::fail(format!("re-encoded document rejected: {e}\n{xml2}")))?;
    if v1 != v2 {
        return Err(TestCaseError::fail(format!(
            "decode(encode(v1)) != v1\nv1: {v1:?}\nv2: {v2:?}\nre-encoded: {xml2}"
        )));
    }
    let xml3 = encode(&v2);
    if xml3 != xml2 {
        return Err(TestCaseError::fail(format!(
            "encoding is not byte-stable:\n{xml2}\n{xml3}"
        )));
    }
    Ok(())
}

/// Runs the property for one root; returns the shrunk failing document and reason, if any.
fn run_property(
    name: &str,
    cases: u32,
    make: impl Fn(&mut Choices<'_>) -> Result<String, String>,
    same_information: impl Fn(
        roxmltree::Node<'_, '_>,
        roxmltree::Node<'_, '_>,
    ) -> Result<(), xml_equiv::Difference>,
) -> Option<String> {
    let mut runner = runner_for(name, cases);
    let result = runner.run(&vec(any::<u32>(), 0..MAX_CHOICES), |choices| {
        let doc = make(&mut Choices::new(&choices)).map_err(TestCaseError::fail)?;
        check_round_trip(&doc, &same_information)
    });
    match result {
        Ok(()) => None,
        Err(TestError::Fail(reason, choices)) => {
            let doc = make(&mut Choices::new(&choices)).unwrap_or_default();
            Some(format!("{name}: {reason}\nminimal document: {doc}"))
        }
        Err(TestError::Abort(reason)) => Some(format!("{name}: aborted: {reason}")),
    }
}

/// decode → encode → decode is the identity for random valid instances of every global
/// element, and encoding is byte-stable; the first encoding keeps the document's information.
#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn every_global_element_round_trips() {
    let dir = shared_dir();
    let defs = load_main_wsdl(&dir);
    let view = SchemaView::new(&defs);
    let elements: Vec<&str> = view
        .global_elements()
        .iter()
        .map(|d| d.name.local.as_str())
        .collect();
    assert_eq!(
        elements.len(),
        GLOBAL_ELEMENTS,
        "global elements: {elements:?}"
    );
    let failures: Vec<String> = elements
        .iter()
        .filter_map(|local| {
            run_property(
                local,
                CASES_PER_ELEMENT,
                |choices| random_document(&view, local, choices),
                |a, b| xml_equiv::equivalent_global(&view, local, a, b),
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} elements failed:\n\n{}",
        failures.len(),
        elements.len(),
        failures.join("\n\n")
    );
}

/// The types no global element reaches (`ArrayOfVersionedItem` holds the only `xs:integer`,
/// `ArrayOfBase64Binary` the only `xs:base64Binary`) get the same property, rooted at a
/// made-up element.
#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn unreachable_types_round_trip() {
    let dir = shared_dir();
    let defs = load_main_wsdl(&dir);
    let view = SchemaView::new(&defs);
    let mut failures = Vec::new();
    for (root, type_local) in [
        (VERSIONED_ITEMS_ROOT, "ArrayOfVersionedItem"),
        (BASE64_ITEMS_ROOT, "ArrayOfBase64Binary"),
    ] {
        failures.extend(run_property(
            type_local,
            CASES_PER_ELEMENT * 2,
            |choices| random_type_document(&view, root, type_local, choices),
            |a, b| xml_equiv::equivalent_as_type(&view, type_local, a, b),
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Random documents per global element for the strictness property.
const INVALID_CASES_PER_ELEMENT: u32 = 24;

/// The other half of strict mode: a valid random document with one schema-breaking edit
/// (unknown element, missing required element, repeated single element, stray text, bad typed
/// value, nil where not nillable) is rejected, and the error names the element at fault.
#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn strict_decoding_rejects_invalid_documents() {
    let dir = shared_dir();
    let defs = load_main_wsdl(&dir);
    let view = SchemaView::new(&defs);
    let mut failures = Vec::new();
    let mutated = Cell::new(0usize);
    let kinds_seen = RefCell::new(std::collections::BTreeSet::new());
    for decl in view.global_elements() {
        let local = decl.name.local.as_str();
        let mut runner = runner_for(&format!("invalid {local}"), INVALID_CASES_PER_ELEMENT);
        let result = runner.run(&vec(any::<u32>(), 0..MAX_CHOICES), |choices| {
            let choices = &mut Choices::new(&choices);
            let doc = random_document(&view, local, choices).map_err(TestCaseError::fail)?;
            let Some(mutation) =
                mutate(&view, local, &doc, choices).map_err(TestCaseError::fail)?
            else {
                return Ok(());
            };
            mutated.set(mutated.get() + 1);
            kinds_seen.borrow_mut().insert(mutation.kind);
            if let Err(e) = roxmltree::Document::parse(&mutation.document) {
                return Err(TestCaseError::fail(format!(
                    "{}: the edit broke well-formedness ({e}):\n{}",
                    mutation.description, mutation.document
                )));
            }
            match decode(&mutation.document) {
                Ok(value) => Err(TestCaseError::fail(format!(
                    "{}: accepted in strict mode as {value:?}\n{}",
                    mutation.description, mutation.document
                ))),
                Err(e) if e.to_string().contains(&mutation.error_mentions) => Ok(()),
                Err(e) => Err(TestCaseError::fail(format!(
                    "{}: the error should mention {:?}: {e}\n{}",
                    mutation.description, mutation.error_mentions, mutation.document
                ))),
            }
        });
        match result {
            Ok(()) => {}
            Err(TestError::Fail(reason, _)) => failures.push(format!("{local}: {reason}")),
            Err(TestError::Abort(reason)) => failures.push(format!("{local}: aborted: {reason}")),
        }
    }
    assert!(
        mutated.get() > view.global_elements().len() * 10,
        "only {} invalid documents were made",
        mutated.get()
    );
    let kinds_seen = kinds_seen.into_inner();
    let unseen: Vec<&&str> = MUTATION_KINDS
        .iter()
        .filter(|k| !kinds_seen.contains(*k))
        .collect();
    assert!(unseen.is_empty(), "edits never made: {unseen:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The generator must produce what its documentation promises, or the round-trip property
/// would be checking less than it claims: across the corpus, every kind of edge case occurs,
/// and every document is well-formed XML whose root is the requested element.
#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn generated_documents_cover_the_edge_cases() {
    let dir = shared_dir();
    let defs = load_main_wsdl(&dir);
    let view = SchemaView::new(&defs);
    let features: &[(&str, &str)] = &[
        ("nil", "nil=\""),
        ("xsi:type LeadKeySelector", "LeadKeySelector\""),
        ("xsi:type StaticListSelector", "StaticListSelector\""),
        ("xsi:type LastUpdateAtSelector", "LastUpdateAtSelector\""),
        ("xsi:type prefix declared on its element", "type=\"sel:"),
        ("unknown enum value", ">NEWVALUE<"),
        ("CDATA section", "<![CDATA["),
        ("escaped ]]>", "]]&gt;"),
        ("carriage return", "&#13;"),
        ("raw CR LF line end", "\r\n"),
        ("raw lone CR line end", "\r<"),
        ("emoji", "😀"),
        ("int extreme", "-2147483648"),
        ("int with surrounding whitespace", "> 42 <"),
        ("huge integer", "123456789012345678901234567890"),
        ("base64 padding", "=<"),
        ("dateTime with offset", "-07:00<"),
        ("dateTime in UTC", "Z<"),
        ("default namespace", "xmlns=\"\""),
        ("comment", "<!--"),
        ("comment inside text", "<!---->"),
        ("processing instruction", "<?note"),
        ("xsi:nil false", "nil=\"false\""),
        ("xsi:nil in single quotes", "nil = 'true'"),
        ("xsi:nil with a local prefix", "n:nil="),
        ("empty element", "/>"),
    ];
    let seen = RefCell::new(vec![0usize; features.len()]);
    let documents = Cell::new(0usize);
    let mut roots: Vec<(&str, Option<&str>)> = view
        .global_elements()
        .iter()
        .map(|decl| (decl.name.local.as_str(), None))
        .collect();
    roots.push((VERSIONED_ITEMS_ROOT, Some("ArrayOfVersionedItem")));
    roots.push((BASE64_ITEMS_ROOT, Some("ArrayOfBase64Binary")));
    for (local, type_local) in roots {
        let mut runner = runner_for(local, 32);
        let result = runner.run(&vec(any::<u32>(), 0..MAX_CHOICES), |choices| {
            let choices = &mut Choices::new(&choices);
            let doc = match type_local {
                None => random_document(&view, local, choices),
                Some(type_local) => random_type_document(&view, local, type_local, choices),
            }
            .map_err(TestCaseError::fail)?;
            let parsed = roxmltree::Document::parse(&doc)
                .map_err(|e| TestCaseError::fail(format!("not well-formed: {e}\n{doc}")))?;
            let root = parsed.root_element().tag_name();
            if root.name() != local || root.namespace() != Some(view.target_namespace()) {
                return Err(TestCaseError::fail(format!("wrong root {root:?}")));
            }
            for ((_, needle), count) in features.iter().zip(seen.borrow_mut().iter_mut()) {
                if doc.contains(needle) {
                    *count += 1;
                }
            }
            documents.set(documents.get() + 1);
            Ok(())
        });
        if let Err(e) = result {
            panic!("{local}: {e}");
        }
    }
    let seen = seen.into_inner();
    let documents = documents.get();
    let missing: Vec<&str> = features
        .iter()
        .zip(&seen)
        .filter(|(_, count)| **count == 0)
        .map(|((name, _), _)| *name)
        .collect();
    assert!(
        missing.is_empty(),
        "{documents} generated documents never contained: {missing:?}"
    );
}

/// The choice stream shrinks towards the smallest valid document: with no decisions left every
/// optional element is absent, so a required-only document comes out.
#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn exhausted_choices_give_the_minimal_document() {
    let dir = shared_dir();
    let defs = load_main_wsdl(&dir);
    let view = SchemaView::new(&defs);
    let doc = random_document(&view, "paramsGetLead", &mut Choices::new(&[]));
    assert_eq!(
        doc.as_deref(),
        Ok(concat!(
            r#"<ns1:paramsGetLead xmlns:ns1="http://www.marketo.com/mktows/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<leadKey><keyType>IDNUM</keyType><keyValue></keyValue></leadKey></ns1:paramsGetLead>"
        ))
    );
}

/// Encodes `value` as the document root `local` and decodes it back (strict).
fn encode_decode<T: XmlEncode + XmlDecode>(
    local: &str,
    value: &T,
) -> (String, Result<T, DecodeError>) {
    let mut w = XmlWriter::new(TARGET_NS);
    w.root(local, value);
    let xml = w.into_string();
    let decoded = XmlReader::new(&xml, DecodeOptions::strict()).root::<T>(TARGET_NS, local);
    (xml, decoded)
}

fn schedule_campaign(tokens: Option<Nillable<ArrayOfAttrib>>) -> ParamsScheduleCampaign {
    {
        let mut value = ParamsScheduleCampaign::new(
            "Trav-Demo-Program".to_owned(),
            "Batch Campaign Example".to_owned(),
        );
        value.program_token_list = tokens;
        value
    }
}

/// The four states of an optional, nillable array stay distinct on the wire and after the
/// round trip: absent, `xsi:nil="true"`, present but empty, present with items.
#[test]
fn absent_nil_and_empty_array_wrappers_stay_distinct() {
    let token = Attrib::new("{{my.message}}".to_owned(), "Updated message".to_owned());
    let states = [
        ("absent", None),
        ("nil", Some(Nillable::Nil)),
        (
            "empty",
            Some(Nillable::Value(ArrayOfAttrib::from(Vec::new()))),
        ),
        (
            "one item",
            Some(Nillable::Value(ArrayOfAttrib::from(vec![token]))),
        ),
    ];
    let mut wires = Vec::new();
    for (state, tokens) in states {
        let params = schedule_campaign(tokens);
        let (xml, decoded) = encode_decode(ParamsScheduleCampaign::ELEMENT, &params);
        assert_eq!(decoded.as_ref(), Ok(&params), "{state}: {xml}");
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{state}: {e}"));
        let list = doc
            .root_element()
            .children()
            .find(|c| c.has_tag_name("programTokenList"));
        let shape = list.map(|l| {
            (
                l.attribute((support::schema_view::XSI_NS, "nil")),
                l.children().filter(|c| c.is_element()).count(),
            )
        });
        let expected = match state {
            "absent" => None,
            "nil" => Some((Some("true"), 0)),
            "empty" => Some((None, 0)),
            _ => Some((None, 1)),
        };
        assert_eq!(shape, expected, "{state}: {xml}");
        wires.push(xml);
    }
    wires.sort();
    wires.dedup();
    assert_eq!(wires.len(), 4, "the four states must encode differently");
}

/// An enumeration value the schema does not know survives decode and encode unchanged, and
/// matching is case-sensitive (`idnum` is not `IDNUM`).
#[test]
fn unknown_enum_values_round_trip() {
    for raw in ["NEWVALUE", "idnum", "Nouveau-é <&>"] {
        let params = ParamsGetLead::new(LeadKey::new(
            LeadKeyRef::Unknown(raw.to_owned()),
            "rufus@marketo.com".to_owned(),
        ));
        let (xml, decoded) = encode_decode(ParamsGetLead::ELEMENT, &params);
        assert_eq!(decoded.as_ref(), Ok(&params), "{xml}");
        assert_eq!(
            LeadKeyRef::parse_text(raw).as_ref().map(LeadKeyRef::as_str),
            Ok(raw)
        );
    }
    assert_eq!(LeadKeyRef::parse_text("IDNUM"), Ok(LeadKeyRef::Idnum));
    // MObjectTypeEnum is used by no element; its text form is checked directly.
    for raw in ["Opportunity", "OpportunityLeadRole", "Program", "Campaign"] {
        let parsed = MObjectTypeEnum::parse_text(raw);
        assert_eq!(parsed.as_ref().map(MObjectTypeEnum::as_str), Ok(raw));
        let mut w = XmlWriter::new(TARGET_NS);
        if let Ok(value) = &parsed {
            value.write_text(&mut w);
        }
        assert_eq!(w.as_str(), raw);
    }
    assert_eq!(
        MObjectTypeEnum::parse_text("Campaign"),
        Ok(MObjectTypeEnum::Unknown("Campaign".to_owned()))
    );
}

/// Text that looks like markup or a CDATA end, and CR LF line ends, come back exactly (a raw
/// CR would be turned into LF by any XML parser, so it must be written as a reference).
#[test]
fn markup_cdata_end_and_crlf_in_strings_round_trip() {
    let value = "a]]>b\r\nc <tag> & \"q\" 'a' \r é中😀 ";
    let params = schedule_campaign(Some(Nillable::Value(ArrayOfAttrib::from(vec![
        Attrib::new("  {{my.token}}  ".to_owned(), value.to_owned()),
    ]))));
    let (xml, decoded) = encode_decode(ParamsScheduleCampaign::ELEMENT, &params);
    assert_eq!(decoded.as_ref(), Ok(&params), "{xml}");
    assert!(!xml.contains('\r'), "a raw CR on the wire: {xml:?}");
    assert!(
        !xml.contains("]]>"),
        "a raw `]]>` in text on the wire: {xml:?}"
    );
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    let text = doc
        .descendants()
        .find(|n| n.has_tag_name("value"))
        .and_then(|n| n.text());
    assert_eq!(
        text,
        Some(value),
        "an independent parser reads the same text"
    );
}

/// XML 1.0 §2.11: literal CR LF and lone CR in the document read as LF, also right before a
/// reference (where `roxmltree` 0.21 keeps the CR, hence `xml_equiv::normalize_line_ends`);
/// a CR written as `&#13;` stays a CR.
#[test]
fn raw_line_ends_read_as_line_feeds() {
    let xml = concat!(
        r#"<ns1:paramsGetLead xmlns:ns1="http://www.marketo.com/mktows/">"#,
        "<leadKey><keyType>IDNUM</keyType><keyValue>x\r&lt;y\r\nz&#13;\r</keyValue></leadKey>",
        "</ns1:paramsGetLead>"
    );
    let decoded = XmlReader::new(xml, DecodeOptions::strict())
        .root::<ParamsGetLead>(TARGET_NS, ParamsGetLead::ELEMENT)
        .map(|p| p.lead_key.key_value);
    assert_eq!(decoded.as_deref(), Ok("x\n<y\nz\r\n"));
}
