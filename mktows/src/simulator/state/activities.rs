//! The activity log: one record per lead-visible state change, read by getLeadActivity (one
//! lead, newest first) and getLeadChanges (all leads, oldest first).
//!
//! Activity ids increase with every record, so `offset` (`ID:<id>`) is a stable resume point.
//! Types are the generated [`ActivityType`] tokens (what request filters name); responses carry
//! the display name ([`display_name`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};

use super::SimState;
use crate::generated::types::ActivityType;
use crate::simulator::fault::{ServiceFault, codes};

/// The first activity id.
const FIRST_ACTIVITY_ID: i32 = 1_000_001;

/// One logged activity.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// Activity id (`id`), increasing in log order.
    pub id: i32,
    /// The lead it belongs to (`mktPersonId`).
    pub lead_id: i32,
    /// When it happened (`activityDateTime`).
    pub created_at: DateTime<Utc>,
    /// Its type; the wire shows [`display_name`] of it.
    pub activity_type: ActivityType,
    /// `mktgAssetName`: the list, campaign, field or object involved.
    pub asset_name: String,
    /// `activityAttributes` as `(name, value)`.
    pub attributes: Vec<(String, String)>,
    /// `campaign`: the campaign that caused it, if any.
    pub campaign: Option<String>,
}

/// Which activity types a request wants (`activityFilter`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityFilter {
    /// No filter: every type.
    All,
    /// `includeTypes`: only these.
    Include(Vec<ActivityType>),
    /// `excludeTypes`: all but these.
    Exclude(Vec<ActivityType>),
}

impl ActivityFilter {
    /// Builds the filter; an unknown type token is 20107, both lists at once is 20110
    /// ("cannot specify both").
    pub fn new(
        include: Option<Vec<ActivityType>>,
        exclude: Option<Vec<ActivityType>>,
    ) -> Result<Self, ServiceFault> {
        let include = include.filter(|types| !types.is_empty());
        let exclude = exclude.filter(|types| !types.is_empty());
        for t in include.iter().chain(exclude.iter()).flatten() {
            if let ActivityType::Unknown(token) = t {
                return Err(ServiceFault::with_detail(
                    codes::ACTIVITY_KEY_BAD,
                    format!("unknown activity type {token:?}"),
                ));
            }
        }
        match (include, exclude) {
            (Some(_), Some(_)) => Err(ServiceFault::with_detail(
                codes::BAD_PARAMETER,
                "includeTypes and excludeTypes cannot both be given",
            )),
            (Some(types), None) => Ok(Self::Include(types)),
            (None, Some(types)) => Ok(Self::Exclude(types)),
            (None, None) => Ok(Self::All),
        }
    }

    fn accepts(&self, activity_type: &ActivityType) -> bool {
        match self {
            Self::All => true,
            Self::Include(types) => types.contains(activity_type),
            Self::Exclude(types) => !types.contains(activity_type),
        }
    }
}

/// The time window and resume point of a read (`startPosition`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActivityWindow {
    /// `oldestCreatedAt` (or `activityCreatedAt`): nothing older.
    pub oldest: Option<DateTime<Utc>>,
    /// `latestCreatedAt`: nothing newer.
    pub latest: Option<DateTime<Utc>>,
    /// `offset`: the id of the last activity already returned.
    pub offset: Option<i32>,
}

impl ActivityWindow {
    fn contains(&self, activity: &Activity) -> bool {
        self.oldest.is_none_or(|t| activity.created_at >= t)
            && self.latest.is_none_or(|t| activity.created_at <= t)
    }
}

/// One page of activities and how many more match.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityPage {
    /// The activities of this page.
    pub activities: Vec<Activity>,
    /// How many matching activities come after this page.
    pub remaining: usize,
}

/// The log with a per-lead index.
#[derive(Debug, Clone)]
pub(super) struct ActivityLog {
    records: BTreeMap<i32, Activity>,
    by_lead: HashMap<i32, BTreeSet<i32>>,
    next_id: i32,
}

impl Default for ActivityLog {
    fn default() -> Self {
        Self {
            records: BTreeMap::new(),
            by_lead: HashMap::new(),
            next_id: FIRST_ACTIVITY_ID,
        }
    }
}

