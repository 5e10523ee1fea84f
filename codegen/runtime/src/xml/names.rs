//! In-scope namespace declarations (`xmlns`, `xmlns:p`) for the reader.
//!
//! A flat stack of bindings borrowed from the input, each tagged with the depth of the element
//! that declared it; resolution scans from the innermost binding. Documents declare a handful of
//! namespaces, so the scan is a few comparisons, and elements without attributes add nothing.

use super::error::DecodeErrorKind;

/// The namespace bound to the reserved prefix `xml`.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

#[derive(Debug, Clone, Copy)]
struct Binding<'a> {
    /// `""` for the default namespace.
    prefix: &'a str,
    /// `""` undeclares (only allowed for the default namespace in XML 1.0 namespaces).
    uri: &'a str,
    depth: usize,
}

/// The namespace bindings in scope at the reader's position.
#[derive(Debug, Clone)]
pub(crate) struct Namespaces<'a> {
    bindings: Vec<Binding<'a>>,
    /// How many of `bindings` are default-namespace bindings (lets unprefixed names skip the scan
    /// when there are none, the common case for unqualified children).
    defaults: usize,
    limit: usize,
}

impl<'a> Namespaces<'a> {
    pub(crate) fn new(limit: usize) -> Self {
        Namespaces {
            bindings: Vec::new(),
            defaults: 0,
            limit,
        }
    }

    /// Declares `prefix` (`""` = default namespace) for the element at `depth`.
    pub(crate) fn declare(
        &mut self,
        prefix: &'a str,
        uri: &'a str,
        depth: usize,
    ) -> Result<(), DecodeErrorKind> {
        if self.bindings.len() >= self.limit {
            return Err(DecodeErrorKind::TooManyNamespaces(self.limit));
        }
        if prefix == "xmlns"
            || (prefix == "xml" && uri != XML_NS)
            || (!prefix.is_empty() && uri.is_empty())
        {
            return Err(DecodeErrorKind::UnsupportedNamespace(format!(
                "cannot bind prefix `{prefix}` to `{uri}`"
            )));
        }
        if prefix.is_empty() {
            self.defaults += 1;
        }
        self.bindings.push(Binding { prefix, uri, depth });
        Ok(())
    }

    /// Drops the bindings of elements deeper than `depth` (called when an element closes).
    #[inline]
    pub(crate) fn pop_to(&mut self, depth: usize) {
        while let Some(last) = self.bindings.last() {
            if last.depth <= depth {
                break;
            }
            if last.prefix.is_empty() {
                self.defaults -= 1;
            }
            self.bindings.pop();
        }
    }

    /// The namespace of an element name with this prefix (`None` prefix: the default namespace).
    /// `Ok(None)`: no namespace. `Err(())`: the prefix is not declared.
    #[inline]
    pub(crate) fn resolve_element(&self, prefix: Option<&str>) -> Result<Option<&'a str>, ()> {
        match prefix {
            None => {
                if self.defaults == 0 {
                    return Ok(None);
                }
                let uri = self
                    .bindings
                    .iter()
                    .rev()
                    .find(|b| b.prefix.is_empty())
                    .map_or("", |b| b.uri);
                Ok(if uri.is_empty() { None } else { Some(uri) })
            }
            Some(p) => self.resolve_prefix(p).map(Some).ok_or(()),
        }
    }

    /// The bindings in scope, innermost declaration of each prefix only, outermost first:
    /// (prefix, `""` for the default namespace; namespace, `""` when undeclared).
    pub(crate) fn in_scope(&self) -> Vec<(&'a str, &'a str)> {
        let mut out: Vec<(&'a str, &'a str)> = Vec::new();
        for b in self.bindings.iter().rev() {
            if !out.iter().any(|(p, _)| *p == b.prefix) {
                out.push((b.prefix, b.uri));
            }
        }
        out.reverse();
        out
    }

    /// The bindings declared by the element at `depth` itself, in document order.
    pub(crate) fn declared_at(&self, depth: usize) -> Vec<(&'a str, &'a str)> {
        self.bindings
            .iter()
            .filter(|b| b.depth == depth)
            .map(|b| (b.prefix, b.uri))
            .collect()
    }

    /// The namespace bound to a non-empty prefix, if declared.
    #[inline]
    pub(crate) fn resolve_prefix(&self, prefix: &str) -> Option<&'a str> {
        if prefix == "xml" {
            return Some(XML_NS);
        }
        self.bindings
            .iter()
            .rev()
            .find(|b| b.prefix == prefix)
            .map(|b| b.uri)
    }
}

/// Splits `p:local` into (`Some(p)`, `local`), or (`None`, `name`).
#[inline]
pub(crate) fn split_qname(name: &str) -> (Option<&str>, &str) {
    // Names are short: a plain scan beats a general substring search here.
    match name.bytes().position(|b| b == b':') {
        Some(i) => (name.get(..i), name.get(i + 1..).unwrap_or_default()),
        None => (None, name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoping_and_default_namespace() {
        let mut ns = Namespaces::new(8);
        assert_eq!(ns.resolve_element(None), Ok(None));
        ns.declare("a", "urn:a", 1).unwrap();
        ns.declare("", "urn:d", 2).unwrap();
        assert_eq!(ns.resolve_element(None), Ok(Some("urn:d")));
        assert_eq!(ns.resolve_element(Some("a")), Ok(Some("urn:a")));
        assert_eq!(ns.resolve_element(Some("b")), Err(()));
        ns.declare("", "", 3).unwrap();
        assert_eq!(ns.resolve_element(None), Ok(None));
        ns.declare("a", "urn:a2", 3).unwrap();
        assert_eq!(ns.resolve_prefix("a"), Some("urn:a2"));
        ns.pop_to(2);
        assert_eq!(ns.resolve_element(None), Ok(Some("urn:d")));
        assert_eq!(ns.resolve_prefix("a"), Some("urn:a"));
        ns.pop_to(0);
        assert_eq!(ns.resolve_element(None), Ok(None));
        assert_eq!(ns.resolve_prefix("a"), None);
        assert_eq!(ns.resolve_prefix("xml"), Some(XML_NS));
    }

    #[test]
    fn limits_and_reserved_prefixes() {
        let mut ns = Namespaces::new(1);
        ns.declare("a", "urn:a", 1).unwrap();
        assert!(ns.declare("b", "urn:b", 1).is_err());
        let mut ns = Namespaces::new(8);
        assert!(ns.declare("xmlns", "urn:x", 1).is_err());
        assert!(ns.declare("p", "", 1).is_err());
    }

    #[test]
    fn qname_split() {
        assert_eq!(split_qname("ns1:x"), (Some("ns1"), "x"));
        assert_eq!(split_qname("x"), (None, "x"));
    }
}
