//! Every user intent the TUI knows. Keys resolve to these (see `keymap.rs`); `update` carries them out.

/// A user intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    /// Ctrl-C: leave vetdesk from any screen, form or dialog.
    QuitAll,
    /// Ctrl-Z: give the terminal back to the shell that started vetdesk until it is brought back (`fg`).
    Suspend,
    Help,
    Back,
    Refresh,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Search,
    NewCase,
    CycleSort,
    ReverseSort,
    FilterPriority,
    ClearFilters,
    /// Case list: all but archived cases → closed ones hidden too → archived cases only → all but archived.
    CycleShown,
    NextTab,
    PrevTab,
    /// Jump to tab N (0-based).
    Tab(u8),
    /// Checklist: cycle open → flagged → clear → na → open.
    CycleState,
    Flag,
    Clear,
    NotApplicable,
    Reopen,
    /// Organisation controls: mark the selected control in place, or a gap.
    MarkInPlace,
    MarkGap,
    EditNote,
    /// The selected checklist item, evidence record or note, whole, in a box that scrolls.
    Read,
    LinkEvidence,
    /// Overview: add a subject, identifier or payment; notes and evidence tabs: add one.
    Add,
    Edit,
    /// Overview: the IC3 form's fields for the selected payment's transaction type.
    PaymentDetails,
    ChangeStatus,
    /// Case view: correct the case's title, priority, tags, witnesses and other reports.
    EditCase,
    /// Case list and case view: open the organisation controls, reviewed once for the workspace.
    OrganisationControls,
    /// Case view: archive the case (asks why), or bring an archived one back.
    Archive,
    /// Case view: move the case to the current catalog (asks first).
    UpgradeCase,
    VerifyEvidence,
    /// Evidence tab: re-point the selected file at its new place (a folder to search, or the file).
    RelocateEvidence,
    /// Void the selected record (asks why), or restore a voided one.
    Void,
    /// Undo the last change made since the workstation was opened.
    Undo,
    ToggleRedact,
    Export,
    /// Report tab: answer the IC3 form's questions for the case.
    Answers,
    /// Links tab: accept or dismiss the suggested checklist item of the selected line (asks for a note).
    AcceptSuggestion,
    DismissSuggestion,
    /// Case list: open the Roster screen (roster screening hits).
    Roster,
    /// Roster screen: show the next kind of hit only (then every kind again).
    FilterHitKind,
    /// Roster screen: dismiss the selected hit (asks why).
    DismissHit,
    /// Confirmation dialogs.
    Confirm,
    Cancel,
    /// Search line: keep what it found and close it; close it and restore what was shown; clear its words.
    KeepSearch,
    CancelSearch,
    ClearSearch,
    /// Case list: open the status picker; show the statuses picked.
    PickStatus,
    ShowStatus(StatusChoice),
    /// Checklist tabs: flagged items only, or every item; the next item matching the search.
    FlaggedOnly,
    NextMatch,
}

/// Which statuses the case list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusChoice {
    Any,
    /// Every status but `closed`: the cases still being worked.
    NotClosed,
    Is(crate::domain::CaseStatus),
}
