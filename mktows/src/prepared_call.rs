//! A call with its borrowed inputs serialised once, ready to be signed for each attempt.

use crate::auth::{AUTHENTICATION_HEADER, SignedHeader};
use crate::envelope::{self, HeaderBlock};
use crate::operation::OperationMeta;
use crate::xml::{XmlEncode, XmlWriter};

/// A call with everything borrowed already serialised: the body and the extra headers are
/// rendered once; each attempt only adds a freshly signed `AuthenticationHeader`.
pub(crate) struct PreparedCall {
    pub(crate) op: &'static OperationMeta,
    body: RenderedContent,
    headers: Vec<(String, RenderedContent)>,
}

impl PreparedCall {
    pub(crate) fn new<P: XmlEncode + ?Sized>(
        op: &'static OperationMeta,
        params: &P,
        extra: &[HeaderBlock<'_>],
    ) -> Result<Self, String> {
        let mut headers: Vec<(String, RenderedContent)> = Vec::with_capacity(extra.len());
        for block in extra {
            if block.local == AUTHENTICATION_HEADER {
                return Err(format!(
                    "`{AUTHENTICATION_HEADER}` is written by the client itself"
                ));
            }
            if !op.has_input_header(block.local) {
                return Err(format!(
                    "operation `{}` declares no SOAP header `{}`",
                    op.name, block.local
                ));
            }
            if headers.iter().any(|(local, _)| local == block.local) {
                return Err(format!("SOAP header `{}` given twice", block.local));
            }
            headers.push((
                block.local.to_owned(),
                RenderedContent::new(op.namespace, block.value),
            ));
        }
        Ok(Self {
            op,
            body: RenderedContent::new(op.namespace, params),
            headers,
        })
    }

    pub(crate) fn envelope(&self, signed: &SignedHeader) -> String {
        let mut blocks: Vec<HeaderBlock<'_>> = Vec::with_capacity(self.headers.len() + 1);
        blocks.push(HeaderBlock {
            local: AUTHENTICATION_HEADER,
            value: signed,
        });
        for (local, content) in &self.headers {
            blocks.push(HeaderBlock {
                local,
                value: content,
            });
        }
        envelope::write_request(
            self.op.namespace,
            &blocks,
            self.op.request_element,
            &self.body,
        )
    }
}

/// Element content rendered once and replayed verbatim into each attempt's envelope.
struct RenderedContent {
    content: String,
    xsi_type: Option<&'static str>,
}

impl RenderedContent {
    fn new<T: XmlEncode + ?Sized>(namespace: &'static str, value: &T) -> Self {
        let mut writer = XmlWriter::new(namespace);
        // Prefixes `ns1`/`xsi` are declared on the envelope's body and header roots; the
        // content only uses them.
        value.encode_content(&mut writer);
        Self {
            content: writer.into_string(),
            xsi_type: value.xsi_type(),
        }
    }
}

impl XmlEncode for RenderedContent {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.raw(&self.content);
    }

    fn xsi_type(&self) -> Option<&'static str> {
        self.xsi_type
    }
}
