//! SOAP 1.1 and 1.2 envelopes: writing requests/responses/faults and reading them back.
//!
//! The two versions differ on the wire only in the envelope namespace (see [`SoapVersion`]),
//! the fault's shape (see [`SoapFault`]) and the HTTP framing (content type, `SOAPAction`).
//! Wire shape of SOAP 1.1 (what Marketo sends and expects; SOAP 1.2 binds `SOAP-ENV` to
//! `http://www.w3.org/2003/05/soap-envelope` instead):
//! ```text
//! <SOAP-ENV:Envelope xmlns:SOAP-ENV="…soap/envelope/" xmlns:ns1="{target}" xmlns:xsi="…">
//!   <SOAP-ENV:Header><ns1:AuthenticationHeader>…</ns1:AuthenticationHeader></SOAP-ENV:Header>
//!   <SOAP-ENV:Body><ns1:paramsGetLead>…</ns1:paramsGetLead></SOAP-ENV:Body>
//! </SOAP-ENV:Envelope>
//! ```
//! Readers find `Envelope`, `Header` and `Body` by namespace, whatever the prefixes.

mod fault;
mod request;
mod size_hint;

use std::fmt;

use crate::xml::{
    DecodeError, DecodeErrorKind, DecodeOptions, ElementStart, XmlDecode, XmlEncode, XmlReader,
    XmlWriter,
};

pub use fault::{FaultDetail, FaultDetailEntry, SoapFault, write_fault};
pub use request::{RequestReader, read_request};

/// The SOAP 1.1 envelope namespace.
pub const SOAP11_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// The SOAP 1.2 envelope namespace.
pub const SOAP12_ENV_NS: &str = "http://www.w3.org/2003/05/soap-envelope";

pub(crate) const ENVELOPE_END: &str = "</SOAP-ENV:Envelope>";

/// Which SOAP version an envelope (and the binding it serves) uses.
///
/// SOAP 1.1 envelopes live in `http://schemas.xmlsoap.org/soap/envelope/` and travel as
/// `text/xml` with a `SOAPAction` HTTP header; SOAP 1.2 envelopes live in
/// `http://www.w3.org/2003/05/soap-envelope` and travel as `application/soap+xml` with the
/// action as a parameter of the content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SoapVersion {
    /// SOAP 1.1 (a WSDL `soap:binding`).
    #[default]
    Soap11,
    /// SOAP 1.2 (a WSDL `soap12:binding`).
    Soap12,
}

impl SoapVersion {
    /// The envelope namespace of this version.
    pub const fn namespace(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => SOAP11_ENV_NS,
            SoapVersion::Soap12 => SOAP12_ENV_NS,
        }
    }

    /// The version whose envelope namespace is `ns`, if any.
    pub fn from_namespace(ns: &str) -> Option<Self> {
        match ns {
            SOAP11_ENV_NS => Some(SoapVersion::Soap11),
            SOAP12_ENV_NS => Some(SoapVersion::Soap12),
            _ => None,
        }
    }

    /// The envelope start tag up to (not including) its closing `>`, so more namespace
    /// declarations can follow.
    pub(crate) const fn envelope_start(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => {
                "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
            }
            SoapVersion::Soap12 => {
                "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\""
            }
        }
    }
}

/// A SOAP header block: a global element, written as `<ns1:{local}>` when it is in the
/// operation's namespace, or with a prefix of its own declared on it
/// (`<ns2:{local} xmlns:ns2="{namespace}">`) when its schema puts it elsewhere.
#[derive(Clone, Copy)]
pub struct HeaderBlock<'a> {
    /// Namespace of the header element.
    pub namespace: &'static str,
    /// Local name of the header element, e.g. `AuthenticationHeader`.
    pub local: &'a str,
    /// Its content.
    pub value: &'a dyn XmlEncode,
}

impl fmt::Debug for HeaderBlock<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HeaderBlock")
            .field("namespace", &self.namespace)
            .field("local", &self.local)
            .finish_non_exhaustive()
    }
}

