//! The strong and the loose key of an address's normalized words: which of C2's designators after the
//! street are its unit, and where a run of them ends.

use super::{NOT_UNITS, UNIT, is_fraction, is_range, is_secondary_word, is_unit_or_place, is_zip, usps};

/// The strong and the loose key of an address's normalized words.
///
/// The loose key is the street address: without its unit, and without the building, floor or department
/// within it, so it weakly links every unit at the address (and the address itself).
///
/// The strong key is the words, with `unit` before each of C2's designators that need no number, placed
/// as the street's unit, where the comma says it is the street's ("9 Main St Upper, Darby"), so that it
/// does not meet the town's first word written after a comma ("9 Main St, Upper Darby"; rules
/// 2026.12.7.17). With the town after them in their part ("9 Main St Upper Darby") the last of them may be
/// the town's first word: it stays a word, strongly the town's, weakly the street's, and the ones before it
/// are the street's ("9 Main St Basement Upper Darby" is "9 Main St Basement, Upper Darby"; rules .18 and
/// .20). See [`marked_runs`].
pub(super) fn keys(words: &[(String, usize)]) -> (String, String) {
    // The strong key's words, each with its part and whether it is such a designator with no number.
    let mut strong: Vec<(&str, usize, bool)> = Vec::with_capacity(words.len());
    let mut street: Vec<&str> = Vec::with_capacity(words.len());
    let mut last_segment = None;
    // The last part that holds the street's words, or a unit or designator after them: a designator alone
    // in the next part is the street's too ("9 Main St, Basement, Upper, Darby"; rules 2026.12.7.24).
    let mut through = None;
    // Whether the last word written was a unit's (or its number): a designator after a unit, the town
    // after it in its part, is the town's first word in both keys ("9 Main St Apt 3 Upper Darby"; rules
    // 2026.12.7.28).
    let mut after_unit = false;
    let mut i = 0;
    while i < words.len() {
        let (word, segment) = (words[i].0.as_str(), words[i].1);
        // The next word, when it is in this part: a unit's number.
        let number = words.get(i + 1).filter(|(next, s)| *s == segment && is_range(next) && !is_zip(next));
        // "FL" before a ZIP is Florida; "Unit" before a suffix names the street ("5 Unit Rd").
        let names_a_street = words
            .get(i + 1)
            .is_some_and(|(next, s)| *s == segment && usps::is_suffix(next) && !usps::is_directional(next));
        let within = (word == UNIT && !names_a_street)
            || (NOT_UNITS[..3].contains(&word) && words.get(i + 1).is_some_and(|(next, _)| !is_zip(next)));
        // C2's designators that need no range (penthouse, office, basement, rear…) are a place in the
        // building right after the street's suffix or directional, in its segment ("9 Main St PH 2", "9 Main
        // St Rear"), with their number if one follows; elsewhere they are words of a name ("100 Office Park
        // Dr", "10 Main St, Upper Saddle River").
        // So are they as a part of their own right after the street's ("9 Main St, PH 2, Denver").
        // Also with a unit after it there ("9 Main St, Upper Apt 3, Darby"; rules 2026.12.7.27).
        let alone_in_part = || {
            let first = words.iter().position(|(_, s)| *s == segment) == Some(i);
            first && secondary_run(words, i).0 == part_end(words, i)
        };
        // Before a suffix that ends its part ("12 Lake Front Dr, Akron") it is a word of the street's name
        // (rules 2026.12.7.20); before a town's first word that is also a suffix ("9 Main St Rear Park
        // City") it is not.
        let after = i + 1 + usize::from(number.is_some());
        let before_suffix = words.get(after).is_some_and(|(next, s)| {
            *s == segment
                && usps::ends_a_street(next)
                && !usps::is_directional(next)
                && words.get(after + 1).is_none_or(|(then, t)| *t != segment || is_secondary_word(then))
        });
        // After a suffix or a directional that follows a name: "7 N Front" is Front Street (rules .24).
        let after_suffix =
            street.last().is_some_and(|w| usps::ends_a_street(w)) && street.iter().skip(1).any(|w| is_name(w));
        let placed = usps::is_unranged_unit(word)
            && (last_segment == Some(segment) || through.is_some_and(|s: usize| s + 1 == segment) && alone_in_part())
            && (after_suffix || last_segment.is_some_and(|street| ends_a_named_street(words, i, street)))
            && !before_suffix;
        if within || placed {
            through = Some(segment);
            strong.push((word, segment, placed && number.is_none()));
            if placed && number.is_none() && after_unit && secondary_run(words, i).0 == i + 1 {
                street.extend((i + 1 < part_end(words, i)).then_some(word));
            }
            after_unit |= within;
            // Its number, in its part only: "Apt, Darby" has none, and Darby stays the town.
            let number = if within { words.get(i + 1).filter(|(_, s)| *s == segment) } else { number };
            if let Some((number, _)) = number {
                strong.push((number, segment, false));
                i += 1;
                // A fraction after the number is the unit's too ("Apt 4 1/2"; rules 2026.12.7.27).
                while let Some((fraction, _)) = words.get(i + 1).filter(|(w, s)| *s == segment && is_fraction(w)) {
                    strong.push((fraction, segment, false));
                    i += 1;
                }
            }
        } else {
            // A directional kept as the street's name ("North Ave") is abbreviated here: N Ave may be the
            // same street, a weak link.
            street.push(usps::abbreviation(word).filter(|_| usps::is_directional(word)).unwrap_or(word));
            strong.push((word, segment, false));
            last_segment = Some(segment);
            through = Some(segment);
            after_unit = false;
        }
        i += 1;
    }
    in_one_order(&mut strong);
    (marked_runs(&strong).join(" "), street.join(" "))
}

