//! The open connections, as the accept loop sees them: which are answering a request and which
//! are idle (waiting for a request head, or still receiving one or its body), so that at the
//! connection cap the longest-idle one can be closed to make room for a new client.
//!
//! Without this, clients that open connections and send nothing, or trickle their requests,
//! would hold every slot until the timeouts, and a real call would wait behind them.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::sync::Notify;

/// One open connection.
#[derive(Debug)]
pub(crate) struct Connection {
    /// When the table was created; `idle_since` counts from it.
    epoch: Instant,
    /// Requests in progress: from the service call until the response body is dropped
    /// (written in full, or the connection gone).
    requests: AtomicUsize,
    /// Of those, the ones whose request body has not been read (and dropped) yet.
    receiving: AtomicUsize,
    /// When it last became idle, in microseconds since `epoch`.
    idle_since: AtomicU64,
    /// Wakes the connection's task to close it.
    evict: Notify,
}

impl Connection {
    /// Marks a request as in progress until the guard is dropped.
    pub fn begin_request(self: &Arc<Self>) -> InProgress {
        self.requests.fetch_add(1, Ordering::SeqCst);
        InProgress(Arc::clone(self))
    }

    /// Marks a request body as still arriving until the guard is dropped.
    pub fn begin_receiving(self: &Arc<Self>) -> Receiving {
        self.receiving.fetch_add(1, Ordering::SeqCst);
        Receiving(Arc::clone(self))
    }

    /// Whether it answers no request: it waits for a request head, or is still receiving a head
    /// or a body (closing it then loses nothing the client was promised).
    pub fn is_idle(&self) -> bool {
        let receiving = self.receiving.load(Ordering::SeqCst);
        self.requests.load(Ordering::SeqCst) <= receiving
    }

    /// Resolves when the accept loop wants this connection closed; the task closes it only if
    /// it is still idle then.
    pub async fn eviction_requested(&self) {
        self.evict.notified().await;
    }

    /// Records "idle from now".
    fn touch(&self) {
        let micros = u64::try_from(self.epoch.elapsed().as_micros()).unwrap_or(u64::MAX);
        self.idle_since.store(micros, Ordering::SeqCst);
    }
}

/// A request in progress on a [`Connection`]; dropping it makes the connection idle again
/// (when it was the only one).
#[derive(Debug)]
pub(crate) struct InProgress(Arc<Connection>);

impl Drop for InProgress {
    fn drop(&mut self) {
        self.0.touch();
        self.0.requests.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A request body still arriving on a [`Connection`].
#[derive(Debug)]
pub(crate) struct Receiving(Arc<Connection>);

impl Drop for Receiving {
    fn drop(&mut self) {
        self.0.receiving.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Every open connection, by id.
#[derive(Debug)]
pub(crate) struct Connections {
    epoch: Instant,
    next_id: AtomicU64,
    open: Mutex<HashMap<u64, Arc<Connection>>>,
}

impl Default for Connections {
    fn default() -> Self {
        Self {
            epoch: Instant::now(),
            next_id: AtomicU64::new(0),
            open: Mutex::new(HashMap::new()),
        }
    }
}

impl Connections {
    /// Adds a new (idle) connection; it leaves the table when the returned handle is dropped.
    pub fn register(self: &Arc<Self>) -> Registered {
        let connection = Arc::new(Connection {
            epoch: self.epoch,
            requests: AtomicUsize::new(0),
            receiving: AtomicUsize::new(0),
            idle_since: AtomicU64::new(0),
            evict: Notify::new(),
        });
        connection.touch();
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        self.lock().insert(id, Arc::clone(&connection));
        Registered {
            table: Arc::clone(self),
            id,
            connection,
        }
    }

    /// Asks the connection that has been idle longest to close; false when every connection
    /// is answering a request.
    pub fn evict_longest_idle(&self) -> bool {
        let open = self.lock();
        let longest_idle = open
            .values()
            .filter(|c| c.is_idle())
            .min_by_key(|c| c.idle_since.load(Ordering::SeqCst));
        match longest_idle {
            Some(connection) => {
                connection.evict.notify_one();
                true
            }
            None => false,
        }
    }

    /// Connections open now.
    pub fn open(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Connection>>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A connection's place in [`Connections`], given up on drop.
#[derive(Debug)]
pub(crate) struct Registered {
    table: Arc<Connections>,
    id: u64,
    connection: Arc<Connection>,
}

impl Registered {
    /// The connection's state.
    pub fn connection(&self) -> &Arc<Connection> {
        &self.connection
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        self.table.lock().remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_longest_idle_connection_is_asked_to_close_never_an_answering_one() {
        let table = Arc::new(Connections::default());
        let oldest = table.register();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let newer = table.register();
        assert_eq!(table.open(), 2);

        // A request still receiving its body leaves the connection idle; once read, not.
        let request = oldest.connection().begin_request();
        let receiving = oldest.connection().begin_receiving();
        assert!(oldest.connection().is_idle());
        drop(receiving);
        assert!(!oldest.connection().is_idle());

        assert!(table.evict_longest_idle());
        // The answering one is skipped: the newer idle one is asked.
        tokio::time::timeout(
            std::time::Duration::from_secs(1),
            newer.connection().eviction_requested(),
        )
        .await
        .unwrap_or_else(|_| panic!("the idle connection was not asked to close"));

        let newer_request = newer.connection().begin_request();
        assert!(!table.evict_longest_idle(), "both are answering");
        drop(newer_request);
        drop(request);
        assert!(oldest.connection().is_idle());
        drop(newer);
        assert_eq!(table.open(), 1);
    }
}
