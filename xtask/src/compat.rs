//! `cargo xtask codegen-compat`: does the generator's output for other WSDL versions compile
//! against the runtime?
//!
//! For each WSDL it builds a scratch workspace under `target/codegen-compat/<name>/`: a copy of
//! the `mktows` crate (runtime sources, manifest) with `src/generated/` generated from that WSDL,
//! the workspace manifest reduced to that one member, and the workspace `Cargo.lock`. The copy's
//! package is renamed `mktows-compat-<name>` so its build artifacts and fingerprints can never be
//! confused with the real crate's (cargo hashes path packages relative to the workspace root, so
//! same-named copies would share them). Then it runs `cargo clippy -p mktows-compat-<name> --lib
//! -- -D warnings` with the workspace target directory, so dependencies are not rebuilt (only the
//! scratch crate is compiled and linted).
//!
//! `--bare PATH` inputs (by default the generator's fixtures under `codegen/tests/fixtures/`)
//! are checked against a bare crate instead (see [`crate::bare_runtime`]): the generated code on
//! the generic runtime with a plain `Client`, since the Marketo layer names Marketo types.
//!
//! Without inputs only the bare fixtures are checked. The Marketo layer (guards, simulator) is
//! written for the 2_2 bindings it ships with; the older Marketo WSDLs are checked as standalone
//! crates by `--corpus` (generated, linted and called), and `--wsdl` still builds the full crate
//! for a given version.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::bare_runtime;
use crate::codegen_cmd;
use crate::fetch::Source;
use crate::paths;

/// An older Marketo WSDL (relative to the shared data directory), for the scratch-crate test.
#[cfg(test)]
const MARKETO_2_0: &str = "wsdl/marketo/mktows-2_0.wsdl";

/// The WSDLs checked against the bare runtime when no input is given (relative to the workspace).
const DEFAULT_BARE_INPUTS: &[&str] = &[
    "codegen/tests/fixtures/shapes.wsdl",
    "codegen/tests/fixtures/attributes.wsdl",
    "codegen/tests/fixtures/wildcards.wsdl",
    "codegen/tests/fixtures/structures.wsdl",
    "codegen/tests/fixtures/namespaces.wsdl",
    "codegen/tests/fixtures/interleaved.wsdl",
];

/// Which runtime a generated crate is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runtime {
    /// The whole `mktows` crate.
    Full,
    /// Codec, envelope and operation metadata with a stand-in client.
    Bare,
}

/// Arguments of `cargo xtask codegen-compat`; with neither option it checks the older
/// Marketo WSDLs in ../shared and the generator's shape fixture.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Options {
    /// A WSDL to check against the full mktows runtime (repeatable).
    #[arg(long, value_name = "PATH")]
    pub wsdl: Vec<PathBuf>,
    /// A WSDL to check against the bare codec runtime with a stand-in client (repeatable).
    #[arg(long, value_name = "PATH")]
    pub bare: Vec<PathBuf>,
    /// Instead: every corpus and Marketo WSDL as a standalone crate (clippy -D warnings and
    /// loopback calls per binding) or its pinned refusal (see xtask/src/corpus.rs).
    #[arg(long, conflicts_with_all = ["wsdl", "bare"])]
    pub corpus: bool,
    /// With --corpus: only these entries (e.g. blz, economic).
    #[arg(requires = "corpus", value_name = "NAME")]
    pub entries: Vec<String>,
    /// With --corpus: read the reference data from DIR instead of ../shared.
    #[arg(long, requires = "corpus", value_name = "DIR")]
    pub shared: Option<PathBuf>,
}

