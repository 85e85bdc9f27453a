//! Matching settings (the workspace's phone country and resume threshold) and the re-derivation of
//! match keys when they or the rules change.

use serde_json::json;

use super::Workspace;
use super::links::MatchSettings;
use crate::domain::IdentifierKind;
use crate::domain::identifier::Rules;
use crate::store::audit::{self, Entry};
use crate::store::seal::Scope;
use crate::store::{keys, settings};
use crate::{Error, Result, resume};

impl Workspace {
    pub fn match_settings(&self) -> Result<MatchSettings> {
        let conn = self.store().conn();
        let threshold = match settings::get(conn, "resume_threshold")? {
            Some(t) => t.parse().unwrap_or(resume::DEFAULT_THRESHOLD),
            None => resume::DEFAULT_THRESHOLD,
        };
        Ok(MatchSettings { phone_country: keys::rules(conn)?.phone_country, resume_threshold: threshold })
    }

    /// The matching rules a write derives keys under: refused while the settings differ from their seal
    /// (a phone country edited in behind vetdesk's back would derive, and tag, keys the record does not give).
    pub(crate) fn rules(&self) -> Result<Rules> {
        crate::store::seal::check_unaltered(self.store().conn(), Scope::Settings)?;
        keys::rules(self.store().conn())
    }

    /// What tags the match keys this machine derives, when its key could be read (`store::key_tags`).
    pub(crate) fn tag_key(&self) -> Option<crate::store::key_tags::TagKey> {
        self.keys.tag_key().cloned()
    }

    /// Checks a phone country before anything is changed (`none` clears it).
    pub fn check_phone_country(&self, code: &str) -> Result<()> {
        let code = code.trim();
        if code.is_empty() || code.eq_ignore_ascii_case("none") {
            return Ok(());
        }
        Rules::parse_country(code).map(|_| ())
    }

    /// Checks a resume threshold before anything is changed.
    pub fn check_resume_threshold(&self, threshold: f64) -> Result<()> {
        if (resume::MIN_THRESHOLD..=1.0).contains(&threshold) {
            Ok(())
        } else {
            Err(Error::invalid(format!(
                "the resume threshold is between {} and 1 (below {0} near-duplicates can be missed)",
                resume::MIN_THRESHOLD
            )))
        }
    }

    /// Sets (or with `None` clears) the country assumed for phone numbers written without `+`, and
    /// re-derives every phone's match keys under it in the same transaction.
    pub fn set_phone_country(&mut self, code: Option<&str>) -> Result<MatchSettings> {
        self.change_phone_country(code, None)
    }

    /// Gives a workspace whose phone country was never set or cleared (no `settings.phone-country` row in
    /// its audit trail) the config file's `default_country`, through the same audited change as
    /// `org set --phone-country`, and says so in a notice. A workspace that has decided its country keeps
    /// it; a read-only one is left as it is.
    pub fn adopt_phone_country(&mut self, code: &str) -> Result<()> {
        if self.is_read_only()
            || self.match_settings()?.phone_country.is_some()
            || audit::any_of_action(self.store().conn(), "settings.phone-country")?
        {
            return Ok(());
        }
        let settings = self.change_phone_country(Some(code), Some("config default_country"))?;
        if let Some(country) = settings.phone_country {
            self.notices.push(format!(
                "phone numbers written without + are now read as {country} in this workspace (default_country in \
                 the config file; org set --phone-country changes it)"
            ));
        }
        Ok(())
    }

