//! `rules.rs`: the service's declared rules as trait impls on the generated request types:
//! `soap_runtime::Validate` for every request body type (the declared check, or accept), and
//! `soap_runtime::Paginated` for every declared paged operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::value_type;
use super::{doc_attrs, inner_doc_attrs};
use crate::Error;
use crate::declarations::{Declarations, Paging};
use crate::naming::ident;
use crate::plan::{
    Builtin, FieldPlan, Occurs, SimpleKind, StructPlan, TypeItem, TypesPlan, ValueKind,
};
use crate::service::OperationPlan;

/// The whole `rules.rs` file.
pub fn file(
    ops: &[OperationPlan],
    types: &TypesPlan,
    declarations: &Declarations,
    source: &str,
) -> Result<TokenStream, Error> {
    let module_doc = inner_doc_attrs(&[
        format!(
            "Rules declared for the service in `{source}`, as trait impls on its request types:"
        ),
        "request checks (`soap_runtime::Validate`) and paging (`soap_runtime::Paginated`)."
            .to_owned(),
    ]);
    let mut validated: Vec<(&str, Option<&str>)> = Vec::new();
    for op in ops {
        let check = declarations.checks.get(&op.name).map(String::as_str);
        let Some(request_type) = op.request_type.as_deref() else {
            if check.is_some() {
                return Err(Error::unsupported(
                    format!("operation `{}`", op.name),
                    "a request check on an operation without a request body",
                ));
            }
            continue;
        };
        match validated.iter_mut().find(|(ty, _)| *ty == request_type) {
            Some((_, existing)) if *existing == check || check.is_none() => {}
            Some((_, existing)) if existing.is_none() => *existing = check,
            Some(_) => {
                return Err(Error::unsupported(
                    format!("operation `{}`", op.name),
                    format!(
                        "request type `{request_type}` is shared with an operation declaring another check"
                    ),
                ));
            }
            None => validated.push((request_type, check)),
        }
    }
    let validate = validated.iter().map(|(ty, check)| {
        let ty = ident(ty);
        match check {
            Some(path) => {
                let path: TokenStream = path.parse().unwrap_or_default();
                quote! {
                    impl soap_runtime::Validate for types::#ty {
                        #[inline]
                        fn validate(&self) -> Result<(), String> {
                            #path(self)
                        }
                    }
                }
            }
            None => quote! { impl soap_runtime::Validate for types::#ty {} },
        }
    });
    let mut paged = Vec::new();
    for (name, paging) in &declarations.paging {
        let Some(op) = ops.iter().find(|op| &op.name == name) else {
            continue;
        };
        paged.push(paginated(op, paging, types)?);
    }
    let uses = (!paged.is_empty()).then(|| quote! { use soap_runtime::xml; });
    // Operations without a request body have no request type to give rules to.
    let use_types = (!validated.is_empty()).then(|| quote! { use super::types; });
    Ok(quote! {
        #module_doc
        #use_types
        #uses
        #(#validate)*
        #(#paged)*
    })
}

fn struct_named<'p>(types: &'p TypesPlan, rust: &str) -> Option<&'p StructPlan> {
    types.items.iter().find_map(|item| match item {
        TypeItem::Struct(s) if s.rust == rust => Some(s),
        _ => None,
    })
}

/// The fields along `path` (XML names joined by `/`) from the struct `root`.
fn walk<'p>(
    types: &'p TypesPlan,
    root: &str,
    path: &str,
    context: &str,
) -> Result<Vec<&'p FieldPlan>, Error> {
    let mut fields = Vec::new();
    let mut current = root.to_owned();
    for step in path.split('/') {
        let plan = struct_named(types, &current).ok_or_else(|| {
            Error::unsupported(
                context,
                format!("paging path `{path}`: `{current}` has no fields"),
            )
        })?;
        let field = plan.fields.iter().find(|f| f.xml == step).ok_or_else(|| {
            Error::unsupported(
                context,
                format!("paging path `{path}`: `{current}` has no element `{step}`"),
            )
        })?;
        if matches!(field.occurs, Occurs::Repeated { .. }) {
            return Err(Error::unsupported(
                context,
                format!("paging path `{path}`: `{step}` is repeated"),
            ));
        }
        if let ValueKind::Complex(name) = &field.value {
            current = name.clone();
        }
        fields.push(field);
    }
    Ok(fields)
}

