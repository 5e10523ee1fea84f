//! Builds messages, port types, bindings and services from the indexed `wsdl:definitions`.

use roxmltree::Node;

use crate::error::{Error, ErrorKind};
use crate::index::{Index, Kind, WsdlContext};
use crate::model::{
    Binding, BindingMessage, BindingOperation, BindingProtocol, Definitions, HeaderRef, Message,
    Operation, Part, PartKind, Port, PortType, QName, Service, Style, TypeRef, Use,
};
use crate::namespaces::{SOAP_ENC_NS, SOAP11_NS, SOAP12_NS, WSDL_NS, XS_NS, is_built_in_type};
use crate::source::{children_named, text_of};

/// Fills in everything but the schema; `definitions` already holds the schema.
pub(crate) fn build(index: &Index<'_, '_>, definitions: &mut Definitions) -> Result<(), Error> {
    let Some(entry) = index.wsdls.first() else {
        return Err(Error::without_position(ErrorKind::Invalid(
            "the entry document is not a WSDL (wsdl:definitions)".to_owned(),
        )));
    };
    definitions.target_namespace = entry.target_namespace.clone();
    definitions.name = entry.node.attribute("name").map(str::to_owned);
    definitions.documentation = wsdl_documentation(entry.node);
    for wsdl in &index.wsdls {
        for node in children_named(wsdl.node, WSDL_NS, "message") {
            definitions.messages.push(message(index, wsdl, node)?);
        }
    }
    for wsdl in &index.wsdls {
        for node in children_named(wsdl.node, WSDL_NS, "portType") {
            definitions.port_types.push(port_type(index, wsdl, node)?);
        }
    }
    for wsdl in &index.wsdls {
        for node in children_named(wsdl.node, WSDL_NS, "binding") {
            let binding = binding(index, wsdl, node, definitions)?;
            definitions.bindings.push(binding);
        }
    }
    for wsdl in &index.wsdls {
        for node in children_named(wsdl.node, WSDL_NS, "service") {
            definitions.services.push(service(index, wsdl, node)?);
        }
    }
    Ok(())
}

fn wsdl_documentation(node: Node<'_, '_>) -> Option<String> {
    children_named(node, WSDL_NS, "documentation").find_map(text_of)
}

fn own_name(wsdl: &WsdlContext<'_, '_>, node: Node<'_, '_>) -> Result<QName, Error> {
    Ok(QName {
        namespace: wsdl.target_namespace.clone(),
        local: wsdl.source.required_attribute(node, "name")?.to_owned(),
    })
}

/// Resolves a QName attribute and checks that it names a definition of `kind`.
fn reference(
    index: &Index<'_, '_>,
    wsdl: &WsdlContext<'_, '_>,
    node: Node<'_, '_>,
    attribute: &str,
    kind: Kind,
) -> Result<QName, Error> {
    let written = wsdl.source.required_attribute(node, attribute)?;
    let qname = wsdl.source.qname(node, written)?;
    if index.contains(kind, &qname) {
        Ok(qname)
    } else {
        Err(wsdl.source.error(
            node,
            ErrorKind::Undefined {
                kind: kind.label(),
                name: written.trim().to_owned(),
            },
        ))
    }
}

fn message(
    index: &Index<'_, '_>,
    wsdl: &WsdlContext<'_, '_>,
    node: Node<'_, '_>,
) -> Result<Message, Error> {
    let source = wsdl.source;
    let mut parts = Vec::new();
    for part in children_named(node, WSDL_NS, "part") {
        let name = source.required_attribute(part, "name")?.to_owned();
        let kind = if part.attribute("element").is_some() {
            PartKind::Element(reference(index, wsdl, part, "element", Kind::Element)?)
        } else if let Some(written) = part.attribute("type") {
            PartKind::Type(part_type(index, wsdl, part, written)?)
        } else {
            return Err(source.error(
                part,
                ErrorKind::Invalid(format!("part `{name}` has neither `element` nor `type`")),
            ));
        };
        parts.push(Part {
            name,
            kind,
            position: source.position(part),
        });
    }
    Ok(Message {
        name: own_name(wsdl, node)?,
        parts,
        position: source.position(node),
    })
}

