//! A parsed document plus what is needed to report positions and resolve QNames in it.

use std::collections::BTreeMap;

use roxmltree::{Node, ParsingOptions};

use crate::error::{Error, ErrorKind};
use crate::model::{Position, QName};
use crate::namespaces::XML_NS;

/// Deepest element nesting accepted in a document, and deepest recursion over schema
/// constructs (nested groups, expanded references). Real descriptions stay far below it.
pub(crate) const MAX_DEPTH: usize = 256;

/// Byte offsets of line starts, for cheap line/column lookups (the XML parser's own
/// lookup rescans the text each time).
#[derive(Debug)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of byte offset `offset` in `text`.
    fn line_column(&self, text: &str, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|start| *start <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = text
            .get(start..offset.min(text.len()))
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (to_u32(line), to_u32(column + 1))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One loaded, parsed document.
pub(crate) struct SourceDoc<'input> {
    /// Display name from the resolver.
    pub name: String,
    /// The parsed tree.
    pub doc: roxmltree::Document<'input>,
    lines: LineIndex,
}

impl<'input> SourceDoc<'input> {
    /// Parses `text` (DTDs rejected) and checks the nesting depth.
    pub fn parse(name: &str, text: &'input str) -> Result<Self, Error> {
        let options = ParsingOptions {
            allow_dtd: false,
            ..ParsingOptions::default()
        };
        let lines = LineIndex::new(text);
        let doc = match roxmltree::Document::parse_with_options(text, options) {
            Ok(doc) => doc,
            Err(e) => {
                let pos = e.pos();
                let position = Position {
                    file: name.to_owned(),
                    line: pos.row,
                    column: pos.col,
                };
                let kind = match e {
                    roxmltree::Error::DtdDetected => ErrorKind::Doctype,
                    other => ErrorKind::Xml(other.to_string()),
                };
                return Err(Error::at(position, kind));
            }
        };
        let source = SourceDoc {
            name: name.to_owned(),
            doc,
            lines,
        };
        source.check_depth()?;
        Ok(source)
    }

    fn check_depth(&self) -> Result<(), Error> {
        // Descendants come in document order, so a parent's depth is known before its
        // children are visited.
        let mut depths: Vec<usize> = Vec::new();
        for node in self.doc.descendants() {
            let parent_depth = node
                .parent()
                .and_then(|p| depths.get(p.id().get_usize()).copied())
                .unwrap_or(0);
            let depth = parent_depth + usize::from(node.is_element());
            let id = node.id().get_usize();
            if depths.len() <= id {
                depths.resize(id + 1, 0);
            }
            if let Some(slot) = depths.get_mut(id) {
                *slot = depth;
            }
            if depth > MAX_DEPTH {
                return Err(self.error(node, ErrorKind::TooDeep { limit: MAX_DEPTH }));
            }
        }
        Ok(())
    }

    /// Where `node` starts.
    pub fn position(&self, node: Node<'_, '_>) -> Position {
        let (line, column) = self
            .lines
            .line_column(self.doc.input_text(), node.range().start);
        Position {
            file: self.name.clone(),
            line,
            column,
        }
    }

    /// An error located at `node`.
    pub fn error(&self, node: Node<'_, '_>, kind: ErrorKind) -> Error {
        Error::at(self.position(node), kind)
    }

    /// Resolves a QName written in an attribute of `node` against the prefixes in scope
    /// there; an unprefixed name takes the default namespace in scope (or none).
    pub fn qname(&self, node: Node<'_, '_>, written: &str) -> Result<QName, Error> {
        let written = written.trim();
        let (prefix, local) = match written.split_once(':') {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, written),
        };
        if local.is_empty() || local.contains(':') || prefix == Some("") {
            return Err(self.error(
                node,
                ErrorKind::Invalid(format!("`{written}` is not a valid QName")),
            ));
        }
        let namespace = match prefix {
            // The `xml` prefix is bound implicitly.
            Some("xml") => XML_NS,
            Some(prefix) => node.lookup_namespace_uri(Some(prefix)).ok_or_else(|| {
                self.error(
                    node,
                    ErrorKind::UndeclaredPrefix {
                        prefix: prefix.to_owned(),
                        qname: written.to_owned(),
                    },
                )
            })?,
            None => node.lookup_namespace_uri(None).unwrap_or(""),
        };
        Ok(QName {
            namespace: namespace.to_owned(),
            local: local.to_owned(),
        })
    }

    /// A required attribute, or an error naming it.
    pub fn required_attribute<'a>(
        &self,
        node: Node<'a, 'input>,
        name: &str,
    ) -> Result<&'a str, Error> {
        node.attribute(name).ok_or_else(|| {
            self.error(
                node,
                ErrorKind::Invalid(format!(
                    "<{}> has no `{name}` attribute",
                    node.tag_name().name()
                )),
            )
        })
    }

    /// A `true`/`false`/`1`/`0` attribute (absent = `false`).
    pub fn bool_attribute(&self, node: Node<'_, 'input>, name: &str) -> Result<bool, Error> {
        match node.attribute(name).map(str::trim) {
            None | Some("false") | Some("0") => Ok(false),
            Some("true") | Some("1") => Ok(true),
            Some(other) => Err(self.error(
                node,
                ErrorKind::Invalid(format!("`{name}` must be true or false, not `{other}`")),
            )),
        }
    }
}

/// Whether `node` is an element named `local` in namespace `ns`.
pub(crate) fn is(node: Node<'_, '_>, ns: &str, local: &str) -> bool {
    node.is_element() && node.tag_name().name() == local && node.tag_name().namespace() == Some(ns)
}

/// Element children of `node` in namespace `ns`.
pub(crate) fn children_in<'a, 'input: 'a>(
    node: Node<'a, 'input>,
    ns: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().namespace() == Some(ns))
}

/// Element children of `node` named `local` in namespace `ns`.
pub(crate) fn children_named<'a, 'input: 'a>(
    node: Node<'a, 'input>,
    ns: &'a str,
    local: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    node.children().filter(move |c| is(*c, ns, local))
}

/// All text inside `node`, whitespace-trimmed; `None` when empty.
pub(crate) fn text_of(node: Node<'_, '_>) -> Option<String> {
    let text: String = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// For each namespace URI, the first prefix bound to it in `sources` (in order, each in
/// document order); the default namespace and the `xml` prefix are left out.
pub(crate) fn first_prefixes(sources: &[SourceDoc<'_>]) -> BTreeMap<String, String> {
    let mut prefixes = BTreeMap::new();
    for source in sources {
        for node in source.doc.descendants().filter(|n| n.is_element()) {
            // In-scope bindings: those inherited from ancestors were met there first.
            for namespace in node.namespaces() {
                if let Some(prefix) = namespace.name()
                    && prefix != "xml"
                {
                    prefixes
                        .entry(namespace.uri().to_owned())
                        .or_insert_with(|| prefix.to_owned());
                }
            }
        }
    }
    prefixes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_matches_the_parser() {
        let text = "<a>\r\n  <b/>\n\t<c>é<d/></c></a>";
        let doc = roxmltree::Document::parse(text).unwrap();
        let index = LineIndex::new(text);
        for node in doc.descendants().filter(|n| n.is_element()) {
            let expected = doc.text_pos_at(node.range().start);
            assert_eq!(
                index.line_column(text, node.range().start),
                (expected.row, expected.col)
            );
        }
    }
}
