//! `XmlWriter`: the output side of the codec, a pre-sized `String` with fast escaping.

use super::escape::{InvalidChar, escape_attr_into, escape_text_into};
use super::{AnyAttribute, Nillable, SimpleValue, XSI_NS, XmlEncode};

/// Prefix the writer uses for the target namespace.
pub(crate) const TARGET_PREFIX: &str = "ns1";

/// The name of a child element as the generated code knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Name {
    /// Local name, e.g. `leadRecord`.
    pub local: &'static str,
    /// `true`: the element is in the target namespace and written as `ns1:local`;
    /// `false`: unqualified (the mktows default for local elements).
    pub qualified: bool,
}

impl Name {
    /// An unqualified local element name.
    #[inline]
    pub const fn unqualified(local: &'static str) -> Self {
        Name {
            local,
            qualified: false,
        }
    }

    /// A name in the target namespace.
    #[inline]
    pub const fn qualified(local: &'static str) -> Self {
        Name {
            local,
            qualified: true,
        }
    }
}

/// The name of an attribute as the generated code knows it.
///
/// Attributes never take the default namespace: an unqualified attribute is in no namespace
/// (`id="7"`), a qualified one carries a prefix (`ns1:id="7"` for the target namespace,
/// `xml:lang="en"` for the XML namespace, which is always bound to `xml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AttributeName {
    /// Local name, e.g. `id`.
    pub local: &'static str,
    /// Prefix written before the local name; empty for an unqualified attribute.
    pub prefix: &'static str,
}

impl AttributeName {
    /// An attribute in no namespace (`form="unqualified"`, XML Schema's default).
    #[inline]
    pub const fn unqualified(local: &'static str) -> Self {
        AttributeName { local, prefix: "" }
    }

    /// An attribute in the target namespace, written `ns1:local`.
    #[inline]
    pub const fn qualified(local: &'static str) -> Self {
        AttributeName {
            local,
            prefix: TARGET_PREFIX,
        }
    }

    /// An attribute in the XML namespace, written `xml:local` (`xml:lang`, `xml:space`).
    #[inline]
    pub const fn xml(local: &'static str) -> Self {
        AttributeName {
            local,
            prefix: "xml",
        }
    }
}

/// Writes attributes into the start tag [`XmlWriter`] has open (between the element name and
/// its `>`); handed to [`XmlEncode::encode_attributes`].
#[derive(Debug)]
pub struct AttributeWriter<'w> {
    w: &'w mut XmlWriter,
}

impl<'w> AttributeWriter<'w> {
    /// An attribute writer over the start tag `w` has open.
    pub(crate) fn over(w: &'w mut XmlWriter) -> Self {
        AttributeWriter { w }
    }

