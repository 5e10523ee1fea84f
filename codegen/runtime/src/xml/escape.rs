//! Escaping of text and attribute values for the writer.
//!
//! Text: `&`, `<`, `>` become entity references and `\r` becomes `&#13;` (a literal carriage
//! return would be normalised to `\n` by any XML parser, so it would not round-trip).
//! Attribute values additionally escape `"`, `\t` and `\n` (attribute-value normalisation would
//! turn them into spaces).
//!
//! Characters that XML 1.0 does not allow at all (C0 controls other than tab/LF/CR, and the
//! non-characters U+FFFE/U+FFFF) cannot be represented in a document, not even as character
//! references. The escaper reports the first one (the writer keeps it as an [`InvalidChar`], and
//! the client refuses to send such a request) and writes U+FFFD REPLACEMENT CHARACTER in its
//! place, so the document itself stays well-formed for callers that inspect it.

use std::fmt;

/// A character XML 1.0 cannot carry that a value asked the writer to write, e.g. a NUL in a
/// string field. The document cannot represent the value, so it must not be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidChar {
    /// The character (`'\u{0}'`, `'\u{1b}'`, `'\u{fffe}'`, …).
    pub character: char,
    /// The element whose text held it, when written through [`XmlWriter::simple`]
    /// (`None` for text written directly).
    ///
    /// [`XmlWriter::simple`]: crate::xml::XmlWriter::simple
    pub element: Option<&'static str>,
    /// Its position in that text, in characters from 0.
    pub offset: usize,
}

impl fmt::Display for InvalidChar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.element {
            Some(element) => write!(f, "`{element}` holds ")?,
            None => f.write_str("text holds ")?,
        }
        write!(
            f,
            "U+{:04X} at character {}, which XML 1.0 cannot carry",
            u32::from(self.character),
            self.offset
        )
    }
}

/// What a byte needs in text content.
const PLAIN: u8 = 0;
/// Needs escaping/replacement (or, for 0xEF, a closer look at a possible U+FFFE/U+FFFF).
const SPECIAL: u8 = 1;

/// Bytes that need attention in text content.
static TEXT_CLASS: [u8; 256] = build_table(false);
/// Bytes that need attention in attribute values.
static ATTR_CLASS: [u8; 256] = build_table(true);

const fn build_table(attribute: bool) -> [u8; 256] {
    let mut t = [PLAIN; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = SPECIAL;
        b += 1;
    }
    if !attribute {
        t[b'\t' as usize] = PLAIN;
        t[b'\n' as usize] = PLAIN;
    } else {
        t[b'"' as usize] = SPECIAL;
    }
    t[b'&' as usize] = SPECIAL;
    t[b'<' as usize] = SPECIAL;
    t[b'>' as usize] = SPECIAL;
    // First byte of U+FFFE / U+FFFF (EF BF BE / EF BF BF).
    t[0xEF] = SPECIAL;
    t
}

/// Appends `s` to `out` escaped as text content; returns the first character XML cannot carry
/// (written as U+FFFD), with its element unknown.
#[inline]
pub(crate) fn escape_text_into(out: &mut String, s: &str) -> Option<InvalidChar> {
    escape_into(out, s, &TEXT_CLASS)
}

/// Appends `s` to `out` escaped as a double-quoted attribute value; returns the first character
/// XML cannot carry (written as U+FFFD).
#[inline]
pub(crate) fn escape_attr_into(out: &mut String, s: &str) -> Option<InvalidChar> {
    escape_into(out, s, &ATTR_CLASS)
}

#[inline]
fn escape_into(out: &mut String, s: &str, class: &[u8; 256]) -> Option<InvalidChar> {
    let bytes = s.as_bytes();
    // Fast path: nothing to escape (the common case for identifiers, numbers, most strings).
    let Some(first) = bytes.iter().position(|&b| class[usize::from(b)] != PLAIN) else {
        out.push_str(s);
        return None;
    };
    escape_slow(out, s, first, class)
}

