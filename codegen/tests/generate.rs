//! `codegen::generate` over small hand-written WSDLs: naming, occurrence mapping, enums,
//! polymorphism, anonymous types, headers, binding selection, determinism and the header line.

#[path = "../../xtask/test-support/shared_data.rs"]
mod shared_data;

use codegen::{ErrorKind, GeneratedFiles, InputInfo, generate};
use shared_data::shared_dir;
use wsdl::MemoryResolver;

const TNS: &str = "http://example.com/svc/";

/// A document/literal SOAP 1.1 service with one operation `getThing`
/// (`paramsGetThing` → `successGetThing`) around the given schema items.
fn service(schema_items: &str) -> String {
    service_with(schema_items, "document", "literal", "soap")
}

fn service_with(schema_items: &str, style: &str, body_use: &str, soap_prefix: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="{TNS}" targetNamespace="{TNS}">
  <wsdl:types>
    <xs:schema targetNamespace="{TNS}">
      {schema_items}
      <xs:complexType name="AuthInfo">
        <xs:sequence><xs:element name="user" type="xs:string"/></xs:sequence>
      </xs:complexType>
      <xs:complexType name="ContextInfo">
        <xs:sequence><xs:element name="workspace" type="xs:string"/></xs:sequence>
      </xs:complexType>
      <xs:element name="AuthenticationHeader" type="tns:AuthInfo"/>
      <xs:element name="ContextHeader" type="tns:ContextInfo"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="Auth"><wsdl:part name="authentication" element="tns:AuthenticationHeader"/></wsdl:message>
  <wsdl:message name="Context"><wsdl:part name="callContext" element="tns:ContextHeader"/></wsdl:message>
  <wsdl:message name="GetThingRequest"><wsdl:part name="p" element="tns:paramsGetThing"/></wsdl:message>
  <wsdl:message name="GetThingResponse"><wsdl:part name="p" element="tns:successGetThing"/></wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="getThing">
      <wsdl:documentation>Gets the thing.</wsdl:documentation>
      <wsdl:input message="tns:GetThingRequest"/>
      <wsdl:output message="tns:GetThingResponse"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="tns:Port">
    <{soap_prefix}:binding style="{style}" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="getThing">
      <{soap_prefix}:operation soapAction="urn:getThing"/>
      <wsdl:input>
        <{soap_prefix}:header use="literal" part="authentication" message="tns:Auth"/>
        <{soap_prefix}:header use="literal" part="callContext" message="tns:Context"/>
        <{soap_prefix}:body use="{body_use}"/>
      </wsdl:input>
      <wsdl:output><{soap_prefix}:body use="{body_use}"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Svc">
    <wsdl:port name="P" binding="tns:Binding"><{soap_prefix}:address location="https://example.com/svc"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#
    )
}

/// Body element declarations with the given content types.
fn bodies(params_type: &str, success_type: &str) -> String {
    format!(
        r#"<xs:element name="paramsGetThing" type="{params_type}"/>
           <xs:element name="successGetThing" type="{success_type}"/>"#
    )
}

fn load(text: &str) -> wsdl::Definitions {
    let resolver = MemoryResolver::new().with("svc.wsdl", text);
    wsdl::load_with("svc.wsdl", &resolver).expect("fixture loads")
}

fn input(text: &str) -> InputInfo {
    InputInfo::from_bytes("svc.wsdl", text.as_bytes())
}

/// Declarations as the Marketo bindings use them: the client writes `AuthenticationHeader`.
fn marketo_like() -> codegen::Declarations {
    codegen::Declarations {
        provided_headers: ["AuthenticationHeader".to_owned()].into(),
        idempotent: ["getThing".to_owned()].into(),
        ..codegen::Declarations::default()
    }
}

fn generate_text(text: &str) -> GeneratedFiles {
    codegen::generate_with(&load(text), &input(text), &marketo_like()).expect("generates")
}

fn types_rs(schema_items: &str) -> String {
    let files = generate_text(&service(schema_items));
    files.get("types.rs").cloned().expect("types.rs")
}

