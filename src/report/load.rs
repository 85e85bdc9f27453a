//! Reads everything a summary needs from the workspace, and redacts it before anything is built
//! from it, so no section or annex can let a masked value through.

use crate::domain::identifier::mask;
use crate::domain::link::{Counterpart, Source, Strength};
use crate::domain::{
    AnswerField, Answers, Assessment, Case, Evidence, Identifier, Note, Organization, Payment, Role, Subject, YesNo,
};
use crate::report::model::RecordCheck;
use crate::report::written::WrittenHere;
use crate::store::audit::ChainHead;
use crate::workspace::ChecklistEntry;
use crate::{Result, Workspace};

/// Notes are read in pages of this many, so a long journal is never one query.
const NOTE_PAGE: u32 = 500;

/// A secret shorter than this is masked in its own field but not searched for in free text, where
/// it would match ordinary numbers.
const MIN_SECRET_IN_TEXT: usize = 5;

/// One case, as read for its summary.
pub(crate) struct CaseData {
    pub actor: String,
    pub now: String,
    pub org: Organization,
    /// The organization's and filer's phones the form does not take as typed.
    pub org_phone_problems: Vec<super::org_phones::OrgPhoneProblem>,
    pub case: Case,
    pub subjects: Vec<Subject>,
    pub identifiers: Vec<Identifier>,
    pub payments: Vec<Payment>,
    /// Voided identifiers and payments, and the identifiers of subjects left out (references, unless the
    /// case includes them): left out of the summary, kept so that redaction masks their values wherever
    /// the case's text still writes them (a note, a finding's note).
    pub voided_identifiers: Vec<Identifier>,
    pub voided_payments: Vec<Payment>,
    pub checklist: Vec<ChecklistEntry>,
    pub evidence: Vec<Evidence>,
    /// How many evidence files of the case were voided: left out of the summary, which says so when
    /// none is left.
    pub voided_evidence: usize,
    pub notes: Vec<Note>,
    /// The case's answers to the form's questions.
    pub answers: Answers,
    /// What this case shares with other cases of the workspace: the kind of value ("bank-account",
    /// "phone", "resume"), with how many other cases, and how many of its own values of that kind are
    /// shared; never which.
    pub shared: Vec<(String, usize, usize)>,
    /// Every change of the case's status, in the order recorded: (when, to what). The chronology tells a
    /// matter marked as reported and a case closed and opened again from them.
    pub status_changes: Vec<crate::workspace::StatusChange>,
    pub assessment: Assessment,
    pub audit: Option<ChainHead>,
    /// Whether the record held when the summary was made; `None` when it was not checked.
    pub record: Option<RecordCheck>,
    /// The largest case number the workspace has given: a "case #N" in the case's text up to it is one
    /// of its case files.
    pub last_case: i64,
    /// The subjects left out of the summary (references, unless the case includes them): named only
    /// as left out.
    pub left_out: Vec<i64>,
    /// Where the case came from, when it was handed over in a bundle from another workspace, with what
    /// was written here since (see [`CaseData::as_written`]).
    pub origin: Option<(crate::store::bundle::Origin, WrittenHere)>,
    /// Whether the case came back from a hand-over to the workspace where it was opened: a copy of it here
    /// is the original, which came in no bundle.
    pub opened_here: bool,
    /// Checklist items flagged by accepting a suggestion whose match the record no longer shows (a value
    /// it rested on voided or corrected since): their note, which quotes the match, says so.
    pub stale_matches: std::collections::BTreeSet<String>,
}

/// What a payment's "name on account" says when the account is in the name of someone left out.
pub(crate) const WITHHELD_NAME: &str = "(withheld: a reference left out of this summary)";

