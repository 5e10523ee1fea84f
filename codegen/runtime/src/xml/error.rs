//! Decode errors: what went wrong, where in the document (element path and byte offset).
//!
//! The element path is built while an error propagates out of nested decoders (each level pushes
//! its own element name), so successful decoding never pays for it.

use std::fmt;

/// What was wrong with a text value (`"abc"` is not an `int`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// The XML Schema type that was expected, e.g. `int`, `dateTime`.
    pub expected: &'static str,
    /// Why the text was rejected, when there is more to say than "invalid".
    pub reason: Option<&'static str>,
}

impl ValueError {
    /// A value that is not a valid `expected` (e.g. `"int"`).
    #[inline]
    pub fn invalid(expected: &'static str) -> Self {
        ValueError {
            expected,
            reason: None,
        }
    }

    /// A value that is not a valid `expected`, with a short explanation.
    #[inline]
    pub fn with_reason(expected: &'static str, reason: &'static str) -> Self {
        ValueError {
            expected,
            reason: Some(reason),
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}", self.expected)?;
        if let Some(reason) = self.reason {
            write!(f, " ({reason})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValueError {}

/// The kinds of decode failure.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input is not well-formed XML (message from the parser).
    Syntax(String),
    /// A `<!DOCTYPE …>` declaration: DTDs (and thus custom entities) are not accepted.
    Doctype,
    /// An entity reference other than the five predefined ones or a character reference.
    UnknownEntity(String),
    /// A character reference to a character that XML does not allow.
    InvalidCharRef(String),
    /// A namespace prefix that is not declared in scope.
    UndeclaredPrefix(String),
    /// A namespace declaration this reader does not support (e.g. with character references).
    UnsupportedNamespace(String),
    /// Elements nested deeper than [`DecodeOptions::max_depth`](super::DecodeOptions::max_depth).
    TooDeep(usize),
    /// The repeated items read so far would take more than `limit` bytes once decoded (see
    /// [`DecodeOptions::max_decoded_bytes`](crate::xml::DecodeOptions::max_decoded_bytes)).
    DecodedTooLarge {
        /// The budget in bytes.
        limit: u64,
    },
    /// Too many namespace declarations in scope at once.
    TooManyNamespaces(usize),
    /// The document ended inside an element.
    UnexpectedEof,
    /// Content after the root element (other than whitespace, comments, processing instructions).
    TrailingContent,
    /// The document has no root element.
    NoRoot,
    /// The root (or SOAP body) element is not the one expected.
    UnexpectedRoot {
        /// `{namespace}local` that was expected.
        expected: String,
        /// `{namespace}local` that was found.
        found: String,
    },
    /// An element that the schema does not allow here (strict mode).
    UnknownElement,
    /// An element in the wrong namespace (qualified where unqualified is expected or vice versa).
    WrongNamespace {
        /// The namespace that was expected (`None`: no namespace).
        expected: Option<String>,
        /// The namespace that was found (`None`: no namespace).
        found: Option<String>,
    },
    /// Non-whitespace text where only elements are allowed (strict mode).
    UnexpectedText,
    /// A child element inside a text-only element.
    UnexpectedElement,
    /// A single-valued element occurred twice.
    Duplicate,
    /// A child of an `xs:sequence` after a sibling that the schema puts later (strict mode).
    OutOfOrder {
        /// Local name of the child that came too late.
        element: String,
        /// The element(s) already seen that it must precede (several: alternatives of a choice
        /// or members of a group without fixed order).
        before: &'static [&'static str],
    },
    /// An attribute (other than a namespace declaration or `xsi:*`) on an element whose type
    /// declares no attributes (strict mode). Holds the attribute's name as written.
    UnexpectedAttribute(String),
    /// A required element is missing.
    Missing(&'static str),
    /// `xsi:nil="true"` on an element that is not nillable.
    NilNotAllowed,
    /// `xsi:nil="true"` on an element that has child elements or text (strict mode).
    NilWithContent,
    /// A polymorphic element without `xsi:type`.
    MissingXsiType,
    /// A polymorphic element whose `xsi:type` is not a known subtype.
    UnknownXsiType(String),
    /// Strict mode: an `xsi:type` naming another type than the element's declared one, which
    /// has no derived types (names as `{namespace}local`).
    UndeclaredXsiType {
        /// The type `xsi:type` named.
        found: String,
        /// The element's declared type.
        declared: String,
    },
    /// A text value that does not parse.
    InvalidValue {
        /// What was wrong.
        error: ValueError,
        /// The offending text (unescaped), cut to a reasonable length.
        text: String,
    },
    /// Anything else (used by hand-written decoders such as the envelope reader).
    Other(String),
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeErrorKind::Syntax(m) => write!(f, "malformed XML: {m}"),
            DecodeErrorKind::Doctype => f.write_str("DOCTYPE declarations are not allowed"),
            DecodeErrorKind::UnknownEntity(e) => write!(f, "unknown entity reference `&{e};`"),
            DecodeErrorKind::InvalidCharRef(e) => write!(f, "invalid character reference `&{e};`"),
            DecodeErrorKind::UndeclaredPrefix(p) => write!(f, "undeclared namespace prefix `{p}`"),
            DecodeErrorKind::UnsupportedNamespace(m) => write!(f, "unsupported namespace: {m}"),
            DecodeErrorKind::TooDeep(n) => write!(f, "elements nested deeper than {n} levels"),
            DecodeErrorKind::DecodedTooLarge { limit } => write!(
                f,
                "the repeated elements would take more than {limit} bytes decoded \
                 (max_decoded_bytes; the response holds too many of them)"
            ),
            DecodeErrorKind::TooManyNamespaces(n) => {
                write!(f, "more than {n} namespace declarations in scope")
            }
            DecodeErrorKind::UnexpectedEof => f.write_str("unexpected end of document"),
            DecodeErrorKind::TrailingContent => f.write_str("content after the root element"),
            DecodeErrorKind::NoRoot => f.write_str("no root element"),
            DecodeErrorKind::UnexpectedRoot { expected, found } => {
                write!(f, "expected element {expected}, found {found}")
            }
            DecodeErrorKind::UnknownElement => f.write_str("unknown element"),
            DecodeErrorKind::WrongNamespace { expected, found } => {
                let show = |ns: &Option<String>| match ns {
                    Some(ns) => format!("namespace `{ns}`"),
                    None => "no namespace".to_owned(),
                };
                write!(f, "element in {}, expected {}", show(found), show(expected))
            }
            DecodeErrorKind::UnexpectedText => {
                f.write_str("unexpected text in element-only content")
            }
            DecodeErrorKind::UnexpectedElement => {
                f.write_str("unexpected child element in a text value")
            }
            DecodeErrorKind::Duplicate => f.write_str("duplicate element"),
            DecodeErrorKind::OutOfOrder { element, before } => {
                write!(f, "`{element}` is out of order: it must come before ")?;
                for (i, name) in before.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    write!(f, "`{name}`")?;
                }
                Ok(())
            }
            DecodeErrorKind::UnexpectedAttribute(name) => {
                write!(
                    f,
                    "unexpected attribute `{name}` (the type declares no attributes)"
                )
            }
            DecodeErrorKind::Missing(name) => write!(f, "missing required element `{name}`"),
            DecodeErrorKind::NilNotAllowed => {
                f.write_str("xsi:nil on an element that is not nillable")
            }
            DecodeErrorKind::NilWithContent => f.write_str("xsi:nil=\"true\" element has content"),
            DecodeErrorKind::MissingXsiType => {
                f.write_str("missing xsi:type on a polymorphic element")
            }
            DecodeErrorKind::UnknownXsiType(t) => write!(f, "unknown xsi:type `{t}`"),
            DecodeErrorKind::UndeclaredXsiType { found, declared } => write!(
                f,
                "xsi:type `{found}` on an element of type `{declared}`, which has no derived types"
            ),
            DecodeErrorKind::InvalidValue { error, text } => {
                write!(f, "invalid {} {text:?}", error.expected)?;
                match error.reason {
                    Some(reason) => write!(f, ": {reason}"),
                    None => Ok(()),
                }
            }
            DecodeErrorKind::Other(m) => f.write_str(m),
        }
    }
}

