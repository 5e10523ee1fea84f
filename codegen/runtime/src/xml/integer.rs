//! `Integer`: `xs:integer` with arbitrary precision.
//!
//! `xs:integer` has no size limit on the wire, so mapping it to `i64` could silently fail on a
//! large value. `Integer` keeps the validated decimal text in canonical form (no `+`, no leading
//! zeros, `0` never negative) and converts to machine integers on request ([`Integer::to_i64`]).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use super::number::{push_i64, trim_xsd};
use super::{SimpleValue, ValueError, XmlWriter};

/// An `xs:integer` value of any size, stored as canonical decimal text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Integer(String);

impl Integer {
    /// The canonical decimal text, e.g. `-42`.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as `i64`, or `None` when it does not fit.
    #[inline]
    pub fn to_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    /// `true` for values below zero.
    #[inline]
    pub fn is_negative(&self) -> bool {
        self.0.starts_with('-')
    }

    /// Validates and canonicalises `text` (surrounding XML Schema whitespace allowed).
    fn parse(text: &str) -> Result<Self, ValueError> {
        let t = trim_xsd(text);
        let (negative, digits) = match t.as_bytes().first() {
            Some(b'-') => (true, t.get(1..).unwrap_or_default()),
            Some(b'+') => (false, t.get(1..).unwrap_or_default()),
            _ => (false, t),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ValueError::with_reason(
                "integer",
                "expected an optional sign and decimal digits",
            ));
        }
        let significant = digits.trim_start_matches('0');
        if significant.is_empty() {
            return Ok(Integer("0".to_owned()));
        }
        let mut s = String::with_capacity(significant.len() + 1);
        if negative {
            s.push('-');
        }
        s.push_str(significant);
        Ok(Integer(s))
    }
}

impl Default for Integer {
    fn default() -> Self {
        Integer("0".to_owned())
    }
}

impl FromStr for Integer {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Integer::parse(s)
    }
}

impl From<i64> for Integer {
    fn from(v: i64) -> Self {
        let mut s = String::with_capacity(20);
        push_i64(&mut s, v);
        Integer(s)
    }
}

impl From<i32> for Integer {
    fn from(v: i32) -> Self {
        Integer::from(i64::from(v))
    }
}

impl From<u64> for Integer {
    fn from(v: u64) -> Self {
        Integer(v.to_string())
    }
}

impl fmt::Display for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Ord for Integer {
    /// Numeric order (the text is canonical, so sign, length and digits decide).
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.is_negative(), other.is_negative()) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => magnitude(&self.0).cmp(&magnitude(&other.0)),
            (true, true) => magnitude(&other.0).cmp(&magnitude(&self.0)),
        }
    }
}

/// Digit count and digits of a canonical integer text (sign removed): comparing these tuples
/// compares magnitudes.
fn magnitude(s: &str) -> (usize, &str) {
    let d = s.trim_start_matches('-');
    (d.len(), d)
}

impl PartialOrd for Integer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl SimpleValue for Integer {
    #[inline]
    fn write_text(&self, w: &mut XmlWriter) {
        w.raw(&self.0);
    }

    #[inline]
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Integer::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        s.parse::<Integer>()
            .map(|i| i.to_string())
            .unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn canonicalises() {
        assert_eq!(canon("+007"), "7");
        assert_eq!(canon("-0"), "0");
        assert_eq!(canon("-000"), "0");
        assert_eq!(canon("000"), "0");
        assert_eq!(canon(" -0042 \n"), "-42");
        assert_eq!(
            canon("12345678901234567890123456789012345678901234567890"),
            "12345678901234567890123456789012345678901234567890"
        );
    }

    #[test]
    fn rejects_non_integers() {
        for bad in ["", "+", "-", "1.0", "1e3", "0x10", "1 2", "٣", "--1", "+-1"] {
            assert!(bad.parse::<Integer>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn converts_to_i64_when_it_fits() {
        assert_eq!(Integer::from(i64::MIN).to_i64(), Some(i64::MIN));
        assert_eq!(Integer::from(42i32).as_str(), "42");
        assert_eq!(
            "9223372036854775808"
                .parse::<Integer>()
                .ok()
                .and_then(|i| i.to_i64()),
            None
        );
        assert_eq!(Integer::from(u64::MAX).to_string(), "18446744073709551615");
    }

    #[test]
    fn orders_numerically() {
        let mut v: Vec<Integer> = ["10", "-3", "2", "-20", "0", "100000000000000000000000"]
            .iter()
            .filter_map(|s| s.parse().ok())
            .collect();
        v.sort();
        let s: Vec<&str> = v.iter().map(Integer::as_str).collect();
        assert_eq!(s, ["-20", "-3", "0", "2", "10", "100000000000000000000000"]);
    }
}
