//! Feature-gated operation groups (`Declarations::feature_groups`): which `cfg` each generated
//! item gets, the crate's `[features]` table, and a generated crate that builds with one group
//! only and passes clippy `-D warnings` with all of them (`full`).

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::{CrateFiles, CrateOptions, Declarations, InputInfo, generate_crate};

const FIXTURE: &str = "tests/fixtures/groups.wsdl";

fn generate(feature_groups: Option<&str>) -> CrateFiles {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(FIXTURE)).expect("fixture");
    let resolver = wsdl::MemoryResolver::new().with("groups.wsdl", text.as_str());
    let defs = wsdl::load_with("groups.wsdl", &resolver).expect("fixture loads");
    let input = InputInfo::from_bytes("groups.wsdl", text.as_bytes());
    let declarations = Declarations {
        feature_groups: feature_groups.map(str::to_owned),
        ..Declarations::default()
    };
    generate_crate(
        &defs,
        &input,
        &declarations,
        &CrateOptions::new("groups-client"),
    )
    .expect("fixture generates")
}

/// prettyplease output on one line with single spaces, for matching across line breaks.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn file<'a>(files: &'a CrateFiles, path: &str) -> &'a str {
    files.get(path).map(String::as_str).unwrap_or_default()
}

#[test]
fn operations_take_their_group_and_types_the_groups_reaching_them() {
    let files = generate(Some("_"));
    assert!(
        file(&files, "Cargo.toml").ends_with(
            "\n[features]\ndefault = [\"full\"]\nfull = [\"alpha\", \"beta\", \"gamma\"]\n\
             alpha = []\nbeta = []\ngamma = []\n\
             # The `Request`/`Response` body enums, and the decoders of request bodies and encoders\n\
             # of response bodies: for servers, mocks and recorded traffic, not for a client.\n\
             bodies = []\n"
        ),
        "{}",
        file(&files, "Cargo.toml")
    );
    let types = flat(file(&files, "src/types.rs"));
    // Reached by Alpha (Thing.price) and Beta (Beta_TotalResponse.total), not Gamma.
    assert!(types.contains(
        "/// Complex type `Money`. #[cfg(any(feature = \"alpha\", feature = \"beta\"))] #[derive(Debug, Clone, PartialEq, Default)] #[non_exhaustive] pub struct Money {"
    ));
    assert!(types.contains(
        "#[cfg(any(feature = \"alpha\", feature = \"beta\"))] impl xml::XmlDecode for Money {"
    ));
    assert!(types.contains("/// Complex type `Thing`. #[cfg(feature = \"alpha\")] #[derive(Debug, Clone, PartialEq, Default)] #[non_exhaustive] pub struct Thing {"));
    assert!(types.contains("round-trip unchanged. #[cfg(feature = \"alpha\")] #[derive(Debug, Clone, PartialEq, Eq, Hash)] #[non_exhaustive] pub enum Colour {"));
    assert!(
        types.contains(
            "/// Complex type `Beta_TotalResponse`. /// /// A response body: encoding it (as a server \
             or a mock does) needs the crate's `bodies` feature. #[cfg(feature = \"beta\")] #[derive("
        )
    );
    // No operation reaches it: only with every group.
    assert!(types.contains("/// Complex type `Orphan`. #[cfg(feature = \"full\")] #[derive("));
    // Every group reaches it: always compiled.
    assert!(types.contains("/// Complex type `Stamp`. #[derive("));
    assert!(types.contains("} impl xml::XmlDecode for Stamp {"));
    let operations = flat(file(&files, "src/operations.rs"));
    assert!(operations.contains("#[cfg(feature = \"gamma\")] pub const GAMMA_PING: OperationMeta"));
    assert!(operations.contains("#[cfg(feature = \"alpha\")] ALPHA_PUT,"));
    assert!(operations.contains("#[cfg(feature = \"beta\")] BetaTotal(types::BetaTotal),"));
    // The body enums and their methods are compiled with the `bodies` feature only.
    assert!(operations.contains(
        "#[cfg(feature = \"bodies\")] #[derive(Debug, Clone, PartialEq)] #[allow(clippy::large_enum_variant)] pub enum Request {"
    ));
    assert!(operations.contains("#[cfg(feature = \"bodies\")] impl Request {"));
    assert!(operations.contains("#[cfg(feature = \"bodies\")] impl Response {"));
    let manifest = file(&files, "Cargo.toml");
    assert!(manifest.contains("\nbodies = []\n"), "{manifest}");
    assert!(operations.contains("#[cfg(feature = \"beta\")] Self::BetaTotal(_) => &BETA_TOTAL,"));
    // The body decoders dispatch by namespace, then local name; each local-name arm is gated.
    assert!(operations.contains(
        "#[cfg(feature = \"beta\")] \"Beta_Total\" => r.complex(start).map(Self::BetaTotal).map(Some),"
    ));
    let client = flat(file(&files, "src/client.rs"));
    assert!(client.contains("#[cfg(feature = \"beta\")] #[inline] pub fn beta_total("));
    let rules = flat(file(&files, "src/rules.rs"));
    assert!(rules.contains(
        "#[cfg(feature = \"alpha\")] impl soap_runtime::Validate for types::AlphaGet {}"
    ));
    let lib = file(&files, "src/lib.rs");
    assert!(lib.contains("//! groups-client = { version = \"0.1\", default-features = false, features = [\"alpha\", \"beta\"] }"), "{lib}");
}

