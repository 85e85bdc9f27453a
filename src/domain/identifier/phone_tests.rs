use super::*;
use crate::domain::IdentifierKind::Phone;

fn phone_in(country: Option<&str>, raw: &str) -> Checked {
    let rules = Rules { phone_country: country.map(str::to_string) };
    Phone.check_with(raw, &rules).unwrap()
}

fn e164_in(country: &str, raw: &str) -> String {
    let c = phone_in(Some(country), raw);
    assert_eq!(c.warning, None, "{raw} in {country}");
    c.normalized
}

#[test]
fn international_numbers_are_e164_and_drop_extensions() {
    let c = phone_in(None, "+1 (202) 555-0143 ext. 7");
    assert_eq!(c.normalized, "+12025550143");
    assert_eq!(c.loose.as_deref(), Some("2025550143"));
    assert_eq!(c.warning, None);
    for raw in ["+1 202.555.0143x12", "+1-202-555-0143 #12", "tel:+1-202-555-0143;ext=12", "+12025550143,,12"] {
        assert_eq!(phone_in(None, raw).normalized, "+12025550143", "{raw}");
    }
    assert_eq!(phone_in(None, "+44 (0)20 7946 0958").normalized, "+442079460958");
    // Italy has no trunk prefix: its numbers keep the 0 after +39 (libphonenumber's IT metadata has no
    // nationalPrefix), so "(0)" there is the number's own digit: +39 0312… is a landline, never the mobile
    // +39 312…, and a mobile written with "(0)" is no valid number. Elsewhere, and in the middle of a
    // number, the 0 is read as libphonenumber reads it.
    assert_eq!(phone_in(None, "+39 (0)6 1234 5678").normalized, "+390612345678");
    assert_eq!(phone_in(None, "+39 (0)6 1234 5678").warning, None);
    assert_eq!(phone_in(None, "+39 (0)312 345 6789").normalized, "+3903123456789");
    assert!(phone_in(None, "+39 (0)333 123 4567").warning.is_some());
    assert_eq!(phone_in(None, "+33 (0)1 42 68 53 00").normalized, "+33142685300");
    assert_eq!(phone_in(None, "+49 30 1234 (0)567").normalized, "+493012340567");
    // No trunk prefix in North America: a bracketed 0 there is no US number.
    assert!(phone_in(Some("US"), "(0)20 7946 0958").warning.is_some());
    assert_eq!(phone_in(None, "+44 020 7946 0958").normalized, "+442079460958");
    assert_eq!(phone_in(None, "0044 20 7946 0958").normalized, "+442079460958");
    assert_eq!(phone_in(None, "+850 2 381 2345").loose.as_deref(), Some("23812345"));
}

/// An extension is dropped only when it is one (RFC 3966 `;ext=`, or x, ext, extension, # or `,,` and its
/// digits): anything else after the number fails the check rather than being thrown away unseen.
#[test]
fn what_follows_a_number_is_one_extension_or_a_failed_check() {
    for raw in [
        "+1 202 555 0143 x12",
        "+1 202 555 0143 ext. 12",
        "+1 202 555 0143 extension 12",
        "+1 202 555 0143 #12",
        "+1 202 555 0143,,12",
        "tel:+1-202-555-0143;ext=12",
        "tel:+1-202-555-0143;phone-context=example.com",
        "Mobile: +1 202 555 0143",
    ] {
        assert_eq!(phone_in(None, raw).warning, None, "{raw}");
    }
    for raw in [
        "+1 202 555 0143 xx",
        "+1 202 555 0143 ext",
        "+1 202 555 0143 x12 x13",
        "+1 202 555 0143 # ",
        "+1 202 555 0143 x12a",
        "+1 202 555 0143 x12#",
        "+1 202 555 0143;ext=",
        "+1 202 555 0143;ext",
        "+1 202 555 0143;ext=12;ext=34",
    ] {
        let c = phone_in(None, raw);
        assert!(c.warning.as_deref().is_some_and(|w| w.contains("not one extension")), "{raw}: {c:?}");
        assert_eq!(c.normalized, "+12025550143", "the key is the number's: {raw}");
    }
}

#[test]
fn without_a_default_country_a_national_number_is_its_digits() {
    let c = phone_in(None, "(202) 555-0143");
    assert_eq!(c.normalized, "2025550143");
    assert_eq!(c.loose.as_deref(), Some("2025550143"));
    // The loose key drops a leading 0, so "020 7946 0958" weakly links to +44 20 7946 0958.
    assert_eq!(phone_in(None, "020 7946 0958").loose, phone_in(None, "+44 20 7946 0958").loose);
    // Italy keeps the 0 after +39 (libphonenumber's italian_leading_zero): the loose key drops it both ways.
    assert_eq!(phone_in(None, "06 1234 5678").loose, phone_in(None, "+39 06 1234 5678").loose);
    assert_eq!(phone_in(Some("IT"), "06 1234 5678").normalized, "+390612345678");
}

