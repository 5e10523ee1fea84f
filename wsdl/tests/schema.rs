//! XML Schema constructs of `fixtures/schema.wsdl` and QName scoping of `fixtures/scoping.wsdl`.

mod common;

use wsdl::{
    AttributeDecl, ComplexType, Content, Definitions, Derivation, ElementDecl, Form, GroupKind,
    MaxOccurs, ModelGroup, NamespaceConstraint, Particle, ProcessContents, QName, SimpleVariety,
    TypeRef, XS_NS,
};

const NS: &str = "urn:example:schema";

fn load(name: &str) -> Definitions {
    wsdl::load(&common::fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn tns(local: &str) -> QName {
    QName::new(NS, local)
}

fn complex<'a>(d: &'a Definitions, local: &str) -> &'a ComplexType {
    d.complex_type(&tns(local))
        .unwrap_or_else(|| panic!("complex type {local}"))
}

fn group(content: &Content) -> &ModelGroup {
    match content {
        Content::Group(group) => group,
        other => panic!("group expected, got {other:?}"),
    }
}

fn element(particle: &Particle) -> &ElementDecl {
    match particle {
        Particle::Element(e) => e,
        other => panic!("element expected, got {other:?}"),
    }
}

fn built_in(local: &str) -> Option<TypeRef> {
    Some(TypeRef::BuiltIn(local.to_owned()))
}

#[test]
fn sequence_with_forms_refs_anonymous_types_choice_all_groups_and_any() {
    let d = load("schema.wsdl");
    let order = complex(&d, "Order");
    assert_eq!(order.documentation.as_deref(), Some("An order."));
    let seq = group(&order.content);
    assert_eq!(seq.kind, GroupKind::Sequence);
    assert_eq!(seq.particles.len(), 7);

    let id = element(&seq.particles[0]);
    assert_eq!(id.name, tns("id"), "elementFormDefault=qualified");
    assert_eq!(id.form, Form::Qualified);
    assert_eq!(id.type_ref, TypeRef::BuiltIn("long".to_owned()));
    assert_eq!((id.min_occurs, id.max_occurs), (1, MaxOccurs::Bounded(1)));

    let local = element(&seq.particles[1]);
    assert_eq!(local.name, QName::new("", "local"), "form=unqualified");
    assert_eq!(local.form, Form::Unqualified);
    assert_eq!(local.min_occurs, 0);

    let note = element(&seq.particles[2]);
    assert!(note.is_ref);
    assert_eq!(note.name, tns("note"));
    assert_eq!(note.type_ref, TypeRef::BuiltIn("string".to_owned()));
    assert_eq!(
        (note.min_occurs, note.max_occurs),
        (0, MaxOccurs::Bounded(3))
    );
    assert_eq!(note.default.as_deref(), Some("none"));
    assert_eq!(note.documentation.as_deref(), Some("A note."));
    assert_eq!(
        note.position.line, 20,
        "position of the ref, not the global"
    );

    let line = element(&seq.particles[3]);
    assert_eq!(line.max_occurs, MaxOccurs::Unbounded);
    let TypeRef::AnonymousComplex(line_type) = &line.type_ref else {
        panic!("anonymous complex type expected");
    };
    assert_eq!(line_type.name, None);
    let all = group(&line_type.content);
    assert_eq!(all.kind, GroupKind::All);
    let qty = element(&all.particles[1]);
    assert_eq!(qty.default.as_deref(), Some("1"));

    let Particle::Group(choice) = &seq.particles[4] else {
        panic!("choice expected");
    };
    assert_eq!(choice.kind, GroupKind::Choice);
    assert_eq!(choice.min_occurs, 0);
    assert_eq!(element(&choice.particles[0]).name, tns("card"));
    let Particle::Group(nested) = &choice.particles[1] else {
        panic!("nested sequence expected");
    };
    assert_eq!(nested.kind, GroupKind::Sequence);
    assert_eq!(nested.particles.len(), 2);

    let Particle::Group(audit) = &seq.particles[5] else {
        panic!("expanded group expected");
    };
    assert_eq!(audit.kind, GroupKind::Sequence);
    assert_eq!(audit.min_occurs, 0, "occurrence of the group ref");
    let names: Vec<&str> = audit
        .particles
        .iter()
        .map(|p| element(p).name.local.as_str())
        .collect();
    assert_eq!(names, ["createdBy", "createdAt"]);

    let Particle::Any {
        min_occurs,
        max_occurs,
        namespace,
        process_contents,
        position,
    } = &seq.particles[6]
    else {
        panic!("wildcard expected: {:?}", seq.particles[6]);
    };
    assert_eq!((*min_occurs, *max_occurs), (0, MaxOccurs::Unbounded));
    assert_eq!(*namespace, NamespaceConstraint::Any, "default ##any");
    assert_eq!(*process_contents, ProcessContents::Strict, "default strict");
    assert_eq!((position.line, position.column), (37, 11));
}

