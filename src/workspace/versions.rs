//! Catalog versions in a workspace: moving a case to the current catalog, working stored scores out
//! again when the risk method changes, and the organisation-controls checklist.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;

use super::Workspace;
use super::checklist::assess;
use crate::catalog::upgrade::{self, Retired};
use crate::catalog::{self, Catalog, Control};
use crate::domain::score::METHOD;
use crate::domain::{ControlMark, ControlState, Mark, MarkState};
use crate::store::seal::Scope;
use crate::store::{cases, controls, marks, settings};
use crate::{Error, Result};

/// What `case upgrade` did to one case.
#[derive(Debug, Clone, Serialize)]
pub struct Upgraded {
    pub case_id: i64,
    pub from: String,
    pub to: String,
    /// Marks moved to a new code: (earlier code, new code).
    pub renamed: Vec<(String, String)>,
    /// New codes that took the marks of several earlier items, with those codes; the earlier rows are
    /// kept under their old codes.
    pub merged: Vec<(String, Vec<String>)>,
    /// Marks on earlier items with no successor in the case checklist; kept under their old codes.
    pub retired: Vec<RetiredMark>,
    /// Items of the new catalog that no earlier item leads to.
    pub new: Vec<String>,
    pub score_before: u32,
    pub score_after: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct RetiredMark {
    pub code: String,
    pub state: MarkState,
    pub note: String,
    /// The organisation control that took the item over, if one did.
    pub control: Option<String>,
}

/// One organisation control with its review.
#[derive(Debug, Clone, Serialize)]
pub struct ControlEntry {
    #[serde(flatten)]
    pub control: &'static Control,
    pub state: ControlState,
    pub note: String,
    pub marked_by: Option<String>,
    pub marked_at: Option<String>,
}

impl Workspace {
    /// Moves a case to the current catalog in one audited step: marks, evidence links and suggestion
    /// decisions of renamed items follow them, merged items combine their marks, and nothing is deleted.
    pub fn upgrade_case(&mut self, case_id: i64) -> Result<Upgraded> {
        let from = self.case_catalog(case_id)?;
        let to = catalog::builtin();
        if from.version == to.version {
            return Err(Error::invalid(format!("case #{case_id} already follows catalog {}", to.version)));
        }
        let successors = chain(from, to)?;
        let plan = upgrade::plan(from, to)?;
        let before = assess(from, self.store().conn(), case_id)?;
        let old_marks = marks::of_case(self.store().conn(), case_id)?;
        let actor = self.actor().to_string();

        let mut targets: BTreeMap<&str, Vec<&Mark>> = BTreeMap::new();
        let mut retired = Vec::new();
        for m in &old_marks {
            match successors.get(&m.code) {
                Some(to_code) => targets.entry(to_code.as_str()).or_default().push(m),
                None if from.item(&m.code).is_some() => retired.push(RetiredMark {
                    code: m.code.clone(),
                    state: m.state,
                    note: m.note.clone(),
                    control: retired_control(&plan.retired, &m.code),
                }),
                None => {}
            }
        }
        self.change("case.upgrade", Some(case_id), |tx, now| {
            let mut renamed = Vec::new();
            let mut merged = Vec::new();
            for (code, sources) in &targets {
                match sources.as_slice() {
                    [one] if one.code == *code => {}
                    [one] => {
                        marks::rename(tx, case_id, &one.code, code)?;
                        renamed.push((one.code.clone(), code.to_string()));
                    }
                    several => {
                        marks::upsert(tx, case_id, &combine(code, several, &actor, now))?;
                        merged.push((code.to_string(), several.iter().map(|m| m.code.clone()).collect()));
                    }
                }
            }
            for (old, new) in successors.iter().filter(|(a, b)| a != b) {
                marks::rename_references(tx, case_id, old, new)?;
            }
            cases::set_catalog_version(tx, case_id, &to.version)?;
            let after = assess(to, tx, case_id)?;
            cases::set_assessment(tx, case_id, after.score, after.reviewed)?;
            let done = Upgraded {
                case_id,
                from: from.version.clone(),
                to: to.version.clone(),
                renamed,
                merged,
                retired: retired.clone(),
                new: plan.new.clone(),
                score_before: before.score,
                score_after: after.score,
            };
            let details = json!({
                "from": done.from,
                "to": done.to,
                "renamed": done.renamed,
                "merged": done.merged,
                "retired": done.retired,
                "new_items": done.new.len(),
                "score": { "from": done.score_before, "to": done.score_after },
            });
            Ok((done, details))
        })
    }

