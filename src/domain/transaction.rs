//! The IC3 form's per-transaction details beyond the core of a payment (date, amount, method, the
//! receiving bank and account): the originating bank's address and account holder, the wallets, account
//! identifiers and applications of cryptocurrency and peer-to-peer payments, a prepaid or gift card, a
//! cryptocurrency ATM, and the type's own words when the type is "Other".
//!
//! One table below names each detail once: its column in the `payment` table (schema step 7), its
//! command-line flag (the column with dashes), what it holds, and the form's label and length limit. The
//! form shows a detail only for some transaction types; [`Detail::types`] says which, as the form's
//! markup does (see `research/ic3-form-and-indicators.md` §1).

use serde::Serialize;

/// The transaction types of the IC3 form, by the number the form's markup gives each option: 0 cash,
/// 1 check, 2 debit/credit card, 3 money order, 4 wire transfer, 5 prepaid/gift card,
/// 6 cryptocurrency, 7 peer-to-peer, 8 other.
pub type FormTypes = &'static [u8];

const BANK_TYPES: FormTypes = &[1, 2, 3, 4, 8];

/// One detail: where it is stored, what it means, and where the form puts it.
#[derive(Debug, Clone, Copy)]
pub struct Detail {
    /// The column in `payment`, and with dashes the command-line flag.
    pub column: &'static str,
    /// What the value is, for `--help` and the workstation's form.
    pub help: &'static str,
    /// The form's label.
    pub label: &'static str,
    /// The most characters the form takes; `None` for a choice (yes/no, a country or a state).
    pub limit: Option<usize>,
    /// The transaction types the form shows the field for.
    pub types: FormTypes,
    /// Masked by `report --redact` (card numbers, wallets, account identifiers).
    pub masked: bool,
}

impl Detail {
    /// The command-line flag, without its dashes.
    pub fn flag(&self) -> String {
        self.column.replace('_', "-")
    }

    /// Whether the form shows this field for a transaction type, by the form's number.
    pub fn shown_for(&self, form_type: u8) -> bool {
        self.types.contains(&form_type)
    }
}

macro_rules! details {
    ($( $field:ident : $help:literal, $label:literal, $limit:expr, $types:expr, $masked:literal; )+) => {
        /// A payment's IC3 details; each is empty when not recorded (stored as NULL).
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
        pub struct TransactionDetails {
            $( #[doc = $help] pub $field: String, )+
        }

        impl TransactionDetails {
            /// Every detail, in the form's order.
            pub const ALL: &'static [Detail] = &[
                $( Detail { column: stringify!($field), help: $help, label: $label, limit: $limit, types: $types,
                            masked: $masked }, )+
            ];

            /// The values, in the order of [`Self::ALL`].
            pub fn values(&self) -> Vec<&str> {
                vec![$( self.$field.as_str() ),+]
            }

            /// The values to change, in the order of [`Self::ALL`].
            pub fn values_mut(&mut self) -> Vec<&mut String> {
                vec![$( &mut self.$field ),+]
            }
        }
    };
}

