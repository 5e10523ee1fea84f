//! The simulator's in-memory Marketo instance: leads, campaigns, programs, static lists and
//! the campaign runs requested so far.
//!
//! Everything here speaks Marketo's wire vocabulary (`"EMAIL"`, `"MKTOWS"`, …) as plain strings
//! and knows nothing about XML; the operation handlers translate between the generated request
//! and response types and these records. Tests reach it through
//! [`RunningSimulator::state`](super::RunningSimulator::state) to seed data and inspect results.

mod campaigns;
mod leads;
mod lists;

pub use campaigns::{Campaign, CampaignRequest, CampaignRun, CampaignSource, Program, RunKind};
pub use leads::{Lead, LeadAttribute, LeadPage, LeadSelection, LeadUpsert, UpsertOutcome};
pub use lists::{ListMembership, StaticList};

use std::collections::BTreeMap;

/// The first id handed to a lead created without an explicit id.
const FIRST_LEAD_ID: i32 = 1_000_001;
/// The first id handed to a static list created without an explicit id.
const FIRST_LIST_ID: i32 = 1001;

/// The whole simulated instance. Ordered maps keep every listing deterministic.
#[derive(Debug, Clone)]
pub struct SimState {
    leads: BTreeMap<i32, Lead>,
    next_lead_id: i32,
    campaigns: BTreeMap<i32, Campaign>,
    programs: BTreeMap<i32, Program>,
    lists: BTreeMap<i32, StaticList>,
    next_list_id: i32,
    runs: Vec<CampaignRun>,
}

impl Default for SimState {
    fn default() -> Self {
        Self::new()
    }
}

impl SimState {
    /// An empty instance: no leads, campaigns, programs or lists.
    pub fn new() -> Self {
        Self {
            leads: BTreeMap::new(),
            next_lead_id: FIRST_LEAD_ID,
            campaigns: BTreeMap::new(),
            programs: BTreeMap::new(),
            lists: BTreeMap::new(),
            next_list_id: FIRST_LIST_ID,
            runs: Vec::new(),
        }
    }

    /// The instance the standalone simulator and the main example start from: campaign 4496
    /// ("Web Service Trigger" in program "Demo Program"), requestable from source `MKTOWS`.
    pub fn demo() -> Self {
        let mut state = Self::new();
        state.add_campaign(Campaign::requestable(
            4496,
            "Web Service Trigger",
            "Demo Program",
        ));
        state
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
