//! Which bindings to generate clients for, and what each of their operations looks like on the
//! wire (SOAP action, body elements, headers), with Rust names decided.
//!
//! [`select`] picks the one binding an embedded client (methods on the host crate's `Client`)
//! is generated for; [`select_all`] takes every SOAP 1.1 and 1.2 binding, one generated client
//! each, and notes the bindings it skips (HTTP GET/POST).

use wsdl::{
    Binding, BindingMessage, BindingProtocol, Definitions, Message, Part, PartKind, QName, Style,
    Use,
};

use crate::Error;
use crate::declarations::Declarations;
use crate::naming::{self, NameScope};
use crate::plan::{RpcWrapper, TypesPlan, code_span, doc_lines};

/// Inherent methods the hand-written runtime defines on `Client`; port methods with these names
/// get a numeric suffix instead of clashing.
const RUNTIME_CLIENT_METHODS: &[&str] = &[
    "builder",
    "endpoint",
    "from_endpoint",
    "from_inner",
    "invoke",
    "new",
    "pages",
    "runtime",
    "user_id",
];

/// The chosen binding and the wire facts of its operations, before Rust types are attached.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceWire<'d> {
    /// The binding.
    pub binding: &'d Binding,
    /// `soap:address/@location` of the chosen port, if any.
    pub address: Option<&'d str>,
    /// Every port that uses the binding: (port name, address), in description order.
    pub ports: Vec<(&'d str, Option<&'d str>)>,
    /// Operations in binding order.
    pub operations: Vec<OperationWire<'d>>,
}

/// One operation's wire facts.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationWire<'d> {
    /// Operation name.
    pub name: &'d str,
    /// Where the binding operation was written (refusals about the operation point here).
    pub position: &'d wsdl::Position,
    /// `wsdl:documentation` of the port type operation.
    pub documentation: Option<&'d str>,
    /// `soapAction` ("" when absent).
    pub soap_action: &'d str,
    /// The request body.
    pub request: BodyWire<'d>,
    /// The response body; `None` for a one-way operation (input only), which the server
    /// answers without one.
    pub response: Option<BodyWire<'d>>,
    /// Input headers: (part name, global element), in binding order.
    pub input_headers: Vec<(&'d str, &'d QName)>,
    /// Output headers (`soap:header` in the binding operation's `<output>`): (part name,
    /// global element), in binding order.
    pub output_headers: Vec<(&'d str, &'d QName)>,
    /// Declared faults whose message is one element part: (fault name, detail element), in
    /// port type order.
    pub faults: Vec<(&'d str, &'d QName)>,
    /// Declared faults that cannot be typed, and why (their detail still arrives whole in the
    /// runtime's `SoapFault::detail`).
    pub untyped_faults: Vec<String>,
}

/// What a body carries, by the operation's style.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyWire<'d> {
    /// document/literal: the global element of the message's single body part.
    Element(&'d QName),
    /// rpc/literal: a wrapper element named after the operation whose children are the parts.
    Rpc(RpcWrapper),
    /// document/literal with no body part (a message without parts, or `soap:body parts=""`):
    /// an empty `soap:Body`, e.g. the request of an operation without parameters (WS-I Basic
    /// Profile R2210 allows zero parts).
    Empty,
}

impl BodyWire<'_> {
    /// The body's root element; `None` for an empty body.
    pub fn element(&self) -> Option<&QName> {
        match self {
            BodyWire::Element(q) => Some(q),
            BodyWire::Rpc(wrapper) => Some(&wrapper.element),
            BodyWire::Empty => None,
        }
    }
}

/// The response body of an operation with one, as planned.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponsePlan {
    /// Body element local name.
    pub element: String,
    /// Body element namespace (the request's, unless the response element is declared in
    /// another schema).
    pub namespace: String,
    /// Rust type of the body.
    pub rust_type: String,
}

/// A caller-supplied SOAP header of an operation (a field of its headers struct).
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderParam {
    /// Field name (snake_case of the part name).
    pub param: String,
    /// Header element local name.
    pub element: String,
    /// The `types.rs` constant holding the header element's namespace (`TARGET_NAMESPACE`
    /// unless its schema is another); `None` for an element in no namespace.
    pub namespace: Option<String>,
    /// Rust type of the header content.
    pub rust_type: String,
}

