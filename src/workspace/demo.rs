//! Access for `crate::demo`, which writes many cases per transaction instead of one operation each.

use super::Workspace;
use crate::store::Store;

impl Workspace {
    /// The store, for bulk writes; the caller appends the audit rows in the same transaction.
    pub(crate) fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}
