//! End-tag matching: the stack of open element names.
//!
//! The parser cannot check end tags itself: the fast lanes (`leaf.rs`) open and close elements
//! without it, so its own stack of names would miss some. The reader keeps the stack instead:
//! every start tag the parser reads pushes its name, every end tag it reads must repeat the
//! innermost name, and the lanes push and pop around it. The messages and offsets are the
//! parser's own (``expected `</a>`, but `</b>` was found``, at the `<` of the end tag).

use quick_xml::errors::{Error as ParseError, IllFormedError};
use quick_xml::events::{BytesEnd, BytesStart};

use super::XmlReader;
use super::start_tag::offset_in;
use crate::xml::error::{DecodeError, DecodeErrorKind};

/// An open element: its name as written, and whether the tag lane opened it.
#[derive(Debug, Clone, Copy)]
pub(super) struct OpenTag<'a> {
    /// `prefix:local` or `local`, borrowed from the input.
    pub(super) qname: &'a str,
    /// Opened by the tag lane, so the lane may close it. (An element the parser opened is
    /// closed by the parser, which keeps the parser's own bookkeeping of names from growing.)
    pub(super) by_lane: bool,
}

impl<'a> XmlReader<'a> {
    /// Records a start tag the parser read.
    #[inline]
    pub(super) fn push_parsed_tag(&mut self, start: &BytesStart<'_>) -> Result<(), DecodeError> {
        let name = start.name();
        let name: &str = name.as_ref();
        let qname = offset_in(self.input, name.as_bytes())
            .and_then(|at| self.input.get(at..at.checked_add(name.len())?));
        let Some(qname) = qname else {
            return Err(self.error_here(DecodeErrorKind::Other(
                "start tag not borrowed from the input".to_owned(),
            )));
        };
        self.open_tags.push(OpenTag {
            qname,
            by_lane: false,
        });
        Ok(())
    }

    /// Checks an end tag the parser read against the innermost open element, and forgets it.
    #[inline]
    pub(super) fn pop_parsed_tag(&mut self, end: &BytesEnd<'_>) -> Result<(), DecodeError> {
        let name = end.name();
        let name: &str = name.as_ref();
        match self.open_tags.pop() {
            Some(open) if open.qname == name => Ok(()),
            open => Err(self.end_tag_error(open, name)),
        }
    }

    /// The parser's error for an end tag that closes nothing or the wrong element.
    #[cold]
    fn end_tag_error(&self, open: Option<OpenTag<'a>>, found: &str) -> DecodeError {
        let found_text = found.to_owned();
        let error = match open {
            Some(open) => IllFormedError::MismatchedEndTag {
                expected: open.qname.to_owned(),
                found: found_text,
            },
            None => IllFormedError::UnmatchedEndTag(found_text),
        };
        // At the `<` of `</name>`.
        let at = offset_in(self.input, found.as_bytes())
            .map_or(self.position(), |o| o.saturating_sub(2) as u64);
        DecodeError::new(
            DecodeErrorKind::Syntax(ParseError::IllFormed(error).to_string()),
            Some(at),
        )
    }
}
