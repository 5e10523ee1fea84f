//! Walks the schema in document order and decides every generated type and name.

use std::collections::{BTreeMap, BTreeSet};

use wsdl::{
    AttributeDecl, ComplexType, Content, Definitions, Derivation, ElementDecl, Form, QName,
    SimpleType, SimpleVariety, TypeRef,
};

use super::docs::{doc_lines, occurrence_words};
use super::flatten::{FlatParticle, FlatTerm, Multiplier, Ranks, flatten_group};
use super::recursion::box_recursive_fields;
use super::{
    AttributeNamespace, AttributePlan, Builtin, ChoicePlan, EnumPlan, FieldPlan, MAX_DEPTH,
    NamespaceRef, Occurs, PolymorphicPlan, RESERVED_TYPE_NAMES, RpcWrapper, SimpleKind, StructPlan,
    TypeItem, TypesPlan, ValueKind, XML_NAMESPACE,
};
use crate::Error;
use crate::naming::{self, NameScope};

mod rpc;

pub(super) struct Builder<'d> {
    defs: &'d Definitions,
    target_namespace: String,
    complex: BTreeMap<&'d QName, &'d ComplexType>,
    simple: BTreeMap<&'d QName, &'d SimpleType>,
    /// base → direct extensions, in schema order.
    extensions: BTreeMap<&'d QName, Vec<&'d QName>>,
    /// Types an element may name in `xsi:type` in place of: abstract or concrete types with
    /// concrete extensions; each becomes an enum over them.
    polymorphic: BTreeSet<&'d QName>,
    names: BTreeMap<&'d QName, String>,
    /// The struct of a concrete polymorphic type's own content (its name is the enum's).
    own_structs: BTreeMap<&'d QName, String>,
    /// Value types of the global elements planned so far.
    element_values: BTreeMap<&'d QName, ValueKind>,
    scope: NameScope,
    items: Vec<TypeItem>,
    /// Namespaces other than the target that the generated code names (see
    /// [`Builder::namespace_ref`]).
    namespaces: Vec<NamespaceRef>,
}

impl<'d> Builder<'d> {
    pub(super) fn new(defs: &'d Definitions, target_namespace: &str) -> Self {
        let mut complex = BTreeMap::new();
        let mut extensions: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
        for ct in &defs.schema.complex_types {
            let Some(name) = &ct.name else { continue };
            complex.insert(name, ct);
            if let Some(Derivation::Extension(base)) = &ct.derivation {
                extensions.entry(base).or_default().push(name);
            }
        }
        let simple = defs
            .schema
            .simple_types
            .iter()
            .filter_map(|st| st.name.as_ref().map(|n| (n, st)))
            .collect();
        let mut builder = Self {
            defs,
            target_namespace: target_namespace.to_owned(),
            complex,
            simple,
            extensions,
            polymorphic: BTreeSet::new(),
            names: BTreeMap::new(),
            own_structs: BTreeMap::new(),
            element_values: BTreeMap::new(),
            scope: NameScope::with_reserved(RESERVED_TYPE_NAMES),
            items: Vec::new(),
            namespaces: Vec::new(),
        };
        // Every namespace with global declarations gets its constant up front, in schema order,
        // so header elements and body elements of any namespace can be named.
        let schema = &defs.schema;
        let global_namespaces: Vec<&str> = schema
            .elements
            .iter()
            .map(|e| e.name.namespace.as_str())
            .chain(
                schema
                    .complex_types
                    .iter()
                    .filter_map(|ct| ct.name.as_ref().map(|n| n.namespace.as_str())),
            )
            .chain(
                schema
                    .simple_types
                    .iter()
                    .filter_map(|st| st.name.as_ref().map(|n| n.namespace.as_str())),
            )
            .collect();
        for ns in global_namespaces {
            if !ns.is_empty() {
                builder.namespace_ref(ns);
            }
        }
        for ct in &defs.schema.complex_types {
            if let Some(name) = &ct.name
                && !builder.concrete_descendants(name).is_empty()
            {
                builder.polymorphic.insert(name);
            }
        }
        builder
    }

    /// The constant naming namespace `uri` (non-empty): `TARGET_NAMESPACE` for the target
    /// namespace, else `NAMESPACE_<n>`, numbered in the order namespaces are first needed.
    fn namespace_ref(&mut self, uri: &str) -> NamespaceRef {
        if uri == self.target_namespace {
            return NamespaceRef {
                uri: uri.to_owned(),
                constant: "TARGET_NAMESPACE".to_owned(),
            };
        }
        if let Some(found) = self.namespaces.iter().find(|ns| ns.uri == uri) {
            return found.clone();
        }
        let found = NamespaceRef {
            uri: uri.to_owned(),
            constant: format!("NAMESPACE_{}", self.namespaces.len() + 1),
        };
        self.namespaces.push(found.clone());
        found
    }

