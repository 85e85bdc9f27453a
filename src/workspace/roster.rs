//! Roster screening in the workspace: importing snapshots, screening, dismissing hits, opening a case from
//! a hit, showing a person across snapshots and purging old snapshots. Each change is one transaction with
//! its audit row.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::Workspace;
use crate::domain::{Priority, Role, Subject};
use crate::roster::{self, Hit, ImportOptions, ImportReport, RosterFile, Settings};
use crate::store::audit::{self, Entry};
use crate::store::roster::{self as rows, Person, Snapshot, Value};
use crate::store::seal::{self, Scope};
use crate::store::{bulk, cases, identifiers, notes, settings, subjects};
use crate::{Error, Result};

/// The longest bank-change window `org set --roster-bank-days` takes: some 100 years.
const MAX_BANK_DAYS: u32 = 36_525;

/// Rows shown by a dry run.
pub const PREVIEW_ROWS: usize = 5;

/// The case a roster hit opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HitCase {
    pub id: i64,
    /// The hit's id in full (it may have been asked for by a prefix).
    pub hit: String,
    /// Opened by an earlier `open-case`: nothing was written this time.
    pub earlier: bool,
}

/// A person in one snapshot, for `roster show`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonSnapshot {
    pub snapshot: i64,
    pub as_of: String,
    #[serde(flatten)]
    pub person: Person,
    pub values: Vec<Value>,
}

/// A person across every snapshot of their source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonHistory {
    pub source: String,
    pub person: String,
    pub snapshots: Vec<PersonSnapshot>,
    pub cases: Vec<i64>,
}

/// What `roster purge` removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Purged {
    pub snapshots: usize,
    pub people: i64,
    pub values: i64,
    pub kept: i64,
    /// SHA-256 over what was removed, so the audit trail can attest to it without holding it.
    pub digest: String,
}

impl Workspace {
    /// Imports a roster export as a new dated snapshot of its source, in one transaction with its audit
    /// row: a bad row leaves the workspace as it was. `dry_run` reads and checks the whole file, stores
    /// nothing and returns the mapping and the first rows.
    pub fn roster_import(&mut self, path: &Path, options: &ImportOptions, dry_run: bool) -> Result<ImportReport> {
        if !dry_run {
            self.check_trail_guarded()?;
        }
        let source = roster::check_source(&options.source.clone().unwrap_or_else(|| roster::default_source(path)))?;
        let now = self.now();
        let as_of = match &options.as_of {
            Some(d) => crate::time::check_date("--as-of date", d)?,
            None => now[..10].to_string(),
        };
        // A later date would stay the newest snapshot of its source, and every later export would be
        // compared backwards against it.
        if as_of.as_str() > &now[..10] {
            return Err(Error::invalid(format!(
                "--as-of {as_of} is after today ({}); a snapshot is dated the day its export was taken",
                &now[..10]
            )));
        }
        let rules = self.rules()?;
        let mut file = RosterFile::open(path, options.encoding, &options.maps)?;
        let snapshot = Snapshot {
            id: 0,
            source,
            as_of,
            file_name: path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            sha256: String::new(),
            people: 0,
            warnings: 0,
            imported_at: now.clone(),
            imported_by: self.actor().to_string(),
            kept: 0,
        };
        if dry_run {
            let report = roster::import_into(self.store().conn(), &mut file, &snapshot, &rules, PREVIEW_ROWS)?;
            check_imported(self.store().conn(), &report, path)?;
            return Ok(report);
        }
        let actor = self.actor().to_string();
        let (store, signer) = self.store_and_signer()?;
        let written = store.write(|tx| {
            let report = roster::import_into(tx, &mut file, &snapshot, &rules, 0)?;
            check_imported(tx, &report, path)?;
            let id = report.snapshot.expect("an import that stores has a snapshot");
            let scope = Scope::Roster(id);
            let digests = BTreeMap::from([(scope.to_string(), seal::seal_new(tx, scope)?)]);
            let details = json!({
                "snapshot": id, "source": report.source, "as_of": report.as_of, "file": snapshot.file_name,
                "sha256": report.sha256, "people": report.people, "values": report.values,
                "warnings": report.warnings, "skipped": report.skipped,
            });
            let entry = Entry { at: &now, actor: &actor, action: "roster.import", case_id: None, details: &details };
            audit::append_sealed(tx, signer, &entry, &digests)?;
            Ok(report)
        });
        let report = written?;
        self.remember_head();
        Ok(report)
    }

