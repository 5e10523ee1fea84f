//! `XmlWriter`: the output side of the codec, a pre-sized `String` with fast escaping.

use super::escape::{InvalidChar, escape_attr_into, escape_text_into};
use super::{AnyAttribute, Nillable, SimpleValue, XSI_NS, XmlEncode};

/// Prefix the writer uses for the target namespace.
pub(crate) const TARGET_PREFIX: &str = "ns1";

/// The namespace bound to the reserved prefix `xml`.
pub(crate) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Which prefix a name is written with: none, `xml`, or `ns{n}` (`ns1`: the target namespace).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    /// Unprefixed (no namespace).
    None,
    /// `xml:`.
    Xml,
    /// `ns{n}:`.
    Numbered(usize),
}

/// The name of an element as the generated code knows it: local name and namespace.
///
/// How it is written: no namespace (`""`) is an unprefixed name (`<leadRecord>`); the writer's
/// target namespace takes the prefix `ns1`; any other namespace takes a prefix `ns2`, `ns3`, …
/// declared on the first element that needs it and reused by its descendants (see
/// [`XmlWriter`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Name {
    /// Local name, e.g. `leadRecord`.
    pub local: &'static str,
    /// Namespace name; `""` for an unqualified element (`elementFormDefault="unqualified"`,
    /// the mktows default for local elements).
    pub ns: &'static str,
}

impl Name {
    /// An unqualified local element name (in no namespace).
    #[inline]
    pub const fn unqualified(local: &'static str) -> Self {
        Name { local, ns: "" }
    }

    /// An element `local` in the namespace `ns` (`""`: no namespace).
    #[inline]
    pub const fn new(ns: &'static str, local: &'static str) -> Self {
        Name { local, ns }
    }
}

/// The name of an attribute as the generated code knows it.
///
/// Attributes never take the default namespace: an unqualified attribute is in no namespace
/// (`id="7"`), a qualified one carries a prefix: `ns1:id="7"` for the writer's target
/// namespace, `xml:lang="en"` for the XML namespace (always bound to `xml`), and for any other
/// namespace the prefix the writer gave it (declared in the same start tag when no enclosing
/// element declares it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AttributeName {
    /// Local name, e.g. `id`.
    pub local: &'static str,
    /// Namespace name; `""` for an unqualified attribute.
    pub ns: &'static str,
}

impl AttributeName {
    /// An attribute in no namespace (`form="unqualified"`, XML Schema's default).
    #[inline]
    pub const fn unqualified(local: &'static str) -> Self {
        AttributeName { local, ns: "" }
    }

    /// An attribute `local` in the namespace `ns` (`""`: no namespace).
    #[inline]
    pub const fn new(ns: &'static str, local: &'static str) -> Self {
        AttributeName { local, ns }
    }

