//! `SimpleValue`: text-only values (XML Schema simple types) and the impls for the builtins.

use std::fmt::Write as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::number::{is_xsd_space, push_i64, push_u64, trim_xsd};
use super::{AttributeWriter, ValueError, XmlWriter};

/// The namespace declarations in scope where a value is read, for values whose text names
/// namespaces through prefixes (`xs:QName`).
pub trait PrefixScope {
    /// The namespace bound to `prefix` (`None`: the default namespace); `None` when nothing
    /// is bound (`Some("")`: the default namespace was undeclared).
    fn namespace_of(&self, prefix: Option<&str>) -> Option<&str>;
}

/// The bindings in scope as (prefix, namespace) pairs, outermost first (`""` prefix: the
/// default namespace).
impl PrefixScope for Vec<(&str, &str)> {
    fn namespace_of(&self, prefix: Option<&str>) -> Option<&str> {
        let prefix = prefix.unwrap_or("");
        if prefix == "xml" {
            return Some(super::writer::XML_NS);
        }
        self.iter()
            .rev()
            .find(|(p, _)| *p == prefix)
            .map(|(_, ns)| *ns)
    }
}

/// A value written as element text: strings, numbers, booleans, dates, binary, generated enums.
pub trait SimpleValue: Sized {
    /// Writes the value as (escaped) text.
    fn write_text(&self, w: &mut XmlWriter);

    /// Parses the element text (already unescaped; whitespace as in the document).
    fn parse_text(text: &str) -> Result<Self, ValueError>;

    /// Takes text the reader already had to allocate (it contained references or several
    /// pieces) when the value can keep it as is; `Err(text)` hands it back for
    /// [`SimpleValue::parse_text`]. `String` overrides this to avoid a second copy.
    #[inline]
    fn from_owned_text(text: String) -> Result<Self, String> {
        Err(text)
    }

    /// Whether the text may name namespaces through prefixes (`xs:QName`): decoders then read
    /// it with [`SimpleValue::parse_text_in`] and the declarations in scope.
    const NEEDS_NAMESPACES: bool = false;

    /// Parses the text with the namespace declarations in scope where it was read.
    #[inline]
    fn parse_text_in(text: &str, scope: &dyn PrefixScope) -> Result<Self, ValueError> {
        let _ = scope;
        Self::parse_text(text)
    }

    /// Declares, in the start tag being written, the namespaces the text will name (called
    /// before [`SimpleValue::write_text`] for an element's text or an attribute's value).
    #[inline]
    fn declare_namespaces(&self, w: &mut AttributeWriter<'_>) {
        let _ = w;
    }
}

impl SimpleValue for String {
    #[inline]
    fn write_text(&self, w: &mut XmlWriter) {
        w.text(self);
    }

    #[inline]
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Ok(text.to_owned())
    }

    #[inline]
    fn from_owned_text(text: String) -> Result<Self, String> {
        Ok(text)
    }
}

macro_rules! signed_int {
    ($($t:ty => $xsd:literal),*) => {$(
        impl SimpleValue for $t {
            #[inline]
            fn write_text(&self, w: &mut XmlWriter) {
                push_i64(w.buffer(), i64::from(*self));
            }

            #[inline]
            fn parse_text(text: &str) -> Result<Self, ValueError> {
                trim_xsd(text).parse().map_err(|_| ValueError::invalid($xsd))
            }
        }
    )*};
}

macro_rules! unsigned_int {
    ($($t:ty => $xsd:literal),*) => {$(
        impl SimpleValue for $t {
            #[inline]
            fn write_text(&self, w: &mut XmlWriter) {
                push_u64(w.buffer(), u64::from(*self));
            }

            #[inline]
            fn parse_text(text: &str) -> Result<Self, ValueError> {
                let t = trim_xsd(text);
                // XSD allows "-0" for unsigned types; Rust's parser does not.
                let t = match t.strip_prefix('-') {
                    Some(zeros) if !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') => "0",
                    _ => t,
                };
                t.parse().map_err(|_| ValueError::invalid($xsd))
            }
        }
    )*};
}

signed_int!(i8 => "byte", i16 => "short", i32 => "int", i64 => "long");
unsigned_int!(u8 => "unsignedByte", u16 => "unsignedShort", u32 => "unsignedInt", u64 => "unsignedLong");

impl SimpleValue for bool {
    #[inline]
    fn write_text(&self, w: &mut XmlWriter) {
        w.raw(if *self { "true" } else { "false" });
    }

    #[inline]
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        match trim_xsd(text) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(ValueError::with_reason(
                "boolean",
                "expected true, false, 1 or 0",
            )),
        }
    }
}

/// Parses an `xs:double`/`xs:float` lexical form. Rust's parser also accepts `inf`, `infinity`
/// and `nan` in any case, which XML Schema does not; only `INF`, `+INF`, `-INF` and `NaN` are
/// special here.
fn parse_float<T: std::str::FromStr>(
    text: &str,
    xsd: &'static str,
    inf: T,
    neg_inf: T,
    nan: T,
) -> Result<T, ValueError> {
    match trim_xsd(text) {
        "INF" | "+INF" => Ok(inf),
        "-INF" => Ok(neg_inf),
        "NaN" => Ok(nan),
        t if !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E')) =>
        {
            t.parse().map_err(|_| ValueError::invalid(xsd))
        }
        _ => Err(ValueError::invalid(xsd)),
    }
}

