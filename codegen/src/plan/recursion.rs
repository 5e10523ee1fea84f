//! Recursive types: which fields need a `Box` so every type has a finite size.

use std::collections::{BTreeMap, BTreeSet};

use super::{Occurs, TypeItem, ValueKind};

/// Boxes every non-repeated complex field (or member of a substitution group referenced at most
/// once) whose type can reach the struct containing it through non-repeated fields (or
/// polymorphic variants): every such cycle then has a `Box` in it.
pub(super) fn box_recursive_fields(items: &mut [TypeItem]) {
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for item in items.iter() {
        match item {
            TypeItem::Struct(s) => {
                let targets = s.fields.iter().flat_map(|f| match (&f.value, f.occurs) {
                    (_, Occurs::Repeated { .. }) => Vec::new(),
                    (ValueKind::Complex(target), _) => vec![target.as_str()],
                    // A substitution group referenced at most once holds one member inline.
                    (ValueKind::Choice(choice), _) => choice
                        .members
                        .iter()
                        .filter_map(|m| match &m.value {
                            ValueKind::Complex(target) => Some(target.as_str()),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                });
                edges.entry(&s.rust).or_default().extend(targets);
            }
            TypeItem::Polymorphic(p) => {
                let targets = p.variants.iter().map(|(variant, _, _)| variant.as_str());
                edges.entry(&p.rust).or_default().extend(targets);
            }
            TypeItem::Enum(_) => {}
        }
    }
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(next) = stack.pop() {
            if next == to {
                return true;
            }
            if seen.insert(next) {
                stack.extend(edges.get(next).into_iter().flatten().copied());
            }
        }
        false
    };
    // (item, field, member of the field's substitution enum or `None` for the field itself).
    let mut boxed = Vec::new();
    for (item_index, item) in items.iter().enumerate() {
        if let TypeItem::Struct(s) = item {
            for (field_index, f) in s.fields.iter().enumerate() {
                if matches!(f.occurs, Occurs::Repeated { .. }) {
                    continue;
                }
                match &f.value {
                    ValueKind::Complex(target) if reaches(target, &s.rust) => {
                        boxed.push((item_index, field_index, None));
                    }
                    ValueKind::Choice(choice) => {
                        for (member_index, m) in choice.members.iter().enumerate() {
                            if let ValueKind::Complex(target) = &m.value
                                && reaches(target, &s.rust)
                            {
                                boxed.push((item_index, field_index, Some(member_index)));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    for (item_index, field_index, member_index) in boxed {
        let Some(TypeItem::Struct(s)) = items.get_mut(item_index) else {
            continue;
        };
        let Some(f) = s.fields.get_mut(field_index) else {
            continue;
        };
        match (member_index, &mut f.value) {
            (None, _) => f.boxed = true,
            (Some(member_index), ValueKind::Choice(choice)) => {
                if let Some(m) = choice.members.get_mut(member_index) {
                    m.boxed = true;
                }
            }
            (Some(_), _) => {}
        }
    }
}
