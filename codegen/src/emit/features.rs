//! Feature-gated operation groups ([`crate::Declarations::feature_groups`]): operations are
//! grouped by the prefix of their name before a separator (`Account_GetData` → `account`), each
//! group becomes a Cargo feature, and every generated item is put behind the features of the
//! operations that need it, the way windows-rs gates its API surface. A crate user who calls
//! few operations compiles only their code and the types they reach.
//!
//! The pass runs on the emitted syntax trees, after the other emitters:
//! - an operation's metadata constant, `Request`/`Response` variants and match arms, client
//!   methods and headers struct get `#[cfg(feature = "group")]`;
//! - a type gets `#[cfg(any(feature = "g1", …))]` over the groups whose operations reach it
//!   through any reference in the generated code (fields, `xsi:type` variants, headers,
//!   response types); a type every group reaches stays ungated, one no operation reaches is
//!   behind `full`;
//! - a rule impl (`impl soap_runtime::Validate for types::X`, paging) exists with the groups
//!   every type it names exists in.
//!
//! Reachability is read from the generated code itself (every identifier naming a generated
//! type), so whatever an emitter makes a type refer to is covered.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, quote};

use crate::naming;
use crate::service::OperationPlan;

/// The feature that enables every group.
pub const FULL: &str = "full";

/// The feature of a generated crate that compiles the `Request`/`Response` body enums of
/// every binding (what a server, a mock or a reader of recorded traffic dispatches on), and
/// the codecs only those use: the decoders of request wrappers and the encoders of response
/// wrappers (see [`super::directions`]). A client does not need them, and with thousands of
/// operations they are a third of the crate's build (measured on the 1,511-operation economic
/// crate), so they are off by default.
pub const BODIES: &str = "bodies";

/// The group (feature name) of an operation: the snake_case of its name's part before the
/// first `separator` (`Account_GetData` with `_` → `account`), or of the whole name when it
/// has no separator.
pub fn group_of(operation: &str, separator: &str) -> String {
    let prefix = if separator.is_empty() {
        operation
    } else {
        operation.split(separator).next().unwrap_or(operation)
    };
    let feature = naming::snake_case(prefix);
    if feature.is_empty() || feature == FULL || feature == BODIES || feature == "default" {
        format!("ops_{feature}")
    } else {
        feature
    }
}

/// The groups of the operations, in name order.
pub fn groups<'a>(
    ops: impl IntoIterator<Item = &'a OperationPlan>,
    separator: &str,
) -> Vec<String> {
    let set: BTreeSet<String> = ops
        .into_iter()
        .map(|op| group_of(&op.name, separator))
        .collect();
    set.into_iter().collect()
}

/// What the gate of one item is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Gate {
    /// Always compiled.
    Always,
    /// Compiled with any of these features.
    Any(BTreeSet<String>),
}

