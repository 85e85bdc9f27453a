//! Access for `crate::demo`, which writes many cases per transaction instead of one operation each.

use super::Workspace;
use crate::signing::Signer;
use crate::store::Store;

impl Workspace {
    /// The store for bulk writes, and the key that signs their audit rows; the caller appends the audit
    /// rows in the same transaction, then calls [`Workspace::remember_head`].
    pub(crate) fn store_and_signer(&mut self) -> crate::Result<(&mut Store, &Signer)> {
        Ok((&mut self.store, self.keys.signer()?))
    }
}
