//! Standalone output: every SOAP binding with its own generated client (SOAP 1.1 and 1.2, HTTP
//! bindings skipped with a note), headers structs, complete crates and the `build.rs` builder.

use codegen::{
    Builder, CrateOptions, Declarations, InputInfo, generate_crate, generate_single_file,
    generate_standalone,
};
use wsdl::MemoryResolver;

const TNS: &str = "urn:example:quotes";

/// A quote service published three ways (SOAP 1.1, SOAP 1.2 and HTTP GET), the shape ASMX and
/// Axis2 services have. `getQuote` takes an optional `<Session>` header.
fn three_bindings() -> String {
    format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
    xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="{TNS}" targetNamespace="{TNS}">
  <wsdl:types>
    <xs:schema targetNamespace="{TNS}">
      <xs:element name="getQuote"><xs:complexType><xs:sequence>
        <xs:element name="symbol" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="getQuoteResponse"><xs:complexType><xs:sequence>
        <xs:element name="price" type="xs:double" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Session"><xs:complexType><xs:sequence>
        <xs:element name="id" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Trace"><xs:complexType><xs:sequence>
        <xs:element name="tag" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="In"><wsdl:part name="parameters" element="tns:getQuote"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="parameters" element="tns:getQuoteResponse"/></wsdl:message>
  <wsdl:message name="SessionHeader"><wsdl:part name="session" element="tns:Session"/></wsdl:message>
  <wsdl:message name="TraceHeader"><wsdl:part name="trace" element="tns:Trace"/></wsdl:message>
  <wsdl:portType name="Quotes">
    <wsdl:operation name="getQuote"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="QuotesSoap" type="tns:Quotes">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="getQuote"><soap:operation soapAction="urn:getQuote"/>
      <wsdl:input><soap:header message="tns:SessionHeader" part="session" use="literal"/>
        <soap:header message="tns:TraceHeader" part="trace" use="literal"/>
        <soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="QuotesSoap12" type="tns:Quotes">
    <soap12:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="getQuote"><soap12:operation soapAction="urn:getQuote"/>
      <wsdl:input><soap12:header message="tns:SessionHeader" part="session" use="literal"/>
        <soap12:header message="tns:TraceHeader" part="trace" use="literal"/>
        <soap12:body use="literal"/></wsdl:input>
      <wsdl:output><soap12:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="QuotesHttpGet" type="tns:Quotes">
    <http:binding verb="GET"/>
    <wsdl:operation name="getQuote"><http:operation location="/getQuote"/>
      <wsdl:input><http:urlEncoded/></wsdl:input><wsdl:output/></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="QuoteService">
    <wsdl:port name="QuotesSoap" binding="tns:QuotesSoap"><soap:address location="https://example.com/quotes.asmx"/></wsdl:port>
    <wsdl:port name="QuotesSoap12" binding="tns:QuotesSoap12"><soap12:address location="https://example.com/quotes.asmx"/></wsdl:port>
    <wsdl:port name="QuotesHttpGet" binding="tns:QuotesHttpGet"><http:address location="https://example.com/quotes.asmx"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#
    )
}

