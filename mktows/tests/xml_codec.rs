//! Codec behaviour through small hand-written `XmlEncode`/`XmlDecode` impls shaped like the
//! generated ones (unqualified children, nillable fields, a polymorphic selector, repeated items).

use chrono::DateTime;
use mktows::envelope::{self, EnvelopeError, HeaderBlock, SoapFault};
use mktows::xml::{
    DecodeError, DecodeErrorKind, DecodeOptions, ElementStart, Form, Name, Nillable, XmlDecode,
    XmlEncode, XmlReader, XmlWriter,
};

mod codec_types;

use codec_types::*;

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

// ---------------------------------------------------------------------------------------------
// Helpers

fn encode<T: XmlEncode>(local: &str, v: &T) -> String {
    let mut w = XmlWriter::new(NS);
    w.root(local, v);
    w.into_string()
}

fn decode<T: XmlDecode>(xml: &str, local: &str, strict: bool) -> Result<T, DecodeError> {
    let opts = if strict {
        DecodeOptions::strict()
    } else {
        DecodeOptions::lenient()
    };
    XmlReader::new(xml, opts).root(NS, local)
}

fn sample_lead(i: i32, name: &str) -> LeadRecord {
    LeadRecord {
        id: Some(Nillable::Value(i)),
        email: Some(Nillable::Value(format!("lead{i}@example.com"))),
        foreign_sys_person_id: Some(Nillable::Nil),
        lead_attribute_list: Some(Nillable::Value(ArrayOfAttribute {
            attribute: vec![
                Attribute {
                    attr_name: "FirstName".into(),
                    attr_type: Some(Nillable::Nil),
                    attr_value: name.into(),
                },
                Attribute {
                    attr_name: "Company".into(),
                    attr_type: None,
                    attr_value: "A & B <Corp>".into(),
                },
            ],
        })),
    }
}

fn sample_result() -> SuccessGetLead {
    SuccessGetLead {
        result: ResultGetLead {
            count: 3,
            lead_record_list: Some(Nillable::Value(ArrayOfLeadRecord {
                lead_record: vec![
                    sample_lead(1, "Ann"),
                    sample_lead(2, "Bø"),
                    sample_lead(3, "Zoë"),
                ],
            })),
        },
    }
}

fn kind_of<T: std::fmt::Debug>(r: Result<T, DecodeError>) -> (DecodeErrorKind, String) {
    match r {
        Ok(v) => panic!("expected an error, decoded {v:?}"),
        Err(e) => (e.kind().clone(), e.to_string()),
    }
}

// ---------------------------------------------------------------------------------------------
// Round trips and escaping

#[test]
fn typed_round_trip_strict() {
    let v = sample_result();
    let xml = encode("successGetLead", &v);
    assert!(xml.starts_with(
        "<ns1:successGetLead xmlns:ns1=\"http://www.marketo.com/mktows/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><result><count>3</count>"
    ));
    assert!(xml.contains("<ForeignSysPersonId xsi:nil=\"true\"/>"));
    assert_eq!(
        decode::<SuccessGetLead>(&xml, "successGetLead", true),
        Ok(v)
    );
}

#[test]
fn escaping_round_trips_markup_non_ascii_crlf_and_cdata_end() {
    for text in [
        "a<b>c&d\"e'f",
        "]]>",
        "x]]>y<![CDATA[z",
        "line1\r\nline2\rline3\n",
        "  leading and trailing  ",
        "héllo wörld ☃ 𝄞 中文",
        "&amp; already escaped &lt;",
        "",
        "tab\there",
    ] {
        let v = Attribute {
            attr_name: text.to_owned(),
            attr_type: Some(Nillable::Value(text.to_owned())),
            attr_value: text.to_owned(),
        };
        let xml = encode("attribute", &v);
        assert!(
            !xml.contains('\r'),
            "carriage returns are written as references: {xml:?}"
        );
        assert_eq!(
            decode::<Attribute>(&xml, "attribute", true),
            Ok(v),
            "{text:?} via {xml}"
        );
    }
}

#[test]
fn control_characters_are_replaced_so_output_stays_well_formed() {
    let v = Attribute {
        attr_name: "bell\u{7}".into(),
        attr_type: None,
        attr_value: "nul\u{0}".into(),
    };
    let xml = encode("attribute", &v);
    let back: Attribute = decode(&xml, "attribute", true).expect("well-formed");
    assert_eq!(back.attr_name, "bell\u{FFFD}");
    assert_eq!(back.attr_value, "nul\u{FFFD}");
}

#[test]
fn mixed_builtins_and_polymorphic_selector_round_trip() {
    let since = DateTime::parse_from_rfc3339("2013-08-02T15:47:06-07:00")
        .expect("date")
        .into();
    for sel in [
        LeadSelector::LeadKeySelector {
            key_type: "IDNUM".into(),
            key_values: vec!["1".into(), "2".into()],
        },
        LeadSelector::StaticListSelector {
            static_list_name: "Program.List".into(),
        },
    ] {
        let v = ParamsMixed {
            lead_selector: sel,
            since,
            big: "-123456789012345678901234567890".parse().expect("integer"),
            blob: vec![0, 1, 2, 254, 255],
            ratio: 0.1,
            flag: true,
        };
        let xml = encode("paramsMixed", &v);
        assert!(xml.contains("xsi:type=\"ns1:"), "{xml}");
        assert!(
            xml.contains("<since>2013-08-02T15:47:06-07:00</since>"),
            "{xml}"
        );
        assert!(xml.contains("<blob>AAEC/v8=</blob>"), "{xml}");
        assert_eq!(decode::<ParamsMixed>(&xml, "paramsMixed", true), Ok(v));
    }
}

// ---------------------------------------------------------------------------------------------
// Nil, xsi:type, namespaces

#[test]
fn nil_absent_and_value_stay_distinct_with_any_xsi_prefix() {
    let xml = r#"<m:successGetLead xmlns:m="http://www.marketo.com/mktows/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
      <result><count>1</count><leadRecordList><leadRecord>
        <Id i:nil="1"/>
        <Email>a@b.c</Email>
        <leadAttributeList i:nil="true"></leadAttributeList>
      </leadRecord></leadRecordList></result></m:successGetLead>"#;
    let v: SuccessGetLead = decode(xml, "successGetLead", true).expect("decodes");
    let lead = &v
        .result
        .lead_record_list
        .as_ref()
        .and_then(|l| l.value())
        .expect("list")
        .lead_record[0];
    assert_eq!(lead.id, Some(Nillable::Nil));
    assert_eq!(lead.email, Some(Nillable::Value("a@b.c".into())));
    assert_eq!(lead.foreign_sys_person_id, None);
    assert_eq!(lead.lead_attribute_list, Some(Nillable::Nil));
}

