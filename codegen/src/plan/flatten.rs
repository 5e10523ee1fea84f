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
    /// A repeated `xs:choice` of several elements, or any other repeated group of several
    /// elements (`items`): one list whose items are the member elements in document order;
    /// the particle's occurrence counts elements for `items`, passes of the choice otherwise.
    RepeatedChoice {
        members: Vec<(&'d ElementDecl, u32, Option<u32>)>,
        position: &'d Position,
        /// Not a plain choice: a repeated sequence, or a repeated group with nested groups.
        items: bool,
        /// The group's `xs:any`, if it has one (`items` only).
        wildcard: Option<&'d NamespaceConstraint>,
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
/// A repeated group with more than one member becomes one particle (a list of items, each one
/// member element, so their interleaving on the wire is kept): a repeated `xs:choice` of
/// plain elements, or any other (a repeated sequence, nested groups) as `items`. Separate
/// lists per member would lose how the members interleave.
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
        // Its members plain elements, each at most once per pass (any number of times when
        // the choice is unbounded, which comes to the same list); anything else is a list of
        // items below.
        let plain = |choice: &ModelGroup, max_occurs: MaxOccurs| {
            choice.particles.iter().all(|p| match p {
                Particle::Element(e) => {
                    e.min_occurs <= 1
                        && e.max_occurs != MaxOccurs::Bounded(0)
                        && (e.max_occurs == MaxOccurs::Bounded(1)
                            || max_occurs == MaxOccurs::Unbounded)
                }
                Particle::Group(_) | Particle::Any { .. } => false,
            })
        };
        if let Some((choice, min_occurs, max_occurs)) = choice
            && plain(choice, max_occurs)
        {
            let occurs = (min_occurs, max_occurs);
            out.push(repeated_choice(
                choice, occurs, outer, shared, ranks, enclosing,
            ));
            return Ok(());
        }
    }
    if max_above_one(group.max_occurs) && member_count(group) > 1 {
        // Separate lists per member would lose how the members interleave: one list of items.
        out.push(repeated_items(
            group, outer, shared, ranks, context, enclosing,
        )?);
        return Ok(());
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

/// A repeated `xs:choice` of plain elements as one particle (a list of items, one member
/// element each); `min_occurs`, `max_occurs`: how often the choice is made. The caller checked
/// that each member is an element occurring at most once per pass (or any number of times when
/// the choice is unbounded, which comes to the same list).
fn repeated_choice<'d>(
    group: &'d ModelGroup,
    (min_occurs, max_occurs): (u32, MaxOccurs),
    outer: Multiplier,
    shared: Option<u32>,
    ranks: &mut Ranks,
    enclosing: &[(u32, u32)],
) -> FlatParticle<'d> {
    let members: Vec<(&'d ElementDecl, u32, Option<u32>)> = group
        .particles
        .iter()
        .filter_map(|particle| match particle {
            Particle::Element(e) => Some((e, e.min_occurs, bound(e.max_occurs))),
            Particle::Group(_) | Particle::Any { .. } => None,
        })
        .collect();
    let (mut min, max) = outer.apply(min_occurs, max_occurs);
    // A pass may choose a member that may be absent: then no element at all is valid.
    if members.iter().any(|(_, member_min, _)| *member_min == 0) {
        min = 0;
    }
    FlatParticle {
        term: FlatTerm::RepeatedChoice {
            members,
            position: &group.position,
            items: false,
            wildcard: None,
        },
        min,
        max,
        rank: shared.unwrap_or_else(|| ranks.take()),
        choices: enclosing.to_vec(),
    }
}

/// Any other repeated group of several elements (a repeated `xs:sequence`, a repeated group
/// holding nested groups) as one particle: a list whose items are its elements in document
/// order, so nothing of their interleaving is lost. The occurrence counts elements: at least
/// `minOccurs` passes of the fewest elements a pass may hold, at most `maxOccurs` passes of the
/// most (strict decoding checks these bounds and the member names, not the order inside a
/// pass). An `xs:any` among the members becomes an `Any` item (a second one is refused).
fn repeated_items<'d>(
    group: &'d ModelGroup,
    outer: Multiplier,
    shared: Option<u32>,
    ranks: &mut Ranks,
    context: &str,
    enclosing: &[(u32, u32)],
) -> Result<FlatParticle<'d>, Error> {
    let mut members = Vec::new();
    let mut wildcard = None;
    leaf_elements(group, &mut members, &mut wildcard, context)?;
    let (pass_min, pass_max) = pass_bounds(group);
    let min_occurs = group.min_occurs.saturating_mul(pass_min);
    let max_occurs = match pass_max {
        Some(n) => times(group.max_occurs, MaxOccurs::Bounded(n)),
        None => MaxOccurs::Unbounded,
    };
    let (min, max) = outer.apply(min_occurs, max_occurs);
    Ok(FlatParticle {
        term: FlatTerm::RepeatedChoice {
            members,
            position: &group.position,
            items: true,
            wildcard,
        },
        min,
        max,
        rank: shared.unwrap_or_else(|| ranks.take()),
        choices: enclosing.to_vec(),
    })
}

