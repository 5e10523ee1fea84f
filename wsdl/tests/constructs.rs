//! Every schema construct the model holds, pinned on `fixtures/constructs/`: attributes (use,
//! default, fixed, form, groups across namespaces, simple content, prohibited), wildcards,
//! `xs:anyType` three ways, self-referencing elements, list/union, prefix hints, and
//! absolute-URL imports mapped to local files (or refused at the import).

mod common;

use wsdl::{
    AttributeDecl, ComplexType, Content, Definitions, ElementDecl, ErrorKind, Form, MapResolver,
    MaxOccurs, NamespaceConstraint, Particle, ProcessContents, QName, SimpleVariety, TypeRef,
    Wildcard,
};

const MAIN: &str = "urn:example:main";
const OTHER: &str = "urn:example:other";

fn load() -> Definitions {
    wsdl::load(&common::fixture("constructs/constructs.wsdl")).unwrap_or_else(|e| panic!("{e}"))
}

fn main(local: &str) -> QName {
    QName::new(MAIN, local)
}

fn complex<'a>(d: &'a Definitions, local: &str) -> &'a ComplexType {
    d.complex_type(&main(local))
        .unwrap_or_else(|| panic!("complex type {local}"))
}

fn attribute<'a>(ct: &'a ComplexType, namespace: &str, local: &str) -> &'a AttributeDecl {
    ct.attributes
        .iter()
        .find(|a| a.name == QName::new(namespace, local))
        .unwrap_or_else(|| panic!("attribute {{{namespace}}}{local} in {:?}", ct.name))
}

fn particles(ct: &ComplexType) -> &[Particle] {
    match &ct.content {
        Content::Group(group) => &group.particles,
        other => panic!("group expected, got {other:?}"),
    }
}

fn element(particle: &Particle) -> &ElementDecl {
    match particle {
        Particle::Element(e) => e,
        other => panic!("element expected, got {other:?}"),
    }
}

fn built_in(local: &str) -> TypeRef {
    TypeRef::BuiltIn(local.to_owned())
}

#[test]
fn attribute_use_default_fixed_and_form() {
    let d = load();
    let ct = complex(&d, "Attributes");

    let required = attribute(ct, "", "required");
    assert!(required.required);
    assert_eq!(required.form, Form::Unqualified, "attributeFormDefault");
    assert_eq!(required.type_ref, Some(built_in("int")));
    assert_eq!((required.position.line, required.position.column), (12, 9));

    let optional = attribute(ct, "", "optional");
    assert!(!optional.required);
    assert_eq!((&optional.default, &optional.fixed), (&None, &None));

    let defaulted = attribute(ct, "", "defaulted");
    assert!(!defaulted.required);
    assert_eq!(defaulted.default.as_deref(), Some("d"));

    let fixed = attribute(ct, "", "fixed");
    assert_eq!(fixed.fixed.as_deref(), Some("f"));
    assert_eq!(fixed.default, None);

    let qualified = attribute(ct, MAIN, "qualified");
    assert_eq!(qualified.form, Form::Qualified, "form=qualified");

    assert_eq!(attribute(ct, "", "untyped").type_ref, None, "anySimpleType");

    // use="prohibited" outside a restriction removes nothing and is dropped.
    assert!(!ct.attributes.iter().any(|a| a.name.local == "dropped"));
    assert!(ct.prohibited_attributes.is_empty());
}

