//! `XmlReader`: a pull decoder over a borrowed `&str`, on top of `quick-xml`'s event reader.
//!
//! Protocol for decoders: [`XmlReader::next_child`] returns the next child element of the element
//! being decoded, and every child it returns must be consumed (by `simple`, `complex`, `skip`,
//! `unknown`, …) before asking for the next one. Names are borrowed from the input; nothing is
//! allocated on the success path except the decoded values themselves (and owned text when the
//! input contains escapes).
//!
//! Hostile input: DOCTYPE declarations are rejected (so no custom entities and no entity
//! expansion), unknown entity references are errors, nesting is limited by
//! [`DecodeOptions::max_depth`] and namespace declarations by [`DecodeOptions::max_namespaces`].

use std::borrow::Cow;

use quick_xml::events::attributes::Attributes;
use quick_xml::events::{BytesStart, Event};

use super::error::{DecodeError, DecodeErrorKind};
use super::names::{Namespaces, split_qname};
use super::text::{TextAccumulator, is_blank, resolve_reference};
use super::{Nillable, SimpleValue, XSI_NS, XmlDecode};

/// Decoder settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeOptions {
    /// `true`: unknown elements, non-whitespace text in element-only content and wrongly
    /// qualified elements are errors (used by tests). `false`: unknown elements are skipped for
    /// forward compatibility.
    pub strict: bool,
    /// Maximum element nesting depth (default 64); deeper documents are rejected.
    pub max_depth: usize,
    /// Maximum number of namespace declarations in scope at once (default 64).
    pub max_namespaces: usize,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            strict: false,
            max_depth: 64,
            max_namespaces: 64,
        }
    }
}

impl DecodeOptions {
    /// Lenient defaults: unknown elements are skipped.
    pub fn lenient() -> Self {
        Self::default()
    }

    /// Strict decoding: anything the schema does not allow is an error.
    pub fn strict() -> Self {
        DecodeOptions {
            strict: true,
            ..Self::default()
        }
    }
}

/// Whether the children of a complex type are expected without a namespace (`elementFormDefault`
/// unqualified, the mktows case) or in the target namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// Children have no namespace: `<leadRecord>`.
    Unqualified,
    /// Children are in the target namespace: `<ns1:leadRecord>`.
    Qualified,
}

/// A start tag as seen by decoders: resolved name, `xsi:nil`, `xsi:type`, and position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ElementStart<'a> {
    qname: &'a str,
    local: &'a str,
    namespace: Option<&'a str>,
    nil: bool,
    xsi_type: Option<(Option<&'a str>, &'a str)>,
    position: u64,
}

impl<'a> ElementStart<'a> {
    /// Local name, e.g. `leadRecord`.
    #[inline]
    pub fn local_name(&self) -> &'a str {
        self.local
    }

    /// Resolved namespace name, `None` for unqualified elements.
    #[inline]
    pub fn namespace(&self) -> Option<&'a str> {
        self.namespace
    }

    /// The name as written, with its prefix (for messages).
    #[inline]
    pub fn qualified_name(&self) -> &'a str {
        self.qname
    }

    /// `true` when the element has `xsi:nil="true"` (or `"1"`).
    #[inline]
    pub fn is_nil(&self) -> bool {
        self.nil
    }

    /// `xsi:type`, resolved against the prefixes in scope: (namespace, local name).
    #[inline]
    pub fn xsi_type(&self) -> Option<(Option<&'a str>, &'a str)> {
        self.xsi_type
    }

    /// Byte offset of the `<` of this start tag in the input.
    #[inline]
    pub fn position(&self) -> u64 {
        self.position
    }

    /// `true` when the element is `local` in namespace `ns`.
    #[inline]
    pub fn is(&self, ns: Option<&str>, local: &str) -> bool {
        self.local == local && self.namespace == ns
    }

    /// `{namespace}local` for messages.
    pub fn expanded_name(&self) -> String {
        expanded(self.namespace, self.local)
    }
}

/// `{ns}local` (or `local` without a namespace).
fn expanded(ns: Option<&str>, local: &str) -> String {
    match ns {
        Some(ns) => format!("{{{ns}}}{local}"),
        None => local.to_owned(),
    }
}

/// Byte offset of `part` inside `input`, when `part` is a sub-slice of it.
#[inline]
fn offset_in(input: &str, part: &str) -> Option<usize> {
    let start = (part.as_ptr() as usize).checked_sub(input.as_ptr() as usize)?;
    (start.checked_add(part.len())? <= input.len()).then_some(start)
}