/// The elements of `group` and its nested groups, in schema order, with their own occurrence;
/// its one `xs:any` into `wildcard` (a second is refused: which one an element belongs to
/// would be ambiguous).
fn leaf_elements<'d>(
    group: &'d ModelGroup,
    out: &mut Vec<(&'d ElementDecl, u32, Option<u32>)>,
    wildcard: &mut Option<&'d NamespaceConstraint>,
    context: &str,
) -> Result<(), Error> {
    for particle in &group.particles {
        match particle {
            Particle::Element(e) => {
                let max = match e.max_occurs {
                    MaxOccurs::Bounded(n) => Some(n),
                    MaxOccurs::Unbounded => None,
                };
                out.push((e, e.min_occurs, max));
            }
            Particle::Group(inner) => leaf_elements(inner, out, wildcard, context)?,
            Particle::Any {
                namespace,
                position,
                ..
            } => {
                if wildcard.is_some() {
                    return Err(Error::unsupported_at(
                        position,
                        context,
                        format!(
                            "a second xs:any inside a repeated {} (which one an element belongs to is ambiguous)",
                            compositor(group.kind)
                        ),
                    ));
                }
                *wildcard = Some(namespace);
            }
        }
    }
    Ok(())
}

/// The fewest and most elements one pass of `group` holds (`None`: no bound).
fn pass_bounds(group: &ModelGroup) -> (u32, Option<u32>) {
    let bounds = group.particles.iter().map(|particle| match particle {
        Particle::Element(ElementDecl {
            min_occurs,
            max_occurs,
            ..
        })
        | Particle::Any {
            min_occurs,
            max_occurs,
            ..
        } => (*min_occurs, bound(*max_occurs)),
        Particle::Group(inner) => {
            let (min, max) = pass_bounds(inner);
            let max = max.and_then(|n| bound(times(inner.max_occurs, MaxOccurs::Bounded(n))));
            (inner.min_occurs.saturating_mul(min), max)
        }
    });
    let bounds: Vec<(u32, Option<u32>)> = bounds.collect();
    match group.kind {
        GroupKind::Choice => (
            bounds.iter().map(|(min, _)| *min).min().unwrap_or(0),
            bounds
                .iter()
                .map(|(_, max)| *max)
                .try_fold(0, |most, max| max.map(|n| most.max(n))),
        ),
        GroupKind::Sequence | GroupKind::All => (
            bounds
                .iter()
                .fold(0u32, |sum, (min, _)| sum.saturating_add(*min)),
            bounds
                .iter()
                .try_fold(0u32, |sum, (_, max)| max.map(|n| sum.saturating_add(n))),
        ),
    }
}

fn bound(max: MaxOccurs) -> Option<u32> {
    match max {
        MaxOccurs::Bounded(n) => Some(n),
        MaxOccurs::Unbounded => None,
    }
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
