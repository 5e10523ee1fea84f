//! Fault injection: make the next N requests (optionally of one operation) misbehave, so
//! client tests can exercise retries, timeouts and hostile responses over real HTTP.

use std::collections::VecDeque;
use std::time::Duration;

/// One way to misbehave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Injection {
    /// Answer with this Marketo fault code (documented message, HTTP 500) without running
    /// the operation, e.g. `20023` rate limit or `20024` concurrency limit.
    Fault(u32),
    /// HTTP 503 with a short plain-text body.
    ServiceUnavailable,
    /// Wait this long, then handle the request normally (for client timeouts).
    Delay(Duration),
    /// Handle the request normally but send only the first half of the response body.
    TruncatedBody,
    /// An HTML error page with this HTTP status (e.g. 502 from a proxy).
    HtmlPage(u16),
    /// HTTP 200 with an XML body that declares a DOCTYPE with an entity.
    DoctypeBody,
    /// HTTP 200 with a well-formed response padded to at least this many bytes.
    OversizedBody(usize),
    /// HTTP 200 with an XML body whose tags do not match.
    MalformedXml,
    /// This exact answer (status and `text/xml` body), e.g. a hand-written response.
    Respond {
        /// HTTP status.
        status: u16,
        /// The body, sent as is.
        body: String,
    },
}

/// An [`Injection`] applied to the next `times` requests that match `operation`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InjectionRule {
    /// What to do.
    pub injection: Injection,
    /// Only requests for this operation (`"requestCampaign"`); None: any request.
    pub operation: Option<String>,
    /// How many more requests it applies to.
    pub times: usize,
}

impl InjectionRule {
    /// Applies once, to any operation.
    pub fn new(injection: Injection) -> Self {
        Self {
            injection,
            operation: None,
            times: 1,
        }
    }

    /// Applies to the next `times` matching requests.
    pub fn times(mut self, times: usize) -> Self {
        self.times = times;
        self
    }

    /// Applies only to requests for `operation` (the WSDL operation name).
    pub fn for_operation(mut self, operation: impl Into<String>) -> Self {
        self.operation = Some(operation.into());
        self
    }
}

impl From<Injection> for InjectionRule {
    fn from(injection: Injection) -> Self {
        Self::new(injection)
    }
}

/// Pending rules, oldest first; the first rule matching a request is used and counted down.
#[derive(Debug, Default)]
pub(crate) struct InjectionQueue {
    rules: VecDeque<InjectionRule>,
}

impl InjectionQueue {
    /// Queues a rule (a rule with `times == 0` is ignored).
    pub fn push(&mut self, rule: InjectionRule) {
        if rule.times > 0 {
            self.rules.push_back(rule);
        }
    }

    /// The injection for a request of `operation`, if a rule matches.
    pub fn take(&mut self, operation: &str) -> Option<Injection> {
        let index = self
            .rules
            .iter()
            .position(|r| r.operation.as_deref().is_none_or(|op| op == operation))?;
        let rule = self.rules.get_mut(index)?;
        rule.times = rule.times.saturating_sub(1);
        let injection = rule.injection.clone();
        if rule.times == 0 {
            self.rules.remove(index);
        }
        Some(injection)
    }

    /// Number of requests still to be affected.
    pub fn pending(&self) -> usize {
        self.rules.iter().map(|r| r.times).sum()
    }

    /// Drops every rule.
    pub fn clear(&mut self) {
        self.rules.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_count_down_and_respect_the_operation_filter() {
        let mut queue = InjectionQueue::default();
        queue.push(
            InjectionRule::new(Injection::Fault(20023))
                .times(2)
                .for_operation("getLead"),
        );
        queue.push(Injection::ServiceUnavailable.into());
        assert_eq!(queue.pending(), 3);
        assert_eq!(
            queue.take("requestCampaign"),
            Some(Injection::ServiceUnavailable)
        );
        assert_eq!(queue.take("requestCampaign"), None);
        assert_eq!(queue.take("getLead"), Some(Injection::Fault(20023)));
        assert_eq!(queue.take("getLead"), Some(Injection::Fault(20023)));
        assert_eq!(queue.take("getLead"), None);
        assert_eq!(queue.pending(), 0);
    }
}
