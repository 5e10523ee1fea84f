//! Default limits of a [`Client`](crate::Client), with the reason for each value.

use std::time::Duration;

/// TCP + TLS connection setup (20 s).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(20);

/// One whole attempt, from sending to the last response byte (90 s: SOAP services are often
/// slow, and 90 s is what the usual vendor samples use).
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(90);

/// Largest response body accepted, after gzip decompression (64 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// How much of a non-SOAP response body an error keeps (in characters).
pub const BODY_EXCERPT_CHARS: usize = 512;

/// How many characters of server-supplied text (a fault's code and string) an error message
/// shows (512). The full text stays in the [`SoapFault`](crate::envelope::SoapFault); a
/// message is for a log line or a terminal, where a megabyte of fault text would bury
/// everything else.
pub const MESSAGE_TEXT_CHARS: usize = 512;
