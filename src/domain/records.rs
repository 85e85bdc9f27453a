//! The records a case holds, as plain data.

use serde::{Deserialize, Serialize};

use super::{HireStage, IdentifierKind, MarkState, Role, TransactionDetails};

/// The workspace's own organization: the complainant in an IC3 summary, and who files it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Organization {
    pub name: String,
    pub address1: String,
    pub address2: String,
    /// Suite, apartment or mail stop.
    pub suite: String,
    pub city: String,
    pub county: String,
    pub state: String,
    pub zip: String,
    pub country: String,
    pub phone: String,
    pub email: String,
    pub it_poc: String,
    pub other_poc: String,
    pub sector: String,
    /// The critical-infrastructure subsector within `sector`, if any.
    pub subsector: String,
    pub filer_name: String,
    pub filer_phone: String,
    pub filer_email: String,
}

impl Organization {
    /// Field names, in the order the IC3 form asks for them; `set` and `get` take these names.
    pub const FIELDS: &'static [&'static str] = &[
        "name",
        "address1",
        "address2",
        "suite",
        "city",
        "county",
        "state",
        "zip",
        "country",
        "phone",
        "email",
        "it_poc",
        "other_poc",
        "sector",
        "subsector",
        "filer_name",
        "filer_phone",
        "filer_email",
    ];

    /// A field as messages name it: what `org set --help` calls it, not its stored name.
    pub fn label(name: &str) -> &str {
        match name {
            "name" => "company name",
            "address1" => "address line 1",
            "address2" => "address line 2",
            "zip" => "ZIP code",
            "email" => "email address",
            "phone" => "phone number",
            "it_poc" => "IT point of contact",
            "other_poc" => "other point of contact",
            "sector" => "critical-infrastructure sector",
            "subsector" => "critical-infrastructure subsector",
            "filer_name" => "filer's name",
            "filer_phone" => "filer's phone number",
            "filer_email" => "filer's email address",
            other => other,
        }
    }

    pub fn field_mut(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "name" => &mut self.name,
            "address1" => &mut self.address1,
            "address2" => &mut self.address2,
            "suite" => &mut self.suite,
            "city" => &mut self.city,
            "county" => &mut self.county,
            "state" => &mut self.state,
            "zip" => &mut self.zip,
            "country" => &mut self.country,
            "phone" => &mut self.phone,
            "email" => &mut self.email,
            "it_poc" => &mut self.it_poc,
            "other_poc" => &mut self.other_poc,
            "sector" => &mut self.sector,
            "subsector" => &mut self.subsector,
            "filer_name" => &mut self.filer_name,
            "filer_phone" => &mut self.filer_phone,
            "filer_email" => &mut self.filer_email,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subject {
    pub id: i64,
    pub case_id: i64,
    pub role: Role,
    pub name: String,
    pub business: String,
    pub aliases: Vec<String>,
    pub location: String,
    pub position: String,
    pub vendor: String,
    pub hire_stage: Option<HireStage>,
    pub hired_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Set when the record was voided.
    #[serde(flatten)]
    pub void: Option<Void>,
}

/// How a subject made from a roster row with no name is named: these words, then where the row came from
/// (`no name given (roster hr, ID 1001)`), so that an id is never taken for a person's name.
pub const NO_NAME: &str = "no name given";

impl Subject {
    /// Where the row came from, when the subject was named [`NO_NAME`] (`roster hr, ID 1001`): the file gave
    /// no name, so none is filed.
    pub fn unnamed_from(&self) -> Option<&str> {
        self.name.strip_prefix(NO_NAME)?.strip_prefix(" (")?.strip_suffix(')')
    }

    /// A subject with only a role and a name, not yet stored (id 0).
    pub fn new(case_id: i64, role: Role, name: &str, now: &str) -> Subject {
        Subject {
            id: 0,
            case_id,
            role,
            name: name.to_string(),
            business: String::new(),
            aliases: Vec::new(),
            location: String::new(),
            position: String::new(),
            vendor: String::new(),
            hire_stage: None,
            hired_on: None,
            created_at: now.to_string(),
            updated_at: now.to_string(),
            void: None,
        }
    }
}

/// The editable fields of a subject; on an edit, `None` leaves a field as it was, `Some(None)` clears the
/// hire stage and an empty `hired_on` the date of hire.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubjectFields {
    pub role: Option<Role>,
    pub name: Option<String>,
    pub business: Option<String>,
    pub aliases: Option<Vec<String>>,
    pub location: Option<String>,
    pub position: Option<String>,
    pub vendor: Option<String>,
    pub hire_stage: Option<Option<HireStage>>,
    pub hired_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identifier {
    pub id: i64,
    pub case_id: i64,
    pub subject_id: Option<i64>,
    pub kind: IdentifierKind,
    pub raw: String,
    pub normalized: String,
    /// The weaker match key (same network, same building, same account at another bank), if any.
    pub loose: Option<String>,
    pub warning: Option<String>,
    pub note: String,
    pub created_at: String,
    /// Set when the record was voided.
    #[serde(flatten)]
    pub void: Option<Void>,
}

/// How a payment was made: the words `payment add --method` takes. Each maps to a transaction type of
/// the IC3 form.
pub const PAYMENT_METHODS: &[&str] =
    &["wire", "ach", "check", "crypto", "p2p", "card", "cash", "money-order", "gift-card", "other"];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Payment {
    pub id: i64,
    pub case_id: i64,
    pub subject_id: Option<i64>,
    pub paid_on: String,
    pub amount_cents: i64,
    pub currency: String,
    pub method: String,
    pub recipient: String,
    pub bank: String,
    pub routing_number: String,
    pub account: String,
    pub note: String,
    pub created_at: String,
    /// Whose name the receiving account is in, when that is not the recipient's.
    pub name_on_account: String,
    /// The receiving bank's SWIFT/BIC code, as given (checked against the form's pattern in reports).
    pub swift: String,
    /// The bank and account the money left from.
    pub originating_bank: String,
    pub originating_account: String,
    /// For cryptocurrency: the receiving wallet and the transaction hash.
    pub wallet: String,
    pub tx_hash: String,
    /// "Did you contact your bank, financial institution, or cryptocurrency exchange?": `yes`, `no`,
    /// `unknown`, or empty when not recorded.
    pub bank_contacted: String,
    /// The receiving bank's address: the street, on one line (a summary splits one longer than the
    /// form's 50-character line at its commas), then city, state, ZIP code and country.
    pub bank_address: String,
    pub bank_city: String,
    pub bank_state: String,
    pub bank_zip: String,
    pub bank_country: String,
    /// The form's other per-transaction fields.
    #[serde(flatten)]
    pub details: TransactionDetails,
    /// Set when the record was voided.
    #[serde(flatten)]
    pub void: Option<Void>,
}

impl Payment {
    /// Where the money went, each part only as recorded: the recipient, then the receiving account and
    /// the receiving wallet (`["Jin Park", "account 000123456789"]`); empty when none was recorded.
    pub fn paid_to(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if !self.recipient.trim().is_empty() {
            parts.push(self.recipient.trim().to_string());
        }
        // Whose name the account is in, as the summary's "Recipient name on account".
        let holder = match self.name_on_account.trim() {
            "" => String::new(),
            name => format!(" in the name of {name}"),
        };
        match self.account.trim() {
            "" if !holder.is_empty() => parts.push(format!("an account{holder}")),
            "" => {}
            account => parts.push(format!("account {account}{holder}")),
        }
        if !self.wallet.trim().is_empty() {
            parts.push(format!("wallet {}", self.wallet.trim()));
        }
        // A peer-to-peer transfer's receiving account and a gift card's recipient are recipients too.
        let d = &self.details;
        if !d.recipient_account_identifier.trim().is_empty() {
            parts.push(format!("account identifier {}", d.recipient_account_identifier.trim()));
        }
        if !d.recipient_identifier.trim().is_empty() {
            parts.push(format!("recipient identifier {}", d.recipient_identifier.trim()));
        }
        parts
    }

    /// Whether the payment is recorded as money not sent (the form's "Was the money sent or lost?"
    /// answered no): it is listed as recorded, but it is no loss.
    pub fn not_sent(&self) -> bool {
        self.details.money_sent.trim().eq_ignore_ascii_case("no")
    }
}

impl From<&Payment> for NewPayment {
    fn from(p: &Payment) -> NewPayment {
        NewPayment {
            subject_id: p.subject_id,
            paid_on: p.paid_on.clone(),
            amount_cents: p.amount_cents,
            currency: p.currency.clone(),
            method: p.method.clone(),
            recipient: p.recipient.clone(),
            bank: p.bank.clone(),
            routing_number: p.routing_number.clone(),
            account: p.account.clone(),
            note: p.note.clone(),
            name_on_account: p.name_on_account.clone(),
            swift: p.swift.clone(),
            originating_bank: p.originating_bank.clone(),
            originating_account: p.originating_account.clone(),
            wallet: p.wallet.clone(),
            tx_hash: p.tx_hash.clone(),
            bank_contacted: p.bank_contacted.clone(),
            bank_address: p.bank_address.clone(),
            bank_city: p.bank_city.clone(),
            bank_state: p.bank_state.clone(),
            bank_zip: p.bank_zip.clone(),
            bank_country: p.bank_country.clone(),
            details: p.details.clone(),
        }
    }
}

/// A payment as entered, before it has an id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewPayment {
    pub subject_id: Option<i64>,
    pub paid_on: String,
    pub amount_cents: i64,
    pub currency: String,
    pub method: String,
    pub recipient: String,
    pub bank: String,
    pub routing_number: String,
    pub account: String,
    pub note: String,
    pub name_on_account: String,
    pub swift: String,
    pub originating_bank: String,
    pub originating_account: String,
    pub wallet: String,
    pub tx_hash: String,
    pub bank_contacted: String,
    pub bank_address: String,
    pub bank_city: String,
    pub bank_state: String,
    pub bank_zip: String,
    pub bank_country: String,
    pub details: TransactionDetails,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub code: String,
    pub state: MarkState,
    pub note: String,
    pub marked_by: String,
    pub marked_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub id: i64,
    pub case_id: i64,
    /// `file`, or `resume` for a resume whose text is fingerprinted for near-duplicates.
    pub kind: String,
    pub path: String,
    pub sha256: String,
    pub size: u64,
    pub modified_at: Option<String>,
    pub description: String,
    pub attached_at: String,
    pub attached_by: String,
    pub last_check: Option<String>,
    pub last_checked_at: Option<String>,
    pub items: Vec<String>,
    /// Checklist items it was linked to and then unlinked, with who unlinked it, when and why.
    pub unlinked: Vec<Unlinked>,
    /// Set when the record was voided.
    #[serde(flatten)]
    pub void: Option<Void>,
}

