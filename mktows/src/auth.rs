//! The signed `AuthenticationHeader` every Marketo call carries.
//!
//! Wire form (SOAP header, element qualified in the mktows namespace, children unqualified):
//! ```xml
//! <ns1:AuthenticationHeader>
//!   <mktowsUserId>demo17_1_809934544BFABAE58E5D27</mktowsUserId>
//!   <requestSignature>146ec93f4f1e2a45f7a545f7e42e2d053c0457e7</requestSignature>
//!   <requestTimestamp>2013-08-02T15:47:06-07:00</requestTimestamp>
//! </ns1:AuthenticationHeader>
//! ```
//! `requestSignature` = lower-case hex HMAC-SHA1, keyed with the encryption key, over
//! `requestTimestamp` immediately followed by the user id (timestamp first, no separator).
//! The signature covers neither the body nor the operation, so it is cheap to make and the
//! runtime signs afresh for every attempt.

use chrono::{DateTime, FixedOffset, Timelike};
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

use crate::secret::SecretKey;
use crate::xml::{Name, XmlEncode, XmlWriter, XsdDateTime};

type HmacSha1 = Hmac<Sha1>;

/// Local name of the SOAP header element carrying the credentials.
pub const AUTHENTICATION_HEADER: &str = "AuthenticationHeader";

/// Formats a timestamp the way Marketo documents it: W3C date-time with a numeric offset and
/// no fractional seconds, e.g. `2013-08-02T15:47:06-07:00` (UTC is `+00:00`, never `Z`).
/// Written as an `xs:dateTime` ([`XsdDateTime`]): an offset that form cannot carry (beyond
/// ±14:00, or with seconds) is written as the same instant in UTC, so a clock with an odd
/// offset never signs a moved or unreadable time.
pub fn format_timestamp(time: &DateTime<FixedOffset>) -> String {
    let whole_seconds = time.with_nanosecond(0).unwrap_or(*time);
    XsdDateTime::from(whole_seconds).to_string()
}

fn keyed_mac(key: &SecretKey, timestamp: &str, user_id: &str) -> HmacSha1 {
    // HMAC takes keys of any length (long keys are hashed, short ones padded), so this
    // constructor cannot fail; the `Err` arm exists only because the trait is generic.
    let mut mac = match HmacSha1::new_from_slice(key.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC-SHA1 accepts keys of every length"),
    };
    mac.update(timestamp.as_bytes());
    mac.update(user_id.as_bytes());
    mac
}

/// The `requestSignature` for a timestamp (exactly as sent) and user id: 40 lower-case hex
/// digits of HMAC-SHA1(key, timestamp + user_id).
pub fn sign(key: &SecretKey, timestamp: &str, user_id: &str) -> String {
    hex::encode(keyed_mac(key, timestamp, user_id).finalize().into_bytes())
}

/// Checks a received `requestSignature` (server side, e.g. the simulator) in constant time.
/// Accepts upper- or lower-case hex; anything that is not 40 hex digits is rejected.
pub fn verify_signature(key: &SecretKey, timestamp: &str, user_id: &str, signature: &str) -> bool {
    let Ok(bytes) = hex::decode(signature) else {
        return false;
    };
    keyed_mac(key, timestamp, user_id)
        .verify_slice(&bytes)
        .is_ok()
}

/// The three values of one signed `AuthenticationHeader`, made for one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeader {
    /// `mktowsUserId`: the "Access Key" / client access id.
    pub user_id: String,
    /// `requestSignature`: lower-case hex HMAC-SHA1.
    pub signature: String,
    /// `requestTimestamp`, exactly as signed.
    pub timestamp: String,
}

impl SignedHeader {
    /// Signs `user_id` at `time`.
    pub fn new(key: &SecretKey, user_id: &str, time: &DateTime<FixedOffset>) -> Self {
        let timestamp = format_timestamp(time);
        Self {
            signature: sign(key, &timestamp, user_id),
            user_id: user_id.to_owned(),
            timestamp,
        }
    }
}

