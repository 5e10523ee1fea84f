//! `xs:attribute`, `xs:attributeGroup` references (expanded) and `xs:anyAttribute`.

use roxmltree::Node;

use super::particles::wildcard;
use super::{SchemaBuilder, documentation, undefined};
use crate::error::{Error, ErrorKind};
use crate::index::{Kind, SchemaContext, parse_form};
use crate::model::{AttributeDecl, ComplexType, Derivation, Form, QName, TypeRef};
use crate::namespaces::{XML_NS, XS_NS};
use crate::source::children_in;

/// What an `xs:attribute` declaration says about its presence.
enum AttributeUse {
    Optional,
    Required,
    Prohibited,
}

impl<'b, 'a, 'input> SchemaBuilder<'b, 'a, 'input> {
    /// Adds what an attribute-ish child (`xs:attribute`, `xs:attributeGroup ref=`,
    /// `xs:anyAttribute`) contributes to `complex`. `in_group` is set for the members of an
    /// expanded attribute group: their wildcard only counts when the type has none of its own.
    pub(super) fn attribute_item(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        complex: &mut ComplexType,
        in_group: bool,
        depth: usize,
    ) -> Result<(), Error> {
        self.check_depth(context, node, depth)?;
        self.spend(context, node, 1)?;
        match node.tag_name().name() {
            "attribute" => self.attribute(context, node, complex, depth)?,
            "anyAttribute" => {
                if !in_group || complex.any_attribute.is_none() {
                    complex.any_attribute = Some(wildcard(context, node)?);
                }
            }
            _ => {
                let written = context.source.required_attribute(node, "ref")?;
                let qname = context.source.qname(node, written)?;
                let entry = self
                    .index
                    .get(Kind::AttributeGroup, &qname)
                    .ok_or_else(|| undefined(context, node, Kind::AttributeGroup, written))?;
                let group_context = self.context_of(entry.context)?;
                for child in children_in(entry.node, XS_NS) {
                    match child.tag_name().name() {
                        "attribute" | "attributeGroup" | "anyAttribute" => {
                            self.attribute_item(group_context, child, complex, true, depth + 1)?
                        }
                        "annotation" => {}
                        other => {
                            return Err(group_context.source.error(
                                child,
                                ErrorKind::Unsupported(format!("xs:{other} in xs:attributeGroup")),
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// A local attribute declaration or reference, added to `complex` (a prohibited one to
    /// its prohibited list when `complex` is a restriction; dropped otherwise).
    fn attribute(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        complex: &mut ComplexType,
        depth: usize,
    ) -> Result<(), Error> {
        let source = context.source;
        let attribute_use = match node.attribute("use").map(str::trim) {
            None | Some("optional") => AttributeUse::Optional,
            Some("required") => AttributeUse::Required,
            Some("prohibited") => AttributeUse::Prohibited,
            Some(other) => {
                return Err(source.error(
                    node,
                    ErrorKind::Invalid(format!(
                        "`use` must be optional, required or prohibited, not `{other}`"
                    )),
                ));
            }
        };
        let (name, form) = match node.attribute("ref") {
            // A reference names a global attribute, and global attributes are qualified.
            Some(written) => (source.qname(node, written)?, Form::Qualified),
            None => {
                let local = source.required_attribute(node, "name")?;
                let form = parse_form(source, node, "form")?.unwrap_or(context.attribute_form);
                let name = QName {
                    namespace: match form {
                        Form::Qualified => context.target_namespace.clone(),
                        Form::Unqualified => String::new(),
                    },
                    local: local.to_owned(),
                };
                (name, form)
            }
        };
        if let AttributeUse::Prohibited = attribute_use {
            if matches!(complex.derivation, Some(Derivation::Restriction(_)))
                && !complex.prohibited_attributes.contains(&name)
            {
                complex.prohibited_attributes.push(name);
            }
            return Ok(());
        }
        let required = matches!(attribute_use, AttributeUse::Required);
        let default = node.attribute("default").map(str::to_owned);
        let fixed = node.attribute("fixed").map(str::to_owned);
        let position = source.position(node);
        let attribute = match node.attribute("ref") {
            Some(written) => match self.index.get(Kind::Attribute, &name) {
                Some(entry) => {
                    let global_context = self.context_of(entry.context)?;
                    AttributeDecl {
                        type_ref: self.attribute_type(global_context, entry.node, depth + 1)?,
                        form,
                        required,
                        default: default
                            .or_else(|| entry.node.attribute("default").map(str::to_owned)),
                        fixed: fixed.or_else(|| entry.node.attribute("fixed").map(str::to_owned)),
                        documentation: documentation(node).or_else(|| documentation(entry.node)),
                        position,
                        name,
                    }
                }
                // xml:lang and friends are usable without loading xml.xsd.
                None if name.namespace == XML_NS => AttributeDecl {
                    name,
                    form,
                    type_ref: None,
                    required,
                    default,
                    fixed,
                    documentation: documentation(node),
                    position,
                },
                None => return Err(undefined(context, node, Kind::Attribute, written)),
            },
            None => AttributeDecl {
                form,
                type_ref: self.attribute_type(context, node, depth + 1)?,
                required,
                default,
                fixed,
                documentation: documentation(node),
                position,
                name,
            },
        };
        complex.attributes.push(attribute);
        Ok(())
    }

    fn attribute_type(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        depth: usize,
    ) -> Result<Option<TypeRef>, Error> {
        if let Some(written) = node.attribute("type") {
            return self.type_ref(context, node, written).map(Some);
        }
        match children_in(node, XS_NS).find(|c| c.tag_name().name() == "simpleType") {
            Some(child) => {
                let simple = self.simple_type(context, child, None, depth + 1)?;
                Ok(Some(TypeRef::AnonymousSimple(Box::new(simple))))
            }
            None => Ok(None),
        }
    }
}
