//! `cargo xtask codegen-compat --corpus`: every WSDL of the shared corpus and every Marketo
//! version becomes a standalone crate (`codegen::generate_crate`) that must pass
//! `cargo clippy --all-targets -D warnings`, and one call per SOAP binding goes through the
//! generated client to a scripted loopback server and back; or the generator refuses it with a
//! clear `unsupported: …`. Each WSDL's outcome is pinned in [`CORPUS`], so a change either way
//! (a refusal lifted, a crate that stopped building) fails until the pin is updated.
//!
//! The calls: the harness writes `tests/loopback.rs` into the crate. Per binding it picks the
//! first operation whose request and response it can build (a `Default` type, else a struct
//! constructor call with the smallest values of its required fields' types, lists near the top
//! given one item by their setters so `minOccurs="1"` holds; a one-way operation has no
//! response), starts one-shot HTTP servers on 127.0.0.1 and calls the operation through
//! `client::…::Client` twice. Each server checks the request (envelope version and HTTP framing
//! of the operation's binding, a body element that names one of the binding's operations, in
//! its namespace: the document element, or the rpc/literal wrapper). The first answers with the
//! response, which must decode equal to what was sent (a one-way operation: `202 Accepted`
//! without a body, and the call returns `()`); the second with a SOAP fault of the same version
//! naming the operation it recognised, which must come back typed, for the operation the client
//! called.
//!
//! The documents: hand-written request and response body elements of our own in
//! `xtask/corpus-documents/<entry>/` (see [`crate::documents`]) become `tests/documents.rs`:
//! each decodes strictly, re-encodes to the same XML in canonical form, and decodes again to the
//! same value. The pin of a called entry includes at least one request and one response
//! document.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::documents;
use crate::paths;
use crate::standalone::{self, CrateArgs};

/// What a corpus WSDL is expected to do today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pinned {
    /// Generates, builds with clippy `-D warnings`, and a call round-trips on every binding.
    Called,
    /// Generation stops with an `unsupported: …` error containing this text.
    Refused(&'static str),
}

/// The corpus: (name, path below the shared data directory, pinned outcome, build mode).
pub const CORPUS: &[(&str, &str, Pinned, Build)] = &[
    (
        "blz",
        "wsdl/corpus/blz/blz_service.wsdl",
        Pinned::Called,
        Build::Full,
    ),
    (
        "bronto",
        "wsdl/corpus/bronto/bronto.wsdl",
        Pinned::Called,
        Build::Full,
    ),
    // 1,511 operations: compiling the whole crate for the loopback test took 16 minutes (6
    // CPU-minutes) on a shared two-core machine, too much for CI. Generated with feature-gated
    // operation groups, clippy still checks all of it, and the test builds only the group of
    // the operation it calls.
    (
        "economic",
        "wsdl/corpus/economic/economic.wsdl",
        Pinned::Called,
        Build::Grouped,
    ),
    (
        "xignite",
        "wsdl/corpus/xignite/xignite.wsdl",
        Pinned::Called,
        Build::Full,
    ),
    (
        "onvif-devicemgmt",
        "wsdl/corpus/onvif/devicemgmt.wsdl",
        Pinned::Called,
        Build::Full,
    ),
    (
        "onvif-ptz",
        "wsdl/corpus/onvif/ptz.wsdl",
        Pinned::Called,
        Build::Full,
    ),
    (
        "onvif-events",
        "wsdl/corpus/onvif/events.wsdl",
        Pinned::Called,
        Build::Full,
    ),
    (
        "jira",
        "wsdl/corpus/jira-v2/jira.wsdl",
        Pinned::Refused("unsupported: SOAP encoding type soapenc:Array"),
        Build::Full,
    ),
    (
        "noaa",
        "wsdl/corpus/noaa-ndfd/ndfdXML.wsdl",
        Pinned::Refused("unsupported: rpc/encoded binding"),
        Build::Full,
    ),
    (
        "mktows-2_0",
        "wsdl/marketo/mktows-2_0.wsdl",
        Pinned::Called,
        Build::Full,
    ),
    (
        "mktows-2_1",
        "wsdl/marketo/mktows-2_1.wsdl",
        Pinned::Called,
        Build::Full,
    ),
    (
        "mktows-2_2",
        "wsdl/marketo/mktows-2_2.wsdl",
        Pinned::Called,
        Build::Full,
    ),
];

/// The roxmltree requirement of the generated crates' document test (the workspace's, so the
/// copied `Cargo.lock` resolves it).
const ROXMLTREE: &str = "0.21";

/// How much of a generated crate is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// Clippy on the library and the loopback test, then the test is built and run.
    Full,
    /// Generated with feature-gated operation groups (`--feature-groups _`): clippy on the
    /// whole crate (`full`) and the loopback test, then the test is built and run with only
    /// the groups of the operations it calls, so the crate compiles a fraction of its code.
    Grouped,
}

/// What happened to one WSDL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Generated, built with clippy `-D warnings`, the loopback call came back on every
    /// binding, and the hand-written documents round-tripped.
    Called {
        /// The operations called, `binding::operation`.
        calls: Vec<String>,
        /// The request documents that round-tripped.
        requests: usize,
        /// The response documents that round-tripped.
        responses: usize,
    },
    /// The generator (or the WSDL reader) refused it with this message.
    Refused(String),
    /// Generated, but something after generation failed (what).
    Failed(String),
}

