//! Postal addresses: lowercase words with USPS Publication 28's standard abbreviations (its street
//! suffix and secondary unit tables, kept as data files, and its directionals), one marker for every
//! way of writing an apartment or suite, state names read as states only where a state stands, and the
//! street address as the loose key (another unit at the same address). Section numbers are those of
//! Publication 28's November 2000 edition.

mod abroad;
mod floors;
mod keys;
mod parts;
mod tokens;
mod usps;

pub use parts::{AddressParts, address_parts};

use super::Checked;
use floors::ordinal_floor;
use tokens::{split_designators, words};
use unicode_normalization::UnicodeNormalization;

/// The marker every unit designator becomes: `Apt 4B`, `#4B`, `Suite 4B` are all `unit 4b`.
const UNIT: &str = "unit";

/// Designators that are always a unit, whatever follows them: Publication 28's apartment, suite, unit,
/// room, `#` and private mailbox (PMB, section 284).
/// And Canada Post's French designators, appartement, bureau (a suite) and unité (rules 2026.12.8.4).
const UNIT_DESIGNATORS: [&str; 13] =
    ["apartment", "apt", "unit", "suite", "ste", "room", "rm", "#", "pmb", "app", "appartement", "bureau", "unité"];

/// "Flat" (an apartment outside the US) is a unit when a range follows; otherwise it is C1's suffix.
const FLAT: &str = "flat";

/// Publication 28's other designators that take a range (space, lot, slip, pier, hangar, trailer,
/// stop) are a unit when a range follows; building, floor and department stay words of their own (the
/// building, or the part of it, a unit is in; left out of the loose key with their number), and "key"
/// is C1's suffix.
const NOT_UNITS: [&str; 4] = ["bldg", "fl", "dept", "key"];

/// Publication 28 Appendix B: the states, the District of Columbia, the territories and freely associated
/// states, and the armed forces' "states" of overseas military mail, with their two-letter abbreviations
/// (the territories and the armed forces since rules 2026.12.8.3).
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
    (&["guam"], "gu"), (&["american", "samoa"], "as"), (&["federated", "states", "of", "micronesia"], "fm"),
    (&["marshall", "islands"], "mh"), (&["northern", "mariana", "islands"], "mp"), (&["palau"], "pw"),
    (&["virgin", "islands"], "vi"), (&["us", "virgin", "islands"], "vi"), (&["armed", "forces", "africa"], "ae"),
    (&["armed", "forces", "americas"], "aa"), (&["armed", "forces", "canada"], "ae"),
    (&["armed", "forces", "europe"], "ae"), (&["armed", "forces", "middle", "east"], "ae"),
    (&["armed", "forces", "pacific"], "ap"),
];

/// Ways of writing the United States at the end of an address, dropped so it matches without them.
const COUNTRY_SUFFIXES: &[&[&str]] =
    &[&["united", "states", "of", "america"], &["united", "states"], &["usa"], &["us"]];

const PO_BOX: &[&[&str]] = &[&["post", "office", "box"], &["p", "o", "box"], &["po", "box"], &["pobox"]];

/// Publication 28's rural route (section 241) and highway contract route (section 251) written out or
/// in their older forms, longest first (RFD and Rural Free Delivery, HCR and Highway Contract Route: rules
/// 2026.12.7.29).
const ROUTES: &[(&[&str], &str)] = &[
    (&["rural", "free", "delivery"], "rr"),
    (&["rfd", "route"], "rr"),
    (&["rural", "route"], "rr"),
    (&["rural", "rte"], "rr"),
    (&["rfd"], "rr"),
    (&["highway", "contract", "route"], "hc"),
    (&["hwy", "contract", "route"], "hc"),
    (&["highway", "contract"], "hc"),
    (&["hwy", "contract"], "hc"),
    (&["hcr"], "hc"),
];

