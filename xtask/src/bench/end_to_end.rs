//! End-to-end call overhead: the generated client against the simulator on loopback, with
//! raw HTTP POSTs of the same envelopes as the floor.
//!
//! One simulator (`mktows::simulator`, in process, 127.0.0.1) is seeded with lead records
//! taken from the benchmark's synthetic `getMultipleLeads` payload. Two exchanges are timed:
//!
//! * a small one, `getLead` by `IDNUM` (one lead record back);
//! * a large one, `getMultipleLeads` with `batchSize` = every seeded lead (1,000 in a full
//!   run), one page back.
//!
//! Each is made two ways, with 1 and with 10 calls in flight:
//!
//! * **client**: `mktows::Client::get_lead` / `get_multiple_leads`, the whole path a user
//!   pays: sign, write the envelope, POST, read the body, check it, decode it, retry
//!   bookkeeping;
//! * **raw floor**: a reqwest POST of the same envelope, built and signed once before the
//!   run, with the same headers, reading the whole body and checking the status. Nothing
//!   is decoded. The simulator's signature window is widened to a day so the one signature
//!   stays valid for the whole run (the simulator's own option; its clock is not touched).
//!
//! Both go through one `reqwest::Client` built with the settings `ClientBuilder` uses by
//! default (rustls, gzip, no redirects, 20 s connect timeout) and handed to the mktows client
//! with `http_client`, so they share the connection pool and its settings. Calls run on a
//! two-worker Tokio runtime (the simulator's tasks too); `in_flight` worker tasks each make
//! calls one after another until the round's count is reached.
//!
//! Rounds alternate the order (client first, then raw first), so a busy moment on the
//! machine hits both alike. Throughput is the best round's calls per wall-clock second;
//! latencies (p50, p99, nearest rank) pool every call of every round. Wall-clock figures
//! measure the run queue as much as the code when other processes compete for the cores,
//! so each round also counts the whole process's CPU time (client, simulator and runtime
//! threads alike): calls per CPU-second is the load-independent view of the same ratio. Before timing, the
//! raw body is decoded and must equal what the client returned, so both sides did the same
//! exchange.

use super::payload::{self, PayloadShape};
use super::rate::per_second;
use super::timing::best_of;
use super::typed;
use bytes::Bytes;
use mktows::auth::{AUTHENTICATION_HEADER, SignedHeader};
use mktows::envelope::{self, HeaderBlock};
use mktows::generated::operations::{GET_LEAD, GET_MULTIPLE_LEADS};
use mktows::generated::types::{
    ArrayOfLeadRecord, LeadKey, LeadKeyRef, LeadRecord, ParamsGetLead, ParamsGetMultipleLeads,
    TARGET_NAMESPACE,
};
use mktows::simulator::{Lead, LeadAttribute, RunningSimulator, Simulator};
use mktows::xml::{DecodeOptions, Nillable, XmlDecode, XmlEncode};
use mktows::{Client, Clock, OperationMeta, SOAP11_CONTENT_TYPE, SecretKey, SystemClock};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use rustix::time::{ClockId, Timespec, clock_gettime};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Calls in flight for each exchange.
pub const IN_FLIGHT: [usize; 2] = [1, 10];
/// Leads returned by the large call in a full run.
pub const FULL_LARGE_LEADS: usize = 1_000;
/// Leads returned by the large call in a quick run.
pub const QUICK_LARGE_LEADS: usize = 100;
/// How long the simulator accepts one signature: the raw floor signs its envelopes once.
const SIGNATURE_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);
/// `ClientBuilder`'s default connect timeout, repeated for the shared HTTP client.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(20);

/// How much work one end-to-end measurement does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndToEndSettings {
    /// Leads seeded, and returned by the large call.
    pub large_leads: usize,
    /// Calls per round of the small exchange, per side.
    pub small_calls: usize,
    /// Calls per round of the large exchange, per side.
    pub large_calls: usize,
    /// Rounds per exchange and concurrency; each round times both sides.
    pub rounds: usize,
}

