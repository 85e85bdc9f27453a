//! Bank accounts (optionally with their ABA routing number) and routing numbers.

use super::{Checked, alphanumeric_upper, digits};

/// `ACCOUNT`, or `ROUTING:ACCOUNT` (also `ROUTING/ACCOUNT`, `ROUTING ACCOUNT`) with a 9-digit routing
/// number. The key carries the routing number; the loose key is the account alone, so the same account
/// number given with another routing number, or none, is still a weak link. An IBAN names its bank itself
/// (its country and bank code): one whose check digits hold is keyed `IBAN:` and the IBAN, so that the
/// same IBAN is a strong link as an account with its routing number is.
pub(super) fn check_account(raw: &str) -> Checked {
    let raw = without_notes(raw);
    let (routing, account) = split_routing(&raw);
    // Another routing number written with the account besides the one taken: which one is meant is not
    // for vetdesk to guess.
    let another = routing.zip(split_once_routing(account).0).filter(|(a, b)| digits(a) != digits(b));
    let account = without_iban_label(alphanumeric_upper(account));
    // An IBAN names its bank: a routing number typed before it adds nothing to match on.
    let routing = routing.filter(|_| !is_iban(&account));
    let warning = if let Some((taken, other)) = another {
        Some(format!(
            "two routing numbers are written with the account ({} and {}): give the one it is at",
            digits(other),
            digits(taken)
        ))
    } else if account.len() < 4 {
        Some(SHORT_ACCOUNT.to_string())
    } else if let Some(problem) = iban_problem(&account) {
        Some(problem)
    } else {
        routing.and_then(aba_problem).map(|problem| format!("{problem} (the routing number written with the account)"))
    };
    let normalized = match routing {
        Some(routing) if !account.is_empty() => format!("{}:{account}", digits(routing)),
        _ => account_key(&account),
    };
    Checked::new(normalized).with_loose(account).with_warning(warning)
}

/// Why a payment's account number is not one: shorter than a bank-account identifier may be, or written as
/// an IBAN of a registry country and not one (see [`iban_problem`]); `None` otherwise.
pub fn account_problem(account: &str) -> Option<String> {
    // A routing number written with it ("076401251:GB82…", "12345678, Routing: 076401251") is not part of
    // it, but is checked as one given on its own.
    let account = without_notes(account);
    let (routing, account) = split_routing(&account);
    if let Some(problem) = routing.and_then(aba_problem) {
        return Some(format!("{problem} (the routing number written with the account)"));
    }
    let account = without_iban_label(alphanumeric_upper(account));
    // As for a bank-account identifier: fewer characters than that are no account to match on.
    if (1..4).contains(&account.len()) {
        return Some(SHORT_ACCOUNT.to_string());
    }
    iban_problem(&account)
}

/// The routing number written with an account (before it, or after it under its label), as its nine
/// digits; `None` when there is none.
pub fn routing_in(account: &str) -> Option<String> {
    split_routing(&without_notes(account)).0.map(digits)
}

/// `raw` without a note in brackets, the bank's name or the account's type written with the numbers
/// (`Routing: 076401251 (Chase) Account 12345678`, `12345678 [checking], Routing: 076401251`): no part of
/// either number (rules 2026.12.7.16). A note is a word of two letters or more, no digit in it, that
/// stands apart from the numbers: after a routing number or a label, or before a label or the end. A
/// bracket in the middle of an account (`ABC (DEF) 123456`, `12345678 (savings) 99`), a letter alone
/// (`12345678 (A)`, a sub-account) and a bracket holding a digit are left as typed. So is every note of an
/// account written without a routing number: there the bank's name is all that tells the same number at
/// two banks apart (`12345678 (Chase)`, `12345678 (Wells)`).
fn without_notes(raw: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(open) = rest.find(['(', '[']) {
        let close = if rest[open..].starts_with('(') { ')' } else { ']' };
        let Some(len) = rest[open..].find(close) else { break };
        let inside = &rest[open + 1..open + len];
        let before = format!("{out}{}", &rest[..open]);
        let after = &rest[open + len + 1..];
        out.push_str(&rest[..open]);
        let letters = inside.chars().filter(|c| c.is_alphabetic()).count();
        let note = letters >= 2 && !inside.chars().any(|c| c.is_ascii_digit());
        if note && (stands_after(&before) || stands_before(after)) {
            out.push(' ');
        } else {
            out.push_str(&rest[open..=open + len]);
        }
        rest = after;
    }
    if out.is_empty() {
        return std::borrow::Cow::Borrowed(raw);
    }
    out.push_str(rest);
    if split_routing(&out).0.is_none() {
        return std::borrow::Cow::Borrowed(raw);
    }
    std::borrow::Cow::Owned(out)
}

