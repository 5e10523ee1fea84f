//! Compile cost of generated crates: how many lines the generator writes per schema type, and
//! what `cargo build` of the standalone crate costs in wall time, compiler CPU time and peak
//! compiler memory, in the debug and release profiles.
//!
//! Each crate is generated with `codegen::generate_crate` into a scratch directory below the
//! workspace's target directory, with its own target directory. Its dependencies (the SOAP
//! runtime and what it pulls in) are built first with an empty `lib.rs`, so the measured
//! build compiles the generated crate alone. Incremental compilation is off
//! (`CARGO_INCREMENTAL=0`), so every measured build is a full build of the crate, as a user's
//! first build is.
//!
//! The economic crate is also generated with feature-gated operation groups and built with
//! one group only ([`ECONOMIC_GROUP`]), reported as ratios to the whole crate's build in the
//! same run: what a user who calls a few operations pays. And it is built with its `bodies`
//! feature, the `Request`/`Response` enums a server dispatches on and the codecs only a server
//! uses, which a client's build (the default) leaves out.
//!
//! Builds on a shared machine are noisy, so a fixed calibration crate (plain Rust written by
//! [`calibration_source`], independent of the generator) is built in the same run, before and
//! after the generated crates, and every time is also reported as a ratio to it.
//!
//! Peak memory and CPU time come from GNU time (`/usr/bin/time`), which reports the
//! rusage of the cargo process and its waited-for children: the largest resident set among
//! them is rustc compiling the generated crate.

use super::report::{Figure, Target};
use crate::standalone::{self, CrateArgs};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// GNU time, which reports the rusage of the command it runs.
const GNU_TIME: &str = "/usr/bin/time";

/// Goal for the debug build of the economic crate, seconds: half of the 39 s measured on a
/// quiet 2-core machine before the generated code was made cheaper to compile.
pub const ECONOMIC_DEBUG_SECONDS_TARGET: Target = Target::AtMost(19.5);
/// Goal for the peak compiler memory of that build, MB: half of the 2.2 GB measured then.
pub const ECONOMIC_DEBUG_PEAK_TARGET: Target = Target::AtMost(1100.0);

/// A cargo profile the crates are built in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// `cargo build` (dev profile).
    Debug,
    /// `cargo build --release`.
    Release,
}

impl Profile {
    /// The name used in keys, labels and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Debug => "debug",
            Profile::Release => "release",
        }
    }

    /// Parses `debug` or `release`.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text {
            "debug" => Ok(Profile::Debug),
            "release" => Ok(Profile::Release),
            other => Err(format!("unknown profile {other:?} (debug or release)")),
        }
    }
}

/// A generated crate whose compile cost is measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// Short name used in keys (`economic`).
    pub key: &'static str,
    /// The WSDL it is generated from.
    pub wsdl: PathBuf,
    /// `Some(feature)`: generated with feature-gated operation groups (`--feature-groups _`)
    /// and built with only this group (`--no-default-features --features feature`).
    pub group: Option<&'static str>,
    /// The key of the whole-crate subject this one's builds are reported as a ratio to.
    pub full: Option<&'static str>,
    /// `Some(feature)`: built with this feature on top of the default ones (`--features`).
    pub features: Option<&'static str>,
    /// How it differs from the whole crate, for the notes of its ratios to it.
    pub how: &'static str,
}

/// The economic group measured alone: that of the operation the corpus harness calls
/// (`TermOfPayment_GetDebtor`), so the figure is the build the harness's loopback test pays.
pub const ECONOMIC_GROUP: &str = "term_of_payment";

