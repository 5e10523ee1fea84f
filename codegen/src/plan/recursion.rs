//! Recursive types: which fields need a `Box` so every type has a finite size.

use std::collections::{BTreeMap, BTreeSet};

use super::{Occurs, TypeItem, ValueKind};

/// Boxes every non-repeated complex field whose type can reach the struct containing it through
/// non-repeated fields (or polymorphic variants): every such cycle then has a `Box` in it.
pub(super) fn box_recursive_fields(items: &mut [TypeItem]) {
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for item in items.iter() {
        match item {
            TypeItem::Struct(s) => {
                let targets = s.fields.iter().filter_map(|f| match (&f.value, f.occurs) {
                    (_, Occurs::Repeated { .. }) => None,
                    (ValueKind::Complex(target), _) => Some(target.as_str()),
                    _ => None,
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
    let mut boxed = Vec::new();
    for (item_index, item) in items.iter().enumerate() {
        if let TypeItem::Struct(s) = item {
            for (field_index, f) in s.fields.iter().enumerate() {
                if let (ValueKind::Complex(target), false) =
                    (&f.value, matches!(f.occurs, Occurs::Repeated { .. }))
                    && reaches(target, &s.rust)
                {
                    boxed.push((item_index, field_index));
                }
            }
        }
    }
    for (item_index, field_index) in boxed {
        if let Some(TypeItem::Struct(s)) = items.get_mut(item_index)
            && let Some(f) = s.fields.get_mut(field_index)
        {
            f.boxed = true;
        }
    }
}
