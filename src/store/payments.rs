//! Payments: money paid to, or asked for by, a subject.

use rusqlite::{Connection, params};

use crate::Result;
use crate::domain::{NewPayment, Payment};

pub fn insert(conn: &Connection, case_id: i64, p: &NewPayment, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO payment (case_id, subject_id, paid_on, amount_cents, currency, method, recipient, bank,
                              routing_number, account, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
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
        now
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn of_case(conn: &Connection, case_id: i64) -> Result<Vec<Payment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, case_id, subject_id, paid_on, amount_cents, currency, method, recipient, bank, routing_number,
                account, note, created_at
         FROM payment WHERE case_id = ?1 ORDER BY paid_on, id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
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
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