#[test]
fn referenced_and_grouped_attributes_from_another_namespace() {
    let d = load();
    let ct = complex(&d, "Attributes");

    // A ref= names a global attribute: always qualified, its default inherited.
    let lang = attribute(ct, OTHER, "lang");
    assert_eq!(lang.form, Form::Qualified);
    assert_eq!(lang.default.as_deref(), Some("en"));
    assert_eq!(lang.type_ref, Some(built_in("language")));
    assert_eq!(lang.position.file, "constructs.wsdl");
    assert_eq!(lang.position.line, 19, "the reference's position");
    assert_eq!(
        lang.documentation.as_deref(),
        Some("Language of the text."),
        "the global declaration's documentation"
    );

    let version = attribute(ct, OTHER, "version");
    assert!(version.required, "use= of the reference");
    assert_eq!(
        version.fixed.as_deref(),
        Some("2"),
        "fixed= of the reference"
    );

    // tns:Common holds `common` and refers to oth:Shared, which refers to oth:Inner: all
    // expanded in place, each attribute qualified per its own schema.
    let names: Vec<(&str, &str, Form)> = ct
        .attributes
        .iter()
        .map(|a| (a.name.namespace.as_str(), a.name.local.as_str(), a.form))
        .collect();
    assert_eq!(
        names,
        [
            ("", "required", Form::Unqualified),
            ("", "optional", Form::Unqualified),
            ("", "defaulted", Form::Unqualified),
            ("", "fixed", Form::Unqualified),
            (MAIN, "qualified", Form::Qualified),
            ("", "untyped", Form::Unqualified),
            (OTHER, "lang", Form::Qualified),
            (OTHER, "version", Form::Qualified),
            ("", "common", Form::Unqualified),
            (OTHER, "id", Form::Qualified),
            ("", "rev", Form::Unqualified),
        ]
    );
    let rev = attribute(ct, "", "rev");
    assert_eq!(
        (rev.position.file.as_str(), rev.position.line),
        ("other.xsd", 12)
    );

    // The type's own wildcard wins over the one of oth:Inner.
    assert_eq!(
        ct.any_attribute,
        Some(Wildcard {
            namespace: NamespaceConstraint::Other(MAIN.to_owned()),
            process_contents: ProcessContents::Lax,
            position: wildcard_position("constructs.wsdl", 22, 9),
        })
    );
}

fn wildcard_position(file: &str, line: u32, column: u32) -> wsdl::Position {
    wsdl::Position {
        file: file.to_owned(),
        line,
        column,
    }
}

#[test]
fn restriction_prohibits_inherited_attributes_extension_drops_prohibited() {
    let d = load();
    let restricted = complex(&d, "Restricted");
    assert_eq!(
        restricted.prohibited_attributes,
        [QName::new("", "removed")]
    );
    let names: Vec<&str> = restricted
        .attributes
        .iter()
        .map(|a| a.name.local.as_str())
        .collect();
    assert_eq!(names, ["kept"]);
    assert!(attribute(restricted, "", "kept").required);

    let extended = complex(&d, "Extended");
    assert!(extended.prohibited_attributes.is_empty());
    let names: Vec<&str> = extended
        .attributes
        .iter()
        .map(|a| a.name.local.as_str())
        .collect();
    assert_eq!(names, ["more"]);
}

#[test]
fn simple_content_keeps_its_attributes() {
    let d = load();
    let price = complex(&d, "Price");
    assert_eq!(price.content, Content::Simple(built_in("decimal")));
    let names: Vec<(&str, bool)> = price
        .attributes
        .iter()
        .map(|a| (a.name.local.as_str(), a.required))
        .collect();
    assert_eq!(names, [("currency", true), ("id", true), ("rev", false)]);
    // From oth:Inner, the only wildcard.
    let wildcard = price.any_attribute.as_ref().expect("group wildcard");
    assert_eq!(
        wildcard.namespace,
        NamespaceConstraint::List(vec![String::new()])
    );
    assert_eq!(wildcard.position.file, "other.xsd");

    let small = complex(&d, "SmallPrice");
    let currency = attribute(small, "", "currency");
    assert_eq!(currency.fixed.as_deref(), Some("EUR"));
    let Content::Simple(TypeRef::AnonymousSimple(text)) = &small.content else {
        panic!("restricted text expected: {:?}", small.content);
    };
    let SimpleVariety::Restriction { base, facets } = &text.variety else {
        panic!("restriction expected");
    };
    assert_eq!(*base, TypeRef::Named(main("Price")));
    assert_eq!(facets.max_inclusive.as_deref(), Some("10"));

    // The restriction restates its text type inline, then adds a facet of its own.
    let token_price = complex(&d, "TokenPrice");
    let Content::Simple(TypeRef::AnonymousSimple(text)) = &token_price.content else {
        panic!("restricted text expected: {:?}", token_price.content);
    };
    let SimpleVariety::Restriction { base, facets } = &text.variety else {
        panic!("restriction expected");
    };
    assert_eq!(facets.min_inclusive.as_deref(), Some("0"));
    let TypeRef::AnonymousSimple(inline) = base else {
        panic!("the inline simple type expected: {base:?}");
    };
    let SimpleVariety::Restriction { base, facets } = &inline.variety else {
        panic!("restriction expected");
    };
    assert_eq!(*base, built_in("decimal"));
    assert_eq!(facets.fraction_digits, Some(2));
}

