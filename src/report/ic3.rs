//! What the IC3 complaint form allows: field lengths, entry counts, transaction types, and how the
//! form counts characters. Limits are from the form's own validation attributes
//! (see `research/ic3-form-and-indicators.md` §1); `None` means the form states no limit.

use serde::Serialize;

pub const NAME: usize = 50;
pub const BUSINESS: usize = 50;
/// The filer's and the complainant's phone (digits only).
pub const PHONE: usize = 50;
pub const EMAIL: usize = 50;
pub const ADDRESS_LINE: usize = 50;
/// Suite/Apt./Mail Stop.
pub const SUITE: usize = 50;
pub const CITY: usize = 50;
/// The notes' table gives no limit for County; the copy of the form's HTML they cite has `maxlength="50"`.
pub const COUNTY: usize = 50;
pub const ZIP: usize = 20;
pub const POC: usize = 150;
pub const RECIPIENT: usize = 50;
pub const NAME_ON_ACCOUNT: usize = 50;
pub const BANK: usize = 50;
/// The recipient bank's address lines and city (the originating bank's address lines take 75).
pub const BANK_ADDRESS_LINE: usize = 50;
pub const BANK_CITY: usize = 50;
/// Each of the originating bank's two address lines.
pub const ORIGIN_BANK_ADDRESS_LINE: usize = 75;
pub const ROUTING: usize = 50;
pub const ACCOUNT: usize = 50;
pub const SWIFT: usize = 50;
/// The recipient's (and the originating side's) wallet.
pub const WALLET: usize = 50;
/// Transaction ID / hash.
pub const TX_HASH: usize = 75;
pub const SIGNATURE: usize = 50;
pub const SUBJECT_PHONE: usize = 20;
pub const WEBSITE: usize = 100;
pub const IP: usize = 39;
pub const DESCRIPTION: usize = 3_500;
pub const TECHNICAL: usize = 5_000;
pub const WITNESSES: usize = 1_000;
pub const OTHER_REPORTS: usize = 1_000;
/// The form takes at most this many transactions and this many subjects.
pub const MAX_TRANSACTIONS: usize = 10;
pub const MAX_SUBJECTS: usize = 10;

/// How long `value` is as the form counts it: UTF-16 code units (what a browser's `maxlength`
/// counts), with each line break counted twice because a text area submits it as CR LF. Counting
/// this way is never lower than the form's own count, so a value within the limit here fits there.
pub fn ic3_length(value: &str) -> usize {
    value.encode_utf16().count() + value.matches('\n').count()
}

/// The transaction types the form offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransactionType {
    Cash,
    Check,
    Cryptocurrency,
    Card,
    MoneyOrder,
    P2p,
    PrepaidCard,
    WireTransfer,
    Other,
}

