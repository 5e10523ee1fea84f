//! Programs, smart campaigns and the runs requested through requestCampaign / scheduleCampaign.

use chrono::{DateTime, FixedOffset, Utc};

use super::SimState;
use crate::generated::types::{ActivityType, ParamsRequestCampaign, ReqCampSourceType};
use crate::guards::{self, CampaignTarget};
use crate::limits::MAX_REQUEST_CAMPAIGN_LEADS;
use crate::simulator::fault::{ServiceFault, codes};

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
    /// The source its "Campaign is Requested" trigger listens to (`MKTOWS` = "Web Service
    /// API", `SALES` = Sales Insight).
    pub source: ReqCampSourceType,
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
            source: ReqCampSourceType::Mktows,
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

/// How a run was started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunKind {
    /// requestCampaign from this source.
    Requested(ReqCampSourceType),
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

impl SimState {
    /// Adds (or replaces) a campaign; its program is created when missing.
    pub fn add_campaign(&mut self, campaign: Campaign) {
        if self.program_named(&campaign.program_name).is_none() {
            self.add_program(&campaign.program_name);
        }
        self.campaigns.insert(campaign.id, campaign);
    }

    /// The campaign with this id.
    pub fn campaign(&self, id: i32) -> Option<&Campaign> {
        self.campaigns.get(&id)
    }

    /// The campaign `name` of program `program` (any kind).
    pub(super) fn campaign_in_program(&self, name: &str, program: &str) -> Option<&Campaign> {
        self.campaigns
            .values()
            .find(|c| c.name == name && c.program_name == program)
    }

    /// Campaigns requestable from `source` whose name matches the filter (exact, or a
    /// case-insensitive substring), ordered by name then id like Marketo's listing.
    pub fn campaigns_for_source(
        &self,
        source: &ReqCampSourceType,
        name: Option<&str>,
        exact_name: bool,
    ) -> Vec<&Campaign> {
        let mut found: Vec<&Campaign> = self
            .campaigns
            .values()
            .filter(|c| c.requestable && &c.source == source)
            .filter(|c| match name {
                None | Some("") => true,
                Some(name) if exact_name => c.name == name,
                Some(name) => c.name.to_lowercase().contains(&name.to_lowercase()),
            })
            .collect();
        found.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        found
    }

