//! What to generate for the schema, with every Rust name decided: the bridge between the
//! WSDL model (XML-shaped) and the emitters (Rust-shaped).
//!
//! Building the plan is where all mapping decisions live (occurrence → `Option`/`Vec`,
//! nillable → `Nillable`, enumerations → enums, abstract bases → polymorphic enums, anonymous
//! types → `<Parent><Field>` structs). The emitters only turn a plan into tokens.

use std::collections::{BTreeMap, BTreeSet};

use wsdl::{
    ComplexType, Content, Definitions, Derivation, ElementDecl, Form, GroupKind, MaxOccurs,
    ModelGroup, Particle, QName, SimpleType, SimpleVariety, TypeRef,
};

use crate::Error;
use crate::naming::{self, NameScope};

/// Type names the generated `types.rs` refers to unqualified (prelude types); schema types with
/// these names are renamed (`String` → `String2`) so they cannot shadow them.
const RESERVED_TYPE_NAMES: &[&str] = &["Option", "Vec", "String", "Box", "Result", "Self"];

/// Nesting limit for derivation chains and simple type aliases (guards against cycles).
const MAX_DEPTH: usize = 32;

/// An XML Schema built-in simple type, as the Rust type the runtime provides for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Builtin {
    /// `String` (string, anySimpleType, anyURI, token, date, decimal, …).
    String,
    /// `i32` (int, short, byte).
    I32,
    /// `i64` (long).
    I64,
    /// `u32` (unsignedInt, unsignedShort, unsignedByte).
    U32,
    /// `u64` (unsignedLong).
    U64,
    /// `bool`.
    Bool,
    /// `f32` (float).
    F32,
    /// `f64` (double).
    F64,
    /// `chrono::DateTime<chrono::FixedOffset>` (dateTime).
    DateTime,
    /// `Vec<u8>` (base64Binary).
    Bytes,
    /// `xml::Integer` (integer and its unbounded derivations).
    Integer,
}

impl Builtin {
    /// Maps an XML Schema built-in by local name; `None` for `anyType` and unknown names.
    pub fn from_xsd(local: &str) -> Option<Self> {
        Some(match local {
            "int" | "short" | "byte" => Self::I32,
            "long" => Self::I64,
            "unsignedInt" | "unsignedShort" | "unsignedByte" => Self::U32,
            "unsignedLong" => Self::U64,
            "boolean" => Self::Bool,
            "float" => Self::F32,
            "double" => Self::F64,
            "dateTime" => Self::DateTime,
            "base64Binary" => Self::Bytes,
            "integer" | "nonNegativeInteger" | "positiveInteger" | "nonPositiveInteger"
            | "negativeInteger" => Self::Integer,
            "string" | "normalizedString" | "token" | "language" | "Name" | "NCName"
            | "NMTOKEN" | "NMTOKENS" | "ID" | "IDREF" | "IDREFS" | "ENTITY" | "ENTITIES"
            | "anyURI" | "QName" | "NOTATION" | "anySimpleType" | "date" | "time" | "duration"
            | "gYear" | "gYearMonth" | "gMonth" | "gMonthDay" | "gDay" | "hexBinary"
            | "decimal" => Self::String,
            _ => return None,
        })
    }
}

/// A text-only value type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimpleKind {
    /// A built-in.
    Builtin(Builtin),
    /// A generated enumeration, by Rust name.
    Enum(String),
}

/// The type of a field's value (before occurrence/nillability wrappers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueKind {
    /// Text content.
    Simple(SimpleKind),
    /// A generated struct or polymorphic enum, by Rust name.
    Complex(String),
}

/// How often an element may occur, as it maps to Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurs {
    /// Exactly once: `T`.
    Required,
    /// At most once: `Option<T>`.
    Optional,
    /// More than once allowed: `Vec<T>`.
    Repeated {
        /// `minOccurs`.
        min: u32,
        /// `maxOccurs`, `None` for unbounded.
        max: Option<u32>,
    },
}

