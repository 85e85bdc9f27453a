//! Encrypted workspaces: opening one with its passphrase, and `encrypt`, `decrypt` and `rekey`, each
//! audited (the audit rows name what was done, never the passphrase).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::json;

use super::Workspace;
use crate::signing::{Keyring, Record, RecordedHead};
use crate::store::audit::{self, Entry};
use crate::store::swap::{self, Direction};
use crate::store::{Passphrase, Store};
use crate::{Error, Result};

/// What `encrypt` or `decrypt` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// The workspace, now encrypted (or plain).
    pub path: PathBuf,
    /// The original's second name during the swap; overwritten with zeros and deleted.
    pub old: PathBuf,
    /// Bytes of the original overwritten.
    pub old_bytes: u64,
    pub tables: usize,
    pub rows: i64,
}

impl Workspace {
    /// [`Workspace::open`] with the passphrase of an encrypted workspace (`None`: a plain one). A missing
    /// or empty file opened with a passphrase becomes a new encrypted workspace.
    pub fn open_keyed(path: &Path, actor: &str, keys: Keyring, key: Option<Passphrase>) -> Result<Workspace> {
        Self::with_store(Store::open_keyed(path, key.map(Arc::new))?, actor, keys)
    }

    /// Whether the workspace is encrypted (SQLCipher).
    pub fn is_encrypted(&self) -> bool {
        self.store.key().is_some()
    }

    /// Turns this plain workspace into one encrypted with `key`. See [`Workspace::decrypt`].
    pub fn encrypt(self, key: Passphrase) -> Result<Converted> {
        if self.is_encrypted() {
            return Err(Error::invalid("the workspace is already encrypted; `vetdesk rekey` changes its passphrase"));
        }
        self.convert(Direction::Encrypt, Some(key))
    }

    /// Turns this encrypted workspace into a plain one. The copy is written beside the workspace (mode
    /// 0600), reopened and checked (SQLite's integrity check, the same rows in every table, the same audit
    /// chain head), given its audit row, and only then swapped in; the original is then overwritten with
    /// zeros and deleted (see [`crate::store::swap`]). On any failure before the swap, the copy is removed
    /// and the workspace is left as it was.
    pub fn decrypt(self) -> Result<Converted> {
        if !self.is_encrypted() {
            return Err(Error::invalid("the workspace is not encrypted"));
        }
        self.convert(Direction::Decrypt, None)
    }

