//! SOAP 1.1 and 1.2 envelopes and faults, with documents written for these tests.

use super::*;
use crate::xml::Form;

const NS: &str = "urn:example:stock";

/// `<price>` content: one decimal as text, read and written by hand.
#[derive(Debug, PartialEq)]
struct Price {
    value: String,
}

impl XmlEncode for Price {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.raw("<value>");
        w.text(&self.value);
        w.raw("</value>");
    }
}

impl XmlDecode for Price {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut value = String::new();
        while let Some(child) = r.next_child(Form::Unqualified)? {
            match child.local_name() {
                "value" => value = r.simple(&child)?,
                _ => r.unknown(&child)?,
            }
        }
        Ok(Self { value })
    }
}

#[test]
fn soap12_request_uses_the_2003_namespace_and_reads_back() {
    let price = Price {
        value: "34.5".into(),
    };
    let xml = write_request_in(SoapVersion::Soap12, NS, &[], "GetPrice", &price);
    assert!(
        xml.starts_with(
            "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\""
        ),
        "{xml}"
    );
    assert!(!xml.contains(SOAP11_ENV_NS), "{xml}");
    let mut request = read_request(&xml, DecodeOptions::strict()).expect("request");
    assert_eq!(request.version(), SoapVersion::Soap12);
    let body = request.body().expect("body");
    assert!(body.is(Some(NS), "GetPrice"));
    let back: Price = request.reader().complex(&body).expect("decode");
    request.finish().expect("finish");
    assert_eq!(back, price);

    let response = write_response_in(SoapVersion::Soap12, NS, "GetPriceResponse", &price);
    let read: Price = read_response(&response, NS, "GetPriceResponse", DecodeOptions::strict())
        .expect("response");
    assert_eq!(read, price);
}

#[test]
fn soap11_writers_are_unchanged_and_versions_know_their_namespaces() {
    let price = Price { value: "1".into() };
    assert_eq!(
        write_request(NS, &[], "GetPrice", &price),
        write_request_in(SoapVersion::Soap11, NS, &[], "GetPrice", &price)
    );
    assert_eq!(
        SoapVersion::from_namespace(SOAP12_ENV_NS),
        Some(SoapVersion::Soap12)
    );
    assert_eq!(
        SoapVersion::from_namespace(SOAP11_ENV_NS),
        Some(SoapVersion::Soap11)
    );
    assert_eq!(SoapVersion::from_namespace("urn:other"), None);
    let not_envelope = "<Envelope xmlns=\"urn:other\"><Body/></Envelope>";
    let err = read_request(not_envelope, DecodeOptions::strict()).unwrap_err();
    assert!(err.to_string().contains("Envelope"), "{err}");
}

/// A SOAP 1.2 fault as the specification's part 1 example shapes it (two subcodes, two
/// languages, node, role and a detail entry with fields).
const FAULT12: &str = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"
    xmlns:m="urn:example:timeouts" xmlns:xml="http://www.w3.org/XML/1998/namespace">
  <env:Body>
    <env:Fault>
      <env:Code>
        <env:Value>env:Sender</env:Value>
        <env:Subcode><env:Value>m:MessageTimeout</env:Value>
          <env:Subcode><env:Value>m:Retry</env:Value></env:Subcode>
        </env:Subcode>
      </env:Code>
      <env:Reason>
        <env:Text xml:lang="en">Sender Timeout</env:Text>
        <env:Text xml:lang="de">Zeitüberschreitung</env:Text>
      </env:Reason>
      <env:Node>http://example.com/relay</env:Node>
      <env:Role>http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver</env:Role>
      <env:Detail>
        <m:timeout><limit>P5M</limit><code>7</code></m:timeout>
      </env:Detail>
    </env:Fault>
  </env:Body>
</env:Envelope>"#;

#[test]
fn soap12_fault_maps_code_subcodes_reason_node_role_and_detail() {
    let result = read_response::<Price>(FAULT12, NS, "GetPriceResponse", DecodeOptions::strict());
    let Err(EnvelopeError::Fault(fault)) = result else {
        panic!("expected a fault: {result:?}");
    };
    assert_eq!(fault.version, SoapVersion::Soap12);
    assert_eq!(fault.fault_code, "env:Sender");
    assert_eq!(fault.fault_code_local(), "Sender");
    assert_eq!(fault.subcodes, ["m:MessageTimeout", "m:Retry"]);
    assert_eq!(fault.fault_string, "Sender Timeout");
    assert_eq!(fault.node.as_deref(), Some("http://example.com/relay"));
    assert_eq!(
        fault.fault_actor.as_deref(),
        Some("http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver")
    );
    let entry = fault.detail_entry("timeout").expect("detail entry");
    assert_eq!(entry.namespace.as_deref(), Some("urn:example:timeouts"));
    assert_eq!(entry.field("limit"), Some("P5M"));
    assert_eq!(entry.field("code"), Some("7"));
}

