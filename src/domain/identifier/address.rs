//! Postal addresses: lowercase words with USPS-style abbreviations, one marker for every way of writing
//! an apartment or suite, and the unit left out of the loose key (same building, another unit).

use super::Checked;

/// The marker every unit designator becomes: `Apt 4B`, `#4B`, `Suite 4B` are all `unit 4b`.
const UNIT: &str = "unit";

const UNIT_DESIGNATORS: [&str; 9] = ["apartment", "apt", "unit", "suite", "ste", "room", "rm", "flat", "#"];

/// USPS Publication 28 street suffixes and secondary words, and directionals; `way` and `walk` have
/// no shorter form.
#[rustfmt::skip]
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("street", "st"), ("str", "st"), ("strt", "st"), ("avenue", "ave"), ("av", "ave"), ("aven", "ave"),
    ("avn", "ave"), ("road", "rd"), ("boulevard", "blvd"), ("boul", "blvd"), ("drive", "dr"), ("drv", "dr"),
    ("lane", "ln"), ("court", "ct"), ("place", "pl"), ("terrace", "ter"), ("parkway", "pkwy"),
    ("pkway", "pkwy"), ("highway", "hwy"), ("hiway", "hwy"), ("circle", "cir"), ("circ", "cir"),
    ("square", "sq"), ("trail", "trl"), ("alley", "aly"), ("expressway", "expy"), ("freeway", "fwy"),
    ("crescent", "cres"), ("plaza", "plz"), ("crossing", "xing"), ("turnpike", "tpke"), ("route", "rte"),
    ("center", "ctr"), ("centre", "ctr"), ("cove", "cv"), ("heights", "hts"), ("junction", "jct"),
    ("building", "bldg"), ("floor", "fl"), ("flr", "fl"),
    ("north", "n"), ("south", "s"), ("east", "e"), ("west", "w"),
    ("northeast", "ne"), ("northwest", "nw"), ("southeast", "se"), ("southwest", "sw"),
];

#[rustfmt::skip]
const STATES: &[(&[&str], &str)] = &[
    (&["alabama"], "al"), (&["alaska"], "ak"), (&["arizona"], "az"), (&["arkansas"], "ar"),
    (&["california"], "ca"), (&["colorado"], "co"), (&["connecticut"], "ct"), (&["delaware"], "de"),
    (&["district", "of", "columbia"], "dc"), (&["florida"], "fl"), (&["georgia"], "ga"), (&["hawaii"], "hi"),
    (&["idaho"], "id"), (&["illinois"], "il"), (&["indiana"], "in"), (&["iowa"], "ia"), (&["kansas"], "ks"),
    (&["kentucky"], "ky"), (&["louisiana"], "la"), (&["maine"], "me"), (&["maryland"], "md"),
    (&["massachusetts"], "ma"), (&["michigan"], "mi"), (&["minnesota"], "mn"), (&["mississippi"], "ms"),
    (&["missouri"], "mo"), (&["montana"], "mt"), (&["nebraska"], "ne"), (&["nevada"], "nv"),
    (&["new", "hampshire"], "nh"), (&["new", "jersey"], "nj"), (&["new", "mexico"], "nm"),
    (&["new", "york"], "ny"), (&["north", "carolina"], "nc"), (&["north", "dakota"], "nd"), (&["ohio"], "oh"),
    (&["oklahoma"], "ok"), (&["oregon"], "or"), (&["pennsylvania"], "pa"), (&["rhode", "island"], "ri"),
    (&["south", "carolina"], "sc"), (&["south", "dakota"], "sd"), (&["tennessee"], "tn"), (&["texas"], "tx"),
    (&["utah"], "ut"), (&["vermont"], "vt"), (&["virginia"], "va"), (&["washington"], "wa"),
    (&["west", "virginia"], "wv"), (&["wisconsin"], "wi"), (&["wyoming"], "wy"), (&["puerto", "rico"], "pr"),
    (&["guam"], "gu"),
];

/// Ways of writing the United States at the end of an address, dropped so it matches without them.
const COUNTRY_SUFFIXES: &[&[&str]] =
    &[&["united", "states", "of", "america"], &["united", "states"], &["usa"], &["us"]];

