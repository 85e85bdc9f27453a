//! Name-based UUIDs (RFC 9562 version 5: SHA-1 over a namespace and a name), so that exporting the
//! same case twice gives the same ids and a receiving platform updates what it already holds.

/// The namespace of every id vetdesk derives for a case's records.
pub const VETDESK: [u8; 16] =
    [0x5a, 0x1e, 0x7d, 0x3c, 0x8e, 0x42, 0x4b, 0x6f, 0x9a, 0x0d, 0x21, 0x77, 0xc4, 0xe3, 0x58, 0x90];

/// The namespace STIX 2.1 (section 2.9) gives for deterministic cyber-observable ids.
pub const STIX_SCO: [u8; 16] =
    [0x00, 0xab, 0xed, 0xb4, 0xaa, 0x42, 0x46, 0x6c, 0x9c, 0x01, 0xfe, 0xd2, 0x33, 0x15, 0xa9, 0xb7];

/// The version 5 UUID of `name` in `namespace`, in its hyphenated lowercase form.
pub fn uuid5(namespace: &[u8; 16], name: &str) -> String {
    hashed(namespace, name, 0x50)
}

/// A UUID with the version 4 layout whose 122 free bits come from the same hash as [`uuid5`] instead of
/// a random source: STIX 2.1 asks for version 4 ids on its domain objects, and a re-export must keep
/// them. It is stable, and as unlikely to collide as a random one, but not secret.
pub fn uuid4_layout(namespace: &[u8; 16], name: &str) -> String {
    hashed(namespace, name, 0x40)
}

fn hashed(namespace: &[u8; 16], name: &str, version: u8) -> String {
    let mut input = namespace.to_vec();
    input.extend_from_slice(name.as_bytes());
    let digest = sha1(&input);
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | version;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// SHA-1 (FIPS 180-4), used here only as UUID version 5 requires, never for integrity.
fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0];
    let mut msg = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 80];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5a82_7999),
                20..=39 => (b ^ c ^ d, 0x6ed9_eba1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8f1b_bcdc),
                _ => (b ^ c ^ d, 0xca62_c1d6),
            };
            let t = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha1_matches_the_standard_vectors() {
        let hex = |d: [u8; 20]| d.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(hex(sha1(b"abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(hex(sha1(b"")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        let long = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        assert_eq!(hex(sha1(long)), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    }

    #[test]
    fn uuid5_matches_the_rfc_example_and_the_stix_namespace() {
        // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
        let dns = [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];
        assert_eq!(uuid5(&dns, "www.example.com"), "2ed6657d-e927-568b-95e1-2665a8aea6a2");
        assert_ne!(uuid5(&STIX_SCO, "x"), uuid5(&VETDESK, "x"));
        let v4 = uuid4_layout(&VETDESK, "x");
        assert_eq!(&v4[14..15], "4", "{v4}");
        assert!("89ab".contains(&v4[19..20]), "the RFC variant: {v4}");
        assert_eq!(v4[15..], uuid5(&VETDESK, "x")[15..], "the same hash, only the version differs");
    }
}
