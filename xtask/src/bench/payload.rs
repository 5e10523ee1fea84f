//! Deterministic synthetic payloads shaped like real Marketo traffic.
//!
//! The response mirrors `getMultipleLeads.response.xml` (a SOAP 1.1 envelope around
//! `ns1:successGetMultipleLeads` with unqualified children, `xsi:nil` on empty nillable
//! fields) and the request mirrors `syncMultipleLeads.request.xml`. Values mix ASCII,
//! non-ASCII text and markup that has to be escaped (`&lt;b&gt;`, `&amp;`), so the
//! decoder pays for unescaping and UTF-8 the way it would on real data.

use super::prng::SplitMix64;
use std::fmt::Write as _;

/// The mktows target namespace (the `ns1` prefix in every payload).
pub const TARGET_NS: &str = "http://www.marketo.com/mktows/";
/// SOAP 1.1 envelope namespace.
pub const SOAP_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// XML Schema instance namespace (`xsi:nil`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// Local name of the response body root.
pub const RESPONSE_ROOT: &str = "successGetMultipleLeads";
/// Local name of the request body root.
pub const REQUEST_ROOT: &str = "paramsSyncMultipleLeads";

/// How many records a payload holds and which random sequence fills them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayloadShape {
    /// Number of `leadRecord` elements.
    pub leads: usize,
    /// Number of `attribute` elements in each lead's `leadAttributeList`.
    pub attributes: usize,
    /// Seed of the value generator: same shape, same bytes.
    pub seed: u64,
}

/// The fixed seed every benchmark run uses.
pub const DEFAULT_SEED: u64 = 0x6D6B_746F_7773_2232;

/// One lead attribute column: its name, its Marketo data type and how its values look.
struct Column {
    name: &'static str,
    attr_type: &'static str,
    values: ValueKind,
}

/// How the values of a column are drawn.
#[derive(Clone, Copy)]
enum ValueKind {
    FirstName,
    LastName,
    Company,
    Pick(&'static [&'static str]),
    Phone,
    Url,
    Number(u64),
    Boolean,
    Date,
    DateTime,
    Note,
}

const FIRST_NAMES: &[&str] = &[
    "Joe",
    "Anna",
    "José",
    "Zoë",
    "Łukasz",
    "Søren",
    "Émilie",
    "Dmitrij",
    "Дмитрий",
    "Ålesund",
    "Mia",
    "Noah",
    "Chloé",
    "Jürgen",
    "Aiko",
    "山田",
    "Björn",
    "Ines",
    "Renée",
    "Oğuz",
];
const LAST_NAMES: &[&str] = &[
    "Orante",
    "Müller",
    "García",
    "Nowak",
    "O'Brien",
    "Smith",
    "Dvořák",
    "Øster",
    "Åberg",
    "Kowalski",
    "Nakamura",
    "Иванов",
    "Lefèvre",
    "Brown",
    "Schäfer",
    "Yılmaz",
];
const COMPANIES: &[&str] = &[
    "Marketo",
    "Acme & Sons",
    "<b>Bold</b> Industries",
    "Müller GmbH",
    "Fabrikam \"Labs\"",
    "Contoso Ltd.",
    "Société Générale d'Exemple",
    "東京商事",
    "Initech <Software> & Co",
    "Globex",
];
const TITLES: &[&str] = &[
    "CEO",
    "VP Marketing",
    "Directeur général",
    "Engineer",
    "Buyer",
];
const STREETS: &[&str] = &[
    "Main St",
    "Hauptstraße",
    "Rue de l'Église",
    "Elm Ave",
    "Ørstedsvej",
];
const CITIES: &[&str] = &[
    "San Mateo",
    "München",
    "Zürich",
    "São Paulo",
    "Kraków",
    "Tokyo",
];
const STATES: &[&str] = &["CA", "BY", "ZH", "SP", "MA", "NY"];
const COUNTRIES: &[&str] = &["USA", "Deutschland", "Schweiz", "Brasil", "Polska", "日本"];
const INDUSTRIES: &[&str] = &[
    "Software",
    "Manufacturing",
    "Finance",
    "Retail",
    "Education",
];
const STATUSES: &[&str] = &["Open", "Contacted", "Qualified", "Unqualified"];
const SOURCES: &[&str] = &["Web", "Trade Show", "Partner", "Referral", "Paid Search"];
const RATINGS: &[&str] = &["Hot", "Warm", "Cold"];
const NOTES: &[&str] = &[
    "Met at <b>Dreamforce</b> & asked for a demo",
    "Prefers e-mail; déjà client",
    "Budget > 10k & < 50k",
    "Ответил на письмо",
    "Follow up in Q3 — “priority”",
    "plain note",
];

