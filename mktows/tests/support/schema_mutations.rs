//! Turns a valid document into an invalid one with one small, schema-aware edit, so a test can
//! check that the strict decoder rejects it and names the place.
//!
//! The edits: insert an element the schema does not know; remove a required element; repeat a
//! single-valued element; put text into element-only content; give a typed value (int,
//! boolean, dateTime, integer, base64Binary) a text that is not of its type; put `xsi:nil` on an
//! element that is not nillable. Each keeps the document well-formed and makes it invalid.

use std::ops::Range;

use roxmltree::Node;
use wsdl::MaxOccurs;

use super::schema_docs::Choices;
use super::schema_view::{Resolved, SchemaView, XSI_NS};

/// One invalid variant of a document.
#[derive(Debug, Clone)]
pub struct Mutation {
    /// Which kind of edit (one of [`MUTATION_KINDS`]).
    pub kind: &'static str,
    /// What was changed, for failure messages.
    pub description: String,
    /// The invalid document.
    pub document: String,
    /// A text the decoder's error must contain (the name of the element at fault).
    pub error_mentions: String,
}

/// The kinds of edit, as reported in [`Mutation::kind`].
pub const MUTATION_KINDS: &[&str] = &[
    "unknown element",
    "stray text",
    "missing required",
    "repeated single",
    "nil not nillable",
    "invalid value",
];

/// A place where an edit makes the document invalid.
struct Site {
    kind: &'static str,
    description: String,
    /// Bytes of the original to replace (empty range = insertion).
    range: Range<usize>,
    replacement: String,
    error_mentions: String,
}

/// Picks one of the possible edits of `doc` (an instance of the global element `global_local`);
/// `None` when the document offers none (e.g. an empty root).
pub fn mutate(
    view: &SchemaView<'_>,
    global_local: &str,
    doc: &str,
    choices: &mut Choices<'_>,
) -> Result<Option<Mutation>, String> {
    // Byte ranges below refer to this text, so the edit is applied to it too.
    let normalized = super::xml_equiv::normalize_line_ends(doc);
    let doc: &str = &normalized;
    let parsed = roxmltree::Document::parse(doc).map_err(|e| e.to_string())?;
    let decl = view
        .global_element(global_local)
        .ok_or_else(|| format!("no global element {global_local}"))?;
    let resolved = view.resolve_element(decl)?;
    let xsi_prefix = parsed
        .root_element()
        .namespaces()
        .find(|ns| ns.uri() == XSI_NS)
        .and_then(|ns| ns.name())
        .unwrap_or("xsi")
        .to_owned();
    let mut sites = Vec::new();
    let walker = Walker {
        view: *view,
        doc,
        xsi_prefix,
    };
    walker.element(parsed.root_element(), Some(resolved), &mut sites)?;
    if sites.is_empty() {
        return Ok(None);
    }
    let index = choices.pick(sites.len());
    let Some(site) = sites.get(index) else {
        return Ok(None);
    };
    let mut document = String::with_capacity(doc.len() + site.replacement.len());
    document.push_str(doc.get(..site.range.start).unwrap_or_default());
    document.push_str(&site.replacement);
    document.push_str(doc.get(site.range.end..).unwrap_or_default());
    Ok(Some(Mutation {
        kind: site.kind,
        description: site.description.clone(),
        document,
        error_mentions: site.error_mentions.clone(),
    }))
}

struct Walker<'v, 'd> {
    view: SchemaView<'v>,
    doc: &'d str,
    xsi_prefix: String,
}

impl Walker<'_, '_> {
    fn source(&self, node: Node<'_, '_>) -> &str {
        self.doc.get(node.range()).unwrap_or_default()
    }