    /// An attribute in the XML namespace, written `xml:local` (`xml:lang`, `xml:space`).
    #[inline]
    pub const fn xml(local: &'static str) -> Self {
        AttributeName { local, ns: XML_NS }
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
    /// other than one the writer has bound to the same namespace already, is declared on the
    /// element first (once per prefix), so the output stays namespace-well-formed.
    ///
    /// A kept prefix the writer has bound to another namespace where it writes (its own `ns1`,
    /// `ns2`, … or `xsi`, e.g. a device that named its vendor namespace `ns1`) is written under
    /// a fresh prefix instead: redeclaring it would move the element, or the elements the writer
    /// writes inside it, into the attribute's namespace.
    pub fn any(&mut self, attributes: &[AnyAttribute]) {
        let prefixes: Vec<Option<std::borrow::Cow<'_, str>>> = attributes
            .iter()
            .map(|a| match (a.prefix.as_deref(), a.namespace.as_deref()) {
                (Some(p), Some(ns)) if self.w.binding_of(p).is_some_and(|bound| bound != ns) => {
                    let taken = |c: &str| attributes.iter().any(|x| x.prefix.as_deref() == Some(c));
                    Some(std::borrow::Cow::Owned(self.w.fresh_prefix(p, taken)))
                }
                (p, _) => p.map(std::borrow::Cow::Borrowed),
            })
            .collect();
        let mut declared: Vec<&str> = Vec::new();
        for (a, prefix) in attributes.iter().zip(&prefixes) {
            let (Some(prefix), Some(ns)) = (prefix.as_deref(), a.namespace.as_deref()) else {
                continue;
            };
            let implicit = prefix == "xml"
                || (prefix == "xsi" && ns == XSI_NS)
                || (prefix == TARGET_PREFIX && ns == self.w.target_ns)
                || self.w.binds(prefix, ns);
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
        for (a, prefix) in attributes.iter().zip(&prefixes) {
            let out = &mut self.w.out;
            out.push(' ');
            if let Some(p) = prefix {
                out.push_str(p);
                out.push(':');
            }
            out.push_str(&a.local);
            out.push_str("=\"");
            escape_attr_into(out, &a.value);
            out.push('"');
        }
    }

    /// The writer the start tag belongs to.
    pub(crate) fn writer(&self) -> &XmlWriter {
        self.w
    }

    /// Declares a prefix for `ns` in this start tag, for a value whose text names it (an
    /// `xs:QName`): the value's `preferred` prefix when it is free here (not one the writer
    /// binds to another namespace, not declared otherwise in this tag), else none when the
    /// writer has bound a prefix to `ns` already, else `q1`, `q2`, … (prefixes the writer
    /// never uses for element names). Nothing when this tag declares it already.
    pub(crate) fn declare_for_value(&mut self, ns: &str, preferred: Option<&str>) {
        if self.w.value_prefix(ns, preferred).is_some() {
            return;
        }
        let prefix = match preferred {
            Some(p) if self.w.preferred_is_free(p, ns) => {
                if self.w.binding_of(p) == Some(ns) {
                    return;
                }
                p.to_owned()
            }
            _ if self.w.bound_prefix(ns).is_some() => return,
            _ => {
                let tag = self.w.open_tag();
                let mut n = 1;
                while tag.contains(&format!(" xmlns:q{n}=")) {
                    n += 1;
                }
                format!("q{n}")
            }
        };
        let out = &mut self.w.out;
        out.push_str(" xmlns:");
        out.push_str(&prefix);
        out.push_str("=\"");
        escape_attr_into(out, ns);
        out.push('"');
    }

    /// Whether the writer itself bound `prefix` to `ns` with a numbered declaration in scope
    /// (in the open start tag, for the element's own name or `xsi:type`, or on an enclosing
    /// element): a kept namespace declaration saying the same is redundant, and in the same
    /// tag would be written twice.
    pub(crate) fn declared_in_tag(&self, prefix: &str, ns: &str) -> bool {
        prefix
            .strip_prefix("ns")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(2))
            .and_then(|i| self.w.scoped.get(i))
            .is_some_and(|bound| *bound == ns)
    }

    /// The output buffer (for raw attributes already known to be well-formed).
    pub(crate) fn buffer(&mut self) -> &mut String {
        &mut self.w.out
    }

    /// Writes ` name="value"`. The value is written the way [`SimpleValue::write_text`] writes
    /// text, then made safe for a double-quoted attribute: `"` becomes `&quot;`, and tab and
    /// newline become character references so attribute-value normalisation cannot turn them
    /// into spaces on the receiving side. A qualified attribute in a namespace no enclosing
    /// element declares gets its prefix declared in this start tag.
    pub fn attribute<T: SimpleValue>(&mut self, name: AttributeName, value: &T) {
        if T::NEEDS_NAMESPACES {
            value.declare_namespaces(self);
        }
        let prefix = if name.ns.is_empty() {
            Prefix::None
        } else {
            self.w.prefix_for(name.ns)
        };
        let out = &mut self.w.out;
        out.push(' ');
        push_prefix(out, prefix);
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

/// Writes `p:` for a prefix (nothing for [`Prefix::None`]).
#[inline]
fn push_prefix(out: &mut String, prefix: Prefix) {
    match prefix {
        Prefix::None => {}
        Prefix::Xml => out.push_str("xml:"),
        Prefix::Numbered(1) => out.push_str("ns1:"),
        Prefix::Numbered(n) => push_numbered(out, n, ":"),
    }
}

/// Writes `ns{n}` followed by `suffix`.
#[cold]
fn push_numbered(out: &mut String, n: usize, suffix: &str) {
    use std::fmt::Write as _;
    // Writing into a `String` cannot fail.
    let _ = write!(out, "ns{n}{suffix}");
}

/// Writes XML into a `String`.
///
/// Namespaces on the wire: the target namespace gets the prefix `ns1`; `ns1` and `xsi` are
/// declared once, on the outermost element written with [`XmlWriter::root`] (or on an
/// enclosing element via [`XmlWriter::declare_namespaces`]). Any other namespace an element,
/// attribute or `xsi:type` value needs gets the next free prefix `ns2`, `ns3`, … declared in the
/// start tag of the first element that needs it, in scope for that element's content (a
/// sibling declares it again). Elements without content are self-closing.
#[derive(Debug, Clone)]
pub struct XmlWriter {
    out: String,
    target_ns: &'static str,
    /// `ns1`/`xsi` are declared on an element that is still open.
    declared: bool,
    /// Namespaces declared by elements still open, innermost last: entry `i` is bound to the
    /// prefix `ns{i + 2}` (so a new declaration never shadows one in scope).
    scoped: Vec<&'static str>,
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
            scoped: Vec::new(),
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

    /// The start tag being written, or the last one written (from its `<`): a value's text
    /// follows it directly, and escaped text and attribute values hold no `<`.
    fn open_tag(&self) -> &str {
        let at = self.out.rfind('<').unwrap_or(0);
        self.out.get(at..).unwrap_or_default()
    }

    /// The prefix the current start tag declared for `ns` for a value (see
    /// [`AttributeWriter::declare_for_value`]): `preferred` if declared so, else a `qN`.
    fn value_prefix(&self, ns: &str, preferred: Option<&str>) -> Option<String> {
        let mut escaped = String::new();
        escape_attr_into(&mut escaped, ns);
        let tag = self.open_tag();
        let needle = format!("=\"{escaped}\"");
        if let Some(p) = preferred
            && tag.contains(&format!(" xmlns:{p}{needle}"))
        {
            return Some(p.to_owned());
        }
        let mut from = 0;
        while let Some(found) = tag.get(from..).and_then(|rest| rest.find(" xmlns:q")) {
            let start = from + found + " xmlns:".len();
            let rest = tag.get(start..).unwrap_or_default();
            let name_len = rest.find('=').unwrap_or(rest.len());
            let name = rest.get(..name_len).unwrap_or_default();
            let numbered = name
                .strip_prefix('q')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            if numbered && rest.get(name_len..).is_some_and(|r| r.starts_with(&needle)) {
                return Some(name.to_owned());
            }
            from = start;
        }
        None
    }

    /// Whether a value may be written with the prefix `p` for `ns` here: the writer binds it
    /// to `ns` or not at all, and the open start tag does not declare it for something else.
    fn preferred_is_free(&self, p: &str, ns: &str) -> bool {
        if p == "xml" || p == "xmlns" || self.binding_of(p).is_some_and(|bound| bound != ns) {
            return false;
        }
        let declared = format!(" xmlns:{p}=\"");
        let tag = self.open_tag();
        match tag.find(&declared) {
            None => true,
            Some(at) => {
                let mut escaped = String::new();
                escape_attr_into(&mut escaped, ns);
                tag.get(at + declared.len()..)
                    .is_some_and(|rest| rest.starts_with(&format!("{escaped}\"")))
            }
        }
    }

    /// The prefix to write an `xs:QName` value in `ns` with: its `preferred` one as declared
    /// for it, else the writer's own binding, else the `qN` the element's start tag declared
    /// for the value; `ns` itself in braces if none exists (a value written where no
    /// declaration could be made), which no reader resolves.
    pub(crate) fn qname_prefix(&self, ns: &str, preferred: Option<&str>) -> String {
        if let Some(p) = preferred
            && (self.binding_of(p) == Some(ns)
                || self.value_prefix(ns, Some(p)).as_deref() == Some(p))
        {
            return p.to_owned();
        }
        match self.bound_prefix(ns) {
            Some(Prefix::Numbered(n)) => format!("ns{n}"),
            Some(Prefix::Xml) => "xml".to_owned(),
            Some(Prefix::None) => String::new(),
            None => self
                .value_prefix(ns, None)
                .unwrap_or_else(|| format!("{{{ns}}}")),
        }
    }

    /// The namespace the writer itself has bound `prefix` to where it is writing (`ns1` to the
    /// target, `xsi`, and the numbered prefixes of open elements), if any.
    pub(crate) fn binding_of(&self, prefix: &str) -> Option<&'static str> {
        match prefix {
            TARGET_PREFIX => self.declared.then_some(self.target_ns),
            "xsi" => self.declared.then_some(XSI_NS),
            _ => prefix
                .strip_prefix("ns")
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| n.checked_sub(2))
                .and_then(|i| self.scoped.get(i))
                .copied(),
        }
    }

    /// A prefix to write kept XML's `prefix` under when the writer has bound `prefix` to
    /// another namespace: `prefix` followed by as many `_` as make it neither a prefix the
    /// writer binds nor one `taken` (by the kept XML itself) says is in use.
    pub(crate) fn fresh_prefix(&self, prefix: &str, taken: impl Fn(&str) -> bool) -> String {
        let mut fresh = format!("{prefix}_");
        while taken(&fresh) || self.binding_of(&fresh).is_some() {
            fresh.push('_');
        }
        fresh
    }

    /// Whether the writer's own declarations bind `prefix` to `ns` here (`ns1`/`xsi` only while
    /// their declaring element is open).
    fn binds(&self, prefix: &str, ns: &str) -> bool {
        if prefix == TARGET_PREFIX {
            return self.declared && ns == self.target_ns;
        }
        if prefix == "xsi" {
            return self.declared && ns == XSI_NS;
        }
        prefix
            .strip_prefix("ns")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(2))
            .and_then(|i| self.scoped.get(i))
            .is_some_and(|bound| *bound == ns)
    }