impl EndToEndSettings {
    /// The sizes for a full or a quick run with `reps` repetitions.
    pub fn for_run(quick: bool, reps: usize) -> Self {
        if quick {
            Self {
                large_leads: QUICK_LARGE_LEADS,
                small_calls: 40,
                large_calls: 20,
                rounds: reps.max(1),
            }
        } else {
            Self {
                large_leads: FULL_LARGE_LEADS,
                small_calls: 400,
                large_calls: 30,
                rounds: reps.max(1),
            }
        }
    }
}

/// The two exchanges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    /// `getLead` of one lead by id.
    GetLead,
    /// `getMultipleLeads` of every seeded lead in one page.
    GetMultipleLeads,
}

impl CallKind {
    /// Short name used in figure keys.
    pub fn key(self) -> &'static str {
        match self {
            CallKind::GetLead => "get_lead",
            CallKind::GetMultipleLeads => "get_multiple_leads",
        }
    }

    fn operation(self) -> &'static OperationMeta {
        match self {
            CallKind::GetLead => &GET_LEAD,
            CallKind::GetMultipleLeads => &GET_MULTIPLE_LEADS,
        }
    }
}

/// Throughput and latency of one side of one scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SideFigures {
    /// Calls per wall-clock second in the best round.
    pub calls_per_second: f64,
    /// Calls per second of process CPU time (every thread) in the best round.
    pub calls_per_cpu_second: f64,
    /// Median latency over every call of every round.
    pub p50: Duration,
    /// 99th percentile latency (nearest rank).
    pub p99: Duration,
    /// Calls timed in all.
    pub calls: usize,
}

/// One exchange at one concurrency, both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Which exchange.
    pub call: CallKind,
    /// Calls in flight.
    pub in_flight: usize,
    /// The generated client.
    pub client: SideFigures,
    /// Raw POSTs of the pre-built envelope.
    pub raw: SideFigures,
    /// The response body's size and decode cost.
    pub response: ResponseCost,
}

/// Everything the end-to-end measurement found.
#[derive(Debug, Clone, PartialEq)]
pub struct EndToEnd {
    /// Leads returned by the large call.
    pub large_leads: usize,
    /// One entry per exchange and concurrency.
    pub scenarios: Vec<Scenario>,
}

/// Runs every scenario on a fresh two-worker runtime and simulator.
pub fn measure(settings: &EndToEndSettings) -> Result<EndToEnd, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("end-to-end: tokio runtime: {e}"))?;
    runtime.block_on(measure_on_runtime(settings))
}

async fn measure_on_runtime(settings: &EndToEndSettings) -> Result<EndToEnd, String> {
    let leads = seed_leads(settings.large_leads)?;
    let first_id = leads
        .first()
        .map(|lead| lead.id)
        .ok_or("end-to-end: no lead to seed")?;
    let simulator = Simulator::builder()
        .signature_window(SIGNATURE_WINDOW)
        .seed(|state| {
            for lead in leads {
                state.add_lead(lead);
            }
        })
        .start()
        .await
        .map_err(|e| format!("end-to-end: starting the simulator: {e}"))?;
    let outcome = measure_scenarios(&simulator, settings, first_id).await;
    simulator.shutdown().await;
    outcome
}

