//! Marketo service exceptions as the simulator answers them.
//!
//! Marketo reports every failure as a SOAP 1.1 fault whose `detail` holds
//! `ns1:serviceException{name, message, code}`; the only documented example is
//! `faultcode=SOAP-ENV:Client`, `faultstring="20014 - Authentication failed"`,
//! `message="Authentication failed (20014)"`. The simulator uses that shape for every code:
//! `SOAP-ENV:Client` for request problems, `SOAP-ENV:Server` for the two "Internal Error" codes
//! (Marketo never documented which it uses there; this is our choice).

use std::fmt;

/// A Marketo error code with its message, answered as a SOAP fault with HTTP status 500.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceFault {
    /// The numeric Marketo code (`20014`, `20103`, …).
    pub code: u32,
    /// The message: the documented text, optionally followed by `: <detail>`.
    pub message: String,
}

impl ServiceFault {
    /// The fault with Marketo's documented message for `code`.
    pub fn new(code: u32) -> Self {
        Self {
            code,
            message: standard_message(code).to_owned(),
        }
    }

    /// The fault with the documented message followed by `: detail` (what exactly was wrong).
    pub fn with_detail(code: u32, detail: impl fmt::Display) -> Self {
        Self {
            code,
            message: format!("{}: {detail}", standard_message(code)),
        }
    }

    /// `SOAP-ENV:Server` for the internal-error codes, `SOAP-ENV:Client` otherwise.
    pub fn soap_fault_code(&self) -> &'static str {
        match self.code {
            10001 | 20011 => "SOAP-ENV:Server",
            _ => "SOAP-ENV:Client",
        }
    }

    /// `faultstring` as Marketo writes it: `"<code> - <message>"`.
    pub fn fault_string(&self) -> String {
        format!("{} - {}", self.code, self.message)
    }

    /// `serviceException/message` as Marketo writes it: `"<message> (<code>)"`.
    pub fn detail_message(&self) -> String {
        format!("{} ({})", self.message, self.code)
    }
}

impl fmt::Display for ServiceFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} - {}", self.code, self.message)
    }
}

/// Codes the simulator answers with (subset of Marketo's error-code table).
pub mod codes {
    /// Internal Error (API service failure).
    pub const INTERNAL_ERROR: u32 = 20011;
    /// Request Not Understood (unexpected SOAP message).
    pub const REQUEST_NOT_UNDERSTOOD: u32 = 20012;
    /// Authentication failed (bad signature or unknown user id).
    pub const AUTHENTICATION_FAILED: u32 = 20014;
    /// Request Expired (timestamp outside the accepted window).
    pub const REQUEST_EXPIRED: u32 = 20016;
    /// Invalid Request (missing expected parameter).
    pub const INVALID_REQUEST: u32 = 20017;
    /// Unsupported Operation.
    pub const UNSUPPORTED_OPERATION: u32 = 20019;
    /// Time range in a query filter exceeded the limit (30 days).
    pub const TIME_RANGE_EXCEEDED: u32 = 20022;
    /// Rate Limit Exceeded.
    pub const RATE_LIMIT_EXCEEDED: u32 = 20023;
    /// Concurrency Limit Exceeded.
    pub const CONCURRENCY_LIMIT_EXCEEDED: u32 = 20024;
    /// Lead Key Required.
    pub const LEAD_KEY_REQUIRED: u32 = 20101;
    /// Lead Key Bad (key type not valid).
    pub const LEAD_KEY_BAD: u32 = 20102;
    /// Lead Not Found.
    pub const LEAD_NOT_FOUND: u32 = 20103;
    /// Lead Detail Required.
    pub const LEAD_DETAIL_REQUIRED: u32 = 20104;
    /// Parameter Required.
    pub const PARAMETER_REQUIRED: u32 = 20109;
    /// Bad Parameter.
    pub const BAD_PARAMETER: u32 = 20110;
    /// List Not Found.
    pub const LIST_NOT_FOUND: u32 = 20111;
    /// Campaign Not Found.
    pub const CAMPAIGN_NOT_FOUND: u32 = 20113;
    /// Bad Stream Position.
    pub const BAD_STREAM_POSITION: u32 = 20122;
    /// Stream at End (no more records after this position).
    pub const STREAM_AT_END: u32 = 20123;
    /// Activity Key Bad (an activity filter names an unknown activity type).
    pub const ACTIVITY_KEY_BAD: u32 = 20107;
    /// Lead Attribute Bad (a record names an attribute that does not exist).
    pub const LEAD_ATTRIBUTE_BAD: u32 = 20105;
}

/// Marketo's documented message for `code` (error-codes.md); `"Unknown Error"` otherwise.
pub fn standard_message(code: u32) -> &'static str {
    match code {
        10001 | 20011 => "Internal Error",
        20012 => "Request Not Understood",
        20013 => "Access Denied",
        20014 => "Authentication failed",
        20015 => "Request Limit Exceeded",
        20016 => "Request Expired",
        20017 => "Invalid Request",
        20019 => "Unsupported Operation",
        20022 => "Time range specified in query filter exceeded limit",
        20023 => "Rate Limit Exceeded",
        20024 => "Concurrency Limit Exceeded",
        20101 => "Lead Key Required",
        20102 => "Lead Key Bad",
        20103 => "Lead Not Found",
        20104 => "Lead Detail Required",
        20105 => "Lead Attribute Bad",
        20106 => "Lead Sync Failed",
        20107 => "Activity Key Bad",
        20108 => "Lead Owner Not Found",
        20109 => "Parameter Required",
        20110 | 20114 => "Bad Parameter",
        20111 => "List Not Found",
        20113 => "Campaign Not Found",
        20122 => "Bad Stream Position",
        20123 => "Stream at End",
        _ => "Unknown Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authentication_fault_matches_the_documented_strings() {
        let fault = ServiceFault::new(codes::AUTHENTICATION_FAILED);
        assert_eq!(fault.fault_string(), "20014 - Authentication failed");
        assert_eq!(fault.detail_message(), "Authentication failed (20014)");
        assert_eq!(fault.soap_fault_code(), "SOAP-ENV:Client");
    }

    #[test]
    fn detail_is_appended_and_internal_errors_are_server_faults() {
        let fault = ServiceFault::with_detail(codes::BAD_PARAMETER, "campaignId and campaignName");
        assert_eq!(fault.message, "Bad Parameter: campaignId and campaignName");
        assert_eq!(
            ServiceFault::new(20011).soap_fault_code(),
            "SOAP-ENV:Server"
        );
        assert_eq!(standard_message(4242), "Unknown Error");
    }
}