/// The output with whitespace runs collapsed, so assertions do not depend on line breaking.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_file_starts_with_the_generated_header() {
    let text = service(&bodies("tns:Thing", "tns:Thing"))
        .replace("{schema_items}", "")
        .replace(
            "<xs:element name=\"AuthenticationHeader\"",
            "<xs:complexType name=\"Thing\"><xs:sequence/></xs:complexType><xs:element name=\"AuthenticationHeader\"",
        );
    let info = input(&text);
    assert_eq!(info.sha256.len(), 64);
    let files = generate(&load(&text), &info).unwrap();
    assert_eq!(
        files.keys().copied().collect::<Vec<_>>(),
        [
            "client.rs",
            "mod.rs",
            "operations.rs",
            "rules.rs",
            "types.rs"
        ]
    );
    let expected = format!(
        "// @generated by cargo xtask codegen from svc.wsdl (sha256 {}). Do not edit.\n",
        info.sha256
    );
    for (name, content) in &files {
        assert!(
            content.starts_with(&expected),
            "{name} starts with {:?}",
            content.lines().next()
        );
    }
}

#[test]
fn occurrence_and_nillability_map_to_option_nillable_vec() {
    let types = flat(&types_rs(&format!(
        r#"<xs:complexType name="Thing"><xs:sequence>
             <xs:element name="required" type="xs:string"/>
             <xs:element name="optional" type="xs:string" minOccurs="0"/>
             <xs:element name="nilOnly" type="xs:int" nillable="true"/>
             <xs:element name="both" type="xs:string" minOccurs="0" nillable="true"/>
             <xs:element name="many" type="tns:Item" minOccurs="0" maxOccurs="unbounded"/>
             <xs:element name="some" type="xs:string" minOccurs="2" maxOccurs="5"/>
             <xs:element name="when" type="xs:dateTime"/>
             <xs:element name="big" type="xs:integer"/>
             <xs:element name="blob" type="xs:base64Binary" minOccurs="0"/>
           </xs:sequence></xs:complexType>
           <xs:complexType name="Item"><xs:sequence><xs:element name="v" type="xs:long"/></xs:sequence></xs:complexType>
           {}"#,
        bodies("tns:Thing", "tns:Item")
    )));
    for expected in [
        "pub required: String,",
        "pub optional: Option<String>,",
        "pub nil_only: xml::Nillable<i32>,",
        "pub both: Option<xml::Nillable<String>>,",
        "pub many: Vec<Item>,",
        "pub when: xml::XsdDateTime,",
        "pub big: xml::Integer,",
        "pub blob: Option<Vec<u8>>,",
        "pub v: i64,",
        "/// `<both>`: optional, nillable.",
        "/// `<many>`: repeated (0..unbounded).",
        // Codec calls per shape.
        "w.simple_nillable(xml::Name::unqualified(\"nilOnly\"), &self.nil_only);",
        "&mut many, &child, xml::XmlReader::complex_push,",
        "pub some: Vec<String>,",
        "/// `<some>`: repeated (2..5).",
        "if some.len() < 2 { r.require(None::<()>, \"some\")?; }",
        "required: r.require(required, \"required\")?,",
    ] {
        assert!(types.contains(expected), "missing `{expected}` in\n{types}");
    }
}

#[test]
fn element_form_decides_qualified_names_and_the_reader_check() {
    let text = service(&format!(
        r#"<xs:complexType name="Thing"><xs:sequence>
             <xs:element name="a" type="xs:string" form="qualified"/>
             <xs:element name="b" type="xs:string" form="qualified"/>
           </xs:sequence></xs:complexType>
           <xs:complexType name="Mixed"><xs:sequence>
             <xs:element name="q" type="xs:string" form="qualified"/>
             <xs:element name="u" type="xs:string"/>
           </xs:sequence></xs:complexType>
           {}"#,
        bodies("tns:Thing", "tns:Mixed")
    ));
    let types = flat(generate_text(&text).get("types.rs").unwrap());
    for expected in [
        "w.simple(xml::Name::new(TARGET_NAMESPACE, \"a\"), &self.a);",
        "while let Some(child) = r.next_child(xml::Form::Namespace(TARGET_NAMESPACE))? {",
        "w.simple(xml::Name::unqualified(\"u\"), &self.u);",
        // Mixed forms: the reader cannot check one form for all children, so each child is
        // checked against its own namespace.
        "while let Some(child) = r.next_element()? {",
        "\"q\" => { r.check_namespace(&child, Some(TARGET_NAMESPACE))?;",
        "\"u\" => { r.check_namespace(&child, None)?;",
    ] {
        assert!(types.contains(expected), "missing `{expected}` in\n{types}");
    }
}

