//! Allocation-free number formatting and XSD-whitespace handling shared by the value impls.

/// XML Schema whitespace (`#x20 | #x9 | #xD | #xA`).
#[inline]
pub(crate) fn is_xsd_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Trims XML Schema whitespace (the `collapse` facet, for values without inner spaces).
#[inline]
pub(crate) fn trim_xsd(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii() && is_xsd_space(c as u8))
}

/// Appends the decimal digits of `v`.
#[inline]
pub(crate) fn push_u64(out: &mut String, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut n = digits.len();
    loop {
        n -= 1;
        // `v % 10` is below 10, so this is an ASCII digit.
        digits[n] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &d in &digits[n..] {
        out.push(char::from(d));
    }
}

/// Appends the decimal representation of `v` (with `-` for negatives).
#[inline]
pub(crate) fn push_i64(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    push_u64(out, v.unsigned_abs());
}

/// Appends `v` zero-padded to `width` digits (for date/time fields).
#[inline]
pub(crate) fn push_padded(out: &mut String, v: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut n = digits.len();
    let mut rest = v;
    while rest > 0 {
        n -= 1;
        digits[n] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    let start = n.min(digits.len().saturating_sub(width));
    for &d in &digits[start..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_format_like_display() {
        for v in [0i64, 1, -1, 9, 10, 1234567890, i64::MIN, i64::MAX] {
            let mut s = String::new();
            push_i64(&mut s, v);
            assert_eq!(s, v.to_string());
        }
        let mut s = String::new();
        push_u64(&mut s, u64::MAX);
        assert_eq!(s, u64::MAX.to_string());
    }

    #[test]
    fn padding() {
        let mut s = String::new();
        push_padded(&mut s, 7, 2);
        push_padded(&mut s, 0, 4);
        push_padded(&mut s, 12345, 4);
        assert_eq!(s, "07000012345");
    }

    #[test]
    fn trims_only_xsd_whitespace() {
        assert_eq!(trim_xsd(" \t\r\n 42\n"), "42");
        assert_eq!(trim_xsd("\u{a0}42"), "\u{a0}42");
    }
}
