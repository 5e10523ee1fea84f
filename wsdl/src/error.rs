//! Load errors: what went wrong and where it was written.

use std::fmt;

use crate::model::Position;

/// A failure to load a service description, with the position it refers to (if any).
///
/// Displays as `file:line:col: message`, e.g.
/// `mktows-2_6-fragment.wsdl:17:11: type tns:StreamPosition is not defined`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Where the offending construct was written; `None` when no document is involved
    /// (for example when the entry document itself cannot be read).
    pub position: Option<Position>,
    /// What went wrong.
    pub kind: ErrorKind,
}

/// The different kinds of load failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The resolver could not produce a document for a location.
    Resolve {
        /// The location as written (`schemaLocation`, `location`, or the entry name).
        location: String,
        /// Why it failed.
        reason: String,
    },
    /// The document is not well-formed XML (message from the XML parser).
    Xml(String),
    /// The document contains a DOCTYPE declaration; DTDs and entities are rejected.
    Doctype,
    /// Elements (or schema constructs expanded from references) nest deeper than the limit.
    TooDeep {
        /// The nesting limit that was exceeded.
        limit: usize,
    },
    /// Expanding group, attribute-group and element references would build a model larger
    /// than the limit (a schema "billion laughs").
    TooLarge {
        /// The limit on particles and attributes built, counting every expanded copy.
        limit: usize,
    },
    /// A reference names something that is not defined anywhere in the loaded documents.
    Undefined {
        /// What kind of definition was looked for (`type`, `element`, `message`, …).
        kind: &'static str,
        /// The name as written in the source (prefix included).
        name: String,
    },
    /// The same name is defined twice.
    Duplicate {
        /// What kind of definition (`type`, `element`, `message`, …).
        kind: &'static str,
        /// The name, as `{namespace}local`.
        name: String,
        /// Where the first definition was written.
        first: Position,
    },
    /// A QName uses a prefix that is not declared where it is written.
    UndeclaredPrefix {
        /// The prefix.
        prefix: String,
        /// The whole QName as written.
        qname: String,
    },
    /// A construct this reader deliberately does not model.
    Unsupported(String),
    /// Anything else that makes the description invalid (bad attribute value, missing
    /// required attribute, wrong root element, …).
    Invalid(String),
}

impl Error {
    /// An error at a known position.
    pub fn at(position: Position, kind: ErrorKind) -> Self {
        Error {
            position: Some(position),
            kind,
        }
    }

    /// An error without a position.
    pub fn without_position(kind: ErrorKind) -> Self {
        Error {
            position: None,
            kind,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Resolve { location, reason } => {
                write!(f, "cannot load `{location}`: {reason}")
            }
            ErrorKind::Xml(message) => write!(f, "malformed XML: {message}"),
            ErrorKind::Doctype => {
                f.write_str("DOCTYPE declarations are not allowed (DTDs and entities are rejected)")
            }
            ErrorKind::TooDeep { limit } => {
                write!(f, "nesting deeper than {limit} levels is not accepted")
            }
            ErrorKind::TooLarge { limit } => write!(
                f,
                "the schema expands to more than {limit} particles and attributes"
            ),
            ErrorKind::Undefined { kind, name } => write!(f, "{kind} {name} is not defined"),
            ErrorKind::Duplicate { kind, name, first } => {
                write!(f, "duplicate {kind} {name} (first defined at {first})")
            }
            ErrorKind::UndeclaredPrefix { prefix, qname } => {
                write!(
                    f,
                    "namespace prefix `{prefix}` of `{qname}` is not declared"
                )
            }
            ErrorKind::Unsupported(what) => write!(f, "unsupported: {what}"),
            ErrorKind::Invalid(what) => f.write_str(what),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.position {
            Some(position) => write!(f, "{position}: {}", self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl std::error::Error for Error {}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}
