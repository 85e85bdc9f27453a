//! vetdesk's match decisions for email pairs, for the agreement measurement in `tools/agreement/`:
//! `cargo run --example agree_emails < pairs.tsv`. Each input line is `A<TAB>B`; each output line is
//! `ACCEPTED_A<TAB>ACCEPTED_B<TAB>SAME_KEY` (1 or 0): accepted means no warning (the value would be
//! stored without `--keep-invalid`), same key means a strong link once stored.

use std::io::{BufRead, Write};

use vetdesk::domain::IdentifierKind;

fn decide(raw: &str) -> (bool, Option<String>) {
    match IdentifierKind::Email.check(raw) {
        Ok(c) => (c.warning.is_none(), Some(c.normalized)),
        Err(_) => (false, None),
    }
}

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let Some((a, b)) = line.split_once('\t') else { continue };
        let ((ok_a, key_a), (ok_b, key_b)) = (decide(a), decide(b));
        let same = key_a.is_some() && key_a == key_b;
        writeln!(out, "{}\t{}\t{}", u8::from(ok_a), u8::from(ok_b), u8::from(same))?;
    }
    out.flush()
}
