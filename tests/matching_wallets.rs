//! Crypto-wallet matching against the standards' own test vectors: BIP-173 (bech32), BIP-350 (bech32m),
//! EIP-55 (mixed-case checksums) and base58check addresses (Bitcoin Core's `base58_keys_valid.json`, the
//! Bitcoin wiki, each chain's documented examples). Every expectation comes from the standard, not from
//! vetdesk's output: valid values are accepted and link however they are written; a changed character is
//! refused (a warning) and never links to the original.

use vetdesk::domain::IdentifierKind;

fn check(raw: &str) -> (String, Option<String>) {
    let c = IdentifierKind::CryptoWallet.check(raw).unwrap_or_else(|e| panic!("{raw:?}: {e}"));
    (c.normalized, c.warning)
}

fn accepted(raw: &str) -> String {
    let (key, warning) = check(raw);
    assert_eq!(warning, None, "{raw:?} is valid under its standard");
    key
}

fn refused(raw: &str) -> String {
    let (key, warning) = check(raw);
    assert!(warning.is_some(), "{raw:?} is invalid under its standard but was accepted as {key:?}");
    key
}

/// BIP-173 valid bech32 strings and BIP-350 valid bech32m strings (any prefix).
const BECH32_VALID: &[&str] = &[
    "A12UEL5L",
    "a12uel5l",
    "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
    "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
    "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
    "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
    "?1ezyfcl",
    "A1LQFN3A",
    "a1lqfn3a",
    "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
    "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
    "11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8",
    "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
    "?1v759aa",
];

/// BIP-350 valid segwit addresses (v0 with bech32, v1+ with bech32m).
const SEGWIT_VALID: &[&str] = &[
    "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
    "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
    "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
    "BC1SW50QGDZ25J",
    "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
    "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
    "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
];

/// BIP-350 invalid segwit addresses with a Bitcoin prefix (each with the reason BIP-350 gives), and the
/// BIP-173 segwit examples of witness versions 1+ that BIP-350 made invalid (bech32 instead of bech32m).
const SEGWIT_INVALID: &[&str] = &[
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", // bech32 instead of bech32m
    "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf", // bech32 instead of bech32m
    "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", // bech32 instead of bech32m
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",                     // bech32m instead of bech32
    "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47", // bech32m instead of bech32
    "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", // invalid character in checksum
    "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", // invalid witness version
    "bc1pw5dgrnzv",                                                   // invalid program length (1 byte)
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", // program length 41
    "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",                           // invalid program length for v0
    "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", // mixed case
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", // more than 4 padding bits
    "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j", // non-zero padding
    "bc1gmk9yu",                                                      // empty data section
    "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx", // BIP-173 v1, now invalid
    "BC1SW50QA3JX3S",                                                 // BIP-173 v16, now invalid
    "bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj",                           // BIP-173 v2, now invalid
];

/// EIP-55's examples: all capitals, all lowercase (no checksum) and mixed case (checksummed).
const EIP55: &[&str] = &[
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    "0xde709f2102306220921060314715629080e2fb77",
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
];

/// Valid base58check addresses: Bitcoin Core's `base58_keys_valid.json` (P2PKH, P2SH, testnet), the
/// genesis block's address, the Bitcoin wiki's examples, and Litecoin, Dogecoin, Dash and Tron addresses
/// from their documentation.
const BASE58_VALID: &[&str] = &[
    "1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i",
    "3CMNFxN1oHBc4R1EpboAL5yzHGgE611Xou",
    "mo9ncXisMeAoXwqcV5EWuyncbmCcQN4rVs",
    "2N2JD6wb56AfK4tfmM6PwdVmoYk2dCKf4Br",
    "1Ax4gZtb7gAit2TivwejZHYtNNLT18PUXJ",
    "3QjYXhTkvuj8qPaXHTTWb5wjXhdsLAAWVy",
    "n3GNqMveyvaPvUbH469vDRadqpJMPc84JA",
    "mtkbaiLiUH3fvGJeSzuN3kUgmJzqinLejJ",
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
    "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
    "LVg2kJoFNg45Nbpy53h7Fe1wKyeXVRhMH9",
    "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L",
    "XpESxaUmonkq8RaLLp46Brx2K39ggQe226",
    "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
];

/// `s` with the character at `i` replaced by another character of the same alphabet and case.
fn typo(s: &str, i: usize, alphabet: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let old = chars[i];
    let pool: Vec<char> = alphabet.chars().filter(|c| *c != old.to_ascii_lowercase() && *c != old).collect();
    let new = pool[(i * 7) % pool.len()];
    chars[i] = if old.is_ascii_uppercase() { new.to_ascii_uppercase() } else { new };
    chars.into_iter().collect()
}

const BECH32_CHARSET: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BASE58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

#[test]
fn standard_vectors_are_accepted_or_refused_as_their_standard_says() {
    for v in BECH32_VALID.iter().chain(SEGWIT_VALID).chain(EIP55).chain(BASE58_VALID) {
        accepted(v);
    }
    for v in SEGWIT_INVALID {
        let key = refused(v);
        // Even refused, a bech32 address is keyed in lowercase, so a kept value still links.
        assert_eq!(key, v.to_lowercase());
    }
}

