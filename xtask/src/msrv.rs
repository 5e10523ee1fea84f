//! `cargo xtask msrv`: checks that the workspace's declared `rust-version` is true.
//!
//! A `rust-version` is only honest if every locked dependency builds with that compiler. Cargo
//! records each package's own declaration in `cargo metadata`, so the check reads
//! `cargo metadata --format-version 1 --locked` and fails when any locked package declares a
//! newer `rust-version` than the workspace members do. `--locked` makes a stale `Cargo.lock`
//! an error too, because the check would otherwise judge a different resolution.
//!
//! The declaration must also cover the language the workspace itself is written in. Only one
//! toolchain is installed where this runs, so an older compiler cannot be asked; instead every
//! `.rs` file of the workspace members is parsed with `syn` and checked for syntax newer than
//! the declaration ([`SYNTAX_FLOORS`]). Standard-library items newer than the declaration are
//! caught by clippy's `incompatible_msrv` lint, which reads the same `rust-version`.

use std::cmp::Ordering;
use std::fmt;
use std::process::{Command, ExitCode};

use serde_json::Value;
use syn::visit::Visit;

use crate::paths;

/// A Rust release as written in a manifest's `rust-version` (`1.86` or `1.86.0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustVersion {
    major: u64,
    minor: u64,
    patch: u64,
}

impl RustVersion {
    /// Parses `MAJOR.MINOR[.PATCH]`; anything else is `None`.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next()?.parse().ok()?;
        let patch = match parts.next() {
            Some(patch) => patch.parse().ok()?,
            None => 0,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Self {
            major,
            minor,
            patch,
        })
    }
}

impl fmt::Display for RustVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.patch == 0 {
            write!(f, "{}.{}", self.major, self.minor)
        } else {
            write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
        }
    }
}

/// One package's declared `rust-version`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    /// `name version` of the package.
    pub package: String,
    /// What it declares.
    pub rust_version: RustVersion,
}

/// What the metadata says about the workspace's minimum supported Rust version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MsrvReport {
    /// The lowest `rust-version` any workspace member declares (the promise made to users).
    pub declared: RustVersion,
    /// The highest `rust-version` any locked package declares (what the lock really needs).
    pub required: RustVersion,
    /// Locked packages whose declaration exceeds `declared`, highest first.
    pub violations: Vec<Declaration>,
}

/// Reads `cargo metadata --format-version 1` output and compares declarations.
pub fn evaluate(metadata: &Value) -> Result<MsrvReport, String> {
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .ok_or("cargo metadata has no `workspace_members` list")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let packages = metadata["packages"]
        .as_array()
        .ok_or("cargo metadata has no `packages` list")?;

    let mut declared: Option<RustVersion> = None;
    let mut locked = Vec::new();
    for package in packages {
        let name = package["name"].as_str().unwrap_or("?");
        let label = format!("{name} {}", package["version"].as_str().unwrap_or("?"));
        let is_member = package["id"]
            .as_str()
            .is_some_and(|id| members.contains(&id));
        let rust_version =
            match package["rust_version"].as_str() {
                Some(text) => Some(RustVersion::parse(text).ok_or_else(|| {
                    format!("{label} declares an unreadable rust-version `{text}`")
                })?),
                None => None,
            };
        match (is_member, rust_version) {
            (true, None) => {
                return Err(format!(
                    "workspace member {label} declares no rust-version; set \
                     `rust-version.workspace = true` in its Cargo.toml"
                ));
            }
            (true, Some(version)) => {
                declared = Some(declared.map_or(version, |lowest| lowest.min(version)));
            }
            (false, Some(version)) => locked.push(Declaration {
                package: label,
                rust_version: version,
            }),
            (false, None) => {}
        }
    }
    let declared = declared.ok_or("cargo metadata lists no workspace member")?;
    let required = locked
        .iter()
        .map(|d| d.rust_version)
        .chain(std::iter::once(declared))
        .max()
        .unwrap_or(declared);
    let mut violations: Vec<Declaration> = locked
        .into_iter()
        .filter(|d| d.rust_version > declared)
        .collect();
    violations.sort_by(|a, b| match b.rust_version.cmp(&a.rust_version) {
        Ordering::Equal => a.package.cmp(&b.package),
        other => other,
    });
    Ok(MsrvReport {
        declared,
        required,
        violations,
    })
}

