//! Subjects, identifiers and notes; payments are in `records/payments.rs`.

use serde_json::json;

use super::Workspace;
use crate::domain::{HireStage, Identifier, IdentifierKind, Note, NoteRevision, Role, Subject, SubjectFields};
use crate::error::Remedy;
use crate::store::{cases, identifiers, notes, subjects};
use crate::{Error, Result};

/// Longest note accepted, in bytes: a journal entry, not a document (attach documents as evidence).
pub const MAX_NOTE: usize = 1 << 20;

/// What adding an identifier stored, with the format warning it was kept despite, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedIdentifier {
    pub id: i64,
    pub normalized: String,
    pub warning: Option<String>,
}

impl Workspace {
    // --- subjects -----------------------------------------------------------------------------

    pub fn add_subject(&mut self, case_id: i64, role: Role, name: &str, fields: &SubjectFields) -> Result<i64> {
        self.checked_write(|ws| {
            let mut s = Subject::new(case_id, role, "", "");
            apply_subject_fields(&mut s, &SubjectFields { name: Some(name.to_string()), ..fields.clone() }, &ws.now())?;
            ws.change("subject.add", Some(case_id), |tx, now| {
                s.created_at = now.to_string();
                let id = subjects::insert(tx, &s)?;
                Ok((id, json!({ "subject": id, "role": s.role, "name": s.name })))
            })
        })
    }

    pub fn subject(&self, id: i64) -> Result<Subject> {
        subjects::get(self.store().conn(), id)
    }

    pub fn edit_subject(&mut self, id: i64, fields: &SubjectFields) -> Result<Subject> {
        self.checked_write(|ws| {
            let mut s = subjects::get(ws.store().conn(), id)?;
            if s.void.is_some() {
                return Err(Error::refused(format!("subject #{id} is voided"), Remedy::Unvoid("subject", id)));
            }
            if *fields == SubjectFields::default() {
                return Err(Error::invalid("nothing to change"));
            }
            let before = s.clone();
            apply_subject_fields(&mut s, fields, &ws.now())?;
            // Nothing would change: no audit row for it, as for the other records.
            if (Subject { updated_at: before.updated_at.clone(), ..s.clone() }) == before {
                return Err(Error::invalid(format!("subject #{id} already reads that way")));
            }
            // What each field given held before, as a correction keeps it.
            let mut was = serde_json::Map::new();
            for (name, given, old) in [
                ("role", fields.role.is_some(), json!(before.role)),
                ("name", fields.name.is_some(), json!(before.name)),
                ("business", fields.business.is_some(), json!(before.business)),
                ("aliases", fields.aliases.is_some(), json!(before.aliases)),
                ("location", fields.location.is_some(), json!(before.location)),
                ("position", fields.position.is_some(), json!(before.position)),
                ("vendor", fields.vendor.is_some(), json!(before.vendor)),
                ("hire_stage", fields.hire_stage.is_some(), json!(before.hire_stage)),
                ("hired_on", fields.hired_on.is_some(), json!(before.hired_on)),
            ] {
                if given {
                    was.insert(name.into(), old);
                }
            }
            let details = json!({
                "subject": id, "role": fields.role, "name": fields.name, "business": fields.business,
                // As stored: trimmed, without empty names.
                "aliases": fields.aliases.as_ref().map(|_| &s.aliases), "location": fields.location, "position": fields.position,
                // Cleared: "none" and "" (null is a field not given).
                "vendor": fields.vendor, "hired_on": fields.hired_on,
                "hire_stage": fields.hire_stage.map(|stage| stage.map_or("none", HireStage::as_str)),
                "was": was,
            });
            ws.change("subject.edit", Some(s.case_id), |tx, now| {
                s.updated_at = now.to_string();
                subjects::update(tx, &s)?;
                Ok((s, details))
            })
        })
    }

    pub fn subjects(&self, case_id: i64) -> Result<Vec<Subject>> {
        cases::exists(self.store().conn(), case_id)?;
        subjects::of_case(self.store().conn(), case_id)
    }

