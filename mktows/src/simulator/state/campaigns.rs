//! Programs, smart campaigns and the runs requested through requestCampaign / scheduleCampaign.

use chrono::{DateTime, FixedOffset, Utc};

use super::SimState;
use crate::simulator::fault::{ServiceFault, codes};

/// The most lead keys one requestCampaign call uses; Marketo ignores the rest, and so does the
/// simulator (the run records how many were ignored).
pub const MAX_CAMPAIGN_LEAD_KEYS: usize = 100;

/// Where a campaign can be requested from (`ReqCampSourceType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CampaignSource {
    /// `MKTOWS`: the "Web Service API" source of the "Campaign is Requested" trigger.
    Mktows,
    /// `SALES`: Sales Insight.
    Sales,
}

impl CampaignSource {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mktows => "MKTOWS",
            Self::Sales => "SALES",
        }
    }

    /// Parses the wire value.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "MKTOWS" => Some(Self::Mktows),
            "SALES" => Some(Self::Sales),
            _ => None,
        }
    }
}

/// A smart campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    /// Campaign id (`campaignId`).
    pub id: i32,
    /// Campaign name (`campaignName`).
    pub name: String,
    /// Description (returned by getCampaignsForSource).
    pub description: String,
    /// Name of the program holding the campaign (`programName`).
    pub program_name: String,
    /// The source its "Campaign is Requested" trigger listens to.
    pub source: CampaignSource,
    /// Whether it has a "Campaign is Requested" trigger at all (false: a batch campaign, which
    /// only scheduleCampaign can run).
    pub requestable: bool,
}

impl Campaign {
    /// A trigger campaign requestable from `MKTOWS`.
    pub fn requestable(id: i32, name: impl Into<String>, program_name: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
            description: String::new(),
            program_name: program_name.into(),
            source: CampaignSource::Mktows,
            requestable: true,
        }
    }

    /// A batch campaign (no request trigger): scheduleCampaign only.
    pub fn batch(id: i32, name: impl Into<String>, program_name: impl Into<String>) -> Self {
        Self {
            requestable: false,
            ..Self::requestable(id, name, program_name)
        }
    }
}

/// A program (campaigns belong to one by name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// Program id.
    pub id: i32,
    /// Program name.
    pub name: String,
}

/// How a run was started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunKind {
    /// requestCampaign from this source.
    Requested(CampaignSource),
    /// scheduleCampaign, now (None) or at the given time.
    Scheduled(Option<DateTime<FixedOffset>>),
}

/// One accepted requestCampaign / scheduleCampaign call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignRun {
    /// The campaign that runs.
    pub campaign_id: i32,
    /// How it was started.
    pub kind: RunKind,
    /// Leads run through it, in request order (empty for scheduled batch runs).
    pub lead_ids: Vec<i32>,
    /// Lead keys beyond the first 100, ignored like Marketo does.
    pub ignored_lead_keys: usize,
    /// `programTokenList` as `(name, value)` pairs, in request order.
    pub tokens: Vec<(String, String)>,
    /// When the simulator accepted the call.
    pub received_at: DateTime<Utc>,
}

/// A requestCampaign call in wire vocabulary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CampaignRequest {
    /// `source` (`MKTOWS` | `SALES`).
    pub source: String,
    /// `campaignId`.
    pub campaign_id: Option<i32>,
    /// `campaignName`.
    pub campaign_name: Option<String>,
    /// `programName`.
    pub program_name: Option<String>,
    /// `leadList` as `(keyType, keyValue)`.
    pub lead_keys: Vec<(String, String)>,
    /// `programTokenList` as `(name, value)`.
    pub tokens: Vec<(String, String)>,
}

impl SimState {
    /// Adds (or replaces) a campaign; its program is created when missing.
    pub fn add_campaign(&mut self, campaign: Campaign) {
        if !self
            .programs
            .values()
            .any(|p| p.name == campaign.program_name)
        {
            let id = self
                .programs
                .keys()
                .next_back()
                .map_or(1001, |id| id.saturating_add(1));
            self.programs.insert(
                id,
                Program {
                    id,
                    name: campaign.program_name.clone(),
                },
            );
        }
        self.campaigns.insert(campaign.id, campaign);
    }

    /// The campaign with this id.
    pub fn campaign(&self, id: i32) -> Option<&Campaign> {
        self.campaigns.get(&id)
    }

    /// All programs in id order.
    pub fn programs(&self) -> impl Iterator<Item = &Program> {
        self.programs.values()
    }

