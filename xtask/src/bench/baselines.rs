//! Reference parsers run on the same bytes as the typed decoder.
//!
//! * a raw quick-xml event scan ([`super::raw_scan`]): the floor any quick-xml based
//!   decoder pays;
//! * a roxmltree DOM parse: what a "parse into a tree, then walk it" decoder would pay;
//! * quick-xml's serde support with derived types ([`super::serde_alt`]): what a Rust
//!   developer would write by hand.

/// Parses `xml` into a roxmltree document with default options (DTDs rejected).
pub fn roxmltree_parse(xml: &str) -> Result<roxmltree::Document<'_>, String> {
    roxmltree::Document::parse(xml).map_err(|e| format!("roxmltree: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roxmltree_parse_builds_a_tree() {
        let doc = roxmltree_parse("<a><b/><b/></a>").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.root_element().children().count(), 2);
    }
}
