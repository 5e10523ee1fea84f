//! `mktows::paging` against the simulator: every lead exactly once, and no endless loop when
//! a server repeats its position.

mod simulator_support;

use futures_util::StreamExt;
use mktows::ErrorKind;
use mktows::generated::types::{LeadSelector, ParamsGetMultipleLeads, StaticListSelector};
use mktows::simulator::{Injection, InjectionRule, RunningSimulator, Simulator};
use mktows::xml::Nillable;
use simulator_support::client;

async fn simulator_with_leads(n: usize) -> RunningSimulator {
    Simulator::builder()
        .seed(|s| {
            let ids: Vec<i32> = (0..n)
                .map(|i| s.add_lead_with_email(format!("p{i}@example.com")))
                .collect();
            let list = s.add_static_list("Everyone", Some("Paging"));
            s.add_list_members(list, &ids);
        })
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

fn list_params(batch: i32) -> ParamsGetMultipleLeads {
    ParamsGetMultipleLeads {
        lead_selector: Some(LeadSelector::StaticListSelector(StaticListSelector {
            static_list_name: Some(Nillable::Value("Paging.Everyone".to_owned())),
            static_list_id: None,
        })),
        last_updated_at: None,
        stream_position: None,
        batch_size: Some(Nillable::Value(batch)),
        include_attributes: None,
    }
}

#[tokio::test]
async fn the_pager_returns_every_lead_exactly_once() {
    let sim = simulator_with_leads(25).await;
    let mut pager = client(&sim).get_multiple_leads_pages(list_params(10));
    let mut sizes = Vec::new();
    let mut ids = Vec::new();
    while let Some(page) = pager.next_page().await.unwrap_or_else(|e| panic!("{e}")) {
        sizes.push(page.len());
        ids.extend(page.iter().filter_map(|r| r.id.clone()?.into_option()));
    }
    assert_eq!(sizes, vec![10, 10, 5]);
    assert_eq!(pager.pages_fetched(), 3);
    assert!(
        pager.next_page().await.ok().flatten().is_none(),
        "a finished pager stays finished"
    );
    let expected: Vec<i32> = sim.state().leads().map(|l| l.id).collect();
    assert_eq!(ids, expected);
    assert_eq!(sim.stats().requests_for("getMultipleLeads"), 3);
}

#[tokio::test]
async fn the_stream_and_collect_all_agree() {
    let sim = simulator_with_leads(7).await;
    let client = client(&sim);
    let batches: Vec<_> = client
        .get_multiple_leads_pages(list_params(3))
        .into_stream()
        .collect()
        .await;
    let streamed: usize = batches.iter().map(|b| b.as_ref().map_or(0, Vec::len)).sum();
    assert_eq!(batches.len(), 3);
    assert_eq!(streamed, 7);
    let all = client
        .get_multiple_leads_pages(list_params(3))
        .collect_all()
        .await;
    assert_eq!(all.map(|v| v.len()).ok(), Some(7));
}

#[tokio::test]
async fn a_repeated_position_stops_paging_with_an_error() {
    let sim = simulator_with_leads(1).await;
    let stuck = r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://www.marketo.com/mktows/">
<SOAP-ENV:Body><ns1:successGetMultipleLeads><result><returnCount>1</returnCount><remainingCount>5</remainingCount>
<newStreamPosition>same</newStreamPosition><leadRecordList><leadRecord><Id>1</Id></leadRecord></leadRecordList>
</result></ns1:successGetMultipleLeads></SOAP-ENV:Body></SOAP-ENV:Envelope>"#;
    sim.inject(
        InjectionRule::new(Injection::Respond {
            status: 200,
            body: stuck.to_owned(),
        })
        .times(5)
        .for_operation("getMultipleLeads"),
    );
    let mut pager = client(&sim).get_multiple_leads_pages(list_params(10));
    assert!(matches!(pager.next_page().await, Ok(Some(_))));
    let error = pager
        .next_page()
        .await
        .err()
        .unwrap_or_else(|| panic!("a repeated position was accepted"));
    assert!(matches!(error.kind(), ErrorKind::Decode(_)), "{error:?}");
    assert!(error.to_string().contains("position"), "{error}");
    assert!(pager.next_page().await.ok().flatten().is_none());
    assert_eq!(sim.stats().requests_for("getMultipleLeads"), 2);
}
