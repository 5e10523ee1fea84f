//! The 15 operations added to the simulator, through the generated client over HTTP, against
//! the documented instance (`SimState::documented`): documented semantics, paging of the
//! stream-position operations to the end (each item exactly once), documented limits and
//! faults, and the activity log fed by every earlier step.

mod simulator_support;

use chrono::{TimeDelta, Utc};
use mktows::MarketoError as _;
use mktows::auth::{AUTHENTICATION_HEADER, SignedHeader};
use mktows::envelope::{HeaderBlock, write_request};
use mktows::generated::types::{
    ActivityType, ActivityTypeFilter, ArrayOfActivityType, ArrayOfAttrib, ArrayOfAttribute,
    ArrayOfCustomObj, ArrayOfKeyList, ArrayOfLeadKey, ArrayOfLeadRecord, ArrayOfMObjCriteria,
    ArrayOfMObject, ArrayOfString, ArrayOfTag, ArrayOfTypeAttrib, Attrib, Attribute,
    ComparisonEnum, CustomObj, ImportToListModeEnum, ImportToListStatusEnum, LeadKey, LeadKeyRef,
    LeadKeySelector, LeadMergeStatusEnum, LeadRecord, LeadSelector, ListKey, ListKeyType,
    ListOperationType, MObjCriteria, MObjStatusEnum, MObject, ParamsDeleteCustomObjects,
    ParamsDeleteMObjects, ParamsDescribeMObject, ParamsGetChannels, ParamsGetCustomObjects,
    ParamsGetImportToListStatus, ParamsGetLead, ParamsGetLeadActivity, ParamsGetLeadChanges,
    ParamsGetMObjects, ParamsGetMultipleLeads, ParamsGetTags, ParamsImportToList,
    ParamsListMObjects, ParamsListOperation, ParamsMergeLeads, ParamsSyncCustomObjects,
    ParamsSyncLead, ParamsSyncMObjects, ParamsSyncMultipleLeads, StaticListSelector,
    StreamPosition, SyncOperationEnum, SyncStatusEnum, TARGET_NAMESPACE, Tag, TypeAttrib,
};
use mktows::simulator::{RunningSimulator, SimState, Simulator};
use mktows::xml::Nillable;
use mktows::{Client, ErrorKind, FaultCode};
use simulator_support::{client, request_campaign_params};

/// A simulator serving the documented instance.
async fn documented() -> RunningSimulator {
    Simulator::builder()
        .state(SimState::documented())
        .start()
        .await
        .unwrap_or_else(|e| panic!("simulator did not start: {e}"))
}

fn fault<T: std::fmt::Debug>(result: Result<T, mktows::Error>) -> Option<FaultCode> {
    result.err().and_then(|e| e.fault_code())
}

fn attribute(name: &str, value: &str) -> Attribute {
    Attribute::new(name.to_owned(), value.to_owned())
}

fn attributes(pairs: &[(&str, &str)]) -> ArrayOfAttribute {
    ArrayOfAttribute::new().with_attribute(pairs.iter().map(|(n, v)| attribute(n, v)).collect())
}

fn key(key_type: LeadKeyRef, value: impl Into<String>) -> LeadKey {
    LeadKey::new(key_type, value.into())
}

