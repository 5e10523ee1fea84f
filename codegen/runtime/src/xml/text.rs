//! Text content helpers for the reader: entity references and piecewise accumulation.

use std::borrow::Cow;

use quick_xml::events::BytesRef;

use super::error::{DecodeError, DecodeErrorKind};
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

/// The first character of `s` that XML 1.0 does not allow anywhere in a document (C0 controls
/// other than tab, LF and CR; U+FFFE; U+FFFF), with its byte offset.
///
/// Runs over every response before parsing, so it must cost next to nothing: blocks of 64 bytes
/// are tested with a branch-free loop the compiler vectorises (a candidate is a C0 control other
/// than tab/LF/CR, or 0xEF, the lead byte of U+FFFE/U+FFFF); only a block holding a candidate is
/// looked at character by character. Line ends and tabs, frequent in indented documents, are no
/// candidates.
pub(crate) fn find_non_xml_char(s: &str) -> Option<(usize, char)> {
    const BLOCK: usize = 64;
    let bytes = s.as_bytes();
    let mut start = 0;
    for block in bytes.chunks(BLOCK) {
        let mut candidate = false;
        for &b in block {
            candidate |= (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') | (b == 0xEF);
        }
        if candidate {
            for (offset, &b) in block.iter().enumerate() {
                let at = start + offset;
                let suspicious = (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0xEF;
                if !suspicious {
                    continue;
                }
                if let Some(c) = s.get(at..).and_then(|tail| tail.chars().next())
                    && !is_xml_char(c)
                {
                    return Some((at, c));
                }
            }
        }
        start += block.len();
    }
    None
}

/// The error for a character XML 1.0 forbids, found at byte `at`.
#[cold]
pub(crate) fn non_xml_char_error(at: usize, c: char) -> DecodeError {
    DecodeError::new(
        DecodeErrorKind::Syntax(format!(
            "character U+{:04X} is not allowed in XML 1.0",
            u32::from(c)
        )),
        u64::try_from(at).ok(),
    )
}

/// XML 1.0 end-of-line handling: `\r\n` and lone `\r` become `\n` (a carriage return that
/// must survive is written as `&#13;`, which is resolved separately and not touched here).
/// Borrowed unless the text contains a carriage return.
#[inline]
pub(crate) fn normalize_line_ends(text: Cow<'_, str>) -> Cow<'_, str> {
    if find_byte(text.as_bytes(), b'\r').is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

pub(crate) const LO: u64 = 0x0101_0101_0101_0101;
pub(crate) const HI: u64 = 0x8080_8080_8080_8080;

/// Flags (high bit per byte) the bytes of `word` equal to the byte repeated in `pattern`. Only
/// the lowest flag is reliable (a borrow can flag bytes above a match), which is all callers use.
#[inline(always)]
pub(crate) fn flag_equal(word: u64, pattern: u64) -> u64 {
    let x = word ^ pattern;
    x.wrapping_sub(LO) & !x & HI
}

/// The first byte of `haystack` for which `flags` (given eight bytes as a little-endian word)
/// reports a match, eight bytes per step. Names and values are mostly short, where this beats
/// both a byte loop and a vectorised search's setup.
#[inline(always)]
pub(crate) fn find_by_words(
    haystack: &[u8],
    flags: impl Fn(u64) -> u64,
    is_match: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut chunks = haystack.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let found = flags(u64::from_le_bytes(word));
        if found != 0 {
            return Some(base + (found.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| is_match(b))
        .map(|i| base + i)
}

/// Position of the first `needle` in `haystack`.
#[inline]
pub(crate) fn find_byte(haystack: &[u8], needle: u8) -> Option<usize> {
    let pattern = LO * u64::from(needle);
    find_by_words(haystack, |w| flag_equal(w, pattern), |b| b == needle)
}

/// Position of the first of three bytes in `haystack`.
#[inline]
pub(crate) fn find_any3(haystack: &[u8], a: u8, b: u8, c: u8) -> Option<usize> {
    let (pa, pb, pc) = (LO * u64::from(a), LO * u64::from(b), LO * u64::from(c));
    find_by_words(
        haystack,
        |w| flag_equal(w, pa) | flag_equal(w, pb) | flag_equal(w, pc),
        |x| x == a || x == b || x == c,
    )
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
    /// The text as an owned `String` with room to grow (converting a borrowed first piece).
    #[inline]
    fn owned(&mut self, extra: usize) -> &mut String {
        let text = self.text.get_or_insert(Cow::Borrowed(""));
        if let Cow::Borrowed(b) = text {
            let mut s = String::with_capacity(b.len() + extra + 32);
            s.push_str(b);
            *text = Cow::Owned(s);
        }
        text.to_mut()
    }

    #[inline]
    pub(crate) fn push(&mut self, piece: Cow<'a, str>) {
        match &mut self.text {
            None => self.text = Some(piece),
            Some(existing) if existing.is_empty() => *existing = piece,
            Some(_) if piece.is_empty() => {}
            Some(_) => self.owned(piece.len()).push_str(&piece),
        }
    }

    #[inline]
    pub(crate) fn push_char(&mut self, c: char) {
        self.owned(c.len_utf8()).push(c);
    }

    #[inline]
    pub(crate) fn finish(self) -> Cow<'a, str> {
        self.text.unwrap_or(Cow::Borrowed(""))
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn non_xml_characters_are_found_at_every_block_position() {
        let indented = "<a>\n\t<b>x</b>\r\n</a>".repeat(20);
        assert_eq!(find_non_xml_char(&indented), None);
        for at in [0, 1, 62, 63, 64, 65, 127, 128, 200] {
            let mut text = "y".repeat(at);
            text.push('\0');
            text.push_str(&"z".repeat(100));
            assert_eq!(find_non_xml_char(&text), Some((at, '\0')), "NUL at {at}");
            let mut text = "y".repeat(at);
            text.push('\u{FFFE}');
            text.push_str("\u{FF01}\u{FFFD}");
            assert_eq!(
                find_non_xml_char(&text),
                Some((at, '\u{FFFE}')),
                "U+FFFE at {at}"
            );
        }
        assert_eq!(find_non_xml_char("\u{FF01}\u{FFFD}\u{EFFF}"), None);
    }

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
    fn find_byte_agrees_with_a_plain_search() {
        let text = "abcdefgh:ijklmnop\r:qrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789:";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let hay = &text.as_bytes()[start..end];
                for needle in [b':', b'\r', b'z', b'#', 0x80] {
                    assert_eq!(
                        find_byte(hay, needle),
                        hay.iter().position(|&b| b == needle),
                        "{start}..{end} {needle}"
                    );
                }
            }
        }
        let high = "é:ü\u{FFFF}:";
        assert_eq!(find_byte(high.as_bytes(), b':'), high.find(':'));
        for start in 0..text.len() {
            let hay = &text.as_bytes()[start..];
            assert_eq!(
                find_any3(hay, b'#', b'\r', b':'),
                hay.iter().position(|&b| matches!(b, b'#' | b'\r' | b':')),
                "{start}"
            );
            assert_eq!(
                find_any3(hay, b'<', b'&', b'\x01'),
                hay.iter().position(|&b| matches!(b, b'<' | b'&' | 1)),
            );
        }
    }

    #[test]
    fn line_ends_are_normalised() {
        assert!(matches!(
            normalize_line_ends(Cow::Borrowed("a\nb")),
            Cow::Borrowed("a\nb")
        ));
        assert_eq!(
            normalize_line_ends(Cow::Borrowed("a\r\nb\rc\r\r\nd\r")),
            "a\nb\nc\n\nd\n"
        );
        let long = format!("{}\r\n", "x".repeat(100));
        assert_eq!(
            normalize_line_ends(Cow::Owned(long)),
            format!("{}\n", "x".repeat(100))
        );
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
