//! Phone numbers: E.164 (`+<country code><national number>`) where the country is known, else digits.

use super::countries::{self, Country};
use super::{Checked, Rules, digits};

/// Normalizes to E.164 when the number is international (`+`, `00`, or the default country's own
/// international prefix such as 011) or when the workspace has a default country; else to its digits.
/// The loose key is the national number, to link the same number typed with and without its country.
pub(super) fn check(raw: &str, rules: &Rules) -> Checked {
    let lower: String = raw.chars().map(halfwidth).flat_map(char::to_lowercase).collect();
    let main = without_extension(without_label(&lower));
    // "+44 (0)20 ...": the bracketed trunk prefix is not dialled from abroad.
    let main = main.replace("(0)", "");
    let country = rules.phone_country.as_deref().and_then(countries::by_iso);
    let all_digits = digits(&main);
    if all_digits.is_empty() {
        return Checked::new("");
    }
    let international = if main.trim_start().starts_with('+') {
        Some(all_digits.as_str())
    } else {
        let mut prefixes = country.map_or(&[][..], |c| c.idd).iter().chain(&["00"]);
        prefixes.find_map(|prefix| all_digits.strip_prefix(prefix))
    };
    let (normalized, loose, unknown_code) = match (international, country) {
        (Some(number), _) => match countries::split_calling_code(number) {
            Some((code, national)) => {
                let national = countries::by_code(code).map_or(national, |c| without_trunk(c, national));
                (e164(code, national), national.to_string(), false)
            }
            None => (e164(number, ""), number.to_string(), true),
        },
        (None, Some(country)) => {
            let national = without_trunk(country, &all_digits);
            (e164(country.code, national), national.to_string(), false)
        }
        // Country unknown: most trunk prefixes are 0, and the loose key is only a weak link.
        (None, None) => (all_digits.clone(), all_digits.strip_prefix('0').unwrap_or(&all_digits).to_string(), false),
    };
    let count = normalized.trim_start_matches('+').len();
    let warning = if main.chars().any(char::is_alphabetic) {
        Some("a phone number has only digits, spaces and + ( ) - .")
    } else if !(7..=15).contains(&count) {
        Some("a phone number has 7 to 15 digits")
    } else if unknown_code {
        Some("the digits after + do not start with a country calling code")
    } else {
        None
    };
    Checked::new(normalized).with_loose(loose).with_warning(warning)
}

fn e164(code: &str, national: &str) -> String {
    if code.is_empty() { String::new() } else { format!("+{code}{national}") }
}

/// Fullwidth digits and plus sign, as typed with a Japanese, Chinese or Korean input method.
fn halfwidth(c: char) -> char {
    match c {
        '\u{ff10}'..='\u{ff19}' => char::from_u32(c as u32 - 0xff10 + u32::from(b'0')).unwrap_or(c),
        '\u{ff0b}' => '+',
        _ => c,
    }
}

/// Drops a label before the number: `tel:`, `Mobile:`, `WhatsApp:`.
fn without_label(lower: &str) -> &str {
    match lower.split_once(':') {
        Some((label, number)) if label.chars().all(|c| c.is_alphabetic() || c == ' ') => number,
        _ => lower,
    }
}

/// Drops an extension ("x12", "ext. 12", "#12", ";ext=12", ",,12") after the number: it does not
/// change whose phone it is.
fn without_extension(lower: &str) -> &str {
    let number_starts = lower.find(|c: char| c.is_ascii_digit()).unwrap_or(lower.len());
    let markers = ["ext", "x", "#", ";", ","].iter().filter_map(|marker| lower[number_starts..].find(marker));
    markers.min().map_or(lower, |at| &lower[..number_starts + at])
}

