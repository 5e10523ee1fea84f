//! A SOAP 1.2 operation through `Client::invoke` to a loopback server: the request carries the
//! 2003/05 envelope and `application/soap+xml; action="…"` without a `SOAPAction` header, a
//! 1.2 response decodes, and a 1.2 fault comes back typed with its code, subcode and reason.

use soap_runtime::envelope::{SOAP12_ENV_NS, SoapVersion};
use soap_runtime::xml::{
    DecodeError, ElementStart, Form, XmlDecode, XmlEncode, XmlReader, XmlWriter,
};
use soap_runtime::{Client, OperationMeta};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const NS: &str = "urn:example:stock";

static GET_PRICE: OperationMeta = OperationMeta {
    name: "GetPrice",
    soap_action: "urn:example:stock/GetPrice",
    soap_version: SoapVersion::Soap12,
    namespace: NS,
    response_namespace: NS,
    request_element: "GetPrice",
    response_element: "GetPriceResponse",
    input_headers: &[],
    idempotent: false,
};

struct GetPrice {
    symbol: String,
}

impl XmlEncode for GetPrice {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.raw("<symbol>");
        w.text(&self.symbol);
        w.raw("</symbol>");
    }
}

#[derive(Debug, PartialEq)]
struct GetPriceResponse {
    price: String,
}

impl XmlDecode for GetPriceResponse {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut price = String::new();
        while let Some(child) = r.next_child(Form::Unqualified)? {
            match child.local_name() {
                "price" => price = r.simple(&child)?,
                _ => r.unknown(&child)?,
            }
        }
        Ok(Self { price })
    }
}

/// Serves one request: returns its head (lower-cased) and body, answers with `reply`.
async fn serve_once(listener: tokio::net::TcpListener, reply: String) -> (String, String) {
    let (mut socket, _) = listener.accept().await.expect("accept");
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut chunk).await.expect("read");
        assert!(n > 0, "closed before the headers ended");
        buf.extend_from_slice(&chunk[..n]);
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("content-length");
    while buf.len() < head_end + length {
        let n = socket.read(&mut chunk).await.expect("read");
        assert!(n > 0, "closed inside the body");
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buf[head_end..head_end + length]).into_owned();
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/soap+xml; charset=utf-8\r\n\
         content-length: {}\r\nconnection: close\r\n\r\n{reply}",
        reply.len()
    );
    socket.write_all(response.as_bytes()).await.expect("write");
    (head, body)
}

async fn call(
    reply: &str,
) -> (
    String,
    String,
    Result<GetPriceResponse, soap_runtime::Error>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/stock", listener.local_addr().expect("address"));
    let server = tokio::spawn(serve_once(listener, reply.to_owned()));
    let client = Client::builder(url)
        .allow_insecure_http(true)
        .build()
        .expect("client");
    let params = GetPrice {
        symbol: "IBM".into(),
    };
    let result = client.invoke(&GET_PRICE, &params, &[], None).await;
    let (head, body) = server.await.expect("server");
    (head, body, result)
}

#[tokio::test]
async fn soap12_request_is_framed_by_content_type_and_its_response_decodes() {
    let reply = format!(
        "<e:Envelope xmlns:e=\"{SOAP12_ENV_NS}\"><e:Body><m:GetPriceResponse xmlns:m=\"{NS}\">\
         <price>34.5</price></m:GetPriceResponse></e:Body></e:Envelope>"
    );
    let (head, body, result) = call(&reply).await;
    assert!(
        head.contains(
            "content-type: application/soap+xml; charset=utf-8; action=\"urn:example:stock/getprice\""
        ),
        "{head}"
    );
    assert!(!head.contains("soapaction"), "{head}");
    assert!(
        body.starts_with(&format!(
            "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"{SOAP12_ENV_NS}\""
        )),
        "{body}"
    );
    assert!(
        body.contains("<ns1:GetPrice><symbol>IBM</symbol></ns1:GetPrice>"),
        "{body}"
    );
    assert_eq!(
        result.expect("decoded"),
        GetPriceResponse {
            price: "34.5".into()
        }
    );
}

#[tokio::test]
async fn soap12_fault_comes_back_typed() {
    let reply = format!(
        "<e:Envelope xmlns:e=\"{SOAP12_ENV_NS}\" xmlns:m=\"{NS}\"><e:Body><e:Fault>\
         <e:Code><e:Value>e:Sender</e:Value><e:Subcode><e:Value>m:UnknownSymbol</e:Value>\
         </e:Subcode></e:Code><e:Reason><e:Text xml:lang=\"en\">no such symbol</e:Text>\
         </e:Reason></e:Fault></e:Body></e:Envelope>"
    );
    let (_, _, result) = call(&reply).await;
    let error = result.expect_err("a fault");
    assert_eq!(error.operation(), Some("GetPrice"));
    let fault = error.fault().expect("typed fault");
    assert_eq!(fault.version, SoapVersion::Soap12);
    assert_eq!(fault.fault_code_local(), "Sender");
    assert_eq!(fault.subcodes, ["m:UnknownSymbol"]);
    assert_eq!(fault.fault_string, "no such symbol");
    assert_eq!(error.attempts(), 1, "a Sender fault is not retried");
}
