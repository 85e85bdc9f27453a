//! Prints vetdesk's match decision for pairs of phone numbers, for tools/agreement/phones.py to compare
//! with libphonenumber's. Input (file argument or stdin), one pair a line: `COUNTRY<TAB>A<TAB>B`, COUNTRY
//! being the workspace's default phone country (`-` for none). Output, one line a pair:
//! `DECISION<TAB>ACCEPTED_A<TAB>ACCEPTED_B<TAB>KEY_A<TAB>KEY_B`, DECISION being `strong` (both accepted,
//! same normalized key), `weak` (same loose key) or `none`; a value is accepted when its check raised
//! no warning (a value with one is refused unless kept with --keep-invalid).
//!
//!     cargo run --release --example agree_phones -- pairs.tsv > decisions.tsv

use std::io::{BufRead, BufReader, Write};

use vetdesk::domain::IdentifierKind;
use vetdesk::domain::identifier::Rules;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let input: Box<dyn BufRead> = match std::env::args().nth(1) {
        Some(path) => Box::new(BufReader::new(std::fs::File::open(path)?)),
        None => Box::new(BufReader::new(std::io::stdin())),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in input.lines() {
        let line = line?;
        let cols: Vec<&str> = line.split('\t').collect();
        let [country, a, b] = cols[..] else { return Err(format!("not COUNTRY\\tA\\tB: {line:?}").into()) };
        let rules = Rules { phone_country: (country != "-").then(|| country.to_string()) };
        let (a, b) = (IdentifierKind::Phone.check_with(a, &rules), IdentifierKind::Phone.check_with(b, &rules));
        let (accepted_a, accepted_b) =
            (a.as_ref().is_ok_and(|c| c.warning.is_none()), b.as_ref().is_ok_and(|c| c.warning.is_none()));
        let key =
            |c: &vetdesk::Result<vetdesk::domain::Checked>| c.as_ref().map_or(String::new(), |c| c.normalized.clone());
        let loose = |c: &vetdesk::Result<vetdesk::domain::Checked>| c.as_ref().ok().and_then(|c| c.loose.clone());
        let decision = if accepted_a && accepted_b && key(&a) == key(&b) {
            "strong"
        } else if loose(&a).is_some() && loose(&a) == loose(&b) {
            "weak"
        } else {
            "none"
        };
        writeln!(out, "{decision}\t{accepted_a}\t{accepted_b}\t{}\t{}", key(&a), key(&b))?;
    }
    Ok(())
}