/// A link of evidence to a checklist item, voided with a reason (`evidence unlink`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Unlinked {
    pub code: String,
    pub voided_at: String,
    pub voided_by: String,
    pub reason: String,
}

impl Evidence {
    /// What its last check found, when that was not the file as pinned: "its last check (2026-12-04T…)
    /// found the file changed".
    pub fn failed_check(&self) -> Option<String> {
        match self.last_check.as_deref() {
            Some(found @ ("changed" | "missing")) => Some(format!(
                "its last check ({}) found the file {found}",
                self.last_checked_at.as_deref().unwrap_or("date not recorded")
            )),
            _ => None,
        }
    }
}

/// Who voided a record, when and why. A voided record stays in the workspace and the audit trail; it
/// no longer counts in links, suggestions, search, scores or the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Void {
    pub voided_at: String,
    pub voided_by: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: i64,
    pub case_id: i64,
    pub body: String,
    pub author: String,
    pub created_at: String,
    /// How many earlier texts the note has (`note history`); 0 for a note never edited.
    pub revisions: u32,
    /// Who wrote the text it has now, and when, if that was an edit (`author` and `created_at` are the
    /// first text's).
    pub edited: Option<NoteEdit>,
    /// Set when the record was voided.
    #[serde(flatten)]
    pub void: Option<Void>,
}

