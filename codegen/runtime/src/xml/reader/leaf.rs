//! The leaf fast lane: `<name>text</name>` read straight from the input.
//!
//! Most elements in a SOAP response are leaves: a name without attributes, plain text, and the
//! matching end tag. Going through the event parser costs three events (start, text, end); this
//! lane recognises the whole element with one forward scan and moves the parser past it.
//!
//! It only runs when the parser's last event ended with markup (so the rest of its input is raw
//! content and its state is "reading text"), and it only takes the exact simple shape: ASCII
//! name, no attributes, no references, no carriage returns, no nested markup, and an end tag
//! that repeats the name with nothing else. Anything else (or anything unusual) is left to the
//! parser, which then reports errors exactly as before. The element is returned like `<x/>`
//! with its text pending, so `text`, `skip` and `next_element` see the usual protocol.

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

/// Where the lane found a leaf in the parser's remaining input.
struct LeafSpan {
    /// Offset of `<`.
    open: usize,
    /// The name, `open + 1 ..name_end`.
    name_end: usize,
    /// The text, `name_end + 1 .. text_end` (`text_end` is the `<` of the end tag).
    text_end: usize,
    /// Bytes up to and including the end tag's `>`.
    consumed: usize,
}

/// Recognises `ws* <name>text</name>` at the start of `rest`.
#[inline]
fn scan_leaf(rest: &[u8]) -> Option<LeafSpan> {
    let open = rest.iter().position(|&b| !is_xsd_space(b))?;
    if rest.get(open) != Some(&b'<') || !is_name_start(*rest.get(open + 1)?) {
        return None;
    }
    let name_end = open + 1 + find_name_end(rest.get(open + 1..)?)?;
    if rest.get(name_end) != Some(&b'>') {
        return None;
    }
    let text_start = name_end + 1;
    let text_len = find_any3(rest.get(text_start..)?, b'<', b'&', b'\r')?;
    let text_end = text_start + text_len;
    // Must be `</name>` right there; anything else (a child, a reference) is the parser's job.
    let name = rest.get(open + 1..name_end)?;
    let tail = rest.get(text_end..)?;
    let end_len = name.len() + 3;
    if tail.first() != Some(&b'<')
        || tail.get(1) != Some(&b'/')
        || !same_bytes(tail.get(2..2 + name.len())?, name)
        || tail.get(2 + name.len()) != Some(&b'>')
    {
        return None;
    }
    Some(LeafSpan {
        open,
        name_end,
        text_end,
        consumed: text_end + end_len,
    })
}

impl<'a> XmlReader<'a> {
    /// Tries to read the next child as a leaf. `None`: not a leaf here, use the parser.
    #[inline]
    pub(super) fn try_leaf(&mut self) -> Option<Result<ElementStart<'a>, DecodeError>> {
        if !self.at_content {
            return None;
        }
        let rest: &'a [u8] = self.parser.get_ref();
        let span = scan_leaf(rest)?;
        // Re-borrow from the input as `str`: every boundary is at an ASCII byte.
        let base = offset_in(self.input, rest)?;
        let qname = self.input.get(base + span.open + 1..base + span.name_end)?;
        let text = self
            .input
            .get(base + span.name_end + 1..base + span.text_end)?;
        let position = (base + span.open) as u64;
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
        *self.parser.get_mut() = rest.get(span.consumed..)?;
        self.skipped += span.consumed as u64;
        self.depth += 1;
        self.pending_end = true;
        self.pending_text = text;
        Some(Ok(ElementStart::leaf(
            qname,
            namespace,
            position,
            local_start,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &str) -> Option<(usize, usize, usize, usize)> {
        scan_leaf(s.as_bytes()).map(|l| (l.open, l.name_end, l.text_end, l.consumed))
    }

    #[test]
    fn recognises_only_plain_leaves() {
        assert_eq!(scan("<a>x</a>rest"), Some((0, 2, 4, 8)));
        assert_eq!(scan("\n  <ns1:b></ns1:b>"), Some((3, 9, 10, 18)));
        assert_eq!(scan("<a>x > y</a>"), Some((0, 2, 8, 12)));
        // Names as the parser reads them: anything up to whitespace, `/` or `>`.
        assert_eq!(scan("<aé>x</aé>"), Some((0, 4, 6, 12)));
        assert_eq!(
            scan("<abcdefghijklmnopq>x</abcdefghijklmnopq>"),
            Some((0, 18, 20, 40))
        );
        for not_leaf in [
            "<a x=\"1\">x</a>",
            "<a >x</a>",
            "<a/>",
            "<a>x</a >",
            "<a>x</b>",
            "<a>x</ab>",
            "<ab>x</a>",
            "<a>x&amp;</a>",
            "<a>x&/a>",
            "<a>x\r/a>",
            "<a>x\r\n</a>",
            "<a><b/></a>",
            "<a>x<!-- c --></a>",
            "<a>x",
            "<a>x</a",
            "text<a>x</a>",
            "</a>",
            "<!-- c --><a>x</a>",
            "<?pi?><a>x</a>",
            "<1a>x</1a>",
            "<a\tb>x</a\tb>",
            "",
        ] {
            assert_eq!(scan(not_leaf), None, "{not_leaf:?}");
        }
    }
}