async fn measure_scenarios(
    simulator: &RunningSimulator,
    settings: &EndToEndSettings,
    first_id: i32,
) -> Result<EndToEnd, String> {
    let http = reqwest::Client::builder()
        .use_rustls_tls()
        .gzip(true)
        .connect_timeout(CONNECT_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| format!("end-to-end: HTTP client: {e}"))?;
    let client = Client::builder(
        simulator.endpoint(),
        simulator.user_id(),
        simulator.secret_key(),
    )
    .http_client(http.clone())
    .build()
    .map_err(|e| format!("end-to-end: client: {e}"))?;
    let credentials = Credentials {
        user_id: simulator.user_id().to_owned(),
        key: simulator.secret_key(),
    };
    let url = reqwest::Url::parse(simulator.endpoint())
        .map_err(|e| format!("end-to-end: endpoint: {e}"))?;
    let get_lead = Arc::new(ParamsGetLead::new(LeadKey::new(
        LeadKeyRef::Idnum,
        first_id.to_string(),
    )));
    let batch_size = i32::try_from(settings.large_leads).unwrap_or(i32::MAX);
    let get_multiple_leads = Arc::new(ParamsGetMultipleLeads::new().with_batch_size(batch_size));
    let small_raw = Arc::new(RawPost::new(
        &http,
        &url,
        CallKind::GetLead,
        &credentials,
        &*get_lead,
    )?);
    let large_raw = Arc::new(RawPost::new(
        &http,
        &url,
        CallKind::GetMultipleLeads,
        &credentials,
        &*get_multiple_leads,
    )?);
    let failed = |e: mktows::Error| format!("end-to-end: client call: {e}");
    let answer = client.get_lead(&get_lead).await.map_err(failed)?;
    let small_response = check_raw_answer(
        &small_raw,
        &answer,
        (lead_count(&answer.result.lead_record_list), 1),
    )
    .await?;
    let answer = client
        .get_multiple_leads(&get_multiple_leads)
        .await
        .map_err(failed)?;
    let large_response = check_raw_answer(
        &large_raw,
        &answer,
        (
            lead_count(&answer.result.lead_record_list),
            settings.large_leads,
        ),
    )
    .await?;
    let small = Pair {
        client: Exchange::Client {
            client: client.clone(),
            call: ClientCall::GetLead(get_lead),
        },
        raw: Exchange::Raw(small_raw),
    };
    let large = Pair {
        client: Exchange::Client {
            client,
            call: ClientCall::GetMultipleLeads(get_multiple_leads),
        },
        raw: Exchange::Raw(large_raw),
    };
    let mut scenarios = Vec::new();
    for (call, pair, calls, response) in [
        (
            CallKind::GetLead,
            &small,
            settings.small_calls,
            small_response,
        ),
        (
            CallKind::GetMultipleLeads,
            &large,
            settings.large_calls,
            large_response,
        ),
    ] {
        for in_flight in IN_FLIGHT {
            eprintln!(
                "  {} x {in_flight} in flight: {} rounds of {calls} calls per side",
                call.operation().name,
                settings.rounds
            );
            let (client, raw) = measure_pair(pair, calls, in_flight, settings.rounds).await?;
            scenarios.push(Scenario {
                call,
                in_flight,
                client,
                raw,
                response,
            });
        }
    }
    Ok(EndToEnd {
        large_leads: settings.large_leads,
        scenarios,
    })
}

/// Lead records in a decoded `leadRecordList`.
fn lead_count(list: &Option<Nillable<ArrayOfLeadRecord>>) -> usize {
    match list {
        Some(Nillable::Value(list)) => list.lead_record.len(),
        _ => 0,
    }
}

/// POSTs the raw envelope once: its body must decode to `typed`, the client's answer to the
/// same call, and `(found, expected)` lead counts must agree. Returns the body size and the
/// CPU time decoding that body alone takes, and decoding it then freeing the value (best of
/// a few each), to tell how much of the client's extra cost is the decode.
async fn check_raw_answer<R: XmlDecode + PartialEq>(
    raw: &RawPost,
    typed: &R,
    (found, expected): (usize, usize),
) -> Result<ResponseCost, String> {
    let name = raw.call.operation().name;
    let body = raw.post().await?;
    let text = std::str::from_utf8(&body).map_err(|e| format!("end-to-end: raw body: {e}"))?;
    let (decode, from_raw) = best_of(DECODE_REPS, || {
        envelope::read_response::<R>(
            text,
            TARGET_NAMESPACE,
            raw.call.operation().response_element,
            DecodeOptions::default(),
        )
    });
    let from_raw =
        from_raw.map_err(|e| format!("end-to-end: decoding the raw {name} body: {e}"))?;
    // The client side's timed call also frees the value it decoded.
    let (decode_and_free, ()) = best_of(DECODE_REPS, || {
        drop(std::hint::black_box(envelope::read_response::<R>(
            text,
            TARGET_NAMESPACE,
            raw.call.operation().response_element,
            DecodeOptions::default(),
        )));
    });
    if from_raw != *typed {
        return Err(format!(
            "end-to-end: {name}: the raw exchange answered differently from the client call"
        ));
    }
    if found != expected {
        return Err(format!(
            "end-to-end: {name} returned {found} leads, expected {expected}"
        ));
    }
    Ok(ResponseCost {
        bytes: body.len(),
        decode: decode.cpu,
        decode_and_free: decode_and_free.cpu,
    })
}

/// Repetitions of the stand-alone decode of a response body.
const DECODE_REPS: usize = 5;

