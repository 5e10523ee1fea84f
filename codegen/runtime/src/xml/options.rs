//! Decoder settings and the element-form switch used by generated decoders.

/// Decoder settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeOptions {
    /// `true`: unknown elements, non-whitespace text in element-only content, wrongly
    /// qualified elements, sequence children out of order and undeclared attributes are errors
    /// (used by tests). `false`: unknown elements and attributes are skipped and any child order
    /// is accepted, for forward compatibility.
    pub strict: bool,
    /// Maximum element nesting depth (default 64); deeper documents are rejected.
    pub max_depth: usize,
    /// Maximum number of namespace declarations in scope at once (default 64).
    pub max_namespaces: usize,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            strict: false,
            max_depth: 64,
            max_namespaces: 64,
        }
    }
}

impl DecodeOptions {
    /// Lenient defaults: unknown elements are skipped.
    pub fn lenient() -> Self {
        Self::default()
    }

    /// Strict decoding: anything the schema does not allow is an error.
    pub fn strict() -> Self {
        DecodeOptions {
            strict: true,
            ..Self::default()
        }
    }
}

/// Whether the children of a complex type are expected without a namespace (`elementFormDefault`
/// unqualified, the mktows case) or in the target namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// Children have no namespace: `<leadRecord>`.
    Unqualified,
    /// Children are in the target namespace: `<ns1:leadRecord>`.
    Qualified,
}
