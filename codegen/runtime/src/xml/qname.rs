//! `xs:QName` values: a namespace and a local name, written with a prefix that must be declared
//! where the value is (WS-Addressing fault codes, SOAP fault codes, ONVIF's item types such as
//! `xs:string`).
//!
//! The prefix is not part of the value: decoding resolves it against the declarations in scope
//! where the text is, and encoding writes the prefix the writer has bound to the namespace, or
//! declares one (`q1`, `q2`, … in the start tag of the element that carries the value).

use std::fmt;

use super::error::ValueError;
use super::value::{PrefixScope, SimpleValue};
use super::writer::{AttributeWriter, XmlWriter};

/// A qualified name value (`xs:QName`): `{namespace}local`.
///
/// Two names are equal when their namespace and local part are; `prefix` is only a preference
/// for writing (the one the value was read with, kept so a document round-trips as written).
#[derive(Debug, Clone, Default)]
pub struct QName {
    /// The namespace the prefix was bound to; `None` for an unprefixed name outside any default
    /// namespace.
    pub namespace: Option<String>,
    /// The local part.
    pub local: String,
    /// The prefix to write it with when that prefix is free where it is written (else the
    /// writer picks one); not part of the value.
    pub prefix: Option<String>,
}

impl QName {
    /// `{namespace}local`.
    pub fn new(namespace: impl Into<String>, local: impl Into<String>) -> Self {
        QName {
            namespace: Some(namespace.into()),
            local: local.into(),
            prefix: None,
        }
    }

    /// A name in no namespace.
    pub fn unqualified(local: impl Into<String>) -> Self {
        QName {
            namespace: None,
            local: local.into(),
            prefix: None,
        }
    }

    /// The same name, preferably written with `prefix`.
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    fn key(&self) -> (Option<&str>, &str) {
        (self.namespace.as_deref(), &self.local)
    }
}

impl PartialEq for QName {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for QName {}

impl std::hash::Hash for QName {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl PartialOrd for QName {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for QName {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

/// `{namespace}local` (James Clark notation), or `local` in no namespace.
impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.namespace {
            Some(ns) => write!(f, "{{{ns}}}{}", self.local),
            None => f.write_str(&self.local),
        }
    }
}

const EXPECTED: &str = "QName";

fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

impl SimpleValue for QName {
    fn write_text(&self, w: &mut XmlWriter) {
        match &self.namespace {
            Some(ns) => {
                let prefix = w.qname_prefix(ns, self.prefix.as_deref());
                w.text(&prefix);
                w.text(":");
                w.text(&self.local);
            }
            None => w.text(&self.local),
        }
    }

    /// Without the declarations in scope only an unprefixed name can be read (in no
    /// namespace); decoders call [`SimpleValue::parse_text_in`].
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Self::parse_text_in(text, &NoPrefixes)
    }

    fn parse_text_in(text: &str, scope: &dyn PrefixScope) -> Result<Self, ValueError> {
        let text = text.trim_matches([' ', '\t', '\r', '\n']);
        let (prefix, local) = match text.split_once(':') {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, text),
        };
        if !is_ncname(local) || prefix.is_some_and(|p| !is_ncname(p)) {
            return Err(ValueError::invalid(EXPECTED));
        }
        let namespace = match scope.namespace_of(prefix) {
            Some(ns) if !ns.is_empty() => Some(ns.to_owned()),
            Some(_) => None,
            None if prefix.is_none() => None,
            None => {
                return Err(ValueError::with_reason(
                    EXPECTED,
                    "its prefix is not declared where the value is",
                ));
            }
        };
        Ok(QName {
            namespace,
            local: local.to_owned(),
            prefix: prefix.map(str::to_owned),
        })
    }

    const NEEDS_NAMESPACES: bool = true;

    fn declare_namespaces(&self, w: &mut AttributeWriter<'_>) {
        if let Some(ns) = &self.namespace {
            w.declare_for_value(ns, self.prefix.as_deref());
        }
    }
}

/// No declarations: only unprefixed names resolve (to no namespace).
struct NoPrefixes;