/// The SOAP headers a reply of an operation declares, decoded by its `<Op>ReplyHeaders`
/// struct and returned by its `<op>_with_reply_headers` method.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplyHeadersPlan {
    /// The struct (`CreateReplyHeaders`).
    pub struct_name: String,
    /// The port method returning the response with them (`create_with_reply_headers`).
    pub method: String,
    /// One field per declared output header.
    pub headers: Vec<HeaderParam>,
}

/// One declared fault of an operation: a variant of its `<Op>Fault` enum.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultVariant {
    /// The `wsdl:fault` name (`Rejected`).
    pub fault: String,
    /// Variant name.
    pub variant: String,
    /// Detail element local name.
    pub element: String,
    /// The `types.rs` constant holding the detail element's namespace; `None` for an element
    /// in no namespace.
    pub namespace: Option<String>,
    /// Rust type of the detail element.
    pub rust_type: String,
}

/// The declared faults of an operation, as the `<Op>Fault` enum.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultsPlan {
    /// The enum (`SubmitFault`).
    pub enum_name: String,
    /// One variant per declared fault with its own detail element, in port type order.
    pub variants: Vec<FaultVariant>,
}

/// An operation with Rust names.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationPlan {
    /// Operation name (`requestCampaign`).
    pub name: String,
    /// Metadata constant (`REQUEST_CAMPAIGN`).
    pub const_name: String,
    /// `Request`/`Response` variant (`RequestCampaign`).
    pub variant: String,
    /// Port method (`request_campaign`).
    pub method: String,
    /// With caller-supplied headers: the headers struct (`SyncLeadHeaders`) and the port
    /// method that takes it (`sync_lead_with_headers`).
    pub with_headers: Option<(String, String)>,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// `soapAction`.
    pub soap_action: String,
    /// Whether the binding is SOAP 1.2 (else 1.1).
    pub soap12: bool,
    /// Namespace of the request body element (the response's when the request body is empty,
    /// the schema's target namespace when both are); the response's own is in
    /// [`ResponsePlan::namespace`].
    pub namespace: String,
    /// Request body element local name; empty when the request body is.
    pub request_element: String,
    /// Rust type of the request body; `None` when the input message has no body part (the
    /// method takes no parameters and sends an empty `Body`).
    pub request_type: Option<String>,
    /// The response body; `None` for a one-way operation or an empty response body (both
    /// answered with no body element).
    pub response: Option<ResponsePlan>,
    /// All input header element local names.
    pub input_headers: Vec<String>,
    /// Headers the caller may supply (fields of the headers struct).
    pub extra_headers: Vec<HeaderParam>,
    /// The headers a reply declares, when the binding `<output>` has any.
    pub reply_headers: Option<ReplyHeadersPlan>,
    /// The declared faults, when the operation has any that can be typed.
    pub faults: Option<FaultsPlan>,
    /// Declared read-only (see [`Declarations::idempotent`]).
    pub idempotent: bool,
}

/// Picks the binding: the SOAP 1.1 (else SOAP 1.2) binding among the first service's ports;
/// without services, the first SOAP 1.1 (else 1.2) binding. Checks literal use.
pub fn select(defs: &Definitions) -> Result<ServiceWire<'_>, Error> {
    let (binding, address) = choose_binding(defs)?;
    wire_of(defs, binding, address)
}

