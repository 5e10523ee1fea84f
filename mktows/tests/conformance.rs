//! Conformance against the payloads in Marketo's documentation (`../shared/marketo/examples`).
//!
//! Every well-formed request, response and fault listed in `index.tsv` is decoded (strict mode)
//! into the generated types and re-encoded with the generated encoder; the result must be
//! XML-equivalent to the original body element (see `support::xml_equiv` for the rules).
//! Requests also carry an `AuthenticationHeader`, which gets the same treatment. The decoded
//! values are also written back as whole messages by the envelope writers (`write_request`,
//! `write_response`, `write_fault`) and compared with the original envelopes.
//!
//! Rows of kind `fragment` (pieces of a body, no root element of their own) are out of scope.
//!
//! Payloads the documentation got wrong are listed in [`KNOWN_BROKEN`] with the reason; each
//! of them must be rejected by the strict decoder with an error that names the problem, and
//! every other well-formed payload must round-trip. Both counts are asserted, so a payload that
//! starts or stops passing shows up here.
//!
//! Surprises in `index.tsv` that are *not* breakage, because the 2_2 WSDL agrees with the payload
//! (so these must round-trip): getLeadActivity's response wraps its result in `leadActivityList`
//! (SuccessGetLeadActivity's only element), getLead's result has `count`, deleteCustomObjects
//! lists `syncCustomObjStatus` items in `deleteCustomObjStatusList` (ArrayOfSyncCustomObjStatus),
//! mergeLeads passes `attribute` keys (ArrayOfAttribute), getCustomObjects uses
//! `customObjKeyList`, and getTags' response has no envelope at all (decoded as a bare root).
//!
//! The Ruby client's response fixtures (`../shared/wsdl/marketo/samples`) are decoded in lenient
//! mode as a second, smaller corpus.

mod support;

use std::path::Path;

use mktows::envelope::{self, EnvelopeError, HeaderBlock, SoapFault};
use mktows::generated::operations::{Request, Response};
use mktows::generated::types::AuthenticationHeaderInfo;
use mktows::xml::{DecodeError, DecodeOptions, ElementStart, XmlReader, XmlWriter};
use support::schema_view::SchemaView;
use support::shared_data::{load_main_wsdl, read_shared, shared_dir};
use support::xml_equiv::{self, Difference};

const SOAP_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const TARGET_NS: &str = "http://www.marketo.com/mktows/";

/// Payloads from the documentation that are not valid instances of the 2_2 schema (or not XML
/// at all): (file, why it is broken, text the strict decoder's error must contain).
const KNOWN_BROKEN: &[(&str, &str, &str)] = &[
    (
        "getLeadActivity.auth-signature.response.xml",
        "not well-formed: the last line is `</SOAP-ENV:Envelope` (missing `>`)",
        "malformed XML: syntax error: tag not closed",
    ),
    (
        "getChannels.response.xml",
        "not well-formed: truncated after the last </tagStatus>",
        "successGetChannels/result/tags: unexpected end of document",
    ),
    (
        "getLeadChanges.response.xml",
        "not well-formed: an attrValue holds an unescaped `<unknown>`",
        "leadChangeRecord[2]/activityAttributes/attribute[4]/attrValue: unexpected child element",
    ),
    (
        "getMObjects.response.xml",
        "a Token value is raw HTML (<p>, <span>, …), which parses as child elements of an xs:string",
        "successGetMObjects/result/mObjectList/mObject[2]/typeAttribList/typeAttrib[2]/attrList/attrib[2]/value",
    ),
    (
        "getLeadActivity.request.xml",
        "empty <latestCreatedAt/> is not an xs:dateTime (the element is nillable: xsi:nil would be valid)",
        "paramsGetLeadActivity/startPosition/latestCreatedAt",
    ),
    (
        "getLeadChanges.request.xml",
        "<activityNameFilter> is not an element of ParamsGetLeadChanges in the 2_2 WSDL (later versions)",
        "activityNameFilter",
    ),
    (
        "scheduleCampaign.request.xml",
        "<cloneToProgramName> is not an element of ParamsScheduleCampaign in the 2_2 WSDL (later versions)",
        "cloneToProgramName",
    ),
];

/// Known-broken payloads that the default (lenient) decoder accepts anyway, because their only
/// fault is an element the 2_2 schema does not know (skipped for forward compatibility).
const LENIENT_ACCEPTS: &[&str] = &["getLeadChanges.request.xml", "scheduleCampaign.request.xml"];