impl PrefixScope for NoPrefixes {
    fn namespace_of(&self, _prefix: Option<&str>) -> Option<&str> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::{DecodeOptions, List, Name, XmlReader};

    struct Holder(QName);

    impl crate::xml::XmlEncode for Holder {
        fn encode_content(&self, w: &mut XmlWriter) {
            w.simple(Name::new("urn:t", "code"), &self.0);
            w.simple(Name::new("urn:t", "again"), &self.0);
        }
    }

    #[test]
    fn values_are_written_with_a_declared_prefix_and_read_by_namespace() {
        let code = QName::new("urn:fault", "INVALID_LOGIN");
        let mut w = XmlWriter::new("urn:t");
        w.root("holder", &Holder(code.clone()));
        let written = w.into_string();
        assert!(
            written.contains(
                "<ns1:code xmlns:q1=\"urn:fault\">q1:INVALID_LOGIN</ns1:code>\
                 <ns1:again xmlns:q1=\"urn:fault\">q1:INVALID_LOGIN</ns1:again>"
            ),
            "{written}"
        );
        // A namespace the writer has bound already keeps its prefix.
        let mut w = XmlWriter::new("urn:t");
        w.root("holder", &Holder(QName::new("urn:t", "Local")));
        assert!(
            w.as_str().contains("<ns1:code>ns1:Local</ns1:code>"),
            "{}",
            w.as_str()
        );
        // Read back under whatever prefix the document used, declared anywhere in scope.
        for doc in [
            r#"<h xmlns:sf="urn:fault"><code>sf:INVALID_LOGIN</code></h>"#,
            r#"<h><code xmlns:x="urn:fault"> x:INVALID_LOGIN </code></h>"#,
        ] {
            let mut r = XmlReader::new(doc, DecodeOptions::strict());
            r.root_element().expect("root");
            let child = r.next_element().expect("child").expect("code");
            assert_eq!(r.simple::<QName>(&child).expect(doc), code);
        }
        let mut r = XmlReader::new(r#"<h><code>nobody:X</code></h>"#, DecodeOptions::lenient());
        r.root_element().expect("root");
        let child = r.next_element().expect("child").expect("code");
        let error = r.simple::<QName>(&child).expect_err("unbound prefix");
        assert!(
            error.to_string().contains("prefix is not declared"),
            "{error}"
        );
    }

    #[test]
    fn lists_and_attributes_declare_each_namespace_once() {
        struct Tagged(List<QName>, QName);
        impl crate::xml::XmlEncode for Tagged {
            fn encode_attributes(&self, w: &mut AttributeWriter<'_>) {
                w.attribute(crate::xml::AttributeName::unqualified("type"), &self.1);
            }
            fn encode_content(&self, w: &mut XmlWriter) {
                w.simple(Name::unqualified("items"), &self.0);
            }
        }
        let value = Tagged(
            List(vec![
                QName::new("urn:a", "x"),
                QName::new("urn:b", "y"),
                QName::new("urn:a", "z"),
                QName::unqualified("plain"),
            ]),
            QName::new("http://www.w3.org/2001/XMLSchema", "string"),
        );
        let mut w = XmlWriter::new("urn:t");
        w.root("tagged", &value);
        let written = w.into_string();
        assert!(
            written.contains(
                "xmlns:q1=\"http://www.w3.org/2001/XMLSchema\" type=\"q1:string\"><items \
                 xmlns:q1=\"urn:a\" xmlns:q2=\"urn:b\">q1:x q2:y q1:z plain</items>"
            ),
            "{written}"
        );
        let mut r = XmlReader::new(&written, DecodeOptions::strict());
        let root = r.root_element().expect("root");
        let attribute = r
            .attributes(&root)
            .expect("attributes")
            .into_iter()
            .find(|a| a.local_name() == "type")
            .expect("type");
        let read: QName = r.attribute_value(&root, &attribute).expect("attribute");
        assert_eq!(read, value.1);
        let child = r.next_element().expect("child").expect("items");
        assert_eq!(r.simple::<List<QName>>(&child).expect("list"), value.0);
    }
}
