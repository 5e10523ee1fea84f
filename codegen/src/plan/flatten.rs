//! Nested model groups → a flat list of element particles with effective occurrence and rank.

use wsdl::{
    ElementDecl, GroupKind, MaxOccurs, ModelGroup, NamespaceConstraint, Particle, Position,
};

use crate::Error;

/// What a flattened particle matches.
pub(super) enum FlatTerm<'d> {
    /// A declared element.
    Element(&'d ElementDecl),
    /// An `xs:any` wildcard.
    Any {
        namespace: &'d NamespaceConstraint,
        position: &'d Position,
    },
    /// A repeated `xs:choice` of several elements: the particle's occurrence is the choice's,
    /// each member's (min, max) its own.
    RepeatedChoice {
        members: Vec<(&'d ElementDecl, u32, Option<u32>)>,
        position: &'d Position,
    },
}

/// An element or wildcard particle with its effective occurrence after flattening nested
/// groups.
pub(super) struct FlatParticle<'d> {
    pub(super) term: FlatTerm<'d>,
    pub(super) min: u32,
    pub(super) max: Option<u32>,
    /// Order in the content model (see `FieldPlan::rank`).
    pub(super) rank: u32,
    /// The choices (not repeated) the particle is inside: (choice id, branch index).
    pub(super) choices: Vec<(u32, u32)>,
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

    /// A particle's effective (min, max) inside the enclosing groups (`None`: unbounded).
    fn apply(self, min_occurs: u32, max_occurs: MaxOccurs) -> (u32, Option<u32>) {
        let min = if self.optional { 0 } else { min_occurs };
        let max = if self.repeated {
            None
        } else {
            match max_occurs {
                MaxOccurs::Bounded(n) => Some(n),
                MaxOccurs::Unbounded => None,
            }
        };
        (min, max)
    }
}

/// Hands out ranks in schema order. One counter spans a type's whole content, an extension's
/// base included (the base's children come first).
#[derive(Default)]
pub(super) struct Ranks {
    next: u32,
    /// Next id for a (non-repeated) `xs:choice`.
    next_choice: u32,
}

impl Ranks {
    fn take_choice(&mut self) -> u32 {
        let id = self.next_choice;
        self.next_choice = self.next_choice.saturating_add(1);
        id
    }

    fn take(&mut self) -> u32 {
        let rank = self.next;
        self.next = self.next.saturating_add(1);
        rank
    }
}

/// Flattens a model group into element particles. Choices make their members optional.
/// A repeated `xs:choice` with more than one member becomes one particle (a list of items,
/// each one member element, so their interleaving on the wire is kept); any other repeated
/// group with more than one member is refused: its members would become separate lists,
/// losing how they interleave.
///
/// Ranks: the particles of a plain sequence (at most once) get successive ranks; everything
/// inside a choice, an `xs:all` or a repeated group shares the one rank of that group, as the
/// schema does not fix their relative order.
pub(super) fn flatten_group<'d>(
    group: &'d ModelGroup,
    outer: Multiplier,
    ranks: &mut Ranks,
    out: &mut Vec<FlatParticle<'d>>,
    context: &str,
) -> Result<(), Error> {
    flatten_nested(group, outer, ranks, out, context, &[])
}

fn flatten_nested<'d>(
    group: &'d ModelGroup,
    outer: Multiplier,
    ranks: &mut Ranks,
    out: &mut Vec<FlatParticle<'d>>,
    context: &str,
    enclosing: &[(u32, u32)],
) -> Result<(), Error> {
    let ordered = group.kind == GroupKind::Sequence && !max_above_one(group.max_occurs);
    let shared = (!ordered).then(|| ranks.take());
    flatten_members(group, outer, shared, ranks, out, context, enclosing)
}