impl Outcome {
    /// Whether the outcome is what `pinned` says.
    pub fn matches(&self, pinned: Pinned) -> bool {
        match (self, pinned) {
            (
                Outcome::Called {
                    calls,
                    requests,
                    responses,
                },
                Pinned::Called,
            ) => !calls.is_empty() && *requests > 0 && *responses > 0,
            (Outcome::Refused(message), Pinned::Refused(text)) => {
                message.contains("unsupported: ") && message.contains(text)
            }
            _ => false,
        }
    }

    fn summary(&self) -> String {
        match self {
            Outcome::Called {
                calls,
                requests,
                responses,
            } => format!(
                "generated+built+called ({}), {requests} request and {responses} response documents round-tripped",
                calls.join(", ")
            ),
            Outcome::Refused(message) => format!("refused: {message}"),
            Outcome::Failed(what) => format!("FAILED: {what}"),
        }
    }
}

/// Runs the corpus (or the entries named in `only`), reading the reference data from `shared`
/// (default `../shared`); prints one line per WSDL with its outcome and timings; `Ok(false)`
/// when any outcome differs from its pin.
pub fn run(only: &[String], shared: Option<&Path>) -> Result<bool, String> {
    let shared = shared.map_or_else(paths::shared_dir, Path::to_path_buf);
    if let Some(unknown) = only
        .iter()
        .find(|name| !CORPUS.iter().any(|(entry, ..)| entry == name))
    {
        return Err(format!("unknown corpus entry `{unknown}`"));
    }
    let root = paths::workspace_root();
    let target_dir =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let scratch_root = target_dir.join("codegen-compat").join("corpus");
    let mut all_pinned = true;
    let mut table = Vec::new();
    for (name, relative, pinned, build) in CORPUS {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        let wsdl = shared.join(relative);
        if !wsdl.is_file() {
            return Err(format!(
                "{} not found (the shared data directory next to the workspace)",
                wsdl.display()
            ));
        }
        let started = Instant::now();
        let scratch = scratch_root.join(name);
        let outcome = check_one(&root, &wsdl, name, &scratch, &target_dir, *build)?;
        let seconds = started.elapsed().as_secs_f64();
        let ok = outcome.matches(*pinned);
        all_pinned &= ok;
        let line = format!(
            "{name:<18} {:>7.1}s  {}{}",
            seconds,
            outcome.summary(),
            if ok { "" } else { "  <-- differs from the pin" }
        );
        println!("codegen-compat corpus: {line}");
        table.push(line);
    }
    println!("\ncodegen-compat corpus outcomes:");
    for line in &table {
        println!("  {line}");
    }
    Ok(all_pinned)
}

/// Generates, writes, lints, and calls one WSDL's crate.
fn check_one(
    root: &Path,
    wsdl: &Path,
    name: &str,
    scratch: &Path,
    target_dir: &Path,
    build: Build,
) -> Result<Outcome, String> {
    let args = CrateArgs {
        name: Some(format!("corpus-{name}")),
        feature_groups: (build == Build::Grouped).then(|| "_".to_owned()),
        ..CrateArgs::default()
    };
    let files = match standalone::generate_crate(wsdl, &args) {
        Ok(files) => files,
        Err(message) => return Ok(Outcome::Refused(message)),
    };
    let plan = match loopback_plan(&files) {
        Ok(plan) => plan,
        Err(what) => return Ok(Outcome::Failed(what)),
    };
    let documents = documents::load(&documents::entry_dir(name))?;
    let checks = match documents::plan(&files, &documents) {
        Ok(checks) => checks,
        Err(what) => return Ok(Outcome::Failed(what)),
    };
    let package = format!("corpus_{}", name.replace('-', "_"));
    let mut files = files;
    let manifest = files
        .get("Cargo.toml")
        .cloned()
        .ok_or("the generated crate has no Cargo.toml")?;
    files.insert(
        "Cargo.toml".to_owned(),
        format!(
            "{manifest}\n[dev-dependencies]\ntokio = {{ version = \"1\", features = [\"rt\", \"macros\", \"net\", \"io-util\"] }}\nroxmltree = \"{ROXMLTREE}\"\n\n\
             # Both decode requests and encode responses, as a server does.\n\
             [[test]]\nname = \"loopback\"\nrequired-features = [\"{bodies}\"]\n\n\
             [[test]]\nname = \"documents\"\nrequired-features = [\"{bodies}\"]\n",
            bodies = codegen::BODIES_FEATURE
        ),
    );
    files.insert(
        "tests/loopback.rs".to_owned(),
        loopback_test(&package, &plan),
    );
    files.insert(
        "tests/documents.rs".to_owned(),
        documents::test_source(&package, &checks),
    );
    for document in &documents {
        files.insert(
            format!("tests/documents/{}", document.file),
            document.text.clone(),
        );
    }
    standalone::write_crate(&files, scratch)?;
    copy_lock(root, scratch)?;
    if !cargo(
        scratch,
        target_dir,
        &["clippy", "--all-targets", "--", "-D", "warnings"],
    )? {
        return Ok(Outcome::Failed(
            "cargo clippy --all-targets -D warnings".into(),
        ));
    }
    // The body enums and the server-side codecs are behind the crate's `bodies` feature: lint
    // them too, with the tests that need them.
    if !cargo(
        scratch,
        target_dir,
        &[
            "clippy",
            "--all-targets",
            "--features",
            codegen::BODIES_FEATURE,
            "--",
            "-D",
            "warnings",
        ],
    )? {
        return Ok(Outcome::Failed(
            "cargo clippy --all-targets --features bodies -D warnings".into(),
        ));
    }
    // Both tests play the server (requests decoded, responses encoded): that takes the
    // `bodies` feature.
    let mut test = vec!["test", "--test", "loopback", "--test", "documents"];
    let mut features = call_features(&plan, &checks);
    if build == Build::Grouped {
        test.push("--no-default-features");
    }
    if !features.is_empty() {
        features.push(',');
    }
    features.push_str(codegen::BODIES_FEATURE);
    test.extend(["--features", features.as_str()]);
    if !cargo(scratch, target_dir, &test)? {
        return Ok(Outcome::Failed(
            "the loopback call or a document round trip (cargo test --test loopback --test documents)"
                .into(),
        ));
    }
    let count = |direction| {
        documents
            .iter()
            .filter(|document| document.direction == direction)
            .count()
    };
    Ok(Outcome::Called {
        calls: plan
            .iter()
            .map(|call| {
                format!(
                    "{}::{}",
                    call.module.as_deref().unwrap_or("client"),
                    call.method
                )
            })
            .collect(),
        requests: count(documents::Direction::Request),
        responses: count(documents::Direction::Response),
    })
}

