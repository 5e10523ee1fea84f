//! SOAP 1.1 envelopes: writing requests/responses/faults and reading them back.
//!
//! Wire shape (what Marketo sends and expects):
//! ```text
//! <SOAP-ENV:Envelope xmlns:SOAP-ENV="…soap/envelope/" xmlns:ns1="{target}" xmlns:xsi="…">
//!   <SOAP-ENV:Header><ns1:AuthenticationHeader>…</ns1:AuthenticationHeader></SOAP-ENV:Header>
//!   <SOAP-ENV:Body><ns1:paramsGetLead>…</ns1:paramsGetLead></SOAP-ENV:Body>
//! </SOAP-ENV:Envelope>
//! ```
//! Readers find `Envelope`, `Header` and `Body` by namespace, whatever the prefixes.

mod fault;
mod request;

use std::fmt;

use crate::xml::{
    DecodeError, DecodeErrorKind, DecodeOptions, ElementStart, XmlDecode, XmlEncode, XmlReader,
    XmlWriter,
};

pub use fault::{FaultDetailEntry, SoapFault, write_fault};
pub use request::{RequestReader, read_request};

/// The SOAP 1.1 envelope namespace.
pub const SOAP11_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";

pub(crate) const ENVELOPE_START: &str =
    "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"";
pub(crate) const ENVELOPE_END: &str = "</SOAP-ENV:Envelope>";

/// A SOAP header block: a global element in the target namespace, written as `<ns1:{local}>`.
#[derive(Clone, Copy)]
pub struct HeaderBlock<'a> {
    /// Local name of the header element, e.g. `AuthenticationHeader`.
    pub local: &'a str,
    /// Its content.
    pub value: &'a dyn XmlEncode,
}

impl fmt::Debug for HeaderBlock<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HeaderBlock")
            .field("local", &self.local)
            .finish_non_exhaustive()
    }
}

/// Writes a request envelope: header blocks (if any) and the body root `<ns1:{body_local}>`.
pub fn write_request(
    target_ns: &'static str,
    headers: &[HeaderBlock<'_>],
    body_local: &str,
    body: &dyn XmlEncode,
) -> String {
    write_request_with_raw_headers(target_ns, "", headers, body_local, body)
}

/// Like [`write_request`], with `raw_headers` (complete header elements already rendered in
/// the envelope's namespace scope, e.g. by a [`HeaderProvider`](crate::HeaderProvider)) first.
pub(crate) fn write_request_with_raw_headers(
    target_ns: &'static str,
    raw_headers: &str,
    headers: &[HeaderBlock<'_>],
    body_local: &str,
    body: &dyn XmlEncode,
) -> String {
    let mut w = XmlWriter::with_capacity(target_ns, 2048);
    w.raw(ENVELOPE_START);
    w.declare_namespaces();
    w.raw(">");
    if !headers.is_empty() || !raw_headers.is_empty() {
        w.raw("<SOAP-ENV:Header>");
        w.raw(raw_headers);
        for h in headers {
            w.root(h.local, h.value);
        }
        w.raw("</SOAP-ENV:Header>");
    }
    w.raw("<SOAP-ENV:Body>");
    w.root(body_local, body);
    w.raw("</SOAP-ENV:Body>");
    w.raw(ENVELOPE_END);
    w.end_declared_scope();
    w.into_string()
}

/// Writes a response envelope (no header) with the body root `<ns1:{body_local}>`.
pub fn write_response(target_ns: &'static str, body_local: &str, body: &dyn XmlEncode) -> String {
    write_request(target_ns, &[], body_local, body)
}

/// Why a response could not be turned into the expected value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvelopeError {
    /// The server answered with a SOAP fault (boxed: faults are rare, keep `Result` small).
    Fault(Box<SoapFault>),
    /// The response is not a well-formed envelope with the expected body.
    Decode(DecodeError),
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvelopeError::Fault(fault) => fault.fmt(f),
            EnvelopeError::Decode(e) => write!(f, "cannot decode SOAP response: {e}"),
        }
    }
}

/// The message is complete and `source()` is `None`, like every runtime error (see
/// [`Error`](crate::Error)); the decode error is the variant's field.
impl std::error::Error for EnvelopeError {}

impl From<DecodeError> for EnvelopeError {
    fn from(e: DecodeError) -> Self {
        EnvelopeError::Decode(e)
    }
}

/// Opens the `Envelope` and returns the reader positioned inside it.
pub(crate) fn open_envelope<'a>(
    xml: &'a str,
    opts: DecodeOptions,
) -> Result<XmlReader<'a>, DecodeError> {
    let mut r = XmlReader::new(xml, opts);
    let root = r.root_element()?;
    if !root.is(Some(SOAP11_ENV_NS), "Envelope") {
        return Err(unexpected(&root, SOAP11_ENV_NS, "Envelope"));
    }
    Ok(r)
}

#[cold]
pub(crate) fn unexpected(found: &ElementStart<'_>, ns: &str, local: &str) -> DecodeError {
    DecodeError::new(
        DecodeErrorKind::UnexpectedRoot {
            expected: format!("{{{ns}}}{local}"),
            found: found.expanded_name(),
        },
        Some(found.position()),
    )
}

/// Skips envelope children up to and including the start of `Body`.
fn enter_body<'a>(r: &mut XmlReader<'a>) -> Result<ElementStart<'a>, DecodeError> {
    loop {
        let Some(child) = r.next_element()? else {
            return Err(DecodeError::new(
                DecodeErrorKind::Missing("Body"),
                Some(r.position()),
            ));
        };
        if child.is(Some(SOAP11_ENV_NS), "Body") {
            return Ok(child);
        }
        if child.is(Some(SOAP11_ENV_NS), "Header") {
            r.skip(&child)?;
        } else {
            r.unknown(&child)?;
        }
    }
}

/// After the body's single child: the rest of `Body`, the rest of `Envelope`, end of document.
pub(crate) fn finish_envelope(r: &mut XmlReader<'_>) -> Result<(), DecodeError> {
    // Rest of Body, then rest of Envelope.
    for _ in 0..2 {
        while let Some(extra) = r.next_element()? {
            r.unknown(&extra)?;
        }
    }
    r.finish()
}

/// Parses a response: `Ok(T)` for the expected body root `{target_ns}body_local`,
/// `Err(EnvelopeError::Fault)` for a SOAP 1.1 fault, `Err(EnvelopeError::Decode)` otherwise.
pub fn read_response<T: XmlDecode>(
    xml: &str,
    target_ns: &str,
    body_local: &str,
    opts: DecodeOptions,
) -> Result<T, EnvelopeError> {
    let mut r = open_envelope(xml, opts)?;
    let body = enter_body(&mut r).map_err(|e| e.within("Envelope"))?;
    let within = |e: DecodeError| e.within("Body").within("Envelope");
    let Some(child) = r.next_element().map_err(within)? else {
        return Err(within(DecodeError::new(
            DecodeErrorKind::Missing("body element"),
            Some(body.position()),
        ))
        .into());
    };
    if child.is(Some(SOAP11_ENV_NS), "Fault") {
        let fault = fault::read_fault(&mut r, &child).map_err(within)?;
        finish_envelope(&mut r)?;
        return Err(EnvelopeError::Fault(Box::new(fault)));
    }
    if !child.is(Some(target_ns), body_local) {
        return Err(within(unexpected(&child, target_ns, body_local)).into());
    }
    if let Some(ns) = child.namespace() {
        r.set_target_namespace(ns);
    }
    let value = r.complex::<T>(&child).map_err(within)?;
    finish_envelope(&mut r)?;
    Ok(value)
}
