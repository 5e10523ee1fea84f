//! The Marketo "Encryption Key": the shared secret that signs every request.
//!
//! It is never sent over the wire (only the HMAC made with it is), so the one place it could
//! leak is our own output: logs, error messages, `Debug` dumps. [`SecretKey`] prints as
//! `SecretKey(<redacted>)` everywhere and only hands its bytes to the signer.

use std::fmt;

/// The shared secret ("Encryption Key" in Marketo Admin > Integration > Web Services).
///
/// `Debug` and `Display` both print `SecretKey(<redacted>)`; the value itself is only
/// reachable inside this crate (for signing).
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(String);

impl SecretKey {
    /// Wraps the key exactly as typed in Marketo (the HMAC key is its UTF-8 bytes).
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// True for an empty key (rejected by the client builder).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The key bytes used as the HMAC key.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl From<String> for SecretKey {
    fn from(key: String) -> Self {
        Self(key)
    }
}

impl From<&str> for SecretKey {
    fn from(key: &str) -> Self {
        Self(key.to_owned())
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

impl fmt::Display for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_are_redacted() {
        let key = SecretKey::new("27272727aa");
        assert_eq!(format!("{key:?}"), "SecretKey(<redacted>)");
        assert_eq!(format!("{key}"), "SecretKey(<redacted>)");
        assert_eq!(format!("{key:#?}"), "SecretKey(<redacted>)");
        let wrapped = Some(key.clone());
        assert!(!format!("{wrapped:?}").contains("27272727aa"));
    }

    #[test]
    fn bytes_are_the_key_as_typed() {
        assert_eq!(SecretKey::from("27272727aa").as_bytes(), b"27272727aa");
        assert!(SecretKey::from(String::new()).is_empty());
    }
}