const PO_BOX: &[&[&str]] = &[&["post", "office", "box"], &["p", "o", "box"], &["po", "box"], &["pobox"]];

pub(super) fn check(raw: &str) -> Checked {
    let words = normalized_words(raw);
    let checked = Checked::new(words.join(" "));
    // The loose key is the building: an address without a unit is its own building, so it weakly links
    // to every unit in it.
    if !words.iter().any(|w| w == UNIT) {
        let building = checked.normalized.clone();
        return checked.with_loose(building);
    }
    let mut building = Vec::with_capacity(words.len());
    let mut rest = words.iter();
    while let Some(word) = rest.next() {
        if word == UNIT {
            rest.next(); // the unit's number
        } else {
            building.push(word.as_str());
        }
    }
    checked.with_loose(building.join(" "))
}

fn normalized_words(raw: &str) -> Vec<String> {
    let mut words = words(raw);
    let country =
        COUNTRY_SUFFIXES.iter().find(|c| words.len() > c.len() && starts_with(&words[words.len() - c.len()..], c));
    if let Some(country) = country {
        words.truncate(words.len() - country.len());
    }
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let rest = &words[i..];
        if let Some(po_box) = PO_BOX.iter().find(|p| starts_with(rest, p)) {
            out.extend(["po".to_string(), "box".to_string()]);
            i += po_box.len();
        } else if let Some((name, code)) = STATES.iter().find(|(name, _)| starts_with(rest, name))
            && rest.get(name.len()).is_none_or(|next| is_zip(next))
        {
            out.push(code.to_string());
            i += name.len();
        } else {
            let word = &rest[0];
            if UNIT_DESIGNATORS.contains(&word.as_str()) {
                // "Apt. #4B": two designators, one unit.
                if out.last().is_none_or(|last| last != UNIT) {
                    out.push(UNIT.to_string());
                }
            } else if let Some((_, short)) = ABBREVIATIONS.iter().find(|(long, _)| long == word) {
                out.push(short.to_string());
            } else if is_zip(word) {
                out.push(word[..5].to_string());
            } else {
                out.push(word.clone());
            }
            i += 1;
        }
    }
    out
}

/// A postal address in the parts a form asks for, each part as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressParts {
    pub street: String,
    /// Apartment, suite, unit or mail stop.
    pub suite: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub country: String,
}

