//! Leads: lookup by lead key, upsert (syncLead / syncMultipleLeads), merge (mergeLeads) and
//! paged selection (getMultipleLeads).
//!
//! Email, ForeignSysPersonId and cookie lookups go through hash indexes kept next to the
//! records, so a sync of n leads costs O(n log n), not O(n²).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;

use chrono::{DateTime, TimeDelta, Utc};

use super::SimState;
use crate::generated::types::{ActivityType, ForeignSysType, LeadKeyRef};
use crate::limits::{MAX_SELECTOR_LEAD_KEYS, MAX_UPDATE_RANGE_DAYS};
use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::stream_position::StreamPosition;

/// One lead record.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    /// Marketo ID (`IDNUM`).
    pub id: i32,
    /// Email address (`EMAIL`; not unique in Marketo).
    pub email: Option<String>,
    /// Id of the lead in an external system (`ForeignSysPersonId`).
    pub foreign_sys_person_id: Option<String>,
    /// Type of that system (`CUSTOM`, `SFDC`, `NETSUITE`).
    pub foreign_sys_type: Option<ForeignSysType>,
    /// Munchkin cookie (`COOKIE`).
    pub cookie: Option<String>,
    /// Other fields by SOAP name (`FirstName`, `LeadScore`, …).
    pub attributes: BTreeMap<String, LeadAttribute>,
    /// Last change (selected by `LastUpdateAtSelector`).
    pub updated_at: DateTime<Utc>,
}

impl Lead {
    /// A lead with an id and an email address and nothing else.
    pub fn new(id: i32, email: impl Into<String>) -> Self {
        Self {
            id,
            email: Some(email.into()),
            foreign_sys_person_id: None,
            foreign_sys_type: None,
            cookie: None,
            attributes: BTreeMap::new(),
            updated_at: Utc::now(),
        }
    }

    /// Adds a string attribute (builder style, for seeding).
    pub fn with_attribute(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.attributes.insert(
            name.into(),
            LeadAttribute {
                value: value.into(),
                attr_type: "string".to_owned(),
            },
        );
        self
    }

    /// The value of the field an attribute-backed lead key type refers to.
    fn key_field(&self, attribute: &str) -> Option<&str> {
        self.attributes.get(attribute).map(|a| a.value.as_str())
    }
}

/// A lead field value with its Marketo data type (`string`, `integer`, `url`, `date`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadAttribute {
    /// The value as text.
    pub value: String,
    /// The Marketo data type name reported as `attrType`.
    pub attr_type: String,
}

/// What a sync call asks for: the identifying fields plus attributes to set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadUpsert {
    /// Marketo ID: must exist when given.
    pub id: Option<i32>,
    /// Email address.
    pub email: Option<String>,
    /// External system id.
    pub foreign_sys_person_id: Option<String>,
    /// External system type.
    pub foreign_sys_type: Option<ForeignSysType>,
    /// Munchkin cookie (syncLead `marketoCookie`).
    pub cookie: Option<String>,
    /// `(name, type, value)` triples; type `None` keeps the existing type or means `string`.
    pub attributes: Vec<(String, Option<String>, String)>,
}

/// Which sync operation an upsert comes from: their documented key rules differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncRules {
    /// syncLead: keys Marketo ID > ForeignSysPersonId > cookie > Email (always deduplicated);
    /// a lead found by ID or ForeignSysPersonId gets the `<Email>` of the record.
    SyncLead,
    /// syncMultipleLeads: keys Marketo ID > ForeignSysPersonId > Email (only when `dedup`);
    /// `<Email>` of a lead found by another key is *not* written unless `Email` is also in
    /// the attribute list.
    SyncMultipleLeads {
        /// `dedupEnabled` (default true): match an existing lead by email.
        dedup: bool,
    },
}

/// Whether a sync created a lead or updated an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpsertOutcome {
    /// A new lead with this id.
    Created(i32),
    /// The existing lead with this id.
    Updated(i32),
}

impl UpsertOutcome {
    /// The id of the created or updated lead.
    pub fn lead_id(self) -> i32 {
        match self {
            Self::Created(id) | Self::Updated(id) => id,
        }
    }
}

