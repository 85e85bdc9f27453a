//! Attaching evidence files and re-verifying them.

use std::path::Path;

use serde::Serialize;
use serde_json::json;

use super::Workspace;
use crate::domain::Evidence;
use crate::evidence::search::{self, Searched};
use crate::evidence::{self as files, Check, FileDigest};
use crate::resume::{self, Fingerprint};
use crate::store::seal::{self, Scope};
use crate::store::{cases, evidence, resumes};
use crate::{Error, Result};

/// A resume's text, read and fingerprinted.
#[derive(Debug, Clone, PartialEq)]
pub struct ResumeRead {
    pub format: resume::Format,
    pub words: u64,
    pub fingerprint: Fingerprint,
}

/// Checks that `path` is a resume format vetdesk reads, before any hashing.
pub fn check_resume_format(path: &Path) -> Result<resume::Format> {
    resume::Format::of_path(path).ok_or_else(|| {
        Error::invalid(format!(
            "{}: vetdesk reads resumes in {} files",
            crate::text::display_path(path),
            resume::SUPPORTED
        ))
    })
}

/// Hashes a resume and keeps its bytes (at most [`resume::MAX_BYTES`], checked before hashing), so its
/// text is read from exactly the bytes hashed.
pub fn hash_resume(path: &Path, progress: &mut dyn FnMut(u64, u64) -> bool) -> Result<(FileDigest, Vec<u8>)> {
    files::hash_and_keep(path, resume::MAX_BYTES, &resume::too_big, progress)
}

/// Reads and fingerprints the resume whose hashed bytes are `bytes` (from [`hash_resume`]), through
/// `reader`. `keep_going` may cancel. Touches no workspace (runs on a worker thread).
pub fn read_resume(
    digest: &FileDigest,
    bytes: &[u8],
    reader: &resume::Reader,
    keep_going: &mut dyn FnMut() -> bool,
) -> Result<ResumeRead> {
    let path = Path::new(&digest.path);
    let format = check_resume_format(path)?;
    if bytes.len() as u64 != digest.size {
        return Err(Error::invalid(format!("{}: the bytes read are not the bytes hashed", digest.path)));
    }
    let text = reader.read(path, format, bytes, keep_going)?;
    let fingerprint = Fingerprint::of_text(&text)
        .ok_or_else(|| Error::invalid(format!("{}: too few words to compare with other resumes", digest.path)))?;
    Ok(ResumeRead { format, words: text.split_whitespace().count() as u64, fingerprint })
}

/// The result of re-hashing one evidence file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    pub evidence_id: i64,
    pub case_id: i64,
    pub path: String,
    pub result: Check,
    pub expected_sha256: String,
    pub found_sha256: Option<String>,
    /// Why the result was not recorded, when it was not: its case was changed behind vetdesk's back, so
    /// nothing is sealed into it; the file was still re-hashed and the result is told.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_recorded: Option<String>,
}

/// An evidence record re-pointed at its file's new place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relocated {
    pub evidence_id: i64,
    pub case_id: i64,
    pub old_path: String,
    pub new_path: String,
    pub sha256: String,
}

impl Workspace {
    /// Hashes the file at `path` and records it in the case, linked to the given checklist items; a
    /// `resume` is also fingerprinted. Everything is checked before the (possibly long) hashing starts.
    pub fn attach_evidence(
        &mut self,
        case_id: i64,
        path: &Path,
        description: &str,
        codes: &[String],
        resume: bool,
        progress: &mut dyn FnMut(u64, u64) -> bool,
    ) -> Result<i64> {
        self.check_evidence_target(case_id, codes)?;
        check_description(description)?;
        files::locate(path)?;
        self.check_not_own(path)?;
        if !resume {
            let digest = files::hash_file(path, progress)?;
            return self.record_evidence(case_id, &digest, description, codes, None);
        }
        check_resume_format(path)?;
        let (digest, bytes) = hash_resume(path, progress)?;
        // Before starting a reader for nothing.
        self.check_not_attached(case_id, &digest)?;
        let size = digest.size;
        let read = read_resume(&digest, &bytes, &self.resume_reader, &mut || progress(size, size))?;
        self.record_evidence(case_id, &digest, description, codes, Some(&read))
    }

