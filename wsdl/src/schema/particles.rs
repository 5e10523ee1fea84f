//! Model groups (`xs:sequence`, `xs:choice`, `xs:all`), group references and wildcards.

use roxmltree::Node;

use super::{SchemaBuilder, occurs, undefined};
use crate::error::{Error, ErrorKind};
use crate::index::{Kind, SchemaContext};
use crate::model::{
    GroupKind, ModelGroup, NamespaceConstraint, Particle, ProcessContents, Wildcard,
};
use crate::namespaces::XS_NS;
use crate::source::children_in;

impl<'b, 'a, 'input> SchemaBuilder<'b, 'a, 'input> {
    /// Builds a compositor and its particles.
    pub(super) fn model_group(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        depth: usize,
    ) -> Result<ModelGroup, Error> {
        self.check_depth(context, node, depth)?;
        let kind = match node.tag_name().name() {
            "sequence" => GroupKind::Sequence,
            "choice" => GroupKind::Choice,
            _ => GroupKind::All,
        };
        let (min_occurs, max_occurs) = occurs(context, node)?;
        let mut particles = Vec::new();
        for child in children_in(node, XS_NS) {
            let particle = match child.tag_name().name() {
                "annotation" => continue,
                "element" => Particle::Element(self.local_element(context, child, depth + 1)?),
                "group" => Particle::Group(self.group_ref(context, child, depth + 1)?),
                "sequence" | "choice" | "all" => {
                    Particle::Group(self.model_group(context, child, depth + 1)?)
                }
                "any" => {
                    let (min_occurs, max_occurs) = occurs(context, child)?;
                    let Wildcard {
                        namespace,
                        process_contents,
                        position,
                    } = wildcard(context, child)?;
                    Particle::Any {
                        min_occurs,
                        max_occurs,
                        namespace,
                        process_contents,
                        position,
                    }
                }
                other => {
                    return Err(context.source.error(
                        child,
                        ErrorKind::Unsupported(format!(
                            "xs:{other} in xs:{}",
                            node.tag_name().name()
                        )),
                    ));
                }
            };
            particles.push(particle);
            self.spend(context, child, 1)?;
        }
        Ok(ModelGroup {
            kind,
            min_occurs,
            max_occurs,
            particles,
            position: context.source.position(node),
        })
    }

    /// Expands `<xs:group ref=…>` into the referenced group's compositor, with the
    /// reference's occurrence bounds.
    pub(super) fn group_ref(
        &mut self,
        context: &'b SchemaContext<'a, 'input>,
        node: Node<'a, 'input>,
        depth: usize,
    ) -> Result<ModelGroup, Error> {
        self.check_depth(context, node, depth)?;
        let written = context.source.required_attribute(node, "ref")?;
        let qname = context.source.qname(node, written)?;
        let entry = self
            .index
            .get(Kind::Group, &qname)
            .ok_or_else(|| undefined(context, node, Kind::Group, written))?;
        let group_context = self.context_of(entry.context)?;
        let (min_occurs, max_occurs) = occurs(context, node)?;
        let compositor = children_in(entry.node, XS_NS)
            .find(|c| matches!(c.tag_name().name(), "sequence" | "choice" | "all"));
        let mut group = match compositor {
            Some(compositor) => self.model_group(group_context, compositor, depth + 1)?,
            None => ModelGroup {
                kind: GroupKind::Sequence,
                min_occurs,
                max_occurs,
                particles: Vec::new(),
                position: context.source.position(node),
            },
        };
        group.min_occurs = min_occurs;
        group.max_occurs = max_occurs;
        group.position = context.source.position(node);
        Ok(group)
    }
}

/// The `namespace=` and `processContents=` of an `xs:any` or `xs:anyAttribute`, with
/// `##targetNamespace`, `##local` and `##other` resolved against the schema of `node`.
pub(super) fn wildcard(
    context: &SchemaContext<'_, '_>,
    node: Node<'_, '_>,
) -> Result<Wildcard, Error> {
    let namespace = match node.attribute("namespace").map(str::trim) {
        None | Some("##any") => NamespaceConstraint::Any,
        Some("##other") => NamespaceConstraint::Other(context.target_namespace.clone()),
        Some(list) => {
            let mut namespaces = Vec::new();
            for token in list.split_ascii_whitespace() {
                let namespace = match token {
                    "##targetNamespace" => context.target_namespace.clone(),
                    "##local" => String::new(),
                    "##any" | "##other" => {
                        return Err(context.source.error(
                            node,
                            ErrorKind::Invalid(format!(
                                "`{token}` cannot be part of a namespace list: `{list}`"
                            )),
                        ));
                    }
                    uri => uri.to_owned(),
                };
                if !namespaces.contains(&namespace) {
                    namespaces.push(namespace);
                }
            }
            NamespaceConstraint::List(namespaces)
        }
    };
    let process_contents = match node.attribute("processContents").map(str::trim) {
        None | Some("strict") => ProcessContents::Strict,
        Some("lax") => ProcessContents::Lax,
        Some("skip") => ProcessContents::Skip,
        Some(other) => {
            return Err(context.source.error(
                node,
                ErrorKind::Invalid(format!(
                    "`processContents` must be strict, lax or skip, not `{other}`"
                )),
            ));
        }
    };
    Ok(Wildcard {
        namespace,
        process_contents,
        position: context.source.position(node),
    })
}
