//! The row hashes a walk of the chain leaves with this machine ([`Record::Checkpoints`]): one every
//! `audit::CHECKPOINT_ROWS` rows, 32 bytes each, in a file beside the key where a row's place follows
//! from its id, so reading one is one read however long the chain.

use std::fs::{DirBuilder, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, FileExt, OpenOptionsExt};

use super::{Keyring, Record};
use crate::store::audit::hex;
use crate::{Error, Result};

impl Keyring {
    /// Records the hashes of checkpoint rows a walk found holding (`(row, hash)`, one every `every` rows,
    /// in order), each at its place in the workspace's [`Record::Checkpoints`] file, over what was there.
    /// A write torn by a crash leaves a hash that matches no row: the check that reads it walks the whole
    /// chain instead.
    pub fn record_checkpoints(&self, workspace_id: &str, every: i64, rows: &[(i64, [u8; 32])]) -> Result<()> {
        let (Some(path), Some((first, _))) = (self.record_path(workspace_id, Record::Checkpoints), rows.first()) else {
            return Ok(());
        };
        let mut bytes = Vec::with_capacity(rows.len() * 32);
        for (at, (row, hash)) in (*first..).step_by(every as usize).zip(rows) {
            if *row != at || at <= 0 || at % every != 0 {
                return Err(Error::invalid("checkpoint rows out of step"));
            }
            bytes.extend_from_slice(hash);
        }
        DirBuilder::new().recursive(true).mode(0o700).create(path.parent().expect("heads/ id"))?;
        let file = OpenOptions::new().write(true).create(true).truncate(false).mode(0o600).open(&path)?;
        file.write_all_at(&bytes, slot(*first, every))?;
        Ok(())
    }

    /// The hash this machine recorded for checkpoint row `row` (a multiple of `every`), if any.
    pub fn checkpoint(&self, workspace_id: &str, every: i64, row: i64) -> Option<String> {
        if row <= 0 || row % every != 0 {
            return None;
        }
        let path = self.record_path(workspace_id, Record::Checkpoints)?;
        let file = std::fs::File::open(path).ok()?;
        let mut raw = [0u8; 32];
        file.read_exact_at(&mut raw, slot(row, every)).ok()?;
        (raw != [0u8; 32]).then(|| hex(&raw))
    }
}

/// Where checkpoint row `row` (a positive multiple of `every`, which both callers check) is kept in a
/// [`Record::Checkpoints`] file.
fn slot(row: i64, every: i64) -> u64 {
    (row / every - 1).unsigned_abs() * 32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_reads_back_at_its_row_and_nowhere_else() {
        let dir = tempfile::tempdir().unwrap();
        let ring = Keyring::open(dir.path());
        let hash = |n: u8| hex(&[n; 32]);
        assert_eq!(ring.checkpoint("ab12", 4, 4), None, "nothing recorded yet");
        ring.record_checkpoints("ab12", 4, &[(4, [1; 32]), (8, [2; 32])]).unwrap();
        // A later walk adds the rows after, leaving a gap where it walked nothing.
        ring.record_checkpoints("ab12", 4, &[(16, [4; 32])]).unwrap();
        assert_eq!(ring.checkpoint("ab12", 4, 4), Some(hash(1)));
        assert_eq!(ring.checkpoint("ab12", 4, 8), Some(hash(2)));
        assert_eq!(ring.checkpoint("ab12", 4, 12), None, "the gap");
        assert_eq!(ring.checkpoint("ab12", 4, 16), Some(hash(4)));
        assert_eq!(ring.checkpoint("ab12", 4, 20), None, "past the end");
        assert_eq!(ring.checkpoint("ab12", 4, 6), None, "not a checkpoint row");
        assert_eq!(ring.checkpoint("cd34", 4, 4), None, "another workspace");
        // Rows out of step are refused, not written at the wrong place.
        assert!(ring.record_checkpoints("ab12", 4, &[(4, [1; 32]), (12, [3; 32])]).is_err());
        assert!(ring.record_checkpoints("ab12", 4, &[(6, [1; 32])]).is_err());
        assert!(ring.record_checkpoints("ab12", 4, &[(0, [9; 32])]).is_err(), "no row 0");
        assert_eq!(ring.checkpoint("ab12", 4, 4), Some(hash(1)), "unchanged by a refused write");
        ring.forget("ab12");
        assert_eq!(ring.checkpoint("ab12", 4, 4), None, "forgotten with the heads");
    }
}
