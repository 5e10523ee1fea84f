//! SOAP faults of both versions, in one shape ([`SoapFault`]).
//!
//! SOAP 1.1: `faultcode`, `faultstring`, `faultactor` and `detail` (unqualified children).
//! SOAP 1.2: `Code/Value` (with nested `Subcode/Value`s), `Reason/Text` (one per language),
//! `Node`, `Role` and `Detail`, all in the envelope namespace:
//! ```text
//! <env:Fault><env:Code><env:Value>env:Sender</env:Value>
//!   <env:Subcode><env:Value>m:MessageTimeout</env:Value></env:Subcode></env:Code>
//!   <env:Reason><env:Text xml:lang="en">Sender Timeout</env:Text></env:Reason>
//!   <env:Detail><m:MaxTime>P5M</m:MaxTime></env:Detail></env:Fault>
//! ```
//!
//! `detail` entries are kept whole: each child element of `detail` as raw XML
//! ([`FaultDetailEntry::element`]: attributes, text, nested elements and the namespace
//! declarations it relies on), plus, for convenience, its namespace, local name and simple
//! children (`name → text`, `None` for `xsi:nil`), which is the shape many services use for
//! their exception records (e.g. `serviceException{name, message, code}`). A declared fault's
//! detail decodes into its generated type with [`FaultDetailEntry::decode`].
//! Reading is tolerant: the fault's own children are matched by local name.

use std::fmt;

use super::{ENVELOPE_END, SoapVersion};
use crate::error::ServerText;
use crate::xml::{
    AnyElement, AnyNode, DecodeError, DecodeOptions, ElementStart, XmlDecode, XmlReader, XmlWriter,
};

/// One child element of a fault's `detail`, e.g. `<ns1:serviceException>` with its fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FaultDetailEntry {
    /// Namespace of the entry element (`None` when unqualified).
    pub namespace: Option<String>,
    /// Local name of the entry element, e.g. `serviceException`.
    pub local: String,
    /// Its child elements with text content only, in document order: local name and text
    /// (`None` for `xsi:nil`). Structured children, attributes and the entry's own text are
    /// in [`FaultDetailEntry::element`].
    pub fields: Vec<(String, Option<String>)>,
    /// The entry whole, as received: attributes (e.g. `<OrderFault code="4711">`), text
    /// (`<exceptionName>…</exceptionName>`), nested elements, and the namespace declarations
    /// its names rely on. `Some` for every entry read from a reply; `None` for an entry built
    /// from `fields` to be written.
    pub element: Option<AnyElement>,
}

impl FaultDetailEntry {
    /// The text of the first field named `local` (`None` when absent or nil).
    pub fn field(&self, local: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(name, _)| name == local)
            .and_then(|(_, value)| value.as_deref())
    }

    /// The entry's text, nested elements' text included (an Apache Axis 1 detail such as
    /// `<ns2:hostname>server-1</ns2:hostname>` is `server-1`).
    pub fn text(&self) -> String {
        match &self.element {
            Some(element) => element.content.text(),
            None => self
                .fields
                .iter()
                .filter_map(|(_, value)| value.as_deref())
                .collect(),
        }
    }

    /// Decodes the entry as the generated type `T` of its element (the detail element of a
    /// declared `wsdl:fault`), e.g. `entry.decode::<types::OrderFault>(DecodeOptions::lenient())`.
    /// The entry is written back as a standalone document and read with the generated codec,
    /// so attributes and nested structure are decoded like any body.
    pub fn decode<T: XmlDecode>(&self, options: DecodeOptions) -> Result<T, DecodeError> {
        let mut w = XmlWriter::with_capacity("", 256);
        write_entry(&mut w, self);
        let xml = w.into_string();
        let mut r = XmlReader::new(&xml, options);
        let start = r.root_element()?;
        if let Some(namespace) = start.namespace() {
            r.set_target_namespace(namespace);
        }
        let value = r.complex::<T>(&start)?;
        r.finish()?;
        Ok(value)
    }
}