#[test]
fn nil_on_a_non_nillable_element_is_an_error() {
    let xml = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}" xmlns:xsi="{XSI}"><result><count xsi:nil="true"/></result></ns1:successGetLead>"#
    );
    let (kind, msg) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", false));
    assert_eq!(kind, DecodeErrorKind::NilNotAllowed);
    assert!(msg.starts_with("successGetLead/result/count: "), "{msg}");
}

/// Marketo's documentation shows a server sending `xsi:nil="true"` on an element that has
/// children: lenient decoding reads the children, strict decoding says what is wrong.
#[test]
fn nil_with_children_is_decoded_leniently_and_rejected_strictly() {
    let xml = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}" xmlns:xsi="{XSI}"><result><count>1</count><leadRecordList><leadRecord>
        <Id>7</Id>
        <leadAttributeList xsi:nil="true"> <!-- c --> <attribute><attrName>FirstName</attrName><attrValue>Ann</attrValue></attribute></leadAttributeList>
        <Email>a@b.c</Email>
      </leadRecord></leadRecordList></result></ns1:successGetLead>"#
    );
    let v: SuccessGetLead = decode(&xml, "successGetLead", false).expect("lenient decodes");
    let lead = &v
        .result
        .lead_record_list
        .as_ref()
        .and_then(|l| l.value())
        .expect("list")
        .lead_record[0];
    let attributes = match &lead.lead_attribute_list {
        Some(Nillable::Value(list)) => &list.attribute,
        other => panic!("children dropped: {other:?}"),
    };
    assert_eq!(attributes.len(), 1);
    assert_eq!(attributes[0].attr_name, "FirstName");
    assert_eq!(attributes[0].attr_value, "Ann");
    assert_eq!(lead.email, Some(Nillable::Value("a@b.c".into())));

    let (kind, msg) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", true));
    assert_eq!(kind, DecodeErrorKind::NilWithContent);
    assert!(
        msg.starts_with(
            "successGetLead/result/leadRecordList/leadRecord[1]/leadAttributeList: xsi:nil=\"true\" element has content"
        ),
        "{msg}"
    );

    // Nil with only whitespace and comments stays nil in both modes.
    let empty = xml.replace(
        "<attribute><attrName>FirstName</attrName><attrValue>Ann</attrValue></attribute>",
        "",
    );
    for strict in [false, true] {
        let v: SuccessGetLead = decode(&empty, "successGetLead", strict).expect("nil decodes");
        let lead = &v
            .result
            .lead_record_list
            .as_ref()
            .and_then(|l| l.value())
            .expect("list")
            .lead_record[0];
        assert_eq!(
            lead.lead_attribute_list,
            Some(Nillable::Nil),
            "strict: {strict}"
        );
        assert_eq!(lead.email, Some(Nillable::Value("a@b.c".into())));
    }

    // A nil text value with text: ignored leniently, an error strictly.
    let text = xml.replace("<Id>7</Id>", r#"<Id xsi:nil="true">7</Id>"#);
    let text = text.replace(" xsi:nil=\"true\"> <!-- c -->", ">");
    let v: SuccessGetLead = decode(&text, "successGetLead", false).expect("lenient decodes");
    let lead = &v
        .result
        .lead_record_list
        .as_ref()
        .and_then(|l| l.value())
        .expect("list")
        .lead_record[0];
    assert_eq!(lead.id, Some(Nillable::Nil));
    let (kind, msg) = kind_of(decode::<SuccessGetLead>(&text, "successGetLead", true));
    assert_eq!(kind, DecodeErrorKind::NilWithContent);
    assert!(msg.contains("leadRecord[1]/Id: xsi:nil"), "{msg}");
}

#[test]
fn nil_attribute_in_another_namespace_is_not_nil() {
    let xml = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}" xmlns:x="urn:other"><result><count x:nil="true">4</count></result></ns1:successGetLead>"#
    );
    let v: SuccessGetLead = decode(&xml, "successGetLead", false).expect("decodes");
    assert_eq!(v.result.count, 4);
    // Strictly, it is an attribute `int` does not declare.
    let (kind, msg) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", true));
    assert_eq!(
        kind,
        DecodeErrorKind::UnexpectedAttribute("x:nil".to_owned())
    );
    assert!(msg.starts_with("successGetLead/result/count: "), "{msg}");
}

#[test]
fn xsi_type_resolves_against_whatever_prefix_is_in_scope() {
    let body = "<staticListName>L</staticListName>";
    let docs = [
        format!(
            r#"<ns1:p xmlns:ns1="{NS}" xmlns:xsi="{XSI}"><leadSelector xsi:type="ns1:StaticListSelector">{body}</leadSelector></ns1:p>"#
        ),
        format!(
            r#"<mkt:p xmlns:mkt="{NS}" xmlns:xsi="{XSI}"><leadSelector xmlns:other="{NS}" xsi:type="other:StaticListSelector">{body}</leadSelector></mkt:p>"#
        ),
        // Unprefixed xsi:type value resolves against the default namespace.
        format!(
            r#"<ns2:p xmlns:ns2="{NS}" xmlns:xsi="{XSI}"><leadSelector xmlns="{NS}" xsi:type="StaticListSelector"><staticListName xmlns="">L</staticListName></leadSelector></ns2:p>"#
        ),
    ];
    for xml in &docs {
        let mut r = XmlReader::new(xml, DecodeOptions::strict());
        let root = r.root_element().expect("root");
        assert_eq!(root.namespace(), Some(NS));
        let child = r.next_element().expect("child").expect("selector");
        let sel: LeadSelector = r.complex(&child).expect(xml);
        assert_eq!(
            sel,
            LeadSelector::StaticListSelector {
                static_list_name: "L".into()
            }
        );
    }
    // Same local name in another namespace, and an undeclared prefix, are both errors.
    let wrong_ns = format!(
        r#"<ns1:p xmlns:ns1="{NS}" xmlns:o="urn:o" xmlns:xsi="{XSI}"><leadSelector xsi:type="o:StaticListSelector">{body}</leadSelector></ns1:p>"#
    );
    let mut r = XmlReader::new(&wrong_ns, DecodeOptions::strict());
    r.root_element().expect("root");
    let child = r.next_element().expect("child").expect("selector");
    assert!(matches!(
        r.complex::<LeadSelector>(&child)
            .map_err(|e| e.kind().clone()),
        Err(DecodeErrorKind::UnknownXsiType(_))
    ));
    let bad_nil = format!(
        r#"<ns1:p xmlns:ns1="{NS}" xmlns:xsi="{XSI}"><leadSelector xsi:nil="yes"/></ns1:p>"#
    );
    let mut r = XmlReader::new(&bad_nil, DecodeOptions::strict());
    r.root_element().expect("root");
    let err = r.next_element().expect_err("bad xsi:nil");
    assert_eq!(err.path(), "leadSelector/@xsi:nil");
    assert!(err.to_string().contains("invalid boolean \"yes\""), "{err}");
    let undeclared = format!(
        r#"<ns1:p xmlns:ns1="{NS}" xmlns:xsi="{XSI}"><leadSelector xsi:type="zz:StaticListSelector">{body}</leadSelector></ns1:p>"#
    );
    let mut r = XmlReader::new(&undeclared, DecodeOptions::strict());
    r.root_element().expect("root");
    assert!(matches!(
        r.next_element().map_err(|e| e.kind().clone()),
        Err(DecodeErrorKind::UndeclaredPrefix(p)) if p == "zz"
    ));
}

