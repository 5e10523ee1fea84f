//! A one-way operation through `Client::invoke_one_way` to a loopback server: `()` once the
//! server accepted it, and retries only as the operation's declared idempotence allows.

use std::time::Duration;

use soap_runtime::envelope::SoapVersion;
use soap_runtime::xml::{XmlEncode, XmlWriter};
use soap_runtime::{Client, ErrorKind, OperationMeta, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// `notify`: one-way (no response element), side-effecting unless declared otherwise.
const NOTIFY: OperationMeta = OperationMeta {
    name: "notify",
    soap_action: "urn:example:notify",
    soap_version: SoapVersion::Soap11,
    namespace: "urn:example:events",
    response_namespace: "urn:example:events",
    request_element: "notify",
    response_element: "",
    input_headers: &[],
    idempotent: false,
};

static NOTIFY_SIDE_EFFECTING: OperationMeta = NOTIFY;

static NOTIFY_IDEMPOTENT: OperationMeta = OperationMeta {
    idempotent: true,
    ..NOTIFY
};

struct Notify;

impl XmlEncode for Notify {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.raw("<topic>door</topic>");
    }
}

/// Serves one request per status in `statuses`, in turn, each answered with no body; yields
/// how many requests arrived.
async fn serve(listener: tokio::net::TcpListener, statuses: Vec<&'static str>) -> usize {
    let mut served = 0;
    for status in statuses {
        let Ok(Ok((mut socket, _))) =
            tokio::time::timeout(Duration::from_secs(2), listener.accept()).await
        else {
            break;
        };
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            let n = socket.read(&mut chunk).await.expect("read");
            assert!(n > 0, "closed before the request ended");
            buf.extend_from_slice(&chunk[..n]);
            let text = String::from_utf8_lossy(&buf);
            if text.ends_with("</SOAP-ENV:Envelope>") {
                break;
            }
        }
        served += 1;
        let response =
            format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        socket.write_all(response.as_bytes()).await.expect("write");
    }
    served
}

async fn call(
    op: &'static OperationMeta,
    statuses: Vec<&'static str>,
) -> (usize, Result<(), soap_runtime::Error>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/events", listener.local_addr().expect("address"));
    let server = tokio::spawn(serve(listener, statuses));
    let client = Client::builder(url)
        .allow_insecure_http(true)
        .retry_policy(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            jitter: false,
            ..RetryPolicy::default()
        })
        .build()
        .expect("client");
    let result = client.invoke_one_way(op, &Notify, &[], None).await;
    (server.await.expect("server"), result)
}

#[tokio::test]
async fn a_side_effecting_one_way_call_is_not_repeated_after_a_503() {
    let (served, result) = call(
        &NOTIFY_SIDE_EFFECTING,
        vec!["503 Service Unavailable", "202 Accepted"],
    )
    .await;
    let error = result.expect_err("503");
    assert!(
        matches!(error.kind(), ErrorKind::HttpStatus { status: 503, .. }),
        "{error}"
    );
    assert_eq!((served, error.attempts()), (1, 1));
}

#[tokio::test]
async fn a_one_way_call_declared_idempotent_is_retried_until_accepted() {
    let (served, result) = call(
        &NOTIFY_IDEMPOTENT,
        vec!["503 Service Unavailable", "202 Accepted"],
    )
    .await;
    result.expect("accepted on the second attempt");
    assert_eq!(served, 2);
}