/// The features the planned calls and document checks need (their operations' groups),
/// comma-separated.
fn call_features(plan: &[LoopbackCall], checks: &[documents::DocumentCheck]) -> String {
    let features: std::collections::BTreeSet<&str> = plan
        .iter()
        .filter_map(|call| call.feature.as_deref())
        .chain(documents::features(checks))
        .collect();
    features.into_iter().collect::<Vec<_>>().join(",")
}

/// The workspace's `Cargo.lock`, so the crate resolves the same dependency versions offline.
fn copy_lock(root: &Path, scratch: &Path) -> Result<(), String> {
    let lock = root.join("Cargo.lock");
    if lock.is_file() && !scratch.join("Cargo.lock").is_file() {
        std::fs::copy(&lock, scratch.join("Cargo.lock"))
            .map_err(|e| format!("cannot copy {}: {e}", lock.display()))?;
    }
    Ok(())
}

fn cargo(dir: &Path, target_dir: &Path, args: &[&str]) -> Result<bool, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .arg("-q")
        .args(args)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(status.success())
}

/// One call the loopback test makes: a binding's client, an operation method and an
/// expression building a request for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopbackCall {
    /// The binding's submodule (`None` with one binding).
    pub module: Option<String>,
    /// The port method.
    pub method: String,
    /// A Rust expression of the request type (`CRATE` stands for the crate's name).
    pub request: String,
    /// A Rust expression of the response type, which the server answers with first; `None`
    /// for a one-way operation (the method returns `()`), which the server accepts with
    /// `202 Accepted` and no body.
    pub response: Option<String>,
    /// The Cargo feature the method is behind (`#[cfg(feature = "…")]`, its operation's group),
    /// in a crate generated with feature-gated operation groups.
    pub feature: Option<String>,
}

/// One call per binding, read from the generated sources: the first method (in binding order)
/// whose request can be built: a `Default` type, else its `new` constructor called with the
/// smallest values of its parameters' types (the generated types are `#[non_exhaustive]`, so
/// the test, outside the crate, cannot write struct literals). A method returning
/// `Result<(), _>` is one-way.
pub fn loopback_plan(files: &codegen::CrateFiles) -> Result<Vec<LoopbackCall>, String> {
    let parse = |path: &str| -> Result<syn::File, String> {
        let text = files.get(path).ok_or_else(|| format!("no {path}"))?;
        syn::parse_file(text).map_err(|e| format!("{path} does not parse: {e}"))
    };
    let types = parse("src/types.rs")?;
    let type_items = SampleItems::of(&types);
    let client = parse("src/client.rs")?;
    let mut calls = Vec::new();
    for (module, items) in client_scopes(&client) {
        let methods = items.iter().filter_map(|item| match item {
            syn::Item::Impl(imp) => Some(imp.items.iter()),
            _ => None,
        });
        let found = methods.flatten().find_map(|item| {
            let syn::ImplItem::Fn(f) = item else {
                return None;
            };
            let inputs: Vec<&syn::FnArg> = f.sig.inputs.iter().collect();
            let [syn::FnArg::Receiver(_), syn::FnArg::Typed(param)] = inputs.as_slice() else {
                return None;
            };
            let syn::Type::Reference(reference) = &*param.ty else {
                return None;
            };
            let syn::Type::Path(path) = &*reference.elem else {
                return None;
            };
            let request = sample_of_path(&path.path, &type_items, 0)?;
            let result = call_result(f)?;
            let syn::PathArguments::AngleBracketed(args) = &result.path.segments.last()?.arguments
            else {
                return None;
            };
            let returned = args.args.iter().find_map(|a| match a {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })?;
            let response = match returned {
                syn::Type::Tuple(unit) if unit.elems.is_empty() => None,
                other => Some(sample_of(other, &type_items, 0)?),
            };
            Some(LoopbackCall {
                module: module.clone(),
                method: f.sig.ident.to_string(),
                request,
                response,
                feature: cfg_feature(&f.attrs),
            })
        });
        let has_client = items.iter().any(|item| match item {
            syn::Item::Struct(s) => s.ident == "Client",
            syn::Item::Type(alias) => alias.ident == "Client",
            _ => false,
        });
        match found {
            Some(call) => calls.push(call),
            None if has_client => {
                return Err(format!(
                    "binding module `{}` has no operation whose request can be built",
                    module.as_deref().unwrap_or("client")
                ));
            }
            None => {}
        }
    }
    if calls.is_empty() {
        return Err("no generated client".to_owned());
    }
    Ok(calls)
}