/// One step of an element path: a local name, with a 1-based index for repeated elements.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PathSegment {
    name: String,
    index: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    kind: DecodeErrorKind,
    /// Byte offset into the input where the problem was detected.
    offset: Option<u64>,
    /// Innermost segment first (segments are pushed while the error propagates out).
    path_reversed: Vec<PathSegment>,
}

/// A decode failure: kind, element path (`successGetLead/result/leadRecordList/leadRecord[3]/Id`)
/// and byte offset. Display: `path: message (at byte N)`.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError(Box<Inner>);

/// How many characters of an offending value are kept in an error.
const MAX_TEXT_IN_ERROR: usize = 200;

impl DecodeError {
    /// An error of `kind` detected at byte `offset` (if known).
    #[cold]
    pub fn new(kind: DecodeErrorKind, offset: Option<u64>) -> Self {
        DecodeError(Box::new(Inner {
            kind,
            offset,
            path_reversed: Vec::new(),
        }))
    }

    /// A text value that failed to parse; keeps (a prefix of) the offending text.
    #[cold]
    pub fn invalid_value(error: ValueError, text: &str, offset: Option<u64>) -> Self {
        let text = match text.char_indices().nth(MAX_TEXT_IN_ERROR) {
            Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
            None => text.to_owned(),
        };
        Self::new(DecodeErrorKind::InvalidValue { error, text }, offset)
    }