    /// Checks that `subject_id` exists and belongs to `case_id`.
    fn check_subject(&self, case_id: i64, subject_id: Option<i64>) -> Result<()> {
        if let Some(sid) = subject_id {
            let (owner, _) = subjects::role(self.store().conn(), sid)?;
            if owner != case_id {
                return Err(Error::SubjectElsewhere { subject: sid, owner, case: case_id });
            }
            if subjects::get(self.store().conn(), sid)?.void.is_some() {
                return Err(Error::refused(format!("subject #{sid} is voided"), Remedy::Unvoid("subject", sid)));
            }
        }
        Ok(())
    }

    // --- identifiers --------------------------------------------------------------------------

    /// Records an identifier. A value failing its format check (a routing number with a bad ABA
    /// checksum, a malformed email) is refused unless `keep_invalid`, in which case it is stored with
    /// the warning, which shows wherever the identifier does.
    pub fn add_identifier(
        &mut self,
        case_id: i64,
        kind: IdentifierKind,
        value: &str,
        subject_id: Option<i64>,
        note: &str,
        keep_invalid: bool,
    ) -> Result<AddedIdentifier> {
        self.checked_write(|ws| {
            cases::exists(ws.store().conn(), case_id)?;
            let mut ident = ws.checked_identifier(case_id, kind, value, subject_id, note, keep_invalid)?;
            ws.check_not_held(&ident)?;
            let (rules, tag_key) = (ws.rules()?, ws.tag_key());
            ws.change("identifier.add", Some(case_id), |tx, now| {
                ident.created_at = now.to_string();
                let id = identifiers::insert(tx, &ident, &rules, tag_key.as_ref())?;
                let details = json!({
                    "identifier": id, "kind": kind, "raw": ident.raw, "subject": subject_id, "warning": ident.warning,
                });
                Ok((AddedIdentifier { id, normalized: ident.normalized, warning: ident.warning }, details))
            })
        })
    }

    /// Refuses `ident` (new, corrected or restored) when the case already holds the same value, in another
    /// identifier not voided, for the same subject or where one of the two names no subject (the case's own
    /// value and a subject's are one value): the summary would list it twice. The same value for two
    /// subjects of the case is a finding, and is recorded.
    pub(crate) fn check_not_held(&self, ident: &Identifier) -> Result<()> {
        let (case_id, kind) = (ident.case_id, ident.kind);
        let same = identifiers::of_case(self.store().conn(), case_id)?.into_iter().find(|i| {
            i.id != ident.id
                && i.void.is_none()
                && i.kind.match_group() == kind.match_group()
                && i.normalized == ident.normalized
                && (i.subject_id == ident.subject_id || i.subject_id.is_none() || ident.subject_id.is_none())
        });
        let Some(held) = same else { return Ok(()) };
        let whose = match (held.subject_id, ident.subject_id) {
            (Some(_), Some(_)) => ", for the same subject".to_string(),
            (Some(subject), None) => format!(", for subject #{subject}"),
            (None, Some(_)) => format!(
                ", for no subject (`vetdesk ident edit {} --subject N` names the subject it belongs to)",
                held.id
            ),
            (None, None) => String::new(),
        };
        Err(Error::refused(
            format!(
                "case #{case_id} already holds this {kind} as identifier #{} ({}){whose}; nothing was written",
                held.id,
                crate::text::for_terminal(&held.raw),
            ),
            crate::error::Remedy::NoteOnIdentifier(held.id),
        ))
    }

    pub fn identifier(&self, id: i64) -> Result<Identifier> {
        identifiers::get(self.store().conn(), id)
    }