#[test]
fn missing_xsi_type_on_polymorphic_element() {
    let xml = format!(
        r#"<ns1:p xmlns:ns1="{NS}"><leadSelector><staticListName>L</staticListName></leadSelector></ns1:p>"#
    );
    let mut r = XmlReader::new(&xml, DecodeOptions::strict());
    r.root_element().expect("root");
    let child = r.next_element().expect("child").expect("selector");
    let (kind, msg) = kind_of(r.complex::<LeadSelector>(&child));
    assert_eq!(kind, DecodeErrorKind::MissingXsiType);
    assert!(msg.starts_with("leadSelector: "), "{msg}");
}

#[test]
fn default_namespace_root_and_unqualified_children() {
    // Root in the default namespace, children explicitly taken out of it: valid.
    let ok = format!(
        r#"<successGetLead xmlns="{NS}"><result xmlns=""><count>2</count></result></successGetLead>"#
    );
    let v: SuccessGetLead = decode(&ok, "successGetLead", true).expect("valid with xmlns=\"\"");
    assert_eq!(v.result.count, 2);
    // Children inheriting the default namespace are wrongly qualified: strict rejects, lenient
    // accepts (servers are not always careful about forms).
    let inherited = format!(
        r#"<successGetLead xmlns="{NS}"><result><count>2</count></result></successGetLead>"#
    );
    let (kind, msg) = kind_of(decode::<SuccessGetLead>(&inherited, "successGetLead", true));
    assert!(
        matches!(kind, DecodeErrorKind::WrongNamespace { .. }),
        "{kind:?}"
    );
    assert!(msg.starts_with("successGetLead/result: "), "{msg}");
    assert_eq!(
        decode::<SuccessGetLead>(&inherited, "successGetLead", false).map(|v| v.result.count),
        Ok(2)
    );
}

#[test]
fn qualified_children_are_checked_against_the_target_namespace() {
    let v = QualifiedPair { a: "x".into() };
    let xml = encode("pair", &v);
    assert!(xml.contains("<ns1:a>x</ns1:a>"), "{xml}");
    assert_eq!(decode::<QualifiedPair>(&xml, "pair", true), Ok(v));
    let unqualified = format!(r#"<ns1:pair xmlns:ns1="{NS}"><a>x</a></ns1:pair>"#);
    let (kind, _) = kind_of(decode::<QualifiedPair>(&unqualified, "pair", true));
    assert!(
        matches!(
            kind,
            DecodeErrorKind::WrongNamespace {
                expected: Some(_),
                found: None
            }
        ),
        "{kind:?}"
    );
    let other_prefix = format!(r#"<p:pair xmlns:p="{NS}" xmlns:q="{NS}"><q:a>x</q:a></p:pair>"#);
    assert!(decode::<QualifiedPair>(&other_prefix, "pair", true).is_ok());
}

#[test]
fn wrong_root_names_expected_and_found() {
    let xml = format!(r#"<ns1:successGetLeads xmlns:ns1="{NS}"/>"#);
    let (kind, msg) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", true));
    assert!(matches!(kind, DecodeErrorKind::UnexpectedRoot { .. }));
    assert!(
        msg.contains("{http://www.marketo.com/mktows/}successGetLead"),
        "{msg}"
    );
    assert!(
        msg.contains("{http://www.marketo.com/mktows/}successGetLeads"),
        "{msg}"
    );
}

// ---------------------------------------------------------------------------------------------
// Unknown, duplicate, missing, bad values

#[test]
fn unknown_elements_are_skipped_leniently_and_rejected_strictly() {
    let xml = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}"><result><newField a="1"><deep><deeper/>text</deep></newField><count>1</count><other/></result></ns1:successGetLead>"#
    );
    let v: SuccessGetLead = decode(&xml, "successGetLead", false).expect("lenient skips");
    assert_eq!(v.result.count, 1);
    let (kind, msg) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", true));
    assert_eq!(kind, DecodeErrorKind::UnknownElement);
    assert!(
        msg.starts_with("successGetLead/result/newField: unknown element"),
        "{msg}"
    );
}

#[test]
fn text_in_element_only_content() {
    let xml = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}"><result>stray<count>1</count></result></ns1:successGetLead>"#
    );
    assert!(decode::<SuccessGetLead>(&xml, "successGetLead", false).is_ok());
    let (kind, msg) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", true));
    assert_eq!(kind, DecodeErrorKind::UnexpectedText);
    assert!(msg.starts_with("successGetLead/result: "), "{msg}");
}

#[test]
fn duplicate_single_valued_element() {
    let xml = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}"><result><count>1</count><count>2</count></result></ns1:successGetLead>"#
    );
    let (kind, msg) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", false));
    assert_eq!(kind, DecodeErrorKind::Duplicate);
    assert!(
        msg.starts_with("successGetLead/result/count: duplicate element"),
        "{msg}"
    );
}

#[test]
fn missing_required_element_names_it_and_the_path() {
    let xml = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}"><result><leadRecordList/></result></ns1:successGetLead>"#
    );
    let (kind, msg) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", true));
    assert_eq!(kind, DecodeErrorKind::Missing("count"));
    assert!(
        msg.starts_with("successGetLead/result: missing required element `count`"),
        "{msg}"
    );
}