impl ActivityLog {
    /// Stores an activity with its own id (fixtures).
    pub(super) fn insert(&mut self, activity: Activity) {
        self.next_id = self.next_id.max(activity.id.saturating_add(1));
        self.by_lead
            .entry(activity.lead_id)
            .or_default()
            .insert(activity.id);
        self.records.insert(activity.id, activity);
    }
}

/// The display name Marketo's responses use for an activity type ("New Lead" for `NewLead`).
pub fn display_name(activity_type: &ActivityType) -> String {
    let fixed = match activity_type {
        ActivityType::AddToList => "Add to List",
        ActivityType::RemoveFromList => "Remove from List",
        ActivityType::NewSfdcOpprtnty => "New SFDC Opportunity",
        ActivityType::AssocWithOpprtntyInSales => "Add to Opportunity",
        ActivityType::DissocFromOpprtntyInSales => "Remove from Opportunity",
        ActivityType::UpdateOpprtntyInSales => "Update Opportunity",
        ActivityType::SfdcActivity => "SFDC Activity",
        ActivityType::SfdcActivityUpdated => "SFDC Activity Updated",
        ActivityType::SfdcMergeLeads => "SFDC Merge Leads",
        ActivityType::AddtoSfdcCampaign => "Add to SFDC Campaign",
        ActivityType::RemoveFromSfdcCampaign => "Remove from SFDC Campaign",
        ActivityType::ChangeStatusInSfdcCampaign => "Change Status in SFDC Campaign",
        ActivityType::ChangeStatusInProgression => "Change Status in Progression",
        ActivityType::ChangeFieldInProgram => "Change Field in Program",
        ActivityType::EnrichWithDatacom => "Enrich with Data.com",
        ActivityType::RemoveFromFlow => "Remove from Flow",
        ActivityType::PushLeadToSales => "Sync Lead to SFDC",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_owned();
    }
    // Every other token is its display name without the spaces: "NewLead" → "New Lead".
    let token = activity_type.as_str();
    let mut name = String::with_capacity(token.len() + 4);
    for (i, c) in token.chars().enumerate() {
        if i > 0 && c.is_ascii_uppercase() {
            name.push(' ');
        }
        name.push(c);
    }
    name
}

impl SimState {
    /// Appends an activity for `lead_id` and returns its id.
    pub fn log_activity(
        &mut self,
        lead_id: i32,
        activity_type: ActivityType,
        asset_name: impl Into<String>,
        attributes: Vec<(String, String)>,
        campaign: Option<String>,
        now: DateTime<Utc>,
    ) -> i32 {
        let log = &mut self.activities;
        let id = log.next_id;
        log.next_id = id.saturating_add(1);
        log.records.insert(
            id,
            Activity {
                id,
                lead_id,
                created_at: now,
                activity_type,
                asset_name: asset_name.into(),
                attributes,
                campaign,
            },
        );
        log.by_lead.entry(lead_id).or_default().insert(id);
        id
    }

    /// Logs "Change Data Value" for one field of a lead.
    pub(super) fn log_field_change(
        &mut self,
        lead_id: i32,
        field: &str,
        old: String,
        new: String,
        now: DateTime<Utc>,
    ) {
        self.log_activity(
            lead_id,
            ActivityType::ChangeDataValue,
            field,
            vec![
                ("Attribute Name".to_owned(), field.to_owned()),
                ("Old Value".to_owned(), old),
                ("New Value".to_owned(), new),
                ("Reason".to_owned(), "Web service API".to_owned()),
            ],
            None,
            now,
        );
    }

    /// Moves the activities of `from` to lead `to` (mergeLeads: the winner inherits them).
    pub(super) fn move_activities(&mut self, from: i32, to: i32) {
        let log = &mut self.activities;
        let Some(ids) = log.by_lead.remove(&from) else {
            return;
        };
        for id in &ids {
            if let Some(activity) = log.records.get_mut(id) {
                activity.lead_id = to;
            }
        }
        log.by_lead.entry(to).or_default().extend(ids);
    }

    /// Every logged activity, oldest first.
    pub fn activities(&self) -> impl Iterator<Item = &Activity> {
        self.activities.records.values()
    }

