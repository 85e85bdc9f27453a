//! Payments: adding, correcting and the checks a payment passes first.

use serde_json::json;

use super::Workspace;
use crate::domain::{NewPayment, Payment};
use crate::error::Remedy;
use crate::store::{cases, payments};
use crate::{Error, Result};

impl Workspace {
    pub fn add_payment(&mut self, case_id: i64, payment: &NewPayment) -> Result<i64> {
        self.checked_write(|ws| {
            cases::exists(ws.store().conn(), case_id)?;
            let p = ws.checked_payment(case_id, payment, None)?;
            let tag_key = ws.tag_key();
            ws.change("payment.add", Some(case_id), |tx, now| {
                let id = payments::insert(tx, case_id, &p, now, tag_key.as_ref())?;
                Ok((id, payment_details(id, &p)))
            })
        })
    }

    pub fn payment(&self, id: i64) -> Result<Payment> {
        payments::get(self.store().conn(), id)
    }

    /// Corrects a payment; the audit row keeps what it said before.
    pub fn edit_payment(&mut self, id: i64, payment: &NewPayment) -> Result<()> {
        self.checked_write(|ws| {
            let old = payments::get(ws.store().conn(), id)?;
            if old.void.is_some() {
                return Err(Error::refused(format!("payment #{id} is voided"), Remedy::Unvoid("payment", id)));
            }
            ws.check_keys_unaltered(old.case_id)?;
            let before = NewPayment::from(&old);
            let p = ws.checked_payment(old.case_id, payment, Some((id, &before)))?;
            if p == before {
                return Err(Error::invalid(format!("payment #{id} already reads that way")));
            }
            let tag_key = ws.tag_key();
            ws.change("payment.edit", Some(old.case_id), |tx, _| {
                payments::update(tx, id, &p, tag_key.as_ref())?;
                Ok(((), json!({ "payment": id, "from": payment_details(id, &before), "to": payment_details(id, &p) })))
            })
        })
    }

