//! Constructors, setters and `#[non_exhaustive]` on generated types, pinned on a fixture type
//! with required, optional, nillable and repeated fields (and an attribute), and the
//! `non_exhaustive` declaration turned off.

/// `Contact`: a required string, a required nillable string, a required enumeration (so no
/// `Default`), an optional string, an optional nillable string, a repeated string and an
/// optional attribute; `Filter`: only optional fields.
const WSDL: &str = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:contacts" targetNamespace="urn:contacts">
  <wsdl:types><xs:schema targetNamespace="urn:contacts">
    <xs:simpleType name="Kind"><xs:restriction base="xs:string">
      <xs:enumeration value="person"/><xs:enumeration value="company"/></xs:restriction></xs:simpleType>
    <xs:complexType name="Contact"><xs:sequence>
      <xs:element name="name" type="xs:string"/>
      <xs:element name="note" type="xs:string" nillable="true"/>
      <xs:element name="kind" type="tns:Kind"/>
      <xs:element name="phone" type="xs:string" minOccurs="0"/>
      <xs:element name="email" type="xs:string" minOccurs="0" nillable="true"/>
      <xs:element name="tag" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence><xs:attribute name="lang" type="xs:string"/></xs:complexType>
    <xs:complexType name="Filter"><xs:sequence>
      <xs:element name="limit" type="xs:int" minOccurs="0"/>
    </xs:sequence></xs:complexType>
    <xs:element name="save"><xs:complexType><xs:sequence>
      <xs:element name="contact" type="tns:Contact"/><xs:element name="filter" type="tns:Filter"/>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="saveResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
  </xs:schema></wsdl:types>
  <wsdl:message name="In"><wsdl:part name="p" element="tns:save"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="p" element="tns:saveResponse"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="save"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:P"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="save"><soap:operation soapAction="urn:save"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>"#;

/// The generated `types.rs` with `declarations`.
fn types_rs(declarations: &codegen::Declarations) -> String {
    let resolver = wsdl::MemoryResolver::new().with("contacts.wsdl", WSDL);
    let defs = wsdl::load_with("contacts.wsdl", &resolver).expect("the fixture loads");
    let input = codegen::InputInfo::from_bytes("contacts.wsdl", WSDL.as_bytes());
    let files = codegen::generate_with(&defs, &input, declarations).expect("generates");
    files.get("types.rs").expect("types.rs").clone()
}

/// The `impl` block of `name` that holds `new` and the setters (its first item's doc starts `A`).
fn constructor_block<'t>(types: &'t str, name: &str) -> &'t str {
    let opening = format!("impl {name} {{\n    /// A");
    let start = types.find(&opening).expect("a constructor block");
    let rest = &types[start..];
    let end = rest.find("\n}\n").expect("the block ends");
    &rest[..end + 3]
}

#[test]
fn new_takes_the_required_fields_and_setters_fill_the_others() {
    let types = types_rs(&codegen::Declarations::default());
    let expected = r#"impl Contact {
    /// A value from its required fields; optional fields absent, repeated ones empty.
    #[inline]
    pub fn new(name: String, note: xml::Nillable<String>, kind: Kind) -> Self {
        Self {
            name,
            note,
            kind,
            lang: None,
            phone: None,
            email: None,
            tag: Vec::new(),
        }
    }

    /// Sets the `lang` attribute.
    #[inline]
    pub fn with_lang(mut self, value: String) -> Self {
        self.lang = Some(value);
        self
    }

    /// Sets `<phone>`.
    #[inline]
    pub fn with_phone(mut self, value: String) -> Self {
        self.phone = Some(value);
        self
    }

    /// Sets `<email>` to a value (not nil).
    #[inline]
    pub fn with_email(mut self, value: String) -> Self {
        self.email = Some(xml::Nillable::Value(value));
        self
    }

    /// Sets the `<tag>` items.
    #[inline]
    pub fn with_tag(mut self, value: Vec<String>) -> Self {
        self.tag = value;
        self
    }
}
"#;
    assert_eq!(constructor_block(&types, "Contact"), expected);
}

#[test]
fn a_struct_without_required_fields_gets_new_as_its_default() {
    let types = types_rs(&codegen::Declarations::default());
    let expected = r#"impl Filter {
    /// An empty value (the same as `Default::default()`): every field absent or empty.
    #[inline]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `<limit>`.
    #[inline]
    pub fn with_limit(mut self, value: i32) -> Self {
        self.limit = Some(value);
        self
    }
}
"#;
    assert_eq!(constructor_block(&types, "Filter"), expected);
    assert!(types.contains(
        "#[derive(Debug, Clone, PartialEq, Default)]\n#[non_exhaustive]\npub struct Filter {"
    ));
}

#[test]
fn structs_and_enums_are_non_exhaustive_by_default() {
    let types = types_rs(&codegen::Declarations::default());
    for item in [
        "pub enum Kind {",
        "pub struct Contact {",
        "pub struct Filter {",
        "pub struct Save {",
    ] {
        assert!(
            types.contains(&format!("#[non_exhaustive]\n{item}")),
            "{item} is not marked"
        );
    }
    assert!(types.contains("//! Structs and enums are `#[non_exhaustive]`"));
}

#[test]
fn the_option_off_emits_no_non_exhaustive_and_keeps_the_constructors() {
    let declarations = codegen::Declarations {
        non_exhaustive: false,
        ..codegen::Declarations::default()
    };
    let types = types_rs(&declarations);
    assert!(!types.contains("non_exhaustive"), "{types}");
    assert!(types.contains("#[derive(Debug, Clone, PartialEq)]\npub struct Contact {"));
    let on = types_rs(&codegen::Declarations::default());
    assert_eq!(
        constructor_block(&types, "Contact"),
        constructor_block(&on, "Contact")
    );
    let from_toml = codegen::Declarations::from_toml("non_exhaustive = false\n");
    assert_eq!(from_toml, Ok(declarations));
}
