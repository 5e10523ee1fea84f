//! Which codec of an operation wrapper a client never uses.
//!
//! A client encodes its requests and decodes its responses. A type that only ever is the
//! body of requests (or only of responses) is also decoded (encoded) by a server, a mock or a
//! tool reading recorded traffic, and by nothing else. In a generated crate those impls go
//! behind the crate's `bodies` feature, with the body enums that use them: a large WSDL's
//! types are mostly such wrappers (3,022 of economic's 3,268), and without them a client's
//! build checks half as many codec impls (`cargo xtask bench --compile-cost`).

use std::collections::BTreeSet;

use crate::plan::{TypeItem, TypesPlan, ValueKind};
use crate::service::OperationPlan;

/// The structs whose decoder (request bodies) or encoder (response bodies) only a server uses,
/// and the Cargo feature that enables them.
#[derive(Debug, Clone, Default)]
pub struct ServerOnly {
    /// The feature the impls need (`bodies`).
    pub feature: String,
    /// Structs that are only ever request bodies: their `XmlDecode` is gated.
    pub decode: BTreeSet<String>,
    /// Structs that are only ever response bodies: their `XmlEncode` is gated.
    pub encode: BTreeSet<String>,
}

impl ServerOnly {
    /// The wrappers of `ops` a client of them encodes only or decodes only: a type qualifies
    /// when it is the body of requests and not of responses (or the reverse), and is no
    /// header, no fault detail, no field or choice member of another type and no variant of
    /// a polymorphic type, all of which the client may read and write either way.
    pub fn of(types: &TypesPlan, ops: &[OperationPlan], feature: &str) -> Self {
        let mut requests = BTreeSet::new();
        let mut responses = BTreeSet::new();
        let mut elsewhere = BTreeSet::new();
        for op in ops {
            requests.extend(op.request_type.iter().map(String::as_str));
            responses.extend(op.response.iter().map(|r| r.rust_type.as_str()));
            let headers = op.extra_headers.iter().chain(
                op.reply_headers
                    .iter()
                    .flat_map(|reply| reply.headers.iter()),
            );
            elsewhere.extend(headers.map(|h| h.rust_type.as_str()));
            let faults = op.faults.iter().flat_map(|f| f.variants.iter());
            elsewhere.extend(faults.map(|v| v.rust_type.as_str()));
        }
        for item in &types.items {
            match item {
                TypeItem::Struct(s) => {
                    for field in &s.fields {
                        referenced(&field.value, &mut elsewhere);
                    }
                }
                TypeItem::Polymorphic(p) => {
                    elsewhere.extend(p.variants.iter().map(|(variant, ..)| variant.as_str()));
                    elsewhere.insert(p.rust.as_str());
                }
                TypeItem::Enum(_) => {}
            }
        }
        let only = |these: &BTreeSet<&str>, those: &BTreeSet<&str>| {
            these
                .iter()
                .filter(|name| !those.contains(*name) && !elsewhere.contains(*name))
                .map(|name| (*name).to_owned())
                .collect()
        };
        Self {
            feature: feature.to_owned(),
            decode: only(&requests, &responses),
            encode: only(&responses, &requests),
        }
    }

    /// `#[cfg(feature = …)]` for the decoder of `rust_type`, when only a server uses it.
    pub fn decode_gate(&self, rust_type: &str) -> Option<proc_macro2::TokenStream> {
        self.gate(self.decode.contains(rust_type))
    }

    /// `#[cfg(feature = …)]` for the encoder of `rust_type`, when only a server uses it.
    pub fn encode_gate(&self, rust_type: &str) -> Option<proc_macro2::TokenStream> {
        self.gate(self.encode.contains(rust_type))
    }

    fn gate(&self, gated: bool) -> Option<proc_macro2::TokenStream> {
        let feature = &self.feature;
        gated.then(|| quote::quote! { #[cfg(feature = #feature)] })
    }
}

/// Adds the struct and choice types `value` names to `into`.
fn referenced<'p>(value: &'p ValueKind, into: &mut BTreeSet<&'p str>) {
    match value {
        ValueKind::Complex(name) => {
            into.insert(name.as_str());
        }
        ValueKind::Choice(choice) => {
            for member in &choice.members {
                referenced(&member.value, into);
            }
        }
        ValueKind::Simple(_)
        | ValueKind::AnyType
        | ValueKind::Wildcard(_)
        | ValueKind::Mixed(_) => {}
    }
}
