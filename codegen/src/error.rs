//! Why generation failed.

use std::fmt;

/// A generation failure: the WSDL uses something this generator does not map, or the emitted
/// source failed to parse (a generator bug, reported with the offending file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Where in the service description the problem is (type, element, operation), if known.
    pub context: Option<String>,
    /// Where the offending construct is written (file, line, column), when the model knows it.
    /// Shown first in the message, `file:line:col: …`, the way compilers report.
    pub position: Option<wsdl::Position>,
    /// What went wrong.
    pub kind: ErrorKind,
}

/// The kinds of [`Error`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The description has no SOAP 1.1 or SOAP 1.2 binding to generate a client for.
    NoSoapBinding,
    /// A construct the generator does not support (rpc style, encoded use, …).
    Unsupported(String),
    /// The model refers to something it does not define (the reader should have caught it).
    Dangling(String),
    /// The generated tokens did not parse as a Rust file (a generator bug).
    InvalidOutput {
        /// Which output file.
        file: String,
        /// The parser's message.
        message: String,
    },
}

impl Error {
    /// An [`ErrorKind::Unsupported`] error about `context`.
    pub(crate) fn unsupported(context: impl Into<String>, what: impl Into<String>) -> Self {
        Self {
            context: Some(context.into()),
            position: None,
            kind: ErrorKind::Unsupported(what.into()),
        }
    }

    /// An [`ErrorKind::Unsupported`] error about the construct written at `position`.
    pub(crate) fn unsupported_at(
        position: &wsdl::Position,
        context: impl Into<String>,
        what: impl Into<String>,
    ) -> Self {
        Self::unsupported(context, what).at(position)
    }

    /// The same error, located at `position` (kept when a location is already known: the
    /// innermost construct is the most precise).
    pub(crate) fn at(mut self, position: &wsdl::Position) -> Self {
        if self.position.is_none() && !position.file.is_empty() {
            self.position = Some(position.clone());
        }
        self
    }

    /// An [`ErrorKind::Dangling`] error about `context`.
    pub(crate) fn dangling(context: impl Into<String>, what: impl Into<String>) -> Self {
        Self {
            context: Some(context.into()),
            position: None,
            kind: ErrorKind::Dangling(what.into()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.position {
            write!(f, "{}:{}:{}: ", p.file, p.line, p.column)?;
        }
        if let Some(context) = &self.context {
            write!(f, "{context}: ")?;
        }
        match &self.kind {
            ErrorKind::NoSoapBinding => f.write_str(
                "no SOAP 1.1 or SOAP 1.2 binding found (looked at the first service's ports, then all bindings)",
            ),
            ErrorKind::Unsupported(what) => write!(f, "unsupported: {what}"),
            ErrorKind::Dangling(what) => write!(f, "undefined reference: {what}"),
            ErrorKind::InvalidOutput { file, message } => {
                write!(f, "generated {file} does not parse as Rust: {message}")
            }
        }
    }
}

impl std::error::Error for Error {}