/// `let` statements reading `path` from `root_expr` into `v`, with `?` through optional and
/// nillable steps (inside a function returning `Option`).
fn read_path(root_expr: TokenStream, fields: &[&FieldPlan]) -> TokenStream {
    let mut statements = Vec::new();
    let mut expr = root_expr;
    for field in fields {
        let name = ident(&field.rust);
        let step = match (field.occurs, field.nillable) {
            (Occurs::Optional, true) => quote! { #expr.#name.as_ref()?.value()? },
            (Occurs::Optional, false) => quote! { #expr.#name.as_ref()? },
            (_, true) => quote! { #expr.#name.value()? },
            (_, false) => quote! { &#expr.#name },
        };
        statements.push(quote! { let v = #step; });
        expr = quote! { v };
    }
    quote! { #(#statements)* }
}

fn paginated(op: &OperationPlan, paging: &Paging, types: &TypesPlan) -> Result<TokenStream, Error> {
    let context = format!("paging of operation `{}`", op.name);
    let Some(response) = &op.response else {
        return Err(Error::unsupported(
            context,
            "a one-way operation has no response to page through",
        ));
    };
    let response_type = &response.rust_type;
    let Some(request_type) = op.request_type.as_deref() else {
        return Err(Error::unsupported(
            context,
            "an operation without a request body has no token to send",
        ));
    };
    let token_path = walk(types, request_type, &paging.token, &context)?;
    let [token_field] = token_path.as_slice() else {
        return Err(Error::unsupported(
            context,
            format!("token `{}` must be a child of the request", paging.token),
        ));
    };
    let next_path = walk(types, response_type, &paging.next_token, &context)?;
    let Some(next_field) = next_path.last() else {
        return Err(Error::unsupported(context, "empty next_token path"));
    };
    if next_field.value != token_field.value {
        return Err(Error::unsupported(
            context,
            format!(
                "`{}` and `{}` have different types",
                paging.token, paging.next_token
            ),
        ));
    }
    let token_type = match &token_field.value {
        ValueKind::Complex(name) | ValueKind::Simple(SimpleKind::Enum(name)) => {
            let name = ident(name);
            quote! { types::#name }
        }
        builtin => value_type(builtin),
    };
    let (request, page, method) = (ident(request_type), ident(response_type), ident(&op.method));
    let field = ident(&token_field.rust);
    let get = match (token_field.occurs, token_field.nillable) {
        (Occurs::Optional, true) => {
            quote! { self.#field.as_ref().and_then(xml::Nillable::value).cloned() }
        }
        (Occurs::Optional, false) => quote! { self.#field.clone() },
        (_, true) => quote! { self.#field.value().cloned() },
        (_, false) => quote! { Some(self.#field.clone()) },
    };
    let set = match (token_field.occurs, token_field.nillable) {
        (Occurs::Optional, true) => quote! { Some(xml::Nillable::Value(token)) },
        (Occurs::Optional, false) => quote! { Some(token) },
        (_, true) => quote! { xml::Nillable::Value(token) },
        (_, false) => quote! { token },
    };
    let more = match &paging.more {
        None => quote! {},
        Some(path) => {
            let more_path = walk(types, response_type, path, &context)?;
            let read = read_path(quote! { page }, &more_path);
            let Some(last) = more_path.last() else {
                return Err(Error::unsupported(context, "empty more path"));
            };
            let last_page = match &last.value {
                ValueKind::Simple(SimpleKind::Builtin(Builtin::Bool)) => quote! { !*v },
                ValueKind::Simple(SimpleKind::Builtin(Builtin::I32 | Builtin::I64)) => {
                    quote! { *v <= 0 }
                }
                ValueKind::Simple(SimpleKind::Builtin(Builtin::U32 | Builtin::U64)) => {
                    quote! { *v == 0 }
                }
                _ => {
                    return Err(Error::unsupported(
                        context,
                        format!("`more` path `{path}` is neither a boolean nor an integer"),
                    ));
                }
            };
            quote! {
                {
                    #read
                    if #last_page {
                        return None;
                    }
                }
            }
        }
    };
    let read_next = read_path(quote! { page }, &next_path);
    let doc = doc_attrs(&[format!("`{}` pages through `{}`.", op.name, paging.token)]);
    Ok(quote! {
        #doc
        impl soap_runtime::Paginated for types::#request {
            type Client = crate::Client;
            type Page = types::#page;
            type Token = #token_type;

            async fn fetch<'c>(
                &'c self,
                client: &'c crate::Client,
            ) -> Result<Self::Page, soap_runtime::Error> {
                client.#method(self).await
            }

            fn token(&self) -> Option<Self::Token> {
                #get
            }

            fn with_token(&self, token: Self::Token) -> Self {
                let mut next = self.clone();
                next.#field = #set;
                next
            }

            fn next_token(page: &Self::Page) -> Option<Self::Token> {
                #more
                #read_next
                (v != &<Self::Token>::default()).then(|| v.clone())
            }
        }
    })
}
