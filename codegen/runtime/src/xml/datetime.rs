//! `xs:dateTime` as `chrono::DateTime<FixedOffset>`.
//!
//! Accepted: `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]`, surrounding whitespace ignored, and
//! `24:00:00` meaning midnight at the end of the day. A value **without** an offset is taken as
//! UTC: XML Schema calls such values "local" with an unknown zone, Marketo documents and sends
//! offsets everywhere, and UTC is the least surprising reading for a value we must place on the
//! time line.
//!
//! Written: `YYYY-MM-DDThh:mm:ss[.fraction]±hh:mm` — the offset is always numeric (`+00:00`, not
//! `Z`, matching what Marketo's own samples send) and the fraction only appears when the value has
//! sub-second precision (trailing zeros dropped).

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike,
};

use super::number::{push_padded, trim_xsd};
use super::{SimpleValue, ValueError, XmlWriter};

const XSD: &str = "dateTime";

impl SimpleValue for DateTime<FixedOffset> {
    fn write_text(&self, w: &mut XmlWriter) {
        write_datetime(w.buffer(), self);
    }

    fn parse_text(text: &str) -> Result<Self, ValueError> {
        parse_datetime(trim_xsd(text))
    }
}

fn write_datetime(out: &mut String, dt: &DateTime<FixedOffset>) {
    let year = dt.year();
    if year < 0 {
        out.push('-');
    }
    push_padded(out, year.unsigned_abs(), 4);
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
        while n % 10 == 0 {
            n /= 10;
            digits -= 1;
        }
        out.push('.');
        push_padded(out, n, digits);
    }
    let offset = dt.offset().local_minus_utc();
    out.push(if offset < 0 { '-' } else { '+' });
    let minutes = offset.unsigned_abs() / 60;
    push_padded(out, minutes / 60, 2);
    out.push(':');
    push_padded(out, minutes % 60, 2);
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

fn parse_datetime(s: &str) -> Result<DateTime<FixedOffset>, ValueError> {
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
    let year = i32::try_from(year).map_err(|_| invalid("year out of range"))?;
    let year = if negative { -year } else { year };
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
        "" | "Z" => 0,
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
            sign * i32::try_from(oh * 3600 + om * 60).map_err(|_| invalid("bad offset"))?
        }
    };
    let offset = FixedOffset::east_opt(offset_seconds).ok_or_else(|| invalid("bad offset"))?;
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
    naive
        .and_local_timezone(offset)
        .single()
        .ok_or_else(|| invalid("date out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<DateTime<FixedOffset>, ValueError> {
        DateTime::<FixedOffset>::parse_text(s)
    }

    fn written(dt: &DateTime<FixedOffset>) -> String {
        let mut w = XmlWriter::new("urn:t");
        dt.write_text(&mut w);
        w.into_string()
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

        let local = parse("2013-08-02T22:47:06").expect("no offset");
        assert_eq!(local, z, "no offset is read as UTC");
        assert_eq!(local.offset().local_minus_utc(), 0);

        let long_frac = parse("2013-08-02T22:47:06.1234567891234Z").expect("long fraction");
        assert_eq!(long_frac.timestamp_subsec_nanos(), 123_456_789);

        let midnight = parse("2013-08-02T24:00:00Z").expect("24:00");
        assert_eq!(written(&midnight), "2013-08-03T00:00:00+00:00");
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
            "2013-08-02T22:47:06Zjunk",
            "abcd-08-02T22:47:06Z",
            "2013-08-02T22:47:06−07:00",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn round_trips_offsets_and_fractions() {
        for s in [
            "2026-11-28T13:09:35+05:30",
            "1999-12-31T23:59:59.999999999-12:00",
            "0001-01-01T00:00:00+00:00",
            "2013-06-09T14:04:54-08:00",
            "12345-01-01T00:00:00+00:00",
            "-0044-03-15T12:00:00+00:00",
        ] {
            let v = parse(s).expect(s);
            assert_eq!(written(&v), s);
            assert_eq!(parse(&written(&v)), Ok(v));
        }
    }
}
