//! The simulator's HTTP surface over real sockets: routing, the WSDL, injected failures,
//! request accounting and shutdown.

use std::time::Duration;

use mktows::simulator::{Injection, InjectionRule, RunningSimulator, Simulator};

const REQUEST_CAMPAIGN_BODY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://www.marketo.com/mktows/">
<SOAP-ENV:Body><ns1:paramsRequestCampaign><source>MKTOWS</source><campaignId>4496</campaignId></ns1:paramsRequestCampaign></SOAP-ENV:Body>
</SOAP-ENV:Envelope>"#;

async fn start() -> RunningSimulator {
    Simulator::builder()
        .start()
        .await
        .unwrap_or_else(|e| panic!("simulator did not start: {e}"))
}

async fn post(sim: &RunningSimulator, body: &str) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(sim.endpoint())
        .header("Content-Type", "text/xml; charset=utf-8")
        .header(
            "SOAPAction",
            "\"http://www.marketo.com/mktows/requestCampaign\"",
        )
        .body(body.to_owned())
        .send()
        .await
        .unwrap_or_else(|e| panic!("POST failed: {e}"));
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

#[tokio::test]
async fn endpoint_is_on_loopback_with_the_marketo_path() {
    let sim = start().await;
    assert!(
        sim.endpoint().starts_with("http://127.0.0.1:"),
        "{}",
        sim.endpoint()
    );
    assert!(sim.endpoint().ends_with("/soap/mktows/2_2"));
    assert_ne!(sim.address().port(), 0);
}

#[tokio::test]
async fn wrong_paths_are_404_and_wrong_methods_405() {
    let sim = start().await;
    let http = reqwest::Client::new();
    let base = format!("http://{}", sim.address());
    let wrong = http.post(format!("{base}/soap/mktows/2_1")).send().await;
    let wrong = wrong.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wrong.status().as_u16(), 404);
    assert!(
        wrong
            .text()
            .await
            .unwrap_or_default()
            .contains("/soap/mktows/2_2")
    );
    let put = http
        .put(sim.endpoint())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(put.status().as_u16(), 405);
    assert_eq!(
        put.headers().get("allow").and_then(|v| v.to_str().ok()),
        Some("POST, GET")
    );
    let get = http
        .get(sim.endpoint())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(get.status().as_u16(), 405);
    assert_eq!(
        sim.stats().total_requests,
        0,
        "non-SOAP requests are not counted"
    );
}

