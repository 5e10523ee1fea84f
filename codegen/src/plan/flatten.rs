//! Nested model groups → a flat list of element particles with effective occurrence.

use wsdl::{ElementDecl, GroupKind, MaxOccurs, ModelGroup, Particle};

/// An element particle with its effective occurrence after flattening nested groups.
pub(super) struct FlatParticle<'d> {
    pub(super) element: &'d ElementDecl,
    pub(super) min: u32,
    pub(super) max: Option<u32>,
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

/// Flattens a model group into element particles. Choices make their members optional;
/// repeated groups make their members repeated (interleaving order is not preserved).
pub(super) fn flatten_group<'d>(
    group: &'d ModelGroup,
    outer: Multiplier,
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
                });
            }
            Particle::Group(inner) => flatten_group(inner, here, out, notes),
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