/// A response body's size and what decoding it alone costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseCost {
    /// Body size, bytes.
    pub bytes: usize,
    /// Thread CPU time of one typed decode of the body (best of a few).
    pub decode: Duration,
    /// Thread CPU time of one typed decode of the body and freeing the decoded value, the
    /// work a timed client call does beyond the exchange (best of a few).
    pub decode_and_free: Duration,
}

/// Times both sides of one scenario, `rounds` rounds, alternating which goes first.
async fn measure_pair(
    pair: &Pair,
    calls: usize,
    in_flight: usize,
    rounds: usize,
) -> Result<(SideFigures, SideFigures), String> {
    // Warm up: open the connections both sides will use.
    for exchange in [&pair.client, &pair.raw] {
        run_round(exchange, in_flight * 2, in_flight).await?;
    }
    let mut client = SideTimes::default();
    let mut raw = SideTimes::default();
    for round in 0..rounds {
        if round % 2 == 0 {
            client.add(run_round(&pair.client, calls, in_flight).await?);
            raw.add(run_round(&pair.raw, calls, in_flight).await?);
        } else {
            raw.add(run_round(&pair.raw, calls, in_flight).await?);
            client.add(run_round(&pair.client, calls, in_flight).await?);
        }
    }
    Ok((client.figures(), raw.figures()))
}

/// One round: `calls` calls by `in_flight` workers, each making calls one after another.
async fn run_round(exchange: &Exchange, calls: usize, in_flight: usize) -> Result<Round, String> {
    let next = Arc::new(AtomicUsize::new(0));
    let cpu_started = process_cpu_time();
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..in_flight.clamp(1, calls.max(1)) {
        let exchange = exchange.clone();
        let next = Arc::clone(&next);
        workers.spawn(async move {
            let mut latencies = Vec::with_capacity(calls);
            while next.fetch_add(1, Ordering::Relaxed) < calls {
                let call_started = Instant::now();
                exchange.call_once().await?;
                latencies.push(call_started.elapsed());
            }
            Ok::<_, String>(latencies)
        });
    }
    let mut latencies = Vec::with_capacity(calls);
    while let Some(joined) = workers.join_next().await {
        latencies.extend(joined.map_err(|e| format!("end-to-end: worker: {e}"))??);
    }
    Ok(Round {
        elapsed: started.elapsed(),
        cpu: process_cpu_time().saturating_sub(cpu_started),
        latencies,
    })
}

/// CPU time of the whole process so far, every thread included.
fn process_cpu_time() -> Duration {
    let Timespec { tv_sec, tv_nsec } = clock_gettime(ClockId::ProcessCPUTime);
    let seconds = u64::try_from(tv_sec).unwrap_or(0);
    let nanos = u64::try_from(tv_nsec).unwrap_or(0);
    Duration::from_secs(seconds).saturating_add(Duration::from_nanos(nanos))
}

/// What one round measured.
struct Round {
    elapsed: Duration,
    cpu: Duration,
    latencies: Vec<Duration>,
}

/// The rounds of one side, accumulated.
#[derive(Default)]
struct SideTimes {
    best_rate: Option<f64>,
    best_cpu_rate: Option<f64>,
    latencies: Vec<Duration>,
}

impl SideTimes {
    fn add(&mut self, round: Round) {
        let rate = per_second(round.latencies.len() as f64, round.elapsed);
        self.best_rate = Some(self.best_rate.map_or(rate, |best| best.max(rate)));
        let cpu_rate = per_second(round.latencies.len() as f64, round.cpu);
        self.best_cpu_rate = Some(
            self.best_cpu_rate
                .map_or(cpu_rate, |best| best.max(cpu_rate)),
        );
        self.latencies.extend(round.latencies);
    }

    fn figures(mut self) -> SideFigures {
        self.latencies.sort_unstable();
        SideFigures {
            calls_per_second: self.best_rate.unwrap_or(0.0),
            calls_per_cpu_second: self.best_cpu_rate.unwrap_or(0.0),
            p50: percentile(&self.latencies, 50),
            p99: percentile(&self.latencies, 99),
            calls: self.latencies.len(),
        }
    }
}

