//! The client against the simulator over real HTTP: the seed scenario, authentication,
//! retries, timeouts, hostile responses, paging and concurrency.

mod simulator_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use mktows::MarketoError as _;
use mktows::generated::types::{
    ArrayOfString, LeadKeyRef, LeadKeySelector, LeadSelector, ParamsGetChannels,
    ParamsGetMultipleLeads, ReqCampSourceType,
};
use mktows::simulator::{Injection, InjectionRule, RunKind, Simulator};
use mktows::xml::Nillable;
use mktows::{Clock, ErrorKind, FaultCode, RetryPolicy};
use simulator_support::*;

#[tokio::test]
async fn seed_scenario_runs_campaign_4496_for_both_leads() {
    let sim = seeded_simulator().await;
    let result = client(&sim).request_campaign(&seed_params()).await;
    let result = result.unwrap_or_else(|e| panic!("requestCampaign failed: {e}"));
    assert!(result.result.success);

    let expected: Vec<i32> = {
        let state = sim.state();
        SEED_EMAILS
            .iter()
            .filter_map(|e| state.find_leads("EMAIL", e).ok()?.first().copied())
            .collect()
    };
    let runs = sim.state().campaign_runs().to_vec();
    assert_eq!(runs.len(), 1);
    let run = runs.first().unwrap_or_else(|| panic!("no run"));
    assert_eq!(run.campaign_id, 4496);
    assert_eq!(run.kind, RunKind::Requested(ReqCampSourceType::Mktows));
    assert_eq!(run.lead_ids, expected);
    assert_eq!(expected.len(), 2);

    let stats = sim.stats();
    assert_eq!(stats.requests_for("requestCampaign"), 1);
    let sent = stats
        .recent_requests
        .first()
        .unwrap_or_else(|| panic!("nothing recorded"));
    assert_eq!(
        sent.soap_action.as_deref(),
        Some("http://www.marketo.com/mktows/requestCampaign")
    );
    assert!(
        sent.body.contains("<campaignId>4496</campaignId>"),
        "{}",
        sent.body
    );
    assert!(
        sent.body
            .contains("<keyValue>anotherlead@company.com</keyValue>")
    );
}

#[tokio::test]
async fn a_wrong_secret_is_a_typed_authentication_failure_and_not_retried() {
    let sim = seeded_simulator().await;
    let client = mktows::Client::builder(sim.endpoint(), sim.user_id(), "wrong-secret-1")
        .retry_policy(fast_retries())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let error = client.request_campaign(&seed_params()).await.err();
    let error = error.unwrap_or_else(|| panic!("a wrong secret was accepted"));
    assert_eq!(error.fault_code(), Some(FaultCode::AuthenticationFailed));
    match error.kind() {
        ErrorKind::Fault(fault) => {
            assert_eq!(fault.fault_code, "SOAP-ENV:Client");
            assert_eq!(fault.fault_string, "20014 - Authentication failed");
            let detail = mktows::ServiceException::of(fault).unwrap_or_default();
            assert_eq!(detail.name.as_deref(), Some("mktServiceException"));
            assert_eq!(
                detail.message.as_deref(),
                Some("Authentication failed (20014)")
            );
            assert_eq!(detail.code.as_deref(), Some("20014"));
        }
        other => panic!("expected a fault, got {other:?}"),
    }
    assert_eq!(sim.stats().requests_for("requestCampaign"), 1);
    assert!(sim.state().campaign_runs().is_empty());
}

/// A clock that is an hour behind for its first reading, then correct.
struct StaleOnce(AtomicUsize);

impl Clock for StaleOnce {
    fn now(&self) -> DateTime<FixedOffset> {
        let now = Utc::now().fixed_offset();
        if self.0.fetch_add(1, Ordering::SeqCst) == 0 {
            now - TimeDelta::hours(1)
        } else {
            now
        }
    }
}

