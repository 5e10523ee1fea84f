//! Test support shared by the integration tests that check the codec against the schema and
//! against Marketo's documented payloads.
//!
//! Each test binary compiles this module on its own and uses only part of it, hence the
//! `dead_code` allowance at the `mod support;` sites.

pub mod schema_docs;
pub mod schema_mutations;
pub mod schema_view;
pub mod shared_data;
pub mod xml_equiv;
