//! Characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE; U+FFFF) make a
//! document not well-formed: the decoder rejects them wherever they appear, in strict and
//! lenient mode, and the encoder refuses to write them rather than altering the value.

use soap_runtime::xml::{DecodeError, DecodeOptions, Name, XmlReader, XmlWriter};

/// Reads the root element's text and checks the rest of the document.
fn decode(document: &str, options: DecodeOptions) -> Result<String, DecodeError> {
    let mut reader = XmlReader::new(document, options);
    reader.root_element()?;
    let text = reader.text()?.into_owned();
    reader.finish()?;
    Ok(text)
}

fn both_modes() -> [DecodeOptions; 2] {
    [DecodeOptions::strict(), DecodeOptions::lenient()]
}

#[test]
fn forbidden_characters_are_rejected_wherever_they_appear() {
    let documents = [
        ("<a>x\u{0}y</a>", '\u{0}'),
        ("<a>\u{1b}[31m</a>", '\u{1b}'),
        ("<a>\u{fffe}</a>", '\u{fffe}'),
        ("<a>ok\u{ffff}</a>", '\u{ffff}'),
        ("<a><![CDATA[\u{8}]]></a>", '\u{8}'),
        ("<a b=\"\u{1}\">t</a>", '\u{1}'),
        ("<a>t</a><!-- \u{c} -->", '\u{c}'),
        ("<?xml version=\"1.0\"?>\n<a>\r\n\u{b}</a>", '\u{b}'),
    ];
    for (document, forbidden) in documents {
        let offset = document
            .find(forbidden)
            .unwrap_or_else(|| panic!("fixture lacks {forbidden:?}"));
        for options in both_modes() {
            let strict = options.strict;
            match decode(document, options) {
                Ok(text) => panic!("{document:?} (strict: {strict}) decoded as {text:?}"),
                Err(error) => {
                    assert_eq!(error.offset(), Some(offset as u64), "{document:?}: {error}");
                    let code = format!("U+{:04X}", u32::from(forbidden));
                    assert!(error.to_string().contains(&code), "{error}");
                }
            }
        }
    }
}

#[test]
fn every_character_xml_allows_still_decodes() {
    let text = "tab\tlf\ncr&#13;del\u{7f}nel\u{85}bom\u{feff}repl\u{fffd}\u{e000}\u{10ffff}é";
    let document = format!("<a>{text}</a>");
    for options in both_modes() {
        let decoded = decode(&document, options).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(decoded, text.replace("&#13;", "\r"));
    }
}

#[test]
fn the_writer_refuses_forbidden_characters_and_names_the_element() {
    let mut writer = XmlWriter::new("urn:example");
    writer.simple(Name::unqualified("fine"), &String::from("tab\tand\u{fffd}"));
    assert_eq!(writer.first_invalid_char(), None);
    writer.simple(Name::unqualified("email"), &String::from("a\u{0}b"));
    writer.simple(Name::unqualified("later"), &String::from("\u{ffff}"));
    let invalid = writer
        .first_invalid_char()
        .unwrap_or_else(|| panic!("NUL went unnoticed: {}", writer.as_str()));
    assert_eq!(invalid.character, '\u{0}');
    assert_eq!(invalid.element, Some("email"));
    assert_eq!(invalid.offset, 1);
    assert_eq!(
        invalid.to_string(),
        "`email` holds U+0000 at character 1, which XML 1.0 cannot carry"
    );
}