/// Units, buildings, floors and departments written one after another, each with its number, in one
/// order, the building's first: `Apt 5 Bldg 4` is `Bldg 4 Apt 5` (rules 2026.12.8.1), and with them a
/// place in the building with its number, `PH 2 Bldg 4` (rules 2026.12.8.3). Publication 28 writes one
/// designator to a street address, and says nothing of their order.
fn in_one_order(strong: &mut [(&str, usize, bool)]) {
    let mut i = 0;
    while i < strong.len() {
        let mut groups: Vec<Vec<(&str, usize, bool)>> = Vec::new();
        let mut end = i;
        while let Some(len) = numbered_designator(strong, end) {
            groups.push(strong[end..end + len].to_vec());
            end += len;
        }
        // A letter after the last one may be its number's or the town's ("Apt 5 Bldg 4 B Springfield"):
        // left as written.
        let letter_next = end > i
            && strong.get(end).is_some_and(|(w, s, _)| {
                *s == strong[end - 1].1 && w.len() == 1 && w.bytes().all(|b| b.is_ascii_alphabetic())
            });
        if groups.len() > 1 && !letter_next {
            groups.sort_by_key(|g| g[0].0);
            for (at, item) in (i..end).zip(groups.into_iter().flatten()) {
                strong[at] = item;
            }
        }
        i = end.max(i + 1);
    }
}

/// How many words the unit, building, floor or department at `i` takes with its number (and a fraction
/// after it), if one with its number is there.
fn numbered_designator(strong: &[(&str, usize, bool)], i: usize) -> Option<usize> {
    let designator = strong.get(i)?.0;
    let numbered = (designator == UNIT || NOT_UNITS[..3].contains(&designator) || usps::is_unranged_unit(designator))
        && strong.get(i + 1).is_some_and(|(w, _, bare)| !bare && is_range(w));
    numbered.then(|| 2 + strong[i + 2..].iter().take_while(|(w, _, _)| is_fraction(w)).count())
}