/// Which leads a `getMultipleLeads` / `getLeadChanges` call reads (the three `LeadSelector` kinds).
#[derive(Debug, Clone, PartialEq)]
pub enum LeadSelection {
    /// `LeadKeySelector`: leads matching any of the values (only the first 100 are read).
    Keys {
        /// The key type.
        key_type: LeadKeyRef,
        /// The key values.
        values: Vec<String>,
    },
    /// `StaticListSelector`: members of a static list, by name or id.
    StaticList {
        /// `staticListName` (plain or `Program.List`).
        name: Option<String>,
        /// `staticListId`.
        id: Option<i32>,
    },
    /// `LastUpdateAtSelector`: leads changed in `[oldest, latest]` (latest defaults to now).
    UpdatedBetween {
        /// `oldestUpdatedAt`.
        oldest: DateTime<Utc>,
        /// `latestUpdatedAt`.
        latest: Option<DateTime<Utc>>,
    },
    /// No selector at all: every lead.
    All,
}

impl LeadSelection {
    /// A stable text form of the selection, fingerprinted into stream positions so a position
    /// is only accepted with the selector that produced it.
    pub(crate) fn canonical(&self) -> String {
        match self {
            Self::Keys { key_type, values } => {
                format!("keys:{}:{}", key_type.as_str(), values.join("\u{1f}"))
            }
            Self::StaticList { name, id } => format!("list:{name:?}:{id:?}"),
            Self::UpdatedBetween { oldest, latest } => format!("updated:{oldest}:{latest:?}"),
            Self::All => "all".to_owned(),
        }
    }
}

/// One page of a lead selection.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadPage {
    /// The leads of this page, in id order.
    pub leads: Vec<Lead>,
    /// How many matching leads come after this page.
    pub remaining: usize,
    /// Opaque position of the next page; empty when `remaining == 0`.
    pub next_position: String,
}

/// The lead attribute holding the value of an attribute-backed lead key type.
fn key_attribute(key_type: &LeadKeyRef) -> Option<&'static str> {
    match key_type {
        LeadKeyRef::Leadowneremail => Some("LeadOwnerEmail"),
        LeadKeyRef::Sfdcaccountid => Some("SFDCAccountId"),
        LeadKeyRef::Sfdccontactid => Some("SFDCContactId"),
        LeadKeyRef::Sfdcleadid => Some("SFDCLeadId"),
        LeadKeyRef::Sfdcleadownerid => Some("SFDCLeadOwnerId"),
        LeadKeyRef::Sfdcopptyid => Some("SFDCOpptyId"),
        _ => None,
    }
}

/// Hash indexes over the unique-ish lead keys: lower-cased email, ForeignSysPersonId, cookie.
#[derive(Debug, Clone, Default)]
pub(super) struct LeadIndex {
    by_email: HashMap<String, BTreeSet<i32>>,
    by_foreign_id: HashMap<String, BTreeSet<i32>>,
    by_cookie: HashMap<String, BTreeSet<i32>>,
}

impl LeadIndex {
    /// Records the keys of `lead`.
    pub(super) fn insert(&mut self, lead: &Lead) {
        if let Some(email) = &lead.email {
            let key = email.to_ascii_lowercase();
            self.by_email.entry(key).or_default().insert(lead.id);
        }
        if let Some(fspid) = &lead.foreign_sys_person_id {
            let entry = self.by_foreign_id.entry(fspid.clone()).or_default();
            entry.insert(lead.id);
        }
        if let Some(cookie) = &lead.cookie {
            let entry = self.by_cookie.entry(cookie.clone()).or_default();
            entry.insert(lead.id);
        }
    }

    /// Forgets the keys of `lead`.
    pub(super) fn remove(&mut self, lead: &Lead) {
        fn drop_id(map: &mut HashMap<String, BTreeSet<i32>>, key: &str, id: i32) {
            if let Some(ids) = map.get_mut(key) {
                ids.remove(&id);
                if ids.is_empty() {
                    map.remove(key);
                }
            }
        }
        if let Some(email) = &lead.email {
            drop_id(&mut self.by_email, &email.to_ascii_lowercase(), lead.id);
        }
        if let Some(fspid) = &lead.foreign_sys_person_id {
            drop_id(&mut self.by_foreign_id, fspid, lead.id);
        }
        if let Some(cookie) = &lead.cookie {
            drop_id(&mut self.by_cookie, cookie, lead.id);
        }
    }

