//! The words the summary's narrative uses for a kind of value, a payment method and a hire stage.

use crate::domain::HireStage;

pub(super) fn value_words(group: &str) -> String {
    match group {
        "bank-account" => "bank account".into(),
        "routing-number" => "routing number".into(),
        "phone" => "phone number".into(),
        "email" => "email address".into(),
        "address" => "postal address".into(),
        "ip" => "IP address".into(),
        "device-serial" => "device serial number".into(),
        "crypto-wallet" => "cryptocurrency wallet".into(),
        // Handles and profile URLs match each other, and a web address that names no profile matches itself.
        "handle" => "online handle, profile or web address".into(),
        "document-number" => "identity document number".into(),
        other => other.replace('-', " "),
    }
}

/// [`value_words`] for more than one value.
pub(super) fn values_words(group: &str) -> String {
    match group {
        "handle" => "online handles, profiles or web addresses".into(),
        other => {
            let one = value_words(other);
            if one.ends_with("ss") { format!("{one}es") } else { format!("{one}s") }
        }
    }
}

pub(super) fn method(m: &str) -> &str {
    match m {
        "wire" => "wire transfer",
        "ach" => "ACH transfer",
        "crypto" => "cryptocurrency",
        "p2p" => "peer-to-peer payment",
        "money-order" => "money order",
        "gift-card" => "gift card",
        "other" => "another method",
        other => other,
    }
}

pub(super) fn stage_words(stage: HireStage) -> &'static str {
    match stage {
        HireStage::Applicant => "applicant",
        HireStage::Onboarding => "onboarding",
        HireStage::Employed => "employed",
        HireStage::Contractor => "contractor",
        HireStage::Terminated => "employment terminated",
    }
}
