//! A service's own checks of a request, run before any I/O.
//!
//! Some services silently truncate or reject requests a schema allows (Marketo ignores lead
//! keys beyond 100 in one `requestCampaign`). Such rules are declared once per service and the
//! generator emits a [`Validate`] impl for every request body type: the declared check where
//! there is one, the default (accept) elsewhere. No call site inspects types at run time.

/// Checks a request body before it is sent.
pub trait Validate {
    /// `Err` is the reason the request must not be sent (reported as an invalid request,
    /// before any I/O).
    fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}
