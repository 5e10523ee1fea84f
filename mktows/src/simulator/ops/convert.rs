//! Conversions between the generated wire types and the simulator's records.

use chrono::{DateTime, Offset, Utc};

use crate::generated::types::{ArrayOfAttrib, ArrayOfAttribute, Attribute, LeadRecord};
pub(super) use crate::guards::present;
use crate::simulator::state::{Lead, LeadUpsert};
use crate::xml::{self, Nillable};

/// `(attrName, attrValue)` pairs of an attribute list (absent or nil: none).
pub(super) fn attribute_pairs(list: &Option<Nillable<ArrayOfAttribute>>) -> Vec<(String, String)> {
    present(list)
        .map(|l| {
            l.attribute
                .iter()
                .map(|a| (a.attr_name.clone(), a.attr_value.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// The instant of a request's `xs:dateTime`; one without a time zone is taken as UTC.
pub(super) fn instant(value: &xml::XsdDateTime) -> DateTime<Utc> {
    value.and_offset(Utc.fix()).with_timezone(&Utc)
}

/// Attributes with a nil `attrType`, as Marketo's object responses write them.
pub(super) fn attribute_list<'a>(
    pairs: impl Iterator<Item = (&'a String, &'a String)>,
) -> ArrayOfAttribute {
    ArrayOfAttribute {
        attribute: pairs
            .map(|(name, value)| Attribute {
                attr_name: name.clone(),
                attr_type: Some(Nillable::Nil),
                attr_value: value.clone(),
            })
            .collect(),
    }
}

/// Saturating `usize` → `i32` for counts on the wire.
pub(super) fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The wire form of a lead: every identity field (nil when unset) and the non-empty
/// attributes ("lead attributes that are of string data type and are empty will not be
/// returned"), optionally only those named in `include`.
pub(super) fn lead_record(lead: &Lead, include: Option<&[String]>) -> LeadRecord {
    let attributes = lead
        .attributes
        .iter()
        .filter(|(name, _)| include.is_none_or(|names| names.iter().any(|n| n == *name)))
        .filter(|(_, a)| !(a.value.is_empty() && a.attr_type == "string"))
        .map(|(name, a)| Attribute {
            attr_name: name.clone(),
            attr_type: Some(Nillable::Value(a.attr_type.clone())),
            attr_value: a.value.clone(),
        })
        .collect();
    LeadRecord {
        id: Some(Nillable::Value(lead.id)),
        email: Some(Nillable::from_option(lead.email.clone())),
        foreign_sys_person_id: Some(Nillable::from_option(lead.foreign_sys_person_id.clone())),
        foreign_sys_type: Some(Nillable::from_option(lead.foreign_sys_type.clone())),
        lead_attribute_list: Some(Nillable::Value(ArrayOfAttribute {
            attribute: attributes,
        })),
    }
}

/// What a sync request asks for.
pub(super) fn lead_upsert(record: &LeadRecord, cookie: Option<String>) -> LeadUpsert {
    let attributes = present(&record.lead_attribute_list)
        .map(|list| {
            list.attribute
                .iter()
                .map(|a| {
                    let attr_type = present(&a.attr_type).cloned();
                    (a.attr_name.clone(), attr_type, a.attr_value.clone())
                })
                .collect()
        })
        .unwrap_or_default();
    LeadUpsert {
        id: present(&record.id).copied(),
        email: present(&record.email).cloned(),
        foreign_sys_person_id: present(&record.foreign_sys_person_id).cloned(),
        foreign_sys_type: present(&record.foreign_sys_type).cloned(),
        cookie,
        attributes,
    }
}

/// `programTokenList` as `(name, value)` pairs.
pub(super) fn tokens(list: &Option<Nillable<ArrayOfAttrib>>) -> Vec<(String, String)> {
    present(list)
        .map(|l| {
            l.attrib
                .iter()
                .map(|a| (a.name.clone(), a.value.clone()))
                .collect()
        })
        .unwrap_or_default()
}
