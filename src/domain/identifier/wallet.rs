//! Cryptocurrency addresses. Hex (Ethereum-style) and bech32 addresses are case-insensitive; base58
//! ones (Bitcoin `1…`/`3…`, Tron `T…`) are not, so they are kept exactly as typed.

use super::Checked;

/// Payment-link schemes (BIP 21, EIP 681) around an address.
const URI_SCHEMES: [&str; 4] = ["bitcoin:", "ethereum:", "litecoin:", "tron:"];

const BECH32_PREFIXES: [&str; 4] = ["bc1", "tb1", "bcrt1", "ltc1"];

pub(super) fn check(raw: &str) -> Checked {
    let address: String = without_uri(raw).chars().filter(|c| !c.is_whitespace()).collect();
    let lower = address.to_lowercase();
    if let Some(hex) = lower.strip_prefix("0x") {
        let well_formed = hex.len() == 40 && hex.chars().all(|c| c.is_ascii_hexdigit());
        let warning = (!well_formed).then_some("an Ethereum-style address is 0x and 40 hex digits");
        return Checked::new(lower).with_warning(warning);
    }
    if lower.len() == 40 && lower.chars().all(|c| c.is_ascii_hexdigit()) {
        // The same Ethereum-style address with its 0x left off.
        return Checked::new(format!("0x{lower}"));
    }
    if BECH32_PREFIXES.iter().any(|prefix| lower.starts_with(prefix)) {
        return Checked::new(lower);
    }
    Checked::new(address)
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
            wallet("ltc1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KGMN4N9"),
            "ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9"
        );
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
