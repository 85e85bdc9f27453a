//! The organization's details: the complainant block of every summary.

use serde_json::{Value, json};

use super::Workspace;
use crate::domain::Organization;
use crate::store::organization;
use crate::store::seal::Scope;
use crate::{Error, Result};

impl Workspace {
    pub fn organization(&self) -> Result<Organization> {
        organization::get(self.store.conn())
    }

    /// Whether every field of `fields` already holds its value, so that setting them would change nothing.
    pub fn organization_unchanged(&self, fields: &[(String, String)]) -> Result<bool> {
        let mut org = self.organization()?;
        Ok(fields.iter().all(|(name, value)| org.field_mut(name).is_some_and(|slot| slot == value.trim())))
    }

    /// Sets named organization fields (see [`Organization::FIELDS`]) in one audited change of those whose
    /// value changes; refused when none does, as any other edit that changes nothing is.
    pub fn set_organization(&mut self, fields: &[(String, String)]) -> Result<Organization> {
        self.checked_write(|ws| {
            let mut org = ws.organization()?;
            let mut changed = serde_json::Map::new();
            let mut was = serde_json::Map::new();
            for (name, value) in fields {
                let slot = org.field_mut(name).ok_or_else(|| Error::NotOneOf {
                    what: "organization field",
                    value: name.clone(),
                    expected: Organization::FIELDS.join(", "),
                })?;
                let value = value.trim();
                let label = Organization::label(name);
                // They go into the complainant block of every summary: one line each, and an email address
                // that is one.
                if let Some(problem) = crate::text::field_problem(&format!("the organization's {label}"), value) {
                    return Err(Error::invalid(problem));
                }
                if name.ends_with("email") && !value.is_empty() {
                    let checked = crate::domain::IdentifierKind::Email.check(value);
                    if let Some(why) = checked.as_ref().err().map(ToString::to_string).or_else(|| checked.ok()?.warning)
                    {
                        return Err(Error::invalid(format!(
                            "the organization's {label} {value:?}: {why}; nothing was changed"
                        )));
                    }
                }
                // A field given the value it holds is no change, and goes into no audit row.
                if slot != value {
                    was.insert(name.clone(), json!(slot));
                    *slot = value.to_string();
                    changed.insert(name.clone(), json!(slot));
                }
            }
            if changed.is_empty() {
                return Err(Error::invalid("the organization's details already read that way; nothing was changed"));
            }
            // What each field held before, as a correction keeps it.
            changed.insert("was".into(), Value::Object(was));
            let saved = org.clone();
            ws.change_touching("organization.update", None, vec![Scope::Organization], |tx, now| {
                organization::put(tx, &saved, now)?;
                Ok(((), Value::Object(changed)))
            })?;
            Ok(org)
        })
    }
}