    /// Writes attributes kept as written (`xs:anyAttribute`). A prefix other than `xml`, and
    /// other than the writer's own `ns1`/`xsi` for their usual namespaces, is declared on the
    /// element first (once per prefix), so the output stays namespace-well-formed.
    pub fn any(&mut self, attributes: &[AnyAttribute]) {
        let target = self.w.target_ns;
        let mut declared: Vec<&str> = Vec::new();
        for a in attributes {
            let (Some(prefix), Some(ns)) = (a.prefix.as_deref(), a.namespace.as_deref()) else {
                continue;
            };
            let implicit = prefix == "xml"
                || (prefix == "xsi" && ns == XSI_NS)
                || (prefix == TARGET_PREFIX && ns == target);
            if implicit || declared.contains(&prefix) {
                continue;
            }
            declared.push(prefix);
            let out = &mut self.w.out;
            out.push_str(" xmlns:");
            out.push_str(prefix);
            out.push_str("=\"");
            escape_attr_into(out, ns);
            out.push('"');
        }
        for a in attributes {
            let out = &mut self.w.out;
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

    /// The output buffer (for raw attributes already known to be well-formed).
    pub(crate) fn buffer(&mut self) -> &mut String {
        &mut self.w.out
    }

    /// Writes ` name="value"`. The value is written the way [`SimpleValue::write_text`] writes
    /// text, then made safe for a double-quoted attribute: `"` becomes `&quot;`, and tab and
    /// newline become character references so attribute-value normalisation cannot turn them
    /// into spaces on the receiving side.
    pub fn attribute<T: SimpleValue>(&mut self, name: AttributeName, value: &T) {
        let out = &mut self.w.out;
        out.push(' ');
        if !name.prefix.is_empty() {
            out.push_str(name.prefix);
            out.push(':');
        }
        out.push_str(name.local);
        out.push_str("=\"");
        let start = out.len();
        value.write_text(self.w);
        let out = &mut self.w.out;
        if out
            .as_bytes()
            .get(start..)
            .is_some_and(|v| v.iter().any(|b| matches!(b, b'"' | b'\t' | b'\n')))
        {
            let written = out.split_off(start);
            for c in written.chars() {
                match c {
                    '"' => out.push_str("&quot;"),
                    '\t' => out.push_str("&#9;"),
                    '\n' => out.push_str("&#10;"),
                    c => out.push(c),
                }
            }
        }
        out.push('"');
    }
}

/// Writes XML into a `String`. The target namespace gets the prefix `ns1`; `ns1` and `xsi` are
/// declared once, on the outermost element written with [`XmlWriter::root`] (or on an enclosing
/// element via [`XmlWriter::declare_namespaces`]). Elements without content are self-closing.
#[derive(Debug, Clone)]
pub struct XmlWriter {
    out: String,
    target_ns: &'static str,
    /// `ns1`/`xsi` are declared on an element that is still open.
    declared: bool,
    /// The first character XML cannot carry that was asked for (written as U+FFFD).
    invalid: Option<InvalidChar>,
}

impl XmlWriter {
    /// A writer for documents whose global elements live in `target_ns`.
    pub fn new(target_ns: &'static str) -> Self {
        Self::with_capacity(target_ns, 1024)
    }

    /// Like [`XmlWriter::new`], reserving `capacity` bytes up front.
    pub fn with_capacity(target_ns: &'static str, capacity: usize) -> Self {
        XmlWriter {
            out: String::with_capacity(capacity),
            target_ns,
            declared: false,
            invalid: None,
        }
    }

    /// The target namespace this writer qualifies names with.
    #[inline]
    pub fn target_namespace(&self) -> &'static str {
        self.target_ns
    }

    /// The document written so far.
    #[inline]
    pub fn into_string(self) -> String {
        self.out
    }

    /// The document written so far.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The output buffer, for value impls that format straight into it (numbers, base64).
    #[inline]
    pub(crate) fn buffer(&mut self) -> &mut String {
        &mut self.out
    }

    /// Appends already-safe markup verbatim (used by the envelope writer).
    #[inline]
    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// The first character XML 1.0 cannot carry (a NUL, another C0 control, U+FFFE, U+FFFF)
    /// that a value asked to write. The document holds U+FFFD in its place, so it does not
    /// carry the value: a request with one must not be sent.
    #[inline]
    pub fn first_invalid_char(&self) -> Option<InvalidChar> {
        self.invalid
    }

    #[inline]
    fn note_invalid(&mut self, found: Option<InvalidChar>) {
        if self.invalid.is_none() {
            self.invalid = found;
        }
    }

    /// Appends text content, escaped (see the module docs of `escape` for the rules; a
    /// character XML cannot carry is recorded, see [`XmlWriter::first_invalid_char`]).
    #[inline]
    pub fn text(&mut self, s: &str) {
        let found = escape_text_into(&mut self.out, s);
        self.note_invalid(found);
    }

    /// Writes ` xmlns:ns1="…" xmlns:xsi="…"` into the start tag being written (the caller has
    /// written `<name` and will write `>`), and marks both prefixes as declared for everything
    /// written until [`XmlWriter::end_declared_scope`]. Used by the envelope writer, which declares
    /// them on `SOAP-ENV:Envelope`.
    pub fn declare_namespaces(&mut self) {
        self.out.push_str(" xmlns:");
        self.out.push_str(TARGET_PREFIX);
        self.out.push_str("=\"");
        let found = escape_attr_into(&mut self.out, self.target_ns);
        self.note_invalid(found);
        self.out.push_str("\" xmlns:xsi=\"");
        self.out.push_str(XSI_NS);
        self.out.push('"');
        self.declared = true;
    }

    /// Writes following elements as if `ns1`/`xsi` were declared on an enclosing element
    /// that is written elsewhere (header blocks rendered apart from their envelope).
    pub(crate) fn assume_declared(&mut self) {
        self.declared = true;
    }

    /// Ends the scope opened by [`XmlWriter::declare_namespaces`] (call after the end tag of the
    /// declaring element).
    #[inline]
    pub fn end_declared_scope(&mut self) {
        self.declared = false;
    }

    /// A global element as a document or body root:
    /// `<ns1:local xmlns:ns1="target" xmlns:xsi="…">…</ns1:local>`. The declarations are left
    /// out when an enclosing element already made them.
    pub fn root<T: XmlEncode + ?Sized>(&mut self, local: &str, value: &T) {
        let declare_here = !self.declared;
        self.out.push('<');
        self.out.push_str(TARGET_PREFIX);
        self.out.push(':');
        self.out.push_str(local);
        if declare_here {
            self.declare_namespaces();
        }
        self.xsi_type_attr(value.xsi_type());
        value.encode_attributes(&mut AttributeWriter { w: self });
        let open_end = self.out.len();
        self.out.push('>');
        value.encode_content(self);
        self.close(open_end, Name::qualified_dynamic(local));
        if declare_here {
            self.declared = false;
        }
    }

    /// `<name>text</name>` (or `<name/>` for empty text).
    #[inline]
    pub fn simple<T: SimpleValue>(&mut self, name: Name, v: &T) {
        self.start(name);
        let open_end = self.out.len();
        self.out.push('>');
        let was_valid = self.invalid.is_none();
        v.write_text(self);
        if was_valid && let Some(invalid) = &mut self.invalid {
            invalid.element = Some(name.local);
        }
        self.close(open_end, name.into());
    }

    /// Like [`XmlWriter::simple`]; nil is written as `<name xsi:nil="true"/>`.
    #[inline]
    pub fn simple_nillable<T: SimpleValue>(&mut self, name: Name, v: &Nillable<T>) {
        match v {
            Nillable::Value(v) => self.simple(name, v),
            Nillable::Nil => self.nil(name),
        }
    }

    /// `<name [xsi:type="ns1:X"]>content</name>`.
    #[inline]
    pub fn complex<T: XmlEncode + ?Sized>(&mut self, name: Name, v: &T) {
        self.start(name);
        self.xsi_type_attr(v.xsi_type());
        v.encode_attributes(&mut AttributeWriter { w: self });
        let open_end = self.out.len();
        self.out.push('>');
        v.encode_content(self);
        self.close(open_end, name.into());
    }

    /// Like [`XmlWriter::complex`]; nil is written as `<name xsi:nil="true"/>`.
    #[inline]
    pub fn complex_nillable<T: XmlEncode>(&mut self, name: Name, v: &Nillable<T>) {
        match v {
            Nillable::Value(v) => self.complex(name, v),
            Nillable::Nil => self.nil(name),
        }
    }

    /// `<name xsi:nil="true"/>`.
    #[inline]
    pub fn nil(&mut self, name: Name) {
        self.start(name);
        self.out.push_str(" xsi:nil=\"true\"/>");
    }

    /// Writes `<` and the (possibly prefixed) name.
    #[inline]
    fn start(&mut self, name: Name) {
        self.out.push('<');
        if name.qualified {
            self.out.push_str(TARGET_PREFIX);
            self.out.push(':');
        }
        self.out.push_str(name.local);
    }

    #[inline]
    fn xsi_type_attr(&mut self, xsi_type: Option<&str>) {
        if let Some(t) = xsi_type {
            self.out.push_str(" xsi:type=\"");
            self.out.push_str(TARGET_PREFIX);
            self.out.push(':');
            let found = escape_attr_into(&mut self.out, t);
            self.note_invalid(found);
            self.out.push('"');
        }
    }

    /// Writes the end tag, or turns the start tag into `<…/>` when nothing was written since the
    /// `>` at `open_end`.
    #[inline]
    fn close(&mut self, open_end: usize, name: EndName<'_>) {
        if self.out.len() == open_end + 1 {
            self.out.truncate(open_end);
            self.out.push_str("/>");
            return;
        }
        self.out.push_str("</");
        if name.qualified {
            self.out.push_str(TARGET_PREFIX);
            self.out.push(':');
        }
        self.out.push_str(name.local);
        self.out.push('>');
    }
}

/// An element name for the end tag (borrowed, so [`XmlWriter::root`] can take any `&str`).
#[derive(Clone, Copy)]
struct EndName<'n> {
    local: &'n str,
    qualified: bool,
}