    pub fn roster_snapshots(&self) -> Result<Vec<Snapshot>> {
        rows::snapshots(self.store().conn())
    }

    pub fn roster_settings(&self) -> Result<Settings> {
        Settings::load(self.store().conn())
    }

    /// Sets the bank-change thresholds of screening (`org set`).
    pub fn set_roster_settings(&mut self, changes: Option<u32>, days: Option<u32>) -> Result<Settings> {
        let before = self.roster_settings()?;
        if days == Some(0) {
            return Err(Error::invalid("the bank-change window is at least 1 day"));
        }
        // Reaching back past the first year a date may have (the screen counts back from a snapshot's day).
        if let Some(days) = days.filter(|d| *d > MAX_BANK_DAYS) {
            return Err(Error::invalid(format!(
                "the bank-change window is at most {MAX_BANK_DAYS} days (about 100 years); {days} was given"
            )));
        }
        let after = Settings {
            bank_changes: changes.unwrap_or(before.bank_changes),
            bank_days: days.unwrap_or(before.bank_days),
        };
        if after == before {
            return Ok(after);
        }
        self.change_touching("settings.roster", None, vec![Scope::Settings], |tx, _| {
            settings::put(tx, Settings::CHANGES_KEY, Some(&after.bank_changes.to_string()))?;
            settings::put(tx, Settings::DAYS_KEY, Some(&after.bank_days.to_string()))?;
            Ok(((), json!({ "from": before, "to": after })))
        })?;
        Ok(after)
    }

    /// Every hit on the newest snapshot of each source, strongest first, dismissed ones marked.
    pub fn roster_screen(&self) -> Result<Vec<Hit>> {
        roster::hits::screen(self.store().conn(), self.roster_settings()?)
    }

    /// Why the screen's hits cannot be taken as imported, if so: a snapshot they are drawn from (the newest
    /// of each source) was changed behind vetdesk's back, or the dismissals that set hits aside were (one
    /// added there hides a hit). Opening a case from a hit, or dismissing one, is refused then; the screen
    /// still lists them, under this warning.
    pub fn roster_warning(&self) -> Result<Option<String>> {
        if let Some(why) = self.workspace_warning()? {
            return Ok(Some(why));
        }
        let conn = self.store().conn();
        let scopes = rows::latest(conn)?.into_iter().map(|s| Scope::Roster(s.id)).chain([Scope::RosterReview]);
        for scope in scopes {
            if let Err(Error::Invalid(why)) = seal::check_unaltered(conn, scope) {
                return Ok(Some(why.replace("; nothing was written", "")));
            }
        }
        if let Err(Error::Invalid(why)) = check_opened_cases(conn) {
            return Ok(Some(why.replace("; nothing was written", "")));
        }
        Ok(None)
    }

    /// The hit with id `id` (or a unique start of it).
    pub fn roster_hit(&self, id: &str) -> Result<Hit> {
        let id = id.trim();
        let found: Vec<Hit> =
            self.roster_screen()?.into_iter().filter(|h| !id.is_empty() && h.id.starts_with(id)).collect();
        match found.len() {
            1 => Ok(found.into_iter().next().expect("one hit")),
            0 => Err(Error::invalid(format!("no roster hit {id:?} (see `vetdesk roster screen`)"))),
            _ => Err(Error::invalid(format!("roster hit {id:?} is ambiguous; give more of its id"))),
        }
    }

