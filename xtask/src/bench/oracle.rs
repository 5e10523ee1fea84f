//! Cross-check of the typed decoder against an independent parser.
//!
//! A fast decoder is only worth its figure if it decodes right. Round-tripping through the
//! generated encoder cannot catch a mistake the decoder and encoder share (say, text left
//! escaped), so the decoded response is compared field by field with what roxmltree reads
//! from the same bytes.

use mktows::generated::types::SuccessGetMultipleLeads;
use mktows::xml::Nillable;

/// One lead record as plain text: `None` for absent or `xsi:nil` fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadView {
    id: Option<String>,
    email: Option<String>,
    foreign_sys_person_id: Option<String>,
    foreign_sys_type: Option<String>,
    /// (attrName, attrType, attrValue)
    attributes: Vec<(String, Option<String>, String)>,
}

/// Checks that the decoded response holds exactly the lead records roxmltree finds in `xml`.
pub fn check_decoded_response(decoded: &SuccessGetMultipleLeads, xml: &str) -> Result<(), String> {
    let document =
        roxmltree::Document::parse(xml).map_err(|e| format!("oracle: roxmltree: {e}"))?;
    let expected = leads_from_document(&document);
    let found = leads_from_typed(decoded);
    if found.len() != expected.len() {
        return Err(format!(
            "oracle: decoded {} lead records, roxmltree finds {}",
            found.len(),
            expected.len()
        ));
    }
    match found.iter().zip(&expected).position(|(f, e)| f != e) {
        None => Ok(()),
        Some(index) => Err(format!(
            "oracle: leadRecord[{}] differs: decoded {:?}, roxmltree {:?}",
            index + 1,
            found.get(index),
            expected.get(index)
        )),
    }
}

fn leads_from_typed(decoded: &SuccessGetMultipleLeads) -> Vec<LeadView> {
    let leads = match &decoded.result.lead_record_list {
        Some(Nillable::Value(list)) => list.lead_record.as_slice(),
        _ => &[],
    };
    leads
        .iter()
        .map(|lead| LeadView {
            id: value(&lead.id).map(i32::to_string),
            email: value(&lead.email).cloned(),
            foreign_sys_person_id: value(&lead.foreign_sys_person_id).cloned(),
            foreign_sys_type: value(&lead.foreign_sys_type).map(|t| t.as_str().to_string()),
            attributes: value(&lead.lead_attribute_list)
                .map(|list| {
                    list.attribute
                        .iter()
                        .map(|a| {
                            (
                                a.attr_name.clone(),
                                value(&a.attr_type).cloned(),
                                a.attr_value.clone(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

fn value<T>(field: &Option<Nillable<T>>) -> Option<&T> {
    field.as_ref().and_then(Nillable::value)
}

fn leads_from_document(document: &roxmltree::Document<'_>) -> Vec<LeadView> {
    document
        .descendants()
        .filter(|n| n.has_tag_name("leadRecord"))
        .map(|lead| LeadView {
            id: child_text(lead, "Id"),
            email: child_text(lead, "Email"),
            foreign_sys_person_id: child_text(lead, "ForeignSysPersonId"),
            foreign_sys_type: child_text(lead, "ForeignSysType"),
            attributes: child(lead, "leadAttributeList")
                .map(|list| {
                    list.children()
                        .filter(|n| n.has_tag_name("attribute"))
                        .map(|a| {
                            (
                                child_text(a, "attrName").unwrap_or_default(),
                                child_text(a, "attrType"),
                                child_text(a, "attrValue").unwrap_or_default(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

fn child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'input>> {
    node.children().find(|n| n.has_tag_name(name))
}

/// Text of the child `name`; `None` when absent or `xsi:nil="true"`, `""` when empty.
fn child_text(node: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    let element = child(node, name)?;
    if element.attribute((super::payload::XSI_NS, "nil")) == Some("true") {
        return None;
    }
    Some(element.text().unwrap_or_default().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::payload::{self, PayloadShape};
    use crate::bench::typed;

    const SHAPE: PayloadShape = PayloadShape {
        leads: 40,
        attributes: 25,
        seed: 11,
    };

    #[test]
    fn typed_decode_agrees_with_roxmltree_on_the_synthetic_response() {
        let xml = payload::get_multiple_leads_response(SHAPE);
        let decoded = typed::decode_response(&xml).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(check_decoded_response(&decoded, &xml), Ok(()));
        // The views carry the unescaped, non-ASCII text and the nils.
        let views = leads_from_typed(&decoded);
        let all_values: Vec<&str> = views
            .iter()
            .flat_map(|v| v.attributes.iter().map(|a| a.2.as_str()))
            .collect();
        assert!(all_values.iter().any(|v| v.contains("<b>")));
        assert!(all_values.iter().any(|v| !v.is_ascii()));
        assert!(views.iter().any(|v| v.foreign_sys_person_id.is_none()));
        assert!(
            views
                .iter()
                .any(|v| v.attributes.iter().any(|a| a.1.is_none()))
        );
    }

    #[test]
    fn a_wrong_value_is_reported_with_its_record() {
        let xml = payload::get_multiple_leads_response(SHAPE);
        let mut decoded = typed::decode_response(&xml).unwrap_or_else(|e| panic!("{e}"));
        if let Some(Nillable::Value(list)) = &mut decoded.result.lead_record_list
            && let Some(lead) = list.lead_record.get_mut(6)
        {
            lead.email = Some(Nillable::Value("someone@else.example".to_string()));
        }
        let error = check_decoded_response(&decoded, &xml)
            .err()
            .unwrap_or_default();
        assert!(error.contains("leadRecord[7]"), "{error}");
        let missing = typed::decode_response(&payload::get_multiple_leads_response(PayloadShape {
            leads: 39,
            ..SHAPE
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let error = check_decoded_response(&missing, &xml)
            .err()
            .unwrap_or_default();
        assert!(
            error.contains("decoded 39 lead records, roxmltree finds 40"),
            "{error}"
        );
    }
}
