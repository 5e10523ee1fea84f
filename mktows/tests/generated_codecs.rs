//! The generated types' codecs on the Marketo shapes that matter: absent / nil / value fields,
//! polymorphic `xsi:type` dispatch, enums with unknown values, wrapper arrays, operation bodies.

use chrono::DateTime;
use mktows::generated::operations::{self, Request, Response};
use mktows::generated::types::*;
use mktows::xml::{DecodeOptions, Nillable, XmlDecode, XmlEncode, XmlReader, XmlWriter};

fn encode<T: XmlEncode>(local: &str, value: &T) -> String {
    let mut w = XmlWriter::new(TARGET_NAMESPACE);
    w.root(local, value);
    w.into_string()
}

fn decode<T: XmlDecode>(local: &str, xml: &str) -> Result<T, mktows::xml::DecodeError> {
    XmlReader::new(xml, DecodeOptions::strict()).root(TARGET_NAMESPACE, local)
}

#[test]
fn absent_nil_and_value_fields_round_trip() {
    let params = {
        let mut value = ParamsRequestCampaign::new(ReqCampSourceType::Mktows)
            .with_campaign_id(42)
            .with_lead_list(ArrayOfLeadKey::from(vec![
                LeadKey::new(LeadKeyRef::Idnum, "7".to_owned()),
                LeadKey::new(LeadKeyRef::Email, "a@b.example".to_owned()),
            ]));
        value.program_name = Some(Nillable::Nil);
        value
    };
    let xml = encode(ParamsRequestCampaign::ELEMENT, &params);
    assert!(xml.contains("<source>MKTOWS</source>"), "{xml}");
    assert!(xml.contains("<campaignId>42</campaignId>"), "{xml}");
    assert!(xml.contains("<programName xsi:nil=\"true\"/>"), "{xml}");
    assert!(!xml.contains("campaignName"), "{xml}");
    assert!(
        xml.contains("<leadKey><keyType>IDNUM</keyType><keyValue>7</keyValue></leadKey>"),
        "{xml}"
    );
    let back: ParamsRequestCampaign = decode("paramsRequestCampaign", &xml).unwrap();
    assert_eq!(back, params);
}

#[test]
fn polymorphic_lead_selector_uses_xsi_type() {
    let selector = LeadSelector::from(LeadKeySelector::new(
        LeadKeyRef::Email,
        ArrayOfString::from(vec!["x@y.example".to_owned()]),
    ));
    let params = ParamsGetMultipleLeads::new()
        .with_lead_selector(selector)
        .with_batch_size(10);
    let xml = encode("paramsGetMultipleLeads", &params);
    assert!(
        xml.contains("<leadSelector xsi:type=\"ns1:LeadKeySelector\">"),
        "{xml}"
    );
    let back: ParamsGetMultipleLeads = decode("paramsGetMultipleLeads", &xml).unwrap();
    assert_eq!(back, params);

    let missing_type = xml.replace(" xsi:type=\"ns1:LeadKeySelector\"", "");
    let err =
        decode::<ParamsGetMultipleLeads>("paramsGetMultipleLeads", &missing_type).unwrap_err();
    assert!(err.to_string().contains("xsi:type"), "{err}");
    assert!(err.path().contains("leadSelector"), "{err}");
}

#[test]
fn unknown_enum_values_round_trip_and_required_fields_are_checked() {
    let xml = format!(
        "<ns1:successGetLeadActivity xmlns:ns1=\"{TARGET_NAMESPACE}\"><leadActivityList>\
         <returnCount>1</returnCount><remainingCount>0</remainingCount>\
         <newStartPosition/><activityRecordList><activityRecord><id>5</id>\
         <activityDateTime>2013-09-25T10:05:11-07:00</activityDateTime>\
         <activityType>Brand New Thing</activityType><mktPersonId>9</mktPersonId>\
         </activityRecord></activityRecordList></leadActivityList></ns1:successGetLeadActivity>"
    );
    let success: SuccessGetLeadActivity = decode("successGetLeadActivity", &xml).unwrap();
    let records = match &success.lead_activity_list.activity_record_list {
        Some(Nillable::Value(list)) => &list.activity_record,
        other => panic!("unexpected {other:?}"),
    };
    assert_eq!(records.len(), 1);
    assert_eq!(
        records[0].activity_date_time.to_fixed_offset(),
        Some(DateTime::parse_from_rfc3339("2013-09-25T10:05:11-07:00").unwrap())
    );
    assert_eq!(
        "Brand New Thing".parse::<ActivityType>().unwrap().as_str(),
        "Brand New Thing"
    );
    assert_eq!(
        "VisitWebpage".parse::<ActivityType>().unwrap(),
        ActivityType::VisitWebpage
    );

    let without_id = xml.replace("<id>5</id>", "");
    let err = decode::<SuccessGetLeadActivity>("successGetLeadActivity", &without_id).unwrap_err();
    assert!(err.to_string().contains("`id`"), "{err}");
    assert!(err.path().contains("activityRecord[1]"), "{err}");
}