    /// Sets a hit aside with a reason; it returns when its people or values change.
    pub fn roster_dismiss(&mut self, id: &str, reason: &str) -> Result<Hit> {
        self.checked_write(|ws| {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(Error::refused("dismissing a roster hit needs a reason", crate::error::Remedy::Reason));
            }
            super::corrections::check_reason(reason)?;
            let mut hit = ws.roster_hit(id)?;
            if hit.dismissed {
                return Err(Error::invalid(format!("roster hit {} is already dismissed", hit.id)));
            }
            let actor = ws.actor().to_string();
            let reason = reason.to_string();
            let sources = hit_snapshots(&rows::latest(ws.store().conn())?, &hit);
            ws.change_touching("roster.dismiss", None, vec![Scope::RosterReview], |tx, now| {
                // A hit drawn from roster values edited behind vetdesk's back is not decided on.
                for scope in &sources {
                    seal::check_unaltered(tx, *scope)?;
                }
                check_opened_cases(tx)?;
                rows::dismiss(tx, &hit.id, &hit.fingerprint, &reason, now, &actor)?;
                Ok(((), json!({ "hit": hit.id, "kind": hit.kind, "people": hit.people.len(), "reason": reason })))
            })?;
            hit.dismissed = true;
            Ok(hit)
        })
    }

    /// Opens a case from a hit: its people as subjects with their identifiers from the newest snapshot, the
    /// hit's reason as a note, and the catalog items it supports proposed as suggestions. One transaction.
    /// A hit opens one case: asked again, nothing is written and the case opened then is returned.
    pub fn roster_open_case(&mut self, id: &str) -> Result<HitCase> {
        self.check_trail_guarded()?;
        self.checked_write(|ws| {
            let hit = ws.roster_hit(id)?;
            let hit_id = hit.id.clone();
            let (rules, tag_key) = (ws.rules()?, ws.tag_key());
            let conn = ws.store().conn();
            check_opened_cases(conn)?;
            if let Some(id) = rows::case_of_hit(conn, &hit.id)? {
                return Ok(HitCase { id, hit: hit.id, earlier: true });
            }
            let latest = rows::latest(conn)?;
            let mut people = Vec::new();
            let mut seen = HashSet::new();
            for m in &hit.people {
                if seen.insert((m.source.as_str(), m.person.as_str()))
                    && let Some(found) = rows::values_now(conn, &latest, &m.source, &m.person)?
                {
                    people.push(found);
                }
            }
            // One subject per worker: a person listed in two sources under the same id and name is one.
            let mut workers: Vec<Vec<usize>> = Vec::new();
            let mut worker_of: HashMap<(String, String), usize> = HashMap::new();
            for (n, (snapshot, p, _)) in people.iter().enumerate() {
                let key = crate::roster::hits::worker(&snapshot.source, &p.person, &p.name);
                match worker_of.get(&key) {
                    Some(&w) => workers[w].push(n),
                    None => {
                        worker_of.insert(key, workers.len());
                        workers.push(vec![n]);
                    }
                }
            }
            let title = match hit.people.first() {
                Some(m) if workers.len() == 1 => {
                    format!("Roster: {} — {}", display_name(&m.name, &m.source, &m.person), hit.reason)
                }
                _ => format!("Roster: {}", hit.reason),
            };
            let title: String = title.chars().take(super::MAX_TITLE).collect();
            let version = ws.catalog().version.clone();
            let now = ws.now();
            let actor = ws.actor().to_string();
            let sources = hit_snapshots(&latest, &hit);
            let (store, signer) = ws.store_and_signer()?;
            let case_id = store.write(|tx| {
                // The case is made from the snapshots' values: one edited behind vetdesk's back would be sealed
                // into it as if imported.
                for scope in &sources {
                    seal::check_unaltered(tx, *scope)?;
                }
                // Values go into the case as they are, so they pass the checks a subject or an identifier typed in
                // passes (a snapshot imported before roster import checked them may hold what these refuse).
                for (snapshot, p, values) in &people {
                    let fields =
                        [("id", &p.person), ("name", &p.name), ("position", &p.position), ("vendor", &p.vendor)];
                    let typed = values.iter().map(|v| (v.field.as_str(), &v.raw));
                    if let Some(why) =
                        fields.into_iter().chain(typed).find_map(|(what, s)| crate::text::field_problem(what, s))
                    {
                        return Err(Error::invalid(format!(
                            "roster person {}:{}: {why}; correct the export and import it again; nothing was written",
                            snapshot.source,
                            crate::text::for_terminal(&p.person)
                        )));
                    }
                }
                // Thousands of people may share the hit's value: each identifier's search and link-marker
                // triggers would look up every holder before it, so they run once at the end.
                let (case_id, identifiers_added) = bulk::deferred(tx, || {
                    let case_id = cases::insert(tx, &title, Priority::High, &version, &now)?;
                    let mut identifiers_added = 0;
                    for of in &workers {
                        let (snapshot, first, _) = &people[of[0]];
                        let name = display_name(&first.name, &snapshot.source, &first.person);
                        let mut s = Subject::new(case_id, Role::Candidate, &name, &now);
                        s.position = first.position.clone();
                        s.vendor = first.vendor.clone();
                        let subject = subjects::insert(tx, &s)?;
                        // A value every source lists is one identifier, its note naming each.
                        let mut values: Vec<(crate::domain::Identifier, Vec<String>)> = Vec::new();
                        for &n in of {
                            let (snapshot, p, listed) = &people[n];
                            for v in listed {
                                let kind: crate::domain::IdentifierKind = v.kind.parse()?;
                                let Ok(checked) = kind.check_with(&v.raw, &rules) else { continue };
                                let from = format!("roster {} {} as of {}", snapshot.source, v.field, snapshot.as_of);
                                let same = |i: &crate::domain::Identifier| {
                                    i.kind == kind && i.normalized == checked.normalized
                                };
                                match values.iter_mut().find(|(i, _)| same(i)) {
                                    Some((_, notes)) => notes.push(from),
                                    None => values.push((
                                        crate::domain::Identifier {
                                            id: 0,
                                            case_id,
                                            subject_id: Some(subject),
                                            kind,
                                            raw: v.raw.clone(),
                                            normalized: checked.normalized,
                                            loose: checked.loose,
                                            warning: checked.warning,
                                            note: String::new(),
                                            created_at: now.clone(),
                                            void: None,
                                        },
                                        vec![from],
                                    )),
                                }
                            }
                            rows::link_person(tx, case_id, &snapshot.source, &p.person)?;
                        }
                        for (mut identifier, notes) in values {
                            identifier.note = notes.join("; ");
                            identifiers::insert(tx, &identifier, &rules, tag_key.as_ref())?;
                            identifiers_added += 1;
                        }
                    }
                    let listing: Vec<String> = hit
                        .people
                        .iter()
                        .map(|m| {
                            format!(
                                "- {} ({} {}): {} {}",
                                display_name(&m.name, &m.source, &m.person),
                                m.source,
                                m.person,
                                m.field,
                                m.raw
                            )
                        })
                        .collect();
                    // The hit's own id stays in the audit row: the note is read into the summary, which names no
                    // internal number.
                    let body = format!("Roster screening ({}): {}\n{}", hit.kind, hit.reason, listing.join("\n"));
                    notes::insert(tx, case_id, &body, &actor, &now)?;
                    rows::link_case(tx, case_id, &hit.id, &hit.reason, &hit.supports.join(" "))?;
                    Ok((case_id, identifiers_added))
                })?;
                let details = json!({
                    "title": title, "hit": hit.id, "kind": hit.kind, "subjects": workers.len(),
                    "identifiers": identifiers_added, "supports": hit.supports,
                });
                let entry = Entry {
                    at: &now,
                    actor: &actor,
                    action: "roster.open-case",
                    case_id: Some(case_id),
                    details: &details,
                };
                audit::append(tx, signer, &entry, &[])?;
                Ok(case_id)
            })?;
            ws.remember_head();
            ws.refresh_scores()?;
            Ok(HitCase { id: case_id, hit: hit_id, earlier: false })
        })
    }

    /// A person (`ID`, or `SOURCE:ID` when several sources list the id) in every snapshot of their source.
    pub fn roster_person(&self, who: &str) -> Result<PersonHistory> {
        let conn = self.store().conn();
        let all = rows::snapshots(conn)?;
        let (source, person) = match who.split_once(':') {
            Some((s, p)) if all.iter().any(|x| x.source == s) => (Some(s.to_string()), p.trim().to_string()),
            _ => (None, who.trim().to_string()),
        };
        let mut found: BTreeMap<String, Vec<PersonSnapshot>> = BTreeMap::new();
        for s in all.iter().filter(|s| source.as_ref().is_none_or(|src| *src == s.source)) {
            if let Some((p, values)) = rows::person_in(conn, s.id, &person)? {
                found.entry(s.source.clone()).or_default().push(PersonSnapshot {
                    snapshot: s.id,
                    as_of: s.as_of.clone(),
                    person: p,
                    values,
                });
            }
        }
        match found.len() {
            0 => Err(Error::invalid(format!("no roster person {who:?}"))),
            1 => {
                let (source, snapshots) = found.into_iter().next().expect("one source");
                let cases = rows::cases_of(conn, &source, &person)?;
                Ok(PersonHistory { source, person, snapshots, cases })
            }
            _ => Err(Error::invalid(format!(
                "roster person {person:?} is listed by several sources ({}); write SOURCE:{person}",
                found.keys().cloned().collect::<Vec<_>>().join(", ")
            ))),
        }
    }

    /// Removes snapshot rows of people not tied to a case or to an open (not dismissed) hit, from the
    /// snapshots of `source` (or every source) dated before `before` (or, without it, every snapshot but
    /// the newest of its source). Audited with counts and a digest of what went, never the values.
    pub fn roster_purge(&mut self, source: Option<&str>, before: Option<&str>) -> Result<Purged> {
        let before = before.map(|d| crate::time::check_date("--before date", d)).transpose()?;
        let conn = self.store().conn();
        if let Some(source) = source
            && !rows::snapshots(conn)?.iter().any(|s| s.source == source)
        {
            return Err(Error::invalid(format!("no roster source {source:?} (see `vetdesk roster snapshots`)")));
        }
        let targets = rows::purgeable(conn, source, before.as_deref(), self.roster_settings()?.bank_days)?;
        if targets.is_empty() {
            return Ok(Purged::default());
        }
        let mut keep: HashSet<(String, String)> = HashSet::new();
        for h in self.roster_screen()?.into_iter().filter(|h| !h.dismissed) {
            keep.extend(h.people.into_iter().map(|m| (m.source, m.person)));
        }
        let linked: Vec<(String, String)> = {
            let mut stmt = conn.prepare("SELECT source, person FROM roster_case_person")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        keep.extend(linked);
        let scopes: Vec<Scope> = targets.iter().map(|s| Scope::Roster(s.id)).collect();
        let filter = json!({ "source": source, "before": before });
        self.change_touching("roster.purge", None, scopes, |tx, _| {
            let mut out = Purged::default();
            let mut h = Sha256::new();
            let is_kept = |src: &str, p: &str| keep.contains(&(src.to_string(), p.to_string()));
            for s in &targets {
                let (people, values) = rows::purge_snapshot(tx, s, &is_kept, &mut |row: &str| {
                    h.update((row.len() as u64).to_le_bytes());
                    h.update(row.as_bytes());
                })?;
                // Counted when it lost rows: a snapshot whose people are all kept was not purged.
                out.snapshots += usize::from(people > 0);
                out.people += people;
                out.values += values;
                out.kept += tx.query_row("SELECT count(*) FROM roster_person WHERE snapshot_id = ?1", [s.id], |r| {
                    r.get::<_, i64>(0)
                })?;
            }
            out.digest = crate::store::audit::hex(&h.finalize());
            let details = json!({
                "filter": filter, "snapshots": out.snapshots, "people": out.people, "values": out.values,
                "kept": out.kept, "digest": out.digest,
            });
            Ok((out, details))
        })
    }
}