/// Nearest-rank percentile of sorted durations (zero for none).
fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (percent * sorted.len()).div_ceil(100).max(1);
    sorted
        .get(rank - 1)
        .or(sorted.last())
        .copied()
        .unwrap_or_default()
}

/// The client side and the raw side of one exchange.
struct Pair {
    client: Exchange,
    raw: Exchange,
}

/// One way of making a call, cheap to clone into worker tasks.
#[derive(Clone)]
enum Exchange {
    Client { client: Client, call: ClientCall },
    Raw(Arc<RawPost>),
}

/// A generated client method and its parameters.
#[derive(Clone)]
enum ClientCall {
    GetLead(Arc<ParamsGetLead>),
    GetMultipleLeads(Arc<ParamsGetMultipleLeads>),
}

impl Exchange {
    /// Makes the call once; the result is kept from the optimiser and dropped.
    async fn call_once(&self) -> Result<(), String> {
        let failed = |e: mktows::Error| format!("end-to-end: client call: {e}");
        match self {
            Exchange::Client {
                client,
                call: ClientCall::GetLead(params),
            } => drop(std::hint::black_box(
                client.get_lead(params).await.map_err(failed)?,
            )),
            Exchange::Client {
                client,
                call: ClientCall::GetMultipleLeads(params),
            } => drop(std::hint::black_box(
                client.get_multiple_leads(params).await.map_err(failed)?,
            )),
            Exchange::Raw(raw) => drop(std::hint::black_box(raw.post().await?)),
        }
        Ok(())
    }
}

/// The accepted credentials, for signing the raw envelopes.
struct Credentials {
    user_id: String,
    key: SecretKey,
}

/// A pre-built, pre-signed request envelope and what is needed to POST it.
struct RawPost {
    http: reqwest::Client,
    url: reqwest::Url,
    call: CallKind,
    soap_action: HeaderValue,
    body: Bytes,
}

impl RawPost {
    /// Signs once (now) and writes the envelope the client would write for `params`.
    fn new(
        http: &reqwest::Client,
        url: &reqwest::Url,
        call: CallKind,
        credentials: &Credentials,
        params: &dyn XmlEncode,
    ) -> Result<Self, String> {
        let op = call.operation();
        let signed = SignedHeader::new(&credentials.key, &credentials.user_id, &SystemClock.now());
        let envelope = envelope::write_request(
            op.namespace,
            &[HeaderBlock {
                namespace: mktows::types::TARGET_NAMESPACE,
                local: AUTHENTICATION_HEADER,
                value: &signed,
            }],
            op.request_element,
            params,
        );
        let soap_action = HeaderValue::from_str(&format!("\"{}\"", op.soap_action))
            .map_err(|e| format!("end-to-end: SOAPAction of {}: {e}", op.name))?;
        Ok(Self {
            http: http.clone(),
            url: url.clone(),
            call,
            soap_action,
            body: Bytes::from(envelope),
        })
    }

    /// POSTs the envelope with the client's headers and reads the whole body (HTTP 200 only).
    async fn post(&self) -> Result<Bytes, String> {
        let response = self
            .http
            .post(self.url.clone())
            .header(CONTENT_TYPE, SOAP11_CONTENT_TYPE)
            .header(ACCEPT, "text/xml")
            .header("SOAPAction", self.soap_action.clone())
            .body(self.body.clone())
            .send()
            .await
            .map_err(|e| format!("end-to-end: raw POST: {e}"))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| format!("end-to-end: raw body: {e}"))?;
        if !status.is_success() {
            let start = String::from_utf8_lossy(body.get(..300).unwrap_or(&body));
            return Err(format!("end-to-end: raw POST: HTTP {status}: {start}"));
        }
        Ok(body)
    }
}

/// `count` lead records from the benchmark's synthetic payload, as simulator leads.
fn seed_leads(count: usize) -> Result<Vec<Lead>, String> {
    let xml = payload::get_multiple_leads_response(PayloadShape {
        leads: count,
        attributes: super::suite::ATTRIBUTES_PER_LEAD,
        seed: payload::DEFAULT_SEED ^ 2,
    });
    let decoded = typed::decode_response(&xml)?;
    let records = match decoded.result.lead_record_list {
        Some(Nillable::Value(list)) => list.lead_record,
        _ => Vec::new(),
    };
    records.into_iter().map(simulator_lead).collect()
}