/// The measured crates: the largest document/literal WSDL of the corpus (economic, 1,511
/// operations), whole and generated with feature-gated groups and built with one group
/// ([`ECONOMIC_GROUP`]), and the Marketo WSDL the project is built on.
pub fn default_subjects(shared: &Path) -> Vec<Subject> {
    let economic = shared.join("wsdl/corpus/economic/economic.wsdl");
    vec![
        Subject {
            key: "economic",
            wsdl: economic.clone(),
            group: None,
            full: None,
            features: None,
            how: "",
        },
        Subject {
            key: "economic_bodies",
            wsdl: economic.clone(),
            group: None,
            full: Some("economic"),
            features: Some(codegen::BODIES_FEATURE),
            how: "built with --features bodies (the Request/Response body enums a server \
                  dispatches on, and the request decoders and response encoders only it uses; \
                  off by default)",
        },
        Subject {
            key: "economic_one_group",
            wsdl: economic,
            group: Some(ECONOMIC_GROUP),
            full: Some("economic"),
            features: None,
            how: "generated with --feature-groups _ and built with one group only \
                  (--no-default-features)",
        },
        Subject {
            key: "mktows",
            wsdl: shared.join("wsdl/marketo/mktows-2_2.wsdl"),
            group: None,
            full: None,
            features: None,
            how: "",
        },
    ]
}

/// Size of a generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrateSize {
    /// Lines of all generated `.rs` files.
    pub lines: usize,
    /// Structs and enums in `src/types.rs` (the schema types).
    pub types: usize,
}

/// What one build cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BuildCost {
    /// Elapsed time of `cargo build`.
    pub wall: Duration,
    /// User plus system CPU time of cargo and the compilers it ran (needs GNU time).
    pub cpu: Option<Duration>,
    /// Largest resident set of cargo and the compilers it ran, bytes (needs GNU time).
    pub peak_bytes: Option<u64>,
}

/// Counts the lines of the crate's Rust files and the types in its `src/types.rs`.
pub fn crate_size(files: &codegen::CrateFiles) -> Result<CrateSize, String> {
    let lines = files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .map(|(_, text)| text.lines().count())
        .sum();
    let types_rs = files
        .get("src/types.rs")
        .ok_or("the generated crate has no src/types.rs")?;
    let parsed = syn::parse_file(types_rs).map_err(|e| format!("parsing src/types.rs: {e}"))?;
    let types = parsed
        .items
        .iter()
        .filter(|item| matches!(item, syn::Item::Struct(_) | syn::Item::Enum(_)))
        .count();
    Ok(CrateSize { lines, types })
}

/// A fixed crate the generated crates' build times are divided by: `count` structs with the
/// derives the generator writes, a method with string matching and a generic call each, and
/// an enum over all of them. It never changes with the generator, so its build time follows
/// only the machine and its load.
pub fn calibration_source(count: usize) -> String {
    let mut out = String::from(
        "//! Fixed calibration workload of the compile-cost benchmark.\n#![allow(dead_code)]\n\n\
         fn count<T: Clone>(items: &[T]) -> usize { items.to_vec().len() }\n\n",
    );
    for i in 0..count {
        // Each record holds records of half its number: nesting stays about ten levels deep.
        let inner = if i == 0 {
            "Vec<String>".to_string()
        } else {
            format!("Vec<Record{}>", i / 2)
        };
        out.push_str(&format!(
            "#[derive(Debug, Clone, PartialEq, Default)]\n\
             pub struct Record{i} {{ pub name: Option<String>, pub values: Vec<u32>, pub total: i64, pub inner: {inner} }}\n\n\
             impl Record{i} {{\n\
             \x20   pub fn score(&self, key: &str) -> usize {{\n\
             \x20       let base = match key {{ \"a{i}\" => 1, \"b{i}\" => 2, \"c{i}\" => 3, _ => 0 }};\n\
             \x20       base + count(&self.values) + self.name.as_deref().map_or(0, str::len) + self.inner.len()\n\
             \x20   }}\n\
             }}\n\n"
        ));
    }
    out.push_str("#[derive(Debug, Clone, PartialEq)]\npub enum AnyRecord {\n");
    for i in 0..count {
        out.push_str(&format!("    R{i}(Record{i}),\n"));
    }
    out.push_str("}\n\nimpl AnyRecord {\n    pub fn score(&self, key: &str) -> usize {\n        match self {\n");
    for i in 0..count {
        out.push_str(&format!(
            "            AnyRecord::R{i}(r) => r.score(key),\n"
        ));
    }
    out.push_str("        }\n    }\n}\n");
    out
}

/// Records in the calibration crate: a few seconds of debug build on a quiet machine.
pub const CALIBRATION_RECORDS: usize = 600;