/// Posts a signed request body without the client (past its guards).
async fn post_raw(
    sim: &RunningSimulator,
    element: &str,
    body: &dyn mktows::xml::XmlEncode,
) -> (u16, String) {
    let signed = SignedHeader::new(&sim.secret_key(), sim.user_id(), &Utc::now().fixed_offset());
    let header = HeaderBlock {
        namespace: mktows::types::TARGET_NAMESPACE,
        local: AUTHENTICATION_HEADER,
        value: &signed,
    };
    let xml = write_request(TARGET_NAMESPACE, &[header], element, body);
    let response = reqwest::Client::new()
        .post(sim.endpoint())
        .body(xml)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// Activity display names of one lead, newest first, read page by page (batch 2).
async fn activity_names(client: &Client, lead: LeadKey) -> Vec<String> {
    let params = ParamsGetLeadActivity::new(lead).with_batch_size(2);
    let mut pages = client.pages(params);
    let mut names = Vec::new();
    while let Some(page) = pages.next_page().await {
        let list = page.unwrap_or_else(|e| panic!("{e}")).lead_activity_list;
        let records = list
            .activity_record_list
            .and_then(Nillable::into_option)
            .unwrap_or_default()
            .activity_record;
        assert_eq!(list.return_count as usize, records.len());
        names.extend(records.into_iter().map(|r| r.activity_type));
    }
    names
}

fn sync_one(email: &str, first_name: &str) -> ParamsSyncLead {
    ParamsSyncLead::new(
        LeadRecord::new()
            .with_email(email.to_owned())
            .with_lead_attribute_list(attributes(&[("FirstName", first_name)])),
        false,
    )
}

#[tokio::test]
async fn every_state_change_shows_up_in_get_lead_activity_newest_first() {
    let sim = documented().await;
    let client = client(&sim);
    let created = client.sync_lead(&sync_one("flow@company.com", "Ann")).await;
    let lead_id = created.unwrap_or_else(|e| panic!("{e}")).result.lead_id;
    let updated = client
        .sync_lead(&sync_one("flow@company.com", "Anne"))
        .await;
    assert!(updated.is_ok(), "{updated:?}");
    let add = ParamsListOperation::new(
        ListOperationType::Addtolist,
        ListKey::new(
            ListKeyType::Mktolistname,
            "Trav-Demo-Program.Trav-Test-List".to_owned(),
        ),
        ArrayOfLeadKey::new().with_lead_key(vec![key(LeadKeyRef::Idnum, lead_id.to_string())]),
    );
    let added = client.list_operation(&add).await;
    assert!(added.is_ok_and(|r| r.result.success));
    let requested = client
        .request_campaign(&request_campaign_params(4496, &["flow@company.com"]))
        .await;
    assert!(requested.is_ok(), "{requested:?}");
    let names = activity_names(&client, key(LeadKeyRef::Idnum, lead_id.to_string())).await;
    assert_eq!(
        names,
        vec![
            "Request Campaign",
            "Add to List",
            "Change Data Value",
            "New Lead"
        ]
    );

    // includeTypes / excludeTypes take the enum tokens; both at once is 20110.
    let filtered = |include: Option<Vec<ActivityType>>, exclude: Option<Vec<ActivityType>>| {
        ParamsGetLeadActivity::new(key(LeadKeyRef::Email, "flow@company.com")).with_activity_filter(
            {
                let mut value = ActivityTypeFilter::new();
                value.include_types =
                    include.map(|t| ArrayOfActivityType::new().with_activity_type(t));
                value.exclude_types =
                    exclude.map(|t| ArrayOfActivityType::new().with_activity_type(t));
                value
            },
        )
    };
    let only_new = client
        .get_lead_activity(&filtered(Some(vec![ActivityType::NewLead]), None))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .lead_activity_list;
    let records = only_new
        .activity_record_list
        .and_then(Nillable::into_option)
        .unwrap_or_default()
        .activity_record;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].activity_type, "New Lead");
    assert_eq!(records[0].mkt_person_id, lead_id.to_string());
    let without_changes = client
        .get_lead_activity(&filtered(None, Some(vec![ActivityType::ChangeDataValue])))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .lead_activity_list;
    assert_eq!(without_changes.return_count, 3);
    let both = client
        .get_lead_activity(&filtered(
            Some(vec![ActivityType::NewLead]),
            Some(vec![ActivityType::AddToList]),
        ))
        .await;
    assert_eq!(fault(both), Some(FaultCode::BadParameter));
    let unknown_lead = client
        .get_lead_activity(&ParamsGetLeadActivity::new(key(
            LeadKeyRef::Email,
            "nobody@company.com",
        )))
        .await;
    assert_eq!(fault(unknown_lead), Some(FaultCode::LeadNotFound));
}

#[tokio::test]
async fn get_lead_changes_pages_every_activity_once_in_order() {
    let sim = documented().await;
    let client = client(&sim);
    let start = Utc::now() - TimeDelta::minutes(5);
    for i in 0..7 {
        let sent = client
            .sync_lead(&sync_one(&format!("change{i}@company.com"), "X"))
            .await;
        assert!(sent.is_ok(), "{sent:?}");
    }
    let expected: Vec<i32> = sim
        .state()
        .activities()
        .filter(|a| a.created_at >= start)
        .map(|a| a.id)
        .collect();
    assert!(expected.len() >= 7);
    let params = ParamsGetLeadChanges::new(
        StreamPosition::new().with_oldest_created_at(start.fixed_offset().into()),
    )
    .with_batch_size(3);
    let mut pages = client.pages(params.clone());
    let mut seen = Vec::new();
    let mut last_remaining = None;
    while let Some(page) = pages.next_page().await {
        let result = page.unwrap_or_else(|e| panic!("{e}")).result;
        let records = result
            .lead_change_record_list
            .and_then(Nillable::into_option)
            .unwrap_or_default()
            .lead_change_record;
        seen.extend(records.iter().map(|r| r.id));
        last_remaining = Some(result.remaining_count);
    }
    assert_eq!(seen, expected, "each activity exactly once, oldest first");
    assert_eq!(last_remaining, Some(0));

    // Filters and leadSelector narrow the changes.
    let only_new_of_one = {
        let mut value = params
            .clone()
            .with_activity_filter(ActivityTypeFilter::new().with_include_types(
                ArrayOfActivityType::new().with_activity_type(vec![ActivityType::NewLead]),
            ))
            .with_lead_selector(LeadSelector::LeadKeySelector(LeadKeySelector::new(
                LeadKeyRef::Email,
                ArrayOfString::new().with_string_item(vec!["change3@company.com".to_owned()]),
            )));
        value.batch_size = None;
        value
    };
    let result = client
        .get_lead_changes(&only_new_of_one)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result;
    let records = result
        .lead_change_record_list
        .and_then(Nillable::into_option)
        .unwrap_or_default()
        .lead_change_record;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].activity_type, "New Lead");

    // More than 100 selector keys, an empty start position and a made-up offset fault.
    let too_many = params
        .clone()
        .with_lead_selector(LeadSelector::LeadKeySelector(LeadKeySelector::new(
            LeadKeyRef::Email,
            ArrayOfString::new()
                .with_string_item((0..101).map(|i| format!("k{i}@x.com")).collect()),
        )));
    let guarded = client.get_lead_changes(&too_many).await;
    assert!(matches!(
        guarded.as_ref().err().map(|e| e.kind()),
        Some(ErrorKind::InvalidRequest { .. })
    ));
    let (status, body) = post_raw(&sim, "paramsGetLeadChanges", &too_many).await;
    assert_eq!(status, 500);
    assert!(body.contains("<code>20110</code>"), "{body}");
    let empty = {
        let mut value = params.clone();
        value.start_position = StreamPosition::default();
        value
    };
    assert_eq!(
        fault(client.get_lead_changes(&empty).await),
        Some(FaultCode::ParameterRequired)
    );
    let garbage = {
        let mut value = params;
        value.start_position = StreamPosition::new().with_offset("ID:abc".to_owned());
        value
    };
    assert_eq!(
        fault(client.get_lead_changes(&garbage).await),
        Some(FaultCode::BadStreamPosition)
    );
}

