//! Paging over stream positions and the requestCampaign guard, through the generated
//! operation methods against a scripted HTTP server on 127.0.0.1.

mod support;

use std::time::Duration;

use mktows::generated::types::{
    ArrayOfLeadKey, LeadKey, LeadKeyRef, ParamsGetLeadChanges, ParamsGetMObjects,
    ParamsGetMultipleLeads, ParamsRequestCampaign, ReqCampSourceType, StreamPosition,
};
use mktows::xml::Nillable;
use mktows::{Client, ErrorKind, RetryPolicy};
use support::scripted_server::{Reply, ScriptedServer};

const USER: &str = "demo17_1_809934544BFABAE58E5D27";
const KEY: &str = "27272727aa";

fn envelope(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://www.marketo.com/mktows/"><SOAP-ENV:Body>{body}</SOAP-ENV:Body></SOAP-ENV:Envelope>"#
    )
}

fn leads_page(returned: i32, remaining: i32, position: &str) -> Reply {
    Reply::xml(&envelope(&format!(
        "<ns1:successGetMultipleLeads><result><returnCount>{returned}</returnCount>\
         <remainingCount>{remaining}</remainingCount><newStreamPosition>{position}</newStreamPosition>\
         </result></ns1:successGetMultipleLeads>"
    )))
}

fn client(server: &ScriptedServer) -> Client {
    Client::builder(&server.url, USER, KEY)
        .retry_policy(RetryPolicy::never())
        .request_timeout(Duration::from_secs(5))
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"))
}

#[tokio::test]
async fn multiple_leads_pages_until_nothing_remains() {
    let server = ScriptedServer::start(|n, _| match n {
        0 => leads_page(2, 4, "id:1:p1"),
        1 => leads_page(2, 2, "id:1:p2"),
        2 => leads_page(2, 0, ""),
        _ => leads_page(0, 0, "unexpected"),
    })
    .await;
    let client = client(&server);
    let mut pages = client.pages(ParamsGetMultipleLeads::new().with_batch_size(2));
    let mut counts = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.unwrap_or_else(|e| panic!("page: {e}"));
        counts.push(page.result.return_count);
    }
    assert_eq!(counts, [2, 2, 2]);
    assert!(pages.pending_request().is_none());
    let positions: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| r.element_text("streamPosition"))
        .collect();
    assert_eq!(
        positions,
        [None, Some("id:1:p1".to_owned()), Some("id:1:p2".to_owned())]
    );
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.body.contains("<batchSize>2</batchSize>"))
    );
}

#[tokio::test]
async fn paging_stops_when_the_server_repeats_its_position() {
    let server = ScriptedServer::start(|_, _| leads_page(1, 50, "stuck")).await;
    let client = client(&server);
    let mut pages = client.pages(ParamsGetMultipleLeads::default());
    let mut seen = 0;
    while let Some(page) = pages.next_page().await {
        assert!(page.is_ok(), "{page:?}");
        seen += 1;
        assert!(seen <= 5, "paging did not stop");
    }
    assert_eq!(seen, 2);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn paging_ends_after_an_error() {
    let server = ScriptedServer::start(|n, _| match n {
        0 => leads_page(1, 5, "p1"),
        _ => Reply::Full {
            status: 502,
            content_type: "text/html",
            body: b"<html>down</html>".to_vec(),
        },
    })
    .await;
    let client = client(&server);
    let mut pages = client.pages(ParamsGetMultipleLeads::default());
    assert!(matches!(pages.next_page().await, Some(Ok(_))));
    let second = pages.next_page().await;
    assert!(
        matches!(&second, Some(Err(e)) if matches!(e.kind(), ErrorKind::HttpStatus { status: 502, .. })),
        "{second:?}"
    );
    assert!(pages.next_page().await.is_none());
}

#[tokio::test]
async fn lead_changes_continue_from_the_returned_start_position() {
    let page = |offset: &str, remaining: i32| {
        Reply::xml(&envelope(&format!(
            "<ns1:successGetLeadChanges><result><returnCount>1</returnCount>\
             <remainingCount>{remaining}</remainingCount><newStartPosition>\
             <latestCreatedAt xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>\
             <oldestCreatedAt>2013-08-02T10:00:00-05:00</oldestCreatedAt>\
             <offset>{offset}</offset></newStartPosition></result></ns1:successGetLeadChanges>"
        )))
    };
    let server = ScriptedServer::start(move |n, _| match n {
        0 => page("off-1", 1),
        _ => page("off-2", 0),
    })
    .await;
    let client = client(&server);
    let first = ParamsGetLeadChanges::new(
        StreamPosition::new().with_oldest_created_at(
            chrono::DateTime::parse_from_rfc3339("2013-08-01T00:00:00-07:00")
                .unwrap_or_else(|e| panic!("{e}"))
                .into(),
        ),
    );
    let mut pages = client.pages(first);
    let mut offsets = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.unwrap_or_else(|e| panic!("page: {e}"));
        offsets.push(
            page.result
                .new_start_position
                .offset
                .and_then(Nillable::into_option),
        );
    }
    assert_eq!(
        offsets,
        [Some("off-1".to_owned()), Some("off-2".to_owned())]
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].element_text("offset"), None);
    assert_eq!(requests[1].element_text("offset").as_deref(), Some("off-1"));
}

