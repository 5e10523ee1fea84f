//! The raw quick-xml event scan: the floor any quick-xml based decoder pays (no unescaping,
//! no allocation per value, nothing built).
//!
//! This file is compiled twice: into the benchmark (`bench::raw_scan`) and, through a
//! `#[path]` module, into the stand-alone `bench-raw-scan` binary, so the same loop can be
//! timed in two code placements (see [`super::placement`]).

use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// Reads every event of `xml` with quick-xml and folds element-name, attribute and text
/// lengths into a checksum, so the optimiser cannot drop the work. No text is unescaped.
///
/// Uses the reader configuration of the codec (`mktows::xml::XmlReader`): end-name
/// checks on, empty elements not expanded, no trimming. Never inlined, so every placement
/// times this one function body rather than a copy merged into its caller.
#[inline(never)]
pub fn raw_event_scan(xml: &str) -> Result<u64, String> {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    config.trim_text(false);
    let mut checksum: u64 = 0;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("raw scan: byte {}: {e}", reader.buffer_position()))?;
        let touched = match &event {
            Event::Start(start) | Event::Empty(start) => {
                start.name().as_ref().len() + start.attributes_raw().len()
            }
            Event::End(end) => end.name().as_ref().len(),
            Event::Text(text) => text.len(),
            Event::GeneralRef(reference) => reference.len(),
            Event::CData(data) => data.len(),
            Event::Eof => break,
            _ => 1,
        };
        checksum = checksum.wrapping_mul(31).wrapping_add(touched as u64);
    }
    Ok(checksum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_scan_reads_the_whole_document_and_depends_on_its_content() {
        let a =
            raw_event_scan("<a x=\"1\"><b>t &amp; u</b><c/></a>").unwrap_or_else(|e| panic!("{e}"));
        let b = raw_event_scan("<a x=\"1\"><b>longer text</b><c/></a>")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(a, b);
    }

    #[test]
    fn raw_scan_reports_malformed_input() {
        let error = raw_event_scan("<a><b></a>").err().unwrap_or_default();
        assert!(error.starts_with("raw scan: byte"), "{error}");
    }
}
