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

/// The enums of a struct's repeated choices and mixed content, each with its `XmlEncode`
/// (writing the item's element under the member's name, as a field of the parent would);
/// `non_exhaustive`: the attribute the generated types carry, if any.
pub(super) fn choice_enums(s: &StructPlan, non_exhaustive: Option<&TokenStream>) -> TokenStream {
    let enums = s.fields.iter().filter_map(|f| match &f.value {
        ValueKind::Choice(choice) => Some(choice_enum(&s.rust, choice, non_exhaustive)),
        _ => None,
    });
    quote! { #(#enums)* }
}

fn choice_enum(
    parent: &str,
    choice: &ChoicePlan,
    non_exhaustive: Option<&TokenStream>,
) -> TokenStream {
    let name = ident(&choice.rust);
    let first = if choice.text && choice.members.is_empty() {
        format!("One item of the mixed content of [`{parent}`]: a run of text.")
    } else if choice.text {
        format!("One item of the mixed content of [`{parent}`]: a run of text or one element.")
    } else {
        format!("One item of the repeated `xs:choice` in [`{parent}`]: one member element.")
    };
    let doc = doc_attrs(&[
        first,
        String::new(),
        "The items keep the document order of the elements, interleaved as they were written."
            .to_owned(),
    ]);
    let text_variant = choice.text.then(|| {
        quote! {
            /// Text between the elements (written escaped).
            Text(String),
        }
    });
    let text_arm = choice
        .text
        .then(|| quote! { Self::Text(text) => w.text(text), });
    let any_variant = choice.wildcard.as_ref().map(|_| {
        quote! {
            /// An element of the group's `xs:any` that no member takes, kept as written.
            Any(xml::AnyElement),
        }
    });
    let any_arm = choice
        .wildcard
        .as_ref()
        .map(|_| quote! { Self::Any(element) => w.any(element), });
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
        #non_exhaustive
        pub enum #name {
            #text_variant
            #(#variants)*
            #any_variant
        }

        impl xml::XmlEncode for #name {
            #[inline]
            fn encode_content(&self, w: &mut xml::XmlWriter) {
                match self {
                    #text_arm
                    #(#encode_arms)*
                    #any_arm
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
        let variant = ident(&m.rust);
        let check_order = &cx.check_order;
        // A repeated choice pushes items; a substitution group referenced at most once fills
        // its one slot.
        let (read, store) = if matches!(field.occurs, Occurs::Repeated { .. }) {
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
            (read, quote! { #list.push(#enum_name::#variant(#value)); })
        } else {
            let read = match (&m.value, m.nillable) {
                (ValueKind::Simple(_), false) => quote! { #r.simple(&#child)? },
                (ValueKind::Simple(_), true) => quote! { #r.simple_nillable(&#child)? },
                (_, false) => quote! { #r.complex(&#child)? },
                (_, true) => quote! { #r.complex_nillable(&#child)? },
            };
            (
                read,
                quote! { #r.set_once(&mut #list, &#child, #enum_name::#variant(#value))?; },
            )
        };
        quote! {
            #pattern => {
                #check_namespace
                #check_order
                let #value = #read;
                #store
            }
        }
    });
    quote! { #(#arms)* }
}

/// The decoder arm of the `xs:any` among a repeated group's members (after every named arm):
/// an element its namespace constraint admits is kept whole as an `Any` item.
pub(super) fn wildcard_arm(
    field: &FieldPlan,
    choice: &ChoicePlan,
    r: &Ident,
    child: &Ident,
    value: &Ident,
    check_order: Option<TokenStream>,
) -> Option<TokenStream> {
    let constraint = choice.wildcard.as_ref()?;
    let list = ident(&field.rust);
    let enum_name = ident(&choice.rust);
    let allowed = namespace_allowed(constraint, quote! { #child.namespace() });
    Some(quote! {
        _ if #allowed => {
            #check_order
            let #value = #r.any_element(&#child)?;
            #list.push(#enum_name::Any(#value));
        }
    })
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

/// The decoder of a struct with mixed content (its only field), `None` for other structs.
pub(super) fn mixed_decode(
    s: &StructPlan,
    read_attributes: &TokenStream,
    attribute_inits: &[TokenStream],
) -> Option<TokenStream> {
    match s.fields.as_slice() {
        [
            field @ FieldPlan {
                value: ValueKind::Mixed(constraint),
                ..
            },
        ] => Some(mixed_any_decode(
            s,
            field,
            constraint,
            read_attributes,
            attribute_inits,
        )),
        [
            field @ FieldPlan {
                value: ValueKind::Choice(choice),
                ..
            },
        ] if choice.text => Some(mixed_children_decode(
            s,
            field,
            choice,
            read_attributes,
            attribute_inits,
        )),
        _ => None,
    }
}

/// Mixed content with named children: its attributes, then each run of text and each child
/// element as an item, in document order. Strict decoding checks each child's name and
/// namespace; their order and counts are kept as written.
fn mixed_children_decode(
    s: &StructPlan,
    field: &FieldPlan,
    choice: &ChoicePlan,
    read_attributes: &TokenStream,
    attribute_inits: &[TokenStream],
) -> TokenStream {
    let name = ident(&s.rust);
    let type_name = super::type_name_const(s);
    let r = fresh("r", s);
    let list = ident(&field.rust);
    let enum_name = ident(&choice.rust);
    let child = fresh("child", s);
    let value = fresh("value", s);
    let node = fresh("node", s);
    let text = fresh("text", s);
    let check = (!reads_attributes(s)).then(|| quote! { #r.check_no_attributes(start)?; });
    let element = if choice.members.is_empty() {
        quote! { #r.unknown(&#child)? }
    } else {
        let cx = ArmContext {
            r: &r,
            child: &child,
            value: &value,
            check_order: None,
            check_namespaces: true,
            has_wildcard: false,
        };
        let arms = decode_arms(field, choice, &cx);
        quote! {
            match #child.local_name() {
                #arms
                _ => #r.unknown(&#child)?,
            }
        }
    };
    quote! {
        impl xml::XmlDecode for #name {
            #type_name
            #[inline]
            fn decode(#r: &mut xml::XmlReader<'_>, start: &xml::ElementStart<'_>) -> Result<Self, xml::DecodeError> {
                #check
                #read_attributes
                let mut #list: Vec<#enum_name> = Vec::new();
                #r.mixed_children(|#r, #node| {
                    match #node {
                        xml::MixedChild::Text(#text) => #list.push(#enum_name::Text(#text)),
                        xml::MixedChild::Element(#child) => #element,
                    }
                    Ok(())
                })?;
                Ok(Self { #(#attribute_inits)* #list })
            }
        }
    }
}

/// Mixed content of one `xs:any`: its attributes, then text and the wildcard's elements in
/// one list (elements the wildcard does not allow are unknown).
fn mixed_any_decode(
    s: &StructPlan,
    field: &FieldPlan,
    constraint: &wsdl::NamespaceConstraint,
    read_attributes: &TokenStream,
    attribute_inits: &[TokenStream],
) -> TokenStream {
    let name = ident(&s.rust);
    let type_name = super::type_name_const(s);
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
            #type_name
            #[inline]
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
