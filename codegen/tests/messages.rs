//! What a reply carries besides its body, end to end: `fixtures/messages.wsdl` generates
//! `generated/messages_client.rs` (one file, modules inline; checked in, and checked here to be
//! exactly what the generator writes today), whose client calls a loopback server. Output
//! `soap:header`s come back decoded from `<op>_with_reply_headers`; a declared fault's detail
//! decodes into the operation's `<Op>Fault` enum.

use std::path::Path;

// Generated output is compared byte for byte: `cargo fmt` must leave it as written.
#[rustfmt::skip]
#[allow(dead_code)]
#[path = "generated/messages_client.rs"]
mod messages;

#[path = "support/loopback.rs"]
mod loopback;

use loopback::{Answer, loopback};
use messages::Client;
use messages::client::{StatusReplyHeaders, SubmitHeaders, SubmitReplyHeaders};
use messages::operations::{StatusFault, SubmitFault};
use messages::types::{
    BusyFault, Debugging, Location, RejectedFault, Session, Status, Submit, Trace,
};
use soap_runtime::envelope::{SOAP11_ENV_NS, SoapVersion};

const FIXTURE: &str = "tests/fixtures/messages.wsdl";
const GENERATED: &str = "tests/generated/messages_client.rs";

/// The checked-in client is what the generator produces from the fixture now
/// (`CODEGEN_BLESS=1 cargo test -p mktows-codegen --test messages` rewrites it).
#[test]
fn checked_in_client_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(FIXTURE)).expect("fixture");
    let resolver = wsdl::MemoryResolver::new().with("messages.wsdl", text.as_str());
    let defs = wsdl::load_with("messages.wsdl", &resolver).expect("fixture loads");
    let input = codegen::InputInfo::from_bytes("messages.wsdl", text.as_bytes());
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

/// A SOAP 1.1 reply with `header` (the whole `Header` element, or nothing) and `body`.
fn reply(header: &str, body: &str) -> Answer {
    Answer::xml(
        "200 OK",
        SoapVersion::Soap11,
        format!(
            "<e:Envelope xmlns:e=\"{SOAP11_ENV_NS}\" xmlns:m=\"urn:example:messages\">{header}\
             <e:Body>{body}</e:Body></e:Envelope>"
        ),
    )
}

const SUBMIT_RESPONSE: &str = "<m:submitResponse><m:ticket>T-1</m:ticket></m:submitResponse>";

#[tokio::test]
async fn declared_reply_headers_come_back_decoded_with_the_response() {
    let header = "<e:Header><w:Action xmlns:w=\"urn:addressing\">urn:reply</w:Action>\
        <m:Debugging><m:log>checked sku</m:log></m:Debugging>\
        <a:Trace xmlns:a=\"urn:example:audit\"><a:id>tr-9</a:id></a:Trace></e:Header>";
    let (runtime, server) = loopback(reply(header, SUBMIT_RESPONSE)).await;
    let client = Client::new(runtime);
    let headers = SubmitHeaders {
        session: Some(Session {
            token: "s-1".into(),
        }),
    };
    let result = client
        .submit_with_reply_headers(&Submit { sku: "A7".into() }, &headers)
        .await;
    let (_, request) = server.await.expect("server");
    let (response, reply_headers) = result.expect("reply");
    assert!(request.contains("<ns1:token>s-1</ns1:token>"), "{request}");
    assert_eq!(response.ticket, "T-1");
    assert_eq!(
        reply_headers,
        SubmitReplyHeaders {
            debugging: Some(Debugging {
                log: "checked sku".into()
            }),
            trace: Some(Trace { id: "tr-9".into() }),
        }
    );
}

#[tokio::test]
async fn an_operation_without_input_headers_returns_its_reply_headers_too() {
    let body = "<m:statusResponse><m:state>open</m:state></m:statusResponse>";
    let (runtime, server) = loopback(reply("", body)).await;
    let result = Client::new(runtime)
        .status_with_reply_headers(&Status {
            ticket: "T-1".into(),
        })
        .await;
    server.await.expect("server");
    let (response, reply_headers) = result.expect("reply");
    assert_eq!(response.state, "open");
    // The reply carried no header: every declared one is `None`.
    assert_eq!(reply_headers, StatusReplyHeaders::default());
}

#[tokio::test]
async fn the_plain_method_still_returns_the_response_alone() {
    let header = "<e:Header><m:Debugging><m:log>x</m:log></m:Debugging></e:Header>";
    let (runtime, server) = loopback(reply(header, SUBMIT_RESPONSE)).await;
    let result = Client::new(runtime)
        .submit(&Submit { sku: "A7".into() })
        .await;
    server.await.expect("server");
    assert_eq!(result.expect("reply").ticket, "T-1");
}

/// A SOAP 1.1 fault answer whose `detail` holds `entries`.
fn fault(entries: &str) -> Answer {
    Answer::xml(
        "500 Internal Server Error",
        SoapVersion::Soap11,
        format!(
            "<e:Envelope xmlns:e=\"{SOAP11_ENV_NS}\" xmlns:m=\"urn:example:messages\"><e:Body>\
             <e:Fault><faultcode>e:Client</faultcode><faultstring>rejected</faultstring>\
             <detail>{entries}</detail></e:Fault></e:Body></e:Envelope>"
        ),
    )
}