    /// Works every stored score out again when the risk method changed since it was stored, in audited
    /// batches; runs when a writable workspace is opened. Only each case's own row is resealed, so a record
    /// changed behind vetdesk's back stays visible to `audit verify`; a case whose row itself differs from
    /// its seal is left as it is.
    pub(crate) fn refresh_scores(&mut self) -> Result<()> {
        let conn = self.store().conn();
        let recorded = settings::get(conn, "score_method")?;
        if self.is_read_only() || recorded.as_deref() == Some(METHOD) {
            return Ok(());
        }
        let mut changes = Vec::new();
        for (id, version) in cases::catalog_versions(conn)? {
            let Some(catalog) = catalog::version(&version) else { continue };
            let case = cases::get(conn, id)?;
            let a = assess(catalog, conn, id)?;
            if (a.score, a.reviewed) != (case.risk_score, case.reviewed_items) {
                changes.push((id, case.risk_score, a.score, a.reviewed));
            }
        }
        let (done, skipped) = self.rewrite_case_rows(
            "workspace.rescore",
            &json!({ "method": METHOD }),
            &changes,
            RESCORE_BATCH,
            |(id, ..)| id,
            |tx, (id, from, to, reviewed)| {
                cases::set_assessment(tx, id, to, reviewed)?;
                Ok(json!([id, from, to]))
            },
        )?;
        match &recorded {
            // A new workspace, or one from before the method was recorded: nothing to tell.
            None => self.store.write(|tx| settings::put(tx, "score_method", Some(METHOD)))?,
            // The method a workspace records changes in an audited change, so that the trail keeps it: a
            // later one (a vetdesk upgrade) or one no vetdesk wrote (changed behind vetdesk's back).
            Some(from) => {
                let details = json!({ "from": from, "to": METHOD, "rescored": done });
                // A workspace that takes no change now (its trail edited) is still opened, to be verified: the
                // method is then left as found, and said.
                let put = self.change("workspace.score-method", None, |tx, _| {
                    settings::put(tx, "score_method", Some(METHOD))?;
                    Ok(((), details))
                });
                let done_with_it = match put {
                    Ok(()) => {
                        format!("the scores were worked out again under {METHOD} (audited as workspace.score-method)")
                    }
                    Err(e) => format!("it could not be recorded ({e})"),
                };
                // Every vetdesk that records the method has written this one: another was changed behind its
                // back, or written by a newer vetdesk.
                self.notices.push(format!(
                    "the risk method this workspace records ({}) is not this vetdesk's ({METHOD}): it was changed \
                     behind vetdesk's back, or written by a newer vetdesk; {done_with_it}. Run `vetdesk audit verify`",
                    crate::text::quoted(from)
                ));
            }
        }
        if done > 0 {
            self.notices.push(format!(
                "the risk method changed: {done} case score{} worked out again (audited as workspace.rescore)",
                if done == 1 { " was" } else { "s were" }
            ));
        }
        if skipped > 0 {
            self.notices.push(format!(
                "{skipped} case score{} left as stored: the case was changed behind vetdesk's back (run `vetdesk audit verify`)",
                if skipped == 1 { " was" } else { "s were" }
            ));
        }
        Ok(())
    }