#[tokio::test]
async fn sync_multiple_leads_keeps_email_unless_it_is_in_the_attribute_list() {
    let sim = documented().await;
    let client = client(&sim);
    let id = sim.state().add_lead_with_email("keep@company.com");
    let record = |attrs: &[(&str, &str)]| {
        LeadRecord::new()
            .with_id(id)
            .with_email("changed@company.com".to_owned())
            .with_lead_attribute_list(attributes(attrs))
    };
    let batch = |records: Vec<LeadRecord>| {
        ParamsSyncMultipleLeads::new(ArrayOfLeadRecord::new().with_lead_record(records))
    };
    let sent = client
        .sync_multiple_leads(&batch(vec![record(&[("FirstName", "Kim")])]))
        .await;
    assert!(sent.is_ok(), "{sent:?}");
    let email = |sim: &RunningSimulator| sim.state().lead(id).and_then(|l| l.email.clone());
    assert_eq!(email(&sim).as_deref(), Some("keep@company.com"));
    let sent = client
        .sync_multiple_leads(&batch(vec![record(&[("Email", "listed@company.com")])]))
        .await;
    assert!(sent.is_ok(), "{sent:?}");
    assert_eq!(email(&sim).as_deref(), Some("listed@company.com"));

    // syncLead: a lead found by ForeignSysPersonId gets the record's Email.
    let fsp = client
        .sync_lead(&ParamsSyncLead::new(
            LeadRecord::new()
                .with_email("first@company.com".to_owned())
                .with_foreign_sys_person_id("EXT-1".to_owned()),
            false,
        ))
        .await;
    let fsp_id = fsp.unwrap_or_else(|e| panic!("{e}")).result.lead_id;
    let again = client
        .sync_lead(&ParamsSyncLead::new(
            LeadRecord::new()
                .with_email("second@company.com".to_owned())
                .with_foreign_sys_person_id("EXT-1".to_owned()),
            false,
        ))
        .await;
    assert_eq!(again.map(|r| r.result.lead_id).ok(), Some(fsp_id));
    let now_email = sim.state().lead(fsp_id).and_then(|l| l.email.clone());
    assert_eq!(now_email.as_deref(), Some("second@company.com"));
}

#[tokio::test]
async fn batches_above_the_documented_maximum_are_refused() {
    let sim = documented().await;
    let records: Vec<LeadRecord> = (0..301)
        .map(|i| LeadRecord::new().with_email(format!("big{i}@company.com")))
        .collect();
    let params = ParamsSyncMultipleLeads::new(ArrayOfLeadRecord::new().with_lead_record(records));
    let guarded = client(&sim).sync_multiple_leads(&params).await;
    assert!(matches!(
        guarded.as_ref().err().map(|e| e.kind()),
        Some(ErrorKind::InvalidRequest { .. })
    ));
    let (status, body) = post_raw(&sim, "paramsSyncMultipleLeads", &params).await;
    assert_eq!(status, 500);
    assert!(body.contains("<code>20110</code>"), "{body}");
    assert_eq!(
        sim.state()
            .find_leads("EMAIL", "big0@company.com")
            .map(|v| v.len()),
        Ok(0)
    );
}