    /// Corrects an identifier; the audit row keeps the value it had.
    pub fn edit_identifier(
        &mut self,
        id: i64,
        kind: IdentifierKind,
        value: &str,
        subject_id: Option<i64>,
        note: &str,
        keep_invalid: bool,
    ) -> Result<AddedIdentifier> {
        self.checked_write(|ws| {
            let old = identifiers::get(ws.store().conn(), id)?;
            if old.void.is_some() {
                return Err(Error::refused(format!("identifier #{id} is voided"), Remedy::Unvoid("ident", id)));
            }
            ws.check_keys_unaltered(old.case_id)?;
            let mut new = ws.checked_identifier(old.case_id, kind, value, subject_id, note, keep_invalid)?;
            new.id = id;
            new.created_at = old.created_at.clone();
            if new == old {
                return Err(Error::invalid(format!("identifier #{id} already reads that way")));
            }
            ws.check_not_held(&new)?;
            let (rules, tag_key) = (ws.rules()?, ws.tag_key());
            ws.change("identifier.edit", Some(old.case_id), |tx, _| {
                identifiers::update(tx, &new, &rules, tag_key.as_ref())?;
                let details = json!({
                    "identifier": id,
                    "from": { "kind": old.kind, "raw": old.raw, "subject": old.subject_id, "note": old.note },
                    "to": { "kind": new.kind, "raw": new.raw, "subject": new.subject_id, "note": new.note, "warning": new.warning },
                });
                Ok((AddedIdentifier { id, normalized: new.normalized, warning: new.warning }, details))
            })
        })
    }

    /// Normalizes and checks an identifier for a case. A failed format check is an error unless
    /// `keep_invalid`, in which case the warning is kept with the value.
    fn checked_identifier(
        &self,
        case_id: i64,
        kind: IdentifierKind,
        value: &str,
        subject_id: Option<i64>,
        note: &str,
        keep_invalid: bool,
    ) -> Result<Identifier> {
        self.check_subject(case_id, subject_id)?;
        for (what, text) in [("the value", value.trim()), ("the note", note.trim())] {
            if let Some(problem) = crate::text::field_problem(what, text) {
                return Err(Error::invalid(problem));
            }
        }
        let checked = kind.check_with(value, &self.rules()?)?;
        if let (Some(w), false) = (&checked.warning, keep_invalid) {
            return Err(Error::refused(format!("{kind} {:?}: {w}", value.trim()), crate::error::Remedy::KeepInvalid));
        }
        Ok(Identifier {
            id: 0,
            case_id,
            subject_id,
            kind,
            raw: value.trim().to_string(),
            normalized: checked.normalized,
            loose: checked.loose,
            warning: checked.warning,
            note: note.trim().to_string(),
            created_at: String::new(),
            void: None,
        })
    }

    pub fn identifiers(&self, case_id: i64) -> Result<Vec<Identifier>> {
        cases::exists(self.store().conn(), case_id)?;
        identifiers::of_case(self.store().conn(), case_id)
    }

    // --- notes --------------------------------------------------------------------------------

    pub fn add_note(&mut self, case_id: i64, body: &str) -> Result<i64> {
        let body = check_note(body)?;
        cases::exists(self.store().conn(), case_id)?;
        let author = self.actor().to_string();
        self.change("note.add", Some(case_id), |tx, now| {
            let id = notes::insert(tx, case_id, body, &author, now)?;
            Ok((id, json!({ "note": id, "chars": body.chars().count() })))
        })
    }

    /// Replaces a note's text; the text it had is kept as the note's history (see [`Self::note_history`]).
    pub fn edit_note(&mut self, note_id: i64, body: &str) -> Result<Note> {
        self.checked_write(|ws| {
            let body = check_note(body)?;
            let note = notes::get(ws.store().conn(), note_id)?;
            if note.void.is_some() {
                return Err(Error::refused(format!("note #{note_id} is voided"), Remedy::Unvoid("note", note_id)));
            }
            if note.body == body {
                return Err(Error::invalid(format!("note #{note_id} already says that; nothing was changed")));
            }
            let history = notes::history(ws.store().conn(), note_id)?;
            let (written_by, written_at) = match history.last() {
                Some(last) => (last.replaced_by.clone(), last.replaced_at.clone()),
                None => (note.author.clone(), note.created_at.clone()),
            };
            let actor = ws.actor().to_string();
            let revision = u32::try_from(history.len()).unwrap_or(u32::MAX) + 1;
            ws.change("note.edit", Some(note.case_id), |tx, now| {
                let earlier = NoteRevision {
                    revision,
                    body: note.body.clone(),
                    written_by,
                    written_at,
                    replaced_by: actor,
                    replaced_at: now.to_string(),
                };
                notes::revise(tx, note_id, &earlier, body)?;
                let details = json!({
                    "note": note_id,
                    "revision": revision,
                    "chars": { "from": note.body.chars().count(), "to": body.chars().count() },
                });
                Ok(((), details))
            })?;
            notes::get(ws.store().conn(), note_id)
        })
    }

