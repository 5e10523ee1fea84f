//! `cargo xtask codegen`: WSDL → `mktows/src/generated/` (or `--out DIR`), or `--check`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::fetch::{self, Source};
use crate::paths;
use crate::standalone::{self, CrateArgs};

/// Arguments of `cargo xtask codegen`.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Options {
    /// The WSDL to generate from: a file or an http(s) URL (imports are resolved relative to
    /// it). Default: ../shared/wsdl/marketo/mktows-2_2.wsdl beside the workspace.
    #[arg(long, value_name = "PATH|URL")]
    pub wsdl: Option<String>,
    /// Where the generated files go. Default: mktows/src/generated.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Only compare with what is on disk; fail (and write nothing) when it differs.
    #[arg(long)]
    pub check: bool,
    /// Standalone crate output (`--crate`, `--declarations`, `--map`, `--runtime-dep`).
    #[command(flatten)]
    pub standalone: CrateArgs,
}

impl Options {
    /// The command line that regenerates with the same input/output.
    fn fix_command(&self) -> String {
        let mut command = "cargo xtask codegen".to_owned();
        if let Some(wsdl) = &self.wsdl {
            command.push_str(&format!(" --wsdl {wsdl}"));
        }
        if let Some(out) = &self.out {
            command.push_str(&format!(" --out {}", out.display()));
        }
        command.push_str(&self.standalone.to_args());
        command
    }
}

