//! MinHash fingerprints of resume text, and the LSH bands that find similar ones without comparing
//! every pair.
//!
//! A resume becomes the set of its word 3-grams ("shingles"). The Jaccard similarity of two such sets is
//! estimated by the fraction of [`HASHES`] min-hash slots on which the two fingerprints agree; the slots
//! are grouped into [`BANDS`] bands of [`ROWS`], and two resumes that agree on a whole band become a
//! candidate pair worth comparing.
//!
//! Fingerprints and band keys are stored in the workspace, so nothing here may drift between runs,
//! machines or compilers: no `DefaultHasher`, no random seeds. Words are hashed with FNV-1a 64 and
//! SplitMix64's finaliser; the 128 permutations are `(a·x + b) mod (2^61 − 1)` with constants drawn from
//! SplitMix64 seeded with a fixed value. The one outside input is Unicode: lowercasing and what counts as
//! alphanumeric come from the standard library's Unicode tables, which in practice change only for newly
//! assigned characters.

/// Words per shingle.
///
/// Three is the middle ground between the two ways a resume comparison fails. Single words (k = 1) make
/// every two software engineers look alike: Go, Python, AWS, Kubernetes, PostgreSQL. Pairs still share
/// stock phrases ("cross functional", "ci cd"), and every shared shingle raises the chance that an
/// unrelated resume comes back from the bands. Three words in a row mostly come from the same sentence.
/// Longer shingles cost the near-duplicates instead: each changed word breaks k shingles, and a resume
/// re-submitted under another name changes words all over (name, email, phone, dates, cities). Exact
/// Jaccard on the fixtures in `tests/fixtures/resumes/`:
///
/// | k | same resume, other identity | unrelated, same field (highest of 5 pairs) |
/// |---|-----------------------------|--------------------------------------------|
/// | 1 | 0.83                        | 0.17                                       |
/// | 2 | 0.74                        | 0.022                                      |
/// | 3 | 0.70                        | 0.007                                      |
/// | 4 | 0.67                        | 0.001                                      |
/// | 5 | 0.64                        | 0                                          |
///
/// k = 2 would separate these too, but unrelated pairs at 0.02 rather than 0.007 come back from the
/// bands roughly ten times as often ([`BANDS`]).
pub const SHINGLE_WORDS: usize = 3;

/// Min-hash slots per fingerprint. The estimate's standard error is √(J(1−J)/128): at most 0.044.
pub const HASHES: usize = 128;

/// LSH bands. Resumes whose fingerprints agree on all [`ROWS`] slots of any one band are candidates.
///
/// With b bands of r rows, a pair of similarity s becomes a candidate with probability
/// 1 − (1 − s^r)^b ([`candidate_chance`]). Many short bands make that S-curve rise early, so a search
/// misses almost nothing above [`MIN_THRESHOLD`]; the price is more unrelated candidates, which are cheap
/// to reject with [`Fingerprint::similarity`]. b = 64, r = 2 gives:
///
/// | s    | 0.05 | 0.1  | 0.2  | 0.3   | 0.5       |
/// |------|------|------|------|-------|-----------|
/// | P    | 0.15 | 0.47 | 0.93 | 0.998 | 1 − 1e-8  |
///
/// Unrelated resumes in the same field sit below s = 0.01 (P ≈ 0.006), so among 100,000 resumes a
/// lookup brings back hundreds of candidates, not tens of thousands.
pub const BANDS: usize = 64;

/// Slots per band; see [`BANDS`].
pub const ROWS: usize = 2;

const _: () = assert!(BANDS * ROWS == HASHES);

/// The similarity at which two resumes are flagged unless the investigator chooses otherwise.
///
/// Two resumes of equal length reach it when two thirds of their shingles are shared. The same resume
/// under another identity scores well above it (0.70 exact, 0.69 estimated on the fixtures, with the name,
/// contact lines, dates and a few bullets changed); unrelated resumes in the same field score under 0.01.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// The lowest threshold the banding serves reliably: a pair at 0.3 becomes a candidate with probability
/// 1 − (1 − 0.3²)^64 ≈ 0.998. Below it, pairs start to slip through the bands unseen (0.93 at 0.2).
pub const MIN_THRESHOLD: f64 = 0.3;

