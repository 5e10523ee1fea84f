//! Content whose children interleave: a repeated `xs:choice` (a `Vec` of an enum with one
//! variant per member element) and mixed content (a `Vec<xml::AnyNode>` of text and the
//! wildcard's elements). Both keep document order on the wire.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{
    doc_attrs, fresh, item_type, namespace_allowed, namespace_option, reads_attributes, xml_name,
};
use crate::naming::ident;
use crate::plan::{ChoicePlan, FieldPlan, Occurs, StructPlan, ValueKind};

/// The enums of a struct's repeated choices, each with its `XmlEncode` (writing the item's
/// element under the member's name, as a field of the parent would).
pub(super) fn choice_enums(s: &StructPlan) -> TokenStream {
    let enums = s.fields.iter().filter_map(|f| match &f.value {
        ValueKind::Choice(choice) => Some(choice_enum(&s.rust, choice)),
        _ => None,
    });
    quote! { #(#enums)* }
}

fn choice_enum(parent: &str, choice: &ChoicePlan) -> TokenStream {
    let name = ident(&choice.rust);
    let doc = doc_attrs(&[
        format!("One item of the repeated `xs:choice` in [`{parent}`]: one member element."),
        String::new(),
        "The items keep the document order of the elements, interleaved as they were written."
            .to_owned(),
    ]);
    let variants = choice.members.iter().map(|m| {
        let doc = doc_attrs(&m.doc);
        let variant = ident(&m.rust);
        let ty = item_type(m);
        quote! { #doc #variant(#ty), }
    });
    let encode_arms = choice.members.iter().map(|m| {
        let variant = ident(&m.rust);
        let xml_name = xml_name(m);
        let method = match (&m.value, m.nillable) {
            (ValueKind::Simple(_), false) => quote! { simple },
            (ValueKind::Simple(_), true) => quote! { simple_nillable },
            (_, false) => quote! { complex },
            (_, true) => quote! { complex_nillable },
        };
        quote! { Self::#variant(value) => w.#method(#xml_name, value), }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }

        impl xml::XmlEncode for #name {
            fn encode_content(&self, w: &mut xml::XmlWriter) {
                match self {
                    #(#encode_arms)*
                }
            }
        }
    }
}

/// What the decoder's match arms of a struct share.
pub(super) struct ArmContext<'t> {
    pub(super) r: &'t Ident,
    pub(super) child: &'t Ident,
    pub(super) value: &'t Ident,
    /// `check_order` call for the field's rank (or nothing).
    pub(super) check_order: Option<TokenStream>,
    /// The children are not checked in one place: each checks its own namespace.
    pub(super) check_namespaces: bool,
    /// A wildcard field is in the same struct: names alone do not decide.
    pub(super) has_wildcard: bool,
}

/// One decoder arm per member of the repeated choice in `field`: the item is read and pushed
/// as its variant (errors name `Member[index]`, the index counting all items).
pub(super) fn decode_arms(field: &FieldPlan, choice: &ChoicePlan, cx: &ArmContext) -> TokenStream {
    let list = ident(&field.rust);
    let enum_name = ident(&choice.rust);
    let (r, child, value) = (cx.r, cx.child, cx.value);
    let arms = choice.members.iter().map(|m| {
        let local = &m.xml;
        let namespace = namespace_option(m.namespace.as_ref());
        let pattern = if cx.has_wildcard {
            quote! { #local if #child.namespace() == #namespace }
        } else {
            quote! { #local }
        };
        let check_namespace = cx
            .check_namespaces
            .then(|| quote! { #r.check_namespace(&#child, #namespace)?; });
        let read = match (&m.value, m.nillable) {
            (ValueKind::Simple(_), false) => {
                quote! { #r.simple_item(&#child, #list.len() + 1)? }
            }
            (ValueKind::Simple(_), true) => {
                quote! { #r.simple_nillable_item(&#child, #list.len() + 1)? }
            }
            (_, false) => quote! { #r.complex_item(&#child, #list.len() + 1)? },
            (_, true) => quote! { #r.complex_nillable_item(&#child, #list.len() + 1)? },
        };
        let variant = ident(&m.rust);
        let check_order = &cx.check_order;
        quote! {
            #pattern => {
                #check_namespace
                #check_order
                let #value = #read;
                #list.push(#enum_name::#variant(#value));
            }
        }
    });
    quote! { #(#arms)* }
}

/// Strict mode: at most `maxOccurs` items in a repeated choice or a mixed content's wildcard
/// (too few is the missing-element check every repeated field has).
pub(super) fn max_check(field: &FieldPlan, r: &Ident) -> Option<TokenStream> {
    let (ValueKind::Choice(_) | ValueKind::Mixed(_), Occurs::Repeated { max: Some(max), .. }) =
        (&field.value, field.occurs)
    else {
        return None;
    };
    let list = ident(&field.rust);
    let local = &field.xml;
    let count = match &field.value {
        ValueKind::Mixed(_) => quote! { xml::AnyNode::element_count(&#list) },
        _ => quote! { #list.len() },
    };
    let max = Literal::u32_unsuffixed(max);
    Some(quote! { #r.check_max_occurs(start, #count, #max, #local)?; })
}

/// The decoder of a struct with mixed content: its attributes, then text and the wildcard's
/// elements in one list (elements the wildcard does not allow are unknown).
pub(super) fn mixed_decode(
    s: &StructPlan,
    field: &FieldPlan,
    constraint: &wsdl::NamespaceConstraint,
    read_attributes: TokenStream,
    attribute_inits: &[TokenStream],
) -> TokenStream {
    let name = ident(&s.rust);
    let r = fresh("r", s);
    let list = ident(&field.rust);
    let allowed = match constraint {
        wsdl::NamespaceConstraint::Any => quote! { |_: Option<&str>| true },
        _ => {
            let namespace = fresh("namespace", s);
            let test = namespace_allowed(constraint, quote! { #namespace });
            quote! { |#namespace: Option<&str>| #test }
        }
    };
    let check = (!reads_attributes(s)).then(|| quote! { #r.check_no_attributes(start)?; });
    let min_check = match field.occurs {
        Occurs::Repeated { min, .. } if min > 0 => {
            let local = &field.xml;
            let min = Literal::u32_unsuffixed(min);
            Some(quote! {
                if xml::AnyNode::element_count(&#list) < #min {
                    #r.require(None::<()>, #local)?;
                }
            })
        }
        _ => None,
    };
    let max_check = max_check(field, &r);
    quote! {
        impl xml::XmlDecode for #name {
            fn decode(#r: &mut xml::XmlReader<'_>, start: &xml::ElementStart<'_>) -> Result<Self, xml::DecodeError> {
                #check
                #read_attributes
                let #list = #r.mixed_content(#allowed)?;
                #min_check
                #max_check
                Ok(Self { #(#attribute_inits)* #list })
            }
        }
    }
}
