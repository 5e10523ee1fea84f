//! The response size limit bounds bytes on the wire; the decoded-size budget bounds what those
//! bytes become. `<item/>` is 7 bytes but a decoded item can be hundreds, so a body of empty
//! items must fail with a clear error rather than multiply into memory.

use soap_runtime::envelope::{EnvelopeError, FaultDetailEntry, read_response};
use soap_runtime::xml::{
    DecodeError, DecodeErrorKind, DecodeOptions, ElementStart, Form, XmlDecode, XmlReader,
};

/// A record as large as a typical generated struct with a handful of optional fields.
#[derive(Debug, Default)]
struct Record {
    _fields: [Option<String>; 8],
}

impl XmlDecode for Record {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        while let Some(child) = r.next_child(Form::Unqualified)? {
            r.unknown(&child)?;
        }
        Ok(Record::default())
    }
}

/// `<list><item/>…</list>` read the way generated decoders read repeated elements.
#[derive(Debug)]
struct RecordList {
    items: Vec<Record>,
    names: Vec<String>,
}

impl XmlDecode for RecordList {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut items = Vec::new();
        let mut names = Vec::new();
        while let Some(child) = r.next_child(Form::Unqualified)? {
            match child.local_name() {
                "item" => {
                    let value = r.complex_item(&child, items.len() + 1)?;
                    items.push(value);
                }
                "name" => {
                    let value = r.simple_item(&child, names.len() + 1)?;
                    names.push(value);
                }
                _ => r.unknown(&child)?,
            }
        }
        Ok(Self { items, names })
    }
}

fn list(items: usize, names: usize) -> String {
    format!(
        "<ns:list xmlns:ns=\"urn:example\">{}{}</ns:list>",
        "<item/>".repeat(items),
        "<name>n</name>".repeat(names)
    )
}

fn decode(document: &str, budget: Option<u64>) -> Result<RecordList, DecodeError> {
    let options = DecodeOptions {
        max_decoded_bytes: budget,
        ..DecodeOptions::lenient()
    };
    XmlReader::new(document, options).root::<RecordList>("urn:example", "list")
}

const RECORD: u64 = std::mem::size_of::<Record>() as u64;
const NAME: u64 = std::mem::size_of::<String>() as u64;

#[test]
fn items_within_the_budget_decode() {
    let decoded =
        decode(&list(100, 10), Some(100 * RECORD + 10 * NAME)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((decoded.items.len(), decoded.names.len()), (100, 10));
}

#[test]
fn one_item_over_the_budget_is_a_clear_error() {
    // Two records (2 × 192 bytes) or one name (24 bytes) more than the budget holds.
    for (items, names) in [(102, 0), (100, 11)] {
        let error = decode(&list(items, names), Some(100 * RECORD + 10 * NAME))
            .err()
            .unwrap_or_else(|| panic!("{items} items and {names} names fit"));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::DecodedTooLarge {
                limit: 100 * RECORD + 10 * NAME
            }
        );
        let text = error.to_string();
        assert!(text.contains("max_decoded_bytes"), "{text}");
        assert!(text.starts_with("list/"), "{text}");
    }
}

#[test]
fn the_default_budget_stops_an_amplifying_body() {
    // 8 MiB of `<item/>` would decode into about 1.2 M records (over 230 MB); the default
    // budget (the default response limit, 64 MiB) stops it at a fraction of that.
    let items = 8 * 1024 * 1024 / "<item/>".len();
    assert!(items as u64 * RECORD > 3 * soap_runtime::limits::DEFAULT_MAX_RESPONSE_BYTES);
    let error = decode(&list(items, 0), None)
        .err()
        .unwrap_or_else(|| panic!("{items} records decoded"));
    assert_eq!(
        error.kind(),
        &DecodeErrorKind::DecodedTooLarge {
            limit: soap_runtime::limits::DEFAULT_MAX_RESPONSE_BYTES
        }
    );
}

#[test]
fn a_fault_detail_is_charged_to_the_budget_too() {
    let fault = |entries: usize| {
        format!(
            "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><e:Fault>\
             <faultcode>e:Server</faultcode><faultstring>x</faultstring><detail>{}</detail>\
             </e:Fault></e:Body></e:Envelope>",
            "<d/>".repeat(entries)
        )
    };
    let entry = std::mem::size_of::<FaultDetailEntry>() as u64;
    let options = DecodeOptions {
        max_decoded_bytes: Some(10 * entry),
        ..DecodeOptions::lenient()
    };
    let read = |document: &str| {
        read_response::<RecordList>(document, "urn:example", "list", options.clone())
    };
    match read(&fault(10)) {
        Err(EnvelopeError::Fault(fault)) => assert_eq!(fault.detail.len(), 10),
        other => panic!("{other:?}"),
    }
    match read(&fault(11)) {
        Err(EnvelopeError::Decode(error)) => assert_eq!(
            error.kind(),
            &DecodeErrorKind::DecodedTooLarge { limit: 10 * entry }
        ),
        other => panic!("{other:?}"),
    }
}
