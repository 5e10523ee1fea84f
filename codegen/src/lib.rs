//! Code generator: [`wsdl::Definitions`] in, Rust source text out.
#![forbid(unsafe_code)]