/// The calibration crate's files.
pub fn calibration_crate() -> codegen::CrateFiles {
    let mut files = codegen::CrateFiles::new();
    files.insert(
        "Cargo.toml".to_string(),
        "[package]\nname = \"compile-cost-calibration\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n"
            .to_string(),
    );
    files.insert(
        "src/lib.rs".to_string(),
        calibration_source(CALIBRATION_RECORDS),
    );
    files
}

/// A crate written to a scratch directory, built against a target directory of its own.
struct ScratchCrate {
    dir: PathBuf,
    target_dir: PathBuf,
    files: codegen::CrateFiles,
    /// Built with only this feature (an operation group) instead of the default features.
    feature: Option<&'static str>,
    /// Built with this feature on top of the default features.
    extra_feature: Option<&'static str>,
}

/// What `src/lib.rs` holds while the dependencies are built.
const PLACEHOLDER_LIB: &str = "//! Placeholder while the dependencies are built.\n";

impl ScratchCrate {
    fn write(
        dir: PathBuf,
        target_dir: PathBuf,
        files: codegen::CrateFiles,
    ) -> Result<Self, String> {
        std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let lock = crate::paths::workspace_root().join("Cargo.lock");
        if lock.is_file() {
            std::fs::copy(&lock, dir.join("Cargo.lock"))
                .map_err(|e| format!("copying {}: {e}", lock.display()))?;
        }
        standalone::write_crate(&files, &dir)?;
        Ok(Self {
            dir,
            target_dir,
            files,
            feature: None,
            extra_feature: None,
        })
    }

    /// Builds the dependencies with a placeholder `lib.rs` (not measured), then the crate
    /// itself (measured).
    fn build(&self, profile: Profile) -> Result<BuildCost, String> {
        let lib = self.dir.join("src/lib.rs");
        let real = self
            .files
            .get("src/lib.rs")
            .ok_or("the crate has no src/lib.rs")?;
        std::fs::write(&lib, PLACEHOLDER_LIB)
            .map_err(|e| format!("writing {}: {e}", lib.display()))?;
        self.cargo_build(profile)
            .map_err(|e| format!("building the dependencies: {e}"))?;
        std::fs::write(&lib, real).map_err(|e| format!("writing {}: {e}", lib.display()))?;
        self.cargo_build(profile)
    }

    fn cargo_build(&self, profile: Profile) -> Result<BuildCost, String> {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        std::fs::create_dir_all(&self.target_dir)
            .map_err(|e| format!("creating {}: {e}", self.target_dir.display()))?;
        let report = self.target_dir.join("gnu-time.txt");
        let _ = std::fs::remove_file(&report);
        let use_time = Path::new(GNU_TIME).is_file();
        let mut command = if use_time {
            let mut c = Command::new(GNU_TIME);
            c.arg("-o")
                .arg(&report)
                .args(["-f", "%U %S %M"])
                .arg(&cargo);
            c
        } else {
            Command::new(&cargo)
        };
        command
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target_dir)
            .env("CARGO_INCREMENTAL", "0")
            .args(["build", "--quiet", "--lib"]);
        if let Some(feature) = self.feature {
            command.args(["--no-default-features", "--features", feature]);
        }
        if let Some(feature) = self.extra_feature {
            command.args(["--features", feature]);
        }
        if profile == Profile::Release {
            command.arg("--release");
        }
        let started = Instant::now();
        let output = command
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        let wall = started.elapsed();
        if !output.status.success() {
            return Err(format!(
                "cargo build ({}) in {} failed ({}): {}",
                profile.as_str(),
                self.dir.display(),
                output.status,
                tail(&String::from_utf8_lossy(&output.stderr), 4000)
            ));
        }
        let (cpu, peak_bytes) = if use_time {
            let text = std::fs::read_to_string(&report)
                .map_err(|e| format!("reading {}: {e}", report.display()))?;
            parse_gnu_time(&text).ok_or_else(|| format!("unexpected GNU time output {text:?}"))?
        } else {
            (None, None)
        };
        Ok(BuildCost {
            wall,
            cpu,
            peak_bytes,
        })
    }
}