    /// Validates and records a requestCampaign call. The parameter combination follows
    /// [`guards::request_campaign_target`] (anything else is 20110). The campaign must exist
    /// and be requestable from the source (else 20113); every used lead key must match a lead
    /// (else 20103, and nothing is recorded). Keys beyond the first 100 are ignored. Each lead
    /// gets a "Request Campaign" activity.
    pub fn request_campaign(
        &mut self,
        params: &ParamsRequestCampaign,
        now: DateTime<Utc>,
    ) -> Result<&CampaignRun, ServiceFault> {
        if let ReqCampSourceType::Unknown(other) = &params.source {
            return Err(ServiceFault::with_detail(
                codes::BAD_PARAMETER,
                format!("unknown source {other:?}"),
            ));
        }
        let target = guards::request_campaign_target(params)
            .map_err(|why| ServiceFault::with_detail(codes::BAD_PARAMETER, why))?;
        let campaign = self.resolve_requested_campaign(target, &params.source)?;
        let (campaign_id, campaign_name) = (campaign.id, campaign.name.clone());
        let keys = guards::present(&params.lead_list)
            .map(|l| l.lead_key.as_slice())
            .unwrap_or_default();
        if keys.is_empty() {
            return Err(ServiceFault::with_detail(
                codes::LEAD_KEY_REQUIRED,
                "leadList is empty",
            ));
        }
        let ignored_lead_keys = keys.len().saturating_sub(MAX_REQUEST_CAMPAIGN_LEADS);
        let mut lead_ids = Vec::new();
        for key in keys.iter().take(MAX_REQUEST_CAMPAIGN_LEADS) {
            let found = self.find_leads_by(&key.key_type, &key.key_value)?;
            if found.is_empty() {
                return Err(ServiceFault::with_detail(
                    codes::LEAD_NOT_FOUND,
                    format!("no lead with {} {:?}", key.key_type.as_str(), key.key_value),
                ));
            }
            lead_ids.extend(found);
        }
        let tokens: Vec<(String, String)> = guards::present(&params.program_token_list)
            .map(|l| {
                l.attrib
                    .iter()
                    .map(|a| (a.name.clone(), a.value.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let source_name = match params.source {
            ReqCampSourceType::Sales => "Sales Insight",
            _ => "Web Service API",
        };
        for lead_id in &lead_ids {
            self.log_activity(
                *lead_id,
                ActivityType::RequestCampaign,
                campaign_name.clone(),
                vec![("Source".to_owned(), source_name.to_owned())],
                Some(campaign_name.clone()),
                now,
            );
        }
        self.runs.push(CampaignRun {
            campaign_id,
            kind: RunKind::Requested(params.source.clone()),
            lead_ids,
            ignored_lead_keys,
            tokens,
            received_at: now,
        });
        self.runs
            .last()
            .ok_or_else(|| ServiceFault::new(codes::INTERNAL_ERROR))
    }

    /// The campaign a requestCampaign call names, if it is requestable from `source`.
    fn resolve_requested_campaign(
        &self,
        target: CampaignTarget<'_>,
        source: &ReqCampSourceType,
    ) -> Result<&Campaign, ServiceFault> {
        let campaign = match target {
            CampaignTarget::ById(id) => self.campaigns.get(&id),
            CampaignTarget::ByName { campaign, program } => {
                self.campaign_in_program(campaign, program)
            }
        };
        match campaign {
            Some(c) if c.requestable && &c.source == source => Ok(c),
            _ => Err(ServiceFault::with_detail(
                codes::CAMPAIGN_NOT_FOUND,
                match target {
                    CampaignTarget::ById(id) => {
                        format!("no campaign {id} requestable from {}", source.as_str())
                    }
                    CampaignTarget::ByName { campaign, program } => format!(
                        "no campaign {campaign:?} in program {program:?} requestable from {}",
                        source.as_str()
                    ),
                },
            )),
        }
    }

    /// Records a scheduleCampaign call: the campaign `campaign_name` of program `program_name`
    /// (any campaign, batch or trigger) must exist, else 20113. The run has no leads: a batch
    /// campaign's audience is its smart list, which the simulator does not model, so no lead
    /// activity is logged.
    pub fn schedule_campaign(
        &mut self,
        program_name: &str,
        campaign_name: &str,
        run_at: Option<DateTime<FixedOffset>>,
        tokens: Vec<(String, String)>,
        now: DateTime<Utc>,
    ) -> Result<&CampaignRun, ServiceFault> {
        let campaign = self
            .campaign_in_program(campaign_name, program_name)
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

    use crate::xml::Nillable;

    fn request(keys: &[&str]) -> ParamsRequestCampaign {
        guards::request_campaign_by_id(ReqCampSourceType::Mktows, 4496, keys)
    }

    #[test]
    fn the_seed_scenario_records_one_run_with_both_leads() {
        let mut state = SimState::demo();
        let a = state.add_lead_with_email("lead@company.com");
        let b = state.add_lead_with_email("anotherlead@company.com");
        let run = state
            .request_campaign(
                &request(&["lead@company.com", "anotherlead@company.com"]),
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
        both.campaign_name = Some(Nillable::Value("Web Service Trigger".into()));
        assert_eq!(
            state
                .request_campaign(&both, Utc::now())
                .map_err(|f| f.code)
                .err(),
            Some(20110)
        );
        let mut neither = request(&["lead@company.com"]);
        neither.campaign_id = None;
        assert_eq!(
            state
                .request_campaign(&neither, Utc::now())
                .map_err(|f| f.code)
                .err(),
            Some(20110)
        );
        let mut unknown = request(&["lead@company.com"]);
        unknown.campaign_id = Some(Nillable::Value(1));
        assert_eq!(
            state
                .request_campaign(&unknown, Utc::now())
                .map_err(|f| f.code)
                .err(),
            Some(20113)
        );
        let mut sales = request(&["lead@company.com"]);
        sales.source = ReqCampSourceType::Sales;
        assert_eq!(
            state
                .request_campaign(&sales, Utc::now())
                .map_err(|f| f.code)
                .err(),
            Some(20113)
        );
        let missing_lead = request(&["lead@company.com", "nobody@company.com"]);
        assert_eq!(
            state
                .request_campaign(&missing_lead, Utc::now())
                .map_err(|f| f.code)
                .err(),
            Some(20103)
        );
        let mut by_name = request(&["lead@company.com"]);
        by_name.campaign_id = None;
        by_name.campaign_name = Some(Nillable::Value("Web Service Trigger".into()));
        by_name.program_name = Some(Nillable::Value("Demo Program".into()));
        assert!(state.request_campaign(&by_name, Utc::now()).is_ok());
        assert_eq!(state.campaign_runs().len(), 1);
    }

    #[test]
    fn keys_beyond_one_hundred_are_ignored_and_counted() {
        let mut state = SimState::demo();
        state.add_lead_with_email("lead@company.com");
        let keys = vec!["lead@company.com"; 105];
        let run = state.request_campaign(&request(&keys), Utc::now()).cloned();
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
        let all = state.campaigns_for_source(&ReqCampSourceType::Mktows, None, false);
        assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), vec![1, 4496]);
        let exact =
            state.campaigns_for_source(&ReqCampSourceType::Mktows, Some("alpha trigger"), true);
        assert!(exact.is_empty());
        let fuzzy = state.campaigns_for_source(&ReqCampSourceType::Mktows, Some("alpha"), false);
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
