//! Where request timestamps come from.
//!
//! Marketo rejects a signature whose `requestTimestamp` is too old (fault 20016), so the
//! timestamp must be "now". Tests inject a fixed or stepping clock to make signed requests
//! reproducible.

use chrono::{DateTime, FixedOffset, Utc};

/// A source of the current time, used for `requestTimestamp`.
pub trait Clock: Send + Sync {
    /// The current time. Its offset is what goes on the wire (`2013-08-02T15:47:06-07:00`).
    fn now(&self) -> DateTime<FixedOffset>;
}

/// The system clock in UTC, written with a numeric `+00:00` offset (never `Z`, which
/// the documented W3C form does not use).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Utc::now().fixed_offset()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::format_timestamp;

    #[test]
    fn system_clock_is_utc_with_numeric_offset() {
        let now = SystemClock.now();
        assert_eq!(now.offset().local_minus_utc(), 0);
        let text = format_timestamp(&now);
        assert!(text.ends_with("+00:00"), "{text}");
        assert_eq!(text.len(), "2013-08-02T15:47:06+00:00".len(), "{text}");
    }
}
