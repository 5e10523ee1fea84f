//! The benchmark's figures: a table for people, JSON for tools, PASS/FAIL per target.
//!
//! Figures are grouped in [`Section`]s (decode and encode, memory, end-to-end calls,
//! codegen); a new group of measurements, such as the compile cost of generated crates, is
//! one more section. The JSON keeps one flat `figures` object keyed by figure, each figure
//! naming its section.

use std::fmt::Write as _;

/// A goal a figure is checked against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// The figure must be at least this.
    AtLeast(f64),
    /// The figure must be at most this.
    AtMost(f64),
    /// The figure must be below this.
    Below(f64),
}

impl Target {
    /// Whether `value` meets the target.
    pub fn is_met(self, value: f64) -> bool {
        match self {
            Target::AtLeast(bound) => value >= bound,
            Target::AtMost(bound) => value <= bound,
            Target::Below(bound) => value < bound,
        }
    }

    fn describe(self) -> String {
        match self {
            Target::AtLeast(bound) => format!(">= {}", trim_number(bound)),
            Target::AtMost(bound) => format!("<= {}", trim_number(bound)),
            Target::Below(bound) => format!("< {}", trim_number(bound)),
        }
    }
}

/// One measured or derived figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// JSON key (snake_case).
    pub key: String,
    /// What it is, for the table.
    pub label: String,
    /// The value (`None` when it could not be measured; the reason is in `note`).
    pub value: Option<f64>,
    /// Unit shown after the value (`MB/s`, `ms`, `x`, `bytes`).
    pub unit: &'static str,
    /// The goal, if the figure has one.
    pub target: Option<Target>,
    /// Extra information (method, or why there is no value).
    pub note: Option<String>,
}

impl Figure {
    /// A figure with a value and no target.
    pub fn info(
        key: impl Into<String>,
        label: impl Into<String>,
        value: f64,
        unit: &'static str,
    ) -> Self {
        Figure {
            key: key.into(),
            label: label.into(),
            value: Some(value),
            unit,
            target: None,
            note: None,
        }
    }

    /// Adds a target.
    pub fn with_target(mut self, target: Target) -> Self {
        self.target = Some(target);
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// A figure that could not be measured, with the reason.
    pub fn missing(
        key: impl Into<String>,
        label: impl Into<String>,
        unit: &'static str,
        why: impl Into<String>,
    ) -> Self {
        Figure {
            key: key.into(),
            label: label.into(),
            value: None,
            unit,
            target: None,
            note: Some(why.into()),
        }
    }

    /// `Some(true)` PASS, `Some(false)` FAIL, `None` when there is no target or no value.
    pub fn verdict(&self) -> Option<bool> {
        Some(self.target?.is_met(self.value?))
    }
}

/// A group of related figures, shown under its title.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Heading in the table, `section` in the JSON.
    pub title: &'static str,
    /// The figures in table order.
    pub figures: Vec<Figure>,
}

/// Everything one run measured.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Run parameters (`mode`, payload sizes, repetitions …) as key/value text.
    pub parameters: Vec<(&'static str, String)>,
    /// The sections in table order.
    pub sections: Vec<Section>,
}

impl Report {
    /// Every figure with its section's title, in table order.
    pub fn figures(&self) -> impl Iterator<Item = (&'static str, &Figure)> {
        self.sections
            .iter()
            .flat_map(|s| s.figures.iter().map(move |f| (s.title, f)))
    }

    /// The human-readable table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        for (key, value) in &self.parameters {
            let _ = writeln!(out, "{key}: {value}");
        }
        let rows: Vec<[String; 4]> = self
            .figures()
            .map(|(_, f)| {
                let value = f.value.map_or_else(
                    || "n/a".to_string(),
                    |v| format!("{} {}", format_value(v), f.unit),
                );
                let target = f
                    .target
                    .map_or_else(String::new, |t| format!("{} {}", t.describe(), f.unit));
                let verdict = f.verdict().map_or("", verdict_word);
                [f.label.clone(), value, target, verdict.to_string()]
            })
            .collect();
        let header = ["measurement", "value", "target", ""].map(String::from);
        let widths: Vec<usize> = (0..4)
            .map(|i| {
                rows.iter()
                    .chain(std::iter::once(&header))
                    .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |out: &mut String, row: &[String; 4]| {
            let mut text = String::new();
            for (cell, width) in row.iter().zip(&widths) {
                let _ = write!(text, "{cell:<width$}  ");
            }
            let _ = writeln!(out, "{}", text.trim_end());
        };
        out.push('\n');
        line(&mut out, &header);
        let _ = writeln!(out, "{}", "-".repeat(widths.iter().sum::<usize>() + 6));
        let mut rows = rows.iter();
        for section in &self.sections {
            let _ = writeln!(out, "[{}]", section.title);
            for row in rows.by_ref().take(section.figures.len()) {
                line(&mut out, row);
            }
        }
        let notes: Vec<String> = self
            .figures()
            .filter_map(|(_, f)| Some(format!("  {}: {}", f.label, f.note.as_ref()?)))
            .collect();
        if !notes.is_empty() {
            out.push_str("\nnotes:\n");
            for note in notes {
                let _ = writeln!(out, "{note}");
            }
        }
        out
    }

    /// The same figures as a JSON object:
    /// `{"parameters": {...}, "figures": {"<key>": {"value", "unit", "label", "target", "pass",
    /// "verdict", "note", "section"}}}`; `pass` is `true`/`false`/`null`, `verdict` the same as
    /// `"PASS"`/`"FAIL"`/`null`.
    pub fn json(&self) -> String {
        let mut out = String::from("{\n  \"parameters\": {");
        for (i, (key, value)) in self.parameters.iter().enumerate() {
            let comma = if i == 0 { "" } else { "," };
            let _ = write!(
                out,
                "{comma}\n    {}: {}",
                json_string(key),
                json_string(value)
            );
        }
        out.push_str("\n  },\n  \"figures\": {");
        for (i, (section, f)) in self.figures().enumerate() {
            let comma = if i == 0 { "" } else { "," };
            let value = f
                .value
                .filter(|v| v.is_finite())
                .map_or_else(|| "null".to_string(), json_number);
            let target = f
                .target
                .map_or_else(|| "null".to_string(), |t| json_string(&t.describe()));
            let pass = f
                .verdict()
                .map_or_else(|| "null".to_string(), |p| p.to_string());
            let verdict = f
                .verdict()
                .map_or_else(|| "null".to_string(), |p| json_string(verdict_word(p)));
            let note = f
                .note
                .as_deref()
                .map_or_else(|| "null".to_string(), json_string);
            let _ = write!(
                out,
                "{comma}\n    {}: {{\"value\": {value}, \"unit\": {}, \"label\": {}, \"target\": {target}, \"pass\": {pass}, \"verdict\": {verdict}, \"note\": {note}, \"section\": {}}}",
                json_string(&f.key),
                json_string(f.unit),
                json_string(&f.label),
                json_string(section),
            );
        }
        out.push_str("\n  }\n}\n");
        out
    }
}