/// The last `max` bytes of `text` (at a character boundary): a failed build's last errors.
fn tail(text: &str, max: usize) -> &str {
    let mut start = text.len().saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    text.get(start..).unwrap_or(text)
}

/// Reads `"%U %S %M"` (user seconds, system seconds, max RSS in KiB) from the last line of
/// GNU time's report (earlier lines carry a failed command's exit status).
fn parse_gnu_time(text: &str) -> Option<(Option<Duration>, Option<u64>)> {
    let last = text.lines().rev().find(|line| !line.trim().is_empty())?;
    let mut fields = last.split_whitespace();
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    let kib: u64 = fields.next()?.parse().ok()?;
    let cpu = Duration::try_from_secs_f64(user + system).ok();
    Some((cpu, Some(kib * 1024)))
}

/// The system load average over the last minute, as `/proc/loadavg` reports it.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string())
}

/// Everything measured for one generated crate.
#[derive(Debug, Clone, PartialEq)]
pub struct SubjectCost {
    /// Which crate.
    pub key: &'static str,
    /// The whole-crate subject its builds are compared with ([`Subject::full`]).
    pub full: Option<&'static str>,
    /// How it differs from that crate ([`Subject::how`]).
    pub how: &'static str,
    /// Its size.
    pub size: CrateSize,
    /// Build cost per measured profile.
    pub builds: Vec<(Profile, BuildCost)>,
}

/// The whole compile-cost measurement.
#[derive(Debug, Clone, PartialEq)]
pub struct CompileCost {
    /// Calibration build cost per profile: the mean of the builds before and after the
    /// generated crates.
    pub calibration: Vec<(Profile, BuildCost)>,
    /// The generated crates.
    pub subjects: Vec<SubjectCost>,
    /// Load average before and after the builds.
    pub load: (String, String),
}

/// Generates and builds every subject in every profile, with the calibration crate built
/// before and after the subjects of each profile.
pub fn measure(subjects: &[Subject], profiles: &[Profile]) -> Result<CompileCost, String> {
    let root = crate::paths::workspace_root();
    let scratch = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root.join("target"), PathBuf::from)
        .join("bench-compile-cost");
    let target_dir = scratch.join("target");
    let load_before = load_average();
    let calibration = ScratchCrate::write(
        scratch.join("calibration"),
        target_dir.clone(),
        calibration_crate(),
    )?;
    let mut crates = Vec::new();
    for subject in subjects {
        if !subject.wsdl.is_file() {
            return Err(format!("{} not found", subject.wsdl.display()));
        }
        let args = CrateArgs {
            name: Some(format!("compile-cost-{}", subject.key.replace('_', "-"))),
            feature_groups: subject.group.map(|_| "_".to_owned()),
            ..CrateArgs::default()
        };
        let files = standalone::generate_crate(&subject.wsdl, &args)?;
        let size = crate_size(&files)?;
        let mut written =
            ScratchCrate::write(scratch.join(subject.key), target_dir.clone(), files)?;
        written.feature = subject.group;
        written.extra_feature = subject.features;
        crates.push((subject, size, written));
    }
    let mut calibration_costs = Vec::new();
    let mut subject_builds: Vec<Vec<(Profile, BuildCost)>> = vec![Vec::new(); crates.len()];
    for &profile in profiles {
        eprintln!("  compile cost: {} builds", profile.as_str());
        let before = calibration.build(profile)?;
        for ((subject, _, written), builds) in crates.iter().zip(subject_builds.iter_mut()) {
            let key = subject.key;
            let cost = written.build(profile)?;
            eprintln!(
                "  compile cost: {key} {}: {:.1} s",
                profile.as_str(),
                cost.wall.as_secs_f64()
            );
            builds.push((profile, cost));
        }
        let after = calibration.build(profile)?;
        calibration_costs.push((profile, mean(before, after)));
    }
    Ok(CompileCost {
        calibration: calibration_costs,
        subjects: crates
            .into_iter()
            .zip(subject_builds)
            .map(|((subject, size, _), builds)| SubjectCost {
                key: subject.key,
                full: subject.full,
                how: subject.how,
                size,
                builds,
            })
            .collect(),
        load: (load_before, load_average()),
    })
}