#[tokio::test]
async fn wsdl_is_served_from_the_configured_file_or_explained_404() {
    let sim = start().await;
    let missing = reqwest::get(sim.wsdl_url())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(missing.status().as_u16(), 404);
    assert!(
        missing
            .text()
            .await
            .unwrap_or_default()
            .contains("no WSDL available")
    );

    let dir = std::env::temp_dir().join(format!("mktows-sim-wsdl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("service.wsdl");
    std::fs::write(&file, "<definitions>fixture</definitions>").unwrap_or_else(|e| panic!("{e}"));
    let served = Simulator::builder().wsdl_path(&file).start().await;
    let served = served.unwrap_or_else(|e| panic!("{e}"));
    let url = format!("{}?wsdl", served.endpoint());
    let body = reqwest::get(url).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(body.status().as_u16(), 200);
    assert_eq!(
        body.text().await.unwrap_or_default(),
        "<definitions>fixture</definitions>"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn injected_failures_apply_to_the_matching_requests_only() {
    let sim = start().await;
    sim.inject(InjectionRule::new(Injection::ServiceUnavailable).for_operation("getLead"));
    sim.inject(Injection::HtmlPage(502));
    sim.inject(Injection::Fault(20023));
    sim.inject(Injection::DoctypeBody);
    sim.inject(Injection::MalformedXml);
    sim.inject(Injection::OversizedBody(100_000));
    assert_eq!(sim.pending_injections(), 6);

    let (status, body) = post(&sim, REQUEST_CAMPAIGN_BODY).await;
    assert_eq!(status, 502);
    assert!(body.contains("<h1>502 Bad Gateway</h1>"), "{body}");
    let (status, body) = post(&sim, REQUEST_CAMPAIGN_BODY).await;
    assert_eq!(status, 500);
    assert!(
        body.contains("<faultstring>20023 - Rate Limit Exceeded</faultstring>"),
        "{body}"
    );
    let (_, body) = post(&sim, REQUEST_CAMPAIGN_BODY).await;
    assert!(
        body.contains("<!DOCTYPE") && body.contains("<!ENTITY"),
        "{body}"
    );
    let (_, body) = post(&sim, REQUEST_CAMPAIGN_BODY).await;
    assert!(body.contains("</succes>"), "{body}");
    let (status, body) = post(&sim, REQUEST_CAMPAIGN_BODY).await;
    assert_eq!(status, 200);
    assert!(body.len() >= 100_000 && body.ends_with("</SOAP-ENV:Envelope>\n"));
    assert_eq!(
        sim.pending_injections(),
        1,
        "the getLead-only rule is still waiting"
    );

    let stats = sim.stats();
    assert_eq!(stats.requests_for("requestCampaign"), 5);
    assert_eq!(stats.total_requests, 5);
    assert_eq!(stats.recent_requests.len(), 5);
}

#[tokio::test]
async fn a_delay_holds_the_response_and_truncation_cuts_it() {
    let sim = start().await;
    sim.inject(Injection::Delay(Duration::from_millis(300)));
    let started = std::time::Instant::now();
    let (status, full) = post(&sim, REQUEST_CAMPAIGN_BODY).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    sim.inject(Injection::TruncatedBody);
    let (cut_status, cut) = post(&sim, REQUEST_CAMPAIGN_BODY).await;
    assert_eq!(cut_status, status);
    assert!(!cut.is_empty() && cut.len() < full.len());
    assert!(full.starts_with(&cut));
}

#[tokio::test]
async fn shutdown_stops_serving() {
    let sim = start().await;
    let endpoint = sim.endpoint().to_owned();
    sim.shutdown().await;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(http.post(endpoint).body("x").send().await.is_err());
}

#[tokio::test]
async fn request_bodies_over_the_limit_are_413() {
    let sim = Simulator::builder()
        .max_request_bytes(1024)
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (status, _) = post(&sim, &"x".repeat(4096)).await;
    assert_eq!(status, 413);
    assert_eq!(sim.stats().total_requests, 0);
}

#[tokio::test]
async fn hostile_request_bodies_get_faults_not_crashes() {
    let sim = start().await;
    let envelope = |body: &str| {
        format!(
            "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\" \
             xmlns:m=\"http://www.marketo.com/mktows/\"><S:Body>{body}</S:Body></S:Envelope>"
        )
    };
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">\
                  <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><l>&b;</l>"
        .to_owned();
    let deep = envelope(&format!(
        "{}{}",
        "<m:paramsGetLead>".repeat(5000),
        "</m:paramsGetLead>".repeat(5000)
    ));
    let cases: Vec<(String, u32)> = vec![
        (String::new(), 20012),
        ("not xml at all".to_owned(), 20012),
        (laughs, 20012),
        (deep, 20012),
        (envelope(""), 20012),
        (envelope("<m:paramsNoSuchThing/>"), 20019),
        (
            envelope(
                "<m:paramsGetLead><leadKey><keyType>EMAIL</keyType></leadKey></m:paramsGetLead>",
            ),
            20012,
        ),
    ];
    for (body, code) in cases {
        let (status, text) = post(&sim, &body).await;
        assert_eq!(status, 500, "{body:.80}: {text}");
        assert!(
            text.contains(&format!("<code>{code}</code>")),
            "{body:.80}: {text}"
        );
    }
    let invalid_utf8 = reqwest::Client::new()
        .post(sim.endpoint())
        .body(vec![0xff_u8, 0xfe, 0x3c])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(invalid_utf8.status().as_u16(), 500);
    let (status, _) = post(&sim, REQUEST_CAMPAIGN_BODY).await;
    assert_eq!(
        status, 500,
        "still serving (and faulting: this body has no AuthenticationHeader)"
    );
}