    /// The organisation controls of the current catalog, each with its review.
    pub fn controls(&self) -> Result<Vec<ControlEntry>> {
        let mut marks: BTreeMap<String, ControlMark> =
            controls::all(self.store().conn())?.into_iter().map(|m| (m.code.clone(), m)).collect();
        Ok(catalog::builtin()
            .controls
            .iter()
            .map(|control| {
                let m = marks.remove(&control.code);
                ControlEntry {
                    control,
                    state: m.as_ref().map_or(ControlState::Open, |m| m.state),
                    note: m.as_ref().map(|m| m.note.clone()).unwrap_or_default(),
                    marked_by: m.as_ref().map(|m| m.marked_by.clone()),
                    marked_at: m.map(|m| m.marked_at),
                }
            })
            .collect())
    }

    /// Records where an organisation control stands, with a note when `note` is given (otherwise the note
    /// is kept).
    pub fn set_control(&mut self, code: &str, state: ControlState, note: Option<&str>) -> Result<ControlEntry> {
        self.checked_write(|ws| {
            let control = catalog::builtin().control(code)?;
            let old = ws.controls()?.into_iter().find(|e| e.control.code == control.code);
            let (from, old_note) = old.map_or((ControlState::Open, String::new()), |e| (e.state, e.note));
            let note = note.map_or(old_note.clone(), |n| n.trim().to_string());
            if from == state && note == old_note {
                return Err(Error::invalid(format!("{} is already {state}", control.code)));
            }
            let actor = ws.actor().to_string();
            ws.change_touching("control.set", None, vec![Scope::Organization], |tx, now| {
                let m = ControlMark {
                    code: control.code.clone(),
                    state,
                    note: note.clone(),
                    marked_by: actor.clone(),
                    marked_at: now.to_string(),
                };
                controls::upsert(tx, &m)?;
                let details = json!({ "code": m.code, "from": from, "to": state, "note": m.note });
                let entry = ControlEntry {
                    control,
                    state,
                    note: m.note,
                    marked_by: Some(m.marked_by),
                    marked_at: Some(m.marked_at),
                };
                Ok((entry, details))
            })
        })
    }
}

/// Cases rescored per audit row, so no row commits to an unbounded list of scopes.
const RESCORE_BATCH: usize = 500;

/// Each code of `from` mapped to the code of `to` its mark ends under, across every version between.
fn chain(from: &Catalog, to: &Catalog) -> Result<BTreeMap<String, String>> {
    let versions = catalog::versions();
    let start = versions.iter().position(|c| c.version == from.version);
    let end = versions.iter().position(|c| c.version == to.version);
    let (Some(start), Some(end)) = (start, end) else {
        return Err(Error::invalid(format!("no upgrade path from catalog {} to {}", from.version, to.version)));
    };
    let mut map: BTreeMap<String, String> = from.items.iter().map(|i| (i.code.clone(), i.code.clone())).collect();
    for pair in versions[start..=end].windows(2) {
        let plan = upgrade::plan(pair[0], pair[1])?;
        map =
            map.into_iter().filter_map(|(old, at)| plan.successors.get(&at).map(|next| (old, next.clone()))).collect();
    }
    Ok(map)
}

fn retired_control(retired: &[Retired], code: &str) -> Option<String> {
    retired.iter().find(|r| r.code == code).and_then(|r| r.control.clone())
}

/// The mark a new item gets from several earlier ones: the most telling state (flagged, then clear,
/// then not applicable), and every note, each under its earlier code.
fn combine(code: &str, marks: &[&Mark], actor: &str, now: &str) -> Mark {
    let rank = |s: MarkState| match s {
        MarkState::Flagged => 3,
        MarkState::Clear => 2,
        MarkState::Na => 1,
        MarkState::Open => 0,
    };
    let state = marks.iter().map(|m| m.state).max_by_key(|s| rank(*s)).unwrap_or(MarkState::Open);
    let note = marks
        .iter()
        .filter(|m| !m.note.trim().is_empty())
        .map(|m| format!("{}: {}", m.code, m.note.trim()))
        .collect::<Vec<_>>()
        .join("\n");
    Mark { code: code.to_string(), state, note, marked_by: actor.to_string(), marked_at: now.to_string() }
}