    /// The prefix for the non-empty namespace `ns`, declaring it in the open start tag when no
    /// open element has.
    #[inline]
    fn prefix_for(&mut self, ns: &'static str) -> Prefix {
        match self.bound_prefix(ns) {
            Some(prefix) => prefix,
            None => self.declare(ns),
        }
    }

    /// The prefix `ns` (non-empty) is bound to where the writer is, if any.
    #[inline]
    fn bound_prefix(&self, ns: &str) -> Option<Prefix> {
        if ns == self.target_ns {
            return Some(Prefix::Numbered(1));
        }
        if ns == XML_NS {
            return Some(Prefix::Xml);
        }
        self.scoped
            .iter()
            .rposition(|bound| *bound == ns)
            .map(|i| Prefix::Numbered(i + 2))
    }

    /// The prefix the next declaration gets.
    #[inline]
    fn next_prefix(&self) -> Prefix {
        Prefix::Numbered(self.scoped.len() + 2)
    }

    /// Writes ` xmlns:nsN="ns"` into the open start tag, binding the next free prefix to `ns`
    /// until the element closes.
    #[cold]
    fn declare(&mut self, ns: &'static str) -> Prefix {
        let prefix = self.next_prefix();
        self.scoped.push(ns);
        self.out.push_str(" xmlns:");
        push_numbered(&mut self.out, self.scoped.len() + 1, "=\"");
        let found = escape_attr_into(&mut self.out, ns);
        self.note_invalid(found);
        self.out.push('"');
        prefix
    }

