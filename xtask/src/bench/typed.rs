//! Typed decode/encode through the generated bindings.
//!
//! The generated types (`mktows::generated::types`) and the codec runtime are not merged
//! into this branch yet; until they are, the typed figures are reported as missing.

use std::time::Duration;

/// Best times and sizes of the typed codec stages.
pub struct TypedTimings {
    /// Bytes of the decoded response document.
    pub decode_input_bytes: usize,
    /// Best time to decode the response into `SuccessGetMultipleLeads`.
    pub decode: Duration,
    /// How the response was decoded (API used).
    pub decode_path: &'static str,
    /// Bytes written when encoding the request.
    pub encode_request_bytes: usize,
    /// Best time to encode the request.
    pub encode_request: Duration,
    /// How the request was encoded (API used).
    pub encode_path: &'static str,
    /// Bytes written when encoding the decoded response.
    pub encode_response_bytes: usize,
    /// Best time to encode the decoded response.
    pub encode_response: Duration,
}

/// Why the typed stages cannot run in this build.
const NOT_AVAILABLE: &str = "the generated bindings are not part of this build yet";

/// Times the typed decode of `response` and the typed encode of `request` and of the decoded response.
pub fn measure(_response: &str, _request: &str, _reps: usize) -> Result<TypedTimings, String> {
    Err(NOT_AVAILABLE.to_string())
}

/// Decodes `response` once and drops the result (the memory probe's workload).
pub fn decode_once(_response: &str) -> Result<(), String> {
    Err(NOT_AVAILABLE.to_string())
}
