//! Capturing raw XML ([`AnyElement`], [`AnyContent`]) for `xs:any` and `xs:anyType`.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::events::attributes::Attributes;

use super::XmlReader;
use super::start_tag::ElementStart;
use crate::xml::any::{AnyAttribute, AnyContent, AnyElement, AnyNode, NamespaceDeclaration};
use crate::xml::error::{DecodeError, DecodeErrorKind};
use crate::xml::names::split_qname;
use crate::xml::text::{TextAccumulator, normalize_line_ends, resolve_reference};
use crate::xml::{XSI_NS, XmlDecode};

/// The prefix the writer declares for the target namespace (declarations it makes anyway are
/// not captured, so a captured value survives a write and a read unchanged).
const WRITER_TARGET_PREFIX: &str = "ns1";

impl<'a> XmlReader<'a> {
    /// Captures the element `start` (just returned by `next_child`) through its end tag, with
    /// the namespace declarations in scope, as an [`AnyElement`].
    pub fn any_element(&mut self, start: &ElementStart<'_>) -> Result<AnyElement, DecodeError> {
        let content = self.any_content(start, true)?;
        Ok(AnyElement {
            namespace: start.namespace().map(str::to_owned),
            prefix: split_qname(start.qualified_name()).0.map(str::to_owned),
            local: start.local_name().to_owned(),
            content,
        })
    }

    /// Reads the attributes, declarations and children of `start` through its end tag.
    /// `top`: the capture starts here, so every binding in scope is kept; nested elements keep
    /// only their own declarations.
    fn any_content(
        &mut self,
        start: &ElementStart<'_>,
        top: bool,
    ) -> Result<AnyContent, DecodeError> {
        let bindings = if top {
            self.namespaces.in_scope()
        } else {
            self.namespaces.declared_at(self.depth)
        };
        let target = self.target_ns;
        let namespace_declarations = bindings
            .into_iter()
            .filter(|(prefix, uri)| {
                !top || !((*prefix == WRITER_TARGET_PREFIX && Some(*uri) == target)
                    || (*prefix == "xsi" && *uri == XSI_NS))
            })
            .map(|(prefix, uri)| NamespaceDeclaration {
                prefix: (!prefix.is_empty()).then(|| prefix.to_owned()),
                uri: uri.to_owned(),
            })
            .collect();
        let attributes = self.raw_attributes(start)?;
        let mut children = Vec::new();
        if self.pending_end {
            self.pending_end = false;
            if !self.pending_text.is_empty() {
                children.push(AnyNode::Text(self.pending_text.to_owned()));
            }
            self.close();
            return Ok(AnyContent {
                namespace_declarations,
                attributes,
                children,
            });
        }
        let mut text = TextAccumulator::default();
        loop {
            let event = self.read()?;
            match event {
                Event::Text(t) => text.push(normalize_line_ends(t.into_inner())),
                Event::CData(c) => text.push(normalize_line_ends(c.into_inner())),
                Event::GeneralRef(r) => {
                    text.push_char(resolve_reference(&r).map_err(|k| self.error_here(k))?);
                }
                Event::Start(e) => {
                    flush(&mut text, &mut children);
                    let child = self.open(&e, false)?;
                    children.push(AnyNode::Element(self.nested_any(&child)?));
                }
                Event::Empty(e) => {
                    flush(&mut text, &mut children);
                    let child = self.open(&e, true)?;
                    children.push(AnyNode::Element(self.nested_any(&child)?));
                }
                Event::End(_) => {
                    flush(&mut text, &mut children);
                    self.close();
                    return Ok(AnyContent {
                        namespace_declarations,
                        attributes,
                        children,
                    });
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                _ => {}
            }
        }
    }

    fn nested_any(&mut self, start: &ElementStart<'_>) -> Result<AnyElement, DecodeError> {
        let content = self.any_content(start, false)?;
        Ok(AnyElement {
            namespace: start.namespace().map(str::to_owned),
            prefix: split_qname(start.qualified_name()).0.map(str::to_owned),
            local: start.local_name().to_owned(),
            content,
        })
    }

    /// Every attribute of `start` except namespace declarations, `xsi:*` included.
    fn raw_attributes(&self, start: &ElementStart<'_>) -> Result<Vec<AnyAttribute>, DecodeError> {
        let raw = start.raw_attributes();
        let mut found = Vec::new();
        for attr in Attributes::new(raw, 0) {
            let attr = attr.map_err(|e| {
                DecodeError::new(
                    DecodeErrorKind::Syntax(e.to_string()),
                    Some(start.position()),
                )
            })?;
            let qname = attr.key.0;
            let (prefix, local) = split_qname(qname);
            let namespace = match prefix {
                None if qname == "xmlns" => continue,
                None => None,
                Some("xmlns") => continue,
                Some(p) => match self.namespaces.resolve_prefix(p) {
                    Some(ns) => Some(ns.to_owned()),
                    None => {
                        return Err(DecodeError::new(
                            DecodeErrorKind::UndeclaredPrefix(p.to_owned()),
                            Some(start.position()),
                        ));
                    }
                },
            };
            let value: Cow<'_, str> =
                attr.normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|e| {
                        DecodeError::new(
                            DecodeErrorKind::Syntax(e.to_string()),
                            Some(start.position()),
                        )
                    })?;
            found.push(AnyAttribute {
                namespace,
                prefix: prefix.map(str::to_owned),
                local: local.to_owned(),
                value: value.into_owned(),
            });
        }
        Ok(found)
    }
}

