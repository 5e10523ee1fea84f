//! Constructs the generator cannot model faithfully stop generation with
//! `file:line:col: … unsupported: <construct>`, pointing at where the construct is written.

use codegen::{ErrorKind, InputInfo, generate};
use wsdl::MemoryResolver;

const TNS: &str = "http://example.com/refuse/";

/// A one-operation document/literal service whose request and response bodies are the global
/// element `thing`, around the given `<wsdl:types>` content (which starts on line 6 of
/// `svc.wsdl`); `xmlns` adds namespace declarations to the root's second line.
fn one_operation_service(xmlns: &str, types: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"{xmlns}
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="{TNS}" targetNamespace="{TNS}">
  <wsdl:types>
{types}
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

/// [`one_operation_service`] with one schema in the target namespace declaring `thing` (of type
/// `Thing`) and `schema_items`, which start on line 8 of `svc.wsdl`, at column 1.
fn service(schema_items: &str) -> String {
    one_operation_service(
        "",
        &format!(
            "    <xs:schema targetNamespace=\"{TNS}\">\n<xs:element name=\"thing\" type=\"tns:Thing\"/>\n{schema_items}\n    </xs:schema>"
        ),
    )
}

/// Loads `text` as `svc.wsdl` and generates the host form from it.
fn generate_from(text: &str) -> Result<codegen::GeneratedFiles, codegen::Error> {
    let resolver = MemoryResolver::new().with("svc.wsdl", text);
    let defs = wsdl::load_with("svc.wsdl", &resolver).expect("fixture loads");
    let input = InputInfo::from_bytes("svc.wsdl", text.as_bytes());
    generate(&defs, &input)
}

/// Generates from `schema_items` and returns the refusal (panics if generation succeeds).
fn refusal(schema_items: &str) -> codegen::Error {
    match generate_from(&service(schema_items)) {
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
fn a_second_wildcard_inside_a_repeated_choice_is_refused_at_it() {
    assert_refused(
        r###"<xs:complexType name="Thing">
<xs:choice maxOccurs="unbounded"><xs:element name="a" type="xs:string"/>
   <xs:any namespace="##other"/><xs:any namespace="##local"/></xs:choice>
</xs:complexType>"###,
        10,
        33,
        "a second xs:any inside a repeated xs:choice",
    );
}

#[test]
fn a_wildcard_beside_a_repeated_group_with_its_own_wildcard_is_refused_at_the_second() {
    assert_refused(
        r###"<xs:complexType name="Thing"><xs:sequence>
<xs:choice maxOccurs="unbounded"><xs:element name="a" type="xs:string"/>
   <xs:any namespace="##other"/></xs:choice>
<xs:any namespace="##other"/>
</xs:sequence></xs:complexType>"###,
        11,
        1,
        "a second xs:any in one content model",
    );
}

#[test]
fn an_element_both_in_a_repeated_choice_and_beside_it_is_refused() {
    assert_refused(
        r#"<xs:complexType name="Thing"><xs:sequence><xs:element name="a" type="xs:string"/>
<xs:choice maxOccurs="unbounded"><xs:element name="b" type="xs:int"/>
 <xs:element name="a" type="xs:string"/></xs:choice></xs:sequence>
</xs:complexType>"#,
        10,
        2,
        "element `a` appears more than once in the content model",
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
fn simple_content_derived_from_element_content_is_refused_at_the_type() {
    assert_refused(
        r#"<xs:complexType name="Base"><xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence></xs:complexType>
<xs:complexType name="Thing"><xs:simpleContent><xs:restriction base="tns:Base"/></xs:simpleContent></xs:complexType>"#,
        9,
        1,
        "simple content derived from a complex type without simple content",
    );
}

#[test]
fn mixed_content_with_a_wildcard_beside_named_children_is_refused_at_the_wildcard() {
    assert_refused(
        r###"<xs:complexType name="Thing" mixed="true"><xs:sequence>
<xs:element name="b" type="xs:string"/>  <xs:any namespace="##other"/></xs:sequence></xs:complexType>"###,
        9,
        42,
        "mixed=\"true\" content with an xs:any beside named child elements",
    );
}

#[test]
fn mixed_content_with_a_repeated_choice_is_refused_at_the_choice() {
    assert_refused(
        r#"<xs:complexType name="Thing" mixed="true"><xs:sequence>
 <xs:choice maxOccurs="unbounded"><xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/></xs:choice>
</xs:sequence></xs:complexType>"#,
        9,
        2,
        "mixed=\"true\" content with a repeated xs:choice",
    );
}

/// Two schemas: the service's, and `urn:example:other` (qualified elements) that it imports.
fn two_namespaces(thing: &str) -> String {
    one_operation_service(
        r#" xmlns:o="urn:example:other""#,
        &format!(
            r#"    <xs:schema targetNamespace="urn:example:other" elementFormDefault="qualified">
      <xs:complexType name="Part"><xs:sequence>
        <xs:element name="code" type="xs:string"/></xs:sequence></xs:complexType>
    </xs:schema>
    <xs:schema targetNamespace="{TNS}">
      <xs:import namespace="urn:example:other"/>
      <xs:element name="thing" type="tns:Thing"/>
      {thing}
    </xs:schema>"#
        ),
    )
}

#[test]
fn a_qualified_element_of_a_second_namespace_is_generated_in_its_namespace() {
    let text = two_namespaces(
        r#"<xs:complexType name="Thing"><xs:sequence><xs:element name="part" type="o:Part"/></xs:sequence></xs:complexType>"#,
    );
    let files = generate_from(&text).expect("second namespace generates");
    let types = files
        .get("types.rs")
        .expect("types.rs")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "pub const NAMESPACE_1: &str = \"urn:example:other\";",
        "w.simple(xml::Name::new(NAMESPACE_1, \"code\"), &self.code);",
        // `Part` has one child: its decoder hands the loop to `only_child`.
        "xml::Form::Namespace(NAMESPACE_1), \"code\", xml::XmlReader::simple_into,",
    ] {
        assert!(types.contains(expected), "missing `{expected}` in\n{types}");
    }
}

#[test]
fn substitution_group_members_named_alike_in_two_namespaces_are_refused_at_the_second() {
    let text = one_operation_service(
        r#" xmlns:o="urn:example:other""#,
        &format!(
            r#"    <xs:schema targetNamespace="{TNS}" elementFormDefault="qualified">
      <xs:import namespace="urn:example:other"/>
      <xs:element name="head" type="xs:string"/>
      <xs:element name="note" type="xs:string" substitutionGroup="tns:head"/>
      <xs:complexType name="Thing"><xs:sequence><xs:element ref="tns:head"/></xs:sequence></xs:complexType>
      <xs:element name="thing" type="tns:Thing"/>
    </xs:schema>
    <xs:schema targetNamespace="urn:example:other" elementFormDefault="qualified">
      <xs:import namespace="{TNS}"/>
      <xs:element name="note" type="xs:string" substitutionGroup="tns:head"/>
    </xs:schema>"#
        ),
    );
    let error = generate_from(&text).expect_err("ambiguous members");
    assert!(matches!(error.kind, ErrorKind::Unsupported(_)), "{error:?}");
    let message = error.to_string();
    // The second `note` is declared on line 15, in `urn:example:other`.
    assert!(message.starts_with("svc.wsdl:15:"), "{message}");
    assert!(
        message.contains(
            "unsupported: substitution group members with the same local name `note` in different namespaces"
        ),
        "{message}"
    );
}

#[test]
fn an_xsi_type_of_a_type_in_no_namespace_is_refused_where_the_type_is() {
    let text = one_operation_service(
        "",
        &format!(
            r#"    <xs:schema>
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
    </xs:schema>"#
        ),
    );
    let error = generate_from(&text).expect_err("no-namespace xsi:type");
    assert!(matches!(error.kind, ErrorKind::Unsupported(_)), "{error:?}");
    let message = error.to_string();
    // `Local` is declared on line 8, in the schema without a target namespace.
    assert!(message.starts_with("svc.wsdl:8:"), "{message}");
    assert!(
        message.contains("unsupported: xsi:type value naming a type in no namespace"),
        "{message}"
    );
}

/// A service whose port type and binding operations are given: messages `In`/`Out` carry the
/// global elements `req`/`resp`, `Typed` carries a `type=` part `Thing` (the schema's
/// `elementFormDefault` is `form`); the binding's default style is `style`.
fn operations(form: &str, port_type_ops: &str, style: &str, binding_ops: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="{TNS}" targetNamespace="{TNS}">
  <wsdl:types>
    <xs:schema targetNamespace="{TNS}" elementFormDefault="{form}">
      <xs:complexType name="Thing"><xs:sequence><xs:element name="n" type="xs:int"/></xs:sequence></xs:complexType>
      <xs:element name="req" type="tns:Thing"/>
      <xs:element name="resp" type="tns:Thing"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="In"><wsdl:part name="p" element="tns:req"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="p" element="tns:resp"/></wsdl:message>
  <wsdl:message name="Typed"><wsdl:part name="thing" type="tns:Thing"/></wsdl:message>
  <wsdl:portType name="Port">{port_type_ops}</wsdl:portType>
  <wsdl:binding name="Binding" type="tns:Port">
    <soap:binding style="{style}" transport="http://schemas.xmlsoap.org/soap/http"/>
    {binding_ops}
  </wsdl:binding>
  <wsdl:service name="Svc">
    <wsdl:port name="P" binding="tns:Binding"><soap:address location="https://example.com/"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#
    )
}

/// Asserts that generating `text` is refused at `position` (`file:line:col: `) with a message
/// containing `what`.
fn refused_at(text: &str, position: &str, what: &str) {
    let message = refusal_of(text);
    assert!(message.starts_with(position), "{message}");
    assert!(message.contains(what), "{message}");
}

/// The refusal of generating `text` in the host form ([`generate`]), as text; every refusal
/// names where the refused construct is written (`svc.wsdl:LINE:COLUMN: `).
fn refusal_of(text: &str) -> String {
    match generate_from(text) {
        Ok(_) => panic!("generation should refuse:\n{text}"),
        Err(e) => {
            assert!(matches!(e.kind, ErrorKind::Unsupported(_)), "{e:?}");
            let message = e.to_string();
            assert!(
                has_position(&message),
                "refusal without a position: {message}"
            );
            message
        }
    }
}

/// Whether `message` starts with `svc.wsdl:LINE:COLUMN: `.
fn has_position(message: &str) -> bool {
    let Some(rest) = message.strip_prefix("svc.wsdl:") else {
        return false;
    };
    let mut fields = rest.splitn(3, ':');
    let number = |field: Option<&str>| field.is_some_and(|f| f.parse::<u32>().is_ok_and(|n| n > 0));
    number(fields.next())
        && number(fields.next())
        && fields.next().is_some_and(|r| r.starts_with(' '))
}

#[test]
fn a_position_is_svc_wsdl_line_column() {
    assert!(has_position(
        "svc.wsdl:18:5: operation `op`: unsupported: x"
    ));
    assert!(!has_position("operation `op`: unsupported: x"));
    assert!(!has_position("svc.wsdl:18: unsupported: x"));
    assert!(!has_position("svc.wsdl:0:5: unsupported: x"));
}

/// A binding operation `op` with the given input and output `soap:body` attributes (`None`:
/// no such message).
fn binding_op(input: Option<&str>, output: Option<&str>) -> String {
    let message = |tag: &str, body: Option<&str>| {
        body.map(|attributes| {
            format!("<wsdl:{tag}><soap:body use=\"literal\" {attributes}/></wsdl:{tag}>")
        })
        .unwrap_or_default()
    };
    format!(
        r#"<wsdl:operation name="op"><soap:operation soapAction="urn:op"/>{}{}</wsdl:operation>"#,
        message("input", input),
        message("output", output)
    )
}

#[test]
fn a_notification_operation_is_refused() {
    let text = operations(
        "unqualified",
        r#"<wsdl:operation name="op"><wsdl:output message="tns:Out"/></wsdl:operation>"#,
        "document",
        &binding_op(None, Some("")),
    );
    // The port type's `<wsdl:operation>` is on line 15, column 30.
    refused_at(
        &text,
        "svc.wsdl:15:30: ",
        "operation `op`: unsupported: notification operation",
    );
}

#[test]
fn a_solicit_response_operation_is_refused() {
    let text = operations(
        "unqualified",
        r#"<wsdl:operation name="op"><wsdl:output message="tns:Out"/><wsdl:input message="tns:In"/></wsdl:operation>"#,
        "document",
        &binding_op(Some(""), Some("")),
    );
    refused_at(
        &text,
        "svc.wsdl:15:30: ",
        "operation `op`: unsupported: solicit-response operation",
    );
}

#[test]
fn an_rpc_part_with_element_is_refused_at_its_message() {
    let text = operations(
        "unqualified",
        r#"<wsdl:operation name="op"><wsdl:input message="tns:In"/><wsdl:output message="tns:Typed"/></wsdl:operation>"#,
        "rpc",
        &binding_op(Some("namespace=\"urn:rpc\""), Some("namespace=\"urn:rpc\"")),
    );
    // `<wsdl:message name="In">` is on line 12, column 3.
    refused_at(
        &text,
        "svc.wsdl:12:3: ",
        "unsupported: rpc part `p` with element= (WS-I Basic Profile R2203",
    );
}

#[test]
fn an_rpc_encoded_operation_is_refused() {
    let text = operations(
        "unqualified",
        r#"<wsdl:operation name="op"><wsdl:input message="tns:Typed"/><wsdl:output message="tns:Typed"/></wsdl:operation>"#,
        "rpc",
        &binding_op(None, None).replace(
            "</wsdl:operation>",
            r#"<wsdl:input><soap:body use="encoded" namespace="urn:rpc" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></wsdl:input><wsdl:output><soap:body use="literal" namespace="urn:rpc"/></wsdl:output></wsdl:operation>"#,
        ),
    );
    // The binding's `<wsdl:operation>` is on line 18, column 5.
    refused_at(
        &text,
        "svc.wsdl:18:5: ",
        "operation `op`: unsupported: rpc/encoded binding",
    );
}

#[test]
fn an_rpc_body_without_a_namespace_is_refused() {
    let text = operations(
        "unqualified",
        r#"<wsdl:operation name="op"><wsdl:input message="tns:Typed"/><wsdl:output message="tns:Typed"/></wsdl:operation>"#,
        "rpc",
        &binding_op(Some(""), Some("namespace=\"urn:rpc\"")),
    );
    let message = refusal_of(&text);
    assert!(
        message.contains("unsupported: rpc/literal input without soap:body/@namespace"),
        "{message}"
    );
    let empty = operations(
        "unqualified",
        r#"<wsdl:operation name="op"><wsdl:input message="tns:Typed"/><wsdl:output message="tns:Typed"/></wsdl:operation>"#,
        "rpc",
        &binding_op(Some("namespace=\"\""), Some("namespace=\"urn:rpc\"")),
    );
    let message = refusal_of(&empty);
    assert!(
        message.contains("unsupported: rpc/literal input without soap:body/@namespace"),
        "{message}"
    );
}

/// The body writes `ns1` for the wrapper's namespace, so content qualified in the schema's
/// namespace cannot go inside a wrapper in another one (yet).
#[test]
fn rpc_parts_qualified_in_another_namespace_than_the_wrapper_are_refused() {
    let rpc_ops = r#"<wsdl:operation name="op"><wsdl:input message="tns:Typed"/><wsdl:output message="tns:Typed"/></wsdl:operation>"#;
    let text = operations(
        "qualified",
        rpc_ops,
        "rpc",
        &binding_op(Some("namespace=\"urn:rpc\""), Some("namespace=\"urn:rpc\"")),
    );
    let message = refusal_of(&text);
    assert!(message.starts_with("svc.wsdl:14:3: "), "{message}");
    assert!(
        message.contains(&format!(
            "part `thing`: unsupported: rpc part content qualified in `{TNS}` inside a wrapper in `urn:rpc`"
        )),
        "{message}"
    );
    // Unqualified content, or a wrapper in the schema's namespace, is fine.
    for text in [
        operations(
            "unqualified",
            rpc_ops,
            "rpc",
            &binding_op(Some("namespace=\"urn:rpc\""), Some("namespace=\"urn:rpc\"")),
        ),
        operations(
            "qualified",
            rpc_ops,
            "rpc",
            &binding_op(
                Some(&format!("namespace=\"{TNS}\"")),
                Some(&format!("namespace=\"{TNS}\"")),
            ),
        ),
    ] {
        generate_from(&text).expect("generates");
    }
}

/// The host form's `crate::Client::invoke` always decodes a response; a one-way operation needs
/// the standalone form, whose generated client calls `invoke_one_way`.
#[test]
fn a_one_way_operation_needs_the_standalone_form() {
    let text = operations(
        "unqualified",
        r#"<wsdl:operation name="op"><wsdl:input message="tns:In"/></wsdl:operation>"#,
        "document",
        &binding_op(Some(""), None),
    );
    refused_at(
        &text,
        "svc.wsdl:18:5: ",
        "operation `op`: unsupported: one-way operation in the host-client form",
    );
    let resolver = MemoryResolver::new().with("svc.wsdl", text.as_str());
    let defs = wsdl::load_with("svc.wsdl", &resolver).expect("fixture loads");
    let input = InputInfo::from_bytes("svc.wsdl", text.as_bytes());
    let files = codegen::generate_standalone(&defs, &input, &codegen::Declarations::default())
        .expect("generates");
    assert!(
        files["client.rs"].contains("Output = Result<(), soap_runtime::Error>"),
        "{}",
        files["client.rs"]
    );
    assert!(files["client.rs"].contains(".invoke_one_way("));
}

/// Paging reads the next position from the response, which a one-way operation has not.
#[test]
fn paging_a_one_way_operation_is_refused() {
    let text = operations(
        "unqualified",
        r#"<wsdl:operation name="op"><wsdl:input message="tns:In"/></wsdl:operation>"#,
        "document",
        &binding_op(Some(""), None),
    );
    let resolver = MemoryResolver::new().with("svc.wsdl", text.as_str());
    let defs = wsdl::load_with("svc.wsdl", &resolver).expect("fixture loads");
    let input = InputInfo::from_bytes("svc.wsdl", text.as_bytes());
    let declarations =
        codegen::Declarations::from_toml("[paging.op]\ntoken = \"n\"\nnext_token = \"n\"\n")
            .expect("declarations");
    let error = codegen::generate_crate(
        &defs,
        &input,
        &declarations,
        &codegen::CrateOptions::new("svc"),
    )
    .expect_err("nothing to page through");
    assert!(
        error.to_string().contains(
            "paging of operation `op`: unsupported: a one-way operation has no response to page through"
        ),
        "{error}"
    );
}

/// The binding's `<wsdl:input>` is on line 18, after the operation and `soap:operation`
/// elements (column 68).
#[test]
fn an_rpc_body_without_a_namespace_is_refused_at_the_binding_input() {
    let text = operations(
        "unqualified",
        r#"<wsdl:operation name="op"><wsdl:input message="tns:Typed"/><wsdl:output message="tns:Typed"/></wsdl:operation>"#,
        "rpc",
        &binding_op(Some(""), Some("namespace=\"urn:rpc\"")),
    );
    let message = refusal_of(&text);
    assert!(message.starts_with("svc.wsdl:18:68: "), "{message}");
}

#[test]
fn a_document_body_with_several_parts_is_refused_at_its_message() {
    let text = operations(
        "unqualified",
        r#"<wsdl:operation name="op"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation>"#,
        "document",
        &binding_op(Some(""), Some("")),
    )
    .replace(
        r#"<wsdl:part name="p" element="tns:req"/></wsdl:message>"#,
        r#"<wsdl:part name="p" element="tns:req"/><wsdl:part name="q" element="tns:resp"/></wsdl:message>"#,
    );
    // `<wsdl:message name="In">` is on line 12, column 3.
    refused_at(
        &text,
        "svc.wsdl:12:3: ",
        "unsupported: input body has 2 parts",
    );
}

#[test]
fn a_document_part_with_type_is_refused_at_the_part() {
    let text = operations(
        "unqualified",
        r#"<wsdl:operation name="op"><wsdl:input message="tns:Typed"/><wsdl:output message="tns:Out"/></wsdl:operation>"#,
        "document",
        &binding_op(Some(""), Some("")),
    );
    // `<wsdl:part name="thing">` of `Typed` is on line 14, column 30.
    refused_at(
        &text,
        "svc.wsdl:14:30: ",
        "unsupported: input part `thing` uses type= (rpc style)",
    );
}

/// The request element is in the target namespace, the response element in `urn:b` (reused
/// from another schema): the operation's metadata names both namespaces.
#[test]
fn a_response_body_in_another_namespace_generates() {
    let text = operations(
        "unqualified",
        r#"<wsdl:operation name="op"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation>"#,
        "document",
        &binding_op(Some(""), Some("")),
    )
    .replace(
        "</xs:schema>",
        r#"</xs:schema><xs:schema targetNamespace="urn:b"><xs:element name="other"><xs:complexType/></xs:element></xs:schema>"#,
    )
    .replace(
        r#"<wsdl:part name="p" element="tns:resp"/>"#,
        r#"<wsdl:part name="p" element="b:other" xmlns:b="urn:b"/>"#,
    );
    let files = generate_from(&text).expect("generates");
    let operations = &files["operations.rs"];
    assert!(
        operations.contains("namespace: types::TARGET_NAMESPACE,")
            && operations.contains("response_namespace: \"urn:b\","),
        "{operations}"
    );
}

/// The host form's `crate::Client::invoke` takes a body; an operation without parameters
/// needs the standalone form.
#[test]
fn an_empty_request_body_needs_the_standalone_form() {
    let text = operations(
        "unqualified",
        r#"<wsdl:operation name="op"><wsdl:input message="tns:Empty"/><wsdl:output message="tns:Out"/></wsdl:operation>"#,
        "document",
        &binding_op(Some(""), Some("")),
    )
    .replace(
        r#"<wsdl:message name="Typed">"#,
        r#"<wsdl:message name="Empty"/><wsdl:message name="Typed">"#,
    );
    refused_at(
        &text,
        "svc.wsdl:18:5: ",
        "operation `op`: unsupported: empty request body in the host-client form",
    );
}
