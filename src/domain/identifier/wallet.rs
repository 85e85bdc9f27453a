//! Cryptocurrency addresses, with their checksums checked. Hex (Ethereum-style) and bech32 addresses are
//! case-insensitive, so they are lowercased; base58 ones (Bitcoin `1…`/`3…`, Tron `T…`) are not, so they
//! are kept exactly as typed. A failed checksum (bech32/bech32m, base58check, EIP-55) is a warning: the
//! value is refused unless kept on purpose.

use bech32::primitives::decode::{SegwitHrpstring, SegwitHrpstringError, UncheckedHrpstring};
use bech32::{Bech32, Bech32m};
use sha3::{Digest, Keccak256};

use super::Checked;

/// Payment-link schemes (BIP 21, EIP 681) around an address.
const URI_SCHEMES: [&str; 4] = ["bitcoin:", "ethereum:", "litecoin:", "tron:"];

/// Human-readable parts of segwit addresses (Bitcoin and Litecoin, main and test networks), which
/// follow BIP-173/350 in full: witness version, program length, the 90-character limit.
const SEGWIT_PREFIXES: [&str; 5] = ["bc", "tb", "bcrt", "ltc", "tltc"];

/// The bech32 data characters (BIP-173).
const BECH32_CHARSET: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// The Bitcoin base58 alphabet: no `0`, `O`, `I` or `l`.
const BASE58_ALPHABET: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// First characters of base58check addresses: Bitcoin (`1`, `3`; testnet `m`, `n`, `2`), Litecoin
/// (`L`, `M`), Dogecoin (`D`), Tron (`T`) and Dash (`X`). Other base58 strings (Solana keys, Ripple's
/// own alphabet) carry no such checksum and are kept as typed.
const BASE58CHECK_FIRST: &str = "13mn2LMDTX";

pub(super) fn check(raw: &str) -> Checked {
    let address: String = without_uri(raw).chars().filter(|c| !c.is_whitespace()).collect();
    hex(&address).or_else(|| bech32(&address)).or_else(|| base58(&address)).unwrap_or_else(|| Checked::new(address))
}

/// A payment's wallet field, checked with the same rules as a crypto-wallet identifier: `Err` with the
/// failed check, or the value to store: as typed (outer spaces trimmed), except that a valid bech32 or
/// bech32m address is lowercased, as its identifier key is. The field keeps what the form files, so a
/// payment link or the case of a hex address is left as typed.
pub fn payment_wallet(raw: &str) -> Result<String, String> {
    let typed = raw.trim();
    let checked = check(typed);
    if let Some(problem) = checked.warning {
        return Err(problem);
    }
    let address: String = without_uri(typed).chars().filter(|c| !c.is_whitespace()).collect();
    let is_bech32 = hex(&address).is_none() && bech32(&address).is_some();
    Ok(if is_bech32 && address == typed { checked.normalized } else { typed.to_string() })
}

/// Whether `word` is a cryptocurrency address written whole whose checksum holds (bech32/bech32m,
/// base58check, an `0x` address with or without its EIP-55 capitals): what a redacted summary masks in
/// free text. Forty hex digits without `0x` are any hash, so they are not taken for one.
pub fn is_checked_wallet(word: &str) -> bool {
    let prefixed = word.get(..2).is_some_and(|head| head.eq_ignore_ascii_case("0x"));
    let checked = if prefixed { hex(word) } else { bech32(word).or_else(|| base58(word)) };
    checked.is_some_and(|c| c.warning.is_none())
}

/// An Ethereum-style address: `0x` and 40 hex digits (or the 40 digits alone), lowercased. Mixed case
/// is an EIP-55 checksum and must be right; all lowercase or all capitals carry none.
fn hex(address: &str) -> Option<Checked> {
    let (digits, prefixed) = match address.get(..2) {
        Some(head) if head.eq_ignore_ascii_case("0x") => (&address[2..], true),
        _ => (address, false),
    };
    let well_formed = digits.len() == 40 && digits.chars().all(|c| c.is_ascii_hexdigit());
    if !prefixed && !well_formed {
        return None;
    }
    if !well_formed {
        let warning = "an Ethereum-style address is 0x and 40 hex digits";
        return Some(Checked::new(address.to_lowercase()).with_warning(Some(warning)));
    }
    let lower = digits.to_ascii_lowercase();
    let wrong = mixed_case(digits) && eip55(&lower) != digits;
    let warning = wrong.then_some("Ethereum address fails its EIP-55 checksum (a capital is wrong: mistyped?)");
    Some(Checked::new(format!("0x{lower}")).with_warning(warning))
}

/// EIP-55: the hex digits with each letter capitalized where the Keccak-256 hash of the lowercase
/// digits has a nibble of 8 or more at the same position.
pub(crate) fn eip55(lower: &str) -> String {
    let hash = Keccak256::digest(lower.as_bytes());
    lower
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let nibble = if i % 2 == 0 { hash[i / 2] >> 4 } else { hash[i / 2] & 0x0f };
            if nibble >= 8 { c.to_ascii_uppercase() } else { c }
        })
        .collect()
}

