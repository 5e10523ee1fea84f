//! The simulator under hostile load, over real loopback sockets: idle and byte-trickling
//! connections, too many connections, short and oversized bodies, long state work, large
//! requests, and the WSDL it serves.
//!
//! The numbers are modest so the file runs in seconds; larger runs use the same tests with
//! environment variables (the measured figures are printed with `--nocapture`):
//! - `MKTOWS_HARDENING_CONNECTIONS` (default 300): hostile connections opened at once;
//! - `MKTOWS_HARDENING_IDLE_SECS` (default 1): the idle timeout they are served with;
//! - `MKTOWS_HARDENING_MAX_CONNECTIONS` (default: the simulator's): the connection cap then;
//! - `MKTOWS_HARDENING_BATCH` (default 2500): leads in the large syncMultipleLeads.
//!
//! Tests run one at a time (they share the process's file descriptors, CPU and memory figures).

#[allow(dead_code)] // only `shared_dir` is used here
#[path = "support/shared_data.rs"]
mod shared_data;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use mktows::simulator::{
    Injection, InjectionRule, RECORDED_TOTAL_BYTES, RunningSimulator, SimState, Simulator,
    SimulatorBuilder,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Mutex;

/// One test at a time.
static SERIAL: Mutex<()> = Mutex::const_new(());

/// A positive number from the environment, else `default`.
fn env_number(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|v| *v > 0.0)
        .unwrap_or(default)
}

/// A simulator with the demo instance (campaign 4496).
async fn start(builder: SimulatorBuilder) -> RunningSimulator {
    builder
        .state(SimState::demo())
        .start()
        .await
        .unwrap_or_else(|e| panic!("simulator did not start: {e}"))
}

/// A signed SOAP envelope around `body` for `sim`'s credentials.
fn signed_envelope(sim: &RunningSimulator, body: &str) -> String {
    let timestamp = mktows::auth::format_timestamp(&Utc::now().fixed_offset());
    let signature = mktows::auth::sign(&sim.secret_key(), &timestamp, sim.user_id());
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://www.marketo.com/mktows/">
<SOAP-ENV:Header><ns1:AuthenticationHeader><mktowsUserId>{user}</mktowsUserId><requestSignature>{signature}</requestSignature><requestTimestamp>{timestamp}</requestTimestamp></ns1:AuthenticationHeader></SOAP-ENV:Header>
<SOAP-ENV:Body>{body}</SOAP-ENV:Body></SOAP-ENV:Envelope>"#,
        user = sim.user_id()
    )
}

/// POSTs a SOAP body; the status and response text.
async fn post(endpoint: &str, envelope: String) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(endpoint)
        .header("Content-Type", "text/xml; charset=utf-8")
        .body(envelope)
        .send()
        .await
        .unwrap_or_else(|e| panic!("POST failed: {e}"));
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// getCampaignsForSource, which the demo instance answers with campaign 4496; how long it took.
async fn valid_call(sim: &RunningSimulator) -> Duration {
    let envelope = signed_envelope(
        sim,
        "<ns1:paramsGetCampaignsForSource><source>MKTOWS</source></ns1:paramsGetCampaignsForSource>",
    );
    let started = Instant::now();
    let (status, body) = post(sim.endpoint(), envelope).await;
    let elapsed = started.elapsed();
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("<id>4496</id>"), "{body}");
    elapsed
}

/// GET ?WSDL; how long it took (the answer must be the WSDL).
async fn wsdl_latency(sim: &RunningSimulator) -> Duration {
    let started = Instant::now();
    let response = reqwest::get(sim.wsdl_url())
        .await
        .unwrap_or_else(|e| panic!("GET ?WSDL failed: {e}"));
    assert_eq!(response.status().as_u16(), 200);
    let text = response.text().await.unwrap_or_default();
    let elapsed = started.elapsed();
    assert!(text.contains(sim.endpoint()), "{text}");
    elapsed
}