#[test]
fn without_the_option_only_the_body_enums_are_gated() {
    let files = generate(None);
    for (path, text) in &files {
        let gates = text.matches("cfg(feature").count();
        let bodies = text.matches("cfg(feature = \"bodies\")").count();
        assert_eq!(gates, bodies, "{path} has a group gate");
        assert!(!text.contains("full = ["), "{path} declares groups");
    }
    // Each enum and its impl: `Request` and `Response`.
    let operations = file(&files, "src/operations.rs");
    assert_eq!(
        operations.matches("#[cfg(feature = \"bodies\")]").count(),
        4
    );
    assert!(file(&files, "Cargo.toml").ends_with(
        "\n[features]\n# The `Request`/`Response` body enums, and the decoders of request bodies \
         and encoders\n# of response bodies: for servers, mocks and recorded traffic, not for a \
         client.\nbodies = []\n"
    ));
}

/// A description whose bodies are, in turn: a request-only wrapper (`Put`), a response-only
/// wrapper (`PutResponse`), the body of both a request and a response (`Echo`), and a request
/// body whose type another type also has as a field (`Send`, of type `Parcel`).
const DIRECTIONS: &str = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:dir" targetNamespace="urn:dir">
  <wsdl:types>
    <xs:schema targetNamespace="urn:dir" elementFormDefault="qualified">
      <xs:complexType name="Parcel"><xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence></xs:complexType>
      <xs:complexType name="Shelf"><xs:sequence><xs:element name="parcel" type="tns:Parcel"/></xs:sequence></xs:complexType>
      <xs:element name="Put"><xs:complexType><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="PutResponse"><xs:complexType><xs:sequence><xs:element name="shelf" type="tns:Shelf"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Echo"><xs:complexType><xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Send" type="tns:Parcel"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="PutIn"><wsdl:part name="parameters" element="tns:Put"/></wsdl:message>
  <wsdl:message name="PutOut"><wsdl:part name="parameters" element="tns:PutResponse"/></wsdl:message>
  <wsdl:message name="EchoMsg"><wsdl:part name="parameters" element="tns:Echo"/></wsdl:message>
  <wsdl:message name="SendIn"><wsdl:part name="parameters" element="tns:Send"/></wsdl:message>
  <wsdl:portType name="Dir">
    <wsdl:operation name="Put"><wsdl:input message="tns:PutIn"/><wsdl:output message="tns:PutOut"/></wsdl:operation>
    <wsdl:operation name="Echo"><wsdl:input message="tns:EchoMsg"/><wsdl:output message="tns:EchoMsg"/></wsdl:operation>
    <wsdl:operation name="Send"><wsdl:input message="tns:SendIn"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="DirSoap" type="tns:Dir">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Put"><soap:operation soapAction="urn:Put"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
    <wsdl:operation name="Echo"><soap:operation soapAction="urn:Echo"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
    <wsdl:operation name="Send"><soap:operation soapAction="urn:Send"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="DirService">
    <wsdl:port name="DirSoap" binding="tns:DirSoap"><soap:address location="https://example.com/dir"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#;