    /// Checks a payment's date, currency, method and routing number, and trims its text; `before` is the
    /// payment (its id and what it held) that this one corrects.
    fn checked_payment(
        &self,
        case_id: i64,
        payment: &NewPayment,
        before: Option<(i64, &NewPayment)>,
    ) -> Result<NewPayment> {
        self.check_subject(case_id, payment.subject_id)?;
        let mut p = payment.clone();
        if p.amount_cents <= 0 {
            // A payment of nothing is no transaction; money asked for and not sent is recorded with its
            // amount and --money-sent no.
            return Err(Error::invalid(format!(
                "invalid amount {}: a payment is of more than 0 (record money asked for and not sent with its \
                 amount and money sent: no)",
                crate::domain::format_cents(p.amount_cents)
            )));
        }
        p.paid_on = crate::time::check_past_date("payment date", &p.paid_on, &self.now())?;
        p.currency = p.currency.trim().to_uppercase();
        if p.currency.len() != 3 || !p.currency.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(Error::invalid(format!(
                "invalid currency {:?}: expected a 3-letter code like USD",
                payment.currency
            )));
        }
        // A code ISO 4217 lists, current or recently superseded (the kuna before the euro): a mistyped one
        // would reach the summary as a currency to convert.
        let Some(currency) = iso_currency::Currency::from_code(&p.currency) else {
            return Err(Error::invalid(format!(
                "invalid currency {:?}: not an ISO 4217 code vetdesk knows (current ones such as USD, EUR or KRW, \
                 and a few recently superseded, such as HRK); for an older currency, record the amount in a \
                 current one and name the original in the note",
                payment.currency
            )));
        };
        // ISO 4217's special codes (XXX "no currency", XTS for testing, gold, SDRs) are not what a person is
        // paid in: most likely a placeholder left in.
        if currency.is_special() {
            return Err(Error::invalid(format!(
                "invalid currency {:?}: ISO 4217 lists it as {:?}, not a currency a payment is made in",
                payment.currency,
                currency.name()
            )));
        }
        // An amount finer than the currency's smallest unit (JPY 1.50: the yen has none) was not paid as
        // written: a typo, or an amount converted from another currency. One recorded before vetdesk refused
        // such amounts stays as it is when the rest of its payment is corrected.
        let kept = before.is_some_and(|(_, b)| b.amount_cents == p.amount_cents && b.currency == p.currency);
        if let Some(places) = currency.exponent().filter(|&e| e < 2)
            && !kept
            && p.amount_cents % 10_i64.pow(u32::from(2 - places)) != 0
        {
            return Err(Error::invalid(format!(
                "invalid amount {} {}: {} amounts have {} (ISO 4217)",
                crate::domain::format_cents(p.amount_cents),
                p.currency,
                p.currency,
                crate::text::counted(places, "decimal place", "decimal places")
            )));
        }
        // The summary adds up the case's payments in each currency, voided ones included (they may come back).
        let others = payments::amounts_in(self.store().conn(), case_id, &p.currency, before.map(|(id, _)| id))?;
        if others.into_iter().try_fold(p.amount_cents, i64::checked_add).is_none() {
            return Err(Error::invalid(format!(
                "invalid amount {} {}: with the other {} payments of case #{case_id} (voided ones included, \
                 which may be restored) it adds up to more than vetdesk can total",
                crate::domain::format_amount(p.amount_cents, &p.currency),
                p.currency,
                p.currency
            )));
        }
        p.method = p.method.trim().to_lowercase();
        if !crate::domain::PAYMENT_METHODS.contains(&p.method.as_str()) {
            return Err(Error::NotOneOf {
                what: "payment method",
                value: payment.method.clone(),
                expected: crate::domain::PAYMENT_METHODS.join(", "),
            });
        }
        if !p.routing_number.trim().is_empty()
            && let Some(problem) = crate::domain::identifier::aba_problem(&p.routing_number)
        {
            return Err(Error::refused(
                // The problem names the routing number itself ("routing number fails the ABA checksum").
                format!("routing number {:?}: {}", p.routing_number, problem.trim_start_matches("routing number ")),
                crate::error::Remedy::AsIdentifier { field: "Routing number", kind: "routing-number" },
            ));
        }
        // A routing number written with the account and another given beside it: which one the money went
        // through is not for vetdesk to guess.
        let changed = before.is_none_or(|(_, b)| b.account != p.account || b.routing_number != p.routing_number);
        if let (true, Some(written), false) =
            (changed, crate::domain::identifier::routing_in(&p.account), p.routing_number.trim().is_empty())
            && written != crate::domain::identifier::digits(&p.routing_number)
        {
            return Err(Error::invalid(format!(
                "the account {:?} is written with routing number {written}, and the routing number given is {:?}: \
                 give the one the payment went through",
                p.account.trim(),
                p.routing_number.trim()
            )));
        }
        // An account is checked as a bank-account identifier's is (too short, a failing IBAN): a typo hides a
        // match. One recorded before vetdesk refused it stays as it is when the rest of its payment changes.
        for (what, field, value, was) in [
            ("account", "Account number", &p.account, before.map(|(_, b)| &b.account)),
            (
                "originating account",
                "Originating account number",
                &p.originating_account,
                before.map(|(_, b)| &b.originating_account),
            ),
        ] {
            if was == Some(value) {
                continue;
            }
            if let Some(problem) = crate::domain::identifier::account_problem(value) {
                return Err(Error::refused(
                    format!("{what} {:?}: {problem}", value.trim()),
                    crate::error::Remedy::AsIdentifier { field, kind: "bank-account" },
                ));
            }
        }
        // The wallets, with a crypto-wallet identifier's checks; a valid bech32 address is lowercased.
        for (what, field, value) in [
            ("wallet", "Wallet", &mut p.wallet),
            ("originating wallet", "Originating wallet address", &mut p.details.originating_wallet),
        ] {
            if value.trim().is_empty() {
                continue;
            }
            match crate::domain::identifier::payment_wallet(value) {
                Ok(checked) => *value = checked,
                Err(problem) => {
                    return Err(Error::refused(
                        format!("{what} {:?}: {problem}", value.trim()),
                        crate::error::Remedy::AsIdentifier { field, kind: "crypto-wallet" },
                    ));
                }
            }
        }
        for field in [
            &mut p.method,
            &mut p.recipient,
            &mut p.bank,
            &mut p.routing_number,
            &mut p.account,
            &mut p.note,
            &mut p.name_on_account,
            &mut p.swift,
            &mut p.originating_bank,
            &mut p.originating_account,
            &mut p.wallet,
            &mut p.tx_hash,
            &mut p.bank_address,
            &mut p.bank_city,
            &mut p.bank_state,
            &mut p.bank_zip,
            &mut p.bank_country,
        ] {
            *field = field.trim().to_string();
        }
        p.bank_contacted = yes_no_unknown("bank contacted", &payment.bank_contacted)?;
        for value in p.details.values_mut() {
            *value = value.trim().to_string();
        }
        p.details.money_sent = yes_no_unknown("money sent", &p.details.money_sent)?;
        for (detail, value) in p.details.each() {
            if let Some(problem) = crate::text::one_line_problem(&format!("the {}", detail.label.to_lowercase()), value)
            {
                return Err(Error::invalid(problem));
            }
        }
        // The form's fields are one line each; a line break pasted into one would change what is filed.
        for (label, value) in [
            ("recipient", &p.recipient),
            ("method", &p.method),
            ("bank", &p.bank),
            ("routing number", &p.routing_number),
            ("account", &p.account),
            ("name on account", &p.name_on_account),
            ("SWIFT code", &p.swift),
            ("originating bank", &p.originating_bank),
            ("originating account", &p.originating_account),
            ("wallet", &p.wallet),
            ("transaction hash", &p.tx_hash),
            ("bank's address", &p.bank_address),
            ("bank's city", &p.bank_city),
            ("bank's state", &p.bank_state),
            ("bank's ZIP code", &p.bank_zip),
            ("bank's country", &p.bank_country),
        ] {
            if let Some(problem) = crate::text::field_problem(&format!("the {label}"), value) {
                return Err(Error::invalid(problem));
            }
        }
        if let Some(problem) = crate::text::blank_problem("the note", &p.note) {
            return Err(Error::invalid(problem));
        }
        Ok(p)
    }

    pub fn payments(&self, case_id: i64) -> Result<Vec<Payment>> {
        cases::exists(self.store().conn(), case_id)?;
        payments::of_case(self.store().conn(), case_id)
    }
}