/// Whether a note after `before` stands apart from the numbers: nothing before it, a routing number (nine
/// digits) or a label just before it.
fn stands_after(before: &str) -> bool {
    let before = before.trim_end_matches(|c: char| !c.is_alphanumeric());
    let last = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    let label = |w: &str| ACCOUNT_LABELS.iter().chain(ROUTING_LABELS).any(|l| w.eq_ignore_ascii_case(l));
    before.is_empty() || digits(last).len() == 9 && nine_digits(last).is_some() || label(last)
}

/// Whether a note before `after` stands apart from the numbers: nothing after it, or a label.
fn stands_before(after: &str) -> bool {
    let after = after.trim_start_matches(|c: char| !c.is_alphanumeric());
    after.is_empty()
        || without_label(after, ACCOUNT_LABELS).len() != after.len()
        || without_label(after, ROUTING_LABELS).len() != after.len()
}

const SHORT_ACCOUNT: &str = "an account number has at least 4 characters";

/// The key of an account number given without a routing number: `IBAN:` and the IBAN for an IBAN whose
/// check digits hold, else the account number itself.
fn account_key(account: &str) -> String {
    if is_iban(account) { format!("{IBAN_PREFIX}{account}") } else { account.to_string() }
}

/// `account` (letters and digits, uppercase) without the word IBAN before an IBAN (`IBAN: GB82 WEST…`,
/// `IBAN GB82…`), which is a label, not part of the number.
fn without_iban_label(account: String) -> String {
    match account.strip_prefix("IBAN") {
        // Written as an IBAN, valid or not: a mistyped one keeps no label, so it is flagged as one.
        Some(rest) if iban_shaped(rest) && !is_iban(&account) => rest.to_string(),
        _ => account,
    }
}

