//! Capturing raw XML ([`AnyElement`], [`AnyContent`]) for `xs:any` and `xs:anyType`.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::events::attributes::Attributes;

use super::XmlReader;
use super::start_tag::ElementStart;
use crate::xml::XmlDecode;
use crate::xml::any::{AnyAttribute, AnyContent, AnyElement, AnyNode, NamespaceDeclaration};
use crate::xml::error::{DecodeError, DecodeErrorKind};
use crate::xml::names::split_qname;
use crate::xml::text::{TextAccumulator, normalize_line_ends, resolve_reference};

impl<'a> XmlReader<'a> {
    /// Captures the element `start` (just returned by `next_child`) through its end tag, with
    /// the namespace declarations in scope, as an [`AnyElement`].
    pub fn any_element(&mut self, start: &ElementStart<'_>) -> Result<AnyElement, DecodeError> {
        let prefix = split_qname(start.qualified_name()).0;
        let content = self.any_content(
            start,
            Some((prefix, prefix.is_none() && start.namespace().is_some())),
        )?;
        Ok(AnyElement {
            namespace: start.namespace().map(str::to_owned),
            prefix: prefix.map(str::to_owned),
            local: start.local_name().to_owned(),
            content,
        })
    }

    /// Reads the attributes, declarations and children of `start` through its end tag.
    ///
    /// `top`: `Some` when the capture starts here, holding the captured element's own prefix
    /// and whether it is unprefixed in a namespace (both `None`/`false` for the content of an
    /// `xs:anyType` field, whose name the field writes): of the bindings in scope, those the captured XML uses are kept
    /// (prefixes of names, and prefixes at the start of text and attribute values, which may be
    /// QNames such as `xsi:type="xs:int"`; the default namespace when an unprefixed name relies
    /// on it). Nested elements keep exactly their own declarations.
    fn any_content(
        &mut self,
        start: &ElementStart<'_>,
        top: Option<(Option<&str>, bool)>,
    ) -> Result<AnyContent, DecodeError> {
        let bindings = match top {
            Some(_) => self.namespaces.in_scope(),
            None => self.namespaces.declared_at(self.depth),
        };
        let namespace_declarations: Vec<NamespaceDeclaration> = bindings
            .into_iter()
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
            let mut content = AnyContent {
                namespace_declarations,
                attributes,
                children,
            };
            if let Some(own) = top {
                keep_used_declarations(&mut content, own.0, own.1);
            }
            return Ok(content);
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
                    let mut content = AnyContent {
                        namespace_declarations,
                        attributes,
                        children,
                    };
                    if let Some(own) = top {
                        keep_used_declarations(&mut content, own.0, own.1);
                    }
                    return Ok(content);
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                _ => {}
            }
        }
    }

    fn nested_any(&mut self, start: &ElementStart<'_>) -> Result<AnyElement, DecodeError> {
        let content = self.any_content(start, None)?;
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
        r.any_content(start, Some((None, false)))
    }
}

/// Drops the top-level declarations the captured XML does not use (see
/// [`XmlReader::any_content`]); `own_prefix`, `own_default`: the captured element's prefix, and
/// whether its unprefixed name relies on the default namespace.
fn keep_used_declarations(content: &mut AnyContent, own_prefix: Option<&str>, own_default: bool) {
    let mut used: Vec<&str> = own_prefix.into_iter().collect();
    let mut default_used = own_default;
    prefixes_used(content, &mut used, &mut default_used);
    let used: Vec<String> = used.into_iter().map(str::to_owned).collect();
    content.namespace_declarations.retain(|d| match &d.prefix {
        Some(p) => used.contains(p),
        None => default_used,
    });
}

/// Collects the prefixes `content` uses: attribute names, element names, and a QName-like
/// start of text and attribute values. `default_used`: some unprefixed element is in a
/// namespace without declaring it itself.
fn prefixes_used<'c>(content: &'c AnyContent, used: &mut Vec<&'c str>, default_used: &mut bool) {
    fn note<'c>(used: &mut Vec<&'c str>, p: &'c str) {
        if !used.contains(&p) {
            used.push(p);
        }
    }
    for a in &content.attributes {
        if let Some(p) = &a.prefix {
            note(used, p);
        }
        if let Some(p) = qname_prefix(&a.value) {
            note(used, p);
        }
    }
    for node in &content.children {
        match node {
            AnyNode::Text(t) => {
                if let Some(p) = qname_prefix(t) {
                    note(used, p);
                }
            }
            AnyNode::Element(e) => {
                match &e.prefix {
                    Some(p) => note(used, p),
                    None => {
                        let declares_default = e
                            .content
                            .namespace_declarations
                            .iter()
                            .any(|d| d.prefix.is_none());
                        if e.namespace.is_some() && !declares_default {
                            *default_used = true;
                        }
                    }
                }
                prefixes_used(&e.content, used, default_used);
            }
        }
    }
}

/// `p` when `text` (trimmed) starts like a QName `p:local`.
fn qname_prefix(text: &str) -> Option<&str> {
    let (prefix, rest) = text.trim().split_once(':')?;
    let name_char = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.');
    let valid = prefix
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && prefix.chars().all(name_char)
        && !rest.is_empty();
    valid.then_some(prefix)
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
        // Only the bindings the captured XML uses are kept: not ns1.
        let declared: Vec<_> = any
            .content
            .namespace_declarations
            .iter()
            .map(|d| (d.prefix.as_deref(), d.uri.as_str()))
            .collect();
        assert_eq!(
            declared,
            vec![
                (Some("x"), "urn:x"),
                (Some("xsi"), "http://www.w3.org/2001/XMLSchema-instance")
            ]
        );
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
                r#"<x:thing xmlns:x="urn:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" a="1&amp;2" x:b="q" xsi:type="x:T">one<inner xmlns="urn:d" c="&quot;">x:name</inner>"#,
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