#[test]
fn codecs_only_a_server_uses_are_behind_bodies() {
    let resolver = wsdl::MemoryResolver::new().with("dir.wsdl", DIRECTIONS);
    let defs = wsdl::load_with("dir.wsdl", &resolver).expect("loads");
    let input = InputInfo::from_bytes("dir.wsdl", DIRECTIONS.as_bytes());
    let files = generate_crate(
        &defs,
        &input,
        &Declarations::default(),
        &CrateOptions::new("dir-client"),
    )
    .expect("generates");
    let types = flat(file(&files, "src/types.rs"));
    let gated =
        |what: &str| types.contains(&format!("#[cfg(feature = \"bodies\")] impl xml::{what} {{"));
    let present = |what: &str| types.contains(&format!("impl xml::{what} {{"));
    // A client encodes `Put` and decodes `PutResponse`; a server does the reverse.
    assert!(gated("XmlDecode for Put"), "{types}");
    assert!(!gated("XmlEncode for Put"), "{types}");
    assert!(gated("XmlEncode for PutResponse"), "{types}");
    assert!(!gated("XmlDecode for PutResponse"), "{types}");
    assert!(types.contains(
        "/// A request body: decoding it (as a server or a mock does) needs the crate's `bodies` feature."
    ));
    // Both ways for a client, or reachable from elsewhere: never gated.
    for (ty, what) in [
        ("Echo", "XmlDecode"),
        ("Echo", "XmlEncode"),
        ("Parcel", "XmlDecode"),
        ("Shelf", "XmlEncode"),
    ] {
        let impl_of = format!("{what} for {ty}");
        assert!(
            present(&impl_of) && !gated(&impl_of),
            "{impl_of} in {types}"
        );
    }
    assert_eq!(types.matches("cfg(feature").count(), 2, "{types}");
}

/// Runs cargo in `dir` with the target directory this test was built in (the runtime and its
/// dependencies already built there).
fn cargo(dir: &Path, args: &[&str]) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let target = scratch.parent().unwrap_or(scratch);
    let output = Command::new(cargo)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .args(args)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_crate_builds_with_each_group_alone_and_lints_clean_with_all() {
    let files = generate(Some("_"));
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("groups-client");
    for (relative, text) in &files {
        let path = dir.join(relative);
        std::fs::create_dir_all(path.parent().expect("a file in a directory")).expect("mkdir");
        std::fs::write(&path, text).expect("write the crate");
    }
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    std::fs::copy(lock, dir.join("Cargo.lock")).expect("copy Cargo.lock");
    cargo(
        &dir,
        &[
            "build",
            "-q",
            "--offline",
            "--no-default-features",
            "--features",
            "beta",
        ],
    );
    for group in ["alpha", "gamma"] {
        cargo(
            &dir,
            &[
                "check",
                "-q",
                "--offline",
                "--no-default-features",
                "--features",
                group,
            ],
        );
    }
    cargo(&dir, &["clippy", "-q", "--offline", "--", "-D", "warnings"]);
    // The body enums, behind `bodies`, with one group and with all.
    for features in ["bodies,beta", "bodies,full"] {
        cargo(
            &dir,
            &[
                "clippy",
                "-q",
                "--offline",
                "--no-default-features",
                "--features",
                features,
                "--",
                "-D",
                "warnings",
            ],
        );
    }
}
