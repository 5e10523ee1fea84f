//! Raw XML kept as written: what `xs:any`, `xs:anyAttribute` and `xs:anyType` match.
//!
//! The schema says nothing about such content, so it is neither interpreted nor dropped: an
//! element is captured with its name, attributes (including `xsi:*`), the namespace
//! declarations its names and QName-valued text may rely on, and its children (elements and
//! text, in order). Writing it back produces XML-equivalent output: the same names in the same
//! namespaces, the same attribute values and text; prefixes may differ only where the original
//! document relied on declarations the writer makes anyway (`ns1` for the target namespace,
//! `xsi`).

use super::escape::escape_attr_into;
use super::{AttributeWriter, XmlEncode, XmlWriter};

/// A namespace declaration, `xmlns:prefix="uri"` (or `xmlns="uri"` when `prefix` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct NamespaceDeclaration {
    /// The prefix; `None` for the default namespace.
    pub prefix: Option<String>,
    /// The namespace name (`""` undeclares the default namespace).
    pub uri: String,
}

/// An attribute kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AnyAttribute {
    /// Its namespace; `None` for an unprefixed attribute.
    pub namespace: Option<String>,
    /// The prefix it was written with (must be declared where it is written again).
    pub prefix: Option<String>,
    /// Local name.
    pub local: String,
    /// Value, after attribute-value normalisation.
    pub value: String,
}

/// One node of raw content.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AnyNode {
    /// A child element.
    Element(AnyElement),
    /// Text (character data, references resolved, CDATA included).
    Text(String),
}

/// The attributes and content of an element of type `xs:anyType`: everything but its name.
/// Decoding captures it whole; encoding writes it back into the element the field names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AnyContent {
    /// Namespace declarations to write on the element: for a captured top-level element, the
    /// bindings in scope where it was read (so prefixes in its names and in QName-valued text
    /// keep their meaning), except the ones the writer always makes itself.
    pub namespace_declarations: Vec<NamespaceDeclaration>,
    /// Attributes, in document order (`xsi:type` and `xsi:nil` included, verbatim).
    pub attributes: Vec<AnyAttribute>,
    /// Children, in document order.
    pub children: Vec<AnyNode>,
}

/// An element kept as written: what an `xs:any` wildcard matched.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AnyElement {
    /// Its namespace; `None` for an element in no namespace.
    pub namespace: Option<String>,
    /// The prefix it was written with (`None`: unprefixed, in the default namespace, which
    /// `content.namespace_declarations` must then declare when it is not empty).
    pub prefix: Option<String>,
    /// Local name.
    pub local: String,
    /// Attributes, declarations and children.
    pub content: AnyContent,
}

impl AnyContent {
    /// The text of the children, concatenated (elements contribute their own text): handy
    /// for simple values sent as `xs:anyType`.
    pub fn text(&self) -> String {
        let mut out = String::new();
        collect_text(&self.children, &mut out);
        out
    }
}

fn collect_text(nodes: &[AnyNode], out: &mut String) {
    for node in nodes {
        match node {
            AnyNode::Text(t) => out.push_str(t),
            AnyNode::Element(e) => collect_text(&e.content.children, out),
        }
    }
}

impl AnyContent {
    /// This content as it can be written into an element the writer names: a kept declaration
    /// of a prefix the writer has bound to another namespace there (its `ns1`, `ns2`, … or
    /// `xsi`) would move the element itself, so that prefix is renamed throughout the content
    /// (a copy; the usual case borrows).
    fn fitted(&self, w: &XmlWriter) -> std::borrow::Cow<'_, AnyContent> {
        let clashes: Vec<&str> = self
            .namespace_declarations
            .iter()
            .filter_map(|d| {
                let prefix = d.prefix.as_deref()?;
                w.binding_of(prefix)
                    .is_some_and(|bound| bound != d.uri)
                    .then_some(prefix)
            })
            .collect();
        if clashes.is_empty() {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut fitted = self.clone();
        for prefix in clashes {
            let taken = |c: &str| {
                self.namespace_declarations
                    .iter()
                    .any(|d| d.prefix.as_deref() == Some(c))
            };
            let fresh = w.fresh_prefix(prefix, taken);
            fitted.rename_prefix(prefix, &fresh);
        }
        std::borrow::Cow::Owned(fitted)
    }