#[tokio::test]
async fn m_objects_stop_when_has_more_is_false() {
    let page = |more: bool, position: &str| {
        Reply::xml(&envelope(&format!(
            "<ns1:successGetMObjects><result><returnCount>1</returnCount><hasMore>{more}</hasMore>\
             <newStreamPosition>{position}</newStreamPosition></result></ns1:successGetMObjects>"
        )))
    };
    let server = ScriptedServer::start(move |n, _| match n {
        0 => page(true, "m1"),
        _ => page(false, "m2"),
    })
    .await;
    let client = client(&server);
    let mut pages = client.pages(ParamsGetMObjects::new("Program".into()));
    let mut count = 0;
    while let Some(page) = pages.next_page().await {
        assert!(page.is_ok(), "{page:?}");
        count += 1;
    }
    assert_eq!(count, 2);
    assert_eq!(
        server.requests()[1]
            .element_text("streamPosition")
            .as_deref(),
        Some("m1")
    );
}

fn campaign_request(leads: usize) -> ParamsRequestCampaign {
    let keys: Vec<LeadKey> = (0..leads)
        .map(|n| LeadKey::new(LeadKeyRef::Email, format!("lead{n}@example.com")))
        .collect();
    ParamsRequestCampaign::new(ReqCampSourceType::Mktows)
        .with_campaign_id(4496)
        .with_lead_list(ArrayOfLeadKey::from(keys))
}

#[tokio::test]
async fn request_campaign_guard_refuses_before_any_io() {
    let server = ScriptedServer::start(|_, _| {
        Reply::xml(&envelope(
            "<ns1:successRequestCampaign><result><success>true</success></result></ns1:successRequestCampaign>",
        ))
    })
    .await;
    let client = client(&server);

    let too_many = client.request_campaign(&campaign_request(101)).await;
    let error = too_many
        .err()
        .unwrap_or_else(|| panic!("101 leads accepted"));
    assert!(
        matches!(error.kind(), ErrorKind::InvalidRequest(_)),
        "{error}"
    );
    assert_eq!(error.attempts(), 0);
    assert_eq!(error.operation(), Some("requestCampaign"));

    let both = campaign_request(1).with_campaign_name("Welcome".into());
    let error = client
        .request_campaign(&both)
        .await
        .err()
        .unwrap_or_else(|| panic!("campaignId + campaignName accepted"));
    assert!(
        matches!(error.kind(), ErrorKind::InvalidRequest(_)),
        "{error}"
    );
    assert!(server.requests().is_empty(), "nothing may be sent");

    let ok = client.request_campaign(&campaign_request(100)).await;
    assert!(ok.is_ok_and(|r| r.result.success), "100 leads are fine");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn generated_call_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let client = Client::builder("https://example.com/soap/mktows/2_2", USER, KEY)
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let params = campaign_request(1);
    assert_send(&client.request_campaign(&params));
    let leads = ParamsGetMultipleLeads::default();
    let mut pages = client.pages(leads);
    assert_send(&pages.next_page());
}