#[tokio::test]
async fn merge_leads_keeps_the_winner_and_removes_the_losers() {
    let sim = documented().await;
    let client = client(&sim);
    let params = ParamsMergeLeads::new(
        attributes(&[("IDNUM", "2")]),
        ArrayOfKeyList::new().with_key_list(vec![
            attributes(&[("IDNUM", "15")]),
            attributes(&[("IDNUM", "16")]),
        ]),
    );
    let merged = client.merge_leads(&params).await;
    let status = merged.unwrap_or_else(|e| panic!("{e}")).result.merge_status;
    assert_eq!(status.status, LeadMergeStatusEnum::Merged);
    assert_eq!(status.winning_lead_id, Some(Nillable::Value(2)));
    let losers = status
        .losing_lead_id_list
        .and_then(Nillable::into_option)
        .map(|l| l.integer_item);
    assert_eq!(losers, Some(vec![15, 16]));
    let gone = client
        .get_lead(&ParamsGetLead::new(key(LeadKeyRef::Idnum, "15")))
        .await;
    assert_eq!(fault(gone), Some(FaultCode::LeadNotFound));
    let winner = client
        .get_lead(&ParamsGetLead::new(key(LeadKeyRef::Idnum, "2")))
        .await;
    assert!(winner.is_ok_and(|w| w.result.count == 1));
    let names = activity_names(&client, key(LeadKeyRef::Idnum, "2")).await;
    assert_eq!(names.first().map(String::as_str), Some("Merge Leads"));
    assert_eq!(
        names.iter().filter(|n| *n == "New Lead").count(),
        3,
        "the losers' history moved to the winner: {names:?}"
    );
    let again = client.merge_leads(&params).await;
    assert_eq!(fault(again), Some(FaultCode::LeadNotFound));
}

#[tokio::test]
async fn import_to_list_then_status_reports_the_final_outcome() {
    let sim = documented().await;
    let client = client(&sim);
    let params = ParamsImportToList::new(
        "Trav-Demo-Program".to_owned(),
        "Last Name,First Name,Job Title,Company Name,Email Address".to_owned(),
        ArrayOfString::new().with_string_item(vec![
            "Awesomesauce,Developer,Code Slinger,Marketo,dawesomesauce@marketo.com".to_owned(),
            "Doe,Jane,VP Marketing,Jane Consulting,jdoe@janeconsulting.com".to_owned(),
            "broken row".to_owned(),
        ]),
        ImportToListModeEnum::Upsertleads,
        "Trav-Test-List".to_owned(),
        false,
        Nillable::Value("Batch Campaign Example".to_owned()),
    );
    let started = client.import_to_list(&params).await;
    assert_eq!(
        started.map(|r| r.result.import_status).ok(),
        Some(ImportToListStatusEnum::Processing)
    );
    let status = client
        .get_import_to_list_status(
            &ParamsGetImportToListStatus::new()
                .with_program_name("Trav-Demo-Program".to_owned())
                .with_list_name("Trav-Test-List".to_owned()),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result;
    assert_eq!(status.status, ImportToListStatusEnum::Complete);
    assert_eq!(status.rows_imported, Some(Nillable::Value(2)));
    assert_eq!(status.rows_failed, Some(Nillable::Value(1)));
    let jane = sim.state().find_leads("EMAIL", "jdoe@janeconsulting.com");
    let jane = jane
        .ok()
        .and_then(|ids| ids.first().copied())
        .unwrap_or_default();
    let title = sim
        .state()
        .lead(jane)
        .and_then(|l| l.attributes.get("Title").map(|a| a.value.clone()));
    assert_eq!(title.as_deref(), Some("VP Marketing"));

    // The imported leads are members: StaticListSelector reads them.
    let members = client
        .get_multiple_leads(
            &ParamsGetMultipleLeads::new().with_lead_selector(LeadSelector::StaticListSelector(
                StaticListSelector::new()
                    .with_static_list_name("Trav-Demo-Program.Trav-Test-List".to_owned()),
            )),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result;
    assert_eq!(
        members.return_count, 3,
        "1089946 plus the two imported leads"
    );

    let unknown = {
        let mut value = params;
        value.list_name = "No Such List".to_owned();
        value
    };
    assert_eq!(
        fault(client.import_to_list(&unknown).await),
        Some(FaultCode::ListNotFound)
    );
}

#[tokio::test]
async fn channels_and_tags_answer_from_the_seeded_catalogue() {
    let sim = documented().await;
    let client = client(&sim);
    let documented = ParamsGetChannels::new().with_tag(Tag::new().with_values(
        ArrayOfString::new().with_string_item(vec![
            "Webinar".into(),
            "Blog".into(),
            "Tradeshow".into(),
        ]),
    ));
    let tags = client
        .get_channels(&documented)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result
        .tags
        .tag_status;
    let names: Vec<&str> = tags.iter().map(|t| t.tag_value.as_str()).collect();
    assert_eq!(names, vec!["Blog", "Tradeshow", "Webinar"]);
    let webinar = tags.iter().find(|t| t.tag_value == "Webinar");
    let attended = webinar
        .into_iter()
        .flat_map(|t| &t.status_list.progression_status_item)
        .filter_map(|s| s.progression_status.as_ref())
        .find(|s| {
            s.attrib
                .iter()
                .any(|a| a.name == "Status" && a.value == "Attended")
        });
    let success = attended.and_then(|s| s.attrib.iter().find(|a| a.name == "Success"));
    assert_eq!(success.map(|a| a.value.as_str()), Some("true"));
    let all = client.get_channels(&ParamsGetChannels::new()).await;
    assert_eq!(all.map(|r| r.result.tags.tag_status.len()).ok(), Some(4));

    let content = ParamsGetTags::new().with_tag_list(ArrayOfTag::new().with_tag(vec![
            Tag::new().with_type("Content Channel".into()).with_values(
                ArrayOfString::new().with_string_item(vec!["SEM".into(), "Email".into()]),
            ),
        ]));
    let found = client
        .get_tags(&content)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result
        .tag_list
        .tag;
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].values.as_ref().map(|v| v.string_item.clone()),
        Some(vec!["SEM".to_owned(), "Email".to_owned()])
    );
    let every = client.get_tags(&ParamsGetTags::default()).await;
    assert_eq!(every.map(|r| r.result.tag_list.tag.len()).ok(), Some(5));
}

