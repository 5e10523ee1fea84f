//! The simulator's in-memory Marketo instance: leads, campaigns, programs, static lists, the
//! campaign runs requested so far, the activity log, MObjects, custom objects, channels, tags
//! and list imports.
//!
//! Records use the generated enumerations ([`crate::generated::types`]) for every documented
//! value set and know nothing about XML; the operation handlers translate between the
//! generated request and response types and these records. Tests reach it through
//! [`RunningSimulator::state`](super::RunningSimulator::state) to seed data and inspect results.

mod activities;
mod campaigns;
mod custom_objects;
mod fixture;
mod imports;
mod leads;
mod lists;
mod mobjects;
mod programs;
mod seed;

pub use activities::{Activity, ActivityFilter, ActivityPage, ActivityWindow, display_name};
pub use campaigns::{Campaign, CampaignRun, RunKind};
pub use custom_objects::{CustomObject, CustomObjectType, LEAD_LINK_FIELD};
pub use fixture::FixtureError;
pub use imports::{ImportRequest, ImportRun};
pub use leads::{
    Lead, LeadAttribute, LeadPage, LeadSelection, LeadUpsert, SyncRules, UpsertOutcome,
};
pub use lists::{ListMembership, StaticList};
pub(crate) use mobjects::meets;
pub use mobjects::{MObjectType, OPPORTUNITY_FIELDS, PERSON_ROLE_FIELDS, StoredMObject};
pub use programs::{Channel, ChannelStatus, Program, ProgramCost, TagType};

use std::collections::BTreeMap;

/// The first id handed to a lead created without an explicit id.
const FIRST_LEAD_ID: i32 = 1_000_001;
/// The first id handed to a static list created without an explicit id.
const FIRST_LIST_ID: i32 = 1001;

/// The whole simulated instance. Ordered maps keep every listing deterministic.
#[derive(Debug, Clone)]
pub struct SimState {
    leads: BTreeMap<i32, Lead>,
    lead_index: leads::LeadIndex,
    next_lead_id: i32,
    campaigns: BTreeMap<i32, Campaign>,
    programs: BTreeMap<i32, Program>,
    lists: BTreeMap<i32, StaticList>,
    next_list_id: i32,
    runs: Vec<CampaignRun>,
    activities: activities::ActivityLog,
    mobjects: mobjects::MObjectStore,
    custom_objects: BTreeMap<String, CustomObjectType>,
    channels: Vec<Channel>,
    tag_types: Vec<TagType>,
    imports: BTreeMap<(String, String), ImportRun>,
    persistence: fixture::Persistence,
}

impl Default for SimState {
    fn default() -> Self {
        Self::new()
    }
}

impl SimState {
    /// An empty instance: no leads, campaigns, programs, lists, objects, channels or tags.
    pub fn new() -> Self {
        Self {
            leads: BTreeMap::new(),
            lead_index: leads::LeadIndex::default(),
            next_lead_id: FIRST_LEAD_ID,
            campaigns: BTreeMap::new(),
            programs: BTreeMap::new(),
            lists: BTreeMap::new(),
            next_list_id: FIRST_LIST_ID,
            runs: Vec::new(),
            activities: activities::ActivityLog::default(),
            mobjects: mobjects::MObjectStore::default(),
            custom_objects: BTreeMap::new(),
            channels: Vec::new(),
            tag_types: Vec::new(),
            imports: BTreeMap::new(),
            persistence: fixture::Persistence::default(),
        }
    }

    /// Every campaign run recorded by `requestCampaign` and `scheduleCampaign`, oldest first.
    pub fn campaign_runs(&self) -> &[CampaignRun] {
        &self.runs
    }

    /// Forgets the recorded campaign runs (keeps leads, campaigns and lists).
    pub fn clear_campaign_runs(&mut self) {
        self.runs.clear();
    }
}
