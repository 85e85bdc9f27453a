//! Builds the summary model from a case's records: the form's sections, the annexes, and the list
//! of fields over their limits.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use super::annex::annexes;
use super::checks::{format_problems, limit_problems, required_blank, unanswered};
use super::ic3::{self, amount, digits_only};
use super::load::CaseData;
use super::model::*;
use super::{Options, TransactionType};
use super::{draft, technical};
use crate::domain::identifier::{AddressParts, address_parts};
use crate::domain::{AnswerField, Identifier, IdentifierKind, Role, Subject, YesNo};

pub(super) fn summary(d: &CaseData, options: &Options) -> Summary {
    let include_references = d.answers.yes_no(AnswerField::IncludeReferences) == Some(YesNo::Yes);
    let (listed, left_out): (Vec<&Subject>, Vec<&Subject>) =
        d.subjects.iter().partition(|s| s.role != Role::Reference || include_references);
    let transactions = transactions(d);
    let (description, description_left_out) = draft::description_and_left_out(d);
    let mut s = Summary {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        header: header(d, options),
        over_limit: Vec::new(),
        format_problems: org_phone_problems(d).into_iter().chain(format_problems(&transactions)).collect(),
        unanswered: unanswered(d),
        filer: filer(d),
        complainant: complainant(d),
        transactions,
        subjects: {
            let (first, suspicion) = (FirstHeld::new(d), draft::suspicion(d));
            listed.into_iter().map(|s| subject_block(d, s, &first, suspicion)).collect()
        },
        subjects_left_out: left_out
            .into_iter()
            .map(|s| LeftOut { subject_id: s.id, role: s.role, name: s.name.clone(), named_in: named_in(d, s) })
            .collect(),
        description: Field::limited(description, ic3::DESCRIPTION),
        description_left_out,
        other_information: OtherInformation {
            technical_details: Field::limited(technical::technical_details(d), ic3::TECHNICAL),
            // Pasted into the form as they are: no internal case number in them either.
            witnesses: Field::limited(in_words(d, &d.case.witnesses), ic3::WITNESSES),
            other_reports: Field::limited(in_words(d, &d.case.other_reports), ic3::OTHER_REPORTS),
            update: yes_no(d, AnswerField::Update),
            previous_complaint: Field::free(d.answers.text(AnswerField::PreviousComplaint)),
        },
        signature: Signature { digital_signature: Field::limited(signature(d), ic3::SIGNATURE) },
        annexes: annexes(d),
    };
    s.over_limit = limit_problems(&s);
    let required = required_blank(&s, d);
    s.format_problems.extend(required);
    s
}

/// The answer to a yes/no question as the form's radio button reads: Yes, No, Unknown (which the form
/// does not take, so it is listed among the unanswered), or blank.
fn yes_no(d: &CaseData, field: AnswerField) -> Field {
    let value = match d.answers.yes_no(field) {
        Some(YesNo::Yes) => "Yes",
        Some(YesNo::No) => "No",
        Some(YesNo::Unknown) => "Unknown",
        None => "",
    };
    Field::free(value)
}

/// A stored `yes`, `no` or `unknown` as the form's radio button reads (blank when not recorded).
fn yes_no_word(stored: &str) -> &'static str {
    match stored.parse::<YesNo>() {
        Ok(YesNo::Yes) => "Yes",
        Ok(YesNo::No) => "No",
        Ok(YesNo::Unknown) => "Unknown",
        Err(_) => "",
    }
}

/// The typed signature: the investigator's answer, else the filer's name.
pub(super) fn signature(d: &CaseData) -> String {
    match d.answers.text(AnswerField::Signature) {
        "" => filer_name(d).to_string(),
        typed => typed.to_string(),
    }
}

fn filer_name(d: &CaseData) -> &str {
    or(&d.org.filer_name, &d.actor)
}

fn header(d: &CaseData, options: &Options) -> Header {
    let c = &d.case;
    Header {
        case_id: c.id,
        title: c.title.clone(),
        status: c.status,
        priority: c.priority,
        disposition: c.disposition,
        tags: c.tags.clone(),
        opened_at: c.created_at.clone(),
        updated_at: c.updated_at.clone(),
        closed_at: c.closed_at.clone(),
        archived: c.archived.clone(),
        generated_at: d.now.clone(),
        generated_by: d.actor.clone(),
        redacted: options.redact,
        record_check: d.record.clone(),
    }
}