/// The 25 columns of a lead, modelled on Marketo's standard lead fields.
const COLUMNS: &[Column] = &[
    col("FirstName", "string", ValueKind::FirstName),
    col("LastName", "string", ValueKind::LastName),
    col("Company", "string", ValueKind::Company),
    col("Title", "string", ValueKind::Pick(TITLES)),
    col("Phone", "phone", ValueKind::Phone),
    col("MobilePhone", "phone", ValueKind::Phone),
    col("Website", "url", ValueKind::Url),
    col("Address", "text", ValueKind::Pick(STREETS)),
    col("City", "string", ValueKind::Pick(CITIES)),
    col("State", "string", ValueKind::Pick(STATES)),
    col("PostalCode", "string", ValueKind::Number(99_999)),
    col("Country", "string", ValueKind::Pick(COUNTRIES)),
    col("Industry", "string", ValueKind::Pick(INDUSTRIES)),
    col("AnnualRevenue", "currency", ValueKind::Number(90_000_000)),
    col("NumberOfEmployees", "integer", ValueKind::Number(50_000)),
    col("LeadScore", "integer", ValueKind::Number(100)),
    col("LeadStatus", "string", ValueKind::Pick(STATUSES)),
    col("LeadSource", "string", ValueKind::Pick(SOURCES)),
    col("Rating", "string", ValueKind::Pick(RATINGS)),
    col("DoNotCall", "boolean", ValueKind::Boolean),
    col("Unsubscribed", "boolean", ValueKind::Boolean),
    col("Date_of_purchase", "date", ValueKind::Date),
    col("CreatedAt", "datetime", ValueKind::DateTime),
    col("Notes", "text", ValueKind::Note),
    col("Description", "text", ValueKind::Note),
];

const fn col(name: &'static str, attr_type: &'static str, values: ValueKind) -> Column {
    Column {
        name,
        attr_type,
        values,
    }
}

/// The `getMultipleLeads` response: a SOAP envelope whose body root is
/// `ns1:successGetMultipleLeads` with `shape.leads` lead records of `shape.attributes`
/// attributes each (name, type — sometimes `xsi:nil` — and value).
pub fn get_multiple_leads_response(shape: PayloadShape) -> String {
    let mut prng = SplitMix64::new(shape.seed);
    let mut out = String::with_capacity(estimated_size(shape));
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = write!(
        out,
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"{SOAP_ENV_NS}\" xmlns:xsi=\"{XSI_NS}\" xmlns:ns1=\"{TARGET_NS}\">\n\
         <SOAP-ENV:Body>\n<ns1:{RESPONSE_ROOT}>\n<result>\n<returnCount>{}</returnCount>\n\
         <remainingCount>0</remainingCount>\n<newStreamPosition>{}</newStreamPosition>\n<leadRecordList>\n",
        shape.leads,
        stream_position(&mut prng),
    );
    for index in 0..shape.leads {
        write_response_lead(&mut out, &mut prng, index, shape.attributes);
    }
    let _ = write!(
        out,
        "</leadRecordList>\n</result>\n</ns1:{RESPONSE_ROOT}>\n</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n"
    );
    out
}

/// The `paramsSyncMultipleLeads` body element as a standalone document (namespace
/// declarations on the root, as it appears once taken out of its envelope): `shape.leads`
/// leads identified by e-mail, each with `shape.attributes` name/value attributes,
/// then `dedupEnabled`.
pub fn sync_multiple_leads_params(shape: PayloadShape) -> String {
    let mut prng = SplitMix64::new(shape.seed);
    let mut out = String::with_capacity(estimated_size(shape));
    let _ = write!(
        out,
        "<ns1:{REQUEST_ROOT} xmlns:ns1=\"{TARGET_NS}\" xmlns:xsi=\"{XSI_NS}\">\n<leadRecordList>\n"
    );
    for index in 0..shape.leads {
        out.push_str("<leadRecord>\n<Email>");
        push_email(&mut out, &mut prng, index);
        out.push_str("</Email>\n<leadAttributeList>\n");
        for column in 0..shape.attributes {
            out.push_str("<attribute><attrName>");
            push_column_name(&mut out, column);
            out.push_str("</attrName><attrValue>");
            push_value(&mut out, &mut prng, column_kind(column));
            out.push_str("</attrValue></attribute>\n");
        }
        out.push_str("</leadAttributeList>\n</leadRecord>\n");
    }
    let _ = write!(
        out,
        "</leadRecordList>\n<dedupEnabled>true</dedupEnabled>\n</ns1:{REQUEST_ROOT}>\n"
    );
    out
}

