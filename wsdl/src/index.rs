//! Every named global definition of every loaded document, found before anything is
//! built, so that references can be resolved regardless of document order.

use std::collections::BTreeMap;

use roxmltree::Node;

use crate::error::{Error, ErrorKind};
use crate::loader::LoadedText;
use crate::model::{Form, QName};
use crate::namespaces::{WSDL_NS, XS_NS};
use crate::source::{SourceDoc, children_named, is};

/// The symbol spaces of XML Schema and WSDL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Type,
    Element,
    Group,
    AttributeGroup,
    Attribute,
    Message,
    PortType,
    Binding,
    Service,
}

impl Kind {
    /// How the kind is named in messages.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Type => "type",
            Kind::Element => "element",
            Kind::Group => "group",
            Kind::AttributeGroup => "attribute group",
            Kind::Attribute => "attribute",
            Kind::Message => "message",
            Kind::PortType => "port type",
            Kind::Binding => "binding",
            Kind::Service => "service",
        }
    }
}

/// One `xs:schema` element with the settings its declarations inherit.
pub(crate) struct SchemaContext<'a, 'input> {
    pub source: &'a SourceDoc<'input>,
    pub node: Node<'a, 'input>,
    pub target_namespace: String,
    pub element_form: Form,
    pub attribute_form: Form,
}

/// One `wsdl:definitions` element.
pub(crate) struct WsdlContext<'a, 'input> {
    pub source: &'a SourceDoc<'input>,
    pub node: Node<'a, 'input>,
    pub target_namespace: String,
}

/// Where a named definition was written.
#[derive(Clone, Copy)]
pub(crate) struct Entry<'a, 'input> {
    /// Index into [`Index::schemas`] (schema kinds) or [`Index::wsdls`] (WSDL kinds).
    pub context: usize,
    pub node: Node<'a, 'input>,
}

/// All contexts and named definitions.
pub(crate) struct Index<'a, 'input> {
    pub schemas: Vec<SchemaContext<'a, 'input>>,
    pub wsdls: Vec<WsdlContext<'a, 'input>>,
    entries: BTreeMap<(Kind, QName), Entry<'a, 'input>>,
}

