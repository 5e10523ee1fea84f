//! Namespace URIs this reader knows about.

/// XML Schema.
pub const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// XML Schema instance (`xsi:type`, `xsi:nil`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// WSDL 1.1.
pub const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
/// WSDL 1.1 SOAP 1.1 binding extension.
pub const SOAP11_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
/// WSDL 1.1 SOAP 1.2 binding extension.
pub const SOAP12_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
/// WSDL 1.1 HTTP binding extension.
pub const HTTP_NS: &str = "http://schemas.xmlsoap.org/wsdl/http/";
/// SOAP 1.1 encoding (`soapenc:Array`, …).
pub const SOAP_ENC_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";
/// The `xml:` namespace (`xml:lang`).
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Namespaces whose `xs:import` may be left unresolved (no or unreachable `schemaLocation`):
/// they are either built in or only used by constructs this reader does not expand.
pub(crate) const WELL_KNOWN_NAMESPACES: &[&str] = &[
    XS_NS,
    XSI_NS,
    WSDL_NS,
    SOAP_ENC_NS,
    XML_NS,
    SOAP11_NS,
    SOAP12_NS,
];

/// The XML Schema built-in type names (local parts in [`XS_NS`]).
pub(crate) const BUILT_IN_TYPES: &[&str] = &[
    "anyType",
    "anySimpleType",
    "string",
    "normalizedString",
    "token",
    "language",
    "Name",
    "NCName",
    "ID",
    "IDREF",
    "IDREFS",
    "ENTITY",
    "ENTITIES",
    "NMTOKEN",
    "NMTOKENS",
    "QName",
    "NOTATION",
    "anyURI",
    "base64Binary",
    "hexBinary",
    "boolean",
    "decimal",
    "integer",
    "nonPositiveInteger",
    "negativeInteger",
    "long",
    "int",
    "short",
    "byte",
    "nonNegativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
    "positiveInteger",
    "float",
    "double",
    "duration",
    "dateTime",
    "time",
    "date",
    "gYearMonth",
    "gYear",
    "gMonthDay",
    "gDay",
    "gMonth",
];

/// Whether `local` is an XML Schema built-in type name.
pub(crate) fn is_built_in_type(local: &str) -> bool {
    BUILT_IN_TYPES.contains(&local)
}
