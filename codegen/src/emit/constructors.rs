//! Constructors and chained setters of generated structs, and their `#[non_exhaustive]`
//! marking: how code outside the generated crate builds values, so that a field added by a
//! later version of the WSDL does not break it.
//!
//! Every struct gets `new(<required fields>)` (required = neither `Option` nor `Vec`: attributes
//! and elements in declaration order, then the text of simple content); optional fields start
//! absent and repeated ones empty. A struct without required fields derives `Default`, and its
//! `new()` is `Self::default()`. Every optional or repeated field gets
//! `with_<field>(mut self, value) -> Self`: for `Option<T>` it takes `T`, for
//! `Option<xml::Nillable<T>>` it takes `T` and stores a value (nil stays writable through the
//! public field), for `Vec<T>` it replaces the items. The setters are not generic and are
//! `#[inline]`, so thousands of them stay cheap to compile.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{attribute_type, field_type};
use crate::naming::ident;
use crate::plan::{FieldPlan, Occurs, StructPlan};

/// The sentences the generated `types` module doc adds about building values.
pub fn module_doc_lines(non_exhaustive: bool) -> Vec<String> {
    let mut lines = vec![
        String::new(),
        "Build values with `Type::new(required fields…)` and the chained `with_<field>(value)`"
            .to_owned(),
        "setters of optional and repeated fields (every struct has `new`; without required fields"
            .to_owned(),
        "it equals `Default::default()`). A nillable field's setter stores a value; assign"
            .to_owned(),
        "`Some(xml::Nillable::Nil)` to the public field to send `xsi:nil`.".to_owned(),
    ];
    if non_exhaustive {
        lines.push(
            "Structs and enums are `#[non_exhaustive]`: a later WSDL may add fields and values."
                .to_owned(),
        );
    }
    lines
}

/// `#[non_exhaustive]` when the option is on, else nothing.
pub fn non_exhaustive_attr(on: bool) -> Option<TokenStream> {
    on.then(|| quote! { #[non_exhaustive] })
}

/// One parameter of `new`: its name, its type, and the field initialiser using it.
struct Required {
    param: TokenStream,
    init: TokenStream,
}

/// One `with_` setter.
struct Setter {
    field: String,
    doc: String,
    ty: TokenStream,
    store: TokenStream,
}

/// The `impl` block with `new` and the setters of a struct, after `first` (the struct's other
/// inherent items); `default`: the struct derives `Default` (which a struct without required
/// fields always does; its `new()` uses it).
pub fn struct_impl(s: &StructPlan, default: bool, first: Option<TokenStream>) -> TokenStream {
    let name = ident(&s.rust);
    let mut required = Vec::new();
    let mut optional_inits = Vec::new();
    let mut setters = Vec::new();
    for a in &s.attributes {
        let field = ident(&a.rust);
        if a.required {
            let ty = attribute_type(a);
            required.push(Required {
                param: quote! { #field: #ty },
                init: quote! { #field },
            });
        } else {
            let ty = super::types::simple_type(&a.value);
            optional_inits.push(quote! { #field: None });
            setters.push(Setter {
                field: a.rust.clone(),
                doc: format!(" Sets the `{}` attribute.", a.xml),
                ty,
                store: quote! { Some(value) },
            });
        }
    }
    if let Some((rust, _)) = &s.any_attribute {
        let field = ident(rust);
        optional_inits.push(quote! { #field: Vec::new() });
        setters.push(Setter {
            field: rust.clone(),
            doc: " Sets the attributes kept by `xs:anyAttribute`.".to_owned(),
            ty: quote! { Vec<xml::AnyAttribute> },
            store: quote! { value },
        });
    }
    match &s.text {
        Some(kind) => {
            let ty = super::types::simple_type(kind);
            required.push(Required {
                param: quote! { value: #ty },
                init: quote! { value },
            });
        }
        None => {
            for f in &s.fields {
                field_constructor(f, &mut required, &mut optional_inits, &mut setters);
            }
        }
    }
    let new = if default && required.is_empty() {
        quote! {
            /// An empty value (the same as `Default::default()`): every field absent or empty.
            #[inline]
            pub fn new() -> Self {
                Self::default()
            }
        }
    } else {
        let params = required.iter().map(|r| &r.param);
        let inits = required.iter().map(|r| &r.init).chain(&optional_inits);
        let many = (required.len() > 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
        quote! {
            /// A value from its required fields; optional fields absent, repeated ones empty.
            #[inline]
            #many
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits),* }
            }
        }
    };
    let setters = setters.iter().map(|setter| {
        let field = ident(&setter.field);
        let method = format_ident!("with_{}", setter.field.trim_start_matches("r#"));
        let doc = &setter.doc;
        let ty = &setter.ty;
        let store = &setter.store;
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(mut self, value: #ty) -> Self {
                self.#field = #store;
                self
            }
        }
    });
    quote! {
        impl #name {
            #first
            #new
            #(#setters)*
        }
    }
}

/// Adds an element field to `new`'s parameters (required) or to the absent/empty initialisers
/// and the setters (optional, repeated).
fn field_constructor(
    f: &FieldPlan,
    required: &mut Vec<Required>,
    optional_inits: &mut Vec<TokenStream>,
    setters: &mut Vec<Setter>,
) {
    let field = ident(&f.rust);
    let value = super::types::value_type(&f.value);
    match f.occurs {
        Occurs::Required if f.boxed && !f.nillable => required.push(Required {
            param: quote! { #field: #value },
            init: quote! { #field: Box::new(#field) },
        }),
        Occurs::Required => {
            let ty = field_type(f);
            required.push(Required {
                param: quote! { #field: #ty },
                init: quote! { #field },
            });
        }
        Occurs::Optional => {
            optional_inits.push(quote! { #field: None });
            let boxed = if f.boxed {
                quote! { Box::new(value) }
            } else {
                quote! { value }
            };
            let (doc, store) = if f.nillable {
                (
                    format!(" Sets `<{}>` to a value (not nil).", f.xml),
                    quote! { Some(xml::Nillable::Value(#boxed)) },
                )
            } else {
                (format!(" Sets `<{}>`.", f.xml), quote! { Some(#boxed) })
            };
            setters.push(Setter {
                field: f.rust.clone(),
                doc,
                ty: value,
                store,
            });
        }
        Occurs::Repeated { .. } => {
            optional_inits.push(quote! { #field: Vec::new() });
            setters.push(Setter {
                field: f.rust.clone(),
                doc: format!(" Sets the `<{}>` items.", f.xml),
                ty: field_type(f),
                store: quote! { value },
            });
        }
    }
}