#[test]
fn element_wildcards_keep_namespace_process_contents_and_position() {
    let d = load();
    let ct = complex(&d, "Wildcards");
    let found: Vec<(u32, MaxOccurs, NamespaceConstraint, ProcessContents, u32)> = particles(ct)
        .iter()
        .map(|p| match p {
            Particle::Any {
                min_occurs,
                max_occurs,
                namespace,
                process_contents,
                position,
            } => (
                *min_occurs,
                *max_occurs,
                namespace.clone(),
                *process_contents,
                position.line,
            ),
            other => panic!("wildcard expected: {other:?}"),
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                1,
                MaxOccurs::Bounded(1),
                NamespaceConstraint::Any,
                ProcessContents::Strict,
                72
            ),
            (
                0,
                MaxOccurs::Bounded(1),
                NamespaceConstraint::Other(MAIN.to_owned()),
                ProcessContents::Lax,
                73
            ),
            (
                1,
                MaxOccurs::Unbounded,
                NamespaceConstraint::List(vec![
                    MAIN.to_owned(),
                    String::new(),
                    "urn:example:extra".to_owned()
                ]),
                ProcessContents::Skip,
                74
            ),
            (
                1,
                MaxOccurs::Bounded(1),
                NamespaceConstraint::Any,
                ProcessContents::Strict,
                75
            ),
        ]
    );
    let Content::Group(group) = &ct.content else {
        panic!("group expected");
    };
    assert_eq!((group.position.line, group.position.column), (71, 9));
    let wildcard = ct.any_attribute.as_ref().expect("anyAttribute");
    assert_eq!(
        (
            &wildcard.namespace,
            wildcard.process_contents,
            wildcard.position.line
        ),
        (&NamespaceConstraint::Any, ProcessContents::Strict, 77)
    );
}

#[test]
fn any_type_three_ways() {
    let d = load();
    let ct = complex(&d, "AnyTypes");
    let types: Vec<&TypeRef> = particles(ct).iter().map(|p| &element(p).type_ref).collect();
    // type="xs:anyType", no type at all, and a ref= to an untyped global element.
    assert_eq!(
        types,
        [
            &built_in("anyType"),
            &built_in("anyType"),
            &built_in("anyType")
        ]
    );
    let global = d.element(&main("untypedGlobal")).expect("untypedGlobal");
    assert_eq!(global.type_ref, built_in("anyType"));

    // A restriction of xs:anyType is a plain type: no derivation, its own content only.
    let restricts = complex(&d, "RestrictsAnyType");
    assert_eq!(restricts.derivation, None);
    assert!(!restricts.mixed);
    assert_eq!(element(&particles(restricts)[0]).name.local, "y");
    assert_eq!(particles(restricts).len(), 1);
    assert_eq!(restricts.any_attribute, None);

    // An extension of xs:anyType has no derivation either, but keeps what it inherits:
    // mixed content of any elements, then its own particles; any attributes.
    let inherited = |line: u32| Particle::Any {
        min_occurs: 0,
        max_occurs: MaxOccurs::Unbounded,
        namespace: NamespaceConstraint::Any,
        process_contents: ProcessContents::Lax,
        position: wildcard_position("constructs.wsdl", line, 11),
    };
    let extends = complex(&d, "ExtendsAnyType");
    assert_eq!(extends.derivation, None);
    assert!(extends.mixed);
    assert_eq!(particles(extends), [inherited(90)]);
    assert!(attribute(extends, "", "dialect").required);
    assert_eq!(
        extends.any_attribute,
        Some(Wildcard {
            namespace: NamespaceConstraint::Any,
            process_contents: ProcessContents::Lax,
            position: wildcard_position("constructs.wsdl", 90, 11),
        })
    );

    let with_content = complex(&d, "ExtendsAnyTypeWithContent");
    assert_eq!(with_content.derivation, None);
    assert!(with_content.mixed);
    let members = particles(with_content);
    assert_eq!(members[0], inherited(97));
    let Particle::Group(own) = &members[1] else {
        panic!("own sequence expected: {:?}", members[1]);
    };
    assert_eq!(element(&own.particles[0]).name.local, "y");
    let wildcard = with_content.any_attribute.as_ref().expect("wildcard");
    assert_eq!(
        wildcard.namespace,
        NamespaceConstraint::Any,
        "union with ##any"
    );
    assert_eq!(
        wildcard.process_contents,
        ProcessContents::Skip,
        "the extension's own"
    );
}