/// In-scope payloads (requests, responses, faults) in `index.tsv`.
const EXPECTED_PAYLOADS: usize = 49;
/// Of those, the ones that must decode and round-trip.
const EXPECTED_ROUND_TRIPS: usize = 42;

/// One row of `index.tsv`.
#[derive(Debug)]
struct IndexRow {
    file: String,
    kind: String,
    soap_envelope: bool,
    body_root: String,
    well_formed: bool,
    notes: String,
}

fn read_index(text: &str) -> Vec<IndexRow> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("index.tsv has no column {name}: {header:?}"))
    };
    let (file, kind, soap_envelope, body_root, well_formed, notes) = (
        column("file"),
        column("kind"),
        column("soap_envelope"),
        column("body_root"),
        column("well_formed_xml"),
        column("notes"),
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let cell = |i: usize| cells.get(i).copied().unwrap_or_default().to_owned();
            IndexRow {
                file: cell(file),
                kind: cell(kind),
                soap_envelope: cell(soap_envelope) == "yes",
                body_root: cell(body_root),
                well_formed: cell(well_formed).starts_with("yes"),
                notes: cell(notes),
            }
        })
        .collect()
}

const IN_SCOPE_KINDS: &[&str] = &["request", "response", "fault"];

/// The SOAP Body's element child, or the document element itself when there is no envelope
/// (`getTags.response.xml` is a bare `successGetTags`).
fn body_element<'a, 'i>(doc: &'a roxmltree::Document<'i>) -> Option<roxmltree::Node<'a, 'i>> {
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(SOAP_ENV_NS) {
        return Some(root);
    }
    root.children()
        .find(|c| c.is_element() && c.tag_name().name() == "Body")?
        .children()
        .find(|c| c.is_element())
}

/// The `AuthenticationHeader` block of a request envelope, if any.
fn header_block<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    local: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    doc.root_element()
        .children()
        .find(|c| c.is_element() && c.tag_name().name() == "Header")?
        .children()
        .find(|c| c.is_element() && c.tag_name().name() == local)
}

fn examples_index(dir: &Path) -> Vec<IndexRow> {
    read_index(&read_shared(dir, "marketo/examples/index.tsv"))
}

/// The index is the list of payloads: it must agree with the files (present, well-formed
/// exactly when it says so), and every known-broken entry must name an in-scope payload.
#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn index_agrees_with_the_payload_files() {
    let dir = shared_dir();
    let rows = examples_index(&dir);
    assert!(
        rows.len() >= 50,
        "index.tsv lists only {} payloads",
        rows.len()
    );
    for row in &rows {
        let text = read_shared(&dir, &format!("marketo/examples/{}", row.file));
        let parsed = roxmltree::Document::parse(&text);
        assert_eq!(
            parsed.is_ok(),
            row.well_formed,
            "{}: index says well_formed={} but roxmltree says {:?} (notes: {})",
            row.file,
            row.well_formed,
            parsed.as_ref().err(),
            row.notes
        );
        let Ok(doc) = parsed else { continue };
        if !IN_SCOPE_KINDS.contains(&row.kind.as_str()) {
            continue;
        }
        let body = body_element(&doc).unwrap_or_else(|| panic!("{}: no body element", row.file));
        let expected_local = row.body_root.rsplit(':').next().unwrap_or_default();
        assert_eq!(
            body.tag_name().name(),
            expected_local,
            "{}: body root",
            row.file
        );
        if row.kind == "request" {
            assert!(
                header_block(&doc, "AuthenticationHeader").is_some(),
                "{}: request without AuthenticationHeader",
                row.file
            );
        }
    }
    for (file, reason, _) in KNOWN_BROKEN {
        let row = rows
            .iter()
            .find(|r| r.file == *file)
            .unwrap_or_else(|| panic!("known-broken {file} ({reason}) is not in index.tsv"));
        assert!(
            IN_SCOPE_KINDS.contains(&row.kind.as_str()),
            "known-broken {file} has out-of-scope kind {}",
            row.kind
        );
    }
}

/// What a payload decoded into.
enum Decoded {
    /// A request body with its `AuthenticationHeader` (absent when the envelope has none).
    Request(Box<Request>, Option<AuthenticationHeaderInfo>),
    /// A response body.
    Response(Box<Response>),
    /// A SOAP fault.
    Fault(Box<SoapFault>),
}

