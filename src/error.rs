//! Errors raised by the library. Each message is one line a user can act on; the fronts print it as is.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no case #{0}")]
    CaseNotFound(i64),
    #[error("no subject #{0}")]
    SubjectNotFound(i64),
    #[error("subject #{subject} belongs to case #{owner}, not case #{case}")]
    SubjectElsewhere { subject: i64, owner: i64, case: i64 },
    #[error("no evidence #{0}")]
    EvidenceNotFound(i64),
    #[error("unknown checklist code {0:?} (see `vetdesk catalog list`)")]
    UnknownCode(String),
    #[error("invalid {what} {value:?}: expected one of {expected}")]
    NotOneOf { what: &'static str, value: String, expected: String },
    #[error("{0}")]
    Invalid(String),
    /// A refusal the user can get past; how is worded by each front (`remedy.cli()` here, the
    /// workstation names its own fields and keys).
    #[error("{problem}{}", remedy.cli())]
    Refused { problem: String, remedy: Remedy },
    #[error("{}: {reason}", crate::text::display_path(path))]
    Workspace { path: PathBuf, reason: String },
    /// An encrypted workspace did not open with the passphrase given (or the file is no workspace).
    #[error("wrong passphrase for {}", crate::text::display_path(path))]
    WrongPassphrase { path: PathBuf },
    #[error("{}: {reason}", crate::text::display_path(path))]
    File { path: PathBuf, reason: String },
    /// A folder, a named pipe, a device or a socket where a file was expected: never opened for reading.
    #[error("{}: is {kind}, not a regular file", path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    /// The file changed (size, times, inode) while it was being read, so what was read may never have
    /// existed as a whole.
    #[error("{}: changed while it was being read; nothing was stored; try again when it is complete", path.display())]
    Unsteady { path: PathBuf },
    #[error("cancelled; nothing was stored")]
    Cancelled,
    #[error("catalog: {0}")]
    Catalog(String),
    #[error("config {}: {reason}", crate::text::display_path(path))]
    Config { path: PathBuf, reason: String },
    #[error("workspace: {}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// SQLite's message, and for a stored value of a type vetdesk never writes in that column (text where it
/// writes a number, bytes where it writes text), what that means: an edit behind vetdesk's back, or damage.
fn sqlite_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::InvalidColumnType(..)
        | rusqlite::Error::FromSqlConversionFailure(..)
        | rusqlite::Error::IntegralValueOutOfRange(..) => format!(
            "{e}: a stored value is not of the kind vetdesk writes there, so the workspace was changed behind \
             vetdesk's back or is damaged; run `vetdesk audit verify`"
        ),
        rusqlite::Error::Utf8Error(..) => format!(
            "a stored text is not UTF-8 ({e}), which vetdesk never writes, so the workspace was changed behind \
             vetdesk's back or is damaged; run `vetdesk audit verify`, which names the record"
        ),
        e => e.to_string(),
    }
}

/// What gets a user past an [`Error::Refused`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remedy {
    /// Keep a value that fails its format check, with its warning.
    KeepInvalid,
    /// Record a payment's value that fails its check (a routing number, a wallet) as an identifier of
    /// `kind` instead, kept as given; `field` is the payment form's field to leave empty.
    AsIdentifier { field: &'static str, kind: &'static str },
    /// Say why.
    Reason,
    /// Name the finding when closing a case.
    Disposition,
    /// Restore voided evidence first.
    UnvoidEvidence(i64),
    /// Restore a voided record first: the command word of its kind (`ident`, `payment`, `note`,
    /// `subject`) and its id.
    Unvoid(&'static str, i64),
    /// Re-check a case's evidence where it is.
    VerifyEvidence(i64),
    /// Trust the key that signed a bundle, once its fingerprint is checked with the sender.
    TrustSigner(String),
    /// Add where else a value appeared to the note of the identifier that holds it already.
    NoteOnIdentifier(i64),
    /// Void, or move to another subject, each record a subject still holds before voiding it.
    ClearSubject,
}

impl Remedy {
    /// The remedy in the command line's words, appended to the problem.
    pub fn cli(&self) -> String {
        match self {
            Remedy::KeepInvalid => " (use --keep-invalid to record it anyway)".into(),
            Remedy::AsIdentifier { kind, .. } => {
                format!("; record it as a {kind} identifier with --keep-invalid if that is what was given")
            }
            Remedy::Reason => " (--reason)".into(),
            Remedy::Disposition => " (--disposition cleared, confirmed or inconclusive)".into(),
            Remedy::UnvoidEvidence(id) => format!("; `vetdesk evidence unvoid {id}` first"),
            Remedy::Unvoid(command, id) => format!("; `vetdesk {command} unvoid {id}` first"),
            Remedy::VerifyEvidence(case) => format!("; `vetdesk evidence verify {case}` re-checks it"),
            Remedy::NoteOnIdentifier(id) => {
                format!(". Add where else it appeared to that one's note (`vetdesk ident edit {id} --note …`)")
            }
            Remedy::ClearSubject => ": void each one that goes with the subject (`vetdesk ident void ID --reason …`, \
                                     `vetdesk payment void ID --reason …`) or move it to the subject it belongs to \
                                     (`--subject N` of `ident edit` or `payment edit`), then void the subject; nothing \
                                     was written"
                .into(),
            Remedy::TrustSigner(fingerprint) => format!(
                "; compare it with the fingerprint the sender gives you another way (`vetdesk audit anchor` prints it \
                 on their machine), then import with --trust {fingerprint}"
            ),
        }
    }
}

impl Error {
    pub(crate) fn refused(problem: impl Into<String>, remedy: Remedy) -> Self {
        Error::Refused { problem: problem.into(), remedy }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    pub(crate) fn file(path: impl Into<PathBuf>, reason: impl std::fmt::Display) -> Self {
        Error::File { path: path.into(), reason: reason.to_string() }
    }
}