/// One child element of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPlan {
    /// Rust field name (snake_case, maybe `r#`-escaped or numbered).
    pub rust: String,
    /// Element local name on the wire.
    pub xml: String,
    /// Whether the element is namespace-qualified on the wire.
    pub qualified: bool,
    /// Occurrence.
    pub occurs: Occurs,
    /// `nillable="true"`.
    pub nillable: bool,
    /// Value type.
    pub value: ValueKind,
    /// The value is boxed (`Box<T>`): the field closes a cycle of non-repeated fields, so the
    /// type would otherwise have infinite size.
    pub boxed: bool,
    /// Doc comment lines.
    pub doc: Vec<String>,
}

/// A struct for a complex type.
#[derive(Debug, Clone, PartialEq)]
pub struct StructPlan {
    /// Rust type name.
    pub rust: String,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// Child elements, in schema order (an extension's base fields first).
    pub fields: Vec<FieldPlan>,
    /// `Some` for `xs:simpleContent`: the text value type (stored in a `value` field).
    pub text: Option<SimpleKind>,
    /// The global element whose type this is, when exactly one element has it.
    pub element: Option<String>,
}

impl StructPlan {
    /// The form shared by all child elements (`None` when qualified and unqualified children
    /// are mixed, so the reader must not check it); unqualified when there are no children.
    pub fn children_form(&self) -> Option<Form> {
        let qualified = self.fields.iter().filter(|f| f.qualified).count();
        if qualified == 0 {
            Some(Form::Unqualified)
        } else if qualified == self.fields.len() {
            Some(Form::Qualified)
        } else {
            None
        }
    }
}

/// An enumeration simple type.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumPlan {
    /// Rust type name.
    pub rust: String,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// (variant name, wire value), in schema order.
    pub variants: Vec<(String, String)>,
}

/// An abstract complex type with concrete extensions, as an enum over them.
#[derive(Debug, Clone, PartialEq)]
pub struct PolymorphicPlan {
    /// Rust type name (the abstract type's).
    pub rust: String,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// (variant name = struct name, `xsi:type` local name), in schema order.
    pub variants: Vec<(String, String)>,
}

/// One generated type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeItem {
    /// A struct.
    Struct(StructPlan),
    /// An enumeration.
    Enum(EnumPlan),
    /// A polymorphic enum.
    Polymorphic(PolymorphicPlan),
}

/// Everything `types.rs` contains, plus the lookups the port emitters need.
#[derive(Debug, Clone, PartialEq)]
pub struct TypesPlan {
    /// Namespace written with the `ns1` prefix: qualified elements and `xsi:type` values.
    pub target_namespace: String,
    /// Generated types in output order.
    pub items: Vec<TypeItem>,
    /// Global element → Rust type of its content.
    pub elements: BTreeMap<QName, ValueKind>,
}

impl TypesPlan {
    /// The Rust struct/enum name for a global element with complex content.
    pub fn element_type(&self, q: &QName) -> Option<&str> {
        match self.elements.get(q)? {
            ValueKind::Complex(name) => Some(name),
            ValueKind::Simple(_) => None,
        }
    }
}

/// Builds the plan for the whole schema of `defs`. `target_namespace` is the namespace the
/// runtime prefixes (`ns1`): the body elements' namespace.
pub fn build(defs: &Definitions, target_namespace: &str) -> Result<TypesPlan, Error> {
    Builder::new(defs, target_namespace)?.run()
}

struct Builder<'d> {
    defs: &'d Definitions,
    target_namespace: String,
    complex: BTreeMap<&'d QName, &'d ComplexType>,
    simple: BTreeMap<&'d QName, &'d SimpleType>,
    /// base → direct extensions, in schema order.
    extensions: BTreeMap<&'d QName, Vec<&'d QName>>,
    polymorphic: BTreeSet<&'d QName>,
    names: BTreeMap<&'d QName, String>,
    scope: NameScope,
    items: Vec<TypeItem>,
}

