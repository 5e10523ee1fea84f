//! The one error type of every client call: which operation failed, and why.
//!
//! Messages never contain credentials: header providers own them, and nothing here formats a
//! request.
//!
//! One style throughout ([`Error`], [`ErrorKind`], [`TransportError`],
//! [`DecodeError`], [`ConfigError`]): each `Display` is the complete message, causes included,
//! e.g.
//!
//! ```text
//! Marketo call `getLead` failed: could not decode the response: successGetLead/result/returnCount: invalid integer "abc" (at byte 312)
//! ```
//!
//! so printing `{error}` tells the whole story, and
//! `source()` returns `None`, so a report that walks the chain (anyhow's `{:#}`, tracing's
//! error fields) shows each message once. The typed causes stay reachable through
//! [`Error::kind`], the variants' fields and [`TransportError::cause`].

use std::fmt;
use std::time::Duration;

use crate::config_error::ConfigError;
use crate::envelope::SoapFault;
use crate::retry::RetryClass;
use crate::xml::DecodeError;

/// A failed call (or a rejected client configuration).
#[derive(Debug)]
pub struct Error {
    service: &'static str,
    operation: Option<&'static str>,
    attempts: u32,
    retry_class: RetryClass,
    kind: ErrorKind,
}

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The client builder rejected a setting.
    #[error("invalid client configuration: {0}")]
    Config(ConfigError),
    /// The parameters were rejected before any I/O.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// Connecting, TLS, a timeout, or the connection failing mid-exchange.
    #[error("{0}")]
    Transport(TransportError),
    /// The server answered with something other than a SOAP envelope (e.g. an HTML 502 page).
    #[error("HTTP {status}{} instead of a SOAP response: {body_excerpt:?}", content_type_suffix(.content_type))]
    HttpStatus {
        /// HTTP status code.
        status: u16,
        /// `Content-Type` of the answer, when given.
        content_type: Option<String>,
        /// The start of the body (about 512 characters, cut at a character boundary).
        body_excerpt: String,
    },
    /// The service answered with a SOAP fault. The message shows its code and string capped
    /// and with control characters escaped; the value keeps them whole.
    #[error("{0}")]
    Fault(Box<SoapFault>),
    /// The response is not the expected XML; the error names the element path.
    #[error("could not decode the response: {0}")]
    Decode(DecodeError),
    /// The response body exceeded the configured limit (it was not read further).
    #[error("response larger than the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The limit in bytes.
        limit: u64,
    },
}

fn content_type_suffix(content_type: &Option<String>) -> String {
    content_type
        .as_deref()
        .map(|ct| format!(" ({})", ServerText(ct)))
        .unwrap_or_default()
}

/// Text the server chose, made safe for a log line or a terminal: at most
/// [`MESSAGE_TEXT_CHARS`](crate::limits::MESSAGE_TEXT_CHARS) characters (then `… (N more
/// characters)`), with control characters (newlines, terminal escape sequences, NUL) and
/// bidirectional-text overrides written as escapes (`\n`, `\u{1b}`, `\u{202e}`), so a fault
/// can neither forge log lines nor recolour or reorder what is printed after it.
pub(crate) struct ServerText<'a>(pub(crate) &'a str);

impl fmt::Display for ServerText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chars = self.0.chars();
        for c in chars.by_ref().take(crate::limits::MESSAGE_TEXT_CHARS) {
            match c {
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c if c.is_control() || is_bidi_control(c) => write!(f, "{}", c.escape_unicode())?,
                c => fmt::Write::write_char(f, c)?,
            }
        }
        let rest = chars.count();
        if rest > 0 {
            write!(f, "… ({rest} more characters)")?;
        }
        Ok(())
    }
}

