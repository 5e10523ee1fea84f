//! Start tags: [`ElementStart`] and how the reader builds it (namespace declarations, name
//! resolution, `xsi:nil`, `xsi:type`), borrowing every name from the input.

use std::borrow::Cow;

use quick_xml::events::BytesStart;
use quick_xml::events::attributes::Attributes;

use super::XmlReader;
use crate::xml::error::{DecodeError, DecodeErrorKind};
use crate::xml::names::split_qname;
use crate::xml::text::find_byte;
use crate::xml::{ValueError, XSI_NS};

/// A start tag as seen by decoders: resolved name, `xsi:nil`, `xsi:type`, and position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ElementStart<'a> {
    /// The name as written (`prefix:local` or `local`).
    qname: &'a str,
    namespace: Option<&'a str>,
    /// Local part of `xsi:type` (empty: no `xsi:type`) and its namespace.
    xsi_type_local: &'a str,
    xsi_type_ns: Option<&'a str>,
    /// Name (as written) of the first attribute that is neither a namespace declaration nor
    /// in the schema-instance namespace; empty when there is none.
    other_attribute: &'a str,
    /// The start tag after its name (attributes and whitespace, as written); empty for a tag
    /// without attributes.
    attributes: &'a str,
    position: u64,
    /// Where the local name starts in `qname` (after the prefix colon).
    local_start: u32,
    nil: bool,
}

impl<'a> ElementStart<'a> {
    /// A start tag without attributes (read by a fast lane).
    #[inline]
    pub(super) fn leaf(
        qname: &'a str,
        namespace: Option<&'a str>,
        position: u64,
        local_start: u32,
    ) -> Self {
        ElementStart {
            qname,
            namespace,
            xsi_type_local: "",
            xsi_type_ns: None,
            other_attribute: "",
            attributes: "",
            position,
            local_start,
            nil: false,
        }
    }

    /// Local name, e.g. `leadRecord`.
    #[inline]
    pub fn local_name(&self) -> &'a str {
        self.qname
            .get(self.local_start as usize..)
            .unwrap_or(self.qname)
    }

    /// Resolved namespace name, `None` for unqualified elements.
    #[inline]
    pub fn namespace(&self) -> Option<&'a str> {
        self.namespace
    }

    /// The name as written, with its prefix (for messages).
    #[inline]
    pub fn qualified_name(&self) -> &'a str {
        self.qname
    }

    /// `true` when the element has `xsi:nil="true"` (or `"1"`).
    #[inline]
    pub fn is_nil(&self) -> bool {
        self.nil
    }

    /// `xsi:type`, resolved against the prefixes in scope: (namespace, local name).
    #[inline]
    pub fn xsi_type(&self) -> Option<(Option<&'a str>, &'a str)> {
        if self.xsi_type_local.is_empty() {
            None
        } else {
            Some((self.xsi_type_ns, self.xsi_type_local))
        }
    }

    /// The first attribute (name as written) that is neither a namespace declaration nor
    /// `xsi:*`, if any: what a type that declares no attributes does not allow.
    #[inline]
    pub fn other_attribute(&self) -> Option<&'a str> {
        (!self.other_attribute.is_empty()).then_some(self.other_attribute)
    }

    /// The attributes as written after the element name (for [`XmlReader::attributes`]).
    #[inline]
    pub(super) fn raw_attributes(&self) -> &'a str {
        self.attributes
    }

    /// Byte offset of the `<` of this start tag in the input.
    #[inline]
    pub fn position(&self) -> u64 {
        self.position
    }

    /// `true` when the element is `local` in namespace `ns`.
    #[inline]
    pub fn is(&self, ns: Option<&str>, local: &str) -> bool {
        self.local_name() == local && self.namespace == ns
    }

    /// `{namespace}local` for messages.
    pub fn expanded_name(&self) -> String {
        expanded(self.namespace, self.local_name())
    }
}

/// `{ns}local` (or `local` without a namespace).
pub(crate) fn expanded(ns: Option<&str>, local: &str) -> String {
    match ns {
        Some(ns) => format!("{{{ns}}}{local}"),
        None => local.to_owned(),
    }
}

/// Byte offset of `part` inside `input`, when `part` is a sub-slice of it.
#[inline]
pub(crate) fn offset_in(input: &str, part: &[u8]) -> Option<usize> {
    let start = (part.as_ptr() as usize).checked_sub(input.as_ptr() as usize)?;
    (start.checked_add(part.len())? <= input.len()).then_some(start)
}