#[test]
fn bad_int_reports_full_path_with_index_and_offending_text() {
    let xml = encode("successGetLead", &sample_result());
    // Corrupt the third lead's Id.
    let bad = xml.replace("<Id>3</Id>", "<Id>abc</Id>");
    assert_ne!(bad, xml);
    let err = decode::<SuccessGetLead>(&bad, "successGetLead", true).expect_err("bad int");
    assert_eq!(
        err.path(),
        "successGetLead/result/leadRecordList/leadRecord[3]/Id"
    );
    let msg = err.to_string();
    assert!(
        msg.starts_with(
            "successGetLead/result/leadRecordList/leadRecord[3]/Id: invalid int \"abc\""
        ),
        "{msg}"
    );
    let at = usize::try_from(err.offset().expect("offset")).expect("fits");
    assert!(
        bad[at..].starts_with("<Id>abc"),
        "offset points at the element: {}",
        &bad[at..]
    );
    // Index counts items, and a bad value in the 1st attribute of the 2nd lead is reported so.
    let bad_attr = xml.replacen(
        "<attrValue>Bø</attrValue>",
        "<attrValue>Bø</attrValue><attrValue>x</attrValue>",
        1,
    );
    let err = decode::<SuccessGetLead>(&bad_attr, "successGetLead", true).expect_err("duplicate");
    assert_eq!(
        err.path(),
        "successGetLead/result/leadRecordList/leadRecord[2]/leadAttributeList/attribute[1]/attrValue"
    );
}

#[test]
fn child_element_inside_a_text_value_is_an_error() {
    let xml = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}"><result><count>1<b/></count></result></ns1:successGetLead>"#
    );
    let (kind, msg) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", false));
    assert_eq!(kind, DecodeErrorKind::UnexpectedElement);
    assert!(msg.starts_with("successGetLead/result/count: "), "{msg}");
}

// ---------------------------------------------------------------------------------------------
// Text forms

#[test]
fn cdata_references_comments_and_pis_in_text() {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- leading comment -->\n<?pi data?>\n\
         <ns1:attribute xmlns:ns1=\"{NS}\"><!-- c --><?pi x?>\
         <attrName>a<![CDATA[<b>&c]]>d&amp;&#x41;&#66;<!-- inner -->e</attrName>\
         <attrValue><![CDATA[]]></attrValue></ns1:attribute>\n<!-- trailing -->\n"
    );
    let v: Attribute = decode(&xml, "attribute", true).expect("decodes");
    assert_eq!(v.attr_name, "a<b>&cd&ABe");
    assert_eq!(v.attr_value, "");
}

#[test]
fn literal_line_ends_are_normalised_like_any_xml_parser() {
    let xml = format!(
        "<ns1:attribute xmlns:ns1=\"{NS}\"><attrName>a\r\nb\rc</attrName><attrValue>&#13;</attrValue></ns1:attribute>"
    );
    let v: Attribute = decode(&xml, "attribute", true).expect("decodes");
    assert_eq!(v.attr_name, "a\nb\nc");
    assert_eq!(v.attr_value, "\r");
}

#[test]
fn numbers_and_booleans_tolerate_xsd_whitespace() {
    let xml = format!(
        "<ns1:successGetLead xmlns:ns1=\"{NS}\"><result><count>\n  +042\t</count></result></ns1:successGetLead>"
    );
    let v: SuccessGetLead = decode(&xml, "successGetLead", true).expect("decodes");
    assert_eq!(v.result.count, 42);
}

#[test]
fn datetime_forms_inside_a_document() {
    // The instant in UTC (`None`: no time zone), and the text the value is written back as.
    for (text, instant, written) in [
        (
            "2013-08-02T15:47:06-07:00",
            Some("2013-08-02T22:47:06+00:00"),
            "2013-08-02T15:47:06-07:00",
        ),
        (
            "2013-08-02T22:47:06Z",
            Some("2013-08-02T22:47:06+00:00"),
            "2013-08-02T22:47:06+00:00",
        ),
        (
            "2013-08-02T22:47:06.000+00:00",
            Some("2013-08-02T22:47:06+00:00"),
            "2013-08-02T22:47:06+00:00",
        ),
        ("2013-08-02T22:47:06", None, "2013-08-02T22:47:06"),
    ] {
        let instant = instant.map(|i| DateTime::parse_from_rfc3339(i).expect("expected"));
        let xml = format!(
            r#"<ns1:paramsMixed xmlns:ns1="{NS}" xmlns:xsi="{XSI}"><leadSelector xsi:type="ns1:StaticListSelector"><staticListName>x</staticListName></leadSelector><since>{text}</since><big>1</big><blob/><ratio>INF</ratio><flag>0</flag></ns1:paramsMixed>"#
        );
        let v: ParamsMixed = decode(&xml, "paramsMixed", true).expect(text);
        assert_eq!(v.since.to_fixed_offset(), instant, "{text}");
        assert_eq!(v.since.to_string(), written, "{text}");
        assert_eq!(v.ratio, f64::INFINITY);
        assert!(!v.flag);
        assert!(v.blob.is_empty());
    }
    let bad =
        format!(r#"<ns1:paramsMixed xmlns:ns1="{NS}"><since>yesterday</since></ns1:paramsMixed>"#);
    let (_, msg) = kind_of(decode::<ParamsMixed>(&bad, "paramsMixed", false));
    assert!(
        msg.starts_with("paramsMixed/since: invalid dateTime"),
        "{msg}"
    );
    assert!(msg.contains("\"yesterday\""), "{msg}");
}

#[test]
fn integer_canonicalisation_and_huge_values_in_documents() {
    let huge = "+000123456789012345678901234567890123456789";
    let xml = format!(
        r#"<ns1:paramsMixed xmlns:ns1="{NS}" xmlns:xsi="{XSI}"><leadSelector xsi:type="ns1:StaticListSelector"><staticListName>x</staticListName></leadSelector><since>2013-08-02T22:47:06Z</since><big> {huge} </big><blob>AA ==</blob><ratio>1</ratio><flag>1</flag></ns1:paramsMixed>"#
    );
    let v: ParamsMixed = decode(&xml, "paramsMixed", true).expect("decodes");
    assert_eq!(v.big.as_str(), "123456789012345678901234567890123456789");
    assert_eq!(v.big.to_i64(), None);
    assert_eq!(v.blob, vec![0]);
    let reencoded = encode("paramsMixed", &v);
    assert!(reencoded.contains("<big>123456789012345678901234567890123456789</big>"));
    assert!(reencoded.contains("<blob>AA==</blob>"));
    let bad = xml.replace(huge, "12.5");
    let (_, msg) = kind_of(decode::<ParamsMixed>(&bad, "paramsMixed", true));
    assert!(msg.starts_with("paramsMixed/big: invalid integer"), "{msg}");
}

// ---------------------------------------------------------------------------------------------
// Hostile and broken input

#[test]
fn doctype_is_rejected() {
    let xml = format!(
        r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><ns1:successGetLead xmlns:ns1="{NS}"><result><count>&e;</count></result></ns1:successGetLead>"#
    );
    let (kind, msg) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", false));
    assert_eq!(kind, DecodeErrorKind::Doctype);
    assert!(msg.contains("DOCTYPE"), "{msg}");
}

#[test]
fn entity_bomb_is_rejected_without_expansion() {
    let mut dtd = String::from("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    dtd.push_str("]>");
    let xml = format!(
        r#"{dtd}<ns1:attribute xmlns:ns1="{NS}"><attrName>&lol9;</attrName><attrValue/></ns1:attribute>"#
    );
    let (kind, _) = kind_of(decode::<Attribute>(&xml, "attribute", false));
    assert_eq!(kind, DecodeErrorKind::Doctype);
    // Without the DTD the reference is simply unknown.
    let no_dtd = format!(
        r#"<ns1:attribute xmlns:ns1="{NS}"><attrName>&lol9;</attrName><attrValue/></ns1:attribute>"#
    );
    let (kind, msg) = kind_of(decode::<Attribute>(&no_dtd, "attribute", false));
    assert_eq!(kind, DecodeErrorKind::UnknownEntity("lol9".into()));
    assert!(
        msg.starts_with("attribute/attrName: unknown entity reference `&lol9;`"),
        "{msg}"
    );
}

#[test]
fn unknown_entity_in_skipped_content_is_still_an_error() {
    let xml = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}"><result><x>&nope;</x><count>1</count></result></ns1:successGetLead>"#
    );
    let (kind, _) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", false));
    assert_eq!(kind, DecodeErrorKind::UnknownEntity("nope".into()));
}