    /// Renames the prefix `from` to `to` in the declarations, names, and QName-valued text and
    /// attribute values (a prefix at the start, as captured) of this content, down to elements
    /// that declare `from` themselves.
    fn rename_prefix(&mut self, from: &str, to: &str) {
        let renamed = |value: &mut String| {
            if let Some(rest) = value.strip_prefix(from)
                && rest.starts_with(':')
            {
                *value = format!("{to}{rest}");
            }
        };
        for d in &mut self.namespace_declarations {
            if d.prefix.as_deref() == Some(from) {
                d.prefix = Some(to.to_owned());
            }
        }
        for a in &mut self.attributes {
            if a.prefix.as_deref() == Some(from) {
                a.prefix = Some(to.to_owned());
            }
            renamed(&mut a.value);
        }
        for node in &mut self.children {
            match node {
                AnyNode::Text(text) => renamed(text),
                AnyNode::Element(e) => {
                    let rebinds = e
                        .content
                        .namespace_declarations
                        .iter()
                        .any(|d| d.prefix.as_deref() == Some(from));
                    if rebinds {
                        continue;
                    }
                    if e.prefix.as_deref() == Some(from) {
                        e.prefix = Some(to.to_owned());
                    }
                    e.content.rename_prefix(from, to);
                }
            }
        }
    }

    fn write_attributes(&self, w: &mut AttributeWriter<'_>) {
        for d in &self.namespace_declarations {
            // The writer may have bound the same prefix to the same namespace in this very
            // start tag (the element's own name): writing it twice would not be well-formed.
            if d.prefix
                .as_deref()
                .is_some_and(|p| w.declared_in_tag(p, &d.uri))
            {
                continue;
            }
            let out = w.buffer();
            match &d.prefix {
                Some(p) => {
                    out.push_str(" xmlns:");
                    out.push_str(p);
                }
                None => out.push_str(" xmlns"),
            }
            out.push_str("=\"");
            escape_attr_into(out, &d.uri);
            out.push('"');
        }
        let out = w.buffer();
        for a in &self.attributes {
            out.push(' ');
            if let Some(p) = &a.prefix {
                out.push_str(p);
                out.push(':');
            }
            out.push_str(&a.local);
            out.push_str("=\"");
            escape_attr_into(out, &a.value);
            out.push('"');
        }
    }

    fn write_children(&self, w: &mut XmlWriter) {
        for node in &self.children {
            match node {
                AnyNode::Text(t) => w.text(t),
                AnyNode::Element(e) => w.any(e),
            }
        }
    }
}

impl XmlEncode for AnyContent {
    fn encode_attributes(&self, w: &mut AttributeWriter<'_>) {
        let fitted = self.fitted(w.writer());
        fitted.write_attributes(w);
    }

    fn encode_content(&self, w: &mut XmlWriter) {
        self.fitted(w).write_children(w);
    }
}

impl AnyNode {
    /// How many of `nodes` are elements (the text between them aside): what `maxOccurs` of
    /// the wildcard in mixed content counts.
    pub fn element_count(nodes: &[AnyNode]) -> usize {
        nodes
            .iter()
            .filter(|node| matches!(node, AnyNode::Element(_)))
            .count()
    }
}

/// A node of mixed content writes itself: text escaped, an element as written.
impl XmlEncode for AnyNode {
    fn encode_content(&self, w: &mut XmlWriter) {
        match self {
            AnyNode::Text(t) => w.text(t),
            AnyNode::Element(e) => w.any(e),
        }
    }
}

impl XmlWriter {
    /// Writes an element kept as written (see [`AnyElement`]), with its own name.
    pub fn any(&mut self, e: &AnyElement) {
        let name_start = self.buffer().len();
        {
            let out = self.buffer();
            out.push('<');
            if let Some(p) = &e.prefix {
                out.push_str(p);
                out.push(':');
            }
            out.push_str(&e.local);
        }
        let name_end = self.buffer().len();
        // Kept XML is written with its own prefixes and declarations: in its scope the
        // writer's bindings are not used.
        e.content.write_attributes(&mut AttributeWriter::over(self));
        if e.content.children.is_empty() {
            self.buffer().push_str("/>");
            return;
        }
        self.buffer().push('>');
        e.content.write_children(self);
        let out = self.buffer();
        out.push_str("</");
        // The start tag's name, without its `<`.
        let name = out.get(name_start + 1..name_end).map(str::to_owned);
        out.push_str(name.as_deref().unwrap_or_default());
        out.push('>');
    }
}