/// Whether the words from `i` to the end of their part are a place in the building after a street named
/// with no suffix, in the part `street` (its house number first, then a name): a C2 designator that
/// needs no number, then perhaps more designators, each perhaps with its number. "9 Broadway Upper, Darby"
/// is the upper floor of 9 Broadway in Darby, as "9 Main St Upper, Darby" is of 9 Main St (rules
/// 2026.12.7.22), and so are "9 Broadway, Upper, Darby" and "9 Broadway Upper Apt 3, Darby" (rules .24).
/// With no name before them they are the street's name ("7 Rear, Denver", "9 1/2 Front", "9 W Side"); with
/// more words after them in their part, the town's first word may be meant ("9 Broadway Upper Darby").
fn ends_a_named_street(words: &[(String, usize)], i: usize, street: usize) -> bool {
    let (at, unit_after) = secondary_run(words, i);
    let end = part_end(words, i);
    let mut named = words[..i].iter().filter(|(_, s)| *s == street).map(|(w, _)| w);
    let numbered = named.next().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    // Of several with the town after them in their part, all but the last ("9 Broadway Rear Upper Darby";
    // rules 2026.12.7.28).
    let several = words.get(i + 1).is_some_and(|(w, s)| *s == words[i].1 && usps::is_unranged_unit(w));
    (at == end || unit_after || several) && numbered && named.any(|w| is_name(w))
}

/// Where the run of units, buildings, floors and places in the building from `i` ends in its part (each
/// perhaps with its number), and whether one of them is a unit or has a number: such a one after C2's
/// designators that need no number cuts them off from the town ("9 Broadway Upper Apt 3 Darby", "Upper
/// PH 2 Darby"; rules 2026.12.7.25 and .27).
fn secondary_run(words: &[(String, usize)], i: usize) -> (usize, bool) {
    let end = part_end(words, i);
    let mut at = i;
    let mut unit_after = false;
    while at < end && is_secondary_word(&words[at].0) {
        unit_after |= !usps::is_unranged_unit(&words[at].0);
        at += 1;
        if at < end && is_range(&words[at].0) && !is_zip(&words[at].0) {
            unit_after = true;
            at += 1;
        }
    }
    (at, unit_after)
}

/// The index after the last word of `i`'s part.
fn part_end(words: &[(String, usize)], i: usize) -> usize {
    let segment = words[i].1;
    words.iter().rposition(|(_, s)| *s == segment).map_or(i, |e| e + 1)
}

/// Whether a word of a street can be (part of) its name: not a number nor a directional.
fn is_name(w: &str) -> bool {
    !w.starts_with(char::is_numeric) && !usps::is_directional(w)
}

/// The strong key's words with `unit` before each designator needing no number that the comma says is the
/// street's: of a run of them that ends its part, the town following in another, every one; of a run the
/// town follows in its part, all but the last (which may be the town's first word).
fn marked_runs<'a>(strong: &[(&'a str, usize, bool)]) -> Vec<&'a str> {
    let mut out = Vec::with_capacity(strong.len() + 1);
    let mut i = 0;
    while i < strong.len() {
        let (word, segment, bare) = strong[i];
        if !bare {
            out.push(word);
            i += 1;
            continue;
        }
        let end = (i..strong.len()).find(|&j| !strong[j].2 || strong[j].1 != segment).unwrap_or(strong.len());
        // Each one is marked, so that where the run ends is kept: "Basement Upper, Darby" is not
        // "Basement, Upper Darby".
        let marked = match strong.get(end) {
            Some((_, s, _)) if *s != segment => end,
            // Before a unit in its part ("Upper Apt 3, Darby") none is the town's (rules 2026.12.7.25).
            Some((next, _, _)) if is_unit_or_place(next) => end,
            Some(_) => end - 1,
            None => i,
        };
        for (j, (word, _, _)) in strong.iter().enumerate().take(end).skip(i) {
            if j < marked {
                out.push(UNIT);
            }
            out.push(word);
        }
        i = end;
    }
    out
}
