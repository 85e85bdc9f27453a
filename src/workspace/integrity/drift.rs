//! What links and match keys rest on: the checks that a link shown, or a decision drawn from links, is not
//! built on a record or a match key changed behind vetdesk's back.

use rusqlite::Connection;

use super::{Coverage, ScopeFinding, Tampered};
use crate::domain::link::{Counterpart, Link, Source};
use crate::store::keys;
use crate::store::seal::{self, Change, Scope};
use crate::workspace::Workspace;
use crate::{Error, Result};

/// Why a `listed` link among `links` cannot be taken as recorded: the list entry it rests on no longer
/// derives the key it matched on, so its key was edited behind vetdesk's back (a link between values that
/// differ). Only entries a link names are derived again; `audit verify` checks every list against its seal.
fn listed_drift(conn: &Connection, links: &[Link]) -> Result<Option<String>> {
    let mut rules = None;
    for link in links {
        let Counterpart::List { name, kind, entry, line, .. } = &link.other else { continue };
        let (raw, prefix) = entry.strip_suffix('*').map_or((entry.as_str(), false), |raw| (raw, true));
        let ident = kind.identifier_kind();
        // A money-service business's routing number is matched against the routing part of an account.
        let target = match (ident, link.key.split_once(':')) {
            (crate::domain::IdentifierKind::RoutingNumber, Some((routing, _))) => routing,
            _ => link.key.as_str(),
        };
        let rules = match &rules {
            Some(rules) => rules,
            None => rules.insert(keys::rules(conn)?),
        };
        let derived = ident.check_with(raw.trim(), rules).ok().map(|c| c.normalized);
        let holds = derived.is_some_and(|d| if prefix { target.starts_with(&d) } else { d == target });
        if !holds {
            return Ok(Some(format!(
                "the match key of list {name}'s line {line} does not follow from its value: it was changed behind \
                 vetdesk's back. Run `vetdesk audit verify` and restore the workspace from a copy you trust"
            )));
        }
    }
    Ok(None)
}

impl Workspace {
    /// Refuses a decision drawn from `links` (a suggestion's) when a record it rests on was edited behind
    /// vetdesk's back: a record of a linked case that differs from its seal row, or a match key of the
    /// case's own records or of the linked ones that does not follow from the value typed (an edited key
    /// makes a link where the values differ), or a reference list it names that differs from its seal. The
    /// case's own records are checked by the change itself.
    pub(crate) fn check_links_unaltered(&self, case_id: i64, links: &[Link]) -> Result<()> {
        let conn = self.store.conn();
        // A reference list a link names is checked whole, once, as a change to it would be.
        let lists: std::collections::BTreeSet<&str> = links
            .iter()
            .filter_map(|l| match &l.other {
                Counterpart::List { name, .. } => Some(name.as_str()),
                Counterpart::Case { .. } => None,
            })
            .collect();
        for name in lists {
            if let Some(list) = crate::store::lists::by_name(conn, name)? {
                seal::check_unaltered(conn, Scope::List(list.id))?;
            }
        }
        // The keys are derived under the settings' phone country.
        seal::check_unaltered(conn, Scope::Settings)?;
        let findings = linked_findings(conn, links, &Default::default())?;
        let drift = self.derived_drift(Coverage::Case(case_id), links)?;
        let named = findings
            .iter()
            .flat_map(|f| f.records.iter().map(move |r| format!("{} {} {} in {}", r.table, r.key, r.change, f.scope)))
            .chain(drift.iter().map(|r| format!("the match key of {} {}", r.table, r.key)))
            .next();
        match named {
            None => Ok(()),
            Some(what) => Err(Error::invalid(format!(
                "a record this rests on was changed behind vetdesk's back ({what}); nothing was written. Run \
                 `vetdesk audit verify` and restore the workspace from a copy you trust"
            ))),
        }
    }

    /// Why case `case_id`'s records as read now cannot be taken as recorded, if they were changed behind
    /// vetdesk's back (they no longer match their seal); `None` when they hold. `case show` and `evidence
    /// list` say it above what they show, which is the record as it is stored.
    pub fn case_warning(&self, case_id: i64) -> Result<Option<String>> {
        self.scopes_warning(&[Scope::Case(case_id)])
    }

