//! The workspace: every operation an investigator performs, each one SQLite transaction that also
//! appends its audit row. The CLI and the TUI both call these and nothing below them.

mod answers;
mod archive;
mod bundle;
mod checklist;
mod cipher;
mod clusters;
mod copies;
mod corrections;
mod decisions;
mod demo;
mod disjoint;
mod evidence;
mod integrity;
mod links;
mod lists;
mod matching;
mod organization;
mod outputs;
mod pages;
mod records;
mod roster;
mod search;
mod suggest;
mod versions;

use std::path::Path;

use serde::Serialize;
use serde_json::{Value, json};

pub use bundle::{ImportedCase, Incoming, IncomingCase, Landing, Repointed};
pub use checklist::ChecklistEntry;
pub use cipher::Converted;
pub use clusters::TITLES_AT_ONCE;
pub use decisions::{Withdrawn, WithdrawnDecision};
pub use evidence::{
    Relocated, ResumeRead, Verification, check_resume_format, hash_resume, read_resume, recheck_all, search_for,
};
pub use integrity::{Anchor, Coverage, HeadCheck, Integrity, Restored, ScopeFinding, Tampered};
pub use links::{Cluster, ClusterCase, ImportSummary, MatchSettings, ResumePair, SharedValue, group_label};
pub use lists::MAX_LIST_BYTES;
pub use pages::MORE_CAP;
pub use records::{AddedIdentifier, MAX_NOTE};
pub use roster::{HitCase, PREVIEW_ROWS, PersonHistory, PersonSnapshot, Purged};
pub use search::{CaseHit, FOUND_PER_CASE, Interrupt, describe_places, interrupted};
pub use suggest::{Decision, Suggestion, SuggestionReason};
pub use versions::{ControlEntry, RetiredMark, Upgraded};

use crate::catalog::{self, Catalog};
use crate::domain::score::coverage_percent;
use crate::domain::{Case, CaseStatus, Disposition, Priority, RiskBand, Role, Subject};
use crate::signing::{Keyring, Record, RecordedHead};
use crate::store::audit::{self, AuditRow, ChainHead, Entry};
use crate::store::cases::{self, ArchivedCases, CaseRow};
use crate::store::seal::{self, Scope};
use crate::store::{Store, settings, subjects};
use crate::time::Clock;
use crate::{Error, Result};

/// Longest case title accepted; titles are list labels, the story goes in notes.
pub const MAX_TITLE: usize = 200;

pub struct Workspace {
    store: Store,
    actor: String,
    clock: Clock,
    /// Signs every audit row; remembers the newest head of each workspace this machine wrote.
    keys: Keyring,
    /// Names this workspace in the head records beside the key.
    workspace_id: String,
    /// Things the investigator should be told once (an upgrade that sealed the records…).
    notices: Vec<String>,
    resume_reader: crate::resume::Reader,
    /// How many changes this handle has made since it was opened (the workstation's `u` asks).
    changes: std::sync::atomic::AtomicU64,
    /// Files holding a key this run uses (the workspace's passphrase file, a bundle's), with what each
    /// is: no output is written over one.
    key_files: Vec<(std::path::PathBuf, &'static str)>,
    /// Inside [`Workspace::checked_write`]: changes made there are recorded beside the key once its
    /// transaction has committed, not before.
    held: Option<u32>,
}

/// A new case as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub title: String,
    pub priority: Priority,
    /// The candidate's name, when known: it becomes the case's first subject.
    pub candidate: Option<String>,
}

/// Changes to a case's own fields; `None` leaves a field as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseEdit {
    pub title: Option<String>,
    pub priority: Option<Priority>,
    pub tags: Option<Vec<String>>,
    pub witnesses: Option<String>,
    pub other_reports: Option<String>,
}

/// A case list row with its assessment worked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseSummary {
    #[serde(flatten)]
    pub row: CaseRow,
    pub risk_band: crate::domain::RiskBand,
    pub coverage_percent: u32,
}

impl Workspace {
    /// Opens (creating or upgrading) the workspace file at `path`; changes are recorded as `actor` and
    /// signed with the key in `keys`.
    pub fn open(path: &Path, actor: &str, keys: Keyring) -> Result<Workspace> {
        Self::with_store(Store::open(path)?, actor, keys)
    }

    /// A private in-memory workspace signed with a key of its own.
    pub fn open_in_memory(actor: &str) -> Result<Workspace> {
        Self::with_store(Store::open_in_memory()?, actor, Keyring::ephemeral()?)
    }