#[test]
fn self_referencing_elements_refer_to_the_element_type() {
    let d = load();
    let node = d.element(&main("node")).expect("node");
    let TypeRef::AnonymousComplex(node_type) = &node.type_ref else {
        panic!("anonymous type expected: {:?}", node.type_ref);
    };
    let members = particles(node_type);

    let label = element(&members[0]);
    assert_eq!(label.fixed.as_deref(), Some("leaf"), "fixed= on an element");

    let child = element(&members[1]);
    assert!(child.is_ref);
    assert_eq!(child.name, main("node"));
    assert_eq!(child.type_ref, TypeRef::OfElement(main("node")));
    assert_eq!(
        (child.min_occurs, child.max_occurs),
        (0, MaxOccurs::Unbounded)
    );
    assert_eq!(child.form, Form::Qualified);
    assert_eq!(child.documentation.as_deref(), Some("A tree node."));
    assert_eq!((child.position.line, child.position.column), (116, 13));

    // Mutual recursion through two global elements.
    assert_eq!(
        element(&members[2]).type_ref,
        TypeRef::OfElement(main("ping"))
    );
    let ping = d.element(&main("ping")).expect("ping");
    let TypeRef::AnonymousComplex(ping_type) = &ping.type_ref else {
        panic!("anonymous type expected");
    };
    assert_eq!(
        element(&particles(ping_type)[0]).type_ref,
        TypeRef::OfElement(main("pong"))
    );

    // An anonymous simple type is referred to the same way; the reference takes the
    // global's fixed and nillable.
    let color = element(&members[3]);
    assert_eq!(color.type_ref, TypeRef::OfElement(main("color")));
    assert_eq!(color.fixed.as_deref(), Some("red"));
    assert!(color.nillable);
    // A global element with a named type: the reference has that type.
    let named = element(&members[4]);
    assert_eq!(named.type_ref, TypeRef::Named(main("Base")));
    assert_eq!(named.default.as_deref(), Some("x"));
}

#[test]
fn substitution_groups_name_their_head_and_inherit_its_type() {
    let d = load();
    let shape = d.element(&main("shape")).expect("shape");
    assert!(shape.is_abstract);
    assert_eq!(shape.substitution_group, None);
    let square = d.element(&main("square")).expect("square");
    assert_eq!(square.substitution_group, Some(main("shape")));
    assert_eq!(
        square.type_ref,
        TypeRef::Named(main("Base")),
        "the head's type"
    );
    let restricted = d.element(&main("restricted")).expect("restricted");
    assert_eq!(
        restricted.type_ref,
        TypeRef::Named(main("Restricted")),
        "its own type"
    );
    let subtree = d.element(&main("subtree")).expect("subtree");
    assert_eq!(subtree.type_ref, TypeRef::OfElement(main("node")));

    // A reference carries the substitution group and the head's type too.
    let reference = element(&particles(complex(&d, "Drawing"))[0]);
    assert_eq!(reference.substitution_group, Some(main("shape")));
    assert_eq!(reference.type_ref, TypeRef::Named(main("Base")));
}

