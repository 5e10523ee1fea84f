//! Static lists and `listOperation` (ADDTOLIST / ISMEMBEROFLIST / REMOVEFROMLIST).

use std::collections::BTreeSet;

use super::SimState;
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

    /// Applies one membership operation to the list named `list_name` for each lead id; the
    /// result is one status per id, in order. With `strict`, any false status fails the whole
    /// call with 20103 and changes nothing.
    pub fn list_operation(
        &mut self,
        list_name: &str,
        operation: ListMembership,
        lead_ids: &[i32],
        strict: bool,
    ) -> Result<Vec<bool>, ServiceFault> {
        let list_id = self.find_list(Some(list_name), None)?.id;
        let leads = &self.leads;
        let Some(list) = self.lists.get_mut(&list_id) else {
            return Err(ServiceFault::new(codes::LIST_NOT_FOUND));
        };
        let statuses: Vec<bool> = lead_ids
            .iter()
            .map(|id| match operation {
                ListMembership::Add => leads.contains_key(id),
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
                ListMembership::Add if *ok => {
                    list.members.insert(*id);
                }
                ListMembership::Remove if *ok => {
                    list.members.remove(id);
                }
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
        let a = state.add_lead_with_email("a@example.com");
        let list = state.add_static_list("Subscribers", Some("Newsletter"));
        let added = state.list_operation(
            "Newsletter.Subscribers",
            ListMembership::Add,
            &[a, 999],
            false,
        );
        assert_eq!(added, Ok(vec![true, false]));
        assert_eq!(state.static_list(list).map(|l| l.members.len()), Some(1));
        assert_eq!(
            state.list_operation("Subscribers", ListMembership::Check, &[a], false),
            Ok(vec![true])
        );
        assert_eq!(
            state.list_operation("Subscribers", ListMembership::Remove, &[a], false),
            Ok(vec![true])
        );
        assert_eq!(
            state.list_operation("Subscribers", ListMembership::Check, &[a], false),
            Ok(vec![false])
        );
        let missing = state.list_operation("Nope", ListMembership::Add, &[a], false);
        assert_eq!(missing.map_err(|f| f.code), Err(20111));
        let strict = state.list_operation("Subscribers", ListMembership::Add, &[a, 999], true);
        assert_eq!(strict.map_err(|f| f.code), Err(20103));
        assert_eq!(state.static_list(list).map(|l| l.members.len()), Some(0));
    }
}
