//! The `lib.rs` of the bare crate `codegen-compat` checks generator fixtures against: the
//! generated code on the generic SOAP runtime (`soap_runtime`), with a plain `Client` that
//! calls it without any service's rules. Non-Marketo WSDLs are checked this way, since the full
//! `mktows` crate's paging and request guards name Marketo types.

/// Source files copied from `mktows/src` into the bare crate (relative paths): none, the
/// runtime is a dependency.
pub const COPIED: &[&str] = &[];

/// The bare crate's `lib.rs`.
pub const LIB_RS: &str = r#"//! Generated code on the generic SOAP runtime, with a client that applies no service rules.
#![forbid(unsafe_code)]

#[rustfmt::skip]
pub mod generated;

/// A client that calls operations through the generic runtime.
#[derive(Debug, Clone)]
pub struct Client {
    runtime: soap_runtime::Client,
}

impl Client {
    /// Wraps a configured runtime client.
    pub fn new(runtime: soap_runtime::Client) -> Self {
        Self { runtime }
    }

    /// Calls one operation (what every generated port method ends in).
    pub fn invoke<'s, P: soap_runtime::xml::XmlEncode + Sync + 'static, R: soap_runtime::xml::XmlDecode>(
        &'s self,
        op: &'static soap_runtime::OperationMeta,
        params: &P,
        extra: &[soap_runtime::envelope::HeaderBlock<'_>],
    ) -> impl std::future::Future<Output = Result<R, soap_runtime::Error>> + Send + use<'s, P, R> {
        self.runtime.invoke(op, params, extra, None)
    }
}
"#;
