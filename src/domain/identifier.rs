//! Identifier kinds, their normalized form (so details can be matched across cases however they were
//! typed) and their format checks.

use std::net::IpAddr;

use super::word_enum;

word_enum!(
    /// What an identifier is. Matching across cases only ever compares values of the same kind.
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

/// A value after normalization, with the reason its format check failed, if it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub normalized: String,
    pub loose: Option<String>,
    pub warning: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    pub phone_country: Option<String>,
}

impl Rules {
    pub fn parse_country(code: &str) -> crate::Result<String> {
        Ok(code.trim().to_uppercase())
    }
}

pub fn bank_account_key(routing: &str, account: &str) -> Option<String> {
    let a = alphanumeric_upper(account);
    if a.is_empty() {
        return None;
    }
    let r = digits(routing);
    Some(if r.len() == 9 { format!("{r}:{a}") } else { a })
}

impl IdentifierKind {
    /// Account and document numbers: masked to their last four characters in redacted reports.
    pub fn is_sensitive(self) -> bool {
        matches!(self, IdentifierKind::BankAccount | IdentifierKind::DocumentNumber | IdentifierKind::CryptoWallet)
    }

    /// Normalizes `raw` and checks its format. Only a value with nothing usable in it is an error;
    /// a value that fails its format check comes back with a warning, for the caller to refuse or keep.
    pub fn match_group(self) -> &'static str {
        match self {
            IdentifierKind::Url => "handle",
            k => k.as_str(),
        }
    }

    pub fn check(self, raw: &str) -> crate::Result<Checked> {
        self.check_with(raw, &Rules::default())
    }

    pub fn check_with(self, raw: &str, _rules: &Rules) -> crate::Result<Checked> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(crate::Error::invalid(format!("empty {self}")));
        }
        let (normalized, warning) = match self {
            IdentifierKind::Email => check_email(raw),
            IdentifierKind::Phone => check_phone(raw),
            IdentifierKind::Address => (normalize_address(raw), None),
            IdentifierKind::BankAccount => {
                let n = alphanumeric_upper(raw);
                let warning = (n.len() < 4).then(|| "an account number has at least 4 characters".to_string());
                (n, warning)
            }
            IdentifierKind::RoutingNumber => {
                let n = digits(raw);
                let warning = aba_problem(raw).map(str::to_string);
                (n, warning)
            }
            IdentifierKind::Ip => match raw.parse::<IpAddr>() {
                Ok(ip) => (ip.to_string(), None),
                Err(_) => (raw.to_lowercase(), Some("not an IPv4 or IPv6 address".to_string())),
            },
            IdentifierKind::DeviceSerial | IdentifierKind::DocumentNumber => (alphanumeric_upper(raw), None),
            IdentifierKind::Url => check_url(raw),
            IdentifierKind::Handle => (raw.trim_start_matches('@').to_lowercase(), None),
            IdentifierKind::CryptoWallet => {
                // Hex (Ethereum-style) addresses are case-insensitive; base58 and bech32 ones are not.
                let n =
                    if raw.starts_with("0x") || raw.starts_with("0X") { raw.to_lowercase() } else { raw.to_string() };
                (n, None)
            }
        };
        if normalized.is_empty() {
            return Err(crate::Error::invalid(format!("{self} {raw:?} has nothing to match on")));
        }
        Ok(Checked { normalized, loose: None, warning })
    }
}

fn digits(raw: &str) -> String {
    raw.chars().filter(char::is_ascii_digit).collect()
}

fn alphanumeric_upper(raw: &str) -> String {
    raw.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect()
}

fn check_email(raw: &str) -> (String, Option<String>) {
    let normalized = raw.to_lowercase();
    let warning = match normalized.split_once('@') {
        _ if normalized.chars().any(char::is_whitespace) => Some("an email address has no spaces"),
        Some((local, domain))
            if !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.') =>
        {
            None
        }
        _ => Some("not an email address (expected name@domain.tld)"),
    };
    (normalized, warning.map(str::to_string))
}

