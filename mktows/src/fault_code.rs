//! The numeric error codes Marketo puts in its SOAP faults.
//!
//! A fault looks like `faultstring = "20014 - Authentication failed"` with
//! `detail/serviceException/code = 20014`. [`FaultCode`] names the 27 documented codes and
//! keeps any other number as [`FaultCode::Unknown`], so a new server code never breaks a client.

use std::fmt;

/// A documented Marketo fault code (see the "Error Codes" page of the SOAP API docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum FaultCode {
    /// 10001 Internal Error: severe system failure.
    InternalError,
    /// 20011 Internal Error: API service failure.
    ServiceFailure,
    /// 20012 Request Not Understood: unexpected SOAP message.
    RequestNotUnderstood,
    /// 20013 Access Denied: the client is blocked from API access.
    AccessDenied,
    /// 20014 Authentication failed: invalid user id or signature.
    AuthenticationFailed,
    /// 20015 Request Limit Exceeded: the daily quota (default 10,000 calls) is used up.
    RequestLimitExceeded,
    /// 20016 Request Expired: the signature is too old; retry with a fresh timestamp and signature.
    RequestExpired,
    /// 20017 Invalid Request: an expected parameter is missing.
    InvalidRequest,
    /// 20019 Unsupported Operation: the operation is not in the WSDL.
    UnsupportedOperation,
    /// 20022 Time range in the query filter exceeded the limit (30 days).
    TimeRangeExceeded,
    /// 20023 Rate Limit Exceeded: more than 100 calls in the past 20 seconds.
    RateLimitExceeded,
    /// 20024 Concurrency Limit Exceeded: more than 10 concurrent calls.
    ConcurrencyLimitExceeded,
    /// 20101 Lead Key Required.
    LeadKeyRequired,
    /// 20102 Lead Key Bad: the LeadKeyType is not valid.
    LeadKeyBad,
    /// 20103 Lead Not Found: the lead key matched no lead.
    LeadNotFound,
    /// 20104 Lead Detail Required: a LeadRecord was required but not provided.
    LeadDetailRequired,
    /// 20105 Lead Attribute Bad: a LeadRecord attribute has a bad name.
    LeadAttributeBad,
    /// 20106 Lead Sync Failed: the LeadRecord could not be created or updated.
    LeadSyncFailed,
    /// 20107 Activity Key Bad: the activity filter contains a bad activity type.
    ActivityKeyBad,
    /// 20108 Lead Owner Not Found.
    LeadOwnerNotFound,
    /// 20109 Parameter Required: a parameter value was null or missing.
    ParameterRequired,
    /// 20110 Bad Parameter: a parameter value is bad.
    BadParameter,
    /// 20111 List Not Found.
    ListNotFound,
    /// 20113 Campaign Not Found.
    CampaignNotFound,
    /// 20114 Bad Parameter (documented separately from 20110 with the same message).
    BadParameterValue,
    /// 20122 Bad Stream Position: restart paging from the beginning.
    BadStreamPosition,
    /// 20123 Stream at End: no more records.
    StreamAtEnd,
    /// Any code not in the documented table.
    Unknown(u32),
}

