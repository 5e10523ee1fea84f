//! Wire metadata of one operation, shared by the generated code, the client runtime and any
//! server built on the same types.

use crate::envelope::SoapVersion;

/// What the runtime needs to put one operation on the wire (and the simulator to recognise it).
/// One constant per operation is generated from the WSDL in `generated/operations.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OperationMeta {
    /// Operation name as in the WSDL (`requestCampaign`).
    pub name: &'static str,
    /// The SOAP action (may be empty): the `SOAPAction` HTTP header for SOAP 1.1, the
    /// `action` parameter of the content type for SOAP 1.2.
    pub soap_action: &'static str,
    /// The SOAP version of the operation's binding: decides the envelope namespace and the
    /// HTTP framing (see [`SoapVersion`]).
    pub soap_version: SoapVersion,
    /// Namespace of the request body element: the envelope binds it to `ns1`, the prefix
    /// the request body and the caller's headers are written with.
    pub namespace: &'static str,
    /// Namespace of the response body element: `namespace`, unless the response element is
    /// declared in another schema (`<ns2:reply xmlns:ns2="urn:other">` answers a request in
    /// `namespace`); for an operation without a response body, `namespace`.
    pub response_namespace: &'static str,
    /// Local name of the request body element (`paramsRequestCampaign`); empty for an
    /// operation whose input message has no body part (an operation without parameters),
    /// whose request `Body` is empty (`<SOAP-ENV:Body></SOAP-ENV:Body>`).
    pub request_element: &'static str,
    /// Local name of the response body element (`successRequestCampaign`); empty for a
    /// one-way operation, which has no response body (see [`OperationMeta::is_one_way`]), and
    /// for an output message without a body part, answered the same way.
    pub response_element: &'static str,
    /// Local names of the input SOAP header elements, in binding order
    /// (`["AuthenticationHeader", "MktowsContextHeader"]`).
    pub input_headers: &'static [&'static str],
    /// The operation only reads, so repeating it cannot duplicate a side effect: the client
    /// may retry it after a failure that happened once the request could have been processed
    /// (see [`RetryPolicy`](crate::RetryPolicy)). WSDL cannot say this; the service's
    /// declarations given to the generator do. `false` unless declared.
    pub idempotent: bool,
}

impl OperationMeta {
    /// Whether the operation is one-way (a WSDL input without output, or an output message
    /// without a body part): the server accepts the request with HTTP 200 or 202 and no
    /// response body element, and the client gets `()` back
    /// ([`Client::invoke_one_way`](crate::Client::invoke_one_way)).
    pub const fn is_one_way(&self) -> bool {
        self.response_element.is_empty()
    }

    /// The same operation in a binding that differs from this one's only in its SOAP version
    /// (a WSDL's SOAP 1.1 and SOAP 1.2 bindings of one port type): one generated client
    /// serves both, and takes each call's metadata from here, at compile time.
    pub const fn in_version(self, soap_version: SoapVersion) -> Self {
        Self {
            soap_version,
            ..self
        }
    }

    /// Whether the operation's input declares the SOAP header element `local`.
    pub fn has_input_header(&self, local: &str) -> bool {
        self.input_headers.contains(&local)
    }

    /// The operation in `operations` whose request body element is `local`.
    pub fn by_request_element(
        operations: &'static [OperationMeta],
        local: &str,
    ) -> Option<&'static OperationMeta> {
        operations.iter().find(|op| op.request_element == local)
    }

    /// The operation in `operations` with this `SOAPAction` value (surrounding quotes ignored).
    pub fn by_soap_action(
        operations: &'static [OperationMeta],
        action: &str,
    ) -> Option<&'static OperationMeta> {
        let action = action.trim().trim_matches('"');
        operations.iter().find(|op| op.soap_action == action)
    }
}

/// A SOAP binding of a generated client, as a marker type: a WSDL whose bindings of one port
/// type differ only in their SOAP version (the SOAP 1.1 and SOAP 1.2 bindings a .NET service
/// describes) gets one client type, `Port<B>`, and one marker per binding; each binding's
/// `Client` is `Port<ItsBinding>`.
pub trait Binding {
    /// The binding's name in the WSDL.
    const NAME: &'static str;
    /// The SOAP version its calls are sent with.
    const SOAP_VERSION: SoapVersion;
    /// The ports of the description that use it, as `(port name, soap:address location)`.
    const PORTS: &'static [(&'static str, &'static str)];
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPS: &[OperationMeta] = &[
        OperationMeta {
            name: "getLead",
            soap_action: "http://example.com/getLead",
            soap_version: SoapVersion::Soap11,
            namespace: "http://example.com/",
            response_namespace: "http://example.com/",
            request_element: "paramsGetLead",
            response_element: "successGetLead",
            input_headers: &["AuthenticationHeader"],
            idempotent: true,
        },
        OperationMeta {
            name: "syncLead",
            soap_action: "http://example.com/syncLead",
            soap_version: SoapVersion::Soap12,
            namespace: "http://example.com/",
            response_namespace: "http://example.com/",
            request_element: "paramsSyncLead",
            response_element: "successSyncLead",
            input_headers: &["AuthenticationHeader", "MktowsContextHeader"],
            idempotent: false,
        },
    ];

    #[test]
    fn an_operation_in_another_version_changes_only_its_version() {
        const IN_12: OperationMeta = OPS[0].in_version(SoapVersion::Soap12);
        assert_eq!(IN_12.soap_version, SoapVersion::Soap12);
        assert_eq!(
            OperationMeta {
                soap_version: SoapVersion::Soap11,
                ..IN_12
            },
            OPS[0]
        );
    }

    #[test]
    fn finds_operations_by_body_element_and_action() {
        let by_element = OperationMeta::by_request_element(OPS, "paramsSyncLead");
        assert_eq!(by_element.map(|op| op.name), Some("syncLead"));
        let by_action = OperationMeta::by_soap_action(OPS, "\"http://example.com/getLead\"");
        assert_eq!(by_action.map(|op| op.name), Some("getLead"));
        assert!(OperationMeta::by_request_element(OPS, "nope").is_none());
    }

    #[test]
    fn one_way_operations_have_no_response_element() {
        let notify = OperationMeta {
            name: "notify",
            response_element: "",
            ..OPS[1]
        };
        assert!(notify.is_one_way());
        assert!(!OPS[0].is_one_way());
    }

    #[test]
    fn knows_its_headers() {
        assert!(OPS[1].has_input_header("MktowsContextHeader"));
        assert!(!OPS[0].has_input_header("MktowsContextHeader"));
    }
}
