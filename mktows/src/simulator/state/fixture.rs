//! Fixtures: the state as a human-editable JSON file, so a team can keep test data in git.
//!
//! ```json
//! {
//!   "leads": [{ "id": 1000001, "email": "lead@company.com", "attributes": { "FirstName": "Ann" } }],
//!   "programs": [{ "id": 1001, "name": "Demo Program" }],
//!   "campaigns": [{ "id": 4496, "name": "Web Service Trigger", "program": "Demo Program" }],
//!   "lists": [{ "id": 1001, "name": "Subscribers", "program": "Demo Program", "members": [1000001] }],
//!   "channels": [{ "name": "Webinar", "statuses": [{ "status": "Attended", "step": 70, "success": true }] }],
//!   "tags": [{ "type": "Region", "values": ["EMEA"] }],
//!   "custom_object_types": [{ "name": "Roadshow", "key_fields": ["MKTOID", "rid"], "fields": ["city"],
//!                             "records": [{ "keys": ["1000001", "r1"], "attributes": { "city": "Oslo" } }] }],
//!   "mobjects": [{ "id": 1, "type": "Opportunity", "attributes": { "Name": "Big Deal" } }],
//!   "activities": [{ "id": 1000001, "lead_id": 1000001, "type": "NewLead", "created_at": "2026-01-01T00:00:00Z" }]
//! }
//! ```
//!
//! Every section and most fields may be left out (defaults: empty, `string` attributes, a
//! requestable `MKTOWS` campaign, times = load time). Unknown fields are an error, so typos
//! show. Campaign runs and list imports are call history, not fixture data, and are not
//! saved. [`SimState::save`] writes a temporary file next to the target and renames it, so a
//! crash never leaves half a file. With [`SimState::persist_to`], every call that changes the
//! state saves it (a server then loses nothing on Ctrl-C; each save writes the whole file).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::activities::Activity;
use super::custom_objects::CustomObjectType;
use super::leads::{Lead, LeadAttribute};
use super::mobjects::{MObjectType, StoredMObject};
use super::programs::{Channel, ChannelStatus, Program, ProgramCost, TagType};
use super::{Campaign, SimState, StaticList};
use crate::generated::types::{ActivityType, ForeignSysType, ReqCampSourceType};

/// Why a fixture could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum FixtureError {
    /// The file could not be read, written or renamed.
    #[error("fixture {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The text is not a valid fixture (the message names line and column).
    #[error("fixture {path}: {source}")]
    Format {
        /// The file (empty for in-memory text).
        path: PathBuf,
        /// What is wrong and where.
        source: serde_json::Error,
    },
    /// A value is out of place (e.g. an unknown MObject type or a bad time).
    #[error("fixture: {0}")]
    Invalid(String),
}