    fn ids(map: &HashMap<String, BTreeSet<i32>>, key: &str) -> Vec<i32> {
        map.get(key)
            .map(|ids| ids.iter().copied().collect())
            .unwrap_or_default()
    }
}

impl SimState {
    /// Inserts (or replaces) a lead with its own id and returns the id.
    pub fn add_lead(&mut self, lead: Lead) -> i32 {
        let id = lead.id;
        if let Some(old) = self.leads.remove(&id) {
            self.lead_index.remove(&old);
        }
        self.lead_index.insert(&lead);
        self.leads.insert(id, lead);
        id
    }

    /// The next unused lead id (ids of seeded leads are skipped).
    fn allocate_lead_id(&mut self) -> i32 {
        while self.leads.contains_key(&self.next_lead_id) {
            self.next_lead_id = self.next_lead_id.saturating_add(1);
        }
        let id = self.next_lead_id;
        self.next_lead_id = id.saturating_add(1);
        id
    }

    /// Creates a lead with the next free id and just an email address; returns the id.
    pub fn add_lead_with_email(&mut self, email: impl Into<String>) -> i32 {
        let id = self.allocate_lead_id();
        self.add_lead(Lead::new(id, email))
    }

    /// The lead with this Marketo ID.
    pub fn lead(&self, id: i32) -> Option<&Lead> {
        self.leads.get(&id)
    }

    /// All leads in id order.
    pub fn leads(&self) -> impl Iterator<Item = &Lead> {
        self.leads.values()
    }

    /// Number of leads.
    pub fn lead_count(&self) -> usize {
        self.leads.len()
    }

    /// [`find_leads_by`](Self::find_leads_by) with the key type in its wire form (`"EMAIL"`).
    pub fn find_leads(&self, key_type: &str, key_value: &str) -> Result<Vec<i32>, ServiceFault> {
        let key_type: LeadKeyRef = match key_type.parse() {
            Ok(parsed) => parsed,
            Err(never) => match never {},
        };
        self.find_leads_by(&key_type, key_value)
    }

    /// Ids of the leads matching one lead key, in id order (empty when none match).
    /// `EMAIL` and `LEADOWNEREMAIL` compare case-insensitively; an unknown key type is 20102.
    pub fn find_leads_by(
        &self,
        key_type: &LeadKeyRef,
        key_value: &str,
    ) -> Result<Vec<i32>, ServiceFault> {
        let matches: Vec<i32> = match key_type {
            LeadKeyRef::Idnum => match key_value.trim().parse::<i32>() {
                Ok(id) if self.leads.contains_key(&id) => vec![id],
                _ => Vec::new(),
            },
            LeadKeyRef::Email => {
                LeadIndex::ids(&self.lead_index.by_email, &key_value.to_ascii_lowercase())
            }
            LeadKeyRef::Cookie => LeadIndex::ids(&self.lead_index.by_cookie, key_value),
            other => {
                let Some(attribute) = key_attribute(other) else {
                    return Err(ServiceFault::with_detail(
                        codes::LEAD_KEY_BAD,
                        format!("unknown lead key type {:?}", other.as_str()),
                    ));
                };
                let case_insensitive = *other == LeadKeyRef::Leadowneremail;
                self.leads
                    .values()
                    .filter(|l| {
                        l.key_field(attribute).is_some_and(|v| {
                            if case_insensitive {
                                v.eq_ignore_ascii_case(key_value)
                            } else {
                                v == key_value
                            }
                        })
                    })
                    .map(|l| l.id)
                    .collect()
            }
        };
        Ok(matches)
    }