pub(super) fn check(raw: &str) -> Checked {
    // Unicode NFC first: "Köln" typed with a combining mark (as macOS writes it) is the same street.
    let raw: String = raw.nfc().map(tokens::fullwidth_as_ascii).collect();
    let segmented = unit_after_street(normalized_segmented(&raw));
    let words: Vec<String> = segmented.iter().map(|(w, _)| w.clone()).collect();
    // An overseas military address (Publication 28 section 225, the DMM's 703.2.2.1: `UNIT 2050 BOX 4190,
    // APO AP 96278`): its UNIT, CMR or PSC with the box in it is one person's delivery point, like a PO
    // box, so it has no weaker key (rules 2026.12.8.1).
    if is_military(&words) {
        return Checked::new(words.join(" ")).with_loose(words.join(" "));
    }
    // A unit with no street before it ("Unit 3B, Phoenix, AZ") says which building by nothing but its
    // town: no weaker key, and the check says the street is missing.
    let secondary_first = segmented.first().is_some_and(|(_, s)| {
        let part: Vec<String> = segmented.iter().filter(|(_, n)| n == s).map(|(w, _)| w.clone()).collect();
        moves_first(&part) && !part.iter().any(|w| usps::ends_a_street(w))
    });
    if words.first().is_some_and(|w| w == UNIT) || secondary_first {
        return Checked::new(words.join(" ")).with_warning(Some(
            "a unit, building or floor with no street: give the street and number it is in".to_string(),
        ));
    }
    let (strong, street) = keys::keys(&segmented);
    Checked::new(strong).with_loose(street)
}

/// Whether an address's normalized words end at an overseas military post office: APO, FPO or DPO, then
/// the armed forces' "state", AA, AE or AP.
fn is_military(words: &[String]) -> bool {
    words
        .windows(2)
        .any(|w| matches!(w[0].as_str(), "apo" | "fpo" | "dpo") && matches!(w[1].as_str(), "aa" | "ae" | "ap"))
}

/// Whether a normalized word starts a unit, building, floor or place in the building.
fn is_secondary_word(w: &str) -> bool {
    is_unit_or_place(w) || usps::is_ranged_unit(w)
}

/// Whether a normalized word is a unit's marker, a building, floor or department, or one of C2's
/// designators that need no number.
fn is_unit_or_place(w: &str) -> bool {
    w == UNIT || NOT_UNITS[..3].contains(&w) || usps::is_unranged_unit(w)
}

/// Whether `w`, written out or abbreviated, is one of C2's designators that need no number and name a
/// place in the building rather than a unit (all but penthouse and office: upper, lower, front, rear,
/// side, basement, lobby): a `#` after one is a unit of its own.
fn is_place(w: &str) -> bool {
    let short = usps::abbreviation(w).unwrap_or(w);
    usps::is_unranged_unit(short) && !matches!(short, "ph" | "ofc")
}

/// An address's words, each with the number of the comma- or line-separated segment it is in; the
/// ways of writing the United States at the end are dropped.
fn segmented_words(raw: &str) -> Vec<(String, usize)> {
    let mut segments: Vec<Vec<String>> =
        raw.split([',', '\n', ';']).map(|s| split_designators(words(s))).filter(|w| !w.is_empty()).collect();
    let total: usize = segments.iter().map(Vec::len).sum();
    if let Some(last) = segments.last_mut() {
        let country = COUNTRY_SUFFIXES
            .iter()
            .find(|c| total > c.len() && last.len() >= c.len() && starts_with(&last[last.len() - c.len()..], c));
        if let Some(country) = country {
            last.truncate(last.len() - country.len());
        }
    }
    segments.retain(|s| !s.is_empty());
    abroad::postcode_endings(&mut segments);
    zip_plus_four_joined(&mut segments);
    // A unit, building or floor written first, as its own part ("Apt 3B, 1420 N Maple St, …", "Bldg 4, 9
    // Main St", "PH 2, 9 Main St"), is the street's: it goes after the street, where it is written
    // otherwise (rules 2026.12.7.16 for all but a unit).
    // Several such parts ("Bldg 4, Apt 5, 9 Main St") go after it in their order. A designator alone
    // ("Upper, 9 Main St, Darby") stays: it may be the first word of the town (Upper Darby).
    let leading = segments.iter().take_while(|s| moves_first(s)).count();
    let street_next =
        segments.get(leading).and_then(|s| s.first()).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    if leading > 0 && street_next {
        let parts: Vec<Vec<String>> = segments.drain(..leading).collect();
        for (at, part) in parts.into_iter().enumerate() {
            segments.insert(1 + at, part);
        }
    }
    segments.into_iter().enumerate().flat_map(|(n, words)| words.into_iter().map(move |w| (w, n))).collect()
}

