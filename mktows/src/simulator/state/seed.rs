//! The instances the simulator starts from: [`SimState::demo`] (no leads) and
//! [`SimState::documented`] (everything Marketo's documented examples name, leads included).

use chrono::Utc;

use super::custom_objects::CustomObjectType;
use super::leads::Lead;
use super::mobjects::MObjectType;
use super::programs::{Channel, Program};
use super::{Campaign, SimState};
use crate::generated::types::{ActivityType, SyncOperationEnum};

/// Programs of the getMObjects / syncMObjects / importToList / scheduleCampaign examples.
const DOCUMENTED_PROGRAMS: &[(i32, &str, Option<&str>)] = &[
    (1001, "Program01", Some("Content")),
    (1002, "Coffee Promotion", Some("Content")),
    (1004, "elizprogramtest2", None),
    (1005, "elizprogramtest3", None),
    (1006, "Big Launch Webinar", Some("Webinar")),
    (1007, "Lead Scoring", None),
    (1970, "Trav-Demo-Program", Some("Tradeshow")),
];

/// Tag types of the getTags example (a subset; "Content Channel" is the one it asks for).
const DOCUMENTED_TAGS: &[(&str, &[&str])] = &[
    ("Content Channel", &["SEM", "Email", "Website"]),
    ("Regions", &["North", "South", "East", "West", "EMEA"]),
    (
        "Products",
        &[
            "Lead Management",
            "Revenue Cycle Analytics",
            "Sales Insights",
        ],
    ),
    ("Presenter", &["Dana", "John", "Krishna", "Liz", "Paul"]),
    ("Region", &["North America", "Region A", "Region B"]),
];

impl SimState {
    /// The instance tests start from: campaign 4496 ("Web Service Trigger" in program "Demo
    /// Program", requestable from `MKTOWS`), plus everything but the leads that Marketo's
    /// documented examples name: programs 1001–1007 and 1970 "Trav-Demo-Program" with the
    /// static list "Trav-Test-List" and the batch campaign "Batch Campaign Example", the
    /// channels Webinar / Blog / Tradeshow / Content, the tag types of the getTags example and
    /// the custom object type "Roadshow" (keys MKTOID, rid; fields city, state, zip).
    pub fn demo() -> Self {
        let mut state = Self::new();
        for (id, name, channel) in DOCUMENTED_PROGRAMS {
            let program = Program::new(*id, *name);
            state.add_program_record(match channel {
                Some(channel) => program.with_channel(*channel),
                None => program,
            });
        }
        state.add_campaign(Campaign::requestable(
            4496,
            "Web Service Trigger",
            "Demo Program",
        ));
        state.add_campaign(Campaign::batch(
            5001,
            "Batch Campaign Example",
            "Trav-Demo-Program",
        ));
        state.add_static_list("Trav-Test-List", Some("Trav-Demo-Program"));
        let webinar = [
            ("Invited", 10, false),
            ("Pending Approval", 20, false),
            ("Registered", 40, false),
            ("No Show", 50, false),
            ("Attended", 70, true),
            ("Attended On-demand", 75, true),
        ];
        state.add_channel(Channel::new("Webinar", &webinar));
        let blog = [("Visited", 10, false), ("Engaged", 20, true)];
        state.add_channel(Channel::new("Blog", &blog));
        let tradeshow = [
            ("Invited", 10, false),
            ("Registered", 20, false),
            ("Visited Booth", 30, true),
        ];
        state.add_channel(Channel::new("Tradeshow", &tradeshow));
        let content = [("Engaged", 10, true)];
        state.add_channel(Channel::new("Content", &content));
        for (name, values) in DOCUMENTED_TAGS {
            state.add_tag_type(*name, values);
        }
        state.define_custom_object_type(CustomObjectType::new(
            "Roadshow",
            &["MKTOID", "rid"],
            &["city", "state", "zip"],
        ));
        state
    }

