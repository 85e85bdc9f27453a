use super::word_enum;

word_enum!(
    /// What part a person or business plays in a case.
    Role, "role", {
        Candidate => "candidate",
        Facilitator => "facilitator",
        Vendor => "vendor",
        Reference => "reference",
    }
);

word_enum!(
    /// How far the candidate got in hiring.
    HireStage, "hire stage", {
        Applicant => "applicant",
        Onboarding => "onboarding",
        Employed => "employed",
        Contractor => "contractor",
        Terminated => "terminated",
    }
);