/// Every SOAP binding, in port order (the ports of each service in turn, then bindings no port
/// uses, in description order), and a note for each binding skipped because it is not SOAP.
pub fn select_all(defs: &Definitions) -> Result<(Vec<ServiceWire<'_>>, Vec<String>), Error> {
    let mut order: Vec<&Binding> = Vec::new();
    for port in defs.services.iter().flat_map(|s| &s.ports) {
        if let Some(binding) = defs.bindings.iter().find(|b| b.name == port.binding)
            && !order.iter().any(|b| b.name == binding.name)
        {
            order.push(binding);
        }
    }
    for binding in &defs.bindings {
        if !order.iter().any(|b| b.name == binding.name) {
            order.push(binding);
        }
    }
    let mut wires = Vec::new();
    let mut skipped = Vec::new();
    for binding in order {
        if binding.protocol == BindingProtocol::Other {
            skipped.push(format!(
                "binding `{}` is not a SOAP binding (e.g. HTTP GET/POST) and has no client",
                binding.name.local
            ));
            continue;
        }
        let address = defs
            .services
            .iter()
            .flat_map(|s| &s.ports)
            .find(|p| p.binding == binding.name)
            .and_then(|p| p.address.as_deref());
        wires.push(wire_of(defs, binding, address)?);
    }
    if wires.is_empty() {
        return Err(Error {
            context: None,
            position: None,
            kind: crate::ErrorKind::NoSoapBinding,
        });
    }
    Ok((wires, skipped))
}

/// The wire facts of `binding`'s operations.
fn wire_of<'d>(
    defs: &'d Definitions,
    binding: &'d Binding,
    address: Option<&'d str>,
) -> Result<ServiceWire<'d>, Error> {
    let ports = defs
        .services
        .iter()
        .flat_map(|s| &s.ports)
        .filter(|p| p.binding == binding.name)
        .map(|p| (p.name.as_str(), p.address.as_deref()))
        .collect();
    let binding_context = format!("binding `{}`", binding.name.local);
    let port_type = defs
        .port_types
        .iter()
        .find(|pt| pt.name == binding.port_type)
        .ok_or_else(|| {
            Error::dangling(
                &binding_context,
                format!("port type `{}`", binding.port_type.local),
            )
            .at(&binding.position)
        })?;
    let mut operations = Vec::new();
    for bop in &binding.operations {
        let context = format!("{binding_context}, operation `{}`", bop.name);
        let op = port_type
            .operations
            .iter()
            .find(|o| o.name == bop.name)
            .ok_or_else(|| {
                Error::dangling(&context, "operation missing from the port type").at(&bop.position)
            })?;
        let rpc = bop.style == Style::Rpc;
        if rpc
            && [&bop.input, &bop.output]
                .into_iter()
                .flatten()
                .any(|m| m.body_use == Use::Encoded)
        {
            return Err(Error::unsupported_at(
                &bop.position,
                context,
                "rpc/encoded binding (SOAP encoding is not modelled; document/literal and rpc/literal are supported)",
            ));
        }
        let input_msg = match (&op.input, &op.output) {
            (Some(_), Some(_)) if op.output_first => {
                return Err(Error::unsupported_at(
                    &op.position,
                    context,
                    "solicit-response operation (the service would send first; a client cannot answer)",
                ));
            }
            (Some(input), _) => input,
            (None, Some(_)) => {
                return Err(Error::unsupported_at(
                    &op.position,
                    context,
                    "notification operation (output only: the service would send unasked)",
                ));
            }
            (None, None) => {
                return Err(Error::dangling(context, "input message").at(&op.position));
            }
        };
        let input = bop.input.as_ref();
        let output = bop.output.as_ref();
        let body = |message: &QName, binding: Option<&BindingMessage>, response: bool| {
            let direction = if response { "output" } else { "input" };
            if rpc {
                let element = if response {
                    format!("{}Response", bop.name)
                } else {
                    bop.name.clone()
                };
                rpc_body(defs, message, binding, element, &context, direction).map(BodyWire::Rpc)
            } else {
                body_element(defs, message, binding, &context, direction)
                    .map(|element| element.map_or(BodyWire::Empty, BodyWire::Element))
            }
        };
        let request = body(input_msg, input, false)?;
        let response = op
            .output
            .as_ref()
            .map(|output_msg| body(output_msg, output, true))
            .transpose()?;
        let mut input_headers = Vec::new();
        for header in input.map(|m| m.headers.as_slice()).unwrap_or_default() {
            if header.header_use == Use::Encoded {
                return Err(Error::unsupported_at(
                    &header.position,
                    context,
                    "encoded header (only literal is supported)",
                ));
            }
            let message = find_message(defs, &header.message, &context)?;
            let part = message
                .parts
                .iter()
                .find(|p| p.name == header.part)
                .ok_or_else(|| {
                    Error::dangling(&context, format!("header part `{}`", header.part))
                        .at(&header.position)
                })?;
            match &part.kind {
                PartKind::Element(element) => input_headers.push((part.name.as_str(), element)),
                PartKind::Type(_) => {
                    return Err(Error::unsupported_at(
                        &part.position,
                        context,
                        "header part with type= (rpc style)",
                    ));
                }
            }
        }
        let output_headers = match (&response, output) {
            (Some(_), Some(output)) => output_header_parts(defs, output, &context)?,
            _ => Vec::new(),
        };
        let (faults, untyped_faults) = fault_elements(defs, &op.faults, &context)?;
        operations.push(OperationWire {
            name: &bop.name,
            position: &bop.position,
            documentation: op.documentation.as_deref(),
            soap_action: bop.soap_action.as_deref().unwrap_or(""),
            request,
            response,
            input_headers,
            output_headers,
            faults,
            untyped_faults,
        });
    }
    Ok(ServiceWire {
        binding,
        address,
        ports,
        operations,
    })
}