    /// Campaigns requestable from `source` whose name matches the filter (exact, or a
    /// case-insensitive substring), ordered by name then id like Marketo's listing.
    pub fn campaigns_for_source(
        &self,
        source: CampaignSource,
        name: Option<&str>,
        exact_name: bool,
    ) -> Vec<&Campaign> {
        let mut found: Vec<&Campaign> = self
            .campaigns
            .values()
            .filter(|c| c.requestable && c.source == source)
            .filter(|c| match name {
                None | Some("") => true,
                Some(name) if exact_name => c.name == name,
                Some(name) => c.name.to_lowercase().contains(&name.to_lowercase()),
            })
            .collect();
        found.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        found
    }

    /// Validates and records a requestCampaign call (see [`CampaignRequest`]). Either
    /// `campaignId` alone (tokens allowed) or `campaignName` + `programName`; anything else is
    /// 20110. The campaign must exist and be requestable from the source (else 20113); every
    /// used lead key must match a lead (else 20103, and nothing is recorded).
    pub fn request_campaign(
        &mut self,
        request: CampaignRequest,
        now: DateTime<Utc>,
    ) -> Result<&CampaignRun, ServiceFault> {
        let source = CampaignSource::parse(&request.source).ok_or_else(|| {
            ServiceFault::with_detail(
                codes::BAD_PARAMETER,
                format!("unknown source {:?}", request.source),
            )
        })?;
        let campaign_id = self.resolve_requested_campaign(&request, source)?;
        if request.lead_keys.is_empty() {
            return Err(ServiceFault::with_detail(
                codes::LEAD_KEY_REQUIRED,
                "leadList is empty",
            ));
        }
        let ignored_lead_keys = request
            .lead_keys
            .len()
            .saturating_sub(MAX_CAMPAIGN_LEAD_KEYS);
        let mut lead_ids = Vec::new();
        for (key_type, key_value) in request.lead_keys.iter().take(MAX_CAMPAIGN_LEAD_KEYS) {
            let found = self.find_leads(key_type, key_value)?;
            if found.is_empty() {
                return Err(ServiceFault::with_detail(
                    codes::LEAD_NOT_FOUND,
                    format!("no lead with {key_type} {key_value:?}"),
                ));
            }
            lead_ids.extend(found);
        }
        self.runs.push(CampaignRun {
            campaign_id,
            kind: RunKind::Requested(source),
            lead_ids,
            ignored_lead_keys,
            tokens: request.tokens,
            received_at: now,
        });
        self.runs
            .last()
            .ok_or_else(|| ServiceFault::new(codes::INTERNAL_ERROR))
    }

    /// The id of the campaign a requestCampaign call names.
    fn resolve_requested_campaign(
        &self,
        request: &CampaignRequest,
        source: CampaignSource,
    ) -> Result<i32, ServiceFault> {
        let bad = |why: &str| ServiceFault::with_detail(codes::BAD_PARAMETER, why);
        let campaign = match (
            request.campaign_id,
            &request.campaign_name,
            &request.program_name,
        ) {
            (Some(_), Some(_), _) => {
                return Err(bad("campaignId and campaignName are mutually exclusive"));
            }
            (Some(_), None, Some(_)) => {
                return Err(bad(
                    "programName goes with campaignName, not with campaignId",
                ));
            }
            (Some(id), None, None) => self.campaigns.get(&id),
            (None, Some(name), Some(program)) => self
                .campaigns
                .values()
                .find(|c| &c.name == name && &c.program_name == program),
            (None, _, _) => {
                return Err(bad(
                    "either campaignId or campaignName + programName is required",
                ));
            }
        };
        match campaign {
            Some(c) if c.requestable && c.source == source => Ok(c.id),
            _ => Err(ServiceFault::with_detail(
                codes::CAMPAIGN_NOT_FOUND,
                match (request.campaign_id, &request.campaign_name) {
                    (Some(id), _) => {
                        format!("no campaign {id} requestable from {}", source.as_str())
                    }
                    (None, name) => format!(
                        "no campaign {:?} in program {:?} requestable from {}",
                        name.as_deref().unwrap_or_default(),
                        request.program_name.as_deref().unwrap_or_default(),
                        source.as_str()
                    ),
                },
            )),
        }
    }