fn mixed_case(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_uppercase()) && s.chars().any(|c| c.is_ascii_lowercase())
}

/// A bech32 or bech32m address, lowercased whatever its prefix. Segwit prefixes are checked against
/// BIP-173/350 in full. Another prefix is read as bech32 when its checksum holds, or when it has the
/// shape of one (a prefix of two or more letters, `1`, bech32 characters, one case), so a mistyped
/// `cosmos1…` is flagged rather than stored as a new wallet.
fn bech32(address: &str) -> Option<Checked> {
    let lower = address.to_lowercase();
    let mixed = mixed_case(address);
    // Anything written after a segwit prefix is meant as a segwit address, whatever is wrong with it.
    if SEGWIT_PREFIXES.iter().any(|p| lower.strip_prefix(p).is_some_and(|rest| rest.starts_with('1'))) {
        let problem = if mixed {
            Some("a bech32 address is all lowercase or all capitals, never mixed")
        } else {
            segwit_problem(&lower)
        };
        return Some(Checked::new(lower).with_warning(problem));
    }
    let (hrp, data) = lower.rsplit_once('1')?;
    if mixed || hrp.is_empty() || data.len() < 6 || !data.chars().all(|c| BECH32_CHARSET.contains(c)) {
        return None;
    }
    let valid = valid_bech32(&lower);
    let shaped = hrp.len() >= 2 && data.len() >= 8 && hrp.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    if !valid && !shaped {
        return None;
    }
    let problem = (!valid).then_some("bech32 address fails its checksum (a mistyped character?)");
    Some(Checked::new(lower).with_warning(problem))
}

/// Whether `s` carries a valid bech32 or bech32m checksum (any prefix, any length).
fn valid_bech32(s: &str) -> bool {
    UncheckedHrpstring::new(s).is_ok_and(|u| u.has_valid_checksum::<Bech32>() || u.has_valid_checksum::<Bech32m>())
}

/// Why a lowercase segwit address is invalid under BIP-173/350, or `None` when it is valid.
fn segwit_problem(lower: &str) -> Option<&'static str> {
    match SegwitHrpstring::new(lower) {
        Ok(_) => None,
        Err(SegwitHrpstringError::Checksum(_)) => Some("bech32 address fails its checksum (a mistyped character?)"),
        Err(SegwitHrpstringError::TooLong(_)) => Some("a segwit address has at most 90 characters"),
        Err(SegwitHrpstringError::Unchecked(_)) => {
            Some("a bech32 address has only the characters qpzry9x8gf2tvdw0s3jn54khce6mua7l after its 1")
        }
        Err(_) => Some("not a valid segwit address (BIP-173/350: witness version or program length)"),
    }
}

/// A base58check address (Bitcoin, Litecoin, Dogecoin, Tron, Dash): kept as typed, its 4-byte checksum
/// checked. Only strings that look like one are checked: a known first character and 26 to 35 letters and
/// digits that decode to 25 bytes.
fn base58(address: &str) -> Option<Checked> {
    let first = address.chars().next()?;
    if !(26..=35).contains(&address.len()) || !address.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let warning = if !mixed_case(address) {
        // Base58 is case-sensitive and its addresses mix capitals and small letters: one written all in
        // one case has lost the case it needs, and its checksum cannot hold.
        // Hex strings and digits alone are something else.
        let could_be = BASE58CHECK_FIRST.chars().any(|f| f.eq_ignore_ascii_case(&first));
        if !could_be || address.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        Some("a base58 address mixes capitals and small letters; this one is all one case (retype it as written)")
    } else if !BASE58CHECK_FIRST.contains(first) {
        return None;
    } else if !address.chars().all(|c| BASE58_ALPHABET.contains(c)) {
        Some("a base58 address has no 0, O, I or l (a mistyped character?)")
    } else {
        match bs58::decode(address).into_vec() {
            // Version byte, 20-byte hash, 4-byte checksum.
            Ok(bytes) if bytes.len() == 25 => bs58::decode(address)
                .with_check(None)
                .into_vec()
                .err()
                .map(|_| "base58check address fails its checksum (a mistyped character?)"),
            // Every Bitcoin base58 address (P2PKH, P2SH, testnet) is 25 bytes; other chains' may not be
            // (Decred's `D…` are 26), so only Bitcoin's are refused for their length.
            Ok(_) if "13mn2".contains(first) => {
                Some("base58check address has the wrong length (a mistyped character?)")
            }
            _ => return None,
        }
    };
    Some(Checked::new(address).with_warning(warning))
}