#[test]
fn truncated_documents_are_errors_at_every_cut() {
    let xml = encode("successGetLead", &sample_result());
    // Every proper prefix that ends inside the root must fail, never panic, never succeed.
    let mut cut = 1;
    while cut < xml.len() {
        if xml.is_char_boundary(cut) {
            let prefix = &xml[..cut];
            assert!(
                decode::<SuccessGetLead>(prefix, "successGetLead", false).is_err(),
                "prefix of {cut} bytes decoded"
            );
        }
        cut += 7;
    }
    let (kind, _) = kind_of(decode::<SuccessGetLead>(
        &xml[..xml.len() - 25],
        "successGetLead",
        false,
    ));
    assert!(
        matches!(
            kind,
            DecodeErrorKind::UnexpectedEof | DecodeErrorKind::Syntax(_)
        ),
        "{kind:?}"
    );
}

#[test]
fn depth_limit_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let xml = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}"><result>{}{}<count>1</count></result></ns1:successGetLead>"#,
        "<x>".repeat(depth),
        "</x>".repeat(depth)
    );
    let (kind, _) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", false));
    assert_eq!(kind, DecodeErrorKind::TooDeep(64));
    // The limit is an option.
    let shallow = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}"><result><x><y/></x><count>1</count></result></ns1:successGetLead>"#
    );
    let opts = DecodeOptions {
        max_depth: 3,
        ..DecodeOptions::lenient()
    };
    let err = XmlReader::new(&shallow, opts)
        .root::<SuccessGetLead>(NS, "successGetLead")
        .expect_err("too deep for 3");
    assert_eq!(err.kind(), &DecodeErrorKind::TooDeep(3));
    let opts = DecodeOptions {
        max_depth: 4,
        ..DecodeOptions::lenient()
    };
    assert!(
        XmlReader::new(&shallow, opts)
            .root::<SuccessGetLead>(NS, "successGetLead")
            .is_ok()
    );
}

#[test]
fn trailing_garbage_after_the_root_is_rejected() {
    let xml = encode("successGetLead", &sample_result());
    for tail in ["junk", "<other/>", "<a>", "&amp;"] {
        let doc = format!("{xml}{tail}");
        assert!(
            decode::<SuccessGetLead>(&doc, "successGetLead", false).is_err(),
            "{tail:?} after the root was accepted"
        );
    }
    let fine = format!("{xml}\n<!-- done -->\n<?pi?>\n");
    assert!(decode::<SuccessGetLead>(&fine, "successGetLead", true).is_ok());
}