/// Calls `submit` against a server answering `answer`; the call must fail.
async fn submit_error(answer: Answer) -> soap_runtime::Error {
    let (runtime, server) = loopback(answer).await;
    let result = Client::new(runtime)
        .submit(&Submit { sku: "A7".into() })
        .await;
    server.await.expect("server");
    result.expect_err("a fault")
}

#[tokio::test]
async fn a_declared_fault_decodes_into_the_operation_fault_enum() {
    let error = submit_error(fault(
        "<m:RejectedFault code=\"4711\"><m:reason>bad sku</m:reason>\
         <m:at><m:line>3</m:line><m:column>9</m:column></m:at></m:RejectedFault>",
    ))
    .await;
    assert_eq!(
        error.fault().map(|f| f.fault_string.as_str()),
        Some("rejected")
    );
    assert_eq!(
        error.fault_detail::<SubmitFault>(),
        Some(Ok(SubmitFault::Rejected(RejectedFault {
            code: 4711,
            reason: "bad sku".into(),
            at: Location { line: 3, column: 9 },
        })))
    );
    // Another operation's enum does not declare that fault.
    assert_eq!(error.fault_detail::<StatusFault>(), None);
}

#[tokio::test]
async fn the_first_declared_entry_is_decoded_and_a_broken_one_is_an_error() {
    let error = submit_error(fault(
        "<x:Note xmlns:x=\"urn:other\">first</x:Note>\
         <m:BusyFault><m:retryAfter>30</m:retryAfter></m:BusyFault>",
    ))
    .await;
    assert_eq!(
        error.fault_detail::<SubmitFault>(),
        Some(Ok(SubmitFault::Busy(BusyFault { retry_after: 30 })))
    );
    let broken = submit_error(fault(
        "<m:BusyFault><m:retryAfter>soon</m:retryAfter></m:BusyFault>",
    ))
    .await;
    assert!(
        matches!(broken.fault_detail::<SubmitFault>(), Some(Err(_))),
        "{broken:?}"
    );
}

#[tokio::test]
async fn an_undeclared_detail_arrives_whole() {
    let error = submit_error(fault(
        "<x:Unexpected xmlns:x=\"urn:other\" level=\"2\"><x:inner><x:deep>d</x:deep></x:inner></x:Unexpected>",
    ))
    .await;
    assert_eq!(error.fault_detail::<SubmitFault>(), None);
    let entry = &error.fault().expect("fault").detail[0];
    assert_eq!(entry.local, "Unexpected");
    assert_eq!(entry.text(), "d");
    let element = entry.element.as_ref().expect("kept whole");
    assert_eq!(element.content.attributes[0].value, "2");
}

#[test]
fn each_fault_enum_lists_its_detail_elements() {
    let ns = Some("urn:example:messages");
    assert_eq!(
        SubmitFault::DETAIL_ELEMENTS,
        [(ns, "RejectedFault"), (ns, "BusyFault")]
    );
    assert_eq!(StatusFault::DETAIL_ELEMENTS, [(ns, "BusyFault")]);
}

/// A fault the generator cannot type is named in the operation's documentation; its detail
/// still arrives whole.
#[test]
fn a_fault_that_cannot_be_typed_is_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(FIXTURE))
        .expect("fixture")
        .replace(
            r#"<part name="fault" element="tns:BusyFault"/>"#,
            r#"<part name="fault" type="xs:int"/>"#,
        );
    let resolver = wsdl::MemoryResolver::new().with("messages.wsdl", text.as_str());
    let defs = wsdl::load_with("messages.wsdl", &resolver).expect("fixture loads");
    let input = codegen::InputInfo::from_bytes("messages.wsdl", text.as_bytes());
    let code = codegen::generate_single_file(&defs, &input, &codegen::Declarations::default())
        .expect("generates");
    assert!(
        code.contains("Not typed: fault `Busy`: its message is not one element part"),
        "{code}"
    );
    assert!(!code.contains("pub enum StatusFault"), "{code}");
    assert!(code.contains("pub enum SubmitFault"), "{code}");
}

/// An output header the generator cannot decode is refused where its message is written,
/// instead of being left out of the client.
#[test]
fn an_output_header_part_with_a_type_is_refused_at_its_message() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(FIXTURE))
        .expect("fixture")
        .replace(
            r#"<part name="Debugging" element="tns:Debugging"/>"#,
            r#"<part name="Debugging" type="xs:string"/>"#,
        );
    let resolver = wsdl::MemoryResolver::new().with("messages.wsdl", text.as_str());
    let defs = wsdl::load_with("messages.wsdl", &resolver).expect("fixture loads");
    let input = codegen::InputInfo::from_bytes("messages.wsdl", text.as_bytes());
    let error = codegen::generate_single_file(&defs, &input, &codegen::Declarations::default())
        .expect_err("refused");
    let message = error.to_string();
    assert!(message.starts_with("messages.wsdl:52:3:"), "{message}");
    assert!(
        message.contains("unsupported: output header part `Debugging` with type="),
        "{message}"
    );
}