const _: () = assert!(MIN_THRESHOLD <= DEFAULT_THRESHOLD);

/// Length of [`Fingerprint::to_bytes`].
pub const ENCODED_LEN: usize = TAG.len() + 4 + 4 * HASHES;

/// Names the version of everything that feeds a slot: normalisation, [`SHINGLE_WORDS`], the hashes and
/// their constants. Change it whenever one of them changes, so old fingerprints are refused rather than
/// compared with new ones as if they meant the same thing.
const TAG: [u8; 4] = *b"VDM1";

/// The Mersenne prime 2^61 − 1: the permutations' modulus, cheap to reduce by.
const PRIME: u64 = (1 << 61) - 1;

/// Seed of the permutation constants ("vetdesk1" in ASCII).
const SEED: u64 = 0x7665_7464_6573_6b31;

/// SplitMix64's increment.
const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// The (a, b) of each permutation x ↦ (a·x + b) mod [`PRIME`], with 1 ≤ a < PRIME and 0 ≤ b < PRIME.
const PERMUTATIONS: [(u64, u64); HASHES] = permutations();

/// What a resume's text looks like to near-duplicate detection.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    /// Distinct shingles in the text (saturating): tells a one-line note from a full resume.
    pub shingles: u32,
    /// Per permutation, the low 32 bits of the smallest permuted shingle hash.
    pub minhash: [u32; HASHES],
}

impl Fingerprint {
    /// Fingerprints `text`, or `None` when it has fewer than [`SHINGLE_WORDS`] words.
    ///
    /// Text is lowercased and split on anything that is not a letter or digit (Unicode-aware), so
    /// punctuation, bullets, layout and line breaks do not matter; only the order of words does.
    pub fn of_text(text: &str) -> Option<Fingerprint> {
        let shingles = shingle_hashes(text);
        if shingles.is_empty() {
            return None;
        }
        let mut lowest = [u64::MAX; HASHES];
        for &x in &shingles {
            for (low, &(a, b)) in lowest.iter_mut().zip(&PERMUTATIONS) {
                *low = (*low).min(permute(a, b, x));
            }
        }
        // Each minimum identifies one shingle; two different ones agree on their low 32 bits with
        // probability 2^-32, which leaves the estimate untouched and halves the storage.
        let minhash = lowest.map(|low| low as u32);
        Some(Fingerprint { shingles: u32::try_from(shingles.len()).unwrap_or(u32::MAX), minhash })
    }

    /// The stored form, [`ENCODED_LEN`] bytes: the tag `VDM1`, then `shingles`, then the slots in order,
    /// each a little-endian `u32`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(ENCODED_LEN);
        bytes.extend_from_slice(&TAG);
        bytes.extend_from_slice(&self.shingles.to_le_bytes());
        for slot in &self.minhash {
            bytes.extend_from_slice(&slot.to_le_bytes());
        }
        bytes
    }

    /// Reads [`Fingerprint::to_bytes`] back; `None` for any other length or another version's tag (the
    /// file should then be fingerprinted again).
    pub fn from_bytes(bytes: &[u8]) -> Option<Fingerprint> {
        let rest = bytes.strip_prefix(&TAG)?;
        if rest.len() != ENCODED_LEN - TAG.len() {
            return None;
        }
        let mut words = rest.chunks_exact(4).map(|chunk| {
            let mut word = [0u8; 4];
            word.copy_from_slice(chunk);
            u32::from_le_bytes(word)
        });
        let shingles = words.next()?;
        let mut minhash = [0u32; HASHES];
        for (slot, word) in minhash.iter_mut().zip(words) {
            *slot = word;
        }
        Some(Fingerprint { shingles, minhash })
    }

    /// Estimated Jaccard similarity of the two texts' shingle sets: the fraction of equal slots.
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        let equal = self.minhash.iter().zip(&other.minhash).filter(|(a, b)| a == b).count();
        equal as f64 / HASHES as f64
    }

    /// One key per band, for an indexed column: two fingerprints that share any key (at the same band
    /// index) are candidates. The band index is hashed in, so equal slot values in different bands do not
    /// collide.
    pub fn band_keys(&self) -> [i64; BANDS] {
        let mut keys = [0i64; BANDS];
        for (band, (key, rows)) in keys.iter_mut().zip(self.minhash.chunks_exact(ROWS)).enumerate() {
            let mut hash = Fnv1a::new();
            hash.write(&(band as u32).to_le_bytes());
            for slot in rows {
                hash.write(&slot.to_le_bytes());
            }
            // SQLite integers are signed; keep all 64 bits.
            *key = mix64(hash.0) as i64;
        }
        keys
    }
}

