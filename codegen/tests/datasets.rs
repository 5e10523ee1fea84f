//! ASP.NET DataSet results: `fixtures/datasets.wsdl` generates `generated/datasets_types.rs`
//! (checked in, and checked here to be exactly what the generator writes today).

#[path = "support/checked_in.rs"]
mod checked_in;

// Generated output is compared byte for byte: `cargo fmt` must leave it as written.
#[rustfmt::skip]
#[allow(dead_code, clippy::all)]
#[path = "generated/datasets_types.rs"]
mod types;

const FIXTURE: &str = "tests/fixtures/datasets.wsdl";
const GENERATED: &str = "tests/generated/datasets_types.rs";

/// The checked-in generated types are what the generator produces from the fixture now
/// (`CODEGEN_BLESS=1 cargo test -p mktows-codegen --test datasets` rewrites them).
#[test]
fn checked_in_types_are_current() {
    checked_in::assert_current(FIXTURE, "datasets.wsdl", GENERATED);
}

use soap_runtime::xml::{AnyNode, DecodeOptions, XmlReader, XmlWriter};

use types::GetReadingsResponse;

const NS: &str = "http://tempuri.org/";

/// What ASP.NET answers for a DataSet: the inline schema (`xs:schema`, with its own namespace
/// declarations and attributes), then the diffgram.
const REPLY: &str = concat!(
    r#"<GetReadingsResponse xmlns="http://tempuri.org/"><GetReadingsResult>"#,
    r#"<xs:schema id="NewDataSet" xmlns="" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="urn:schemas-microsoft-com:xml-msdata">"#,
    r#"<xs:element name="NewDataSet" msdata:IsDataSet="true"><xs:complexType><xs:choice maxOccurs="unbounded">"#,
    r#"<xs:element name="Table"><xs:complexType><xs:sequence><xs:element name="level" type="xs:int" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>"#,
    r#"</xs:choice></xs:complexType></xs:element></xs:schema>"#,
    r#"<diffgr:diffgram xmlns:msdata="urn:schemas-microsoft-com:xml-msdata" xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1">"#,
    r#"<NewDataSet xmlns=""><Table diffgr:id="Table1" msdata:rowOrder="0"><level>42</level></Table></NewDataSet>"#,
    r#"</diffgr:diffgram>"#,
    "</GetReadingsResult></GetReadingsResponse>"
);

/// `<s:element ref="s:schema"/>` generates (it was refused as an undefined element): the
/// inline schema is kept as raw XML, the diffgram goes to the wildcard, and both are written
/// back as they were read.
#[test]
fn dataset_schema_and_diffgram_round_trip() {
    let reply: GetReadingsResponse = XmlReader::new(REPLY, DecodeOptions::strict())
        .root(NS, "GetReadingsResponse")
        .expect("decodes");
    let result = reply.get_readings_result.as_ref().expect("result");
    let schema_id: Vec<(&str, &str)> = result
        .schema
        .attributes
        .iter()
        .map(|a| (a.local.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(schema_id, [("id", "NewDataSet")]);
    assert!(matches!(
        result.schema.children.first(),
        Some(AnyNode::Element(e)) if e.local == "element"
    ));
    assert_eq!(result.any.local, "diffgram");
    assert_eq!(result.any.content.text(), "42");

    let mut w = XmlWriter::new(NS);
    w.root("GetReadingsResponse", &reply);
    let written = w.into_string();
    assert!(
        written.contains(r#"<ns2:schema xmlns:ns2="http://www.w3.org/2001/XMLSchema" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="urn:schemas-microsoft-com:xml-msdata" id="NewDataSet"><xs:element "#),
        "{written}"
    );
    let again: GetReadingsResponse = XmlReader::new(&written, DecodeOptions::strict())
        .root(NS, "GetReadingsResponse")
        .expect("re-decodes");
    assert_eq!(again, reply, "{written}");
    let mut w = XmlWriter::new(NS);
    w.root("GetReadingsResponse", &again);
    assert_eq!(w.into_string(), written);
}
