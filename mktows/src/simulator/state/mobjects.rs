//! MObjects: Opportunity and OpportunityPersonRole records, plus the Program view of programs.
//!
//! Support matrix (marketo-objects.md): sync and get for Opportunity, OpportunityPersonRole
//! and Program (Program: UPDATE only, to add costs and tags); delete for Opportunity and
//! OpportunityPersonRole; describe for those two plus the virtual ActivityRecord and
//! LeadRecord. External keys are not unique; the most recently added object wins.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::SimState;
use super::programs::{Program, ProgramCost};
use crate::generated::types::{
    ActivityType, ArrayOfAttrib, ArrayOfMObjAssociation, ArrayOfTypeAttrib, Attrib, ComparisonEnum,
    MObjAssociation, MObjCriteria, MObjStatus, MObjStatusEnum, MObject, SyncOperationEnum,
    TypeAttrib,
};
use crate::simulator::fault::{ServiceFault, codes};

/// The first id handed to a new Opportunity or OpportunityPersonRole.
const FIRST_MOBJECT_ID: i32 = 1;

/// Standard Opportunity attributes (syncmobjects.md).
pub const OPPORTUNITY_FIELDS: &[&str] = &[
    "Amount",
    "CloseDate",
    "Description",
    "ExpectedRevenue",
    "ExternalCreatedDate",
    "Fiscal",
    "FiscalQuarter",
    "FiscalYear",
    "ForecastCategoryName",
    "IsClosed",
    "IsWon",
    "LastActivityDate",
    "LeadSource",
    "Name",
    "NextStep",
    "Probability",
    "Quantity",
    "Stage",
    "Type",
];

/// OpportunityPersonRole attributes (OpportunityId and PersonId required).
pub const PERSON_ROLE_FIELDS: &[&str] = &[
    "OpportunityId",
    "PersonId",
    "Role",
    "ExternalCreatedDate",
    "IsPrimary",
];

/// The MObject types a call can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MObjectType {
    /// `Opportunity`.
    Opportunity,
    /// `OpportunityPersonRole` (links a lead to an opportunity).
    OpportunityPersonRole,
    /// `Program` (get and UPDATE only).
    Program,
}

impl MObjectType {
    /// Parses the wire name (case-sensitive, as documented).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "Opportunity" => Some(Self::Opportunity),
            "OpportunityPersonRole" => Some(Self::OpportunityPersonRole),
            "Program" => Some(Self::Program),
            _ => None,
        }
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Opportunity => "Opportunity",
            Self::OpportunityPersonRole => "OpportunityPersonRole",
            Self::Program => "Program",
        }
    }
}

/// A stored Opportunity or OpportunityPersonRole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMObject {
    /// Object id.
    pub id: i32,
    /// Opportunity or OpportunityPersonRole.
    pub object_type: MObjectType,
    /// `externalKey` as `(name, value)`.
    pub external_key: Option<(String, String)>,
    /// Attributes by name.
    pub attributes: BTreeMap<String, String>,
    /// Associations as `(mObjType, id)`, e.g. `("Company", 12)`.
    pub associations: Vec<(String, i32)>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl StoredMObject {
    fn number(&self, attribute: &str) -> Option<i32> {
        self.attributes.get(attribute)?.trim().parse().ok()
    }
}

/// The MObject store.
#[derive(Debug, Clone)]
pub(super) struct MObjectStore {
    objects: BTreeMap<i32, StoredMObject>,
    next_id: i32,
}

impl Default for MObjectStore {
    fn default() -> Self {
        Self {
            objects: BTreeMap::new(),
            next_id: FIRST_MOBJECT_ID,
        }
    }
}

impl MObjectStore {
    /// Stores an object with its own id (fixtures).
    pub(super) fn insert(&mut self, object: StoredMObject) {
        self.next_id = self.next_id.max(object.id.saturating_add(1));
        self.objects.insert(object.id, object);
    }

    /// Every object in id order.
    pub(super) fn all(&self) -> impl Iterator<Item = &StoredMObject> {
        self.objects.values()
    }
}

/// A failed object: status FAILED with the reason.
fn failed(id: i32, why: impl Into<String>) -> MObjStatus {
    MObjStatus {
        id,
        external_key: None,
        status: MObjStatusEnum::Failed,
        error: Some(why.into()),
    }
}

fn status(id: i32, external_key: Option<Attrib>, status: MObjStatusEnum) -> MObjStatus {
    MObjStatus {
        id,
        external_key,
        status,
        error: None,
    }
}

