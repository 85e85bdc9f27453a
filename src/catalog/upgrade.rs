//! Moving a case from one catalog version to the next: which code each earlier code becomes, which
//! items are new, and which earlier items have no successor in the case checklist.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Catalog;

/// How the codes of one catalog version map onto the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub from: String,
    pub to: String,
    /// Earlier code → the code its mark moves to, for every earlier code that has a successor.
    pub successors: BTreeMap<String, String>,
    /// Earlier codes with no successor among the case items, each with the organisation control that
    /// took it over, if one did.
    pub retired: Vec<Retired>,
    /// Codes of the later version that no earlier item leads to.
    pub new: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retired {
    pub code: String,
    pub control: Option<String>,
}

impl Plan {
    /// Earlier codes whose mark moves to a different code.
    pub fn renamed(&self) -> impl Iterator<Item = (&str, &str)> {
        self.successors.iter().filter(|(a, b)| a != b).map(|(a, b)| (a.as_str(), b.as_str()))
    }
}

/// Works out the mapping from `from` to `to`. An item of `to` takes the marks of the codes it lists in
/// `replaces`; an earlier code kept in `to` and replaced by no item maps to itself.
pub fn plan(from: &Catalog, to: &Catalog) -> crate::Result<Plan> {
    let mut successors = BTreeMap::new();
    for item in &to.items {
        for old in &item.replaces {
            if from.item(old).is_none() {
                return Err(crate::Error::Catalog(format!(
                    "{} replaces {old}, which {} does not have",
                    item.code, from.version
                )));
            }
            if let Some(other) = successors.insert(old.clone(), item.code.clone()) {
                return Err(crate::Error::Catalog(format!("{old} is replaced by both {other} and {}", item.code)));
            }
        }
    }
    for item in &from.items {
        if to.item(&item.code).is_some() {
            if let Some(other) = successors.get(&item.code).filter(|o| **o != item.code) {
                return Err(crate::Error::Catalog(format!("{} is kept and also replaced by {other}", item.code)));
            }
            successors.insert(item.code.clone(), item.code.clone());
        }
    }
    let retired = from
        .items
        .iter()
        .filter(|i| !successors.contains_key(&i.code))
        .map(|i| Retired {
            code: i.code.clone(),
            control: to.controls.iter().find(|c| c.replaces.contains(&i.code)).map(|c| c.code.clone()),
        })
        .collect();
    let reached: std::collections::HashSet<&str> = successors.values().map(String::as_str).collect();
    let new = to.items.iter().filter(|i| !reached.contains(i.code.as_str())).map(|i| i.code.clone()).collect();
    Ok(Plan { from: from.version.clone(), to: to.version.clone(), successors, retired, new })
}
