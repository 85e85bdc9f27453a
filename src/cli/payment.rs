use clap::Subcommand;

use super::Outcome;
use super::output::{self, table};
use crate::Workspace;
use crate::domain::{NewPayment, format_cents, parse_amount};

#[derive(Debug, Subcommand)]
pub enum PaymentCommand {
    /// Record a payment and print its id alone.
    Add {
        /// The case.
        id: i64,
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
        /// Name on the receiving account.
        #[arg(long, default_value = "")]
        recipient: String,
        #[arg(long, default_value = "")]
        bank: String,
        /// ABA routing number of the receiving bank (checked).
        #[arg(long, default_value = "")]
        routing: String,
        #[arg(long, default_value = "")]
        account: String,
        /// The subject paid.
        #[arg(long)]
        subject: Option<i64>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// List a case's payments.
    List {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ws: &mut Workspace, command: PaymentCommand) -> Outcome {
    match command {
        PaymentCommand::Add {
            id,
            date,
            amount,
            currency,
            method,
            recipient,
            bank,
            routing,
            account,
            subject,
            note,
        } => {
            let payment = NewPayment {
                subject_id: subject,
                paid_on: date,
                amount_cents: parse_amount(&amount)?,
                currency,
                method,
                recipient,
                bank,
                routing_number: routing,
                account,
                note,
            };
            output::id(ws.add_payment(id, &payment)?)
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
                        format!("#{}", p.id),
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
            table(&["ID", "DATE", "AMOUNT", "METHOD", "RECIPIENT", "BANK", "ROUTING", "ACCOUNT"], &rows);
            Ok(std::process::ExitCode::SUCCESS)
        }
    }
}
