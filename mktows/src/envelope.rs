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

use std::fmt;

use crate::xml::{
    DecodeError, DecodeErrorKind, DecodeOptions, ElementStart, XmlDecode, XmlEncode, XmlReader,
    XmlWriter,
};

/// The SOAP 1.1 envelope namespace.
pub const SOAP11_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";

const ENVELOPE_START: &str =
    "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"";
const ENVELOPE_END: &str = "</SOAP-ENV:Envelope>";

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
    let mut w = XmlWriter::with_capacity(target_ns, 2048);
    w.raw(ENVELOPE_START);
    w.declare_namespaces();
    w.raw(">");
    if !headers.is_empty() {
        w.raw("<SOAP-ENV:Header>");
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

impl std::error::Error for EnvelopeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EnvelopeError::Fault(_) => None,
            EnvelopeError::Decode(e) => Some(e),
        }
    }
}

impl From<DecodeError> for EnvelopeError {
    fn from(e: DecodeError) -> Self {
        EnvelopeError::Decode(e)
    }
}

/// Opens the `Envelope` and returns the reader positioned inside it.
fn open_envelope<'a>(xml: &'a str, opts: DecodeOptions) -> Result<XmlReader<'a>, DecodeError> {
    let mut r = XmlReader::new(xml, opts);
    let root = r.root_element()?;
    if !root.is(Some(SOAP11_ENV_NS), "Envelope") {
        return Err(unexpected(&root, SOAP11_ENV_NS, "Envelope"));
    }
    Ok(r)
}

#[cold]
fn unexpected(found: &ElementStart<'_>, ns: &str, local: &str) -> DecodeError {
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
fn finish_envelope(r: &mut XmlReader<'_>) -> Result<(), DecodeError> {
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
        let fault = read_fault(&mut r, &child).map_err(within)?;
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

/// Reads the content of `SOAP-ENV:Fault` (tolerant: children matched by local name only).
fn read_fault<'a>(
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

/// Server side: a request envelope being read, header blocks first, then the body.
///
/// ```text
/// let mut req = read_request(xml, DecodeOptions::default())?;
/// while let Some(h) = req.next_header()? {
///     if h.local_name() == "AuthenticationHeader" { auth = Some(req.reader().complex(&h)?) }
///     else { req.reader().skip(&h)? }
/// }
/// let body = req.body()?;                 // e.g. paramsGetLead
/// let params = req.reader().complex::<ParamsGetLead>(&body)?;
/// req.finish()?;
/// ```
#[derive(Debug)]
pub struct RequestReader<'a> {
    reader: XmlReader<'a>,
    state: RequestState,
    body_root: Option<ElementStart<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RequestState {
    /// Inside `Envelope`, before `Header`/`Body`.
    Envelope,
    /// Inside `Header`.
    Header,
    /// The body element was read and is waiting in `body_root`.
    BodyReady,
    /// The body element was handed out.
    Done,
}

/// Starts reading a request envelope (reads up to the `Envelope` start tag).
pub fn read_request(xml: &str, opts: DecodeOptions) -> Result<RequestReader<'_>, DecodeError> {
    Ok(RequestReader {
        reader: open_envelope(xml, opts)?,
        state: RequestState::Envelope,
        body_root: None,
    })
}

impl<'a> RequestReader<'a> {
    /// The underlying reader, to decode (`complex`) or `skip` the element just returned.
    pub fn reader(&mut self) -> &mut XmlReader<'a> {
        &mut self.reader
    }

    /// The next header block (each must be decoded or skipped through [`RequestReader::reader`]),
    /// or `None` when there are no more (or no `Header` at all).
    pub fn next_header(&mut self) -> Result<Option<ElementStart<'a>>, DecodeError> {
        loop {
            match self.state {
                RequestState::BodyReady | RequestState::Done => return Ok(None),
                RequestState::Header => match self.reader.next_element()? {
                    Some(h) => {
                        if let Some(ns) = h.namespace() {
                            self.reader.set_target_namespace(ns);
                        }
                        return Ok(Some(h));
                    }
                    None => self.state = RequestState::Envelope,
                },
                RequestState::Envelope => {
                    let Some(child) = self.reader.next_element()? else {
                        return Err(DecodeError::new(
                            DecodeErrorKind::Missing("Body"),
                            Some(self.reader.position()),
                        ));
                    };
                    if child.is(Some(SOAP11_ENV_NS), "Header") {
                        self.state = RequestState::Header;
                    } else if child.is(Some(SOAP11_ENV_NS), "Body") {
                        let Some(root) = self.reader.next_element()? else {
                            return Err(DecodeError::new(
                                DecodeErrorKind::Missing("body element"),
                                Some(child.position()),
                            )
                            .within("Body"));
                        };
                        self.body_root = Some(root);
                        self.state = RequestState::BodyReady;
                    } else {
                        self.reader.unknown(&child)?;
                    }
                }
            }
        }
    }

    /// Skips any remaining headers and returns the body root element (e.g. `paramsGetLead`);
    /// decode it with `reader().complex::<T>(&start)` and then call [`RequestReader::finish`].
    pub fn body(&mut self) -> Result<ElementStart<'a>, DecodeError> {
        while let Some(h) = self.next_header()? {
            self.reader.skip(&h)?;
        }
        let root = self.body_root.take().ok_or_else(|| {
            DecodeError::other(
                "the body element was already taken",
                Some(self.reader.position()),
            )
        })?;
        self.state = RequestState::Done;
        if let Some(ns) = root.namespace() {
            self.reader.set_target_namespace(ns);
        }
        Ok(root)
    }

    /// Checks the rest of the envelope after the body element was decoded.
    pub fn finish(mut self) -> Result<(), DecodeError> {
        finish_envelope(&mut self.reader)
    }
}