    /// A free-form error (for hand-written decoders).
    #[cold]
    pub fn other(message: impl Into<String>, offset: Option<u64>) -> Self {
        Self::new(DecodeErrorKind::Other(message.into()), offset)
    }

    /// What went wrong.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.0.kind
    }

    /// Byte offset into the input where the problem was detected, if known.
    pub fn offset(&self) -> Option<u64> {
        self.0.offset
    }

    /// The element path, outermost first, e.g. `successGetLead/result/leadRecord[3]/Id`.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for (i, seg) in self.0.path_reversed.iter().rev().enumerate() {
            if i > 0 {
                out.push('/');
            }
            out.push_str(&seg.name);
            if let Some(index) = seg.index {
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
        }
        out
    }

    /// Prepends an element name to the path (called while the error propagates outwards).
    #[cold]
    pub fn within(mut self, local: &str) -> Self {
        self.0.path_reversed.push(PathSegment {
            name: local.to_owned(),
            index: None,
        });
        self
    }

    /// Prepends `local[index]` (1-based) to the path.
    #[cold]
    pub fn within_item(mut self, local: &str, index: usize) -> Self {
        self.0.path_reversed.push(PathSegment {
            name: local.to_owned(),
            index: Some(index),
        });
        self
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.path_reversed.is_empty() {
            write!(f, "{}: ", self.path())?;
        }
        write!(f, "{}", self.0.kind)?;
        if let Some(offset) = self.0.offset {
            write!(f, " (at byte {offset})")?;
        }
        Ok(())
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DecodeError({self})")
    }
}

impl std::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_is_built_outwards_and_displayed_outermost_first() {
        let e = DecodeError::invalid_value(ValueError::invalid("int"), "abc", Some(42))
            .within("Id")
            .within_item("leadRecord", 3)
            .within("leadRecordList")
            .within("result")
            .within("successGetLead");
        assert_eq!(
            e.path(),
            "successGetLead/result/leadRecordList/leadRecord[3]/Id"
        );
        assert_eq!(
            e.to_string(),
            "successGetLead/result/leadRecordList/leadRecord[3]/Id: invalid int \"abc\" (at byte 42)"
        );
    }

    #[test]
    fn long_offending_text_is_cut() {
        let long = "x".repeat(1000);
        let e = DecodeError::invalid_value(ValueError::invalid("int"), &long, None);
        match e.kind() {
            DecodeErrorKind::InvalidValue { text, .. } => {
                assert!(text.chars().count() <= MAX_TEXT_IN_ERROR + 1)
            }
            other => panic!("unexpected kind {other:?}"),
        }
    }
}