#[test]
fn soap12_fault_is_written_in_its_version_and_reads_back_equal() {
    let original = SoapFault {
        fault_code: "SOAP-ENV:Receiver".into(),
        fault_string: "database <down> & out".into(),
        fault_actor: Some("urn:role".into()),
        detail: vec![FaultDetailEntry {
            namespace: Some("urn:example:errors".into()),
            local: "serviceError".into(),
            fields: vec![("code".into(), Some("42".into())), ("hint".into(), None)],
            element: None,
        }],
        subcodes: vec!["SOAP-ENV:DataEncodingUnknown".into()],
        node: Some("urn:node".into()),
        version: SoapVersion::Soap12,
    };
    let xml = write_fault(&original);
    assert!(xml.contains(SOAP12_ENV_NS), "{xml}");
    assert!(xml.contains("<SOAP-ENV:Code><SOAP-ENV:Value>"), "{xml}");
    assert!(!xml.contains("faultcode"), "{xml}");
    let Err(EnvelopeError::Fault(back)) =
        read_response::<Price>(&xml, NS, "x", DecodeOptions::strict())
    else {
        panic!("expected a fault: {xml}");
    };
    assert_eq!(without_elements(*back), original);

    let soap11 = SoapFault {
        version: SoapVersion::Soap11,
        subcodes: Vec::new(),
        node: None,
        ..original
    };
    let xml11 = write_fault(&soap11);
    assert!(
        xml11.contains("<faultcode>SOAP-ENV:Receiver</faultcode>"),
        "{xml11}"
    );
    let Err(EnvelopeError::Fault(back11)) =
        read_response::<Price>(&xml11, NS, "x", DecodeOptions::strict())
    else {
        panic!("expected a fault: {xml11}");
    };
    assert_eq!(without_elements(*back11), soap11);
}

#[test]
fn a_soap11_fault_element_inside_a_soap12_envelope_is_not_a_fault() {
    let mixed = FAULT12.replace(
        "<env:Fault>",
        "<env:Fault xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\">",
    );
    let result = read_response::<Price>(&mixed, NS, "GetPriceResponse", DecodeOptions::strict());
    assert!(
        matches!(result, Err(EnvelopeError::Decode(_))),
        "{result:?}"
    );
}

/// `fault` with each detail entry's captured element dropped (each must have one), to compare
/// with a fault built from fields.
fn without_elements(mut fault: SoapFault) -> SoapFault {
    for entry in &mut fault.detail {
        assert!(entry.element.is_some(), "{entry:?}");
        entry.element = None;
    }
    fault
}

/// A SOAP 1.1 fault whose `detail` holds `entries`.
fn fault11(entries: &str) -> String {
    format!(
        "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><e:Fault>\
         <faultcode>e:Server</faultcode><faultstring>order rejected</faultstring>\
         <detail>{entries}</detail></e:Fault></e:Body></e:Envelope>"
    )
}

fn read_fault_of(document: &str) -> SoapFault {
    match read_response::<Price>(document, NS, "GetPriceResponse", DecodeOptions::strict()) {
        Err(EnvelopeError::Fault(fault)) => *fault,
        other => panic!("expected a fault: {other:?}"),
    }
}

const ORDER_FAULT: &str = "<o:OrderFault xmlns:o=\"urn:example:orders\" code=\"4711\">\
    <o:message>bad sku</o:message><o:at><o:row>3</o:row><o:column>9</o:column></o:at>\
    </o:OrderFault>";

#[test]
fn a_structured_detail_entry_is_kept_whole_and_the_fault_still_arrives() {
    let fault = read_fault_of(&fault11(&format!("{ORDER_FAULT}<after>next</after>")));
    assert_eq!(fault.fault_code, "e:Server");
    assert_eq!(fault.fault_string, "order rejected");
    assert_eq!(fault.detail.len(), 2, "{fault:?}");
    let entry = fault
        .detail_entry_named(Some("urn:example:orders"), "OrderFault")
        .expect("the OrderFault entry");
    // The text-only child is a field; the structured one is not, but nothing is lost.
    assert_eq!(
        entry.fields,
        [("message".to_owned(), Some("bad sku".to_owned()))]
    );
    let element = entry.element.as_ref().expect("captured element");
    assert_eq!(element.content.attributes.len(), 1);
    assert_eq!(element.content.attributes[0].local, "code");
    assert_eq!(element.content.attributes[0].value, "4711");
    assert_eq!(entry.text(), "bad sku39");
    assert_eq!(fault.detail[1].field("next"), None);
    assert_eq!(fault.detail[1].text(), "next");
    assert_eq!(fault.detail_entry_named(None, "OrderFault"), None);

    // Written back, the entry keeps its attribute and nested structure.
    let written = write_fault(&fault);
    assert!(written.contains("code=\"4711\""), "{written}");
    assert!(written.contains("<o:row>3</o:row>"), "{written}");
    assert_eq!(read_fault_of(&written), fault);
}

