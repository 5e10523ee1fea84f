//! A read-only view of the resolved schema that answers the questions the test generators and
//! the comparator ask: "what are the child elements of this type, in order?", "which built-in
//! type does this simple value have?", "which concrete types can stand for this abstract one?".
//!
//! Only what mktows-2_2 uses is supported (sequences of element particles, extension of a
//! complex type, enumerations over built-ins); anything else is reported as unsupported so a
//! schema change shows up as a clear test failure rather than a silently skipped check.

use wsdl::{
    ComplexType, Content, Definitions, Derivation, ElementDecl, GroupKind, ModelGroup, Particle,
    QName, SimpleType, SimpleVariety, TypeRef,
};

/// The XML Schema namespace.
pub const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// The XML Schema instance namespace (`xsi:nil`, `xsi:type`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// What a type reference stands for, after following named and anonymous types.
#[derive(Debug, Clone, Copy)]
pub enum Resolved<'a> {
    /// A complex type with element content (or empty / abstract).
    Complex(&'a ComplexType),
    /// A text-only value.
    Simple(SimpleKind<'a>),
}

/// A text-only value's kind: a built-in (by local name) or an enumeration over one.
#[derive(Debug, Clone, Copy)]
pub enum SimpleKind<'a> {
    /// An XML Schema built-in such as `string`, `int`, `dateTime`.
    BuiltIn(&'a str),
    /// A restriction with enumeration facets: the allowed values and the base built-in.
    Enumeration {
        /// The enumerated values, in schema order.
        values: &'a [String],
        /// The base built-in's local name.
        base: &'a str,
    },
}

impl<'a> SimpleKind<'a> {
    /// The built-in type that decides how the text is parsed and compared.
    pub fn builtin(&self) -> &'a str {
        match self {
            SimpleKind::BuiltIn(name) => name,
            SimpleKind::Enumeration { base, .. } => base,
        }
    }
}

/// Schema questions over one [`Definitions`].
#[derive(Clone, Copy)]
pub struct SchemaView<'a> {
    defs: &'a Definitions,
}

impl<'a> SchemaView<'a> {
    /// Wraps a loaded service description.
    pub fn new(defs: &'a Definitions) -> Self {
        SchemaView { defs }
    }