/// The element parts an `<output>`'s `soap:header`s name: (part name, global element).
fn output_header_parts<'d>(
    defs: &'d Definitions,
    output: &BindingMessage,
    context: &str,
) -> Result<Vec<(&'d str, &'d QName)>, Error> {
    let mut parts = Vec::new();
    for header in &output.headers {
        let message = find_message(defs, &header.message, context)?;
        if header.header_use == Use::Encoded {
            return Err(Error::unsupported_at(
                &message.position,
                context,
                format!(
                    "encoded output header `{}` (only literal is supported)",
                    header.part
                ),
            ));
        }
        let part = message
            .parts
            .iter()
            .find(|p| p.name == header.part)
            .ok_or_else(|| {
                Error::dangling(context, format!("output header part `{}`", header.part))
            })?;
        match &part.kind {
            PartKind::Element(element) => parts.push((part.name.as_str(), element)),
            PartKind::Type(_) => {
                return Err(Error::unsupported_at(
                    &message.position,
                    context,
                    format!("output header part `{}` with type= (rpc style)", part.name),
                ));
            }
        }
    }
    Ok(parts)
}

/// Declared faults as (fault name, detail element).
type FaultElements<'d> = Vec<(&'d str, &'d QName)>;

/// Declared faults by detail element: those whose message is one element part (WS-I Basic
/// Profile R2205), and a note for each other one.
fn fault_elements<'d>(
    defs: &'d Definitions,
    faults: &'d [(String, QName)],
    context: &str,
) -> Result<(FaultElements<'d>, Vec<String>), Error> {
    let mut typed = Vec::new();
    let mut untyped = Vec::new();
    for (name, message) in faults {
        let message = find_message(defs, message, context)?;
        match message.parts.as_slice() {
            [
                Part {
                    kind: PartKind::Element(element),
                    ..
                },
            ] => typed.push((name.as_str(), element)),
            _ => untyped.push(format!(
                "fault `{name}`: its message is not one element part (WS-I Basic Profile R2205)"
            )),
        }
    }
    Ok((typed, untyped))
}

fn choose_binding(defs: &Definitions) -> Result<(&Binding, Option<&str>), Error> {
    let find = |q: &QName| defs.bindings.iter().find(|b| &b.name == q);
    if let Some(service) = defs.services.first() {
        for protocol in [BindingProtocol::Soap11, BindingProtocol::Soap12] {
            for port in &service.ports {
                if let Some(binding) = find(&port.binding).filter(|b| b.protocol == protocol) {
                    return Ok((binding, port.address.as_deref()));
                }
            }
        }
    }
    for protocol in [BindingProtocol::Soap11, BindingProtocol::Soap12] {
        if let Some(binding) = defs.bindings.iter().find(|b| b.protocol == protocol) {
            return Ok((binding, None));
        }
    }
    Err(Error {
        context: None,
        position: None,
        kind: crate::ErrorKind::NoSoapBinding,
    })
}

