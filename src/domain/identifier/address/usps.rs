//! USPS Publication 28's tables, kept as data files in `data/usps/` (see its README for the source and
//! edition) and read once, at first use: Appendix C1 (street suffixes) and Appendix C2 (secondary unit
//! designators), and the directionals of section 233.

use std::collections::HashMap;
use std::sync::LazyLock;

const STREET_SUFFIXES: &str = include_str!("../../../../data/usps/street-suffixes.csv");
const SECONDARY_UNITS: &str = include_str!("../../../../data/usps/secondary-units.csv");

/// Section 233's directionals and their one- or two-letter abbreviations.
const DIRECTIONALS: [(&str, &str); 8] = [
    ("north", "n"),
    ("south", "s"),
    ("east", "e"),
    ("west", "w"),
    ("northeast", "ne"),
    ("northwest", "nw"),
    ("southeast", "se"),
    ("southwest", "sw"),
];

/// Spellings outside the tables that mean one of their entries: the correct spelling of C2's "Hanger",
/// "Flr" for floor, and C1's "CAUSWAY" as the November 2000 print edition has it (the web edition has
/// "CAUSWA").
const EXTRA_SPELLINGS: [(&str, &str); 3] = [("hangar", "hngr"), ("flr", "fl"), ("causway", "cswy")];

/// A row of a table file: its comma-separated fields, lowercased. Comment lines (`#` then a space) and
/// the header (its first line otherwise) are skipped.
fn rows(table: &'static str) -> impl Iterator<Item = Vec<String>> {
    table
        .lines()
        .filter(|line| !line.starts_with("# ") && !line.trim().is_empty())
        .skip(1)
        .map(|line| line.split(',').map(|field| field.trim().to_lowercase()).collect())
}

/// A word's standard abbreviation: a street suffix (C1), a secondary unit designator (C2), or a
/// directional. A word that is itself a standard abbreviation stays itself, even where C1 lists it as a
/// common abbreviation of another suffix (C1 lists `MDW`, Meadow's own abbreviation, under Meadows).
static ABBREVIATIONS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for row in rows(SECONDARY_UNITS) {
        if let [description, abbreviation, _] = row.as_slice() {
            map.insert(description.clone(), abbreviation.clone());
        }
    }
    let suffixes: Vec<Vec<String>> = rows(STREET_SUFFIXES).collect();
    for row in &suffixes {
        if let [primary, common, standard] = row.as_slice() {
            map.insert(primary.clone(), standard.clone());
            map.insert(common.clone(), standard.clone());
        }
    }
    for row in &suffixes {
        if let [_, _, standard] = row.as_slice() {
            map.insert(standard.clone(), standard.clone());
        }
    }
    for (long, short) in DIRECTIONALS.into_iter().chain(EXTRA_SPELLINGS) {
        map.insert(long.to_string(), short.to_string());
    }
    map
});

/// C2's designators that must be followed by a range (the unit's number), as their abbreviations.
static RANGED_UNITS: LazyLock<Vec<String>> = LazyLock::new(|| {
    rows(SECONDARY_UNITS)
        .filter_map(|row| match row.as_slice() {
            [_, abbreviation, range] if range == "yes" => Some(abbreviation.clone()),
            _ => None,
        })
        .collect()
});

/// C2's designators that need no range (basement, front, lobby, lower, office, penthouse, rear, side,
/// upper), as their abbreviations.
static UNRANGED_UNITS: LazyLock<Vec<String>> = LazyLock::new(|| {
    rows(SECONDARY_UNITS)
        .filter_map(|row| match row.as_slice() {
            [_, abbreviation, range] if range == "no" => Some(abbreviation.clone()),
            _ => None,
        })
        .collect()
});

/// C1's standard suffix abbreviations and the directionals: the words a street address ends with.
static STREET_ENDS: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
    rows(STREET_SUFFIXES)
        .filter_map(|row| row.get(2).cloned())
        .chain(DIRECTIONALS.iter().map(|(_, short)| short.to_string()))
        .collect()
});

/// Whether `word` (as normalized: an abbreviation) is a C2 designator that needs no range.
pub(super) fn is_unranged_unit(word: &str) -> bool {
    UNRANGED_UNITS.iter().any(|unit| unit == word)
}

/// Whether `word` (as normalized) is a street suffix's standard abbreviation or a directional.
pub(super) fn ends_a_street(word: &str) -> bool {
    STREET_ENDS.contains(word)
}

/// Whether `word` (lowercase) is a directional, written out or abbreviated.
pub(super) fn is_directional(word: &str) -> bool {
    DIRECTIONALS.iter().any(|(long, short)| word == *long || word == *short)
}

/// Whether `word` (lowercase) is a C1 street suffix in any of its spellings.
pub(super) fn is_suffix(word: &str) -> bool {
    ABBREVIATIONS.get(word).is_some_and(|short| STREET_ENDS.contains(short) && !is_directional(short))
}

/// The standard abbreviation of `word` (lowercase), if the tables have one.
pub(super) fn abbreviation(word: &str) -> Option<&'static str> {
    ABBREVIATIONS.get(word).map(String::as_str)
}

/// Whether `word` (lowercase, written out or abbreviated) is a C2 designator that takes a range.
pub(super) fn is_ranged_unit(word: &str) -> bool {
    let short = ABBREVIATIONS.get(word).map_or(word, String::as_str);
    RANGED_UNITS.iter().any(|unit| unit == short) && (word == short || is_c2_description(word))
}

fn is_c2_description(word: &str) -> bool {
    rows(SECONDARY_UNITS).any(|row| row.first().is_some_and(|d| d == word)) || word == "hangar"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_read_whole() {
        let suffixes: Vec<_> = rows(STREET_SUFFIXES).collect();
        assert_eq!(suffixes.len(), 502, "C1 has 502 rows");
        assert!(suffixes.iter().all(|row| row.len() == 3 && row.iter().all(|f| !f.is_empty())));
        let primaries: std::collections::BTreeSet<_> = suffixes.iter().map(|row| row[0].as_str()).collect();
        assert_eq!(primaries.len(), 206, "C1 names 206 suffixes");
        let units: Vec<_> = rows(SECONDARY_UNITS).collect();
        assert_eq!(units.len(), 25, "C2 has 24 designators and the pound sign");
        assert_eq!(RANGED_UNITS.len(), 16);
        assert_eq!(UNRANGED_UNITS.len(), 9, "the table marks nine designators as needing no range");
    }

    #[test]
    fn every_spelling_maps_to_its_standard_abbreviation() {
        for (word, short) in [
            ("glen", "gln"),
            ("knoll", "knl"),
            ("knol", "knl"),
            ("commons", "cmns"),
            ("estates", "ests"),
            ("meadows", "mdws"),
            ("medows", "mdws"),
            ("meadow", "mdw"),
            ("mdw", "mdw"),
            ("manor", "mnr"),
            ("causwa", "cswy"),
            ("trnpk", "tpke"),
            ("pky", "pkwy"),
            ("apartment", "apt"),
            ("penthouse", "ph"),
            ("hanger", "hngr"),
            ("hangar", "hngr"),
            ("northwest", "nw"),
        ] {
            assert_eq!(abbreviation(word), Some(short), "{word}");
        }
        assert_eq!(abbreviation("main"), None);
        assert!(is_ranged_unit("space") && is_ranged_unit("spc") && is_ranged_unit("#"));
        assert!(!is_ranged_unit("basement") && !is_ranged_unit("ph") && !is_ranged_unit("main"));
    }
}