#[test]
fn list_and_union() {
    let d = load();
    let codes = d.simple_type(&main("Codes")).expect("Codes");
    assert_eq!(codes.variety, SimpleVariety::List(built_in("int")));
    let either = d.simple_type(&main("CodeOrWord")).expect("CodeOrWord");
    let SimpleVariety::Union(members) = &either.variety else {
        panic!("union expected");
    };
    assert_eq!(
        members[..2],
        [built_in("int"), TypeRef::Named(main("Codes"))]
    );
    assert!(matches!(&members[2], TypeRef::AnonymousSimple(_)));
}

#[test]
fn prefix_hints_and_schema_documents() {
    let d = load();
    let hint = |uri: &str| d.namespace_prefixes.get(uri).map(String::as_str);
    // The first prefix declared, in load order: `oth` in the WSDL before `o` in other.xsd.
    assert_eq!(hint(OTHER), Some("oth"));
    assert_eq!(hint(MAIN), Some("tns"));
    assert_eq!(hint(wsdl::XS_NS), Some("xs"));
    assert_eq!(hint(wsdl::WSDL_NS), Some("wsdl"));
    assert_eq!(
        hint(wsdl::XML_NS),
        None,
        "the reserved xml prefix is not recorded"
    );

    let documents: Vec<(&str, Form, Form, &str)> = d
        .schema
        .documents
        .iter()
        .map(|s| {
            (
                s.target_namespace.as_str(),
                s.element_form_default,
                s.attribute_form_default,
                s.position.file.as_str(),
            )
        })
        .collect();
    assert_eq!(
        documents,
        [
            (MAIN, Form::Qualified, Form::Unqualified, "constructs.wsdl"),
            (OTHER, Form::Unqualified, Form::Qualified, "other.xsd"),
        ]
    );
}

#[test]
fn url_import_loads_when_mapped_to_a_file() {
    let root = common::fixture("constructs");
    let thing = QName::new("urn:example:x", "thing");
    for resolver in [
        MapResolver::new(&root)
            .with_mapping("http://example.com/schemas/x.xsd", "downloaded/x.xsd"),
        MapResolver::new(&root).with_mapping("http://example.com/schemas/", "downloaded/"),
    ] {
        let d = wsdl::load_with("url.wsdl", &resolver).unwrap_or_else(|e| panic!("{e}"));
        let element = d.element(&thing).expect("thing");
        assert_eq!(element.position.file, "downloaded/x.xsd");
        // x.xsd's relative import is read next to the mapped file.
        assert_eq!(
            element.type_ref,
            TypeRef::Named(QName::new("urn:example:common", "Id"))
        );
    }
}

#[test]
fn unmapped_url_import_fails_at_the_import_even_in_the_wsdl_namespace() {
    // url.wsdl's own namespace is the imported one; that must not count as loaded.
    let error = wsdl::load(&common::fixture("constructs/url.wsdl")).expect_err("unmapped URL");
    assert!(matches!(error.kind, ErrorKind::Resolve { .. }), "{error}");
    assert_eq!(
        error.to_string(),
        "url.wsdl:7:7: cannot load `http://example.com/schemas/x.xsd`: the URL could not be \
         resolved (URLs are not fetched; map them to local files with a MapResolver) and no \
         other document defines namespace `urn:example:x`; save the schema locally and map \
         the URL to that file (command line: `--map URL=FILE`; library: wsdl::MapResolver)"
    );
}

#[test]
fn map_resolver_falls_back_to_files_and_reports_unmapped_urls() {
    use wsdl::Resolver;
    let resolver = MapResolver::new(common::fixture("constructs"))
        .with_mapping("http://example.com/schemas/", "downloaded/");
    let relative = resolver
        .resolve(Some("url.wsdl"), "other.xsd")
        .expect("unmapped relative location read from the root");
    assert_eq!(relative.name, "other.xsd");
    let nested = resolver
        .resolve(None, "http://example.com/schemas/common/c.xsd")
        .expect("prefix mapping");
    assert_eq!(nested.name, "downloaded/common/c.xsd");
    let error = resolver
        .resolve(None, "http://example.org/elsewhere.xsd")
        .expect_err("not mapped");
    assert!(error.to_string().contains("MapResolver"), "{error}");
}
