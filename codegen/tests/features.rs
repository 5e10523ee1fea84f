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
             # The `Request`/`Response` body enums (servers, mocks, recorded traffic).\n\
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
            "/// Complex type `Beta_TotalResponse`. #[cfg(feature = \"beta\")] #[derive("
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
    assert!(file(&files, "Cargo.toml").ends_with("\n[features]\n# The `Request`/`Response` body enums (servers, mocks, recorded traffic).\nbodies = []\n"));
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
