use clap::Subcommand;

use super::Outcome;
use super::output::{self, say, table};
use crate::Workspace;
use crate::domain::{NewPayment, format_cents, parse_amount};
use crate::store::void::Voidable;

#[derive(Debug, clap::Args)]
pub struct PaymentArgs {
    /// YYYY-MM-DD.
    #[arg(long)]
    date: String,
    /// e.g. 4200 or 4200.50
    #[arg(long)]
    amount: String,
    #[arg(long, default_value = "USD")]
    currency: String,
    /// wire, ach, check, crypto, p2p, card, cash, money-order, gift-card or other.
    #[arg(long)]
    method: String,
    /// Who received the money (the IC3 form's recipient name).
    #[arg(long, default_value = "")]
    recipient: String,
    /// Whose name the receiving account is in, when that is not the recipient.
    #[arg(long, default_value = "")]
    name_on_account: String,
    /// The receiving bank's name.
    #[arg(long, default_value = "")]
    bank: String,
    /// The receiving bank's street address, one line.
    #[arg(long, default_value = "")]
    bank_address: String,
    /// The receiving bank's city.
    #[arg(long, default_value = "")]
    bank_city: String,
    /// The receiving bank's state.
    #[arg(long, default_value = "")]
    bank_state: String,
    /// The receiving bank's ZIP code.
    #[arg(long, default_value = "")]
    bank_zip: String,
    /// The receiving bank's country.
    #[arg(long, default_value = "")]
    bank_country: String,
    /// Whether the bank, financial institution or exchange was contacted: yes, no or unknown.
    #[arg(long, default_value = "", value_name = "yes|no|unknown")]
    bank_contacted: String,
    /// ABA routing number of the receiving bank (checked).
    #[arg(long, default_value = "")]
    routing: String,
    /// The receiving account number.
    #[arg(long, default_value = "")]
    account: String,
    /// The receiving bank's SWIFT/BIC code; kept as given, and reports say when it does not fit the
    /// form's pattern.
    #[arg(long, default_value = "")]
    swift: String,
    /// The bank the money left from.
    #[arg(long, default_value = "")]
    originating_bank: String,
    /// The account the money left from.
    #[arg(long, default_value = "")]
    originating_account: String,
    /// For cryptocurrency: the receiving wallet.
    #[arg(long, default_value = "")]
    wallet: String,
    /// For cryptocurrency: the transaction hash.
    #[arg(long, default_value = "")]
    tx_hash: String,
    /// The subject paid.
    #[arg(long)]
    subject: Option<i64>,
    #[arg(long, default_value = "")]
    note: String,
}

impl PaymentArgs {
    fn into_payment(self) -> crate::Result<NewPayment> {
        Ok(NewPayment {
            subject_id: self.subject,
            paid_on: self.date,
            amount_cents: parse_amount(&self.amount)?,
            currency: self.currency,
            method: self.method,
            recipient: self.recipient,
            bank: self.bank,
            routing_number: self.routing,
            account: self.account,
            note: self.note,
            name_on_account: self.name_on_account,
            swift: self.swift,
            originating_bank: self.originating_bank,
            originating_account: self.originating_account,
            wallet: self.wallet,
            tx_hash: self.tx_hash,
            bank_contacted: self.bank_contacted,
            bank_address: self.bank_address,
            bank_city: self.bank_city,
            bank_state: self.bank_state,
            bank_zip: self.bank_zip,
            bank_country: self.bank_country,
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum PaymentCommand {
    /// Record a payment and print its id alone.
    Add {
        /// The case.
        id: i64,
        #[command(flatten)]
        payment: PaymentArgs,
    },
    /// Correct a payment: give every field as it should read; one left out becomes empty (the audit
    /// trail keeps what it said before).
    Edit {
        /// The payment.
        pid: i64,
        #[command(flatten)]
        payment: PaymentArgs,
    },
    /// List a case's payments.
    List {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Void a payment by its own id, with --reason: it stays in the case view and the audit
    /// trail, and leaves links, suggestions, search, scores and the summary.
    Void(super::corrections::VoidArgs),
    /// Restore a voided payment.
    Unvoid(super::corrections::UnvoidArgs),
}

pub fn run(ws: &mut Workspace, command: PaymentCommand) -> Outcome {
    match command {
        PaymentCommand::Void(a) => super::corrections::void(ws, Voidable::Payment, "payment", &a),
        PaymentCommand::Unvoid(a) => super::corrections::unvoid(ws, Voidable::Payment, &a),
        PaymentCommand::Add { id, payment } => output::id(ws.add_payment(id, &payment.into_payment()?)?),
        PaymentCommand::Edit { pid, payment } => {
            ws.edit_payment(pid, &payment.into_payment()?)?;
            say!("payment #{pid} corrected")?;
            Ok(std::process::ExitCode::SUCCESS)
        }
        PaymentCommand::List { id, json } => {
            let payments = ws.payments(id)?;
            if json {
                return output::json(&payments);
            }
            let rows: Vec<Vec<String>> = payments
                .iter()
                .map(|p| {
                    vec![
                        output::record_id(p.id, p.void.as_ref()),
                        p.paid_on.clone(),
                        format!("{} {}", format_cents(p.amount_cents), p.currency),
                        p.method.clone(),
                        p.recipient.clone(),
                        p.bank.clone(),
                        p.routing_number.clone(),
                        p.account.clone(),
                    ]
                })
                .collect();
            table(&["ID", "DATE", "AMOUNT", "METHOD", "RECIPIENT", "BANK", "ROUTING", "ACCOUNT"], &rows)?;
            Ok(std::process::ExitCode::SUCCESS)
        }
    }
}
