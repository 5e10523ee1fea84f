//! Custom objects: types defined in the state (key fields + attribute fields), records keyed
//! by the values of the key fields.
//!
//! Type names match case-insensitively (the documented getCustomObjects request says
//! `RoadShow`, its response `Roadshow`); responses echo the defined name. A key field named
//! `MKTOID` links a record to a lead, whose activity log then gets "Add Custom Object",
//! "Update Custom Object" or "Delete Custom Object" (Marketo documented no SOAP activity type
//! for custom objects; these names are the simulator's).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use super::SimState;
use crate::generated::types::{ActivityType, SyncOperationEnum, SyncStatusEnum};
use crate::simulator::fault::{ServiceFault, codes};

/// The key field that links a custom object record to a lead id.
pub const LEAD_LINK_FIELD: &str = "MKTOID";

/// One custom object record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomObject {
    /// Insertion sequence (the paging order).
    pub seq: i32,
    /// Key values, in the type's key-field order.
    pub keys: Vec<String>,
    /// Attribute values by field name.
    pub attributes: BTreeMap<String, String>,
}

/// A custom object type and its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomObjectType {
    /// Type name (`objTypeName`).
    pub name: String,
    /// Key (dedupe) fields; together they identify a record.
    pub key_fields: Vec<String>,
    /// Other fields.
    pub fields: Vec<String>,
    records: BTreeMap<i32, CustomObject>,
    by_keys: HashMap<Vec<String>, i32>,
    next_seq: i32,
}

impl CustomObjectType {
    /// A type with no records.
    pub fn new(name: impl Into<String>, key_fields: &[&str], fields: &[&str]) -> Self {
        Self {
            name: name.into(),
            key_fields: key_fields.iter().map(|f| (*f).to_owned()).collect(),
            fields: fields.iter().map(|f| (*f).to_owned()).collect(),
            records: BTreeMap::new(),
            by_keys: HashMap::new(),
            next_seq: 1,
        }
    }

    /// Adds a record with its key values in key-field order (fixtures); `Err` when the key
    /// count is wrong or the record exists.
    pub fn insert_record(
        &mut self,
        keys: Vec<String>,
        attributes: BTreeMap<String, String>,
    ) -> Result<(), String> {
        if keys.len() != self.key_fields.len() {
            return Err(format!(
                "{}: a record needs {} key values",
                self.name,
                self.key_fields.len()
            ));
        }
        if self.by_keys.contains_key(&keys) {
            return Err(format!("{}: duplicate record {keys:?}", self.name));
        }
        let seq = self.next_seq;
        self.next_seq = seq.saturating_add(1);
        self.by_keys.insert(keys.clone(), seq);
        self.records.insert(
            seq,
            CustomObject {
                seq,
                keys,
                attributes,
            },
        );
        Ok(())
    }

    /// Records in insertion order.
    pub fn records(&self) -> impl Iterator<Item = &CustomObject> {
        self.records.values()
    }

    /// Records after sequence `after` whose keys match every `(field, value)` filter.
    pub fn records_after<'a>(
        &'a self,
        after: Option<i32>,
        filter: &'a [(String, String)],
    ) -> impl Iterator<Item = &'a CustomObject> + 'a {
        let from = after.map_or(i32::MIN, |a| a.saturating_add(1));
        self.records.range(from..).map(|(_, r)| r).filter(move |r| {
            filter.iter().all(|(field, value)| {
                self.key_fields
                    .iter()
                    .position(|f| f.eq_ignore_ascii_case(field))
                    .and_then(|i| r.keys.get(i))
                    .is_some_and(|v| v == value)
            })
        })
    }

    /// The key values in key-field order, or why the key list is incomplete or unknown.
    pub fn key_values(&self, keys: &[(String, String)]) -> Result<Vec<String>, String> {
        if let Some((name, _)) = keys
            .iter()
            .find(|(n, _)| !self.key_fields.iter().any(|f| f.eq_ignore_ascii_case(n)))
        {
            return Err(format!("{name:?} is not a key field of {}", self.name));
        }
        self.key_fields
            .iter()
            .map(|field| {
                keys.iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(field))
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| format!("key field {field:?} is missing"))
            })
            .collect()
    }
}

impl SimState {
    /// Defines (or replaces) a custom object type.
    pub fn define_custom_object_type(&mut self, object_type: CustomObjectType) {
        self.custom_objects
            .insert(object_type.name.to_ascii_lowercase(), object_type);
    }

    /// The custom object type named `name` (case-insensitive); 20110 when there is none.
    pub fn custom_object_type(&self, name: &str) -> Result<&CustomObjectType, ServiceFault> {
        self.custom_objects
            .get(&name.to_ascii_lowercase())
            .ok_or_else(|| {
                ServiceFault::with_detail(
                    codes::BAD_PARAMETER,
                    format!("no custom object type {name:?}"),
                )
            })
    }