/// `PASS` or `FAIL`.
fn verdict_word(pass: bool) -> &'static str {
    if pass { "PASS" } else { "FAIL" }
}

/// Three significant-ish digits: `1234`, `56.7`, `0.812`.
fn format_value(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 100.0 || (value == value.trunc() && magnitude < 1e15) {
        format!("{value:.0}")
    } else if magnitude >= 10.0 {
        format!("{value:.1}")
    } else if magnitude >= 1.0 {
        format!("{value:.2}")
    } else {
        format!("{value:.3}")
    }
}

fn trim_number(value: f64) -> String {
    let text = format!("{value}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_string)
}

fn json_number(value: f64) -> String {
    let rounded = (value * 1000.0).round() / 1000.0;
    format!("{rounded}")
}

fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        Report {
            parameters: vec![("mode", "quick".to_string())],
            sections: vec![
                Section {
                    title: "throughput",
                    figures: vec![
                        Figure::info("encode_mb_s", "typed encode", 512.345, "MB/s")
                            .with_target(Target::AtLeast(300.0)),
                        Figure::info("codegen_ms", "codegen", 250.0, "ms")
                            .with_target(Target::Below(200.0)),
                    ],
                },
                Section {
                    title: "memory",
                    figures: vec![
                        Figure::info("peak_ratio", "peak / input", 3.0, "x")
                            .with_target(Target::AtMost(3.0)),
                        Figure::missing("decode_mb_s", "typed \"decode\"", "MB/s", "not built"),
                    ],
                },
            ],
        }
    }

    #[test]
    fn verdicts_follow_the_targets() {
        let report = sample();
        let verdicts: Vec<_> = report.figures().map(|(_, f)| f.verdict()).collect();
        assert_eq!(verdicts, vec![Some(true), Some(false), Some(true), None]);
    }

    #[test]
    fn table_marks_pass_and_fail_under_section_headings() {
        let table = sample().table();
        assert!(table.contains("mode: quick"));
        let encode = table
            .lines()
            .find(|l| l.starts_with("typed encode"))
            .unwrap_or_default();
        assert!(
            encode.contains("512 MB/s")
                && encode.contains(">= 300 MB/s")
                && encode.ends_with("PASS"),
            "{encode}"
        );
        let codegen = table
            .lines()
            .find(|l| l.starts_with("codegen"))
            .unwrap_or_default();
        assert!(codegen.ends_with("FAIL"), "{codegen}");
        let throughput = table.find("[throughput]").unwrap_or(usize::MAX);
        let memory = table.find("[memory]").unwrap_or(usize::MAX);
        let peak = table.find("peak / input").unwrap_or(0);
        assert!(throughput < memory && memory < peak, "{table}");
        assert!(table.contains("not built"));
    }

    #[test]
    fn json_has_every_figure_and_escapes_text() {
        let json = sample().json();
        assert!(json.contains("\"mode\": \"quick\""));
        assert!(json.contains("\"encode_mb_s\": {\"value\": 512.345, \"unit\": \"MB/s\""));
        assert!(json.contains("\"pass\": true"));
        assert!(json.contains("\"codegen_ms\": {\"value\": 250,"));
        assert!(json.contains("\"pass\": false, \"verdict\": \"FAIL\""));
        assert!(json.contains("\"pass\": true, \"verdict\": \"PASS\""));
        assert!(json.contains("\"pass\": null, \"verdict\": null"));
        assert!(json.contains("\"decode_mb_s\": {\"value\": null"));
        assert!(json.contains("typed \\\"decode\\\""));
        assert!(json.contains("\"note\": \"not built\", \"section\": \"memory\"}"));
        // Balanced braces: a cheap well-formedness check without a JSON parser.
        assert_eq!(json.matches('{').count(), json.matches('}').count());
    }
}
