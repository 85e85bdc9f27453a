//! Identifier kinds, their normalized form (so details can be matched across cases however they were
//! typed), a weaker match key for near misses, and their format checks. One file per kind with rules of
//! its own; the table of rules is in the README ("Identifiers and their checks").

mod address;
mod bank;
mod email;
mod ip;
mod phone;
mod wallet;
mod web;

use super::word_enum;

pub use address::{AddressParts, address_parts};
pub use bank::{IBAN_PREFIX, aba_problem, account_problem, is_iban, routing_in};
pub use email::without_wrapping as email_address;
pub use phone::after_number as phone_extension;
pub use wallet::{is_checked_wallet, payment_wallet};

word_enum!(
    /// What an identifier is. Matching across cases only compares values of the same match group.
    IdentifierKind, "identifier kind", {
        Email => "email",
        Phone => "phone",
        Address => "address",
        BankAccount => "bank-account",
        RoutingNumber => "routing-number",
        Ip => "ip",
        DeviceSerial => "device-serial",
        Url => "url",
        Handle => "handle",
        CryptoWallet => "crypto-wallet",
        DocumentNumber => "document-number",
    }
);

/// A value after normalization: its exact match key, a weaker key for near misses (same account at
/// another bank, same building, same /24 network), and the reason its format check failed, if it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// Equal values are a strong link.
    pub normalized: String,
    /// Equal values (within one match group) are a weak link.
    pub loose: Option<String>,
    pub warning: Option<String>,
}

impl Checked {
    fn new(normalized: impl Into<String>) -> Self {
        Checked { normalized: normalized.into(), loose: None, warning: None }
    }

    fn with_loose(mut self, loose: impl Into<String>) -> Self {
        self.loose = Some(loose.into()).filter(|l: &String| !l.is_empty());
        self
    }

    fn with_warning(mut self, warning: Option<impl Into<String>>) -> Self {
        self.warning = warning.map(Into::into);
        self
    }
}

/// Workspace-wide normalization settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    /// Country of phone numbers typed without a country code (ISO 3166 alpha-2, uppercase, e.g. "US").
    pub phone_country: Option<String>,
}

impl Rules {
    /// Checks a country code for `phone_country`: two letters naming a region in libphonenumber's data.
    pub fn parse_country(code: &str) -> crate::Result<String> {
        let upper = code.trim().to_uppercase();
        match phone::region(&upper) {
            Some(_) => Ok(upper),
            None => Err(crate::Error::invalid(format!(
                "unknown country code {:?} (expected an ISO code such as US, GB, KR)",
                code.trim()
            ))),
        }
    }
}

impl IdentifierKind {
    /// Account and document numbers: masked to their last four characters in redacted reports.
    pub fn is_sensitive(self) -> bool {
        matches!(self, IdentifierKind::BankAccount | IdentifierKind::DocumentNumber | IdentifierKind::CryptoWallet)
    }

    /// Kinds whose normalized values are compared with each other. A profile URL and a handle share a
    /// group (a profile's user name is a handle's weaker key); every other kind is its own.
    pub fn match_group(self) -> &'static str {
        match self {
            IdentifierKind::Url | IdentifierKind::Handle => "handle",
            kind => kind.as_str(),
        }
    }

    /// Why a value of this kind stored under the key `key` ties no two cases, when it does not: an IP
    /// address that names no machine of its own (a private or loopback one, …), or that is no address at
    /// all (kept with its warning). Such an IP is stored without a network key, which is how the stored
    /// rows tell it (schema step 24). Every other value ties the cases holding it.
    pub fn ties_nothing(self, key: &str) -> Option<&'static str> {
        match self {
            IdentifierKind::Ip => ip::ties_nothing(key),
            _ => None,
        }
    }

    /// [`check_with`](Self::check_with) under the default rules (no default phone country).
    pub fn check(self, raw: &str) -> crate::Result<Checked> {
        self.check_with(raw, &Rules::default())
    }

    /// Normalizes `raw` and checks its format. Only a value with nothing usable in it is an error;
    /// a value that fails its format check comes back with a warning, for the caller to refuse or keep.
    pub fn check_with(self, raw: &str, rules: &Rules) -> crate::Result<Checked> {
        // A character that draws nothing (a zero-width space, a direction mark or override) is no part of
        // a value anyone reads: pasted from a web page, or slipped in so that two writings of one address
        // look alike and never meet, it is left out of the keys (rules 2026.12.6.1). The value is kept as
        // typed, its characters shown visibly wherever it shows.
        let visible = crate::text::without_invisible(raw);
        let raw = visible.trim();
        if raw.is_empty() {
            return Err(crate::Error::invalid(format!("empty {self}")));
        }
        if is_placeholder(raw) {
            return Err(crate::Error::invalid(format!("{self} {raw:?} has nothing to match on")));
        }
        let checked = match self {
            IdentifierKind::Email => email::check(raw),
            IdentifierKind::Phone => phone::check(raw, rules),
            IdentifierKind::Address => address::check(raw),
            IdentifierKind::BankAccount => bank::check_account(raw),
            IdentifierKind::RoutingNumber => bank::check_routing(raw),
            IdentifierKind::Ip => ip::check(raw),
            IdentifierKind::DeviceSerial => Checked::new(alphanumeric_upper(without_serial_label(raw))),
            IdentifierKind::DocumentNumber => Checked::new(alphanumeric_upper(raw)),
            IdentifierKind::Url => web::check_url(raw),
            IdentifierKind::Handle => web::check_handle(raw),
            IdentifierKind::CryptoWallet => wallet::check(raw),
        };
        if checked.normalized.is_empty() {
            return Err(crate::Error::invalid(format!("{self} {raw:?} has nothing to match on")));
        }
        Ok(checked)
    }
}