    /// One page of a lead's activities, newest first, older than `window.offset`.
    pub fn lead_activity_page(
        &self,
        lead_id: i32,
        filter: &ActivityFilter,
        window: ActivityWindow,
        batch_size: usize,
    ) -> ActivityPage {
        let Some(ids) = self.activities.by_lead.get(&lead_id) else {
            return ActivityPage {
                activities: Vec::new(),
                remaining: 0,
            };
        };
        let upper = window.offset.unwrap_or(i32::MAX);
        let matching = ids
            .range(..upper)
            .rev()
            .filter_map(|id| self.activities.records.get(id))
            .filter(|a| window.contains(a) && filter.accepts(&a.activity_type));
        page_of(matching, batch_size)
    }

    /// One page of every lead's activities (only `leads` when given), oldest first, newer than
    /// `window.offset`.
    pub fn lead_changes_page(
        &self,
        leads: Option<&BTreeSet<i32>>,
        filter: &ActivityFilter,
        window: ActivityWindow,
        batch_size: usize,
    ) -> ActivityPage {
        let lower = window.offset.map_or(i32::MIN, |o| o.saturating_add(1));
        let matching = self
            .activities
            .records
            .range(lower..)
            .map(|(_, a)| a)
            .filter(|a| leads.is_none_or(|set| set.contains(&a.lead_id)))
            .filter(|a| window.contains(a) && filter.accepts(&a.activity_type));
        page_of(matching, batch_size)
    }
}

/// The first `batch_size` items and the count of the rest.
fn page_of<'a>(
    mut matching: impl Iterator<Item = &'a Activity>,
    batch_size: usize,
) -> ActivityPage {
    let activities: Vec<Activity> = matching.by_ref().take(batch_size.max(1)).cloned().collect();
    ActivityPage {
        activities,
        remaining: matching.count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_follow_marketo() {
        assert_eq!(display_name(&ActivityType::NewLead), "New Lead");
        assert_eq!(display_name(&ActivityType::VisitWebpage), "Visit Webpage");
        assert_eq!(display_name(&ActivityType::AddToList), "Add to List");
        assert_eq!(
            display_name(&ActivityType::ChangeDataValue),
            "Change Data Value"
        );
    }

    #[test]
    fn filters_reject_unknown_types_and_both_lists() {
        let unknown = ActivityFilter::new(Some(vec![ActivityType::Unknown("Nope".into())]), None);
        assert_eq!(unknown.map_err(|f| f.code), Err(codes::ACTIVITY_KEY_BAD));
        let both = ActivityFilter::new(
            Some(vec![ActivityType::NewLead]),
            Some(vec![ActivityType::AddToList]),
        );
        assert_eq!(both.map_err(|f| f.code), Err(codes::BAD_PARAMETER));
        assert_eq!(
            ActivityFilter::new(Some(vec![]), None),
            Ok(ActivityFilter::All)
        );
    }

    #[test]
    fn pages_walk_newest_first_per_lead_and_oldest_first_overall() {
        let mut state = SimState::new();
        let now = Utc::now();
        for i in 0..5 {
            state.log_activity(1, ActivityType::NewLead, format!("a{i}"), vec![], None, now);
            state.log_activity(
                2,
                ActivityType::AddToList,
                format!("b{i}"),
                vec![],
                None,
                now,
            );
        }
        let first = state.lead_activity_page(1, &ActivityFilter::All, ActivityWindow::default(), 2);
        assert_eq!(first.remaining, 3);
        let names: Vec<&str> = first
            .activities
            .iter()
            .map(|a| a.asset_name.as_str())
            .collect();
        assert_eq!(names, vec!["a4", "a3"]);
        let window = ActivityWindow {
            offset: first.activities.last().map(|a| a.id),
            ..ActivityWindow::default()
        };
        let second = state.lead_activity_page(1, &ActivityFilter::All, window, 10);
        assert_eq!(second.activities.len(), 3);
        let only_lists = ActivityFilter::Include(vec![ActivityType::AddToList]);
        let changes = state.lead_changes_page(None, &only_lists, ActivityWindow::default(), 3);
        assert_eq!(changes.remaining, 2);
        assert!(changes.activities.iter().all(|a| a.lead_id == 2));
        assert_eq!(
            changes.activities.first().map(|a| a.asset_name.as_str()),
            Some("b0")
        );
    }
}
