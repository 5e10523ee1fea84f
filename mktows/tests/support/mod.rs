//! Test support shared by the integration tests: a scripted HTTP/1.1 server on 127.0.0.1, and
//! the schema tools that check the codec against the WSDL and against Marketo's documented
//! payloads (schema view, schema-aware XML comparator, random document generator and mutator).
// Each test crate uses a different subset of these modules.
#![allow(dead_code)]

pub mod calls;
pub mod schema_docs;
pub mod schema_mutations;
pub mod schema_view;
pub mod scripted_server;
pub mod shared_data;
pub mod xml_equiv;
