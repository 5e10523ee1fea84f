//! `xs:complexType`, `xs:complexContent` and `xs:simpleContent`.

use roxmltree::Node;

use super::{SchemaBuilder, documentation};
use crate::error::{Error, ErrorKind};
use crate::index::SchemaContext;
use crate::model::{
    ComplexType, Content, Derivation, Facets, GroupKind, MaxOccurs, ModelGroup,
    NamespaceConstraint, Particle, Position, ProcessContents, QName, SimpleType, SimpleVariety,
    TypeRef, Wildcard,
};
use crate::namespaces::XS_NS;
use crate::source::children_in;

impl<'b, 'a, 'input> SchemaBuilder<'b, 'a, 'input> {
    /// Builds a named (`name` given) or anonymous complex type.
    pub(super) fn complex_type(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        name: Option<QName>,
        depth: usize,
    ) -> Result<ComplexType, Error> {
        self.check_depth(context, node, depth)?;
        let source = context.source;
        let mut complex = ComplexType {
            name,
            is_abstract: source.bool_attribute(node, "abstract")?,
            mixed: source.bool_attribute(node, "mixed")?,
            derivation: None,
            content: Content::Empty,
            attributes: Vec::new(),
            prohibited_attributes: Vec::new(),
            any_attribute: None,
            documentation: documentation(node),
            position: source.position(node),
        };
        for child in children_in(node, XS_NS) {
            match child.tag_name().name() {
                "complexContent" => {
                    if source.bool_attribute(child, "mixed")? {
                        complex.mixed = true;
                    }
                    self.complex_content(context, child, &mut complex, depth + 1)?;
                }
                "simpleContent" => self.simple_content(context, child, &mut complex, depth + 1)?,
                _ => self.content_item(context, child, &mut complex, depth + 1)?,
            }
        }
        Ok(complex)
    }

    /// One child of a complex type or of its derivation: annotation, model group, group
    /// reference or attribute declaration.
    fn content_item(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        child: Node<'a, 'input>,
        complex: &mut ComplexType,
        depth: usize,
    ) -> Result<(), Error> {
        match child.tag_name().name() {
            "annotation" => {}
            "sequence" | "choice" | "all" => {
                complex.content = Content::Group(self.model_group(context, child, depth)?);
            }
            "group" => complex.content = Content::Group(self.group_ref(context, child, depth)?),
            "attribute" | "attributeGroup" | "anyAttribute" => {
                self.attribute_item(context, child, complex, false, depth)?
            }
            other => {
                return Err(context.source.error(
                    child,
                    ErrorKind::Unsupported(format!("xs:{other} in a complex type")),
                ));
            }
        }
        Ok(())
    }

    /// The `xs:extension` or `xs:restriction` child of a content element.
    fn derivation_node(
        &self,
        context: &SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
    ) -> Result<(Node<'a, 'input>, bool), Error> {
        for child in children_in(node, XS_NS) {
            match child.tag_name().name() {
                "extension" => return Ok((child, true)),
                "restriction" => return Ok((child, false)),
                _ => {}
            }
        }
        Err(context.source.error(
            node,
            ErrorKind::Invalid(format!(
                "xs:{} has neither xs:extension nor xs:restriction",
                node.tag_name().name()
            )),
        ))
    }

    /// Finds the `xs:extension`/`xs:restriction` of a `complexContent`/`simpleContent` node,
    /// records it (with its resolved base) on `complex`, and returns the derivation node, the
    /// base as written and whether it is an extension.
    fn record_derivation(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        complex: &mut ComplexType,
    ) -> Result<(Node<'a, 'input>, &'a str, bool), Error> {
        let (derivation, is_extension) = self.derivation_node(context, node)?;
        let base_written = context.source.required_attribute(derivation, "base")?;
        let base = self.type_qname(context, derivation, base_written)?;
        if base.namespace == XS_NS && base.local == "anyType" {
            complex.derivation = None;
            return Ok((derivation, base_written, is_extension));
        }
        complex.derivation = Some(if is_extension {
            Derivation::Extension(base)
        } else {
            Derivation::Restriction(base)
        });
        Ok((derivation, base_written, is_extension))
    }