    fn convert(self, direction: Direction, key: Option<Passphrase>) -> Result<Converted> {
        let path =
            self.path().ok_or_else(|| Error::invalid("a workspace in memory has no file to convert"))?.to_path_buf();
        if self.is_read_only() {
            return Err(Error::Workspace { path, reason: "is read-only; nothing was changed".into() });
        }
        // As for any change: an older copy put back, or a trail whose guards are gone, is not converted (and
        // signed) until `audit restored` accepts it.
        self.check_head_kept()?;
        // The swap renames the copy over the name given: through a symbolic link it would replace the link
        // and leave the workspace it points to behind, zeroed.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            let target = std::fs::canonicalize(&path).map(|t| crate::text::display_path(&t)).unwrap_or_default();
            return Err(Error::Workspace {
                path,
                reason: format!("is a symbolic link; give the workspace's own path ({target}); nothing was changed"),
            });
        }
        // The old file is overwritten with zeros after the swap: a file with other names (hard links, as
        // snapshot tools make) would be zeroed under them too, a backup lost, or keep the plain data there.
        let names = std::fs::metadata(&path).map_or(1, |m| std::os::unix::fs::MetadataExt::nlink(&m));
        if names > 1 {
            return Err(Error::Workspace {
                path,
                reason: format!(
                    "has {} other name{} (hard links, as a backup or snapshot tool makes): {} overwrites the \
                     old file with zeros, which would reach {} too; nothing was changed. Copy the workspace to a \
                     file of its own (cp, not cp -l) and convert that",
                    names - 1,
                    if names == 2 { "" } else { "s" },
                    direction.command(),
                    if names == 2 { "it" } else { "them" }
                ),
            });
        }
        // Another vetdesk that opens the workspace from here on is told a conversion is running (see
        // `swap::Hold`); one that opened it before keeps `hold_exclusively` from taking it.
        let mut hold = swap::Hold::take(&path)
            .map_err(|e| Error::Workspace { path: path.clone(), reason: format!("cannot be locked: {e}") })?;
        let converted = self.convert_held(&mut hold, &path, direction, key);
        // Only now, with the workspace's connection closed (see `swap::Hold`).
        drop(hold);
        converted
    }

    /// [`Workspace::convert`] under the hold: the workspace is held exclusively from before the copy to
    /// after the swap, so nothing written meanwhile can be lost with the old file. Closes the workspace.
    fn convert_held(
        self,
        hold: &mut swap::Hold,
        path: &Path,
        direction: Direction,
        key: Option<Passphrase>,
    ) -> Result<Converted> {
        let path = path.to_path_buf();
        self.store.hold_exclusively()?;
        let rules = crate::store::settings::get(self.store.conn(), "match_rules")?;
        let copy = direction.copy_path(&path);
        let key = key.map(Arc::new);
        let checked = hold
            .create_copy(direction, &copy)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => {
                    Error::Workspace { path: path.clone(), reason: format!("was not converted: {e}") }
                }
                _ => Error::File { path: copy.clone(), reason: format!("cannot create: {e}") },
            })
            .and_then(|()| self.write_copy(&copy, direction, key.clone()));
        let (head, tables, rows) = match checked {
            Ok(done) => done,
            Err(e) => {
                hold.abandon();
                let _ = self.store.share_again();
                return Err(e);
            }
        };
        let old = direction.old_path(&path);
        let old_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        // Swapped while the workspace's connection still holds it: another process waiting for it gets it
        // once its bytes are zeros, which SQLite refuses as not a database, instead of writing into the
        // old file where the write would be lost.
        let swapped = swap::swap_in(&path, &copy, &old).map_err(|e| {
            let reason = if path.exists() && !copy.exists() {
                format!(
                    "the new workspace is in place, but {} could not be overwritten and deleted ({e}); vetdesk \
                     finishes it the next time it opens the workspace",
                    crate::text::display_path(&old)
                )
            } else {
                hold.abandon();
                let _ = self.store.share_again();
                format!("could not swap the checked copy in ({e}); the workspace was not changed")
            };
            Error::Workspace { path: path.clone(), reason }
        });
        let Workspace { store, keys, workspace_id, clock, .. } = self;
        drop(store);
        swapped?;
        if let Some(head) = head {
            let _ = keys.record(
                &workspace_id,
                Record::Head,
                &RecordedHead { rows: head.rows, hash: head.hash, at: clock.now(), rules, foreign: 0 },
            );
        }
        Ok(Converted { path, old, old_bytes, tables, rows })
    }

    /// Writes the copy, checks it against this workspace and appends the audit row to it; returns the
    /// copy's chain head and its table and row counts.
    fn write_copy(
        &self,
        copy: &Path,
        direction: Direction,
        key: Option<Arc<Passphrase>>,
    ) -> Result<(Option<audit::ChainHead>, usize, i64)> {
        self.store.export_to(copy, key.as_deref())?;
        let mut written = Store::open_keyed(copy, key)?;
        // The copy stays in a rollback journal until it is swapped in: a -wal file would not follow it.
        written.leave_wal()?;
        written.check_integrity()?;
        let counts = self.store.row_counts()?;
        if written.row_counts()? != counts {
            return Err(Error::invalid("the copy does not hold the same rows as the workspace; nothing was changed"));
        }
        let head = audit::head(self.store.conn())?;
        let copied = audit::head(written.conn())?;
        if head.as_ref().map(|h| (h.rows, &h.hash)) != copied.as_ref().map(|h| (h.rows, &h.hash)) {
            return Err(Error::invalid("the copy's audit chain differs from the workspace's; nothing was changed"));
        }
        let cipher: String = written.conn().query_row("PRAGMA cipher_version", [], |r| r.get(0)).unwrap_or_default();
        let action = if direction == Direction::Encrypt { "workspace.encrypt" } else { "workspace.decrypt" };
        let details = json!({
            "file": if direction == Direction::Encrypt { "encrypted" } else { "plain" },
            "cipher": if direction == Direction::Encrypt { json!(format!("SQLCipher {cipher}")) } else { json!(null) },
            "tables": counts.len(),
            "rows": counts.iter().map(|c| c.1).sum::<i64>(),
            "old_file": "overwritten with zeros and deleted",
        });
        let now = self.clock.now();
        let signer = self.keys.signer();
        written.write(|tx| {
            let entry = Entry { at: &now, actor: &self.actor, action, case_id: None, details: &details };
            audit::append(tx, signer?, &entry, &[])?;
            Ok(())
        })?;
        let head = audit::head(written.conn())?;
        Ok((head, counts.len(), counts.iter().map(|c| c.1).sum()))
    }

    /// Records that this workspace was created encrypted (`vetdesk init --encrypt`).
    pub fn record_encrypted_creation(&mut self) -> Result<()> {
        let cipher: String = self.store.conn().query_row("PRAGMA cipher_version", [], |r| r.get(0))?;
        self.change("workspace.init", None, |_, _| {
            Ok(((), json!({ "file": "encrypted", "cipher": format!("SQLCipher {cipher}") })))
        })
    }

    /// Changes the passphrase of this encrypted workspace (SQLCipher re-encrypts every page in one
    /// transaction), then records `workspace.rekey`.
    pub fn rekey(&mut self, new: Passphrase) -> Result<()> {
        if !self.is_encrypted() {
            return Err(Error::invalid("the workspace is not encrypted; `vetdesk encrypt` encrypts it"));
        }
        if self.is_read_only() {
            return Err(Error::invalid("the workspace is read-only; nothing was changed"));
        }
        if self.store.key().is_some_and(|old| old.same_text(&new)) {
            return Err(Error::invalid("that is the passphrase the workspace has; nothing was changed"));
        }
        // Its audit row is written after the passphrase has changed: whatever would refuse that row (a
        // trail found broken, an older copy put back) refuses the change before anything is rekeyed.
        self.check_head_kept()?;
        self.store.leave_wal()?;
        let rekeyed = self.store.rekey(new);
        self.store.resume_wal()?;
        rekeyed?;
        self.change("workspace.rekey", None, |_, _| Ok(((), json!({ "passphrase": "changed" }))))
    }
}