impl Gate {
    fn attribute(&self) -> Option<syn::Attribute> {
        match self {
            Gate::Always => None,
            Gate::Any(features) if features.len() == 1 => {
                let feature = features.iter().next()?;
                Some(syn::parse_quote!(#[cfg(feature = #feature)]))
            }
            Gate::Any(features) => {
                let features = features.iter();
                Some(syn::parse_quote!(#[cfg(any(#(feature = #features),*))]))
            }
        }
    }
}

/// The four generated files as syntax trees.
pub struct Files {
    /// `types.rs`.
    pub types: syn::File,
    /// `operations.rs`.
    pub operations: syn::File,
    /// `rules.rs`.
    pub rules: syn::File,
    /// `client.rs`.
    pub client: syn::File,
}

/// Adds the `cfg` attributes to the generated files (see the module docs).
pub fn gate(files: &mut Files, ops: &[OperationPlan], separator: &str) {
    let all_groups: BTreeSet<String> = groups(ops, separator).into_iter().collect();
    let op_group: BTreeMap<&str, String> = ops
        .iter()
        .map(|op| (op.name.as_str(), group_of(&op.name, separator)))
        .collect();
    // Names → group, for the items of each operation.
    let mut by_name: BTreeMap<String, String> = BTreeMap::new();
    let mut by_variant: BTreeMap<String, String> = BTreeMap::new();
    for op in ops {
        let group = op_group.get(op.name.as_str()).cloned().unwrap_or_default();
        by_name.insert(op.const_name.clone(), group.clone());
        by_name.insert(op.variant.clone(), group.clone());
        by_variant.insert(op.variant.clone(), group.clone());
        by_name.insert(op.method.clone(), group.clone());
        if let Some((headers, method)) = &op.with_headers {
            by_name.insert(headers.clone(), group.clone());
            by_name.insert(method.clone(), group.clone());
        }
    }
    let type_names: BTreeSet<String> = files.types.items.iter().filter_map(defined_type).collect();
    // Type → the types its items name.
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in &files.types.items {
        if let Some(owner) = owner(item) {
            let refs = named(&item.to_token_stream(), &type_names);
            edges.entry(owner).or_default().extend(refs);
        }
    }
    // Group → the types its operations' items name directly.
    let mut roots: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in [&files.operations, &files.client] {
        visit_op_items(&file.items, &by_name, &mut |group, tokens| {
            roots
                .entry(group.to_owned())
                .or_default()
                .extend(named(&tokens, &type_names));
        });
    }
    // Type → groups reaching it.
    let mut reached: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (group, start) in &roots {
        let mut stack: Vec<String> = start.iter().cloned().collect();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            if let Some(next) = edges.get(&name) {
                stack.extend(next.iter().filter(|n| !seen.contains(*n)).cloned());
            }
        }
        for name in seen {
            reached.entry(name).or_default().insert(group.clone());
        }
    }
    let type_gate = |name: &str| -> Gate {
        match reached.get(name) {
            Some(groups) if *groups == all_groups => Gate::Always,
            Some(groups) => Gate::Any(groups.clone()),
            None => Gate::Any([FULL.to_owned()].into()),
        }
    };
    for item in &mut files.types.items {
        if let Some(owner) = owner(item) {
            push_attr(item, type_gate(&owner));
        }
    }
    // A rule impl (a request check, paging from a request to its response) exists where every
    // type it names does.
    for item in &mut files.rules.items {
        let mut common: Option<BTreeSet<String>> = None;
        let mut unreached = false;
        for name in named(&item.to_token_stream(), &type_names) {
            match reached.get(&name) {
                Some(groups) => {
                    common = Some(match common {
                        None => groups.clone(),
                        Some(acc) => acc.intersection(groups).cloned().collect(),
                    });
                }
                None => unreached = true,
            }
        }
        let gate = match common {
            _ if unreached => Gate::Any([FULL.to_owned()].into()),
            None => Gate::Always,
            Some(groups) if groups == all_groups => Gate::Always,
            Some(groups) if groups.is_empty() => Gate::Any([FULL.to_owned()].into()),
            Some(groups) => Gate::Any(groups),
        };
        push_attr(item, gate);
    }
    for file in [&mut files.operations, &mut files.client] {
        gate_op_items(&mut file.items, &by_name, &by_variant);
    }
}

/// The type a `types.rs` struct or enum defines.
fn defined_type(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        _ => None,
    }
}

/// The type an item belongs to: the type it defines, or the self type of an impl (its last path
/// segment, so `types::X` is `X`).
fn owner(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Impl(imp) => match &*imp.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        other => defined_type(other),
    }
}

/// The names in `names` that the tokens mention.
fn named(tokens: &TokenStream, names: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    collect_idents(tokens, &mut |ident| {
        if names.contains(ident) {
            found.insert(ident.to_owned());
        }
    });
    found
}

fn collect_idents(tokens: &TokenStream, found: &mut impl FnMut(&str)) {
    for tree in tokens.clone() {
        match tree {
            TokenTree::Ident(ident) => found(&ident.to_string()),
            TokenTree::Group(group) => collect_idents(&group.stream(), found),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

/// The operation group an item or variant name belongs to.
fn group_for<'a>(ident: &syn::Ident, by_name: &'a BTreeMap<String, String>) -> Option<&'a str> {
    by_name.get(&ident.to_string()).map(String::as_str)
}

/// The group of a match arm: that of the first operation variant it names (in its pattern or,
/// for decoders matching element names, its value).
fn arm_group<'a>(arm: &syn::Arm, by_variant: &'a BTreeMap<String, String>) -> Option<&'a str> {
    let mut group = None;
    collect_idents(&arm.to_token_stream(), &mut |ident| {
        if group.is_none() {
            group = by_variant.get(ident).map(String::as_str);
        }
    });
    group
}

