//! Plain types and rules: statuses, identifier kinds with normalization and validation, scoring. No I/O.

mod answer;
mod case;
pub mod identifier;
pub mod link;
mod mark;
mod records;
pub mod score;
mod subject;
mod transaction;

pub use answer::{Answer, AnswerField, Answers, MAX_ANSWER_TEXT, YesNo};
pub use case::{Archive, Case, CaseStatus, Disposition, Priority};
pub use identifier::{Checked, IdentifierKind};
pub use mark::{ControlMark, ControlState, MarkState};
pub use records::{
    AMOUNT_FORMS, Evidence, Identifier, Mark, NO_NAME, NewPayment, Note, NoteEdit, NoteRevision, Organization,
    PAYMENT_METHODS, Payment, Subject, SubjectFields, Void, format_amount, format_amount_to_type, format_cents,
    format_cents_as_read, parse_amount,
};
pub use score::{Assessment, RiskBand, Scored};
pub use subject::{HireStage, Role};
pub use transaction::{Detail, TransactionDetails};

/// Defines a closed set of lowercase words stored as TEXT, with parsing that names the allowed words.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;

            fn from_str(s: &str) -> crate::Result<Self> {
                let wanted = s.trim().to_lowercase();
                $name::ALL.iter().copied().find(|v| v.as_str() == wanted).ok_or_else(|| crate::Error::NotOneOf {
                    what: $what,
                    value: s.to_string(),
                    expected: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                })
            }
        }
    };
}
pub(crate) use word_enum;