    /// [`demo`](Self::demo) plus the leads and records the documented examples read: the
    /// requestCampaign leads `lead@company.com` and `anotherlead@company.com`, getLead's
    /// `rufus@marketo.com`, getMultipleLeads' `formtest1@marketo.com` (65835) and
    /// `joe@marketo.com` (67508), getLeadActivity's `leademail@company.com` with web visits
    /// and a form fill, mergeLeads' leads 2, 15 and 16, listOperation's 87710 and 1089946
    /// (a member of "Trav-Test-List"), lead 1090177 with six Roadshow records, and
    /// opportunity 4 and 7 (deleteMObjects) with a person role.
    pub fn documented() -> Self {
        let mut state = Self::demo();
        let now = Utc::now();
        let leads = [
            Lead::new(2, "winner@marketo.com").with_attribute("FirstName", "Winner"),
            Lead::new(15, "loser15@marketo.com"),
            Lead::new(16, "loser16@marketo.com"),
            Lead::new(65835, "formtest1@marketo.com").with_attribute("Company", "Marketo Test"),
            Lead::new(67508, "joe@marketo.com").with_attribute("FirstName", "Joe"),
            Lead::new(87710, "list.member@marketo.com"),
            Lead::new(1089946, "trav.member@marketo.com"),
            Lead::new(1090177, "roadshow@marketo.com"),
        ];
        for lead in leads {
            let id = state.add_lead(lead);
            state.log_activity(id, ActivityType::NewLead, "", Vec::new(), None, now);
        }
        for email in [
            "lead@company.com",
            "anotherlead@company.com",
            "rufus@marketo.com",
            "leademail@company.com",
        ] {
            let id = state.add_lead_with_email(email);
            state.log_activity(id, ActivityType::NewLead, "", Vec::new(), None, now);
        }
        if let Some(id) = state
            .find_leads("EMAIL", "leademail@company.com")
            .ok()
            .and_then(|ids| ids.first().copied())
        {
            for page in ["/ClickDemo.html", "/pricing.html"] {
                let attributes = vec![("Webpage URL".to_owned(), page.to_owned())];
                state.log_activity(
                    id,
                    ActivityType::VisitWebpage,
                    "ClickDemo",
                    attributes,
                    None,
                    now,
                );
            }
            let form = vec![("Webpage ID".to_owned(), "2547".to_owned())];
            state.log_activity(
                id,
                ActivityType::FillOutForm,
                "WebHookForm",
                form,
                None,
                now,
            );
        }
        if let Some(list) = state.list_in_program("Trav-Demo-Program", "Trav-Test-List") {
            state.set_membership(list, 1089946, true, now);
        }
        let rows = [
            ("123456", "city4", "state4", "zip4"),
            ("rid0", "city0", "state0", "zip0"),
            ("rid1", "city1", "state1", "zip1"),
            ("rid2", "city2", "state2", "zip2"),
            ("rid3", "city3", "state3", "zip3"),
            ("rid4", "city4", "state4", "zip4"),
        ];
        for (rid, city, region, zip) in rows {
            let keys = pairs(&[("MKTOID", "1090177"), ("rid", rid)]);
            let fields = pairs(&[("city", city), ("state", region), ("zip", zip)]);
            // The type was defined above, so the insert cannot fail.
            let _ = state.sync_custom_object(
                "Roadshow",
                &keys,
                &fields,
                &SyncOperationEnum::Insert,
                now,
            );
        }
        for name in [
            "Opp 1", "Opp 2", "Opp 3", "Big Deal", "Opp 5", "Opp 6", "Renewal",
        ] {
            state.add_mobject(MObjectType::Opportunity, &[("Name", name)], now);
        }
        state.add_mobject(
            MObjectType::OpportunityPersonRole,
            &[
                ("OpportunityId", "4"),
                ("PersonId", "87710"),
                ("Role", "Decision Maker"),
            ],
            now,
        );
        state
    }
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_instance_holds_what_the_examples_name() {
        let state = SimState::documented();
        assert!(
            state
                .program(1970)
                .is_some_and(|p| p.name == "Trav-Demo-Program")
        );
        assert_eq!(
            state
                .find_leads("EMAIL", "lead@company.com")
                .map(|v| v.len()),
            Ok(1)
        );
        assert!(state.lead(1089946).is_some());
        let roadshow = state
            .custom_object_type("RoadShow")
            .map(|t| t.records().count());
        assert_eq!(roadshow, Ok(6));
        assert!(state.mobject(4).is_some() && state.mobject(7).is_some());
        assert_eq!(SimState::demo().lead_count(), 0);
    }
}