impl Note {
    /// " · edited by bob 2026-03-02T09:00:00Z, 1 earlier text(s)" for an edited note, else nothing: who
    /// wrote the text shown, when it is not the note's first author.
    pub fn edited_label(&self) -> String {
        match &self.edited {
            Some(e) => format!(
                " · edited by {} {}, {}",
                e.by,
                e.at,
                crate::text::counted(self.revisions, "earlier text", "earlier texts")
            ),
            None => String::new(),
        }
    }
}

/// The edit that gave a note the text it has now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteEdit {
    pub by: String,
    pub at: String,
}

/// An earlier text of a note, kept when the note was edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteRevision {
    pub revision: u32,
    pub body: String,
    /// Who wrote this text, and when.
    pub written_by: String,
    pub written_at: String,
    /// Who replaced it, and when.
    pub replaced_by: String,
    pub replaced_at: String,
}

/// Writes an amount in cents as `1234.56`.
pub fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

/// How many decimal places `currency`'s amounts are written with: ISO 4217's minor unit (0 for the yen and
/// the won, 2 for most, 3 for the Bahraini and Kuwaiti dinars); 2 for a code it does not know.
fn currency_places(currency: &str) -> u32 {
    iso_currency::Currency::from_code(&currency.trim().to_uppercase()).and_then(|c| c.exponent()).map_or(2, u32::from)
}

