//! Content whose children interleave, for generated decoders: mixed content (text between
//! elements, kept in order) and the item count of a repeated `xs:choice`.

use quick_xml::events::Event;

use super::XmlReader;
use super::start_tag::ElementStart;
use crate::xml::any::AnyNode;
use crate::xml::error::{DecodeError, DecodeErrorKind};
use crate::xml::text::{TextAccumulator, normalize_line_ends, resolve_reference};

impl<'a> XmlReader<'a> {
    /// Reads the content of the current element (whose start tag, attributes included, was just
    /// read) through its end tag as mixed content: text and child elements in document order.
    /// A child whose namespace `allowed` accepts is kept as written (an `xs:any` of the
    /// content model); any other is an unknown element (an error in strict mode, skipped
    /// otherwise). Text is kept whole, whitespace included: in mixed content it is data.
    pub fn mixed_content(
        &mut self,
        allowed: impl Fn(Option<&str>) -> bool,
    ) -> Result<Vec<AnyNode>, DecodeError> {
        let mut nodes = Vec::new();
        if self.pending_end {
            self.pending_end = false;
            if !self.pending_text.is_empty() {
                nodes.push(AnyNode::Text(self.pending_text.to_owned()));
            }
            self.close();
            return Ok(nodes);
        }
        let mut text = TextAccumulator::default();
        loop {
            let event = self.read()?;
            let child = match event {
                Event::Text(t) => {
                    text.push(normalize_line_ends(t.into_inner()));
                    continue;
                }
                Event::CData(c) => {
                    text.push(normalize_line_ends(c.into_inner()));
                    continue;
                }
                Event::GeneralRef(r) => {
                    text.push_char(resolve_reference(&r).map_err(|k| self.error_here(k))?);
                    continue;
                }
                Event::Start(e) => self.open(&e, false)?,
                Event::Empty(e) => self.open(&e, true)?,
                Event::End(_) => {
                    flush(&mut text, &mut nodes);
                    self.close();
                    return Ok(nodes);
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                _ => continue,
            };
            flush(&mut text, &mut nodes);
            if allowed(child.namespace()) {
                nodes.push(AnyNode::Element(self.any_element(&child)?));
            } else {
                self.unknown(&child)?;
            }
        }
    }

    /// Reads the content of the current element (whose start tag, attributes included, was just
    /// read) through its end tag as mixed content with declared children: each run of text
    /// (whitespace kept: in mixed content it is data) and each child element goes to `each`, in
    /// document order. `each` must consume every element it is given (decode it, or pass it
    /// to [`XmlReader::unknown`]).
    pub fn mixed_children<F>(&mut self, mut each: F) -> Result<(), DecodeError>
    where
        F: FnMut(&mut Self, MixedChild<'a>) -> Result<(), DecodeError>,
    {
        if self.pending_end {
            self.pending_end = false;
            let text = self.pending_text;
            self.close();
            if !text.is_empty() {
                each(self, MixedChild::Text(text.to_owned()))?;
            }
            return Ok(());
        }
        let mut text = TextAccumulator::default();
        loop {
            let event = self.read()?;
            let child = match event {
                Event::Text(t) => {
                    text.push(normalize_line_ends(t.into_inner()));
                    continue;
                }
                Event::CData(c) => {
                    text.push(normalize_line_ends(c.into_inner()));
                    continue;
                }
                Event::GeneralRef(r) => {
                    text.push_char(resolve_reference(&r).map_err(|k| self.error_here(k))?);
                    continue;
                }
                Event::Start(e) => self.open(&e, false)?,
                Event::Empty(e) => self.open(&e, true)?,
                Event::End(_) => {
                    let piece = std::mem::take(&mut text).finish();
                    self.close();
                    if !piece.is_empty() {
                        each(self, MixedChild::Text(piece.into_owned()))?;
                    }
                    return Ok(());
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                _ => continue,
            };
            let piece = std::mem::take(&mut text).finish();
            if !piece.is_empty() {
                each(self, MixedChild::Text(piece.into_owned()))?;
            }
            each(self, MixedChild::Element(child))?;
        }
    }

    /// Strict mode: an error when `count` items of `name` (a repeated `xs:choice`, or the
    /// elements of mixed content) exceed the schema's `maxOccurs` (`max`). Lenient decoding
    /// keeps them all.
    #[inline]
    pub fn check_max_occurs(
        &self,
        start: &ElementStart<'_>,
        count: usize,
        max: u32,
        name: &'static str,
    ) -> Result<(), DecodeError> {
        if self.options.strict && u32::try_from(count).map_or(true, |n| n > max) {
            return Err(Self::too_many(start, count, max, name));
        }
        Ok(())
    }

    #[cold]
    fn too_many(start: &ElementStart<'_>, count: usize, max: u32, name: &str) -> DecodeError {
        DecodeError::new(
            DecodeErrorKind::Other(format!(
                "{count} items of `{name}` where the schema allows at most {max}"
            )),
            Some(start.position()),
        )
        .within(start.local_name())
    }
}

/// One piece of mixed content, as [`XmlReader::mixed_children`] hands it over.
#[derive(Debug)]
pub enum MixedChild<'a> {
    /// A run of text between elements (references resolved, CDATA included).
    Text(String),
    /// A child element, just opened: the receiver reads it through its end tag.
    Element(ElementStart<'a>),
}

/// Moves accumulated text into `nodes` as one text node (nothing when empty).
fn flush(text: &mut TextAccumulator<'_>, nodes: &mut Vec<AnyNode>) {
    let piece = std::mem::take(text).finish();
    if !piece.is_empty() {
        nodes.push(AnyNode::Text(piece.into_owned()));
    }
}