/// Words a form or a spreadsheet writes for "no value": kept as values they would link every record that
/// says so (two workers with `N/A` for a bank account would share one).
const PLACEHOLDERS: [&str; 14] = [
    "n/a",
    "n.a.",
    "na",
    "none",
    "null",
    "nil",
    "unknown",
    "tbd",
    "tba",
    "not applicable",
    "not available",
    "not provided",
    "no",
    "?",
];

/// Whether `raw` is only a placeholder for "no value": one of [`PLACEHOLDERS`], a lone `0` (what a
/// spreadsheet writes in an empty number cell), or no letter or digit at all (`-`, `--`, `?`, `…`, `—`).
/// Zeros at a value's length (`000000000`) are left to its kind's check, which names them.
pub(crate) fn is_placeholder(raw: &str) -> bool {
    let lower = raw.to_lowercase();
    PLACEHOLDERS.contains(&lower.as_str()) || lower == "0" || !lower.chars().any(char::is_alphanumeric)
}

/// Why `text` looks like another value: a letter in a compatibility form (full-width `ｊ`, mathematical
/// `𝐣`, the ligature `ﬁ`) stands for a plain one (Unicode UAX #15: NFKC maps it there), as a look-alike
/// of `what` writes it; `None` when it has no such letter.
pub(crate) fn compatibility_form(text: &str, what: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let c = text.chars().find(|c| c.is_alphanumeric() && std::iter::once(*c).nfkc().ne(std::iter::once(*c)))?;
    let plain: String = std::iter::once(c).nfkc().collect();
    Some(format!(
        "{text:?} writes {plain:?} as {:?}, a full-width or other compatibility form of it, as a look-alike of \
         {what} does (Unicode UAX #15)",
        c.to_string()
    ))
}

/// The ASCII digits of `raw`, in order.
pub(crate) fn digits(raw: &str) -> String {
    raw.chars().filter(char::is_ascii_digit).collect()
}

fn alphanumeric_upper(raw: &str) -> String {
    raw.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect()
}

/// A serial copied from a label or a system report often starts with "S/N", "SN:" or "Serial:". A bare
/// "SN" is only a label when a separator follows, since serials may themselves start with SN.
fn without_serial_label(raw: &str) -> &str {
    const LABELS: [&str; 6] = ["serial number", "serial no", "serial", "s/n", "s.n", "sn"];
    let lower = raw.to_ascii_lowercase();
    for label in LABELS {
        if let Some(rest) = lower.strip_prefix(label) {
            let separated = rest.starts_with([':', '#', '.', ' ', '\t']) || label.contains(['/', '.']);
            let value = rest.trim_start_matches([':', '#', '.', ' ', '\t']);
            if separated {
                // Labels are ASCII, so the lowercase copy has the same byte offsets as `raw`.
                return &raw[raw.len() - value.len()..];
            }
        }
    }
    raw
}

/// Undoes the "defanging" analysts apply to indicators in reports (`hxxp://`, `example[.]com`), so a
/// pasted indicator matches the live value.
fn refang(raw: &str) -> String {
    let lower = raw.to_lowercase();
    let lower = lower.replace("[.]", ".").replace("(.)", ".").replace("[dot]", ".").replace("[:]", ":");
    match lower.strip_prefix("hxxp") {
        Some(rest) => format!("http{rest}"),
        None => lower,
    }
}

/// `raw` with its defanging undone (`hxxps://evil[.]example` → `https://evil.example`) and its letter case
/// kept: the live value an indicator is shared as.
pub fn refanged(raw: &str) -> String {
    let mut live = raw.trim().replace("[.]", ".").replace("(.)", ".").replace("[:]", ":");
    for dot in ["[dot]", "[DOT]", "[Dot]"] {
        live = live.replace(dot, ".");
    }
    if live.get(..4).is_some_and(|scheme| scheme.eq_ignore_ascii_case("hxxp")) {
        live = format!("http{}", &live[4..]);
    }
    // A scheme is written lowercase (`HTTPS://` is `https://`); the rest keeps its case.
    match live.find("://") {
        Some(end) if live[..end].bytes().all(|b| b.is_ascii_alphabetic()) => {
            format!("{}{}", live[..end].to_ascii_lowercase(), &live[end..])
        }
        _ => live,
    }
}

