//! A call with its borrowed inputs serialised once, ready to be completed for each attempt.

use crate::envelope::{self, HeaderBlock};
use crate::header::{HeaderProvider, HeaderSink};
use crate::operation::OperationMeta;
use crate::xml::{Name, XmlEncode, XmlWriter};

/// A call with everything borrowed already serialised: the body and the caller's headers are
/// rendered once; each attempt only adds the header provider's blocks.
pub(crate) struct PreparedCall {
    pub(crate) op: &'static OperationMeta,
    body: RenderedContent,
    /// The caller's header blocks: (namespace, local name, content).
    headers: Vec<(&'static str, String, RenderedContent)>,
}

impl PreparedCall {
    pub(crate) fn new<P: XmlEncode + ?Sized>(
        op: &'static OperationMeta,
        params: &P,
        extra: &[HeaderBlock<'_>],
        provider: Option<&dyn HeaderProvider>,
    ) -> Result<Self, String> {
        let mut headers: Vec<(&'static str, String, RenderedContent)> =
            Vec::with_capacity(extra.len());
        for block in extra {
            if provider.is_some_and(|p| p.provides(block.local)) {
                return Err(format!(
                    "SOAP header `{}` is written by the client itself",
                    block.local
                ));
            }
            if !op.has_input_header(block.local) {
                return Err(format!(
                    "operation `{}` declares no SOAP header `{}`",
                    op.name, block.local
                ));
            }
            if headers.iter().any(|(_, local, _)| local == block.local) {
                return Err(format!("SOAP header `{}` given twice", block.local));
            }
            headers.push((
                block.namespace,
                block.local.to_owned(),
                RenderedContent::new(op.namespace, block.local, block.value)?,
            ));
        }
        Ok(Self {
            op,
            body: RenderedContent::new(op.namespace, op.request_element, params)?,
            headers,
        })
    }

    /// The envelope of one attempt: the provider's header blocks first, then the caller's.
    pub(crate) fn envelope(&self, provider: Option<&dyn HeaderProvider>) -> Result<String, String> {
        let mut provided = XmlWriter::new(self.op.namespace);
        provided.assume_declared();
        if let Some(provider) = provider {
            provider.write_headers(self.op, &mut HeaderSink::new(&mut provided))?;
        }
        if let Some(invalid) = provided.first_invalid_char() {
            return Err(format!("SOAP header written by the client: {invalid}"));
        }
        let provided = RenderedContent {
            content: provided.into_string(),
            xsi_type: None,
        };
        let mut blocks: Vec<HeaderBlock<'_>> = Vec::with_capacity(self.headers.len());
        for (namespace, local, content) in &self.headers {
            blocks.push(HeaderBlock {
                namespace,
                local,
                value: content,
            });
        }
        Ok(envelope::write_request_with_raw_headers(
            self.op.soap_version,
            self.op.namespace,
            &provided.content,
            &blocks,
            self.op.request_element,
            &self.body,
        ))
    }
}

/// Element content rendered once and replayed verbatim into each attempt's envelope.
struct RenderedContent {
    content: String,
    xsi_type: Option<Name>,
}

impl RenderedContent {
    /// Renders `value`, the content of element `local`; `Err` when a value holds a character
    /// XML cannot carry (the request would not say what the caller meant).
    fn new<T: XmlEncode + ?Sized>(
        namespace: &'static str,
        local: &str,
        value: &T,
    ) -> Result<Self, String> {
        let mut writer = XmlWriter::new(namespace);
        // Prefixes `ns1`/`xsi` are declared on the envelope; the content only uses them (and
        // declares any other namespace it needs itself).
        value.encode_content(&mut writer);
        if let Some(invalid) = writer.first_invalid_char() {
            return Err(format!("in `{local}`, {invalid}"));
        }
        Ok(Self {
            content: writer.into_string(),
            xsi_type: value.xsi_type(),
        })
    }
}

impl XmlEncode for RenderedContent {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.raw(&self.content);
    }

    fn xsi_type(&self) -> Option<Name> {
        self.xsi_type
    }
}
