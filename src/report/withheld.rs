//! The values of references left out of a case's summary (`include-references` not answered yes),
//! withheld from the notes an export shares with another organization. The summary prints what the
//! investigator wrote as written and names each text that holds such a value for a check before filing;
//! an export has no such step, so there the value gives way to [`WITHHELD_VALUE`].

use std::cmp::Reverse;

use super::load::{CaseData, fold};
use crate::domain::IdentifierKind;

/// What stands for a left-out reference's value in what an export shares.
pub(crate) const WITHHELD_VALUE: &str = "(withheld: a reference's value)";

/// Values with fewer letters and digits are not looked for in text: a 4-digit account number would take
/// every year written with it (the summary's redaction draws the same line).
const MIN_LOOKED_FOR: usize = 5;

impl CaseData {
    /// Withholds every value of a reference left out (voided ones too) wherever a note the exports share
    /// quotes it (a checklist item's, an identifier's, a payment's), however it is written there: in other
    /// letter case, spaced or punctuated otherwise (`(202) 555-0177` for `+1 202 555 0177`), or as its
    /// match key (`+12025550177`). Only whole words are withheld: a value inside another (a candidate's
    /// account `1187654321` holding `87654321`) is not. Call before redaction, which would mask the value
    /// to its last four characters first.
    pub(crate) fn withhold_left_out_values(&mut self) {
        let wanted = Wanted {
            values: self.left_out_values(),
            emails: self.left_out().filter(|i| i.kind == IdentifierKind::Email).map(|i| i.normalized.clone()).collect(),
            last_four: self.left_out().filter_map(|i| last_four(&i.normalized)).collect(),
        };
        if wanted.values.is_empty() && wanted.last_four.is_empty() {
            return;
        }
        self.case.title = withhold(&self.case.title, &wanted);
        for e in &mut self.checklist {
            e.note = withhold(&e.note, &wanted);
        }
        for i in &mut self.identifiers {
            i.note = withhold(&i.note, &wanted);
        }
        for p in &mut self.payments {
            p.note = withhold(&p.note, &wanted);
        }
    }

    /// The identifiers of references left out, voided ones too.
    fn left_out(&self) -> impl Iterator<Item = &crate::domain::Identifier> {
        self.voided_identifiers.iter().filter(|i| i.subject_id.is_some_and(|id| self.left_out.contains(&id)))
    }

    /// The letters and digits (lowercase) of every left-out reference's value, as typed and as keyed, the
    /// longest first.
    fn left_out_values(&self) -> Vec<Vec<char>> {
        let mut wanted: Vec<Vec<char>> = self
            .left_out()
            .flat_map(|i| [i.raw.as_str(), i.normalized.as_str(), i.loose.as_deref().unwrap_or_default()])
            .map(|value| value.chars().filter(|c| c.is_alphanumeric()).map(fold).collect::<Vec<char>>())
            .filter(|core| core.len() >= MIN_LOOKED_FOR)
            .collect();
        wanted.sort_by_key(|core| Reverse(core.len()));
        wanted.dedup();
        wanted
    }
}

/// What is looked for: values as letters and digits, emails by their match key, and the last four
/// characters a masked value (`****4321`, as a redacted summary writes one) shows.
struct Wanted {
    values: Vec<Vec<char>>,
    emails: Vec<String>,
    last_four: Vec<String>,
}

/// The last four letters or digits of `key` (lowercase), when it has more than four.
fn last_four(key: &str) -> Option<String> {
    let core: Vec<char> = key.chars().filter(|c| c.is_alphanumeric()).map(fold).collect();
    (core.len() > 4).then(|| core[core.len() - 4..].iter().collect())
}

/// `text` with every value of `wanted` replaced by [`WITHHELD_VALUE`]: an email whose match key is one of
/// theirs, a masked value ending in one of their last fours, and [`withhold_values`].
fn withhold(text: &str, wanted: &Wanted) -> String {
    let text = withhold_values(text, &wanted.values);
    let mut out = String::with_capacity(text.len());
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        let core = word.trim_matches(|c: char| !(c.is_alphanumeric() || c == '*'));
        let email = core.contains('@')
            && crate::domain::IdentifierKind::Email.check(core).is_ok_and(|c| wanted.emails.contains(&c.normalized));
        let masked = core.starts_with("**")
            && core.trim_start_matches('*').chars().count() == 4
            && wanted.last_four.iter().any(|l| core.trim_start_matches('*').to_lowercase() == *l);
        if email || masked {
            out.push_str(&piece.replacen(core, WITHHELD_VALUE, 1));
        } else {
            out.push_str(piece);
        }
    }
    out
}

/// `text` with every whole-word occurrence of one of `wanted` (letters and digits, with up to three other
/// characters between any two of them) replaced by [`WITHHELD_VALUE`].
fn withhold_values(text: &str, wanted: &[Vec<char>]) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let word = |at: usize| chars.get(at).is_some_and(|(_, c)| c.is_alphanumeric());
    let (mut out, mut from, mut i) = (String::with_capacity(text.len()), 0, 0);
    while i < chars.len() {
        let starts_word = word(i) && (i == 0 || !word(i - 1));
        let end = if starts_word { wanted.iter().find_map(|core| ends_at(&chars, i, core)) } else { None };
        match end {
            Some(e) if !word(e + 1) => {
                out.push_str(&text[from..chars[i].0]);
                out.push_str(WITHHELD_VALUE);
                from = chars[e].0 + chars[e].1.len_utf8();
                i = e + 1;
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[from..]);
    out
}

/// Where `core` ends when it is written from `start` on, other characters between its own.
fn ends_at(chars: &[(usize, char)], start: usize, core: &[char]) -> Option<usize> {
    let (mut k, mut gap) = (0, 0);
    for (j, &(_, c)) in chars.iter().enumerate().skip(start) {
        if c.is_alphanumeric() {
            if fold(c) != core[k] {
                return None;
            }
            k += 1;
            gap = 0;
            if k == core.len() {
                return Some(j);
            }
        } else {
            gap += 1;
            if gap > 3 {
                return None;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(values: &[&str]) -> Vec<Vec<char>> {
        values.iter().map(|v| v.chars().filter(|c| c.is_alphanumeric()).map(fold).collect()).collect()
    }

    #[test]
    fn a_value_is_withheld_however_written_and_only_as_a_whole_word() {
        let w = wanted(&["ref.person@example.com", "12025550177", "2025550177", "87654321"]);
        let said = withhold_values(
            "REF.PERSON@EXAMPLE.COM, +12025550177, (202) 555-0177; acct 8765 4321; cand 1187654321; 2026-03-01",
            &w,
        );
        assert_eq!(
            said,
            "(withheld: a reference's value), +(withheld: a reference's value), ((withheld: a reference's value); \
             acct (withheld: a reference's value); cand 1187654321; 2026-03-01"
        );
        // An email by its key, and a value masked to its last four.
        let wanted = Wanted { values: w, emails: vec!["ritaref@gmail.com".into()], last_four: vec!["2101".into()] };
        assert_eq!(
            withhold("r.i.t.a.ref@googlemail.com, ****2101; ****9999", &wanted),
            "(withheld: a reference's value), (withheld: a reference's value); ****9999"
        );
    }
}
