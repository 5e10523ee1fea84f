//! `client.rs`: one async method per operation, one headers struct per operation whose
//! input has SOAP headers the caller supplies, and one reply headers struct (with a
//! `<op>_with_reply_headers` method) per operation whose output declares SOAP headers.
//!
//! Two targets (see [`ClientTarget`]): methods on the host crate's own `crate::Client` (the
//! Marketo layer, which adds signing and request guards), or a generated `Client` struct per
//! binding that wraps a configured `soap_runtime::Client` (standalone crates).

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, inner_doc_attrs};
use crate::naming::ident;
use crate::service::OperationPlan;

/// Where the port methods go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientTarget {
    /// `impl crate::Client`: the host crate defines `Client` with an
    /// `invoke(op, params, extra_headers)` method (and, when an operation declares reply
    /// headers, `invoke_with_reply_headers(op, params, extra_headers)` returning the response
    /// and the decoded headers).
    Host,
    /// A generated `Client` struct wrapping `soap_runtime::Client`.
    Generated,
}

/// One binding's client: its name, module (when the file holds several), ports and operations.
#[derive(Debug, Clone, Copy)]
pub struct BindingClient<'a> {
    /// The binding's local name.
    pub binding: &'a str,
    /// Submodule name when there are several bindings.
    pub module: Option<&'a str>,
    /// Ports using the binding: (port name, address).
    pub ports: &'a [(&'a str, Option<&'a str>)],
    /// Whether the binding is SOAP 1.2.
    pub soap12: bool,
    /// The operations.
    pub ops: &'a [OperationPlan],
}

/// The whole `client.rs` file.
pub fn file(bindings: &[BindingClient<'_>], source: &str, target: ClientTarget) -> TokenStream {
    let module_doc = match (target, bindings) {
        (ClientTarget::Host, [single]) => inner_doc_attrs(&[
            format!(
                "Port methods for binding `{}` in `{source}`: one async method per",
                single.binding
            ),
            "operation on [`crate::Client`], which owns the envelope, signing, transport and retries."
                .to_owned(),
        ]),
        (_, [single]) if single.module.is_none() => inner_doc_attrs(&[
            format!("The client for binding `{}` in `{source}`.", single.binding),
        ]),
        _ => inner_doc_attrs(&[format!(
            "One client per SOAP binding in `{source}`, each in a module named after its binding."
        )]),
    };
    let shared = shared_clients(bindings, target);
    let bodies = bindings.iter().enumerate().map(|(index, b)| {
        let items = match shared[index] {
            Some(leader) => sharing_items(b, &bindings[leader]),
            None => {
                let sharing: Vec<&str> = bindings
                    .iter()
                    .zip(&shared)
                    .filter(|(_, leader)| **leader == Some(index))
                    .map(|(other, _)| other.binding)
                    .collect();
                binding_items(b, target, &sharing)
            }
        };
        match b.module {
            None => items,
            Some(module) => {
                let name = ident(module);
                let doc = format!(" The client for binding `{}`.", b.binding);
                quote! {
                    #[doc = #doc]
                    pub mod #name {
                        #items
                    }
                }
            }
        }
    });
    quote! {
        #module_doc
        #(#bodies)*
    }
}

