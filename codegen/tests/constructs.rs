//! No silent loss: every construct the `wsdl` model can hold is either generated or refused
//! with `unsupported: …` and the file:line:col where it is written.
//!
//! The walk below matches every model enum exhaustively, so a construct added to the model
//! does not compile here until it is given a label; `EVERY_CONSTRUCT` lists the labels, and
//! the test fails unless some schema case exercises each one and its outcome is checked.

use std::collections::BTreeMap;

use codegen::{ErrorKind, InputInfo, generate};
use wsdl::{
    ComplexType, Content, Definitions, Derivation, ElementDecl, Form, GroupKind, MaxOccurs,
    MemoryResolver, ModelGroup, NamespaceConstraint, Particle, ProcessContents, SimpleType,
    SimpleVariety, TypeRef,
};

const TNS: &str = "urn:example:constructs";

/// Every label `walk` can report.
const EVERY_CONSTRUCT: &[&str] = &[
    "TypeRef::BuiltIn",
    "TypeRef::BuiltIn(anyType)",
    "TypeRef::Named",
    "TypeRef::AnonymousComplex",
    "TypeRef::AnonymousSimple",
    "TypeRef::OfElement",
    "MaxOccurs::Bounded",
    "MaxOccurs::Unbounded",
    "Particle::Element",
    "Particle::Group",
    "Particle::Any",
    "GroupKind::Sequence",
    "GroupKind::All",
    "GroupKind::Choice",
    "group repeated",
    "NamespaceConstraint::Any",
    "NamespaceConstraint::Other",
    "NamespaceConstraint::List",
    "ProcessContents::Strict",
    "ProcessContents::Lax",
    "ProcessContents::Skip",
    "Content::Empty",
    "Content::Group",
    "Content::Simple",
    "Derivation::Extension",
    "Derivation::Restriction",
    "SimpleVariety::Restriction",
    "SimpleVariety::Restriction(enumeration)",
    "SimpleVariety::List",
    "SimpleVariety::Union",
    "element Form::Qualified",
    "element Form::Unqualified",
    "element nillable",
    "element default",
    "element fixed",
    "element abstract",
    "element substitutionGroup",
    "attribute Form::Qualified",
    "attribute Form::Unqualified",
    "attribute required",
    "attribute default",
    "attribute fixed",
    "attribute without type",
    "attribute prohibited",
    "anyAttribute",
    "complexType mixed",
    "complexType abstract",
];

/// Labels of every construct used in `defs`' schema.
fn walk(defs: &Definitions) -> Vec<&'static str> {
    let mut seen = Vec::new();
    for e in &defs.schema.elements {
        element(e, &mut seen);
    }
    for ct in &defs.schema.complex_types {
        complex(ct, &mut seen);
    }
    for st in &defs.schema.simple_types {
        simple(st, &mut seen);
    }
    seen.sort_unstable();
    seen.dedup();
    seen
}

fn type_ref(t: &TypeRef, seen: &mut Vec<&'static str>) {
    match t {
        TypeRef::BuiltIn(local) if local == "anyType" => seen.push("TypeRef::BuiltIn(anyType)"),
        TypeRef::BuiltIn(_) => seen.push("TypeRef::BuiltIn"),
        TypeRef::Named(_) => seen.push("TypeRef::Named"),
        TypeRef::AnonymousComplex(ct) => {
            seen.push("TypeRef::AnonymousComplex");
            complex(ct, seen);
        }
        TypeRef::AnonymousSimple(st) => {
            seen.push("TypeRef::AnonymousSimple");
            simple(st, seen);
        }
        TypeRef::OfElement(_) => seen.push("TypeRef::OfElement"),
    }
}

fn max(m: MaxOccurs, seen: &mut Vec<&'static str>) {
    match m {
        MaxOccurs::Bounded(_) => seen.push("MaxOccurs::Bounded"),
        MaxOccurs::Unbounded => seen.push("MaxOccurs::Unbounded"),
    }
}

fn element(e: &ElementDecl, seen: &mut Vec<&'static str>) {
    type_ref(&e.type_ref, seen);
    max(e.max_occurs, seen);
    seen.push(match e.form {
        Form::Qualified => "element Form::Qualified",
        Form::Unqualified => "element Form::Unqualified",
    });
    let flags = [
        (e.nillable, "element nillable"),
        (e.default.is_some(), "element default"),
        (e.fixed.is_some(), "element fixed"),
        (e.is_abstract, "element abstract"),
        (e.substitution_group.is_some(), "element substitutionGroup"),
    ];
    seen.extend(flags.iter().filter(|(on, _)| *on).map(|(_, label)| *label));
}