/// Content of `AuthenticationHeader`: `mktowsUserId`, `requestSignature`, `requestTimestamp`,
/// in that order, unqualified.
impl XmlEncode for SignedHeader {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.simple(Name::unqualified("mktowsUserId"), &self.user_id);
        w.simple(Name::unqualified("requestSignature"), &self.signature);
        w.simple(Name::unqualified("requestTimestamp"), &self.timestamp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_never_move_the_instant_or_leave_what_xml_schema_allows() {
        use chrono::TimeZone;
        let instant = |offset_seconds: i32| {
            FixedOffset::east_opt(offset_seconds)
                .and_then(|offset| offset.with_ymd_and_hms(2013, 8, 2, 15, 47, 6).single())
                .unwrap_or_else(|| panic!("offset {offset_seconds}"))
        };
        for offset in [
            -7 * 3600,
            0,
            5 * 3600 + 30 * 60 + 15,
            15 * 3600,
            -(14 * 3600 + 60),
        ] {
            let time = instant(offset);
            let text = format_timestamp(&time);
            let back =
                DateTime::parse_from_rfc3339(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(back, time, "{text} is not {time}");
            let zone = back.offset().local_minus_utc();
            assert!(zone.abs() <= 14 * 3600 && zone % 60 == 0, "{text}");
        }
        assert_eq!(
            format_timestamp(&instant(-7 * 3600)),
            "2013-08-02T15:47:06-07:00"
        );
        let with_fraction = instant(0) + chrono::TimeDelta::milliseconds(250);
        assert_eq!(
            format_timestamp(&with_fraction),
            "2013-08-02T15:47:06+00:00"
        );
    }

    const USER: &str = "demo17_1_809934544BFABAE58E5D27";
    const KEY: &str = "27272727aa";

    /// Every signature in the Marketo documentation made with the sample credentials
    /// (`demo17_1_809934544BFABAE58E5D27` / `27272727aa`): request timestamp and the
    /// `requestSignature` printed next to it in the docs' example requests.
    const DOCUMENTED_VECTORS: [(&str, &str); 18] = [
        (
            "2013-08-01T18:22:30-07:00",
            "b5e21953ae9f1b263e644da5eccce9ff33802513",
        ),
        (
            "2013-08-02T15:47:06-07:00",
            "146ec93f4f1e2a45f7a545f7e42e2d053c0457e7",
        ),
        (
            "2013-08-02T17:22:53-07:00",
            "59e88471266a7495590941586ef6a96849ea8e11",
        ),
        (
            "2013-08-05T09:57:10-07:00",
            "0737b707c4022bb90122e7a1dbc79a2dbfbcd5ca",
        ),
        (
            "2013-08-05T11:01:07-07:00",
            "d27074cb49414b3410fd7ab58b5945c3e86d28d4",
        ),
        (
            "2013-08-05T11:08:02-07:00",
            "d4bebb327d734bc517851f4b93d488cf4498be81",
        ),
        (
            "2013-08-05T11:21:17-07:00",
            "1538ddb4e5208ac2feeb431e9b2b22caecc1de3f",
        ),
        (
            "2013-08-05T11:33:06-07:00",
            "75864de9b56d7b373b32ec5b80a7f846b49137ea",
        ),
        (
            "2013-08-05T13:03:58-07:00",
            "3f1becf66fac77423fa7af0710f710f9adefb3fc",
        ),
        (
            "2013-08-05T14:22:45-07:00",
            "40e6d89bd2f7f0daaddaf150ce7a7ca49788ffe7",
        ),
        (
            "2013-08-05T14:33:48-07:00",
            "ed4c982dfbb3d569cdda1b658ab3eb97452e1df7",
        ),
        (
            "2013-08-05T14:56:58-07:00",
            "17bf0b9e412e58eec836dc557ca9433f666944b6",
        ),
        (
            "2013-08-05T15:58:38-07:00",
            "ab61065aa420ecdc78936fd4940b8e2e96252c4f",
        ),
        (
            "2013-08-05T16:34:19-07:00",
            "9890d974aa58ccb96d7a0a3166573f6436c883dd",
        ),
        (
            "2013-08-20T10:26:07-07:00",
            "ca67d597ced5bfce7f638e96204d6e1f38d3ffe7",
        ),
        (
            "2013-08-20T11:18:12-07:00",
            "974ad482f5625657d82f38ee1522b69f0d6bc715",
        ),
        (
            "2013-08-20T11:42:32-07:00",
            "a975513bb547bc4a5766a54f6f30e7319eb9811f",
        ),
        (
            "2013-08-20T13:32:02-07:00",
            "cdea055214cc726b651dc44ef694e1db4babfcb1",
        ),
    ];

    #[test]
    fn canonical_documented_vector() {
        let key = SecretKey::new(KEY);
        assert_eq!(
            sign(&key, "2013-08-02T15:47:06-07:00", USER),
            "146ec93f4f1e2a45f7a545f7e42e2d053c0457e7"
        );
    }

    #[test]
    fn all_documented_vectors() {
        let key = SecretKey::new(KEY);
        for (timestamp, expected) in DOCUMENTED_VECTORS {
            assert_eq!(
                sign(&key, timestamp, USER),
                expected,
                "timestamp {timestamp}"
            );
            assert!(verify_signature(&key, timestamp, USER, expected));
        }
    }

    #[test]
    fn signed_header_formats_the_timestamp_then_signs_it() {
        let key = SecretKey::new(KEY);
        let time = DateTime::parse_from_rfc3339("2013-08-02T15:47:06.987-07:00")
            .unwrap_or_else(|e| panic!("fixture: {e}"));
        let header = SignedHeader::new(&key, USER, &time);
        assert_eq!(header.timestamp, "2013-08-02T15:47:06-07:00");
        assert_eq!(header.signature, "146ec93f4f1e2a45f7a545f7e42e2d053c0457e7");
        assert_eq!(header.user_id, USER);
    }

    #[test]
    fn order_matters_and_wrong_inputs_do_not_verify() {
        let key = SecretKey::new(KEY);
        let ts = "2013-08-02T15:47:06-07:00";
        let good = "146ec93f4f1e2a45f7a545f7e42e2d053c0457e7";
        // user id first is not the documented algorithm
        let reversed = hex::encode(keyed_mac(&key, USER, ts).finalize().into_bytes());
        assert_ne!(reversed, good);
        assert!(!verify_signature(
            &SecretKey::new("27272727ab"),
            ts,
            USER,
            good
        ));
        assert!(!verify_signature(
            &key,
            "2013-08-02T15:47:07-07:00",
            USER,
            good
        ));
        assert!(!verify_signature(&key, ts, USER, "not hex"));
        assert!(!verify_signature(&key, ts, USER, &good[..38]));
        assert!(verify_signature(&key, ts, USER, &good.to_uppercase()));
    }

    #[test]
    fn utc_is_written_with_numeric_offset() {
        let time = DateTime::parse_from_rfc3339("2026-11-28T13:09:36Z")
            .unwrap_or_else(|e| panic!("fixture: {e}"));
        assert_eq!(format_timestamp(&time), "2026-11-28T13:09:36+00:00");
    }
}
