//! Typed decode/encode through the generated bindings (`mktows::generated::types`).
//!
//! The response is decoded the way the client does it (`envelope::read_response`, lenient
//! options); requests and responses are encoded with the envelope writers the client and
//! the simulator use. Decoded values are checked against the payload's shape and, field by
//! field, against roxmltree ([`super::oracle`]), so a decoder that skipped or mangled
//! elements could not post a good figure.

use super::timing::{BestTime, best_of};
use mktows::envelope;
use mktows::generated::types::{
    ParamsSyncMultipleLeads, SuccessGetMultipleLeads, TARGET_NAMESPACE,
};
use mktows::xml::{DecodeOptions, Nillable, XmlReader};

/// How the response is decoded, for the report.
pub const DECODE_PATH: &str = "envelope::read_response::<SuccessGetMultipleLeads>, lenient options";
/// How the request is encoded, for the report.
pub const ENCODE_PATH: &str = "envelope::write_request (no header blocks)";

/// Best times and output sizes of the typed encoders.
pub struct EncodeTimings {
    /// Bytes written when encoding the request.
    pub request_bytes: usize,
    /// Best time to encode the request.
    pub request: BestTime,
    /// Bytes written when encoding the decoded response.
    pub response_bytes: usize,
    /// Best time to encode the decoded response.
    pub response: BestTime,
}

/// Checks that the decoded response holds `expected` (lead records, attributes in total).
pub fn check_counts(
    decoded: &SuccessGetMultipleLeads,
    expected: (usize, usize),
) -> Result<(), String> {
    let found = count_leads_and_attributes(decoded);
    if found != expected {
        return Err(format!(
            "decoded (leads, attributes) = {found:?}, the payload has {expected:?}"
        ));
    }
    Ok(())
}

/// Times the typed encode of `request` (decoded first, untimed) and of the already decoded
/// response; both outputs must decode back to the values they were written from.
pub fn measure_encoding(
    decoded: &SuccessGetMultipleLeads,
    request: &str,
    reps: usize,
) -> Result<EncodeTimings, String> {
    let params = decode_request(request)?;
    let (request_time, request_xml) = best_of(reps, || encode_request(&params));
    let (response_time, response_xml) = best_of(reps, || encode_response(decoded));
    if decode_response(&response_xml)? != *decoded {
        return Err("the re-encoded response does not decode to the same value".to_string());
    }
    if envelope_body_params(&request_xml)? != params {
        return Err("the encoded request does not decode to the same value".to_string());
    }
    Ok(EncodeTimings {
        request_bytes: request_xml.len(),
        request: request_time,
        response_bytes: response_xml.len(),
        response: response_time,
    })
}

/// Decodes `response` once and drops the result (the memory probe's workload).
pub fn decode_once(response: &str) -> Result<(), String> {
    decode_response(response).map(drop)
}

/// The response envelope into the generated `SuccessGetMultipleLeads`.
pub fn decode_response(xml: &str) -> Result<SuccessGetMultipleLeads, String> {
    envelope::read_response::<SuccessGetMultipleLeads>(
        xml,
        TARGET_NAMESPACE,
        SuccessGetMultipleLeads::ELEMENT,
        DecodeOptions::default(),
    )
    .map_err(|e| format!("decoding the response: {e}"))
}

/// A standalone `paramsSyncMultipleLeads` document into the generated type.
fn decode_request(xml: &str) -> Result<ParamsSyncMultipleLeads, String> {
    XmlReader::new(xml, DecodeOptions::default())
        .root(TARGET_NAMESPACE, ParamsSyncMultipleLeads::ELEMENT)
        .map_err(|e| format!("decoding the request: {e}"))
}

/// The body of a request envelope back into the generated type.
fn envelope_body_params(xml: &str) -> Result<ParamsSyncMultipleLeads, String> {
    envelope::read_response::<ParamsSyncMultipleLeads>(
        xml,
        TARGET_NAMESPACE,
        ParamsSyncMultipleLeads::ELEMENT,
        DecodeOptions::default(),
    )
    .map_err(|e| format!("re-reading the encoded request: {e}"))
}

/// The request as the client sends it: envelope + body (header blocks are not the subject).
fn encode_request(params: &ParamsSyncMultipleLeads) -> String {
    envelope::write_request(
        TARGET_NAMESPACE,
        &[],
        ParamsSyncMultipleLeads::ELEMENT,
        params,
    )
}

/// The response as the simulator sends it.
fn encode_response(value: &SuccessGetMultipleLeads) -> String {
    envelope::write_response(TARGET_NAMESPACE, SuccessGetMultipleLeads::ELEMENT, value)
}

/// Number of lead records and of attributes over all of them.
pub fn count_leads_and_attributes(value: &SuccessGetMultipleLeads) -> (usize, usize) {
    let leads = match &value.result.lead_record_list {
        Some(Nillable::Value(list)) => list.lead_record.as_slice(),
        _ => &[],
    };
    let attributes = leads
        .iter()
        .map(|lead| match &lead.lead_attribute_list {
            Some(Nillable::Value(list)) => list.attribute.len(),
            _ => 0,
        })
        .sum();
    (leads.len(), attributes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::payload::{self, PayloadShape};

    const SHAPE: PayloadShape = PayloadShape {
        leads: 12,
        attributes: 25,
        seed: 5,
    };

    #[test]
    fn generated_response_decodes_strictly_with_every_record() {
        let xml = payload::get_multiple_leads_response(SHAPE);
        let strict = envelope::read_response::<SuccessGetMultipleLeads>(
            &xml,
            TARGET_NAMESPACE,
            SuccessGetMultipleLeads::ELEMENT,
            DecodeOptions::strict(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(count_leads_and_attributes(&strict), (12, 12 * 25));
        assert_eq!(strict.result.return_count, 12);
        let lenient = decode_response(&xml).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lenient, strict);
    }

    #[test]
    fn generated_request_decodes_strictly_and_round_trips_through_the_envelope() {
        let xml = payload::sync_multiple_leads_params(SHAPE);
        let params: ParamsSyncMultipleLeads = XmlReader::new(&xml, DecodeOptions::strict())
            .root(TARGET_NAMESPACE, ParamsSyncMultipleLeads::ELEMENT)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(params.lead_record_list.lead_record.len(), 12);
        assert_eq!(params.dedup_enabled, Some(Nillable::Value(true)));
        let encoded = encode_request(&params);
        assert_eq!(envelope_body_params(&encoded), Ok(params));
    }

    #[test]
    fn encoding_reports_the_sizes_it_wrote_and_counts_are_checked() {
        let response = payload::get_multiple_leads_response(SHAPE);
        let request = payload::sync_multiple_leads_params(SHAPE);
        let decoded = decode_response(&response).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(check_counts(&decoded, (12, 300)), Ok(()));
        let wrong = check_counts(&decoded, (13, 300)).err().unwrap_or_default();
        assert!(wrong.contains("(12, 300)"), "{wrong}");
        let timings = measure_encoding(&decoded, &request, 1).unwrap_or_else(|e| panic!("{e}"));
        assert!(timings.request_bytes > request.len() / 2);
        assert!(timings.response_bytes > response.len() / 2);
    }
}