/// The investigator's texts the summary prints as written (notes, item notes, payment and identifier
/// notes) that hold the name or an alias of `s`, a subject left out: no rule can take a name out of free
/// text, so the summary says where it stands.
fn named_in(d: &CaseData, s: &Subject) -> Vec<String> {
    // Their name, an alias, or a value of theirs (an accepted suggestion's note quotes the value).
    let values: Vec<String> = d
        .voided_identifiers
        .iter()
        .filter(|i| i.void.is_none() && i.subject_id == Some(s.id) && i.raw.trim().chars().count() > 4)
        .map(|i| i.raw.trim().to_lowercase())
        .collect();
    let names_them = |text: &str| {
        let lower = text.to_lowercase();
        std::iter::once(&s.name).chain(&s.aliases).any(|n| super::load::holds_name(text, n))
            || values.iter().any(|v| lower.contains(v.as_str()))
    };
    let notes = d.notes.iter().filter(|n| names_them(&n.body)).map(|n| format!("note #{}", n.id));
    let items = d.checklist.iter().filter(|e| names_them(&e.note)).map(|e| format!("{}'s note", e.item.code));
    let payments = d.payments.iter().filter(|p| names_them(&p.note)).map(|p| format!("payment #{}'s note", p.id));
    let values = d.identifiers.iter().filter(|i| names_them(&i.note)).map(|i| format!("identifier #{}'s note", i.id));
    notes.chain(items).chain(payments).chain(values).collect()
}

/// One of the case's own fields (witnesses, other reports) with its case numbers in words, as the
/// description has them.
fn in_words(d: &CaseData, text: &str) -> String {
    super::neutral::neutral(&d.as_written(text, super::load::Text::Case), d.case_numbers())
}

/// `value`, or `fallback` when `value` is blank.
fn or<'a>(value: &'a str, fallback: &'a str) -> &'a str {
    if value.trim().is_empty() { fallback } else { value }
}

/// The organization's (`phone`) or the filer's (`filer_phone`) phone as the form's field takes it: the
/// number's digits; one that does not read as a phone number is shown as typed (and listed before filing),
/// never as digits cut from it.
fn org_phone(d: &CaseData, field: &str, value: &str) -> String {
    if d.org_phone_problems.iter().any(|p| p.field == field && p.invalid) {
        value.trim().to_string()
    } else {
        ic3::phone_digits(value)
    }
}

/// The problems of the organization's and filer's phones, in the sections whose fields show them: the
/// organization's phone is the filer's too when no filer phone is recorded.
fn org_phone_problems(d: &CaseData) -> Vec<FormatProblem> {
    let filer_has_own = !d.org.filer_phone.trim().is_empty();
    let mut out = Vec::new();
    for p in &d.org_phone_problems {
        let mut sections = vec![if p.field == "phone" { SECTION_COMPLAINANT } else { SECTION_FILER }];
        if p.field == "phone" && !filer_has_own {
            sections.insert(0, SECTION_FILER);
        }
        for section in sections {
            out.push(FormatProblem {
                section: section.to_string(),
                field: "Phone".to_string(),
                value: p.typed.clone(),
                problem: p.problem.clone(),
            });
        }
    }
    out.sort_by(|a, b| a.section.cmp(&b.section));
    out
}

fn filer(d: &CaseData) -> Filer {
    let o = &d.org;
    let (field, phone) =
        if o.filer_phone.trim().is_empty() { ("phone", &o.phone) } else { ("filer_phone", &o.filer_phone) };
    Filer {
        affected: yes_no(d, AnswerField::Affected),
        name: Field::limited(filer_name(d), ic3::NAME),
        business: Field::limited(o.name.clone(), ic3::BUSINESS),
        phone: Field::limited(org_phone(d, field, phone), ic3::PHONE),
        email: Field::limited(or(&o.filer_email, &o.email), ic3::EMAIL),
    }
}

/// Why the complainant's age range and minor question are left blank: vetdesk files for the organization.
const NOT_A_PERSON: &str = "the complainant is a business";