fn group(g: &ModelGroup, seen: &mut Vec<&'static str>) {
    seen.push(match g.kind {
        GroupKind::Sequence => "GroupKind::Sequence",
        GroupKind::All => "GroupKind::All",
        GroupKind::Choice => "GroupKind::Choice",
    });
    if g.max_occurs != MaxOccurs::Bounded(1) {
        seen.push("group repeated");
    }
    for p in &g.particles {
        match p {
            Particle::Element(e) => {
                seen.push("Particle::Element");
                element(e, seen);
            }
            Particle::Group(inner) => {
                seen.push("Particle::Group");
                group(inner, seen);
            }
            Particle::Any {
                max_occurs,
                namespace,
                process_contents,
                ..
            } => {
                seen.push("Particle::Any");
                max(*max_occurs, seen);
                constraint(namespace, *process_contents, seen);
            }
        }
    }
}

fn constraint(n: &NamespaceConstraint, p: ProcessContents, seen: &mut Vec<&'static str>) {
    seen.push(match n {
        NamespaceConstraint::Any => "NamespaceConstraint::Any",
        NamespaceConstraint::Other(_) => "NamespaceConstraint::Other",
        NamespaceConstraint::List(_) => "NamespaceConstraint::List",
    });
    seen.push(match p {
        ProcessContents::Strict => "ProcessContents::Strict",
        ProcessContents::Lax => "ProcessContents::Lax",
        ProcessContents::Skip => "ProcessContents::Skip",
    });
}

fn complex(ct: &ComplexType, seen: &mut Vec<&'static str>) {
    match &ct.content {
        Content::Empty => seen.push("Content::Empty"),
        Content::Group(g) => {
            seen.push("Content::Group");
            group(g, seen);
        }
        Content::Simple(t) => {
            seen.push("Content::Simple");
            type_ref(t, seen);
        }
    }
    match &ct.derivation {
        Some(Derivation::Extension(_)) => seen.push("Derivation::Extension"),
        Some(Derivation::Restriction(_)) => seen.push("Derivation::Restriction"),
        None => {}
    }
    for a in &ct.attributes {
        seen.push(match a.form {
            Form::Qualified => "attribute Form::Qualified",
            Form::Unqualified => "attribute Form::Unqualified",
        });
        match &a.type_ref {
            Some(t) => type_ref(t, seen),
            None => seen.push("attribute without type"),
        }
        let flags = [
            (a.required, "attribute required"),
            (a.default.is_some(), "attribute default"),
            (a.fixed.is_some(), "attribute fixed"),
        ];
        seen.extend(flags.iter().filter(|(on, _)| *on).map(|(_, label)| *label));
    }
    if !ct.prohibited_attributes.is_empty() {
        seen.push("attribute prohibited");
    }
    if let Some(w) = &ct.any_attribute {
        seen.push("anyAttribute");
        constraint(&w.namespace, w.process_contents, seen);
    }
    if ct.mixed {
        seen.push("complexType mixed");
    }
    if ct.is_abstract {
        seen.push("complexType abstract");
    }
}

fn simple(st: &SimpleType, seen: &mut Vec<&'static str>) {
    match &st.variety {
        SimpleVariety::Restriction { base, facets } => {
            seen.push(if facets.enumeration.is_empty() {
                "SimpleVariety::Restriction"
            } else {
                "SimpleVariety::Restriction(enumeration)"
            });
            type_ref(base, seen);
        }
        SimpleVariety::List(item) => {
            seen.push("SimpleVariety::List");
            type_ref(item, seen);
        }
        SimpleVariety::Union(members) => {
            seen.push("SimpleVariety::Union");
            for m in members {
                type_ref(m, seen);
            }
        }
    }
}

/// A one-operation service whose body is the global element `thing` (type `tns:Thing`);
/// `items` starts on line 8 of `svc.wsdl`.
fn service(items: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="{TNS}" targetNamespace="{TNS}">
  <wsdl:types>
    <xs:schema targetNamespace="{TNS}" elementFormDefault="qualified">
<xs:element name="thing" type="tns:Thing"/>
{items}
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="M"><wsdl:part name="p" element="tns:thing"/></wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="op"><wsdl:input message="tns:M"/><wsdl:output message="tns:M"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="tns:Port">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="op">
      <soap:operation soapAction="urn:op"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Svc">
    <wsdl:port name="P" binding="tns:Binding"><soap:address location="https://example.com/"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#
    )
}

