//! Payments: money paid to, or asked for by, a subject.

use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::key_tags::TagKey;
use crate::domain::{IdentifierKind, NewPayment, Payment, TransactionDetails};
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

/// The match key of the wallet a payment went to: the same as a crypto-wallet identifier's, so the wallet
/// links whether a case holds it as an identifier or as where a payment went. None without a wallet.
pub fn wallet_key(wallet: &str) -> Option<String> {
    if wallet.trim().is_empty() {
        return None;
    }
    IdentifierKind::CryptoWallet.check(wallet).ok().map(|c| c.normalized)
}

/// A payment's match keys: its account's (key and looser key) and its wallet's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    pub account: Option<String>,
    pub account_loose: Option<String>,
    pub wallet: Option<String>,
}

impl Keys {
    /// The keys of a payment to `account` at `routing`, or to `wallet`.
    pub fn of(routing: &str, account: &str, wallet: &str) -> Keys {
        let (account, account_loose) = account_keys(routing, account);
        Keys { account, account_loose, wallet: wallet_key(wallet) }
    }

    /// Their tag (`store::key_tags`), as a blob to store; none without `tag_key`.
    pub(crate) fn tag(&self, typed: (&str, &str, &str), tag_key: Option<&TagKey>) -> Option<Vec<u8>> {
        tag_key.map(|k| k.payment(typed, self).to_vec())
    }
}

/// An empty text as NULL: the columns added in schema step 5 are sealed only when they hold a value.
fn nullable(value: &str) -> Option<&str> {
    (!value.is_empty()).then_some(value)
}

/// The IC3 detail columns (schema step 7), comma-separated.
fn detail_columns() -> String {
    TransactionDetails::ALL.iter().map(|d| d.column).collect::<Vec<_>>().join(", ")
}

/// Writes a payment's IC3 details; each empty one as NULL.
fn put_details(conn: &Connection, id: i64, d: &TransactionDetails) -> Result<()> {
    let sets: Vec<String> =
        TransactionDetails::ALL.iter().enumerate().map(|(i, d)| format!("{} = ?{}", d.column, i + 2)).collect();
    let sql = format!("UPDATE payment SET {} WHERE id = ?1", sets.join(", "));
    let values: Vec<Option<&str>> = d.values().into_iter().map(nullable).collect();
    conn.prepare_cached(&sql)?.execute(params_from_iter(
        std::iter::once(&id as &dyn rusqlite::ToSql).chain(values.iter().map(|v| v as &dyn rusqlite::ToSql)),
    ))?;
    Ok(())
}

/// Writes a new payment with its match keys; with `tag_key`, tagged (`store::key_tags`).
pub fn insert(conn: &Connection, case_id: i64, p: &NewPayment, now: &str, tag_key: Option<&TagKey>) -> Result<i64> {
    let keys = Keys::of(&p.routing_number, &p.account, &p.wallet);
    let tag = keys.tag((&p.routing_number, &p.account, &p.wallet), tag_key);
    let Keys { account: key, account_loose: loose, wallet: wallet_key } = keys;
    conn.prepare_cached(
        "INSERT INTO payment (case_id, subject_id, paid_on, amount_cents, currency, method, recipient, bank,
                              routing_number, account, note, created_at, account_key, account_loose,
                              name_on_account, swift, originating_bank, originating_account, wallet, tx_hash,
                              bank_contacted, bank_address, bank_city, bank_state, bank_zip, bank_country, key_tag,
                              wallet_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                 ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)",
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
        loose,
        nullable(&p.name_on_account),
        nullable(&p.swift),
        nullable(&p.originating_bank),
        nullable(&p.originating_account),
        nullable(&p.wallet),
        nullable(&p.tx_hash),
        nullable(&p.bank_contacted),
        nullable(&p.bank_address),
        nullable(&p.bank_city),
        nullable(&p.bank_state),
        nullable(&p.bank_zip),
        nullable(&p.bank_country),
        tag,
        wallet_key
    ])?;
    let id = conn.last_insert_rowid();
    if p.details != TransactionDetails::default() {
        put_details(conn, id, &p.details)?;
    }
    Ok(id)
}

const COLUMNS: &str = "id, case_id, subject_id, paid_on, amount_cents, currency, method, recipient, bank,
                       routing_number, account, note, created_at, name_on_account, swift, originating_bank,
                       originating_account, wallet, tx_hash, bank_contacted, bank_address, bank_city, bank_state,
                       bank_zip, bank_country, voided_at, voided_by, void_reason";
/// Where the IC3 details start in a row read with [`COLUMNS`] then [`detail_columns`].
const DETAILS_AT: usize = 28;

pub fn get(conn: &Connection, id: i64) -> Result<Payment> {
    conn.prepare_cached(&format!("SELECT {COLUMNS}, {} FROM payment WHERE id = ?1", detail_columns()))?
        .query_row([id], payment)
        .optional()?
        .ok_or_else(|| Error::invalid(format!("no payment #{id}")))
}

