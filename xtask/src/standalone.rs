//! `cargo xtask codegen --crate NAME --out DIR`: a WSDL becomes a complete crate on the
//! generic SOAP runtime (see `codegen::generate_crate`), with `--map URL=FILE` mappings for
//! imports published under absolute URLs and an optional `--declarations FILE`.

use std::path::{Path, PathBuf};

/// What the crate mode needs beyond the common `codegen` options.
#[derive(Debug, Clone, PartialEq, Eq, Default, clap::Args)]
pub struct CrateArgs {
    /// Write a complete standalone crate with this package name into --out (needs --wsdl FILE)
    /// instead of the Marketo bindings.
    #[arg(long = "crate", value_name = "NAME")]
    pub name: Option<String>,
    /// Service declarations (TOML: provided_headers, idempotent, checks, paging). Default: none
    /// for a crate, mktows/codegen.toml for the Marketo bindings.
    #[arg(long, value_name = "FILE")]
    pub declarations: Option<PathBuf>,
    /// Read imports of URL from FILE (relative to the WSDL's directory, or absolute); a URL
    /// ending in `/` maps everything below it (repeatable).
    #[arg(long = "map", value_name = "URL=FILE", value_parser = parse_mapping)]
    pub mappings: Vec<(String, PathBuf)>,
    /// The TOML value of the crate's soap-runtime dependency. Default: a path dependency on
    /// this workspace's codegen/runtime.
    #[arg(long = "runtime-dep", value_name = "TOML")]
    pub runtime_dependency: Option<String>,
    /// Do not mark generated structs and enums `#[non_exhaustive]` (overrides
    /// `non_exhaustive` in the declarations). Code outside the generated crate may then use
    /// struct literals and exhaustive matches, and breaks when a later WSDL adds a field or value.
    #[arg(long)]
    pub exhaustive: bool,
    /// Feature-gated operation groups: group operations by their name's prefix before the
    /// first SEPARATOR (`_`: `Account_GetData` is in feature `account`), one Cargo feature per
    /// group plus `full` (the default), so users compile only what they call (overrides
    /// `feature_groups` in the declarations).
    #[arg(long = "feature-groups", value_name = "SEPARATOR")]
    pub feature_groups: Option<String>,
}

/// `URL=FILE` of `--map`, split at the last `=`: URLs often carry `=` in their query
/// (every WCF service publishes its schemas as `Service.svc?xsd=xsd0`), file names rarely do.
fn parse_mapping(mapping: &str) -> Result<(String, PathBuf), String> {
    mapping
        .rsplit_once('=')
        .filter(|(url, file)| !url.is_empty() && !file.is_empty())
        .map(|(url, file)| (url.to_owned(), PathBuf::from(file)))
        .ok_or_else(|| format!("expected URL=FILE, got `{mapping}`"))
}

impl CrateArgs {
    /// The same options as command-line arguments (for the command that regenerates).
    pub fn to_args(&self) -> String {
        let mut out = String::new();
        if let Some(name) = &self.name {
            out.push_str(&format!(" --crate {name}"));
        }
        if let Some(file) = &self.declarations {
            out.push_str(&format!(" --declarations {}", file.display()));
        }
        for (url, file) in &self.mappings {
            out.push_str(&format!(" --map {url}={}", file.display()));
        }
        if let Some(dep) = &self.runtime_dependency {
            out.push_str(&format!(" --runtime-dep '{dep}'"));
        }
        if self.exhaustive {
            out.push_str(" --exhaustive");
        }
        if let Some(separator) = &self.feature_groups {
            out.push_str(&format!(" --feature-groups '{separator}'"));
        }
        out
    }
}

