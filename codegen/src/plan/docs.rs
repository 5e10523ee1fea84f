//! Doc comment text: schema documentation made safe for rustdoc, occurrence in words.

use super::Occurs;

/// "required", "optional, nillable", "repeated (0..unbounded)".
pub(super) fn occurrence_words(occurs: Occurs, nillable: bool) -> String {
    let base = match occurs {
        Occurs::Required => "required".to_owned(),
        Occurs::Optional => "optional".to_owned(),
        Occurs::Repeated { min, max } => match max {
            Some(max) => format!("repeated ({min}..{max})"),
            None => format!("repeated ({min}..unbounded)"),
        },
    };
    if nillable {
        format!("{base}, nillable")
    } else {
        base
    }
}

/// Documentation text → doc comment lines, normalised so no doc lint can trip over it: each
/// paragraph (lines separated by blank lines) becomes one line with its whitespace runs (tabs,
/// indentation, line breaks) collapsed to single spaces, so indentation can never turn prose
/// into a code block rustdoc would compile and a line that looks like a list item can never be
/// followed by a lazily continued one; paragraphs are separated by one empty line. The text is
/// shown as written, not read as Markdown: characters Markdown/rustdoc would read as HTML tags,
/// links, code spans or escapes (`<`, `>`, `[`, `]`, `` ` ``, `\`, a leading `~` fence) are
/// backslash-escaped, and each `http://`, `https://` or `ftp://` URL is written as an autolink
/// `<https://…>` (rustdoc's `bare_urls` lint rejects a bare one).
pub fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    let mut paragraph = String::new();
    for line in text.lines() {
        let words = line.split_whitespace();
        let mut any = false;
        for word in words {
            any = true;
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(word);
        }
        if !any && !paragraph.is_empty() {
            if !out.is_empty() {
                out.push(String::new());
            }
            out.push(escape_doc_line(&std::mem::take(&mut paragraph)));
        }
    }
    if !paragraph.is_empty() {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.push(escape_doc_line(&paragraph));
    }
    out
}

/// `text` as a Markdown code span that shows it verbatim whatever it contains: fenced by one
/// backtick more than its longest backtick run, with a space inside each fence when the text
/// starts or ends with a backtick (`` `a` ``, ``` `` x`y `` ```), so a schema value or SOAP
/// action with a backtick cannot leave an unbalanced one behind.
pub fn code_span(text: &str) -> String {
    let longest_run = text
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// URL schemes written as autolinks.
const URL_SCHEMES: [&str; 3] = ["http://", "https://", "ftp://"];

fn escape_doc_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    let mut first = true;
    while let Some(c) = rest.chars().next() {
        let after_word = out.chars().last().is_some_and(char::is_alphanumeric);
        if !after_word && let Some(url_len) = url_length(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            first = false;
            continue;
        }
        if matches!(c, '<' | '>' | '[' | ']' | '`' | '\\') || (first && c == '~') {
            out.push('\\');
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
        first = false;
    }
    out
}

/// The length in bytes of the URL `text` starts with: a scheme of [`URL_SCHEMES`] and at least
/// one character, up to whitespace or a character that cannot stand in an autolink or usually
/// delimits a URL in prose (quotes, brackets, backtick), without trailing sentence punctuation.
fn url_length(text: &str) -> Option<usize> {
    let scheme = URL_SCHEMES.iter().find(|scheme| {
        text.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    })?;
    let end = text
        .find(|c: char| c.is_whitespace() || c.is_control() || "\"'<>()[]{}`".contains(c))
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    (url.len() > scheme.len()).then_some(url.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_is_trimmed_and_escaped_for_rustdoc() {
        let text = "\n   Gets <b>leads</b> [see docs].\n\n       indented line\n   ```rust\n\n";
        assert_eq!(
            doc_lines(Some(text)),
            [
                "Gets \\<b\\>leads\\</b\\> \\[see docs\\].",
                "",
                "indented line \\`\\`\\`rust",
            ]
        );
        assert!(doc_lines(None).is_empty());
        assert!(doc_lines(Some("  \n ")).is_empty());
    }

    #[test]
    fn paragraphs_become_single_lines_with_whitespace_collapsed() {
        let text = "- first item\nlazily\tcontinued\r\n   * second\n\n\n\tNext  paragraph.\n";
        assert_eq!(
            doc_lines(Some(text)),
            [
                "- first item lazily continued * second",
                "",
                "Next paragraph.",
            ]
        );
    }

    #[test]
    fn urls_become_autolinks() {
        let text = "See <a href=\"http://www.example.com/w.zip\">here</a>, \
                    (https://example.com/a?b=c&d=e). HTTP://X.ORG/[1] ftp://f.example/x\n\
                    mailto:x@example.com xhttp://no.example https:// done";
        assert_eq!(
            doc_lines(Some(text)),
            [
                "See \\<a href=\"<http://www.example.com/w.zip>\"\\>here\\</a\\>, \
                 (<https://example.com/a?b=c&d=e>). <HTTP://X.ORG/>\\[1\\] <ftp://f.example/x> \
                 mailto:x@example.com xhttp://no.example https:// done"
            ]
        );
    }

    #[test]
    fn backslashes_backticks_and_leading_fences_are_shown_as_written() {
        assert_eq!(
            doc_lines(Some("~~~ C:\\dir\\<b> `a` ~")),
            ["\\~~~ C:\\\\dir\\\\\\<b\\> \\`a\\` ~"]
        );
    }

    #[test]
    fn code_spans_show_any_text_verbatim() {
        assert_eq!(code_span("urn:op"), "`urn:op`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x``"), "``` `x`` ```");
        assert_eq!(code_span(""), "``");
    }

    /// Runs rustdoc with every lint denied over a file documented with awkward schema text, so
    /// the escaping is checked against rustdoc itself, not only against expected strings.
    #[test]
    fn rustdoc_with_warnings_denied_accepts_escaped_documentation() {
        let awkward = [
            "Gets <b>leads</b> [see docs] and [`Lead`] at http://www.example.com/a.zip.",
            "<a href=\"https://example.com/x?y=1\">link</a> `unbalanced ``` fence",
            "~~~rust\nfn broken( {\n~~~",
            "```\nnot rust {\n```",
            "C:\\[dir] a\\<b> <br/> <unclosed www.example.com https://example.com/",
            "    indented code {\n\n\t1. item\n* [x]: http://example.com/ref",
        ];
        let mut source = String::from("//! Documented items.\n#![deny(warnings, rustdoc::all)]\n");
        for (i, value) in ["a`<b>`[c]", "`x``", "http://example.com/`"]
            .iter()
            .enumerate()
        {
            source.push_str(&format!(
                "/// {}\npub struct Spanned{i};\n",
                code_span(value)
            ));
        }
        for (i, text) in awkward.iter().enumerate() {
            for line in doc_lines(Some(text)) {
                source.push_str(&format!("/// {line}\n"));
            }
            source.push_str(&format!("pub struct Documented{i};\n"));
        }
        let dir = std::env::temp_dir().join(format!("codegen-docs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("documented.rs");
        std::fs::write(&file, &source).unwrap();
        let rustdoc = std::env::var("RUSTDOC").unwrap_or_else(|_| "rustdoc".to_owned());
        let output = std::process::Command::new(rustdoc)
            .args([
                "--edition",
                "2024",
                "--crate-type",
                "lib",
                "--crate-name",
                "documented",
            ])
            .arg("-o")
            .arg(dir.join("doc"))
            .arg(&file)
            .output()
            .expect("rustdoc runs");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            output.status.success(),
            "rustdoc rejected:\n{source}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
