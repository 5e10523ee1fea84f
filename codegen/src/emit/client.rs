//! `client.rs`: one async method per operation on `crate::Client`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, inner_doc_attrs};
use crate::naming::ident;
use crate::service::OperationPlan;

/// The whole `client.rs` file.
pub fn file(ops: &[OperationPlan], binding: &str, source: &str) -> TokenStream {
    let module_doc = inner_doc_attrs(&[
        format!("Port methods for binding `{binding}` in `{source}`: one async method per"),
        "operation on [`crate::Client`], which owns the envelope, signing, transport and retries."
            .to_owned(),
    ]);
    let methods = ops.iter().map(method);
    let uses = (!ops.is_empty()).then(|| quote! { use super::{operations, types}; });
    quote! {
        #module_doc
        #uses

        impl crate::Client {
            #(#methods)*
        }
    }
}

fn method(op: &OperationPlan) -> TokenStream {
    let name = ident(&op.method);
    let constant = ident(&op.const_name);
    let request = ident(&op.request_type);
    let response = ident(&op.response_type);
    let mut doc = op.doc.clone();
    if !op.extra_headers.is_empty() {
        doc.push(String::new());
        for h in &op.extra_headers {
            doc.push(format!(
                "`{}`: the optional `<{}>` SOAP header (not sent when `None`).",
                h.param.trim_start_matches("r#"),
                h.element
            ));
        }
    }
    let doc = doc_attrs(&doc);
    let params = op.extra_headers.iter().map(|h| {
        let param = ident(&h.param);
        let ty = ident(&h.rust_type);
        quote! { #param: Option<&types::#ty> }
    });
    // With extra headers the list is dropped before the await: `HeaderBlock` holds
    // `&dyn XmlEncode`, which is not `Sync`, and keeping it alive across the await would make
    // the future `!Send`.
    let body = if op.extra_headers.is_empty() {
        quote! { self.invoke(&operations::#constant, params, &[]).await }
    } else {
        let taken: Vec<&str> = op.extra_headers.iter().map(|h| h.param.as_str()).collect();
        let fresh = |base: &str| {
            let mut name = base.to_owned();
            while taken.contains(&name.as_str()) {
                name.push('_');
            }
            ident(&name)
        };
        let (extra, value, call) = (fresh("extra"), fresh("header"), fresh("call"));
        let pushes = op.extra_headers.iter().map(|h| {
            let param = ident(&h.param);
            let element = &h.element;
            quote! {
                if let Some(#value) = #param {
                    #extra.push(soap_runtime::envelope::HeaderBlock { local: #element, value: #value });
                }
            }
        });
        quote! {
            let #call = {
                let mut #extra = Vec::new();
                #(#pushes)*
                self.invoke(&operations::#constant, params, &#extra)
            };
            #call.await
        }
    };
    quote! {
        #doc
        pub async fn #name(&self, params: &types::#request, #(#params),*) -> Result<types::#response, soap_runtime::Error> {
            #body
        }
    }
}
