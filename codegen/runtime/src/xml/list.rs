//! `xs:list` values: items separated by whitespace in one text node.

use super::value::PrefixScope;
use super::{AttributeWriter, SimpleValue, ValueError, XmlWriter};

/// The value of an `xs:list` type, e.g. `<scores>3 14 15</scores>` as `List(vec![3, 14, 15])`.
/// Written with single spaces between the items; read by splitting on XML whitespace (so the
/// items themselves never contain any).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct List<T>(pub Vec<T>);

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List(items)
    }
}

impl<T: SimpleValue> SimpleValue for List<T> {
    fn write_text(&self, w: &mut XmlWriter) {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                w.text(" ");
            }
            item.write_text(w);
        }
    }

    fn parse_text(text: &str) -> Result<Self, ValueError> {
        text.split([' ', '\t', '\r', '\n'])
            .filter(|item| !item.is_empty())
            .map(T::parse_text)
            .collect::<Result<Vec<T>, ValueError>>()
            .map(List)
    }

    const NEEDS_NAMESPACES: bool = T::NEEDS_NAMESPACES;

    fn parse_text_in(text: &str, scope: &dyn PrefixScope) -> Result<Self, ValueError> {
        text.split([' ', '\t', '\r', '\n'])
            .filter(|item| !item.is_empty())
            .map(|item| T::parse_text_in(item, scope))
            .collect::<Result<Vec<T>, ValueError>>()
            .map(List)
    }

    fn declare_namespaces(&self, w: &mut AttributeWriter<'_>) {
        for item in &self.0 {
            item.declare_namespaces(w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_space_separated_and_read_across_any_whitespace() {
        let mut w = XmlWriter::new("urn:t");
        List(vec![3, -14, 15]).write_text(&mut w);
        assert_eq!(w.as_str(), "3 -14 15");
        assert_eq!(
            List::<i32>::parse_text(" 3\n\t-14  15 ").unwrap(),
            List(vec![3, -14, 15])
        );
        assert_eq!(List::<i32>::parse_text("").unwrap(), List(Vec::new()));
        assert!(List::<i32>::parse_text("1 x").is_err());
    }
}
