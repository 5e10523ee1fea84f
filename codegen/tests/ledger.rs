//! One-way operations and rpc/literal bodies end to end: `fixtures/ledger.wsdl` generates
//! `generated/ledger_client.rs` (one file, modules inline; checked in, and checked here to be
//! exactly what the generator writes today), whose clients call loopback servers.

use std::path::Path;

// Generated output is compared byte for byte: `cargo fmt` must leave it as written.
#[rustfmt::skip]
#[allow(dead_code)]
#[path = "generated/ledger_client.rs"]
mod ledger;

const FIXTURE: &str = "tests/fixtures/ledger.wsdl";
const GENERATED: &str = "tests/generated/ledger_client.rs";

/// The checked-in client is what the generator produces from the fixture now
/// (`CODEGEN_BLESS=1 cargo test -p mktows-codegen --test ledger` rewrites it).
#[test]
fn checked_in_client_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(FIXTURE)).expect("fixture");
    let resolver = wsdl::MemoryResolver::new().with("ledger.wsdl", text.as_str());
    let defs = wsdl::load_with("ledger.wsdl", &resolver).expect("fixture loads");
    let input = codegen::InputInfo::from_bytes("ledger.wsdl", text.as_bytes());
    let fresh = codegen::generate_single_file(&defs, &input, &codegen::Declarations::default())
        .expect("fixture generates");
    let path = root.join(GENERATED);
    if std::env::var_os("CODEGEN_BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("write generated client");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == fresh,
        "{GENERATED} is stale: rerun with CODEGEN_BLESS=1"
    );
}

use ledger::client::{ledger_soap, ledger_soap12};
use ledger::types::{Balance, BalanceResponse, Entry, Ping, Post, Status};
use soap_runtime::ErrorKind;
use soap_runtime::envelope::{SOAP11_ENV_NS, SOAP12_ENV_NS, SoapVersion};

#[path = "support/loopback.rs"]
mod loopback;
use loopback::{Answer, loopback};

fn post() -> Post {
    Post {
        entry: vec![Entry {
            account: "acct-7".into(),
            amount: -12,
            memo: Some("fee & tax".into()),
        }],
    }
}

const SOAP11_FAULT: &str = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">\
    <s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>account closed</faultstring>\
    </s:Fault></s:Body></s:Envelope>";

#[tokio::test]
async fn a_one_way_document_call_is_done_when_the_server_accepts_it() {
    let (runtime, server) = loopback(Answer::empty("202 Accepted")).await;
    let client = ledger_soap::Client::new(runtime);
    let result: Result<(), soap_runtime::Error> = client.post(&post()).await;
    let (head, body) = server.await.expect("server");
    result.expect("accepted");
    assert!(
        head.contains("soapaction: \"urn:example:ledger#post\""),
        "{head}"
    );
    assert_eq!(
        body,
        format!(
            "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"{SOAP11_ENV_NS}\" xmlns:ns1=\"urn:example:ledger\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><SOAP-ENV:Body><ns1:post>\
             <entry><account>acct-7</account><amount>-12</amount><memo>fee &amp; tax</memo></entry>\
             </ns1:post></SOAP-ENV:Body></SOAP-ENV:Envelope>"
        )
    );
}

#[tokio::test]
async fn a_one_way_call_accepts_200_with_an_empty_envelope() {
    let empty = format!("<e:Envelope xmlns:e=\"{SOAP11_ENV_NS}\"><e:Body/></e:Envelope>");
    let (runtime, server) = loopback(Answer::xml("200 OK", SoapVersion::Soap11, empty)).await;
    let result = ledger_soap::Client::new(runtime).post(&post()).await;
    server.await.expect("server");
    result.expect("accepted");
}

#[tokio::test]
async fn a_one_way_fault_comes_back_typed_and_is_not_retried() {
    let answer = Answer::xml(
        "500 Internal Server Error",
        SoapVersion::Soap11,
        SOAP11_FAULT.to_owned(),
    );
    let (runtime, server) = loopback(answer).await;
    let error = ledger_soap::Client::new(runtime)
        .post(&post())
        .await
        .expect_err("a fault");
    server.await.expect("server");
    assert_eq!(error.operation(), Some("post"));
    let fault = error.fault().expect("typed fault");
    assert_eq!(fault.fault_code_local(), "Client");
    assert_eq!(fault.fault_string, "account closed");
    assert_eq!(error.attempts(), 1);
}

