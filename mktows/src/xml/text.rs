//! Text content helpers for the reader: entity references and piecewise accumulation.

use std::borrow::Cow;

use quick_xml::events::BytesRef;

use super::error::DecodeErrorKind;
use super::number::is_xsd_space;

/// Resolves `&name;` (the five predefined entities) or a character reference to its character.
/// Anything else is an error: documents with DTDs are rejected, so no other entity can exist.
#[inline]
pub(crate) fn resolve_reference(r: &BytesRef<'_>) -> Result<char, DecodeErrorKind> {
    let name: &str = r;
    if r.is_char_ref() {
        return match r.resolve_char_ref() {
            Ok(Some(c)) if is_xml_char(c) => Ok(c),
            _ => Err(DecodeErrorKind::InvalidCharRef(name.to_owned())),
        };
    }
    match name {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "apos" => Ok('\''),
        "quot" => Ok('"'),
        _ => Err(DecodeErrorKind::UnknownEntity(name.to_owned())),
    }
}

/// XML 1.0 `Char`: tab, LF, CR, and everything from U+0020 except surrogates, U+FFFE, U+FFFF.
#[inline]
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `true` when `s` is only XML whitespace (so it may appear in element-only content).
#[inline]
pub(crate) fn is_blank(s: &str) -> bool {
    s.bytes().all(is_xsd_space)
}

/// Text being collected from several events (text, CDATA, references): stays borrowed from the
/// input as long as it is a single piece.
#[derive(Debug, Default)]
pub(crate) struct TextAccumulator<'a> {
    text: Option<Cow<'a, str>>,
}

impl<'a> TextAccumulator<'a> {
    #[inline]
    pub(crate) fn push(&mut self, piece: Cow<'a, str>) {
        match &mut self.text {
            None => self.text = Some(piece),
            Some(existing) => {
                if piece.is_empty() {
                    return;
                }
                if existing.is_empty() {
                    *existing = piece;
                } else {
                    existing.to_mut().push_str(&piece);
                }
            }
        }
    }

    #[inline]
    pub(crate) fn push_char(&mut self, c: char) {
        match &mut self.text {
            None => self.text = Some(Cow::Owned(c.to_string())),
            Some(existing) => existing.to_mut().push(c),
        }
    }

    #[inline]
    pub(crate) fn finish(self) -> Cow<'a, str> {
        self.text.unwrap_or(Cow::Borrowed(""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predefined_and_character_references() {
        assert_eq!(resolve_reference(&BytesRef::new("amp")), Ok('&'));
        assert_eq!(resolve_reference(&BytesRef::new("#13")), Ok('\r'));
        assert_eq!(resolve_reference(&BytesRef::new("#x2603")), Ok('☃'));
        assert!(matches!(
            resolve_reference(&BytesRef::new("bomb")),
            Err(DecodeErrorKind::UnknownEntity(_))
        ));
        for bad in ["#0", "#1", "#xD800", "#xFFFE", "#x110000", "#", "#x", "#-1"] {
            assert!(
                matches!(
                    resolve_reference(&BytesRef::new(bad)),
                    Err(DecodeErrorKind::InvalidCharRef(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn accumulator_borrows_single_pieces() {
        let mut acc = TextAccumulator::default();
        acc.push(Cow::Borrowed("abc"));
        assert!(matches!(acc.finish(), Cow::Borrowed("abc")));
        let mut acc = TextAccumulator::default();
        acc.push(Cow::Borrowed("a"));
        acc.push_char('&');
        acc.push(Cow::Borrowed("b"));
        assert_eq!(acc.finish(), "a&b");
        assert_eq!(TextAccumulator::default().finish(), "");
    }
}