#[test]
fn mismatched_tags_and_broken_markup_are_syntax_errors() {
    for doc in [
        format!(
            r#"<ns1:successGetLead xmlns:ns1="{NS}"><result><count>1</cnt></result></ns1:successGetLead>"#
        ),
        format!(
            r#"<ns1:successGetLead xmlns:ns1="{NS}"><result><count>1 & 2</count></result></ns1:successGetLead>"#
        ),
        format!(
            r#"<ns1:successGetLead xmlns:ns1="{NS}"><result a="1" a="2"><count>1</count></result></ns1:successGetLead>"#
        ),
        format!(r#"<zz:successGetLead xmlns:ns1="{NS}"/>"#),
        String::new(),
        "   ".to_owned(),
        "text only".to_owned(),
    ] {
        assert!(
            decode::<SuccessGetLead>(&doc, "successGetLead", false).is_err(),
            "{doc:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Envelope

/// An authentication header shaped like Marketo's.
struct AuthHeader {
    user: String,
    signature: String,
}

impl XmlEncode for AuthHeader {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.simple(Name::unqualified("mktowsUserId"), &self.user);
        w.simple(Name::unqualified("requestSignature"), &self.signature);
    }
}

impl XmlDecode for AuthHeader {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let (mut user, mut signature) = (None, None);
        while let Some(c) = r.next_child(Form::Unqualified)? {
            match c.local_name() {
                "mktowsUserId" => {
                    let v = r.simple(&c)?;
                    r.set_once(&mut user, &c, v)?
                }
                "requestSignature" => {
                    let v = r.simple(&c)?;
                    r.set_once(&mut signature, &c, v)?
                }
                _ => r.unknown(&c)?,
            }
        }
        Ok(AuthHeader {
            user: r.require(user, "mktowsUserId")?,
            signature: r.require(signature, "requestSignature")?,
        })
    }
}

#[test]
fn request_envelope_round_trip_through_the_server_side_reader() {
    let auth = AuthHeader {
        user: "demo17_1_809934544BFABAE58E5D27".into(),
        signature: "146ec93f4f1e2a45f7a545f7e42e2d053c0457e7".into(),
    };
    let params = sample_result();
    let xml = envelope::write_request(
        NS,
        &[HeaderBlock {
            namespace: mktows::types::TARGET_NAMESPACE,
            local: "AuthenticationHeader",
            value: &auth,
        }],
        "successGetLead",
        &params,
    );
    assert!(xml.starts_with("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"http://www.marketo.com/mktows/\""));
    assert!(
        xml.contains("<SOAP-ENV:Header><ns1:AuthenticationHeader><mktowsUserId>"),
        "{xml}"
    );
    assert!(
        xml.contains("<SOAP-ENV:Body><ns1:successGetLead><result>"),
        "{xml}"
    );
    assert_eq!(xml.matches("xmlns:ns1=").count(), 1, "{xml}");

    let mut req = envelope::read_request(&xml, DecodeOptions::strict()).expect("envelope");
    let mut got_auth = None;
    while let Some(h) = req.next_header().expect("header") {
        assert_eq!(h.namespace(), Some(NS));
        if h.local_name() == "AuthenticationHeader" {
            got_auth = Some(req.reader().complex::<AuthHeader>(&h).expect("auth"));
        } else {
            req.reader().skip(&h).expect("skip");
        }
    }
    let got_auth = got_auth.expect("auth header present");
    assert_eq!(got_auth.user, auth.user);
    assert_eq!(got_auth.signature, auth.signature);
    let body = req.body().expect("body");
    assert_eq!(body.local_name(), "successGetLead");
    let decoded: SuccessGetLead = req.reader().complex(&body).expect("params");
    req.finish().expect("rest of envelope");
    assert_eq!(decoded, params);

    // `body()` without looking at headers skips them.
    let mut req = envelope::read_request(&xml, DecodeOptions::strict()).expect("envelope");
    let body = req.body().expect("body");
    let decoded: SuccessGetLead = req.reader().complex(&body).expect("params");
    req.finish().expect("rest");
    assert_eq!(decoded, params);
}

#[test]
fn response_envelope_with_foreign_prefixes() {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:mkt="{NS}">
  <soapenv:Header/>
  <soapenv:Body>
    <mkt:successGetLead><result><count>0</count><leadRecordList/></result></mkt:successGetLead>
  </soapenv:Body>
</soapenv:Envelope>"#
    );
    let v: SuccessGetLead =
        envelope::read_response(&xml, NS, "successGetLead", DecodeOptions::strict())
            .expect("decodes");
    assert_eq!(v.result.count, 0);
    assert_eq!(
        v.result.lead_record_list,
        Some(Nillable::Value(ArrayOfLeadRecord::default()))
    );

    // Written responses read back.
    let written = envelope::write_response(NS, "successGetLead", &sample_result());
    let back: SuccessGetLead =
        envelope::read_response(&written, NS, "successGetLead", DecodeOptions::strict())
            .expect("round trip");
    assert_eq!(back, sample_result());
}

#[test]
fn response_with_an_unexpected_body_root_says_what_was_expected() {
    let xml = envelope::write_response(NS, "successGetLeads", &sample_result());
    let err = envelope::read_response::<SuccessGetLead>(
        &xml,
        NS,
        "successGetLead",
        DecodeOptions::lenient(),
    )
    .expect_err("wrong root");
    let msg = err.to_string();
    assert!(
        msg.contains("expected element {http://www.marketo.com/mktows/}successGetLead"),
        "{msg}"
    );
    assert!(
        msg.contains("found {http://www.marketo.com/mktows/}successGetLeads"),
        "{msg}"
    );
    // Not an envelope at all.
    let bare = encode("successGetLead", &sample_result());
    assert!(matches!(
        envelope::read_response::<SuccessGetLead>(
            &bare,
            NS,
            "successGetLead",
            DecodeOptions::lenient()
        ),
        Err(EnvelopeError::Decode(_))
    ));
}

/// Modeled on the only fault in the Marketo docs (invalid credentials).
const MARKETO_FAULT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">
  <SOAP-ENV:Body>
    <SOAP-ENV:Fault>
      <faultcode>SOAP-ENV:Client</faultcode>
      <faultstring>20014 - Authentication failed</faultstring>
      <detail>
        <ns1:serviceException xmlns:ns1="http://www.marketo.com/mktows/">
          <name>mktServiceException</name>
          <message>Authentication failed (20014)</message>
          <code>20014</code>
        </ns1:serviceException>
      </detail>
    </SOAP-ENV:Fault>
  </SOAP-ENV:Body>
</SOAP-ENV:Envelope>
"#;

#[test]
fn marketo_fault_is_parsed() {
    let err = envelope::read_response::<SuccessGetLead>(
        MARKETO_FAULT,
        NS,
        "successGetLead",
        DecodeOptions::strict(),
    )
    .expect_err("fault");
    let EnvelopeError::Fault(fault) = err else {
        panic!("expected a fault, got {err:?}");
    };
    assert_eq!(fault.fault_code, "SOAP-ENV:Client");
    assert_eq!(fault.fault_code_local(), "Client");
    assert_eq!(fault.fault_string, "20014 - Authentication failed");
    assert_eq!(
        mktows::fault_code(&fault),
        mktows::FaultCode::AuthenticationFailed
    );
    let ex = mktows::ServiceException::of(&fault).expect("detail");
    assert_eq!(ex.name.as_deref(), Some("mktServiceException"));
    assert_eq!(ex.message.as_deref(), Some("Authentication failed (20014)"));
    assert_eq!(ex.code.as_deref(), Some("20014"));
}

#[test]
fn fault_code_falls_back_to_the_fault_string_and_faults_round_trip() {
    let xml = r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><e:Fault>
        <faultcode>e:Server</faultcode><faultstring> 20023 - Rate Limit Exceeded</faultstring>
        <faultactor>urn:actor</faultactor><detail><unrelated>x</unrelated></detail><extra/>
        </e:Fault></e:Body></e:Envelope>"#;
    let Err(EnvelopeError::Fault(fault)) = envelope::read_response::<SuccessGetLead>(
        xml,
        NS,
        "successGetLead",
        DecodeOptions::lenient(),
    ) else {
        panic!("expected a fault");
    };
    assert_eq!(
        mktows::fault_code(&fault),
        mktows::FaultCode::RateLimitExceeded
    );
    assert_eq!(fault.fault_code_local(), "Server");
    assert_eq!(fault.fault_actor.as_deref(), Some("urn:actor"));
    assert_eq!(mktows::ServiceException::of(&fault), None);

    let original = SoapFault {
        fault_code: "SOAP-ENV:Client".into(),
        fault_string: "20103 - Lead Not Found <&>".into(),
        fault_actor: None,
        detail: vec![
            mktows::ServiceException {
                name: Some("mktServiceException".into()),
                message: Some("Lead Not Found (20103)".into()),
                code: Some("20103".into()),
            }
            .to_detail_entry(NS),
        ],
        ..SoapFault::default()
    };
    let written = envelope::write_fault(&original);
    let Err(EnvelopeError::Fault(back)) = envelope::read_response::<SuccessGetLead>(
        &written,
        NS,
        "successGetLead",
        DecodeOptions::strict(),
    ) else {
        panic!("expected a fault from {written}");
    };
    let mut back = *back;
    for entry in &mut back.detail {
        assert!(
            entry.element.is_some(),
            "read entries are kept whole: {entry:?}"
        );
        entry.element = None;
    }
    assert_eq!(back, original);
}

// ---------------------------------------------------------------------------------------------
// Generated inputs (deterministic)

/// A small deterministic generator (xorshift), so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Characters that exercise escaping: markup, whitespace, controls, non-characters, non-BMP.
const CHAR_POOL: &[char] = &[
    'a', 'Z', '0', ' ', '<', '>', '&', '"', '\'', ']', '\r', '\n', '\t', '\u{0}', '\u{1}',
    '\u{1f}', '\u{7f}', '\u{85}', 'é', '中', '\u{2028}', '\u{FEFF}', '\u{FFFD}', '\u{FFFE}',
    '\u{FFFF}', '𝄞', '😀', ';', '#', 'x',
];

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[test]
fn generated_strings_round_trip_with_only_illegal_characters_replaced() {
    let mut rng = Lcg(0x9E37_79B9_7F4A_7C15);
    for _ in 0..2000 {
        let len = rng.below(40);
        let text: String = (0..len)
            .map(|_| CHAR_POOL[rng.below(CHAR_POOL.len())])
            .collect();
        let v = Attribute {
            attr_name: text.clone(),
            attr_type: None,
            attr_value: text.clone(),
        };
        let xml = encode("attribute", &v);
        let back: Attribute =
            decode(&xml, "attribute", true).unwrap_or_else(|e| panic!("{text:?}: {e} in {xml:?}"));
        let expected: String = text
            .chars()
            .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
            .collect();
        assert_eq!(back.attr_name, expected, "{xml:?}");
        assert_eq!(back.attr_value, expected);
    }
}

#[test]
fn mutated_documents_never_panic() {
    let auth = AuthHeader {
        user: "u".into(),
        signature: "s".into(),
    };
    let docs = [
        encode("successGetLead", &sample_result()),
        envelope::write_request(
            NS,
            &[HeaderBlock {
                namespace: mktows::types::TARGET_NAMESPACE,
                local: "AuthenticationHeader",
                value: &auth,
            }],
            "successGetLead",
            &sample_result(),
        ),
        MARKETO_FAULT.to_owned(),
    ];
    let inserts = [
        '<', '>', '/', '&', ';', ':', '"', '=', ' ', 'x', '!', '?', '-', '[', ']', '#', 'é',
    ];
    let mut rng = Lcg(42);
    for round in 0..3000 {
        let base: Vec<char> = docs[round % docs.len()].chars().collect();
        let mut chars = base.clone();
        for _ in 0..1 + rng.below(4) {
            if chars.is_empty() {
                break;
            }
            let at = rng.below(chars.len());
            match rng.below(3) {
                0 => {
                    chars.remove(at);
                }
                1 => chars.insert(at, inserts[rng.below(inserts.len())]),
                _ => {
                    let other = rng.below(chars.len());
                    chars.swap(at, other);
                }
            }
        }
        let doc: String = chars.into_iter().collect();
        for strict in [false, true] {
            let _ = decode::<SuccessGetLead>(&doc, "successGetLead", strict);
            let opts = if strict {
                DecodeOptions::strict()
            } else {
                DecodeOptions::lenient()
            };
            let _ =
                envelope::read_response::<SuccessGetLead>(&doc, NS, "successGetLead", opts.clone());
            if let Ok(mut req) = envelope::read_request(&doc, opts)
                && let Ok(body) = req.body()
            {
                let _ = req.reader().complex::<SuccessGetLead>(&body);
            }
        }
    }
}

#[test]
fn doctype_anywhere_is_rejected() {
    let inside = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}"><result><!DOCTYPE x><count>1</count></result></ns1:successGetLead>"#
    );
    let (kind, _) = kind_of(decode::<SuccessGetLead>(&inside, "successGetLead", false));
    assert!(
        matches!(kind, DecodeErrorKind::Doctype | DecodeErrorKind::Syntax(_)),
        "{kind:?}"
    );
    let in_envelope = MARKETO_FAULT.replace("<SOAP-ENV:Envelope", "<!DOCTYPE e><SOAP-ENV:Envelope");
    match envelope::read_response::<SuccessGetLead>(
        &in_envelope,
        NS,
        "successGetLead",
        DecodeOptions::lenient(),
    ) {
        Err(EnvelopeError::Decode(e)) => assert_eq!(e.kind(), &DecodeErrorKind::Doctype),
        other => panic!("expected a DOCTYPE error, got {other:?}"),
    }
}

#[test]
fn byte_input_must_be_utf8() {
    let xml = encode("successGetLead", &sample_result());
    let ok = XmlReader::from_bytes(xml.as_bytes(), DecodeOptions::strict())
        .and_then(|mut r| r.root::<SuccessGetLead>(NS, "successGetLead"));
    assert_eq!(ok, Ok(sample_result()));
    let mut bad = xml.into_bytes();
    bad[60] = 0xFF;
    let err = XmlReader::from_bytes(&bad, DecodeOptions::strict()).expect_err("not UTF-8");
    assert_eq!(err.offset(), Some(60));
}

#[test]
fn byte_order_mark_and_xml_declaration_are_accepted() {
    let xml = format!(
        "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>{}",
        encode("successGetLead", &sample_result())
    );
    assert_eq!(
        decode::<SuccessGetLead>(&xml, "successGetLead", true),
        Ok(sample_result())
    );
}

// ---------------------------------------------------------------------------------------------
// Positions stay exact whichever way an element was read (leaf fast lane or parser events)

/// Walks every element, checking that each reported position points at its start tag.
fn walk_positions(r: &mut XmlReader<'_>, xml: &str, seen: &mut usize) {
    while let Some(child) = r.next_element().expect("well-formed") {
        let at = usize::try_from(child.position()).expect("fits");
        let tag = format!("<{}", child.qualified_name());
        assert!(
            xml[at..].starts_with(&tag),
            "{tag} reported at {at}: {:?}",
            &xml[at..at + 20]
        );
        *seen += 1;
        walk_positions(r, xml, seen);
    }
}

#[test]
fn element_positions_are_exact_for_leaves_and_other_elements() {
    for xml in [
        encode("successGetLead", &sample_result()),
        encode("successGetLead", &sample_result()).replace("><", ">\n  <"),
    ] {
        let mut r = XmlReader::new(&xml, DecodeOptions::lenient());
        r.root_element().expect("root");
        let mut seen = 0;
        walk_positions(&mut r, &xml, &mut seen);
        r.finish().expect("end");
        assert!(seen > 30, "{seen}");
    }
}

#[test]
fn parser_errors_after_leaves_report_the_right_offset() {
    let xml = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}"><result><count>1</count><x>a</x><y>b</y><z>c</zz></result></ns1:successGetLead>"#
    );
    let err = decode::<SuccessGetLead>(&xml, "successGetLead", false).expect_err("mismatched");
    let at = usize::try_from(err.offset().expect("offset")).expect("fits");
    let expected = xml.find("</zz>").expect("fixture");
    assert!(
        at.abs_diff(expected) <= 5,
        "error at {at}, mismatched end tag at {expected}: {err}"
    );
}

