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

/// Documentation text → doc comment lines: each line trimmed (so indentation can never turn
/// prose into a code block rustdoc would compile), blank edges dropped, and the characters
/// Markdown/rustdoc would read as HTML tags, links or code fences (`<`, `>`, `[`, `]`, a leading
/// backtick run) backslash-escaped.
pub fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text else { return Vec::new() };
    let mut out: Vec<String> = text.lines().map(|l| escape_doc_line(l.trim())).collect();
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let leading_blank = out.iter().take_while(|l| l.is_empty()).count();
    out.drain(..leading_blank);
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
                "indented line",
                "\\```rust",
            ]
        );
        assert!(doc_lines(None).is_empty());
        assert!(doc_lines(Some("  \n ")).is_empty());
    }
}