#[test]
fn field_names_are_snake_case_escaped_and_disambiguated() {
    let types = flat(&types_rs(&format!(
        r#"<xs:complexType name="Thing"><xs:sequence>
             <xs:element name="type" type="xs:string"/>
             <xs:element name="Id" type="xs:int"/>
             <xs:element name="mObjCriteriaList" type="xs:string"/>
             <xs:element name="fooBar" type="xs:string"/>
             <xs:element name="foo_bar" type="xs:string"/>
             <xs:element name="r" type="xs:string"/>
           </xs:sequence></xs:complexType>
           {}"#,
        bodies("tns:Thing", "tns:Thing")
    )));
    for expected in [
        "pub r#type: String,",
        "pub id: i32,",
        "pub m_obj_criteria_list: String,",
        "pub foo_bar: String,",
        "pub foo_bar_2: String,",
        "\"foo_bar\" => {",
        // The decoder's reader variable steps aside for a field called `r`.
        "fn decode( r_: &mut xml::XmlReader<'_>",
    ] {
        assert!(types.contains(expected), "missing `{expected}` in\n{types}");
    }
}

#[test]
fn enumerations_get_upper_camel_variants_and_unknown() {
    let types = flat(&types_rs(&format!(
        r#"<xs:simpleType name="Status"><xs:restriction base="xs:string">
             <xs:enumeration value="IDNUM"/>
             <xs:enumeration value="VisitWebpage"/>
             <xs:enumeration value="ready for review"/>
             <xs:enumeration value="ready-for-review"/>
             <xs:enumeration value="Unknown"/>
             <xs:enumeration value="1"/>
             <xs:enumeration value="IDNUM"/>
           </xs:restriction></xs:simpleType>
           <xs:complexType name="Thing"><xs:sequence><xs:element name="s" type="tns:Status"/></xs:sequence></xs:complexType>
           {}"#,
        bodies("tns:Thing", "tns:Thing")
    )));
    for expected in [
        "pub enum Status {",
        "Idnum,",
        "VisitWebpage,",
        "ReadyForReview,",
        "ReadyForReview2,",
        "Unknown2,",
        "V1,",
        "Unknown(String),",
        "Self::ReadyForReview2 => \"ready-for-review\",",
        "\"Unknown\" => Self::Unknown2,",
        "other => Self::Unknown(other.to_owned()),",
        "impl xml::SimpleValue for Status",
        "impl std::str::FromStr for Status",
        "impl std::fmt::Display for Status",
    ] {
        assert!(types.contains(expected), "missing `{expected}` in\n{types}");
    }
    assert_eq!(
        types.matches("/// `IDNUM` Idnum,").count(),
        1,
        "duplicate values give one variant"
    );
}

#[test]
fn abstract_base_with_extensions_becomes_an_xsi_type_enum() {
    let types = flat(&types_rs(&format!(
        r#"<xs:complexType name="Selector" abstract="true"><xs:sequence>
             <xs:element name="common" type="xs:string" minOccurs="0"/>
           </xs:sequence></xs:complexType>
           <xs:complexType name="ByKey"><xs:complexContent><xs:extension base="tns:Selector">
             <xs:sequence><xs:element name="key" type="xs:string"/></xs:sequence>
           </xs:extension></xs:complexContent></xs:complexType>
           <xs:complexType name="ByDate"><xs:complexContent><xs:extension base="tns:Selector">
             <xs:sequence><xs:element name="since" type="xs:dateTime"/></xs:sequence>
           </xs:extension></xs:complexContent></xs:complexType>
           <xs:complexType name="Thing"><xs:sequence><xs:element name="selector" type="tns:Selector"/></xs:sequence></xs:complexType>
           {}"#,
        bodies("tns:Thing", "tns:Thing")
    )));
    for expected in [
        "pub enum Selector { /// `xsi:type=\"ByKey\"`. ByKey(ByKey), /// `xsi:type=\"ByDate\"`. ByDate(ByDate), }",
        "Self::ByKey(_) => Some(xml::Name::new(TARGET_NAMESPACE, \"ByKey\")),",
        "Some((Some(TARGET_NAMESPACE) | None, \"ByDate\")) => {",
        "xml::DecodeErrorKind::MissingXsiType",
        "xml::DecodeErrorKind::UnknownXsiType(other.to_owned())",
        "impl From<ByKey> for Selector",
        // Extension structs carry the base's fields first.
        "pub struct ByKey { /// `<common>`: optional. pub common: Option<String>, /// `<key>`: required. pub key: String, }",
        "pub selector: Selector,",
    ] {
        assert!(types.contains(expected), "missing `{expected}` in\n{types}");
    }
    assert!(
        !types.contains("pub struct Selector"),
        "no struct for the abstract base"
    );
}