#[cold]
fn escape_slow(out: &mut String, s: &str, first: usize, class: &[u8; 256]) -> Option<InvalidChar> {
    let bytes = s.as_bytes();
    let mut invalid: Option<InvalidChar> = None;
    let mut note_invalid = |at: usize| {
        if invalid.is_none() {
            invalid = Some(InvalidChar {
                character: s
                    .get(at..)
                    .and_then(|t| t.chars().next())
                    .unwrap_or('\u{FFFD}'),
                element: None,
                offset: s.get(..at).map_or(0, |head| head.chars().count()),
            });
        }
    };
    let mut copied = 0;
    let mut i = first;
    while i < bytes.len() {
        let b = bytes[i];
        if class[usize::from(b)] == PLAIN {
            i += 1;
            continue;
        }
        let (replacement, width): (&str, usize) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\r' => ("&#13;", 1),
            b'\n' => ("&#10;", 1),
            b'\t' => ("&#9;", 1),
            0xEF => {
                // U+FFFE and U+FFFF are not XML characters; anything else starting with EF is.
                if bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF))
                {
                    note_invalid(i);
                    ("\u{FFFD}", 3)
                } else {
                    i += 1;
                    continue;
                }
            }
            _ => {
                note_invalid(i);
                ("\u{FFFD}", 1)
            }
        };
        // `copied..i` ends before an ASCII byte or a UTF-8 lead byte, so it is a char boundary.
        out.push_str(s.get(copied..i).unwrap_or_default());
        out.push_str(replacement);
        i += width;
        copied = i;
    }
    out.push_str(s.get(copied..).unwrap_or_default());
    invalid
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let mut out = String::new();
        escape_text_into(&mut out, s);
        out
    }

    fn attr(s: &str) -> String {
        let mut out = String::new();
        escape_attr_into(&mut out, s);
        out
    }

    fn first_invalid(s: &str) -> Option<(char, usize)> {
        let mut out = String::new();
        let from_text = escape_text_into(&mut out, s).map(|i| (i.character, i.offset));
        let from_attr = escape_attr_into(&mut out, s).map(|i| (i.character, i.offset));
        assert_eq!(from_text, from_attr, "{s:?}");
        from_text
    }

    #[test]
    fn the_first_character_xml_cannot_carry_is_reported() {
        assert_eq!(first_invalid("plain <&> \t\n\r é \u{fffd}"), None);
        assert_eq!(first_invalid("é\u{0}b\u{1b}"), Some(('\u{0}', 1)));
        assert_eq!(first_invalid("☃☃\u{ffff}\u{0}"), Some(('\u{ffff}', 2)));
        assert_eq!(first_invalid("\u{ff01}x\u{fffe}"), Some(('\u{fffe}', 2)));
    }

    #[test]
    fn text_escapes_markup_and_carriage_return() {
        assert_eq!(text("plain"), "plain");
        assert_eq!(text("a<b>&c\"d'"), "a&lt;b&gt;&amp;c\"d'");
        assert_eq!(text("x]]>y"), "x]]&gt;y");
        assert_eq!(text("l1\r\nl2\tt"), "l1&#13;\nl2\tt");
        assert_eq!(text("héllo ☃ 𝄞"), "héllo ☃ 𝄞");
    }

    #[test]
    fn attribute_escapes_quotes_and_whitespace_controls() {
        assert_eq!(attr("a\"b\tc\nd<"), "a&quot;b&#9;c&#10;d&lt;");
    }

    #[test]
    fn characters_not_allowed_in_xml_are_replaced() {
        assert_eq!(text("a\u{0}b\u{1b}c"), "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(
            text("x\u{FFFE}y\u{FFFF}z\u{FFFD}\u{FEFF}"),
            "x\u{FFFD}y\u{FFFD}z\u{FFFD}\u{FEFF}"
        );
    }
}
