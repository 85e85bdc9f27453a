//! Key tags: this machine's word that vetdesk derived a record's stored match keys from its typed value.
//!
//! Match keys are left out of the seals (a change of the rules re-derives them in place), so a check that a
//! link is not built on an edited key derives the keys again, and a phone number's derivation loads
//! libphonenumber's rules: a few milliseconds for every `links` and summary. Where vetdesk writes keys it
//! derived, it also writes `key_tag`: an HMAC-SHA-256, under a secret drawn from this machine's signing key,
//! of what the derivation read (the kind, the value as typed, the rules version and, for a phone, the
//! workspace's phone country) and what it gave (the keys). A later check of one case takes a key whose tag
//! verifies as derived, and derives only the others: written on another machine, by an older vetdesk, or
//! edited behind vetdesk's back (a tag cannot be made without the key folder, and one copied from another
//! record names that record's value). `audit verify` trusts no tag and derives every key.
//!
//! A tag states a fact of the rules alone (this value gives these keys), so it binds no record id: a case
//! carried in a bundle and taken back on this machine keeps tags that are still true.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::keys::MATCH_RULES;
use crate::domain::IdentifierKind;
use crate::domain::identifier::Rules;

/// The stored form of a tag: the first 128 bits of the HMAC.
pub type KeyTag = [u8; 16];

/// The keyed HMAC that makes and checks tags on this machine.
#[derive(Clone)]
pub struct TagKey {
    mac: Hmac<Sha256>,
}

impl TagKey {
    /// The tag key drawn from a signing key's secret bytes (HMAC-SHA-256 with a label of its own, so
    /// nothing made with it can stand for a signature).
    pub fn from_secret(secret: &[u8]) -> TagKey {
        let mut derive = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
        derive.update(b"vetdesk match-key tags 1");
        let key = derive.finalize().into_bytes();
        TagKey { mac: Hmac::new_from_slice(&key).expect("HMAC takes a key of any length") }
    }

    /// The tag of an identifier's keys `normalized` and `loose`, derived from `raw` under `rules`.
    pub fn identifier(
        &self,
        rules: &Rules,
        kind: IdentifierKind,
        raw: &str,
        normalized: &str,
        loose: Option<&str>,
    ) -> KeyTag {
        let mut mac = self.mac.clone();
        put(&mut mac, b"identifier");
        put(&mut mac, MATCH_RULES.as_bytes());
        put(&mut mac, kind.as_str().as_bytes());
        // Only a phone number reads the workspace's country.
        let country = if kind == IdentifierKind::Phone { rules.phone_country.as_deref() } else { None };
        put_option(&mut mac, country);
        put(&mut mac, raw.as_bytes());
        put(&mut mac, normalized.as_bytes());
        put_option(&mut mac, loose);
        short(mac)
    }

    /// The tag of a payment's match keys, derived from its routing and account numbers and its wallet
    /// (`typed`, in that order).
    pub fn payment(&self, (routing, account, wallet): (&str, &str, &str), keys: &super::payments::Keys) -> KeyTag {
        let mut mac = self.mac.clone();
        put(&mut mac, b"payment");
        put(&mut mac, MATCH_RULES.as_bytes());
        put(&mut mac, routing.as_bytes());
        put(&mut mac, account.as_bytes());
        put_option(&mut mac, keys.account.as_deref());
        put_option(&mut mac, keys.account_loose.as_deref());
        put(&mut mac, wallet.as_bytes());
        put_option(&mut mac, keys.wallet.as_deref());
        short(mac)
    }
}

/// Whether a stored tag is `expected` (a tag of another length, or none, is not).
pub fn holds(stored: Option<&[u8]>, expected: &KeyTag) -> bool {
    // Not secret-dependent timing that matters here (the tag is in the file for anyone to read), but
    // compared whole all the same.
    stored.is_some_and(|s| s.len() == expected.len() && s.iter().zip(expected).fold(0u8, |d, (a, b)| d | (a ^ b)) == 0)
}

/// Each field with its length first, so that no two different sequences of fields read the same.
fn put(mac: &mut Hmac<Sha256>, bytes: &[u8]) {
    mac.update(&(bytes.len() as u64).to_le_bytes());
    mac.update(bytes);
}

fn put_option(mac: &mut Hmac<Sha256>, value: Option<&str>) {
    match value {
        None => mac.update(&[0]),
        Some(v) => {
            mac.update(&[1]);
            put(mac, v.as_bytes());
        }
    }
}

fn short(mac: Hmac<Sha256>) -> KeyTag {
    let full = mac.finalize().into_bytes();
    let mut out = [0u8; 16];
    out.copy_from_slice(&full[..16]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn us() -> Rules {
        Rules { phone_country: Some("US".into()) }
    }

    #[test]
    fn a_tag_names_the_value_its_keys_and_the_rules_they_came_from() {
        let key = TagKey::from_secret(&[7; 32]);
        let phone = |rules: &Rules, raw: &str, key_: &str| {
            key.identifier(rules, IdentifierKind::Phone, raw, key_, Some("2025550143"))
        };
        let tag = phone(&us(), "(202) 555-0143", "+12025550143");
        assert!(holds(Some(&tag), &phone(&us(), "(202) 555-0143", "+12025550143")));
        // Another key, another value, another country, another secret: another tag.
        assert_ne!(tag, phone(&us(), "(202) 555-0143", "+12025550144"));
        assert_ne!(tag, phone(&us(), "(202) 555-0144", "+12025550143"));
        assert_ne!(tag, phone(&Rules { phone_country: Some("CA".into()) }, "(202) 555-0143", "+12025550143"));
        let other = TagKey::from_secret(&[8; 32]);
        assert_ne!(
            tag,
            other.identifier(&us(), IdentifierKind::Phone, "(202) 555-0143", "+12025550143", Some("2025550143"))
        );
        // The country is no part of a value that does not read it.
        let email = |rules: &Rules| key.identifier(rules, IdentifierKind::Email, "A@x.org", "a@x.org", None);
        assert_eq!(email(&us()), email(&Rules::default()));
        // A loose key of none is not an empty one, and fields do not run into each other.
        assert_ne!(
            key.identifier(&us(), IdentifierKind::Email, "a", "b", None),
            key.identifier(&us(), IdentifierKind::Email, "a", "b", Some(""))
        );
        assert_ne!(
            key.identifier(&us(), IdentifierKind::Email, "ab", "c", None),
            key.identifier(&us(), IdentifierKind::Email, "a", "bc", None)
        );
        let keys = |account: &str, wallet: Option<&str>| crate::store::payments::Keys {
            account: Some(account.into()),
            account_loose: None,
            wallet: wallet.map(Into::into),
        };
        assert_ne!(key.payment(("1", "2", ""), &keys("1:2", None)), key.payment(("1", "2", ""), &keys("1:3", None)));
        // The wallet a payment went to is part of what its tag vouches for.
        assert_ne!(
            key.payment(("1", "2", "w"), &keys("1:2", Some("w"))),
            key.payment(("1", "2", "w"), &keys("1:2", None))
        );
        assert!(!holds(None, &tag));
        assert!(!holds(Some(&tag[..15]), &tag));
    }
}