/// ZIP+4 written with a space for its hyphen after a state ("IL 62701 1234", "Illinois, 62701 1234") is
/// the ZIP+4 `62701-1234` (rules 2026.12.7.16), and so is one written there with nothing for it
/// ("IL 627011234"; rules 2026.12.7.23).
fn zip_plus_four_joined(segments: &mut [Vec<String>]) {
    let is_state_word = |w: &String| STATES.iter().any(|(name, code)| w == code || name.last() == Some(&w.as_str()));
    let Some((last, before)) = segments.split_last_mut() else { return };
    let digits = |w: &str, n: usize| w.len() == n && w.bytes().all(|b| b.is_ascii_digit());
    // The ZIP+4, and how many words it was written as.
    let (joined, taken) = match last.as_slice() {
        [.., nine] if digits(nine, 9) => (format!("{}-{}", &nine[..5], &nine[5..]), 1),
        [.., zip, plus4] if digits(zip, 5) && digits(plus4, 4) => (format!("{zip}-{plus4}"), 2),
        _ => return,
    };
    let state_before = match last.len().checked_sub(taken + 1) {
        Some(at) => last.get(at),
        None => before.last().and_then(|s| s.last()),
    };
    if state_before.is_some_and(is_state_word) {
        last.truncate(last.len() - taken);
        last.push(joined);
    }
}

/// Units, buildings and floors written before the street in the same part of the address ("Apt 3B 1420
/// N Maple St Phoenix AZ", "Bldg 4 Apt 5 9 Main St"; rules 2026.12.5.7 and 2026.12.8.3), moved after the
/// street's suffix (and a directional after it), where they are written otherwise, with a fraction after
/// a number ("Apt 4 1/2 9 Main St"; rules 2026.12.8.1); with no suffix, to the end of the street's part
/// where a comma ends it ("Apt 4 N6512 Hwy 42, Kewaunee"; rules 2026.12.8.3). Left as they are when no
/// house number follows them.
fn unit_after_street(mut words: Vec<(String, usize)>) -> Vec<(String, usize)> {
    let Some(&(_, segment)) = words.first() else { return words };
    let in_part = |at: usize, test: &dyn Fn(&str) -> bool| words.get(at).is_some_and(|(w, s)| *s == segment && test(w));
    // A unit, building, floor or department, or a place in the building with its number ("PH 2").
    let within = |w: &str| w == UNIT || NOT_UNITS[..3].contains(&w) || usps::is_unranged_unit(w);
    let mut house = 0;
    while in_part(house, &within) && in_part(house + 1, &is_range) {
        house += 2;
        while in_part(house, &is_fraction) {
            house += 1;
        }
    }
    if house == 0 || !in_part(house, &is_house_number) || !in_part(house + 1, &|_| true) {
        return words;
    }
    // After the house number: a directional before the name, the name, then its suffix and any directional.
    let mut at = house + 1;
    if in_part(at, &usps::ends_a_street) {
        at += 1;
    }
    let part_end = words.iter().rposition(|(_, s)| *s == segment).map_or(0, |e| e + 1);
    let end = match (at + 1..part_end).find(|&i| usps::ends_a_street(&words[i].0)) {
        // A number right after the suffix is the road's ("100 County Rd 12", "State Route 9"; rules
        // 2026.12.8.4).
        Some(suffix) => (suffix + 1..part_end)
            .find(|&i| !(usps::ends_a_street(&words[i].0) || i == suffix + 1 && is_house_number(&words[i].0)))
            .unwrap_or(part_end),
        None if part_end < words.len() => part_end,
        None => return words,
    };
    let unit: Vec<(String, usize)> = words.drain(..house).collect();
    let at = end - house;
    words.splice(at..at, unit);
    words
}