fn opportunity(id: Option<i32>, name: &str) -> MObject {
    {
        let mut value = MObject::new("Opportunity".to_owned()).with_attrib_list(
            ArrayOfAttrib::new().with_attrib(vec![Attrib::new("Name".to_owned(), name.to_owned())]),
        );
        value.id = id;
        value
    }
}

fn get_mobjects(object_type: &str) -> ParamsGetMObjects {
    ParamsGetMObjects::new(object_type.to_owned())
}

#[tokio::test]
async fn mobjects_sync_get_page_and_delete() {
    let sim = documented().await;
    let client = client(&sim);
    let listed = client.list_m_objects(&ParamsListMObjects::default()).await;
    assert_eq!(
        listed.map(|r| r.result.objects).ok(),
        Some(vec![
            "ActivityRecord".to_owned(),
            "LeadRecord".to_owned(),
            "Opportunity".to_owned(),
            "OpportunityPersonRole".to_owned()
        ])
    );
    let described = client
        .describe_m_object(&ParamsDescribeMObject::new("ActivityRecord".to_owned()))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(described.result.metadata.field_list.field.len(), 11);
    assert!(described.result.metadata.is_virtual);
    let program = client
        .describe_m_object(&ParamsDescribeMObject::new("Program".to_owned()))
        .await;
    assert_eq!(fault(program), Some(FaultCode::BadParameter));

    // INSERT, UPDATE, UNCHANGED, UPDATE of a missing object.
    let sync = |objects: Vec<MObject>, operation: SyncOperationEnum| {
        ParamsSyncMObjects::new(ArrayOfMObject::new().with_m_object(objects), operation)
    };
    let statuses = |r: Result<mktows::generated::types::SuccessSyncMObjects, mktows::Error>| {
        r.unwrap_or_else(|e| panic!("{e}"))
            .result
            .m_obj_status_list
            .m_obj_status
            .into_iter()
            .map(|s| (s.id, s.status))
            .collect::<Vec<_>>()
    };
    let inserted = statuses(
        client
            .sync_m_objects(&sync(
                vec![opportunity(None, "New Deal")],
                SyncOperationEnum::Insert,
            ))
            .await,
    );
    let new_id = inserted[0].0;
    assert_eq!(inserted[0].1, MObjStatusEnum::Created);
    let updated = statuses(
        client
            .sync_m_objects(&sync(
                vec![
                    opportunity(Some(new_id), "Renamed Deal"),
                    opportunity(Some(new_id), "Renamed Deal"),
                    opportunity(Some(99_999), "Ghost"),
                ],
                SyncOperationEnum::Update,
            ))
            .await,
    );
    assert_eq!(
        updated.iter().map(|(_, s)| s.clone()).collect::<Vec<_>>(),
        vec![
            MObjStatusEnum::Updated,
            MObjStatusEnum::Unchanged,
            MObjStatusEnum::Failed
        ]
    );

    // A person role links lead 87710 to the new opportunity: "Add to Opportunity".
    let role = {
        let mut value =
            opportunity(None, "").with_attrib_list(ArrayOfAttrib::new().with_attrib(vec![
                Attrib::new("OpportunityId".into(), new_id.to_string()),
                Attrib::new("PersonId".into(), "87710".into()),
                Attrib::new("Role".into(), "Champion".into()),
            ]));
        value.r#type = "OpportunityPersonRole".to_owned();
        value
    };
    let role_status = statuses(
        client
            .sync_m_objects(&sync(vec![role], SyncOperationEnum::Upsert))
            .await,
    );
    assert_eq!(role_status[0].1, MObjStatusEnum::Created);
    let names = activity_names(&client, key(LeadKeyRef::Idnum, "87710")).await;
    assert_eq!(
        names.first().map(String::as_str),
        Some("Add to Opportunity")
    );

    // The documented Program cost update, then the documented criteria query.
    let cost = {
        let mut value = opportunity(None, "").with_id(1970).with_type_attrib_list(
            ArrayOfTypeAttrib::new().with_type_attrib(vec![
                TypeAttrib::new("Cost".to_owned()).with_attr_list(
                    ArrayOfAttrib::new().with_attrib(vec![
                        Attrib::new("Month".into(), "2013-06".into()),
                        Attrib::new("Amount".into(), "2000".into()),
                        Attrib::new("Id".into(), "153".into()),
                    ]),
                ),
            ]),
        );
        value.r#type = "Program".to_owned();
        value.attrib_list = None;
        value
    };
    let cost_status = statuses(
        client
            .sync_m_objects(&sync(vec![cost.clone()], SyncOperationEnum::Update))
            .await,
    );
    assert_eq!(cost_status, vec![(1970, MObjStatusEnum::Updated)]);
    let insert_program = statuses(
        client
            .sync_m_objects(&sync(vec![cost], SyncOperationEnum::Insert))
            .await,
    );
    assert_eq!(insert_program[0].1, MObjStatusEnum::Failed);
    let criteria = get_mobjects("Program").with_m_obj_criteria_list(
        ArrayOfMObjCriteria::new().with_m_obj_criteria(vec![
            MObjCriteria::new("Id".into(), ComparisonEnum::Le, "1010".into()),
            MObjCriteria::new("Name".into(), ComparisonEnum::Ne, "elizprogramtest".into()),
        ]),
    );
    let programs = client
        .get_m_objects(&criteria)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result;
    assert_eq!(programs.return_count, 6);
    assert!(!programs.has_more);
    let trav = client
        .get_m_objects(&get_mobjects("Program").with_id(1970))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result;
    let has_cost = trav
        .m_object_list
        .iter()
        .flat_map(|l| &l.m_object)
        .flat_map(|o| o.type_attrib_list.iter().flat_map(|t| &t.type_attrib))
        .any(|t| t.attr_type == "Cost");
    assert!(has_cost);

    // Delete: DELETED, then FAILED; Program cannot be deleted.
    let delete = |id: i32, object_type: &str| {
        ParamsDeleteMObjects::new(ArrayOfMObject::new().with_m_object(vec![{
            let mut value = opportunity(None, "").with_id(id);
            value.r#type = object_type.to_owned();
            value
        }]))
    };
    let status_of = |r: Result<mktows::generated::types::SuccessDeleteMObjects, mktows::Error>| {
        r.ok()
            .and_then(|r| r.result.m_obj_status_list.m_obj_status.first().cloned())
            .map(|s| s.status)
    };
    assert_eq!(
        status_of(client.delete_m_objects(&delete(7, "Opportunity")).await),
        Some(MObjStatusEnum::Deleted)
    );
    assert_eq!(
        status_of(client.delete_m_objects(&delete(7, "Opportunity")).await),
        Some(MObjStatusEnum::Failed)
    );
    assert_eq!(
        status_of(client.delete_m_objects(&delete(1970, "Program")).await),
        Some(MObjStatusEnum::Failed)
    );
    let after = client
        .get_m_objects(&get_mobjects("Opportunity").with_id(7))
        .await;
    assert_eq!(after.map(|r| r.result.return_count).ok(), Some(0));
}

