//! Typed client for the Marketo SOAP API ("mktows").
#![forbid(unsafe_code)]

pub mod envelope;
pub mod xml;

#[cfg(feature = "simulator")]
pub mod simulator;