/// The body of the generated `XmlDecode` impl for `rust_type` (up to the next impl).
fn decode_impl<'t>(types: &'t str, rust_type: &str) -> &'t str {
    let head = format!("impl xml::XmlDecode for {rust_type} {{");
    let start = types
        .find(&head)
        .unwrap_or_else(|| panic!("no decoder for {rust_type} in\n{types}"));
    let rest = &types[start + head.len()..];
    &rest[..rest.find("impl ").unwrap_or(rest.len())]
}

#[test]
fn decoders_check_attributes_only_for_types_that_declare_none() {
    let types = flat(&types_rs(&format!(
        r#"<xs:complexType name="Plain"><xs:sequence>
             <xs:element name="a" type="xs:string"/>
           </xs:sequence></xs:complexType>
           <xs:complexType name="WithAttr"><xs:sequence>
             <xs:element name="a" type="xs:string"/>
           </xs:sequence><xs:attribute name="id" type="xs:int"/></xs:complexType>
           <xs:complexType name="Derived"><xs:complexContent><xs:extension base="tns:WithAttr">
             <xs:sequence><xs:element name="b" type="xs:string"/></xs:sequence>
           </xs:extension></xs:complexContent></xs:complexType>
           <xs:complexType name="Text"><xs:simpleContent><xs:extension base="xs:string">
             <xs:attribute name="lang" type="xs:string"/>
           </xs:extension></xs:simpleContent></xs:complexType>
           <xs:complexType name="PlainText"><xs:simpleContent><xs:extension base="xs:string"/>
           </xs:simpleContent></xs:complexType>
           <xs:complexType name="Thing"><xs:sequence>
             <xs:element name="p" type="tns:Plain"/><xs:element name="w" type="tns:WithAttr"/>
             <xs:element name="d" type="tns:Derived"/>
             <xs:element name="t" type="tns:Text"/><xs:element name="u" type="tns:PlainText"/>
           </xs:sequence></xs:complexType>
           {}"#,
        bodies("tns:Thing", "tns:Thing")
    )));
    for (rust_type, checks) in [
        ("Plain", true),
        ("Thing", true),
        ("PlainText", true),
        ("WithAttrBase", false),
        ("Derived", false),
        ("Text", false),
    ] {
        let body = decode_impl(&types, rust_type);
        // A type whose content is one child element hands the whole loop, and the check, to
        // `only_child`.
        let only_child = body.contains(".only_child( start,");
        assert_eq!(only_child, rust_type == "Plain", "{rust_type}: {body}");
        assert_eq!(
            body.contains("r.check_no_attributes(start)?;") || only_child,
            checks,
            "{rust_type}: {body}"
        );
        if !checks {
            // Types with attributes read them, and route undeclared ones to the strict check.
            assert!(
                body.contains("for attribute in r.attributes(start)?")
                    && body.contains("_ => r.unknown_attribute(start, &attribute)?"),
                "{rust_type}: {body}"
            );
        }
    }
}