/// The same service with only its SOAP 1.2 binding.
fn soap12_only() -> String {
    let text = three_bindings();
    let start = text
        .find("  <wsdl:binding name=\"QuotesSoap\" ")
        .expect("soap binding");
    let end = text
        .find("  <wsdl:binding name=\"QuotesSoap12\"")
        .expect("soap12 binding");
    let text = format!("{}{}", &text[..start], &text[end..]);
    let start = text
        .find("  <wsdl:binding name=\"QuotesHttpGet\"")
        .expect("http binding");
    let end = text.find("  <wsdl:service").expect("service");
    let text = format!("{}{}", &text[..start], &text[end..]);
    text.lines()
        .filter(|line| {
            !line.contains("port name=\"QuotesSoap\"") && !line.contains("QuotesHttpGet")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn load(text: &str) -> wsdl::Definitions {
    let resolver = MemoryResolver::new().with("quotes.wsdl", text);
    wsdl::load_with("quotes.wsdl", &resolver).expect("fixture loads")
}

fn input(text: &str) -> InputInfo {
    InputInfo::from_bytes("quotes.wsdl", text.as_bytes())
}

/// prettyplease output on one line with single spaces, for matching across line breaks.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_soap_binding_gets_a_module_with_its_own_version_and_http_is_noted() {
    let text = three_bindings();
    let files = generate_standalone(&load(&text), &input(&text), &Declarations::default())
        .expect("generates");
    let ops = flat(&files["operations.rs"]);
    for expected in [
        "pub mod quotes_soap {",
        "pub mod quotes_soap12 {",
        "soap_version: soap_runtime::envelope::SoapVersion::Soap11,",
        "soap_version: soap_runtime::envelope::SoapVersion::Soap12,",
        "//! - binding `QuotesHttpGet` is not a SOAP binding (e.g. HTTP GET/POST) and has no client",
    ] {
        assert!(ops.contains(expected), "missing `{expected}` in\n{ops}");
    }
    assert!(!ops.contains("pub mod quotes_http_get"), "{ops}");
    let client = flat(&files["client.rs"]);
    // The two SOAP bindings differ only in their version: one `Port<B>` serves both, each
    // call's metadata made in `B`'s version.
    for expected in [
        "pub mod quotes_soap { use super::super::types; use super::super::operations::quotes_soap as operations;",
        "pub enum Binding {} impl soap_runtime::Binding for Binding { const NAME: &'static str = \"QuotesSoap\"; const SOAP_VERSION: soap_runtime::envelope::SoapVersion = soap_runtime::envelope::SoapVersion::Soap11;",
        "/// A client for binding `QuotesSoap` (SOAP 1.1): one async method per operation. /// /// [`Port`] sent over [`Binding`]. pub type Client = Port<Binding>;",
        "pub struct Port<B> { runtime: soap_runtime::Client, binding: std::marker::PhantomData<fn() -> B>, }",
        "impl<B: soap_runtime::Binding> Port<B> { /// The ports of the description that use binding `B`, as /// `(port name, soap:address location)`. pub const PORTS: &'static [(&'static str, &'static str)] = B::PORTS;",
        "const { &operations::GET_QUOTE.in_version(B::SOAP_VERSION) },",
        "pub mod quotes_soap12 { pub use super::quotes_soap::*;",
        "const NAME: &'static str = \"QuotesSoap12\"; const SOAP_VERSION: soap_runtime::envelope::SoapVersion = soap_runtime::envelope::SoapVersion::Soap12; const PORTS: &'static [(&'static str, &'static str)] = &[ (\"QuotesSoap12\", \"https://example.com/quotes.asmx\"), ];",
        "/// A client for binding `QuotesSoap12` (SOAP 1.2): one async method per operation.",
        "/// The binding differs from `QuotesSoap` only in its SOAP version, so the two share their /// methods: this is [`Port`] sent over [`Binding`]. pub type Client = Port<Binding>;",
        "pub fn new(runtime: soap_runtime::Client) -> Self { Self { runtime, binding: std::marker::PhantomData, } }",
        "pub fn from_endpoint( endpoint: impl Into<String>, ) -> Result<Self, soap_runtime::Error> {",
        "Some(<types::GetQuote as soap_runtime::Validate>::validate),",
    ] {
        assert!(
            client.contains(expected),
            "missing `{expected}` in\n{client}"
        );
    }
    assert_eq!(client.matches("pub fn get_quote(").count(), 1, "{client}");
    assert!(!client.contains("pub struct Client"), "{client}");
    // A binding that differs in anything else (here its SOAP action) keeps a client of its own.
    let text = text.replacen(
        "<soap12:operation soapAction=\"urn:getQuote\"/>",
        "<soap12:operation soapAction=\"urn:getQuote12\"/>",
        1,
    );
    let files = generate_standalone(&load(&text), &input(&text), &Declarations::default())
        .expect("generates");
    let client = flat(&files["client.rs"]);
    assert_eq!(client.matches("pub struct Client {").count(), 2, "{client}");
    assert_eq!(client.matches("pub fn get_quote(").count(), 2, "{client}");
    assert!(client.contains("&operations::GET_QUOTE,"), "{client}");
    assert!(!client.contains("Port<"), "{client}");
    assert!(
        client.contains("pub const PORTS: &'static [(&'static str, &'static str)] = &[ (\"QuotesSoap12\", \"https://example.com/quotes.asmx\"), ];"),
        "{client}"
    );
    let module = &files["mod.rs"];
    assert!(module.contains("one client per SOAP"), "{module}");
    assert!(module.contains("QuotesHttpGet"), "{module}");
}

#[test]
fn headers_the_caller_supplies_form_one_struct_per_operation() {
    let text = three_bindings();
    let declarations = Declarations {
        provided_headers: ["Session".to_owned()].into(),
        ..Declarations::default()
    };
    let files = generate_standalone(&load(&text), &input(&text), &declarations).expect("generates");
    let client = flat(&files["client.rs"]);
    for expected in [
        "#[derive(Debug, Clone, Default, PartialEq)] pub struct GetQuoteHeaders { /// The `<Trace>` SOAP header (not sent when `None`). pub trace: Option<types::Trace>, }",
        "pub fn get_quote( &self, params: &types::GetQuote, ) -> impl std::future::Future< Output = Result<types::GetQuoteResponse, soap_runtime::Error>, > + Send {",
        "pub fn get_quote_with_headers( &self, params: &types::GetQuote, headers: &GetQuoteHeaders, ) -> impl std::future::Future< Output = Result<types::GetQuoteResponse, soap_runtime::Error>, > + Send {",
        "if let Some(header) = &headers.trace {",
    ] {
        assert!(
            client.contains(expected),
            "missing `{expected}` in\n{client}"
        );
    }
    assert!(
        !client.contains("pub session:"),
        "provided headers are the header provider's: {client}"
    );
}

#[test]
fn a_single_soap12_binding_is_flat_and_its_crate_exports_client() {
    let text = soap12_only();
    let defs = load(&text);
    let files = generate_crate(
        &defs,
        &input(&text),
        &Declarations::default(),
        &CrateOptions {
            name: "quotes-client".to_owned(),
            runtime_dependency: "\"0.1\"".to_owned(),
        },
    )
    .expect("generates");
    let paths: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "src/client.rs",
            "src/lib.rs",
            "src/operations.rs",
            "src/rules.rs",
            "src/types.rs"
        ]
    );
    let manifest = &files["Cargo.toml"];
    assert!(
        manifest.starts_with("# @generated by cargo xtask codegen from quotes.wsdl (sha256 "),
        "{manifest}"
    );
    for expected in [
        "name = \"quotes-client\"",
        "soap-runtime = \"0.1\"",
        "\n[workspace]\n",
    ] {
        assert!(
            manifest.contains(expected),
            "missing `{expected}` in\n{manifest}"
        );
    }
    let lib = flat(&files["src/lib.rs"]);
    for expected in [
        "#![forbid(unsafe_code)]",
        "pub use soap_runtime;",
        "/// The client of the service's only SOAP binding. pub use client::Client;",
        "//! use quotes_client::{Client, soap_runtime};",
    ] {
        assert!(lib.contains(expected), "missing `{expected}` in\n{lib}");
    }
    let ops = flat(&files["src/operations.rs"]);
    assert!(!ops.contains("pub mod "), "one binding stays flat: {ops}");
    assert!(ops.contains("SoapVersion::Soap12"), "{ops}");
    let client = flat(&files["src/client.rs"]);
    assert!(
        client.contains("use super::{operations, types};"),
        "{client}"
    );
}

