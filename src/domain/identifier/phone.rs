//! Phone numbers: E.164 (`+<country code><national number>`) where the country is known, else digits.
//!
//! Calling codes, international and national (trunk) prefixes, carrier-selection codes and which
//! numbers are valid in each country come from libphonenumber's metadata, through the rlibphonenumber
//! port. vetdesk adds only what the library has no opinion on, each marked "vetdesk rule" below and
//! listed in the README ("Identifiers and their checks"): labels and extensions are dropped, `00` always
//! means international, a number typed without `+`, an international
//! prefix or a default country is kept as its digits, E.164's 7 to 15 digits, Mexico's old prefixes,
//! and a prefix that reads two ways (Hong Kong's 00 and 002) flagged.

use rlibphonenumber::{CountryCodeSource, PHONE_NUMBER_UTIL, ParseError, PhoneNumber, PhoneNumberFormat, Region};

use super::{Checked, Rules, digits};

/// Normalizes to E.164 when the number is international (`+`, the default country's international
/// prefixes, or `00`) or when the workspace has a default country; else to its digits. The loose key
/// is the national significant number, to link the same number typed with and without its country.
pub(super) fn check(raw: &str, rules: &Rules) -> Checked {
    let lower: String = raw.chars().map(halfwidth).flat_map(char::to_lowercase).collect();
    let main = without_extension(without_label(&lower));
    // "+44 (0)20 ...": the bracketed 0 is read as the digit it is, and libphonenumber drops it as the trunk
    // prefix where the country has one (+44 20 …), and keeps it where it is the number's own (Italy's
    // "+39 (0)6 …" is +39 06 …; rules 2026.12.7.16, where before vetdesk dropped it everywhere).
    let main = main.replace("(0)", "0");
    let main = main.as_str();
    let all_digits = digits(main);
    if all_digits.is_empty() {
        return Checked::new("");
    }
    let plus = main.trim_start().starts_with('+');
    let region = rules.phone_country.as_deref().and_then(region);
    let parsed = match (plus, region) {
        (true, _) => Some(parse(&format!("+{all_digits}"), None)),
        (false, Some(region)) => Some(in_region(&all_digits, region)),
        // vetdesk rule: 00 always means international, with or without a default country.
        (false, None) => all_digits.strip_prefix("00").map(|rest| parse(&format!("+{rest}"), None)),
    };
    let (normalized, loose, problem) = match parsed {
        Some(Ok(number)) => {
            let number = mexican_legacy(&number).unwrap_or(number);
            // The loose key drops a leading 0 of the national number, as it does of digits typed without a
            // country: Italy's numbers keep their 0 after +39 ("+39 06 1234 5678"), and typed at home
            // ("06 1234 5678") they are the same number.
            let national = number.get_national_significant_number();
            let national = national.strip_prefix('0').map_or_else(|| national.to_string(), str::to_string);
            let ambiguous = region.and_then(|region| ambiguous_prefix(&all_digits, region, &number));
            let problem = (!number.is_valid()).then(|| invalid_for(&number)).or(ambiguous);
            (number.format_as(PhoneNumberFormat::E164).into_owned(), national, problem)
        }
        Some(Err(error)) => {
            let typed = if plus { format!("+{all_digits}") } else { all_digits.clone() };
            (typed, all_digits.trim_start_matches('0').to_string(), Some(parse_problem(&error)))
        }
        // vetdesk rule: no country known: the digits. Most trunk prefixes are 0, so the loose key (a
        // weak link only) drops one.
        None => (all_digits.clone(), all_digits.strip_prefix('0').unwrap_or(&all_digits).to_string(), None),
    };
    let count = normalized.trim_start_matches('+').len();
    let warning = if main.chars().any(char::is_alphabetic) {
        Some("a phone number has only digits, spaces and + ( ) - .".to_string())
    } else if !extension_holds(without_label(&lower)) {
        Some("what follows the number is not one extension (digits after x, ext, # or ,)".to_string())
    } else if !(7..=15).contains(&count) {
        Some("a phone number has 7 to 15 digits".to_string())
    } else {
        problem
    };
    Checked::new(normalized).with_loose(loose).with_warning(warning)
}

