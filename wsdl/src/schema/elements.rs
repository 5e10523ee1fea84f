//! Global and local `xs:element` declarations, and `ref=` resolution.

use roxmltree::Node;

use super::{SchemaBuilder, documentation, occurs, undefined};
use crate::error::{Error, ErrorKind};
use crate::index::{Kind, SchemaContext, parse_form};
use crate::model::{ElementDecl, Form, MaxOccurs, QName, TypeRef};
use crate::namespaces::XS_NS;
use crate::source::children_in;

impl<'b, 'a, 'input> SchemaBuilder<'b, 'a, 'input> {
    /// The global element `name` (which the index knows), built once and then copied.
    pub(super) fn global_element(
        &mut self,
        name: &QName,
        depth: usize,
    ) -> Result<ElementDecl, Error> {
        let entry = self.index.get(Kind::Element, name).ok_or_else(|| {
            Error::without_position(ErrorKind::Undefined {
                kind: Kind::Element.label(),
                name: format!("{{{}}}{}", name.namespace, name.local),
            })
        })?;
        let context = self.context_of(entry.context)?;
        let node = entry.node;
        if let Some(cost) = self.elements.get(name).map(|(_, cost)| *cost) {
            // Account before copying, so an oversized copy is never made.
            self.spend(context, node, cost)?;
            if let Some((done, _)) = self.elements.get(name) {
                return Ok(done.clone());
            }
        }
        if !self.building.insert(name.clone()) {
            return Err(context.source.error(
                node,
                ErrorKind::Unsupported(format!(
                    "element {} refers to itself through its anonymous type",
                    name.local
                )),
            ));
        }
        let before = self.spent;
        let built = self.global_element_uncached(context, node, name, depth);
        self.building.remove(name);
        let built = built?;
        let cost = self.spent.saturating_sub(before);
        self.elements.insert(name.clone(), (built.clone(), cost));
        Ok(built)
    }

    fn global_element_uncached(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        name: &QName,
        depth: usize,
    ) -> Result<ElementDecl, Error> {
        self.check_depth(context, node, depth)?;
        let source = context.source;
        Ok(ElementDecl {
            name: name.clone(),
            type_ref: self.element_type(context, node, depth)?,
            min_occurs: 1,
            max_occurs: MaxOccurs::Bounded(1),
            nillable: source.bool_attribute(node, "nillable")?,
            default: node.attribute("default").map(str::to_owned),
            is_abstract: source.bool_attribute(node, "abstract")?,
            is_ref: false,
            form: Form::Qualified,
            documentation: documentation(node),
            position: source.position(node),
        })
    }

    /// A local element: either declared here (`name=`) or a `ref=` to a global one.
    pub(super) fn local_element(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        depth: usize,
    ) -> Result<ElementDecl, Error> {
        self.check_depth(context, node, depth)?;
        let source = context.source;
        let (min_occurs, max_occurs) = occurs(context, node)?;
        if let Some(written) = node.attribute("ref") {
            let qname = source.qname(node, written)?;
            if !self.index.contains(Kind::Element, &qname) {
                return Err(undefined(context, node, Kind::Element, written));
            }
            let global = self.global_element(&qname, depth + 1)?;
            return Ok(ElementDecl {
                min_occurs,
                max_occurs,
                is_ref: true,
                documentation: documentation(node).or(global.documentation),
                position: source.position(node),
                ..global
            });
        }
        let local = source.required_attribute(node, "name")?;
        let form = parse_form(source, node, "form")?.unwrap_or(context.element_form);
        let namespace = match form {
            Form::Qualified => context.target_namespace.clone(),
            Form::Unqualified => String::new(),
        };
        Ok(ElementDecl {
            name: QName {
                namespace,
                local: local.to_owned(),
            },
            type_ref: self.element_type(context, node, depth)?,
            min_occurs,
            max_occurs,
            nillable: source.bool_attribute(node, "nillable")?,
            default: node.attribute("default").map(str::to_owned),
            is_abstract: false,
            is_ref: false,
            form,
            documentation: documentation(node),
            position: source.position(node),
        })
    }

    /// The type of an element: `type=`, an inline type, or none (anyType).
    fn element_type(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        depth: usize,
    ) -> Result<Option<TypeRef>, Error> {
        if let Some(written) = node.attribute("type") {
            return self.type_ref(context, node, written).map(Some);
        }
        for child in children_in(node, XS_NS) {
            match child.tag_name().name() {
                "complexType" => {
                    let complex = self.complex_type(context, child, None, depth + 1)?;
                    return Ok(Some(TypeRef::AnonymousComplex(Box::new(complex))));
                }
                "simpleType" => {
                    let simple = self.simple_type(context, child, None, depth + 1)?;
                    return Ok(Some(TypeRef::AnonymousSimple(Box::new(simple))));
                }
                _ => {}
            }
        }
        Ok(None)
    }
}