impl<'d> Builder<'d> {
    fn new(defs: &'d Definitions, target_namespace: &str) -> Result<Self, Error> {
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
            scope: NameScope::with_reserved(RESERVED_TYPE_NAMES),
            items: Vec::new(),
        };
        for ct in &defs.schema.complex_types {
            if let Some(name) = &ct.name {
                if ct.is_abstract && !builder.concrete_descendants(name)?.is_empty() {
                    builder.polymorphic.insert(name);
                }
            }
        }
        Ok(builder)
    }

    /// Non-abstract transitive extensions of `base`, in schema order.
    fn concrete_descendants(&self, base: &QName) -> Result<Vec<&'d QName>, Error> {
        let mut found = BTreeSet::new();
        let mut frontier = vec![base];
        let mut depth = 0;
        while let Some(next) = frontier.pop() {
            depth += 1;
            if depth > MAX_DEPTH * 64 {
                return Err(Error::unsupported(
                    &base.local,
                    "derivation hierarchy too deep",
                ));
            }
            for child in self.extensions.get(next).into_iter().flatten() {
                if found.insert(*child) {
                    frontier.push(child);
                }
            }
        }
        Ok(self
            .defs
            .schema
            .complex_types
            .iter()
            .filter_map(|ct| {
                ct.name
                    .as_ref()
                    .filter(|n| found.contains(n) && !ct.is_abstract)
            })
            .collect())
    }

    fn run(mut self) -> Result<TypesPlan, Error> {
        // Names first (schema order: enumerations, then complex types), so references resolve
        // regardless of declaration order.
        let defs = self.defs;
        for st in &defs.schema.simple_types {
            if let Some(name) = &st.name {
                if is_enumeration(st) {
                    let rust = self.scope.claim(&naming::type_ident(&name.local));
                    self.names.insert(name, rust);
                }
            }
        }
        for ct in &defs.schema.complex_types {
            if let Some(name) = &ct.name {
                let rust = self.scope.claim(&naming::type_ident(&name.local));
                self.names.insert(name, rust);
            }
        }
        for st in &defs.schema.simple_types {
            if let Some(name) = &st.name {
                if let Some(rust) = self.names.get(name).cloned() {
                    self.items.push(TypeItem::Enum(enum_plan(rust, st)));
                }
            }
        }
        for ct in &defs.schema.complex_types {
            if let Some(name) = &ct.name {
                let rust = self.names.get(name).cloned().unwrap_or_default();
                if self.polymorphic.contains(name) {
                    let plan = self.polymorphic_plan(rust, name, ct)?;
                    self.items.push(TypeItem::Polymorphic(plan));
                } else {
                    self.struct_item(rust, ct, &name.local)?;
                }
            }
        }
        let mut elements = BTreeMap::new();
        for element in &defs.schema.elements {
            let value = match &element.type_ref {
                Some(TypeRef::AnonymousComplex(ct)) => {
                    let rust = self.scope.claim(&naming::type_ident(&element.name.local));
                    self.struct_item(rust.clone(), ct, &element.name.local)?;
                    ValueKind::Complex(rust)
                }
                Some(type_ref) => {
                    self.value_kind(type_ref, &element.name.local, &element.name.local)?
                }
                None => {
                    return Err(Error::unsupported(
                        format!("element `{}`", element.name.local),
                        "element without a type (xs:anyType)",
                    ));
                }
            };
            elements.insert(element.name.clone(), value);
        }
        self.attach_unique_elements(&elements);
        box_recursive_fields(&mut self.items);
        Ok(TypesPlan {
            target_namespace: self.target_namespace,
            items: self.items,
            elements,
        })
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
            if let TypeItem::Struct(s) = item {
                if let Some([only]) = by_type.get(s.rust.as_str()).map(Vec::as_slice) {
                    s.element = Some((*only).to_owned());
                }
            }
        }
    }

    fn polymorphic_plan(
        &self,
        rust: String,
        name: &QName,
        ct: &ComplexType,
    ) -> Result<PolymorphicPlan, Error> {
        let mut variants = Vec::new();
        for sub in self.concrete_descendants(name)? {
            if sub.namespace != self.target_namespace {
                return Err(Error::unsupported(
                    format!("complex type `{}`", sub.local),
                    format!(
                        "xsi:type value in namespace `{}` (only `{}` is supported)",
                        sub.namespace, self.target_namespace
                    ),
                ));
            }
            let struct_name = self.names.get(sub).cloned().unwrap_or_default();
            variants.push((struct_name, sub.local.clone()));
        }
        let mut doc = doc_lines(ct.documentation.as_deref());
        if doc.is_empty() {
            doc.push(format!(
                "Abstract complex type `{}`: one of its concrete extensions.",
                name.local
            ));
        }
        doc.push(String::new());
        doc.push(
            "On the wire the element carries `xsi:type` naming the variant; decoding dispatches on it."
                .to_owned(),
        );
        Ok(PolymorphicPlan {
            rust,
            doc,
            variants,
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
        let mut notes = Vec::new();
        let text = self.collect_content(ct, &context, 0, &mut particles, &mut notes)?;
        let position = self.items.len();
        let mut field_scope = NameScope::default();
        let mut seen_xml = BTreeSet::new();
        let mut fields = Vec::new();
        for p in particles {
            if !seen_xml.insert(p.element.name.local.clone()) {
                return Err(Error::unsupported(
                    context,
                    format!(
                        "element `{}` appears more than once in the content model",
                        p.element.name.local
                    ),
                ));
            }
            fields.push(self.field(&rust, &mut field_scope, &p, &context)?);
        }
        let mut doc = doc_lines(ct.documentation.as_deref());
        if doc.is_empty() {
            doc.push(format!("Complex type `{xml_name}`."));
        }
        if let Some(Derivation::Extension(base)) = &ct.derivation {
            doc.push(String::new());
            doc.push(format!("Extends `{}`: its fields come first.", base.local));
        }
        for note in notes {
            doc.push(String::new());
            doc.push(note);
        }
        let plan = StructPlan {
            rust,
            doc,
            fields,
            text,
            element: None,
        };
        // Anonymous types planned while building the fields were appended already; keep the
        // parent first so output reads top-down.
        self.items.insert(position, TypeItem::Struct(plan));
        Ok(())
    }

    /// Flattens the element particles of `ct` (base first for extensions); returns the text
    /// type for simple content.
    fn collect_content(
        &mut self,
        ct: &'d ComplexType,
        context: &str,
        depth: usize,
        out: &mut Vec<FlatParticle<'d>>,
        notes: &mut Vec<String>,
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
                text = self.collect_content(base_ct, context, depth + 1, out, notes)?;
            } else if ct_is_simple_content(ct) {
                // simpleContent extension of a simple type: the content carries the type.
            } else {
                return Err(Error::dangling(
                    context,
                    format!("base type `{}`", base.local),
                ));
            }
        }
        if ct.mixed {
            notes.push("Mixed text content is ignored.".to_owned());
        }
        if !ct.attributes.is_empty() || ct.any_attribute {
            notes.push(
                "Attributes are not represented (ignored when decoding, not written).".to_owned(),
            );
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
                flatten_group(group, Multiplier::ONE, out, notes);
            }
            Content::Simple(type_ref) => {
                if !out.is_empty() {
                    return Err(Error::unsupported(
                        context,
                        "simple content extending element content",
                    ));
                }
                match self.value_kind(type_ref, context, "Value")? {
                    ValueKind::Simple(kind) => text = Some(kind),
                    ValueKind::Complex(_) => {
                        return Err(Error::unsupported(
                            context,
                            "simple content of a complex type",
                        ));
                    }
                }
            }
        }
        Ok(text)
    }

    fn field(
        &mut self,
        parent: &str,
        scope: &mut NameScope,
        p: &FlatParticle<'d>,
        context: &str,
    ) -> Result<FieldPlan, Error> {
        let e = p.element;
        let element_context = format!("{context}, element `{}`", e.name.local);
        let qualified = e.form == Form::Qualified;
        if qualified && e.name.namespace != self.target_namespace {
            return Err(Error::unsupported(
                element_context,
                format!(
                    "qualified element in namespace `{}` (only `{}` is supported)",
                    e.name.namespace, self.target_namespace
                ),
            ));
        }
        let value = match &e.type_ref {
            Some(type_ref) => {
                let anon_name = format!("{parent}{}", naming::upper_camel(&e.name.local));
                self.value_kind(type_ref, &element_context, &anon_name)?
            }
            None => {
                return Err(Error::unsupported(
                    element_context,
                    "element without a type (xs:anyType)",
                ));
            }
        };
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
            qualified,
            occurs,
            nillable: e.nillable,
            value,
            boxed: false,
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
            SimpleVariety::List(_) | SimpleVariety::Union(_) => {
                Ok(SimpleKind::Builtin(Builtin::String))
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
                    Err(Error::dangling(
                        context,
                        format!("simple type `{}`", q.local),
                    ))
                }
                TypeRef::AnonymousSimple(inner) => self.simple_alias(inner, context, depth + 1),
                TypeRef::AnonymousComplex(_) => Err(Error::unsupported(
                    context,
                    "simple type restricting a complex type",
                )),
            },
        }
    }
}