    /// `(start tag without its closing `>` or `/>`, raw qualified name, is empty-element tag)`.
    fn start_tag(&self, node: Node<'_, '_>) -> Option<(String, String, bool)> {
        let src = self.source(node);
        let end = src.find('>')?;
        let tag = src.get(..end)?;
        let (tag, empty) = match tag.strip_suffix('/') {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let name: String = tag
            .get(1..)?
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>')
            .collect();
        Some((tag.to_owned(), name, empty))
    }

    fn element(
        &self,
        node: Node<'_, '_>,
        declared: Option<Resolved<'_>>,
        sites: &mut Vec<Site>,
    ) -> Result<(), String> {
        let local = node.tag_name().name();
        if node
            .attribute((XSI_NS, "nil"))
            .is_some_and(|v| matches!(v.trim(), "true" | "1"))
        {
            return Ok(());
        }
        let effective = match node.attribute((XSI_NS, "type")) {
            Some(raw) => {
                let type_local = raw.rsplit(':').next().unwrap_or(raw);
                let q = wsdl::QName {
                    namespace: self.view.target_namespace().to_owned(),
                    local: type_local.to_owned(),
                };
                self.view.complex_type(&q).map(Resolved::Complex)
            }
            None => declared,
        };
        match effective {
            Some(Resolved::Complex(ct)) => {
                let decls = self.view.child_elements(ct)?;
                let children: Vec<Node<'_, '_>> =
                    node.children().filter(|c| c.is_element()).collect();
                for child in &children {
                    let name = child.tag_name().name();
                    let Some(decl) = decls.iter().find(|d| d.name.local == name) else {
                        continue;
                    };
                    let end = child.range().end;
                    sites.push(Site {
                        kind: "unknown element",
                        description: format!("unknown element after <{name}> in <{local}>"),
                        range: end..end,
                        replacement: "<unexpectedElement/>".to_owned(),
                        error_mentions: "unexpectedElement".to_owned(),
                    });
                    sites.push(Site {
                        kind: "stray text",
                        description: format!("text after <{name}> in <{local}>"),
                        range: end..end,
                        replacement: "stray text".to_owned(),
                        error_mentions: local.to_owned(),
                    });
                    let occurrences = children.iter().filter(|c| c.has_tag_name(name)).count();
                    if decl.min_occurs as usize >= occurrences {
                        sites.push(Site {
                            kind: "missing required",
                            description: format!("required <{name}> removed from <{local}>"),
                            range: child.range(),
                            replacement: String::new(),
                            error_mentions: name.to_owned(),
                        });
                    }
                    if decl.max_occurs == MaxOccurs::Bounded(1) {
                        sites.push(Site {
                            kind: "repeated single",
                            description: format!("single-valued <{name}> repeated in <{local}>"),
                            range: end..end,
                            replacement: self.source(*child).to_owned(),
                            error_mentions: name.to_owned(),
                        });
                    }
                    if !decl.nillable
                        && let Some((tag, _, _)) = self
                            .start_tag(*child)
                            .filter(|(tag, _, _)| !tag.contains(":nil="))
                    {
                        sites.push(Site {
                            kind: "nil not nillable",
                            description: format!("xsi:nil on non-nillable <{name}>"),
                            range: child.range(),
                            replacement: format!("{tag} {}:nil=\"true\"/>", self.xsi_prefix),
                            error_mentions: name.to_owned(),
                        });
                    }
                    let child_type = self.view.resolve_element(decl).ok();
                    self.element(*child, child_type, sites)?;
                }
                Ok(())
            }
            Some(Resolved::Simple(kind)) => {
                let bad = match kind.builtin() {
                    "int" | "long" | "short" | "byte" => "12x",
                    "integer" => "1.5",
                    "boolean" => "yes",
                    "dateTime" => "2013-13-01T00:00:00Z",
                    "base64Binary" => "@@@",
                    _ => return Ok(()),
                };
                if let Some((tag, name, _)) = self.start_tag(node) {
                    sites.push(Site {
                        kind: "invalid value",
                        description: format!("invalid {} in <{local}>", kind.builtin()),
                        range: node.range(),
                        replacement: format!("{tag}>{bad}</{name}>"),
                        error_mentions: local.to_owned(),
                    });
                }
                Ok(())
            }
            None => Ok(()),
        }
    }
}