/// `attribList` as `(name, value)` pairs.
fn attribs(object: &MObject) -> Vec<(String, String)> {
    object
        .attrib_list
        .as_ref()
        .map(|l| {
            l.attrib
                .iter()
                .map(|a| (a.name.clone(), a.value.clone()))
                .collect()
        })
        .unwrap_or_default()
}

impl SimState {
    /// The stored Opportunity / OpportunityPersonRole with this id.
    pub fn mobject(&self, id: i32) -> Option<&StoredMObject> {
        self.mobjects.objects.get(&id)
    }

    /// Stores an object with the next id (seeding helper); returns the id.
    pub fn add_mobject(
        &mut self,
        object_type: MObjectType,
        attributes: &[(&str, &str)],
        now: DateTime<Utc>,
    ) -> i32 {
        let id = self.mobjects.next_id;
        self.mobjects.next_id = id.saturating_add(1);
        self.mobjects.objects.insert(
            id,
            StoredMObject {
                id,
                object_type,
                external_key: None,
                attributes: attributes
                    .iter()
                    .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                    .collect(),
                associations: Vec::new(),
                created_at: now,
                updated_at: now,
            },
        );
        id
    }

    /// The object of `object_type` named by id, else by external key (newest first).
    fn find_mobject(&self, object_type: MObjectType, object: &MObject) -> Option<i32> {
        if let Some(id) = object.id {
            return self
                .mobjects
                .objects
                .get(&id)
                .filter(|o| o.object_type == object_type)
                .map(|o| o.id);
        }
        self.find_by_external_key(object_type, object.external_key.as_ref()?)
    }

    /// The newest object of `object_type` with this external key.
    fn find_by_external_key(&self, object_type: MObjectType, key: &Attrib) -> Option<i32> {
        self.mobjects
            .objects
            .values()
            .rev()
            .find(|o| {
                o.object_type == object_type
                    && o.external_key.as_ref() == Some(&(key.name.clone(), key.value.clone()))
            })
            .map(|o| o.id)
    }

    /// The id an association names (by id, or by external key for Opportunity / Lead email).
    fn association_target(&self, association: &MObjAssociation) -> Option<i32> {
        if let Some(id) = association.id {
            return Some(id);
        }
        let key = association.external_key.as_ref()?;
        match association.m_obj_type.as_str() {
            "Opportunity" => self.find_by_external_key(MObjectType::Opportunity, key),
            "Lead" => self
                .find_leads(&key.name.to_ascii_uppercase(), &key.value)
                .ok()?
                .first()
                .copied(),
            _ => None,
        }
    }