/// The library's region for an ISO 3166 code, when its metadata has that region.
pub(super) fn region(iso: &str) -> Option<Region> {
    let region = Region::from_code(iso).ok()?;
    PHONE_NUMBER_UTIL.get_supported_regions().any(|known| known == region).then_some(region)
}

fn parse(text: &str, region: Option<Region>) -> Result<PhoneNumber, ParseError> {
    PHONE_NUMBER_UTIL.parse_and_keep_raw_input(text, region)
}

/// A number typed without `+` in a workspace with a default country: the library reads the country's
/// international prefixes (011 in North America, 001 in Mongolia, 009 in Nigeria, Brazil's and
/// Colombia's carrier-selection codes) and its trunk prefix and carrier codes.
fn in_region(all_digits: &str, region: Region) -> Result<PhoneNumber, ParseError> {
    let national = parse(all_digits, Some(region));
    let dialled_abroad = matches!(&national, Ok(n) if n.country_code_source() == CountryCodeSource::FromNumberWithIdd);
    match all_digits.strip_prefix("00") {
        // vetdesk rule: 00 always means international, also where the country's own prefix is another
        // (0011 in Australia, 011 in North America), unless the library read it as a valid number there.
        Some(rest) if !dialled_abroad && !national.as_ref().is_ok_and(PhoneNumber::is_valid) => {
            parse(&format!("+{rest}"), None).or(national)
        }
        _ => national,
    }
}

/// vetdesk rule: where a country's international prefix is `00` alone or `00` and a carrier digit (Hong
/// Kong's 001, 002, 006…), the digits after `00` can be read two ways: `002 33 …` (France) or `00 233 …`
/// (Ghana). The library takes the longer prefix; when the other reading is also a valid number, the
/// number is flagged as ambiguous rather than silently linked to either.
fn ambiguous_prefix(all_digits: &str, region: Region, number: &PhoneNumber) -> Option<String> {
    const PROBE: &str = "0044 20 7946 0958";
    let rest = all_digits.strip_prefix("00")?;
    if number.country_code_source() != CountryCodeSource::FromNumberWithIdd {
        return None;
    }
    let other = parse(&format!("+{rest}"), None).ok().filter(PhoneNumber::is_valid)?;
    let read = number.format_as(PhoneNumberFormat::E164);
    let other_read = other.format_as(PhoneNumberFormat::E164);
    // Only where the country itself takes 00 alone as its prefix, which a London number dialled with 00
    // shows; elsewhere (Mongolia's 001) the longer prefix is the only reading.
    let plain_00 = parse(PROBE, Some(region))
        .is_ok_and(|n| n.country_code_source() == CountryCodeSource::FromNumberWithIdd && n.country_code == 44);
    (plain_00 && other_read != read).then(|| {
        format!("ambiguous in {}: {read} or {other_read}; type it with + and the country code", region.as_region_str())
    })
}

/// vetdesk rule: Mexico dropped the mobile `1` after +52 and the `01` / `044` / `045` national prefixes
/// in 2019-20, and libphonenumber now calls numbers written with them invalid; they are still typed, so a
/// number the library refuses that is valid without them is read without them.
fn mexican_legacy(number: &PhoneNumber) -> Option<PhoneNumber> {
    if number.country_code != 52 || number.is_valid() {
        return None;
    }
    let national = number.get_national_significant_number();
    let rest = ["1", "01", "044", "045"].iter().find_map(|p| national.strip_prefix(p).filter(|r| r.len() == 10))?;
    parse(&format!("+52{rest}"), None).ok().filter(PhoneNumber::is_valid)
}

fn invalid_for(number: &PhoneNumber) -> String {
    let code = number.country_code;
    match PHONE_NUMBER_UTIL.get_region_for_country_code(code).filter(|r| *r != Region::World) {
        Some(region) if PHONE_NUMBER_UTIL.get_regions_for_country_calling_code(code).map_or(0, |r| r.len()) == 1 => {
            format!("not a valid phone number in {} (+{code}) by libphonenumber's data", region.as_region_str())
        }
        _ => format!("not a valid phone number under +{code} by libphonenumber's data"),
    }
}

