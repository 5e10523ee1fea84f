//! The Rust alternative to the generated decoder: quick-xml's serde support with derived types.
//!
//! These are the types a Rust developer would write by hand for the `getMultipleLeads`
//! response after reading the WSDL: one struct per element, `#[serde(rename…)]` for the
//! wire names, `Option` for optional or nillable fields, `Vec` for repeated ones, decoded with
//! `quick_xml::de::from_str`. Nothing here is tuned for speed (no borrowed `&str` fields, no
//! skipped elements): it is the baseline for "faster than what I would write myself".
//!
//! The wire shape is the SOAP envelope the simulator and Marketo send:
//! ```xml
//! <SOAP-ENV:Envelope …><SOAP-ENV:Body><ns1:successGetMultipleLeads><result>
//!   <returnCount>…</returnCount><remainingCount>…</remainingCount>
//!   <newStreamPosition>…</newStreamPosition>
//!   <leadRecordList><leadRecord><Id>…</Id><Email>…</Email>
//!     <ForeignSysPersonId xsi:nil="true"/><ForeignSysType xsi:nil="true"/>
//!     <leadAttributeList><attribute><attrName/><attrType/><attrValue/></attribute>…
//! ```
//! quick-xml's deserializer matches local names, so the prefixes need no handling.
//!
//! [`LeadsDigest`] reduces a decoded response of either kind to its lead count and a
//! checksum over every field, so the benchmark can check that the serde decode read the same
//! data as the typed one before comparing their speed.

use mktows::generated::types::SuccessGetMultipleLeads;
use mktows::xml::Nillable;
use serde::Deserialize;

/// `<SOAP-ENV:Envelope>`.
#[derive(Debug, Deserialize)]
pub struct Envelope {
    /// `<SOAP-ENV:Body>`.
    #[serde(rename = "Body")]
    pub body: Body,
}

/// `<SOAP-ENV:Body>` of a getMultipleLeads answer.
#[derive(Debug, Deserialize)]
pub struct Body {
    /// `<ns1:successGetMultipleLeads>`.
    #[serde(rename = "successGetMultipleLeads")]
    pub success: SuccessGetMultipleLeadsDe,
}

/// `<ns1:successGetMultipleLeads>`.
#[derive(Debug, Deserialize)]
pub struct SuccessGetMultipleLeadsDe {
    /// `<result>`.
    pub result: ResultGetMultipleLeadsDe,
}

/// `<result>`: the page of leads and where the stream continues.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultGetMultipleLeadsDe {
    /// `<returnCount>`.
    pub return_count: i32,
    /// `<remainingCount>`.
    pub remaining_count: i32,
    /// `<newStreamPosition>`.
    pub new_stream_position: String,
    /// `<leadRecordList>` (optional, nillable).
    pub lead_record_list: Option<LeadRecordListDe>,
}

/// `<leadRecordList>`.
#[derive(Debug, Deserialize)]
pub struct LeadRecordListDe {
    /// The `<leadRecord>` children.
    #[serde(rename = "leadRecord", default)]
    pub lead_records: Vec<LeadRecordDe>,
}

/// `<leadRecord>`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LeadRecordDe {
    /// `<Id>`.
    pub id: Option<i32>,
    /// `<Email>`.
    pub email: Option<String>,
    /// `<ForeignSysPersonId>`.
    pub foreign_sys_person_id: Option<String>,
    /// `<ForeignSysType>`.
    pub foreign_sys_type: Option<String>,
    /// `<leadAttributeList>`.
    #[serde(rename = "leadAttributeList")]
    pub lead_attribute_list: Option<AttributeListDe>,
}

/// `<leadAttributeList>`.
#[derive(Debug, Deserialize)]
pub struct AttributeListDe {
    /// The `<attribute>` children.
    #[serde(rename = "attribute", default)]
    pub attributes: Vec<AttributeDe>,
}