impl<'a> XmlReader<'a> {
    /// Opens an element from its start tag: depth check, namespace declarations, name resolution,
    /// `xsi:nil` / `xsi:type`. `empty`: the tag was `<x/>`, so its end is pending.
    #[inline(always)]
    pub(super) fn open(
        &mut self,
        e: &BytesStart<'_>,
        empty: bool,
    ) -> Result<ElementStart<'a>, DecodeError> {
        let raw: &str = e;
        // Names and attributes are re-borrowed from the input so they outlive the event.
        let (content, at) = match offset_in(self.input, raw.as_bytes())
            .and_then(|at| Some((self.input.get(at..at.checked_add(raw.len())?)?, at)))
        {
            Some(found) => found,
            None => {
                return Err(self.error_here(DecodeErrorKind::Other(
                    "start tag not borrowed from the input".to_owned(),
                )));
            }
        };
        let position = at.saturating_sub(1) as u64;
        if self.depth >= self.options.max_depth {
            return Err(DecodeError::new(
                DecodeErrorKind::TooDeep(self.options.max_depth),
                Some(position),
            ));
        }
        let depth = self.depth + 1;
        let name_len = e.name().as_ref().len();
        let qname = content.get(..name_len).unwrap_or_default();
        let (prefix, local_start) = match find_byte(qname.as_bytes(), b':') {
            Some(colon) => (qname.get(..colon), colon + 1),
            None => (None, 0),
        };
        let local_start = u32::try_from(local_start).map_err(|_| {
            DecodeError::new(
                DecodeErrorKind::Syntax("element name too long".to_owned()),
                Some(position),
            )
        })?;
        let has_attributes = content.len() > name_len;
        let mut attributes = XsiAttributes::default();
        if has_attributes {
            self.declare_namespaces(content, name_len, depth, position)?;
        }
        let namespace = match self.namespaces.resolve_element(prefix) {
            Ok(ns) => ns,
            Err(()) => {
                self.namespaces.pop_to(self.depth);
                return Err(DecodeError::new(
                    DecodeErrorKind::UndeclaredPrefix(prefix.unwrap_or_default().to_owned()),
                    Some(position),
                ));
            }
        };
        if has_attributes {
            let local = qname.get(local_start as usize..).unwrap_or(qname);
            attributes = self
                .xsi_attributes(content, name_len, position)
                .map_err(|e| {
                    self.namespaces.pop_to(self.depth);
                    e.within(local)
                })?;
        }
        self.depth = depth;
        self.pending_end = empty;
        self.pending_text = "";
        let (xsi_type_ns, xsi_type_local) = attributes.xsi_type.unwrap_or((None, ""));
        Ok(ElementStart {
            qname,
            namespace,
            xsi_type_local,
            xsi_type_ns,
            other_attribute: attributes.other.unwrap_or_default(),
            attributes: content.get(name_len..).unwrap_or_default(),
            position,
            local_start,
            nil: attributes.nil,
        })
    }

    /// First pass over the attributes: `xmlns` / `xmlns:p` declarations.
    fn declare_namespaces(
        &mut self,
        content: &'a str,
        name_len: usize,
        depth: usize,
        position: u64,
    ) -> Result<(), DecodeError> {
        for attr in Attributes::new(content, name_len) {
            let attr = attr.map_err(|e| {
                DecodeError::new(DecodeErrorKind::Syntax(e.to_string()), Some(position))
            })?;
            let key = attr.key.0;
            let prefix = if key == "xmlns" {
                ""
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                p
            } else {
                continue;
            };
            let uri = match attr.value {
                Cow::Borrowed(v) if !v.contains('&') => v,
                _ => {
                    return Err(DecodeError::new(
                        DecodeErrorKind::UnsupportedNamespace(
                            "character references in a namespace name".to_owned(),
                        ),
                        Some(position),
                    ));
                }
            };
            self.namespaces
                .declare(prefix, uri, depth)
                .map_err(|k| DecodeError::new(k, Some(position)))?;
        }
        Ok(())
    }

    /// Second pass: `xsi:nil` and `xsi:type` (by resolved namespace, any prefix), and the
    /// first attribute that is neither a namespace declaration nor `xsi:*`.
    fn xsi_attributes(
        &self,
        content: &'a str,
        name_len: usize,
        position: u64,
    ) -> Result<XsiAttributes<'a>, DecodeError> {
        let mut found = XsiAttributes::default();
        for attr in Attributes::new(content, name_len) {
            let attr = attr.map_err(|e| {
                DecodeError::new(DecodeErrorKind::Syntax(e.to_string()), Some(position))
            })?;
            let key = attr.key.0;
            let (Some(prefix), local) = split_qname(key) else {
                if key != "xmlns" {
                    found.other.get_or_insert(key);
                }
                continue;
            };
            if prefix == "xmlns" {
                continue;
            }
            if !(local == "nil" || local == "type") {
                if self.namespaces.resolve_prefix(prefix) != Some(XSI_NS) {
                    found.other.get_or_insert(key);
                }
                continue;
            }
            match self.namespaces.resolve_prefix(prefix) {
                Some(XSI_NS) => {}
                Some(_) => {
                    found.other.get_or_insert(key);
                    continue;
                }
                None => {
                    return Err(DecodeError::new(
                        DecodeErrorKind::UndeclaredPrefix(prefix.to_owned()),
                        Some(position),
                    ));
                }
            }
            let value = match attr.value {
                Cow::Borrowed(v) if !v.contains('&') => {
                    v.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\r' | '\n'))
                }
                other => {
                    return Err(DecodeError::invalid_value(
                        ValueError::with_reason(
                            "QName",
                            "character references in xsi attributes are not supported",
                        ),
                        &other,
                        Some(position),
                    ));
                }
            };
            if local == "nil" {
                found.nil = match value {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => {
                        return Err(DecodeError::invalid_value(
                            ValueError::invalid("boolean"),
                            value,
                            Some(position),
                        )
                        .within("@xsi:nil"));
                    }
                };
            } else {
                let (p, l) = split_qname(value);
                let ns = match p {
                    Some(p) => match self.namespaces.resolve_prefix(p) {
                        Some(ns) => Some(ns),
                        None => {
                            return Err(DecodeError::new(
                                DecodeErrorKind::UndeclaredPrefix(p.to_owned()),
                                Some(position),
                            )
                            .within("@xsi:type"));
                        }
                    },
                    None => self.namespaces.resolve_element(None).unwrap_or(None),
                };
                found.xsi_type = Some((ns, l));
            }
        }
        Ok(found)
    }
}

/// What the second attribute pass finds on a start tag.
#[derive(Default)]
struct XsiAttributes<'a> {
    /// `xsi:nil` is true.
    nil: bool,
    /// `xsi:type`, resolved: (namespace, local name).
    xsi_type: Option<(Option<&'a str>, &'a str)>,
    /// The first attribute that is neither a namespace declaration nor `xsi:*`.
    other: Option<&'a str>,
}