    /// The keys other than this machine's that signed audit rows of case `case_id`, with how many rows each
    /// (a second machine working on this workspace, or another key folder): `audit verify` cannot check
    /// their signatures here and passes them, saying so; a view of the case says so too. Empty when this
    /// machine's key cannot be read.
    pub fn case_other_signers(&self, case_id: i64) -> Result<Vec<(String, i64)>> {
        let Ok(signer) = self.keys().signer() else { return Ok(Vec::new()) };
        let mine = signer.fingerprint();
        Ok(crate::store::audit::case_signers(self.store.conn(), case_id)?
            .into_iter()
            .filter(|(key, _)| key != mine)
            .collect())
    }

    /// [`Self::case_warning`] for the cases a page of results names (`search`, `note search`): the first of
    /// them whose records differ from their seal, or the workspace older than this machine last wrote it.
    /// A page is bounded, so this costs a seal check per case shown, never one per case in the workspace.
    pub fn cases_warning(&self, ids: impl IntoIterator<Item = i64>) -> Result<Option<String>> {
        self.numbered_warning(ids, Scope::Case)
    }

    /// [`Self::case_warning`] for roster snapshots (`roster show` of a person's rows in each).
    pub fn snapshots_warning(&self, ids: impl IntoIterator<Item = i64>) -> Result<Option<String>> {
        self.numbered_warning(ids, Scope::Roster)
    }

    /// [`Self::case_warning`] for the organization's details and the workspace settings (`org show`).
    pub fn organization_warning(&self) -> Result<Option<String>> {
        self.scopes_warning(&[Scope::Organization, Scope::Settings])
    }

    /// [`Self::case_warning`] for the reference lists (`list show`): every list there is, and every list the
    /// chain sealed, so a list deleted behind vetdesk's back is said too.
    pub fn lists_warning(&self) -> Result<Option<String>> {
        let conn = self.store.conn();
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM reference_list UNION SELECT CAST(substr(scope, 6) AS INTEGER) FROM scope_head WHERE scope LIKE 'list:%'")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.numbered_warning(ids, Scope::List)
    }

    /// [`Self::scopes_warning`] for the scopes of one kind numbered `ids`, each once, lowest first.
    fn numbered_warning(&self, ids: impl IntoIterator<Item = i64>, scope: fn(i64) -> Scope) -> Result<Option<String>> {
        let ids: std::collections::BTreeSet<i64> = ids.into_iter().collect();
        self.scopes_warning(&ids.into_iter().map(scope).collect::<Vec<_>>())
    }

    /// The first of `scopes` whose records differ from their seal, said as a view says it above what it
    /// shows; or the workspace older than this machine last wrote it.
    fn scopes_warning(&self, scopes: &[Scope]) -> Result<Option<String>> {
        if let Some(why) = self.workspace_warning()? {
            return Ok(Some(why));
        }
        for scope in scopes {
            match seal::check_unaltered(self.store.conn(), *scope) {
                Ok(()) => {}
                Err(Error::Invalid(why)) => return Ok(Some(why.replace("; nothing was written", ""))),
                Err(e) => return Err(e),
            }
        }
        Ok(None)
    }

    /// Why `links` of case `case_id` cannot be taken as recorded, if the case's own records or the settings
    /// were changed behind vetdesk's back, or a match key of the case does not follow from its value (one
    /// edited away from it hides a link), or one on the other side of a link between values typed
    /// differently (an edited key makes a link where the values differ); `None` when they hold. A link is
    /// worked out from the records each time, so such an edit shows in it at once. A linked case's values edited into
    /// agreement together with their keys are found by the summary's check and by `audit verify`, which
    /// compare them with their seals; that is not repeated here, where it would cost a lookup per linked case.
    pub fn links_warning(&self, case_id: i64, links: &[Link]) -> Result<Option<String>> {
        // An older copy put back: what links to what may be older than what was recorded.
        if let Some(why) = self.workspace_warning()? {
            return Ok(Some(why));
        }
        // Two values typed exactly alike derive the same key under any rules: only a link between values
        // typed differently can rest on an edited key, so only those linked records are derived again.
        // Nothing looser will do: case tells base58 wallets apart, and spaces inside "( 0 )" change what
        // a phone reads. The case's own keys are all checked: one edited away from its value hides a link.
        let typed_apart: Vec<Link> = links
            .iter()
            .filter(|l| match &l.other {
                Counterpart::Case { held, .. } => held.raw != l.this.raw,
                Counterpart::List { .. } => false,
            })
            .cloned()
            .collect();
        let conn = self.store.conn();
        // The keys are derived under the settings' phone country: an edited one derives other keys.
        seal::check_unaltered(conn, Scope::Case(case_id))
            .and_then(|()| seal::check_unaltered(conn, Scope::Settings))
            // Deriving keys loads the phone and address rules: only for keys not tagged on this machine.
            .map(|()| self.derived_drift(Coverage::Case(case_id), &typed_apart))
            .and_then(|drift| match drift?.first() {
                None => listed_drift(conn, links),
                Some(r) => Ok(Some(format!(
                    "the match key of {} {} does not follow from its value: it was changed behind vetdesk's back. \
                     Run `vetdesk audit verify` and restore the workspace from a copy you trust",
                    r.table, r.key
                ))),
            })
            .or_else(|e| match e {
                Error::Invalid(why) => Ok(Some(why.replace("; nothing was written", ""))),
                e => Err(e),
            })
    }

