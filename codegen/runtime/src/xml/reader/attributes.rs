//! Declared attributes: [`XmlReader::attributes`] lists an element's attributes with resolved
//! namespaces and normalised values, and the helpers generated decoders use to read them.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::attributes::Attributes;

use super::XmlReader;
use super::start_tag::ElementStart;
use crate::xml::error::{DecodeError, DecodeErrorKind};
use crate::xml::names::split_qname;
use crate::xml::{AnyAttribute, SimpleValue, ValueError, XSI_NS};

/// One attribute of a start tag, other than namespace declarations and `xsi:*` (which the
/// reader handles itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute<'a> {
    qname: &'a str,
    namespace: Option<&'a str>,
    local: &'a str,
    value: Cow<'a, str>,
}

impl<'a> Attribute<'a> {
    /// The name as written (`p:local` or `local`), for messages.
    #[inline]
    pub fn qualified_name(&self) -> &'a str {
        self.qname
    }

    /// Resolved namespace: `None` for an unprefixed attribute (the default namespace never
    /// applies to attributes).
    #[inline]
    pub fn namespace(&self) -> Option<&'a str> {
        self.namespace
    }

    /// Local name.
    #[inline]
    pub fn local_name(&self) -> &'a str {
        self.local
    }

    /// The value after XML attribute-value normalisation: references resolved, literal tab,
    /// carriage return and newline turned into spaces.
    #[inline]
    pub fn value(&self) -> &str {
        &self.value
    }

    /// An owned copy kept as written (what `xs:anyAttribute` collects).
    pub fn to_any(&self) -> AnyAttribute {
        AnyAttribute {
            namespace: self.namespace.map(str::to_owned),
            prefix: split_qname(self.qname).0.map(str::to_owned),
            local: self.local.to_owned(),
            value: self.value.clone().into_owned(),
        }
    }
}

impl<'a> XmlReader<'a> {
    /// The attributes of `start` in document order, namespaces resolved against the
    /// declarations in scope, without namespace declarations and `xsi:*`. Call it before
    /// reading the element's content (the prefixes of the start tag are in scope until then).
    pub fn attributes(&self, start: &ElementStart<'a>) -> Result<Vec<Attribute<'a>>, DecodeError> {
        let raw = start.raw_attributes();
        let mut found = Vec::new();
        if raw.is_empty() {
            return Ok(found);
        }
        let syntax = |message: String| {
            DecodeError::new(DecodeErrorKind::Syntax(message), Some(start.position()))
        };
        for attr in Attributes::new(raw, 0) {
            let attr = attr.map_err(|e| syntax(e.to_string()))?;
            let qname = attr.key.0;
            let (prefix, local) = split_qname(qname);
            let namespace = match prefix {
                None if qname == "xmlns" => continue,
                None => None,
                Some("xmlns") => continue,
                Some(p) => match self.namespaces.resolve_prefix(p) {
                    Some(XSI_NS) => continue,
                    Some(ns) => Some(ns),
                    None => {
                        return Err(DecodeError::new(
                            DecodeErrorKind::UndeclaredPrefix(p.to_owned()),
                            Some(start.position()),
                        ));
                    }
                },
            };
            let value = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| syntax(e.to_string()).within(&format!("@{qname}")))?;
            found.push(Attribute {
                qname,
                namespace,
                local,
                value,
            });
        }
        Ok(found)
    }

    /// Parses a declared attribute's value; errors name `@name` in the path.
    pub fn attribute_value<T: SimpleValue>(
        &self,
        start: &ElementStart<'a>,
        attribute: &Attribute<'a>,
    ) -> Result<T, DecodeError> {
        let parsed = if T::NEEDS_NAMESPACES {
            T::parse_text_in(attribute.value(), &self.namespaces.in_scope())
        } else {
            T::parse_text(attribute.value())
        };
        parsed.map_err(|error| {
            DecodeError::invalid_value(error, attribute.value(), Some(start.position()))
                .within(&format!("@{}", attribute.qualified_name()))
        })
    }