/// The Unicode characters that change the display order of the text around them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl Error {
    /// An error of a call to `operation` of `service` (e.g. `"Marketo"`) after `attempts`
    /// attempts; `retry_class` is what the failure says about whether the request was
    /// processed (see [`ErrorKind::retry_class`] and [`FaultPolicy`](crate::FaultPolicy)).
    pub fn new(
        service: &'static str,
        operation: Option<&'static str>,
        attempts: u32,
        retry_class: RetryClass,
        kind: ErrorKind,
    ) -> Self {
        Self {
            service,
            operation,
            attempts,
            retry_class,
            kind,
        }
    }

    /// A rejected client configuration.
    pub fn config(error: ConfigError) -> Self {
        Self::new(
            "SOAP",
            None,
            0,
            RetryClass::Permanent,
            ErrorKind::Config(error),
        )
    }

    /// The service the client calls, as named in messages (`"Marketo"`).
    pub fn service(&self) -> &'static str {
        self.service
    }

    /// The WSDL operation that failed (`None` for configuration errors).
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// How many attempts were made (0 when none was, e.g. configuration or invalid request).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// What went wrong, by value.
    pub fn into_kind(self) -> ErrorKind {
        self.kind
    }

    /// The SOAP fault, when the failure is one.
    pub fn fault(&self) -> Option<&SoapFault> {
        self.kind.fault()
    }

    /// The declared fault of the operation that the failure's detail carries, decoded
    /// (leniently): `T` is the operation's generated `<Op>Fault`, e.g.
    /// `error.fault_detail::<operations::SubmitFault>()`. `None` when the failure is no fault
    /// or its detail is none of the declared ones (it is still whole in [`Error::fault`]);
    /// `Some(Err)` when the detail is a declared one that does not decode.
    pub fn fault_detail<T: crate::envelope::FaultDetail>(
        &self,
    ) -> Option<Result<T, crate::xml::DecodeError>> {
        self.fault()?
            .declared_detail(crate::xml::DecodeOptions::default())
    }

    /// What the failure says about whether the server processed the request.
    pub fn retry_class(&self) -> RetryClass {
        self.retry_class
    }

    /// True when the failure is transient and the server certainly did not process the
    /// request (connect failure, or a fault the service's [`FaultPolicy`](crate::FaultPolicy)
    /// classifies as expired or throttled), so repeating it may succeed and cannot duplicate a
    /// side effect.
    pub fn is_retry_safe(&self) -> bool {
        self.retry_class().is_retry_safe()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(operation) = self.operation {
            write!(f, "{} call `{operation}` failed", self.service)?;
            if self.attempts > 1 {
                write!(f, " after {} attempts", self.attempts)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.kind)
    }
}

/// The message is complete (see the module documentation), so there is no separate source.
impl std::error::Error for Error {}

impl From<ConfigError> for Error {
    fn from(error: ConfigError) -> Self {
        Self::config(error)
    }
}

impl ErrorKind {
    /// The SOAP fault, when this is one.
    pub fn fault(&self) -> Option<&SoapFault> {
        match self {
            Self::Fault(fault) => Some(fault),
            _ => None,
        }
    }

    /// Classification for the retry policy (see [`RetryClass`]); faults are classified by
    /// `faults`, the service's policy.
    pub fn retry_class_with(&self, faults: &dyn crate::FaultPolicy) -> RetryClass {
        match self {
            Self::Fault(fault) => faults.classify(fault),
            other => other.retry_class(),
        }
    }

    /// Classification for the retry policy (see [`RetryClass`]), with faults classified by
    /// [`StandardFaultPolicy`](crate::StandardFaultPolicy).
    pub fn retry_class(&self) -> RetryClass {
        match self {
            Self::Transport(transport) => match transport.phase() {
                TransportPhase::Connect => RetryClass::NotSent,
                TransportPhase::Exchange | TransportPhase::TimedOut => RetryClass::MaybeProcessed,
            },
            Self::HttpStatus { status, .. } if *status >= 500 || *status == 429 => {
                RetryClass::MaybeProcessed
            }
            Self::Fault(fault) => crate::FaultPolicy::classify(&crate::StandardFaultPolicy, fault),
            Self::Config(_)
            | Self::InvalidRequest(_)
            | Self::HttpStatus { .. }
            | Self::Decode(_)
            | Self::ResponseTooLarge { .. } => RetryClass::Permanent,
        }
    }
}

/// Where in the exchange a transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransportPhase {
    /// Before the request was sent (DNS, TCP connect, TLS handshake, a timeout that ran out
    /// before the connection was ready).
    Connect,
    /// After the request may have been sent (connection reset, broken body).
    Exchange,
    /// No complete response within the request timeout.
    TimedOut,
}