/// The items at the top of a generated `client.rs` and of each of its inline modules, with
/// the module's name. A module that re-exports another's items (`pub use super::other::*;`: a
/// binding that shares another binding's client) has those too.
pub(crate) fn client_scopes(file: &syn::File) -> Vec<(Option<String>, Vec<&syn::Item>)> {
    let scopes = module_scopes(file);
    scopes
        .iter()
        .map(|(name, items)| {
            let mut all: Vec<&syn::Item> = items.iter().collect();
            for other in items.iter().filter_map(sibling_glob) {
                let theirs = scopes
                    .iter()
                    .find(|(module, _)| module.as_deref() == Some(other.as_str()));
                if let Some((_, theirs)) = theirs {
                    all.extend(theirs.iter());
                }
            }
            (name.clone(), all)
        })
        .collect()
}

/// The items at the top of `file` and in each inline module, with the module's name.
pub(crate) fn module_scopes(file: &syn::File) -> Vec<(Option<String>, &[syn::Item])> {
    let mut scopes: Vec<(Option<String>, &[syn::Item])> = vec![(None, &file.items)];
    for item in &file.items {
        if let syn::Item::Mod(m) = item
            && let Some((_, items)) = &m.content
        {
            scopes.push((Some(m.ident.to_string()), items));
        }
    }
    scopes
}

/// `other` for a `use super::other::*;` item.
fn sibling_glob(item: &syn::Item) -> Option<String> {
    let syn::Item::Use(item) = item else {
        return None;
    };
    let syn::UseTree::Path(parent) = &item.tree else {
        return None;
    };
    let syn::UseTree::Path(module) = &*parent.tree else {
        return None;
    };
    (parent.ident == "super" && matches!(&*module.tree, syn::UseTree::Glob(_)))
        .then(|| module.ident.to_string())
}

/// The feature of a `#[cfg(feature = "name")]` attribute among `attrs`.
pub(crate) fn cfg_feature(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| {
        if !attr.path().is_ident("cfg") {
            return None;
        }
        let meta: syn::MetaNameValue = attr.parse_args().ok()?;
        if !meta.path.is_ident("feature") {
            return None;
        }
        match meta.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(name),
                ..
            }) => Some(name.value()),
            _ => None,
        }
    })
}

/// The `Result<…>` an operation method resolves to: the return type of an `async fn`, or the
/// `Output` of the `impl Future<Output = Result<…>>` a plain `fn` returns; `None` for anything
/// else (not an operation method).
pub(crate) fn call_result(f: &syn::ImplItemFn) -> Option<&syn::TypePath> {
    let syn::ReturnType::Type(_, returned) = &f.sig.output else {
        return None;
    };
    if f.sig.asyncness.is_some() {
        return match &**returned {
            syn::Type::Path(result) => Some(result),
            _ => None,
        };
    }
    let syn::Type::ImplTrait(future) = &**returned else {
        return None;
    };
    future.bounds.iter().find_map(|bound| {
        let syn::TypeParamBound::Trait(bound) = bound else {
            return None;
        };
        let last = bound.path.segments.last()?;
        if last.ident != "Future" {
            return None;
        }
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
            return None;
        };
        args.args.iter().find_map(|arg| match arg {
            syn::GenericArgument::AssocType(output) if output.ident == "Output" => {
                match &output.ty {
                    syn::Type::Path(result) => Some(result),
                    _ => None,
                }
            }
            _ => None,
        })
    })
}

/// The generated types by name, and the parameter types of each struct's `new`.
struct SampleItems<'f> {
    types: BTreeMap<String, &'f syn::Item>,
    constructors: BTreeMap<String, Vec<&'f syn::Type>>,
}