#[test]
fn request_and_response_enums_dispatch_on_the_body_element() {
    let request = Request::GetLead(ParamsGetLead::new(LeadKey::new(
        LeadKeyRef::Cookie,
        "id:123".to_owned(),
    )));
    assert_eq!(request.operation().name, "getLead");
    let mut w = XmlWriter::new(TARGET_NAMESPACE);
    request.encode(&mut w);
    let xml = w.into_string();
    let mut r = XmlReader::new(&xml, DecodeOptions::strict());
    let start = r.root_element().unwrap();
    let back = Request::decode(&mut r, &start).unwrap();
    assert_eq!(back, Some(request));

    let other = format!("<ns1:nope xmlns:ns1=\"{TARGET_NAMESPACE}\"/>");
    let mut r = XmlReader::new(&other, DecodeOptions::strict());
    let start = r.root_element().unwrap();
    assert_eq!(Response::decode(&mut r, &start).unwrap(), None);

    assert_eq!(operations::OPERATIONS.len(), 23);
    assert_eq!(
        operations::SYNC_LEAD.input_headers,
        ["AuthenticationHeader", "MktowsContextHeader"]
    );
    assert_eq!(
        operations::REQUEST_CAMPAIGN.soap_action,
        "http://www.marketo.com/mktows/requestCampaign"
    );
    assert_eq!(AuthenticationHeaderInfo::ELEMENT, "AuthenticationHeader");
}

/// Port method futures must be `Send` (spawnable on a multi-threaded runtime), including the
/// ones that pass extra SOAP headers. Checked at compile time; the test only has to build.
#[test]
fn port_method_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    fn check(
        client: &mktows::Client,
        sync: &ParamsSyncLead,
        get: &ParamsGetLead,
        ctx: &MktowsContextHeaderInfo,
    ) {
        let headers = mktows::generated::client::SyncLeadHeaders {
            mktows_context: Some(ctx.clone()),
        };
        let with_header = client.sync_lead_with_headers(sync, &headers);
        assert_send(&with_header);
        let plain = client.get_lead(get);
        assert_send(&plain);
    }
    let _ = check;
}

/// An empty dateTime (`<latestCreatedAt/>`, as in the documented getLeadActivity request) is
/// reported as empty, not as a malformed year.
#[test]
fn empty_datetime_is_reported_as_empty() {
    let xml = format!(
        "<ns1:paramsGetLeadActivity xmlns:ns1=\"{TARGET_NAMESPACE}\">\
         <leadKey><keyType>IDNUM</keyType><keyValue>7</keyValue></leadKey>\
         <startPosition><latestCreatedAt/></startPosition></ns1:paramsGetLeadActivity>"
    );
    for options in [DecodeOptions::strict(), DecodeOptions::lenient()] {
        let err = XmlReader::new(&xml, options)
            .root::<ParamsGetLeadActivity>(TARGET_NAMESPACE, "paramsGetLeadActivity")
            .unwrap_err();
        let message = err.to_string();
        assert_eq!(
            err.path(),
            "paramsGetLeadActivity/startPosition/latestCreatedAt"
        );
        assert!(
            message.contains("invalid dateTime \"\": empty"),
            "{message}"
        );
        assert!(!message.contains("year"), "{message}");
    }
}