/// A national number without the country's trunk prefix (0 in most countries, 1 in North America, 8 in
/// Russia), where it has one and what remains is the right length.
fn without_trunk<'a>(country: &Country, national: &'a str) -> &'a str {
    country
        .trunk
        .iter()
        .filter_map(|prefix| national.strip_prefix(prefix))
        .find(|rest| country.national_len == 0 || rest.len() == country.national_len)
        .unwrap_or(national)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::IdentifierKind::Phone;

    fn phone_in(country: Option<&str>, raw: &str) -> Checked {
        let rules = Rules { phone_country: country.map(str::to_string) };
        Phone.check_with(raw, &rules).unwrap()
    }

    fn e164_in(country: &str, raw: &str) -> String {
        phone_in(Some(country), raw).normalized
    }

    #[test]
    fn international_numbers_are_e164_and_drop_extensions() {
        let c = phone_in(None, "+1 (555) 010-2030 ext. 7");
        assert_eq!(c.normalized, "+15550102030");
        assert_eq!(c.loose.as_deref(), Some("5550102030"));
        assert_eq!(c.warning, None);
        for raw in ["+1 555.010.2030x12", "+1-555-010-2030 #12", "tel:+1-555-010-2030;ext=12", "+15550102030,,12"] {
            assert_eq!(phone_in(None, raw).normalized, "+15550102030", "{raw}");
        }
        assert_eq!(phone_in(None, "+44 (0)20 7946 0958").normalized, "+442079460958");
        assert_eq!(phone_in(None, "+44 020 7946 0958").normalized, "+442079460958");
        assert_eq!(phone_in(None, "0044 20 7946 0958").normalized, "+442079460958");
        assert_eq!(phone_in(None, "+850 2 123 4567").loose.as_deref(), Some("21234567"));
    }

    #[test]
    fn without_a_default_country_a_national_number_is_its_digits() {
        let c = phone_in(None, "(555) 010-2030");
        assert_eq!(c.normalized, "5550102030");
        assert_eq!(c.loose.as_deref(), Some("5550102030"));
        // The loose key drops a leading 0, so "020 7946 0958" weakly links to +44 20 7946 0958.
        assert_eq!(phone_in(None, "020 7946 0958").loose, phone_in(None, "+44 20 7946 0958").loose);
    }

    #[test]
    fn a_default_country_makes_national_numbers_international() {
        assert_eq!(e164_in("US", "(555) 010-2030"), "+15550102030");
        assert_eq!(e164_in("US", "1-555-010-2030"), "+15550102030");
        assert_eq!(e164_in("US", "011 44 20 7946 0958"), "+442079460958");
        assert_eq!(e164_in("GB", "020 7946 0958"), "+442079460958");
        assert_eq!(e164_in("KR", "010-1234-5678"), "+821012345678");
        assert_eq!(e164_in("KR", "001 1 555 010 2030"), "+15550102030");
        assert_eq!(e164_in("JP", "090-1234-5678"), "+819012345678");
        assert_eq!(phone_in(None, "\u{ff0b}\u{ff18}\u{ff11} \u{ff19}\u{ff10}-1234-5678").normalized, "+819012345678");
        assert_eq!(e164_in("JP", "010 82 10 1234 5678"), "+821012345678");
        assert_eq!(e164_in("DE", "030 123456"), "+4930123456");
        assert_eq!(e164_in("AU", "0011 44 20 7946 0958"), "+442079460958");
        // A number already international ignores the default country.
        assert_eq!(e164_in("KR", "+1 555 010 2030"), "+15550102030");
    }

    #[test]
    fn trunk_prefixes_follow_the_country() {
        // Italy has no trunk prefix: its leading 0 is part of the number.
        assert_eq!(e164_in("IT", "06 1234 5678"), "+390612345678");
        assert_eq!(phone_in(None, "+39 06 1234 5678").normalized, "+390612345678");
        // Russia and Kazakhstan dial 8, and 8~10 for abroad; an 800 number keeps its 8.
        assert_eq!(e164_in("RU", "8 (916) 123-45-67"), "+79161234567");
        assert_eq!(e164_in("RU", "8 800 555-35-35"), "+78005553535");
        assert_eq!(e164_in("RU", "800 555-35-35"), "+78005553535");
        assert_eq!(e164_in("KZ", "8 10 44 20 7946 0958"), "+442079460958");
        // Mexico's old mobile 1 after +52.
        assert_eq!(phone_in(None, "+52 1 55 1234 5678").normalized, "+525512345678");
        // The same national number typed with and without its country is a weak link.
        assert_eq!(phone_in(Some("RU"), "8 916 123-45-67").loose, phone_in(None, "+7 916 123 45 67").loose);
    }

    #[test]
    fn malformed_numbers_warn() {
        assert!(phone_in(None, "12").warning.unwrap().contains("7 to 15"));
        assert!(phone_in(None, "+1 555 010 2030 4455 6677").warning.unwrap().contains("7 to 15"));
        assert!(phone_in(None, "1-800-FLOWERS").warning.unwrap().contains("only digits"));
        assert!(phone_in(None, "+284 123 4567").warning.unwrap().contains("country calling code"));
        assert!(phone_in(None, "+0 123 456 789").warning.is_some());
        // Letters inside the extension, or in a label before the number, are fine.
        assert_eq!(phone_in(None, "+1 555 010 2030 extension 12").warning, None);
        assert_eq!(phone_in(None, "Mobile: +1 555 010 2030").normalized, "+15550102030");
        assert_eq!(phone_in(None, "Fax: +1 555 010 2030").warning, None);
        // Nothing to dial is an error, with or without a default country.
        assert!(Phone.check_with("n/a", &Rules { phone_country: Some("US".into()) }).is_err());
        assert!(Phone.check("Mobile:").is_err());
        assert!(phone_in(None, "ext. 12").warning.is_some());
    }
}
