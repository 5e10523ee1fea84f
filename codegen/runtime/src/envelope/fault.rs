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
//! `detail` entries are kept generically: each child element of `detail` with its namespace,
//! local name and simple children (`name → text`, `None` for `xsi:nil`), which is the shape
//! services use for their exception records (e.g. `serviceException{name, message, code}`).
//! Reading is tolerant: the fault's own children are matched by local name.

use std::fmt;

use super::{ENVELOPE_END, SoapVersion};
use crate::error::ServerText;
use crate::xml::{DecodeError, ElementStart, XmlReader, XmlWriter};

/// One child element of a fault's `detail`, e.g. `<ns1:serviceException>` with its fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FaultDetailEntry {
    /// Namespace of the entry element (`None` when unqualified).
    pub namespace: Option<String>,
    /// Local name of the entry element, e.g. `serviceException`.
    pub local: String,
    /// Its child elements with text content, in document order: local name and text (`None`
    /// for `xsi:nil`). Deeper structure is not kept.
    pub fields: Vec<(String, Option<String>)>,
}

impl FaultDetailEntry {
    /// The text of the first field named `local` (`None` when absent or nil).
    pub fn field(&self, local: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(name, _)| name == local)
            .and_then(|(_, value)| value.as_deref())
    }
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

/// Reads the entries of `detail` / `Detail`.
fn read_detail<'a>(
    r: &mut XmlReader<'a>,
    detail: &ElementStart<'a>,
    out: &mut Vec<FaultDetailEntry>,
) -> Result<(), DecodeError> {
    let name = detail.local_name();
    while let Some(d) = r.next_element().map_err(|e| e.within(name))? {
        if d.is_nil() {
            r.skip(&d)?;
            continue;
        }
        r.charge_item::<FaultDetailEntry>(&d)?;
        let entry = read_detail_entry(r, &d).map_err(|e| e.within(d.local_name()).within(name))?;
        out.push(entry);
    }
    Ok(())
}

fn read_detail_entry<'a>(
    r: &mut XmlReader<'a>,
    start: &ElementStart<'a>,
) -> Result<FaultDetailEntry, DecodeError> {
    let mut entry = FaultDetailEntry {
        namespace: start.namespace().map(str::to_owned),
        local: start.local_name().to_owned(),
        fields: Vec::new(),
    };
    while let Some(c) = r.next_element()? {
        r.charge_item::<(String, Option<String>)>(&c)?;
        let value = if c.is_nil() {
            r.skip(&c)?;
            None
        } else {
            match r.simple::<String>(&c) {
                Ok(text) => Some(text),
                // A structured field: not kept (see `FaultDetailEntry::fields`).
                Err(_) => continue,
            }
        };
        entry.fields.push((c.local_name().to_owned(), value));
    }
    Ok(entry)
}

/// Writes a fault envelope in the fault's [`SoapVersion`]; each `detail` entry declares its
/// own namespace (prefix `ns1`) and has unqualified children.
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
                    None => w.raw(" xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>"),
                }
            }
            w.raw("</");
            w.text(&tag);
            w.raw(">");
        }
        w.raw("</");
        w.raw(detail_tag);
        w.raw(">");
    }
    w.raw("</SOAP-ENV:Fault></SOAP-ENV:Body>");
    w.raw(ENVELOPE_END);
    w.into_string()
}