    /// Non-abstract transitive extensions of `base`, in schema order. Each type is visited once,
    /// so derivation cycles terminate.
    fn concrete_descendants(&self, base: &QName) -> Vec<&'d QName> {
        let mut found = BTreeSet::new();
        let mut frontier = vec![base];
        while let Some(next) = frontier.pop() {
            for child in self.extensions.get(next).into_iter().flatten() {
                if found.insert(*child) {
                    frontier.push(child);
                }
            }
        }
        self.defs
            .schema
            .complex_types
            .iter()
            .filter_map(|ct| {
                ct.name
                    .as_ref()
                    .filter(|n| found.contains(n) && !ct.is_abstract)
            })
            .collect()
    }

    pub(super) fn run(mut self, rpc: &[RpcWrapper]) -> Result<TypesPlan, Error> {
        // Names first (schema order: enumerations, then complex types), so references resolve
        // regardless of declaration order.
        let defs = self.defs;
        for st in &defs.schema.simple_types {
            if let Some(name) = &st.name
                && is_enumeration(st)
            {
                let rust = self.scope.claim(&naming::type_ident(&name.local));
                self.names.insert(name, rust);
            }
        }
        for ct in &defs.schema.complex_types {
            if let Some(name) = &ct.name {
                let rust = self.scope.claim(&naming::type_ident(&name.local));
                self.names.insert(name, rust);
            }
        }
        // A concrete type others extend: the enum takes its name, its own content a struct
        // named `<Type>Base`.
        for ct in &defs.schema.complex_types {
            if let Some(name) = &ct.name
                && !ct.is_abstract
                && self.polymorphic.contains(name)
            {
                let rust = self
                    .scope
                    .claim(&naming::type_ident(&format!("{}Base", name.local)));
                self.own_structs.insert(name, rust);
            }
        }
        for st in &defs.schema.simple_types {
            if let Some(name) = &st.name
                && let Some(rust) = self.names.get(name).cloned()
            {
                self.items.push(TypeItem::Enum(enum_plan(rust, st)));
            }
        }
        for ct in &defs.schema.complex_types {
            if let Some(name) = &ct.name {
                let rust = self.names.get(name).cloned().unwrap_or_default();
                if self.polymorphic.contains(name) {
                    let plan = self.polymorphic_plan(rust, name, ct)?;
                    self.items.push(TypeItem::Polymorphic(plan));
                    if let Some(own) = self.own_structs.get(name).cloned() {
                        self.struct_item(own, ct, &name.local)?;
                    }
                } else {
                    self.struct_item(rust, ct, &name.local)?;
                }
            }
        }
        self.name_other_namespaces_in_docs();
        let mut elements = BTreeMap::new();
        for element in &defs.schema.elements {
            let value = self.global_element_value(element)?;
            elements.insert(element.name.clone(), value);
        }
        let rpc_types = self.rpc_wrappers(rpc)?;
        let element_wrappers = self.simple_element_wrappers(&elements);
        self.attach_unique_elements(&elements);
        box_recursive_fields(&mut self.items);
        Ok(TypesPlan {
            target_namespace: self.target_namespace,
            namespaces: self.namespaces,
            items: self.items,
            elements,
            element_wrappers,
            rpc_types,
        })
    }

    /// A struct for each global element of simple type that a message part names: a body or
    /// header is read and written as a whole element, which a bare simple value is not. The
    /// struct keeps the element's text in `value`. A nillable one stays without (its text
    /// could be `xsi:nil`), and the operation using it is refused.
    fn simple_element_wrappers(
        &mut self,
        elements: &BTreeMap<QName, ValueKind>,
    ) -> BTreeMap<QName, String> {
        let defs = self.defs;
        let mut wrappers = BTreeMap::new();
        let parts = defs.messages.iter().flat_map(|m| &m.parts);
        for part in parts {
            let wsdl::PartKind::Element(name) = &part.kind else {
                continue;
            };
            let Some(ValueKind::Simple(kind)) = elements.get(name) else {
                continue;
            };
            let Some(element) = defs.schema.elements.iter().find(|e| &e.name == name) else {
                continue;
            };
            if element.nillable || wrappers.contains_key(name) {
                continue;
            }
            let rust = self.scope.claim(&naming::type_ident(&name.local));
            let mut doc = doc_lines(element.documentation.as_deref());
            if doc.is_empty() {
                doc.push(format!("Element `<{}>` of simple type.", name.local));
            }
            doc.push(String::new());
            doc.push("On the wire the element's text; here in `value`.".to_owned());
            self.items.push(TypeItem::Struct(StructPlan {
                rust: rust.clone(),
                doc,
                fields: Vec::new(),
                text: Some(kind.clone()),
                element: Some(name.local.clone()),
                xml_type: None,
                attributes: Vec::new(),
                any_attribute: None,
            }));
            wrappers.insert(name.clone(), rust);
        }
        wrappers
    }

    /// Types of a namespace other than the target say so in their default doc line
    /// (``Complex type `Item` in `urn:x`.``), so two types named alike can be told apart.
    fn name_other_namespaces_in_docs(&mut self) {
        let defs = self.defs;
        let named = defs
            .schema
            .complex_types
            .iter()
            .filter_map(|ct| ct.name.as_ref().map(|n| (n, "Complex type")))
            .chain(
                defs.schema
                    .simple_types
                    .iter()
                    .filter_map(|st| st.name.as_ref().map(|n| (n, "Enumeration"))),
            );
        for (name, what) in named {
            if name.namespace == self.target_namespace {
                continue;
            }
            let Some(rust) = self.names.get(name) else {
                continue;
            };
            let default = format!("{what} `{}`.", name.local);
            for item in &mut self.items {
                let (item_rust, doc) = match item {
                    TypeItem::Struct(s) => (&s.rust, &mut s.doc),
                    TypeItem::Enum(e) => (&e.rust, &mut e.doc),
                    TypeItem::Polymorphic(_) => continue,
                };
                if item_rust == rust
                    && doc.first() == Some(&default)
                    && let Some(first) = doc.first_mut()
                {
                    *first = format!("{what} `{}` in `{}`.", name.local, name.namespace);
                }
            }
        }
    }

    /// The value type of a global element, planned once (a `ref=` to an element with an
    /// anonymous type may have planned it already).
    fn global_element_value(&mut self, element: &'d ElementDecl) -> Result<ValueKind, Error> {
        if let Some(value) = self.element_values.get(&element.name) {
            return Ok(value.clone());
        }
        let value = match &element.type_ref {
            TypeRef::AnonymousComplex(ct) => {
                let rust = self.scope.claim(&naming::type_ident(&element.name.local));
                // Recorded before planning the fields, so the type may contain itself.
                self.element_values
                    .insert(&element.name, ValueKind::Complex(rust.clone()));
                self.struct_item(rust.clone(), ct, &element.name.local)
                    .map_err(|e| e.at(&element.position))?;
                ValueKind::Complex(rust)
            }
            type_ref => self
                .value_kind(type_ref, &element.name.local, &element.name.local)
                .map_err(|e| e.at(&element.position))?,
        };
        self.element_values.insert(&element.name, value.clone());
        Ok(value)
    }

    /// Records the global element name on structs that exactly one global element uses.
    fn attach_unique_elements(&mut self, elements: &BTreeMap<QName, ValueKind>) {
        let mut by_type: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for element in &self.defs.schema.elements {
            if let Some(ValueKind::Complex(rust)) = elements.get(&element.name) {
                by_type.entry(rust).or_default().push(&element.name.local);
            }
        }
        for item in &mut self.items {
            if let TypeItem::Struct(s) = item
                && let Some([only]) = by_type.get(s.rust.as_str()).map(Vec::as_slice)
            {
                s.element = Some((*only).to_owned());
            }
        }
    }

    fn polymorphic_plan(
        &mut self,
        rust: String,
        name: &QName,
        ct: &ComplexType,
    ) -> Result<PolymorphicPlan, Error> {
        let concrete_base = !ct.is_abstract;
        let mut members = Vec::new();
        if concrete_base {
            members.push(name);
        }
        members.extend(self.concrete_descendants(name));
        let mut variants = Vec::new();
        for sub in members {
            if sub.namespace.is_empty() && !self.target_namespace.is_empty() {
                // The generated decoder matches `xsi:type` by namespace constant, and a type of
                // no namespace has none.
                let position = self.complex.get(sub).map(|c| c.position.clone());
                return Err(Error::unsupported_at(
                    &position.unwrap_or_default(),
                    format!("complex type `{}`", sub.local),
                    "xsi:type value naming a type in no namespace",
                ));
            }
            // A concrete polymorphic descendant is an enum itself: the variant holds its struct.
            let struct_name = self
                .own_structs
                .get(sub)
                .or_else(|| self.names.get(sub))
                .cloned()
                .unwrap_or_default();
            let namespace = self.namespace_ref(&sub.namespace);
            variants.push((struct_name, sub.local.clone(), namespace));
        }
        let mut doc = doc_lines(ct.documentation.as_deref());
        if doc.is_empty() {
            doc.push(if concrete_base {
                format!(
                    "Complex type `{}` itself or one of its concrete extensions.",
                    name.local
                )
            } else {
                format!(
                    "Abstract complex type `{}`: one of its concrete extensions.",
                    name.local
                )
            });
        }
        doc.push(String::new());
        doc.push(if concrete_base {
            format!(
                "On the wire an extension carries `xsi:type` naming it; an element without `xsi:type` (or naming `{}`) is the type itself. Decoding dispatches on it.",
                name.local
            )
        } else {
            "On the wire the element carries `xsi:type` naming the variant; decoding dispatches on it."
                .to_owned()
        });
        Ok(PolymorphicPlan {
            rust,
            doc,
            variants,
            concrete_base,
        })
    }

    /// Plans a struct (and, recursively, the anonymous types inside it) and appends it.
    fn struct_item(
        &mut self,
        rust: String,
        ct: &'d ComplexType,
        xml_name: &str,
    ) -> Result<(), Error> {
        let context = format!("complex type `{xml_name}`");
        let mut particles = Vec::new();
        let mut content = ContentSink {
            particles: &mut particles,
            ranks: Ranks::default(),
        };
        let text = self
            .collect_content(ct, &context, 0, &mut content)
            .map_err(|e| e.at(&ct.position))?;
        let declared = self
            .attributes_of(ct, &context, 0)
            .map_err(|e| e.at(&ct.position))?;
        let position = self.items.len();
        // Simple content keeps its text in `value`: attributes must not take that name.
        let mut field_scope = if text.is_some() {
            NameScope::with_reserved(&["value"])
        } else {
            NameScope::default()
        };
        let mut seen_xml = BTreeSet::new();
        let mut fields = Vec::new();
        let mut wildcard_seen = false;
        if ct.mixed {
            let field = match particles.as_slice() {
                [
                    only @ FlatParticle {
                        term: FlatTerm::Any { namespace, .. },
                        ..
                    },
                ] => mixed_field(&mut field_scope, only, namespace, ct, &context)?,
                _ => self.mixed_children_field(&rust, &mut field_scope, &particles, &context)?,
            };
            fields.push(field);
            particles.clear();
        }
        for p in particles {
            let e = match &p.term {
                FlatTerm::Element(e) => *e,
                FlatTerm::RepeatedChoice {
                    members,
                    position,
                    items,
                    wildcard,
                } => {
                    if wildcard.is_some() {
                        claim_wildcard(&mut wildcard_seen, position, &context)?;
                    }
                    let field = self
                        .repeated_choice_field(
                            &rust,
                            &mut field_scope,
                            &p,
                            members,
                            (*items, *wildcard),
                            &context,
                        )
                        .map_err(|err| err.at(position))?;
                    for member in members {
                        if !seen_xml.insert(member.0.name.local.clone()) {
                            return Err(Error::unsupported_at(
                                &member.0.position,
                                context,
                                format!(
                                    "element `{}` appears more than once in the content model",
                                    member.0.name.local
                                ),
                            ));
                        }
                    }
                    fields.push(field);
                    continue;
                }
                FlatTerm::Any {
                    namespace,
                    position,
                } => {
                    claim_wildcard(&mut wildcard_seen, position, &context)?;
                    fields.push(wildcard_field(
                        &mut field_scope,
                        &p,
                        namespace,
                        position,
                        &context,
                    )?);
                    continue;
                }
            };
            let field = self
                .field(&rust, &mut field_scope, e, &p, &context)
                .map_err(|err| err.at(&e.position))?;
            // A substitution group's field takes the elements of all its members.
            let names = match &field.value {
                ValueKind::Choice(choice) => choice.members.iter().map(|m| &m.xml).collect(),
                _ => vec![&e.name.local],
            };
            for name in names {
                if !seen_xml.insert(name.clone()) {
                    return Err(Error::unsupported_at(
                        &e.position,
                        context,
                        format!("element `{name}` appears more than once in the content model"),
                    ));
                }
            }
            fields.push(field);
        }
        let mut attributes = Vec::new();
        for a in declared {
            attributes.push(
                self.attribute(&rust, &mut field_scope, a, &context)
                    .map_err(|e| e.at(&a.position))?,
            );
        }
        let any_attribute = self
            .any_attribute_of(ct, 0)
            .map(|constraint| (field_scope.claim("other_attributes"), constraint.clone()));
        let mut doc = doc_lines(ct.documentation.as_deref());
        if doc.is_empty() {
            doc.push(format!("Complex type `{xml_name}`."));
        }
        if let Some(Derivation::Extension(base)) = &ct.derivation {
            doc.push(String::new());
            doc.push(format!("Extends `{}`: its fields come first.", base.local));
        }
        // Only a type nothing derives from: an `xsi:type` may name any type derived from the
        // declared one (extension or restriction).
        let derived_from = |name: &QName| {
            self.defs.schema.complex_types.iter().any(|other| {
                matches!(&other.derivation,
                    Some(Derivation::Extension(base) | Derivation::Restriction(base)) if base == name)
            })
        };
        let xml_type = ct
            .name
            .as_ref()
            .filter(|name| !name.namespace.is_empty() && !derived_from(name))
            .map(|name| (self.namespace_ref(&name.namespace), name.local.clone()));
        let plan = StructPlan {
            rust,
            doc,
            fields,
            text,
            element: None,
            xml_type,
            attributes,
            any_attribute,
        };
        // Anonymous types planned while building the fields were appended already; keep the
        // parent first so output reads top-down.
        self.items.insert(position, TypeItem::Struct(plan));
        Ok(())
    }

    /// Flattens the element particles of `ct` (base first for extensions) into `sink`; returns
    /// the text type for simple content.
    fn collect_content(
        &mut self,
        ct: &'d ComplexType,
        context: &str,
        depth: usize,
        sink: &mut ContentSink<'_, 'd>,
    ) -> Result<Option<SimpleKind>, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::unsupported(
                context,
                "derivation chain too deep (cycle?)",
            ));
        }
        let mut text = None;
        if let Some(Derivation::Extension(base)) = &ct.derivation {
            if let Some(base_ct) = self.complex.get(base).copied() {
                text = self.collect_content(base_ct, context, depth + 1, sink)?;
            } else if ct_is_simple_content(ct) {
                // simpleContent extension of a simple type: the content carries the type.
            } else {
                return Err(Error::dangling(
                    context,
                    format!("base type `{}`", base.local),
                ));
            }
        }
        match &ct.content {
            Content::Empty => {}
            Content::Group(group) => {
                if text.is_some() {
                    return Err(Error::unsupported(
                        context,
                        "element content extending simple content",
                    ));
                }
                flatten_group(
                    group,
                    Multiplier::ONE,
                    &mut sink.ranks,
                    sink.particles,
                    context,
                )?;
            }
            Content::Simple(type_ref) => {
                if !sink.particles.is_empty() {
                    return Err(Error::unsupported(
                        context,
                        "simple content extending element content",
                    ));
                }
                text = Some(self.simple_content_text(type_ref, context, depth)?);
            }
        }
        Ok(text)
    }

    /// The text type of simple content of type `type_ref`. Simple content derived from a
    /// complex type with simple content (UBL/CCTS `udt:AmountType` over `cct:AmountType`)
    /// names that type: its text type is the base's, found by following the bases (the
    /// attributes are collected along the same chain by [`Builder::attributes_of`]). A
    /// restriction's facets over such a base are not checked: the value keeps the base's
    /// Rust type.
    fn simple_content_text(
        &mut self,
        type_ref: &'d TypeRef,
        context: &str,
        depth: usize,
    ) -> Result<SimpleKind, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::unsupported(
                context,
                "derivation chain too deep (cycle?)",
            ));
        }
        let complex_base = match type_ref {
            TypeRef::Named(q) => self.complex.get(q).copied(),
            TypeRef::AnonymousSimple(st) if !is_enumeration(st) => match &st.variety {
                SimpleVariety::Restriction {
                    base: base @ TypeRef::Named(q),
                    ..
                } if self.complex.contains_key(q) => {
                    return self.simple_content_text(base, context, depth + 1);
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(base_ct) = complex_base {
            return match &base_ct.content {
                Content::Simple(inner) => self.simple_content_text(inner, context, depth + 1),
                Content::Empty | Content::Group(_) => Err(Error::unsupported(
                    context,
                    "simple content derived from a complex type without simple content",
                )),
            };
        }
        match self.value_kind(type_ref, context, "Value")? {
            ValueKind::Simple(kind) => Ok(kind),
            ValueKind::Complex(_)
            | ValueKind::AnyType
            | ValueKind::Wildcard(_)
            | ValueKind::Choice(_)
            | ValueKind::Mixed(_) => Err(Error::unsupported(
                context,
                "simple content of a complex type",
            )),
        }
    }

    /// The attributes `ct` has, inherited ones included: an extension's base attributes come
    /// first; a restriction keeps its base's attributes except the prohibited ones, and its own
    /// declarations replace the base's of the same name.
    fn attributes_of(
        &self,
        ct: &'d ComplexType,
        context: &str,
        depth: usize,
    ) -> Result<Vec<&'d AttributeDecl>, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::unsupported(
                context,
                "derivation chain too deep (cycle?)",
            ));
        }
        let base = match &ct.derivation {
            Some(Derivation::Extension(base) | Derivation::Restriction(base)) => {
                self.complex.get(base).copied()
            }
            None => None,
        };
        let mut out = match base {
            Some(base_ct) => self.attributes_of(base_ct, context, depth + 1)?,
            None => Vec::new(),
        };
        out.retain(|a| !ct.prohibited_attributes.contains(&a.name));
        for own in &ct.attributes {
            match out.iter_mut().find(|a| a.name == own.name) {
                Some(slot) => *slot = own,
                None => out.push(own),
            }
        }
        Ok(out)
    }

    /// The `xs:anyAttribute` wildcard `ct` has, its own or inherited through an extension.
    fn any_attribute_of(
        &self,
        ct: &'d ComplexType,
        depth: usize,
    ) -> Option<&'d wsdl::NamespaceConstraint> {
        if let Some(own) = &ct.any_attribute {
            return Some(&own.namespace);
        }
        match &ct.derivation {
            Some(Derivation::Extension(base)) if depth < MAX_DEPTH => {
                let base_ct = self.complex.get(base).copied()?;
                self.any_attribute_of(base_ct, depth + 1)
            }
            _ => None,
        }
    }

    fn attribute(
        &mut self,
        parent: &str,
        scope: &mut NameScope,
        a: &'d AttributeDecl,
        context: &str,
    ) -> Result<AttributePlan, Error> {
        let attribute_context = format!("{context}, attribute `{}`", a.name.local);
        let namespace = match a.form {
            Form::Unqualified => AttributeNamespace::Unqualified,
            Form::Qualified if a.name.namespace == XML_NAMESPACE => AttributeNamespace::Xml,
            Form::Qualified if a.name.namespace == self.target_namespace => {
                AttributeNamespace::Target
            }
            // A qualified attribute in no namespace is written unprefixed all the same.
            Form::Qualified if a.name.namespace.is_empty() => AttributeNamespace::Unqualified,
            Form::Qualified => AttributeNamespace::Other(self.namespace_ref(&a.name.namespace)),
        };
        let anon_name = format!("{parent}{}", naming::upper_camel(&a.name.local));
        let value = match &a.type_ref {
            None => SimpleKind::Builtin(Builtin::String),
            Some(type_ref) => match self.value_kind(type_ref, &attribute_context, &anon_name)? {
                ValueKind::Simple(kind) => kind,
                ValueKind::Complex(_)
                | ValueKind::AnyType
                | ValueKind::Wildcard(_)
                | ValueKind::Choice(_)
                | ValueKind::Mixed(_) => {
                    return Err(Error::unsupported_at(
                        &a.position,
                        attribute_context,
                        "attribute of a complex type",
                    ));
                }
            },
        };
        let mut doc = doc_lines(a.documentation.as_deref());
        if doc.is_empty() {
            let written = match &namespace {
                AttributeNamespace::Unqualified => a.name.local.clone(),
                AttributeNamespace::Target => format!("ns1:{}", a.name.local),
                AttributeNamespace::Xml => format!("xml:{}", a.name.local),
                AttributeNamespace::Other(ns) => format!("{{{}}}{}", ns.uri, a.name.local),
            };
            let usage = if a.required { "required" } else { "optional" };
            doc.push(format!("Attribute `{written}`: {usage}."));
        }
        if let Some(default) = &a.default {
            doc.push(String::new());
            doc.push(format!(
                "Schema default `{default}`: `None` means the attribute is absent, which the receiver reads as this value."
            ));
        }
        if let Some(fixed) = &a.fixed {
            doc.push(String::new());
            doc.push(format!(
                "Fixed to `{fixed}` by the schema (strict decoding rejects other values)."
            ));
        }
        Ok(AttributePlan {
            rust: scope.claim(&naming::field_ident(&a.name.local)),
            xml: a.name.local.clone(),
            namespace,
            required: a.required,
            fixed: a.fixed.clone(),
            value,
            doc,
        })
    }

    /// The field for a repeated `xs:choice`: `choice`, a `Vec` of an enum `<Parent>Choice`
    /// with one variant per member element, each member planned as a field would be. For any
    /// other repeated group of several elements (`items`): `items`, a `Vec` of `<Parent>Item`.
    fn repeated_choice_field(
        &mut self,
        parent: &str,
        scope: &mut NameScope,
        p: &FlatParticle<'d>,
        members: &[(&'d ElementDecl, u32, Option<u32>)],
        (items, wildcard): (bool, Option<&'d wsdl::NamespaceConstraint>),
        context: &str,
    ) -> Result<FieldPlan, Error> {
        let (suffix, field_name, what) = if items {
            ("Item", "items", "Repeated group")
        } else {
            ("Choice", "choice", "Repeated `xs:choice`")
        };
        let enum_name = self
            .scope
            .claim(&naming::type_ident(&format!("{parent}{suffix}")));
        // The wildcard's variant is `Any`; members take other names.
        let mut variant_scope = if wildcard.is_some() {
            NameScope::with_reserved(&["Any"])
        } else {
            NameScope::default()
        };
        let mut planned = Vec::new();
        for (e, _, _) in members {
            planned.push(self.choice_member(parent, &mut variant_scope, e, p.rank, context)?);
        }
        let mut names: Vec<String> = members
            .iter()
            .map(|(e, _, _)| format!("`<{}>`", e.name.local))
            .collect();
        let mut locals: Vec<&str> = members
            .iter()
            .map(|(e, _, _)| e.name.local.as_str())
            .collect();
        if wildcard.is_some() {
            names.push("an `xs:any` element".to_owned());
            locals.push("any element");
        }
        let occurs = Occurs::Repeated {
            min: p.min,
            max: p.max,
        };
        let xml = format!("({})", locals.join(" | "));
        Ok(FieldPlan {
            rust: scope.claim(field_name),
            xml,
            namespace: None,
            occurs,
            nillable: false,
            value: ValueKind::Choice(Box::new(ChoicePlan {
                rust: enum_name,
                members: planned,
                text: false,
                wildcard: wildcard.cloned(),
            })),
            boxed: false,
            rank: p.rank,
            choices: p.choices.clone(),
            doc: vec![format!(
                "{what} of {}: {}; one item per element, in document order.",
                names.join(", "),
                occurrence_words(occurs, false)
            )],
        })
    }

    /// The field for mixed content with named children: `content`, a `Vec` of an enum
    /// `<Parent>Content` with a `Text` variant and one variant per child element, in document
    /// order. A wildcard or a repeated choice among the children is refused.
    fn mixed_children_field(
        &mut self,
        parent: &str,
        scope: &mut NameScope,
        particles: &[FlatParticle<'d>],
        context: &str,
    ) -> Result<FieldPlan, Error> {
        let mut elements = Vec::new();
        for p in particles {
            match &p.term {
                FlatTerm::Element(e) => elements.push(*e),
                FlatTerm::Any { position, .. } => {
                    return Err(Error::unsupported_at(
                        position,
                        context,
                        "mixed=\"true\" content with an xs:any beside named child elements",
                    ));
                }
                FlatTerm::RepeatedChoice { position, .. } => {
                    return Err(Error::unsupported_at(
                        position,
                        context,
                        "mixed=\"true\" content with a repeated xs:choice",
                    ));
                }
            }
        }
        if let Some(e) = repeated_local_name(elements.iter().copied()) {
            return Err(Error::unsupported_at(
                &e.position,
                context,
                format!(
                    "element `{}` appears more than once in the content model",
                    e.name.local
                ),
            ));
        }
        let enum_name = self
            .scope
            .claim(&naming::type_ident(&format!("{parent}Content")));
        let mut variant_scope = NameScope::with_reserved(&["Text"]);
        let mut members = Vec::new();
        for e in &elements {
            members.push(self.choice_member(parent, &mut variant_scope, e, 0, context)?);
        }
        let names: Vec<String> = elements
            .iter()
            .map(|e| format!("`<{}>`", e.name.local))
            .collect();
        let doc = if names.is_empty() {
            "Mixed content: the text, kept whole.".to_owned()
        } else {
            format!(
                "Mixed content: the text and the child elements ({}), one item each, in document order.",
                names.join(", ")
            )
        };
        Ok(FieldPlan {
            rust: scope.claim("content"),
            xml: "(mixed content)".to_owned(),
            namespace: None,
            occurs: Occurs::Repeated { min: 0, max: None },
            nillable: false,
            value: ValueKind::Choice(Box::new(ChoicePlan {
                rust: enum_name,
                members,
                text: true,
                wildcard: None,
            })),
            boxed: false,
            rank: 0,
            choices: Vec::new(),
            doc: vec![doc],
        })
    }

    /// The global elements that may stand where `head` is referenced: `head` itself unless it
    /// is abstract, then every element whose `substitutionGroup=` leads to it (directly or
    /// through another member), in schema order.
    fn substitutes(&self, head: &QName) -> Vec<&'d ElementDecl> {
        let elements = &self.defs.schema.elements;
        let mut heads = vec![head];
        let mut found: Vec<&'d ElementDecl> = Vec::new();
        // Members of members: repeat until no element joins (each joins once).
        loop {
            let before = found.len();
            for g in elements {
                let joins = g
                    .substitution_group
                    .as_ref()
                    .is_some_and(|h| heads.contains(&h));
                if joins && !found.iter().any(|f| f.name == g.name) && g.name != *head {
                    found.push(g);
                    heads.push(&g.name);
                }
            }
            if found.len() == before {
                break;
            }
        }
        found.retain(|g| !g.is_abstract);
        found.sort_by_key(|g| elements.iter().position(|x| x.name == g.name));
        if let Some(declared) = elements.iter().find(|g| g.name == *head)
            && !declared.is_abstract
        {
            found.insert(0, declared);
        }
        found
    }

    /// The field for a reference to a substitution group head: the head's field name, holding
    /// an enum `<Parent><Head>` with one variant per element that may stand there (the head
    /// unless abstract, and its members), with the reference's occurrence.
    fn substitution_field(
        &mut self,
        parent: &str,
        scope: &mut NameScope,
        head: &'d ElementDecl,
        p: &FlatParticle<'d>,
        substitutes: &[&'d ElementDecl],
        context: &str,
    ) -> Result<FieldPlan, Error> {
        let context = format!("{context}, substitution group `{}`", head.name.local);
        if let Some(e) = repeated_local_name(substitutes.iter().copied()) {
            return Err(Error::unsupported_at(
                &e.position,
                context,
                format!(
                    "substitution group members with the same local name `{}` in different namespaces",
                    e.name.local
                ),
            ));
        }
        let enum_name = self.scope.claim(&naming::type_ident(&format!(
            "{parent}{}",
            naming::upper_camel(&head.name.local)
        )));
        let mut variant_scope = NameScope::default();
        let mut members = Vec::new();
        for e in substitutes {
            members.push(self.choice_member(parent, &mut variant_scope, e, p.rank, &context)?);
        }
        let occurs = match (p.min, p.max) {
            (_, Some(0)) => return Err(Error::unsupported(context, "maxOccurs=\"0\"")),
            (0, Some(1)) => Occurs::Optional,
            (_, Some(1)) => Occurs::Required,
            (min, max) => Occurs::Repeated { min, max },
        };
        let names: Vec<String> = substitutes
            .iter()
            .map(|e| format!("`<{}>`", e.name.local))
            .collect();
        let xml = format!(
            "({})",
            substitutes
                .iter()
                .map(|e| e.name.local.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        );
        Ok(FieldPlan {
            rust: scope.claim(&naming::field_ident(&head.name.local)),
            xml,
            namespace: None,
            occurs,
            nillable: false,
            value: ValueKind::Choice(Box::new(ChoicePlan {
                rust: enum_name,
                members,
                text: false,
                wildcard: None,
            })),
            boxed: false,
            rank: p.rank,
            choices: p.choices.clone(),
            doc: vec![format!(
                "`<{}>` or an element of its substitution group ({}): {}.",
                head.name.local,
                names.join(", "),
                occurrence_words(occurs, false)
            )],
        })
    }

    /// One element as a variant of an item enum (a repeated choice, mixed content): planned
    /// as a required field would be, named in UpperCamelCase.
    fn choice_member(
        &mut self,
        parent: &str,
        variant_scope: &mut NameScope,
        e: &'d ElementDecl,
        rank: u32,
        context: &str,
    ) -> Result<FieldPlan, Error> {
        // Each item holds one element.
        let one = FlatParticle {
            term: FlatTerm::Element(e),
            min: 1,
            max: Some(1),
            rank,
            choices: Vec::new(),
        };
        let mut member = self
            .field(parent, &mut NameScope::default(), e, &one, context)
            .map_err(|err| err.at(&e.position))?;
        if matches!(member.value, ValueKind::Choice(_)) {
            return Err(Error::unsupported_at(
                &e.position,
                context,
                format!(
                    "a substitution group head (`{}`) as a member of a repeated xs:choice or of mixed content",
                    e.name.local
                ),
            ));
        }
        member.rust = variant_scope.claim(&naming::type_ident(&e.name.local));
        if e.documentation.is_none() {
            let nil = if e.nillable { " (or nil)" } else { "" };
            member.doc = vec![format!("One `<{}>`{nil}.", e.name.local)];
        }
        Ok(member)
    }

    fn field(
        &mut self,
        parent: &str,
        scope: &mut NameScope,
        e: &'d ElementDecl,
        p: &FlatParticle<'d>,
        context: &str,
    ) -> Result<FieldPlan, Error> {
        let element_context = format!("{context}, element `{}`", e.name.local);
        // A qualified element of a no-namespace schema is unprefixed all the same.
        let namespace = (e.form == Form::Qualified && !e.name.namespace.is_empty())
            .then(|| self.namespace_ref(&e.name.namespace));
        if e.is_ref {
            let substitutes = self.substitutes(&e.name);
            if substitutes.iter().any(|s| s.name != e.name) {
                return self.substitution_field(parent, scope, e, p, &substitutes, context);
            }
        }
        let anon_name = format!("{parent}{}", naming::upper_camel(&e.name.local));
        let value = self.value_kind(&e.type_ref, &element_context, &anon_name)?;
        let occurs = match (p.min, p.max) {
            (_, Some(0)) => {
                return Err(Error::unsupported(element_context, "maxOccurs=\"0\""));
            }
            (0, Some(1)) => Occurs::Optional,
            (_, Some(1)) => Occurs::Required,
            (min, max) => Occurs::Repeated { min, max },
        };
        let mut doc = doc_lines(e.documentation.as_deref());
        if doc.is_empty() {
            doc.push(format!(
                "`<{}>`: {}.",
                e.name.local,
                occurrence_words(occurs, e.nillable)
            ));
        }
        Ok(FieldPlan {
            rust: scope.claim(&naming::field_ident(&e.name.local)),
            xml: e.name.local.clone(),
            namespace,
            occurs,
            nillable: e.nillable,
            value,
            boxed: false,
            rank: p.rank,
            choices: p.choices.clone(),
            doc,
        })
    }

    /// Resolves a type reference; anonymous types are planned under `anon_name`.
    fn value_kind(
        &mut self,
        type_ref: &'d TypeRef,
        context: &str,
        anon_name: &str,
    ) -> Result<ValueKind, Error> {
        match type_ref {
            TypeRef::BuiltIn(local) if local == "anyType" => Ok(ValueKind::AnyType),
            TypeRef::BuiltIn(local) => {
                builtin(local, context).map(|b| ValueKind::Simple(SimpleKind::Builtin(b)))
            }
            TypeRef::Named(q) => {
                if let Some(rust) = self.names.get(q) {
                    if self.complex.contains_key(q) {
                        return Ok(ValueKind::Complex(rust.clone()));
                    }
                    return Ok(ValueKind::Simple(SimpleKind::Enum(rust.clone())));
                }
                if let Some(st) = self.simple.get(q).copied() {
                    return self.simple_alias(st, context, 0).map(ValueKind::Simple);
                }
                if q.namespace == wsdl_xs_ns() {
                    if q.local == "anyType" {
                        return Ok(ValueKind::AnyType);
                    }
                    return builtin(&q.local, context)
                        .map(|b| ValueKind::Simple(SimpleKind::Builtin(b)));
                }
                Err(Error::dangling(
                    context,
                    format!("type `{}` in `{}`", q.local, q.namespace),
                ))
            }
            TypeRef::AnonymousComplex(ct) => {
                let rust = self.scope.claim(&naming::type_ident(anon_name));
                self.struct_item(rust.clone(), ct, anon_name)?;
                Ok(ValueKind::Complex(rust))
            }
            TypeRef::OfElement(q) => {
                let defs = self.defs;
                match defs.schema.elements.iter().find(|e| &e.name == q) {
                    Some(element) => self.global_element_value(element),
                    None => Err(Error::dangling(
                        context,
                        format!("element `{}` in `{}`", q.local, q.namespace),
                    )),
                }
            }
            TypeRef::AnonymousSimple(st) => {
                if is_enumeration(st) {
                    let rust = self.scope.claim(&naming::type_ident(anon_name));
                    self.items.push(TypeItem::Enum(enum_plan(rust.clone(), st)));
                    Ok(ValueKind::Simple(SimpleKind::Enum(rust)))
                } else {
                    self.simple_alias(st, context, 0).map(ValueKind::Simple)
                }
            }
        }
    }

    /// A non-enumeration simple type: the Rust type of what it restricts (lists and unions are
    /// kept as their text).
    fn simple_alias(
        &self,
        st: &SimpleType,
        context: &str,
        depth: usize,
    ) -> Result<SimpleKind, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::unsupported(
                context,
                "simple type restriction chain too deep (cycle?)",
            ));
        }
        match &st.variety {
            // A union's value is kept as the text written (which member it is, only the text
            // says).
            SimpleVariety::Union(_) => Ok(SimpleKind::Builtin(Builtin::String)),
            SimpleVariety::List(item) => {
                let item = match item {
                    TypeRef::BuiltIn(local) => SimpleKind::Builtin(builtin(local, context)?),
                    TypeRef::Named(q) => {
                        if let (Some(rust), false) =
                            (self.names.get(q), self.complex.contains_key(q))
                        {
                            SimpleKind::Enum(rust.clone())
                        } else if let Some(item_st) = self.simple.get(q).copied() {
                            self.simple_alias(item_st, context, depth + 1)?
                        } else if q.namespace == wsdl_xs_ns() {
                            SimpleKind::Builtin(builtin(&q.local, context)?)
                        } else {
                            return Err(Error::dangling(
                                context,
                                format!("simple type `{}`", q.local),
                            ));
                        }
                    }
                    TypeRef::AnonymousSimple(inner) if !is_enumeration(inner) => {
                        self.simple_alias(inner, context, depth + 1)?
                    }
                    // An anonymous enumeration as item type would need a type of its own.
                    TypeRef::AnonymousSimple(inner) => {
                        return Err(Error::unsupported_at(
                            &inner.position,
                            context,
                            "xs:list of an anonymous enumeration",
                        ));
                    }
                    TypeRef::AnonymousComplex(_) | TypeRef::OfElement(_) => {
                        return Err(Error::unsupported(context, "xs:list of a complex type"));
                    }
                };
                if matches!(item, SimpleKind::List(_)) {
                    return Err(Error::unsupported_at(
                        &st.position,
                        context,
                        "xs:list of a list type",
                    ));
                }
                Ok(SimpleKind::List(Box::new(item)))
            }
            SimpleVariety::Restriction { base, .. } => match base {
                TypeRef::BuiltIn(local) => builtin(local, context).map(SimpleKind::Builtin),
                TypeRef::Named(q) => {
                    if let (Some(rust), false) = (self.names.get(q), self.complex.contains_key(q)) {
                        return Ok(SimpleKind::Enum(rust.clone()));
                    }
                    if let Some(base_st) = self.simple.get(q).copied() {
                        return self.simple_alias(base_st, context, depth + 1);
                    }
                    if q.namespace == wsdl_xs_ns() {
                        return builtin(&q.local, context).map(SimpleKind::Builtin);
                    }
                    if self.complex.contains_key(q) {
                        return Err(Error::unsupported(
                            context,
                            format!("simple type restricting complex type `{}`", q.local),
                        ));
                    }
                    Err(Error::dangling(
                        context,
                        format!("simple type `{}`", q.local),
                    ))
                }
                TypeRef::AnonymousSimple(inner) => self.simple_alias(inner, context, depth + 1),
                TypeRef::AnonymousComplex(_) | TypeRef::OfElement(_) => Err(Error::unsupported(
                    context,
                    "simple type restricting a complex type",
                )),
            },
        }
    }
}

/// Where `collect_content` puts what it finds in a type and its bases.
struct ContentSink<'s, 'd> {
    particles: &'s mut Vec<FlatParticle<'d>>,
    /// One rank counter for the whole content, bases first.
    ranks: Ranks,
}

/// The field for mixed content whose model is one `xs:any`: `content`, the text and the
/// elements the wildcard allows, in document order.
fn mixed_field(
    scope: &mut NameScope,
    only: &FlatParticle<'_>,
    namespace: &wsdl::NamespaceConstraint,
    ct: &ComplexType,
    context: &str,
) -> Result<FieldPlan, Error> {
    if only.max == Some(0) {
        return Err(Error::unsupported_at(
            &ct.position,
            context,
            "xs:any with maxOccurs=\"0\"",
        ));
    }
    let occurs = Occurs::Repeated {
        min: only.min,
        max: only.max,
    };
    Ok(FieldPlan {
        rust: scope.claim("content"),
        xml: "(any element)".to_owned(),
        namespace: None,
        occurs,
        nillable: false,
        value: ValueKind::Mixed(namespace.clone()),
        boxed: false,
        rank: only.rank,
        choices: only.choices.clone(),
        doc: vec![format!(
            "Mixed content: text and `xs:any` elements ({} of them), in document order, kept as written.",
            match (only.min, only.max) {
                (min, Some(max)) => format!("{min} to {max}"),
                (0, None) => "any number".to_owned(),
                (min, None) => format!("at least {min}"),
            }
        )],
    })
}

/// The field for an `xs:any` wildcard: `any`, collecting the matched elements as written.
fn wildcard_field(
    scope: &mut NameScope,
    p: &FlatParticle<'_>,
    namespace: &wsdl::NamespaceConstraint,
    position: &wsdl::Position,
    context: &str,
) -> Result<FieldPlan, Error> {
    let occurs = match (p.min, p.max) {
        (_, Some(0)) => {
            return Err(Error::unsupported_at(
                position,
                context,
                "xs:any with maxOccurs=\"0\"",
            ));
        }
        (0, Some(1)) => Occurs::Optional,
        (_, Some(1)) => Occurs::Required,
        (min, max) => Occurs::Repeated { min, max },
    };
    let allowed = match namespace {
        wsdl::NamespaceConstraint::Any => "any namespace or none".to_owned(),
        wsdl::NamespaceConstraint::Other(ns) => format!("a namespace other than `{ns}`"),
        wsdl::NamespaceConstraint::List(list) => {
            let names: Vec<String> = list
                .iter()
                .map(|ns| {
                    if ns.is_empty() {
                        "no namespace".to_owned()
                    } else {
                        format!("`{ns}`")
                    }
                })
                .collect();
            names.join(" or ")
        }
    };
    Ok(FieldPlan {
        rust: scope.claim("any"),
        xml: "(any element)".to_owned(),
        namespace: None,
        occurs,
        nillable: false,
        value: ValueKind::Wildcard(namespace.clone()),
        boxed: false,
        rank: p.rank,
        choices: p.choices.clone(),
        doc: vec![format!(
            "`xs:any`: {}; elements in {allowed} that no other field takes, kept as written.",
            occurrence_words(occurs, false)
        )],
    })
}

/// Notes the one `xs:any` a content model may have; a second is refused (which one an
/// element belongs to would be ambiguous).
fn claim_wildcard(seen: &mut bool, position: &wsdl::Position, context: &str) -> Result<(), Error> {
    if std::mem::replace(seen, true) {
        return Err(Error::unsupported_at(
            position,
            context,
            "a second xs:any in one content model (which one an element belongs to is ambiguous)",
        ));
    }
    Ok(())
}

/// The first element whose local name an earlier one has already (decoders tell children
/// apart by local name).
fn repeated_local_name<'e>(
    elements: impl IntoIterator<Item = &'e ElementDecl>,
) -> Option<&'e ElementDecl> {
    let mut seen = BTreeSet::new();
    elements
        .into_iter()
        .find(|e| !seen.insert(e.name.local.as_str()))
}

