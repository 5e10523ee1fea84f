//! Whether a failed exchange could have reached the server: the client must say "not sent"
//! only when the request certainly never left, and must say it whenever that is so.

use std::time::Duration;

use soap_runtime::xml::{DecodeError, ElementStart, XmlDecode, XmlEncode, XmlReader, XmlWriter};
use soap_runtime::{Client, ErrorKind, OperationMeta, RetryClass, RetryPolicy, TransportPhase};
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};

const PING: OperationMeta = OperationMeta {
    name: "ping",
    soap_action: "urn:example:ping",
    soap_version: soap_runtime::envelope::SoapVersion::Soap11,
    namespace: "urn:example",
    response_namespace: "urn:example",
    request_element: "ping",
    response_element: "pong",
    input_headers: &[],
    idempotent: false,
};

/// An empty request and response body element.
struct Empty;

impl XmlEncode for Empty {
    fn encode_content(&self, _w: &mut XmlWriter) {}
}

impl XmlDecode for Empty {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        while let Some(child) = r.next_element()? {
            r.skip(&child)?;
        }
        Ok(Empty)
    }
}

/// A loopback server that accepts connections, reads whatever arrives (counting the bytes)
/// and never answers: neither a TLS ServerHello nor an HTTP response.
async fn silent_server() -> (u16, tokio::sync::mpsc::UnboundedReceiver<usize>) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("bind: {e}"));
    let port = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("addr: {e}"))
        .port();
    let (bytes_seen, received) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let bytes_seen = bytes_seen.clone();
            tokio::spawn(hold(socket, bytes_seen));
        }
    });
    (port, received)
}

async fn hold(mut socket: TcpStream, bytes_seen: tokio::sync::mpsc::UnboundedSender<usize>) {
    let mut buffer = [0u8; 4096];
    while let Ok(n) = socket.read(&mut buffer).await {
        if n == 0 {
            break;
        }
        let _ = bytes_seen.send(n);
    }
}

async fn call(client: &Client) -> soap_runtime::Error {
    client
        .invoke::<_, Empty>(&PING, &Empty, &[], None)
        .await
        .err()
        .unwrap_or_else(|| panic!("a silent server produced a response"))
}

fn transport_phase(error: &soap_runtime::Error) -> TransportPhase {
    match error.kind() {
        ErrorKind::Transport(transport) => transport.phase(),
        other => panic!("not a transport failure: {other:?}"),
    }
}

#[tokio::test]
async fn a_tls_handshake_that_never_completes_is_not_sent() {
    let (port, mut received) = silent_server().await;
    let client = Client::builder(format!("https://127.0.0.1:{port}/soap"))
        .request_timeout(Duration::from_millis(500))
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let error = call(&client).await;
    assert_eq!(transport_phase(&error), TransportPhase::Connect, "{error}");
    assert_eq!(error.retry_class(), RetryClass::NotSent, "{error}");
    assert!(error.is_retry_safe(), "{error}");
    let text = error.to_string();
    assert!(text.contains("the request was not sent"), "{text}");
    assert!(!text.contains("may have been processed"), "{text}");
    assert!(
        received.try_recv().is_ok(),
        "the client never sent its ClientHello, so the handshake was not what stalled"
    );
}

#[tokio::test]
async fn a_connect_timeout_during_the_handshake_is_not_sent() {
    let (port, _received) = silent_server().await;
    let client = Client::builder(format!("https://127.0.0.1:{port}/soap"))
        .connect_timeout(Duration::from_millis(300))
        .request_timeout(Duration::from_secs(10))
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let error = call(&client).await;
    assert_eq!(transport_phase(&error), TransportPhase::Connect, "{error}");
    assert_eq!(error.retry_class(), RetryClass::NotSent, "{error}");
}

#[tokio::test]
async fn a_request_that_was_written_and_never_answered_may_have_been_processed() {
    let (port, mut received) = silent_server().await;
    let client = Client::builder(format!("http://127.0.0.1:{port}/soap"))
        .request_timeout(Duration::from_millis(500))
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let error = call(&client).await;
    assert_eq!(transport_phase(&error), TransportPhase::TimedOut, "{error}");
    assert_eq!(error.retry_class(), RetryClass::MaybeProcessed, "{error}");
    assert!(
        error.to_string().contains("may have been processed"),
        "{error}"
    );
    let mut bytes = 0;
    while let Ok(n) = received.try_recv() {
        bytes += n;
    }
    assert!(bytes > 0, "the request never reached the server");
}
