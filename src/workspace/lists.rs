//! Reference lists: plain files of values (freight forwarders, VoIP ranges, money-service businesses,
//! known-bad values from peers) imported into the workspace and matched like identifiers.

use std::path::Path;

use serde_json::json;
use sha2::{Digest, Sha256};

use super::Workspace;
use super::links::ImportSummary;
use crate::domain::link::ListKind;
use crate::store::audit::hex;
use crate::store::lists::{self, Entry, ReferenceList};
use crate::store::seal::{self, Scope};
use crate::{Error, Result};

/// Lines left out of a list: (line number, why).
type Skipped = Vec<(i64, String)>;

/// Largest list file read; lists are text, one value per line.
pub const MAX_LIST_BYTES: u64 = 64 << 20;

/// Digits a range (`+1 202 555 01*`) holds at least before its `*`: a country code and an area code are
/// no range of VoIP numbers.
const MIN_RANGE_DIGITS: usize = 6;

impl Workspace {
    /// Imports the list file at `path` as `name` (default: the file's name without extension). A list of
    /// the same name is replaced. One value per line, optionally followed by a tab and a label; blank
    /// lines and lines starting with `#` are skipped.
    pub fn import_list(&mut self, kind: ListKind, path: &Path, name: Option<&str>) -> Result<ImportSummary> {
        self.checked_write(|ws| {
            let name = match name {
                Some(n) => n.trim().to_string(),
                None => path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            };
            if name.is_empty() {
                return Err(Error::invalid("a list needs a name (--name)"));
            }
            // Named in every match and summary: one line of text, as long as any field.
            if let Some(problem) = crate::text::field_problem("the list's name (--name, else the file's name)", &name) {
                return Err(Error::invalid(problem));
            }
            let too_big = || format!("a list file has at most {} MiB", MAX_LIST_BYTES >> 20);
            let bytes = crate::files::read_bounded(path, MAX_LIST_BYTES, &too_big)?;
            let text = std::str::from_utf8(&bytes).map_err(|e| {
                let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
                Error::invalid(format!("{}: line {line} is not UTF-8 text", crate::text::display_path(path)))
            })?;
            let (entries, skipped) = ws.parse_list(kind, text)?;
            if entries.is_empty() {
                // Say why the first line that held a value was not taken: "no entries" alone hides a typo.
                let why = skipped.first().map(|(line, why)| format!(" (line {line} skipped: {why})")).unwrap_or_default();
                return Err(Error::invalid(format!(
                    "{}: no {kind} entries found{}",
                    crate::text::display_path(path),
                    crate::text::one_line(&why)
                )));
            }
            let source = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string();
            let sha256 = hex(&Sha256::digest(&bytes));
            let old = lists::by_name(ws.store().conn(), &name)?;
            // A list edited behind vetdesk's back (its kind too) is said to be, before anything is read of it.
            if let Some(old) = &old {
                seal::check_unaltered(ws.store().conn(), Scope::List(old.id))?;
            }
            // A list of another kind under the same name is another list, not an older copy of this one.
            if let Some(old) = old.as_ref().filter(|o| o.kind != kind) {
                return Err(Error::invalid(format!(
                    "a list named {:?} is already a {} list ({}); a {kind} list does not replace it; nothing \
                     was written. Give this one another name with --name",
                    crate::text::for_terminal(&name),
                    old.kind,
                    crate::text::counted(old.entries, "entry", "entries")
                )));
            }
            let actor = ws.actor().to_string();
            let summary = ImportSummary {
                name: name.clone(),
                kind,
                entries: entries.len(),
                skipped,
                replaced: old.is_some(),
                replaced_void: old.as_ref().and_then(|o| o.void.clone()),
            };
            let checked: Vec<Scope> = old.iter().map(|o| Scope::List(o.id)).collect();
            ws.change_sealing("list.import", None, &checked, |tx, now| {
                let mut scopes: Vec<Scope> = old.iter().map(|o| Scope::List(o.id)).collect();
                if let Some(old) = &old {
                    lists::delete(tx, old.id)?;
                }
                let list = ReferenceList {
                    id: 0,
                    name: name.clone(),
                    kind,
                    source_path: source.clone(),
                    sha256: sha256.clone(),
                    entries: entries.len() as i64,
                    imported_at: now.to_string(),
                    imported_by: actor,
                    void: None,
                };
                lists::insert(tx, &list, &entries)?;
                let details = json!({
                    "list": name, "kind": kind, "path": source, "sha256": sha256, "entries": entries.len(),
                    "skipped": summary.skipped.len(), "replaced": old.as_ref().map(|o| json!({ "sha256": o.sha256, "entries": o.entries, "voided": o.void })),
                });
                if let Some(new) = lists::by_name(tx, &name)? {
                    // A number the list it replaces did not have must be new to the chain: a list removed
                    // behind vetdesk's back is not sealed over by another taking its number.
                    if !scopes.contains(&Scope::List(new.id)) {
                        seal::check_never_sealed(tx, Scope::List(new.id))?;
                    }
                    scopes.push(Scope::List(new.id));
                }
                Ok(((), details, scopes))
            })?;
            Ok(summary)
        })
    }