#[test]
fn decoders_check_sequence_order_where_the_schema_fixes_it() {
    let types = flat(&types_rs(&format!(
        r#"<xs:complexType name="Seq"><xs:sequence>
             <xs:element name="a" type="xs:string"/>
             <xs:choice><xs:element name="c1" type="xs:string"/><xs:element name="c2" type="xs:string"/></xs:choice>
             <xs:sequence maxOccurs="unbounded"><xs:element name="r1" type="xs:string"/></xs:sequence>
             <xs:sequence><xs:element name="n1" type="xs:string"/><xs:element name="n2" type="xs:string" maxOccurs="unbounded"/></xs:sequence>
             <xs:all><xs:element name="l1" type="xs:string"/></xs:all>
             <xs:element name="z" type="xs:string"/>
           </xs:sequence></xs:complexType>
           <xs:complexType name="Unordered"><xs:all>
             <xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/>
           </xs:all></xs:complexType>
           <xs:complexType name="Picked"><xs:choice>
             <xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/>
           </xs:choice></xs:complexType>
           <xs:complexType name="Base"><xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence></xs:complexType>
           <xs:complexType name="Ext"><xs:complexContent><xs:extension base="tns:Base">
             <xs:sequence><xs:element name="b" type="xs:string"/></xs:sequence>
           </xs:extension></xs:complexContent></xs:complexType>
           <xs:complexType name="Thing"><xs:sequence>
             <xs:element name="s" type="tns:Seq"/><xs:element name="u" type="tns:Unordered"/>
             <xs:element name="p" type="tns:Picked"/><xs:element name="e" type="tns:Ext"/>
           </xs:sequence></xs:complexType>
           {}"#,
        bodies("tns:Thing", "tns:Thing")
    )));
    // Choice members, a repeated group's members and an xs:all's members share a rank;
    // a nested plain sequence continues the count.
    let seq = decode_impl(&types, "Seq");
    assert!(
        seq.contains(
            r#"const ORDER: &[&[&str]] = &[ &["a"], &["c1", "c2"], &["r1"], &["n1"], &["n2"], &["l1"], &["z"], ];"#
        ),
        "{seq}"
    );
    for (element, rank) in [
        ("a", 0),
        ("c1", 1),
        ("c2", 1),
        ("r1", 2),
        ("n1", 3),
        ("n2", 4),
        ("l1", 5),
        ("z", 6),
    ] {
        let check = format!("\"{element}\" => {{ r.ordered( &mut order, {rank}, ORDER,");
        assert!(seq.contains(&check), "missing `{check}` in {seq}");
    }
    // Base fields come first in an extension.
    let ext = decode_impl(&types, "Ext");
    assert!(
        ext.contains(r#"const ORDER: &[&[&str]] = &[&["a"], &["b"]];"#),
        "{ext}"
    );
    // Nothing to check where the schema fixes no order.
    for rust_type in ["Unordered", "Picked"] {
        let body = decode_impl(&types, rust_type);
        assert!(!body.contains("check_order"), "{rust_type}: {body}");
        assert!(!body.contains("ORDER"), "{rust_type}: {body}");
    }
}

#[test]
fn recursive_types_are_boxed_where_the_cycle_is_not_broken_by_a_vec() {
    let types = flat(&types_rs(&format!(
        r#"<xs:complexType name="Node"><xs:sequence>
             <xs:element name="child" type="tns:Node" minOccurs="0" nillable="true"/>
             <xs:element name="children" type="tns:Node" minOccurs="0" maxOccurs="unbounded"/>
             <xs:element name="other" type="tns:Other" minOccurs="0"/>
             <xs:element name="leaf" type="tns:Leaf"/>
           </xs:sequence></xs:complexType>
           <xs:complexType name="Other"><xs:sequence>
             <xs:element name="back" type="tns:Node"/>
           </xs:sequence></xs:complexType>
           <xs:complexType name="Leaf"><xs:sequence><xs:element name="v" type="xs:int"/></xs:sequence></xs:complexType>
           {}"#,
        bodies("tns:Node", "tns:Node")
    )));
    for expected in [
        "pub child: Option<xml::Nillable<Box<Node>>>,",
        "pub children: Vec<Node>,",
        "pub other: Option<Box<Other>>,",
        "pub back: Box<Node>,",
        "pub leaf: Leaf,",
    ] {
        assert!(types.contains(expected), "missing `{expected}` in\n{types}");
    }
}

#[test]
fn anonymous_types_are_named_after_parent_and_field() {
    let text = service(
        r#"<xs:element name="paramsGetThing"><xs:complexType><xs:sequence>
             <xs:element name="inner" minOccurs="0"><xs:complexType><xs:sequence>
               <xs:element name="x" type="xs:int"/>
             </xs:sequence></xs:complexType></xs:element>
             <xs:element name="mode"><xs:simpleType><xs:restriction base="xs:string">
               <xs:enumeration value="on"/><xs:enumeration value="off"/>
             </xs:restriction></xs:simpleType></xs:element>
             <xs:element name="limited"><xs:simpleType><xs:restriction base="xs:int">
               <xs:maxInclusive value="9"/>
             </xs:restriction></xs:simpleType></xs:element>
           </xs:sequence></xs:complexType></xs:element>
           <xs:element name="successGetThing"><xs:complexType><xs:sequence/></xs:complexType></xs:element>"#,
    );
    let files = generate_text(&text);
    let types = flat(files.get("types.rs").unwrap());
    for expected in [
        "pub struct ParamsGetThing {",
        "pub inner: Option<ParamsGetThingInner>,",
        "pub struct ParamsGetThingInner { /// `<x>`: required. pub x: i32, }",
        "pub mode: ParamsGetThingMode,",
        "pub enum ParamsGetThingMode {",
        "pub limited: i32,",
        "pub struct SuccessGetThing {}",
        "pub const ELEMENT: &'static str = \"paramsGetThing\";",
    ] {
        assert!(types.contains(expected), "missing `{expected}` in\n{types}");
    }
}

#[test]
fn operations_and_client_come_from_the_binding() {
    let text = service(&format!(
        r#"<xs:complexType name="Thing"><xs:sequence/></xs:complexType>{}"#,
        bodies("tns:Thing", "tns:Thing")
    ));
    let files = generate_text(&text);
    let ops = flat(files.get("operations.rs").unwrap());
    for expected in [
        "pub const GET_THING: OperationMeta = OperationMeta { name: \"getThing\", soap_action: \"urn:getThing\", soap_version: soap_runtime::envelope::SoapVersion::Soap11, namespace: types::TARGET_NAMESPACE, response_namespace: types::TARGET_NAMESPACE, request_element: \"paramsGetThing\", response_element: \"successGetThing\", input_headers: &[\"AuthenticationHeader\", \"ContextHeader\"], idempotent: true, };",
        "pub const OPERATIONS: &[OperationMeta] = &[GET_THING];",
        "GetThing(types::Thing),",
        "match start.namespace() { Some(types::TARGET_NAMESPACE) => { match start.local_name() { \"paramsGetThing\" => r.complex(start).map(Self::GetThing).map(Some), _ => Ok(None), } } _ => Ok(None), }",
        "/// Gets the thing.",
    ] {
        assert!(ops.contains(expected), "missing `{expected}` in\n{ops}");
    }
    let client = flat(files.get("client.rs").unwrap());
    for expected in [
        "pub fn get_thing( &self, params: &types::Thing, ) -> impl std::future::Future< Output = Result<types::Thing, soap_runtime::Error>, > + Send { self.invoke(&operations::GET_THING, params, &[]) }",
        "pub struct GetThingHeaders { /// The `<ContextHeader>` SOAP header (not sent when `None`). pub call_context: Option<types::ContextInfo>, }",
        "pub fn get_thing_with_headers( &self, params: &types::Thing, headers: &GetThingHeaders, ) -> impl std::future::Future< Output = Result<types::Thing, soap_runtime::Error>, > + Send { let mut extra = Vec::new();",
        "if let Some(header) = &headers.call_context { extra .push(soap_runtime::envelope::HeaderBlock { namespace: types::TARGET_NAMESPACE, local: \"ContextHeader\", value: header, }); }",
        "self.invoke(&operations::GET_THING, params, &extra) }",
    ] {
        assert!(
            client.contains(expected),
            "missing `{expected}` in\n{client}"
        );
    }
    assert!(
        !client.contains("AuthInfo"),
        "the runtime writes AuthenticationHeader itself"
    );
}

#[test]
fn rpc_element_parts_and_encoded_bindings_are_rejected_clearly() {
    let schema = format!(
        r#"<xs:complexType name="Thing"><xs:sequence/></xs:complexType>{}"#,
        bodies("tns:Thing", "tns:Thing")
    );
    // rpc/literal parts must use type= (WS-I Basic Profile R2203); these use element=.
    let rpc = service_with(&schema, "rpc", "literal", "soap");
    let err = generate(&load(&rpc), &input(&rpc)).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Unsupported(_)), "{err}");
    assert!(
        err.to_string()
            .contains("unsupported: rpc part `p` with element="),
        "{err}"
    );
    assert!(err.to_string().contains("getThing"), "{err}");

    let rpc_encoded = service_with(&schema, "rpc", "encoded", "soap");
    let err = generate(&load(&rpc_encoded), &input(&rpc_encoded)).unwrap_err();
    assert!(
        err.to_string().contains("unsupported: rpc/encoded"),
        "{err}"
    );

    let encoded = service_with(&schema, "document", "encoded", "soap");
    let err = generate(&load(&encoded), &input(&encoded)).unwrap_err();
    assert!(err.to_string().contains("encoded"), "{err}");
}