/// Whether `compact` (letters and digits, uppercase) is written as an IBAN: two letters, two digits, then
/// letters and digits, 15 to 34 in all.
fn iban_shaped(compact: &str) -> bool {
    let b = compact.as_bytes();
    (15..=34).contains(&b.len())
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// What a bank account's key starts with when it is an IBAN.
pub const IBAN_PREFIX: &str = "IBAN:";

/// Whether `compact` (letters and digits, uppercase) is an IBAN whose check digits hold (ISO 13616):
/// two letters, two digits, then letters and digits, 15 to 34 in all, and MOD 97-10 of the number made by
/// moving the first four characters to the end and reading letters as 10 to 35 leaves 1.
pub fn is_iban(compact: &str) -> bool {
    if !iban_shaped(compact) {
        return false;
    }
    mod97(compact[4..].chars().chain(compact[..4].chars())) == Some(1)
}

/// MOD 97-10 (ISO 7064) of the number the characters spell, letters read as 10 to 35; `None` for any
/// other character.
fn mod97(chars: impl Iterator<Item = char>) -> Option<u32> {
    let mut remainder = 0u32;
    for c in chars {
        let value = c.to_digit(36)?;
        remainder = if value < 10 { (remainder * 10 + value) % 97 } else { (remainder * 100 + value) % 97 };
    }
    Some(remainder)
}

/// Why `compact` (letters and digits, uppercase), written as an IBAN of a country that uses them, is not
/// one, by the IBAN registry as the `iban_validate` crate carries it: its check digits do not hold (a
/// typo that would hide a match), or its bank and account part is not laid out as that country's are.
/// `None` for a valid IBAN, and for anything not written as an IBAN of such a country (an account number
/// of a country without IBANs, a US account number).
fn iban_problem(compact: &str) -> Option<String> {
    use iban::{Iban, ParseBaseIbanError, ParseIbanError};
    if !iban_shaped(compact) {
        return None;
    }
    let country = compact.get(..2)?;
    let laid_out = || format!("it is not laid out as an IBAN of {country} is (ISO 13616)");
    match compact.parse::<Iban>() {
        Err(ParseIbanError::InvalidBban(_)) => Some(laid_out()),
        Err(ParseIbanError::InvalidBaseIban { source: ParseBaseIbanError::InvalidChecksum }) => {
            // A country that uses IBANs, at its length: with check digits made right it reads as one.
            let bban = compact.get(4..)?;
            let remainder = mod97(bban.chars().chain(country.chars()).chain("00".chars()))?;
            let fixed = format!("{country}{:02}{bban}", 98 - remainder);
            match fixed.parse::<Iban>() {
                Ok(_) => Some(format!(
                    "written as an IBAN of {country}, its check digits do not hold (ISO 13616 MOD 97-10): a typo?"
                )),
                Err(ParseIbanError::InvalidBban(_)) => Some(laid_out()),
                Err(_) => None,
            }
        }
        _ => None,
    }
}

/// Splits off a leading routing number: nine digits (dashes and spaces allowed) before `:`, `/` or `,`,
/// or a group of exactly nine digits followed by more text after a space. Labels go first.
fn split_routing(raw: &str) -> (Option<&str>, &str) {
    match split_once_routing(raw) {
        // The account written with the same routing number again (a payment's `--account` pasted whole
        // beside its `--routing`): `076401251:Routing: 076401251, Account: 12345678`.
        (Some(routing), tail) => match split_once_routing(tail) {
            (Some(again), account) if digits(again) == digits(routing) => (Some(routing), account),
            _ => (Some(routing), tail),
        },
        none => none,
    }
}

fn split_once_routing(raw: &str) -> (Option<&str>, &str) {
    // `Acct #: 076401251/12345678`, `Routing 076401251 Account 12345678`.
    let unlabelled = without_label(raw, ACCOUNT_LABELS);
    let raw = without_label(unlabelled, ROUTING_LABELS);
    if let Some((account, routing)) = labelled_routing_after(raw) {
        // A label with no number after it names no routing number: the account is what comes before it.
        return (Some(routing).filter(|r| !r.is_empty()), account);
    }
    if let Some((head, tail)) = raw.split_once([':', '/', ','])
        && let Some(routing) = nine_digits(head)
    {
        return (Some(routing), without_label(tail, ACCOUNT_LABELS));
    }
    if let Some((head, tail)) = raw.split_once(char::is_whitespace)
        && head.len() == 9
        && head.chars().all(|c| c.is_ascii_digit())
        && tail.chars().any(char::is_alphanumeric)
    {
        return (Some(head), without_label(tail, ACCOUNT_LABELS));
    }
    // A routing number under its label and nothing after it (`Routing: 076401251`) is no account.
    if raw.len() != unlabelled.len() {
        return (None, "");
    }
    (None, raw)
}

/// The account and the routing number of `raw` when the routing number comes after the account under its
/// own label (`12345678, Routing: 076401251`, `12345678 ABA 076401251`; the account's label already
/// dropped; rules 2026.12.7.11), as bank forms and cheques often give them. Without the label, digits
/// after an account are part of it, as they are typed.
fn labelled_routing_after(raw: &str) -> Option<(&str, &str)> {
    let mut previous = ' ';
    for (i, c) in raw.char_indices() {
        let starts_word = !previous.is_alphanumeric() && c.is_alphabetic();
        previous = c;
        if !starts_word || i == 0 {
            continue;
        }
        let tail = &raw[i..];
        let number = without_label(tail, ROUTING_LABELS);
        if number.len() == tail.len() {
            continue;
        }
        // Digits under the label are its number, nine or not (a short one is then flagged as the routing
        // number it is meant to be); nothing is no number. Anything else is no routing number.
        let routing = number.trim_end_matches([')', ']', '.', ',', ';', ':', ' ']).trim();
        if !routing.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ') {
            return None;
        }
        let account = raw[..i].trim_end_matches(|c: char| !c.is_alphanumeric());
        return account.chars().any(|c| c.is_ascii_digit()).then_some((account, routing));
    }
    None
}