/// Writes an amount in cents in its currency's minor unit: `1234.56 USD`'s amount as `1234.56`, `1500 JPY`'s
/// as `1500`, `5.55 BHD`'s as `5.550` (vetdesk keeps hundredths, so a third place is always 0). An amount
/// finer than its currency allows (kept before vetdesk refused one) keeps its hundredths, so that nothing
/// recorded is rounded away.
pub fn format_amount(cents: i64, currency: &str) -> String {
    let places = currency_places(currency);
    if places > 2 {
        return format!("{}{}", format_cents(cents), "0".repeat(places as usize - 2));
    }
    let unit = 10_i64.pow(2 - places);
    if places == 2 || cents % unit != 0 {
        return format_cents(cents);
    }
    let plain = format_cents(cents);
    plain[..plain.len() - (2 - places as usize) - usize::from(places == 0)].to_string()
}

/// [`format_amount`] as an amount is typed back: at most two decimal places (`5.55` for 5.550 BHD), since a
/// third is refused on input (`1.500` could be 1500).
pub fn format_amount_to_type(cents: i64, currency: &str) -> String {
    if currency_places(currency) > 2 { format_cents(cents) } else { format_amount(cents, currency) }
}

/// Writes an amount in cents as read, without trailing zeros after its point: `100.5`, `12`, `0.05`.
pub fn format_cents_as_read(cents: i64) -> String {
    let plain = format_cents(cents);
    plain.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// What an amount may look like, for errors and hints.
pub const AMOUNT_FORMS: &str = "like 4200, 4200.50 or 4,200.50 (a dot before the cents; commas or spaces only \
                                between groups of three digits)";

/// Reads an amount into cents: `1234`, `1234.5`, `1234.56`, or with its thousands grouped by commas or
/// spaces, `1,234,567.89` or `1 234 567.89`. Anything that could be read two ways is refused rather than
/// guessed: `4,20` (a decimal comma?), `4.200,00` (dots between thousands?), `12.345`, mixed or uneven
/// groups.
pub fn parse_amount(s: &str) -> crate::Result<i64> {
    let s = s.trim();
    let bad = |why: &str| crate::Error::invalid(format!("invalid amount {s:?}: {why}; write it {AMOUNT_FORMS}"));
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if s.contains(',') && (frac.contains(',') || frac.contains('.')) {
        return Err(bad("a comma after the dot reads two ways"));
    }
    if frac.len() > 2 && frac.bytes().all(|b| b.is_ascii_digit()) {
        // Not even `5.550`: `1.500` is also 1500 written with a dot between the thousands.
        return Err(bad(
            "at most two digits go after the dot: vetdesk keeps amounts to the hundredth (a third decimal, as in \
             5.555 BHD, would be rounded away, and 1.500 can be read as 1500)",
        ));
    }
    if whole.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 2 || s.ends_with('.') {
        return Err(bad("not an amount of money"));
    }
    let grouped = whole.contains(SEPARATORS);
    let whole = ungrouped(whole).ok_or_else(|| {
        bad(if grouped { "it is not grouped in threes, so the comma could be a decimal comma" } else { "not a number" })
    })?;
    if whole.len() > 15 {
        return Err(bad("too large"));
    }
    let whole: i64 = whole.parse().map_err(|_| bad("not an amount of money"))?;
    let frac: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().map_err(|_| bad("bad cents"))? };
    Ok(whole * 100 + frac)
}