    /// syncMObjects for one object: INSERT, UPDATE or UPSERT (keyed on id, else external key).
    /// Per-object problems are a FAILED status, never a fault.
    pub fn sync_mobject(
        &mut self,
        object: &MObject,
        operation: &SyncOperationEnum,
        now: DateTime<Utc>,
    ) -> MObjStatus {
        let requested_id = object.id.unwrap_or(0);
        let Some(object_type) = MObjectType::parse(&object.r#type) else {
            return failed(
                requested_id,
                format!("unknown MObject type {:?}", object.r#type),
            );
        };
        if object_type == MObjectType::Program {
            return self.update_program(object, operation, now);
        }
        let existing = self.find_mobject(object_type, object);
        let target = match (operation, existing) {
            (SyncOperationEnum::Insert, _) => None,
            (SyncOperationEnum::Update | SyncOperationEnum::Upsert, Some(id)) => Some(id),
            (SyncOperationEnum::Update, None) => {
                return failed(requested_id, "no such object to update");
            }
            (SyncOperationEnum::Upsert, None) => None,
            (SyncOperationEnum::Unknown(other), _) => {
                return failed(requested_id, format!("unknown operation {other:?}"));
            }
        };
        let allowed = match object_type {
            MObjectType::Opportunity => OPPORTUNITY_FIELDS,
            _ => PERSON_ROLE_FIELDS,
        };
        let mut changes = attribs(object);
        if let Some((name, _)) = changes.iter().find(|(n, _)| !allowed.contains(&n.as_str())) {
            return failed(requested_id, format!("unknown attribute {name:?}"));
        }
        let mut associations = Vec::new();
        for association in object
            .association_list
            .iter()
            .flat_map(|l| &l.m_obj_association)
        {
            let Some(target_id) = self.association_target(association) else {
                return failed(requested_id, "association names no existing object");
            };
            match (object_type, association.m_obj_type.as_str()) {
                (MObjectType::OpportunityPersonRole, "Lead") => {
                    changes.push(("PersonId".to_owned(), target_id.to_string()));
                }
                (MObjectType::OpportunityPersonRole, "Opportunity") => {
                    changes.push(("OpportunityId".to_owned(), target_id.to_string()));
                }
                (MObjectType::Opportunity, "Company") => {
                    associations.push(("Company".to_owned(), target_id));
                }
                (_, other) => {
                    return failed(requested_id, format!("cannot associate with {other:?}"));
                }
            }
        }
        let mut record = match target.and_then(|id| self.mobjects.objects.get(&id)) {
            Some(record) => record.clone(),
            None => StoredMObject {
                id: 0,
                object_type,
                external_key: None,
                attributes: BTreeMap::new(),
                associations: Vec::new(),
                created_at: now,
                updated_at: now,
            },
        };
        let before = record.clone();
        for (name, value) in changes {
            record.attributes.insert(name, value);
        }
        for association in associations {
            if !record.associations.contains(&association) {
                record.associations.push(association);
            }
        }
        if let Some(key) = &object.external_key {
            record.external_key = Some((key.name.clone(), key.value.clone()));
        }
        if object_type == MObjectType::OpportunityPersonRole {
            let opportunity = record.number("OpportunityId");
            let person = record.number("PersonId");
            if !opportunity.is_some_and(|id| {
                self.mobject(id)
                    .is_some_and(|o| o.object_type == MObjectType::Opportunity)
            }) {
                return failed(requested_id, "OpportunityId names no opportunity");
            }
            if !person.is_some_and(|id| self.leads.contains_key(&id)) {
                return failed(requested_id, "PersonId names no lead");
            }
        }
        let external_key = record.external_key.as_ref().map(|(name, value)| Attrib {
            name: name.clone(),
            value: value.clone(),
        });
        if target.is_some() && record == before {
            return status(record.id, external_key, MObjStatusEnum::Unchanged);
        }
        record.updated_at = now;
        let created = target.is_none();
        if created {
            record.id = self.mobjects.next_id;
            self.mobjects.next_id = record.id.saturating_add(1);
        }
        let id = record.id;
        self.mobjects.objects.insert(id, record);
        self.log_mobject_change(id, created, now);
        let outcome = if created {
            MObjStatusEnum::Created
        } else {
            MObjStatusEnum::Updated
        };
        status(id, external_key, outcome)
    }

    /// Lead activities for a created or updated object: a new role is "Add to Opportunity"
    /// for its person, an opportunity change is "Update Opportunity" for every person in it.
    fn log_mobject_change(&mut self, id: i32, created: bool, now: DateTime<Utc>) {
        let Some(object) = self.mobjects.objects.get(&id) else {
            return;
        };
        let entries: Vec<(i32, ActivityType, i32)> = match object.object_type {
            MObjectType::OpportunityPersonRole if created => object
                .number("PersonId")
                .zip(object.number("OpportunityId"))
                .map(|(person, opportunity)| {
                    (person, ActivityType::AssocWithOpprtntyInSales, opportunity)
                })
                .into_iter()
                .collect(),
            MObjectType::Opportunity if !created => self
                .mobjects
                .objects
                .values()
                .filter(|o| {
                    o.object_type == MObjectType::OpportunityPersonRole
                        && o.number("OpportunityId") == Some(id)
                })
                .filter_map(|role| role.number("PersonId"))
                .map(|person| (person, ActivityType::UpdateOpprtntyInSales, id))
                .collect(),
            _ => Vec::new(),
        };
        for (person, activity_type, opportunity) in entries {
            let name = self
                .mobject(opportunity)
                .and_then(|o| o.attributes.get("Name").cloned())
                .unwrap_or_default();
            let attributes = vec![("Opportunity Id".to_owned(), opportunity.to_string())];
            self.log_activity(person, activity_type, name, attributes, None, now);
        }
    }

    /// syncMObjects on a Program: UPDATE only, adding or updating `Cost` and `Tag` type
    /// attributes (tags and channels must exist).
    fn update_program(
        &mut self,
        object: &MObject,
        operation: &SyncOperationEnum,
        now: DateTime<Utc>,
    ) -> MObjStatus {
        let requested_id = object.id.unwrap_or(0);
        if *operation != SyncOperationEnum::Update {
            return failed(requested_id, "Program supports only UPDATE");
        }
        let Some(id) = object.id.filter(|id| self.programs.contains_key(id)) else {
            return failed(requested_id, "no program with this id");
        };
        let mut new_tags = Vec::new();
        let mut new_costs = Vec::new();
        for type_attrib in object.type_attrib_list.iter().flat_map(|l| &l.type_attrib) {
            let fields: BTreeMap<&str, &str> = type_attrib
                .attr_list
                .iter()
                .flat_map(|l| &l.attrib)
                .map(|a| (a.name.as_str(), a.value.as_str()))
                .collect();
            match type_attrib.attr_type.as_str() {
                "Tag" => {
                    let (Some(tag_type), Some(value)) = (fields.get("Type"), fields.get("Value"))
                    else {
                        return failed(id, "a Tag needs Type and Value");
                    };
                    if !self.tag_exists(tag_type, value) {
                        return failed(id, format!("no tag {tag_type:?} = {value:?}"));
                    }
                    new_tags.push(((*tag_type).to_owned(), (*value).to_owned()));
                }
                "Cost" => {
                    let (Some(month), Some(amount)) = (fields.get("Month"), fields.get("Amount"))
                    else {
                        return failed(id, "a Cost needs Month and Amount");
                    };
                    let cost_id = match fields.get("Id") {
                        Some(text) => match text.trim().parse::<i32>() {
                            Ok(cost_id) => Some(cost_id),
                            Err(_) => return failed(id, format!("bad cost Id {text:?}")),
                        },
                        None => None,
                    };
                    new_costs.push((cost_id, *month, *amount, fields.get("Note").copied()));
                }
                other => return failed(id, format!("unknown typeAttrib {other:?}")),
            }
        }
        let Some(program) = self.program_mut(id) else {
            return failed(id, "no program with this id");
        };
        let before = program.clone();
        for (tag_type, value) in new_tags {
            program.tags.retain(|(t, _)| *t != tag_type);
            program.tags.push((tag_type, value));
        }
        for (cost_id, month, amount, note) in new_costs {
            let next_id = program.costs.iter().map(|c| c.id).max().unwrap_or(0) + 1;
            let cost = ProgramCost {
                id: cost_id.unwrap_or(next_id),
                month: month.to_owned(),
                amount: amount.to_owned(),
                note: note.unwrap_or_default().to_owned(),
            };
            match program.costs.iter_mut().find(|c| c.id == cost.id) {
                Some(existing) => *existing = cost,
                None => program.costs.push(cost),
            }
        }
        if *program == before {
            return status(id, None, MObjStatusEnum::Unchanged);
        }
        program.updated_at = now;
        status(id, None, MObjStatusEnum::Updated)
    }

    /// deleteMObjects for one object: DELETED, or FAILED when the type cannot be deleted or
    /// the object does not exist. Deleting an opportunity deletes its person roles; deleting
    /// a role logs "Remove from Opportunity" for its person.
    pub fn delete_mobject(&mut self, object: &MObject, now: DateTime<Utc>) -> MObjStatus {
        let requested_id = object.id.unwrap_or(0);
        let object_type = match MObjectType::parse(&object.r#type) {
            Some(t @ (MObjectType::Opportunity | MObjectType::OpportunityPersonRole)) => t,
            _ => {
                return failed(
                    requested_id,
                    format!("{:?} cannot be deleted", object.r#type),
                );
            }
        };
        let Some(id) = object.id else {
            return failed(requested_id, "id is required");
        };
        if self
            .mobjects
            .objects
            .get(&id)
            .is_none_or(|o| o.object_type != object_type)
        {
            return failed(id, "no such object");
        }
        let mut removed = vec![id];
        if object_type == MObjectType::Opportunity {
            removed.extend(
                self.mobjects
                    .objects
                    .values()
                    .filter(|o| {
                        o.object_type == MObjectType::OpportunityPersonRole
                            && o.number("OpportunityId") == Some(id)
                    })
                    .map(|o| o.id),
            );
        }
        for removed_id in removed {
            let Some(gone) = self.mobjects.objects.remove(&removed_id) else {
                continue;
            };
            if let (Some(person), Some(opportunity)) =
                (gone.number("PersonId"), gone.number("OpportunityId"))
            {
                self.log_activity(
                    person,
                    ActivityType::DissocFromOpprtntyInSales,
                    opportunity.to_string(),
                    vec![("Opportunity Id".to_owned(), opportunity.to_string())],
                    None,
                    now,
                );
            }
        }
        status(id, None, MObjStatusEnum::Deleted)
    }

    /// Every object of `object_type` in the wire shape, in id order (archived programs only
    /// when `include_archived`).
    pub fn mobjects_of_type(
        &self,
        object_type: MObjectType,
        include_archived: bool,
    ) -> Vec<MObject> {
        match object_type {
            MObjectType::Program => self
                .programs
                .values()
                .filter(|p| include_archived || !p.archived)
                .map(program_mobject)
                .collect(),
            _ => self
                .mobjects
                .objects
                .values()
                .filter(|o| o.object_type == object_type)
                .map(stored_mobject)
                .collect(),
        }
    }
}

/// The wire form of a stored object.
fn stored_mobject(object: &StoredMObject) -> MObject {
    MObject {
        r#type: object.object_type.as_str().to_owned(),
        id: Some(object.id),
        external_key: object.external_key.as_ref().map(|(name, value)| Attrib {
            name: name.clone(),
            value: value.clone(),
        }),
        created_at: Some(object.created_at.fixed_offset().into()),
        updated_at: Some(object.updated_at.fixed_offset().into()),
        attrib_list: Some(ArrayOfAttrib {
            attrib: object
                .attributes
                .iter()
                .map(|(name, value)| Attrib {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
        }),
        type_attrib_list: None,
        association_list: (!object.associations.is_empty()).then(|| ArrayOfMObjAssociation {
            m_obj_association: object
                .associations
                .iter()
                .map(|(kind, id)| MObjAssociation {
                    m_obj_type: kind.clone(),
                    id: Some(*id),
                    external_key: None,
                })
                .collect(),
        }),
    }
}

fn attrib(name: &str, value: impl Into<String>) -> Attrib {
    Attrib {
        name: name.to_owned(),
        value: value.into(),
    }
}

/// The wire form of a program, as in the getMObjects example.
fn program_mobject(program: &Program) -> MObject {
    let mut type_attribs: Vec<TypeAttrib> = program
        .tags
        .iter()
        .map(|(tag_type, value)| TypeAttrib {
            attr_type: "Tag".to_owned(),
            attr_list: Some(ArrayOfAttrib {
                attrib: vec![
                    attrib("Type", tag_type.clone()),
                    attrib("Value", value.clone()),
                ],
            }),
        })
        .collect();
    type_attribs.extend(program.tokens.iter().map(|(name, value)| TypeAttrib {
        attr_type: "Token".to_owned(),
        attr_list: Some(ArrayOfAttrib {
            attrib: vec![attrib("Name", name.clone()), attrib("Value", value.clone())],
        }),
    }));
    type_attribs.extend(program.costs.iter().map(|cost| TypeAttrib {
        attr_type: "Cost".to_owned(),
        attr_list: Some(ArrayOfAttrib {
            attrib: vec![
                attrib("Id", cost.id.to_string()),
                attrib("Month", cost.month.clone()),
                attrib("Amount", cost.amount.clone()),
                attrib("Note", cost.note.clone()),
            ],
        }),
    }));
    MObject {
        r#type: "Program".to_owned(),
        id: Some(program.id),
        external_key: None,
        created_at: Some(program.created_at.fixed_offset().into()),
        updated_at: Some(program.updated_at.fixed_offset().into()),
        attrib_list: Some(ArrayOfAttrib {
            attrib: vec![
                attrib("Name", program.name.clone()),
                attrib("Type", program.program_type.clone()),
                attrib("Workspace Id", "1"),
                attrib("Workspace Name", program.workspace.clone()),
                attrib("Tree Path", program.tree_path.clone()),
                attrib("Is Archived", program.archived.to_string()),
            ],
        }),
        type_attrib_list: (!type_attribs.is_empty()).then_some(ArrayOfTypeAttrib {
            type_attrib: type_attribs,
        }),
        association_list: None,
    }
}

/// The value a criterion's `attrName` reads from an object: `Id`, `Created At`,
/// `Updated At`, `CRM Id` (external key), `Tag Type` / `Tag Value` (any tag), else the
/// attribute of that name.
fn criterion_values(object: &MObject, name: &str) -> Vec<String> {
    let tags = || {
        object
            .type_attrib_list
            .iter()
            .flat_map(|l| &l.type_attrib)
            .filter(|t| t.attr_type == "Tag")
            .flat_map(|t| t.attr_list.iter().flat_map(|l| &l.attrib))
    };
    match name {
        "Id" => object.id.map(|id| id.to_string()).into_iter().collect(),
        "Created At" => object
            .created_at
            .map(|t| t.to_string())
            .into_iter()
            .collect(),
        "Updated At" => object
            .updated_at
            .map(|t| t.to_string())
            .into_iter()
            .collect(),
        "CRM Id" => object
            .external_key
            .as_ref()
            .map(|k| k.value.clone())
            .into_iter()
            .collect(),
        "Tag Type" => tags()
            .filter(|a| a.name == "Type")
            .map(|a| a.value.clone())
            .collect(),
        "Tag Value" => tags()
            .filter(|a| a.name == "Value")
            .map(|a| a.value.clone())
            .collect(),
        "Workspace Id" => vec!["1".to_owned()],
        _ => object
            .attrib_list
            .iter()
            .flat_map(|l| &l.attrib)
            .filter(|a| a.name == name)
            .map(|a| a.value.clone())
            .collect(),
    }
}

/// An ordered form of a value: numbers as numbers, dates as instants, else text.
#[derive(Debug, PartialEq, PartialOrd)]
enum Comparable {
    Number(f64),
    Instant(DateTime<Utc>),
    Text(String),
}

fn comparable(text: &str) -> Comparable {
    let text = text.trim();
    if let Ok(n) = text.parse::<f64>() {
        return Comparable::Number(n);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Comparable::Instant(t.with_timezone(&Utc));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S") {
        return Comparable::Instant(t.and_utc());
    }
    if let Some(t) = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
    {
        return Comparable::Instant(t.and_utc());
    }
    Comparable::Text(text.to_owned())
}

/// Whether `object` satisfies one criterion (any of its values for multi-valued names); an
/// unknown comparison is 20110.
pub(crate) fn meets(object: &MObject, criterion: &MObjCriteria) -> Result<bool, ServiceFault> {
    let wanted = comparable(&criterion.attr_value);
    let test = |value: &String| -> Result<bool, ServiceFault> {
        let have = comparable(value);
        let ordering = match (&have, &wanted) {
            (Comparable::Number(_), Comparable::Number(_))
            | (Comparable::Instant(_), Comparable::Instant(_))
            | (Comparable::Text(_), Comparable::Text(_)) => have.partial_cmp(&wanted),
            _ => value.as_str().partial_cmp(criterion.attr_value.as_str()),
        };
        let Some(ordering) = ordering else {
            return Ok(false);
        };
        Ok(match &criterion.comparison {
            ComparisonEnum::Eq => ordering.is_eq(),
            ComparisonEnum::Ne => ordering.is_ne(),
            ComparisonEnum::Lt => ordering.is_lt(),
            ComparisonEnum::Le => ordering.is_le(),
            ComparisonEnum::Gt => ordering.is_gt(),
            ComparisonEnum::Ge => ordering.is_ge(),
            ComparisonEnum::Unknown(other) => {
                return Err(ServiceFault::with_detail(
                    codes::BAD_PARAMETER,
                    format!("unknown comparison {other:?}"),
                ));
            }
        })
    };
    let values = criterion_values(object, &criterion.attr_name);
    if values.is_empty() {
        // An object without the attribute only satisfies "not equal".
        return Ok(criterion.comparison == ComparisonEnum::Ne);
    }
    for value in &values {
        if test(value)? {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_compare_numbers_dates_and_text() {
        let object = program_mobject(&Program::new(1005, "elizprogramtest"));
        let criterion = |name: &str, comparison: ComparisonEnum, value: &str| MObjCriteria {
            attr_name: name.into(),
            comparison,
            attr_value: value.into(),
        };
        assert_eq!(
            meets(&object, &criterion("Id", ComparisonEnum::Le, "1010")),
            Ok(true)
        );
        assert_eq!(
            meets(&object, &criterion("Id", ComparisonEnum::Gt, "1010")),
            Ok(false)
        );
        assert_eq!(
            meets(
                &object,
                &criterion("Name", ComparisonEnum::Ne, "elizprogramtest")
            ),
            Ok(false)
        );
        assert_eq!(
            meets(&object, &criterion("Stage", ComparisonEnum::Eq, "x")),
            Ok(false)
        );
        let bad = meets(
            &object,
            &criterion("Id", ComparisonEnum::Unknown("LIKE".into()), "1"),
        );
        assert_eq!(bad.map_err(|f| f.code), Err(codes::BAD_PARAMETER));
    }
}