    fn change_phone_country(&mut self, code: Option<&str>, source: Option<&str>) -> Result<MatchSettings> {
        let country = code.map(Rules::parse_country).transpose()?;
        let before = self.match_settings()?;
        if before.phone_country == country {
            return Ok(before);
        }
        let rules = Rules { phone_country: country.clone() };
        let tag_key = self.tag_key();
        // Re-keying derives every phone's key afresh: one edited behind vetdesk's back would be erased with
        // its trace, so the change is refused while one does not follow from its value.
        let trust = tag_key.as_ref().map_or(keys::Tags::Ignore, keys::Tags::Trust);
        let edited = keys::drift_trusting(self.store().conn(), &self.rules()?, &[IdentifierKind::Phone], trust)?;
        if let Some((id, ..)) = edited.identifiers.first() {
            return Err(Error::invalid(format!(
                "the match key of identifier {id} was changed behind vetdesk's back; nothing was written. Run \
                 `vetdesk audit verify` and restore the workspace from a copy you trust"
            )));
        }
        let skipped = self.change_sealing("settings.phone-country", None, &[Scope::Settings], |tx, _| {
            settings::put(tx, "phone_country", country.as_deref())?;
            let done = keys::rederive(tx, &rules, &[IdentifierKind::Phone], tag_key.as_ref())?;
            let mut details = json!({
                "from": before.phone_country, "to": country, "phones_rekeyed": done.identifiers,
                "roster_phones_rekeyed": done.roster_values, "list_phones_rekeyed": done.list_entries,
            });
            if !done.roster_skipped.is_empty() {
                details["roster_snapshots_skipped"] = json!(done.roster_skipped);
            }
            if !done.lists_skipped.is_empty() {
                details["lists_skipped"] = json!(done.lists_skipped);
            }
            if let Some(source) = source {
                details["source"] = json!(source);
            }
            let scopes = std::iter::once(Scope::Settings).chain(done.resealed_scopes()).collect();
            Ok(((done.roster_skipped, done.lists_skipped), details, scopes))
        })?;
        self.note_skipped("roster snapshots", "roster", &skipped.0);
        self.note_skipped("reference lists", "list", &skipped.1);
        self.match_settings()
    }

    /// Sets the resume similarity threshold (between [`resume::MIN_THRESHOLD`] and 1).
    pub fn set_resume_threshold(&mut self, threshold: f64) -> Result<MatchSettings> {
        self.check_resume_threshold(threshold)?;
        let before = self.match_settings()?.resume_threshold;
        if before == threshold {
            return self.match_settings();
        }
        self.change_touching("settings.resume-threshold", None, vec![Scope::Settings], |tx, _| {
            settings::put(tx, "resume_threshold", Some(&threshold.to_string()))?;
            Ok(((), json!({ "from": before, "to": threshold })))
        })?;
        self.match_settings()
    }

