//! Taking in cases from a checked bundle (`crate::bundle::import` does the checking and places the
//! evidence files): all of a bundle's cases in one transaction, each with its provenance and the
//! origin's audit rows, and one audit row of its own.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Value, json};

use super::Workspace;
use super::checklist::assess;
use crate::catalog;
use crate::store::audit::{self, Entry};
use crate::store::bundle::{self as rows_of, ChainRow, Origin};
use crate::store::case_rows::{self, Applied, CaseRows};
use crate::store::cases;
use crate::store::keys;
use crate::store::seal::{self, Scope};
use crate::{Error, Remedy, Result};

/// A checked bundle, ready to take in.
#[derive(Debug)]
pub struct Incoming {
    /// The SHA-256 of the bundle's signed manifest: the bundle's identity.
    pub bundle: String,
    /// The bundle file's name, as shown.
    pub file_name: String,
    pub origin_workspace: String,
    /// The fingerprint of the key that signed it, and that key.
    pub signer: String,
    pub signer_key: String,
    /// `--trust FINGERPRINT`, when given.
    pub trust: Option<String>,
    pub cases: Vec<IncomingCase>,
}

#[derive(Debug)]
pub struct IncomingCase {
    pub origin_case: i64,
    pub rows: CaseRows,
    /// The origin's audit rows of the case, oldest first, checked.
    pub history: Vec<ChainRow>,
    /// The keys that signed them: fingerprint → OpenSSH public key.
    pub signers: BTreeMap<String, String>,
    /// Where each evidence file in the bundle was placed, by its evidence id at the origin.
    pub placed: BTreeMap<i64, String>,
    /// Those of them made where no file was (not a file found there already, with their SHA-256).
    pub placed_anew: BTreeSet<i64>,
}

