//! What the summary says before anything else: the form's questions not answered, the values the form would
//! refuse, and the fields and sections over the form's limits.

use super::ic3;
use super::load::CaseData;
use super::model::*;
use crate::domain::{AnswerField, YesNo};

/// The form's yes/no questions with no yes or no answer, in the form's order.
pub(super) fn unanswered(d: &CaseData) -> Vec<Unanswered> {
    [
        (SECTION_FILER, AnswerField::Affected),
        (SECTION_COMPLAINANT, AnswerField::BusinessTargeted),
        (SECTION_COMPLAINANT, AnswerField::OperationsImpacted),
        (SECTION_TRANSACTIONS, AnswerField::MoneyLost),
        (SECTION_OTHER, AnswerField::Update),
    ]
    .into_iter()
    .filter_map(|(section, field)| {
        let question = match d.answers.yes_no(field) {
            Some(YesNo::Yes | YesNo::No) => return None,
            Some(YesNo::Unknown) => format!("{} (answered unknown; the form takes yes or no)", field.question()),
            None => field.question().to_string(),
        };
        Some(Unanswered { section: section.to_string(), field, question })
    })
    .collect()
}

/// The fields the form marks required (with an asterisk) that the summary leaves blank, each with the
/// command that records it, and the filer's name and signature when they are only the name vetdesk records
/// changes under (the config's investigator, else the login name), which may be no person's full name.
pub(super) fn required_blank(s: &Summary, d: &CaseData) -> Vec<FormatProblem> {
    let mut out = Vec::new();
    let blank = |section: &str, field: &str, value: &Field, record: &str| {
        value.value.trim().is_empty().then(|| FormatProblem {
            section: section.to_string(),
            field: field.to_string(),
            value: String::new(),
            problem: format!("the form requires it; record it with {record}"),
        })
    };
    let f = &s.filer;
    let c = &s.complainant;
    if d.org.filer_name.trim().is_empty() {
        out.push(FormatProblem {
            section: SECTION_FILER.to_string(),
            field: "Name".to_string(),
            value: f.name.value.clone(),
            problem: "taken from the name vetdesk records changes under (the config's investigator, else the \
                      login name); the form asks for the filer's name: set it with `vetdesk org set --filer-name`"
                .to_string(),
        });
    }
    let fields = [
        (SECTION_FILER, "Phone", &f.phone, "`vetdesk org set --filer-phone` (or the organization's `--phone`)"),
        (SECTION_FILER, "Email", &f.email, "`vetdesk org set --filer-email` (or the organization's `--email`)"),
        (SECTION_COMPLAINANT, "Name", &c.name, "`vetdesk org set --name`"),
        (SECTION_COMPLAINANT, "Address", &c.address1, "`vetdesk org set --address1`"),
        (SECTION_COMPLAINANT, "City", &c.city, "`vetdesk org set --city`"),
        (SECTION_COMPLAINANT, "Country", &c.country, "`vetdesk org set --country`"),
        (SECTION_COMPLAINANT, "State", &c.state, "`vetdesk org set --state`"),
        (SECTION_COMPLAINANT, "ZIP code", &c.zip, "`vetdesk org set --zip`"),
        (SECTION_COMPLAINANT, "Phone", &c.phone, "`vetdesk org set --phone`"),
        (SECTION_COMPLAINANT, "Email", &c.email, "`vetdesk org set --email`"),
    ];
    out.extend(fields.into_iter().filter_map(|(section, field, value, record)| blank(section, field, value, record)));
    if d.org.filer_name.trim().is_empty() && d.answers.text(AnswerField::Signature).trim().is_empty() {
        out.push(FormatProblem {
            section: SECTION_SIGNATURE.to_string(),
            field: "Digital signature".to_string(),
            value: s.signature.digital_signature.value.clone(),
            problem: "the filer's name as above; the form takes the signer's typed name: set it with `vetdesk org \
                      set --filer-name`, or `vetdesk case answer ID signature NAME`"
                .to_string(),
        });
    }
    out
}

