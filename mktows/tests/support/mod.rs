//! Test support: a scripted HTTP/1.1 server on 127.0.0.1.
// Each test crate uses a different subset of the server's features.
#![allow(dead_code)]

pub mod scripted_server;
