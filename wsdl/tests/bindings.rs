//! Bindings, messages and services of `fixtures/bindings.wsdl`.

mod common;

use wsdl::{BindingProtocol, Definitions, PartKind, QName, Style, TypeRef, Use};

const NS: &str = "urn:example:bindings";

fn load() -> Definitions {
    wsdl::load(&common::fixture("bindings.wsdl")).unwrap_or_else(|e| panic!("{e}"))
}

fn binding<'a>(d: &'a Definitions, name: &str) -> &'a wsdl::Binding {
    d.binding(&QName::new(NS, name))
        .unwrap_or_else(|| panic!("binding {name}"))
}

#[test]
fn soap_version_comes_from_the_namespace_not_the_prefix() {
    let d = load();
    assert_eq!(
        binding(&d, "Soap12Binding").protocol,
        BindingProtocol::Soap12
    );
    assert_eq!(
        binding(&d, "Soap11Binding").protocol,
        BindingProtocol::Soap11
    );
    assert_eq!(binding(&d, "HttpBinding").protocol, BindingProtocol::Other);
    assert_eq!(
        binding(&d, "Soap12Binding").transport.as_deref(),
        Some("http://schemas.xmlsoap.org/soap/http")
    );
}

#[test]
fn style_defaults_to_document_and_operations_override_it() {
    let d = load();
    let soap12 = binding(&d, "Soap12Binding");
    assert_eq!(soap12.style, Style::Document);
    let styles: Vec<(&str, Style)> = soap12
        .operations
        .iter()
        .map(|o| (o.name.as_str(), o.style))
        .collect();
    assert_eq!(styles, [("ping", Style::Document), ("paint", Style::Rpc)]);
    let soap11 = binding(&d, "Soap11Binding");
    assert_eq!(soap11.style, Style::Rpc);
    let styles: Vec<(&str, Style)> = soap11
        .operations
        .iter()
        .map(|o| (o.name.as_str(), o.style))
        .collect();
    assert_eq!(styles, [("ping", Style::Document), ("paint", Style::Rpc)]);
}

#[test]
fn soap_action_body_and_header_details() {
    let d = load();
    let soap12 = binding(&d, "Soap12Binding");
    let ping = &soap12.operations[0];
    assert_eq!(ping.soap_action.as_deref(), Some("urn:ping"));
    let input = ping.input.as_ref().expect("input");
    assert_eq!(input.body_use, Use::Literal);
    assert_eq!(input.body_parts, Some(vec!["parameters".to_owned()]));
    assert_eq!(input.headers.len(), 1);
    assert_eq!(input.headers[0].message, QName::new(NS, "AuthHeader"));
    assert_eq!(input.headers[0].part, "auth");
    assert_eq!(input.headers[0].header_use, Use::Literal);
    assert!(ping.output.as_ref().expect("output").headers.is_empty());

    let paint = &soap12.operations[1];
    let input = paint.input.as_ref().expect("input");
    assert_eq!(input.body_use, Use::Encoded);
    assert_eq!(input.body_namespace.as_deref(), Some("urn:example:paint"));
    assert_eq!(input.body_parts, None);

    let soap11 = binding(&d, "Soap11Binding");
    assert_eq!(soap11.operations[0].soap_action.as_deref(), Some(""));
    assert_eq!(soap11.operations[1].soap_action, None);
    let http = binding(&d, "HttpBinding");
    assert_eq!(http.operations.len(), 1);
    assert_eq!(http.operations[0].soap_action, None);
}

#[test]
fn rpc_parts_refer_to_types_and_operations_keep_faults() {
    let d = load();
    let paint_in = d.message(&QName::new(NS, "PaintIn")).expect("PaintIn");
    let kinds: Vec<(&str, &PartKind)> = paint_in
        .parts
        .iter()
        .map(|p| (p.name.as_str(), &p.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "color",
                &PartKind::Type(TypeRef::Named(QName::new(NS, "Color")))
            ),
            ("count", &PartKind::Type(TypeRef::BuiltIn("int".to_owned()))),
        ]
    );
    let ping_in = d.message(&QName::new(NS, "PingIn")).expect("PingIn");
    assert_eq!(
        ping_in.parts[0].kind,
        PartKind::Element(QName::new(NS, "ping"))
    );
    let port = d.port_type(&QName::new(NS, "Port")).expect("Port");
    let paint = &port.operations[1];
    assert_eq!(paint.input, Some(QName::new(NS, "PaintIn")));
    assert_eq!(paint.output, Some(QName::new(NS, "PaintOut")));
    assert_eq!(
        paint.faults,
        vec![("failed".to_owned(), QName::new(NS, "Failed"))]
    );
    assert_eq!(
        port.operations[0].documentation.as_deref(),
        Some("Answers pong.")
    );
}

#[test]
fn definitions_and_service_addresses() {
    let d = load();
    assert_eq!(d.target_namespace, NS);
    assert_eq!(d.name.as_deref(), Some("bindings"));
    assert_eq!(d.documentation.as_deref(), Some("Binding fixture."));
    let service = d.service(&QName::new(NS, "Service")).expect("Service");
    let ports: Vec<(&str, &str, Option<&str>)> = service
        .ports
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.binding.local.as_str(),
                p.address.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        ports,
        [
            (
                "Soap12Port",
                "Soap12Binding",
                Some("https://example.com/soap12")
            ),
            (
                "Soap11Port",
                "Soap11Binding",
                Some("https://example.com/soap11")
            ),
            ("HttpPort", "HttpBinding", Some("https://example.com/http")),
        ]
    );
}

/// The four transmission primitives differ only in which of input and output exist and which
/// comes first: `output_first` records the order.
#[test]
fn operations_record_whether_the_output_comes_first() {
    let text = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:tns="urn:example:primitives" targetNamespace="urn:example:primitives">
  <wsdl:message name="M"/>
  <wsdl:portType name="P">
    <wsdl:operation name="requestResponse"><wsdl:input message="tns:M"/><wsdl:output message="tns:M"/></wsdl:operation>
    <wsdl:operation name="oneWay"><wsdl:input message="tns:M"/></wsdl:operation>
    <wsdl:operation name="solicitResponse"><wsdl:documentation>first</wsdl:documentation><wsdl:output message="tns:M"/><wsdl:input message="tns:M"/></wsdl:operation>
    <wsdl:operation name="notification"><wsdl:output message="tns:M"/></wsdl:operation>
  </wsdl:portType>
</wsdl:definitions>"#;
    let resolver = wsdl::MemoryResolver::new().with("p.wsdl", text);
    let d = wsdl::load_with("p.wsdl", &resolver).unwrap_or_else(|e| panic!("{e}"));
    let port = d
        .port_type(&QName::new("urn:example:primitives", "P"))
        .expect("P");
    let shapes: Vec<(&str, bool, bool, bool)> = port
        .operations
        .iter()
        .map(|o| {
            (
                o.name.as_str(),
                o.input.is_some(),
                o.output.is_some(),
                o.output_first,
            )
        })
        .collect();
    assert_eq!(
        shapes,
        [
            ("requestResponse", true, true, false),
            ("oneWay", true, false, false),
            ("solicitResponse", true, true, true),
            ("notification", false, true, true),
        ]
    );
}