/// A small WSDL file with a `soap:address` at Marketo's host, in a fresh temporary directory.
fn fixture_wsdl(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("mktows-hardening-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("service.wsdl");
    std::fs::write(
        &file,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/">
  <wsdl:service name="MktMktowsApiService">
    <wsdl:port binding="tns:MktowsApiSoapBinding" name="MktowsApiSoapPort">
      <soap:address location="https://na-aba.marketo.com/soap/mktows/2_2" />
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    file
}

/// The process's soft open-file limit, when the platform has one.
fn open_file_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        rustix::process::getrlimit(rustix::process::Resource::Nofile).current
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// What a hostile connection does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hostile {
    /// Connects and sends nothing.
    Idle,
    /// Sends a request head one byte every 100 ms, never finishing it.
    TrickledHead,
    /// Sends a complete head announcing 1,000 body bytes, then 500 of them and nothing more.
    ShortBody,
}

/// Opens a hostile connection; the task ends when the server closes it and yields how long
/// the connection stayed open and what the server sent.
async fn hostile(
    address: std::net::SocketAddr,
    kind: Hostile,
) -> tokio::task::JoinHandle<(Duration, Vec<u8>)> {
    let stream = TcpStream::connect(address)
        .await
        .unwrap_or_else(|e| panic!("connect failed: {e}"));
    let opened = Instant::now();
    tokio::spawn(async move {
        let (mut read, mut write) = stream.into_split();
        let writer = tokio::spawn(async move {
            match kind {
                Hostile::Idle => {}
                Hostile::TrickledHead => {
                    for byte in b"POST /soap/mktows/2_2 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                        .iter()
                        .cycle()
                    {
                        if write.write_all(&[*byte]).await.is_err() {
                            break;
                        }
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
                Hostile::ShortBody => {
                    let head = "POST /soap/mktows/2_2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n";
                    let _ = write.write_all(head.as_bytes()).await;
                    let _ = write.write_all(&[b' '; 500]).await;
                }
            }
            // Keep the write half open until the server closes the connection.
            write
        });
        let mut received = Vec::new();
        let _ = read.read_to_end(&mut received).await;
        let stayed_open = opened.elapsed();
        writer.abort();
        (stayed_open, received)
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_trickling_connections_neither_lock_out_calls_nor_stay_open() {
    let _serial = SERIAL.lock().await;
    let idle = Duration::from_secs_f64(env_number("MKTOWS_HARDENING_IDLE_SECS", 1.0));
    let mut wanted = env_number("MKTOWS_HARDENING_CONNECTIONS", 300.0) as u64;
    // Each connection takes a descriptor on both ends, in this one process.
    if let Some(limit) = open_file_limit() {
        let fits = limit.saturating_sub(256) / 2;
        if wanted > fits {
            println!("open-file limit {limit}: opening {fits} connections instead of {wanted}");
            wanted = fits;
        }
    }
    assert!(wanted >= 30, "too few descriptors to run this test");
    let mut builder = Simulator::builder().idle_timeout(idle).body_timeout(idle);
    let cap = std::env::var("MKTOWS_HARDENING_MAX_CONNECTIONS").ok();
    if let Some(cap) = &cap {
        let cap = cap
            .parse()
            .unwrap_or_else(|e| panic!("MKTOWS_HARDENING_MAX_CONNECTIONS: {e}"));
        builder = builder.max_connections(cap);
    }
    let sim = start(builder).await;
    let kinds = [Hostile::Idle, Hostile::TrickledHead, Hostile::ShortBody];
    let mut connections = Vec::new();
    for n in 0..wanted {
        let kind = kinds[(n % 3) as usize];
        connections.push((kind, hostile(sim.address(), kind).await));
    }

    let answered_in = tokio::time::timeout(Duration::from_secs(2), valid_call(&sim))
        .await
        .unwrap_or_else(|_| panic!("no answer within 2 s with {wanted} hostile connections open"));

    let mut longest_open = Duration::ZERO;
    let mut closed_for_room = 0;
    for (kind, connection) in connections {
        let (stayed_open, received) =
            tokio::time::timeout(idle + Duration::from_secs(10), connection)
                .await
                .unwrap_or_else(|_| panic!("a {kind:?} connection was not closed"))
                .unwrap_or_else(|e| panic!("{e}"));
        longest_open = longest_open.max(stayed_open);
        if kind == Hostile::ShortBody {
            let text = String::from_utf8_lossy(&received);
            if cap.is_some() && text.is_empty() {
                // Below the number of connections, a cap closes the longest idle to make room.
                closed_for_room += 1;
            } else {
                assert!(text.starts_with("HTTP/1.1 408"), "{text}");
            }
        }
    }
    println!(
        "{wanted} hostile connections (idle, trickled heads, short bodies), idle timeout {idle:?}, \
         cap {}: valid call answered in {answered_in:?}; every connection closed after at most \
         {longest_open:?} ({closed_for_room} short bodies closed unanswered to make room)",
        cap.as_deref().unwrap_or("default")
    );
    assert!(
        longest_open <= idle + Duration::from_secs(5),
        "a connection stayed open {longest_open:?} with an idle timeout of {idle:?}"
    );
    // The slots freed by the closed connections serve new clients.
    valid_call(&sim).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_cap_the_longest_idle_connections_make_room() {
    let _serial = SERIAL.lock().await;
    let cap = 20;
    // Far longer than the test: only eviction can free a slot.
    let idle = Duration::from_secs(60);
    let sim = start(
        Simulator::builder()
            .max_connections(cap)
            .idle_timeout(idle)
            .body_timeout(idle),
    )
    .await;
    let kinds = [Hostile::Idle, Hostile::TrickledHead, Hostile::ShortBody];
    let mut connections = Vec::new();
    for n in 0..3 * cap {
        let kind = kinds[n % 3];
        connections.push(hostile(sim.address(), kind).await);
    }
    let answered_in = tokio::time::timeout(Duration::from_secs(2), valid_call(&sim))
        .await
        .unwrap_or_else(|_| panic!("no answer within 2 s at the cap of {cap} connections"));
    assert!(
        sim.open_connections() <= cap,
        "{} connections open",
        sim.open_connections()
    );
    // The oldest hostile connections were closed, long before the idle timeout.
    let first = connections.remove(0);
    let (stayed_open, _) = tokio::time::timeout(Duration::from_secs(5), first)
        .await
        .unwrap_or_else(|_| panic!("the longest-idle connection was not closed"))
        .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "{} hostile connections at a cap of {cap}: valid call answered in {answered_in:?}; \
         the first hostile connection was closed after {stayed_open:?}",
        3 * cap
    );
    for connection in connections {
        connection.abort();
    }
}

#[tokio::test]
async fn when_every_connection_is_busy_new_clients_wait_for_a_slot() {
    let _serial = SERIAL.lock().await;
    let delay = Duration::from_millis(800);
    let sim = Arc::new(start(Simulator::builder().max_connections(2)).await);
    sim.inject(InjectionRule::new(Injection::Delay(delay)).times(2));
    let busy: Vec<_> = (0..2)
        .map(|_| {
            let sim = Arc::clone(&sim);
            tokio::spawn(async move { valid_call(&sim).await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(sim.open_connections(), 2);
    let waited = tokio::time::timeout(Duration::from_secs(5), valid_call(&sim))
        .await
        .unwrap_or_else(|_| panic!("the call never got a slot"));
    assert!(
        waited >= delay / 2,
        "answered after {waited:?}: a busy connection was closed or the cap not applied"
    );
    for call in busy {
        let took = call.await.unwrap_or_else(|e| panic!("{e}"));
        assert!(took >= delay, "{took:?}");
    }
    assert_eq!(sim.pending_injections(), 0);
}

#[tokio::test]
async fn a_kept_alive_connection_is_closed_once_idle_for_the_idle_timeout() {
    let _serial = SERIAL.lock().await;
    let idle = Duration::from_millis(600);
    let sim = start(Simulator::builder().idle_timeout(idle)).await;
    let mut stream = TcpStream::connect(sim.address())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Two requests on one connection, then silence.
    for _ in 0..2 {
        stream
            .write_all(b"GET /soap/mktows/2_2?WSDL HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        tokio::time::sleep(idle / 3).await;
    }
    let silent_from = Instant::now();
    let mut received = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut received))
        .await
        .unwrap_or_else(|_| panic!("the idle kept-alive connection stayed open"))
        .unwrap_or_else(|e| panic!("{e}"));
    let silent_for = silent_from.elapsed();
    let text = String::from_utf8_lossy(&received);
    // Both requests were answered (no WSDL configured: 404) on the same connection.
    assert_eq!(text.matches("HTTP/1.1 404").count(), 2, "{text}");
    assert!(
        silent_for >= idle / 2 && silent_for < idle + Duration::from_secs(2),
        "closed after {silent_for:?} of silence"
    );
}

#[tokio::test]
async fn a_body_short_of_its_length_is_408_within_the_body_timeout() {
    let _serial = SERIAL.lock().await;
    let timeout = Duration::from_millis(500);
    let sim = start(Simulator::builder().body_timeout(timeout)).await;
    let started = Instant::now();
    let connection = hostile(sim.address(), Hostile::ShortBody).await;
    let (stayed_open, received) = tokio::time::timeout(Duration::from_secs(5), connection)
        .await
        .unwrap_or_else(|_| panic!("the short body was waited on for 5 s"))
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&received);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(
        text.to_ascii_lowercase().contains("connection: close"),
        "{text}"
    );
    assert!(stayed_open >= timeout && started.elapsed() < Duration::from_secs(3));
    assert_eq!(
        sim.stats().total_requests,
        0,
        "an incomplete request is not counted"
    );
}

#[tokio::test]
async fn bodies_over_the_cap_are_413_with_a_fault_and_never_reach_the_operations() {
    let _serial = SERIAL.lock().await;
    let sim = start(Simulator::builder().max_request_bytes(1024)).await;
    // Declared too large: refused before the body is read.
    let (status, body) = post(sim.endpoint(), "x".repeat(5000)).await;
    assert_eq!(status, 413);
    assert!(
        body.contains("<faultstring>20012 - Request Not Understood: the request body is larger than 1024 bytes</faultstring>"),
        "{body}"
    );
    // Chunked, so the size is only known while reading.
    let mut stream = TcpStream::connect(sim.address())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut request = String::from(
        "POST /soap/mktows/2_2 HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n",
    );
    for _ in 0..5 {
        request.push_str(&format!("3e8\r\n{}\r\n", " ".repeat(1000)));
    }
    request.push_str("0\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert_eq!(sim.stats().total_requests, 0);
    // At the cap exactly: read and answered by the operations (not SOAP, so 20012 with 500).
    let (status, body) = post(sim.endpoint(), " ".repeat(1024)).await;
    assert_eq!(status, 500, "{body}");
    assert_eq!(sim.stats().total_requests, 1);
}

#[tokio::test]
async fn the_wsdl_points_at_the_simulator_itself() {
    let _serial = SERIAL.lock().await;
    let file = fixture_wsdl("address");
    let sim = start(Simulator::builder().wsdl_path(&file)).await;
    let text = reqwest::get(format!("{}?wsdl", sim.endpoint()))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .text()
        .await
        .unwrap_or_default();
    let document = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let locations: Vec<&str> = document
        .descendants()
        .filter(|n| n.tag_name().name() == "address")
        .filter_map(|n| n.attribute("location"))
        .collect();
    assert_eq!(locations, vec![sim.endpoint()]);
    assert!(text.contains(r#"name="MktowsApiSoapPort""#));
    if let Some(parent) = file.parent() {
        let _ = std::fs::remove_dir_all(parent);
    }
}

/// Marketo's own WSDL: the one address now names this simulator, the rest is unchanged.
#[tokio::test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
async fn marketo_wsdl_is_served_with_only_its_address_changed() {
    let _serial = SERIAL.lock().await;
    let shared = shared_data::shared_dir();
    let path = shared.join("wsdl/marketo/mktows-2_2.wsdl");
    let original = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let sim = start(Simulator::builder().wsdl_path(&path)).await;
    let served = reqwest::get(sim.wsdl_url())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .text()
        .await
        .unwrap_or_default();
    let marketo = "https://na-aba.marketo.com/soap/mktows/2_2";
    assert!(original.contains(marketo));
    assert!(!served.contains(marketo));
    let restored = served.replace(
        &format!(r#"<soap:address location="{}"/>"#, sim.endpoint()),
        &format!(r#"<soap:address location="{marketo}" />"#),
    );
    assert_eq!(restored, original);
}

#[tokio::test]
async fn state_work_does_not_stall_other_connections() {
    let _serial = SERIAL.lock().await;
    // One async worker: any handler blocking on the state would stall everything.
    let file = fixture_wsdl("locked");
    let sim = Arc::new(start(Simulator::builder().wsdl_path(&file)).await);
    let hold = Duration::from_millis(1500);
    let (locked_tx, locked_rx) = tokio::sync::oneshot::channel();
    let holder = {
        let sim = Arc::clone(&sim);
        std::thread::spawn(move || {
            let _state = sim.state();
            let _ = locked_tx.send(());
            std::thread::sleep(hold);
        })
    };
    locked_rx.await.unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let sim = Arc::clone(&sim);
            tokio::spawn(async move { valid_call(&sim).await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let latency = wsdl_latency(&sim).await;
    println!("GET ?WSDL answered in {latency:?} while 8 calls waited for the state lock");
    assert!(latency < Duration::from_millis(500), "{latency:?}");
    for call in calls {
        call.await.unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(started.elapsed() >= hold - Duration::from_millis(300));
    holder
        .join()
        .unwrap_or_else(|_| panic!("the lock holder panicked"));
    if let Some(parent) = file.parent() {
        let _ = std::fs::remove_dir_all(parent);
    }
}

#[tokio::test]
async fn a_large_batch_does_not_delay_the_wsdl() {
    let _serial = SERIAL.lock().await;
    let leads = env_number("MKTOWS_HARDENING_BATCH", 2_500.0) as usize;
    let file = fixture_wsdl("batch");
    let sim = Arc::new(
        start(
            Simulator::builder()
                .wsdl_path(&file)
                .max_request_bytes(256 * 1024 * 1024),
        )
        .await,
    );
    let records: String = (0..leads)
        .map(|n| format!("<leadRecord><Email>lead{n}@example.com</Email></leadRecord>"))
        .collect();
    let envelope = signed_envelope(
        &sim,
        &format!(
            "<ns1:paramsSyncMultipleLeads><leadRecordList>{records}</leadRecordList></ns1:paramsSyncMultipleLeads>"
        ),
    );
    let batch = {
        let endpoint = sim.endpoint().to_owned();
        tokio::spawn(async move {
            let started = Instant::now();
            let (status, _) = post(&endpoint, envelope).await;
            (status, started.elapsed())
        })
    };
    let mut slowest = Duration::ZERO;
    let mut probes = 0;
    loop {
        slowest = slowest.max(wsdl_latency(&sim).await);
        probes += 1;
        if batch.is_finished() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (status, took) = batch.await.unwrap_or_else(|e| panic!("{e}"));
    println!(
        "syncMultipleLeads of {leads} leads: HTTP {status} after {took:?}; \
         {probes} GET ?WSDL meanwhile, slowest {slowest:?}"
    );
    // Answered either way: done, or refused as over Marketo's batch maximum.
    assert!(status == 200 || status == 500, "{status}");
    assert!(slowest < Duration::from_millis(500), "{slowest:?}");
    if let Some(parent) = file.parent() {
        let _ = std::fs::remove_dir_all(parent);
    }
}

/// The resident set size of this process, in bytes (Linux only).
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Set in the child process that runs the memory test alone.
const MEMORY_CHILD: &str = "MKTOWS_HARDENING_MEMORY_CHILD";

#[tokio::test]
async fn memory_stays_bounded_after_seventy_4_mib_requests() {
    let _serial = SERIAL.lock().await;
    if std::env::var_os(MEMORY_CHILD).is_none() {
        // Measure in a fresh process (this test alone), so other tests' memory does not count.
        let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
        let output = tokio::process::Command::new(exe)
            .args([
                "--exact",
                "memory_stays_bounded_after_seventy_4_mib_requests",
                "--nocapture",
            ])
            .env(MEMORY_CHILD, "1")
            .output()
            .await
            .unwrap_or_else(|e| panic!("cannot run the memory test in a child process: {e}"));
        let stdout = String::from_utf8_lossy(&output.stdout);
        println!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
        assert!(output.status.success(), "the memory test failed");
        assert!(stdout.contains("1 passed"), "the memory test did not run");
        if cfg!(target_os = "linux") {
            assert!(stdout.contains("resident set:"), "nothing was measured");
        }
        return;
    }
    let Some(before) = resident_bytes() else {
        println!("no /proc/self/status here: memory is not measured");
        return;
    };
    let sim = start(Simulator::builder()).await;
    let pad = "a".repeat(4 * 1024 * 1024 - 2048);
    for _ in 0..70 {
        let envelope = signed_envelope(
            &sim,
            &format!(
                "<ns1:paramsGetLead><leadKey><keyType>EMAIL</keyType><keyValue>{pad}</keyValue></leadKey></ns1:paramsGetLead>"
            ),
        );
        assert!(envelope.len() <= 4 * 1024 * 1024);
        let (status, body) = post(sim.endpoint(), envelope).await;
        // Decoded and run: no such lead.
        assert_eq!(status, 500);
        assert!(body.contains("<code>20103</code>"), "{body}");
    }
    let stats = sim.stats();
    assert_eq!(stats.requests_for("getLead"), 70);
    let kept: usize = stats.recent_requests.iter().map(|r| r.body.len()).sum();
    assert!(kept <= RECORDED_TOTAL_BYTES, "{kept}");
    assert!(stats.recent_requests.iter().all(|r| r.is_truncated()));
    drop(stats);
    let after = resident_bytes().unwrap_or(u64::MAX);
    println!(
        "resident set: {} MB before, {} MB after 70 requests of 4 MiB",
        before / 1_000_000,
        after / 1_000_000
    );
    assert!(after < 100_000_000, "{after} bytes resident");
}