/// Syntax the check recognises, with the Rust release that stabilised it.
pub const SYNTAX_FLOORS: &[(&str, &str)] = &[("let chains (`if let … && …`)", "1.88")];

/// One use of syntax newer than the declared `rust-version`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxUse {
    /// Which syntax, as named in [`SYNTAX_FLOORS`].
    pub feature: &'static str,
    /// The release that stabilised it.
    pub since: RustVersion,
    /// 1-based line of the use.
    pub line: usize,
}

/// Finds the syntax of [`SYNTAX_FLOORS`] in one source file.
pub fn syntax_uses(source: &str) -> Result<Vec<SyntaxUse>, syn::Error> {
    let file = syn::parse_file(source)?;
    let mut finder = SyntaxFinder::default();
    finder.visit_file(&file);
    Ok(finder.uses)
}

#[derive(Default)]
struct SyntaxFinder {
    uses: Vec<SyntaxUse>,
}

impl<'ast> Visit<'ast> for SyntaxFinder {
    fn visit_expr_binary(&mut self, node: &'ast syn::ExprBinary) {
        let is_let = |e: &syn::Expr| matches!(e, syn::Expr::Let(_));
        if matches!(node.op, syn::BinOp::And(_)) && (is_let(&node.left) || is_let(&node.right)) {
            let (feature, since) = SYNTAX_FLOORS[0];
            self.uses.push(SyntaxUse {
                feature,
                since: RustVersion::parse(since).unwrap_or(RustVersion {
                    major: 1,
                    minor: u64::MAX,
                    patch: 0,
                }),
                line: syn::spanned::Spanned::span(&node.op).start().line,
            });
        }
        syn::visit::visit_expr_binary(self, node);
    }
}