    /// Creates or updates one lead following the key precedence of `rules` (see
    /// [`SyncRules`]). An unknown Marketo ID is 20103; a record without any key is 20101.
    /// Creation logs "New Lead", every changed field "Change Data Value".
    pub fn upsert_lead(
        &mut self,
        upsert: LeadUpsert,
        rules: SyncRules,
        now: DateTime<Utc>,
    ) -> Result<UpsertOutcome, ServiceFault> {
        let existing = self.match_upsert(&upsert, rules)?;
        match existing {
            Some(id) => {
                let Some(mut lead) = self.leads.remove(&id) else {
                    return Err(ServiceFault::new(codes::LEAD_NOT_FOUND));
                };
                self.lead_index.remove(&lead);
                let write_email = match rules {
                    SyncRules::SyncLead => true,
                    SyncRules::SyncMultipleLeads { .. } => false,
                };
                let changes = apply_upsert(&mut lead, upsert, write_email, now);
                self.lead_index.insert(&lead);
                self.leads.insert(id, lead);
                for (field, old, new) in changes {
                    self.log_field_change(id, &field, old, new, now);
                }
                Ok(UpsertOutcome::Updated(id))
            }
            None => {
                if upsert.email.is_none()
                    && upsert.foreign_sys_person_id.is_none()
                    && upsert.cookie.is_none()
                {
                    return Err(ServiceFault::with_detail(
                        codes::LEAD_KEY_REQUIRED,
                        "the lead record has no Id, Email, ForeignSysPersonId or cookie",
                    ));
                }
                let id = self.allocate_lead_id();
                let mut lead = Lead {
                    id,
                    email: None,
                    foreign_sys_person_id: None,
                    foreign_sys_type: None,
                    cookie: None,
                    attributes: BTreeMap::new(),
                    updated_at: now,
                };
                apply_upsert(&mut lead, upsert, true, now);
                self.add_lead(lead);
                self.log_activity(
                    id,
                    ActivityType::NewLead,
                    "Web Service API",
                    vec![("Source Type".to_owned(), "Web service API".to_owned())],
                    None,
                    now,
                );
                Ok(UpsertOutcome::Created(id))
            }
        }
    }

    /// The existing lead an upsert refers to, if any.
    fn match_upsert(
        &self,
        upsert: &LeadUpsert,
        rules: SyncRules,
    ) -> Result<Option<i32>, ServiceFault> {
        if let Some(id) = upsert.id {
            return if self.leads.contains_key(&id) {
                Ok(Some(id))
            } else {
                Err(ServiceFault::with_detail(
                    codes::LEAD_NOT_FOUND,
                    format!("no lead with Id {id}"),
                ))
            };
        }
        if let Some(fspid) = upsert.foreign_sys_person_id.as_deref() {
            let found = LeadIndex::ids(&self.lead_index.by_foreign_id, fspid);
            if let Some(id) = found.last() {
                return Ok(Some(*id));
            }
        }
        let (use_cookie, dedup) = match rules {
            SyncRules::SyncLead => (true, true),
            SyncRules::SyncMultipleLeads { dedup } => (false, dedup),
        };
        if use_cookie
            && let Some(cookie) = upsert.cookie.as_deref()
            && let Some(id) = self.find_leads_by(&LeadKeyRef::Cookie, cookie)?.first()
        {
            return Ok(Some(*id));
        }
        if dedup
            && let Some(email) = upsert.email.as_deref()
            && let Some(id) = self.find_leads_by(&LeadKeyRef::Email, email)?.first()
        {
            return Ok(Some(*id));
        }
        Ok(None)
    }

    /// Removes a lead and its list memberships (its activities stay in the log).
    pub(super) fn remove_lead(&mut self, id: i32) -> Option<Lead> {
        let lead = self.leads.remove(&id)?;
        self.lead_index.remove(&lead);
        for list in self.lists.values_mut() {
            list.members.remove(&id);
        }
        Some(lead)
    }

    /// Ids of every lead a selection matches, in id order.
    pub fn select_leads(
        &self,
        selection: &LeadSelection,
        now: DateTime<Utc>,
    ) -> Result<Vec<i32>, ServiceFault> {
        self.select_leads_after(selection, None, now)
    }

