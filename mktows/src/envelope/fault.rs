//! SOAP 1.1 faults in Marketo's shape: `faultcode`, `faultstring`, `faultactor` and
//! `detail/serviceException{name, message, code}` (the exception element in the target
//! namespace, its children unqualified). Reading is tolerant: children are matched by local name.

use std::fmt;

use super::{ENVELOPE_END, ENVELOPE_START};
use crate::xml::{DecodeError, ElementStart, XmlReader, XmlWriter};

/// The `detail/serviceException` of a Marketo fault.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceException {
    /// `name`, e.g. `mktServiceException`.
    pub name: Option<String>,
    /// `message`, e.g. `Authentication failed (20014)`.
    pub message: Option<String>,
    /// `code` as sent, e.g. `20014`.
    pub code: Option<String>,
}

/// A SOAP 1.1 fault as Marketo sends it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SoapFault {
    /// `faultcode` as written, e.g. `SOAP-ENV:Client`.
    pub fault_code: String,
    /// `faultstring`, e.g. `20014 - Authentication failed`.
    pub fault_string: String,
    /// `faultactor`, when present.
    pub fault_actor: Option<String>,
    /// `detail/serviceException`, when present.
    pub service_exception: Option<ServiceException>,
    /// The Marketo error code: from `serviceException/code`, else the leading digits of
    /// `faultstring` (`"20014 - Authentication failed"`).
    pub code: Option<u32>,
}

impl SoapFault {
    /// The local part of `faultcode` (`Client`, `Server`, …), whatever its prefix.
    pub fn fault_code_local(&self) -> &str {
        self.fault_code
            .rsplit(':')
            .next()
            .unwrap_or(&self.fault_code)
    }

    /// Fills [`SoapFault::code`] from the detail code or the fault string.
    fn derive_code(&mut self) {
        let from_detail = self
            .service_exception
            .as_ref()
            .and_then(|d| d.code.as_deref())
            .and_then(|c| c.trim().parse().ok());
        self.code = from_detail.or_else(|| leading_number(&self.fault_string));
    }
}

impl fmt::Display for SoapFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SOAP fault {}: {}", self.fault_code, self.fault_string)
    }
}

/// The digits at the start of `s` (after whitespace), as a number.
fn leading_number(s: &str) -> Option<u32> {
    let s = s.trim_start();
    let end = s.bytes().take_while(u8::is_ascii_digit).count();
    s.get(..end)
        .filter(|d| !d.is_empty())
        .and_then(|d| d.parse().ok())
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
                    if d.local_name() == "serviceException" && !d.is_nil() {
                        let ex = read_service_exception(r)
                            .map_err(|e| within(e.within("serviceException").within("detail")))?;
                        out.service_exception = Some(ex);
                    } else {
                        r.skip(&d)?;
                    }
                }
            }
            _ => r.skip(&child)?,
        }
    }
    out.derive_code();
    Ok(out)
}

fn read_service_exception(r: &mut XmlReader<'_>) -> Result<ServiceException, DecodeError> {
    let mut ex = ServiceException::default();
    while let Some(c) = r.next_element()? {
        let slot = match c.local_name() {
            "name" => &mut ex.name,
            "message" => &mut ex.message,
            "code" => &mut ex.code,
            _ => {
                r.skip(&c)?;
                continue;
            }
        };
        *slot = if c.is_nil() {
            r.skip(&c)?;
            None
        } else {
            Some(r.simple::<String>(&c)?)
        };
    }
    Ok(ex)
}

/// Writes a fault envelope; `serviceException` is written in `target_ns` with unqualified
/// children, as Marketo does.
pub fn write_fault(target_ns: &'static str, fault: &SoapFault) -> String {
    let mut w = XmlWriter::with_capacity(target_ns, 512);
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
    if let Some(ex) = &fault.service_exception {
        w.raw("<detail><ns1:serviceException xmlns:ns1=\"");
        w.text(target_ns);
        w.raw("\">");
        for (name, value) in [
            ("name", &ex.name),
            ("message", &ex.message),
            ("code", &ex.code),
        ] {
            if let Some(v) = value {
                w.raw("<");
                w.raw(name);
                w.raw(">");
                w.text(v);
                w.raw("</");
                w.raw(name);
                w.raw(">");
            }
        }
        w.raw("</ns1:serviceException></detail>");
    }
    w.raw("</SOAP-ENV:Fault></SOAP-ENV:Body>");
    w.raw(ENVELOPE_END);
    w.into_string()
}