#[test]
fn attributes_groups_and_wildcards() {
    let d = load("schema.wsdl");
    let order = complex(&d, "Order");
    let attributes: Vec<(&QName, bool, Option<&str>)> = order
        .attributes
        .iter()
        .map(|a: &AttributeDecl| (&a.name, a.required, a.default.as_deref()))
        .collect();
    assert_eq!(
        attributes,
        [
            (&QName::new("", "version"), true, None),
            (&tns("lang"), false, Some("en")),
            (&QName::new("", "trace"), false, None),
            (&tns("global"), false, None),
        ]
    );
    assert_eq!(order.attributes[0].type_ref, built_in("int"));
    assert_eq!(order.attributes[3].type_ref, built_in("boolean"));
    let wildcard = order.any_attribute.as_ref().expect("anyAttribute");
    assert_eq!(wildcard.namespace, NamespaceConstraint::Any);
    assert_eq!(wildcard.position.line, 42);
    assert!(complex(&d, "Circle").any_attribute.is_none());
}

#[test]
fn complex_content_extension_and_restriction() {
    let d = load("schema.wsdl");
    let shape = complex(&d, "Shape");
    assert!(shape.is_abstract);
    let circle = complex(&d, "Circle");
    assert_eq!(circle.derivation, Some(Derivation::Extension(tns("Shape"))));
    let own = group(&circle.content);
    assert_eq!(own.particles.len(), 1, "only what the extension adds");
    assert_eq!(element(&own.particles[0]).name, tns("radius"));
    assert_eq!(circle.attributes[0].name.local, "filled");
    let unlabelled = complex(&d, "Unlabelled");
    assert_eq!(
        unlabelled.derivation,
        Some(Derivation::Restriction(tns("Shape")))
    );
    let extensions: Vec<&str> = d
        .extensions_of(&tns("Shape"))
        .iter()
        .filter_map(|t| t.name.as_ref().map(|n| n.local.as_str()))
        .collect();
    assert_eq!(extensions, ["Circle", "Square"]);
    assert_eq!(complex(&d, "Empty").content, Content::Empty);
}

#[test]
fn simple_content() {
    let d = load("schema.wsdl");
    let price = complex(&d, "Price");
    assert_eq!(
        price.derivation,
        Some(Derivation::Extension(QName::new(XS_NS, "decimal")))
    );
    assert_eq!(
        price.content,
        Content::Simple(TypeRef::BuiltIn("decimal".into()))
    );
    assert_eq!(
        price.attributes[0].type_ref,
        Some(TypeRef::Named(tns("Currency")))
    );
    assert!(price.attributes[0].required);
    let small = complex(&d, "SmallPrice");
    assert_eq!(
        small.derivation,
        Some(Derivation::Restriction(tns("Price")))
    );
    let Content::Simple(TypeRef::AnonymousSimple(restricted)) = &small.content else {
        panic!("restricted simple content expected: {:?}", small.content);
    };
    let SimpleVariety::Restriction { base, facets } = &restricted.variety else {
        panic!("restriction expected");
    };
    assert_eq!(base, &TypeRef::Named(tns("Price")));
    assert_eq!(facets.max_inclusive.as_deref(), Some("100"));
}

