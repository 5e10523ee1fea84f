//! Decoder settings and the element-form switch used by generated decoders.

use crate::limits::DEFAULT_MAX_RESPONSE_BYTES;

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
    /// Most bytes the repeated items of a document may take once decoded, counting the size
    /// of each item's type as it is read ([`XmlReader::complex_item`],
    /// [`XmlReader::simple_item`], [`XmlReader::charge_item`]). A response size limit bounds
    /// the bytes on the wire, not what they become: `<leadRecord/>` is 13 bytes, a decoded
    /// record over a hundred, so 63 MiB of them would take over half a gigabyte. `None`:
    /// a client's response size limit
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)), or
    /// [`DEFAULT_MAX_RESPONSE_BYTES`] when decoding outside a client.
    ///
    /// [`XmlReader::complex_item`]: crate::xml::XmlReader::complex_item
    /// [`XmlReader::simple_item`]: crate::xml::XmlReader::simple_item
    /// [`XmlReader::charge_item`]: crate::xml::XmlReader::charge_item
    pub max_decoded_bytes: Option<u64>,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            strict: false,
            max_depth: 64,
            max_namespaces: 64,
            max_decoded_bytes: None,
        }
    }
}

impl DecodeOptions {
    /// The decoded-size budget in effect: [`Self::max_decoded_bytes`], else the default
    /// response limit.
    pub fn decoded_bytes_budget(&self) -> u64 {
        self.max_decoded_bytes.unwrap_or(DEFAULT_MAX_RESPONSE_BYTES)
    }

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

/// Which namespace the children of a complex type are expected in (checked in strict mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// Children have no namespace (`elementFormDefault="unqualified"`, the mktows case):
    /// `<leadRecord>`.
    Unqualified,
    /// Children are in the reader's target namespace (the namespace of the document's root or
    /// of the SOAP body element): `<ns1:leadRecord>`.
    Qualified,
    /// Children are in this namespace: qualified elements of a schema whose target namespace
    /// it is, whatever the document's root.
    Namespace(&'static str),
}
