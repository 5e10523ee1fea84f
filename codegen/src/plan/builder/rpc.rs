//! rpc/literal body wrappers as structs: one required, unqualified field per message part.

use wsdl::{PartKind, TypeRef};

use super::Builder;
use crate::Error;
use crate::naming::{self, NameScope};
use crate::plan::{
    AttributeNamespace, FieldPlan, Occurs, RpcWrapper, StructPlan, TypeItem, ValueKind,
};

impl<'d> Builder<'d> {
    /// Plans one struct per distinct wrapper, named after its element (`add` → `Add`,
    /// `addResponse` → `AddResponse`) once every schema type has its name, so schema types keep
    /// theirs. A wrapper outside the target namespace is refused when its parts' content would
    /// be written with the `ns1` prefix, which the body binds to the wrapper's namespace.
    pub(super) fn rpc_wrappers(
        &mut self,
        rpc: &[RpcWrapper],
    ) -> Result<Vec<(RpcWrapper, String)>, Error> {
        let mut planned: Vec<(RpcWrapper, String)> = Vec::new();
        for wrapper in rpc {
            if planned.iter().any(|(seen, _)| seen == wrapper) {
                continue;
            }
            let rust = self
                .scope
                .claim(&naming::type_ident(&wrapper.element.local));
            let plan = self.rpc_struct(rust.clone(), wrapper)?;
            self.items.push(TypeItem::Struct(plan));
            planned.push((wrapper.clone(), rust));
        }
        Ok(planned)
    }

    fn rpc_struct(&mut self, rust: String, wrapper: &RpcWrapper) -> Result<StructPlan, Error> {
        let defs = self.defs;
        let context = format!("rpc/literal body `{}`", wrapper.element.local);
        let message = defs
            .messages
            .iter()
            .find(|m| m.name == wrapper.message)
            .ok_or_else(|| {
                Error::dangling(&context, format!("message `{}`", wrapper.message.local))
            })?;
        let mut scope = NameScope::default();
        let mut fields = Vec::new();
        for (rank, name) in (0u32..).zip(&wrapper.parts) {
            let part = message
                .parts
                .iter()
                .find(|p| &p.name == name)
                .ok_or_else(|| Error::dangling(&context, format!("part `{name}`")))?;
            let PartKind::Type(type_ref) = &part.kind else {
                return Err(Error::unsupported_at(
                    &message.position,
                    &context,
                    format!(
                        "rpc part `{name}` with element= (WS-I Basic Profile R2203: rpc/literal parts use type=)"
                    ),
                ));
            };
            let part_context = format!("{context}, part `{name}`");
            let anon_name = format!("{rust}{}", naming::upper_camel(name));
            let value = self
                .value_kind(type_ref, &part_context, &anon_name)
                .map_err(|e| e.at(&message.position))?;
            if wrapper.element.namespace != self.target_namespace
                && writes_target_prefix(&self.items, &value)
            {
                return Err(Error::unsupported_at(
                    &message.position,
                    part_context,
                    format!(
                        "rpc part content qualified in `{}` inside a wrapper in `{}` (one namespace per body)",
                        self.target_namespace, wrapper.element.namespace
                    ),
                ));
            }
            fields.push(FieldPlan {
                rust: scope.claim(&naming::field_ident(name)),
                xml: name.clone(),
                namespace: None,
                occurs: Occurs::Required,
                nillable: false,
                value,
                boxed: false,
                rank,
                choices: Vec::new(),
                doc: vec![format!(
                    "Part `{name}` ({}): the `<{name}>` child.",
                    type_words(type_ref)
                )],
            });
        }
        Ok(StructPlan {
            rust,
            doc: vec![
                format!(
                    "The rpc/literal body `<{}>` in `{}`: the parts of message `{}`.",
                    wrapper.element.local, wrapper.element.namespace, wrapper.message.local
                ),
                String::new(),
                "Each part is an unqualified child element named after the part.".to_owned(),
            ],
            fields,
            text: None,
            element: None,
            xml_type: None,
            attributes: Vec::new(),
            any_attribute: None,
        })
    }
}

/// The part's type as the WSDL names it (`xs:int`, `Point`).
fn type_words(type_ref: &TypeRef) -> String {
    match type_ref {
        TypeRef::BuiltIn(local) => format!("`xs:{local}`"),
        TypeRef::Named(q) => format!("`{}`", q.local),
        TypeRef::OfElement(q) => format!("the type of `{}`", q.local),
        TypeRef::AnonymousComplex(_) | TypeRef::AnonymousSimple(_) => "anonymous type".to_owned(),
    }
}

/// Whether encoding `value` can write the `ns1` prefix: a qualified element or attribute, or an
/// `xsi:type` value, anywhere in the types it reaches.
fn writes_target_prefix(items: &[TypeItem], value: &ValueKind) -> bool {
    let ValueKind::Complex(root) = value else {
        return false;
    };
    let mut pending = vec![root.as_str()];
    let mut seen: Vec<&str> = Vec::new();
    while let Some(name) = pending.pop() {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        for item in items {
            match item {
                TypeItem::Struct(s) if s.rust == name => {
                    // A repeated choice's items are children too.
                    let children = s.fields.iter().flat_map(|f| match &f.value {
                        ValueKind::Choice(choice) => choice.members.iter().collect(),
                        _ => vec![f],
                    });
                    let children: Vec<&FieldPlan> = children.collect();
                    if children.iter().any(|f| f.namespace.is_some())
                        || s.attributes
                            .iter()
                            .any(|a| a.namespace == AttributeNamespace::Target)
                    {
                        return true;
                    }
                    pending.extend(children.iter().filter_map(|f| match &f.value {
                        ValueKind::Complex(inner) => Some(inner.as_str()),
                        _ => None,
                    }));
                }
                TypeItem::Polymorphic(p) if p.rust == name => return true,
                _ => {}
            }
        }
    }
    false
}