/// Decodes a payload the way its receiver would: requests through the server-side envelope
/// reader, faults through the client-side one, response bodies by their element name (with or
/// without an envelope). Every error is returned as its display text.
fn decode_payload(row: &IndexRow, text: &str, options: DecodeOptions) -> Result<Decoded, String> {
    match row.kind.as_str() {
        "request" => decode_request(text, options).map_err(|e| e.to_string()),
        "fault" => {
            // Any success type will do: the fault is recognised before the body type matters.
            match envelope::read_response::<mktows::generated::types::SuccessGetLead>(
                text,
                TARGET_NS,
                "successGetLead",
                options,
            ) {
                Err(EnvelopeError::Fault(fault)) => Ok(Decoded::Fault(fault)),
                Err(other) => Err(other.to_string()),
                Ok(_) => Err("a fault payload decoded as a success".to_owned()),
            }
        }
        _ => decode_response(text, row.soap_envelope, options)
            .map(|r| Decoded::Response(Box::new(r)))
            .map_err(|e| e.to_string()),
    }
}

fn decode_request(text: &str, options: DecodeOptions) -> Result<Decoded, DecodeError> {
    let mut request = envelope::read_request(text, options)?;
    let mut auth = None;
    while let Some(header) = request.next_header()? {
        if header.is(Some(TARGET_NS), AuthenticationHeaderInfo::ELEMENT) {
            let value = request
                .reader()
                .complex::<AuthenticationHeaderInfo>(&header)
                .map_err(|e| e.within("Header"))?;
            auth = Some(value);
        } else {
            request.reader().unknown(&header)?;
        }
    }
    let body = request.body()?;
    let value =
        Request::decode(request.reader(), &body)?.ok_or_else(|| no_operation(&body, "request"))?;
    request.finish()?;
    Ok(Decoded::Request(Box::new(value), auth))
}

fn no_operation(start: &ElementStart<'_>, what: &str) -> DecodeError {
    DecodeError::other(
        format!("no operation has the {what} body {}", start.expanded_name()),
        Some(start.position()),
    )
}

/// A response body, inside `Envelope/Body` or (as in `getTags.response.xml`) the document root.
fn decode_response(
    text: &str,
    enveloped: bool,
    options: DecodeOptions,
) -> Result<Response, DecodeError> {
    let mut r = XmlReader::new(text, options);
    let root = r.root_element()?;
    let body = if enveloped {
        if !root.is(Some(SOAP_ENV_NS), "Envelope") {
            return Err(DecodeError::other(
                format!("expected a SOAP envelope, found {}", root.expanded_name()),
                Some(root.position()),
            ));
        }
        loop {
            let Some(child) = r.next_element()? else {
                return Err(DecodeError::other(
                    "envelope without Body",
                    Some(r.position()),
                ));
            };
            if child.is(Some(SOAP_ENV_NS), "Body") {
                break;
            }
            r.unknown(&child)?;
        }
        r.next_element()?
            .ok_or_else(|| DecodeError::other("empty Body", Some(r.position())))?
    } else {
        root
    };
    if let Some(ns) = body.namespace() {
        r.set_target_namespace(ns);
    }
    let value = Response::decode(&mut r, &body)?.ok_or_else(|| no_operation(&body, "response"))?;
    if enveloped {
        // The rest of Body, then the rest of Envelope.
        for _ in 0..2 {
            while let Some(extra) = r.next_element()? {
                r.unknown(&extra)?;
            }
        }
    }
    r.finish()?;
    Ok(value)
}

/// The decoded payload written back as a whole message by the envelope writers (requests with
/// their `AuthenticationHeader`), or `None` for a payload that had no envelope.
fn encode_envelope(decoded: &Decoded, enveloped: bool) -> Option<String> {
    if !enveloped {
        return None;
    }
    Some(match decoded {
        Decoded::Request(body, auth) => {
            let headers: Vec<HeaderBlock<'_>> = auth
                .iter()
                .map(|auth| HeaderBlock {
                    namespace: mktows::types::TARGET_NAMESPACE,
                    local: AuthenticationHeaderInfo::ELEMENT,
                    value: auth,
                })
                .collect();
            envelope::write_request(
                TARGET_NS,
                &headers,
                body.operation().request_element,
                body.body(),
            )
        }
        Decoded::Response(body) => {
            envelope::write_response(TARGET_NS, body.operation().response_element, body.body())
        }
        Decoded::Fault(fault) => envelope::write_fault(fault),
    })
}

