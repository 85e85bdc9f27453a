//! Builds the summary model from a case's records: the form's sections, the annexes, and the list
//! of fields over their limits.

use std::collections::BTreeMap;

use super::annex::annexes;
use super::draft;
use super::ic3::{self, amount, digits_only};
use super::load::CaseData;
use super::model::*;
use super::{Options, TransactionType};
use crate::domain::{Identifier, IdentifierKind, Role};

pub(super) fn summary(d: &CaseData, options: &Options) -> Summary {
    let mut s = Summary {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        header: header(d, options),
        over_limit: Vec::new(),
        filer: filer(d),
        complainant: complainant(d),
        transactions: transactions(d),
        subjects: d.subjects.iter().map(|s| subject_block(d, s)).collect(),
        description: Field::limited(draft::description(d), ic3::DESCRIPTION),
        other_information: OtherInformation {
            technical_details: Field::limited(draft::technical_details(d), ic3::TECHNICAL),
            witnesses: Field::limited(d.case.witnesses.clone(), ic3::WITNESSES),
            other_reports: Field::limited(d.case.other_reports.clone(), ic3::OTHER_REPORTS),
        },
        annexes: annexes(d),
    };
    s.over_limit = limit_problems(&s);
    s
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
        generated_at: d.now.clone(),
        generated_by: d.actor.clone(),
        redacted: options.redact,
        record_check: d.record.clone(),
    }
}

/// `value`, or `fallback` when `value` is blank.
fn or<'a>(value: &'a str, fallback: &'a str) -> &'a str {
    if value.trim().is_empty() { fallback } else { value }
}

fn filer(d: &CaseData) -> Filer {
    let o = &d.org;
    Filer {
        on_behalf_of: Field::free(o.name.clone()),
        name: Field::limited(or(&o.filer_name, &d.actor), ic3::NAME),
        business: Field::limited(o.name.clone(), ic3::BUSINESS),
        phone: Field::limited(digits_only(or(&o.filer_phone, &o.phone)), ic3::PHONE_FILER),
        email: Field::limited(or(&o.filer_email, &o.email), ic3::EMAIL),
    }
}

fn complainant(d: &CaseData) -> Complainant {
    let o = &d.org;
    Complainant {
        name: Field::limited(o.name.clone(), ic3::NAME),
        address1: Field::limited(o.address1.clone(), ic3::ADDRESS_LINE),
        address2: Field::limited(o.address2.clone(), ic3::ADDRESS_LINE),
        city: Field::limited(o.city.clone(), ic3::CITY),
        state: Field::free(o.state.clone()),
        zip: Field::limited(o.zip.clone(), ic3::ZIP),
        country: Field::free(o.country.clone()),
        phone: Field::free(digits_only(&o.phone)),
        email: Field::free(o.email.clone()),
        business: Business {
            name: Field::limited(o.name.clone(), ic3::BUSINESS),
            it_poc: Field::limited(o.it_poc.clone(), ic3::POC),
            other_poc: Field::limited(o.other_poc.clone(), ic3::POC),
            sector: Field::free(o.sector.clone()),
        },
    }
}

fn transactions(d: &CaseData) -> Transactions {
    let mut totals: BTreeMap<&str, i64> = BTreeMap::new();
    for p in &d.payments {
        *totals.entry(p.currency.as_str()).or_default() += p.amount_cents;
    }
    let items = d
        .payments
        .iter()
        .map(|p| {
            let recipient = match d.subject_name(p.subject_id) {
                Some(name) if p.recipient.trim().is_empty() => name,
                _ => p.recipient.clone(),
            };
            Transaction {
                payment_id: p.id,
                method: p.method.clone(),
                transaction_type: Field::free(TransactionType::from_method(&p.method).label()),
                amount: Field::free(amount(p.amount_cents)),
                currency: p.currency.clone(),
                date: Field::free(p.paid_on.clone()),
                recipient_name: Field::limited(recipient, ic3::RECIPIENT),
                recipient_bank: Field::free(p.bank.clone()),
                routing_number: Field::limited(p.routing_number.clone(), ic3::ROUTING),
                account_number: Field::limited(p.account.clone(), ic3::ACCOUNT),
            }
        })
        .collect();
    Transactions {
        totals: totals
            .into_iter()
            .map(|(currency, cents)| Money {
                currency: currency.to_string(),
                amount: amount(cents),
                amount_cents: cents,
            })
            .collect(),
        items,
    }
}

