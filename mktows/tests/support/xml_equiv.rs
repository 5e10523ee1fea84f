//! Schema-aware XML equivalence over `roxmltree` trees.
//!
//! Two elements are equivalent when a schema-validating reader would hand an application the
//! same information from both. The rules, kept deliberately few:
//!
//! 1. Names are compared as (namespace URI, local name); prefixes and namespace declarations
//!    are ignored. Comments and processing instructions are ignored everywhere.
//! 2. In element-only content (a complex type, or any element that has element children on
//!    either side) whitespace-only text is ignored; any other text there is a difference.
//!    Child elements must match one for one, in order.
//! 3. `<x></x>` and `<x/>` are the same (the parser already makes them identical).
//! 4. Attributes other than namespace declarations must match by (namespace, local name).
//!    `xsi:nil` is compared as an `xs:boolean` (`1` = `true`; `xsi:nil="false"` is the same as
//!    no `xsi:nil`), `xsi:type` as the QName it
//!    resolves to; every other attribute value is compared exactly.
//! 5. Text of a simple value is compared by the declared built-in type:
//!    string-like types (string, anySimpleType, anyType, anyURI, enumerations over string) exactly,
//!    character for character, after XML parsing (entities and CDATA resolved, line ends normalised);
//!    all other built-ins are whitespace-collapsed (XML Schema `whiteSpace="collapse"`) and then
//!    compared as values: booleans (`1`/`true`, `0`/`false`), integers by numeric value (sign and
//!    leading zeros do not matter, any precision), `dateTime` by instant *and* UTC offset
//!    (`Z` = `+00:00`, trailing fractional zeros do not matter), `base64Binary` by decoded bytes,
//!    `double`/`float` by numeric value. Elements the schema does not declare are compared exactly,
//!    except that a global element of the schema (e.g. the child of a SOAP `Body`) is compared by
//!    its declared type wherever it appears.

use std::collections::BTreeMap;
use std::fmt;

use base64::Engine as _;
use roxmltree::Node;

use super::schema_view::{Resolved, SchemaView, SimpleKind, XSI_NS};

/// XML 1.0 §2.11 end-of-line handling, done on the raw text before parsing: CR LF and a lone CR
/// become LF (a CR written as `&#13;` is untouched). `roxmltree` 0.21 does this itself except for
/// a lone CR directly before a reference (`x\r&lt;` reads as `"x\r<"`), so every document goes
/// through here before it reaches the parser that serves as the oracle.
pub fn normalize_line_ends(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The first place where two documents differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// Element path from the compared root, e.g. `successGetLead/result/leadRecordList/leadRecord[2]/Id`.
    pub path: String,
    /// What differs, with both values.
    pub what: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.what)
    }
}

/// Compares two elements that are both instances of the global element `global_local`
/// (the schema supplies the types used for rule 5).
pub fn equivalent_global(
    view: &SchemaView<'_>,
    global_local: &str,
    expected: Node<'_, '_>,
    actual: Node<'_, '_>,
) -> Result<(), Difference> {
    let resolved = view
        .global_element(global_local)
        .and_then(|decl| view.resolve_element(decl).ok());
    Comparator { view: *view }.element(expected, actual, resolved, expected.tag_name().name())
}

/// Compares two whole documents (e.g. SOAP envelopes): elements outside the schema are compared
/// exactly, global elements of the schema wherever they appear by their declared types.
pub fn equivalent_document(
    view: &SchemaView<'_>,
    expected: Node<'_, '_>,
    actual: Node<'_, '_>,
) -> Result<(), Difference> {
    Comparator { view: *view }.element(expected, actual, None, expected.tag_name().name())
}

/// Compares two elements whose content is the named complex type `type_local` (for documents
/// rooted at a type rather than a global element).
pub fn equivalent_as_type(
    view: &SchemaView<'_>,
    type_local: &str,
    expected: Node<'_, '_>,
    actual: Node<'_, '_>,
) -> Result<(), Difference> {
    let name = wsdl::QName {
        namespace: view.target_namespace().to_owned(),
        local: type_local.to_owned(),
    };
    let resolved = view.complex_type(&name).map(Resolved::Complex);
    Comparator { view: *view }.element(expected, actual, resolved, expected.tag_name().name())
}

struct Comparator<'a> {
    view: SchemaView<'a>,
}

fn diff(path: &str, what: String) -> Difference {
    Difference {
        path: path.to_owned(),
        what,
    }
}

/// (namespace, local name); "no namespace" whether it comes from no declaration or `xmlns=""`.
fn expanded_name<'n>(node: Node<'n, '_>) -> (&'n str, &'n str) {
    let name = node.tag_name();
    (name.namespace().unwrap_or_default(), name.name())
}

fn qname_string(node: Node<'_, '_>) -> String {
    match expanded_name(node) {
        ("", local) => local.to_owned(),
        (ns, local) => format!("{{{ns}}}{local}"),
    }
}