/// A roster person's name, or, when the file gave none, words that say so: the id alone would read as a
/// name (in a case title, as a subject, and in the IC3 form's Name field).
fn display_name(name: &str, source: &str, id: &str) -> String {
    if name.trim().is_empty() {
        format!("{} (roster {source}, ID {id})", crate::domain::NO_NAME)
    } else {
        name.to_string()
    }
}

/// The two tables the screen reads of each case the roster names as opened from a hit, checked against
/// the case's seal: a row planted in `roster_case` shows a hit as opened as a case (one that may not exist),
/// so that it is taken as handled, dismissed on that strength, or answered with that case by `open-case`;
/// one planted in `roster_case_person` drops a person's hits from the screen.
fn check_opened_cases(conn: &rusqlite::Connection) -> Result<()> {
    for id in rows::opened_cases(conn)? {
        for table in ["roster_case", "roster_case_person"] {
            seal::check_table_unaltered(conn, Scope::Case(id), table)?;
        }
    }
    Ok(())
}

/// Refuses a snapshot that would hide what the source's snapshots show: one with nobody in it (an export
/// cut short, or a header alone), which would become the newest and leave every hit of the source
/// unscreened; and the same file imported again for the same source and day (a command run twice), which
/// would compare the newest snapshot with itself and hide the changes it showed. The same content on a
/// later day is a snapshot of its own: a roster that did not change that month.
fn check_imported(conn: &rusqlite::Connection, report: &ImportReport, path: &Path) -> Result<()> {
    let shown = crate::text::display_path(path);
    if report.people == 0 {
        return Err(Error::invalid(format!("{shown}: no rows after the header; nothing was imported")));
    }
    let same = rows::snapshots(conn)?.into_iter().find(|s| {
        s.source == report.source
            && s.as_of == report.as_of
            && s.sha256 == report.sha256
            && Some(s.id) != report.snapshot
    });
    match same {
        Some(s) => Err(Error::invalid(format!(
            "{shown} is already snapshot {} of {} as of {}; nothing was imported",
            s.id, s.source, s.as_of
        ))),
        None => Ok(()),
    }
}

/// The roster snapshots a hit is drawn from: the newest of each source its people are listed in.
fn hit_snapshots(latest: &[Snapshot], hit: &Hit) -> Vec<Scope> {
    let sources: HashSet<&str> = hit.people.iter().map(|m| m.source.as_str()).collect();
    latest.iter().filter(|s| sources.contains(s.source.as_str())).map(|s| Scope::Roster(s.id)).collect()
}