#[test]
fn a_default_country_makes_national_numbers_international() {
    assert_eq!(e164_in("US", "(202) 555-0143"), "+12025550143");
    assert_eq!(e164_in("US", "1-202-555-0143"), "+12025550143");
    assert_eq!(e164_in("US", "011 44 20 7946 0958"), "+442079460958");
    assert_eq!(e164_in("GB", "020 7946 0958"), "+442079460958");
    assert_eq!(e164_in("KR", "010-1234-5678"), "+821012345678");
    assert_eq!(e164_in("KR", "001 1 202 555 0143"), "+12025550143");
    assert_eq!(e164_in("JP", "090-1234-5678"), "+819012345678");
    assert_eq!(phone_in(None, "\u{ff0b}\u{ff18}\u{ff11} \u{ff19}\u{ff10}-1234-5678").normalized, "+819012345678");
    // Digits of other scripts read as libphonenumber reads them (its testNormaliseOtherDigits): Arabic-Indic
    // (U+0660-0669), Extended Arabic-Indic as typed in Persian (U+06F0-06F9), Devanagari (U+0966-096F).
    assert_eq!(e164_in("US", "\u{662}\u{660}\u{662}\u{665}\u{665}\u{665}\u{660}\u{661}\u{664}\u{663}"), "+12025550143");
    assert_eq!(
        phone_in(None, "+\u{661} \u{662}\u{660}\u{662} \u{665}\u{665}\u{665} \u{660}\u{661}\u{664}\u{663}").normalized,
        "+12025550143"
    );
    assert_eq!(e164_in("US", "\u{6f2}\u{6f0}\u{6f2}\u{6f5}\u{6f5}\u{6f5}\u{6f0}\u{6f1}\u{6f4}\u{6f3}"), "+12025550143");
    assert_eq!(
        e164_in("IN", "\u{966}\u{967}\u{967} \u{968}\u{969}\u{96a}\u{96b} \u{96c}\u{96d}\u{96e}\u{96f}"),
        "+911123456789"
    );
    assert_eq!(e164_in("JP", "010 82 10 1234 5678"), "+821012345678");
    assert_eq!(e164_in("DE", "030 123456"), "+4930123456");
    assert_eq!(e164_in("AU", "0011 44 20 7946 0958"), "+442079460958");
    // A number already international ignores the default country.
    assert_eq!(e164_in("KR", "+1 202 555 0143"), "+12025550143");
}

#[test]
fn international_prefixes_come_from_the_library() {
    // Mongolia dials 001 for abroad: a Budapest number, not a North American one.
    assert_eq!(e164_in("MN", "001 36 1 234 5330"), "+3612345330");
    assert_ne!(e164_in("MN", "001 36 1 234 5330"), phone_in(None, "+1 361-234-5330").normalized);
    // Nigeria's and Korea's 009.
    assert_eq!(e164_in("NG", "009 44 20 7946 0958"), "+442079460958");
    assert_eq!(e164_in("KR", "009 44 20 7946 0958"), "+442079460958");
    // Carrier-selection codes: Brazil 00 + carrier (0015, 0021…), Colombia 005/007/009, Israel 012-019.
    assert_eq!(e164_in("BR", "0015 44 20 7946 0958"), "+442079460958");
    assert_eq!(e164_in("BR", "0021 1 202 555 0143"), "+12025550143");
    assert_eq!(e164_in("CO", "009 44 20 7946 0958"), "+442079460958");
    assert_eq!(e164_in("CO", "005 1 202 555 0143"), "+12025550143");
    assert_eq!(e164_in("IL", "014 44 20 7946 0958"), "+442079460958");
    assert_eq!(e164_in("IL", "013 1 202 555 0143"), "+12025550143");
    // ... and a national call through a carrier: Brazil 0 + carrier + area code.
    assert_eq!(e164_in("BR", "0 15 11 96123-4567"), "+5511961234567");
    assert_eq!(e164_in("BR", "(11) 96123-4567"), "+5511961234567");
}

#[test]
fn argentine_mobiles_meet_their_international_form() {
    let local = e164_in("AR", "011 15-2925-4708");
    assert_eq!(local, "+5491129254708");
    assert_eq!(local, phone_in(None, "+54 9 11 2925-4708").normalized);
    assert_eq!(local, e164_in("US", "011 54 9 11 2925 4708"));
}