    /// syncCustomObjects for one record: INSERT (FAILED when it exists), UPDATE (FAILED when
    /// it does not) or UPSERT. `Err` is the reason of a FAILED status.
    pub fn sync_custom_object(
        &mut self,
        type_name: &str,
        keys: &[(String, String)],
        attributes: &[(String, String)],
        operation: &SyncOperationEnum,
        now: DateTime<Utc>,
    ) -> Result<SyncStatusEnum, String> {
        let Some(object_type) = self.custom_objects.get_mut(&type_name.to_ascii_lowercase()) else {
            return Err(format!("no custom object type {type_name:?}"));
        };
        let key_values = object_type.key_values(keys)?;
        if let Some((name, _)) = attributes
            .iter()
            .find(|(n, _)| !object_type.fields.iter().any(|f| f == n))
        {
            return Err(format!("{name:?} is not a field of {}", object_type.name));
        }
        let existing = object_type.by_keys.get(&key_values).copied();
        let created = match (operation, existing) {
            (SyncOperationEnum::Insert, Some(_)) => return Err("the object exists".to_owned()),
            (SyncOperationEnum::Update, None) => return Err("no such object".to_owned()),
            (SyncOperationEnum::Unknown(other), _) => {
                return Err(format!("unknown operation {other:?}"));
            }
            (_, existing) => existing.is_none(),
        };
        let seq = match existing {
            Some(seq) => seq,
            None => {
                object_type.insert_record(key_values.clone(), BTreeMap::new())?;
                object_type.next_seq.saturating_sub(1)
            }
        };
        if let Some(record) = object_type.records.get_mut(&seq) {
            for (name, value) in attributes {
                record.attributes.insert(name.clone(), value.clone());
            }
        }
        let (name, link) = (
            object_type.name.clone(),
            lead_link(object_type, &key_values),
        );
        let token = if created {
            "AddCustomObject"
        } else {
            "UpdateCustomObject"
        };
        self.log_custom_object(link, &name, token, now);
        Ok(if created {
            SyncStatusEnum::Created
        } else {
            SyncStatusEnum::Updated
        })
    }

    /// deleteCustomObjects for one record: DELETED, or `Err` (FAILED) when it is unknown.
    pub fn delete_custom_object(
        &mut self,
        type_name: &str,
        keys: &[(String, String)],
        now: DateTime<Utc>,
    ) -> Result<SyncStatusEnum, String> {
        let Some(object_type) = self.custom_objects.get_mut(&type_name.to_ascii_lowercase()) else {
            return Err(format!("no custom object type {type_name:?}"));
        };
        let key_values = object_type.key_values(keys)?;
        let Some(seq) = object_type.by_keys.remove(&key_values) else {
            return Err("no such object".to_owned());
        };
        object_type.records.remove(&seq);
        let (name, link) = (
            object_type.name.clone(),
            lead_link(object_type, &key_values),
        );
        self.log_custom_object(link, &name, "DeleteCustomObject", now);
        Ok(SyncStatusEnum::Deleted)
    }

    fn log_custom_object(
        &mut self,
        lead: Option<i32>,
        name: &str,
        token: &str,
        now: DateTime<Utc>,
    ) {
        if let Some(lead_id) = lead.filter(|id| self.leads.contains_key(id)) {
            let activity_type = ActivityType::Unknown(token.to_owned());
            self.log_activity(lead_id, activity_type, name, Vec::new(), None, now);
        }
    }
}

/// The lead a record's `MKTOID` key names.
fn lead_link(object_type: &CustomObjectType, key_values: &[String]) -> Option<i32> {
    let index = object_type
        .key_fields
        .iter()
        .position(|f| f.eq_ignore_ascii_case(LEAD_LINK_FIELD))?;
    key_values.get(index)?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn insert_update_upsert_and_delete_follow_the_keys() {
        let mut state = SimState::new();
        state.define_custom_object_type(CustomObjectType::new(
            "Roadshow",
            &["MKTOID", "rid"],
            &["city"],
        ));
        let now = Utc::now();
        let keys = pairs(&[("MKTOID", "1"), ("rid", "a")]);
        let city = pairs(&[("city", "X")]);
        let insert = SyncOperationEnum::Insert;
        assert_eq!(
            state.sync_custom_object("RoadShow", &keys, &city, &insert, now),
            Ok(SyncStatusEnum::Created)
        );
        assert!(
            state
                .sync_custom_object("roadshow", &keys, &city, &insert, now)
                .is_err()
        );
        let update = SyncOperationEnum::Update;
        assert_eq!(
            state.sync_custom_object("Roadshow", &keys, &city, &update, now),
            Ok(SyncStatusEnum::Updated)
        );
        let other = pairs(&[("MKTOID", "1"), ("rid", "b")]);
        assert!(
            state
                .sync_custom_object("Roadshow", &other, &city, &update, now)
                .is_err()
        );
        let partial = pairs(&[("MKTOID", "1")]);
        assert!(
            state
                .sync_custom_object("Roadshow", &partial, &city, &insert, now)
                .is_err()
        );
        let bad_field = pairs(&[("country", "Y")]);
        assert!(
            state
                .sync_custom_object("Roadshow", &keys, &bad_field, &insert, now)
                .is_err()
        );
        assert_eq!(
            state.delete_custom_object("Roadshow", &keys, now),
            Ok(SyncStatusEnum::Deleted)
        );
        assert!(state.delete_custom_object("Roadshow", &keys, now).is_err());
    }
}