/// Moves accumulated text into `children` as one text node (nothing when empty).
fn flush(text: &mut TextAccumulator<'_>, children: &mut Vec<AnyNode>) {
    let piece = std::mem::take(text).finish();
    if !piece.is_empty() {
        children.push(AnyNode::Text(piece.into_owned()));
    }
}

impl XmlDecode for AnyContent {
    fn decode(r: &mut XmlReader<'_>, start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        r.any_content(start, true)
    }
}

#[cfg(test)]
mod tests {
    use crate::xml::{AnyElement, AnyNode, DecodeOptions, XmlReader, XmlWriter};

    /// The first child of the root of `doc`, captured.
    fn capture(doc: &str) -> AnyElement {
        let mut r = XmlReader::new(doc, DecodeOptions::strict());
        let root = r.root_element().unwrap();
        r.set_target_namespace(root.namespace().unwrap());
        let child = r.next_element().unwrap().unwrap();
        let any = r.any_element(&child).unwrap();
        assert!(r.next_element().unwrap().is_none());
        r.finish().unwrap();
        any
    }

    #[test]
    fn an_element_is_captured_with_scope_attributes_and_mixed_children_and_re_encodes() {
        let doc = concat!(
            r#"<ns1:root xmlns:ns1="urn:r" xmlns:x="urn:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<x:thing a="1&amp;2" x:b="q" xsi:type="x:T">one<inner xmlns="urn:d" c='"'>x:name</inner>"#,
            r#"&lt;two<![CDATA[<three>]]><leaf/></x:thing></ns1:root>"#
        );
        let any = capture(doc);
        assert_eq!(any.namespace.as_deref(), Some("urn:x"));
        assert_eq!(
            (any.prefix.as_deref(), any.local.as_str()),
            (Some("x"), "thing")
        );
        // ns1 (the writer's own target prefix) and xsi are not kept; x is.
        let declared: Vec<_> = any
            .content
            .namespace_declarations
            .iter()
            .map(|d| (d.prefix.as_deref(), d.uri.as_str()))
            .collect();
        assert_eq!(declared, vec![(Some("x"), "urn:x")]);
        let attributes: Vec<_> = any
            .content
            .attributes
            .iter()
            .map(|a| (a.namespace.as_deref(), a.local.as_str(), a.value.as_str()))
            .collect();
        assert_eq!(
            attributes,
            vec![
                (None, "a", "1&2"),
                (Some("urn:x"), "b", "q"),
                (
                    Some("http://www.w3.org/2001/XMLSchema-instance"),
                    "type",
                    "x:T"
                ),
            ]
        );
        let [
            AnyNode::Text(one),
            AnyNode::Element(inner),
            AnyNode::Text(two),
            AnyNode::Element(leaf),
        ] = any.content.children.as_slice()
        else {
            panic!("children: {:?}", any.content.children);
        };
        assert_eq!((one.as_str(), two.as_str()), ("one", "<two<three>"));
        assert_eq!(inner.namespace.as_deref(), Some("urn:d"));
        assert_eq!(inner.content.text(), "x:name");
        // The default namespace of `inner` ends with it.
        assert_eq!(
            (leaf.namespace.as_deref(), leaf.local.as_str()),
            (None, "leaf")
        );

        let mut w = XmlWriter::new("urn:r");
        w.any(&any);
        let written = w.into_string();
        assert_eq!(
            written,
            concat!(
                r#"<x:thing xmlns:x="urn:x" a="1&amp;2" x:b="q" xsi:type="x:T">one<inner xmlns="urn:d" c="&quot;">x:name</inner>"#,
                r#"&lt;two&lt;three&gt;<leaf/></x:thing>"#
            )
        );
        // Read back inside a root that declares what the writer's envelope would: same value.
        let again = capture(&format!(
            r#"<ns1:root xmlns:ns1="urn:r" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{written}</ns1:root>"#
        ));
        assert_eq!(again, any);
    }
}
