//! Clusters over the whole workspace: cases tied by strong links, directly or through each other.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Workspace;
use super::disjoint::DisjointSets;
use super::links::{Cluster, ClusterCase, ResumePair, SharedValue, exact_is_strong};
use crate::Result;
use crate::store::links as lookups;
use crate::store::{cases, resumes};

/// How many cases a writer of clusters titles at a time ([`Workspace::titled`]).
pub const TITLES_AT_ONCE: usize = 512;

impl Workspace {
    /// Clusters of cases tied by strong links (shared values, accounts with their routing number) and
    /// near-duplicate resumes, largest first. Weak links and list matches do not join cases, and archived
    /// cases are left out.
    pub fn clusters(&self) -> Result<Vec<Cluster>> {
        self.clusters_with(false)
    }

    /// [`Self::clusters`], archived cases included when `with_archived` (`links --all --include-archived`).
    pub fn clusters_with(&self, with_archived: bool) -> Result<Vec<Cluster>> {
        let mut clusters = self.untitled_clusters(with_archived)?;
        for c in &mut clusters {
            c.cases = self.titled(&c.cases)?;
        }
        Ok(clusters)
    }

    /// `cases` with their titles, and which are archived. A writer hands it [`TITLES_AT_ONCE`] cases at a
    /// time, so that it never holds the titles of a whole cluster (at a million demo cases one cluster
    /// holds them all).
    pub fn titled(&self, cases: &[ClusterCase]) -> Result<Vec<ClusterCase>> {
        let mut titles = lookups::titles_and_shelves(self.store().conn(), cases.iter().map(|x| x.id))?;
        Ok(cases
            .iter()
            .map(|x| {
                let (title, archived) = titles.remove(&x.id).unwrap_or_default();
                ClusterCase { id: x.id, title, archived }
            })
            .collect())
    }

    /// [`Self::clusters_with`] with the case titles left empty, for a caller that writes the clusters out
    /// one by one and titles their cases a few at a time as it goes ([`Self::titled`]), so that the titles
    /// of every linked case are never held at once.
    pub fn untitled_clusters(&self, with_archived: bool) -> Result<Vec<Cluster>> {
        let conn = self.store().conn();
        let mut shared: Vec<SharedValue> = Vec::new();
        // The holders of one match group's key arrive one after another (`scan_keys`), so each shared
        // value is gathered as its rows pass, and a key is kept only once two cases are found to share it.
        let mut current: Option<(&'static str, String)> = None;
        let mut holders: Vec<i64> = Vec::new();
        // Copies of one case count as that case once: they share its values because they are it.
        let copies = self.copies()?;
        let mut flush = |current: &Option<(&'static str, String)>, holders: &mut Vec<i64>| {
            if let Some((group, key)) = current {
                holders.sort_unstable();
                holders.dedup();
                if holders.len() > 1 {
                    shared.push(SharedValue {
                        group: group.to_string(),
                        key: key.clone(),
                        cases: std::mem::take(holders),
                    });
                }
            }
            holders.clear();
        };
        lookups::scan_keys(conn, with_archived, |kind, key, case_id| {
            if !exact_is_strong(kind, key) {
                return;
            }
            let group = kind.match_group();
            if current.as_ref().is_none_or(|(g, v)| *g != group || v != key) {
                flush(&current, &mut holders);
                current = Some((group, key.to_string()));
            }
            holders.push(copies.first(case_id));
        })?;
        flush(&current, &mut holders);
        let archived = if with_archived { HashSet::new() } else { cases::archived_ids(conn)? };
        let mut pairs = self.resume_pairs()?;
        pairs.retain(|p| !archived.contains(&p.cases.0) && !archived.contains(&p.cases.1));
        for p in &mut pairs {
            p.cases = (copies.first(p.cases.0), copies.first(p.cases.1));
        }
        pairs.retain(|p| p.cases.0 != p.cases.1);

        let mut sets = DisjointSets::default();
        for s in &shared {
            for c in &s.cases[1..] {
                sets.union(s.cases[0], *c);
            }
        }
        for p in &pairs {
            sets.union(p.cases.0, p.cases.1);
        }
        let mut by_root: BTreeMap<i64, Cluster> = BTreeMap::new();
        let members = sets.members();
        for (root, ids) in &members {
            by_root.insert(
                *root,
                Cluster {
                    cases: ids
                        .iter()
                        .map(|id| ClusterCase { id: *id, title: String::new(), archived: false })
                        .collect(),
                    shared: Vec::new(),
                    resumes: Vec::new(),
                },
            );
        }
        for s in shared {
            let root = sets.find(s.cases[0]);
            if let Some(c) = by_root.get_mut(&root) {
                c.shared.push(s);
            }
        }
        for p in pairs {
            let root = sets.find(p.cases.0);
            if let Some(c) = by_root.get_mut(&root) {
                c.resumes.push(p);
            }
        }
        let mut clusters: Vec<Cluster> = by_root.into_values().collect();
        clusters.sort_by(|a, b| b.cases.len().cmp(&a.cases.len()).then(a.cases[0].id.cmp(&b.cases[0].id)));
        Ok(clusters)
    }

    /// Near-duplicate resumes of different cases, over the whole workspace.
    fn resume_pairs(&self) -> Result<Vec<ResumePair>> {
        let conn = self.store().conn();
        let threshold = self.match_settings()?.resume_threshold;
        let candidates = resumes::candidate_pairs(conn)?;
        if candidates.is_empty() {
            return Ok(Vec::new());
        }
        let prints: HashMap<i64, resumes::Print> =
            resumes::all(conn)?.into_iter().map(|p| (p.evidence_id, p)).collect();
        let mut out = Vec::new();
        for (a, b) in candidates {
            let (Some(pa), Some(pb)) = (prints.get(&a), prints.get(&b)) else { continue };
            if pa.case_id == pb.case_id {
                continue;
            }
            let similarity = pa.fingerprint.similarity(&pb.fingerprint);
            if similarity >= threshold {
                out.push(ResumePair { cases: (pa.case_id, pb.case_id), evidence: (a, b), similarity });
            }
        }
        Ok(out)
    }
}