    /// Ids of the leads a selection matches with an id above `after`, in id order.
    fn select_leads_after(
        &self,
        selection: &LeadSelection,
        after: Option<i32>,
        now: DateTime<Utc>,
    ) -> Result<Vec<i32>, ServiceFault> {
        let above = |id: &i32| after.is_none_or(|a| *id > a);
        let range = (
            after.map_or(Bound::Unbounded, Bound::Excluded),
            Bound::Unbounded,
        );
        match selection {
            LeadSelection::Keys { key_type, values } => {
                let mut ids = BTreeSet::new();
                for value in values.iter().take(MAX_SELECTOR_LEAD_KEYS) {
                    ids.extend(self.find_leads_by(key_type, value)?);
                }
                Ok(ids.into_iter().filter(above).collect())
            }
            LeadSelection::StaticList { name, id } => {
                let list = self.find_list(name.as_deref(), *id)?;
                Ok(list
                    .members
                    .range(range)
                    .copied()
                    .filter(|m| self.leads.contains_key(m))
                    .collect())
            }
            LeadSelection::UpdatedBetween { oldest, latest } => {
                let latest = latest.unwrap_or(now);
                if latest - *oldest > TimeDelta::days(MAX_UPDATE_RANGE_DAYS) {
                    return Err(ServiceFault::with_detail(
                        codes::TIME_RANGE_EXCEEDED,
                        "oldestUpdatedAt..latestUpdatedAt spans more than 30 days",
                    ));
                }
                Ok(self
                    .leads
                    .range(range)
                    .filter(|(_, l)| l.updated_at >= *oldest && l.updated_at <= latest)
                    .map(|(id, _)| *id)
                    .collect())
            }
            LeadSelection::All => Ok(self.leads.range(range).map(|(id, _)| *id).collect()),
        }
    }

    /// One page of a selection after `position` (None or empty: from the start). A position
    /// that does not parse or was made for another selector is 20122.
    pub fn page_leads(
        &self,
        selection: &LeadSelection,
        position: Option<&str>,
        batch_size: usize,
        now: DateTime<Utc>,
    ) -> Result<LeadPage, ServiceFault> {
        let fingerprint = StreamPosition::fingerprint(&selection.canonical());
        let start = match position.map(str::trim).filter(|p| !p.is_empty()) {
            Some(text) => Some(StreamPosition::decode(text, fingerprint)?),
            None => None,
        };
        let after = self.select_leads_after(selection, start.map(|p| p.last_id), now)?;
        let take = batch_size.max(1).min(after.len());
        let (page, rest) = after.split_at(take);
        let leads: Vec<Lead> = page
            .iter()
            .filter_map(|id| self.leads.get(id).cloned())
            .collect();
        let returned_before = start.as_ref().map_or(0, |p| p.returned);
        let next_position = match page.last() {
            Some(last) if !rest.is_empty() => StreamPosition {
                last_id: *last,
                returned: returned_before + leads.len() as u64,
                fingerprint,
                at_end: false,
            }
            .encode(),
            _ => String::new(),
        };
        Ok(LeadPage {
            leads,
            remaining: rest.len(),
            next_position,
        })
    }
}

/// A changed lead field: `(name, old value, new value)`.
type FieldChange = (String, String, String);

