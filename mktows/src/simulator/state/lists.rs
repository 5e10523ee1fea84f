//! Static lists and `listOperation` (ADDTOLIST / ISMEMBEROFLIST / REMOVEFROMLIST).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::SimState;
use crate::generated::types::ActivityType;
use crate::simulator::fault::{ServiceFault, codes};

/// A static list of lead ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticList {
    /// List id (`staticListId`).
    pub id: i32,
    /// List name (`MKTOLISTNAME`).
    pub name: String,
    /// The program holding the list; `Program.List` also names the list.
    pub program_name: Option<String>,
    /// Member lead ids.
    pub members: BTreeSet<i32>,
}

impl StaticList {
    /// `ProgramName.ListName`, or the plain name of a list outside any program.
    pub fn full_name(&self) -> String {
        match &self.program_name {
            Some(program) => format!("{program}.{}", self.name),
            None => self.name.clone(),
        }
    }

    /// Whether `name` refers to this list: its own name or `ProgramName.ListName`.
    fn is_named(&self, name: &str) -> bool {
        self.name == name
            || self.program_name.as_deref().is_some_and(|program| {
                name.strip_prefix(program).and_then(|r| r.strip_prefix('.')) == Some(&self.name)
            })
    }
}

/// The three `listOperation` kinds; the result per lead is the `leadStatus/status` boolean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMembership {
    /// ADDTOLIST: true when the lead exists (and is now a member).
    Add,
    /// ISMEMBEROFLIST: true when the lead is a member.
    Check,
    /// REMOVEFROMLIST: true when the lead was a member.
    Remove,
}

impl SimState {
    /// Creates an empty static list with the next free id; returns the id.
    pub fn add_static_list(&mut self, name: impl Into<String>, program_name: Option<&str>) -> i32 {
        let id = self.next_list_id;
        self.next_list_id = id.saturating_add(1);
        self.lists.insert(
            id,
            StaticList {
                id,
                name: name.into(),
                program_name: program_name.map(str::to_owned),
                members: BTreeSet::new(),
            },
        );
        id
    }

    /// The static list with this id.
    pub fn static_list(&self, id: i32) -> Option<&StaticList> {
        self.lists.get(&id)
    }

    /// Adds existing leads to a list (seeding helper); unknown ids are skipped.
    pub fn add_list_members(&mut self, list_id: i32, lead_ids: &[i32]) {
        let known: Vec<i32> = lead_ids
            .iter()
            .copied()
            .filter(|id| self.leads.contains_key(id))
            .collect();
        if let Some(list) = self.lists.get_mut(&list_id) {
            list.members.extend(known);
        }
    }

    /// The list named `name` (plain or `Program.List`) or with id `id`; 20111 when none.
    pub fn find_list(
        &self,
        name: Option<&str>,
        id: Option<i32>,
    ) -> Result<&StaticList, ServiceFault> {
        let found = match (id, name) {
            (Some(id), _) => self.lists.get(&id),
            (None, Some(name)) => self.lists.values().find(|l| l.is_named(name)),
            (None, None) => {
                return Err(ServiceFault::with_detail(
                    codes::PARAMETER_REQUIRED,
                    "staticListName or staticListId is required",
                ));
            }
        };
        found.ok_or_else(|| {
            ServiceFault::with_detail(
                codes::LIST_NOT_FOUND,
                match (id, name) {
                    (Some(id), _) => format!("no static list with id {id}"),
                    (None, name) => format!("no static list named {:?}", name.unwrap_or_default()),
                },
            )
        })
    }

    /// The list `list` of program `program` (importToList names both).
    pub(super) fn list_in_program(&self, program: &str, list: &str) -> Option<i32> {
        self.lists
            .values()
            .find(|l| l.name == list && l.program_name.as_deref() == Some(program))
            .map(|l| l.id)
    }

    /// Adds (`true`) or removes a member, logging "Add to List" / "Remove from List" when the
    /// membership changed.
    pub(super) fn set_membership(
        &mut self,
        list_id: i32,
        lead_id: i32,
        member: bool,
        now: DateTime<Utc>,
    ) {
        let Some(list) = self.lists.get_mut(&list_id) else {
            return;
        };
        let changed = if member {
            list.members.insert(lead_id)
        } else {
            list.members.remove(&lead_id)
        };
        if changed {
            let name = list.full_name();
            let activity_type = if member {
                ActivityType::AddToList
            } else {
                ActivityType::RemoveFromList
            };
            let attributes = vec![("List Name".to_owned(), name.clone())];
            self.log_activity(lead_id, activity_type, name, attributes, None, now);
        }
    }

    /// Applies one membership operation to the list named `list_name` for each lead id; the
    /// result is one status per id, in order. With `strict`, any false status fails the whole
    /// call with 20103 and changes nothing.
    pub fn list_operation(
        &mut self,
        list_name: &str,
        operation: ListMembership,
        lead_ids: &[i32],
        strict: bool,
        now: DateTime<Utc>,
    ) -> Result<Vec<bool>, ServiceFault> {
        let list = self.find_list(Some(list_name), None)?;
        let list_id = list.id;
        let statuses: Vec<bool> = lead_ids
            .iter()
            .map(|id| match operation {
                ListMembership::Add => self.leads.contains_key(id),
                ListMembership::Check | ListMembership::Remove => list.members.contains(id),
            })
            .collect();
        if strict && operation != ListMembership::Check && statuses.iter().any(|ok| !ok) {
            return Err(ServiceFault::with_detail(
                codes::LEAD_NOT_FOUND,
                "strict mode: at least one lead could not be processed",
            ));
        }
        for (id, ok) in lead_ids.iter().zip(&statuses) {
            match operation {
                ListMembership::Add if *ok => self.set_membership(list_id, *id, true, now),
                ListMembership::Remove if *ok => self.set_membership(list_id, *id, false, now),
                _ => {}
            }
        }
        Ok(statuses)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_check_remove_and_unknown_list() {
        let mut state = SimState::new();
        let now = Utc::now();
        let a = state.add_lead_with_email("a@example.com");
        let list = state.add_static_list("Subscribers", Some("Newsletter"));
        let added = state.list_operation(
            "Newsletter.Subscribers",
            ListMembership::Add,
            &[a, 999],
            false,
            now,
        );
        assert_eq!(added, Ok(vec![true, false]));
        assert_eq!(state.static_list(list).map(|l| l.members.len()), Some(1));
        assert_eq!(
            state.list_operation("Subscribers", ListMembership::Check, &[a], false, now),
            Ok(vec![true])
        );
        assert_eq!(
            state.list_operation("Subscribers", ListMembership::Remove, &[a], false, now),
            Ok(vec![true])
        );
        assert_eq!(
            state.list_operation("Subscribers", ListMembership::Check, &[a], false, now),
            Ok(vec![false])
        );
        let missing = state.list_operation("Nope", ListMembership::Add, &[a], false, now);
        assert_eq!(missing.map_err(|f| f.code), Err(20111));
        let strict = state.list_operation("Subscribers", ListMembership::Add, &[a, 999], true, now);
        assert_eq!(strict.map_err(|f| f.code), Err(20103));
        assert_eq!(state.static_list(list).map(|l| l.members.len()), Some(0));
        let logged: Vec<String> = state
            .activities()
            .map(|a| format!("{}:{}", a.activity_type.as_str(), a.asset_name))
            .collect();
        assert_eq!(
            logged,
            vec![
                "AddToList:Newsletter.Subscribers",
                "RemoveFromList:Newsletter.Subscribers"
            ]
        );
    }
}
