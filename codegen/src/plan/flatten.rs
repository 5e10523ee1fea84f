//! Nested model groups → a flat list of element particles with effective occurrence and rank.

use wsdl::{ElementDecl, GroupKind, MaxOccurs, ModelGroup, Particle};

/// An element particle with its effective occurrence after flattening nested groups.
pub(super) struct FlatParticle<'d> {
    pub(super) element: &'d ElementDecl,
    pub(super) min: u32,
    pub(super) max: Option<u32>,
    /// Order in the content model (see `FieldPlan::rank`).
    pub(super) rank: u32,
}

/// The occurrence contributed by enclosing groups.
#[derive(Clone, Copy)]
pub(super) struct Multiplier {
    optional: bool,
    repeated: bool,
}

impl Multiplier {
    pub(super) const ONE: Self = Self {
        optional: false,
        repeated: false,
    };
}

/// Hands out ranks in schema order. One counter spans a type's whole content, an extension's
/// base included (the base's children come first).
#[derive(Default)]
pub(super) struct Ranks {
    next: u32,
}

impl Ranks {
    fn take(&mut self) -> u32 {
        let rank = self.next;
        self.next = self.next.saturating_add(1);
        rank
    }
}

/// Flattens a model group into element particles. Choices make their members optional;
/// repeated groups make their members repeated (interleaving order is not preserved).
///
/// Ranks: the particles of a plain sequence (at most once) get successive ranks; everything
/// inside a choice, an `xs:all` or a repeated group shares the one rank of that group, as the
/// schema does not fix their relative order.
pub(super) fn flatten_group<'d>(
    group: &'d ModelGroup,
    outer: Multiplier,
    ranks: &mut Ranks,
    out: &mut Vec<FlatParticle<'d>>,
    notes: &mut Vec<String>,
) {
    let ordered = group.kind == GroupKind::Sequence && !max_above_one(group.max_occurs);
    let shared = (!ordered).then(|| ranks.take());
    flatten_members(group, outer, shared, ranks, out, notes);
}

fn flatten_members<'d>(
    group: &'d ModelGroup,
    outer: Multiplier,
    shared: Option<u32>,
    ranks: &mut Ranks,
    out: &mut Vec<FlatParticle<'d>>,
    notes: &mut Vec<String>,
) {
    let here = Multiplier {
        optional: outer.optional || group.min_occurs == 0 || group.kind == GroupKind::Choice,
        repeated: outer.repeated || max_above_one(group.max_occurs),
    };
    for particle in &group.particles {
        match particle {
            Particle::Element(e) => {
                let min = if here.optional { 0 } else { e.min_occurs };
                let max = if here.repeated {
                    None
                } else {
                    match e.max_occurs {
                        MaxOccurs::Bounded(n) => Some(n),
                        MaxOccurs::Unbounded => None,
                    }
                };
                out.push(FlatParticle {
                    element: e,
                    min,
                    max,
                    rank: shared.unwrap_or_else(|| ranks.take()),
                });
            }
            Particle::Group(inner) => match shared {
                Some(_) => flatten_members(inner, here, shared, ranks, out, notes),
                None => flatten_group(inner, here, ranks, out, notes),
            },
            Particle::Any { .. } => {
                let note =
                    "Wildcard (`xs:any`) content is not represented (skipped when decoding)."
                        .to_owned();
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
    }
}

fn max_above_one(max: MaxOccurs) -> bool {
    match max {
        MaxOccurs::Bounded(n) => n > 1,
        MaxOccurs::Unbounded => true,
    }
}
