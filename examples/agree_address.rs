//! Prints vetdesk's match decision for each pair of addresses read from standard input, one pair a line
//! as `A<TAB>B`: `strong` (same key), `weak` (same building only) or `none`, or `error` when either has
//! nothing to match on. Used by `tools/agreement/addresses.py` to compare with a reference library.

use std::io::{BufRead, Write};

use vetdesk::domain::IdentifierKind;

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let Some((a, b)) = line.split_once('\t') else { continue };
        let decision = match (IdentifierKind::Address.check(a), IdentifierKind::Address.check(b)) {
            (Ok(a), Ok(b)) if a.normalized == b.normalized => "strong",
            (Ok(a), Ok(b)) if a.loose.is_some() && a.loose == b.loose => "weak",
            (Ok(_), Ok(_)) => "none",
            _ => "error",
        };
        if writeln!(out, "{decision}").is_err() {
            break;
        }
    }
}