/// `<attribute>`: one lead field.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeDe {
    /// `<attrName>`.
    pub attr_name: String,
    /// `<attrType>`.
    pub attr_type: Option<String>,
    /// `<attrValue>`.
    pub attr_value: String,
}

/// How the serde alternative decodes, for the report.
pub const SERDE_PATH: &str = "quick_xml::de::from_str into derived serde types (owned Strings)";

/// Decodes a getMultipleLeads response envelope with the derived types.
pub fn decode_response(xml: &str) -> Result<Envelope, String> {
    quick_xml::de::from_str(xml).map_err(|e| format!("serde decode: {e}"))
}

/// Decodes `xml` once and drops the result (the memory probe's workload).
pub fn decode_once(xml: &str) -> Result<(), String> {
    decode_response(xml).map(drop)
}

/// Lead count and a checksum over every field of a decoded response (the `<result>`
/// counters, the stream position and every lead field).
///
/// An absent field, an `xsi:nil` one and an empty one all count as "no text": the serde types
/// read `<x xsi:nil="true"/>` as `Some("")` where the generated ones say `Nil`, and both mean
/// the same to a caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadsDigest {
    /// Number of `<leadRecord>` elements decoded.
    pub leads: usize,
    /// Number of `<attribute>` elements decoded, over all leads.
    pub attributes: usize,
    /// FNV-1a over every field's text, fields separated.
    pub checksum: u64,
}

/// Folds field texts into a [`LeadsDigest`].
struct DigestBuilder {
    digest: LeadsDigest,
}

impl DigestBuilder {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new() -> Self {
        Self {
            digest: LeadsDigest {
                leads: 0,
                attributes: 0,
                checksum: Self::FNV_OFFSET,
            },
        }
    }

    fn byte(&mut self, byte: u8) {
        self.digest.checksum =
            (self.digest.checksum ^ u64::from(byte)).wrapping_mul(Self::FNV_PRIME);
    }

    /// One field's text followed by a separator no UTF-8 text contains.
    fn field(&mut self, text: Option<&str>) {
        for byte in text.unwrap_or("").bytes() {
            self.byte(byte);
        }
        self.byte(0xff);
    }

    /// The `<result>` counters and stream position.
    fn result(&mut self, return_count: i32, remaining_count: i32, stream_position: &str) {
        self.field(Some(&return_count.to_string()));
        self.field(Some(&remaining_count.to_string()));
        self.field(Some(stream_position));
    }

    fn lead(
        &mut self,
        id: Option<i32>,
        email: Option<&str>,
        person: Option<&str>,
        kind: Option<&str>,
    ) {
        self.digest.leads += 1;
        self.field(id.map(|id| id.to_string()).as_deref());
        self.field(email);
        self.field(person);
        self.field(kind);
    }

    fn attribute(&mut self, name: &str, attr_type: Option<&str>, value: &str) {
        self.digest.attributes += 1;
        self.field(Some(name));
        self.field(attr_type);
        self.field(Some(value));
    }
}

fn text<T: AsRef<str>>(field: &Option<Nillable<T>>) -> Option<&str> {
    field.as_ref().and_then(Nillable::value).map(AsRef::as_ref)
}

/// The digest of a response decoded by the generated decoder.
pub fn digest_typed(decoded: &SuccessGetMultipleLeads) -> LeadsDigest {
    let mut builder = DigestBuilder::new();
    let result = &decoded.result;
    builder.result(
        result.return_count,
        result.remaining_count,
        &result.new_stream_position,
    );
    let leads = match &decoded.result.lead_record_list {
        Some(Nillable::Value(list)) => list.lead_record.as_slice(),
        _ => &[],
    };
    for lead in leads {
        let id = lead.id.as_ref().and_then(Nillable::value).copied();
        let kind = lead
            .foreign_sys_type
            .as_ref()
            .and_then(Nillable::value)
            .map(|t| t.as_str());
        builder.lead(
            id,
            text(&lead.email),
            text(&lead.foreign_sys_person_id),
            kind,
        );
        if let Some(Nillable::Value(list)) = &lead.lead_attribute_list {
            for a in &list.attribute {
                builder.attribute(&a.attr_name, text(&a.attr_type), &a.attr_value);
            }
        }
    }
    builder.digest
}

