//! What each form of the workstation is for, with the ids it acts on: `submit.rs` carries it out.

/// What a form is for; carries the ids it acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    NewCase,
    /// The case's own details: title, priority, tags, witnesses, other reports.
    EditCase {
        case_id: i64,
    },
    AddSubject {
        case_id: i64,
    },
    EditSubject {
        subject_id: i64,
    },
    AddIdentifier {
        case_id: i64,
    },
    EditIdentifier {
        identifier_id: i64,
    },
    AddPayment {
        case_id: i64,
    },
    EditPayment {
        payment_id: i64,
    },
    /// The IC3 form's fields for the payment's transaction type.
    PaymentDetails {
        payment_id: i64,
    },
    MarkNote {
        case_id: i64,
        code: String,
    },
    /// The note on an organisation control.
    ControlNote {
        code: String,
    },
    /// The reason a roster hit is dismissed.
    DismissHit {
        hit: String,
    },
    LinkEvidence {
        code: String,
    },
    AddNote {
        case_id: i64,
    },
    EditNote {
        note_id: i64,
    },
    /// Voiding (`restore` false) or restoring a record.
    Void {
        what: crate::store::void::Voidable,
        id: i64,
        restore: bool,
    },
    /// Archiving (`restore` false) or unarchiving a case.
    Archive {
        case_id: i64,
        restore: bool,
    },
    AddEvidence {
        case_id: i64,
    },
    RelocateEvidence {
        evidence_id: i64,
    },
    ChangeStatus {
        case_id: i64,
    },
    DecideSuggestion {
        case_id: i64,
        code: String,
        decision: crate::workspace::Decision,
    },
    Export {
        case_id: i64,
        redact: bool,
    },
    Answers {
        case_id: i64,
    },
}