fn flatten_members<'d>(
    group: &'d ModelGroup,
    outer: Multiplier,
    shared: Option<u32>,
    ranks: &mut Ranks,
    out: &mut Vec<FlatParticle<'d>>,
    context: &str,
    enclosing: &[(u32, u32)],
) -> Result<(), Error> {
    if max_above_one(group.max_occurs) && member_count(group) > 1 {
        // A repeated choice, or a repeated group around one choice (the same thing:
        // `<xs:sequence maxOccurs="unbounded"><xs:choice>…`).
        let choice = match group.particles.as_slice() {
            _ if group.kind == GroupKind::Choice => {
                Some((group, group.min_occurs, group.max_occurs))
            }
            [Particle::Group(inner)] if inner.kind == GroupKind::Choice => Some((
                inner,
                group.min_occurs.saturating_mul(inner.min_occurs),
                times(group.max_occurs, inner.max_occurs),
            )),
            _ => None,
        };
        if let Some((choice, min_occurs, max_occurs)) = choice {
            let occurs = (min_occurs, max_occurs);
            let particle =
                repeated_choice(choice, occurs, outer, shared, ranks, context, enclosing)?;
            out.push(particle);
            return Ok(());
        }
    }
    if max_above_one(group.max_occurs) && member_count(group) > 1 {
        return Err(Error::unsupported_at(
            &group.position,
            context,
            format!(
                "repeated {} with several members (maxOccurs=\"{}\"): separate lists per member would lose their order on the wire",
                compositor(group.kind),
                match group.max_occurs {
                    MaxOccurs::Bounded(n) => n.to_string(),
                    MaxOccurs::Unbounded => "unbounded".to_owned(),
                }
            ),
        ));
    }
    let here = Multiplier {
        optional: outer.optional || group.min_occurs == 0 || group.kind == GroupKind::Choice,
        repeated: outer.repeated || max_above_one(group.max_occurs),
    };
    // A choice that occurs at most once: strict decoding accepts members of one branch only.
    let choice = (group.kind == GroupKind::Choice && !max_above_one(group.max_occurs))
        .then(|| ranks.take_choice());
    for (branch, particle) in group.particles.iter().enumerate() {
        let mut choices = enclosing.to_vec();
        if let Some(id) = choice {
            choices.push((id, u32::try_from(branch).unwrap_or(u32::MAX)));
        }
        match particle {
            Particle::Element(e) => {
                let (min, max) = here.apply(e.min_occurs, e.max_occurs);
                out.push(FlatParticle {
                    term: FlatTerm::Element(e),
                    min,
                    max,
                    rank: shared.unwrap_or_else(|| ranks.take()),
                    choices,
                });
            }
            Particle::Group(inner) => match shared {
                Some(_) => flatten_members(inner, here, shared, ranks, out, context, &choices)?,
                None => flatten_nested(inner, here, ranks, out, context, &choices)?,
            },
            Particle::Any {
                min_occurs,
                max_occurs,
                namespace,
                position,
                ..
            } => {
                let (min, max) = here.apply(*min_occurs, *max_occurs);
                out.push(FlatParticle {
                    term: FlatTerm::Any {
                        namespace,
                        position,
                    },
                    min,
                    max,
                    rank: shared.unwrap_or_else(|| ranks.take()),
                    choices,
                });
            }
        }
    }
    Ok(())
}

/// A repeated `xs:choice` with several members as one particle (a list of items, one member
/// element each); `min_occurs`, `max_occurs`: how often the choice is made. Its members must be plain elements occurring at most once per pass (or any
/// number of times when the choice is unbounded, which then comes to the same lists): a
/// nested group or a wildcard among them is refused.
fn repeated_choice<'d>(
    group: &'d ModelGroup,
    (min_occurs, max_occurs): (u32, MaxOccurs),
    outer: Multiplier,
    shared: Option<u32>,
    ranks: &mut Ranks,
    context: &str,
    enclosing: &[(u32, u32)],
) -> Result<FlatParticle<'d>, Error> {
    let mut members = Vec::new();
    for particle in &group.particles {
        let e = match particle {
            Particle::Element(e) => e,
            Particle::Group(inner) => {
                return Err(Error::unsupported_at(
                    &inner.position,
                    context,
                    format!("{} inside a repeated xs:choice", compositor(inner.kind)),
                ));
            }
            Particle::Any { position, .. } => {
                return Err(Error::unsupported_at(
                    position,
                    context,
                    "xs:any inside a repeated xs:choice",
                ));
            }
        };
        let max = match e.max_occurs {
            MaxOccurs::Bounded(n) => Some(n),
            MaxOccurs::Unbounded => None,
        };
        let bounded_choice = matches!(max_occurs, MaxOccurs::Bounded(_));
        if e.min_occurs > 1 || max == Some(0) || (max != Some(1) && bounded_choice) {
            return Err(Error::unsupported_at(
                &e.position,
                context,
                format!(
                    "element `{}` of a repeated xs:choice occurring other than once per pass (minOccurs=\"{}\", maxOccurs=\"{}\")",
                    e.name.local,
                    e.min_occurs,
                    max.map_or_else(|| "unbounded".to_owned(), |n| n.to_string())
                ),
            ));
        }
        members.push((e, e.min_occurs, max));
    }
    let (mut min, max) = outer.apply(min_occurs, max_occurs);
    // A pass may choose a member that may be absent: then no element at all is valid.
    if members.iter().any(|(_, member_min, _)| *member_min == 0) {
        min = 0;
    }
    Ok(FlatParticle {
        term: FlatTerm::RepeatedChoice {
            members,
            position: &group.position,
        },
        min,
        max,
        rank: shared.unwrap_or_else(|| ranks.take()),
        choices: enclosing.to_vec(),
    })
}

/// How many element or wildcard particles a group holds, nested groups included.
fn member_count(group: &ModelGroup) -> usize {
    group
        .particles
        .iter()
        .map(|p| match p {
            Particle::Group(inner) => member_count(inner),
            Particle::Element(_) | Particle::Any { .. } => 1,
        })
        .sum()
}

/// The compositor as written in a schema.
fn compositor(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Sequence => "xs:sequence",
        GroupKind::Choice => "xs:choice",
        GroupKind::All => "xs:all",
    }
}

/// The `maxOccurs` of something repeated `inner` times per pass of a group repeated `outer`
/// times.
fn times(outer: MaxOccurs, inner: MaxOccurs) -> MaxOccurs {
    match (outer, inner) {
        (MaxOccurs::Bounded(a), MaxOccurs::Bounded(b)) => MaxOccurs::Bounded(a.saturating_mul(b)),
        _ => MaxOccurs::Unbounded,
    }
}

fn max_above_one(max: MaxOccurs) -> bool {
    match max {
        MaxOccurs::Bounded(n) => n > 1,
        MaxOccurs::Unbounded => true,
    }
}