    /// Refuses a file already attached to the case with the same content: attaching it again would add
    /// nothing but a second row to explain.
    pub fn check_not_attached(&self, case_id: i64, digest: &FileDigest) -> Result<()> {
        match evidence::same_file(self.store().conn(), case_id, &digest.path, &digest.sha256)? {
            Some(id) => Err(Error::file(
                &digest.path,
                format!("this file is already attached to case #{case_id} as evidence #{id}"),
            )),
            None => Ok(()),
        }
    }

    /// Checks that a case and checklist codes exist, before hashing for [`Self::record_evidence`].
    pub fn check_evidence_target(&self, case_id: i64, codes: &[String]) -> Result<Vec<String>> {
        let catalog = self.case_catalog(case_id)?;
        codes.iter().map(|c| Ok(catalog.resolve(c)?.code.clone())).collect()
    }

    /// Records a file already hashed (by [`crate::evidence::hash_file`], e.g. on a worker thread).
    pub fn record_evidence(
        &mut self,
        case_id: i64,
        digest: &FileDigest,
        description: &str,
        codes: &[String],
        resume: Option<&ResumeRead>,
    ) -> Result<i64> {
        self.checked_write(|ws| {
            let codes = ws.check_evidence_target(case_id, codes)?;
            check_description(description)?;
            ws.check_not_own(Path::new(&digest.path))?;
            ws.check_not_attached(case_id, digest)?;
            let actor = ws.actor().to_string();
            let description = description.trim().to_string();
            let mut found_changed = Vec::new();
            let id = ws.change("evidence.add", Some(case_id), |tx, now| {
                let id = evidence::insert(
                    tx,
                    &Evidence {
                        id: 0,
                        case_id,
                        kind: if resume.is_some() { "resume" } else { "file" }.to_string(),
                        path: digest.path.clone(),
                        sha256: digest.sha256.clone(),
                        size: digest.size,
                        modified_at: digest.modified_at.clone(),
                        description: description.clone(),
                        attached_at: now.to_string(),
                        attached_by: actor,
                        last_check: None,
                        last_checked_at: None,
                        items: Vec::new(),
                        unlinked: Vec::new(),
                        void: None,
                    },
                )?;
                for code in &codes {
                    evidence::link(tx, id, code)?;
                }
                // The hash just taken is a verification: the file was intact when attached.
                evidence::record_check(tx, id, now, Check::Intact.as_str(), Some(&digest.sha256), Some(digest.size))?;
                // It is one of the evidence attached from the same path with other contents too: that file
                // changed since, and is recorded as `evidence verify` would record it.
                found_changed = evidence::changed_at(tx, case_id, &digest.path, &digest.sha256)?;
                for earlier in &found_changed {
                    let (sha, size) = (Some(digest.sha256.as_str()), Some(digest.size));
                    evidence::record_check(tx, *earlier, now, Check::Changed.as_str(), sha, size)?;
                }
                if let Some(r) = resume {
                    resumes::insert(tx, id, case_id, r.format.as_str(), r.words, &r.fingerprint)?;
                }
                let details = json!({
                    "evidence": id, "path": digest.path, "sha256": digest.sha256, "size": digest.size,
                    "description": description, "items": codes, "found_changed": found_changed,
                    "resume": resume.map(|r| json!({ "format": r.format.as_str(), "words": r.words, "shingles": r.fingerprint.shingles })),
                });
                Ok((id, details))
            })?;
            for earlier in found_changed {
                ws.notices.push(format!(
                    "evidence #{earlier} was attached from this path with other contents: the file there changed \
                     since, and #{earlier} is now recorded as changed"
                ));
            }
            Ok(id)
        })
    }

    pub fn evidence(&self, case_id: i64) -> Result<Vec<Evidence>> {
        cases::exists(self.store().conn(), case_id)?;
        evidence::of_case(self.store().conn(), case_id)
    }

    pub fn evidence_item(&self, id: i64) -> Result<Evidence> {
        evidence::get(self.store().conn(), id)
    }

    /// The paths of the evidence of `e`'s case with `e`'s content, `e`'s own excepted: what a search for
    /// `e`'s file passes over ([`search_for`]), as relocating `e` there would be refused.
    pub fn same_content(&self, e: &Evidence) -> Result<std::collections::HashSet<String>> {
        let mut paths = evidence::paths_with(self.store().conn(), e.case_id, &e.sha256)?;
        paths.remove(&e.path);
        Ok(paths)
    }