/// A failure below HTTP: connecting, TLS, timeouts, broken connections.
#[derive(Debug)]
pub struct TransportError {
    phase: TransportPhase,
    timeout: Option<Duration>,
    source: Option<reqwest::Error>,
}

impl TransportError {
    pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
        let phase = if error.is_connect() {
            TransportPhase::Connect
        } else if error.is_timeout() {
            TransportPhase::TimedOut
        } else {
            TransportPhase::Exchange
        };
        Self {
            phase,
            timeout: None,
            source: Some(error),
        }
    }

    /// The same failure, known to have happened before any of the request was written (the
    /// HTTP client never asked for the body), whatever the HTTP client classified it as.
    pub(crate) fn before_sending(self) -> Self {
        Self {
            phase: TransportPhase::Connect,
            ..self
        }
    }

    /// The request timeout ran out while connecting (TCP or TLS), before the request was
    /// written.
    pub(crate) fn connect_timed_out(after: Duration) -> Self {
        Self {
            phase: TransportPhase::Connect,
            timeout: Some(after),
            source: None,
        }
    }

    pub(crate) fn timed_out(after: Duration) -> Self {
        Self {
            phase: TransportPhase::TimedOut,
            timeout: Some(after),
            source: None,
        }
    }

    /// Where the failure happened.
    pub fn phase(&self) -> TransportPhase {
        self.phase
    }

    /// The HTTP client's error underneath, when there is one (not for the request timeout,
    /// which the runtime measures itself). Its text is already part of this error's message.
    pub fn cause(&self) -> Option<&reqwest::Error> {
        self.source.as_ref()
    }

    /// False only when the request certainly never left this process.
    pub fn request_may_have_been_sent(&self) -> bool {
        self.phase != TransportPhase::Connect
    }

    /// The innermost cause (e.g. "Connection refused"), for the message.
    fn root_cause(&self) -> Option<String> {
        self.source.as_ref().map(|e| root_cause(e))
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.phase, self.timeout) {
            (TransportPhase::Connect, Some(after)) => write!(
                f,
                "could not connect to the endpoint within {after:?} (the request was not sent)"
            )?,
            (TransportPhase::Connect, None) => {
                f.write_str("could not connect to the endpoint (the request was not sent)")?
            }
            (TransportPhase::TimedOut, Some(after)) => write!(
                f,
                "no complete response within {after:?} (the request may have been processed)"
            )?,
            (TransportPhase::TimedOut, None) => {
                f.write_str("timed out (the request may have been processed)")?
            }
            (TransportPhase::Exchange, _) => f.write_str(
                "the connection failed during the exchange (the request may have been processed)",
            )?,
        }
        if let Some(cause) = self.root_cause() {
            write!(f, ": {cause}")?;
        }
        Ok(())
    }
}

/// The message already names the root cause; [`TransportError::cause`] gives the typed error.
impl std::error::Error for TransportError {}

