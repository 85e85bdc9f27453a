//! Section 3 of the summary, financial transactions: each payment in the fields the form shows for its
//! type, and the totals.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Field, Labeled};

impl Transactions {
    /// What the sum per currency says in brackets: that nothing is converted, and, when some payment is
    /// recorded as money not sent, that it adds those up too.
    pub fn totals_qualifier(&self) -> &'static str {
        let unsent = self.items.iter().any(|i| i.details.get("money_sent").is_some_and(|f| f.value == "No"));
        if unsent { "not converted; payments recorded as money not sent included" } else { "not converted" }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Transactions {
    /// "Did you send or lose money in the incident?": Yes, No, or blank while unanswered.
    pub money_lost: Field,
    /// "What was your total loss amount?" in US dollars: the sum of the USD transactions only.
    pub total_loss_usd: Field,
    /// Says what the total covers and which amounts it leaves out, in one paragraph.
    pub total_note: String,
    /// The sum of every transaction, one entry per currency; nothing is converted.
    pub totals: Vec<Money>,
    /// The transactions in another currency than USD: not in the total until the investigator converts
    /// them at a rate of their choosing.
    pub needs_conversion: Vec<Conversion>,
    /// Every payment of the case, in date order, even beyond the form's 10.
    pub items: Vec<Transaction>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Money {
    pub currency: String,
    pub amount: String,
    pub amount_cents: i64,
}

/// A transaction in another currency than US dollars.
#[derive(Debug, Clone, Serialize)]
pub struct Conversion {
    /// Its place in `items`, from 1, as the renderers number transactions.
    pub transaction: usize,
    pub payment_id: i64,
    pub currency: String,
    pub amount: String,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Transaction {
    pub payment_id: i64,
    /// The method as recorded, which `transaction_type` was mapped from.
    pub method: String,
    pub transaction_type: Field,
    /// The type's number in the form's markup (0 cash … 8 other), which decides the fields shown.
    #[serde(skip)]
    pub form_type: u8,
    /// In `currency`, never converted.
    pub amount: Field,
    #[serde(skip)]
    pub amount_cents: i64,
    pub currency: String,
    /// The amount is in another currency than USD and must be converted before it goes in the form.
    pub needs_conversion: bool,
    pub date: Field,
    /// "Did you contact your bank, financial institution, or cryptocurrency exchange?": Yes, No,
    /// Unknown (which the form does not take), or blank when not recorded.
    pub bank_contacted: Field,
    pub originating_bank: Field,
    pub originating_account: Field,
    pub recipient_bank: Field,
    /// The recipient bank's street address over the form's two lines.
    pub recipient_bank_address1: Field,
    pub recipient_bank_address2: Field,
    pub recipient_bank_city: Field,
    pub recipient_bank_country: Field,
    pub recipient_bank_state: Field,
    pub recipient_bank_zip: Field,
    /// "Recipient name on account": the name recorded for the account, or the recipient's when none is.
    pub name_on_account: Field,
    pub recipient_name: Field,
    pub routing_number: Field,
    pub account_number: Field,
    pub swift: Field,
    pub wallet: Field,
    pub tx_hash: Field,
    /// The form's other transaction fields (src/domain/transaction.rs), by column; the originating bank's
    /// address is over two lines, `originating_bank_address` and `originating_bank_address2`.
    #[serde(flatten)]
    pub details: BTreeMap<&'static str, Field>,
    /// What is recorded for this payment in a field the form does not show for its type.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_on_form: Vec<NotOnForm>,
}

/// A value recorded for a payment that has no place on the form with the payment's transaction type.
#[derive(Debug, Clone, Serialize)]
pub struct NotOnForm {
    pub label: String,
    pub value: String,
}

/// The form's types that show the bank fields: check, card, money order, wire transfer and other.
const BANK: &[u8] = &[1, 2, 3, 4, 8];
const EVERY: &[u8] = &[0, 1, 2, 3, 4, 5, 6, 7, 8];

impl Transaction {
    /// Every field in the form's order with the types the form shows it for.
    pub fn all_fields(&self) -> Vec<(&'static str, &Field, &'static [u8])> {
        let blank: &Field = &BLANK;
        let detail = |column: &str| self.details.get(column).unwrap_or(blank);
        let labelled = |column: &'static str| -> (&'static str, &Field, &'static [u8]) {
            let d = crate::domain::TransactionDetails::ALL.iter().find(|d| d.column == column);
            d.map_or(("", blank, &[]), |d| (d.label, detail(column), d.types))
        };
        vec![
            ("Transaction type", &self.transaction_type, EVERY),
            labelled("other_type"),
            labelled("money_sent"),
            ("Amount", &self.amount, EVERY),
            ("Date", &self.date, EVERY),
            (
                "Did you contact your bank, financial institution, or cryptocurrency exchange?",
                &self.bank_contacted,
                EVERY,
            ),
            // The form's order (its fields' ordinals): the P2P application (110) before the originating
            // account's name and identifier (180, 190).
            labelled("p2p_app"),
            ("Originating bank name", &self.originating_bank, BANK),
            labelled("originating_bank_address"),
            ("Originating bank address (continued)", detail("originating_bank_address2"), BANK),
            labelled("originating_bank_city"),
            labelled("originating_bank_country"),
            labelled("originating_bank_state"),
            labelled("originating_bank_zip"),
            labelled("originating_account_name"),
            ("Originating account number", &self.originating_account, BANK),
            labelled("crypto_type"),
            ("Transaction ID/hash", &self.tx_hash, &[6]),
            labelled("crypto_atm"),
            labelled("gift_card_type"),
            labelled("atm_address"),
            labelled("atm_city"),
            labelled("atm_country"),
            labelled("atm_state"),
            labelled("atm_zip"),
            labelled("originating_wallet"),
            labelled("originating_account_identifier"),
            labelled("gift_card_number"),
            ("Recipient bank name", &self.recipient_bank, BANK),
            ("Recipient bank address", &self.recipient_bank_address1, &[0, 1, 2, 3, 4, 8]),
            ("Recipient bank address (continued)", &self.recipient_bank_address2, &[0, 1, 2, 3, 4, 8]),
            ("Recipient bank city", &self.recipient_bank_city, &[0, 1, 2, 3, 4, 8]),
            ("Recipient bank country", &self.recipient_bank_country, &[0, 1, 2, 3, 4, 8]),
            ("Recipient bank state", &self.recipient_bank_state, &[0, 1, 2, 3, 4, 8]),
            ("Recipient bank ZIP code", &self.recipient_bank_zip, &[0, 1, 2, 3, 4, 8]),
            ("Recipient name on account", &self.name_on_account, &[1, 2, 3, 4, 7, 8]),
            ("Recipient name", &self.recipient_name, &[5]),
            ("Routing number", &self.routing_number, BANK),
            ("Account number", &self.account_number, BANK),
            ("SWIFT code", &self.swift, BANK),
            ("Recipient wallet address", &self.wallet, &[6]),
            labelled("recipient_account_identifier"),
            labelled("recipient_identifier"),
        ]
    }

    /// The fields the form shows for this transaction's type, in its order.
    pub fn fields(&self) -> Vec<Labeled<'_>> {
        self.all_fields()
            .into_iter()
            .filter(|(_, _, types)| types.contains(&self.form_type))
            .map(|(l, f, _)| (l.to_string(), f))
            .collect()
    }
}

static BLANK: std::sync::LazyLock<Field> = std::sync::LazyLock::new(|| Field::free(""));