/// Masks all but the last four characters, for redacted reports.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() <= 4 {
        return "*".repeat(chars.len());
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn norm(kind: IdentifierKind, raw: &str) -> Checked {
        kind.check(raw).unwrap()
    }

    #[test]
    fn empty_values_and_values_with_nothing_to_match_are_errors() {
        assert!(IdentifierKind::Email.check("   ").is_err());
        assert!(IdentifierKind::BankAccount.check(" - / ").is_err());
        assert!(IdentifierKind::Phone.check("n/a").is_err());
        assert!(IdentifierKind::DeviceSerial.check("S/N:").is_err());
    }

    #[test]
    fn placeholders_for_no_value_are_refused_for_every_kind() {
        for kind in IdentifierKind::ALL {
            for raw in
                ["N/A", "n/a", "NA", "None", "null", "-", "--", "?", "Not applicable", " TBD ", "0", "…", "—", "-/-"]
            {
                assert!(kind.check(raw).is_err(), "{kind} {raw:?} was accepted");
            }
        }
        // A value that only starts like one is a value.
        assert!(IdentifierKind::Email.check("none@example.com").is_ok());
        assert!(IdentifierKind::Handle.check("nathan").is_ok());
        assert!(IdentifierKind::DocumentNumber.check("NA123456").is_ok());
        assert!(IdentifierKind::DocumentNumber.check("0042").is_ok());
        // Zeros at a value's length are left to its own check, which names them.
        let zeros = IdentifierKind::RoutingNumber.check("000000000").unwrap();
        assert!(zeros.warning.is_some_and(|w| w.contains("zeros")), "a failed check, named");
    }

    #[test]
    fn urls_and_handles_share_a_match_group_and_other_kinds_have_their_own() {
        assert_eq!(IdentifierKind::Url.match_group(), "handle");
        assert_eq!(IdentifierKind::Handle.match_group(), "handle");
        assert_eq!(IdentifierKind::Phone.match_group(), "phone");
        assert_eq!(IdentifierKind::BankAccount.match_group(), "bank-account");
        let groups: std::collections::HashSet<_> = IdentifierKind::ALL.iter().map(|k| k.match_group()).collect();
        assert_eq!(groups.len(), IdentifierKind::ALL.len() - 1);
    }

    #[test]
    fn country_codes_are_checked_and_uppercased() {
        assert_eq!(Rules::parse_country(" us ").unwrap(), "US");
        assert_eq!(Rules::parse_country("kr").unwrap(), "KR");
        let err = Rules::parse_country("ZZ").unwrap_err().to_string();
        assert_eq!(err, r#"unknown country code "ZZ" (expected an ISO code such as US, GB, KR)"#);
        assert!(Rules::parse_country("USA").is_err());
        assert!(Rules::parse_country("").is_err());
    }

    #[test]
    fn serials_lose_their_label_but_not_a_leading_sn_that_is_part_of_them() {
        let serial = |raw| norm(IdentifierKind::DeviceSerial, raw).normalized;
        assert_eq!(serial("S/N: C02-XK1 9JGH"), "C02XK19JGH");
        assert_eq!(serial("SN:c02xk19jgh"), "C02XK19JGH");
        assert_eq!(serial("Serial Number: C02XK19JGH"), "C02XK19JGH");
        assert_eq!(serial("serial# C02XK19JGH"), "C02XK19JGH");
        assert_eq!(serial("S/NC02XK19JGH"), "C02XK19JGH");
        assert_eq!(serial("SNX4411"), "SNX4411");
        assert_eq!(serial("SN-4411-22"), "SN441122");
        assert_eq!(norm(IdentifierKind::DeviceSerial, "c02xk19jgh").loose, None);
    }

    #[test]
    fn document_numbers_keep_letters_and_digits_only() {
        let doc = |raw| norm(IdentifierKind::DocumentNumber, raw);
        assert_eq!(doc("m1234-5678 ").normalized, "M12345678");
        assert_eq!(doc("M 123 456 78").normalized, "M12345678");
        assert_eq!(doc("ab.12/34").normalized, "AB1234");
        assert_eq!(doc("m12345678"), Checked { normalized: "M12345678".into(), loose: None, warning: None });
    }

    #[test]
    fn defanged_indicators_are_restored() {
        assert_eq!(refang("hxxps://evil[.]example(.)com"), "https://evil.example.com");
        assert_eq!(refang("10[.]0[.]0[.]1"), "10.0.0.1");
        assert_eq!(refanged(" HXXPS://Evil[.]example[DOT]com/Path?Q=1 "), "https://Evil.example.com/Path?Q=1");
        assert_eq!(refanged("héllo"), "héllo", "no scheme, and a first character of two bytes");
    }

    #[test]
    fn masking_keeps_the_last_four() {
        assert_eq!(mask("123456789012"), "****9012");
        assert_eq!(mask("12 34"), "****");
    }
}