/// A decoded lead record as the simulator stores it.
fn simulator_lead(record: LeadRecord) -> Result<Lead, String> {
    let value = |field: Option<Nillable<String>>| field.and_then(|f| f.value().cloned());
    let id = record
        .id
        .as_ref()
        .and_then(Nillable::value)
        .copied()
        .ok_or("end-to-end: a payload lead has no Id")?;
    let mut lead = Lead::new(id, value(record.email).unwrap_or_default());
    lead.foreign_sys_person_id = value(record.foreign_sys_person_id);
    lead.foreign_sys_type = record.foreign_sys_type.and_then(|t| t.value().cloned());
    if let Some(Nillable::Value(list)) = record.lead_attribute_list {
        for attribute in list.attribute {
            let attr_type = value(attribute.attr_type).unwrap_or_else(|| "string".to_owned());
            lead.attributes.insert(
                attribute.attr_name,
                LeadAttribute {
                    value: attribute.attr_value,
                    attr_type,
                },
            );
        }
    }
    Ok(lead)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_runs_are_small_and_full_runs_return_a_thousand_leads() {
        let quick = EndToEndSettings::for_run(true, 2);
        assert_eq!((quick.large_leads, quick.rounds), (QUICK_LARGE_LEADS, 2));
        let full = EndToEndSettings::for_run(false, 5);
        assert_eq!((full.large_leads, full.rounds), (1_000, 5));
        assert!(quick.small_calls < full.small_calls && quick.large_calls < full.large_calls);
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let sorted: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&sorted, 50), Duration::from_millis(50));
        assert_eq!(percentile(&sorted, 99), Duration::from_millis(99));
        let few: Vec<Duration> = (1..=3).map(Duration::from_millis).collect();
        assert_eq!(percentile(&few, 50), Duration::from_millis(2));
        assert_eq!(percentile(&few, 99), Duration::from_millis(3));
        assert_eq!(percentile(&[], 50), Duration::ZERO);
    }

    #[test]
    fn seeded_leads_carry_the_payload_records() {
        let leads = seed_leads(5).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(leads.len(), 5);
        let ids: Vec<i32> = leads.iter().map(|l| l.id).collect();
        assert_eq!(ids, vec![60_000, 60_001, 60_002, 60_003, 60_004]);
        assert!(leads.iter().all(|l| l.attributes.len() == 25));
        assert!(
            leads
                .iter()
                .all(|l| l.email.as_deref().is_some_and(|e| e.contains('@')))
        );
    }

    #[test]
    fn a_tiny_run_times_both_sides_of_every_scenario() {
        let settings = EndToEndSettings {
            large_leads: 12,
            small_calls: 4,
            large_calls: 3,
            rounds: 2,
        };
        let measured = measure(&settings).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(measured.large_leads, 12);
        let shapes: Vec<(CallKind, usize)> = measured
            .scenarios
            .iter()
            .map(|s| (s.call, s.in_flight))
            .collect();
        assert_eq!(
            shapes,
            vec![
                (CallKind::GetLead, 1),
                (CallKind::GetLead, 10),
                (CallKind::GetMultipleLeads, 1),
                (CallKind::GetMultipleLeads, 10),
            ]
        );
        for scenario in &measured.scenarios {
            let calls = if scenario.call == CallKind::GetLead {
                4
            } else {
                3
            };
            for side in [scenario.client, scenario.raw] {
                assert_eq!(side.calls, calls * 2, "{scenario:?}");
                assert!(side.calls_per_second > 0.0, "{scenario:?}");
                assert!(side.calls_per_cpu_second > 0.0, "{scenario:?}");
                assert!(side.p50 <= side.p99, "{scenario:?}");
            }
        }
        let large = measured
            .scenarios
            .iter()
            .find(|s| s.call == CallKind::GetMultipleLeads)
            .map_or(0, |s| s.response.bytes);
        let small = measured.scenarios.first().map_or(0, |s| s.response.bytes);
        assert!(large > small * 5, "large {large}, small {small}");
        assert!(
            measured
                .scenarios
                .iter()
                .all(|s| s.response.decode > Duration::ZERO
                    && s.response.decode_and_free > Duration::ZERO)
        );
    }
}
