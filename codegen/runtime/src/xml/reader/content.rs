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
        self.mixed_children(|r, piece| {
            match piece {
                MixedChild::Text(text) => nodes.push(AnyNode::Text(text)),
                MixedChild::Element(child) if allowed(child.namespace()) => {
                    nodes.push(AnyNode::Element(r.any_element(&child)?));
                }
                MixedChild::Element(child) => r.unknown(&child)?,
            }
            Ok(())
        })?;
        Ok(nodes)
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

#[cfg(test)]
mod tests {
    use super::MixedChild;
    use crate::xml::{AnyNode, DecodeOptions, XmlReader};

    /// The pieces `mixed_children` hands over for the first child of the root of `doc`, with
    /// elements as their local names.
    fn pieces(doc: &str) -> Vec<String> {
        let mut r = XmlReader::new(doc, DecodeOptions::strict());
        r.root_element().unwrap();
        r.next_element().unwrap().unwrap();
        let mut found = Vec::new();
        r.mixed_children(|r, child| {
            match child {
                MixedChild::Text(text) => found.push(format!("text {text:?}")),
                MixedChild::Element(start) => {
                    found.push(format!("element {}", start.local_name()));
                    r.skip(&start)?;
                }
            }
            Ok(())
        })
        .unwrap();
        assert!(r.next_element().unwrap().is_none());
        r.finish().unwrap();
        found
    }

    #[test]
    fn mixed_children_come_in_document_order_with_text_runs_joined() {
        assert_eq!(
            pieces("<root><m> a <x>in</x>b<!-- c -->&amp;<![CDATA[<d>]]><y/></m></root>"),
            ["text \" a \"", "element x", "text \"b&<d>\"", "element y"]
        );
        // Text alone (read by the leaf fast lane), and nothing at all.
        assert_eq!(pieces("<root><m>only</m></root>"), ["text \"only\""]);
        assert!(pieces("<root><m/></root>").is_empty());
    }

    #[test]
    fn mixed_content_keeps_allowed_elements_and_rejects_others_when_strict() {
        let doc = r#"<root><m>a<x:k xmlns:x="urn:x"/>b<own/></m></root>"#;
        for strict in [true, false] {
            let options = if strict {
                DecodeOptions::strict()
            } else {
                DecodeOptions::lenient()
            };
            let mut r = XmlReader::new(doc, options);
            r.root_element().unwrap();
            r.next_element().unwrap().unwrap();
            let nodes = r.mixed_content(|ns| ns == Some("urn:x"));
            if strict {
                assert!(nodes.is_err(), "`own` is in no namespace");
                continue;
            }
            let nodes = nodes.unwrap();
            assert_eq!(AnyNode::element_count(&nodes), 1);
            assert_eq!(nodes.len(), 3, "{nodes:?}");
        }
    }

    #[test]
    fn too_many_items_are_an_error_in_strict_mode_only() {
        let doc = "<root/>";
        for strict in [true, false] {
            let options = if strict {
                DecodeOptions::strict()
            } else {
                DecodeOptions::lenient()
            };
            let mut r = XmlReader::new(doc, options);
            let root = r.root_element().unwrap();
            assert!(r.check_max_occurs(&root, 2, 2, "(a | b)").is_ok());
            let over = r.check_max_occurs(&root, 3, 2, "(a | b)");
            assert_eq!(over.is_err(), strict);
            if let Err(error) = over {
                assert!(
                    error
                        .to_string()
                        .contains("3 items of `(a | b)` where the schema allows at most 2"),
                    "{error}"
                );
            }
        }
    }
}