/// Reads a declarations file.
pub fn read_declarations(path: &Path) -> Result<codegen::Declarations, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    codegen::Declarations::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Loads a local WSDL through a [`wsdl::MapResolver`] (relative paths below the WSDL's
/// directory) and returns the model with the entry document's description.
pub fn load_mapped(
    wsdl: &Path,
    mappings: &[(String, PathBuf)],
) -> Result<(wsdl::Definitions, codegen::InputInfo), String> {
    let text = std::fs::read(wsdl).map_err(|e| format!("cannot read {}: {e}", wsdl.display()))?;
    let directory = match wsdl.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let entry = wsdl
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| format!("{} is not a file", wsdl.display()))?;
    let mut resolver = wsdl::MapResolver::new(&directory);
    for (location, file) in mappings {
        resolver.insert(location.clone(), file);
    }
    let resolver = RecordingResolver {
        inner: resolver,
        requested: std::cell::RefCell::new(Vec::new()),
    };
    let loaded = wsdl::load_with(&entry, &resolver);
    let unmatched = unmatched_mappings(mappings, &resolver.requested.borrow());
    let note = (!unmatched.is_empty()).then(|| {
        let list: Vec<String> = unmatched.iter().map(|url| format!("`{url}`")).collect();
        format!(
            "--map {} matched no location the description imports",
            list.join(", ")
        )
    });
    let defs = loaded.map_err(|e| match &note {
        Some(note) => format!("{}: {e} (note: {note})", directory.display()),
        None => format!("{}: {e}", directory.display()),
    })?;
    if let Some(note) = note {
        eprintln!("warning: {note}");
    }
    Ok((defs, codegen::InputInfo::from_bytes(entry, &text)))
}

/// A [`wsdl::MapResolver`] that remembers every location asked for, so a `--map` entry that
/// matched none (almost always a typo in its URL) is reported instead of silently ignored.
struct RecordingResolver {
    inner: wsdl::MapResolver,
    requested: std::cell::RefCell<Vec<String>>,
}

impl wsdl::Resolver for RecordingResolver {
    fn resolve(&self, base: Option<&str>, location: &str) -> Result<wsdl::Document, wsdl::Error> {
        self.requested.borrow_mut().push(location.to_owned());
        self.inner.resolve(base, location)
    }
}

/// The `--map` URLs no requested location matched: not equal to it, nor (for a URL ending in
/// `/`) a prefix of it, as [`wsdl::MapResolver`] matches them.
fn unmatched_mappings<'m>(mappings: &'m [(String, PathBuf)], requested: &[String]) -> Vec<&'m str> {
    mappings
        .iter()
        .map(|(url, _)| url.as_str())
        .filter(|url| {
            !requested.iter().any(|location| {
                location == url || (url.ends_with('/') && location.starts_with(url))
            })
        })
        .collect()
}

/// Generates the crate for `wsdl` (see [`CrateArgs`]) as files relative to the crate root.
pub fn generate_crate(wsdl: &Path, args: &CrateArgs) -> Result<codegen::CrateFiles, String> {
    let name = args.name.clone().ok_or("crate mode needs --crate NAME")?;
    let (defs, input) = load_mapped(wsdl, &args.mappings)?;
    let mut declarations = match &args.declarations {
        Some(path) => read_declarations(path)?,
        None => codegen::Declarations::default(),
    };
    if args.exhaustive {
        declarations.non_exhaustive = false;
    }
    if let Some(separator) = &args.feature_groups {
        declarations.feature_groups = Some(separator.clone());
    }
    let mut options = codegen::CrateOptions::new(name);
    if let Some(dep) = &args.runtime_dependency {
        options.runtime_dependency = dep.clone();
    }
    codegen::generate_crate(&defs, &input, &declarations, &options)
        .map_err(|e| format!("generation failed: {e}"))
}