details! {
    other_type: "For a payment of type other: what kind of payment it was.",
        "If other, please specify", Some(50), &[8], false;
    money_sent: "Whether the money was sent or lost: yes, no or unknown.",
        "Was the money sent or lost?", None, &[0, 1, 2, 3, 4, 5, 6, 7, 8], false;
    originating_bank_address: "The originating bank's street address, one line.",
        "Originating bank address", Some(75), BANK_TYPES, false;
    originating_bank_city: "The originating bank's city.", "Originating bank city", Some(50), BANK_TYPES, false;
    originating_bank_country: "The originating bank's country.", "Originating bank country", None, BANK_TYPES, false;
    originating_bank_state: "The originating bank's state.", "Originating bank state", None, BANK_TYPES, false;
    originating_bank_zip: "The originating bank's ZIP code.", "Originating bank ZIP code", Some(20), BANK_TYPES, false;
    originating_account_name: "Whose name the account the money left from is in.",
        "Originating name on account", Some(50), &[1, 2, 3, 4, 7, 8], false;
    crypto_type: "For cryptocurrency: which currency (e.g. USDT on Tron).",
        "Type of cryptocurrency", Some(50), &[6], false;
    p2p_app: "For a peer-to-peer transfer: the application used.", "P2P application used", Some(50), &[7], false;
    crypto_atm: "For cryptocurrency bought at an ATM or kiosk: its operator or name.",
        "Cryptocurrency ATM/kiosk", Some(50), &[6], false;
    gift_card_type: "For a prepaid or gift card: which card.", "Type of prepaid/gift card", Some(50), &[5], false;
    atm_address: "The cryptocurrency ATM's street address, one line.", "ATM/kiosk address", Some(75), &[6], false;
    atm_city: "The cryptocurrency ATM's city.", "ATM/kiosk city", Some(50), &[6], false;
    atm_country: "The cryptocurrency ATM's country.", "ATM/kiosk country", None, &[6], false;
    atm_state: "The cryptocurrency ATM's state.", "ATM/kiosk state", None, &[6], false;
    atm_zip: "The cryptocurrency ATM's ZIP code.", "ATM/kiosk ZIP code", Some(20), &[6], false;
    originating_wallet: "For cryptocurrency: the wallet the money left from (checked).",
        "Originating wallet address", Some(50), &[6], true;
    originating_account_identifier: "For a peer-to-peer transfer: the sending account's user name, tag or number.",
        "Originating account identifier", Some(50), &[7], true;
    gift_card_number: "For a prepaid or gift card: the card's number.",
        "Prepaid/gift card number", Some(50), &[5], true;
    recipient_account_identifier: "For a peer-to-peer transfer: the receiving account's user name, tag or number.",
        "Recipient account identifier", Some(50), &[7], true;
    recipient_identifier: "For a prepaid or gift card: the email or phone the card was sent to.",
        "Recipient identifier (email/phone)", Some(50), &[5], false;
}

impl TransactionDetails {
    /// Each detail with its value.
    pub fn each(&self) -> impl Iterator<Item = (&'static Detail, &str)> {
        Self::ALL.iter().zip(self.values())
    }

    /// Sets a detail by its column; `false` when no detail has that column.
    pub fn set(&mut self, column: &str, value: String) -> bool {
        match Self::ALL.iter().position(|d| d.column == column) {
            Some(i) => {
                *self.values_mut().swap_remove(i) = value;
                true
            }
            None => false,
        }
    }

    pub fn get(&self, column: &str) -> Option<&str> {
        self.each().find(|(d, _)| d.column == column).map(|(_, v)| v)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_table_and_the_struct_agree() {
        let mut d = TransactionDetails::default();
        assert_eq!(TransactionDetails::ALL.len(), d.values().len());
        for (i, detail) in TransactionDetails::ALL.iter().enumerate() {
            assert!(d.set(detail.column, format!("v{i}")), "{}", detail.column);
        }
        for (i, (detail, value)) in d.each().enumerate() {
            assert_eq!(value, format!("v{i}"), "{}", detail.column);
            assert_eq!(d.get(detail.column), Some(value));
            assert!(!detail.types.is_empty() && detail.types.iter().all(|t| *t <= 8), "{}", detail.column);
        }
        assert!(!d.set("no_such_detail", String::new()));
    }

    #[test]
    fn the_form_shows_each_type_its_own_fields() {
        let shown = |t: u8| -> Vec<&str> {
            TransactionDetails::ALL.iter().filter(|d| d.shown_for(t)).map(|d| d.column).collect()
        };
        // A peer-to-peer transfer: the application and both account identifiers, no bank address.
        let p2p = shown(7);
        for column in ["p2p_app", "originating_account_identifier", "recipient_account_identifier"] {
            assert!(p2p.contains(&column), "{column}");
        }
        assert!(!p2p.contains(&"originating_bank_address"));
        // Cryptocurrency: the currency, the wallets and the ATM; a gift card: its type and number.
        assert!(shown(6).contains(&"crypto_type") && shown(6).contains(&"originating_wallet"));
        assert!(shown(5).contains(&"gift_card_number") && !shown(5).contains(&"crypto_type"));
        // Only "Other" asks what it was.
        assert_eq!(TransactionDetails::ALL.iter().filter(|d| d.shown_for(8) && d.column == "other_type").count(), 1);
        assert!(!shown(4).contains(&"other_type"));
    }
}