#[test]
fn soap12_binding_is_used_when_there_is_no_soap11_one() {
    let schema = format!(
        r#"<xs:complexType name="Thing"><xs:sequence/></xs:complexType>{}"#,
        bodies("tns:Thing", "tns:Thing")
    );
    let text = service_with(&schema, "document", "literal", "soap12");
    let files = generate_text(&text);
    assert!(
        files
            .get("operations.rs")
            .unwrap()
            .contains("pub const GET_THING")
    );
}

#[test]
fn generation_is_byte_identical_across_runs() {
    let text = service(&format!(
        r#"<xs:simpleType name="E"><xs:restriction base="xs:string"><xs:enumeration value="a"/></xs:restriction></xs:simpleType>
           <xs:complexType name="Thing"><xs:sequence><xs:element name="e" type="tns:E" maxOccurs="3"/></xs:sequence></xs:complexType>
           {}"#,
        bodies("tns:Thing", "tns:Thing")
    ));
    let first = generate_text(&text);
    for _ in 0..3 {
        assert_eq!(generate_text(&text), first);
    }
}

#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn marketo_2_2_generates_identically_twice_and_has_every_type() {
    let path = shared_dir().join("wsdl/marketo/mktows-2_2.wsdl");
    let bytes = std::fs::read(&path).unwrap();
    let defs = wsdl::load(&path).unwrap();
    let info = InputInfo::from_bytes("mktows-2_2.wsdl", &bytes);
    let first = codegen::generate_with(&defs, &info, &marketo_like()).unwrap();
    assert_eq!(
        codegen::generate_with(&defs, &info, &marketo_like()).unwrap(),
        first
    );
    let types = first.get("types.rs").unwrap();
    // 127 complex types: 126 structs + the LeadSelector enum; 15 enumerations.
    assert_eq!(types.matches("\npub struct ").count(), 126);
    assert_eq!(types.matches("\npub enum ").count(), 16);
    assert_eq!(types.matches("    Unknown(String),").count(), 15);
    assert!(types.contains("pub enum LeadSelector {"));
    let ops = first.get("operations.rs").unwrap();
    assert_eq!(
        ops.matches("pub const ").count(),
        24,
        "23 operations + OPERATIONS"
    );
    let client = first.get("client.rs").unwrap();
    assert!(flat(client).contains(
        "pub fn sync_lead_with_headers( &self, params: &types::ParamsSyncLead, headers: &SyncLeadHeaders, ) -> impl std::future::Future< Output = Result<types::SuccessSyncLead, soap_runtime::Error>, > + Send {"
    ));
}