    /// Links evidence to a checklist item of its case.
    pub fn link_evidence(&mut self, evidence_id: i64, code: &str) -> Result<()> {
        self.checked_write(|ws| {
            let e = ws.evidence_item(evidence_id)?;
            if e.void.is_some() {
                return Err(Error::refused(
                    format!("evidence #{evidence_id} is voided"),
                    crate::error::Remedy::UnvoidEvidence(evidence_id),
                ));
            }
            let code = ws.case_catalog(e.case_id)?.resolve(code)?.code.clone();
            match evidence::link_state(ws.store().conn(), evidence_id, &code)? {
                Some(false) => Err(Error::invalid(format!("evidence #{evidence_id} is already linked to {code}"))),
                // A link unlinked earlier is restored, so its history stays one record.
                Some(true) => ws.change("evidence.relink", Some(e.case_id), |tx, _| {
                    evidence::set_link_void(tx, evidence_id, &code, None)?;
                    Ok(((), json!({ "evidence": evidence_id, "code": code })))
                }),
                None => ws.change("evidence.link", Some(e.case_id), |tx, _| {
                    evidence::link(tx, evidence_id, &code)?;
                    Ok(((), json!({ "evidence": evidence_id, "code": code })))
                }),
            }
        })
    }

    /// Voids the link of evidence to a checklist item, with a reason: the finding is no longer backed by
    /// that file; `link_evidence` restores it.
    pub fn unlink_evidence(&mut self, evidence_id: i64, code: &str, reason: &str) -> Result<()> {
        self.checked_write(|ws| {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(Error::refused("say why the link is voided", crate::error::Remedy::Reason));
            }
            super::corrections::check_reason(reason)?;
            let e = ws.evidence_item(evidence_id)?;
            let code = code.trim().to_uppercase();
            if evidence::link_state(ws.store().conn(), evidence_id, &code)? != Some(false) {
                return Err(Error::invalid(format!("evidence #{evidence_id} is not linked to {code}")));
            }
            let actor = ws.actor().to_string();
            ws.change("evidence.unlink", Some(e.case_id), |tx, now| {
                let v =
                    crate::domain::Void { voided_at: now.to_string(), voided_by: actor, reason: reason.to_string() };
                evidence::set_link_void(tx, evidence_id, &code, Some(&v))?;
                Ok(((), json!({ "evidence": evidence_id, "code": code, "reason": reason })))
            })
        })
    }

    /// Re-points evidence `id` at a file already hashed (found by [`search_for`], or hashed by
    /// [`crate::evidence::hash_file`] from a path the investigator gave, e.g. on a worker thread), in
    /// one audited change that also records the file `intact`. A file with other content is refused,
    /// naming both hashes.
    pub fn relocate_evidence(&mut self, id: i64, digest: &FileDigest) -> Result<Relocated> {
        self.checked_write(|ws| {
            ws.check_not_own(Path::new(&digest.path))?;
            let e = ws.evidence_item(id)?;
            if e.void.is_some() {
                return Err(Error::refused(
                    format!("evidence #{id} is voided"),
                    crate::error::Remedy::UnvoidEvidence(id),
                ));
            }
            if digest.sha256 != e.sha256 || digest.size != e.size {
                return Err(Error::file(
                    &digest.path,
                    format!(
                        "its SHA-256 is {}…, not evidence #{id}'s {}…; nothing was changed",
                        short(&digest.sha256),
                        short(&e.sha256)
                    ),
                ));
            }
            if digest.path == e.path {
                return Err(Error::refused(
                    format!(
                        "{}: evidence #{id} is already here",
                        crate::text::display_path(std::path::Path::new(&digest.path))
                    ),
                    crate::error::Remedy::VerifyEvidence(e.case_id),
                ));
            }
            ws.check_not_attached(e.case_id, digest)?;
            let relocated = Relocated {
                evidence_id: id,
                case_id: e.case_id,
                old_path: e.path.clone(),
                new_path: digest.path.clone(),
                sha256: e.sha256.clone(),
            };
            ws.change("evidence.relocate", Some(e.case_id), |tx, now| {
                evidence::relocate(tx, id, &digest.path, digest.modified_at.as_deref())?;
                evidence::record_check(tx, id, now, Check::Intact.as_str(), Some(&digest.sha256), Some(digest.size))?;
                let details = json!({
                    "evidence": id, "old_path": relocated.old_path, "new_path": relocated.new_path,
                    "sha256": relocated.sha256,
                });
                Ok((relocated, details))
            })
        })
    }

    /// Re-hashes every evidence file (or one case's) and records each result, all in one transaction
    /// with one audit row. `progress(file index, file count, bytes done, bytes total)` may cancel.
    pub fn verify_evidence(
        &mut self,
        case_id: Option<i64>,
        progress: &mut dyn FnMut(usize, usize, u64, u64) -> bool,
    ) -> Result<Vec<Verification>> {
        let files = self.evidence_to_verify(case_id)?;
        let count = files.len();
        let mut index = 0;
        let mut last_total = None;
        let mut results = recheck_all(&files, &mut |done, total| {
            // A new file starts when the running total changes or restarts.
            if last_total.is_some_and(|t| t != total || done == 0) {
                index += 1;
            }
            last_total = Some(total);
            progress(index.min(count.saturating_sub(1)), count, done, total)
        })?;
        // A case changed behind vetdesk's back gets no result sealed into it; its files are still checked and
        // told, and the other cases' results recorded.
        let cases: std::collections::BTreeSet<i64> = results.iter().map(|r| r.case_id).collect();
        let mut unsealed = std::collections::BTreeMap::new();
        for case in cases {
            if let Err(Error::Invalid(why)) = seal::check_unaltered(self.store().conn(), Scope::Case(case)) {
                unsealed.insert(case, why.replace("; nothing was written", ""));
            }
        }
        for r in &mut results {
            r.not_recorded = unsealed.get(&r.case_id).cloned();
        }
        let recordable: Vec<Verification> = results.iter().filter(|r| r.not_recorded.is_none()).cloned().collect();
        self.record_verifications(case_id, &recordable)?;
        Ok(results)
    }

    /// The evidence files to re-hash: all, or one case's.
    pub fn evidence_to_verify(&self, case_id: Option<i64>) -> Result<Vec<Evidence>> {
        let conn = self.store().conn();
        if let Some(id) = case_id {
            cases::exists(conn, id)?;
        }
        evidence::ids(conn, case_id)?.into_iter().map(|id| evidence::get(conn, id)).collect()
    }

    /// Records verification results (from [`recheck_all`]) in one transaction with one audit row.
    pub fn record_verifications(&mut self, case_id: Option<i64>, results: &[Verification]) -> Result<()> {
        self.record_checks(case_id, results, None)
    }

    /// [`Self::record_verifications`] of the check an import makes of the files of case `case_id` right
    /// after it took the case in from the bundle `bundle` (its manifest's SHA-256): its row says so
    /// (`on_import`), and a later bundle still finds the copy unchanged since that import.
    pub fn record_import_checks(&mut self, case_id: i64, results: &[Verification], bundle: &str) -> Result<()> {
        self.record_checks(Some(case_id), results, Some(bundle))
    }

    fn record_checks(&mut self, case_id: Option<i64>, results: &[Verification], on_import: Option<&str>) -> Result<()> {
        // A file that could not be read is told, not recorded: nothing is known of it.
        let results: Vec<&Verification> = results.iter().filter(|r| r.result.is_finding()).collect();
        if results.is_empty() {
            return Ok(());
        }
        let summary: Vec<_> =
            results.iter().map(|r| json!({ "evidence": r.evidence_id, "result": r.result })).collect();
        // A check across cases seals every case it recorded a result in.
        let mut others: Vec<Scope> =
            results.iter().filter(|r| Some(r.case_id) != case_id).map(|r| Scope::Case(r.case_id)).collect();
        others.sort();
        others.dedup();
        // A row of no case names the cases it recorded results in, for each case's own trail.
        let mut details = json!({ "results": summary });
        if let Some(bundle) = on_import {
            details["on_import"] = json!(bundle);
        }
        if case_id.is_none() {
            let mut cases: Vec<i64> = results.iter().map(|r| r.case_id).collect();
            cases.sort_unstable();
            cases.dedup();
            details["cases"] = json!(cases);
        }
        self.change_touching("evidence.verify", case_id, others, |tx, now| {
            for r in results {
                evidence::record_check(tx, r.evidence_id, now, r.result.as_str(), r.found_sha256.as_deref(), None)?;
            }
            Ok(((), details))
        })
    }
}