    /// A global element in the target namespace as a document or body root:
    /// `<ns1:local xmlns:ns1="target" xmlns:xsi="…">…</ns1:local>`. The declarations are left
    /// out when an enclosing element already made them.
    pub fn root<T: XmlEncode + ?Sized>(&mut self, local: &str, value: &T) {
        self.root_in(self.target_ns, local, value);
    }

    /// A global element `local` in namespace `ns` as a document, body or header root: like
    /// [`XmlWriter::root`]; an element outside the target namespace declares its own prefix
    /// (`<ns2:local xmlns:ns1="target" xmlns:xsi="…" xmlns:ns2="ns">`).
    pub fn root_in<T: XmlEncode + ?Sized>(&mut self, ns: &'static str, local: &str, value: &T) {
        let declare_here = !self.declared;
        let scope = self.scoped.len();
        let bound = if ns.is_empty() {
            Some(Prefix::None)
        } else {
            self.bound_prefix(ns)
        };
        let prefix = bound.unwrap_or_else(|| self.next_prefix());
        self.out.push('<');
        push_prefix(&mut self.out, prefix);
        self.out.push_str(local);
        if declare_here {
            self.declare_namespaces();
        }
        if bound.is_none() {
            self.declare(ns);
        }
        self.xsi_type_attr(value.xsi_type());
        value.encode_attributes(&mut AttributeWriter { w: self });
        let open_end = self.out.len();
        self.out.push('>');
        value.encode_content(self);
        self.close(open_end, prefix, local);
        self.scoped.truncate(scope);
        if declare_here {
            self.declared = false;
        }
    }