#[test]
fn crate_names_must_be_package_names_and_default_to_this_runtime() {
    let text = soap12_only();
    let defs = load(&text);
    let bad = generate_crate(
        &defs,
        &input(&text),
        &Declarations::default(),
        &CrateOptions::new("quotes client"),
    );
    assert!(bad.is_err_and(|e| e.to_string().contains("not a package name")));
    let runtime = CrateOptions::new("q").runtime_dependency;
    assert!(
        runtime.starts_with("{ package = \"mktows-soap-runtime\", path = \""),
        "{runtime}"
    );
    assert!(runtime.ends_with("/runtime\" }"), "{runtime}");
}

#[test]
fn paging_declarations_need_a_client_at_the_crate_root() {
    let text = three_bindings();
    let declarations =
        Declarations::from_toml("[paging.getQuote]\ntoken = \"symbol\"\nnext_token = \"price\"\n")
            .expect("declarations");
    let err = generate_standalone(&load(&text), &input(&text), &declarations).unwrap_err();
    assert!(
        err.to_string()
            .contains("unsupported: paging declarations need one client"),
        "{err}"
    );
}

#[test]
fn the_single_file_has_inline_modules_and_builder_writes_it_once() {
    let text = three_bindings();
    let single = generate_single_file(&load(&text), &input(&text), &Declarations::default())
        .expect("generates");
    assert!(
        single.starts_with("// @generated by cargo xtask codegen from quotes.wsdl"),
        "{single}"
    );
    assert!(
        !single.contains("//!"),
        "no inner docs: include! rejects them"
    );
    let flat_single = flat(&single);
    for expected in [
        "pub mod types {",
        "pub mod operations {",
        "pub mod client {",
    ] {
        assert!(flat_single.contains(expected), "missing `{expected}`");
    }
    syn::parse_file(&single).expect("the single file parses");

    let dir = std::env::temp_dir().join(format!("codegen-builder-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let wsdl_path = dir.join("quotes-v2.wsdl");
    std::fs::write(&wsdl_path, three_bindings()).expect("write wsdl");
    let written = Builder::new(&wsdl_path)
        .out_dir(dir.join("out"))
        .generate()
        .expect("builder generates");
    assert_eq!(written, dir.join("out/quotes_v2.rs"));
    let text = std::fs::read_to_string(&written).expect("read back");
    assert!(text.contains("pub mod quotes_soap12 {"), "{text}");
    let missing = Builder::new(dir.join("missing.wsdl"))
        .out_dir(dir.join("out"))
        .generate();
    assert!(missing.is_err_and(|e| e.to_string().contains("missing.wsdl")));
    let no_out_dir = Builder::new(&wsdl_path).generate();
    assert!(
        std::env::var_os("OUT_DIR").is_some()
            || no_out_dir.is_err_and(|e| e.to_string().contains("no output directory"))
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}