/// The text of the innermost error under `error` (e.g. "Connection refused" under reqwest's
/// "error sending request"), which is the part of the chain that says what happened.
pub(crate) fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::FaultDetailEntry;

    fn every_kind() -> Vec<ErrorKind> {
        vec![
            ErrorKind::Config(ConfigError::InvalidSetting {
                setting: "request_timeout",
                reason: "must be greater than zero",
            }),
            ErrorKind::InvalidRequest("leadList holds 101 keys (at most 100)".into()),
            ErrorKind::Transport(TransportError::timed_out(Duration::from_secs(90))),
            ErrorKind::HttpStatus {
                status: 502,
                content_type: Some("text/html".into()),
                body_excerpt: "<html>Bad Gateway</html>".into(),
            },
            ErrorKind::Fault(Box::new(SoapFault {
                fault_code: "SOAP-ENV:Client".into(),
                fault_string: "20113 - Campaign Not Found".into(),
                detail: vec![FaultDetailEntry {
                    namespace: Some("urn:x".into()),
                    local: "serviceException".into(),
                    fields: vec![("code".into(), Some("20113".into()))],
                    element: None,
                }],
                ..SoapFault::default()
            })),
            ErrorKind::Decode(DecodeError::other("boom", Some(3))),
            ErrorKind::ResponseTooLarge { limit: 1024 },
        ]
    }

    fn call_error(attempts: u32, kind: ErrorKind) -> Error {
        let class = kind.retry_class();
        Error::new("Example", Some("requestCampaign"), attempts, class, kind)
    }

    #[test]
    fn display_names_the_service_operation_and_cause() {
        let expected_fragments = [
            "invalid client configuration: invalid setting `request_timeout`",
            "invalid request: leadList holds 101 keys",
            "no complete response within 90s (the request may have been processed)",
            "HTTP 502 (text/html) instead of a SOAP response: \"<html>Bad Gateway</html>\"",
            "SOAP fault SOAP-ENV:Client: 20113 - Campaign Not Found",
            "could not decode the response: ",
            "response larger than the limit of 1024 bytes",
        ];
        for (kind, fragment) in every_kind().into_iter().zip(expected_fragments) {
            let message = call_error(1, kind).to_string();
            assert!(
                message.starts_with("Example call `requestCampaign` failed: "),
                "{message}"
            );
            assert!(message.contains(fragment), "{message} lacks {fragment}");
        }
    }

    #[test]
    fn attempts_appear_only_when_retried() {
        let once = call_error(1, ErrorKind::ResponseTooLarge { limit: 1 });
        let thrice = call_error(3, ErrorKind::ResponseTooLarge { limit: 1 });
        assert!(!once.to_string().contains("attempts"));
        assert!(thrice.to_string().contains("failed after 3 attempts: "));
        let config = Error::config(ConfigError::InvalidSetting {
            setting: "x",
            reason: "bad",
        });
        assert_eq!(config.operation(), None);
        assert_eq!(
            config.to_string(),
            "invalid client configuration: invalid setting `x`: bad"
        );
    }

    #[test]
    fn standard_retry_classes() {
        let classes: Vec<RetryClass> = every_kind().iter().map(ErrorKind::retry_class).collect();
        assert_eq!(
            classes,
            [
                RetryClass::Permanent,
                RetryClass::Permanent,
                RetryClass::MaybeProcessed,
                RetryClass::MaybeProcessed,
                RetryClass::Permanent,
                RetryClass::Permanent,
                RetryClass::Permanent,
            ]
        );
        let fault = |code: &str| {
            ErrorKind::Fault(Box::new(SoapFault {
                fault_code: code.into(),
                ..SoapFault::default()
            }))
        };
        assert_eq!(
            fault("soap:Server").retry_class(),
            RetryClass::MaybeProcessed
        );
        assert_eq!(
            fault("env:Receiver").retry_class(),
            RetryClass::MaybeProcessed
        );
        assert_eq!(fault("soap:Client").retry_class(), RetryClass::Permanent);
        let status = |status: u16| ErrorKind::HttpStatus {
            status,
            content_type: None,
            body_excerpt: String::new(),
        };
        assert_eq!(status(503).retry_class(), RetryClass::MaybeProcessed);
        assert_eq!(status(429).retry_class(), RetryClass::MaybeProcessed);
        assert_eq!(status(404).retry_class(), RetryClass::Permanent);
        assert_eq!(status(302).retry_class(), RetryClass::Permanent);
    }

    #[test]
    fn errors_can_cross_threads_and_be_boxed() {
        fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
        assert_error::<Error>();
        assert_error::<ErrorKind>();
        assert_error::<TransportError>();
        assert_error::<ConfigError>();
    }

    /// Every level of `error`'s `source()` chain, outermost first, as displayed.
    fn chain_texts(error: &(dyn std::error::Error + 'static)) -> Vec<String> {
        let mut texts = vec![error.to_string()];
        let mut source = error.source();
        while let Some(cause) = source {
            texts.push(cause.to_string());
            source = cause.source();
        }
        texts
    }

    /// Fails when a level of the chain repeats text an outer level already shows.
    fn assert_no_repeated_message(error: &(dyn std::error::Error + 'static)) {
        let texts = chain_texts(error);
        for (depth, inner) in texts.iter().enumerate().skip(1) {
            for outer in &texts[..depth] {
                assert!(
                    !outer.contains(inner.as_str()),
                    "`{inner}` repeats in the chain {texts:#?}"
                );
            }
        }
    }

    #[tokio::test]
    async fn each_message_appears_once_in_the_source_chain() {
        let refused = reqwest::Client::new()
            .post("http://127.0.0.1:1/soap")
            .send()
            .await
            .err()
            .unwrap_or_else(|| panic!("port 1 accepted a connection"));
        let http_client_failure = reqwest::Client::builder()
            .user_agent("bad\nagent")
            .build()
            .err()
            .unwrap_or_else(|| panic!("an invalid user agent was accepted"));
        let mut kinds = every_kind();
        kinds.push(ErrorKind::Transport(TransportError::from_reqwest(refused)));
        kinds.push(ErrorKind::Config(ConfigError::HttpClient(
            http_client_failure,
        )));
        for kind in kinds {
            let error = call_error(1, kind);
            assert_no_repeated_message(&error);
            assert_no_repeated_message(error.kind());
        }
        assert_no_repeated_message(&Error::config(ConfigError::InsecureEndpoint {
            host: "evil.localhost".into(),
        }));
        assert_no_repeated_message(&crate::envelope::EnvelopeError::Decode(DecodeError::other(
            "boom",
            Some(3),
        )));
    }

    #[tokio::test]
    async fn transport_failures_name_their_root_cause_once() {
        let refused = reqwest::Client::new()
            .post("http://127.0.0.1:1/soap")
            .send()
            .await
            .err()
            .unwrap_or_else(|| panic!("port 1 accepted a connection"));
        let error = call_error(
            1,
            ErrorKind::Transport(TransportError::from_reqwest(refused)),
        );
        let text = error.to_string();
        assert!(text.contains("the request was not sent"), "{text}");
        assert!(text.to_lowercase().contains("refused"), "{text}");
        let ErrorKind::Transport(transport) = error.kind() else {
            panic!("not a transport error: {error:?}");
        };
        assert!(transport.cause().is_some_and(reqwest::Error::is_connect));
    }

    #[test]
    fn fault_text_is_capped_and_escaped_but_kept_whole_in_the_fault() {
        let hostile = format!(
            "20103 - Lead Not Found\nforged: line\r\x1b[31mred\x1b[0m\u{7}\u{202e}txt\0{}",
            "x".repeat(1 << 20)
        );
        let kind = ErrorKind::Fault(Box::new(SoapFault {
            fault_code: format!("SOAP-ENV:Client\x1b]0;title\x07{}", "c".repeat(1 << 20)),
            fault_string: hostile.clone(),
            ..SoapFault::default()
        }));
        let text = call_error(1, kind).to_string();
        assert!(text.len() < 2 * 1024, "{} bytes", text.len());
        assert!(
            !text.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{text:?}"
        );
        assert!(
            text.contains("20103 - Lead Not Found\\nforged: line\\r\\u{1b}[31mred"),
            "{text}"
        );
        assert!(text.contains("\\u{202e}"), "{text}");
        assert!(text.contains("more characters"), "{text}");
        let ErrorKind::Fault(fault) = call_error(
            1,
            ErrorKind::Fault(Box::new(SoapFault {
                fault_string: hostile.clone(),
                ..SoapFault::default()
            })),
        )
        .into_kind() else {
            panic!("not a fault");
        };
        assert_eq!(fault.fault_string, hostile);
    }

    #[test]
    fn fault_text_does_not_repeat_its_code() {
        let kind = ErrorKind::Fault(Box::new(SoapFault {
            fault_code: "SOAP-ENV:Client".into(),
            fault_string: "20103 - Lead Not Found".into(),
            ..SoapFault::default()
        }));
        let text = call_error(1, kind).to_string();
        assert_eq!(
            text,
            "Example call `requestCampaign` failed: SOAP fault SOAP-ENV:Client: 20103 - Lead Not Found"
        );
    }

    #[test]
    fn fault_accessor() {
        let with_fault: Vec<bool> = every_kind().iter().map(|k| k.fault().is_some()).collect();
        assert_eq!(with_fault.iter().filter(|f| **f).count(), 1);
    }
}
