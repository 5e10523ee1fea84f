//! Global and local `xs:element` declarations, and `ref=` resolution.

use roxmltree::Node;

use super::{SchemaBuilder, documentation, occurs, undefined};
use crate::error::{Error, ErrorKind};
use crate::index::{Kind, SchemaContext, parse_form};
use crate::model::{ElementDecl, Form, MaxOccurs, QName, TypeRef};
use crate::namespaces::XS_NS;
use crate::source::children_in;

impl<'b, 'a, 'input> SchemaBuilder<'b, 'a, 'input> {
    /// The global element `name` (which the index knows).
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
        self.check_depth(context, node, depth)?;
        let source = context.source;
        Ok(ElementDecl {
            name: name.clone(),
            type_ref: self.element_type(context, node, depth)?,
            min_occurs: 1,
            max_occurs: MaxOccurs::Bounded(1),
            nillable: source.bool_attribute(node, "nillable")?,
            default: node.attribute("default").map(str::to_owned),
            fixed: node.attribute("fixed").map(str::to_owned),
            is_abstract: source.bool_attribute(node, "abstract")?,
            substitution_group: self.substitution_group(context, node)?,
            is_ref: false,
            form: Form::Qualified,
            documentation: documentation(node),
            position: source.position(node),
        })
    }

    /// The resolved `substitutionGroup=` of a global element, checked to be defined.
    fn substitution_group(
        &self,
        context: &SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
    ) -> Result<Option<QName>, Error> {
        let Some(written) = node.attribute("substitutionGroup") else {
            return Ok(None);
        };
        let head = context.source.qname(node, written)?;
        if !self.index.contains(Kind::Element, &head) {
            return Err(undefined(context, node, Kind::Element, written));
        }
        Ok(Some(head))
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
            return self.element_ref(context, node, written, (min_occurs, max_occurs), depth);
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
            fixed: node.attribute("fixed").map(str::to_owned),
            is_abstract: false,
            substitution_group: None,
            is_ref: false,
            form,
            documentation: documentation(node),
            position: source.position(node),
        })
    }

    /// `<xs:element ref=…>`: the global declaration's name and settings with the reference's
    /// occurrence. A global element with an inline type is referred to as
    /// [`TypeRef::OfElement`], never copied, so an element may contain itself.
    fn element_ref(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        written: &str,
        (min_occurs, max_occurs): (u32, MaxOccurs),
        depth: usize,
    ) -> Result<ElementDecl, Error> {
        let written_name = context.source.qname(node, written)?;
        if written_name.namespace == XS_NS
            && written_name.local == "schema"
            && self.index.get(Kind::Element, &written_name).is_none()
        {
            return Ok(inline_schema_element(
                written_name,
                (min_occurs, max_occurs),
                node,
                context.source.position(node),
            ));
        }
        let (qname, type_ref) = self.type_of_global(context, node, written, depth + 1)?;
        let entry = self
            .index
            .get(Kind::Element, &qname)
            .ok_or_else(|| undefined(context, node, Kind::Element, written))?;
        let global_context = self.context_of(entry.context)?;
        let global = entry.node;
        let global_source = global_context.source;
        Ok(ElementDecl {
            type_ref,
            min_occurs,
            max_occurs,
            nillable: global_source.bool_attribute(global, "nillable")?,
            default: global.attribute("default").map(str::to_owned),
            fixed: global.attribute("fixed").map(str::to_owned),
            is_abstract: global_source.bool_attribute(global, "abstract")?,
            substitution_group: self.substitution_group(global_context, global)?,
            is_ref: true,
            form: Form::Qualified,
            documentation: documentation(node).or_else(|| documentation(global)),
            position: context.source.position(node),
            name: qname,
        })
    }

    /// The global element `written` (at `node`) and the type something referring to it
    /// has: its `type=`, [`TypeRef::OfElement`] for an inline type, else the type of its
    /// substitution group head, else `xs:anyType`.
    fn type_of_global(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        written: &str,
        depth: usize,
    ) -> Result<(QName, TypeRef), Error> {
        self.check_depth(context, node, depth)?;
        let qname = context.source.qname(node, written)?;
        let entry = self
            .index
            .get(Kind::Element, &qname)
            .ok_or_else(|| undefined(context, node, Kind::Element, written))?;
        let global_context = self.context_of(entry.context)?;
        let global = entry.node;
        let type_ref = if let Some(type_written) = global.attribute("type") {
            self.type_ref(global_context, global, type_written)?
        } else if children_in(global, XS_NS)
            .any(|c| matches!(c.tag_name().name(), "complexType" | "simpleType"))
        {
            TypeRef::OfElement(qname.clone())
        } else if let Some(head) = global.attribute("substitutionGroup") {
            self.type_of_global(global_context, global, head, depth + 1)?
                .1
        } else {
            TypeRef::BuiltIn("anyType".to_owned())
        };
        Ok((qname, type_ref))
    }

    /// The type of an element: `type=`, an inline type, the type of its substitution group
    /// head (a global element without a type of its own), or none (`xs:anyType`).
    fn element_type(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        depth: usize,
    ) -> Result<TypeRef, Error> {
        if let Some(written) = node.attribute("type") {
            return self.type_ref(context, node, written);
        }
        for child in children_in(node, XS_NS) {
            match child.tag_name().name() {
                "complexType" => {
                    let complex = self.complex_type(context, child, None, depth + 1)?;
                    return Ok(TypeRef::AnonymousComplex(Box::new(complex)));
                }
                "simpleType" => {
                    let simple = self.simple_type(context, child, None, depth + 1)?;
                    return Ok(TypeRef::AnonymousSimple(Box::new(simple)));
                }
                _ => {}
            }
        }
        if let Some(head) = node.attribute("substitutionGroup") {
            return Ok(self.type_of_global(context, node, head, depth + 1)?.1);
        }
        Ok(TypeRef::BuiltIn("anyType".to_owned()))
    }
}

/// `<xs:element ref="xs:schema"/>`: the schema-for-schemas' own global element, which no WSDL
/// imports. ASP.NET declares every `DataSet` result so (`<s:element ref="s:schema"/><s:any/>`:
/// an inline schema, then the diffgram). Its content is kept as raw XML (`xs:anyType`).
fn inline_schema_element(
    name: QName,
    (min_occurs, max_occurs): (u32, MaxOccurs),
    node: Node<'_, '_>,
    position: crate::model::Position,
) -> ElementDecl {
    ElementDecl {
        name,
        type_ref: TypeRef::BuiltIn("anyType".to_owned()),
        min_occurs,
        max_occurs,
        nillable: false,
        default: None,
        fixed: None,
        is_abstract: false,
        substitution_group: None,
        is_ref: true,
        form: Form::Qualified,
        documentation: documentation(node),
        position,
    }
}
