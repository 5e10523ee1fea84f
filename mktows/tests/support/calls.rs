//! Small hand-made operations for client tests: `getCampaignsForSource` with a `source`
//! parameter and a `returnCount` answer, `getMultipleLeads` answered with real lead records, and
//! Marketo-shaped replies for the scripted server.

use mktows::OperationMeta;
use mktows::xml::{
    DecodeError, ElementStart, Form, Name, XmlDecode, XmlEncode, XmlReader, XmlWriter,
};

use super::scripted_server::Reply;

pub const NS: &str = "http://www.marketo.com/mktows/";
pub const USER: &str = "demo17_1_809934544BFABAE58E5D27";
pub const KEY: &str = "27272727aa";

pub static GET_CAMPAIGNS: OperationMeta = OperationMeta {
    name: "getCampaignsForSource",
    soap_action: "http://www.marketo.com/mktows/getCampaignsForSource",
    soap_version: mktows::envelope::SoapVersion::Soap11,
    namespace: NS,
    response_namespace: NS,
    request_element: "paramsGetCampaignsForSource",
    response_element: "successGetCampaignsForSource",
    input_headers: &["AuthenticationHeader"],
    idempotent: true,
};

/// Answered here with `successGetMultipleLeads` (the request body does not matter).
pub static GET_MULTIPLE_LEADS: OperationMeta = OperationMeta {
    name: "getMultipleLeads",
    soap_action: "http://www.marketo.com/mktows/getMultipleLeads",
    soap_version: mktows::envelope::SoapVersion::Soap11,
    namespace: NS,
    response_namespace: NS,
    request_element: "paramsGetMultipleLeads",
    response_element: "successGetMultipleLeads",
    input_headers: &["AuthenticationHeader"],
    idempotent: true,
};

/// `<source>MKTOWS</source>`
pub struct SourceParams(pub String);

impl SourceParams {
    pub fn mktows() -> Self {
        Self("MKTOWS".into())
    }
}

impl XmlEncode for SourceParams {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.simple(Name::unqualified("source"), &self.0);
    }
}

impl mktows::Validate for SourceParams {}

/// The response's `result/returnCount`.
#[derive(Debug, PartialEq)]
pub struct ReturnCount(pub i32);

impl XmlDecode for ReturnCount {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut count = None;
        while let Some(child) = r.next_child(Form::Unqualified)? {
            match child.local_name() {
                "result" => {
                    while let Some(field) = r.next_child(Form::Unqualified)? {
                        if field.local_name() == "returnCount" {
                            let value = r.simple::<i32>(&field)?;
                            r.set_once(&mut count, &field, value)?;
                        } else {
                            r.unknown(&field)?;
                        }
                    }
                }
                _ => r.unknown(&child)?,
            }
        }
        Ok(Self(r.require(count, "returnCount")?))
    }
}

pub fn campaigns_ok(count: i32) -> Reply {
    Reply::xml(&format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://www.marketo.com/mktows/"><SOAP-ENV:Body><ns1:successGetCampaignsForSource><result><returnCount>{count}</returnCount></result></ns1:successGetCampaignsForSource></SOAP-ENV:Body></SOAP-ENV:Envelope>"#
    ))
}

pub fn fault(code: u32, message: &str) -> Reply {
    Reply::status_xml(
        500,
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>{code} - {message}</faultstring><detail><ns1:serviceException xmlns:ns1="http://www.marketo.com/mktows/"><name>mktServiceException</name><message>{message} ({code})</message><code>{code}</code></ns1:serviceException></detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>"#
        ),
    )
}
