//! Static description of one WSDL operation, emitted by the code generator and read by the
//! runtime (SOAPAction, body element names, retry classification by name).

/// Everything the runtime needs to know about an operation to call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OperationMeta {
    /// WSDL operation name, e.g. `requestCampaign`.
    pub name: &'static str,
    /// SOAPAction URI, e.g. `http://www.marketo.com/mktows/requestCampaign` (sent quoted).
    pub soap_action: &'static str,
    /// Target namespace of the body and header elements.
    pub namespace: &'static str,
    /// Local name of the request body element, e.g. `paramsRequestCampaign`.
    pub request_element: &'static str,
    /// Local name of the response body element, e.g. `successRequestCampaign`.
    pub response_element: &'static str,
    /// Local names of the SOAP header elements the binding declares for the input message,
    /// e.g. `AuthenticationHeader`, `MktowsContextHeader`.
    pub input_headers: &'static [&'static str],
}