/// What may group an amount's thousands: a comma, a space, a no-break space, a narrow no-break space.
const SEPARATORS: [char; 4] = [',', ' ', '\u{a0}', '\u{202f}'];

/// The digits of a whole amount, with its thousands separator (one of `,`, space, no-break space,
/// narrow no-break space) taken out; `None` unless every group after the first has exactly three digits.
fn ungrouped(whole: &str) -> Option<String> {
    if whole.bytes().all(|b| b.is_ascii_digit()) {
        return Some(whole.to_string());
    }
    let separator = whole.chars().find(|c| !c.is_ascii_digit())?;
    if !SEPARATORS.contains(&separator) {
        return None;
    }
    let mut groups = whole.split(separator);
    let first = groups.next()?;
    let first_ok = (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit());
    let mut digits = first.to_string();
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(group);
    }
    first_ok.then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_without_floats_and_refuse_ambiguity() {
        assert_eq!(parse_amount("1250").unwrap(), 125_000);
        assert_eq!(parse_amount("1250.5").unwrap(), 125_050);
        assert_eq!(parse_amount(" 0.07 ").unwrap(), 7);
        for bad in ["1.234,56", "-5", "12.345", "", ".5", "abc", "5.", "1e3"] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
        assert_eq!(format_cents(125_050), "1250.50");
    }

    #[test]
    fn amounts_take_thousands_grouped_by_commas_or_spaces() {
        assert_eq!(parse_amount("4,200.00").unwrap(), 420_000);
        assert_eq!(parse_amount("1,234,567.89").unwrap(), 123_456_789);
        assert_eq!(parse_amount("4 200.00").unwrap(), 420_000);
        assert_eq!(parse_amount("1\u{a0}234\u{a0}567.8").unwrap(), 123_456_780);
        assert_eq!(parse_amount("12,345").unwrap(), 1_234_500);
        assert_eq!(parse_amount(" 999,999,999,999,999.99 ").unwrap(), 99_999_999_999_999_999);
    }

    #[test]
    fn ambiguous_or_uneven_grouping_is_refused_saying_what_is_accepted() {
        for bad in [
            "4,20",
            "4.200,00",
            "4,200,00",
            "1,2345",
            ",200",
            "1234,567",
            "1,234 567",
            "4,200.",
            "4;200",
            "1,000,000,000,000,000",
        ] {
            let e = parse_amount(bad).expect_err(bad).to_string();
            assert!(e.contains("4,200.50") && e.contains("a dot before the cents"), "{bad}: {e}");
        }
        assert!(parse_amount("4.200,00").unwrap_err().to_string().contains("reads two ways"));
        assert!(parse_amount("4,20").unwrap_err().to_string().contains("could be a decimal comma"));
        assert!(parse_amount("abc").unwrap_err().to_string().contains("not a number"));
        assert!(parse_amount("12.345").unwrap_err().to_string().contains("two digits"));
    }
}