impl From<Name> for EndName<'static> {
    #[inline]
    fn from(n: Name) -> Self {
        EndName {
            local: n.local,
            qualified: n.qualified,
        }
    }
}

impl Name {
    #[inline]
    fn qualified_dynamic(local: &str) -> EndName<'_> {
        EndName {
            local,
            qualified: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pair {
        a: String,
        b: Nillable<i32>,
    }

    impl XmlEncode for Pair {
        fn encode_content(&self, w: &mut XmlWriter) {
            w.simple(Name::unqualified("a"), &self.a);
            w.simple_nillable(Name::unqualified("b"), &self.b);
        }
    }

    struct Sub;
    impl XmlEncode for Sub {
        fn encode_content(&self, w: &mut XmlWriter) {
            w.simple(Name::qualified("q"), &String::from("x"));
        }
        fn xsi_type(&self) -> Option<&'static str> {
            Some("Concrete")
        }
    }

    #[test]
    fn root_declares_namespaces_once_and_children_are_unqualified() {
        let mut w = XmlWriter::new("urn:t");
        w.root(
            "paramsX",
            &Pair {
                a: "1 < 2".into(),
                b: Nillable::Nil,
            },
        );
        assert_eq!(
            w.as_str(),
            "<ns1:paramsX xmlns:ns1=\"urn:t\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
             <a>1 &lt; 2</a><b xsi:nil=\"true\"/></ns1:paramsX>"
        );
    }