/// Writes a SOAP 1.1 request envelope: header blocks (if any) and the body root
/// `<ns1:{body_local}>`.
pub fn write_request(
    target_ns: &'static str,
    headers: &[HeaderBlock<'_>],
    body_local: &str,
    body: &dyn XmlEncode,
) -> String {
    write_request_in(SoapVersion::Soap11, target_ns, headers, body_local, body)
}

/// Writes a request envelope of the given SOAP version: header blocks (if any) and the body
/// root `<ns1:{body_local}>`.
pub fn write_request_in(
    version: SoapVersion,
    target_ns: &'static str,
    headers: &[HeaderBlock<'_>],
    body_local: &str,
    body: &dyn XmlEncode,
) -> String {
    write_request_with_raw_headers(version, target_ns, "", headers, body_local, body)
}

/// Like [`write_request_in`], with `raw_headers` (complete header elements already rendered in
/// the envelope's namespace scope, e.g. by a [`HeaderProvider`](crate::HeaderProvider)) first.
pub(crate) fn write_request_with_raw_headers(
    version: SoapVersion,
    target_ns: &'static str,
    raw_headers: &str,
    headers: &[HeaderBlock<'_>],
    body_local: &str,
    body: &dyn XmlEncode,
) -> String {
    let mut w = XmlWriter::with_capacity(
        target_ns,
        size_hint::ENVELOPE_SIZES.capacity_for(body_local),
    );
    w.raw(version.envelope_start());
    w.declare_namespaces();
    w.raw(">");
    if !headers.is_empty() || !raw_headers.is_empty() {
        w.raw("<SOAP-ENV:Header>");
        w.raw(raw_headers);
        for h in headers {
            w.root_in(h.namespace, h.local, h.value);
        }
        w.raw("</SOAP-ENV:Header>");
    }
    w.raw("<SOAP-ENV:Body>");
    // An operation whose input message has no body part sends an empty `Body`.
    if !body_local.is_empty() {
        w.root(body_local, body);
    }
    w.raw("</SOAP-ENV:Body>");
    w.raw(ENVELOPE_END);
    w.end_declared_scope();
    let envelope = w.into_string();
    size_hint::ENVELOPE_SIZES.record(body_local, envelope.len());
    envelope
}

/// Writes a SOAP 1.1 response envelope (no header) with the body root `<ns1:{body_local}>`.
pub fn write_response(target_ns: &'static str, body_local: &str, body: &dyn XmlEncode) -> String {
    write_request(target_ns, &[], body_local, body)
}

/// Writes a response envelope of the given SOAP version (no header) with the body root
/// `<ns1:{body_local}>`.
pub fn write_response_in(
    version: SoapVersion,
    target_ns: &'static str,
    body_local: &str,
    body: &dyn XmlEncode,
) -> String {
    write_request_in(version, target_ns, &[], body_local, body)
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

/// Opens the `Envelope` (of either SOAP version) and returns the reader positioned inside it,
/// with the version its namespace says.
pub(crate) fn open_envelope<'a>(
    xml: &'a str,
    opts: DecodeOptions,
) -> Result<(XmlReader<'a>, SoapVersion), DecodeError> {
    let mut r = XmlReader::new(xml, opts);
    let root = r.root_element()?;
    let version = root
        .namespace()
        .and_then(SoapVersion::from_namespace)
        .filter(|_| root.local_name() == "Envelope");
    match version {
        Some(version) => Ok((r, version)),
        None => Err(unexpected(&root, SOAP11_ENV_NS, "Envelope")),
    }
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

/// The SOAP header blocks of a reply that an operation declares (`soap:header` in a binding
/// operation's `<output>`), decoded: generated per operation as `<Op>ReplyHeaders`, one
/// `Option` field per declared header, e.g. `<SOAP-ENV:Header><ns1:DebuggingInfo>…` fills
/// `debugging_info`.
pub trait ReplyHeaders {
    /// Reads the header block `start` (a child of `Header`, just read) through its end tag:
    /// decodes it into its field when it is a declared header, skips it otherwise (services
    /// add blocks of their own, e.g. WS-Addressing).
    fn read_block<'a>(
        &mut self,
        r: &mut XmlReader<'a>,
        start: &ElementStart<'a>,
    ) -> Result<(), DecodeError>;
}

/// Skips envelope children up to and including the start of `Body`.
fn enter_body<'a>(
    r: &mut XmlReader<'a>,
    version: SoapVersion,
) -> Result<ElementStart<'a>, DecodeError> {
    enter_body_reading_headers(r, version, None)
}

/// Reads envelope children up to and including the start of `Body`, handing each `Header`
/// block to `headers` (skipped when `None`).
fn enter_body_reading_headers<'a>(
    r: &mut XmlReader<'a>,
    version: SoapVersion,
    mut headers: Option<&mut dyn ReplyHeaders>,
) -> Result<ElementStart<'a>, DecodeError> {
    let env_ns = version.namespace();
    loop {
        let Some(child) = r.next_element()? else {
            return Err(DecodeError::new(
                DecodeErrorKind::Missing("Body"),
                Some(r.position()),
            ));
        };
        if child.is(Some(env_ns), "Body") {
            return Ok(child);
        }
        if child.is(Some(env_ns), "Header") {
            match headers.as_deref_mut() {
                Some(headers) => read_header_blocks(r, headers)?,
                None => r.skip(&child)?,
            }
        } else {
            r.unknown(&child)?;
        }
    }
}

