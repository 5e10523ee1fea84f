//! The simulated operations: decode the request envelope with the generated codecs, check the
//! SOAPAction and the signature, run the operation against the state, encode the answer.

use crate::simulator::fault::{ServiceFault, codes};
use crate::simulator::server::Shared;

/// Answers one SOAP request body with a response envelope or a service fault.
pub(crate) fn handle(
    _shared: &Shared,
    _soap_action: Option<&str>,
    _body: &str,
) -> Result<String, ServiceFault> {
    Err(ServiceFault::with_detail(
        codes::UNSUPPORTED_OPERATION,
        "operation not simulated",
    ))
}