    /// `<name>text</name>` (or `<name/>` for empty text).
    #[inline]
    pub fn simple<T: SimpleValue>(&mut self, name: Name, v: &T) {
        let scope = self.scoped.len();
        let prefix = self.start(name);
        if T::NEEDS_NAMESPACES {
            v.declare_namespaces(&mut AttributeWriter { w: self });
        }
        let open_end = self.out.len();
        self.out.push('>');
        let was_valid = self.invalid.is_none();
        v.write_text(self);
        if was_valid && let Some(invalid) = &mut self.invalid {
            invalid.element = Some(name.local);
        }
        self.close(open_end, prefix, name.local);
        // Only a qualified name can have declared a namespace.
        if prefix != Prefix::None {
            self.scoped.truncate(scope);
        }
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
        let scope = self.scoped.len();
        let prefix = self.start(name);
        self.xsi_type_attr(v.xsi_type());
        v.encode_attributes(&mut AttributeWriter { w: self });
        let open_end = self.out.len();
        self.out.push('>');
        v.encode_content(self);
        self.close(open_end, prefix, name.local);
        self.scoped.truncate(scope);
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
        let scope = self.scoped.len();
        self.start(name);
        self.out.push_str(" xsi:nil=\"true\"/>");
        self.scoped.truncate(scope);
    }

    /// Writes `<` and the (possibly prefixed) name, declaring its namespace when needed.
    #[inline]
    fn start(&mut self, name: Name) -> Prefix {
        self.out.push('<');
        if name.ns.is_empty() {
            self.out.push_str(name.local);
            return Prefix::None;
        }
        self.start_qualified(name)
    }

    /// [`XmlWriter::start`] for a qualified name (kept out of line so the unqualified path
    /// stays small where it is inlined): a namespace no open element declares is declared
    /// right after the name.
    #[inline(never)]
    fn start_qualified(&mut self, name: Name) -> Prefix {
        let bound = self.bound_prefix(name.ns);
        let prefix = bound.unwrap_or_else(|| self.next_prefix());
        push_prefix(&mut self.out, prefix);
        self.out.push_str(name.local);
        if bound.is_none() {
            self.declare(name.ns);
        }
        prefix
    }

    #[inline]
    fn xsi_type_attr(&mut self, xsi_type: Option<Name>) {
        if let Some(t) = xsi_type {
            let prefix = if t.ns.is_empty() {
                Prefix::None
            } else {
                self.prefix_for(t.ns)
            };
            self.out.push_str(" xsi:type=\"");
            push_prefix(&mut self.out, prefix);
            let found = escape_attr_into(&mut self.out, t.local);
            self.note_invalid(found);
            self.out.push('"');
        }
    }