/// Whether `text` holds `name` as words of its own ("Rita Reference (sister)" holds "Rita Reference";
/// "Annette" does not hold "Ann"), whatever the case and spacing. A name of fewer than three letters is
/// held by nothing: too many words would hold it.
pub(crate) fn holds_name(text: &str, name: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let (text, name) = (words(text), words(name));
    // Written family name first too ("Reference, Rita" for Rita Reference).
    let mut reversed = name.clone();
    if let Some(last) = reversed.pop() {
        reversed.insert(0, last);
    }
    name.iter().map(|w| w.chars().count()).sum::<usize>() > 2
        && !name.is_empty()
        && text.windows(name.len()).any(|run| run == name.as_slice() || run == reversed.as_slice())
}

/// Which text of a case [`CaseData::as_written`] is given.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Text<'a> {
    Mark(&'a str),
    Payment(i64),
    Identifier(i64),
    Note(i64),
    Answer(AnswerField),
    Case,
}

impl CaseData {
    pub fn load(ws: &Workspace, case_id: i64, record: Option<RecordCheck>) -> Result<CaseData> {
        let case = ws.case(case_id)?;
        let mut notes = Vec::new();
        let count = ws.count_notes(case_id)?;
        while (notes.len() as u64) < count {
            let offset = u32::try_from(notes.len()).unwrap_or(u32::MAX);
            let page = ws.notes(case_id, NOTE_PAGE, offset)?;
            if page.is_empty() {
                break;
            }
            notes.extend(page);
        }
        // A voided record is left out of the summary; the case view and the audit trail keep it.
        notes.retain(|n| n.void.is_none());
        let mut subjects = ws.subjects(case_id)?;
        subjects.retain(|s| s.void.is_none());
        subjects.sort_by_key(|s| s.id);
        let answers = ws.answers(case_id)?;
        // A subject left out of the subjects' section (a reference, not under suspicion) is left out of
        // every other section too: their contact details are not the complaint's to give.
        let include_references = answers.yes_no(AnswerField::IncludeReferences) == Some(YesNo::Yes);
        let left_out: Vec<i64> =
            subjects.iter().filter(|s| s.role == Role::Reference && !include_references).map(|s| s.id).collect();
        let (mut identifiers, voided_identifiers): (Vec<_>, Vec<_>) = ws
            .identifiers(case_id)?
            .into_iter()
            .partition(|i| i.void.is_none() && !i.subject_id.is_some_and(|id| left_out.contains(&id)));
        identifiers.sort_by_key(|i| i.id);
        let (mut payments, voided_payments): (Vec<_>, Vec<_>) =
            ws.payments(case_id)?.into_iter().partition(|p| p.void.is_none());
        // A payment to someone left out stays, without what names them or reaches them: tied to them, or
        // typed to a recipient of their name.
        let names: Vec<&String> = subjects
            .iter()
            .filter(|s| left_out.contains(&s.id))
            .flat_map(|s| std::iter::once(&s.name).chain(&s.aliases))
            .collect();
        let names_them = |text: &str| names.iter().any(|n| holds_name(text, n));
        for p in payments.iter_mut() {
            let their_name_on_account = names_them(&p.name_on_account);
            if p.subject_id.is_some_and(|id| left_out.contains(&id)) || names_them(&p.recipient) {
                p.recipient.clear();
                p.name_on_account.clear();
                p.details.recipient_identifier.clear();
                p.details.recipient_account_identifier.clear();
            }
            // The account in their name, whoever the payment went to: said withheld, so that the recipient
            // typed is not taken for whose name the account is in.
            if their_name_on_account {
                p.name_on_account = WITHHELD_NAME.to_string();
            }
        }
        let left_out_values: Vec<i64> = voided_identifiers
            .iter()
            .filter(|i| i.subject_id.is_some_and(|id| left_out.contains(&id)))
            .map(|i| i.id)
            .collect();
        type Shared = (std::collections::BTreeSet<i64>, std::collections::BTreeSet<String>);
        let mut shared: std::collections::BTreeMap<String, Shared> = Default::default();
        // The links the record check read, in its snapshot; worked out here only for a preview.
        let links = match &record {
            Some(checked) => checked.links.clone(),
            None => ws.links(case_id)?,
        };
        // Copies of one case (a case handed back beside its original) are one case file: counted once.
        let copies = ws.copies()?;
        // A value of someone left out is not the complaint's to say shared.
        for link in
            links.iter().filter(|l| !(l.this.source == Source::Identifier && left_out_values.contains(&l.this.id)))
        {
            if let (Counterpart::Case { held, .. }, Strength::Strong | Strength::Similar) = (&link.other, link.strength)
            {
                let (cases, values) = shared.entry(link.group.clone()).or_default();
                cases.insert(copies.first(held.case_id));
                values.insert(link.key.clone());
            }
        }
        let stale_matches = super::matches::stale(ws, case_id, &links)?;
        let (evidence, voided): (Vec<_>, Vec<_>) = ws.evidence(case_id)?.into_iter().partition(|e| e.void.is_none());
        let voided_evidence = voided.len();
        let (org, org_phone_problems) = super::org_phones::org_for_form(ws)?;
        Ok(CaseData {
            actor: ws.actor().to_string(),
            now: ws.now(),
            org,
            org_phone_problems,
            subjects,
            identifiers,
            payments,
            voided_identifiers,
            voided_payments,
            checklist: ws.checklist(case_id)?,
            evidence,
            voided_evidence,
            notes,
            answers,
            left_out,
            // A case handed back to the workspace it came from numbers cases as this one does.
            origin: match ws.case_origin(case_id)? {
                Some(origin) if origin.origin_workspace != ws.workspace_id() => {
                    Some((origin, WrittenHere::from_changes(&ws.changes_here(case_id)?)))
                }
                _ => None,
            },
            opened_here: copies
                .of(case_id)
                .into_iter()
                .try_fold(false, |found, copy| Ok::<_, crate::Error>(found || ws.case_origin(copy)?.is_none()))?,
            shared: shared.into_iter().map(|(group, (cases, values))| (group, cases.len(), values.len())).collect(),
            status_changes: ws.status_changes(case_id)?,
            assessment: ws.assessment(case_id)?,
            audit: ws.audit_head()?,
            record,
            last_case: crate::store::cases::last_id(ws.store().conn())?,
            stale_matches,
            case,
        })
    }