#[tokio::test]
async fn get_mobjects_pages_to_the_end_and_the_last_position_is_20123() {
    let sim = documented().await;
    {
        let mut state = sim.state();
        let now = Utc::now();
        for i in 0..243 {
            let name = format!("Bulk {i}");
            state.add_mobject(
                mktows::simulator::MObjectType::Opportunity,
                &[("Name", &name)],
                now,
            );
        }
    }
    let client = client(&sim);
    let mut pages = client.pages(get_mobjects("Opportunity"));
    let mut ids = Vec::new();
    let mut flags = Vec::new();
    let mut last_position = String::new();
    while let Some(page) = pages.next_page().await {
        let result = page.unwrap_or_else(|e| panic!("{e}")).result;
        flags.push(result.has_more);
        ids.extend(
            result
                .m_object_list
                .iter()
                .flat_map(|l| &l.m_object)
                .filter_map(|o| o.id),
        );
        last_position = result.new_stream_position;
    }
    // Ids 1–7 are the seeded opportunities, 8 the seeded person role, 9–251 the new ones.
    let expected: Vec<i32> = (1..=7).chain(9..=251).collect();
    assert_eq!(ids, expected, "every opportunity once, in id order");
    assert_eq!(flags, vec![true, true, false]);
    let at_end = client
        .get_m_objects(&get_mobjects("Opportunity").with_stream_position(last_position))
        .await;
    assert_eq!(fault(at_end), Some(FaultCode::StreamAtEnd));
    let made_up = client
        .get_m_objects(&get_mobjects("Opportunity").with_stream_position("not-a-position".into()))
        .await;
    assert_eq!(fault(made_up), Some(FaultCode::BadStreamPosition));
}

fn roadshow(rid: &str, city: &str) -> CustomObj {
    CustomObj::new()
        .with_custom_obj_key_list(attributes(&[("MKTOID", "1090177"), ("rid", rid)]))
        .with_custom_obj_attribute_list(attributes(&[("city", city)]))
}