    /// A note as it reads now, and its earlier texts, oldest first.
    pub fn note_history(&self, note_id: i64) -> Result<(Note, Vec<NoteRevision>)> {
        let conn = self.store().conn();
        Ok((notes::get(conn, note_id)?, notes::history(conn, note_id)?))
    }

    /// A page of a case's notes, oldest first.
    pub fn notes(&self, case_id: i64, limit: u32, offset: u32) -> Result<Vec<Note>> {
        cases::exists(self.store().conn(), case_id)?;
        notes::of_case(self.store().conn(), case_id, limit, offset)
    }

    pub fn count_notes(&self, case_id: i64) -> Result<u64> {
        notes::count(self.store().conn(), case_id)
    }

    /// How many of a case's notes are voided.
    pub fn count_voided_notes(&self, case_id: i64) -> Result<u64> {
        notes::count_voided(self.store().conn(), case_id)
    }

    pub fn search_notes(&self, query: &str, limit: u32) -> Result<Vec<Note>> {
        notes::search(self.store().conn(), query, limit)
    }
}

/// Every field of a payment, for its audit row. The transaction fields added later appear only when they
/// hold a value, as the seal hashes them.
fn apply_subject_fields(s: &mut Subject, f: &SubjectFields, now: &str) -> Result<()> {
    let text = |v: &Option<String>, slot: &mut String| {
        if let Some(v) = v {
            *slot = v.trim().to_string();
        }
    };
    if let Some(role) = f.role {
        s.role = role;
    }
    text(&f.name, &mut s.name);
    if crate::text::is_blank(&s.name) {
        return Err(Error::invalid("a subject needs a name"));
    }
    text(&f.business, &mut s.business);
    text(&f.location, &mut s.location);
    text(&f.position, &mut s.position);
    text(&f.vendor, &mut s.vendor);
    if let Some(aliases) = &f.aliases {
        let mut kept: Vec<String> = Vec::new();
        for alias in aliases.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
            // Kept as a list with commas between: "Lee, Jordan" would come back as two names.
            if alias.contains(',') {
                return Err(Error::invalid(format!(
                    "an alias cannot hold a comma (a subject's aliases are kept with commas between them): {}; \
                     give each name as an alias of its own",
                    crate::text::quoted(alias)
                )));
            }
            if !kept.iter().any(|k| k == alias) {
                kept.push(alias.to_string());
            }
        }
        s.aliases = kept;
    }
    let fields = [("the name", &s.name), ("the business", &s.business), ("the location", &s.location)];
    let more = [("the position", &s.position), ("the vendor", &s.vendor)];
    for (what, value) in fields.into_iter().chain(more).chain(s.aliases.iter().map(|a| ("an alias", a))) {
        if let Some(problem) = crate::text::field_problem(what, value) {
            return Err(Error::invalid(problem));
        }
    }
    if let Some(stage) = f.hire_stage {
        s.hire_stage = stage;
    }
    if let Some(date) = &f.hired_on {
        s.hired_on = match date.trim() {
            "" => None,
            date => Some(crate::time::check_past_date("hire date", date, now)?),
        };
    }
    Ok(())
}

/// A note's text as stored: trailing whitespace dropped, not empty, within [`MAX_NOTE`].
fn check_note(body: &str) -> Result<&str> {
    let body = body.trim_end();
    if crate::text::is_blank(body) {
        return Err(Error::invalid("a note needs some text"));
    }
    if body.len() > MAX_NOTE {
        return Err(Error::invalid(format!(
            "a note has at most {} KiB; attach longer documents as evidence",
            MAX_NOTE / 1024
        )));
    }
    Ok(body)
}

mod payments;
#[cfg(test)]
mod tests;