    /// The case numbers the narrative puts in words.
    pub(super) fn case_numbers(&self) -> super::neutral::CaseNumbers {
        super::neutral::CaseNumbers { this: self.case.id, last: self.last_case, origin: false }
    }

    /// A text of the case (an item's note, a payment's note, an answer, the case's own fields) as the
    /// summary may quote it: one that came with the case when it was handed over, and was not written again
    /// here since, numbers cases as the workspace it came from does, and its "case #N" is put in words as
    /// that workspace's case file, never read as one of this workspace's (which would say the complainant
    /// holds a case it does not). Any other text is given back as it is, for [`super::neutral::neutral`].
    pub(super) fn as_written(&self, text: &str, which: Text<'_>) -> String {
        match &self.origin {
            Some((origin, _)) if self.came_with_handover(which) => {
                let numbers =
                    super::neutral::CaseNumbers { this: origin.origin_case, last: i64::MAX / 2, origin: true };
                let matched = "Found in the records of another workspace: ";
                super::neutral::neutral(&text.replace("Suggested by vetdesk: ", matched), numbers)
            }
            _ => text.to_string(),
        }
    }

    /// Whether a text of the case came with it when it was handed over, and was not written again here.
    pub(super) fn came_with_handover(&self, which: Text<'_>) -> bool {
        self.origin.as_ref().is_some_and(|(_, here)| !here.wrote(which))
    }

    /// The name of a subject the summary may name: not one left out.
    pub fn subject_name(&self, id: Option<i64>) -> Option<String> {
        let id = id.filter(|id| !self.left_out.contains(id))?;
        self.subjects.iter().find(|s| s.id == id).map(|s| s.name.clone())
    }
}

/// The sensitive values of a case and what each becomes.
pub(super) struct Secrets {
    /// (lowercased needle, mask), longest needle first.
    pairs: Vec<(String, String)>,
    /// (the needle's letters and digits alone, lowercased; mask), for the same value written in free text
    /// with other spacing ("555 0123 4567", "555-0123-4567"); longest first.
    cores: Vec<(Vec<char>, String)>,
}