/// The chance that a pair of true similarity `s` shares at least one band key: 1 − (1 − s^ROWS)^BANDS.
pub fn candidate_chance(s: f64) -> f64 {
    1.0 - (1.0 - s.powi(ROWS as i32)).powi(BANDS as i32)
}

/// The distinct shingles of `text`, each hashed to a value below [`PRIME`], sorted.
fn shingle_hashes(text: &str) -> Vec<u64> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = words(&lower).collect();
    let mut hashes: Vec<u64> = words.windows(SHINGLE_WORDS).map(shingle_hash).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// The words of already-lowercased text.
fn words(lower: &str) -> impl Iterator<Item = &str> {
    lower.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty())
}

fn shingle_hash(words: &[&str]) -> u64 {
    let mut hash = Fnv1a::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            // Words never contain a space, so the joined form is unambiguous.
            hash.write(b" ");
        }
        hash.write(word.as_bytes());
    }
    // FNV-1a mixes its last bytes weakly; the finaliser spreads every bit of the shingle over the value
    // the permutations see, as their min-wise behaviour assumes.
    reduce(mix64(hash.0))
}

/// FNV-1a, 64-bit: a fixed, published function, so stored fingerprints stay comparable.
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// SplitMix64's finaliser: a fixed bijection on u64 that mixes every input bit into every output bit.
const fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// `x mod PRIME` for any u64, using 2^61 ≡ 1 (mod PRIME).
const fn reduce(x: u64) -> u64 {
    let r = (x & PRIME) + (x >> 61);
    if r >= PRIME { r - PRIME } else { r }
}

/// (a·x + b) mod PRIME, for a, b, x below PRIME: a bijection on 0..PRIME, so equal minima mean the same
/// shingle.
fn permute(a: u64, b: u64, x: u64) -> u64 {
    let v = u128::from(a) * u128::from(x) + u128::from(b);
    // v < 2^122: fold the high bits onto the low 61 (again 2^61 ≡ 1), then reduce once more.
    reduce((v as u64 & PRIME) + (v >> 61) as u64)
}