/// The `.rs` files below `dir`, skipping build output and hidden folders.
fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if name != "target" && !name.starts_with('.') {
                rust_files(&path, out)?;
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// Checks every workspace source file against `declared`; returns one line per violation.
fn syntax_violations(metadata: &Value, declared: RustVersion) -> Result<Vec<String>, String> {
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .map(|m| m.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut files = Vec::new();
    for package in metadata["packages"].as_array().into_iter().flatten() {
        let is_member = package["id"]
            .as_str()
            .is_some_and(|id| members.contains(&id));
        let Some(manifest) = package["manifest_path"].as_str().filter(|_| is_member) else {
            continue;
        };
        let dir = std::path::Path::new(manifest)
            .parent()
            .ok_or_else(|| format!("manifest path {manifest} has no folder"))?;
        rust_files(dir, &mut files)?;
    }
    files.sort();
    files.dedup();
    let mut violations = Vec::new();
    for path in files {
        let source = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let uses = syntax_uses(&source).map_err(|e| {
            let at = e.span().start();
            format!("{}:{}:{}: {e}", path.display(), at.line, at.column + 1)
        })?;
        for found in uses.into_iter().filter(|u| u.since > declared) {
            violations.push(format!(
                "{}:{}: {} needs Rust {}",
                path.display(),
                found.line,
                found.feature,
                found.since
            ));
        }
    }
    Ok(violations)
}

/// Runs `cargo metadata --locked` in the workspace root and checks the declarations.
pub fn run() -> Result<ExitCode, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(paths::workspace_root())
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata --locked failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let metadata: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata printed unreadable JSON: {e}"))?;
    let report = evaluate(&metadata)?;
    let syntax = syntax_violations(&metadata, report.declared)?;
    if !syntax.is_empty() {
        eprintln!(
            "msrv: the workspace declares rust-version {}, but its own code uses newer syntax:",
            report.declared
        );
        for line in syntax.iter().take(20) {
            eprintln!("  {line}");
        }
        if syntax.len() > 20 {
            eprintln!("  … and {} more", syntax.len() - 20);
        }
        return Ok(ExitCode::FAILURE);
    }
    if report.violations.is_empty() {
        println!(
            "msrv: the workspace declares rust-version {}; the highest any locked package \
             declares is {}",
            report.declared, report.required
        );
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "msrv: the workspace declares rust-version {}, but locked packages need newer Rust:",
        report.declared
    );
    for violation in &report.violations {
        eprintln!(
            "  {} declares {}",
            violation.package, violation.rust_version
        );
    }
    eprintln!(
        "raise `rust-version` in the workspace Cargo.toml to {} (or lock older versions)",
        report.required
    );
    Ok(ExitCode::FAILURE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(members: &[(&str, Option<&str>)], deps: &[(&str, Option<&str>)]) -> Value {
        let package = |(name, version): &(&str, Option<&str>)| {
            serde_json::json!({
                "id": format!("{name}-id"),
                "name": name,
                "version": "1.0.0",
                "rust_version": version,
            })
        };
        let packages: Vec<Value> = members.iter().chain(deps).map(package).collect();
        let ids: Vec<String> = members.iter().map(|(n, _)| format!("{n}-id")).collect();
        serde_json::json!({ "packages": packages, "workspace_members": ids })
    }

    fn version(text: &str) -> RustVersion {
        RustVersion::parse(text).expect("test versions are well formed")
    }

    #[test]
    fn let_chains_are_found_with_their_line() {
        let source = "fn f(a: Option<u8>) -> bool {\n    if let Some(x) = a && x > 1 {\n        return true;\n    }\n    a.is_some() && a != Some(0)\n}\n";
        let uses = syntax_uses(source).expect("valid Rust");
        assert_eq!(
            uses,
            vec![SyntaxUse {
                feature: SYNTAX_FLOORS[0].0,
                since: version("1.88"),
                line: 2,
            }]
        );
        let plain = "fn f(a: Option<u8>) { if let Some(x) = a { let _ = x > 1 && true; } }";
        assert!(syntax_uses(plain).expect("valid Rust").is_empty());
    }

    #[test]
    fn parses_two_and_three_part_versions() {
        assert_eq!(version("1.86"), version("1.86.0"));
        assert!(version("1.86") > version("1.85.1"));
        assert!(version("1.100") > version("1.99"));
        assert_eq!(RustVersion::parse("1"), None);
        assert_eq!(RustVersion::parse("1.86.0.1"), None);
        assert_eq!(RustVersion::parse("1.x"), None);
        assert_eq!(version("1.85.1").to_string(), "1.85.1");
        assert_eq!(version("1.86.0").to_string(), "1.86");
    }

    #[test]
    fn a_dependency_above_the_declared_version_is_a_violation() {
        let report = evaluate(&metadata(
            &[("app", Some("1.85")), ("lib", Some("1.85"))],
            &[
                ("quick-xml", Some("1.86")),
                ("tokio", Some("1.70")),
                ("old", None),
            ],
        ))
        .expect("well-formed metadata");
        assert_eq!(report.declared, version("1.85"));
        assert_eq!(report.required, version("1.86"));
        assert_eq!(
            report.violations,
            vec![Declaration {
                package: "quick-xml 1.0.0".into(),
                rust_version: version("1.86"),
            }]
        );
    }

    #[test]
    fn a_true_declaration_passes() {
        let report = evaluate(&metadata(
            &[("app", Some("1.86"))],
            &[("quick-xml", Some("1.86.0")), ("tokio", Some("1.70"))],
        ))
        .expect("well-formed metadata");
        assert!(report.violations.is_empty());
        assert_eq!(report.required, version("1.86"));
    }

    #[test]
    fn the_lowest_member_declaration_is_the_promise() {
        let report = evaluate(&metadata(
            &[("app", Some("1.90")), ("lib", Some("1.80"))],
            &[("dep", Some("1.85"))],
        ))
        .expect("well-formed metadata");
        assert_eq!(report.declared, version("1.80"));
        assert_eq!(report.violations.len(), 1);
    }

    #[test]
    fn a_member_without_rust_version_is_an_error() {
        let error = evaluate(&metadata(&[("app", None)], &[])).expect_err("must refuse");
        assert!(
            error.contains("app 1.0.0 declares no rust-version"),
            "{error}"
        );
    }

    #[test]
    fn an_unreadable_declaration_is_an_error() {
        let error = evaluate(&metadata(
            &[("app", Some("1.86"))],
            &[("dep", Some("soon"))],
        ))
        .expect_err("must refuse");
        assert!(error.contains("unreadable rust-version `soon`"), "{error}");
    }
}