#[test]
fn a_leaf_read_as_a_complex_value_follows_the_text_rules() {
    // `<result>` holds text instead of children: strict rejects it, lenient ignores the text.
    let xml = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}"><result>oops</result></ns1:successGetLead>"#
    );
    let (kind, msg) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", true));
    assert_eq!(kind, DecodeErrorKind::UnexpectedText);
    assert!(msg.starts_with("successGetLead/result: "), "{msg}");
    let (kind, _) = kind_of(decode::<SuccessGetLead>(&xml, "successGetLead", false));
    assert_eq!(kind, DecodeErrorKind::Missing("count"));
    // Blank content is fine in both modes.
    let blank =
        format!(r#"<ns1:successGetLead xmlns:ns1="{NS}"><result>  </result></ns1:successGetLead>"#);
    let (kind, _) = kind_of(decode::<SuccessGetLead>(&blank, "successGetLead", true));
    assert_eq!(kind, DecodeErrorKind::Missing("count"));
}

#[test]
fn leaves_with_prefixes_resolve_like_any_element() {
    // A qualified leaf where unqualified is expected is still caught, and an undeclared
    // prefix on a leaf is still an error.
    let qualified = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}"><result><ns1:count>1</ns1:count></result></ns1:successGetLead>"#
    );
    let (kind, _) = kind_of(decode::<SuccessGetLead>(&qualified, "successGetLead", true));
    assert!(
        matches!(kind, DecodeErrorKind::WrongNamespace { .. }),
        "{kind:?}"
    );
    let undeclared = format!(
        r#"<ns1:successGetLead xmlns:ns1="{NS}"><result><zz:count>1</zz:count></result></ns1:successGetLead>"#
    );
    let (kind, _) = kind_of(decode::<SuccessGetLead>(
        &undeclared,
        "successGetLead",
        false,
    ));
    assert_eq!(kind, DecodeErrorKind::UndeclaredPrefix("zz".into()));
}