/// The declared faults of one operation (its `wsdl:fault`s), decoded from a fault's detail:
/// generated per operation as an enum `<Op>Fault` with one variant per declared fault, holding
/// the generated type of its detail element (like a per-operation service error enum).
pub trait FaultDetail: Sized {
    /// `entry` decoded as the declared fault whose detail element it is; `None` when it is
    /// none of them, `Some(Err)` when it is one but does not decode as its type.
    fn from_entry(
        entry: &FaultDetailEntry,
        options: DecodeOptions,
    ) -> Option<Result<Self, DecodeError>>;
}

/// A SOAP fault as received (or to be written), either version.
///
/// The SOAP 1.1 fields carry the SOAP 1.2 equivalents: `Code/Value` is the fault code,
/// the first `Reason/Text` the fault string, `Role` the actor and `Detail` the detail.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SoapFault {
    /// `faultcode` (SOAP 1.2: `Code/Value`) as written, e.g. `SOAP-ENV:Client` or
    /// `env:Sender`.
    pub fault_code: String,
    /// `faultstring` (SOAP 1.2: the first `Reason/Text`), e.g. `20014 - Authentication failed`.
    pub fault_string: String,
    /// `faultactor` (SOAP 1.2: `Role`), when present.
    pub fault_actor: Option<String>,
    /// The entries of `detail` (SOAP 1.2: `Detail`), in document order (empty when absent).
    pub detail: Vec<FaultDetailEntry>,
    /// SOAP 1.2 only: the `Subcode/Value`s below `Code`, outermost first (e.g.
    /// `["m:MessageTimeout"]`); empty for SOAP 1.1.
    pub subcodes: Vec<String>,
    /// SOAP 1.2 only: `Node`, the URI of the node that faulted, when present.
    pub node: Option<String>,
    /// The SOAP version of the envelope the fault came in (and is written in).
    pub version: SoapVersion,
}

impl SoapFault {
    /// The local part of `faultcode` (`Client`, `Server`, …), whatever its prefix.
    pub fn fault_code_local(&self) -> &str {
        self.fault_code
            .rsplit(':')
            .next()
            .unwrap_or(&self.fault_code)
    }

    /// The first `detail` entry with local name `local`.
    pub fn detail_entry(&self, local: &str) -> Option<&FaultDetailEntry> {
        self.detail.iter().find(|entry| entry.local == local)
    }

    /// The first `detail` entry that is one of the declared faults `T` (an operation's
    /// generated `<Op>Fault`), decoded: `None` when no entry is (the fault is still whole
    /// here, in [`SoapFault::detail`]), `Some(Err)` when the entry does not decode as its type.
    pub fn declared_detail<T: FaultDetail>(
        &self,
        options: DecodeOptions,
    ) -> Option<Result<T, DecodeError>> {
        self.detail
            .iter()
            .find_map(|entry| T::from_entry(entry, options.clone()))
    }

    /// The first `detail` entry named `{namespace}local` (`namespace` `None`: unqualified).
    pub fn detail_entry_named(
        &self,
        namespace: Option<&str>,
        local: &str,
    ) -> Option<&FaultDetailEntry> {
        self.detail
            .iter()
            .find(|entry| entry.local == local && entry.namespace.as_deref() == namespace)
    }
}

/// `SOAP fault <faultcode>: <faultstring>`, each capped and with control characters escaped
/// (the server chose this text; the fields keep it whole).
impl fmt::Display for SoapFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SOAP fault {}: {}",
            ServerText(&self.fault_code),
            ServerText(&self.fault_string)
        )
    }
}

/// Reads the content of `Fault` (tolerant: children matched by local name only).
pub(super) fn read_fault<'a>(
    r: &mut XmlReader<'a>,
    fault: &ElementStart<'a>,
    version: SoapVersion,
) -> Result<SoapFault, DecodeError> {
    let mut out = SoapFault {
        version,
        ..SoapFault::default()
    };
    if version == SoapVersion::Soap12 {
        read_fault12(r, fault, &mut out)?;
        return Ok(out);
    }
    while let Some(child) = r.next_element().map_err(|e| e.within(fault.local_name()))? {
        let within = |e: DecodeError| e.within(fault.local_name());
        match child.local_name() {
            "faultcode" => {
                out.fault_code = r
                    .simple::<String>(&child)
                    .map_err(within)?
                    .trim()
                    .to_owned()
            }
            "faultstring" => out.fault_string = r.simple::<String>(&child).map_err(within)?,
            "faultactor" => out.fault_actor = Some(r.simple::<String>(&child).map_err(within)?),
            "detail" => read_detail(r, &child, &mut out.detail).map_err(within)?,
            _ => r.skip(&child)?,
        }
    }
    Ok(out)
}

