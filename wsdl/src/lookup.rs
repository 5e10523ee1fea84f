//! Lookups by name on a loaded [`Definitions`].

use crate::model::{
    Binding, ComplexType, Definitions, Derivation, ElementDecl, Message, PortType, QName, Service,
    SimpleType,
};

impl Definitions {
    /// The named global complex type `q`.
    pub fn complex_type(&self, q: &QName) -> Option<&ComplexType> {
        self.schema
            .complex_types
            .iter()
            .find(|t| t.name.as_ref() == Some(q))
    }

    /// The named global simple type `q`.
    pub fn simple_type(&self, q: &QName) -> Option<&SimpleType> {
        self.schema
            .simple_types
            .iter()
            .find(|t| t.name.as_ref() == Some(q))
    }

    /// The global element `q`.
    pub fn element(&self, q: &QName) -> Option<&ElementDecl> {
        self.schema.elements.iter().find(|e| &e.name == q)
    }

    /// The message `q`.
    pub fn message(&self, q: &QName) -> Option<&Message> {
        self.messages.iter().find(|m| &m.name == q)
    }

    /// The port type `q`.
    pub fn port_type(&self, q: &QName) -> Option<&PortType> {
        self.port_types.iter().find(|p| &p.name == q)
    }

    /// The binding `q`.
    pub fn binding(&self, q: &QName) -> Option<&Binding> {
        self.bindings.iter().find(|b| &b.name == q)
    }

    /// The service `q`.
    pub fn service(&self, q: &QName) -> Option<&Service> {
        self.services.iter().find(|s| &s.name == q)
    }

    /// Named complex types whose `xs:complexContent/xs:extension` base is `base`
    /// (direct extensions only), in document order.
    pub fn extensions_of(&self, base: &QName) -> Vec<&ComplexType> {
        self.schema
            .complex_types
            .iter()
            .filter(|t| t.name.is_some())
            .filter(|t| matches!(&t.derivation, Some(Derivation::Extension(b)) if b == base))
            .collect()
    }
}

impl QName {
    /// A name in `namespace` (empty for none).
    pub fn new(namespace: impl Into<String>, local: impl Into<String>) -> Self {
        QName {
            namespace: namespace.into(),
            local: local.into(),
        }
    }
}