fn complainant(d: &CaseData) -> Complainant {
    let o = &d.org;
    Complainant {
        name: Field::limited(o.name.clone(), ic3::NAME),
        age_range: Field::not_applicable(NOT_A_PERSON),
        minor: Field::not_applicable(NOT_A_PERSON),
        address1: Field::limited(o.address1.clone(), ic3::ADDRESS_LINE),
        address2: Field::limited(o.address2.clone(), ic3::ADDRESS_LINE),
        suite: Field::limited(o.suite.clone(), ic3::SUITE),
        city: Field::limited(o.city.clone(), ic3::CITY),
        county: Field::limited(o.county.clone(), ic3::COUNTY),
        country: Field::free(o.country.clone()),
        state: Field::free(o.state.clone()),
        zip: Field::limited(o.zip.clone(), ic3::ZIP),
        phone: Field::limited(org_phone(d, "phone", &o.phone), ic3::PHONE),
        email: Field::limited(o.email.clone(), ic3::EMAIL),
        business: Business {
            targeted: yes_no(d, AnswerField::BusinessTargeted),
            name: Field::limited(o.name.clone(), ic3::BUSINESS),
            operations_impacted: yes_no(d, AnswerField::OperationsImpacted),
            it_poc: Field::limited(o.it_poc.clone(), ic3::POC),
            other_poc: Field::limited(o.other_poc.clone(), ic3::POC),
            sector: Field::free(o.sector.clone()),
            subsector: Field::free(o.subsector.clone()),
        },
    }
}

/// Whether an amount in `currency` can go into the form's US-dollar total as it is.
pub(super) fn is_usd(currency: &str) -> bool {
    currency.trim().eq_ignore_ascii_case("USD")
}

/// Amounts added up without overflowing. vetdesk refuses a payment that would take its case's total in a
/// currency past what an amount can hold (some 92 million billion), so only a workspace written otherwise
/// gets there; the total then stops at that bound instead of wrapping round or stopping the summary.
pub(super) fn sum(amounts: impl Iterator<Item = i64>) -> i64 {
    amounts.fold(0, i64::saturating_add)
}

