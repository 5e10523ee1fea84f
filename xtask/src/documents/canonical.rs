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
    write_element(element, 0, &mut out);
    out
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

fn write_element(element: roxmltree::Node<'_, '_>, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    let tag = element.tag_name();
    out.push_str(&indent);
    out.push_str(&expanded(tag.namespace(), tag.name()));
    out.push('\n');
    let mut attributes: Vec<(String, String)> = element
        .attributes()
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
    for child in element.children() {
        if child.is_element() {
            flush(&mut text, out);
            write_element(child, depth + 1, out);
        } else if child.is_text() {
            text.push_str(child.text().unwrap_or_default());
        }
    }
    flush(&mut text, out);
}