/// Strict decoding rejects attributes the schema does not declare (on text values and on
/// complex types without attributes), naming the attribute; namespace declarations and `xsi:*`
/// are always fine, and lenient decoding ignores the rest.
#[test]
fn undeclared_attributes_are_rejected_strictly_and_ignored_leniently() {
    let document = |program_name: &str, lead_key: &str| {
        format!(
            "<ns1:paramsRequestCampaign xmlns:ns1=\"{TARGET_NAMESPACE}\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
             <source>MKTOWS</source>\
             <leadList><leadKey{lead_key}><keyType>IDNUM</keyType><keyValue>7</keyValue></leadKey></leadList>\
             <programName{program_name}>Spring</programName></ns1:paramsRequestCampaign>"
        )
    };
    let lenient = |xml: &str| {
        XmlReader::new(xml, DecodeOptions::lenient())
            .root::<ParamsRequestCampaign>(TARGET_NAMESPACE, "paramsRequestCampaign")
    };

    let on_text = document(" a='1'", "");
    let err = decode::<ParamsRequestCampaign>("paramsRequestCampaign", &on_text).unwrap_err();
    assert_eq!(err.path(), "paramsRequestCampaign/programName");
    assert!(
        err.to_string().contains("unexpected attribute `a`"),
        "{err}"
    );
    let v = lenient(&on_text).expect("lenient ignores the attribute");
    assert_eq!(v.program_name, Some(Nillable::Value("Spring".to_owned())));

    let on_complex = document("", " xmlns:x=\"urn:x\" x:note=\"hi\"");
    let err = decode::<ParamsRequestCampaign>("paramsRequestCampaign", &on_complex).unwrap_err();
    assert_eq!(err.path(), "paramsRequestCampaign/leadList/leadKey[1]");
    assert!(
        err.to_string().contains("unexpected attribute `x:note`"),
        "{err}"
    );
    assert!(lenient(&on_complex).is_ok());

    // Namespace declarations and schema-instance attributes are not "attributes" of a type.
    let allowed = document(
        " xmlns:p=\"urn:p\" xsi:type=\"xs:string\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"",
        " xmlns=\"\" xsi:schemaLocation=\"urn:a b\"",
    );
    let v = decode::<ParamsRequestCampaign>("paramsRequestCampaign", &allowed).unwrap();
    assert_eq!(v.program_name, Some(Nillable::Value("Spring".to_owned())));
}

/// Strict decoding enforces `xs:sequence` order and names both elements; lenient decoding
/// accepts any order (forward compatibility).
#[test]
fn sequence_order_is_enforced_strictly_only() {
    let document = |lead_key: &str, tail: &str| {
        format!(
            "<ns1:paramsGetLead xmlns:ns1=\"{TARGET_NAMESPACE}\"><leadKey>{lead_key}</leadKey>{tail}</ns1:paramsGetLead>"
        )
    };
    let in_order = document("<keyType>IDNUM</keyType><keyValue>x</keyValue>", "");
    let swapped = document("<keyValue>x</keyValue><keyType>IDNUM</keyType>", "");
    let expected = ParamsGetLead::new(LeadKey::new(LeadKeyRef::Idnum, "x".to_owned()));
    assert_eq!(
        decode::<ParamsGetLead>("paramsGetLead", &in_order).unwrap(),
        expected
    );

    let err = decode::<ParamsGetLead>("paramsGetLead", &swapped).unwrap_err();
    assert_eq!(err.path(), "paramsGetLead/leadKey/keyType");
    assert!(
        err.to_string()
            .contains("`keyType` is out of order: it must come before `keyValue`"),
        "{err}"
    );
    let lenient = XmlReader::new(&swapped, DecodeOptions::lenient())
        .root::<ParamsGetLead>(TARGET_NAMESPACE, "paramsGetLead")
        .expect("lenient accepts any order");
    assert_eq!(lenient, expected);

    // Repeated elements keep their rank: items of one list may follow each other, but an
    // earlier element may not come back after a later one.
    let params = ParamsRequestCampaign::new(ReqCampSourceType::Mktows)
        .with_campaign_id(1)
        .with_program_name("P".to_owned());
    let xml = encode(ParamsRequestCampaign::ELEMENT, &params);
    assert_eq!(
        decode::<ParamsRequestCampaign>("paramsRequestCampaign", &xml).unwrap(),
        params
    );
    let moved = xml.replace("<source>MKTOWS</source>", "").replace(
        "</ns1:paramsRequestCampaign>",
        "<source>MKTOWS</source></ns1:paramsRequestCampaign>",
    );
    let err = decode::<ParamsRequestCampaign>("paramsRequestCampaign", &moved).unwrap_err();
    assert_eq!(err.path(), "paramsRequestCampaign/source");
    assert!(
        err.to_string()
            .contains("`source` is out of order: it must come before `programName`"),
        "{err}"
    );
}