fn transactions(d: &CaseData) -> Transactions {
    let mut totals: BTreeMap<&str, i64> = BTreeMap::new();
    for p in &d.payments {
        let total = totals.entry(p.currency.as_str()).or_default();
        *total = total.saturating_add(p.amount_cents);
    }
    let items: Vec<Transaction> = d
        .payments
        .iter()
        .map(|p| {
            let recipient = match d.subject_name(p.subject_id) {
                Some(name) if p.recipient.trim().is_empty() => name,
                _ => p.recipient.clone(),
            };
            let two_lines = |address: &str| {
                let mut lines = address_lines(address).into_iter();
                let first = lines.next().unwrap_or_default();
                (first, lines.collect::<Vec<_>>().join(", "))
            };
            let (bank_address1, bank_address2) = two_lines(&p.bank_address);
            let form_type = TransactionType::from_method(&p.method);
            // The form asks for the recipient's name only for a prepaid or gift card; for bank and
            // peer-to-peer payments it asks whose name the receiving account is in: the name recorded as
            // such, else the recipient typed (`--name-on-account` is given "when that is not the
            // recipient"). The subject paid is not taken for it: such accounts are often in another name.
            let name_carries_recipient =
                p.name_on_account.is_empty() && [1, 2, 3, 4, 7, 8].contains(&form_type.form_number());
            let name_on_account = match name_carries_recipient {
                true => p.recipient.trim().to_string(),
                false => p.name_on_account.clone(),
            };
            let mut details: BTreeMap<&'static str, Field> = p
                .details
                .each()
                .map(|(d, v)| (d.column, d.limit.map_or_else(|| Field::free(v), |l| Field::limited(v, l))))
                .collect();
            details.insert("money_sent", Field::free(yes_no_word(&p.details.money_sent)));
            let (origin1, origin2) = two_lines(&p.details.originating_bank_address);
            details.insert("originating_bank_address", Field::limited(origin1, ic3::ORIGIN_BANK_ADDRESS_LINE));
            details.insert("originating_bank_address2", Field::limited(origin2, ic3::ORIGIN_BANK_ADDRESS_LINE));
            let mut t = Transaction {
                payment_id: p.id,
                method: p.method.clone(),
                transaction_type: Field::free(form_type.label()),
                form_type: form_type.form_number(),
                amount: Field::free(amount(p.amount_cents, &p.currency)),
                amount_cents: p.amount_cents,
                currency: p.currency.clone(),
                needs_conversion: !is_usd(&p.currency),
                date: Field::free(p.paid_on.clone()),
                bank_contacted: Field::free(yes_no_word(&p.bank_contacted)),
                originating_bank: Field::limited(p.originating_bank.clone(), ic3::BANK),
                originating_account: Field::limited(p.originating_account.clone(), ic3::ACCOUNT),
                tx_hash: Field::limited(p.tx_hash.clone(), ic3::TX_HASH),
                recipient_bank: Field::limited(p.bank.clone(), ic3::BANK),
                recipient_bank_address1: Field::limited(bank_address1, ic3::BANK_ADDRESS_LINE),
                recipient_bank_address2: Field::limited(bank_address2, ic3::BANK_ADDRESS_LINE),
                recipient_bank_city: Field::limited(p.bank_city.clone(), ic3::BANK_CITY),
                recipient_bank_country: Field::free(p.bank_country.clone()),
                recipient_bank_state: Field::free(p.bank_state.clone()),
                recipient_bank_zip: Field::limited(p.bank_zip.clone(), ic3::ZIP),
                name_on_account: Field::limited(name_on_account, ic3::NAME_ON_ACCOUNT),
                recipient_name: Field::limited(recipient, ic3::RECIPIENT),
                routing_number: Field::limited(p.routing_number.clone(), ic3::ROUTING),
                account_number: Field::limited(p.account.clone(), ic3::ACCOUNT),
                swift: Field::limited(p.swift.clone(), ic3::SWIFT),
                wallet: Field::limited(p.wallet.clone(), ic3::WALLET),
                details,
                not_on_form: Vec::new(),
            };
            // The recipient's name is left out when it only repeats the subject's, or is filed as the name
            // on the account.
            let recipient_elsewhere = p.recipient.trim().is_empty() || name_carries_recipient;
            t.not_on_form = t
                .all_fields()
                .into_iter()
                .filter(|(label, f, types)| {
                    let shown = types.contains(&t.form_type);
                    let repeated = *label == "Recipient name" && recipient_elsewhere;
                    !(shown || f.value.is_empty() || repeated)
                })
                .map(|(label, f, _)| NotOnForm { label: label.to_string(), value: f.value.clone() })
                .collect();
            t
        })
        .collect();
    let needs_conversion: Vec<Conversion> = items
        .iter()
        .enumerate()
        .filter(|(i, t)| t.needs_conversion && !d.payments[*i].not_sent())
        .map(|(i, t)| {
            let cents = d.payments[i].amount_cents;
            Conversion {
                transaction: i + 1,
                payment_id: t.payment_id,
                currency: t.currency.clone(),
                amount: amount(cents, &t.currency),
                amount_cents: cents,
            }
        })
        .collect();
    let usd: Vec<i64> =
        d.payments.iter().filter(|p| is_usd(&p.currency) && !p.not_sent()).map(|p| p.amount_cents).collect();
    let no_loss = d.answers.yes_no(AnswerField::MoneyLost) == Some(YesNo::No);
    let total = if usd.is_empty() || no_loss { String::new() } else { amount(sum(usd.iter().copied()), "USD") };
    let mut note = total_note(d.payments.len(), d.voided_payments.len(), usd.len(), &needs_conversion);
    if d.payments.is_empty() && d.answers.yes_no(AnswerField::MoneyLost) == Some(YesNo::Yes) {
        note.push_str(
            " The complainant answered that money was sent or lost, but no payment in force says how much: record \
             the payments, or check the answer (vetdesk case answer, field \"money-lost\").",
        );
    }
    let unsent: Vec<String> =
        d.payments.iter().enumerate().filter(|(_, p)| p.not_sent()).map(|(i, _)| (i + 1).to_string()).collect();
    if !unsent.is_empty() && !no_loss {
        let _ = write!(
            note,
            " Transaction{} {} {} recorded as money not sent and {} not counted.",
            if unsent.len() == 1 { "" } else { "s" },
            crate::text::and_list(&unsent),
            if unsent.len() == 1 { "is" } else { "are" },
            if unsent.len() == 1 { "is" } else { "are" },
        );
    }
    if !total.is_empty() && d.answers.yes_no(AnswerField::MoneyLost) != Some(YesNo::Yes) {
        // The total is the form's "total loss": said as what it adds up while the complainant has not said
        // that money was sent or lost.
        let answered = match d.answers.yes_no(AnswerField::MoneyLost) {
            Some(YesNo::Unknown) => "is answered \"unknown\"",
            _ => "is not answered",
        };
        let _ = write!(
            note,
            " Whether money was sent or lost {answered}: the total adds up the payments recorded in this case. Answer \
             it before filing (vetdesk case answer, field \"money-lost\")."
        );
    }
    if no_loss && !d.payments.is_empty() {
        // No loss to total: what the total would count, or leave out, is beside the point.
        note = "The complainant answered that no money was sent or lost, so the total loss is left blank; the \
                payments below are listed as recorded."
            .to_string();
    }
    Transactions {
        money_lost: yes_no(d, AnswerField::MoneyLost),
        total_loss_usd: Field::free(total),
        total_note: note,
        totals: totals
            .into_iter()
            .map(|(currency, cents)| Money {
                currency: currency.to_string(),
                amount: amount(cents, currency),
                amount_cents: cents,
            })
            .collect(),
        needs_conversion,
        items,
    }
}