fn wsdl_xs_ns() -> &'static str {
    "http://www.w3.org/2001/XMLSchema"
}

fn builtin(local: &str, context: &str) -> Result<Builtin, Error> {
    Builtin::from_xsd(local).ok_or_else(|| {
        Error::unsupported(
            context,
            format!("XML Schema type `xs:{local}` has no Rust mapping"),
        )
    })
}

fn ct_is_simple_content(ct: &ComplexType) -> bool {
    matches!(ct.content, Content::Simple(_))
}

/// A restriction with enumerated values, of a base other than `xs:QName`/`xs:NOTATION`: the
/// values of those are names whose prefixes only mean something where the schema declares
/// them, so such a type stays an `xml::QName` value (the enumeration is not checked).
fn is_enumeration(st: &SimpleType) -> bool {
    matches!(&st.variety, SimpleVariety::Restriction { facets, base }
        if !facets.enumeration.is_empty()
            && !matches!(base, TypeRef::BuiltIn(local) if local == "QName" || local == "NOTATION"))
}

fn enum_plan(rust: String, st: &SimpleType) -> EnumPlan {
    let values: &[String] = match &st.variety {
        SimpleVariety::Restriction { facets, .. } => &facets.enumeration,
        _ => &[],
    };
    let mut scope = NameScope::with_reserved(&["Unknown"]);
    let mut seen = BTreeSet::new();
    let variants = values
        .iter()
        .filter(|v| seen.insert(v.as_str()))
        .map(|v| (scope.claim(&naming::variant_ident(v)), v.clone()))
        .collect();
    let mut doc = doc_lines(st.documentation.as_deref());
    if doc.is_empty() {
        let xml_name = st.name.as_ref().map_or(rust.as_str(), |n| n.local.as_str());
        doc.push(format!("Enumeration `{xml_name}`."));
    }
    doc.push(String::new());
    doc.push(
        "Values this client does not know are kept in `Unknown` and round-trip unchanged."
            .to_owned(),
    );
    EnumPlan {
        rust,
        doc,
        variants,
    }
}