/// The amounts of case `case_id`'s payments in `currency`, voided ones included, but for payment `except`.
pub fn amounts_in(conn: &Connection, case_id: i64, currency: &str, except: Option<i64>) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT amount_cents FROM payment WHERE case_id = ?1 AND currency = ?2 AND id IS NOT ?3")?;
    let rows = stmt.query_map(params![case_id, currency, except], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Corrects a payment, deriving its match keys afresh; with `tag_key`, tagged.
pub fn update(conn: &Connection, id: i64, p: &NewPayment, tag_key: Option<&TagKey>) -> Result<()> {
    let keys = Keys::of(&p.routing_number, &p.account, &p.wallet);
    let tag = keys.tag((&p.routing_number, &p.account, &p.wallet), tag_key);
    let Keys { account: key, account_loose: loose, wallet: wallet_key } = keys;
    conn.prepare_cached(
        "UPDATE payment SET subject_id = ?2, paid_on = ?3, amount_cents = ?4, currency = ?5, method = ?6, recipient = ?7,
                bank = ?8, routing_number = ?9, account = ?10, note = ?11, account_key = ?12, account_loose = ?13,
                name_on_account = ?14, swift = ?15, originating_bank = ?16, originating_account = ?17,
                wallet = ?18, tx_hash = ?19, bank_contacted = ?20, bank_address = ?21, bank_city = ?22,
                bank_state = ?23, bank_zip = ?24, bank_country = ?25, key_tag = ?26, wallet_key = ?27
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
        loose,
        nullable(&p.name_on_account),
        nullable(&p.swift),
        nullable(&p.originating_bank),
        nullable(&p.originating_account),
        nullable(&p.wallet),
        nullable(&p.tx_hash),
        nullable(&p.bank_contacted),
        nullable(&p.bank_address),
        nullable(&p.bank_city),
        nullable(&p.bank_state),
        nullable(&p.bank_zip),
        nullable(&p.bank_country),
        tag,
        wallet_key
    ])?;
    put_details(conn, id, &p.details)
}

pub fn of_case(conn: &Connection, case_id: i64) -> Result<Vec<Payment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, {} FROM payment WHERE case_id = ?1 ORDER BY paid_on, id",
        detail_columns()
    ))?;
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
        name_on_account: text(r, 13)?,
        swift: text(r, 14)?,
        originating_bank: text(r, 15)?,
        originating_account: text(r, 16)?,
        wallet: text(r, 17)?,
        tx_hash: text(r, 18)?,
        bank_contacted: text(r, 19)?,
        bank_address: text(r, 20)?,
        bank_city: text(r, 21)?,
        bank_state: text(r, 22)?,
        bank_zip: text(r, 23)?,
        bank_country: text(r, 24)?,
        void: super::void_at(r, 25)?,
        details: {
            let mut d = TransactionDetails::default();
            for (i, value) in d.values_mut().into_iter().enumerate() {
                *value = text(r, DETAILS_AT + i)?;
            }
            d
        },
    })
}

/// A nullable text column, NULL read as empty.
fn text(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// A payment's routing number and account are keyed as the bank-account identifier that writes them
    /// `ROUTING:ACCOUNT`: labels, IBANs and a routing number given twice alike.
    #[test]
    fn payment_accounts_get_the_same_key_as_identifiers() {
        let key = |routing: &str, account: &str| account_keys(routing, account).0;
        let identifier = |raw: &str| IdentifierKind::BankAccount.check(raw).unwrap().normalized;
        assert_eq!(key("076401251", "1234 5678").as_deref(), Some("076401251:12345678"));
        assert_eq!(key("0764-0125-1", "12345678"), Some(identifier("0764-0125-1:12345678")));
        assert_eq!(key("", "ab-1234").as_deref(), Some("AB1234"));
        assert_eq!(key("  ", "ab-1234"), Some(identifier("ab-1234")));
        assert_eq!(key("076401251", " - "), None);
        for iban in ["GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00", "FR1420041010050500013M02606"] {
            assert_eq!(key("", iban), Some(identifier(iban)), "{iban}");
        }
        assert_eq!(key("076401251", "GB82 WEST 1234 5698 7654 32").as_deref(), Some("IBAN:GB82WEST12345698765432"));
        assert_eq!(key("076401251", "Acct# 12345678").as_deref(), Some("076401251:12345678"));
        // The routing number written after the account under its label, with or without --routing.
        for (routing, account) in
            [("", "Account: 12345678, Routing: 076401251"), ("076401251", "12345678 ABA 076401251")]
        {
            assert_eq!(key(routing, account).as_deref(), Some("076401251:12345678"), "{account}");
        }
    }

    #[test]
    fn empty_transaction_fields_are_stored_as_null_and_read_back_empty() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        crate::store::cases::insert(conn, "t", crate::domain::Priority::Low, "1", "now").unwrap();
        let p = NewPayment {
            paid_on: "2025-01-01".into(),
            amount_cents: 100,
            currency: "USD".into(),
            method: "crypto".into(),
            wallet: "TQ5NZ3bq6ZXvH9yQd7Pp9VgLr8Y3KkM1aB".into(),
            ..NewPayment::default()
        };
        let id = insert(conn, 1, &p, "now", None).unwrap();
        let nulls: i64 = conn
            .query_row(
                "SELECT (swift IS NULL) + (tx_hash IS NULL) + (name_on_account IS NULL) + (wallet IS NULL)
                 FROM payment WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(nulls, 3, "only the wallet holds a value");
        let back = get(conn, id).unwrap();
        assert_eq!(NewPayment::from(&back), p);
        let edited = NewPayment { swift: "DEUTDEFF".into(), wallet: String::new(), ..p };
        update(conn, id, &edited, None).unwrap();
        assert_eq!(NewPayment::from(&get(conn, id).unwrap()), edited);
    }
}
