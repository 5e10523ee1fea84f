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

mod any;
mod attributes;
mod content;
mod fields;
mod leaf;
mod nil;
mod open_tags;
mod slots;
mod start_tag;

use std::borrow::Cow;

use quick_xml::events::Event;

pub use attributes::Attribute;
pub use content::MixedChild;
pub use start_tag::ElementStart;
use start_tag::{expanded, offset_in};

use open_tags::OpenTag;

use super::XmlDecode;
use super::error::{DecodeError, DecodeErrorKind};
use super::names::Namespaces;
use super::options::{DecodeOptions, Form};
use super::text::{
    TextAccumulator, find_non_xml_char, is_blank, non_xml_char_error, normalize_line_ends,
    resolve_reference,
};

/// A streaming decoder over a borrowed document.
pub struct XmlReader<'a> {
    input: &'a str,
    parser: quick_xml::Reader<&'a [u8]>,
    options: DecodeOptions,
    namespaces: Namespaces<'a>,
    /// Number of currently open elements.
    depth: usize,
    /// The last element returned was `<x/>` or a leaf read by the fast lane: its (virtual) end
    /// tag is still to be consumed, and `pending_text` is its content.
    pending_end: bool,
    pending_text: &'a str,
    /// The parser's last event ended with markup (`>`, or `;` of a reference), so the rest of
    /// its input is raw content the leaf fast lane may take over (see `leaf.rs`).
    at_content: bool,
    /// Bytes consumed by the fast lanes behind the parser's back (its offsets lag by this).
    skipped: u64,
    /// Names of the open elements, innermost last: the reader, not the parser, checks that
    /// end tags match (the fast lanes open and close elements the parser never sees).
    open_tags: Vec<OpenTag<'a>>,
    /// Namespace of the document's global elements (set from the root), for `Form::Qualified`.
    target_ns: Option<&'a str>,
    /// The first character XML 1.0 forbids, with its offset: the document is not well-formed,
    /// so reading fails at once.
    non_xml_char: Option<(usize, char)>,
    /// What is left of the decoded-size budget (see `DecodeOptions::max_decoded_bytes`).
    pub(super) decoded_budget_left: u64,
}