/// Pairs from the vectors: (a, b, same wallet). Counted: at least 100, same and different.
fn pairs() -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    for v in BECH32_VALID.iter().chain(SEGWIT_VALID) {
        // Bech32 is case-insensitive (BIP-173): the other case is the same address.
        out.push((v.to_string(), v.to_uppercase(), true));
        out.push((v.to_string(), v.to_lowercase(), true));
        // One changed data character is another (invalid) string.
        let sep = v.rfind('1').unwrap();
        out.push((v.to_lowercase(), typo(&v.to_lowercase(), sep + 1 + (v.len() - sep) / 2, BECH32_CHARSET), false));
    }
    for v in SEGWIT_VALID {
        out.push((format!("bitcoin:{v}?amount=0.01"), v.to_string(), true));
    }
    for v in EIP55 {
        let hex = &v[2..];
        out.push((v.to_string(), v.to_lowercase(), true));
        out.push((v.to_string(), format!("0x{}", hex.to_uppercase()), true));
        out.push((v.to_string(), hex.to_string(), true));
        out.push((format!("ethereum:{v}@1?value=1e18"), v.to_string(), true));
        out.push((v.to_string(), typo(v, 12, "0123456789abcdef"), false));
    }
    for v in BASE58_VALID {
        out.push((v.to_string(), format!(" {v}\n"), true));
        // base58 is case-sensitive: the same letters in other case are another value (and refused).
        out.push((v.to_string(), v.to_lowercase(), false));
        refused(&v.to_lowercase());
        refused(&v.to_uppercase());
        out.push((v.to_string(), typo(v, 20, BASE58), false));
    }
    // Different valid addresses never link.
    for w in SEGWIT_VALID.windows(2).chain(EIP55.windows(2)).chain(BASE58_VALID.windows(2)) {
        out.push((w[0].to_string(), w[1].to_string(), false));
    }
    out
}

#[test]
fn pairs_from_the_standards_link_exactly_when_they_are_one_wallet() {
    let pairs = pairs();
    let same = pairs.iter().filter(|p| p.2).count();
    assert!(pairs.len() >= 100 && same >= 50 && pairs.len() - same >= 50, "{same} same of {}", pairs.len());
    for (a, b, expect_same) in &pairs {
        let (ka, _) = check(a);
        let (kb, wb) = check(b);
        assert_eq!(ka == kb, *expect_same, "{a:?} vs {b:?}: keys {ka:?} / {kb:?}");
        if *expect_same {
            assert_eq!(wb, check(a).1, "{a:?} and {b:?} are one address, so both valid or both not");
        }
    }
}

#[test]
fn a_changed_character_is_refused_in_every_checksummed_format() {
    for v in BECH32_VALID.iter().chain(SEGWIT_VALID) {
        let lower = v.to_lowercase();
        let sep = lower.rfind('1').unwrap();
        // Only prefixes the workstation reads as addresses: a segwit prefix, or two letters or more.
        let hrp = &lower[..sep];
        let address_like =
            ["bc", "tb"].contains(&hrp) || (hrp.len() >= 2 && hrp.chars().all(|c| c.is_ascii_lowercase()));
        if !address_like || lower.len() - sep - 1 < 8 {
            continue;
        }
        for i in [sep + 1, lower.len() - 1, (sep + lower.len()) / 2] {
            refused(&typo(&lower, i, BECH32_CHARSET));
        }
    }
    for v in EIP55
        .iter()
        .filter(|v| v[2..].chars().any(|c| c.is_ascii_lowercase()) && v[2..].chars().any(|c| c.is_ascii_uppercase()))
    {
        // Flipping the case of one letter breaks the checksum.
        let i = v.char_indices().skip(2).find(|(_, c)| c.is_ascii_alphabetic()).unwrap().0;
        let mut flipped: Vec<char> = v.chars().collect();
        flipped[i] = if flipped[i].is_ascii_uppercase() {
            flipped[i].to_ascii_lowercase()
        } else {
            flipped[i].to_ascii_uppercase()
        };
        refused(&flipped.into_iter().collect::<String>());
    }
    for v in BASE58_VALID {
        for i in [1, 10, v.len() - 1] {
            refused(&typo(v, i, BASE58));
        }
    }
}

#[test]
fn bech32_addresses_of_other_chains_are_lowercased_so_both_cases_link() {
    // Cosmos, Osmosis and Cardano addresses in their documentation's form (bech32, any length).
    for v in [
        "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu",
        "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut",
    ] {
        assert_eq!(accepted(&v.to_uppercase()), accepted(v));
        assert_eq!(accepted(v), v);
    }
    // Strings BIP-173 lists as invalid bech32 that are not addresses either are kept as typed, unlinked.
    for v in ["pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v", "li1dgmt3", "A1G7SGD8", "10a06t8", "1qzzfhee"] {
        assert_eq!(accepted(v), v);
    }
    // Not valid bech32, so not known to be case-insensitive: the two cases stay apart.
    assert_ne!(accepted("A1G7SGD8"), accepted("a1g7sgd8"));
}