/// The re-encoded body (and header) as standalone documents.
fn encode_decoded(decoded: &Decoded) -> (String, Option<String>) {
    match decoded {
        Decoded::Request(body, auth) => {
            let mut w = XmlWriter::new(TARGET_NS);
            body.encode(&mut w);
            let header = auth.as_ref().map(|auth| {
                let mut h = XmlWriter::new(TARGET_NS);
                h.root(AuthenticationHeaderInfo::ELEMENT, auth);
                h.into_string()
            });
            (w.into_string(), header)
        }
        Decoded::Response(body) => {
            let mut w = XmlWriter::new(TARGET_NS);
            body.encode(&mut w);
            (w.into_string(), None)
        }
        Decoded::Fault(fault) => (envelope::write_fault(fault), None),
    }
}

/// Decodes, re-encodes and compares one well-formed payload with its original.
fn round_trip(
    view: &SchemaView<'_>,
    row: &IndexRow,
    text: &str,
    options: DecodeOptions,
) -> Result<(), String> {
    let original_text = xml_equiv::normalize_line_ends(text);
    let original =
        roxmltree::Document::parse(&original_text).map_err(|e| format!("original: {e}"))?;
    let original_body = body_element(&original).ok_or("original has no body element")?;
    let decoded = decode_payload(row, text, options)?;
    let (body_xml, header_xml) = encode_decoded(&decoded);
    let encoded = roxmltree::Document::parse(&body_xml)
        .map_err(|e| format!("re-encoded body is not XML: {e}\n{body_xml}"))?;
    let encoded_body = body_element(&encoded).ok_or("re-encoded document has no body element")?;
    xml_equiv::equivalent_global(
        view,
        original_body.tag_name().name(),
        original_body,
        encoded_body,
    )
    .map_err(|d| format!("body differs at {d}\nre-encoded: {body_xml}"))?;
    match (
        header_block(&original, AuthenticationHeaderInfo::ELEMENT),
        header_xml,
    ) {
        (Some(original_header), Some(header_xml)) => {
            let encoded = roxmltree::Document::parse(&header_xml)
                .map_err(|e| format!("re-encoded header is not XML: {e}"))?;
            xml_equiv::equivalent_global(
                view,
                AuthenticationHeaderInfo::ELEMENT,
                original_header,
                encoded.root_element(),
            )
            .map_err(|d| format!("AuthenticationHeader differs at {d}"))
        }
        (None, None) => Ok(()),
        (Some(_), None) => Err("the AuthenticationHeader was not decoded".to_owned()),
        (None, Some(_)) => Err("an AuthenticationHeader appeared from nowhere".to_owned()),
    }?;
    if let Some(envelope_xml) = encode_envelope(&decoded, row.soap_envelope) {
        let encoded = roxmltree::Document::parse(&envelope_xml)
            .map_err(|e| format!("re-encoded envelope is not XML: {e}\n{envelope_xml}"))?;
        xml_equiv::equivalent_document(view, original.root_element(), encoded.root_element())
            .map_err(|d| format!("envelope differs at {d}\nre-encoded: {envelope_xml}"))?;
    }
    Ok(())
}

/// Every well-formed documented payload round-trips; every known-broken one is rejected by the
/// strict decoder with an error that names what is wrong.
#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn documented_payloads_round_trip_or_are_known_broken() {
    let dir = shared_dir();
    let defs = load_main_wsdl(&dir);
    let view = SchemaView::new(&defs);
    let rows: Vec<IndexRow> = examples_index(&dir)
        .into_iter()
        .filter(|r| IN_SCOPE_KINDS.contains(&r.kind.as_str()))
        .collect();
    let mut passed = 0;
    let mut rejected = 0;
    let mut failures = Vec::new();
    for row in &rows {
        let text = read_shared(&dir, &format!("marketo/examples/{}", row.file));
        match KNOWN_BROKEN.iter().find(|(file, _, _)| *file == row.file) {
            Some((_, reason, must_mention)) => {
                match decode_payload(row, &text, DecodeOptions::strict()) {
                    Ok(_) => failures.push(format!(
                        "{}: known broken ({reason}) but decoded without error",
                        row.file
                    )),
                    Err(error) if error.contains(must_mention) => {
                        println!("rejected {}: {error}", row.file);
                        rejected += 1;
                        let lenient = decode_payload(row, &text, DecodeOptions::lenient());
                        let expected = LENIENT_ACCEPTS.contains(&row.file.as_str());
                        if lenient.is_ok() != expected {
                            failures.push(format!(
                                "{}: lenient decoding should {} it, got {:?}",
                                row.file,
                                if expected { "accept" } else { "reject" },
                                lenient.err()
                            ));
                        }
                    }
                    Err(error) => failures.push(format!(
                        "{}: known broken ({reason}); the error should mention {must_mention:?} but was: {error}",
                        row.file
                    )),
                }
            }
            None if !row.well_formed => failures.push(format!(
                "{}: not well-formed but not in KNOWN_BROKEN ({})",
                row.file, row.notes
            )),
            None => match round_trip(&view, row, &text, DecodeOptions::strict()) {
                Ok(()) => passed += 1,
                Err(e) => failures.push(format!("{}: {e}", row.file)),
            },
        }
    }
    println!(
        "conformance: {passed}/{} payloads round-trip; {rejected} known-broken rejected",
        rows.len() - KNOWN_BROKEN.len()
    );
    assert!(
        failures.is_empty(),
        "{} payload(s) failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert_eq!(
        rows.len(),
        EXPECTED_PAYLOADS,
        "in-scope payloads in index.tsv"
    );
    assert_eq!(passed, EXPECTED_ROUND_TRIPS, "payloads that round-trip");
    assert_eq!(
        rejected,
        KNOWN_BROKEN.len(),
        "known-broken payloads rejected"
    );
}