    fn parse_list(&self, kind: ListKind, text: &str) -> Result<(Vec<Entry>, Skipped)> {
        let rules = self.rules()?;
        let ident = kind.identifier_kind();
        let mut entries = Vec::new();
        let mut skipped = Vec::new();
        // A byte-order mark, as editors on Windows write, is not part of the first line.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (n, line) in text.lines().enumerate() {
            let line_no = n as i64 + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (value, label) = line.split_once('\t').map_or((line, ""), |(v, l)| (v.trim(), l.trim()));
            // A value or label is shown in every match, suggestion and note it makes: a field's length at
            // most, and a line past it is skipped without being echoed.
            let long = [("value", value), ("label", label)]
                .into_iter()
                .find(|(_, s)| s.chars().count() > crate::text::MAX_FIELD);
            if let Some((what, s)) = long {
                let n = s.chars().count();
                let max = crate::text::MAX_FIELD;
                skipped.push((line_no, format!("its {what} has {n} characters, more than the {max} a field may have")));
                continue;
            }
            let (value, prefix) = match value.strip_suffix('*') {
                Some(v) if kind.allows_prefixes() => (v.trim(), true),
                _ => (value, false),
            };
            // A range as wide as a country or an area code would list every number there.
            let digits = value.chars().filter(char::is_ascii_digit).count();
            if prefix && digits < MIN_RANGE_DIGITS {
                skipped.push((
                    line_no,
                    format!(
                        "{:?}: a range needs at least {MIN_RANGE_DIGITS} digits before the `*` ({digits} here): a \
                         shorter one lists every number of a country or an area code",
                        format!("{value}*")
                    ),
                ));
                continue;
            }
            match ident.check_with(value, &rules) {
                // A range is the start of numbers, so it fails the full-number check by design.
                Ok(c) if c.warning.is_some() && !prefix => {
                    skipped.push((line_no, format!("{value:?}: {}", c.warning.unwrap_or_default())))
                }
                // Listed, it would flag every case that holds it for a reason of its own.
                Ok(c) => match ident.ties_nothing(&c.normalized).filter(|_| !prefix) {
                    Some(why) => skipped.push((line_no, format!("{value:?}: {why}"))),
                    None => entries.push(Entry {
                        key: c.normalized,
                        prefix,
                        raw: value.to_string(),
                        label: label.to_string(),
                        line: line_no,
                    }),
                },
                Err(e) => skipped.push((line_no, e.to_string())),
            }
        }
        Ok((entries, skipped))
    }

    pub fn lists(&self) -> Result<Vec<ReferenceList>> {
        lists::all(self.store().conn())
    }

    /// Voids a list with a reason: its entries match nothing (links and suggestions naming it go) until it
    /// is restored; the list and its entries stay.
    pub fn void_list(&mut self, name: &str, reason: &str) -> Result<ReferenceList> {
        self.checked_write(|ws| {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(Error::invalid(format!("say why list {name:?} is voided (--reason)")));
            }
            super::corrections::check_reason(reason)?;
            let list = ws.list_named(name)?;
            if let Some(v) = &list.void {
                return Err(Error::invalid(format!(
                    "list {name:?} was already voided on {} by {}",
                    v.voided_at, v.voided_by
                )));
            }
            let actor = ws.actor().to_string();
            ws.change_touching("list.void", None, vec![Scope::List(list.id)], |tx, now| {
                let v =
                    crate::domain::Void { voided_at: now.to_string(), voided_by: actor, reason: reason.to_string() };
                lists::set_void(tx, list.id, Some(&v))?;
                Ok(((), json!({ "list": list.name, "reason": reason })))
            })?;
            ws.list_named(name)
        })
    }

    /// Restores a voided list.
    pub fn unvoid_list(&mut self, name: &str, reason: &str) -> Result<ReferenceList> {
        self.checked_write(|ws| {
            let list = ws.list_named(name)?;
            if list.void.is_none() {
                return Err(Error::invalid(format!("list {name:?} is not voided")));
            }
            let reason = reason.trim().to_string();
            super::corrections::check_reason(&reason)?;
            ws.change_touching("list.unvoid", None, vec![Scope::List(list.id)], |tx, _| {
                lists::set_void(tx, list.id, None)?;
                Ok(((), json!({ "list": list.name, "reason": reason })))
            })?;
            ws.list_named(name)
        })
    }

    fn list_named(&self, name: &str) -> Result<ReferenceList> {
        lists::by_name(self.store().conn(), name)?
            .ok_or_else(|| Error::invalid(format!("no reference list named {name:?} (vetdesk list show)")))
    }
}
