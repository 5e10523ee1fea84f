//! The syncMultipleLeads cost figure: 4× the input takes at most 6× the time, whether the
//! input is the batch (75 → 300 records per call, through the client over HTTP) or the number
//! of leads already stored (5,000 → 20,000, and 50,000 for the record). Above 300 records the
//! batch is refused (`simulator_ops_semantics::batches_above_the_documented_maximum_are_refused`).
//!
//! One test, measured sequentially and interleaved (small and large alternate), so both sides
//! of each ratio see the same machine load.

mod simulator_support;

use std::time::Instant;

use chrono::Utc;
use mktows::Client;
use mktows::generated::types::{
    ArrayOfAttribute, ArrayOfLeadRecord, Attribute, LeadRecord, ParamsSyncMultipleLeads,
};
use mktows::simulator::{LeadUpsert, SimState, Simulator, SyncRules};
use simulator_support::client;

/// Runs per measurement; the median is compared.
const RUNS: usize = 9;

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Wall time of one syncMultipleLeads call creating `size` new leads.
async fn sync_time(client: &Client, size: usize, tag: &str) -> f64 {
    let records = (0..size)
        .map(|i| {
            LeadRecord::new()
                .with_email(format!("{tag}-{i}@bench.com"))
                .with_lead_attribute_list(
                    ArrayOfAttribute::new()
                        .with_attribute(vec![Attribute::new("Company".into(), "Bench".into())]),
                )
        })
        .collect();
    let params = ParamsSyncMultipleLeads::new(ArrayOfLeadRecord::new().with_lead_record(records));
    let started = Instant::now();
    let sent = client.sync_multiple_leads(&params).await;
    let elapsed = started.elapsed().as_secs_f64();
    assert!(sent.is_ok(), "{sent:?}");
    elapsed
}

/// Wall time of upserting `count` new leads into an empty state, one at a time.
fn upsert_time(count: usize) -> f64 {
    let mut state = SimState::new();
    let now = Utc::now();
    let started = Instant::now();
    for i in 0..count {
        let upsert = LeadUpsert {
            email: Some(format!("lead{i}@scale.com")),
            attributes: vec![("Company".to_owned(), None, "Scale".to_owned())],
            ..LeadUpsert::default()
        };
        let done = state.upsert_lead(upsert, SyncRules::SyncMultipleLeads { dedup: true }, now);
        assert!(done.is_ok(), "{done:?}");
    }
    started.elapsed().as_secs_f64()
}

#[tokio::test]
async fn sync_multiple_leads_cost_grows_linearly() {
    let sim = Simulator::builder()
        .state(SimState::documented())
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let small_client = client(&sim);
    sync_time(&small_client, 10, "warm").await;

    // 75 → 300 records per call.
    let (mut small, mut large) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        small.push(sync_time(&small_client, 75, &format!("s{run}")).await);
        large.push(sync_time(&small_client, 300, &format!("l{run}")).await);
    }
    let (small, large) = (median(small), median(large));

    // 300 records per call against 5,000 → 20,000 stored leads (two simulators, alternating).
    let stored = |count: usize| {
        let mut state = SimState::documented();
        for i in 0..count {
            state.add_lead_with_email(format!("base{i}@bench.com"));
        }
        state
    };
    let sim_5k = Simulator::builder().state(stored(5_000)).start().await;
    let sim_20k = Simulator::builder().state(stored(20_000)).start().await;
    let (sim_5k, sim_20k) = (
        sim_5k.unwrap_or_else(|e| panic!("{e}")),
        sim_20k.unwrap_or_else(|e| panic!("{e}")),
    );
    let (client_5k, client_20k) = (client(&sim_5k), client(&sim_20k));
    let (mut with_5k, mut with_20k) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        with_5k.push(sync_time(&client_5k, 300, &format!("a{run}")).await);
        with_20k.push(sync_time(&client_20k, 300, &format!("b{run}")).await);
    }
    let (with_5k, with_20k) = (median(with_5k), median(with_20k));

    // The state alone: 5k → 20k → 50k upserts.
    let (t5k, t20k, t50k) = (upsert_time(5_000), upsert_time(20_000), upsert_time(50_000));

    let batch_ratio = large / small;
    let stored_ratio = with_20k / with_5k;
    let state_ratio = t20k / t5k;
    eprintln!(
        "syncMultipleLeads median of {RUNS}: 75 records {:.1} ms, 300 records {:.1} ms (×{batch_ratio:.2}); \
         300 records with 5k stored {:.1} ms, with 20k stored {:.1} ms (×{stored_ratio:.2}); \
         state upserts 5k {:.0} ms, 20k {:.0} ms (×{state_ratio:.2}), 50k {:.0} ms (×{:.2})",
        small * 1e3,
        large * 1e3,
        with_5k * 1e3,
        with_20k * 1e3,
        t5k * 1e3,
        t20k * 1e3,
        t50k * 1e3,
        t50k / t5k
    );
    assert!(batch_ratio <= 6.0, "4× the records took ×{batch_ratio:.2}");
    assert!(
        stored_ratio <= 6.0,
        "4× the stored leads took ×{stored_ratio:.2}"
    );
    assert!(state_ratio <= 6.0, "4× the upserts took ×{state_ratio:.2}");
}
