//! What a walk of the chain keeps of each scope it saw sealed: the digest the last row sealing it wrote,
//! and that row. A million-case walk keeps one per case, so each is kept small (see [`SealedDigest`]).

/// A scope's last seal in the chain: the digest, and the row that wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub digest: SealedDigest,
    pub row: i64,
}

/// A digest as an audit row's seal wrote it. vetdesk writes 64 lowercase hex digits, kept as their 32
/// bytes; anything else (a row written by other means) is kept as its text, and matches no records. Kept
/// as text each, with a second map for the rows, a million of them raised `audit verify`'s peak by 165,456
/// and 207,060 KB in two runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealedDigest {
    Bytes([u8; 32]),
    Text(Box<str>),
}

impl SealedDigest {
    /// The digest `text` holds.
    pub fn read(text: &str) -> SealedDigest {
        // Lowercase only: `unhex` reads upper case too, which vetdesk never writes.
        let lowercase = text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        match super::unhex(text).and_then(|bytes| <[u8; 32]>::try_from(bytes).ok()) {
            Some(bytes) if lowercase => SealedDigest::Bytes(bytes),
            _ => SealedDigest::Text(text.into()),
        }
    }

    /// Whether this is `digest`, as vetdesk writes it.
    pub fn is(&self, digest: &[u8; 32]) -> bool {
        matches!(self, SealedDigest::Bytes(bytes) if bytes == digest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_digits_vetdesk_writes_are_read_as_a_digest() {
        let digest: [u8; 32] = core::array::from_fn(|i| (i * 37 + 5) as u8);
        let written = super::super::hex(&digest);
        assert_eq!(&written[..8], "052a4f74");
        assert!(SealedDigest::read(&written).is(&digest));
        let mut other = digest;
        other[31] ^= 1;
        assert!(!SealedDigest::read(&written).is(&other));
        assert_eq!(SealedDigest::read(&written), SealedDigest::Bytes(digest));
        // Upper case, a digit short or over, or no hex at all: not what vetdesk writes, so it matches nothing.
        for other in [written.to_uppercase(), written[1..].to_string(), format!("{written}0"), "digest 5".into()] {
            let read = SealedDigest::read(&other);
            assert!(!read.is(&digest), "{other}");
            assert_eq!(read, SealedDigest::Text(other.as_str().into()));
        }
    }
}
