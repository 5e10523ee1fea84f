//! A loopback HTTP server that answers one SOAP request as scripted, and a runtime client
//! pointed at it (plain HTTP allowed, fast retries), for end-to-end tests of generated clients.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

use soap_runtime::RetryPolicy;
use soap_runtime::envelope::SoapVersion;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What a loopback server answers: status line, content type, body.
pub struct Answer {
    status: &'static str,
    content_type: &'static str,
    body: String,
}

impl Answer {
    /// A reply with `status` and no body.
    pub fn empty(status: &'static str) -> Self {
        Answer {
            status,
            content_type: "text/plain",
            body: String::new(),
        }
    }

    /// A `status` reply carrying the envelope `body`, with the content type of `version`.
    pub fn xml(status: &'static str, version: SoapVersion, body: String) -> Self {
        let content_type = match version {
            SoapVersion::Soap11 => "text/xml; charset=utf-8",
            SoapVersion::Soap12 => "application/soap+xml; charset=utf-8",
        };
        Answer {
            status,
            content_type,
            body,
        }
    }
}

/// Serves one request with `answer`; yields the request's head (lower-cased) and body.
async fn serve_once(listener: tokio::net::TcpListener, answer: Answer) -> (String, String) {
    let (mut socket, _) = listener.accept().await.expect("accept");
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut chunk).await.expect("read");
        assert!(n > 0, "closed before the headers ended");
        buf.extend_from_slice(&chunk[..n]);
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("content-length");
    while buf.len() < head_end + length {
        let n = socket.read(&mut chunk).await.expect("read");
        assert!(n > 0, "closed inside the body");
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buf[head_end..head_end + length]).into_owned();
    let response = format!(
        "HTTP/1.1 {}\r\ncontent-type: {}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{}",
        answer.status,
        answer.content_type,
        answer.body.len(),
        answer.body
    );
    socket.write_all(response.as_bytes()).await.expect("write");
    (head, body)
}

/// A runtime client for a loopback server answering once with `answer`, and the server task.
pub async fn loopback(
    answer: Answer,
) -> (
    soap_runtime::Client,
    tokio::task::JoinHandle<(String, String)>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/soap", listener.local_addr().expect("address"));
    let server = tokio::spawn(serve_once(listener, answer));
    let runtime = soap_runtime::Client::builder(url)
        .allow_insecure_http(true)
        .retry_policy(RetryPolicy {
            initial_backoff: std::time::Duration::from_millis(1),
            jitter: false,
            ..RetryPolicy::default()
        })
        .build()
        .expect("client");
    (runtime, server)
}