/// A yes/no/unknown answer as stored: `yes`, `no`, `unknown`, or empty when not recorded.
fn yes_no_unknown(what: &str, value: &str) -> Result<String> {
    let v = value.trim().to_ascii_lowercase();
    let answer = match v.as_str() {
        "" => return Ok(String::new()),
        "y" => crate::domain::YesNo::Yes,
        "n" => crate::domain::YesNo::No,
        other => other
            .parse()
            .map_err(|_| Error::invalid(format!("{what} takes yes, no or unknown, not {:?}", value.trim())))?,
    };
    Ok(answer.as_str().to_string())
}

fn payment_details(id: i64, p: &NewPayment) -> serde_json::Value {
    let mut details = json!({
        "payment": id, "paid_on": p.paid_on, "amount_cents": p.amount_cents, "currency": p.currency,
        "method": p.method, "recipient": p.recipient, "subject": p.subject_id, "bank": p.bank,
        "routing_number": p.routing_number, "account": p.account, "note": p.note,
    });
    for (key, value) in [
        ("name_on_account", &p.name_on_account),
        ("swift", &p.swift),
        ("originating_bank", &p.originating_bank),
        ("originating_account", &p.originating_account),
        ("wallet", &p.wallet),
        ("tx_hash", &p.tx_hash),
        ("bank_contacted", &p.bank_contacted),
        ("bank_address", &p.bank_address),
        ("bank_city", &p.bank_city),
        ("bank_state", &p.bank_state),
        ("bank_zip", &p.bank_zip),
        ("bank_country", &p.bank_country),
    ] {
        if !value.is_empty() {
            details[key] = json!(value);
        }
    }
    for (detail, value) in p.details.each() {
        if !value.is_empty() {
            details[detail.column] = json!(value);
        }
    }
    details
}