fn check_phone(raw: &str) -> (String, Option<String>) {
    // An extension ("x12", "ext. 12") does not change whose phone it is.
    let lower = raw.to_lowercase();
    let main =
        ["ext", "x", "#"].iter().filter_map(|sep| lower.find(sep)).min().map_or(lower.as_str(), |at| &lower[..at]);
    let normalized = digits(main);
    let warning = if raw.chars().any(char::is_alphabetic) && main.chars().any(char::is_alphabetic) {
        Some("a phone number has only digits, spaces and + ( ) - .".to_string())
    } else if !(7..=15).contains(&normalized.len()) {
        Some("a phone number has 7 to 15 digits".to_string())
    } else {
        None
    };
    (normalized, warning)
}

fn normalize_address(raw: &str) -> String {
    raw.to_lowercase()
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_url(raw: &str) -> (String, Option<String>) {
    let lower = raw.to_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).unwrap_or(&lower);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let normalized = rest.trim_end_matches('/').to_string();
    let host = normalized.split('/').next().unwrap_or_default();
    let warning =
        (!host.contains('.') || host.contains(' ')).then(|| "not a web address (expected host.tld/path)".to_string());
    (normalized, warning)
}

/// Why `raw` is not a valid ABA routing transit number, or `None` when it is: nine digits, a first
/// two digits in an assigned range, and the 3-7-1 checksum.
pub fn aba_problem(raw: &str) -> Option<&'static str> {
    let d: Vec<u32> = raw.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 9 || raw.chars().any(|c| c.is_alphabetic()) {
        return Some("a routing number has exactly 9 digits");
    }
    let prefix = d[0] * 10 + d[1];
    if !matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80) {
        return Some("routing number prefix is not an assigned range (00-12, 21-32, 61-72, 80)");
    }
    let sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
    (!sum.is_multiple_of(10)).then_some("routing number fails the ABA checksum")
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

    fn norm(kind: IdentifierKind, raw: &str) -> Checked {
        kind.check(raw).unwrap()
    }

    #[test]
    fn routing_numbers_follow_the_aba_rules() {
        assert_eq!(aba_problem("076401251"), None);
        assert_eq!(aba_problem("0764-0125-1"), None);
        assert_eq!(aba_problem("076401252"), Some("routing number fails the ABA checksum"));
        assert!(aba_problem("13640125").is_some());
        assert!(aba_problem("990000000").unwrap().contains("prefix"));
        let checked = norm(IdentifierKind::RoutingNumber, "076401252");
        assert_eq!(checked.normalized, "076401252");
        assert!(checked.warning.is_some());
    }

    #[test]
    fn emails_lowercase_and_malformed_ones_warn() {
        let c = norm(IdentifierKind::Email, "  Jane.Doe@Example.COM ");
        assert_eq!(c, Checked { normalized: "jane.doe@example.com".into(), loose: None, warning: None });
        assert!(norm(IdentifierKind::Email, "jane.doe.example.com").warning.is_some());
        assert!(norm(IdentifierKind::Email, "jane@localhost").warning.is_some());
        assert!(norm(IdentifierKind::Email, "ja ne@x.com").warning.is_some());
    }

    #[test]
    fn phones_keep_digits_and_drop_extensions() {
        assert_eq!(norm(IdentifierKind::Phone, "+1 (555) 010-2030 ext. 7").normalized, "15550102030");
        assert_eq!(norm(IdentifierKind::Phone, "555.010.2030x12").normalized, "5550102030");
        assert!(norm(IdentifierKind::Phone, "12").warning.is_some());
    }

    #[test]
    fn ips_are_canonical() {
        assert_eq!(norm(IdentifierKind::Ip, "2001:DB8:0:0::1").normalized, "2001:db8::1");
        assert!(norm(IdentifierKind::Ip, "300.1.1.1").warning.is_some());
    }

    #[test]
    fn urls_drop_scheme_www_and_trailing_slash() {
        assert_eq!(norm(IdentifierKind::Url, "HTTPS://www.GitHub.com/Some-Dev/").normalized, "github.com/some-dev");
    }

    #[test]
    fn empty_values_are_errors_and_non_ascii_survives() {
        assert!(IdentifierKind::Email.check("   ").is_err());
        assert_eq!(norm(IdentifierKind::Address, "Straße 5,  Köln").normalized, "straße 5 köln");
    }

    #[test]
    fn masking_keeps_the_last_four() {
        assert_eq!(mask("123456789012"), "****9012");
        assert_eq!(mask("12 34"), "****");
    }
}
