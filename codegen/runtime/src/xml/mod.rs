//! The XML codec runtime that generated code calls.
//!
//! Encoding goes through [`XmlWriter`] (a pre-sized `String` with fast escaping); decoding goes
//! through [`XmlReader`], a pull decoder over a borrowed `&str` built on `quick-xml`. Generated
//! types implement [`XmlEncode`] / [`XmlDecode`]; text-only values implement [`SimpleValue`].
//!
//! Wire conventions and decisions:
//! - Written: the target namespace always gets the prefix `ns1` and the schema-instance namespace
//!   `xsi`, both declared once on the outermost element; every other namespace gets the next
//!   free prefix (`ns2`, `ns3`, …), declared on the first element that needs it and in scope
//!   for its content; `xsi:type="ns1:X"` (the type's own namespace), `xsi:nil="true"`;
//!   empty elements are self-closing. Text escapes `&`, `<`, `>` and writes `\r` as `&#13;` so it
//!   survives a parser's line-end normalisation. Characters XML 1.0 cannot carry at all (C0
//!   controls other than tab/LF/CR, U+FFFE, U+FFFF) cannot be written: the writer records the
//!   first one ([`XmlWriter::first_invalid_char`]) and the client refuses to send the request;
//!   reading, they make the document not well-formed (an error in strict and lenient mode).
//! - Read: any prefixes and default namespaces (names are compared by resolved namespace);
//!   `xsi:nil` is `true`/`1` (a nil element with content is an error in strict mode; lenient
//!   decoding reads a nil complex element that has child elements from its children, as
//!   Marketo sends such elements); text, CDATA and references are concatenated. Lenient decoding
//!   (the default) skips unknown elements for forward compatibility; strict decoding (tests)
//!   also rejects unknown elements, stray text, wrongly qualified names, children of an
//!   `xs:sequence` out of schema order, and attributes a type does not declare (namespace
//!   declarations and `xsi:*` are always allowed).
//! - Hostile input: no DTDs (any `<!DOCTYPE` is an error, so no entity expansion), only the five
//!   predefined entities and character references, bounded nesting depth and namespace
//!   declarations, no panics.
//! - Errors name the element path (`successGetLead/result/leadRecord[3]/Id`), the byte offset
//!   and the offending text; the path is assembled while the error propagates, so successful
//!   decoding pays nothing for it.
//! - `xs:dateTime` is [`XsdDateTime`] (a value without a time zone keeps none); `xs:integer` is [`Integer`] (arbitrary
//!   precision, canonical text).

mod any;
mod datetime;
mod error;
mod escape;
mod integer;
mod list;
mod names;
mod nillable;
mod number;
mod options;
mod qname;
mod reader;
mod text;
mod value;
mod writer;

pub use any::{AnyAttribute, AnyContent, AnyElement, AnyNode, NamespaceDeclaration};
pub use datetime::XsdDateTime;
pub use error::{DecodeError, DecodeErrorKind, ValueError};
pub use escape::InvalidChar;
pub use integer::Integer;
pub use list::List;
pub use nillable::{Nillable, OptionNillable};
pub use options::{DecodeOptions, Form};
pub use qname::QName;
pub use reader::Attribute;
pub use reader::{ElementStart, MixedChild, XmlReader};
pub use value::{PrefixScope, SimpleValue};
pub use writer::{AttributeName, AttributeWriter, Name, XmlWriter};

/// The XML namespace, always bound to the prefix `xml` (`xml:lang`).
pub const XML_NS: &str = writer::XML_NS;

/// Namespace of the XML Schema instance attributes (`xsi:nil`, `xsi:type`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A complex value (generated struct or polymorphic enum) that can write its own element content.
pub trait XmlEncode {
    /// Writes the element's attributes into its start tag (` id="7"`); the writer calls it
    /// while the tag is open, after `xsi:type`. Types without attributes keep the no-op.
    #[inline]
    fn encode_attributes(&self, w: &mut AttributeWriter<'_>) {
        let _ = w;
    }

    /// Writes the children of the element (never the element's own start/end tag).
    fn encode_content(&self, w: &mut XmlWriter);

    /// Name of the concrete type (its namespace and local name), written as
    /// `xsi:type="ns1:<name>"` (with the prefix of the type's namespace) so the receiver can
    /// dispatch on it. `None` for plain structs.
    fn xsi_type(&self) -> Option<Name> {
        None
    }
}

impl<T: XmlEncode + ?Sized> XmlEncode for &T {
    #[inline]
    fn encode_attributes(&self, w: &mut AttributeWriter<'_>) {
        (**self).encode_attributes(w);
    }

    #[inline]
    fn encode_content(&self, w: &mut XmlWriter) {
        (**self).encode_content(w);
    }

    #[inline]
    fn xsi_type(&self) -> Option<Name> {
        (**self).xsi_type()
    }
}

/// No content: the parameters of an operation whose input message has no body part (its
/// request `Body` is empty, see [`OperationMeta::request_element`](crate::OperationMeta)).
impl XmlEncode for () {
    #[inline]
    fn encode_content(&self, w: &mut XmlWriter) {
        let _ = w;
    }
}

impl<T: XmlEncode + ?Sized> XmlEncode for Box<T> {
    #[inline]
    fn encode_attributes(&self, w: &mut AttributeWriter<'_>) {
        (**self).encode_attributes(w);
    }

    #[inline]
    fn encode_content(&self, w: &mut XmlWriter) {
        (**self).encode_content(w);
    }

    #[inline]
    fn xsi_type(&self) -> Option<Name> {
        (**self).xsi_type()
    }
}

/// A complex value that can be read from the element the reader has just entered.
pub trait XmlDecode: Sized {
    /// The named schema type this is, when it has no derived types: strict decoding then
    /// rejects an `xsi:type` naming any other type. `None` (the default) for anonymous types,
    /// and for polymorphic types, which dispatch on `xsi:type` themselves.
    const TYPE_NAME: Option<Name> = None;

    /// `start` was just read; consume through its end tag. Nil was already handled by the caller.
    fn decode(r: &mut XmlReader<'_>, start: &ElementStart<'_>) -> Result<Self, DecodeError>;
}

impl<T: XmlDecode> XmlDecode for Box<T> {
    const TYPE_NAME: Option<Name> = T::TYPE_NAME;

    #[inline]
    fn decode(r: &mut XmlReader<'_>, start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        T::decode(r, start).map(Box::new)
    }
}