fn part_type(
    index: &Index<'_, '_>,
    wsdl: &WsdlContext<'_, '_>,
    node: Node<'_, '_>,
    written: &str,
) -> Result<TypeRef, Error> {
    let qname = wsdl.source.qname(node, written)?;
    if qname.namespace == XS_NS && is_built_in_type(&qname.local) {
        return Ok(TypeRef::BuiltIn(qname.local));
    }
    if qname.namespace == SOAP_ENC_NS {
        return Err(wsdl.source.error(
            node,
            ErrorKind::Unsupported(format!(
                "SOAP encoding type {} (rpc/encoded schemas are not modelled)",
                written.trim()
            )),
        ));
    }
    if qname.namespace != XS_NS && index.contains(Kind::Type, &qname) {
        return Ok(TypeRef::Named(qname));
    }
    Err(wsdl.source.error(
        node,
        ErrorKind::Undefined {
            kind: Kind::Type.label(),
            name: written.trim().to_owned(),
        },
    ))
}

fn port_type(
    index: &Index<'_, '_>,
    wsdl: &WsdlContext<'_, '_>,
    node: Node<'_, '_>,
) -> Result<PortType, Error> {
    let source = wsdl.source;
    let mut operations = Vec::new();
    for operation in children_named(node, WSDL_NS, "operation") {
        let optional_message = |local: &str| -> Result<Option<QName>, Error> {
            children_named(operation, WSDL_NS, local)
                .next()
                .map(|n| reference(index, wsdl, n, "message", Kind::Message))
                .transpose()
        };
        let mut faults = Vec::new();
        for fault in children_named(operation, WSDL_NS, "fault") {
            faults.push((
                source.required_attribute(fault, "name")?.to_owned(),
                reference(index, wsdl, fault, "message", Kind::Message)?,
            ));
        }
        operations.push(Operation {
            name: source.required_attribute(operation, "name")?.to_owned(),
            documentation: wsdl_documentation(operation),
            input: optional_message("input")?,
            output: optional_message("output")?,
            output_first: output_written_first(operation),
            faults,
            position: source.position(operation),
        });
    }
    Ok(PortType {
        name: own_name(wsdl, node)?,
        operations,
    })
}

/// Whether a port type operation's `wsdl:output` comes before its `wsdl:input` (or has none
/// after it): solicit-response and notification operations.
fn output_written_first(operation: Node<'_, '_>) -> bool {
    operation
        .children()
        .filter(|c| c.is_element() && c.tag_name().namespace() == Some(WSDL_NS))
        .find(|c| matches!(c.tag_name().name(), "input" | "output"))
        .is_some_and(|c| c.tag_name().name() == "output")
}

/// The SOAP extension namespace of a binding, from its `binding` extension element.
fn protocol_of<'a, 'input>(node: Node<'a, 'input>) -> (BindingProtocol, Option<Node<'a, 'input>>) {
    for child in node.children().filter(|c| c.is_element()) {
        if child.tag_name().name() != "binding" {
            continue;
        }
        match child.tag_name().namespace() {
            Some(SOAP11_NS) => return (BindingProtocol::Soap11, Some(child)),
            Some(SOAP12_NS) => return (BindingProtocol::Soap12, Some(child)),
            _ => {}
        }
    }
    (BindingProtocol::Other, None)
}

fn soap_namespace(protocol: BindingProtocol) -> Option<&'static str> {
    match protocol {
        BindingProtocol::Soap11 => Some(SOAP11_NS),
        BindingProtocol::Soap12 => Some(SOAP12_NS),
        BindingProtocol::Other => None,
    }
}

fn parse_style(wsdl: &WsdlContext<'_, '_>, node: Node<'_, '_>) -> Result<Option<Style>, Error> {
    match node.attribute("style").map(str::trim) {
        None => Ok(None),
        Some("document") => Ok(Some(Style::Document)),
        Some("rpc") => Ok(Some(Style::Rpc)),
        Some(other) => Err(wsdl.source.error(
            node,
            ErrorKind::Invalid(format!("`style` must be document or rpc, not `{other}`")),
        )),
    }
}

fn parse_use(wsdl: &WsdlContext<'_, '_>, node: Node<'_, '_>) -> Result<Use, Error> {
    match node.attribute("use").map(str::trim) {
        None | Some("literal") => Ok(Use::Literal),
        Some("encoded") => Ok(Use::Encoded),
        Some(other) => Err(wsdl.source.error(
            node,
            ErrorKind::Invalid(format!("`use` must be literal or encoded, not `{other}`")),
        )),
    }
}