/// The first identifier of `kinds` tied to `subject_id`, by id.
pub(super) fn first_of<'a>(d: &'a CaseData, subject_id: i64, kinds: &[IdentifierKind]) -> Option<&'a Identifier> {
    d.identifiers.iter().find(|i| i.subject_id == Some(subject_id) && kinds.contains(&i.kind))
}

fn subject_block(d: &CaseData, s: &crate::domain::Subject) -> SubjectBlock {
    use IdentifierKind as K;
    let raw = |kinds: &[K]| first_of(d, s.id, kinds).map(|i| i.raw.clone()).unwrap_or_default();
    let normalized = |kinds: &[K]| first_of(d, s.id, kinds).map(|i| i.normalized.clone()).unwrap_or_default();
    let business = if s.business.is_empty() && s.role == Role::Vendor { &s.name } else { &s.business };
    let mut address: Vec<Field> =
        address_lines(&raw(&[K::Address])).into_iter().map(|l| Field::limited(l, ic3::ADDRESS_LINE)).collect();
    if address.is_empty() {
        address.push(Field::limited("", ic3::ADDRESS_LINE));
    }
    SubjectBlock {
        subject_id: s.id,
        role: s.role,
        aliases: s.aliases.clone(),
        name: Field::limited(s.name.clone(), ic3::NAME),
        business: Field::limited(business.clone(), ic3::BUSINESS),
        address,
        phone: Field::limited(digits_only(&normalized(&[K::Phone])), ic3::SUBJECT_PHONE),
        email: Field::limited(raw(&[K::Email]), ic3::EMAIL),
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

/// Every pasted field over its limit, and every section with more entries than the form takes,
/// in the form's order.
fn limit_problems(s: &Summary) -> Vec<LimitProblem> {
    let mut out = Vec::new();
    let mut fields = |section: &str, prefix: &str, list: Vec<Labeled<'_>>| {
        for (label, f) in list {
            if let (true, Some(limit)) = (f.over_limit, f.limit) {
                out.push(LimitProblem {
                    section: section.to_string(),
                    field: format!("{prefix}{label}"),
                    limit,
                    length: f.length,
                    unit: Unit::Characters,
                });
            }
        }
    };
    fields(SECTION_FILER, "", s.filer.fields());
    fields(SECTION_COMPLAINANT, "", s.complainant.fields());
    fields(SECTION_COMPLAINANT, "", s.complainant.business.fields());
    for (i, t) in s.transactions.items.iter().enumerate() {
        fields(SECTION_TRANSACTIONS, &format!("Transaction {}: ", i + 1), t.fields());
    }
    for (i, b) in s.subjects.iter().enumerate() {
        fields(SECTION_SUBJECTS, &format!("{}: ", b.heading(i)), b.fields());
    }
    fields(SECTION_DESCRIPTION, "", vec![("Description".to_string(), &s.description)]);
    fields(SECTION_OTHER, "", s.other_information.fields());
    let mut counts = Vec::new();
    for (section, field, limit, length) in [
        (SECTION_TRANSACTIONS, "Transactions", ic3::MAX_TRANSACTIONS, s.transactions.items.len()),
        (SECTION_SUBJECTS, "Subjects", ic3::MAX_SUBJECTS, s.subjects.len()),
    ] {
        if length > limit {
            counts.push(LimitProblem {
                section: section.to_string(),
                field: field.to_string(),
                limit,
                length,
                unit: Unit::Entries,
            });
        }
    }
    // The form's order; the sort is stable, so a section's count comes before its fields.
    let mut all = counts;
    all.extend(out);
    all.sort_by(|a, b| a.section.cmp(&b.section));
    all
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