/// A streaming decoder over a borrowed document.
pub struct XmlReader<'a> {
    input: &'a str,
    parser: quick_xml::Reader<&'a [u8]>,
    options: DecodeOptions,
    namespaces: Namespaces<'a>,
    /// Number of currently open elements.
    depth: usize,
    /// The last element returned was `<x/>`: its (virtual) end tag is still to be consumed.
    pending_end: bool,
    /// Namespace of the document's global elements (set from the root), for `Form::Qualified`.
    target_ns: Option<&'a str>,
}

impl std::fmt::Debug for XmlReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XmlReader")
            .field("position", &self.parser.buffer_position())
            .field("depth", &self.depth)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<'a> XmlReader<'a> {
    /// A reader positioned before the root element of `input`.
    pub fn new(input: &'a str, options: DecodeOptions) -> Self {
        let mut parser = quick_xml::Reader::from_str(input);
        let config = parser.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        XmlReader {
            input,
            parser,
            namespaces: Namespaces::new(options.max_namespaces),
            options,
            depth: 0,
            pending_end: false,
            target_ns: None,
        }
    }

    /// `true` in strict mode.
    #[inline]
    pub fn strict(&self) -> bool {
        self.options.strict
    }

    /// The options this reader was created with.
    #[inline]
    pub fn options(&self) -> &DecodeOptions {
        &self.options
    }

    /// The namespace `Form::Qualified` children are checked against (the root's namespace unless
    /// set explicitly).
    #[inline]
    pub fn target_namespace(&self) -> Option<&'a str> {
        self.target_ns
    }

    /// Sets the namespace `Form::Qualified` children are checked against (the envelope reader
    /// uses the namespace of the body element).
    #[inline]
    pub fn set_target_namespace(&mut self, ns: &'a str) {
        self.target_ns = Some(ns);
    }

    /// Current byte offset in the input.
    #[inline]
    pub fn position(&self) -> u64 {
        self.parser.buffer_position()
    }

    #[cold]
    fn error_here(&self, kind: DecodeErrorKind) -> DecodeError {
        DecodeError::new(kind, Some(self.parser.buffer_position()))
    }

    /// The next parser event, with parse errors and DOCTYPE mapped to decode errors.
    #[inline]
    fn read(&mut self) -> Result<Event<'a>, DecodeError> {
        match self.parser.read_event() {
            Ok(Event::DocType(_)) => Err(self.error_here(DecodeErrorKind::Doctype)),
            Ok(e) => Ok(e),
            Err(e) => Err(DecodeError::new(
                DecodeErrorKind::Syntax(e.to_string()),
                Some(self.parser.error_position()),
            )),
        }
    }

    /// Closes the innermost open element (after its end tag was read).
    #[inline]
    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.namespaces.pop_to(self.depth);
    }

    /// Opens an element from its start tag: depth check, namespace declarations, name resolution,
    /// `xsi:nil` / `xsi:type`.
    #[inline]
    fn open(&mut self, e: &BytesStart<'_>) -> Result<ElementStart<'a>, DecodeError> {
        let content: &str = e;
        let (content, at) = match offset_in(self.input, content)
            .and_then(|at| self.input.get(at..at + content.len()).map(|c| (c, at)))
        {
            Some(found) => found,
            None => {
                return Err(self.error_here(DecodeErrorKind::Other(
                    "start tag not borrowed from the input".to_owned(),
                )));
            }
        };
        let position = at.saturating_sub(1) as u64;
        if self.depth >= self.options.max_depth {
            return Err(DecodeError::new(
                DecodeErrorKind::TooDeep(self.options.max_depth),
                Some(position),
            ));
        }
        let depth = self.depth + 1;
        let name_len = e.name().as_ref().len();
        let qname = content.get(..name_len).unwrap_or_default();
        let (prefix, local) = split_qname(qname);
        let has_attributes = content.len() > name_len;
        let mut nil = false;
        let mut xsi_type = None;
        if has_attributes {
            self.declare_namespaces(content, name_len, depth, position)?;
        }
        let namespace = match self.namespaces.resolve_element(prefix) {
            Ok(ns) => ns,
            Err(()) => {
                self.namespaces.pop_to(self.depth);
                return Err(DecodeError::new(
                    DecodeErrorKind::UndeclaredPrefix(prefix.unwrap_or_default().to_owned()),
                    Some(position),
                ));
            }
        };
        if has_attributes {
            let (n, t) = self
                .xsi_attributes(content, name_len, position)
                .inspect_err(|_| self.namespaces.pop_to(self.depth))?;
            nil = n;
            xsi_type = t;
        }
        self.depth = depth;
        Ok(ElementStart {
            qname,
            local,
            namespace,
            nil,
            xsi_type,
            position,
        })
    }

    /// First pass over the attributes: `xmlns` / `xmlns:p` declarations.
    fn declare_namespaces(
        &mut self,
        content: &'a str,
        name_len: usize,
        depth: usize,
        position: u64,
    ) -> Result<(), DecodeError> {
        for attr in Attributes::new(content, name_len) {
            let attr = attr.map_err(|e| {
                DecodeError::new(DecodeErrorKind::Syntax(e.to_string()), Some(position))
            })?;
            let key = attr.key.0;
            let prefix = if key == "xmlns" {
                ""
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                p
            } else {
                continue;
            };
            let uri = match attr.value {
                Cow::Borrowed(v) if !v.contains('&') => v,
                _ => {
                    return Err(DecodeError::new(
                        DecodeErrorKind::UnsupportedNamespace(
                            "character references in a namespace name".to_owned(),
                        ),
                        Some(position),
                    ));
                }
            };
            self.namespaces
                .declare(prefix, uri, depth)
                .map_err(|k| DecodeError::new(k, Some(position)))?;
        }
        Ok(())
    }

    /// Second pass: `xsi:nil` and `xsi:type` (by resolved namespace, any prefix).
    #[allow(clippy::type_complexity)]
    fn xsi_attributes(
        &self,
        content: &'a str,
        name_len: usize,
        position: u64,
    ) -> Result<(bool, Option<(Option<&'a str>, &'a str)>), DecodeError> {
        let mut nil = false;
        let mut xsi_type = None;
        for attr in Attributes::new(content, name_len) {
            let attr = attr.map_err(|e| {
                DecodeError::new(DecodeErrorKind::Syntax(e.to_string()), Some(position))
            })?;
            let (Some(prefix), local) = split_qname(attr.key.0) else {
                continue;
            };
            if prefix == "xmlns" || !(local == "nil" || local == "type") {
                continue;
            }
            match self.namespaces.resolve_prefix(prefix) {
                Some(XSI_NS) => {}
                Some(_) => continue,
                None => {
                    return Err(DecodeError::new(
                        DecodeErrorKind::UndeclaredPrefix(prefix.to_owned()),
                        Some(position),
                    ));
                }
            }
            let value = match attr.value {
                Cow::Borrowed(v) if !v.contains('&') => {
                    v.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\r' | '\n'))
                }
                other => {
                    return Err(DecodeError::invalid_value(
                        super::ValueError::with_reason(
                            "QName",
                            "character references in xsi attributes are not supported",
                        ),
                        &other,
                        Some(position),
                    ));
                }
            };
            if local == "nil" {
                nil = match value {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => {
                        return Err(DecodeError::invalid_value(
                            super::ValueError::invalid("boolean"),
                            value,
                            Some(position),
                        )
                        .within("@xsi:nil"));
                    }
                };
            } else {
                let (p, l) = split_qname(value);
                let ns = match p {
                    Some(p) => match self.namespaces.resolve_prefix(p) {
                        Some(ns) => Some(ns),
                        None => {
                            return Err(DecodeError::new(
                                DecodeErrorKind::UndeclaredPrefix(p.to_owned()),
                                Some(position),
                            )
                            .within("@xsi:type"));
                        }
                    },
                    None => self.namespaces.resolve_element(None).unwrap_or(None),
                };
                xsi_type = Some((ns, l));
            }
        }
        Ok((nil, xsi_type))
    }

    /// Handles a non-element event in element-only content: whitespace, comments and PIs are
    /// skipped; other text is an error in strict mode (and ignored otherwise).
    #[inline]
    fn element_only_content(&self, event: &Event<'a>) -> Result<(), DecodeError> {
        let blank = match event {
            Event::Text(t) => is_blank(t),
            Event::CData(c) => is_blank(c),
            Event::GeneralRef(r) => {
                resolve_reference(r).map_err(|k| self.error_here(k))?;
                false
            }
            _ => true,
        };
        if !blank && self.options.strict {
            return Err(self.error_here(DecodeErrorKind::UnexpectedText));
        }
        Ok(())
    }

    /// Next child element of the current element, without a namespace check.
    pub fn next_element(&mut self) -> Result<Option<ElementStart<'a>>, DecodeError> {
        if self.pending_end {
            self.pending_end = false;
            self.close();
            return Ok(None);
        }
        loop {
            let event = self.read()?;
            match event {
                Event::Start(e) => return self.open(&e).map(Some),
                Event::Empty(e) => {
                    let start = self.open(&e)?;
                    self.pending_end = true;
                    return Ok(Some(start));
                }
                Event::End(_) => {
                    self.close();
                    return Ok(None);
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                other => self.element_only_content(&other)?,
            }
        }
    }

    /// Next child element of the current element, skipping whitespace/comments/PIs; `None` once
    /// the current element's end tag has been consumed. Non-whitespace text is an error in strict
    /// mode. `form` says whether children are expected unqualified or in the target namespace
    /// (checked in strict mode).
    #[inline]
    pub fn next_child(&mut self, form: Form) -> Result<Option<ElementStart<'a>>, DecodeError> {
        let child = self.next_element()?;
        if let Some(start) = &child {
            if self.options.strict {
                self.check_form(start, form)?;
            }
        }
        Ok(child)
    }

    fn check_form(&self, start: &ElementStart<'a>, form: Form) -> Result<(), DecodeError> {
        let expected = match form {
            Form::Unqualified => None,
            Form::Qualified => match self.target_ns {
                Some(ns) => Some(ns),
                // Unknown target namespace: any namespace will do, but not none.
                None if start.namespace.is_some() => return Ok(()),
                None => Some(""),
            },
        };
        if start.namespace == expected {
            return Ok(());
        }
        Err(DecodeError::new(
            DecodeErrorKind::WrongNamespace {
                expected: expected.map(str::to_owned),
                found: start.namespace.map(str::to_owned),
            },
            Some(start.position),
        )
        .within(start.local))
    }

    /// Consumes the element `start` (just returned by `next_child`) through its end tag,
    /// ignoring its content.
    pub fn skip(&mut self, start: &ElementStart<'a>) -> Result<(), DecodeError> {
        let _ = start;
        if self.pending_end {
            self.pending_end = false;
            self.close();
            return Ok(());
        }
        let outer = self.depth.saturating_sub(1);
        loop {
            match self.read()? {
                Event::Start(_) => {
                    self.check_depth()?;
                    self.depth += 1;
                }
                Event::Empty(_) => self.check_depth()?,
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == outer {
                        self.namespaces.pop_to(outer);
                        return Ok(());
                    }
                }
                Event::GeneralRef(r) => {
                    resolve_reference(&r).map_err(|k| self.error_here(k))?;
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                _ => {}
            }
        }
    }

    /// Error when one more level of nesting would exceed the limit.
    #[inline]
    fn check_depth(&self) -> Result<(), DecodeError> {
        if self.depth >= self.options.max_depth {
            return Err(self.error_here(DecodeErrorKind::TooDeep(self.options.max_depth)));
        }
        Ok(())
    }

    /// An element the decoder does not know: an error in strict mode, skipped otherwise.
    pub fn unknown(&mut self, start: &ElementStart<'a>) -> Result<(), DecodeError> {
        if self.options.strict {
            return Err(
                DecodeError::new(DecodeErrorKind::UnknownElement, Some(start.position))
                    .within(start.local),
            );
        }
        self.skip(start)
    }

    /// Reads the text content of the current element through its end tag: text, CDATA and
    /// references concatenated, comments/PIs skipped, line ends normalised. Borrowed from the input
    /// unless escapes or several pieces had to be combined. A child element is an error.
    pub fn text(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        if self.pending_end {
            self.pending_end = false;
            self.close();
            return Ok(Cow::Borrowed(""));
        }
        let mut acc = TextAccumulator::default();
        loop {
            match self.read()? {
                Event::Text(t) => acc.push(t.xml10_content()),
                Event::CData(c) => acc.push(c.xml10_content()),
                Event::GeneralRef(r) => {
                    acc.push_char(resolve_reference(&r).map_err(|k| self.error_here(k))?)
                }
                Event::End(_) => {
                    self.close();
                    return Ok(acc.finish());
                }
                Event::Start(e) | Event::Empty(e) => {
                    let at = offset_in(self.input, &e)
                        .map_or(self.position(), |o| o.saturating_sub(1) as u64);
                    return Err(DecodeError::new(
                        DecodeErrorKind::UnexpectedElement,
                        Some(at),
                    ));
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                _ => {}
            }
        }
    }

    #[inline]
    fn parse_simple<T: SimpleValue>(&mut self, start: &ElementStart<'a>) -> Result<T, DecodeError> {
        let text = self.text()?;
        T::parse_text(&text).map_err(|e| DecodeError::invalid_value(e, &text, Some(start.position)))
    }

    #[cold]
    fn nil_not_allowed(start: &ElementStart<'a>) -> DecodeError {
        DecodeError::new(DecodeErrorKind::NilNotAllowed, Some(start.position))
    }

    /// A text-only child; errors name the child in the path.
    #[inline]
    pub fn simple<T: SimpleValue>(&mut self, start: &ElementStart<'a>) -> Result<T, DecodeError> {
        if start.nil {
            return Err(Self::nil_not_allowed(start).within(start.local));
        }
        self.parse_simple(start).map_err(|e| e.within(start.local))
    }

    /// A nillable text-only child: `xsi:nil="true"` gives [`Nillable::Nil`].
    #[inline]
    pub fn simple_nillable<T: SimpleValue>(
        &mut self,
        start: &ElementStart<'a>,
    ) -> Result<Nillable<T>, DecodeError> {
        if start.nil {
            self.nil_content(start)?;
            return Ok(Nillable::Nil);
        }
        self.parse_simple(start)
            .map(Nillable::Value)
            .map_err(|e| e.within(start.local))
    }

    /// Consumes the content of a nil element (which must be empty in strict mode).
    fn nil_content(&mut self, start: &ElementStart<'a>) -> Result<(), DecodeError> {
        if self.options.strict {
            let text = self.text().map_err(|e| e.within(start.local))?;
            if !is_blank(&text) {
                return Err(DecodeError::new(
                    DecodeErrorKind::Other("content in an xsi:nil element".to_owned()),
                    Some(start.position),
                )
                .within(start.local));
            }
            Ok(())
        } else {
            self.skip(start)
        }
    }

    /// A complex child; error if it has `xsi:nil="true"`; errors name the child in the path.
    #[inline]
    pub fn complex<T: XmlDecode>(&mut self, start: &ElementStart<'a>) -> Result<T, DecodeError> {
        if start.nil {
            return Err(Self::nil_not_allowed(start).within(start.local));
        }
        T::decode(self, start).map_err(|e| e.within(start.local))
    }

    /// A nillable complex child: `xsi:nil="true"` gives [`Nillable::Nil`].
    #[inline]
    pub fn complex_nillable<T: XmlDecode>(
        &mut self,
        start: &ElementStart<'a>,
    ) -> Result<Nillable<T>, DecodeError> {
        if start.nil {
            self.nil_content(start)?;
            return Ok(Nillable::Nil);
        }
        T::decode(self, start)
            .map(Nillable::Value)
            .map_err(|e| e.within(start.local))
    }

    /// Stores into a single-valued slot; a second occurrence is an error ("duplicate element").
    #[inline]
    pub fn set_once<T>(
        &self,
        slot: &mut Option<T>,
        start: &ElementStart<'a>,
        value: T,
    ) -> Result<(), DecodeError> {
        if slot.is_some() {
            return Err(
                DecodeError::new(DecodeErrorKind::Duplicate, Some(start.position))
                    .within(start.local),
            );
        }
        *slot = Some(value);
        Ok(())
    }

    /// Required field check at the end of a struct: an error naming `name` when `None`.
    #[inline]
    pub fn require<T>(&self, slot: Option<T>, name: &'static str) -> Result<T, DecodeError> {
        match slot {
            Some(v) => Ok(v),
            None => Err(self.error_here(DecodeErrorKind::Missing(name))),
        }
    }

    /// A complex item of a repeated element: errors get `name[index]` (1-based) in the path.
    #[inline]
    pub fn complex_item<T: XmlDecode>(
        &mut self,
        start: &ElementStart<'a>,
        index: usize,
    ) -> Result<T, DecodeError> {
        if start.nil {
            return Err(Self::nil_not_allowed(start).within_item(start.local, index));
        }
        T::decode(self, start).map_err(|e| e.within_item(start.local, index))
    }

    /// A text-only item of a repeated element: errors get `name[index]` (1-based) in the path.
    #[inline]
    pub fn simple_item<T: SimpleValue>(
        &mut self,
        start: &ElementStart<'a>,
        index: usize,
    ) -> Result<T, DecodeError> {
        if start.nil {
            return Err(Self::nil_not_allowed(start).within_item(start.local, index));
        }
        self.parse_simple(start)
            .map_err(|e| e.within_item(start.local, index))
    }

    /// A nillable complex item of a repeated element.
    #[inline]
    pub fn complex_nillable_item<T: XmlDecode>(
        &mut self,
        start: &ElementStart<'a>,
        index: usize,
    ) -> Result<Nillable<T>, DecodeError> {
        if start.nil {
            self.nil_content(start)
                .map_err(|e| e.within_item(start.local, index))?;
            return Ok(Nillable::Nil);
        }
        T::decode(self, start)
            .map(Nillable::Value)
            .map_err(|e| e.within_item(start.local, index))
    }

    /// A nillable text-only item of a repeated element.
    #[inline]
    pub fn simple_nillable_item<T: SimpleValue>(
        &mut self,
        start: &ElementStart<'a>,
        index: usize,
    ) -> Result<Nillable<T>, DecodeError> {
        if start.nil {
            self.nil_content(start)
                .map_err(|e| e.within_item(start.local, index))?;
            return Ok(Nillable::Nil);
        }
        self.parse_simple(start)
            .map(Nillable::Value)
            .map_err(|e| e.within_item(start.local, index))
    }

    /// Reads up to and including the root start tag (skipping the XML declaration, comments,
    /// PIs and whitespace) and returns it. Used by [`XmlReader::root`] and the envelope reader.
    pub fn root_element(&mut self) -> Result<ElementStart<'a>, DecodeError> {
        loop {
            match self.read()? {
                Event::Start(e) => return self.open(&e),
                Event::Empty(e) => {
                    let start = self.open(&e)?;
                    self.pending_end = true;
                    return Ok(start);
                }
                Event::Text(t) if is_blank(&t) => {}
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => return Err(self.error_here(DecodeErrorKind::NoRoot)),
                _ => {
                    return Err(self.error_here(DecodeErrorKind::Syntax(
                        "content before the root element".to_owned(),
                    )));
                }
            }
        }
    }

    /// Checks that nothing but whitespace, comments and PIs follows the root element.
    pub fn finish(&mut self) -> Result<(), DecodeError> {
        if self.pending_end || self.depth > 0 {
            return Err(self.error_here(DecodeErrorKind::Other(
                "document finished before the root element was consumed".to_owned(),
            )));
        }
        loop {
            match self.read()? {
                Event::Eof => return Ok(()),
                Event::Text(t) if is_blank(&t) => {}
                Event::PI(_) | Event::Comment(_) => {}
                _ => return Err(self.error_here(DecodeErrorKind::TrailingContent)),
            }
        }
    }

    /// Whole document whose root is the global element `local` in namespace `ns`: checks the root
    /// name, decodes `T`, rejects trailing content.
    pub fn root<T: XmlDecode>(&mut self, ns: &str, local: &str) -> Result<T, DecodeError> {
        let start = self.root_element()?;
        if start.local != local || start.namespace != Some(ns) {
            return Err(DecodeError::new(
                DecodeErrorKind::UnexpectedRoot {
                    expected: expanded(Some(ns), local),
                    found: start.expanded_name(),
                },
                Some(start.position),
            ));
        }
        self.target_ns = start.namespace;
        let value = self.complex::<T>(&start)?;
        self.finish()?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_in_finds_sub_slices_only() {
        let s = "hello world";
        assert_eq!(offset_in(s, &s[6..]), Some(6));
        assert_eq!(offset_in(s, "world"), None);
    }

    #[test]
    fn element_start_resolution() {
        let doc = r#"<a:root xmlns:a="urn:a" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><c i:nil="1" i:type="a:T"/><d xmlns="urn:d"/></a:root>"#;
        let mut r = XmlReader::new(doc, DecodeOptions::strict());
        let root = r.root_element().unwrap();
        assert_eq!(root.namespace(), Some("urn:a"));
        assert_eq!(root.local_name(), "root");
        assert_eq!(root.position(), 0);
        let c = r.next_element().unwrap().unwrap();
        assert!(c.is_nil());
        assert_eq!(c.xsi_type(), Some((Some("urn:a"), "T")));
        assert_eq!(c.namespace(), None);
        r.skip(&c).unwrap();
        let d = r.next_element().unwrap().unwrap();
        assert_eq!(d.namespace(), Some("urn:d"));
        assert!(!d.is_nil());
        r.skip(&d).unwrap();
        assert!(r.next_element().unwrap().is_none());
        r.finish().unwrap();
    }
}
