//! Property tests of the generated codecs, driven by the schema itself.
//!
//! For every global element of mktows-2_2 (the 23 `params*`, the 23 `success*` and the two
//! headers) `support::schema_docs` writes random valid documents; each must survive
//! decode → encode → decode unchanged (`v1 == v2`), re-encode byte-for-byte (`encode(v2) ==
//! encode(v1)`), and the first encoding must carry the same information as the random
//! document (`support::xml_equiv`). Runs are deterministic (fixed seed per element) and failing
//! cases are shrunk by proptest to a small document, which the failure message shows.

#[allow(dead_code)]
mod support;

use std::cell::{Cell, RefCell};

use proptest::collection::vec;
use proptest::prelude::any;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

use support::schema_docs::{Choices, random_document};
use support::schema_view::SchemaView;
use support::shared_data::{load_main_wsdl, shared_dir};

/// Decisions per document: enough for the largest types to fill several levels of nesting.
const MAX_CHOICES: usize = 600;

/// A deterministic runner per element (the seed is derived from the element name, so adding an
/// element does not change the documents of the others). No failure files are written.
fn runner_for(element: &str, cases: u32) -> TestRunner {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in element.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut seed = [0u8; 32];
    for (i, chunk) in seed.chunks_mut(8).enumerate() {
        let word = hash.rotate_left(u32::try_from(i * 16).unwrap_or(0)) ^ (i as u64);
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed))
}

/// The generator must produce what its documentation promises, or the round-trip property
/// would be checking less than it claims: across the corpus, every kind of edge case occurs,
/// and every document is well-formed XML whose root is the requested element.
#[test]
fn generated_documents_cover_the_edge_cases() {
    let Some(dir) = shared_dir("generated_documents_cover_the_edge_cases") else {
        return;
    };
    let defs = load_main_wsdl(&dir);
    let view = SchemaView::new(&defs);
    let features: &[(&str, &str)] = &[
        ("nil", "nil=\""),
        ("xsi:type LeadKeySelector", "LeadKeySelector\""),
        ("xsi:type StaticListSelector", "StaticListSelector\""),
        ("xsi:type LastUpdateAtSelector", "LastUpdateAtSelector\""),
        ("unknown enum value", ">NEWVALUE<"),
        ("CDATA section", "<![CDATA["),
        ("escaped ]]>", "]]&gt;"),
        ("carriage return", "&#13;"),
        ("emoji", "😀"),
        ("int extreme", "-2147483648"),
        ("dateTime with offset", "-07:00<"),
        ("dateTime in UTC", "Z<"),
        ("default namespace", "xmlns=\"\""),
        ("comment", "<!--"),
        ("empty element", "/>"),
    ];
    let seen = RefCell::new(vec![0usize; features.len()]);
    let documents = Cell::new(0usize);
    for decl in view.global_elements() {
        let local = decl.name.local.as_str();
        let mut runner = runner_for(local, 32);
        let result = runner.run(&vec(any::<u32>(), 0..MAX_CHOICES), |choices| {
            let doc = random_document(&view, local, &mut Choices::new(&choices))
                .map_err(TestCaseError::fail)?;
            let parsed = roxmltree::Document::parse(&doc)
                .map_err(|e| TestCaseError::fail(format!("not well-formed: {e}\n{doc}")))?;
            let root = parsed.root_element().tag_name();
            if root.name() != local || root.namespace() != Some(view.target_namespace()) {
                return Err(TestCaseError::fail(format!("wrong root {root:?}")));
            }
            for ((_, needle), count) in features.iter().zip(seen.borrow_mut().iter_mut()) {
                if doc.contains(needle) {
                    *count += 1;
                }
            }
            documents.set(documents.get() + 1);
            Ok(())
        });
        if let Err(e) = result {
            panic!("{local}: {e}");
        }
    }
    let seen = seen.into_inner();
    let documents = documents.get();
    let missing: Vec<&str> = features
        .iter()
        .zip(&seen)
        .filter(|(_, count)| **count == 0)
        .map(|((name, _), _)| *name)
        .collect();
    assert!(
        missing.is_empty(),
        "{documents} generated documents never contained: {missing:?}"
    );
}

/// The choice stream shrinks towards the smallest valid document: with no decisions left every
/// optional element is absent, so a required-only document comes out.
#[test]
fn exhausted_choices_give_the_minimal_document() {
    let Some(dir) = shared_dir("exhausted_choices_give_the_minimal_document") else {
        return;
    };
    let defs = load_main_wsdl(&dir);
    let view = SchemaView::new(&defs);
    let doc = random_document(&view, "paramsGetLead", &mut Choices::new(&[]));
    assert_eq!(
        doc.as_deref(),
        Ok(concat!(
            r#"<ns1:paramsGetLead xmlns:ns1="http://www.marketo.com/mktows/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<leadKey><keyType>IDNUM</keyType><keyValue></keyValue></leadKey></ns1:paramsGetLead>"
        ))
    );
}
