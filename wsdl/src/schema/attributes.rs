//! `xs:attribute`, `xs:attributeGroup` references (expanded) and `xs:anyAttribute`.

use roxmltree::Node;

use super::{SchemaBuilder, undefined};
use crate::error::{Error, ErrorKind};
use crate::index::{Kind, SchemaContext, parse_form};
use crate::model::{AttributeDecl, Form, QName, TypeRef};
use crate::namespaces::{XML_NS, XS_NS};
use crate::source::children_in;

impl<'b, 'a, 'input> SchemaBuilder<'b, 'a, 'input> {
    /// Adds what an attribute-ish child contributes to `attributes` / `any_attribute`.
    pub(super) fn attribute_item(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        attributes: &mut Vec<AttributeDecl>,
        any_attribute: &mut bool,
        depth: usize,
    ) -> Result<(), Error> {
        self.check_depth(context, node, depth)?;
        self.spend(context, node, 1)?;
        match node.tag_name().name() {
            "attribute" => {
                if let Some(attribute) = self.attribute(context, node, depth)? {
                    attributes.push(attribute);
                }
            }
            "anyAttribute" => *any_attribute = true,
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
                        "attribute" | "attributeGroup" | "anyAttribute" => self.attribute_item(
                            group_context,
                            child,
                            attributes,
                            any_attribute,
                            depth + 1,
                        )?,
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

    /// A local attribute declaration or reference; `None` for `use="prohibited"`.
    fn attribute(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        depth: usize,
    ) -> Result<Option<AttributeDecl>, Error> {
        let source = context.source;
        let required = match node.attribute("use").map(str::trim) {
            None | Some("optional") => false,
            Some("required") => true,
            Some("prohibited") => return Ok(None),
            Some(other) => {
                return Err(source.error(
                    node,
                    ErrorKind::Invalid(format!(
                        "`use` must be optional, required or prohibited, not `{other}`"
                    )),
                ));
            }
        };
        let default = node.attribute("default").map(str::to_owned);
        if let Some(written) = node.attribute("ref") {
            let qname = source.qname(node, written)?;
            let Some(entry) = self.index.get(Kind::Attribute, &qname) else {
                // xml:lang and friends are usable without loading xml.xsd.
                if qname.namespace == XML_NS {
                    return Ok(Some(AttributeDecl {
                        name: qname,
                        type_ref: None,
                        required,
                        default,
                        position: source.position(node),
                    }));
                }
                return Err(undefined(context, node, Kind::Attribute, written));
            };
            let global_context = self.context_of(entry.context)?;
            let global_default = entry.node.attribute("default").map(str::to_owned);
            return Ok(Some(AttributeDecl {
                type_ref: self.attribute_type(global_context, entry.node, depth + 1)?,
                name: qname,
                required,
                default: default.or(global_default),
                position: source.position(node),
            }));
        }
        let local = source.required_attribute(node, "name")?;
        let is_global = node.parent() == Some(context.node);
        let form = if is_global {
            Form::Qualified
        } else {
            parse_form(source, node, "form")?.unwrap_or(context.attribute_form)
        };
        let namespace = match form {
            Form::Qualified => context.target_namespace.clone(),
            Form::Unqualified => String::new(),
        };
        Ok(Some(AttributeDecl {
            name: QName {
                namespace,
                local: local.to_owned(),
            },
            type_ref: self.attribute_type(context, node, depth + 1)?,
            required,
            default,
            position: source.position(node),
        }))
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