macro_rules! float {
    ($($t:ident => $xsd:literal),*) => {$(
        impl SimpleValue for $t {
            #[inline]
            fn write_text(&self, w: &mut XmlWriter) {
                if self.is_nan() {
                    w.raw("NaN");
                } else if self.is_infinite() {
                    w.raw(if *self > 0.0 { "INF" } else { "-INF" });
                } else {
                    // `Debug` prints the shortest representation that round-trips, using an
                    // exponent for very large/small magnitudes: all valid XML Schema lexical forms.
                    let _ = write!(w.buffer(), "{self:?}");
                }
            }

            #[inline]
            fn parse_text(text: &str) -> Result<Self, ValueError> {
                parse_float(text, $xsd, $t::INFINITY, $t::NEG_INFINITY, $t::NAN)
            }
        }
    )*};
}

float!(f32 => "float", f64 => "double");

/// `xs:base64Binary`: standard alphabet with padding; whitespace inside the text is ignored.
impl SimpleValue for Vec<u8> {
    #[inline]
    fn write_text(&self, w: &mut XmlWriter) {
        BASE64.encode_string(self, w.buffer());
    }

    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let invalid = |_| ValueError::invalid("base64Binary");
        if text.bytes().any(is_xsd_space) {
            let compact: Vec<u8> = text.bytes().filter(|&b| !is_xsd_space(b)).collect();
            BASE64.decode(compact).map_err(invalid)
        } else {
            BASE64.decode(text).map_err(invalid)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written<T: SimpleValue>(v: &T) -> String {
        let mut w = XmlWriter::new("urn:t");
        v.write_text(&mut w);
        w.into_string()
    }

    #[test]
    fn ints_trim_whitespace_and_accept_sign_and_leading_zeros() {
        assert_eq!(i32::parse_text(" \n+007\t"), Ok(7));
        assert_eq!(i32::parse_text("-2147483648"), Ok(i32::MIN));
        assert_eq!(
            i32::parse_text("2147483648"),
            Err(ValueError::invalid("int"))
        );
        assert_eq!(i64::parse_text("abc"), Err(ValueError::invalid("long")));
        assert_eq!(i64::parse_text(""), Err(ValueError::invalid("long")));
        assert_eq!(u32::parse_text("-0"), Ok(0));
        assert!(u32::parse_text("-1").is_err());
        assert_eq!(u64::parse_text(" 18446744073709551615 "), Ok(u64::MAX));
        assert_eq!(written(&-42i32), "-42");
        assert_eq!(written(&u64::MAX), "18446744073709551615");
    }

    #[test]
    fn booleans() {
        for (t, v) in [
            ("true", true),
            ("1", true),
            (" false\n", false),
            ("0", false),
        ] {
            assert_eq!(bool::parse_text(t), Ok(v), "{t:?}");
        }
        for t in ["True", "yes", "", "2"] {
            assert!(bool::parse_text(t).is_err(), "{t:?}");
        }
        assert_eq!(written(&true), "true");
        assert_eq!(written(&false), "false");
    }

    #[test]
    fn floats_use_xsd_special_values() {
        assert_eq!(f64::parse_text("INF"), Ok(f64::INFINITY));
        assert_eq!(f64::parse_text("-INF"), Ok(f64::NEG_INFINITY));
        assert!(f64::parse_text("NaN").is_ok_and(f64::is_nan));
        assert!(f64::parse_text("inf").is_err());
        assert!(f64::parse_text("nan").is_err());
        assert!(f64::parse_text("infinity").is_err());
        assert_eq!(f64::parse_text(" 1.5e3 "), Ok(1500.0));
        assert_eq!(f32::parse_text(".5"), Ok(0.5));
        assert_eq!(written(&f64::INFINITY), "INF");
        assert_eq!(written(&f64::NEG_INFINITY), "-INF");
        assert_eq!(written(&f64::NAN), "NaN");
        for v in [0.1f64, 1.0, -2.5, 1e300, 5e-324, 123456789.125] {
            assert_eq!(f64::parse_text(&written(&v)), Ok(v));
        }
        assert_eq!(f32::parse_text(&written(&0.1f32)), Ok(0.1f32));
    }

    #[test]
    fn base64_round_trip_and_whitespace_tolerance() {
        let data: Vec<u8> = (0u8..=255).collect();
        let text = written(&data);
        assert_eq!(Vec::<u8>::parse_text(&text), Ok(data));
        assert_eq!(written(&b"hello".to_vec()), "aGVsbG8=");
        assert_eq!(
            Vec::<u8>::parse_text(" aGVs\n bG8=\r\n"),
            Ok(b"hello".to_vec())
        );
        assert_eq!(Vec::<u8>::parse_text(""), Ok(Vec::new()));
        assert!(Vec::<u8>::parse_text("aGVsbG8").is_err());
        assert!(Vec::<u8>::parse_text("a$Vs").is_err());
    }

    #[test]
    fn strings_are_kept_verbatim() {
        assert_eq!(String::parse_text("  a b  "), Ok("  a b  ".to_owned()));
        assert_eq!(written(&"a<b".to_owned()), "a&lt;b");
    }
}
