//! `xs:dateTime`: [`XsdDateTime`] (what generated code uses) and `chrono::DateTime<FixedOffset>`.
//!
//! Read: every lexical form XML Schema 1.0 allows:
//! `[-]YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]`, surrounding whitespace ignored, `24:00:00`
//! meaning midnight at the end of the day, offsets up to ±14:00. A value **without** a time
//! zone is a different value in XML Schema (a "local" time whose zone is unknown), not UTC:
//! [`XsdDateTime`] keeps it without one; `DateTime<FixedOffset>`, which cannot, rejects it.
//! Years follow XML Schema 1.0: there is no year `0000`, and `-0001` is the year before
//! `0001` (chrono's year 0).
//!
//! Written: `YYYY-MM-DDThh:mm:ss[.fraction][±hh:mm]` — the offset numeric (`+00:00`, not `Z`,
//! matching what Marketo's own samples send) and absent exactly when the value has none; the
//! fraction only when the value has sub-second precision (trailing zeros dropped). Nothing
//! is written that the reader above (or XML Schema) would reject, and nothing moves the
//! instant: an offset XML Schema cannot express (beyond ±14:00, or with seconds) is written
//! as the same instant in UTC.

use std::fmt;

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone,
    Timelike, Utc,
};

use super::number::{push_padded, trim_xsd};
use super::{SimpleValue, ValueError, XmlWriter};

const XSD: &str = "dateTime";

/// Largest offset XML Schema allows (14 hours), in seconds.
const MAX_OFFSET_SECONDS: i32 = 14 * 3600;

/// An `xs:dateTime` value: a date and time of day, with the time zone offset it was given, or
/// none ("local" time, zone unknown — XML Schema keeps such values apart from UTC ones).
///
/// On the wire: `2013-08-02T15:47:06-07:00`, `2013-08-02T22:47:06.12+00:00`, or without a
/// zone `2000-01-01T00:00:00`. A value read is written back in the same form (`Z` becomes
/// `+00:00`, `24:00:00` the next day's `00:00:00`, both the same value).
///
/// Build one from chrono: `XsdDateTime::from(Utc::now())`,
/// `XsdDateTime::from(DateTime::<FixedOffset>)`, `XsdDateTime::from(NaiveDateTime)` (no zone).
/// Read one as chrono: [`XsdDateTime::to_fixed_offset`] / [`XsdDateTime::to_utc`] (`None`
/// without a zone), or [`XsdDateTime::and_offset`] to place a zoneless value.
///
/// Equality compares the written form (local date-time and offset), so `15:47-07:00` and
/// `22:47+00:00` differ; compare [`XsdDateTime::to_utc`] for the same instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct XsdDateTime {
    local: NaiveDateTime,
    offset: Option<FixedOffset>,
}

impl XsdDateTime {
    /// A value without a time zone (`2000-01-01T00:00:00`).
    pub fn local(local: NaiveDateTime) -> Self {
        Self {
            local,
            offset: None,
        }
    }

    /// The date and time of day as written (in the value's own offset, if any).
    pub fn naive_local(&self) -> NaiveDateTime {
        self.local
    }

    /// The offset as written; `None` for a value without a time zone.
    pub fn offset(&self) -> Option<FixedOffset> {
        self.offset
    }

    /// The instant with its offset; `None` for a value without a time zone.
    pub fn to_fixed_offset(&self) -> Option<DateTime<FixedOffset>> {
        let offset = self.offset?;
        offset.from_local_datetime(&self.local).single()
    }

    /// The instant in UTC; `None` for a value without a time zone.
    pub fn to_utc(&self) -> Option<DateTime<Utc>> {
        self.to_fixed_offset().map(|dt| dt.with_timezone(&Utc))
    }

    /// The instant, taking a value without a time zone to be in `assumed` (a value with one
    /// keeps its own).
    pub fn and_offset(&self, assumed: FixedOffset) -> DateTime<FixedOffset> {
        let offset = self.offset.unwrap_or(assumed);
        // A fixed offset maps every local time to exactly one instant.
        offset
            .from_local_datetime(&self.local)
            .single()
            .unwrap_or_else(|| DateTime::from_naive_utc_and_offset(self.local, offset))
    }
}

/// Keeps the offset when XML Schema can write it (whole minutes, at most ±14:00), else the
/// same instant in UTC: the value never moves.
impl<Tz: TimeZone> From<DateTime<Tz>> for XsdDateTime {
    fn from(value: DateTime<Tz>) -> Self {
        let fixed = value.fixed_offset();
        let seconds = fixed.offset().local_minus_utc();
        if seconds % 60 == 0 && seconds.abs() <= MAX_OFFSET_SECONDS {
            Self {
                local: fixed.naive_local(),
                offset: Some(*fixed.offset()),
            }
        } else {
            Self {
                local: fixed.naive_utc(),
                offset: Some(FixedOffset::east_opt(0).unwrap_or(*fixed.offset())),
            }
        }
    }
}

