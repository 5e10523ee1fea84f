//! A tiny HTTP/1.1 server on 127.0.0.1 that answers each request from a script.
//!
//! Every connection carries one request and is closed after the answer (`Connection: close`),
//! so the server sees exactly the requests the client sent. It records each request and
//! counts how many are being answered at once.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use flate2::Compression;
use flate2::write::GzEncoder;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as received.
#[derive(Debug, Clone)]
pub struct SeenRequest {
    /// Request line and headers.
    pub head: String,
    /// Body text.
    pub body: String,
}

impl SeenRequest {
    /// Value of a header (case-insensitive name), trimmed.
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }

    /// Text of the first `<local>…</local>` element in the body.
    pub fn element_text(&self, local: &str) -> Option<String> {
        let open = format!("<{local}>");
        let close = format!("</{local}>");
        let start = self.body.find(&open)? + open.len();
        let end = start + self.body[start..].find(&close)?;
        Some(self.body[start..end].to_owned())
    }
}

/// How to answer one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete response with `Content-Length`.
    Full {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// Read the request and never answer (until the client gives up).
    Hang,
    /// Chunked body of `chunks` copies of `chunk`, written until the client goes away.
    Stream { chunk: Vec<u8>, chunks: usize },
    /// `200 OK`, `text/xml`, body sent gzip-compressed with `Content-Encoding: gzip`.
    Gzip { body: Vec<u8> },
    /// Headers announce `Content-Length: declared` but only `body` is sent.
    Declared { declared: u64, body: Vec<u8> },
    /// Wait, then answer.
    Delayed(Duration, Box<Reply>),
}

impl Reply {
    /// `200 OK` with a `text/xml` body.
    pub fn xml(body: &str) -> Self {
        Self::status_xml(200, body)
    }

    /// Any status with a `text/xml` body (SOAP faults come with 500).
    pub fn status_xml(status: u16, body: &str) -> Self {
        Self::Full {
            status,
            content_type: "text/xml;charset=UTF-8",
            body: body.as_bytes().to_vec(),
        }
    }
}

type Script = dyn Fn(usize, &SeenRequest) -> Reply + Send + Sync;

/// The running server.
pub struct ScriptedServer {
    /// `http://127.0.0.1:<port>/soap/mktows/2_2`
    pub url: String,
    seen: Arc<Mutex<Vec<SeenRequest>>>,
    max_in_flight: Arc<AtomicUsize>,
    /// Bytes of streamed bodies actually written to sockets.
    pub streamed_bytes: Arc<AtomicUsize>,
    /// Set when a streamed body could not be written completely (the client went away).
    pub stream_aborted: Arc<AtomicBool>,
}

impl ScriptedServer {
    /// Starts a server answering request `n` (0-based) with `script(n, request)`.
    pub async fn start(
        script: impl Fn(usize, &SeenRequest) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("bind: {e}"));
        let port = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("addr: {e}"))
            .port();
        let server = Self {
            url: format!("http://127.0.0.1:{port}/soap/mktows/2_2"),
            seen: Arc::default(),
            max_in_flight: Arc::default(),
            streamed_bytes: Arc::default(),
            stream_aborted: Arc::default(),
        };
        let script: Arc<Script> = Arc::new(script);
        let seen = server.seen.clone();
        let max_in_flight = server.max_in_flight.clone();
        let streamed = server.streamed_bytes.clone();
        let aborted = server.stream_aborted.clone();
        let in_flight = Arc::new(AtomicUsize::new(0));
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let connection = Connection {
                    script: script.clone(),
                    seen: seen.clone(),
                    in_flight: in_flight.clone(),
                    max_in_flight: max_in_flight.clone(),
                    streamed: streamed.clone(),
                    aborted: aborted.clone(),
                };
                tokio::spawn(connection.serve(socket));
            }
        });
        server
    }

    /// Requests received so far.
    pub fn requests(&self) -> Vec<SeenRequest> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Highest number of requests being answered at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }
}

struct Connection {
    script: Arc<Script>,
    seen: Arc<Mutex<Vec<SeenRequest>>>,
    in_flight: Arc<AtomicUsize>,
    max_in_flight: Arc<AtomicUsize>,
    streamed: Arc<AtomicUsize>,
    aborted: Arc<AtomicBool>,
}

impl Connection {
    async fn serve(self, mut socket: TcpStream) {
        let Some(request) = read_request(&mut socket).await else {
            return;
        };
        let index = {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            seen.push(request.clone());
            seen.len() - 1
        };
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        let reply = (self.script)(index, &request);
        self.answer(&mut socket, reply).await;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
    }

    async fn answer(&self, socket: &mut TcpStream, mut reply: Reply) {
        while let Reply::Delayed(delay, inner) = reply {
            tokio::time::sleep(delay).await;
            reply = *inner;
        }
        match reply {
            Reply::Full {
                status,
                content_type,
                body,
            } => {
                let head = format!(
                    "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    reason(status),
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&body).await;
                let _ = socket.shutdown().await;
            }
            Reply::Hang => {
                // Keep the socket open until the client closes it.
                let mut buf = [0u8; 64];
                while matches!(socket.read(&mut buf).await, Ok(n) if n > 0) {}
            }
            Reply::Gzip { body } => {
                let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
                let compressed = match encoder.write_all(&body).and_then(|()| encoder.finish()) {
                    Ok(bytes) => bytes,
                    Err(_) => return,
                };
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    compressed.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&compressed).await;
                let _ = socket.shutdown().await;
            }
            Reply::Declared { declared, body } => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n"
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&body).await;
                let _ = socket.shutdown().await;
            }
            Reply::Stream { chunk, chunks } => {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let framed = [
                    format!("{:x}\r\n", chunk.len()).into_bytes(),
                    chunk.clone(),
                    b"\r\n".to_vec(),
                ]
                .concat();
                for _ in 0..chunks {
                    if socket.write_all(&framed).await.is_err() {
                        self.aborted.store(true, Ordering::SeqCst);
                        return;
                    }
                    self.streamed.fetch_add(chunk.len(), Ordering::SeqCst);
                }
                let _ = socket.write_all(b"0\r\n\r\n").await;
                let _ = socket.shutdown().await;
            }
            Reply::Delayed(..) => {}
        }
    }
}

async fn read_request(socket: &mut TcpStream) -> Option<SeenRequest> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(pos) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
        let n = socket.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let partial = SeenRequest {
        head,
        body: String::new(),
    };
    let length: usize = partial
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = data[head_end + 4..].to_vec();
    while body.len() < length {
        let n = socket.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&buf[..n]);
    }
    Some(SeenRequest {
        body: String::from_utf8_lossy(&body).into_owned(),
        ..partial
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
