//! What a WSDL cannot say about a service, declared once per service and given to the
//! generator: which operations only read (so the runtime may retry them after a failure that
//! may have reached the server), and which SOAP headers the client's header provider writes
//! itself (so port methods do not take them).
//!
//! Declarations are plain data; [`Declarations::from_toml`] reads the file form used by
//! `cargo xtask codegen --declarations FILE` (for Marketo: `mktows/codegen.toml`):
//!
//! ```toml
//! # SOAP headers the client writes on every call (not port-method parameters).
//! provided_headers = ["AuthenticationHeader"]
//! # Operations that only read.
//! idempotent = ["getLead", "getMultipleLeads"]
//! ```

use std::collections::BTreeSet;

/// Service facts the WSDL does not carry (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declarations {
    /// Local names of SOAP header elements the client's
    /// `HeaderProvider` writes on every call; port methods do not take them.
    #[serde(default)]
    pub provided_headers: BTreeSet<String>,
    /// Names (as in the WSDL) of operations that only read.
    #[serde(default)]
    pub idempotent: BTreeSet<String>,
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
        };
        assert_eq!(parsed, Ok(expected));
        assert_eq!(Declarations::from_toml(""), Ok(Declarations::default()));
        let unknown = Declarations::from_toml("retries = 3\n");
        assert!(unknown.is_err_and(|e| e.contains("retries")));
    }
}