/// Re-hashes each file and compares it with what was pinned. Touches no workspace, so it can run on a
/// worker thread; `progress(bytes done, bytes total)` is per file and may cancel.
pub fn recheck_all(files: &[Evidence], progress: &mut dyn FnMut(u64, u64) -> bool) -> Result<Vec<Verification>> {
    // Progress over every file at once, by their recorded sizes: one file's bar would start again at each.
    let total: u64 = files.iter().map(|e| e.size).sum();
    let mut before = 0u64;
    let mut out = Vec::with_capacity(files.len());
    for e in files {
        let (result, found) =
            files::recheck(&e.path, &e.sha256, e.size, &mut |done, _| progress(before + done.min(e.size), total))?;
        before += e.size;
        out.push(Verification {
            not_recorded: None,
            evidence_id: e.id,
            case_id: e.case_id,
            path: e.path.clone(),
            result,
            expected_sha256: e.sha256.clone(),
            found_sha256: found.map(|d| d.sha256),
        });
    }
    Ok(out)
}

/// Looks under `dir` for the file of evidence `e` by its size and SHA-256. Touches no workspace, so it can
/// run on a worker thread; `progress` may cancel. Finding nothing is an error saying what was searched.
/// `attached`: the paths of the case's other evidence of the same content ([`Workspace::same_content`]),
/// passed over as not the file sought.
pub fn search_for(
    e: &Evidence,
    dir: &Path,
    attached: &std::collections::HashSet<String>,
    progress: &mut dyn FnMut(&Searched) -> bool,
) -> Result<(FileDigest, Searched)> {
    let (found, s) = search::find(dir, (&e.sha256, e.size), attached, progress)?;
    let Some(digest) = found else {
        let unreadable =
            if s.unreadable > 0 { format!(", skipped {} unreadable", s.unreadable) } else { String::new() };
        let passed = match s.passed_over {
            0 => String::new(),
            n => format!(", passed over {n} with this content already attached to the case as other evidence"),
        };
        let stopped = if s.truncated {
            format!("; stopped after {} entries: search a narrower folder", search::MAX_ENTRIES)
        } else {
            String::new()
        };
        return Err(Error::invalid(format!(
            "no file under {} has evidence #{}'s SHA-256 {}… (looked at {}, hashed {} of its size{passed}{unreadable}{stopped}); nothing was changed",
            crate::text::display_path(dir),
            e.id,
            short(&e.sha256),
            crate::text::counted(s.entries, "entry", "entries"),
            s.hashed,
        )));
    };
    Ok((digest, s))
}