/// Element children, or an error naming non-whitespace text found in element-only content.
fn element_children<'a, 'i>(
    node: Node<'a, 'i>,
    path: &str,
) -> Result<Vec<Node<'a, 'i>>, Difference> {
    let mut out = Vec::new();
    for child in node.children() {
        if child.is_element() {
            out.push(child);
        } else if child.is_text() {
            let text = child.text().unwrap_or_default();
            if !text.trim().is_empty() {
                return Err(diff(path, format!("text {text:?} in element-only content")));
            }
        }
    }
    Ok(out)
}

/// Concatenated character data (text and CDATA) of a text-only element.
fn text_content(node: Node<'_, '_>) -> String {
    node.children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect()
}

fn has_element_children(node: Node<'_, '_>) -> bool {
    node.children().any(|c| c.is_element())
}

/// Attributes that carry information: everything but namespace declarations (which roxmltree
/// keeps apart already), keyed by (namespace, local name).
fn attributes(node: Node<'_, '_>) -> BTreeMap<(String, String), String> {
    node.attributes()
        .filter(|a| {
            !(a.namespace() == Some(XSI_NS)
                && a.name() == "nil"
                && matches!(a.value().trim(), "false" | "0"))
        })
        .map(|a| {
            (
                (
                    a.namespace().unwrap_or_default().to_owned(),
                    a.name().to_owned(),
                ),
                a.value().to_owned(),
            )
        })
        .collect()
}

fn is_nil(node: Node<'_, '_>) -> bool {
    node.attribute((XSI_NS, "nil"))
        .is_some_and(|v| matches!(v.trim(), "true" | "1"))
}

/// The `xsi:type` QName as (namespace, local), resolved against the element's own scope.
fn xsi_type(node: Node<'_, '_>) -> Option<(String, String)> {
    let raw = node.attribute((XSI_NS, "type"))?.trim();
    let (prefix, local) = match raw.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, raw),
    };
    let ns = node.lookup_namespace_uri(prefix).unwrap_or_default();
    Some((ns.to_owned(), local.to_owned()))
}

impl<'a> Comparator<'a> {
    fn element(
        &self,
        expected: Node<'_, '_>,
        actual: Node<'_, '_>,
        declared: Option<Resolved<'a>>,
        path: &str,
    ) -> Result<(), Difference> {
        if expanded_name(expected) != expanded_name(actual) {
            return Err(diff(
                path,
                format!(
                    "element name {} vs {}",
                    qname_string(expected),
                    qname_string(actual)
                ),
            ));
        }
        self.attributes(expected, actual, path)?;
        if is_nil(expected) {
            // Both are nil (checked with the attributes); a nil element has no content.
            return self.untyped_content(expected, actual, path);
        }
        let effective = match xsi_type(expected) {
            Some((ns, local)) => {
                let q = wsdl::QName {
                    namespace: ns,
                    local,
                };
                self.view.complex_type(&q).map(Resolved::Complex)
            }
            // An element the context does not declare (e.g. the child of a SOAP Body) is
            // typed by the global element of that name, if the schema has one.
            None => declared.or_else(|| self.global_type(expected)),
        };
        match effective {
            Some(Resolved::Complex(ct)) => {
                let decls = self.view.child_elements(ct).unwrap_or_default();
                let exp_children = element_children(expected, path)?;
                let act_children = element_children(actual, path)?;
                let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
                for (i, exp) in exp_children.iter().enumerate() {
                    let name = exp.tag_name().name();
                    let count = seen.entry(name).or_insert(0);
                    *count += 1;
                    let decl = decls.iter().find(|d| {
                        d.name.local == name
                            && exp.tag_name().namespace().unwrap_or_default() == d.name.namespace
                    });
                    let repeated =
                        decl.is_some_and(|d| d.max_occurs != wsdl::MaxOccurs::Bounded(1));
                    let child_path = if repeated {
                        format!("{path}/{name}[{count}]")
                    } else {
                        format!("{path}/{name}")
                    };
                    let Some(act) = act_children.get(i) else {
                        return Err(diff(
                            &child_path,
                            "element missing in the re-encoded document".to_owned(),
                        ));
                    };
                    let child_type = decl.and_then(|d| self.view.resolve_element(d).ok());
                    self.element(*exp, *act, child_type, &child_path)?;
                }
                if let Some(extra) = act_children.get(exp_children.len()) {
                    return Err(diff(
                        &format!("{path}/{}", extra.tag_name().name()),
                        "unexpected extra element in the re-encoded document".to_owned(),
                    ));
                }
                Ok(())
            }
            Some(Resolved::Simple(kind)) => {
                if has_element_children(expected) || has_element_children(actual) {
                    return Err(diff(
                        path,
                        format!(
                            "element children in a text-only value of type {}",
                            kind.builtin()
                        ),
                    ));
                }
                let e = text_content(expected);
                let a = text_content(actual);
                if simple_values_equal(kind, &e, &a) {
                    Ok(())
                } else {
                    Err(diff(
                        path,
                        format!("value {e:?} vs {a:?} (type {})", kind.builtin()),
                    ))
                }
            }
            None => self.untyped_content(expected, actual, path),
        }
    }