/// What generation does with a case.
#[derive(Debug, PartialEq)]
enum Outcome {
    Generated,
    /// Refused with this message (which starts with `svc.wsdl:line:col: `).
    Refused(String),
}

/// Schema cases: (name, schema items, expected outcome: `None` generated, `Some(text)` refused
/// with a message containing `unsupported: text`).
const CASES: &[(&str, &str, Option<&str>)] = &[
    (
        "sequence of built-ins, named and anonymous types, bounds, nillable, default/fixed, forms",
        r#"<xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>
<xs:complexType name="Thing"><xs:sequence>
  <xs:element name="a" type="xs:int" maxOccurs="3" nillable="true"/>
  <xs:element name="b" type="tns:Code" maxOccurs="unbounded" default="x"/>
  <xs:element name="c" fixed="1" type="xs:int" form="unqualified"/>
  <xs:element name="d"><xs:complexType><xs:sequence><xs:element name="e" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="f"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="on"/></xs:restriction></xs:simpleType></xs:element>
  <xs:sequence><xs:element name="g" type="xs:string"/></xs:sequence>
</xs:sequence></xs:complexType>"#,
        None,
    ),
    (
        "all, choice, repeated single-member group, element ref to an anonymous type",
        r#"<xs:element name="node"><xs:complexType><xs:sequence><xs:element ref="tns:node" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>
<xs:complexType name="Thing"><xs:sequence>
  <xs:choice><xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/></xs:choice>
  <xs:sequence maxOccurs="unbounded"><xs:element name="r" type="xs:string"/></xs:sequence>
  <xs:element ref="tns:node"/>
</xs:sequence></xs:complexType>
<xs:complexType name="Other"><xs:all><xs:element name="x" type="xs:string"/></xs:all></xs:complexType>"#,
        None,
    ),
    (
        "wildcards, anyType, attributes of every kind, extension, restriction, simple content, abstract",
        r###"<xs:complexType name="Base" abstract="true"><xs:sequence/>
  <xs:attribute name="id" type="xs:string" use="required"/><xs:attribute name="gone" type="xs:string"/></xs:complexType>
<xs:complexType name="Thing"><xs:complexContent><xs:extension base="tns:Base"><xs:sequence>
  <xs:element name="blob" type="xs:anyType"/><xs:element name="untyped"/>
  <xs:element name="t" type="tns:Text"/><xs:element name="p" type="tns:Plain"/>
  <xs:element name="l" type="tns:Lax"/><xs:element name="s" type="tns:Skip"/>
  <xs:any namespace="##other" processContents="strict" maxOccurs="unbounded"/>
</xs:sequence>
  <xs:attribute name="q" type="xs:int" form="qualified" default="1"/><xs:attribute name="v" fixed="1"/>
  <xs:anyAttribute namespace="##any"/></xs:extension></xs:complexContent></xs:complexType>
<xs:complexType name="Plain"><xs:complexContent><xs:restriction base="tns:Base">
  <xs:sequence/><xs:attribute name="gone" use="prohibited"/></xs:restriction></xs:complexContent></xs:complexType>
<xs:complexType name="Text"><xs:simpleContent><xs:extension base="xs:string"/></xs:simpleContent></xs:complexType>
<xs:complexType name="Lax"><xs:sequence><xs:any namespace="urn:a ##local" processContents="lax" minOccurs="0"/></xs:sequence></xs:complexType>
<xs:complexType name="Skip"><xs:sequence><xs:any processContents="skip"/></xs:sequence></xs:complexType>
<xs:complexType name="Empty"/>"###,
        None,
    ),
    (
        "list and union",
        r#"<xs:simpleType name="Ints"><xs:list itemType="xs:int"/></xs:simpleType>
<xs:simpleType name="Either"><xs:union memberTypes="xs:int xs:boolean"/></xs:simpleType>
<xs:complexType name="Thing"><xs:sequence>
  <xs:element name="a" type="tns:Ints"/><xs:element name="b" type="tns:Either"/>
</xs:sequence></xs:complexType>"#,
        None,
    ),
    (
        "mixed content of text and one xs:any",
        r#"<xs:complexType name="Thing" mixed="true"><xs:sequence><xs:any minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>"#,
        None,
    ),
    (
        "mixed content with named children",
        r#"<xs:complexType name="Thing" mixed="true"><xs:sequence><xs:element name="b" type="xs:string"/></xs:sequence></xs:complexType>"#,
        None,
    ),
    (
        "mixed content with named children and an xs:any",
        r###"<xs:complexType name="Thing" mixed="true"><xs:sequence><xs:element name="b" type="xs:string"/><xs:any namespace="##other"/></xs:sequence></xs:complexType>"###,
        Some("mixed=\"true\" content with an xs:any beside named child elements"),
    ),
    (
        "repeated choice with several members",
        r#"<xs:complexType name="Thing"><xs:choice maxOccurs="unbounded">
<xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/></xs:choice></xs:complexType>"#,
        None,
    ),
    (
        "repeated sequence with several members",
        r#"<xs:complexType name="Thing"><xs:sequence maxOccurs="unbounded">
<xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/></xs:sequence></xs:complexType>"#,
        None,
    ),
    (
        "substitution group",
        r#"<xs:element name="head" type="xs:string" abstract="true"/>
<xs:element name="member" type="xs:string" substitutionGroup="tns:head"/>
<xs:complexType name="Thing"><xs:sequence><xs:element ref="tns:head"/></xs:sequence></xs:complexType>"#,
        None,
    ),
    (
        "substitution group head as a member of a repeated choice",
        r#"<xs:element name="head" type="xs:string"/>
<xs:element name="member" type="xs:string" substitutionGroup="tns:head"/>
<xs:complexType name="Thing"><xs:choice maxOccurs="unbounded"><xs:element ref="tns:head"/><xs:element name="other" type="xs:string"/></xs:choice></xs:complexType>"#,
        Some(
            "a substitution group head (`head`) as a member of a repeated xs:choice or of mixed content",
        ),
    ),
    (
        "substitution group member named like a sibling element",
        r#"<xs:element name="head" type="xs:string"/>
<xs:element name="head2" type="xs:string" substitutionGroup="tns:head"/>
<xs:element name="odd" substitutionGroup="tns:head"><xs:simpleType><xs:restriction base="xs:string"/></xs:simpleType></xs:element>
<xs:complexType name="Thing"><xs:sequence><xs:element ref="tns:head"/><xs:element name="head2" type="xs:int"/></xs:sequence></xs:complexType>"#,
        Some("element `head2` appears more than once in the content model"),
    ),
];