    fn complex_content(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        complex: &mut ComplexType,
        depth: usize,
    ) -> Result<(), Error> {
        self.check_depth(context, node, depth)?;
        let (derivation, base_written, is_extension) =
            self.record_derivation(context, node, complex)?;
        for child in children_in(derivation, XS_NS) {
            self.content_item(context, child, complex, depth + 1)?;
        }
        if is_extension && complex.derivation.is_none() {
            let base = self.type_qname(context, derivation, base_written)?;
            if base.namespace == XS_NS && base.local == "anyType" {
                inherit_any_type(context.source.position(derivation), complex);
            }
        }
        Ok(())
    }

    fn simple_content(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        complex: &mut ComplexType,
        depth: usize,
    ) -> Result<(), Error> {
        self.check_depth(context, node, depth)?;
        let (derivation, base_written, is_extension) =
            self.record_derivation(context, node, complex)?;
        let mut base_ref = self.type_ref(context, derivation, base_written)?;
        let mut facets = Facets::default();
        let mut restricted = false;
        for child in children_in(derivation, XS_NS) {
            match child.tag_name().name() {
                "annotation" => {}
                "attribute" | "attributeGroup" | "anyAttribute" => {
                    self.attribute_item(context, child, complex, false, depth + 1)?
                }
                // A restriction may restate its text type inline; the facets then restrict
                // that type, and it stands in for the base's text.
                "simpleType" if !is_extension => {
                    let inline = self.simple_type(context, child, None, depth + 1)?;
                    base_ref = TypeRef::AnonymousSimple(Box::new(inline));
                }
                _ if !is_extension && self.facet(context, child, &mut facets)? => {
                    restricted = true;
                }
                other => {
                    return Err(context.source.error(
                        child,
                        ErrorKind::Unsupported(format!("xs:{other} in xs:simpleContent")),
                    ));
                }
            }
        }
        complex.content = Content::Simple(if restricted {
            TypeRef::AnonymousSimple(Box::new(SimpleType {
                name: None,
                variety: SimpleVariety::Restriction {
                    base: base_ref,
                    facets,
                },
                documentation: None,
                position: context.source.position(derivation),
            }))
        } else {
            base_ref
        });
        Ok(())
    }
}

/// Writes out what a `complexContent` extension of `xs:anyType` inherits, so the type stands
/// alone without a base: the ur-type's mixed content of any elements
/// (`<xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/>`) before the
/// extension's own particles, and its `<xs:anyAttribute processContents="lax"/>` (the union
/// with the extension's own wildcard is `##any`, with the extension's `processContents`).
/// The inherited wildcards are positioned at the `xs:extension`.
fn inherit_any_type(position: Position, complex: &mut ComplexType) {
    let any = Particle::Any {
        min_occurs: 0,
        max_occurs: MaxOccurs::Unbounded,
        namespace: NamespaceConstraint::Any,
        process_contents: ProcessContents::Lax,
        position: position.clone(),
    };
    let mut particles = vec![any];
    match std::mem::replace(&mut complex.content, Content::Empty) {
        Content::Group(own) => particles.push(Particle::Group(own)),
        Content::Empty => {}
        // Not reachable from complexContent; kept as it was.
        simple @ Content::Simple(_) => complex.content = simple,
    }
    if let Content::Empty = complex.content {
        complex.content = Content::Group(ModelGroup {
            kind: GroupKind::Sequence,
            min_occurs: 1,
            max_occurs: MaxOccurs::Bounded(1),
            particles,
            position: position.clone(),
        });
    }
    complex.mixed = true;
    complex.any_attribute = Some(Wildcard {
        namespace: NamespaceConstraint::Any,
        process_contents: complex
            .any_attribute
            .as_ref()
            .map_or(ProcessContents::Lax, |own| own.process_contents),
        position: complex
            .any_attribute
            .as_ref()
            .map_or(position, |own| own.position.clone()),
    });
}