#[test]
fn double_zero_always_means_international() {
    // vetdesk rule: where the country's own prefix is another (011, 0011, 8~10), 00 still dials abroad.
    assert_eq!(e164_in("US", "0044 20 7946 0958"), "+442079460958");
    assert_eq!(e164_in("AU", "0044 20 7946 0958"), "+442079460958");
    assert_eq!(e164_in("RU", "00 44 20 7946 0958"), "+442079460958");
    // ... but where the library reads a longer prefix starting 00, it wins (Mongolia's 001).
    assert_eq!(e164_in("MN", "001 36 1 234 5330"), "+3612345330");
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
    // vetdesk rule: Mexico's old mobile 1 after +52, and its old 01 / 044 / 045 prefixes.
    assert_eq!(phone_in(None, "+52 1 55 1234 5678").normalized, "+525512345678");
    assert_eq!(e164_in("MX", "044 55 1234 5678"), "+525512345678");
    assert_eq!(e164_in("MX", "01 55 1234 5678"), "+525512345678");
    assert_eq!(e164_in("MX", "55 1234 5678"), "+525512345678");
    // The same national number typed with and without its country is a weak link.
    assert_eq!(phone_in(Some("RU"), "8 916 123-45-67").loose, phone_in(None, "+7 916 123 45 67").loose);
}

#[test]
fn numbers_the_library_calls_invalid_warn() {
    // Area code 555 is not in service in North America.
    let c = phone_in(None, "+1 (555) 010-2030");
    assert_eq!(c.normalized, "+15550102030");
    assert_eq!(c.warning.as_deref(), Some("not a valid phone number under +1 by libphonenumber's data"));
    let c = phone_in(Some("GB"), "020 7946 095");
    assert_eq!(c.warning.as_deref(), Some("not a valid phone number under +44 by libphonenumber's data"));
    assert!(phone_in(Some("DE"), "030 1").warning.is_some());
    let c = phone_in(Some("HU"), "06 1 234 533");
    assert_eq!(c.warning.as_deref(), Some("not a valid phone number in HU (+36) by libphonenumber's data"));
}

#[test]
fn malformed_numbers_warn() {
    assert!(phone_in(None, "12").warning.unwrap().contains("7 to 15"));
    assert!(phone_in(None, "+1 202 555 0143 4455 6677").warning.is_some());
    assert!(phone_in(None, "1-800-FLOWERS").warning.unwrap().contains("only digits"));
    assert!(phone_in(None, "+284 123 4567").warning.unwrap().contains("country calling code"));
    assert!(phone_in(None, "+0 123 456 789").warning.is_some());
    // Letters inside the extension, or in a label before the number, are fine.
    assert_eq!(phone_in(None, "+1 202 555 0143 extension 12").warning, None);
    assert_eq!(phone_in(None, "Mobile: +1 202 555 0143").normalized, "+12025550143");
    assert_eq!(phone_in(None, "Fax: +1 202 555 0143").warning, None);
    // Nothing to dial is an error, with or without a default country.
    assert!(Phone.check_with("n/a", &Rules { phone_country: Some("US".into()) }).is_err());
    assert!(Phone.check("Mobile:").is_err());
    assert!(phone_in(None, "ext. 12").warning.is_some());
}

#[test]
fn countries_are_the_libraries_regions() {
    for iso in ["US", "MN", "NG", "KR", "AR", "BR", "CO", "IL", "SH", "XK", "AC"] {
        assert!(region(iso).is_some(), "{iso}");
    }
    for code in ["ZZ", "QQ", "001", "USA", ""] {
        assert!(region(code).is_none(), "{code}");
    }
}

#[test]
fn a_prefix_that_reads_two_ways_is_flagged() {
    // Hong Kong dials abroad with 00 and with 001, 002…: "00 233 …" is Ghana after 00 or France after 002.
    let c = phone_in(Some("HK"), "00 233 23 123 4567");
    assert_eq!(
        c.warning.as_deref(),
        Some("ambiguous in HK: +33231234567 or +233231234567; type it with + and the country code")
    );
    assert_eq!(e164_in("HK", "+233 23 123 4567"), "+233231234567");
    // Only one reading is a valid number: no doubt.
    assert_eq!(e164_in("HK", "00 44 20 7946 0958"), "+442079460958");
    // Mongolia's prefix is 001 only, so the Budapest reading is the only one.
    assert_eq!(e164_in("MN", "001 36 1 234 5330"), "+3612345330");
}