const fn permutations() -> [(u64, u64); HASHES] {
    let mut table = [(0, 0); HASHES];
    let mut state = SEED;
    let mut i = 0;
    while i < HASHES {
        state = state.wrapping_add(GAMMA);
        let a = 1 + mix64(state) % (PRIME - 1);
        state = state.wrapping_add(GAMMA);
        let b = mix64(state) % PRIME;
        table[i] = (a, b);
        i += 1;
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const WHITFIELD: &str = include_str!("../../tests/fixtures/resumes/backend_whitfield.txt");
    const CALDWELL: &str = include_str!("../../tests/fixtures/resumes/backend_caldwell.txt");
    const LINDQVIST: &str = include_str!("../../tests/fixtures/resumes/platform_lindqvist.txt");
    const OKONKWO: &str = include_str!("../../tests/fixtures/resumes/fullstack_okonkwo.txt");

    fn fingerprint(text: &str) -> Fingerprint {
        Fingerprint::of_text(text).unwrap()
    }

    /// Exact Jaccard of the k-word shingle sets, on the words themselves rather than their hashes.
    fn exact_jaccard(a: &str, b: &str, k: usize) -> f64 {
        let set = |text: &str| -> HashSet<Vec<String>> {
            let lower = text.to_lowercase();
            let words: Vec<String> = words(&lower).map(str::to_string).collect();
            words.windows(k).map(<[String]>::to_vec).collect()
        };
        let (a, b) = (set(a), set(b));
        a.intersection(&b).count() as f64 / a.union(&b).count() as f64
    }

    #[test]
    fn the_same_resume_under_another_identity_scores_high_and_close_to_exact() {
        let estimate = fingerprint(WHITFIELD).similarity(&fingerprint(CALDWELL));
        let exact = exact_jaccard(WHITFIELD, CALDWELL, SHINGLE_WORDS);
        assert!(estimate >= 0.6, "estimate {estimate}");
        assert!((estimate - exact).abs() <= 0.1, "estimate {estimate}, exact {exact}");
        assert!(estimate >= DEFAULT_THRESHOLD);
    }

    #[test]
    fn unrelated_resumes_in_the_same_field_score_low() {
        let pairs = [
            (WHITFIELD, LINDQVIST),
            (WHITFIELD, OKONKWO),
            (CALDWELL, LINDQVIST),
            (CALDWELL, OKONKWO),
            (LINDQVIST, OKONKWO),
        ];
        for (a, b) in pairs {
            let estimate = fingerprint(a).similarity(&fingerprint(b));
            assert!(estimate < 0.2, "estimate {estimate}");
            assert!(exact_jaccard(a, b, SHINGLE_WORDS) < 0.05);
        }
    }

    #[test]
    fn identical_text_scores_one_whatever_the_layout() {
        let reflowed = WHITFIELD.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase();
        assert_eq!(fingerprint(WHITFIELD).similarity(&fingerprint(WHITFIELD)), 1.0);
        assert_eq!(fingerprint(WHITFIELD), fingerprint(&reflowed));
    }

    #[test]
    fn reordered_sections_still_score_high() {
        let mut sections: Vec<&str> = WHITFIELD.split("\n\n").collect();
        assert!(sections.len() >= 6);
        sections.reverse();
        let reordered = sections.join("\n\n");
        let similarity = fingerprint(WHITFIELD).similarity(&fingerprint(&reordered));
        assert!(similarity >= 0.85, "{similarity}");
    }

    #[test]
    fn the_estimate_tracks_exact_jaccard_across_the_range() {
        // Keep a growing prefix of one resume's words and append another's: every mix from unrelated to
        // identical.
        let a: Vec<&str> = WHITFIELD.split_whitespace().collect();
        let b: Vec<&str> = LINDQVIST.split_whitespace().collect();
        for keep in [0, a.len() / 4, a.len() / 2, 3 * a.len() / 4, a.len()] {
            let mixed = [&a[..keep], &b[..b.len() * (a.len() - keep) / a.len()]].concat().join(" ");
            if mixed.split_whitespace().count() < SHINGLE_WORDS {
                continue;
            }
            let estimate = fingerprint(WHITFIELD).similarity(&fingerprint(&mixed));
            let exact = exact_jaccard(WHITFIELD, &mixed, SHINGLE_WORDS);
            assert!((estimate - exact).abs() <= 0.15, "keep {keep}: estimate {estimate}, exact {exact}");
        }
    }

    #[test]
    fn too_few_words_make_no_fingerprint() {
        assert_eq!(Fingerprint::of_text(""), None);
        assert_eq!(Fingerprint::of_text("  -- • --  "), None);
        assert_eq!(Fingerprint::of_text("Senior engineer"), None);
        assert_eq!(fingerprint("Senior Rust engineer").shingles, 1);
    }

    #[test]
    fn words_are_unicode_letters_and_digits_lowercased() {
        let lower = "José Núñez — Backend/Go, C++ & Node.js; 北京 2019–2023".to_lowercase();
        let found: Vec<&str> = words(&lower).collect();
        assert_eq!(found, ["josé", "núñez", "backend", "go", "c", "node", "js", "北京", "2019", "2023"]);
        // Greek final sigma: the whole-string lowercasing makes the capitalised form match the typed one.
        assert_eq!(fingerprint("ΟΔΟΣ ΚΑΙ ΟΔΟΣ"), fingerprint("οδος και οδος"));
    }

    #[test]
    fn bytes_round_trip_and_other_lengths_or_versions_are_refused() {
        let print = fingerprint(WHITFIELD);
        let bytes = print.to_bytes();
        assert_eq!(bytes.len(), ENCODED_LEN);
        assert_eq!(bytes.len(), 520);
        assert_eq!(Fingerprint::from_bytes(&bytes), Some(print));
        assert_eq!(Fingerprint::from_bytes(&bytes[..ENCODED_LEN - 1]), None);
        assert_eq!(Fingerprint::from_bytes(&[bytes.as_slice(), &[0]].concat()), None);
        assert_eq!(Fingerprint::from_bytes(&[]), None);
        let mut other_version = bytes.clone();
        other_version[3] = b'2';
        assert_eq!(Fingerprint::from_bytes(&other_version), None);
    }

    #[test]
    fn band_keys_are_equal_for_equal_fingerprints_and_mix_in_the_band() {
        let a = fingerprint(WHITFIELD);
        assert_eq!(a.band_keys(), fingerprint(WHITFIELD).band_keys());
        let keys = fingerprint(WHITFIELD).band_keys();
        assert_eq!(keys.iter().collect::<HashSet<_>>().len(), BANDS);
        // A one-shingle text has the same value in every slot; its bands must still differ.
        let uniform = fingerprint("senior rust engineer").band_keys();
        assert_eq!(uniform.iter().collect::<HashSet<_>>().len(), BANDS);
        // The near-duplicate shares many bands; an unrelated resume shares none.
        let shared = |x: &Fingerprint, y: &Fingerprint| {
            x.band_keys().iter().zip(y.band_keys()).filter(|(p, q)| **p == *q).count()
        };
        assert!(shared(&a, &fingerprint(CALDWELL)) >= 20);
        assert_eq!(shared(&a, &fingerprint(OKONKWO)), 0);
    }

    #[test]
    fn the_bands_find_pairs_at_the_thresholds() {
        assert!(candidate_chance(MIN_THRESHOLD) >= 0.99);
        assert!(candidate_chance(DEFAULT_THRESHOLD) >= 0.9999);
        assert!(candidate_chance(0.02) < 0.05);
    }

    /// Fingerprints live in workspaces: any change to normalisation, hashing or constants must show up
    /// here, and comes with a new [`TAG`]. The values were checked against an independent implementation
    /// of the scheme described in the module documentation.
    #[test]
    fn a_known_text_keeps_its_fingerprint() {
        let print = fingerprint("Senior backend engineer, nine years of Go and PostgreSQL.");
        assert_eq!(print.shingles, 7);
        assert_eq!(print.minhash[..4], [2808541763, 1172070965, 2479383343, 2383939483]);
        assert_eq!(print.band_keys()[..2], [-4309924879939237224, 2759088185610738087]);
        assert_eq!(PERMUTATIONS[0], (585431853710196920, 1275370037153609250));
    }

    #[test]
    fn the_hash_building_blocks_match_their_published_values() {
        let mut fnv = Fnv1a::new();
        fnv.write(b"a");
        assert_eq!(fnv.0, 0xaf63_dc4c_8601_ec8c);
        // SplitMix64 seeded with 1234567: the first output of the reference implementation.
        assert_eq!(mix64(1234567u64.wrapping_add(GAMMA)), 6457827717110365317);
    }

    #[test]
    fn permute_reduces_at_the_edges() {
        assert_eq!(reduce(PRIME), 0);
        assert_eq!(reduce(u64::MAX), (u64::MAX % PRIME));
        let (a, b) = (PRIME - 1, PRIME - 1);
        let expected = ((u128::from(a) * u128::from(PRIME - 1) + u128::from(b)) % u128::from(PRIME)) as u64;
        assert_eq!(permute(a, b, PRIME - 1), expected);
        assert!(PERMUTATIONS.iter().all(|&(a, b)| (1..PRIME).contains(&a) && b < PRIME));
    }
}
