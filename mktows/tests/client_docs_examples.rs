//! The client against the payloads printed in the Marketo documentation
//! (`../shared/marketo/examples`): the documented request is reproduced byte for byte
//! (signature included), and the documented responses and fault decode as documented.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use mktows::MarketoError as _;
use mktows::generated::types::{
    ArrayOfLeadKey, ArrayOfString, LeadKey, LeadKeyRef, LeadKeySelector, LeadSelector,
    ParamsGetMultipleLeads, ParamsRequestCampaign, ReqCampSourceType,
};
use mktows::{Client, Clock, ErrorKind, FaultCode, RetryPolicy};
use support::scripted_server::{Reply, ScriptedServer};
use support::shared_data::shared_dir;

const USER: &str = "demo17_1_809934544BFABAE58E5D27";
const KEY: &str = "27272727aa";

/// Marketo's documented example payloads in the reference data.
fn examples_dir() -> PathBuf {
    shared_dir().join("marketo/examples")
}

fn example(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Drops the XML declaration and the indentation between tags.
fn compact(xml: &str) -> String {
    let body = match xml.trim_start().strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or(rest, |(_, after)| after),
        None => xml,
    };
    let mut out = String::with_capacity(body.len());
    let mut pending = String::new();
    for c in body.chars() {
        if c.is_whitespace() && (out.ends_with('>') || !pending.is_empty()) {
            pending.push(c);
            continue;
        }
        if c != '<' {
            out.push_str(&pending);
        }
        pending.clear();
        out.push(c);
    }
    out.trim().to_owned()
}

/// Always the documented `requestTimestamp` of the getMultipleLeads example.
struct DocsClock;

impl Clock for DocsClock {
    fn now(&self) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2013-08-02T15:47:06-07:00")
            .unwrap_or_else(|e| panic!("fixture: {e}"))
    }
}

fn client(server: &ScriptedServer) -> Client {
    Client::builder(&server.url, USER, KEY)
        .clock(DocsClock)
        .retry_policy(RetryPolicy::never())
        .request_timeout(Duration::from_secs(5))
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"))
}

#[tokio::test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
async fn get_multiple_leads_matches_the_documented_exchange() {
    let dir = examples_dir();
    let response = example(&dir, "getMultipleLeads.response.xml");
    let server = ScriptedServer::start(move |_, _| Reply::xml(&response)).await;
    let params = ParamsGetMultipleLeads::new()
        .with_lead_selector(LeadSelector::LeadKeySelector(LeadKeySelector::new(
            LeadKeyRef::Email,
            ArrayOfString::from(vec![
                "formtest1@marketo.com".to_owned(),
                "joe@marketo.com".to_owned(),
            ]),
        )))
        .with_batch_size(100);
    let client = client(&server);
    let mut pages = client.pages(params);
    let page = pages
        .next_page()
        .await
        .unwrap_or_else(|| panic!("no page"))
        .unwrap_or_else(|e| panic!("decode: {e}"));
    assert_eq!(page.result.return_count, 2);
    assert_eq!(page.result.remaining_count, 0);
    assert_eq!(page.result.new_stream_position, "");
    assert!(
        pages.next_page().await.is_none(),
        "remainingCount 0 ends paging"
    );

    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        compact(&sent[0].body),
        compact(&example(&dir, "getMultipleLeads.request.xml")),
        "our request differs from the documented one"
    );
}

#[tokio::test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
async fn documented_fault_is_authentication_failed() {
    let dir = examples_dir();
    let fault = example(&dir, "getLeadActivity.auth-signature.fault.xml");
    let server = ScriptedServer::start(move |_, _| Reply::status_xml(500, &fault)).await;
    let params = ParamsGetMultipleLeads::default();
    let error = client(&server)
        .get_multiple_leads(&params)
        .await
        .err()
        .unwrap_or_else(|| panic!("fault expected"));
    assert_eq!(error.fault_code(), Some(FaultCode::AuthenticationFailed));
    match error.kind() {
        ErrorKind::Fault(fault) => {
            assert_eq!(fault.fault_code_local(), "Client");
            assert_eq!(fault.fault_string, "20014 - Authentication failed");
            let detail = mktows::ServiceException::of(fault);
            assert_eq!(
                detail.as_ref().and_then(|d| d.message.as_deref()),
                Some("Authentication failed (20014)")
            );
            assert_eq!(
                detail.as_ref().and_then(|d| d.name.as_deref()),
                Some("mktServiceException")
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
async fn documented_request_campaign_response_decodes() {
    let dir = examples_dir();
    let response = example(&dir, "requestCampaign.response.xml");
    let server = ScriptedServer::start(move |_, _| Reply::xml(&response)).await;
    let params = ParamsRequestCampaign::new(ReqCampSourceType::Mktows)
        .with_campaign_id(4496)
        .with_lead_list(ArrayOfLeadKey::from(vec![
            LeadKey::new(LeadKeyRef::Email, "lead@company.com".into()),
            LeadKey::new(LeadKeyRef::Email, "anotherlead@company.com".into()),
        ]));
    let success = client(&server)
        .request_campaign(&params)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(success.result.success);
    let body = &server.requests()[0].body;
    assert!(body.contains("<campaignId>4496</campaignId>"), "{body}");
    assert!(
        body.contains(
            "<leadKey><keyType>EMAIL</keyType><keyValue>lead@company.com</keyValue></leadKey>"
        ),
        "{body}"
    );
}

#[test]
fn compact_removes_only_indentation() {
    assert_eq!(
        compact("<?xml version=\"1.0\"?>\n<a>\n  <b>x y</b>\n  <c />\n</a>\n"),
        "<a><b>x y</b><c /></a>"
    );
}
