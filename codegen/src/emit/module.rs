//! `mod.rs`: the module tree of the generated code.

use proc_macro2::TokenStream;
use quote::quote;

use super::inner_doc_attrs;

/// The whole `mod.rs` file.
pub fn file(source: &str, address: Option<&str>) -> TokenStream {
    let mut doc = vec![
        format!("Code generated from `{source}` by `cargo xtask codegen` (never edited by hand):"),
        "schema types with their XML codecs (`types`), operation metadata (`operations`), the"
            .to_owned(),
        "service's declared request checks and paging (`rules`) and the port methods on".to_owned(),
        "[`crate::Client`] (`client`).".to_owned(),
    ];
    if let Some(address) = address {
        doc.push(String::new());
        doc.push(format!("Service address in the description: <{address}>."));
    }
    let doc = inner_doc_attrs(&doc);
    quote! {
        #doc

        // `rustfmt::skip`: `cargo fmt` must not reformat the prettyplease output (it would make
        // `cargo xtask codegen --check` fail).
        #[rustfmt::skip]
        pub mod client;
        #[rustfmt::skip]
        pub mod operations;
        #[rustfmt::skip]
        pub mod rules;
        #[rustfmt::skip]
        pub mod types;
    }
}