/// Rough output size, so the buffer is allocated once.
fn estimated_size(shape: PayloadShape) -> usize {
    1024 + shape.leads * (300 + shape.attributes * 110)
}

fn stream_position(prng: &mut SplitMix64) -> String {
    format!("id:{}:{:x}", prng.below(1_000_000), prng.next_u64())
}

fn write_response_lead(out: &mut String, prng: &mut SplitMix64, index: usize, attributes: usize) {
    let _ = write!(out, "<leadRecord>\n<Id>{}</Id>\n<Email>", 60_000 + index);
    push_email(out, prng, index);
    out.push_str("</Email>\n");
    if prng.chance(30) {
        let _ = write!(
            out,
            "<ForeignSysPersonId>00Q{:012X}</ForeignSysPersonId>\n<ForeignSysType>SFDC</ForeignSysType>\n",
            prng.below(1 << 48)
        );
    } else {
        out.push_str(
            "<ForeignSysPersonId xsi:nil=\"true\"/>\n<ForeignSysType xsi:nil=\"true\"/>\n",
        );
    }
    out.push_str("<leadAttributeList>\n");
    for column in 0..attributes {
        out.push_str("<attribute><attrName>");
        push_column_name(out, column);
        out.push_str("</attrName>");
        if prng.chance(4) {
            out.push_str("<attrType xsi:nil=\"true\"/>");
        } else {
            out.push_str("<attrType>");
            out.push_str(column_type(column));
            out.push_str("</attrType>");
        }
        out.push_str("<attrValue>");
        push_value(out, prng, column_kind(column));
        out.push_str("</attrValue></attribute>\n");
    }
    out.push_str("</leadAttributeList>\n</leadRecord>\n");
}

fn push_email(out: &mut String, prng: &mut SplitMix64, index: usize) {
    let domain = prng.pick(&[
        "marketo.com",
        "example.org",
        "etestd.marketo.net",
        "beispiel.de",
    ]);
    let _ = write!(out, "lead{index}@{domain}");
}

/// Column names repeat the 25 standard fields, then continue as `Custom<n>`.
fn push_column_name(out: &mut String, column: usize) {
    match COLUMNS.get(column) {
        Some(c) => out.push_str(c.name),
        None => {
            let _ = write!(out, "Custom{column}");
        }
    }
}

fn column_type(column: usize) -> &'static str {
    COLUMNS.get(column).map_or("string", |c| c.attr_type)
}

fn column_kind(column: usize) -> ValueKind {
    COLUMNS.get(column).map_or(ValueKind::Note, |c| c.values)
}

fn push_value(out: &mut String, prng: &mut SplitMix64, kind: ValueKind) {
    match kind {
        ValueKind::FirstName => push_escaped(out, prng.pick(FIRST_NAMES)),
        ValueKind::LastName => push_escaped(out, prng.pick(LAST_NAMES)),
        ValueKind::Company => push_escaped(out, prng.pick(COMPANIES)),
        ValueKind::Pick(items) => push_escaped(out, prng.pick(items)),
        ValueKind::Phone => {
            let _ = write!(out, "650-555-{:04}", prng.below(10_000));
        }
        ValueKind::Url => {
            let _ = write!(out, "www.example{}.com", prng.below(1000));
        }
        ValueKind::Number(max) => {
            let _ = write!(out, "{}", prng.below(max));
        }
        ValueKind::Boolean => out.push_str(if prng.chance(50) { "true" } else { "false" }),
        ValueKind::Date => {
            let _ = write!(
                out,
                "20{:02}-{:02}-{:02}",
                prng.below(25),
                1 + prng.below(12),
                1 + prng.below(28)
            );
        }
        ValueKind::DateTime => {
            let _ = write!(
                out,
                "2013-{:02}-{:02}T{:02}:{:02}:{:02}-07:00",
                1 + prng.below(12),
                1 + prng.below(28),
                prng.below(24),
                prng.below(60),
                prng.below(60)
            );
        }
        ValueKind::Note => push_escaped(out, prng.pick(NOTES)),
    }
}

