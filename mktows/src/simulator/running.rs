//! A started simulator: its address, its state, its counters, fault injection and shutdown.

use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, MutexGuard};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::SecretKey;
use crate::simulator::injection::InjectionRule;
use crate::simulator::server::Shared;
use crate::simulator::state::SimState;
use crate::simulator::stats::StatsSnapshot;

/// How long `shutdown()` waits for in-flight requests before cutting them off.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A simulator serving on 127.0.0.1. Dropping it closes the port at once, and each open
/// connection as soon as it has answered its current request; [`RunningSimulator::shutdown`]
/// also waits (up to 5 s) for those answers.
pub struct RunningSimulator {
    shared: Arc<Shared>,
    address: SocketAddr,
    endpoint: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for RunningSimulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunningSimulator")
            .field("endpoint", &self.endpoint)
            .field("credentials", &self.shared.credentials)
            .finish_non_exhaustive()
    }
}

impl RunningSimulator {
    /// Wraps the serving task.
    pub(crate) fn new(
        shared: Arc<Shared>,
        address: SocketAddr,
        stop: oneshot::Sender<()>,
        task: JoinHandle<()>,
    ) -> Self {
        let endpoint = format!("http://{address}{}", shared.path);
        Self {
            shared,
            address,
            endpoint,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// The SOAP endpoint, e.g. `http://127.0.0.1:41234/soap/mktows/2_2`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The bound socket address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The WSDL address: the endpoint followed by `?WSDL`.
    pub fn wsdl_url(&self) -> String {
        format!("{}?WSDL", self.endpoint)
    }

    /// The accepted `mktowsUserId`.
    pub fn user_id(&self) -> &str {
        &self.shared.credentials.user_id
    }

    /// The accepted secret (to configure a client; prints redacted).
    pub fn secret_key(&self) -> SecretKey {
        self.shared.credentials.secret_key.clone()
    }

    /// Locks the simulated instance to seed or inspect it. Requests wait for the guard (on
    /// Tokio's blocking pool, so other connections are still served); do not hold it across an
    /// `.await`.
    pub fn state(&self) -> MutexGuard<'_, SimState> {
        self.shared.state()
    }

    /// The request counters so far.
    pub fn stats(&self) -> StatsSnapshot {
        self.shared.stats.snapshot()
    }

    /// Connections open now (at most the connection cap).
    pub fn open_connections(&self) -> usize {
        self.shared.connections.open()
    }

    /// Zeroes the request counters.
    pub fn reset_stats(&self) {
        self.shared.stats.reset();
    }

    /// Makes upcoming requests misbehave (see [`Injection`](crate::simulator::Injection)).
    pub fn inject(&self, rule: impl Into<InjectionRule>) {
        self.shared.injections().push(rule.into());
    }

    /// Requests still to be affected by injections.
    pub fn pending_injections(&self) -> usize {
        self.shared.injections().pending()
    }

    /// Drops every pending injection.
    pub fn clear_injections(&self) {
        self.shared.injections().clear();
    }

    /// Stops accepting connections and waits (up to 5 s) for in-flight requests.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for RunningSimulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
