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
/// followed by a lazily continued one; paragraphs are separated by one empty line. Characters
/// Markdown/rustdoc would read as HTML tags, links or code fences (`<`, `>`, `[`, `]`, a
/// leading backtick run) are backslash-escaped.
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

fn escape_doc_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for (i, c) in line.chars().enumerate() {
        if matches!(c, '<' | '>' | '[' | ']') || (i == 0 && c == '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
                "indented line ```rust",
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
}
