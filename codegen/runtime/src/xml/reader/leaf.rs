//! The fast lanes: plain tags read straight from the input.
//!
//! Most elements in a SOAP response are leaves: a name without attributes, plain text, and the
//! matching end tag. Going through the event parser costs three events (start, text, end); the
//! leaf lane recognises the whole element with one forward scan and moves the parser past it.
//! Most of the other elements (records, lists) have no attributes either: the tag lane reads
//! their start tag `<name>` and, later, their end tag `</name>` the same way.
//!
//! The lanes only run when the parser's last event ended with markup (so the rest of its input
//! is raw content and its state is "reading text"), and they only take the exact simple shapes:
//! a name without attributes; for a leaf, text without references, carriage returns or nested
//! markup and an end tag that repeats the name; for an end tag, only the end of an element the
//! tag lane opened, repeating its name. (End tags may have whitespace before their `>`.)
//! Anything else (or anything unusual) is left to the parser, which then reports errors exactly
//! as before; end tags are matched by the reader (see `open_tags.rs`), whoever reads them. A
//! leaf is returned like `<x/>` with its text pending, so `text`, `skip` and `next_element` see
//! the usual protocol.

use super::open_tags::OpenTag;
use super::start_tag::offset_in;
use super::{ElementStart, XmlReader};
use crate::xml::error::{DecodeError, DecodeErrorKind};
use crate::xml::number::is_xsd_space;
use crate::xml::text::{HI, LO, find_any3, find_by_words, find_byte, flag_equal};

/// Bytes that may start a name in the lane: ASCII letters and `_` (a subset of XML's
/// NameStartChar; it also rules out `</`, `<!`, `<?`).
#[inline]
fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

/// Length of the tag name at the start of `tag`: up to whitespace (or any control byte), `/`
/// or `>`, which is where the parser ends a name too. Eight bytes per step.
#[inline]
fn find_name_end(tag: &[u8]) -> Option<usize> {
    const SPACE_AND_BELOW: u64 = LO * 0x21;
    let (slash, gt) = (LO * u64::from(b'/'), LO * u64::from(b'>'));
    find_by_words(
        tag,
        |w| (w.wrapping_sub(SPACE_AND_BELOW) & !w & HI) | flag_equal(w, slash) | flag_equal(w, gt),
        |b| b <= b' ' || b == b'/' || b == b'>',
    )
}

/// Slice equality without a library call (names are a few bytes long).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// What a lane found at the start of the parser's remaining input.
#[derive(Debug, PartialEq, Eq)]
enum Lane {
    /// `ws* <name>text</name>` (whitespace allowed before the end tag's `>`).
    Leaf {
        /// Offset of `<`.
        open: usize,
        /// The name is `open + 1 ..name_end`.
        name_end: usize,
        /// The text is `name_end + 1 .. text_end` (`text_end` is the `<` of the end tag).
        text_end: usize,
        /// Bytes up to and including the end tag's `>`.
        consumed: usize,
    },
    /// `ws* <name>` followed by something other than plain text and `</name>`.
    Start {
        /// Offset of `<`.
        open: usize,
        /// The name is `open + 1 ..name_end`; the `>` is at `name_end`.
        name_end: usize,
    },
    /// `ws* </` (an end tag, not yet checked).
    End {
        /// Offset of `<`.
        open: usize,
    },
}

/// Recognises a plain leaf, a start tag without attributes, or the start of an end tag at the
/// start of `rest`.
#[inline]
fn scan(rest: &[u8]) -> Option<Lane> {
    let open = rest.iter().position(|&b| !is_xsd_space(b))?;
    if rest.get(open) != Some(&b'<') {
        return None;
    }
    let first = *rest.get(open + 1)?;
    if first == b'/' {
        return Some(Lane::End { open });
    }
    if !is_name_start(first) {
        return None;
    }
    let name_end = open + 1 + find_name_end(rest.get(open + 1..)?)?;
    if rest.get(name_end) != Some(&b'>') {
        return None;
    }
    let start = Lane::Start { open, name_end };
    let text_start = name_end + 1;
    let Some(text_len) = rest
        .get(text_start..)
        .and_then(|t| find_any3(t, b'<', b'&', b'\r'))
    else {
        return Some(start);
    };
    let text_end = text_start + text_len;
    // A leaf only if `</name>` is right there; anything else (a child, a reference) makes this
    // a start tag whose content is read as usual.
    let name = rest.get(open + 1..name_end)?;
    let Some(end_len) = end_tag_len(rest.get(text_end..)?, name) else {
        return Some(start);
    };
    Some(Lane::Leaf {
        open,
        name_end,
        text_end,
        consumed: text_end + end_len,
    })
}

/// Length of `</name>` (or `</name  >`) at the start of `tail`, if that is what it holds.
#[inline]
fn end_tag_len(tail: &[u8], name: &[u8]) -> Option<usize> {
    if tail.first() != Some(&b'<')
        || tail.get(1) != Some(&b'/')
        || !same_bytes(tail.get(2..2 + name.len())?, name)
    {
        return None;
    }
    let after = 2 + name.len();
    let gt = after + tail.get(after..)?.iter().position(|&b| !is_xsd_space(b))?;
    (tail.get(gt) == Some(&b'>')).then_some(gt + 1)
}