impl Secrets {
    #[cfg(test)]
    pub fn of(identifiers: &[Identifier], payments: &[Payment]) -> Secrets {
        Secrets::with_corrected(identifiers, payments, &[])
    }

    /// [`Secrets::of`], with the values `corrected` held before a correction.
    pub fn with_corrected(identifiers: &[Identifier], payments: &[Payment], corrected: &[String]) -> Secrets {
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut add = |value: &str| {
            let value = value.trim();
            if value.chars().filter(|c| !c.is_whitespace()).count() >= MIN_SECRET_IN_TEXT {
                pairs.push((value.to_ascii_lowercase(), mask(value)));
            }
        };
        for i in identifiers.iter().filter(|i| i.kind.is_sensitive()) {
            add(&i.raw);
            add(&i.normalized);
        }
        for value in corrected {
            add(value);
            // As a bank account's key writes it too (`076401251:7712399`), which a suggestion's note quotes.
            if let Ok(checked) = crate::domain::IdentifierKind::BankAccount.check(value) {
                add(&checked.normalized);
                add(checked.loose.as_deref().unwrap_or_default());
            }
        }
        for p in payments {
            add(&p.account);
            add(&p.originating_account);
            add(&p.wallet);
            for (detail, value) in p.details.each() {
                if detail.masked {
                    add(value);
                }
            }
        }
        pairs.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        pairs.dedup_by(|a, b| a.0 == b.0);
        let mut cores: Vec<(Vec<char>, String)> = pairs
            .iter()
            .map(|(needle, masked)| (needle.chars().filter(char::is_ascii_alphanumeric).collect(), masked.clone()))
            .filter(|(core, _): &(Vec<char>, String)| core.len() >= MIN_SECRET_IN_TEXT)
            .collect();
        cores.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        cores.dedup_by(|a, b| a.0 == b.0);
        Secrets { pairs, cores }
    }

    /// Replaces every occurrence of a secret in `text` (ignoring ASCII letter case) with its mask.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (needle, masked) in &self.pairs {
            // ASCII lowercasing keeps byte offsets, so a match in `lower` is a match in `out`.
            let lower = out.to_ascii_lowercase();
            if !lower.contains(needle.as_str()) {
                continue;
            }
            let mut next = String::with_capacity(out.len());
            let mut from = 0;
            let bytes = out.as_bytes();
            for (at, _) in lower.match_indices(needle.as_str()) {
                if at < from {
                    continue; // inside a word already masked whole
                }
                // A value run into letters or digits (`x1234567` of `x12345678`) masks the whole word it is
                // in: masked alone, the rest of the word would show more than four of its characters.
                let mut start = at;
                while start > from && bytes[start - 1].is_ascii_alphanumeric() {
                    start -= 1;
                }
                let mut end = at + needle.len();
                while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                    end += 1;
                }
                next.push_str(&out[from..start]);
                if (start, end) == (at, at + needle.len()) {
                    next.push_str(masked);
                } else {
                    next.push_str(&mask(&out[start..end]));
                }
                from = end;
            }
            next.push_str(&out[from..]);
            out = next;
        }
        for (core, masked) in &self.cores {
            out = scrub_spaced(&out, core, masked);
        }
        out
    }

    fn scrub_in_place(&self, text: &mut String) {
        *text = self.scrub(text);
    }

    /// [`Secrets::scrub`] for free text (a note, a description, an answer in words), where numbers of a
    /// secret's shape that the case never recorded are masked too ([`super::shapes`]). Fields that hold
    /// one value (a phone, a routing number, a complaint number) keep theirs.
    fn scrub_free_text(&self, text: &mut String) {
        *text = super::shapes::scrub_shapes(&self.scrub(text));
    }
}