impl<'f> SampleItems<'f> {
    fn of(file: &'f syn::File) -> Self {
        let types = file
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Struct(s) => Some((s.ident.to_string(), item)),
                syn::Item::Enum(e) => Some((e.ident.to_string(), item)),
                _ => None,
            })
            .collect();
        let mut constructors = BTreeMap::new();
        for item in &file.items {
            let syn::Item::Impl(imp) = item else {
                continue;
            };
            let syn::Type::Path(self_ty) = &*imp.self_ty else {
                continue;
            };
            let Some(name) = self_ty.path.get_ident() else {
                continue;
            };
            for member in &imp.items {
                if let syn::ImplItem::Fn(f) = member
                    && f.sig.ident == "new"
                {
                    let params = f
                        .sig
                        .inputs
                        .iter()
                        .filter_map(|input| match input {
                            syn::FnArg::Typed(param) => Some(&*param.ty),
                            syn::FnArg::Receiver(_) => None,
                        })
                        .collect();
                    constructors.insert(name.to_string(), params);
                }
            }
        }
        Self {
            types,
            constructors,
        }
    }
}

fn derives_default(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("derive") && quote::quote!(#attr).to_string().contains("Default")
    })
}

/// Whether `ty` is `Vec<…>`.
fn is_list(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(path)
        if path.path.segments.last().is_some_and(|last| last.ident == "Vec"))
}

/// How deep sample values nest before giving up (recursive types end in `Option`/`Vec`).
const SAMPLE_DEPTH: usize = 12;

/// Lists nested less deeply than this get one item in samples (deeper ones are empty, which
/// keeps samples of large schemas small).
const FILLED_LIST_DEPTH: usize = 3;

/// A Rust expression of type `ty` with the smallest content: `None`, one-item vectors near the
/// top (else empty), empty strings, zero, nil, a fixed date-time, a `new` call (with the lists
/// near the top set to one item), else `Default`, or an enum's first variant.
fn sample_of(ty: &syn::Type, items: &SampleItems<'_>, depth: usize) -> Option<String> {
    match ty {
        syn::Type::Path(path) => sample_of_path(&path.path, items, depth),
        _ => None,
    }
}

fn sample_of_path(path: &syn::Path, items: &SampleItems<'_>, depth: usize) -> Option<String> {
    if depth > SAMPLE_DEPTH {
        return None;
    }
    let last = path.segments.last()?;
    let name = last.ident.to_string();
    let argument = || match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => args.args.iter().find_map(|a| match a {
            syn::GenericArgument::Type(t) => Some(t.clone()),
            _ => None,
        }),
        _ => None,
    };
    match name.as_str() {
        "Option" => return Some("None".into()),
        "Vec" => {
            // One item near the top, where it can be built: a repeated element may have
            // `minOccurs="1"`, and the items of repeated choices and mixed content get
            // exercised. Deeper down, and for raw elements (whose namespace a wildcard
            // constrains), an empty list.
            let item = argument()
                .filter(|_| depth < FILLED_LIST_DEPTH)
                .filter(|t| {
                    let name = quote::quote!(#t).to_string();
                    !name.ends_with("AnyElement") && !name.ends_with("AnyAttribute")
                })
                .and_then(|t| sample_of(&t, items, depth + 1));
            return Some(item.map_or_else(|| "Vec::new()".into(), |item| format!("vec![{item}]")));
        }
        "XsdDateTime" => {
            return Some(
                "<CRATE::soap_runtime::xml::XsdDateTime as CRATE::soap_runtime::xml::SimpleValue>::parse_text(\"2001-02-03T04:05:06Z\").expect(\"a date-time\")"
                    .into(),
            );
        }
        // A required `xs:any`: an element in a namespace of its own (what `##any` and
        // `##other` allow).
        "AnyElement" => {
            return Some(
                "CRATE::soap_runtime::xml::AnyElement { namespace: Some(\"urn:sample\".to_owned()), prefix: Some(\"s\".to_owned()), local: \"sample\".to_owned(), content: CRATE::soap_runtime::xml::AnyContent { namespace_declarations: vec![CRATE::soap_runtime::xml::NamespaceDeclaration { prefix: Some(\"s\".to_owned()), uri: \"urn:sample\".to_owned() }], ..Default::default() } }"
                    .into(),
            );
        }
        "AnyNode" => {
            return Some(
                "CRATE::soap_runtime::xml::AnyNode::Text(\"mixed text\".to_owned())".into(),
            );
        }
        "Nillable" => return Some("CRATE::soap_runtime::xml::Nillable::Nil".into()),
        "Box" => {
            return Some(format!(
                "Box::new({})",
                sample_of(&argument()?, items, depth + 1)?
            ));
        }
        "Integer" => return Some("\"0\".parse().expect(\"an integer\")".into()),
        // A name in a namespace, which the writer must declare.
        "QName" => {
            return Some("CRATE::soap_runtime::xml::QName::new(\"urn:sample\", \"sample\")".into());
        }
        _ => {}
    }
    let Some(item) = items.types.get(&name) else {
        // Strings, numbers, booleans, dates: the type's default.
        return Some("Default::default()".into());
    };
    let ty = format!("CRATE::types::{name}");
    match item {
        syn::Item::Struct(s) => {
            // `new` fills what `Default` leaves empty: the names of raw elements.
            let mut sample = match items.constructors.get(&name) {
                Some(params) if params.is_empty() && derives_default(&s.attrs) => {
                    format!("{ty}::default()")
                }
                Some(params) => {
                    let values: Option<Vec<String>> = params
                        .iter()
                        .map(|param| sample_of(param, items, depth + 1))
                        .collect();
                    format!("{ty}::new({})", values?.join(", "))
                }
                None if derives_default(&s.attrs) => format!("{ty}::default()"),
                None => return None,
            };
            // Lists get their items through their setters.
            for field in &s.fields {
                let Some(field_name) = &field.ident else {
                    continue;
                };
                if !is_list(&field.ty) {
                    continue;
                }
                let list = sample_of(&field.ty, items, depth + 1)?;
                if list != "Vec::new()" {
                    let setter = field_name.to_string();
                    sample.push_str(&format!(
                        ".with_{}({list})",
                        setter.trim_start_matches("r#")
                    ));
                }
            }
            Some(sample)
        }
        syn::Item::Enum(e) => {
            let variant = e.variants.first()?;
            let name = &variant.ident;
            match &variant.fields {
                syn::Fields::Unit => Some(format!("{ty}::{name}")),
                syn::Fields::Unnamed(unnamed) => {
                    let values: Option<Vec<String>> = unnamed
                        .unnamed
                        .iter()
                        .map(|f| sample_of(&f.ty, items, depth + 1))
                        .collect();
                    Some(format!("{ty}::{name}({})", values?.join(", ")))
                }
                syn::Fields::Named(_) => None,
            }
        }
        _ => None,
    }
}

