//! XML names → Rust identifiers: case conversion, keyword escaping and collision handling.
//!
//! Every function here is total: any input string (empty, punctuation only, non-ASCII) yields a
//! valid Rust identifier, so the generator never panics when building `proc_macro2::Ident`s.

use std::collections::BTreeSet;

/// Keywords that can be used as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Splits a name into words: at non-alphanumeric characters, at lower→upper transitions
/// (`mObjCriteria` → `m Obj Criteria`), before the last capital of an acronym followed by a
/// lowercase letter (`SFDCAccount` → `SFDC Account`) and after digits followed by a capital
/// (`Base64Binary` → `Base64 Binary`). Non-ASCII characters separate words.
pub fn split_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&prev) = current.chars().last().as_ref() {
            let next = chars.get(i + 1).copied();
            let boundary = (c.is_ascii_uppercase()
                && (prev.is_ascii_lowercase() || prev.is_ascii_digit()))
                || (c.is_ascii_uppercase()
                    && prev.is_ascii_uppercase()
                    && next.is_some_and(|n| n.is_ascii_lowercase()));
            if boundary {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `mObjCriteriaList` → `m_obj_criteria_list`, `Id` → `id`, `SFDCAccountId` → `sfdc_account_id`.
/// Not escaped; see [`field_ident`].
pub fn snake_case(name: &str) -> String {
    split_words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// `IDNUM` → `Idnum`, `VisitWebpage` → `VisitWebpage`, `NewSFDCOpprtnty` → `NewSfdcOpprtnty`,
/// `ready for review` → `ReadyForReview`. Not escaped; see [`type_ident`].
pub fn upper_camel(name: &str) -> String {
    let mut out = String::new();
    for word in split_words(name) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

/// `SCREAMING_SNAKE` for constants: `requestCampaign` → `REQUEST_CAMPAIGN`.
pub fn screaming_snake(name: &str) -> String {
    let s = snake_case(name).to_ascii_uppercase();
    if s.is_empty() {
        return "ITEM".to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("N{s}");
    }
    s
}

/// A field, variable, parameter or method name: snake_case, prefixed when it would start with a
/// digit, `r#`-escaped when it is a keyword (`type` → `r#type`), `self` → `self_`.
pub fn field_ident(xml_name: &str) -> String {
    let mut s = snake_case(xml_name);
    if s.is_empty() {
        s = "value".to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("n{s}");
    }
    escape_keyword(s)
}

/// A type name: UpperCamel with acronyms cased like words, the same rule that names anonymous
/// types after their fields, so `ObjectIDType` and a field `groupObjectIdType` give
/// `ObjectIdType` and `GroupObjectIdType`, never both spellings. Clean names are unchanged
/// (`ParamsRequestCampaign`, `MObjCriteria`: a single capital is a word of its own);
/// `lead_key` → `LeadKey`, `URL` → `Url`.
pub fn type_ident(xml_name: &str) -> String {
    variant_ident(xml_name)
}

/// An enum variant from an enumeration value: UpperCamel; values that have no letters or start
/// with a digit get a `V` prefix (`1` → `V1`), empty values become `Empty`.
pub fn variant_ident(value: &str) -> String {
    let s = upper_camel(value);
    if s.is_empty() {
        return "Empty".to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("V{s}");
    }
    escape_keyword(s)
}

/// `r#`-escapes raw-able keywords and suffixes the others with `_`.
fn escape_keyword(s: String) -> String {
    if RAW_KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else if NON_RAW_KEYWORDS.contains(&s.as_str()) {
        format!("{s}_")
    } else {
        s
    }
}

/// Hands out unique names within one scope (a struct's fields, an enum's variants, a module's
/// types). The first claimant of a name keeps it; later ones get `2`, `3`, … appended (with an
/// underscore for snake_case names), so the result only depends on the order of claims.
#[derive(Debug, Default)]
pub struct NameScope {
    taken: BTreeSet<String>,
}

impl NameScope {
    /// A scope in which `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Claims `wanted`, or the first free numbered variant of it.
    pub fn claim(&mut self, wanted: &str) -> String {
        if self.taken.insert(wanted.to_owned()) {
            return wanted.to_owned();
        }
        let base = wanted.strip_prefix("r#").unwrap_or(wanted);
        let snake = base.starts_with(|c: char| c.is_ascii_lowercase());
        let mut n = 2u32;
        loop {
            let candidate = if snake {
                format!("{base}_{n}")
            } else {
                format!("{base}{n}")
            };
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// Builds an identifier from a name produced by this module (`r#type` → raw identifier).
pub fn ident(name: &str) -> proc_macro2::Ident {
    let span = proc_macro2::Span::call_site();
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, span),
        None => proc_macro2::Ident::new(name, span),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_splits_camel_humps_and_acronyms() {
        assert_eq!(snake_case("mObjCriteriaList"), "m_obj_criteria_list");
        assert_eq!(snake_case("Id"), "id");
        assert_eq!(snake_case("ForeignSysPersonId"), "foreign_sys_person_id");
        assert_eq!(snake_case("SFDCAccountId"), "sfdc_account_id");
        assert_eq!(snake_case("base64Binary"), "base64_binary");
        assert_eq!(snake_case("leadKey"), "lead_key");
        assert_eq!(snake_case("already_snake"), "already_snake");
        assert_eq!(snake_case("with-dash and space"), "with_dash_and_space");
    }

    #[test]
    fn field_idents_escape_keywords_and_digits() {
        assert_eq!(field_ident("type"), "r#type");
        assert_eq!(field_ident("Type"), "r#type");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("match"), "r#match");
        assert_eq!(field_ident("3dValue"), "n3d_value");
        assert_eq!(field_ident("---"), "value");
    }

    #[test]
    fn variants_are_upper_camel() {
        assert_eq!(variant_ident("IDNUM"), "Idnum");
        assert_eq!(variant_ident("VisitWebpage"), "VisitWebpage");
        assert_eq!(variant_ident("NewSFDCOpprtnty"), "NewSfdcOpprtnty");
        assert_eq!(variant_ident("ready for review"), "ReadyForReview");
        assert_eq!(variant_ident("in-progress/2"), "InProgress2");
        assert_eq!(variant_ident("1"), "V1");
        assert_eq!(variant_ident(""), "Empty");
        assert_eq!(variant_ident("@!"), "Empty");
    }

    #[test]
    fn type_idents_keep_clean_schema_names() {
        assert_eq!(type_ident("ParamsRequestCampaign"), "ParamsRequestCampaign");
        assert_eq!(type_ident("MObjCriteria"), "MObjCriteria");
        assert_eq!(type_ident("ReqCampSourceType"), "ReqCampSourceType");
        assert_eq!(type_ident("lead_key"), "LeadKey");
        assert_eq!(type_ident("URL"), "Url");
        assert_eq!(type_ident("ObjectIDType"), "ObjectIdType");
        assert_eq!(type_ident("GroupObjectIdType"), "GroupObjectIdType");
        assert_eq!(type_ident("SFDCAccount"), "SfdcAccount");
        assert_eq!(type_ident("ArrayOfMObject"), "ArrayOfMObject");
        assert_eq!(type_ident("getLead"), "GetLead");
    }

    #[test]
    fn scope_disambiguates_in_claim_order() {
        let mut scope = NameScope::with_reserved(&["Option"]);
        assert_eq!(scope.claim("Option"), "Option2");
        assert_eq!(scope.claim("LeadKey"), "LeadKey");
        assert_eq!(scope.claim("LeadKey"), "LeadKey2");
        assert_eq!(scope.claim("LeadKey"), "LeadKey3");
        let mut fields = NameScope::default();
        assert_eq!(fields.claim("foo_bar"), "foo_bar");
        assert_eq!(fields.claim("foo_bar"), "foo_bar_2");
        assert_eq!(fields.claim("r#type"), "r#type");
        assert_eq!(fields.claim("r#type"), "type_2");
    }

    #[test]
    fn idents_are_valid_for_every_output() {
        for raw in ["type", "self", "", "9", "a b", "Ünïcode", "r#x"] {
            let _ = ident(&field_ident(raw));
            let _ = ident(&variant_ident(raw));
            let _ = ident(&type_ident(raw));
        }
    }
}