    fn with_store(store: Store, actor: &str, keys: Keyring) -> Result<Workspace> {
        let workspace_id = settings::get(store.conn(), "workspace_id")?.unwrap_or_default();
        let mut ws = Workspace {
            store,
            actor: actor.to_string(),
            clock: Clock::System,
            keys,
            workspace_id,
            notices: Vec::new(),
            resume_reader: crate::resume::Reader::default(),
            changes: std::sync::atomic::AtomicU64::new(0),
            key_files: Vec::new(),
            held: None,
        };
        ws.refresh_match_keys()?;
        ws.seal_if_new()?;
        ws.fill_scope_heads()?;
        ws.refresh_scores()?;
        Ok(ws)
    }

    /// The same workspace file opened again, with the same key folder and investigator, for reading on a
    /// worker thread; `None` for a workspace in memory, which only this connection can see.
    pub fn reopen(&self) -> Result<Option<Workspace>> {
        let Some(keys) = self.keys.dir() else { return Ok(None) };
        let Some(store) = self.store.sibling()? else { return Ok(None) };
        let mut ws = Self::with_store(store, &self.actor, Keyring::open(keys))?;
        ws.clock = self.clock;
        Ok(Some(ws))
    }

    /// Uses `clock` for every timestamp from now on (tests and reproducible samples).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Reads resume text with `reader` from now on. The default runs this executable as a child process
    /// with limits, which is right for the vetdesk binary; tests (whose executable is the test harness)
    /// name the vetdesk binary with [`crate::resume::Reader::child`].
    pub fn set_resume_reader(&mut self, reader: crate::resume::Reader) {
        self.resume_reader = reader;
    }

    pub fn resume_reader(&self) -> &crate::resume::Reader {
        &self.resume_reader
    }

    pub fn path(&self) -> Option<&Path> {
        self.store.path()
    }

    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    /// The largest case number in the workspace (0 when it has none).
    pub fn largest_case_id(&self) -> Result<i64> {
        crate::store::seal::case_id_bound(self.store.conn())
    }

    /// How long a change waits for another program's write to end before it is refused as busy.
    pub fn set_busy_timeout(&mut self, wait: std::time::Duration) -> Result<()> {
        self.store.set_busy_timeout(wait)
    }