/// Calls `found(group, tokens)` for each operation item (constant, headers struct and its
/// impls, client method, enum variant, match arm) in `items` and nested modules.
fn visit_op_items(
    items: &[syn::Item],
    by_name: &BTreeMap<String, String>,
    found: &mut impl FnMut(&str, TokenStream),
) {
    for item in items {
        match item {
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    visit_op_items(inner, by_name, found);
                }
            }
            syn::Item::Const(c) => {
                if let Some(group) = group_for(&c.ident, by_name) {
                    found(group, c.to_token_stream());
                }
            }
            syn::Item::Struct(s) => {
                if let Some(group) = group_for(&s.ident, by_name) {
                    found(group, s.to_token_stream());
                }
            }
            syn::Item::Enum(e) => {
                for variant in &e.variants {
                    if let Some(group) = group_for(&variant.ident, by_name) {
                        found(group, variant.to_token_stream());
                    }
                }
            }
            syn::Item::Impl(imp) => {
                if let Some(group) = owner(item).and_then(|o| by_name.get(&o)) {
                    found(group, imp.to_token_stream());
                    continue;
                }
                for member in &imp.items {
                    if let syn::ImplItem::Fn(f) = member
                        && let Some(group) = group_for(&f.sig.ident, by_name)
                    {
                        found(group, f.to_token_stream());
                    }
                }
            }
            _ => {}
        }
    }
}

