//! Builds the [`Schema`] part of the model from the indexed `xs:schema` elements.
//!
//! Group and attribute-group references are expanded in place; element and attribute
//! `ref=`s are resolved to the referenced global declaration. Named types, and the
//! anonymous types of referenced global elements ([`crate::TypeRef::OfElement`]), are
//! referenced, never expanded, so recursive types are fine. Recursion over nested
//! constructs is bounded by [`MAX_DEPTH`].

mod attributes;
mod complex;
mod elements;
mod particles;
mod simple;

use roxmltree::Node;

use crate::error::{Error, ErrorKind};
use crate::index::{Index, Kind, SchemaContext};
use crate::model::{MaxOccurs, QName, Schema, SchemaDocument, TypeRef};
use crate::namespaces::{SOAP_ENC_NS, XS_NS, is_built_in_type};
use crate::source::{MAX_DEPTH, children_named, text_of};

/// Builds model values from schema nodes, resolving references through the index.
pub(crate) struct SchemaBuilder<'b, 'a, 'input> {
    index: &'b Index<'a, 'input>,
    /// Particles and attributes built so far, copies included (see [`MAX_EXPANSION`]).
    spent: usize,
}

/// Most particles and attributes the model may contain, counting every copy made by
/// expanding group and attribute-group references. The largest description in the test corpus builds about 4,000;
/// the limit stops schemas whose references fan out exponentially.
pub(crate) const MAX_EXPANSION: usize = 200_000;

impl<'b, 'a, 'input> SchemaBuilder<'b, 'a, 'input> {
    /// A builder over `index`.
    pub fn new(index: &'b Index<'a, 'input>) -> Self {
        SchemaBuilder { index, spent: 0 }
    }

    /// Every global element, complex type and simple type of every schema, in load order.
    pub fn build(&mut self) -> Result<Schema, Error> {
        let mut schema = Schema::default();
        for context in &self.index.schemas {
            schema.documents.push(SchemaDocument {
                target_namespace: context.target_namespace.clone(),
                element_form_default: context.element_form,
                attribute_form_default: context.attribute_form,
                position: context.source.position(context.node),
            });
            for child in context.node.children().filter(|c| c.is_element()) {
                if child.tag_name().namespace() != Some(XS_NS) {
                    continue;
                }
                match child.tag_name().name() {
                    "element" => {
                        let name = self.global_name(context, child)?;
                        schema.elements.push(self.global_element(&name, 0)?);
                    }
                    "complexType" => {
                        let name = self.global_name(context, child)?;
                        schema.complex_types.push(self.complex_type(
                            context,
                            child,
                            Some(name),
                            0,
                        )?);
                    }
                    "simpleType" => {
                        let name = self.global_name(context, child)?;
                        schema.simple_types.push(self.simple_type(
                            context,
                            child,
                            Some(name),
                            0,
                        )?);
                    }
                    "annotation" | "import" | "include" | "group" | "attributeGroup"
                    | "attribute" | "notation" => {}
                    other => {
                        return Err(context.source.error(
                            child,
                            ErrorKind::Unsupported(format!("xs:{other} in xs:schema")),
                        ));
                    }
                }
            }
        }
        Ok(schema)
    }

    fn global_name(
        &self,
        context: &SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
    ) -> Result<QName, Error> {
        Ok(QName {
            namespace: context.target_namespace.clone(),
            local: context.source.required_attribute(node, "name")?.to_owned(),
        })
    }

    /// The schema context a global definition belongs to.
    fn context_of(&self, id: usize) -> Result<&'b SchemaContext<'a, 'input>, Error> {
        self.index.schemas.get(id).ok_or_else(|| {
            Error::without_position(ErrorKind::Invalid(format!(
                "internal: schema context {id} is missing"
            )))
        })
    }

    /// Fails when `depth` exceeds the recursion limit.
    fn check_depth(
        &self,
        context: &SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        depth: usize,
    ) -> Result<(), Error> {
        if depth > MAX_DEPTH {
            return Err(context
                .source
                .error(node, ErrorKind::TooDeep { limit: MAX_DEPTH }));
        }
        Ok(())
    }

    /// Accounts for `units` more particles or attributes built at `node`.
    fn spend(
        &mut self,
        context: &SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        units: usize,
    ) -> Result<(), Error> {
        self.spent = self.spent.saturating_add(units);
        if self.spent > MAX_EXPANSION {
            return Err(context.source.error(
                node,
                ErrorKind::TooLarge {
                    limit: MAX_EXPANSION,
                },
            ));
        }
        Ok(())
    }

    /// Resolves a type QName written in an attribute of `node`.
    fn type_ref(
        &self,
        context: &SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        written: &str,
    ) -> Result<TypeRef, Error> {
        let qname = self.type_qname(context, node, written)?;
        if qname.namespace == XS_NS {
            Ok(TypeRef::BuiltIn(qname.local))
        } else {
            Ok(TypeRef::Named(qname))
        }
    }

    /// Resolves a type QName and checks that it names a defined or built-in type.
    fn type_qname(
        &self,
        context: &SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        written: &str,
    ) -> Result<QName, Error> {
        let qname = context.source.qname(node, written)?;
        let defined = if qname.namespace == XS_NS {
            is_built_in_type(&qname.local)
        } else if qname.namespace == SOAP_ENC_NS {
            return Err(context.source.error(
                node,
                ErrorKind::Unsupported(format!(
                    "SOAP encoding type {} (rpc/encoded schemas are not modelled)",
                    written.trim()
                )),
            ));
        } else {
            self.index.contains(Kind::Type, &qname)
        };
        if defined {
            Ok(qname)
        } else {
            Err(undefined(context, node, Kind::Type, written))
        }
    }
}

/// "`kind` `written` is not defined", at `node`.
pub(crate) fn undefined(
    context: &SchemaContext<'_, '_>,
    node: Node<'_, '_>,
    kind: Kind,
    written: &str,
) -> Error {
    context.source.error(
        node,
        ErrorKind::Undefined {
            kind: kind.label(),
            name: written.trim().to_owned(),
        },
    )
}

/// Text of the `xs:annotation/xs:documentation` children of `node`.
pub(crate) fn documentation(node: Node<'_, '_>) -> Option<String> {
    let parts: Vec<String> = children_named(node, XS_NS, "annotation")
        .flat_map(|a| children_named(a, XS_NS, "documentation"))
        .filter_map(text_of)
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n"))
}

/// `minOccurs` and `maxOccurs` of a particle (defaults 1 and 1).
pub(crate) fn occurs(
    context: &SchemaContext<'_, '_>,
    node: Node<'_, '_>,
) -> Result<(u32, MaxOccurs), Error> {
    let invalid = |attribute: &str, value: &str| {
        context.source.error(
            node,
            ErrorKind::Invalid(format!(
                "`{attribute}` must be a non-negative integer, not `{value}`"
            )),
        )
    };
    let min = match node.attribute("minOccurs") {
        None => 1,
        Some(value) => value
            .trim()
            .parse::<u32>()
            .map_err(|_| invalid("minOccurs", value))?,
    };
    let max = match node.attribute("maxOccurs").map(str::trim) {
        None => MaxOccurs::Bounded(1),
        Some("unbounded") => MaxOccurs::Unbounded,
        Some(value) => MaxOccurs::Bounded(
            value
                .parse::<u32>()
                .map_err(|_| invalid("maxOccurs", value))?,
        ),
    };
    Ok((min, max))
}
