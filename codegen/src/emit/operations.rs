//! `operations.rs`: operation metadata constants, the `Request`/`Response` enums the
//! simulator dispatches on, and one `<Op>Fault` enum per operation with declared faults.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, inner_doc_attrs};
use crate::naming::ident;
use crate::service::{FaultsPlan, OperationPlan};

/// One binding's operations and, when the file holds several bindings, its submodule name.
#[derive(Debug, Clone, Copy)]
pub struct BindingOperations<'a> {
    /// The binding's local name.
    pub binding: &'a str,
    /// Submodule name when there are several bindings.
    pub module: Option<&'a str>,
    /// The operations.
    pub ops: &'a [OperationPlan],
}

/// The whole `operations.rs` file: flat for one binding, a submodule per binding otherwise.
///
/// `bodies_feature`: the Cargo feature the `Request`/`Response` enums are compiled behind
/// (a generated crate's [`super::features::BODIES`]), or `None` to compile them always.
pub fn file(
    bindings: &[BindingOperations<'_>],
    target_namespace: &str,
    source: &str,
    skipped: &[String],
    bodies_feature: Option<&str>,
) -> TokenStream {
    let mut doc = match bindings {
        [single] if single.module.is_none() => vec![
            format!(
                "Operations of binding `{}` in `{source}`: wire metadata and",
                single.binding
            ),
            "request/response bodies as enums (used by the simulator to dispatch).".to_owned(),
        ],
        _ => vec![
            format!("Operations of every SOAP binding in `{source}`, one module per binding:"),
            "wire metadata and request/response bodies as enums.".to_owned(),
        ],
    };
    if let Some(feature) = bodies_feature {
        doc.push(String::new());
        doc.push(format!(
            "The body enums (`Request`, `Response`) are compiled with the crate's `{feature}` feature,"
        ));
        doc.push(
            "as are the decoders of request bodies and the encoders of response bodies.".to_owned(),
        );
        doc.push("A client needs none of them.".to_owned());
    }
    if !skipped.is_empty() {
        doc.push(String::new());
        doc.push("Not generated:".to_owned());
        doc.extend(skipped.iter().map(|note| format!("- {note}")));
    }
    let module_doc = inner_doc_attrs(&doc);
    let bodies = bindings.iter().map(|b| {
        let items = binding_items(b.ops, target_namespace, b.module.is_some(), bodies_feature);
        match b.module {
            None => items,
            Some(module) => {
                let name = ident(module);
                let doc = format!(" Operations of binding `{}`.", b.binding);
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

/// Metadata constants, `OPERATIONS` and the body enums of one binding (with the `use`s they
/// need, so they work at the top of the file or inside a submodule).
fn binding_items(
    ops: &[OperationPlan],
    target_namespace: &str,
    nested: bool,
    bodies_feature: Option<&str>,
) -> TokenStream {
    let consts = ops.iter().map(|op| {
        let name = ident(&op.const_name);
        let doc = doc_attrs(&op.doc);
        let (op_name, action, ns) = (&op.name, &op.soap_action, &op.namespace);
        let req = &op.request_element;
        // A one-way operation has no response body: its element name is empty.
        let resp = op.response.as_ref().map_or("", |r| r.element.as_str());
        let resp_ns = op.response.as_ref().map_or(&op.namespace, |r| &r.namespace);
        let resp_ns = namespace_tokens(resp_ns, target_namespace);
        let headers = &op.input_headers;
        let idempotent = op.idempotent;
        let ns = namespace_tokens(ns, target_namespace);
        let version = if op.soap12 {
            quote! { soap_runtime::envelope::SoapVersion::Soap12 }
        } else {
            quote! { soap_runtime::envelope::SoapVersion::Soap11 }
        };
        quote! {
            #doc
            pub const #name: OperationMeta = OperationMeta {
                name: #op_name,
                soap_action: #action,
                soap_version: #version,
                namespace: #ns,
                response_namespace: #resp_ns,
                request_element: #req,
                response_element: #resp,
                input_headers: &[#(#headers),*],
                idempotent: #idempotent,
            };
        }
    });
    let all = ops.iter().map(|op| ident(&op.const_name));
    let fault_enums = ops.iter().filter_map(|op| {
        op.faults
            .as_ref()
            .map(|faults| fault_enum(&op.name, faults))
    });
    let gate = bodies_feature.map(|feature| quote! { #[cfg(feature = #feature)] });
    let request = body_enum(ops, Direction::Request, target_namespace, gate.as_ref());
    let response = body_enum(ops, Direction::Response, target_namespace, gate.as_ref());
    let types_path = if nested {
        quote! { super::super::types }
    } else {
        quote! { super::types }
    };
    // Without the body enums, a binding may name neither `types` nor `xml`.
    let allow = gate.is_some().then(|| quote! { #[allow(unused_imports)] });
    let uses =
        (!ops.is_empty()).then(|| quote! { #allow use #types_path; #allow use soap_runtime::xml; });
    quote! {
        #uses
        use soap_runtime::OperationMeta;

        #(#consts)*

        /// Every operation of the binding, in binding order.
        pub const OPERATIONS: &[OperationMeta] = &[#(#all),*];

        #request
        #response
        #(#fault_enums)*
    }
}

/// `<Op>Fault`: the declared faults of operation `op`, one variant per detail element, and
/// how a fault's detail entry decodes into it.
fn fault_enum(op: &str, faults: &FaultsPlan) -> TokenStream {
    let name = ident(&faults.enum_name);
    let doc = doc_attrs(&[
        format!("The declared faults of `{op}` (its `wsdl:fault`s), by detail element."),
        String::new(),
        format!(
            "`error.fault_detail::<{}>()` decodes the first detail entry that is one of them;",
            faults.enum_name
        ),
        "a detail that is none of them is still whole in `error.fault()`.".to_owned(),
    ]);
    let namespace = |v: &crate::service::FaultVariant| match &v.namespace {
        Some(constant) => {
            let constant = ident(constant);
            quote! { Some(types::#constant) }
        }
        None => quote! { None },
    };
    let variants = faults.variants.iter().map(|v| {
        let variant = ident(&v.variant);
        let ty = ident(&v.rust_type);
        let doc = format!(" Fault `{}`: detail `<{}>`.", v.fault, v.element);
        quote! { #[doc = #doc] #variant(types::#ty), }
    });
    let elements = faults.variants.iter().map(|v| {
        let ns = namespace(v);
        let element = &v.element;
        quote! { (#ns, #element), }
    });
    let arms = faults.variants.iter().map(|v| {
        let ns = namespace(v);
        let element = &v.element;
        let variant = ident(&v.variant);
        quote! { (#ns, #element) => Some(entry.decode(options).map(Self::#variant)), }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// The detail elements of the declared faults, as `(namespace, local name)`, in
            /// declaration order.
            pub const DETAIL_ELEMENTS: &'static [(Option<&'static str>, &'static str)] = &[#(#elements)*];
        }

        impl soap_runtime::envelope::FaultDetail for #name {
            fn from_entry(
                entry: &soap_runtime::envelope::FaultDetailEntry,
                options: xml::DecodeOptions,
            ) -> Option<Result<Self, xml::DecodeError>> {
                match (entry.namespace.as_deref(), entry.local.as_str()) {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Request,
    Response,
}

/// `types::TARGET_NAMESPACE` when `ns` is the schema's target namespace, else the literal.
fn namespace_tokens(ns: &str, target_namespace: &str) -> TokenStream {
    if ns == target_namespace {
        quote! { types::TARGET_NAMESPACE }
    } else {
        quote! { #ns }
    }
}

fn body_enum(
    ops: &[OperationPlan],
    direction: Direction,
    target_namespace: &str,
    gate: Option<&TokenStream>,
) -> TokenStream {
    let (name, what) = match direction {
        Direction::Request => (quote! { Request }, "request"),
        Direction::Response => (quote! { Response }, "response"),
    };
    // (operation, body element namespace, local name, Rust type) of the operations with a body
    // this way: a one-way operation has no response.
    let bodies: Vec<(&OperationPlan, &str, &str, &str)> = ops
        .iter()
        .filter_map(|op| match direction {
            // An empty request body has no element to dispatch on.
            Direction::Request => op
                .request_type
                .as_deref()
                .map(|ty| (op, op.namespace.as_str(), op.request_element.as_str(), ty)),
            Direction::Response => op.response.as_ref().map(|r| {
                (
                    op,
                    r.namespace.as_str(),
                    r.element.as_str(),
                    r.rust_type.as_str(),
                )
            }),
        })
        .collect();
    let variants = bodies.iter().map(|(op, _, element, ty)| {
        let variant = ident(&op.variant);
        let ty = ident(ty);
        let doc = format!(" `{}` {what} body (`<{element}>`).", op.name);
        quote! { #[doc = #doc] #variant(types::#ty), }
    });
    let op_arms = bodies.iter().map(|(op, ..)| {
        let variant = ident(&op.variant);
        let constant = ident(&op.const_name);
        quote! { Self::#variant(_) => &#constant, }
    });
    let body_arms = bodies.iter().map(|(op, ..)| {
        let variant = ident(&op.variant);
        quote! { Self::#variant(value) => value, }
    });
    // Arms by namespace, then local name. First operation wins when two share a body element
    // (the rest are unreachable by name). Each arm is a chain of calls without `?` or
    // `return`: a service with thousands of operations makes this one of the crate's largest
    // functions, and the compiler's borrow checking of a function grows faster than its
    // number of early-return paths (measured on a 1,511-operation WSDL: 60 s of a 98 s debug
    // build with `?` arms).
    let mut by_namespace: std::collections::BTreeMap<&str, Vec<TokenStream>> =
        std::collections::BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for (op, ns, local, _) in &bodies {
        if seen.insert((*ns, *local)) {
            let variant = ident(&op.variant);
            by_namespace
                .entry(ns)
                .or_default()
                .push(quote! { #local => r.complex(start).map(Self::#variant).map(Some), });
        }
    }
    let namespace_arms = by_namespace.iter().map(|(ns, arms)| {
        let ns = namespace_tokens(ns, target_namespace);
        quote! {
            Some(#ns) => match start.local_name() {
                #(#arms)*
                _ => Ok(None),
            },
        }
    });
    // A response element may be declared in another namespace than the request's (`ns1`).
    let encode = match direction {
        Direction::Request => quote! { w.root(self.operation().request_element, self.body()); },
        Direction::Response => quote! {
            let op = self.operation();
            w.root_in(op.response_namespace, op.response_element, self.body());
        },
    };
    let doc = format!(" The {what} body of any operation, by operation.");
    let decode_doc = format!(
        " Decodes a {what} body whose root element `start` was just read; `Ok(None)` when no operation has that body element."
    );
    let (matches, decode_body) = if bodies.is_empty() {
        (
            quote! { match *self {} },
            quote! {
                let _ = (r, start);
                Ok(None)
            },
        )
    } else {
        (
            quote! {},
            quote! {
                match start.namespace() {
                    #(#namespace_arms)*
                    _ => Ok(None),
                }
            },
        )
    };
    let operation_body = if bodies.is_empty() {
        matches.clone()
    } else {
        quote! { match self { #(#op_arms)* } }
    };
    let body_body = if bodies.is_empty() {
        matches
    } else {
        quote! { match self { #(#body_arms)* } }
    };
    quote! {
        #[doc = #doc]
        #gate
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }

        #gate
        impl #name {
            /// The operation this body belongs to.
            #[inline]
            pub fn operation(&self) -> &'static OperationMeta {
                #operation_body
            }

            /// The body content, for the envelope writer.
            #[inline]
            pub fn body(&self) -> &dyn xml::XmlEncode {
                #body_body
            }

            /// Writes the body as a root element (`<ns1:…>` in the operation's namespace).
            #[inline]
            pub fn encode(&self, w: &mut xml::XmlWriter) {
                #encode
            }

            #[doc = #decode_doc]
            #[inline]
            pub fn decode<'a>(r: &mut xml::XmlReader<'a>, start: &xml::ElementStart<'a>) -> Result<Option<Self>, xml::DecodeError> {
                #decode_body
            }
        }
    }
}