/// Splits a US-style address ("street, [unit,] city, state [ZIP][, country]") into its parts, using the
/// same words the normalization knows (unit designators, state names and codes, ZIP codes, the ways of
/// writing the United States). Every character of every part is as typed, and every part of the address
/// lands in one field, so nothing is lost. `None` when the parts cannot be established (no state at the
/// end, no street before the city, another country): the caller keeps the address whole.
pub fn address_parts(raw: &str) -> Option<AddressParts> {
    let mut segments: Vec<String> =
        raw.split([',', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
    let mut parts = AddressParts::default();
    if let Some(last) = segments.last()
        && COUNTRY_SUFFIXES.iter().any(|c| words(last) == *c)
    {
        parts.country = segments.pop().unwrap_or_default();
    }
    // The state, and the ZIP after it, at the end of the last segment; a city may come before them.
    let last = segments.pop()?;
    let tokens: Vec<&str> = last.split_whitespace().collect();
    let mut end = tokens.len();
    if end > 0 && is_zip(tokens[end - 1].trim_end_matches('.')) {
        parts.zip = tokens[end - 1].to_string();
        end -= 1;
    }
    let state_len = (1..=3.min(end)).rev().find(|&n| is_state(&tokens[end - n..end]))?;
    parts.state = tokens[end - state_len..end].join(" ");
    let city = tokens[..end - state_len].join(" ");
    parts.city = if city.is_empty() { segments.pop()? } else { city };
    // What is left: the street, with any unit segments (or a trailing unit) as the suite.
    let mut street = Vec::new();
    let mut suite = Vec::new();
    for segment in segments {
        let tokens: Vec<&str> = segment.split_whitespace().collect();
        match tokens.iter().position(|t| is_unit(t)) {
            Some(0) => suite.push(segment.clone()),
            Some(at) if at + 1 < tokens.len() => {
                street.push(tokens[..at].join(" "));
                suite.push(tokens[at..].join(" "));
            }
            _ => street.push(segment.clone()),
        }
    }
    if street.is_empty() {
        return None;
    }
    parts.street = street.join(", ");
    parts.suite = suite.join(", ");
    Some(parts)
}

/// A state written out ("Arizona", "New York") or as its code ("AZ").
fn is_state(tokens: &[&str]) -> bool {
    let lower: Vec<String> = tokens.iter().map(|t| t.trim_end_matches('.').to_lowercase()).collect();
    STATES.iter().any(|(name, code)| {
        lower.iter().map(String::as_str).eq(name.iter().copied()) || (lower.len() == 1 && lower[0] == *code)
    })
}

/// A unit designator starting a token: "Apt", "Suite", "#4B".
fn is_unit(token: &str) -> bool {
    let lower = token.trim_end_matches(['.', ',']).to_lowercase();
    UNIT_DESIGNATORS.contains(&lower.as_str()) || (lower.starts_with('#') && lower.len() > 1)
}

fn starts_with(words: &[String], pattern: &[&str]) -> bool {
    words.len() >= pattern.len() && words.iter().zip(pattern).all(|(w, p)| w == p)
}

/// A US ZIP code, `12345` or ZIP+4 `12345-6789`.
fn is_zip(word: &str) -> bool {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    match word.split_once('-') {
        Some((zip, plus4)) => zip.len() == 5 && plus4.len() == 4 && digits(zip) && digits(plus4),
        None => word.len() == 5 && digits(word),
    }
}

/// Lowercase words. Punctuation separates words, except that apostrophes are dropped ("O'Connell"),
/// dashes and slashes inside a word stay ("12345-6789", "1/2"), dotted initials join ("P.O." → "po",
/// "N.W." → "nw") and `#` is a word of its own ("#4B" → "# 4b").
fn words(raw: &str) -> Vec<String> {
    let lower = raw.to_lowercase().replace(['\'', '\u{2019}'], "").replace('#', " # ");
    let mut words = Vec::new();
    let inside_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '/' | '.' | '#');
    for chunk in lower.split(|c: char| !inside_word(c)) {
        let parts: Vec<&str> = chunk.split('.').map(|p| p.trim_matches(['-', '/'])).filter(|p| !p.is_empty()).collect();
        if parts.len() > 1 && parts.iter().all(|p| p.chars().count() == 1) {
            words.push(parts.concat());
        } else {
            words.extend(parts.into_iter().map(str::to_string));
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::super::tests::norm;
    use crate::domain::IdentifierKind::Address;

    fn address(raw: &str) -> String {
        norm(Address, raw).normalized
    }

    #[test]
    fn a_full_us_address_folds_to_its_short_form() {
        let c = norm(Address, "123 Main Street, Apt. #4B, Springfield, Illinois 62704-1234, USA");
        assert_eq!(c.normalized, "123 main st unit 4b springfield il 62704");
        assert_eq!(c.loose.as_deref(), Some("123 main st springfield il 62704"));
        assert_eq!(c.warning, None);
        assert_eq!(address("123 MAIN ST., SPRINGFIELD, IL 62704"), "123 main st springfield il 62704");
    }

    #[test]
    fn every_way_of_writing_a_unit_is_one_marker() {
        for unit in ["Apt 4B", "#4B", "Unit 4B", "Apt. #4B", "Suite 4B", "Ste 4b", "apartment 4b", "Apt#4B", "# 4B"] {
            let raw = format!("12 Oak Road {unit}, Denver, CO 80202");
            assert_eq!(address(&raw), "12 oak rd unit 4b denver co 80202", "{raw}");
        }
    }

    #[test]
    fn another_unit_in_the_same_building_is_a_weak_link_only() {
        let (a, b) = (norm(Address, "12 Oak Rd Apt 4B, Denver CO"), norm(Address, "12 Oak Road, Unit 7, Denver, CO"));
        assert_ne!(a.normalized, b.normalized);
        assert_eq!(a.loose, b.loose);
        assert_eq!(a.loose.as_deref(), Some("12 oak rd denver co"));
        assert_eq!(norm(Address, "12 Oak Rd, Denver, CO").loose, a.loose, "the building itself is in the building");
    }

    #[test]
    fn suffixes_and_directionals_are_abbreviated() {
        assert_eq!(
            address("1600 Pennsylvania Avenue Northwest, Washington, DC 20500"),
            "1600 pennsylvania ave nw washington dc 20500"
        );
        assert_eq!(address("500 N.W. Lakeview Boulevard"), "500 nw lakeview blvd");
        assert_eq!(address("9 South West Terrace"), "9 s w ter");
        assert_eq!(address("77 Southwest Parkway"), "77 sw pkwy");
        assert_eq!(address("4 O'Connell Street Lower"), "4 oconnell st lower");
        assert_eq!(address("200 Ocean Way"), "200 ocean way");
    }

    #[test]
    fn state_names_become_codes_only_before_a_zip_or_at_the_end() {
        assert_eq!(address("10 Washington Ave, Seattle, Washington 98101"), "10 washington ave seattle wa 98101");
        assert_eq!(address("10 Washington Avenue, Spokane, Washington"), "10 washington ave spokane wa");
        assert_eq!(address("1 Virginia St, Charleston, West Virginia 25301"), "1 virginia st charleston wv 25301");
        assert_eq!(address("5 Main St, Raleigh, North Carolina 27601, United States"), "5 main st raleigh nc 27601");
        assert_eq!(address("5 North Carolina Ave"), "5 n carolina ave");
        assert_eq!(address("350 Fifth Avenue, New York, NY 10118"), "350 fifth ave new york ny 10118");
    }

    #[test]
    fn post_office_boxes_are_one_form() {
        for raw in
            ["P.O. Box 42", "PO Box 42", "Post Office Box 42", "p o box 42", "POBox 42", "P.O.Box 42", "po. box 42"]
        {
            assert_eq!(address(raw), "po box 42", "{raw}");
        }
    }

    #[test]
    fn a_us_address_splits_into_the_forms_fields_as_typed() {
        use super::{AddressParts, address_parts};
        let p = address_parts("4410 Cactus Ridge Drive, Apartment 12, Phoenix, AZ 85032, USA").unwrap();
        let want = AddressParts {
            street: "4410 Cactus Ridge Drive".into(),
            suite: "Apartment 12".into(),
            city: "Phoenix".into(),
            state: "AZ".into(),
            zip: "85032".into(),
            country: "USA".into(),
        };
        assert_eq!(p, want);
        let p = address_parts("12 Oak Rd Apt 4B\nDenver CO 80202-1234").unwrap();
        assert_eq!(
            (p.street.as_str(), p.suite.as_str(), p.city.as_str(), p.state.as_str(), p.zip.as_str()),
            ("12 Oak Rd", "Apt 4B", "Denver", "CO", "80202-1234")
        );
        let p = address_parts("5 Main St, Raleigh, North Carolina").unwrap();
        assert_eq!((p.city.as_str(), p.state.as_str(), p.zip.as_str()), ("Raleigh", "North Carolina", ""));
    }

    #[test]
    fn an_address_whose_parts_cannot_be_established_is_not_split() {
        use super::address_parts;
        for raw in ["Straße 5, 50667 Köln, Germany", "12 Elm St, Springfield", "Phoenix, AZ", "", "서울특별시 강남구"]
        {
            assert_eq!(address_parts(raw), None, "{raw}");
        }
    }

    #[test]
    fn non_ascii_letters_survive() {
        let c = norm(Address, "Straße 5,  Köln");
        assert_eq!(c.normalized, "straße 5 köln");
        assert_eq!(c.loose.as_deref(), Some("straße 5 köln"));
        assert_eq!(address("Calle Mayor 3, 2º B, Madrid"), "calle mayor 3 2º b madrid");
        assert_eq!(address("서울특별시 강남구 테헤란로 152"), "서울특별시 강남구 테헤란로 152");
    }
}