/// Words that name an account number's field, and a routing number's.
const ACCOUNT_LABELS: &[&str] = &["account", "acct", "acc", "a/c"];
const ROUTING_LABELS: &[&str] = &["routing", "aba", "rtn"];

/// `raw` without one of `labels` typed before the number (`Acct# 12345678`, `Account No. 1234`, `A/C: 55`,
/// `Routing 076401251`; rules 2026.12.7.8 and 2026.12.7.9): the label names the field, it is no part of the
/// number. A label is taken only when a separator (`#`, `:`, `.`, a space) or the word no/number/nr and
/// one follow it: `ACCT12345678` and `Accounting 1234` stay as they are. A label with nothing after it
/// leaves nothing, which is no account.
fn without_label<'a>(raw: &'a str, labels: &[&str]) -> &'a str {
    const SEPARATORS: [char; 5] = [':', '#', '.', ' ', '\t'];
    let raw = raw.trim_start();
    for label in labels {
        // Labels are ASCII: a head of `raw` equal to one, case aside, ends on a character boundary.
        if !raw.get(..label.len()).is_some_and(|head| head.eq_ignore_ascii_case(label)) {
            continue;
        }
        let mut rest = &raw[label.len()..];
        let mut separated = rest.starts_with(SEPARATORS);
        rest = rest.trim_start_matches(SEPARATORS);
        let word = ["number", "no", "nr"].into_iter().find(|w| {
            rest.get(..w.len()).is_some_and(|head| head.eq_ignore_ascii_case(w))
                && rest[w.len()..].starts_with(SEPARATORS)
        });
        if let Some(word) = word {
            separated = true;
            rest = rest[word.len()..].trim_start_matches(SEPARATORS);
        }
        if separated {
            return rest;
        }
    }
    raw
}

/// `raw` trimmed when it is a routing number as typed: nine digits, maybe grouped with dashes or spaces.
fn nine_digits(raw: &str) -> Option<&str> {
    let raw = raw.trim();
    let only_digits_and_separators = raw.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
    (only_digits_and_separators && digits(raw).len() == 9).then_some(raw)
}

pub(super) fn check_routing(raw: &str) -> Checked {
    Checked::new(digits(raw)).with_warning(aba_problem(raw))
}

/// Why `raw` is not a valid ABA routing transit number, or `None` when it is: nine digits, not all
/// zeros, a first two digits in an assigned range, and the 3-7-1 checksum.
///
/// The first two digits are 00 (the United States Government), 01-12 (the twelve Federal Reserve
/// districts), 21-32 (thrifts, district + 20), 61-72 (electronic transaction identifiers, district + 60)
/// or 80 (traveler's checks); every other pair is reserved. 000000000 passes the checksum and starts
/// with 00, but names no institution (a Federal Reserve routing symbol and an ABA institution
/// identifier of all zeros): it is what an empty routing field becomes, and is refused.
pub fn aba_problem(raw: &str) -> Option<&'static str> {
    let d: Vec<u32> = raw.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 9 || raw.chars().any(|c| c.is_alphabetic()) {
        return Some("a routing number has exactly 9 digits");
    }
    if d.iter().all(|&digit| digit == 0) {
        return Some("a routing number of all zeros names no bank");
    }
    let prefix = d[0] * 10 + d[1];
    if !matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80) {
        return Some("routing number prefix is not an assigned range (00-12, 21-32, 61-72, 80)");
    }
    let sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
    (!sum.is_multiple_of(10)).then_some("routing number fails the ABA checksum")
}

#[cfg(test)]
mod tests {
    use super::super::tests::norm;
    use super::*;
    use crate::domain::IdentifierKind::{BankAccount, RoutingNumber};

