//! Plans → token streams, one module per generated file.

pub mod client;
pub mod constructors;
pub mod directions;
pub mod features;
pub mod module;
pub mod operations;
pub mod rules;
pub mod types;

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = " line"]` attributes (rendered as `///` comments) for doc lines.
pub fn doc_attrs<S: AsRef<str>>(lines: &[S]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let line = line.as_ref();
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote! { #[doc = #text] }
    });
    quote! { #(#attrs)* }
}

/// A generated file's module doc (`//!` lines).
pub fn inner_doc_attrs<S: AsRef<str>>(lines: &[S]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let line = line.as_ref();
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote! { #![doc = #text] }
    });
    quote! { #(#attrs)* }
}
