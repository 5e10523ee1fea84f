//! `Client::pages` against the simulator: every lead exactly once, and no endless loop when
//! a server repeats its position.

mod simulator_support;

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
    ParamsGetMultipleLeads::new()
        .with_lead_selector(LeadSelector::StaticListSelector(
            StaticListSelector::new().with_static_list_name("Paging.Everyone".to_owned()),
        ))
        .with_batch_size(batch)
}

#[tokio::test]
async fn paging_returns_every_lead_exactly_once() {
    let sim = simulator_with_leads(25).await;
    let client = client(&sim);
    let mut pages = client.pages(list_params(10));
    let mut sizes = Vec::new();
    let mut ids = Vec::new();
    while let Some(page) = pages.next_page().await {
        let result = page.unwrap_or_else(|e| panic!("{e}")).result;
        let records = result
            .lead_record_list
            .and_then(Nillable::into_option)
            .unwrap_or_default()
            .lead_record;
        sizes.push(records.len());
        ids.extend(records.iter().filter_map(|r| r.id.clone()?.into_option()));
        assert!(sizes.len() <= 5, "paging does not end");
    }
    assert_eq!(sizes, vec![10, 10, 5]);
    assert!(
        pages.next_page().await.is_none(),
        "a finished pager stays finished"
    );
    let expected: Vec<i32> = sim.state().leads().map(|l| l.id).collect();
    assert_eq!(ids.len(), 25);
    assert_eq!(ids, expected);
    assert_eq!(sim.stats().requests_for("getMultipleLeads"), 3);
}

#[tokio::test]
async fn a_repeated_position_ends_paging() {
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
    let client = client(&sim);
    let mut pages = client.pages(list_params(10));
    let mut fetched = 0;
    while let Some(page) = pages.next_page().await {
        assert!(page.is_ok(), "{page:?}");
        fetched += 1;
        assert!(fetched <= 3, "paging loops on a repeated position");
    }
    assert_eq!(fetched, 2);
    assert_eq!(sim.stats().requests_for("getMultipleLeads"), 2);
}