/// How a case came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "as")]
pub enum Landing {
    /// A new local case.
    New,
    /// An update of the local copy of an earlier bundle of the same case.
    Update,
    /// A separate copy beside an earlier one, and why.
    Copy { beside: i64, why: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportedCase {
    pub origin_case: i64,
    pub case_id: i64,
    #[serde(flatten)]
    pub landing: Landing,
    pub added: usize,
    pub updated: usize,
    pub history_rows: usize,
    /// Evidence records of an updated copy that now point to the file this bundle placed.
    pub repointed: Vec<Repointed>,
}

/// An evidence record of an updated copy pointed to a file that was no longer the one attached: changed
/// (the later bundle's copy goes beside it, and the record points there; the changed file is left as it
/// is) or gone (the copy goes in its place). What was found at its old path is said, so a file changed or
/// lost here is never passed over in silence.
#[derive(Debug, Clone, Serialize)]
pub struct Repointed {
    pub evidence_id: i64,
    pub from: String,
    pub to: String,
    /// The file at `from` against the record: `intact`, `changed`, `missing` or `unreadable`.
    pub found: String,
}

const IMPORT: &str = "bundle.import";
const UPDATE: &str = "bundle.update";
const RECEIVED: &str = "bundle.received";

impl Workspace {
    /// The provenance of a case that came in a bundle.
    pub fn case_origin(&self, case_id: i64) -> Result<Option<Origin>> {
        rows_of::origin(self.store().conn(), case_id)
    }

    /// The origin's audit rows kept for a case that came in a bundle, oldest first.
    pub fn imported_history(&self, case_id: i64) -> Result<Vec<ChainRow>> {
        cases::exists(self.store().conn(), case_id)?;
        rows_of::history(self.store().conn(), case_id)
    }

    /// Whether a checked bundle can come in: not imported before, signed by a trusted key (or the one
    /// `--trust` names), each case on a catalog this vetdesk has. Returns whether `--trust` is to remember
    /// the key. [`Self::import_cases`] checks this again; calling it first saves placing evidence files
    /// for a bundle that will be refused.
    pub fn check_import(&self, incoming: &Incoming) -> Result<bool> {
        let conn = self.store().conn();
        if let Some((at, by)) = rows_of::imported(conn, &incoming.bundle)? {
            return Err(Error::invalid(format!(
                "{} was already imported here ({at}, by {by}); nothing was imported",
                incoming.file_name
            )));
        }
        let trusting = self.check_signer(incoming)?;
        for case in &incoming.cases {
            let version = case_text(&case.rows, "catalog_version")?;
            if catalog::version(&version).is_none() {
                return Err(Error::invalid(format!(
                    "case #{} follows catalog {version}, which this vetdesk does not have: update vetdesk; nothing was imported",
                    case.origin_case
                )));
            }
        }
        Ok(trusting)
    }

    /// Takes in the cases of a checked bundle, all or none.
    pub fn import_cases(&mut self, incoming: &Incoming) -> Result<Vec<ImportedCase>> {
        self.check_head_kept()?;
        let trusting = self.check_import(incoming)?;
        let plans = incoming.cases.iter().map(|case| self.landing(incoming, case)).collect::<Result<Vec<_>>>()?;
        // Files are read before the transaction, which then holds the workspace only for writing.
        let repointing = incoming
            .cases
            .iter()
            .zip(&plans)
            .map(|(case, plan)| match plan {
                Plan::Update(local) => self.repointing(*local, case),
                _ => Ok(Vec::new()),
            })
            .collect::<Result<Vec<_>>>()?;
        let now = self.clock.now();
        let actor = self.actor.clone();
        let signer = self.keys.signer()?;
        let tag_key = signer.tag_key();
        let out = self.store.write(|tx| {
            seal::check_unaltered(tx, Scope::Settings)?;
            if trusting {
                rows_of::trust(tx, &incoming.signer, &incoming.signer_key, &now, &actor)?;
            }
            rows_of::record_import(
                tx,
                &incoming.bundle,
                &incoming.file_name,
                &incoming.signer,
                incoming.cases.len(),
                &now,
                &actor,
            )?;
            let mut out = Vec::new();
            for ((case, plan), repointed) in incoming.cases.iter().zip(plans).zip(repointing) {
                let (applied, landing) = take_in(tx, case, plan).map_err(|e| match e {
                    // A refusal about this workspace's own records names them itself.
                    Error::Invalid(why) if why.starts_with("case #") => Error::invalid(format!(
                        "{}: the bundle's case #{} was not taken in: {}",
                        incoming.file_name,
                        case.origin_case,
                        why.replace("nothing was written", "nothing was imported")
                    )),
                    Error::Invalid(why) => Error::invalid(format!(
                        "{}: case #{} {why}; nothing was imported",
                        incoming.file_name, case.origin_case
                    )),
                    other => other,
                })?;
                let id = applied.case_id;
                readable(tx, id).map_err(|e| {
                    Error::invalid(format!(
                        "case #{} holds a record this vetdesk cannot read ({e}); nothing was imported",
                        case.origin_case
                    ))
                })?;
                keys::rederive_case(tx, id, tag_key)?;
                let version = cases::get(tx, id)?.catalog_version;
                let catalog = catalog::version(&version).expect("checked above");
                let a = assess(catalog, tx, id)?;
                cases::set_assessment(tx, id, a.score, a.reviewed)?;
                let origin_head = case.history.last().map(|r| r.hash.clone());
                let origin = Origin {
                    case_id: id,
                    origin_workspace: incoming.origin_workspace.clone(),
                    origin_case: case.origin_case,
                    signer: incoming.signer.clone(),
                    bundle: incoming.bundle.clone(),
                    origin_head: origin_head.clone(),
                    imported_at: now.clone(),
                    imported_by: actor.clone(),
                };
                rows_of::put_origin(tx, &origin)?;
                let history_rows = rows_of::keep_history(tx, id, &case.history)?;
                rows_of::keep_signers(tx, id, &case.signers)?;
                let mut details = json!({
                    "bundle": incoming.bundle,
                    "file": incoming.file_name,
                    "origin_workspace": incoming.origin_workspace,
                    "origin_case": case.origin_case,
                    "signer": incoming.signer,
                    "origin_head": origin_head,
                    "history_rows": history_rows,
                    "records_added": applied.inserted,
                    "records_updated": applied.updated,
                    "evidence_placed": case.placed.len(),
                });
                if let Landing::Copy { beside, why } = &landing {
                    details["copy_beside"] = json!(beside);
                    details["why_copy"] = json!(why);
                }
                // Only an update keeps the earlier records, and so only it moves what they point to.
                let repointed = if landing == Landing::Update { repointed } else { Vec::new() };
                if !repointed.is_empty() {
                    details["evidence_repointed"] = json!(repointed);
                }
                let action = if landing == Landing::Update { UPDATE } else { IMPORT };
                let entry = Entry { at: &now, actor: &actor, action, case_id: Some(id), details: &details };
                audit::append(tx, signer, &entry, &[])?;
                out.push(ImportedCase {
                    origin_case: case.origin_case,
                    case_id: id,
                    landing,
                    added: applied.inserted,
                    updated: applied.updated,
                    history_rows,
                    repointed,
                });
            }
            // The bundle itself, and a signer trusted for it, are workspace-level records: sealed by a row
            // of no case, as every settings change is.
            let details = json!({
                "bundle": incoming.bundle,
                "file": incoming.file_name,
                "signer": incoming.signer,
                "trusted_signer": trusting,
                "cases": out.iter().map(|c| c.case_id).collect::<Vec<_>>(),
            });
            let entry = Entry { at: &now, actor: &actor, action: RECEIVED, case_id: None, details: &details };
            audit::append(tx, signer, &entry, &[Scope::Settings])?;
            Ok(out)
        })?;
        self.remember_head();
        Ok(out)
    }

    /// The evidence records of the local copy `local` that the update will point to a file placed from
    /// the bundle somewhere else than they point now, each with what is at its old path.
    fn repointing(&self, local: i64, case: &IncomingCase) -> Result<Vec<Repointed>> {
        let conn = self.store().conn();
        let mut out = Vec::new();
        for (origin, to) in &case.placed {
            let Some(id) = case_rows::mapped(conn, local, "evidence", *origin)? else { continue };
            let e = crate::store::evidence::get(conn, id)?;
            if e.path == *to {
                // Placed where the record points, and made there: no file was there.
                if case.placed_anew.contains(origin) {
                    out.push(Repointed { evidence_id: id, from: e.path, to: to.clone(), found: "missing".into() });
                }
                continue;
            }
            let (found, _) = crate::evidence::recheck(&e.path, &e.sha256, e.size, &mut |_, _| true)?;
            out.push(Repointed { evidence_id: id, from: e.path, to: to.clone(), found: found.as_str().to_string() });
        }
        Ok(out)
    }

    /// Whether the bundle's signer is taken; `true` when `--trust` is to remember it now.
    fn check_signer(&self, incoming: &Incoming) -> Result<bool> {
        let own = self.keys.signer().is_ok_and(|key| key.fingerprint() == incoming.signer);
        let trusted = own || rows_of::is_trusted(self.store().conn(), &incoming.signer)?;
        match &incoming.trust {
            Some(given) if *given != incoming.signer => Err(Error::invalid(format!(
                "--trust {given} is not the key that signed {} ({}); nothing was imported",
                incoming.file_name, incoming.signer
            ))),
            Some(_) => Ok(!trusted),
            None if trusted => Ok(false),
            None => Err(Error::refused(
                format!(
                    "{} is signed by {}, a key this workspace has not trusted before; nothing was imported",
                    incoming.file_name, incoming.signer
                ),
                Remedy::TrustSigner(incoming.signer.clone()),
            )),
        }
    }

    /// Where a case goes: a new case, an update of the unchanged local copy of an earlier bundle that this
    /// one follows, or a separate copy beside a local copy that changed or that this bundle does not follow.
    fn landing(&self, incoming: &Incoming, case: &IncomingCase) -> Result<Plan> {
        let conn = self.store().conn();
        // A bundle this workspace made, come back: the case is here as the original, and the bundle a copy
        // of it (even where an earlier such bundle came back too).
        let own = incoming.origin_workspace == self.workspace_id;
        if own && crate::store::cases::exists(conn, case.origin_case).is_ok() {
            let why =
                format!("the bundle was made from this workspace, where #{} is the case itself", case.origin_case);
            return Ok(Plan::Copy { beside: case.origin_case, why });
        }
        let copies = rows_of::copies_of(conn, &incoming.origin_workspace, case.origin_case)?;
        let Some(newest) = copies.first() else { return Ok(Plan::New) };
        // The copy of the latest state this bundle follows first: where the history reached when it came.
        let reached = |copy: &Origin| {
            copy.origin_head.as_ref().and_then(|head| case.history.iter().position(|r| &r.hash == head))
        };
        let mut following: Vec<&Origin> =
            copies.iter().filter(|c| c.origin_head.is_none() || reached(c).is_some()).collect();
        following.sort_by_key(|c| std::cmp::Reverse(reached(c)));
        for copy in following {
            if unchanged_since(conn, copy)? {
                return Ok(Plan::Update(copy.case_id));
            }
        }
        let why = if copies
            .iter()
            .all(|c| c.origin_head.as_ref().is_some_and(|h| !case.history.iter().any(|r| &r.hash == h)))
        {
            format!("this bundle does not follow the copy imported as #{}", newest.case_id)
        } else {
            format!("#{} was changed here since it was imported", newest.case_id)
        };
        Ok(Plan::Copy { beside: newest.case_id, why })
    }
}

#[derive(Debug)]
enum Plan {
    New,
    Update(i64),
    Copy { beside: i64, why: String },
}

/// Writes one case; an update that turns out not to be a later state of the local copy becomes a
/// separate copy (the partial update is rolled back first).
fn take_in(tx: &rusqlite::Connection, case: &IncomingCase, plan: Plan) -> Result<(Applied, Landing)> {
    let placed = |origin: i64| case.placed.get(&origin).cloned();
    // A case taken in under a new number: that number must be new to the chain too.
    let new = |tx: &rusqlite::Connection| -> Result<Applied> {
        cases::next_id(tx)?;
        case_rows::apply(tx, &case.rows, None, &placed)
    };
    match plan {
        Plan::New => Ok((new(tx)?, Landing::New)),
        Plan::Copy { beside, why } => Ok((new(tx)?, Landing::Copy { beside, why })),
        Plan::Update(local) => {
            seal::check_unaltered(tx, Scope::Case(local))?;
            tx.execute_batch("SAVEPOINT bundle_update")?;
            match case_rows::apply(tx, &case.rows, Some(local), &placed) {
                Ok(applied) => {
                    tx.execute_batch("RELEASE bundle_update")?;
                    Ok((applied, Landing::Update))
                }
                Err(Error::Invalid(why)) if why.starts_with(case_rows::NOT_A_LATER_COPY) => {
                    tx.execute_batch("ROLLBACK TO bundle_update; RELEASE bundle_update")?;
                    let landing = Landing::Copy { beside: local, why: format!("it {why} #{local}") };
                    Ok((new(tx)?, landing))
                }
                Err(e) => Err(e),
            }
        }
    }
}

/// Whether nothing was done to a local copy since the bundle that wrote it last.
fn unchanged_since(conn: &rusqlite::Connection, copy: &Origin) -> Result<bool> {
    let Some((action, details)) = rows_of::newest_action(conn, copy.case_id)? else { return Ok(false) };
    if action != IMPORT && action != UPDATE {
        return Ok(false);
    }
    let details: Value = serde_json::from_str(&details).unwrap_or(Value::Null);
    Ok(details["bundle"].as_str() == Some(copy.bundle.as_str()))
}

/// A text column of a case's own row.
fn case_text(rows: &CaseRows, column: &str) -> Result<String> {
    let table = rows.get("case").ok_or_else(|| Error::invalid("the bundle holds no case row"))?;
    let at = table.columns.iter().position(|c| c == column);
    match (at, table.rows.first()) {
        (Some(i), Some(row)) => match row.get(i) {
            Some(case_rows::Cell::Text(t)) => Ok(t.clone()),
            _ => Err(Error::invalid(format!("the bundle's case row has no {column}"))),
        },
        _ => Err(Error::invalid(format!("the bundle's case row has no {column}"))),
    }
}

/// Reads every record of a case the way vetdesk's screens and reports do, so that values of the wrong
/// type (a bundle is data from elsewhere) are refused here rather than breaking the case later.
fn readable(tx: &rusqlite::Connection, id: i64) -> Result<()> {
    use crate::store::{answers, evidence, identifiers, marks, notes, payments, subjects, suggestions};
    cases::get(tx, id)?;
    subjects::of_case(tx, id)?;
    identifiers::of_case(tx, id)?;
    payments::of_case(tx, id)?;
    notes::of_case(tx, id, u32::MAX, 0)?;
    evidence::of_case(tx, id)?;
    marks::of_case(tx, id)?;
    answers::of_case(tx, id)?;
    suggestions::of_case(tx, id)?;
    Ok(())
}
