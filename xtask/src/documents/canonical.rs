// The canonical form two XML documents are compared in. Compiled twice: into xtask (its unit
// tests) and into each corpus crate's generated `tests/documents.rs`, so it depends on
// roxmltree alone.

/// The XML Schema instance namespace (`xsi:type` values are QNames, resolved before comparing).
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The element `element` as an indented text tree in which two documents are equal exactly
/// when they carry the same information: element and attribute names by namespace and local
/// name (prefixes and where namespaces are declared do not matter; declarations are not
/// attributes), attributes as a set, `xsi:type` values as resolved names, text exactly, but
/// whitespace-only text beside child elements and comments and processing instructions left
/// out, and neighbouring text pieces (split by a comment, or by CDATA) joined.
pub fn canonical_tree(element: roxmltree::Node<'_, '_>) -> String {
    let mut out = String::new();
    write_element(element, None, 0, &mut out);
    out
}

/// The canonical trees of a re-encoding and of the document it came from. Two `xsi:`
/// attributes that carry nothing a strict decode keeps are left out of the document's tree
/// where the re-encoding's matching element (same place) has none: an `xsi:type` naming the
/// element's declared type (strict decoding rejects any other name for a type nothing derives
/// from, and the encoder writes `xsi:type` only for a derived type), and the schema location
/// hints `xsi:schemaLocation` / `xsi:noNamespaceSchemaLocation`. `xsi:nil` always counts.
pub fn canonical_trees(
    written: roxmltree::Node<'_, '_>,
    document: roxmltree::Node<'_, '_>,
) -> (String, String) {
    let mut out = String::new();
    write_element(document, Some(written), 0, &mut out);
    (canonical_tree(written), out)
}

/// `{namespace}local`, or `local` without a namespace (`xmlns=""` undeclares the default
/// namespace: an empty name is no namespace).
fn expanded(namespace: Option<&str>, local: &str) -> String {
    match namespace {
        Some(ns) if !ns.is_empty() => format!("{{{ns}}}{local}"),
        _ => local.to_owned(),
    }
}

/// An `xsi:type` value with its prefix resolved in the scope of `element` (unchanged when the
/// prefix is not declared, so the difference shows).
fn resolve_qname(element: roxmltree::Node<'_, '_>, value: &str) -> String {
    let (prefix, local) = match value.split_once(':') {
        Some((prefix, local)) => (Some(prefix), local),
        None => (None, value),
    };
    match element.lookup_namespace_uri(prefix) {
        Some(ns) => expanded(Some(ns), local),
        None if prefix.is_none() => local.to_owned(),
        None => value.to_owned(),
    }
}

/// Whether `element`'s attribute `name` (in the XSI namespace) may be left out because
/// `counterpart` has none (see [`canonical_trees`]).
fn omitted(name: &str, counterpart: Option<roxmltree::Node<'_, '_>>) -> bool {
    matches!(
        name,
        "type" | "schemaLocation" | "noNamespaceSchemaLocation"
    ) && counterpart.is_some_and(|c| c.attribute((XSI, name)).is_none())
}

fn write_element(
    element: roxmltree::Node<'_, '_>,
    counterpart: Option<roxmltree::Node<'_, '_>>,
    depth: usize,
    out: &mut String,
) {
    let indent = "  ".repeat(depth);
    let tag = element.tag_name();
    out.push_str(&indent);
    out.push_str(&expanded(tag.namespace(), tag.name()));
    out.push('\n');
    let mut attributes: Vec<(String, String)> = element
        .attributes()
        .filter(|a| !(a.namespace() == Some(XSI) && omitted(a.name(), counterpart)))
        .map(|a| {
            let value = if a.namespace() == Some(XSI) && a.name() == "type" {
                resolve_qname(element, a.value())
            } else {
                a.value().to_owned()
            };
            (expanded(a.namespace(), a.name()), value)
        })
        .collect();
    attributes.sort();
    for (name, value) in attributes {
        out.push_str(&format!("{indent}  @{name}={value:?}\n"));
    }
    let has_elements = element.children().any(|c| c.is_element());
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut String| {
        let layout = has_elements && text.trim().is_empty();
        if !text.is_empty() && !layout {
            out.push_str(&format!("{indent}  {text:?}\n"));
        }
        text.clear();
    };
    // The counterpart's element children, matched by position.
    let mut counterparts = counterpart
        .into_iter()
        .flat_map(|c| c.children().filter(|n| n.is_element()));
    for child in element.children() {
        if child.is_element() {
            flush(&mut text, out);
            write_element(child, counterparts.next(), depth + 1, out);
        } else if child.is_text() {
            text.push_str(child.text().unwrap_or_default());
        }
    }
    flush(&mut text, out);
}