fn outcome(text: &str) -> (Vec<&'static str>, Outcome) {
    let resolver = MemoryResolver::new().with("svc.wsdl", text);
    let defs = wsdl::load_with("svc.wsdl", &resolver).expect("case loads");
    let seen = walk(&defs);
    let input = InputInfo::from_bytes("svc.wsdl", text.as_bytes());
    let result = match generate(&defs, &input) {
        Ok(_) => Outcome::Generated,
        Err(e) => {
            assert!(
                matches!(e.kind, ErrorKind::Unsupported(_)),
                "only `unsupported` refusals expected: {e}"
            );
            let position = e.position.as_ref().expect("a refusal carries its position");
            let message = e.to_string();
            let prefix = format!("svc.wsdl:{}:{}: ", position.line, position.column);
            assert!(message.starts_with(&prefix), "{message}");
            assert!(position.line >= 8, "points into the schema: {message}");
            Outcome::Refused(message)
        }
    };
    (seen, result)
}

#[test]
fn every_construct_is_generated_or_refused_with_its_position() {
    let mut covered: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, items, expected) in CASES {
        let (seen, result) = outcome(&service(items));
        match (expected, &result) {
            (None, Outcome::Generated) => {}
            (Some(what), Outcome::Refused(message)) => assert!(
                message.contains(&format!("unsupported: {what}")),
                "{name}: {message}"
            ),
            _ => panic!("{name}: expected {expected:?}, got {result:?}"),
        }
        for label in seen {
            covered.entry(label).or_default().push(name);
        }
    }
    let missing: Vec<&&str> = EVERY_CONSTRUCT
        .iter()
        .filter(|label| !covered.contains_key(**label))
        .collect();
    assert!(
        missing.is_empty(),
        "constructs no case exercises: {missing:?}"
    );
    let unknown: Vec<&&str> = covered
        .keys()
        .filter(|label| !EVERY_CONSTRUCT.contains(label))
        .collect();
    assert!(
        unknown.is_empty(),
        "labels missing from EVERY_CONSTRUCT: {unknown:?}"
    );
}