fn parse_problem(error: &ParseError) -> String {
    match error {
        ParseError::InvalidCountryCode => "the digits after + (or 00) do not start with a country calling code".into(),
        ParseError::TooShortAfterIdd | ParseError::TooShortNsn => "too few digits for a phone number there".into(),
        ParseError::TooLongNsn => "too many digits for a phone number there".into(),
        ParseError::NotANumber(_) => "not a phone number".into(),
    }
}

/// A digit of any script (Unicode `Nd`: fullwidth digits as a Japanese, Chinese or Korean input method
/// types them, Arabic-Indic, Persian, Devanagari…) as its ASCII digit, through the library's own digit
/// table, as libphonenumber reads them; and the fullwidth plus sign as `+`.
fn halfwidth(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    if c == '\u{ff0b}' {
        return '+';
    }
    let mut one = [0u8; 4];
    let digit = PHONE_NUMBER_UTIL.normalize_digits_only(c.encode_utf8(&mut one));
    match digit.as_bytes() {
        [d] => char::from(*d),
        _ => c,
    }
}

/// vetdesk rule: drops a label before the number: `tel:`, `Mobile:`, `WhatsApp:`.
fn without_label(lower: &str) -> &str {
    match lower.split_once(':') {
        Some((label, number)) if label.chars().all(|c| c.is_alphabetic() || c == ' ') => number,
        _ => lower,
    }
}

/// What a phone number's key leaves out after the number, as typed (an extension, `x45`), when it holds
/// digits; `None` when nothing with digits follows the number.
pub fn after_number(raw: &str) -> Option<String> {
    let lower: String = raw.chars().map(halfwidth).flat_map(char::to_lowercase).collect();
    let labelled = without_label(&lower);
    let dropped = labelled[without_extension(labelled).len()..].trim();
    dropped.chars().any(|c| c.is_ascii_digit()).then(|| dropped.to_string())
}

/// vetdesk rule: drops an extension ("x12", "ext. 12", "#12", ";ext=12", ",,12") after the number: it
/// does not change whose phone it is.
fn without_extension(lower: &str) -> &str {
    let number_starts = lower.find(|c: char| c.is_ascii_digit()).unwrap_or(lower.len());
    let markers = ["ext", "x", "#", ";", ","].iter().filter_map(|marker| lower[number_starts..].find(marker));
    markers.min().map_or(lower, |at| &lower[..number_starts + at])
}

/// Whether what [`without_extension`] drops is one extension: its marker, then digits (`x12`, `ext. 12`,
/// `extension 12`, `#12`, `,,12`); nothing dropped holds too, and so do RFC 3966 parameters with at most
/// one `;ext=` and its digits (`;ext=12`, `;phone-context=…`). "xx", an `ext` with no digits or two
/// extensions (`x12 x13`, `;ext=12;ext=34`) do not: the number would be stored without them, silently.
fn extension_holds(lower: &str) -> bool {
    let kept = without_extension(lower).len();
    let dropped = &lower[kept..];
    if dropped.is_empty() {
        return true;
    }
    if let Some(parameters) = dropped.strip_prefix(';') {
        // RFC 3966: at most one `ext=` with its digits; other parameters say nothing of the number.
        let extensions: Vec<&str> = parameters.split(';').filter(|p| p.trim_start().starts_with("ext")).collect();
        return match extensions.as_slice() {
            [] => true,
            [one] => {
                one.trim().strip_prefix("ext=").is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
            }
            _ => false,
        };
    }
    let marks = |c: char| matches!(c, '#' | ',' | ' ' | '.' | '=' | ':');
    let rest = dropped.trim_start_matches(marks);
    let rest = ["extension", "ext", "x"].iter().find_map(|word| rest.strip_prefix(word)).unwrap_or(rest);
    let rest = rest.trim_start_matches(marks).trim_end();
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
#[path = "phone_tests.rs"]
mod tests;