/// A value without a time zone.
impl From<NaiveDateTime> for XsdDateTime {
    fn from(local: NaiveDateTime) -> Self {
        Self::local(local)
    }
}

/// The XML Schema form, as written on the wire.
impl fmt::Display for XsdDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::with_capacity(32);
        write_xsd(&mut out, self);
        f.write_str(&out)
    }
}

impl SimpleValue for XsdDateTime {
    fn write_text(&self, w: &mut XmlWriter) {
        write_xsd(w.buffer(), self);
    }

    fn parse_text(text: &str) -> Result<Self, ValueError> {
        parse_xsd(trim_xsd(text))
    }
}

/// Written through [`XsdDateTime`], so an offset XML Schema cannot express is written as the
/// same instant in UTC. A value without a time zone cannot be read into this type (it has no
/// instant); generated code uses [`XsdDateTime`], which keeps it.
impl SimpleValue for DateTime<FixedOffset> {
    fn write_text(&self, w: &mut XmlWriter) {
        write_xsd(w.buffer(), &XsdDateTime::from(*self));
    }

    fn parse_text(text: &str) -> Result<Self, ValueError> {
        parse_xsd(trim_xsd(text))?
            .to_fixed_offset()
            .ok_or_else(|| invalid("no time zone (read it as XsdDateTime)"))
    }
}

fn write_xsd(out: &mut String, value: &XsdDateTime) {
    let dt = value.local;
    // XML Schema 1.0 has no year 0: chrono's year 0 is `-0001`, its -1 is `-0002`, and so on.
    let year = dt.year();
    if year <= 0 {
        out.push('-');
        push_padded(out, year.unsigned_abs() + 1, 4);
    } else {
        push_padded(out, year.unsigned_abs(), 4);
    }
    out.push('-');
    push_padded(out, dt.month(), 2);
    out.push('-');
    push_padded(out, dt.day(), 2);
    out.push('T');
    push_padded(out, dt.hour(), 2);
    out.push(':');
    push_padded(out, dt.minute(), 2);
    out.push(':');
    push_padded(out, dt.second(), 2);
    // A leap second is carried as nanoseconds >= 1e9; XML Schema has no second 60, so it is
    // written as the last fraction of second 59.
    let nanos = dt.nanosecond() % 1_000_000_000;
    if nanos != 0 {
        let mut digits = 9;
        let mut n = nanos;
        while n.is_multiple_of(10) {
            n /= 10;
            digits -= 1;
        }
        out.push('.');
        push_padded(out, n, digits);
    }
    if let Some(offset) = value.offset {
        // Whole minutes within ±14:00: `From` and the reader only make such offsets.
        let offset = offset.local_minus_utc();
        out.push(if offset < 0 { '-' } else { '+' });
        let minutes = offset.unsigned_abs() / 60;
        push_padded(out, minutes / 60, 2);
        out.push(':');
        push_padded(out, minutes % 60, 2);
    }
}

fn invalid(reason: &'static str) -> ValueError {
    ValueError::with_reason(XSD, reason)
}

/// Takes exactly `n` ASCII digits from the front of `s`.
fn digits(s: &str, n: usize) -> Result<(u32, &str), ValueError> {
    let head = s.get(..n).ok_or_else(|| invalid("too short"))?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid("expected digits"));
    }
    let v = head.parse().map_err(|_| invalid("expected digits"))?;
    Ok((v, s.get(n..).unwrap_or_default()))
}

fn expect_char(s: &str, c: char) -> Result<&str, ValueError> {
    s.strip_prefix(c)
        .ok_or_else(|| invalid("expected YYYY-MM-DDThh:mm:ss"))
}