impl std::fmt::Debug for XmlReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XmlReader")
            .field("position", &self.position())
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
        // End tags are matched against `open_tags` (see `open_tags.rs`), so the parser must
        // accept the end of an element a fast lane opened.
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        let decoded_budget_left = options.decoded_bytes_budget();
        XmlReader {
            input,
            parser,
            namespaces: Namespaces::new(options.max_namespaces),
            options,
            depth: 0,
            pending_end: false,
            pending_text: "",
            at_content: false,
            skipped: 0,
            open_tags: Vec::new(),
            target_ns: None,
            non_xml_char: find_non_xml_char(input),
            decoded_budget_left,
        }
    }

    /// A reader over UTF-8 bytes (e.g. an HTTP body); anything that is not UTF-8 is an error
    /// naming the offset of the first bad byte.
    pub fn from_bytes(input: &'a [u8], options: DecodeOptions) -> Result<Self, DecodeError> {
        match std::str::from_utf8(input) {
            Ok(text) => Ok(Self::new(text, options)),
            Err(e) => Err(DecodeError::new(
                DecodeErrorKind::Syntax("document is not valid UTF-8".to_owned()),
                Some(e.valid_up_to() as u64),
            )),
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
        self.parser.buffer_position() + self.skipped
    }

    #[cold]
    fn error_here(&self, kind: DecodeErrorKind) -> DecodeError {
        DecodeError::new(kind, Some(self.position()))
    }

    /// The next parser event, with parse errors and DOCTYPE mapped to decode errors.
    #[inline(always)]
    fn read(&mut self) -> Result<Event<'a>, DecodeError> {
        if let Some((at, c)) = self.non_xml_char {
            return Err(non_xml_char_error(at, c));
        }
        match self.parser.read_event() {
            Ok(Event::DocType(_)) => Err(self.error_here(DecodeErrorKind::Doctype)),
            Ok(e) => {
                // Every event but text (and the end) leaves the parser just after markup.
                self.at_content = !matches!(e, Event::Text(_) | Event::Eof);
                match &e {
                    Event::Start(start) => self.push_parsed_tag(start)?,
                    Event::End(end) => self.pop_parsed_tag(end)?,
                    _ => {}
                }
                Ok(e)
            }
            Err(e) => {
                self.at_content = false;
                Err(DecodeError::new(
                    DecodeErrorKind::Syntax(e.to_string()),
                    Some(self.parser.error_position() + self.skipped),
                ))
            }
        }
    }

    /// Closes the innermost open element (after its end tag was read).
    #[inline]
    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.namespaces.pop_to(self.depth);
    }

    /// Handles a non-element event in element-only content: whitespace, comments and PIs are
    /// skipped; other text is an error in strict mode (and ignored otherwise).
    #[inline]
    fn element_only_content(&self, event: &Event<'a>) -> Result<(), DecodeError> {
        let strict = self.options.strict;
        let blank = match event {
            Event::Text(t) => !strict || is_blank(t),
            Event::CData(c) => !strict || is_blank(c),
            Event::GeneralRef(r) => {
                resolve_reference(r).map_err(|k| self.error_here(k))?;
                false
            }
            _ => true,
        };
        if !blank && strict {
            return Err(self.error_here(DecodeErrorKind::UnexpectedText));
        }
        Ok(())
    }

    /// Next child element of the current element, without a namespace check.
    pub fn next_element(&mut self) -> Result<Option<ElementStart<'a>>, DecodeError> {
        if self.pending_end {
            self.pending_end = false;
            if self.options.strict && !is_blank(self.pending_text) {
                return Err(self.error_here(DecodeErrorKind::UnexpectedText));
            }
            self.close();
            return Ok(None);
        }
        if let Some(next) = self.try_lane() {
            return next;
        }
        loop {
            let event = self.read()?;
            match event {
                Event::Start(e) => return self.open(&e, false).map(Some),
                Event::Empty(e) => return self.open(&e, true).map(Some),
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
        // Hand the result through untouched (no unwrap and re-wrap of the element).
        let child = self.next_element();
        if self.options.strict
            && let Ok(Some(start)) = &child
        {
            self.check_form(start, form)?;
        }
        child
    }

    fn check_form(&self, start: &ElementStart<'a>, form: Form) -> Result<(), DecodeError> {
        let expected = match form {
            Form::Unqualified => None,
            Form::Namespace(ns) => Some(ns),
            Form::Qualified => match self.target_ns {
                Some(ns) => Some(ns),
                // Unknown target namespace: any namespace will do, but not none.
                None if start.namespace().is_some() => return Ok(()),
                None => Some(""),
            },
        };
        if start.namespace() == expected {
            return Ok(());
        }
        Err(DecodeError::new(
            DecodeErrorKind::WrongNamespace {
                expected: expected.map(str::to_owned),
                found: start.namespace().map(str::to_owned),
            },
            Some(start.position()),
        )
        .within(start.local_name()))
    }

    /// Strict mode: an error unless the child `start` is in the namespace `expected` (`None`:
    /// no namespace). Decoders whose children are in different namespaces read them with
    /// [`XmlReader::next_element`] and check each one by the namespace its schema gives it;
    /// lenient decoding accepts any namespace, as [`XmlReader::next_child`] does.
    #[inline]
    pub fn check_namespace(
        &self,
        start: &ElementStart<'a>,
        expected: Option<&str>,
    ) -> Result<(), DecodeError> {
        if !self.options.strict || start.namespace() == expected {
            return Ok(());
        }
        Err(DecodeError::new(
            DecodeErrorKind::WrongNamespace {
                expected: expected.map(str::to_owned),
                found: start.namespace().map(str::to_owned),
            },
            Some(start.position()),
        )
        .within(start.local_name()))
    }

    /// Consumes the element `start` (just returned by `next_child`) through its end tag,
    /// ignoring its content. (The reader tracks the open element itself; `start` names which
    /// element the caller means, keeping call sites uniform with the other helpers.)
    pub fn skip(&mut self, _start: &ElementStart<'a>) -> Result<(), DecodeError> {
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
                DecodeError::new(DecodeErrorKind::UnknownElement, Some(start.position()))
                    .within(start.local_name()),
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
            return Ok(Cow::Borrowed(self.pending_text));
        }
        // Fast path: `text</end>` (or an empty element), the shape of almost every value.
        let first = match self.read()? {
            Event::Text(t) => normalize_line_ends(t.into_inner()),
            Event::End(_) => {
                self.close();
                return Ok(Cow::Borrowed(""));
            }
            other => return self.text_pieces(TextAccumulator::default(), other),
        };
        match self.read()? {
            Event::End(_) => {
                self.close();
                Ok(first)
            }
            other => {
                let mut acc = TextAccumulator::default();
                acc.push(first);
                self.text_pieces(acc, other)
            }
        }
    }

    /// General case of [`XmlReader::text`]: text mixed with CDATA, references, comments, PIs.
    fn text_pieces(
        &mut self,
        mut acc: TextAccumulator<'a>,
        mut event: Event<'a>,
    ) -> Result<Cow<'a, str>, DecodeError> {
        loop {
            match event {
                Event::Text(t) => acc.push(normalize_line_ends(t.into_inner())),
                Event::CData(c) => acc.push(normalize_line_ends(c.into_inner())),
                Event::GeneralRef(r) => {
                    acc.push_char(resolve_reference(&r).map_err(|k| self.error_here(k))?)
                }
                Event::End(_) => {
                    self.close();
                    return Ok(acc.finish());
                }
                Event::Start(e) | Event::Empty(e) => {
                    let at = offset_in(self.input, e.as_bytes())
                        .map_or(self.position(), |o| o.saturating_sub(1) as u64);
                    return Err(DecodeError::new(
                        DecodeErrorKind::UnexpectedElement,
                        Some(at),
                    ));
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                _ => {}
            }
            event = self.read()?;
        }
    }

    /// Reads up to and including the root start tag (skipping the XML declaration, comments,
    /// PIs and whitespace) and returns it. Used by [`XmlReader::root`] and the envelope reader.
    pub fn root_element(&mut self) -> Result<ElementStart<'a>, DecodeError> {
        loop {
            match self.read()? {
                Event::Start(e) => return self.open(&e, false),
                Event::Empty(e) => return self.open(&e, true),
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
        if start.local_name() != local || start.namespace() != Some(ns) {
            return Err(DecodeError::new(
                DecodeErrorKind::UnexpectedRoot {
                    expected: expanded(Some(ns), local),
                    found: start.expanded_name(),
                },
                Some(start.position()),
            ));
        }
        self.target_ns = start.namespace();
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
        assert_eq!(offset_in(s, &s.as_bytes()[6..]), Some(6));
        assert_eq!(offset_in(s, b"world"), None);
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

    #[test]
    fn children_are_checked_against_a_named_namespace_in_strict_mode_only() {
        let doc = r#"<a:root xmlns:a="urn:a" xmlns:b="urn:b"><b:x/><a:y/><z/></a:root>"#;
        for strict in [true, false] {
            let options = if strict {
                DecodeOptions::strict()
            } else {
                DecodeOptions::lenient()
            };
            let mut r = XmlReader::new(doc, options);
            r.root_element().unwrap();
            // `b:x` is where `Form::Namespace("urn:b")` expects it.
            let x = r.next_child(Form::Namespace("urn:b")).unwrap().unwrap();
            assert_eq!(x.namespace(), Some("urn:b"));
            r.skip(&x).unwrap();
            // `a:y` is not: an error in strict mode only.
            let y = r.next_child(Form::Namespace("urn:b"));
            let Ok(Some(y)) = y else {
                assert!(strict, "{y:?}");
                let Err(e) = y else { panic!("{y:?}") };
                assert!(matches!(e.kind(), DecodeErrorKind::WrongNamespace { .. }));
                continue;
            };
            assert!(!strict);
            r.skip(&y).unwrap();
            let z = r.next_element().unwrap().unwrap();
            assert!(r.check_namespace(&z, None).is_ok());
            assert!(r.check_namespace(&z, Some("urn:a")).is_ok(), "lenient");
            r.skip(&z).unwrap();
            assert!(r.next_element().unwrap().is_none());
        }
        // Strict: a child checked on its own against its schema's namespace.
        let mut r = XmlReader::new(doc, DecodeOptions::strict());
        r.root_element().unwrap();
        let x = r.next_element().unwrap().unwrap();
        assert!(r.check_namespace(&x, Some("urn:b")).is_ok());
        let error = r.check_namespace(&x, None).unwrap_err();
        assert!(
            matches!(
                error.kind(),
                DecodeErrorKind::WrongNamespace {
                    expected: None,
                    found: Some(_)
                }
            ),
            "{error}"
        );
    }

    /// Reads every element of the current one with `next_element`, `text` for leaves.
    fn walk(r: &mut XmlReader<'_>) -> Result<usize, DecodeError> {
        let mut seen = 0;
        while let Some(child) = r.next_element()? {
            seen += 1;
            if child.local_name().starts_with('v') {
                r.text()?;
            } else {
                seen += walk(r)?;
            }
        }
        Ok(seen)
    }

    #[test]
    fn end_tags_are_matched_whichever_path_opened_or_closed_the_element() {
        let root = r#"<a:root xmlns:a="urn:a">"#;
        // Plain tags (fast lanes), tags the parser reads (attributes, comments, references,
        // text, spaces in end tags), and mixtures of both on one element.
        for (body, elements) in [
            ("<r><v>1</v><v>2</v></r>", 3),
            ("<r><v>1</v><!-- c --></r>", 2),
            ("<r x=\"1\"><v>1</v></r >", 2),
            ("<r><v>1&amp;2</v>\n<v>3</v \n></r>", 3),
            ("<r><s><v/></s><!-- c --><v>4</v></r\t>", 4),
            ("<a:r><v>1</v></a:r>", 2),
        ] {
            for strict in [true, false] {
                let options = if strict {
                    DecodeOptions::strict()
                } else {
                    DecodeOptions::lenient()
                };
                let doc = format!("{root}{body}</a:root>");
                let mut r = XmlReader::new(&doc, options);
                r.root_element().unwrap_or_else(|e| panic!("{doc}: {e}"));
                assert_eq!(walk(&mut r), Ok(elements), "{doc}");
                r.finish().unwrap_or_else(|e| panic!("{doc}: {e}"));
            }
        }
        // Lenient mode ignores text in element-only content; the end tag after it is still
        // checked by name.
        let doc = format!("{root}<r><v>1</v>junk</r></a:root>");
        let mut r = XmlReader::new(&doc, DecodeOptions::lenient());
        r.root_element().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(walk(&mut r), Ok(2));
        for (body, wrong) in [
            ("<r><v>1</v></q>", "</q>"),
            ("<r><v>1</v>junk</q>", "</q>"),
            ("<r><v>1</v><!-- c --></q>", "</q>"),
            ("<r x=\"1\"><v>1</v></q>", "</q>"),
            ("<r><v>1&amp;</w></r>", "</w>"),
            ("<r><v>1</v></r></a:root></extra>", "</extra>"),
        ] {
            let doc = format!("{root}{body}</a:root>");
            let mut r = XmlReader::new(&doc, DecodeOptions::lenient());
            r.root_element().unwrap_or_else(|e| panic!("{e}"));
            let error = walk(&mut r).and_then(|_| r.finish());
            let Err(error) = error else {
                panic!("{doc}: accepted")
            };
            let at = doc.find(wrong).map(|at| at as u64);
            assert_eq!(error.offset(), at, "{doc}: {error}");
            let message = error.to_string();
            assert!(
                message.contains(wrong) && matches!(error.kind(), DecodeErrorKind::Syntax(_)),
                "{doc}: {message}"
            );
        }
    }

    #[test]
    fn plain_start_tags_count_against_the_depth_limit() {
        let doc = format!("<root>{}", "<a>".repeat(10));
        let mut options = DecodeOptions::lenient();
        options.max_depth = 4;
        let mut r = XmlReader::new(&doc, options);
        r.root_element().unwrap_or_else(|e| panic!("{e}"));
        let mut depth = 1;
        let error = loop {
            match r.next_element() {
                Ok(Some(_)) => depth += 1,
                Ok(None) => panic!("no end tags in {doc}"),
                Err(e) => break e,
            }
        };
        assert_eq!(depth, 4);
        assert!(
            matches!(error.kind(), DecodeErrorKind::TooDeep(4)),
            "{error}"
        );
    }
}