fn find_message<'d>(defs: &'d Definitions, q: &QName, context: &str) -> Result<&'d Message, Error> {
    defs.messages
        .iter()
        .find(|m| &m.name == q)
        .ok_or_else(|| Error::dangling(context, format!("message `{}`", q.local)))
}

/// The parts of `message` carried in the body: those `soap:body/@parts` lists (all when it is
/// absent), minus those bound to SOAP headers.
fn body_parts<'d>(message: &'d Message, binding: Option<&BindingMessage>) -> Vec<&'d Part> {
    let header_parts: Vec<&str> = binding
        .map(|b| {
            b.headers
                .iter()
                .filter(|h| h.message == message.name)
                .map(|h| h.part.as_str())
                .collect()
        })
        .unwrap_or_default();
    let listed = binding.and_then(|b| b.body_parts.as_ref());
    message
        .parts
        .iter()
        .filter(|p| {
            listed.is_none_or(|l| l.contains(&p.name)) && !header_parts.contains(&p.name.as_str())
        })
        .collect()
}

/// The rpc/literal wrapper of a message (WS-I Basic Profile): `element` (the operation name,
/// plus `Response` for the output) in `soap:body/@namespace`, one child per body part, each
/// part a `type=` (R2203).
fn rpc_body(
    defs: &Definitions,
    message: &QName,
    binding: Option<&BindingMessage>,
    element: String,
    context: &str,
    direction: &str,
) -> Result<RpcWrapper, Error> {
    let message = find_message(defs, message, context)?;
    let mut parts = Vec::new();
    for part in body_parts(message, binding) {
        if let PartKind::Element(_) = part.kind {
            return Err(Error::unsupported_at(
                &message.position,
                context,
                format!(
                    "rpc part `{}` with element= (WS-I Basic Profile R2203: rpc/literal parts use type=)",
                    part.name
                ),
            ));
        }
        parts.push(part.name.clone());
    }
    let Some(namespace) = binding
        .and_then(|b| b.body_namespace.as_deref())
        .filter(|ns| !ns.trim().is_empty())
    else {
        return Err(Error::unsupported_at(
            binding.map_or(&message.position, |b| &b.position),
            context,
            format!(
                "rpc/literal {direction} without soap:body/@namespace (WS-I Basic Profile R2717: it names the wrapper's namespace)"
            ),
        ));
    };
    Ok(RpcWrapper {
        element: QName {
            namespace: namespace.to_owned(),
            local: element,
        },
        message: message.name.clone(),
        parts,
    })
}

/// The single element part carried in the body of a document/literal message; `None` when no
/// part is (an empty body).
fn body_element<'d>(
    defs: &'d Definitions,
    message: &QName,
    binding: Option<&BindingMessage>,
    context: &str,
    direction: &str,
) -> Result<Option<&'d QName>, Error> {
    if let Some(binding) = binding.filter(|b| b.body_use == Use::Encoded) {
        return Err(Error::unsupported_at(
            &binding.position,
            context,
            format!("{direction} uses soap:body use=\"encoded\" (only literal is supported)"),
        ));
    }
    let message = find_message(defs, message, context)?;
    let parts = body_parts(message, binding);
    match parts.as_slice() {
        [] => Ok(None),
        [part] => match &part.kind {
            PartKind::Element(element) => Ok(Some(element)),
            PartKind::Type(_) => Err(Error::unsupported_at(
                &part.position,
                context,
                format!("{direction} part `{}` uses type= (rpc style)", part.name),
            )),
        },
        _ => Err(Error::unsupported_at(
            &message.position,
            context,
            format!(
                "{direction} body has {} parts (exactly one element part is supported)",
                parts.len()
            ),
        )),
    }
}

