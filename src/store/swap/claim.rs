//! The claim a running `encrypt` or `decrypt` keeps beside the workspace (`NAME.converting`): which way it
//! goes, and which files are the original and the copy. Recovery touches only the files a claim names.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::{Direction, open_to_lock, suffixed};

/// The claim a running conversion keeps beside the workspace at `path` (see the module's documentation).
pub fn claim_path(path: &Path) -> PathBuf {
    suffixed(path, ".converting")
}

/// A file's identity on this machine: its device, its inode, and when it was made (nanoseconds since 1970,
/// 0 where the file system does not keep it), since a deleted file's inode number is soon given to the
/// next file made.
pub(super) type FileId = (u64, u64, u128);

pub(super) fn file_id(meta: &std::fs::Metadata) -> FileId {
    let born = meta.created().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    (meta.dev(), meta.ino(), born.map_or(0, |d| d.as_nanos()))
}

/// What a claim records: the direction, the original workspace file and the copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Claim {
    pub(super) direction: Direction,
    pub(super) original: FileId,
    pub(super) copy: FileId,
}

const CLAIM_HEADER: &str = "vetdesk conversion 1";

impl Claim {
    pub(super) fn text(&self) -> String {
        let (original, copy) = (self.original, self.copy);
        format!(
            "{CLAIM_HEADER}\n{}\noriginal {} {} {}\ncopy {} {} {}\n",
            self.direction.word(),
            original.0,
            original.1,
            original.2,
            copy.0,
            copy.1,
            copy.2
        )
    }

    /// The claim at `file`, when it is one (read at most 4 KiB); `None` for anything else.
    pub(super) fn read(file: &Path) -> Option<Claim> {
        use std::io::Read;
        let mut text = String::new();
        open_to_lock(file).ok()?.take(4096).read_to_string(&mut text).ok()?;
        let mut lines = text.lines();
        if lines.next()? != CLAIM_HEADER {
            return None;
        }
        let direction = match lines.next()? {
            "encrypt" => Direction::Encrypt,
            "decrypt" => Direction::Decrypt,
            _ => return None,
        };
        let mut id = |label: &str| -> Option<FileId> {
            let mut words = lines.next()?.strip_prefix(label)?.split(' ');
            let id = (words.next()?.parse().ok()?, words.next()?.parse().ok()?, words.next()?.parse().ok()?);
            words.next().is_none().then_some(id)
        };
        let (original, copy) = (id("original ")?, id("copy ")?);
        lines.next().is_none().then_some(Claim { direction, original, copy })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_reads_back_and_nothing_else_is_one() {
        let claim = Claim { direction: Direction::Decrypt, original: (64769, 12, 0), copy: (64769, 13, 1_796_609_632) };
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c");
        std::fs::write(&file, claim.text()).unwrap();
        assert_eq!(Claim::read(&file), Some(claim));
        for text in ["", "vetdesk conversion 1\ndecrypt\noriginal 1 2 3\n", "{}", "vetdesk conversion 1\nx\n"] {
            std::fs::write(&file, text).unwrap();
            assert_eq!(Claim::read(&file), None, "{text:?}");
        }
        std::fs::write(&file, format!("{}extra\n", claim.text())).unwrap();
        assert_eq!(Claim::read(&file), None);
    }
}
