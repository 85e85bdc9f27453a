use clap::Subcommand;

use super::Outcome;
use super::output::{self, say};
use crate::Workspace;
use crate::domain::{NewPayment, TransactionDetails, format_amount, parse_amount};
use crate::store::void::Voidable;

#[derive(Debug, Default, PartialEq, clap::Args)]
pub struct PaymentArgs {
    /// YYYY-MM-DD.
    #[arg(long)]
    date: Option<String>,
    /// e.g. 4200, 4200.50 or 4,200.50 (commas only between groups of three digits).
    #[arg(long)]
    amount: Option<String>,
    /// ISO 4217 code, USD when a payment is added without one; an amount has no more decimal places than
    /// the currency (none for JPY or KRW), and at most two.
    #[arg(long)]
    currency: Option<String>,
    /// wire, ach, check, crypto, p2p, card, cash, money-order, gift-card or other.
    #[arg(long, value_parser = super::values::methods(), ignore_case = true)]
    method: Option<String>,
    /// Who received the money (the IC3 form's recipient name).
    #[arg(long)]
    recipient: Option<String>,
    /// Whose name the receiving account is in, when that is not the recipient.
    #[arg(long)]
    name_on_account: Option<String>,
    /// The receiving bank's name.
    #[arg(long)]
    bank: Option<String>,
    /// The receiving bank's street address, one line.
    #[arg(long)]
    bank_address: Option<String>,
    /// The receiving bank's city.
    #[arg(long)]
    bank_city: Option<String>,
    /// The receiving bank's state.
    #[arg(long)]
    bank_state: Option<String>,
    /// The receiving bank's ZIP code.
    #[arg(long)]
    bank_zip: Option<String>,
    /// The receiving bank's country.
    #[arg(long)]
    bank_country: Option<String>,
    /// Whether the bank, financial institution or exchange was contacted: yes, no or unknown.
    #[arg(long, value_name = "yes|no|unknown")]
    bank_contacted: Option<String>,
    /// ABA routing number of the receiving bank (checked).
    #[arg(long)]
    routing: Option<String>,
    /// The receiving account number.
    #[arg(long)]
    account: Option<String>,
    /// The receiving bank's SWIFT/BIC code; kept as given, and reports say when it does not fit the
    /// form's pattern.
    #[arg(long)]
    swift: Option<String>,
    /// The bank the money left from.
    #[arg(long)]
    originating_bank: Option<String>,
    /// The account the money left from.
    #[arg(long)]
    originating_account: Option<String>,
    /// For cryptocurrency: the receiving wallet (checked; a valid bech32 address is stored lowercase).
    #[arg(long)]
    wallet: Option<String>,
    /// For cryptocurrency: the transaction hash.
    #[arg(long)]
    tx_hash: Option<String>,
    /// The subject paid; `none` (for `edit`) ties the payment to no subject.
    #[arg(long, value_name = "SID|none", value_parser = super::values::subject_ref)]
    subject: Option<super::values::SubjectRef>,
    #[arg(long)]
    note: Option<String>,
    #[command(flatten)]
    details: DetailArgs,
}

