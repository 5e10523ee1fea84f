//! The envelope reader against the documented Marketo payloads in `../shared/marketo/examples`
//! (read in place; see `index.tsv` there): every well-formed response is found under its body
//! root whatever the prefixes, the documented fault parses, the not-well-formed pages are
//! rejected, and every request yields its header blocks and body root.

#[path = "../../xtask/test-support/shared_data.rs"]
mod shared_data;

use std::fs;
use std::path::{Path, PathBuf};

use mktows::envelope::{self, EnvelopeError};
use mktows::xml::{DecodeError, DecodeOptions, ElementStart, XmlDecode, XmlReader};
use shared_data::shared_dir;

const NS: &str = "http://www.marketo.com/mktows/";

/// Accepts any content: these tests are about the envelope, not the body types.
#[derive(Debug)]
struct AnyContent {
    children: usize,
}

impl XmlDecode for AnyContent {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut children = 0;
        while let Some(child) = r.next_element()? {
            children += 1;
            r.skip(&child)?;
        }
        Ok(AnyContent { children })
    }
}

/// Marketo's documented example payloads in the reference data.
fn examples_dir() -> PathBuf {
    shared_dir().join("marketo/examples")
}

struct Row {
    file: String,
    kind: String,
    soap_envelope: bool,
    body_local: String,
    well_formed: bool,
}

fn rows(dir: &Path) -> Vec<Row> {
    let index = fs::read_to_string(dir.join("index.tsv")).expect("index.tsv");
    index
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let col = |i: usize| cols.get(i).copied().unwrap_or_default();
            Row {
                file: col(0).to_owned(),
                kind: col(2).to_owned(),
                soap_envelope: col(6) == "yes",
                body_local: col(7).rsplit(':').next().unwrap_or_default().to_owned(),
                well_formed: col(8) == "yes",
            }
        })
        .collect()
}

#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn documented_responses_are_found_by_namespace_whatever_the_prefix() {
    let dir = examples_dir();
    let mut checked = 0;
    for row in rows(&dir).iter().filter(|r| r.kind == "response") {
        let xml = fs::read_to_string(dir.join(&row.file)).expect("example file");
        let result = if row.soap_envelope {
            envelope::read_response::<AnyContent>(
                &xml,
                NS,
                &row.body_local,
                DecodeOptions::lenient(),
            )
        } else {
            XmlReader::new(&xml, DecodeOptions::lenient())
                .root::<AnyContent>(NS, &row.body_local)
                .map_err(EnvelopeError::Decode)
        };
        match (row.well_formed, result) {
            (true, Ok(body)) => assert!(body.children > 0, "{}: empty body root", row.file),
            (true, Err(e)) => panic!("{}: {e}", row.file),
            (false, Err(EnvelopeError::Decode(_))) => {}
            (false, other) => panic!("{}: not well-formed but read as {other:?}", row.file),
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} responses in the index");
}

#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn documented_fault_is_a_fault_with_its_code() {
    let dir = examples_dir();
    let faults: Vec<Row> = rows(&dir)
        .into_iter()
        .filter(|r| r.kind == "fault")
        .collect();
    assert!(!faults.is_empty(), "no fault example in the index");
    for row in faults {
        let xml = fs::read_to_string(dir.join(&row.file)).expect("example file");
        match envelope::read_response::<AnyContent>(
            &xml,
            NS,
            "successGetLeadActivity",
            DecodeOptions::strict(),
        ) {
            Err(EnvelopeError::Fault(fault)) => {
                assert_eq!(fault.fault_code_local(), "Client", "{}", row.file);
                assert_eq!(mktows::fault_code(&fault).code(), 20014, "{}", row.file);
                let ex = mktows::ServiceException::of(&fault).expect("serviceException");
                assert_eq!(ex.name.as_deref(), Some("mktServiceException"));
            }
            other => panic!("{}: expected a fault, got {other:?}", row.file),
        }
    }
}

#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn documented_requests_yield_headers_and_body_root() {
    let dir = examples_dir();
    let mut checked = 0;
    for row in rows(&dir)
        .iter()
        .filter(|r| r.kind == "request" && r.soap_envelope)
    {
        let xml = fs::read_to_string(dir.join(&row.file)).expect("example file");
        let mut req = envelope::read_request(&xml, DecodeOptions::lenient())
            .unwrap_or_else(|e| panic!("{}: {e}", row.file));
        let mut headers = Vec::new();
        while let Some(h) = req
            .next_header()
            .unwrap_or_else(|e| panic!("{}: {e}", row.file))
        {
            assert_eq!(
                h.namespace(),
                Some(NS),
                "{}: header {}",
                row.file,
                h.local_name()
            );
            headers.push(h.local_name().to_owned());
            let _: AnyContent = req
                .reader()
                .complex(&h)
                .unwrap_or_else(|e| panic!("{}: {e}", row.file));
        }
        assert!(
            headers.iter().any(|h| h == "AuthenticationHeader"),
            "{}: headers {headers:?}",
            row.file
        );
        let body = req.body().unwrap_or_else(|e| panic!("{}: {e}", row.file));
        assert_eq!(body.local_name(), row.body_local, "{}", row.file);
        assert_eq!(body.namespace(), Some(NS), "{}", row.file);
        let _: AnyContent = req
            .reader()
            .complex(&body)
            .unwrap_or_else(|e| panic!("{}: {e}", row.file));
        req.finish().unwrap_or_else(|e| panic!("{}: {e}", row.file));
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} requests in the index");
}
