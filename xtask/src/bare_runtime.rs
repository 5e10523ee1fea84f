//! The `lib.rs` of the bare runtime crate `codegen-compat` checks generator fixtures against:
//! the real codec (`xml`), envelope and `OperationMeta` modules, and a stand-in `Client` whose
//! `invoke` has the runtime's signature shape (generic over the operation's body types, a `Send`
//! future that does not borrow the header list). Non-Marketo WSDLs cannot be checked against
//! the full runtime, whose paging and request guards name Marketo types.

/// Source files copied from `mktows/src` into the bare crate (relative paths).
pub const COPIED: &[&str] = &["xml", "envelope", "envelope.rs", "operation.rs"];

/// The bare crate's `lib.rs`.
pub const LIB_RS: &str = r#"//! Bare runtime for checking generated code: the real codec, envelope and operation metadata,
//! and a stand-in client.
#![forbid(unsafe_code)]

pub mod envelope;
pub mod operation;
pub mod xml;

#[rustfmt::skip]
pub mod generated;

/// Stand-in for the runtime's error type.
#[derive(Debug)]
pub struct Error;

/// Stand-in for the runtime's client.
#[derive(Debug)]
pub struct Client;

impl Client {
    /// Same signature shape as the runtime's `invoke`; always fails.
    pub fn invoke<'s, P: xml::XmlEncode + Sync + 'static, R: xml::XmlDecode>(
        &'s self,
        op: &'static operation::OperationMeta,
        params: &P,
        extra: &[envelope::HeaderBlock<'_>],
    ) -> impl std::future::Future<Output = Result<R, Error>> + Send + use<'s, P, R> {
        let _ = (op, params, extra);
        async { Err(Error) }
    }
}
"#;