/// Puts the operation items of `items` (see [`visit_op_items`]) behind their group's feature.
fn gate_op_items(
    items: &mut [syn::Item],
    by_name: &BTreeMap<String, String>,
    by_variant: &BTreeMap<String, String>,
) {
    for item in items.iter_mut() {
        let own = owner(item).and_then(|o| by_name.get(&o)).cloned();
        match item {
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &mut m.content {
                    gate_op_items(inner, by_name, by_variant);
                }
            }
            syn::Item::Const(c) => {
                if let Some(group) = group_for(&c.ident, by_name) {
                    insert_gate(&mut c.attrs, feature_attr(group));
                } else {
                    gate_list(&mut c.expr, by_name);
                }
            }
            syn::Item::Struct(s) => {
                if let Some(group) = group_for(&s.ident, by_name) {
                    insert_gate(&mut s.attrs, feature_attr(group));
                }
            }
            syn::Item::Enum(e) => {
                for variant in &mut e.variants {
                    if let Some(group) = group_for(&variant.ident, by_name) {
                        insert_gate(&mut variant.attrs, feature_attr(group));
                    }
                }
            }
            syn::Item::Impl(imp) => {
                if let Some(group) = own {
                    insert_gate(&mut imp.attrs, feature_attr(&group));
                    continue;
                }
                for member in &mut imp.items {
                    if let syn::ImplItem::Fn(f) = member {
                        if let Some(group) = group_for(&f.sig.ident, by_name) {
                            insert_gate(&mut f.attrs, feature_attr(group));
                        } else {
                            gate_arms(&mut f.block.stmts, by_variant);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Puts the elements of a constant list of operations (`&[A, B]`) behind their groups'
/// features.
fn gate_list(expr: &mut syn::Expr, by_name: &BTreeMap<String, String>) {
    let array = match expr {
        syn::Expr::Reference(r) => match &mut *r.expr {
            syn::Expr::Array(array) => array,
            _ => return,
        },
        syn::Expr::Array(array) => array,
        _ => return,
    };
    for element in &mut array.elems {
        if let syn::Expr::Path(path) = element
            && let Some(last) = path.path.segments.last()
            && let Some(group) = group_for(&last.ident, by_name)
        {
            insert_gate(&mut path.attrs, feature_attr(group));
        }
    }
}

/// Puts the arms of `match` expressions (direct statements or `let` initialisers) that name an
/// operation's variant behind its group's feature.
fn gate_arms(stmts: &mut [syn::Stmt], by_variant: &BTreeMap<String, String>) {
    for stmt in stmts {
        let expr = match stmt {
            syn::Stmt::Expr(expr, _) => expr,
            syn::Stmt::Local(local) => match &mut local.init {
                Some(init) => &mut *init.expr,
                None => continue,
            },
            syn::Stmt::Item(_) | syn::Stmt::Macro(_) => continue,
        };
        gate_match(expr, by_variant);
    }
}

fn gate_match(expr: &mut syn::Expr, by_variant: &BTreeMap<String, String>) {
    match expr {
        syn::Expr::Match(m) => {
            for arm in &mut m.arms {
                // A nested dispatch (namespace, then local name) gates its inner arms: the
                // outer arm holds operations of several groups.
                if let syn::Expr::Match(_) = &*arm.body {
                    gate_match(&mut arm.body, by_variant);
                    continue;
                }
                if let Some(group) = arm_group(arm, by_variant) {
                    insert_gate(&mut arm.attrs, feature_attr(group));
                }
            }
        }
        syn::Expr::Block(b) => gate_arms(&mut b.block.stmts, by_variant),
        syn::Expr::Return(r) => {
            if let Some(inner) = &mut r.expr {
                gate_match(inner, by_variant);
            }
        }
        _ => {}
    }
}

/// Adds a gate after an item's doc comments (so it reads `/// docs`, `#[cfg(…)]`, `#[derive…]`).
fn insert_gate(attrs: &mut Vec<syn::Attribute>, gate: syn::Attribute) {
    let docs = attrs
        .iter()
        .take_while(|a| a.path().is_ident("doc"))
        .count();
    attrs.insert(docs, gate);
}

fn feature_attr(group: &str) -> syn::Attribute {
    syn::parse_quote!(#[cfg(feature = #group)])
}

fn push_attr(item: &mut syn::Item, gate: Gate) {
    let Some(attr) = gate.attribute() else {
        return;
    };
    match item {
        syn::Item::Struct(s) => insert_gate(&mut s.attrs, attr),
        syn::Item::Enum(e) => insert_gate(&mut e.attrs, attr),
        syn::Item::Impl(i) => insert_gate(&mut i.attrs, attr),
        _ => {}
    }
}

/// The `[features]` table of a generated crate's `Cargo.toml`: [`BODIES`], and with
/// feature-gated groups one feature per group, `full` with all of them, and
/// `default = ["full"]`.
pub fn manifest_features(groups: Option<&[String]>) -> String {
    let mut out = String::from("\n[features]\n");
    if let Some(groups) = groups {
        out.push_str("default = [\"full\"]\n");
        let all: Vec<String> = groups.iter().map(|g| format!("\"{g}\"")).collect();
        out.push_str(&format!("{FULL} = [{}]\n", all.join(", ")));
        for group in groups {
            out.push_str(&format!("{group} = []\n"));
        }
    }
    out.push_str(&format!(
        "# The `Request`/`Response` body enums, and the decoders of request bodies and encoders\n\
         # of response bodies: for servers, mocks and recorded traffic, not for a client.\n\
         {BODIES} = []\n"
    ));
    out
}

/// Tokens of a syntax tree (for re-rendering after the pass).
pub fn tokens(file: &syn::File) -> TokenStream {
    quote!(#file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_snake_case_prefixes_and_never_the_reserved_feature_names() {
        assert_eq!(group_of("Account_GetData", "_"), "account");
        assert_eq!(group_of("CashBookEntry_Create", "_"), "cash_book_entry");
        assert_eq!(group_of("Connect", "_"), "connect");
        assert_eq!(group_of("Full_Thing", "_"), "ops_full");
        assert_eq!(group_of("Bodies_Get", "_"), "ops_bodies");
        let bodies = "# The `Request`/`Response` body enums, and the decoders of request bodies and encoders\n# of response bodies: for servers, mocks and recorded traffic, not for a client.\nbodies = []\n";
        assert_eq!(
            manifest_features(Some(&["a".into(), "b".into()])),
            format!(
                "\n[features]\ndefault = [\"full\"]\nfull = [\"a\", \"b\"]\na = []\nb = []\n{bodies}"
            )
        );
        assert_eq!(manifest_features(None), format!("\n[features]\n{bodies}"));
    }
}