#[test]
fn descriptions_without_a_usable_binding_or_body_are_rejected_with_context() {
    let schema = format!(
        r#"<xs:complexType name="Thing"><xs:sequence/></xs:complexType>{}"#,
        bodies("tns:Thing", "tns:Thing")
    );
    // Only an HTTP binding: nothing to generate a SOAP client for.
    let http = service(&schema)
        .replace(
            "<soap:binding style=\"document\" transport=\"http://schemas.xmlsoap.org/soap/http\"/>",
            "<http:binding xmlns:http=\"http://schemas.xmlsoap.org/wsdl/http/\" verb=\"GET\"/>",
        )
        .replace("<soap:operation soapAction=\"urn:getThing\"/>", "");
    let err = generate(&load(&http), &input(&http)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::NoSoapBinding, "{err}");

    // Two body parts.
    let two_parts = service(&schema).replace(
        "<wsdl:part name=\"p\" element=\"tns:paramsGetThing\"/>",
        "<wsdl:part name=\"p\" element=\"tns:paramsGetThing\"/><wsdl:part name=\"q\" element=\"tns:successGetThing\"/>",
    );
    let err = generate(&load(&two_parts), &input(&two_parts)).unwrap_err();
    assert!(err.to_string().contains("input body has 2 parts"), "{err}");
    assert!(err.to_string().contains("operation `getThing`"), "{err}");

    // A body element of simple type is a struct holding its text; a nillable one (whose text
    // may be `xsi:nil`) is refused.
    let simple = service(
        r#"<xs:element name="paramsGetThing" type="xs:string"/>
           <xs:element name="successGetThing" type="xs:int"/>"#,
    );
    let files = generate(&load(&simple), &input(&simple)).expect("simple-typed bodies");
    let types = flat(files.get("types.rs").expect("types.rs"));
    assert!(
        types.contains("pub struct SuccessGetThing { /// The element's text. pub value: i32, }"),
        "{types}"
    );
    let nillable = simple.replace(r#"type="xs:int"/>"#, r#"type="xs:int" nillable="true"/>"#);
    let err = generate(&load(&nillable), &input(&nillable)).unwrap_err();
    assert!(err.to_string().contains("without complex content"), "{err}");

    // Mixed content with a wildcard beside named children is not modelled: refused where the
    // wildcard is written.
    let mixed = service(&format!(
        r###"<xs:complexType name="Thing" mixed="true"><xs:sequence><xs:element name="blob" type="xs:string"/><xs:any namespace="##other"/></xs:sequence></xs:complexType>{}"###,
        bodies("tns:Thing", "tns:Thing")
    ));
    let err = generate(&load(&mixed), &input(&mixed)).unwrap_err();
    assert!(err.to_string().starts_with("svc.wsdl:8:"), "{err}");
    assert!(err.to_string().contains("complex type `Thing`"), "{err}");
    assert!(err.to_string().contains("unsupported: mixed"), "{err}");
}

#[test]
fn declared_checks_and_paging_become_trait_impls() {
    let text = service(&format!(
        r#"<xs:complexType name="Thing"><xs:sequence>
             <xs:element name="position" type="xs:string" minOccurs="0" nillable="true"/>
             <xs:element name="result" type="tns:Result"/>
           </xs:sequence></xs:complexType>
           <xs:complexType name="Result"><xs:sequence>
             <xs:element name="next" type="xs:string"/>
             <xs:element name="left" type="xs:int"/>
           </xs:sequence></xs:complexType>{}"#,
        bodies("tns:Thing", "tns:Thing")
    ));
    let declarations = codegen::Declarations::from_toml(
        "[checks]\ngetThing = \"crate::checks::thing\"\n\
         [paging.getThing]\ntoken = \"position\"\nnext_token = \"result/next\"\nmore = \"result/left\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let files = codegen::generate_with(&load(&text), &input(&text), &declarations)
        .unwrap_or_else(|e| panic!("{e}"));
    let rules = flat(files.get("rules.rs").unwrap());
    for expected in [
        "impl soap_runtime::Validate for types::Thing { #[inline] fn validate(&self) -> Result<(), String> { crate::checks::thing(self) } }",
        "impl soap_runtime::Paginated for types::Thing {",
        "type Token = String;",
        "self.position.as_ref().and_then(xml::Nillable::value).cloned()",
        "next.position = Some(xml::Nillable::Value(token));",
        "if *v <= 0 { return None; }",
        "let v = &v.next;",
    ] {
        assert!(rules.contains(expected), "missing `{expected}` in\n{rules}");
    }
    let wrong = codegen::Declarations::from_toml(
        "[paging.getThing]\ntoken = \"position\"\nnext_token = \"result/missing\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let err = codegen::generate_with(&load(&text), &input(&text), &wrong).unwrap_err();
    assert!(
        err.to_string().contains("has no element `missing`"),
        "{err}"
    );
}

#[test]
fn default_is_derived_where_every_field_has_a_sensible_default() {
    let types = flat(&types_rs(&format!(
        r#"<xs:simpleType name="Mode"><xs:restriction base="xs:string"><xs:enumeration value="on"/></xs:restriction></xs:simpleType>
           <xs:complexType name="Texty"><xs:sequence>
             <xs:element name="s" type="xs:string"/><xs:element name="n" type="xs:int"/>
             <xs:element name="l" type="xs:string" maxOccurs="unbounded"/>
           </xs:sequence></xs:complexType>
           <xs:complexType name="Outer"><xs:sequence><xs:element name="t" type="tns:Texty"/></xs:sequence></xs:complexType>
           <xs:complexType name="WithEnum"><xs:sequence><xs:element name="m" type="tns:Mode"/></xs:sequence></xs:complexType>
           <xs:complexType name="WithDate"><xs:sequence><xs:element name="d" type="xs:dateTime"/></xs:sequence></xs:complexType>
           <xs:complexType name="WithNil"><xs:sequence><xs:element name="v" type="xs:int" nillable="true"/></xs:sequence></xs:complexType>
           <xs:complexType name="Wrapping"><xs:sequence><xs:element name="w" type="tns:WithEnum"/></xs:sequence></xs:complexType>
           <xs:complexType name="Thing"><xs:sequence>
             <xs:element name="o" type="tns:Outer"/><xs:element name="e" type="tns:WithEnum"/>
             <xs:element name="d" type="tns:WithDate"/><xs:element name="n" type="tns:WithNil"/>
             <xs:element name="w" type="tns:Wrapping"/>
           </xs:sequence></xs:complexType>
           {}"#,
        bodies("tns:Thing", "tns:Thing")
    )));
    for (rust_type, derives_default) in [
        ("Texty", true),
        ("Outer", true),
        ("WithEnum", false),
        ("WithDate", false),
        ("WithNil", false),
        ("Wrapping", false),
        ("Thing", false),
    ] {
        let head = format!("pub struct {rust_type} {{");
        let at = types
            .find(&head)
            .unwrap_or_else(|| panic!("no {rust_type}"));
        let derive_at = types[..at].rfind("#[derive(").expect("derive");
        assert_eq!(
            types[derive_at..at].contains("Default"),
            derives_default,
            "{rust_type}: {}",
            &types[derive_at..at]
        );
    }
}