fn mean(a: BuildCost, b: BuildCost) -> BuildCost {
    BuildCost {
        wall: (a.wall + b.wall) / 2,
        cpu: a.cpu.zip(b.cpu).map(|(x, y)| (x + y) / 2),
        peak_bytes: a.peak_bytes.zip(b.peak_bytes).map(|(x, y)| x.midpoint(y)),
    }
}

const MB: f64 = 1_000_000.0;

/// The figures of a measurement: per crate its lines, types and lines per type, and per
/// profile the wall time, CPU time, peak memory and the wall and CPU ratios to the
/// calibration crate; then the calibration builds themselves.
pub fn figures(cost: &CompileCost) -> Vec<Figure> {
    let load_note = format!(
        "load average {} before, {} after (2 cores shared)",
        cost.load.0, cost.load.1
    );
    let mut out = Vec::new();
    for subject in &cost.subjects {
        let key = subject.key;
        out.push(Figure::info(
            format!("compile_{key}_lines"),
            format!("{key}: generated lines"),
            subject.size.lines as f64,
            "lines",
        ));
        out.push(Figure::info(
            format!("compile_{key}_types"),
            format!("{key}: schema types"),
            subject.size.types as f64,
            "types",
        ));
        out.push(Figure::info(
            format!("compile_{key}_lines_per_type"),
            format!("{key}: generated lines per type"),
            subject.size.lines as f64 / subject.size.types.max(1) as f64,
            "lines",
        ));
        for (profile, build) in &subject.builds {
            let calibration = cost
                .calibration
                .iter()
                .find(|(p, _)| p == profile)
                .map(|(_, c)| c);
            out.extend(build_figures(key, *profile, build, calibration, &load_note));
            let full = subject.full.and_then(|full| {
                let whole = cost.subjects.iter().find(|s| s.key == full)?;
                let (_, build) = whole.builds.iter().find(|(p, _)| p == profile)?;
                Some((full, build))
            });
            if let Some((full, whole)) = full {
                out.extend(over_full_figures(
                    key,
                    (full, subject.how),
                    *profile,
                    build,
                    whole,
                ));
            }
        }
    }
    for (profile, build) in &cost.calibration {
        let name = profile.as_str();
        out.push(
            Figure::info(
                format!("compile_calibration_{name}_s"),
                format!("calibration crate: cargo build {name}"),
                build.wall.as_secs_f64(),
                "s",
            )
            .with_note(format!(
                "{CALIBRATION_RECORDS} fixed structs with derives; mean of the builds before and after the generated crates; {}",
                cpu_note(build)
            )),
        );
    }
    out
}

/// A variant's build (one group, or an extra feature) as ratios to the whole crate's build in
/// the same run (CPU time, peak memory, wall time); `how` says what the variant is.
fn over_full_figures(
    key: &str,
    (full, how): (&str, &str),
    profile: Profile,
    build: &BuildCost,
    whole: &BuildCost,
) -> Vec<Figure> {
    let name = profile.as_str();
    let ratio = |what: &str, part: Option<f64>, all: Option<f64>| {
        let figure_key = format!("compile_{key}_{name}_{what}_over_full");
        let label = format!("{key}: {name} build / {full} build, {what}");
        match (part, all) {
            (Some(part), Some(all)) if all > 0.0 => {
                Figure::info(figure_key, label, part / all, "x")
                    .with_note(format!("{how}; {full} is built in the same run"))
            }
            _ => Figure::missing(figure_key, label, "x", format!("no {what} figures")),
        }
    };
    vec![
        ratio(
            "cpu",
            build.cpu.map(|d| d.as_secs_f64()),
            whole.cpu.map(|d| d.as_secs_f64()),
        ),
        ratio(
            "peak",
            build.peak_bytes.map(|b| b as f64),
            whole.peak_bytes.map(|b| b as f64),
        ),
        ratio(
            "wall",
            Some(build.wall.as_secs_f64()),
            Some(whole.wall.as_secs_f64()),
        ),
    ]
}