/// The root element and Rust type of a body; `None` for an empty one.
fn planned_body<'b>(
    body: &'b BodyWire<'_>,
    types: &TypesPlan,
    context: &str,
    position: &wsdl::Position,
) -> Result<Option<(&'b QName, String)>, Error> {
    let (element, rust) = match body {
        BodyWire::Element(q) => (*q, types.element_type(q)),
        BodyWire::Rpc(wrapper) => (&wrapper.element, types.rpc_type(wrapper)),
        BodyWire::Empty => return Ok(None),
    };
    let rust = rust.map(str::to_owned).ok_or_else(|| {
        Error::unsupported(
            context,
            format!("body element `{}` without complex content", element.local),
        )
        .at(position)
    })?;
    Ok(Some((element, rust)))
}

/// The rpc/literal body wrappers of `wires`' operations, in binding order: the types plan
/// makes a struct of each.
pub fn rpc_wrappers(wires: &[ServiceWire<'_>]) -> Vec<RpcWrapper> {
    wires
        .iter()
        .flat_map(|w| &w.operations)
        .flat_map(|op| [Some(&op.request), op.response.as_ref()])
        .filter_map(|body| match body {
            Some(BodyWire::Rpc(wrapper)) => Some(wrapper.clone()),
            _ => None,
        })
        .collect()
}

/// Attaches Rust names and types to the operations.
pub fn plan(
    wire: &ServiceWire<'_>,
    types: &TypesPlan,
    declarations: &Declarations,
) -> Result<Vec<OperationPlan>, Error> {
    let mut consts = NameScope::with_reserved(&["OPERATIONS"]);
    let mut variants = NameScope::default();
    let mut methods = NameScope::with_reserved(RUNTIME_CLIENT_METHODS);
    // Headers structs share the client module with the generated `Client`.
    let mut header_structs = NameScope::with_reserved(&["Client"]);
    // Fault enums share the operations module with the body enums.
    let mut fault_enums = NameScope::with_reserved(&["OperationMeta", "Request", "Response"]);
    let mut out = Vec::new();
    for op in &wire.operations {
        let context = format!("operation `{}`", op.name);
        let body_type = |body| planned_body(body, types, &context, op.position);
        let request = body_type(&op.request)?;
        let response = op
            .response
            .as_ref()
            .map(&body_type)
            .transpose()?
            .flatten()
            .map(|(element, rust_type)| ResponsePlan {
                element: element.local.clone(),
                namespace: element.namespace.clone(),
                rust_type,
            });
        // Both bodies empty: headers and faults are still written with the schema's prefix.
        let namespace = request
            .as_ref()
            .map(|(element, _)| *element)
            .or(op.response.as_ref().and_then(BodyWire::element))
            .map_or_else(|| types.target_namespace.clone(), |q| q.namespace.clone());
        let mut params = NameScope::default();
        let mut extra_headers = Vec::new();
        for (part, element) in &op.input_headers {
            if declarations.provided_headers.contains(&element.local) {
                continue;
            }
            extra_headers.push(
                header_param(
                    types,
                    element,
                    params.claim(&naming::field_ident(part)),
                    &context,
                )
                .map_err(|e| e.at(op.position))?,
            );
        }
        let mut reply_params = NameScope::default();
        let mut reply_fields = Vec::new();
        for (part, element) in &op.output_headers {
            reply_fields.push(
                header_param(
                    types,
                    element,
                    reply_params.claim(&naming::field_ident(part)),
                    &context,
                )
                .map_err(|e| e.at(op.position))?,
            );
        }
        let mut fault_variants = Vec::new();
        let mut untyped_faults = op.untyped_faults.clone();
        let mut variant_names = NameScope::default();
        for (fault, element) in &op.faults {
            let Some(rust_type) = types.element_type(element) else {
                untyped_faults.push(format!(
                    "fault `{fault}`: detail element `{}` has no complex content",
                    element.local
                ));
                continue;
            };
            let namespace = types
                .namespace_constant(&element.namespace)
                .map(str::to_owned);
            if let Some(first) = fault_variants
                .iter()
                .find(|v: &&FaultVariant| v.element == element.local && v.namespace == namespace)
            {
                untyped_faults.push(format!(
                    "fault `{fault}`: same detail element as `{}`, decoded as that one",
                    first.fault
                ));
                continue;
            }
            fault_variants.push(FaultVariant {
                fault: (*fault).to_owned(),
                variant: variant_names.claim(&naming::variant_ident(fault)),
                element: element.local.clone(),
                namespace,
                rust_type: rust_type.to_owned(),
            });
        }
        let mut doc = doc_lines(op.documentation);
        if doc.is_empty() {
            doc.push(format!("Operation `{}`.", op.name));
        }
        doc.push(String::new());
        let action = if op.soap_action.is_empty() {
            "none".to_owned()
        } else {
            code_span(op.soap_action)
        };
        let style = match op.request {
            BodyWire::Element(_) | BodyWire::Empty => "",
            BodyWire::Rpc(_) => "rpc/literal ",
        };
        let request_body = match &request {
            Some((element, _)) => format!("`<{}>`", element.local),
            None => "an empty body".to_owned(),
        };
        doc.push(match (&response, &op.response) {
            (Some(response), _) => format!(
                "Wire: {style}{request_body} → `<{}>`, SOAP action {action}.",
                response.element
            ),
            (None, Some(_)) => format!(
                "Wire: {style}{request_body} → an empty body, SOAP action {action}: the call returns `()` once the server answered (HTTP 2xx) without a body element."
            ),
            (None, None) => format!(
                "Wire: {style}{request_body}, SOAP action {action}; one-way: the server accepts it (HTTP 200 or 202) without a response body."
            ),
        });
        let faults = (!fault_variants.is_empty()).then(|| FaultsPlan {
            enum_name: fault_enums.claim(&naming::type_ident(&format!("{}Fault", op.name))),
            variants: fault_variants,
        });
        if let Some(faults) = &faults {
            doc.push(String::new());
            doc.push(format!(
                "Declared faults: `error.fault_detail::<{}>()` decodes them (the enum is in `operations`).",
                faults.enum_name
            ));
        }
        for note in &untyped_faults {
            doc.push(String::new());
            doc.push(format!(
                "Not typed: {note}; its detail arrives whole in `error.fault()`."
            ));
        }
        let variant = variants.claim(&naming::variant_ident(op.name));
        let method = methods.claim(&naming::field_ident(op.name));
        let with_headers = (!extra_headers.is_empty()).then(|| {
            let base = method.trim_start_matches("r#");
            (
                header_structs.claim(&naming::type_ident(&format!("{}Headers", op.name))),
                methods.claim(&format!("{base}_with_headers")),
            )
        });
        let reply_headers = (!reply_fields.is_empty()).then(|| {
            let base = method.trim_start_matches("r#");
            ReplyHeadersPlan {
                struct_name: header_structs
                    .claim(&naming::type_ident(&format!("{}ReplyHeaders", op.name))),
                method: methods.claim(&format!("{base}_with_reply_headers")),
                headers: reply_fields,
            }
        });
        out.push(OperationPlan {
            name: op.name.to_owned(),
            const_name: consts.claim(&naming::screaming_snake(op.name)),
            variant,
            method,
            with_headers,
            doc,
            soap_action: op.soap_action.to_owned(),
            soap12: wire.binding.protocol == BindingProtocol::Soap12,
            namespace,
            request_element: request
                .as_ref()
                .map_or_else(String::new, |(element, _)| element.local.clone()),
            request_type: request.map(|(_, rust_type)| rust_type),
            response,
            input_headers: op
                .input_headers
                .iter()
                .map(|(_, e)| e.local.clone())
                .collect(),
            extra_headers,
            reply_headers,
            faults,
            idempotent: declarations.idempotent.contains(op.name),
        });
    }
    Ok(out)
}

/// The field of a headers struct for header element `element`, named `param`.
fn header_param(
    types: &TypesPlan,
    element: &QName,
    param: String,
    context: &str,
) -> Result<HeaderParam, Error> {
    let rust_type = types
        .element_type(element)
        .map(str::to_owned)
        .ok_or_else(|| {
            Error::unsupported(
                context,
                format!("header element `{}` without complex content", element.local),
            )
        })?;
    Ok(HeaderParam {
        param,
        element: element.local.clone(),
        namespace: types
            .namespace_constant(&element.namespace)
            .map(str::to_owned),
        rust_type,
    })
}
