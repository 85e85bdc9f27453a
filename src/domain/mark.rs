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