impl<'a> XmlReader<'a> {
    /// Tries to read the next child (or the current element's end tag) in a fast lane.
    /// `None`: not a plain shape here, use the parser. `Some(Ok(None))`: the end tag of the
    /// current element was read and the element closed.
    #[inline]
    pub(super) fn try_lane(&mut self) -> Option<Result<Option<ElementStart<'a>>, DecodeError>> {
        if !self.at_content {
            return None;
        }
        let rest: &'a [u8] = self.parser.get_ref();
        let lane = scan(rest)?;
        let base = offset_in(self.input, rest)?;
        let (open, name_end) = match lane {
            Lane::End { open } => return self.lane_end(rest, open),
            Lane::Leaf { open, name_end, .. } | Lane::Start { open, name_end } => (open, name_end),
        };
        // Re-borrow from the input as `str`: every boundary is at an ASCII byte.
        let qname = self.input.get(base + open + 1..base + name_end)?;
        let position = (base + open) as u64;
        if self.depth >= self.options.max_depth {
            return Some(Err(DecodeError::new(
                DecodeErrorKind::TooDeep(self.options.max_depth),
                Some(position),
            )));
        }
        let (prefix, local_start) = match find_byte(qname.as_bytes(), b':') {
            Some(colon) => (qname.get(..colon), colon + 1),
            None => (None, 0),
        };
        // An undeclared prefix is reported by the parser path.
        let namespace = self.namespaces.resolve_element(prefix).ok()?;
        let local_start = u32::try_from(local_start).ok()?;
        let consumed = match lane {
            Lane::Leaf {
                text_end, consumed, ..
            } => {
                self.pending_end = true;
                self.pending_text = self.input.get(base + name_end + 1..base + text_end)?;
                consumed
            }
            _ => {
                self.open_tags.push(OpenTag {
                    qname,
                    by_lane: true,
                });
                name_end + 1
            }
        };
        *self.parser.get_mut() = rest.get(consumed..)?;
        self.skipped += consumed as u64;
        self.depth += 1;
        Some(Ok(Some(ElementStart::leaf(
            qname,
            namespace,
            position,
            local_start,
        ))))
    }

    /// The end tag lane: `</name>` of the innermost element, when the tag lane opened it.
    #[inline]
    fn lane_end(
        &mut self,
        rest: &'a [u8],
        open: usize,
    ) -> Option<Result<Option<ElementStart<'a>>, DecodeError>> {
        let innermost = self.open_tags.last()?;
        if !innermost.by_lane {
            return None;
        }
        let len = end_tag_len(rest.get(open..)?, innermost.qname.as_bytes())?;
        let consumed = open + len;
        *self.parser.get_mut() = rest.get(consumed..)?;
        self.skipped += consumed as u64;
        self.open_tags.pop();
        self.close();
        Some(Ok(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(s: &str) -> Option<(usize, usize, usize, usize)> {
        match scan(s.as_bytes()) {
            Some(Lane::Leaf {
                open,
                name_end,
                text_end,
                consumed,
            }) => Some((open, name_end, text_end, consumed)),
            _ => None,
        }
    }

    #[test]
    fn recognises_plain_leaves() {
        assert_eq!(leaf("<a>x</a>rest"), Some((0, 2, 4, 8)));
        assert_eq!(leaf("\n  <ns1:b></ns1:b>"), Some((3, 9, 10, 18)));
        assert_eq!(leaf("<a>x > y</a>"), Some((0, 2, 8, 12)));
        assert_eq!(leaf("<a>x</a \n>"), Some((0, 2, 4, 10)));
        // Names as the parser reads them: anything up to whitespace, `/` or `>`.
        assert_eq!(leaf("<aé>x</aé>"), Some((0, 4, 6, 12)));
        assert_eq!(
            leaf("<abcdefghijklmnopq>x</abcdefghijklmnopq>"),
            Some((0, 18, 20, 40))
        );
    }

    #[test]
    fn a_plain_start_tag_without_a_plain_leaf_is_a_start_tag() {
        for (doc, open, name_end) in [
            ("<a>x</b>", 0, 2),
            ("<a>x</ab>", 0, 2),
            ("<ab>x</a>", 0, 3),
            ("<a>x&amp;</a>", 0, 2),
            ("<a>x&/a>", 0, 2),
            ("<a>x\r/a>", 0, 2),
            ("<a>x\r\n</a>", 0, 2),
            ("\n <a><b/></a>", 2, 4),
            ("<a>x<!-- c --></a>", 0, 2),
            ("<a>x", 0, 2),
            ("<a>x</a", 0, 2),
            ("<a>", 0, 2),
        ] {
            assert_eq!(
                scan(doc.as_bytes()),
                Some(Lane::Start { open, name_end }),
                "{doc:?}"
            );
        }
    }

    #[test]
    fn end_tags_are_found_and_checked_against_the_name() {
        assert_eq!(scan(b"</a>"), Some(Lane::End { open: 0 }));
        assert_eq!(scan(b" \t\n</a>"), Some(Lane::End { open: 3 }));
        assert_eq!(end_tag_len(b"</a>rest", b"a"), Some(4));
        assert_eq!(end_tag_len(b"</ns1:a\t >", b"ns1:a"), Some(10));
        for not_end in ["</ab>", "</b>", "</a", "</a x>", "<a>", "</>"] {
            assert_eq!(end_tag_len(not_end.as_bytes(), b"a"), None, "{not_end:?}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_parser() {
        for other in [
            "<a x=\"1\">x</a>",
            "<a >x</a>",
            "<a/>",
            "text<a>x</a>",
            "<!-- c --><a>x</a>",
            "<?pi?><a>x</a>",
            "<1a>x</1a>",
            "<a\tb>x</a\tb>",
            "<",
            "",
        ] {
            assert_eq!(scan(other.as_bytes()), None, "{other:?}");
        }
    }
}
