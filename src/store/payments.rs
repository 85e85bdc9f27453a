//! Payments: money paid to, or asked for by, a subject.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::{IdentifierKind, NewPayment, Payment};
use crate::{Error, Result};

/// The match keys of the account a payment went to: the same as a bank-account identifier's.
pub fn account_keys(routing: &str, account: &str) -> (Option<String>, Option<String>) {
    if !account.chars().any(char::is_alphanumeric) {
        return (None, None);
    }
    let value = if routing.trim().is_empty() { account.to_string() } else { format!("{}:{account}", routing.trim()) };
    match IdentifierKind::BankAccount.check(&value) {
        Ok(c) => (Some(c.normalized), c.loose),
        Err(_) => (None, None),
    }
}

pub fn insert(conn: &Connection, case_id: i64, p: &NewPayment, now: &str) -> Result<i64> {
    let (key, loose) = account_keys(&p.routing_number, &p.account);
    conn.prepare_cached(
        "INSERT INTO payment (case_id, subject_id, paid_on, amount_cents, currency, method, recipient, bank,
                              routing_number, account, note, created_at, account_key, account_loose)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        case_id,
        p.subject_id,
        p.paid_on,
        p.amount_cents,
        p.currency,
        p.method,
        p.recipient,
        p.bank,
        p.routing_number,
        p.account,
        p.note,
        now,
        key,
        loose
    ])?;
    Ok(conn.last_insert_rowid())
}

const COLUMNS: &str =
    "id, case_id, subject_id, paid_on, amount_cents, currency, method, recipient, bank, routing_number,
                       account, note, created_at";

pub fn get(conn: &Connection, id: i64) -> Result<Payment> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM payment WHERE id = ?1"))?
        .query_row([id], payment)
        .optional()?
        .ok_or_else(|| Error::invalid(format!("no payment #{id}")))
}

pub fn update(conn: &Connection, id: i64, p: &NewPayment) -> Result<()> {
    let (key, loose) = account_keys(&p.routing_number, &p.account);
    conn.prepare_cached(
        "UPDATE payment SET subject_id = ?2, paid_on = ?3, amount_cents = ?4, currency = ?5, method = ?6, recipient = ?7,
                bank = ?8, routing_number = ?9, account = ?10, note = ?11, account_key = ?12, account_loose = ?13
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        p.subject_id,
        p.paid_on,
        p.amount_cents,
        p.currency,
        p.method,
        p.recipient,
        p.bank,
        p.routing_number,
        p.account,
        p.note,
        key,
        loose
    ])?;
    Ok(())
}

pub fn of_case(conn: &Connection, case_id: i64) -> Result<Vec<Payment>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM payment WHERE case_id = ?1 ORDER BY paid_on, id"))?;
    let rows = stmt.query_map([case_id], payment)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn payment(r: &rusqlite::Row<'_>) -> rusqlite::Result<Payment> {
    Ok(Payment {
        id: r.get(0)?,
        case_id: r.get(1)?,
        subject_id: r.get(2)?,
        paid_on: r.get(3)?,
        amount_cents: r.get(4)?,
        currency: r.get(5)?,
        method: r.get(6)?,
        recipient: r.get(7)?,
        bank: r.get(8)?,
        routing_number: r.get(9)?,
        account: r.get(10)?,
        note: r.get(11)?,
        created_at: r.get(12)?,
    })
}