/// Boxes every non-repeated complex field whose type can reach the struct containing it through
/// non-repeated fields (or polymorphic variants): every such cycle then has a `Box` in it.
fn box_recursive_fields(items: &mut [TypeItem]) {
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for item in items.iter() {
        match item {
            TypeItem::Struct(s) => {
                let targets = s.fields.iter().filter_map(|f| match (&f.value, f.occurs) {
                    (_, Occurs::Repeated { .. }) => None,
                    (ValueKind::Complex(target), _) => Some(target.as_str()),
                    (ValueKind::Simple(_), _) => None,
                });
                edges.entry(&s.rust).or_default().extend(targets);
            }
            TypeItem::Polymorphic(p) => {
                let targets = p.variants.iter().map(|(variant, _)| variant.as_str());
                edges.entry(&p.rust).or_default().extend(targets);
            }
            TypeItem::Enum(_) => {}
        }
    }
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(next) = stack.pop() {
            if next == to {
                return true;
            }
            if seen.insert(next) {
                stack.extend(edges.get(next).into_iter().flatten().copied());
            }
        }
        false
    };
    let mut boxed = Vec::new();
    for (item_index, item) in items.iter().enumerate() {
        if let TypeItem::Struct(s) = item {
            for (field_index, f) in s.fields.iter().enumerate() {
                if let (ValueKind::Complex(target), false) =
                    (&f.value, matches!(f.occurs, Occurs::Repeated { .. }))
                {
                    if reaches(target, &s.rust) {
                        boxed.push((item_index, field_index));
                    }
                }
            }
        }
    }
    for (item_index, field_index) in boxed {
        if let Some(TypeItem::Struct(s)) = items.get_mut(item_index) {
            if let Some(f) = s.fields.get_mut(field_index) {
                f.boxed = true;
            }
        }
    }
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