impl<'a, 'input> Index<'a, 'input> {
    /// Indexes the documents (same order as `texts`); duplicate names are errors.
    pub fn build(sources: &'a [SourceDoc<'input>], texts: &[LoadedText]) -> Result<Self, Error> {
        let mut index = Index {
            schemas: Vec::new(),
            wsdls: Vec::new(),
            entries: BTreeMap::new(),
        };
        for (source, text) in sources.iter().zip(texts) {
            let root = source.doc.root_element();
            if is(root, WSDL_NS, "definitions") {
                index.wsdls.push(WsdlContext {
                    source,
                    node: root,
                    target_namespace: root.attribute("targetNamespace").unwrap_or("").to_owned(),
                });
                for types in children_named(root, WSDL_NS, "types") {
                    for schema in children_named(types, XS_NS, "schema") {
                        index.add_schema(source, schema, None)?;
                    }
                }
            } else if is(root, XS_NS, "schema") {
                index.add_schema(source, root, text.include_namespace.as_deref())?;
            }
        }
        for context in 0..index.wsdls.len() {
            index.add_wsdl_names(context)?;
        }
        Ok(index)
    }

    fn add_schema(
        &mut self,
        source: &'a SourceDoc<'input>,
        node: Node<'a, 'input>,
        include_namespace: Option<&str>,
    ) -> Result<(), Error> {
        let context = SchemaContext {
            source,
            node,
            target_namespace: node
                .attribute("targetNamespace")
                .or(include_namespace)
                .unwrap_or("")
                .to_owned(),
            element_form: parse_form(source, node, "elementFormDefault")?.unwrap_or_default(),
            attribute_form: parse_form(source, node, "attributeFormDefault")?.unwrap_or_default(),
        };
        let id = self.schemas.len();
        self.schemas.push(context);
        let target_namespace = self
            .schemas
            .get(id)
            .map(|s| s.target_namespace.clone())
            .unwrap_or_default();
        for child in node.children().filter(|c| c.is_element()) {
            if child.tag_name().namespace() != Some(XS_NS) {
                continue;
            }
            let kind = match child.tag_name().name() {
                "complexType" | "simpleType" => Kind::Type,
                "element" => Kind::Element,
                "group" => Kind::Group,
                "attributeGroup" => Kind::AttributeGroup,
                "attribute" => Kind::Attribute,
                _ => continue,
            };
            let name = source.required_attribute(child, "name")?;
            let qname = QName {
                namespace: target_namespace.clone(),
                local: name.to_owned(),
            };
            self.insert(kind, qname, id, child, source)?;
        }
        Ok(())
    }

    fn add_wsdl_names(&mut self, context: usize) -> Result<(), Error> {
        let Some(wsdl) = self.wsdls.get(context) else {
            return Ok(());
        };
        let (source, node, namespace) = (wsdl.source, wsdl.node, wsdl.target_namespace.clone());
        for child in node.children().filter(|c| c.is_element()) {
            if child.tag_name().namespace() != Some(WSDL_NS) {
                continue;
            }
            let kind = match child.tag_name().name() {
                "message" => Kind::Message,
                "portType" => Kind::PortType,
                "binding" => Kind::Binding,
                "service" => Kind::Service,
                _ => continue,
            };
            let name = source.required_attribute(child, "name")?;
            let qname = QName {
                namespace: namespace.clone(),
                local: name.to_owned(),
            };
            self.insert(kind, qname, context, child, source)?;
        }
        Ok(())
    }

    fn insert(
        &mut self,
        kind: Kind,
        qname: QName,
        context: usize,
        node: Node<'a, 'input>,
        source: &'a SourceDoc<'input>,
    ) -> Result<(), Error> {
        if let Some(first) = self.entries.get(&(kind, qname.clone())) {
            let first_source = self.source_of(kind, *first).unwrap_or(source);
            return Err(source.error(
                node,
                ErrorKind::Duplicate {
                    kind: kind.label(),
                    name: format!("{{{}}}{}", qname.namespace, qname.local),
                    first: first_source.position(first.node),
                },
            ));
        }
        self.entries.insert((kind, qname), Entry { context, node });
        Ok(())
    }

    fn source_of(&self, kind: Kind, entry: Entry<'a, 'input>) -> Option<&'a SourceDoc<'input>> {
        match kind {
            Kind::Message | Kind::PortType | Kind::Binding | Kind::Service => {
                self.wsdls.get(entry.context).map(|w| w.source)
            }
            _ => self.schemas.get(entry.context).map(|s| s.source),
        }
    }

    /// The definition of `qname` of `kind`, if any.
    pub fn get(&self, kind: Kind, qname: &QName) -> Option<Entry<'a, 'input>> {
        self.entries.get(&(kind, qname.clone())).copied()
    }

    /// Whether `qname` of `kind` is defined.
    pub fn contains(&self, kind: Kind, qname: &QName) -> bool {
        self.entries.contains_key(&(kind, qname.clone()))
    }
}

/// Parses a `qualified`/`unqualified` attribute.
pub(crate) fn parse_form(
    source: &SourceDoc<'_>,
    node: Node<'_, '_>,
    attribute: &str,
) -> Result<Option<Form>, Error> {
    match node.attribute(attribute).map(str::trim) {
        None => Ok(None),
        Some("qualified") => Ok(Some(Form::Qualified)),
        Some("unqualified") => Ok(Some(Form::Unqualified)),
        Some(other) => Err(source.error(
            node,
            ErrorKind::Invalid(format!(
                "`{attribute}` must be qualified or unqualified, not `{other}`"
            )),
        )),
    }
}