/// Where the state saves itself after each change, and how the last save went.
#[derive(Debug, Clone, Default)]
pub(super) struct Persistence {
    path: Option<PathBuf>,
    last_error: Option<String>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn yes() -> bool {
    true
}

fn mktows() -> String {
    "MKTOWS".to_owned()
}

fn is_mktows(source: &String) -> bool {
    source == "MKTOWS"
}

/// The whole file.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Fixture {
    leads: Vec<FixtureLead>,
    programs: Vec<FixtureProgram>,
    campaigns: Vec<FixtureCampaign>,
    lists: Vec<FixtureList>,
    channels: Vec<FixtureChannel>,
    tags: Vec<FixtureTag>,
    custom_object_types: Vec<FixtureCustomObjectType>,
    mobjects: Vec<FixtureMObject>,
    activities: Vec<FixtureActivity>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FixtureLead {
    id: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    foreign_sys_person_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    foreign_sys_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cookie: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<String, String>,
    /// Data types of attributes that are not `string`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attribute_types: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_at: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FixtureProgram {
    id: i32,
    name: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    program_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tree_path: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    archived: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<(String, String)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    costs: Vec<FixtureCost>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tokens: Vec<(String, String)>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FixtureCost {
    id: i32,
    month: String,
    amount: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    note: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureCampaign {
    id: i32,
    name: String,
    program: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    description: String,
    #[serde(default = "mktows", skip_serializing_if = "is_mktows")]
    source: String,
    #[serde(default = "yes")]
    requestable: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FixtureList {
    id: i32,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    program: Option<String>,
    members: Vec<i32>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FixtureChannel {
    name: String,
    statuses: Vec<FixtureStatus>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FixtureStatus {
    status: String,
    step: i32,
    success: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FixtureTag {
    #[serde(rename = "type")]
    tag_type: String,
    values: Vec<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FixtureCustomObjectType {
    name: String,
    key_fields: Vec<String>,
    fields: Vec<String>,
    records: Vec<FixtureCustomObject>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FixtureCustomObject {
    keys: Vec<String>,
    attributes: BTreeMap<String, String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FixtureMObject {
    id: i32,
    #[serde(rename = "type")]
    object_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_key: Option<(String, String)>,
    attributes: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    associations: Vec<(String, i32)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_at: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FixtureActivity {
    id: i32,
    lead_id: i32,
    /// The enum token (`NewLead`), as request filters name it.
    #[serde(rename = "type")]
    activity_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_at: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    asset: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attributes: Vec<(String, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    campaign: Option<String>,
}

/// A generated enumeration from its wire text (unknown values are kept).
fn parse_enum<T: std::str::FromStr<Err = std::convert::Infallible>>(text: &str) -> T {
    match text.parse() {
        Ok(value) => value,
        Err(never) => match never {},
    }
}

fn time(text: Option<&str>, now: DateTime<Utc>) -> Result<DateTime<Utc>, FixtureError> {
    match text {
        None => Ok(now),
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| FixtureError::Invalid(format!("time {text:?}: {e}"))),
    }
}

fn stamp(time: DateTime<Utc>) -> Option<String> {
    Some(time.to_rfc3339())
}

impl SimState {
    /// Reads a fixture file (format in the module docs).
    pub fn load(path: impl AsRef<Path>) -> Result<Self, FixtureError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| FixtureError::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::from_fixture(&text).map_err(|e| match e {
            FixtureError::Format { source, .. } => FixtureError::Format {
                path: path.to_owned(),
                source,
            },
            other => other,
        })
    }

    /// Writes the state as a fixture file, atomically (temporary file, then rename).
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), FixtureError> {
        let path = path.as_ref();
        let io = |source| FixtureError::Io {
            path: path.to_owned(),
            source,
        };
        let mut temporary = path.as_os_str().to_owned();
        temporary.push(".tmp");
        let temporary = PathBuf::from(temporary);
        std::fs::write(&temporary, self.to_fixture()).map_err(io)?;
        std::fs::rename(&temporary, path).map_err(io)
    }

    /// Saves the state to `path` after every call that changes it (see
    /// [`persist_change`](Self::persist_change)).
    pub fn persist_to(&mut self, path: impl Into<PathBuf>) {
        self.persistence.path = Some(path.into());
    }

    /// The file the state saves itself to, if any.
    pub fn persistence_path(&self) -> Option<&Path> {
        self.persistence.path.as_deref()
    }

    /// Why the last automatic save failed (None: it worked, or none was made). A failed save
    /// does not fail the call that changed the state.
    pub fn last_save_error(&self) -> Option<&str> {
        self.persistence.last_error.as_deref()
    }

    /// Saves to the [`persist_to`](Self::persist_to) file, if one is set; called by the
    /// simulator after each call that changed the state.
    pub fn persist_change(&mut self) {
        if let Some(path) = &self.persistence.path {
            self.persistence.last_error = self.save(path).err().map(|e| e.to_string());
        }
    }

    /// Parses fixture text (format in the module docs).
    pub fn from_fixture(text: &str) -> Result<Self, FixtureError> {
        let fixture: Fixture =
            serde_json::from_str(text).map_err(|source| FixtureError::Format {
                path: PathBuf::new(),
                source,
            })?;
        let now = Utc::now();
        let mut state = Self::new();
        for p in fixture.programs {
            let mut program = Program::new(p.id, p.name);
            if let Some(program_type) = p.program_type {
                program.program_type = program_type;
            }
            if let Some(tree_path) = p.tree_path {
                program.tree_path = tree_path;
            }
            program.archived = p.archived;
            program.tags = p.tags;
            program.tokens = p.tokens;
            program.costs = p
                .costs
                .into_iter()
                .map(|c| ProgramCost {
                    id: c.id,
                    month: c.month,
                    amount: c.amount,
                    note: c.note,
                })
                .collect();
            state.add_program_record(program);
        }
        for c in fixture.campaigns {
            state.add_campaign(Campaign {
                id: c.id,
                name: c.name,
                description: c.description,
                program_name: c.program,
                source: parse_enum::<ReqCampSourceType>(&c.source),
                requestable: c.requestable,
            });
        }
        for l in fixture.leads {
            let mut attributes = BTreeMap::new();
            for (name, value) in l.attributes {
                let attr_type = l
                    .attribute_types
                    .get(&name)
                    .cloned()
                    .unwrap_or_else(|| "string".to_owned());
                attributes.insert(name, LeadAttribute { value, attr_type });
            }
            state.add_lead(Lead {
                id: l.id,
                email: l.email,
                foreign_sys_person_id: l.foreign_sys_person_id,
                foreign_sys_type: l
                    .foreign_sys_type
                    .as_deref()
                    .map(parse_enum::<ForeignSysType>),
                cookie: l.cookie,
                attributes,
                updated_at: time(l.updated_at.as_deref(), now)?,
            });
        }
        for l in fixture.lists {
            state.lists.insert(
                l.id,
                StaticList {
                    id: l.id,
                    name: l.name,
                    program_name: l.program,
                    members: l.members.into_iter().collect(),
                },
            );
            state.next_list_id = state.next_list_id.max(l.id.saturating_add(1));
        }
        for c in fixture.channels {
            state.add_channel(Channel {
                name: c.name,
                statuses: c
                    .statuses
                    .into_iter()
                    .map(|s| ChannelStatus {
                        name: s.status,
                        step: s.step,
                        success: s.success,
                    })
                    .collect(),
            });
        }
        for t in fixture.tags {
            state.tag_types.push(TagType {
                name: t.tag_type,
                values: t.values,
            });
        }
        for t in fixture.custom_object_types {
            let keys: Vec<&str> = t.key_fields.iter().map(String::as_str).collect();
            let fields: Vec<&str> = t.fields.iter().map(String::as_str).collect();
            let mut object_type = CustomObjectType::new(t.name, &keys, &fields);
            for record in t.records {
                object_type
                    .insert_record(record.keys, record.attributes)
                    .map_err(FixtureError::Invalid)?;
            }
            state.define_custom_object_type(object_type);
        }
        for m in fixture.mobjects {
            let object_type = MObjectType::parse(&m.object_type)
                .filter(|t| *t != MObjectType::Program)
                .ok_or_else(|| {
                    FixtureError::Invalid(format!("mobject type {:?}", m.object_type))
                })?;
            state.mobjects.insert(StoredMObject {
                id: m.id,
                object_type,
                external_key: m.external_key,
                attributes: m.attributes,
                associations: m.associations,
                created_at: time(m.created_at.as_deref(), now)?,
                updated_at: time(m.updated_at.as_deref(), now)?,
            });
        }
        for a in fixture.activities {
            state.activities.insert(Activity {
                id: a.id,
                lead_id: a.lead_id,
                created_at: time(a.created_at.as_deref(), now)?,
                activity_type: parse_enum::<ActivityType>(&a.activity_type),
                asset_name: a.asset,
                attributes: a.attributes,
                campaign: a.campaign,
            });
        }
        Ok(state)
    }

    /// The state as pretty-printed fixture text.
    pub fn to_fixture(&self) -> String {
        let fixture = Fixture {
            leads: self
                .leads
                .values()
                .map(|l| FixtureLead {
                    id: l.id,
                    email: l.email.clone(),
                    foreign_sys_person_id: l.foreign_sys_person_id.clone(),
                    foreign_sys_type: l.foreign_sys_type.as_ref().map(|t| t.as_str().to_owned()),
                    cookie: l.cookie.clone(),
                    attributes: l
                        .attributes
                        .iter()
                        .map(|(n, a)| (n.clone(), a.value.clone()))
                        .collect(),
                    attribute_types: l
                        .attributes
                        .iter()
                        .filter(|(_, a)| a.attr_type != "string")
                        .map(|(n, a)| (n.clone(), a.attr_type.clone()))
                        .collect(),
                    updated_at: stamp(l.updated_at),
                })
                .collect(),
            programs: self
                .programs
                .values()
                .map(|p| FixtureProgram {
                    id: p.id,
                    name: p.name.clone(),
                    program_type: Some(p.program_type.clone()),
                    tree_path: Some(p.tree_path.clone()),
                    archived: p.archived,
                    tags: p.tags.clone(),
                    costs: p
                        .costs
                        .iter()
                        .map(|c| FixtureCost {
                            id: c.id,
                            month: c.month.clone(),
                            amount: c.amount.clone(),
                            note: c.note.clone(),
                        })
                        .collect(),
                    tokens: p.tokens.clone(),
                })
                .collect(),
            campaigns: self
                .campaigns
                .values()
                .map(|c| FixtureCampaign {
                    id: c.id,
                    name: c.name.clone(),
                    program: c.program_name.clone(),
                    description: c.description.clone(),
                    source: c.source.as_str().to_owned(),
                    requestable: c.requestable,
                })
                .collect(),
            lists: self
                .lists
                .values()
                .map(|l| FixtureList {
                    id: l.id,
                    name: l.name.clone(),
                    program: l.program_name.clone(),
                    members: l.members.iter().copied().collect(),
                })
                .collect(),
            channels: self
                .channels
                .iter()
                .map(|c| FixtureChannel {
                    name: c.name.clone(),
                    statuses: c
                        .statuses
                        .iter()
                        .map(|s| FixtureStatus {
                            status: s.name.clone(),
                            step: s.step,
                            success: s.success,
                        })
                        .collect(),
                })
                .collect(),
            tags: self
                .tag_types
                .iter()
                .map(|t| FixtureTag {
                    tag_type: t.name.clone(),
                    values: t.values.clone(),
                })
                .collect(),
            custom_object_types: self
                .custom_objects
                .values()
                .map(|t| FixtureCustomObjectType {
                    name: t.name.clone(),
                    key_fields: t.key_fields.clone(),
                    fields: t.fields.clone(),
                    records: t
                        .records()
                        .map(|r| FixtureCustomObject {
                            keys: r.keys.clone(),
                            attributes: r.attributes.clone(),
                        })
                        .collect(),
                })
                .collect(),
            mobjects: self
                .mobjects
                .all()
                .map(|m| FixtureMObject {
                    id: m.id,
                    object_type: m.object_type.as_str().to_owned(),
                    external_key: m.external_key.clone(),
                    attributes: m.attributes.clone(),
                    associations: m.associations.clone(),
                    created_at: stamp(m.created_at),
                    updated_at: stamp(m.updated_at),
                })
                .collect(),
            activities: self
                .activities()
                .map(|a| FixtureActivity {
                    id: a.id,
                    lead_id: a.lead_id,
                    activity_type: a.activity_type.as_str().to_owned(),
                    created_at: stamp(a.created_at),
                    asset: a.asset_name.clone(),
                    attributes: a.attributes.clone(),
                    campaign: a.campaign.clone(),
                })
                .collect(),
        };
        // Serialising plain maps, vectors and strings cannot fail.
        serde_json::to_string_pretty(&fixture).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_instance_round_trips_through_a_fixture() {
        let state = SimState::documented();
        let text = state.to_fixture();
        let loaded = SimState::from_fixture(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.to_fixture(), text);
        assert_eq!(loaded.lead_count(), state.lead_count());
        assert_eq!(loaded.activities().count(), state.activities().count());
    }

    #[test]
    fn persist_change_saves_to_the_configured_file() {
        let dir = std::env::temp_dir().join(format!("mktows-persist-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("state.json");
        let mut state = SimState::new();
        state.persist_change();
        assert!(!path.exists(), "no file configured yet");
        state.persist_to(&path);
        state.add_lead_with_email("persisted@company.com");
        state.persist_change();
        assert_eq!(state.last_save_error(), None);
        let loaded = SimState::load(&path).map(|s| s.lead_count());
        assert_eq!(loaded.ok(), Some(1));
        state.persist_to(dir.join("missing-dir/state.json"));
        state.persist_change();
        assert!(state.last_save_error().is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn typos_and_bad_values_are_reported() {
        let typo = SimState::from_fixture(r#"{ "leeds": [] }"#);
        assert!(matches!(typo, Err(FixtureError::Format { .. })));
        let bad_type =
            SimState::from_fixture(r#"{ "mobjects": [{ "id": 1, "type": "Company" }] }"#);
        assert!(matches!(bad_type, Err(FixtureError::Invalid(_))));
        let minimal = SimState::from_fixture(r#"{ "leads": [{ "id": 5, "email": "a@b.c" }] }"#);
        assert!(minimal.is_ok_and(|s| s.lead(5).is_some()));
    }

    #[test]
    fn save_replaces_the_file_atomically_and_load_reads_it_back() {
        let dir = std::env::temp_dir().join(format!("mktows-fixture-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("state.json");
        let mut state = SimState::demo();
        state.add_lead_with_email("saved@company.com");
        assert!(state.save(&path).is_ok());
        assert!(!dir.join("state.json.tmp").exists());
        let loaded = SimState::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            loaded
                .find_leads("EMAIL", "saved@company.com")
                .map(|v| v.len()),
            Ok(1)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
