//! Archiving a case: it leaves the default case list, search and links, and stays in the workspace and
//! the audit trail; unarchiving brings it back.

use std::collections::HashSet;

use serde_json::json;

use super::Workspace;
use super::corrections::check_reason;
use crate::domain::{Archive, Case};
use crate::store::cases;
use crate::{Error, Result};

impl Workspace {
    /// Archives a case with `reason` (required). One audited change (`case.archive`).
    pub fn archive_case(&mut self, id: i64, reason: &str) -> Result<Case> {
        self.checked_write(|ws| {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(Error::refused(format!("say why case #{id} is archived"), crate::error::Remedy::Reason));
            }
            check_reason(reason)?;
            let mut case = ws.case(id)?;
            if let Some(a) = &case.archived {
                return Err(Error::invalid(format!(
                    "case #{id} was already archived on {} by {} ({})",
                    a.archived_at, a.archived_by, a.reason
                )));
            }
            let actor = ws.actor().to_string();
            ws.change("case.archive", Some(id), |tx, now| {
                let archive = Archive { archived_at: now.to_string(), archived_by: actor, reason: reason.to_string() };
                cases::set_archive(tx, id, Some(&archive))?;
                case.archived = Some(archive);
                case.updated_at = now.to_string();
                Ok((case, json!({ "reason": reason })))
            })
        })
    }

    /// Brings an archived case back; `reason` may be empty. One audited change (`case.unarchive`).
    pub fn unarchive_case(&mut self, id: i64, reason: &str) -> Result<Case> {
        self.checked_write(|ws| {
            let reason = reason.trim();
            check_reason(reason)?;
            let mut case = ws.case(id)?;
            let Some(was) = case.archived.take() else {
                return Err(Error::invalid(format!("case #{id} is not archived")));
            };
            ws.change("case.unarchive", Some(id), |tx, now| {
                cases::set_archive(tx, id, None)?;
                case.updated_at = now.to_string();
                let details = json!({
                    "reason": reason,
                    "was": { "archived_at": was.archived_at, "archived_by": was.archived_by, "reason": was.reason },
                });
                Ok((case, details))
            })
        })
    }

    /// Whether any case is archived.
    pub fn any_archived(&self) -> Result<bool> {
        cases::any_archived(self.store().conn())
    }

    /// The ids of the archived cases.
    pub fn archived_case_ids(&self) -> Result<HashSet<i64>> {
        cases::archived_ids(self.store().conn())
    }
}
