//! Constructs the generator cannot model faithfully stop generation with
//! `file:line:col: … unsupported: <construct>`, pointing at where the construct is written.

use codegen::{ErrorKind, InputInfo, generate};
use wsdl::MemoryResolver;

const TNS: &str = "http://example.com/refuse/";

/// A one-operation document/literal service whose request and response bodies are the global
/// element `thing`; `schema_items` starts on line 8 of `svc.wsdl`, at column 1.
fn service(schema_items: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="{TNS}" targetNamespace="{TNS}">
  <wsdl:types>
    <xs:schema targetNamespace="{TNS}">
<xs:element name="thing" type="tns:Thing"/>
{schema_items}
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="M"><wsdl:part name="p" element="tns:thing"/></wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="op"><wsdl:input message="tns:M"/><wsdl:output message="tns:M"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="tns:Port">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="op">
      <soap:operation soapAction="urn:op"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Svc">
    <wsdl:port name="P" binding="tns:Binding"><soap:address location="https://example.com/"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#
    )
}

/// Generates from `schema_items` and returns the refusal (panics if generation succeeds).
fn refusal(schema_items: &str) -> codegen::Error {
    let text = service(schema_items);
    let resolver = MemoryResolver::new().with("svc.wsdl", text.as_str());
    let defs = wsdl::load_with("svc.wsdl", &resolver).expect("fixture loads");
    let input = InputInfo::from_bytes("svc.wsdl", text.as_bytes());
    match generate(&defs, &input) {
        Ok(_) => panic!("generation should refuse:\n{schema_items}"),
        Err(e) => e,
    }
}

/// Asserts the refusal is `Unsupported`, located at `line:column` of `svc.wsdl`, and that its
/// message starts with the location and contains `unsupported: {what}`.
fn assert_refused(schema_items: &str, line: u32, column: u32, what: &str) {
    let error = refusal(schema_items);
    assert!(matches!(error.kind, ErrorKind::Unsupported(_)), "{error:?}");
    let message = error.to_string();
    let location = format!("svc.wsdl:{line}:{column}: ");
    assert!(
        message.starts_with(&location),
        "want {location}…, got {message}"
    );
    assert!(
        message.contains(&format!("unsupported: {what}")),
        "{message}"
    );
}

#[test]
fn a_repeated_sequence_with_several_members_is_refused_at_the_compositor() {
    assert_refused(
        r#"<xs:complexType name="Thing"><xs:sequence>
<xs:element name="a" type="xs:string"/>
  <xs:sequence maxOccurs="unbounded"><xs:element name="k" type="xs:string"/><xs:element name="v" type="xs:string"/></xs:sequence>
</xs:sequence></xs:complexType>"#,
        10,
        3,
        "repeated xs:sequence with several members (maxOccurs=\"unbounded\")",
    );
}

#[test]
fn a_repeated_choice_with_several_members_is_refused() {
    assert_refused(
        r#"<xs:complexType name="Thing">
<xs:choice maxOccurs="3"><xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:int"/></xs:choice>
</xs:complexType>"#,
        9,
        1,
        "repeated xs:choice with several members (maxOccurs=\"3\")",
    );
}

#[test]
fn a_second_xs_any_in_one_content_model_is_refused_at_it() {
    assert_refused(
        r###"<xs:complexType name="Thing"><xs:sequence>
<xs:any namespace="##other"/><xs:element name="a" type="xs:string"/>
      <xs:any namespace="##local" minOccurs="0"/>
</xs:sequence></xs:complexType>"###,
        10,
        7,
        "a second xs:any in one content model",
    );
}

#[test]
fn mixed_content_is_refused_at_the_type() {
    assert_refused(
        r#"<xs:complexType name="Thing" mixed="true"><xs:sequence>
<xs:element name="b" type="xs:string"/></xs:sequence></xs:complexType>"#,
        8,
        1,
        "mixed=\"true\" content",
    );
}