    /// Re-derives stored match keys when they were derived under other rules than this vetdesk's (an
    /// upgrade), in one transaction with its audit row; a pass that changes no key (a new workspace) only
    /// records the rules version. A read-only workspace is left as it is.
    pub(crate) fn refresh_match_keys(&mut self) -> Result<()> {
        if let Some(newer) = keys::newer_rules(self.store().conn())? {
            return Err(Error::invalid(format!(
                "this workspace's match keys were derived by a newer vetdesk (match rules {newer}; this vetdesk has \
                 {}): use that vetdesk or a newer one, which reads some values better than this one would",
                keys::MATCH_RULES
            )));
        }
        if !keys::stale(self.store().conn())? {
            return Ok(());
        }
        // A copy put back behind this machine's recorded head is left as it is until `audit restored`; a
        // workspace on a read-only file, until it can be written. Either is matched with the keys it holds.
        let until = if self.is_read_only() {
            Some("it can be written")
        } else if self.head_record_check()?.is_bad() {
            Some("the copy put back is accepted with `vetdesk audit restored`")
        } else {
            None
        };
        if let Some(until) = until {
            let conn = self.store().conn();
            let recorded = settings::get(conn, "match_rules")?;
            let holds_keys: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM identifier) OR EXISTS (SELECT 1 FROM payment)",
                [],
                |r| r.get(0),
            )?;
            if holds_keys {
                self.notices.push(format!(
                    "this workspace's match keys were derived under {}, not under this vetdesk's rules ({}): links, \
                     clusters and list matches may miss values these rules would match, until vetdesk derives them \
                     again, which it does once {until}",
                    recorded.map_or_else(|| "older rules".to_string(), |r| format!("rules {r}")),
                    keys::MATCH_RULES
                ));
            }
            return Ok(());
        }
        // Read without the settings' seal check of `rules()`: a new workspace's settings are sealed after.
        let rules = keys::rules(self.store().conn())?;
        // The workspace was keyed under these very rules already, so the version it records was set back
        // behind vetdesk's back (it is no sealed setting): put it back and re-key nothing, so that a key edited
        // meanwhile stays for `audit verify` to name. Keys this machine tagged under them show it; so does its
        // head record naming them, with every tag cleared (an older vetdesk's head record names no rules).
        let tagged = match self.keys.tag_key() {
            Some(key) => keys::tagged_under(self.store().conn(), key, &rules)?,
            None => false,
        };
        let shown_by = if tagged {
            Some("its keys are tagged under")
        } else if self.keyed_here_under_current_rules()? {
            Some("this machine last wrote it under")
        } else {
            None
        };
        if let Some(shown_by) = shown_by {
            // Put back in an audited change, so that the trail keeps what was found: `audit verify` walks
            // the keys, not the settings' history, and would find nothing of it afterwards.
            let found = settings::get(self.store().conn(), "match_rules")?;
            let details = json!({ "found": found, "put_back": keys::MATCH_RULES, "shown_by": shown_by });
            let put = self.change("workspace.rules-put-back", None, |tx, _| {
                settings::put(tx, "match_rules", Some(keys::MATCH_RULES))?;
                Ok(((), details))
            });
            let done = match put {
                Ok(()) => "it was put back (audited as workspace.rules-put-back)".to_string(),
                Err(e) => format!("it could not be put back ({e})"),
            };
            self.notices.push(format!(
                "the match rules version this workspace records was changed behind vetdesk's back ({shown_by} {}); \
                 {done} and no key was derived again. Run `vetdesk audit verify`",
                keys::MATCH_RULES
            ));
            return Ok(());
        }
        // A workspace that recorded rules before is upgraded: that takes a while on a large one, so say so.
        let recorded = settings::get(self.store().conn(), "match_rules")?;
        if recorded.is_some() {
            keys::announce_rekey(recorded.as_deref());
        }
        let now = self.now();
        let actor = self.actor().to_string();
        let (store, signer) = self.store_and_signer()?;
        let done = store.write(|tx| {
            let done = keys::rederive(tx, &rules, &[], signer.tag_key())?;
            if done != keys::Rekeyed::default() {
                let mut details = json!({
                    "rules": keys::MATCH_RULES, "identifiers": done.identifiers, "payments": done.payments,
                    "roster_values": done.roster_values, "roster_snapshots": done.roster_snapshots,
                    "list_entries": done.list_entries, "lists": done.lists,
                });
                if !done.roster_skipped.is_empty() {
                    details["roster_snapshots_skipped"] = json!(done.roster_skipped);
                }
                if !done.lists_skipped.is_empty() {
                    details["lists_skipped"] = json!(done.lists_skipped);
                }
                let entry =
                    Entry { at: &now, actor: &actor, action: "workspace.rekey", case_id: None, details: &details };
                // The roster snapshots and lists re-keyed are resealed by this row (their seals hash their keys).
                audit::append(tx, signer, &entry, &done.resealed_scopes())?;
            }
            Ok(done)
        })?;
        if done != keys::Rekeyed::default() {
            self.remember_head();
        }
        self.note_skipped("roster snapshots", "roster", &done.roster_skipped);
        self.note_skipped("reference lists", "list", &done.lists_skipped);
        Ok(())
    }

    /// Says which records of `what` (scopes named `scope:ID`) kept keys derived under other rules because
    /// they were changed behind vetdesk's back.
    fn note_skipped(&mut self, what: &str, scope: &str, skipped: &[i64]) {
        if !skipped.is_empty() {
            let list = skipped.iter().map(|id| format!("{scope}:{id}")).collect::<Vec<_>>().join(", ");
            self.notices.push(format!(
                "{what} {list} were changed behind vetdesk's back, so their match keys were not brought up to \
                 date; run `vetdesk audit verify` and restore the workspace from a copy you trust"
            ));
        }
    }
}