/// Reads the children of a SOAP 1.2 `Fault` into `out`.
fn read_fault12<'a>(
    r: &mut XmlReader<'a>,
    fault: &ElementStart<'a>,
    out: &mut SoapFault,
) -> Result<(), DecodeError> {
    while let Some(child) = r.next_element().map_err(|e| e.within(fault.local_name()))? {
        let within = |e: DecodeError| e.within(fault.local_name());
        match child.local_name() {
            "Code" => read_code(r, &child, out).map_err(within)?,
            "Reason" => {
                let mut first = true;
                while let Some(text) = r.next_element().map_err(|e| within(e.within("Reason")))? {
                    if first && text.local_name() == "Text" {
                        // `Text` carries `xml:lang`: read the text, whatever the attributes.
                        out.fault_string = r
                            .text()
                            .map_err(|e| within(e.within("Text").within("Reason")))?
                            .into_owned();
                        first = false;
                    } else {
                        r.skip(&text)?;
                    }
                }
            }
            "Node" => out.node = Some(r.simple::<String>(&child).map_err(within)?),
            "Role" => out.fault_actor = Some(r.simple::<String>(&child).map_err(within)?),
            "Detail" => read_detail(r, &child, &mut out.detail).map_err(within)?,
            _ => r.skip(&child)?,
        }
    }
    Ok(())
}

/// Reads `Code` (or a `Subcode`): its `Value` and any nested `Subcode`s.
fn read_code<'a>(
    r: &mut XmlReader<'a>,
    code: &ElementStart<'a>,
    out: &mut SoapFault,
) -> Result<(), DecodeError> {
    let within = |e: DecodeError| e.within(code.local_name());
    while let Some(child) = r.next_element().map_err(within)? {
        match child.local_name() {
            "Value" => {
                let value = r
                    .simple::<String>(&child)
                    .map_err(within)?
                    .trim()
                    .to_owned();
                if code.local_name() == "Code" {
                    out.fault_code = value;
                } else {
                    out.subcodes.push(value);
                }
            }
            "Subcode" => read_code(r, &child, out).map_err(within)?,
            _ => r.skip(&child)?,
        }
    }
    Ok(())
}

/// Reads the entries of `detail` / `Detail`, each whole (see [`FaultDetailEntry::element`]).
fn read_detail<'a>(
    r: &mut XmlReader<'a>,
    detail: &ElementStart<'a>,
    out: &mut Vec<FaultDetailEntry>,
) -> Result<(), DecodeError> {
    let name = detail.local_name();
    while let Some(d) = r.next_element().map_err(|e| e.within(name))? {
        r.charge_item::<FaultDetailEntry>(&d)?;
        let element = r
            .any_element(&d)
            .map_err(|e| e.within(d.local_name()).within(name))?;
        out.push(entry_of(element));
    }
    Ok(())
}

/// The entry for a captured detail element: its text-only children become `fields`.
fn entry_of(element: AnyElement) -> FaultDetailEntry {
    let fields = element
        .content
        .children
        .iter()
        .filter_map(|node| match node {
            AnyNode::Element(child) => simple_field(child),
            AnyNode::Text(_) => None,
        })
        .collect();
    FaultDetailEntry {
        namespace: element.namespace.clone(),
        local: element.local.clone(),
        fields,
        element: Some(element),
    }
}

