//! Invalid and hostile input fails with a positioned error and never panics.

mod common;

use wsdl::{Error, ErrorKind, MemoryResolver};

fn load_text(text: &str) -> Result<wsdl::Definitions, Error> {
    wsdl::load_with(
        "input.wsdl",
        &MemoryResolver::new().with("input.wsdl", text),
    )
}

fn fails(text: &str) -> Error {
    match load_text(text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e,
    }
}

/// A WSDL whose single inline schema has `body` as content.
fn with_schema(body: &str) -> String {
    format!(
        r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
  <wsdl:types><xs:schema targetNamespace="urn:t">
{body}
  </xs:schema></wsdl:types>
</wsdl:definitions>"#
    )
}

fn line_column(error: &Error) -> (u32, u32) {
    let position = error.position.as_ref().expect("error has a position");
    (position.line, position.column)
}

#[test]
fn undefined_type_names_the_qname_and_position() {
    let error = wsdl::load(&common::fixture("undefined.wsdl")).expect_err("undefined");
    assert_eq!(
        error.to_string(),
        "undefined.wsdl:12:13: type tns:Missing is not defined"
    );
}

#[test]
fn undefined_references_of_every_kind() {
    let cases = [
        (
            r#"<xs:complexType name="C"><xs:sequence><xs:element ref="tns:nope"/></xs:sequence></xs:complexType>"#,
            "element tns:nope",
        ),
        (
            r#"<xs:complexType name="C"><xs:group ref="tns:nope"/></xs:complexType>"#,
            "group tns:nope",
        ),
        (
            r#"<xs:complexType name="C"><xs:attributeGroup ref="tns:nope"/></xs:complexType>"#,
            "attribute group tns:nope",
        ),
        (
            r#"<xs:complexType name="C"><xs:attribute ref="tns:nope"/></xs:complexType>"#,
            "attribute tns:nope",
        ),
        (
            r#"<xs:complexType name="C"><xs:complexContent><xs:extension base="tns:nope"/></xs:complexContent></xs:complexType>"#,
            "type tns:nope",
        ),
        (
            r#"<xs:simpleType name="S"><xs:list itemType="xs:nope"/></xs:simpleType>"#,
            "type xs:nope",
        ),
        (
            r#"<xs:simpleType name="S"><xs:union memberTypes="xs:int tns:nope"/></xs:simpleType>"#,
            "type tns:nope",
        ),
    ];
    for (body, expected) in cases {
        let error = fails(&with_schema(body));
        let message = error.to_string();
        // The offending declaration is on line 4 of with_schema's output.
        assert!(
            message.starts_with("input.wsdl:4:")
                && message.ends_with(&format!("{expected} is not defined")),
            "{body}\n=> {message}"
        );
    }
    // A global element written with ref= is missing its name: still a clear error.
    let error = fails(&with_schema(r#"<xs:element/>"#));
    assert!(
        error.to_string().contains("has no `name` attribute"),
        "{error}"
    );
}

#[test]
fn undefined_wsdl_references() {
    let wsdl = |body: &str| {
        format!(
            r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:tns="urn:t" targetNamespace="urn:t">
  <wsdl:message name="M"><wsdl:part name="p" type="xs:string" xmlns:xs="http://www.w3.org/2001/XMLSchema"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="op"><wsdl:input message="tns:M"/></wsdl:operation></wsdl:portType>
{body}
</wsdl:definitions>"#
        )
    };
    let cases = [
        (
            r#"<wsdl:message name="X"><wsdl:part name="p" element="tns:nope"/></wsdl:message>"#,
            "input.wsdl:6:24: element tns:nope is not defined",
        ),
        (
            r#"<wsdl:portType name="Q"><wsdl:operation name="o"><wsdl:output message="tns:nope"/></wsdl:operation></wsdl:portType>"#,
            "input.wsdl:6:50: message tns:nope is not defined",
        ),
        (
            r#"<wsdl:binding name="B" type="tns:nope"/>"#,
            "input.wsdl:6:1: port type tns:nope is not defined",
        ),
        (
            r#"<wsdl:binding name="B" type="tns:P"><wsdl:operation name="other"/></wsdl:binding>"#,
            "input.wsdl:6:37: operation other (in port type P) is not defined",
        ),
        (
            r#"<wsdl:binding name="B" type="tns:P"><soap:binding/><wsdl:operation name="op"><wsdl:input><soap:header message="tns:M" part="nope"/></wsdl:input></wsdl:operation></wsdl:binding>"#,
            "input.wsdl:6:90: part nope (of message tns:M) is not defined",
        ),
        (
            r#"<wsdl:service name="S"><wsdl:port name="x" binding="tns:nope"/></wsdl:service>"#,
            "input.wsdl:6:24: binding tns:nope is not defined",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(fails(&wsdl(body)).to_string(), expected, "{body}");
    }
    assert!(load_text(&wsdl("")).is_ok());
}

#[test]
fn duplicate_definitions_name_both_positions() {
    let error = wsdl::load(&common::fixture("duplicate.wsdl")).expect_err("duplicate");
    assert_eq!(
        error.to_string(),
        "duplicate.wsdl:9:7: duplicate type {urn:example:duplicate}Twice \
         (first defined at duplicate.wsdl:8:7)"
    );
    let twice = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:t">
  <wsdl:message name="M"/>
  <wsdl:message name="M"/>
</wsdl:definitions>"#;
    let error = fails(twice);
    assert!(
        matches!(
            error.kind,
            ErrorKind::Duplicate {
                kind: "message",
                ..
            }
        ),
        "{error}"
    );
    assert_eq!(line_column(&error), (3, 3));
}

#[test]
fn undeclared_prefix_is_reported() {
    let error = fails(&with_schema(r#"<xs:element name="e" type="q:T"/>"#));
    assert_eq!(
        error.to_string(),
        "input.wsdl:4:1: namespace prefix `q` of `q:T` is not declared"
    );
}

#[test]
fn malformed_qnames_are_reported() {
    for written in ["a:b:c", ":x", "tns:"] {
        let error = fails(&with_schema(&format!(
            r#"<xs:element name="e" type="{written}"/>"#
        )));
        assert_eq!(
            error.to_string(),
            format!("input.wsdl:4:1: `{written}` is not a valid QName")
        );
    }
}

#[test]
fn unsupported_constructs_say_so() {
    let array = with_schema(
        r#"<xs:complexType name="A" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">
  <xs:complexContent><xs:restriction base="soapenc:Array"/></xs:complexContent>
</xs:complexType>"#,
    );
    assert_eq!(
        fails(&array).to_string(),
        "input.wsdl:5:22: unsupported: SOAP encoding type soapenc:Array \
         (rpc/encoded schemas are not modelled)"
    );
    let redefine = with_schema(r#"<xs:redefine schemaLocation="other.xsd"/>"#);
    assert_eq!(
        fails(&redefine).to_string(),
        "input.wsdl:4:1: unsupported: xs:redefine"
    );
}

#[test]
fn invalid_attribute_values() {
    for (body, expected) in [
        (
            r#"<xs:complexType name="C"><xs:sequence><xs:element name="e" minOccurs="-1"/></xs:sequence></xs:complexType>"#,
            "`minOccurs` must be a non-negative integer, not `-1`",
        ),
        (
            r#"<xs:complexType name="C"><xs:sequence><xs:element name="e" maxOccurs="many"/></xs:sequence></xs:complexType>"#,
            "`maxOccurs` must be a non-negative integer, not `many`",
        ),
        (
            r#"<xs:complexType name="C" abstract="yes"/>"#,
            "`abstract` must be true or false, not `yes`",
        ),
        (
            r#"<xs:simpleType name="S"><xs:restriction base="xs:string"><xs:length value="x"/></xs:restriction></xs:simpleType>"#,
            "xs:length must be a non-negative integer, not `x`",
        ),
        (
            r#"<xs:complexType name="C"><xs:all><xs:element name="e" form="sometimes"/></xs:all></xs:complexType>"#,
            "`form` must be qualified or unqualified, not `sometimes`",
        ),
    ] {
        let error = fails(&with_schema(body));
        assert!(error.to_string().ends_with(expected), "{body}\n=> {error}");
        assert!(error.position.is_some());
    }
}

#[test]
fn doctype_and_billion_laughs_are_rejected() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">&lol4;</wsdl:definitions>"#;
    let error = fails(laughs);
    assert_eq!(error.kind, ErrorKind::Doctype);
    assert_eq!(
        error.to_string(),
        "input.wsdl:1:1: DOCTYPE declarations are not allowed (DTDs and entities are rejected)"
    );
    // An entity reference without a DTD is a plain XML error.
    let error = fails(
        r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">&lol;</wsdl:definitions>"#,
    );
    assert!(matches!(error.kind, ErrorKind::Xml(_)), "{error}");
}

#[test]
fn malformed_xml_has_the_parser_position() {
    let error = fails(
        "<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\">\n  <a>\n</wsdl:definitions>",
    );
    assert!(matches!(error.kind, ErrorKind::Xml(_)), "{error}");
    assert_eq!(line_column(&error), (3, 1));
    assert!(
        error
            .to_string()
            .starts_with("input.wsdl:3:1: malformed XML: ")
    );
}

#[test]
fn garbage_and_empty_input() {
    for garbage in [
        "",
        "   ",
        "\u{1}\u{2}\u{3}garbage",
        "}{<<>>&&",
        "<",
        "<?xml",
        "\u{feff}",
    ] {
        let error = fails(garbage);
        assert!(
            matches!(error.kind, ErrorKind::Xml(_)),
            "{garbage:?} => {error}"
        );
    }
    let not_wsdl = fails("<html><body/></html>");
    assert!(
        not_wsdl
            .to_string()
            .contains("neither wsdl:definitions nor xs:schema")
    );
}

#[test]
fn non_utf8_file_is_a_resolve_error() {
    let path = std::env::temp_dir().join(format!("wsdl-garbage-{}.wsdl", std::process::id()));
    std::fs::write(&path, [0xff_u8, 0xfe, 0x00, 0x3c, 0x80, 0x81, 0xc3]).expect("write temp file");
    let result = wsdl::load(&path);
    let _ = std::fs::remove_file(&path);
    let error = result.expect_err("not UTF-8");
    assert!(matches!(error.kind, ErrorKind::Resolve { .. }), "{error}");
}

#[test]
fn byte_order_mark_is_accepted() {
    let text = std::fs::read_to_string(common::fixture("bindings.wsdl")).expect("fixture");
    let with_bom = format!("\u{feff}{text}");
    let d = load_text(&with_bom).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.bindings.len(), 3);
}

#[test]
fn truncated_and_mutilated_fixtures_never_panic() {
    for fixture in ["bindings.wsdl", "schema.wsdl", "scoping.wsdl"] {
        let text = std::fs::read_to_string(common::fixture(fixture)).expect("fixture");
        assert!(load_text(&text).is_ok(), "{fixture} itself loads");
        // Every prefix cut at a character boundary.
        let mut failures = 0;
        for (cut, _) in text.char_indices().step_by(7) {
            if load_text(&text[..cut]).is_err() {
                failures += 1;
            }
        }
        assert!(failures > 0);
        // Every single line removed.
        let lines: Vec<&str> = text.lines().collect();
        for skip in 0..lines.len() {
            let mutilated: Vec<&str> = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, l)| *l)
                .collect();
            let _ = load_text(&mutilated.join("\n"));
        }
    }
    let truncated = std::fs::read_to_string(common::fixture("bindings.wsdl")).expect("fixture");
    let error = fails(&truncated[..truncated.len() / 2]);
    assert!(matches!(error.kind, ErrorKind::Xml(_)), "{error}");
}

#[test]
fn deep_element_nesting_is_rejected_cleanly() {
    let depth = 10_000;
    let mut text =
        String::from(r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">"#);
    text.push_str(&"<a>".repeat(depth));
    text.push_str(&"</a>".repeat(depth));
    text.push_str("</wsdl:definitions>");
    let error = fails(&text);
    assert_eq!(error.kind, ErrorKind::TooDeep { limit: 256 });
    assert_eq!(line_column(&error).0, 1);

    let nested = format!(
        "{}{}",
        "<xs:sequence>".repeat(300),
        "</xs:sequence>".repeat(300)
    );
    let error = fails(&with_schema(&format!(
        r#"<xs:complexType name="C">{nested}</xs:complexType>"#
    )));
    assert_eq!(error.kind, ErrorKind::TooDeep { limit: 256 });
}

#[test]
fn moderately_deep_schemas_load() {
    let nested = format!(
        "{}<xs:element name=\"leaf\" type=\"xs:string\"/>{}",
        "<xs:sequence>".repeat(100),
        "</xs:sequence>".repeat(100)
    );
    let d = load_text(&with_schema(&format!(
        r#"<xs:complexType name="C">{nested}</xs:complexType>"#
    )))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.schema.complex_types.len(), 1);
}

#[test]
fn recursive_group_references_hit_the_depth_limit() {
    let body = r#"<xs:group name="G"><xs:sequence><xs:group ref="tns:G" minOccurs="0"/></xs:sequence></xs:group>
<xs:complexType name="C"><xs:group ref="tns:G"/></xs:complexType>"#;
    let error = fails(&with_schema(body));
    assert_eq!(error.kind, ErrorKind::TooDeep { limit: 256 });
    let body = r#"<xs:attributeGroup name="A"><xs:attributeGroup ref="tns:A"/></xs:attributeGroup>
<xs:complexType name="C"><xs:attributeGroup ref="tns:A"/></xs:complexType>"#;
    let error = fails(&with_schema(body));
    assert_eq!(error.kind, ErrorKind::TooDeep { limit: 256 });
}

#[test]
fn exponentially_fanning_group_references_are_stopped() {
    // G0 holds two copies of G1, which holds two of G2, … : 2^40 elements once expanded.
    let mut body = String::from(
        r#"<xs:group name="G40"><xs:sequence><xs:element name="e" type="xs:string"/></xs:sequence></xs:group>"#,
    );
    for level in 0..40 {
        let next = level + 1;
        body.push_str(&format!(
            r#"<xs:group name="G{level}"><xs:sequence><xs:group ref="tns:G{next}"/><xs:group ref="tns:G{next}"/></xs:sequence></xs:group>"#
        ));
    }
    body.push_str(r#"<xs:complexType name="C"><xs:group ref="tns:G0"/></xs:complexType>"#);
    let error = fails(&with_schema(&body));
    assert_eq!(error.kind, ErrorKind::TooLarge { limit: 200_000 });

    // The same shape through global elements with anonymous types is not expanded at all:
    // each reference names the referenced element's type instead of copying it.
    let mut body = String::from(r#"<xs:element name="E40" type="xs:string"/>"#);
    for level in 0..40 {
        let next = level + 1;
        body.push_str(&format!(
            r#"<xs:element name="E{level}"><xs:complexType><xs:sequence><xs:element ref="tns:E{next}"/><xs:element ref="tns:E{next}"/></xs:sequence></xs:complexType></xs:element>"#
        ));
    }
    let definitions = load_text(&with_schema(&body)).expect("element references stay linear");
    let e0 = definitions
        .element(&wsdl::QName::new("urn:t", "E0"))
        .expect("E0");
    let wsdl::TypeRef::AnonymousComplex(e0_type) = &e0.type_ref else {
        panic!("anonymous type expected: {:?}", e0.type_ref);
    };
    let wsdl::Content::Group(group) = &e0_type.content else {
        panic!("group expected");
    };
    for particle in &group.particles {
        let wsdl::Particle::Element(reference) = particle else {
            panic!("element expected: {particle:?}");
        };
        assert_eq!(
            reference.type_ref,
            wsdl::TypeRef::OfElement(wsdl::QName::new("urn:t", "E1"))
        );
    }
}