impl TransactionType {
    /// The option as the form words it.
    pub fn label(self) -> &'static str {
        match self {
            TransactionType::Cash => "Cash",
            TransactionType::Check => "Check",
            TransactionType::Cryptocurrency => "Cryptocurrency/Crypto ATM",
            TransactionType::Card => "Debit/Credit Card",
            TransactionType::MoneyOrder => "Money Order",
            TransactionType::P2p => "P2P",
            TransactionType::PrepaidCard => "Prepaid Card/Gift Card",
            TransactionType::WireTransfer => "Wire Transfer",
            TransactionType::Other => "Other",
        }
    }

    /// The option's number in the form's markup, which says for which types each transaction field is
    /// shown (see [`crate::domain::Detail::types`]).
    pub fn form_number(self) -> u8 {
        match self {
            TransactionType::Cash => 0,
            TransactionType::Check => 1,
            TransactionType::Card => 2,
            TransactionType::MoneyOrder => 3,
            TransactionType::WireTransfer => 4,
            TransactionType::PrepaidCard => 5,
            TransactionType::Cryptocurrency => 6,
            TransactionType::P2p => 7,
            TransactionType::Other => 8,
        }
    }

    /// Maps a payment's free-text method to the form's type. The form's help says a wire transfer
    /// includes ACH, so bank transfers and payroll deposits go there. More specific words are tried
    /// first: "gift card" is not a card payment, "Cash App" is not cash.
    pub fn from_method(method: &str) -> TransactionType {
        let lower = method.to_lowercase();
        let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let word = |w: &[&str]| words.iter().any(|x| w.contains(x));
        let phrase = |p: &[&str]| p.iter().any(|x| lower.contains(x));
        if word(&["gift", "prepaid", "giftcard"]) {
            TransactionType::PrepaidCard
        } else if phrase(&["money order", "money-order", "moneyorder"]) {
            TransactionType::MoneyOrder
        } else if word(&["crypto", "cryptocurrency", "bitcoin", "btc", "eth", "ethereum", "usdt", "usdc", "tether"]) {
            TransactionType::Cryptocurrency
        } else if word(&["p2p", "zelle", "venmo", "paypal", "cashapp"])
            || phrase(&["cash app", "peer-to-peer", "peer to peer"])
        {
            TransactionType::P2p
        } else if word(&["wire", "ach", "swift", "sepa", "payroll"])
            || phrase(&["bank transfer", "direct deposit", "transfer"])
        {
            TransactionType::WireTransfer
        } else if word(&["check", "cheque"]) {
            TransactionType::Check
        } else if word(&["card", "debit", "credit", "visa", "mastercard"]) {
            TransactionType::Card
        } else if word(&["cash"]) {
            TransactionType::Cash
        } else {
            TransactionType::Other
        }
    }
}

/// What is wrong with a SWIFT/BIC code by the form's pattern `[A-Za-z]{6}\w{2}(\w{3})?` (the whole value:
/// six letters, then two or five letters, digits or underscores); `None` when it fits. The value is
/// never changed to fit.
pub fn swift_problem(value: &str) -> Option<&'static str> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let chars: Vec<char> = value.chars().collect();
    if chars.len() != 8 && chars.len() != 11 {
        return Some("a SWIFT/BIC code has 8 or 11 characters");
    }
    if !chars[..6].iter().all(char::is_ascii_alphabetic) {
        return Some("a SWIFT/BIC code starts with six letters");
    }
    if !chars[6..].iter().all(|c| word(*c)) {
        return Some("a SWIFT/BIC code ends in letters or digits only");
    }
    None
}

/// The largest amount the form's amount field takes, in cents (its `max`, 999,999,999.99).
pub const MAX_AMOUNT_CENTS: i64 = 99_999_999_999;

/// Keeps only the digits: the form's phone fields take nothing else.
pub fn digits_only(value: &str) -> String {
    value.chars().filter(char::is_ascii_digit).collect()
}

/// A phone typed as free text (the organization's, the filer's) as the form's phone field takes it: its
/// digits, without an extension (`x45`, `ext. 7`, `#12`, `;ext=7`: from the first letter, `#` or `;` after
/// the number starts), whose digits would make another number.
pub fn phone_digits(value: &str) -> String {
    let start = value.find(|c: char| c.is_ascii_digit()).unwrap_or(value.len());
    let end =
        value[start..].find(|c: char| c.is_alphabetic() || c == '#' || c == ';').map_or(value.len(), |i| start + i);
    digits_only(&value[..end])
}

/// An amount in cents as the form's amount field takes it, in its currency's minor unit: `1234.56` (USD),
/// `1500` (JPY), no separators.
pub fn amount(cents: i64, currency: &str) -> String {
    crate::domain::format_amount(cents, currency)
}

/// An amount in cents for reading: `1,234.56` (USD), `150,000` (JPY).
pub fn amount_grouped(cents: i64, currency: &str) -> String {
    let plain = amount(cents, currency);
    let (sign, rest) = plain.strip_prefix('-').map_or(("", plain.as_str()), |r| ("-", r));
    match rest.split_once('.') {
        Some((whole, fraction)) => format!("{sign}{}.{fraction}", group(whole)),
        None => format!("{sign}{}", group(rest)),
    }
}

