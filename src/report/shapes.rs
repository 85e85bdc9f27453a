//! Numbers a redacted summary masks in free text by their shape, whichever case recorded them or none:
//! what [`super::load::Secrets`] cannot know, since it masks the values the case itself recorded.
//!
//! A word here is a run of ASCII letters and digits. Masked, to their last 4 characters:
//! - an IBAN whose ISO 13616 check digits hold (MOD 97-10), written whole or in groups of four (apart by
//!   spaces, no-break spaces or hyphens): the whole IBAN;
//! - a cryptocurrency address whose checksum holds (bech32/bech32m, base58check, an `0x` address): the
//!   whole word;
//! - one or two letters followed by 7 to 9 digits (the shape of many passport numbers: `M12345678`): the
//!   whole word;
//! - in any other word, each run of 8 or more digits (an account, card, passport or national number,
//!   written alone or run into letters: `Acct12345678901`), except in a hash (32 or more hex digits,
//!   some of them letters), which identifies a transaction or a file, not a person.
//!
//! Numbers written in other shapes (digits in short groups, with letters between) are not recognized.

use crate::domain::identifier::mask;

/// `text` with every number of a masked shape replaced by its mask.
pub(super) fn scrub_shapes(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut at, mut copied) = (0, 0);
    while at < bytes.len() {
        if !bytes[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
            at += 1;
        }
        // Both ends are ASCII bytes or the end of the text, so both are character boundaries.
        let word = &text[start..at];
        if let Some((end, compact)) = iban_at(text, start, at) {
            out.push_str(&text[copied..start]);
            out.push_str(&mask(&compact));
            (copied, at) = (end, end);
        } else if whole_word_shape(word) {
            out.push_str(&text[copied..start]);
            out.push_str(&mask(word));
            copied = at;
        } else if !is_hash(word) {
            for (from, to) in digit_runs(word) {
                out.push_str(&text[copied..start + from]);
                out.push_str(&mask(&word[from..to]));
                copied = start + to;
            }
        }
    }
    out.push_str(&text[copied..]);
    out
}

fn whole_word_shape(word: &str) -> bool {
    let letters = word.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = &word[letters..];
    let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    ((1..=2).contains(&letters) && all_digits && (7..=9).contains(&digits.len()))
        || crate::domain::identifier::is_checked_wallet(word)
}

/// A SHA-256, a transaction hash and the like: 32 or more hex digits (after an `0x`), some of them letters.
fn is_hash(word: &str) -> bool {
    let hex = word.strip_prefix("0x").or_else(|| word.strip_prefix("0X")).unwrap_or(word);
    hex.len() >= 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()) && hex.bytes().any(|b| b.is_ascii_alphabetic())
}

/// The byte spans of the runs of 8 or more digits in `word`.
fn digit_runs(word: &str) -> Vec<(usize, usize)> {
    let b = word.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let from = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - from >= 8 {
            out.push((from, i));
        }
    }
    out
}

/// An IBAN starting at the word `text[start..end]`: two letters, two digits, then letters and digits, up
/// to 34 in all, in one word or in groups of up to four after single spaces (or no-break spaces, hyphens). Returns where the longest
/// one whose check digits hold ends, and its characters without the spaces.
fn iban_at(text: &str, start: usize, end: usize) -> Option<(usize, String)> {
    let first = &text.as_bytes()[start..end];
    if first.len() < 4 || !first[..2].iter().all(u8::is_ascii_alphabetic) || !first[2..4].iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let mut compact = text[start..end].to_ascii_uppercase();
    let mut best = None;
    let mut at = end;
    loop {
        if crate::domain::identifier::is_iban(&compact) {
            best = Some((at, compact.clone()));
        }
        // The next group: one space (a no-break space, a hyphen), then one to four letters and digits, then
        // no more of them.
        let rest = &text[at..];
        let Some(gap) = [" ", "\u{a0}", "-"].into_iter().find(|g| rest.starts_with(g)).map(str::len) else {
            return best;
        };
        let group = rest.as_bytes()[gap..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if !(1..=4).contains(&group) || compact.len() + group > 34 {
            return best;
        }
        compact.push_str(&rest[gap..gap + group].to_ascii_uppercase());
        at += gap + group;
    }
}

#[cfg(test)]
mod tests {
    use super::scrub_shapes;

    #[test]
    fn numbers_of_a_secret_shape_are_masked_in_free_text() {
        // IBANs from ISO 13616's registry examples (SWIFT's IBAN Registry): Germany, the United Kingdom.
        assert_eq!(scrub_shapes("IBAN DE89370400440532013000 paid"), "IBAN ****3000 paid");
        assert_eq!(scrub_shapes("to GB82 WEST 1234 5698 7654 32."), "to ****5432.");
        assert_eq!(scrub_shapes("GB82 WEST 1234 5698 7654 33"), "GB82 WEST 1234 5698 7654 33", "check digits fail");
        assert_eq!(
            scrub_shapes("account 123456789012; passport no. 987654321"),
            "account ****9012; passport no. ****4321"
        );
        assert_eq!(scrub_shapes("passport M12345678, card"), "passport ****5678, card");
        // Wallets whose checksums hold: BIP-173's P2WPKH example, the Bitcoin genesis address (base58check),
        // and EIP-55's first example.
        assert_eq!(
            scrub_shapes("sent to bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 and 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
            "sent to ****f3t4 and ****vfNa"
        );
        assert_eq!(scrub_shapes("ETH 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed."), "ETH ****eAed.");
        // Runs of 8 or more digits in any word, an IBAN apart by no-break spaces or hyphens, one whose check
        // digits fail (its digits are still a run).
        assert_eq!(scrub_shapes("Acct12345678901 and 12345678901USD"), "Acct****8901 and ****8901USD");
        assert_eq!(scrub_shapes("M12345678901"), "M****8901");
        assert_eq!(scrub_shapes("ABC12345678"), "ABC****5678");
        assert_eq!(
            scrub_shapes("DE89\u{a0}3704\u{a0}0044\u{a0}0532\u{a0}0130\u{a0}00 and DE89-3704-0044-0532-0130-00"),
            "****3000 and ****3000"
        );
        assert_eq!(scrub_shapes("GB00WEST12345698765432"), "GB00WEST****5432");
        // A hash names a transaction or a file: kept.
        let sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assert_eq!(scrub_shapes(&format!("tx 0x{sha}")), format!("tx 0x{sha}"));
        // Not of those shapes: short numbers, dates, a phone in groups, an amount, words.
        for kept in [
            "Hired 2026-01-05, paid USD 4,200.50 on 20 March",
            "call +1 202 555 0143",
            "ticket 1234567",
            "Camera off in every interview",
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
        ] {
            assert_eq!(scrub_shapes(kept), kept);
        }
    }
}