/// Writes the upsert's fields into the lead and returns the fields whose value changed.
/// `write_email`: whether `<Email>` of the record is written (the `Email` attribute always is).
fn apply_upsert(
    lead: &mut Lead,
    upsert: LeadUpsert,
    write_email: bool,
    now: DateTime<Utc>,
) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let mut set = |field: &str, slot: &mut Option<String>, value: String| {
        if slot.as_deref() != Some(value.as_str()) {
            changes.push((
                field.to_owned(),
                slot.clone().unwrap_or_default(),
                value.clone(),
            ));
            *slot = Some(value);
        }
    };
    if let Some(email) = upsert.email.filter(|_| write_email) {
        set("Email", &mut lead.email, email);
    }
    if let Some(fspid) = upsert.foreign_sys_person_id {
        set("ForeignSysPersonId", &mut lead.foreign_sys_person_id, fspid);
    }
    if let Some(cookie) = upsert.cookie {
        set("Cookie", &mut lead.cookie, cookie);
    }
    for (name, _, value) in &upsert.attributes {
        if name == "Email" {
            set("Email", &mut lead.email, value.clone());
        }
    }
    if let Some(fstype) = upsert.foreign_sys_type {
        lead.foreign_sys_type = Some(fstype);
    }
    for (name, attr_type, value) in upsert.attributes {
        if name == "Email" {
            continue;
        }
        let old = lead.attributes.get(&name);
        let old_value = old.map(|a| a.value.clone()).unwrap_or_default();
        let attr_type = attr_type
            .or_else(|| old.map(|a| a.attr_type.clone()))
            .unwrap_or_else(|| "string".to_owned());
        if old_value != value {
            changes.push((name.clone(), old_value, value.clone()));
        }
        lead.attributes
            .insert(name, LeadAttribute { value, attr_type });
    }
    lead.updated_at = now;
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state_with(n: i32) -> SimState {
        let mut state = SimState::new();
        for i in 0..n {
            state.add_lead_with_email(format!("lead{i}@example.com"));
        }
        state
    }

    #[test]
    fn email_lookup_is_case_insensitive_and_unknown_key_types_are_20102() {
        let state = state_with(3);
        let ids = state
            .find_leads("EMAIL", "LEAD1@example.com")
            .unwrap_or_default();
        assert_eq!(ids.len(), 1);
        assert_eq!(state.find_leads("IDNUM", "nope").map(|v| v.len()), Ok(0));
        assert_eq!(
            state.find_leads("BOGUS", "x").map_err(|f| f.code),
            Err(20102)
        );
    }

    #[test]
    fn paging_visits_every_lead_once_and_ends_with_an_empty_position() {
        let state = state_with(25);
        let now = Utc::now();
        let mut seen = Vec::new();
        let mut position = String::new();
        let mut pages = 0;
        loop {
            let page = state
                .page_leads(&LeadSelection::All, Some(&position), 10, now)
                .unwrap_or_else(|f| panic!("page failed: {f}"));
            pages += 1;
            seen.extend(page.leads.iter().map(|l| l.id));
            assert_eq!(page.remaining == 0, page.next_position.is_empty());
            if page.remaining == 0 {
                break;
            }
            position = page.next_position;
            assert!(pages < 10, "paging does not terminate");
        }
        assert_eq!(pages, 3);
        let expected: Vec<i32> = state.leads().map(|l| l.id).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_position_from_another_selector_or_garbage_is_20122() {
        let state = state_with(5);
        let now = Utc::now();
        let first = state
            .page_leads(&LeadSelection::All, None, 2, now)
            .unwrap_or_else(|f| panic!("{f}"));
        let other = LeadSelection::Keys {
            key_type: LeadKeyRef::Email,
            values: vec!["lead1@example.com".into()],
        };
        let err = state.page_leads(&other, Some(&first.next_position), 2, now);
        assert_eq!(err.map_err(|f| f.code).err(), Some(20122));
        let err = state.page_leads(&LeadSelection::All, Some("id:x"), 2, now);
        assert_eq!(err.map_err(|f| f.code).err(), Some(20122));
    }

    #[test]
    fn upsert_follows_key_precedence_and_dedup() {
        let mut state = state_with(1);
        let now = Utc::now();
        let by_email = LeadUpsert {
            email: Some("lead0@example.com".into()),
            attributes: vec![("FirstName".into(), None, "Ann".into())],
            ..LeadUpsert::default()
        };
        let multiple = SyncRules::SyncMultipleLeads { dedup: true };
        let outcome = state.upsert_lead(by_email.clone(), multiple, now);
        assert_eq!(outcome, Ok(UpsertOutcome::Updated(FIRST_LEAD_ID_FOR_TESTS)));
        let created =
            state.upsert_lead(by_email, SyncRules::SyncMultipleLeads { dedup: false }, now);
        assert!(matches!(created, Ok(UpsertOutcome::Created(_))));
        let missing = state.upsert_lead(
            LeadUpsert {
                id: Some(7),
                ..LeadUpsert::default()
            },
            multiple,
            now,
        );
        assert_eq!(missing.map_err(|f| f.code), Err(20103));
        let keyless = state.upsert_lead(LeadUpsert::default(), SyncRules::SyncLead, now);
        assert_eq!(keyless.map_err(|f| f.code), Err(20101));
        let lead = state
            .lead(FIRST_LEAD_ID_FOR_TESTS)
            .map(|l| l.attributes.get("FirstName").cloned());
        assert_eq!(lead.flatten().map(|a| a.value), Some("Ann".to_owned()));
    }

    const FIRST_LEAD_ID_FOR_TESTS: i32 = super::super::FIRST_LEAD_ID;
}
