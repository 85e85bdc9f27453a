//! The endings of British and Canadian addresses: a postcode written with or without its space, the
//! country's name after it, and a Canadian province written out before its postal code.

/// Canada Post's provinces and territories with their two-letter symbols (Canada Post, Addressing
/// Guidelines, "Province and territory symbols"), longest names first.
#[rustfmt::skip]
const PROVINCES: &[(&[&str], &str)] = &[
    (&["newfoundland", "and", "labrador"], "nl"), (&["prince", "edward", "island"], "pe"),
    (&["northwest", "territories"], "nt"), (&["british", "columbia"], "bc"), (&["new", "brunswick"], "nb"),
    (&["nova", "scotia"], "ns"), (&["alberta"], "ab"), (&["manitoba"], "mb"), (&["nunavut"], "nu"),
    (&["ontario"], "on"), (&["quebec"], "qc"), (&["québec"], "qc"), (&["saskatchewan"], "sk"),
    (&["yukon"], "yt"),
];

/// The ways of writing Canada and the United Kingdom after a postcode of theirs.
/// (`CA`, Canada's ISO code, and Northern Ireland since rules 2026.12.8.4.)
const CANADA: &[&[&str]] = &[&["canada"], &["ca"]];
#[rustfmt::skip]
const UNITED_KINGDOM: &[&[&str]] = &[
    &["united", "kingdom"], &["great", "britain"], &["uk"], &["gb"], &["england"], &["scotland"], &["wales"],
    &["northern", "ireland"],
];

/// An address's parts with the ending read: the country's name dropped where a postcode of that country
/// comes right before it (a Canadian or British postcode says the country; elsewhere "Canada" is kept, so
/// that `1 Main St, Springfield, Canada` does not meet `1 Main St, Springfield`), a postcode written
/// without its space written with it (`SW1A1AA` is `SW1A 1AA`, `K1A0A9` is `K1A 0A9`), and a province
/// written out before a Canadian postal code as its symbol (`Ontario K1A 0A9` is `ON K1A 0A9`; all rules
/// 2026.12.8.2).
pub(super) fn postcode_endings(segments: &mut Vec<Vec<String>>) {
    for (countries, postcode) in [(CANADA, canadian as fn(&[String]) -> Option<usize>), (UNITED_KINGDOM, british)] {
        let Some(last) = segments.last() else { return };
        let Some(country) = countries.iter().find(|c| ends_with(last, c)) else { continue };
        // The postcode right before the country: in its part, or ending the part before it.
        let before = match last.len() - country.len() {
            0 => segments.iter().rev().nth(1).map_or(&[][..], Vec::as_slice),
            kept => &last[..kept],
        };
        if postcode(before).is_some() {
            let last = segments.last_mut().expect("a last part");
            last.truncate(last.len() - country.len());
            segments.retain(|s| !s.is_empty());
        }
    }
    let Some(last) = segments.last_mut() else { return };
    if let Some(word) = last.last().cloned()
        && word.len() >= 5
        && (canadian(std::slice::from_ref(&word)).is_some() || british(std::slice::from_ref(&word)).is_some())
    {
        let (outward, inward) = word.split_at(word.len() - 3);
        last.pop();
        last.extend([outward.to_string(), inward.to_string()]);
    }
    // A province written out right before a Canadian postal code, in its part or ending the part before.
    let Some(code) = canadian(last) else { return };
    let (part, end) = match last.len() - code {
        0 if segments.len() > 1 => (segments.len() - 2, segments[segments.len() - 2].len()),
        before => (segments.len() - 1, before),
    };
    let words = &mut segments[part];
    let province = PROVINCES.iter().find(|(name, _)| end >= name.len() && ends_with(&words[..end], name));
    if let Some((name, symbol)) = province {
        words.splice(end - name.len()..end, [symbol.to_string()]);
    }
}

/// Whether `words` ends with the words of `tail`.
fn ends_with(words: &[String], tail: &[&str]) -> bool {
    words.len() >= tail.len() && words[words.len() - tail.len()..].iter().map(String::as_str).eq(tail.iter().copied())
}

/// How many words a Canadian postal code ending `words` takes (`k1a 0a9` two, `k1a0a9` one): letter,
/// digit, letter, digit, letter, digit, its first letter one that Canada Post uses (not D, F, I, O, Q, U, W
/// or Z), and none of its letters D, F, I, O, Q or U.
fn canadian(words: &[String]) -> Option<usize> {
    let code = |s: &str| {
        let b = s.as_bytes();
        b.len() == 6
            && b.iter().enumerate().all(|(i, c)| if i % 2 == 0 { c.is_ascii_lowercase() } else { c.is_ascii_digit() })
            && !b.iter().any(|c| b"dfioqu".contains(c))
            && !b"wz".contains(&b[0])
    };
    match words {
        [.., one] if code(one) => Some(1),
        [.., outward, inward] if outward.len() == 3 && code(&format!("{outward}{inward}")) => Some(2),
        _ => None,
    }
}

/// How many words a British postcode ending `words` takes (`sw1a 1aa` two, `sw1a1aa` one): an outward code
/// of one or two letters, a digit, and a digit or a letter perhaps, then an inward code of a digit and two
/// letters, none of them C, I, K, M, O or V (the Royal Mail's postcode format, BS 7666).
fn british(words: &[String]) -> Option<usize> {
    let outward = |s: &str| {
        let letters = s.bytes().take_while(u8::is_ascii_lowercase).count();
        let rest = &s.as_bytes()[letters..];
        (1..=2).contains(&letters)
            && match rest {
                [d] => d.is_ascii_digit(),
                [d, e] => d.is_ascii_digit() && (e.is_ascii_digit() || e.is_ascii_lowercase()),
                _ => false,
            }
    };
    let inward = |s: &str| {
        let b = s.as_bytes();
        b.len() == 3 && b[0].is_ascii_digit() && b[1..].iter().all(|c| c.is_ascii_lowercase() && !b"cikmov".contains(c))
    };
    match words {
        [.., one]
            if one.is_ascii() && one.len() >= 5 && outward(&one[..one.len() - 3]) && inward(&one[one.len() - 3..]) =>
        {
            Some(1)
        }
        [.., out, inw] if outward(out) && inward(inw) => Some(2),
        _ => None,
    }
}
