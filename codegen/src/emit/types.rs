//! `types.rs`: one Rust type per schema type, with its `XmlEncode`/`XmlDecode` (structs,
//! polymorphic enums) or `SimpleValue` (enumerations) implementation.

use proc_macro2::TokenStream;
use quote::quote;

mod choice;

use super::directions::ServerOnly;
use super::{constructors, doc_attrs, inner_doc_attrs};
use crate::naming::ident;
use crate::plan::{
    AttributeNamespace, AttributePlan, Builtin, ChildrenForm, EnumPlan, FieldPlan, NamespaceRef,
    Occurs, PolymorphicPlan, SimpleKind, StructPlan, TypeItem, TypesPlan, ValueKind,
};

/// The whole `types.rs` file; `non_exhaustive`: mark structs and enums `#[non_exhaustive]`;
/// `server_only`: the codecs of operation wrappers that go behind a feature.
pub fn file(
    plan: &TypesPlan,
    source: &str,
    non_exhaustive: bool,
    server_only: Option<&ServerOnly>,
) -> TokenStream {
    let mut module_doc = vec![
        format!("Types of the schema in `{source}`, with their XML codecs."),
        String::new(),
        "Field names are snake_case; the XML names are kept in the codecs and field docs."
            .to_owned(),
        "`Option` = may be absent, `xml::Nillable` = may be `xsi:nil`, `Vec` = repeated."
            .to_owned(),
    ];
    if !plan.namespaces.is_empty() {
        module_doc.extend([
            String::new(),
            "The schemas span several namespaces: `TARGET_NAMESPACE` (the body elements'),"
                .to_owned(),
            "then `NAMESPACE_1`, `NAMESPACE_2`, …; the codecs write and check each element,"
                .to_owned(),
            "attribute and `xsi:type` in its own schema's namespace. All types share this module"
                .to_owned(),
            "and are named after their XML local name; when two namespaces define the same name,"
                .to_owned(),
            "the first in schema order keeps it and the next gets a number (`Point`, `Point2`);"
                .to_owned(),
            "the type docs say which XML type each one is.".to_owned(),
        ]);
    }
    module_doc.extend(constructors::module_doc_lines(non_exhaustive));
    let module_doc = inner_doc_attrs(&module_doc);
    let other_namespaces = plan.namespaces.iter().map(|ns| {
        let name = namespace_const(ns);
        let uri = &ns.uri;
        let doc = format!(" Namespace `{uri}` (imported schema).");
        quote! {
            #[doc = #doc]
            pub const #name: &str = #uri;
        }
    });
    let ns = &plan.target_namespace;
    let with_attributes: std::collections::BTreeSet<&str> = plan
        .items
        .iter()
        .filter_map(|item| match item {
            TypeItem::Struct(s) if reads_attributes(s) => Some(s.rust.as_str()),
            _ => None,
        })
        .collect();
    let defaults = with_default(plan);
    let items = plan.items.iter().map(|item| match item {
        TypeItem::Struct(s) => struct_item(
            s,
            defaults.contains(s.rust.as_str()),
            non_exhaustive,
            server_only,
        ),
        TypeItem::Enum(e) => enum_item(e, non_exhaustive),
        TypeItem::Polymorphic(p) => {
            let forwards_attributes = p
                .variants
                .iter()
                .any(|(variant, _, _)| with_attributes.contains(variant.as_str()));
            polymorphic_item(p, forwards_attributes, non_exhaustive)
        }
    });
    let use_xml = (!plan.items.is_empty()).then(|| quote! { use soap_runtime::xml; });
    quote! {
        #module_doc
        #use_xml

        /// Namespace of the schema's global elements and types (written with the `ns1` prefix).
        pub const TARGET_NAMESPACE: &str = #ns;

        #(#other_namespaces)*

        #(#items)*
    }
}

fn builtin_type(b: Builtin) -> TokenStream {
    match b {
        Builtin::String => quote! { String },
        Builtin::I32 => quote! { i32 },
        Builtin::I64 => quote! { i64 },
        Builtin::U32 => quote! { u32 },
        Builtin::U64 => quote! { u64 },
        Builtin::Bool => quote! { bool },
        Builtin::F32 => quote! { f32 },
        Builtin::F64 => quote! { f64 },
        Builtin::DateTime => quote! { xml::XsdDateTime },
        Builtin::Bytes => quote! { Vec<u8> },
        Builtin::Integer => quote! { xml::Integer },
        Builtin::QName => quote! { xml::QName },
    }
}