/// The IC3 form's other per-transaction fields, one flag each, from the table in
/// [`TransactionDetails::ALL`]: the flags given, by column.
#[derive(Debug, Default, PartialEq)]
struct DetailArgs(Vec<(&'static str, String)>);

impl clap::FromArgMatches for DetailArgs {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let given = TransactionDetails::ALL
            .iter()
            .filter_map(|d| matches.get_one::<String>(d.column).map(|v| (d.column, v.clone())))
            .collect();
        Ok(DetailArgs(given))
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl clap::Args for DetailArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        TransactionDetails::ALL.iter().fold(cmd, |cmd, d| {
            cmd.arg(
                clap::Arg::new(d.column)
                    .long(d.flag())
                    .value_name("TEXT")
                    .help(d.help)
                    .help_heading("IC3 transaction details (the form shows each for some payment methods)"),
            )
        })
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl PaymentArgs {
    /// `base` with every field given here in place of its own: the whole payment for `add` (from an empty
    /// one in US dollars), only the fields to correct for `edit`.
    fn over(self, base: NewPayment) -> crate::Result<NewPayment> {
        let mut p = base;
        if let Some(subject) = self.subject {
            p.subject_id = subject.0;
        }
        if let Some(v) = self.date {
            p.paid_on = v;
        }
        if let Some(amount) = &self.amount {
            p.amount_cents = parse_amount(amount)?;
        }
        if let Some(v) = self.currency {
            p.currency = v;
        }
        if let Some(v) = self.method {
            p.method = v;
        }
        if let Some(v) = self.recipient {
            p.recipient = v;
        }
        if let Some(v) = self.name_on_account {
            p.name_on_account = v;
        }
        if let Some(v) = self.bank {
            p.bank = v;
        }
        if let Some(v) = self.bank_address {
            p.bank_address = v;
        }
        if let Some(v) = self.bank_city {
            p.bank_city = v;
        }
        if let Some(v) = self.bank_state {
            p.bank_state = v;
        }
        if let Some(v) = self.bank_zip {
            p.bank_zip = v;
        }
        if let Some(v) = self.bank_country {
            p.bank_country = v;
        }
        if let Some(v) = self.bank_contacted {
            p.bank_contacted = v;
        }
        if let Some(v) = self.routing {
            p.routing_number = v;
        }
        if let Some(v) = self.account {
            p.account = v;
        }
        if let Some(v) = self.swift {
            p.swift = v;
        }
        if let Some(v) = self.originating_bank {
            p.originating_bank = v;
        }
        if let Some(v) = self.originating_account {
            p.originating_account = v;
        }
        if let Some(v) = self.wallet {
            p.wallet = v;
        }
        if let Some(v) = self.tx_hash {
            p.tx_hash = v;
        }
        if let Some(v) = self.note {
            p.note = v;
        }
        for (column, value) in self.details.0 {
            p.details.set(column, value);
        }
        Ok(p)
    }

    fn into_new(self) -> crate::Result<NewPayment> {
        if self.date.is_none() || self.amount.is_none() || self.method.is_none() {
            return Err(crate::Error::invalid("a payment needs --date, --amount and --method"));
        }
        self.over(NewPayment { currency: "USD".into(), ..NewPayment::default() })
    }
}

#[derive(Debug, Subcommand)]
pub enum PaymentCommand {
    /// Record a payment and print its id alone.
    #[command(
        mut_arg("date", |a| a.required(true)),
        mut_arg("amount", |a| a.required(true)),
        mut_arg("method", |a| a.required(true))
    )]
    Add {
        /// The case.
        id: i64,
        #[command(flatten)]
        payment: PaymentArgs,
    },
    /// Correct a payment: only the fields given change (`--bank ""` empties one); the audit trail keeps
    /// what it said before.
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
        PaymentCommand::Add { id, payment } => output::id(ws.add_payment(id, &payment.into_new()?)?),
        PaymentCommand::Edit { pid, payment } => {
            let old = ws.payment(pid)?;
            if payment == PaymentArgs::default() {
                return Err(crate::Error::invalid("nothing to change").into());
            }
            ws.edit_payment(pid, &payment.over(NewPayment::from(&old))?)?;
            say!("payment #{pid} of case #{} corrected", old.case_id)?;
            Ok(std::process::ExitCode::SUCCESS)
        }
        PaymentCommand::List { id, json } => {
            let payments = ws.payments(id)?;
            output::warn_if_altered(ws, id, json)?;
            if json {
                let listed: Vec<_> = payments.iter().map(Listed::from).collect();
                return output::json(&listed);
            }
            let rows: Vec<Vec<String>> = payments
                .iter()
                .map(|p| {
                    vec![
                        output::record_id(p.id, p.void.as_ref()),
                        p.paid_on.clone(),
                        format!("{} {}", format_amount(p.amount_cents, &p.currency), p.currency),
                        p.method.clone(),
                        p.recipient.clone(),
                        p.bank.clone(),
                        p.routing_number.clone(),
                        p.account.clone(),
                        p.wallet.clone(),
                    ]
                })
                .collect();
            output::records_table(
                &["ID", "DATE", "AMOUNT", "METHOD", "RECIPIENT", "BANK", "ROUTING", "ACCOUNT", "WALLET"],
                &rows,
                &format!("case #{id} has no payments"),
                payments.iter().map(|r| (r.id, r.void.as_ref())),
            )?;
            Ok(std::process::ExitCode::SUCCESS)
        }
    }
}

/// A payment as `payment list --json` gives it: the record, and its amount written in its currency's minor
/// unit (`1500` for yen, `1250.00` for dollars), as the table shows it; `amount_cents` stays hundredths.
#[derive(serde::Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    payment: &'a crate::domain::Payment,
    amount: String,
}

impl<'a> From<&'a crate::domain::Payment> for Listed<'a> {
    fn from(payment: &'a crate::domain::Payment) -> Self {
        Listed { payment, amount: format_amount(payment.amount_cents, &payment.currency) }
    }
}
