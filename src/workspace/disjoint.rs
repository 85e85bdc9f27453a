//! Union-find over case ids, which gathers linked cases into clusters.

use std::collections::{BTreeMap, HashMap};

/// Union-find over case ids.
#[derive(Default)]
pub(super) struct DisjointSets {
    parent: HashMap<i64, i64>,
}

impl DisjointSets {
    pub(super) fn find(&mut self, x: i64) -> i64 {
        let mut root = x;
        while let Some(&p) = self.parent.get(&root) {
            if p == root {
                break;
            }
            root = p;
        }
        let mut at = x;
        while at != root {
            let next = self.parent.get(&at).copied().unwrap_or(root);
            self.parent.insert(at, root);
            at = next;
        }
        root
    }

    pub(super) fn union(&mut self, a: i64, b: i64) {
        self.parent.entry(a).or_insert(a);
        self.parent.entry(b).or_insert(b);
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (keep, join) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent.insert(join, keep);
        }
    }

    /// Each set's root with its members, smallest id first.
    pub(super) fn members(&mut self) -> Vec<(i64, Vec<i64>)> {
        let ids: Vec<i64> = self.parent.keys().copied().collect();
        let mut sets: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for id in ids {
            let root = self.find(id);
            sets.entry(root).or_default().push(id);
        }
        sets.into_iter()
            .map(|(root, mut ids)| {
                ids.sort_unstable();
                (root, ids)
            })
            .collect()
    }
}