/// Entry point for `cargo xtask codegen-compat [--wsdl PATH]... [--bare PATH]...`.
pub fn run(options: &Options) -> Result<ExitCode, String> {
    if options.corpus {
        return Ok(
            if crate::corpus::run(&options.entries, options.shared.as_deref())? {
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "codegen-compat --corpus: outcomes differ from the pins in xtask/src/corpus.rs"
                );
                ExitCode::FAILURE
            },
        );
    }
    let root = paths::workspace_root();
    let inputs = inputs(options, &root)?;
    let target_dir =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let mut failed = Vec::new();
    for (input, runtime) in &inputs {
        let stem = input
            .file_stem()
            .map_or_else(|| "input".to_owned(), |s| s.to_string_lossy().into_owned());
        let name = match runtime {
            Runtime::Full => stem,
            Runtime::Bare => format!("{stem}-bare"),
        };
        let scratch = target_dir.join("codegen-compat").join(&name);
        println!(
            "codegen-compat: {} → {}",
            input.display(),
            scratch.display()
        );
        let package = package_name(&name);
        prepare(&root, &scratch, input, &package, *runtime)?;
        if check(&scratch, &target_dir, &package)? {
            println!("codegen-compat: {name} compiles");
        } else {
            failed.push(name);
        }
    }
    if failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "codegen-compat: generated code does not compile for: {}",
            failed.join(", ")
        );
        Ok(ExitCode::FAILURE)
    }
}

/// The inputs to check, each with the runtime it is checked against.
fn inputs(options: &Options, root: &Path) -> Result<Vec<(PathBuf, Runtime)>, String> {
    let mut inputs: Vec<(PathBuf, Runtime)> = options
        .wsdl
        .iter()
        .map(|path| (path.clone(), Runtime::Full))
        .chain(
            options
                .bare
                .iter()
                .map(|path| (path.clone(), Runtime::Bare)),
        )
        .collect();
    if inputs.is_empty() {
        for relative in DEFAULT_BARE_INPUTS {
            inputs.push((root.join(relative), Runtime::Bare));
        }
    }
    Ok(inputs)
}

/// `mktows-compat-<name>` with characters cargo does not accept in package names replaced.
pub fn package_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("mktows-compat-{clean}")
}

/// Writes the scratch workspace for `wsdl` into `scratch` (replacing what was there), with the
/// crate renamed to `package` and, for [`Runtime::Bare`], only the bare runtime's sources.
pub fn prepare(
    root: &Path,
    scratch: &Path,
    wsdl: &Path,
    package: &str,
    runtime: Runtime,
) -> Result<(), String> {
    if scratch.exists() {
        std::fs::remove_dir_all(scratch)
            .map_err(|e| format!("cannot clear {}: {e}", scratch.display()))?;
    }
    let crate_dir = scratch.join("mktows");
    // Only the library is checked: the tests, and the build script that marks those needing
    // ../shared (it includes a file from outside the crate), stay behind.
    copy_tree(
        &root.join("mktows"),
        &crate_dir,
        &[
            Path::new("src/generated"),
            Path::new("target"),
            Path::new("build.rs"),
            Path::new("tests"),
        ],
    )?;
    let manifest_path = root.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))?;
    // Path dependencies of the workspace table point back into this workspace.
    let runtime_path = root.join("codegen/runtime");
    let manifest = manifest.replace(
        "path = \"codegen/runtime\"",
        &format!("path = {:?}", runtime_path.display().to_string()),
    );
    write(
        &scratch.join("Cargo.toml"),
        &single_member_manifest(&manifest)?,
    )?;
    let crate_manifest_path = crate_dir.join("Cargo.toml");
    let crate_manifest = std::fs::read_to_string(&crate_manifest_path)
        .map_err(|e| format!("cannot read {}: {e}", crate_manifest_path.display()))?;
    write(
        &crate_manifest_path,
        &renamed_package(&crate_manifest, package)?,
    )?;
    let lock = root.join("Cargo.lock");
    if lock.is_file() {
        std::fs::copy(&lock, scratch.join("Cargo.lock"))
            .map_err(|e| format!("cannot copy {}: {e}", lock.display()))?;
    }
    if runtime == Runtime::Bare {
        let src = crate_dir.join("src");
        std::fs::remove_dir_all(&src)
            .map_err(|e| format!("cannot clear {}: {e}", src.display()))?;
        std::fs::create_dir_all(&src)
            .map_err(|e| format!("cannot create {}: {e}", src.display()))?;
        let runtime_src = root.join("mktows/src");
        for relative in bare_runtime::COPIED {
            let from = runtime_src.join(relative);
            if from.is_dir() {
                copy_tree(&from, &src.join(relative), &[])?;
            } else {
                std::fs::copy(&from, src.join(relative))
                    .map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
            }
        }
        write(&src.join("lib.rs"), bare_runtime::LIB_RS)?;
    }
    let files = codegen_cmd::generate(&Source::File(wsdl.to_path_buf()))?;
    codegen_cmd::write(&files, &crate_dir.join("src/generated"))?;
    Ok(())
}