/// The `tests/loopback.rs` of a generated crate.
pub fn loopback_test(package: &str, plan: &[LoopbackCall]) -> String {
    let mut out = LOOPBACK_PRELUDE.replace("CRATE", package);
    for call in plan {
        let (client, operations, test) = match &call.module {
            Some(m) => (
                format!("client::{m}::Client"),
                format!("operations::{m}::OPERATIONS"),
                format!("{m}_call_round_trips"),
            ),
            None => (
                "client::Client".to_owned(),
                "operations::OPERATIONS".to_owned(),
                "call_round_trips".to_owned(),
            ),
        };
        // First half: the answer, then what the call must return.
        let (answer, returned) = match &call.response {
            Some(response) => (
                format!(
                    "let expected = {};
    let answer = expected.clone();
    let respond: Reply = Box::new(move |op, version| {{
        envelope::write_response_in(version, op.response_namespace, op.response_element, &answer)
    }});",
                    response.replace("CRATE", package)
                ),
                "assert_eq!(response.expect(\"the typed response\"), expected);",
            ),
            None => (
                "// One-way: the server accepts with `202 Accepted` and no body.
    let respond: Reply = Box::new(|_, _| String::new());"
                    .to_owned(),
                "response.expect(\"the server accepted the one-way request\");",
            ),
        };
        out.push_str(&format!(
            "
/// `{method}` through the generated `{client}` to the loopback server and back: first
/// answered with a response, then with a fault naming the operation the server recognised.
#[tokio::test]
async fn {test}() {{
    {answer}
    let (url, server) = start({package}::{operations}, Some(respond)).await;
    let client = {package}::{client}::new(runtime(url));
    let request = {request};
    let response = client.{method}(&request).await;
    server.await.expect(\"server task\").expect(\"the request the server saw\");
    {returned}

    let (url, server) = start({package}::{operations}, None).await;
    let client = {package}::{client}::new(runtime(url));
    let result = client.{method}(&request).await;
    let seen = server.await.expect(\"server task\").expect(\"the request the server saw\");
    let error = result.expect_err(\"the loopback server answers with a fault\");
    assert_eq!(error.operation(), Some(seen), \"{{error}}\");
    let fault = error.fault().expect(\"a typed SOAP fault\");
    assert_eq!(fault.fault_string, format!(\"loopback saw {{seen}}\"));
}}
",
            method = call.method,
            request = call.request.replace("CRATE", package),
        ));
    }
    out
}

const LOOPBACK_PRELUDE: &str = r#"//! Written by `cargo xtask codegen-compat --corpus`: per SOAP binding, calls through the
//! generated client to one-shot loopback servers, which check the request's framing and answer
//! with a response, then with a SOAP fault naming the operation they recognised.

use CRATE::soap_runtime::envelope::{self, SoapFault, SoapVersion};
use CRATE::soap_runtime::xml::DecodeOptions;
use CRATE::soap_runtime::{self, OperationMeta};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Writes the response envelope for the operation the server recognised (nothing for a one-way
/// operation).
type Reply = Box<dyn FnOnce(&'static OperationMeta, SoapVersion) -> String + Send>;

/// A runtime client for the loopback URL.
fn runtime(url: String) -> soap_runtime::Client {
    soap_runtime::Client::builder(url)
        .allow_insecure_http(true)
        .build()
        .expect("client")
}

/// Binds 127.0.0.1:0 and serves one request in the background, answering with `reply` (a
/// fault when `None`); the task yields the name of the operation the request body named.
async fn start(
    operations: &'static [OperationMeta],
    reply: Option<Reply>,
) -> (String, tokio::task::JoinHandle<Result<&'static str, String>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}/service", listener.local_addr().expect("address"));
    (url, tokio::spawn(serve_once(listener, operations, reply)))
}

async fn serve_once(
    listener: tokio::net::TcpListener,
    operations: &'static [OperationMeta],
    reply: Option<Reply>,
) -> Result<&'static str, String> {
    let (mut socket, _) = listener.accept().await.map_err(|e| e.to_string())?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16384];
    let head_end = loop {
        let n = socket.read(&mut chunk).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed before the headers ended".into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let header = |name: &str| {
        head.lines()
            .find_map(|line| line.strip_prefix(name).map(|v| v.trim().to_owned()))
    };
    let length: usize = header("content-length:")
        .and_then(|v| v.parse().ok())
        .ok_or("no content-length")?;
    while buf.len() < head_end + length {
        let n = socket.read(&mut chunk).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed inside the body".into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = std::str::from_utf8(&buf[head_end..head_end + length]).map_err(|e| e.to_string())?;
    let mut request =
        envelope::read_request(body, DecodeOptions::lenient()).map_err(|e| e.to_string())?;
    let version = request.version();
    let root = request.body().map_err(|e| e.to_string())?;
    let op = OperationMeta::by_request_element(operations, root.local_name())
        .ok_or_else(|| format!("no operation has the body element {}", root.local_name()))?;
    if root.namespace() != Some(op.namespace) {
        return Err(format!("body element in {:?}, not {}", root.namespace(), op.namespace));
    }
    if op.soap_version != version {
        return Err(format!("{version:?} envelope for a {:?} operation", op.soap_version));
    }
    let content_type = header("content-type:").unwrap_or_default();
    let framed = match version {
        SoapVersion::Soap11 => {
            content_type.starts_with("text/xml") && header("soapaction:").is_some()
        }
        SoapVersion::Soap12 => {
            content_type.starts_with("application/soap+xml") && header("soapaction:").is_none()
        }
    };
    if !framed {
        return Err(format!("{version:?} request framed as {head}"));
    }
    let (status, reply) = match reply {
        Some(respond) => {
            let reply = respond(op, version);
            if op.is_one_way() != reply.is_empty() {
                return Err(format!("{} answered with {reply:?}", op.name));
            }
            let status = if reply.is_empty() { "202 Accepted" } else { "200 OK" };
            (status, reply)
        }
        None => {
            let fault = SoapFault {
                fault_code: match version {
                    SoapVersion::Soap11 => "SOAP-ENV:Client".into(),
                    SoapVersion::Soap12 => "SOAP-ENV:Sender".into(),
                },
                fault_string: format!("loopback saw {}", op.name),
                version,
                ..SoapFault::default()
            };
            ("500 Internal Server Error", envelope::write_fault(&fault))
        }
    };
    let reply_type = match version {
        SoapVersion::Soap11 => "text/xml; charset=utf-8",
        SoapVersion::Soap12 => "application/soap+xml; charset=utf-8",
    };
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {reply_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{reply}",
        reply.len()
    );
    socket.write_all(response.as_bytes()).await.map_err(|e| e.to_string())?;
    Ok(op.name)
}
"#;

/// The standalone crate `name` generated from the WSDL text `wsdl` (tests of the harness).
#[cfg(test)]
pub(crate) fn test_crate(
    name: &str,
    wsdl: &str,
    declarations: &codegen::Declarations,
) -> codegen::CrateFiles {
    let file = format!("{name}.wsdl");
    let resolver = wsdl::MemoryResolver::new().with(&file, wsdl);
    let defs = wsdl::load_with(&file, &resolver).expect("loads");
    let input = codegen::InputInfo::from_bytes(&file, wsdl.as_bytes());
    codegen::generate_crate(
        &defs,
        &input,
        declarations,
        &codegen::CrateOptions::new(name),
    )
    .expect("generates")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_test_asks_for_the_workspace_roxmltree() {
        let manifest = std::fs::read_to_string(paths::workspace_root().join("Cargo.toml"))
            .expect("the workspace manifest");
        assert!(
            manifest.contains(&format!("roxmltree = \"{ROXMLTREE}\"")),
            "the workspace's roxmltree requirement is not {ROXMLTREE}"
        );
    }

    #[test]
    fn outcomes_match_only_their_own_pin() {
        let called = |calls: &[&str], requests, responses| Outcome::Called {
            calls: calls.iter().map(|c| (*c).to_owned()).collect(),
            requests,
            responses,
        };
        assert!(called(&["client::get"], 1, 2).matches(Pinned::Called));
        assert!(!called(&["client::get"], 1, 2).matches(Pinned::Refused("x")));
        assert!(!called(&[], 1, 1).matches(Pinned::Called));
        // Documents of both directions are part of the pin.
        assert!(!called(&["client::get"], 0, 1).matches(Pinned::Called));
        assert!(!called(&["client::get"], 1, 0).matches(Pinned::Called));
        let refused = Outcome::Refused("op `x`: unsupported: rpc/encoded binding (…)".into());
        assert!(refused.matches(Pinned::Refused("unsupported: rpc/encoded binding")));
        assert!(!refused.matches(Pinned::Refused("unsupported: one-way")));
        assert!(!refused.matches(Pinned::Called));
        let vague = Outcome::Refused("rpc/encoded binding".into());
        assert!(
            !vague.matches(Pinned::Refused("rpc/encoded binding")),
            "a refusal must say `unsupported: `"
        );
        assert!(!Outcome::Failed("clippy".into()).matches(Pinned::Called));
    }

    /// A service whose only operation takes a required string, a required enum and a required
    /// nested record: the loopback request is a `new` call with the smallest values.
    const REQUIRED: &str = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:required" targetNamespace="urn:required">
  <wsdl:types><xs:schema targetNamespace="urn:required">
    <xs:simpleType name="Kind"><xs:restriction base="xs:string">
      <xs:enumeration value="a"/><xs:enumeration value="b"/></xs:restriction></xs:simpleType>
    <xs:complexType name="Range"><xs:sequence>
      <xs:element name="low" type="xs:int"/><xs:element name="high" type="xs:int" minOccurs="0"/>
    </xs:sequence></xs:complexType>
    <xs:element name="find"><xs:complexType><xs:sequence>
      <xs:element name="name" type="xs:string"/><xs:element name="kind" type="tns:Kind"/>
      <xs:element name="range" type="tns:Range"/>
      <xs:element name="tags" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="findResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
  </xs:schema></wsdl:types>
  <wsdl:message name="In"><wsdl:part name="p" element="tns:find"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="p" element="tns:findResponse"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="find"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:P"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="find"><soap:operation soapAction="urn:find"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>"#;

    #[test]
    fn loopback_plan_builds_required_requests_and_the_test_calls_them() {
        let files = test_crate("required", REQUIRED, &codegen::Declarations::default());
        let plan = loopback_plan(&files).expect("a call");
        assert_eq!(
            plan,
            [LoopbackCall {
                module: None,
                method: "find".into(),
                request: "CRATE::types::Find::new(Default::default(), CRATE::types::Kind::A, \
                          CRATE::types::Range::new(Default::default())).with_tags(vec![Default::default()])"
                    .into(),
                response: Some("CRATE::types::FindResponse::default()".into()),
                feature: None,
            }]
        );
        assert_eq!(call_features(&plan, &[]), "");
        // With feature-gated groups the call names its operation's group, which the test
        // build enables alone.
        let grouped = codegen::Declarations {
            feature_groups: Some("_".to_owned()),
            ..codegen::Declarations::default()
        };
        let files = test_crate("required", REQUIRED, &grouped);
        let plan = loopback_plan(&files).expect("a call");
        assert_eq!(
            plan.first().and_then(|c| c.feature.as_deref()),
            Some("find")
        );
        assert_eq!(call_features(&plan, &[]), "find");
        let test = loopback_test("required", &plan);
        assert!(
            test.contains("let request = required::types::Find::new("),
            "{test}"
        );
        for expected in [
            "let expected = required::types::FindResponse::default();",
            "let client = required::client::Client::new(runtime(url));",
            "let response = client.find(&request).await;",
            "assert_eq!(response.expect(\"the typed response\"), expected);",
            "let result = client.find(&request).await;",
        ] {
            assert!(test.contains(expected), "missing `{expected}` in\n{test}");
        }
        syn::parse_file(&test).expect("the test parses");
    }

    /// An rpc/literal service whose only operation is one-way.
    const ONE_WAY_RPC: &str = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:notify" targetNamespace="urn:notify">
  <wsdl:message name="In"><wsdl:part name="text" type="xs:string"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="notify"><wsdl:input message="tns:In"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:P"><soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="notify"><soap:operation soapAction="urn:notify"/><wsdl:input><soap:body use="literal" namespace="urn:notify"/></wsdl:input></wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>"#;

    #[test]
    fn loopback_plan_calls_a_one_way_operation_and_expects_unit() {
        let files = test_crate("notify", ONE_WAY_RPC, &codegen::Declarations::default());
        let plan = loopback_plan(&files).expect("a call");
        assert_eq!(
            plan,
            [LoopbackCall {
                module: None,
                method: "notify".into(),
                request: "CRATE::types::Notify::new(Default::default())".into(),
                response: None,
                feature: None,
            }]
        );
        let test = loopback_test("notify", &plan);
        for expected in [
            "let respond: Reply = Box::new(|_, _| String::new());",
            "let request = notify::types::Notify::new(Default::default());",
            "response.expect(\"the server accepted the one-way request\");",
            "let error = result.expect_err(\"the loopback server answers with a fault\");",
        ] {
            assert!(test.contains(expected), "missing `{expected}` in\n{test}");
        }
        assert!(
            test.contains("if op.is_one_way() != reply.is_empty()"),
            "{test}"
        );
        syn::parse_file(&test).expect("the test parses");
    }

    /// Today's refusals, pinned without building anything (the full harness builds and calls
    /// the rest).
    #[test]
    #[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
    fn pinned_refusals_are_refused_with_their_message() {
        let shared = crate::shared_data::shared_dir();
        for (name, relative, pinned, _) in CORPUS {
            let Pinned::Refused(_) = pinned else {
                continue;
            };
            let args = CrateArgs {
                name: Some(format!("corpus-{name}")),
                ..CrateArgs::default()
            };
            let outcome = match standalone::generate_crate(&shared.join(relative), &args) {
                Ok(_) => Outcome::Failed("generated".into()),
                Err(message) => Outcome::Refused(message),
            };
            assert!(outcome.matches(*pinned), "{name}: {outcome:?}");
        }
    }
}
