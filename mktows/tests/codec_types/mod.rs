//! Hand-written `XmlEncode`/`XmlDecode` impls shaped like the generated ones (unqualified
//! children, nillable fields, a polymorphic selector, repeated items), shared by codec tests.

use mktows::xml::{
    DecodeError, ElementStart, Form, Integer, Name, Nillable, XmlDecode, XmlEncode, XmlReader,
    XmlWriter, XsdDateTime,
};

/// The target namespace of the test types.
pub const NS: &str = "http://www.marketo.com/mktows/";

#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub attr_name: String,
    pub attr_type: Option<Nillable<String>>,
    pub attr_value: String,
}

impl XmlEncode for Attribute {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.simple(Name::unqualified("attrName"), &self.attr_name);
        if let Some(t) = &self.attr_type {
            w.simple_nillable(Name::unqualified("attrType"), t);
        }
        w.simple(Name::unqualified("attrValue"), &self.attr_value);
    }
}

impl XmlDecode for Attribute {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let (mut attr_name, mut attr_type, mut attr_value) = (None, None, None);
        while let Some(c) = r.next_child(Form::Unqualified)? {
            match c.local_name() {
                "attrName" => {
                    let v = r.simple(&c)?;
                    r.set_once(&mut attr_name, &c, v)?
                }
                "attrType" => {
                    let v = r.simple_nillable(&c)?;
                    r.set_once(&mut attr_type, &c, v)?
                }
                "attrValue" => {
                    let v = r.simple(&c)?;
                    r.set_once(&mut attr_value, &c, v)?
                }
                _ => r.unknown(&c)?,
            }
        }
        Ok(Attribute {
            attr_name: r.require(attr_name, "attrName")?,
            attr_type,
            attr_value: r.require(attr_value, "attrValue")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArrayOfAttribute {
    pub attribute: Vec<Attribute>,
}

impl XmlEncode for ArrayOfAttribute {
    fn encode_content(&self, w: &mut XmlWriter) {
        for a in &self.attribute {
            w.complex(Name::unqualified("attribute"), a);
        }
    }
}

impl XmlDecode for ArrayOfAttribute {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut attribute = Vec::new();
        while let Some(c) = r.next_child(Form::Unqualified)? {
            match c.local_name() {
                "attribute" => {
                    let v = r.complex_item(&c, attribute.len() + 1)?;
                    attribute.push(v);
                }
                _ => r.unknown(&c)?,
            }
        }
        Ok(ArrayOfAttribute { attribute })
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LeadRecord {
    pub id: Option<Nillable<i32>>,
    pub email: Option<Nillable<String>>,
    pub foreign_sys_person_id: Option<Nillable<String>>,
    pub lead_attribute_list: Option<Nillable<ArrayOfAttribute>>,
}

impl XmlEncode for LeadRecord {
    fn encode_content(&self, w: &mut XmlWriter) {
        if let Some(v) = &self.id {
            w.simple_nillable(Name::unqualified("Id"), v);
        }
        if let Some(v) = &self.email {
            w.simple_nillable(Name::unqualified("Email"), v);
        }
        if let Some(v) = &self.foreign_sys_person_id {
            w.simple_nillable(Name::unqualified("ForeignSysPersonId"), v);
        }
        if let Some(v) = &self.lead_attribute_list {
            w.complex_nillable(Name::unqualified("leadAttributeList"), v);
        }
    }
}

impl XmlDecode for LeadRecord {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut out = LeadRecord::default();
        while let Some(c) = r.next_child(Form::Unqualified)? {
            match c.local_name() {
                "Id" => {
                    let v = r.simple_nillable(&c)?;
                    r.set_once(&mut out.id, &c, v)?
                }
                "Email" => {
                    let v = r.simple_nillable(&c)?;
                    r.set_once(&mut out.email, &c, v)?
                }
                "ForeignSysPersonId" => {
                    let v = r.simple_nillable(&c)?;
                    r.set_once(&mut out.foreign_sys_person_id, &c, v)?
                }
                "leadAttributeList" => {
                    let v = r.complex_nillable(&c)?;
                    r.set_once(&mut out.lead_attribute_list, &c, v)?
                }
                _ => r.unknown(&c)?,
            }
        }
        Ok(out)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArrayOfLeadRecord {
    pub lead_record: Vec<LeadRecord>,
}

impl XmlEncode for ArrayOfLeadRecord {
    fn encode_content(&self, w: &mut XmlWriter) {
        for l in &self.lead_record {
            w.complex(Name::unqualified("leadRecord"), l);
        }
    }
}

impl XmlDecode for ArrayOfLeadRecord {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut lead_record = Vec::new();
        while let Some(c) = r.next_child(Form::Unqualified)? {
            match c.local_name() {
                "leadRecord" => {
                    let v = r.complex_item(&c, lead_record.len() + 1)?;
                    lead_record.push(v);
                }
                _ => r.unknown(&c)?,
            }
        }
        Ok(ArrayOfLeadRecord { lead_record })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResultGetLead {
    pub count: i32,
    pub lead_record_list: Option<Nillable<ArrayOfLeadRecord>>,
}

impl XmlEncode for ResultGetLead {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.simple(Name::unqualified("count"), &self.count);
        if let Some(v) = &self.lead_record_list {
            w.complex_nillable(Name::unqualified("leadRecordList"), v);
        }
    }
}

impl XmlDecode for ResultGetLead {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let (mut count, mut lead_record_list) = (None, None);
        while let Some(c) = r.next_child(Form::Unqualified)? {
            match c.local_name() {
                "count" => {
                    let v = r.simple(&c)?;
                    r.set_once(&mut count, &c, v)?
                }
                "leadRecordList" => {
                    let v = r.complex_nillable(&c)?;
                    r.set_once(&mut lead_record_list, &c, v)?
                }
                _ => r.unknown(&c)?,
            }
        }
        Ok(ResultGetLead {
            count: r.require(count, "count")?,
            lead_record_list,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SuccessGetLead {
    pub result: ResultGetLead,
}

impl XmlEncode for SuccessGetLead {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.complex(Name::unqualified("result"), &self.result);
    }
}

impl XmlDecode for SuccessGetLead {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut result = None;
        while let Some(c) = r.next_child(Form::Unqualified)? {
            match c.local_name() {
                "result" => {
                    let v = r.complex(&c)?;
                    r.set_once(&mut result, &c, v)?
                }
                _ => r.unknown(&c)?,
            }
        }
        Ok(SuccessGetLead {
            result: r.require(result, "result")?,
        })
    }
}

/// Polymorphic selector, dispatched on `xsi:type`.
#[derive(Debug, Clone, PartialEq)]
pub enum LeadSelector {
    LeadKeySelector {
        key_type: String,
        key_values: Vec<String>,
    },
    StaticListSelector {
        static_list_name: String,
    },
}

impl XmlEncode for LeadSelector {
    fn encode_content(&self, w: &mut XmlWriter) {
        match self {
            LeadSelector::LeadKeySelector {
                key_type,
                key_values,
            } => {
                w.simple(Name::unqualified("keyType"), key_type);
                w.complex(
                    Name::unqualified("keyValues"),
                    &StringItems(key_values.clone()),
                );
            }
            LeadSelector::StaticListSelector { static_list_name } => {
                w.simple(Name::unqualified("staticListName"), static_list_name);
            }
        }
    }

    fn xsi_type(&self) -> Option<Name> {
        Some(Name::new(
            mktows::types::TARGET_NAMESPACE,
            match self {
                LeadSelector::LeadKeySelector { .. } => "LeadKeySelector",
                LeadSelector::StaticListSelector { .. } => "StaticListSelector",
            },
        ))
    }
}

impl XmlDecode for LeadSelector {
    fn decode(r: &mut XmlReader<'_>, start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let Some((ns, local)) = start.xsi_type() else {
            return Err(r.missing_xsi_type(start));
        };
        match (ns, local) {
            (Some(NS), "LeadKeySelector") => {
                let (mut key_type, mut key_values) = (None, None);
                while let Some(c) = r.next_child(Form::Unqualified)? {
                    match c.local_name() {
                        "keyType" => {
                            let v = r.simple(&c)?;
                            r.set_once(&mut key_type, &c, v)?
                        }
                        "keyValues" => {
                            let v: StringItems = r.complex(&c)?;
                            r.set_once(&mut key_values, &c, v.0)?
                        }
                        _ => r.unknown(&c)?,
                    }
                }
                Ok(LeadSelector::LeadKeySelector {
                    key_type: r.require(key_type, "keyType")?,
                    key_values: r.require(key_values, "keyValues")?,
                })
            }
            (Some(NS), "StaticListSelector") => {
                let mut name = None;
                while let Some(c) = r.next_child(Form::Unqualified)? {
                    match c.local_name() {
                        "staticListName" => {
                            let v = r.simple(&c)?;
                            r.set_once(&mut name, &c, v)?
                        }
                        _ => r.unknown(&c)?,
                    }
                }
                Ok(LeadSelector::StaticListSelector {
                    static_list_name: r.require(name, "staticListName")?,
                })
            }
            _ => Err(r.unknown_xsi_type(start)),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StringItems(pub Vec<String>);

impl XmlEncode for StringItems {
    fn encode_content(&self, w: &mut XmlWriter) {
        for s in &self.0 {
            w.simple(Name::unqualified("stringItem"), s);
        }
    }
}

impl XmlDecode for StringItems {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut items = Vec::new();
        while let Some(c) = r.next_child(Form::Unqualified)? {
            match c.local_name() {
                "stringItem" => {
                    let v = r.simple_item(&c, items.len() + 1)?;
                    items.push(v);
                }
                _ => r.unknown(&c)?,
            }
        }
        Ok(StringItems(items))
    }
}

/// A request with one field of each interesting builtin.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamsMixed {
    pub lead_selector: LeadSelector,
    pub since: XsdDateTime,
    pub big: Integer,
    pub blob: Vec<u8>,
    pub ratio: f64,
    pub flag: bool,
}

impl XmlEncode for ParamsMixed {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.complex(Name::unqualified("leadSelector"), &self.lead_selector);
        w.simple(Name::unqualified("since"), &self.since);
        w.simple(Name::unqualified("big"), &self.big);
        w.simple(Name::unqualified("blob"), &self.blob);
        w.simple(Name::unqualified("ratio"), &self.ratio);
        w.simple(Name::unqualified("flag"), &self.flag);
    }
}

impl XmlDecode for ParamsMixed {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let (mut sel, mut since, mut big, mut blob, mut ratio, mut flag) =
            (None, None, None, None, None, None);
        while let Some(c) = r.next_child(Form::Unqualified)? {
            match c.local_name() {
                "leadSelector" => {
                    let v = r.complex(&c)?;
                    r.set_once(&mut sel, &c, v)?
                }
                "since" => {
                    let v = r.simple(&c)?;
                    r.set_once(&mut since, &c, v)?
                }
                "big" => {
                    let v = r.simple(&c)?;
                    r.set_once(&mut big, &c, v)?
                }
                "blob" => {
                    let v = r.simple(&c)?;
                    r.set_once(&mut blob, &c, v)?
                }
                "ratio" => {
                    let v = r.simple(&c)?;
                    r.set_once(&mut ratio, &c, v)?
                }
                "flag" => {
                    let v = r.simple(&c)?;
                    r.set_once(&mut flag, &c, v)?
                }
                _ => r.unknown(&c)?,
            }
        }
        Ok(ParamsMixed {
            lead_selector: r.require(sel, "leadSelector")?,
            since: r.require(since, "since")?,
            big: r.require(big, "big")?,
            blob: r.require(blob, "blob")?,
            ratio: r.require(ratio, "ratio")?,
            flag: r.require(flag, "flag")?,
        })
    }
}

/// Children in the target namespace (`elementFormDefault="qualified"` style).
#[derive(Debug, Clone, PartialEq)]
pub struct QualifiedPair {
    pub a: String,
}

impl XmlEncode for QualifiedPair {
    fn encode_content(&self, w: &mut XmlWriter) {
        w.simple(Name::new(mktows::types::TARGET_NAMESPACE, "a"), &self.a);
    }
}

impl XmlDecode for QualifiedPair {
    fn decode(r: &mut XmlReader<'_>, _start: &ElementStart<'_>) -> Result<Self, DecodeError> {
        let mut a = None;
        while let Some(c) = r.next_child(Form::Qualified)? {
            match c.local_name() {
                "a" => {
                    let v = r.simple(&c)?;
                    r.set_once(&mut a, &c, v)?
                }
                _ => r.unknown(&c)?,
            }
        }
        Ok(QualifiedPair {
            a: r.require(a, "a")?,
        })
    }
}
