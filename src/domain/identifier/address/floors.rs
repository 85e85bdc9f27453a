//! A floor written as an ordinal: `2nd Floor`, `Second Floor`, `Twenty-First Floor` are C2's floor with
//! its number, `fl 2`, `fl 21`.

/// The ordinals from first to nineteenth, written out.
#[rustfmt::skip]
const ORDINALS: [&str; 19] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
];

/// The tens from twenty, as a word before an ordinal (`twenty first`) and as an ordinal (`twentieth`).
#[rustfmt::skip]
const TENS: [(&str, &str); 8] = [
    ("twenty", "twentieth"), ("thirty", "thirtieth"), ("forty", "fortieth"), ("fifty", "fiftieth"),
    ("sixty", "sixtieth"), ("seventy", "seventieth"), ("eighty", "eightieth"), ("ninety", "ninetieth"),
];

/// The floor's number, and how many words it took, when `rest` starts with an ordinal floor: "2nd
/// Floor", "3rd Fl", "21st Flr" (rules 2026.12.7.5), or the ordinal written out, "Second Floor" (rules
/// 2026.12.8.3), "Twenty-First Floor", "Fortieth Floor" (rules 2026.12.8.4; the hyphen has split
/// "twenty-first" into two words).
pub(super) fn ordinal_floor(rest: &[String]) -> Option<(String, usize)> {
    let floor_at = |at: usize| rest.get(at).is_some_and(|w| matches!(w.as_str(), "floor" | "fl" | "flr"));
    let first = rest.first()?;
    let tens = TENS.iter().position(|(word, _)| word == first);
    if let Some(tens) = tens
        && let Some(one) = rest.get(1).and_then(|w| ORDINALS[..9].iter().position(|o| o == w))
        && floor_at(2)
    {
        return Some((((tens + 2) * 10 + one + 1).to_string(), 3));
    }
    if !floor_at(1) {
        return None;
    }
    if let Some(at) = ORDINALS.iter().position(|o| o == first) {
        return Some(((at + 1).to_string(), 2));
    }
    if let Some(tens) = TENS.iter().position(|(_, ordinal)| ordinal == first) {
        return Some((((tens + 2) * 10).to_string(), 2));
    }
    let number = ["st", "nd", "rd", "th"].iter().find_map(|end| first.strip_suffix(end))?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then(|| (number.to_string(), 2))
}
