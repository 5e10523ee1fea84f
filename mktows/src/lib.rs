//! Typed client for the Marketo SOAP API ("mktows").
#![forbid(unsafe_code)]

pub mod envelope;
pub mod operation;
pub mod xml;

/// Code generated from the Marketo WSDL by `cargo xtask codegen` (never edited by hand):
/// schema types with their XML codecs (`types`) and operation metadata (`operations`).
// `rustfmt::skip`: `cargo fmt` must not reformat the generated files (`codegen --check` would fail).
#[rustfmt::skip]
pub mod generated {
    #[rustfmt::skip]
    pub mod operations;
    #[rustfmt::skip]
    pub mod types;
}
