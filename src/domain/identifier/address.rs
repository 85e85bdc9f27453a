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
    fn non_ascii_letters_survive() {
        let c = norm(Address, "Straße 5,  Köln");
        assert_eq!(c.normalized, "straße 5 köln");
        assert_eq!(c.loose.as_deref(), Some("straße 5 köln"));
        assert_eq!(address("Calle Mayor 3, 2º B, Madrid"), "calle mayor 3 2º b madrid");
        assert_eq!(address("서울특별시 강남구 테헤란로 152"), "서울특별시 강남구 테헤란로 152");
    }
}
