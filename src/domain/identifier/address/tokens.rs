//! An address's words as typed: lowercase, split at punctuation, with Unicode's dashes and fractions
//! folded, names joined by hyphens apart, and a designator written against its number split from it.

use super::{is_designator_word, is_fraction, is_letter_apart, is_number_word, is_place, is_range};
use unicode_normalization::UnicodeNormalization;

/// Lowercase words. Punctuation separates words, except that apostrophes are dropped ("O'Connell") but
/// between digits, where they separate (rules 2026.12.8.4), dashes and slashes inside a word stay
/// ("12345-6789", "1/2"), dotted initials join ("P.O." → "po", "N.W." → "nw"), numbers with dots between
/// them stay one word as written ("Flat 1.2" is not "Flat 12"; rules 2026.12.8.4) and `#` is a word of its
/// own ("#4B" → "# 4b").
pub(super) fn words(raw: &str) -> Vec<String> {
    let lower = apostrophes_dropped(&fold_dashes_and_fractions(&raw.to_lowercase())).replace('#', " # ");
    let mut words = Vec::new();
    let inside_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '/' | '.' | '#');
    let digits = |p: &&str| p.bytes().all(|b| b.is_ascii_digit());
    for chunk in lower.split(|c: char| !inside_word(c)) {
        let parts: Vec<&str> = chunk.split('.').map(|p| p.trim_matches(['-', '/'])).filter(|p| !p.is_empty()).collect();
        if parts.len() > 1 && parts.iter().all(digits) {
            words.push(parts.join("."));
        } else if parts.len() > 1 && parts.iter().all(|p| p.chars().count() == 1) {
            words.push(parts.concat());
        } else {
            parts.into_iter().for_each(|p| hyphened_name(p, &mut words));
        }
    }
    words
}

/// Apostrophes dropped ("O'Connell" is "oconnell"), but one between digits is a space ("112'10").
fn apostrophes_dropped(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let digit = |at: Option<&char>| at.is_some_and(char::is_ascii_digit);
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\'' | '\u{2019}' if i > 0 && digit(chars.get(i - 1)) && digit(chars.get(i + 1)) => out.push(' '),
            '\'' | '\u{2019}' => {}
            _ => out.push(c),
        }
    }
    out
}

/// A fullwidth form of ASCII (`９ Main St`, `，`) as ASCII's character, and the ideographic space as the
/// space (Unicode's Halfwidth and Fullwidth Forms block; rules 2026.12.8.3).
pub(super) fn fullwidth_as_ascii(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Unicode's hyphens and dashes as the ASCII hyphen (`112‐10`, `112–10` and `112—10` are `112-10`), and a
/// vulgar fraction as its digits with a slash, apart from a number before it (`7½` is `7 1/2`; rules
/// 2026.12.7.25).
fn fold_dashes_and_fractions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // And the em dash, the horizontal bar, and the small forms (rules 2026.12.8.4).
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' => out.push('-'),
            '\u{2044}' => out.push('/'),
            '\u{bc}'..='\u{be}' | '\u{2150}'..='\u{215e}' => {
                if out.ends_with(|p: char| p.is_ascii_digit()) {
                    out.push(' ');
                }
                out.extend(std::iter::once(c).nfkc().map(|d| if d == '\u{2044}' { '/' } else { d }));
            }
            _ => out.push(c),
        }
    }
    out
}

/// A word as one or more: names joined by hyphens are the names, as USPS writes them without the hyphen
/// (`Wilkes-Barre` is WILKES BARRE, `Winston-Salem` WINSTON SALEM; rules 2026.12.7.23), and the two
/// directions of one joined by one are that direction (`North-West` is `northwest`; `East-West` is two,
/// rules .25). Where a piece has a digit or is a single letter (`12345-6789`, `112-10`, `4-B`, `STE-209`,
/// `E-Z`) the word stays as written, but for two readings of one number: a number and its letter are one
/// (`123-A` is `123a`, `Route 9-W` is `Route 9W`, `Apt 4-B` is `Apt 4B`), and a number and its fraction two
/// (`7-1/2` is `7 1/2`; both rules 2026.12.8.1).
fn hyphened_name(word: &str, words: &mut Vec<String>) {
    let pieces: Vec<&str> = word.split('-').collect();
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    match pieces.as_slice() {
        [number, letter] if is_letter_apart(number, letter) => {
            return words.push(format!("{number}{letter}"));
        }
        [number, fraction] if digits(number) && is_fraction(fraction) => {
            return words.extend([number.to_string(), fraction.to_string()]);
        }
        _ => {}
    }
    let names = pieces.len() > 1 && pieces.iter().all(|p| p.chars().count() > 1 && p.chars().all(char::is_alphabetic));
    if !names {
        words.push(word.to_string());
    } else if matches!(pieces.as_slice(), ["north" | "south", "east" | "west"]) {
        words.push(pieces.concat());
    } else {
        words.extend(pieces.into_iter().map(str::to_string));
    }
}

/// A designator joined to its range by a hyphen is two words (Publication 28 section 354: `STE-209` is
/// `STE 209`; any designator, `PH-2`, rules 2026.12.7.21); other hyphens stay ("112-10", ZIP+4,
/// "Ste-Foy"). So is one written against its number, digits and perhaps a letter (`Apt4B`, `PH2`,
/// `Ste200`; rules 2026.12.7.19), but for a British postcode's first half. A word that says a number
/// follows, between any designator and its range (`Lot No. 7`, `Bldg No 4`; rules 2026.12.7.16), or a `#`
/// there (`Bldg #4`; rules 2026.12.7.21), is dropped.
pub(super) fn split_designators(words: Vec<String>) -> Vec<String> {
    let words: Vec<String> = words
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            let between = *i > 0 && is_designator_word(&words[i - 1]) && words.get(i + 1).is_some_and(|n| is_range(n));
            // "Bldg #4", "PH #2": the `#` says a number follows, as "No." does; after Apt or Suite it is one
            // unit either way. After a place in the building that takes no number ("Rear #3") it is a unit
            // of its own, as `#` is anywhere (rules 2026.12.7.27).
            !(between && (is_number_word(w) || (*w == "#" && !is_place(&words[i - 1]))))
        })
        .map(|(_, w)| w.clone())
        .collect();
    let mut out = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        // Before a British postcode's second half ("RM1 3AB", "PH1 2AB") it is the first half.
        let postcode = words.get(i + 1).is_some_and(|next| {
            let b = next.as_bytes();
            b.len() == 3 && b[0].is_ascii_digit() && b[1..].iter().all(u8::is_ascii_alphabetic)
        });
        if let Some((designator, range)) = joined_to_its_number(word).filter(|_| !postcode) {
            out.extend([designator.to_string(), range.to_string()]);
            continue;
        }
        match word.split_once('-') {
            // "Ste-Foy" is a town.
            Some((designator, range)) if is_range(range) && is_designator_word(designator) => {
                out.extend([designator.to_string(), range.to_string()]);
            }
            _ => out.push(word.clone()),
        }
    }
    out
}

/// A designator written against its number, digits and perhaps a letter (`apt4b`, `ph2`), as the two.
fn joined_to_its_number(word: &str) -> Option<(&str, &str)> {
    let at = word.find(|c: char| c.is_ascii_digit())?;
    let (designator, range) = word.split_at(at);
    let digits = range.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let number = digits.bytes().all(|b| b.is_ascii_digit()) && range.len() - digits.len() <= 1;
    (at > 0 && number && is_designator_word(designator)).then_some((designator, range))
}
