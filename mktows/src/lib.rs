//! Typed client for the Marketo SOAP API ("mktows").
#![forbid(unsafe_code)]

#[cfg(feature = "simulator")]
pub mod simulator;