    fn global_type(&self, node: Node<'_, '_>) -> Option<Resolved<'a>> {
        let (ns, local) = expanded_name(node);
        if ns != self.view.target_namespace() {
            return None;
        }
        let decl = self.view.global_element(local)?;
        self.view.resolve_element(decl).ok()
    }

    /// Content of an element the schema says nothing about: structure and text exactly.
    fn untyped_content(
        &self,
        expected: Node<'_, '_>,
        actual: Node<'_, '_>,
        path: &str,
    ) -> Result<(), Difference> {
        if has_element_children(expected) || has_element_children(actual) {
            let exp_children = element_children(expected, path)?;
            let act_children = element_children(actual, path)?;
            if exp_children.len() != act_children.len() {
                return Err(diff(
                    path,
                    format!(
                        "{} child elements vs {}",
                        exp_children.len(),
                        act_children.len()
                    ),
                ));
            }
            for (exp, act) in exp_children.iter().zip(&act_children) {
                let child_path = format!("{path}/{}", exp.tag_name().name());
                self.element(*exp, *act, None, &child_path)?;
            }
            Ok(())
        } else {
            let e = text_content(expected);
            let a = text_content(actual);
            if e == a {
                Ok(())
            } else {
                Err(diff(path, format!("text {e:?} vs {a:?}")))
            }
        }
    }

    fn attributes(
        &self,
        expected: Node<'_, '_>,
        actual: Node<'_, '_>,
        path: &str,
    ) -> Result<(), Difference> {
        let exp = attributes(expected);
        let act = attributes(actual);
        let exp_keys: Vec<_> = exp.keys().collect();
        let act_keys: Vec<_> = act.keys().collect();
        if exp_keys != act_keys {
            return Err(diff(
                path,
                format!("attributes {exp_keys:?} vs {act_keys:?}"),
            ));
        }
        for ((ns, local), e) in &exp {
            let a = act
                .get(&(ns.clone(), local.clone()))
                .cloned()
                .unwrap_or_default();
            let same = if ns == XSI_NS && local == "nil" {
                is_nil(expected) == is_nil(actual)
            } else if ns == XSI_NS && local == "type" {
                xsi_type(expected) == xsi_type(actual)
            } else {
                *e == a
            };
            if !same {
                return Err(diff(path, format!("attribute {local}: {e:?} vs {a:?}")));
            }
        }
        Ok(())
    }
}

/// Rule 5: compares two lexical forms of the same simple type.
pub fn simple_values_equal(kind: SimpleKind<'_>, expected: &str, actual: &str) -> bool {
    let builtin = kind.builtin();
    if is_string_like(builtin) {
        return expected == actual;
    }
    let e = expected.trim_matches(XML_WHITESPACE);
    let a = actual.trim_matches(XML_WHITESPACE);
    if e == a {
        return true;
    }
    match builtin {
        "boolean" => canonical_boolean(e).is_some() && canonical_boolean(e) == canonical_boolean(a),
        "int" | "long" | "short" | "byte" | "integer" | "nonNegativeInteger"
        | "positiveInteger" | "negativeInteger" | "nonPositiveInteger" | "unsignedInt"
        | "unsignedLong" | "unsignedShort" | "unsignedByte" => {
            canonical_integer(e).is_some() && canonical_integer(e) == canonical_integer(a)
        }
        "dateTime" => match (
            chrono::DateTime::parse_from_rfc3339(e),
            chrono::DateTime::parse_from_rfc3339(a),
        ) {
            (Ok(x), Ok(y)) => x == y && x.offset() == y.offset(),
            _ => false,
        },
        "base64Binary" => match (decode_base64(e), decode_base64(a)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
        "double" | "float" | "decimal" => match (parse_float(e), parse_float(a)) {
            (Some(x), Some(y)) => x == y || (x.is_nan() && y.is_nan()),
            _ => false,
        },
        _ => false,
    }
}

const XML_WHITESPACE: &[char] = &[' ', '\t', '\n', '\r'];

fn is_string_like(builtin: &str) -> bool {
    matches!(
        builtin,
        "string" | "anySimpleType" | "anyType" | "anyURI" | "normalizedString" | "token"
    )
}

fn canonical_boolean(s: &str) -> Option<bool> {
    match s {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// Sign and digits without leading zeros; `-0` is `0`.
fn canonical_integer(s: &str) -> Option<String> {
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        Some("0".to_owned())
    } else if negative {
        Some(format!("-{trimmed}"))
    } else {
        Some(trimmed.to_owned())
    }
}

fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let compact: String = s.chars().filter(|c| !XML_WHITESPACE.contains(c)).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .ok()
}

fn parse_float(s: &str) -> Option<f64> {
    match s {
        "INF" => Some(f64::INFINITY),
        "-INF" => Some(f64::NEG_INFINITY),
        "NaN" => Some(f64::NAN),
        _ => s.parse().ok(),
    }
}
