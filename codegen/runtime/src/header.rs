//! The two places a service plugs its own rules into a [`Client`](crate::Client): SOAP headers
//! written for every attempt, and how its faults are classified for retries.

use std::fmt;

use crate::envelope::SoapFault;
use crate::operation::OperationMeta;
use crate::retry::RetryClass;
use crate::xml::{XmlEncode, XmlWriter};

/// Writes SOAP header blocks into every request, once per attempt.
///
/// It runs right before the request is sent, after the client obtained its concurrency permit,
/// so time-based credentials (a signed timestamp, a session token that may expire) are fresh
/// for each attempt, retries included. Typical implementations: a signed authentication header,
/// a session id header, a WS-Security username token.
///
/// The header elements it writes are its own: a caller passing the same header for a call is
/// refused before any I/O (see [`HeaderProvider::provides`]).
pub trait HeaderProvider: Send + Sync + 'static {
    /// Whether this provider writes the header element with local name `local` (in the
    /// operation's namespace).
    fn provides(&self, local: &str) -> bool;

    /// Writes this attempt's header blocks for `op`. `Err` is the reason the call cannot be
    /// made (reported as an invalid request, never sent).
    fn write_headers(&self, op: &OperationMeta, out: &mut HeaderSink<'_>) -> Result<(), String>;
}

/// Where a [`HeaderProvider`] writes its header blocks.
pub struct HeaderSink<'w> {
    writer: &'w mut XmlWriter,
}

impl<'w> HeaderSink<'w> {
    pub(crate) fn new(writer: &'w mut XmlWriter) -> Self {
        Self { writer }
    }

    /// Writes one header block: `<ns1:{local}>` (in the operation's namespace) with `value`'s
    /// content.
    pub fn block(&mut self, local: &str, value: &dyn XmlEncode) {
        self.writer.root(local, value);
    }

    /// Writes one header block whose element is in namespace `ns`: `<ns1:{local}>` when that is
    /// the operation's namespace, else with a prefix declared on the block
    /// (`<ns2:{local} xmlns:ns2="{ns}">`).
    pub fn block_in(&mut self, ns: &'static str, local: &str, value: &dyn XmlEncode) {
        self.writer.root_in(ns, local, value);
    }
}

impl fmt::Debug for HeaderSink<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HeaderSink").finish_non_exhaustive()
    }
}

/// How a service's SOAP faults are classified for the retry policy.
///
/// Services put their own codes in faults (Marketo: `detail/serviceException/code`), and only
/// the service knows which mean "not processed, try again" (an expired signature, a rate
/// limit) and which mean "maybe processed" (an internal error).
pub trait FaultPolicy: Send + Sync + 'static {
    /// What `fault` says about whether the request was processed.
    fn classify(&self, fault: &SoapFault) -> RetryClass;
}

/// The classification any SOAP service allows: a fault blamed on the server (`Server`,
/// `Receiver`) may have happened after the request was processed; any other fault is
/// permanent.
#[derive(Debug, Clone, Copy, Default)]
pub struct StandardFaultPolicy;

impl FaultPolicy for StandardFaultPolicy {
    fn classify(&self, fault: &SoapFault) -> RetryClass {
        match fault.fault_code_local() {
            "Server" | "Receiver" => RetryClass::MaybeProcessed,
            _ => RetryClass::Permanent,
        }
    }
}