    /// What opening the workspace did that the user should hear about once; the fronts show them.
    pub fn take_notices(&mut self) -> Vec<String> {
        let mut all = self.store.take_notices();
        all.append(&mut self.keys.take_notices());
        all.append(&mut self.notices);
        all
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The catalog new cases are opened with. Read from the binary on first use, not when the workspace
    /// opens: most commands (links, a case, a report of a case) never need it, and parsing it is a
    /// measurable share of a command's start.
    pub fn catalog(&self) -> &'static Catalog {
        catalog::builtin()
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// The signing key and what is remembered beside it.
    pub(crate) fn keys(&self) -> &Keyring {
        &self.keys
    }

    /// The id naming this workspace (hex), the origin of the bundles it writes.
    pub fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    pub(crate) fn now(&self) -> String {
        self.clock.now()
    }

    /// Runs `f`, a change with the checks that decide it, in one write transaction taken before the
    /// checks (see [`Store::begin_hold`]): two commands at once cannot both pass a check that only one of them
    /// may (void a subject while a value is recorded against it, record the same value twice, edit a
    /// record voided meanwhile), and an audit row's `was` is what its change replaced.
    pub(crate) fn checked_write<T>(&mut self, f: impl FnOnce(&mut Workspace) -> Result<T>) -> Result<T> {
        if self.held.is_some() || self.is_read_only() {
            return f(self);
        }
        self.store.begin_hold()?;
        self.held = Some(0);
        let out = f(self);
        let changes = self.held.take().unwrap_or(0);
        let out = match self.store.end_hold(out.is_ok()) {
            Err(e) if out.is_ok() => Err(e),
            _ => out,
        };
        if out.is_ok() && changes > 0 {
            // One head record for them all; each change counted (`remember_head` counts one).
            self.changes.fetch_add(u64::from(changes - 1), std::sync::atomic::Ordering::Relaxed);
            self.remember_head();
        }
        out
    }

    /// Runs one change: `f` does the writes and returns the audit details; the case (if any) is marked
    /// changed, sealed and the audit row appended, all in the same transaction.
    fn change<T>(
        &mut self,
        action: &str,
        case_id: Option<i64>,
        f: impl FnOnce(&rusqlite::Connection, &str) -> Result<(T, Value)>,
    ) -> Result<T> {
        self.change_touching(action, case_id, Vec::new(), f)
    }

    /// [`Self::change`] for a change that also touches records of other scopes than its case
    /// (workspace-level records, or several cases), named up front in `touches`.
    fn change_touching<T>(
        &mut self,
        action: &str,
        case_id: Option<i64>,
        touches: Vec<Scope>,
        f: impl FnOnce(&rusqlite::Connection, &str) -> Result<(T, Value)>,
    ) -> Result<T> {
        self.change_sealing(action, case_id, &touches.clone(), |tx, now| {
            f(tx, now).map(|(out, details)| (out, details, touches))
        })
    }

    /// The one way a change is written: in one transaction that first checks that the case and every
    /// scope in `checked` are as vetdesk sealed them (a record changed behind its back is never sealed
    /// afresh), runs `f`, touches the case, and appends the audit row sealing the case and the scopes `f`
    /// returns (which may include one `f` created).
    fn change_sealing<T>(
        &mut self,
        action: &str,
        case_id: Option<i64>,
        checked: &[Scope],
        f: impl FnOnce(&rusqlite::Connection, &str) -> Result<(T, Value, Vec<Scope>)>,
    ) -> Result<T> {
        self.check_head_kept()?;
        let now = self.clock.now();
        let actor = &self.actor;
        let signer = self.keys.signer();
        let out = self.store.write(|tx| {
            // Checked inside, so a read-only workspace says so first.
            let signer = signer?;
            for scope in case_id.map(Scope::Case).iter().chain(checked) {
                seal::check_unaltered(tx, *scope)?;
            }
            if let Some(id) = case_id {
                cases::touch(tx, id, &now)?;
            }
            let (out, details, scopes) = f(tx, &now)?;
            let entry = Entry { at: &now, actor, action, case_id, details: &details };
            audit::append(tx, signer, &entry, &scopes)?;
            Ok(out)
        })?;
        match &mut self.held {
            Some(changes) => *changes += 1,
            None => self.remember_head(),
        }
        Ok(out)
    }

    /// How many changes this handle has made since it was opened.
    pub fn changes_made(&self) -> u64 {
        self.changes.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Records the newest head beside the signing key, so a later truncation or rollback is found. A
    /// failure here must not undo a committed change; `audit verify` reports a head record that lags.
    pub(crate) fn remember_head(&self) {
        self.changes.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // A head the chain does not extend (an older copy put back) stays recorded until `audit restored`.
        if self.head_record_check().map_or(true, |check| check.is_bad()) {
            return;
        }
        if let Ok(Some(head)) = audit::head(self.store.conn()) {
            let _ = self.keys.record(&self.workspace_id, Record::Head, &self.head_record_of(head));
        }
    }

    /// What this machine records of `head`, the chain's newest row: with when, and the match rules version
    /// the workspace's keys are derived under.
    pub(crate) fn head_record_of(&self, head: audit::ChainHead) -> RecordedHead {
        let rules = crate::store::settings::get(self.store.conn(), "match_rules").ok().flatten();
        RecordedHead { rows: head.rows, hash: head.hash, at: self.clock.now(), rules, foreign: 0 }
    }

    // --- cases --------------------------------------------------------------------------------

    pub fn create_case(&mut self, new: &NewCase) -> Result<i64> {
        let version = self.catalog().version.clone();
        self.create_case_on(new, &version)
    }

    /// Opens a case whose checklist follows an earlier catalog version built into this vetdesk, as a case
    /// carried over from an older workspace does; `case upgrade` moves it on.
    pub fn create_case_on(&mut self, new: &NewCase, version: &str) -> Result<i64> {
        if catalog::version(version).is_none() {
            return Err(crate::Error::invalid(format!("this vetdesk has no catalog version {version:?}")));
        }
        let title = check_title(&new.title)?;
        let candidate = new.candidate.as_deref().map(str::trim).filter(|c| !c.is_empty());
        if let Some(problem) = candidate.and_then(|c| crate::text::field_problem("the name", c)) {
            return Err(Error::invalid(problem));
        }
        let version = version.to_string();
        self.check_head_kept()?;
        let now = self.clock.now();
        let actor = &self.actor;
        let signer = self.keys.signer();
        let id = self.store.write(|tx| {
            let signer = signer?;
            let id = cases::insert(tx, &title, new.priority, &version, &now)?;
            if let Some(name) = candidate {
                subjects::insert(tx, &Subject::new(id, Role::Candidate, name, &now))?;
            }
            let details =
                json!({ "title": title, "priority": new.priority, "catalog_version": version, "candidate": candidate });
            let entry = Entry { at: &now, actor, action: "case.create", case_id: Some(id), details: &details };
            audit::append(tx, signer, &entry, &[])?;
            Ok(id)
        })?;
        self.remember_head();
        Ok(id)
    }

    pub fn case(&self, id: i64) -> Result<Case> {
        cases::get(self.store.conn(), id)
    }

    /// Changes a case's own fields; its audit row gives each new value and, under `was`, what it replaced.
    pub fn edit_case(&mut self, id: i64, edit: &CaseEdit) -> Result<Case> {
        self.checked_write(|ws| {
            let mut case = ws.case(id)?;
            let before = case.clone();
            let mut details = serde_json::Map::new();
            let mut was = serde_json::Map::new();
            if let Some(title) = &edit.title {
                case.title = check_title(title)?;
                details.insert("title".into(), json!(case.title));
                was.insert("title".into(), json!(before.title));
            }
            if let Some(p) = edit.priority {
                case.priority = p;
                details.insert("priority".into(), json!(p));
                was.insert("priority".into(), json!(before.priority));
            }
            if let Some(tags) = &edit.tags {
                // Each tag once, in the order first given (as aliases are).
                let mut seen = std::collections::HashSet::new();
                case.tags = tags
                    .iter()
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty() && seen.insert(t.clone()))
                    .collect();
                if let Some(problem) = case.tags.iter().find_map(|t| crate::text::field_problem("a tag", t)) {
                    return Err(Error::invalid(problem));
                }
                details.insert("tags".into(), json!(case.tags));
                was.insert("tags".into(), json!(before.tags));
            }
            for (name, given, slot, old) in [
                ("witnesses", &edit.witnesses, &mut case.witnesses, &before.witnesses),
                ("other_reports", &edit.other_reports, &mut case.other_reports, &before.other_reports),
            ] {
                let Some(text) = given else { continue };
                // Text of several lines, as the form takes it; no other control character.
                if let Some(held) = crate::text::control_in_lines(text) {
                    return Err(Error::invalid(format!(
                        "{} takes no control characters but line breaks and tabs; this one holds {held}",
                        name.replace('_', " ")
                    )));
                }
                if let Some(problem) = crate::text::blank_problem(&name.replace('_', " "), text) {
                    return Err(Error::invalid(problem));
                }
                *slot = text.trim().to_string();
                details.insert(name.into(), json!(slot));
                was.insert(name.into(), json!(old));
            }
            if details.is_empty() {
                return Err(Error::invalid("nothing to change"));
            }
            if case == before {
                return Err(Error::invalid(format!("case #{id} already reads that way")));
            }
            details.insert("was".into(), Value::Object(was));
            ws.change("case.edit", Some(id), |tx, now| {
                case.updated_at = now.to_string();
                cases::update(tx, &case)?;
                Ok((case, Value::Object(details)))
            })
        })
    }

    /// Moves a case to `status`; closing records a disposition, reopening clears it.
    pub fn set_status(&mut self, id: i64, status: CaseStatus, disposition: Option<Disposition>) -> Result<Case> {
        self.checked_write(|ws| {
            status.check_disposition(disposition)?;
            let mut case = ws.case(id)?;
            let from = case.status;
            if from == status && case.disposition == disposition {
                return Err(Error::invalid(format!("case #{id} is already {status}")));
            }
            let was = case.disposition;
            ws.change("case.status", Some(id), |tx, now| {
                case.status = status;
                case.disposition = disposition;
                case.updated_at = now.to_string();
                // A closed case given another disposition stays closed since it was closed.
                case.closed_at = match (from, status) {
                    (CaseStatus::Closed, CaseStatus::Closed) => case.closed_at.take(),
                    (_, CaseStatus::Closed) => Some(now.to_string()),
                    _ => None,
                };
                cases::update(tx, &case)?;
                // The disposition it replaces too, so that the row alone tells a changed finding.
                Ok((case, json!({ "from": from, "to": status, "disposition": disposition, "disposition_was": was })))
            })
        })
    }

    /// Cases whose title, subjects, identifiers or notes contain all of `words`, or whose identifiers have
    /// the query's match key, strongest match first (see [`Self::search`]); archived cases are left out.
    pub fn search_cases(&self, words: &str, limit: u32) -> Result<Vec<CaseSummary>> {
        self.search_cases_in(words, ArchivedCases::Hidden, limit)
    }

    /// [`Self::search_cases`] among the cases `archived` says; [`Self::search`] also says where each matched.
    pub fn search_cases_in(&self, words: &str, archived: ArchivedCases, limit: u32) -> Result<Vec<CaseSummary>> {
        Ok(self.search(words, archived, limit)?.into_iter().map(|hit| hit.case).collect())
    }

    fn summary(&self, row: CaseRow) -> CaseSummary {
        let catalog = crate::catalog::version(&row.catalog_version).unwrap_or_else(|| self.catalog());
        let total = u32::try_from(catalog.items.len()).unwrap_or(u32::MAX);
        CaseSummary {
            risk_band: RiskBand::of(row.risk_score),
            coverage_percent: coverage_percent(row.reviewed_items, total),
            row,
        }
    }

    /// A number that moves whenever another process commits to the workspace, so a screen knows to
    /// reload.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.store.conn().query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    // --- audit --------------------------------------------------------------------------------

    pub fn audit_head(&self) -> Result<Option<ChainHead>> {
        audit::head(self.store.conn())
    }

    /// The dates a case was moved to `status`, oldest first, as the audit trail records them.
    pub fn status_dates(&self, case_id: i64, status: CaseStatus) -> Result<Vec<String>> {
        let status = json!(status);
        Ok(self.status_changes(case_id)?.into_iter().filter(|c| status == c.to.as_str()).map(|c| c.at).collect())
    }

    /// Every change of the case's status in the order the audit trail records them.
    pub fn status_changes(&self, case_id: i64) -> Result<Vec<StatusChange>> {
        let rows = audit::of_action(self.store.conn(), case_id, "case.status")?;
        let text = |v: &Value| v.as_str().map(str::to_string);
        Ok(rows
            .into_iter()
            .map(|r| StatusChange {
                to: text(&r.details["to"]).unwrap_or_default(),
                disposition: text(&r.details["disposition"]),
                at: r.at,
            })
            .collect())
    }

    /// The values of case `case_id`'s account and document numbers and wallets as they were before a
    /// correction here (`ident edit`, `payment edit`), which only its audit rows still hold: a redacted
    /// summary masks them wherever the case's text still writes them.
    pub fn corrected_secrets(&self, case_id: i64) -> Result<Vec<String>> {
        let conn = self.store.conn();
        let mut out = Vec::new();
        for row in audit::of_action(conn, case_id, "identifier.edit")? {
            let from = &row.details["from"];
            let sensitive = from["kind"]
                .as_str()
                .and_then(|k| k.parse::<crate::domain::IdentifierKind>().ok())
                .is_some_and(|k| k.is_sensitive());
            if let (true, Some(raw)) = (sensitive, from["raw"].as_str()) {
                out.push(raw.to_string());
            }
        }
        let masked = crate::domain::TransactionDetails::ALL.iter().filter(|d| d.masked).map(|d| d.column);
        let fields: Vec<&str> = ["account", "originating_account", "wallet"].into_iter().chain(masked).collect();
        for row in audit::of_action(conn, case_id, "payment.edit")? {
            let from = &row.details["from"];
            out.extend(fields.iter().filter_map(|f| from[*f].as_str()).map(str::to_string));
        }
        out.retain(|v| !v.trim().is_empty());
        Ok(out)
    }

    /// The changes made to case `case_id` in this workspace: each audit row's action and details.
    pub fn changes_here(&self, case_id: i64) -> Result<Vec<(String, serde_json::Value)>> {
        audit::actions_of_case(self.store.conn(), case_id)
    }

    pub fn audit_log(&self, case_id: Option<i64>, limit: u32, offset: u32) -> Result<Vec<AuditRow>> {
        if let Some(id) = case_id {
            cases::exists(self.store.conn(), id)?;
        }
        audit::list(self.store.conn(), case_id, limit, offset)
    }
}

/// One change of a case's status, as its audit row records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub at: String,
    /// The status it was given.
    pub to: String,
    /// The disposition it was closed with.
    pub disposition: Option<String>,
}

fn check_title(title: &str) -> Result<String> {
    let title = title.trim();
    if crate::text::is_blank(title) {
        return Err(Error::invalid("a case needs a title"));
    }
    if title.chars().count() > MAX_TITLE {
        return Err(Error::invalid(format!("a case title has at most {MAX_TITLE} characters")));
    }
    if let Some(problem) = crate::text::one_line_problem("a case title", title) {
        return Err(Error::invalid(problem));
    }
    Ok(title.to_string())
}