pub(crate) fn simple_type(kind: &SimpleKind) -> TokenStream {
    match kind {
        SimpleKind::Builtin(b) => builtin_type(*b),
        SimpleKind::List(item) => {
            let item = simple_type(item);
            quote! { xml::List<#item> }
        }
        SimpleKind::Enum(name) => {
            let name = ident(name);
            quote! { #name }
        }
    }
}

pub(crate) fn value_type(value: &ValueKind) -> TokenStream {
    match value {
        ValueKind::Simple(kind) => simple_type(kind),
        ValueKind::Complex(name) => {
            let name = ident(name);
            quote! { #name }
        }
        ValueKind::AnyType => quote! { xml::AnyContent },
        ValueKind::Wildcard(_) => quote! { xml::AnyElement },
        ValueKind::Choice(choice) => {
            let name = ident(&choice.rust);
            quote! { #name }
        }
        ValueKind::Mixed(_) => quote! { xml::AnyNode },
    }
}

/// The element type of a field (the value, wrapped in `Nillable` when nillable).
fn item_type(field: &FieldPlan) -> TokenStream {
    let mut value = value_type(&field.value);
    if field.boxed {
        value = quote! { Box<#value> };
    }
    if field.nillable {
        quote! { xml::Nillable<#value> }
    } else {
        value
    }
}

/// The field's declared type: `T`, `Option<T>` or `Vec<T>` of the item type.
pub fn field_type(field: &FieldPlan) -> TokenStream {
    let item = item_type(field);
    match field.occurs {
        Occurs::Required => item,
        Occurs::Optional => quote! { Option<#item> },
        Occurs::Repeated { .. } => quote! { Vec<#item> },
    }
}

fn xml_name(field: &FieldPlan) -> TokenStream {
    let local = &field.xml;
    match &field.namespace {
        Some(ns) => {
            let ns = namespace_const(ns);
            quote! { xml::Name::new(#ns, #local) }
        }
        None => quote! { xml::Name::unqualified(#local) },
    }
}

/// The constant naming a namespace (`TARGET_NAMESPACE`, `NAMESPACE_1`, …).
fn namespace_const(ns: &NamespaceRef) -> proc_macro2::Ident {
    ident(&ns.constant)
}

/// `Some(CONSTANT)` / `None`: the namespace the reader reports for an element.
fn namespace_option(ns: Option<&NamespaceRef>) -> TokenStream {
    match ns {
        Some(ns) => {
            let ns = namespace_const(ns);
            quote! { Some(#ns) }
        }
        None => quote! { None },
    }
}

/// A name for a local variable that no field (element or attribute) uses.
fn fresh(base: &str, s: &StructPlan) -> proc_macro2::Ident {
    let mut name = base.to_owned();
    while s.fields.iter().any(|f| f.rust == name) || s.attributes.iter().any(|a| a.rust == name) {
        name.push('_');
    }
    ident(&name)
}

/// A boolean expression: does the namespace `ns` (an `Option<&str>` expression) satisfy the
/// wildcard's constraint?
fn namespace_allowed(constraint: &wsdl::NamespaceConstraint, ns: TokenStream) -> TokenStream {
    match constraint {
        wsdl::NamespaceConstraint::Any => quote! { true },
        wsdl::NamespaceConstraint::Other(target) => {
            quote! { #ns.is_some_and(|ns| ns != #target) }
        }
        wsdl::NamespaceConstraint::List(list) => {
            let patterns = list.iter().map(|uri| {
                if uri.is_empty() {
                    quote! { None }
                } else {
                    quote! { Some(#uri) }
                }
            });
            quote! { matches!(#ns, #(#patterns)|*) }
        }
    }
}

/// An attribute field's declared type: `T` when required, else `Option<T>`.
pub(crate) fn attribute_type(a: &AttributePlan) -> TokenStream {
    let ty = simple_type(&a.value);
    if a.required {
        ty
    } else {
        quote! { Option<#ty> }
    }
}

/// `xml::AttributeName::…(local)` for an attribute.
fn attribute_name(a: &AttributePlan) -> TokenStream {
    let local = &a.xml;
    match &a.namespace {
        AttributeNamespace::Unqualified => quote! { xml::AttributeName::unqualified(#local) },
        AttributeNamespace::Target => {
            quote! { xml::AttributeName::new(TARGET_NAMESPACE, #local) }
        }
        AttributeNamespace::Xml => quote! { xml::AttributeName::xml(#local) },
        AttributeNamespace::Other(ns) => {
            let ns = namespace_const(ns);
            quote! { xml::AttributeName::new(#ns, #local) }
        }
    }
}

/// The attribute fields' declarations (the `xs:anyAttribute` collection last).
fn attribute_fields(s: &StructPlan) -> Vec<TokenStream> {
    let mut fields: Vec<TokenStream> = s
        .attributes
        .iter()
        .map(|a| {
            let doc = doc_attrs(&a.doc);
            let name = ident(&a.rust);
            let ty = attribute_type(a);
            quote! { #doc pub #name: #ty, }
        })
        .collect();
    if let Some((rust, _)) = &s.any_attribute {
        let name = ident(rust);
        fields.push(quote! {
            /// `xs:anyAttribute`: the attributes no declared one matches, kept as written.
            pub #name: Vec<xml::AnyAttribute>,
        });
    }
    fields
}

/// The struct declares attributes or an attribute wildcard (so decoding reads attributes).
fn reads_attributes(s: &StructPlan) -> bool {
    !s.attributes.is_empty() || s.any_attribute.is_some()
}

/// `fn encode_attributes` for a struct with attributes.
/// Whether values of `kind` name namespaces in their text (`xs:QName`, lists of them).
fn names_namespaces(kind: &SimpleKind) -> bool {
    match kind {
        SimpleKind::Builtin(b) => *b == Builtin::QName,
        SimpleKind::List(item) => names_namespaces(item),
        SimpleKind::Enum(_) => false,
    }
}

fn attributes_encode(s: &StructPlan) -> Option<TokenStream> {
    let w = fresh("w", s);
    // Simple content that names namespaces declares them in the start tag.
    let declare_text = s
        .text
        .as_ref()
        .filter(|kind| names_namespaces(kind))
        .map(|_| quote! { xml::SimpleValue::declare_namespaces(&self.value, #w); });
    if !reads_attributes(s) {
        return declare_text.map(|declare| {
            quote! {
                #[inline]
                fn encode_attributes(&self, #w: &mut xml::AttributeWriter<'_>) {
                    #declare
                }
            }
        });
    }
    let writes = s.attributes.iter().map(|a| {
        let field = ident(&a.rust);
        let name = attribute_name(a);
        if a.required {
            quote! { #w.attribute(#name, &self.#field); }
        } else {
            quote! {
                if let Some(value) = &self.#field {
                    #w.attribute(#name, value);
                }
            }
        }
    });
    let others = s.any_attribute.as_ref().map(|(rust, _)| {
        let field = ident(rust);
        quote! { #w.any(&self.#field); }
    });
    Some(quote! {
        #[inline]
        fn encode_attributes(&self, #w: &mut xml::AttributeWriter<'_>) {
            #declare_text
            #(#writes)*
            #others
        }
    })
}

/// Statements reading the declared attributes of `start` into one `Option` slot per
/// attribute (undeclared ones go to `unknown_attribute`), and the struct initialisers taking
/// them out of the slots.
fn attributes_decode(s: &StructPlan, r: &proc_macro2::Ident) -> (TokenStream, Vec<TokenStream>) {
    if !reads_attributes(s) {
        return (quote! {}, Vec::new());
    }
    let attribute = fresh("attribute", s);
    let value = fresh("value", s);
    let slots = s.attributes.iter().map(|a| {
        let field = ident(&a.rust);
        let ty = simple_type(&a.value);
        quote! { let mut #field: Option<#ty> = None; }
    });
    let arms = s.attributes.iter().map(|a| {
        let field = ident(&a.rust);
        let local = &a.xml;
        let namespace = match &a.namespace {
            AttributeNamespace::Unqualified => quote! { None },
            AttributeNamespace::Target => quote! { Some(TARGET_NAMESPACE) },
            AttributeNamespace::Xml => {
                let ns = crate::plan::XML_NAMESPACE;
                quote! { Some(#ns) }
            }
            AttributeNamespace::Other(ns) => namespace_option(Some(ns)),
        };
        let fixed = a
            .fixed
            .as_ref()
            .map(|fixed| quote! { #r.check_fixed(start, &#attribute, #fixed)?; });
        quote! {
            (#namespace, #local) => {
                #fixed
                let #value = #r.attribute_value(start, &#attribute)?;
                #r.set_attribute_once(start, &mut #field, #value)?;
            }
        }
    });
    let (others_slot, others_arm, others_init) = match &s.any_attribute {
        Some((rust, constraint)) => {
            let field = ident(rust);
            let allowed = namespace_allowed(constraint, quote! { #attribute.namespace() });
            (
                Some(quote! { let mut #field: Vec<xml::AnyAttribute> = Vec::new(); }),
                Some(quote! { _ if #allowed => #field.push(#attribute.to_any()), }),
                Some(quote! { #field, }),
            )
        }
        None => (None, None, None),
    };
    let read = quote! {
        #(#slots)*
        #others_slot
        for #attribute in #r.attributes(start)? {
            match (#attribute.namespace(), #attribute.local_name()) {
                #(#arms)*
                #others_arm
                _ => #r.unknown_attribute(start, &#attribute)?,
            }
        }
    };
    let inits = s
        .attributes
        .iter()
        .map(|a| {
            let field = ident(&a.rust);
            if a.required {
                let missing = format!("@{}", a.xml);
                quote! { #field: #r.require_attribute(start, #field, #missing)?, }
            } else {
                quote! { #field, }
            }
        })
        .chain(others_init)
        .collect();
    (read, inits)
}

/// A text value type has a `Default` that means something on the wire (empty text, zero,
/// false, an empty list); dates and generated enumerations have none.
fn simple_has_default(kind: &SimpleKind) -> bool {
    match kind {
        SimpleKind::Builtin(b) => *b != Builtin::DateTime,
        SimpleKind::List(_) => true,
        SimpleKind::Enum(_) => false,
    }
}

/// The structs that derive `Default`: every field is optional, repeated, or of a type with a
/// default (text values per [`simple_has_default`], raw XML, and structs that derive it
/// themselves; never a required nillable or polymorphic field). Found as a fixed point, so
/// structs containing structs qualify in any order.
fn with_default(plan: &TypesPlan) -> std::collections::BTreeSet<&str> {
    let structs: Vec<&StructPlan> = plan
        .items
        .iter()
        .filter_map(|item| match item {
            TypeItem::Struct(s) => Some(s),
            _ => None,
        })
        .collect();
    let mut found: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    loop {
        let before = found.len();
        for s in &structs {
            if found.contains(s.rust.as_str()) {
                continue;
            }
            let field_ok = |f: &FieldPlan| match f.occurs {
                Occurs::Optional | Occurs::Repeated { .. } => true,
                Occurs::Required if f.nillable => false,
                Occurs::Required => match &f.value {
                    ValueKind::Simple(kind) => simple_has_default(kind),
                    ValueKind::Complex(name) => found.contains(name.as_str()),
                    ValueKind::AnyType | ValueKind::Wildcard(_) | ValueKind::Mixed(_) => true,
                    // A substitution group referenced once: one of its elements is required.
                    ValueKind::Choice(_) => false,
                },
            };
            let ok = s.fields.iter().all(field_ok)
                && s.attributes
                    .iter()
                    .all(|a| !a.required || simple_has_default(&a.value))
                && s.text.as_ref().is_none_or(simple_has_default);
            if ok {
                found.insert(s.rust.as_str());
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

fn struct_item(
    s: &StructPlan,
    default: bool,
    non_exhaustive: bool,
    server_only: Option<&ServerOnly>,
) -> TokenStream {
    let name = ident(&s.rust);
    let decode_gate = server_only.and_then(|g| g.decode_gate(&s.rust));
    let encode_gate = server_only.and_then(|g| g.encode_gate(&s.rust));
    let mut doc = s.doc.clone();
    if let Some(feature) = server_only.map(|g| &g.feature) {
        let gated = match (&decode_gate, &encode_gate) {
            (Some(_), _) => Some("A request body: decoding it (as a server or a mock does)"),
            (_, Some(_)) => Some("A response body: encoding it (as a server or a mock does)"),
            _ => None,
        };
        if let Some(gated) = gated {
            doc.extend([
                String::new(),
                format!("{gated} needs the crate's `{feature}` feature."),
            ]);
        }
    }
    let doc = doc_attrs(&doc);
    let non_exhaustive = constructors::non_exhaustive_attr(non_exhaustive);
    // The element's name goes in the same `impl` block as the constructors: one inherent
    // block per type, not two, for the compiler to collect (thousands on a big WSDL).
    let element = s.element.as_ref().map(|element| {
        let doc =
            format!(" Local name of the global element `<{element}>` whose content is this type.");
        quote! {
            #[doc = #doc]
            pub const ELEMENT: &'static str = #element;
        }
    });
    let constructors = constructors::struct_impl(s, default, element);
    let derives = if default {
        quote! { #[derive(Debug, Clone, PartialEq, Default)] }
    } else {
        quote! { #[derive(Debug, Clone, PartialEq)] }
    };
    let attributes = attribute_fields(s);
    let body = match &s.text {
        Some(kind) => {
            let ty = simple_type(kind);
            quote! {
                {
                    #(#attributes)*
                    /// The element's text.
                    pub value: #ty,
                }
            }
        }
        None => {
            let fields = s.fields.iter().map(|f| {
                let doc = doc_attrs(&f.doc);
                let name = ident(&f.rust);
                let ty = field_type(f);
                quote! { #doc pub #name: #ty, }
            });
            quote! { { #(#attributes)* #(#fields)* } }
        }
    };
    let encode = struct_encode(s);
    let decode = struct_decode(s);
    let choice_enums = choice::choice_enums(s, non_exhaustive.as_ref());
    let from_vec = match s.fields.as_slice() {
        [only]
            if s.text.is_none()
                && !reads_attributes(s)
                && matches!(only.occurs, Occurs::Repeated { .. }) =>
        {
            let item = item_type(only);
            let field = ident(&only.rust);
            Some(quote! {
                impl From<Vec<#item>> for #name {
                    fn from(#field: Vec<#item>) -> Self {
                        Self { #field }
                    }
                }
            })
        }
        _ => None,
    };
    quote! {
        #doc
        #derives
        #non_exhaustive
        pub struct #name #body

        #constructors
        #from_vec
        #encode_gate
        #encode
        #decode_gate
        #decode
        #choice_enums
    }
}

fn struct_encode(s: &StructPlan) -> TokenStream {
    let name = ident(&s.rust);
    let w = fresh("w", s);
    let statements: Vec<TokenStream> = match &s.text {
        Some(_) => vec![quote! { xml::SimpleValue::write_text(&self.value, #w); }],
        None => s
            .fields
            .iter()
            .map(|f| {
                let field = ident(&f.rust);
                let xml_name = xml_name(f);
                let method = match (&f.value, f.nillable) {
                    // Each item writes its own element (or text); a substitution group
                    // referenced once is one item.
                    (ValueKind::Choice(_), _) if f.occurs == Occurs::Required => {
                        return quote! { xml::XmlEncode::encode_content(&self.#field, #w); };
                    }
                    (ValueKind::Choice(_), _) if f.occurs == Occurs::Optional => {
                        return quote! {
                            if let Some(item) = &self.#field {
                                xml::XmlEncode::encode_content(item, #w);
                            }
                        };
                    }
                    (ValueKind::Choice(_) | ValueKind::Mixed(_), _) => {
                        return quote! {
                            for item in &self.#field {
                                xml::XmlEncode::encode_content(item, #w);
                            }
                        };
                    }
                    (ValueKind::Wildcard(_), _) => {
                        return match f.occurs {
                            Occurs::Required => quote! { #w.any(&self.#field); },
                            Occurs::Optional => quote! {
                                if let Some(value) = &self.#field {
                                    #w.any(value);
                                }
                            },
                            Occurs::Repeated { .. } => quote! {
                                for item in &self.#field {
                                    #w.any(item);
                                }
                            },
                        };
                    }
                    (ValueKind::Simple(_), false) => quote! { simple },
                    (ValueKind::Simple(_), true) => quote! { simple_nillable },
                    (ValueKind::Complex(_) | ValueKind::AnyType, false) => quote! { complex },
                    (ValueKind::Complex(_) | ValueKind::AnyType, true) => {
                        quote! { complex_nillable }
                    }
                };
                match f.occurs {
                    Occurs::Required => quote! { #w.#method(#xml_name, &self.#field); },
                    Occurs::Optional => quote! {
                        if let Some(value) = &self.#field {
                            #w.#method(#xml_name, value);
                        }
                    },
                    Occurs::Repeated { .. } => quote! {
                        for item in &self.#field {
                            #w.#method(#xml_name, item);
                        }
                    },
                }
            })
            .collect(),
    };
    let param = if statements.is_empty() {
        quote! { _w }
    } else {
        quote! { #w }
    };
    let encode_attributes = attributes_encode(s);
    // The codec methods of every generated type are `#[inline]`: the compiler then builds
    // them in the program that encodes or decodes the type, not for all of a big WSDL's
    // types when the client crate builds (on a 1,511-operation WSDL that halved the debug
    // build; `cargo xtask bench --compile-cost`).
    quote! {
        impl xml::XmlEncode for #name {
            #encode_attributes

            #[inline]
            fn encode_content(&self, #param: &mut xml::XmlWriter) {
                #(#statements)*
            }
        }
    }
}

/// `const TYPE_NAME` of a struct's `XmlDecode` impl, for a named schema type (strict decoding
/// then rejects an `xsi:type` naming another type).
pub(super) fn type_name_const(s: &StructPlan) -> Option<TokenStream> {
    let (ns, local) = s.xml_type.as_ref()?;
    let ns = namespace_const(ns);
    Some(quote! { const TYPE_NAME: Option<xml::Name> = Some(xml::Name::new(#ns, #local)); })
}

fn struct_decode(s: &StructPlan) -> TokenStream {
    let name = ident(&s.rust);
    let type_name = type_name_const(s);
    // Strict decoding rejects attributes on types that declare none.
    let check_attributes = |r: &proc_macro2::Ident| {
        (!reads_attributes(s)).then(|| quote! { #r.check_no_attributes(start)?; })
    };
    let r = fresh("r", s);
    let (read_attributes, attribute_inits) = attributes_decode(s, &r);
    if s.text.is_some() {
        let check = check_attributes(&r);
        // The plan keeps `value` free of attribute fields in simple-content structs. The text
        // is read with the declarations in scope when the value names namespaces (QName).
        return quote! {
            impl xml::XmlDecode for #name {
                #type_name
                #[inline]
                fn decode(#r: &mut xml::XmlReader<'_>, start: &xml::ElementStart<'_>) -> Result<Self, xml::DecodeError> {
                    #check
                    #read_attributes
                    let value = #r.text_value(start)?;
                    Ok(Self { #(#attribute_inits)* value })
                }
            }
        };
    }
    if let Some(decode) = choice::mixed_decode(s, &read_attributes, &attribute_inits) {
        return decode;
    }
    if let Some(decode) = only_child_decode(s, &name, type_name.as_ref(), &r) {
        return decode;
    }
    let check = check_attributes(&r);
    let has_choices = s.fields.iter().any(|f| !f.choices.is_empty());
    let max_checks: Vec<TokenStream> = s
        .fields
        .iter()
        .filter_map(|f| choice::max_check(f, &r))
        .collect();
    let start = if check.is_some() || reads_attributes(s) || has_choices || !max_checks.is_empty() {
        quote! { start }
    } else {
        quote! { _start }
    };
    let child = fresh("child", s);
    let value = fresh("value", s);
    let order = fresh("order", s);
    let ranks = DenseRanks::of(s);
    let children_form = s.children_form();
    let next_child = match &children_form {
        Some(ChildrenForm::Unqualified) => quote! { #r.next_child(xml::Form::Unqualified) },
        Some(ChildrenForm::Namespace(ns)) => {
            let ns = namespace_const(ns);
            quote! { #r.next_child(xml::Form::Namespace(#ns)) }
        }
        None => quote! { #r.next_element() },
    };
    let slots = s.fields.iter().map(|f| {
        let field = ident(&f.rust);
        let item = item_type(f);
        match f.occurs {
            Occurs::Repeated { .. } => quote! { let mut #field: Vec<#item> = Vec::new(); },
            _ => quote! { let mut #field: Option<#item> = None; },
        }
    });
    let has_wildcard = s.fields.iter().any(|f| match &f.value {
        ValueKind::Wildcard(_) => true,
        ValueKind::Choice(choice) => choice.wildcard.is_some(),
        _ => false,
    });
    // The field's rank in the content model, where the schema fixes an order.
    let rank_of = |f: &FieldPlan| {
        ranks
            .as_ref()
            .map(|ranks| proc_macro2::Literal::u32_unsuffixed(ranks.of_rank(f.rank)))
    };
    let check_rank = |f: &FieldPlan| {
        rank_of(f).map(|rank| quote! { #r.check_order(&mut #order, #rank, &#child, ORDER)?; })
    };
    let arms = s.fields.iter().enumerate().map(|(index, f)| {
        let field = ident(&f.rust);
        let local = &f.xml;
        let pattern = match &f.value {
            ValueKind::Wildcard(constraint) => {
                let allowed = namespace_allowed(constraint, quote! { #child.namespace() });
                quote! { _ if #allowed }
            }
            // Once its one slot is filled, the element can only be a later wildcard's.
            _ if overflows_to_wildcard(s, index) => {
                let ns = namespace_option(f.namespace.as_ref());
                quote! { #local if #child.namespace() == #ns && #field.is_none() }
            }
            // Next to a wildcard, a name alone does not decide: the namespace must match too.
            _ if has_wildcard => {
                let ns = namespace_option(f.namespace.as_ref());
                quote! { #local if #child.namespace() == #ns }
            }
            _ => quote! { #local },
        };
        // Children of several namespaces: each is checked against its own (strict mode).
        let check_namespace = (children_form.is_none() && !has_wildcard).then(|| {
            let ns = namespace_option(f.namespace.as_ref());
            quote! { #r.check_namespace(&#child, #ns)?; }
        });
        let check_order = check_rank(f);
        let store = match (&f.value, f.nillable, f.occurs) {
            (ValueKind::Wildcard(_), _, Occurs::Repeated { .. }) => {
                quote! { #check_order let #value = #r.any_element(&#child)?; #field.push(#value); }
            }
            (ValueKind::Wildcard(_), _, _) => {
                quote! { #check_order let #value = #r.any_element(&#child)?; #r.set_once(&mut #field, &#child, #value)?; }
            }
            // An element of mixed content (the text is read by the mixed decoder).
            (ValueKind::Mixed(_), _, _) => {
                quote! { #check_order let #value = xml::AnyNode::Element(#r.any_element(&#child)?); #field.push(#value); }
            }
            // One arm per member instead of one for the field.
            (ValueKind::Choice(choice), _, _) => {
                let cx = choice::ArmContext {
                    r: &r,
                    child: &child,
                    value: &value,
                    check_order,
                    check_namespaces: check_namespace.is_some(),
                    has_wildcard,
                };
                return choice::decode_arms(f, choice, &cx);
            }
            // One runtime call checks the child's rank, reads it and stores it in its slot
            // (see the runtime's `reader/slots.rs`): one early return per arm for the compiler
            // to check, not two. (Arms that instead give their `Result` to one `?` after the
            // match built the economic crate in 8 MB less, but decoded 10% slower in
            // `cargo xtask bench --quick --reps 25`.)
            (ValueKind::Simple(_) | ValueKind::Complex(_) | ValueKind::AnyType, nillable, occurs) => {
                let complex = !matches!(f.value, ValueKind::Simple(_));
                let helper = slot_helper_of(complex, nillable, occurs);
                match rank_of(f) {
                    Some(rank) => {
                        quote! { #r.ordered(&mut #order, #rank, ORDER, &mut #field, &#child, xml::XmlReader::#helper)?; }
                    }
                    None => quote! { #r.#helper(&mut #field, &#child)?; },
                }
            }
        };
        quote! {
            #pattern => {
                #check_namespace
                #store
            }
        }
    });
    // A wildcard among a repeated group's members: its arm, like a wildcard field's.
    let group_wildcards: Vec<TokenStream> = s
        .fields
        .iter()
        .filter_map(|f| match &f.value {
            ValueKind::Choice(choice) => {
                choice::wildcard_arm(f, choice, &r, &child, &value, check_rank(f))
            }
            _ => None,
        })
        .collect();
    // The wildcard's arm takes what the named arms did not: it must come after them.
    let (named, wildcard): (Vec<_>, Vec<_>) = arms
        .zip(&s.fields)
        .partition(|(_, f)| !matches!(f.value, ValueKind::Wildcard(_)));
    let arms = named
        .into_iter()
        .chain(wildcard)
        .map(|(arm, _)| arm)
        .chain(group_wildcards);
    let order_state = ranks.as_ref().map(|ranks| {
        let names = ranks.names.iter().map(|names| quote! { &[#(#names),*] });
        quote! {
            /// Element names by rank in the content model (for out-of-order errors).
            const ORDER: &[&[&str]] = &[#(#names),*];
            let mut #order: u32 = 0;
        }
    });
    let inits = s.fields.iter().map(|f| {
        let field = ident(&f.rust);
        let local = &f.xml;
        match f.occurs {
            Occurs::Required => quote! { #field: #r.require(#field, #local)?, },
            _ => quote! { #field, },
        }
    });
    let choice_checks = choice_checks(s, &r);
    // `minOccurs` above zero on a repeated element: too few items is a missing element.
    let min_checks = s.fields.iter().filter_map(|f| match f.occurs {
        Occurs::Repeated { min, .. } if min > 0 => {
            let field = ident(&f.rust);
            let local = &f.xml;
            let too_few = if min == 1 {
                quote! { #field.is_empty() }
            } else {
                let min = proc_macro2::Literal::u32_unsuffixed(min);
                quote! { #field.len() < #min }
            };
            Some(quote! {
                if #too_few {
                    #r.require(None::<()>, #local)?;
                }
            })
        }
        _ => None,
    });
    let body = if s.fields.is_empty() {
        quote! {
            while let Some(#child) = #next_child? {
                #r.unknown(&#child)?;
            }
        }
    } else {
        quote! {
            #order_state
            #(#slots)*
            while let Some(#child) = #next_child? {
                match #child.local_name() {
                    #(#arms)*
                    _ => #r.unknown(&#child)?,
                }
            }
        }
    };
    quote! {
        impl xml::XmlDecode for #name {
            #type_name
            #[inline]
            fn decode(#r: &mut xml::XmlReader<'_>, #start: &xml::ElementStart<'_>) -> Result<Self, xml::DecodeError> {
                #check
                #read_attributes
                #body
                #(#choice_checks)*
                #(#min_checks)*
                #(#max_checks)*
                Ok(Self { #(#attribute_inits)* #(#inits)* })
            }
        }
    }
}

/// The runtime helper (`reader/slots.rs`) that reads a child of a named simple or complex
/// value and stores it in the field's slot: `simple_into`, `complex_nillable_push`, …; `None`
/// for wildcards, mixed content and choices, which decoders read their own way.
fn slot_helper(f: &FieldPlan) -> Option<proc_macro2::Ident> {
    let complex = match f.value {
        ValueKind::Simple(_) => false,
        ValueKind::Complex(_) | ValueKind::AnyType => true,
        _ => return None,
    };
    Some(slot_helper_of(complex, f.nillable, f.occurs))
}

/// The slot helper for a simple or complex (`complex`) value.
fn slot_helper_of(complex: bool, nillable: bool, occurs: Occurs) -> proc_macro2::Ident {
    let kind = if complex { "complex" } else { "simple" };
    let nil = if nillable { "_nillable" } else { "" };
    let store = match occurs {
        Occurs::Repeated { .. } => "push",
        Occurs::Required | Occurs::Optional => "into",
    };
    ident(&format!("{kind}{nil}_{store}"))
}

/// The decoder of a type without attributes whose content is one named child element (an
/// operation wrapper, an `ArrayOf…` list): one runtime call, `XmlReader::only_child`, which
/// runs the loop the general decoder writes out, with the field's slot helper. `None` for any
/// other type.
fn only_child_decode(
    s: &StructPlan,
    name: &proc_macro2::Ident,
    type_name: Option<&TokenStream>,
    r: &proc_macro2::Ident,
) -> Option<TokenStream> {
    let [f] = s.fields.as_slice() else {
        return None;
    };
    if reads_attributes(s) || !f.choices.is_empty() {
        return None;
    }
    let form = match s.children_form()? {
        ChildrenForm::Unqualified => quote! { xml::Form::Unqualified },
        ChildrenForm::Namespace(ns) => {
            let ns = namespace_const(&ns);
            quote! { xml::Form::Namespace(#ns) }
        }
    };
    // `minOccurs` above zero is checked after the loop: the general decoder does that.
    if matches!(f.occurs, Occurs::Repeated { min, .. } if min > 0) {
        return None;
    }
    let store = slot_helper(f)?;
    let field = ident(&f.rust);
    let local = &f.xml;
    let value = match f.occurs {
        Occurs::Required => quote! { #field: #r.require(#field, #local)? },
        _ => quote! { #field },
    };
    Some(quote! {
        impl xml::XmlDecode for #name {
            #type_name
            #[inline]
            fn decode(#r: &mut xml::XmlReader<'_>, start: &xml::ElementStart<'_>) -> Result<Self, xml::DecodeError> {
                let #field = #r.only_child(start, #form, #local, xml::XmlReader::#store)?;
                Ok(Self { #value })
            }
        }
    })
}

/// Field `index` holds at most one element and a wildcard after it admits the element's
/// namespace: XML Schema matches content by position, so a second element of that name (a
/// Salesforce record lists `Id` again among its selected fields) is the wildcard's, not a
/// duplicate.
fn overflows_to_wildcard(s: &StructPlan, index: usize) -> bool {
    let Some(f) = s.fields.get(index) else {
        return false;
    };
    let single = matches!(f.occurs, Occurs::Optional | Occurs::Required);
    let named = matches!(
        f.value,
        ValueKind::Simple(_) | ValueKind::Complex(_) | ValueKind::AnyType
    );
    let namespace = f.namespace.as_ref().map(|ns| ns.uri.as_str());
    single
        && named
        && s.fields
            .iter()
            .skip(index + 1)
            .any(|later| match &later.value {
                ValueKind::Wildcard(constraint) => match constraint {
                    wsdl::NamespaceConstraint::Any => true,
                    wsdl::NamespaceConstraint::Other(target) => {
                        namespace.is_some_and(|ns| ns != target)
                    }
                    wsdl::NamespaceConstraint::List(list) => {
                        list.iter().any(|uri| uri == namespace.unwrap_or(""))
                    }
                },
                _ => false,
            })
}

/// One `check_choice` call per `xs:choice` among the fields: whether each branch has an element
/// (before the slots are consumed).
fn choice_checks(s: &StructPlan, r: &proc_macro2::Ident) -> Vec<TokenStream> {
    let mut ids: Vec<u32> = s
        .fields
        .iter()
        .flat_map(|f| f.choices.iter().map(|(id, _)| *id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .map(|id| {
            let mut branches: Vec<(u32, Vec<TokenStream>)> = Vec::new();
            let mut members = Vec::new();
            for f in &s.fields {
                let Some((_, branch)) = f.choices.iter().find(|(c, _)| *c == id) else {
                    continue;
                };
                members.push(f.xml.as_str());
                let field = ident(&f.rust);
                let present = match f.occurs {
                    Occurs::Repeated { .. } => quote! { !#field.is_empty() },
                    _ => quote! { #field.is_some() },
                };
                match branches.iter_mut().find(|(b, _)| b == branch) {
                    Some((_, tests)) => tests.push(present),
                    None => branches.push((*branch, vec![present])),
                }
            }
            let present = branches.iter().map(|(_, tests)| quote! { #(#tests)||* });
            quote! { #r.check_choice(start, &[#(#present),*], &[#(#members),*])?; }
        })
        .collect()
}

/// The ranks of a struct's fields renumbered `0..n` (schema order), with the element names of
/// each; `None` when all fields share one rank (no order to check).
struct DenseRanks<'p> {
    /// Distinct field ranks, ascending.
    ranks: Vec<u32>,
    /// Element names of each dense rank.
    names: Vec<Vec<&'p str>>,
}

impl<'p> DenseRanks<'p> {
    fn of(s: &'p StructPlan) -> Option<Self> {
        if !s.ordered() {
            return None;
        }
        let mut ranks: Vec<u32> = s.fields.iter().map(|f| f.rank).collect();
        ranks.sort_unstable();
        ranks.dedup();
        let mut names = vec![Vec::new(); ranks.len()];
        for f in &s.fields {
            if let Ok(i) = ranks.binary_search(&f.rank)
                && let Some(slot) = names.get_mut(i)
            {
                slot.push(f.xml.as_str());
            }
        }
        Some(Self { ranks, names })
    }

    /// The dense rank of a field rank.
    fn of_rank(&self, rank: u32) -> u32 {
        let index = self.ranks.binary_search(&rank).unwrap_or_default();
        u32::try_from(index).unwrap_or(u32::MAX)
    }
}

fn enum_item(e: &EnumPlan, non_exhaustive: bool) -> TokenStream {
    let name = ident(&e.rust);
    let doc = doc_attrs(&e.doc);
    let non_exhaustive = constructors::non_exhaustive_attr(non_exhaustive);
    let variants = e.variants.iter().map(|(variant, value)| {
        let variant = ident(variant);
        let doc = if value.is_empty() {
            " The empty string.".to_owned()
        } else {
            format!(" {}", crate::plan::code_span(value))
        };
        quote! { #[doc = #doc] #variant, }
    });
    let to_str = e.variants.iter().map(|(variant, value)| {
        let variant = ident(variant);
        quote! { Self::#variant => #value, }
    });
    let from_str = e.variants.iter().map(|(variant, value)| {
        let variant = ident(variant);
        quote! { #value => Self::#variant, }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #non_exhaustive
        pub enum #name {
            #(#variants)*
            /// A value not in the schema, kept verbatim.
            Unknown(String),
        }

        impl #name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let value = match s {
                    #(#from_str)*
                    other => Self::Unknown(other.to_owned()),
                };
                Ok(value)
            }
        }

        impl xml::SimpleValue for #name {
            fn write_text(&self, w: &mut xml::XmlWriter) {
                w.text(self.as_str());
            }

            fn parse_text(text: &str) -> Result<Self, xml::ValueError> {
                let Ok(value) = text.parse::<Self>();
                Ok(value)
            }
        }
    }
}

/// The enum over a type's concrete extensions (and the type itself when it is concrete);
/// `forwards_attributes`: some variant has attributes, so `encode_attributes` must reach it.
fn polymorphic_item(
    p: &PolymorphicPlan,
    forwards_attributes: bool,
    non_exhaustive: bool,
) -> TokenStream {
    let name = ident(&p.rust);
    let doc = doc_attrs(&p.doc);
    let non_exhaustive = constructors::non_exhaustive_attr(non_exhaustive);
    // The concrete base itself: written without `xsi:type`, read when there is none.
    let base_variant = p
        .concrete_base
        .then(|| p.variants.first())
        .flatten()
        .map(|(variant, _, _)| ident(variant));
    let variants = p
        .variants
        .iter()
        .enumerate()
        .map(|(index, (variant, xsi, ns))| {
            let variant = ident(variant);
            let doc = if index == 0 && p.concrete_base {
                format!(" The type itself: no `xsi:type`, or `xsi:type=\"{xsi}\"`.")
            } else if ns.constant == "TARGET_NAMESPACE" {
                format!(" `xsi:type=\"{xsi}\"`.")
            } else {
                format!(" `xsi:type=\"{xsi}\"` in `{}`.", ns.uri)
            };
            quote! { #[doc = #doc] #variant(#variant), }
        });
    let from_impls = p.variants.iter().map(|(variant, _, _)| {
        let variant = ident(variant);
        quote! {
            impl From<#variant> for #name {
                fn from(value: #variant) -> Self {
                    Self::#variant(value)
                }
            }
        }
    });
    let encode_arms = p.variants.iter().map(|(variant, _, _)| {
        let variant = ident(variant);
        quote! { Self::#variant(value) => xml::XmlEncode::encode_content(value, w), }
    });
    let xsi_arms = p.variants.iter().map(|(variant, xsi, ns)| {
        let is_base = base_variant.as_ref().is_some_and(|base| base == variant);
        let variant = ident(variant);
        if is_base {
            return quote! { Self::#variant(_) => None, };
        }
        let ns = namespace_const(ns);
        quote! { Self::#variant(_) => Some(xml::Name::new(#ns, #xsi)), }
    });
    let decode_arms = p.variants.iter().map(|(variant, xsi, ns)| {
        let variant = ident(variant);
        // An unprefixed `xsi:type` without a default namespace is read as the target's (as
        // lenient senders write it).
        let namespace = if ns.constant == "TARGET_NAMESPACE" {
            quote! { Some(TARGET_NAMESPACE) | None }
        } else {
            let ns = namespace_const(ns);
            quote! { Some(#ns) }
        };
        quote! {
            Some((#namespace, #xsi)) => {
                return Ok(Self::#variant(<#variant as xml::XmlDecode>::decode(r, start)?));
            }
        }
    });
    let encode_attributes = forwards_attributes.then(|| {
        let arms = p.variants.iter().map(|(variant, _, _)| {
            let variant = ident(variant);
            quote! { Self::#variant(value) => xml::XmlEncode::encode_attributes(value, w), }
        });
        quote! {
            #[inline]
            fn encode_attributes(&self, w: &mut xml::AttributeWriter<'_>) {
                match self { #(#arms)* }
            }
        }
    });
    let missing_arm = match &base_variant {
        Some(base) => quote! {
            None => return Ok(Self::#base(<#base as xml::XmlDecode>::decode(r, start)?)),
        },
        None => quote! { None => xml::DecodeErrorKind::MissingXsiType, },
    };
    let encode_body = if p.variants.is_empty() {
        quote! { match *self {} }
    } else {
        quote! { match self { #(#encode_arms)* } }
    };
    let xsi_body = if p.variants.is_empty() {
        quote! { match *self {} }
    } else {
        quote! { match self { #(#xsi_arms)* } }
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::enum_variant_names, clippy::large_enum_variant)]
        #non_exhaustive
        pub enum #name {
            #(#variants)*
        }

        #(#from_impls)*

        impl xml::XmlEncode for #name {
            #encode_attributes

            #[inline]
            fn encode_content(&self, w: &mut xml::XmlWriter) {
                #encode_body
            }

            fn xsi_type(&self) -> Option<xml::Name> {
                #xsi_body
            }
        }

        impl xml::XmlDecode for #name {
            #[inline]
            fn decode(r: &mut xml::XmlReader<'_>, start: &xml::ElementStart<'_>) -> Result<Self, xml::DecodeError> {
                let kind = match start.xsi_type() {
                    #(#decode_arms)*
                    Some((_, other)) => xml::DecodeErrorKind::UnknownXsiType(other.to_owned()),
                    #missing_arm
                };
                Err(xml::DecodeError::new(kind, Some(start.position())))
            }
        }
    }
}