/// The address inside `bitcoin:ADDR?amount=1` or `ethereum:pay-ADDR@1/transfer?...`.
fn without_uri(raw: &str) -> &str {
    let Some(scheme) = URI_SCHEMES.iter().find(|s| raw.get(..s.len()).is_some_and(|head| head.eq_ignore_ascii_case(s)))
    else {
        return raw;
    };
    let rest = &raw[scheme.len()..];
    let rest = rest.strip_prefix("pay-").unwrap_or(rest);
    rest.split(['?', '@', '/']).next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::super::tests::norm;
    use crate::domain::IdentifierKind::CryptoWallet;

    fn wallet(raw: &str) -> String {
        norm(CryptoWallet, raw).normalized
    }

    const ETH: &str = "0x52908400098527886E0F7030069857D2E4169EE7";

    #[test]
    fn hex_addresses_are_lowercased_and_checked() {
        assert_eq!(wallet(ETH), "0x52908400098527886e0f7030069857d2e4169ee7");
        assert_eq!(wallet(&ETH.to_lowercase()), wallet(ETH));
        assert_eq!(wallet(&ETH[2..]), wallet(ETH));
        assert_eq!(norm(CryptoWallet, ETH).warning, None);
        assert!(norm(CryptoWallet, "0x5290840009852788").warning.is_some());
        assert!(norm(CryptoWallet, "0xZZ908400098527886E0F7030069857D2E4169EE7").warning.is_some());
    }

    #[test]
    fn bech32_addresses_are_lowercased() {
        let upper = "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4";
        assert_eq!(wallet(upper), "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
        assert_eq!(
            wallet("LTC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KGMN4N9"),
            "ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9"
        );
        // BIP-173: mixed case is invalid; the key is still lowercase, so a kept value links.
        let mixed = norm(CryptoWallet, "ltc1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KGMN4N9");
        assert_eq!(mixed.normalized, "ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9");
        assert!(mixed.warning.is_some());
    }

    #[test]
    fn bech32_addresses_of_any_chain_are_lowercased_and_checked() {
        let cosmos = "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu";
        assert_eq!(norm(CryptoWallet, cosmos).warning, None);
        assert_eq!(wallet(&cosmos.to_uppercase()), cosmos);
        let typo = cosmos.replace("lzv7xu", "lzv7xv");
        assert!(norm(CryptoWallet, &typo).warning.is_some());
        let typo = norm(CryptoWallet, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5");
        assert_eq!(typo.warning.as_deref(), Some("bech32 address fails its checksum (a mistyped character?)"));
    }

    #[test]
    fn eip55_mixed_case_is_a_checksum() {
        assert_eq!(super::eip55("52908400098527886e0f7030069857d2e4169ee7"), &ETH[2..]);
        let wrong = ETH.replace("0F70", "0f70");
        assert!(norm(CryptoWallet, &wrong).warning.is_some());
        assert_eq!(norm(CryptoWallet, &ETH.to_uppercase().replacen("0X", "0x", 1)).warning, None);
        assert_eq!(norm(CryptoWallet, &ETH[2..]).warning, None);
        assert!(norm(CryptoWallet, &wrong[2..]).warning.is_some());
    }

    #[test]
    fn a_payments_wallet_is_checked_and_only_a_valid_bech32_address_lowercased() {
        use super::payment_wallet;
        let upper = " BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4 ";
        assert_eq!(payment_wallet(upper).unwrap(), "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
        assert_eq!(
            payment_wallet("COSMOS1QYPQXPQ9QCRSSZG2PVXQ6RS0ZQG3YYC5LZV7XU").unwrap(),
            "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu"
        );
        // EIP-55's capitals and base58's case are part of what is filed.
        assert_eq!(payment_wallet(ETH).unwrap(), ETH);
        assert_eq!(payment_wallet("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2").unwrap(), "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
        let typo = payment_wallet("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5").unwrap_err();
        assert_eq!(typo, "bech32 address fails its checksum (a mistyped character?)");
        assert!(payment_wallet(&ETH.replace("0F70", "0f70")).unwrap_err().contains("EIP-55"));
        assert!(payment_wallet("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3").is_err());
        assert!(payment_wallet("bc1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4").is_err(), "mixed case");
    }

    #[test]
    fn base58check_addresses_are_checked() {
        assert_eq!(norm(CryptoWallet, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2").warning, None);
        assert!(norm(CryptoWallet, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3").warning.is_some());
        assert!(norm(CryptoWallet, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVNO").warning.is_some());
        // A Solana key is base58 without a checksum: kept as typed, no warning.
        let solana = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV";
        assert_eq!(norm(CryptoWallet, solana), super::Checked::new(solana));
    }

    #[test]
    fn base58_addresses_keep_their_case() {
        assert_eq!(wallet("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"), "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
        assert_eq!(wallet("TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7"), "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7");
        assert_ne!(wallet("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"), wallet("1bvbmseystwetqtfn5au4m4gfg7xjanvn2"));
    }

    #[test]
    fn payment_links_and_line_breaks_are_stripped() {
        assert_eq!(
            wallet("bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2?amount=0.5&label=x"),
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"
        );
        assert_eq!(
            wallet("BITCOIN:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
        );
        assert_eq!(wallet(&format!("ethereum:{ETH}@1?value=1e18")), wallet(ETH));
        assert_eq!(wallet(&format!("ethereum:pay-{ETH}@1/transfer?address=0x1")), wallet(ETH));
        assert_eq!(wallet("1BvBMSEYstWetqTFn5Au4m4\nGFg7xJaNVN2"), "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
        assert_eq!(norm(CryptoWallet, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2").loose, None);
    }
}