fn is_enumeration(st: &SimpleType) -> bool {
    matches!(&st.variety, SimpleVariety::Restriction { facets, .. } if !facets.enumeration.is_empty())
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

/// An element particle with its effective occurrence after flattening nested groups.
struct FlatParticle<'d> {
    element: &'d ElementDecl,
    min: u32,
    max: Option<u32>,
}

/// The occurrence contributed by enclosing groups.
#[derive(Clone, Copy)]
struct Multiplier {
    optional: bool,
    repeated: bool,
}

impl Multiplier {
    const ONE: Self = Self {
        optional: false,
        repeated: false,
    };
}

/// Flattens a model group into element particles. Choices make their members optional;
/// repeated groups make their members repeated (interleaving order is not preserved).
fn flatten_group<'d>(
    group: &'d ModelGroup,
    outer: Multiplier,
    out: &mut Vec<FlatParticle<'d>>,
    notes: &mut Vec<String>,
) {
    let here = Multiplier {
        optional: outer.optional || group.min_occurs == 0 || group.kind == GroupKind::Choice,
        repeated: outer.repeated || max_above_one(group.max_occurs),
    };
    for particle in &group.particles {
        match particle {
            Particle::Element(e) => {
                let min = if here.optional { 0 } else { e.min_occurs };
                let max = if here.repeated {
                    None
                } else {
                    match e.max_occurs {
                        MaxOccurs::Bounded(n) => Some(n),
                        MaxOccurs::Unbounded => None,
                    }
                };
                out.push(FlatParticle {
                    element: e,
                    min,
                    max,
                });
            }
            Particle::Group(inner) => flatten_group(inner, here, out, notes),
            Particle::Any { .. } => {
                let note =
                    "Wildcard (`xs:any`) content is not represented (skipped when decoding)."
                        .to_owned();
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
    }
}

fn max_above_one(max: MaxOccurs) -> bool {
    match max {
        MaxOccurs::Bounded(n) => n > 1,
        MaxOccurs::Unbounded => true,
    }
}

/// "required", "optional, nillable", "repeated (0..unbounded)".
fn occurrence_words(occurs: Occurs, nillable: bool) -> String {
    let base = match occurs {
        Occurs::Required => "required".to_owned(),
        Occurs::Optional => "optional".to_owned(),
        Occurs::Repeated { min, max } => match max {
            Some(max) => format!("repeated ({min}..{max})"),
            None => format!("repeated ({min}..unbounded)"),
        },
    };
    if nillable {
        format!("{base}, nillable")
    } else {
        base
    }
}

/// Documentation text → doc comment lines: each line trimmed (so indentation can never turn
/// prose into a code block rustdoc would compile), blank edges dropped, and the characters
/// Markdown/rustdoc would read as HTML tags, links or code fences (`<`, `>`, `[`, `]`, a leading
/// backtick run) backslash-escaped.
pub fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text else { return Vec::new() };
    let mut out: Vec<String> = text.lines().map(|l| escape_doc_line(l.trim())).collect();
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let leading_blank = out.iter().take_while(|l| l.is_empty()).count();
    out.drain(..leading_blank);
    out
}

fn escape_doc_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for (i, c) in line.chars().enumerate() {
        if matches!(c, '<' | '>' | '[' | ']') || (i == 0 && c == '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_is_trimmed_and_escaped_for_rustdoc() {
        let text = "\n   Gets <b>leads</b> [see docs].\n\n       indented line\n   ```rust\n\n";
        assert_eq!(
            doc_lines(Some(text)),
            [
                "Gets \\<b\\>leads\\</b\\> \\[see docs\\].",
                "",
                "indented line",
                "\\```rust",
            ]
        );
        assert!(doc_lines(None).is_empty());
        assert!(doc_lines(Some("  \n ")).is_empty());
    }

    #[test]
    fn builtins_map_to_runtime_types() {
        assert_eq!(Builtin::from_xsd("int"), Some(Builtin::I32));
        assert_eq!(Builtin::from_xsd("integer"), Some(Builtin::Integer));
        assert_eq!(Builtin::from_xsd("positiveInteger"), Some(Builtin::Integer));
        assert_eq!(Builtin::from_xsd("dateTime"), Some(Builtin::DateTime));
        assert_eq!(Builtin::from_xsd("anySimpleType"), Some(Builtin::String));
        assert_eq!(Builtin::from_xsd("base64Binary"), Some(Builtin::Bytes));
        assert_eq!(Builtin::from_xsd("anyType"), None);
    }
}