#[test]
fn simple_types_facets_lists_and_unions() {
    let d = load("schema.wsdl");
    let simple = |local: &str| {
        d.simple_type(&tns(local))
            .unwrap_or_else(|| panic!("simple type {local}"))
    };
    let SimpleVariety::Restriction { base, facets } = &simple("Currency").variety else {
        panic!("restriction expected");
    };
    assert_eq!(base, &TypeRef::BuiltIn("string".into()));
    assert_eq!(facets.enumeration, ["EUR", "USD"]);
    assert_eq!(facets.patterns, ["[A-Z]{3}"]);
    assert_eq!(facets.length, Some(3));
    assert_eq!(facets.white_space.as_deref(), Some("collapse"));
    let SimpleVariety::Restriction { facets, .. } = &simple("Percent").variety else {
        panic!("restriction expected");
    };
    assert_eq!(facets.min_inclusive.as_deref(), Some("0"));
    assert_eq!(facets.max_exclusive.as_deref(), Some("100.5"));
    assert_eq!(
        (facets.total_digits, facets.fraction_digits),
        (Some(4), Some(1))
    );
    let SimpleVariety::Restriction { facets, .. } = &simple("Code").variety else {
        panic!("restriction expected");
    };
    assert_eq!((facets.min_length, facets.max_length), (Some(2), Some(8)));
    assert_eq!(
        simple("Codes").variety,
        SimpleVariety::List(TypeRef::Named(tns("Code")))
    );
    let SimpleVariety::List(TypeRef::AnonymousSimple(item)) = &simple("Smalls").variety else {
        panic!("inline list item type expected");
    };
    assert!(
        matches!(&item.variety, SimpleVariety::Restriction { facets, .. } if facets.max_exclusive.as_deref() == Some("10"))
    );
    let SimpleVariety::Union(members) = &simple("CodeOrPercent").variety else {
        panic!("union expected");
    };
    assert_eq!(members.len(), 3);
    assert_eq!(members[0], TypeRef::Named(tns("Code")));
    assert_eq!(members[1], TypeRef::Named(tns("Percent")));
    assert!(matches!(members[2], TypeRef::AnonymousSimple(_)));
}

#[test]
fn global_elements() {
    let d = load("schema.wsdl");
    let order = d.element(&tns("order")).expect("order");
    assert!(order.nillable);
    assert_eq!(order.form, Form::Qualified);
    assert_eq!(order.type_ref, TypeRef::Named(tns("Order")));
    let note = d.element(&tns("note")).expect("note");
    assert!(note.is_abstract);
    assert!(!note.is_ref);
    assert_eq!(d.schema.elements.len(), 2);
}

#[test]
fn qnames_resolve_against_the_prefixes_in_scope_where_written() {
    let d = load("scoping.wsdl");
    let a = QName::new("urn:example:a", "Thing");
    let b = QName::new("urn:example:b", "Thing");
    let thing_a = d.complex_type(&a).expect("a:Thing");
    let particles = &group(&thing_a.content).particles;
    assert_eq!(element(&particles[0]).type_ref, TypeRef::Named(a.clone()));
    assert_eq!(
        element(&particles[1]).type_ref,
        TypeRef::Named(b.clone()),
        "p redeclared on the element itself"
    );
    let thing_b = d.complex_type(&b).expect("b:Thing");
    let particles = &group(&thing_b.content).particles;
    assert_eq!(element(&particles[0]).type_ref, TypeRef::Named(a));
    assert_eq!(
        element(&particles[1]).type_ref,
        TypeRef::Named(b),
        "unprefixed: default namespace"
    );
}