/// Entry point for `cargo xtask codegen …`.
pub fn run(options: &Options) -> Result<ExitCode, String> {
    if options.standalone.name.is_some() {
        return run_crate(options);
    }
    let source = input_source(options.wsdl.as_deref(), &paths::default_wsdl())?;
    let out = options.out.clone().unwrap_or_else(paths::generated_dir);
    let started = Instant::now();
    let files = generate_declared(&source, &options.standalone)?;
    let elapsed = started.elapsed();
    if options.check {
        let problems = check(&files, &out)?;
        if problems.is_empty() {
            println!("{} is up to date ({} files)", out.display(), files.len());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{} is out of date:", out.display());
        for problem in &problems {
            eprintln!("  {problem}");
        }
        eprintln!("run `{}` to update it", options.fix_command());
        return Ok(ExitCode::FAILURE);
    }
    let report = write(&files, &out)?;
    println!(
        "generated {} files into {} in {} ms ({} changed, {} removed)",
        files.len(),
        out.display(),
        elapsed.as_millis(),
        report.changed,
        report.removed
    );
    Ok(ExitCode::SUCCESS)
}

/// The `--wsdl` argument, or the default WSDL when it exists (else an error saying where it was
/// looked for and that `--wsdl` overrides it).
pub fn input_source(wsdl: Option<&str>, default: &Path) -> Result<Source, String> {
    match wsdl {
        Some(arg) => Ok(Source::parse(arg)),
        None if default.is_file() => Ok(Source::File(default.to_path_buf())),
        None => Err(format!(
            "the default WSDL was not found at {} (the shared data directory next to the \
             workspace); pass --wsdl PATH|URL to use another input",
            default.display()
        )),
    }
}

/// `--crate NAME`: writes a complete crate into `--out DIR` (or compares with `--check`).
fn run_crate(options: &Options) -> Result<ExitCode, String> {
    let wsdl = options
        .wsdl
        .as_deref()
        .ok_or("--crate needs --wsdl FILE (a local file; map URL imports with --map)")?;
    let out = options.out.as_ref().ok_or("--crate needs --out DIR")?;
    let started = Instant::now();
    let files = standalone::generate_crate(Path::new(wsdl), &options.standalone)?;
    if options.check {
        let stale: Vec<&String> = files
            .iter()
            .filter(|(path, text)| {
                std::fs::read_to_string(out.join(path.as_str()))
                    .ok()
                    .as_ref()
                    != Some(*text)
            })
            .map(|(path, _)| path)
            .collect();
        if stale.is_empty() {
            println!("{} is up to date ({} files)", out.display(), files.len());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{} is out of date: {stale:?}", out.display());
        eprintln!("run `{}` to update it", options.fix_command());
        return Ok(ExitCode::FAILURE);
    }
    let written = standalone::write_crate(&files, out)?;
    println!(
        "generated crate {} ({} files, {written} changed) in {} ms",
        out.display(),
        files.len(),
        started.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}

/// Loads and generates the Marketo bindings (the timed part: fetch/parse, model, emit, format).
pub fn generate(source: &Source) -> Result<codegen::GeneratedFiles, String> {
    generate_declared(source, &CrateArgs::default())
}

/// Like [`generate`], with `--declarations` instead of the Marketo declarations when given,
/// and `--exhaustive` applied.
fn generate_declared(source: &Source, args: &CrateArgs) -> Result<codegen::GeneratedFiles, String> {
    let loaded = fetch::load(source)?;
    let input = codegen::InputInfo::from_bytes(source.display_name(), loaded.entry_text.as_bytes());
    let mut declarations = match &args.declarations {
        Some(path) => standalone::read_declarations(path)?,
        None => marketo_declarations()?,
    };
    if args.exhaustive {
        declarations.non_exhaustive = false;
    }
    codegen::generate_with(&loaded.definitions, &input, &declarations)
        .map_err(|e| format!("generation failed: {e}"))
}

/// The Marketo declarations (`mktows/codegen.toml`), which every Marketo WSDL version is
/// generated with.
fn marketo_declarations() -> Result<codegen::Declarations, String> {
    let path = crate::paths::marketo_declarations();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    codegen::Declarations::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// `.rs` files in `dir` (sorted); empty when the directory does not exist.
fn existing_files(dir: &Path) -> Result<BTreeSet<String>, String> {
    if !dir.exists() {
        return Ok(BTreeSet::new());
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut names = BTreeSet::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".rs") {
            names.insert(name);
        }
    }
    Ok(names)
}

/// Differences between `files` and the directory: `stale x`, `missing x`, `extra x`.
pub fn check(files: &codegen::GeneratedFiles, dir: &Path) -> Result<Vec<String>, String> {
    let existing = existing_files(dir)?;
    let mut problems = Vec::new();
    for (name, content) in files {
        let path = dir.join(name);
        if !existing.contains(*name) {
            problems.push(format!("missing {}", path.display()));
            continue;
        }
        let current = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if current != *content {
            problems.push(format!("stale {}", path.display()));
        }
    }
    for name in existing.iter().filter(|n| !files.contains_key(n.as_str())) {
        problems.push(format!("extra {}", dir.join(name).display()));
    }
    Ok(problems)
}

/// What [`write()`] did.
pub struct WriteReport {
    /// Files created or rewritten.
    pub changed: usize,
    /// Extra `.rs` files removed.
    pub removed: usize,
}

/// Writes the files that differ and removes `.rs` files the generator no longer produces.
pub fn write(files: &codegen::GeneratedFiles, dir: &Path) -> Result<WriteReport, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let existing = existing_files(dir)?;
    let mut changed = 0;
    for (name, content) in files {
        let path = dir.join(name);
        let same = std::fs::read_to_string(&path).is_ok_and(|current| current == *content);
        if !same {
            std::fs::write(&path, content)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            changed += 1;
        }
    }
    let mut removed = 0;
    for name in existing.iter().filter(|n| !files.contains_key(n.as_str())) {
        let path = dir.join(name);
        std::fs::remove_file(&path)
            .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        removed += 1;
    }
    Ok(WriteReport { changed, removed })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn files(entries: &[(&'static str, &str)]) -> codegen::GeneratedFiles {
        entries.iter().map(|(n, c)| (*n, (*c).to_owned())).collect()
    }

    #[test]
    fn check_reports_missing_stale_and_extra_files_and_write_fixes_them() {
        let dir = scratch_dir("check");
        let wanted = files(&[("a.rs", "// a\n"), ("b.rs", "// b\n")]);
        let problems = check(&wanted, &dir).unwrap();
        assert_eq!(problems.len(), 2);
        assert!(
            problems.iter().all(|p| p.starts_with("missing ")),
            "{problems:?}"
        );

        let report = write(&wanted, &dir).unwrap();
        assert_eq!((report.changed, report.removed), (2, 0));
        assert!(check(&wanted, &dir).unwrap().is_empty());

        std::fs::write(dir.join("b.rs"), "// edited\n").unwrap();
        std::fs::write(dir.join("old.rs"), "// gone\n").unwrap();
        std::fs::write(dir.join("notes.txt"), "not generated").unwrap();
        let problems = check(&wanted, &dir).unwrap();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("stale ") && problems[0].ends_with("b.rs"),
            "{problems:?}"
        );
        assert!(
            problems[1].starts_with("extra ") && problems[1].ends_with("old.rs"),
            "{problems:?}"
        );

        let report = write(&wanted, &dir).unwrap();
        assert_eq!((report.changed, report.removed), (1, 1));
        assert!(check(&wanted, &dir).unwrap().is_empty());
        assert!(
            dir.join("notes.txt").is_file(),
            "only .rs files are managed"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The checked-in `mktows/src/generated/` matches what the default WSDL generates (the same
    /// comparison as `cargo xtask codegen --check`, so plain `cargo test` catches drift too).
    #[test]
    #[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
    fn checked_in_generated_code_is_up_to_date() {
        let wsdl = crate::shared_data::shared_dir().join("wsdl/marketo/mktows-2_2.wsdl");
        let files = generate(&Source::File(wsdl)).unwrap();
        let problems = check(&files, &paths::generated_dir()).unwrap();
        assert!(
            problems.is_empty(),
            "run `cargo xtask codegen`: {problems:?}"
        );
    }

    #[test]
    fn missing_default_wsdl_says_where_and_how_to_override() {
        let missing = Path::new("/nonexistent/shared/wsdl/marketo/mktows-2_2.wsdl");
        let err = input_source(None, missing).unwrap_err();
        assert!(
            err.contains("/nonexistent/shared/wsdl/marketo/mktows-2_2.wsdl"),
            "{err}"
        );
        assert!(err.contains("--wsdl"), "{err}");
        assert_eq!(
            input_source(Some("https://example.com/x?WSDL"), missing).unwrap(),
            Source::Url("https://example.com/x?WSDL".to_owned())
        );
    }

    #[test]
    fn fix_command_repeats_input_and_output() {
        let options = Options {
            wsdl: Some("x.wsdl".to_owned()),
            out: Some(PathBuf::from("gen")),
            check: true,
            standalone: CrateArgs::default(),
        };
        assert_eq!(
            options.fix_command(),
            "cargo xtask codegen --wsdl x.wsdl --out gen"
        );
        let defaults = Options {
            wsdl: None,
            out: None,
            check: true,
            standalone: CrateArgs::default(),
        };
        assert_eq!(defaults.fix_command(), "cargo xtask codegen");
        let crate_mode = Options {
            wsdl: Some("blz.wsdl".to_owned()),
            out: Some(PathBuf::from("blz")),
            check: true,
            standalone: CrateArgs {
                name: Some("blz".to_owned()),
                ..CrateArgs::default()
            },
        };
        assert_eq!(
            crate_mode.fix_command(),
            "cargo xtask codegen --wsdl blz.wsdl --out blz --crate blz"
        );
    }
}