/// Two schemas: the service's, and `urn:example:other` (qualified elements) that it imports.
fn two_namespaces(thing: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:o="urn:example:other"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="{TNS}" targetNamespace="{TNS}">
  <wsdl:types>
    <xs:schema targetNamespace="urn:example:other" elementFormDefault="qualified">
      <xs:complexType name="Part"><xs:sequence>
        <xs:element name="code" type="xs:string"/></xs:sequence></xs:complexType>
    </xs:schema>
    <xs:schema targetNamespace="{TNS}">
      <xs:import namespace="urn:example:other"/>
      <xs:element name="thing" type="tns:Thing"/>
      {thing}
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="M"><wsdl:part name="p" element="tns:thing"/></wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="op"><wsdl:input message="tns:M"/><wsdl:output message="tns:M"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="tns:Port">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="op">
      <soap:operation soapAction="urn:op"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Svc">
    <wsdl:port name="P" binding="tns:Binding"><soap:address location="https://example.com/"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#
    )
}

#[test]
fn a_qualified_element_of_a_second_namespace_is_generated_in_its_namespace() {
    let text = two_namespaces(
        r#"<xs:complexType name="Thing"><xs:sequence><xs:element name="part" type="o:Part"/></xs:sequence></xs:complexType>"#,
    );
    let resolver = MemoryResolver::new().with("svc.wsdl", text.as_str());
    let defs = wsdl::load_with("svc.wsdl", &resolver).expect("fixture loads");
    let input = InputInfo::from_bytes("svc.wsdl", text.as_bytes());
    let files = generate(&defs, &input).expect("second namespace generates");
    let types = files
        .get("types.rs")
        .expect("types.rs")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "pub const NAMESPACE_1: &str = \"urn:example:other\";",
        "w.simple(xml::Name::new(NAMESPACE_1, \"code\"), &self.code);",
        "r.next_child(xml::Form::Namespace(NAMESPACE_1))",
    ] {
        assert!(types.contains(expected), "missing `{expected}` in\n{types}");
    }
}

#[test]
fn an_xsi_type_of_a_type_in_no_namespace_is_refused_where_the_type_is() {
    let text = format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="{TNS}" targetNamespace="{TNS}">
  <wsdl:types>
    <xs:schema>
      <xs:import namespace="{TNS}"/>
      <xs:complexType name="Local"><xs:complexContent><xs:extension base="tns:Base">
        <xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence>
      </xs:extension></xs:complexContent></xs:complexType>
    </xs:schema>
    <xs:schema targetNamespace="{TNS}">
      <xs:import/>
      <xs:complexType name="Base" abstract="true"><xs:sequence/></xs:complexType>
      <xs:complexType name="Thing"><xs:sequence><xs:element name="b" type="tns:Base"/></xs:sequence></xs:complexType>
      <xs:element name="thing" type="tns:Thing"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="M"><wsdl:part name="p" element="tns:thing"/></wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="op"><wsdl:input message="tns:M"/><wsdl:output message="tns:M"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="tns:Port">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="op">
      <soap:operation soapAction="urn:op"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Svc">
    <wsdl:port name="P" binding="tns:Binding"><soap:address location="https://example.com/"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#
    );
    let resolver = MemoryResolver::new().with("svc.wsdl", text.as_str());
    let defs = wsdl::load_with("svc.wsdl", &resolver).expect("fixture loads");
    let input = InputInfo::from_bytes("svc.wsdl", text.as_bytes());
    let error = generate(&defs, &input).expect_err("no-namespace xsi:type");
    assert!(matches!(error.kind, ErrorKind::Unsupported(_)), "{error:?}");
    let message = error.to_string();
    // `Local` is declared on line 8, in the schema without a target namespace.
    assert!(message.starts_with("svc.wsdl:8:"), "{message}");
    assert!(
        message.contains("unsupported: xsi:type value naming a type in no namespace"),
        "{message}"
    );
}