/// A house number: digits first (`9`, `123a`, `112-10`), or a grid address's direction and digits
/// (Wisconsin's `N6512`).
fn is_house_number(w: &str) -> bool {
    let grid = w.strip_prefix(['n', 's', 'e', 'w']).unwrap_or(w);
    grid.starts_with(|c: char| c.is_ascii_digit()) && w.bytes().all(|b| b.is_ascii_alphanumeric() || b"-/".contains(&b))
}

/// Whether a part of an address is a unit, a building or a floor alone (`Apt 3`, `Bldg 2`, `Fl 2`, `2nd
/// Floor`, `Penthouse`): part of the street's address, not a city or a state.
fn is_secondary_part(words: &[String]) -> bool {
    moves_first(words) || matches!(words, [w] if usps::is_unranged_unit(w))
}

/// Whether a part written before the street is one of its secondary parts with its number (`Apt 3`, `Bldg
/// 2`, `2nd Floor`, `Penthouse 2`, `PH 2`), to go after the street.
fn moves_first(words: &[String]) -> bool {
    one_secondary(words) || several_secondaries(words)
}

/// Whether a part is several secondary parts one after another, each as [`one_secondary`] reads it ("Apt
/// 5 Bldg 4, 9 Main St"; rules 2026.12.8.4). Each is at most six words, so this reads a part once.
fn several_secondaries(words: &[String]) -> bool {
    const LONGEST: usize = 6;
    // `splits[i]`: how many secondary parts `words[i..]` is, when it is a run of them.
    let mut splits: Vec<Option<usize>> = vec![None; words.len() + 1];
    splits[words.len()] = Some(0);
    for i in (0..words.len()).rev() {
        splits[i] = (i + 1..=(i + LONGEST).min(words.len()))
            .filter(|&j| one_secondary(&words[i..j]))
            .find_map(|j| splits[j].map(|n| n + 1));
    }
    splits[0].is_some_and(|n| n > 1)
}

/// Whether a part is one secondary part with its number, as [`moves_first`] describes.
fn one_secondary(words: &[String]) -> bool {
    // Written out or abbreviated: `Penthouse`, `PH`.
    let unranged = |w: &str| usps::is_unranged_unit(usps::abbreviation(w).unwrap_or(w));
    is_unit_part(words)
        || ordinal_floor(words).is_some_and(|(_, taken)| words.len() == taken)
        || matches!(without_apart(words), [w, range] if unranged(w) && is_range(range))
        || matches!(without_apart(words), [designator, range] if usps::is_ranged_unit(designator) && is_range(range))
        // A place in the building with a unit after it ("Rear #3", "Upper Apt 3"; rules 2026.12.7.28).
        || matches!(words, [w, unit @ ..] if unranged(w) && is_unit_part(unit))
}

/// Whether `w` is a fraction of digits, `1/2`.
fn is_fraction(w: &str) -> bool {
    w.split_once('/').is_some_and(|(a, b)| {
        !a.is_empty() && !b.is_empty() && a.bytes().all(|c| c.is_ascii_digit()) && b.bytes().all(|c| c.is_ascii_digit())
    })
}

/// Whether a part of an address is a unit alone: designators (`Apt`, `#`, `Apt. #`, `Apt No.`, and `Flat` or
/// C2's lot, space, trailer… as anywhere a range follows them), then its range.
fn is_unit_part(words: &[String]) -> bool {
    match without_apart(words).split_last() {
        Some((range, [first, more @ ..])) => {
            is_unit_designator(first, Some(range))
                && more.iter().all(|w| is_unit_designator(w, Some(range)) || is_number_word(w))
                && is_range(range)
        }
        _ => false,
    }
}