#[test]
fn text_only_detail_entries_keep_their_text() {
    // The shape Apache Axis 1 writes: each detail entry is a text-only element.
    let fault = read_fault_of(&fault11(
        "<ns1:exceptionName xmlns:ns1=\"http://xml.apache.org/axis/\">gov.example.LoginFault\
         </ns1:exceptionName><ns2:hostname xmlns:ns2=\"http://xml.apache.org/axis/\">host-1\
         </ns2:hostname>",
    ));
    assert_eq!(fault.detail.len(), 2);
    assert_eq!(fault.detail[0].local, "exceptionName");
    assert_eq!(fault.detail[0].text(), "gov.example.LoginFault");
    assert_eq!(fault.detail[1].text(), "host-1");
}

/// The detail element of a declared fault, decoded by hand as generated code does.
#[derive(Debug, PartialEq)]
struct OrderFault {
    code: i32,
    message: String,
    row: i32,
    column: i32,
}

impl XmlDecode for OrderFault {
    fn decode(r: &mut XmlReader<'_>, start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut code = None;
        for attribute in r.attributes(start)? {
            match attribute.local_name() {
                "code" => code = Some(r.attribute_value::<i32>(start, &attribute)?),
                _ => r.unknown_attribute(start, &attribute)?,
            }
        }
        let code = r.require_attribute(start, code, "code")?;
        let (mut message, mut row, mut column) = (String::new(), 0, 0);
        while let Some(child) = r.next_child(Form::Qualified)? {
            match child.local_name() {
                "message" => message = r.simple(&child)?,
                "at" => {
                    while let Some(at) = r.next_child(Form::Qualified)? {
                        match at.local_name() {
                            "row" => row = r.simple(&at)?,
                            "column" => column = r.simple(&at)?,
                            _ => r.unknown(&at)?,
                        }
                    }
                }
                _ => r.unknown(&child)?,
            }
        }
        Ok(Self {
            code,
            message,
            row,
            column,
        })
    }
}

#[test]
fn a_detail_entry_decodes_into_its_declared_type() {
    let fault = read_fault_of(&fault11(ORDER_FAULT));
    let entry = fault.detail_entry("OrderFault").expect("entry");
    assert_eq!(
        entry.decode::<OrderFault>(DecodeOptions::strict()),
        Ok(OrderFault {
            code: 4711,
            message: "bad sku".into(),
            row: 3,
            column: 9,
        })
    );
    // A detail that is not that type is a decode error, not a wrong value.
    let other = read_fault_of(&fault11(
        "<o:OrderFault xmlns:o=\"urn:example:orders\"><o:message>x</o:message></o:OrderFault>",
    ));
    let entry = other.detail_entry("OrderFault").expect("entry");
    assert!(entry.decode::<OrderFault>(DecodeOptions::strict()).is_err());
}

/// A reply header an operation declares: `<ns1:Debug><log>…</log></ns1:Debug>`.
#[derive(Debug, Default, PartialEq)]
struct DebugHeaders {
    debug: Option<Price>,
}

impl ReplyHeaders for DebugHeaders {
    fn read_block<'a>(
        &mut self,
        r: &mut XmlReader<'a>,
        start: &ElementStart<'a>,
    ) -> Result<(), DecodeError> {
        match (start.namespace(), start.local_name()) {
            (Some(NS), "Debug") => self.debug = Some(r.complex(start)?),
            _ => r.skip(start)?,
        }
        Ok(())
    }
}

#[test]
fn declared_reply_headers_are_decoded_and_others_skipped() {
    let reply = |header: &str| {
        format!(
            "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:s=\"{NS}\">\
             {header}<e:Body><s:GetPriceResponse><value>1.5</value></s:GetPriceResponse></e:Body>\
             </e:Envelope>"
        )
    };
    let with = reply(
        "<e:Header><a:Action xmlns:a=\"urn:addressing\"><a:x/>urn:reply</a:Action>\
         <s:Debug><value>log line</value></s:Debug></e:Header>",
    );
    let read = |xml: &str| {
        read_response_with_headers::<Price, DebugHeaders>(
            xml,
            NS,
            "GetPriceResponse",
            DecodeOptions::strict(),
        )
    };
    let (body, headers) = read(&with).expect("reply");
    assert_eq!(body.value, "1.5");
    assert_eq!(
        headers.debug,
        Some(Price {
            value: "log line".into()
        })
    );
    // Absent: `None`, and the body still reads.
    let (_, none) = read(&reply("")).expect("reply without header");
    assert_eq!(none, DebugHeaders::default());
    // A declared header that does not decode is an error naming it.
    let bad = read(&reply("<e:Header><s:Debug><other/></s:Debug></e:Header>"));
    let Err(EnvelopeError::Decode(error)) = bad else {
        panic!("expected a decode error: {bad:?}");
    };
    assert!(error.to_string().contains("Header/Debug"), "{error}");
}