fn binding(
    index: &Index<'_, '_>,
    wsdl: &WsdlContext<'_, '_>,
    node: Node<'_, '_>,
    definitions: &Definitions,
) -> Result<Binding, Error> {
    let source = wsdl.source;
    let port_type_name = reference(index, wsdl, node, "type", Kind::PortType)?;
    let port_type = definitions
        .port_types
        .iter()
        .find(|p| p.name == port_type_name);
    let (protocol, soap_binding) = protocol_of(node);
    let style = match soap_binding {
        Some(soap_binding) => parse_style(wsdl, soap_binding)?.unwrap_or_default(),
        None => Style::Document,
    };
    let transport = soap_binding
        .and_then(|b| b.attribute("transport"))
        .map(str::to_owned);
    let soap_ns = soap_namespace(protocol);
    let mut operations = Vec::new();
    for operation in children_named(node, WSDL_NS, "operation") {
        let name = source.required_attribute(operation, "name")?.to_owned();
        if let Some(port_type) = port_type
            && !port_type.operations.iter().any(|o| o.name == name)
        {
            return Err(source.error(
                operation,
                ErrorKind::Undefined {
                    kind: "operation",
                    name: format!("{name} (in port type {})", port_type_name.local),
                },
            ));
        }
        let soap_operation =
            soap_ns.and_then(|ns| children_named(operation, ns, "operation").next());
        let soap_action = soap_operation
            .and_then(|o| o.attribute("soapAction"))
            .map(str::to_owned);
        let operation_style = match soap_operation {
            Some(o) => parse_style(wsdl, o)?.unwrap_or(style),
            None => style,
        };
        let message = |local: &str| -> Result<Option<BindingMessage>, Error> {
            children_named(operation, WSDL_NS, local)
                .next()
                .map(|n| binding_message(index, wsdl, n, soap_ns, definitions))
                .transpose()
        };
        operations.push(BindingOperation {
            name,
            soap_action,
            style: operation_style,
            input: message("input")?,
            output: message("output")?,
            position: source.position(operation),
        });
    }
    Ok(Binding {
        name: own_name(wsdl, node)?,
        port_type: port_type_name,
        protocol,
        style,
        transport,
        operations,
        position: source.position(node),
    })
}

fn binding_message(
    index: &Index<'_, '_>,
    wsdl: &WsdlContext<'_, '_>,
    node: Node<'_, '_>,
    soap_ns: Option<&str>,
    definitions: &Definitions,
) -> Result<BindingMessage, Error> {
    let mut result = BindingMessage {
        body_use: Use::Literal,
        body_parts: None,
        body_namespace: None,
        headers: Vec::new(),
        position: wsdl.source.position(node),
    };
    let Some(soap_ns) = soap_ns else {
        return Ok(result);
    };
    if let Some(body) = children_named(node, soap_ns, "body").next() {
        result.body_use = parse_use(wsdl, body)?;
        result.body_parts = body
            .attribute("parts")
            .map(|p| p.split_whitespace().map(str::to_owned).collect());
        result.body_namespace = body.attribute("namespace").map(str::to_owned);
    }
    for header in children_named(node, soap_ns, "header") {
        let message = reference(index, wsdl, header, "message", Kind::Message)?;
        let part = wsdl.source.required_attribute(header, "part")?.to_owned();
        let has_part = definitions
            .messages
            .iter()
            .find(|m| m.name == message)
            .is_some_and(|m| m.parts.iter().any(|p| p.name == part));
        if !has_part {
            return Err(wsdl.source.error(
                header,
                ErrorKind::Undefined {
                    kind: "part",
                    name: format!(
                        "{part} (of message {})",
                        header.attribute("message").unwrap_or_default().trim()
                    ),
                },
            ));
        }
        result.headers.push(HeaderRef {
            message,
            part,
            header_use: parse_use(wsdl, header)?,
            position: wsdl.source.position(header),
        });
    }
    Ok(result)
}

fn service(
    index: &Index<'_, '_>,
    wsdl: &WsdlContext<'_, '_>,
    node: Node<'_, '_>,
) -> Result<Service, Error> {
    let mut ports = Vec::new();
    for port in children_named(node, WSDL_NS, "port") {
        let address = port
            .children()
            .filter(|c| c.is_element() && c.tag_name().name() == "address")
            .find_map(|c| c.attribute("location"))
            .map(str::to_owned);
        ports.push(Port {
            name: wsdl.source.required_attribute(port, "name")?.to_owned(),
            binding: reference(index, wsdl, port, "binding", Kind::Binding)?,
            address,
        });
    }
    Ok(Service {
        name: own_name(wsdl, node)?,
        ports,
    })
}