fn parse_xsd(s: &str) -> Result<XsdDateTime, ValueError> {
    if s.is_empty() {
        return Err(invalid("empty"));
    }
    // Year: optional '-', at least four digits.
    let (negative, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let year_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if year_len < 4 || (year_len > 4 && rest.starts_with('0')) {
        return Err(invalid("year needs four or more digits"));
    }
    let (year, rest) = digits(rest, year_len)?;
    if year == 0 {
        return Err(invalid("there is no year 0000"));
    }
    let year = i32::try_from(year).map_err(|_| invalid("year out of range"))?;
    // `-0001` is the year before `0001`: chrono's year 0.
    let year = if negative { 1 - year } else { year };
    let rest = expect_char(rest, '-')?;
    let (month, rest) = digits(rest, 2)?;
    let rest = expect_char(rest, '-')?;
    let (day, rest) = digits(rest, 2)?;
    let rest = expect_char(rest, 'T')?;
    let (hour, rest) = digits(rest, 2)?;
    let rest = expect_char(rest, ':')?;
    let (minute, rest) = digits(rest, 2)?;
    let rest = expect_char(rest, ':')?;
    let (second, mut rest) = digits(rest, 2)?;
    let mut nanos = 0u32;
    if let Some(frac) = rest.strip_prefix('.') {
        let len = frac.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            return Err(invalid("empty fraction of a second"));
        }
        // Digits beyond nanoseconds are dropped (truncation, not rounding).
        let kept = frac.get(..len.min(9)).unwrap_or_default();
        let (v, _) = digits(kept, kept.len())?;
        nanos = v * 10u32.pow(9 - kept.len() as u32);
        rest = frac.get(len..).unwrap_or_default();
    }
    let offset_seconds = match rest {
        "" => None,
        "Z" => Some(0),
        _ => {
            let (sign, r) = match rest.as_bytes().first() {
                Some(b'+') => (1, rest.get(1..).unwrap_or_default()),
                Some(b'-') => (-1, rest.get(1..).unwrap_or_default()),
                _ => return Err(invalid("expected Z or a ±hh:mm offset")),
            };
            let (oh, r) = digits(r, 2)?;
            let r = expect_char(r, ':')?;
            let (om, r) = digits(r, 2)?;
            if !r.is_empty() || oh > 14 || om > 59 || (oh == 14 && om != 0) {
                return Err(invalid("expected Z or a ±hh:mm offset"));
            }
            Some(sign * i32::try_from(oh * 3600 + om * 60).map_err(|_| invalid("bad offset"))?)
        }
    };
    let offset = offset_seconds
        .map(|seconds| FixedOffset::east_opt(seconds).ok_or_else(|| invalid("bad offset")))
        .transpose()?;
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| invalid("no such date"))?;
    let naive = if hour == 24 && minute == 0 && second == 0 && nanos == 0 {
        // 24:00:00 is the first instant of the next day.
        NaiveDateTime::new(date, NaiveTime::MIN)
            .checked_add_signed(TimeDelta::days(1))
            .ok_or_else(|| invalid("date out of range"))?
    } else {
        let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
            .filter(|_| second < 60)
            .ok_or_else(|| invalid("no such time"))?;
        NaiveDateTime::new(date, time)
    };
    // The instant must exist (chrono's range is narrower than XML Schema's unbounded years).
    if let Some(offset) = offset {
        naive
            .and_local_timezone(offset)
            .single()
            .ok_or_else(|| invalid("date out of range"))?;
    }
    Ok(XsdDateTime {
        local: naive,
        offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<DateTime<FixedOffset>, ValueError> {
        DateTime::<FixedOffset>::parse_text(s)
    }

    fn parse_xsd_value(s: &str) -> Result<XsdDateTime, ValueError> {
        XsdDateTime::parse_text(s)
    }

    fn written<T: SimpleValue>(value: &T) -> String {
        let mut w = XmlWriter::new("urn:t");
        value.write_text(&mut w);
        w.into_string()
    }

    fn offset(seconds: i32) -> FixedOffset {
        FixedOffset::east_opt(seconds).unwrap_or_else(|| panic!("offset {seconds}"))
    }

    fn at(year: i32, seconds_offset: i32) -> DateTime<FixedOffset> {
        let local = NaiveDate::from_ymd_opt(year, 3, 15)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap_or_else(|| panic!("year {year}"));
        offset(seconds_offset)
            .from_local_datetime(&local)
            .single()
            .unwrap_or_else(|| panic!("year {year}"))
    }

    #[test]
    fn accepts_the_forms_servers_send() {
        let a = parse("2013-08-02T15:47:06-07:00").expect("offset form");
        assert_eq!(a.offset().local_minus_utc(), -7 * 3600);
        assert_eq!(written(&a), "2013-08-02T15:47:06-07:00");

        let z = parse(" 2013-08-02T22:47:06Z\n").expect("Z form");
        assert_eq!(z, a);
        assert_eq!(written(&z), "2013-08-02T22:47:06+00:00");

        let ms = parse("2013-08-02T22:47:06.120+00:00").expect("fraction");
        assert_eq!(ms.timestamp_subsec_millis(), 120);
        assert_eq!(written(&ms), "2013-08-02T22:47:06.12+00:00");

        let long_frac = parse("2013-08-02T22:47:06.1234567891234Z").expect("long fraction");
        assert_eq!(long_frac.timestamp_subsec_nanos(), 123_456_789);

        let midnight = parse("2013-08-02T24:00:00Z").expect("24:00");
        assert_eq!(written(&midnight), "2013-08-03T00:00:00+00:00");
    }

    #[test]
    fn a_value_without_a_time_zone_stays_without_one() {
        let local = parse_xsd_value("2000-01-01T00:00:00").expect("no zone");
        assert_eq!(local.offset(), None);
        assert_eq!(local.to_utc(), None);
        assert_eq!(written(&local), "2000-01-01T00:00:00");
        assert_eq!(local.to_string(), "2000-01-01T00:00:00");
        assert_eq!(
            local.and_offset(offset(3600)),
            parse("2000-01-01T00:00:00+01:00").expect("zoned")
        );
        let utc = parse_xsd_value("2000-01-01T00:00:00Z").expect("UTC");
        assert_ne!(local, utc, "XML Schema keeps local and UTC values apart");
        assert_eq!(written(&utc), "2000-01-01T00:00:00+00:00");
        // chrono's DateTime has no way to say "no zone": it refuses rather than invent one.
        assert!(parse("2000-01-01T00:00:00").is_err());
    }

    #[test]
    fn offsets_xml_schema_cannot_write_keep_the_instant_in_utc() {
        for seconds in [
            15 * 3600,
            -(14 * 3600 + 60),
            5 * 3600 + 30 * 60 + 15,
            -59,
            86_399,
        ] {
            let value = at(2020, seconds);
            for text in [written(&value), written(&XsdDateTime::from(value))] {
                let back = parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
                assert_eq!(back, value, "{text} moved the instant of {value}");
                assert!(text.ends_with("+00:00"), "{text}");
            }
        }
        for seconds in [14 * 3600, -14 * 3600, 5 * 3600 + 45 * 60, 0] {
            let value = at(2020, seconds);
            let back = parse(&written(&value)).expect("representable offset");
            assert_eq!(back.offset(), value.offset(), "{value}");
        }
    }

    #[test]
    fn years_follow_xml_schema_which_has_no_year_zero() {
        assert!(parse("0000-01-01T00:00:00Z").is_err());
        assert!(parse("-0000-01-01T00:00:00Z").is_err());
        assert_eq!(written(&at(0, 0)), "-0001-03-15T12:00:00+00:00");
        assert_eq!(written(&at(-1, 0)), "-0002-03-15T12:00:00+00:00");
        assert_eq!(written(&at(1, 0)), "0001-03-15T12:00:00+00:00");
        let before_one = parse("-0001-12-31T23:59:59Z").expect("1 BCE");
        let year_one = parse("0001-01-01T00:00:00Z").expect("1 CE");
        assert_eq!(year_one - before_one, TimeDelta::seconds(1));
        for year in [-262_000, -45, -1, 0, 1, 9999, 10_000, 262_000] {
            for seconds in [0, 14 * 3600, -14 * 3600, 15 * 3600 + 7] {
                let value = at(year, seconds);
                let text = written(&value);
                assert_eq!(
                    parse(&text),
                    Ok(value),
                    "{text} does not read back as {value}"
                );
            }
        }
    }

    #[test]
    fn rejects_malformed_values() {
        for bad in [
            "",
            "2013-08-02",
            "2013-8-02T22:47:06Z",
            "2013-08-02 22:47:06Z",
            "2013-02-30T00:00:00Z",
            "2013-08-02T25:00:00Z",
            "2013-08-02T22:60:00Z",
            "2013-08-02T22:47:06.Z",
            "2013-08-02T22:47:06+0700",
            "2013-08-02T22:47:06+15:00",
            "2013-08-02T22:47:06+14:01",
            "2013-08-02T22:47:06Zjunk",
            "abcd-08-02T22:47:06Z",
            "2013-08-02T22:47:06−07:00",
            "0000-08-02T22:47:06Z",
        ] {
            assert!(parse_xsd_value(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn round_trips_every_form_as_it_came() {
        for s in [
            "2026-11-28T13:09:35+05:30",
            "1999-12-31T23:59:59.999999999-12:00",
            "0001-01-01T00:00:00+00:00",
            "2013-06-09T14:04:54-08:00",
            "12345-01-01T00:00:00+00:00",
            "-0044-03-15T12:00:00+00:00",
            "2000-01-01T00:00:00",
            "2013-08-02T22:47:06.5",
            "-0001-01-01T00:00:00",
            "2000-01-01T00:00:00+14:00",
            "2000-01-01T00:00:00-14:00",
        ] {
            let v = parse_xsd_value(s).expect(s);
            assert_eq!(written(&v), s);
            assert_eq!(parse_xsd_value(&written(&v)), Ok(v));
        }
    }
}
