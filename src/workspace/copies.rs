//! Copies of one case held side by side: a case handed back after a hand-over arrives beside the
//! original, and a later bundle of a case whose local copy changed arrives beside that copy. Copies hold
//! the same values because they are the same case, so what they share is never a link between cases.

use std::collections::HashMap;

use super::Workspace;
use super::disjoint::DisjointSets;
use crate::Result;
use crate::store::{bundle as rows_of, cases};

/// The groups of cases in this workspace that are copies of one case, as far as their provenance shows.
#[derive(Debug, Default)]
pub struct Copies {
    /// Each case in a group of two or more, with the group's lowest case id.
    first: HashMap<i64, i64>,
}

impl Copies {
    /// Whether `a` and `b` are copies of one case.
    pub fn same(&self, a: i64, b: i64) -> bool {
        a != b && self.first.get(&a).is_some_and(|f| self.first.get(&b) == Some(f))
    }

    /// The case that stands for `case` and its copies: the lowest id among them.
    pub fn first(&self, case: i64) -> i64 {
        self.first.get(&case).copied().unwrap_or(case)
    }

    /// Whether `case` has a copy here.
    pub fn has(&self, case: i64) -> bool {
        self.first.contains_key(&case)
    }

    /// The copies of `case` here, other than itself, lowest id first.
    pub fn of(&self, case: i64) -> Vec<i64> {
        let mut out: Vec<i64> = self.first.keys().copied().filter(|&other| self.same(case, other)).collect();
        out.sort_unstable();
        out
    }

    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }
}

impl Workspace {
    /// The cases here that are copies of one case: those that came in bundles from one origin case, and
    /// a case of this workspace with those that came back from it.
    pub fn copies(&self) -> Result<Copies> {
        let conn = self.store().conn();
        let mut groups: HashMap<(String, i64), Vec<i64>> = HashMap::new();
        // Cases that came from one case, or from two of its copies one hand-over apart, are copies of one
        // case: each joins the group of its origin and that of its origin's origin.
        for (case_id, origins) in rows_of::lineages(conn)? {
            for origin in origins {
                let members = groups.entry(origin).or_default();
                if !members.contains(&case_id) {
                    members.push(case_id);
                }
            }
        }
        // A case of this workspace may itself have come in a bundle: its group and its copies' join.
        let mut sets = DisjointSets::default();
        for ((workspace, case), mut members) in groups {
            if workspace == self.workspace_id && cases::exists(conn, case).is_ok() {
                members.push(case);
            }
            for pair in members.windows(2) {
                sets.union(pair[0], pair[1]);
            }
        }
        let mut first = HashMap::new();
        for (_, members) in sets.members() {
            for &m in &members {
                first.insert(m, members[0]);
            }
        }
        Ok(Copies { first })
    }
}