/// `text` with every place that writes `core` (letters and digits, lowercase) with separators between its
/// characters (up to three at a time: spaces of any kind and line breaks, dashes, dots, slashes,
/// underscores), or in full-width letters and digits, replaced by `masked`.
fn scrub_spaced(text: &str, core: &[char], masked: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let folded: Vec<char> = chars.iter().map(|&(_, c)| fold(c)).collect();
    let (mut out, mut from, mut i) = (String::with_capacity(text.len()), 0, 0);
    while i < chars.len() {
        let mut end = None;
        if folded[i] == core[0] {
            let (mut j, mut k, mut gap) = (i, 0, 0);
            while j < chars.len() {
                let c = folded[j];
                if c == core[k] {
                    k += 1;
                    gap = 0;
                    if k == core.len() {
                        end = Some(j);
                        break;
                    }
                } else if k > 0 && separator(c) && gap < 3 {
                    gap += 1;
                } else {
                    break;
                }
                j += 1;
            }
        }
        match end {
            Some(e) => {
                out.push_str(&text[from..chars[i].0]);
                out.push_str(masked);
                from = chars[e].0 + chars[e].1.len_utf8();
                i = e + 1;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[from..]);
    out
}

/// A character as a secret's letters and digits are compared: full-width forms as their ASCII ones, then
/// lowercase.
pub(super) fn fold(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c).to_ascii_lowercase()
        }
        _ => c.to_ascii_lowercase(),
    }
}

/// What may stand between the characters of a secret written in free text.
fn separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '.' | '/' | '_' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FF0D}')
}

fn mask_nonempty(value: &str) -> String {
    if value.trim().is_empty() { String::new() } else { mask(value) }
}