    /// The target namespace of the entry document.
    pub fn target_namespace(&self) -> &'a str {
        &self.defs.target_namespace
    }

    /// All global element declarations, in schema order.
    pub fn global_elements(&self) -> &'a [ElementDecl] {
        &self.defs.schema.elements
    }

    /// The global element with this local name in the target namespace.
    pub fn global_element(&self, local: &str) -> Option<&'a ElementDecl> {
        self.defs
            .schema
            .elements
            .iter()
            .find(|e| e.name.local == local && e.name.namespace == self.defs.target_namespace)
    }

    /// A named complex type.
    pub fn complex_type(&self, name: &QName) -> Option<&'a ComplexType> {
        self.defs
            .schema
            .complex_types
            .iter()
            .find(|t| t.name.as_ref() == Some(name))
    }

    fn simple_type(&self, name: &QName) -> Option<&'a SimpleType> {
        self.defs
            .schema
            .simple_types
            .iter()
            .find(|t| t.name.as_ref() == Some(name))
    }

    /// What an element's declared type stands for (an untyped element is anyType, treated as a
    /// string).
    pub fn resolve_element(&self, decl: &'a ElementDecl) -> Result<Resolved<'a>, String> {
        self.resolve(&decl.type_ref)
    }

    /// What a type reference stands for.
    pub fn resolve(&self, type_ref: &'a TypeRef) -> Result<Resolved<'a>, String> {
        match type_ref {
            TypeRef::BuiltIn(name) => Ok(Resolved::Simple(SimpleKind::BuiltIn(name))),
            TypeRef::AnonymousComplex(ct) => Ok(Resolved::Complex(ct)),
            TypeRef::AnonymousSimple(st) => self.simple_kind(st).map(Resolved::Simple),
            TypeRef::OfElement(q) => {
                match self.defs.schema.elements.iter().find(|e| &e.name == q) {
                    Some(element) => self.resolve(&element.type_ref),
                    None => Err(format!("unresolved element {{{}}}{}", q.namespace, q.local)),
                }
            }
            TypeRef::Named(q) => {
                if let Some(ct) = self.complex_type(q) {
                    Ok(Resolved::Complex(ct))
                } else if let Some(st) = self.simple_type(q) {
                    self.simple_kind(st).map(Resolved::Simple)
                } else if q.namespace == XS_NS {
                    Ok(Resolved::Simple(SimpleKind::BuiltIn(&q.local)))
                } else {
                    Err(format!("unresolved type {{{}}}{}", q.namespace, q.local))
                }
            }
        }
    }

    fn simple_kind(&self, st: &'a SimpleType) -> Result<SimpleKind<'a>, String> {
        match &st.variety {
            SimpleVariety::Restriction { base, facets } => {
                let base = match self.resolve(base)? {
                    Resolved::Simple(kind) => kind.builtin(),
                    Resolved::Complex(_) => {
                        return Err(format!(
                            "simple type {:?} restricts a complex type",
                            st.name
                        ));
                    }
                };
                if facets.enumeration.is_empty() {
                    Ok(SimpleKind::BuiltIn(base))
                } else {
                    Ok(SimpleKind::Enumeration {
                        values: &facets.enumeration,
                        base,
                    })
                }
            }
            other => Err(format!(
                "simple type {:?}: unsupported variety {other:?}",
                st.name
            )),
        }
    }

    /// The element children of a complex type in wire order: for an extension, the base's
    /// elements first, then the type's own.
    pub fn child_elements(&self, ct: &'a ComplexType) -> Result<Vec<&'a ElementDecl>, String> {
        let mut out = Vec::new();
        self.collect_children(ct, &mut out, 0)?;
        Ok(out)
    }

    fn collect_children(
        &self,
        ct: &'a ComplexType,
        out: &mut Vec<&'a ElementDecl>,
        depth: usize,
    ) -> Result<(), String> {
        if depth > 16 {
            return Err(format!("derivation chain too deep at {:?}", ct.name));
        }
        match &ct.derivation {
            None => {}
            Some(Derivation::Extension(base)) => {
                let base_type = self
                    .complex_type(base)
                    .ok_or_else(|| format!("unresolved base type {}", base.local))?;
                self.collect_children(base_type, out, depth + 1)?;
            }
            Some(Derivation::Restriction(base)) => {
                return Err(format!(
                    "{:?}: complexContent restriction of {} is not supported",
                    ct.name, base.local
                ));
            }
        }
        match &ct.content {
            Content::Empty => Ok(()),
            Content::Group(group) => collect_sequence(group, out),
            Content::Simple(_) => Err(format!(
                "{:?}: simple content is not supported by the test generator",
                ct.name
            )),
        }
    }

    /// The non-abstract named types that extend `base` (directly or indirectly), in schema order.
    pub fn concrete_subtypes(&self, base: &ComplexType) -> Vec<&'a ComplexType> {
        let Some(base_name) = &base.name else {
            return Vec::new();
        };
        self.defs
            .schema
            .complex_types
            .iter()
            .filter(|t| !t.is_abstract && self.derives_from(t, base_name, 0))
            .collect()
    }

    fn derives_from(&self, ct: &ComplexType, base: &QName, depth: usize) -> bool {
        match &ct.derivation {
            Some(Derivation::Extension(b)) | Some(Derivation::Restriction(b)) => {
                b == base
                    || (depth < 16
                        && self
                            .complex_type(b)
                            .is_some_and(|t| self.derives_from(t, base, depth + 1)))
            }
            None => false,
        }
    }
}

fn collect_sequence<'a>(
    group: &'a ModelGroup,
    out: &mut Vec<&'a ElementDecl>,
) -> Result<(), String> {
    if group.kind != GroupKind::Sequence {
        return Err(format!("{:?} groups are not supported", group.kind));
    }
    if group.min_occurs != 1 || group.max_occurs != wsdl::MaxOccurs::Bounded(1) {
        return Err("repeated or optional sequences are not supported".to_owned());
    }
    for particle in &group.particles {
        match particle {
            Particle::Element(decl) => out.push(decl),
            Particle::Group(inner) => collect_sequence(inner, out)?,
            Particle::Any { .. } => return Err("xs:any is not supported".to_owned()),
        }
    }
    Ok(())
}
