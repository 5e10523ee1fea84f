//! Configuring and starting a simulator.

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::SecretKey;
use crate::simulator::auth::{Credentials, DEFAULT_SIGNATURE_WINDOW};
use crate::simulator::connections::Connections;
use crate::simulator::injection::InjectionQueue;
use crate::simulator::rate_limit::RateLimit;
use crate::simulator::running::RunningSimulator;
use crate::simulator::server::{self, ClockFn, ConnectionLimits, ServedWsdl, Shared};
use crate::simulator::state::SimState;
use crate::simulator::stats::Stats;

/// The endpoint path, as on a real instance (`https://<munchkin>.mktoapi.com/soap/mktows/2_2`).
pub const ENDPOINT_PATH: &str = "/soap/mktows/2_2";
/// User id accepted when none is configured: the one from Marketo's documentation samples.
pub const DEFAULT_USER_ID: &str = "demo17_1_809934544BFABAE58E5D27";
/// Secret accepted when none is configured: the one from Marketo's documentation samples.
pub const DEFAULT_SECRET_KEY: &str = "27272727aa";
/// Largest request body accepted (larger: HTTP 413).
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 4 * 1024 * 1024;
/// How long a connection may wait before delivering a complete request head: idle after
/// connecting or between keep-alive requests, or trickling its headers (then it is closed).
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a request body may take to arrive in full after its head (then HTTP 408).
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// Most connections open at once; at the cap the longest-idle connection is closed to make room
/// (a new client waits only while every connection is answering a request).
/// Lowered at start to leave [`RESERVED_FILE_DESCRIPTORS`] of the process's open-file limit.
pub const DEFAULT_MAX_CONNECTIONS: usize = 4096;
/// File descriptors the connection cap leaves free for everything else in the process.
pub const RESERVED_FILE_DESCRIPTORS: usize = 64;

/// Entry point: `Simulator::builder()…start().await`.
#[derive(Debug, Clone, Copy)]
pub struct Simulator;

impl Simulator {
    /// A builder with the defaults: documentation credentials, ephemeral port, ±5 minute
    /// signature window, the system clock, an empty instance and no WSDL.
    pub fn builder() -> SimulatorBuilder {
        SimulatorBuilder::default()
    }
}

/// Why a simulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum SimulatorError {
    /// The listening socket could not be opened.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address asked for.
        address: SocketAddr,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

/// Settings for [`Simulator`]; `start()` binds the port and serves in a background task.
pub struct SimulatorBuilder {
    user_id: String,
    secret_key: String,
    port: u16,
    signature_window: Duration,
    concurrency_limit: Option<usize>,
    rate_limit: Option<(usize, Duration)>,
    clock: Option<ClockFn>,
    state: SimState,
    wsdl_path: Option<PathBuf>,
    max_request_bytes: usize,
    idle_timeout: Duration,
    body_timeout: Duration,
    max_connections: usize,
}

impl Default for SimulatorBuilder {
    fn default() -> Self {
        Self {
            user_id: DEFAULT_USER_ID.to_owned(),
            secret_key: DEFAULT_SECRET_KEY.to_owned(),
            port: 0,
            signature_window: DEFAULT_SIGNATURE_WINDOW,
            concurrency_limit: None,
            rate_limit: None,
            clock: None,
            state: SimState::new(),
            wsdl_path: None,
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
        }
    }
}

impl fmt::Debug for SimulatorBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimulatorBuilder")
            .field("user_id", &self.user_id)
            .field("secret_key", &"<redacted>")
            .field("port", &self.port)
            .field("signature_window", &self.signature_window)
            .field("concurrency_limit", &self.concurrency_limit)
            .field("rate_limit", &self.rate_limit)
            .field("custom_clock", &self.clock.is_some())
            .field("wsdl_path", &self.wsdl_path)
            .field("max_request_bytes", &self.max_request_bytes)
            .field("idle_timeout", &self.idle_timeout)
            .field("body_timeout", &self.body_timeout)
            .field("max_connections", &self.max_connections)
            .finish_non_exhaustive()
    }
}

impl SimulatorBuilder {
    /// The only `mktowsUserId` accepted.
    pub fn user_id(mut self, user_id: impl Into<String>) -> Self {
        self.user_id = user_id.into();
        self
    }

    /// The shared secret signatures are checked with.
    pub fn secret_key(mut self, secret_key: impl Into<String>) -> Self {
        self.secret_key = secret_key.into();
        self
    }

    /// Port on 127.0.0.1; 0 (the default) picks a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// How far a request timestamp may be from the simulator's clock before 20016.
    pub fn signature_window(mut self, window: Duration) -> Self {
        self.signature_window = window;
        self
    }

    /// Answers 20024 "Concurrency Limit Exceeded" while more than `limit` SOAP requests are
    /// in flight, like Marketo does beyond 10 (default: no limit; requests are only counted).
    pub fn concurrency_limit(mut self, limit: usize) -> Self {
        self.concurrency_limit = Some(limit);
        self
    }

