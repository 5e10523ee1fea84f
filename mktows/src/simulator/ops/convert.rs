//! Conversions between the generated wire types and the simulator's records.

use std::str::FromStr;

use chrono::{DateTime, Offset, Utc};

use crate::generated::types::{
    ArrayOfAttrib, ArrayOfAttribute, Attribute, ForeignSysType, LeadRecord,
};
use crate::simulator::state::{Lead, LeadUpsert};
use crate::xml::{self, Nillable};

/// The value of an optional, nillable element: absent and nil both give None.
/// The instant of a request's `xs:dateTime`; one without a time zone is taken as UTC.
pub(super) fn instant(value: &xml::XsdDateTime) -> DateTime<Utc> {
    value.and_offset(Utc.fix()).with_timezone(&Utc)
}

pub(super) fn present<T: Clone>(value: &Option<Nillable<T>>) -> Option<T> {
    value.as_ref().and_then(|v| v.value().cloned())
}

/// Parses a generated enumeration (its `FromStr` keeps unknown values and never fails).
fn enum_value<T: FromStr<Err = std::convert::Infallible>>(text: &str) -> T {
    match text.parse() {
        Ok(value) => value,
        Err(never) => match never {},
    }
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
        foreign_sys_type: Some(Nillable::from_option(
            lead.foreign_sys_type
                .as_deref()
                .map(enum_value::<ForeignSysType>),
        )),
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
                .into_iter()
                .map(|a| (a.attr_name, present(&a.attr_type), a.attr_value))
                .collect()
        })
        .unwrap_or_default();
    LeadUpsert {
        id: present(&record.id),
        email: present(&record.email),
        foreign_sys_person_id: present(&record.foreign_sys_person_id),
        foreign_sys_type: present(&record.foreign_sys_type).map(|t| t.as_str().to_owned()),
        cookie,
        attributes,
    }
}

/// `programTokenList` as `(name, value)` pairs.
pub(super) fn tokens(list: &Option<Nillable<ArrayOfAttrib>>) -> Vec<(String, String)> {
    present(list)
        .map(|l| l.attrib.into_iter().map(|a| (a.name, a.value)).collect())
        .unwrap_or_default()
}