/// (variant, number, documented message), in numeric order.
const TABLE: [(FaultCode, u32, &str); 27] = [
    (FaultCode::InternalError, 10001, "Internal Error"),
    (FaultCode::ServiceFailure, 20011, "Internal Error"),
    (
        FaultCode::RequestNotUnderstood,
        20012,
        "Request Not Understood",
    ),
    (FaultCode::AccessDenied, 20013, "Access Denied"),
    (
        FaultCode::AuthenticationFailed,
        20014,
        "Authentication failed",
    ),
    (
        FaultCode::RequestLimitExceeded,
        20015,
        "Request Limit Exceeded",
    ),
    (FaultCode::RequestExpired, 20016, "Request Expired"),
    (FaultCode::InvalidRequest, 20017, "Invalid Request"),
    (
        FaultCode::UnsupportedOperation,
        20019,
        "Unsupported Operation",
    ),
    (
        FaultCode::TimeRangeExceeded,
        20022,
        "Time range specified in query filter exceeded limit",
    ),
    (FaultCode::RateLimitExceeded, 20023, "Rate Limit Exceeded"),
    (
        FaultCode::ConcurrencyLimitExceeded,
        20024,
        "Concurrency Limit Exceeded",
    ),
    (FaultCode::LeadKeyRequired, 20101, "Lead Key Required"),
    (FaultCode::LeadKeyBad, 20102, "Lead Key Bad"),
    (FaultCode::LeadNotFound, 20103, "Lead Not Found"),
    (FaultCode::LeadDetailRequired, 20104, "Lead Detail Required"),
    (FaultCode::LeadAttributeBad, 20105, "Lead Attribute Bad"),
    (FaultCode::LeadSyncFailed, 20106, "Lead Sync Failed"),
    (FaultCode::ActivityKeyBad, 20107, "Activity Key Bad"),
    (FaultCode::LeadOwnerNotFound, 20108, "Lead Owner Not Found"),
    (FaultCode::ParameterRequired, 20109, "Parameter Required"),
    (FaultCode::BadParameter, 20110, "Bad Parameter"),
    (FaultCode::ListNotFound, 20111, "List Not Found"),
    (FaultCode::CampaignNotFound, 20113, "Campaign Not Found"),
    (FaultCode::BadParameterValue, 20114, "Bad Parameter"),
    (FaultCode::BadStreamPosition, 20122, "Bad Stream Position"),
    (FaultCode::StreamAtEnd, 20123, "Stream at End"),
];

impl FaultCode {
    /// The variant for a numeric code (`Unknown` for undocumented numbers).
    pub fn from_code(code: u32) -> Self {
        TABLE
            .iter()
            .find(|(_, number, _)| *number == code)
            .map_or(Self::Unknown(code), |(variant, _, _)| *variant)
    }

    /// The numeric code, e.g. 20014.
    pub fn code(self) -> u32 {
        match self {
            Self::Unknown(code) => code,
            known => TABLE
                .iter()
                .find(|(variant, _, _)| *variant == known)
                .map_or(0, |(_, number, _)| *number),
        }
    }

    /// The message the docs give for this code (`None` for unknown codes).
    pub fn documented_message(self) -> Option<&'static str> {
        TABLE
            .iter()
            .find(|(variant, _, _)| *variant == self)
            .map(|(_, _, message)| *message)
    }
}

impl fmt::Display for FaultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.documented_message() {
            Some(message) => write!(f, "{} {message}", self.code()),
            None => write!(f, "{} (undocumented code)", self.code()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_numbers_round_trip() {
        let expected = [
            10001, 20011, 20012, 20013, 20014, 20015, 20016, 20017, 20019, 20022, 20023, 20024,
            20101, 20102, 20103, 20104, 20105, 20106, 20107, 20108, 20109, 20110, 20111, 20113,
            20114, 20122, 20123,
        ];
        for number in expected {
            let code = FaultCode::from_code(number);
            assert!(
                !matches!(code, FaultCode::Unknown(_)),
                "{number} should be named"
            );
            assert_eq!(code.code(), number);
        }
        let distinct: std::collections::BTreeSet<_> =
            expected.iter().map(|n| FaultCode::from_code(*n)).collect();
        assert_eq!(distinct.len(), 27);
    }

    #[test]
    fn named_examples() {
        assert_eq!(FaultCode::from_code(20014), FaultCode::AuthenticationFailed);
        assert_eq!(FaultCode::from_code(20016), FaultCode::RequestExpired);
        assert_eq!(FaultCode::from_code(20023), FaultCode::RateLimitExceeded);
        assert_eq!(
            FaultCode::from_code(20024),
            FaultCode::ConcurrencyLimitExceeded
        );
        assert_eq!(FaultCode::from_code(20113), FaultCode::CampaignNotFound);
    }

    #[test]
    fn unknown_codes_are_kept() {
        assert_eq!(FaultCode::from_code(20018), FaultCode::Unknown(20018));
        assert_eq!(FaultCode::Unknown(20018).code(), 20018);
        assert_eq!(
            FaultCode::Unknown(20018).to_string(),
            "20018 (undocumented code)"
        );
    }

    #[test]
    fn display_names_number_and_message() {
        assert_eq!(
            FaultCode::AuthenticationFailed.to_string(),
            "20014 Authentication failed"
        );
    }
}
