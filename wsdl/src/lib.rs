//! WSDL 1.1 + XML Schema reader.
//!
//! Reads a service description (and everything it imports) into a resolved [`Definitions`]
//! model. Knows nothing about Rust or code generation.
#![forbid(unsafe_code)]

mod model;

pub use model::*;