    /// Records a scheduleCampaign call: the campaign `campaign_name` of program `program_name`
    /// (any campaign, batch or trigger) must exist, else 20113.
    pub fn schedule_campaign(
        &mut self,
        program_name: &str,
        campaign_name: &str,
        run_at: Option<DateTime<FixedOffset>>,
        tokens: Vec<(String, String)>,
        now: DateTime<Utc>,
    ) -> Result<&CampaignRun, ServiceFault> {
        let campaign = self
            .campaigns
            .values()
            .find(|c| c.name == campaign_name && c.program_name == program_name)
            .ok_or_else(|| {
                ServiceFault::with_detail(
                    codes::CAMPAIGN_NOT_FOUND,
                    format!("no campaign {campaign_name:?} in program {program_name:?}"),
                )
            })?;
        self.runs.push(CampaignRun {
            campaign_id: campaign.id,
            kind: RunKind::Scheduled(run_at),
            lead_ids: Vec::new(),
            ignored_lead_keys: 0,
            tokens,
            received_at: now,
        });
        self.runs
            .last()
            .ok_or_else(|| ServiceFault::new(codes::INTERNAL_ERROR))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(keys: &[&str]) -> CampaignRequest {
        CampaignRequest {
            source: "MKTOWS".into(),
            campaign_id: Some(4496),
            lead_keys: keys
                .iter()
                .map(|k| ("EMAIL".to_owned(), (*k).to_owned()))
                .collect(),
            ..CampaignRequest::default()
        }
    }

    #[test]
    fn the_seed_scenario_records_one_run_with_both_leads() {
        let mut state = SimState::demo();
        let a = state.add_lead_with_email("lead@company.com");
        let b = state.add_lead_with_email("anotherlead@company.com");
        let run = state
            .request_campaign(
                request(&["lead@company.com", "anotherlead@company.com"]),
                Utc::now(),
            )
            .cloned();
        assert_eq!(
            run.map(|r| (r.campaign_id, r.lead_ids)),
            Ok((4496, vec![a, b]))
        );
        assert_eq!(state.campaign_runs().len(), 1);
    }

    #[test]
    fn parameter_combinations_unknown_campaigns_and_leads_fault() {
        let mut state = SimState::demo();
        state.add_lead_with_email("lead@company.com");
        let mut both = request(&["lead@company.com"]);
        both.campaign_name = Some("Web Service Trigger".into());
        assert_eq!(
            state
                .request_campaign(both, Utc::now())
                .map_err(|f| f.code)
                .err(),
            Some(20110)
        );
        let mut neither = request(&["lead@company.com"]);
        neither.campaign_id = None;
        assert_eq!(
            state
                .request_campaign(neither, Utc::now())
                .map_err(|f| f.code)
                .err(),
            Some(20110)
        );
        let mut unknown = request(&["lead@company.com"]);
        unknown.campaign_id = Some(1);
        assert_eq!(
            state
                .request_campaign(unknown, Utc::now())
                .map_err(|f| f.code)
                .err(),
            Some(20113)
        );
        let mut sales = request(&["lead@company.com"]);
        sales.source = "SALES".into();
        assert_eq!(
            state
                .request_campaign(sales, Utc::now())
                .map_err(|f| f.code)
                .err(),
            Some(20113)
        );
        let missing_lead = request(&["lead@company.com", "nobody@company.com"]);
        assert_eq!(
            state
                .request_campaign(missing_lead, Utc::now())
                .map_err(|f| f.code)
                .err(),
            Some(20103)
        );
        let mut by_name = request(&["lead@company.com"]);
        by_name.campaign_id = None;
        by_name.campaign_name = Some("Web Service Trigger".into());
        by_name.program_name = Some("Demo Program".into());
        assert!(state.request_campaign(by_name, Utc::now()).is_ok());
        assert_eq!(state.campaign_runs().len(), 1);
    }

    #[test]
    fn keys_beyond_one_hundred_are_ignored_and_counted() {
        let mut state = SimState::demo();
        state.add_lead_with_email("lead@company.com");
        let keys = vec!["lead@company.com"; 105];
        let run = state.request_campaign(request(&keys), Utc::now()).cloned();
        assert_eq!(
            run.map(|r| (r.lead_ids.len(), r.ignored_lead_keys)),
            Ok((100, 5))
        );
    }

    #[test]
    fn campaigns_for_source_filters_by_name() {
        let mut state = SimState::demo();
        state.add_campaign(Campaign::requestable(1, "Alpha Trigger", "P"));
        state.add_campaign(Campaign::batch(2, "Alpha Batch", "P"));
        let all = state.campaigns_for_source(CampaignSource::Mktows, None, false);
        assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), vec![1, 4496]);
        let exact = state.campaigns_for_source(CampaignSource::Mktows, Some("alpha trigger"), true);
        assert!(exact.is_empty());
        let fuzzy = state.campaigns_for_source(CampaignSource::Mktows, Some("alpha"), false);
        assert_eq!(fuzzy.len(), 1);
        assert!(
            state
                .schedule_campaign("P", "Alpha Batch", None, Vec::new(), Utc::now())
                .is_ok()
        );
        let missing = state.schedule_campaign("P", "Nope", None, Vec::new(), Utc::now());
        assert_eq!(missing.map_err(|f| f.code).err(), Some(20113));
    }
}
