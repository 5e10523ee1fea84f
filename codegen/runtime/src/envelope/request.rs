//! Server side (the simulator): reading a request envelope header by header, then the body.

use super::{SoapVersion, finish_envelope, open_envelope};
use crate::xml::{DecodeError, DecodeErrorKind, DecodeOptions, ElementStart, XmlReader};

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
    version: SoapVersion,
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

/// Starts reading a request envelope of either SOAP version (reads up to the `Envelope` start
/// tag; [`RequestReader::version`] says which).
pub fn read_request(xml: &str, opts: DecodeOptions) -> Result<RequestReader<'_>, DecodeError> {
    let (reader, version) = open_envelope(xml, opts)?;
    Ok(RequestReader {
        reader,
        version,
        state: RequestState::Envelope,
        body_root: None,
    })
}

impl<'a> RequestReader<'a> {
    /// The SOAP version of the envelope (from its namespace), so a server answers in kind.
    pub fn version(&self) -> SoapVersion {
        self.version
    }

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
                    let env_ns = self.version.namespace();
                    if child.is(Some(env_ns), "Header") {
                        self.state = RequestState::Header;
                    } else if child.is(Some(env_ns), "Body") {
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