/// A designator and its number without what is written apart after the number and is its: a fraction
/// ("Apt 4 1/2"; rules 2026.12.7.28), or a letter after digits ("Apt 4 B", "Bldg 4 B"; rules 2026.12.8.3).
fn without_apart(words: &[String]) -> &[String] {
    match words.split_last() {
        Some((last, rest @ [_, .., number])) if is_fraction(last) || is_letter_apart(number, last) => rest,
        _ => words,
    }
}

/// Whether `letter` is a single letter written apart from `number`, all digits: the number's ("4 B",
/// "4-B").
fn is_letter_apart(number: &str, letter: &str) -> bool {
    !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && letter.len() == 1
        && letter.bytes().all(|b| b.is_ascii_alphabetic())
}

/// A unit designator of any kind, written out or abbreviated: `apt`, `ste`, `lot`, `bldg`, `ph`,
/// `penthouse`, `ofc`.
fn is_designator_word(w: &str) -> bool {
    UNIT_DESIGNATORS.contains(&w)
        || w == FLAT
        || usps::is_ranged_unit(w)
        || usps::is_unranged_unit(usps::abbreviation(w).unwrap_or(w))
}

/// Where the state stands, as (first word, word count, code): a state's name right before the ZIP code
/// that ends the address, or ending the address after a city (a city before it in its segment, or a
/// segment of its own after the street's and the city's). "9 Main St, Washington" has a city and no
/// state; "Spokane, Washington" after a street has both.
fn state_position(words: &[(String, usize)]) -> Option<(usize, usize, &'static str)> {
    let zip = words.last().is_some_and(|(w, _)| is_zip(w));
    let end = words.len() - usize::from(zip);
    let ends_with = |name: &[&str]| {
        end >= name.len() && words[end - name.len()..end].iter().map(|(w, _)| w.as_str()).eq(name.iter().copied())
    };
    // The code too, so that "WY" in the state position stays Wyoming rather than C1's "way".
    let (len, code) =
        STATES
            .iter()
            .filter_map(|(name, code)| {
                if ends_with(name) { Some((name.len(), *code)) } else { ends_with(&[code]).then_some((1, *code)) }
            })
            .max_by_key(|(len, _)| *len)?;
    let start = end - len;
    let segment = words[start].1;
    let in_one_segment = words[end - 1].1 == segment;
    let city_before_in_segment = start > 0 && words[start - 1].1 == segment;
    // The parts before it that are not a unit, building or floor alone ("9 Main St, Apt 3, Washington"
    // has a street and a city, not a street, a city and a state).
    let parts_before = (0..segment)
        .filter(|&n| {
            let part: Vec<String> = words.iter().filter(|(_, s)| *s == n).map(|(w, _)| w.clone()).collect();
            !part.is_empty() && !is_secondary_part(&part)
        })
        .count();
    let after_street_and_city = if city_before_in_segment { parts_before >= 1 } else { parts_before >= 2 };
    (in_one_segment && (zip || after_street_and_city)).then_some((start, len, code))
}