    #[test]
    fn routing_numbers_follow_the_aba_rules() {
        assert_eq!(aba_problem("076401251"), None);
        assert_eq!(aba_problem("0764-0125-1"), None);
        assert_eq!(aba_problem("076401252"), Some("routing number fails the ABA checksum"));
        assert!(aba_problem("13640125").is_some());
        assert!(aba_problem("990000000").unwrap().contains("prefix"));
        let checked = norm(RoutingNumber, "076401252");
        assert_eq!(checked.normalized, "076401252");
        assert!(checked.warning.is_some());
        assert_eq!(norm(RoutingNumber, "0764 0125 1"), Checked::new("076401251"));
    }

    /// IBANs from the IBAN registry's examples (SWIFT, ISO 13616) are taken as written; one character
    /// changed, or one dropped, is flagged as a failed check; an account number of a country without
    /// IBANs, or a US one, is not.
    #[test]
    fn an_iban_is_checked_against_the_registry() {
        for valid in [
            "GB82 WEST 1234 5698 7654 32",
            "IBAN DE89 3704 0044 0532 0130 00",
            "FR14 2004 1010 0505 0001 3M02 606",
            "NL91ABNA0417164300",
            "CH93 0076 2011 6238 5295 7",
            "BE68 5390 0754 7034",
            "SA03 8000 0000 6080 1016 7519",
        ] {
            let checked = norm(BankAccount, valid);
            assert_eq!(checked.warning, None, "{valid}");
            assert!(checked.normalized.starts_with(IBAN_PREFIX), "{valid}: {}", checked.normalized);
        }
        for (mistyped, says) in [
            ("GB82 WEST 1234 5698 7654 33", "its check digits do not hold"),
            ("IBAN GB82 WEST 1234 5698 7654 33", "its check digits do not hold"),
            ("DE89 3704 0044 0532 0130 01", "its check digits do not hold"),
            ("DE98 3704 0044 0532 0130 00", "its check digits do not hold"),
            ("NL91ABNA041716430", "not laid out as an IBAN of NL is"),
        ] {
            let checked = norm(BankAccount, mistyped);
            assert!(checked.warning.as_deref().is_some_and(|w| w.contains(says)), "{mistyped}: {checked:?}");
        }
        for other in
            ["000123456789", "076401251:000123456789", "XK123456", "AB12 3456 7890 1234 5", "US12345678901234567"]
        {
            assert_eq!(norm(BankAccount, other).warning, None, "{other}");
        }
    }

