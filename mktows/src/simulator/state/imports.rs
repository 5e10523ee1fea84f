//! importToList / getImportToListStatus and mergeLeads.
//!
//! An import is applied when importToList is called, which answers PROCESSING as Marketo's
//! asynchronous import does; getImportToListStatus then reports the final status (COMPLETE, or
//! FAILED when no row could be imported) with the row counts. The header names fields by
//! display name ("Email Address", "First Name"); `{{my.token}}` columns are per-lead tokens
//! and need `campaignName`.

use chrono::{DateTime, Utc};

use super::SimState;
use super::leads::{LeadUpsert, SyncRules};
use crate::generated::types::{ActivityType, ImportToListModeEnum, ImportToListStatusEnum};
use crate::simulator::fault::{ServiceFault, codes};

/// One import into a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRun {
    /// Final status (COMPLETE or FAILED).
    pub status: ImportToListStatusEnum,
    /// When importToList was called.
    pub started_at: DateTime<Utc>,
    /// Rows sent.
    pub rows: usize,
    /// Rows imported (lead upserted or found, and added to the list).
    pub imported: usize,
    /// Rows that could not be read (wrong column count, no email).
    pub failed: usize,
    /// Rows skipped (LISTONLY with an unknown email).
    pub ignored: usize,
    /// Human-readable summary.
    pub summary: String,
}

/// What importToList asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRequest<'a> {
    /// `programName`.
    pub program: &'a str,
    /// `listName` (a list of that program).
    pub list: &'a str,
    /// `importFileHeader`.
    pub header: &'a str,
    /// `importFileRows`.
    pub rows: &'a [String],
    /// `importListMode`.
    pub mode: &'a ImportToListModeEnum,
    /// `clearList`.
    pub clear_list: bool,
    /// `campaignName` (required with token columns).
    pub campaign: Option<&'a str>,
}

/// The SOAP field name of an import column (display name → SOAP name).
fn field_name(column: &str) -> String {
    match column.trim() {
        "Email Address" | "Email" => "Email".to_owned(),
        "Job Title" => "Title".to_owned(),
        "Company Name" => "Company".to_owned(),
        other => other.split_whitespace().collect(),
    }
}

/// Splits one CSV line (double quotes group, `""` is a quote).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(field) = fields.last_mut() {
                    field.push('"');
                }
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => {
                if let Some(field) = fields.last_mut() {
                    field.push(c);
                }
            }
        }
    }
    fields.into_iter().map(|f| f.trim().to_owned()).collect()
}

impl SimState {
    /// Runs an import (see the module docs). Unknown program or list: 20111; token columns
    /// without `campaignName`, or a campaign outside the program: 20113 / 20110.
    pub fn import_to_list(
        &mut self,
        request: &ImportRequest<'_>,
        now: DateTime<Utc>,
    ) -> Result<&ImportRun, ServiceFault> {
        let Some(list_id) = self.list_in_program(request.program, request.list) else {
            return Err(ServiceFault::with_detail(
                codes::LIST_NOT_FOUND,
                format!(
                    "no list {:?} in program {:?}",
                    request.list, request.program
                ),
            ));
        };
        if let ImportToListModeEnum::Unknown(other) = request.mode {
            return Err(ServiceFault::with_detail(
                codes::BAD_PARAMETER,
                format!("unknown importListMode {other:?}"),
            ));
        }
        let columns: Vec<String> = csv_fields(request.header);
        let has_tokens = columns.iter().any(|c| c.starts_with("{{"));
        match request.campaign.filter(|c| !c.is_empty()) {
            Some(campaign)
                if self
                    .campaign_in_program(campaign, request.program)
                    .is_none() =>
            {
                return Err(ServiceFault::with_detail(
                    codes::CAMPAIGN_NOT_FOUND,
                    format!("no campaign {campaign:?} in program {:?}", request.program),
                ));
            }
            None if has_tokens => {
                return Err(ServiceFault::with_detail(
                    codes::BAD_PARAMETER,
                    "token columns need campaignName",
                ));
            }
            _ => {}
        }
        if request.clear_list {
            let members: Vec<i32> = self
                .static_list(list_id)
                .map(|l| l.members.iter().copied().collect())
                .unwrap_or_default();
            for member in members {
                self.set_membership(list_id, member, false, now);
            }
        }
        let fields: Vec<String> = columns.iter().map(|c| field_name(c)).collect();
        let (mut imported, mut failed, mut ignored) = (0, 0, 0);
        for row in request.rows {
            let values = csv_fields(row);
            if values.len() != fields.len() {
                failed += 1;
                continue;
            }
            let pairs: Vec<(&String, String)> = fields.iter().zip(values).collect();
            let Some(email) = pairs
                .iter()
                .find(|(f, v)| f.as_str() == "Email" && !v.is_empty())
                .map(|(_, v)| v.clone())
            else {
                failed += 1;
                continue;
            };
            let lead_id = match request.mode {
                ImportToListModeEnum::Listonly => match self.find_leads("EMAIL", &email)?.first() {
                    Some(id) => *id,
                    None => {
                        ignored += 1;
                        continue;
                    }
                },
                _ => {
                    let attributes = pairs
                        .iter()
                        .filter(|(f, _)| f.as_str() != "Email" && !f.starts_with("{{"))
                        .map(|(f, v)| ((*f).clone(), None, v.clone()))
                        .collect();
                    let upsert = LeadUpsert {
                        email: Some(email),
                        attributes,
                        ..LeadUpsert::default()
                    };
                    let rules = SyncRules::SyncMultipleLeads { dedup: true };
                    match self.upsert_lead(upsert, rules, now) {
                        Ok(outcome) => outcome.lead_id(),
                        Err(_) => {
                            failed += 1;
                            continue;
                        }
                    }
                }
            };
            self.set_membership(list_id, lead_id, true, now);
            imported += 1;
        }
        let rows = request.rows.len();
        let status = if imported == 0 && rows > 0 {
            ImportToListStatusEnum::Failed
        } else {
            ImportToListStatusEnum::Complete
        };
        let key = (request.program.to_owned(), request.list.to_owned());
        let run = ImportRun {
            status,
            started_at: now,
            rows,
            imported,
            failed,
            ignored,
            summary: format!(
                "{imported} of {rows} rows imported, {failed} failed, {ignored} ignored"
            ),
        };
        self.imports.insert(key.clone(), run);
        self.imports
            .get(&key)
            .ok_or_else(|| ServiceFault::new(codes::INTERNAL_ERROR))
    }

