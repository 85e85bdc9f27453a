//! A US address split into the parts a form asks for (the IC3 form's street, suite, city, state, ZIP and
//! country), every character as typed.

use super::{COUNTRY_SUFFIXES, FLAT, STATES, UNIT_DESIGNATORS, is_zip, words};

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
            // A designator with its range after it ("Apt 4B"), or a range written into it ("#4B").
            Some(at) if at + 1 < tokens.len() || tokens[at].len() > 1 && tokens[at].starts_with('#') => {
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
    UNIT_DESIGNATORS.contains(&lower.as_str()) || lower == FLAT || (lower.starts_with('#') && lower.len() > 1)
}