/// For each binding, the earlier binding whose client it shares (`None`: its own client): a
/// generated client is shared by bindings whose operations are the same but for their SOAP
/// version (the SOAP 1.1 and 1.2 bindings of one port type a .NET service describes), so
/// their methods are written, and checked by the compiler, once.
fn shared_clients(bindings: &[BindingClient<'_>], target: ClientTarget) -> Vec<Option<usize>> {
    let mut shared: Vec<Option<usize>> = Vec::with_capacity(bindings.len());
    for b in bindings {
        let leader = (target == ClientTarget::Generated && b.module.is_some())
            .then(|| {
                bindings
                    .iter()
                    .zip(&shared)
                    .position(|(earlier, its_leader)| {
                        its_leader.is_none() && same_but_version(earlier.ops, b.ops)
                    })
            })
            .flatten();
        shared.push(leader);
    }
    shared
}

/// Whether two bindings' operations are the same but for their SOAP version.
fn same_but_version(a: &[OperationPlan], b: &[OperationPlan]) -> bool {
    !a.is_empty()
        && a.len() == b.len()
        && a.iter().zip(b).all(|(a, b)| {
            let mut b = b.clone();
            b.soap12 = a.soap12;
            *a == b
        })
}

/// `SOAP 1.1` or `SOAP 1.2`, for docs.
fn version_label(b: &BindingClient<'_>) -> &'static str {
    if b.soap12 { "SOAP 1.2" } else { "SOAP 1.1" }
}

/// The first line of the doc of binding `b`'s `Client`.
fn client_doc_line(b: &BindingClient<'_>) -> String {
    format!(
        "A client for binding `{}` ({}): one async method per operation.",
        b.binding,
        version_label(b)
    )
}

/// `Binding`: the marker of binding `b` (its name, SOAP version and ports) for the shared
/// client `Port<B>`.
fn binding_marker(b: &BindingClient<'_>) -> TokenStream {
    let name = b.binding;
    let version = if b.soap12 {
        quote! { Soap12 }
    } else {
        quote! { Soap11 }
    };
    let doc = format!(
        " Binding `{name}` ({}), the one this module's [`Client`] is sent over.",
        version_label(b)
    );
    let ports = port_list(b);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy)]
        pub enum Binding {}

        impl soap_runtime::Binding for Binding {
            const NAME: &'static str = #name;
            const SOAP_VERSION: soap_runtime::envelope::SoapVersion =
                soap_runtime::envelope::SoapVersion::#version;
            const PORTS: &'static [(&'static str, &'static str)] = &[#(#ports),*];
        }
    }
}