/// Hands each child of `Header` to `headers`.
fn read_header_blocks<'a>(
    r: &mut XmlReader<'a>,
    headers: &mut dyn ReplyHeaders,
) -> Result<(), DecodeError> {
    while let Some(block) = r.next_element().map_err(|e| e.within("Header"))? {
        if let Some(ns) = block.namespace() {
            r.set_target_namespace(ns);
        }
        headers
            .read_block(r, &block)
            .map_err(|e| e.within(block.local_name()).within("Header"))?;
    }
    Ok(())
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

/// Parses a response of either SOAP version (the envelope namespace decides): `Ok(T)` for the
/// expected body root `{target_ns}body_local`, `Err(EnvelopeError::Fault)` for a SOAP 1.1 or
/// 1.2 fault, `Err(EnvelopeError::Decode)` otherwise.
pub fn read_response<T: XmlDecode>(
    xml: &str,
    target_ns: &str,
    body_local: &str,
    opts: DecodeOptions,
) -> Result<T, EnvelopeError> {
    read_response_reading_headers(xml, target_ns, body_local, opts, None)
}

/// Like [`read_response`], and the reply's declared SOAP headers decoded into `H` (a block
/// `H` does not declare is skipped; a declared one that is absent stays `None`).
pub fn read_response_with_headers<T: XmlDecode, H: ReplyHeaders + Default>(
    xml: &str,
    target_ns: &str,
    body_local: &str,
    opts: DecodeOptions,
) -> Result<(T, H), EnvelopeError> {
    let mut headers = H::default();
    let body = read_response_reading_headers(xml, target_ns, body_local, opts, Some(&mut headers))?;
    Ok((body, headers))
}

fn read_response_reading_headers<T: XmlDecode>(
    xml: &str,
    target_ns: &str,
    body_local: &str,
    opts: DecodeOptions,
    headers: Option<&mut dyn ReplyHeaders>,
) -> Result<T, EnvelopeError> {
    let (mut r, version) = open_envelope(xml, opts)?;
    let body =
        enter_body_reading_headers(&mut r, version, headers).map_err(|e| e.within("Envelope"))?;
    let within = |e: DecodeError| e.within("Body").within("Envelope");
    let Some(child) = r.next_element().map_err(within)? else {
        return Err(within(DecodeError::new(
            DecodeErrorKind::Missing("body element"),
            Some(body.position()),
        ))
        .into());
    };
    if child.is(Some(version.namespace()), "Fault") {
        let fault = fault::read_fault(&mut r, &child, version).map_err(within)?;
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

/// Parses the envelope a server may answer a one-way request with (the usual answer has no
/// body at all): `Ok(())` for an envelope whose `Body` is empty, `Err(EnvelopeError::Fault)`
/// for a SOAP 1.1 or 1.2 fault, `Err(EnvelopeError::Decode)` for anything else, a body element
/// included (a one-way operation has no response to decode it into).
pub(crate) fn read_empty_response(xml: &str, opts: DecodeOptions) -> Result<(), EnvelopeError> {
    let (mut r, version) = open_envelope(xml, opts)?;
    enter_body(&mut r, version).map_err(|e| e.within("Envelope"))?;
    let within = |e: DecodeError| e.within("Body").within("Envelope");
    let Some(child) = r.next_element().map_err(within)? else {
        // `Body` is closed: the rest of `Envelope`, then the end of the document.
        while let Some(extra) = r.next_element()? {
            r.unknown(&extra)?;
        }
        r.finish()?;
        return Ok(());
    };
    if child.is(Some(version.namespace()), "Fault") {
        let fault = fault::read_fault(&mut r, &child, version).map_err(within)?;
        finish_envelope(&mut r)?;
        return Err(EnvelopeError::Fault(Box::new(fault)));
    }
    Err(within(DecodeError::new(
        DecodeErrorKind::UnexpectedRoot {
            expected: "none (an empty Body: the operation is one-way)".to_owned(),
            found: child.expanded_name(),
        },
        Some(child.position()),
    ))
    .into())
}

#[cfg(test)]
mod tests;