    /// Refuses a change that writes a case's match keys afresh (an identifier or payment corrected) while one
    /// of them does not follow from the value typed, edited behind vetdesk's back: the correction would
    /// re-derive it and so erase what `audit verify` finds.
    pub(crate) fn check_keys_unaltered(&self, case_id: i64) -> Result<()> {
        // The keys are derived under the settings' phone country: an edited one would derive edited keys.
        seal::check_unaltered(self.store.conn(), Scope::Settings)?;
        match self.derived_drift(Coverage::Case(case_id), &[])?.first() {
            None => Ok(()),
            Some(r) => Err(Error::invalid(format!(
                "case #{case_id} was changed behind vetdesk's back (the match key of {} {}); nothing was written. \
                 Run `vetdesk audit verify` and restore the workspace from a copy you trust",
                r.table, r.key
            ))),
        }
    }

    /// Refuses to let case `case_id`'s own records leave the workspace while one differs from its seal row,
    /// its seal rows are not the ones the chain last sealed it with, or a match key does not follow from
    /// its value. The chain itself is not walked: for an export of many cases (a list file), a summary's
    /// check of the first one walks it once. `None` when the workspace is not sealed, and only that full
    /// check can say what holds.
    pub(crate) fn check_case_unaltered(&self, case_id: i64) -> Result<Option<()>> {
        let conn = self.store.conn();
        if crate::store::settings::get(conn, "seal_version")?.is_none() && !crate::store::audit::was_sealed(conn)? {
            return Ok(None);
        }
        seal::check_unaltered(conn, Scope::Case(case_id))?;
        self.check_keys_unaltered(case_id)?;
        Ok(Some(()))
    }

    /// Match keys that do not follow from the values typed: every one for `audit verify`, which derives
    /// them all; for a summary's check of one case, those of the case's own records and of the records in
    /// other cases its links rest on, since the summary says what the case shares with other case files.
    /// That check derives only the keys whose tag this machine's key does not vouch for
    /// (`store::key_tags`), so that a case whose keys were all tagged here loads no phone rules.
    pub(super) fn derived_drift(&self, coverage: Coverage, linked: &[Link]) -> Result<Vec<Tampered>> {
        let conn = self.store.conn();
        if keys::stale(conn)? {
            return Ok(Vec::new());
        }
        let rules = keys::rules(conn)?;
        let tags = self.keys.tag_key().map_or(keys::Tags::Ignore, keys::Tags::Trust);
        let drift = match coverage {
            Coverage::Everything => keys::drift(conn, &rules, &[])?,
            Coverage::Case(id) => {
                let (mut identifiers, mut payments) = (Vec::new(), Vec::new());
                for link in linked {
                    if let Counterpart::Case { held, .. } = &link.other {
                        match held.source {
                            Source::Identifier => identifiers.push(held.id),
                            Source::Payment => payments.push(held.id),
                            Source::Evidence => {}
                        }
                    }
                }
                identifiers.sort_unstable();
                identifiers.dedup();
                payments.sort_unstable();
                payments.dedup();
                let mut drift = keys::drift_of_case(conn, &rules, id, tags)?;
                let linked = keys::drift_of(conn, &rules, &identifiers, &payments, tags)?;
                drift.identifiers.extend(linked.identifiers);
                drift.payments.extend(linked.payments);
                drift
            }
        };
        let edited =
            |table: &str, id: i64| Tampered { table: table.into(), key: id.to_string(), change: Change::Changed };
        Ok(drift
            .identifiers
            .iter()
            .map(|(id, ..)| edited("identifier", *id))
            .chain(drift.payments.iter().map(|(id, _)| edited("payment", *id)))
            .collect())
    }
}