/// Writes the crate's files below `out` (creating directories; files whose contents did not
/// change are left alone, so cargo does not rebuild them). Returns how many were written.
pub fn write_crate(files: &codegen::CrateFiles, out: &Path) -> Result<usize, String> {
    let mut written = 0;
    for (relative, text) in files {
        let path = out.join(relative);
        if std::fs::read_to_string(&path).is_ok_and(|old| old == *text) {
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, clap::Parser)]
    struct Wrapper {
        #[command(flatten)]
        args: CrateArgs,
    }

    fn parse(args: &[&str]) -> Result<CrateArgs, clap::Error> {
        use clap::Parser as _;
        Wrapper::try_parse_from(std::iter::once("x").chain(args.iter().copied())).map(|w| w.args)
    }

    #[test]
    fn crate_options_parse_and_print_back() {
        let parsed = parse(&[
            "--crate",
            "blz-client",
            "--map",
            "http://example.com/a.xsd=local/a.xsd",
            "--declarations",
            "svc.toml",
            "--exhaustive",
            "--feature-groups",
            "_",
        ])
        .unwrap();
        assert_eq!(parsed.name.as_deref(), Some("blz-client"));
        assert_eq!(
            parsed.mappings,
            [(
                "http://example.com/a.xsd".to_owned(),
                PathBuf::from("local/a.xsd")
            )]
        );
        assert_eq!(
            parsed.to_args(),
            " --crate blz-client --declarations svc.toml --map http://example.com/a.xsd=local/a.xsd \
             --exhaustive --feature-groups '_'"
        );
        assert!(parse(&["--map", "no-equals"]).is_err());
        assert!(parse(&["--map", "http://h/S.svc?xsd=xsd0="]).is_err());
        assert!(parse(&["--map", "=file"]).is_err());
        assert!(parse(&["--crate"]).is_err());
        assert_eq!(parse(&[]).map(|args| args.exhaustive).ok(), Some(false));
    }

    #[test]
    fn a_mapped_url_may_contain_equals_signs() {
        let parsed = parse(&["--map", "http://h/S.svc?xsd=xsd0=local/x.xsd"]).unwrap();
        assert_eq!(
            parsed.mappings,
            [(
                "http://h/S.svc?xsd=xsd0".to_owned(),
                PathBuf::from("local/x.xsd")
            )]
        );
        assert_eq!(
            parsed.to_args(),
            " --map http://h/S.svc?xsd=xsd0=local/x.xsd"
        );
    }

    #[test]
    fn mappings_no_location_matched_are_found() {
        let mappings = [
            ("http://h/S.svc?xsd=xsd0".to_owned(), PathBuf::from("a.xsd")),
            ("http://h/S.svc?xsd=xsd9".to_owned(), PathBuf::from("b.xsd")),
            ("http://h/dir/".to_owned(), PathBuf::from("dir/")),
            ("http://h/other/".to_owned(), PathBuf::from("other/")),
        ];
        let requested =
            ["svc.wsdl", "http://h/S.svc?xsd=xsd0", "http://h/dir/x.xsd"].map(String::from);
        assert_eq!(
            unmatched_mappings(&mappings, &requested),
            ["http://h/S.svc?xsd=xsd9", "http://h/other/"]
        );
    }

    #[test]
    fn mapped_imports_are_read_from_local_files() {
        let dir = std::env::temp_dir().join(format!("xtask-map-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("schemas")).unwrap();
        let wsdl = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:mapped" targetNamespace="urn:mapped">
  <wsdl:types><xs:schema targetNamespace="urn:mapped">
    <xs:include schemaLocation="https://example.com/published/thing.xsd"/>
  </xs:schema></wsdl:types>
  <wsdl:message name="In"><wsdl:part name="p" element="tns:Thing"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="get"><wsdl:input message="tns:In"/><wsdl:output message="tns:In"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:P"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="get"><soap:operation soapAction="urn:get"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>"#;
        let xsd = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:mapped">
  <xs:element name="Thing"><xs:complexType><xs:sequence><xs:element name="id" type="xs:int" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>
</xs:schema>"#;
        std::fs::write(dir.join("svc.wsdl"), wsdl).unwrap();
        std::fs::write(dir.join("schemas/thing.xsd"), xsd).unwrap();
        let unmapped = load_mapped(&dir.join("svc.wsdl"), &[]);
        assert!(unmapped.is_err(), "the URL is not fetched");
        let typo = [(
            "https://example.com/publisehd/".to_owned(),
            PathBuf::from("schemas/"),
        )];
        let error = load_mapped(&dir.join("svc.wsdl"), &typo).expect_err("nothing mapped");
        assert!(
            error.ends_with(
                "(note: --map `https://example.com/publisehd/` matched no location the \
                 description imports)"
            ),
            "{error}"
        );
        let mapping = [(
            "https://example.com/published/".to_owned(),
            PathBuf::from("schemas/"),
        )];
        let args = CrateArgs {
            name: Some("mapped".into()),
            mappings: mapping.to_vec(),
            ..CrateArgs::default()
        };
        let files = generate_crate(&dir.join("svc.wsdl"), &args).unwrap();
        let types = files.get("src/types.rs").expect("types");
        assert!(types.contains("pub struct Thing"), "{types}");
        let manifest = files.get("Cargo.toml").expect("manifest");
        assert!(manifest.contains("name = \"mapped\""), "{manifest}");
        assert!(
            manifest.contains("soap-runtime = { package = \"mktows-soap-runtime\", path = "),
            "{manifest}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