/// An address's normalized words, each with the number of the comma- or line-separated segment it came
/// from.
fn normalized_segmented(raw: &str) -> Vec<(String, usize)> {
    let words = segmented_words(raw);
    let state = state_position(&words);
    let segments: Vec<usize> = words.iter().map(|(_, n)| *n).collect();
    let words: Vec<String> = words.into_iter().map(|(w, _)| w).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut out_segments: Vec<usize> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        // Whatever is pushed below for the words from `i` on is in `i`'s segment.
        let segment = segments[i];
        let rest = &words[i..];
        if let Some((start, len, code)) = state
            && start == i
        {
            out.push(code.to_string());
            i += len;
        } else if let Some(po_box) = PO_BOX.iter().find(|p| starts_with(rest, p)) {
            out.extend(["po".to_string(), "box".to_string()]);
            i += po_box.len();
        } else if let Some((route, short)) = ROUTES.iter().find(|(route, _)| starts_with(rest, route)) {
            out.push(short.to_string());
            i += route.len();
        } else if let Some((floor, taken)) = ordinal_floor(rest) {
            // "2nd Floor" is C2's floor with its range: "fl 2", as "Floor 2" and "Fl 2" are.
            out.extend(["fl".to_string(), floor]);
            i += taken;
        } else {
            let word = &rest[0];
            if is_unit_designator(word, rest.get(1)) {
                // "Apt. #4B": two designators, one unit.
                if out.last().is_none_or(|last| last != UNIT) {
                    out.push(UNIT.to_string());
                }
            } else if out.last().is_some_and(|last| last == UNIT)
                && is_number_word(word)
                && rest.get(1).is_some_and(|w| is_range(w))
            {
                // "Apt No. 5", "Suite Number 200": the word says a number follows (rules 2026.12.7.16).
                i += 1;
                continue;
            } else if out.last().is_some_and(|last| is_secondary_word(last))
                && let Some((range, taken)) =
                    unit_range(rest, &segments[i..], out.first().is_some_and(|w| is_secondary_word(w)))
            {
                out.push(range);
                i += taken;
                out_segments.resize(out.len(), segment);
                continue;
            } else if let Some(short) = usps::abbreviation(word)
                && !is_primary_name(&words, &segments, i)
                && !is_plural_in_a_name(&words, &segments, i, short)
            {
                out.push(short.to_string());
            } else if is_zip(word) {
                out.push(word[..5].to_string());
            } else if matches!(word.as_str(), "urbanizacion" | "urbanización") {
                // Publication 28's Puerto Rico urbanization, URB (rules 2026.12.8.4).
                out.push("urb".to_string());
            } else {
                out.push(word.clone());
            }
            i += 1;
        }
        out_segments.resize(out.len(), segment);
    }
    out.into_iter().zip(out_segments).collect()
}

/// Whether the directional at `i` is the street's name itself: right after the house number, with only a
/// suffix after it ("100 North Ave", "1500 S St NW", a lettered street). Publication 28 spells such a name
/// as written rather than abbreviate it, so that North Avenue and N Avenue stay two streets. A directional
/// before a name and its suffix ("100 N Park Ave") is a directional.
fn is_primary_name(words: &[String], segments: &[usize], i: usize) -> bool {
    let in_segment = |at: usize| segments.get(at) == Some(&segments[i]);
    let suffix_next = words.get(i + 1).is_some_and(|w| usps::is_suffix(w)) && in_segment(i + 1);
    let another_suffix = words.get(i + 2).is_some_and(|w| usps::is_suffix(w)) && in_segment(i + 2);
    usps::is_directional(&words[i])
        && i > 0
        && in_segment(i - 1)
        && words[i - 1].starts_with(|c: char| c.is_ascii_digit())
        && suffix_next
        && !another_suffix
}