#[tokio::test]
async fn an_expired_timestamp_is_re_signed_and_the_retry_succeeds() {
    let sim = seeded_simulator().await;
    let client = client_builder(&sim)
        .clock(StaleOnce(AtomicUsize::new(0)))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let result = client.request_campaign(&seed_params()).await;
    assert!(result.is_ok(), "{result:?}");
    let stats = sim.stats();
    assert_eq!(stats.requests_for("requestCampaign"), 2);
    let timestamps: Vec<String> = stats
        .recent_requests
        .iter()
        .filter_map(|r| {
            let start = r.body.find("<requestTimestamp>")? + "<requestTimestamp>".len();
            let end = r.body.find("</requestTimestamp>")?;
            r.body.get(start..end).map(str::to_owned)
        })
        .collect();
    assert_eq!(timestamps.len(), 2);
    assert_ne!(
        timestamps.first(),
        timestamps.get(1),
        "the retry was not re-signed"
    );
    assert_eq!(sim.state().campaign_runs().len(), 1);
}

#[tokio::test]
async fn the_simulator_clock_and_window_decide_expiry() {
    let sim = Simulator::builder()
        .clock(|| Utc::now() + TimeDelta::minutes(10))
        .signature_window(Duration::from_secs(60))
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let client = client_builder(&sim)
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let error = client.get_channels(&ParamsGetChannels::new()).await.err();
    assert_eq!(
        error.and_then(|e| e.fault_code()),
        Some(FaultCode::RequestExpired)
    );
}

#[tokio::test]
async fn rate_limit_faults_are_retried_with_backoff_until_success() {
    let sim = seeded_simulator().await;
    sim.inject(
        InjectionRule::new(Injection::Fault(20023))
            .times(2)
            .for_operation("requestCampaign"),
    );
    let started = std::time::Instant::now();
    let result = client(&sim).request_campaign(&seed_params()).await;
    assert!(result.is_ok(), "{result:?}");
    assert!(
        started.elapsed() >= Duration::from_millis(10),
        "no backoff happened"
    );
    assert_eq!(sim.stats().requests_for("requestCampaign"), 3);
    assert_eq!(sim.state().campaign_runs().len(), 1);
}

#[tokio::test]
async fn a_timeout_on_request_campaign_is_not_retried() {
    let sim = seeded_simulator().await;
    sim.inject(
        InjectionRule::new(Injection::Delay(Duration::from_secs(2)))
            .for_operation("requestCampaign"),
    );
    let client = client_builder(&sim)
        .request_timeout(Duration::from_millis(300))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let error = client.request_campaign(&seed_params()).await.err();
    let error = error.unwrap_or_else(|| panic!("the delayed call succeeded"));
    assert!(matches!(error.kind(), ErrorKind::Transport(_)), "{error:?}");
    assert_eq!(error.attempts(), 1);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(sim.stats().requests_for("requestCampaign"), 1);
}

#[tokio::test]
async fn an_html_502_is_an_http_error_with_an_excerpt() {
    let sim = seeded_simulator().await;
    sim.inject(Injection::HtmlPage(502));
    let error = client(&sim).request_campaign(&seed_params()).await.err();
    match error.as_ref().map(|e| e.kind()) {
        Some(ErrorKind::HttpStatus {
            status,
            body_excerpt,
            content_type,
        }) => {
            assert_eq!(*status, 502);
            assert!(body_excerpt.contains("502 Bad Gateway"), "{body_excerpt}");
            assert!(
                content_type
                    .as_deref()
                    .is_some_and(|c| c.starts_with("text/html"))
            );
        }
        other => panic!("expected an HTTP status error, got {other:?}"),
    }
}