/// What the US-dollar total covers (`usd` of the `recorded` payments), and what it leaves out for the
/// investigator to convert.
fn total_note(recorded: usize, voided: usize, usd: usize, others: &[Conversion]) -> String {
    match (recorded, voided) {
        (0, 0) => return "No payments are recorded in this case.".to_string(),
        (0, 1) => return "No payment is in force in this case: the one recorded was voided.".to_string(),
        (0, n) => return format!("No payment is in force in this case: the {n} recorded were voided."),
        _ => {}
    }
    if usd == 0 && others.is_empty() {
        return "No transaction counts toward the total, so it is left blank.".to_string();
    }
    let n = |count: usize| format!("{count} transaction{}", if count == 1 { "" } else { "s" });
    let mut note = if usd == 0 {
        // Payments in US dollars may be here, recorded as money not sent: said below.
        "No transaction that counts toward the total is in US dollars, so the total is left blank.".to_string()
    } else {
        format!("The total is the sum of the US-dollar amounts only ({}).", n(usd))
    };
    if !others.is_empty() {
        let listed: Vec<String> = others
            .iter()
            .map(|c| {
                format!(
                    "{} {} (transaction {})",
                    c.currency,
                    ic3::amount_grouped(c.amount_cents, &c.currency),
                    c.transaction
                )
            })
            .collect();
        let _ = write!(
            note,
            " {} in another currency {} not included: {}. Convert {} to US dollars at a rate you choose and add {} \
             before filing; vetdesk applies no exchange rate.",
            n(others.len()),
            if others.len() == 1 { "is" } else { "are" },
            listed.join("; "),
            if others.len() == 1 { "it" } else { "each" },
            if others.len() == 1 { "it" } else { "them" },
        );
    }
    note
}

/// The first identifier of each kind tied to each subject, in the order the case's identifiers are read
/// (by kind, then id). Built once per summary: looking each one up in the list walked every identifier for
/// every subject, and a case opened from a roster hit of thousands of people took seconds.
pub(super) struct FirstHeld<'a> {
    identifiers: &'a [Identifier],
    at: HashMap<(i64, IdentifierKind), usize>,
}

impl<'a> FirstHeld<'a> {
    pub(super) fn new(d: &'a CaseData) -> Self {
        let mut at = HashMap::new();
        for (n, i) in d.identifiers.iter().enumerate() {
            if let Some(subject) = i.subject_id {
                at.entry((subject, i.kind)).or_insert(n);
            }
        }
        FirstHeld { identifiers: &d.identifiers, at }
    }

    /// The first identifier of `kinds` tied to `subject_id`.
    pub(super) fn of(&self, subject_id: i64, kinds: &[IdentifierKind]) -> Option<&'a Identifier> {
        let identifiers = self.identifiers;
        kinds.iter().filter_map(|k| self.at.get(&(subject_id, *k))).min().map(|&n| &identifiers[n])
    }
}

/// How the summary words a subject's role. With a red flag that carries weight observed (or the case
/// closed as confirmed) and the case not cleared, the worker is the "suspected candidate" and a vendor is
/// the one that supplied the suspected worker; the red flags are marked on the case, not on a person, so
/// another subject is only "recorded as" their role. Otherwise the role is given as recorded, with why it
/// is not suspected: the case was cleared, only context was observed, or no red flag was. A reference
/// (listed only when the investigator includes references) is never suspected.
pub(super) fn described_as(role: Role, suspicion: draft::Suspicion, is_worker: bool) -> String {
    use draft::Suspicion as S;
    match (role, suspicion) {
        (Role::Reference, _) => "reference, not suspected".to_string(),
        (Role::Vendor, S::Suspected) => "vendor that supplied the suspected worker".to_string(),
        (other, S::Suspected) if is_worker => format!("suspected {other}"),
        (other, S::Suspected) => format!("recorded as {other}"),
        (other, S::Cleared) => format!("{other}, not suspected (the case was closed as cleared)"),
        (other, S::ContextOnly) => format!("{other}, not suspected: only context with no weight was marked"),
        (other, S::WeakOnly) if is_worker => {
            format!("{other}, not called suspected: only indicators the checklist rates weak were marked")
        }
        (other, S::WeakOnly) => format!("recorded as {other}"),
        (other, S::NoneObserved) => format!("{other}, no red flag observed"),
    }
}

