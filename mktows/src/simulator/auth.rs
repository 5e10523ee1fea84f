//! Checks the `AuthenticationHeader` of a request: user id, HMAC-SHA1 signature and timestamp.
//!
//! Marketo signs `requestTimestamp + mktowsUserId` with the shared secret; the body is not
//! covered. A wrong user id or signature, or a timestamp that is not an `xs:dateTime` with an
//! offset, is 20014 "Authentication failed" (the message is exactly Marketo's, with no hint
//! which part was wrong). Marketo never documented how old a timestamp
//! may be; the simulator accepts timestamps within ±[`DEFAULT_SIGNATURE_WINDOW`] of its clock
//! and answers 20016 "Request Expired" outside it, so clients can exercise re-signing.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::SecretKey;
use crate::auth::verify_signature;
use crate::simulator::fault::{ServiceFault, codes};

/// How far a request timestamp may be from the simulator's clock, in either direction.
pub const DEFAULT_SIGNATURE_WINDOW: Duration = Duration::from_secs(5 * 60);

/// The three header fields the check needs, as sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SignedFields<'a> {
    /// `mktowsUserId`.
    pub user_id: &'a str,
    /// `requestSignature` (lower-case hex).
    pub signature: &'a str,
    /// `requestTimestamp` exactly as sent (it is signed as text).
    pub timestamp: &'a str,
}

/// The credentials the simulator accepts. `Debug` never shows the secret.
#[derive(Clone)]
pub(crate) struct Credentials {
    /// The accepted `mktowsUserId`.
    pub user_id: String,
    /// The shared secret ("Encryption Key").
    pub secret_key: SecretKey,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user_id", &self.user_id)
            .field("secret_key", &"<redacted>")
            .finish()
    }
}

/// Compares without an early exit on the first differing byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Accepts the request or says why not (20014, or 20016 for a stale / future timestamp).
pub(crate) fn verify(
    credentials: &Credentials,
    window: Duration,
    now: DateTime<Utc>,
    fields: SignedFields<'_>,
) -> Result<(), ServiceFault> {
    let user_ok = constant_time_eq(fields.user_id.as_bytes(), credentials.user_id.as_bytes());
    // The same function the client signs with, checked in constant time.
    let signature_ok = verify_signature(
        &credentials.secret_key,
        fields.timestamp,
        fields.user_id,
        fields.signature.trim(),
    );
    if !(user_ok && signature_ok) {
        return Err(ServiceFault::new(codes::AUTHENTICATION_FAILED));
    }
    let Ok(sent) = DateTime::parse_from_rfc3339(fields.timestamp.trim()) else {
        return Err(ServiceFault::new(codes::AUTHENTICATION_FAILED));
    };
    let skew = (now - sent.with_timezone(&Utc)).abs();
    let window = chrono::TimeDelta::from_std(window).unwrap_or(chrono::TimeDelta::MAX);
    if skew > window {
        return Err(ServiceFault::new(codes::REQUEST_EXPIRED));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "demo17_1_809934544BFABAE58E5D27";

    fn creds() -> Credentials {
        Credentials {
            user_id: USER.into(),
            secret_key: SecretKey::new("27272727aa"),
        }
    }

    #[test]
    fn the_documented_test_vector_verifies() {
        let now =
            DateTime::parse_from_rfc3339("2013-08-02T22:50:00Z").map(|t| t.with_timezone(&Utc));
        let now = now.unwrap_or_else(|e| panic!("{e}"));
        let fields = SignedFields {
            user_id: USER,
            signature: "146ec93f4f1e2a45f7a545f7e42e2d053c0457e7",
            timestamp: "2013-08-02T15:47:06-07:00",
        };
        assert_eq!(
            verify(&creds(), DEFAULT_SIGNATURE_WINDOW, now, fields),
            Ok(())
        );
        let later = now + chrono::TimeDelta::minutes(10);
        let expired = verify(&creds(), DEFAULT_SIGNATURE_WINDOW, later, fields);
        assert_eq!(expired.map_err(|f| f.code), Err(20016));
        let bad = SignedFields {
            signature: "00",
            ..fields
        };
        let failed = verify(&creds(), DEFAULT_SIGNATURE_WINDOW, now, bad);
        assert_eq!(failed.map_err(|f| f.code), Err(20014));
        let stranger = SignedFields {
            user_id: "someone_else",
            ..fields
        };
        let failed = verify(&creds(), DEFAULT_SIGNATURE_WINDOW, now, stranger);
        assert_eq!(failed.map_err(|f| f.code), Err(20014));
    }

    #[test]
    fn debug_hides_the_secret() {
        assert!(!format!("{:?}", creds()).contains("27272727aa"));
    }
}