#[tokio::test]
async fn custom_objects_sync_get_page_and_delete() {
    let sim = documented().await;
    let client = client(&sim);
    let get = |keys: &[(&str, &str)]| {
        ParamsGetCustomObjects::new("RoadShow".to_owned(), ArrayOfString::default())
            .with_custom_obj_key_list(attributes(keys))
    };
    let documented = client
        .get_custom_objects(&get(&[("MKTOID", "1090177")]))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result;
    assert_eq!(documented.obj_type_name, "Roadshow");
    assert_eq!(
        (documented.return_count, documented.remaining_count),
        (6, 0)
    );

    let sync = |objects: Vec<CustomObj>, operation: SyncOperationEnum| {
        ParamsSyncCustomObjects::new(
            "RoadShow".to_owned(),
            ArrayOfCustomObj::new().with_custom_obj(objects),
        )
        .with_operation(operation)
    };
    let result = client
        .sync_custom_objects(&sync(
            vec![roadshow("rid1", "San Mateo"), roadshow("new", "Oslo")],
            SyncOperationEnum::Upsert,
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result
        .sync_custom_obj_status_list
        .sync_custom_obj_status;
    let statuses: Vec<SyncStatusEnum> = result.iter().map(|s| s.status.clone()).collect();
    assert_eq!(
        statuses,
        vec![SyncStatusEnum::Updated, SyncStatusEnum::Created]
    );
    let duplicate = client
        .sync_custom_objects(&sync(
            vec![roadshow("new", "Bergen")],
            SyncOperationEnum::Insert,
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result
        .sync_custom_obj_status_list
        .sync_custom_obj_status;
    assert_eq!(duplicate[0].status, SyncStatusEnum::Failed);
    let names = activity_names(&client, key(LeadKeyRef::Idnum, "1090177")).await;
    assert_eq!(names.first().map(String::as_str), Some("Add Custom Object"));

    // 250 more records, read 100 at a time to the end, each once.
    let more: Vec<CustomObj> = (0..250)
        .map(|i| roadshow(&format!("bulk{i}"), "X"))
        .collect();
    for chunk in more.chunks(100) {
        let sent = client
            .sync_custom_objects(&sync(chunk.to_vec(), SyncOperationEnum::Insert))
            .await;
        assert!(sent.is_ok(), "{sent:?}");
    }
    let mut pages = client.pages(get(&[]).with_batch_size(100));
    let mut rids = Vec::new();
    let mut remaining = Vec::new();
    let mut last_position = String::new();
    while let Some(page) = pages.next_page().await {
        let result = page.unwrap_or_else(|e| panic!("{e}")).result;
        remaining.push(result.remaining_count);
        last_position = result.new_stream_position;
        for object in result
            .custom_obj_list
            .and_then(Nillable::into_option)
            .unwrap_or_default()
            .custom_obj
        {
            let keys = object
                .custom_obj_key_list
                .and_then(Nillable::into_option)
                .unwrap_or_default();
            rids.extend(
                keys.attribute
                    .into_iter()
                    .filter(|a| a.attr_name == "rid")
                    .map(|a| a.attr_value),
            );
        }
    }
    assert_eq!(rids.len(), 257);
    let unique: std::collections::BTreeSet<&String> = rids.iter().collect();
    assert_eq!(unique.len(), 257);
    assert_eq!(remaining, vec![157, 57, 0]);
    let at_end = client
        .get_custom_objects(
            &get(&[])
                .with_stream_position(last_position)
                .with_batch_size(100),
        )
        .await;
    assert_eq!(fault(at_end), Some(FaultCode::StreamAtEnd));

    let delete = ParamsDeleteCustomObjects::new(
        "RoadShow".to_owned(),
        ArrayOfKeyList::new().with_key_list(vec![attributes(&[
            ("MKTOID", "1090177"),
            ("rid", "123456"),
        ])]),
    );
    let first = client.delete_custom_objects(&delete).await;
    let second = client.delete_custom_objects(&delete).await;
    let status =
        |r: Result<mktows::generated::types::SuccessDeleteCustomObjects, mktows::Error>| {
            r.ok().and_then(|r| {
                r.result
                    .delete_custom_obj_status_list
                    .sync_custom_obj_status
                    .first()
                    .map(|s| s.status.clone())
            })
        };
    assert_eq!(status(first), Some(SyncStatusEnum::Deleted));
    assert_eq!(status(second), Some(SyncStatusEnum::Failed));
    let unknown_type = client
        .get_custom_objects(&{
            let mut value = get(&[]);
            value.obj_type_name = "Nope".into();
            value
        })
        .await;
    assert_eq!(fault(unknown_type), Some(FaultCode::BadParameter));
}

/// The requestCampaign parameter rules exist once: every combination the client guard
/// refuses, the simulator answers with 20110 when it is sent past the guard.
#[tokio::test]
async fn request_campaign_combinations_refused_by_the_guard_are_20110_in_the_simulator() {
    let sim = documented().await;
    let base = request_campaign_params(4496, &["lead@company.com"]);
    let name = |s: &str| Some(Nillable::Value(s.to_owned()));
    let cases = [
        ("id + name", {
            let mut value = base.clone();
            value.campaign_name = name("Web Service Trigger");
            value
        }),
        ("id + program", {
            let mut value = base.clone();
            value.program_name = name("Demo Program");
            value
        }),
        ("name only", {
            let mut value = base.clone();
            value.campaign_id = None;
            value.campaign_name = name("Web Service Trigger");
            value
        }),
        ("empty name + program", {
            let mut value = base.clone();
            value.campaign_id = None;
            value.program_name = name("Demo Program");
            value.campaign_name = name("");
            value
        }),
        ("nil id", {
            let mut value = base.clone();
            value.campaign_id = Some(Nillable::Nil);
            value
        }),
    ];
    let client = client(&sim);
    for (label, params) in cases {
        let guarded = client.request_campaign(&params).await;
        assert!(
            matches!(
                guarded.as_ref().err().map(|e| e.kind()),
                Some(ErrorKind::InvalidRequest { .. })
            ),
            "{label}: {guarded:?}"
        );
        let (status, body) = post_raw(&sim, "paramsRequestCampaign", &params).await;
        assert_eq!(status, 500, "{label}");
        assert!(body.contains("<code>20110</code>"), "{label}: {body}");
    }
    assert!(sim.state().campaign_runs().is_empty());
    let (status, body) = post_raw(&sim, "paramsRequestCampaign", &base).await;
    assert_eq!(status, 200, "{body}");
}

/// listOperation takes at most 1,000 leads: more is refused by the guard and, past it, 20110.
#[tokio::test]
async fn list_operation_above_1000_leads_is_refused() {
    let sim = documented().await;
    let params = ParamsListOperation::new(
        ListOperationType::Addtolist,
        ListKey::new(ListKeyType::Mktolistname, "Trav-Test-List".to_owned()),
        ArrayOfLeadKey::new().with_lead_key(
            (0..1001)
                .map(|i| key(LeadKeyRef::Idnum, i.to_string()))
                .collect(),
        ),
    );
    let guarded = client(&sim).list_operation(&params).await;
    assert!(matches!(
        guarded.as_ref().err().map(|e| e.kind()),
        Some(ErrorKind::InvalidRequest { .. })
    ));
    let (status, body) = post_raw(&sim, "paramsListOperation", &params).await;
    assert_eq!(status, 500);
    assert!(body.contains("<code>20110</code>"), "{body}");
}

/// getLeadActivity returns at most 100 per page whatever `batchSize` asks; getLeadChanges
/// with a StaticListSelector only reads the list members' activities.
#[tokio::test]
async fn activity_pages_are_capped_and_list_selectors_narrow_changes() {
    let sim = documented().await;
    let start = Utc::now() - TimeDelta::minutes(1);
    let (member, other) = {
        let mut state = sim.state();
        let member = state.add_lead_with_email("busy@company.com");
        let other = state.add_lead_with_email("quiet@company.com");
        let now = Utc::now();
        for i in 0..130 {
            state.log_activity(
                member,
                ActivityType::VisitWebpage,
                format!("p{i}"),
                vec![],
                None,
                now,
            );
        }
        state.log_activity(other, ActivityType::VisitWebpage, "q", vec![], None, now);
        (member, other)
    };
    let client = client(&sim);
    let page = client
        .get_lead_activity(
            &ParamsGetLeadActivity::new(key(LeadKeyRef::Idnum, member.to_string()))
                .with_batch_size(500),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .lead_activity_list;
    assert_eq!((page.return_count, page.remaining_count), (100, 30));

    let list = ParamsListOperation::new(
        ListOperationType::Addtolist,
        ListKey::new(ListKeyType::Mktolistname, "Trav-Test-List".to_owned()),
        ArrayOfLeadKey::new().with_lead_key(vec![key(LeadKeyRef::Idnum, member.to_string())]),
    );
    assert!(client.list_operation(&list).await.is_ok());
    let changes = ParamsGetLeadChanges::new(
        StreamPosition::new().with_oldest_created_at(start.fixed_offset().into()),
    )
    .with_batch_size(1000)
    .with_lead_selector(LeadSelector::StaticListSelector(
        StaticListSelector::new().with_static_list_name("Trav-Test-List".to_owned()),
    ));
    let result = client
        .get_lead_changes(&changes)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .result;
    let people: Vec<String> = result
        .lead_change_record_list
        .and_then(Nillable::into_option)
        .unwrap_or_default()
        .lead_change_record
        .into_iter()
        .map(|r| r.mkt_person_id)
        .collect();
    let of_member = people.iter().filter(|p| **p == member.to_string()).count();
    assert_eq!(of_member, 131, "130 visits and the Add to List");
    assert!(!people.contains(&other.to_string()));
    assert!(
        people
            .iter()
            .all(|p| *p == member.to_string() || p == "1089946"),
        "only list members: {people:?}"
    );
}