/// The same document with an empty comment after every `>`: nothing changes for a decoder, but
/// no element has the plain `<name>text</name>` shape any more, so every element goes through
/// the parser events instead of the leaf fast lane.
fn without_leaves(xml: &str) -> String {
    xml.replace('>', "><!---->")
}

#[test]
fn leaf_lane_and_parser_path_decode_the_same() {
    let mut rng = Lcg(7);
    for round in 0..300i32 {
        let mut leads = Vec::new();
        for i in 0..1 + rng.below(4) {
            let len = rng.below(12);
            let text: String = (0..len)
                .map(|_| CHAR_POOL[rng.below(CHAR_POOL.len())])
                .collect();
            let text: String = text
                .chars()
                .map(|c| if is_xml_char(c) { c } else { '?' })
                .collect();
            let mut lead = sample_lead(i32::try_from(i).expect("small"), &text);
            if rng.below(3) == 0 {
                lead.email = Some(Nillable::Value(text.clone()));
            }
            if rng.below(4) == 0 {
                lead.lead_attribute_list = None;
            }
            leads.push(lead);
        }
        let value = SuccessGetLead {
            result: ResultGetLead {
                count: round,
                lead_record_list: Some(Nillable::Value(ArrayOfLeadRecord { lead_record: leads })),
            },
        };
        let xml = encode("successGetLead", &value);
        let pretty = xml.replace("><", ">\n  <");
        for doc in [&xml, &pretty] {
            let lanes = decode::<SuccessGetLead>(doc, "successGetLead", true);
            let events = decode::<SuccessGetLead>(&without_leaves(doc), "successGetLead", true);
            assert_eq!(lanes.as_ref(), Ok(&value), "{doc}");
            assert_eq!(events.as_ref(), Ok(&value), "{doc}");
        }
    }
}

#[test]
fn leaf_lane_and_parser_path_reject_the_same_documents() {
    let head = format!(r#"<ns1:successGetLead xmlns:ns1="{NS}"><result>"#);
    let tail = "</result></ns1:successGetLead>";
    for (body, valid) in [
        ("<count>1</count>", true),
        ("<count>1</count >", true),
        ("<count >1</count>", true),
        ("<count>1</Count>", false),
        ("<count>1</count", false),
        ("<count>1<count>", false),
        ("<count>1</count></count>", false),
        ("<count>1</counter>", false),
        ("<count>1</cou>", false),
        ("<count>1</zz:count>", false),
        ("<zz:count>1</zz:count>", false),
        ("<count>1&bogus;</count>", false),
        ("<count>\r\n1\r\n</count>", true),
        ("<count><![CDATA[1]]></count>", true),
    ] {
        let doc = format!("{head}{body}{tail}");
        let lanes = decode::<SuccessGetLead>(&doc, "successGetLead", false);
        let events = decode::<SuccessGetLead>(&without_leaves(&doc), "successGetLead", false);
        assert_eq!(lanes.is_ok(), valid, "{body}: {lanes:?}");
        assert_eq!(events.is_ok(), valid, "{body} without leaves: {events:?}");
        if let (Err(a), Err(b)) = (&lanes, &events) {
            assert_eq!(
                std::mem::discriminant(a.kind()),
                std::mem::discriminant(b.kind()),
                "{body}: {a} vs {b}"
            );
        }
    }
}