    /// Strict mode: an error for an attribute `fixed="…"` declares whose value differs.
    pub fn check_fixed(
        &self,
        start: &ElementStart<'a>,
        attribute: &Attribute<'a>,
        fixed: &'static str,
    ) -> Result<(), DecodeError> {
        if self.options.strict && attribute.value() != fixed {
            return Err(DecodeError::invalid_value(
                ValueError::with_reason("fixed attribute", "differs from the schema's fixed value"),
                attribute.value(),
                Some(start.position()),
            )
            .within(&format!("@{}", attribute.qualified_name())));
        }
        Ok(())
    }

    /// An attribute the type does not declare: an error in strict mode, ignored otherwise.
    pub fn unknown_attribute(
        &self,
        start: &ElementStart<'a>,
        attribute: &Attribute<'a>,
    ) -> Result<(), DecodeError> {
        if self.options.strict {
            return Err(DecodeError::new(
                DecodeErrorKind::UnexpectedAttribute(attribute.qualified_name().to_owned()),
                Some(start.position()),
            ));
        }
        Ok(())
    }

    /// A required attribute's slot at the end of decoding: an error naming `name` (written
    /// `@name`) when the attribute was absent.
    pub fn require_attribute<T>(
        &self,
        start: &ElementStart<'a>,
        slot: Option<T>,
        name: &'static str,
    ) -> Result<T, DecodeError> {
        slot.ok_or_else(|| DecodeError::new(DecodeErrorKind::Missing(name), Some(start.position())))
    }

    /// A single-valued attribute seen twice cannot happen in well-formed XML; but two
    /// prefixes bound to one namespace can name the same attribute twice. Strict mode rejects
    /// it; lenient mode keeps the first.
    pub fn set_attribute_once<T>(
        &self,
        start: &ElementStart<'a>,
        slot: &mut Option<T>,
        value: T,
    ) -> Result<(), DecodeError> {
        if slot.is_some() {
            if self.options.strict {
                return Err(DecodeError::new(
                    DecodeErrorKind::Duplicate,
                    Some(start.position()),
                ));
            }
            return Ok(());
        }
        *slot = Some(value);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::xml::{DecodeOptions, XmlReader};

    #[test]
    fn attributes_resolve_prefixes_skip_declarations_and_normalise_values() {
        let doc = "<r xmlns:p=\"urn:p\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
                   id=\"7\" p:note=\"a&amp;b&#10;c\td\" xsi:nil=\"false\" xml:lang=\"en\"/>";
        let mut r = XmlReader::new(doc, DecodeOptions::default());
        let start = r.root_element().unwrap();
        let attributes = r.attributes(&start).unwrap();
        let seen: Vec<(Option<&str>, &str, &str)> = attributes
            .iter()
            .map(|a| (a.namespace(), a.local_name(), a.value()))
            .collect();
        assert_eq!(
            seen,
            vec![
                (None, "id", "7"),
                (Some("urn:p"), "note", "a&b\nc d"),
                (Some("http://www.w3.org/XML/1998/namespace"), "lang", "en"),
            ]
        );
        let id: i32 = r.attribute_value(&start, &attributes[0]).unwrap();
        assert_eq!(id, 7);
        let bad = r
            .attribute_value::<i32>(&start, &attributes[1])
            .unwrap_err();
        assert!(bad.to_string().contains("@p:note"), "{bad}");
    }

    #[test]
    fn undeclared_prefix_and_strict_unknown_attribute_are_errors() {
        let doc = "<r q:x=\"1\"/>";
        let mut r = XmlReader::new(doc, DecodeOptions::default());
        let start = r.root_element().unwrap();
        assert!(r.attributes(&start).is_err());

        let doc = "<r x=\"1\"/>";
        let mut r = XmlReader::new(doc, DecodeOptions::strict());
        let start = r.root_element().unwrap();
        let attributes = r.attributes(&start).unwrap();
        assert!(r.unknown_attribute(&start, &attributes[0]).is_err());
        assert!(r.check_fixed(&start, &attributes[0], "2").is_err());
        assert!(r.check_fixed(&start, &attributes[0], "1").is_ok());
        let mut lenient = XmlReader::new(doc, DecodeOptions::default());
        let start = lenient.root_element().unwrap();
        let attributes = lenient.attributes(&start).unwrap();
        assert!(lenient.unknown_attribute(&start, &attributes[0]).is_ok());
    }
}