    #[test]
    fn xsi_type_and_qualified_children_and_self_closing() {
        let mut w = XmlWriter::new("urn:t");
        w.complex(Name::unqualified("sel"), &Sub);
        w.simple(Name::unqualified("empty"), &String::new());
        assert_eq!(
            w.as_str(),
            "<sel xsi:type=\"ns1:Concrete\"><ns1:q>x</ns1:q></sel><empty/>"
        );
    }

    struct Tagged {
        id: i32,
        note: Option<String>,
        lang: String,
    }

    impl XmlEncode for Tagged {
        fn encode_attributes(&self, w: &mut AttributeWriter<'_>) {
            w.attribute(AttributeName::unqualified("id"), &self.id);
            if let Some(note) = &self.note {
                w.attribute(AttributeName::qualified("note"), note);
            }
            w.attribute(AttributeName::xml("lang"), &self.lang);
        }

        fn encode_content(&self, w: &mut XmlWriter) {
            w.simple(Name::unqualified("a"), &String::from("x"));
        }
    }

    #[test]
    fn attributes_go_into_the_start_tag_escaped_for_double_quotes() {
        let mut w = XmlWriter::new("urn:t");
        let value = Tagged {
            id: 7,
            note: Some("say \"hi\" <now> & \ttab\nline\r".into()),
            lang: "en".into(),
        };
        w.complex(Name::unqualified("t"), &value);
        assert_eq!(
            w.as_str(),
            "<t id=\"7\" ns1:note=\"say &quot;hi&quot; &lt;now&gt; &amp; &#9;tab&#10;line&#13;\" \
             xml:lang=\"en\"><a>x</a></t>"
        );
        let mut w = XmlWriter::new("urn:t");
        w.root(
            "t",
            &Tagged {
                id: -1,
                note: None,
                lang: String::new(),
            },
        );
        assert!(
            w.as_str()
                .ends_with(" id=\"-1\" xml:lang=\"\"><a>x</a></ns1:t>"),
            "{}",
            w.as_str()
        );
    }

    #[test]
    fn nested_root_inside_declared_scope_does_not_redeclare() {
        let mut w = XmlWriter::new("urn:t");
        w.raw("<env");
        w.declare_namespaces();
        w.raw(">");
        w.root("body", &Sub);
        w.raw("</env>");
        w.end_declared_scope();
        assert_eq!(
            w.as_str(),
            "<env xmlns:ns1=\"urn:t\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
             <ns1:body xsi:type=\"ns1:Concrete\"><ns1:q>x</ns1:q></ns1:body></env>"
        );
    }
}
