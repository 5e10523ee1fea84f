//! A schema-driven generator of random, schema-valid XML documents.
//!
//! It walks the `wsdl` model from a global element down and makes every decision (is this
//! optional element present? nil? how many repeats? which subtype? which value?) by reading the
//! next number from a [`Choices`] stream. Property tests feed that stream from proptest, so a
//! failing document shrinks the way its stream shrinks: fewer numbers and smaller numbers mean
//! "absent", "no repeats", "first subtype", "empty string" — i.e. a smaller document.
//!
//! What varies, on purpose: element presence (minOccurs), `xsi:nil` (nillable), 0–3 repeats of
//! unbounded elements, the concrete subtype of an abstract type via `xsi:type`, known and
//! unknown enumeration values, strings with markup, `]]>`, CR/LF, tabs, non-ASCII and
//! surrounding spaces (escaped, as character references or in CDATA sections), integer extremes
//! and other lexical forms, dateTimes with offsets and fractions, base64, huge `xs:integer`s,
//! `xsi:nil="false"`, and the namespace prefixes (including a default namespace undeclared with
//! `xmlns=""`), indentation, raw CR LF / CR line ends (which parsers turn into LF), comments
//! (also inside text) and processing instructions of the document itself.

use std::fmt::Write as _;

use base64::Engine as _;
use wsdl::{ElementDecl, Form, MaxOccurs};

use super::schema_view::{Resolved, SchemaView, SimpleKind, XSI_NS};

/// A stream of decisions. Past its end every decision is 0 (the simplest option).
pub struct Choices<'c> {
    data: &'c [u32],
    position: usize,
}

impl<'c> Choices<'c> {
    /// Reads decisions from `data`.
    pub fn new(data: &'c [u32]) -> Self {
        Choices { data, position: 0 }
    }

    /// A number in `0..n` (0 when `n <= 1` or the stream is exhausted).
    pub fn pick(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let raw = self.data.get(self.position).copied().unwrap_or(0);
        self.position += 1;
        usize::try_from(raw).unwrap_or(0) % n
    }
}

/// Deeper than this, optional content is left out so documents stay finite and small.
const MAX_DEPTH: usize = 24;

/// Pieces strings are assembled from (index 0 is the simplest).
const STRING_PIECES: &[&str] = &[
    "a",
    "Z",
    "0",
    " ",
    "<",
    ">",
    "&",
    "\"",
    "'",
    "]]>",
    "é",
    "中",
    "😀",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "&amp;",
    "<![CDATA[",
    "x y",
    "ß",
    "\u{a0}",
    "{{my.token}}",
];

/// Values for `xs:int` (index 0 is the simplest), written in several valid lexical forms.
const INT_VALUES: &[&str] = &[
    "0",
    "1",
    "-1",
    "2147483647",
    "-2147483648",
    "42",
    "+7",
    "007",
    "-0",
    "1089965",
    " 42 ",
    "\n-3\t",
];

const LONG_VALUES: &[&str] = &[
    "0",
    "9223372036854775807",
    "-9223372036854775808",
    "2147483648",
    "+12",
    "-000123",
];

const INTEGER_VALUES: &[&str] = &[
    "0",
    "123456789012345678901234567890123456789012345678901234567890",
    "-98765432109876543210987654321",
    "+000042",
    "-0",
    "18446744073709551616",
    "9223372036854775808",
];

const BOOLEAN_VALUES: &[&str] = &["false", "true", "0", "1", " true\n"];

const DOUBLE_VALUES: &[&str] = &["0", "1.5", "-2.25E3", "INF", "-INF", "1e-10"];

const OFFSETS: &[&str] = &[
    "Z", "+00:00", "-07:00", "-05:00", "-08:00", "+05:30", "+14:00", "-12:00", "+01:00",
];

const FRACTIONS: &[&str] = &["", ".5", ".710", ".123456", ".123456789", ".000000001"];

const UNKNOWN_ENUM_VALUES: &[&str] = &[
    "NEWVALUE",
    "NEW_VALUE_2",
    "nouveau-é",
    "a<b&c>\"d'",
    "中文",
    "",
];

/// How the document itself is laid out.
struct Layout {
    /// Prefix bound to the target namespace; `None` = default namespace on the root.
    tns_prefix: Option<&'static str>,
    /// Prefix bound to the XML Schema instance namespace.
    xsi_prefix: &'static str,
    /// Newline + indentation between elements.
    indent: bool,
    /// Comments may appear between elements.
    comments: bool,
    /// Line feeds are written as raw CR LF or lone CR (XML parsers turn both into LF).
    raw_cr: bool,
}

struct Generator<'v, 'c, 'd> {
    view: &'v SchemaView<'d>,
    choices: &'v mut Choices<'c>,
    layout: Layout,
    out: String,
}