    /// The routing number with `prefix` as its first two digits, then 076401, and the check digit
    /// that makes the 3-7-1 sum a multiple of ten.
    fn with_prefix(prefix: u32) -> String {
        let body = format!("{prefix:02}076401");
        let d: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
        let sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5]);
        format!("{body}{}", (10 - sum % 10) % 10)
    }

    #[test]
    fn only_the_assigned_first_two_digits_pass() {
        for prefix in 0..100 {
            let number = with_prefix(prefix);
            let assigned = matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80);
            match aba_problem(&number) {
                None => assert!(assigned, "{number} has reserved first digits {prefix:02}"),
                Some(problem) => {
                    assert!(!assigned, "{number}: {problem}");
                    assert!(problem.contains("prefix"), "{number}: {problem}");
                }
            }
        }
    }

    #[test]
    fn all_zeros_is_refused_though_it_passes_the_checksum() {
        for raw in ["000000000", "0000-0000-0", "000 000 000"] {
            assert_eq!(aba_problem(raw), Some("a routing number of all zeros names no bank"), "{raw}");
            assert!(norm(RoutingNumber, raw).warning.is_some(), "{raw}");
        }
        assert!(norm(BankAccount, "000000000:12345678").warning.unwrap().contains("all zeros"));
        // Published numbers: the worked example, the Federal Reserve Bank of Boston, JPMorgan Chase (New
        // York), Wells Fargo (Minnesota), the US Treasury (prefix 00).
        for raw in ["076401251", "011000015", "021000021", "091000019", "000000518"] {
            assert_eq!(aba_problem(raw), None, "{raw}");
        }
    }

    #[test]
    fn an_account_alone_keeps_letters_and_digits_and_is_its_own_loose_key() {
        let c = norm(BankAccount, "1234 5678 901");
        assert_eq!((c.normalized.as_str(), c.loose.as_deref()), ("12345678901", Some("12345678901")));
        assert!(norm(BankAccount, "12-3").warning.unwrap().contains("at least 4"));
    }

    /// IBANs from SWIFT's IBAN Registry examples (ISO 13616): the United Kingdom, Germany, France, Saudi
    /// Arabia. One whose check digits hold names its bank, so it is keyed as one; one that fails them is an
    /// account number like any other.
    #[test]
    fn an_iban_is_keyed_with_its_bank_whatever_its_spacing() {
        for (raw, iban) in [
            ("gb29 nwbk-6016 1331 9268 19", "GB29NWBK60161331926819"),
            ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
            ("FR1420041010050500013M02606", "FR1420041010050500013M02606"),
            ("SA03 8000 0000 6080 1016 7519", "SA0380000000608010167519"),
        ] {
            let c = norm(BankAccount, raw);
            assert_eq!(c.normalized, format!("IBAN:{iban}"), "{raw}");
            assert_eq!(c.loose.as_deref(), Some(iban), "{raw}");
            assert_eq!(c.warning, None, "{raw}");
        }
        // The word IBAN before it is a label; a routing number before it adds nothing to the bank it names.
        for raw in [
            "IBAN: GB82 WEST 1234 5698 7654 32",
            "iban GB82WEST12345698765432",
            "076401251 GB82 WEST 1234 5698 7654 32",
        ] {
            let c = norm(BankAccount, raw);
            assert_eq!(c.normalized, "IBAN:GB82WEST12345698765432", "{raw}");
            assert_eq!(c.loose.as_deref(), Some("GB82WEST12345698765432"), "{raw}");
        }
        // One check digit off: an account number, keyed as typed.
        assert_eq!(norm(BankAccount, "GB28 NWBK 6016 1331 9268 19").normalized, "GB28NWBK60161331926819");
        assert!(!is_iban("GB29NWBK6016133192681"), "a digit short");
    }

    #[test]
    fn a_routing_number_before_the_account_is_part_of_the_key_but_not_the_loose_key() {
        for raw in ["076401251:12345678", "076401251/1234-5678", "076401251 1234 5678", "0764-0125-1 : 12345678"] {
            let c = norm(BankAccount, raw);
            assert_eq!(c.normalized, "076401251:12345678", "{raw}");
            assert_eq!(c.loose.as_deref(), Some("12345678"), "{raw}");
            assert_eq!(c.warning, None, "{raw}");
        }
        // A first group that is not nine digits is part of the account.
        assert_eq!(norm(BankAccount, "1234 5678 9012").normalized, "123456789012");
        assert_eq!(norm(BankAccount, "12345678 076401251").normalized, "12345678076401251");
        // Nine digits alone are an account.
        assert_eq!(norm(BankAccount, "076401251").normalized, "076401251");
    }

    #[test]
    fn a_routing_number_that_fails_the_aba_check_warns() {
        let c = norm(BankAccount, "076401252:12345678");
        assert_eq!(c.normalized, "076401252:12345678");
        assert!(c.warning.unwrap().contains("checksum"));
        assert!(norm(BankAccount, "990000000 12345678").warning.unwrap().contains("prefix"));
    }

    /// A bank's name or an account's type written in brackets with the numbers is neither number.
    #[test]
    fn a_note_in_brackets_is_no_part_of_the_numbers() {
        for raw in [
            "Routing: 076401251 (Chase) Account 12345678",
            "12345678 (checking), Routing: 076401251",
            "076401251 [Chase] 12345678",
        ] {
            let c = norm(BankAccount, raw);
            assert_eq!((c.normalized.as_str(), c.warning), ("076401251:12345678", None), "{raw}");
        }
        // A bracket with digits in it is part of what was typed, and so is one within the numbers or a
        // letter alone: a sub-account, not a note.
        assert_eq!(norm(BankAccount, "(12)345678").normalized, "12345678");
        for (typed, key) in [
            ("076401251 12345678 (A)", "076401251:12345678A"),
            ("076401251 ABC (DEF) 123456", "076401251:ABCDEF123456"),
            ("076401251 12345678 (savings) 99", "076401251:12345678SAVINGS99"),
            // Without a routing number the bank's name is what tells two banks' accounts apart.
            ("12345678 (Chase)", "12345678CHASE"),
        ] {
            assert_eq!(norm(BankAccount, typed).normalized, key, "{typed}");
        }
        assert_eq!(routing_in("12345678 (Chase), ABA 076401251").as_deref(), Some("076401251"));
    }

    /// A label typed before the number names the field: `Acct# 12345678` is account 12345678, as in a
    /// payment's account field, with or without a routing number before it.
    #[test]
    fn an_account_label_is_no_part_of_the_number() {
        for raw in
            ["Acct# 12345678", "ACCOUNT: 12345678", "Account No. 12345678", "acct. no. 1234-5678", "A/C 12345678"]
        {
            assert_eq!(norm(BankAccount, raw).normalized, "12345678", "{raw}");
        }
        assert_eq!(norm(BankAccount, "076401251 Acct# 12345678").normalized, "076401251:12345678");
        assert_eq!(norm(BankAccount, "076401251: Account Number 12345678").normalized, "076401251:12345678");
        // No separator, no label: letters that are part of the number stay.
        assert_eq!(norm(BankAccount, "ACCT12345678").normalized, "ACCT12345678");
        assert_eq!(norm(BankAccount, "Accounting 12345678").normalized, "ACCOUNTING12345678");
        // Before the routing number too, and the routing number's own label (rules 2026.12.7.9).
        for raw in [
            "Acct #: 076401251/12345678",
            "ACCT: 076401251:12345678",
            "Routing 076401251 Account 12345678",
            "Routing: 076401251, Account: 12345678",
            "ABA 076401251 Acc# 12345678",
        ] {
            assert_eq!(norm(BankAccount, raw).normalized, "076401251:12345678", "{raw}");
        }
        assert_eq!(norm(BankAccount, "Acc# 31313131").normalized, "31313131");
        // The routing number given again with the account (a payment's --account pasted whole).
        for account in ["Routing: 076401251, Account: 99887766", "076401251/99887766"] {
            let c = norm(BankAccount, &format!("076401251:{account}"));
            assert_eq!(c.normalized, "076401251:99887766", "{account}");
        }
        // The routing number after the account, under its label (rules 2026.12.7.11).
        for raw in [
            "Account: 12345678, Routing: 076401251",
            "Acct# 12345678 ABA 076401251",
            "12345678 (routing no. 0764-0125-1)",
            "ACCOUNT NUMBER 1234-5678; RTN: 076401251",
        ] {
            let c = norm(BankAccount, raw);
            assert_eq!((c.normalized.as_str(), c.loose.as_deref()), ("076401251:12345678", Some("12345678")), "{raw}");
        }
        assert!(norm(BankAccount, "12345678, Routing: 076401252").warning.unwrap().contains("checksum"));
        // An account of nine digits is no routing number when the routing number has its label.
        let c = norm(BankAccount, "Account: 123456789, Routing: 076401251");
        assert_eq!(c.normalized, "076401251:123456789");
        // Without the label, or with one that names no nine digits, it stays as typed.
        assert_eq!(norm(BankAccount, "12345678, 076401251").normalized, "12345678076401251");
        // A routing number under its label that is not nine digits is flagged as the routing number it
        // is meant to be; a label with nothing after it names none.
        let short = norm(BankAccount, "Account: 12345678, Routing: 07640125");
        assert_eq!(short.normalized, "07640125:12345678");
        assert!(short.warning.unwrap().contains("exactly 9 digits"));
        assert_eq!(norm(BankAccount, "Account: 12345678, Routing:").normalized, "12345678");
        // Two routing numbers written with one account: flagged.
        for raw in ["011000015/12345678 ABA 076401251", "Routing: 076401251, Account: 12345678, Routing: 011000015"] {
            let c = norm(BankAccount, raw);
            assert!(c.warning.as_deref().is_some_and(|w| w.contains("two routing numbers")), "{raw}: {c:?}");
        }
        // A label alone is no account, nor a routing number under its label.
        for raw in ["Acct#", "Acct #", "Account No.", "A/C:", "Routing: 076401251", "ABA 076401251"] {
            assert!(BankAccount.check(raw).is_err(), "{raw}");
        }
    }
}