/// The workspace manifest with `members = [...]` reduced to `["mktows"]`.
pub fn single_member_manifest(manifest: &str) -> Result<String, String> {
    let start = manifest
        .find("members")
        .ok_or("the workspace Cargo.toml has no `members` list")?;
    let open = manifest[start..]
        .find('[')
        .map(|i| start + i)
        .ok_or("malformed `members` list in the workspace Cargo.toml")?;
    let close = manifest[open..]
        .find(']')
        .map(|i| open + i)
        .ok_or("malformed `members` list in the workspace Cargo.toml")?;
    Ok(format!(
        "{}members = [\"mktows\"]{}",
        &manifest[..start],
        &manifest[close + 1..]
    ))
}

/// The crate manifest with its `[package]` `name` replaced and its `[dev-dependencies]` table
/// dropped: only the library is checked, and dev-dependencies may name workspace members (or the
/// crate itself) that the single-member scratch workspace does not have.
pub fn renamed_package(manifest: &str, package: &str) -> Result<String, String> {
    let mut out = String::with_capacity(manifest.len());
    let mut renamed = false;
    let mut in_dev_dependencies = false;
    for line in manifest.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            in_dev_dependencies = trimmed.starts_with("[dev-dependencies]");
        }
        if in_dev_dependencies {
            continue;
        }
        if !renamed && trimmed.starts_with("name") && line.contains('=') {
            out.push_str(&format!("name = \"{package}\""));
            renamed = true;
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    if renamed {
        Ok(out)
    } else {
        Err("the mktows Cargo.toml has no package name".to_owned())
    }
}

/// `cargo clippy -- -D warnings` on the scratch crate (only it is linted; dependencies reuse the
/// check artifacts); `Ok(false)` when it does not compile cleanly.
fn check(scratch: &Path, target_dir: &Path, package: &str) -> Result<bool, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(scratch)
        .env("CARGO_TARGET_DIR", target_dir)
        .args(["clippy", "-p", package, "--lib", "--", "-D", "warnings"])
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(status.success())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Copies the directory tree `from` to `to`, leaving out the `skip` paths (relative to `from`).
fn copy_tree(from: &Path, to: &Path, skip: &[&Path]) -> Result<(), String> {
    copy_dir(from, to, from, skip)
}

