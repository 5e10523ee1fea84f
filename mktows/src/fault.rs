//! Marketo's faults: the `detail/serviceException` record, its numeric code, and what each
//! code means for retries.
//!
//! A Marketo fault looks like `faultstring = "20014 - Authentication failed"` with
//! `detail/serviceException{name, message, code}` (the exception element in the mktows
//! namespace, its children unqualified). The runtime keeps `detail` generically; this module
//! reads Marketo's record out of it.

use soap_runtime::envelope::{FaultDetailEntry, SoapFault};
use soap_runtime::{Error, ErrorKind, FaultPolicy, RetryClass};

use crate::fault_code::FaultCode;

/// Local name of the `detail` entry Marketo puts in every fault.
pub const SERVICE_EXCEPTION: &str = "serviceException";

/// The `detail/serviceException` of a Marketo fault.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceException {
    /// `name`, e.g. `mktServiceException`.
    pub name: Option<String>,
    /// `message`, e.g. `Authentication failed (20014)`.
    pub message: Option<String>,
    /// `code` as sent, e.g. `20014`.
    pub code: Option<String>,
}

impl ServiceException {
    /// The record in `fault`'s detail, when there is one.
    pub fn of(fault: &SoapFault) -> Option<Self> {
        let entry = fault.detail_entry(SERVICE_EXCEPTION)?;
        Some(Self {
            name: entry.field("name").map(str::to_owned),
            message: entry.field("message").map(str::to_owned),
            code: entry.field("code").map(str::to_owned),
        })
    }

    /// The `detail` entry for this record, in namespace `namespace` (for writing faults).
    pub fn to_detail_entry(&self, namespace: &str) -> FaultDetailEntry {
        let fields = [
            ("name", &self.name),
            ("message", &self.message),
            ("code", &self.code),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.as_ref().map(|v| (name.to_owned(), Some(v.clone()))))
        .collect();
        FaultDetailEntry {
            namespace: Some(namespace.to_owned()),
            local: SERVICE_EXCEPTION.to_owned(),
            fields,
            element: None,
        }
    }
}

/// The Marketo code of a fault: `serviceException/code`, else the leading digits of
/// `faultstring` (`"20014 - Authentication failed"`); `Unknown(0)` when neither has one.
pub fn fault_code(fault: &SoapFault) -> FaultCode {
    let from_detail = fault
        .detail_entry(SERVICE_EXCEPTION)
        .and_then(|entry| entry.field("code"))
        .and_then(|code| code.trim().parse().ok());
    from_detail
        .or_else(|| leading_number(&fault.fault_string))
        .map_or(FaultCode::Unknown(0), FaultCode::from_code)
}

/// The digits at the start of `s` (after whitespace), as a number.
fn leading_number(s: &str) -> Option<u32> {
    let s = s.trim_start();
    let end = s.bytes().take_while(u8::is_ascii_digit).count();
    s.get(..end)
        .filter(|d| !d.is_empty())
        .and_then(|d| d.parse().ok())
}

/// What Marketo's fault codes say about retries: 20016 (expired signature) is retried at once
/// with a fresh signature, 20023/20024 (rate and concurrency limits) after a backoff, the two
/// internal errors only for reads; everything else is permanent.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarketoFaultPolicy;

impl FaultPolicy for MarketoFaultPolicy {
    fn classify(&self, fault: &SoapFault) -> RetryClass {
        match fault_code(fault) {
            FaultCode::RequestExpired => RetryClass::Expired,
            FaultCode::RateLimitExceeded | FaultCode::ConcurrencyLimitExceeded => {
                RetryClass::Throttled
            }
            FaultCode::InternalError | FaultCode::ServiceFailure => RetryClass::MaybeProcessed,
            _ => RetryClass::Permanent,
        }
    }
}

/// Marketo's view of a failed call: its fault code.
pub trait MarketoError {
    /// The Marketo fault code, when the failure is a SOAP fault.
    fn fault_code(&self) -> Option<FaultCode>;
}

impl MarketoError for ErrorKind {
    fn fault_code(&self) -> Option<FaultCode> {
        self.fault().map(fault_code)
    }
}

impl MarketoError for Error {
    fn fault_code(&self) -> Option<FaultCode> {
        self.kind().fault_code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(fault_string: &str, code: Option<&str>) -> SoapFault {
        let exception = ServiceException {
            name: Some("mktServiceException".into()),
            message: Some("x".into()),
            code: code.map(str::to_owned),
        };
        SoapFault {
            fault_code: "SOAP-ENV:Client".into(),
            fault_string: fault_string.into(),
            detail: vec![exception.to_detail_entry("http://www.marketo.com/mktows/")],
            ..SoapFault::default()
        }
    }

    #[test]
    fn code_comes_from_the_detail_then_the_fault_string() {
        assert_eq!(
            fault_code(&fault("20113 - Campaign Not Found", Some("20103"))),
            FaultCode::LeadNotFound
        );
        assert_eq!(
            fault_code(&fault("20113 - Campaign Not Found", None)),
            FaultCode::CampaignNotFound
        );
        assert_eq!(
            fault_code(&fault("Campaign Not Found", None)),
            FaultCode::Unknown(0)
        );
    }

    #[test]
    fn service_exception_round_trips_through_the_detail() {
        let f = fault("20014 - Authentication failed", Some("20014"));
        let exception = ServiceException::of(&f);
        assert_eq!(exception.and_then(|e| e.code), Some("20014".to_owned()));
    }

    #[test]
    fn retry_classes_of_marketo_codes() {
        let class = |code: u32| {
            MarketoFaultPolicy.classify(&fault(&format!("{code} - x"), Some(&code.to_string())))
        };
        assert_eq!(class(20016), RetryClass::Expired);
        assert_eq!(class(20023), RetryClass::Throttled);
        assert_eq!(class(20024), RetryClass::Throttled);
        assert_eq!(class(10001), RetryClass::MaybeProcessed);
        assert_eq!(class(20011), RetryClass::MaybeProcessed);
        assert_eq!(class(20014), RetryClass::Permanent);
        assert_eq!(class(20015), RetryClass::Permanent);
        assert_eq!(class(99999), RetryClass::Permanent);
    }
}
