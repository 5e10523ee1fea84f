//! Conformance against the payloads in Marketo's documentation (`../shared/marketo/examples`).
//!
//! Every well-formed request, response and fault listed in `index.tsv` is decoded (strict mode)
//! into the generated types and re-encoded with the generated encoder; the result must be
//! XML-equivalent to the original body element (see `support::xml_equiv` for the rules).
//! Requests also carry an `AuthenticationHeader`, which gets the same treatment.
//!
//! Rows of kind `fragment` (pieces of a body, no root element of their own) are out of scope.
//!
//! Payloads the documentation got wrong are listed in [`KNOWN_BROKEN`] with the reason; each
//! of them must be rejected by the strict decoder with an error that names the problem, and
//! every other well-formed payload must round-trip. Both counts are asserted, so a payload that
//! starts or stops passing shows up here.
//!
//! The Ruby client's response fixtures (`../shared/wsdl/marketo/samples`) are decoded in lenient
//! mode as a second, smaller corpus.

#[allow(dead_code)]
mod support;

use std::path::Path;

use support::schema_view::SchemaView;
use support::shared_data::{load_main_wsdl, read_shared, shared_dir};
use support::xml_equiv::{self, Difference};

const SOAP_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// Payloads from the documentation that are not valid instances of the 2_2 schema (or not XML
/// at all): (file, why it is broken, text the strict decoder's error must contain).
const KNOWN_BROKEN: &[(&str, &str, &str)] = &[
    (
        "getLeadActivity.auth-signature.response.xml",
        "not well-formed: the last line is `</SOAP-ENV:Envelope` (missing `>`)",
        "malformed XML",
    ),
    (
        "getChannels.response.xml",
        "not well-formed: truncated after the last </tagStatus>",
        "ended inside",
    ),
    (
        "getLeadChanges.response.xml",
        "not well-formed: an attrValue holds an unescaped `<unknown>`",
        "malformed XML",
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

/// One row of `index.tsv`.
#[derive(Debug)]
struct IndexRow {
    file: String,
    kind: String,
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
    let (file, kind, body_root, well_formed, notes) = (
        column("file"),
        column("kind"),
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
fn index_agrees_with_the_payload_files() {
    let Some(dir) = shared_dir("index_agrees_with_the_payload_files") else {
        return;
    };
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
    fn equal_modulo_prefixes_whitespace_comments_and_typed_values() {
        let Some(dir) = shared_dir("comparator") else {
            return;
        };
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
    fn reports_the_path_of_real_differences() {
        let Some(dir) = shared_dir("comparator") else {
            return;
        };
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