fn cpu_note(build: &BuildCost) -> String {
    build.cpu.map_or_else(
        || format!("no CPU time ({GNU_TIME} missing)"),
        |cpu| format!("CPU {:.1} s", cpu.as_secs_f64()),
    )
}

fn build_figures(
    key: &str,
    profile: Profile,
    build: &BuildCost,
    calibration: Option<&BuildCost>,
    load_note: &str,
) -> Vec<Figure> {
    let name = profile.as_str();
    let economic_debug = key == "economic" && profile == Profile::Debug;
    let mut time = Figure::info(
        format!("compile_{key}_{name}_s"),
        format!("{key}: cargo build {name}, wall"),
        build.wall.as_secs_f64(),
        "s",
    )
    .with_note(format!(
        "generated crate alone, dependencies pre-built, CARGO_INCREMENTAL=0; {}; {load_note}",
        cpu_note(build)
    ));
    if economic_debug {
        time = time.with_target(ECONOMIC_DEBUG_SECONDS_TARGET);
    }
    let peak_key = format!("compile_{key}_{name}_peak_mb");
    let peak_label = format!("{key}: cargo build {name}, peak compiler memory");
    let mut peak = match build.peak_bytes {
        Some(bytes) => Figure::info(peak_key, peak_label, bytes as f64 / MB, "MB")
            .with_note("largest resident set of cargo and rustc (GNU time %M)"),
        None => Figure::missing(peak_key, peak_label, "MB", format!("{GNU_TIME} missing")),
    };
    if economic_debug {
        peak = peak.with_target(ECONOMIC_DEBUG_PEAK_TARGET);
    }
    let ratio_key = format!("compile_{key}_{name}_over_calibration");
    let ratio_label = format!("{key}: {name} build / calibration build, wall");
    let ratio = match calibration {
        Some(c) if !c.wall.is_zero() => Figure::info(
            ratio_key,
            ratio_label,
            build.wall.as_secs_f64() / c.wall.as_secs_f64(),
            "x",
        ),
        _ => Figure::missing(ratio_key, ratio_label, "x", "no calibration build"),
    };
    let cpu_key = format!("compile_{key}_{name}_cpu_over_calibration");
    let cpu_label = format!("{key}: {name} build / calibration build, CPU");
    let cpu_ratio = match (build.cpu, calibration.and_then(|c| c.cpu)) {
        (Some(cpu), Some(c)) if !c.is_zero() => {
            Figure::info(cpu_key, cpu_label, cpu.as_secs_f64() / c.as_secs_f64(), "x")
                .with_note("CPU time moves less with the machine's load than wall time")
        }
        _ => Figure::missing(cpu_key, cpu_label, "x", "no CPU times"),
    };
    vec![time, peak, ratio, cpu_ratio]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gnu_time_output_is_read_from_its_last_line() {
        let (cpu, peak) = parse_gnu_time("12.50 1.50 2048\n").unwrap_or_default();
        assert_eq!(cpu, Some(Duration::from_secs(14)));
        assert_eq!(peak, Some(2048 * 1024));
        let failed = "Command exited with non-zero status 101\n0.10 0.02 512\n";
        assert_eq!(
            parse_gnu_time(failed).and_then(|(_, peak)| peak),
            Some(512 * 1024)
        );
        assert_eq!(parse_gnu_time("garbage"), None);
        assert_eq!(parse_gnu_time(""), None);
    }

    #[test]
    fn a_failed_build_keeps_the_end_of_its_errors() {
        assert_eq!(tail("abcdef", 3), "def");
        assert_eq!(tail("ab", 3), "ab");
        assert_eq!(tail("aé", 1), "");
    }

    #[test]
    fn the_calibration_crate_is_fixed_and_sized_by_its_record_count() {
        let source = calibration_source(3);
        assert_eq!(source, calibration_source(3));
        assert_eq!(source.matches("pub struct Record").count(), 3);
        assert!(source.contains("pub inner: Vec<Record1> }"), "{source}");
        assert!(
            source.contains("AnyRecord::R2(r) => r.score(key)"),
            "{source}"
        );
        let parsed = syn::parse_file(&calibration_crate()["src/lib.rs"]).map(|f| f.items.len());
        assert_eq!(parsed.ok(), Some(1 + 2 * CALIBRATION_RECORDS + 2));
    }

    #[test]
    fn crate_size_counts_lines_and_schema_types() {
        let mut files = codegen::CrateFiles::new();
        files.insert("Cargo.toml".into(), "[package]\n".into());
        files.insert("src/lib.rs".into(), "pub mod types;\n".into());
        files.insert(
            "src/types.rs".into(),
            "pub struct A;\n\npub enum B { X }\n\nimpl A {}\n".into(),
        );
        assert_eq!(crate_size(&files), Ok(CrateSize { lines: 6, types: 2 }));
        files.remove("src/types.rs");
        assert!(crate_size(&files).is_err());
    }

    fn build(wall: u64, cpu: u64, peak_mb: u64) -> BuildCost {
        BuildCost {
            wall: Duration::from_secs(wall),
            cpu: Some(Duration::from_secs(cpu)),
            peak_bytes: Some(peak_mb * 1_000_000),
        }
    }

    #[test]
    fn figures_carry_ratios_to_the_calibration_and_the_economic_targets() {
        let cost = CompileCost {
            calibration: vec![(Profile::Debug, build(4, 5, 300))],
            subjects: vec![
                SubjectCost {
                    key: "economic",
                    full: None,
                    how: "",
                    size: CrateSize {
                        lines: 1000,
                        types: 10,
                    },
                    builds: vec![(Profile::Debug, build(40, 50, 2200))],
                },
                SubjectCost {
                    key: "economic_one_group",
                    full: Some("economic"),
                    how: "one group",
                    size: CrateSize {
                        lines: 1000,
                        types: 10,
                    },
                    builds: vec![(Profile::Debug, build(4, 10, 550))],
                },
                SubjectCost {
                    key: "mktows",
                    full: None,
                    how: "",
                    size: CrateSize {
                        lines: 300,
                        types: 3,
                    },
                    builds: vec![(Profile::Debug, build(8, 10, 500))],
                },
            ],
            load: ("1.0".into(), "2.0".into()),
        };
        let figures = figures(&cost);
        let figure = |key: &str| figures.iter().find(|f| f.key == key);
        let value = |key: &str| figure(key).and_then(|f| f.value);
        assert_eq!(value("compile_economic_lines_per_type"), Some(100.0));
        assert_eq!(value("compile_economic_debug_s"), Some(40.0));
        assert_eq!(value("compile_economic_debug_over_calibration"), Some(10.0));
        assert_eq!(
            value("compile_economic_debug_cpu_over_calibration"),
            Some(10.0)
        );
        assert_eq!(value("compile_economic_debug_peak_mb"), Some(2200.0));
        assert_eq!(value("compile_mktows_debug_over_calibration"), Some(2.0));
        assert_eq!(
            value("compile_economic_one_group_debug_cpu_over_full"),
            Some(0.2)
        );
        assert_eq!(
            value("compile_economic_one_group_debug_peak_over_full"),
            Some(0.25)
        );
        assert_eq!(
            value("compile_economic_one_group_debug_wall_over_full"),
            Some(0.1)
        );
        assert_eq!(value("compile_mktows_debug_cpu_over_full"), None);
        assert_eq!(value("compile_calibration_debug_s"), Some(4.0));
        assert_eq!(
            figure("compile_economic_debug_s").and_then(Figure::verdict),
            Some(false)
        );
        assert_eq!(
            figure("compile_economic_debug_peak_mb").and_then(Figure::verdict),
            Some(false)
        );
        assert_eq!(
            figure("compile_mktows_debug_s").and_then(Figure::verdict),
            None
        );
        let note = figure("compile_economic_debug_s")
            .and_then(|f| f.note.clone())
            .unwrap_or_default();
        assert!(
            note.contains("load average 1.0 before, 2.0 after"),
            "{note}"
        );
    }

    #[test]
    fn profiles_parse_by_name() {
        assert_eq!(Profile::parse("debug"), Ok(Profile::Debug));
        assert_eq!(
            Profile::parse("release").map(Profile::as_str),
            Ok("release")
        );
        assert!(Profile::parse("bench").is_err());
    }
}
