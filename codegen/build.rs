//! Lists the tests that read `../shared` as ignored when it is missing (see
//! `xtask/test-support/shared_data.rs`).

#[path = "../xtask/test-support/shared_data.rs"]
mod shared_data;

fn main() {
    shared_data::configure_build();
}
