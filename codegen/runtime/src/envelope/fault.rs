//! SOAP 1.1 faults: `faultcode`, `faultstring`, `faultactor` and `detail`.
//!
//! `detail` entries are kept generically: each child element of `detail` with its namespace,
//! local name and simple children (`name → text`, `None` for `xsi:nil`), which is the shape
//! services use for their exception records (e.g. `serviceException{name, message, code}`).
//! Reading is tolerant: the fault's own children are matched by local name.

use std::fmt;

use super::{ENVELOPE_END, ENVELOPE_START};
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

/// A SOAP 1.1 fault as received.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SoapFault {
    /// `faultcode` as written, e.g. `SOAP-ENV:Client`.
    pub fault_code: String,
    /// `faultstring`, e.g. `20014 - Authentication failed`.
    pub fault_string: String,
    /// `faultactor`, when present.
    pub fault_actor: Option<String>,
    /// The entries of `detail`, in document order (empty when there is no `detail`).
    pub detail: Vec<FaultDetailEntry>,
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

/// Reads the content of `SOAP-ENV:Fault` (tolerant: children matched by local name only).
pub(super) fn read_fault<'a>(
    r: &mut XmlReader<'a>,
    fault: &ElementStart<'a>,
) -> Result<SoapFault, DecodeError> {
    let mut out = SoapFault::default();
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
            "detail" => {
                while let Some(d) = r.next_element().map_err(|e| within(e.within("detail")))? {
                    if d.is_nil() {
                        r.skip(&d)?;
                        continue;
                    }
                    r.charge_item::<FaultDetailEntry>(&d).map_err(within)?;
                    let entry = read_detail_entry(r, &d)
                        .map_err(|e| within(e.within(d.local_name()).within("detail")))?;
                    out.detail.push(entry);
                }
            }
            _ => r.skip(&child)?,
        }
    }
    Ok(out)
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

/// Writes a fault envelope; each `detail` entry declares its own namespace (prefix `ns1`) and
/// has unqualified children.
pub fn write_fault(fault: &SoapFault) -> String {
    let mut w = XmlWriter::with_capacity("", 512);
    w.raw(ENVELOPE_START);
    w.raw("><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>");
    w.text(&fault.fault_code);
    w.raw("</faultcode><faultstring>");
    w.text(&fault.fault_string);
    w.raw("</faultstring>");
    if let Some(actor) = &fault.fault_actor {
        w.raw("<faultactor>");
        w.text(actor);
        w.raw("</faultactor>");
    }
    if !fault.detail.is_empty() {
        w.raw("<detail>");
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
        w.raw("</detail>");
    }
    w.raw("</SOAP-ENV:Fault></SOAP-ENV:Body>");
    w.raw(ENVELOPE_END);
    w.into_string()
}