/// Masks every sensitive identifier and payment account, in its own fields and in every free text
/// of the case; the values a correction replaced, which only the audit trail still holds, too (a
/// suggestion's note quotes the value it matched on). Read here, only for a redacted summary.
pub(crate) fn redact(ws: &Workspace, d: &mut CaseData) -> Result<()> {
    let corrected = ws.corrected_secrets(d.case.id)?;
    // Every value recorded, voided or not: a voided account number is still one.
    let identifiers: Vec<Identifier> = d.identifiers.iter().chain(&d.voided_identifiers).cloned().collect();
    let payments: Vec<Payment> = d.payments.iter().chain(&d.voided_payments).cloned().collect();
    let secrets = Secrets::with_corrected(&identifiers, &payments, &corrected);
    let s = &secrets;
    for field in [&mut d.org.name, &mut d.org.address1, &mut d.org.address2, &mut d.org.it_poc, &mut d.org.other_poc] {
        s.scrub_in_place(field);
    }
    for field in [&mut d.case.title, &mut d.case.witnesses, &mut d.case.other_reports] {
        s.scrub_free_text(field);
    }
    d.case.tags.iter_mut().for_each(|t| s.scrub_in_place(t));
    if let Some(archived) = &mut d.case.archived {
        s.scrub_free_text(&mut archived.reason);
    }
    for subject in &mut d.subjects {
        for field in [&mut subject.name, &mut subject.business, &mut subject.vendor] {
            s.scrub_in_place(field);
        }
        // Where a subject claims to be and what they do are written in words, as free text is.
        for field in [&mut subject.location, &mut subject.position] {
            s.scrub_free_text(field);
        }
        subject.aliases.iter_mut().for_each(|a| s.scrub_in_place(a));
    }
    for i in &mut d.identifiers {
        if i.kind.is_sensitive() {
            i.raw = mask_nonempty(&i.raw);
            i.normalized = mask_nonempty(&i.normalized);
        } else {
            s.scrub_in_place(&mut i.raw);
            s.scrub_in_place(&mut i.normalized);
        }
        s.scrub_free_text(&mut i.note);
    }
    for p in &mut d.payments {
        p.account = mask_nonempty(&p.account);
        p.originating_account = mask_nonempty(&p.originating_account);
        p.wallet = mask_nonempty(&p.wallet);
        for field in [
            &mut p.method,
            &mut p.recipient,
            &mut p.bank,
            &mut p.name_on_account,
            &mut p.originating_bank,
            &mut p.swift,
            &mut p.tx_hash,
            &mut p.bank_address,
            &mut p.bank_city,
            &mut p.bank_state,
            &mut p.bank_zip,
            &mut p.bank_country,
        ] {
            s.scrub_in_place(field);
        }
        s.scrub_free_text(&mut p.note);
        let masked: Vec<bool> = crate::domain::TransactionDetails::ALL.iter().map(|d| d.masked).collect();
        for (value, masked) in p.details.values_mut().into_iter().zip(masked) {
            if masked {
                *value = mask_nonempty(value);
            } else {
                s.scrub_in_place(value);
            }
        }
    }
    for a in &mut d.answers.0 {
        if a.field.is_free_text() {
            s.scrub_free_text(&mut a.value);
        } else {
            s.scrub_in_place(&mut a.value);
        }
    }
    d.checklist.iter_mut().for_each(|e| s.scrub_free_text(&mut e.note));
    for e in &mut d.evidence {
        s.scrub_free_text(&mut e.description);
        s.scrub_in_place(&mut e.path);
    }
    d.notes.iter_mut().for_each(|n| s.scrub_free_text(&mut n.body));
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::IdentifierKind;

    fn ident(kind: IdentifierKind, raw: &str) -> Identifier {
        let checked = kind.check(raw).unwrap();
        Identifier {
            id: 1,
            case_id: 1,
            subject_id: None,
            kind,
            raw: raw.to_string(),
            normalized: checked.normalized,
            loose: None,
            warning: checked.warning,
            note: String::new(),
            created_at: String::new(),
            void: None,
        }
    }

    #[test]
    fn secrets_are_masked_inside_text_whatever_the_spacing_or_case() {
        let ids = [
            ident(IdentifierKind::BankAccount, "de89 3704 0044 0532 0130 00"),
            ident(IdentifierKind::Email, "jin@example.com"),
        ];
        let s = Secrets::of(&ids, &[]);
        assert_eq!(
            s.scrub("Paid into DE89370400440532013000, then de89 3704 0044 0532 0130 00 again."),
            "Paid into ****3000, then ****3000 again."
        );
        assert_eq!(s.scrub("jin@example.com wrote"), "jin@example.com wrote", "emails are not secret");
    }

    #[test]
    fn secrets_are_masked_across_line_breaks_other_spaces_dashes_and_full_width_digits() {
        let ids = [ident(IdentifierKind::BankAccount, "55556666777788")];
        let s = Secrets::of(&ids, &[]);
        for written in [
            "5555666677\n7788",
            "5555\u{a0}6666\u{a0}7777\u{a0}88",
            "5555\u{2013}6666\u{2013}7777\u{2013}88",
            "5555_6666_7777_88",
            "5555 - 6666 - 7777 - 88",
            "\u{ff15}\u{ff15}\u{ff15}\u{ff15}\u{ff16}\u{ff16}\u{ff16}\u{ff16}\u{ff17}\u{ff17}\u{ff17}\u{ff17}\u{ff18}\u{ff18}",
        ] {
            assert_eq!(s.scrub(&format!("paid to {written}.")), "paid to ****7788.", "{written:?}");
        }
        assert_eq!(s.scrub("5555 and 6666 and 777788"), "5555 and 6666 and 777788", "words between are not spacing");
    }

    #[test]
    fn a_secret_run_into_other_characters_masks_the_whole_word() {
        let ids = [ident(IdentifierKind::DocumentNumber, "X1234567")];
        let s = Secrets::of(&ids, &[]);
        // Masked alone, `x1234567` would leave `8` beside its mask: five characters of the word shown.
        assert_eq!(s.scrub("passport x12345678 seen"), "passport ****5678 seen");
        assert_eq!(s.scrub("passport X1234567."), "passport ****4567.");
    }

    #[test]
    fn short_secrets_are_not_hunted_in_text() {
        let ids = [ident(IdentifierKind::BankAccount, "2024")];
        assert_eq!(Secrets::of(&ids, &[]).scrub("Hired in 2024"), "Hired in 2024");
    }
}