    /// Answers 20023 "Rate Limit Exceeded" to calls beyond `calls` per `window` (Marketo: 100
    /// per 20 seconds; default: no limit). Measured with the real monotonic clock.
    pub fn rate_limit(mut self, calls: usize, window: Duration) -> Self {
        self.rate_limit = Some((calls, window));
        self
    }

    /// Replaces the system clock (e.g. to make timestamps expire deterministically).
    pub fn clock(mut self, clock: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// Starts from this instance instead of an empty one.
    pub fn state(mut self, state: SimState) -> Self {
        self.state = state;
        self
    }

    /// Changes the starting instance (add leads, campaigns, lists).
    pub fn seed(mut self, seed: impl FnOnce(&mut SimState)) -> Self {
        seed(&mut self.state);
        self
    }

    /// The WSDL file served for `GET <endpoint>?WSDL` (404 with an explanation without one).
    /// It is read once at start, with every `soap:address` location replaced by this
    /// simulator's endpoint, so clients that take the endpoint from the WSDL call the simulator.
    pub fn wsdl_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.wsdl_path = Some(path.into());
        self
    }

    /// Largest request body accepted: HTTP 413 with a 20012 SOAP fault beyond it (a declared
    /// `Content-Length` over it is refused before the body is read).
    pub fn max_request_bytes(mut self, bytes: usize) -> Self {
        self.max_request_bytes = bytes;
        self
    }

    /// How long a connection may take to deliver a complete request head, counted from when
    /// it starts waiting for one (after connecting, or after the previous response); an idle
    /// or header-trickling connection is closed when it expires. Default
    /// [`DEFAULT_IDLE_TIMEOUT`].
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// How long a request body may take to arrive in full once its head is in (HTTP 408 and
    /// the connection closed beyond it). Default [`DEFAULT_BODY_TIMEOUT`].
    pub fn body_timeout(mut self, timeout: Duration) -> Self {
        self.body_timeout = timeout;
        self
    }

    /// Most connections open at once (at least 1). At the cap, the connection idle longest
    /// (waiting for a request, or still receiving one) is closed to make room for a new client;
    /// while every connection is answering a request, new clients wait in the listen backlog.
    /// Default [`DEFAULT_MAX_CONNECTIONS`]; lowered at start so that
    /// [`RESERVED_FILE_DESCRIPTORS`] of the process's open-file limit stay free.
    pub fn max_connections(mut self, connections: usize) -> Self {
        self.max_connections = connections;
        self
    }

    /// Binds 127.0.0.1:`port` and serves until the returned handle is shut down or dropped.
    /// Must run inside a Tokio runtime.
    pub async fn start(self) -> Result<RunningSimulator, SimulatorError> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|source| SimulatorError::Bind { address, source })?;
        let bound = listener
            .local_addr()
            .map_err(|source| SimulatorError::Bind { address, source })?;
        let endpoint = format!("http://{bound}{ENDPOINT_PATH}");
        let shared = Arc::new(Shared {
            path: ENDPOINT_PATH.to_owned(),
            credentials: Credentials {
                user_id: self.user_id,
                secret_key: SecretKey::new(self.secret_key),
            },
            signature_window: self.signature_window,
            concurrency_limit: self.concurrency_limit,
            rate_limit: self
                .rate_limit
                .map(|(calls, window)| RateLimit::new(calls, window)),
            clock: self.clock.unwrap_or_else(|| Arc::new(Utc::now)),
            wsdl: served_wsdl(self.wsdl_path.as_deref(), &endpoint).await,
            max_request_bytes: self.max_request_bytes,
            body_timeout: self.body_timeout,
            state: Mutex::new(self.state),
            injections: Mutex::new(InjectionQueue::default()),
            stats: Stats::default(),
            connections: Arc::new(Connections::default()),
        });
        let app = server::router(Arc::clone(&shared));
        let limits = ConnectionLimits {
            max_connections: connection_cap(self.max_connections),
            idle_timeout: self.idle_timeout,
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let connections = Arc::clone(&shared.connections);
        let task = tokio::spawn(server::serve(listener, app, connections, limits, stopped));
        Ok(RunningSimulator::new(shared, bound, stop, task))
    }
}

/// Reads the WSDL file (off the async workers) and points its `soap:address` at `endpoint`.
async fn served_wsdl(path: Option<&Path>, endpoint: &str) -> ServedWsdl {
    let Some(path) = path else {
        return ServedWsdl::NotConfigured;
    };
    match tokio::fs::read_to_string(path).await {
        Ok(text) => ServedWsdl::Document(server::with_soap_address(&text, endpoint).into()),
        Err(error) => ServedWsdl::Unreadable(format!("cannot read {}: {error}", path.display())),
    }
}

/// `wanted` connections, lowered to leave [`RESERVED_FILE_DESCRIPTORS`] of the open-file
/// limit free (where the platform has one), and at least 1.
fn connection_cap(wanted: usize) -> usize {
    #[cfg(unix)]
    let wanted = {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile).current;
        match limit.map(usize::try_from) {
            Some(Ok(limit)) => wanted.min(limit.saturating_sub(RESERVED_FILE_DESCRIPTORS)),
            _ => wanted,
        }
    };
    wanted.max(1)
}