fn subject_block(d: &CaseData, s: &Subject, first: &FirstHeld<'_>, suspicion: draft::Suspicion) -> SubjectBlock {
    use IdentifierKind as K;
    let raw = |kinds: &[K]| first.of(s.id, kinds).map(|i| i.raw.clone()).unwrap_or_default();
    let normalized = |kinds: &[K]| first.of(s.id, kinds).map(|i| i.normalized.clone()).unwrap_or_default();
    let business = if s.business.is_empty() && s.role == Role::Vendor { &s.name } else { &s.business };
    let recorded = raw(&[K::Address]);
    // The parts that can be established go in their fields; otherwise the whole address stays in Address.
    let parts = address_parts(&recorded);
    let street = parts.as_ref().map_or_else(|| recorded.clone(), |p| p.street.clone());
    let mut lines = address_lines(&street).into_iter();
    let address1 = lines.next().unwrap_or_default();
    let address2 = lines.collect::<Vec<_>>().join(", ");
    let part = |f: fn(&AddressParts) -> &String| parts.as_ref().map(f).cloned().unwrap_or_default();
    SubjectBlock {
        subject_id: s.id,
        role: s.role,
        described_as: described_as(s.role, suspicion, draft::worker(d) == Some(s.id)),
        aliases: s.aliases.clone(),
        // A subject a roster gave no name is filed with none, not with the words that say so.
        name: Field::limited(if s.unnamed_from().is_some() { String::new() } else { s.name.clone() }, ic3::NAME),
        business: Field::limited(business.clone(), ic3::BUSINESS),
        address1: Field::limited(address1, ic3::ADDRESS_LINE),
        address2: Field::limited(address2, ic3::ADDRESS_LINE),
        suite: Field::limited(part(|p| &p.suite), ic3::SUITE),
        city: Field::limited(part(|p| &p.city), ic3::CITY),
        state: Field::free(part(|p| &p.state)),
        zip: Field::limited(part(|p| &p.zip), ic3::ZIP),
        country: Field::free(part(|p| &p.country)),
        address_as_recorded: parts.is_some().then_some(recorded),
        phone: Field::limited(digits_only(&normalized(&[K::Phone])), ic3::SUBJECT_PHONE),
        // The address as typed, without a pasted display name or `mailto:` around it.
        email: Field::limited(crate::domain::identifier::email_address(&raw(&[K::Email])).to_string(), ic3::EMAIL),
        website: Field::limited(raw(&[K::Url, K::Handle]), ic3::WEBSITE),
        ip_address: Field::limited(normalized(&[K::Ip]), ic3::IP),
    }
}

/// Splits an address into form lines of at most 50 characters: at line breaks, then at commas.
/// A part longer than a line stays whole, to be reported rather than cut.
pub(super) fn address_lines(raw: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if ic3::ic3_length(line) <= ic3::ADDRESS_LINE {
            lines.push(line.to_string());
            continue;
        }
        let mut current = String::new();
        for part in line.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let joined = if current.is_empty() { part.to_string() } else { format!("{current}, {part}") };
            if current.is_empty() || ic3::ic3_length(&joined) <= ic3::ADDRESS_LINE {
                current = joined;
            } else {
                lines.push(std::mem::replace(&mut current, part.to_string()));
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
    }
    lines
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn long_addresses_split_at_commas_and_never_lose_text() {
        assert_eq!(address_lines("12 Elm St, Springfield"), ["12 Elm St, Springfield"]);
        let long = "Apartment 4B, Building Seven, 1200 North Commerce Parkway, Springfield, IL 62704, USA";
        let lines = address_lines(long);
        assert!(lines.iter().all(|l| l.chars().count() <= 50), "{lines:?}");
        assert_eq!(lines.join(", "), long);
        assert_eq!(address_lines("Line one\nLine two"), ["Line one", "Line two"]);
        assert!(address_lines("  ").is_empty());
    }
}