/// The digest of a response decoded by the serde types.
pub fn digest_serde(decoded: &Envelope) -> LeadsDigest {
    let mut builder = DigestBuilder::new();
    let result = &decoded.body.success.result;
    builder.result(
        result.return_count,
        result.remaining_count,
        &result.new_stream_position,
    );
    let leads = result
        .lead_record_list
        .as_ref()
        .map_or(&[][..], |list| list.lead_records.as_slice());
    for lead in leads {
        builder.lead(
            lead.id,
            lead.email.as_deref(),
            lead.foreign_sys_person_id.as_deref(),
            lead.foreign_sys_type.as_deref(),
        );
        if let Some(list) = &lead.lead_attribute_list {
            for a in &list.attributes {
                builder.attribute(&a.attr_name, a.attr_type.as_deref(), &a.attr_value);
            }
        }
    }
    builder.digest
}

/// Checks that the serde decode read the same leads, attributes and texts as the typed one.
pub fn check_same_data(typed: &SuccessGetMultipleLeads, serde: &Envelope) -> Result<(), String> {
    let (typed, serde) = (digest_typed(typed), digest_serde(serde));
    if typed != serde {
        return Err(format!(
            "the serde decode disagrees with the typed decode: serde {serde:?}, typed {typed:?}"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::payload::{self, PayloadShape};
    use crate::bench::typed;

    const SHAPE: PayloadShape = PayloadShape {
        leads: 30,
        attributes: 25,
        seed: 17,
    };

    #[test]
    fn serde_types_read_every_lead_and_agree_with_the_typed_decoder() {
        let xml = payload::get_multiple_leads_response(SHAPE);
        let decoded = decode_response(&xml).unwrap_or_else(|e| panic!("{e}"));
        let result = &decoded.body.success.result;
        assert_eq!(result.return_count, 30);
        assert_eq!(result.remaining_count, 0);
        assert!(result.new_stream_position.starts_with("id:"));
        let digest = digest_serde(&decoded);
        assert_eq!((digest.leads, digest.attributes), (30, 30 * 25));
        let typed = typed::decode_response(&xml).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(check_same_data(&typed, &decoded), Ok(()));
        // Unescaped markup and non-ASCII text came through.
        let values: Vec<&str> = result
            .lead_record_list
            .iter()
            .flat_map(|l| &l.lead_records)
            .flat_map(|l| l.lead_attribute_list.iter().flat_map(|a| &a.attributes))
            .map(|a| a.attr_value.as_str())
            .collect();
        assert!(values.iter().any(|v| v.contains("<b>")));
        assert!(values.iter().any(|v| !v.is_ascii()));
        assert_eq!(decode_once(&xml), Ok(()));
    }

    #[test]
    fn the_digest_sees_a_changed_value_and_a_missing_lead() {
        let xml = payload::get_multiple_leads_response(SHAPE);
        let typed = typed::decode_response(&xml).unwrap_or_else(|e| panic!("{e}"));
        let changed = xml.replacen("<attrValue>", "<attrValue>x", 1);
        let serde = decode_response(&changed).unwrap_or_else(|e| panic!("{e}"));
        let error = check_same_data(&typed, &serde).err().unwrap_or_default();
        assert!(error.contains("disagrees"), "{error}");
        let fewer = payload::get_multiple_leads_response(PayloadShape { leads: 29, ..SHAPE });
        let serde = decode_response(&fewer).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(digest_serde(&serde).leads, 29);
        assert!(check_same_data(&typed, &serde).is_err());
    }

    #[test]
    fn malformed_input_is_an_error() {
        let error = decode_response("<Envelope><Body>")
            .err()
            .unwrap_or_default();
        assert!(error.starts_with("serde decode:"), "{error}");
    }
}