/// The first 12 hex characters of a hash, enough to tell two apart in a message.
fn short(sha256: &str) -> &str {
    sha256.get(..12).unwrap_or(sha256)
}

/// An evidence file's description is one line, listed with the file wherever it is (`evidence list`, the
/// summary's evidence annex).
fn check_description(description: &str) -> Result<()> {
    match crate::text::field_problem("the description", description.trim()) {
        Some(problem) => Err(crate::Error::invalid(problem)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::NewCase;

    /// A file this user cannot read says nothing of the evidence: it is told, and no result is recorded
    /// for it (no audit row when it is the only one), while the others' are.
    #[test]
    fn an_unreadable_file_is_told_and_not_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open_in_memory("Ana").unwrap();
        let new = NewCase { title: "Case".into(), priority: crate::domain::Priority::High, candidate: None };
        let case = ws.create_case(&new).unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"evidence").unwrap();
        let id = ws.attach_evidence(case, &path, "", &[], false, &mut |_, _| true).unwrap();
        let before = ws_rows(&ws);
        let mut check = Verification {
            evidence_id: id,
            case_id: case,
            path: path.display().to_string(),
            result: Check::Unreadable,
            expected_sha256: String::new(),
            found_sha256: None,
            not_recorded: None,
        };
        ws.record_verifications(Some(case), std::slice::from_ref(&check)).unwrap();
        assert_eq!(ws_rows(&ws), before, "nothing recorded");
        check.result = Check::Missing;
        ws.record_verifications(Some(case), &[check]).unwrap();
        assert_eq!(ws_rows(&ws), before + 1);
        assert_eq!(ws.evidence(case).unwrap()[0].last_check.as_deref(), Some("missing"));
        let said = crate::evidence::tally(&[Check::Intact, Check::Missing, Check::Unreadable]);
        assert_eq!(said, "3 files: 1 intact, 1 changed or missing, 1 could not be read (permissions; not recorded)");
    }

    fn ws_rows(ws: &Workspace) -> i64 {
        crate::store::audit::head(ws.store().conn()).unwrap().map_or(0, |h| h.rows)
    }
}