/// The Ruby client's hand-written response fixtures (`rapleaf-*.xml`).
const SAMPLE_FIXTURES: &[&str] = &[
    "rapleaf-add_lead_to_list.xml",
    "rapleaf-get_lead_response.xml",
    "rapleaf-insert_lead_response.xml",
    "rapleaf-is_lead_in_list_false.xml",
    "rapleaf-is_lead_in_list_true.xml",
    "rapleaf-remove_lead_from_list.xml",
    "rapleaf-sync_lead_response.xml",
];

/// A second corpus: the Ruby client's response fixtures decode with the default (lenient)
/// options and round-trip like the documented payloads.
#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn ruby_client_fixtures_decode_leniently_and_round_trip() {
    let dir = shared_dir();
    let defs = load_main_wsdl(&dir);
    let view = SchemaView::new(&defs);
    let mut listed: Vec<String> = std::fs::read_dir(dir.join("wsdl/marketo/samples"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".xml"))
                .collect()
        })
        .unwrap_or_default();
    listed.sort();
    assert_eq!(listed, SAMPLE_FIXTURES, "fixtures present in samples/");
    let mut passed = Vec::new();
    let mut failures = Vec::new();
    for file in SAMPLE_FIXTURES {
        let text = read_shared(&dir, &format!("wsdl/marketo/samples/{file}"));
        let row = IndexRow {
            file: (*file).to_owned(),
            kind: "response".to_owned(),
            soap_envelope: true,
            body_root: String::new(),
            well_formed: true,
            notes: String::new(),
        };
        match round_trip(&view, &row, &text, DecodeOptions::lenient()) {
            Ok(()) => passed.push(*file),
            Err(e) => failures.push(format!("{file}: {e}")),
        }
    }
    println!(
        "ruby fixtures: {}/{} decode (lenient) and round-trip: {passed:?}",
        passed.len(),
        SAMPLE_FIXTURES.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The comparator itself: it must accept what rule 1–5 call equal and reject real differences,
/// otherwise the round-trip assertions above prove nothing.
mod comparator {
    use super::*;

    fn compare(view: &SchemaView<'_>, root: &str, a: &str, b: &str) -> Result<(), Difference> {
        let (da, db) = match (roxmltree::Document::parse(a), roxmltree::Document::parse(b)) {
            (Ok(da), Ok(db)) => (da, db),
            (Err(e), _) | (_, Err(e)) => panic!("test document does not parse: {e}"),
        };
        xml_equiv::equivalent_global(view, root, da.root_element(), db.root_element())
    }

    const HEAD: &str = r#"xmlns:ns1="http://www.marketo.com/mktows/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;

    fn lead_doc(prefix: &str, id: &str, email: &str, extra: &str) -> String {
        format!(
            r#"<{prefix}:successGetLead xmlns:{prefix}="http://www.marketo.com/mktows/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><result><count>1</count><leadRecordList><leadRecord><Id>{id}</Id>{email}{extra}</leadRecord></leadRecordList></result></{prefix}:successGetLead>"#
        )
    }

    #[test]
    #[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
    fn equal_modulo_prefixes_whitespace_comments_and_typed_values() {
        let dir = shared_dir();
        let defs = load_main_wsdl(&dir);
        let view = SchemaView::new(&defs);
        let a = lead_doc("ns1", "7", "<Email>a@b.c</Email>", "");
        let b = lead_doc(
            "mkt",
            " +007 ",
            "<!-- c --><Email><![CDATA[a@b.c]]></Email>",
            "",
        );
        assert_eq!(compare(&view, "successGetLead", &a, &b), Ok(()));
        let c = r#"<x:successGetLead xmlns:x="http://www.marketo.com/mktows/">
            <result>
              <count>1</count>
              <leadRecordList>
                <leadRecord><Id>7</Id><Email>a@b.c</Email></leadRecord>
              </leadRecordList>
            </result>
        </x:successGetLead>"#;
        assert_eq!(compare(&view, "successGetLead", &a, c), Ok(()));
        let t1 = format!(
            r#"<ns1:paramsGetMultipleLeads {HEAD}><lastUpdatedAt>2013-08-02T15:47:06Z</lastUpdatedAt></ns1:paramsGetMultipleLeads>"#
        );
        let t2 = format!(
            r#"<ns1:paramsGetMultipleLeads {HEAD}><lastUpdatedAt>2013-08-02T15:47:06.000+00:00</lastUpdatedAt></ns1:paramsGetMultipleLeads>"#
        );
        assert_eq!(compare(&view, "paramsGetMultipleLeads", &t1, &t2), Ok(()));
    }

    #[test]
    #[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
    fn reports_the_path_of_real_differences() {
        let dir = shared_dir();
        let defs = load_main_wsdl(&dir);
        let view = SchemaView::new(&defs);
        let base = lead_doc("ns1", "7", "<Email>a@b.c</Email>", "");
        let path = "successGetLead/result/leadRecordList/leadRecord[1]";
        let cases = [
            // a string differs by surrounding space
            (
                lead_doc("ns1", "7", "<Email> a@b.c</Email>", ""),
                format!("{path}/Email"),
            ),
            // integers differ in value
            (
                lead_doc("ns1", "8", "<Email>a@b.c</Email>", ""),
                format!("{path}/Id"),
            ),
            // nil is not empty
            (
                lead_doc("ns1", "7", r#"<Email xsi:nil="true"/>"#, ""),
                format!("{path}/Email"),
            ),
            // absent is not empty
            (lead_doc("ns1", "7", "", ""), format!("{path}/Email")),
            // an extra element
            (
                lead_doc(
                    "ns1",
                    "7",
                    "<Email>a@b.c</Email>",
                    "<ForeignSysType>SFDC</ForeignSysType>",
                ),
                format!("{path}/ForeignSysType"),
            ),
        ];
        for (other, expected_path) in cases {
            match compare(&view, "successGetLead", &base, &other) {
                Ok(()) => panic!("no difference found between\n{base}\nand\n{other}"),
                Err(d) => assert!(
                    d.path.starts_with(&expected_path),
                    "difference reported at {d}, expected under {expected_path}"
                ),
            }
        }
        // same instant, different offset: not equal (the offset is part of the value)
        let t1 = format!(
            r#"<ns1:paramsGetMultipleLeads {HEAD}><lastUpdatedAt>2013-08-02T15:47:06-07:00</lastUpdatedAt></ns1:paramsGetMultipleLeads>"#
        );
        let t2 = format!(
            r#"<ns1:paramsGetMultipleLeads {HEAD}><lastUpdatedAt>2013-08-02T22:47:06+00:00</lastUpdatedAt></ns1:paramsGetMultipleLeads>"#
        );
        assert!(compare(&view, "paramsGetMultipleLeads", &t1, &t2).is_err());
        // xsi:type resolves through prefixes; a different subtype is a difference
        let s1 = format!(
            r#"<ns1:paramsGetMultipleLeads {HEAD}><leadSelector xsi:type="ns1:StaticListSelector"><staticListId>1</staticListId></leadSelector></ns1:paramsGetMultipleLeads>"#
        );
        let s2 = r#"<paramsGetMultipleLeads xmlns="http://www.marketo.com/mktows/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><leadSelector xmlns="" xmlns:m="http://www.marketo.com/mktows/" i:type="m:StaticListSelector"><staticListId>1</staticListId></leadSelector></paramsGetMultipleLeads>"#;
        assert_eq!(compare(&view, "paramsGetMultipleLeads", &s1, s2), Ok(()));
        let s3 = s1.replace("StaticListSelector", "LastUpdateAtSelector");
        assert!(compare(&view, "paramsGetMultipleLeads", &s1, &s3).is_err());
    }
}