/// The `(port name, address)` entries of the ports that use binding `b`.
fn port_list(b: &BindingClient<'_>) -> Vec<TokenStream> {
    b.ports
        .iter()
        .filter_map(|(port, address)| address.map(|address| quote! { (#port, #address) }))
        .collect()
}

/// The module of a binding that shares `leader`'s client: the leader's items (its `Port` and
/// headers structs), this binding's marker, and its `Client`.
fn sharing_items(b: &BindingClient<'_>, leader: &BindingClient<'_>) -> TokenStream {
    let module = ident(leader.module.unwrap_or_default());
    let marker = binding_marker(b);
    let doc = doc_attrs(&[
        client_doc_line(b),
        String::new(),
        format!(
            "The binding differs from `{}` only in its SOAP version, so the two share their",
            leader.binding
        ),
        "methods: this is [`Port`] sent over [`Binding`].".to_owned(),
    ]);
    quote! {
        pub use super::#module::*;

        #marker

        #doc
        pub type Client = Port<Binding>;
    }
}

/// The items of one binding's client (its own `use`s included, so they work at the top of the
/// file or inside a submodule). `sharing`: the bindings that share it (see [`shared_clients`]);
/// with any, the client is the generic `Port<B>` over a binding marker.
fn binding_items(b: &BindingClient<'_>, target: ClientTarget, sharing: &[&str]) -> TokenStream {
    let generic = !sharing.is_empty();
    let methods = b.ops.iter().map(|op| method(op, target, generic));
    let header_structs = b
        .ops
        .iter()
        .filter_map(headers_struct)
        .chain(b.ops.iter().filter_map(reply_headers_struct));
    let uses = match (b.ops.is_empty(), b.module) {
        (true, _) => quote! {},
        (false, None) => quote! { use super::{operations, types}; },
        (false, Some(module)) => {
            let module = ident(module);
            quote! {
                use super::super::types;
                use super::super::operations::#module as operations;
            }
        }
    };
    let client = match target {
        ClientTarget::Host => quote! {
            impl crate::Client {
                #(#methods)*
            }
        },
        ClientTarget::Generated if generic => shared_port(b, sharing, methods),
        ClientTarget::Generated => own_client(b, methods),
    };
    quote! {
        #uses
        #(#header_structs)*
        #client
    }
}

/// The doc lines, after the first, that say what a generated client wraps.
const WRAPS: [&str; 3] = [
    "",
    "It wraps a configured [`soap_runtime::Client`], which owns the endpoint, the HTTP",
    "transport, retries and any per-request header provider (e.g. a session header).",
];

/// `new`, `from_endpoint` and `runtime` of a generated client; `generic`: of `Port<B>`.
fn constructors(generic: bool) -> TokenStream {
    let new_body = if generic {
        quote! { Self { runtime, binding: std::marker::PhantomData } }
    } else {
        quote! { Self { runtime } }
    };
    quote! {
        /// Wraps a configured runtime client (endpoint, timeouts, retries, header
        /// provider): `Client::new(soap_runtime::Client::builder(url).build()?)`.
        pub fn new(runtime: soap_runtime::Client) -> Self {
            #new_body
        }

        /// A client for `endpoint` with the runtime's default settings (an
        /// `https://` URL; use [`Client::new`] with a configured
        /// [`soap_runtime::ClientBuilder`] for anything else).
        pub fn from_endpoint(endpoint: impl Into<String>) -> Result<Self, soap_runtime::Error> {
            Ok(Self::new(soap_runtime::Client::builder(endpoint).build()?))
        }

        /// The runtime client calls go through.
        pub fn runtime(&self) -> &soap_runtime::Client {
            &self.runtime
        }
    }
}

/// Binding `b`'s own `Client` struct.
fn own_client(b: &BindingClient<'_>, methods: impl Iterator<Item = TokenStream>) -> TokenStream {
    let mut struct_doc = vec![client_doc_line(b)];
    struct_doc.extend(WRAPS.map(str::to_owned));
    let struct_doc = doc_attrs(&struct_doc);
    let ports = port_list(b);
    let constructors = constructors(false);
    quote! {
        #struct_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            runtime: soap_runtime::Client,
        }

        impl Client {
            /// The ports of the description that use this binding, as
            /// `(port name, soap:address location)`.
            pub const PORTS: &'static [(&'static str, &'static str)] = &[#(#ports),*];

            #constructors

            #(#methods)*
        }
    }
}

/// The generic client `Port<B>` that binding `b` shares with the bindings `sharing`, with
/// `b`'s marker and its `Client` alias.
fn shared_port(
    b: &BindingClient<'_>,
    sharing: &[&str],
    methods: impl Iterator<Item = TokenStream>,
) -> TokenStream {
    let marker = binding_marker(b);
    let client_doc = doc_attrs(&[
        client_doc_line(b),
        String::new(),
        "[`Port`] sent over [`Binding`].".to_owned(),
    ]);
    let mut port_doc = vec![
        format!(
            "The client of binding `{}` and of the bindings that differ from it only in their",
            b.binding
        ),
        format!(
            "SOAP version ({}): one async method per operation, each sent over binding `B`",
            sharing
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        "(a marker type: this module's [`Binding`], or another binding module's). Each of"
            .to_owned(),
        "those modules names its `Port<Binding>` `Client`.".to_owned(),
    ];
    port_doc.extend(WRAPS.map(str::to_owned));
    let port_doc = doc_attrs(&port_doc);
    let constructors = constructors(true);
    quote! {
        #marker

        #client_doc
        pub type Client = Port<Binding>;

        #port_doc
        #[derive(Debug, Clone)]
        pub struct Port<B> {
            runtime: soap_runtime::Client,
            binding: std::marker::PhantomData<fn() -> B>,
        }

        impl<B: soap_runtime::Binding> Port<B> {
            /// The ports of the description that use binding `B`, as
            /// `(port name, soap:address location)`.
            pub const PORTS: &'static [(&'static str, &'static str)] = B::PORTS;

            #constructors

            #(#methods)*
        }
    }
}

/// `<Op>Headers`: the caller-supplied SOAP headers of one operation, each optional.
fn headers_struct(op: &OperationPlan) -> Option<TokenStream> {
    let (name, method) = op.with_headers.as_ref()?;
    let name = ident(name);
    let doc = doc_attrs(&[
        format!(
            "The optional SOAP headers of `{}` that the caller supplies, sent by `{method}`.",
            op.name
        ),
        "`Default` sends none.".to_owned(),
    ]);
    let fields = op.extra_headers.iter().map(|h| {
        let field = ident(&h.param);
        let ty = ident(&h.rust_type);
        let doc = format!(" The `<{}>` SOAP header (not sent when `None`).", h.element);
        quote! {
            #[doc = #doc]
            pub #field: Option<types::#ty>,
        }
    });
    Some(quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
        }
    })
}

/// `<Op>ReplyHeaders`: the SOAP headers a reply of one operation declares, each `None` when
/// the reply does not carry it, and how the runtime reads them from the reply's `Header`.
fn reply_headers_struct(op: &OperationPlan) -> Option<TokenStream> {
    let plan = op.reply_headers.as_ref()?;
    let name = ident(&plan.struct_name);
    let doc = doc_attrs(&[format!(
        "The SOAP headers a reply of `{}` declares, returned by `{}`.",
        op.name, plan.method
    )]);
    let fields = plan.headers.iter().map(|h| {
        let field = ident(&h.param);
        let ty = ident(&h.rust_type);
        let doc = format!(
            " The `<{}>` SOAP header of the reply (`None` when it carries none).",
            h.element
        );
        quote! {
            #[doc = #doc]
            pub #field: Option<types::#ty>,
        }
    });
    let arms = plan.headers.iter().map(|h| {
        let field = ident(&h.param);
        let element = &h.element;
        let namespace = match &h.namespace {
            Some(constant) => {
                let constant = ident(constant);
                quote! { Some(types::#constant) }
            }
            None => quote! { None },
        };
        quote! {
            (#namespace, #element) => self.#field = Some(r.complex(start)?),
        }
    });
    Some(quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
        }

        /// Decodes the declared header blocks; skips any other block of the reply.
        impl soap_runtime::envelope::ReplyHeaders for #name {
            fn read_block<'a>(
                &mut self,
                r: &mut soap_runtime::xml::XmlReader<'a>,
                start: &soap_runtime::xml::ElementStart<'a>,
            ) -> Result<(), soap_runtime::xml::DecodeError> {
                match (start.namespace(), start.local_name()) {
                    #(#arms)*
                    _ => r.skip(start)?,
                }
                Ok(())
            }
        }
    })
}

/// The request parameter of an operation method (`, params: &types::X`), the argument passed
/// on (`params`), and the request check. Without a request body the method takes no
/// parameters and sends `()` (nothing), with no check (there is no request type to carry one).
fn request_tokens(op: &OperationPlan) -> (TokenStream, TokenStream, TokenStream) {
    match &op.request_type {
        Some(request_type) => {
            let request = ident(request_type);
            (
                quote! { , params: &types::#request },
                quote! { params },
                quote! { Some(<types::#request as soap_runtime::Validate>::validate) },
            )
        }
        None => (quote! {}, quote! { &() }, quote! { None }),
    }
}

/// One operation's method(s). `generic`: in `Port<B>`, where each call's metadata is the
/// operation's in `B`'s SOAP version, made at compile time.
fn method(op: &OperationPlan, target: ClientTarget, generic: bool) -> TokenStream {
    let name = ident(&op.method);
    let constant = ident(&op.const_name);
    let op_ref = if generic {
        quote! { const { &operations::#constant.in_version(B::SOAP_VERSION) } }
    } else {
        quote! { &operations::#constant }
    };
    let (params_arg, params, check) = request_tokens(op);
    // A one-way operation returns `()` once the server accepted the request.
    let (response, runtime_call) = match &op.response {
        Some(response) => {
            let response = ident(&response.rust_type);
            (quote! { types::#response }, quote! { invoke })
        }
        None => (quote! { () }, quote! { invoke_one_way }),
    };
    let call_with = |runtime_call: &TokenStream, extra: TokenStream| match target {
        ClientTarget::Host => {
            quote! { self.#runtime_call(&operations::#constant, #params, #extra) }
        }
        ClientTarget::Generated => quote! {
            self.runtime.#runtime_call(
                #op_ref,
                #params,
                #extra,
                #check,
            )
        },
    };
    let invoke = |extra: TokenStream| call_with(&runtime_call, extra);
    let reply_method = reply_headers_method(op, &response, call_with);
    // The runtime's future, returned as it is: an `async fn` per operation would be one more
    // state machine per operation for the compiler to check and lay out (thousands on a big
    // WSDL) for no behaviour of its own. Callers `.await` it the same way. Each method is
    // `#[inline]`, so the runtime's generic call path is compiled for the operations a
    // program calls, in that program, not for every operation when the client crate builds.
    let returns = quote! {
        impl std::future::Future<Output = Result<#response, soap_runtime::Error>> + Send
    };
    let mut doc = op.doc.clone();
    if let Some(reply) = &op.reply_headers {
        doc.push(String::new());
        doc.push(format!(
            "The reply's SOAP headers (`{}`) are returned by `{}`.",
            reply.struct_name, reply.method
        ));
    }
    let plain_call = invoke(quote! { &[] });
    let Some((headers_type, with_method)) = &op.with_headers else {
        let doc = doc_attrs(&doc);
        return quote! {
            #doc
            #[inline]
            pub fn #name(&self #params_arg) -> #returns {
                #plain_call
            }

            #reply_method
        };
    };
    doc.push(String::new());
    doc.push(format!(
        "Sends none of the optional SOAP headers; `{with_method}` sends them."
    ));
    let doc = doc_attrs(&doc);
    let with_doc = doc_attrs(&[
        format!(
            "Like `{}`, with the caller-supplied SOAP headers in `headers` (those that are",
            op.method.trim_start_matches("r#")
        ),
        "`Some`).".to_owned(),
    ]);
    let with_name = ident(with_method);
    let headers_type = ident(headers_type);
    let pushes = header_pushes(op);
    let headers_call = invoke(quote! { &extra });
    // The runtime encodes the headers before it returns the future, which does not borrow
    // the list: `HeaderBlock` holds `&dyn XmlEncode`, which is not `Sync`, and a future
    // keeping it would be `!Send`.
    quote! {
        #doc
        #[inline]
        pub fn #name(&self #params_arg) -> #returns {
            #plain_call
        }

        #with_doc
        #[inline]
        pub fn #with_name(&self #params_arg, headers: &#headers_type) -> #returns {
            #pushes
            #headers_call
        }

        #reply_method
    }
}

/// `<op>_with_reply_headers`: the call of `<op>` (with the caller's headers struct when the
/// operation has one), returning the response and the reply's declared SOAP headers.
fn reply_headers_method(
    op: &OperationPlan,
    response: &TokenStream,
    call_with: impl Fn(&TokenStream, TokenStream) -> TokenStream,
) -> Option<TokenStream> {
    let plan = op.reply_headers.as_ref()?;
    let name = ident(&plan.method);
    let (params_arg, _, _) = request_tokens(op);
    let reply_type = ident(&plan.struct_name);
    let runtime_call = quote! { invoke_with_reply_headers };
    let base = op.method.trim_start_matches("r#");
    let (params, pushes, extra, sends) = match &op.with_headers {
        Some((headers_type, with_method)) => {
            let headers_type = ident(headers_type);
            (
                quote! { #params_arg, headers: &#headers_type },
                header_pushes(op),
                quote! { &extra },
                format!("Like `{with_method}`"),
            )
        }
        None => (
            quote! { #params_arg },
            quote! {},
            quote! { &[] },
            format!("Like `{base}`"),
        ),
    };
    let call = call_with(&runtime_call, extra);
    let doc = doc_attrs(&[format!(
        "{sends}, and the SOAP headers the reply carries (`{}`).",
        plan.struct_name
    )]);
    Some(quote! {
        #doc
        #[inline]
        pub fn #name(&self #params) -> impl std::future::Future<Output = Result<(#response, #reply_type), soap_runtime::Error>> + Send {
            #pushes
            #call
        }
    })
}

/// `extra`: the caller's headers struct `headers` as the header blocks to send.
fn header_pushes(op: &OperationPlan) -> TokenStream {
    let pushes = op.extra_headers.iter().map(|h| {
        let field = ident(&h.param);
        let element = &h.element;
        let namespace = match &h.namespace {
            Some(constant) => {
                let constant = ident(constant);
                quote! { types::#constant }
            }
            None => quote! { "" },
        };
        quote! {
            if let Some(header) = &headers.#field {
                extra.push(soap_runtime::envelope::HeaderBlock { namespace: #namespace, local: #element, value: header });
            }
        }
    });
    quote! {
        let mut extra = Vec::new();
        #(#pushes)*
    }
}