/// The plural ending for `n` things: "" for one, "s" otherwise.
pub fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Writes a count with thousands separators: `3,500`.
pub fn grouped(n: usize) -> String {
    group(&n.to_string())
}

fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use TransactionType as T;

    #[test]
    fn methods_map_to_the_forms_types() {
        let cases = [
            ("wire", T::WireTransfer),
            ("ACH", T::WireTransfer),
            ("Bank transfer", T::WireTransfer),
            ("payroll direct deposit", T::WireTransfer),
            ("check", T::Check),
            ("Cheque", T::Check),
            ("crypto", T::Cryptocurrency),
            ("USDT (TRC-20)", T::Cryptocurrency),
            ("Bitcoin ATM", T::Cryptocurrency),
            ("card", T::Card),
            ("credit card", T::Card),
            ("p2p", T::P2p),
            ("Zelle", T::P2p),
            ("venmo", T::P2p),
            ("PayPal", T::P2p),
            ("Cash App", T::P2p),
            ("cash", T::Cash),
            ("money order", T::MoneyOrder),
            ("gift card", T::PrepaidCard),
            ("prepaid debit card", T::PrepaidCard),
            ("barter", T::Other),
            ("other", T::Other),
        ];
        for (method, want) in cases {
            assert_eq!(T::from_method(method), want, "{method}");
        }
        assert_eq!(T::WireTransfer.label(), "Wire Transfer");
        assert_eq!(T::Cryptocurrency.label(), "Cryptocurrency/Crypto ATM");
    }

    #[test]
    fn lengths_count_like_the_form() {
        assert_eq!(ic3_length("Jürgen Müller"), 13);
        assert_eq!(ic3_length("김정은"), 3);
        assert_eq!(ic3_length("a\nb"), 4, "a line break is submitted as CR LF");
        assert_eq!(ic3_length("😀"), 2, "outside the BMP a character is two UTF-16 units");
    }

    #[test]
    fn swift_codes_are_checked_against_the_forms_pattern() {
        for ok in ["DEUTDEFF", "DEUTDEFF500", "deutdeff", "BOFAUS3N", "CHASUS33XXX"] {
            assert_eq!(swift_problem(ok), None, "{ok}");
        }
        for bad in ["DEUTDEF", "DEU1DEFF", "DEUTDEFF50", "DEUTDE-F", "DEUTDEFF 500", ""] {
            assert!(swift_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn amounts_and_counts_are_written_plainly() {
        assert_eq!(amount(123_456, "USD"), "1234.56");
        assert_eq!(amount(-5, "USD"), "-0.05");
        assert_eq!(amount_grouped(123_456_789, "USD"), "1,234,567.89");
        assert_eq!(amount_grouped(-100, "USD"), "-1.00");
        // ISO 4217: the yen and the won have no minor unit, the Bahraini dinar three (kept to hundredths, so
        // the third is 0).
        assert_eq!(amount_grouped(15_000_000, "JPY"), "150,000");
        assert_eq!(amount(1_000_000, "krw"), "10000");
        assert_eq!(amount(555, "BHD"), "5.550");
        assert_eq!(amount_grouped(123_456_700, "KWD"), "1,234,567.000");
        // Yen recorded with a fraction before vetdesk refused one keep it.
        assert_eq!(amount_grouped(150, "JPY"), "1.50");
        assert_eq!(grouped(3_500), "3,500");
        assert_eq!(grouped(50), "50");
        assert_eq!(digits_only("+1 (555) 010-2030"), "15550102030");
        // An extension is no part of the number the field asks for.
        assert_eq!(phone_digits("+1 (303) 555-0100 x45"), "13035550100");
        assert_eq!(phone_digits("303-555-0111 ext. 7"), "3035550111");
        assert_eq!(phone_digits("tel:+1-303-555-0100;ext=12"), "13035550100");
        assert_eq!(phone_digits("+44 20 7946 0958 #1234"), "442079460958");
    }
}
