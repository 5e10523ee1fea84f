//! `xs:simpleType`: restriction with facets, list and union.

use roxmltree::Node;

use super::{SchemaBuilder, documentation};
use crate::error::{Error, ErrorKind};
use crate::index::SchemaContext;
use crate::model::{Facets, QName, SimpleType, SimpleVariety, TypeRef};
use crate::namespaces::XS_NS;
use crate::source::children_in;

impl<'b, 'a, 'input> SchemaBuilder<'b, 'a, 'input> {
    /// Builds a named (`name` given) or anonymous simple type.
    pub(super) fn simple_type(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        name: Option<QName>,
        depth: usize,
    ) -> Result<SimpleType, Error> {
        self.check_depth(context, node, depth)?;
        let variety_node = children_in(node, XS_NS)
            .find(|c| matches!(c.tag_name().name(), "restriction" | "list" | "union"))
            .ok_or_else(|| {
                context.source.error(
                    node,
                    ErrorKind::Invalid(
                        "xs:simpleType has no xs:restriction, xs:list or xs:union".to_owned(),
                    ),
                )
            })?;
        let variety = match variety_node.tag_name().name() {
            "restriction" => self.restriction(context, variety_node, depth + 1)?,
            "list" => SimpleVariety::List(self.simple_operand(
                context,
                variety_node,
                "itemType",
                depth + 1,
            )?),
            _ => SimpleVariety::Union(self.union_members(context, variety_node, depth + 1)?),
        };
        Ok(SimpleType {
            name,
            variety,
            documentation: documentation(node),
            position: context.source.position(node),
        })
    }

    fn restriction(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        depth: usize,
    ) -> Result<SimpleVariety, Error> {
        let base = self.simple_operand(context, node, "base", depth)?;
        let mut facets = Facets::default();
        for child in children_in(node, XS_NS) {
            match child.tag_name().name() {
                "annotation" | "simpleType" => {}
                _ if self.facet(context, child, &mut facets)? => {}
                other => {
                    return Err(context.source.error(
                        child,
                        ErrorKind::Unsupported(format!("xs:{other} in xs:restriction")),
                    ));
                }
            }
        }
        Ok(SimpleVariety::Restriction { base, facets })
    }

    /// The type named by `attribute` (`base`, `itemType`) or given inline.
    fn simple_operand(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        attribute: &str,
        depth: usize,
    ) -> Result<TypeRef, Error> {
        if let Some(written) = node.attribute(attribute) {
            return self.type_ref(context, node, written);
        }
        match children_in(node, XS_NS).find(|c| c.tag_name().name() == "simpleType") {
            Some(child) => Ok(TypeRef::AnonymousSimple(Box::new(self.simple_type(
                context,
                child,
                None,
                depth + 1,
            )?))),
            None => Err(context.source.error(
                node,
                ErrorKind::Invalid(format!(
                    "xs:{} has neither `{attribute}` nor an inline xs:simpleType",
                    node.tag_name().name()
                )),
            )),
        }
    }

    fn union_members(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        depth: usize,
    ) -> Result<Vec<TypeRef>, Error> {
        let mut members = Vec::new();
        for written in node
            .attribute("memberTypes")
            .unwrap_or("")
            .split_whitespace()
        {
            members.push(self.type_ref(context, node, written)?);
        }
        for child in children_in(node, XS_NS).filter(|c| c.tag_name().name() == "simpleType") {
            members.push(TypeRef::AnonymousSimple(Box::new(self.simple_type(
                context,
                child,
                None,
                depth + 1,
            )?)));
        }
        Ok(members)
    }

    /// Records `node` into `facets` if it is a facet; `Ok(false)` if it is not one.
    pub(super) fn facet(
        &self,
        context: &SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        facets: &mut Facets,
    ) -> Result<bool, Error> {
        let facet = node.tag_name().name();
        let value = || context.source.required_attribute(node, "value");
        let number = || -> Result<u64, Error> {
            let text = value()?;
            text.trim().parse::<u64>().map_err(|_| {
                context.source.error(
                    node,
                    ErrorKind::Invalid(format!(
                        "xs:{facet} must be a non-negative integer, not `{text}`"
                    )),
                )
            })
        };
        match facet {
            "enumeration" => facets.enumeration.push(value()?.to_owned()),
            "pattern" => facets.patterns.push(value()?.to_owned()),
            "length" => facets.length = Some(number()?),
            "minLength" => facets.min_length = Some(number()?),
            "maxLength" => facets.max_length = Some(number()?),
            "totalDigits" => facets.total_digits = Some(number()?),
            "fractionDigits" => facets.fraction_digits = Some(number()?),
            "minInclusive" => facets.min_inclusive = Some(value()?.to_owned()),
            "maxInclusive" => facets.max_inclusive = Some(value()?.to_owned()),
            "minExclusive" => facets.min_exclusive = Some(value()?.to_owned()),
            "maxExclusive" => facets.max_exclusive = Some(value()?.to_owned()),
            "whiteSpace" => facets.white_space = Some(value()?.to_owned()),
            _ => return Ok(false),
        }
        Ok(true)
    }
}
