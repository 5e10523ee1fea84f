//! The content of an element carrying `xsi:nil="true"`.
//!
//! A nil element should be empty. Strict decoding insists on that. Lenient decoding follows
//! what servers actually send: Marketo's documentation shows a response with
//! `<leadAttributeList xsi:nil="true"><attribute>…</attribute></leadAttributeList>`, so a
//! complex element whose nil marker contradicts its child elements is decoded from the
//! children; stray text in a nil element is ignored.

use quick_xml::events::Event;

use super::{ElementStart, XmlReader};
use crate::xml::error::{DecodeError, DecodeErrorKind};
use crate::xml::text::{is_blank, resolve_reference};

impl<'a> XmlReader<'a> {
    /// Handles the element `start`, which has `xsi:nil="true"`. `Ok(true)`: it is nil and has
    /// been consumed through its end tag. `Ok(false)` (lenient mode, `complex` only): it has
    /// child elements, nothing was consumed, and the caller decodes it as a value.
    /// Strict mode: any content (child elements or non-whitespace text) is an error.
    pub(super) fn nil_element(
        &mut self,
        start: &ElementStart<'a>,
        complex: bool,
    ) -> Result<bool, DecodeError> {
        if self.pending_end {
            // `<x xsi:nil="true"/>` (the leaf lane never returns elements with attributes).
            self.pending_end = false;
            self.close();
            return Ok(true);
        }
        if self.options.strict {
            self.empty_nil_content(start)?;
            return Ok(true);
        }
        if complex && self.nil_has_children()? {
            return Ok(false);
        }
        self.skip(start)?;
        Ok(true)
    }

    /// Strict mode: consumes the content of a nil element through its end tag, which must
    /// hold nothing but whitespace, comments and processing instructions.
    fn empty_nil_content(&mut self, start: &ElementStart<'a>) -> Result<(), DecodeError> {
        loop {
            let has_content = match self.read()? {
                Event::End(_) => {
                    self.close();
                    return Ok(());
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                Event::Text(t) => !is_blank(&t),
                Event::CData(c) => !is_blank(&c),
                Event::GeneralRef(r) => {
                    resolve_reference(&r).map_err(|k| self.error_here(k))?;
                    true
                }
                Event::Start(_) | Event::Empty(_) => true,
                _ => false,
            };
            if has_content {
                return Err(DecodeError::new(
                    DecodeErrorKind::NilWithContent,
                    Some(start.position()),
                ));
            }
        }
    }

    /// Lenient mode: looks ahead in the content of the current element for a child element,
    /// then rewinds, so the reader is where it was whatever the answer.
    fn nil_has_children(&mut self) -> Result<bool, DecodeError> {
        let saved = (self.parser.clone(), self.at_content);
        // The look-ahead reads at most one start or one end tag, so the innermost open name
        // is all it can change.
        let saved_tags = (self.open_tags.len(), self.open_tags.last().copied());
        let found = loop {
            match self.read() {
                Ok(Event::Start(_) | Event::Empty(_)) => break Ok(true),
                Ok(Event::End(_)) => break Ok(false),
                Ok(Event::Eof) => break Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                Ok(_) => {}
                Err(e) => break Err(e),
            }
        };
        (self.parser, self.at_content) = saved;
        self.open_tags.truncate(saved_tags.0);
        if self.open_tags.len() < saved_tags.0
            && let Some(innermost) = saved_tags.1
        {
            self.open_tags.push(innermost);
        }
        found
    }
}