/// `(local name, text)` of a child with no child elements (`None` text when `xsi:nil`);
/// `None` for a structured child.
fn simple_field(child: &AnyElement) -> Option<(String, Option<String>)> {
    let mut text = String::new();
    for node in &child.content.children {
        match node {
            AnyNode::Text(t) => text.push_str(t),
            AnyNode::Element(_) => return None,
        }
    }
    let nil = child.content.attributes.iter().any(|a| {
        a.namespace.as_deref() == Some(crate::xml::XSI_NS)
            && a.local == "nil"
            && matches!(a.value.trim(), "true" | "1")
    });
    Some((child.local.clone(), (!nil).then_some(text)))
}

/// Writes a fault envelope in the fault's [`SoapVersion`]; each `detail` entry is written
/// as received, or from its `fields` when it was built (see `write_entry`).
pub fn write_fault(fault: &SoapFault) -> String {
    let mut w = XmlWriter::with_capacity("", 512);
    w.raw(fault.version.envelope_start());
    w.raw("><SOAP-ENV:Body><SOAP-ENV:Fault>");
    let detail_tag = match fault.version {
        SoapVersion::Soap11 => {
            w.raw("<faultcode>");
            w.text(&fault.fault_code);
            w.raw("</faultcode><faultstring>");
            w.text(&fault.fault_string);
            w.raw("</faultstring>");
            if let Some(actor) = &fault.fault_actor {
                w.raw("<faultactor>");
                w.text(actor);
                w.raw("</faultactor>");
            }
            "detail"
        }
        SoapVersion::Soap12 => {
            w.raw("<SOAP-ENV:Code><SOAP-ENV:Value>");
            w.text(&fault.fault_code);
            w.raw("</SOAP-ENV:Value>");
            for subcode in &fault.subcodes {
                w.raw("<SOAP-ENV:Subcode><SOAP-ENV:Value>");
                w.text(subcode);
                w.raw("</SOAP-ENV:Value>");
            }
            for _ in &fault.subcodes {
                w.raw("</SOAP-ENV:Subcode>");
            }
            w.raw("</SOAP-ENV:Code><SOAP-ENV:Reason><SOAP-ENV:Text xml:lang=\"en\">");
            w.text(&fault.fault_string);
            w.raw("</SOAP-ENV:Text></SOAP-ENV:Reason>");
            if let Some(node) = &fault.node {
                w.raw("<SOAP-ENV:Node>");
                w.text(node);
                w.raw("</SOAP-ENV:Node>");
            }
            if let Some(role) = &fault.fault_actor {
                w.raw("<SOAP-ENV:Role>");
                w.text(role);
                w.raw("</SOAP-ENV:Role>");
            }
            "SOAP-ENV:Detail"
        }
    };
    if !fault.detail.is_empty() {
        w.raw("<");
        w.raw(detail_tag);
        w.raw(">");
        for entry in &fault.detail {
            write_entry(&mut w, entry);
        }
        w.raw("</");
        w.raw(detail_tag);
        w.raw(">");
    }
    w.raw("</SOAP-ENV:Fault></SOAP-ENV:Body>");
    w.raw(ENVELOPE_END);
    w.into_string()
}

/// Writes one detail entry: the element as received when there is one, else built from
/// `fields` (the entry declares its own namespace, prefix `ns1`; its children are unqualified).
fn write_entry(w: &mut XmlWriter, entry: &FaultDetailEntry) {
    if let Some(element) = &entry.element {
        w.any(element);
        return;
    }
    let tag = match &entry.namespace {
        Some(ns) => {
            w.raw("<ns1:");
            w.text(&entry.local);
            w.raw(" xmlns:ns1=\"");
            w.text(ns);
            w.raw("\">");
            format!("ns1:{}", entry.local)
        }
        None => {
            w.raw("<");
            w.text(&entry.local);
            w.raw(">");
            entry.local.clone()
        }
    };
    for (name, value) in &entry.fields {
        w.raw("<");
        w.text(name);
        match value {
            Some(v) => {
                w.raw(">");
                w.text(v);
                w.raw("</");
                w.text(name);
                w.raw(">");
            }
            None => {
                w.raw(" xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>")
            }
        }
    }
    w.raw("</");
    w.text(&tag);
    w.raw(">");
}