/// Values the form would refuse, shown as given: a SWIFT code off its pattern, an amount past its
/// largest, and a question it requires of every transaction (or of one of type Other) left blank.
pub(super) fn format_problems(t: &Transactions) -> Vec<FormatProblem> {
    let mut out = Vec::new();
    let most = "the form takes amounts up to 999,999,999.99";
    let total = &t.total_loss_usd.value;
    if total.replace('.', "").parse::<i64>().is_ok_and(|cents| cents > ic3::MAX_AMOUNT_CENTS) {
        out.push(FormatProblem {
            section: SECTION_TRANSACTIONS.to_string(),
            field: "What was your total loss amount? (USD)".to_string(),
            value: total.clone(),
            problem: most.to_string(),
        });
    }
    for (i, item) in t.items.iter().enumerate() {
        let problem = |field: &str, value: &str, problem: String| FormatProblem {
            section: SECTION_TRANSACTIONS.to_string(),
            field: format!("Transaction {}: {field}", i + 1),
            value: value.to_string(),
            problem,
        };
        if let Some(why) = Some(&item.swift.value).filter(|v| !v.is_empty()).and_then(|v| ic3::swift_problem(v)) {
            let pattern = "(the form's pattern is [A-Za-z]{6}\\w{2}(\\w{3})?)";
            out.push(problem("SWIFT code", &item.swift.value, format!("{why} {pattern}")));
        }
        if item.currency == "USD" && item.amount_cents > ic3::MAX_AMOUNT_CENTS {
            out.push(problem("Amount", &item.amount.value, most.to_string()));
        }
        let value = |column: &str| item.details.get(column).map_or("", |f| f.value.trim());
        let edit = format!("record it with `vetdesk payment edit {}", item.payment_id);
        if !matches!(value("money_sent"), "Yes" | "No") {
            let why = format!("the form requires Yes or No; {edit} --money-sent yes|no`");
            out.push(problem("Was the money sent or lost?", value("money_sent"), why));
        }
        // The name of a reference left out stands withheld: no name to paste as the account's.
        if item.name_on_account.value == super::load::WITHHELD_NAME && [1, 2, 3, 4, 7, 8].contains(&item.form_type) {
            let why = "stands for the name of a reference left out of this summary: type the account's name into the \
                       form yourself, or include references (`vetdesk case answer ID include-references yes`)";
            out.push(problem("Recipient name on account", &item.name_on_account.value, why.to_string()));
        }
        if item.form_type == 8 && value("other_type").is_empty() {
            let why = format!("the form requires it for a transaction of type Other; {edit} --other-type TEXT`");
            out.push(problem("If other, please specify", "", why));
        }
    }
    out.extend(answer_against_payments(t));
    out
}

/// The answer to "Did you send or lose money?" where the transactions say otherwise: "No" beside one
/// recorded as money sent or lost, or "Yes" where every one is recorded as not sent. The form takes both
/// as given, and the complaint would contradict itself.
fn answer_against_payments(t: &Transactions) -> Option<FormatProblem> {
    let sent = |item: &Transaction| item.details.get("money_sent").map(|f| f.value.trim().to_string());
    let numbers = |want: &str| -> Vec<String> {
        t.items
            .iter()
            .enumerate()
            .filter(|(_, i)| sent(i).as_deref() == Some(want))
            .map(|(n, _)| (n + 1).to_string())
            .collect()
    };
    let (said, against) = match t.money_lost.value.as_str() {
        "No" => ("No", numbers("Yes")),
        "Yes" if !t.items.is_empty() && numbers("No").len() == t.items.len() => ("Yes", numbers("No")),
        _ => return None,
    };
    if against.is_empty() {
        return None;
    }
    let which = format!("transaction{} {}", if against.len() == 1 { "" } else { "s" }, crate::text::and_list(&against));
    let problem = if said == "No" {
        format!(
            "{which} {} recorded as money sent or lost; answer the question again (`vetdesk case answer ID \
             money-lost yes`) or correct {} (`vetdesk payment edit PID --money-sent no`)",
            if against.len() == 1 { "is" } else { "are" },
            if against.len() == 1 { "it" } else { "them" }
        )
    } else {
        format!(
            "every transaction ({which}) is recorded as money not sent; answer the question again (`vetdesk case \
             answer ID money-lost no`) or correct the transactions (`vetdesk payment edit PID --money-sent yes`)"
        )
    };
    Some(FormatProblem {
        section: SECTION_TRANSACTIONS.to_string(),
        field: AnswerField::MoneyLost.question().to_string(),
        value: said.to_string(),
        problem,
    })
}

/// Every pasted field over its limit, and every section with more entries than the form takes,
/// in the form's order.
pub(super) fn limit_problems(s: &Summary) -> Vec<LimitProblem> {
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
    fields(SECTION_OTHER, "", s.other_information.short_fields());
    fields(SECTION_SIGNATURE, "", s.signature.fields());
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