fn copy_dir(dir: &Path, to: &Path, base: &Path, skip: &[&Path]) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let path = entry.path();
        let relative = path.strip_prefix(base).unwrap_or(&path);
        if skip.contains(&relative) {
            continue;
        }
        let destination = to.join(entry.file_name());
        let kind = entry
            .file_type()
            .map_err(|e| format!("cannot stat {}: {e}", path.display()))?;
        if kind.is_dir() {
            copy_dir(&path, &destination, base, skip)?;
        } else if kind.is_file() {
            std::fs::copy(&path, &destination)
                .map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_keeps_everything_but_the_member_list() {
        let manifest = "[workspace]\nresolver = \"3\"\nmembers = [\"wsdl\", \"codegen\",\n \"xtask\", \"mktows\"]\n\n[workspace.dependencies]\nmktows = { path = \"mktows\" }\n";
        let reduced = single_member_manifest(manifest).unwrap();
        assert_eq!(
            reduced,
            "[workspace]\nresolver = \"3\"\nmembers = [\"mktows\"]\n\n[workspace.dependencies]\nmktows = { path = \"mktows\" }\n"
        );
        assert!(single_member_manifest("[package]\nname = \"x\"\n").is_err());
    }

    #[test]
    fn package_is_renamed_once() {
        let manifest = "[package]\nname = \"mktows\"\nversion = \"1\"\n[features]\nname = []\n";
        let renamed = renamed_package(manifest, "mktows-compat-a").unwrap();
        assert_eq!(
            renamed,
            "[package]\nname = \"mktows-compat-a\"\nversion = \"1\"\n[features]\nname = []\n"
        );
        assert_eq!(package_name("mktows-2.0"), "mktows-compat-mktows-2_0");
    }

    #[test]
    fn dev_dependencies_are_dropped_from_the_copy() {
        let manifest = "[package]\nname = \"mktows\"\n[dev-dependencies]\nwsdl.workspace = true\nmktows = { path = \".\" }\n\n[lints]\nworkspace = true\n";
        let renamed = renamed_package(manifest, "mktows-compat-a").unwrap();
        assert_eq!(
            renamed,
            "[package]\nname = \"mktows-compat-a\"\n[lints]\nworkspace = true\n"
        );
    }

    #[test]
    #[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
    fn scratch_workspace_has_runtime_and_fresh_generated_code() {
        let wsdl = crate::shared_data::shared_dir().join(MARKETO_2_0);
        let scratch =
            std::env::temp_dir().join(format!("codegen-compat-test-{}", std::process::id()));
        let root = paths::workspace_root();
        prepare(&root, &scratch, &wsdl, "mktows-compat-test", Runtime::Full).unwrap();
        let lib = scratch.join("mktows/src/lib.rs");
        assert!(lib.is_file(), "runtime copied");
        let types = std::fs::read_to_string(scratch.join("mktows/src/generated/types.rs")).unwrap();
        assert!(
            types.starts_with("// @generated by cargo xtask codegen from mktows-2_0.wsdl (sha256 ")
        );
        let manifest = std::fs::read_to_string(scratch.join("Cargo.toml")).unwrap();
        assert!(manifest.contains("members = [\"mktows\"]"));
        let crate_manifest = std::fs::read_to_string(scratch.join("mktows/Cargo.toml")).unwrap();
        assert!(crate_manifest.contains("name = \"mktows-compat-test\""));
        std::fs::remove_dir_all(&scratch).unwrap();
    }

    #[test]
    fn bare_scratch_crate_has_the_generated_code_and_a_plain_client() {
        let root = paths::workspace_root();
        let wsdl = root.join(DEFAULT_BARE_INPUTS[0]);
        let scratch =
            std::env::temp_dir().join(format!("codegen-bare-test-{}", std::process::id()));
        prepare(&root, &scratch, &wsdl, "mktows-compat-bare", Runtime::Bare).unwrap();
        assert!(
            !scratch.join("mktows/build.rs").exists() && !scratch.join("mktows/tests").exists(),
            "the tests and their build script are left out"
        );
        let src = scratch.join("mktows/src");
        assert!(
            !src.join("client.rs").exists(),
            "the Marketo client is left out"
        );
        let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
        assert!(lib.contains("runtime: soap_runtime::Client,"));
        let manifest = std::fs::read_to_string(scratch.join("Cargo.toml")).unwrap();
        assert!(
            !manifest.contains("path = \"codegen/runtime\""),
            "the runtime path points back into the workspace: {manifest}"
        );
        let client = std::fs::read_to_string(src.join("generated/client.rs")).unwrap();
        assert!(client.contains("pub fn invoke_2("), "{client}");
        std::fs::remove_dir_all(&scratch).unwrap();
    }
}