/// Escapes text content the way a SOAP server would (`&`, `<`, `>`).
fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(ch),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: PayloadShape = PayloadShape {
        leads: 37,
        attributes: 25,
        seed: DEFAULT_SEED,
    };

    fn count(doc: &roxmltree::Document<'_>, local: &str) -> usize {
        doc.descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == local)
            .count()
    }

    #[test]
    fn response_is_deterministic_and_depends_on_the_seed() {
        let first = get_multiple_leads_response(SMALL);
        let second = get_multiple_leads_response(SMALL);
        assert_eq!(first, second);
        let other = get_multiple_leads_response(PayloadShape { seed: 1, ..SMALL });
        assert_ne!(first, other);
    }

    #[test]
    fn request_is_deterministic() {
        assert_eq!(
            sync_multiple_leads_params(SMALL),
            sync_multiple_leads_params(SMALL)
        );
    }

    #[test]
    fn response_is_well_formed_with_the_requested_counts() {
        for (leads, attributes) in [(0, 25), (1, 1), (37, 25), (5, 31)] {
            let shape = PayloadShape {
                leads,
                attributes,
                seed: 3,
            };
            let xml = get_multiple_leads_response(shape);
            let doc = roxmltree::Document::parse(&xml)
                .unwrap_or_else(|e| panic!("{leads}x{attributes}: not well-formed: {e}"));
            assert_eq!(count(&doc, "leadRecord"), leads);
            assert_eq!(count(&doc, "attribute"), leads * attributes);
            let body_root = doc
                .descendants()
                .find(|n| n.tag_name().name() == RESPONSE_ROOT)
                .unwrap_or_else(|| panic!("no {RESPONSE_ROOT}"));
            assert_eq!(body_root.tag_name().namespace(), Some(TARGET_NS));
            let return_count = doc
                .descendants()
                .find(|n| n.tag_name().name() == "returnCount")
                .and_then(|n| n.text());
            assert_eq!(return_count, Some(leads.to_string().as_str()));
        }
    }

    #[test]
    fn request_is_well_formed_with_the_requested_counts() {
        let xml = sync_multiple_leads_params(SMALL);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.root_element().tag_name().name(), REQUEST_ROOT);
        assert_eq!(doc.root_element().tag_name().namespace(), Some(TARGET_NS));
        assert_eq!(count(&doc, "leadRecord"), SMALL.leads);
        assert_eq!(count(&doc, "attribute"), SMALL.leads * SMALL.attributes);
        assert_eq!(count(&doc, "attrType"), 0);
        assert_eq!(count(&doc, "dedupEnabled"), 1);
    }

    #[test]
    fn response_contains_nil_non_ascii_and_escaped_markup() {
        let xml = get_multiple_leads_response(SMALL);
        assert!(xml.contains("<ForeignSysPersonId xsi:nil=\"true\"/>"));
        assert!(xml.contains("<attrType xsi:nil=\"true\"/>"));
        assert!(xml.contains("&lt;b&gt;"));
        assert!(xml.contains("&amp;"));
        assert!(!xml.is_ascii());
        // The escaped markup decodes back to the original text.
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}"));
        let values: Vec<&str> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "attrValue")
            .filter_map(|n| n.text())
            .collect();
        assert!(values.iter().any(|v| v.contains("<b>")));
        assert!(values.iter().any(|v| v.contains(" & ")));
        let nils = doc
            .descendants()
            .filter(|n| n.attribute((XSI_NS, "nil")) == Some("true"))
            .count();
        assert!(nils > 0);
    }

    #[test]
    fn full_size_response_is_in_the_intended_size_range() {
        // 10,000 leads x 25 attributes is meant to be a document of about 20-30 MB
        // (about 120 bytes per attribute, markup included).
        let shape = PayloadShape {
            leads: 10_000,
            attributes: 25,
            seed: DEFAULT_SEED,
        };
        let bytes = get_multiple_leads_response(shape).len();
        assert!(
            (20_000_000..=31_000_000).contains(&bytes),
            "full payload is {bytes} bytes"
        );
    }
}