    /// Writes the end tag, or turns the start tag into `<…/>` when nothing was written since the
    /// `>` at `open_end`.
    #[inline]
    fn close(&mut self, open_end: usize, prefix: Prefix, local: &str) {
        if self.out.len() == open_end + 1 {
            self.out.truncate(open_end);
            self.out.push_str("/>");
            return;
        }
        self.out.push_str("</");
        push_prefix(&mut self.out, prefix);
        self.out.push_str(local);
        self.out.push('>');
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
            w.simple(Name::new("urn:t", "q"), &String::from("x"));
        }
        fn xsi_type(&self) -> Option<Name> {
            Some(Name::new("urn:t", "Concrete"))
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
                w.attribute(AttributeName::new("urn:t", "note"), note);
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

    /// A type in a second namespace: elements, an attribute and its `xsi:type` there.
    struct Other;
    impl XmlEncode for Other {
        fn encode_attributes(&self, w: &mut AttributeWriter<'_>) {
            w.attribute(AttributeName::new("urn:o", "tag"), &String::from("t"));
            w.attribute(AttributeName::new("urn:p", "mark"), &1);
        }
        fn encode_content(&self, w: &mut XmlWriter) {
            w.simple(Name::new("urn:o", "x"), &String::from("1"));
            w.complex(Name::new("urn:o", "inner"), &Inner);
            w.simple(Name::unqualified("plain"), &String::from("2"));
        }
        fn xsi_type(&self) -> Option<Name> {
            Some(Name::new("urn:o", "OtherType"))
        }
    }

    struct Inner;
    impl XmlEncode for Inner {
        fn encode_content(&self, w: &mut XmlWriter) {
            w.simple(Name::new("urn:o", "y"), &String::from("3"));
            w.simple(Name::new("urn:q", "z"), &String::from("4"));
            w.simple(Name::new("urn:t", "t"), &String::from("5"));
        }
    }

    #[test]
    fn other_namespaces_are_declared_on_first_use_and_scoped_to_the_element() {
        let mut w = XmlWriter::new("urn:t");
        w.raw("<env");
        w.declare_namespaces();
        w.raw(">");
        w.complex(Name::new("urn:t", "a"), &Other);
        w.complex(Name::new("urn:o", "b"), &Inner);
        w.raw("</env>");
        w.end_declared_scope();
        assert_eq!(
            w.as_str(),
            "<env xmlns:ns1=\"urn:t\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
             <ns1:a xmlns:ns2=\"urn:o\" xsi:type=\"ns2:OtherType\" ns2:tag=\"t\" \
             xmlns:ns3=\"urn:p\" ns3:mark=\"1\">\
             <ns2:x>1</ns2:x><ns2:inner><ns2:y>3</ns2:y><ns4:z xmlns:ns4=\"urn:q\">4</ns4:z>\
             <ns1:t>5</ns1:t></ns2:inner><plain>2</plain></ns1:a>\
             <ns2:b xmlns:ns2=\"urn:o\"><ns2:y>3</ns2:y><ns3:z xmlns:ns3=\"urn:q\">4</ns3:z>\
             <ns1:t>5</ns1:t></ns2:b></env>"
        );
    }

    #[test]
    fn root_in_another_namespace_declares_it_after_the_usual_pair() {
        let mut w = XmlWriter::new("urn:t");
        w.root_in("urn:h", "Header", &Inner);
        assert_eq!(
            w.as_str(),
            "<ns2:Header xmlns:ns1=\"urn:t\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xmlns:ns2=\"urn:h\"><ns3:y xmlns:ns3=\"urn:o\">3</ns3:y><ns3:z xmlns:ns3=\"urn:q\">4</ns3:z>\
             <ns1:t>5</ns1:t></ns2:Header>"
        );
        let mut w = XmlWriter::new("urn:t");
        w.root_in("urn:o", "y", &Inner);
        assert!(
            w.as_str().contains("<ns2:y>3</ns2:y>"),
            "the root's binding is reused: {}",
            w.as_str()
        );
    }

    #[test]
    fn kept_declarations_the_tag_already_makes_are_not_written_twice() {
        let content = crate::xml::AnyContent {
            namespace_declarations: vec![
                crate::xml::NamespaceDeclaration {
                    prefix: Some("ns2".to_owned()),
                    uri: "urn:o".to_owned(),
                },
                crate::xml::NamespaceDeclaration {
                    prefix: Some("f".to_owned()),
                    uri: "urn:f".to_owned(),
                },
            ],
            attributes: Vec::new(),
            children: Vec::new(),
        };
        let mut w = XmlWriter::new("urn:t");
        w.complex(Name::new("urn:o", "d"), &content);
        assert_eq!(w.as_str(), "<ns2:d xmlns:ns2=\"urn:o\" xmlns:f=\"urn:f\"/>");
    }

    /// A typed element with attributes kept as written (`xs:anyAttribute`) and a typed child.
    struct Status {
        others: Vec<AnyAttribute>,
    }

    impl XmlEncode for Status {
        fn encode_attributes(&self, w: &mut AttributeWriter<'_>) {
            w.any(&self.others);
        }
        fn encode_content(&self, w: &mut XmlWriter) {
            w.simple(Name::new("urn:o", "pan"), &1);
        }
    }

    fn kept(prefix: &str, ns: &str, local: &str, value: &str) -> AnyAttribute {
        AnyAttribute {
            namespace: Some(ns.to_owned()),
            prefix: Some(prefix.to_owned()),
            local: local.to_owned(),
            value: value.to_owned(),
        }
    }

    #[test]
    fn kept_attributes_never_rebind_a_prefix_the_writer_uses() {
        // A device named its vendor namespaces `ns1` and `ns2`, which the writer uses for the
        // target namespace and for `urn:o` (the element's and its child's).
        let status = Status {
            others: vec![
                kept("ns1", "urn:vendor", "sampled", "encoder"),
                kept("ns2", "urn:diag", "seq", "7"),
                kept("ns1_", "urn:taken", "x", "1"),
                kept("v", "urn:v", "y", "2"),
            ],
        };
        let mut w = XmlWriter::new("urn:t");
        w.root_in("urn:o", "status", &status);
        assert_eq!(
            w.as_str(),
            "<ns2:status xmlns:ns1=\"urn:t\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xmlns:ns2=\"urn:o\" xmlns:ns1__=\"urn:vendor\" xmlns:ns2_=\"urn:diag\" \
             xmlns:ns1_=\"urn:taken\" xmlns:v=\"urn:v\" ns1__:sampled=\"encoder\" ns2_:seq=\"7\" \
             ns1_:x=\"1\" v:y=\"2\"><ns2:pan>1</ns2:pan></ns2:status>"
        );
        // A kept prefix the writer binds to the same namespace is used as it is.
        let same = Status {
            others: vec![kept("ns2", "urn:o", "z", "3")],
        };
        let mut w = XmlWriter::new("urn:t");
        w.root_in("urn:o", "status", &same);
        assert!(
            w.as_str().contains("xmlns:ns2=\"urn:o\" ns2:z=\"3\">"),
            "{}",
            w.as_str()
        );
    }

    #[test]
    fn kept_content_renames_a_prefix_the_writer_binds_elsewhere_throughout() {
        let vendor = |local: &str, children: Vec<crate::xml::AnyNode>| crate::xml::AnyElement {
            namespace: Some("urn:vendor".to_owned()),
            prefix: Some("ns1".to_owned()),
            local: local.to_owned(),
            content: crate::xml::AnyContent {
                children,
                ..Default::default()
            },
        };
        let content = crate::xml::AnyContent {
            namespace_declarations: vec![crate::xml::NamespaceDeclaration {
                prefix: Some("ns1".to_owned()),
                uri: "urn:vendor".to_owned(),
            }],
            attributes: vec![kept("ns1", "urn:vendor", "kind", "ns1:Heater")],
            children: vec![
                crate::xml::AnyNode::Element(vendor(
                    "state",
                    vec![crate::xml::AnyNode::Text("ns1:Off".to_owned())],
                )),
                crate::xml::AnyNode::Text("tail".to_owned()),
            ],
        };
        let mut w = XmlWriter::new("urn:t");
        w.root("blob", &content);
        assert_eq!(
            w.as_str(),
            "<ns1:blob xmlns:ns1=\"urn:t\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xmlns:ns1_=\"urn:vendor\" ns1_:kind=\"ns1_:Heater\"><ns1_:state>ns1_:Off</ns1_:state>tail</ns1:blob>"
        );
        // Raw elements keep their own prefixes: in their scope the writer binds nothing.
        let mut w = XmlWriter::new("urn:t");
        let mut raw = vendor("state", Vec::new());
        raw.content.namespace_declarations = content.namespace_declarations.clone();
        w.root("wrap", &crate::xml::AnyNode::Element(raw));
        assert!(
            w.as_str()
                .contains("><ns1:state xmlns:ns1=\"urn:vendor\"/></ns1:wrap>"),
            "{}",
            w.as_str()
        );
    }
}
