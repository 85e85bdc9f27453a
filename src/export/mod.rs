//! Writing exports: readable only by their owner, and atomic, so a half-written report never replaces
//! a whole one. A target that is not a regular file (a symlink, a device, a FIFO, a folder) is refused
//! and left as it was: writing "through" it could land anywhere or block.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use crate::report::load::{CaseData, Text, redact};
use crate::workspace::ChecklistEntry;
use crate::{Error, Result, Workspace};

mod ids;
pub mod list;
pub mod misp;
pub mod stix;

/// Refuses to let case `case_id` leave the workspace while its record does not hold (a record or the
/// audit chain edited behind vetdesk's back): what is handed on would carry the edit as if recorded.
pub(crate) fn leaves_as_recorded(case_id: i64, check: &crate::report::RecordCheck) -> Result<()> {
    if check.holds {
        return Ok(());
    }
    Err(crate::Error::invalid(format!(
        "case #{case_id} is not exported: its record does not hold ({}); run `vetdesk audit verify` for the details",
        check.line.trim_end_matches('.')
    )))
}

/// A case as it leaves for another platform: read once, redacted first when asked.
pub struct Shared {
    pub(crate) data: CaseData,
    pub(crate) redacted: bool,
}

impl Shared {
    /// Reads case `case_id`; with `redact`, bank accounts, document numbers and wallets are masked
    /// everywhere (the summary's rules, `vetdesk report --redact`).
    pub fn load(ws: &Workspace, case_id: i64, redact_values: bool) -> Result<Shared> {
        leaves_as_recorded(case_id, &crate::report::check_record(ws, case_id, &mut |_, _| {})?)?;
        let mut data = CaseData::load(ws, case_id, None)?;
        // Before redaction, which would leave a reference's value masked to its last four characters.
        data.withhold_left_out_values();
        if redact_values {
            redact(ws, &mut data)?;
        }
        Ok(Shared { data, redacted: redact_values })
    }

    /// The checklist items marked flagged: the case's findings.
    pub fn findings(&self) -> impl Iterator<Item = &ChecklistEntry> {
        self.data.checklist.iter().filter(|e| e.state == crate::domain::MarkState::Flagged)
    }

    /// A stable id for one record of this case: the same case and record give the same id on every
    /// export. The case's creation time tells apart case #1 of one workspace from case #1 of another.
    pub fn record_id(&self, record: &str) -> String {
        ids::uuid5(&ids::VETDESK, &self.record_name(record))
    }

    /// [`record_id`](Self::record_id) with the version 4 layout STIX 2.1 asks of its domain objects.
    pub fn stix_id(&self, kind: &str, record: &str) -> String {
        format!("{kind}--{}", ids::uuid4_layout(&ids::VETDESK, &self.record_name(record)))
    }

    fn record_name(&self, record: &str) -> String {
        let case = &self.data.case;
        format!("vetdesk/{}/case/{}/{record}", case.created_at, case.id)
    }

    /// The findings as Markdown lines: code, title, and the investigator's note as shared (see
    /// [`CaseData::shared_text`]). An item that rests on national origin, language or education abroad is
    /// never weighed and never a ground for suspicion, as in the summary's narrative: it is not shared.
    pub fn findings_text(&self) -> String {
        let mut out = String::new();
        for e in self.findings() {
            if e.item.weight == 0 {
                continue;
            }
            let kind = match e.item.kind {
                crate::catalog::ItemKind::RedFlag => "red flag",
                crate::catalog::ItemKind::DueDiligence => "due-diligence concern",
            };
            out.push_str(&format!("- {} ({kind}) {}", e.item.code, e.item.title));
            // The note on one line: a line of its own starting `#` or `---` would be a heading or a rule in
            // the Markdown of a MISP event report, not part of this finding.
            let note = self.data.shared_text(&e.note, Text::Mark(&e.item.code));
            let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
            if !note.is_empty() {
                out.push_str(&format!(": {note}"));
            }
            // As in the summary: a note quoting a match the record no longer shows says so.
            if self.data.match_gone(&e.item.code, &e.note) {
                out.push_str(&format!(" {}", crate::report::STALE_MATCH));
            }
            out.push('\n');
        }
        // The same words whether an item resting on origin was marked or not: that one was is not shared
        // either.
        if out.is_empty() {
            out.push_str("No finding to share.\n");
        }
        out
    }

    /// The case's title as shared: its case numbers in words (a title "Same person as case #12").
    pub fn title(&self) -> String {
        self.data.shared_text(&self.data.case.title, Text::Case)
    }

    /// An identifier's note as shared (see [`CaseData::shared_text`]).
    pub fn identifier_note(&self, i: &crate::domain::Identifier) -> String {
        self.data.shared_text(&i.note, Text::Identifier(i.id)).trim().to_string()
    }

    /// Whether this identifier's value was masked by redaction: `****3000` stands for a value that was
    /// withheld, so it is shared as text, never as the type of the value it hides.
    pub fn withheld(&self, i: &crate::domain::Identifier) -> bool {
        self.redacted && i.kind.is_sensitive()
    }

    /// Whether an identifier belongs to a reference (listed only when the case includes references): never
    /// under suspicion, so never offered for detection.
    pub fn of_reference(&self, subject: Option<i64>) -> bool {
        subject
            .is_some_and(|id| self.data.subjects.iter().any(|s| s.id == id && s.role == crate::domain::Role::Reference))
    }

    /// The name of the subject an identifier belongs to, for its comment.
    pub fn owner(&self, subject: Option<i64>) -> Option<String> {
        self.data.subject_name(subject)
    }
}

/// Writes `bytes` to `path` with mode 0600: into a new temporary file in the same folder (created
/// exclusively), synced, then renamed over `path`.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    check_target(path)?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| Error::file(path, "is not a file name"))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself is durable once the folder is synced.
        if let Ok(folder) = std::fs::File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        unwritable(path, &e)
    })
}

/// Why the file at `path` (written through a temporary file beside it) could not be written, naming the
/// file asked for, never the temporary one.
pub fn unwritable(path: &Path, e: &std::io::Error) -> Error {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let why = match e.kind() {
        // A folder that is there but takes no new file (`/proc`) says so too.
        std::io::ErrorKind::NotFound if dir.is_dir() => {
            format!("cannot be written: no file can be made in {}", crate::text::display_path(dir))
        }
        std::io::ErrorKind::NotFound => {
            format!("cannot be written: there is no folder {}", crate::text::display_path(dir))
        }
        std::io::ErrorKind::PermissionDenied => "cannot be written (permission denied)".to_string(),
        _ => format!("cannot be written: {e}"),
    };
    Error::file(path, format!("{why}; nothing was written"))
}

/// Refuses a target something is already at, unless `overwrite` (`--overwrite`): a report or export never
/// silently replaces a file (a draft signed off, a bundle sent). Call after [`check_target`] and the
/// workspace's own checks, which say what the thing there is.
pub fn check_replaceable(path: &Path, overwrite: bool) -> Result<()> {
    if overwrite || std::fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    Err(Error::file(path, "is already there; nothing was written. Give another name, or --overwrite to replace it"))
}

/// Refuses a target that exists and is not a regular file. The link itself is looked at, never
/// followed.
pub fn check_target(path: &Path) -> Result<()> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::file(path, e)),
    };
    let Some(kind) = crate::files::kind_of(&meta.file_type()) else { return Ok(()) };
    Err(Error::file(path, format!("is {kind}; exports replace only regular files, so nothing was written")))
}