/// A random valid instance of the global element `local` (in the target namespace).
pub fn random_document(
    view: &SchemaView<'_>,
    local: &str,
    choices: &mut Choices<'_>,
) -> Result<String, String> {
    let decl = view
        .global_element(local)
        .ok_or_else(|| format!("no global element {local}"))?;
    let resolved = view.resolve_element(decl)?;
    document_with_root(view, local, resolved, choices)
}

/// A random valid document whose root is `<root_local>` (in the target namespace) with the
/// content of the named complex type `type_local`: reaches types no global element uses
/// (e.g. `ArrayOfVersionedItem`, the only user of `xs:integer`).
pub fn random_type_document(
    view: &SchemaView<'_>,
    root_local: &str,
    type_local: &str,
    choices: &mut Choices<'_>,
) -> Result<String, String> {
    let name = wsdl::QName {
        namespace: view.target_namespace().to_owned(),
        local: type_local.to_owned(),
    };
    let ct = view
        .complex_type(&name)
        .ok_or_else(|| format!("no complex type {type_local}"))?;
    document_with_root(view, root_local, Resolved::Complex(ct), choices)
}

fn document_with_root(
    view: &SchemaView<'_>,
    root_local: &str,
    resolved: Resolved<'_>,
    choices: &mut Choices<'_>,
) -> Result<String, String> {
    let tns_prefix = [Some("ns1"), Some("mkt"), None, Some("tns")][choices.pick(4)];
    let xsi_prefix = ["xsi", "i"][choices.pick(2)];
    let layout = Layout {
        tns_prefix,
        xsi_prefix,
        indent: choices.pick(2) == 1,
        comments: choices.pick(4) == 3,
        raw_cr: choices.pick(4) == 3,
    };
    let mut generator = Generator {
        view,
        choices,
        layout,
        out: String::with_capacity(1024),
    };
    if generator.choices.pick(2) == 1 {
        generator
            .out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    generator.root(root_local, resolved)?;
    Ok(generator.out)
}

impl Generator<'_, '_, '_> {
    fn root(&mut self, local: &str, resolved: Resolved<'_>) -> Result<(), String> {
        let tns = self.view.target_namespace().to_owned();
        let name = match self.layout.tns_prefix {
            Some(p) => format!("{p}:{local}"),
            None => local.to_owned(),
        };
        let mut start = format!("<{name}");
        match self.layout.tns_prefix {
            Some(p) => write!(start, " xmlns:{p}=\"{tns}\""),
            None => write!(start, " xmlns=\"{tns}\" xmlns:q=\"{tns}\""),
        }
        .map_err(|e| e.to_string())?;
        write!(start, " xmlns:{}=\"{XSI_NS}\"", self.layout.xsi_prefix)
            .map_err(|e| e.to_string())?;
        let default_is_tns = self.layout.tns_prefix.is_none();
        self.content(&name, start, resolved, 0, default_is_tns)
    }

    /// Writes `start` (an unfinished start tag) plus the content for `resolved`, then the end tag.
    fn content(
        &mut self,
        name: &str,
        mut start: String,
        resolved: Resolved<'_>,
        depth: usize,
        default_is_tns: bool,
    ) -> Result<(), String> {
        match resolved {
            Resolved::Simple(kind) => {
                let value = self.simple_value(kind)?;
                self.out.push_str(&start);
                if value.is_empty() && self.choices.pick(2) == 1 {
                    self.out.push_str("/>");
                } else {
                    self.out.push('>');
                    let text = self.escape_text(&value);
                    self.out.push_str(&text);
                    write!(self.out, "</{name}>").map_err(|e| e.to_string())?;
                }
                Ok(())
            }
            Resolved::Complex(ct) => {
                let concrete = if ct.is_abstract {
                    let subtypes = self.view.concrete_subtypes(ct);
                    let pick = self.choices.pick(subtypes.len());
                    let sub = subtypes.get(pick).copied().ok_or_else(|| {
                        format!("abstract type {:?} has no concrete subtype", ct.name)
                    })?;
                    let sub_name = sub
                        .name
                        .as_ref()
                        .map(|q| q.local.clone())
                        .unwrap_or_default();
                    let local_prefix = self.choices.pick(3) == 2;
                    if local_prefix {
                        // A prefix declared on the very element that uses it in xsi:type.
                        write!(start, " xmlns:sel=\"{}\"", self.view.target_namespace())
                            .map_err(|e| e.to_string())?;
                    }
                    let qualified = match self.layout.tns_prefix {
                        _ if local_prefix => format!("sel:{sub_name}"),
                        Some(p) => format!("{p}:{sub_name}"),
                        // In default-namespace layout the root also binds `q` to the target
                        // namespace; an unprefixed QName uses the default namespace in scope.
                        None if default_is_tns => sub_name,
                        None => format!("q:{sub_name}"),
                    };
                    write!(start, " {}:type=\"{qualified}\"", self.layout.xsi_prefix)
                        .map_err(|e| e.to_string())?;
                    sub
                } else {
                    ct
                };
                let children = self.view.child_elements(concrete)?;
                self.out.push_str(&start);
                let before = self.out.len();
                self.out.push('>');
                let mut wrote_child = false;
                for child in children {
                    wrote_child |= self.particle(child, depth + 1, default_is_tns)?;
                }
                if !wrote_child && self.choices.pick(2) == 1 {
                    self.out.truncate(before);
                    self.out.push_str("/>");
                } else {
                    self.separator(depth);
                    write!(self.out, "</{name}>").map_err(|e| e.to_string())?;
                }
                Ok(())
            }
        }
    }

    /// Writes 0..n occurrences of a local element; says whether anything was written.
    fn particle(
        &mut self,
        decl: &ElementDecl,
        depth: usize,
        default_is_tns: bool,
    ) -> Result<bool, String> {
        let shallow = depth < MAX_DEPTH;
        let count = match decl.max_occurs {
            MaxOccurs::Bounded(1) => {
                if decl.min_occurs == 0 && (!shallow || self.choices.pick(4) == 0) {
                    0
                } else {
                    1
                }
            }
            MaxOccurs::Bounded(max) => {
                let extra = if shallow { self.choices.pick(4) } else { 0 };
                (decl.min_occurs as usize + extra).min(max as usize)
            }
            MaxOccurs::Unbounded => {
                let extra = if shallow { self.choices.pick(4) } else { 0 };
                decl.min_occurs as usize + extra
            }
        };
        for _ in 0..count {
            self.separator(depth);
            self.one_element(decl, depth, default_is_tns)?;
        }
        Ok(count > 0)
    }

    fn one_element(
        &mut self,
        decl: &ElementDecl,
        depth: usize,
        default_is_tns: bool,
    ) -> Result<(), String> {
        let (name, mut start, child_default_is_tns) = match (decl.form, self.layout.tns_prefix) {
            (Form::Qualified, Some(p)) => {
                let name = format!("{p}:{}", decl.name.local);
                (name.clone(), format!("<{name}"), default_is_tns)
            }
            (Form::Qualified, None) => {
                let name = format!("q:{}", decl.name.local);
                (name.clone(), format!("<{name}"), default_is_tns)
            }
            (Form::Unqualified, _) => {
                let name = decl.name.local.clone();
                let start = if default_is_tns {
                    format!("<{name} xmlns=\"\"")
                } else {
                    format!("<{name}")
                };
                (name, start, false)
            }
        };
        if decl.nillable && self.choices.pick(4) == 0 {
            let value = if self.choices.pick(4) == 3 {
                "1"
            } else {
                "true"
            };
            let xsi = self.layout.xsi_prefix;
            match self.choices.pick(4) {
                0 | 1 => write!(start, " {xsi}:nil=\"{value}\""),
                2 => write!(start, " {xsi}:nil = '{value}' "),
                // The instance namespace bound to another prefix on the element itself.
                _ => write!(start, " xmlns:n=\"{XSI_NS}\" n:nil='{value}'"),
            }
            .map_err(|e| e.to_string())?;
            self.out.push_str(&start);
            if self.choices.pick(4) == 3 {
                write!(self.out, "></{name}>").map_err(|e| e.to_string())?;
            } else {
                self.out.push_str("/>");
            }
            return Ok(());
        }
        if decl.nillable && self.choices.pick(8) == 7 {
            write!(start, " {}:nil=\"false\"", self.layout.xsi_prefix)
                .map_err(|e| e.to_string())?;
        }
        let resolved = self.view.resolve_element(decl)?;
        self.content(&name, start, resolved, depth, child_default_is_tns)
    }

    fn separator(&mut self, depth: usize) {
        if self.layout.comments {
            match self.choices.pick(8) {
                7 => self.out.push_str("<!-- note -->"),
                6 => self.out.push_str("<?note x?>"),
                _ => {}
            }
        }
        if self.layout.indent {
            self.out
                .push_str(if self.layout.raw_cr { "\r\n" } else { "\n" });
            for _ in 0..depth {
                self.out.push_str("  ");
            }
        }
    }

    /// A valid lexical value (unescaped) of a simple type.
    fn simple_value(&mut self, kind: SimpleKind<'_>) -> Result<String, String> {
        if let SimpleKind::Enumeration { values, .. } = kind {
            let pick = self.choices.pick(values.len() + 2);
            if let Some(known) = values.get(pick) {
                return Ok(known.clone());
            }
            return Ok(self.unknown_enum_value(values));
        }
        let builtin = kind.builtin();
        Ok(match builtin {
            "string" | "anySimpleType" | "anyType" | "anyURI" | "normalizedString" | "token" => {
                self.string()
            }
            "int" | "short" | "byte" => self.pick_from(INT_VALUES).to_owned(),
            "long" => self.pick_from(LONG_VALUES).to_owned(),
            "integer" => self.pick_from(INTEGER_VALUES).to_owned(),
            "boolean" => self.pick_from(BOOLEAN_VALUES).to_owned(),
            "double" | "float" | "decimal" => self.pick_from(DOUBLE_VALUES).to_owned(),
            "dateTime" => self.date_time(),
            "base64Binary" => self.base64(),
            other => return Err(format!("the generator does not know built-in type {other}")),
        })
    }

    fn pick_from(&mut self, values: &'static [&'static str]) -> &'static str {
        values
            .get(self.choices.pick(values.len()))
            .copied()
            .unwrap_or("")
    }

    fn string(&mut self) -> String {
        let len = self.choices.pick(10);
        (0..len).map(|_| self.pick_from(STRING_PIECES)).collect()
    }

    /// A value that is not one of `known` (comparison is case-sensitive, so a lower-cased known
    /// value is unknown too).
    fn unknown_enum_value(&mut self, known: &[String]) -> String {
        let candidate = match self.choices.pick(UNKNOWN_ENUM_VALUES.len() + 1) {
            i if i < UNKNOWN_ENUM_VALUES.len() => UNKNOWN_ENUM_VALUES
                .get(i)
                .copied()
                .unwrap_or("NEWVALUE")
                .to_owned(),
            _ => known
                .first()
                .map(|v| v.to_lowercase())
                .unwrap_or_else(|| "unknown".to_owned()),
        };
        if known.contains(&candidate) {
            format!("{candidate}_NEW")
        } else {
            candidate
        }
    }

    fn date_time(&mut self) -> String {
        let year = [2013, 1970, 1, 9999, 2026, 2000][self.choices.pick(6)];
        let month = 1 + self.choices.pick(12);
        let day = 1 + self.choices.pick(28);
        let hour = self.choices.pick(24);
        let minute = self.choices.pick(60);
        let second = self.choices.pick(60);
        let fraction = self.pick_from(FRACTIONS);
        let offset = self.pick_from(OFFSETS);
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}{offset}")
    }

    fn base64(&mut self) -> String {
        let len = self.choices.pick(24);
        let bytes: Vec<u8> = (0..len)
            .map(|_| u8::try_from(self.choices.pick(256)).unwrap_or(0))
            .collect();
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    /// Text as it appears in the document: escaped, as character references, or in CDATA.
    fn escape_text(&mut self, value: &str) -> String {
        let mut out = String::with_capacity(value.len() + 8);
        match self.choices.pick(3) {
            0 => {
                // A comment splits the text without changing it.
                let split = if self.layout.comments && self.choices.pick(4) == 3 {
                    value.chars().next().map(char::len_utf8)
                } else {
                    None
                };
                for (i, c) in value.char_indices() {
                    if Some(i) == split {
                        out.push_str("<!---->");
                    }
                    match c {
                        '&' => out.push_str("&amp;"),
                        '<' => out.push_str("&lt;"),
                        '>' => out.push_str("&gt;"),
                        '\r' => out.push_str("&#13;"),
                        '\n' if self.layout.raw_cr => out.push_str(if self.choices.pick(2) == 0 {
                            "\r\n"
                        } else {
                            "\r"
                        }),
                        _ => out.push(c),
                    }
                }
            }
            1 => {
                for c in value.chars() {
                    if c.is_ascii_alphanumeric() || c == ' ' {
                        out.push(c);
                    } else if c == '"' {
                        out.push_str("&quot;");
                    } else if c == '\'' {
                        out.push_str("&apos;");
                    } else {
                        let _ = write!(out, "&#x{:X};", u32::from(c));
                    }
                }
            }
            _ => {
                // CDATA cannot hold CR (it would be normalised) nor `]]>`; write `>` and CR
                // outside the section.
                let mut open = false;
                for c in value.chars() {
                    let outside = match c {
                        '>' => Some("&gt;"),
                        '\r' => Some("&#13;"),
                        _ => None,
                    };
                    match outside {
                        Some(reference) => {
                            if open {
                                out.push_str("]]>");
                                open = false;
                            }
                            out.push_str(reference);
                        }
                        None => {
                            if !open {
                                out.push_str("<![CDATA[");
                                open = true;
                            }
                            out.push(c);
                        }
                    }
                }
                if open {
                    out.push_str("]]>");
                }
            }
        }
        out
    }
}