#[tokio::test]
async fn truncated_and_malformed_bodies_are_decode_errors() {
    let sim = seeded_simulator().await;
    let client = client(&sim);
    for injection in [Injection::TruncatedBody, Injection::MalformedXml] {
        sim.inject(injection.clone());
        let error = client.request_campaign(&seed_params()).await.err();
        assert!(
            matches!(error.as_ref().map(|e| e.kind()), Some(ErrorKind::Decode(_))),
            "{injection:?}: {error:?}"
        );
    }
}

#[tokio::test]
async fn a_doctype_response_is_rejected() {
    let sim = seeded_simulator().await;
    sim.inject(Injection::DoctypeBody);
    let error = client(&sim).request_campaign(&seed_params()).await.err();
    match error.as_ref().map(|e| e.kind()) {
        Some(ErrorKind::Decode(e)) => {
            assert!(e.to_string().to_lowercase().contains("doctype"), "{e}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_response_over_the_size_limit_is_rejected() {
    let sim = seeded_simulator().await;
    sim.inject(Injection::OversizedBody(1024 * 1024));
    let client = client_builder(&sim)
        .max_response_bytes(64 * 1024)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let error = client.request_campaign(&seed_params()).await.err();
    assert!(
        matches!(
            error.as_ref().map(|e| e.kind()),
            Some(ErrorKind::ResponseTooLarge { limit: 65536 })
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_secret_appears_in_no_debug_or_error_string() {
    const SECRET: &str = "Sentinel-Secret-7f3a9c";
    let sim = Simulator::builder()
        .secret_key(SECRET)
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let builder = client_builder(&sim).request_timeout(Duration::from_millis(200));
    let mut texts = vec![
        format!("{builder:?}"),
        format!("{sim:?}"),
        format!("{:?}", sim.secret_key()),
    ];
    let client = builder.build().unwrap_or_else(|e| panic!("{e}"));
    texts.push(format!("{client:?}"));
    sim.inject(Injection::Fault(20014));
    sim.inject(Injection::Delay(Duration::from_secs(1)));
    sim.inject(Injection::MalformedXml);
    for _ in 0..3 {
        if let Err(error) = client.request_campaign(&seed_params()).await {
            texts.push(format!("{error:?}"));
            texts.push(error.to_string());
        }
    }
    let wrong = mktows::Client::builder(sim.endpoint(), sim.user_id(), format!("{SECRET}-old"))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Err(error) = wrong.request_campaign(&seed_params()).await {
        texts.push(format!("{error:?}"));
        texts.push(error.to_string());
    }
    assert!(texts.len() >= 10, "not every failure happened: {texts:#?}");
    for text in &texts {
        assert!(!text.contains(SECRET), "secret leaked: {text}");
    }
}

#[tokio::test]
async fn getmultipleleads_pages_every_lead_exactly_once() {
    let sim = Simulator::builder()
        .seed(|s| {
            for i in 0..25 {
                s.add_lead_with_email(format!("page{i}@example.com"));
            }
        })
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let client = client(&sim);
    let emails: Vec<String> = (0..25).map(|i| format!("page{i}@example.com")).collect();
    let mut params = ParamsGetMultipleLeads::new()
        .with_lead_selector(LeadSelector::LeadKeySelector(LeadKeySelector::new(
            LeadKeyRef::Email,
            ArrayOfString::new().with_string_item(emails),
        )))
        .with_batch_size(10);
    let mut seen = Vec::new();
    for _ in 0..10 {
        let page = client.get_multiple_leads(&params).await;
        let result = page.unwrap_or_else(|e| panic!("{e}")).result;
        let records = result
            .lead_record_list
            .and_then(Nillable::into_option)
            .unwrap_or_default();
        assert_eq!(
            usize::try_from(result.return_count).ok(),
            Some(records.lead_record.len())
        );
        seen.extend(
            records
                .lead_record
                .iter()
                .filter_map(|r| r.id.clone()?.into_option()),
        );
        if result.remaining_count == 0 {
            assert!(result.new_stream_position.is_empty());
            break;
        }
        params.stream_position = Some(Nillable::Value(result.new_stream_position));
    }
    let expected: Vec<i32> = sim.state().leads().map(|l| l.id).collect();
    assert_eq!(seen, expected);
    assert_eq!(sim.stats().requests_for("getMultipleLeads"), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_calls_ten_in_flight_all_succeed() {
    let sim = seeded_simulator().await;
    // Each request takes a few milliseconds, so calls would overlap without the client's cap.
    sim.inject(InjectionRule::new(Injection::Delay(Duration::from_millis(3))).times(1000));
    let client = client_builder(&sim)
        .max_concurrent_calls(10)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let client = Arc::new(client);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..1000 {
        let client = Arc::clone(&client);
        tasks.spawn(async move {
            client
                .request_campaign(&seed_params())
                .await
                .map(|r| r.result.success)
        });
    }
    let mut ok = 0;
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(Ok(true)) => ok += 1,
            other => panic!("a call failed: {other:?}"),
        }
    }
    assert_eq!(ok, 1000);
    let stats = sim.stats();
    assert_eq!(stats.requests_for("requestCampaign"), 1000);
    assert!(
        stats.max_concurrency <= 10,
        "{} in flight",
        stats.max_concurrency
    );
    assert!(
        stats.max_concurrency >= 5,
        "calls did not overlap: {}",
        stats.max_concurrency
    );
    assert_eq!(sim.state().campaign_runs().len(), 1000);
}

#[tokio::test]
async fn an_unknown_campaign_is_20113_and_an_unknown_lead_20103() {
    let sim = seeded_simulator().await;
    let client = client(&sim);
    let missing_campaign = client
        .request_campaign(&request_campaign_params(1, &SEED_EMAILS))
        .await;
    assert_eq!(
        missing_campaign.err().and_then(|e| e.fault_code()),
        Some(FaultCode::CampaignNotFound)
    );
    let missing_lead = client
        .request_campaign(&request_campaign_params(4496, &["nobody@company.com"]))
        .await;
    assert_eq!(
        missing_lead.err().and_then(|e| e.fault_code()),
        Some(FaultCode::LeadNotFound)
    );
    assert!(sim.state().campaign_runs().is_empty());
}

#[tokio::test]
async fn a_soap_action_naming_another_operation_is_20012() {
    let sim = seeded_simulator().await;
    let sent = client(&sim).request_campaign(&seed_params()).await;
    assert!(sent.is_ok(), "{sent:?}");
    let body = sim
        .stats()
        .recent_requests
        .first()
        .map(|r| r.body.clone())
        .unwrap_or_default();
    let response = reqwest::Client::new()
        .post(sim.endpoint())
        .header("Content-Type", "text/xml; charset=utf-8")
        .header("SOAPAction", "\"http://www.marketo.com/mktows/getLead\"")
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status().as_u16(), 500);
    let text = response.text().await.unwrap_or_default();
    assert!(text.contains("<code>20012</code>"), "{text}");
    assert_eq!(
        sim.state().campaign_runs().len(),
        1,
        "the mismatched request must not run"
    );
}

#[tokio::test]
async fn request_campaign_guard_errors_come_before_any_io() {
    let sim = seeded_simulator().await;
    let client = client(&sim);
    let both = seed_params().with_campaign_name("Web Service Trigger".to_owned());
    let neither = {
        let mut value = seed_params();
        value.campaign_id = None;
        value
    };
    let emails: Vec<String> = (0..101).map(|i| format!("lead{i}@company.com")).collect();
    let refs: Vec<&str> = emails.iter().map(String::as_str).collect();
    let too_many = request_campaign_params(4496, &refs);
    for params in [both, neither, too_many] {
        let error = client.request_campaign(&params).await.err();
        let error = error.unwrap_or_else(|| panic!("accepted: {params:?}"));
        assert!(
            matches!(error.kind(), ErrorKind::InvalidRequest(_)),
            "{error:?}"
        );
        assert_eq!(error.attempts(), 0);
    }
    assert_eq!(
        sim.stats().total_requests,
        0,
        "a guarded call reached the server"
    );
    for batch in mktows::guards::request_campaign_batches(&request_campaign_params(4496, &refs)) {
        let keys = batch
            .lead_list
            .as_ref()
            .and_then(|l| l.value())
            .map_or(0, |l| l.lead_key.len());
        assert!(keys <= 100);
    }
}

#[tokio::test]
async fn the_simulator_itself_uses_only_the_first_100_lead_keys() {
    use mktows::auth::{AUTHENTICATION_HEADER, SignedHeader};
    use mktows::envelope::{HeaderBlock, write_request};
    use mktows::generated::types::TARGET_NAMESPACE;

    let sim = seeded_simulator().await;
    let keys: Vec<&str> = std::iter::repeat_n(SEED_EMAILS[0], 105).collect();
    let params = request_campaign_params(4496, &keys);
    let signed = SignedHeader::new(&sim.secret_key(), sim.user_id(), &Utc::now().fixed_offset());
    let header = HeaderBlock {
        namespace: mktows::types::TARGET_NAMESPACE,
        local: AUTHENTICATION_HEADER,
        value: &signed,
    };
    let body = write_request(
        TARGET_NAMESPACE,
        &[header],
        "paramsRequestCampaign",
        &params,
    );
    let response = reqwest::Client::new()
        .post(sim.endpoint())
        .header(
            "SOAPAction",
            "http://www.marketo.com/mktows/requestCampaign",
        )
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status().as_u16(), 200);
    let runs = sim.state().campaign_runs().to_vec();
    let run = runs.first().unwrap_or_else(|| panic!("no run recorded"));
    assert_eq!((run.lead_ids.len(), run.ignored_lead_keys), (100, 5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_simulator_can_enforce_marketos_concurrency_limit() {
    let sim = Simulator::builder()
        .state(mktows::simulator::SimState::demo())
        .concurrency_limit(10)
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    sim.inject(InjectionRule::new(Injection::Delay(Duration::from_millis(50))).times(40));
    let run = |client: mktows::Client| async move {
        let client = Arc::new(client);
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let client = Arc::clone(&client);
            tasks.spawn(async move {
                client
                    .get_campaigns_for_source(
                        &mktows::generated::types::ParamsGetCampaignsForSource::new(
                            mktows::generated::types::ReqCampSourceType::Mktows,
                        ),
                    )
                    .await
                    .err()
                    .and_then(|e| e.fault_code())
            });
        }
        let mut limited = 0;
        while let Some(joined) = tasks.join_next().await {
            if joined.ok().flatten() == Some(FaultCode::ConcurrencyLimitExceeded) {
                limited += 1;
            }
        }
        limited
    };
    let uncapped = client_builder(&sim)
        .retry_policy(RetryPolicy::never())
        .build();
    let limited = run(uncapped.unwrap_or_else(|e| panic!("{e}"))).await;
    assert!(limited > 0, "20 parallel calls never hit the limit of 10");
    let capped = client_builder(&sim)
        .retry_policy(RetryPolicy::never())
        .max_concurrent_calls(10)
        .build();
    assert_eq!(run(capped.unwrap_or_else(|e| panic!("{e}"))).await, 0);
}

#[tokio::test]
async fn the_simulator_can_enforce_a_rate_limit() {
    let sim = Simulator::builder()
        .rate_limit(3, Duration::from_secs(60))
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let client = client_builder(&sim)
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut codes = Vec::new();
    for _ in 0..4 {
        let result = client.get_channels(&ParamsGetChannels::new()).await;
        codes.push(result.err().and_then(|e| e.fault_code()));
    }
    assert_eq!(
        codes,
        vec![None, None, None, Some(FaultCode::RateLimitExceeded)]
    );
}