/// Whether the word at `i` is a plural that Publication 28 abbreviates as its singular (Parks and Park
/// are both PARK, Trails and Trail both TRL, Walks, Spurs, Loops, Isles…) standing inside a name, a word
/// of its part of the address following it: "Rosa Parks Blvd", "Trails End Rd", "Parks City". C1's
/// abbreviations are a street suffix's; abbreviated inside a name, it would make Rosa Parks Boulevard and
/// Rosa Park Boulevard one street (rules 2026.12.7.12). Ending the street, or followed only by a
/// directional or a unit, it is the suffix, abbreviated as C1 says; a unit written out too (`Pkwys Front`,
/// rules 2026.12.7.17). In a part of the address with no number before it, it is a town's name.
fn is_plural_in_a_name(words: &[String], segments: &[usize], i: usize, short: &str) -> bool {
    let Some(singular) = words[i].strip_suffix('s') else { return false };
    if usps::abbreviation(singular) != Some(short) {
        return false;
    }
    // In a part with no number before it, it is a town's name ("9 Main St, Parks, AZ"; rules 2026.12.8.3).
    let numbered = (0..i).any(|at| segments[at] == segments[i] && words[at].starts_with(|c: char| c.is_ascii_digit()));
    let next = words.get(i + 1).filter(|_| segments.get(i + 1) == Some(&segments[i]));
    !numbered
        || next.is_some_and(|w| {
            !(usps::is_directional(w)
                || usps::is_ranged_unit(w)
                || usps::is_unranged_unit(usps::abbreviation(w).unwrap_or(w))
                || UNIT_DESIGNATORS.contains(&w.as_str())
                || w == FLAT
                || w.starts_with(|c: char| c.is_ascii_digit()))
        })
}

/// A unit's number and letter written apart, as one range, with how many words it took: "4-B", "4/B"
/// and "4 B" (the letter last in its part of the address) are the unit "4b", and "B-4" is "b4". Only a
/// run of digits and one letter are joined: "12-3" stays as written. Written first (`unit_first`), the
/// unit's letter may have the house number after it in its part.
fn unit_range(rest: &[String], segments: &[usize], unit_first: bool) -> Option<(String, usize)> {
    let word = rest.first()?;
    if let Some((a, b)) = word.split_once(['-', '/'])
        && (is_letter_apart(a, b) || is_letter_apart(b, a))
    {
        return Some((format!("{a}{b}"), 1));
    }
    let next = rest.get(1)?;
    let last_in_part = segments.get(2).is_none_or(|s| *s != segments[0]);
    // Or a house number after it: the unit written first, "Apt 4 B 123 Main St" (rules 2026.12.8.1).
    let house_next = unit_first
        && segments.get(2) == Some(&segments[0])
        && rest.get(2).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    // Or another designator: "Apt 5 B Bldg 4" (rules 2026.12.8.3).
    let designator_next = segments.get(2) == Some(&segments[0])
        && (rest.get(2).is_some_and(|w| is_designator_word(w)) || ordinal_floor(&rest[2..]).is_some());
    (is_letter_apart(word, next) && segments[1] == segments[0] && (last_in_part || house_next || designator_next))
        .then(|| (format!("{word}{next}"), 2))
}

/// A unit designator: always for apartment, suite, unit, room, `#` and PMB; for Publication 28's other
/// designators that take a range, and "flat", when one follows ("Space 12", "Lot 7", "Flat 3" but not
/// "Pier Ave", "1st Flat S" or "Trailer E", where E is a directional).
fn is_unit_designator(word: &str, next: Option<&String>) -> bool {
    // Before a suffix it names the street ("5 Suite Rd"); "Ste" before a name is Sainte ("Ste Genevieve,
    // MO"; rules 2026.12.7.20).
    let names_a_street = next.is_some_and(|w| usps::is_suffix(w) && !usps::is_directional(w));
    if UNIT_DESIGNATORS.contains(&word) && !names_a_street {
        return word != "ste" || next.is_some_and(|w| is_range(w));
    }
    (word == FLAT || (usps::is_ranged_unit(word) && !NOT_UNITS.contains(&usps::abbreviation(word).unwrap_or(word))))
        && next.is_some_and(|w| is_range(w))
}

/// A word between a unit's designator and its number that says a number follows: `No.`, `Number`, `Nr.`,
/// `Nbr`, `Num`.
fn is_number_word(w: &str) -> bool {
    matches!(w, "no" | "number" | "nr" | "nbr" | "num" | "nº" | "no\u{ba}")
}

/// Whether `w` can be a unit's number (its range): it holds a digit, or is one letter that is not a
/// directional.
fn is_range(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit()) || (w.chars().count() == 1 && !matches!(w, "n" | "s" | "e" | "w"))
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

#[cfg(test)]
mod tests;
