use super::word_enum;

word_enum!(
    /// The state of one checklist item in one case; the same four for red flags and measures.
    MarkState, "state", {
        Open => "open",
        Flagged => "flagged",
        Clear => "clear",
        Na => "na",
    }
);

word_enum!(
    /// Where one organisation control stands for the whole workspace.
    ControlState, "control state", {
        Open => "open",
        InPlace => "in-place",
        Gap => "gap",
        Na => "na",
    }
);

/// The review of one organisation control.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ControlMark {
    pub code: String,
    pub state: ControlState,
    pub note: String,
    pub marked_by: String,
    pub marked_at: String,
}