/// The server may have acted on a one-way request answered 503: it is side-effecting (nothing
/// declares it idempotent), so the client reports the status instead of sending it again.
#[tokio::test]
async fn a_one_way_call_that_may_have_arrived_is_not_repeated() {
    let (runtime, server) = loopback(Answer::empty("503 Service Unavailable")).await;
    let error = ledger_soap::Client::new(runtime)
        .post(&post())
        .await
        .expect_err("503");
    server.await.expect("server");
    assert!(
        matches!(error.kind(), ErrorKind::HttpStatus { status: 503, .. }),
        "{error}"
    );
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_one_way_call_answered_with_a_body_element_is_an_error() {
    let reply = format!(
        "<e:Envelope xmlns:e=\"{SOAP11_ENV_NS}\"><e:Body><m:postResponse xmlns:m=\"urn:example:ledger\"/>\
         </e:Body></e:Envelope>"
    );
    let (runtime, server) = loopback(Answer::xml("200 OK", SoapVersion::Soap11, reply)).await;
    let error = ledger_soap::Client::new(runtime)
        .post(&post())
        .await
        .expect_err("not a one-way answer");
    server.await.expect("server");
    assert!(matches!(error.kind(), ErrorKind::Decode(_)), "{error}");
    assert!(error.to_string().contains("postResponse"), "{error}");
}

#[tokio::test]
async fn an_rpc_one_way_call_sends_its_part_in_the_operation_wrapper() {
    let (runtime, server) = loopback(Answer::empty("202 Accepted")).await;
    let ping = Ping {
        source: "probe-1".into(),
    };
    let result = ledger_soap::Client::new(runtime).ping(&ping).await;
    let (_, body) = server.await.expect("server");
    result.expect("accepted");
    assert_eq!(
        body,
        format!(
            "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"{SOAP11_ENV_NS}\" xmlns:ns1=\"urn:example:ledger:rpc\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><SOAP-ENV:Body><ns1:ping>\
             <source>probe-1</source></ns1:ping></SOAP-ENV:Body></SOAP-ENV:Envelope>"
        )
    );
}

fn balance() -> Balance {
    Balance {
        account: "acct-7".into(),
        limit: 3,
    }
}

fn balance_response() -> BalanceResponse {
    BalanceResponse {
        total: 9_000_000_000,
        last: Entry {
            account: "acct-7".into(),
            amount: 40,
            memo: None,
        },
    }
}

/// An rpc/literal answer as a server writes it: the wrapper in the body namespace under its own
/// prefix, the parts unqualified.
fn balance_reply(env_ns: &str) -> String {
    format!(
        "<e:Envelope xmlns:e=\"{env_ns}\"><e:Body><r:balanceResponse xmlns:r=\"urn:example:ledger:rpc\">\
         <total>9000000000</total><last><account>acct-7</account><amount>40</amount></last>\
         </r:balanceResponse></e:Body></e:Envelope>"
    )
}

#[tokio::test]
async fn an_rpc_call_over_soap11_sends_the_parts_and_returns_the_response_parts() {
    let answer = Answer::xml("200 OK", SoapVersion::Soap11, balance_reply(SOAP11_ENV_NS));
    let (runtime, server) = loopback(answer).await;
    let result = ledger_soap::Client::new(runtime).balance(&balance()).await;
    let (head, body) = server.await.expect("server");
    assert_eq!(result.expect("typed response"), balance_response());
    assert!(
        head.contains("soapaction: \"urn:example:ledger#balance\""),
        "{head}"
    );
    assert_eq!(
        body,
        format!(
            "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"{SOAP11_ENV_NS}\" xmlns:ns1=\"urn:example:ledger:rpc\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><SOAP-ENV:Body><ns1:balance>\
             <account>acct-7</account><limit>3</limit></ns1:balance></SOAP-ENV:Body></SOAP-ENV:Envelope>"
        )
    );
}

#[tokio::test]
async fn an_rpc_call_over_soap12_is_framed_by_content_type_and_decodes() {
    let answer = Answer::xml("200 OK", SoapVersion::Soap12, balance_reply(SOAP12_ENV_NS));
    let (runtime, server) = loopback(answer).await;
    let result = ledger_soap12::Client::new(runtime)
        .balance(&balance())
        .await;
    let (head, body) = server.await.expect("server");
    assert_eq!(result.expect("typed response"), balance_response());
    assert!(
        head.contains("content-type: application/soap+xml; charset=utf-8; action=\"urn:example:ledger#balance\""),
        "{head}"
    );
    assert!(!head.contains("soapaction"), "{head}");
    assert_eq!(
        body,
        format!(
            "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"{SOAP12_ENV_NS}\" xmlns:ns1=\"urn:example:ledger:rpc\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><SOAP-ENV:Body><ns1:balance>\
             <account>acct-7</account><limit>3</limit></ns1:balance></SOAP-ENV:Body></SOAP-ENV:Envelope>"
        )
    );
}

#[tokio::test]
async fn an_rpc_fault_over_soap12_comes_back_typed() {
    let fault = format!(
        "<e:Envelope xmlns:e=\"{SOAP12_ENV_NS}\"><e:Body><e:Fault><e:Code><e:Value>e:Sender</e:Value>\
         </e:Code><e:Reason><e:Text xml:lang=\"en\">no such account</e:Text></e:Reason></e:Fault>\
         </e:Body></e:Envelope>"
    );
    let answer = Answer::xml("500 Internal Server Error", SoapVersion::Soap12, fault);
    let (runtime, server) = loopback(answer).await;
    let error = ledger_soap12::Client::new(runtime)
        .balance(&balance())
        .await
        .expect_err("a fault");
    server.await.expect("server");
    assert_eq!(error.operation(), Some("balance"));
    let fault = error.fault().expect("typed fault");
    assert_eq!(fault.version, SoapVersion::Soap12);
    assert_eq!(fault.fault_code_local(), "Sender");
    assert_eq!(fault.fault_string, "no such account");
}

#[tokio::test]
async fn a_one_way_call_over_soap12_is_accepted() {
    let (runtime, server) = loopback(Answer::empty("202 Accepted")).await;
    let result = ledger_soap12::Client::new(runtime).post(&post()).await;
    let (head, body) = server.await.expect("server");
    result.expect("accepted");
    assert!(
        head.contains("content-type: application/soap+xml"),
        "{head}"
    );
    assert!(body.contains("<ns1:post><entry>"), "{body}");
}

/// A server built on the generated types reads what the client sent: the rpc wrapper decodes
/// into the request enum's variant by its namespace and name.
#[test]
fn the_request_enum_decodes_an_rpc_wrapper() {
    use ledger::operations::ledger_soap::Request;
    use soap_runtime::xml::{DecodeOptions, XmlWriter};
    let request = Request::Balance(balance());
    let mut w = XmlWriter::new("urn:example:ledger:rpc");
    request.encode(&mut w);
    let xml = w.into_string();
    assert_eq!(
        xml,
        "<ns1:balance xmlns:ns1=\"urn:example:ledger:rpc\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><account>acct-7</account>\
         <limit>3</limit></ns1:balance>"
    );
    let mut r = soap_runtime::xml::XmlReader::new(&xml, DecodeOptions::strict());
    let start = r.root_element().expect("root");
    let decoded = Request::decode(&mut r, &start).expect("decodes");
    assert_eq!(decoded, Some(request));
}

/// `status` has an input message without parts: the method takes no parameters, the request
/// `Body` is empty, and the `<status>` reply decodes.
#[tokio::test]
async fn an_operation_without_parameters_sends_an_empty_body() {
    let reply = format!(
        "<e:Envelope xmlns:e=\"{SOAP11_ENV_NS}\"><e:Body><l:status xmlns:l=\"urn:example:ledger\">\
         <open>true</open></l:status></e:Body></e:Envelope>"
    );
    let (runtime, server) = loopback(Answer::xml("200 OK", SoapVersion::Soap11, reply)).await;
    let result = ledger_soap::Client::new(runtime).status().await;
    let (head, body) = server.await.expect("server");
    assert_eq!(result.expect("decodes"), Status::new(true));
    assert!(
        head.contains("soapaction: \"urn:example:ledger#status\""),
        "{head}"
    );
    assert_eq!(
        body,
        format!(
            "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"{SOAP11_ENV_NS}\" xmlns:ns1=\"urn:example:ledger\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><SOAP-ENV:Body></SOAP-ENV:Body>\
             </SOAP-ENV:Envelope>"
        )
    );
}

/// `reset`'s output message has no part either: an envelope with an empty `Body` is the
/// answer, and `()` the result; a body element where none is declared is an error.
#[tokio::test]
async fn an_empty_response_body_returns_unit() {
    let empty = format!("<e:Envelope xmlns:e=\"{SOAP11_ENV_NS}\"><e:Body/></e:Envelope>");
    let (runtime, server) = loopback(Answer::xml("200 OK", SoapVersion::Soap11, empty)).await;
    let result: Result<(), soap_runtime::Error> = ledger_soap::Client::new(runtime).reset().await;
    let (_, body) = server.await.expect("server");
    result.expect("accepted");
    assert!(body.contains("<SOAP-ENV:Body></SOAP-ENV:Body>"), "{body}");

    let unexpected = format!(
        "<e:Envelope xmlns:e=\"{SOAP11_ENV_NS}\"><e:Body><l:status xmlns:l=\"urn:example:ledger\">\
         <open>true</open></l:status></e:Body></e:Envelope>"
    );
    let (runtime, server) = loopback(Answer::xml("200 OK", SoapVersion::Soap11, unexpected)).await;
    let result = ledger_soap::Client::new(runtime).reset().await;
    server.await.expect("server");
    let error = result.expect_err("a body element where the output message has no part");
    assert!(matches!(error.kind(), ErrorKind::Decode(_)), "{error:?}");
}

/// `audit` answers a request in `urn:example:ledger` with a `receipt` declared in
/// `urn:example:ledger:audit`: the reply is read in the response element's namespace, and the
/// response enum writes and recognises it there.
#[tokio::test]
async fn a_response_element_in_another_namespace_decodes() {
    use ledger::operations::ledger_soap::Response;
    use ledger::types::Receipt;
    use soap_runtime::xml::{DecodeOptions, XmlWriter};
    let reply = format!(
        "<e:Envelope xmlns:e=\"{SOAP11_ENV_NS}\"><e:Body>\
         <a:receipt xmlns:a=\"urn:example:ledger:audit\"><id>7</id></a:receipt></e:Body></e:Envelope>"
    );
    let (runtime, server) = loopback(Answer::xml("200 OK", SoapVersion::Soap11, reply)).await;
    let result = ledger_soap::Client::new(runtime).audit(&post()).await;
    let (_, body) = server.await.expect("server");
    let receipt = result.expect("decodes");
    assert_eq!(receipt, Receipt::new(7));
    assert!(body.contains("<SOAP-ENV:Body><ns1:post>"), "{body}");

    let in_request_namespace = format!(
        "<e:Envelope xmlns:e=\"{SOAP11_ENV_NS}\"><e:Body>\
         <l:receipt xmlns:l=\"urn:example:ledger\"><id>7</id></l:receipt></e:Body></e:Envelope>"
    );
    let (runtime, server) = loopback(Answer::xml(
        "200 OK",
        SoapVersion::Soap11,
        in_request_namespace,
    ))
    .await;
    let result = ledger_soap::Client::new(runtime).audit(&post()).await;
    server.await.expect("server");
    let error = result.expect_err("the receipt is not in the request's namespace");
    assert!(matches!(error.kind(), ErrorKind::Decode(_)), "{error:?}");

    let response = Response::Audit(receipt);
    let mut w = XmlWriter::new("urn:example:ledger");
    response.encode(&mut w);
    let xml = w.into_string();
    assert_eq!(
        xml,
        "<ns2:receipt xmlns:ns1=\"urn:example:ledger\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xmlns:ns2=\"urn:example:ledger:audit\"><id>7</id></ns2:receipt>"
    );
    let mut r = soap_runtime::xml::XmlReader::new(&xml, DecodeOptions::strict());
    let start = r.root_element().expect("root");
    let decoded = Response::decode(&mut r, &start).expect("decodes");
    assert_eq!(decoded, Some(response));
}
