//! What a WSDL cannot say about a service, declared once per service and given to the
//! generator: which operations only read (so the runtime may retry them after a failure that
//! may have reached the server), which SOAP headers the client's header provider writes
//! itself (so port methods do not take them), which request types the service checks before
//! sending, and which operations page and through which fields. One generation option rides
//! along: whether generated structs and enums are `#[non_exhaustive]` (default: yes).
//!
//! Declarations are plain data; [`Declarations::from_toml`] reads the file form used by
//! `cargo xtask codegen --declarations FILE` (for Marketo: `mktows/codegen.toml`):
//!
//! ```toml
//! # SOAP headers the client writes on every call (not port-method parameters).
//! provided_headers = ["AuthenticationHeader"]
//! # Operations that only read.
//! idempotent = ["getLead", "getMultipleLeads"]
//!
//! # Request checks: operation → path of a `fn(&Request) -> Result<(), String>`.
//! [checks]
//! requestCampaign = "crate::guards::request_campaign"
//!
//! # Paged reads: the request field carrying the position (XML name), the response path to the
//! # next position, and the response path to a "more" flag (boolean, or a count > 0).
//! [paging.getMultipleLeads]
//! token = "streamPosition"
//! next_token = "result/newStreamPosition"
//! more = "result/remainingCount"
//!
//! # Default true: a later WSDL may add fields and values without breaking code outside the
//! # generated crate, which then builds values with `Type::new(…)` and `with_*` setters.
//! non_exhaustive = true
//!
//! # Optional: one Cargo feature per operation group, named after the operation-name prefix
//! # before the first `_` (`Account_GetData` → feature `account`); `full` enables all.
//! feature_groups = "_"
//! ```

use std::collections::{BTreeMap, BTreeSet};

/// Service facts the WSDL does not carry (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declarations {
    /// Local names of SOAP header elements the client's
    /// `HeaderProvider` writes on every call; port methods do not take them.
    #[serde(default)]
    pub provided_headers: BTreeSet<String>,
    /// Names (as in the WSDL) of operations that only read.
    #[serde(default)]
    pub idempotent: BTreeSet<String>,
    /// Operation name → path of the function checking its request before any I/O
    /// (`fn(&Request) -> Result<(), String>`), emitted as the request type's
    /// `soap_runtime::Validate` impl.
    #[serde(default)]
    pub checks: BTreeMap<String, String>,
    /// Operation name → how it pages, emitted as a `soap_runtime::Paginated` impl.
    #[serde(default)]
    pub paging: BTreeMap<String, Paging>,
    /// Whether generated structs and enums are `#[non_exhaustive]` (default `true`), so that
    /// fields and enumeration values a later WSDL adds do not break code outside the generated
    /// crate: such code cannot write struct literals or exhaustive matches, and builds values
    /// with the generated `new` constructors and `with_*` setters instead. Inside the defining
    /// crate literals still work.
    #[serde(default = "non_exhaustive_default")]
    pub non_exhaustive: bool,
    /// Feature-gated operation groups: `Some(separator)` groups operations by their name's
    /// prefix before the first `separator` (`"_"`: `Account_GetData` is in group `account`)
    /// and puts each operation, and each type only some groups reach, behind the Cargo
    /// features of its groups, so a user compiles only the operations they call. A generated
    /// crate declares one feature per group plus `full` (all groups, the default). `None`
    /// (the default) gates nothing.
    #[serde(default)]
    pub feature_groups: Option<String>,
}

/// `#[non_exhaustive]` is on unless turned off.
fn non_exhaustive_default() -> bool {
    true
}

impl Default for Declarations {
    /// Nothing declared; generated types are `#[non_exhaustive]`.
    fn default() -> Self {
        Self {
            provided_headers: BTreeSet::new(),
            idempotent: BTreeSet::new(),
            checks: BTreeMap::new(),
            paging: BTreeMap::new(),
            non_exhaustive: non_exhaustive_default(),
            feature_groups: None,
        }
    }
}

/// How one operation pages. Paths are XML element names joined by `/`, from the request or
/// response body element.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paging {
    /// The request child element that carries the position (`streamPosition`).
    pub token: String,
    /// Where the response carries the next position (`result/newStreamPosition`).
    pub next_token: String,
    /// Where the response says whether more pages follow (`result/remainingCount`, a count
    /// that is 0 on the last page, or `result/hasMore`, a boolean). Without it, paging ends at
    /// an empty or repeated position.
    #[serde(default)]
    pub more: Option<String>,
}

impl Declarations {
    /// Parses the TOML form (see the module docs). Unknown keys are errors.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_form_and_rejects_unknown_keys() {
        let parsed = Declarations::from_toml(
            "provided_headers = [\"AuthenticationHeader\"]\nidempotent = [\"getLead\"]\n",
        );
        let expected = Declarations {
            provided_headers: ["AuthenticationHeader".to_owned()].into(),
            idempotent: ["getLead".to_owned()].into(),
            ..Declarations::default()
        };
        assert_eq!(parsed, Ok(expected));
        assert_eq!(Declarations::from_toml(""), Ok(Declarations::default()));
        assert!(Declarations::default().non_exhaustive);
        let grouped = Declarations::from_toml("feature_groups = \"_\"\n");
        assert_eq!(grouped.map(|d| d.feature_groups), Ok(Some("_".to_owned())));
        let exhaustive = Declarations::from_toml("non_exhaustive = false\n");
        assert_eq!(exhaustive.map(|d| d.non_exhaustive), Ok(false));
        let unknown = Declarations::from_toml("retries = 3\n");
        assert!(unknown.is_err_and(|e| e.contains("retries")));
        let paged = Declarations::from_toml(
            "[checks]\nop = \"crate::f\"\n[paging.op]\ntoken = \"p\"\nnext_token = \"r/n\"\n",
        );
        let paged = paged.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(paged.checks.get("op").map(String::as_str), Some("crate::f"));
        assert_eq!(
            paged.paging.get("op"),
            Some(&Paging {
                token: "p".into(),
                next_token: "r/n".into(),
                more: None,
            })
        );
    }
}