    /// The last import into `list` of `program`; 20111 when there was none.
    pub fn import_status(&self, program: &str, list: &str) -> Result<&ImportRun, ServiceFault> {
        self.imports
            .get(&(program.to_owned(), list.to_owned()))
            .ok_or_else(|| {
                ServiceFault::with_detail(
                    codes::LIST_NOT_FOUND,
                    format!("no import into list {list:?} of program {program:?}"),
                )
            })
    }

    /// mergeLeads: the winner keeps its own field values and gains the losers' empty-in-winner
    /// fields, list memberships and activity history; the losers are deleted (reading them is
    /// 20103). A "Merge Leads" activity is logged on the winner. A loser equal to the winner or
    /// named twice is 20110.
    pub fn merge_leads(
        &mut self,
        winner: i32,
        losers: &[i32],
        now: DateTime<Utc>,
    ) -> Result<(), ServiceFault> {
        let mut seen = std::collections::BTreeSet::new();
        for loser in losers {
            if *loser == winner || !seen.insert(*loser) {
                return Err(ServiceFault::with_detail(
                    codes::BAD_PARAMETER,
                    format!("lead {loser} cannot be merged into {winner}"),
                ));
            }
        }
        for loser in losers {
            let lists: Vec<i32> = self
                .lists
                .values()
                .filter(|l| l.members.contains(loser))
                .map(|l| l.id)
                .collect();
            let Some(gone) = self.remove_lead(*loser) else {
                continue;
            };
            for list_id in lists {
                self.set_membership(list_id, winner, true, now);
            }
            self.move_activities(*loser, winner);
            if let Some(mut lead) = self.leads.remove(&winner) {
                self.lead_index.remove(&lead);
                for (name, attribute) in gone.attributes {
                    lead.attributes.entry(name).or_insert(attribute);
                }
                if lead.email.is_none() {
                    lead.email = gone.email;
                }
                lead.updated_at = now;
                self.add_lead(lead);
            }
        }
        let merged: Vec<String> = losers.iter().map(i32::to_string).collect();
        self.log_activity(
            winner,
            ActivityType::MergeLeads,
            "Merge Leads",
            vec![("Merge Ids".to_owned(), merged.join(","))],
            None,
            now,
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_split_on_commas_outside_quotes() {
        assert_eq!(csv_fields("a, \"b,c\" ,d"), vec!["a", "b,c", "d"]);
        assert_eq!(csv_fields("\"say \"\"hi\"\"\""), vec!["say \"hi\""]);
        assert_eq!(field_name("Email Address"), "Email");
        assert_eq!(field_name("First Name"), "FirstName");
    }
}