/// For a summary's check of one case, the records in other cases its `linked` values are held in, each
/// checked against its seal row (a linked case's identifier, payment or resume), so that a value edited
/// into agreement with the case's, or added to another case to agree with it, is found without reading the
/// linked cases (a demo case links to up to some 800 others). A record edited together with its seal row
/// is found by `audit verify`, which compares every seal with the chain.
pub(super) fn linked_findings(
    conn: &Connection,
    linked: &[Link],
    archived: &std::collections::HashSet<i64>,
) -> Result<Vec<ScopeFinding>> {
    let mut held: std::collections::BTreeMap<(i64, &str), Vec<i64>> = std::collections::BTreeMap::new();
    for link in linked {
        if let Counterpart::Case { held: record, .. } = &link.other {
            let table = match record.source {
                Source::Identifier => "identifier",
                Source::Payment => "payment",
                Source::Evidence => "resume_print",
            };
            held.entry((record.case_id, table)).or_default().push(record.id);
            // An archived case's own row too: archived behind vetdesk's back, it takes the link out of view.
            if archived.contains(&record.case_id) {
                held.entry((record.case_id, "case")).or_default().push(record.case_id);
            }
        }
    }
    let mut out = Vec::new();
    for ((case_id, table), mut keys) in held {
        keys.sort_unstable();
        keys.dedup();
        let differ = seal::held_differ(conn, case_id, table, &keys)?;
        if !differ.is_empty() {
            let records = differ.into_iter().map(|((table, key), change)| Tampered { table, key, change }).collect();
            out.push(ScopeFinding { scope: Scope::Case(case_id).to_string(), problem: None, records });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::domain::IdentifierKind;
    use crate::domain::identifier::Rules;
    use crate::domain::link::Counterpart;
    use crate::workspace::{Coverage, NewCase, Workspace};

    /// What a tag is taken to mean: the quick check of one case takes a key whose tag was made with this
    /// machine's key as derived (only someone holding the key folder could make one for an edited key),
    /// and `audit verify` derives every key whatever its tag says.
    #[test]
    fn the_quick_check_trusts_a_tag_of_this_machines_key_and_audit_verify_trusts_none() {
        let mut ws = Workspace::open_in_memory("tester").unwrap();
        let new =
            |title: &str| NewCase { title: title.into(), priority: crate::domain::Priority::Low, candidate: None };
        let (a, b) = (ws.create_case(&new("Backend")).unwrap(), ws.create_case(&new("Mobile")).unwrap());
        ws.add_identifier(a, IdentifierKind::Email, "jordan@example.com", None, "", false).unwrap();
        let other = ws.add_identifier(b, IdentifierKind::Email, "other@example.com", None, "", false).unwrap().id;
        let warning = |ws: &Workspace| ws.links_warning(a, &ws.links(a).unwrap()).unwrap();
        let verified = |ws: &Workspace| ws.verify(Coverage::Everything, None, &mut |_, _| {}).unwrap().holds();
        // The key edited to link the two, with a tag made for it under this machine's key.
        let forged = ws.tag_key().unwrap().identifier(
            &Rules::default(),
            IdentifierKind::Email,
            "other@example.com",
            "jordan@example.com",
            None,
        );
        ws.store()
            .conn()
            .execute(
                "UPDATE identifier SET normalized = 'jordan@example.com', key_tag = ?2 WHERE id = ?1",
                rusqlite::params![other, &forged[..]],
            )
            .unwrap();
        let links = ws.links(a).unwrap();
        assert!(
            links.iter().any(|l| matches!(&l.other, Counterpart::Case { held, .. } if held.case_id == b)),
            "{links:?}"
        );
        assert_eq!(warning(&ws), None, "the quick check took the key as derived, on the tag's word");
        assert!(!verified(&ws), "audit verify derived the key and found it edited");
        // Without the tag, the quick check derives the key too.
        ws.store().conn().execute("UPDATE identifier SET key_tag = NULL WHERE id = ?1", [other]).unwrap();
        assert!(warning(&ws).is_some_and(|w| w.contains(&format!("identifier {other}"))));
    }
}
